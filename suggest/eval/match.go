package eval

import (
	"cmp"
	"slices"
	"unicode"

	"glossa/annotation"
)

// rng is a stretch of code points [s, e).
type rng struct{ s, e int }

// extent is an annotation's spans as scoring compares them: trimmed,
// sorted, merged.
type extent []rng

func (x extent) size() int {
	n := 0
	for _, r := range x {
		n += r.e - r.s
	}
	return n
}

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

// trimmable reports whether r is trimmed from span edges: white space,
// punctuation (quote marks are punctuation) and the accents typed as quote
// marks.
func trimmable(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || r == '`' || r == '´'
}

// extentOf trims each span of white space, quote marks and punctuation at
// both ends and merges what is left; when nothing is (a colon cue), the
// spans as they are.
func extentOf(text []rune, spans []annotation.Span) extent {
	var out, raw extent
	for _, sp := range spans {
		s, e := max(sp.Start, 0), min(sp.End, len(text))
		if s >= e {
			continue
		}
		raw = append(raw, rng{s, e})
		for s < e && trimmable(text[s]) {
			s++
		}
		for e > s && trimmable(text[e-1]) {
			e--
		}
		if s < e {
			out = append(out, rng{s, e})
		}
	}
	if len(out) == 0 {
		out = raw
	}
	return merge(out)
}

func merge(x extent) extent {
	slices.SortFunc(x, func(a, b rng) int { return cmp.Or(cmp.Compare(a.s, b.s), cmp.Compare(a.e, b.e)) })
	var out extent
	for _, r := range x {
		if n := len(out); n > 0 && r.s <= out[n-1].e {
			out[n-1].e = max(out[n-1].e, r.e)
			continue
		}
		out = append(out, r)
	}
	return out
}

// Level is how close a suggestion must be to a gold annotation to match it.
type Level int

// The levels every group is scored at.
const (
	Exact     Level = iota // the same code points, after trimming
	Overlap30              // the intersection covers >= 0.3 of the gold's code points
	Overlap80              // >= 0.8
)

// Levels lists the levels in the order reports give them.
func Levels() []Level { return []Level{Exact, Overlap30, Overlap80} }

func (l Level) String() string {
	switch l {
	case Exact:
		return "exact"
	case Overlap30:
		return "overlap>=0.3"
	case Overlap80:
		return "overlap>=0.8"
	}
	return "?"
}

// overlap is the share of gold's code points sugg covers, and whether the
// pair matches at level l.
func overlap(gold, sugg extent, l Level) (float64, bool) {
	g := gold.size()
	if g == 0 {
		return 0, false
	}
	in := gold.intersect(sugg)
	f := float64(in) / float64(g)
	switch l {
	case Exact:
		return f, in == g && sugg.size() == g
	case Overlap30:
		return f, in > 0 && 10*in >= 3*g
	case Overlap80:
		return f, in > 0 && 10*in >= 8*g
	}
	return f, false
}

// match pairs gold and suggested extents one to one at level l and returns,
// for each gold index, the suggestion it is matched with (-1 for none).
// The matching is maximum (the most pairs the level admits): augmenting
// paths (Kuhn's algorithm) over candidates tried in order of decreasing
// overlap, started from the greedy pairing by largest overlap, so that
// where several maximum matchings exist the larger overlaps are kept.
func match(gold, sugg []extent, l Level) []int {
	type cand struct {
		j int
		f float64
	}
	adj := make([][]cand, len(gold))
	type pair struct {
		i, j int
		f    float64
	}
	var pairs []pair
	for i, g := range gold {
		for j, s := range sugg {
			if g.size() == 0 || s.size() == 0 || g[len(g)-1].e <= s[0].s || s[len(s)-1].e <= g[0].s {
				continue
			}
			if f, ok := overlap(g, s, l); ok {
				adj[i] = append(adj[i], cand{j, f})
				pairs = append(pairs, pair{i, j, f})
			}
		}
		slices.SortStableFunc(adj[i], func(a, b cand) int { return cmp.Compare(b.f, a.f) })
	}
	gm := make([]int, len(gold))
	sm := make([]int, len(sugg))
	for i := range gm {
		gm[i] = -1
	}
	for j := range sm {
		sm[j] = -1
	}
	slices.SortStableFunc(pairs, func(a, b pair) int { return cmp.Compare(b.f, a.f) })
	for _, p := range pairs {
		if gm[p.i] < 0 && sm[p.j] < 0 {
			gm[p.i], sm[p.j] = p.j, p.i
		}
	}
	var seen []bool
	var augment func(i int) bool
	augment = func(i int) bool {
		for _, c := range adj[i] {
			if seen[c.j] {
				continue
			}
			seen[c.j] = true
			if sm[c.j] < 0 || augment(sm[c.j]) {
				gm[i], sm[c.j] = c.j, i
				return true
			}
		}
		return false
	}
	for i := range gold {
		if gm[i] >= 0 || len(adj[i]) == 0 {
			continue
		}
		seen = make([]bool, len(sugg))
		augment(i)
	}
	return gm
}
