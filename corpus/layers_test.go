package corpus

import (
	"bytes"
	"context"
	"fmt"
	"glossa/agreement"
	"slices"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/formats/dataset"
	"glossa/formats/glossajson"
	"glossa/storage"
)

// layered is a project of one article annotated by ana (a claim said by a
// source) and ben (a source), with a pending suggestion said by ana's
// source.
func layered(t *testing.T) (*storage.Store, annotation.Document) {
	t.Helper()
	st := openTestStore(t)
	const text = "Rates will rise, the governor said on Monday.\n"
	doc, err := st.AddDocument(annotation.Document{Title: "Rates", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	o := annotation.NewOffsets(text)
	span := func(s string) []annotation.Span {
		start := len([]rune(text[:strings.Index(text, s)]))
		sp, err := annotation.NewSpan(o, start, start+len([]rune(s)))
		if err != nil {
			t.Fatal(err)
		}
		return []annotation.Span{sp}
	}
	src, err := st.Apply(doc.ID, []annotation.Annotation{{Label: "Source", Spans: span("the governor"), Author: "ana", Layer: "ana"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Apply(doc.ID, []annotation.Annotation{
		{Label: "Claim", Spans: span("Rates will rise"), Author: "ana", Layer: "ana", Links: []annotation.Link{{Type: annotation.LinkSaidBy, Target: src[0].ID}}},
		{Label: "Source", Spans: span("governor"), Author: "ben", Layer: "ben"},
	}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetSuggestions(doc.ID, []annotation.Annotation{{Label: "Date", Spans: span("Monday"),
		Links: []annotation.Link{{Type: annotation.LinkAbout, Target: src[0].ID}}}}, "test"); err != nil {
		t.Fatal(err)
	}
	return st, doc
}

// exported writes st as Glossa JSON with opts and reads it back: the
// header's layers and each annotation as "layer label".
func exported(t *testing.T, st *storage.Store, opts ExportOptions) (header []string, anns []string, err error) {
	t.Helper()
	var buf bytes.Buffer
	if err := ExportTo(context.Background(), st, "json", &buf, opts); err != nil {
		return nil, nil, err
	}
	err = glossajson.DecodeDataset(&buf, func(h dataset.Header) error {
		for _, l := range h.Layers {
			header = append(header, fmt.Sprintf("%s %d/%d", l.Name, l.Annotations, l.Articles))
		}
		return nil
	}, func(b annotation.Bundle) error {
		ids := map[uint64]bool{}
		for _, a := range b.Annotations {
			ids[a.ID] = true
		}
		for _, a := range b.Annotations {
			anns = append(anns, annotation.LayerOf(a)+" "+a.Label)
			for _, l := range a.Links {
				if !ids[l.Target] {
					t.Errorf("exported %s %s links to %d, which the export lacks", annotation.LayerOf(a), a.Label, l.Target)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(anns)
	return header, anns, nil
}

func TestExportLayer(t *testing.T) {
	st, doc := layered(t)
	tests := []struct {
		name   string
		opts   ExportOptions
		header []string
		anns   []string
		err    string
	}{
		{"default without a curated layer: all", ExportOptions{}, []string{"ana 2/1", "ben 1/1"}, []string{"ana Claim", "ana Source", "ben Source"}, ""},
		{"all", ExportOptions{Layer: AllLayers}, []string{"ana 2/1", "ben 1/1"}, []string{"ana Claim", "ana Source", "ben Source"}, ""},
		{"one annotator", ExportOptions{Layer: "ben"}, []string{"ben 1/1"}, []string{"ben Source"}, ""},
		{"one annotator with the suggestions, unlinked from the other layer", ExportOptions{Layer: "ben", IncludeSuggestions: true},
			[]string{"ben 1/1"}, []string{" Date", "ben Source"}, ""},
		{"a layer the project lacks", ExportOptions{Layer: "zed"}, nil, nil, `no layer "zed"; its layers are "ana", "ben"`},
		{"no curated layer yet", ExportOptions{Layer: annotation.CuratedLayer}, nil, nil, "no curated layer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			header, anns, err := exported(t, st, tt.opts)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("export: %v; want an error saying %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(header, tt.header) || !slices.Equal(anns, tt.anns) {
				t.Errorf("exported header %q, annotations %q; want %q, %q", header, anns, tt.header, tt.anns)
			}
		})
	}

	// Once the curated layer holds annotations, it is the default.
	as, err := st.Annotations(doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	curated := as[0].Clone()
	curated.ID, curated.Links, curated.Layer = 0, nil, annotation.CuratedLayer
	if _, err := st.Apply(doc.ID, []annotation.Annotation{curated}, nil); err != nil {
		t.Fatal(err)
	}
	header, anns, err := exported(t, st, ExportOptions{})
	if err != nil || !slices.Equal(header, []string{"#curated 1/1"}) || !slices.Equal(anns, []string{"#curated Claim"}) {
		t.Errorf("default export with a curated layer: %q, %q, %v; want the curated claim alone", header, anns, err)
	}
	// With the annotators' agreement behind it, in the header: ana and
	// ben tagged the governor, one span apart (lenient 1/2: ana's claim
	// has no match); not with another layer exported.
	agreed := func(opts ExportOptions) *agreement.Overall {
		var buf bytes.Buffer
		if err := ExportTo(context.Background(), st, "json", &buf, opts); err != nil {
			t.Fatal(err)
		}
		var got *agreement.Overall
		if err := glossajson.DecodeDataset(&buf, func(h dataset.Header) error { got = h.Agreement; return nil },
			func(annotation.Bundle) error { return nil }); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if o := agreed(ExportOptions{}); o == nil || o.LenientF1.Mean.String() != "0.6667" || o.StrictF1.Mean.String() != "0.0000" || o.LenientF1.Pairs != 1 {
		t.Errorf("the curated export's agreement: %+v; want lenient F1 0.6667, strict 0, over 1 pair", o)
	}
	// The dataset card of the curated export shows the same figures, and
	// none for one annotator's layer.
	cardOf := func(opts ExportOptions) string {
		var buf bytes.Buffer
		if err := ExportTo(context.Background(), st, "card", &buf, opts); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	if c := cardOf(ExportOptions{}); !strings.Contains(c, "| span F1, lenient (overlap, same label) | 0.6667 |") ||
		!strings.Contains(c, "| span F1, strict (same code points, same label) | 0.0000 |") || !strings.Contains(c, "| curated (the adjudicated dataset) | 1 | 1 |") {
		t.Errorf("the curated export's card lacks its agreement or its curated layer:\n%s", c)
	}
	if c := cardOf(ExportOptions{Layer: "ana"}); strings.Contains(c, "## Agreement") {
		t.Errorf("ana's layer's card has agreement figures:\n%s", c)
	}
	if o := agreed(ExportOptions{Layer: "ana"}); o != nil {
		t.Errorf("ana's layer exported with agreement %+v; want none", o)
	}
	if _, anns, _ := exported(t, st, ExportOptions{Layer: AllLayers}); len(anns) != 4 {
		t.Errorf("all layers: %q; want 4 annotations", anns)
	}
	// Every format writes one layer.
	for f, tree := range exportAll(t, st, t.TempDir(), ExportOptions{Layer: "ana"}) {
		if len(tree) == 0 {
			t.Errorf("%s wrote nothing for ana's layer", f)
		}
	}
}
