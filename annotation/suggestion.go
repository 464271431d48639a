package annotation

import (
	"strconv"
	"strings"
)

// Suggestions are annotations a rule proposed (package suggest) that wait
// for a person's review. A store keeps them apart from the annotations,
// under ids drawn from the same sequence, so that a link between a
// suggestion and an annotation, or between two suggestions, stays valid
// when one of them is accepted: accepting moves a suggestion into the
// annotations under its own id. Their Provenance is OriginSuggested with
// the rule, the confidence and ReviewPending.

// NewIDBase marks the ids of new suggestions handed to a store: ids at and
// above it name suggestions of the same call (and links between them),
// which the store replaces by ids of its own; an id below it names an
// annotation of the document.
const NewIDBase uint64 = 1 << 62

// SuggestionEdit is one review of a document's pending suggestions, made
// in one transaction: accept, reject, or the inverse of either (undo).
type SuggestionEdit struct {
	// Accept moves pending suggestions into the annotations under their
	// ids, stored as given (the caller sets Provenance.Review, Reviewer,
	// Author and Layer); links to anything that is then neither an
	// annotation nor accepted in the same edit, or that is in another
	// layer, are dropped.
	Accept []Annotation
	// Reject removes pending suggestions and remembers each one's label
	// and spans (Fingerprint), so that it is not proposed again.
	Reject []uint64
	// Unaccept deletes annotations and Restore puts suggestions back as
	// pending under their ids, forgetting any rejection of the same
	// fingerprint: the inverse of Accept and Reject.
	Unaccept []uint64
	Restore  []Annotation
}

// Empty reports whether e changes nothing.
func (e SuggestionEdit) Empty() bool {
	return len(e.Accept) == 0 && len(e.Reject) == 0 && len(e.Unaccept) == 0 && len(e.Restore) == 0
}

// Fingerprint names a suggestion by its label and spans: what a rejection
// remembers, so that the same proposal, made again by a later run, is
// known ("Claim 12-40,52-60").
func Fingerprint(label string, spans []Span) string {
	var b strings.Builder
	b.WriteString(label)
	for i, sp := range spans {
		if i == 0 {
			b.WriteByte(' ')
		} else {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(sp.Start))
		b.WriteByte('-')
		b.WriteString(strconv.Itoa(sp.End))
	}
	return b.String()
}

// Pending reports whether p is the provenance of a suggestion waiting for
// review: origin suggested and review pending, or no review at all (a
// suggestion nobody has reviewed waits for review). An imported
// annotation with it is stored as a pending suggestion, not as an
// annotation.
func (p Provenance) Pending() bool {
	return p.Origin == OriginSuggested && (p.Review == ReviewPending || p.Review == "")
}

// Rejected reports whether p is the provenance of a suggestion a person
// rejected: an import remembers it as rejected and stores nothing of it.
func (p Provenance) Rejected() bool {
	return p.Origin == OriginSuggested && p.Review == ReviewRejected
}

// MostlyOverlap reports whether the spans a and b share at least half of
// the code points of the shorter of the two: the same claim with other
// bounds, not a neighbour that touches it. A suggestion that mostly
// overlaps an annotation of its kind is not proposed (suggest.Pending),
// and a tag that mostly overlaps a suggestion of its kind replaces it
// (the session's Supersede): one rule for both.
func MostlyOverlap(a, b []Span) bool {
	shared := 0
	for _, x := range a {
		for _, y := range b {
			shared += max(0, min(x.End, y.End)-max(x.Start, y.Start))
		}
	}
	return shared > 0 && 2*shared >= min(spansLen(a), spansLen(b))
}

// spansLen counts the code points spans cover.
func spansLen(spans []Span) int {
	n := 0
	for _, s := range spans {
		n += s.End - s.Start
	}
	return n
}
