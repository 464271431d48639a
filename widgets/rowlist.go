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
type RowList struct {
	widget.BaseWidget

	Length     func() int
	CreateItem func() fyne.CanvasObject
	UpdateItem func(i int, o fyne.CanvasObject)
	OnSelected func(i int) // a row was selected by a tap or Select

	selected int // -1: none
	top      int // the item in the first row
	wheel    float32
	drag     int     // 0: no drag; 1: dragging the scroll bar; -1: a drag elsewhere
	rowH     float32 // the rows' height, measured on the first row
	size     fyne.Size
	rows     []*listItem
}

var (
	_ fyne.Widget     = (*RowList)(nil)
	_ fyne.Scrollable = (*RowList)(nil)
	_ fyne.Draggable  = (*RowList)(nil)
)

// NewRowList returns a list of length() rows made by create and filled by
// update.
func NewRowList(length func() int, create func() fyne.CanvasObject, update func(i int, o fyne.CanvasObject)) *RowList {
	l := &RowList{Length: length, CreateItem: create, UpdateItem: update, selected: -1}
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

// Select selects item i, scrolls it into view and calls OnSelected, unless
// it is selected already.
func (l *RowList) Select(i int) {
	if i == l.selected || i < 0 || i >= l.length() {
		return
	}
	l.selected = i
	l.ScrollTo(i)
	if l.OnSelected != nil {
		l.OnSelected(i)
	}
}

// Selected returns the selected item, or -1.
func (l *RowList) Selected() int { return l.selected }

// UnselectAll clears the selection.
func (l *RowList) UnselectAll() {
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

// Top returns the item shown in the first row.
func (l *RowList) Top() int { return l.top }

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
	r := &rowListRenderer{l: l, thumb: canvas.NewRectangle(color.Transparent)}
	r.thumb.CornerRadius = 3
	return r
}

type rowListRenderer struct {
	l       *RowList
	seps    []*canvas.Rectangle
	thumb   *canvas.Rectangle
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

// Tapped selects the row's item.
func (it *listItem) Tapped(*fyne.PointEvent) { it.list.Select(it.index) }

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
	case it.index == it.list.selected:
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
