package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

var (
	_ fyne.Focusable = (*CommitEntry)(nil)
	_ fyne.Tabbable  = (*CommitEntry)(nil)
	_ fyne.Focusable = (*PickEntry)(nil)
)

// CommitEntry is an entry that reports its text once the user is done with
// it: on Enter (single line) or when it loses the focus. OnCommit reports
// whether the text was saved; when it was not, the entry keeps it as
// unsaved, to be committed again. Tab moves the focus on.
type CommitEntry struct {
	widget.Entry
	saved    string
	OnCommit func(string) bool    // saves the text; false: not saved, the text stays typed
	Watch    func(fyne.Focusable) // told of typing and focus changes (the field focused, nil on leaving); may be nil
}

// NewCommitEntry returns an entry showing text as saved; multi makes it a
// multi-line field (Enter types a new line), else Enter commits.
func NewCommitEntry(text string, multi bool, onCommit func(string) bool) *CommitEntry {
	e := &CommitEntry{saved: text, OnCommit: onCommit}
	e.ExtendBaseWidget(e)
	e.MultiLine = multi
	e.Wrapping = fyne.TextWrapWord
	if multi {
		e.SetMinRowsVisible(3)
	} else {
		e.Wrapping = fyne.TextWrapOff
		e.OnSubmitted = func(string) { e.Commit() }
	}
	e.SetText(text)
	return e
}

// Load shows text, the saved value. keepTyped: text typed and not yet
// saved stays (the entry still shows the same annotation).
func (e *CommitEntry) Load(text string, keepTyped bool) {
	if keepTyped && e.Text != e.saved {
		e.saved = text
		return
	}
	e.saved = text
	if e.Text != text {
		e.SetText(text)
	}
}

// Commit saves the text typed, if it changed, through OnCommit; it reports
// whether the text shown is saved.
func (e *CommitEntry) Commit() bool {
	if e.Text == e.saved {
		return true
	}
	if !e.OnCommit(e.Text) {
		return false
	}
	e.saved = e.Text
	return true
}

// PickEntry is a SelectEntry that tells a value picked from its drop-down
// list from one typed (Typing, during OnChanged), so that a pick can be
// taken at once and typing when the user is done (Enter, or leaving).
type PickEntry struct {
	widget.SelectEntry
	saved  string               // the value saved
	typing bool                 // a key is being handled: a change comes from the keyboard, not a pick
	Watch  func(fyne.Focusable) // told of typing and focus changes (the field focused, nil on leaving); may be nil
}

// NewPickEntry returns an empty PickEntry.
func NewPickEntry() *PickEntry {
	e := &PickEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as widget.NewSelectEntry
	return e
}

// Load shows name, the saved value. keepTyped: a name typed and not
// yet linked stays.
func (e *PickEntry) Load(name string, keepTyped bool) {
	if keepTyped && e.Text != e.saved {
		e.saved = name
		return
	}
	e.ShowSaved(name)
}

// ShowSaved shows name as the saved value, which counts as no pick.
func (e *PickEntry) ShowSaved(name string) {
	e.saved = name
	if e.Text != name {
		e.typing = true // not a pick
		e.SetText(name)
		e.typing = false
	}
}

// TypedRune is part of fyne.Focusable.
func (e *PickEntry) TypedRune(r rune) {
	e.typing = true
	defer func() { e.typing = false; tell(e.Watch, e) }()
	e.SelectEntry.TypedRune(r)
}

// TypedKey is part of fyne.Focusable.
func (e *PickEntry) TypedKey(ev *fyne.KeyEvent) {
	e.typing = true
	defer func() { e.typing = false; tell(e.Watch, e) }()
	e.SelectEntry.TypedKey(ev)
}

// TypedShortcut is part of fyne.Shortcutable (paste, cut, undo in the
// field).
func (e *PickEntry) TypedShortcut(s fyne.Shortcut) {
	e.typing = true
	defer func() { e.typing = false; tell(e.Watch, e) }()
	e.SelectEntry.TypedShortcut(s)
}

// FocusGained is part of fyne.Focusable.
func (e *PickEntry) FocusGained() {
	e.SelectEntry.FocusGained()
	tell(e.Watch, e)
}

// FocusLost is part of fyne.Focusable.
func (e *PickEntry) FocusLost() {
	e.SelectEntry.FocusLost()
	tell(e.Watch, nil)
}

// tell calls watch, if set, with the field focused now.
func tell(watch func(fyne.Focusable), focused fyne.Focusable) {
	if watch != nil {
		watch(focused)
	}
}

// AcceptsTab is part of fyne.Tabbable: Tab moves the focus on, as in every
// form, instead of typing a tab into the note.
func (e *CommitEntry) AcceptsTab() bool { return false }

// FocusLost saves the text.
func (e *CommitEntry) FocusLost() {
	e.Entry.FocusLost()
	e.Commit()
	tell(e.Watch, nil)
}

// FocusGained is part of fyne.Focusable.
func (e *CommitEntry) FocusGained() {
	e.Entry.FocusGained()
	tell(e.Watch, e)
}

// TypedRune is part of fyne.Focusable.
func (e *CommitEntry) TypedRune(r rune) {
	e.Entry.TypedRune(r)
	tell(e.Watch, e)
}

// TypedKey is part of fyne.Focusable.
func (e *CommitEntry) TypedKey(ev *fyne.KeyEvent) {
	e.Entry.TypedKey(ev)
	tell(e.Watch, e)
}

// TypedShortcut is part of fyne.Shortcutable.
func (e *CommitEntry) TypedShortcut(s fyne.Shortcut) {
	e.Entry.TypedShortcut(s)
	tell(e.Watch, e)
}

// Saved returns the value last saved or loaded.
func (e *CommitEntry) Saved() string { return e.saved }

// Saved returns the value last saved or loaded.
func (e *PickEntry) Saved() string { return e.saved }

// Typing reports whether the change being handled (OnChanged) comes from
// the keyboard rather than a pick from the list.
func (e *PickEntry) Typing() bool { return e.typing }
