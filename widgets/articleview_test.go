package widgets

import (
	"image/color"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
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

func TestArticleViewOverlappingHighlightsMarkup(t *testing.T) {
	v, w := newTestView(t, "One two three four five six seven eight nine ten eleven twelve.", fyne.NewSize(260, 120))
	v.SetHighlights([]Highlight{
		{ID: 1, Start: 4, End: 40, Color: color.NRGBA{R: 0xe5, G: 0x39, B: 0x35, A: 0xff}, Label: "outer"},
		{ID: 2, Start: 8, End: 18, Color: color.NRGBA{R: 0x1e, G: 0x88, B: 0xe5, A: 0xff}, Label: "inner"},
		{ID: 3, Start: 14, End: 28, Color: color.NRGBA{R: 0x43, G: 0xa0, B: 0x47, A: 0xff}, Label: "crossing"},
	})
	v.SetSelectedHighlight(2)
	v.SetLineSpacing(2.2) // room for three underline rows
	test.AssertRendersToMarkup(t, "overlap.xml", w.Canvas())
	test.AssertRendersToImage(t, "overlap.png", w.Canvas())
}

// The reading settings: at the default spacing the lines sit 1.5 text
// sizes apart (the text's box and one underline row at the least) and a
// measure narrower than the view centres a column of that many
// characters; wider spacing gives nested highlights their own rows.
func TestArticleViewReadingSettingsGolden(t *testing.T) {
	text := "One two three four five six seven eight nine ten eleven twelve. Thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty."
	for _, tc := range []struct {
		name    string
		spacing float32
		measure int
	}{
		{"reading_default", DefaultLineSpacing, DefaultMeasure},
		{"reading_narrow", DefaultLineSpacing, 30},
		{"reading_wide_spacing", 2.25, 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, w := newTestView(t, text, fyne.NewSize(420, 160))
			v.SetHighlights([]Highlight{
				{ID: 1, Start: 4, End: 40, Color: color.NRGBA{R: 0xe5, G: 0x39, B: 0x35, A: 0xff}},
				{ID: 2, Start: 8, End: 18, Color: color.NRGBA{R: 0x1e, G: 0x88, B: 0xe5, A: 0xff}},
			})
			v.SetLineSpacing(tc.spacing)
			v.SetMeasure(tc.measure)
			test.AssertRendersToMarkup(t, tc.name+".xml", w.Canvas())
			test.AssertRendersToImage(t, tc.name+".png", w.Canvas())
		})
	}
}

func TestArticleViewTapCyclesOverlaps(t *testing.T) {
	v, w := newTestView(t, "alpha beta gamma delta", fyne.NewSize(600, 200))
	v.SetHighlights([]Highlight{
		{ID: 1, Start: 0, End: 16, Color: color.NRGBA{R: 200, A: 255}},
		{ID: 2, Start: 6, End: 10, Color: color.NRGBA{G: 200, A: 255}},
	})
	var got []uint64
	v.OnHighlightTapped = func(id uint64) { got = append(got, id) }
	m := v.metrics
	pos := fyne.NewPos(m.pad+v.textWidth("alpha be"), m.pad+m.textH/2)
	for range 3 {
		test.TapCanvas(w.Canvas(), pos)
	}
	if want := []uint64{2, 1, 2}; !slices.Equal(got, want) {
		t.Errorf("tapped ids got %v; want %v (innermost first, then cycling)", got, want)
	}
}

func TestArticleViewKeyboardAndCopy(t *testing.T) {
	v, w := newTestView(t, "The quick brown fox", fyne.NewSize(600, 200))
	var got Range
	v.OnSelect = func(s, e int) { got = Range{s, e} }
	v.SetSelection(4, 9)
	v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if want := (Range{4, 11}); got != want {
		t.Errorf("after shift+right twice got %v; want %v", got, want)
	}
	w.Canvas().Focus(v)
	v.TypedShortcut(&fyne.ShortcutCopy{Clipboard: fyne.CurrentApp().Clipboard()})
	if got, want := fyne.CurrentApp().Clipboard().Content(), "quick b"; got != want {
		t.Errorf("clipboard got %q; want %q", got, want)
	}
	var keys []fyne.KeyName
	v.OnTypedKey = func(ev *fyne.KeyEvent) { keys = append(keys, ev.Name) }
	var runes []rune
	v.OnTypedRune = func(r rune) { runes = append(runes, r) }
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	v.TypedRune('3')
	if !slices.Equal(keys, []fyne.KeyName{fyne.KeyEscape}) || !slices.Equal(runes, []rune{'3'}) {
		t.Errorf("forwarded keys %v runes %q; want [Escape] ['3']", keys, runes)
	}
}

func TestArticleViewDoubleTapAndSecondary(t *testing.T) {
	v, w := newTestView(t, "hello brave new world", fyne.NewSize(600, 200))
	v.SetHighlights([]Highlight{{ID: 9, Start: 6, End: 11, Color: color.Black}})
	m := v.metrics
	pos := fyne.NewPos(m.pad+v.textWidth("hello br"), m.pad+m.textH/2)
	test.DoubleTap(v)
	v.DoubleTapped(&fyne.PointEvent{Position: pos})
	if s, e, text := v.Selection(); s != 6 || e != 11 || text != "brave" {
		t.Errorf("double tap selected %d,%d %q; want 6,11 \"brave\"", s, e, text)
	}
	var off int
	var ids []uint64
	v.OnSecondaryTap = func(o int, hs []uint64, _ fyne.Position) { off, ids = o, hs }
	test.TapSecondaryAt(v, pos)
	if off != 8 || !slices.Equal(ids, []uint64{9}) {
		t.Errorf("secondary tap got %d %v; want 8 [9]", off, ids)
	}
	_ = w
}

func TestArticleViewWordSnapOff(t *testing.T) {
	v, w := newTestView(t, "The quick brown fox", fyne.NewSize(600, 200))
	v.SetWordSnap(false)
	m := v.metrics
	y := m.pad + m.textH/2
	x0 := m.pad + v.textWidth("The qu")
	x1 := m.pad + v.textWidth("The quick br")
	test.Drag(w.Canvas(), fyne.NewPos(x0, y), x1-x0, 0)
	if s, e, _ := v.Selection(); s != 6 || e != 12 {
		t.Errorf("selection without snapping got %d,%d; want 6,12", s, e)
	}
}

func TestArticleViewReplaceHighlights(t *testing.T) {
	red := color.NRGBA{R: 200, A: 255}
	for _, tc := range []struct {
		name string
		ids  []uint64
		add  []Highlight
		want []uint64 // IDs of the highlights after, in order
	}{
		{"add one", nil, []Highlight{{ID: 4, Start: 0, End: 5}}, []uint64{1, 2, 2, 3, 4}},
		{"remove both spans of 2", []uint64{2}, nil, []uint64{1, 3}},
		{"replace 2 by one span", []uint64{2}, []Highlight{{ID: 2, Start: 6, End: 10}}, []uint64{1, 3, 2}},
		{"remove unknown", []uint64{9}, nil, []uint64{1, 2, 2, 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, _ := newTestView(t, "alpha beta gamma delta", fyne.NewSize(600, 200))
			v.SetHighlights([]Highlight{
				{ID: 1, Start: 0, End: 5, Color: red},
				{ID: 2, Start: 6, End: 10, Color: red}, {ID: 2, Start: 17, End: 22, Color: red},
				{ID: 3, Start: 11, End: 16, Color: red},
			})
			v.ReplaceHighlights(tc.ids, tc.add)
			var got []uint64
			for _, h := range v.Highlights() {
				got = append(got, h.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("highlights got %v; want %v", got, tc.want)
			}
			if len(v.spans) != len(tc.want) {
				t.Errorf("spans got %d; want %d", len(v.spans), len(tc.want))
			}
		})
	}
}

// A word tagged ten times in one colour draws three bands and one
// underline a row, not ten of each; another colour over it is drawn.
func TestArticleViewSameHighlightsDrawnAtMostThreeTimes(t *testing.T) {
	v, _ := newTestView(t, "The minister said taxes would fall.", fyne.NewSize(600, 120))
	v.SetLineSpacing(2.2) // room for every underline row
	green := color.NRGBA{G: 0xa0, A: 0xff}
	red := color.NRGBA{R: 0xe5, A: 0xff}
	var hs []Highlight
	for id := uint64(1); id <= 10; id++ {
		hs = append(hs, Highlight{ID: id, Start: 4, End: 12, Color: green})
	}
	hs = append(hs, Highlight{ID: 11, Start: 4, End: 12, Color: red})
	v.SetHighlights(hs)
	bands, underlines := map[color.Color]int{}, map[color.Color]int{}
	for _, o := range test.WidgetRenderer(v).Objects() {
		if r, ok := o.(*canvas.Rectangle); ok && r.Visible() {
			switch r.Size().Height {
			case v.metrics.textH:
				bands[r.FillColor]++
			case underlineH:
				underlines[r.FillColor]++
			}
		}
	}
	if got := underlines[green]; got != underlineRows {
		t.Errorf("%d green underlines drawn for 10 identical highlights; want one a row, %d", got, underlineRows)
	}
	if got := bands[withAlpha(green, bandAlpha)]; got != maxSameBands {
		t.Errorf("%d green bands drawn for 10 identical highlights; want %d", got, maxSameBands)
	}
	if got := bands[withAlpha(red, bandAlpha)]; got != 1 {
		t.Errorf("%d red bands drawn; want 1", got)
	}
}

// Underlines of one colour on one row that overlap or touch are drawn as
// one rectangle spanning them; other colours and other rows stay apart.
func TestArticleViewUnderlinesMerged(t *testing.T) {
	v, _ := newTestView(t, "The minister said taxes would fall.", fyne.NewSize(600, 120))
	v.SetLineSpacing(2.2) // room for every underline row
	green := color.NRGBA{G: 0xa0, A: 0xff}
	red := color.NRGBA{R: 0xe5, A: 0xff}
	v.SetHighlights([]Highlight{
		{ID: 1, Start: 0, End: 3, Color: green},   // "The"
		{ID: 2, Start: 3, End: 12, Color: green},  // " minister", touching 1: one run
		{ID: 3, Start: 18, End: 23, Color: green}, // "taxes", apart
		{ID: 4, Start: 24, End: 29, Color: red},   // "would"
	})
	type run struct{ x0, x1 float32 }
	underlines, bands := map[color.Color][]run{}, map[color.Color][]run{}
	for _, o := range test.WidgetRenderer(v).Objects() {
		r, ok := o.(*canvas.Rectangle)
		if !ok || !r.Visible() {
			continue
		}
		x := run{r.Position().X, r.Position().X + r.Size().Width}
		switch r.Size().Height {
		case underlineH:
			underlines[r.FillColor] = append(underlines[r.FillColor], x)
		case v.metrics.textH:
			bands[r.FillColor] = append(bands[r.FillColor], x)
		}
	}
	gb := bands[withAlpha(green, bandAlpha)]
	if len(gb) != 3 {
		t.Fatalf("green bands %v; want 3", gb)
	}
	want := []run{{gb[0].x0, gb[1].x1}, gb[2]}
	if got := underlines[green]; !slices.Equal(got, want) {
		t.Errorf("green underlines %v; want %v: one under \"The minister\", one under \"taxes\"", got, want)
	}
	if got := underlines[red]; len(got) != 1 {
		t.Errorf("red underlines %v; want one", got)
	}
}

// Outlined highlights (suggestions) are drawn as borders without a band,
// beside filled ones; the selected one gets a thicker border and a faint
// band; one inside another is inset by its level.
func TestArticleViewOutlinedHighlightsMarkup(t *testing.T) {
	v, w := newTestView(t, "One two three four five six seven eight nine ten eleven twelve.", fyne.NewSize(260, 120))
	red := color.NRGBA{R: 0xe5, G: 0x39, B: 0x35, A: 0xff}
	blue := color.NRGBA{R: 0x1e, G: 0x88, B: 0xe5, A: 0xff}
	green := color.NRGBA{R: 0x43, G: 0xa0, B: 0x47, A: 0xff}
	v.SetHighlights([]Highlight{
		{ID: 1, Start: 0, End: 3, Color: red, Label: "annotation"},
		{ID: 2, Start: 4, End: 40, Color: red, Label: "suggested claim", Style: Outlined},
		{ID: 3, Start: 14, End: 18, Color: green, Label: "suggested entity", Style: Outlined},
		{ID: 4, Start: 56, End: 62, Color: blue, Label: "suggested source", Style: Outlined},
	})
	v.SetSelectedHighlight(4)
	test.AssertRendersToMarkup(t, "outlined.xml", w.Canvas())
	test.AssertRendersToImage(t, "outlined.png", w.Canvas())
}

// An outlined highlight draws no band until it is selected, and reports
// taps and hovers as a filled one does.
func TestArticleViewOutlinedHighlightTapAndHover(t *testing.T) {
	v, w := newTestView(t, "alpha beta gamma delta", fyne.NewSize(600, 200))
	red := color.NRGBA{R: 200, A: 255}
	v.SetHighlights([]Highlight{{ID: 7, Start: 6, End: 10, Color: red, Label: "seven", Style: Outlined}})
	bands := func() (n int) {
		for _, o := range test.WidgetRenderer(v).Objects() {
			if r, ok := o.(*canvas.Rectangle); ok && r.Visible() && r.FillColor != nil && toNRGBA(r.FillColor).A != 0 && r.Size().Height == v.metrics.textH {
				n++
			}
		}
		return n
	}
	if got := bands(); got != 0 {
		t.Errorf("%d bands drawn for an outlined highlight; want 0", got)
	}
	var tapped uint64
	var hovered []uint64
	v.OnHighlightTapped = func(id uint64) { tapped = id }
	v.OnHover = func(ids []uint64) { hovered = ids }
	m := v.metrics
	pos := fyne.NewPos(m.pad+v.textWidth("alpha be"), m.pad+m.textH/2)
	v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
	test.TapCanvas(w.Canvas(), pos)
	if tapped != 7 || !slices.Equal(hovered, []uint64{7}) {
		t.Errorf("tapped %d, hovered %v; want 7, [7]", tapped, hovered)
	}
	v.SetSelectedHighlight(7)
	if got := bands(); got != 1 {
		t.Errorf("%d bands drawn for the selected outlined highlight; want 1 (faint)", got)
	}
}

// variantTheme is Fyne's default theme held to one variant.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// The styles that tell layers apart (filled, dashed, dotted, bracketed)
// beside an outlined suggestion, one of them selected, drawn in the light
// and the dark variant of the default theme: each reads apart from the
// others and from the text in both.
func TestArticleViewLayerStylesGolden(t *testing.T) {
	for _, tc := range []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		t.Run(tc.name, func(t *testing.T) {
			v, w := newTestView(t, "One two three four five six seven eight nine ten eleven twelve thirteen.", fyne.NewSize(300, 130))
			fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), tc.variant})
			red := color.NRGBA{R: 0xe6, G: 0xa7, B: 0x00, A: 0xff}
			blue := color.NRGBA{R: 0x2f, G: 0x80, B: 0xed, A: 0xff}
			v.SetHighlights([]Highlight{
				{ID: 1, Start: 0, End: 7, Color: red, Label: "mine"},                         // "One two"
				{ID: 2, Start: 0, End: 7, Color: red, Label: "ben's", Style: Dashed},         // the same words, another layer
				{ID: 7, Start: 0, End: 7, Color: red, Label: "cy's", Style: Dotted},          // and a third over them
				{ID: 3, Start: 8, End: 18, Color: blue, Label: "cy's", Style: Dotted},        // "three four"
				{ID: 4, Start: 19, End: 27, Color: blue, Label: "curated", Style: Bracketed}, // "five six"
				{ID: 5, Start: 34, End: 44, Color: red, Label: "suggested", Style: Outlined}, // "eight nine"
				{ID: 6, Start: 45, End: 55, Color: blue, Label: "ben's", Style: Dashed},      // "ten eleven"
			})
			v.SetSelectedHighlight(6)
			test.AssertRendersToMarkup(t, "layers_"+tc.name+".xml", w.Canvas())
			test.AssertRendersToImage(t, "layers_"+tc.name+".png", w.Canvas())
		})
	}
}

// Each style draws something of its own: a dashed or dotted border is
// broken into pieces (more for dots), brackets are six bars, and none of
// them lays a band under the text unless selected.
func TestArticleViewLayerStylesPieces(t *testing.T) {
	count := func(style HighlightStyle, selected bool) (pieces, bands int) {
		v, _ := newTestView(t, "alpha beta gamma delta epsilon", fyne.NewSize(600, 100))
		v.SetHighlights([]Highlight{{ID: 1, Start: 6, End: 16, Color: color.NRGBA{B: 200, A: 255}, Style: style}})
		if selected {
			v.SetSelectedHighlight(1)
		}
		for _, o := range test.WidgetRenderer(v).Objects() {
			r, ok := o.(*canvas.Rectangle)
			if !ok || !r.Visible() {
				continue
			}
			switch c := toNRGBA(r.FillColor); {
			case c.A == 0xFF:
				pieces++
			case c.A != 0:
				bands++
			}
		}
		return pieces, bands
	}
	dashed, _ := count(Dashed, false)
	dotted, _ := count(Dotted, false)
	bracketed, _ := count(Bracketed, false)
	if dashed < 8 || dotted <= dashed || bracketed != 6 {
		t.Errorf("pieces: dashed %d, dotted %d, bracketed %d; want dashed broken (8 or more), dotted more, bracketed 6", dashed, dotted, bracketed)
	}
	for _, s := range []HighlightStyle{Dashed, Dotted, Bracketed} {
		if _, bands := count(s, false); bands != 0 {
			t.Errorf("%s: %d bands unselected; want none", s, bands)
		}
		if _, bands := count(s, true); bands != 1 {
			t.Errorf("%s: %d bands selected; want one, faint", s, bands)
		}
	}
}

// TestArticleViewSelectionHasNoSpaceAtItsEnds: what the view shows and
// counts as selected is what a tag stores, so white space at either end of
// a selection (the space that ends a wrapped line, a space typed past with
// Shift+Right) is never part of it (issue 23: a drag from the end of a
// wrapped line counted 16 characters, 15 were stored).
func TestArticleViewSelectionHasNoSpaceAtItsEnds(t *testing.T) {
	text := "alpha beta gamma delta epsilon zeta"
	v, w := newTestView(t, text, fyne.NewSize(130, 200))
	if v.lines.total < 2 {
		t.Fatalf("the text should wrap at this width: %d lines", v.lines.total)
	}
	_, _, end1 := v.lineBounds(0)
	var got Range
	v.OnSelect = func(s, e int) { got = Range{s, e} }
	m := v.metrics
	// From inside the first word of the second line back to the first
	// line's trailing space (its left half: the offset before the space).
	y0, y1 := v.lineY(0)+m.textTop+m.textH/2, v.lineY(1)+m.textTop+m.textH/2
	from := fyne.NewPos(v.left()+v.textWidth(string(v.runes[end1:end1+3])), y1)
	to := fyne.NewPos(v.left()+v.lineX(0, 0, end1-1)+1, y0)
	test.Drag(w.Canvas(), from, to.X-from.X, to.Y-from.Y)
	s, e, sel := v.Selection()
	if sel != strings.TrimSpace(sel) || sel == "" {
		t.Errorf("drag from the end of a wrapped line selected %q; want no white space at its ends", sel)
	}
	if got != (Range{s, e}) || e-s != len([]rune(sel)) {
		t.Errorf("OnSelect reported %v, the selection is [%d,%d) %q: the count must be what is selected", got, s, e, sel)
	}

	tests := []struct {
		start, end int
		want       Range
	}{
		{5, 10, Range{6, 10}},   // " beta"
		{6, 11, Range{6, 10}},   // "beta "
		{4, 12, Range{4, 12}},   // "a beta g": inside words, exact
		{10, 11, Range{0, 0}},   // " ": nothing
		{10, 17, Range{11, 16}}, // " gamma "
	}
	for _, tt := range tests {
		v.SetSelection(tt.start, tt.end)
		if got != tt.want {
			t.Errorf("SetSelection(%d, %d) reported %v; want %v", tt.start, tt.end, got, tt.want)
		}
	}

	// Shift+Right over a space goes on to the next word (the trimmed end
	// does not hold the caret back).
	v.SetSelection(0, 5)
	v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	for range 3 {
		v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if _, _, sel := v.Selection(); sel != "alpha be" {
		t.Errorf("Shift+Right three times from \"alpha\" selected %q; want \"alpha be\"", sel)
	}
}

func TestArticleViewTextBoxAndScrollToY(t *testing.T) {
	v, _ := newTestView(t, "The quick brown fox", fyne.NewSize(600, 200))
	m := v.metrics
	pos, size, ok := v.TextBox(4, 9)
	if want := fyne.NewPos(v.left()+v.textWidth("The "), v.lineY(0)+m.textTop); !ok || pos != want || size.Width != v.textWidth("quick") {
		t.Errorf("TextBox(4, 9) = %v %v %v; want %v, width %v, true", pos, size, ok, want, v.textWidth("quick"))
	}
	if _, _, ok := v.TextBox(4, 4); ok {
		t.Error("TextBox of an empty range: ok; want not")
	}

	text := strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n", 200)
	v, _ = newTestView(t, text, fyne.NewSize(400, 300))
	m = v.metrics
	off := len([]rune(text)) / 2
	for _, y := range []float32{m.pad, 100, 250} {
		v.ScrollToY(off, y)
		pos, _, ok := v.TextBox(off, off+1)
		if !ok || pos.Y > y || pos.Y+m.pitch <= y {
			t.Errorf("ScrollToY(%d, %v): the line is drawn at y %v (on screen %v); want the line holding y", off, y, pos.Y, ok)
		}
	}
}

// The wheel scrolls by the pixels it moved, a line partly out of view at
// the top; the keys scroll by whole lines, and Up first shows the cut
// line whole.
func TestArticleViewScrollsByPixelsAndLines(t *testing.T) {
	text := strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n", 50)
	v, _ := newTestView(t, text, fyne.NewSize(400, 300))
	v.refineAll() // line counts exact, so that the last page stays put
	pitch := v.metrics.pitch
	type pos struct {
		top int
		px  float32
	}
	steps := []struct {
		name string
		do   func()
		want pos
	}{
		{"wheel 5 px down", func() { v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -5}}) }, pos{0, 5}},
		{"wheel a line and 5 px more", func() { v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -pitch}}) }, pos{1, 5}},
		{"Up shows the cut line whole", func() { v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp}) }, pos{1, 0}},
		{"Down a line", func() { v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) }, pos{2, 0}},
		{"Page Down a page less a line", func() { v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown}) }, pos{2 + v.pageLines() - 1, 0}},
		{"wheel up past the top stops there", func() { v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: 100 * pitch}}) }, pos{0, 0}},
		{"End: the last page, whole lines", func() { v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd}) }, pos{v.maxTop(), 0}},
		{"wheel down past the end stops there", func() { v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -7}}) }, pos{v.maxTop(), 0}},
	}
	for _, s := range steps {
		s.do()
		if got := (pos{v.top, v.topPx}); got != s.want {
			t.Errorf("%s: top, px got %v; want %v", s.name, got, s.want)
		}
	}
	// A tap reads the line under the pointer with the pixels scrolled.
	v.setTop(0)
	v.scrollBy(pitch / 2)
	if got := v.lineAt(v.metrics.pad + pitch/2 + 1); got != 1 {
		t.Errorf("line at the second line's top after half a line scrolled got %d; want 1", got)
	}
}
