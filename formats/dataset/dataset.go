// Package dataset holds the types every format shares: the Header and the
// streaming Writer of an export, the Output its files go to, the one
// ExportOptions, the Dataset and Report an importer returns, and the helpers
// every importer uses to check spans against the text, infer label kinds
// and report what it could not keep.
//
// The format packages (glossajson, w3c, brat, doccano, labelstudio, conll,
// claimcsv) import it and nothing of each other; package registry names them
// in one table.
package dataset

import (
	"fmt"
	"glossa/agreement"
	"io"
	"sort"

	"glossa/annotation"
)

// Header is what a writer learns before the first document: the project's
// name, its label set, its entity registry and the layers the export holds
// (the annotators, and the curated layer), with their counts.
type Header struct {
	Project  string
	Labels   annotation.LabelSet
	Entities []annotation.Entity
	Layers   []annotation.LayerInfo
	// Agreement is the annotators' agreement over the project's layers,
	// set when the curated layer is what is written: the figures behind
	// the dataset.
	Agreement *agreement.Overall
}

// Writer receives a dataset as a stream: Begin once, Bundle per document,
// End once. Memory must not grow with the number of documents.
type Writer interface {
	Begin(h Header) error
	Bundle(b annotation.Bundle) error
	End() error
}

// Warner is implemented by writers that leave something out (CoNLL's
// overlapping entities, for instance) and say so after End.
type Warner interface {
	Warnings() []string
}

// ExportOptions tunes an export: the one options struct of every format's
// writer (each reads the fields that concern it) and of corpus.Export.
type ExportOptions struct {
	Offsets  []string // Glossa json, jsonl: offset units per span ("codepoint", "utf16", "byte")
	Indent   bool     // Glossa json: indent the object by two spaces (JSON Lines never are)
	ExcelBOM bool     // CSV: start with a UTF-8 byte order mark, for Excel
	W3CLines bool     // W3C: one annotation per line instead of an AnnotationCollection
	BaseIRI  string   // W3C: prefix of annotation ids; "" gives urn:glossa: ids
	// IncludeSuggestions: corpus.Export writes each document's pending
	// suggestions too, among its annotations, with their links and their
	// Provenance (suggested, rule, confidence, review pending); without
	// it no pending suggestion reaches an export. Writers need not read
	// it: they write what the bundle holds.
	IncludeSuggestions bool
	// Layer says which layer corpus.Export writes: an annotator's name,
	// annotation.CuratedLayer, or AllLayers; "" is the curated layer when
	// it holds annotations, and else every layer. Pending suggestions
	// belong to no layer: IncludeSuggestions adds them whatever Layer
	// says. Writers need not read it either.
	Layer string
	// WithCard: corpus.Export writes a dataset card (the card format)
	// beside the export, from the same pass over the project: OUT.card.md
	// beside a file, card.FileName (DATASET.md) inside a folder or a zip,
	// where no user's README.md can be in its way.
	WithCard bool
	// Graph filters the who-said-what graph (graphml, dot).
	Graph GraphOptions
	// Progress, when set, is called by corpus.Export after each document
	// with the number done and the total.
	Progress func(done, total int)
}

// GraphOptions filter the who-said-what graph (package whosaid). The zero
// value keeps everything.
type GraphOptions struct {
	// Labels, when set, keeps only the claims and mentions with one of
	// these labels (a claim's speakers and topics are followed whatever
	// their label).
	Labels []string
	// Outlets, when set, keeps only the articles of these outlets
	// (letter case ignored).
	Outlets []string
	// From and To, "YYYY-MM-DD", bound the articles' publication dates
	// (both included); an article without a date is left out when either
	// is set.
	From, To string
	// MinCount drops the nodes whose count is lower, with their edges;
	// MinWeight drops the edges whose weight is lower.
	MinCount, MinWeight int
}

// AllLayers, as ExportOptions.Layer, exports the annotations of every
// layer. No layer has this name: only the curated layer's starts with '#'.
const AllLayers = "#all"

// Dataset is what an importer read: the labels the data uses (with their
// kinds, inferred where the file does not say), the entities it refers to,
// and one bundle per document. Annotation ids and entity ids are local to
// the dataset; links refer to annotation ids of the same bundle. A bundle
// whose document is already in the project (W3C) carries that document
// with its real id; other documents have id 0.
type Dataset struct {
	Labels   annotation.LabelSet
	Entities []annotation.Entity
	Bundles  []annotation.Bundle
}

// Report says what an import did: how much it read and what it could not
// keep. Nothing is dropped without being counted in Dropped or named in
// Warnings.
type Report struct {
	Format      string
	Documents   int
	Annotations int
	Links       int
	// NewLabels: labels added to the project's label set (see MergeLabels);
	// before merging, the labels whose kind was inferred from their name.
	NewLabels []string
	Dropped   map[string]int // reason -> count
	Warnings  []string       // "file:line: problem"
}

// Lookup finds a document of the open project by its SHA-256 (hex) or URL,
// for formats that reference documents instead of carrying their text.
type Lookup func(sha256, url string) (annotation.Document, bool)

// maxWarnings caps Report.Warnings; further warnings are only counted.
const maxWarnings = 200

// Drop counts one thing the import could not keep, for reason.
func (r *Report) Drop(reason string) {
	if r.Dropped == nil {
		r.Dropped = map[string]int{}
	}
	r.Dropped[reason]++
}

// Warn records a problem at file:line (line 0: the file as a whole).
func (r *Report) Warn(file string, line int, format string, args ...any) {
	if len(r.Warnings) >= maxWarnings {
		r.Drop("warnings beyond the first 200")
		return
	}
	msg := fmt.Sprintf(format, args...)
	if line > 0 {
		r.Warnings = append(r.Warnings, fmt.Sprintf("%s:%d: %s", file, line, msg))
	} else {
		r.Warnings = append(r.Warnings, fmt.Sprintf("%s: %s", file, msg))
	}
}

// Count fills Documents, Annotations and Links from d.
func (r *Report) Count(d Dataset) {
	r.Documents = len(d.Bundles)
	r.Annotations, r.Links = 0, 0
	for _, b := range d.Bundles {
		r.Annotations += len(b.Annotations)
		for _, a := range b.Annotations {
			r.Links += len(a.Links)
		}
	}
}

// LineError is a malformed input: the file, the line (0 when unknown) and
// the problem.
type LineError struct {
	File    string
	Line    int
	Problem string
}

func (e *LineError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Problem)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Problem)
}

// Errorf returns a *LineError.
func Errorf(file string, line int, format string, args ...any) error {
	return &LineError{File: file, Line: line, Problem: fmt.Sprintf(format, args...)}
}

// Output is where a writer puts its files: one file, or many (brat: a
// folder or a zip).
type Output interface {
	Create(name string) (io.WriteCloser, error)
}

// SortedAttributes returns the names of attrs in order, for stable output.
func SortedAttributes(attrs map[string]string) []string {
	names := make([]string, 0, len(attrs))
	for n := range attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Warnings returns what a writer left out and said so after End (CoNLL's
// overlapping entities, for instance); nil for writers that keep all.
func Warnings(w Writer) []string {
	if wn, ok := w.(Warner); ok {
		return wn.Warnings()
	}
	return nil
}
