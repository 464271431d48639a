package app

import (
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// typingHistory reports whether text field f (a widget.Entry or a type
// that embeds one) has typing of its own to undo and to redo. Fyne keeps an
// Entry's undo stack unexported and offers no CanUndo; the stack's two
// fields (items, and index: the undo steps are below it) are read by
// reflection, without calling or changing anything. Should a Fyne release
// rename them, both are reported true (the field gets the keys, as before
// Glossa looked) and TestTypingHistory fails.
func typingHistory(f any) (undo, redo bool) {
	v := reflect.ValueOf(f)
	entry := reflect.TypeFor[widget.Entry]()
	for {
		for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			if v.IsNil() {
				return false, false
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			return false, false
		}
		if v.Type() == entry {
			break
		}
		next := reflect.Value{}
		for i := range v.NumField() {
			if sf := v.Type().Field(i); sf.Anonymous && (sf.Name == "Entry" || sf.Name == "SelectEntry") {
				next = v.Field(i)
				break
			}
		}
		if !next.IsValid() {
			return false, false
		}
		v = next
	}
	stack := v.FieldByName("undoStack")
	if !stack.IsValid() || stack.Kind() != reflect.Struct {
		return true, true
	}
	items, index := stack.FieldByName("items"), stack.FieldByName("index")
	if !items.IsValid() || items.Kind() != reflect.Slice || !index.IsValid() || index.Kind() != reflect.Int {
		return true, true
	}
	return index.Int() > 0, int(index.Int()) < items.Len()
}

// focusedEntry returns the focused text field, or nil.
func (u *UI) focusedEntry() textEntry {
	c := u.win.Canvas()
	if c == nil {
		return nil
	}
	e, _ := c.Focused().(textEntry)
	return e
}

// historyItem is the Edit menu's Undo (back) or Redo: the focused text
// field's own typing when it has some to take back (or make again), in a
// dialog's field always; otherwise the project's last edit, as step does
// it (not while a dialog is open).
func (u *UI) historyItem(back bool) {
	var s fyne.Shortcut = &fyne.ShortcutRedo{}
	step := u.redo
	if back {
		s, step = &fyne.ShortcutUndo{}, u.undo
	}
	if e := u.focusedEntry(); e != nil {
		undo, redo := typingHistory(e)
		if back && undo || !back && redo || u.dialogOpen() {
			e.TypedShortcut(s)
			u.updateUndoItems()
			return
		}
	}
	if !u.dialogOpen() {
		step()
	}
}

// fieldChanged is told by the main window's text fields that their typing
// or their focus changed: focused is the field that has the focus now
// (nil when one loses it; the canvas still names it then). Edit > Undo and
// Redo then name what they would do.
func (u *UI) fieldChanged(focused fyne.Focusable) { u.setUndoItems(focused) }
