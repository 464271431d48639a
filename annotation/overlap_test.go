package annotation

import "testing"

// The one rule for "the same claim with other bounds": at least half of
// the shorter of the two shared, touching is not overlapping.
func TestMostlyOverlap(t *testing.T) {
	for _, tc := range []struct {
		a, b []Span
		want bool
	}{
		{[]Span{{Start: 18, End: 35}}, []Span{{Start: 18, End: 24}}, true},                    // inside
		{[]Span{{Start: 18, End: 35}}, []Span{{Start: 30, End: 44}}, false},                   // 5 of 14
		{[]Span{{Start: 18, End: 35}}, []Span{{Start: 28, End: 40}}, true},                    // 7 of 12
		{[]Span{{Start: 0, End: 4}, {Start: 10, End: 20}}, []Span{{Start: 2, End: 14}}, true}, // 2 + 4 of 12
		{[]Span{{Start: 0, End: 5}}, []Span{{Start: 5, End: 9}}, false},                       // touching
	} {
		if got := MostlyOverlap(tc.a, tc.b); got != tc.want {
			t.Errorf("MostlyOverlap(%v, %v) = %v; want %v", tc.a, tc.b, got, tc.want)
		}
	}
	sp := func(se ...int) []Span {
		var out []Span
		for i := 0; i < len(se); i += 2 {
			out = append(out, Span{Start: se[i], End: se[i+1]})
		}
		return out
	}
	for _, tc := range []struct {
		a, b []Span
		want bool
	}{
		{sp(0, 10), sp(0, 10), true},
		{sp(0, 10), sp(5, 100), true},       // half of the shorter
		{sp(0, 10), sp(6, 100), false},      // less than half
		{sp(0, 10), sp(10, 20), false},      // touching
		{sp(0, 4, 10, 14), sp(2, 12), true}, // two spans: 2+2 of 8
		{sp(0, 4, 10, 14), sp(3, 11), false},
	} {
		if got := MostlyOverlap(tc.a, tc.b); got != tc.want {
			t.Errorf("MostlyOverlap(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}
