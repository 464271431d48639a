package widgets

import (
	"fmt"
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// levelsOf returns the levels stackArcs gave, in the arcs' order.
func levelsOf(as []arc) []int {
	out := make([]int, len(as))
	for i, a := range as {
		out[i] = a.level
	}
	return out
}

func TestStackArcs(t *testing.T) {
	for _, tc := range []struct {
		name   string
		arcs   []arc
		levels []int
		n      int
	}{
		{"none", nil, []int{}, 0},
		{"one", []arc{{x0: 10, x1: 100, labelW: 30}}, []int{0}, 1},
		{"apart: one level", []arc{{x0: 10, x1: 100, labelW: 30}, {x0: 200, x1: 300, labelW: 30}}, []int{0, 0}, 1},
		{"nested: the narrower below", []arc{{x0: 10, x1: 300, labelW: 30}, {x0: 100, x1: 150, labelW: 30}}, []int{1, 0}, 2},
		{"crossing", []arc{{x0: 10, x1: 150, labelW: 30}, {x0: 100, x1: 300, labelW: 30}}, []int{0, 1}, 2},
		{"labels wider than the arcs collide", []arc{{x0: 100, x1: 110, labelW: 60}, {x0: 130, x1: 140, labelW: 60}}, []int{0, 1}, 2},
		{"touching but for the space", []arc{{x0: 10, x1: 100, labelW: 30}, {x0: 103, x1: 200, labelW: 30}}, []int{0, 1}, 2},
		{"open arcs run to the edge", []arc{{x0: 0, x1: 50, open0: true, labelW: 30}, {x0: 40, x1: 500, open1: true, labelW: 30}}, []int{0, 1}, 2},
		{"three nested", []arc{{x0: 100, x1: 400, labelW: 30}, {x0: 150, x1: 350, labelW: 30}, {x0: 200, x1: 300, labelW: 30}}, []int{2, 1, 0}, 3},
		{"a wide arc beside a stack goes low", []arc{{x0: 10, x1: 20, labelW: 30}, {x0: 5, x1: 40, labelW: 30}, {x0: 100, x1: 900, labelW: 30}}, []int{0, 1, 0}, 2},
		{"capped at the most levels", []arc{
			{x0: 10, x1: 20, labelW: 5}, {x0: 10, x1: 30, labelW: 5}, {x0: 10, x1: 40, labelW: 5}, {x0: 10, x1: 50, labelW: 5},
		}, []int{0, 1, 2, 2}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			as := append([]arc(nil), tc.arcs...)
			max := 6
			if strings.HasPrefix(tc.name, "capped") {
				max = 3
			}
			n := stackArcs(as, 0, 1000, arcSpace, max)
			if got := levelsOf(as); fmt.Sprint(got) != fmt.Sprint(tc.levels) || n != tc.n {
				t.Errorf("got levels %v, %d levels; want %v, %d", got, n, tc.levels, tc.n)
			}
		})
	}
}

func TestLegX(t *testing.T) {
	for _, tc := range []struct {
		name           string
		x0, x1, toward float32
		want           float32
	}{
		{"a short piece: its middle", 100, 140, 500, 120},
		{"a wide piece, the arc going right", 100, 400, 500, 400 - legReach},
		{"a wide piece, the arc going left", 100, 400, 0, 100 + legReach},
		{"a wide piece, the other end inside it to the right", 100, 400, 300, 400 - legReach},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := legX(tc.x0, tc.x1, tc.toward); got != tc.want {
				t.Errorf("legX(%v, %v, %v) got %v; want %v", tc.x0, tc.x1, tc.toward, got, tc.want)
			}
		})
	}
}

func TestStackArcsLabelsInside(t *testing.T) {
	for _, tc := range []struct {
		name string
		a    arc
		want float32
	}{
		{"centred on the bar", arc{x0: 100, x1: 200, labelW: 40}, 130},
		{"kept off the left edge", arc{x0: 0, x1: 20, labelW: 60, open0: true}, 5},
		{"kept off the right edge", arc{x0: 980, x1: 995, labelW: 60, open1: true}, 935},
	} {
		t.Run(tc.name, func(t *testing.T) {
			as := []arc{tc.a}
			stackArcs(as, 5, 995, arcSpace, 6)
			if got := as[0].labelX; got != tc.want {
				t.Errorf("labelX got %v; want %v", got, tc.want)
			}
		})
	}
}

// linkedArticle is a small article with two claims, a source and a cue,
// the claims linked to them.
func linkedArticle(t *testing.T) (*ArticleView, fyne.Window) {
	t.Helper()
	text := "Officials said the talks would resume. The minister told reporters that flights were cancelled."
	v, w := newTestView(t, text, fyne.NewSize(420, 160))
	claim := color.NRGBA{R: 0xe5, G: 0x39, B: 0x35, A: 0xff}
	source := color.NRGBA{R: 0x1e, G: 0x88, B: 0xe5, A: 0xff}
	cue := color.NRGBA{R: 0x43, G: 0xa0, B: 0x47, A: 0xff}
	at := func(s string) (int, int) {
		i := strings.Index(text, s)
		return i, i + len(s)
	}
	h := func(id uint64, s string, c color.Color) Highlight {
		a, b := at(s)
		return Highlight{ID: id, Start: a, End: b, Color: c, Label: fmt.Sprint(id)}
	}
	v.SetHighlights([]Highlight{
		h(1, "the talks would resume", claim),
		h(2, "Officials", source),
		h(3, "said", cue),
		h(4, "flights were cancelled", claim),
		h(5, "The minister", source),
		h(6, "told", cue),
	})
	v.SetLinks([]Link{
		{ID: 11, From: 1, To: 2, Label: "said_by", Color: source},
		{ID: 12, From: 1, To: 3, Label: "cue", Color: cue},
		{ID: 13, From: 4, To: 5, Label: "said_by", Color: source},
		{ID: 14, From: 4, To: 6, Label: "cue", Color: cue},
	})
	return v, w
}

func TestLinksOfSelectedClaim(t *testing.T) {
	v, w := linkedArticle(t)
	if v.hasRoom() {
		t.Fatalf("rooms %v with nothing selected; want none", v.links.rooms)
	}
	v.SetSelectedHighlight(1)
	if got := len(v.links.arcs); got != 2 {
		t.Errorf("arcs of the selected claim got %d; want 2", got)
	}
	test.AssertRendersToMarkup(t, "links_selected.xml", w.Canvas())
	test.AssertRendersToImage(t, "links_selected.png", w.Canvas())
}

func TestLinksAll(t *testing.T) {
	v, w := linkedArticle(t)
	v.SetLinkMode(AllLinks)
	if got := len(v.links.arcs); got < 4 {
		t.Errorf("arcs of every link got %d; want at least 4", got)
	}
	test.AssertRendersToMarkup(t, "links_all.xml", w.Canvas())
	test.AssertRendersToImage(t, "links_all.png", w.Canvas())
}

func TestLinkTapSelects(t *testing.T) {
	v, w := linkedArticle(t)
	v.SetLinkMode(AllLinks)
	var got []uint64
	v.OnLinkSelected = func(id uint64) { got = append(got, id) }
	var tapped []uint64
	v.OnHighlightTapped = func(id uint64) { tapped = append(tapped, id) }
	var p placedArc
	for _, a := range v.links.arcs {
		if v.links.all[a.link].ID == 13 {
			p = a
		}
	}
	g := arcGeometry(p.arc, v.lineY(p.k), v.arcLevelH())
	test.TapCanvas(w.Canvas(), fyne.NewPos(p.labelX+p.labelW/2, g.labelY+g.labelH/2))
	if v.SelectedLink() != 13 || fmt.Sprint(got) != "[13]" {
		t.Errorf("after a tap on the label: selected %d, reported %v; want 13, [13]", v.SelectedLink(), got)
	}
	// A tap on the text clears it and reaches the highlight.
	m := v.metrics
	k := v.lineOf(0)
	test.TapCanvas(w.Canvas(), fyne.NewPos(m.pad+v.textWidth("Offi"), v.lineY(k)+m.textH/2))
	if v.SelectedLink() != 0 || fmt.Sprint(got) != "[13 0]" || fmt.Sprint(tapped) != "[2]" {
		t.Errorf("after a tap on a highlight: selected %d, reported %v, highlights %v; want 0, [13 0], [2]", v.SelectedLink(), got, tapped)
	}
}

// The room above a line moves the text down; a point on the text still
// finds its character, and a point in the room none.
func TestLinkRoomHitTest(t *testing.T) {
	v, w := linkedArticle(t)
	_ = w
	v.SetLinkMode(AllLinks)
	k := v.lineOf(strings.Index(v.Text(), "Officials"))
	room := v.roomAbove(k)
	if room <= 0 {
		t.Fatalf("room above line %d got %v; want some", k, room)
	}
	m := v.metrics
	x := m.pad + v.textWidth("Off") + 1
	if got := v.charAt(fyne.NewPos(x, v.lineY(k)+m.textH/2)); got != 3 {
		t.Errorf("charAt on the text got %d; want 3", got)
	}
	if got := v.charAt(fyne.NewPos(x, v.lineY(k)-room/2)); got != -1 {
		t.Errorf("charAt in the room got %d; want -1", got)
	}
	v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, v.lineY(k)+m.textH/2)}})
	if fmt.Sprint(v.hoverIDs) != "[2]" {
		t.Errorf("hover on the moved text got %v; want [2]", v.hoverIDs)
	}
}

// Lines pushed off the bottom by the room above others take their arcs
// with them: nothing is drawn below the last line that fits.
func TestLinksOffTheBottom(t *testing.T) {
	v, _ := linkedArticle(t)
	v.Resize(fyne.NewSize(420, 80)) // two lines without room; one with
	v.SetLinkMode(AllLinks)
	_, last := v.visibleLines()
	if last != 1 {
		t.Fatalf("last line without room %d; want 1", last)
	}
	if last = v.layoutLinks(v.top, last); last != 0 {
		t.Errorf("last line with room %d; want 0", last)
	}
	for _, p := range v.links.arcs {
		if p.k > last {
			t.Errorf("an arc on line %d, below the last line drawn %d", p.k, last)
		}
	}
	for k := range v.links.rooms {
		if k > last {
			t.Errorf("room above line %d, below the last line drawn %d", k, last)
		}
	}
}

// With the room above lines, the end of the article can still be
// scrolled to: its last line is drawn.
func TestLinksEndReachable(t *testing.T) {
	var b strings.Builder
	var hs []Highlight
	var ls []Link
	for i := range 40 {
		start := b.Len()
		b.WriteString("Officials said talks resume.\n")
		hs = append(hs, Highlight{ID: uint64(2*i + 1), Start: start, End: start + 9, Color: color.Black},
			Highlight{ID: uint64(2*i + 2), Start: start + 15, End: start + 27, Color: color.Black})
		ls = append(ls, Link{ID: uint64(i + 1), From: uint64(2*i + 2), To: uint64(2*i + 1), Label: "said_by", Color: color.Black})
	}
	v, _ := newTestView(t, b.String(), fyne.NewSize(420, 300))
	v.SetHighlights(hs)
	v.SetLinks(ls)
	v.SetLinkMode(AllLinks)
	for range 5 { // End, as often as the room found at the end asks
		v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	}
	first, last := v.visibleLines()
	if last = v.layoutLinks(first, last); last != v.lines.total-1 {
		t.Errorf("after End the last line drawn is %d; want %d", last, v.lines.total-1)
	}
}

// The pointer on a highlight draws its arcs thicker and the others faint.
func TestLinksHoverFocus(t *testing.T) {
	v, w := linkedArticle(t)
	v.SetLinkMode(AllLinks)
	m := v.metrics
	k := v.lineOf(0)
	pos := fyne.NewPos(m.pad+v.textWidth("Off")+1, v.lineY(k)+m.textH/2)
	v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
	if got := v.hoverFocus(); got != 2 {
		t.Fatalf("hoverFocus got %d; want 2 (Officials)", got)
	}
	test.AssertRendersToMarkup(t, "links_hover.xml", w.Canvas())
}

// In a view wider than the measure the text column is centred: every arc's
// legs still meet its highlights where they are drawn (issue 23: the arcs
// landed a column's margin to the left of their words).
func TestLinksMeetTheCentredColumn(t *testing.T) {
	v, w := linkedArticle(t)
	w.Resize(fyne.NewSize(1200, 200))
	v.Resize(fyne.NewSize(1200, 200))
	v.SetMeasure(40)
	v.SetLinkMode(AllLinks)
	if v.left() <= v.metrics.pad {
		t.Fatalf("the column is not centred (left %v): the test needs a view wider than its measure", v.left())
	}
	if len(v.links.arcs) == 0 {
		t.Fatal("no arcs laid out")
	}
	for _, p := range v.links.arcs {
		l := v.links.all[p.link]
		end := func(arrow bool) uint64 { // the arrow is on the To leg
			if arrow {
				return l.To
			}
			return l.From
		}
		left, right := end(p.arrow0), end(p.arrow1)
		if !p.open0 && !p.open1 && !p.arrow0 && !p.arrow1 {
			t.Errorf("link %d: an arc on one line without an arrow", l.ID)
		}
		for _, leg := range []struct {
			x    float32
			open bool
			id   uint64
		}{{p.x0, p.open0, left}, {p.x1, p.open1, right}} {
			if leg.open {
				continue // runs on to another line
			}
			var h Highlight
			for _, c := range v.highlights {
				if c.ID == leg.id {
					h = c
				}
			}
			// The highlight's extent on the arc's line (a wrapped
			// highlight is met on its line nearest the other end).
			pi, ls, le := v.lineBounds(p.k)
			if h.End <= ls || h.Start >= le {
				t.Fatalf("link %d: highlight %d is not on the arc's line %d", l.ID, leg.id, p.k)
			}
			x0, x1 := v.left()+v.lineX(pi, ls, max(h.Start, ls)), v.left()+v.lineX(pi, ls, min(h.End, le))
			if leg.x < x0 || leg.x > x1 {
				t.Errorf("link %d (%s): a leg at x %v, its highlight %d drawn from %v to %v", l.ID, l.Label, leg.x, leg.id, x0, x1)
			}
		}
	}
}

// An arc between two words of a right-to-left run meets them where they are
// drawn (mirrored), not where they would be left to right.
func TestLinksMeetRightToLeftWords(t *testing.T) {
	text := "Hi שלום עולם ok" // שלום is 3..7, עולם 8..12
	v, _ := newTestView(t, text, fyne.NewSize(600, 200))
	red := color.NRGBA{R: 200, A: 255}
	v.SetHighlights([]Highlight{{ID: 1, Start: 3, End: 7, Color: red}, {ID: 2, Start: 8, End: 12, Color: red}})
	v.SetLinks([]Link{{ID: 9, From: 1, To: 2, Label: "is", Color: red}})
	v.SetLinkMode(AllLinks)
	if len(v.links.arcs) != 1 {
		t.Fatalf("arcs %+v; want one", v.links.arcs)
	}
	xOf := func(off int) float32 { return v.left() + v.lineX(0, 0, off) }
	runs, runsX := v.lineRuns([]rune(text), 0, xOf)
	drawn := func(s, e int) [2]float32 { return pieces(s, e, xOf, runs, runsX)[0] }
	from, to := drawn(3, 7), drawn(8, 12)
	a := v.links.arcs[0]
	// עולם (the To end) is drawn left of שלום: the arrow is on the left leg.
	if !a.arrow0 || a.x0 < to[0] || a.x0 > to[1] || a.x1 < from[0] || a.x1 > from[1] {
		t.Errorf("arc legs at %v (arrow left %v) and %v; want the left one in עולם %v, the right in שלום %v", a.x0, a.arrow0, a.x1, to, from)
	}
}
