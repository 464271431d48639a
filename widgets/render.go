package widgets

import (
	"cmp"
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// Fill opacities derived from a highlight's base colour.
const (
	bandAlpha     = 0x58 // a highlight band; overlapping bands blend darker
	selectedAlpha = 0x99 // the selected highlight's band
	outlinedAlpha = 0x30 // the selected outlined highlight's faint band
	matchAlpha    = 0x66
	currentAlpha  = 0xCC
)

// BandAlpha and SelectedAlpha are the opacities of a highlight's band and of
// the selected highlight's band over the background, for a caller that
// checks its colours keep the text legible.
const (
	BandAlpha     = bandAlpha
	SelectedAlpha = selectedAlpha
)

// articleRenderer draws the lines on screen. Text objects are kept per line
// (keyed by the line's start offset) so a scroll step only creates the lines
// that come into view; rectangles are pooled.
type articleRenderer struct {
	v *ArticleView

	texts    map[int]*lineText
	spare    []*canvas.Text
	under    rectPool // highlight bands, match and selection fills
	over     rectPool // underlines and outlines
	track    *canvas.Rectangle
	thumb    *canvas.Rectangle
	tipBox   *canvas.Rectangle
	tipText  *canvas.Text
	objects  []fyne.CanvasObject
	lastSize fyne.Size
	same     map[samePiece]int // drawSpans' count of identical pieces on a line
	unders   []samePiece       // drawSpans' underline pieces of a line
	outlines []samePiece       // drawSpans' outlined pieces of a line (row: nesting level)

	lines  linePool  // the links' arcs (links.go)
	labels labelPool // the links' labels
}

type lineText struct {
	text *canvas.Text
	seen bool
}

// rectPool hands out rectangles, reusing those of the previous frame.
type rectPool struct {
	rects []*canvas.Rectangle
	used  int
}

func (p *rectPool) reset() { p.used = 0 }

func (p *rectPool) next() *canvas.Rectangle {
	if p.used == len(p.rects) {
		p.rects = append(p.rects, canvas.NewRectangle(color.Transparent))
	}
	r := p.rects[p.used]
	p.used++
	r.StrokeWidth = 0
	r.StrokeColor = color.Transparent
	return r
}

func newArticleRenderer(v *ArticleView) *articleRenderer {
	r := &articleRenderer{
		v:       v,
		texts:   map[int]*lineText{},
		same:    map[samePiece]int{},
		track:   canvas.NewRectangle(color.Transparent),
		thumb:   canvas.NewRectangle(color.Transparent),
		tipBox:  canvas.NewRectangle(color.Transparent),
		tipText: canvas.NewText("", color.Black),
	}
	r.thumb.CornerRadius = 3
	r.tipBox.CornerRadius = 4
	return r
}

func (r *articleRenderer) Destroy() {}

func (r *articleRenderer) MinSize() fyne.Size { return r.v.MinSize() }

func (r *articleRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *articleRenderer) Layout(size fyne.Size) {
	r.v.size = size
	r.update()
}

func (r *articleRenderer) Refresh() {
	r.update()
}

// update lays out the text if the size, theme or zoom changed, then places
// the objects for the lines on screen.
func (r *articleRenderer) update() {
	v := r.v
	if v.size.Width <= 0 || v.size.Height <= 0 {
		r.objects = r.objects[:0]
		return
	}
	changed := v.ensureMetrics()
	if w := v.wrapWidth(v.size.Width); changed || v.lines == nil || w != v.wrapW {
		v.relayout(w)
	}
	if v.scrollTarget > 0 {
		off := v.scrollTarget - 1
		v.scrollTarget = 0
		v.scrollTo(off)
	}
	v.clampTop()
	v.prepareVisible()
	v.clampTop()

	th := v.Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, variant)
	m := v.metrics

	r.under.reset()
	r.over.reset()
	for _, lt := range r.texts {
		lt.seen = false
	}

	first, last := v.visibleLines()
	last = v.layoutLinks(first, last)
	_, visStart, _ := v.lineBounds(first)
	_, _, visEnd := v.lineBounds(last)
	spans := visibleSpans(v.spans, visStart, visEnd)
	matches := visibleRanges(v.matches, visStart, visEnd)

	var texts []fyne.CanvasObject
	for k := first; k <= last; k++ {
		pi, start, end := v.lineBounds(k)
		y := v.textY(k) // the text's box
		line := v.runes[start:end]
		left := v.left()
		xOf := func(off int) float32 { return left + v.lineX(pi, start, off) }
		runs, runsX := v.lineRuns(line, start, xOf)
		at := func(s, e int) [][2]float32 { return pieces(s, e, xOf, runs, runsX) }
		r.drawSpans(start, end, y, spans, at)
		r.drawMatches(start, end, y, matches, at, th, variant)
		if s, e := max(v.sel.start, start), min(v.sel.end, end); s < e {
			for _, p := range at(s, e) {
				rect := r.under.next()
				rect.FillColor = th.Color(theme.ColorNameSelection, variant)
				r.place(rect, p[0], y, p[1]-p[0], m.textH)
			}
		}
		texts = append(texts, r.lineObject(start, string(line), fg, y))
	}
	for key, lt := range r.texts {
		if !lt.seen {
			delete(r.texts, key)
			r.spare = append(r.spare, lt.text)
		}
	}

	r.objects = r.objects[:0]
	for _, rect := range r.under.rects[:r.under.used] {
		r.objects = append(r.objects, rect)
	}
	r.objects = append(r.objects, texts...)
	for _, rect := range r.over.rects[:r.over.used] {
		r.objects = append(r.objects, rect)
	}
	r.drawLinks(th, variant)
	r.updateBar(th, variant)
	r.updateTip(th, variant)
}

// place moves and sizes a rectangle and asks for it to be redrawn.
func (r *articleRenderer) place(rect *canvas.Rectangle, x, y, w, h float32) {
	rect.Move(fyne.NewPos(x, y))
	rect.Resize(fyne.NewSize(w, h))
	rect.Refresh()
}

// lineObject returns the text object for the line starting at start,
// reusing the one from the previous frame when there was one.
func (r *articleRenderer) lineObject(start int, s string, fg color.Color, y float32) fyne.CanvasObject {
	m := r.v.metrics
	lt, ok := r.texts[start]
	if !ok {
		var t *canvas.Text
		if n := len(r.spare); n > 0 {
			t, r.spare = r.spare[n-1], r.spare[:n-1]
		} else {
			t = canvas.NewText("", fg)
		}
		t.Text = "\x00" // force the refresh below
		lt = &lineText{text: t}
		r.texts[start] = lt
	}
	lt.seen = true
	t := lt.text
	if t.Text != s || t.Color != fg || t.TextSize != m.size {
		t.Text, t.Color, t.TextSize = s, fg, m.size
		t.Refresh()
	}
	t.Move(fyne.NewPos(r.v.left(), y))
	t.Resize(fyne.NewSize(r.v.size.Width-r.v.left()-m.pad-m.barW, m.textH))
	return t
}

// drawSpans draws the highlight bands and underlines of one line. at
// gives the x intervals where a stretch of the line is drawn (pieces).
//
// Highlights that cover the same stretch in the same colour (a word tagged
// many times) draw at most maxSameBands bands: more would not change what
// is seen, but each is one more rectangle in every frame. Underlines are
// merged (drawUnderlines).
func (r *articleRenderer) drawSpans(start, end int, y float32, spans []span, at func(s, e int) [][2]float32) {
	v := r.v
	clear(r.same)
	r.unders, r.outlines = r.unders[:0], r.outlines[:0]
	for _, seg := range lineSegments(start, end, spans) {
		s := spans[seg.span]
		h := v.highlights[s.index]
		base := toNRGBA(h.Color)
		selected := v.selectedID != 0 && h.ID == v.selectedID
		row := min(s.level, v.metrics.rows-1)
		if h.Style != Filled {
			for _, p := range at(seg.start, seg.end) {
				r.outlines = append(r.outlines, samePiece{p[0], p[1], base, row, selected, h.Style})
			}
			continue
		}
		for _, p := range at(seg.start, seg.end) {
			band := samePiece{p[0], p[1], base, -1, selected, Filled}
			if r.same[band] < maxSameBands {
				r.drawBand(p[0], p[1], y, base, selected)
			}
			r.same[band]++
			r.unders = append(r.unders, samePiece{p[0], p[1], base, row, selected, Filled})
		}
	}
	r.drawUnderlines(y)
	r.drawOutlines(y)
}

// drawOutlines draws the pieces of the line at y drawn without a fill
// (r.outlines): a border of the colour around each, solid (Outlined),
// dashed or dotted, or brackets at its ends, inset by a pixel a nesting
// level (two for the broken ones, which two annotators often draw over the
// same words) so that an outline inside another (a date inside a quote)
// shows its own edges. The selected one gets a thicker border and a faint
// band.
func (r *articleRenderer) drawOutlines(y float32) {
	m := r.v.metrics
	for _, p := range r.outlines {
		inset := float32(p.row)
		if p.style != Outlined {
			inset *= brokenInset
		}
		width := float32(1)
		if p.selected {
			band := r.under.next()
			band.FillColor = withAlpha(p.color, outlinedAlpha)
			r.place(band, p.x0, y, p.x1-p.x0, m.textH)
			width = 2.5
		}
		x, top, w, h := p.x0-1+inset, y-1+inset, p.x1-p.x0+2-2*inset, m.textH+2-2*inset
		c := withAlpha(p.color, 0xFF)
		switch p.style {
		case Dashed, Dotted:
			on, off := float32(dashOn), float32(dashOff)
			if p.style == Dotted {
				on, off = max(dotOn, width), dotOff
			}
			width = max(width, 1.5) // a broken line of 1 px fades into the text
			r.dashes(x, top, w, width, on, off, c, true)
			r.dashes(x, top+h-width, w, width, on, off, c, true)
			r.dashes(x, top, h, width, on, off, c, false)
			r.dashes(x+w-width, top, h, width, on, off, c, false)
		case Bracketed:
			arm := min(float32(bracketArm), w/2)
			width = max(width, 1.5)
			for _, at := range [][4]float32{
				{x, top, width, h}, {x, top, arm, width}, {x, top + h - width, arm, width}, // [
				{x + w - width, top, width, h}, {x + w - arm, top, arm, width}, {x + w - arm, top + h - width, arm, width}, // ]
			} {
				rect := r.over.next()
				rect.FillColor = c
				r.place(rect, at[0], at[1], at[2], at[3])
			}
		default:
			box := r.over.next()
			box.FillColor = color.Transparent
			box.StrokeColor = c
			box.StrokeWidth = width
			r.place(box, x, top, w, h)
		}
	}
}

// The broken borders, in pixels: a dash and the gap after it, a dot and
// the gap after it; the arms of a bracket.
const (
	dashOn      = 6
	dashOff     = 3
	dotOn       = 2
	dotOff      = 2.5
	bracketArm  = 5
	brokenInset = 2 // the inset a nesting level of a broken border
)

// dashes draws a broken line of thickness th from (x, y), length long,
// across (horizontal) or down: pieces of on pixels with off between them,
// starting and ending with a piece so that corners are drawn.
func (r *articleRenderer) dashes(x, y, length, th, on, off float32, c color.NRGBA, horizontal bool) {
	if length <= 0 {
		return
	}
	// Stretch the gaps so that the line ends on a whole piece.
	n := max(1, int((length+off)/(on+off)))
	gap := float32(0)
	if n > 1 {
		gap = (length - float32(n)*on) / float32(n-1)
	}
	if gap < 0 {
		n, gap = 1, 0
	}
	for i := range n {
		at := float32(i) * (on + gap)
		size := min(on, length-at)
		if n == 1 {
			size = length
		}
		rect := r.over.next()
		rect.FillColor = c
		if horizontal {
			r.place(rect, x+at, y, size, th)
		} else {
			r.place(rect, x, y+at, th, size)
		}
	}
}

// maxSameBands is how many bands of one colour over one stretch are
// drawn: three blend to 73% of the colour.
const maxSameBands = 3

// samePiece is what makes two highlight pieces on a line look the same: a
// band (row -1) or an underline on a row.
type samePiece struct {
	x0, x1   float32
	color    color.NRGBA
	row      int
	selected bool
	style    HighlightStyle // drawOutlines' pieces: how the border is drawn
}

// drawBand draws the band of one piece of a highlight.
func (r *articleRenderer) drawBand(x0, x1, y float32, base color.NRGBA, selected bool) {
	band := r.under.next()
	band.FillColor = withAlpha(base, bandAlpha)
	if selected {
		band.FillColor = withAlpha(base, selectedAlpha)
	}
	r.place(band, x0, y, x1-x0, r.v.metrics.textH)
}

// drawUnderlines draws the underline pieces of the line at y (r.unders),
// one rectangle for each run of pieces of one colour on one row (a
// highlight's nesting level, clamped) that overlap or touch: a word tagged
// many times, or tags side by side, draw one underline, not one each. The
// selected highlight's, thicker, are drawn last, then its outline on top.
func (r *articleRenderer) drawUnderlines(y float32) {
	m := r.v.metrics
	u := r.unders
	slices.SortFunc(u, func(a, b samePiece) int {
		if c := cmp.Compare(a.row, b.row); c != 0 {
			return c
		}
		if a.selected != b.selected {
			if a.selected {
				return 1
			}
			return -1
		}
		if c := cmp.Compare(packRGBA(a.color), packRGBA(b.color)); c != 0 {
			return c
		}
		return cmp.Compare(a.x0, b.x0)
	})
	for i := 0; i < len(u); {
		run := u[i]
		j := i + 1
		for ; j < len(u) && u[j].row == run.row && u[j].color == run.color && u[j].selected == run.selected && u[j].x0 <= run.x1; j++ {
			run.x1 = max(run.x1, u[j].x1)
		}
		i = j
		ul := r.over.next()
		ul.FillColor = withAlpha(run.color, 0xFF)
		uh := float32(underlineH)
		if run.selected {
			uh++
		}
		r.place(ul, run.x0, y+m.underlineY(m.textH, run.row), run.x1-run.x0, uh)
	}
	for _, p := range u {
		if p.selected {
			box := r.over.next()
			box.FillColor = color.Transparent
			box.StrokeColor = withAlpha(p.color, 0xFF)
			box.StrokeWidth = 1.5
			r.place(box, p.x0-1, y-1, p.x1-p.x0+2, m.textH+2)
		}
	}
}

// packRGBA orders colours for drawUnderlines.
func packRGBA(c color.NRGBA) uint32 {
	return uint32(c.R)<<24 | uint32(c.G)<<16 | uint32(c.B)<<8 | uint32(c.A)
}

// drawMatches draws the search matches of one line.
func (r *articleRenderer) drawMatches(start, end int, y float32, ms []Range, at func(s, e int) [][2]float32, th fyne.Theme, variant fyne.ThemeVariant) {
	v := r.v
	base := toNRGBA(th.Color(theme.ColorNameWarning, variant))
	for _, mt := range ms {
		s, e := max(mt.Start, start), min(mt.End, end)
		if s >= e {
			continue
		}
		current := v.current >= 0 && v.current < len(v.matches) && v.matches[v.current] == mt
		for _, p := range at(s, e) {
			rect := r.under.next()
			rect.FillColor = withAlpha(base, matchAlpha)
			rect.StrokeWidth = 0
			if current {
				rect.FillColor = withAlpha(base, currentAlpha)
				rect.StrokeColor = th.Color(theme.ColorNameForeground, variant)
				rect.StrokeWidth = 1
			}
			r.place(rect, p[0], y, p[1]-p[0], v.metrics.textH)
		}
	}
}

// updateBar places the scroll bar thumb, hidden when everything fits.
func (r *articleRenderer) updateBar(th fyne.Theme, variant fyne.ThemeVariant) {
	v := r.v
	m := v.metrics
	total := v.lines.total
	page := v.pageLines()
	if total <= page {
		return
	}
	h := v.size.Height
	x := v.size.Width - m.barW
	r.track.FillColor = withAlpha(toNRGBA(th.Color(theme.ColorNameScrollBarBackground, variant)), 0x30)
	r.place(r.track, x, 0, m.barW, h)
	thumbH, thumbY := v.thumb()
	r.thumb.FillColor = th.Color(theme.ColorNameScrollBar, variant)
	r.place(r.thumb, x+1, thumbY, m.barW-2, thumbH)
	r.objects = append(r.objects, r.track, r.thumb)
}

// updateTip shows the labels of the highlights under the pointer.
func (r *articleRenderer) updateTip(th fyne.Theme, variant fyne.ThemeVariant) {
	v := r.v
	var labels []string
	for _, id := range v.hoverIDs {
		for _, h := range v.highlights {
			if h.ID == id && h.Label != "" {
				labels = append(labels, h.Label)
				break
			}
		}
	}
	if len(labels) == 0 {
		return
	}
	text := tipText(labels)
	size := th.Size(theme.SizeNameCaptionText)
	ts := fyne.MeasureText(text, size, fyne.TextStyle{})
	pad := th.Size(theme.SizeNamePadding)
	w, h := ts.Width+2*pad, ts.Height+2*pad
	x := min(v.hoverPos.X+12, v.size.Width-w-v.metrics.barW)
	y := v.hoverPos.Y + 20
	if y+h > v.size.Height {
		y = v.hoverPos.Y - h - 8
	}
	x, y = max(x, 0), max(y, 0)
	r.tipBox.FillColor = th.Color(theme.ColorNameOverlayBackground, variant)
	r.tipBox.StrokeColor = th.Color(theme.ColorNameSeparator, variant)
	r.tipBox.StrokeWidth = 1
	r.place(r.tipBox, x, y, w, h)
	r.tipText.Text = text
	r.tipText.TextSize = size
	r.tipText.Color = th.Color(theme.ColorNameForeground, variant)
	r.tipText.Move(fyne.NewPos(x+pad, y+pad))
	r.tipText.Resize(ts)
	r.tipText.Refresh()
	r.objects = append(r.objects, r.tipBox, r.tipText)
}

// tipMaxGroups is how many different labels a tip names before "+N more".
const tipMaxGroups = 4

// tipText is what the tip says of the labels of the highlights under the
// pointer: each label once, in the order met, with a count when it repeats
// ("Person ×12 · Claim"), at most tipMaxGroups of them. Where many
// highlights stack, the tip stays one short line.
func tipText(labels []string) string {
	var order []string
	count := map[string]int{}
	for _, l := range labels {
		if count[l] == 0 {
			order = append(order, l)
		}
		count[l]++
	}
	parts := make([]string, 0, min(len(order), tipMaxGroups)+1)
	for i, l := range order {
		if i == tipMaxGroups {
			rest := 0
			for _, m := range order[i:] {
				rest += count[m]
			}
			parts = append(parts, fmt.Sprintf("+%d more", rest))
			break
		}
		if n := count[l]; n > 1 {
			l = fmt.Sprintf("%s ×%d", l, n)
		}
		parts = append(parts, l)
	}
	return strings.Join(parts, " · ")
}

// visibleSpans returns the spans that touch [start, end), keeping order.
func visibleSpans(spans []span, start, end int) []span {
	var out []span
	for _, s := range spans {
		if s.start >= end {
			break
		}
		if s.end > start {
			out = append(out, s)
		}
	}
	return out
}

// visibleRanges returns the ranges (sorted by start) that touch [start, end).
func visibleRanges(rs []Range, start, end int) []Range {
	var out []Range
	for _, m := range rs {
		if m.Start >= end {
			break
		}
		if m.End > start {
			out = append(out, m)
		}
	}
	return out
}

func toNRGBA(c color.Color) color.NRGBA {
	if c == nil {
		return color.NRGBA{R: 0xff, G: 0xc1, B: 0x07, A: 0xff}
	}
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}

func withAlpha(c color.NRGBA, a uint8) color.NRGBA {
	c.A = a
	return c
}

// maxRTLCache bounds the lines whose right-to-left runs are kept (about
// 16 µs and 13 KB of garbage each to find again).
const maxRTLCache = 4096

// lineRuns returns the right-to-left runs of the line starting at offset
// start, as offsets and as x extents (xOf gives the left-to-right x of an
// offset).
func (v *ArticleView) lineRuns(line []rune, start int, xOf func(int) float32) ([][2]int, [][2]float32) {
	if !hasRTL(line) { // the common case, which reads no font
		return nil, nil
	}
	b := v.bidiSplitter()
	key := [2]int{start, start + len(line)}
	rel, ok := v.rtlCache[key]
	if !ok {
		if v.rtlCache == nil || len(v.rtlCache) >= maxRTLCache {
			v.rtlCache = map[[2]int][][2]int{}
		}
		rel = b.rtlRuns(line)
		v.rtlCache[key] = rel
	}
	if rel == nil {
		return nil, nil
	}
	runs := make([][2]int, len(rel))
	runsX := make([][2]float32, len(rel))
	for i, r := range rel {
		runs[i] = [2]int{start + r[0], start + r[1]}
		runsX[i] = [2]float32{xOf(runs[i][0]), xOf(runs[i][1])}
	}
	return runs, runsX
}
