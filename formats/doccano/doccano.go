// Package doccano writes and reads doccano's JSONL for sequence labelling
// with relations: one JSON object per line, {"id", "text", "entities":
// [{"id", "label", "start_offset", "end_offset"}], "relations": [{"id",
// "from_id", "to_id", "type"}]}. The older form with "label": [[start, end,
// "Label"], ...] is read too.
//
// Offsets count UTF-16 code units, as doccano's browser front end does
// (doccano#2290): Glossa converts from and to code points with
// annotation.Offsets. A discontinuous annotation becomes one entity per
// fragment, joined by relations of type "fragment" from the first; the
// reader joins them again. Attributes, notes and entity references have no
// place in doccano's format and are not written.
package doccano

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"glossa/annotation"
	"glossa/formats/dataset"
)

type entity struct {
	ID          uint64 `json:"id"`
	Label       string `json:"label"`
	StartOffset int    `json:"start_offset"`
	EndOffset   int    `json:"end_offset"`
}

type relation struct {
	ID     uint64 `json:"id"`
	FromID uint64 `json:"from_id"`
	ToID   uint64 `json:"to_id"`
	Type   string `json:"type"`
}

type record struct {
	ID        uint64     `json:"id"`
	Text      string     `json:"text"`
	Entities  []entity   `json:"entities"`
	Relations []relation `json:"relations"`
	Title     string     `json:"title,omitempty"`
	URL       string     `json:"url,omitempty"`
	SHA256    string     `json:"sha256,omitempty"`
}

// Writer writes one JSONL line per document.
type Writer struct {
	out dataset.Output
	f   io.WriteCloser
	w   *bufio.Writer
	n   uint64 // entity and relation ids, unique in the file
}

var _ dataset.Writer = (*Writer)(nil)

// NewWriter writes to one file of out.
func NewWriter(out dataset.Output) *Writer { return &Writer{out: out} }

// Begin opens the file.
func (w *Writer) Begin(dataset.Header) error {
	f, err := w.out.Create("doccano.jsonl")
	if err != nil {
		return err
	}
	w.f, w.w = f, bufio.NewWriter(f)
	return nil
}

// Bundle writes one document.
func (w *Writer) Bundle(b annotation.Bundle) error {
	o := annotation.NewOffsets(b.Document.Text)
	r := record{ID: b.Document.ID, Text: b.Document.Text, Title: b.Document.Title, URL: b.Document.URL,
		SHA256: b.Document.SHA256, Entities: []entity{}, Relations: []relation{}}
	first := map[uint64]uint64{}
	for _, a := range b.Annotations {
		for i, s := range a.Spans {
			w.n++
			r.Entities = append(r.Entities, entity{ID: w.n, Label: a.Label, StartOffset: o.UTF16(s.Start), EndOffset: o.UTF16(s.End)})
			if i == 0 {
				first[a.ID] = w.n
				continue
			}
			w.n++
			r.Relations = append(r.Relations, relation{ID: w.n, FromID: first[a.ID], ToID: w.n - 1, Type: dataset.FragmentLink})
		}
	}
	for _, a := range b.Annotations {
		for _, l := range a.Links {
			if to, ok := first[l.Target]; ok {
				w.n++
				r.Relations = append(r.Relations, relation{ID: w.n, FromID: first[a.ID], ToID: to, Type: string(l.Type)})
			}
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("document %d: %w", b.Document.ID, err)
	}
	_, err := w.w.Write(buf.Bytes())
	return err
}

// End flushes and closes the file.
func (w *Writer) End() error {
	if err := w.w.Flush(); err != nil {
		w.f.Close()
		return err
	}
	return w.f.Close()
}
