// Package durable writes files so that a crash or a power cut at any moment
// leaves either the old complete file or the new complete one at a path,
// never a half-written one, and so that a finished write survives a crash.
// Every write of a whole file in Glossa goes through it: new projects,
// backups, restored copies and exports.
//
// The recipe is the same everywhere: write a temporary file beside the
// target, flush it to disk (fsync), then move it into place. What makes the
// move itself durable differs by system, and is written once here:
//
//   - Unix (Linux, macOS, the BSDs): rename(2), then fsync the folder that
//     holds the new name. A file system that cannot sync a folder (it
//     answers EINVAL, ENOTSUP or a permission error) is not an error: the
//     data was synced before the move, and that is all such a system offers.
//   - Windows: a folder cannot be opened for syncing (it answers "Access is
//     denied"), so no folder is synced. The move is MoveFileEx with
//     MOVEFILE_WRITE_THROUGH, which returns only once the move is on disk
//     (Go's os.Rename does not ask for it).
//
// A move that must not replace an existing file (a new project, a restored
// copy) fails with an error matching fs.ErrExist when the name is taken.
package durable

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"glossa/internal/tempfiles"
)

// WriteFile writes a file so that a crash at any moment leaves either the
// old complete file or the new complete one at path: write writes to a
// temporary file in the same folder (buffered), which is fsynced and moved
// over path. On any error the temporary file is removed and path is
// untouched. A new file gets mode perm; a file that is replaced keeps its
// mode.
//
// Temporary files of earlier writes to path that were killed before they
// could remove theirs (see tempfiles) are removed first.
func WriteFile(path string, perm fs.FileMode, write func(w io.Writer) error) (err error) {
	tmp, err := CreateTemp(path)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	// CreateTemp makes the file private (0600); give it the mode of the
	// file it replaces, or perm.
	if info, err := os.Stat(path); err == nil {
		perm = info.Mode().Perm()
	}
	if err = tmp.Chmod(perm); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = Finish(tmp); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return Rename(tmp.Name(), path)
}

// CreateTemp creates a temporary file beside path, named after it (see
// tempfiles.Prefix) so that one a killed write left is found and removed
// by a later write to path; it removes those older than tempfiles.StaleAge
// first. The caller writes it, calls Finish, then Rename or RenameNew.
func CreateTemp(path string) (*os.File, error) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	tempfiles.RemoveStale(dir, base, time.Now())
	f, err := os.CreateTemp(dir, tempfiles.Prefix(base)+"*")
	if err != nil {
		return nil, fmt.Errorf("cannot write in the folder %s: check that it exists and that you may write there, or choose another folder: %w", dir, err)
	}
	return f, nil
}

// Finish flushes f to disk and closes it: after it, f's content survives a
// crash once f is moved into place with Rename or RenameNew.
func Finish(f *os.File) error {
	err := f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Rename moves the file or folder from to the name to, replacing a file
// there, and returns once the move is on disk (see the package doc for how
// on each system). from and to must be in the same folder or at least on
// the same volume.
func Rename(from, to string) error {
	if err := move(from, to, true); err != nil {
		return moveError(to, err)
	}
	return syncDirs(from, to)
}

// RenameNew is Rename that never replaces: when to exists it returns an
// error matching fs.ErrExist and from stays where it was.
func RenameNew(from, to string) error {
	if err := move(from, to, false); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s exists already: %w", to, err)
		}
		return moveError(to, err)
	}
	return syncDirs(from, to)
}

// moveError says why to could not be written, and what to do.
func moveError(to string, err error) error {
	if busy(err) {
		return fmt.Errorf("cannot replace %s: another program has it open, or it is read-only. Close it there (or clear its read-only flag) and try again, or choose another name: %w", to, err)
	}
	if errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("cannot write %s: you may not write in the folder %s. Choose another folder: %w", to, filepath.Dir(to), err)
	}
	return fmt.Errorf("cannot write %s: %w", to, err)
}

// syncDirs makes a move from -> to durable where the system needs the
// folders synced for it: the folder of the new name, and the old one's
// when it is another.
func syncDirs(from, to string) error {
	if writeThrough {
		return nil
	}
	dir := filepath.Dir(to)
	if err := SyncDir(dir); err != nil {
		return err
	}
	if fromDir := filepath.Dir(from); fromDir != dir {
		return SyncDir(fromDir)
	}
	return nil
}

// syncDir is the folder sync in force; tests swap it (SetFolderSync).
var syncDir = syncDirOS

// SyncDir makes the names in dir durable where the system allows: on Unix
// an fsync of the folder; a system or file system that cannot sync a
// folder (Windows, some network file systems) makes it a no-op. Only a
// real failure to write (an I/O error) is returned.
func SyncDir(dir string) error {
	if writeThrough {
		return nil
	}
	if err := syncDir(dir); err != nil && !unsupportedSync(err) {
		return fmt.Errorf("cannot save the folder %s to disk: %w", dir, err)
	}
	return nil
}

func syncDirOS(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// SetFolderSync replaces the folder sync with f until the returned function
// is called: for tests that play a system whose folder sync fails.
func SetFolderSync(f func(dir string) error) (restore func()) {
	old := syncDir
	syncDir = f
	return func() { syncDir = old }
}
