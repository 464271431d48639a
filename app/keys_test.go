package app

import (
	"strings"

	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
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

// dialogsToOpen are the dialogs the menus open, each as a test opens it.
var dialogsToOpen = []struct {
	name string
	show func(u *UI)
}{
	{"Keyboard shortcuts", func(u *UI) { u.showKeys() }},
	{"About", func(u *UI) { u.showAbout() }},
	{"Entities", func(u *UI) { u.showEntities() }},
	{"Settings", func(u *UI) { u.showSettings() }},
	{"Article details", func(u *UI) { u.editDetailsDialog() }},
	{"Delete article", func(u *UI) { u.deleteArticlesDialog() }},
	{"New project", func(u *UI) {
		u.cfg.Open = func(string) (Project, error) { return Project{}, nil }
		u.newProjectDialog()
	}},
	{"Codebook", func(u *UI) { u.showCodebook() }},
}

func TestKeysDoNothingBehindADialog(t *testing.T) {
	for _, open := range dialogsToOpen {
		t.Run(open.name, func(t *testing.T) {
			u, st := newTestUI(t)
			u.win.Show()
			sel(t, u, "Green Party", 0)
			press(u, "4")
			id := u.s.Selected()
			sel(t, u, "Monday", 0)
			open.show(u)

			keyPress(u, fyne.KeyDelete)
			if len(st.stored()) != 1 || u.s.Selected() != id {
				t.Fatalf("Delete behind the %s dialog: %d stored, selected %d; want the annotation kept and selected", open.name, len(st.stored()), u.s.Selected())
			}
			typeRune(u, '6')
			if len(st.stored()) != 1 {
				t.Errorf("6 behind the %s dialog tagged the article's selection", open.name)
			}
			typeRune(u, ']')
			if u.s.Selected() != id {
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

func TestEscapeClosesEveryDialog(t *testing.T) {
	for _, open := range dialogsToOpen {
		t.Run(open.name, func(t *testing.T) {
			u, st := newTestUI(t)
			u.win.Show()
			sel(t, u, "Green Party", 0)
			press(u, "4")
			open.show(u)
			keyPress(u, fyne.KeyEscape)
			if u.dialogOpen() {
				t.Fatalf("the %s dialog is still open after Escape", open.name)
			}
			if len(st.stored()) != 1 || u.s.Selected() == 0 {
				t.Errorf("Escape closing the %s dialog also acted on the article: %d stored, selected %d", open.name, len(st.stored()), u.s.Selected())
			}
		})
	}
}

func TestEscapeInADialogTextFieldClosesIt(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Show()
	name := settingsAnnotatorField(t, u)
	u.win.Canvas().Focus(name)
	test.Type(name, "x")
	keyPress(u, fyne.KeyEscape)
	if u.dialogOpen() {
		t.Fatal("Settings is still open after Escape in its Annotator field")
	}
	if got := u.annotator(); strings.HasSuffix(got, "x") {
		t.Errorf("Escape saved the annotator %q; want Settings cancelled", got)
	}
}

func TestEnterInSettingsSavesThem(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Show()
	name := settingsAnnotatorField(t, u)
	u.win.Canvas().Focus(name)
	name.SetText("enter-tester")
	keyPress(u, fyne.KeyReturn)
	if u.dialogOpen() || u.annotator() != "enter-tester" {
		t.Errorf("after Enter in Settings: open %v, annotator %q; want it closed and saved", u.dialogOpen(), u.annotator())
	}
}

func TestEnterPressesTagInTagAll(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	sel(t, u, "The plan", 0)
	press(u, "1")
	u.tagAllOccurrences()
	if !u.dialogOpen() {
		t.Fatal("Tag all asked nothing")
	}
	keyPress(u, fyne.KeyReturn)
	if n := len(st.stored()); n != 2 {
		t.Errorf("%d stored after Enter in Tag all, want 2 (the occurrence tagged)", n)
	}
	keyPress(u, fyne.KeyEscape) // Stop
	if n := len(st.stored()); n != 2 {
		t.Errorf("%d stored after Escape in Tag all, want 2", n)
	}
	if u.dialogOpen() {
		t.Error("Tag all still asks after Escape")
	}
}

// settingsAnnotatorField opens Settings and returns its text field.
func settingsAnnotatorField(t *testing.T, u *UI) *dialogEntry {
	t.Helper()
	u.showSettings()
	var name *dialogEntry
	walk(t, topOverlay(t, u), func(o fyne.CanvasObject) {
		if e, ok := o.(*dialogEntry); ok {
			name = e
		}
	})
	if name == nil {
		t.Fatal("no text field in Settings")
	}
	return name
}
