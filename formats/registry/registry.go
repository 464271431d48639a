// Package registry is the table of every file format Glossa reads or
// writes: the articles (.txt, .md, .html), Glossa's own dataset (json,
// jsonl) and the other tools' formats (W3C Web Annotation, brat standoff,
// doccano JSONL, Label Studio JSON, CoNLL IOB2, a CSV of claims). Each is
// one entry, a Format: its name, its file extensions, how to recognise it,
// how to read it and how to write it. Import and export (package corpus),
// the command line's --format list and the app's Export menu all come from
// the table, and Sniff is the one place that tells a file's format from its
// name and first bytes.
//
// A second, smaller table (codebook.go) holds the codebook formats (Glossa
// codebook JSON, brat's annotation.conf with visual.conf, a Label Studio
// labeling config): their names overlap the dataset table's, so they are
// looked up apart (LookupCodebook, SniffCodebook) and a folder import
// never picks them up (Importable reads only the dataset table).
//
// Adding a format is adding an entry to the table (table.go), in the place its name
// should take in the export list; the packages that do the work stay under
// formats/ and import only formats/dataset.
//
// Offsets are a known trap between tools (doccano#2290, Label Studio#1347,
// brat#1115): each format is written in the unit the receiving tool counts,
// converted with annotation.Offsets; docs/INTEROP.md gives the evidence.
package registry

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// Kind says what importing a format brings into a project.
type Kind int

const (
	// Article: one article per file, a new document without annotations.
	Article Kind = iota
	// Dataset: Glossa's own dataset, read as a stream; into a project
	// without documents it restores everything as it was (ids, labels,
	// entities).
	Dataset
	// Interchange: another annotation tool's file, merged into the project.
	Interchange
)

// Match says how sure a format's Detect is that a file is of that format.
// Sniff takes the surest; among equals, the first in the table.
type Match int

const (
	// No: not this format.
	No Match = iota
	// Likely: the first bytes look like it (W3C's "@context", doccano's
	// "text" and "entities").
	Likely
	// Named: the file name's extension is the format's (.txt, .ann, .conll).
	Named
	// Declared: the file says it is (a Glossa dataset's "format" member),
	// whatever its name.
	Declared
)

// Files says where a format's export goes.
type Files int

const (
	// OneFile: one file, or standard output.
	OneFile Files = iota
	// Folder: several files, written into a new folder that then replaces
	// the earlier export whole, or into a zip when the export's name ends
	// in .zip.
	Folder
	// FolderInPlace: several files, updated in place in a folder that may
	// hold others (a git work tree's .git, a README), or into a zip when
	// the export's name ends in .zip. Each file is written durably, and
	// only when it changed; the files the format owns (IsExportFile) that
	// the export did not write again are removed; nothing else is touched.
	FolderInPlace
)

// Format is one entry of the table. A format is read by exactly one of
// ReadArticle, Decode and Read (the one its Kind asks for), or is export
// only (all three nil); it is exported when NewWriter is set.
type Format struct {
	// Name is the format's name as --format takes it and the Export menu
	// shows it.
	Name string
	Kind Kind
	// Extensions are the extensions, lower case with the dot, of the files
	// that hold the format: a folder import picks up the files that have one
	// of a readable format's.
	Extensions []string
	// Files says where the export goes: one file, or a folder (replaced
	// whole or updated in place) or a zip.
	Files Files

	// Detect says whether the file called name whose first bytes are head
	// (at most HeadSize) is of this format.
	Detect func(name string, head []byte) Match
	// DetectDir, when set, says whether the folder dir holds this format.
	DetectDir func(dir string) bool

	// ReadArticle reads an article file (Kind Article): name gives its
	// origin and, by its extension, how to read it.
	ReadArticle func(name string, r io.Reader) (annotation.Document, error)
	// Decode streams the dataset at path, a file or a folder (Kind
	// Dataset): onHeader once, then onBundle for each document.
	Decode func(path string, onHeader func(dataset.Header) error, onBundle func(annotation.Bundle) error) error
	// Read reads another tool's file or folder at path (Kind Interchange);
	// lookup finds the project's documents for formats that refer to them
	// instead of carrying their text (W3C).
	Read func(path string, lookup dataset.Lookup) (dataset.Dataset, dataset.Report, error)

	// NewWriter returns the format's writer, putting its files in out.
	NewWriter func(out dataset.Output, opts dataset.ExportOptions) (dataset.Writer, error)
	// NoText says the writer reads no article's text (Document.Text):
	// an export to it walks the project without them (a file's texts
	// are most of its bytes).
	NoText bool
	// IsExportFile reports, for a format that writes a folder, whether the
	// file called name (slash-separated, relative to the folder) can be one
	// an export wrote: so that a new export may replace the folder
	// (Folder), or remove the file when it did not write it again
	// (FolderInPlace).
	IsExportFile func(name string) bool
}

// MultiFile reports whether the format writes several files: a folder,
// or a zip.
func (f Format) MultiFile() bool { return f.Files != OneFile }

// Readable reports whether Glossa imports the format.
func (f Format) Readable() bool { return f.ReadArticle != nil || f.Decode != nil || f.Read != nil }

// HeadSize is how much of a file Sniff needs to see.
const HeadSize = 8 << 10

// All returns the table, in the order of the export list.
func All() []Format { return slices.Clone(table) }

// Lookup returns the format called name.
func Lookup(name string) (Format, bool) {
	for _, f := range table {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// Exported lists the names of the formats Glossa exports, in menu order.
func Exported() []string {
	var names []string
	for _, f := range table {
		if f.NewWriter != nil {
			names = append(names, f.Name)
		}
	}
	return names
}

// Imported lists the names of the formats of kind k that Glossa reads, in
// table order.
func Imported(k Kind) []string {
	var names []string
	for _, f := range table {
		if f.Kind == k && f.Readable() {
			names = append(names, f.Name)
		}
	}
	return names
}

// Sniff names the format of the file called name whose first bytes are
// head (up to HeadSize): the entry whose Detect is surest, the first in the
// table among equals.
func Sniff(name string, head []byte) (Format, bool) {
	best, found := No, Format{}
	for _, f := range table {
		if f.Detect == nil {
			continue
		}
		if m := f.Detect(name, head); m > best {
			best, found = m, f
		}
	}
	return found, best > No
}

// SniffDir names the format of the folder dir, if it holds one.
func SniffDir(dir string) (Format, bool) {
	for _, f := range table {
		if f.DetectDir != nil && f.DetectDir(dir) {
			return f, true
		}
	}
	return Format{}, false
}

// ReadHead returns the first HeadSize bytes of the file at path (fewer when
// it is shorter), what Sniff needs.
func ReadHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, HeadSize)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err
	}
	return head[:n], nil
}

// Importable reports whether a file met while walking a folder is one to
// import: its extension is one of a readable format's.
func Importable(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, f := range table {
		if f.Readable() && slices.Contains(f.Extensions, ext) {
			return true
		}
	}
	return false
}

// byExtension is the Detect of a format known by its file names alone.
func byExtension(exts ...string) func(string, []byte) Match {
	return func(name string, _ []byte) Match {
		if slices.Contains(exts, strings.ToLower(filepath.Ext(name))) {
			return Named
		}
		return No
	}
}
