package session

import (
	"errors"
	"maps"
	"slices"
	"testing"

	"glossa/annotation"
)

// withBen is a session of annotator tester, who tagged "The minister" as a
// source, over a project where ben's layer of document 1 (a claim "prices
// would fall" said by the source "The minister") was merged in.
func withBen(t *testing.T) (*Session, *failing, annotation.Annotation) {
	t.Helper()
	s, f := newSession(t)
	own := tag(t, s, "Source", 0, 12)
	src := annotation.Annotation{ID: 1, Label: "Source", Spans: []annotation.Span{{Start: 0, End: 12, Text: "The minister"}}, Author: "ben",
		Attributes: own.Attributes} // the same source as tester's
	claim := annotation.Annotation{ID: 2, Label: "Claim", Spans: []annotation.Span{{Start: 18, End: 35, Text: "prices would fall"}}, Author: "ben",
		Links: []annotation.Link{{Type: annotation.LinkSaidBy, Target: 1}}}
	if _, err := f.ReplaceLayer(1, "ben", []annotation.Annotation{src, claim}, annotation.LayerSource{File: "ben.json"}); err != nil {
		t.Fatal(err)
	}
	if err := s.ReloadAnnotations(); err != nil {
		t.Fatal(err)
	}
	return s, f, own
}

// layersShown returns "layer label" of each annotation the session shows.
func layersShown(s *Session) []string {
	var out []string
	for _, a := range s.Annotations() {
		out = append(out, annotation.LayerOf(a)+" "+a.Label)
	}
	slices.Sort(out)
	return out
}

func TestLayerViews(t *testing.T) {
	s, _, own := withBen(t)
	for _, tt := range []struct {
		view LayerView
		want []string
		edit string // EditLayer, "" for read-only
	}{
		{LayerView{}, []string{"ben Claim", "ben Source", "tester Source"}, "tester"},
		{LayerView{Kind: ViewAnnotator, Annotator: "ben"}, []string{"ben Claim", "ben Source"}, ""},
		{LayerView{Kind: ViewAnnotator, Annotator: "tester"}, []string{"tester Source"}, "tester"},
		{LayerView{Kind: ViewCurated}, nil, annotation.CuratedLayer},
	} {
		s.SetView(LayerView{})
		s.Select(own.ID)
		s.SetView(tt.view)
		if got := layersShown(s); !slices.Equal(got, tt.want) {
			t.Errorf("view %+v shows %q; want %q", tt.view, got, tt.want)
		}
		edit, err := s.EditLayer()
		if edit != tt.edit || (tt.edit == "") != errors.Is(err, annotation.ErrReadOnlyLayer) {
			t.Errorf("view %+v edits %q (%v); want %q", tt.view, edit, err, tt.edit)
		}
		if shown := slices.ContainsFunc(s.Annotations(), func(a annotation.Annotation) bool { return a.ID == own.ID }); (s.Selected() == own.ID) != shown {
			t.Errorf("view %+v: selected %d, own source shown %v", tt.view, s.Selected(), shown)
		}
	}
	if err := s.SetAnnotator("#curated"); !errors.Is(err, annotation.ErrAnnotatorName) || s.Annotator() != "tester" {
		t.Errorf("SetAnnotator(#curated): %v, annotator %q", err, s.Annotator())
	}
	ls, err := s.Layers()
	if err != nil || len(ls) != 2 || ls[0].Name != "ben" || ls[1].Name != "tester" {
		t.Errorf("Layers = %+v, %v", ls, err)
	}
}

// TestOtherLayersAreReadOnly: another annotator's annotations are not
// edited, deleted or tagged over in his view; new annotations go to the
// layer the view edits.
func TestOtherLayersAreReadOnly(t *testing.T) {
	s, f, own := withBen(t)
	ben := byLayer(s, "ben", "Claim")
	edited := ben.Clone()
	edited.Note = "mine now"
	steps := s.UndoSteps()
	for name, try := range map[string]func() error{
		"edit":   func() error { _, err := s.Apply("note", []annotation.Annotation{edited}, nil); return err },
		"delete": func() error { _, err := s.Apply("delete", nil, []uint64{ben.ID}); return err },
		"put into ben's layer": func() error {
			a := own.Clone()
			a.ID, a.Layer = 0, "ben"
			_, err := s.Apply("tag", []annotation.Annotation{a}, nil)
			return err
		},
	} {
		if err := try(); !errors.Is(err, annotation.ErrReadOnlyLayer) {
			t.Errorf("%s ben's claim: %v; want ErrReadOnlyLayer", name, err)
		}
	}
	if s.UndoSteps() != steps || byLayer(s, "ben", "Claim").Note != "" {
		t.Error("a refused edit changed something")
	}
	s.SetView(LayerView{Kind: ViewAnnotator, Annotator: "ben"})
	if _, err := s.NewAnnotation(label(t, s, "Person"), 37, 44, "tester"); !errors.Is(err, annotation.ErrReadOnlyLayer) {
		t.Errorf("tagging in ben's view: %v; want ErrReadOnlyLayer", err)
	}
	s.SetView(LayerView{Kind: ViewCurated})
	a, err := s.NewAnnotation(label(t, s, "Person"), 37, 44, "tester")
	if err != nil || a.Layer != annotation.CuratedLayer || a.Author != "tester" {
		t.Fatalf("tagging in the curated view: %+v, %v; want the curated layer", a, err)
	}
	if _, err := s.Apply("tag", []annotation.Annotation{a}, nil); err != nil {
		t.Fatal(err)
	}
	// The curated view does not edit the annotator's own layer.
	if _, err := s.Apply("delete", nil, []uint64{own.ID}); !errors.Is(err, annotation.ErrReadOnlyLayer) {
		t.Errorf("deleting tester's source from the curated view: %v; want ErrReadOnlyLayer", err)
	}
	// The unnamed layer is edited from the annotator's views.
	o := annotation.NewOffsets(text1)
	sp, _ := annotation.NewSpan(o, 45, 54)
	put, err := f.Store.Apply(1, []annotation.Annotation{{Label: "Person", Spans: []annotation.Span{sp}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ReloadAnnotations(); err != nil {
		t.Fatal(err)
	}
	s.SetView(LayerView{})
	unnamed := put[0]
	unnamed.Note = "fixed"
	if _, err := s.Apply("note", []annotation.Annotation{unnamed}, nil); err != nil {
		t.Errorf("editing an unnamed annotation from the view of all layers: %v", err)
	}
	if got := s.Annotation(unnamed.ID); got == nil || annotation.LayerOf(*got) != "" {
		t.Errorf("the edited unnamed annotation moved to %+v", got)
	}
	sums := s.Documents()
	if want := map[string]int{"ben": 2, "tester": 1, annotation.CuratedLayer: 1, "": 1}; !maps.Equal(sums[0].Layers, want) {
		t.Errorf("the article's counts by layer %v; want %v", sums[0].Layers, want)
	}
}

// byLayer is the open document's annotation of label in layer.
func byLayer(s *Session, layer, label string) annotation.Annotation {
	for _, a := range s.anns {
		if annotation.LayerOf(a) == layer && a.Label == label {
			return a
		}
	}
	return annotation.Annotation{}
}

func TestAcceptGoesToTheEditedLayer(t *testing.T) {
	s, _ := newSuggestSession(t)
	if err := s.SetAnnotator("tester"); err != nil {
		t.Fatal(err)
	}
	p := pend(t, s, sug(0, "Person", 37, 44, 0.9))
	s.SetView(LayerView{Kind: ViewCurated})
	st, err := s.Accept(p["Person 37-44"].ID, "tester")
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Put[0]; got.Layer != annotation.CuratedLayer || got.Provenance.Review != annotation.ReviewAccepted {
		t.Errorf("accepted in the curated view: %+v; want the curated layer", got)
	}
	s.SetView(LayerView{Kind: ViewAnnotator, Annotator: "ben"})
	if len(s.Suggestions()) != 0 {
		t.Error("ben's view lists suggestions to review")
	}
}

func TestCurate(t *testing.T) {
	s, f, own := withBen(t)
	benSrc, benClaim := byLayer(s, "ben", "Source"), byLayer(s, "ben", "Claim")
	steps := s.UndoSteps()
	// ben's source; then tester's, which is the same, and ben's claim.
	if _, err := s.Curate([]uint64{benSrc.ID}); err != nil {
		t.Fatal(err)
	}
	st, err := s.Curate([]uint64{own.ID, benClaim.ID})
	if err != nil {
		t.Fatal(err)
	}
	if s.UndoSteps() != steps+2 {
		t.Errorf("two calls of Curate made %d steps; want 2", s.UndoSteps()-steps)
	}
	s.SetView(LayerView{Kind: ViewCurated})
	cur := s.Annotations()
	if len(cur) != 2 || len(st.Put) != 2 {
		t.Fatalf("curated %+v (step put %d); want a source and a claim", cur, len(st.Put))
	}
	src, claim := cur[0], cur[1]
	all := map[uint64]annotation.Annotation{}
	for _, a := range s.anns {
		all[a.ID] = a
	}
	wantFrom := func(as ...annotation.Annotation) []annotation.Version {
		var out []annotation.Version
		for _, a := range as {
			out = append(out, annotation.VersionOf(a, all))
		}
		return out
	}
	if src.Label != "Source" || src.Author != "tester" || src.Provenance.Origin != annotation.OriginCurated ||
		!slices.Equal(src.Provenance.From, wantFrom(*s.Annotation(benSrc.ID), *s.Annotation(own.ID))) {
		t.Errorf("curated source %+v; want ben's and tester's versions", src)
	}
	if claim.Label != "Claim" || !slices.Equal(claim.Links, []annotation.Link{{Type: annotation.LinkSaidBy, Target: src.ID}}) ||
		!slices.Equal(claim.Provenance.From, wantFrom(benClaim)) {
		t.Errorf("curated claim %+v; want ben's version, said by the curated source %d", claim, src.ID)
	}
	if err := f.Check(); err != nil {
		t.Fatal(err)
	}
	// Curating again adds nothing.
	if st, err := s.Curate([]uint64{benClaim.ID}); err != nil || len(st.Put) != 0 {
		t.Errorf("curating the same claim again: %+v, %v; want no step", st, err)
	}
	must(t)(s.Undo())
	if got := s.Annotations(); len(got) != 1 || len(got[0].Provenance.From) != 1 {
		t.Errorf("after undo the curated layer holds %+v; want ben's source alone", got)
	}
	must(t)(s.Redo())
	if got := s.Annotations(); len(got) != 2 || !slices.Equal(got[1].Links, []annotation.Link{{Type: annotation.LinkSaidBy, Target: got[0].ID}}) {
		t.Errorf("after redo the curated layer holds %+v", got)
	}
	// Everything in one call: one step, the same layer.
	must(t)(s.Undo())
	must(t)(s.Undo())
	if _, err := s.Curate([]uint64{benClaim.ID, benSrc.ID, own.ID}); err != nil || s.UndoSteps() != steps+1 {
		t.Fatalf("Curate of all three: %v, %d steps", err, s.UndoSteps()-steps)
	}
	if got := s.Annotations(); len(got) != 2 || len(got[0].Provenance.From) != 2 || !slices.Equal(got[1].Links, []annotation.Link{{Type: annotation.LinkSaidBy, Target: got[0].ID}}) {
		t.Errorf("curated in one call: %+v", got)
	}
	if _, err := s.Curate([]uint64{999}); !errors.Is(err, annotation.ErrNotFound) {
		t.Errorf("curating a missing annotation: %v", err)
	}
}
