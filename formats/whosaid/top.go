package whosaid

import (
	"cmp"
	"slices"
)

// Top returns g cut for a drawing: its first maxNodes nodes (the biggest,
// as Nodes are sorted) and at most maxEdges of the edges between them:
// first the heaviest of each node (so that no node kept loses every tie
// to the others), then the heaviest of the rest; in g's order. The nodes
// keep their places, so Refs answers for them as in g. A limit of 0 or
// less keeps everything of its kind.
func (g Graph) Top(maxNodes, maxEdges int) Graph {
	if maxNodes > 0 && len(g.Nodes) > maxNodes {
		g.Nodes = g.Nodes[:maxNodes:maxNodes]
	}
	type edge struct {
		Edge
		i int
	}
	var es []edge
	for i, e := range g.Edges() {
		if g.Has(e) { // the nodes kept are the first
			es = append(es, edge{e, i})
		}
	}
	if maxEdges > 0 && len(es) > maxEdges {
		slices.SortStableFunc(es, func(x, y edge) int { return cmp.Compare(y.Weight, x.Weight) })
		const perNode = 1
		ties := make([]int, len(g.Nodes))
		taken := make([]bool, len(es))
		var chosen []edge
		for pass := 0; pass < 2 && len(chosen) < maxEdges; pass++ {
			for k, e := range es {
				if len(chosen) == maxEdges {
					break
				}
				from, to := e.From, e.To
				if taken[k] || pass == 0 && ties[from] >= perNode && ties[to] >= perNode {
					continue
				}
				taken[k] = true
				ties[from]++
				ties[to]++
				chosen = append(chosen, e)
			}
		}
		es = chosen
		slices.SortFunc(es, func(x, y edge) int { return cmp.Compare(x.i, y.i) })
	}
	edges := make([]Edge, len(es))
	for k, e := range es {
		edges[k] = e.Edge
	}
	return g.WithEdges(edges)
}
