package storetest

import (
	"errors"
	"slices"
	"testing"

	"glossa/annotation"
	"glossa/app"
)

// The contract of pending suggestions (session.SuggestionStore): kept apart
// from the annotations under ids of the same sequence, accepted under the
// same id, rejections remembered, every review all or nothing.

// proposal is a claim said by a source with a cue, in Text, as the
// suggester hands it over: local ids, claim 0 -> source 1, cue 2.
func proposal(t *testing.T) []annotation.Annotation {
	local := func(n uint64) uint64 { return annotation.NewIDBase + n }
	claim := ann(t, Text, "Claim", "prices would fall")
	claim.ID = local(0)
	claim.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: local(1)}, {Type: annotation.LinkCue, Target: local(2)}}
	source := ann(t, Text, "Source", "The minister")
	source.ID = local(1)
	cue := ann(t, Text, "Other", "said")
	cue.ID = local(2)
	out := []annotation.Annotation{claim, source, cue}
	for i := range out {
		out[i].Provenance = annotation.Provenance{Rule: "quote.said", Confidence: 0.9}
	}
	return out
}

// labelled finds the one annotation of label in as.
func labelled(t *testing.T, as []annotation.Annotation, label string) annotation.Annotation {
	t.Helper()
	i := slices.IndexFunc(as, func(a annotation.Annotation) bool { return a.Label == label })
	if i < 0 {
		t.Fatalf("no %s among %+v", label, as)
	}
	return as[i]
}

func pending(t *testing.T, st app.Store, doc uint64) []annotation.Annotation {
	t.Helper()
	ps, err := st.Suggestions(doc)
	if err != nil {
		t.Fatalf("Suggestions(%d): %v", doc, err)
	}
	return ps
}

func summary(t *testing.T, st app.Store, id uint64) annotation.Summary {
	t.Helper()
	sums, err := st.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sums {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no document %d", id)
	return annotation.Summary{}
}

func reviewed(t *testing.T, st app.Store, doc uint64, e annotation.SuggestionEdit) []annotation.Annotation {
	t.Helper()
	out, err := st.ReviewSuggestions(doc, e)
	if err != nil {
		t.Fatalf("ReviewSuggestions(%+v): %v", e, err)
	}
	return out
}

// accept is a as a person accepts it.
func accept(a annotation.Annotation) annotation.Annotation {
	a = a.Clone()
	a.Provenance.Review, a.Provenance.Reviewer, a.Author = annotation.ReviewAccepted, "ana", "ana"
	return a
}

func suggestions(t *testing.T, open Open) {
	t.Run("set", func(t *testing.T) { setSuggestions(t, open) })
	t.Run("set is atomic", func(t *testing.T) { setAtomic(t, open) })
	t.Run("accept", func(t *testing.T) { acceptSuggestions(t, open) })
	t.Run("reject", func(t *testing.T) { rejectSuggestions(t, open) })
	t.Run("review is atomic", func(t *testing.T) { reviewAtomic(t, open) })
	t.Run("articles", func(t *testing.T) { suggestionsOfArticles(t, open) })
}

func setSuggestions(t *testing.T, open Open) {
	st := open(t, docs()...)
	out, err := st.Apply(1, []annotation.Annotation{ann(t, Text, "Source", "Critics")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	critics := out[0]
	sugs := proposal(t)
	disagreed := ann(t, Text, "Claim", "disagreed")
	disagreed.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: critics.ID}}
	got, err := st.SetSuggestions(1, append(sugs, disagreed), "v1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 {
		t.Fatalf("SetSuggestions stored %+v; want 4", got)
	}
	seen := map[uint64]bool{critics.ID: true}
	for i, a := range got {
		if a.ID == 0 || a.ID >= annotation.NewIDBase || seen[a.ID] || a.DocID != 1 ||
			a.Provenance.Origin != annotation.OriginSuggested || a.Provenance.Review != annotation.ReviewPending {
			t.Errorf("stored %+v; want a new id, document 1, suggested and pending", a)
		}
		if i > 0 && got[i-1].Start() > a.Start() {
			t.Errorf("not in store order: %v", ids(got))
		}
		seen[a.ID] = true
	}
	claim := got[slices.IndexFunc(got, func(a annotation.Annotation) bool { return a.Start() == sugs[0].Start() })]
	want := []annotation.Link{{Type: annotation.LinkSaidBy, Target: labelled(t, got, "Source").ID}, {Type: annotation.LinkCue, Target: labelled(t, got, "Other").ID}}
	if !slices.Equal(claim.Links, want) {
		t.Errorf("the claim's links %v; want %v", claim.Links, want)
	}
	if d := got[slices.IndexFunc(got, func(a annotation.Annotation) bool { return a.Start() == disagreed.Start() })]; len(d.Links) != 1 || d.Links[0].Target != critics.ID {
		t.Errorf("a link to an annotation: %v; want to %d", d.Links, critics.ID)
	}
	if ps := pending(t, st, 1); !slices.Equal(ids(ps), ids(got)) {
		t.Errorf("Suggestions = %v; want %v", ids(ps), ids(got))
	}
	if sum := summary(t, st, 1); sum.Pending != 4 || sum.Suggester != "v1" || sum.Annotations != 1 {
		t.Errorf("summary %+v; want 4 pending by v1 and 1 annotation", sum)
	}
	if as, _ := st.Annotations(1); len(as) != 1 {
		t.Errorf("suggestions among the annotations: %v", ids(as))
	}
	// The sequence is shared: a new annotation takes no suggestion's id,
	// and one under a pending suggestion's id is refused.
	out, err = st.Apply(1, []annotation.Annotation{ann(t, Text, "Person", "minister")}, nil)
	if err != nil || seen[out[0].ID] {
		t.Errorf("a new annotation: %v, %v; want an id no suggestion has", ids(out), err)
	}
	if _, err := st.Apply(1, []annotation.Annotation{claim}, nil); err == nil {
		t.Error("Apply of an annotation under a pending suggestion's id succeeded")
	}
	// Deleting an annotation a suggestion links to drops the link.
	if _, err := st.Apply(1, nil, []uint64{critics.ID}); err != nil {
		t.Fatalf("a pending suggestion kept its source from being deleted: %v", err)
	}
	for _, p := range pending(t, st, 1) {
		if slices.ContainsFunc(p.Links, func(l annotation.Link) bool { return l.Target == critics.ID }) {
			t.Errorf("suggestion %d still links to the deleted %d", p.ID, critics.ID)
		}
	}
	// A second run replaces the set.
	again, err := st.SetSuggestions(1, proposal(t)[1:2], "v2")
	if err != nil || len(again) != 1 || seen[again[0].ID] {
		t.Fatalf("the second run stored %+v, %v; want one under a new id", again, err)
	}
	if ps, sum := pending(t, st, 1), summary(t, st, 1); len(ps) != 1 || sum.Pending != 1 || sum.Suggester != "v2" {
		t.Errorf("after the second run: %v pending, summary %+v", ids(ps), sum)
	}
	if _, err := st.Suggestions(99); !errors.Is(err, annotation.ErrNotFound) {
		t.Errorf("Suggestions(99): %v, want ErrNotFound", err)
	}
}

func setAtomic(t *testing.T, open Open) {
	st := open(t, docs()...)
	before, err := st.SetSuggestions(1, proposal(t), "v1")
	if err != nil {
		t.Fatal(err)
	}
	bad := func(edit func(a *annotation.Annotation)) []annotation.Annotation {
		sugs := proposal(t)
		edit(&sugs[0])
		return sugs
	}
	cases := []struct {
		name string
		sugs []annotation.Annotation
	}{
		{"a span past the text", bad(func(a *annotation.Annotation) { a.Spans[0].End = 10_000 })},
		{"a label the project lacks", bad(func(a *annotation.Annotation) { a.Label = "No such label" })},
		{"a link to no suggestion of the set", bad(func(a *annotation.Annotation) { a.Links[0].Target = annotation.NewIDBase + 9 })},
		{"a link to no annotation", bad(func(a *annotation.Annotation) { a.Links[0].Target = 12345 })},
		{"an id below NewIDBase", bad(func(a *annotation.Annotation) { a.ID = 7 })},
		{"an entity the registry lacks", bad(func(a *annotation.Annotation) { a.Entity = 777 })},
	}
	for _, c := range cases {
		if _, err := st.SetSuggestions(1, c.sugs, "v2"); err == nil {
			t.Errorf("%s: SetSuggestions succeeded, want an error", c.name)
		}
		if ps, sum := pending(t, st, 1), summary(t, st, 1); !slices.Equal(ids(ps), ids(before)) || sum.Suggester != "v1" || sum.Pending != 3 {
			t.Errorf("%s: the failed call left %v, summary %+v", c.name, ids(ps), sum)
		}
	}
}

func acceptSuggestions(t *testing.T, open Open) {
	st := open(t, docs()...)
	set, err := st.SetSuggestions(1, proposal(t), "v1")
	if err != nil {
		t.Fatal(err)
	}
	claim, source, cue := labelled(t, set, "Claim"), labelled(t, set, "Source"), labelled(t, set, "Other")

	out := reviewed(t, st, 1, annotation.SuggestionEdit{Accept: []annotation.Annotation{accept(source)}})
	if len(out) != 1 || out[0].ID != source.ID || out[0].Provenance.Review != annotation.ReviewAccepted {
		t.Fatalf("Accept returned %+v; want the source under id %d", out, source.ID)
	}
	if as, _ := st.Annotations(1); len(as) != 1 || as[0].ID != source.ID || as[0].Author != "ana" {
		t.Errorf("annotations after accepting the source: %+v", as)
	}
	if c := labelled(t, pending(t, st, 1), "Claim"); !slices.Equal(c.Links, claim.Links) {
		t.Errorf("the pending claim's links %v; want %v (its source accepted under its id)", c.Links, claim.Links)
	}
	if sum := summary(t, st, 1); sum.Annotations != 1 || sum.Pending != 2 {
		t.Errorf("summary %+v; want 1 annotation, 2 pending", sum)
	}

	// The claim without its cue: the link to the pending cue goes.
	out = reviewed(t, st, 1, annotation.SuggestionEdit{Accept: []annotation.Annotation{accept(claim)}})
	if want := []annotation.Link{{Type: annotation.LinkSaidBy, Target: source.ID}}; len(out) != 1 || !slices.Equal(out[0].Links, want) {
		t.Errorf("the accepted claim %+v; want its links %v", out, want)
	}
	if ps := pending(t, st, 1); len(ps) != 1 || ps[0].ID != cue.ID {
		t.Errorf("pending %v; want the cue %d", ids(ps), cue.ID)
	}

	// Undo: unaccept both and restore them as they were.
	reviewed(t, st, 1, annotation.SuggestionEdit{Unaccept: []uint64{claim.ID, source.ID}, Restore: []annotation.Annotation{claim, source}})
	if as, _ := st.Annotations(1); len(as) != 0 {
		t.Errorf("annotations after the undo: %v", ids(as))
	}
	back := pending(t, st, 1)
	if !slices.Equal(ids(back), ids(set)) || !slices.Equal(labelled(t, back, "Claim").Links, claim.Links) {
		t.Errorf("pending after the undo: %+v; want %+v", back, set)
	}
	if sum := summary(t, st, 1); sum.Annotations != 0 || sum.Pending != 3 {
		t.Errorf("summary after the undo %+v", sum)
	}

	// All three together keep every link.
	out = reviewed(t, st, 1, annotation.SuggestionEdit{Accept: []annotation.Annotation{accept(claim), accept(source), accept(cue)}})
	if len(out) != 3 || !slices.Equal(out[0].Links, claim.Links) {
		t.Errorf("accepting the three: %+v; want the claim with both links", out)
	}
	if ps, sum := pending(t, st, 1), summary(t, st, 1); len(ps) != 0 || sum.Pending != 0 || sum.Annotations != 3 {
		t.Errorf("after accepting the three: %v pending, summary %+v", ids(ps), sum)
	}
}

func rejectSuggestions(t *testing.T, open Open) {
	st := open(t, docs()...)
	set, err := st.SetSuggestions(1, proposal(t), "v1")
	if err != nil {
		t.Fatal(err)
	}
	source := labelled(t, set, "Source")
	reviewed(t, st, 1, annotation.SuggestionEdit{Reject: []uint64{source.ID}})
	ps := pending(t, st, 1)
	if len(ps) != 2 || summary(t, st, 1).Pending != 2 {
		t.Fatalf("after rejecting the source: %v pending", ids(ps))
	}
	if c := labelled(t, ps, "Claim"); len(c.Links) != 1 || c.Links[0].Type != annotation.LinkCue {
		t.Errorf("the claim's links after its source was rejected: %v; want its cue only", c.Links)
	}
	// Not proposed again.
	again, err := st.SetSuggestions(1, proposal(t), "v1")
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 2 || slices.ContainsFunc(again, func(a annotation.Annotation) bool { return a.Label == "Source" }) {
		t.Errorf("a later run stored %+v; want the claim and the cue, not the rejected source", again)
	}
	// Restore (undo of the rejection) forgets it.
	reviewed(t, st, 1, annotation.SuggestionEdit{Restore: []annotation.Annotation{source}})
	if ps := pending(t, st, 1); len(ps) != 3 || labelled(t, ps, "Source").ID != source.ID {
		t.Errorf("after restoring: %+v; want the source back under %d", ps, source.ID)
	}
	if third, err := st.SetSuggestions(1, proposal(t), "v1"); err != nil || len(third) != 3 {
		t.Errorf("after the rejection was undone a run stored %d, %v; want 3", len(third), err)
	}
}

func reviewAtomic(t *testing.T, open Open) {
	st := open(t, docs()...)
	out, err := st.Apply(1, []annotation.Annotation{ann(t, Text, "Person", "Critics")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	kept := out[0]
	set, err := st.SetSuggestions(1, proposal(t), "v1")
	if err != nil {
		t.Fatal(err)
	}
	claim, source, cue := labelled(t, set, "Claim"), labelled(t, set, "Source"), labelled(t, set, "Other")
	badSpan := accept(claim)
	badSpan.Spans[0].End = 10_000
	overAnnotation := source.Clone()
	overAnnotation.ID = kept.ID
	reject := []uint64{cue.ID} // the valid part of each edit
	cases := []struct {
		name string
		e    annotation.SuggestionEdit
	}{
		{"reject what is not pending", annotation.SuggestionEdit{Reject: append(reject, kept.ID)}},
		{"accept what is not pending", annotation.SuggestionEdit{Reject: reject, Accept: []annotation.Annotation{accept(kept)}}},
		{"accept what the same edit rejects", annotation.SuggestionEdit{Reject: reject, Accept: []annotation.Annotation{accept(cue)}}},
		{"accept with a span past the text", annotation.SuggestionEdit{Reject: reject, Accept: []annotation.Annotation{badSpan}}},
		{"unaccept what is not an annotation", annotation.SuggestionEdit{Reject: reject, Unaccept: []uint64{claim.ID}}},
		{"restore over an annotation", annotation.SuggestionEdit{Reject: reject, Restore: []annotation.Annotation{overAnnotation}}},
	}
	for _, c := range cases {
		if _, err := st.ReviewSuggestions(1, c.e); err == nil {
			t.Errorf("%s: ReviewSuggestions succeeded, want an error", c.name)
		}
		as, _ := st.Annotations(1)
		ps := pending(t, st, 1)
		if !slices.Equal(ids(as), []uint64{kept.ID}) || !slices.Equal(ids(ps), ids(set)) || summary(t, st, 1).Pending != 3 {
			t.Errorf("%s: the failed review left annotations %v, pending %v", c.name, ids(as), ids(ps))
		}
	}
	// Nothing was rejected either: the cue is proposed again.
	if again, err := st.SetSuggestions(1, proposal(t), "v1"); err != nil || len(again) != 3 {
		t.Errorf("after the failed reviews a run stored %d, %v; want 3", len(again), err)
	}
}

// suggestionsOfArticles: deleting an article drops its suggestions and
// keeps its rejections for the undo; a cut drops them and clears the
// suggester, so that it runs again.
func suggestionsOfArticles(t *testing.T, open Open) {
	st := open(t, docs()...)
	set, err := st.SetSuggestions(1, proposal(t), "v1")
	if err != nil {
		t.Fatal(err)
	}
	reviewed(t, st, 1, annotation.SuggestionEdit{Reject: []uint64{labelled(t, set, "Source").ID}})
	gone, err := st.DeleteDocuments([]uint64{1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Suggestions(1); !errors.Is(err, annotation.ErrNotFound) {
		t.Errorf("Suggestions of a deleted article: %v, want ErrNotFound", err)
	}
	if err := st.RestoreDocuments(gone); err != nil {
		t.Fatal(err)
	}
	if ps, sum := pending(t, st, 1), summary(t, st, 1); len(ps) != 0 || sum.Pending != 0 || sum.Suggester != "" {
		t.Errorf("after the undo of the delete: %v pending, summary %+v; want none, no suggester", ids(ps), sum)
	}
	if again, err := st.SetSuggestions(1, proposal(t), "v1"); err != nil || len(again) != 2 {
		t.Errorf("after the undo of the delete a run stored %d, %v; want 2 (the source stays rejected)", len(again), err)
	}
	// Keep "minister said prices would fall." (4 to 36).
	if _, _, err := st.CutDocument(1, 4, 36); err != nil {
		t.Fatal(err)
	}
	if ps, sum := pending(t, st, 1), summary(t, st, 1); len(ps) != 0 || sum.Pending != 0 || sum.Suggester != "" {
		t.Errorf("after the cut: %v pending, summary %+v; want none, no suggester", ids(ps), sum)
	}
}
