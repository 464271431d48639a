package app

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"glossa/annotation"
)

// panelLines is the annotation list as lines: a heading as it reads, an
// annotation as "label quote", indented ("  ") when listed under another
// mention of its entity, its note after " | ".
func panelLines(u *UI) []string {
	var out []string
	for _, r := range u.panel.rows {
		if r.heading != "" {
			out = append(out, r.heading)
			continue
		}
		a := u.s.Annotation(r.id)
		if a == nil {
			a = u.s.Suggestion(r.id)
		}
		line := a.Label + " " + a.Quote()
		if r.sub {
			line = "  " + line
		}
		if r.note != "" {
			line += " | " + r.note
		}
		out = append(out, line)
	}
	return out
}

// tagPanelFixture tags a claim, its source, two mentions of one person
// (Ana Pérez and "the mayor", one entity), an organisation and a date.
func tagPanelFixture(t *testing.T, u *UI) {
	t.Helper()
	sel(t, u, "The reservoir will be full by June", 0)
	press(u, "1")
	sel(t, u, "Ana Pérez", 0)
	press(u, "2")
	u.selectAnnotation(0)
	tagPerson(t, u, "Ana Pérez", "Ana Pérez")
	tagPerson(t, u, "the mayor", "Ana Pérez")
	sel(t, u, "Green Party", 0)
	press(u, "4")
	sel(t, u, "Monday", 0)
	press(u, "6")
	u.selectAnnotation(0)
}

func TestPanelOrdersAndGroupsMentions(t *testing.T) {
	u, _ := newTestUI(t)
	tagPanelFixture(t, u)
	for _, c := range []struct {
		order string
		want  []string
	}{
		{orderKind, []string{
			"Claims (1)", "Claim The reservoir will be full by June",
			"Sources (1)", "Source Ana Pérez",
			// Two mentions of Ana Pérez are one entity, listed together.
			"Entities (3 entities, 4 mentions)", "Person Ana Pérez | 2 mentions", "  Person the mayor",
			"Organisation Green Party", "Date Monday",
		}},
		{orderLabel, []string{
			"Claim (1)", "Claim The reservoir will be full by June",
			"Source (1)", "Source Ana Pérez",
			"Person (1 entity, 2 mentions)", "Person Ana Pérez | 2 mentions", "  Person the mayor",
			"Organisation (1)", "Organisation Green Party",
			"Date (1)", "Date Monday",
		}},
		{orderPosition, []string{
			"Claim The reservoir will be full by June", "Source Ana Pérez", "Person Ana Pérez", "Person the mayor",
			"Organisation Green Party", "Date Monday",
		}},
	} {
		u.panel.order.SetSelected(c.order)
		if got := panelLines(u); !slices.Equal(got, c.want) {
			t.Errorf("%s: rows\n%s\nwant\n%s", c.order, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
		}
	}
	if got := u.app.Preferences().String(prefPanelOrder); got != orderPosition {
		t.Errorf("order remembered = %q; want %q", got, orderPosition)
	}
}

func TestPanelFilters(t *testing.T) {
	u, _ := newTestUI(t)
	tagPanelFixture(t, u)
	for _, c := range []struct {
		text, label string
		want        []string
		count       string
	}{
		{"", allLabels, nil, "Annotations"},
		// In the quote, any case; in the entity's name (the mayor is Ana
		// Pérez).
		{"GREEN", allLabels, []string{"Entities (1)", "Organisation Green Party"}, "Annotations: 1 of 6 shown"},
		{"pérez", allLabels, []string{"Sources (1)", "Source Ana Pérez", "Entities (1 entity, 2 mentions)", "Person Ana Pérez | 2 mentions", "  Person the mayor"}, "Annotations: 3 of 6 shown"},
		{"", "Person", []string{"Entities (1 entity, 2 mentions)", "Person Ana Pérez | 2 mentions", "  Person the mayor"}, "Annotations: 2 of 6 shown"},
		{"mayor", "Person", []string{"Entities (1)", "Person the mayor"}, "Annotations: 1 of 6 shown"},
		{"nowhere", allLabels, []string{"Nothing matches the filter"}, "Annotations: 0 of 6 shown"},
	} {
		u.panel.labelSel.SetSelected(c.label)
		u.panel.filter.SetText(c.text)
		got := panelLines(u)
		if c.want == nil {
			if len(got) != 9 {
				t.Errorf("no filter: %d rows; want 9: %v", len(got), got)
			}
		} else if !slices.Equal(got, c.want) {
			t.Errorf("filter %q, label %s: rows %q; want %q", c.text, c.label, got, c.want)
		}
		if u.panel.count.Text != c.count {
			t.Errorf("filter %q, label %s: count %q; want %q", c.text, c.label, u.panel.count.Text, c.count)
		}
	}
}

// rowOf returns the list row of annotation id.
func rowOf(t *testing.T, u *UI, id uint64) int {
	t.Helper()
	i := slices.IndexFunc(u.panel.rows, func(r panelRow) bool { return r.heading == "" && r.id == id })
	if i < 0 {
		t.Fatalf("annotation %d not in the list", id)
	}
	return i
}

func stored(st *fakeStore, label string) []annotation.Annotation {
	var out []annotation.Annotation
	for _, a := range st.stored() {
		if a.Label == label {
			out = append(out, a)
		}
	}
	return out
}

// Several annotations selected in the list (Shift with the arrows, Ctrl
// clicks) are deleted or relabelled as one step, which one Ctrl+Z undoes.
func TestPanelMultiSelectDeleteAndRelabel(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Resize(fyne.NewSize(1280, 800))
	u.win.Show()
	u.app.Preferences().SetString(prefAnnotator, "tester")
	tagPanelFixture(t, u)
	persons := stored(st, "Person")
	if len(persons) != 2 {
		t.Fatalf("%d persons stored; want 2", len(persons))
	}
	l := u.panel.list
	u.win.Canvas().Focus(l)
	l.Select(rowOf(t, u, persons[0].ID))
	var mods fyne.KeyModifier
	u.modifiers = func() fyne.KeyModifier { return mods }
	mods = fyne.KeyModifierShift
	keyPress(u, fyne.KeyDown) // Shift+Down: the mayor too
	mods = 0
	if got := u.panel.selectedAnnotations(); !slices.Equal(got, []uint64{persons[0].ID, persons[1].ID}) {
		t.Fatalf("after Shift+Down: selected %v; want both persons", got)
	}
	if !u.panel.ed.multi.Visible() || !strings.Contains(u.panel.ed.multiText.Text, "2 annotations selected") {
		t.Errorf("detail shows %q (multi %v); want the two selected", u.panel.ed.multiText.Text, u.panel.ed.multi.Visible())
	}

	// 4 (Organisation) relabels both, in one step.
	steps := u.s.UndoSteps()
	typeRune(u, '4')
	if got := len(stored(st, "Organisation")); got != 3 || u.s.UndoSteps() != steps+1 {
		t.Fatalf("after 4: %d organisations, %d steps; want 3 in one step (%s)", got, u.s.UndoSteps()-steps, u.statusBar.Text)
	}
	if got := u.panel.selectedAnnotations(); len(got) != 2 {
		t.Errorf("after the relabel %d selected; want the two kept", len(got))
	}
	keyPress(u, fyne.KeyDelete) // deletes both, in one step
	if got := len(st.stored()); got != 4 || u.s.UndoSteps() != steps+2 {
		t.Fatalf("after Delete: %d stored, %d steps; want 4 in one step (%s)", got, u.s.UndoSteps()-steps, u.statusBar.Text)
	}
	if !strings.Contains(u.statusBar.Text, "Deleted 2 annotations") {
		t.Errorf("status %q; want it to say 2 deleted", u.statusBar.Text)
	}
	if !u.undo() || len(stored(st, "Organisation")) != 3 {
		t.Fatalf("undo of the delete: %d organisations; want 3 back", len(stored(st, "Organisation")))
	}
	if !u.undo() || len(stored(st, "Person")) != 2 {
		t.Fatalf("undo of the relabel: %d persons; want 2 back", len(stored(st, "Person")))
	}

	// The pane's label choice relabels them too, in one step.
	u.win.Canvas().Focus(l)
	l.Select(rowOf(t, u, persons[0].ID))
	mods = fyne.KeyModifierShift
	keyPress(u, fyne.KeyDown)
	mods = 0
	steps = u.s.UndoSteps()
	u.panel.ed.multiLabel.SetSelected("Location")
	if got := len(stored(st, "Location")); got != 2 || u.s.UndoSteps() != steps+1 {
		t.Fatalf("Relabel as Location: %d locations, %d steps; want 2 in one step (%s)", got, u.s.UndoSteps()-steps, u.statusBar.Text)
	}
	u.undo()

	// Ctrl-click adds a row; the claim and its source, deleted together:
	// no link left dangling.
	claim, source := only(t, st, "Claim"), only(t, st, "Source")
	l.Select(rowOf(t, u, claim.ID))
	mods = fyne.KeyModifierControl
	tapRow(u, l, rowOf(t, u, source.ID)-l.Top())
	mods = 0
	if got := u.panel.selectedAnnotations(); !slices.Equal(got, []uint64{claim.ID, source.ID}) {
		t.Fatalf("after Ctrl-click: selected %v; want the claim and the source", got)
	}
	test.Tap(u.panel.ed.multiDel)
	if len(stored(st, "Claim"))+len(stored(st, "Source")) != 0 {
		t.Errorf("Delete button: claims and sources left %v", st.stored())
	}
	u.undo()
	if c := only(t, st, "Claim"); !slices.Contains(c.LinksOf(annotation.LinkSaidBy), only(t, st, "Source").ID) {
		t.Errorf("undo: claim %+v lost its source's link", c)
	}

	// A selection elsewhere (a highlight clicked) ends the multi-selection.
	u.win.Canvas().Focus(l)
	l.Select(rowOf(t, u, claim.ID))
	mods = fyne.KeyModifierShift
	keyPress(u, fyne.KeyDown)
	mods = 0
	if got := u.panel.selectedAnnotations(); len(got) != 2 {
		t.Fatalf("Shift+Down from the claim: %v selected; want 2", got)
	}
	u.highlightTapped(persons[0].ID)
	if got := u.panel.selectedAnnotations(); len(got) != 1 || u.panel.ed.multi.Visible() {
		t.Errorf("after a plain selection: %v selected, multi shown %v", got, u.panel.ed.multi.Visible())
	}
}

// Enter in the list shows the selected annotation in the article; on a
// suggestion it accepts it, as everywhere.
func TestPanelEnter(t *testing.T) {
	u, st := newSuggestUI(t)
	u.win.Resize(fyne.NewSize(1280, 800))
	u.win.Show()
	c := pendingWith(t, u, "Claim", "reservoir")
	l := u.panel.list
	u.win.Canvas().Focus(l)
	l.Select(rowOf(t, u, c.ID))
	keyPress(u, fyne.KeyEnter)
	a := u.s.Annotation(c.ID)
	if a == nil || len(stored(st, "Claim")) != 1 {
		t.Fatalf("Enter on a suggestion in the list: %d claims stored; want it accepted", len(stored(st, "Claim")))
	}
	u.selectAnnotation(0)
	l.Select(rowOf(t, u, a.ID))
	u.setStatus("")
	keyPress(u, fyne.KeyReturn)
	if want := fmt.Sprintf("Claim %s shown in the article", quoted(a.Quote(), 60)); !strings.HasPrefix(u.statusBar.Text, want) {
		t.Errorf("Enter on an annotation: status %q; want %q", u.statusBar.Text, want)
	}
	if u.s.Selected() != a.ID || u.win.Canvas().Focused() != l || len(stored(st, "Claim")) != 1 {
		t.Errorf("Enter: selected %d, focus %T; want %d, the list kept", u.s.Selected(), u.win.Canvas().Focused(), a.ID)
	}
}

// The detail editor opens at its top for each annotation; a long quote is
// shortened, with Show all.
func TestDetailOpensAtTopAndShortensLongQuotes(t *testing.T) {
	a := lockUI(t, test.NewTempApp(t))
	long := strings.Repeat("The minister said the budget would grow again next year. ", 20) // 1,160 characters
	st := newFakeStore(annotation.Document{Title: "Long", Text: "Short claim here. " + long + "The end."})
	u := New(a, Project{Store: st}, Config{Version: "test"})
	u.win.Resize(fyne.NewSize(1000, 600))
	u.win.Show()
	sel(t, u, "Short claim here.", 0)
	press(u, "1")
	short := u.s.Selected()
	sel(t, u, strings.TrimSpace(long), 0)
	press(u, "1")
	longID := u.s.Selected()
	d := u.panel.ed

	q := d.quote.Text
	if n := len([]rune(q)); n > quoteHead+quoteTail+10 || !strings.Contains(q, " … ") || !d.allBox.Visible() {
		t.Fatalf("long quote shown in %d characters (%q), Show all %v; want it shortened with Show all", n, q, d.allBox.Visible())
	}
	if !strings.HasPrefix(d.showAll.Text, "Show all") {
		t.Errorf("button %q", d.showAll.Text)
	}
	test.Tap(d.showAll)
	if !strings.Contains(d.quote.Text, strings.TrimSpace(long)) || d.showAll.Text != "Show less" {
		t.Errorf("after Show all: %d characters, button %q; want the whole quote, Show less", len([]rune(d.quote.Text)), d.showAll.Text)
	}

	// Scrolled down in the editor, another annotation shows from the top.
	u.panel.detailScroll.ScrollToOffset(fyne.NewPos(0, 150))
	if u.panel.detailScroll.Offset.Y == 0 {
		t.Fatal("the detail editor does not scroll at this size; the test needs it to")
	}
	u.selectAnnotation(short)
	if y := u.panel.detailScroll.Offset.Y; y != 0 {
		t.Errorf("another annotation shown at offset %v; want its top", y)
	}
	if d.allBox.Visible() || d.quote.Text != "“Short claim here.”" {
		t.Errorf("short quote %q, Show all %v", d.quote.Text, d.allBox.Visible())
	}
	u.selectAnnotation(longID)
	if !strings.Contains(d.quote.Text, " … ") {
		t.Errorf("the long quote again: %d characters; want it shortened anew", len([]rune(d.quote.Text)))
	}
}

// Annotations selected together in the list are what Delete, a label's key
// and Edit > Delete annotation act on wherever the focus is: the status
// line says "Delete deletes them", and a click elsewhere that keeps the
// selection (the window's background) must not make Delete take only one.
func TestPanelMultiSelectionOutsideTheList(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Resize(fyne.NewSize(1280, 800))
	u.win.Show()
	tagPanelFixture(t, u)
	persons := stored(st, "Person")
	l := u.panel.list
	var mods fyne.KeyModifier
	u.modifiers = func() fyne.KeyModifier { return mods }
	selectBoth := func() {
		u.win.Canvas().Focus(l)
		l.Select(rowOf(t, u, persons[0].ID))
		mods = fyne.KeyModifierShift
		keyPress(u, fyne.KeyDown)
		mods = 0
		u.win.Canvas().Unfocus()
		if got := u.panel.selectedAnnotations(); len(got) != 2 {
			t.Fatalf("selected %v; want both persons", got)
		}
	}
	selectBoth()
	steps := u.s.UndoSteps()
	typeRune(u, '4')
	if got := len(stored(st, "Organisation")); got != 3 || u.s.UndoSteps() != steps+1 {
		t.Fatalf("4 outside the list: %d organisations in %d steps; want 3 in one", got, u.s.UndoSteps()-steps)
	}
	u.undo()
	selectBoth()
	keyPress(u, fyne.KeyDelete)
	if got := len(stored(st, "Person")); got != 0 {
		t.Fatalf("Delete outside the list left %d persons; want both deleted", got)
	}
	u.undo()
	selectBoth()
	u.deleteSelected() // Edit > Delete annotation
	if got := len(stored(st, "Person")); got != 0 {
		t.Errorf("Edit > Delete annotation left %d persons; want both deleted", got)
	}
}
