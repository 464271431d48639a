package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"glossa/annotation"
)

// TestPanicInViewAndUpdate: a panic inside a transaction (what bbolt does
// on a damaged page) becomes ErrCorrupt with a sentence saying what to do;
// the panicking Update is rolled back by bbolt's deferred rollback, the
// store refuses further edits, and the file reopens with every committed
// edit and passes Check.
func TestPanicInViewAndUpdate(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)

	err := s.view(func(tx *bbolt.Tx) error { panic("assertion failed: Page expected to be: 73, but self identifies as 0") })
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("view: got %v; want ErrCorrupt", err)
	}
	for _, want := range []string{s.Path(), "has not changed it", "Restore from backup", "glossa check"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("view: message %q; want it to say %q", err, want)
		}
	}
	if _, err := s.Document(d.ID); err != nil {
		t.Fatalf("a read after the panic: %v", err)
	}

	err = s.update(func(tx *bbolt.Tx) error {
		if err := tx.Bucket(bucketMeta).Put([]byte("half-done"), []byte("x")); err != nil {
			return err
		}
		panic("page fault")
	})
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("update: got %v; want ErrCorrupt", err)
	}
	if _, err := s.AddDocument(annotation.Document{Title: "T", Text: "Another article."}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("an edit after a panicking one: got %v; want ErrCorrupt", err)
	}
	if _, err := s.Document(d.ID); err != nil {
		t.Errorf("a read after the panicking edit: %v", err)
	}

	s = reopen(t, s)
	mustCheck(t, s)
	if err := s.view(func(tx *bbolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get([]byte("half-done")); v != nil {
			return fmt.Errorf("the panicking edit reached the file: %q", v)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Document(d.ID); err != nil {
		t.Errorf("committed document lost: %v", err)
	}
	if _, err := s.AddDocument(annotation.Document{Title: "T", Text: "Another article."}); err != nil {
		t.Errorf("an edit after reopening: %v", err)
	}
}

// damagedCopy builds a project with a few documents (one text longer than
// a page, so that it has overflow pages), closes it, lets damage change the
// bytes of its first leaf page and returns the file's path.
func damagedCopy(t *testing.T, damage func(page []byte, pageSize int)) string {
	t.Helper()
	s := openTestStore(t)
	for i := 0; i < 5; i++ {
		addDoc(t, s, fmt.Sprintf("%s %d %s", sampleText, i, strings.Repeat("More text. ", 600*i)))
	}
	path := s.Path()
	s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ne := binary.NativeEndian
	ps := int(ne.Uint32(data[pageHeaderSize+8:]))
	for id := 2; id*ps < len(data); id++ {
		p := data[id*ps : (id+1)*ps]
		if ne.Uint64(p) == uint64(id) && ne.Uint16(p[8:]) == pageLeaf && ne.Uint16(p[10:]) > 0 {
			damage(p, ps)
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			return path
		}
	}
	t.Fatal("no leaf page found")
	return ""
}

// TestCheckDamagedPages: damaged page headers and elements that would make
// bbolt's tx.Check fault (in a goroutine that cannot recover) or loop for
// minutes are found by Check's own page walk, quickly, as ErrCorrupt.
func TestCheckDamagedPages(t *testing.T) {
	ne := binary.NativeEndian
	tests := []struct {
		name   string
		damage func(p []byte, ps int)
	}{
		{"huge overflow", func(p []byte, _ int) { ne.PutUint32(p[12:], 0xFFFFFFF0) }},
		{"wrong id", func(p []byte, _ int) { ne.PutUint64(p, 9999) }},
		{"bad kind", func(p []byte, _ int) { ne.PutUint16(p[8:], 0x40) }},
		{"key outside the page", func(p []byte, _ int) { ne.PutUint32(p[pageHeaderSize+4:], 0x7FFFFFF0) }},
		{"too many elements", func(p []byte, _ int) { ne.PutUint16(p[10:], 0xFFFF) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := damagedCopy(t, tt.damage)
			before := fileSum(t, path)
			s, err := Open(path, Options{ReadOnly: true})
			if err != nil {
				if !errors.Is(err, ErrCorrupt) {
					t.Fatalf("Open: got %v; want ErrCorrupt or a store", err)
				}
				return
			}
			defer s.Close()
			start := time.Now()
			err = s.Check()
			if took := time.Since(start); took > 2*time.Second {
				t.Errorf("Check took %v", took)
			}
			if !errors.Is(err, ErrCorrupt) {
				t.Errorf("Check: got %v; want ErrCorrupt", err)
			}
			if fileSum(t, path) != before {
				t.Errorf("the file was changed")
			}
		})
	}
}

// TestMissingBucketNotCreated: a current file missing a bucket is damaged
// (a bucket's name or page broken); Open refuses it instead of creating
// the bucket, which would write to the damaged file.
func TestMissingBucketNotCreated(t *testing.T) {
	s := openTestStore(t)
	if err := s.update(func(tx *bbolt.Tx) error { return tx.DeleteBucket(bucketSummaries) }); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	before := fileSum(t, path)
	for _, ro := range []bool{false, true} {
		if _, err := Open(path, Options{ReadOnly: ro}); !errors.Is(err, ErrCorrupt) {
			t.Errorf("Open(read-only %v): got %v; want ErrCorrupt", ro, err)
		}
	}
	if fileSum(t, path) != before {
		t.Errorf("the file was changed")
	}
}

// TestMaxSizeFailsLikeAFullDisk: with Options.MaxSize, an edit that would
// grow the file past it fails with ErrWriteFailed (a sentence saying it was
// not saved and what to do); the edits before it stay, reads and Backup go
// on working, and without the cap the same edit succeeds.
func TestMaxSizeFailsLikeAFullDisk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "small.glossa")
	s, err := Open(path, Options{MaxSize: 256 << 10, Now: testClock()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var ids []uint64
	var failed annotation.Document
	for i := 0; ; i++ {
		if i == 1000 {
			t.Fatal("1000 documents fitted in 256 KB")
		}
		d := annotation.Document{Title: "T", Text: fmt.Sprintf("Article %d. %s", i, strings.Repeat("Taxes would fall. ", 200))}
		got, err := s.AddDocument(d)
		if err != nil {
			if !errors.Is(err, ErrWriteFailed) || !errors.Is(err, berrors.ErrMaxSizeReached) {
				t.Fatalf("got %v; want ErrWriteFailed wrapping bbolt's ErrMaxSizeReached", err)
			}
			for _, want := range []string{path, "was not saved", "consistent", "save a copy"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("message %q; want it to say %q", err, want)
				}
			}
			t.Logf("after %d documents: %v", len(ids), err)
			failed = d
			break
		}
		ids = append(ids, got.ID)
	}
	if _, err := s.Documents(); err != nil {
		t.Errorf("reads after the failed edit: %v", err)
	}
	mustCheck(t, s)
	if err := s.Backup(filepath.Join(t.TempDir(), "copy.glossa")); err != nil {
		t.Errorf("Backup after the failed edit: %v", err)
	}
	s.Close()

	s, err = Open(path, Options{Now: testClock()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, id := range ids {
		if _, err := s.Document(id); err != nil {
			t.Errorf("acknowledged document %d lost: %v", id, err)
		}
	}
	if _, err := s.AddDocument(failed); err != nil {
		t.Errorf("the edit without MaxSize: %v", err)
	}
	mustCheck(t, s)
}

// TestWriteErrorsWrapped: the errors of a disk that cannot be written are
// ErrWriteFailed; others are passed on as they are.
func TestWriteErrorsWrapped(t *testing.T) {
	for _, e := range append(append([]error{berrors.ErrMaxSizeReached}, diskFullErrnos...), writeErrnos...) {
		err := writeError("p.glossa", &os.PathError{Op: "write", Path: "p.glossa", Err: e})
		if !errors.Is(err, ErrWriteFailed) || !errors.Is(err, e) {
			t.Errorf("%v: got %v; want ErrWriteFailed wrapping it", e, err)
		}
	}
	other := errors.New("something else")
	if err := writeError("p.glossa", other); err != other {
		t.Errorf("got %v; want the error unchanged", err)
	}
}
