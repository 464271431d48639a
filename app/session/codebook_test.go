package session

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"glossa/annotation"
)

// labelsOf returns the labels of the open document's annotations by id.
func labelsOf(s *Session) map[uint64]string {
	out := map[uint64]string{}
	for _, a := range s.Annotations() {
		out[a.ID] = a.Label
	}
	return out
}

func TestRenameLabelUndoRedo(t *testing.T) {
	s, f := newSession(t)
	claim := tag(t, s, "Claim", 18, 35)
	rename := annotation.CodebookEdit{Op: annotation.OpUpdateLabel, Label: "Claim",
		Def: annotation.Label{Name: "Statement", Kind: annotation.KindClaim, Color: "#e6a700", Key: "1"}}
	st, err := s.EditCodebook("rename Claim", rename)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Codebook || !st.Reread || st.Desc != "rename Claim" {
		t.Errorf("step %+v", st)
	}
	if _, ok := s.Label("Statement"); !ok || labelsOf(s)[claim.ID] != "Statement" {
		t.Errorf("after rename: labels %v, annotations %v", s.Labels().Labels, labelsOf(s))
	}
	agrees(t, s, f)
	if s.UndoDesc() != "rename Claim" {
		t.Errorf("UndoDesc = %q", s.UndoDesc())
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Label("Claim"); !ok || labelsOf(s)[claim.ID] != "Claim" {
		t.Errorf("after undo: annotations %v", labelsOf(s))
	}
	if _, err := s.Redo(); err != nil {
		t.Fatal(err)
	}
	if labelsOf(s)[claim.ID] != "Statement" {
		t.Errorf("after redo: annotations %v", labelsOf(s))
	}
	// The step before the rename undoes after it.
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if len(s.Annotations()) != 0 {
		t.Errorf("tag not undone: %v", labelsOf(s))
	}
	agrees(t, s, f)
}

// TestDeleteLabelMovingUndo: undo moves back exactly the annotations the
// delete moved, not those that had the other label already.
func TestDeleteLabelMovingUndo(t *testing.T) {
	s, f := newSession(t)
	person := tag(t, s, "Person", 4, 12)
	other := tag(t, s, "Other", 37, 44)
	if err := s.Open(2); err != nil {
		t.Fatal(err)
	}
	person2 := tag(t, s, "Person", 25, 34)
	if err := s.Open(1); err != nil {
		t.Fatal(err)
	}
	use, err := s.CodebookUse()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := use.Labels["Person"], (annotation.Use{Count: 2, Documents: 2}); got != want {
		t.Errorf("use of Person %+v, want %+v", got, want)
	}
	if _, err := s.EditCodebook("delete Person", annotation.CodebookEdit{Op: annotation.OpDeleteLabel, Label: "Person", Into: "Other"}); err != nil {
		t.Fatal(err)
	}
	if got := labelsOf(s); got[person.ID] != "Other" || got[other.ID] != "Other" {
		t.Errorf("after delete: %v", got)
	}
	if _, ok := s.Label("Person"); ok {
		t.Errorf("Person still offered")
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := labelsOf(s); got[person.ID] != "Person" || got[other.ID] != "Other" {
		t.Errorf("after undo: %v", got)
	}
	if a, err := f.Store.Annotation(person2.ID); err != nil || a.Label != "Person" {
		t.Errorf("the other article's annotation after undo: %+v, %v", a, err)
	}
	agrees(t, s, f)
}

// TestDeleteLabelDroppingUndo: undo restores the label and its annotations
// with their ids and the links to them.
func TestDeleteLabelDroppingUndo(t *testing.T) {
	s, f := newSession(t)
	claim := tag(t, s, "Claim", 18, 35)
	source := tag(t, s, "Source", 0, 12)
	c := claim.Clone()
	c.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: source.ID}}
	if _, err := s.Apply("link", []annotation.Annotation{c}, nil); err != nil {
		t.Fatal(err)
	}
	s.Select(source.ID)
	st, err := s.EditCodebook("delete Source", annotation.CodebookEdit{Op: annotation.OpDeleteLabel, Label: "Source", Drop: true})
	if err != nil {
		t.Fatal(err)
	}
	if !st.Reread || s.Annotation(source.ID) != nil || len(s.Annotation(claim.ID).Links) != 0 || s.Selected() != 0 {
		t.Errorf("after delete: %+v, selected %d", s.Annotations(), s.Selected())
	}
	if s.Documents()[0].Annotations != 1 {
		t.Errorf("article list counts %d", s.Documents()[0].Annotations)
	}
	st, err = s.Undo()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(st.Restored, []uint64{source.ID}) {
		t.Errorf("Restored %v", st.Restored)
	}
	if a := s.Annotation(claim.ID); a == nil || !reflect.DeepEqual(a.Links, c.Links) {
		t.Errorf("claim after undo: %+v", a)
	}
	if a := s.Annotation(source.ID); a == nil || a.Label != "Source" {
		t.Errorf("source after undo: %+v", a)
	}
	if s.Documents()[0].Annotations != 2 {
		t.Errorf("article list counts %d", s.Documents()[0].Annotations)
	}
	agrees(t, s, f)
}

func TestRelationTypeStepUndo(t *testing.T) {
	s, f := newSession(t)
	claim := tag(t, s, "Claim", 18, 35)
	source := tag(t, s, "Source", 0, 12)
	c := claim.Clone()
	c.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: source.ID}}
	if _, err := s.Apply("link", []annotation.Annotation{c}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EditCodebook("rename said_by", annotation.CodebookEdit{Op: annotation.OpUpdateRelation, Name: "said_by", Relation: annotation.RelationType{Name: "attributed_to"}}); err != nil {
		t.Fatal(err)
	}
	if got := s.Annotation(claim.ID).LinksOf("attributed_to"); !slices.Equal(got, []uint64{source.ID}) {
		t.Errorf("links %v", s.Annotation(claim.ID).Links)
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := s.Annotation(claim.ID).LinksOf(annotation.LinkSaidBy); !slices.Equal(got, []uint64{source.ID}) {
		t.Errorf("links after undo %v", s.Annotation(claim.ID).Links)
	}
	if _, ok := s.Labels().Relation("attributed_to"); ok {
		t.Errorf("relation type left after undo")
	}
	agrees(t, s, f)
}

// TestRefusedCodebookChangeIsNoStep: a change the store refuses changes
// nothing and leaves no step to undo.
func TestRefusedCodebookChangeIsNoStep(t *testing.T) {
	s, _ := newSession(t)
	tag(t, s, "Claim", 18, 35)
	before := s.Labels()
	_, err := s.EditCodebook("delete Claim", annotation.CodebookEdit{Op: annotation.OpDeleteLabel, Label: "Claim"})
	if !errors.Is(err, annotation.ErrInUse) {
		t.Fatalf("EditCodebook: %v, want ErrInUse", err)
	}
	if s.UndoSteps() != 1 || !reflect.DeepEqual(s.Labels(), before) {
		t.Errorf("a refused change left %d steps, labels %v", s.UndoSteps(), s.Labels().Labels)
	}
}
