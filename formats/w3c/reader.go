package w3c

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// rawAnnotation is a Web Annotation as read: bodies and targets may be
// strings, objects or arrays of either.
type rawAnnotation struct {
	ID         string          `json:"id"`
	Type       json.RawMessage `json:"type"`
	Motivation json.RawMessage `json:"motivation"`
	Creator    json.RawMessage `json:"creator"`
	Created    string          `json:"created"`
	Modified   string          `json:"modified"`
	Body       json.RawMessage `json:"body"`
	BodyValue  *string         `json:"bodyValue"`
	Target     json.RawMessage `json:"target"`
	// Containers.
	First json.RawMessage   `json:"first"`
	Items []json.RawMessage `json:"items"`
}

type rawBody struct {
	ID      string          `json:"id"`
	Type    json.RawMessage `json:"type"`
	Purpose json.RawMessage `json:"purpose"`
	Value   *string         `json:"value"`
}

type rawTarget struct {
	ID       string          `json:"id"`
	Source   string          `json:"source"`
	Selector json.RawMessage `json:"selector"`
}

type rawSelector struct {
	Type   string `json:"type"`
	Start  *int   `json:"start"`
	End    *int   `json:"end"`
	Exact  string `json:"exact"`
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
}

// pending is an annotation read but not yet placed: links are resolved
// once every annotation of the file is known.
type pending struct {
	bundle, index int
}

type linkRef struct {
	from, to string
	typ      annotation.LinkType
	line     int
}

type reader struct {
	name     string
	lookup   dataset.Lookup
	rep      *dataset.Report
	ds       dataset.Dataset
	labels   dataset.Labels
	byDoc    map[string]int // document key -> bundle index
	offsets  []*annotation.Offsets
	byIRI    map[string]pending
	links    []linkRef
	entities map[string]uint64
	nextID   uint64
}

// Read reads Web Annotations from r: an AnnotationCollection (with its
// first page embedded), an AnnotationPage, a JSON array of annotations, a
// single annotation, or one annotation per line. Targets name documents by
// URL or urn:sha256; lookup finds them in the open project. A span whose
// TextPositionSelector does not hold the TextQuoteSelector's text is
// re-anchored by the quote, prefix and suffix, with a warning; one that
// cannot be found is dropped and counted. name is used in messages.
func Read(r io.Reader, name string, lookup dataset.Lookup) (dataset.Dataset, dataset.Report, error) {
	rd := &reader{name: name, lookup: lookup, rep: &dataset.Report{Format: "w3c"},
		byDoc: map[string]int{}, byIRI: map[string]pending{}, entities: map[string]uint64{}}
	data, err := io.ReadAll(r)
	if err != nil {
		return dataset.Dataset{}, *rd.rep, fmt.Errorf("%s: %w", name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		start := dec.InputOffset()
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return dataset.Dataset{}, *rd.rep, dataset.Errorf(name, lineAt(data, errorOffset(err, len(data))), "invalid JSON: %v", err)
		}
		line := lineAt(data, skipSpace(data, int(start)))
		if err := rd.value(raw, line, 0); err != nil {
			return dataset.Dataset{}, *rd.rep, err
		}
	}
	rd.resolveLinks()
	rd.ds.Labels = rd.labels.Set()
	rd.rep.NewLabels = rd.labels.Inferred()
	rd.rep.Count(rd.ds)
	return rd.ds, *rd.rep, nil
}

func errorOffset(err error, fallback int) int {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return int(se.Offset)
	}
	return fallback
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t' || data[i] == ',') {
		i++
	}
	return i
}

// lineAt is the 1-based line of byte offset off.
func lineAt(data []byte, off int) int {
	if off > len(data) {
		off = len(data)
	}
	return 1 + bytes.Count(data[:off], []byte{'\n'})
}

// value reads one top-level JSON value: an annotation, a container or an
// array of either.
func (rd *reader) value(raw json.RawMessage, line, depth int) error {
	if depth > 4 {
		return dataset.Errorf(rd.name, line, "annotations nested too deep")
	}
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var items []json.RawMessage
		if err := json.Unmarshal(trimmed, &items); err != nil {
			return dataset.Errorf(rd.name, line, "invalid JSON array: %v", err)
		}
		for _, it := range items {
			if err := rd.value(it, line, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return dataset.Errorf(rd.name, line, "expected a JSON object, found %.20s", trimmed)
	}
	var a rawAnnotation
	if err := json.Unmarshal(trimmed, &a); err != nil {
		return dataset.Errorf(rd.name, line, "not a Web Annotation: %v", err)
	}
	types := strings1(a.Type)
	switch {
	case has(types, "AnnotationCollection"):
		if len(a.First) == 0 {
			return nil
		}
		if bytes.HasPrefix(bytes.TrimSpace(a.First), []byte{'"'}) {
			return dataset.Errorf(rd.name, line, "the collection's first page is a link (%s), not embedded: download the pages and import them", bytes.TrimSpace(a.First))
		}
		return rd.value(a.First, line, depth+1)
	case has(types, "AnnotationPage"):
		for _, it := range a.Items {
			if err := rd.value(it, line, depth+1); err != nil {
				return err
			}
		}
		return nil
	case has(types, "Annotation"):
		rd.annotation(a, line)
		return nil
	}
	return dataset.Errorf(rd.name, line, "object of type %v is not an Annotation, AnnotationPage or AnnotationCollection", types)
}

// strings1 decodes a JSON string or array of strings.
func strings1(raw json.RawMessage) []string {
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return []string{one}
	}
	var many []string
	json.Unmarshal(raw, &many)
	return many
}

// list decodes a value that may be one item or an array of items.
func list(raw json.RawMessage) []json.RawMessage {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || string(t) == "null" {
		return nil
	}
	if t[0] == '[' {
		var items []json.RawMessage
		json.Unmarshal(t, &items)
		return items
	}
	return []json.RawMessage{t}
}

func has(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func (rd *reader) annotation(a rawAnnotation, line int) {
	targets := list(a.Target)
	if len(targets) == 0 {
		rd.rep.Warn(rd.name, line, "annotation %s has no target", a.ID)
		rd.rep.Drop("annotation without a target")
		return
	}
	// An annotation whose targets are all IRIs (no selectors) is a link
	// from those resources to the IRIs among its bodies.
	var iris []string
	for _, t := range targets {
		var s string
		if json.Unmarshal(t, &s) == nil {
			iris = append(iris, s)
		}
	}
	if len(iris) == len(targets) {
		rd.link(a, iris, line)
		return
	}
	ann := annotation.Annotation{Provenance: annotation.Provenance{Origin: annotation.OriginImport}}
	ann.Created, _ = time.Parse(time.RFC3339, a.Created)
	ann.Modified, _ = time.Parse(time.RFC3339, a.Modified)
	ann.Author = creatorName(a.Creator)
	rd.bodies(&ann, a, line)
	bundle := -1
	for _, t := range targets {
		var tg rawTarget
		if json.Unmarshal(t, &tg) != nil || tg.Source == "" {
			rd.rep.Drop("target without a source")
			continue
		}
		b, ok := rd.document(tg.Source, line)
		if !ok {
			continue
		}
		if bundle >= 0 && b != bundle {
			rd.rep.Warn(rd.name, line, "annotation %s targets two documents; only the first is kept", a.ID)
			rd.rep.Drop("target in another document than the annotation's first")
			continue
		}
		bundle = b
		if s, ok := rd.span(rd.offsets[b], tg, a.ID, line); ok {
			ann.Spans = append(ann.Spans, s)
		}
	}
	if bundle < 0 || len(ann.Spans) == 0 {
		rd.rep.Drop("annotation with no span found in a project document")
		return
	}
	ann.Spans = dataset.FinishSpans(rd.offsets[bundle], ann.Spans)
	rd.labels.Use(ann.Label)
	rd.nextID++
	ann.ID = rd.nextID
	bd := &rd.ds.Bundles[bundle]
	ann.DocID = bd.Document.ID
	bd.Annotations = append(bd.Annotations, ann)
	if a.ID != "" {
		rd.byIRI[a.ID] = pending{bundle: bundle, index: len(bd.Annotations) - 1}
	}
}

func creatorName(raw json.RawMessage) string {
	for _, c := range list(raw) {
		var ag struct {
			Name     json.RawMessage `json:"name"`
			Nickname string          `json:"nickname"`
		}
		if json.Unmarshal(c, &ag) != nil {
			continue
		}
		if n := strings1(ag.Name); len(n) > 0 && n[0] != "" {
			return n[0]
		}
		if ag.Nickname != "" {
			return ag.Nickname
		}
	}
	return ""
}

func (rd *reader) bodies(ann *annotation.Annotation, a rawAnnotation, line int) {
	var notes []string
	if a.BodyValue != nil {
		notes = append(notes, *a.BodyValue)
	}
	for _, raw := range list(a.Body) {
		var b rawBody
		if json.Unmarshal(raw, &b) != nil || b.Value == nil {
			rd.rep.Drop("body that is not a TextualBody")
			continue
		}
		v := *b.Value
		purposes := strings1(b.Purpose)
		switch {
		case has(purposes, purposeTagging) && ann.Label == "":
			ann.Label = v
		case has(purposes, purposeDescribing):
			if name, val, ok := strings.Cut(v, ": "); ok {
				if ann.Attributes == nil {
					ann.Attributes = map[string]string{}
				}
				ann.Attributes[name] = val
			} else {
				notes = append(notes, v)
			}
		case has(purposes, purposeIdentifying):
			ann.Entity = rd.entity(v)
		case len(purposes) == 0 || has(purposes, purposeCommenting):
			notes = append(notes, v)
		default:
			rd.rep.Drop(fmt.Sprintf("body with purpose %s", strings.Join(purposes, ",")))
		}
	}
	if ann.Label == "" {
		ann.Label = "Annotation"
		rd.rep.Warn(rd.name, line, "annotation %s has no tagging body; labelled %q", a.ID, ann.Label)
	}
	ann.Note = strings.Join(notes, "\n\n")
}

func (rd *reader) entity(name string) uint64 {
	if id, ok := rd.entities[name]; ok {
		return id
	}
	id := uint64(len(rd.ds.Entities) + 1)
	rd.ds.Entities = append(rd.ds.Entities, annotation.Entity{ID: id, Name: name})
	rd.entities[name] = id
	return id
}

// document finds the bundle of the document src names, asking lookup the
// first time.
func (rd *reader) document(src string, line int) (int, bool) {
	if i, ok := rd.byDoc[src]; ok {
		return i, i >= 0
	}
	var doc annotation.Document
	found := false
	if rd.lookup != nil {
		if sha, ok := shaFromSource(src); ok {
			doc, found = rd.lookup(sha, "")
		} else {
			doc, found = rd.lookup("", src)
		}
	}
	if !found {
		rd.byDoc[src] = -1
		rd.rep.Warn(rd.name, line, "document %s is not in the project: import it first; its annotations are skipped", src)
		rd.rep.Drop("annotation on a document not in the project")
		return -1, false
	}
	rd.byDoc[src] = len(rd.ds.Bundles)
	rd.ds.Bundles = append(rd.ds.Bundles, annotation.Bundle{Document: doc})
	rd.offsets = append(rd.offsets, annotation.NewOffsets(doc.Text))
	return len(rd.ds.Bundles) - 1, true
}

// span anchors one target in the text.
func (rd *reader) span(o *annotation.Offsets, tg rawTarget, id string, line int) (annotation.Span, bool) {
	var pos, quote *rawSelector
	for _, raw := range list(tg.Selector) {
		var s rawSelector
		if json.Unmarshal(raw, &s) != nil {
			continue
		}
		switch s.Type {
		case "TextPositionSelector":
			if s.Start != nil && s.End != nil {
				pos = &s
			}
		case "TextQuoteSelector":
			quote = &s
		}
	}
	switch {
	case pos == nil && quote == nil:
		rd.rep.Drop("target without a text position or quote selector")
		return annotation.Span{}, false
	case quote == nil:
		sp, err := annotation.NewSpan(o, *pos.Start, *pos.End)
		if err != nil {
			rd.rep.Warn(rd.name, line, "annotation %s: %v", id, err)
			rd.rep.Drop("span outside the text")
			return annotation.Span{}, false
		}
		return sp, true
	}
	start, end := -1, -1
	if pos != nil {
		start, end = *pos.Start, *pos.End
	}
	s, e, moved, ok := dataset.Anchor(o, start, end, quote.Exact, quote.Prefix, quote.Suffix)
	if !ok {
		rd.rep.Warn(rd.name, line, "annotation %s: quote %q is not in the document", id, quote.Exact)
		rd.rep.Drop("quote not found in the text")
		return annotation.Span{}, false
	}
	if moved && pos != nil {
		rd.rep.Warn(rd.name, line, "annotation %s: position %d-%d does not hold %q; re-anchored by quote at %d-%d", id, start, end, quote.Exact, s, e)
	}
	sp, err := annotation.NewSpan(o, s, e)
	return sp, err == nil
}

func (rd *reader) link(a rawAnnotation, froms []string, line int) {
	typ := annotation.LinkOther
	var tos []string
	for _, raw := range list(a.Body) {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			tos = append(tos, s)
			continue
		}
		var b rawBody
		if json.Unmarshal(raw, &b) == nil && b.Value != nil && has(strings1(b.Purpose), purposeTagging) {
			typ = dataset.RelationType(*b.Value)
		} else if b.ID != "" {
			tos = append(tos, b.ID)
		}
	}
	if len(tos) == 0 {
		rd.rep.Drop("annotation of annotations without a body to link to")
		return
	}
	for _, f := range froms {
		for _, t := range tos {
			rd.links = append(rd.links, linkRef{from: f, to: t, typ: typ, line: line})
		}
	}
}

func (rd *reader) resolveLinks() {
	for _, l := range rd.links {
		from, ok1 := rd.byIRI[l.from]
		to, ok2 := rd.byIRI[l.to]
		switch {
		case !ok1 || !ok2:
			rd.rep.Drop("link to an annotation not imported")
			continue
		case from.bundle != to.bundle:
			rd.rep.Warn(rd.name, l.line, "link from %s to %s crosses documents", l.from, l.to)
			rd.rep.Drop("link between documents")
			continue
		}
		b := &rd.ds.Bundles[from.bundle]
		a := &b.Annotations[from.index]
		a.Links = append(a.Links, annotation.Link{Type: l.typ, Target: b.Annotations[to.index].ID})
	}
}
