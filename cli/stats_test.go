package cli

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/stats"
	"glossa/storage"
)

// TestStats: three wordings of one speaker linked to one entity are one
// source under its canonical name, in the table and in the JSON, whose
// keys are lower case with underscores.
func TestStats(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.glossa")
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const text = "Zakharova said A. Maria Zakharova said B. The spokeswoman said C. A senior official said D."
	doc, err := st.AddDocument(annotation.Document{Title: "Briefing", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	e, err := st.AddEntity(annotation.Entity{Name: "Maria Zakharova", Type: "Person"})
	if err != nil {
		t.Fatal(err)
	}
	o := annotation.NewOffsets(text)
	span := func(s string, from int) annotation.Span {
		i := strings.Index(text[from:], s) + from
		sp, err := annotation.NewSpan(o, i, i+len(s))
		if err != nil {
			t.Fatal(err)
		}
		return sp
	}
	var sources []annotation.Annotation
	for _, s := range []struct {
		text, typ string
		entity    uint64
		from      int
	}{
		{"Zakharova", "named", e.ID, 0}, {"Maria Zakharova", "named", e.ID, 18},
		{"The spokeswoman", "named", e.ID, 0}, {"A senior official", "anonymous", 0, 0},
	} {
		sources = append(sources, annotation.Annotation{Label: "Source", Spans: []annotation.Span{span(s.text, s.from)}, Entity: s.entity,
			Attributes: map[string]string{annotation.AttrSourceType: s.typ}, Layer: "ana"})
	}
	stored, err := st.Apply(doc.ID, sources, nil)
	if err != nil {
		t.Fatal(err)
	}
	var claims []annotation.Annotation
	for i, c := range []string{"A", "B", "C", "D"} {
		claims = append(claims, annotation.Annotation{Label: "Claim", Spans: []annotation.Span{span(c+".", 0)}, Layer: "ana",
			Attributes: map[string]string{annotation.AttrVerdict: "false"},
			Links:      []annotation.Link{{Type: annotation.LinkSaidBy, Target: stored[i].ID}}})
	}
	if _, err := st.Apply(doc.ID, claims, nil); err != nil {
		t.Fatal(err)
	}
	st.Close()

	r := run(t, dir, "stats", "--db", db)
	if r.code != 0 {
		t.Fatalf("stats: code %d, %s", r.code, r.stderr)
	}
	for _, want := range []string{
		`documents\s+1\n`, `annotations\s+8\n`, `links\s+4\n`, `entities\s+1\n`,
		`most quoted sources\s+claims\s+articles\n\s+Maria Zakharova\s+3\s+1\n\s+A senior official \(not in the registry\)\s+1\s+1\n`,
		`claims by source type\n\s+named\s+3\n\s+anonymous\s+1\n`,
		`Claim: verdict\n(\s+\S.*\n)*?\s+false\s+4\n`,
	} {
		if !regexp.MustCompile(want).MatchString(r.stdout) {
			t.Errorf("stats printed\n%s\nwant a match of %q", r.stdout, want)
		}
	}

	r = run(t, dir, "stats", "--db", db, "--json", "--top", "1")
	if r.code != 0 {
		t.Fatalf("stats --json: code %d, %s", r.code, r.stderr)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &raw); err != nil {
		t.Fatal(err)
	}
	for k := range raw {
		if k != strings.ToLower(k) {
			t.Errorf("JSON key %q is not lower case", k)
		}
	}
	var got struct {
		Documents int            `json:"documents"`
		ByLabel   map[string]int `json:"by_label"`
		Tables    stats.Report   `json:"tables"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	wantSources := []stats.Source{{Name: "Maria Zakharova", Entity: e.ID, Claims: 3, Articles: 1}}
	if got.Documents != 1 || got.ByLabel["Claim"] != 4 || len(got.Tables.TopSources) != 1 || got.Tables.TopSources[0] != wantSources[0] {
		t.Errorf("stats --json --top 1 = documents %d, by_label %v, top_sources %+v; want 1, 4 claims, %+v",
			got.Documents, got.ByLabel, got.Tables.TopSources, wantSources)
	}

	if r := run(t, dir, "stats", "--db", db, "--top", "-1"); r.code == 0 || !strings.Contains(r.stderr, "--top") {
		t.Errorf("stats --top -1: code %d, %q; want a refusal", r.code, r.stderr)
	}
}

func TestShortTitle(t *testing.T) {
	long := strings.Repeat("é", 41)
	for _, tc := range []struct{ in, want string }{
		{"Minister quits", "Minister quits"},
		{strings.Repeat("a", 40), strings.Repeat("a", 40)},
		{long, strings.Repeat("é", 39) + "…"},
	} {
		if got := shortTitle(tc.in); got != tc.want {
			t.Errorf("shortTitle(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}
