package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"glossa/annotation"
)

// makeBundles builds n documents with per annotations each: a source, and
// claims said by it. Ids start at firstDoc and firstAnn.
func makeBundles(n, per int, firstDoc, firstAnn uint64) []annotation.Bundle {
	var bs []annotation.Bundle
	ann := firstAnn
	for i := range n {
		text := fmt.Sprintf("Document %d. ", i) + strings.Repeat("The minister said taxes would fall. ", per)
		d := annotation.Document{ID: firstDoc + uint64(i), Title: fmt.Sprintf("Doc %d", i), Text: text, Status: annotation.StatusInProgress,
			Created: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), Modified: time.Date(2024, 1, 3, 3, 4, 5, 0, time.UTC)}
		b := annotation.Bundle{Document: d}
		base := annotation.Len(fmt.Sprintf("Document %d. ", i))
		src := ann
		for j := range per {
			start := base + j*36
			a := annotation.Annotation{ID: ann, Label: "Claim", Spans: span(text, start+18, start+34),
				Created: d.Created, Modified: d.Modified}
			if j == 0 {
				a.Label, a.Spans = "Source", span(text, start+4, start+12)
			} else {
				a.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: src}}
			}
			b.Annotations = append(b.Annotations, a)
			ann++
		}
		bs = append(bs, b)
	}
	return bs
}

func collect(t *testing.T, s *Store) []annotation.Bundle {
	t.Helper()
	var out []annotation.Bundle
	if err := s.EachBundle(func(b annotation.Bundle) error {
		b.Annotations = slices.Clone(b.Annotations) // EachBundle reuses the slice
		out = append(out, b)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestImportKeepIDsRestores(t *testing.T) {
	src := openTestStore(t)
	if _, err := src.ImportBundles(makeBundles(5, 4, 10, 100), ImportOptions{KeepIDs: true}); err != nil {
		t.Fatal(err)
	}
	// An export in id order...
	exported := collect(t, src)
	var ids []uint64
	for _, b := range exported {
		ids = append(ids, b.Document.ID)
	}
	if want := []uint64{10, 11, 12, 13, 14}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("EachBundle order: got %v; want %v", ids, want)
	}
	if got := exported[0].Annotations[1].Links[0].Target; got != 100 {
		t.Errorf("kept link target: got %d; want 100", got)
	}
	// ...restored into a new file is the same, down to the bytes of the data.
	dst := openTestStore(t)
	res, err := dst.ImportBundles(exported, ImportOptions{KeepIDs: true})
	if err != nil {
		t.Fatal(err)
	}
	if res[2].Doc.ID != 12 || res[2].Annotations != 4 || res[2].DuplicateOf != 0 {
		t.Errorf("result: %+v", res[2])
	}
	if got := collect(t, dst); !reflect.DeepEqual(got, exported) {
		t.Errorf("restored bundles differ:\n got %+v\nwant %+v", got[0], exported[0])
	}
	mustCheck(t, dst)
	// New ids continue after the kept ones.
	d := addDoc(t, dst, "A new text.")
	a := addAnn(t, dst, annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: span("A new text.", 0, 1)})
	if d.ID != 15 || a.ID != 120 {
		t.Errorf("next ids: document %d, annotation %d; want 15 and 120", d.ID, a.ID)
	}
}

func TestImportRemapsOnCollision(t *testing.T) {
	s := openTestStore(t)
	if _, err := s.ImportBundles(makeBundles(2, 3, 1, 1), ImportOptions{KeepIDs: true}); err != nil {
		t.Fatal(err)
	}
	// Same ids, new texts, and one duplicate of a stored text.
	bs := makeBundles(3, 3, 1, 1)
	for i := range bs[1:] {
		bs[i+1].Document.Text += " More."
	}
	for _, keep := range []bool{true, false} {
		t.Run(fmt.Sprintf("KeepIDs=%v", keep), func(t *testing.T) {
			res, err := s.ImportBundles(bs, ImportOptions{KeepIDs: keep})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := res[0].DuplicateOf, uint64(1); got != want {
				t.Errorf("duplicate: got %d; want %d", got, want)
			}
			if keep && res[1].Doc.ID == bs[1].Document.ID {
				t.Errorf("document kept a taken id %d", res[1].Doc.ID)
			}
			if !keep {
				// Second run: every text is a duplicate now.
				for i, r := range res {
					if r.DuplicateOf == 0 {
						t.Errorf("bundle %d not reported duplicate: %+v", i, r)
					}
				}
				return
			}
			as, err := s.Annotations(res[1].Doc.ID)
			if err != nil {
				t.Fatal(err)
			}
			if as[1].Links[0].Target != as[0].ID || as[0].ID == bs[1].Annotations[0].ID {
				t.Errorf("links not remapped: %+v", as)
			}
		})
	}
	mustCheck(t, s)
}

func TestImportFailsWhole(t *testing.T) {
	s := openTestStore(t)
	bs := makeBundles(3, 2, 0, 1)
	bs[2].Annotations[1].Links[0].Target = 999
	if _, err := s.ImportBundles(bs, ImportOptions{}); !errors.Is(err, annotation.ErrDanglingLink) {
		t.Errorf("got %v; want ErrDanglingLink", err)
	}
	bs = makeBundles(2, 2, 0, 1)
	bs[1].Document.SHA256 = annotation.TextSHA256("other")
	if _, err := s.ImportBundles(bs, ImportOptions{}); !errors.Is(err, annotation.ErrChecksum) {
		t.Errorf("got %v; want ErrChecksum", err)
	}
	if docs, _ := s.Documents(); len(docs) != 0 {
		t.Errorf("a failed import stored %d documents", len(docs))
	}
}

func TestPutEntitiesAndMap(t *testing.T) {
	s := openTestStore(t)
	jane, _ := s.AddEntity(annotation.Entity{Name: "Jane", Type: "Person"})
	ids, err := s.PutEntities([]annotation.Entity{
		{ID: 7, Name: "Jane", Type: "Person"},       // merges with jane
		{ID: 8, Name: "Acme", Type: "Organisation"}, // new
	}, false)
	if err != nil {
		t.Fatal(err)
	}
	if ids[7] != jane.ID || ids[8] == 0 || ids[8] == 8 {
		t.Errorf("ids: %v", ids)
	}
	bs := makeBundles(1, 2, 0, 1)
	bs[0].Annotations[0].Entity = 8
	if _, err := s.ImportBundles(bs, ImportOptions{EntityMap: ids}); err != nil {
		t.Fatal(err)
	}
	got := collect(t, s)[0].Annotations[0].Entity
	if got != ids[8] {
		t.Errorf("entity ref: got %d; want %d", got, ids[8])
	}
	kept, err := s.PutEntities([]annotation.Entity{{ID: 50, Name: "Zed"}, {ID: jane.ID, Name: "Jane", Type: "Person"}}, true)
	if err != nil || kept[50] != 50 || kept[jane.ID] != jane.ID {
		t.Errorf("keepIDs: %v, %v", kept, err)
	}
	mustCheck(t, s)
}

func TestStats(t *testing.T) {
	s := openTestStore(t)
	if _, err := s.ImportBundles(makeBundles(3, 4, 0, 1), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	s.AddEntity(annotation.Entity{Name: "X"})
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	want := Stats{Documents: 3, Annotations: 12, Entities: 1, Links: 9,
		ByLabel: map[string]int{"Claim": 9, "Source": 3}, ByLayer: map[string]int{"": 12},
		ByStatus: map[annotation.Status]int{annotation.StatusInProgress: 3}, FileSize: st.FileSize}
	if !reflect.DeepEqual(st, want) || st.FileSize <= 0 {
		t.Errorf("got %+v; want %+v", st, want)
	}
}

func TestEachBundleStops(t *testing.T) {
	s := openTestStore(t)
	s.ImportBundles(makeBundles(3, 1, 0, 1), ImportOptions{})
	stop := errors.New("stop")
	n := 0
	err := s.EachBundle(func(annotation.Bundle) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("got %v after %d calls; want stop after 1", err, n)
	}
}

// TestEachAnnotated: the walk EachBundle makes, the texts left empty and
// everything else the same, stopping on fn's error.
func TestEachAnnotated(t *testing.T) {
	s := openTestStore(t)
	if _, err := s.ImportBundles(makeBundles(3, 4, 1, 1), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	want := collect(t, s)
	var got []annotation.Bundle
	if err := s.EachAnnotated(func(b annotation.Bundle) error {
		b.Annotations = slices.Clone(b.Annotations)
		got = append(got, b)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if want[i].Document.Text == "" {
			t.Fatalf("EachBundle gave document %d without its text", want[i].Document.ID)
		}
		want[i].Document.Text = ""
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("EachAnnotated:\n got %+v\nwant %+v (EachBundle's, without texts)", got, want)
	}
	stop := errors.New("stop")
	n := 0
	if err := s.EachAnnotated(func(annotation.Bundle) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("got %v after %d calls; want stop after 1", err, n)
	}
}

func TestBackup(t *testing.T) {
	s := openTestStore(t)
	s.ImportBundles(makeBundles(3, 3, 0, 1), ImportOptions{})
	dir := t.TempDir()
	path := filepath.Join(dir, "copy.glossa")
	if err := s.Backup(path); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(s.Path()); err == nil {
		t.Error("Backup onto the project itself succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("backup folder holds %d files, want 1 (no temporary left)", len(entries))
	}
	b, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	mustCheck(t, b)
	if got, want := collect(t, b), collect(t, s); !reflect.DeepEqual(got, want) {
		t.Error("backup differs from the project")
	}
	if b.ProjectID() != s.ProjectID() {
		t.Error("backup has another project id")
	}
}

// An annotation id at or above annotation.NewIDBase is renumbered on an
// import that keeps ids: kept, it would push the id sequence into the
// range that names the local ids of new suggestions.
func TestImportKeepIDsRenumbersHugeIDs(t *testing.T) {
	s := openTestStore(t)
	bs := makeBundles(1, 2, 1, 1)
	huge, old := annotation.NewIDBase+7, bs[0].Annotations[0].ID
	bs[0].Annotations[0].ID = huge
	for i := range bs[0].Annotations {
		for j, l := range bs[0].Annotations[i].Links {
			if l.Target == old {
				bs[0].Annotations[i].Links[j].Target = huge
			}
		}
	}
	if _, err := s.ImportBundles(bs, ImportOptions{KeepIDs: true}); err != nil {
		t.Fatal(err)
	}
	docs, err := s.Documents()
	if err != nil {
		t.Fatal(err)
	}
	anns, err := s.Annotations(docs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range anns {
		if a.ID >= annotation.NewIDBase {
			t.Errorf("annotation kept id %d, at or above NewIDBase", a.ID)
		}
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}
