package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// dialogKeys is what Escape and Enter do in one of Glossa's dialogs:
// cancel (close it, as its Cancel or Close button) and confirm (its
// default button). nil does nothing.
type dialogKeys struct {
	cancel, confirm func()
}

// keyed gives the dialog just shown (the top overlay of the window) its
// Escape and Enter. Fyne's dialogs handle neither, and with nothing focused
// in the dialog the keys reach the window's handler (typedKey), which hands
// them here.
func (u *UI) keyed(cancel, confirm func()) {
	c := u.win.Canvas()
	top := c.Overlays().Top()
	if top == nil {
		return
	}
	if u.dlgKeys == nil {
		u.dlgKeys = map[fyne.CanvasObject]dialogKeys{}
	}
	shown := c.Overlays().List()
	for o := range u.dlgKeys {
		if !slices.Contains(shown, o) {
			delete(u.dlgKeys, o) // closed
		}
	}
	u.dlgKeys[top] = dialogKeys{cancel: cancel, confirm: confirm}
}

// dialogKey runs what key does in the top dialog, if it is one of
// Glossa's, and reports whether it did something.
func (u *UI) dialogKey(key fyne.KeyName) bool {
	k, ok := u.dlgKeys[u.win.Canvas().Overlays().Top()]
	if !ok {
		return false
	}
	f := k.confirm
	switch key {
	case fyne.KeyEscape:
		f = k.cancel
	case fyne.KeyReturn, fyne.KeyEnter:
	default:
		return false
	}
	if f == nil {
		return false
	}
	f()
	return true
}

// dialogEntry is a text field of a dialog: Escape in it closes the dialog,
// Enter in a single-line one confirms it, as with nothing focused (a
// focused field gets the keys before the window).
type dialogEntry struct {
	widget.Entry
	u *UI
}

func newDialogEntry(u *UI, multiLine bool) *dialogEntry {
	e := &dialogEntry{u: u}
	e.ExtendBaseWidget(e)
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	return e
}

// TypedKey is part of fyne.Focusable.
func (e *dialogEntry) TypedKey(ev *fyne.KeyEvent) {
	enter := ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter
	if (ev.Name == fyne.KeyEscape || enter && !e.MultiLine) && e.u.dialogKey(ev.Name) {
		return
	}
	e.Entry.TypedKey(ev)
}

// dialogSelect is a choice of a dialog: Escape on it closes the dialog (a
// focused Select takes Escape before the window would).
type dialogSelect struct {
	widget.Select
	u *UI
}

func newDialogSelect(u *UI, options []string, changed func(string)) *dialogSelect {
	s := &dialogSelect{u: u}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey is part of fyne.Focusable.
func (s *dialogSelect) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && s.u.dialogKey(ev.Name) {
		return
	}
	s.Select.TypedKey(ev)
}
