package w3c

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// Writer streams annotations as W3C Web Annotations.
type Writer struct {
	out      dataset.Output
	lines    bool
	ids      ids
	f        io.WriteCloser
	w        *bufio.Writer
	entities map[uint64]annotation.Entity
	project  string
	n        int
	quotes   quoteFinder
}

var _ dataset.Writer = (*Writer)(nil)

// NewWriter writes to one file of out: an AnnotationCollection, or with
// opts.W3CLines one annotation per line. opts.BaseIRI, when set, prefixes
// annotation ids ("https://example.org/glossa/" gives
// https://example.org/glossa/annotations/12).
func NewWriter(out dataset.Output, opts dataset.ExportOptions) *Writer {
	base := opts.BaseIRI
	if base != "" && !strings.HasSuffix(base, "/") && !strings.HasSuffix(base, "#") {
		base += "/"
	}
	return &Writer{out: out, lines: opts.W3CLines, ids: ids{base: base}}
}

// Begin opens the file and, for a collection, writes its head.
func (w *Writer) Begin(h dataset.Header) error {
	name := "annotations.jsonld"
	if w.lines {
		name = "annotations.jsonl"
	}
	f, err := w.out.Create(name)
	if err != nil {
		return err
	}
	w.f, w.w = f, bufio.NewWriter(f)
	w.project = h.Project
	w.entities = map[uint64]annotation.Entity{}
	for _, e := range h.Entities {
		w.entities[e.ID] = e
	}
	if w.lines {
		return nil
	}
	head, err := marshal(map[string]any{
		"@context": Context,
		"id":       w.ids.collection(),
		"type":     "AnnotationCollection",
		"label":    h.Project,
	})
	if err != nil {
		return err
	}
	// The collection object is left open: the page and total follow.
	fmt.Fprintf(w.w, "%s,\n\"first\":{\"id\":%q,\"type\":\"AnnotationPage\",\"items\":[\n",
		strings.TrimSuffix(string(head), "}"), w.ids.page())
	return nil
}

// Bundle writes the annotations and links of one document.
func (w *Writer) Bundle(b annotation.Bundle) error {
	o := annotation.NewOffsets(b.Document.Text)
	src := documentSource(b.Document.URL, b.Document.SHA256, b.Document.Text)
	for _, a := range b.Annotations {
		for _, s := range a.Spans {
			w.quotes.add(s.Start, s.End)
		}
	}
	contexts := w.quotes.contexts(o, contextLen)
	for _, a := range b.Annotations {
		n := contexts[:len(a.Spans)]
		contexts = contexts[len(a.Spans):]
		if err := w.emit(w.annotation(o, src, a, n)); err != nil {
			return err
		}
		for i, l := range a.Links {
			if err := w.emit(w.link(a, i, l)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *Writer) emit(wa webAnnotation) error {
	data, err := marshal(wa)
	if err != nil {
		return err
	}
	if !w.lines && w.n > 0 {
		w.w.WriteString(",\n")
	}
	w.n++
	w.w.Write(data)
	if w.lines {
		w.w.WriteByte('\n')
	}
	return nil
}

// annotation is a's Web Annotation; contexts[i] is how many code points of
// prefix and suffix the quote of its span i carries (quoteFinder.contexts).
func (w *Writer) annotation(o *annotation.Offsets, src string, a annotation.Annotation, contexts []int) webAnnotation {
	wa := webAnnotation{
		Context:  Context,
		ID:       w.ids.annotation(a.ID),
		Type:     "Annotation",
		Created:  timeString(a.Created),
		Modified: timeString(a.Modified),
		Body:     []any{textualBody{Type: "TextualBody", Purpose: purposeTagging, Value: a.Label}},
	}
	wa.Creator, wa.Generator = creator(a)
	if a.Note != "" {
		wa.Body = append(wa.Body, textualBody{Type: "TextualBody", Purpose: purposeCommenting, Value: a.Note, Format: "text/plain"})
	}
	for _, name := range dataset.SortedAttributes(a.Attributes) {
		wa.Body = append(wa.Body, textualBody{Type: "TextualBody", Purpose: purposeDescribing, Value: name + ": " + a.Attributes[name]})
	}
	if e, ok := w.entities[a.Entity]; ok && a.Entity != 0 {
		wa.Body = append(wa.Body, textualBody{Type: "TextualBody", Purpose: purposeIdentifying, Value: e.Name})
	}
	targets := make([]any, 0, len(a.Spans))
	for i, s := range a.Spans {
		start, end := s.Start, s.End
		prefix, suffix := dataset.Context(o, s.Start, s.End, contexts[i])
		targets = append(targets, target{
			Type:   "SpecificResource",
			Source: src,
			Selector: []selector{
				{Type: "TextPositionSelector", Start: &start, End: &end},
				{Type: "TextQuoteSelector", Exact: o.Slice(s.Start, s.End), Prefix: prefix, Suffix: suffix},
			},
		})
	}
	wa.Target = targets
	return wa
}

// creator names who made a: a person (its author), or the rule that
// suggested it; Glossa is the generator either way.
func creator(a annotation.Annotation) (*agent, *agent) {
	gen := &agent{Type: "Software", Name: "Glossa"}
	switch {
	case a.Author != "":
		return &agent{Type: "Person", Name: a.Author}, gen
	case a.Provenance.Rule != "":
		return &agent{Type: "Software", Name: a.Provenance.Rule}, gen
	}
	return nil, gen
}

func (w *Writer) link(a annotation.Annotation, i int, l annotation.Link) webAnnotation {
	wa := webAnnotation{
		Context:    Context,
		ID:         w.ids.link(a.ID, i+1),
		Type:       "Annotation",
		Motivation: "linking",
		Created:    timeString(a.Modified),
		Body: []any{
			w.ids.annotation(l.Target),
			textualBody{Type: "TextualBody", Purpose: purposeTagging, Value: string(l.Type)},
		},
		Target: w.ids.annotation(a.ID),
	}
	wa.Creator, wa.Generator = creator(a)
	return wa
}

// End finishes the collection (its total) and closes the file.
func (w *Writer) End() error {
	if !w.lines {
		fmt.Fprintf(w.w, "\n]},\n\"total\":%d}\n", w.n)
	}
	if err := w.w.Flush(); err != nil {
		w.f.Close()
		return err
	}
	return w.f.Close()
}
