package app

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
)

// wantRows is the annotation list the store's annotations of the open
// document should give: a heading with its count per kind, then the rows'
// texts.
func wantRows(u *UI, stored []annotation.Annotation) []string {
	var out []string
	for _, k := range annotation.Kinds() {
		var rows []string
		if k != annotation.KindEntity {
			for _, a := range stored {
				if u.s.KindOf(&a) == k {
					rows = append(rows, u.panel.rowText(&a))
				}
			}
			if len(rows) > 0 {
				out = append(out, fmt.Sprintf("%s (%d)", kindHeading(k), len(rows)))
				out = append(out, rows...)
			}
			continue
		}
		// Entities: the mentions of one entity together, counted once.
		var order []string
		mentions := map[string][]string{}
		for _, a := range stored {
			if u.s.KindOf(&a) != k {
				continue
			}
			key := "text " + strings.ToLower(a.Quote())
			if a.Entity != 0 {
				key = fmt.Sprint(a.Entity)
			}
			if mentions[key] == nil {
				order = append(order, key)
			}
			mentions[key] = append(mentions[key], u.panel.rowText(&a))
		}
		n := 0
		for _, key := range order {
			for i, r := range mentions[key] {
				if i > 0 {
					r = "    ↳ " + r
				}
				rows = append(rows, r)
				n++
			}
		}
		switch {
		case n == 0:
		case n == len(order):
			out = append(out, fmt.Sprintf("Entities (%d)", n))
		default:
			out = append(out, fmt.Sprintf("Entities (%s, %s)", annotation.Plural(len(order), "entity"), annotation.Plural(n, "mention")))
		}
		out = append(out, rows...)
	}
	return out
}

// shownRows is the annotation list as drawn: the text of each visible row
// of the list's renderer.
func shownRows(t *testing.T, u *UI) []string {
	t.Helper()
	var out []string
	for _, o := range test.WidgetRenderer(u.panel.list).Objects() {
		w, ok := o.(fyne.Widget)
		if !ok || !o.Visible() {
			continue // separators, the scroll bar
		}
		objs := test.WidgetRenderer(w).Objects()
		l := objs[len(objs)-1].(*fyne.Container).Objects[0].(*widget.Label)
		out = append(out, l.Text)
	}
	return out
}

// TestRapidUndoRedoListMatchesStore (issue 16, item 9) tags a dozen
// annotations with entities in two articles, saves and merges entities in
// Edit > Entities…, then undoes and redoes every step and 300 random ones
// in a row through the Edit menu's shortcuts, with nothing else happening
// between them, as key repeat does: after every step the list drawn, its
// headings' counts, the article list's counts, the Entity field and the
// window's registry are those of the store.
func TestRapidUndoRedoListMatchesStore(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	tagAs := func(text string, nth int, key, entity string) {
		t.Helper()
		sel(t, u, text, nth)
		press(u, key)
		if entity != "" {
			u.setEntity(u.s.Selected(), entity)
		}
	}
	tagAs("The reservoir will be full by June", 0, "1", "")
	tagAs("Ana Pérez", 0, "2", "Ana Pérez") // the claim's source, with an entity
	tagAs("Ana Pérez", 0, "3", "Ana Pérez")
	tagAs("the mayor", 0, "3", "The Mayor")
	tagAs("Río Verde", 0, "5", "Río Verde")
	tagAs("Green Party", 0, "4", "Green Party")
	tagAs("Monday", 0, "6", "")
	tagAs("council", 1, "4", "Río Verde council")
	u.selectAnnotation(0)
	u.step(1)
	tagAs("officials", 0, "4", "Officials")
	tagAs("today", 0, "6", "")
	u.step(-1)
	tagAs("June", 0, "6", "June")
	tagAs("€4 million", 0, "8", "")
	// Registry steps: a save and a merge.
	r := u.showEntities()
	r.list.Select(0)
	r.aliases.SetText("Ana, A. Pérez")
	test.Tap(r.save)
	r.list.Select(1) // The Mayor
	if !r.mergeInto(st.entities[0].ID) {
		t.Fatal("merge failed")
	}
	tapButton(t, u, "Close")
	steps := u.s.UndoSteps()
	if steps < 20 {
		t.Fatalf("%d steps in the history, want at least 20", steps)
	}

	check := func(what string) {
		t.Helper()
		stored, _ := st.Annotations(u.s.DocID())
		want := wantRows(u, stored)
		var model []string
		for _, r := range u.panel.rows {
			if r.heading != "" {
				model = append(model, r.heading)
			} else if r.sub {
				model = append(model, "    ↳ "+u.panel.rowText(u.s.Annotation(r.id)))
			} else {
				model = append(model, u.panel.rowText(u.s.Annotation(r.id)))
			}
		}
		if !slices.Equal(model, want) {
			t.Fatalf("after %s (%s): list rows %v, store %v", what, u.statusBar.Text, model, want)
		}
		got := shownRows(t, u)
		top := u.panel.list.Top()
		if top+len(got) > len(want) || !slices.Equal(got, want[top:top+len(got)]) || len(got) < min(len(want), 3) {
			t.Fatalf("after %s (%s): list drawn from row %d %v, store %v", what, u.statusBar.Text, top, got, want)
		}
		for _, d := range u.s.Documents() {
			if n := len(st.anns[d.ID]); d.Annotations != n {
				t.Fatalf("after %s: article %d listed with %d annotations, store %d", what, d.ID, d.Annotations, n)
			}
		}
		for _, a := range u.s.Annotations() {
			if a.Entity != 0 && u.s.Entity(a.Entity) == nil {
				t.Fatalf("after %s: annotation %d refers to entity %d, not in the window's registry", what, a.ID, a.Entity)
			}
		}
		if a := u.s.Annotation(u.s.Selected()); a != nil {
			want := ""
			if i := slices.IndexFunc(st.entities, func(e annotation.Entity) bool { return e.ID == a.Entity }); i >= 0 {
				want = st.entities[i].Name
			}
			if got := u.panel.ed.shown.entity.Text; got != want {
				t.Fatalf("after %s (%s): the Entity field shows %q, the store %q", what, u.statusBar.Text, got, want)
			}
		}
		if !slices.EqualFunc(u.s.Entities(), st.entities, func(a, b annotation.Entity) bool { return a.ID == b.ID }) {
			t.Fatalf("after %s: window's entities %v, store %v", what, u.s.Entities(), st.entities)
		}
	}
	// Ctrl+Z and Ctrl+Shift+Z as the menu gets them, with the focus
	// where the last step left it.
	undo := func() bool {
		n := u.s.UndoSteps()
		menuShortcut(u, &fyne.ShortcutUndo{})
		return u.s.UndoSteps() == n-1
	}
	redo := func() bool { n := u.s.RedoSteps(); menuShortcut(u, ctrlShiftZ); return u.s.RedoSteps() == n-1 }
	for i := 0; i < steps; i++ {
		if !undo() {
			t.Fatalf("undo %d failed: %s", i+1, u.statusBar.Text)
		}
		check(fmt.Sprintf("undo %d", i+1))
	}
	for i := 0; i < steps; i++ {
		if !redo() {
			t.Fatalf("redo %d failed: %s", i+1, u.statusBar.Text)
		}
		check(fmt.Sprintf("redo %d", i+1))
	}
	rnd := rand.New(rand.NewPCG(16, 9))
	for i := 0; i < 300; i++ {
		switch rnd.IntN(5) {
		case 0:
			if f := u.panel.ed.shown; f != nil && u.s.Selected() != 0 {
				u.win.Canvas().Focus(f.note) // the focus in a field with nothing typed
			}
			undo()
		case 1, 2:
			undo()
		default:
			redo()
		}
		check(fmt.Sprintf("random step %d", i+1))
	}
}
