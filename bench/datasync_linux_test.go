package bench

import (
	"os"
	"syscall"
)

// datasync is fdatasync, as bbolt calls it on Linux.
func datasync(f *os.File) error { return syscall.Fdatasync(int(f.Fd())) }
