package whosaid

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strings"
	"testing"
)

// circlePoints places n nodes on a circle, rounded to whole units, so that
// the golden file does not hang on the last bit of a float.
func circlePoints(n int) []Point {
	pts := make([]Point, n)
	for i := range pts {
		a := 2 * math.Pi * float64(i) / float64(n)
		pts[i] = Point{math.Round(200 * math.Cos(a)), math.Round(200 * math.Sin(a))}
	}
	return pts
}

func svgOf(t *testing.T, g Graph, pts []Point) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteSVG(&buf, g, pts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSVGGolden(t *testing.T) {
	g := build(Options{})
	golden(t, "fixture.svg", svgOf(t, g, circlePoints(len(g.Nodes))))
}

// TestSVGReadBack reads the drawing with encoding/xml: well-formed, one
// circle per node with its colour, one line per edge, the names of the
// biggest nodes, the quoting troubles escaped.
func TestSVGReadBack(t *testing.T) {
	for name, g := range map[string]Graph{"fixture": build(Options{}), "nasty": nasty, "synthetic": synthetic(100)} {
		t.Run(name, func(t *testing.T) {
			doc := svgOf(t, g, Layout(g, LayoutOptions{Seed: 1}))
			if !bytes.Equal(doc, svgOf(t, g, Layout(g, LayoutOptions{Seed: 1}))) {
				t.Fatal("two drawings of one graph differ")
			}
			circles, lines := map[string]int{}, 0
			var texts []string
			var group string
			dec := xml.NewDecoder(bytes.NewReader(doc))
			for {
				tok, err := dec.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("not well-formed XML: %v", err)
				}
				switch el := tok.(type) {
				case xml.StartElement:
					attr := map[string]string{}
					for _, a := range el.Attr {
						attr[a.Name.Local] = a.Value
					}
					switch el.Name.Local {
					case "g":
						group = attr["class"]
					case "circle", "line":
						switch group {
						case "nodes":
							circles[attr["fill"]]++
						case "quoted-about", "co-occurrence":
							lines++ // a loop is a ring
						}
					}
				case xml.CharData:
					if group == "labels" && strings.TrimSpace(string(el)) != "" {
						texts = append(texts, string(el))
					}
				case xml.EndElement:
					if el.Name.Local == "g" {
						group = ""
					}
				}
			}
			want := map[string]int{}
			for _, n := range g.Nodes {
				want[hex(KindColour(n.Kind))]++
			}
			if len(circles) != len(want) {
				t.Errorf("circles by colour %v; want %v", circles, want)
			}
			for c, n := range want {
				if circles[c] != n {
					t.Errorf("%d circles of %s; want %d", circles[c], c, n)
				}
			}
			if lines != g.NumEdges() {
				t.Errorf("%d edges drawn; want %d", lines, g.NumEdges())
			}
			if n := min(Labelled, len(g.Nodes)); len(texts) != n || texts[0] != ShortLabel(g.Nodes[0].Label) {
				t.Errorf("labels %q; want the %d biggest nodes', %q first", texts, n, g.Nodes[0].Label)
			}
		})
	}
}

func TestSVGPointsMismatch(t *testing.T) {
	if err := WriteSVG(io.Discard, nasty, nil); err == nil {
		t.Error("WriteSVG with no points for two nodes: no error")
	}
}
