//go:build windows

package durable

import (
	"errors"
	"io/fs"

	"golang.org/x/sys/windows"
)

// writeThrough is true: on Windows MoveFileEx with MOVEFILE_WRITE_THROUGH
// returns once the move is on disk, and a folder cannot be synced.
const writeThrough = true

// move renames from to to with MoveFileEx, write-through; without replace
// an existing to fails with an error matching fs.ErrExist.
func move(from, to string, replace bool) error {
	f, err := windows.UTF16PtrFromString(from)
	if err != nil {
		return err
	}
	t, err := windows.UTF16PtrFromString(to)
	if err != nil {
		return err
	}
	flags := uint32(windows.MOVEFILE_WRITE_THROUGH)
	if replace {
		flags |= windows.MOVEFILE_REPLACE_EXISTING
	}
	if err := windows.MoveFileEx(f, t, flags); err != nil {
		if errors.Is(err, windows.ERROR_ALREADY_EXISTS) || errors.Is(err, windows.ERROR_FILE_EXISTS) {
			err = fs.ErrExist
		}
		return &fs.PathError{Op: "move", Path: to, Err: err}
	}
	return nil
}

// unsupportedSync: Windows syncs no folder (see SyncDir), so nothing that
// reaches here is a failure to write.
func unsupportedSync(error) bool { return true }

// busy reports whether err is Windows refusing to replace a file that
// another program holds open (an export open in Excel) or that is
// read-only.
func busy(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_LOCK_VIOLATION) ||
		errors.Is(err, windows.ERROR_ACCESS_DENIED)
}
