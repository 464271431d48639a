package agreement

import (
	"encoding/json"
	"math"
	"strconv"
)

// Score is one agreement figure. It is NaN where the figure is undefined:
// no pair of annotators to compare, nothing annotated, or (for the
// chance-corrected coefficients) a single category in use, where chance
// agreement is total and the coefficient divides by zero. Undefined is
// not zero: a table shows it as "–", CSV as an empty cell, JSON as null.
type Score float64

// undefined is the Score of a figure that cannot be computed.
var undefined = Score(math.NaN())

// Defined reports whether s is a number.
func (s Score) Defined() bool { return !math.IsNaN(float64(s)) }

// String is s with four decimals, or "–" when undefined.
func (s Score) String() string {
	if !s.Defined() {
		return "–"
	}
	return strconv.FormatFloat(float64(s), 'f', 4, 64)
}

// MarshalJSON writes s rounded to four decimals (what papers report, and
// stable from run to run), or null when undefined.
func (s Score) MarshalJSON() ([]byte, error) {
	if !s.Defined() || math.IsInf(float64(s), 0) {
		return []byte("null"), nil
	}
	return json.Marshal(math.Round(float64(s)*1e4) / 1e4)
}

// UnmarshalJSON reads what MarshalJSON writes: null is undefined.
func (s *Score) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*s = undefined
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*s = Score(f)
	return nil
}

// ratio is a/b, undefined when b is 0.
func ratio(a, b float64) Score {
	if b == 0 {
		return undefined
	}
	return Score(a / b)
}

// f1 is the F1 score of two annotators' matching: 2·matched / (a + b),
// the harmonic mean of precision and recall whichever annotator is taken
// as the reference. Undefined when neither annotated anything.
func f1(matched, a, b int) Score { return ratio(float64(2*matched), float64(a+b)) }

// Spread is a figure over annotator pairs: its mean, its standard
// deviation (the sample's, n-1; undefined for fewer than two pairs) and the
// number of pairs where it was defined.
type Spread struct {
	Mean  Score `json:"mean"`
	SD    Score `json:"sd"`
	Pairs int   `json:"pairs"`
}

// spread summarises the defined scores of xs.
func spread(xs []Score) Spread {
	var sum float64
	n := 0
	for _, x := range xs {
		if x.Defined() {
			sum += float64(x)
			n++
		}
	}
	s := Spread{Mean: undefined, SD: undefined, Pairs: n}
	if n == 0 {
		return s
	}
	mean := sum / float64(n)
	s.Mean = Score(mean)
	if n < 2 {
		return s
	}
	var ss float64
	for _, x := range xs {
		if x.Defined() {
			d := float64(x) - mean
			ss += d * d
		}
	}
	s.SD = Score(math.Sqrt(ss / float64(n-1)))
	return s
}

// String is "mean ± sd", or the mean alone when there is no spread.
func (s Spread) String() string {
	if !s.SD.Defined() {
		return s.Mean.String()
	}
	return s.Mean.String() + " ± " + s.SD.String()
}
