package corpus

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"glossa/annotation"
	it "glossa/formats/formattest"
	"glossa/storage"
)

// withSuggestions is a project of two articles: seed's, tagged and with
// nothing pending, and one whose source the annotator tagged while a
// suggester proposed the rest: two quotes as claims, the first said by the
// tagged source, the second by a pronoun that is that source, their cues,
// and a date. It returns the store and how many annotations and pending
// suggestions it holds, and their links.
func withSuggestions(t *testing.T) (st *storage.Store, anns, pending, links int) {
	t.Helper()
	st = openTestStore(t)
	seed(t, st)
	if labels, err := st.Labels(); err != nil || len(labels.OfKind(annotation.KindCue)) == 0 {
		t.Fatalf("a new project's codebook has no cue label (%v)", err)
	}
	const text = "“Prices will fall by spring,” the minister said on Monday. “Wages will follow,” she added.\n"
	doc, err := st.AddDocument(annotation.Document{Title: "Prices", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	o := annotation.NewOffsets(doc.Text)
	span := func(s string) []annotation.Span {
		i := strings.Index(text, s)
		start := len([]rune(text[:i]))
		sp, err := annotation.NewSpan(o, start, start+len([]rune(s)))
		if err != nil {
			t.Fatal(err)
		}
		return []annotation.Span{sp}
	}
	put, err := st.Apply(doc.ID, []annotation.Annotation{{DocID: doc.ID, Label: "Source", Spans: span("the minister")}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	minister := put[0].ID
	n := func(i uint64) uint64 { return annotation.NewIDBase + i }
	sug := func(id uint64, label, s, rule string, links ...annotation.Link) annotation.Annotation {
		return annotation.Annotation{ID: id, DocID: doc.ID, Label: label, Spans: span(s), Links: links,
			Provenance: annotation.Provenance{Origin: annotation.OriginSuggested, Rule: rule, Confidence: 0.9, Review: annotation.ReviewPending}}
	}
	sugs := []annotation.Annotation{
		sug(n(0), "Claim", "Prices will fall by spring,", "quote.double",
			annotation.Link{Type: annotation.LinkSaidBy, Target: minister}, annotation.Link{Type: annotation.LinkCue, Target: n(1)}),
		sug(n(1), "Cue", "said", "cue.after-quote"),
		sug(n(2), "Date", "Monday", "entity.date"),
		sug(n(3), "Claim", "Wages will follow,", "quote.double",
			annotation.Link{Type: annotation.LinkSaidBy, Target: n(4)}, annotation.Link{Type: annotation.LinkCue, Target: n(5)}),
		sug(n(4), "Source", "she", "speaker.pronoun", annotation.Link{Type: annotation.LinkIs, Target: minister}),
		sug(n(5), "Cue", "added", "cue.after-quote"),
	}
	stored, err := st.SetSuggestions(doc.ID, sugs, "test")
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != len(sugs) {
		t.Fatalf("stored %d suggestions of %d", len(stored), len(sugs))
	}
	// seed: a claim and its source, one link; here a source; pending:
	// six, with five links.
	return st, 3, len(sugs), 1 + 5
}

// exportAll exports st in every format into dir and returns what each
// wrote (a multi-file format into a folder, listed by treeOf).
func exportAll(t *testing.T, st *storage.Store, dir string, opts ExportOptions) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for _, f := range Formats() {
		p := filepath.Join(dir, f+"."+ext(f))
		if MultiFile(f) {
			p = filepath.Join(dir, f)
		}
		if err := Export(context.Background(), st, f, p, opts); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		tree := map[string]string{}
		for name, content := range treeOf(t, p) {
			rel, _ := filepath.Rel(p, name)
			tree[rel] = content
		}
		out[f] = tree
	}
	return out
}

// Without IncludeSuggestions, every format writes exactly what it wrote
// before the suggester ran; with it, every format writes more.
func TestExportWritesSuggestionsOnlyWhenAsked(t *testing.T) {
	st, _, _, _ := withSuggestions(t)
	before := t.TempDir()
	pending := map[uint64][]annotation.Annotation{}
	docs, _ := st.Documents()
	for _, d := range docs {
		ps, err := st.Suggestions(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		pending[d.ID] = ps
		if _, err := st.ReviewSuggestions(d.ID, annotation.SuggestionEdit{Reject: ids(ps)}); err != nil {
			t.Fatal(err)
		}
	}
	clean := exportAll(t, st, before, ExportOptions{})
	for id, ps := range pending {
		if _, err := st.ReviewSuggestions(id, annotation.SuggestionEdit{Restore: ps}); err != nil {
			t.Fatal(err)
		}
	}
	without := exportAll(t, st, t.TempDir(), ExportOptions{})
	with := exportAll(t, st, t.TempDir(), ExportOptions{IncludeSuggestions: true})
	for _, f := range Formats() {
		if !maps2Equal(clean[f], without[f]) {
			t.Errorf("%s: the export without suggestions differs from the one made with none pending", f)
		}
		if maps2Equal(without[f], with[f]) {
			t.Errorf("%s: the export with suggestions is the one without", f)
		}
	}
}

func ids(as []annotation.Annotation) []uint64 {
	out := make([]uint64, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

func maps2Equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// The formats Glossa reads back bring the suggestions back with their
// links: Glossa JSON, which holds their provenance, as pending suggestions
// (none among the annotations); the others, which do not, as annotations.
func TestExportedSuggestionsImportBack(t *testing.T) {
	st, anns, pending, links := withSuggestions(t)
	dir := t.TempDir()
	for _, f := range []string{"json", "jsonl", "brat", "labelstudio", "doccano"} {
		t.Run(f, func(t *testing.T) {
			p := filepath.Join(dir, "export-"+f+"."+ext(f))
			if err := Export(context.Background(), st, f, p, ExportOptions{IncludeSuggestions: true}); err != nil {
				t.Fatal(err)
			}
			st2 := openTestStore(t)
			tot, err := ImportPaths(context.Background(), st2, []string{p}, nil)
			if err != nil || tot.Failed > 0 || tot.Documents != 2 {
				t.Fatalf("import: %+v, %v", tot, err)
			}
			var got, want struct{ anns, pending, links, suggested int }
			docs, _ := st2.Documents()
			for _, d := range docs {
				as, err := st2.Annotations(d.ID)
				if err != nil {
					t.Fatal(err)
				}
				ps, err := st2.Suggestions(d.ID)
				if err != nil {
					t.Fatal(err)
				}
				got.anns += len(as)
				got.pending += len(ps)
				for _, a := range append(as, ps...) {
					got.links += len(a.Links)
					if p := a.Provenance; p.Origin == annotation.OriginSuggested && p.Review == annotation.ReviewPending && p.Rule != "" && p.Confidence == 0.9 {
						got.suggested++
					}
				}
				if d.Pending != len(ps) {
					t.Errorf("document %d: summary says %d pending, the store holds %d", d.ID, d.Pending, len(ps))
				}
			}
			want.anns, want.pending, want.links, want.suggested = anns+pending, 0, links, 0
			if keeps := f == "json" || f == "jsonl"; keeps {
				want.anns, want.pending, want.suggested = anns, pending, pending
			}
			if got != want || tot.Annotations != want.anns || tot.Pending != want.pending {
				t.Errorf("annotations, pending, links, with a pending provenance: %+v (totals %d, %d); want %+v", got, tot.Annotations, tot.Pending, want)
			}
			if err := st2.Check(); err != nil {
				t.Error(err)
			}
		})
	}
}

// Glossa JSON writes a pending suggestion's provenance as the issue says,
// and matches its schema.
func TestGlossaJSONSuggestionProvenance(t *testing.T) {
	st, _, _, _ := withSuggestions(t)
	for _, format := range []string{"json", "jsonl"} {
		var buf strings.Builder
		if err := ExportTo(context.Background(), st, format, &buf, ExportOptions{IncludeSuggestions: true}); err != nil {
			t.Fatal(err)
		}
		it.ValidateGlossa(t, []byte(buf.String()), format == "jsonl")
		want := `"provenance":{"origin":"suggested","rule":"quote.double","confidence":0.9,"review":"pending"}`
		if got := strings.Count(strings.ReplaceAll(buf.String(), " ", ""), want); got != 2 {
			t.Errorf("%s: %d claims with %s; want 2", format, got, want)
		}
	}
}

// w3cItem is what the W3C test reads of an annotation.
type w3cItem struct {
	ID         string            `json:"id"`
	Motivation string            `json:"motivation"`
	Body       []json.RawMessage `json:"body"`
	Creator    struct{ Type, Name string }
}

// W3C writes every suggestion and every link, each link's body naming an
// annotation of the export, the rule as the software that made it, and
// passes the W3C's schemas.
func TestW3CSuggestions(t *testing.T) {
	st, anns, pending, links := withSuggestions(t)
	for _, lines := range []bool{false, true} {
		var buf strings.Builder
		if err := ExportTo(context.Background(), st, "w3c", &buf, ExportOptions{IncludeSuggestions: true, W3CLines: lines}); err != nil {
			t.Fatal(err)
		}
		checkW3C(t, []byte(buf.String()), lines)
		var items []w3cItem
		if lines {
			for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
				var item w3cItem
				if err := json.Unmarshal([]byte(l), &item); err != nil {
					t.Fatal(err)
				}
				items = append(items, item)
			}
		} else {
			var coll struct {
				First struct {
					Items []w3cItem `json:"items"`
				} `json:"first"`
			}
			if err := json.Unmarshal([]byte(buf.String()), &coll); err != nil {
				t.Fatal(err)
			}
			items = coll.First.Items
		}
		known := map[string]bool{}
		spans, rules := 0, 0
		for _, a := range items {
			if a.Motivation != "linking" {
				known[a.ID] = true
				spans++
				if a.Creator.Type == "Software" && a.Creator.Name != "" {
					rules++
				}
			}
		}
		linked := 0
		for _, a := range items {
			if a.Motivation != "linking" {
				continue
			}
			var target string
			if json.Unmarshal(a.Body[0], &target) != nil || !known[target] {
				t.Errorf("lines %v: link %s points to %s, which is not in the export", lines, a.ID, a.Body[0])
			}
			linked++
		}
		if spans != anns+pending || linked != links || rules != pending {
			t.Errorf("lines %v: %d annotations (%d by a rule), %d links; want %d (%d), %d", lines, spans, rules, linked, anns+pending, pending, links)
		}
	}
}

// brat writes every suggestion as a text-bound annotation and every link
// as a relation between two of them.
func TestBratSuggestions(t *testing.T) {
	st, anns, pending, links := withSuggestions(t)
	dir := filepath.Join(t.TempDir(), "brat")
	if err := Export(context.Background(), st, "brat", dir, ExportOptions{IncludeSuggestions: true}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.ann"))
	tb, rel := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var ts []string
		var rs [][2]string
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			fields := strings.Split(line, "\t")
			switch {
			case strings.HasPrefix(line, "T"):
				ts = append(ts, fields[0])
			case strings.HasPrefix(line, "R"):
				args := strings.Fields(fields[1]) // type Arg1:Tn Arg2:Tm
				rs = append(rs, [2]string{strings.TrimPrefix(args[1], "Arg1:"), strings.TrimPrefix(args[2], "Arg2:")})
			}
		}
		for _, r := range rs {
			if !slices.Contains(ts, r[0]) || !slices.Contains(ts, r[1]) {
				t.Errorf("%s: relation %v between annotations it lacks", filepath.Base(f), r)
			}
		}
		tb += len(ts)
		rel += len(rs)
	}
	if tb != anns+pending || rel != links {
		t.Errorf("%d text-bound annotations, %d relations; want %d, %d", tb, rel, anns+pending, links)
	}
}

// The formats that hold no provenance and are not read back still write
// well-formed files with the suggestions: CSV rows of one width with the
// pending claims, CoNLL lines of a token and a tag with the pending date.
func TestWriteOnlyFormatsWithSuggestions(t *testing.T) {
	st, _, _, _ := withSuggestions(t)
	var csvOut strings.Builder
	if err := ExportTo(context.Background(), st, "csv", &csvOut, ExportOptions{IncludeSuggestions: true}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(csvOut.String())).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	claims := 0
	for _, r := range rows[1:] {
		if slices.Contains(r, "Wages will follow,") || slices.Contains(r, "Prices will fall by spring,") {
			claims++
		}
	}
	if claims != 2 {
		t.Errorf("csv: %d rows with a pending claim; want 2\n%s", claims, csvOut.String())
	}

	var conll strings.Builder
	if err := ExportTo(context.Background(), st, "conll", &conll, ExportOptions{IncludeSuggestions: true}); err != nil {
		t.Fatal(err)
	}
	dates := 0
	sc := bufio.NewScanner(strings.NewReader(conll.String()))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "-DOCSTART-") || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 2 {
			t.Fatalf("conll: line %q has no tag", line)
		}
		if f[0] == "Monday" && f[len(f)-1] == "B-Date" {
			dates++
		}
	}
	if dates != 1 {
		t.Errorf("conll: %d pending dates tagged; want 1\n%s", dates, conll.String())
	}
}

func TestMergeByStart(t *testing.T) {
	at := func(id uint64, start int) annotation.Annotation {
		return annotation.Annotation{ID: id, Spans: []annotation.Span{{Start: start, End: start + 1}}}
	}
	for _, tc := range []struct {
		a, b []annotation.Annotation
		want []uint64
	}{
		{nil, nil, []uint64{}},
		{[]annotation.Annotation{at(1, 0), at(2, 5)}, nil, []uint64{1, 2}},
		{nil, []annotation.Annotation{at(7, 3)}, []uint64{7}},
		{[]annotation.Annotation{at(1, 0), at(2, 5), at(9, 5)}, []annotation.Annotation{at(7, 3), at(8, 5), at(10, 9)}, []uint64{1, 7, 2, 8, 9, 10}},
	} {
		if got := ids(mergeByStart(nil, tc.a, tc.b)); !slices.Equal(got, tc.want) {
			t.Errorf("merge %v and %v: got %v, want %v", ids(tc.a), ids(tc.b), got, tc.want)
		}
	}
}
