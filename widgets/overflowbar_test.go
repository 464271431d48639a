package widgets

import (
	"fmt"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestFitItems(t *testing.T) {
	for _, tc := range []struct {
		name        string
		widths      []float32
		moreW, room float32
		want        int
	}{
		{"all fit", []float32{50, 50, 50}, 40, 200, 3},
		{"all fit exactly, no room for More needed", []float32{50, 50, 50}, 40, 50*3 + 2*4, 3},
		{"the last leaves room for More", []float32{50, 50, 50}, 40, 147, 1},
		{"two and More", []float32{50, 50, 50, 50}, 40, 50 + 4 + 50 + 4 + 40, 2},
		{"none fits but More", []float32{80, 80}, 40, 100, 0},
		{"no items", nil, 40, 100, 0},
		{"36 labels at 800 px", slices.Repeat([]float32{90}, 36), 70, 800, 7},
	} {
		if got := fitItems(tc.widths, tc.moreW, 4, tc.room); got != tc.want {
			t.Errorf("%s: fitItems(%v, %v, 4, %v) got %d; want %d", tc.name, tc.widths, tc.moreW, tc.room, got, tc.want)
		}
	}
}

// At a width too small for every item the bar shows those that fit and a
// More button whose menu lists the rest, each doing what its item does.
func TestOverflowBarMoreMenu(t *testing.T) {
	test.NewTempApp(t)
	bar := NewOverflowBar()
	var tapped []string
	var items []BarItem
	for i := 1; i <= 8; i++ {
		name := fmt.Sprintf("%d Label", i)
		items = append(items, BarItem{Object: widget.NewButton(name, nil), Name: name, Action: func() { tapped = append(tapped, name) }})
	}
	bar.SetItems(items)
	w := test.NewWindow(container.NewBorder(bar, nil, nil, nil))
	t.Cleanup(w.Close)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(420, 200))
	if got := bar.Hidden(); len(got) == 0 || got[len(got)-1] != "8 Label" {
		t.Fatalf("hidden at 420 px got %v; want the last labels", got)
	}
	test.AssertRendersToMarkup(t, "overflowbar_narrow.xml", w.Canvas())
	test.AssertRendersToImage(t, "overflowbar_narrow.png", w.Canvas())

	test.Tap(bar.more)
	test.AssertRendersToImage(t, "overflowbar_menu.png", w.Canvas())
	hidden := bar.Hidden()
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("no menu after tapping More")
	}
	below := bar.more.Position().Add(fyne.NewPos(20, bar.more.Size().Height+12))
	test.TapCanvas(w.Canvas(), below)
	if want := hidden[:1]; !slices.Equal(tapped, want) {
		t.Errorf("first menu entry tapped %v; want %v", tapped, want)
	}

	w.Resize(fyne.NewSize(1000, 40))
	if got := bar.Hidden(); len(got) != 0 {
		t.Errorf("hidden at 1000 px got %v; want none", got)
	}
}
