package agreement

import (
	"math"
	"testing"
)

// round4 rounds to the four decimals the literature prints.
func round4(f float64) float64 { return math.Round(f*1e4) / 1e4 }

// krippendorff2004 is the example of Krippendorff (2004, p. 254) as DKPro
// Statistics' Krippendorff2004Test builds it: a continuum from 150 of
// length 300, units as (begin, length).
func krippendorff2004() Continuum {
	return Continuum{Begin: 150, Length: 300, Raters: 2, Units: []Unit{
		{0, "c", 225, 70}, {0, "c", 370, 30},
		{1, "c", 220, 80}, {1, "c", 355, 20}, {1, "c", 400, 20},
		{0, "k", 180, 60}, {0, "k", 300, 50},
		{1, "k", 180, 60}, {1, "k", 300, 50},
	}}
}

func category(t *testing.T, u Unitizing, name string) CategoryAlpha {
	t.Helper()
	for _, c := range u.Categories {
		if c.Category == name {
			return c
		}
	}
	t.Fatalf("no category %q in %+v", name, u)
	return CategoryAlpha{}
}

func TestUnitizingAlphaKrippendorff2004(t *testing.T) {
	got := UnitizingAlpha(krippendorff2004())
	for _, w := range []struct {
		cat           string
		do, de, alpha float64
	}{
		{"c", 0.0144, 0.0532, 0.7286},
		{"k", 0, 0.0490, 1},
	} {
		c := category(t, got, w.cat)
		if g := round4(c.Observed); g != w.do {
			t.Errorf("%s: D_o = %.6f, want %.4f", w.cat, c.Observed, w.do)
		}
		if g := round4(c.Expected); g != w.de {
			t.Errorf("%s: D_e = %.6f, want %.4f", w.cat, c.Expected, w.de)
		}
		if g := round4(float64(c.Alpha)); g != w.alpha {
			t.Errorf("%s: alpha = %.6f, want %.4f", w.cat, float64(c.Alpha), w.alpha)
		}
	}
	// Overall. The book prints 0.8591: 1 - 0.0144/(0.0532 + 0.0490), its
	// own four-decimal D_o and D_e. Unrounded, the same formula (and
	// DKPro, whose test allows 0.0005 around 0.8591) gives
	// 1 - (1300/90000) / (D_e(c) + D_e(k)) = 0.85867: both are checked.
	c, k := category(t, got, "c"), category(t, got, "k")
	book := 1 - round4(c.Observed+k.Observed)/(round4(c.Expected)+round4(k.Expected))
	if g := round4(book); g != 0.8591 {
		t.Errorf("overall from four-decimal D_o, D_e = %.6f, want 0.8591", book)
	}
	if g := float64(got.Alpha); math.Abs(g-0.8591) > 0.0005 || round4(g) != 0.8587 {
		t.Errorf("overall alpha = %.6f, want 0.8587 (0.8591 ± 0.0005)", g)
	}
}

// TestUnitizingAlphaOneAgainstThree is DKPro's UnitizingAgreementTest: one
// rater marks (1,8), the other (2,1), (4,1) and (6,1) on a continuum of 10.
func TestUnitizingAlphaOneAgainstThree(t *testing.T) {
	got := UnitizingAlpha(Continuum{Length: 10, Raters: 2, Units: []Unit{
		{0, "A", 1, 8}, {1, "A", 2, 1}, {1, "A", 4, 1}, {1, "A", 6, 1},
	}})
	c := category(t, got, "A")
	for _, x := range []struct {
		name      string
		got, want float64
	}{
		{"D_o", c.Observed, 0.9100}, {"alpha", float64(c.Alpha), -0.7003}, {"overall", float64(got.Alpha), -0.7003},
	} {
		if round4(x.got) != x.want {
			t.Errorf("%s = %.6f, want %.4f", x.name, x.got, x.want)
		}
	}
	// D_e by hand: units 8, 1, 1, 1 (N = 4); gaps 1, 1 and 2, 1, 1, 3.
	// l = 8: 3(2·512 - 3·64 + 8)/3 = 840, no gap as long; each l = 1:
	// 0 + 1·(1+1+2+1+1+3) = 9. D_e = (840 + 27)(2/10) / (20·19 - 56) =
	// 173.4/324 = 0.535185: DKPro's test prints 0.5351 (within its 0.0001).
	if want := 173.4 / 324; math.Abs(c.Expected-want) > 1e-12 || math.Abs(c.Expected-0.5351) >= 1e-4 {
		t.Errorf("D_e = %.6f, want %.6f (0.5351 within 0.0001)", c.Expected, want)
	}
}

func TestUnitizingAlphaEdges(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    Continuum
		want Score
	}{
		// DKPro: one unit of one rater among three: chance and observation
		// alike, alpha 0; nothing marked: undefined.
		{"single unit", Continuum{Length: 20, Raters: 3, Units: []Unit{{0, "X", 0, 1}}}, 0},
		{"nothing marked", Continuum{Length: 20, Raters: 3}, undefined},
		{"one rater", Continuum{Length: 20, Raters: 1, Units: []Unit{{0, "X", 2, 5}}}, undefined},
		{"identical", Continuum{Length: 30, Raters: 2, Units: []Unit{{0, "X", 2, 5}, {1, "X", 2, 5}, {0, "Y", 10, 3}, {1, "Y", 10, 3}}}, 1},
		// Overlapping units of one rater are joined: (2,5) and (4,5) are
		// (2,7), the other rater's unit.
		{"overlap joined", Continuum{Length: 30, Raters: 2, Units: []Unit{{0, "X", 2, 5}, {0, "X", 4, 5}, {1, "X", 2, 7}}}, 1},
		// A unit of a rater past the raters counts for nothing.
		{"stray rater", Continuum{Length: 30, Raters: 2, Units: []Unit{{0, "X", 2, 5}, {1, "X", 2, 5}, {2, "X", 9, 5}}}, 1},
	} {
		got := UnitizingAlpha(tc.c).Alpha
		if got.Defined() != tc.want.Defined() || got.Defined() && round4(float64(got)) != float64(tc.want) {
			t.Errorf("%s: alpha = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestDistance: the sum of segment distances against DKPro's
// measureDistance cases (Krippendorff2004Test, UnitizingAgreementTest),
// added up over the units of the two raters.
func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b []rng
		want int64
	}{
		// c of the 2004 example: 50 + 850 + 400 (the (400,20) unit in a gap).
		{"2004 c", []rng{{225, 295}, {370, 400}}, []rng{{220, 300}, {355, 375}, {400, 420}}, 1300},
		{"one against three", []rng{{1, 9}}, []rng{{2, 3}, {4, 5}, {6, 7}}, 37 + 25 + 29},
		{"same", []rng{{5, 11}}, []rng{{5, 11}}, 0},
		{"units in gaps", []rng{{2, 5}}, []rng{{7, 9}}, 9 + 4},
		{"touching units against one", []rng{{0, 5}, {5, 10}}, []rng{{0, 10}}, 25 + 25},
		{"nothing against something", nil, []rng{{3, 7}}, 16},
	} {
		if got := distance(tc.a, tc.b); got != tc.want {
			t.Errorf("%s: distance = %d, want %d", tc.name, got, tc.want)
		}
		if got := distance(tc.b, tc.a); got != tc.want {
			t.Errorf("%s: distance reversed = %d, want %d", tc.name, got, tc.want)
		}
	}
}

// TestStudySections: a continuum laid out in two sections gives what one
// continuum with the same units gives, a gap running across the seam.
func TestStudySections(t *testing.T) {
	whole := UnitizingAlpha(Continuum{Length: 40, Raters: 2, Units: []Unit{
		{0, "X", 2, 5}, {1, "X", 3, 5}, {0, "X", 25, 4}, {1, "X", 30, 6},
	}})
	s := newStudy(2, 1)
	first := [][]rng{{{2, 7}}, {{3, 8}}}
	second := [][]rng{{{5, 9}}, {{10, 16}}}
	s.add(20, func(_, r int) []rng { return first[r] })
	s.add(20, func(_, r int) []rng { return second[r] })
	got, _ := s.result()
	if round4(float64(got)) != round4(float64(whole.Alpha)) || !got.Defined() {
		t.Errorf("two sections: alpha = %v, want %v as one continuum", got, whole.Alpha)
	}
}
