// Package storetest is the contract of app.Store: what the window relies on
// a project store to do. The same tests run against storage.Store (in
// internal/desktop, where the two meet) and against the in-memory fake the
// app's own tests use (in app), so that a test of the window passing on the
// fake means the same with the real file.
package storetest

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"glossa/annotation"
	"glossa/app"
)

// Open makes a new store holding docs (ids 1, 2, … in that order) with
// annotation.DefaultLabelSet, closed at the end of the test.
type Open func(t *testing.T, docs ...annotation.Document) app.Store

// Text is the text of the contract's first document.
const Text = "The minister said prices would fall. Critics disagreed."

// Run runs every part of the contract on stores that open makes.
func Run(t *testing.T, open Open) {
	t.Run("documents", func(t *testing.T) { documents(t, open) })
	t.Run("apply", func(t *testing.T) { apply(t, open) })
	t.Run("apply is atomic", func(t *testing.T) { applyAtomic(t, open) })
	t.Run("entities", func(t *testing.T) { entities(t, open) })
	t.Run("backup", func(t *testing.T) { backup(t, open) })
	t.Run("articles", func(t *testing.T) { articles(t, open) })
	t.Run("codebook", func(t *testing.T) { codebook(t, open) })
	t.Run("suggestions", func(t *testing.T) { suggestions(t, open) })
	t.Run("layers", func(t *testing.T) { layers(t, open) })
	t.Run("each bundle", func(t *testing.T) { eachBundle(t, open) })
}

// eachBundle: every document with its text and annotations, in id order;
// an error from fn stops the walk and comes back.
func eachBundle(t *testing.T, open Open) {
	st := open(t, docs()...)
	claim := ann(t, Text, "Claim", "prices would fall")
	claim.Layer = "ana"
	if _, err := st.Apply(1, []annotation.Annotation{claim}, nil); err != nil {
		t.Fatal(err)
	}
	var titles []string
	var anns [][]string
	err := st.EachBundle(func(b annotation.Bundle) error {
		titles = append(titles, b.Document.Title)
		var layers []string
		for _, a := range b.Annotations {
			layers = append(layers, annotation.LayerOf(a)+" "+a.Label)
		}
		anns = append(anns, layers)
		if want := docs()[len(titles)-1].Text; b.Document.Text != want {
			t.Errorf("document %d: text %q; want %q", b.Document.ID, b.Document.Text, want)
		}
		return nil
	})
	if err != nil || !slices.Equal(titles, []string{"Prices", "Bridge"}) || len(anns) != 2 || !slices.Equal(anns[0], []string{"ana Claim"}) || len(anns[1]) != 0 {
		t.Errorf("EachBundle gave %q %q, %v; want both documents, the claim in the first", titles, anns, err)
	}
	stop := errors.New("stop")
	n := 0
	if err := st.EachBundle(func(annotation.Bundle) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("an error from fn: %v after %d calls; want it back after 1", err, n)
	}

	// EachAnnotated: the same walk, the documents without their texts.
	titles, anns = nil, nil
	err = st.EachAnnotated(func(b annotation.Bundle) error {
		titles = append(titles, b.Document.Title)
		var labels []string
		for _, a := range b.Annotations {
			labels = append(labels, annotation.LayerOf(a)+" "+a.Label+" "+a.Quote())
		}
		anns = append(anns, labels)
		if b.Document.Text != "" {
			t.Errorf("EachAnnotated: document %d has its text; want none", b.Document.ID)
		}
		return nil
	})
	if err != nil || !slices.Equal(titles, []string{"Prices", "Bridge"}) || len(anns) != 2 || len(anns[0]) != 1 || anns[0][0] != "ana Claim "+claim.Quote() || len(anns[1]) != 0 {
		t.Errorf("EachAnnotated gave %q %q, %v; want both documents, the claim with its quote in the first", titles, anns, err)
	}
	n = 0
	if err := st.EachAnnotated(func(annotation.Bundle) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("EachAnnotated, an error from fn: %v after %d calls; want it back after 1", err, n)
	}
}

func docs() []annotation.Document {
	return []annotation.Document{
		{Title: "Prices", Text: Text, Status: annotation.StatusNew},
		{Title: "Bridge", Text: "The bridge opens in May, the mayor said.", Status: annotation.StatusNew},
	}
}

// span makes the annotation of label over the first occurrence of quote.
func ann(t *testing.T, text, label, quote string) annotation.Annotation {
	t.Helper()
	o := annotation.NewOffsets(text)
	start := -1
	rs, qs := []rune(text), []rune(quote)
	for i := 0; i+len(qs) <= len(rs); i++ {
		if string(rs[i:i+len(qs)]) == quote {
			start = i
			break
		}
	}
	if start < 0 {
		t.Fatalf("%q is not in the text", quote)
	}
	sp, err := annotation.NewSpan(o, start, start+len(qs))
	if err != nil {
		t.Fatal(err)
	}
	return annotation.Annotation{Label: label, Spans: []annotation.Span{sp}}
}

func documents(t *testing.T, open Open) {
	st := open(t, docs()...)
	sums, err := st.Documents()
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) != 2 || sums[0].ID != 1 || sums[1].ID != 2 || sums[0].Title != "Prices" {
		t.Fatalf("Documents() = %+v, want Prices (1) then Bridge (2)", sums)
	}
	d, err := st.Document(1)
	if err != nil || d.Text != Text {
		t.Fatalf("Document(1) = %q, %v; want its text", d.Text, err)
	}
	if _, err := st.Document(99); !errors.Is(err, annotation.ErrNotFound) {
		t.Errorf("Document(99): %v, want ErrNotFound", err)
	}
	if err := st.SetStatus(1, annotation.StatusDone); err != nil {
		t.Fatal(err)
	}
	sums, _ = st.Documents()
	if sums[0].Status != annotation.StatusDone {
		t.Errorf("status after SetStatus(done) = %q", sums[0].Status)
	}
	ls, err := st.Labels()
	if err != nil || len(ls.Labels) == 0 {
		t.Errorf("Labels() = %d labels, %v; want the default set", len(ls.Labels), err)
	}
	if st.Path() == "" {
		t.Error("Path() is empty")
	}
}

func apply(t *testing.T, open Open) {
	st := open(t, docs()...)
	claim := ann(t, Text, "Claim", "prices would fall")
	source := ann(t, Text, "Source", "The minister")
	out, err := st.Apply(1, []annotation.Annotation{claim, source}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 || out[0].ID == 0 || out[1].ID == 0 || out[0].ID == out[1].ID || out[0].DocID != 1 {
		t.Fatalf("Apply returned %+v; want the two puts with new ids in document 1", out)
	}
	claim, source = out[0], out[1]
	got, _ := st.Annotations(1)
	if len(got) != 2 || got[0].ID != source.ID || got[1].ID != claim.ID {
		t.Fatalf("Annotations(1) = %v; want the source (earlier in the text) then the claim", ids(got))
	}
	if n := summaryCount(t, st, 1); n != 2 {
		t.Errorf("the summary counts %d annotations, want 2", n)
	}

	// An update and a link in one call.
	claim.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: source.ID}}
	claim.Note = "checked"
	if _, err := st.Apply(1, []annotation.Annotation{claim}, nil); err != nil {
		t.Fatal(err)
	}
	got, _ = st.Annotations(1)
	if c := find(got, claim.ID); c == nil || c.Note != "checked" || len(c.Links) != 1 {
		t.Fatalf("after the update: %+v", c)
	}

	// Delete the source with the link to it, then put both back as they
	// were (undo): the source gets its own id again.
	bare := claim.Clone()
	bare.Links = nil
	if _, err := st.Apply(1, []annotation.Annotation{bare}, []uint64{source.ID}); err != nil {
		t.Fatal(err)
	}
	if got, _ = st.Annotations(1); len(got) != 1 {
		t.Fatalf("after the delete: %v", ids(got))
	}
	if _, err := st.Apply(1, []annotation.Annotation{source, claim}, nil); err != nil {
		t.Fatalf("recreating a deleted annotation under its id: %v", err)
	}
	got, _ = st.Annotations(1)
	if find(got, source.ID) == nil || len(find(got, claim.ID).Links) != 1 {
		t.Fatalf("after the undo: %+v", got)
	}

	// A new annotation never takes a deleted one's id.
	if _, err := st.Apply(1, nil, []uint64{claim.ID}); err != nil {
		t.Fatal(err)
	}
	out, err = st.Apply(1, []annotation.Annotation{ann(t, Text, "Claim", "Critics disagreed")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if out[0].ID == claim.ID || out[0].ID == source.ID {
		t.Errorf("a new annotation took id %d, which was used", out[0].ID)
	}
	// Document 2 is untouched.
	if got, _ := st.Annotations(2); len(got) != 0 {
		t.Errorf("document 2 has %v", ids(got))
	}
}

func applyAtomic(t *testing.T, open Open) {
	st := open(t, docs()...)
	out, err := st.Apply(1, []annotation.Annotation{ann(t, Text, "Claim", "prices would fall")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	kept := out[0]
	outOfText := ann(t, Text, "Claim", "Critics")
	outOfText.Spans[0].End = 10_000
	dangling := ann(t, Text, "Claim", "Critics")
	dangling.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: 12345}}
	unknownLabel := ann(t, Text, "No such label", "Critics")
	unknownEntity := ann(t, Text, "Person", "minister")
	unknownEntity.Entity = 777
	cases := []struct {
		name string
		put  []annotation.Annotation
		del  []uint64
	}{
		{"a span past the text", []annotation.Annotation{ann(t, Text, "Source", "The minister"), outOfText}, nil},
		{"a link to nothing", []annotation.Annotation{dangling}, nil},
		{"a label the project lacks", []annotation.Annotation{unknownLabel}, nil},
		{"an entity the registry lacks", []annotation.Annotation{unknownEntity}, nil},
		{"deleting an id that is not there", []annotation.Annotation{ann(t, Text, "Source", "The minister")}, []uint64{999}},
		{"deleting a target still linked to", []annotation.Annotation{linkTo(kept, t)}, []uint64{kept.ID}},
	}
	for _, c := range cases {
		if _, err := st.Apply(1, c.put, c.del); err == nil {
			t.Errorf("%s: Apply succeeded, want an error", c.name)
		}
		got, _ := st.Annotations(1)
		if len(got) != 1 || got[0].ID != kept.ID {
			t.Errorf("%s: the failed Apply left %v, want only %d", c.name, ids(got), kept.ID)
		}
	}
}

// linkTo is a new claim said by target.
func linkTo(target annotation.Annotation, t *testing.T) annotation.Annotation {
	a := ann(t, Text, "Claim", "Critics disagreed")
	a.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: target.ID}}
	return a
}

func entities(t *testing.T, open Open) {
	st := open(t, docs()...)
	e, err := st.AddEntity(annotation.Entity{Name: "Ana Ruiz", Type: "Person"})
	if err != nil || e.ID == 0 {
		t.Fatalf("AddEntity = %+v, %v", e, err)
	}
	other, err := st.AddEntity(annotation.Entity{Name: "A. Ruiz", Type: "Person", Aliases: []string{"Ruiz"}})
	if err != nil || other.ID == e.ID {
		t.Fatalf("AddEntity = %+v, %v", other, err)
	}
	mention := ann(t, Text, "Person", "minister")
	mention.Entity = other.ID
	out, err := st.Apply(1, []annotation.Annotation{mention}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteEntity(other.ID); err == nil {
		t.Error("DeleteEntity of an entity an annotation refers to succeeded")
	}
	e.Note = "spokesperson"
	if _, err := st.UpdateEntity(e); err != nil {
		t.Fatal(err)
	}
	m, err := st.MergeEntities(e.ID, other.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Undo of the merge: the merged entity comes back and only the mention
	// the merge moved goes back to it; one linked to the kept entity since
	// stays.
	later := ann(t, Text, "Person", "Critics")
	later.Entity = e.ID
	lout, err := st.Apply(1, []annotation.Annotation{later}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.UnmergeEntities(m); err != nil {
		t.Fatalf("UnmergeEntities: %v", err)
	}
	es, _ := st.Entities()
	got, _ := st.Annotations(1)
	if len(es) != 2 || find(got, out[0].ID).Entity != other.ID || find(got, lout[0].ID).Entity != e.ID {
		t.Fatalf("after undoing the merge: entities %+v, mention -> %d, later mention -> %d; want both entities back, %d and %d",
			es, find(got, out[0].ID).Entity, find(got, lout[0].ID).Entity, other.ID, e.ID)
	}
	if _, err := st.Apply(1, nil, []uint64{lout[0].ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.MergeEntities(e.ID, other.ID); err != nil {
		t.Fatalf("merging again (redo): %v", err)
	}
	es, _ = st.Entities()
	if len(es) != 1 || es[0].ID != e.ID || es[0].Note != "spokesperson" ||
		!slices.Contains(es[0].Aliases, "A. Ruiz") || !slices.Contains(es[0].Aliases, "Ruiz") {
		t.Fatalf("after the merge: %+v; want Ana Ruiz with A. Ruiz and Ruiz as aliases", es)
	}
	got, _ = st.Annotations(1)
	if a := find(got, out[0].ID); a == nil || a.Entity != e.ID {
		t.Fatalf("the mention after the merge: %+v; want it to refer to %d", a, e.ID)
	}
	// Unlink, delete, and put back under the same id (undo of a creation).
	bare := *find(got, out[0].ID)
	bare.Entity = 0
	if _, err := st.Apply(1, []annotation.Annotation{bare}, nil); err != nil {
		t.Fatal(err)
	}
	es, _ = st.Entities()
	if err := st.DeleteEntity(e.ID); err != nil {
		t.Fatalf("DeleteEntity of an entity nothing refers to: %v", err)
	}
	if got, _ := st.Entities(); len(got) != 0 {
		t.Fatalf("after DeleteEntity: %+v", got)
	}
	if err := st.RestoreEntity(es[0]); err != nil {
		t.Fatal(err)
	}
	back, _ := st.Entities()
	if len(back) != 1 || back[0].ID != e.ID || back[0].Name != "Ana Ruiz" || len(back[0].Aliases) != len(es[0].Aliases) {
		t.Errorf("after RestoreEntity: %+v, want %+v", back, es[0])
	}
}

func backup(t *testing.T, open Open) {
	st := open(t, docs()...)
	if err := st.Backup(filepath.Join(t.TempDir(), "copy.glossa")); err != nil {
		t.Errorf("Backup: %v", err)
	}
	_ = st.Backups() // may be empty: automatic backups are taken at open
}

func ids(as []annotation.Annotation) []uint64 {
	var out []uint64
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func find(as []annotation.Annotation, id uint64) *annotation.Annotation {
	for i := range as {
		if as[i].ID == id {
			return &as[i]
		}
	}
	return nil
}

func summaryCount(t *testing.T, st app.Store, id uint64) int {
	t.Helper()
	return summary(t, st, id).Annotations
}
