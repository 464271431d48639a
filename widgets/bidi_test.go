package widgets

import (
	"image/color"
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestRTLRuns(t *testing.T) {
	tests := []struct {
		line string
		want [][2]int
	}{
		{"", nil},
		{"plain English text", nil},
		{"שלום עולם", [][2]int{{0, 9}}},
		{"He said שלום עולם today", [][2]int{{8, 17}}},
		{"قال الوزير: لا", [][2]int{{0, 14}}},
		{"a שלום b سلام c", [][2]int{{2, 6}, {9, 13}}},
		{"עברית 2026 עברית.", [][2]int{{0, 16}}}, // digits between two runs join them; the final dot does not
		{"Ελληνικά", nil},
		{"日本語 שלום", [][2]int{{4, 8}}},
	}
	for _, tt := range tests {
		if got := rtlRuns([]rune(tt.line)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("rtlRuns(%q) = %v; want %v", tt.line, got, tt.want)
		}
	}
}

func TestMirrorIsItsOwnInverse(t *testing.T) {
	runs := [][2]float32{{10, 50}, {80, 90}}
	for _, x := range []float32{0, 10, 11, 30, 49.5, 50, 60, 85, 90, 100} {
		if got := mirror(mirror(x, runs), runs); got != x {
			t.Errorf("mirror(mirror(%v)) = %v", x, got)
		}
	}
	if got := mirror(20, runs); got != 40 {
		t.Errorf("mirror(20) = %v; want 40", got)
	}
	if got := mirror(60, runs); got != 60 {
		t.Errorf("mirror(60) outside the runs = %v; want 60", got)
	}
}

func TestPieces(t *testing.T) {
	// One unit of x per offset; a right-to-left run over offsets 4..10.
	xOf := func(off int) float32 { return float32(off) }
	runs := [][2]int{{4, 10}}
	runsX := [][2]float32{{4, 10}}
	tests := []struct {
		s, e int
		want [][2]float32
	}{
		{0, 3, [][2]float32{{0, 3}}},          // left to right: as laid out
		{4, 6, [][2]float32{{8, 10}}},         // the run's first characters are drawn at its right end
		{8, 10, [][2]float32{{4, 6}}},         // and its last ones at its left end
		{4, 10, [][2]float32{{4, 10}}},        // the whole run
		{2, 6, [][2]float32{{2, 4}, {8, 10}}}, // across the run's edge: two pieces
		{6, 12, [][2]float32{{4, 8}, {10, 12}}},
	}
	for _, tt := range tests {
		if got := pieces(tt.s, tt.e, xOf, runs, runsX); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("pieces(%d, %d) = %v; want %v", tt.s, tt.e, got, tt.want)
		}
	}
}

// A right-to-left run is drawn mirrored: its last word is at its left end.
// Tapping there must find that word's highlight, and a drag there must
// select that word's offsets.
func TestArticleViewTapInRightToLeftRun(t *testing.T) {
	text := "Hi שלום עולם ok" // שלום is 3..7, עולם 8..12
	v, w := newTestView(t, text, fyne.NewSize(600, 200))
	red := color.NRGBA{R: 200, A: 255}
	v.SetHighlights([]Highlight{{ID: 1, Start: 3, End: 7, Color: red}, {ID: 2, Start: 8, End: 12, Color: red}})
	var got uint64
	v.OnHighlightTapped = func(id uint64) { got = id }
	m := v.metrics
	xOf := func(off int) float32 { return m.pad + v.lineX(0, 0, off) }
	runs, runsX := lineRuns([]rune(text), 0, xOf)
	if len(runs) != 1 {
		t.Fatalf("runs = %v; want one", runs)
	}
	p := pieces(8, 12, xOf, runs, runsX)[0]
	if p[1] > xOf(7) {
		t.Fatalf("עולם drawn at %v, not left of where שלום would be left to right (%v)", p, xOf(7))
	}
	test.TapCanvas(w.Canvas(), fyne.NewPos((p[0]+p[1])/2, m.pad+m.textH/2))
	if got != 2 {
		t.Errorf("tapped id = %d; want 2 (עולם, drawn at the run's left end)", got)
	}
	// Left of the run stays left to right.
	got = 0
	test.TapCanvas(w.Canvas(), fyne.NewPos(xOf(1), m.pad+m.textH/2))
	if got != 0 {
		t.Errorf("tapping Hi reported highlight %d", got)
	}
}
