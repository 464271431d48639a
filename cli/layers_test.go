package cli

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/storage"
)

// TestExportLayerFlag: --layer picks ana's layer, the curated layer or
// all; the default is the curated layer once it holds annotations.
func TestExportLayerFlag(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.glossa")
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const text = "Rates will rise, the governor said."
	doc, err := st.AddDocument(annotation.Document{Title: "Rates", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	o := annotation.NewOffsets(text)
	sp, _ := annotation.NewSpan(o, 17, 29)
	var put []annotation.Annotation
	for _, layer := range []string{"ana", "ben", annotation.CuratedLayer} {
		put = append(put, annotation.Annotation{Label: "Source", Spans: []annotation.Span{sp}, Layer: layer})
	}
	if _, err := st.Apply(doc.ID, put, nil); err != nil {
		t.Fatal(err)
	}
	st.Close()

	for _, tt := range []struct {
		flag []string
		want []string
	}{
		{nil, []string{"#curated"}},
		{[]string{"--layer", "curated"}, []string{"#curated"}},
		{[]string{"--layer", "ana"}, []string{"ana"}},
		{[]string{"--layer", "all"}, []string{"#curated", "ana", "ben"}},
	} {
		r := run(t, dir, append([]string{"export", "--db", db, "--format", "jsonl"}, tt.flag...)...)
		if r.code != 0 {
			t.Fatalf("export %v: code %d, %s", tt.flag, r.code, r.stderr)
		}
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n")[1:] {
			var d struct {
				Annotations []struct {
					Layer string `json:"layer"`
				} `json:"annotations"`
			}
			if err := json.Unmarshal([]byte(line), &d); err != nil {
				t.Fatal(err)
			}
			for _, a := range d.Annotations {
				got = append(got, a.Layer)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("export %v wrote layers %q; want %q", tt.flag, got, tt.want)
		}
	}
	if r := run(t, dir, "export", "--db", db, "--format", "jsonl", "--layer", "zed"); r.code == 0 || !strings.Contains(r.stderr, `no layer "zed"; its layers are "ana", "ben", curated`) {
		t.Errorf("export --layer zed: code %d, %q; want a refusal naming the layers", r.code, r.stderr)
	}
	r := run(t, dir, "stats", "--db", db)
	if !regexp.MustCompile(`layers\s+3\n\s+ana\s+1\n\s+ben\s+1\n\s+curated\s+1\n`).MatchString(r.stdout) {
		t.Errorf("stats printed %q; want the three layers, curated last", r.stdout)
	}
	// The tables count one layer, chosen as export chooses it.
	for _, tt := range []struct {
		flag        []string
		layer       string
		annotations int
	}{
		{nil, annotation.CuratedLayer, 1},
		{[]string{"--layer", "ana"}, "ana", 1},
		{[]string{"--layer", "all"}, "#all", 3},
	} {
		r := run(t, dir, append([]string{"stats", "--db", db, "--json"}, tt.flag...)...)
		var got struct {
			Layer  string `json:"layer"`
			Tables struct {
				Annotations int `json:"annotations"`
			} `json:"tables"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
			t.Fatalf("stats --json %v: %v (code %d, %s)", tt.flag, err, r.code, r.stderr)
		}
		if got.Layer != tt.layer || got.Tables.Annotations != tt.annotations {
			t.Errorf("stats %v: layer %q, %d annotations; want %q, %d", tt.flag, got.Layer, got.Tables.Annotations, tt.layer, tt.annotations)
		}
	}
	if r := run(t, dir, "stats", "--db", db, "--layer", "zed"); r.code == 0 || !strings.Contains(r.stderr, `no layer "zed"`) {
		t.Errorf("stats --layer zed: code %d, %q; want a refusal naming the layers", r.code, r.stderr)
	}
}
