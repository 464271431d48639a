// Package claimcsv writes the claims of a dataset as CSV for spreadsheets:
// one row per annotation whose label is of kind claim, with its document,
// text, sources (the annotations it is said_by), their entities, its cues,
// attributes, note and offsets. Quoting follows RFC 4180 (CRLF line ends);
// an optional UTF-8 byte order mark makes Excel read the file as UTF-8.
// Offsets are code points, "start-end", fragments separated by ";".
package claimcsv

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// Columns is the header row.
var Columns = []string{"document_id", "document", "label", "claim", "claim_offsets", "source", "source_offsets",
	"source_entity", "cue", "attributes", "note", "author"}

// Writer writes one CSV file.
type Writer struct {
	out      dataset.Output
	bom      bool
	f        io.WriteCloser
	bw       *bufio.Writer
	w        *csv.Writer
	labels   annotation.LabelSet
	entities map[uint64]annotation.Entity
}

var _ dataset.Writer = (*Writer)(nil)

// NewWriter writes to one file of out; opts.ExcelBOM starts it with a
// UTF-8 byte order mark.
func NewWriter(out dataset.Output, opts dataset.ExportOptions) *Writer {
	return &Writer{out: out, bom: opts.ExcelBOM}
}

// Begin opens the file and writes the header row.
func (w *Writer) Begin(h dataset.Header) error {
	f, err := w.out.Create("claims.csv")
	if err != nil {
		return err
	}
	w.f, w.bw = f, bufio.NewWriter(f)
	if w.bom {
		w.bw.WriteString("\uFEFF")
	}
	w.w = csv.NewWriter(w.bw)
	w.w.UseCRLF = true
	w.labels = h.Labels
	w.entities = map[uint64]annotation.Entity{}
	for _, e := range h.Entities {
		w.entities[e.ID] = e
	}
	return w.w.Write(Columns)
}

func offsets(a annotation.Annotation) string {
	var parts []string
	for _, s := range a.Spans {
		parts = append(parts, fmt.Sprintf("%d-%d", s.Start, s.End))
	}
	return strings.Join(parts, ";")
}

// Bundle writes a row per claim of the document.
func (w *Writer) Bundle(b annotation.Bundle) error {
	byID := map[uint64]annotation.Annotation{}
	for _, a := range b.Annotations {
		byID[a.ID] = a
	}
	for _, a := range b.Annotations {
		if l, ok := w.labels.Find(a.Label); !ok || l.Kind != annotation.KindClaim {
			continue
		}
		var src, srcOff, srcEnt, cues, attrs []string
		for _, id := range a.LinksOf(annotation.LinkSaidBy) {
			s, ok := byID[id]
			if !ok {
				continue
			}
			src = append(src, s.Quote())
			srcOff = append(srcOff, offsets(s))
			if e := w.entity(s, byID); e != "" {
				srcEnt = append(srcEnt, e)
			}
		}
		for _, id := range a.LinksOf(annotation.LinkCue) {
			if c, ok := byID[id]; ok {
				cues = append(cues, c.Quote())
			}
		}
		for _, n := range dataset.SortedAttributes(a.Attributes) {
			attrs = append(attrs, n+"="+a.Attributes[n])
		}
		row := []string{strconv.FormatUint(b.Document.ID, 10), b.Document.Title, a.Label, a.Quote(), offsets(a),
			strings.Join(src, " | "), strings.Join(srcOff, " | "), strings.Join(srcEnt, " | "),
			strings.Join(cues, " | "), strings.Join(attrs, "; "), a.Note, a.Author}
		if err := w.w.Write(row); err != nil {
			return err
		}
	}
	w.w.Flush()
	return w.w.Error()
}

// entity names the entity of source s: its own, or that of the annotation
// it is linked to by "is".
func (w *Writer) entity(s annotation.Annotation, byID map[uint64]annotation.Annotation) string {
	if e, ok := w.entities[s.Entity]; ok && s.Entity != 0 {
		return e.Name
	}
	for _, id := range s.LinksOf(annotation.LinkIs) {
		if t, ok := byID[id]; ok {
			if e, ok := w.entities[t.Entity]; ok && t.Entity != 0 {
				return e.Name
			}
		}
	}
	return ""
}

// End flushes and closes the file.
func (w *Writer) End() error {
	w.w.Flush()
	if err := w.w.Error(); err != nil {
		w.f.Close()
		return err
	}
	if err := w.bw.Flush(); err != nil {
		w.f.Close()
		return err
	}
	return w.f.Close()
}
