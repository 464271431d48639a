package session

import "glossa/annotation"

// SuggestionStore keeps a project's pending suggestions apart from its
// annotations (annotation.SuggestionEdit says how ids are shared).
type SuggestionStore interface {
	// Suggestions returns a document's pending suggestions, in store order
	// (start, then id).
	Suggestions(docID uint64) ([]annotation.Annotation, error)
	// SetSuggestions replaces a document's pending suggestions by sugs,
	// whose ids at and above annotation.NewIDBase are replaced by new ones
	// (links between them follow), and records version as the document's
	// Summary.Suggester. Suggestions rejected before (by Fingerprint) are
	// left out, and links to them dropped. It returns what it stored.
	SetSuggestions(docID uint64, sugs []annotation.Annotation, version string) ([]annotation.Annotation, error)
	// ReviewSuggestions makes one review in one transaction and returns
	// the annotations it stored (Accept).
	ReviewSuggestions(docID uint64, e annotation.SuggestionEdit) ([]annotation.Annotation, error)
}
