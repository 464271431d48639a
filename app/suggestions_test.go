package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"glossa/annotation"
	"glossa/app/session"
	"glossa/widgets"
)

// newSuggestUI is newTestUI with the suggester running in the background,
// as the desktop wires it; it returns once the open article's suggestions
// are in.
func newSuggestUI(t *testing.T) (*UI, *fakeStore) {
	t.Helper()
	a := lockUI(t, test.NewTempApp(t))
	st := newFakeStore(testDocs()...)
	u := New(a, Project{Store: st, Suggest: session.SuggestRun.Compute}, Config{Version: "test"})
	u.app.Preferences().SetString(prefAnnotator, "tester")
	waitSuggested(t, u)
	return u, st
}

// waitSuggested lets the UI goroutine run until the suggester is idle.
func waitSuggested(t *testing.T, u *UI) {
	t.Helper()
	until(t, func() bool { return u.suggesting == 0 && len(u.suggestQueue) == 0 })
}

// until lets the UI goroutine run until done reports true (checked on
// it); it fails t when that takes more than 500 turns.
func until(t *testing.T, done func() bool) {
	t.Helper()
	for range 500 {
		settle()
		if done() {
			return
		}
	}
	t.Fatalf("still waiting after 500 turns of the UI goroutine")
}

// articleKey types a key as a user would with the article focused.
func articleKey(t *testing.T, u *UI, name fyne.KeyName) {
	t.Helper()
	u.win.Canvas().Focus(u.article)
	key(t, u, name)
}

// pendingWith returns the open article's pending suggestion of label
// whose text holds s.
func pendingWith(t *testing.T, u *UI, label, s string) annotation.Annotation {
	t.Helper()
	for _, a := range u.s.Suggestions() {
		if a.Label == label && strings.Contains(a.Quote(), s) {
			return a
		}
	}
	t.Fatalf("no %s suggested with %q among %d", label, s, len(u.s.Suggestions()))
	return annotation.Annotation{}
}

func outlined(u *UI) map[uint64]int {
	out := map[uint64]int{}
	for _, h := range u.article.Highlights() {
		if h.Style == widgets.Outlined {
			out[h.ID]++
		}
	}
	return out
}

func TestSuggestionsShownOutlinedAndListed(t *testing.T) {
	u, st := newSuggestUI(t)
	sugs := u.s.Suggestions()
	if len(sugs) == 0 {
		t.Fatal("no suggestions for the test article")
	}
	if got := st.suggester[1]; got == "" {
		t.Errorf("the store records no suggester version for the open article")
	}
	got := outlined(u)
	for _, a := range sugs {
		if got[a.ID] != len(a.Spans) {
			t.Errorf("suggestion %d %q has %d outlined highlights; want %d", a.ID, a.Quote(), got[a.ID], len(a.Spans))
		}
	}
	if len(got) != len(sugs) {
		t.Errorf("%d outlined highlights drawn for %d suggestions", len(got), len(sugs))
	}
	rows := 0
	for _, r := range u.panel.rows {
		if r.heading == "" && u.s.Suggestion(r.id) != nil {
			rows++
		}
	}
	if rows != len(sugs) || !strings.HasPrefix(u.panel.rows[0].heading, "Suggestions (") {
		t.Errorf("panel lists %d suggestions under %q; want %d under Suggestions", rows, u.panel.rows[0].heading, len(sugs))
	}
	if !u.panel.acceptAll.Visible() || !u.capturesTab() {
		t.Errorf("Accept all shown %v, Tab captured %v; want both with suggestions", u.panel.acceptAll.Visible(), u.capturesTab())
	}
	// Tapped, a suggestion is selected and explained.
	c := pendingWith(t, u, "Claim", "reservoir")
	u.highlightTapped(c.ID)
	if u.s.Selected() != c.ID || !u.panel.ed.review.Visible() || !strings.Contains(u.panel.ed.why.Text, c.Provenance.Rule) {
		t.Errorf("tapped suggestion: selected %d, review shown %v, %q; want %d with its rule", u.s.Selected(), u.panel.ed.review.Visible(), u.panel.ed.why.Text, c.ID)
	}
}

func TestReviewWithKeys(t *testing.T) {
	u, st := newSuggestUI(t)
	sugs := slices.Clone(u.s.Suggestions())
	// Tab from nothing selected: the first; Tab: the second; Shift+Tab:
	// back to the first.
	articleKey(t, u, fyne.KeyTab)
	if u.s.Selected() != sugs[0].ID {
		t.Fatalf("Tab selected %d; want the first suggestion %d", u.s.Selected(), sugs[0].ID)
	}
	articleKey(t, u, fyne.KeyTab)
	if u.s.Selected() != sugs[1].ID {
		t.Errorf("Tab again selected %d; want the second %d", u.s.Selected(), sugs[1].ID)
	}
	u.modifiers = func() fyne.KeyModifier { return fyne.KeyModifierShift }
	articleKey(t, u, fyne.KeyTab)
	u.modifiers = func() fyne.KeyModifier { return 0 }
	if u.s.Selected() != sugs[0].ID {
		t.Errorf("Shift+Tab selected %d; want the first %d", u.s.Selected(), sugs[0].ID)
	}

	// From text selected in the article (as Find leaves it), Tab goes to
	// the first suggestion there.
	claim := pendingWith(t, u, "Claim", "reservoir")
	u.selectAnnotation(0)
	sel(t, u, "The reservoir", 0)
	articleKey(t, u, fyne.KeyTab)
	if u.s.Selected() != claim.ID {
		t.Fatalf("Tab from the selected text selected %d; want the claim %d", u.s.Selected(), claim.ID)
	}
	sources := claim.LinksOf(annotation.LinkSaidBy)
	if len(sources) == 0 {
		t.Fatalf("the claim %q has no suggested source", claim.Quote())
	}
	source := *u.s.Suggestion(sources[0])

	// Enter accepts the claim with its source, in one step.
	articleKey(t, u, fyne.KeyReturn)
	gotClaim, gotSource := only(t, st, "Claim"), only(t, st, "Source")
	if gotClaim.ID != claim.ID || gotSource.ID != source.ID || !slices.Equal(gotClaim.LinksOf(annotation.LinkSaidBy), []uint64{source.ID}) {
		t.Errorf("stored claim %d links %v, source %d; want claim %d said by %d", gotClaim.ID, gotClaim.Links, gotSource.ID, claim.ID, source.ID)
	}
	for _, a := range []annotation.Annotation{gotClaim, gotSource} {
		p := a.Provenance
		if p.Origin != annotation.OriginSuggested || p.Review != annotation.ReviewAccepted || p.Reviewer != "tester" || a.Author != "tester" || p.Rule == "" || p.Confidence == 0 {
			t.Errorf("%s stored with author %q, provenance %+v; want suggested, its rule and confidence, accepted by tester", a.Label, a.Author, p)
		}
	}
	if u.s.UndoSteps() != 1 {
		t.Errorf("accepting made %d undo steps; want 1", u.s.UndoSteps())
	}
	if outlined(u)[claim.ID] != 0 || slices.ContainsFunc(u.article.Highlights(), func(h widgets.Highlight) bool { return h.ID == claim.ID && h.Style != widgets.Filled }) {
		t.Errorf("the accepted claim is still drawn outlined")
	}
	// The next suggestion is selected: Delete rejects it, Backspace the
	// one after.
	next := u.s.Suggestion(u.s.Selected())
	if next == nil || next.Start() < claim.Start() {
		t.Fatalf("after accepting, selected %d; want the next suggestion after the claim", u.s.Selected())
	}
	rejected := next.ID
	articleKey(t, u, fyne.KeyDelete)
	if u.s.Suggestion(rejected) != nil || slices.ContainsFunc(st.stored(), func(a annotation.Annotation) bool { return a.ID == rejected }) {
		t.Errorf("Delete left suggestion %d pending or stored it", rejected)
	}
	if after := u.s.Suggestion(u.s.Selected()); after != nil {
		articleKey(t, u, fyne.KeyBackspace)
		if u.s.Suggestion(after.ID) != nil {
			t.Errorf("Backspace left suggestion %d pending", after.ID)
		}
	}
	n := u.s.UndoSteps()
	for range n - 1 {
		u.undo()
	}
	if u.s.Suggestion(rejected) == nil {
		t.Errorf("undoing the rejections did not bring suggestion %d back", rejected)
	}
	// The accepted claim shows where it came from.
	u.selectAnnotation(claim.ID)
	if info := u.panel.ed.prov.Text; !u.panel.ed.prov.Visible() || !strings.Contains(info, "Suggested by rule "+claim.Provenance.Rule) || !strings.Contains(info, "accepted by tester") {
		t.Errorf("the accepted claim's details say %q; want its rule and who accepted it", info)
	}
	u.undo()
	if len(st.stored()) != 0 || u.s.Suggestion(claim.ID) == nil || u.s.Suggestion(source.ID) == nil {
		t.Errorf("after undoing the accept: stored %d, claim pending %v, source pending %v; want nothing stored, both pending",
			len(st.stored()), u.s.Suggestion(claim.ID) != nil, u.s.Suggestion(source.ID) != nil)
	}
}

func TestAcceptAboveAConfidence(t *testing.T) {
	u, st := newSuggestUI(t)
	want := u.s.AcceptAboveSet(0.8)
	if len(want) == 0 || len(want) == len(u.s.Suggestions()) {
		t.Fatalf("%d of %d suggestions at 0.8 or more: the test needs some above and some below", len(want), len(u.s.Suggestions()))
	}
	if !strings.Contains(u.acceptAboveText(0.8), "Accepts ") {
		t.Errorf("the dialog says %q", u.acceptAboveText(0.8))
	}
	u.acceptAbove(0.8)
	if got, w := len(st.stored()), len(want); got != w || u.s.UndoSteps() != 1 {
		t.Errorf("stored %d annotations in %d steps; want %d in one", got, u.s.UndoSteps(), w)
	}
	for _, a := range want {
		if u.s.Annotation(a.ID) == nil {
			t.Errorf("%s %q (%.2f) not accepted", a.Label, a.Quote(), a.Provenance.Confidence)
		}
	}
	u.undo()
	if len(st.stored()) != 0 {
		t.Errorf("undo left %d annotations", len(st.stored()))
	}
}

// A result computed from an article that changed meanwhile is not stored:
// it is computed again from the article as it is.
func TestStaleSuggestionsComputedAgain(t *testing.T) {
	u, st := newSuggestUI(t)
	var held []func()
	u.background = func(f func()) { held = append(held, f) }
	u.openDocument(2) // "Nothing happened today, officials said."
	if len(held) != 1 {
		t.Fatalf("opening article 2 started %d runs of the suggester; want 1", len(held))
	}
	sel(t, u, "Nothing happened today", 0)
	press(u, "1") // tagged while the suggester runs
	// What was held runs on a goroutine of its own, as the window's
	// background does: its fyne.Do waits for settle.
	go held[0]()
	until(t, func() bool { return len(held) == 2 })
	if n := len(st.sugs[2]); n != 0 {
		t.Errorf("the stale result stored %d suggestions", n)
	}
	go held[1]()
	until(t, func() bool { return u.suggesting == 0 })
	if st.suggester[2] == "" {
		t.Errorf("the second run stored nothing")
	}
	for _, a := range u.s.Suggestions() {
		if a.Label == "Claim" && a.Start() < 22 {
			t.Errorf("the claim tagged meanwhile is suggested again: %q", a.Quote())
		}
	}
	if u.suggesting != 0 || len(u.suggestQueue) != 0 {
		t.Errorf("the suggester is left busy: %d, queue %v", u.suggesting, u.suggestQueue)
	}
}

// Without suggestions Tab moves the focus, as everywhere.
func TestTabWithoutSuggestions(t *testing.T) {
	u, _ := newTestUI(t)
	if len(u.s.Suggestions()) != 0 || u.capturesTab() || u.article.AcceptsTab() || u.panel.list.AcceptsTab() {
		t.Errorf("without a suggester: %d suggestions, Tab captured %v", len(u.s.Suggestions()), u.capturesTab())
	}
}

// Tagging by hand over a suggestion of the same kind takes its place:
// its outline goes, and Ctrl+Z brings it back with the tag undone.
func TestTagOverASuggestion(t *testing.T) {
	u, st := newSuggestUI(t)
	claim := pendingWith(t, u, "Claim", "reservoir")
	sel(t, u, "The reservoir will be full", 0)
	press(u, "1")
	if u.s.Suggestion(claim.ID) != nil || outlined(u)[claim.ID] != 0 {
		t.Errorf("the suggested claim is still pending or drawn after a claim was tagged over it")
	}
	if got := only(t, st, "Claim").Provenance.Origin; got == annotation.OriginSuggested {
		t.Errorf("the tagged claim says it was suggested")
	}
	u.undo()
	if len(st.stored()) != 0 || u.s.Suggestion(claim.ID) == nil || outlined(u)[claim.ID] != len(claim.Spans) {
		t.Errorf("one undo left %d annotations, the suggestion pending %v: want the tag gone and the suggestion back",
			len(st.stored()), u.s.Suggestion(claim.ID) != nil)
	}
}
