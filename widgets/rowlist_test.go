package widgets

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func newTestRowList(t *testing.T, n int) (*RowList, fyne.Window, *int) {
	t.Helper()
	test.NewTempApp(t)
	made := 0
	l := NewRowList(func() int { return n },
		func() fyne.CanvasObject { made++; return widget.NewLabel("") },
		func(i int, o fyne.CanvasObject) { o.(*widget.Label).SetText(fmt.Sprintf("item %d", i)) })
	w := test.NewWindow(l)
	t.Cleanup(w.Close)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(200, 400))
	return l, w, &made
}

func TestRowListMakesRowsOnce(t *testing.T) {
	l, _, made := newTestRowList(t, 1000)
	fit := l.fit()
	if fit < 5 || len(l.rows) != fit {
		t.Fatalf("rows = %d, fit = %d; want as many rows as fit, several", len(l.rows), fit)
	}
	before := *made
	for i := 0; i < 200; i++ {
		l.Select((i * 397) % 1000)
		l.Refresh()
	}
	if *made != before {
		t.Errorf("rows made while jumping = %d; want 0", *made-before)
	}
}

func TestRowListScrollTo(t *testing.T) {
	for _, tc := range []struct {
		name       string
		from, item int
		wantTop    func(fit int) int
	}{
		{"below the screen: last row", 0, 500, func(fit int) int { return 500 - fit + 1 }},
		{"above the screen: first row", 600, 10, func(int) int { return 10 }},
		{"on screen: no scroll", 100, 102, func(int) int { return 100 }},
		{"past the end: clamped", 0, 999, func(fit int) int { return 1000 - fit }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, _, _ := newTestRowList(t, 1000)
			l.setTop(tc.from)
			l.ScrollTo(tc.item)
			if got, want := l.Top(), tc.wantTop(l.fit()); got != want {
				t.Errorf("top got %d; want %d", got, want)
			}
		})
	}
}

func TestRowListTapSelects(t *testing.T) {
	l, w, _ := newTestRowList(t, 50)
	var got []int
	l.OnSelected = func(i int) { got = append(got, i) }
	l.setTop(10)
	l.Refresh()
	test.TapCanvas(w.Canvas(), fyne.NewPos(20, l.pitch()*2+l.rowH/2))
	if len(got) != 1 || got[0] != 12 || l.Selected() != 12 {
		t.Errorf("selected %v (%d); want [12]", got, l.Selected())
	}
	l.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -3*l.pitch())})
	if l.Top() != 13 {
		t.Errorf("top after scrolling 3 rows down = %d; want 13", l.Top())
	}
}

func TestRowListDragOnTheBarOnly(t *testing.T) {
	l, _, _ := newTestRowList(t, 1000)
	// drag sends the events a driver sends: the pointer's position, the
	// move since the last event.
	drag := func(x, y0, y1 float32) {
		for y := y0 + 10; y <= y1; y += 10 {
			l.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, y)}, Dragged: fyne.NewDelta(0, 10)})
		}
		l.DragEnd()
	}
	drag(20, 10, 300)
	if l.Top() != 0 {
		t.Errorf("top after a drag on the rows = %d; want 0", l.Top())
	}
	drag(195, 10, 200)
	if top := l.Top(); top < 400 || top > 600 {
		t.Errorf("top after dragging the bar to the middle = %d; want about 500", top)
	}
}
