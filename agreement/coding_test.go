package agreement

import (
	"math"
	"strings"
	"testing"
)

// round3 rounds to the three decimals some sources print.
func round3(f float64) float64 { return math.Round(f*1e3) / 1e3 }

// units reads a reliability matrix written one rater a row, one value a
// column, "." for missing, and returns it one unit a row.
func units(rows ...string) [][]string {
	var raters [][]string
	for _, r := range rows {
		raters = append(raters, strings.Fields(r))
	}
	out := make([][]string, len(raters[0]))
	for u := range out {
		for _, r := range raters {
			v := r[u]
			if v == "." {
				v = Missing
			}
			out[u] = append(out[u], v)
		}
	}
	return out
}

// TestNominalAlphaKrippendorff2011: the four observers and twelve units of
// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
// missing values among them: nominal alpha 0.743.
func TestNominalAlphaKrippendorff2011(t *testing.T) {
	got := NominalAlpha(units(
		"1 2 3 3 2 1 4 1 2 . . .",
		"1 2 3 3 2 2 4 1 2 5 . 3",
		". 3 3 3 2 3 4 2 2 5 1 .",
		"1 2 3 3 2 4 4 1 2 5 1 .",
	))
	if round3(float64(got.Value)) != 0.743 {
		t.Errorf("alpha = %.6f, want 0.743", float64(got.Value))
	}
	// Unit 12 has one value: it cannot be paired.
	if got.Units != 11 {
		t.Errorf("units = %d, want 11", got.Units)
	}
}

// artsteinPoesio is the 100 utterances two coders classified in Artstein
// and Poesio (2008, "Inter-coder agreement for computational linguistics",
// p. 568): coder A's rows, coder B's columns.
//
//	        Stat IReq Chck   Σ
//	Stat      46    6    0  52
//	IReq       0   32    0  32
//	Chck       0    6   10  16
//	Σ         46   44   10 100
func artsteinPoesio() (a, b []string) {
	add := func(n int, x, y string) {
		for range n {
			a, b = append(a, x), append(b, y)
		}
	}
	add(46, "Stat", "Stat")
	add(6, "Stat", "IReq")
	add(32, "IReq", "IReq")
	add(6, "Chck", "IReq")
	add(10, "Chck", "Chck")
	return a, b
}

func TestArtsteinPoesio2008(t *testing.T) {
	a, b := artsteinPoesio()
	var matrix [][]string
	for u := range a {
		matrix = append(matrix, []string{a[u], b[u]})
	}
	kappa, pi, alpha, fleiss := CohenKappa(a, b), ScottPi(a, b), NominalAlpha(matrix), FleissKappa(matrix)
	for _, x := range []struct {
		name      string
		got, want float64
		round     func(float64) float64
	}{
		{"observed", kappa.Observed, 0.88, round4},
		{"pi", float64(pi.Value), 0.7995, round4},
		{"kappa", float64(kappa.Value), 0.8013, round4},
		// Fleiss' kappa of two raters is Scott's pi.
		{"fleiss", float64(fleiss.Value), 0.7995, round4},
	} {
		if x.round(x.got) != x.want {
			t.Errorf("%s = %.6f, want %v", x.name, x.got, x.want)
		}
	}
	// Alpha, printed 0.800 (DKPro: D_o 0.120, D_e 0.601, alpha 0.800 within
	// 0.001). By hand: the 200 values are 98 Stat, 76 IReq, 26 Chck, so
	// D_e = (200² - 98² - 76² - 26²) / (200·199) = 23944/39800 and alpha =
	// 1 - 0.12/D_e = 0.800535, which is 0.800 to three decimals only as
	// 1 - 0.12/0.601 (D_e rounded first) is.
	want := 1 - 0.12/(23944.0/39800)
	for _, got := range []float64{float64(alpha.Value), float64(pairOf(a, b).alpha().Value)} {
		if math.Abs(got-want) > 1e-12 || math.Abs(got-0.800) >= 0.001 {
			t.Errorf("alpha = %.6f, want %.6f (0.800 within 0.001)", got, want)
		}
	}
}

// TestFleissKappaWikipedia: the example of the Fleiss' kappa article in
// Wikipedia (14 raters, 10 subjects, 5 categories), kappa 0.210.
func TestFleissKappaWikipedia(t *testing.T) {
	counts := [][5]int{
		{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
		{7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7},
	}
	var matrix [][]string
	for _, row := range counts {
		var unit []string
		for c, n := range row {
			for range n {
				unit = append(unit, string(rune('1'+c)))
			}
		}
		matrix = append(matrix, unit)
	}
	if got := FleissKappa(matrix); round3(float64(got.Value)) != 0.210 {
		t.Errorf("kappa = %.6f, want 0.210", float64(got.Value))
	}
}

func TestCodingEdges(t *testing.T) {
	for _, tc := range []struct {
		name       string
		a, b       []string
		kappa, pi  Score
		wantUnits  int
		wantAlpha  Score
		alphaUnits [][]string
	}{
		{name: "identical", a: []string{"x", "y", "x"}, b: []string{"x", "y", "x"}, kappa: 1, pi: 1, wantUnits: 3, wantAlpha: 1},
		// One value only: chance agreement is total, the coefficients
		// undefined.
		{name: "one value", a: []string{"x", "x"}, b: []string{"x", "x"}, kappa: undefined, pi: undefined, wantUnits: 2, wantAlpha: undefined},
		{name: "missing left out", a: []string{"x", Missing, "y"}, b: []string{"x", "y", "y"}, kappa: 1, pi: 1, wantUnits: 2, wantAlpha: 1},
		{name: "nothing", kappa: undefined, pi: undefined, wantAlpha: undefined},
		// Complete disagreement of two raters on two values.
		{name: "opposite", a: []string{"x", "y"}, b: []string{"y", "x"}, kappa: -1, pi: -1, wantUnits: 2, wantAlpha: -0.5},
	} {
		k, p := CohenKappa(tc.a, tc.b), ScottPi(tc.a, tc.b)
		var m [][]string
		for u := range tc.a {
			m = append(m, []string{tc.a[u], tc.b[u]})
		}
		al := NominalAlpha(m)
		for _, x := range []struct {
			what      string
			got, want Score
		}{{"kappa", k.Value, tc.kappa}, {"pi", p.Value, tc.pi}, {"alpha", al.Value, tc.wantAlpha}} {
			if x.got.Defined() != x.want.Defined() || x.got.Defined() && round4(float64(x.got)) != float64(x.want) {
				t.Errorf("%s: %s = %v, want %v", tc.name, x.what, x.got, x.want)
			}
		}
		if k.Units != tc.wantUnits {
			t.Errorf("%s: units = %d, want %d", tc.name, k.Units, tc.wantUnits)
		}
	}
}

func TestFleissKappaLeavesIncompleteUnitsOut(t *testing.T) {
	got := FleissKappa([][]string{{"x", "x", "x"}, {"y", "y", "y"}, {"x", Missing, "y"}, {"x", "y"}})
	if got.Units != 2 || got.Value != 1 {
		t.Errorf("got %+v, want 2 units, kappa 1", got)
	}
}
