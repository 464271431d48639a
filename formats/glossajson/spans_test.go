package glossajson

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"glossa/annotation"
)

// TestSpansHoldLikeCheckSpans compares spanCheck.hold with annotation.CheckSpans
// on random spans, right and wrong, over texts of mixed scripts.
func TestSpansHoldLikeCheckSpans(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	texts := []string{"", "plain ASCII text, short.", "Καλημέρα κόσμε 😀 新闻 خبر समाचार é\u0301 👩‍👩‍👧 end",
		"a😀b😀c😀d", "\U0001F600\U0001F600", strings.Repeat("ab Καλη 😀 新 x́yz ", 12)}
	var c spanCheck
	held := 0
	for range 20000 {
		text := texts[r.IntN(len(texts))]
		o := annotation.NewOffsets(text)
		n := o.Len()
		var anns []annotation.Annotation
		for range 1 + r.IntN(3) {
			var a annotation.Annotation
			at := r.IntN(n+1) - r.IntN(2)
			for range r.IntN(3) + 1 {
				start := at + r.IntN(2)
				end := start + 1 + r.IntN(3)
				if r.IntN(10) == 0 {
					end = start - r.IntN(2) // empty or reversed
				}
				if r.IntN(10) == 0 {
					start-- // may overlap the previous span
				}
				sp := annotation.Span{Start: start, End: end, Text: o.Slice(start, end)}
				switch r.IntN(8) {
				case 0:
					sp.Text += "x"
				case 1:
					if sp.Text != "" {
						sp.Text = sp.Text[1:]
					}
				}
				a.Spans = append(a.Spans, sp)
				at = end
			}
			if r.IntN(20) == 0 {
				a.Spans = nil
			}
			anns = append(anns, a)
		}
		want := true
		for _, a := range anns {
			if annotation.CheckSpans(o, a.Spans) != nil {
				want = false
			}
		}
		got := c.hold(text, anns)
		if got != want {
			t.Fatalf("text %q, annotations %+v: hold %v; CheckSpans says %v", text, anns, got, want)
		}
		if got {
			held++
		}
	}
	if held < 1000 || held > 19000 {
		t.Errorf("%d of 20000 cases hold; want many of each", held)
	}
}

func TestAppendTime(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	times := []time.Time{
		time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 1, time.UTC),
		time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 2, 29, 12, 0, 0, 5, time.FixedZone("", -9*3600-1800)),
	}
	for range 10000 {
		times = append(times, time.Unix(r.Int64N(1<<36)-1<<35, r.Int64N(1e9)).In(time.FixedZone("", r.IntN(50000)-25000)))
	}
	for _, tm := range times {
		if got, want := string(appendTime([]byte("x"), tm)), "x"+tm.UTC().Format(timeLayout); got != want {
			t.Fatalf("appendTime(%v): got %s; want %s", tm, got, want)
		}
	}
}
