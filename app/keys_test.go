package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// keyPress delivers a key press as the desktop driver does: to the focused
// widget (a dialog's, while a dialog is open), or else to the canvas.
func keyPress(u *UI, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	c := u.win.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// typeRune delivers a typed character as the desktop driver does.
func typeRune(u *UI, r rune) {
	c := u.win.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedRune(r)
	} else if h := c.OnTypedRune(); h != nil {
		h(r)
	}
}

func TestKeysDoNothingBehindADialog(t *testing.T) {
	for _, open := range []struct {
		name string
		show func(u *UI)
	}{
		{"Keyboard shortcuts", func(u *UI) { u.showKeys() }},
		{"About", func(u *UI) { u.showAbout() }},
		{"Entities", func(u *UI) { u.showEntities() }},
		{"Settings", func(u *UI) { u.showSettings() }},
	} {
		t.Run(open.name, func(t *testing.T) {
			u, st := newTestUI(t)
			u.win.Show()
			sel(t, u, "Green Party", 0)
			press(u, "4")
			id := u.selected
			sel(t, u, "Monday", 0)
			open.show(u)

			keyPress(u, fyne.KeyDelete)
			if len(st.stored()) != 1 || u.selected != id {
				t.Fatalf("Delete behind the %s dialog: %d stored, selected %d; want the annotation kept and selected", open.name, len(st.stored()), u.selected)
			}
			typeRune(u, '6')
			if len(st.stored()) != 1 {
				t.Errorf("6 behind the %s dialog tagged the article's selection", open.name)
			}
			typeRune(u, ']')
			if u.selected != id {
				t.Errorf("] behind the %s dialog selected another annotation", open.name)
			}
			menuShortcut(u, &fyne.ShortcutUndo{})
			if len(st.stored()) != 1 {
				t.Errorf("Ctrl+Z behind the %s dialog undid the tag", open.name)
			}
			menuShortcut(u, &desktop.CustomShortcut{KeyName: fyne.KeyT, Modifier: fyne.KeyModifierShortcutDefault})
			if n := len(u.win.Canvas().Overlays().List()); n != 1 {
				t.Errorf("Ctrl+T behind the %s dialog: %d dialogs open, want 1", open.name, n)
			}
		})
	}
}

func TestTabInNoteMovesFocus(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	typeNote(t, u, "Green Party", "first")
	note := findNote(t, u)
	// The desktop driver types a tab into a focused widget only when it
	// accepts tabs (fyne.Tabbable); otherwise Tab moves the focus on.
	if tb, ok := any(note).(fyne.Tabbable); ok && tb.AcceptsTab() {
		note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
	} else {
		u.win.Canvas().FocusNext()
	}
	if got := only(t, st, "Organisation").Note; got != "first" {
		t.Errorf("note after Tab = %q, want %q saved (the focus left it) and no tab in it", got, "first")
	}
	if u.win.Canvas().Focused() == note {
		t.Error("the note still has the focus after Tab")
	}
}
