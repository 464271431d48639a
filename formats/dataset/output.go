package dataset

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// DirOutput puts each file in dir, creating dir and any sub-folder a name
// asks for. Names are slash-separated and must stay inside dir.
func DirOutput(dir string) Output { return dirOutput(dir) }

type dirOutput string

func (d dirOutput) Create(name string) (io.WriteCloser, error) {
	clean, err := cleanName(name)
	if err != nil {
		return nil, err
	}
	p := filepath.Join(string(d), filepath.FromSlash(clean))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, fmt.Errorf("create folder for %s: %w", name, err)
	}
	return os.Create(p)
}

func cleanName(name string) (string, error) {
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
	clean, err := cleanName(name)
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
