package agreement

import (
	"cmp"
	"slices"
)

// rng is the code points [s, e) of a continuum.
type rng struct{ s, e int }

func (r rng) len() int { return r.e - r.s }

// union sorts rs in place and joins the ranges that overlap; with touching
// set, also those that only touch ([0,5) and [5,9) become [0,9)). Empty
// ranges are dropped.
func union(rs []rng, touching bool) []rng {
	slices.SortFunc(rs, func(a, b rng) int { return cmp.Or(cmp.Compare(a.s, b.s), cmp.Compare(a.e, b.e)) })
	out := rs[:0]
	for _, r := range rs {
		if r.s >= r.e {
			continue
		}
		if n := len(out); n > 0 && (r.s < out[n-1].e || touching && r.s == out[n-1].e) {
			out[n-1].e = max(out[n-1].e, r.e)
			continue
		}
		out = append(out, r)
	}
	return out
}

// Unit is a stretch of a continuum that one rater marked with one
// category: the positions [Begin, Begin+Length).
type Unit struct {
	Rater    int    // 0 to Continuum.Raters-1
	Category string // not empty
	Begin    int
	Length   int
}

// Continuum is a unitizing study: Raters raters each marked units of
// categories on the positions [Begin, Begin+Length) (Glossa: the code
// points of a text). A rater who marked nothing of a category left all of
// it a gap of that category.
type Continuum struct {
	Begin, Length int
	Raters        int
	Units         []Unit
}

// CategoryAlpha is alpha-U of one category: its observed and expected
// disagreement (D_o, D_e) and alpha = 1 - D_o/D_e.
type CategoryAlpha struct {
	Category string  `json:"category"`
	Observed float64 `json:"observed"`
	Expected float64 `json:"expected"`
	Alpha    Score   `json:"alpha"`
}

// Unitizing is alpha-U over a continuum: overall and per category (by
// name).
type Unitizing struct {
	Alpha      Score           `json:"alpha"`
	Categories []CategoryAlpha `json:"categories"`
}

// UnitizingAlpha returns Krippendorff's alpha-U for unitizing (Krippendorff
// 1995; Content Analysis, 2nd ed., 2004), computed as DKPro Statistics'
// KrippendorffAlphaUnitizingAgreement does:
//
//   - each rater's positions of a category are units and gaps. The distance
//     of two overlapping units is (b1-b2)² + (e1-e2)² (their begins and
//     ends); of a unit and a gap of the other rater that holds it whole, the
//     unit's length squared; anything else 0. Observed disagreement D_o is
//     twice the sum of the distances of every overlapping pair of segments
//     of every pair of raters, over R(R-1)L²;
//   - expected disagreement D_e considers every unitizing of the continuum:
//     with N units of the category, of lengths l, and the gaps g of every
//     rater, D_e = (2/L) Σ_l [ (N-1)(2l³-3l²+l)/3 + l² Σ_{g≥l} (g-l+1) ] /
//     (RL(RL-1) - Σ_l l(l-1));
//   - alpha of a category is 1 - D_o/D_e (0 where D_o = D_e, as DKPro);
//     overall, 1 - mean D_o / mean D_e over the categories with a unit.
//
// On Krippendorff's (2004) example this gives c 0.7286, k 1 and 0.8587
// overall; the book prints 0.8591, computed from its four-decimal D_o and
// D_e (DKPro's test allows 0.0005 around it).
//
// The measure wants the units of one rater and category apart: overlapping
// ones are joined first (touching ones stay two units). Units outside the
// continuum are cut to it; units of a rater outside 0..Raters-1 are left
// out. Alpha is undefined with fewer than two raters or no unit.
func UnitizingAlpha(c Continuum) Unitizing {
	var names []string
	index := map[string]int{}
	for _, u := range c.Units {
		if _, ok := index[u.Category]; !ok {
			index[u.Category] = len(names)
			names = append(names, u.Category)
		}
	}
	units := make([][][]rng, len(names)) // [category][rater]
	for i := range units {
		units[i] = make([][]rng, max(c.Raters, 0))
	}
	for _, u := range c.Units {
		if u.Rater < 0 || u.Rater >= c.Raters {
			continue
		}
		s, e := max(u.Begin-c.Begin, 0), min(u.Begin+u.Length-c.Begin, c.Length)
		k := index[u.Category]
		units[k][u.Rater] = append(units[k][u.Rater], rng{s, e})
	}
	for _, byRater := range units {
		for r, rs := range byRater {
			byRater[r] = union(rs, false)
		}
	}
	s := newStudy(c.Raters, len(names))
	s.add(c.Length, func(k, r int) []rng { return units[k][r] })
	overall, cats := s.result()
	out := Unitizing{Alpha: overall}
	for k, d := range cats {
		if d.units > 0 {
			out.Categories = append(out.Categories, CategoryAlpha{Category: names[k], Observed: d.observed, Expected: d.expected, Alpha: d.alpha})
		}
	}
	slices.SortFunc(out.Categories, func(a, b CategoryAlpha) int { return cmp.Compare(a.Category, b.Category) })
	return out
}

// study accumulates alpha-U over one continuum laid out section by section
// (Compute: the articles end to end). Observed distances add up over
// sections, since no unit crosses a section's edge; a gap may run on from
// one section into the next, so each rater's open gap is carried over.
type study struct {
	raters int
	length int
	cats   []catStudy
	cur    [][]rng // scratch: the section's units of one category, by rater
}

type catStudy struct {
	units    int
	observed int64 // sum of the distances over pairs of raters
	lens     []int // unit lengths, every rater
	gaps     []int // closed gaps, every rater
	open     []int // per rater, the gap running at the end of the last section
}

func newStudy(raters, categories int) *study {
	s := &study{raters: raters, cats: make([]catStudy, categories), cur: make([][]rng, raters)}
	for k := range s.cats {
		s.cats[k].open = make([]int, raters)
	}
	return s
}

// reset empties s for another continuum, keeping its buffers.
func (s *study) reset() {
	s.length = 0
	for k := range s.cats {
		c := &s.cats[k]
		c.units, c.observed, c.lens, c.gaps = 0, 0, c.lens[:0], c.gaps[:0]
		clear(c.open)
	}
}

// add lays a section of n positions at the end of the continuum;
// units(k, r) is rater r's units of category k in it, sorted and apart,
// within [0, n).
func (s *study) add(n int, units func(k, r int) []rng) {
	s.length += n
	for k := range s.cats {
		c := &s.cats[k]
		marked := false
		for r := range s.cur {
			us := units(k, r)
			s.cur[r] = us
			if len(us) == 0 {
				c.open[r] += n
				continue
			}
			marked = true
			c.units += len(us)
			c.gap(r, us[0].s)
			c.lens = append(c.lens, us[0].len())
			for i := 1; i < len(us); i++ {
				c.gaps = appendGap(c.gaps, us[i].s-us[i-1].e)
				c.lens = append(c.lens, us[i].len())
			}
			c.open[r] = n - us[len(us)-1].e
		}
		if !marked {
			continue
		}
		for r1 := range s.cur {
			for r2 := r1 + 1; r2 < len(s.cur); r2++ {
				c.observed += distance(s.cur[r1], s.cur[r2])
			}
		}
	}
}

// gap closes rater r's open gap, lengthened by lead positions.
func (c *catStudy) gap(r, lead int) {
	c.gaps = appendGap(c.gaps, c.open[r]+lead)
	c.open[r] = 0
}

func appendGap(gaps []int, g int) []int {
	if g > 0 {
		return append(gaps, g)
	}
	return gaps
}

// disagreement is one category's result.
type disagreement struct {
	units              int
	observed, expected float64
	alpha              Score
}

// result closes the open gaps and returns alpha-U overall and per category
// (alpha undefined for a category without units). Call it once.
func (s *study) result() (Score, []disagreement) {
	out := make([]disagreement, len(s.cats))
	var sumO, sumE float64
	used := 0
	for k := range s.cats {
		c := &s.cats[k]
		d := disagreement{units: c.units, alpha: undefined}
		if c.units > 0 && s.raters >= 2 && s.length > 0 {
			for r := range c.open {
				c.gap(r, 0)
			}
			R, L := float64(s.raters), float64(s.length)
			d.observed = 2 * float64(c.observed) / (R * (R - 1) * L * L)
			d.expected = expected(c.lens, c.gaps, s.raters, s.length)
			d.alpha = alphaOf(d.observed, d.expected)
			sumO += d.observed
			sumE += d.expected
			used++
		}
		out[k] = d
	}
	if used == 0 {
		return undefined, out
	}
	return alphaOf(sumO, sumE), out
}

// alphaOf is 1 - do/de; 0 where they are equal, as DKPro has it (a single
// unit of one rater: chance and observation alike).
func alphaOf(do, de float64) Score {
	switch {
	case do == de:
		return 0
	case de == 0:
		return undefined
	}
	return Score(1 - do/de)
}

// distance is the sum of Krippendorff's distances between the segments of
// two raters (units a and b, sorted and apart; the rest gaps): every
// overlapping pair of units counts (b1-b2)² + (e1-e2)², every unit that
// overlaps none of the other's lies whole in one of its gaps and counts
// its length squared; gap against gap counts nothing.
func distance(a, b []rng) int64 {
	var d int64
	sq := func(r rng) int64 { return int64(r.len()) * int64(r.len()) }
	i, j := 0, 0
	hitA, hitB := false, false
	for i < len(a) && j < len(b) {
		x, y := a[i], b[j]
		if x.s < y.e && y.s < x.e {
			ds, de := int64(x.s-y.s), int64(x.e-y.e)
			d += ds*ds + de*de
			hitA, hitB = true, true
		}
		// Whichever ends first overlaps nothing further of the other.
		if x.e <= y.e {
			if !hitA {
				d += sq(x)
			}
			i, hitA = i+1, false
		}
		if y.e <= x.e {
			if !hitB {
				d += sq(y)
			}
			j, hitB = j+1, false
		}
	}
	for ; i < len(a); i, hitA = i+1, false {
		if !hitA {
			d += sq(a[i])
		}
	}
	for ; j < len(b); j, hitB = j+1, false {
		if !hitB {
			d += sq(b[j])
		}
	}
	return d
}

// expected is alpha-U's expected disagreement of one category: lens are
// the lengths of its units (every rater's), gaps the lengths of every
// rater's gaps. Σ_{g≥l} (g-l+1) is S - k(l-1), with k the gaps at least l
// long and S their total; both come from a histogram of the gaps up to
// the longest unit (a longer gap counts for every unit alike), so that
// nothing is sorted.
func expected(lens, gaps []int, raters, length int) float64 {
	longest := 0
	for _, n := range lens {
		longest = max(longest, n)
	}
	count := make([]int, longest+2) // count[l]: gaps at least l long (after the sums below)
	total := make([]float64, longest+2)
	for _, g := range gaps {
		b := min(g, longest)
		count[b]++
		total[b] += float64(g)
	}
	for l := longest - 1; l >= 0; l-- {
		count[l] += count[l+1]
		total[l] += total[l+1]
	}
	var cubic, fit, sq float64
	for _, n := range lens {
		l := float64(n)
		cubic += 2*l*l*l - 3*l*l + l
		sq += l * (l - 1)
		fit += l * l * (total[n] - float64(count[n])*(l-1))
	}
	N, RL := float64(len(lens)), float64(raters)*float64(length)
	num := ((N-1)*cubic/3 + fit) * 2 / float64(length)
	return num / (RL*(RL-1) - sq)
}
