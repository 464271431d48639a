package registry

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"glossa/annotation"
	"glossa/formats"
	"glossa/formats/brat"
	"glossa/formats/card"
	"glossa/formats/claimcsv"
	"glossa/formats/conll"
	"glossa/formats/dataset"
	"glossa/formats/doccano"
	"glossa/formats/glossajson"
	"glossa/formats/labelstudio"
	"glossa/formats/w3c"
	"glossa/formats/whosaid"
)

// table is the table of formats, in the order of the export list (glossa help, the
// Export menu); formats that are not exported come last.
var table = []Format{
	{
		Name:       "json",
		Kind:       Dataset,
		Extensions: []string{".json"},
		Detect:     glossaDetect(false),
		Decode:     decodeFile(glossajson.DecodeDataset),
		NewWriter:  glossaWriter(glossajson.Object),
	},
	{
		Name:       "jsonl",
		Kind:       Dataset,
		Extensions: []string{".jsonl"},
		Detect:     glossaDetect(true),
		Decode:     decodeFile(glossajson.DecodeDataset),
		NewWriter:  glossaWriter(glossajson.Lines),
	},
	{
		// The dataset folder for version control: read from the folder,
		// its manifest, one of its article files, or a zip of it.
		Name:      "folder",
		Kind:      Dataset,
		Files:     FolderInPlace,
		Detect:    folderDetect,
		DetectDir: isGlossaFolder,
		Decode:    decodeFolder,
		NewWriter: func(out dataset.Output, opts dataset.ExportOptions) (dataset.Writer, error) {
			return glossajson.NewFolderWriter(out, opts), nil
		},
		IsExportFile: glossajson.IsFolderFile,
	},
	{
		Name:       "w3c",
		Kind:       Interchange,
		Extensions: []string{".json", ".jsonl"},
		Detect: byContent(func(h []byte) bool {
			return bytes.Contains(h, []byte(`"@context"`)) || bytes.Contains(h, []byte(`"AnnotationCollection"`)) ||
				bytes.Contains(h, []byte(`"TextQuoteSelector"`)) || bytes.Contains(h, []byte(`"TextPositionSelector"`))
		}),
		Read:      readFile(w3c.Read),
		NewWriter: writerWith(w3c.NewWriter),
	},
	{
		Name:       "brat",
		Kind:       Interchange,
		Extensions: []string{".zip"},
		Files:      Folder,
		Detect:     byExtension(".zip", ".ann"),
		DetectDir:  hasAnn,
		Read:       readBrat,
		NewWriter: func(out dataset.Output, _ dataset.ExportOptions) (dataset.Writer, error) {
			return brat.NewWriter(out), nil
		},
		IsExportFile: brat.IsExportFile,
	},
	{
		Name:       "doccano",
		Kind:       Interchange,
		Extensions: []string{".jsonl", ".json"},
		// A Label Studio task ("data" and "annotations") may have "text"
		// and "label" too: it is Label Studio's.
		Detect: func(name string, head []byte) Match {
			h := trim(head)
			if len(h) > 0 && h[0] == '{' && bytes.Contains(h, []byte(`"text"`)) &&
				(bytes.Contains(h, []byte(`"entities"`)) || bytes.Contains(h, []byte(`"label"`)) || strings.EqualFold(filepath.Ext(name), ".jsonl")) &&
				!labelStudioTask(h) {
				return Likely
			}
			return No
		},
		Read:      readFile(withoutLookup(doccano.Read)),
		NewWriter: writer(doccano.NewWriter),
	},
	{
		Name:       "labelstudio",
		Kind:       Interchange,
		Extensions: []string{".json"},
		Detect: byContent(func(h []byte) bool {
			return h[0] == '[' && (bytes.Contains(h, []byte(`"annotations"`)) || bytes.Contains(h, []byte(`"predictions"`)) || bytes.Contains(h, []byte(`"data"`))) ||
				labelStudioTask(h)
		}),
		Read:      readFile(withoutLookup(labelstudio.Read)),
		NewWriter: writer(labelstudio.NewWriter),
	},
	{
		Name:       "conll",
		Kind:       Interchange,
		Extensions: []string{".conll", ".iob", ".iob2", ".bio"},
		Detect:     byExtension(".conll", ".iob", ".iob2", ".bio"),
		NewWriter: func(out dataset.Output, _ dataset.ExportOptions) (dataset.Writer, error) {
			return conll.NewWriter(out), nil
		},
	},
	{
		Name:       "csv",
		Kind:       Interchange,
		Extensions: []string{".csv", ".tsv"},
		Detect:     byExtension(".csv", ".tsv"),
		NewWriter:  writerWith(claimcsv.NewWriter),
	},
	{
		// A dataset card in Markdown: what the dataset holds, for the
		// people who read or publish it; package corpus also writes it
		// beside any export (ExportOptions.WithCard).
		Name:       "card",
		Kind:       Interchange,
		Extensions: []string{".md"},
		// Written, never read: a card imported is an article like any
		// Markdown file.
		Detect: func(string, []byte) Match { return No },
		NewWriter: func(out dataset.Output, _ dataset.ExportOptions) (dataset.Writer, error) {
			return card.NewWriter(out, glossajson.FormatVersion), nil
		},
	},
	{
		// The who-said-what graph, for Gephi: export only.
		Name:       "graphml",
		Kind:       Interchange,
		Extensions: []string{".graphml"},
		Detect:     byExtension(".graphml"),
		NewWriter: func(out dataset.Output, opts dataset.ExportOptions) (dataset.Writer, error) {
			return whosaid.NewGraphML(out, opts.Graph), nil
		},
		NoText: true,
	},
	{
		// The who-said-what graph, for Graphviz: export only.
		Name:       "dot",
		Kind:       Interchange,
		Extensions: []string{".dot", ".gv"},
		Detect:     byExtension(".dot", ".gv"),
		NewWriter: func(out dataset.Output, opts dataset.ExportOptions) (dataset.Writer, error) {
			return whosaid.NewDOT(out, opts.Graph), nil
		},
		NoText: true,
	},
	{
		Name:        "article",
		Kind:        Article,
		Extensions:  []string{".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"},
		Detect:      byExtension(".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"),
		ReadArticle: formats.ReadDocument,
	},
}

// glossaDetect is the Detect of Glossa's json (lines false) or jsonl
// entry: the file says it is a Glossa dataset, whatever its name.
func glossaDetect(lines bool) func(string, []byte) Match {
	return func(_ string, head []byte) Match {
		if ok, l := glossajson.Detect(head); ok && l == lines {
			return Declared
		}
		return No
	}
}

// decodeFile is the Decode of a dataset read from one file.
func decodeFile(decode func(io.Reader, func(dataset.Header) error, func(annotation.Bundle) error) error) func(string, func(dataset.Header) error, func(annotation.Bundle) error) error {
	return func(path string, onHeader func(dataset.Header) error, onBundle func(annotation.Bundle) error) error {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		return decode(bufio.NewReaderSize(f, 1<<20), onHeader, onBundle)
	}
}

// folderDetect is the Detect of the dataset folder: its manifest or an
// article file says what it is; a zip of a folder export starts with the
// manifest (the writer's first file), named in the zip's first local file
// header, which outranks brat's claim on every .zip.
func folderDetect(_ string, head []byte) Match {
	if ok, _ := glossajson.DetectFolder(head); ok || zipStartsWith(head, glossajson.FolderManifest) {
		return Declared
	}
	return No
}

// zipStartsWith reports whether head starts a zip whose first entry is
// called name (the local file header: signature, 26 bytes, the name's
// length at 26, the name at 30).
func zipStartsWith(head []byte, name string) bool {
	if len(head) < 30 || !bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return false
	}
	n := int(binary.LittleEndian.Uint16(head[26:28]))
	return n == len(name) && len(head) >= 30+n && string(head[30:30+n]) == name
}

// isGlossaFolder reports whether dir is a dataset folder: it holds a
// manifest that says so.
func isGlossaFolder(dir string) bool {
	head, err := ReadHead(filepath.Join(dir, glossajson.FolderManifest))
	if err != nil {
		return false
	}
	ok, article := glossajson.DetectFolder(head)
	return ok && !article
}

// decodeFolder reads a dataset folder from path: the folder, a zip of it,
// its manifest, or one of its article files (that article alone, with the
// folder's codebook and entities).
func decodeFolder(path string, onHeader func(dataset.Header) error, onBundle func(annotation.Bundle) error) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if st.IsDir() {
		return glossajson.DecodeFolder(os.DirFS(path), nil, onHeader, onBundle)
	}
	head, err := ReadHead(path)
	if err != nil {
		return err
	}
	if zipStartsWith(head, glossajson.FolderManifest) {
		zr, err := zip.OpenReader(path)
		if err != nil {
			return fmt.Errorf("%s: not a readable zip: %w", path, err)
		}
		defer zr.Close()
		return glossajson.DecodeFolder(zr, nil, onHeader, onBundle)
	}
	dir := filepath.Dir(path)
	if _, article := glossajson.DetectFolder(head); !article {
		return glossajson.DecodeFolder(os.DirFS(dir), nil, onHeader, onBundle)
	}
	if filepath.Base(dir) != glossajson.FolderArticles || !isGlossaFolder(filepath.Dir(dir)) {
		return fmt.Errorf("%s is an article of a Glossa dataset folder, but it is not in the %s folder of one; import the whole dataset folder", path, glossajson.FolderArticles)
	}
	return glossajson.DecodeFolder(os.DirFS(filepath.Dir(dir)), []string{glossajson.FolderArticles + "/" + filepath.Base(path)}, onHeader, onBundle)
}

func glossaWriter(v glossajson.Variant) func(dataset.Output, dataset.ExportOptions) (dataset.Writer, error) {
	return func(out dataset.Output, opts dataset.ExportOptions) (dataset.Writer, error) {
		w, err := out.Create("")
		if err != nil {
			return nil, err
		}
		return glossajson.NewEncoder(w, v, opts), nil
	}
}

// trim drops a byte order mark and white space around head.
func trim(head []byte) []byte { return bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\uFEFF"))) }

// byContent is the Detect of a format told by its first bytes: Likely
// when is holds for the trimmed, non-empty head.
func byContent(is func(h []byte) bool) func(string, []byte) Match {
	return func(_ string, head []byte) Match {
		if h := trim(head); len(h) > 0 && is(h) {
			return Likely
		}
		return No
	}
}

// labelStudioTask reports whether the trimmed head h starts a single
// Label Studio task.
func labelStudioTask(h []byte) bool {
	return h[0] == '{' && bytes.Contains(h, []byte(`"data"`)) && bytes.Contains(h, []byte(`"annotations"`))
}

// hasAnn reports whether dir, or a folder below it, holds a .ann file: a
// brat corpus.
func hasAnn(dir string) bool {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return false
	}
	found := false
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || found {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".ann") {
			found = true
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

// readBrat reads a brat folder, a zip of one, or the folder of a .ann file.
func readBrat(path string, _ dataset.Lookup) (dataset.Dataset, dataset.Report, error) {
	st, err := os.Stat(path)
	if err != nil {
		return dataset.Dataset{}, dataset.Report{}, err
	}
	if st.IsDir() {
		return brat.Read(os.DirFS(path), path)
	}
	if !strings.EqualFold(filepath.Ext(path), ".zip") {
		// One .ann: read its folder.
		return brat.Read(os.DirFS(filepath.Dir(path)), filepath.Dir(path))
	}
	f, err := os.Open(path)
	if err != nil {
		return dataset.Dataset{}, dataset.Report{}, err
	}
	defer f.Close()
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		return dataset.Dataset{}, dataset.Report{}, fmt.Errorf("%s: not a readable zip: %w", path, err)
	}
	return brat.Read(zr, path)
}

// reader is what a single-file format's package reads: the open file, its
// path for messages, and the project's documents for formats that refer to
// them.
type reader func(r io.Reader, path string, lookup dataset.Lookup) (dataset.Dataset, dataset.Report, error)

// withoutLookup is the reader of a format that carries its documents.
func withoutLookup(read func(r io.Reader, path string) (dataset.Dataset, dataset.Report, error)) reader {
	return func(r io.Reader, path string, _ dataset.Lookup) (dataset.Dataset, dataset.Report, error) {
		return read(r, path)
	}
}

// writer is the NewWriter of a format without options.
func writer[W dataset.Writer](newWriter func(dataset.Output) W) func(dataset.Output, dataset.ExportOptions) (dataset.Writer, error) {
	return func(out dataset.Output, _ dataset.ExportOptions) (dataset.Writer, error) { return newWriter(out), nil }
}

// writerWith is the NewWriter of a format that reads ExportOptions.
func writerWith[W dataset.Writer](newWriter func(dataset.Output, dataset.ExportOptions) W) func(dataset.Output, dataset.ExportOptions) (dataset.Writer, error) {
	return func(out dataset.Output, opts dataset.ExportOptions) (dataset.Writer, error) {
		return newWriter(out, opts), nil
	}
}

// readFile is the Read of a single-file format: it opens the file for read.
func readFile(read reader) func(string, dataset.Lookup) (dataset.Dataset, dataset.Report, error) {
	return func(path string, lookup dataset.Lookup) (dataset.Dataset, dataset.Report, error) {
		f, err := os.Open(path)
		if err != nil {
			return dataset.Dataset{}, dataset.Report{}, err
		}
		defer f.Close()
		return read(f, path, lookup)
	}
}
