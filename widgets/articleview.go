package widgets

import (
	"image/color"
	"math"
	"slices"
	"sort"
	"strconv"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Highlight is one coloured range of the text, in code points [Start, End).
type Highlight struct {
	ID         uint64
	Start, End int
	Color      color.Color // base colour; the widget derives translucent fills itself
	Label      string      // shown on hover (status/tooltip)
	Style      HighlightStyle
}

// HighlightStyle says how a highlight is drawn.
type HighlightStyle uint8

// The highlight styles. Both report taps and hovers alike.
const (
	// Filled: a translucent band of the colour under the text and an
	// underline on the highlight's stacking row (what is settled: an
	// annotation).
	Filled HighlightStyle = iota
	// Outlined: a thin border of the colour around the text and no fill
	// (what waits for a decision: a suggestion). Selected, the border is
	// thicker and a faint band appears under the text.
	Outlined
	// Dashed, Dotted and Bracketed tell apart highlights of other origins
	// shown beside the filled ones (other annotators' layers): a dashed
	// border, a dotted border, and brackets at the ends of each piece,
	// each in the colour with no fill. Selected, like Outlined: thicker,
	// over a faint band.
	Dashed
	Dotted
	Bracketed
)

// Styles lists the styles in order, Filled first.
func Styles() []HighlightStyle { return []HighlightStyle{Filled, Outlined, Dashed, Dotted, Bracketed} }

// String names the style, for a legend.
func (s HighlightStyle) String() string {
	switch s {
	case Filled:
		return "filled"
	case Outlined:
		return "outlined"
	case Dashed:
		return "dashed"
	case Dotted:
		return "dotted"
	case Bracketed:
		return "bracketed"
	}
	return "style " + strconv.Itoa(int(s))
}

// Range is a range of the text in code points, [Start, End).
type Range struct{ Start, End int }

// ArticleView shows a long text wrapped to its width, with highlights, search
// matches and a mouse or keyboard selection. It scrolls itself and creates
// canvas objects only for the lines on screen; paragraphs are measured and
// wrapped lazily, those on screen first and the rest in the background.
type ArticleView struct {
	widget.BaseWidget

	OnSelect          func(start, end int) // selection changed (start==end: cleared)
	OnHighlightTapped func(id uint64)
	// OnSecondaryTap reports a secondary tap at offset with the highlights
	// there; pos is absolute, for a context menu.
	OnSecondaryTap func(offset int, ids []uint64, pos fyne.Position)
	OnHover        func(ids []uint64)      // highlights under the pointer (nil when none)
	OnTypedRune    func(r rune)            // runes the view does not use itself
	OnTypedKey     func(ev *fyne.KeyEvent) // keys the view does not use itself
	// CaptureTab, while it returns true, makes Tab and Shift+Tab keys of
	// the view (to OnTypedKey) instead of moving the focus to the next or
	// previous widget; nil: never.
	CaptureTab func() bool
	// OnLinkSelected reports the link whose connector was tapped, or 0
	// when a tap elsewhere cleared the link selected (links.go).
	OnLinkSelected func(id uint64)

	text  string
	runes []rune
	paras []para
	lines *lineTree

	metrics      metrics
	wrapW        float32            // width lines are wrapped to; 0 before the first layout
	widthCache   map[string]float32 // token widths at metrics.size
	bidi         *bidiSplitter      // made for bidiFont when a line first needs it
	bidiFont     fyne.Resource
	rtlCache     map[[2]int][][2]int // bidi.rtlRuns of the text's lines with right-to-left text, by [start, end)
	keyBuf       []byte              // tokenWidth's lookup key
	size         fyne.Size
	top          int     // first line on screen, partly or wholly
	topPx        float32 // pixels of line top scrolled out above: the wheel scrolls by pixels, keys by lines
	scrollTarget int     // offset+1 to bring into view after the first layout; 0: none
	zoom         float32
	spacing      float32 // line pitch as a multiple of the text size
	measure      int     // most characters a line holds; 0: the view's width
	wordSnap     bool

	// background refinement of estimated paragraphs
	layoutGen int
	schedule  func(step func() bool) // runs step until it returns false; nil: never
	pending   bool

	highlights []Highlight
	spans      []span // highlights sorted by start, with stacking levels
	selectedID uint64
	links      linkState // connectors between highlights (links.go)
	matches    []Range
	current    int

	sel selection

	focused   bool
	shiftDown bool
	barDrag   bool
	barGrab   float32       // pointer offset inside the thumb when dragging the bar
	dragPos   fyne.Position // pointer during a drag without a MouseDown
	hoverIDs  []uint64
	hoverPos  fyne.Position
	lastTap   struct {
		ids []uint64
		idx int
	}
}

var (
	_ fyne.Widget            = (*ArticleView)(nil)
	_ fyne.Focusable         = (*ArticleView)(nil)
	_ fyne.Draggable         = (*ArticleView)(nil)
	_ fyne.Tappable          = (*ArticleView)(nil)
	_ fyne.DoubleTappable    = (*ArticleView)(nil)
	_ fyne.SecondaryTappable = (*ArticleView)(nil)
	_ fyne.Shortcutable      = (*ArticleView)(nil)
	_ fyne.Scrollable        = (*ArticleView)(nil)
	_ fyne.Tabbable          = (*ArticleView)(nil)
)

// para is one paragraph of the text (a line ending in '\n' or the end).
type para struct {
	start, end int       // offsets in the text; end excludes the newline
	toks       []token   // nil until measured
	widths     []float32 // width of each token at metrics.size
	lines      []int32   // line starts relative to start; nil until wrapped
	wrapW      float32   // the width lines were wrapped to
}

// metrics are the text measures the layout depends on.
type metrics struct {
	size    float32 // text size
	spacing float32 // the line spacing they were computed for
	textH   float32 // height of one line of text
	lineGeometry
	ascent float32
	avgW   float32 // average character width, for estimates and the measure
	pad    float32
	barW   float32
}

// selection holds the mouse or keyboard selection.
type selection struct {
	anchor, caret int  // raw ends as the user set them
	precise       bool // no word snapping for this selection
	start, end    int  // the selection as shown and reported
	reported      Range
	mouse         bool // a mouse selection is in progress
	sawDown       bool // the mouse went down before the current tap/drag
}

// NewArticleView returns an empty article view.
func NewArticleView() *ArticleView {
	v := &ArticleView{zoom: 1, spacing: DefaultLineSpacing, wordSnap: true, current: -1, widthCache: map[string]float32{}}
	v.schedule = scheduleInBackground
	v.ExtendBaseWidget(v)
	v.SetText("")
	return v
}

// scheduleInBackground runs step once a frame, on the goroutine that
// draws (as an animation: the driver ticks animations just before it
// paints), until step reports it is done, so that it never runs alongside
// the widget's other methods. A tick that arrives while Start is still
// running is skipped: Fyne's test driver ticks a started animation once,
// at once, inside the caller; there the rest is wrapped on demand.
func scheduleInBackground(step func() bool) {
	started := false
	var a *fyne.Animation
	a = &fyne.Animation{
		Duration:    time.Second,
		RepeatCount: fyne.AnimationRepeatForever,
		Tick: func(float32) {
			if started && !step() {
				a.Stop()
			}
		},
	}
	a.Start()
	started = true
}

// CreateRenderer is part of fyne.Widget.
func (v *ArticleView) CreateRenderer() fyne.WidgetRenderer {
	return newArticleRenderer(v)
}

// MinSize keeps the view usable but lets the layout make it any size.
func (v *ArticleView) MinSize() fyne.Size {
	return fyne.NewSize(100, 60)
}

// SetText replaces the text. It clears the selection, the highlights and
// the search matches, and scrolls to the top.
func (v *ArticleView) SetText(text string) {
	v.text = text
	v.runes = []rune(text)
	starts, ends := paragraphs(v.runes)
	v.paras = make([]para, len(starts))
	for i := range starts {
		v.paras[i] = para{start: starts[i], end: ends[i]}
	}
	v.highlights, v.spans, v.selectedID = nil, nil, 0
	v.matches, v.current = nil, -1
	v.top, v.topPx = 0, 0
	v.hoverIDs = nil
	clear(v.rtlCache)
	hadSelection := v.sel.start != v.sel.end
	v.sel = selection{}
	v.lines = nil
	v.layoutGen++
	if v.wrapW > 0 {
		v.relayout(v.wrapW)
	}
	v.Refresh()
	if hadSelection && v.OnSelect != nil {
		v.OnSelect(0, 0)
	}
}

// Text returns the text shown.
func (v *ArticleView) Text() string { return v.text }

// SetHighlights replaces all highlights.
func (v *ArticleView) SetHighlights(hs []Highlight) {
	v.highlights = append([]Highlight(nil), hs...)
	v.rebuildSpans()
	v.Refresh()
}

// AddHighlight adds one highlight, or replaces the one with the same ID.
func (v *ArticleView) AddHighlight(h Highlight) {
	for i := range v.highlights {
		if v.highlights[i].ID == h.ID {
			v.highlights[i] = h
			v.rebuildSpans()
			v.Refresh()
			return
		}
	}
	v.highlights = append(v.highlights, h)
	v.rebuildSpans()
	v.Refresh()
}

// RemoveHighlight removes every highlight with the given ID (an annotation
// of several spans has one highlight each), if any.
func (v *ArticleView) RemoveHighlight(id uint64) {
	v.ReplaceHighlights([]uint64{id}, nil)
}

// ReplaceHighlights removes every highlight whose ID is in ids, then adds
// hs, with one re-sort and one refresh: what an edit changes, without
// resetting the others as SetHighlights does.
func (v *ArticleView) ReplaceHighlights(ids []uint64, hs []Highlight) {
	kept := v.highlights[:0]
	removed := 0
	for _, h := range v.highlights {
		if slices.Contains(ids, h.ID) {
			removed++
			continue
		}
		kept = append(kept, h)
	}
	clear(v.highlights[len(kept):])
	v.highlights = append(kept, hs...)
	if removed == 0 && len(hs) == 0 {
		return
	}
	v.rebuildSpans()
	v.Refresh()
}

// Highlights returns a copy of the highlights shown.
func (v *ArticleView) Highlights() []Highlight {
	return append([]Highlight(nil), v.highlights...)
}

// SetSelectedHighlight marks one highlight as selected (0 for none); it is
// drawn with an outline and a stronger fill.
func (v *ArticleView) SetSelectedHighlight(id uint64) {
	v.selectedID = id
	v.Refresh()
}

// rebuildSpans sorts the highlights and gives overlapping ones distinct
// stacking levels.
func (v *ArticleView) rebuildSpans() {
	n := len(v.runes)
	spans := v.spans[:0]
	for i, h := range v.highlights {
		s, e := clamp(h.Start, 0, n), clamp(h.End, 0, n)
		if e <= s {
			continue
		}
		spans = append(spans, span{start: s, end: e, index: i})
	}
	sortSpans(spans)
	assignLevels(spans)
	v.spans = spans
	v.links.ends = nil // the links' ends move with the highlights
}

// Selection returns the selection in code points and its text.
func (v *ArticleView) Selection() (start, end int, text string) {
	return v.sel.start, v.sel.end, string(v.runes[v.sel.start:v.sel.end])
}

// SetSelection selects [start, end) exactly (no word snapping) and fires
// OnSelect.
func (v *ArticleView) SetSelection(start, end int) {
	n := len(v.runes)
	start, end = clamp(start, 0, n), clamp(end, 0, n)
	if start > end {
		start, end = end, start
	}
	v.sel.anchor, v.sel.caret, v.sel.precise = start, end, true
	v.updateSelection()
	v.reportSelection(true)
}

// ClearSelection removes the selection and fires OnSelect if there was one.
func (v *ArticleView) ClearSelection() {
	v.sel.anchor = v.sel.caret
	v.updateSelection()
	v.reportSelection(false)
}

// updateSelection derives the shown selection from anchor and caret:
// snapped to words (unless precise), then without the white space at its
// ends, so that what is shown and counted is what a tag stores (the space
// that ends a wrapped line is not seen, and not selected).
func (v *ArticleView) updateSelection() {
	s, e := v.sel.anchor, v.sel.caret
	if s > e {
		s, e = e, s
	}
	if v.wordSnap && !v.sel.precise {
		s, e = snapToWords(v.runes, s, e)
	}
	v.sel.start, v.sel.end = trimSpace(v.runes, s, e)
	v.Refresh()
}

// reportSelection fires OnSelect when the selection differs from the last
// one reported, or always when force is set.
func (v *ArticleView) reportSelection(force bool) {
	r := Range{v.sel.start, v.sel.end}
	if r.Start == r.End {
		r = Range{}
	}
	if r == v.sel.reported && !force {
		return
	}
	v.sel.reported = r
	if v.OnSelect != nil {
		v.OnSelect(r.Start, r.End)
	}
}

// ScrollTo scrolls so that offset is on screen, about a third from the top.
func (v *ArticleView) ScrollTo(offset int) {
	if v.lines == nil || v.size.Height <= 0 {
		v.pendingScroll(offset)
		return
	}
	v.scrollTo(offset)
	v.Refresh()
}

// scrollTo moves the top line so that offset is about a third from the
// top, without refreshing: the renderer's Layout calls it for a scroll
// asked for before the first layout, and Layout must only place objects.
func (v *ArticleView) scrollTo(offset int) { v.scrollToRow(offset, v.pageLines()/3) }

// scrollToRow moves the top line so that offset's line is the row-th on
// screen, as near as the text allows.
func (v *ArticleView) scrollToRow(offset, row int) {
	// Wrapping the paragraphs that come on screen may move the line: a
	// few rounds settle it (each wraps what the last brought in).
	for range 4 {
		top := v.top
		v.setTop(v.lineOf(offset) - row)
		v.prepareVisible()
		if v.top == top {
			break
		}
	}
	v.setTop(v.lineOf(offset) - row)
}

// ScrollToY scrolls so that the line holding offset is drawn at y (from
// the view's top), as near as the text allows: a dialog over the view can
// then leave it in sight. Before the first layout it is ScrollTo.
func (v *ArticleView) ScrollToY(offset int, y float32) {
	if v.lines == nil || v.size.Height <= 0 || v.metrics.pitch <= 0 {
		v.pendingScroll(offset)
		return
	}
	row := int((y - v.metrics.pad) / v.metrics.pitch)
	v.scrollToRow(offset, clamp(row, 0, v.pageLines()-1))
	v.Refresh()
}

// VisibleRange returns the offsets of the text on screen: from the start
// of the first line shown to the end of the last.
func (v *ArticleView) VisibleRange() (start, end int) {
	if v.lines == nil || v.lines.total == 0 {
		return 0, 0
	}
	last := min(v.top+v.pageLines(), v.lines.total) - 1
	_, start, _ = v.lineBounds(v.top)
	_, _, end = v.lineBounds(last)
	return start, end
}

// TextBox returns where the text [start, end) is drawn, relative to the
// view: the box from start to end, or to the end of start's line when the
// range goes on to the next; ok is false when start's line is not on
// screen. Right-to-left runs are taken as drawn left to right.
func (v *ArticleView) TextBox(start, end int) (pos fyne.Position, size fyne.Size, ok bool) {
	if v.lines == nil || start < 0 || start >= end || end > len(v.runes) {
		return pos, size, false
	}
	k := v.lineOf(start)
	if k < v.top || k >= v.top+v.pageLines() {
		return pos, size, false
	}
	pi, ls, le := v.lineBounds(k)
	end = min(end, le)
	x0, x1 := v.lineX(pi, ls, start), v.lineX(pi, ls, end)
	return fyne.NewPos(v.left()+x0, v.lineY(k)+v.metrics.textTop), fyne.NewSize(x1-x0, v.metrics.textH), true
}

// pendingScroll remembers a scroll request made before the first layout.
func (v *ArticleView) pendingScroll(offset int) {
	v.scrollTarget = offset + 1
}

// SetMatches shows search matches; current (an index into ms, or -1) is drawn
// stronger.
func (v *ArticleView) SetMatches(ms []Range, current int) {
	v.matches = append([]Range(nil), ms...)
	sort.Slice(v.matches, func(i, j int) bool { return v.matches[i].Start < v.matches[j].Start })
	v.current = -1
	if current >= 0 && current < len(ms) {
		cur := ms[current]
		v.current = sort.Search(len(v.matches), func(i int) bool { return v.matches[i].Start >= cur.Start })
	}
	v.Refresh()
}

// SetWordSnap turns snapping of mouse selections to whole words on or off.
func (v *ArticleView) SetWordSnap(on bool) {
	v.wordSnap = on
}

// SetZoom sets the text size to the theme's text size times factor.
func (v *ArticleView) SetZoom(factor float32) {
	if factor <= 0 {
		factor = 1
	}
	v.zoom = factor
	v.Refresh()
}

// Zoom returns the zoom factor.
func (v *ArticleView) Zoom() float32 { return v.zoom }

// The reading defaults, closer to a book page than to a form: lines
// 1.5 times the text size apart, and at most 75 characters long (the
// measure typographers give for continuous reading is 45 to 80).
const (
	DefaultLineSpacing = 1.5
	DefaultMeasure     = 75
)

// SetLineSpacing sets the distance from one line to the next as a
// multiple of the text size (1.5: a line and a half). The lines never
// come closer than the text's height and one underline; 0 or less
// means DefaultLineSpacing.
func (v *ArticleView) SetLineSpacing(factor float32) {
	if factor <= 0 {
		factor = DefaultLineSpacing
	}
	v.spacing = factor
	v.Refresh()
}

// LineSpacing returns the line spacing factor.
func (v *ArticleView) LineSpacing() float32 { return v.spacing }

// SetMeasure sets the most characters (of average width) a line holds:
// a wider view centres a column of that width. 0 or less: lines as wide
// as the view.
func (v *ArticleView) SetMeasure(chars int) {
	v.measure = max(chars, 0)
	v.Refresh()
}

// Measure returns the most characters a line holds (0: no limit).
func (v *ArticleView) Measure() int { return v.measure }

// ensureMetrics recomputes the text measures when the theme or zoom changed
// them, and reports whether they changed.
func (v *ArticleView) ensureMetrics() bool {
	th := v.Theme()
	size := th.Size(theme.SizeNameText) * v.zoom
	if size == v.metrics.size {
		if v.spacing != v.metrics.spacing {
			v.metrics.spacing = v.spacing
			v.metrics.lineGeometry = lineLayout(size, v.metrics.textH, v.spacing, 0)
			return true
		}
		return false
	}
	m := fyne.MeasureText("Mg", size, fyne.TextStyle{})
	sample := "The quick brown fox jumps over the lazy dog, 1234567890."
	sw := fyne.MeasureText(sample, size, fyne.TextStyle{}).Width
	v.metrics = metrics{
		size:    size,
		spacing: v.spacing,
		textH:   float32(math.Ceil(float64(m.Height))),
		avgW:    sw / float32(len(sample)),
		pad:     th.Size(theme.SizeNamePadding) * 2,
		barW:    th.Size(theme.SizeNameScrollBar),
	}
	v.metrics.lineGeometry = lineLayout(size, v.metrics.textH, v.spacing, 0)
	clear(v.widthCache)
	for i := range v.paras {
		v.paras[i].toks, v.paras[i].widths, v.paras[i].lines = nil, nil, nil
	}
	return true
}

// bidiSplitter returns the splitter for the theme's regular font, made the
// first time a line with right-to-left text is drawn or hit (an article
// without any never reads the font again).
func (v *ArticleView) bidiSplitter() *bidiSplitter {
	if res := v.Theme().Font(fyne.TextStyle{}); res != v.bidiFont {
		v.bidi, v.bidiFont = nil, res
		clear(v.rtlCache)
	}
	if v.bidi == nil && v.bidiFont != nil {
		v.bidi = newBidiSplitter(v.bidiFont)
	}
	return v.bidi
}

// Stacked underline geometry: overlapping highlights get rows below the
// text, as many as the line spacing leaves room for (lineLayout).
const (
	underlineRows = 3
	underlineStep = 3
	underlineH    = 2
	underlineGap  = 1 // between the text's box and the first row
)

// textWidth measures s at the current text size (Fyne caches the result).
func (v *ArticleView) textWidth(s string) float32 {
	if s == "" {
		return 0
	}
	return fyne.MeasureText(s, v.metrics.size, fyne.TextStyle{}).Width
}

// tokenWidth measures a token, cached per distinct string. The token is
// encoded into a reused buffer, so that a width already cached costs no
// allocation (wrapping a 1 MB article looks up about 300,000).
func (v *ArticleView) tokenWidth(rs []rune) float32 {
	v.keyBuf = v.keyBuf[:0]
	for _, r := range rs {
		v.keyBuf = utf8.AppendRune(v.keyBuf, r)
	}
	if w, ok := v.widthCache[string(v.keyBuf)]; ok {
		return w
	}
	s := string(v.keyBuf)
	w := v.textWidth(s)
	v.widthCache[s] = w
	return w
}

// wrapWidth is the width lines wrap to in a widget width: the room
// between the paddings and the scroll bar, or the measure if narrower.
func (v *ArticleView) wrapWidth(w float32) float32 {
	return columnWidth(w-2*v.metrics.pad-v.metrics.barW, v.measure, v.metrics.avgW)
}

// left is the x of the text column: the padding, and half of the room
// the measure leaves.
func (v *ArticleView) left() float32 {
	room := v.size.Width - 2*v.metrics.pad - v.metrics.barW
	return v.metrics.pad + max(room-v.wrapW, 0)/2
}

// relayout wraps to a new width: paragraphs already measured are re-wrapped
// at once (cheap), the others estimated and refined later. The line at the
// top of the screen stays at the top.
func (v *ArticleView) relayout(width float32) {
	topOffset := -1
	if v.lines != nil && v.top > 0 {
		topOffset = v.offsetOfLine(v.top)
	}
	v.wrapW = width
	v.layoutGen++
	counts := make([]int, len(v.paras))
	for i := range v.paras {
		p := &v.paras[i]
		if p.toks != nil {
			v.wrapPara(p)
			counts[i] = len(p.lines)
			continue
		}
		counts[i] = v.estimate(p)
	}
	v.lines = newLineTree(counts)
	if topOffset >= 0 {
		v.top = v.lineOf(topOffset)
	}
	v.startRefining()
}

// estimate guesses the number of lines of an unmeasured paragraph.
func (v *ArticleView) estimate(p *para) int {
	w := float32(p.end-p.start) * v.metrics.avgW
	return max(1, int(math.Ceil(float64(w/v.wrapW))))
}

// wrapPara measures (if needed) and wraps a paragraph to the current width.
func (v *ArticleView) wrapPara(p *para) {
	text := v.runes[p.start:p.end]
	if p.toks == nil {
		p.toks = tokenize(text)
		p.widths = make([]float32, len(p.toks))
		start := int32(0)
		for i, t := range p.toks {
			if t.kind() != tokTab {
				p.widths[i] = v.tokenWidth(text[start:t.end()])
			}
			start = t.end()
		}
	}
	p.lines = wrap(text, p.toks, p.widths, v.wrapW, v.tokenWidth)
	p.wrapW = v.wrapW
}

// ensureWrapped wraps paragraph i if needed and updates the line counts.
// When the paragraph lies wholly above the top of the screen, the scroll
// position moves with it so the screen does not jump.
func (v *ArticleView) ensureWrapped(i int) bool {
	p := &v.paras[i]
	if p.lines != nil && p.wrapW == v.wrapW {
		return false
	}
	v.wrapPara(p)
	old := v.lines.counts[i]
	if d := len(p.lines) - old; d != 0 {
		if v.lines.before(i)+old <= v.top {
			v.top += d
		}
		v.lines.set(i, len(p.lines))
	}
	return true
}

// prepareVisible wraps every paragraph that has a line on screen.
func (v *ArticleView) prepareVisible() {
	if v.lines == nil {
		return
	}
	for range 8 {
		changed := false
		first, last := v.visibleLines()
		p0, _ := v.lines.find(first)
		p1, _ := v.lines.find(last)
		for p := p0; p <= p1; p++ {
			if v.ensureWrapped(p) {
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// visibleLines returns the first and last line (inclusive) on screen.
func (v *ArticleView) visibleLines() (first, last int) {
	first = clamp(v.top, 0, v.lines.total-1)
	// The lines that fit without room for arcs (and a line partly shown
	// at the bottom): layoutLinks then drops those the room pushes off.
	last = v.lines.total - 1
	if m := v.metrics; m.pitch > 0 {
		last = min(v.top+int(math.Floor(float64((v.size.Height-m.pad+v.topPx)/m.pitch))), last)
	}
	return first, max(first, last)
}

// startRefining measures the paragraphs still estimated, a few
// milliseconds at a time, through the scheduler.
func (v *ArticleView) startRefining() {
	if v.schedule == nil || v.pending {
		return
	}
	v.pending = true
	gen := v.layoutGen
	next := 0
	v.schedule(func() bool {
		if gen != v.layoutGen {
			v.pending = false
			if v.lines != nil {
				v.startRefining()
			}
			return false
		}
		deadline := time.Now().Add(4 * time.Millisecond)
		moved := false
		for next < len(v.paras) && time.Now().Before(deadline) {
			for n := 0; n < 16 && next < len(v.paras); n++ {
				if v.ensureWrapped(next) {
					moved = true
				}
				next++
			}
		}
		if moved {
			v.Refresh()
		}
		if next < len(v.paras) {
			return true
		}
		v.pending = false
		return false
	})
}

// refineAll wraps every paragraph now (used by tests and benchmarks).
func (v *ArticleView) refineAll() {
	for i := range v.paras {
		v.ensureWrapped(i)
	}
}

// paraOf returns the paragraph holding offset off.
func (v *ArticleView) paraOf(off int) int {
	i := sort.Search(len(v.paras), func(i int) bool { return v.paras[i].start > off })
	return max(i-1, 0)
}

// lineOf returns the global line holding offset off, wrapping its paragraph.
func (v *ArticleView) lineOf(off int) int {
	i := v.paraOf(clamp(off, 0, len(v.runes)))
	v.ensureWrapped(i)
	p := &v.paras[i]
	return v.lines.before(i) + lineIndex(p.lines, off-p.start)
}

// offsetOfLine returns the first offset of global line k, without wrapping.
func (v *ArticleView) offsetOfLine(k int) int {
	i, l := v.lines.find(k)
	p := &v.paras[i]
	if p.lines == nil || p.wrapW != v.wrapW {
		n := max(v.lines.counts[i], 1)
		return p.start + (p.end-p.start)*l/n
	}
	return p.start + int(p.lines[min(l, len(p.lines)-1)])
}

// lineBounds returns the paragraph of global line k and the line's
// offsets, wrapping the paragraph if needed.
func (v *ArticleView) lineBounds(k int) (pi, start, end int) {
	pi, l := v.lines.find(k)
	p := &v.paras[pi]
	// Wrapping a paragraph changes its line count, so line k may then
	// fall in another paragraph, not yet wrapped either.
	for p.lines == nil || p.wrapW != v.wrapW {
		v.ensureWrapped(pi)
		pi, l = v.lines.find(k)
		p = &v.paras[pi]
	}
	l = min(l, len(p.lines)-1)
	start = p.start + int(p.lines[l])
	end = p.end
	if l+1 < len(p.lines) {
		end = p.start + int(p.lines[l+1])
	}
	return pi, start, end
}

// pageLines is the number of whole lines that fit on screen.
func (v *ArticleView) pageLines() int {
	if v.metrics.pitch <= 0 {
		return 1
	}
	return max(int((v.size.Height-2*v.metrics.pad)/v.metrics.pitch), 1)
}

// maxTop is the largest useful first line.
func (v *ArticleView) maxTop() int {
	if v.lines == nil {
		return 0
	}
	return max(v.lines.total-v.pageLines()+v.links.hidden, 0)
}

// setTop scrolls to a first line, clamped to the text, wholly shown.
func (v *ArticleView) setTop(k int) {
	v.top, v.topPx = clamp(k, 0, v.maxTop()), 0
}

// scrollBy scrolls by d pixels (down when positive), keeping the
// position within the text.
func (v *ArticleView) scrollBy(d float32) {
	p := v.metrics.pitch
	if p <= 0 {
		return
	}
	px := v.topPx + d
	lines := int(math.Floor(float64(px / p)))
	v.top += lines
	v.topPx = px - float32(lines)*p
	v.clampTop()
}

// clampTop keeps the scroll position within the text: not above the
// first line, not past the last page.
func (v *ArticleView) clampTop() {
	switch m := v.maxTop(); {
	case v.top < 0:
		v.top, v.topPx = 0, 0
	case v.top >= m:
		v.top, v.topPx = m, 0
	}
}

// lineAtY returns the global line at a y position of the widget.
func (v *ArticleView) lineAtY(y float32) int {
	return clamp(v.lineAt(y), 0, v.lines.total-1)
}

// lineAt returns the global line at a y position of the widget, unclamped:
// a line's band is the room above it for arcs (roomAbove, none in most
// views) and its pitch; the pixels scrolled past the top line count.
func (v *ArticleView) lineAt(y float32) int {
	m := v.metrics
	if m.pitch <= 0 {
		return v.top
	}
	y += v.topPx
	if y < m.pad || !v.hasRoom() {
		return v.top + int(math.Floor(float64((y-m.pad)/m.pitch)))
	}
	k := v.top
	for bottom := m.pad + v.roomAbove(k) + m.pitch; y >= bottom && k < v.top+maxLinesOnScreen; bottom += v.roomAbove(k) + m.pitch {
		k++
	}
	return k
}

// maxLinesOnScreen bounds lineAt's walk down the screen.
const maxLinesOnScreen = 10000

// lineY returns the top of global line k's band (its text box starts
// textTop below), k at or below the top line: the lines above it, the
// pixels scrolled past the top line, and the room above each line down to
// k's own (roomAbove, where arcs are drawn).
func (v *ArticleView) lineY(k int) float32 {
	m := v.metrics
	y := m.pad + float32(k-v.top)*m.pitch - v.topPx
	if v.hasRoom() {
		for j := v.top; j <= k; j++ {
			y += v.roomAbove(j)
		}
	}
	return y
}

// textY returns the top of line k's text box.
func (v *ArticleView) textY(k int) float32 { return v.lineY(k) + v.metrics.textTop }

// lineX returns the x of offset off on the line starting at lineStart in
// paragraph pi (which must be wrapped), relative to the line's start. It adds
// up the cached token widths, measuring only a partial token, so it agrees
// with the wrapping and costs no shaping for offsets between tokens.
func (v *ArticleView) lineX(pi, lineStart, off int) float32 {
	p := &v.paras[pi]
	text := v.runes[p.start:p.end]
	ls, o := lineStart-p.start, min(off-p.start, len(text))
	i := sort.Search(len(p.toks), func(i int) bool { return int(p.toks[i].end()) > ls })
	x := float32(0)
	from := ls
	for ; i < len(p.toks) && o > from; i++ {
		t := p.toks[i]
		end := int(t.end())
		switch {
		case t.kind() == tokTab:
			x = tabStop(x)
		case o < end:
			return x + v.tokenWidth(text[from:o])
		case i > 0 && from == int(p.toks[i-1].end()) || i == 0 && from == 0:
			x += p.widths[i]
		default: // the line starts inside a long word
			x += v.tokenWidth(text[from:end])
		}
		from = end
	}
	return x
}

// prefixFunc returns the width of the first n code points of a line.
func (v *ArticleView) prefixFunc(pi, start int) func(n int) float32 {
	return func(n int) float32 { return v.lineX(pi, start, start+n) }
}

// offsetAt returns the text offset (a grapheme boundary) nearest to a point.
func (v *ArticleView) offsetAt(pos fyne.Position) int {
	if v.lines == nil || len(v.runes) == 0 {
		return 0
	}
	k := v.lineAt(pos.Y)
	if k < 0 {
		return 0
	}
	if k >= v.lines.total {
		return len(v.runes)
	}
	pi, start, end := v.lineBounds(v.lineAtY(pos.Y))
	return start + xToOffset(v.runes[start:end], v.logicalX(pi, start, end, pos.X), v.prefixFunc(pi, start))
}

// logicalX maps the x of a point on a line to the line laid out left to
// right, undoing the mirroring of its right-to-left runs.
func (v *ArticleView) logicalX(pi, start, end int, x float32) float32 {
	x -= v.left()
	_, runsX := v.lineRuns(v.runes[start:end], start, func(off int) float32 { return v.lineX(pi, start, off) })
	return mirror(x, runsX)
}

// charAt returns the offset of the character under a point, or -1.
func (v *ArticleView) charAt(pos fyne.Position) int {
	if v.lines == nil || len(v.runes) == 0 {
		return -1
	}
	k := v.lineAt(pos.Y)
	if k < 0 || k >= v.lines.total || pos.Y < v.lineY(k) {
		return -1 // above the text, or in the room above a line
	}
	pi, start, end := v.lineBounds(k)
	i := charAtX(v.runes[start:end], v.logicalX(pi, start, end, pos.X), v.prefixFunc(pi, start))
	if i < 0 {
		return -1
	}
	return start + i
}

// idsAt returns the highlights covering offset off, innermost first.
func (v *ArticleView) idsAt(off int) []uint64 {
	if off < 0 {
		return nil
	}
	var hits []span
	for _, s := range v.spans {
		if s.start > off {
			break
		}
		if off < s.end {
			hits = append(hits, s)
		}
	}
	if len(hits) == 0 {
		return nil
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].level > hits[j].level })
	ids := make([]uint64, len(hits))
	for i, s := range hits {
		ids[i] = v.highlights[s.index].ID
	}
	return ids
}

func clamp(x, lo, hi int) int {
	return min(max(x, lo), hi)
}
