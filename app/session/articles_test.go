package session

import (
	"reflect"
	"slices"
	"testing"

	"glossa/annotation"
)

// must returns a function that fails t on an error and returns the step.
func must(t *testing.T) func(Step, error) Step {
	t.Helper()
	return func(st Step, err error) Step {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
}

func TestEditDetailsUndoRedo(t *testing.T) {
	s, f := newSession(t)
	d := s.Doc()
	d.Title, d.Outlet, d.Authors, d.Published = "Prices to fall", "Daily", []string{"Ann Lee", "Bo Chan"}, "2025-02-27"
	st := must(t)(s.EditDetails("edit details", d))
	if !st.Articles || st.Opened {
		t.Errorf("step %+v", st)
	}
	check := func(title string, authors []string) {
		t.Helper()
		stored, err := f.Store.Document(1)
		if err != nil {
			t.Fatal(err)
		}
		if stored.Title != title || !slices.Equal(stored.Authors, authors) || s.Doc().Title != title || s.Documents()[0].Title != title {
			t.Errorf("store %q %v, session %q, list %q; want %q %v", stored.Title, stored.Authors, s.Doc().Title, s.Documents()[0].Title, title, authors)
		}
		if s.Doc().Text != text1 || stored.Text != text1 {
			t.Errorf("text changed: %q", s.Doc().Text)
		}
	}
	check("Prices to fall", []string{"Ann Lee", "Bo Chan"})
	// The same details again: no step.
	if st := must(t)(s.EditDetails("edit details", s.Doc())); st.Desc != "" || s.UndoSteps() != 1 {
		t.Errorf("an unchanged edit made a step: %+v", st)
	}
	must(t)(s.Undo())
	check("Prices", nil)
	must(t)(s.Redo())
	check("Prices to fall", []string{"Ann Lee", "Bo Chan"})
	// A status change made since is not undone with the details.
	must(t)(s.SetStatus("status done", annotation.StatusDone))
	must(t)(s.Undo()) // the status
	must(t)(s.Undo()) // the details
	if s.Doc().Status != annotation.StatusNew {
		t.Errorf("status %q", s.Doc().Status)
	}
	check("Prices", nil)
}

func TestEditDetailsOfAnotherArticle(t *testing.T) {
	s, f := newSession(t)
	d, _ := f.Store.Document(2)
	d.Title = "Bridge opens in May"
	must(t)(s.EditDetails("edit details", d))
	if s.DocID() != 1 || s.Documents()[1].Title != "Bridge opens in May" {
		t.Errorf("open %d, list %+v", s.DocID(), s.Documents())
	}
	st := must(t)(s.Undo())
	if !st.Opened || s.DocID() != 2 || s.Doc().Title != "Bridge" {
		t.Errorf("undo %+v: open %d %q", st, s.DocID(), s.Doc().Title)
	}
}

func TestDeleteDocumentsUndoRedo(t *testing.T) {
	s, f := newSession(t)
	src := tag(t, s, "Source", 4, 12) // minister
	claim := tag(t, s, "Claim", 18, 35)
	c := claim.Clone()
	c.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: src.ID}}
	must(t)(s.Apply("link", []annotation.Annotation{c}, nil))
	before := slices.Clone(s.Annotations())
	must(t)(s.SetStatus("status done", annotation.StatusDone))

	st := must(t)(s.DeleteDocuments("delete 2 articles", []uint64{1, 2}))
	if !st.Closed || !st.Articles || s.DocID() != 0 || len(s.Documents()) != 0 {
		t.Fatalf("after delete: %+v, open %d, %d documents", st, s.DocID(), len(s.Documents()))
	}
	if ds, _ := f.Store.Documents(); len(ds) != 0 {
		t.Fatalf("store still has %+v", ds)
	}
	st = must(t)(s.Undo())
	if !st.Opened || s.DocID() != 1 || len(s.Documents()) != 2 {
		t.Fatalf("after undo: %+v, open %d, %d documents", st, s.DocID(), len(s.Documents()))
	}
	if !same(s.Annotations(), before) || s.Doc().Status != annotation.StatusDone || s.Doc().Text != text1 {
		t.Errorf("restored %+v (status %s), want %+v", s.Annotations(), s.Doc().Status, before)
	}
	agrees(t, s, f)
	st = must(t)(s.Redo())
	if !st.Closed || len(s.Documents()) != 0 {
		t.Errorf("after redo: %+v, %d documents", st, len(s.Documents()))
	}
	must(t)(s.Undo())
	// The steps before the deletion undo as before: the link, then the tags.
	for range 4 {
		must(t)(s.Undo())
	}
	if len(s.Annotations()) != 0 {
		t.Errorf("after undoing everything: %+v", s.Annotations())
	}
}

func TestDeleteOtherDocumentKeepsOpen(t *testing.T) {
	s, _ := newSession(t)
	st := must(t)(s.DeleteDocuments("delete article", []uint64{2}))
	if st.Closed || s.DocID() != 1 || len(s.Documents()) != 1 {
		t.Errorf("%+v, open %d, %d documents", st, s.DocID(), len(s.Documents()))
	}
}

func TestCutUndoRedo(t *testing.T) {
	s, f := newSession(t)
	// text1 = "The minister said prices would fall. Critics disagreed."
	src := tag(t, s, "Source", 4, 12)
	claim := tag(t, s, "Claim", 18, 35)
	critics := tag(t, s, "Source", 37, 44)
	c := claim.Clone()
	c.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: src.ID}, {Type: annotation.LinkOther, Target: critics.ID}}
	must(t)(s.Apply("link", []annotation.Annotation{c}, nil))
	before := slices.Clone(s.Annotations())

	removed, err := s.CutPreview(4, 36)
	if err != nil || len(removed) != 1 || removed[0].ID != critics.ID {
		t.Fatalf("preview %+v, %v", removed, err)
	}
	st := must(t)(s.Cut("remove text before and after", 4, 36))
	if !st.Opened || s.Doc().Text != "minister said prices would fall." {
		t.Fatalf("%+v: text %q", st, s.Doc().Text)
	}
	agrees(t, s, f)
	if got := s.Annotation(claim.ID); got == nil || got.Start() != 14 || len(got.Links) != 1 || s.Offsets().Slice(got.Start(), got.End()) != "prices would fall" {
		t.Errorf("claim after the cut: %+v", got)
	}
	if s.Documents()[0].Length != annotation.Len(s.Doc().Text) || s.Documents()[0].Annotations != 2 {
		t.Errorf("summary %+v", s.Documents()[0])
	}
	// A tag made after the cut, at the new offsets, undoes before it.
	tag(t, s, "Claim", 0, 8)
	must(t)(s.Undo())
	st = must(t)(s.Undo())
	if !st.Opened || s.Doc().Text != text1 || !same(s.Annotations(), before) {
		t.Errorf("after undo: %q %+v", s.Doc().Text, s.Annotations())
	}
	agrees(t, s, f)
	must(t)(s.Redo())
	if s.Doc().Text != "minister said prices would fall." || len(s.Annotations()) != 2 {
		t.Errorf("after redo: %q %+v", s.Doc().Text, s.Annotations())
	}
	// Undo from another article opens this one first.
	if err := s.Open(2); err != nil {
		t.Fatal(err)
	}
	st = must(t)(s.Undo())
	if !st.Opened || s.DocID() != 1 || s.Doc().Text != text1 {
		t.Errorf("undo from article 2: %+v, open %d", st, s.DocID())
	}
}

func TestCutRefusedChangesNothing(t *testing.T) {
	s, f := newSession(t)
	tag(t, s, "Claim", 18, 35)
	if _, err := s.Cut("cut", 0, annotation.Len(text1)); err == nil {
		t.Error("a cut keeping everything was made")
	}
	if s.UndoSteps() != 1 || s.Doc().Text != text1 {
		t.Errorf("undo steps %d, text %q", s.UndoSteps(), s.Doc().Text)
	}
	agrees(t, s, f)
}

// same reports whether a and b hold the same annotations, times compared
// without their monotonic clock readings (which a store does not keep).
func same(a, b []annotation.Annotation) bool {
	strip := func(as []annotation.Annotation) []annotation.Annotation {
		out := make([]annotation.Annotation, len(as))
		for i, x := range as {
			x = x.Clone()
			x.Created, x.Modified = x.Created.UTC().Round(0), x.Modified.UTC().Round(0)
			out[i] = x
		}
		return out
	}
	return reflect.DeepEqual(strip(a), strip(b))
}
