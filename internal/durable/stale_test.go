package durable

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"glossa/internal/tempfiles"
)

// TestWriteFileRemovesStaleTemps: temporary files a killed write
// left for the same target are removed once older than tempfiles.StaleAge; a
// fresh one (a concurrent write's) and other targets' are kept.
func TestWriteFileRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.json")
	old := time.Now().Add(-2 * tempfiles.StaleAge)
	files := map[string]bool{ // name -> removed
		".out.json.tmp-111": true,
		".out.json.tmp-222": false, // fresh
		".other.json.tmp-3": false, // another target, stale
		".out.json.tmp-4x":  true,
	}
	for name, stale := range files {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
		if stale || name == ".other.json.tmp-3" {
			if err := os.Chtimes(f, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := WriteFile(p, 0o644, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	for name, removed := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := errors.Is(err, os.ErrNotExist); gone != removed {
			t.Errorf("%s: removed %v; want %v", name, gone, removed)
		}
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("file = %q; want new", b)
	}
}
