package labelstudio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"glossa/annotation"
	"glossa/formats/dataset"
)

type inTask struct {
	ID          json.RawMessage `json:"id"`
	Data        map[string]any  `json:"data"`
	Annotations []inAnnotation  `json:"annotations"`
	Predictions []inAnnotation  `json:"predictions"`
}

type inAnnotation struct {
	Result       []inResult      `json:"result"`
	WasCancelled bool            `json:"was_cancelled"`
	CompletedBy  json.RawMessage `json:"completed_by"`
}

type inResult struct {
	ID        string   `json:"id"`
	FromName  string   `json:"from_name"`
	Type      string   `json:"type"`
	Value     inValue  `json:"value"`
	FromID    string   `json:"from_id"`
	ToID      string   `json:"to_id"`
	Direction string   `json:"direction"`
	Labels    []string `json:"labels"`
}

type inValue struct {
	Start   *int            `json:"start"`
	End     *int            `json:"end"`
	Text    json.RawMessage `json:"text"`
	Labels  []string        `json:"labels"`
	Choices []string        `json:"choices"`
}

// Read reads Label Studio tasks from r: a JSON array of tasks, one task, or
// one task per line. Every region's text is checked against the task's
// text at its offsets (code points); offsets that only fit as UTF-16 units
// are converted, others re-anchored by the text or dropped, and reported.
// name is used in messages.
func Read(r io.Reader, name string) (dataset.Dataset, dataset.Report, error) {
	rd := &reader{name: name, rep: &dataset.Report{Format: "labelstudio"}, entities: map[string]uint64{}}
	data, err := io.ReadAll(r)
	if err != nil {
		return rd.ds, *rd.rep, fmt.Errorf("%s: %w", name, err)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		start := int(dec.InputOffset())
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			off := len(data)
			var se *json.SyntaxError
			if errors.As(err, &se) {
				off = int(se.Offset)
			}
			return rd.ds, *rd.rep, dataset.Errorf(name, lineAt(data, off), "invalid JSON: %v", err)
		}
		base := lineAt(data, start+len(raw)-len(bytes.TrimLeft(raw, " \t\r\n")))
		if err := rd.value(raw, base); err != nil {
			return rd.ds, *rd.rep, err
		}
	}
	rd.ds.Labels = rd.labels.Set()
	rd.rep.NewLabels = rd.labels.Inferred()
	rd.rep.Count(rd.ds)
	return rd.ds, *rd.rep, nil
}

func lineAt(data []byte, off int) int {
	if off > len(data) {
		off = len(data)
	}
	return 1 + bytes.Count(data[:off], []byte{'\n'})
}

type reader struct {
	name     string
	rep      *dataset.Report
	ds       dataset.Dataset
	labels   dataset.Labels
	entities map[string]uint64
}

func (rd *reader) value(raw json.RawMessage, line int) error {
	t := bytes.TrimSpace(raw)
	if len(t) > 0 && t[0] == '[' {
		var tasks []json.RawMessage
		if err := json.Unmarshal(t, &tasks); err != nil {
			return dataset.Errorf(rd.name, line, "invalid JSON array: %v", err)
		}
		// Line numbers of the tasks in the array, for messages.
		pos := 0
		for i, task := range tasks {
			if k := bytes.Index(t[pos:], bytes.TrimSpace(task)); k >= 0 {
				pos += k
			}
			if err := rd.task(task, line+bytes.Count(t[:pos], []byte{'\n'}), i+1); err != nil {
				return err
			}
		}
		return nil
	}
	return rd.task(t, line, 1)
}

func (rd *reader) task(raw json.RawMessage, line, n int) error {
	var tk inTask
	if err := json.Unmarshal(raw, &tk); err != nil {
		return dataset.Errorf(rd.name, line, "task %d is not a Label Studio task: %v", n, err)
	}
	text, ok := tk.Data["text"].(string)
	if !ok {
		var keys []string
		for k, v := range tk.Data {
			if s, isString := v.(string); isString && s != "" {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		if len(keys) != 1 {
			return dataset.Errorf(rd.name, line, "task %d has no data.text (data fields: %v)", n, keys)
		}
		text = tk.Data[keys[0]].(string)
	}
	norm, err := annotation.NormalizeText(text)
	if err != nil {
		return dataset.Errorf(rd.name, line, "task %d: %v", n, err)
	}
	if norm != text {
		return dataset.Errorf(rd.name, line, "task %d: text holds CR characters or a byte order mark, which Glossa removes; offsets would shift", n)
	}
	title, _ := tk.Data["title"].(string)
	if title == "" {
		title = fmt.Sprintf("%s task %d", rd.name, n)
		if len(tk.ID) > 0 {
			title = fmt.Sprintf("%s task %s", rd.name, bytes.Trim(tk.ID, `"`))
		}
	}
	url, _ := tk.Data["url"].(string)
	b := annotation.Bundle{Document: annotation.Document{Title: title, URL: url, Text: text,
		SHA256: annotation.TextSHA256(text), Status: annotation.StatusNew, Origin: rd.name}}
	tb := &taskBuild{rd: rd, line: line, o: annotation.NewOffsets(text), b: &b, regions: map[string]int{}}
	anns := tk.Annotations
	if len(anns) == 0 {
		anns = tk.Predictions
	}
	for k, a := range anns {
		if a.WasCancelled {
			rd.rep.Drop("cancelled annotation of a task")
			continue
		}
		tb.annotation(k, a)
	}
	dataset.MergeFragments(tb.o, &b, tb.fragments)
	rd.ds.Bundles = append(rd.ds.Bundles, b)
	return nil
}

type taskBuild struct {
	rd        *reader
	line      int
	o         *annotation.Offsets
	b         *annotation.Bundle
	regions   map[string]int // "k/id" -> annotation index
	fragments [][2]uint64
}

func author(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var obj struct {
		Email string `json:"email"`
		ID    int    `json:"id"`
	}
	if json.Unmarshal(raw, &obj) == nil && obj.Email != "" {
		return obj.Email
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return "user " + n.String()
	}
	return ""
}

func (tb *taskBuild) annotation(k int, a inAnnotation) {
	rd := tb.rd
	who := author(a.CompletedBy)
	key := func(id string) string { return fmt.Sprintf("%d/%s", k, id) }
	for _, r := range a.Result {
		if r.Type != "labels" {
			continue
		}
		sp, ok := tb.span(r)
		if !ok {
			continue
		}
		for i, l := range r.Value.Labels {
			rd.labels.Use(l)
			id := uint64(len(tb.b.Annotations) + 1)
			tb.b.Annotations = append(tb.b.Annotations, annotation.Annotation{ID: id, Label: l, Spans: []annotation.Span{sp},
				Author: who, Provenance: annotation.Provenance{Origin: annotation.OriginImport}})
			if i == 0 {
				tb.regions[key(r.ID)] = len(tb.b.Annotations) - 1
			}
		}
		if len(r.Value.Labels) == 0 {
			rd.rep.Drop("region without a label")
		}
	}
	for _, r := range a.Result {
		switch r.Type {
		case "labels":
		case "relation":
			tb.relation(r, key)
		case "choices", "textarea":
			i, ok := tb.regions[key(r.ID)]
			if !ok || r.Value.Start == nil {
				rd.rep.Drop(fmt.Sprintf("%s result not tied to a region", r.Type))
				continue
			}
			tb.perRegion(&tb.b.Annotations[i], r)
		default:
			rd.rep.Drop(fmt.Sprintf("result of type %s", r.Type))
		}
	}
}

func (tb *taskBuild) relation(r inResult, key func(string) string) {
	from, ok1 := tb.regions[key(r.FromID)]
	to, ok2 := tb.regions[key(r.ToID)]
	if !ok1 || !ok2 {
		tb.rd.rep.Warn(tb.rd.name, tb.line, "relation from %s to %s: a region is missing", r.FromID, r.ToID)
		tb.rd.rep.Drop("relation to a missing region")
		return
	}
	if r.Direction == "left" {
		from, to = to, from
	}
	fromID, toID := tb.b.Annotations[from].ID, tb.b.Annotations[to].ID
	typ := annotation.LinkOther
	if len(r.Labels) > 0 {
		if r.Labels[0] == dataset.FragmentLink {
			tb.fragments = append(tb.fragments, [2]uint64{fromID, toID})
			return
		}
		typ = dataset.RelationType(r.Labels[0])
	}
	if fromID == toID {
		tb.rd.rep.Drop("relation from a region to itself")
		return
	}
	a := &tb.b.Annotations[from]
	a.Links = append(a.Links, annotation.Link{Type: typ, Target: toID})
}

func (tb *taskBuild) perRegion(a *annotation.Annotation, r inResult) {
	var texts []string
	if r.Type == "choices" {
		texts = r.Value.Choices
	} else if json.Unmarshal(r.Value.Text, &texts) != nil {
		var one string
		json.Unmarshal(r.Value.Text, &one)
		texts = []string{one}
	}
	v := strings.Join(texts, ", ")
	switch {
	case r.Type == "textarea" && r.FromName == fromNote:
		a.Note = v
	case r.Type == "textarea" && r.FromName == fromEntity:
		a.Entity = tb.rd.entity(v, a.Label)
	default:
		if a.Attributes == nil {
			a.Attributes = map[string]string{}
		}
		a.Attributes[r.FromName] = v
	}
}

func (rd *reader) entity(name, typ string) uint64 {
	if id, ok := rd.entities[name]; ok {
		return id
	}
	id := uint64(len(rd.ds.Entities) + 1)
	rd.ds.Entities = append(rd.ds.Entities, annotation.Entity{ID: id, Name: name, Type: typ})
	rd.entities[name] = id
	return id
}

// span checks a region against the text: its offsets as code points, then
// as UTF-16 units (Label Studio#1347), then its text searched for.
func (tb *taskBuild) span(r inResult) (annotation.Span, bool) {
	rd := tb.rd
	v := r.Value
	if v.Start == nil || v.End == nil {
		rd.rep.Drop("region without offsets")
		return annotation.Span{}, false
	}
	var quote string
	hasQuote := json.Unmarshal(v.Text, &quote) == nil
	if sp, err := annotation.NewSpan(tb.o, *v.Start, *v.End); err == nil && (!hasQuote || sp.Text == quote) {
		return sp, true
	}
	if !hasQuote {
		rd.rep.Warn(rd.name, tb.line, "region %s at %d-%d lies outside the text", r.ID, *v.Start, *v.End)
		rd.rep.Drop("region outside the text")
		return annotation.Span{}, false
	}
	if sp, ok := dataset.SpanFromUTF16(tb.o, *v.Start, *v.End); ok && sp.Text == quote {
		rd.rep.Warn(rd.name, tb.line, "region %s: offsets %d-%d count UTF-16 units, not code points; converted", r.ID, *v.Start, *v.End)
		return sp, true
	}
	if s, e, _, ok := dataset.Anchor(tb.o, *v.Start, *v.End, quote, "", ""); ok {
		sp, _ := annotation.NewSpan(tb.o, s, e)
		rd.rep.Warn(rd.name, tb.line, "region %s: text %q is not at %d-%d; re-anchored at %d-%d", r.ID, quote, *v.Start, *v.End, s, e)
		return sp, true
	}
	rd.rep.Warn(rd.name, tb.line, "region %s: text %q is not in the task's text; dropped", r.ID, quote)
	rd.rep.Drop("region whose text is not in the task")
	return annotation.Span{}, false
}
