package dataset

import (
	"strings"

	"glossa/annotation"
)

// maxCandidates bounds the occurrences of a quote Anchor compares.
const maxCandidates = 10000

// Anchor finds the span of the indexed text that quote refers to. When the
// text between start and end is quote, that is the answer. Otherwise the
// occurrence of quote whose surrounding text best matches prefix and suffix
// (the most code points in common), nearest to start on a tie, is taken and
// moved is true: the re-anchoring that orphaned Hypothesis annotations need
// (hypothesis/h#3154). ok is false when quote is empty or not in the text.
func Anchor(o *annotation.Offsets, start, end int, quote, prefix, suffix string) (s, e int, moved, ok bool) {
	if start < end && o.Valid(start) && o.Valid(end) && o.Slice(start, end) == quote && quote != "" {
		return start, end, false, true
	}
	if quote == "" {
		return 0, 0, false, false
	}
	text := o.Text()
	n := annotation.Len(quote)
	best, bestScore, bestDist := -1, -1, 0
	for from, seen := 0, 0; from <= len(text) && seen < maxCandidates; seen++ {
		i := strings.Index(text[from:], quote)
		if i < 0 {
			break
		}
		b := from + i
		from = b + 1
		cp, ok := o.FromByte(b)
		if !ok {
			continue
		}
		score := commonSuffix(text[:b], prefix) + commonPrefix(text[b+len(quote):], suffix)
		dist := cp - start
		if dist < 0 {
			dist = -dist
		}
		if score > bestScore || (score == bestScore && dist < bestDist) {
			best, bestScore, bestDist = cp, score, dist
		}
	}
	if best < 0 {
		return 0, 0, false, false
	}
	return best, best + n, true, true
}

// commonSuffix counts the code points a and b share at their ends.
func commonSuffix(a, b string) int {
	ra, rb := []rune(lastRunes(a, 64)), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[len(ra)-1-n] == rb[len(rb)-1-n] {
		n++
	}
	return n
}

// commonPrefix counts the code points a and b share at their starts.
func commonPrefix(a, b string) int {
	n := 0
	rb := []rune(b)
	for _, r := range a {
		if n >= len(rb) || rb[n] != r {
			break
		}
		n++
	}
	return n
}

// lastRunes returns about the last n code points of s (more when s holds
// multi-byte characters near the cut; never splits one).
func lastRunes(s string, n int) string {
	if len(s) <= 4*n {
		return s
	}
	s = s[len(s)-4*n:]
	for len(s) > 0 && s[0]&0xC0 == 0x80 {
		s = s[1:]
	}
	return s
}

// Context returns up to n code points before start and after end, the
// prefix and suffix of a TextQuoteSelector.
func Context(o *annotation.Offsets, start, end, n int) (prefix, suffix string) {
	return o.Slice(start-n, start), o.Slice(end, end+n)
}

// SpanFromUTF16 converts a UTF-16 range to a code point span of the text.
// ok is false when either end is outside the text or splits a surrogate
// pair, or the range is empty.
func SpanFromUTF16(o *annotation.Offsets, start, end int) (annotation.Span, bool) {
	s, ok1 := o.FromUTF16(start)
	e, ok2 := o.FromUTF16(end)
	if !ok1 || !ok2 || s >= e {
		return annotation.Span{}, false
	}
	sp, err := annotation.NewSpan(o, s, e)
	return sp, err == nil
}

// FinishSpans sorts spans, merges those that overlap or touch (another
// tool's fragments of one annotation may do both), and returns them.
func FinishSpans(o *annotation.Offsets, spans []annotation.Span) []annotation.Span {
	annotation.SortSpans(spans)
	out := spans[:0]
	for _, s := range spans {
		if k := len(out); k > 0 && s.Start < out[k-1].End {
			if s.End > out[k-1].End {
				out[k-1].End = s.End
				out[k-1].Text = o.Slice(out[k-1].Start, s.End)
			}
			continue
		}
		out = append(out, s)
	}
	return out
}
