package storage

import (
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"glossa/annotation"
)

// testNow is a fixed clock for tests that advances a second per call.
func testClock() func() time.Time {
	t := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(time.Second)
		return t
	}
}

// openTestStore opens a new project in a temporary folder; it is closed
// when the test ends.
func openTestStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "test.glossa"), Options{Now: testClock()})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// reopen closes s and opens its file again.
func reopen(t *testing.T, s *Store) *Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	s2, err := Open(s.Path(), Options{Now: s.now})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	t.Cleanup(func() { s2.Close() })
	return s2
}

const sampleText = "The minister said on Monday that taxes would fall. Critics doubt it."

func addDoc(t *testing.T, s *Store, text string) annotation.Document {
	t.Helper()
	d, err := s.AddDocument(annotation.Document{Title: "Taxes", Outlet: "Daily", Text: text})
	if err != nil {
		t.Fatalf("AddDocument: %v", err)
	}
	return d
}

func span(text string, start, end int) []annotation.Span {
	return []annotation.Span{{Start: start, End: end, Text: annotation.Slice(text, start, end)}}
}

func addAnn(t *testing.T, s *Store, a annotation.Annotation) annotation.Annotation {
	t.Helper()
	got, err := s.AddAnnotation(a)
	if err != nil {
		t.Fatalf("AddAnnotation: %v", err)
	}
	return got
}

func mustCheck(t *testing.T, s *Store) {
	t.Helper()
	if err := s.Check(); err != nil {
		t.Fatalf("Check: %v", err)
	}
}

func TestCreateReopenPersists(t *testing.T) {
	s := openTestStore(t)
	id := s.ProjectID()
	if len(id) != 32 {
		t.Errorf("ProjectID = %q, want 32 hex digits", id)
	}
	d := addDoc(t, s, sampleText)
	if d.ID != 1 || d.Status != annotation.StatusNew || d.SHA256 != annotation.TextSHA256(sampleText) {
		t.Errorf("AddDocument = %+v", d)
	}
	e, err := s.AddEntity(annotation.Entity{Name: "Jane Doe", Type: "Person"})
	if err != nil {
		t.Fatal(err)
	}
	src := addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Source", Spans: []annotation.Span{{Start: 4, End: 12}}, Entity: e.ID})
	if src.Spans[0].Text != "minister" {
		t.Errorf("span text = %q, want it filled in", src.Spans[0].Text)
	}
	claim := addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: span(sampleText, 33, 50),
		Links: []annotation.Link{{Type: annotation.LinkSaidBy, Target: src.ID}}})

	s = reopen(t, s)
	if got := s.ProjectID(); got != id {
		t.Errorf("ProjectID after reopen = %q, want %q", got, id)
	}
	gotDoc, err := s.Document(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !gotDoc.Created.Equal(d.Created) || gotDoc.Text != sampleText {
		t.Errorf("Document = %+v, want %+v", gotDoc, d)
	}
	anns, err := s.Annotations(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(anns) != 2 || anns[0].ID != src.ID || anns[1].ID != claim.ID {
		t.Fatalf("Annotations = %+v", anns)
	}
	sums, err := s.Documents()
	if err != nil {
		t.Fatal(err)
	}
	want := []annotation.Summary{{ID: d.ID, Title: "Taxes", Outlet: "Daily", Status: annotation.StatusNew, Annotations: 2, Length: annotation.Len(sampleText), Layers: map[string]int{"": 2}}}
	if !reflect.DeepEqual(sums, want) {
		t.Errorf("Documents = %+v, want %+v", sums, want)
	}
	ls, err := s.Labels()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ls, annotation.FactCheckingTemplate()) {
		t.Errorf("Labels = %+v, want the Fact-checking template", ls)
	}
	ents, err := s.Entities()
	if err != nil || len(ents) != 1 || ents[0].Name != "Jane Doe" {
		t.Errorf("Entities = %+v, %v", ents, err)
	}
	mustCheck(t, s)
}

func TestValidationErrors(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	other := addDoc(t, s, "Another text entirely.")
	a := addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: span(sampleText, 0, 3)})
	b := addAnn(t, s, annotation.Annotation{DocID: other.ID, Label: "Claim", Spans: span("Another text entirely.", 0, 7)})
	tests := []struct {
		name string
		a    annotation.Annotation
		want error
	}{
		{"unknown label", annotation.Annotation{DocID: d.ID, Label: "Nope", Spans: span(sampleText, 0, 3)}, annotation.ErrUnknownLabel},
		{"no spans", annotation.Annotation{DocID: d.ID, Label: "Claim"}, annotation.ErrNoSpans},
		{"empty span", annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: []annotation.Span{{Start: 3, End: 3}}}, annotation.ErrEmptySpan},
		{"out of range", annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: []annotation.Span{{Start: 3, End: 999}}}, annotation.ErrSpanOutOfRange},
		{"wrong text", annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: []annotation.Span{{Start: 0, End: 3, Text: "Tha"}}}, annotation.ErrSpanText},
		{"overlap", annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: append(span(sampleText, 0, 5), span(sampleText, 3, 8)...)}, annotation.ErrSpanOverlap},
		{"dangling link", annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: span(sampleText, 0, 3), Links: []annotation.Link{{Type: annotation.LinkAbout, Target: 999}}}, annotation.ErrDanglingLink},
		{"link to other document", annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: span(sampleText, 0, 3), Links: []annotation.Link{{Type: annotation.LinkAbout, Target: b.ID}}}, annotation.ErrDanglingLink},
		{"bad link type", annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: span(sampleText, 0, 3), Links: []annotation.Link{{Type: "x", Target: a.ID}}}, annotation.ErrBadLink},
		{"unknown entity", annotation.Annotation{DocID: d.ID, Label: "Person", Spans: span(sampleText, 4, 12), Entity: 7}, annotation.ErrUnknownEntity},
		{"missing document", annotation.Annotation{DocID: 99, Label: "Claim", Spans: span(sampleText, 0, 3)}, annotation.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.AddAnnotation(tt.a)
			if got := err; !errors.Is(got, tt.want) {
				t.Errorf("AddAnnotation: got %v; want %v", got, tt.want)
			}
		})
	}
	anns, _ := s.Annotations(d.ID)
	if len(anns) != 1 {
		t.Errorf("after refused edits the document has %d annotations, want 1", len(anns))
	}
	mustCheck(t, s)
}
