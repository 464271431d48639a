package storage

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

// at is the annotation of label over the first occurrence of quote in
// text.
func at(t *testing.T, text, label, quote string) annotation.Annotation {
	t.Helper()
	i := strings.Index(text, quote)
	if i < 0 {
		t.Fatalf("%q is not in the text", quote)
	}
	start := annotation.Len(text[:i])
	return annotation.Annotation{Label: label, Spans: span(text, start, start+annotation.Len(quote))}
}

// local is suggestion n of a set handed to SetSuggestions.
func local(n uint64) uint64 { return annotation.NewIDBase + n }

// suggestion is a at local id n with a rule, linked to targets by type.
func suggestion(a annotation.Annotation, n uint64, links ...annotation.Link) annotation.Annotation {
	a.ID = local(n)
	a.Links = links
	a.Provenance = annotation.Provenance{Rule: "test." + a.Label, Confidence: 0.9}
	return a
}

func link(typ annotation.LinkType, target uint64) annotation.Link {
	return annotation.Link{Type: typ, Target: target}
}

// quoteSet is a claim said by a source with a cue, in sampleText, as the
// suggester proposes it: claim 0 -> source 1, cue 2.
func quoteSet(t *testing.T) []annotation.Annotation {
	return []annotation.Annotation{
		suggestion(at(t, sampleText, "Claim", "taxes would fall"), 0, link(annotation.LinkSaidBy, local(1)), link(annotation.LinkCue, local(2))),
		suggestion(at(t, sampleText, "Source", "The minister"), 1),
		suggestion(at(t, sampleText, "Other", "said"), 2),
	}
}

// byLabel finds the one annotation of label in as.
func byLabel(t *testing.T, as []annotation.Annotation, label string) annotation.Annotation {
	t.Helper()
	i := slices.IndexFunc(as, func(a annotation.Annotation) bool { return a.Label == label })
	if i < 0 {
		t.Fatalf("no %s among %+v", label, as)
	}
	return as[i]
}

// byText finds the annotation of as whose first span holds text.
func byText(t *testing.T, as []annotation.Annotation, text string) annotation.Annotation {
	t.Helper()
	i := slices.IndexFunc(as, func(a annotation.Annotation) bool { return a.Spans[0].Text == text })
	if i < 0 {
		t.Fatalf("no %q among %+v", text, as)
	}
	return as[i]
}

func pendingOf(t *testing.T, s *Store, doc uint64) []annotation.Annotation {
	t.Helper()
	got, err := s.Suggestions(doc)
	if err != nil {
		t.Fatalf("Suggestions: %v", err)
	}
	return got
}

func annotationsOf(t *testing.T, s *Store, doc uint64) []annotation.Annotation {
	t.Helper()
	got, err := s.Annotations(doc)
	if err != nil {
		t.Fatalf("Annotations: %v", err)
	}
	return got
}

func setSuggestions(t *testing.T, s *Store, doc uint64, sugs []annotation.Annotation) []annotation.Annotation {
	t.Helper()
	got, err := s.SetSuggestions(doc, sugs, "v1")
	if err != nil {
		t.Fatalf("SetSuggestions: %v", err)
	}
	return got
}

func review(t *testing.T, s *Store, doc uint64, e annotation.SuggestionEdit) []annotation.Annotation {
	t.Helper()
	got, err := s.ReviewSuggestions(doc, e)
	if err != nil {
		t.Fatalf("ReviewSuggestions(%+v): %v", e, err)
	}
	return got
}

func TestSetSuggestionsStoresAndReplaces(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	critics := addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Source", Spans: span(sampleText, 51, 58)})
	sugs := append(quoteSet(t),
		// A claim said by an annotation of the document.
		suggestion(at(t, sampleText, "Claim", "doubt it"), 3, link(annotation.LinkSaidBy, critics.ID)))
	got := setSuggestions(t, s, d.ID, sugs)

	if len(got) != 4 {
		t.Fatalf("SetSuggestions stored %d, want 4: %+v", len(got), got)
	}
	seen := map[uint64]bool{critics.ID: true}
	for _, a := range got {
		if a.ID <= critics.ID || a.ID >= annotation.NewIDBase || seen[a.ID] {
			t.Errorf("suggestion %s got id %d; want a new id of the annotations' sequence", a.Label, a.ID)
		}
		seen[a.ID] = true
		if a.DocID != d.ID || a.Provenance.Origin != annotation.OriginSuggested || a.Provenance.Review != annotation.ReviewPending ||
			a.Provenance.Rule != "test."+a.Label || a.Spans[0].Text == "" {
			t.Errorf("stored %+v; want document %d, suggested, pending, its rule and span text", a, d.ID)
		}
	}
	source, cue := byLabel(t, got, "Source"), byLabel(t, got, "Other")
	claim := byText(t, got, "taxes would fall")
	if want := []annotation.Link{link(annotation.LinkSaidBy, source.ID), link(annotation.LinkCue, cue.ID)}; !slices.Equal(claim.Links, want) {
		t.Errorf("the claim's links %v; want %v (the new ids)", claim.Links, want)
	}
	doubt := byText(t, got, "doubt it")
	if want := []annotation.Link{link(annotation.LinkSaidBy, critics.ID)}; !slices.Equal(doubt.Links, want) {
		t.Errorf("the link to an annotation: %v; want %v", doubt.Links, want)
	}
	for i := 1; i < len(got); i++ {
		if got[i-1].Start() > got[i].Start() {
			t.Errorf("not in store order: %d before %d", got[i-1].Start(), got[i].Start())
		}
	}
	if sum := summaryOfDoc(t, s, d.ID); sum.Pending != 4 || sum.Suggester != "v1" || sum.Annotations != 1 {
		t.Errorf("summary %+v; want 4 pending by v1, 1 annotation", sum)
	}
	if as := annotationsOf(t, s, d.ID); len(as) != 1 {
		t.Errorf("suggestions reached the annotations: %+v", as)
	}
	mustCheck(t, s)

	s = reopen(t, s)
	if back := pendingOf(t, s, d.ID); !sameAnnotations(back, got) {
		t.Errorf("after reopening: %+v; want %+v", back, got)
	}
	// A new annotation never takes a suggestion's id.
	a := addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Person", Spans: span(sampleText, 4, 12)})
	if seen[a.ID] {
		t.Errorf("a new annotation took id %d, a suggestion's", a.ID)
	}

	// A second run replaces the set.
	again := setSuggestions(t, s, d.ID, sugs[3:])
	if len(again) != 1 || seen[again[0].ID] {
		t.Errorf("the second set: %+v; want one suggestion under a new id", again)
	}
	if back := pendingOf(t, s, d.ID); len(back) != 1 {
		t.Errorf("after replacing: %d pending, want 1", len(back))
	}
	if sum := summaryOfDoc(t, s, d.ID); sum.Pending != 1 {
		t.Errorf("summary counts %d pending, want 1", sum.Pending)
	}
	mustCheck(t, s)
}

// sameAnnotations compares as and bs by what the store keeps of them.
func sameAnnotations(as, bs []annotation.Annotation) bool {
	return len(as) == len(bs) && !slices.ContainsFunc(as, func(a annotation.Annotation) bool {
		i := slices.IndexFunc(bs, func(b annotation.Annotation) bool { return b.ID == a.ID })
		return i < 0 || !sameJSON(a, bs[i])
	})
}

func TestSetSuggestionsRefusedChangesNothing(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	other := addDoc(t, s, "Another text, said nobody.")
	elsewhere := addAnn(t, s, annotation.Annotation{DocID: other.ID, Label: "Source", Spans: span("Another text, said nobody.", 19, 25)})
	before := setSuggestions(t, s, d.ID, quoteSet(t))
	sumBefore := summaryOfDoc(t, s, d.ID)

	claim := func(edit func(a *annotation.Annotation)) []annotation.Annotation {
		sugs := quoteSet(t)
		edit(&sugs[0])
		return sugs
	}
	cases := []struct {
		name string
		doc  uint64
		sugs []annotation.Annotation
		want error
	}{
		{"a span past the text", d.ID, claim(func(a *annotation.Annotation) { a.Spans[0].End = 500 }), annotation.ErrSpanOutOfRange},
		{"a label the codebook lacks", d.ID, claim(func(a *annotation.Annotation) { a.Label = "Quote" }), annotation.ErrUnknownLabel},
		{"a link to no suggestion of the set", d.ID, claim(func(a *annotation.Annotation) { a.Links[0].Target = local(9) }), annotation.ErrDanglingLink},
		{"a link to another document's annotation", d.ID, claim(func(a *annotation.Annotation) { a.Links[0].Target = elsewhere.ID }), annotation.ErrDanglingLink},
		{"a link to a pending suggestion's id", d.ID, claim(func(a *annotation.Annotation) { a.Links[0].Target = before[0].ID }), annotation.ErrDanglingLink},
		{"a relation type the codebook lacks", d.ID, claim(func(a *annotation.Annotation) { a.Links[0].Type = "quotes" }), annotation.ErrBadLink},
		{"an id below NewIDBase", d.ID, claim(func(a *annotation.Annotation) { a.ID = 5 }), annotation.ErrBadLink},
		{"two suggestions with one id", d.ID, claim(func(a *annotation.Annotation) { a.ID = local(1) }), annotation.ErrBadLink},
		{"an entity the registry lacks", d.ID, claim(func(a *annotation.Annotation) { a.Entity = 99 }), annotation.ErrUnknownEntity},
		{"another document's suggestion", d.ID, claim(func(a *annotation.Annotation) { a.DocID = other.ID }), annotation.ErrNotFound},
		{"a document that is not there", 77, quoteSet(t), annotation.ErrNotFound},
	}
	for _, c := range cases {
		_, err := s.SetSuggestions(c.doc, c.sugs, "v2")
		if !errors.Is(err, c.want) {
			t.Errorf("%s: got %v; want %v", c.name, err, c.want)
		}
		if got := pendingOf(t, s, d.ID); !sameAnnotations(got, before) {
			t.Errorf("%s: the refused set changed the pending ones to %+v", c.name, got)
		}
		if sum := summaryOfDoc(t, s, d.ID); !sameSummary(sum, sumBefore) {
			t.Errorf("%s: summary %+v; want %+v", c.name, sum, sumBefore)
		}
	}
	mustCheck(t, s)
}

func TestRejectedNotProposedAgain(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	first := setSuggestions(t, s, d.ID, quoteSet(t))
	source := byLabel(t, first, "Source")

	review(t, s, d.ID, annotation.SuggestionEdit{Reject: []uint64{source.ID}})
	pending := pendingOf(t, s, d.ID)
	if len(pending) != 2 || slices.ContainsFunc(pending, func(a annotation.Annotation) bool { return a.ID == source.ID }) {
		t.Fatalf("after rejecting the source: %+v", pending)
	}
	if c := byLabel(t, pending, "Claim"); len(c.Links) != 1 || c.Links[0].Type != annotation.LinkCue {
		t.Errorf("the claim's links after its source was rejected: %v; want only its cue", c.Links)
	}
	if sum := summaryOfDoc(t, s, d.ID); sum.Pending != 2 {
		t.Errorf("summary counts %d pending, want 2", sum.Pending)
	}
	mustCheck(t, s)

	// A later run proposes the same three: the source is left out, and the
	// claim's link to it with it.
	s = reopen(t, s)
	second := setSuggestions(t, s, d.ID, quoteSet(t))
	if len(second) != 2 || slices.ContainsFunc(second, func(a annotation.Annotation) bool { return a.Label == "Source" }) {
		t.Fatalf("a later run stored %+v; want the claim and the cue", second)
	}
	if c := byLabel(t, second, "Claim"); len(c.Links) != 1 || c.Links[0].Target != byLabel(t, second, "Other").ID {
		t.Errorf("the claim's links: %v; want its cue's only", c.Links)
	}
	if sum := summaryOfDoc(t, s, d.ID); sum.Pending != 2 {
		t.Errorf("summary counts %d pending, want 2", sum.Pending)
	}

	// Restoring the source (undo of the rejection) forgets the rejection.
	review(t, s, d.ID, annotation.SuggestionEdit{Restore: []annotation.Annotation{source}})
	if got := pendingOf(t, s, d.ID); len(got) != 3 || !sameJSON(withoutTimes(byLabel(t, got, "Source")), withoutTimes(source)) {
		t.Errorf("after restoring: %+v; want the source back under id %d", got, source.ID)
	}
	if third := setSuggestions(t, s, d.ID, quoteSet(t)); len(third) != 3 {
		t.Errorf("after the rejection was undone a run stored %d, want 3", len(third))
	}
	mustCheck(t, s)
}

func withoutTimes(a annotation.Annotation) annotation.Annotation {
	a.Created, a.Modified = annotation.Annotation{}.Created, annotation.Annotation{}.Modified
	return a
}

// accepted is a as a person accepts it.
func accepted(a annotation.Annotation) annotation.Annotation {
	a = a.Clone()
	a.Provenance.Review, a.Provenance.Reviewer, a.Author = annotation.ReviewAccepted, "ana", "ana"
	return a
}

func TestAcceptMovesUnderTheSameID(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	set := setSuggestions(t, s, d.ID, quoteSet(t))
	claim, source, cue := byLabel(t, set, "Claim"), byLabel(t, set, "Source"), byLabel(t, set, "Other")

	// The source first: the pending claim's link to it holds.
	out := review(t, s, d.ID, annotation.SuggestionEdit{Accept: []annotation.Annotation{accepted(source)}})
	if len(out) != 1 || out[0].ID != source.ID || out[0].Provenance.Review != annotation.ReviewAccepted || out[0].Provenance.Origin != annotation.OriginSuggested {
		t.Fatalf("Accept returned %+v; want the source under id %d, accepted", out, source.ID)
	}
	if as := annotationsOf(t, s, d.ID); len(as) != 1 || as[0].ID != source.ID || as[0].Author != "ana" || as[0].Provenance.Reviewer != "ana" {
		t.Errorf("annotations after accepting: %+v", as)
	}
	pending := pendingOf(t, s, d.ID)
	if len(pending) != 2 || !slices.Equal(byLabel(t, pending, "Claim").Links, claim.Links) {
		t.Errorf("pending after accepting the source: %+v; want the claim with both links", pending)
	}
	if sum := summaryOfDoc(t, s, d.ID); sum.Annotations != 1 || sum.Pending != 2 {
		t.Errorf("summary %+v; want 1 annotation, 2 pending", sum)
	}
	mustCheck(t, s)

	// The claim alone: its link to the source (an annotation) stays, the
	// one to its cue (still pending) goes.
	out = review(t, s, d.ID, annotation.SuggestionEdit{Accept: []annotation.Annotation{accepted(claim)}})
	if want := []annotation.Link{link(annotation.LinkSaidBy, source.ID)}; len(out) != 1 || !slices.Equal(out[0].Links, want) {
		t.Errorf("accepted claim %+v; want its links %v", out, want)
	}
	if pending := pendingOf(t, s, d.ID); len(pending) != 1 || pending[0].ID != cue.ID {
		t.Errorf("pending: %+v; want the cue", pending)
	}
	if sum := summaryOfDoc(t, s, d.ID); sum.Annotations != 2 || sum.Pending != 1 {
		t.Errorf("summary %+v; want 2 annotations, 1 pending", sum)
	}
	mustCheck(t, s)
	s = reopen(t, s)
	if as := annotationsOf(t, s, d.ID); len(as) != 2 || !slices.Equal(byLabel(t, as, "Claim").Links, out[0].Links) {
		t.Errorf("after reopening: %+v", as)
	}
}

func TestAcceptTogetherKeepsLinksAndUnacceptRestores(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	set := setSuggestions(t, s, d.ID, quoteSet(t))
	sumBefore := summaryOfDoc(t, s, d.ID)
	var accept []annotation.Annotation
	var ids []uint64
	for _, a := range set {
		accept = append(accept, accepted(a))
		ids = append(ids, a.ID)
	}
	out := review(t, s, d.ID, annotation.SuggestionEdit{Accept: accept})
	for i, a := range out {
		if a.ID != set[i].ID || !slices.Equal(a.Links, set[i].Links) {
			t.Errorf("accepted %+v; want %+v with its links", a, set[i])
		}
	}
	if len(pendingOf(t, s, d.ID)) != 0 || len(annotationsOf(t, s, d.ID)) != 3 {
		t.Fatalf("after accepting all three: %d pending, %d annotations", len(pendingOf(t, s, d.ID)), len(annotationsOf(t, s, d.ID)))
	}
	mustCheck(t, s)

	// Undo: the annotations go, the suggestions come back as they were.
	review(t, s, d.ID, annotation.SuggestionEdit{Unaccept: ids, Restore: set})
	if as := annotationsOf(t, s, d.ID); len(as) != 0 {
		t.Errorf("annotations after the undo: %+v", as)
	}
	back := pendingOf(t, s, d.ID)
	if len(back) != len(set) {
		t.Fatalf("pending after the undo: %+v; want %+v", back, set)
	}
	for i := range set {
		if !sameJSON(withoutTimes(back[i]), withoutTimes(set[i])) || !back[i].Created.Equal(set[i].Created) {
			t.Errorf("restored %+v; want %+v", back[i], set[i])
		}
	}
	if sum := summaryOfDoc(t, s, d.ID); !sameSummary(sum, sumBefore) {
		t.Errorf("summary after the undo %+v; want %+v", sum, sumBefore)
	}
	mustCheck(t, s)
	// Redo.
	if out := review(t, s, d.ID, annotation.SuggestionEdit{Accept: accept}); len(out) != 3 {
		t.Errorf("redo accepted %d", len(out))
	}
	mustCheck(t, s)
}

// snapshot is what a review may change.
type snapshot struct {
	anns, pending []annotation.Annotation
	sum           annotation.Summary
	rejected      int
}

func snap(t *testing.T, s *Store, doc uint64) snapshot {
	t.Helper()
	sn := snapshot{anns: annotationsOf(t, s, doc), pending: pendingOf(t, s, doc), sum: summaryOfDoc(t, s, doc)}
	s.view(func(tx *bbolt.Tx) error { sn.rejected = tx.Bucket(bucketRejected).Stats().KeyN; return nil })
	return sn
}

func (a snapshot) equal(b snapshot) bool {
	return sameAnnotations(a.anns, b.anns) && sameAnnotations(a.pending, b.pending) && sameSummary(a.sum, b.sum) && a.rejected == b.rejected
}

func TestReviewRefusedChangesNothing(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	kept := addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Person", Spans: span(sampleText, 51, 58)})
	set := setSuggestions(t, s, d.ID, quoteSet(t))
	claim, source, cue := byLabel(t, set, "Claim"), byLabel(t, set, "Source"), byLabel(t, set, "Other")
	linked := addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: span(sampleText, 59, 67),
		Links: []annotation.Link{link(annotation.LinkAbout, kept.ID)}})
	before := snap(t, s, d.ID)

	badSpan := accepted(claim)
	badSpan.Spans[0].End = 999
	badLabel := accepted(source)
	badLabel.Label = "Quote"
	restoreOverAnnotation := source.Clone()
	restoreOverAnnotation.ID = kept.ID
	restoreDangling := source.Clone()
	restoreDangling.Links = []annotation.Link{link(annotation.LinkIs, 4242)}
	reject := []uint64{cue.ID} // a valid part of each edit
	cases := []struct {
		name string
		e    annotation.SuggestionEdit
		want error
	}{
		{"reject what is not pending", annotation.SuggestionEdit{Reject: append(reject, kept.ID)}, annotation.ErrNotFound},
		{"accept what is not pending", annotation.SuggestionEdit{Reject: reject, Accept: []annotation.Annotation{accepted(kept)}}, annotation.ErrNotFound},
		{"accept a rejected one", annotation.SuggestionEdit{Reject: reject, Accept: []annotation.Annotation{accepted(cue)}}, annotation.ErrNotFound},
		{"accept with a span past the text", annotation.SuggestionEdit{Reject: reject, Accept: []annotation.Annotation{badSpan}}, annotation.ErrSpanOutOfRange},
		{"accept with an unknown label", annotation.SuggestionEdit{Reject: reject, Accept: []annotation.Annotation{badLabel}}, annotation.ErrUnknownLabel},
		{"unaccept what is not an annotation", annotation.SuggestionEdit{Reject: reject, Unaccept: []uint64{claim.ID}}, annotation.ErrNotFound},
		{"unaccept an annotation another links to", annotation.SuggestionEdit{Reject: reject, Unaccept: []uint64{kept.ID}}, annotation.ErrDanglingLink},
		{"restore over an annotation", annotation.SuggestionEdit{Reject: reject, Restore: []annotation.Annotation{restoreOverAnnotation}}, annotation.ErrInUse},
		{"restore with a link to nothing", annotation.SuggestionEdit{Reject: reject, Restore: []annotation.Annotation{restoreDangling}}, annotation.ErrDanglingLink},
		{"restore a new suggestion", annotation.SuggestionEdit{Reject: reject, Restore: []annotation.Annotation{quoteSet(t)[1]}}, annotation.ErrNotFound},
	}
	for _, c := range cases {
		_, err := s.ReviewSuggestions(d.ID, c.e)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: got %v; want %v", c.name, err, c.want)
		}
		if after := snap(t, s, d.ID); !after.equal(before) {
			t.Errorf("%s: the refused review changed %+v into %+v", c.name, before, after)
		}
	}
	_ = linked
	if _, err := s.ReviewSuggestions(99, annotation.SuggestionEdit{Reject: reject}); !errors.Is(err, annotation.ErrNotFound) {
		t.Errorf("a review of a missing document: %v", err)
	}
	mustCheck(t, s)
}

func TestDeletingAnAnnotationUnlinksPending(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	critics := addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Source", Spans: span(sampleText, 51, 58)})
	set := setSuggestions(t, s, d.ID, []annotation.Annotation{
		suggestion(at(t, sampleText, "Claim", "doubt it"), 0, link(annotation.LinkSaidBy, critics.ID)),
	})
	if err := s.DeleteAnnotation(critics.ID); err != nil {
		t.Fatalf("a pending suggestion kept an annotation from being deleted: %v", err)
	}
	if got := pendingOf(t, s, d.ID); len(got) != 1 || got[0].ID != set[0].ID || len(got[0].Links) != 0 {
		t.Errorf("pending after deleting its source: %+v; want the claim without its link", got)
	}
	mustCheck(t, s)
}

func TestSummaryKeepsPendingThroughMetadataEdits(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	setSuggestions(t, s, d.ID, quoteSet(t))
	if err := s.SetStatus(d.ID, annotation.StatusDone); err != nil {
		t.Fatal(err)
	}
	d.Title = "Taxes again"
	d.Text = ""
	if _, err := s.UpdateDocument(d); err != nil {
		t.Fatal(err)
	}
	addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Person", Spans: span(sampleText, 51, 58)})
	if sum := summaryOfDoc(t, s, d.ID); sum.Pending != 3 || sum.Suggester != "v1" || sum.Title != "Taxes again" || sum.Annotations != 1 {
		t.Errorf("summary %+v; want 3 pending by v1 with the new title and 1 annotation", sum)
	}
	mustCheck(t, s)
}

func TestDeleteDocumentsDropsSuggestionsKeepsRejections(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	other := addDoc(t, s, "A second text, the mayor said.")
	set := setSuggestions(t, s, d.ID, quoteSet(t))
	setSuggestions(t, s, other.ID, []annotation.Annotation{suggestion(at(t, "A second text, the mayor said.", "Source", "the mayor"), 0)})
	review(t, s, d.ID, annotation.SuggestionEdit{Reject: []uint64{byLabel(t, set, "Source").ID}})

	gone, err := s.DeleteDocuments([]uint64{d.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Suggestions(d.ID); !errors.Is(err, annotation.ErrNotFound) {
		t.Errorf("Suggestions of a deleted document: %v", err)
	}
	if n := countRange(t, s, bucketSuggestions, d.ID); n != 0 {
		t.Errorf("%d suggestions of the deleted document are left", n)
	}
	if got := pendingOf(t, s, other.ID); len(got) != 1 {
		t.Errorf("the other document's suggestions: %+v", got)
	}
	mustCheck(t, s)

	// Undo: the document comes back without suggestions, for the suggester
	// to run again, and its rejection holds.
	if err := s.RestoreDocuments(gone); err != nil {
		t.Fatal(err)
	}
	if sum := summaryOfDoc(t, s, d.ID); sum.Pending != 0 || sum.Suggester != "" {
		t.Errorf("summary after restoring %+v; want nothing pending, no suggester", sum)
	}
	if again := setSuggestions(t, s, d.ID, quoteSet(t)); len(again) != 2 {
		t.Errorf("after the undo a run stored %d; want 2 (the source is still rejected)", len(again))
	}
	mustCheck(t, s)
}

// countRange counts document doc's keys in bucket b.
func countRange(t *testing.T, s *Store, b []byte, doc uint64) int {
	t.Helper()
	n := 0
	s.view(func(tx *bbolt.Tx) error {
		prefix := idKey(doc)
		c := tx.Bucket(b).Cursor()
		for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Next() {
			n++
		}
		return nil
	})
	return n
}

func TestCutDropsSuggestionsShiftsRejections(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	critics := suggestion(at(t, sampleText, "Source", "Critics"), 3)
	set := setSuggestions(t, s, d.ID, append(quoteSet(t), critics))
	// Reject the cue (inside the part kept) and Critics (cut away).
	review(t, s, d.ID, annotation.SuggestionEdit{Reject: []uint64{byLabel(t, set, "Other").ID,
		byText(t, set, "Critics").ID}})

	// Keep "minister said on Monday that taxes would fall." (4 to 50).
	before, _, err := s.CutDocument(d.ID, 4, 50)
	if err != nil {
		t.Fatal(err)
	}
	if got := pendingOf(t, s, d.ID); len(got) != 0 {
		t.Errorf("pending after the cut: %+v", got)
	}
	if sum := summaryOfDoc(t, s, d.ID); sum.Pending != 0 || sum.Suggester != "" {
		t.Errorf("summary after the cut %+v; want nothing pending, no suggester", sum)
	}
	mustCheck(t, s)
	cutText := annotation.Slice(sampleText, 4, 50)
	onCut := []annotation.Annotation{
		suggestion(at(t, cutText, "Claim", "taxes would fall"), 0, link(annotation.LinkCue, local(2))),
		suggestion(at(t, cutText, "Other", "said"), 2),
		// Where the rejected cue was before the cut: not rejected here.
		suggestion(annotation.Annotation{Label: "Other", Spans: span(cutText, 13, 17)}, 4),
	}
	got := setSuggestions(t, s, d.ID, onCut)
	if len(got) != 2 || slices.ContainsFunc(got, func(a annotation.Annotation) bool { return a.Spans[0].Text == "said" }) {
		t.Errorf("on the cut text a run stored %+v; want the claim and the span at 13-17, not the rejected cue", got)
	}

	// Undo of the cut: the first text's rejections hold again.
	if err := s.RestoreDocuments([]annotation.Bundle{before}); err != nil {
		t.Fatal(err)
	}
	if again := setSuggestions(t, s, d.ID, append(quoteSet(t), critics)); len(again) != 2 {
		t.Errorf("after undoing the cut a run stored %+v; want the claim and the source", again)
	}
	mustCheck(t, s)
}

func TestEachBundleLeavesSuggestionsOut(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	other := addDoc(t, s, "A second text, the mayor said.")
	addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Person", Spans: span(sampleText, 51, 58)})
	set := setSuggestions(t, s, d.ID, quoteSet(t))
	var anns, pending []int
	if err := s.EachBundle(func(b annotation.Bundle) error { anns = append(anns, len(b.Annotations)); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(anns, []int{1, 0}) {
		t.Errorf("EachBundle gave %v annotations; want [1 0]: no suggestion", anns)
	}
	anns = nil
	err := s.EachBundleSuggestions(func(b annotation.Bundle, ps []annotation.Annotation) error {
		anns, pending = append(anns, len(b.Annotations)), append(pending, len(ps))
		if b.Document.ID == d.ID && !sameAnnotations(ps, set) {
			t.Errorf("EachBundleSuggestions gave %+v; want %+v", ps, set)
		}
		return nil
	})
	if err != nil || !slices.Equal(anns, []int{1, 0}) || !slices.Equal(pending, []int{3, 0}) {
		t.Errorf("EachBundleSuggestions: annotations %v, pending %v, %v; want [1 0], [3 0]", anns, pending, err)
	}
	_ = other
}

// TestOpenVersion1File: a file of the first layout, without the
// suggestions and rejected buckets, is upgraded at open (a read-only open
// asks for that first) and then keeps suggestions.
func TestOpenVersion1File(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Person", Spans: span(sampleText, 51, 58)})
	path := s.Path()
	err := s.update(func(tx *bbolt.Tx) error {
		for _, b := range [][]byte{bucketSuggestions, bucketRejected} {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, idKey(1))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(path, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "older Glossa") {
		t.Errorf("read-only open of a version 1 file: %v; want it asked to be opened in Glossa first", err)
	}
	s2, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("opening a version 1 file: %v", err)
	}
	defer s2.Close()
	if got := schemaOf(t, path+".v1.bak"); got != 1 {
		t.Errorf("the copy taken before the upgrade has schema %d", got)
	}
	mustCheck(t, s2)
	if got, err := s2.SetSuggestions(d.ID, quoteSet(t), "v1"); err != nil || len(got) != 3 {
		t.Errorf("SetSuggestions on the upgraded file: %d, %v", len(got), err)
	}
	if as, _ := s2.Annotations(d.ID); len(as) != 1 {
		t.Errorf("annotations after the upgrade: %+v", as)
	}
	mustCheck(t, s2)
}

func TestCheckFindsBrokenSuggestions(t *testing.T) {
	editPending := func(fn func(a *annotation.Annotation)) func(tx *bbolt.Tx) error {
		return func(tx *bbolt.Tx) error {
			b := tx.Bucket(bucketSuggestions)
			k, v := b.Cursor().First()
			var a annotation.Annotation
			if err := json.Unmarshal(v, &a); err != nil {
				return err
			}
			fn(&a)
			if err := b.Delete(k); err != nil {
				return err
			}
			return putJSON(b, annKey(a.DocID, a.ID), a)
		}
	}
	tests := []struct {
		name   string
		break_ func(tx *bbolt.Tx) error
		want   error
	}{
		{"span out of text", editPending(func(a *annotation.Annotation) { a.Spans[0].End = 10000 }), annotation.ErrSpanOutOfRange},
		{"an annotation's id", editPending(func(a *annotation.Annotation) { a.ID = 1 }), ErrCorrupt},
		{"an id above the sequence", editPending(func(a *annotation.Annotation) { a.ID = 1000 }), ErrCorrupt},
		{"dangling link", editPending(func(a *annotation.Annotation) { a.Links = []annotation.Link{{Type: annotation.LinkAbout, Target: 77}} }), annotation.ErrDanglingLink},
		{"unknown label", editPending(func(a *annotation.Annotation) { a.Label = "Gone" }), annotation.ErrUnknownLabel},
		{"pending count", func(tx *bbolt.Tx) error {
			sum, err := loadSummary(tx, 1)
			if err != nil {
				return err
			}
			sum.Pending = 7
			return putJSON(tx.Bucket(bucketSummaries), idKey(1), sum)
		}, ErrCorrupt},
		{"orphan suggestion", editPending(func(a *annotation.Annotation) { a.DocID = 50 }), ErrCorrupt},
		{"unreadable rejection", func(tx *bbolt.Tx) error {
			return tx.Bucket(bucketRejected).Put([]byte("short"), []byte("{"))
		}, ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTestStore(t)
			d := addDoc(t, s, sampleText)
			addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Person", Spans: span(sampleText, 51, 58)})
			set := setSuggestions(t, s, d.ID, quoteSet(t))
			review(t, s, d.ID, annotation.SuggestionEdit{Reject: []uint64{byLabel(t, set, "Other").ID}})
			breakThenCheck(t, s, tt.break_, tt.want)
		})
	}
}

// TestApplyRefusesAPendingID: an annotation under a pending suggestion's id
// would make two records of one id; accepting goes through
// ReviewSuggestions.
func TestApplyRefusesAPendingID(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	set := setSuggestions(t, s, d.ID, quoteSet(t))
	before := snap(t, s, d.ID)
	if _, err := s.Apply(d.ID, []annotation.Annotation{accepted(set[0])}, nil); !errors.Is(err, annotation.ErrInUse) {
		t.Errorf("Apply under a pending suggestion's id: %v; want ErrInUse", err)
	}
	if after := snap(t, s, d.ID); !after.equal(before) {
		t.Errorf("the refused Apply changed %+v into %+v", before, after)
	}
	mustCheck(t, s)
}

// TestSuggestionsFollowTheCodebook: a codebook change carries pending
// suggestions over where it can and drops the rest (with the links to
// them), without ever refusing the change for them; a document that lost
// any is left for the suggester to run again.
func TestSuggestionsFollowTheCodebook(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	set := setSuggestions(t, s, d.ID, quoteSet(t))
	claim, source := byLabel(t, set, "Claim"), byLabel(t, set, "Source")

	// A rename follows.
	rename, err := s.EditCodebook(annotation.CodebookEdit{Op: annotation.OpUpdateLabel, Label: "Source",
		Def: annotation.Label{Name: "Speaker", Kind: annotation.KindSource, Color: "#2f80ed", Key: "2"}})
	if err != nil {
		t.Fatal(err)
	}
	got := pendingOf(t, s, d.ID)
	if sp := byLabel(t, got, "Speaker"); sp.ID != source.ID || len(got) != 3 {
		t.Errorf("after renaming Source: %+v; want the source as Speaker under its id", got)
	}
	if sum := summaryOfDoc(t, s, d.ID); sum.Pending != 3 || sum.Suggester != "v1" {
		t.Errorf("summary after the rename %+v; want 3 pending by v1", sum)
	}
	mustCheck(t, s)
	// Its undo drops what the old codebook lacks, for the suggester to
	// propose again.
	if err := s.RevertCodebook(rename); err != nil {
		t.Fatal(err)
	}
	got = pendingOf(t, s, d.ID)
	if len(got) != 2 || !slices.Equal(byLabel(t, got, "Claim").Links, claim.Links[1:]) {
		t.Errorf("after undoing the rename: %+v; want the claim (linked to its cue only) and the cue", got)
	}
	if sum := summaryOfDoc(t, s, d.ID); sum.Pending != 2 || sum.Suggester != "" {
		t.Errorf("summary after undoing the rename %+v; want 2 pending, no suggester", sum)
	}
	mustCheck(t, s)

	// A label only suggestions use is deleted without Into or Drop: the
	// change goes through, the suggestions go.
	set = setSuggestions(t, s, d.ID, quoteSet(t))
	if _, err := s.EditCodebook(annotation.CodebookEdit{Op: annotation.OpDeleteLabel, Label: "Other"}); err != nil {
		t.Fatalf("deleting a label only suggestions use: %v", err)
	}
	got = pendingOf(t, s, d.ID)
	if want := byLabel(t, set, "Claim").Links[:1]; len(got) != 2 || !slices.Equal(byLabel(t, got, "Claim").Links, want) {
		t.Errorf("after deleting Other: %+v; want the claim linked to its source only, and the source", got)
	}
	mustCheck(t, s)

	// SetLabels likewise.
	claimAndSource := quoteSet(t)[:2]
	claimAndSource[0].Links = claimAndSource[0].Links[:1]
	setSuggestions(t, s, d.ID, claimAndSource)
	ls, _ := s.Labels()
	ls.Labels = slices.DeleteFunc(ls.Labels, func(l annotation.Label) bool { return l.Name == "Source" })
	if err := s.SetLabels(ls); err != nil {
		t.Fatal(err)
	}
	if got := pendingOf(t, s, d.ID); len(got) != 1 || len(got[0].Links) != 0 || got[0].Label != "Claim" {
		t.Errorf("after SetLabels without Source: %+v; want the claim alone", got)
	}
	mustCheck(t, s)
}

// TestSuggestionsFollowTheRegistry: a merge moves the suggestions' entity
// references with the annotations'; deleting an entity only suggestions
// name drops their references.
func TestSuggestionsFollowTheRegistry(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	keep, err := s.AddEntity(annotation.Entity{Name: "Jane Doe", Type: "Person"})
	if err != nil {
		t.Fatal(err)
	}
	merge, err := s.AddEntity(annotation.Entity{Name: "J. Doe", Type: "Person"})
	if err != nil {
		t.Fatal(err)
	}
	mention := at(t, sampleText, "Person", "minister")
	mention.Entity = merge.ID
	setSuggestions(t, s, d.ID, []annotation.Annotation{suggestion(mention, 0)})
	if _, err := s.MergeEntities(keep.ID, merge.ID); err != nil {
		t.Fatal(err)
	}
	if got := pendingOf(t, s, d.ID); got[0].Entity != keep.ID {
		t.Errorf("after the merge the suggestion names entity %d; want %d", got[0].Entity, keep.ID)
	}
	mustCheck(t, s)
	if err := s.DeleteEntity(keep.ID); err != nil {
		t.Fatalf("deleting an entity only a suggestion names: %v", err)
	}
	if got := pendingOf(t, s, d.ID); got[0].Entity != 0 {
		t.Errorf("after deleting its entity the suggestion names %d; want none", got[0].Entity)
	}
	mustCheck(t, s)
}

// TestImportKeepIDsSkipsPendingIDs: an imported annotation keeps its id
// only when no pending suggestion has it (suggestions have no index entry).
func TestImportKeepIDsSkipsPendingIDs(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	set := setSuggestions(t, s, d.ID, quoteSet(t))
	text := "An imported text, the mayor said."
	b := annotation.Bundle{Document: annotation.Document{Title: "Imported", Text: text},
		Annotations: []annotation.Annotation{{ID: set[0].ID, Label: "Source", Spans: span(text, 18, 27)}}}
	if _, err := s.ImportBundles([]annotation.Bundle{b}, ImportOptions{KeepIDs: true}); err != nil {
		t.Fatal(err)
	}
	sums, _ := s.Documents()
	got := annotationsOf(t, s, sums[len(sums)-1].ID)
	if len(got) != 1 || got[0].ID == set[0].ID {
		t.Errorf("the imported annotation: %+v; want a new id, not the pending suggestion's %d", got, set[0].ID)
	}
	mustCheck(t, s)
	if out, err := s.ReviewSuggestions(d.ID, annotation.SuggestionEdit{Accept: []annotation.Annotation{accepted(set[0])}}); err != nil || len(out) != 1 {
		t.Errorf("accepting the suggestion after the import: %v", err)
	}
	mustCheck(t, s)
}
