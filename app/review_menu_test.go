package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// menuShortcut does what the desktop driver does with a shortcut before
// the focused widget sees it: it runs the action of the first main-menu
// item with that shortcut. It reports whether one ran.
func menuShortcut(u *UI, s fyne.Shortcut) bool {
	var run func(m *fyne.Menu) bool
	run = func(m *fyne.Menu) bool {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == s.ShortcutName() && it.Action != nil {
				it.Action()
				return true
			}
			if it.ChildMenu != nil && run(it.ChildMenu) {
				return true
			}
		}
		return false
	}
	for _, m := range u.win.MainMenu().Items {
		if run(m) {
			return true
		}
	}
	return false
}

var ctrlShiftZ = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}

func TestMenuUndoRedoInNoteUndoTheTyping(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	sel(t, u, "Green Party", 0)
	press(u, "4")
	if u.s.UndoSteps() != 1 {
		t.Fatalf("%d undo steps after tagging, want 1", u.s.UndoSteps())
	}
	note := findNote(t, u)
	u.win.Canvas().Focus(note)
	test.Type(note, "abc")

	if !menuShortcut(u, &fyne.ShortcutUndo{}) {
		t.Fatal("no menu item has Ctrl+Z")
	}
	if note.Text == "abc" {
		t.Errorf("note = %q after Ctrl+Z in it, want the typing undone", note.Text)
	}
	if len(st.stored()) != 1 || u.s.UndoSteps() != 1 {
		t.Errorf("Ctrl+Z in the note undid a project edit: %d stored, %d undo steps; want 1 and 1", len(st.stored()), u.s.UndoSteps())
	}
	if !menuShortcut(u, ctrlShiftZ) {
		t.Fatal("no menu item has Ctrl+Shift+Z")
	}
	if note.Text != "abc" {
		t.Errorf("note = %q after Ctrl+Shift+Z in it, want the typing redone", note.Text)
	}

	// Leaving the note saves it; with the article focused, the menu's
	// Undo is the project's and takes that back.
	u.focusArticle()
	if got := only(t, st, "Organisation").Note; got != "abc" {
		t.Fatalf("note stored after leaving the field = %q, want abc", got)
	}
	menuShortcut(u, &fyne.ShortcutUndo{})
	if got := only(t, st, "Organisation").Note; got != "" {
		t.Errorf("note stored after Ctrl+Z in the article = %q, want the note edit undone", got)
	}
}

func TestMenuCopyInEntryCopiesItsText(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Show()
	u.find.open()
	typeInFind(u, "council")
	sel(t, u, "Green Party", 0) // the article has another selection
	u.win.Canvas().Focus(u.find.entry)
	u.find.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	u.app.Clipboard().SetContent("")
	if !menuShortcut(u, &fyne.ShortcutCopy{}) {
		t.Fatal("no menu item has Ctrl+C")
	}
	if got := u.app.Clipboard().Content(); got != "council" {
		t.Errorf("clipboard after Ctrl+C in the find field = %q, want its text %q", got, "council")
	}

	u.focusArticle()
	menuShortcut(u, &fyne.ShortcutCopy{})
	if got := u.app.Clipboard().Content(); got != "Green Party" {
		t.Errorf("clipboard after Ctrl+C in the article = %q, want its selection", got)
	}
}

func TestMenuUndoInDialogEntry(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	sel(t, u, "Monday", 0)
	press(u, "6")
	u.showSettings()
	var name textEntry
	walk(t, topOverlay(t, u), func(o fyne.CanvasObject) {
		if e, ok := o.(textEntry); ok && name == nil {
			name = e
		}
	})
	if name == nil {
		t.Fatal("no entry in the Settings dialog")
	}
	f := name.(fyne.Focusable)
	u.win.Canvas().Focus(f)
	test.Type(f, "xyz")
	menuShortcut(u, &fyne.ShortcutUndo{})
	if len(st.stored()) != 1 {
		t.Errorf("Ctrl+Z in the Settings dialog's entry undid the tag")
	}
}

// No submenu runs off the bottom of a small window: a long list ends in an
// item that opens a dialog with all of it.
func TestSubmenusAreCapped(t *testing.T) {
	a := lockUI(t, test.NewTempApp(t))
	st := newFakeStore(testDocs()...)
	formats := []string{"json", "jsonl", "folder", "w3c", "brat", "doccano", "labelstudio", "conll", "csv", "card", "graphml", "dot"}
	export := func(context.Context, string, string, func(int, int)) error { return nil }
	u := New(a, Project{Store: st, Export: export}, Config{Version: "test", ExportFormats: formats})
	u.win.Show()
	settle()
	var other *fyne.MenuItem
	var check func(m *fyne.Menu, path string)
	check = func(m *fyne.Menu, path string) {
		for _, it := range m.Items {
			if it.ChildMenu == nil {
				continue
			}
			if n := len(it.ChildMenu.Items); n > maxSubmenu {
				t.Errorf("%s > %s has %d items; want at most %d", path, it.Label, n, maxSubmenu)
			}
			for _, c := range it.ChildMenu.Items {
				if c.Label == "Other formats…" {
					other = c
				}
			}
			check(it.ChildMenu, path+" > "+it.Label)
		}
	}
	for _, m := range u.win.MainMenu().Items {
		check(m, m.Label)
	}
	if other == nil {
		t.Fatal("File > Export has no Other formats… item")
	}
	other.Action()
	text := overlayText(t, u)
	for _, f := range formats {
		if !strings.Contains(text, strings.ToUpper(f)+"…") {
			t.Errorf("the Other formats… dialog does not offer %s:\n%s", f, text)
		}
	}
}
