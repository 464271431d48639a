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

	rec, err := s.MergeEntities(keep.ID, merge.ID)
	if err != nil {
		t.Fatalf("MergeEntities: %v", err)
	}
	if want := []annotation.AnnotationRef{{DocID: d1.ID, ID: a1.ID}, {DocID: d2.ID, ID: a2.ID}}; !reflect.DeepEqual(rec.Moved, want) {
		t.Errorf("moved = %v, want %v", rec.Moved, want)
	}
	if !reflect.DeepEqual(rec.Before, keep) || !reflect.DeepEqual(rec.Merged, merge) {
		t.Errorf("merge record before = %+v, merged = %+v; want %+v, %+v", rec.Before, rec.Merged, keep, merge)
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
		if _, err := s.MergeEntities(c.keep, c.merge); !errors.Is(err, c.want) {
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

// TestUnmergeEntities undoes a merge after later edits: the merged entity
// comes back, the mentions the merge moved refer to it again except one
// linked to another entity since, a mention linked to the kept entity
// after the merge stays with it, and a note written on the kept entity
// after the merge stays.
func TestUnmergeEntities(t *testing.T) {
	s := openTestStore(t)
	d1 := addDoc(t, s, sampleText)
	d2 := addDoc(t, s, "Yet another text: the minister again.")
	keep, _ := s.AddEntity(annotation.Entity{Name: "Jane Doe", Type: "Person"})
	merge, _ := s.AddEntity(annotation.Entity{Name: "the minister", Aliases: []string{"Minister Doe"}, ExternalID: "Q42"})
	other, _ := s.AddEntity(annotation.Entity{Name: "Critics"})
	add := func(doc annotation.Document, start, end int, e uint64) annotation.Annotation {
		t.Helper()
		a, err := s.AddAnnotation(annotation.Annotation{DocID: doc.ID, Label: "Source", Spans: span(doc.Text, start, end), Entity: e})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	a1 := add(d1, 0, 12, merge.ID)
	a2 := add(d2, 18, 30, merge.ID)
	a3 := add(d1, 51, 58, merge.ID)
	a4 := add(d1, 13, 20, keep.ID)
	rec, err := s.MergeEntities(keep.ID, merge.ID)
	if err != nil {
		t.Fatal(err)
	}
	// After the merge: a3 is linked to another entity, a new mention of
	// the kept entity is made, the kept entity gets a note.
	a3.Entity = other.ID
	if _, err := s.UpdateAnnotation(a3); err != nil {
		t.Fatal(err)
	}
	a5 := add(d2, 0, 3, keep.ID)
	k, _ := s.Entity(keep.ID)
	k.Note = "written after the merge"
	if _, err := s.UpdateEntity(k); err != nil {
		t.Fatal(err)
	}

	if err := s.UnmergeEntities(rec); err != nil {
		t.Fatalf("UnmergeEntities: %v", err)
	}
	s = reopen(t, s)
	for _, c := range []struct {
		id, want uint64
	}{{a1.ID, merge.ID}, {a2.ID, merge.ID}, {a3.ID, other.ID}, {a4.ID, keep.ID}, {a5.ID, keep.ID}} {
		if a, err := s.Annotation(c.id); err != nil || a.Entity != c.want {
			t.Errorf("annotation %d refers to %d (%v), want %d", c.id, a.Entity, err, c.want)
		}
	}
	if got, err := s.Entity(merge.ID); err != nil || !reflect.DeepEqual(got, merge) {
		t.Errorf("merged entity after undo = %+v, %v; want %+v", got, err, merge)
	}
	want := annotation.Entity{ID: keep.ID, Name: "Jane Doe", Type: "Person", Note: "written after the merge"}
	if got, _ := s.Entity(keep.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("kept entity after undo = %+v, want %+v (aliases and external id the merge gave taken back, the later note kept)", got, want)
	}
	if err := s.Check(); err != nil {
		t.Errorf("Check after undoing the merge: %v", err)
	}
	// Twice is refused: the merged entity is back.
	if err := s.UnmergeEntities(rec); !errors.Is(err, ErrInvalidEntity) {
		t.Errorf("second UnmergeEntities: err = %v, want ErrInvalidEntity", err)
	}
	// Redo: merging again moves the mentions back.
	if _, err := s.MergeEntities(keep.ID, merge.ID); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Annotation(a1.ID); a.Entity != keep.ID {
		t.Errorf("after merging again annotation %d refers to %d, want %d", a1.ID, a.Entity, keep.ID)
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
