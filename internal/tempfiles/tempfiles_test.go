package tempfiles

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestRemoveStale: only the target's temporary files older than StaleAge
// go; a fresh one (a write still running), another target's and the target
// itself stay.
func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	old := now.Add(-2 * StaleAge)
	files := []struct {
		name    string
		stale   bool
		removed bool
	}{
		{".p.glossa.bak1.tmp-111", true, true},
		{".p.glossa.bak1.tmp-222", false, false},
		{".q.glossa.bak1.tmp-333", true, false},
		{"p.glossa.bak1", true, false},
		{".p.glossa.bak1.tmp-", true, true},
	}
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		if err := os.WriteFile(p, []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
		if f.stale {
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	sub := filepath.Join(dir, ".p.glossa.bak1.tmp-dir")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(sub, old, old); err != nil {
		t.Fatal(err)
	}
	RemoveStale(dir, "p.glossa.bak1", now)
	for _, f := range files {
		_, err := os.Stat(filepath.Join(dir, f.name))
		if gone := errors.Is(err, os.ErrNotExist); gone != f.removed {
			t.Errorf("%s: removed %v; want %v", f.name, gone, f.removed)
		}
	}
	if _, err := os.Stat(sub); err != nil {
		t.Errorf("a folder with the prefix was touched: %v", err)
	}
	RemoveStale(filepath.Join(dir, "missing"), "p.glossa.bak1", now) // no folder: nothing happens
}
