package agreement

import (
	"cmp"
	"slices"

	"glossa/annotation"
)

// extent is the code points an annotation covers: its spans cut to the
// text, sorted, and joined where they touch or overlap. Two annotations are
// at the same position when their extents are equal.
type extent []rng

// appendExtent appends the extent of spans in a text of length code
// points to buf and returns both: the extent lives in buf's array, so that
// a layer's extents take one allocation, not one each.
func appendExtent(buf []rng, spans []annotation.Span, length int) ([]rng, extent) {
	n := len(buf)
	for _, s := range spans {
		buf = append(buf, rng{max(s.Start, 0), min(s.End, length)})
	}
	x := union(buf[n:], true)
	return buf[:n+len(x)], extent(x)
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

// compareExtents orders extents by their start and end, then range by
// range, a shorter prefix first.
func compareExtents(x, y extent) int {
	if c := compareEnds(x, y); c != 0 || len(x) == 1 && len(y) == 1 {
		return c
	}
	for i := range min(len(x), len(y)) {
		if x[i] != y[i] {
			if x[i].s != y[i].s {
				return cmp.Compare(x[i].s, y[i].s)
			}
			return cmp.Compare(x[i].e, y[i].e)
		}
	}
	return cmp.Compare(len(x), len(y))
}

// compareEnds orders extents by their start, then their end.
func compareEnds(x, y extent) int {
	if a, b := x.start(), y.start(); a != b {
		return cmp.Compare(a, b)
	}
	return cmp.Compare(x.end(), y.end())
}

// sameExtent reports whether x and y cover the same code points.
func sameExtent(x, y extent) bool { return compareExtents(x, y) == 0 }

// item is one annotation as the measures see it.
type item struct {
	s, e  int // ext's first and last code point (kept here: sorting reads them often)
	label int // index into the report's labels
	kind  int // index into annotation.Kinds()
	ext   extent
	ann   *annotation.Annotation
}

// strictMatches counts the pairs of a's and b's items (indices into as and
// bs, each sorted by start and end) at the same position, one to one: an
// extent twice in a and once in b is one match.
func strictMatches(as, bs []item, a, b []int) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		x, y := as[a[i]].ext, bs[b[j]].ext
		if c := cmp.Or(cmp.Compare(as[a[i]].s, bs[b[j]].s), cmp.Compare(as[a[i]].e, bs[b[j]].e)); c != 0 {
			if c < 0 {
				i++
			} else {
				j++
			}
			continue
		}
		// The runs of items with these ends: equal extents among them
		// (items of several spans may differ inside).
		gi, gj := i+1, j+1
		for gi < len(a) && as[a[gi]].s == as[a[i]].s && as[a[gi]].e == as[a[i]].e {
			gi++
		}
		for gj < len(b) && bs[b[gj]].s == as[a[i]].s && bs[b[gj]].e == as[a[i]].e {
			gj++
		}
		if gi-i == 1 && gj-j == 1 {
			if sameExtent(x, y) {
				n++
			}
		} else {
			used := make([]bool, gj-j)
			for _, ai := range a[i:gi] {
				for k, bj := range b[j:gj] {
					if !used[k] && sameExtent(as[ai].ext, bs[bj].ext) {
						used[k] = true
						n++
						break
					}
				}
			}
		}
		i, j = gi, gj
	}
	return n
}

// matcher aligns annotations one to one; its buffers serve call after
// call.
type matcher struct {
	edges  []edge
	first  []int // a's candidates are cand[first[i]:first[i+1]], best first
	cand   []int
	am, bm []int
	seen   []bool
}

type edge struct{ i, j, overlap, off int }

// align pairs a's items with b's (indices into as and bs, each sorted by
// start) one to one where they overlap, and records each pair in match
// (match[a's index] = b's index; the rest is left alone). The matching is
// maximum: as many pairs as the overlaps allow (augmenting paths, Kuhn's
// algorithm), started from the pairs of largest overlap taken greedily
// (ties: the closer edges), so that where several maximum matchings exist
// the larger overlaps are the ones kept. It returns the number of pairs.
func (m *matcher) align(as, bs []item, a, b []int, match []int) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	edges := m.edges[:0]
	longest := 0
	for _, j := range b {
		longest = max(longest, bs[j].e-bs[j].s)
	}
	for i, ai := range a {
		x, xs, xe := as[ai].ext, as[ai].s, as[ai].e
		// Only items starting within longest before x can reach it.
		lo, hi := 0, len(b)
		for lo < hi {
			if h := int(uint(lo+hi) >> 1); bs[b[h]].s > xs-longest {
				hi = h
			} else {
				lo = h + 1
			}
		}
		for j := lo; j < len(b) && bs[b[j]].s < xe; j++ {
			y := &bs[b[j]]
			if y.e <= xs {
				continue
			}
			if n := x.intersect(y.ext); n > 0 {
				off := abs(xs-y.s) + abs(xe-y.e)
				edges = append(edges, edge{i, j, n, off})
			}
		}
	}
	m.edges = edges
	if len(edges) == 0 {
		return 0
	}
	slices.SortFunc(edges, func(p, q edge) int {
		switch {
		case p.overlap != q.overlap:
			return cmp.Compare(q.overlap, p.overlap)
		case p.off != q.off:
			return cmp.Compare(p.off, q.off)
		case p.i != q.i:
			return cmp.Compare(p.i, q.i)
		}
		return cmp.Compare(p.j, q.j)
	})
	// Candidates of each a, in the edges' order (a stable counting sort).
	m.first = resize(m.first, len(a)+1)
	clear(m.first)
	for _, e := range edges {
		m.first[e.i+1]++
	}
	for i := range a {
		m.first[i+1] += m.first[i]
	}
	m.cand = resize(m.cand, len(edges))
	m.am, m.bm = resize(m.am, len(a)), resize(m.bm, len(b))
	copy(m.am, m.first[:len(a)]) // where each a's next candidate goes
	for _, e := range edges {
		m.cand[m.am[e.i]] = e.j
		m.am[e.i]++
	}
	for k := range m.am {
		m.am[k] = -1
	}
	for k := range m.bm {
		m.bm[k] = -1
	}
	n := 0
	for _, e := range edges {
		if m.am[e.i] < 0 && m.bm[e.j] < 0 {
			m.am[e.i], m.bm[e.j] = e.j, e.i
			n++
		}
	}
	m.seen = resize(m.seen, len(b))
	for i := range a {
		if m.am[i] >= 0 || m.first[i] == m.first[i+1] {
			continue
		}
		clear(m.seen)
		if m.augment(i) {
			n++
		}
	}
	for i, j := range m.am {
		if j >= 0 {
			match[a[i]] = b[j]
		}
	}
	return n
}

// augment looks for an augmenting path from a's unmatched i.
func (m *matcher) augment(i int) bool {
	for _, j := range m.cand[m.first[i]:m.first[i+1]] {
		if m.seen[j] {
			continue
		}
		m.seen[j] = true
		if m.bm[j] < 0 || m.augment(m.bm[j]) {
			m.am[i], m.bm[j] = j, i
			return true
		}
	}
	return false
}

// resize returns xs with length n, reusing its array when it can.
func resize[T any](xs []T, n int) []T {
	if cap(xs) >= n {
		return xs[:n]
	}
	return make([]T, n)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
