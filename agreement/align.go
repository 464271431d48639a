package agreement

import (
	"cmp"
	"slices"
	"sort"

	"glossa/annotation"
)

// extent is the code points an annotation covers: its spans cut to the
// text, sorted, and joined where they touch or overlap. Two annotations are
// at the same position when their extents are equal.
type extent []rng

// extentOf returns the extent of spans in a text of length code points.
func extentOf(spans []annotation.Span, length int) extent {
	x := make(extent, 0, len(spans))
	for _, s := range spans {
		x = append(x, rng{max(s.Start, 0), min(s.End, length)})
	}
	return extent(union(x, true))
}

func (x extent) start() int { return x[0].s }
func (x extent) end() int   { return x[len(x)-1].e }

// intersect returns the number of code points x and y both cover.
func (x extent) intersect(y extent) int {
	n := 0
	for i, j := 0, 0; i < len(x) && j < len(y); {
		s, e := max(x[i].s, y[j].s), min(x[i].e, y[j].e)
		if s < e {
			n += e - s
		}
		if x[i].e < y[j].e {
			i++
		} else {
			j++
		}
	}
	return n
}

// compareExtents orders extents range by range, a shorter prefix first.
func compareExtents(x, y extent) int {
	for i := range min(len(x), len(y)) {
		if c := cmp.Or(cmp.Compare(x[i].s, y[i].s), cmp.Compare(x[i].e, y[i].e)); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(x), len(y))
}

// item is one annotation as the measures see it.
type item struct {
	label int // index into the report's labels
	kind  int // index into annotation.Kinds()
	ext   extent
	ann   *annotation.Annotation
}

// strictMatches counts the pairs of a's and b's items (indices into as and
// bs) at the same position, one to one: an extent twice in a and once in
// b is one match.
func strictMatches(as, bs []item, a, b []int) int {
	byExtent := func(items []item) func(i, j int) int {
		return func(i, j int) int { return compareExtents(items[i].ext, items[j].ext) }
	}
	a, b = slices.Clone(a), slices.Clone(b)
	slices.SortFunc(a, byExtent(as))
	slices.SortFunc(b, byExtent(bs))
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := compareExtents(as[a[i]].ext, bs[b[j]].ext); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			n, i, j = n+1, i+1, j+1
		}
	}
	return n
}

// align pairs a's items with b's (indices into as and bs, each sorted by
// start) one to one where they overlap, and records each pair in match
// (match[a's index] = b's index; the rest is left alone). The matching is
// maximum: as many pairs as the overlaps allow (augmenting paths, Kuhn's
// algorithm), started from the pairs of largest overlap taken greedily
// (ties: the closer edges), so that where several maximum matchings exist
// the larger overlaps are the ones kept. It returns the number of pairs.
func align(as, bs []item, a, b []int, match []int) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	type edge struct{ i, j, overlap, off int }
	var edges []edge
	longest := 0
	for _, j := range b {
		longest = max(longest, bs[j].ext.end()-bs[j].ext.start())
	}
	for i, ai := range a {
		x := as[ai].ext
		// Only items starting within longest before x can reach it.
		lo := sort.Search(len(b), func(k int) bool { return bs[b[k]].ext.start() > x.start()-longest })
		for j := lo; j < len(b) && bs[b[j]].ext.start() < x.end(); j++ {
			y := bs[b[j]].ext
			if n := x.intersect(y); n > 0 {
				off := abs(x.start()-y.start()) + abs(x.end()-y.end())
				edges = append(edges, edge{i, j, n, off})
			}
		}
	}
	if len(edges) == 0 {
		return 0
	}
	slices.SortFunc(edges, func(p, q edge) int {
		return cmp.Or(cmp.Compare(q.overlap, p.overlap), cmp.Compare(p.off, q.off), cmp.Compare(p.i, q.i), cmp.Compare(p.j, q.j))
	})
	adj := make([][]int, len(a)) // candidates of each a, best first
	am, bm := make([]int, len(a)), make([]int, len(b))
	for k := range am {
		am[k] = -1
	}
	for k := range bm {
		bm[k] = -1
	}
	n := 0
	for _, e := range edges {
		adj[e.i] = append(adj[e.i], e.j)
		if am[e.i] < 0 && bm[e.j] < 0 {
			am[e.i], bm[e.j] = e.j, e.i
			n++
		}
	}
	seen := make([]bool, len(b))
	var augment func(i int) bool
	augment = func(i int) bool {
		for _, j := range adj[i] {
			if seen[j] {
				continue
			}
			seen[j] = true
			if bm[j] < 0 || augment(bm[j]) {
				am[i], bm[j] = j, i
				return true
			}
		}
		return false
	}
	for i := range a {
		if am[i] >= 0 || len(adj[i]) == 0 {
			continue
		}
		clear(seen)
		if augment(i) {
			n++
		}
	}
	for i, j := range am {
		if j >= 0 {
			match[a[i]] = b[j]
		}
	}
	return n
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
