package agreement

// Missing is the value of a rater who gave a unit none.
const Missing = ""

// Coding is a chance-corrected coefficient of coded units: the observed
// agreement, the agreement expected by chance, and the coefficient
// (observed - expected) / (1 - expected), which for Krippendorff's alpha is
// 1 - D_o/D_e. Undefined where chance agreement is total (a single value
// in use) or no unit counted.
type Coding struct {
	Units    int     `json:"units"` // units that counted
	Observed float64 `json:"observed"`
	Expected float64 `json:"expected"`
	Value    Score   `json:"value"`
}

func coding(units int, observed, expected float64) Coding {
	c := Coding{Units: units, Observed: observed, Expected: expected, Value: undefined}
	if units > 0 && expected < 1 {
		c.Value = Score((observed - expected) / (1 - expected))
	}
	return c
}

// NominalAlpha returns Krippendorff's alpha for nominal data with missing
// values (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"):
// values[u][r] is rater r's value for unit u, Missing where r gave none.
// Every ordered pair of values within a unit is a coincidence, weighted
// 1/(m-1) for the unit's m values; units with fewer than two values
// cannot be paired and drop out. Observed and Expected are 1 - D_o and
// 1 - D_e.
func NominalAlpha(values [][]string) Coding {
	var a alphaAcc
	eachUnit(values, false, a.add)
	return a.result()
}

// eachUnit calls fn with each unit's values, coded as small integers
// (Missing ones left out); with complete set, only for the units with no
// Missing value.
func eachUnit(values [][]string, complete bool, fn func(vs []int)) {
	codes := codebook{}
	var vs []int
	for _, unit := range values {
		vs = vs[:0]
		for _, v := range unit {
			if v != Missing {
				vs = append(vs, codes.code(v))
			}
		}
		if !complete || len(vs) == len(unit) {
			fn(vs)
		}
	}
}

// CohenKappa returns Cohen's kappa (1960) of two raters: a[u] and b[u] are
// their values for unit u; units where either is Missing are left out.
// Chance is each rater's own distribution of values.
func CohenKappa(a, b []string) Coding { return pairOf(a, b).kappa() }

// ScottPi returns Scott's pi (1955) of two raters, as CohenKappa but with
// chance from the two raters' values pooled.
func ScottPi(a, b []string) Coding { return pairOf(a, b).pi() }

func pairOf(a, b []string) *pairAcc {
	var p pairAcc
	codes := codebook{}
	for u := range min(len(a), len(b)) {
		if a[u] != Missing && b[u] != Missing {
			p.add(codes.code(a[u]), codes.code(b[u]))
		}
	}
	return &p
}

// FleissKappa returns Fleiss' kappa (1971), Scott's pi for any number of
// raters: values[u][r] as for NominalAlpha. It wants every rater's value
// for a unit: units with a Missing value are left out.
func FleissKappa(values [][]string) Coding {
	var f fleissAcc
	eachUnit(values, true, f.add)
	return f.result()
}

// codebook numbers values in the order they are met.
type codebook map[string]int

func (c codebook) code(v string) int {
	n, ok := c[v]
	if !ok {
		n = len(c)
		c[v] = n
	}
	return n
}

// grow makes xs long enough to hold index i.
func grow[T any](xs []T, i int) []T {
	if i < len(xs) {
		return xs
	}
	return append(xs, make([]T, i+1-len(xs))...)
}

// alphaAcc accumulates nominal alpha unit by unit: n[c] is how many
// pairable values are c, off the coincidences of unequal values.
type alphaAcc struct {
	n     []float64
	off   float64
	units int
}

// add counts one unit's values (category codes, no missing ones).
func (a *alphaAcc) add(vs []int) {
	m := len(vs)
	if m < 2 {
		return
	}
	a.units++
	// Ordered pairs of equal values: Σ_c n_uc² - m, counted pairwise.
	same := 0
	for i, x := range vs {
		a.n = grow(a.n, x)
		a.n[x]++
		for _, y := range vs[i+1:] {
			if x == y {
				same += 2
			}
		}
	}
	a.off += float64(m*(m-1)-same) / float64(m-1)
}

func (a *alphaAcc) result() Coding {
	var total, sq float64
	for _, n := range a.n {
		total += n
		sq += n * n
	}
	if total < 2 {
		return coding(0, 0, 0)
	}
	do := a.off / total
	de := (total*total - sq) / (total * (total - 1))
	return coding(a.units, 1-do, 1-de)
}

// pairAcc accumulates two raters' values unit by unit.
type pairAcc struct {
	units, agree int
	a, b         []int // how often each rater gave each value
}

func (p *pairAcc) add(x, y int) {
	p.units++
	if x == y {
		p.agree++
	}
	p.a = grow(p.a, x)
	p.b = grow(p.b, y)
	p.a[x]++
	p.b[y]++
}

func (p *pairAcc) observed() float64 {
	if p.units == 0 {
		return 0
	}
	return float64(p.agree) / float64(p.units)
}

func (p *pairAcc) kappa() Coding {
	if p.units == 0 {
		return coding(0, 0, 0)
	}
	var e float64
	n := float64(p.units)
	for c := range min(len(p.a), len(p.b)) {
		e += float64(p.a[c]) / n * float64(p.b[c]) / n
	}
	return coding(p.units, p.observed(), e)
}

func (p *pairAcc) pi() Coding {
	if p.units == 0 {
		return coding(0, 0, 0)
	}
	var e float64
	n := 2 * float64(p.units)
	for c := range max(len(p.a), len(p.b)) {
		q := float64(at(p.a, c)+at(p.b, c)) / n
		e += q * q
	}
	return coding(p.units, p.observed(), e)
}

// alpha is nominal alpha of the two raters' units: each a unit of two
// values.
func (p *pairAcc) alpha() Coding {
	a := alphaAcc{units: p.units, off: 2 * float64(p.units-p.agree)}
	for c := range max(len(p.a), len(p.b)) {
		a.n = append(a.n, float64(at(p.a, c)+at(p.b, c)))
	}
	return a.result()
}

func at(xs []int, i int) int {
	if i < len(xs) {
		return xs[i]
	}
	return 0
}

// fleissAcc accumulates Fleiss' kappa over units with one number of
// values each (the first unit's; units with another are left out).
type fleissAcc struct {
	raters, units int
	squares       float64 // Σ_u Σ_c n_uc²
	totals        []float64
}

func (f *fleissAcc) add(vs []int) {
	if f.units == 0 {
		f.raters = len(vs)
	}
	if len(vs) != f.raters || f.raters < 2 {
		return
	}
	f.units++
	for i, x := range vs {
		f.totals = grow(f.totals, x)
		f.totals[x]++
		n := 0
		for j, y := range vs {
			if y == x {
				if j < i {
					n = -1 // counted with its first occurrence
					break
				}
				n++
			}
		}
		if n > 0 {
			f.squares += float64(n * n)
		}
	}
}

func (f *fleissAcc) result() Coding {
	if f.units == 0 {
		return coding(0, 0, 0)
	}
	N, n := float64(f.units), float64(f.raters)
	observed := (f.squares - N*n) / (N * n * (n - 1))
	var e float64
	for _, t := range f.totals {
		p := t / (N * n)
		e += p * p
	}
	return coding(f.units, observed, e)
}
