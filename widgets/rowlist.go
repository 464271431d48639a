package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// RowList is a list of rows of one height, like widget.List, that makes
// its row objects once: as many as fit on screen, bound to other items as
// the list scrolls. widget.List takes its rows from a sync.Pool, which
// every garbage collection empties, and makes a throwaway row on every
// Refresh; a list that jumps to its selected row on each edit then makes
// new rows all the time, whose renderers and text textures Fyne keeps for a
// minute. RowList scrolls by whole rows, so that no row is cut.
//
// A tap focuses the list as it selects; with the focus, Up and Down move
// the selection by a row, Page Up and Page Down by a page, Home and End to
// the first and the last row, and the list shows an outline in the theme's
// primary colour, as a focused Entry does. Keys and runes it does not use
// go to OnTypedKey and OnTypedRune: Fyne gives a focused widget the keys
// instead of the window's canvas, so a window whose keys work everywhere
// points these at its own handlers.
//
// With MultiSelect, more rows can be selected along with the selected one:
// Ctrl-click (Cmd-click on macOS) adds or removes a row, Shift-click and
// Shift with the navigation keys select the rows from the selected one to
// there. OnSelected still reports only the selected row (a plain tap or
// key clears the others); OnSelection reports every change of the set, and
// Selection returns it.
type RowList struct {
	widget.BaseWidget

	Length     func() int
	CreateItem func() fyne.CanvasObject
	UpdateItem func(i int, o fyne.CanvasObject)
	OnSelected func(i int) // a row was selected by a tap, a key or Select
	// Selectable reports whether item i can be selected (a heading row
	// cannot); nil: every item. Taps on other rows select nothing, and the
	// keys pass over them.
	Selectable  func(i int) bool
	OnTypedKey  func(ev *fyne.KeyEvent) // keys the list does not use
	OnTypedRune func(r rune)            // every rune: the list uses none
	// CaptureTab, while it returns true, makes Tab and Shift+Tab keys of
	// the list (to OnTypedKey) instead of moving the focus; nil: never.
	CaptureTab  func() bool
	MultiSelect bool
	OnSelection func() // the set of selected rows changed (MultiSelect)
	// Modifiers returns the modifier keys held down; nil: the desktop
	// driver's (Fyne's test driver has none, so tests set it).
	Modifiers func() fyne.KeyModifier

	selected int // -1: none
	// marked are the rows selected besides selected (MultiSelect); cursor
	// is where the last Ctrl-click or Shift range ended, -1 for none.
	marked  map[int]bool
	cursor  int
	top     int // the item in the first row
	wheel   float32
	drag    int     // 0: no drag; 1: dragging the scroll bar; -1: a drag elsewhere
	rowH    float32 // the rows' height, measured on the first row
	size    fyne.Size
	rows    []*listItem
	focused bool
}

var (
	_ fyne.Widget     = (*RowList)(nil)
	_ fyne.Scrollable = (*RowList)(nil)
	_ fyne.Draggable  = (*RowList)(nil)
	_ fyne.Focusable  = (*RowList)(nil)
	_ fyne.Tappable   = (*RowList)(nil)
	_ fyne.Tabbable   = (*RowList)(nil)
)

// NewRowList returns a list of length() rows made by create and filled by
// update.
func NewRowList(length func() int, create func() fyne.CanvasObject, update func(i int, o fyne.CanvasObject)) *RowList {
	l := &RowList{Length: length, CreateItem: create, UpdateItem: update, selected: -1, cursor: -1}
	l.ExtendBaseWidget(l)
	return l
}

func (l *RowList) length() int {
	if l.Length == nil {
		return 0
	}
	return l.Length()
}

// pitch is the distance between the tops of two rows: a row and a gap of
// the theme's padding, a separator line in the middle, as widget.List.
func (l *RowList) pitch() float32 {
	return l.rowH + l.Theme().Size(theme.SizeNamePadding)
}

// fit returns how many rows fit in the list's height (at least one).
func (l *RowList) fit() int {
	if l.rowH <= 0 {
		return 1
	}
	gap := l.Theme().Size(theme.SizeNamePadding)
	return max(1, int((l.size.Height+gap)/l.pitch()))
}

func (l *RowList) setTop(top int) {
	l.top = clamp(top, 0, max(0, l.length()-l.fit()))
}

// selectable reports whether item i exists and can be selected.
func (l *RowList) selectable(i int) bool {
	return i >= 0 && i < l.length() && (l.Selectable == nil || l.Selectable(i))
}

// Select selects item i, scrolls it into view and calls OnSelected, unless
// it is selected already or cannot be selected.
func (l *RowList) Select(i int) {
	if !l.selectable(i) {
		return
	}
	l.clearMarks()
	if i == l.selected {
		return
	}
	l.selected = i
	l.ScrollTo(i)
	if l.OnSelected != nil {
		l.OnSelected(i)
	}
}

// SetSelection selects item i (-1: none) and, with MultiSelect, items
// others along with it, as the caller's own state has them: it scrolls to
// i and calls neither OnSelected nor OnSelection. Items that cannot be
// selected are left out.
func (l *RowList) SetSelection(i int, others []int) {
	if !l.selectable(i) {
		i = -1
	}
	l.selected, l.marked, l.cursor = i, nil, -1
	if i >= 0 && l.MultiSelect {
		for _, j := range others {
			if j != i && l.selectable(j) {
				if l.marked == nil {
					l.marked = map[int]bool{}
				}
				l.marked[j] = true
			}
		}
	}
	if i >= 0 {
		l.ScrollTo(i)
		return
	}
	l.Refresh()
}

// Selected returns the selected item, or -1.
func (l *RowList) Selected() int { return l.selected }

// Selection returns every selected item in order: the selected one and,
// with MultiSelect, those selected along with it.
func (l *RowList) Selection() []int {
	var out []int
	for i, n := 0, l.length(); i < n; i++ {
		if i == l.selected || l.marked[i] {
			out = append(out, i)
		}
	}
	return out
}

// isSelected reports whether item i is selected, alone or along with others.
func (l *RowList) isSelected(i int) bool { return i == l.selected || l.marked[i] }

// clearMarks leaves only the selected item selected.
func (l *RowList) clearMarks() {
	l.cursor = -1
	if len(l.marked) == 0 {
		return
	}
	l.marked = nil
	l.Refresh()
	l.selectionChanged()
}

func (l *RowList) selectionChanged() {
	if l.OnSelection != nil {
		l.OnSelection()
	}
}

// heldModifiers returns the modifier keys held down.
func (l *RowList) heldModifiers() fyne.KeyModifier {
	if l.Modifiers != nil {
		return l.Modifiers()
	}
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()
	}
	return 0
}

// toggle adds item i to the selection or takes it out (Ctrl-click). The
// selected item stays: with nothing selected, i becomes it.
func (l *RowList) toggle(i int) {
	if !l.selectable(i) {
		return
	}
	if l.selected < 0 {
		l.Select(i)
		return
	}
	if i != l.selected {
		if l.marked[i] {
			delete(l.marked, i)
		} else {
			if l.marked == nil {
				l.marked = map[int]bool{}
			}
			l.marked[i] = true
		}
	}
	l.marksChanged(i)
}

// marksChanged shows the selection changed by a Ctrl-click or a Shift
// range that ended on item i, and reports it.
func (l *RowList) marksChanged(i int) {
	l.cursor = i
	l.ScrollTo(i)
	l.Refresh()
	l.selectionChanged()
}

// extendTo selects the items from the selected one to i (Shift-click,
// Shift with a navigation key), in place of those selected along with it.
func (l *RowList) extendTo(i int) {
	if i < 0 {
		return
	}
	if l.selected < 0 {
		l.Select(i)
		return
	}
	l.marked = map[int]bool{}
	for j := min(i, l.selected); j <= max(i, l.selected); j++ {
		if j != l.selected && l.selectable(j) {
			l.marked[j] = true
		}
	}
	l.marksChanged(i)
}

// tapped is a tap on item i: with MultiSelect, Shift extends the
// selection to i and Ctrl (Cmd) adds or removes i; else i is selected.
func (l *RowList) tapped(i int) {
	mods := fyne.KeyModifier(0)
	if l.MultiSelect {
		mods = l.heldModifiers()
	}
	switch {
	case mods&fyne.KeyModifierShift != 0:
		l.extendTo(i)
	case mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0:
		l.toggle(i)
	default:
		l.Select(i)
	}
}

// UnselectAll clears the selection.
func (l *RowList) UnselectAll() {
	l.clearMarks()
	if l.selected < 0 {
		return
	}
	l.selected = -1
	l.Refresh()
}

// ScrollTo scrolls as little as needed to show item i.
func (l *RowList) ScrollTo(i int) {
	switch n := l.fit(); {
	case i < l.top:
		l.setTop(i)
	case i >= l.top+n:
		l.setTop(i - n + 1)
	}
	l.Refresh()
}

// RowBox returns where row i is drawn, relative to the list; ok is false
// when it is not on screen.
func (l *RowList) RowBox(i int) (pos fyne.Position, size fyne.Size, ok bool) {
	if i < l.top || i >= min(l.top+l.fit(), l.length()) || l.rowH <= 0 {
		return pos, size, false
	}
	return fyne.NewPos(0, float32(i-l.top)*l.pitch()), fyne.NewSize(l.size.Width, l.rowH), true
}

// Top returns the item shown in the first row.
func (l *RowList) Top() int { return l.top }

// Focused reports whether the list has the keyboard focus.
func (l *RowList) Focused() bool { return l.focused }

// FocusGained is part of fyne.Focusable.
func (l *RowList) FocusGained() { l.focused = true; l.Refresh() }

// FocusLost is part of fyne.Focusable.
func (l *RowList) FocusLost() { l.focused = false; l.Refresh() }

// Tapped is part of fyne.Tappable: a tap below the rows focuses the list.
func (l *RowList) Tapped(*fyne.PointEvent) { l.requestFocus() }

// requestFocus gives the keyboard focus to the list.
func (l *RowList) requestFocus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(l); c != nil && c.Focused() != l {
		c.Focus(l)
	}
}

// TypedRune is part of fyne.Focusable: the list takes no text, every rune
// goes to OnTypedRune.
func (l *RowList) TypedRune(r rune) {
	if l.OnTypedRune != nil {
		l.OnTypedRune(r)
	}
}

// AcceptsTab is part of fyne.Tabbable: see CaptureTab.
func (l *RowList) AcceptsTab() bool { return l.CaptureTab != nil && l.CaptureTab() }

// TypedKey is part of fyne.Focusable: the navigation keys move the
// selection, other keys go to OnTypedKey.
func (l *RowList) TypedKey(ev *fyne.KeyEvent) {
	n, page, cur := l.length(), max(l.fit()-1, 1), l.selected
	shift := l.MultiSelect && l.heldModifiers()&fyne.KeyModifierShift != 0
	if shift && l.cursor >= 0 {
		cur = l.cursor // a range grows from where it ended
	}
	var to int
	switch ev.Name {
	case fyne.KeyDown:
		if cur < 0 {
			to = l.nearest(0, 1)
		} else {
			to = l.nearest(cur+1, 1)
		}
	case fyne.KeyUp:
		if cur < 0 {
			to = l.nearest(n-1, -1)
		} else {
			to = l.nearest(cur-1, -1)
		}
	case fyne.KeyPageDown:
		to = l.nearestEither(min(max(cur, 0)+page, n-1), 1)
	case fyne.KeyPageUp:
		if cur < 0 {
			cur = n - 1
		}
		to = l.nearestEither(max(cur-page, 0), -1)
	case fyne.KeyHome:
		to = l.nearest(0, 1)
	case fyne.KeyEnd:
		to = l.nearest(n-1, -1)
	default:
		if l.OnTypedKey != nil {
			l.OnTypedKey(ev)
		}
		return
	}
	if shift {
		l.extendTo(to)
		return
	}
	l.move(to)
}

// move selects item i, or, at the end of the way (i < 0), shows the
// selected item, which the wheel may have scrolled away.
func (l *RowList) move(i int) {
	if i < 0 {
		i = l.selected
	}
	if i < 0 {
		return
	}
	if i == l.selected {
		l.ScrollTo(i)
		return
	}
	l.Select(i)
}

// nearest returns the first selectable item from i on in direction dir
// (1 or -1), or -1 when there is none.
func (l *RowList) nearest(i, dir int) int {
	for n := l.length(); i >= 0 && i < n; i += dir {
		if l.Selectable == nil || l.Selectable(i) {
			return i
		}
	}
	return -1
}

// nearestEither returns the selectable item nearest to i in direction dir,
// or else in the other direction but not beyond the selected item: a page
// down that ends on the last row, a heading, selects the row before it.
func (l *RowList) nearestEither(i, dir int) int {
	if j := l.nearest(i, dir); j >= 0 {
		return j
	}
	if j := l.nearest(i, -dir); j >= 0 && (l.selected < 0 || (j-l.selected)*dir > 0) {
		return j
	}
	return -1
}

// Scrolled is part of fyne.Scrollable: the wheel moves by whole rows.
func (l *RowList) Scrolled(ev *fyne.ScrollEvent) {
	if l.rowH <= 0 {
		return
	}
	l.wheel -= ev.Scrolled.DY
	steps := int(l.wheel / l.pitch())
	if steps == 0 {
		return
	}
	l.wheel -= float32(steps) * l.pitch()
	l.setTop(l.top + steps)
	l.Refresh()
}

// Dragged is part of fyne.Draggable: a drag that starts on the scroll
// bar's strip moves the list as the bar shows it, the whole height standing
// for every item; other drags do nothing.
func (l *RowList) Dragged(ev *fyne.DragEvent) {
	if l.drag == 0 {
		l.drag = -1
		strip := 3 * l.Theme().Size(theme.SizeNameScrollBar)
		if ev.Position.X-ev.Dragged.DX >= l.size.Width-strip {
			l.drag = 1
		}
	}
	if n := l.length(); l.drag > 0 && n > l.fit() && l.size.Height > 0 {
		l.setTop(int(ev.Position.Y/l.size.Height*float32(n)) - l.fit()/2)
		l.Refresh()
	}
}

// DragEnd is part of fyne.Draggable.
func (l *RowList) DragEnd() { l.drag = 0 }

// MinSize is one row.
func (l *RowList) MinSize() fyne.Size {
	l.ExtendBaseWidget(l)
	return l.BaseWidget.MinSize()
}

// CreateRenderer is part of fyne.Widget.
func (l *RowList) CreateRenderer() fyne.WidgetRenderer {
	r := &rowListRenderer{l: l, thumb: canvas.NewRectangle(color.Transparent), focus: canvas.NewRectangle(color.Transparent)}
	r.thumb.CornerRadius = 3
	return r
}

type rowListRenderer struct {
	l       *RowList
	seps    []*canvas.Rectangle
	thumb   *canvas.Rectangle
	focus   *canvas.Rectangle // the outline that shows the keyboard focus
	objects []fyne.CanvasObject
}

func (r *rowListRenderer) Destroy() {}

func (r *rowListRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *rowListRenderer) MinSize() fyne.Size {
	r.ensureRow()
	if len(r.l.rows) == 0 {
		return fyne.NewSize(32, 32)
	}
	return fyne.NewSize(r.l.rows[0].content.MinSize().Width, r.l.rowH)
}

// ensureRow makes the first row, which gives the rows' height.
func (r *rowListRenderer) ensureRow() {
	l := r.l
	if len(l.rows) == 0 && l.CreateItem != nil {
		it := newListItem(l, l.CreateItem())
		l.rows = append(l.rows, it)
		l.rowH = it.content.MinSize().Height
	}
}

func (r *rowListRenderer) Layout(size fyne.Size) {
	r.l.size = size
	r.Refresh()
}

// Refresh binds the rows on screen to their items and places them.
func (r *rowListRenderer) Refresh() {
	l := r.l
	r.ensureRow()
	if len(l.rows) == 0 || l.size.Height <= 0 {
		r.objects = r.objects[:0]
		return
	}
	th := l.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	n, total := l.fit(), l.length()
	l.setTop(l.top)
	for len(l.rows) < n {
		l.rows = append(l.rows, newListItem(l, l.CreateItem()))
	}
	for len(r.seps) < n {
		r.seps = append(r.seps, canvas.NewRectangle(color.Transparent))
	}
	sep := th.Size(theme.SizeNameSeparatorThickness)
	gap := th.Size(theme.SizeNamePadding)
	r.objects = r.objects[:0]
	for k := 0; k < n; k++ {
		it, i := l.rows[k], l.top+k
		if i >= total {
			it.Hide()
			r.seps[k].Hide()
			continue
		}
		it.index = i
		if l.UpdateItem != nil {
			l.UpdateItem(i, it.content)
		}
		y := float32(k) * l.pitch()
		it.Move(fyne.NewPos(0, y))
		it.Resize(fyne.NewSize(l.size.Width, l.rowH))
		it.Show()
		it.updateBackground() // the content was updated by UpdateItem
		r.objects = append(r.objects, it)
		if k > 0 {
			s := r.seps[k]
			s.FillColor = th.Color(theme.ColorNameSeparator, v)
			s.Move(fyne.NewPos(0, y-(gap+sep)/2))
			s.Resize(fyne.NewSize(l.size.Width, sep))
			s.Show()
			s.Refresh()
			r.objects = append(r.objects, s)
		}
	}
	if total > n {
		w := th.Size(theme.SizeNameScrollBarSmall)
		h := max(l.size.Height*float32(n)/float32(total), 2*w)
		y := (l.size.Height - h) * float32(l.top) / float32(total-n)
		r.thumb.FillColor = th.Color(theme.ColorNameScrollBar, v)
		r.thumb.Move(fyne.NewPos(l.size.Width-w-2, y))
		r.thumb.Resize(fyne.NewSize(w, h))
		r.thumb.Refresh()
		r.objects = append(r.objects, r.thumb)
	}
	if l.focused {
		f := r.focus
		f.StrokeColor = th.Color(theme.ColorNamePrimary, v) // the focus colour is too faint on the light theme
		f.StrokeWidth = th.Size(theme.SizeNameInputBorder)
		f.CornerRadius = th.Size(theme.SizeNameSelectionRadius)
		f.Move(fyne.NewPos(0, 0))
		f.Resize(l.size)
		f.Refresh()
		r.objects = append(r.objects, f)
	}
	canvas.Refresh(l)
}

// listItem is one row of a RowList: the item's object over a background
// that shows selection and hover.
type listItem struct {
	widget.BaseWidget
	list    *RowList
	index   int
	content fyne.CanvasObject
	bg      *canvas.Rectangle
	hovered bool
}

var (
	_ fyne.Tappable       = (*listItem)(nil)
	_ desktop.Hoverable   = (*listItem)(nil)
	_ fyne.WidgetRenderer = (*listItemRenderer)(nil)
)

func newListItem(l *RowList, content fyne.CanvasObject) *listItem {
	it := &listItem{list: l, content: content, bg: canvas.NewRectangle(color.Transparent)}
	it.ExtendBaseWidget(it)
	return it
}

// Tapped focuses the list and selects the row's item. The focus comes
// first: OnSelected may move it elsewhere.
func (it *listItem) Tapped(*fyne.PointEvent) {
	it.list.requestFocus()
	it.list.tapped(it.index)
}

// MouseIn is part of desktop.Hoverable.
func (it *listItem) MouseIn(*desktop.MouseEvent) { it.hovered = true; it.updateBackground() }

// MouseMoved is part of desktop.Hoverable.
func (it *listItem) MouseMoved(*desktop.MouseEvent) {}

// MouseOut is part of desktop.Hoverable.
func (it *listItem) MouseOut() { it.hovered = false; it.updateBackground() }

// updateBackground shows the selection or the hover.
func (it *listItem) updateBackground() {
	th := it.list.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	switch {
	case it.list.isSelected(it.index):
		it.bg.FillColor = th.Color(theme.ColorNameSelection, v)
		it.bg.Show()
	case it.hovered:
		it.bg.FillColor = th.Color(theme.ColorNameHover, v)
		it.bg.Show()
	default:
		it.bg.Hide()
	}
	it.bg.CornerRadius = th.Size(theme.SizeNameSelectionRadius)
	it.bg.Refresh()
}

func (it *listItem) CreateRenderer() fyne.WidgetRenderer { return &listItemRenderer{it: it} }

type listItemRenderer struct{ it *listItem }

func (r *listItemRenderer) Destroy() {}
func (r *listItemRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.it.bg, r.it.content}
}
func (r *listItemRenderer) MinSize() fyne.Size { return r.it.content.MinSize() }
func (r *listItemRenderer) Layout(size fyne.Size) {
	r.it.bg.Resize(size)
	r.it.content.Resize(size)
}

// Refresh shows the selection or the hover and redraws the content.
func (r *listItemRenderer) Refresh() {
	r.it.updateBackground()
	r.Layout(r.it.Size())
	r.it.content.Refresh()
}
