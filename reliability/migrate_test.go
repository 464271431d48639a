package reliability

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"go.etcd.io/bbolt"

	"glossa/storage"
)

// setSchema writes version into a closed project's meta bucket with bbolt
// directly, as an older or newer Glossa would have left it.
func setSchema(t *testing.T, path string, version uint64) {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bbolt.Tx) error {
		var v [8]byte
		binary.BigEndian.PutUint64(v[:], version)
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), v[:])
	})
	if err != nil {
		t.Fatal(err)
	}
}

// boltCheck opens path with bbolt alone and runs its page check.
func boltCheck(path string) error {
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	return db.View(func(tx *bbolt.Tx) error {
		for err := range tx.Check() {
			return err
		}
		return nil
	})
}

// TestNewerSchemaRefused is case 6: a file of a newer schema is refused
// with ErrTooNew, by editing and read-only opens alike, and neither changed
// nor copied.
func TestNewerSchemaRefused(t *testing.T) {
	r := newRand(t)
	path := filepath.Join(t.TempDir(), "project.glossa")
	buildProject(t, r, path, 2, 2)
	setSchema(t, path, storage.SchemaVersion+1)
	before := fileSHA(t, path)
	for _, ro := range []bool{false, true} {
		_, err := storage.Open(path, storage.Options{ReadOnly: ro, AutoBackup: true})
		if !errors.Is(err, storage.ErrTooNew) {
			t.Errorf("read-only=%v: got %v; want ErrTooNew", ro, err)
		}
	}
	if fileSHA(t, path) != before {
		t.Errorf("the file was changed")
	}
	if m, _ := filepath.Glob(path + ".*"); len(m) > 0 {
		t.Errorf("files written beside it: %v", m)
	}
}

// TestFailedMigration is case 6 from outside the store: a file of schema
// 0, for which no migration exists, makes the migration transaction fail
// after the backup copy was taken. Open says so and names the copy; the
// original is unchanged and both files pass bbolt's check. (storage's own
// migrate_test.go injects failures into real migrations through its
// internal hook.)
func TestFailedMigration(t *testing.T) {
	r := newRand(t)
	path := filepath.Join(t.TempDir(), "project.glossa")
	buildProject(t, r, path, 3, 3)
	setSchema(t, path, 0)
	before := fileSHA(t, path)
	_, err := storage.Open(path, storage.Options{})
	if err == nil {
		t.Fatal("a schema 0 file opened, but no migration from 0 exists")
	}
	t.Logf("message: %v", err)
	backup := path + ".v0.bak"
	if _, serr := os.Stat(backup); serr != nil {
		t.Fatalf("no backup copy before migrating: %v", serr)
	}
	if fileSHA(t, path) != before {
		t.Errorf("the failed migration changed the original")
	}
	for _, p := range []string{path, backup} {
		if err := boltCheck(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}
