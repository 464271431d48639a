package widgets

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// newTestView returns a view of text laid out at size, with background
// refinement off so tests stay on one goroutine.
func newTestView(t *testing.T, text string, size fyne.Size) (*ArticleView, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	v := NewArticleView()
	v.schedule = nil
	v.SetText(text)
	w := test.NewWindow(v)
	t.Cleanup(w.Close)
	w.SetPadded(false)
	w.Resize(size)
	return v, w
}

func TestArticleViewDragSelectsWords(t *testing.T) {
	v, w := newTestView(t, "The quick brown fox jumps over the lazy dog.", fyne.NewSize(600, 200))
	var got Range
	v.OnSelect = func(s, e int) { got = Range{s, e} }
	m := v.metrics
	y := m.pad + m.textH/2
	// From inside "quick" to inside "fox": snaps to "quick brown fox".
	x0 := m.pad + v.textWidth("The qu")
	x1 := m.pad + v.textWidth("The quick brown fo")
	test.Drag(w.Canvas(), fyne.NewPos(x0, y), x1-x0, 0)
	if want := (Range{4, 19}); got != want {
		t.Errorf("OnSelect got %v; want %v", got, want)
	}
	if _, _, text := v.Selection(); text != "quick brown fox" {
		t.Errorf("Selection text got %q; want %q", text, "quick brown fox")
	}
}

func TestArticleViewTapHighlight(t *testing.T) {
	v, w := newTestView(t, "alpha beta gamma delta", fyne.NewSize(600, 200))
	v.SetHighlights([]Highlight{{ID: 7, Start: 6, End: 10, Color: color.NRGBA{R: 200, A: 255}, Label: "seven"}})
	var got uint64
	v.OnHighlightTapped = func(id uint64) { got = id }
	m := v.metrics
	test.TapCanvas(w.Canvas(), fyne.NewPos(m.pad+v.textWidth("alpha be"), m.pad+m.textH/2))
	if got != 7 {
		t.Errorf("tapped id got %d; want 7", got)
	}
}

func TestArticleViewLongText(t *testing.T) {
	text := strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n", 2000)
	v, _ := newTestView(t, text, fyne.NewSize(400, 300))
	v.ScrollTo(len([]rune(text)) / 2)
	k := v.lineOf(len([]rune(text)) / 2)
	if k < v.top || k >= v.top+v.pageLines() {
		t.Errorf("line %d not on screen [%d, %d)", k, v.top, v.top+v.pageLines())
	}
}
