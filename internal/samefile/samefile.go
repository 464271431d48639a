// Package samefile tells whether two paths name one file, so that no write
// (an export, a backup, a new project chosen in a dialog) replaces the
// project file it reads from. Glossa had three such checks that disagreed.
package samefile

import (
	"os"
	"path/filepath"
)

// Is reports whether a and b name the same file: the same absolute path
// (whether or not it exists), or two existing names of one file by
// os.SameFile, which sees through links, case-insensitive file systems and
// other spellings.
func Is(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	aa, err1 := filepath.Abs(a)
	ab, err2 := filepath.Abs(b)
	if err1 == nil && err2 == nil && aa == ab {
		return true
	}
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	return err == nil && os.SameFile(ia, ib)
}
