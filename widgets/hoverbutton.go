package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// HoverButton is a button that says when the pointer comes over it and
// leaves it: Fyne 2.7 has no tooltip, so a window shows what the button
// is for elsewhere (in its status bar) while OnHover(true) holds.
type HoverButton struct {
	widget.Button
	OnHover func(in bool)
}

var (
	_ fyne.Widget       = (*HoverButton)(nil)
	_ desktop.Hoverable = (*HoverButton)(nil)
)

// NewHoverButton returns a button labelled text that calls tapped.
func NewHoverButton(text string, tapped func()) *HoverButton {
	b := &HoverButton{}
	b.Text, b.OnTapped = text, tapped
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn is part of desktop.Hoverable.
func (b *HoverButton) MouseIn(ev *desktop.MouseEvent) {
	b.Button.MouseIn(ev)
	if b.OnHover != nil {
		b.OnHover(true)
	}
}

// MouseOut is part of desktop.Hoverable.
func (b *HoverButton) MouseOut() {
	b.Button.MouseOut()
	if b.OnHover != nil {
		b.OnHover(false)
	}
}
