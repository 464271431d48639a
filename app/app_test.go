package app

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
	"glossa/widgets"
)

const testText = `Río Verde council approves water plan
"The reservoir will be full by June," said Ana Pérez, the mayor. "We have no doubt about it."
A council official, who asked not to be named, said the plan would cost €4 million.
The plan was criticised by the Green Party. The plan was approved on Monday.`

func testDocs() []annotation.Document {
	return []annotation.Document{
		{Title: "Río Verde council approves water plan", Outlet: "Valley Post", Published: "2026-03-14", Text: testText},
		{Title: "Second article", Text: "Nothing happened today, officials said."},
	}
}

// newTestUI builds the window on a fake store holding testDocs.
func newTestUI(t *testing.T) (*UI, *fakeStore) {
	t.Helper()
	a := lockUI(t, test.NewTempApp(t))
	st := newFakeStore(testDocs()...)
	u := New(a, Project{Store: st}, Config{Version: "test"})
	if u.s.DocID() != 1 {
		t.Fatalf("open document = %d, want 1", u.s.DocID())
	}
	settle()
	return u, st
}

// uiLock stands for the UI goroutine. The test driver runs fyne.Do and
// fyne.DoAndWait on the calling goroutine, so what import and export hand
// back from their goroutines would run alongside the test; lockUI makes
// those calls wait until the test settles.
type uiLock struct {
	fyne.Driver
	mu *sync.Mutex
}

func (d uiLock) DoFromGoroutine(f func(), _ bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	f()
}

type lockedApp struct {
	fyne.App
	d uiLock
}

func (a lockedApp) Driver() fyne.Driver { return a.d }

// lockUI makes a the current app with goroutine work held until settle.
func lockUI(t *testing.T, a fyne.App) fyne.App {
	t.Helper()
	mu := &sync.Mutex{}
	mu.Lock()
	la := lockedApp{App: a, d: uiLock{Driver: a.Driver(), mu: mu}}
	fyne.SetCurrentApp(la)
	t.Cleanup(settle)
	return la
}

// settle lets the work handed to the UI goroutine run.
func settle() {
	la, ok := fyne.CurrentApp().(lockedApp)
	if !ok {
		return
	}
	mu := la.d.mu
	mu.Unlock()
	time.Sleep(20 * time.Millisecond)
	mu.Lock()
}

// sel selects the nth (0-based) occurrence of s in the article.
func sel(t *testing.T, u *UI, s string, nth int) (start, end int) {
	t.Helper()
	ms := findAll(u.s.Doc().Text, s, true)
	if len(ms) <= nth {
		t.Fatalf("%q occurs %d times, want occurrence %d", s, len(ms), nth)
	}
	u.article.SetSelection(ms[nth].Start, ms[nth].End)
	return ms[nth].Start, ms[nth].End
}

// press types r as a user would with the article focused.
func press(u *UI, r string) {
	u.win.Canvas().Focus(u.article)
	test.Type(u.article, r)
}

func only(t *testing.T, st *fakeStore, label string) annotation.Annotation {
	t.Helper()
	var got []annotation.Annotation
	for _, a := range st.stored() {
		if a.Label == label {
			got = append(got, a)
		}
	}
	if len(got) != 1 {
		t.Fatalf("stored %d %s annotations, want 1: %+v", len(got), label, st.stored())
	}
	return got[0]
}

func TestTagWithKeyCreatesAndListsAnnotation(t *testing.T) {
	u, st := newTestUI(t)
	u.app.Preferences().SetString(prefAnnotator, "tester")
	sel(t, u, "The reservoir will be full by June", 0)
	press(u, "1")

	c := only(t, st, "Claim")
	if got, want := c.Spans[0].Text, "The reservoir will be full by June"; got != want {
		t.Errorf("span text = %q, want %q", got, want)
	}
	if c.Author != "tester" {
		t.Errorf("author = %q, want tester", c.Author)
	}
	if u.s.Selected() != c.ID {
		t.Errorf("selected = %d, want the new claim %d", u.s.Selected(), c.ID)
	}
	if len(u.panel.rows) != 2 || u.panel.rows[0].heading != "Claims (1)" || u.panel.rows[1].id != c.ID {
		t.Errorf("panel rows = %+v, want the Claims heading and the claim", u.panel.rows)
	}
	if _, _, text := u.article.Selection(); text != "" {
		t.Errorf("selection after tagging = %q, want none", text)
	}
	// White space at the ends of a selection is left out; white space alone
	// tags nothing.
	start, _ := sel(t, u, "said Ana", 0)
	u.article.SetSelection(start+4, start+9)
	press(u, "3")
	if p := only(t, st, "Person"); p.Spans[0].Text != "Ana" {
		t.Errorf("person = %q, want Ana", p.Spans[0].Text)
	}
	u.undo()
	u.article.SetSelection(start+4, start+5)
	press(u, "3")
	// A key without a selection tags nothing.
	press(u, "3")
	if n := len(st.stored()); n != 1 {
		t.Errorf("stored %d annotations after a key without selection, want 1", n)
	}
}

func TestKeyOnCanvasWithoutFocus(t *testing.T) {
	u, st := newTestUI(t)
	sel(t, u, "Ana Pérez", 0)
	u.win.Canvas().Unfocus()
	test.TypeOnCanvas(u.win.Canvas(), "3")
	if p := only(t, st, "Person"); p.Spans[0].Text != "Ana Pérez" {
		t.Errorf("person = %q, want Ana Pérez", p.Spans[0].Text)
	}
}

func TestUndoRedoTag(t *testing.T) {
	u, st := newTestUI(t)
	sel(t, u, "Green Party", 0)
	press(u, "4")
	org := only(t, st, "Organisation")

	u.undo()
	if n := len(st.stored()); n != 0 {
		t.Fatalf("stored %d annotations after undo, want 0", n)
	}
	if len(u.s.Annotations()) != 0 || len(u.panel.rows) != 0 {
		t.Errorf("UI still shows %d annotations, %d rows after undo", len(u.s.Annotations()), len(u.panel.rows))
	}
	u.redo()
	again := only(t, st, "Organisation")
	if again.ID != org.ID || again.Spans[0] != org.Spans[0] {
		t.Errorf("redo stored %+v, want %+v", again, org)
	}
	// A new edit clears the redo stack.
	u.undo()
	sel(t, u, "Monday", 0)
	press(u, "6")
	if u.s.RedoSteps() != 0 {
		t.Errorf("redo stack has %d entries after a new edit, want 0", u.s.RedoSteps())
	}
}

func TestSourceFlowLinksClaimAndSource(t *testing.T) {
	u, st := newTestUI(t)
	sel(t, u, "The reservoir will be full by June", 0)
	press(u, "1")
	claim := only(t, st, "Claim")

	sel(t, u, "Ana Pérez", 0)
	press(u, "2")
	src := only(t, st, "Source")
	claim = only(t, st, "Claim")
	if got := claim.LinksOf(annotation.LinkSaidBy); len(got) != 1 || got[0] != src.ID {
		t.Fatalf("claim said_by = %v, want [%d]", got, src.ID)
	}
	if src.Attributes[annotation.AttrSourceType] != "named" {
		t.Errorf("source type = %q, want the default named", src.Attributes[annotation.AttrSourceType])
	}
	if u.s.Selected() != claim.ID {
		t.Errorf("selected = %d, want the claim %d to stay selected", u.s.Selected(), claim.ID)
	}
	if !strings.Contains(u.statusBar.Text, "linked") {
		t.Errorf("status = %q, want it to say the source was linked", u.statusBar.Text)
	}
	if !strings.Contains(u.panel.rowText(u.s.Annotation(claim.ID)), "Ana Pérez") {
		t.Errorf("claim row = %q, want it to name the source", u.panel.rowText(u.s.Annotation(claim.ID)))
	}

	// One undo takes back source and link together.
	u.undo()
	if got := st.stored(); len(got) != 1 || got[0].ID != claim.ID || len(got[0].Links) != 0 {
		t.Fatalf("after undo stored %+v, want the claim alone, unlinked", got)
	}
	u.redo()
	claim = only(t, st, "Claim")
	if got := claim.LinksOf(annotation.LinkSaidBy); len(got) != 1 || got[0] != src.ID {
		t.Errorf("after redo claim said_by = %v, want [%d]", got, src.ID)
	}
}

func TestSourceKeyWithoutClaimDoesNotLink(t *testing.T) {
	u, st := newTestUI(t)
	sel(t, u, "Green Party", 0)
	press(u, "4")
	sel(t, u, "A council official", 0)
	press(u, "2")
	src := only(t, st, "Source")
	if len(only(t, st, "Organisation").Links) != 0 || len(src.Links) != 0 {
		t.Errorf("links made without a claim selected: %+v", st.stored())
	}
}

func TestPickSourceByClickingIt(t *testing.T) {
	u, st := newTestUI(t)
	sel(t, u, "A council official", 0)
	press(u, "2")
	src := only(t, st, "Source")
	sel(t, u, "the plan would cost €4 million", 0)
	press(u, "1")
	claim := only(t, st, "Claim")
	u.picking = true
	u.highlightTapped(src.ID)
	claim = only(t, st, "Claim")
	if got := claim.LinksOf(annotation.LinkSaidBy); len(got) != 1 || got[0] != src.ID {
		t.Errorf("claim said_by = %v, want [%d]", got, src.ID)
	}
}

func TestDeleteAndUndoRestoresLinks(t *testing.T) {
	u, st := newTestUI(t)
	sel(t, u, "We have no doubt about it.", 0)
	press(u, "1")
	sel(t, u, "Ana Pérez", 0)
	press(u, "2")
	src := only(t, st, "Source")

	u.selectAnnotation(src.ID)
	u.typedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if got := st.stored(); len(got) != 1 || len(got[0].Links) != 0 {
		t.Fatalf("after delete stored %+v, want the claim alone without links", got)
	}
	u.undo()
	back := only(t, st, "Source")
	if back.ID != src.ID {
		t.Errorf("restored source id = %d, want %d", back.ID, src.ID)
	}
	if got := only(t, st, "Claim").LinksOf(annotation.LinkSaidBy); len(got) != 1 || got[0] != src.ID {
		t.Errorf("claim said_by after undo = %v, want [%d]", got, src.ID)
	}
}

func TestSplitQuoteSecondSpan(t *testing.T) {
	u, st := newTestUI(t)
	sel(t, u, "The reservoir will be full by June,", 0)
	press(u, "1")
	sel(t, u, "We have no doubt about it.", 0)
	press(u, "+")
	c := only(t, st, "Claim")
	if len(c.Spans) != 2 || c.Spans[1].Text != "We have no doubt about it." {
		t.Fatalf("spans = %+v, want two, the second the rest of the quote", c.Spans)
	}
	u.undo()
	if c := only(t, st, "Claim"); len(c.Spans) != 1 {
		t.Errorf("spans after undo = %d, want 1", len(c.Spans))
	}
}

// An attribute value the label does not offer (from an imported dataset)
// is shown as stored: Fyne's Select ignores an unknown value and went on
// showing the previous annotation's.
func TestAttributeValueTheLabelDoesNotOffer(t *testing.T) {
	u, st := newTestUI(t)
	sel(t, u, "the plan would cost €4 million", 0)
	press(u, "1")
	a := only(t, st, "Claim")
	u.panel.setAttribute(a.ID, annotation.AttrVerdict, "false")
	sel(t, u, "The reservoir will be full by June,", 0)
	press(u, "1")
	var b annotation.Annotation
	for _, c := range st.stored() {
		if c.ID != a.ID {
			b = c.Clone()
		}
	}
	b.Attributes = map[string]string{annotation.AttrVerdict: "partly false"}
	if !u.update("verdict", b) {
		t.Fatal("update refused")
	}
	verdict := func() *widget.Select {
		for _, f := range u.panel.ed.forms["Claim"].attrs {
			if f.name == annotation.AttrVerdict {
				return f.sel
			}
		}
		t.Fatal("no verdict field in the Claim form")
		return nil
	}
	for _, step := range []struct {
		id   uint64
		want string
	}{{a.ID, "false"}, {b.ID, "partly false"}, {a.ID, "false"}, {b.ID, "partly false"}} {
		u.selectAnnotation(step.id)
		if got := verdict().Selected; got != step.want {
			t.Errorf("annotation %d: verdict shows %q, want %q", step.id, got, step.want)
		}
	}
	for _, c := range st.stored() {
		if want := map[uint64]string{a.ID: "false", b.ID: "partly false"}[c.ID]; c.Attributes[annotation.AttrVerdict] != want {
			t.Errorf("annotation %d: stored verdict %q, want %q (showing must not change it)", c.ID, c.Attributes[annotation.AttrVerdict], want)
		}
	}
}

func TestAttributeNoteAndEntityEdits(t *testing.T) {
	u, st := newTestUI(t)
	sel(t, u, "the plan would cost €4 million", 0)
	press(u, "1")
	c := only(t, st, "Claim")

	u.panel.setAttribute(c.ID, annotation.AttrVerdict, "mostly false")
	if got := only(t, st, "Claim").Attributes[annotation.AttrVerdict]; got != "mostly false" {
		t.Errorf("verdict = %q, want mostly false", got)
	}
	u.panel.setAttribute(c.ID, annotation.AttrVerdict, "—")
	if _, ok := only(t, st, "Claim").Attributes[annotation.AttrVerdict]; ok {
		t.Errorf("verdict still set after choosing —")
	}

	note := findNote(t, u)
	note.SetText("Budget says €3.2m")
	u.selectAnnotation(0) // leaving the annotation saves the note
	if got := only(t, st, "Claim").Note; got != "Budget says €3.2m" {
		t.Errorf("note = %q, want it saved", got)
	}

	sel(t, u, "Río Verde", 0)
	press(u, "5")
	loc := only(t, st, "Location")
	u.setEntity(loc.ID, "Río Verde")
	if len(st.entities) != 1 || only(t, st, "Location").Entity != st.entities[0].ID {
		t.Fatalf("entity not created and linked: %+v, %+v", st.entities, only(t, st, "Location"))
	}
	if got := entitySuggestions(u.s.Entities(), "río", 5); len(got) != 1 || got[0] != "Río Verde" {
		t.Errorf("suggestions = %v, want [Río Verde]", got)
	}
}

// findNote returns the detail editor's note entry, the one shown (the
// editor keeps a hidden form for each label shown before).
func findNote(t *testing.T, u *UI) *widgets.CommitEntry {
	t.Helper()
	var found *widgets.CommitEntry
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widgets.CommitEntry:
			if w.MultiLine {
				found = w
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			r := test.TempWidgetRenderer(t, w)
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(u.panel.detail)
	if found == nil {
		t.Fatal("no note entry in the detail editor")
	}
	return found
}

func TestStatusChangeAndUndo(t *testing.T) {
	u, st := newTestUI(t)
	u.statusSel.SetSelected("Done")
	if st.docs[0].Status != annotation.StatusDone {
		t.Fatalf("stored status = %q, want done", st.docs[0].Status)
	}
	if u.articles.shown[0].Status != annotation.StatusDone {
		t.Errorf("corpus shows %q, want done", u.articles.shown[0].Status)
	}
	u.articles.filter.SetSelected("New")
	if len(u.articles.shown) != 1 || u.articles.shown[0].ID != 2 {
		t.Errorf("filter New shows %+v, want the second article only", u.articles.shown)
	}
	u.articles.filter.SetSelected(filterAll)
	u.undo()
	if st.docs[0].Status != annotation.StatusNew || u.statusSel.Selected != "New" {
		t.Errorf("after undo status = %q, select shows %q; want new", st.docs[0].Status, u.statusSel.Selected)
	}
}

func TestNextPreviousDocument(t *testing.T) {
	u, _ := newTestUI(t)
	u.step(1)
	settle()
	if u.s.DocID() != 2 || u.title.Text != "Second article" {
		t.Fatalf("after next: doc %d %q, want 2", u.s.DocID(), u.title.Text)
	}
	u.step(1)
	if u.s.DocID() != 2 {
		t.Errorf("next past the end moved to %d", u.s.DocID())
	}
	u.step(-1)
	settle()
	if u.s.DocID() != 1 {
		t.Errorf("after previous: doc %d, want 1", u.s.DocID())
	}
}

func TestUndoAcrossDocumentsOpensTheDocument(t *testing.T) {
	u, st := newTestUI(t)
	sel(t, u, "Monday", 0)
	press(u, "6")
	u.step(1)
	settle()
	u.undo()
	settle()
	if u.s.DocID() != 1 || len(st.stored()) != 0 {
		t.Errorf("undo: open doc %d, %d stored; want doc 1 open and nothing stored", u.s.DocID(), len(st.stored()))
	}
}

func TestFindNextPrevious(t *testing.T) {
	u, _ := newTestUI(t)
	u.find.open()
	if !u.find.box.Visible() {
		t.Fatal("find bar hidden after open")
	}
	u.find.entry.SetText("the plan")
	if got := len(u.find.matches); got != 3 {
		t.Fatalf("matches of 'the plan' = %d, want 3 (any case)", got)
	}
	first := u.find.matches[0]
	if s, e, _ := u.article.Selection(); s != first.Start || e != first.End {
		t.Errorf("selection = %d-%d, want the first match %d-%d", s, e, first.Start, first.End)
	}
	u.find.next()
	if s, _, _ := u.article.Selection(); s != u.find.matches[1].Start || u.find.count.Text != "2 of 3" {
		t.Errorf("after next: selection at %d, count %q; want the second match", s, u.find.count.Text)
	}
	u.find.prev()
	u.find.prev()
	if u.find.current != 2 {
		t.Errorf("prev from the first match = %d, want the last (2)", u.find.current)
	}
	// The current match can be tagged with a key.
	press(u, "7")
	if len(u.s.Annotations()) != 1 || u.s.Annotations()[0].Spans[0].Text != "The plan" {
		t.Errorf("tagging the match stored %+v", u.s.Annotations())
	}
	u.find.entry.SetText("zzz")
	if u.find.count.Text != "no match" {
		t.Errorf("count = %q, want no match", u.find.count.Text)
	}
}

func TestTagAllOccurrences(t *testing.T) {
	u, st := newTestUI(t)
	sel(t, u, "plan", 0)
	press(u, "7")
	ta := u.newTagAll(u.s.Annotation(u.s.Selected()))
	if len(ta.ranges) != 3 {
		t.Fatalf("other occurrences = %d, want 3", len(ta.ranges))
	}
	ta.show(fyne.NewSize(520, 200))
	if _, _, text := u.article.Selection(); text != "plan" {
		t.Errorf("occurrence shown = %q", text)
	}
	if before, match, after := ta.parts(); match != "plan" || before == "" || after == "" {
		t.Errorf("parts = %q, %q, %q; want the occurrence with text around it", before, match, after)
	}
	ta.accept()
	ta.skip()
	ta.accept()
	if !ta.done() || ta.tagged != 2 || ta.skipped != 1 {
		t.Errorf("tagged %d skipped %d done %v", ta.tagged, ta.skipped, ta.done())
	}
	if n := len(st.stored()); n != 3 {
		t.Errorf("stored %d, want 3 Event annotations", n)
	}
	if ta := u.newTagAll(u.s.Annotation(u.s.Selected())); len(ta.ranges) != 1 {
		t.Errorf("after tagging, %d untagged occurrences remain, want 1", len(ta.ranges))
	}
}

func TestStoreErrorShowsDialogAndNoAnnotation(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	st.fail = errors.New("disk full")
	sel(t, u, "Green Party", 0)
	press(u, "4")
	if len(st.stored()) != 0 || len(u.s.Annotations()) != 0 {
		t.Fatalf("an annotation shows after the store failed: %+v", u.s.Annotations())
	}
	if u.win.Canvas().Overlays().Top() == nil {
		t.Error("no error dialog shown")
	}
	if !strings.Contains(u.statusBar.Text, "disk full") {
		t.Errorf("status = %q, want the error", u.statusBar.Text)
	}
	if u.s.UndoSteps() != 0 {
		t.Errorf("undo stack has %d entries for a failed edit", u.s.UndoSteps())
	}
}

func TestFindAll(t *testing.T) {
	for _, tc := range []struct {
		text, pat string
		cs        bool
		want      int
	}{
		{"Ana ana ANA", "ana", false, 3},
		{"Ana ana ANA", "ana", true, 1},
		{"Pérez PÉREZ", "pérez", false, 2},
		{"aaaa", "aa", true, 2},
		{"x", "", true, 0},
	} {
		if got := len(findAll(tc.text, tc.pat, tc.cs)); got != tc.want {
			t.Errorf("findAll(%q, %q, %v) = %d matches, want %d", tc.text, tc.pat, tc.cs, got, tc.want)
		}
	}
	if got := findAll("é x", "x", true); got[0].Start != 2 {
		t.Errorf("offset = %d, want 2 (code points)", got[0].Start)
	}
}

// TestEditsMergeWhatTheStoreHolds checks that the window's annotations
// and highlights, merged from what Apply returns, stay what the store
// holds, edit after edit.
func TestEditsMergeWhatTheStoreHolds(t *testing.T) {
	u, st := newTestUI(t)
	check := func(step string) {
		t.Helper()
		want, _ := st.Annotations(1)
		if len(want) == 0 {
			want = nil
		}
		got := u.s.Annotations()
		if len(got) == 0 {
			got = nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: window has %+v, store %+v", step, got, want)
		}
		spans := 0
		for _, a := range want {
			spans += len(a.Spans)
		}
		if n := len(u.article.Highlights()); n != spans {
			t.Errorf("%s: %d highlights, want one for each of the %d spans", step, n, spans)
		}
		if n := u.s.Documents()[0].Annotations; n != len(want) {
			t.Errorf("%s: corpus count %d, want %d", step, n, len(want))
		}
	}
	sel(t, u, "We have no doubt about it.", 0)
	press(u, "1")
	check("tag claim")
	sel(t, u, "The reservoir will be full by June", 0)
	press(u, "+")
	check("add span before the first")
	sel(t, u, "Ana Pérez", 0)
	press(u, "2")
	check("tag and link source")
	sel(t, u, "Green Party", 0)
	press(u, "4")
	check("tag organisation")
	u.changeLabel(u.s.Selected(), "Person")
	check("change label")
	u.deleteAnnotation(only(t, st, "Source").ID)
	check("delete linked source")
	u.undo()
	check("undo delete")
	u.undo()
	check("undo label")
	u.redo()
	check("redo label")
}

func TestBracketsStepThroughAnnotations(t *testing.T) {
	u, _ := newTestUI(t)
	for _, w := range []string{"Ana Pérez", "the mayor"} {
		sel(t, u, w, 0)
		press(u, "3")
	}
	u.s.Select(0)
	press(u, "]")
	first := u.s.Annotation(u.s.Selected())
	if first == nil || first.ID != u.s.Annotations()[0].ID {
		t.Fatalf("] with nothing selected selected %+v; want the first annotation in reading order", first)
	}
	press(u, "]")
	second := u.s.Annotation(u.s.Selected())
	if second == nil || second.ID == first.ID || second.Start() < first.Start() {
		t.Fatalf("] selected %+v; want the next one in reading order after %+v", second, first)
	}
	press(u, "]")
	if u.s.Selected() != second.ID {
		t.Errorf("] past the last changed the selection to %d", u.s.Selected())
	}
	press(u, "[")
	if u.s.Selected() != first.ID {
		t.Errorf("[ selected %d; want %d", u.s.Selected(), first.ID)
	}
}

// An import in the window may add labels and annotations to the article on
// screen (a W3C file re-anchored on it): the label bar, the forms and the
// article follow, and a note typed meanwhile is saved, not dropped with
// the old forms.
func TestImportReloadsLabelsAndTheOpenArticle(t *testing.T) {
	u, st := newTestUI(t)
	sel(t, u, "the plan would cost €4 million", 0)
	press(u, "1")
	claim := only(t, st, "Claim")
	findNote(t, u).SetText("typed, not yet saved")
	var quoteID uint64
	u.proj.Import = func(_ context.Context, _ []string, _ func(done, total int, msg string)) (string, error) {
		st.labels.Labels = append(slices.Clone(st.labels.Labels), annotation.Label{Name: "Quote", Kind: annotation.KindClaim, Color: "#123456"})
		o := annotation.NewOffsets(u.s.Doc().Text)
		s, _ := annotation.NewSpan(o, 0, 5)
		put, err := st.Apply(u.s.DocID(), []annotation.Annotation{{DocID: u.s.DocID(), Label: "Quote", Spans: []annotation.Span{s}}}, nil)
		if err == nil {
			quoteID = put[0].ID
		}
		return "Imported 1 annotation.", err
	}
	u.importPaths([]string{"quotes.json"})
	settle()
	settle()
	if _, ok := u.s.Label("Quote"); !ok {
		t.Error("the window's labels lack Quote after the import")
	}
	if got, want := len(u.labelBar.Items()), len(st.labels.Labels); got != want {
		t.Errorf("label bar has %d labels, want %d", got, want)
	}
	if u.s.Annotation(quoteID) == nil {
		t.Errorf("the open article does not show the imported annotation %d", quoteID)
	}
	for _, a := range st.stored() {
		if a.ID == claim.ID && a.Note != "typed, not yet saved" {
			t.Errorf("note = %q, want the text typed before the import saved", a.Note)
		}
	}
	if got := findNote(t, u).Text; got != "typed, not yet saved" {
		t.Errorf("the note field shows %q after the import, want the text typed", got)
	}
	u.selectAnnotation(quoteID)
	if got := u.panel.ed.forms["Quote"]; got == nil {
		t.Error("no form for the imported label")
	}
}

// tagPerson tags the first occurrence of text as a Person (key 3) and links
// it to the entity named entity; the person stays selected.
func tagPerson(t *testing.T, u *UI, text, entity string) {
	t.Helper()
	sel(t, u, text, 0)
	press(u, "3")
	u.setEntity(u.s.Selected(), entity)
}

// File > Merge annotator file… is there only when the project can merge,
// and a merge is read back like an import: labels, the article list and
// the article on screen, whose new layer's annotation shows.
func TestMergeMenuItemAndReload(t *testing.T) {
	u, st := newTestUI(t)
	item := func() *fyne.MenuItem {
		for _, m := range u.win.MainMenu().Items {
			for _, it := range m.Items {
				if it.Label == "Merge annotator file…" {
					return it
				}
			}
		}
		t.Fatal("the menus have no Merge annotator file… item")
		return nil
	}
	if !item().Disabled {
		t.Error("Merge annotator file… is enabled for a project that cannot merge")
	}
	var merged uint64
	u.proj.Merge = func(_ context.Context, paths []string, _ func(done, total int, msg string)) (string, error) {
		st.labels.Labels = append(slices.Clone(st.labels.Labels), annotation.Label{Name: "Quote", Kind: annotation.KindClaim, Color: "#123456"})
		o := annotation.NewOffsets(u.s.Doc().Text)
		s, _ := annotation.NewSpan(o, 0, 5)
		put, err := st.Apply(u.s.DocID(), []annotation.Annotation{{DocID: u.s.DocID(), Label: "Quote", Spans: []annotation.Span{s}, Author: "ana"}}, nil)
		if err == nil {
			merged = put[0].ID
		}
		return "merged " + strings.Join(paths, ", "), err
	}
	u.win.SetMainMenu(u.makeMenu())
	if item().Disabled {
		t.Error("Merge annotator file… is disabled for a project that can merge")
	}
	u.mergePaths([]string{"ana.json"})
	settle()
	settle()
	if _, ok := u.s.Label("Quote"); !ok {
		t.Error("the window's labels lack Quote after the merge")
	}
	if u.s.Annotation(merged) == nil {
		t.Errorf("the open article does not show the merged annotation %d", merged)
	}
	if got, want := u.status, "merged ana.json"; got != want {
		t.Errorf("status %q; want %q", got, want)
	}
}
