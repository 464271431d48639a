package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"glossa/agreement"
	"glossa/annotation"
	"glossa/storage"
)

// Two annotators' claims on one article: the figures printed, as JSON and
// as CSV, are those agreement.Compute gives for the same layers. Layers
// are annotation.LayerOf's (an annotation from before layers is its
// author's), and the curated layer is no annotator.
func TestAgree(t *testing.T) {
	home := t.TempDir()
	db := filepath.Join(home, "p.glossa")
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := "The minister said the port will reopen. The union said it will not."
	d, err := st.AddDocument(annotation.Document{Title: "Port", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	claim := func(layer, author string, s, e int) annotation.Annotation {
		return annotation.Annotation{Label: "Claim", Spans: []annotation.Span{{Start: s, End: e}}, Layer: layer, Author: author}
	}
	put := []annotation.Annotation{claim("ana", "ana", 18, 38), claim("", "ben", 18, 38), claim("ana", "ana", 55, 66), claim("ben", "ben", 50, 66),
		claim(annotation.CuratedLayer, "ana", 0, 12)}
	if _, err := st.Apply(d.ID, put, nil); err != nil {
		t.Fatal(err)
	}
	labels, _ := st.Labels()
	anns, _ := st.Annotations(d.ID)
	st.Close()
	layers := map[string][]annotation.Annotation{}
	for _, a := range anns {
		if l := annotation.LayerOf(a); l != annotation.CuratedLayer {
			layers[l] = append(layers[l], a)
		}
	}
	want := agreement.Compute([]agreement.Article{{ID: d.ID, Title: "Port", Length: annotation.Len(text), Layers: layers}}, labels)
	// One claim the same, one whose start differs: strict F1 1/2,
	// lenient 1.
	if p, ok := want.Pair("ana", "ben"); !ok || p.StrictF1.String() != "0.5000" || p.LenientF1.String() != "1.0000" {
		t.Fatalf("pair ana, ben: %+v", want.Pairs)
	}

	r := run(t, home, "agree", "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, "annotators: ana, ben") || !strings.Contains(r.stdout, "\npairs\n") {
		t.Fatalf("code %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, home, "agree", "--db", db, "--json")
	var got agreement.Report
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	wj, _ := json.Marshal(want)
	gj, _ := json.Marshal(got)
	if string(wj) != string(gj) {
		t.Errorf("JSON report\n got %s\nwant %s", gj, wj)
	}
	out := filepath.Join(home, "pairs.csv")
	if r = run(t, home, "agree", "--db", db, "--csv", "Pairs", "-o", out); r.code != 0 {
		t.Fatal(r.stderr)
	}
	var wantCSV strings.Builder
	want.WriteCSV(&wantCSV, agreement.TablePairs)
	if b, _ := os.ReadFile(out); string(b) != wantCSV.String() {
		t.Errorf("CSV\n got %s\nwant %s", b, wantCSV.String())
	}
	if r = run(t, home, "agree", "--db", db, "--csv", "nope"); r.code != 2 || !strings.Contains(r.stderr, "there is no table") {
		t.Errorf("unknown table: code %d, %q", r.code, r.stderr)
	}
}
