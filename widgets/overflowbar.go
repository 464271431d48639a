package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// BarItem is one item of an OverflowBar: what the row shows, and the name
// and action of its entry in the "More" menu when the row has no room.
type BarItem struct {
	Object fyne.CanvasObject
	Name   string
	Action func()
}

// OverflowBar shows items in one row at their minimum widths; those that
// do not fit the width it is given are left out of the row and listed,
// in order, in the menu of a "More" button at its end. Every item is so
// reachable at any width, and the bar stays one row high.
type OverflowBar struct {
	widget.BaseWidget

	items []BarItem
	more  *widget.Button
	shown int // items in the row at the last layout
}

var _ fyne.Widget = (*OverflowBar)(nil)

// NewOverflowBar returns an empty bar.
func NewOverflowBar() *OverflowBar {
	b := &OverflowBar{}
	b.more = widget.NewButtonWithIcon("More", theme.MenuDropDownIcon(), b.showMore)
	b.more.Importance = widget.LowImportance
	b.more.IconPlacement = widget.ButtonIconTrailingText
	b.ExtendBaseWidget(b)
	return b
}

// SetItems replaces the items.
func (b *OverflowBar) SetItems(items []BarItem) {
	b.items = append([]BarItem(nil), items...)
	b.shown = len(items)
	b.Refresh()
}

// Items returns the items, in order.
func (b *OverflowBar) Items() []BarItem { return append([]BarItem(nil), b.items...) }

// Hidden returns the names of the items the row has no room for.
func (b *OverflowBar) Hidden() []string {
	var out []string
	for _, it := range b.items[min(b.shown, len(b.items)):] {
		out = append(out, it.Name)
	}
	return out
}

// showMore opens the menu of the items left out of the row.
func (b *OverflowBar) showMore() {
	var entries []*fyne.MenuItem
	for _, it := range b.items[min(b.shown, len(b.items)):] {
		entries = append(entries, fyne.NewMenuItem(it.Name, it.Action))
	}
	if len(entries) == 0 {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(b)
	if c == nil {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b.more).Add(fyne.NewPos(0, b.more.Size().Height))
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", entries...), c, pos)
}

// CreateRenderer is part of fyne.Widget.
func (b *OverflowBar) CreateRenderer() fyne.WidgetRenderer {
	return &overflowRenderer{b: b}
}

type overflowRenderer struct {
	b       *OverflowBar
	objects []fyne.CanvasObject
	widths  []float32
}

func (r *overflowRenderer) Destroy() {}

// MinSize is the "More" button's: the bar fits any width.
func (r *overflowRenderer) MinSize() fyne.Size {
	h := r.b.more.MinSize().Height
	for _, it := range r.b.items {
		h = max(h, it.Object.MinSize().Height)
	}
	return fyne.NewSize(r.b.more.MinSize().Width, h)
}

func (r *overflowRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *overflowRenderer) Refresh() {
	r.Layout(r.b.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

// Layout places the items that fit and the "More" button after them.
func (r *overflowRenderer) Layout(size fyne.Size) {
	b := r.b
	gap := theme.Padding()
	r.widths = r.widths[:0]
	for _, it := range b.items {
		r.widths = append(r.widths, it.Object.MinSize().Width)
	}
	moreW := b.more.MinSize().Width
	b.shown = fitItems(r.widths, moreW, gap, size.Width)
	r.objects = r.objects[:0]
	x := float32(0)
	for i, it := range b.items[:b.shown] {
		it.Object.Move(fyne.NewPos(x, 0))
		it.Object.Resize(fyne.NewSize(r.widths[i], size.Height))
		r.objects = append(r.objects, it.Object)
		x += r.widths[i] + gap
	}
	if b.shown < len(b.items) {
		b.more.Move(fyne.NewPos(x, 0))
		b.more.Resize(fyne.NewSize(moreW, size.Height))
		r.objects = append(r.objects, b.more)
	}
}

// fitItems returns how many items of the given widths, gap apart, fit in
// room in one row: all of them, or as many as leave room for a last item
// of width moreW (the "More" button) after them.
func fitItems(widths []float32, moreW, gap, room float32) int {
	x := float32(0)
	for i, w := range widths {
		if i > 0 {
			x += gap
		}
		x += w
	}
	if x <= room {
		return len(widths)
	}
	x = 0
	n := 0
	for _, w := range widths {
		if x+w+gap+moreW > room {
			break
		}
		x += w + gap
		n++
	}
	return n
}
