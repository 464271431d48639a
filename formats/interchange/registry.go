package interchange

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"glossa/formats/brat"
	"glossa/formats/claimcsv"
	"glossa/formats/conll"
	"glossa/formats/dataset"
	"glossa/formats/doccano"
	"glossa/formats/labelstudio"
	"glossa/formats/w3c"
)

// The format names, as the CLI's --format takes them.
const (
	FormatW3C         = "w3c"
	FormatBrat        = "brat"
	FormatDoccano     = "doccano"
	FormatLabelStudio = "labelstudio"
	FormatCoNLL       = "conll"
	FormatCSV         = "csv"
)

// Formats lists the formats this package exports, in menu order.
func Formats() []string {
	return []string{FormatW3C, FormatBrat, FormatDoccano, FormatLabelStudio, FormatCoNLL, FormatCSV}
}

// MultiFile reports whether format writes several files (to a folder or a
// zip) rather than one.
func MultiFile(format string) bool { return format == FormatBrat }

// IsExportFile reports whether a file named name in a folder can be one an
// export in multi-file format wrote (so that a new export may replace it).
func IsExportFile(format, name string) bool {
	return format == FormatBrat && brat.IsExportFile(name)
}

// NewWriter returns the writer of format, writing to out.
func NewWriter(format string, out Output, opts ExportOptions) (Writer, error) {
	switch format {
	case FormatW3C:
		return w3c.NewWriter(out, opts), nil
	case FormatBrat:
		return brat.NewWriter(out), nil
	case FormatDoccano:
		return doccano.NewWriter(out), nil
	case FormatLabelStudio:
		return labelstudio.NewWriter(out), nil
	case FormatCoNLL:
		return conll.NewWriter(out), nil
	case FormatCSV:
		return claimcsv.NewWriter(out, opts), nil
	}
	return nil, fmt.Errorf("unknown export format %q; the formats are %s", format, strings.Join(Formats(), ", "))
}

// Detect names the format of a file from its name and its first bytes
// (head), or of a folder (name ending in a path separator, or head nil and
// name a folder on disk) holding .ann files: brat.
func Detect(name string, head []byte) (format string, ok bool) {
	lower := strings.ToLower(name)
	ext := filepath.Ext(lower)
	if head == nil {
		if st, err := os.Stat(name); err == nil && st.IsDir() {
			if hasAnn(name) {
				return FormatBrat, true
			}
			return "", false
		}
	}
	switch ext {
	case ".zip", ".ann":
		return FormatBrat, true
	case ".conll", ".iob", ".iob2", ".bio":
		return FormatCoNLL, true
	case ".csv", ".tsv":
		return FormatCSV, true
	}
	h := bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\uFEFF")))
	switch {
	case len(h) == 0:
		return "", false
	case bytes.Contains(h, []byte(`"@context"`)) || bytes.Contains(h, []byte(`"AnnotationCollection"`)) ||
		bytes.Contains(h, []byte(`"TextQuoteSelector"`)) || bytes.Contains(h, []byte(`"TextPositionSelector"`)):
		return FormatW3C, true
	case h[0] == '[' && (bytes.Contains(h, []byte(`"annotations"`)) || bytes.Contains(h, []byte(`"predictions"`)) || bytes.Contains(h, []byte(`"data"`))):
		return FormatLabelStudio, true
	case h[0] == '{' && bytes.Contains(h, []byte(`"data"`)) && bytes.Contains(h, []byte(`"annotations"`)):
		return FormatLabelStudio, true
	case h[0] == '{' && bytes.Contains(h, []byte(`"text"`)) &&
		(bytes.Contains(h, []byte(`"entities"`)) || bytes.Contains(h, []byte(`"label"`)) || ext == ".jsonl"):
		return FormatDoccano, true
	}
	return "", false
}

func hasAnn(dir string) bool {
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

// headSize is how much of a file Detect sees.
const headSize = 8 << 10

// Read imports the file or folder at path, detecting its format: a folder
// or .zip of brat files, or a W3C, doccano or Label Studio file. lookup
// finds the project's documents for W3C annotations, which carry no text.
func Read(path string, lookup Lookup) (Dataset, Report, error) {
	st, err := os.Stat(path)
	if err != nil {
		return Dataset{}, Report{}, err
	}
	if st.IsDir() {
		return brat.Read(os.DirFS(path), path)
	}
	f, err := os.Open(path)
	if err != nil {
		return Dataset{}, Report{}, err
	}
	defer f.Close()
	head := make([]byte, headSize)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return Dataset{}, Report{}, fmt.Errorf("%s: %w", path, err)
	}
	head = head[:n]
	format, ok := Detect(path, head)
	if !ok {
		return Dataset{}, Report{}, dataset.Errorf(path, 0, "not a format Glossa imports (brat folder or zip, W3C Web Annotation, doccano JSONL, Label Studio JSON)")
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return Dataset{}, Report{}, err
	}
	switch format {
	case FormatBrat:
		if strings.EqualFold(filepath.Ext(path), ".zip") {
			zr, err := zip.NewReader(f, st.Size())
			if err != nil {
				return Dataset{}, Report{}, fmt.Errorf("%s: not a readable zip: %w", path, err)
			}
			return brat.Read(zr, path)
		}
		// One .ann: read its folder.
		return brat.Read(os.DirFS(filepath.Dir(path)), filepath.Dir(path))
	case FormatW3C:
		return w3c.Read(f, path, lookup)
	case FormatDoccano:
		return doccano.Read(f, path)
	case FormatLabelStudio:
		return labelstudio.Read(f, path)
	}
	return Dataset{}, Report{}, dataset.Errorf(path, 0, "%s files are exported by Glossa but not imported", format)
}
