package storage

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"go.etcd.io/bbolt"

	"glossa/internal/durable"
	"glossa/internal/samefile"
)

// autoBackups is how many rolling copies AutoBackup keeps.
const autoBackups = 3

// backupName is the path of rolling copy n (1 is the newest):
// "<path>.bak1" .. "<path>.bak3", beside the project file.
func backupName(path string, n int) string { return fmt.Sprintf("%s.bak%d", path, n) }

// Backup writes a consistent copy of the project to path: written to a
// temporary file in the target folder, fsynced, renamed over path, and the
// folder fsynced, so path holds either its old content or a whole copy.
// It runs in one read transaction, so edits may go on meanwhile.
func (s *Store) Backup(path string) error {
	if samefile.Is(path, s.path) {
		return fmt.Errorf("cannot back up %s onto itself; choose another file", s.path)
	}
	if err := s.backupTo(path); err != nil {
		return fmt.Errorf("backup of %s to %s failed: %w", s.path, path, err)
	}
	return nil
}

// Backups lists the rolling copies AutoBackup made that exist, newest
// first: "<path>.bak1", "<path>.bak2", "<path>.bak3".
func (s *Store) Backups() []string {
	var out []string
	for n := 1; n <= autoBackups; n++ {
		if info, err := os.Stat(backupName(s.path, n)); err == nil && info.Mode().IsRegular() {
			out = append(out, backupName(s.path, n))
		}
	}
	return out
}

func (s *Store) backupTo(path string) error {
	return s.db.View(func(tx *bbolt.Tx) error { return writeCopy(tx, path) })
}

// writeCopy writes tx's snapshot to path durably (see package durable),
// private to the user like the project file.
func writeCopy(tx *bbolt.Tx, path string) error {
	return durable.WriteFile(path, 0o600, func(w io.Writer) error {
		_, err := tx.WriteTo(w)
		return err
	})
}

// AutoBackupAsync takes the automatic backup that Options.AutoBackup takes
// at open (see there), on a goroutine of its own, and calls done, when not
// nil, with its error (nil when the newest copy already held this state)
// on that goroutine: a window opens the file without AutoBackup, shows
// itself and calls AutoBackupAsync, handing done's result to the UI with
// fyne.Do. The copy is one read transaction, so edits go on meanwhile and
// the copy holds the file as it was when the copy began. Close waits for it.
// Calls are taken one at a time.
func (s *Store) AutoBackupAsync(done func(error)) {
	s.background.Add(1)
	go func() {
		defer s.background.Done()
		err := guard(s.autoBackup, func(r any) error { return damagedError(s.path, fmt.Errorf("%v", r)) })
		if done != nil {
			done(err)
		}
	}()
}

// autoBackup rotates the rolling copies and writes a new newest one, unless
// the newest copy already holds this state of the file (same bbolt
// transaction id and size).
func (s *Store) autoBackup() error {
	s.backupMu.Lock()
	defer s.backupMu.Unlock()
	newest := backupName(s.path, 1)
	err := s.db.View(func(tx *bbolt.Tx) error {
		if h, err := inspectFile(newest); err == nil && h.txid == uint64(tx.ID()) {
			if info, err := os.Stat(newest); err == nil && info.Size() == tx.Size() {
				return nil
			}
		}
		for n := autoBackups - 1; n >= 1; n-- {
			err := durable.Rename(backupName(s.path, n), backupName(s.path, n+1))
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
		return writeCopy(tx, newest)
	})
	if err != nil {
		return fmt.Errorf("cannot make the automatic backup %s: %w", newest, err)
	}
	return nil
}
