// Package interchange moves Glossa datasets to and from other annotation
// tools: W3C Web Annotation, brat standoff, doccano JSONL, Label Studio
// JSON, CoNLL IOB2 and a CSV of claims. It is what the CLI (glossa export,
// glossa import) and the app's Export and Import menus call: the format
// packages under formats/ do the work, this package names them, detects
// them and dispatches.
//
// Offsets are a known trap between tools (doccano#2290, Label Studio#1347,
// brat#1115): each format is written in the unit the receiving tool counts,
// converted with annotation.Offsets; docs/INTEROP.md gives the evidence.
package interchange

import (
	"io"

	"glossa/annotation"

	"glossa/formats/dataset"
)

// Writer receives a dataset as a stream (memory does not grow with the
// number of documents): Begin, Bundle per document, End.
type Writer = dataset.Writer

// Header is what a writer learns before the first document.
type Header = dataset.Header

// Output is where a writer puts its files: one file, or many (brat: a
// folder or a zip).
type Output = dataset.Output

// ExportOptions tunes the exporters.
type ExportOptions = dataset.ExportOptions

// Dataset is what an import read. Annotation ids are local to it; the
// caller assigns new ids and remaps links.
type Dataset = dataset.Dataset

// Report says what an import read, added and could not keep.
type Report = dataset.Report

// Lookup finds a document of the open project by its SHA-256 (hex) or URL,
// for formats that reference documents instead of carrying their text (W3C).
type Lookup = dataset.Lookup

// LineError is the error of a malformed file: file, line and problem.
type LineError = dataset.LineError

// DirOutput writes files into dir, creating it.
func DirOutput(dir string) Output { return dataset.DirOutput(dir) }

// ZipOutput writes files into a zip stream on w; closing the Closer
// finishes the archive (it does not close w).
func ZipOutput(w io.Writer) (Output, io.Closer) { return dataset.ZipOutput(w) }

// SingleOutput is the Output of single-file formats: Create returns w
// whatever the name.
func SingleOutput(w io.Writer) Output { return dataset.SingleOutput(w) }

// Warnings returns what a writer left out and said so after End (CoNLL's
// overlapping entities, for instance); nil for writers that keep all.
func Warnings(w Writer) []string {
	if wn, ok := w.(dataset.Warner); ok {
		return wn.Warnings()
	}
	return nil
}

// MergeLabels returns the project's label set with the labels of ds it
// lacks added, and records their names in r.NewLabels.
func MergeLabels(project annotation.LabelSet, ds Dataset, r *Report) annotation.LabelSet {
	return dataset.MergeLabels(project, ds, r)
}
