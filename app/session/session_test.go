package session

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"glossa/annotation"
	"glossa/storage"
)

const text1 = "The minister said prices would fall. Critics disagreed."
const text2 = "The bridge opens in May, the mayor said."

// failing is a store whose next write fails when fail is set.
type failing struct {
	*storage.Store
	fail error
}

func (f *failing) Apply(docID uint64, put []annotation.Annotation, del []uint64) ([]annotation.Annotation, error) {
	if err := f.fail; err != nil {
		f.fail = nil
		return nil, err
	}
	return f.Store.Apply(docID, put, del)
}

// newSession opens a new project file with two documents, read into a
// session with the first document open.
func newSession(t *testing.T) (*Session, *failing) {
	t.Helper()
	return openSession(t, storage.Options{})
}

// openSession is newSession on a project file opened with opts.
func openSession(t *testing.T, opts storage.Options) (*Session, *failing) {
	t.Helper()
	st, err := storage.Open(filepath.Join(t.TempDir(), "p.glossa"), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, d := range []annotation.Document{{Title: "Prices", Text: text1}, {Title: "Bridge", Text: text2}} {
		if _, err := st.AddDocument(d); err != nil {
			t.Fatal(err)
		}
	}
	f := &failing{Store: st}
	s := New(f)
	if err := s.SetAnnotator("tester"); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{s.LoadLabels(), s.LoadEntities(), s.LoadDocuments(), s.Open(1)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return s, f
}

func label(t *testing.T, s *Session, name string) annotation.Label {
	t.Helper()
	l, ok := s.Label(name)
	if !ok {
		t.Fatalf("no label %s", name)
	}
	return l
}

// tag adds an annotation of label over [start, end) as one step.
func tag(t *testing.T, s *Session, name string, start, end int) annotation.Annotation {
	t.Helper()
	a, err := s.NewAnnotation(label(t, s, name), start, end, "tester")
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Apply("tag "+name, []annotation.Annotation{a}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return st.Put[0]
}

// agrees checks that the session's annotations of the open document are
// the store's, and that its summary counts them.
func agrees(t *testing.T, s *Session, f *failing) {
	t.Helper()
	stored, err := f.Store.Annotations(s.DocID())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(s.Annotations()), ids(stored); !slices.Equal(got, want) {
		t.Fatalf("session has %v, store has %v", got, want)
	}
	for _, d := range s.Documents() {
		if d.ID == s.DocID() && d.Annotations != len(stored) {
			t.Errorf("summary counts %d, store has %d", d.Annotations, len(stored))
		}
	}
}

func ids(as []annotation.Annotation) []uint64 {
	out := []uint64{}
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func TestApplyUndoRedo(t *testing.T) {
	s, f := newSession(t)
	a := tag(t, s, "Claim", 18, 35)
	agrees(t, s, f)
	if got := s.UndoDesc(); got != "tag Claim" {
		t.Errorf("UndoDesc = %q", got)
	}
	st, err := s.Undo()
	if err != nil || len(st.Del) != 1 || st.Del[0] != a.ID {
		t.Fatalf("Undo = %+v, %v; want the claim deleted", st, err)
	}
	agrees(t, s, f)
	if s.CanUndo() || !s.CanRedo() || s.RedoDesc() != "tag Claim" {
		t.Errorf("after undo: CanUndo %v, CanRedo %v, RedoDesc %q", s.CanUndo(), s.CanRedo(), s.RedoDesc())
	}
	st, err = s.Redo()
	if err != nil || len(st.Put) != 1 || st.Put[0].ID != a.ID || !slices.Equal(st.Restored, []uint64{a.ID}) {
		t.Fatalf("Redo = %+v, %v; want the claim back under its id", st, err)
	}
	agrees(t, s, f)
	if _, err := s.Redo(); !errors.Is(err, ErrNothingToRedo) {
		t.Errorf("Redo with nothing to redo: %v", err)
	}
}

func TestAmendIsOneStep(t *testing.T) {
	s, f := newSession(t)
	claim := tag(t, s, "Claim", 18, 35)
	src, _ := s.NewAnnotation(label(t, s, "Source"), 0, 12, "tester")
	st, err := s.Apply("tag Source", []annotation.Annotation{src}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := claim.Clone()
	c.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: st.Put[0].ID}}
	if _, err := s.Amend("tag and link source", []annotation.Annotation{c}, nil); err != nil {
		t.Fatal(err)
	}
	if s.UndoDesc() != "tag and link source" {
		t.Errorf("UndoDesc = %q", s.UndoDesc())
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	agrees(t, s, f)
	if got := ids(s.Annotations()); !slices.Equal(got, []uint64{claim.ID}) || len(s.Annotation(claim.ID).Links) != 0 {
		t.Errorf("after one undo: %v, claim links %v; want the claim alone, unlinked", got, s.Annotation(claim.ID).Links)
	}
}

func TestUndoOpensTheStepsDocument(t *testing.T) {
	s, f := newSession(t)
	tag(t, s, "Claim", 18, 35)
	if err := s.Open(2); err != nil {
		t.Fatal(err)
	}
	st, err := s.Undo()
	if err != nil || !st.Opened || s.DocID() != 1 {
		t.Fatalf("Undo = %+v, %v, document %d open; want document 1 opened", st, err, s.DocID())
	}
	agrees(t, s, f)
}

func TestStatusUndo(t *testing.T) {
	s, _ := newSession(t)
	if _, err := s.SetStatus("status Done", annotation.StatusDone); err != nil {
		t.Fatal(err)
	}
	if s.Doc().Status != annotation.StatusDone || s.Documents()[0].Status != annotation.StatusDone {
		t.Fatalf("status %q, summary %q", s.Doc().Status, s.Documents()[0].Status)
	}
	if st, err := s.Undo(); err != nil || !st.Status || s.Doc().Status != annotation.StatusNew {
		t.Fatalf("Undo = %+v, %v, status %q", st, err, s.Doc().Status)
	}
}

func TestFailedEditChangesNothing(t *testing.T) {
	s, f := newSession(t)
	tag(t, s, "Claim", 18, 35)
	a, _ := s.NewAnnotation(label(t, s, "Source"), 0, 12, "tester")
	f.fail = errors.New("disk full")
	if _, err := s.Apply("tag Source", []annotation.Annotation{a}, nil); err == nil {
		t.Fatal("Apply succeeded on a failing store")
	}
	agrees(t, s, f)
	if s.UndoDesc() != "tag Claim" {
		t.Errorf("the failed edit is in the history: %q", s.UndoDesc())
	}
	f.fail = errors.New("disk full")
	if _, err := s.Undo(); err == nil {
		t.Fatal("Undo succeeded on a failing store")
	}
	if s.UndoDesc() != "tag Claim" || s.CanRedo() {
		t.Errorf("a failed undo moved the step: undo %q, can redo %v", s.UndoDesc(), s.CanRedo())
	}
	if _, err := s.Undo(); err != nil { // the retry
		t.Fatal(err)
	}
	agrees(t, s, f)
}

// TestEntityLinkUndoRedoKeepsLaterRegistryEdits: undo and redo of the step
// that made an entity keep what was edited in the registry since (issue
// 16: aliases, external id and note were lost).
func TestEntityLinkUndoRedoKeepsLaterRegistryEdits(t *testing.T) {
	s, f := newSession(t)
	p := tag(t, s, "Person", 4, 12)
	st, made, err := s.LinkEntity("entity", p.ID, "The Minister")
	if err != nil || made == nil || !st.Entities || s.Annotation(p.ID).Entity != made.ID {
		t.Fatalf("LinkEntity = %+v, %+v, %v", st, made, err)
	}
	e := *s.Entity(made.ID)
	e.Aliases = []string{"Minister", "M."}
	e.Note = "finance"
	if _, err := s.SaveEntity("edit of it", e); err != nil {
		t.Fatal(err)
	}
	// Back past the registry edit and the link, then forward again.
	for _, step := range []func() (Step, error){s.Undo, s.Undo, s.Redo, s.Redo} {
		if _, err := step(); err != nil {
			t.Fatal(err)
		}
	}
	got := s.Entity(made.ID)
	if got == nil || got.Note != "finance" || !slices.Equal(got.Aliases, []string{"Minister", "M."}) {
		t.Fatalf("after undo, undo, redo, redo: %+v; want the aliases and note back", got)
	}
	agrees(t, s, f)
	// The link's own undo, with the registry edit kept: the entity goes as
	// it is, and its redo brings it back as it was.
	if _, err := s.Undo(); err != nil { // the registry edit
		t.Fatal(err)
	}
	e2 := *s.Entity(made.ID)
	e2.ExternalID = "Q1"
	f.Store.UpdateEntity(e2) // an edit outside the history
	s.LoadEntities()
	if _, err := s.Undo(); err != nil { // the link
		t.Fatal(err)
	}
	if s.Entity(made.ID) != nil {
		t.Fatal("undoing the link left the entity it made")
	}
	if _, err := s.Redo(); err != nil {
		t.Fatal(err)
	}
	if got := s.Entity(made.ID); got == nil || got.ExternalID != "Q1" {
		t.Errorf("redo of the link brought back %+v; want the external id set after the step", got)
	}
}

func TestMergeUndo(t *testing.T) {
	s, f := newSession(t)
	a := tag(t, s, "Person", 4, 12)
	b := tag(t, s, "Person", 37, 44)
	_, ea, _ := s.LinkEntity("entity", a.ID, "Minister")
	_, eb, _ := s.LinkEntity("entity", b.ID, "The Minister")
	st, err := s.MergeEntities("merge", ea.ID, eb.ID)
	if err != nil || !st.Reread {
		t.Fatal(err)
	}
	if s.Annotation(b.ID).Entity != ea.ID || s.Entity(eb.ID) != nil {
		t.Fatalf("after the merge: b -> %d, merged entity %+v", s.Annotation(b.ID).Entity, s.Entity(eb.ID))
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if s.Annotation(b.ID).Entity != eb.ID || s.Entity(eb.ID) == nil {
		t.Fatalf("after undoing the merge: b -> %d, merged entity %+v", s.Annotation(b.ID).Entity, s.Entity(eb.ID))
	}
	agrees(t, s, f)
}

func TestChangeMerge(t *testing.T) {
	a1 := annotation.Annotation{ID: 1, Label: "Claim"}
	a1linked := annotation.Annotation{ID: 1, Label: "Claim", Links: []annotation.Link{{Type: annotation.LinkSaidBy, Target: 2}}}
	s2 := annotation.Annotation{ID: 2, Label: "Source"}
	c := change{before: map[uint64]annotation.Annotation{}, after: map[uint64]annotation.Annotation{2: s2}}
	c2 := change{before: map[uint64]annotation.Annotation{1: a1}, after: map[uint64]annotation.Annotation{1: a1linked}}
	m := c.merge(c2)
	put, del := ops(m.after, m.before)
	if len(put) != 1 || put[0].ID != 1 || len(put[0].Links) != 0 || len(del) != 1 || del[0] != 2 {
		t.Errorf("undo of merged = put %+v del %v; want the unlinked claim and delete 2", put, del)
	}
}
