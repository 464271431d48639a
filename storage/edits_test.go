package storage

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"glossa/annotation"
)

// TestEveryEditDurable reopens the file after each edit and checks the edit
// is there.
func TestEveryEditDurable(t *testing.T) {
	s := openTestStore(t)
	var d annotation.Document
	var a, b annotation.Annotation
	var e annotation.Entity
	steps := []struct {
		name  string
		edit  func() error
		check func(s *Store) error
	}{
		{"AddDocument", func() (err error) {
			d, err = s.AddDocument(annotation.Document{Title: "T", Text: sampleText})
			return err
		},
			func(s *Store) error { _, err := s.Document(d.ID); return err }},
		{"UpdateDocument", func() error { d.Title = "New title"; _, err := s.UpdateDocument(d); return err },
			func(s *Store) error {
				return want(s.Document(d.ID))(func(g annotation.Document) bool { return g.Title == "New title" })
			}},
		{"SetStatus", func() error { return s.SetStatus(d.ID, annotation.StatusDone) },
			func(s *Store) error {
				return want(s.Document(d.ID))(func(g annotation.Document) bool { return g.Status == annotation.StatusDone })
			}},
		{"AddEntity", func() (err error) { e, err = s.AddEntity(annotation.Entity{Name: "Jane", Type: "Person"}); return err },
			func(s *Store) error { _, err := s.Entity(e.ID); return err }},
		{"UpdateEntity", func() error { e.Note = "MP"; _, err := s.UpdateEntity(e); return err },
			func(s *Store) error {
				return want(s.Entity(e.ID))(func(g annotation.Entity) bool { return g.Note == "MP" })
			}},
		{"AddAnnotation", func() (err error) {
			a, err = s.AddAnnotation(annotation.Annotation{DocID: d.ID, Label: "Source", Spans: span(sampleText, 4, 12), Entity: e.ID})
			return err
		}, func(s *Store) error { _, err := s.Annotation(a.ID); return err }},
		{"Apply", func() error {
			got, err := s.Apply(d.ID, []annotation.Annotation{{Label: "Claim", Spans: span(sampleText, 33, 50), Links: []annotation.Link{{Type: annotation.LinkSaidBy, Target: a.ID}}}}, nil)
			if err == nil {
				b = got[0]
			}
			return err
		}, func(s *Store) error { _, err := s.Annotation(b.ID); return err }},
		{"UpdateAnnotation", func() error { a.Note = "who?"; _, err := s.UpdateAnnotation(a); return err },
			func(s *Store) error {
				return want(s.Annotation(a.ID))(func(g annotation.Annotation) bool { return g.Note == "who?" })
			}},
		{"SetLabels", func() error {
			ls := annotation.DefaultLabelSet()
			ls.Labels = append(ls.Labels, annotation.Label{Name: "Quote", Kind: annotation.KindOther, Color: "#123456"})
			return s.SetLabels(ls)
		}, func(s *Store) error {
			return want(s.Labels())(func(g annotation.LabelSet) bool { _, ok := g.Find("Quote"); return ok })
		}},
		{"DeleteAnnotation", func() error { return s.DeleteAnnotation(a.ID) },
			func(s *Store) error {
				if _, err := s.Annotation(a.ID); !errors.Is(err, annotation.ErrNotFound) {
					return fmt.Errorf("annotation still there: %v", err)
				}
				return nil
			}},
		{"DeleteDocument", func() error { return s.DeleteDocument(d.ID) },
			func(s *Store) error {
				if _, err := s.Document(d.ID); !errors.Is(err, annotation.ErrNotFound) {
					return fmt.Errorf("document still there: %v", err)
				}
				return nil
			}},
	}
	for _, step := range steps {
		if err := step.edit(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		s = reopen(t, s)
		if err := step.check(s); err != nil {
			t.Errorf("after %s and reopen: %v", step.name, err)
		}
		mustCheck(t, s)
	}
}

// want turns a (value, error) pair and a predicate into an error.
func want[T any](v T, err error) func(func(T) bool) error {
	return func(ok func(T) bool) error {
		if err != nil {
			return err
		}
		if !ok(v) {
			return fmt.Errorf("got %+v", v)
		}
		return nil
	}
}

func TestDuplicateText(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	_, err := s.AddDocument(annotation.Document{Title: "Copy", Text: sampleText})
	if !errors.Is(err, annotation.ErrDuplicateText) || !strings.Contains(err.Error(), fmt.Sprintf("document %d", d.ID)) {
		t.Errorf("got %v; want ErrDuplicateText naming document %d", err, d.ID)
	}
	// After deleting, the text may come back.
	if err := s.DeleteDocument(d.ID); err != nil {
		t.Fatal(err)
	}
	addDoc(t, s, sampleText)
	mustCheck(t, s)
}

func TestDocumentErrors(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"bad UTF-8", second(s.AddDocument(annotation.Document{Text: "a\xffb"})), annotation.ErrInvalidText},
		{"NUL", second(s.AddDocument(annotation.Document{Text: "a\x00b"})), annotation.ErrInvalidText},
		{"empty", second(s.AddDocument(annotation.Document{})), annotation.ErrInvalidText},
		{"bad status", second(s.AddDocument(annotation.Document{Text: "x", Status: "lost"})), ErrInvalidDocument},
		{"text change", second(s.UpdateDocument(annotation.Document{ID: d.ID, Text: "other"})), ErrInvalidDocument},
		{"update missing", second(s.UpdateDocument(annotation.Document{ID: 99})), annotation.ErrNotFound},
		{"get missing", second(s.Document(99)), annotation.ErrNotFound},
		{"status missing", s.SetStatus(99, annotation.StatusDone), annotation.ErrNotFound},
		{"bad status set", s.SetStatus(d.ID, "lost"), ErrInvalidDocument},
		{"delete missing", s.DeleteDocument(99), annotation.ErrNotFound},
		{"annotations of missing", second(s.Annotations(99)), annotation.ErrNotFound},
		{"missing annotation", second(s.Annotation(99)), annotation.ErrNotFound},
		{"delete missing annotation", s.DeleteAnnotation(99), annotation.ErrNotFound},
		{"entity without name", second(s.AddEntity(annotation.Entity{Name: " "})), ErrInvalidEntity},
		{"missing entity", second(s.Entity(5)), annotation.ErrNotFound},
		{"bad label set", s.SetLabels(annotation.LabelSet{Labels: []annotation.Label{{Name: "X", Kind: "bad", Color: "#000000"}}}), annotation.ErrBadLabel},
	}
	for _, tt := range tests {
		if got := tt.err; !errors.Is(got, tt.want) {
			t.Errorf("%s: got %v; want %v", tt.name, got, tt.want)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func TestSetLabelsInUse(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: span(sampleText, 0, 3)})
	ls := annotation.DefaultLabelSet()
	ls.Labels = ls.Labels[1:] // drops Claim
	if err := s.SetLabels(ls); !errors.Is(err, ErrLabelInUse) || !strings.Contains(err.Error(), `"Claim"`) {
		t.Errorf("got %v; want ErrLabelInUse naming Claim", err)
	}
	ls = annotation.DefaultLabelSet()
	ls.Labels = ls.Labels[:1] // keeps only Claim
	if err := s.SetLabels(ls); err != nil {
		t.Errorf("removing unused labels: %v", err)
	}
}

func TestApplyAtomic(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	a := addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Source", Spans: span(sampleText, 4, 12)})
	before, _ := s.Annotations(d.ID)

	good := annotation.Annotation{Label: "Claim", Spans: span(sampleText, 33, 50)}
	bad := annotation.Annotation{Label: "Nope", Spans: span(sampleText, 0, 3)}
	changed := a
	changed.Note = "changed"
	_, err := s.Apply(d.ID, []annotation.Annotation{good, changed, bad}, nil)
	if !errors.Is(err, annotation.ErrUnknownLabel) {
		t.Errorf("got %v; want ErrUnknownLabel", err)
	}
	// Deleting a linked-to annotation without dropping the link fails too.
	linked := annotation.Annotation{Label: "Claim", Spans: span(sampleText, 33, 50), Links: []annotation.Link{{Type: annotation.LinkSaidBy, Target: a.ID}}}
	got, err := s.Apply(d.ID, []annotation.Annotation{linked}, nil)
	if err != nil {
		t.Fatal(err)
	}
	before, _ = s.Annotations(d.ID)
	if _, err := s.Apply(d.ID, nil, []uint64{a.ID}); !errors.Is(err, annotation.ErrDanglingLink) {
		t.Errorf("deleting a linked annotation with Apply: got %v; want ErrDanglingLink", err)
	}
	after, _ := s.Annotations(d.ID)
	if !reflect.DeepEqual(after, before) {
		t.Errorf("a failed Apply changed the annotations:\n got %+v\nwant %+v", after, before)
	}
	// Undo of a delete: recreate with the same id, replace and delete in one go.
	if err := s.DeleteAnnotation(got[0].ID); err != nil {
		t.Fatal(err)
	}
	restored, err := s.Apply(d.ID, []annotation.Annotation{got[0]}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if restored[0].ID != got[0].ID || !restored[0].Created.Equal(got[0].Created) {
		t.Errorf("recreated %+v; want id %d and Created kept", restored[0], got[0].ID)
	}
	next := addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: span(sampleText, 0, 3)})
	if next.ID <= got[0].ID {
		t.Errorf("new id %d after recreating %d", next.ID, got[0].ID)
	}
	sums, _ := s.Documents()
	if got, want := sums[0].Annotations, 3; got != want {
		t.Errorf("summary count: got %d; want %d", got, want)
	}
	mustCheck(t, s)
}

func TestDeleteAnnotationStripsLinks(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	src := addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Source", Spans: span(sampleText, 4, 12)})
	ent := addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Date", Spans: span(sampleText, 21, 27)})
	claim := addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: span(sampleText, 33, 50), Links: []annotation.Link{
		{Type: annotation.LinkSaidBy, Target: src.ID}, {Type: annotation.LinkAbout, Target: ent.ID}}})
	if err := s.DeleteAnnotation(src.ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.Annotation(claim.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := []annotation.Link{{Type: annotation.LinkAbout, Target: ent.ID}}; !reflect.DeepEqual(got.Links, want) {
		t.Errorf("links: got %+v; want %+v", got.Links, want)
	}
	mustCheck(t, s)
}

func TestAnnotationsOrder(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	c := addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: span(sampleText, 33, 50)})
	a := addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Source", Spans: span(sampleText, 4, 12)})
	b := addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Person", Spans: span(sampleText, 4, 12)})
	anns, err := s.Annotations(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []uint64
	for _, x := range anns {
		got = append(got, x.ID)
	}
	if want := []uint64{a.ID, b.ID, c.ID}; !reflect.DeepEqual(got, want) {
		t.Errorf("order: got %v; want %v", got, want)
	}
}

// TestApplyRandomEdits makes random Apply calls (new, replaced, recreated
// and deleted annotations, links among them, several in one call) and
// checks after each that the file passes Check (summary counts, links,
// index) and that a refused call changed nothing.
func TestApplyRandomEdits(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	n := annotation.Len(sampleText)
	r := rand.New(rand.NewPCG(5, 6))
	var gone []annotation.Annotation // deleted, for recreating
	deletes, dangling := 0, 0
	for step := range 300 {
		current, err := s.Annotations(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		ids := func() []uint64 {
			var out []uint64
			for _, a := range current {
				out = append(out, a.ID)
			}
			return out
		}()
		var put []annotation.Annotation
		var del []uint64
		for range 1 + r.IntN(3) {
			switch k := r.IntN(5); {
			case k == 0 && len(current) > 0: // replace, maybe dropping links
				a := current[r.IntN(len(current))]
				if r.IntN(2) == 0 {
					a.Links = nil
				}
				a.Note = fmt.Sprint(step)
				put = append(put, a)
			case k == 1 && len(ids) > 0:
				del = append(del, ids[r.IntN(len(ids))])
			case k == 2 && len(gone) > 0:
				put = append(put, gone[r.IntN(len(gone))])
			default:
				start := r.IntN(n - 5)
				a := annotation.Annotation{Label: "Claim", Spans: span(sampleText, start, start+1+r.IntN(5))}
				if len(ids) > 0 && r.IntN(2) == 0 {
					a.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: ids[r.IntN(len(ids))]}}
				}
				put = append(put, a)
			}
		}
		before, _ := s.Annotations(d.ID)
		if _, err := s.Apply(d.ID, put, del); err != nil {
			if errors.Is(err, annotation.ErrDanglingLink) {
				dangling++
			}
			after, _ := s.Annotations(d.ID)
			if !reflect.DeepEqual(after, before) {
				t.Fatalf("step %d: a refused Apply (%v) changed the annotations", step, err)
			}
			continue
		}
		for _, a := range before {
			if slices.Contains(del, a.ID) {
				gone = append(gone, a)
				deletes++
			}
		}
		if step%10 == 0 {
			mustCheck(t, s)
		}
	}
	mustCheck(t, s)
	if deletes == 0 || dangling == 0 {
		t.Errorf("%d deletions stored, %d refused for a dangling link; want some of each", deletes, dangling)
	}
}

// TestEditsSeeNewLabels checks that an edit after SetLabels checks against
// the new label set, not one an earlier edit read.
func TestEditsSeeNewLabels(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: span(sampleText, 0, 3)})
	ls := annotation.DefaultLabelSet()
	extra := ls.Labels[0]
	extra.Name, extra.Key = "Rumour", ""
	ls.Labels = append(ls.Labels, extra)
	rumour := annotation.Annotation{DocID: d.ID, Label: "Rumour", Spans: span(sampleText, 4, 12)}
	if _, err := s.AddAnnotation(rumour); !errors.Is(err, annotation.ErrUnknownLabel) {
		t.Fatalf("before SetLabels: got %v; want ErrUnknownLabel", err)
	}
	if err := s.SetLabels(ls); err != nil {
		t.Fatal(err)
	}
	addAnn(t, s, rumour)
	mustCheck(t, s)
}
