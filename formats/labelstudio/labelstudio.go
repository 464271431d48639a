// Package labelstudio writes and reads Label Studio tasks (JSON): a list of
// {"data": {"text": ...}, "annotations": [{"result": [...]}]}, each region a
// result of type "labels" with value {start, end, text, labels}, each link a
// result of type "relation" with from_id, to_id, direction and labels.
//
// Offsets count Unicode code points, as Label Studio's Text tag does for
// plain text. Attributes, notes and entities are per-region results sharing
// the region's id: "choices" (from_name: the attribute's name), "textarea"
// with from_name "note" and "entity". A discontinuous annotation becomes one
// region per fragment, joined by relations labelled "fragment".
package labelstudio

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// Control names Glossa uses for its per-region results.
const (
	fromLabel  = "label"
	toText     = "text"
	fromNote   = "note"
	fromEntity = "entity"
)

type value struct {
	Start   *int     `json:"start,omitempty"`
	End     *int     `json:"end,omitempty"`
	Text    any      `json:"text,omitempty"` // string for labels, []string for textarea
	Labels  []string `json:"labels,omitempty"`
	Choices []string `json:"choices,omitempty"`
}

type result struct {
	ID        string   `json:"id,omitempty"`
	FromName  string   `json:"from_name,omitempty"`
	ToName    string   `json:"to_name,omitempty"`
	Type      string   `json:"type"`
	Value     *value   `json:"value,omitempty"`
	FromID    string   `json:"from_id,omitempty"`
	ToID      string   `json:"to_id,omitempty"`
	Direction string   `json:"direction,omitempty"`
	Labels    []string `json:"labels,omitempty"`
}

type task struct {
	ID          uint64            `json:"id,omitempty"`
	Data        map[string]string `json:"data"`
	Annotations []taskAnnotation  `json:"annotations"`
}

type taskAnnotation struct {
	Result []result `json:"result"`
}

// Writer writes a JSON array of tasks, one per document.
type Writer struct {
	out      dataset.Output
	f        io.WriteCloser
	w        *bufio.Writer
	entities map[uint64]annotation.Entity
	n        int
}

var _ dataset.Writer = (*Writer)(nil)

// NewWriter writes to one file of out.
func NewWriter(out dataset.Output) *Writer { return &Writer{out: out} }

// Begin opens the file and the array.
func (w *Writer) Begin(h dataset.Header) error {
	f, err := w.out.Create("labelstudio.json")
	if err != nil {
		return err
	}
	w.f, w.w = f, bufio.NewWriter(f)
	w.entities = map[uint64]annotation.Entity{}
	for _, e := range h.Entities {
		w.entities[e.ID] = e
	}
	w.w.WriteString("[")
	return nil
}

func region(id uint64, i int) string {
	if i == 0 {
		return "a" + strconv.FormatUint(id, 10)
	}
	return "a" + strconv.FormatUint(id, 10) + "-" + strconv.Itoa(i+1)
}

// Bundle writes one task.
func (w *Writer) Bundle(b annotation.Bundle) error {
	d := b.Document
	t := task{ID: d.ID, Data: map[string]string{"text": d.Text}, Annotations: []taskAnnotation{{Result: []result{}}}}
	for k, v := range map[string]string{"title": d.Title, "url": d.URL, "sha256": d.SHA256} {
		if v != "" {
			t.Data[k] = v
		}
	}
	res := &t.Annotations[0].Result
	for _, a := range b.Annotations {
		for i, s := range a.Spans {
			start, end := s.Start, s.End
			rid := region(a.ID, i)
			at := func(typ, from string, v value) {
				v.Start, v.End = &start, &end
				*res = append(*res, result{ID: rid, FromName: from, ToName: toText, Type: typ, Value: &v})
			}
			at("labels", fromLabel, value{Text: s.Text, Labels: []string{a.Label}})
			if i > 0 {
				*res = append(*res, result{Type: "relation", FromID: region(a.ID, 0), ToID: rid, Direction: "right", Labels: []string{dataset.FragmentLink}})
				continue
			}
			for _, name := range dataset.SortedAttributes(a.Attributes) {
				at("choices", name, value{Choices: []string{a.Attributes[name]}})
			}
			if a.Note != "" {
				at("textarea", fromNote, value{Text: []string{a.Note}})
			}
			if e, ok := w.entities[a.Entity]; ok && a.Entity != 0 {
				at("textarea", fromEntity, value{Text: []string{e.Name}})
			}
		}
	}
	for _, a := range b.Annotations {
		for _, l := range a.Links {
			*res = append(*res, result{Type: "relation", FromID: region(a.ID, 0), ToID: region(l.Target, 0), Direction: "right", Labels: []string{string(l.Type)}})
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(t); err != nil {
		return fmt.Errorf("document %d: %w", d.ID, err)
	}
	if w.n > 0 {
		w.w.WriteString(",")
	}
	w.n++
	w.w.WriteString("\n")
	_, err := w.w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	return err
}

// End closes the array and the file.
func (w *Writer) End() error {
	w.w.WriteString("\n]\n")
	if err := w.w.Flush(); err != nil {
		w.f.Close()
		return err
	}
	return w.f.Close()
}
