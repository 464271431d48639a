package doccano

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// maxLine bounds one JSONL line (one document).
const maxLine = 64 << 20

// inRecord is a line as read: entities in either form.
type inRecord struct {
	Text      *string         `json:"text"`
	Entities  []entity        `json:"entities"`
	Label     json.RawMessage `json:"label"`
	Relations []relation      `json:"relations"`
	Title     string          `json:"title"`
	URL       string          `json:"url"`
}

// Read reads doccano JSONL from r; name is used in messages. Offsets are
// read as UTF-16 code units; an entity whose offsets fall outside the text
// or inside a character is dropped and reported.
func Read(r io.Reader, name string) (dataset.Dataset, dataset.Report, error) {
	rep := dataset.Report{Format: "doccano"}
	var ds dataset.Dataset
	var labels dataset.Labels
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	no := 0
	for sc.Scan() {
		no++
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\uFEFF"))
		if line == "" {
			continue
		}
		var rec inRecord
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			return ds, rep, dataset.Errorf(name, no, "invalid JSON: %v", err)
		}
		if rec.Text == nil {
			return ds, rep, dataset.Errorf(name, no, "no \"text\" field: not a doccano record")
		}
		ents, err := legacy(rec)
		if err != nil {
			return ds, rep, dataset.Errorf(name, no, "%v", err)
		}
		b, err := bundle(rec, ents, name, no, &rep, &labels)
		if err != nil {
			return ds, rep, err
		}
		ds.Bundles = append(ds.Bundles, b)
	}
	if err := sc.Err(); err != nil {
		return ds, rep, dataset.Errorf(name, no+1, "%v", err)
	}
	ds.Labels = labels.Set()
	rep.NewLabels = labels.Inferred()
	rep.Count(ds)
	return ds, rep, nil
}

// legacy returns the record's entities, reading "label": [[s, e, "L"]]
// when there is no "entities" list. A "label" that is a list of strings is
// a document classification, which Glossa does not keep.
func legacy(rec inRecord) ([]entity, error) {
	if rec.Entities != nil || len(rec.Label) == 0 {
		return rec.Entities, nil
	}
	var triples [][]json.RawMessage
	if json.Unmarshal(rec.Label, &triples) != nil {
		return nil, nil
	}
	var out []entity
	for i, t := range triples {
		var e entity
		if len(t) != 3 || json.Unmarshal(t[0], &e.StartOffset) != nil || json.Unmarshal(t[1], &e.EndOffset) != nil || json.Unmarshal(t[2], &e.Label) != nil {
			return nil, fmt.Errorf("label %d is not [start, end, \"Label\"]", i+1)
		}
		e.ID = uint64(i + 1)
		out = append(out, e)
	}
	return out, nil
}

func bundle(rec inRecord, ents []entity, name string, no int, rep *dataset.Report, labels *dataset.Labels) (annotation.Bundle, error) {
	text, err := annotation.NormalizeText(*rec.Text)
	if err != nil {
		return annotation.Bundle{}, dataset.Errorf(name, no, "text: %v", err)
	}
	if text != *rec.Text {
		// Offsets count the text as given; the CR of a CRLF would shift them.
		return annotation.Bundle{}, dataset.Errorf(name, no, "text holds CR characters or a byte order mark, which Glossa removes; offsets would shift")
	}
	title := rec.Title
	if title == "" {
		title = fmt.Sprintf("%s line %d", name, no)
	}
	b := annotation.Bundle{Document: annotation.Document{Title: title, URL: rec.URL, Text: text,
		SHA256: annotation.TextSHA256(text), Status: annotation.StatusNew, Origin: name}}
	o := annotation.NewOffsets(text)
	local := map[uint64]uint64{} // doccano entity id -> annotation id
	for _, e := range ents {
		sp, ok := dataset.SpanFromUTF16(o, e.StartOffset, e.EndOffset)
		if !ok {
			rep.Warn(name, no, "entity %d (%s) at UTF-16 offsets %d-%d is outside the text or splits a character", e.ID, e.Label, e.StartOffset, e.EndOffset)
			rep.Drop("entity with offsets outside the text")
			continue
		}
		if _, dup := local[e.ID]; dup {
			return b, dataset.Errorf(name, no, "entity id %d is used twice", e.ID)
		}
		labels.Use(e.Label)
		id := uint64(len(b.Annotations) + 1)
		local[e.ID] = id
		b.Annotations = append(b.Annotations, annotation.Annotation{ID: id, Label: e.Label, Spans: []annotation.Span{sp},
			Provenance: annotation.Provenance{Origin: annotation.OriginImport}})
	}
	var fragments [][2]uint64
	for _, r := range rec.Relations {
		from, ok1 := local[r.FromID]
		to, ok2 := local[r.ToID]
		if !ok1 || !ok2 {
			rep.Warn(name, no, "relation %d links entity %d to %d; one is missing", r.ID, r.FromID, r.ToID)
			rep.Drop("relation to a missing entity")
			continue
		}
		if r.Type == dataset.FragmentLink {
			fragments = append(fragments, [2]uint64{from, to})
			continue
		}
		t := dataset.RelationType(r.Type)
		if from == to {
			rep.Drop("relation from an entity to itself")
			continue
		}
		a := &b.Annotations[from-1]
		a.Links = append(a.Links, annotation.Link{Type: t, Target: to})
	}
	dataset.MergeFragments(o, &b, fragments)
	return b, nil
}
