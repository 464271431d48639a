package whosaid

import (
	"slices"
	"testing"
)

func TestTop(t *testing.T) {
	g := Graph{Nodes: []Node{{ID: "a", Count: 9}, {ID: "b", Count: 5}, {ID: "c", Count: 2}}}.WithEdges([]Edge{
		{From: 0, To: 1, Relation: QuotedAbout, Weight: 1},
		{From: 0, To: 2, Relation: QuotedAbout, Weight: 7},
		{From: 1, To: 0, Relation: CoOccurrence, Weight: 3},
		{From: 0, To: 1, Relation: CoOccurrence, Weight: 2},
	})
	ids := func(g Graph) (nodes []string, edges []int32) {
		for _, n := range g.Nodes {
			nodes = append(nodes, n.ID)
		}
		for _, e := range g.Edges() {
			edges = append(edges, e.Weight)
		}
		return
	}
	// A hub with heavy edges does not take every place from the small
	// nodes: each keeps its heaviest tie.
	star := Graph{Nodes: []Node{{ID: "hub"}, {ID: "x"}, {ID: "y"}, {ID: "z"}}}.WithEdges([]Edge{
		{From: 0, To: 1, Weight: 9}, {From: 0, To: 2, Weight: 8}, {From: 1, To: 2, Weight: 6},
		{From: 0, To: 3, Weight: 2},
	})
	if _, got := ids(star.Top(0, 3)); !slices.Equal(got, []int32{9, 8, 2}) {
		t.Errorf("star: edges %v; want 9, 8, 2 (z's only edge before x and y's second)", got)
	}
	for _, c := range []struct {
		nodes, edges int
		wantNodes    []string
		wantEdges    []int32 // by weight, in g's order
	}{
		{0, 0, []string{"a", "b", "c"}, []int32{1, 7, 3, 2}},
		{2, 0, []string{"a", "b"}, []int32{1, 3, 2}},
		{2, 2, []string{"a", "b"}, []int32{3, 2}},
		{3, 1, []string{"a", "b", "c"}, []int32{7}},
		{3, 3, []string{"a", "b", "c"}, []int32{7, 3, 2}},
		{1, 5, []string{"a"}, nil},
	} {
		gotNodes, gotEdges := ids(g.Top(c.nodes, c.edges))
		if !slices.Equal(gotNodes, c.wantNodes) || !slices.Equal(gotEdges, c.wantEdges) {
			t.Errorf("Top(%d, %d): nodes %v, edges %v; want %v, %v", c.nodes, c.edges, gotNodes, gotEdges, c.wantNodes, c.wantEdges)
		}
	}
	if len(g.Nodes) != 3 || g.NumEdges() != 4 {
		t.Errorf("Top changed the graph it cut: %d nodes, %d edges", len(g.Nodes), g.NumEdges())
	}
	// Refs answer for the kept nodes as in the whole graph.
	whole := build(Options{})
	top := whole.Top(2, 0)
	for i := range top.Nodes {
		if !slices.Equal(top.Refs(i), whole.Refs(i)) {
			t.Errorf("node %d: Refs of the cut graph differ from the whole one's", i)
		}
	}
}
