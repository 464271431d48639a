package whosaid

import (
	"bufio"
	"fmt"
	"image/color"
	"io"
	"math"

	"glossa/annotation"
)

// The colours of the kinds of node (Tableau 10, which reads in both light
// and dark surroundings), and of the two relations; the SVG export and
// the window draw with them.
var (
	colourEntity = color.NRGBA{0x4e, 0x79, 0xa7, 0xff} // blue
	colourSource = color.NRGBA{0xf2, 0x8e, 0x2b, 0xff} // orange
	colourTerm   = color.NRGBA{0x59, 0xa1, 0x4f, 0xff} // green
	// QuotedColour and CoOccurrenceColour are the edges' colours.
	QuotedColour       = color.NRGBA{0xe1, 0x57, 0x59, 0xff} // red
	CoOccurrenceColour = color.NRGBA{0x8a, 0x8a, 0x8a, 0xff} // grey
)

// KindColour is the colour of a node of kind.
func KindColour(kind string) color.NRGBA {
	switch kind {
	case KindEntity:
		return colourEntity
	case KindSource:
		return colourSource
	}
	return colourTerm
}

// Radius is the radius of a node of count in a graph whose biggest node
// has count max: 4 to 24 units, by the square root (the area grows with
// the count).
func Radius(count, max int) float64 {
	if max <= 0 {
		return 4
	}
	return 4 + 20*math.Sqrt(float64(count)/float64(max))
}

// Labelled is how many of g's nodes (the first, the biggest) the SVG
// names: a drawing of 2,000 names reads as none.
const Labelled = 40

// hex is c as #rrggbb.
func hex(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// WriteSVG writes g as an SVG drawing at the points of a layout (pts[i]
// is g.Nodes[i]'s place, as Layout returns them): nodes as circles sized
// by their count and coloured by kind, "quoted about" edges as red arrows
// and co-occurrence edges as grey dashes, both as thick as the logarithm
// of their weight, the Labelled biggest nodes named, a legend in the
// corner. Numbers are written with one decimal: the same graph and points
// give the same bytes.
func WriteSVG(w io.Writer, g Graph, pts []Point) error {
	if len(pts) != len(g.Nodes) {
		return fmt.Errorf("whosaid: %d points for %d nodes", len(pts), len(g.Nodes))
	}
	maxCount := 0
	for _, n := range g.Nodes {
		maxCount = max(maxCount, n.Count)
	}
	// The drawing's box: every circle inside, with room for the labels.
	minX, minY, maxX, maxY := 0.0, 0.0, 0.0, 0.0
	for i, p := range pts {
		r := Radius(g.Nodes[i].Count, maxCount)
		if i == 0 {
			minX, minY, maxX, maxY = p.X-r, p.Y-r, p.X+r, p.Y+r
			continue
		}
		minX, minY = math.Min(minX, p.X-r), math.Min(minY, p.Y-r)
		maxX, maxY = math.Max(maxX, p.X+r), math.Max(maxY, p.Y+r)
	}
	const margin, legend = 40.0, 70.0
	minX, minY = minX-margin, minY-margin-legend
	width, height := maxX-minX+margin, maxY-minY+margin
	width = max(width, 640) // room for the legend's last line
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	fmt.Fprintf(bw, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"%.1f %.1f %.1f %.1f\" width=\"%.0f\" height=\"%.0f\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n",
		minX, minY, width, height, width, height)
	title := "Who said what"
	if g.Project != "" {
		title = g.Project + ": who said what"
	}
	fmt.Fprintf(bw, "  <title>%s</title>\n", esc(title))
	fmt.Fprintf(bw, "  <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"%s\"/></marker></defs>\n", hex(QuotedColour))
	fmt.Fprintf(bw, "  <rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#ffffff\"/>\n", minX, minY, width, height)

	// Co-occurrence under "quoted about", edges under nodes.
	for _, rel := range []Relation{CoOccurrence, QuotedAbout} {
		if rel == CoOccurrence {
			fmt.Fprintf(bw, "  <g class=\"co-occurrence\" stroke=\"%s\" stroke-opacity=\"0.45\" stroke-dasharray=\"4 3\" fill=\"none\">\n", hex(CoOccurrenceColour))
		} else {
			fmt.Fprintf(bw, "  <g class=\"quoted-about\" stroke=\"%s\" stroke-opacity=\"0.8\" fill=\"none\" marker-end=\"url(#arrow)\">\n", hex(QuotedColour))
		}
		for _, e := range g.Edges() {
			a, b := int(e.From), int(e.To)
			if e.Relation != rel || !g.Has(e) {
				continue
			}
			p, q := pts[a], pts[b]
			if a == b {
				// A loop (a speaker quoted about himself): a ring on
				// the node's shoulder.
				r := Radius(g.Nodes[a].Count, maxCount)
				fmt.Fprintf(bw, "    <circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" stroke-width=\"%.1f\"><title>%s %s itself (%d)</title></circle>\n",
					p.X+r*0.7, p.Y-r*0.7, r*0.6+4, EdgeWidth(e.Weight), esc(g.Nodes[a].Label), e.Relation, e.Weight)
				continue
			}
			// An arrow ends at the rim of its target.
			if dx, dy := q.X-p.X, q.Y-p.Y; rel == QuotedAbout {
				if d := math.Hypot(dx, dy); d > 0 {
					r := Radius(g.Nodes[b].Count, maxCount)
					q = Point{q.X - dx/d*r, q.Y - dy/d*r}
				}
			}
			fmt.Fprintf(bw, "    <line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke-width=\"%.1f\"><title>%s %s %s (%d)</title></line>\n",
				p.X, p.Y, q.X, q.Y, EdgeWidth(e.Weight), esc(g.Nodes[a].Label), e.Relation, esc(g.Nodes[b].Label), e.Weight)
		}
		bw.WriteString("  </g>\n")
	}
	bw.WriteString("  <g class=\"nodes\" stroke=\"#ffffff\" stroke-width=\"1\">\n")
	// The smallest first, so that the big ones are on top.
	for i := len(g.Nodes) - 1; i >= 0; i-- {
		n, p := g.Nodes[i], pts[i]
		fmt.Fprintf(bw, "    <circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"><title>%s (%s): quoted %d, mentioned %d</title></circle>\n",
			p.X, p.Y, Radius(n.Count, maxCount), hex(KindColour(n.Kind)), esc(n.Label), n.Kind, n.Quoted, n.Mentioned)
	}
	bw.WriteString("  </g>\n")
	bw.WriteString("  <g class=\"labels\" font-size=\"12\" fill=\"#222222\" text-anchor=\"middle\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">\n")
	for i, n := range g.Nodes[:min(Labelled, len(g.Nodes))] {
		p := pts[i]
		fmt.Fprintf(bw, "    <text x=\"%.1f\" y=\"%.1f\">%s</text>\n", p.X, p.Y+Radius(n.Count, maxCount)+13, esc(ShortLabel(n.Label)))
	}
	bw.WriteString("  </g>\n")
	// The legend, top left.
	x, y := minX+margin/2, minY+margin/2
	fmt.Fprintf(bw, "  <g class=\"legend\" font-size=\"12\" fill=\"#222222\">\n")
	for i, k := range []struct{ kind, name string }{{KindEntity, "registry entity"}, {KindSource, "source"}, {KindTerm, "other mention"}} {
		fmt.Fprintf(bw, "    <circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
			x+6+float64(i)*150, y, hex(KindColour(k.kind)), x+16+float64(i)*150, y+4, k.name)
	}
	y += 22
	fmt.Fprintf(bw, "    <line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" marker-end=\"url(#arrow)\"/><text x=\"%.1f\" y=\"%.1f\">quoted about</text>\n",
		x, y, x+30, y, hex(QuotedColour), x+38, y+4)
	fmt.Fprintf(bw, "    <line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%.1f\">in one article</text>\n",
		x+150, y, x+180, y, hex(CoOccurrenceColour), x+188, y+4)
	fmt.Fprintf(bw, "    <text x=\"%.1f\" y=\"%.1f\">%s · %d nodes, %d edges, %d articles · size: times quoted and mentioned</text>\n",
		x, y+22, esc(title), len(g.Nodes), g.NumEdges(), g.Articles)
	bw.WriteString("  </g>\n</svg>\n")
	return bw.Flush()
}

// EdgeWidth is the thickness of an edge of weight: 1, and three
// quarters more per doubling.
func EdgeWidth(weight int32) float64 {
	return 1 + 1.5*math.Log2(float64(max(weight, 1)))/2
}

// ShortLabel is a node's label on one line, cut to 32 characters with an
// ellipsis (annotation.Shorten).
func ShortLabel(s string) string { return annotation.Shorten(s, 32) }
