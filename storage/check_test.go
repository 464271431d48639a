package storage

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

// TestCheckFindsBrokenInvariants breaks the file behind the store's back,
// one way per case, and expects Check to name it.
func TestCheckFindsBrokenInvariants(t *testing.T) {
	edit := func(fn func(a *annotation.Annotation)) func(tx *bbolt.Tx) error {
		return func(tx *bbolt.Tx) error {
			anns := tx.Bucket(bucketAnnotations)
			k, v := anns.Cursor().First()
			var a annotation.Annotation
			if err := json.Unmarshal(v, &a); err != nil {
				return err
			}
			fn(&a)
			return putJSON(anns, k, a)
		}
	}
	tests := []struct {
		name   string
		break_ func(tx *bbolt.Tx) error
		want   error
	}{
		{"span text", edit(func(a *annotation.Annotation) { a.Spans[0].Text = "xyz" }), annotation.ErrSpanText},
		{"span out of text", edit(func(a *annotation.Annotation) { a.Spans[0].End = 10000 }), annotation.ErrSpanOutOfRange},
		{"unknown label", edit(func(a *annotation.Annotation) { a.Label = "Gone" }), annotation.ErrUnknownLabel},
		{"dangling link", edit(func(a *annotation.Annotation) { a.Links = []annotation.Link{{Type: annotation.LinkAbout, Target: 77}} }), annotation.ErrDanglingLink},
		{"unknown entity", edit(func(a *annotation.Annotation) { a.Entity = 42 }), annotation.ErrUnknownEntity},
		{"text changed", func(tx *bbolt.Tx) error {
			return tx.Bucket(bucketTexts).Put(idKey(1), []byte(strings.Replace(sampleText, "taxes", "TAXES", 1)))
		}, annotation.ErrChecksum},
		{"summary count", func(tx *bbolt.Tx) error {
			return putJSON(tx.Bucket(bucketSummaries), idKey(1), annotation.Summary{ID: 1, Title: "Taxes", Annotations: 9})
		}, ErrCorrupt},
		{"index entry missing", func(tx *bbolt.Tx) error { return tx.Bucket(bucketAnnIndex).Delete(idKey(1)) }, ErrCorrupt},
		{"orphan text", func(tx *bbolt.Tx) error { return tx.Bucket(bucketTexts).Put(idKey(50), []byte("x")) }, ErrCorrupt},
		{"sequence behind", func(tx *bbolt.Tx) error { return tx.Bucket(bucketDocuments).SetSequence(0) }, ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTestStore(t)
			d := addDoc(t, s, sampleText)
			addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Source", Spans: span(sampleText, 4, 12)})
			breakThenCheck(t, s, tt.break_, tt.want)
		})
	}
}

// breakThenCheck checks that s is sound, breaks it by break_ behind the
// store's back, and expects Check to report want.
func breakThenCheck(t *testing.T, s *Store, break_ func(tx *bbolt.Tx) error, want error) {
	t.Helper()
	mustCheck(t, s)
	if err := s.update(break_); err != nil {
		t.Fatal(err)
	}
	err := s.Check()
	var ce *CheckError
	if !errors.As(err, &ce) || !errors.Is(err, want) {
		t.Errorf("Check: got %v; want a CheckError with %v", err, want)
	}
}

func TestCheckListsEveryProblem(t *testing.T) {
	s := openTestStore(t)
	for i, text := range []string{"One text here.", "Two text here.", "Three text here."} {
		d := addDoc(t, s, text)
		addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: span(text, 0, 3)})
		_ = i
	}
	err := s.update(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketAnnotations).ForEach(func(k, v []byte) error {
			var a annotation.Annotation
			json.Unmarshal(v, &a)
			a.Label = "Gone"
			return putJSON(tx.Bucket(bucketAnnotations), k, a)
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	var ce *CheckError
	if err := s.Check(); !errors.As(err, &ce) || len(ce.Problems) != 3 {
		t.Fatalf("Check: got %v; want 3 problems", err)
	}
	if msg := ce.Error(); !strings.HasPrefix(msg, "3 problems found: ") {
		t.Errorf("message %q", msg)
	}
}

// TestCheckPageDamage damages a data page of a closed file and reopens it:
// Open (which reads only the meta pages and the meta bucket) or Check
// must report the damage, and nothing may crash.
func TestCheckPageDamage(t *testing.T) {
	s := openTestStore(t)
	if _, err := s.ImportBundles(makeBundles(20, 5, 0, 1), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	real, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	h, _ := inspectFile(s.Path())
	db, err := bbolt.Open(s.Path(), 0o600, &bbolt.Options{ReadOnly: true, PreLoadFreelist: true})
	if err != nil {
		t.Fatal(err)
	}
	free := map[int64]bool{}
	db.View(func(tx *bbolt.Tx) error {
		for page := int64(2); page < h.pages; page++ {
			if info, err := tx.Page(int(page)); err == nil && info != nil && info.Type == "free" {
				free[page] = true
			}
		}
		return nil
	})
	db.Close()
	for page := int64(2); page < h.pages; page++ {
		if free[page] {
			continue // damage to a free page harms nothing
		}
		data := append([]byte(nil), real...)
		off := page * h.pageSize
		for i := off; i < off+64; i++ {
			data[i] ^= 0x5a
		}
		path := filepath.Join(t.TempDir(), "damaged.glossa")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		d, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrNotProject) {
				t.Errorf("page %d: Open: got %v; want ErrCorrupt", page, err)
			}
			continue
		}
		if err := d.Check(); err == nil {
			t.Errorf("page %d damaged: Check found nothing", page)
		}
		d.Close()
	}
}
