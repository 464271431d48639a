package cli

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/storage"
)

// annotateAll tags the first word of every article of the project at db as
// a Claim by author.
func annotateAll(t *testing.T, db, author string) {
	t.Helper()
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	docs, err := st.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range docs {
		d, err := st.Document(s.ID)
		if err != nil {
			t.Fatal(err)
		}
		o := annotation.NewOffsets(d.Text)
		sp, err := annotation.NewSpan(o, 0, len([]rune(strings.Fields(d.Text)[0])))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Apply(d.ID, []annotation.Annotation{{DocID: d.ID, Label: "Claim", Spans: []annotation.Span{sp}, Author: author}}, nil); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMerge(t *testing.T) {
	dir := t.TempDir()
	lead, ana := filepath.Join(dir, "lead.glossa"), filepath.Join(dir, "ana.glossa")
	a := writeFile(t, dir, "a.txt", "Minister quits\n\nThe minister said \"I quit.\"\n")
	b := writeFile(t, dir, "b.txt", "Rain in Lyon\n\nIt rained all day, said Météo-France.\n")
	for _, r := range []result{run(t, dir, "import", "--db", lead, a), run(t, dir, "import", "--db", ana, a, b)} {
		if r.code != 0 {
			t.Fatalf("import: code %d, stderr %q", r.code, r.stderr)
		}
	}
	annotateAll(t, ana, "ana")
	file := filepath.Join(dir, "ana.jsonl")
	if r := run(t, dir, "export", "--db", ana, "--format", "jsonl", "-o", file); r.code != 0 {
		t.Fatalf("export: code %d, stderr %q", r.code, r.stderr)
	}

	r := run(t, dir, "merge", "--db", lead, file)
	if r.code != 0 {
		t.Fatalf("merge: code %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	want := []*regexp.Regexp{
		regexp.MustCompile(`^document 1\t"Minister quits"\tana\t1 annotation\tnew$`),
		regexp.MustCompile(`^document 2\t"Rain in Lyon"\tana\t1 annotation\tnew, article added to the project$`),
		regexp.MustCompile(`ana\.jsonl: 2 articles read, 1 added to the project, 0 not merged; layers: 2 new, 0 replaced, 0 unchanged; 2 annotations merged; 0 conflicts; 0 failed$`),
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != len(want) {
		t.Fatalf("merge printed %q; want %d lines", r.stdout, len(want))
	}
	for i, re := range want {
		if !re.MatchString(lines[i]) {
			t.Errorf("line %d = %q; want it to match %s", i+1, lines[i], re)
		}
	}

	// Again: nothing changes, and the project file itself as OTHER, with
	// flags after it, gives the same layers.
	for _, args := range [][]string{{"merge", "--db", lead, file}, {"merge", ana, "--db", lead, "--as", "someone"}} {
		r = run(t, dir, args...)
		if r.code != 0 || strings.Count(r.stdout, "\tunchanged\n") != 2 || strings.Contains(r.stdout, "\tnew") {
			t.Errorf("%q: code %d, stdout %q, stderr %q; want 2 layers unchanged", args, r.code, r.stdout, r.stderr)
		}
	}

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"merge", "--db", lead}, 2, "name at least one"},
		{[]string{"merge", "--db", lead, "--as", "#curated", file}, 2, "starts with '#'"},
		{[]string{"merge", "--db", lead, filepath.Join(dir, "missing.json")}, 1, "missing.json"},
		{[]string{"merge", "--db", lead, a}, 1, "an article without annotations"},
		{[]string{"merge", "--db", lead, lead}, 1, "open project itself"},
	} {
		r := run(t, dir, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%q: code %d, stderr %q; want %d and %q", tc.args, r.code, r.stderr, tc.code, tc.want)
		}
	}
}
