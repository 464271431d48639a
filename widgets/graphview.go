package widgets

import (
	"image/color"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// GraphNode is a node of a GraphView: a circle at X, Y (in the graph's
// own units; the view fits them to its size) of Radius units, and the
// Label shown beside it when the circle is big enough on screen.
type GraphNode struct {
	X, Y   float32
	Radius float32
	Colour color.Color
	Label  string
}

// GraphEdge is a line between the nodes From and To (indexes), Width units
// thick at the zoom that fits the graph.
type GraphEdge struct {
	From, To int
	Colour   color.Color
	Width    float32
}

// GraphView draws a graph of circles and lines, thousands of them: it
// fits the graph to its size, pans by dragging or with the arrow keys,
// zooms with the wheel or + and - (0 fits again) around the pointer,
// names the nodes whose circles are big enough on screen (and the one
// under the pointer, and the selected one), rings the node under the
// pointer and reports a click on a node. It draws only what is on screen,
// with the canvas objects of the previous frame. Fyne has no pinch
// gesture; a trackpad's scroll zooms.
type GraphView struct {
	widget.BaseWidget

	// OnNodeTapped is called with the index of the node clicked.
	OnNodeTapped func(node int)

	nodes []GraphNode
	edges []GraphEdge
	// The view: a point p of the graph is at p*scale+offset on screen.
	scale  float32
	offset fyne.Position
	fitted float32 // the scale that fits the graph
	moved  bool    // the user panned or zoomed since the last fit
	size   fyne.Size
	// hover and selected are node indexes, -1 for none; pointer is the
	// last place of the mouse over the view.
	hover, selected int
	pointer         fyne.Position
	pointerIn       bool
	focused         bool
	labelW          []float32 // each label's width, measured once (0: not yet)
}

var (
	_ fyne.Widget         = (*GraphView)(nil)
	_ fyne.Draggable      = (*GraphView)(nil)
	_ fyne.Scrollable     = (*GraphView)(nil)
	_ fyne.Tappable       = (*GraphView)(nil)
	_ fyne.Focusable      = (*GraphView)(nil)
	_ desktop.Hoverable   = (*GraphView)(nil)
	_ fyne.WidgetRenderer = (*graphRenderer)(nil)
)

// Label sizes: a node is named when its circle is at least labelRadius
// across on screen; at most maxLabels names, the first nodes first.
const (
	labelRadius = 7
	maxLabels   = 150
)

// NewGraphView returns an empty graph view.
func NewGraphView() *GraphView {
	g := &GraphView{scale: 1, fitted: 1, hover: -1, selected: -1}
	g.ExtendBaseWidget(g)
	return g
}

// SetGraph shows nodes and edges; the first nodes are named first and
// drawn on top (put the biggest first). The view fits the graph again,
// unless the user has panned or zoomed (Fit brings it back). The
// selection is cleared.
func (g *GraphView) SetGraph(nodes []GraphNode, edges []GraphEdge) {
	g.nodes, g.edges = nodes, edges
	g.labelW = make([]float32, len(nodes))
	g.hover, g.selected = -1, -1
	if !g.moved {
		g.fit()
	}
	g.Refresh()
}

// Fit zooms and pans so that the whole graph shows.
func (g *GraphView) Fit() {
	g.moved = false
	g.fit()
	g.Refresh()
}

// fit sets the view that shows every node, centred.
func (g *GraphView) fit() {
	if len(g.nodes) == 0 || g.size.Width <= 0 || g.size.Height <= 0 {
		g.scale, g.fitted, g.offset = 1, 1, fyne.Position{}
		return
	}
	minX, minY := float32(math.Inf(1)), float32(math.Inf(1))
	maxX, maxY := float32(math.Inf(-1)), float32(math.Inf(-1))
	for _, n := range g.nodes {
		minX, minY = min(minX, n.X-n.Radius), min(minY, n.Y-n.Radius)
		maxX, maxY = max(maxX, n.X+n.Radius), max(maxY, n.Y+n.Radius)
	}
	const margin = 24 // on screen, for the labels at the rim
	w, h := max(maxX-minX, 1), max(maxY-minY, 1)
	g.scale = max(min((g.size.Width-2*margin)/w, (g.size.Height-2*margin)/h), 1e-3)
	g.fitted = g.scale
	g.offset = fyne.NewPos(g.size.Width/2-(minX+maxX)/2*g.scale, g.size.Height/2-(minY+maxY)/2*g.scale)
}

// Selected returns the selected node, -1 for none.
func (g *GraphView) Selected() int { return g.selected }

// SetSelected selects node i (ringed and named), -1 for none.
func (g *GraphView) SetSelected(i int) {
	if i < -1 || i >= len(g.nodes) {
		i = -1
	}
	g.selected = i
	g.Refresh()
}

// Zoom returns the zoom relative to the one that fits the graph.
func (g *GraphView) Zoom() float32 { return g.scale / g.fitted }

// ToScreen returns where the graph's point p is in the view.
func (g *GraphView) ToScreen(x, y float32) fyne.Position {
	return fyne.NewPos(x*g.scale+g.offset.X, y*g.scale+g.offset.Y)
}

// ZoomAt multiplies the zoom by factor, keeping the graph's point under
// p (in the view) where it is; the zoom stays between a quarter and 50
// times the one that fits.
func (g *GraphView) ZoomAt(p fyne.Position, factor float32) {
	s := min(max(g.scale*factor, g.fitted/4), g.fitted*50)
	wx, wy := (p.X-g.offset.X)/g.scale, (p.Y-g.offset.Y)/g.scale
	g.scale = s
	g.offset = fyne.NewPos(p.X-wx*s, p.Y-wy*s)
	g.moved = true
	g.Refresh()
}

// NodeAt returns the node drawn at p (in the view), or -1: a circle
// under p, the one on top (the first) where circles overlap; else the
// nearest circle a few pixels away (small circles are hard to hit).
func (g *GraphView) NodeAt(p fyne.Position) int {
	best, bestD, bestIn := -1, float32(0), false
	for i, n := range g.nodes {
		c := g.ToScreen(n.X, n.Y)
		dx, dy := p.X-c.X, p.Y-c.Y
		d := float32(math.Sqrt(float64(dx*dx + dy*dy)))
		rad := max(n.Radius*g.scale, 2)
		in := d <= rad
		if !in && d > max(rad, 4)+3 {
			continue
		}
		if best < 0 || in && !bestIn || !in && !bestIn && d < bestD {
			best, bestD, bestIn = i, d, in
		}
	}
	return best
}

// Resize fits the graph to the new size until the user pans or zooms.
func (g *GraphView) Resize(s fyne.Size) {
	if s == g.size {
		g.BaseWidget.Resize(s)
		return
	}
	g.size = s
	if !g.moved {
		g.fit()
	}
	g.BaseWidget.Resize(s)
}

// MinSize is small: the view takes the room it is given.
func (g *GraphView) MinSize() fyne.Size { return fyne.NewSize(100, 100) }

// Dragged pans.
func (g *GraphView) Dragged(ev *fyne.DragEvent) {
	g.offset = g.offset.Add(ev.Dragged)
	g.moved = true
	g.Refresh()
}

// DragEnd ends a pan.
func (g *GraphView) DragEnd() {}

// Scrolled zooms around the pointer, about an eighth per wheel notch.
func (g *GraphView) Scrolled(ev *fyne.ScrollEvent) {
	d := ev.Scrolled.DY
	if d == 0 {
		d = ev.Scrolled.DX
	}
	g.ZoomAt(ev.Position, float32(math.Exp(float64(d)*0.012)))
}

// Tapped selects the node clicked and reports it, and takes the keys.
func (g *GraphView) Tapped(ev *fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(g); c != nil {
		c.Focus(g)
	}
	if i := g.NodeAt(ev.Position); i >= 0 {
		g.SetSelected(i)
		if g.OnNodeTapped != nil {
			g.OnNodeTapped(i)
		}
	}
}

// MouseIn starts following the pointer.
func (g *GraphView) MouseIn(ev *desktop.MouseEvent) { g.MouseMoved(ev) }

// MouseMoved rings the node under the pointer.
func (g *GraphView) MouseMoved(ev *desktop.MouseEvent) {
	g.pointer, g.pointerIn = ev.Position, true
	if i := g.NodeAt(ev.Position); i != g.hover {
		g.hover = i
		g.Refresh()
	}
}

// MouseOut forgets the node under the pointer.
func (g *GraphView) MouseOut() {
	g.pointerIn = false
	if g.hover >= 0 {
		g.hover = -1
		g.Refresh()
	}
}

// Hovered returns the node under the pointer, -1 for none.
func (g *GraphView) Hovered() int { return g.hover }

// FocusGained takes the keys.
func (g *GraphView) FocusGained() { g.focused = true; g.Refresh() }

// FocusLost gives the keys back.
func (g *GraphView) FocusLost() { g.focused = false; g.Refresh() }

// zoomCentre is where a key zooms: at the pointer when it is over the
// view, else at the centre.
func (g *GraphView) zoomCentre() fyne.Position {
	if g.pointerIn {
		return g.pointer
	}
	return fyne.NewPos(g.size.Width/2, g.size.Height/2)
}

// TypedRune zooms with + (or =) and -, and fits with 0.
func (g *GraphView) TypedRune(r rune) {
	switch r {
	case '+', '=':
		g.ZoomAt(g.zoomCentre(), 1.25)
	case '-':
		g.ZoomAt(g.zoomCentre(), 0.8)
	case '0':
		g.Fit()
	}
}

// TypedKey pans with the arrow keys.
func (g *GraphView) TypedKey(ev *fyne.KeyEvent) {
	const step = 60
	var d fyne.Delta
	switch ev.Name {
	case fyne.KeyLeft:
		d.DX = step
	case fyne.KeyRight:
		d.DX = -step
	case fyne.KeyUp:
		d.DY = step
	case fyne.KeyDown:
		d.DY = -step
	default:
		return
	}
	g.Dragged(&fyne.DragEvent{Dragged: d})
}

// CreateRenderer returns the view's renderer.
func (g *GraphView) CreateRenderer() fyne.WidgetRenderer {
	r := &graphRenderer{g: g, bg: canvas.NewRectangle(color.Transparent)}
	return r
}

// graphRenderer keeps pools of lines, circles and texts, reused from frame
// to frame: only what is on screen takes one.
type graphRenderer struct {
	g       *GraphView
	bg      *canvas.Rectangle
	lines   []*canvas.Line
	circles []*canvas.Circle
	texts   []*canvas.Text
	objects []fyne.CanvasObject
}

func (r *graphRenderer) Destroy() {}

func (r *graphRenderer) MinSize() fyne.Size { return r.g.MinSize() }

func (r *graphRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *graphRenderer) Layout(size fyne.Size) {
	r.g.size = size
	r.update()
}

func (r *graphRenderer) Refresh() { r.update() }

// update places the objects of what is on screen at the current view.
func (r *graphRenderer) update() {
	g := r.g
	th := g.Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, variant)
	r.bg.FillColor = th.Color(theme.ColorNameInputBackground, variant)
	r.bg.StrokeWidth = 1
	r.bg.StrokeColor = th.Color(theme.ColorNameInputBorder, variant)
	if g.focused {
		r.bg.StrokeColor = th.Color(theme.ColorNamePrimary, variant)
	}
	r.bg.Resize(g.size)
	r.bg.Refresh()
	w, h := g.size.Width, g.size.Height
	focus := g.hover
	if focus < 0 {
		focus = g.selected
	}

	// Edges whose box meets the view.
	nl := 0
	for _, e := range g.edges {
		if e.From < 0 || e.To < 0 || e.From >= len(g.nodes) || e.To >= len(g.nodes) {
			continue
		}
		a, b := g.nodes[e.From], g.nodes[e.To]
		p, q := g.ToScreen(a.X, a.Y), g.ToScreen(b.X, b.Y)
		if max(p.X, q.X) < 0 || min(p.X, q.X) > w || max(p.Y, q.Y) < 0 || min(p.Y, q.Y) > h {
			continue
		}
		if nl == len(r.lines) {
			r.lines = append(r.lines, canvas.NewLine(color.Transparent))
		}
		l := r.lines[nl]
		nl++
		l.StrokeColor = e.Colour
		l.StrokeWidth = max(e.Width*min(g.scale/g.fitted, 3), 1)
		if focus >= 0 && (e.From == focus || e.To == focus) {
			l.StrokeColor = withAlpha(toNRGBA(e.Colour), 0xff)
			l.StrokeWidth += 1.5
		}
		l.Position1, l.Position2 = p, q
		l.Refresh()
	}

	// Nodes on screen, the last first so that the first are on top.
	nc, nt := 0, 0
	var labelled []int
	textSize := th.Size(theme.SizeNameCaptionText)
	for i := len(g.nodes) - 1; i >= 0; i-- {
		n := g.nodes[i]
		c := g.ToScreen(n.X, n.Y)
		rad := max(n.Radius*g.scale, 2)
		if c.X+rad < 0 || c.X-rad > w || c.Y+rad < 0 || c.Y-rad > h {
			continue
		}
		if nc == len(r.circles) {
			r.circles = append(r.circles, canvas.NewCircle(color.Transparent))
		}
		ci := r.circles[nc]
		nc++
		ci.FillColor = n.Colour
		ci.StrokeWidth = 0
		switch i {
		case g.selected:
			ci.StrokeColor, ci.StrokeWidth = th.Color(theme.ColorNamePrimary, variant), 3
		case g.hover:
			ci.StrokeColor, ci.StrokeWidth = fg, 2
		}
		ci.Position1 = fyne.NewPos(c.X-rad, c.Y-rad)
		ci.Position2 = fyne.NewPos(c.X+rad, c.Y+rad)
		ci.Refresh()
		if n.Label != "" && (rad >= labelRadius || i == g.hover || i == g.selected) {
			labelled = append(labelled, i)
		}
	}
	// Names: the hovered and selected ones, then the first nodes first;
	// a name that would cover one already placed is left out.
	slices.SortStableFunc(labelled, func(a, b int) int {
		pin := func(i int) bool { return i == g.hover || i == g.selected }
		switch {
		case pin(a) && !pin(b):
			return -1
		case pin(b) && !pin(a):
			return 1
		}
		return a - b
	})
	var placed []fyne.Position // top left and bottom right of each name
	for _, i := range labelled {
		if len(placed)/2 >= maxLabels {
			break
		}
		n := g.nodes[i]
		bold := i == g.hover || i == g.selected
		if g.labelW[i] == 0 {
			g.labelW[i] = fyne.MeasureText(n.Label, textSize, fyne.TextStyle{}).Width
		}
		w := g.labelW[i] // the regular width is cached; a bold name (one or two) is measured
		if bold {
			w = fyne.MeasureText(n.Label, textSize, fyne.TextStyle{Bold: true}).Width
		}
		c := g.ToScreen(n.X, n.Y)
		rad := max(n.Radius*g.scale, 2)
		tl := fyne.NewPos(c.X-w/2, c.Y+rad+1)
		br := tl.Add(fyne.NewPos(w, textSize*1.3))
		if !bold && overlaps(placed, tl, br) {
			continue
		}
		placed = append(placed, tl, br)
		if nt == len(r.texts) {
			r.texts = append(r.texts, canvas.NewText("", fg))
		}
		t := r.texts[nt]
		nt++
		t.Text, t.Color, t.TextSize = n.Label, fg, textSize
		t.TextStyle = fyne.TextStyle{Bold: bold}
		t.Move(tl)
		t.Resize(fyne.NewSize(w, textSize*1.3))
		t.Refresh()
	}

	r.objects = r.objects[:0]
	r.objects = append(r.objects, r.bg)
	for _, l := range r.lines[:nl] {
		r.objects = append(r.objects, l)
	}
	for _, c := range r.circles[:nc] {
		r.objects = append(r.objects, c)
	}
	for _, t := range r.texts[:nt] {
		r.objects = append(r.objects, t)
	}
}

// overlaps reports whether the box from tl to br meets one of the boxes
// of placed (top left, bottom right, in pairs).
func overlaps(placed []fyne.Position, tl, br fyne.Position) bool {
	for k := 0; k+1 < len(placed); k += 2 {
		a, b := placed[k], placed[k+1]
		if tl.X < b.X && a.X < br.X && tl.Y < b.Y && a.Y < br.Y {
			return true
		}
	}
	return false
}
