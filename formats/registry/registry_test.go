package registry

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/formats/dataset"
	it "glossa/formats/formattest"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name, head string
		want       string
	}{
		{"a.zip", "PK\x03\x04", FormatBrat},
		{"x/a.ann", "T1\tClaim 0 1\tx", FormatBrat},
		{"a.jsonld", `{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection"}`, FormatW3C},
		{"a.jsonl", `{"@context":"http://www.w3.org/ns/anno.jsonld","id":"urn:x"}`, FormatW3C},
		{"a.json", `[{"id": 1, "data": {"text": "x"}, "annotations": []}]`, FormatLabelStudio},
		{"a.jsonl", `{"id": 1, "text": "x", "entities": [], "relations": []}`, FormatDoccano},
		{"a.jsonl", `{"text": "x", "label": [[0, 1, "Claim"]]}`, FormatDoccano},
		{"a.conll", "-DOCSTART-\tO", FormatCoNLL},
		{"a.csv", "\uFEFFdocument,claim", FormatCSV},
		// A dataset says what it is, whatever its name; an article's
		// extension outranks what its text looks like; brat's .zip and .ann
		// outrank their content.
		{"a.json", `{"format":"glossa","version":1}`, "json"},
		{"a.txt", "\uFEFF\n {\"format\": \"glossa-lines\", \"version\":1}", "jsonl"},
		{"a.csv", `{"format":"glossa","version":1}`, "json"},
		{"notes.TXT", `{"@context": "http://www.w3.org/ns/anno.jsonld"}`, "article"},
		{"a.html", "<p>x</p>", "article"},
		{"a.zip", `{"@context": "http://www.w3.org/ns/anno.jsonld"}`, FormatBrat},
		// A dataset folder's manifest and article files say what they are;
		// a zip of one starts with its manifest.
		{"glossa-folder.json", `{"format": "glossa-folder", "version": 1}`, "folder"},
		{"articles/0123456789abcdef-x.jsonl", `{"format":"glossa-article","version":1,"title":"x","text":"x"}` + "\n" + `{"id":1,"label":"Claim"}`, "folder"},
		{"a.zip", "PK\x03\x04" + strings.Repeat("\x00", 22) + "\x12\x00\x00\x00glossa-folder.json", "folder"},
		{"a.zip", "PK\x03\x04" + strings.Repeat("\x00", 22) + "\x05\x00\x00\x00a.ann", FormatBrat},
		// A Label Studio task with "text" and "label" is Label Studio's.
		{"a.jsonl", `{"data": {"text": "x"}, "annotations": [], "label": 1}`, FormatLabelStudio},
	}
	for _, tt := range tests {
		got, ok := Sniff(tt.name, []byte(tt.head))
		if !ok || got.Name != tt.want {
			t.Errorf("Sniff(%q, %.30q) = %q, %v; want %q", tt.name, tt.head, got.Name, ok, tt.want)
		}
	}
	for _, head := range []string{"", "hello", `{"glossa": 1}`} {
		if got, ok := Sniff("a.json", []byte(head)); ok {
			t.Errorf("Sniff(a.json, %q) = %q; want not recognised", head, got.Name)
		}
	}
	dir := t.TempDir()
	if got, ok := SniffDir(dir); ok {
		t.Errorf("SniffDir(empty folder) = %q; want not recognised", got.Name)
	}
	os.WriteFile(filepath.Join(dir, "a.ann"), nil, 0o644)
	if got, ok := SniffDir(dir); !ok || got.Name != FormatBrat {
		t.Errorf("SniffDir(folder with .ann) = %q, %v; want brat", got.Name, ok)
	}
	dir = t.TempDir()
	os.WriteFile(filepath.Join(dir, "glossa-folder.json"), []byte(`{"format": "glossa-codebook"}`), 0o644)
	if got, ok := SniffDir(dir); ok {
		t.Errorf("SniffDir(folder with another format's glossa-folder.json) = %q; want not recognised", got.Name)
	}
	os.WriteFile(filepath.Join(dir, "glossa-folder.json"), []byte(`{"format": "glossa-folder", "version": 1}`), 0o644)
	if got, ok := SniffDir(dir); !ok || got.Name != "folder" {
		t.Errorf("SniffDir(dataset folder) = %q, %v; want folder", got.Name, ok)
	}
}

// The format names the tests use.
const (
	FormatW3C         = "w3c"
	FormatBrat        = "brat"
	FormatDoccano     = "doccano"
	FormatLabelStudio = "labelstudio"
	FormatCoNLL       = "conll"
	FormatCSV         = "csv"
)

// newWriter is the writer of the format called name.
func newWriter(t *testing.T, name string, out dataset.Output, opts dataset.ExportOptions) dataset.Writer {
	t.Helper()
	f, ok := Lookup(name)
	if !ok {
		t.Fatalf("no format %q", name)
	}
	w, err := f.NewWriter(out, opts)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// read sniffs the file at path and reads it with its format's Read.
func read(t *testing.T, path string, lookup dataset.Lookup) (dataset.Dataset, dataset.Report, error) {
	t.Helper()
	f, ok := SniffDir(path)
	if !ok {
		head, err := ReadHead(path)
		if err != nil {
			t.Fatal(err)
		}
		if f, ok = Sniff(path, head); !ok {
			t.Fatalf("%s: format not recognised", path)
		}
	}
	return f.Read(path, lookup)
}

// The export list is the CLI's and the Export menu's, in this order.
func TestExported(t *testing.T) {
	want := []string{"json", "jsonl", "folder", "w3c", "brat", "doccano", "labelstudio", "conll", "csv", "card", "graphml", "dot"}
	if got := Exported(); !reflect.DeepEqual(got, want) {
		t.Errorf("Exported() = %q, want %q", got, want)
	}
	for _, f := range All() {
		n := 0
		for _, r := range []bool{f.ReadArticle != nil, f.Decode != nil, f.Read != nil} {
			if r {
				n++
			}
		}
		if n > 1 || f.Detect == nil || (f.MultiFile() && f.IsExportFile == nil) {
			t.Errorf("%s: %d readers, Detect %v, MultiFile %v without IsExportFile", f.Name, n, f.Detect != nil, f.MultiFile())
		}
	}
	for name, want := range map[string]bool{"a.txt": true, "a.MD": true, "a.json": true, "a.jsonl": true, "a.zip": true,
		"a.csv": false, "a.conll": false, "a.jsonld": false, "a.pdf": false} {
		if got := Importable(name); got != want {
			t.Errorf("Importable(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestExportImport writes each importable format to disk through its
// writer and reads it back through its Read, after sniffing it.
func TestExportImport(t *testing.T) {
	h, bundles := it.Header(), it.Bundles()
	files := map[string]string{FormatW3C: "out.jsonld", FormatBrat: "out.zip", FormatDoccano: "out.jsonl", FormatLabelStudio: "out.json"}
	for _, format := range Exported() {
		name, ok := files[format]
		if !ok {
			continue
		}
		path := filepath.Join(t.TempDir(), name)
		var buf bytes.Buffer
		out := dataset.SingleOutput(&buf)
		var closer interface{ Close() error }
		if f, _ := Lookup(format); f.MultiFile() {
			out, closer = dataset.ZipOutput(&buf)
		}
		w := newWriter(t, format, out, dataset.ExportOptions{})
		it.Export(t, w, h, bundles)
		if closer != nil {
			closer.Close()
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		ds, rep, err := read(t, path, it.Lookup(bundles))
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if rep.Format != format || rep.Documents != 2 || rep.Annotations != 17 || len(rep.Dropped) != 0 {
			t.Errorf("%s: report %+v", format, rep)
		}
		merged := dataset.MergeLabels(h.Labels, ds, &rep)
		it.CheckBundles(t, merged, ds.Bundles)
	}
	for _, format := range []string{FormatCoNLL, FormatCSV} {
		var buf bytes.Buffer
		w := newWriter(t, format, dataset.SingleOutput(&buf), dataset.ExportOptions{ExcelBOM: true})
		it.Export(t, w, h, bundles)
		if buf.Len() == 0 {
			t.Errorf("%s: nothing written", format)
		}
		if format == FormatCoNLL && len(dataset.Warnings(w)) == 0 {
			t.Errorf("conll: no overlap warning")
		}
	}
	if _, ok := Lookup("xml"); ok {
		t.Error("Lookup(xml): found")
	}
}

func TestReadBratFolder(t *testing.T) {
	dir := t.TempDir()
	w := newWriter(t, FormatBrat, dataset.DirOutput(dir), dataset.ExportOptions{})
	it.Export(t, w, it.Header(), it.Bundles())
	_, rep, err := read(t, dir, nil)
	if err != nil || rep.Annotations != 17 {
		t.Errorf("Read(folder): %v, %+v", err, rep)
	}
}

// Another tool's file may list more values of an attribute than the
// project, or use values it lists nowhere: the merged labels offer them.
func TestMergeLabelsAdmitsValues(t *testing.T) {
	project := annotation.DefaultLabelSet()
	ds := dataset.Dataset{
		Labels: annotation.LabelSet{Labels: []annotation.Label{{Name: "Claim", Kind: annotation.KindClaim, Color: "#000000",
			Attributes: []annotation.AttributeDef{{Name: annotation.AttrVerdict, Values: []string{"false", "satire"}}}}}},
		Bundles: []annotation.Bundle{{Annotations: []annotation.Annotation{
			{Label: "Claim", Attributes: map[string]string{annotation.AttrVerdict: "partly false"}},
			{Label: "Source", Attributes: map[string]string{annotation.AttrSourceType: "named"}},
		}}},
	}
	var rep dataset.Report
	got := dataset.MergeLabels(project, ds, &rep)
	claim, _ := got.Find("Claim")
	v, _ := claim.Attribute(annotation.AttrVerdict)
	want := append(append([]string(nil), project.Labels[0].Attributes[1].Values...), "satire", "partly false")
	if !reflect.DeepEqual(v.Values, want) {
		t.Errorf("verdict values %q, want %q", v.Values, want)
	}
	if len(rep.NewLabels) != 0 {
		t.Errorf("new labels %v, want none", rep.NewLabels)
	}
	if !reflect.DeepEqual(project, annotation.DefaultLabelSet()) {
		t.Error("MergeLabels changed the project's set")
	}
	src, _ := got.Find("Source")
	if st, _ := src.Attribute(annotation.AttrSourceType); len(st.Values) != 4 {
		t.Errorf("source type values %q, want the four it had", st.Values)
	}
}
