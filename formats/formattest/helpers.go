package formattest

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// update is the -update flag of the tests that import this package: it
// rewrites golden files instead of comparing with them.
var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// Export writes h and bundles through w and fails the test on any error.
func Export(t testing.TB, w dataset.Writer, h dataset.Header, bundles []annotation.Bundle) {
	t.Helper()
	if err := w.Begin(h); err != nil {
		t.Fatalf("Begin: %v", err)
	}
	for _, b := range bundles {
		if err := w.Bundle(b); err != nil {
			t.Fatalf("Bundle %d: %v", b.Document.ID, err)
		}
	}
	if err := w.End(); err != nil {
		t.Fatalf("End: %v", err)
	}
}

// Lookup finds the bundles' documents by SHA-256 or URL, as a project would.
func Lookup(bundles []annotation.Bundle) dataset.Lookup {
	return func(sha, url string) (annotation.Document, bool) {
		for _, b := range bundles {
			if (sha != "" && b.Document.SHA256 == sha) || (url != "" && b.Document.URL == url) {
				return b.Document, true
			}
		}
		return annotation.Document{}, false
	}
}

// Golden compares got with testdata/name, or writes it there with -update.
func Golden(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it); got:\n%s", path, got)
	}
}

// Interop returns the path of the shared interop reference data
// (shared/interop in a folder above the working directory), or skips the
// test when it is absent.
func Interop(t testing.TB) string {
	t.Helper()
	p := findUp(t, filepath.Join("shared", "interop"))
	if p == "" {
		t.Skip("shared/interop reference data not found in any folder above the package; skipping (see ../shared/interop/README.md)")
	}
	return p
}

// CheckBundles fails the test when an annotation of bundles does not pass
// annotation.Validate against its document and labels, links included.
func CheckBundles(t testing.TB, labels annotation.LabelSet, bundles []annotation.Bundle) {
	t.Helper()
	for _, b := range bundles {
		o := annotation.NewOffsets(b.Document.Text)
		ids := map[uint64]bool{}
		for _, a := range b.Annotations {
			ids[a.ID] = true
		}
		for _, a := range b.Annotations {
			if err := a.Validate(o, labels, func(id uint64) bool { return ids[id] }); err != nil {
				t.Errorf("document %q: %v", b.Document.Title, err)
			}
		}
	}
}

// Refused is what a reader's fuzz target checks of an error: every
// refusal is a *dataset.LineError, which says where the input is wrong. It
// reports whether err is not nil.
func Refused(t testing.TB, err error) bool {
	t.Helper()
	if err == nil {
		return false
	}
	var le *dataset.LineError
	if !errors.As(err, &le) {
		t.Fatalf("error %v is not a LineError", err)
	}
	return true
}

// CheckSpans fails the test when a span of bundles does not hold the text
// between its offsets (annotation.CheckSpans).
func CheckSpans(t testing.TB, bundles []annotation.Bundle) {
	t.Helper()
	for _, b := range bundles {
		o := annotation.NewOffsets(b.Document.Text)
		for _, a := range b.Annotations {
			if err := annotation.CheckSpans(o, a.Spans); err != nil {
				t.Fatalf("imported span does not match the text: %v", err)
			}
		}
	}
}

// MemOutput keeps the files a writer creates in memory, in order.
type MemOutput struct {
	Files map[string]*bytes.Buffer
	Names []string
}

// Create starts a new in-memory file.
func (m *MemOutput) Create(name string) (io.WriteCloser, error) {
	if m.Files == nil {
		m.Files = map[string]*bytes.Buffer{}
	}
	b := &bytes.Buffer{}
	m.Files[name] = b
	m.Names = append(m.Names, name)
	return nopCloser{b}, nil
}

// FS returns the files as an fs.FS, for readers of multi-file formats.
func (m *MemOutput) FS() fstest.MapFS {
	fsys := fstest.MapFS{}
	for n, b := range m.Files {
		fsys[n] = &fstest.MapFile{Data: b.Bytes()}
	}
	return fsys
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// Update reports whether the tests run with -update (rewrite golden files).
func Update() bool { return *update }
