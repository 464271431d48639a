package widgets

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

var (
	_ desktop.Mouseable = (*ArticleView)(nil)
	_ desktop.Hoverable = (*ArticleView)(nil)
	_ desktop.Keyable   = (*ArticleView)(nil)
)

// thumb returns the scroll bar thumb's height and y.
func (v *ArticleView) thumb() (h, y float32) {
	total, page := v.lines.total, v.pageLines()
	h = max(v.size.Height*float32(page)/float32(total), 24)
	if maxTop := v.maxTop(); maxTop > 0 {
		at := float32(v.top) + v.topPx/v.metrics.pitch
		y = (v.size.Height - h) * min(at/float32(maxTop), 1)
	}
	return h, y
}

// inBar reports whether a point is on the scroll bar.
func (v *ArticleView) inBar(pos fyne.Position) bool {
	return v.lines != nil && v.lines.total > v.pageLines() && pos.X >= v.size.Width-v.metrics.barW
}

// dragBar scrolls so the thumb follows the pointer.
func (v *ArticleView) dragBar(y float32) {
	h, _ := v.thumb()
	if span := v.size.Height - h; span > 0 {
		v.setTop(int(float32(v.maxTop()) * (y - v.barGrab) / span))
	}
	v.Refresh()
}

// startBarDrag begins dragging the scroll bar; a press outside the thumb
// jumps there first.
func (v *ArticleView) startBarDrag(y float32) {
	v.barDrag = true
	h, ty := v.thumb()
	if y < ty || y > ty+h {
		v.barGrab = h / 2
		v.dragBar(y)
		return
	}
	v.barGrab = y - ty
}

// requestFocus gives the keyboard focus to the view.
func (v *ArticleView) requestFocus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil && c.Focused() != v {
		c.Focus(v)
	}
}

// MouseDown starts a selection (or extends it with shift) or a scroll bar
// drag.
func (v *ArticleView) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	v.requestFocus()
	if v.inBar(ev.Position) {
		v.startBarDrag(ev.Position.Y)
		return
	}
	v.sel.sawDown = true
	v.startSelection(ev.Position, ev.Modifier)
}

// startSelection starts a mouse selection at pos, or extends the current one
// when shift is held.
func (v *ArticleView) startSelection(pos fyne.Position, mods fyne.KeyModifier) {
	off := v.offsetAt(pos)
	v.sel.mouse = true
	if mods&fyne.KeyModifierShift != 0 || v.shiftDown {
		if v.sel.start != v.sel.end && off < v.sel.start {
			v.sel.anchor = v.sel.end
		} else if v.sel.start != v.sel.end {
			v.sel.anchor = v.sel.start
		}
		v.sel.caret = off
	} else {
		v.sel.anchor, v.sel.caret = off, off
	}
	v.sel.precise = mods&fyne.KeyModifierAlt != 0
	v.updateSelection()
}

// MouseUp ends a selection or a scroll bar drag.
func (v *ArticleView) MouseUp(ev *desktop.MouseEvent) {
	v.barDrag = false
	if v.sel.mouse {
		v.sel.mouse = false
		v.reportSelection(false)
	}
}

// Dragged extends the selection to the pointer, scrolling at the edges, or
// moves the scroll bar.
func (v *ArticleView) Dragged(ev *fyne.DragEvent) {
	if v.lines == nil {
		return
	}
	if v.barDrag {
		v.dragBar(ev.Position.Y)
		return
	}
	pos := ev.Position
	if !v.sel.mouse {
		// No MouseDown came first (touch, or the test driver, whose drag
		// events carry the start position and the distance moved so far).
		v.dragPos = ev.Position
		if v.inBar(pos) {
			v.startBarDrag(pos.Y)
			return
		}
		v.startSelection(pos, v.currentModifiers())
	}
	if !v.sel.sawDown {
		v.dragPos = v.dragPos.Add(ev.Dragged)
		pos = v.dragPos
	}
	switch {
	case pos.Y < 0:
		v.setTop(v.top - 1)
	case pos.Y > v.size.Height:
		v.setTop(v.top + 1)
	}
	v.sel.caret = v.offsetAt(pos)
	v.updateSelection()
}

// DragEnd reports the selection made by dragging.
func (v *ArticleView) DragEnd() {
	if v.barDrag {
		v.barDrag = false
		return
	}
	if v.sel.mouse {
		v.sel.mouse = false
		v.sel.sawDown = false
		v.reportSelection(false)
	}
}

// currentModifiers returns the keyboard modifiers held, where the driver
// knows them.
func (v *ArticleView) currentModifiers() fyne.KeyModifier {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()
	}
	return 0
}

// Tapped focuses the view; a tap on highlights reports one of them, cycling
// through overlapping ones on repeated taps.
func (v *ArticleView) Tapped(ev *fyne.PointEvent) {
	v.requestFocus()
	if v.inBar(ev.Position) {
		v.sel.sawDown = false
		return
	}
	if v.tapLink(ev.Position) {
		v.sel.sawDown = false
		return
	}
	if !v.sel.sawDown {
		v.startSelection(ev.Position, v.currentModifiers())
		v.sel.mouse = false
		v.reportSelection(false)
	}
	v.sel.sawDown = false
	if v.sel.start != v.sel.end {
		return
	}
	ids := v.idsAt(v.charAt(ev.Position))
	if len(ids) == 0 {
		v.lastTap.ids = nil
		return
	}
	if slices.Equal(ids, v.lastTap.ids) {
		v.lastTap.idx = (v.lastTap.idx + 1) % len(ids)
	} else {
		v.lastTap.ids, v.lastTap.idx = ids, 0
	}
	if v.OnHighlightTapped != nil {
		v.OnHighlightTapped(ids[v.lastTap.idx])
	}
}

// DoubleTapped selects the word under the pointer.
func (v *ArticleView) DoubleTapped(ev *fyne.PointEvent) {
	v.sel.sawDown = false
	off := v.charAt(ev.Position)
	if off < 0 {
		return
	}
	s, e := wordAt(v.runes, off)
	if s == e {
		e = s + 1
	}
	v.sel.anchor, v.sel.caret, v.sel.precise = s, e, true
	v.updateSelection()
	v.reportSelection(false)
}

// TappedSecondary reports the offset and highlights under the pointer for a
// context menu.
func (v *ArticleView) TappedSecondary(ev *fyne.PointEvent) {
	v.requestFocus()
	if v.OnSecondaryTap == nil {
		return
	}
	off := v.charAt(ev.Position)
	ids := v.idsAt(off)
	if off < 0 {
		off = v.offsetAt(ev.Position)
	}
	v.OnSecondaryTap(off, ids, ev.AbsolutePosition)
}

// MouseIn is part of desktop.Hoverable.
func (v *ArticleView) MouseIn(ev *desktop.MouseEvent) { v.hover(ev.Position) }

// MouseMoved reports the highlights under the pointer when they change.
func (v *ArticleView) MouseMoved(ev *desktop.MouseEvent) { v.hover(ev.Position) }

// MouseOut clears the hover state.
func (v *ArticleView) MouseOut() { v.setHover(nil, fyne.Position{}) }

func (v *ArticleView) hover(pos fyne.Position) {
	if v.sel.mouse || v.barDrag || v.inBar(pos) {
		v.setHover(nil, pos)
		return
	}
	v.setHover(v.idsAt(v.charAt(pos)), pos)
}

func (v *ArticleView) setHover(ids []uint64, pos fyne.Position) {
	if slices.Equal(ids, v.hoverIDs) {
		return
	}
	v.hoverIDs, v.hoverPos = ids, pos
	v.Refresh()
	if v.OnHover != nil {
		v.OnHover(ids)
	}
}

// Scrolled scrolls by the pixels the wheel or touchpad moved (the keys
// scroll by lines: TypedKey).
func (v *ArticleView) Scrolled(ev *fyne.ScrollEvent) {
	if v.lines == nil || ev.Scrolled.DY == 0 {
		return
	}
	top, px := v.top, v.topPx
	v.scrollBy(-ev.Scrolled.DY)
	if v.top == top && v.topPx == px {
		return
	}
	v.setHover(nil, fyne.Position{})
	v.Refresh()
}

// FocusGained is part of fyne.Focusable.
func (v *ArticleView) FocusGained() { v.focused = true }

// FocusLost is part of fyne.Focusable.
func (v *ArticleView) FocusLost() { v.focused, v.shiftDown = false, false }

// TypedRune hands runes to OnTypedRune: the view does not take text input.
func (v *ArticleView) TypedRune(r rune) {
	if v.OnTypedRune != nil {
		v.OnTypedRune(r)
	}
}

// KeyDown tracks the shift key for shift+arrow selection.
func (v *ArticleView) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		v.shiftDown = true
	}
}

// KeyUp tracks the shift key for shift+arrow selection.
func (v *ArticleView) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		v.shiftDown = false
	}
}

// TypedKey scrolls by lines with the navigation keys (Up and Down a
// line, Page Up and Page Down a page less a line, Home and End) and moves the selection's caret
// end with shift+arrows; other keys go to OnTypedKey.
func (v *ArticleView) TypedKey(ev *fyne.KeyEvent) {
	if v.lines == nil {
		v.forwardKey(ev)
		return
	}
	if v.shiftDown {
		switch ev.Name {
		case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown:
			v.moveCaret(ev.Name, false)
			return
		}
	}
	switch ev.Name {
	case fyne.KeyUp:
		if v.topPx > 0 { // a line cut at the top by the wheel: show it whole
			v.setTop(v.top)
		} else {
			v.setTop(v.top - 1)
		}
	case fyne.KeyDown:
		v.setTop(v.top + 1)
	case fyne.KeyPageUp:
		v.setTop(v.top - max(v.pageLines()-1, 1))
	case fyne.KeyPageDown:
		v.setTop(v.top + max(v.pageLines()-1, 1))
	case fyne.KeyHome:
		v.setTop(0)
	case fyne.KeyEnd:
		v.setTop(v.maxTop())
	default:
		v.forwardKey(ev)
		return
	}
	v.Refresh()
}

// AcceptsTab is part of fyne.Tabbable: see CaptureTab.
func (v *ArticleView) AcceptsTab() bool { return v.CaptureTab != nil && v.CaptureTab() }

func (v *ArticleView) forwardKey(ev *fyne.KeyEvent) {
	if v.OnTypedKey != nil {
		v.OnTypedKey(ev)
	}
}

// moveCaret moves the moving end of the selection by a grapheme (or a word)
// left or right, or by a line up or down, and reports the new selection.
func (v *ArticleView) moveCaret(key fyne.KeyName, byWord bool) {
	switch {
	case v.sel.precise && v.sel.anchor != v.sel.caret:
		// The keys made it: the caret goes on from where they left it,
		// past the white space the shown selection leaves out.
	case v.sel.start == v.sel.end:
		v.sel.anchor, v.sel.caret = v.sel.start, v.sel.start
	case v.sel.caret < v.sel.anchor:
		v.sel.anchor, v.sel.caret = v.sel.end, v.sel.start
	default:
		v.sel.anchor, v.sel.caret = v.sel.start, v.sel.end
	}
	c := v.sel.caret
	switch key {
	case fyne.KeyLeft:
		c = v.stepBack(c, byWord)
	case fyne.KeyRight:
		c = v.stepForward(c, byWord)
	case fyne.KeyUp, fyne.KeyDown:
		c = v.verticalMove(c, key == fyne.KeyDown)
	}
	v.sel.caret, v.sel.precise = c, true
	v.updateSelection()
	v.keepVisible(c)
	v.reportSelection(false)
}

// stepBack returns the boundary before off: the previous grapheme, or the
// start of the previous word.
func (v *ArticleView) stepBack(off int, byWord bool) int {
	if off <= 0 {
		return 0
	}
	if byWord {
		i := off - 1
		for i > 0 && !wordRune(v.runes, i) {
			i--
		}
		s, _ := wordAt(v.runes, i)
		return s
	}
	from := max(off-16, 0)
	b := graphemeBounds(v.runes[from:off])
	if len(b) < 2 {
		return off - 1
	}
	return from + b[len(b)-2]
}

// stepForward returns the boundary after off: the next grapheme, or the
// end of the next word.
func (v *ArticleView) stepForward(off int, byWord bool) int {
	n := len(v.runes)
	if off >= n {
		return n
	}
	if byWord {
		i := off
		for i < n-1 && !wordRune(v.runes, i) {
			i++
		}
		_, e := wordAt(v.runes, i)
		return max(e, off+1)
	}
	b := graphemeBounds(v.runes[off:min(off+16, n)])
	return off + b[1]
}

// verticalMove returns the offset one line up or down at the same x.
func (v *ArticleView) verticalMove(off int, down bool) int {
	k := v.lineOf(off)
	pi, start, _ := v.lineBounds(k)
	x := v.lineX(pi, start, off)
	if down {
		k++
	} else {
		k--
	}
	if k < 0 {
		return 0
	}
	if k >= v.lines.total {
		return len(v.runes)
	}
	pi, start, end := v.lineBounds(k)
	return start + xToOffset(v.runes[start:end], x, v.prefixFunc(pi, start))
}

// keepVisible scrolls the least needed to show offset off.
func (v *ArticleView) keepVisible(off int) {
	k := v.lineOf(off)
	switch page := v.pageLines(); {
	case k < v.top:
		v.setTop(k)
	case k >= v.top+page:
		v.setTop(k - page + 1)
	}
	v.Refresh()
}

// TypedShortcut copies the selection on Ctrl+C, selects all on Ctrl+A and
// extends the selection by words on Ctrl+Shift+arrows; other shortcuts go to
// the window's canvas so the app's shortcuts keep working.
func (v *ArticleView) TypedShortcut(s fyne.Shortcut) {
	switch sc := s.(type) {
	case *fyne.ShortcutCopy:
		if _, _, text := v.Selection(); text != "" {
			clipboard := sc.Clipboard
			if clipboard == nil {
				clipboard = fyne.CurrentApp().Clipboard()
			}
			clipboard.SetContent(text)
		}
		return
	case *fyne.ShortcutSelectAll:
		v.SetSelection(0, len(v.runes))
		return
	case *desktop.CustomShortcut:
		if sc.Modifier == fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift || sc.Modifier == fyne.KeyModifierAlt|fyne.KeyModifierShift {
			switch sc.KeyName {
			case fyne.KeyLeft, fyne.KeyRight:
				v.moveCaret(sc.KeyName, true)
				return
			}
		}
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil {
		if h, ok := c.(fyne.Shortcutable); ok {
			h.TypedShortcut(s)
		}
	}
}
