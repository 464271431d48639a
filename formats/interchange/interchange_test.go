package interchange

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"glossa/annotation"

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
	}
	for _, tt := range tests {
		got, ok := Detect(tt.name, []byte(tt.head))
		if !ok || got != tt.want {
			t.Errorf("Detect(%q, %.30q) = %q, %v; want %q", tt.name, tt.head, got, ok, tt.want)
		}
	}
	for _, head := range []string{"", "hello", `{"glossa": 1}`} {
		if got, ok := Detect("a.json", []byte(head)); ok {
			t.Errorf("Detect(a.json, %q) = %q; want not recognised", head, got)
		}
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.ann"), nil, 0o644)
	if got, ok := Detect(dir, nil); !ok || got != FormatBrat {
		t.Errorf("Detect(folder with .ann) = %q, %v; want brat", got, ok)
	}
}

// TestExportImport writes each importable format to disk through
// NewWriter and reads it back through Read, which must detect it.
func TestExportImport(t *testing.T) {
	h, bundles := it.Header(), it.Bundles()
	files := map[string]string{FormatW3C: "out.jsonld", FormatBrat: "out.zip", FormatDoccano: "out.jsonl", FormatLabelStudio: "out.json"}
	for _, format := range Formats() {
		name, ok := files[format]
		if !ok {
			continue
		}
		path := filepath.Join(t.TempDir(), name)
		var buf bytes.Buffer
		out := SingleOutput(&buf)
		var closer interface{ Close() error }
		if MultiFile(format) {
			out, closer = ZipOutput(&buf)
		}
		w, err := NewWriter(format, out, ExportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		it.Export(t, w, h, bundles)
		if closer != nil {
			closer.Close()
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		ds, rep, err := Read(path, it.Lookup(bundles))
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if rep.Format != format || rep.Documents != 2 || rep.Annotations != 17 || len(rep.Dropped) != 0 {
			t.Errorf("%s: report %+v", format, rep)
		}
		merged := MergeLabels(h.Labels, ds, &rep)
		it.CheckBundles(t, merged, ds.Bundles)
	}
	for _, format := range []string{FormatCoNLL, FormatCSV} {
		var buf bytes.Buffer
		w, err := NewWriter(format, SingleOutput(&buf), ExportOptions{ExcelBOM: true})
		if err != nil {
			t.Fatal(err)
		}
		it.Export(t, w, h, bundles)
		if buf.Len() == 0 {
			t.Errorf("%s: nothing written", format)
		}
		if format == FormatCoNLL && len(Warnings(w)) == 0 {
			t.Errorf("conll: no overlap warning")
		}
	}
	if _, err := NewWriter("xml", SingleOutput(&bytes.Buffer{}), ExportOptions{}); err == nil {
		t.Error("NewWriter(xml): got no error")
	}
}

func TestReadBratFolder(t *testing.T) {
	dir := t.TempDir()
	w, _ := NewWriter(FormatBrat, DirOutput(dir), ExportOptions{})
	it.Export(t, w, it.Header(), it.Bundles())
	_, rep, err := Read(dir, nil)
	if err != nil || rep.Annotations != 17 {
		t.Errorf("Read(folder): %v, %+v", err, rep)
	}
}

// Another tool's file may list more values of an attribute than the
// project, or use values it lists nowhere: the merged labels offer them.
func TestMergeLabelsAdmitsValues(t *testing.T) {
	project := annotation.DefaultLabelSet()
	ds := Dataset{
		Labels: annotation.LabelSet{Labels: []annotation.Label{{Name: "Claim", Kind: annotation.KindClaim, Color: "#000000",
			Attributes: []annotation.AttributeDef{{Name: annotation.AttrVerdict, Values: []string{"false", "satire"}}}}}},
		Bundles: []annotation.Bundle{{Annotations: []annotation.Annotation{
			{Label: "Claim", Attributes: map[string]string{annotation.AttrVerdict: "partly false"}},
			{Label: "Source", Attributes: map[string]string{annotation.AttrSourceType: "named"}},
		}}},
	}
	var rep Report
	got := MergeLabels(project, ds, &rep)
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
