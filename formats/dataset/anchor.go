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
	rb := []rune(b)
	ra := []rune(lastRunes(a, len(rb)))
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

// FinishSpans sorts spans, merges those that overlap (another tool's
// fragments of one annotation may), and returns them.
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

// FragmentLink is the relation type doccano and Label Studio exports use to
// join the fragments of a discontinuous annotation, which those tools
// cannot hold in one region: from the first fragment to each further one.
const FragmentLink = "fragment"

// MergeFragments joins the fragments of discontinuous annotations: for each
// pair {head, fragment} of annotation ids of b, the fragment's spans move to
// the head, the fragment is removed, and links to it point to the head.
func MergeFragments(o *annotation.Offsets, b *annotation.Bundle, pairs [][2]uint64) {
	if len(pairs) == 0 {
		return
	}
	index := map[uint64]int{}
	for i, a := range b.Annotations {
		index[a.ID] = i
	}
	into := map[uint64]uint64{}
	for _, p := range pairs {
		h, f := p[0], p[1]
		for {
			if next, ok := into[h]; ok {
				h = next
				continue
			}
			break
		}
		hi, ok1 := index[h]
		fi, ok2 := index[f]
		if !ok1 || !ok2 || h == f {
			continue
		}
		if _, done := into[f]; done {
			continue
		}
		head := &b.Annotations[hi]
		head.Spans = FinishSpans(o, append(head.Spans, b.Annotations[fi].Spans...))
		head.Links = append(head.Links, b.Annotations[fi].Links...)
		into[f] = h
	}
	resolve := func(id uint64) uint64 {
		for {
			next, ok := into[id]
			if !ok {
				return id
			}
			id = next
		}
	}
	out := b.Annotations[:0]
	for _, a := range b.Annotations {
		if _, gone := into[a.ID]; gone {
			continue
		}
		links := a.Links[:0:0]
		for _, l := range a.Links {
			l.Target = resolve(l.Target)
			if l.Target != a.ID {
				links = append(links, l)
			}
		}
		a.Links = links
		if len(a.Links) == 0 {
			a.Links = nil
		}
		out = append(out, a)
	}
	b.Annotations = out
}
