package annotation

import (
	"fmt"
	"sort"
)

// NewSpan makes the span [start, end) of the indexed text, with its text.
func NewSpan(o *Offsets, start, end int) (Span, error) {
	s := Span{Start: start, End: end}
	if err := checkRange(o, s); err != nil {
		return Span{}, err
	}
	s.Text = o.Slice(start, end)
	return s, nil
}

func checkRange(o *Offsets, s Span) error {
	if s.Start >= s.End {
		return fmt.Errorf("span %d-%d: %w", s.Start, s.End, ErrEmptySpan)
	}
	if s.Start < 0 || s.End > o.Len() {
		return fmt.Errorf("span %d-%d of a text of %d code points: %w", s.Start, s.End, o.Len(), ErrSpanOutOfRange)
	}
	return nil
}

// SortSpans orders spans by start, then end.
func SortSpans(spans []Span) {
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].Start != spans[j].Start {
			return spans[i].Start < spans[j].Start
		}
		return spans[i].End < spans[j].End
	})
}

// CheckSpans checks spans against the indexed text: each non-empty, inside
// the text, carrying the text between its offsets, and none overlapping
// another. Spans must be sorted (SortSpans).
func CheckSpans(o *Offsets, spans []Span) error {
	if len(spans) == 0 {
		return ErrNoSpans
	}
	for i, s := range spans {
		if err := checkRange(o, s); err != nil {
			return err
		}
		if got := o.Slice(s.Start, s.End); got != s.Text {
			return fmt.Errorf("span %d-%d holds %q, the text there is %q: %w", s.Start, s.End, s.Text, got, ErrSpanText)
		}
		if i > 0 && s.Start < spans[i-1].End {
			return fmt.Errorf("spans %d-%d and %d-%d: %w", spans[i-1].Start, spans[i-1].End, s.Start, s.End, ErrSpanOverlap)
		}
	}
	return nil
}

// Validate checks a against its document's indexed text and the codebook:
// its spans (CheckSpans), its label, and its links (each of a relation type
// of the codebook). exists reports whether an
// annotation id exists in the same document; a nil exists skips the check
// that links resolve. The returned error wraps one of the package's
// sentinels and names the annotation.
func (a Annotation) Validate(o *Offsets, labels LabelSet, exists func(id uint64) bool) error {
	if err := a.validate(o, labels, exists); err != nil {
		return fmt.Errorf("annotation %d: %w", a.ID, err)
	}
	return nil
}

func (a Annotation) validate(o *Offsets, labels LabelSet, exists func(id uint64) bool) error {
	if _, ok := labels.Find(a.Label); !ok {
		return fmt.Errorf("label %q: %w", a.Label, ErrUnknownLabel)
	}
	if err := CheckSpans(o, a.Spans); err != nil {
		return err
	}
	for _, l := range a.Links {
		switch {
		case !hasRelation(labels, l.Type):
			return fmt.Errorf("link type %q, which the codebook lacks: %w", l.Type, ErrBadLink)
		case l.Target == a.ID && a.ID != 0:
			return fmt.Errorf("link to itself: %w", ErrBadLink)
		case exists != nil && !exists(l.Target):
			return fmt.Errorf("%s link to %d: %w", l.Type, l.Target, ErrDanglingLink)
		}
	}
	return nil
}

// hasRelation reports whether the codebook has the relation type t.
func hasRelation(labels LabelSet, t LinkType) bool {
	_, ok := labels.Relation(string(t))
	return ok
}
