package storetest

import (
	"errors"
	"slices"
	"testing"

	"glossa/annotation"
	"glossa/app"
)

// articles: metadata edits keep the text; a deletion returns what it
// deleted and RestoreDocuments puts it back with its ids; a cut keeps a
// range, shifts the annotations inside it, drops the others and the links
// to them, and is undone by RestoreDocuments.
func articles(t *testing.T, open Open) {
	st := open(t, docs()...)
	out, err := st.Apply(1, []annotation.Annotation{ann(t, Text, "Source", "The minister")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	claim := ann(t, Text, "Claim", "prices would fall")
	claim.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: out[0].ID}}
	if _, err := st.Apply(1, []annotation.Annotation{claim}, nil); err != nil {
		t.Fatal(err)
	}

	d, _ := st.Document(1)
	d.Title, d.Authors, d.Text = "Prices will fall", []string{"A. Writer"}, ""
	if _, err := st.UpdateDocument(d); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Document(1); got.Title != "Prices will fall" || !slices.Equal(got.Authors, d.Authors) || got.Text != Text {
		t.Errorf("after UpdateDocument: %+v", got)
	}
	if sums, _ := st.Documents(); sums[0].Title != "Prices will fall" {
		t.Errorf("summary title %q", sums[0].Title)
	}

	before := bundle(t, st, 1)
	gone, err := st.DeleteDocuments([]uint64{1})
	if err != nil || len(gone) != 1 || len(gone[0].Annotations) != 2 || gone[0].Document.Text != Text {
		t.Fatalf("DeleteDocuments = %+v, %v", gone, err)
	}
	if _, err := st.Document(1); !errors.Is(err, annotation.ErrNotFound) {
		t.Errorf("Document after delete: %v", err)
	}
	if sums, _ := st.Documents(); len(sums) != 1 {
		t.Errorf("%d documents after delete", len(sums))
	}
	if err := st.RestoreDocuments(gone); err != nil {
		t.Fatal(err)
	}
	after := bundle(t, st, 1)
	if !slices.Equal(ids(after.Annotations), ids(before.Annotations)) || after.Document.Title != before.Document.Title || after.Document.Text != Text {
		t.Errorf("restored %+v, want %+v", after, before)
	}
	if c := after.Annotations[1]; len(c.Links) != 1 || c.Links[0].Target != after.Annotations[0].ID {
		t.Errorf("the claim's link after restore: %+v", c.Links)
	}

	// Text = "The minister said prices would fall. Critics disagreed.":
	// keep "minister said prices would fall." (4 to 36).
	was, removed, err := st.CutDocument(1, 4, 36)
	if err != nil {
		t.Fatal(err)
	}
	if len(was.Annotations) != 2 || len(removed) != 1 || removed[0].ID != before.Annotations[0].ID {
		t.Fatalf("CutDocument returned %d annotations before and removed %+v; want The minister removed", len(was.Annotations), removed)
	}
	cut := bundle(t, st, 1)
	if cut.Document.Text != "minister said prices would fall." || cut.Document.SHA256 != annotation.TextSHA256(cut.Document.Text) {
		t.Errorf("text after the cut %q (sha %s)", cut.Document.Text, cut.Document.SHA256)
	}
	if len(cut.Annotations) != 1 || cut.Annotations[0].Start() != 14 || len(cut.Annotations[0].Links) != 0 {
		t.Errorf("annotations after the cut: %+v", cut.Annotations)
	}
	if summaryCount(t, st, 1) != 1 {
		t.Errorf("summary counts %d after the cut", summaryCount(t, st, 1))
	}
	if err := st.RestoreDocuments([]annotation.Bundle{was}); err != nil {
		t.Fatal(err)
	}
	if back := bundle(t, st, 1); back.Document.Text != Text || !slices.Equal(ids(back.Annotations), ids(before.Annotations)) || summaryCount(t, st, 1) != 2 {
		t.Errorf("after restoring the cut: %q %v", back.Document.Text, ids(back.Annotations))
	}
}

func bundle(t *testing.T, st app.Store, id uint64) annotation.Bundle {
	t.Helper()
	d, err := st.Document(id)
	if err != nil {
		t.Fatal(err)
	}
	as, err := st.Annotations(id)
	if err != nil {
		t.Fatal(err)
	}
	return annotation.Bundle{Document: d, Annotations: as}
}
