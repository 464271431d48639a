package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

// withSchema pretends this binary knows schema version v with the given
// migrations, until the test ends.
func withSchema(t *testing.T, v uint64, ms map[uint64]migration) {
	t.Helper()
	oldV, oldM := currentSchema, migrations
	currentSchema, migrations = v, ms
	t.Cleanup(func() { currentSchema, migrations = oldV, oldM })
}

// schemaOf reads the schema version of a closed file.
func schemaOf(t *testing.T, path string) uint64 {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v uint64
	db.View(func(tx *bbolt.Tx) error { v = keyID(tx.Bucket(bucketMeta).Get(keySchema)); return nil })
	return v
}

func TestMigration(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	path := s.Path()
	s.Close()

	const v = SchemaVersion
	withSchema(t, v+1, map[uint64]migration{v + 1: func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketMeta).Put([]byte("migrated"), []byte("yes"))
	}})
	s2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var marker string
	s2.view(func(tx *bbolt.Tx) error { marker = string(tx.Bucket(bucketMeta).Get([]byte("migrated"))); return nil })
	if _, err := s2.Document(d.ID); err != nil || marker != "yes" {
		t.Errorf("after migration: marker %q, document: %v", marker, err)
	}
	s2.Close()
	if got, want := schemaOf(t, path), uint64(v+1); got != want {
		t.Errorf("schema: got %d; want %d", got, want)
	}
	if got, want := schemaOf(t, fmt.Sprintf("%s.v%d.bak", path, v)), uint64(v); got != want {
		t.Errorf("backup schema: got %d; want %d", got, want)
	}
	// A read-only open of a file that needs migrating is refused, unchanged.
	withSchema(t, v+2, map[uint64]migration{v + 2: func(*bbolt.Tx) error { return nil }})
	if _, err := Open(path, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "older Glossa") {
		t.Errorf("read-only open of an old file: got %v", err)
	}
	// A missing migration fails without changing the file.
	withSchema(t, v+3, map[uint64]migration{})
	if _, err := Open(path, Options{}); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("no migration to schema version %d", v+2)) {
		t.Errorf("missing migration: got %v", err)
	}
	if got := schemaOf(t, path); got != v+1 {
		t.Errorf("schema after failed migration: %d", got)
	}
}

func TestMigrationFailureLeavesOriginalAndBackup(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: span(sampleText, 0, 3)})
	path := s.Path()
	s.Close()
	before := fileSum(t, path)

	fire := errors.New("disk on fire")
	const v = SchemaVersion
	backup := fmt.Sprintf("%s.v%d.bak", path, v)
	withSchema(t, v+2, map[uint64]migration{
		v + 1: func(tx *bbolt.Tx) error { return tx.DeleteBucket(bucketTexts) },
		v + 2: func(tx *bbolt.Tx) error {
			// Half way through: a write, then a failure.
			if err := tx.Bucket(bucketDocuments).Delete(idKey(d.ID)); err != nil {
				return err
			}
			return fire
		},
	})
	_, err := Open(path, Options{})
	if !errors.Is(err, fire) || !strings.Contains(err.Error(), backup) || !strings.Contains(err.Error(), "unchanged") {
		t.Fatalf("Open: got %v; want the migration's error naming the backup", err)
	}
	if fileSum(t, path) != before {
		t.Error("a failed migration changed the file")
	}
	withSchema(t, SchemaVersion, map[uint64]migration{})
	for _, p := range []string{path, backup} {
		s, err := Open(p, Options{})
		if err != nil {
			t.Fatalf("Open(%s) after failed migration: %v", p, err)
		}
		mustCheck(t, s)
		if as, err := s.Annotations(d.ID); err != nil || len(as) != 1 {
			t.Errorf("%s: annotations %v, %v", p, as, err)
		}
		s.Close()
	}
	if _, err := os.Stat(backup); err != nil {
		t.Error(err)
	}
}

func TestAutoBackup(t *testing.T) {
	s := openTestStore(t)
	path := s.Path()
	s.Close()
	open := func() *Store {
		t.Helper()
		s, err := Open(path, Options{AutoBackup: true})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s = open()
	if got := s.Backups(); len(got) != 1 || got[0] != path+".bak1" {
		t.Fatalf("Backups after first open: %v", got)
	}
	s.Close()
	s = open() // unchanged: no new copy
	if got := s.Backups(); len(got) != 1 {
		t.Errorf("Backups after reopening unchanged: %v", got)
	}
	for i, text := range []string{"First.", "Second.", "Third.", "Fourth."} {
		addDoc(t, s, text)
		s.Close()
		s = open()
		want := min(i+2, 3)
		if got := s.Backups(); len(got) != want {
			t.Errorf("after edit %d: %d backups, want %d", i+1, len(got), want)
		}
	}
	defer s.Close()
	if _, err := os.Stat(path + ".bak4"); err == nil {
		t.Error(".bak4 exists; want at most 3 copies")
	}
	for i, p := range s.Backups() {
		b, err := Open(p, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		docs, _ := b.Documents()
		if want := 4 - i; len(docs) != want {
			t.Errorf("%s holds %d documents, want %d", p, len(docs), want)
		}
		mustCheck(t, b)
		b.Close()
	}
}

// TestBackupRemovesStaleTemps: a backup copy killed mid-write leaves its
// hidden temporary file, as large as the project; the next copy to the
// same name removes it once it is an hour old, and leaves a younger one
// (a copy still being written by another process).
func TestBackupRemovesStaleTemps(t *testing.T) {
	s := openTestStore(t)
	defer s.Close()
	addDoc(t, s, sampleText)
	dir, base := filepath.Dir(s.Path()), filepath.Base(s.Path())+".bak1"
	stale := filepath.Join(dir, "."+base+".tmp-1234")
	fresh := filepath.Join(dir, "."+base+".tmp-5678")
	for _, p := range []string{stale, fresh} {
		if err := os.WriteFile(p, make([]byte, 4096), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	s.AutoBackupAsync(func(err error) { done <- err })
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale temporary file still there (%v)", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("fresh temporary file removed: %v", err)
	}
	if got := s.Backups(); len(got) != 1 {
		t.Errorf("Backups: %v; want one", got)
	}
}

// TestAutoBackupAsync takes the automatic backup on a goroutine while edits
// go on, and checks that Close waits for one under way.
func TestAutoBackupAsync(t *testing.T) {
	s := openTestStore(t)
	path := s.Path()
	d := addDoc(t, s, sampleText)
	done := make(chan error, 1)
	s.AutoBackupAsync(func(err error) { done <- err })
	addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: span(sampleText, 0, 3)}) // meanwhile
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := s.Backups(); len(got) != 1 || got[0] != path+".bak1" {
		t.Fatalf("Backups: got %v; want [%s.bak1]", got, path)
	}
	// After another edit the next copy shifts the first; Close waits for it.
	addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: span(sampleText, 4, 12)})
	s.AutoBackupAsync(func(err error) { done <- err })
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatal("Close returned before the backup under way had finished")
	}
	b, err := Open(path+".bak1", Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	as, err := b.Annotations(d.ID)
	if err != nil || len(as) != 2 {
		t.Errorf("newest backup: %d annotations, %v; want 2", len(as), err)
	}
	if _, err := os.Stat(path + ".bak2"); err != nil {
		t.Errorf("the second backup did not shift the first: %v", err)
	}
	mustCheck(t, b)
}
