package storetest

import (
	"errors"
	"testing"

	"glossa/annotation"
	"glossa/app"
)

// codebook: a codebook change carries the annotations of every document
// along, a use it cannot carry is refused with nothing changed, and
// RevertCodebook restores what the change deleted under its ids, with the
// links to it.
func codebook(t *testing.T, open Open) {
	st := open(t, docs()...)
	out, err := st.Apply(1, []annotation.Annotation{ann(t, Text, "Source", "The minister")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	source := out[0]
	claim := linkTo(source, t)
	if out, err = st.Apply(1, []annotation.Annotation{claim}, nil); err != nil {
		t.Fatal(err)
	}
	claim = out[0]
	if _, err := st.Apply(2, []annotation.Annotation{ann(t, "The bridge opens in May, the mayor said.", "Source", "the mayor")}, nil); err != nil {
		t.Fatal(err)
	}
	use, err := st.CodebookUse()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := use.Labels["Source"], (annotation.Use{Count: 2, Documents: 2}); got != want {
		t.Errorf("use of Source %+v, want %+v", got, want)
	}

	if _, err := st.EditCodebook(annotation.CodebookEdit{Op: annotation.OpDeleteLabel, Label: "Source"}); !errors.Is(err, annotation.ErrInUse) {
		t.Fatalf("deleting a label in use without saying where its annotations go: %v, want ErrInUse", err)
	}
	if ls, _ := st.Labels(); !hasLabel(ls, "Source") {
		t.Fatalf("a refused change removed the label")
	}

	rename := annotation.CodebookEdit{Op: annotation.OpUpdateLabel, Label: "Source", Def: annotation.Label{Name: "Speaker", Kind: annotation.KindSource, Color: "#2f80ed", Key: "2"}}
	if _, err := st.EditCodebook(rename); err != nil {
		t.Fatal(err)
	}
	for _, doc := range []uint64{1, 2} {
		for _, a := range annotationsOf(t, st, doc) {
			if a.Label == "Source" {
				t.Errorf("document %d: annotation %d kept the old label", doc, a.ID)
			}
		}
	}

	c, err := st.EditCodebook(annotation.CodebookEdit{Op: annotation.OpDeleteLabel, Label: "Speaker", Drop: true})
	if err != nil {
		t.Fatal(err)
	}
	got := annotationsOf(t, st, 1)
	if find(got, source.ID) != nil || len(find(got, claim.ID).Links) != 0 || summaryCount(t, st, 2) != 0 {
		t.Fatalf("after deleting the label with its annotations: %+v", got)
	}
	if err := st.RevertCodebook(c); err != nil {
		t.Fatal(err)
	}
	got = annotationsOf(t, st, 1)
	if s := find(got, source.ID); s == nil || s.Label != "Speaker" || len(find(got, claim.ID).Links) != 1 || summaryCount(t, st, 2) != 1 {
		t.Fatalf("after the undo: %+v", got)
	}
	if ls, _ := st.Labels(); !hasLabel(ls, "Speaker") {
		t.Errorf("the undo did not restore the label")
	}
}

func hasLabel(ls annotation.LabelSet, name string) bool {
	_, ok := ls.Find(name)
	return ok
}

func annotationsOf(t *testing.T, st app.Store, doc uint64) []annotation.Annotation {
	t.Helper()
	as, err := st.Annotations(doc)
	if err != nil {
		t.Fatal(err)
	}
	return as
}
