package annotation

import "errors"

// Sentinel errors. Callers match them with errors.Is; functions wrap them
// with context (which annotation, which span) using %w.
var (
	// ErrNotFound: a document, annotation or entity id that does not exist.
	ErrNotFound = errors.New("not found")
	// ErrNoSpans: an annotation without any span.
	ErrNoSpans = errors.New("annotation has no span")
	// ErrEmptySpan: a span whose start is not before its end.
	ErrEmptySpan = errors.New("span start must be before its end")
	// ErrSpanOutOfRange: a span that reaches outside the document text.
	ErrSpanOutOfRange = errors.New("span lies outside the text")
	// ErrSpanOverlap: two spans of one annotation that overlap.
	ErrSpanOverlap = errors.New("spans of one annotation overlap")
	// ErrSpanText: a span whose recorded text differs from the document text
	// between its offsets.
	ErrSpanText = errors.New("span text does not match the document text")
	// ErrUnknownLabel: a label the project's label set does not define.
	ErrUnknownLabel = errors.New("unknown label")
	// ErrUnknownAttribute: an attribute, or an attribute value, that the
	// annotation's label does not define.
	ErrUnknownAttribute = errors.New("attribute the codebook lacks")
	// ErrDanglingLink: a link to an annotation that does not exist.
	ErrDanglingLink = errors.New("link to a missing annotation")
	// ErrBadLink: a link of an unknown type, or a link to itself.
	ErrBadLink = errors.New("invalid link")
	// ErrUnknownEntity: an entity reference missing from the registry.
	ErrUnknownEntity = errors.New("unknown entity")
	// ErrBadLabel: a label definition that is invalid (no name, bad kind,
	// bad colour, duplicate name or key).
	ErrBadLabel = errors.New("invalid label")
	// ErrChecksum: a document whose text does not match its SHA-256.
	ErrChecksum = errors.New("text does not match its SHA-256")
	// ErrDuplicateText: a document whose text is already in the project.
	ErrDuplicateText = errors.New("the same text is already in the project")
	// ErrInUse: a codebook change that would leave annotations without
	// their label, attribute value or relation type (move or delete them
	// first).
	ErrInUse = errors.New("still in use")
	// ErrCrossLayer: a link between annotations of two layers (links
	// join annotations of one layer only), or an annotation moved to
	// another layer.
	ErrCrossLayer = errors.New("links join annotations of one layer only")
	// ErrAnnotatorName: a name that cannot name an annotator
	// (ValidAnnotatorName).
	ErrAnnotatorName = errors.New("invalid annotator name")
	// ErrReadOnlyLayer: an edit of an annotation of another annotator's
	// layer, which only its annotator edits (a curator copies it into the
	// curated layer instead).
	ErrReadOnlyLayer = errors.New("another annotator's layer is read-only")
	// ErrLayerEdited: a layer of a document that was merged from a file
	// and holds annotations made or edited here since, which replacing it
	// would lose.
	ErrLayerEdited = errors.New("the layer holds annotations made or edited in this project")
	// ErrInvalidText: text that is not valid UTF-8 or contains NUL bytes.
	ErrInvalidText = errors.New("text is not valid UTF-8 text")
)
