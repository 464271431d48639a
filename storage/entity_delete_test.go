package storage

import (
	"errors"
	"testing"

	"glossa/annotation"
)

func TestDeleteAndRestoreEntity(t *testing.T) {
	s := openTestStore(t)
	used, err := s.AddEntity(annotation.Entity{Name: "Ana Pérez", Type: "Person"})
	if err != nil {
		t.Fatal(err)
	}
	free, err := s.AddEntity(annotation.Entity{Name: "Bo", Aliases: []string{"B."}})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := s.AddDocument(annotation.Document{Title: "T", Text: "Ana Pérez spoke."})
	if err != nil {
		t.Fatal(err)
	}
	sp, _ := annotation.NewSpan(annotation.NewOffsets(doc.Text), 0, 9)
	if _, err := s.AddAnnotation(annotation.Annotation{DocID: doc.ID, Label: "Person", Spans: []annotation.Span{sp}, Entity: used.ID}); err != nil {
		t.Fatal(err)
	}

	if err := s.DeleteEntity(used.ID); !errors.Is(err, ErrEntityInUse) {
		t.Errorf("DeleteEntity(used) = %v; want ErrEntityInUse", err)
	}
	if err := s.DeleteEntity(free.ID); err != nil {
		t.Fatalf("DeleteEntity(free) = %v", err)
	}
	if err := s.DeleteEntity(free.ID); !errors.Is(err, annotation.ErrNotFound) {
		t.Errorf("second DeleteEntity = %v; want ErrNotFound", err)
	}
	s = reopen(t, s)
	if _, err := s.Entity(free.ID); !errors.Is(err, annotation.ErrNotFound) {
		t.Errorf("deleted entity still there after reopen: %v", err)
	}
	if err := s.RestoreEntity(free); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	if got, err := s.Entity(free.ID); err != nil || got.Name != "Bo" || len(got.Aliases) != 1 {
		t.Errorf("restored entity = %+v, %v; want Bo with its alias", got, err)
	}
	if e, err := s.AddEntity(annotation.Entity{Name: "New"}); err != nil || e.ID <= free.ID {
		t.Errorf("next id %d after restoring %d, err %v; want a larger one", e.ID, free.ID, err)
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}
