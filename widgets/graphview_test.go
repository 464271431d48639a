package widgets

import (
	"fmt"
	"image/color"
	"math"
	"math/rand"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

var (
	blue  = color.NRGBA{0x4e, 0x79, 0xa7, 0xff}
	green = color.NRGBA{0x59, 0xa1, 0x4f, 0xff}
	grey  = color.NRGBA{0x8a, 0x8a, 0x8a, 0x80}
)

// smallGraph is three nodes in a row and a fourth above the middle one.
func smallGraph() ([]GraphNode, []GraphEdge) {
	return []GraphNode{
			{X: 0, Y: 0, Radius: 20, Colour: blue, Label: "Zakharova"},
			{X: -100, Y: 0, Radius: 10, Colour: green, Label: "Kyiv"},
			{X: 100, Y: 0, Radius: 10, Colour: green, Label: "Moscow"},
			{X: 0, Y: -80, Radius: 4, Colour: blue, Label: "Ukraine"},
		}, []GraphEdge{
			{From: 0, To: 1, Colour: grey, Width: 2},
			{From: 0, To: 2, Colour: grey, Width: 1},
			{From: 3, To: 0, Colour: grey, Width: 1},
		}
}

func newTestGraph(t testing.TB) (*GraphView, fyne.Window) {
	test.NewTempApp(t)
	g := NewGraphView()
	w := test.NewWindow(g)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(300, 200))
	g.SetGraph(smallGraph())
	return g, w
}

// TestGraphViewMarkup: the small graph fitted, the first node selected.
func TestGraphViewMarkup(t *testing.T) {
	g, w := newTestGraph(t)
	defer w.Close()
	g.SetSelected(0)
	test.AssertRendersToMarkup(t, "graphview.xml", w.Canvas())
	test.AssertRendersToImage(t, "graphview.png", w.Canvas())
}

// TestGraphViewTap: a click on a circle reports that node, on top where
// circles overlap; a click on nothing reports nothing.
func TestGraphViewTap(t *testing.T) {
	g, w := newTestGraph(t)
	defer w.Close()
	var got []int
	g.OnNodeTapped = func(i int) { got = append(got, i) }
	for i, n := range g.nodes {
		test.TapCanvas(w.Canvas(), g.ToScreen(n.X, n.Y))
		if len(got) != i+1 || got[i] != i || g.Selected() != i {
			t.Fatalf("tap on node %d at %v: reported %v, selected %d; want %d", i, g.ToScreen(n.X, n.Y), got, g.Selected(), i)
		}
	}
	c := g.ToScreen(g.nodes[0].X, g.nodes[0].Y)
	test.TapCanvas(w.Canvas(), c.Add(fyne.NewPos(0, 60))) // below the middle: nothing
	if len(got) != 4 {
		t.Errorf("tap on nothing reported %v", got[4:])
	}
	// An overlap: node 3 moved onto node 0's rim, node 0 is on top.
	g.nodes[3].X, g.nodes[3].Y = 15, 0
	if i := g.NodeAt(g.ToScreen(15, 0)); i != 0 {
		t.Errorf("NodeAt over two circles = %d; want 0 (drawn on top)", i)
	}
}

// TestGraphViewZoomKeepsPoint: the wheel and the keys zoom around the
// pointer: the node under it stays under it.
func TestGraphViewZoomKeepsPoint(t *testing.T) {
	g, w := newTestGraph(t)
	defer w.Close()
	n := g.nodes[2]
	at := g.ToScreen(n.X, n.Y)
	g.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: at}, Scrolled: fyne.Delta{DY: 50}})
	if z := g.Zoom(); z < 1.5 {
		t.Fatalf("zoom %.2f after a wheel turn up; want more than 1.5", z)
	}
	if p := g.ToScreen(n.X, n.Y); dist(p, at) > 0.01 {
		t.Errorf("node under the pointer moved from %v to %v", at, p)
	}
	g.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}})
	before := g.Zoom()
	g.TypedRune('-')
	if g.Zoom() >= before {
		t.Errorf("zoom %.2f after '-'; want less than %.2f", g.Zoom(), before)
	}
	if p := g.ToScreen(n.X, n.Y); dist(p, at) > 0.01 {
		t.Errorf("'-' moved the node under the pointer from %v to %v", at, p)
	}
	g.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: 10, DY: -5}})
	if p := g.ToScreen(n.X, n.Y); dist(p, at.Add(fyne.NewPos(10, -5))) > 0.01 {
		t.Errorf("drag by (10, -5) moved the node from %v to %v", at, p)
	}
	g.TypedRune('0')
	if g.Zoom() != 1 {
		t.Errorf("zoom %.2f after '0'; want 1 (fitted)", g.Zoom())
	}
}

func dist(a, b fyne.Position) float32 {
	return float32(math.Hypot(float64(a.X-b.X), float64(a.Y-b.Y)))
}

// TestGraphViewDrawsWhatShows: zoomed in on one node, the others and the
// edges far off screen take no canvas object; hovering names a small node.
func TestGraphViewDrawsWhatShows(t *testing.T) {
	g, w := newTestGraph(t)
	defer w.Close()
	count := func() (circles, lines, texts int) {
		for _, o := range test.WidgetRenderer(g).Objects() {
			switch o.(type) {
			case *canvas.Circle:
				circles++
			case *canvas.Line:
				lines++
			case *canvas.Text:
				texts++
			}
		}
		return
	}
	if c, l, _ := count(); c != 4 || l != 3 {
		t.Fatalf("fitted: %d circles, %d lines; want 4, 3", c, l)
	}
	n := g.nodes[1]
	g.ZoomAt(g.ToScreen(n.X, n.Y), 20)
	if c, l, _ := count(); c != 1 || l != 1 {
		t.Errorf("zoomed on Kyiv: %d circles, %d lines; want 1, 1 (Kyiv and its edge)", c, l)
	}
	g.Fit()
	_, _, before := count()
	u := g.nodes[3]
	g.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: g.ToScreen(u.X, u.Y)}})
	if g.Hovered() != 3 {
		t.Fatalf("hovered %d; want 3", g.Hovered())
	}
	if _, _, after := count(); after != before+1 {
		t.Errorf("%d labels while hovering the smallest node; want %d (its name too)", after, before+1)
	}
}

// benchGraph is n nodes scattered with 2n edges, big ones first.
func benchGraph(n int) ([]GraphNode, []GraphEdge) {
	rng := rand.New(rand.NewSource(int64(n)))
	nodes := make([]GraphNode, n)
	for i := range nodes {
		nodes[i] = GraphNode{X: float32(rng.Float64() * 1000), Y: float32(rng.Float64() * 1000), Radius: 4 + 20/float32(1+i/10),
			Colour: blue, Label: fmt.Sprintf("Node %d", i)}
	}
	edges := make([]GraphEdge, 2*n)
	for i := range edges {
		edges[i] = GraphEdge{From: rng.Intn(n), To: rng.Intn(n), Colour: grey, Width: 1}
	}
	return nodes, edges
}

// BenchmarkGraphViewFrame: one frame of a pan at 2,000 nodes and 4,000
// edges, all on screen (the worst case: zoomed in, fewer are placed), to
// be read as a ratio to 200 nodes and 400 edges. It times the view's own
// work, placing the objects on screen; the painting of those objects is
// the driver's (OpenGL), which the test canvas's software painter does not
// stand for (it takes seconds for a frame of lines).
func BenchmarkGraphViewFrame(b *testing.B) {
	for _, n := range []int{200, 2000} {
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			test.NewTempApp(b)
			g := NewGraphView()
			w := test.NewWindow(g)
			defer w.Close()
			w.Resize(fyne.NewSize(1000, 700))
			g.SetGraph(benchGraph(n))
			steps := []*fyne.DragEvent{{Dragged: fyne.Delta{DX: 1}}, {Dragged: fyne.Delta{DX: -1}}}
			i := 0
			for b.Loop() {
				i++
				g.Dragged(steps[i%2])
			}
			b.ReportMetric(float64(len(test.WidgetRenderer(g).Objects())), "objects")
		})
	}
}

// TestGraphViewLabelsDoNotOverlap: of two big nodes side by side, the
// first is named and the second's name, which would cover it, is not,
// until the pointer is over the second.
func TestGraphViewLabelsDoNotOverlap(t *testing.T) {
	g, w := newTestGraph(t)
	defer w.Close()
	g.SetGraph([]GraphNode{
		{X: 0, Y: 0, Radius: 20, Colour: blue, Label: "Maria Zakharova"},
		{X: 30, Y: 2, Radius: 20, Colour: blue, Label: "Sergei Lavrov"},
		{X: 300, Y: 0, Radius: 20, Colour: blue, Label: "Kyiv"},
	}, nil)
	names := func() (out []string) {
		for _, o := range test.WidgetRenderer(g).Objects() {
			if t, ok := o.(*canvas.Text); ok {
				out = append(out, t.Text)
			}
		}
		return
	}
	if got := names(); len(got) != 2 || got[0] != "Maria Zakharova" || got[1] != "Kyiv" {
		t.Errorf("names %q; want Maria Zakharova and Kyiv", got)
	}
	n := g.nodes[1]
	g.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: g.ToScreen(n.X+15, n.Y)}})
	if got := names(); len(got) == 0 || got[0] != "Sergei Lavrov" {
		t.Errorf("hovering Lavrov: names %q; want his first", got)
	}
}

// A name drawn bold while selected is drawn at its regular width again
// once another node is selected (the bold width used to stay cached).
func TestGraphViewNameWidthAfterSelection(t *testing.T) {
	g, w := newTestGraph(t)
	defer w.Close()
	find := func(name string) *canvas.Text {
		for _, o := range test.LaidOutObjects(g) {
			if t, ok := o.(*canvas.Text); ok && t.Text == name && t.Visible() {
				return t
			}
		}
		return nil
	}
	g.SetSelected(0)
	g.SetSelected(1)
	got := find("Zakharova")
	if got == nil {
		t.Fatal("Zakharova's name is not drawn")
	}
	want := fyne.MeasureText("Zakharova", got.TextSize, fyne.TextStyle{})
	if got.TextStyle.Bold || got.Size().Width != want.Width {
		t.Errorf("Zakharova drawn bold %v, %v wide; want regular, %v", got.TextStyle.Bold, got.Size().Width, want.Width)
	}
}
