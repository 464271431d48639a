package suggest

import (
	"testing"
	"time"
	"unicode/utf8"

	"glossa/internal/bench"
)

// FuzzText feeds any valid text to the suggester: it must not panic, and
// what it returns must hold checkInvariants (spans within the text, whole
// code points, text matching offsets, links inside the result, order).
//
//	go test ./suggest -run '^$' -fuzz FuzzText -fuzztime 60s -fuzzminimizetime 2s
//
// (without -fuzzminimizetime the count of executions stands still for up
// to a minute while each new input is minimised: that is not a hang.)
func FuzzText(f *testing.F) {
	for _, s := range []string{
		`"We will not accept," said Maria Zakharova.`,
		"“X,” she said, “Y.”",
		"„Wir“ »sie« «il» ‹x› ›y‹ ‚z‘ 'a' ‘b’ don't O'Brien the '90s students'",
		"S: “one\n\n“two\n\n“three.”",
		"\"\"\"'''“”„“«»\n\n\n",
		"according to , \" : said he",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			t.Skip("a document's text is valid UTF-8")
		}
		checkInvariants(t, text, Text(text, Options{}))
	})
}

// targetPerMB is issue 20's target: a 1 MB article in under 200 ms.
const targetPerMB = 200 * time.Millisecond

// BenchmarkText1MB suggests on one generated 1 MB article (the bench
// corpus's generator: prose, quotes and attributions, names, emoji and
// non-Latin text) and reports the time against the target as a ratio
// (target-ratio below 1 meets it) and the suggestions found.
func BenchmarkText1MB(b *testing.B) {
	text := bench.Article(20, 1<<20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	var n int
	start := time.Now()
	for b.Loop() {
		n = len(Text(text, Options{}))
	}
	per := time.Since(start) / time.Duration(b.N)
	b.ReportMetric(float64(per)/float64(targetPerMB), "target-ratio")
	b.ReportMetric(float64(n), "suggestions")
}
