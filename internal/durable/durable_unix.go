//go:build !windows

package durable

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// writeThrough is false: on Unix a move is made durable by syncing the
// folder after it.
const writeThrough = false

// move renames from to to. Without replace it links the new name first,
// which fails when to exists, then removes the old name; a file system
// without hard links falls back to a plain rename when to is free.
func move(from, to string, replace bool) error {
	if replace {
		return os.Rename(from, to)
	}
	err := os.Link(from, to)
	switch {
	case err == nil:
		return os.Remove(from)
	case errors.Is(err, fs.ErrExist):
		return err
	}
	if _, serr := os.Lstat(to); serr == nil {
		return fs.ErrExist
	}
	return os.Rename(from, to)
}

// unsupportedSync reports whether err says the system cannot sync a
// folder, as opposed to failing to write it.
func unsupportedSync(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EINVAL) ||
		errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.EISDIR) || errors.Is(err, syscall.EBADF)
}

// busy: Unix replaces a file that is open elsewhere or read-only (the
// folder's permissions are what count), so no error means that.
func busy(error) bool { return false }
