package storage

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"glossa/annotation"
)

// annotated adds a document of text with a source ("minister"), a claim
// linked to it and a Person linked to an entity, and returns it as stored.
func annotated(t *testing.T, s *Store, text string) annotation.Bundle {
	t.Helper()
	d := addDoc(t, s, text)
	e, err := s.AddEntity(annotation.Entity{Name: "The Minister", Type: "Person"})
	if err != nil {
		t.Fatal(err)
	}
	at := func(w string) []annotation.Span {
		i := annotation.Len(text[:strings.Index(text, w)])
		return span(text, i, i+annotation.Len(w))
	}
	src, err := s.Apply(d.ID, []annotation.Annotation{{Label: "Source", Spans: at("minister"), Entity: e.ID}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(d.ID, []annotation.Annotation{{Label: "Claim", Spans: at("taxes would fall"), Note: "check",
		Links: []annotation.Link{{Type: annotation.LinkSaidBy, Target: src[0].ID}}}}, nil); err != nil {
		t.Fatal(err)
	}
	return bundleOf(t, s, d.ID)
}

func bundleOf(t *testing.T, s *Store, id uint64) annotation.Bundle {
	t.Helper()
	d, err := s.Document(id)
	if err != nil {
		t.Fatalf("Document %d: %v", id, err)
	}
	as, err := s.Annotations(id)
	if err != nil {
		t.Fatal(err)
	}
	return annotation.Bundle{Document: d, Annotations: as}
}

func summaryOfDoc(t *testing.T, s *Store, id uint64) annotation.Summary {
	t.Helper()
	ds, err := s.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if d.ID == id {
			return d
		}
	}
	t.Fatalf("no summary of document %d in %v", id, ds)
	return annotation.Summary{}
}

func TestDeleteDocumentsThenRestore(t *testing.T) {
	s := openTestStore(t)
	a := annotated(t, s, sampleText)
	b := annotated(t, s, "Our minister said that taxes would fall, again.")
	keep := addDoc(t, s, "Another text stays.")
	if err := s.SetStatus(a.Document.ID, annotation.StatusDone); err != nil {
		t.Fatal(err)
	}
	a = bundleOf(t, s, a.Document.ID)

	got, err := s.DeleteDocuments([]uint64{a.Document.ID, b.Document.ID})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, []annotation.Bundle{a, b}) {
		t.Errorf("DeleteDocuments returned\n%+v\nwant\n%+v", got, []annotation.Bundle{a, b})
	}
	s = reopen(t, s)
	ds, _ := s.Documents()
	if len(ds) != 1 || ds[0].ID != keep.ID {
		t.Fatalf("after delete: %+v", ds)
	}
	if _, err := s.Annotation(a.Annotations[0].ID); !errors.Is(err, annotation.ErrNotFound) {
		t.Errorf("annotation of a deleted document: %v", err)
	}

	if err := s.RestoreDocuments(got); err != nil {
		t.Fatalf("RestoreDocuments: %v", err)
	}
	s = reopen(t, s)
	for _, want := range []annotation.Bundle{a, b} {
		if back := bundleOf(t, s, want.Document.ID); !reflect.DeepEqual(back, want) {
			t.Errorf("restored\n%+v\nwant\n%+v", back, want)
		}
		sum := summaryOfDoc(t, s, want.Document.ID)
		if sum.Annotations != 2 || sum.Status != want.Document.Status || sum.Length != annotation.Len(want.Document.Text) {
			t.Errorf("summary %+v", sum)
		}
	}
	// A new document or annotation never takes a restored id.
	n := addDoc(t, s, "A new one.")
	if n.ID <= b.Document.ID {
		t.Errorf("new document got id %d", n.ID)
	}
	// The SHA-256 index is back: the same text is a duplicate again.
	if _, err := s.AddDocument(annotation.Document{Title: "x", Text: sampleText}); !errors.Is(err, annotation.ErrDuplicateText) {
		t.Errorf("AddDocument of a restored text: %v", err)
	}
}

func TestDeleteDocumentsUnknownChangesNothing(t *testing.T) {
	s := openTestStore(t)
	a := annotated(t, s, sampleText)
	if _, err := s.DeleteDocuments([]uint64{a.Document.ID, 99}); !errors.Is(err, annotation.ErrNotFound) {
		t.Fatalf("got %v, want ErrNotFound", err)
	}
	if back := bundleOf(t, s, a.Document.ID); !reflect.DeepEqual(back, a) {
		t.Errorf("document changed by a failed delete")
	}
}

func TestRestoreDocumentRefused(t *testing.T) {
	s := openTestStore(t)
	a := annotated(t, s, sampleText)
	got, err := s.DeleteDocuments([]uint64{a.Document.ID})
	if err != nil {
		t.Fatal(err)
	}
	// The same text came back meanwhile, as another document.
	other := addDoc(t, s, sampleText)
	if err := s.RestoreDocuments(got); !errors.Is(err, annotation.ErrDuplicateText) {
		t.Errorf("restore over a duplicate text: %v", err)
	}
	if _, err := s.Document(a.Document.ID); !errors.Is(err, annotation.ErrNotFound) {
		t.Errorf("a refused restore stored the document: %v", err)
	}
	if err := s.DeleteDocument(other.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreDocuments([]annotation.Bundle{{Document: annotation.Document{Text: "x"}}}); !errors.Is(err, ErrInvalidDocument) {
		t.Errorf("restore without an id: %v", err)
	}
	if err := s.RestoreDocuments(got); err != nil {
		t.Errorf("restore once the duplicate is gone: %v", err)
	}
}

func TestCutDocument(t *testing.T) {
	s := openTestStore(t)
	const banner = "Support Ünser Blatt!\n\n"
	const tail = "\n\nSubscribe to the minister's newsletter."
	text := banner + sampleText + tail
	a := annotated(t, s, text) // "minister" is the first one, in the body
	// A Claim in the banner, and one in the tail that links to the body's source.
	sub := annotation.Len(banner + sampleText + "\n\n")
	put, err := s.Apply(a.Document.ID, []annotation.Annotation{
		{Label: "Claim", Spans: span(text, 0, 7)},
		{Label: "Claim", Spans: span(text, sub, sub+9), Links: []annotation.Link{{Type: annotation.LinkSaidBy, Target: a.Annotations[0].ID}}},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The body's claim links to the tail's claim too: that link goes.
	claim := a.Annotations[1].Clone()
	claim.Links = append(claim.Links, annotation.Link{Type: annotation.LinkOther, Target: put[1].ID})
	if _, err := s.Apply(a.Document.ID, []annotation.Annotation{claim}, nil); err != nil {
		t.Fatal(err)
	}
	before := bundleOf(t, s, a.Document.ID)

	start, end := annotation.Len(banner), annotation.Len(banner+sampleText)
	was, removed, err := s.CutDocument(a.Document.ID, start, end)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(was, before) {
		t.Errorf("CutDocument returned\n%+v\nwant\n%+v", was, before)
	}
	if len(removed) != 2 || removed[0].ID != put[0].ID || removed[1].ID != put[1].ID {
		t.Errorf("removed %+v", removed)
	}
	s = reopen(t, s)
	after := bundleOf(t, s, a.Document.ID)
	if after.Document.Text != sampleText || after.Document.SHA256 != annotation.TextSHA256(sampleText) {
		t.Errorf("text %q sha %s", after.Document.Text, after.Document.SHA256)
	}
	if after.Document.Title != before.Document.Title || !after.Document.Created.Equal(before.Document.Created) {
		t.Errorf("metadata changed: %+v", after.Document)
	}
	o := annotation.NewOffsets(sampleText)
	if len(after.Annotations) != 2 {
		t.Fatalf("annotations after the cut: %+v", after.Annotations)
	}
	for i, got := range after.Annotations {
		want := before.Annotations[i+1] // the banner's claim sorts first
		if got.ID != want.ID || got.Start() != want.Start()-start || o.Slice(got.Start(), got.End()) != want.Quote() {
			t.Errorf("annotation %d: got %+v from %+v", i, got, want)
		}
	}
	if got := after.Annotations[1].Links; len(got) != 1 || got[0].Type != annotation.LinkSaidBy {
		t.Errorf("links of the claim: %+v", got)
	}
	sum := summaryOfDoc(t, s, a.Document.ID)
	if sum.Annotations != 2 || sum.Length != annotation.Len(sampleText) {
		t.Errorf("summary %+v", sum)
	}
	if _, err := s.Annotation(put[0].ID); !errors.Is(err, annotation.ErrNotFound) {
		t.Errorf("a cut annotation is still indexed: %v", err)
	}
	// The old text is no longer in the checksum index; the new one is.
	if _, err := s.AddDocument(annotation.Document{Title: "x", Text: text}); err != nil {
		t.Errorf("the text before the cut: %v", err)
	}
	if _, err := s.AddDocument(annotation.Document{Title: "x", Text: sampleText}); !errors.Is(err, annotation.ErrDuplicateText) {
		t.Errorf("the text after the cut: %v", err)
	}
}

func TestCutDocumentUndo(t *testing.T) {
	s := openTestStore(t)
	text := "Donate now!\n\n" + sampleText
	a := annotated(t, s, text)
	was, _, err := s.CutDocument(a.Document.ID, annotation.Len("Donate now!\n\n"), annotation.Len(text))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreDocuments([]annotation.Bundle{was}); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	if back := bundleOf(t, s, a.Document.ID); !reflect.DeepEqual(back, a) {
		t.Errorf("after undo\n%+v\nwant\n%+v", back, a)
	}
	if sum := summaryOfDoc(t, s, a.Document.ID); sum.Length != annotation.Len(text) || sum.Annotations != 2 {
		t.Errorf("summary %+v", sum)
	}
}

func TestCutDocumentRefused(t *testing.T) {
	s := openTestStore(t)
	a := annotated(t, s, "Banner\n\n"+sampleText)
	addDoc(t, s, sampleText)
	for name, c := range map[string]struct {
		start, end int
		want       error
	}{
		"duplicate":    {8, annotation.Len(a.Document.Text), annotation.ErrDuplicateText},
		"out of range": {0, 999, annotation.ErrSpanOutOfRange},
	} {
		if _, _, err := s.CutDocument(a.Document.ID, c.start, c.end); !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", name, err, c.want)
		}
	}
	if back := bundleOf(t, s, a.Document.ID); !reflect.DeepEqual(back, a) {
		t.Errorf("a refused cut changed the document")
	}
}
