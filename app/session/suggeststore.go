package session

import "glossa/annotation"

// SuggestionStore keeps a project's pending suggestions apart from its
// annotations (annotation.SuggestionEdit says how ids are shared). A
// pending suggestion links only to annotations and pending suggestions of
// its document, never the other way; a link whose target goes (an
// annotation deleted, a suggestion rejected, or accepted without the one
// linking to it, or unaccepted without being restored) is dropped from the
// pending suggestions that had it, so that a session holding them reads
// them again after such an edit or drops the same links itself.
type SuggestionStore interface {
	// Suggestions returns a document's pending suggestions, in store order
	// (start, then id).
	Suggestions(docID uint64) ([]annotation.Annotation, error)
	// SetSuggestions replaces a document's pending suggestions by sugs,
	// whose ids at and above annotation.NewIDBase are replaced by new ones
	// (links between them follow; a link below NewIDBase names an
	// annotation of the document), and records version as the document's
	// Summary.Suggester. Suggestions rejected before (by Fingerprint) are
	// left out, and links to them dropped. Each is checked as an
	// annotation is; on any error nothing changes. It returns what it
	// stored, in store order, with Provenance Origin suggested and Review
	// pending.
	SetSuggestions(docID uint64, sugs []annotation.Annotation, version string) ([]annotation.Annotation, error)
	// ReviewSuggestions makes one review in one transaction, in the order
	// Unaccept, Restore, Reject, Accept, and returns the annotations it
	// stored (Accept, in its order). An id that is not pending (Reject,
	// Accept) or not an annotation (Unaccept) refuses the whole review
	// (annotation.ErrNotFound), as does anything Apply would refuse.
	ReviewSuggestions(docID uint64, e annotation.SuggestionEdit) ([]annotation.Annotation, error)
}
