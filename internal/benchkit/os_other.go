//go:build !linux

package benchkit

import "os"

// datasync is what bbolt calls elsewhere: fsync.
func datasync(f *os.File) error { return f.Sync() }

// writtenBytes is not known here.
func writtenBytes() (int64, bool) { return 0, false }
