package storage

import (
	"errors"
	"reflect"
	"testing"

	"glossa/annotation"
)

func TestMergeEntities(t *testing.T) {
	s := openTestStore(t)
	d1 := addDoc(t, s, sampleText)
	d2 := addDoc(t, s, "Yet another text: the minister again.")
	keep, err := s.AddEntity(annotation.Entity{Name: "Jane Doe", Type: "Person", Aliases: []string{"J. Doe"}})
	if err != nil {
		t.Fatal(err)
	}
	merge, err := s.AddEntity(annotation.Entity{Name: "the minister", Type: "Person", Aliases: []string{"j. doe", "Minister Doe"}, Note: "Finance", ExternalID: "Q42"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.AddEntity(annotation.Entity{Name: "Critics", Type: "Person"})
	if err != nil {
		t.Fatal(err)
	}
	a1, err := s.AddAnnotation(annotation.Annotation{DocID: d1.ID, Label: "Source", Spans: span(sampleText, 0, 12), Entity: merge.ID})
	if err != nil {
		t.Fatal(err)
	}
	a2, err := s.AddAnnotation(annotation.Annotation{DocID: d2.ID, Label: "Source", Spans: span(d2.Text, 18, 30), Entity: merge.ID})
	if err != nil {
		t.Fatal(err)
	}
	a3, err := s.AddAnnotation(annotation.Annotation{DocID: d1.ID, Label: "Source", Spans: span(sampleText, 51, 58), Entity: other.ID})
	if err != nil {
		t.Fatal(err)
	}

	if err := s.MergeEntities(keep.ID, merge.ID); err != nil {
		t.Fatalf("MergeEntities: %v", err)
	}
	s = reopen(t, s) // the merge is on disk
	for _, c := range []struct {
		id   uint64
		want uint64
	}{{a1.ID, keep.ID}, {a2.ID, keep.ID}, {a3.ID, other.ID}} {
		a, err := s.Annotation(c.id)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Entity; got != c.want {
			t.Errorf("annotation %d refers to entity %d, want %d", c.id, got, c.want)
		}
	}
	if _, err := s.Entity(merge.ID); !errors.Is(err, annotation.ErrNotFound) {
		t.Errorf("merged entity still there: err = %v, want ErrNotFound", err)
	}
	got, err := s.Entity(keep.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := annotation.Entity{ID: keep.ID, Name: "Jane Doe", Type: "Person",
		Aliases: []string{"J. Doe", "the minister", "Minister Doe"}, Note: "Finance", ExternalID: "Q42"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("kept entity = %+v, want %+v", got, want)
	}
	if err := s.Check(); err != nil {
		t.Errorf("Check after merge: %v", err)
	}
}

func TestMergeEntitiesRefusesAndChangesNothing(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	e, err := s.AddEntity(annotation.Entity{Name: "Jane Doe", Type: "Person"})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.AddAnnotation(annotation.Annotation{DocID: d.ID, Label: "Source", Spans: span(sampleText, 0, 12), Entity: e.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name        string
		keep, merge uint64
		want        error
	}{
		{"into itself", e.ID, e.ID, ErrInvalidEntity},
		{"missing kept", 99, e.ID, annotation.ErrNotFound},
		{"missing merged", e.ID, 99, annotation.ErrNotFound},
	} {
		if err := s.MergeEntities(c.keep, c.merge); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}
	if got, err := s.Annotation(a.ID); err != nil || got.Entity != e.ID {
		t.Errorf("annotation after refused merges = %+v, %v; want entity %d", got, err, e.ID)
	}
	if es, _ := s.Entities(); len(es) != 1 {
		t.Errorf("%d entities after refused merges, want 1", len(es))
	}
}

func TestBackupsOf(t *testing.T) {
	s, err := Open(t.TempDir()+"/b.glossa", Options{AutoBackup: true, Now: testClock()})
	if err != nil {
		t.Fatal(err)
	}
	addDoc(t, s, sampleText)
	path := s.Path()
	s.Close()
	s, err = Open(path, Options{AutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, want := BackupsOf(path), s.Backups(); len(got) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("BackupsOf = %v, want %v (Backups), not empty", got, want)
	}
	if got := BackupsOf(path + ".missing"); got != nil {
		t.Errorf("BackupsOf a file without backups = %v, want none", got)
	}
}
