package corpus

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/storage"
)

func openTestStore(t *testing.T) *storage.Store {
	t.Helper()
	st, err := storage.Open(filepath.Join(t.TempDir(), "p.glossa"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// seed adds a document with a claim linked to its source.
func seed(t *testing.T, st *storage.Store) annotation.Document {
	t.Helper()
	doc, err := st.AddDocument(annotation.Document{Title: "Rates", Text: "Rates will rise 😀, the governor said.\n"})
	if err != nil {
		t.Fatal(err)
	}
	o := annotation.NewOffsets(doc.Text)
	claim, _ := annotation.NewSpan(o, 0, 15)
	src, _ := annotation.NewSpan(o, 19, 31)
	put, err := st.Apply(doc.ID, []annotation.Annotation{
		{DocID: doc.ID, Label: "Source", Spans: []annotation.Span{src}},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Apply(doc.ID, []annotation.Annotation{{DocID: doc.ID, Label: "Claim", Spans: []annotation.Span{claim},
		Links: []annotation.Link{{Type: annotation.LinkSaidBy, Target: put[0].ID}}}}, nil); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestExportEveryFormat(t *testing.T) {
	st := openTestStore(t)
	seed(t, st)
	dir := t.TempDir()
	for _, f := range Formats() {
		out := filepath.Join(dir, "out-"+f)
		if err := Export(context.Background(), st, f, out, ExportOptions{}); err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		info, err := os.Stat(out)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if MultiFile(f) != info.IsDir() {
			t.Errorf("%s: folder = %v; want %v", f, info.IsDir(), MultiFile(f))
		}
	}
}

func TestExportBratZip(t *testing.T) {
	st := openTestStore(t)
	seed(t, st)
	out := filepath.Join(t.TempDir(), "brat.zip")
	if err := Export(context.Background(), st, "brat", out, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	joined := strings.Join(names, " ")
	for _, want := range []string{".txt", ".ann", "annotation.conf"} {
		if !strings.Contains(joined, want) {
			t.Errorf("zip holds %v; want a %s file", names, want)
		}
	}
}

func TestExportReplacesFolder(t *testing.T) {
	st := openTestStore(t)
	seed(t, st)
	out := filepath.Join(t.TempDir(), "brat")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, "stale.ann"), []byte("T1\tX 0 1\tx\n"), 0o644)
	if err := Export(context.Background(), st, "brat", out, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "stale.ann")); err == nil {
		t.Error("the old folder's files survived the export")
	}
	if m, _ := filepath.Glob(filepath.Join(out, "*.ann")); len(m) != 1 {
		t.Errorf(".ann files = %v; want one", m)
	}
}

// TestExportRefusesToReplaceOtherFiles: a folder export replaces the whole
// folder, so it refuses one that holds anything an earlier export did not
// write (a user's documents, a subfolder), and a file, and touches neither.
func TestExportRefusesToReplaceOtherFiles(t *testing.T) {
	st := openTestStore(t)
	seed(t, st)
	dir := t.TempDir()
	for _, tt := range []struct {
		name  string
		setup func(p string)
		want  string
	}{
		{"a document", func(p string) {
			os.MkdirAll(p, 0o755)
			os.WriteFile(filepath.Join(p, "a.ann"), []byte("T1\tX 0 1\tx\n"), 0o644)
			os.WriteFile(filepath.Join(p, "thesis.docx"), []byte("months of work"), 0o644)
		}, "thesis.docx"},
		{"a subfolder", func(p string) {
			os.MkdirAll(filepath.Join(p, "data"), 0o755)
		}, "data"},
		{"a file", func(p string) {
			os.WriteFile(p, []byte("months of work"), 0o644)
		}, "is a file"},
	} {
		out := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
		tt.setup(out)
		before := treeOf(t, out)
		err := Export(context.Background(), st, "brat", out, ExportOptions{})
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), ".zip") {
			t.Errorf("%s: err = %v; want one naming %q and offering a .zip", tt.name, err, tt.want)
		}
		if after := treeOf(t, out); !reflect.DeepEqual(after, before) {
			t.Errorf("%s: the export changed what was there:\n%v\nnow\n%v", tt.name, before, after)
		}
	}
	// An earlier export, with what a file manager adds, is replaced.
	out := filepath.Join(dir, "earlier")
	if err := Export(context.Background(), st, "brat", out, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, ".DS_Store"), []byte{0}, 0o644)
	if err := Export(context.Background(), st, "brat", out, ExportOptions{}); err != nil {
		t.Errorf("replacing an earlier export: %v", err)
	}
}

// treeOf lists the files under p with their contents ("" for folders).
func treeOf(t *testing.T, p string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	filepath.WalkDir(p, func(q string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		b, _ := os.ReadFile(q)
		tree[q] = string(b)
		return nil
	})
	return tree
}

func TestExportCancelled(t *testing.T) {
	st := openTestStore(t)
	seed(t, st)
	p := filepath.Join(t.TempDir(), "out.json")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Export(ctx, st, "json", p, ExportOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v; want context.Canceled", err)
	}
	if _, err := os.Stat(p); err == nil {
		t.Error("a cancelled export left a file")
	}
}

func TestExportProgress(t *testing.T) {
	st := openTestStore(t)
	seed(t, st)
	var calls [][2]int
	err := ExportTo(context.Background(), st, "jsonl", io.Discard, ExportOptions{Progress: func(d, n int) { calls = append(calls, [2]int{d, n}) }})
	if err != nil || !reflect.DeepEqual(calls, [][2]int{{1, 1}}) {
		t.Errorf("progress calls %v, err %v; want [[1 1]]", calls, err)
	}
}

// Every interchange format that carries text round-trips into a new project
// with the claim, its source and the link.
func TestInterchangeRoundTrip(t *testing.T) {
	for _, f := range []string{"brat", "doccano", "labelstudio"} {
		t.Run(f, func(t *testing.T) {
			st := openTestStore(t)
			seed(t, st)
			out := filepath.Join(t.TempDir(), "export."+ext(f))
			if err := Export(context.Background(), st, f, out, ExportOptions{}); err != nil {
				t.Fatal(err)
			}
			st2 := openTestStore(t)
			tot, err := ImportPaths(context.Background(), st2, []string{out}, nil)
			if err != nil || tot.Failed > 0 || tot.Documents != 1 {
				t.Fatalf("import: %+v, %v", tot, err)
			}
			docs, _ := st2.Documents()
			anns, _ := st2.Annotations(docs[0].ID)
			var claim, source *annotation.Annotation
			for i := range anns {
				switch anns[i].Label {
				case "Claim":
					claim = &anns[i]
				case "Source":
					source = &anns[i]
				}
			}
			if claim == nil || source == nil {
				t.Fatalf("annotations %+v; want a claim and a source", anns)
			}
			if claim.Spans[0].Text != "Rates will rise" || source.Spans[0].Text != "the governor" {
				t.Errorf("spans %q, %q; want the same text back", claim.Spans[0].Text, source.Spans[0].Text)
			}
			if got := claim.LinksOf(annotation.LinkSaidBy); len(got) != 1 || got[0] != source.ID {
				t.Errorf("claim links %+v; want said_by %d", claim.Links, source.ID)
			}
		})
	}
}

func ext(format string) string {
	switch format {
	case "brat":
		return "zip"
	case "doccano":
		return "jsonl"
	}
	return "json"
}

// W3C annotations refer to the document by hash: they are added to the
// project's own document.
func TestW3CImportAddsToExistingDocument(t *testing.T) {
	st := openTestStore(t)
	doc := seed(t, st)
	var buf bytes.Buffer
	if err := ExportTo(context.Background(), st, "w3c", &buf, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	st2 := openTestStore(t)
	d2, err := st2.AddDocument(annotation.Document{Title: "Rates", Text: doc.Text})
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "w3c.json")
	os.WriteFile(p, buf.Bytes(), 0o644)
	tot, err := ImportPaths(context.Background(), st2, []string{p}, nil)
	if err != nil || tot.Failed > 0 {
		t.Fatalf("import: %+v, %v", tot, err)
	}
	anns, _ := st2.Annotations(d2.ID)
	if len(anns) != 2 {
		t.Fatalf("annotations %d; want 2 on the existing document", len(anns))
	}
	if err := st2.Check(); err != nil {
		t.Error(err)
	}
}

// A dataset's annotations may hold attribute values its labels do not list
// (a label set edited after tagging, another tool's file): the import adds
// them to the project's lists, into a new project and into one with
// documents alike, so that the detail editor offers and shows them.
func TestImportAdmitsAttributeValues(t *testing.T) {
	src := openTestStore(t)
	doc := seed(t, src)
	o := annotation.NewOffsets(doc.Text)
	span, _ := annotation.NewSpan(o, 19, 31)
	if _, err := src.Apply(doc.ID, []annotation.Annotation{{DocID: doc.ID, Label: "Claim", Spans: []annotation.Span{span},
		Attributes: map[string]string{annotation.AttrVerdict: "partly false", annotation.AttrCheckWorthy: "yes"}}}, nil); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "dataset.json")
	if err := Export(context.Background(), src, "json", p, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		into func(t *testing.T) *storage.Store
	}{
		{"new project", openTestStore},
		{"project with documents", func(t *testing.T) *storage.Store {
			st := openTestStore(t)
			if _, err := st.AddDocument(annotation.Document{Title: "Other", Text: "Something else.\n"}); err != nil {
				t.Fatal(err)
			}
			return st
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := tc.into(t)
			if tot, err := ImportPaths(context.Background(), st, []string{p}, nil); err != nil || tot.Failed > 0 {
				t.Fatalf("import: %+v, %v", tot, err)
			}
			ls, err := st.Labels()
			if err != nil {
				t.Fatal(err)
			}
			claim, _ := ls.Find("Claim")
			verdict, _ := claim.Attribute(annotation.AttrVerdict)
			want := append(annotation.DefaultLabelSet().Labels[0].Attributes[1].Values, "partly false")
			if !reflect.DeepEqual(verdict.Values, want) {
				t.Errorf("verdict values %q, want %q", verdict.Values, want)
			}
			if cw, _ := claim.Attribute(annotation.AttrCheckWorthy); len(cw.Values) != 2 {
				t.Errorf("check-worthy values %q, want yes and no only", cw.Values)
			}
			found := false
			docs, _ := st.Documents()
			for _, d := range docs {
				anns, _ := st.Annotations(d.ID)
				for _, a := range anns {
					found = found || a.Attributes[annotation.AttrVerdict] == "partly false"
				}
			}
			if !found {
				t.Error("no annotation holds the verdict partly false")
			}
			if err := st.Check(); err != nil {
				t.Error(err)
			}
		})
	}
	if ls, _ := src.Labels(); !reflect.DeepEqual(ls, annotation.FactCheckingTemplate()) {
		t.Errorf("the exporting project's labels changed: %+v", ls)
	}
}

func TestImportCancelled(t *testing.T) {
	st := openTestStore(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("A\n"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ImportPaths(ctx, st, []string{dir}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v; want context.Canceled", err)
	}
	if docs, _ := st.Documents(); len(docs) != 0 {
		t.Errorf("%d documents imported after cancel", len(docs))
	}
}

// A batch the store refuses is stored again file by file: the bad file
// fails alone and the others are imported.
func TestImportBatchFallsBackToOneByOne(t *testing.T) {
	st := &refusing{Store: openTestStore(t), bad: "bad text"}
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "bad.txt", "c.txt"} {
		os.WriteFile(filepath.Join(dir, name), []byte(strings.TrimSuffix(name, ".txt")+" text\n"), 0o644)
	}
	var got []string
	tot, err := ImportPaths(context.Background(), st, []string{dir}, func(r FileResult) {
		got = append(got, fmt.Sprintf("%s %d/%d %v", filepath.Base(r.Path), r.File, r.Files, r.Err != nil))
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a.txt 1/3 false", "bad.txt 2/3 true", "c.txt 3/3 false"}
	if !reflect.DeepEqual(got, want) || tot.Documents != 2 || tot.Failed != 1 {
		t.Errorf("reports %v, totals %+v; want %v with 2 documents and 1 failure", got, tot, want)
	}
}

// refusing fails any batch holding a document titled bad.
type refusing struct {
	*storage.Store
	bad string
}

func (r *refusing) ImportBundles(bs []annotation.Bundle, opt storage.ImportOptions) ([]storage.ImportResult, error) {
	for _, b := range bs {
		if b.Document.Title == r.bad {
			return nil, errors.New("refused")
		}
	}
	return r.Store.ImportBundles(bs, opt)
}

func TestExportRefusesTheProjectFile(t *testing.T) {
	st := openTestStore(t)
	seed(t, st)
	before, _ := os.ReadFile(st.Path())
	err := Export(context.Background(), st, "json", st.Path(), ExportOptions{})
	if err == nil || !strings.Contains(err.Error(), "project file itself") {
		t.Fatalf("err = %v; want a refusal naming the project file", err)
	}
	if after, _ := os.ReadFile(st.Path()); !bytes.Equal(before, after) {
		t.Error("the project file changed")
	}
}
