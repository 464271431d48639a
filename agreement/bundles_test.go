package agreement

import (
	"slices"
	"testing"

	"glossa/annotation"
)

// Bundles are grouped by layer, the skipped layer and empty articles left
// out, and nothing is kept of a bundle the iterator reuses.
func TestArticles(t *testing.T) {
	span := func(s, e int) []annotation.Span { return []annotation.Span{{Start: s, End: e}} }
	shared := make([]annotation.Annotation, 0, 3)
	bundles := []struct {
		doc  annotation.Document
		anns []annotation.Annotation
	}{
		{annotation.Document{ID: 1, Title: "One", Text: "Ünïcode text"}, []annotation.Annotation{
			{ID: 1, Label: "Claim", Spans: span(0, 3), Author: "ana"},
			{ID: 2, Label: "Claim", Spans: span(0, 4), Author: "ben"},
			{ID: 3, Label: "Claim", Spans: span(0, 4), Author: "cur"},
		}},
		{annotation.Document{ID: 2, Title: "Two", Text: "nothing"}, nil},
		{annotation.Document{ID: 3, Title: "Three", Text: "only curated"}, []annotation.Annotation{
			{ID: 4, Label: "Claim", Spans: span(0, 4), Author: "cur"},
		}},
	}
	each := func(fn func(annotation.Bundle) error) error {
		for _, b := range bundles {
			shared = append(shared[:0], b.anns...) // reused, as a store does
			if err := fn(annotation.Bundle{Document: b.doc, Annotations: shared}); err != nil {
				return err
			}
		}
		return nil
	}
	got, err := Articles(each, func(a annotation.Annotation) string { return a.Author }, "cur")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != 1 || got[0].Length != 12 || got[0].Title != "One" {
		t.Fatalf("articles %+v; want article 1 alone, 12 code points long", got)
	}
	var names []string
	for l, anns := range got[0].Layers {
		names = append(names, l)
		if len(anns) != 1 {
			t.Errorf("layer %s: %d annotations; want 1", l, len(anns))
		}
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"ana", "ben"}) {
		t.Errorf("layers %v; want ana, ben", names)
	}
	if a := got[0].Layers["ana"][0]; a.ID != 1 || a.Spans[0].End != 3 {
		t.Errorf("ana's annotation %+v changed with the reused bundle", a)
	}
}
