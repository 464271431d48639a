package session

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"glossa/annotation"
	"glossa/storage"
	"glossa/suggest"
)

// text1 is "The minister said prices would fall. Critics disagreed.":
// "The minister" is 0-12, "said" 13-17, "prices would fall" 18-35,
// "Critics" 37-44.

// newSuggestSession is newSession with a codebook that has a cue label
// (the fact-checking template), so that cues can be suggested.
func newSuggestSession(t *testing.T) (*Session, *failing) {
	t.Helper()
	cb := annotation.FactCheckingTemplate()
	return openSession(t, storage.Options{Codebook: &cb})
}

// sug is a pending suggestion of document 1 with local id local (see
// annotation.NewIDBase) and links to other local ids.
func sug(local uint64, label string, start, end int, conf float64, links ...annotation.Link) annotation.Annotation {
	for i := range links {
		if links[i].Target < annotation.NewIDBase {
			links[i].Target += annotation.NewIDBase
		}
	}
	return annotation.Annotation{ID: annotation.NewIDBase + local, DocID: 1, Label: label,
		Spans: []annotation.Span{{Start: start, End: end, Text: text1[start:end]}}, Links: links,
		Provenance: annotation.Provenance{Origin: annotation.OriginSuggested, Rule: "test." + label, Confidence: conf, Review: annotation.ReviewPending}}
}

func link(t annotation.LinkType, local uint64) annotation.Link {
	return annotation.Link{Type: t, Target: local}
}

// pend stores sugs as document 1's pending suggestions, as a run of the
// suggester would, and returns the stored ones by "label start".
func pend(t *testing.T, s *Session, sugs ...annotation.Annotation) map[string]annotation.Annotation {
	t.Helper()
	run, err := s.SuggestRunFor(1)
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Suggested(run, sugs)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Suggestions {
		t.Errorf("Suggested on the open document: Step.Suggestions false")
	}
	return byName(s.Suggestions())
}

func byName(as []annotation.Annotation) map[string]annotation.Annotation {
	out := map[string]annotation.Annotation{}
	for _, a := range as {
		out[annotation.Fingerprint(a.Label, a.Spans)] = a
	}
	return out
}

// names returns the fingerprints of as, sorted.
func names(as []annotation.Annotation) []string {
	var out []string
	for _, a := range as {
		out = append(out, annotation.Fingerprint(a.Label, a.Spans))
	}
	slices.Sort(out)
	return out
}

// state checks the session's annotations and pending suggestions, and
// that the store holds the same.
func state(t *testing.T, s *Session, f *failing, anns, sugs []string) {
	t.Helper()
	agrees(t, s, f)
	stored, err := f.Store.Suggestions(s.DocID())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(s.Suggestions()), ids(stored); !slices.Equal(got, want) {
		t.Errorf("session has suggestions %v, store %v", got, want)
	}
	anns, sugs = slices.Sorted(slices.Values(anns)), slices.Sorted(slices.Values(sugs))
	if got := names(s.Annotations()); !slices.Equal(got, anns) {
		t.Errorf("annotations %v; want %v", got, anns)
	}
	if got := names(s.Suggestions()); !slices.Equal(got, sugs) {
		t.Errorf("pending %v; want %v", got, sugs)
	}
	for _, d := range s.Documents() {
		if d.ID == s.DocID() && d.Pending != len(stored) {
			t.Errorf("summary counts %d pending, store has %d", d.Pending, len(stored))
		}
	}
}

const (
	claim   = "Claim 18-35"
	source  = "Source 0-12"
	cue     = "Cue 13-17"
	critics = "Other 37-44"
)

// claimWithSourceAndCue is the claim of text1 said by the minister, cued
// by "said", and an entity of its own.
func claimWithSourceAndCue() []annotation.Annotation {
	return []annotation.Annotation{
		sug(1, "Claim", 18, 35, 0.9, link(annotation.LinkSaidBy, 2), link(annotation.LinkCue, 3)),
		sug(2, "Source", 0, 12, 0.85),
		sug(3, "Cue", 13, 17, 0.9),
		sug(4, "Other", 37, 44, 0.6),
	}
}

func TestAcceptClaimTakesItsSourceAndCueInOneStep(t *testing.T) {
	s, f := newSuggestSession(t)
	p := pend(t, s, claimWithSourceAndCue()...)
	all := []string{claim, critics, cue, source}
	state(t, s, f, nil, all)
	if s.CanUndo() {
		t.Errorf("storing suggestions made an undo step: %q", s.UndoDesc())
	}
	c := p[claim]
	s.Select(c.ID)
	if s.Selected() != c.ID {
		t.Fatalf("a suggestion cannot be selected")
	}
	st := must(t)(s.Accept(c.ID, "ann"))
	if !st.Suggestions || len(st.Put) != 3 || st.Put[0].ID != c.ID {
		t.Fatalf("Accept step %+v; want the claim, its source and cue put", st)
	}
	accepted := []string{claim, cue, source}
	state(t, s, f, accepted, []string{critics})
	got := byName(s.Annotations())
	for _, name := range accepted {
		a, was := got[name], p[name]
		want := annotation.Provenance{Origin: annotation.OriginSuggested, Rule: was.Provenance.Rule, Confidence: was.Provenance.Confidence,
			Review: annotation.ReviewAccepted, Reviewer: "ann"}
		if a.ID != was.ID || a.Author != "ann" || !reflect.DeepEqual(a.Provenance, want) {
			t.Errorf("%s accepted as #%d by %q, %+v; want #%d by ann, %+v", name, a.ID, a.Author, a.Provenance, was.ID, want)
		}
	}
	if l := got[claim].Links; !slices.Equal(l, []annotation.Link{{Type: annotation.LinkSaidBy, Target: p[source].ID}, {Type: annotation.LinkCue, Target: p[cue].ID}}) {
		t.Errorf("claim links %v; want said_by and cue to the accepted source and cue", l)
	}
	if s.Selected() != c.ID || s.Annotation(c.ID) == nil {
		t.Errorf("selected %d; want the claim, now an annotation", s.Selected())
	}
	if got, want := s.UndoDesc(), "accept Claim with its source and cue"; got != want {
		t.Errorf("UndoDesc %q; want %q", got, want)
	}

	st = must(t)(s.Undo())
	state(t, s, f, nil, all)
	if !st.Suggestions || len(st.Del) != 3 || len(st.Restored) != 3 {
		t.Errorf("Undo step %+v; want the three annotations deleted and pending again", st)
	}
	if back := byName(s.Suggestions()); back[claim].ID != c.ID || back[claim].Provenance.Review != annotation.ReviewPending || len(back[claim].Links) != 2 {
		t.Errorf("undo brought back %+v; want the pending claim with its id and links", back[claim])
	}
	must(t)(s.Redo())
	state(t, s, f, accepted, []string{critics})
}

func TestRejectClaimTakesWhatOnlyItHad(t *testing.T) {
	s, f := newSuggestSession(t)
	// A second claim ("Critics disagreed") shares the source, not the cue.
	sugs := claimWithSourceAndCue()[:3]
	sugs = append(sugs, sug(5, "Claim", 37, 55, 0.7, link(annotation.LinkSaidBy, 2)))
	p := pend(t, s, sugs...)
	other := "Claim 37-55"
	all := []string{claim, other, cue, source}
	state(t, s, f, nil, all)
	st := must(t)(s.Reject(p[claim].ID))
	if !st.Suggestions || len(st.Put) != 0 {
		t.Errorf("Reject step %+v", st)
	}
	state(t, s, f, nil, []string{other, source})
	if got, want := s.UndoDesc(), "reject Claim and 1 linked"; got != want {
		t.Errorf("UndoDesc %q; want %q", got, want)
	}
	// A later run proposes them again: the rejected ones are left out.
	pend(t, s, sugs...)
	state(t, s, f, nil, []string{other, source})
	// Undo brings back what this session rejected (ids of the first run;
	// the later run's own stay).
	must(t)(s.Undo())
	if got := names(s.Suggestions()); !slices.Contains(got, claim) || !slices.Contains(got, cue) {
		t.Errorf("after undo pending %v; want the claim and cue back", got)
	}
	agrees(t, s, f)
}

func TestAcceptAbove(t *testing.T) {
	sugs := func() []annotation.Annotation {
		return []annotation.Annotation{
			// a sure claim with a less sure source and cue: they go with it
			sug(1, "Claim", 18, 35, 0.9, link(annotation.LinkSaidBy, 2), link(annotation.LinkCue, 3)),
			sug(2, "Source", 0, 12, 0.5),
			sug(3, "Cue", 13, 17, 0.95),
			sug(4, "Other", 37, 44, 0.7),
		}
	}
	for _, tc := range []struct {
		min  float64
		want []string
	}{
		{0.95, nil}, // the cue alone is sure enough, but it goes with its claim
		{0.9, []string{claim, cue, source}},
		{0.7, []string{claim, critics, cue, source}},
	} {
		s, f := newSuggestSession(t)
		pend(t, s, sugs()...)
		if got := names(s.AcceptAboveSet(tc.min)); !slices.Equal(got, slices.Sorted(slices.Values(tc.want))) {
			t.Errorf("AcceptAboveSet(%.2f) = %v; want %v", tc.min, got, tc.want)
		}
		st := must(t)(s.AcceptAbove(tc.min, "ann"))
		if len(tc.want) == 0 {
			if st.Desc != "" || s.CanUndo() {
				t.Errorf("AcceptAbove(%.2f) with nothing to accept made step %+v", tc.min, st)
			}
			continue
		}
		left := slices.DeleteFunc([]string{claim, critics, cue, source}, func(n string) bool { return slices.Contains(tc.want, n) })
		state(t, s, f, tc.want, left)
		if s.UndoSteps() != 1 {
			t.Errorf("AcceptAbove(%.2f) made %d steps; want 1", tc.min, s.UndoSteps())
		}
		must(t)(s.Undo())
		state(t, s, f, nil, []string{claim, critics, cue, source})
	}
}

// The groups a decision takes, on pending suggestions alone.
func TestAcceptAndRejectGroups(t *testing.T) {
	// 1 claim said_by 2 (pronoun) cue 3; 2 is 4 (named source); 5 claim
	// said_by 4; 6 a lone entity.
	sugs := []annotation.Annotation{
		{ID: 1, Links: []annotation.Link{{Type: annotation.LinkSaidBy, Target: 2}, {Type: annotation.LinkCue, Target: 3}}},
		{ID: 2, Links: []annotation.Link{{Type: annotation.LinkIs, Target: 4}}},
		{ID: 3},
		{ID: 4},
		{ID: 5, Links: []annotation.Link{{Type: annotation.LinkSaidBy, Target: 4}, {Type: annotation.LinkCue, Target: 99}}}, // 99: an annotation
		{ID: 6},
	}
	for _, tc := range []struct {
		name   string
		got    []annotation.Annotation
		wantID []uint64
	}{
		{"accept a claim: its pronoun source, that one's antecedent, its cue", acceptGroup(sugs, []uint64{1}), []uint64{1, 2, 4, 3}},
		{"accept a source: its antecedent", acceptGroup(sugs, []uint64{2}), []uint64{2, 4}},
		{"accept an entity: itself", acceptGroup(sugs, []uint64{6}), []uint64{6}},
		{"accept two sharing one: each once", acceptGroup(sugs, []uint64{5, 1}), []uint64{5, 4, 1, 2, 3}},
		{"accept what is not pending: nothing", acceptGroup(sugs, []uint64{99}), []uint64{}},
		{"reject a claim: its own source and cue", rejectGroup(sugs, 1), []uint64{1, 2, 3}},
		{"reject a claim whose source another links to: the source stays", rejectGroup(sugs, 5), []uint64{5}},
		{"reject a source: itself", rejectGroup(sugs, 4), []uint64{4}},
	} {
		if got := idsOf(tc.got); !slices.Equal(got, tc.wantID) {
			t.Errorf("%s: %v; want %v", tc.name, got, tc.wantID)
		}
	}
}

func TestSuggestedStaleAfterAnEdit(t *testing.T) {
	s, f := newSuggestSession(t)
	run1, err := s.SuggestRunFor(1)
	if err != nil {
		t.Fatal(err)
	}
	run2, err := s.SuggestRunFor(2)
	if err != nil {
		t.Fatal(err)
	}
	tag(t, s, "Claim", 18, 35) // the open document changes
	if _, err := s.Suggested(run1, claimWithSourceAndCue()); !errors.Is(err, ErrStale) {
		t.Errorf("Suggested after an edit of its document: %v; want ErrStale", err)
	}
	state(t, s, f, []string{claim}, nil)
	// Document 2 did not change: its result is stored, the open one's
	// suggestions are not touched.
	st, err := s.Suggested(run2, nil)
	if err != nil || st.Suggestions || !st.Articles {
		t.Errorf("Suggested for another document: %+v, %v; want stored, Articles only", st, err)
	}
	if slices.Contains(s.NeedsSuggestions(), 2) {
		t.Errorf("document 2 still needs suggestions: %v", s.NeedsSuggestions())
	}
	// The entities changed: every run made before is stale.
	run2, _ = s.SuggestRunFor(2)
	if err := s.LoadEntities(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Suggested(run2, nil); !errors.Is(err, ErrStale) {
		t.Errorf("Suggested after the entities were read again: %v; want ErrStale", err)
	}
}

// The whole path on a real text: the suggester's result is stored as the
// open document's pending suggestions, made by this version, and the
// claim it finds is accepted with its source.
func TestSuggestRunComputesAndStores(t *testing.T) {
	s, f := newSuggestSession(t)
	if got := s.NeedsSuggestions(); !slices.Equal(got, []uint64{1, 2}) {
		t.Errorf("NeedsSuggestions %v; want [1 2], the open one first", got)
	}
	run, err := s.SuggestRunFor(1)
	if err != nil {
		t.Fatal(err)
	}
	computed := run.Compute()
	want := suggest.Pending(1, suggest.Text(text1, suggest.OptionsFor(s.Labels(), s.Entities())), nil, s.Labels())
	if len(computed) == 0 || !slices.Equal(names(computed), names(want)) {
		t.Fatalf("Compute %v; want the suggester's %v", names(computed), names(want))
	}
	if _, err := s.Suggested(run, computed); err != nil {
		t.Fatal(err)
	}
	state(t, s, f, nil, names(computed))
	if slices.Contains(s.NeedsSuggestions(), 1) || s.Documents()[0].Suggester != suggest.Version {
		t.Errorf("after storing: NeedsSuggestions %v, Suggester %q", s.NeedsSuggestions(), s.Documents()[0].Suggester)
	}
	// Verbs added to the codebook make every article need a new run; the
	// undo of that edit makes the first one current again.
	must(t)(s.EditCodebook("verbs", annotation.CodebookEdit{Op: annotation.OpSetVerbs, Verbs: []string{"opine"}}))
	if !slices.Contains(s.NeedsSuggestions(), 1) {
		t.Errorf("after adding a verb: NeedsSuggestions %v; want document 1 in it", s.NeedsSuggestions())
	}
	must(t)(s.Undo())
	if slices.Contains(s.NeedsSuggestions(), 1) {
		t.Errorf("after the undo: NeedsSuggestions %v; want document 1 current", s.NeedsSuggestions())
	}
	i := slices.IndexFunc(s.Suggestions(), func(a annotation.Annotation) bool { return s.KindOf(&a) == annotation.KindClaim })
	if i < 0 {
		t.Fatalf("no claim suggested in %q", text1)
	}
	c := s.Suggestions()[i]
	st := must(t)(s.Accept(c.ID, "ann"))
	if len(c.LinksOf(annotation.LinkSaidBy)) > 0 && len(st.Put) < 2 {
		t.Errorf("accepting %s took %d annotations; want its source too", annotation.Fingerprint(c.Label, c.Spans), len(st.Put))
	}
	agrees(t, s, f)
	// Reopened, the session reads the pending ones again.
	left := ids(s.Suggestions())
	s.CloseDocument()
	if err := s.Open(1); err != nil {
		t.Fatal(err)
	}
	if got := ids(s.Suggestions()); !slices.Equal(got, left) {
		t.Errorf("reopened: pending %v; want %v", got, left)
	}
}

// A source two claims share: accepting one claim takes it, the other
// claim keeps its link (to the annotation now), and an undo puts all back
// as it was.
func TestAcceptSharedSourceUndo(t *testing.T) {
	s, f := newSuggestSession(t)
	p := pend(t, s, sug(1, "Claim", 18, 35, 0.9, link(annotation.LinkSaidBy, 2)), sug(2, "Source", 0, 12, 0.85),
		sug(5, "Claim", 37, 55, 0.7, link(annotation.LinkSaidBy, 2)))
	other := "Claim 37-55"
	must(t)(s.Accept(p[claim].ID, "ann"))
	state(t, s, f, []string{claim, source}, []string{other})
	if got := byName(s.Suggestions())[other].LinksOf(annotation.LinkSaidBy); !slices.Equal(got, []uint64{p[source].ID}) {
		t.Errorf("the other claim links %v; want the accepted source %d", got, p[source].ID)
	}
	must(t)(s.Undo())
	state(t, s, f, nil, []string{claim, other, source})
	if got := byName(s.Suggestions())[other].LinksOf(annotation.LinkSaidBy); !slices.Equal(got, []uint64{p[source].ID}) {
		t.Errorf("after undo the other claim links %v; want the pending source %d", got, p[source].ID)
	}
}

// A pending suggestion's link to an annotation goes when the annotation
// is deleted, in the session as in the store.
func TestDeletedAnnotationUnlinksSuggestions(t *testing.T) {
	s, f := newSuggestSession(t)
	src := tag(t, s, "Source", 0, 12)
	c := sug(1, "Claim", 18, 35, 0.9)
	c.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: src.ID}} // an annotation's id, kept as it is
	p := pend(t, s, c)
	if got := p[claim].LinksOf(annotation.LinkSaidBy); !slices.Equal(got, []uint64{src.ID}) {
		t.Fatalf("the suggested claim links %v; want the annotated source %d", got, src.ID)
	}
	must(t)(s.Apply("delete", nil, []uint64{src.ID}))
	stored, err := f.Store.Suggestions(1)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Suggestions()[0].Links, stored[0].Links; len(got) != 0 || len(want) != 0 {
		t.Errorf("after the source's deletion the claim links %v in the session, %v in the store; want none", got, want)
	}
}

// A claim tagged by hand over a suggested one takes its place: the
// suggestion is rejected in the tag's own step, its source stays pending,
// and one undo brings back both.
func TestTagSupersedesSuggestion(t *testing.T) {
	s, f := newSuggestSession(t)
	pend(t, s, claimWithSourceAndCue()...)
	a := tag(t, s, "Claim", 18, 30) // "prices would"
	st := must(t)(s.Supersede([]annotation.Annotation{a}))
	if !st.Suggestions || st.Desc != "tag Claim" {
		t.Errorf("Supersede step %+v", st)
	}
	state(t, s, f, []string{"Claim 18-30"}, []string{critics, cue, source})
	if s.UndoSteps() != 1 {
		t.Errorf("tag and supersede made %d steps; want 1", s.UndoSteps())
	}
	// Nothing else of the same kind there: nothing more goes.
	if st := must(t)(s.Supersede([]annotation.Annotation{a})); st.Suggestions {
		t.Errorf("a second Supersede changed the suggestions")
	}
	must(t)(s.Undo())
	state(t, s, f, nil, []string{claim, critics, cue, source})
	must(t)(s.Redo())
	state(t, s, f, []string{"Claim 18-30"}, []string{critics, cue, source})
}

// A source tagged by hand over the suggested one: the suggested claim
// that cited it cites the annotation now, and accepting the claim links
// it to the annotation; undo puts the link back on the suggested source.
func TestTaggedSourceKeepsTheSuggestedClaimsLink(t *testing.T) {
	s, f := newSuggestSession(t)
	p := pend(t, s, claimWithSourceAndCue()...)
	a := tag(t, s, "Source", 0, 12)
	must(t)(s.Supersede([]annotation.Annotation{a}))
	state(t, s, f, []string{source}, []string{claim, critics, cue})
	c := byName(s.Suggestions())[claim]
	if got := c.LinksOf(annotation.LinkSaidBy); !slices.Equal(got, []uint64{a.ID}) {
		t.Errorf("the suggested claim is said by %v; want the tagged source %d", got, a.ID)
	}
	must(t)(s.Undo())
	state(t, s, f, nil, []string{claim, critics, cue, source})
	if got := byName(s.Suggestions())[claim].LinksOf(annotation.LinkSaidBy); !slices.Equal(got, []uint64{p[source].ID}) {
		t.Errorf("after undo the suggested claim is said by %v; want the suggested source %d", got, p[source].ID)
	}
	must(t)(s.Redo())
	must(t)(s.Accept(c.ID, "ann"))
	got := byName(s.Annotations())[claim]
	if l := got.LinksOf(annotation.LinkSaidBy); !slices.Equal(l, []uint64{a.ID}) {
		t.Errorf("the accepted claim is said by %v; want the tagged source %d", l, a.ID)
	}
	agrees(t, s, f)
}
