package dataset

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// DirOutput puts each file in dir, creating dir and any sub-folder a name
// asks for. Names are slash-separated and must stay inside dir.
func DirOutput(dir string) Output { return dirOutput(dir) }

type dirOutput string

func (d dirOutput) Create(name string) (io.WriteCloser, error) {
	clean, err := CleanName(name)
	if err != nil {
		return nil, err
	}
	p := filepath.Join(string(d), filepath.FromSlash(clean))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, fmt.Errorf("create folder for %s: %w", name, err)
	}
	return os.Create(p)
}

// CleanName returns name, a slash-separated file name of an Output, cleaned
// (path.Clean), or an error when it is empty or leaves the output folder.
func CleanName(name string) (string, error) {
	clean := path.Clean(name)
	if name == "" || path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") || clean == "." {
		return "", fmt.Errorf("file name %q leaves the output folder", name)
	}
	return clean, nil
}

// ZipOutput writes files into a zip stream on w. Each file must be closed
// before the next is created; closing the returned Closer finishes the
// archive (it does not close w).
func ZipOutput(w io.Writer) (Output, io.Closer) {
	z := &zipOutput{zw: zip.NewWriter(w)}
	return z, z
}

type zipOutput struct {
	zw   *zip.Writer
	open bool
}

func (z *zipOutput) Create(name string) (io.WriteCloser, error) {
	clean, err := CleanName(name)
	if err != nil {
		return nil, err
	}
	if z.open {
		return nil, fmt.Errorf("zip: %s created before the previous file was closed", name)
	}
	w, err := z.zw.Create(clean)
	if err != nil {
		return nil, err
	}
	z.open = true
	return &zipFile{w: w, z: z}, nil
}

func (z *zipOutput) Close() error { return z.zw.Close() }

type zipFile struct {
	w io.Writer
	z *zipOutput
}

func (f *zipFile) Write(p []byte) (int, error) { return f.w.Write(p) }
func (f *zipFile) Close() error                { f.z.open = false; return nil }

// SingleOutput is the Output of single-file formats: Create returns w
// whatever the name, and closing what it returns does not close w.
func SingleOutput(w io.Writer) Output { return singleOutput{w} }

type singleOutput struct{ w io.Writer }

func (s singleOutput) Create(string) (io.WriteCloser, error) { return nopCloser{s.w}, nil }

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// InPlace is implemented by an Output that updates the files of an
// existing folder rather than writing a new one (a dataset folder under
// version control, package corpus): Previous is that folder, where a writer
// finds what an earlier export left (to keep the names of files and the
// ids inside them that did not change). A file is read there before it is
// created again.
type InPlace interface {
	Output
	Previous() fs.FS
}

// Previous returns the folder an InPlace output updates, or nil for an
// output that writes anew.
func Previous(out Output) fs.FS {
	if p, ok := out.(InPlace); ok {
		return p.Previous()
	}
	return nil
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Slug is title in lower case, every run of characters other than a-z and
// 0-9 a hyphen, without hyphens at either end, cut to at most max bytes:
// the readable part of an exported file's name ("" when nothing is left).
func Slug(title string, max int) string {
	slug := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(title), "-"), "-")
	if len(slug) > max {
		slug = strings.Trim(slug[:max], "-")
	}
	return slug
}
