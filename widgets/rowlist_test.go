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

func TestRowListKeysMoveSelection(t *testing.T) {
	for _, tc := range []struct {
		name string
		from int // selected before; -1: none
		keys []fyne.KeyName
		want func(fit int) int
	}{
		{"down from none: the first", -1, []fyne.KeyName{fyne.KeyDown}, func(int) int { return 0 }},
		{"up from none: the last", -1, []fyne.KeyName{fyne.KeyUp}, func(int) int { return 99 }},
		{"down, down, up", 10, []fyne.KeyName{fyne.KeyDown, fyne.KeyDown, fyne.KeyUp}, func(int) int { return 11 }},
		{"up at the first: stays", 0, []fyne.KeyName{fyne.KeyUp}, func(int) int { return 0 }},
		{"down at the last: stays", 99, []fyne.KeyName{fyne.KeyDown}, func(int) int { return 99 }},
		{"page down: a page less a row", 10, []fyne.KeyName{fyne.KeyPageDown}, func(fit int) int { return 10 + fit - 1 }},
		{"page up: a page less a row", 50, []fyne.KeyName{fyne.KeyPageUp}, func(fit int) int { return 50 - fit + 1 }},
		{"page down near the end: the last", 97, []fyne.KeyName{fyne.KeyPageDown}, func(int) int { return 99 }},
		{"page up near the start: the first", 2, []fyne.KeyName{fyne.KeyPageUp}, func(int) int { return 0 }},
		{"end", 10, []fyne.KeyName{fyne.KeyEnd}, func(int) int { return 99 }},
		{"home", 60, []fyne.KeyName{fyne.KeyHome}, func(int) int { return 0 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, _, _ := newTestRowList(t, 100)
			if tc.from >= 0 {
				l.Select(tc.from)
			}
			var got []int
			l.OnSelected = func(i int) { got = append(got, i) }
			for _, k := range tc.keys {
				l.TypedKey(&fyne.KeyEvent{Name: k})
			}
			want := tc.want(l.fit())
			if l.Selected() != want {
				t.Errorf("selected got %d; want %d", l.Selected(), want)
			}
			if want != tc.from && (len(got) == 0 || got[len(got)-1] != want) {
				t.Errorf("OnSelected got %v; want it to end with %d", got, want)
			}
			if want == tc.from && len(got) != 0 {
				t.Errorf("OnSelected got %v; want no call", got)
			}
			if top := l.Top(); want < top || want >= top+l.fit() {
				t.Errorf("selected %d not on screen: rows %d to %d", want, top, top+l.fit()-1)
			}
		})
	}
}

func TestRowListKeysScrollBackToTheSelection(t *testing.T) {
	l, _, _ := newTestRowList(t, 100)
	l.Select(5)
	l.setTop(60) // the wheel took the selected row off screen
	l.Refresh()
	l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if l.Selected() != 6 || l.Top() > 6 {
		t.Errorf("after Down: selected %d, top %d; want 6 on screen", l.Selected(), l.Top())
	}
	l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp}) // no row above the first
	l.setTop(60)
	l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if l.Selected() != 0 || l.Top() != 0 {
		t.Errorf("Up at the first row: selected %d, top %d; want 0 shown", l.Selected(), l.Top())
	}
}

func TestRowListKeysPassOverUnselectableRows(t *testing.T) {
	l, w, _ := newTestRowList(t, 30)
	l.Selectable = func(i int) bool { return i%10 != 0 } // 0, 10, 20: headings
	for _, tc := range []struct {
		from int
		key  fyne.KeyName
		want int
	}{
		{-1, fyne.KeyDown, 1},
		{9, fyne.KeyDown, 11},
		{11, fyne.KeyUp, 9},
		{1, fyne.KeyUp, 1},
		{5, fyne.KeyHome, 1},
		{-1, fyne.KeyEnd, 29},
	} {
		l.selected = -1
		l.Select(tc.from)
		l.TypedKey(&fyne.KeyEvent{Name: tc.key})
		if l.Selected() != tc.want {
			t.Errorf("from %d, %s: selected %d; want %d", tc.from, tc.key, l.Selected(), tc.want)
		}
	}
	l.Select(5)
	l.setTop(0)
	l.Refresh()
	test.TapCanvas(w.Canvas(), fyne.NewPos(20, l.rowH/2)) // row 0, a heading
	if l.Selected() != 5 {
		t.Errorf("a tap on a heading selected %d; want 5 kept", l.Selected())
	}
}

func TestRowListTapFocuses(t *testing.T) {
	l, w, _ := newTestRowList(t, 50)
	if l.Focused() {
		t.Fatal("focused before any tap")
	}
	test.TapCanvas(w.Canvas(), fyne.NewPos(20, l.pitch()*3+l.rowH/2))
	if w.Canvas().Focused() != l || !l.Focused() || l.Selected() != 3 {
		t.Fatalf("after a tap on row 3: focused %T (%v), selected %d; want the list focused, 3", w.Canvas().Focused(), l.Focused(), l.Selected())
	}
	w.Canvas().Unfocus()
	if l.Focused() {
		t.Error("still focused after Unfocus")
	}
	l2, w2, _ := newTestRowList(t, 3) // rows end above the bottom
	test.TapCanvas(w2.Canvas(), fyne.NewPos(20, 380))
	if w2.Canvas().Focused() != l2 || l2.Selected() != -1 {
		t.Errorf("a tap below the rows: focused %T, selected %d; want the list focused, nothing selected", w2.Canvas().Focused(), l2.Selected())
	}
}

func TestRowListHandsOnOtherKeys(t *testing.T) {
	l, w, _ := newTestRowList(t, 50)
	var keys []fyne.KeyName
	var runes []rune
	l.OnTypedKey = func(ev *fyne.KeyEvent) { keys = append(keys, ev.Name) }
	l.OnTypedRune = func(r rune) { runes = append(runes, r) }
	w.Canvas().Focus(l)
	for _, k := range []fyne.KeyName{fyne.KeyDelete, fyne.KeyDown, fyne.KeyEscape, fyne.KeyReturn} {
		w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: k})
	}
	test.Type(l, "1]j")
	if want := []fyne.KeyName{fyne.KeyDelete, fyne.KeyEscape, fyne.KeyReturn}; fmt.Sprint(keys) != fmt.Sprint(want) {
		t.Errorf("OnTypedKey got %v; want %v (Down is the list's)", keys, want)
	}
	if string(runes) != "1]j" {
		t.Errorf("OnTypedRune got %q; want %q", string(runes), "1]j")
	}
	if l.Selected() != 0 {
		t.Errorf("selected %d; want 0 (Down)", l.Selected())
	}
}

// TestRowListFocusedMarkup is the focused list with a selected row: an
// outline in the theme's primary colour around the rows.
func TestRowListFocusedMarkup(t *testing.T) {
	l, w, _ := newTestRowList(t, 20)
	w.Resize(fyne.NewSize(160, 150))
	test.TapCanvas(w.Canvas(), fyne.NewPos(20, l.pitch()+l.rowH/2))
	test.AssertRendersToMarkup(t, "rowlist_focused.xml", w.Canvas())
	test.AssertRendersToImage(t, "rowlist_focused.png", w.Canvas())
	w.Canvas().Unfocus()
	test.AssertRendersToImage(t, "rowlist_unfocused.png", w.Canvas())
}
