package annotation

import (
	"fmt"
	"slices"
	"strings"
)

// Cut keeps code points [start, end) of b's text and drops the rest: web
// boilerplate before a headline or after the last paragraph. The
// annotations wholly inside [start, end) stay, shifted by -start code
// points; the others (any span outside, even in part) are removed, and
// the links of the kept ones to them dropped. The document's text and
// SHA256 are the new ones; its other fields are kept. b is not changed.
// A range outside the text, one that keeps all of it, or one that keeps
// only white space is refused with an error wrapping ErrSpanOutOfRange or
// ErrInvalidText.
func Cut(b Bundle, start, end int) (kept Bundle, removed []Annotation, err error) {
	n := Len(b.Document.Text)
	switch {
	case start < 0 || end > n || start >= end:
		return Bundle{}, nil, fmt.Errorf("cut [%d, %d) of a text of %d code points: %w", start, end, n, ErrSpanOutOfRange)
	case start == 0 && end == n:
		return Bundle{}, nil, fmt.Errorf("the cut keeps the whole text: %w", ErrSpanOutOfRange)
	}
	text := Slice(b.Document.Text, start, end)
	if strings.TrimSpace(text) == "" {
		return Bundle{}, nil, fmt.Errorf("the cut would leave no text: %w", ErrInvalidText)
	}
	kept.Document = b.Document
	kept.Document.Authors = slices.Clone(b.Document.Authors)
	kept.Document.Text, kept.Document.SHA256 = text, TextSHA256(text)
	gone := map[uint64]bool{}
	for _, a := range b.Annotations {
		inside := len(a.Spans) > 0
		for _, sp := range a.Spans {
			inside = inside && sp.Start >= start && sp.End <= end
		}
		if !inside {
			gone[a.ID] = true
			removed = append(removed, a.Clone())
		}
	}
	for _, a := range b.Annotations {
		if gone[a.ID] {
			continue
		}
		a = a.Clone()
		for i := range a.Spans {
			a.Spans[i].Start -= start
			a.Spans[i].End -= start
		}
		a.Links = slices.DeleteFunc(a.Links, func(l Link) bool { return gone[l.Target] })
		if len(a.Links) == 0 {
			a.Links = nil
		}
		kept.Annotations = append(kept.Annotations, a)
	}
	return kept, removed, nil
}
