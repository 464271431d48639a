package corpus

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"glossa/internal/tempfiles"
)

// WriteFileAtomic writes a file so that a crash at any moment leaves either
// the old complete file or the new complete one at path, never a partial
// file: write writes to a temporary file in the same folder, which is
// flushed, fsynced and renamed over path; the folder is then synced. On any
// error the temporary file is removed and path is untouched.
//
// Temporary files of earlier writes to path that were killed before they
// could remove theirs (".NAME.tmp-*", last modified over
// tempfiles.StaleAge ago) are removed first; younger ones may belong to a
// write still running.
func WriteFileAtomic(path string, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tempfiles.RemoveStale(dir, filepath.Base(path), time.Now())
	tmp, err := os.CreateTemp(dir, tempfiles.Prefix(filepath.Base(path))+"*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, err)
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
		return fmt.Errorf("writing %s: %w", path, err)
	}
	// CreateTemp makes the file private (0600); give it the mode of the
	// file it replaces, or a new file's usual 0644.
	mode := os.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}
	if err = tmp.Chmod(mode); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot replace %s: %w", path, err)
	}
	return syncDir(dir)
}

// syncDir makes a rename in dir durable. Systems that cannot sync a folder
// (Windows) are not an error.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !isUnsupportedSync(err) {
		return fmt.Errorf("syncing folder %s: %w", dir, err)
	}
	return nil
}

func isUnsupportedSync(err error) bool {
	// Windows and some file systems refuse fsync on a directory.
	return os.IsPermission(err) || errorsIsInvalid(err)
}
