package widgets

import (
	"image/color"
	"maps"
	"slices"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// This file draws links between highlights as brat draws relations: an
// arc over the text from one highlight to the other, labelled, in room
// made above the lines that carry arcs, so that no arc hides a letter.
// The pure part (which arcs a line carries, their levels, where their
// labels go) is in plain functions; the view only measures and draws.

// Link is a connector between two highlights, by their IDs (the first
// piece of each: a highlight of several spans is reached at its first).
type Link struct {
	ID       uint64
	From, To uint64 // the arrow points at To
	Label    string // drawn on the arc: the link's type
	Color    color.Color
}

// LinkMode says which links are drawn.
type LinkMode uint8

const (
	// LinksOfSelected draws the links of the selected highlight only.
	LinksOfSelected LinkMode = iota
	// AllLinks draws every link with an end on the lines on screen.
	AllLinks
)

// linkState is what the view keeps of its links.
type linkState struct {
	all      []Link
	mode     LinkMode
	selected uint64 // the selected link's ID; 0: none
	ends     []linkEnd
	rooms    map[int]float32 // the room above each line carrying arcs, in the last frame
	hidden   int             // the lines the room pushed off the screen in the last frame: maxTop lets them be scrolled to
	arcs     []placedArc     // the arcs of the last frame, for drawing and taps
	scratch  []arc
	labelW   map[string]float32 // label widths at labelSz
	labelSz  float32
}

// linkEnd is where a link's ends are in the text: the first piece of each
// highlight; ok is false when either highlight is missing.
type linkEnd struct {
	from, to Range
	ok       bool
}

// placedArc is an arc of the last frame with the line it is on.
type placedArc struct {
	arc
	k int
}

// SetLinks replaces the links drawn.
func (v *ArticleView) SetLinks(ls []Link) {
	v.links.all = append(v.links.all[:0], ls...)
	v.links.ends = nil
	if v.links.selected != 0 && !slices.ContainsFunc(ls, func(l Link) bool { return l.ID == v.links.selected }) {
		v.links.selected = 0
	}
	v.Refresh()
}

// Links returns a copy of the links.
func (v *ArticleView) Links() []Link { return slices.Clone(v.links.all) }

// SetLinkMode says which links are drawn: the selected highlight's, or all.
func (v *ArticleView) SetLinkMode(m LinkMode) {
	if v.links.mode == m {
		return
	}
	v.links.mode = m
	v.Refresh()
}

// LinkMode returns which links are drawn.
func (v *ArticleView) LinkMode() LinkMode { return v.links.mode }

// SetSelectedLink marks one link as selected (0 for none): its arc is
// drawn thicker, its label filled with its colour.
func (v *ArticleView) SetSelectedLink(id uint64) {
	if v.links.selected == id {
		return
	}
	v.links.selected = id
	v.Refresh()
}

// SelectedLink returns the selected link's ID, or 0.
func (v *ArticleView) SelectedLink() uint64 { return v.links.selected }

// linkEnds returns where each link's ends are, worked out again after the
// highlights or links changed.
func (v *ArticleView) linkEnds() []linkEnd {
	if v.links.ends != nil || len(v.links.all) == 0 {
		return v.links.ends
	}
	first := make(map[uint64]Range, len(v.highlights))
	for _, s := range v.spans { // by start: the first seen is the first piece
		id := v.highlights[s.index].ID
		if _, ok := first[id]; !ok {
			first[id] = Range{s.start, s.end}
		}
	}
	ends := make([]linkEnd, len(v.links.all))
	for i, l := range v.links.all {
		f, ok1 := first[l.From]
		t, ok2 := first[l.To]
		ends[i] = linkEnd{from: f, to: t, ok: ok1 && ok2 && l.From != l.To}
	}
	v.links.ends = ends
	return ends
}

// hasRoom reports whether any line on screen has room above it.
func (v *ArticleView) hasRoom() bool { return len(v.links.rooms) > 0 }

// roomAbove returns the room made above line k for its arcs.
func (v *ArticleView) roomAbove(k int) float32 { return v.links.rooms[k] }

// Arc geometry, in pixels: the height of a level (a label's row), the gap
// between the text and the lowest level, the space kept between two
// arcs' extents on one level, and the most levels a line gets.
const (
	arcGap       = 3
	arcSpace     = 6
	arcMaxLevels = 6
	arcLabelPad  = 3
)

// arcLevelH is the height of one level of arcs: a caption and a margin.
func (v *ArticleView) arcLevelH() float32 {
	return v.Theme().Size(theme.SizeNameCaptionText) + 5
}

// layoutLinks works out the arcs of the lines first..last (which fit on
// screen without room for arcs) and the room each line needs above it,
// and returns the last line that still fits with that room.
func (v *ArticleView) layoutLinks(first, last int) int {
	ls := &v.links
	clear(ls.rooms)
	ls.arcs = ls.arcs[:0]
	ls.hidden = 0
	if len(ls.all) == 0 || ls.mode != AllLinks && v.selectedID == 0 && ls.selected == 0 {
		return last // nothing to draw
	}
	ends := v.linkEnds()
	// The lines on screen, by start offset.
	starts := make([]int, 0, last-first+2)
	for k := first; k <= last; k++ {
		_, s, _ := v.lineBounds(k)
		starts = append(starts, s)
	}
	_, _, visEnd := v.lineBounds(last)
	lineOfOff := func(off int) int { // -1 above the screen, len(starts) below
		if off < starts[0] {
			return -1
		}
		if off >= visEnd {
			return len(starts)
		}
		return sort.Search(len(starts), func(i int) bool { return starts[i] > off }) - 1
	}
	m := v.metrics
	// The text column (centred when the measure leaves room): legs meet
	// the highlights where they are drawn, arcs to other lines run to the
	// column's edges.
	col := v.left()
	left, right := col-m.pad/2, min(col+v.wrapW+m.pad/2, v.size.Width-m.barW-m.pad/2)
	size := v.Theme().Size(theme.SizeNameCaptionText)
	// piece returns the x extent of r on line i (on screen) as the spans
	// are drawn (pieces: a right-to-left run mirrored), from its leftmost
	// piece to its rightmost.
	piece := func(i int, r Range) (float32, float32) {
		pi, s, e := v.lineBounds(first + i)
		xOf := func(off int) float32 { return col + v.lineX(pi, s, off) }
		runs, runsX := v.lineRuns(v.runes[s:e], s, xOf)
		ps := pieces(max(r.Start, s), min(r.End, e), xOf, runs, runsX)
		x0, x1 := ps[0][0], ps[0][1]
		for _, p := range ps[1:] {
			x0, x1 = min(x0, p[0]), max(x1, p[1])
		}
		return x0, x1
	}
	arcs := ls.scratch[:0]
	for li, l := range ls.all {
		e := ends[li]
		if !e.ok || !v.linkShown(l) {
			continue
		}
		// Each end is reached on its line nearest the other end.
		lf, lt := lineOfOff(clamp(e.to.Start, e.from.Start, e.from.End-1)), lineOfOff(clamp(e.from.Start, e.to.Start, e.to.End-1))
		inF, inT := lf >= 0 && lf < len(starts), lt >= 0 && lt < len(starts)
		if !inF && !inT {
			continue
		}
		lw := v.labelWidth(l.Label, size)
		switch {
		case lf == lt:
			f0, f1 := piece(lf, e.from)
			t0, t1 := piece(lt, e.to)
			xf, xt := legX(f0, f1, (t0+t1)/2), legX(t0, t1, (f0+f1)/2)
			arcs = append(arcs, arc{x0: min(xf, xt), x1: max(xf, xt), arrow1: xt >= xf, arrow0: xt < xf, labelW: lw, link: li, line: lf})
		default:
			for _, end := range []struct {
				line  int
				at    Range
				to    bool // this end is the link's To
				other int  // the other end's line
			}{{lf, e.from, false, lt}, {lt, e.to, true, lf}} {
				if end.line < 0 || end.line >= len(starts) {
					continue
				}
				x0, x1 := piece(end.line, end.at)
				a := arc{labelW: lw, link: li, line: end.line}
				if end.other > end.line { // the other end is further down: off to the right
					a.x0, a.x1, a.open1, a.arrow0 = legX(x0, x1, right), right, true, end.to
				} else {
					a.x0, a.x1, a.open0, a.arrow1 = left, legX(x0, x1, left), true, end.to
				}
				arcs = append(arcs, a)
			}
		}
	}
	ls.scratch = arcs
	if len(arcs) == 0 {
		return last
	}
	slices.SortFunc(arcs, func(a, b arc) int { return a.line - b.line })
	if ls.rooms == nil {
		ls.rooms = map[int]float32{}
	}
	levelH := v.arcLevelH()
	for i := 0; i < len(arcs); {
		j := i + 1
		for j < len(arcs) && arcs[j].line == arcs[i].line {
			j++
		}
		n := stackArcs(arcs[i:j], left, right, arcSpace, arcMaxLevels)
		ls.rooms[first+arcs[i].line] = float32(n)*levelH + arcGap
		for _, a := range arcs[i:j] {
			ls.arcs = append(ls.arcs, placedArc{arc: a, k: first + a.line})
		}
		i = j
	}
	// The room pushes the lines down: keep those that still fit.
	baseLast := last
	for last > first && v.lineY(last)+m.pitch > v.size.Height-m.pad {
		last--
	}
	ls.hidden = baseLast - last
	// Arcs of the lines pushed off the bottom are not drawn.
	ls.arcs = slices.DeleteFunc(ls.arcs, func(p placedArc) bool { return p.k > last })
	maps.DeleteFunc(ls.rooms, func(k int, _ float32) bool { return k > last })
	return last
}

// labelWidth returns the width of an arc's label box, cached: a few
// link types label every arc.
func (v *ArticleView) labelWidth(label string, size float32) float32 {
	ls := &v.links
	if ls.labelSz != size || ls.labelW == nil {
		ls.labelW, ls.labelSz = map[string]float32{}, size
	}
	w, ok := ls.labelW[label]
	if !ok {
		w = fyne.MeasureText(label, size, fyne.TextStyle{}).Width + 2*arcLabelPad
		ls.labelW[label] = w
	}
	return w
}

// linkShown reports whether the mode draws link l: every link, or those
// of the selected highlight, and the selected link.
func (v *ArticleView) linkShown(l Link) bool {
	ls := &v.links
	return ls.mode == AllLinks || v.selectedID != 0 && (l.From == v.selectedID || l.To == v.selectedID) || l.ID == ls.selected
}

// legReach is how far inside a wide piece of a highlight an arc's leg
// meets it.
const legReach = 24

// legX returns where an arc's leg meets the piece [x0, x1] of a highlight:
// its middle, or, on a piece wider than twice legReach, legReach inside
// its end nearer toward (where the arc goes), so that the arcs from a long
// claim to its source and cue stay short.
func legX(x0, x1, toward float32) float32 {
	switch {
	case x1-x0 <= 2*legReach:
		return (x0 + x1) / 2
	case toward >= (x0+x1)/2:
		return x1 - legReach
	}
	return x0 + legReach
}

// arc is one link's connector on one line: legs at x0 and x1 (where it
// leaves and reaches the text) joined by a bar on its level, its label on
// the bar. An end open runs off the edge of the line (the link's other end
// is on another line). Coordinates are the widget's x.
type arc struct {
	x0, x1         float32
	open0, open1   bool
	arrow0, arrow1 bool // an arrow head on that leg (the link's To)
	labelW         float32
	link           int // index into the view's links
	line           int // the line, relative to the first on screen, while laying out
	level          int // 0 is the lowest; set by stackArcs
	labelX         float32
}

// extent returns the horizontal room the arc takes on its level: its bar
// and its label.
func (a arc) extent() (float32, float32) {
	return min(a.x0, a.labelX), max(a.x1, a.labelX+a.labelW)
}

// legs returns the x of its legs (an open end has none).
func (a arc) legs() []float32 {
	var out []float32
	if !a.open0 {
		out = append(out, a.x0)
	}
	if !a.open1 {
		out = append(out, a.x1)
	}
	return out
}

// stackArcs gives each arc of one line a level and its label a place, so
// that no two arcs of a level overlap (their bars and labels apart by at
// least space): narrower arcs lower, the way brat stacks them, each on the
// lowest level that is free, so that an arc nested in another is drawn
// under it. Labels are centred on the bar, kept between left and right. A
// leg rising past a label below goes behind it (labels are drawn last, on
// the background). At most maxLevels levels are used (arcs that find none
// free go on the top one). It returns the number of levels.
func stackArcs(arcs []arc, left, right, space float32, maxLevels int) int {
	for i := range arcs {
		a := &arcs[i]
		mid := (a.x0 + a.x1) / 2
		a.labelX = min(max(mid-a.labelW/2, left), right-a.labelW)
	}
	order := make([]int, len(arcs))
	for i := range order {
		order[i] = i
	}
	width := func(a arc) float32 { x0, x1 := a.extent(); return x1 - x0 }
	sort.SliceStable(order, func(i, j int) bool {
		a, b := arcs[order[i]], arcs[order[j]]
		if wa, wb := width(a), width(b); wa != wb {
			return wa < wb
		}
		return a.x0 < b.x0
	})
	// ends[l] holds the extents placed on level l.
	ends := make([][][2]float32, maxLevels)
	levels := 0
	for _, i := range order {
		a := &arcs[i]
		a0, a1 := a.extent()
		a.level = maxLevels - 1
		for l := range maxLevels {
			free := true
			for _, b := range ends[l] {
				if a0 < b[1]+space && b[0] < a1+space {
					free = false
					break
				}
			}
			if free {
				a.level = l
				break
			}
		}
		ends[a.level] = append(ends[a.level], [2]float32{a0, a1})
		levels = max(levels, a.level+1)
	}
	return levels
}

// arcBox is where an arc is drawn: the bar's y, the label's box, and the
// y where the legs meet the text.
type arcBox struct {
	barY, labelY, labelH, footY float32
}

// arcGeometry returns where the arc a of the line whose text starts at
// textTop is drawn.
func arcGeometry(a arc, textTop, levelH float32) arcBox {
	labelY := textTop - arcGap - float32(a.level+1)*levelH + 1
	return arcBox{barY: labelY + (levelH-2)/2, labelY: labelY, labelH: levelH - 2, footY: textTop - 1}
}

// linkAt returns the link whose connector is at pos in the last frame, or
// 0: on its label, or within a few pixels of its bar or a leg.
func (v *ArticleView) linkAt(pos fyne.Position) uint64 {
	if len(v.links.arcs) == 0 {
		return 0
	}
	levelH := v.arcLevelH()
	const near = 4
	for _, p := range slices.Backward(v.links.arcs) { // the ones drawn last first
		g := arcGeometry(p.arc, v.textY(p.k), levelH)
		in := func(x0, y0, x1, y1 float32) bool {
			return pos.X >= x0 && pos.X <= x1 && pos.Y >= y0 && pos.Y <= y1
		}
		hit := in(p.labelX, g.labelY, p.labelX+p.labelW, g.labelY+g.labelH) ||
			in(p.x0, g.barY-near, p.x1, g.barY+near)
		for _, x := range p.legs() {
			hit = hit || in(x-near, g.barY, x+near, g.footY)
		}
		if hit {
			return v.links.all[p.link].ID
		}
	}
	return 0
}

// tapLink selects the link under a tap and reports it; a tap elsewhere
// clears the link selected. It reports whether the tap was on a link.
func (v *ArticleView) tapLink(pos fyne.Position) bool {
	id := v.linkAt(pos)
	if id == 0 && v.links.selected == 0 {
		return false
	}
	v.SetSelectedLink(id)
	if v.OnLinkSelected != nil {
		v.OnLinkSelected(id)
	}
	return id != 0
}

// drawLinks draws the arcs of the last layoutLinks: each bar and leg a
// line in the link's colour, an arrow head at its To, its label in a box
// of the background (so that crossing bars stop short of it); the
// selected link's thicker, its label on its colour. While the pointer is
// on a highlight with links, its arcs are drawn thicker and the others
// faint (hoverFocus), so that one claim's connectors stand out among all.
func (r *articleRenderer) drawLinks(th fyne.Theme, variant fyne.ThemeVariant) {
	v := r.v
	r.lines.reset()
	r.labels.reset()
	if len(v.links.arcs) == 0 {
		return
	}
	levelH := v.arcLevelH()
	bg := th.Color(theme.ColorNameBackground, variant)
	fg := th.Color(theme.ColorNameForeground, variant)
	size := th.Size(theme.SizeNameCaptionText)
	var boxes []fyne.CanvasObject
	hover := v.hoverFocus()
	for _, p := range v.links.arcs {
		l := v.links.all[p.link]
		c := withAlpha(toNRGBA(l.Color), 0xFF)
		selected := l.ID == v.links.selected && l.ID != 0
		w := float32(1.2)
		switch {
		case selected:
			w = 2.5
		case hover != 0 && (l.From == hover || l.To == hover):
			w = 2
		case hover != 0:
			c = withAlpha(c, fadedAlpha)
		}
		g := arcGeometry(p.arc, v.textY(p.k), levelH)
		const corner = 3
		r.segment(p.x0, g.barY, p.x1, g.barY, c, w)
		for i, x := range []float32{p.x0, p.x1} {
			if i == 0 && p.open0 || i == 1 && p.open1 {
				continue
			}
			r.segment(x, g.barY, x, g.footY, c, w)
			if i == 0 && p.arrow0 || i == 1 && p.arrow1 {
				r.segment(x-corner, g.footY-corner-1, x, g.footY, c, w)
				r.segment(x+corner, g.footY-corner-1, x, g.footY, c, w)
			}
		}
		box := r.labels.nextBox()
		box.FillColor, box.StrokeColor, box.StrokeWidth = bg, c, 1
		t := r.labels.nextText()
		t.Text, t.TextSize, t.Color = l.Label, size, fg
		t.TextStyle = fyne.TextStyle{}
		if selected {
			box.FillColor = c
			t.Color = contrastOn(c)
			t.TextStyle = fyne.TextStyle{Bold: true}
		}
		r.place(box, p.labelX, g.labelY, p.labelW, g.labelH)
		t.Move(fyne.NewPos(p.labelX+arcLabelPad, g.labelY+(g.labelH-size*1.3)/2))
		t.Resize(fyne.NewSize(p.labelW-2*arcLabelPad, size*1.3))
		t.Refresh()
		boxes = append(boxes, box, t)
	}
	for _, ln := range r.lines.lines[:r.lines.used] {
		r.objects = append(r.objects, ln)
	}
	r.objects = append(r.objects, boxes...)
}

// fadedAlpha is the opacity of the arcs not of the highlight under the
// pointer.
const fadedAlpha = 0x50

// hoverFocus returns the highlight under the pointer whose arcs are drawn,
// or 0.
func (v *ArticleView) hoverFocus() uint64 {
	for _, id := range v.hoverIDs {
		for _, p := range v.links.arcs {
			if l := v.links.all[p.link]; l.From == id || l.To == id {
				return id
			}
		}
	}
	return 0
}

// segment draws one straight stroke of an arc.
func (r *articleRenderer) segment(x0, y0, x1, y1 float32, c color.Color, w float32) {
	ln := r.lines.next()
	ln.StrokeColor, ln.StrokeWidth = c, w
	ln.Position1, ln.Position2 = fyne.NewPos(x0, y0), fyne.NewPos(x1, y1)
	ln.Refresh()
}

// contrastOn returns black or white, whichever reads better on c.
func contrastOn(c color.NRGBA) color.Color {
	if 299*int(c.R)+587*int(c.G)+114*int(c.B) > 150000 {
		return color.Black
	}
	return color.White
}

// linePool hands out lines, reusing those of the previous frame.
type linePool struct {
	lines []*canvas.Line
	used  int
}

func (p *linePool) reset() { p.used = 0 }

func (p *linePool) next() *canvas.Line {
	if p.used == len(p.lines) {
		p.lines = append(p.lines, canvas.NewLine(color.Transparent))
	}
	p.used++
	return p.lines[p.used-1]
}

// labelPool hands out the boxes and texts of arc labels.
type labelPool struct {
	boxes []*canvas.Rectangle
	texts []*canvas.Text
	nb    int
	nt    int
}

func (p *labelPool) reset() { p.nb, p.nt = 0, 0 }

func (p *labelPool) nextBox() *canvas.Rectangle {
	if p.nb == len(p.boxes) {
		b := canvas.NewRectangle(color.Transparent)
		b.CornerRadius = 3
		p.boxes = append(p.boxes, b)
	}
	p.nb++
	return p.boxes[p.nb-1]
}

func (p *labelPool) nextText() *canvas.Text {
	if p.nt == len(p.texts) {
		p.texts = append(p.texts, canvas.NewText("", color.Black))
	}
	p.nt++
	return p.texts[p.nt-1]
}

// LinkPosition returns where the link's label was drawn in the last
// frame (its centre, in the view's coordinates), and false when the link
// is not drawn: for tests and scripts that click a connector.
func (v *ArticleView) LinkPosition(id uint64) (fyne.Position, bool) {
	levelH := v.arcLevelH()
	for _, p := range v.links.arcs {
		if v.links.all[p.link].ID == id {
			g := arcGeometry(p.arc, v.textY(p.k), levelH)
			return fyne.NewPos(p.labelX+p.labelW/2, g.labelY+g.labelH/2), true
		}
	}
	return fyne.Position{}, false
}
