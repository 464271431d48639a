// Package tempfiles names the temporary files that are written beside a
// target and then renamed over it (an export, a backup copy), and removes
// those that a killed process left behind.
package tempfiles

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// StaleAge is how old a temporary file must be before a later write to the
// same target removes it: no export or backup of a project takes an hour,
// so an older one was left by a killed process.
const StaleAge = time.Hour

// Prefix is the start of the temporary files' names for a target named
// base: hidden, and named after the target, so that they are found beside it.
func Prefix(base string) string { return "." + base + ".tmp-" }

// RemoveStale removes dir's temporary files for target base last modified
// before now - StaleAge; younger ones may belong to a write still running.
// It is best effort: errors leave the files where they are.
func RemoveStale(dir, base string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := Prefix(base)
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > StaleAge {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
