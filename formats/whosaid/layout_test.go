package whosaid

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// synthetic is a graph of n nodes, each linked to up to two earlier ones
// (preferential attachment: hubs like the corpus's most quoted), counts
// falling like a power law; deterministic.
func synthetic(n int) Graph {
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	g := Graph{Project: "synthetic"}
	var ends []int // every edge end, for preferential attachment
	var edges []Edge
	for i := range n {
		kind := []string{KindEntity, KindSource, KindTerm}[i%3]
		g.Nodes = append(g.Nodes, Node{ID: fmt.Sprintf("n%d", i), Label: fmt.Sprintf("Node %d", i), Kind: kind, Count: 1 + 400/(i+1), Quoted: 200 / (i + 1)})
		for j := 0; j < 2 && i > 0; j++ {
			t := rng.IntN(i)
			if len(ends) > 0 && rng.IntN(2) == 0 {
				t = ends[rng.IntN(len(ends))]
			}
			rel := CoOccurrence
			if j == 0 {
				rel = QuotedAbout
			}
			edges = append(edges, Edge{From: int32(i), To: int32(t), Relation: rel, Weight: 1 + rng.Int32N(5)})
			ends = append(ends, i, t)
		}
	}
	return g.WithEdges(edges)
}

func TestLayoutDeterministic(t *testing.T) {
	g := synthetic(300)
	a := Layout(g, LayoutOptions{Seed: 1})
	b := Layout(g, LayoutOptions{Seed: 1})
	if !slices.Equal(a, b) {
		t.Fatal("two layouts of one graph with one seed differ")
	}
	c := Layout(g, LayoutOptions{Seed: 2})
	if slices.Equal(a, c) {
		t.Fatal("layouts with seeds 1 and 2 are the same; the seed is not used")
	}
}

func TestLayoutPlaces(t *testing.T) {
	for _, n := range []int{0, 1, 2, 50} {
		g := synthetic(n)
		pts := Layout(g, LayoutOptions{})
		if len(pts) != n {
			t.Fatalf("%d nodes: got %d points", n, len(pts))
		}
		for i, p := range pts {
			if math.IsNaN(p.X) || math.IsNaN(p.Y) || math.Abs(p.X) > 5000 || math.Abs(p.Y) > 5000 {
				t.Fatalf("%d nodes: node %d at %v; want a finite place near the box", n, i, p)
			}
		}
		for i := range pts {
			for j := range i {
				if pts[i] == pts[j] {
					t.Fatalf("%d nodes: nodes %d and %d at one place %v", n, i, j, pts[i])
				}
			}
		}
	}
}

// TestLayoutPullsEdges: linked nodes end nearer than nodes on average,
// what makes a force layout readable.
func TestLayoutPullsEdges(t *testing.T) {
	g := synthetic(200)
	pts := Layout(g, LayoutOptions{Seed: 3})
	dist := func(i, j int) float64 { return math.Hypot(pts[i].X-pts[j].X, pts[i].Y-pts[j].Y) }
	var linked float64
	for _, e := range g.Edges() {
		linked += dist(int(e.From), int(e.To))
	}
	linked /= float64(g.NumEdges())
	var all float64
	var pairs int
	for i := range pts {
		for j := range i {
			all += dist(i, j)
			pairs++
		}
	}
	all /= float64(pairs)
	if linked > all/2 {
		t.Fatalf("mean length of an edge %.0f, mean distance of two nodes %.0f; want edges under half", linked, all)
	}
}

// BenchmarkLayout: compare the ns/op of 2000 nodes with 200 (n log n per
// step: about 10–15 times), and with gonum's EadesR2 in eades_bench_test.go.
func BenchmarkLayout(b *testing.B) {
	for _, n := range []int{200, 2000} {
		g := synthetic(n)
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			for b.Loop() {
				Layout(g, LayoutOptions{Seed: 1})
			}
		})
	}
}

// TestLayoutStable: a node's first place hangs on its id, not its rank,
// and a layout started from an earlier one keeps its shape: one node more
// moves the others little.
func TestLayoutStable(t *testing.T) {
	g := synthetic(200)
	before := Layout(g, LayoutOptions{Seed: 1})
	start := map[string]Point{}
	for i, n := range g.Nodes {
		start[n.ID] = before[i]
	}
	g2 := g
	g2.Nodes = append(slices.Clone(g.Nodes), Node{ID: "new", Label: "New", Kind: KindSource, Count: 1})
	g2 = g2.WithEdges(append(edgeList(g), Edge{From: int32(len(g.Nodes)), To: 0, Relation: QuotedAbout, Weight: 1}))
	after := Layout(g2, LayoutOptions{Seed: 1, Start: start})
	cold := Layout(g2, LayoutOptions{Seed: 1})
	moved := func(pts []Point) float64 {
		var m float64
		for i := range before {
			m += math.Hypot(pts[i].X-before[i].X, pts[i].Y-before[i].Y)
		}
		return m / float64(len(before))
	}
	if w, c := moved(after), moved(cold); w > 60 || w > c/3 {
		t.Errorf("one node more: the others moved %.0f on average from their places (%.0f laid out afresh); want under 60 and a third", w, c)
	}
}
