package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/storage"
)

// suggestArticles are news-style articles of the project's own writing,
// each with quotes, speakers, cues and dates.
var suggestArticles = []string{
	"Harbour to reopen\n\n“We will reopen the port on Monday,” said Maria Lopez, the harbour master.\n\n" +
		"“Ships are already waiting outside the bay,” she added.\n",
	"Council passes budget\n\nThe council passed the budget on Tuesday. “This budget protects the libraries we fought for,” " +
		"said councillor Tom Reed.\n\n“We will not close a single branch,” he added. The mayor said the vote had been closer than expected.\n",
	"Rail strike called off\n\n“The strike is off, and trains will run on Friday as planned,” union leader Ana Petrova said " +
		"after talks ended at midnight.\n\n“Nobody wanted this to drag on,” a spokesman said.\n",
}

// suggestProject imports the articles (and n-3 more, each a variant of
// one of them) into a new project whose codebook has a cue label, and
// returns its path.
func suggestProject(t *testing.T, home string, n int) string {
	t.Helper()
	db := filepath.Join(home, "p.glossa")
	var paths []string
	for i := range n {
		text := suggestArticles[i%len(suggestArticles)]
		if i >= len(suggestArticles) {
			text = strings.Replace(text, "\n\n", fmt.Sprintf(" (%d)\n\n", i), 1)
		}
		paths = append(paths, writeFile(t, home, fmt.Sprintf("in/a%02d.txt", i), text))
	}
	if r := run(t, home, append([]string{"import", "--db", db}, paths...)...); r.code != 0 {
		t.Fatalf("import: %d %s", r.code, r.stderr)
	}
	withStore(t, db, func(st *storage.Store) {
		labels, err := st.Labels()
		if err != nil {
			t.Fatal(err)
		}
		labels.Labels = append(labels.Labels, annotation.Label{Name: "Cue", Kind: annotation.KindCue, Color: "#f2994a"})
		if err := st.SetLabels(labels); err != nil {
			t.Fatal(err)
		}
	})
	return db
}

// withStore opens the project at db for fn, and closes it for the next
// command.
func withStore(t *testing.T, db string, fn func(st *storage.Store)) {
	t.Helper()
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fn(st)
}

// suggestLine is one line of glossa suggest's output.
type suggestLine struct {
	id                                             uint64
	title                                          string
	claims, sources, cues, entities, rejectedCount int
}

// parseSuggest reads glossa suggest's lines: id, title, then counts, each
// a number and its words.
func parseSuggest(t *testing.T, stdout string) []suggestLine {
	t.Helper()
	var out []suggestLine
	for _, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 7 {
			t.Fatalf("line %q has %d fields; want 7", line, len(f))
		}
		var l suggestLine
		var err error
		l.id, err = strconv.ParseUint(f[0], 10, 64)
		if err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		l.title = f[1]
		for i, p := range []*int{&l.claims, &l.sources, &l.cues, &l.entities, &l.rejectedCount} {
			num, _, _ := strings.Cut(f[2+i], " ")
			if *p, err = strconv.Atoi(num); err != nil {
				t.Fatalf("line %q, field %q: %v", line, f[2+i], err)
			}
		}
		out = append(out, l)
	}
	return out
}

// kindCounts counts anns by the kind of their label.
func kindCounts(anns []annotation.Annotation, labels annotation.LabelSet) [4]int {
	var c [4]int
	for _, a := range anns {
		l, _ := labels.Find(a.Label)
		if i := slices.Index([]annotation.Kind{annotation.KindClaim, annotation.KindSource, annotation.KindCue, annotation.KindEntity}, l.Kind); i >= 0 {
			c[i]++
		}
	}
	return c
}

// TestSuggestThenExport runs glossa suggest on a project, with a claim
// tagged by hand in one article, and exports it with and without
// --include-suggestions.
func TestSuggestThenExport(t *testing.T) {
	home := t.TempDir()
	db := suggestProject(t, home, 8)
	// The annotator tagged the council's quote already.
	var tagged annotation.Annotation
	withStore(t, db, func(st *storage.Store) {
		d, err := st.Document(2)
		if err != nil {
			t.Fatal(err)
		}
		q := "This budget protects the libraries we fought for,"
		start := len([]rune(d.Text[:strings.Index(d.Text, q)]))
		span, err := annotation.NewSpan(annotation.NewOffsets(d.Text), start, start+len([]rune(q)))
		if err != nil {
			t.Fatal(err)
		}
		put, err := st.Apply(2, []annotation.Annotation{{DocID: 2, Label: "Claim", Spans: []annotation.Span{span}, Author: "ann"}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		tagged = put[0]
	})

	r := run(t, home, "suggest", "--db", db)
	if r.code != 0 {
		t.Fatalf("suggest: code %d, stderr %s", r.code, r.stderr)
	}
	lines := parseSuggest(t, r.stdout)
	var sum [5]int
	withStore(t, db, func(st *storage.Store) {
		labels, _ := st.Labels()
		docs, _ := st.Documents()
		if len(lines) != len(docs) {
			t.Fatalf("%d lines for %d articles:\n%s", len(lines), len(docs), r.stdout)
		}
		for i, l := range lines {
			if l.id != docs[i].ID || l.title != docs[i].Title {
				t.Errorf("line %d: article %d %q; want %d %q, in the project's order", i+1, l.id, l.title, docs[i].ID, docs[i].Title)
			}
			pending, err := st.Suggestions(l.id)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := kindCounts(pending, labels), [4]int{l.claims, l.sources, l.cues, l.entities}; got != want {
				t.Errorf("article %d: stored claims, sources, cues, entities %v; the line says %v", l.id, got, want)
			}
			if docs[i].Pending != len(pending) || docs[i].Suggester == "" {
				t.Errorf("article %d: summary says %d pending by %q; want %d and the suggester's version", l.id, docs[i].Pending, docs[i].Suggester, len(pending))
			}
			if l.id != 2 && (l.claims < 2 || l.sources < 2 || l.cues < 2 || l.entities < 1) {
				t.Errorf("article %d: %+v; want two quotes with their speakers and cues, and a date", l.id, l)
			}
			for k, n := range []int{l.claims, l.sources, l.cues, l.entities, l.rejectedCount} {
				sum[k] += n
			}
		}
	})
	total := fmt.Sprintf("suggestions stored for 8 articles: %d claims, %d sources, %d cues, %d entities, %d rejected before\n", sum[0], sum[1], sum[2], sum[3], sum[4])
	if !strings.HasSuffix(r.stderr, total) {
		t.Errorf("stderr %q; want it to end with %q", r.stderr, total)
	}

	type exported struct {
		Documents []struct {
			ID          uint64
			Annotations []struct {
				ID         uint64
				Label      string
				Spans      []annotation.Span
				Links      []annotation.Link
				Provenance map[string]any
			}
		}
	}
	export := func(args ...string) exported {
		r := run(t, home, append([]string{"export", "--db", db, "--format", "json"}, args...)...)
		if r.code != 0 {
			t.Fatalf("export %v: code %d, %s", args, r.code, r.stderr)
		}
		var e exported
		if err := json.Unmarshal([]byte(r.stdout), &e); err != nil {
			t.Fatal(err)
		}
		return e
	}

	with := export("--include-suggestions")
	for i, d := range with.Documents {
		ids := map[uint64]bool{}
		for _, a := range d.Annotations {
			ids[a.ID] = true
		}
		claims := 0
		for _, a := range d.Annotations {
			p := a.Provenance
			if a.ID == tagged.ID {
				if p["origin"] != "person" {
					t.Errorf("the tagged claim has provenance %v", p)
				}
				continue
			}
			conf, _ := p["confidence"].(float64)
			if p["origin"] != "suggested" || p["review"] != "pending" || p["rule"] == "" || conf <= 0 || conf > 1 || len(p) != 4 {
				t.Errorf("article %d, %s %q: provenance %v; want origin suggested, a rule, a confidence, review pending", d.ID, a.Label, a.Spans[0].Text, p)
			}
			if a.Label == "Claim" {
				claims++
				if d.ID == 2 && a.Spans[0].Start < tagged.End() && tagged.Start() < a.Spans[len(a.Spans)-1].End {
					t.Errorf("claim %q proposed over the one tagged by hand", a.Spans[0].Text)
				}
				if !slices.ContainsFunc(a.Links, func(l annotation.Link) bool { return l.Type == annotation.LinkSaidBy }) {
					t.Errorf("article %d: claim %q has no speaker", d.ID, a.Spans[0].Text)
				}
			}
			for _, l := range a.Links {
				if !ids[l.Target] {
					t.Errorf("article %d: %s link to %d, which the export lacks", d.ID, l.Type, l.Target)
				}
			}
		}
		if claims != lines[i].claims {
			t.Errorf("article %d: %d claims exported; suggest stored %d", d.ID, claims, lines[i].claims)
		}
	}

	without := export()
	for _, d := range without.Documents {
		for _, a := range d.Annotations {
			if a.ID != tagged.ID {
				t.Errorf("article %d: %s %q (%v) exported without --include-suggestions", d.ID, a.Label, a.Spans[0].Text, a.Provenance)
			}
		}
	}
}

// A suggestion rejected in the window is not proposed again, and the
// line says so.
func TestSuggestLeavesOutRejected(t *testing.T) {
	home := t.TempDir()
	db := suggestProject(t, home, 3)
	first := run(t, home, "suggest", "--db", db, "--doc", "1")
	if first.code != 0 {
		t.Fatal(first.stderr)
	}
	var rejected annotation.Annotation
	withStore(t, db, func(st *storage.Store) {
		pending, _ := st.Suggestions(1)
		i := slices.IndexFunc(pending, func(a annotation.Annotation) bool { return a.Label == "Claim" })
		if i < 0 {
			t.Fatal("no claim suggested")
		}
		rejected = pending[i]
		if _, err := st.ReviewSuggestions(1, annotation.SuggestionEdit{Reject: []uint64{rejected.ID}}); err != nil {
			t.Fatal(err)
		}
	})
	again := run(t, home, "suggest", "--db", db, "--doc", "1")
	if again.code != 0 {
		t.Fatal(again.stderr)
	}
	a, b := parseSuggest(t, first.stdout)[0], parseSuggest(t, again.stdout)[0]
	if b.rejectedCount != 1 || b.claims != a.claims-1 || a.rejectedCount != 0 {
		t.Errorf("before the rejection %+v, after %+v; want one claim fewer, one rejected before", a, b)
	}
	withStore(t, db, func(st *storage.Store) {
		pending, _ := st.Suggestions(1)
		for _, p := range pending {
			if annotation.Fingerprint(p.Label, p.Spans) == annotation.Fingerprint(rejected.Label, rejected.Spans) {
				t.Errorf("%q proposed again after its rejection", p.Quote())
			}
		}
	})
}

func TestSuggestArguments(t *testing.T) {
	home := t.TempDir()
	db := suggestProject(t, home, 3)
	for _, tc := range []struct {
		args   []string
		code   int
		stdout []uint64 // the articles of the lines, in order
		stderr string
	}{
		{[]string{"--doc", "3", "1"}, 0, []uint64{3, 1}, "for 2 articles"},
		{[]string{"--doc", "2", "--doc", "1,2"}, 0, []uint64{2, 1}, "for 2 articles"},
		{[]string{"--all"}, 0, []uint64{1, 2, 3}, "for 3 articles"},
		{[]string{"--doc", "99"}, 1, nil, "there is no article 99 in " + db + " (its 3 articles have ids from 1 to 3)"},
		{[]string{"--all", "--doc", "1"}, 2, nil, "give --all or --doc, not both"},
		{[]string{"1"}, 2, nil, "name articles with --doc ID"},
		{[]string{"--doc", "one"}, 2, nil, "not an article id"},
		{[]string{"--doc", "0"}, 2, nil, "not an article id"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := run(t, home, append([]string{"suggest", "--db", db}, tc.args...)...)
			var got []uint64
			if r.stdout != "" {
				for _, l := range parseSuggest(t, r.stdout) {
					got = append(got, l.id)
				}
			}
			if r.code != tc.code || !slices.Equal(got, tc.stdout) || !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("code %d, articles %v, stderr %q; want %d, %v, %q", r.code, got, r.stderr, tc.code, tc.stdout, tc.stderr)
			}
		})
	}
}

// A codebook without a cue label gets no cues, and glossa suggest says
// why.
func TestSuggestWithoutCueLabel(t *testing.T) {
	home := t.TempDir()
	db := filepath.Join(home, "p.glossa")
	p := writeFile(t, home, "a.txt", suggestArticles[0])
	if r := run(t, home, "import", "--db", db, p); r.code != 0 {
		t.Fatal(r.stderr)
	}
	r := run(t, home, "suggest", "--db", db)
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	l := parseSuggest(t, r.stdout)[0]
	if l.cues != 0 || l.claims == 0 || !strings.Contains(r.stderr, "no label of kind cue") {
		t.Errorf("%+v, stderr %q; want claims, no cues, and a note on the codebook", l, r.stderr)
	}
}

// A cancelled run stops between articles and says so.
func TestSuggestCancelled(t *testing.T) {
	home := t.TempDir()
	db := suggestProject(t, home, 3)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := Run(ctx, Env{Stdout: &out, Stderr: &errb}, []string{"suggest", "--db", db})
	if code != 1 || !strings.Contains(errb.String(), "suggest cancelled after") {
		t.Errorf("code %d, stderr %q; want 1 and a word on what is stored", code, errb.String())
	}
}
