package widgets

import (
	"image"
	"image/color"
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestRTLRuns: the runs Fyne draws mirrored in place, as go-text splits a
// line (by bidi direction, script, then font: the default theme's font has
// Latin, digits and punctuation, a fallback font the Hebrew and Arabic).
// TestRTLRunsAsFyneDrawsThem checks the model against Fyne's drawing.
func TestRTLRuns(t *testing.T) {
	b := newBidiSplitter(theme.DefaultTheme().Font(fyne.TextStyle{}))
	tests := []struct {
		line string
		want [][2]int
	}{
		{"", nil},
		{"plain English text", nil},
		{"שלום עולם", [][2]int{{0, 9}}},
		{"He said שלום עולם today", [][2]int{{8, 17}}},
		// The colon is in the theme font, the letters are not: three runs.
		{"قال الوزير: لا", [][2]int{{0, 10}, {10, 12}, {12, 14}}},
		{"a שלום b سلام c", [][2]int{{2, 6}, {9, 13}}},
		// Digits are a left-to-right run of their own; the space before them
		// goes with the word before (mirrored with it), the one after them
		// and the final dot are in the theme font, runs of their own.
		{"עברית 2026 עברית.", [][2]int{{0, 6}, {10, 11}, {11, 16}, {16, 17}}},
		{"قال 1,000.5 دولار", [][2]int{{0, 4}, {11, 12}, {12, 17}}},
		{"Ελληνικά", nil},
		{"日本語 שלום", [][2]int{{4, 8}}},
	}
	for _, tt := range tests {
		if got := b.rtlRuns([]rune(tt.line)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("rtlRuns(%q) = %v; want %v", tt.line, got, tt.want)
		}
	}
	var none *bidiSplitter
	if got := none.rtlRuns([]rune("שלום")); got != nil {
		t.Errorf("no splitter: %v; want no run", got)
	}
	if got := newBidiSplitter(fyne.NewStaticResource("bad.ttf", []byte("not a font"))).rtlRuns([]rune("שלום")); got != nil {
		t.Errorf("unreadable font: %v; want no run", got)
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
	runs, runsX := v.lineRuns([]rune(text), 0, xOf)
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

// TestRTLRunsAsFyneDrawsThem checks the model against Fyne's own drawing:
// two lines that differ only in the digits inside a Hebrew phrase differ
// only where the model puts those digits (left to right, in place), not
// where mirroring the whole phrase would put them.
func TestRTLRunsAsFyneDrawsThem(t *testing.T) {
	test.NewTempApp(t)
	const size = 20
	draw := func(s string) image.Image {
		txt := canvas.NewText(s, color.Black)
		txt.TextSize = size
		txt.Move(fyne.NewPos(10, 10))
		txt.Resize(fyne.NewSize(580, 40))
		w := test.NewWindow(container.NewWithoutLayout(txt))
		defer w.Close()
		w.Resize(fyne.NewSize(600, 60))
		return w.Canvas().Capture()
	}
	a, b := "ab שלום 1234 עולם גדול מאוד cd", "ab שלום 5678 עולם גדול מאוד cd" // digits at 8..12
	ia, ib := draw(a), draw(b)
	lo, hi := -1, -1
	for x := ia.Bounds().Min.X; x < ia.Bounds().Max.X; x++ {
		for y := ia.Bounds().Min.Y; y < ia.Bounds().Max.Y; y++ {
			if ia.At(x, y) != ib.At(x, y) {
				if lo < 0 {
					lo = x
				}
				hi = x
				break
			}
		}
	}
	if lo < 0 {
		t.Fatal("the two lines were drawn alike")
	}
	runes := []rune(a)
	xOf := func(off int) float32 { return 10 + fyne.MeasureText(string(runes[:off]), size, fyne.TextStyle{}).Width }
	runs := newBidiSplitter(theme.DefaultTheme().Font(fyne.TextStyle{})).rtlRuns(runes)
	runsX := make([][2]float32, len(runs))
	for i, r := range runs {
		runsX[i] = [2]float32{xOf(r[0]), xOf(r[1])}
	}
	p := pieces(8, 12, xOf, runs, runsX)
	if len(p) != 1 {
		t.Fatalf("the digits are in %d pieces: %v", len(p), p)
	}
	// Measuring a prefix and drawing the line round differently by a few
	// pixels; the centre of the digits drawn must fall in the model's piece,
	// and far from where mirroring the whole phrase would put it.
	mid := float32(lo+hi) / 2
	if mid < p[0][0] || mid > p[0][1] {
		t.Errorf("Fyne drew the digits over x %d..%d; the model puts them at %.0f..%.0f (runs %v)", lo, hi, p[0][0], p[0][1], runs)
	}
	whole := pieces(8, 12, xOf, [][2]int{{3, 27}}, [][2]float32{{xOf(3), xOf(27)}})[0]
	if mid >= whole[0] && mid <= whole[1] {
		t.Errorf("the digits (x %d..%d) are where mirroring the whole phrase puts them (%v): the check cannot tell the models apart", lo, hi, whole)
	}
}

// Digits inside a right-to-left phrase are drawn in place, left to right
// (TestRTLRunsAsFyneDrawsThem): tapping where they are drawn finds their
// highlight, and a drag there selects their offsets.
func TestArticleViewTapDigitsInRightToLeftPhrase(t *testing.T) {
	text := "Hi שלום 2026 עולם גדול ok" // 2026 is 8..12
	v, w := newTestView(t, text, fyne.NewSize(600, 200))
	red := color.NRGBA{R: 200, A: 255}
	v.SetHighlights([]Highlight{{ID: 1, Start: 3, End: 7, Color: red}, {ID: 2, Start: 8, End: 12, Color: red}, {ID: 3, Start: 13, End: 22, Color: red}})
	var got uint64
	v.OnHighlightTapped = func(id uint64) { got = id }
	m := v.metrics
	xOf := func(off int) float32 { return m.pad + v.lineX(0, 0, off) }
	y := m.pad + m.textH/2
	test.TapCanvas(w.Canvas(), fyne.NewPos((xOf(8)+xOf(12))/2, y))
	if got != 2 {
		t.Errorf("tapped id = %d; want 2 (the digits, drawn in place)", got)
	}
	test.Drag(w.Canvas(), fyne.NewPos(xOf(8)+1, y), xOf(12)-xOf(8)-2, 0)
	if s, e, _ := v.Selection(); s != 8 || e != 12 {
		t.Errorf("drag over the digits selected %d..%d; want 8..12", s, e)
	}
}
