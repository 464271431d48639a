package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestCommitEntry(t *testing.T) {
	test.NewTempApp(t)
	var saved []string
	ok := true
	e := NewCommitEntry("old", false, func(s string) bool {
		if ok {
			saved = append(saved, s)
		}
		return ok
	})
	w := test.NewTempWindow(t, e)
	w.Canvas().Focus(e)
	e.SetText("new")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(saved) != 1 || saved[0] != "new" || e.Saved() != "new" {
		t.Fatalf("Enter saved %v (Saved %q); want [new]", saved, e.Saved())
	}
	if !e.Commit() || len(saved) != 1 {
		t.Errorf("Commit with nothing typed saved again: %v", saved)
	}
	// Refused: the text stays typed and is not the saved value.
	ok = false
	e.SetText("refused")
	if e.Commit() || e.Saved() != "new" {
		t.Errorf("a refused commit: Saved %q", e.Saved())
	}
	// Loading the same item keeps the typed text; another item replaces it.
	e.Load("new", true)
	if e.Text != "refused" {
		t.Errorf("Load(keepTyped) replaced the typed text with %q", e.Text)
	}
	e.Load("other", false)
	if e.Text != "other" || e.Saved() != "other" {
		t.Errorf("Load shows %q, saved %q; want other", e.Text, e.Saved())
	}
	if e.AcceptsTab() {
		t.Error("Tab would type a tab character instead of moving on")
	}
}

func TestPickEntryTellsTypingFromPicking(t *testing.T) {
	test.NewTempApp(t)
	e := NewPickEntry()
	var typed []bool
	e.OnChanged = func(string) { typed = append(typed, e.Typing()) }
	w := test.NewTempWindow(t, e)
	w.Canvas().Focus(e)
	e.TypedRune('A')
	e.SetText("Ana Pérez") // what a pick from the list does
	e.ShowSaved("Ana")     // loading a value is no pick
	if len(typed) != 3 || !typed[0] || typed[1] || !typed[2] {
		t.Errorf("Typing during OnChanged = %v; want [true false true]", typed)
	}
	if e.Saved() != "Ana" {
		t.Errorf("Saved = %q", e.Saved())
	}
}
