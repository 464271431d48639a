package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestHoverButtonSaysInAndOut(t *testing.T) {
	test.NewTempApp(t)
	tapped := 0
	b := NewHoverButton("1 Claim", func() { tapped++ })
	var got []bool
	b.OnHover = func(in bool) { got = append(got, in) }
	w := test.NewTempWindow(t, b)
	w.Resize(fyne.NewSize(200, 60))
	test.MoveMouse(w.Canvas(), fyne.NewPos(10, 10))
	test.MoveMouse(w.Canvas(), fyne.NewPos(190, 55))
	test.MoveMouse(w.Canvas(), fyne.NewPos(500, 500))
	test.Tap(b)
	if len(got) != 2 || !got[0] || got[1] {
		t.Errorf("hover calls = %v, want [true false]", got)
	}
	if tapped != 1 {
		t.Errorf("tapped %d times, want 1", tapped)
	}
}
