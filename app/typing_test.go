package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"glossa/widgets"
)

// TestTypingHistory pins typingHistory to Fyne's Entry: it must follow
// typing, the field's own undo and redo, and SetText, in a plain Entry and
// in Glossa's fields that embed one.
func TestTypingHistory(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct {
		name  string
		field interface {
			fyne.Focusable
			fyne.Shortcutable
			SetText(string)
		}
	}{
		{"widget.Entry", widget.NewEntry()},
		{"commitEntry", widgets.NewCommitEntry("", true, func(string) bool { return true })},
		{"entityEntry", widgets.NewPickEntry()},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := c.field
			check := func(when string, wantUndo, wantRedo bool) {
				t.Helper()
				if undo, redo := typingHistory(f); undo != wantUndo || redo != wantRedo {
					t.Errorf("%s: undo %v, redo %v; want %v, %v", when, undo, redo, wantUndo, wantRedo)
				}
			}
			check("new", false, false)
			f.FocusGained()
			f.TypedRune('a')
			f.TypedRune('b')
			check("after typing", true, false)
			f.TypedShortcut(&fyne.ShortcutUndo{})
			check("after its undo", false, true)
			f.TypedShortcut(&fyne.ShortcutRedo{})
			check("after its redo", true, false)
			f.SetText("loaded")
			check("after SetText", false, false)
		})
	}
}

// TestUndoItemNamesTyping: with the Note field focused and text typed in
// it, Edit > Undo says "Undo typing" and undoes the typing, not the last
// edit of the project; once the field has nothing to undo, the item names
// the project's edit again and undoes it.
func TestUndoItemNamesTyping(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	typeNote(t, u, "Green Party", "abc")
	note := findNote(t, u)
	if got := u.undoItem.Label; got != "Undo typing" {
		t.Errorf("Undo item with text typed in the note = %q, want Undo typing", got)
	}
	menuShortcut(u, &fyne.ShortcutUndo{})
	if note.Text != "" || len(st.stored()) != 1 {
		t.Fatalf("after Edit > Undo: note %q, %d stored; want the typing undone and the tag kept", note.Text, len(st.stored()))
	}
	if got := u.undoItem.Label; got != "Undo tag Organisation" {
		t.Errorf("Undo item with nothing typed to undo = %q, want Undo tag Organisation", got)
	}
	if got := u.redoItem.Label; got != "Redo typing" {
		t.Errorf("Redo item after undoing the typing = %q, want Redo typing", got)
	}
	menuShortcut(u, ctrlShiftZ)
	if note.Text != "abc" {
		t.Errorf("after Edit > Redo the note shows %q, want abc", note.Text)
	}
	menuShortcut(u, &fyne.ShortcutUndo{})
	menuShortcut(u, &fyne.ShortcutUndo{}) // nothing typed left: the tag
	if n := len(st.stored()); n != 0 {
		t.Errorf("%d stored after the second Undo, want the tag undone", n)
	}
	// Leaving the field: the item names the project's edit.
	u.redo()
	note = findNote(t, u)
	u.win.Canvas().Focus(note)
	test.Type(note, "x")
	u.focusArticle()
	if got := u.undoItem.Label; got != "Undo note" {
		t.Errorf("Undo item after leaving the note (saved) = %q, want Undo note", got)
	}
}
