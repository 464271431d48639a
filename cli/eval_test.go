package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/storage"
	"glossa/suggest"
	"glossa/suggest/eval"
)

// goldFolder writes a small gold folder in Glossa's labels: one direct
// quote with its speaker and cue, one indirect attribution, one article
// without an .ann.
func goldFolder(t *testing.T) (dir, text string) {
	t.Helper()
	dir = t.TempDir()
	text = `"We will not pay for this," said Anna Berg, the union's treasurer. The council said it would appeal.`
	// at gives the offsets and text of the nth occurrence of sub.
	at := func(sub string, nth int) string {
		from := 0
		for k := 0; k < nth; k++ {
			from += strings.Index(text[from:], sub) + len(sub)
		}
		s := annotation.Len(text[:from+strings.Index(text[from:], sub)])
		return fmt.Sprintf("%d %d\t%s", s, s+annotation.Len(sub), sub)
	}
	writeFile(t, dir, "news/a.txt", text)
	writeFile(t, dir, "news/a.ann", strings.Join([]string{
		"T1\tClaim " + at("We will not pay for this,", 0),
		"T2\tCue " + at("said", 0),
		"T3\tSource " + at("Anna Berg, the union's treasurer", 0),
		"T4\tSource " + at("The council", 0),
		"T5\tCue " + at("said", 1),
		"T6\tClaim " + at("it would appeal", 0),
		"R1\tsaid_by Arg1:T1 Arg2:T3", "R2\tcue Arg1:T1 Arg2:T2",
		"R3\tsaid_by Arg1:T6 Arg2:T4", "R4\tcue Arg1:T6 Arg2:T5",
	}, "\n")+"\n")
	writeFile(t, dir, "b.txt", "Nothing was said.")
	return dir, text
}

func TestEvalComputesWithTheSuggester(t *testing.T) {
	dir, _ := goldFolder(t)
	home := t.TempDir()
	r := run(t, home, "eval", dir)
	if r.code != 0 {
		t.Fatalf("code %d, stderr %q", r.code, r.stderr)
	}
	if want := fmt.Sprintf("gold: %s: 2 articles, 2 attributions (1 direct quotes)\n", dir); !strings.HasPrefix(r.stdout, want) {
		t.Errorf("stdout starts %q; want %q", firstLine(r.stdout), want)
	}
	for _, row := range []string{"contents  exact", "sources   overlap>=0.3", "cues      overlap>=0.8", "speaker accuracy", "cue accuracy", "direct quotes:", "entities  exact"} {
		if !strings.Contains(r.stdout, row) {
			t.Errorf("stdout lacks %q:\n%s", row, r.stdout)
		}
	}
	// --json gives what package eval computes with suggest.Text.
	r = run(t, home, "eval", "--json", dir)
	if r.code != 0 {
		t.Fatalf("--json: code %d, stderr %q", r.code, r.stderr)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("--json: %v\n%s", err, r.stdout)
	}
	g, err := eval.ReadGold(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	want, err := eval.Evaluate(g, func(a eval.Article) (eval.Prediction, error) {
		return eval.FromSuggestions(suggest.Text(a.Text, suggest.Options{})), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for key, v := range map[string]any{"all": want.All, "direct": want.Direct, "entities": want.Entities, "computed": len(g.Articles), "in_project": 0} {
		w, _ := json.Marshal(v)
		if g, w := compact(t, got[key]), compact(t, w); g != w {
			t.Errorf("--json %q = %s; want %s", key, g, w)
		}
	}
}

func compact(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// With --db, the suggestions are those the project holds for the same
// text: here an accepted claim and cue linked to a source a person tagged,
// and the second attribution pending; a claim a person tagged is not one.
func TestEvalReadsTheProject(t *testing.T) {
	dir, text := goldFolder(t)
	home := t.TempDir()
	db := filepath.Join(home, "p.glossa")
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ls := annotation.DefaultLabelSet()
	ls.Labels = append(ls.Labels, annotation.Label{Name: "Cue", Kind: annotation.KindCue, Color: "#d35400"})
	if err := st.SetLabels(ls); err != nil {
		t.Fatal(err)
	}
	d, err := st.AddDocument(annotation.Document{Title: "a", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	span := func(sub string) []annotation.Span {
		i := strings.Index(text, sub)
		s := annotation.Len(text[:i])
		return []annotation.Span{{Start: s, End: s + annotation.Len(sub), Text: sub}}
	}
	accepted := annotation.Provenance{Origin: annotation.OriginSuggested, Rule: "quote.double", Confidence: 0.9, Review: annotation.ReviewAccepted}
	src, err := st.AddAnnotation(annotation.Annotation{DocID: d.ID, Label: "Source", Spans: span("Anna Berg")})
	if err != nil {
		t.Fatal(err)
	}
	cue, err := st.AddAnnotation(annotation.Annotation{DocID: d.ID, Label: "Cue", Spans: span("said"), Provenance: accepted})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddAnnotation(annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: span("We will not pay for this"), Provenance: accepted,
		Links: []annotation.Link{{Type: annotation.LinkSaidBy, Target: src.ID}, {Type: annotation.LinkCue, Target: cue.ID}}}); err != nil {
		t.Fatal(err)
	}
	// A claim a person made is not a suggestion.
	if _, err := st.AddAnnotation(annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: span("it would appeal")}); err != nil {
		t.Fatal(err)
	}
	// Pending: the second attribution, its claim, source and cue (ids at
	// and above NewIDBase name the suggestions of the call).
	base := annotation.NewIDBase
	span2 := func(sub string) []annotation.Span {
		i := strings.LastIndex(text, sub)
		s := annotation.Len(text[:i])
		return []annotation.Span{{Start: s, End: s + annotation.Len(sub), Text: sub}}
	}
	if _, err := st.SetSuggestions(d.ID, []annotation.Annotation{
		{ID: base, DocID: d.ID, Label: "Claim", Spans: span2("it would appeal"), Links: []annotation.Link{{Type: annotation.LinkSaidBy, Target: base + 1}, {Type: annotation.LinkCue, Target: base + 2}}},
		{ID: base + 1, DocID: d.ID, Label: "Source", Spans: span2("The council")},
		{ID: base + 2, DocID: d.ID, Label: "Cue", Spans: span2("said")},
	}, suggest.Version); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "b.txt")); err != nil {
		t.Fatal(err)
	}
	r := run(t, home, "eval", dir, "--db", db, "--json")
	if r.code != 0 {
		t.Fatalf("code %d, stderr %q", r.code, r.stderr)
	}
	var out struct {
		InProject int `json:"in_project"`
		Computed  int `json:"computed"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	type tpfpfn struct{ tp, fp, fn int }
	var raw struct {
		All map[string]json.RawMessage `json:"all"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &raw); err != nil {
		t.Fatal(err)
	}
	// Gold: 2 contents, 2 sources (Anna Berg, the union's treasurer; The
	// council), 2 cues. Held: the accepted claim (trimmed, the same as the
	// gold), its source (9 of the gold's 32 code points: 0.28, under 0.3)
	// and cue; the pending claim, source and cue, each the gold's.
	wants := map[string][3]tpfpfn{
		"contents": {{2, 0, 0}, {2, 0, 0}, {2, 0, 0}},
		"sources":  {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}},
		"cues":     {{2, 0, 0}, {2, 0, 0}, {2, 0, 0}},
	}
	for group, w := range wants {
		var levels map[string]map[string]float64
		if err := json.Unmarshal(raw.All[group], &levels); err != nil {
			t.Fatalf("%s: %v", group, err)
		}
		for i, level := range []string{"exact", "overlap_0.3", "overlap_0.8"} {
			c := levels[level]
			if got := (tpfpfn{int(c["tp"]), int(c["fp"]), int(c["fn"])}); got != w[i] {
				t.Errorf("%s at %s: %+v; want %+v", group, level, got, w[i])
			}
		}
	}
	// "Anna Berg" is wrong by overlap, right by head word (Berg).
	for key, w := range map[string]string{"speaker_accuracy": `{"accuracy":0.5,"correct":1,"total":2}`, "speaker_accuracy_head": `{"accuracy":1,"correct":2,"total":2}`} {
		if g := compact(t, raw.All[key]); g != w {
			t.Errorf("%s = %s; want %s", key, g, w)
		}
	}
	if out.InProject != 1 || out.Computed != 0 {
		t.Errorf("in project %d, computed %d; want 1, 0", out.InProject, out.Computed)
	}
	// A gold text the project lacks is computed, and the output says so.
	writeFile(t, dir, "c.txt", "Prices rose.")
	r = run(t, home, "eval", dir, "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, "1 articles found there") || !strings.Contains(r.stdout, "1 not in the project (computed by the suggester") {
		t.Errorf("code %d, stdout %q; want 0, one article found and one computed", r.code, r.stdout)
	}
}

func TestEvalUsage(t *testing.T) {
	home := t.TempDir()
	empty := t.TempDir()
	writeFile(t, empty, "notes.md", "# nothing here")
	for _, c := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"eval", empty}, "holds no .txt files"},
		{[]string{"eval", filepath.Join(empty, "missing")}, "is not a folder"},
		{[]string{"eval"}, "name one gold folder"},
	} {
		r := run(t, home, c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.stderr) {
			t.Errorf("%q: code %d, stderr %q; want 2 and %q", c.args, r.code, r.stderr, c.stderr)
		}
	}
	r := run(t, home, "eval", "--help")
	for _, s := range []string{"usage: glossa eval GOLD_DIR", "overlap>=0.3", "Speaker accuracy", "Direct quotes", "-json"} {
		if r.code != 0 || !strings.Contains(r.stdout, s) {
			t.Errorf("eval --help: code %d, stdout lacks %q:\n%s", r.code, s, r.stdout)
		}
	}
	// Every command answers --help with its own usage; before a command,
	// --help is Glossa's.
	if r := run(t, home, "import", "--help"); r.code != 0 || !strings.HasPrefix(r.stdout, "usage: glossa import") {
		t.Errorf("import --help: code %d, stdout %q", r.code, r.stdout)
	}
	if r := run(t, home, "--help", "eval"); r.code != 0 || !strings.Contains(r.stdout, "glossa eval GOLD_DIR") || strings.Contains(r.stdout, "Speaker accuracy") {
		t.Errorf("--help eval: code %d, stdout %q; want the list of commands", r.code, r.stdout)
	}
}
