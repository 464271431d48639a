//go:build !linux

package bench

import "os"

// datasync is what bbolt calls elsewhere: fsync.
func datasync(f *os.File) error { return f.Sync() }
