package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"glossa/storage"
)

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, home string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errb, Version: "9.9.9", DefaultPath: func() (string, error) {
		return filepath.Join(home, "default.glossa"), nil
	}}
	code := Run(context.Background(), env, args)
	return result{code, out.String(), errb.String()}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestVersionAndHelp(t *testing.T) {
	home := t.TempDir()
	for _, args := range [][]string{{"--version"}, {"version"}, {"-v"}} {
		if r := run(t, home, args...); r.code != 0 || r.stdout != "glossa 9.9.9\n" {
			t.Errorf("%v: code %d, stdout %q; want 0, %q", args, r.code, r.stdout, "glossa 9.9.9\n")
		}
	}
	r := run(t, home, "help")
	if r.code != 0 || !strings.Contains(r.stdout, filepath.Join(home, "default.glossa")) || !strings.Contains(r.stdout, "glossa export") {
		t.Errorf("help: code %d, stdout %q; want the commands and the default file", r.code, r.stdout)
	}
}

func TestUnknownCommandIsAUsageError(t *testing.T) {
	r := run(t, t.TempDir(), "frobnicate")
	if r.code != 2 || !strings.Contains(r.stderr, "not a command") {
		t.Errorf("code %d, stderr %q; want 2 and 'not a command'", r.code, r.stderr)
	}
}

func TestIsCommand(t *testing.T) {
	tests := []struct {
		args []string
		want bool
	}{
		{nil, false},
		{[]string{"--db", "x.glossa"}, false},
		{[]string{"--db=x.glossa"}, false},
		{[]string{"import", "a.txt"}, true},
		{[]string{"--db", "x", "export"}, true},
		{[]string{"--version"}, true},
		{[]string{"bogus"}, true},
	}
	for _, tt := range tests {
		if got := IsCommand(tt.args); got != tt.want {
			t.Errorf("IsCommand(%q) = %v; want %v", tt.args, got, tt.want)
		}
	}
	if got := GUIPath([]string{"--db", "p.glossa"}); got != "p.glossa" {
		t.Errorf("GUIPath = %q; want p.glossa", got)
	}
}

func TestImportExportCheckStats(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.glossa")
	a := writeFile(t, dir, "in/a.txt", "Minister quits\n\nThe minister said 😀 \"I quit.\"\n")
	writeFile(t, dir, "in/sub/b.md", "# Rain in Lyon\n\nIt *rained* all day, said Météo-France.\n")
	writeFile(t, dir, "in/notes.bin", "\x00\x01")

	r := run(t, dir, "import", "--db", db, filepath.Join(dir, "in"))
	if r.code != 0 {
		t.Fatalf("import: code %d, stderr %q", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 || !regexp.MustCompile(`a\.txt\tdocument \d+`).MatchString(lines[0]) {
		t.Fatalf("import printed %q; want one line per document, a.txt first", r.stdout)
	}

	r = run(t, dir, "--db", db, "import", a)
	if r.code != 0 || !strings.Contains(r.stdout, "duplicate of document") {
		t.Errorf("re-import: code %d, stdout %q; want a duplicate report", r.code, r.stdout)
	}

	r = run(t, dir, "export", "--db", db, "--format", "json")
	if r.code != 0 {
		t.Fatalf("export: code %d, stderr %q", r.code, r.stderr)
	}
	var ds struct {
		Format    string `json:"format"`
		Offsets   string `json:"offsets"`
		Documents []struct {
			Title string `json:"title"`
			Text  string `json:"text"`
		} `json:"documents"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &ds); err != nil {
		t.Fatalf("export is not JSON: %v\n%s", err, r.stdout)
	}
	if ds.Format != "glossa" || ds.Offsets != "codepoint" || len(ds.Documents) != 2 || ds.Documents[0].Title != "Minister quits" {
		t.Errorf("export = %+v; want 2 glossa documents, the first titled 'Minister quits'", ds)
	}

	out := filepath.Join(dir, "out.jsonl")
	if r = run(t, dir, "export", "--db", db, "--format", "jsonl", "-o", out); r.code != 0 {
		t.Fatalf("export -o: code %d, stderr %q", r.code, r.stderr)
	}
	if b, err := os.ReadFile(out); err != nil || bytes.Count(b, []byte("\n")) != 3 {
		t.Errorf("jsonl export: %v, %d lines; want a header and 2 documents", err, bytes.Count(b, []byte("\n")))
	}

	if r = run(t, dir, "check", "--db", db); r.code != 0 || !strings.Contains(r.stdout, "ok") {
		t.Errorf("check: code %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if r = run(t, dir, "stats", "--db", db); r.code != 0 || !regexp.MustCompile(`documents\s+2`).MatchString(r.stdout) {
		t.Errorf("stats: code %d, stdout %q", r.code, r.stdout)
	}

	// Into a new file, the dataset comes back whole.
	db2 := filepath.Join(dir, "copy.glossa")
	if r = run(t, dir, "import", "--db", db2, out); r.code != 0 {
		t.Fatalf("import jsonl: code %d, stderr %q", r.code, r.stderr)
	}
	out2 := filepath.Join(dir, "out2.jsonl")
	run(t, dir, "export", "--db", db2, "--format", "jsonl", "-o", out2)
	b1, _ := os.ReadFile(out)
	b2, _ := os.ReadFile(out2)
	if !bytes.Equal(b1, b2) {
		t.Errorf("export -> import -> export changed the dataset:\n%s\n---\n%s", b1, b2)
	}
}

func TestImportReportsBadFilesAndGoesOn(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.glossa")
	good := writeFile(t, dir, "good.txt", "A fine article.\n")
	png := writeFile(t, dir, "fake.txt", "\x89PNG\r\n\x1a\nxxxx")
	r := run(t, dir, "import", "--db", db, png, good, filepath.Join(dir, "missing.txt"))
	if r.code != 1 {
		t.Errorf("code %d; want 1 when some files failed", r.code)
	}
	if !strings.Contains(r.stdout, "good.txt\tdocument") {
		t.Errorf("stdout %q; want good.txt imported", r.stdout)
	}
	if !strings.Contains(r.stderr, "fake.txt") || !strings.Contains(r.stderr, "missing.txt") {
		t.Errorf("stderr %q; want both failures named", r.stderr)
	}
}

func TestReadOnlyCommandsOnMissingFile(t *testing.T) {
	dir := t.TempDir()
	for _, cmd := range []string{"export", "check", "stats", "backup"} {
		r := run(t, dir, cmd, "--db", filepath.Join(dir, "nope.glossa"))
		if r.code != 1 || !strings.Contains(r.stderr, "no project file") {
			t.Errorf("%s: code %d, stderr %q; want 1 and 'no project file'", cmd, r.code, r.stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "nope.glossa")); err == nil {
			t.Errorf("%s created the missing file", cmd)
		}
	}
}

func TestCommandOnLockedFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.glossa")
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r := run(t, dir, "import", "--db", db, writeFile(t, dir, "a.txt", "text\n"))
	if r.code != 1 || !strings.Contains(r.stderr, "open in another Glossa window") || strings.Contains(r.stderr, ": timeout") {
		t.Errorf("code %d, stderr %q; want the 'open in another Glossa window' sentence", r.code, r.stderr)
	}
}

func TestBackup(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.glossa")
	run(t, dir, "import", "--db", db, writeFile(t, dir, "a.txt", "text\n"))
	out := filepath.Join(dir, "b.glossa")
	if r := run(t, dir, "backup", "--db", db, "-o", out); r.code != 0 {
		t.Fatalf("backup: code %d, stderr %q", r.code, r.stderr)
	}
	if r := run(t, dir, "check", "--db", out); r.code != 0 {
		t.Errorf("check of the backup: code %d, stderr %q", r.code, r.stderr)
	}
	if r := run(t, dir, "backup", "--db", db, "-o", out); r.code != 1 || !strings.Contains(r.stderr, "exists already") {
		t.Errorf("backup over an existing file: code %d, stderr %q", r.code, r.stderr)
	}
}

// The import's summary counts in words a person reads: "1 document", not
// "1 documents".
func TestImportSummaryWords(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.txt", "Minister quits\n\nThe minister said \"I quit.\"\n")
	r := run(t, dir, "import", "--db", filepath.Join(dir, "p.glossa"), a)
	if want := "imported 1 document, 0 annotations; 0 duplicates skipped; 0 files failed\n"; r.code != 0 || !strings.HasSuffix(r.stderr, want) {
		t.Errorf("import said %q (code %d); want it to end %q", r.stderr, r.code, want)
	}
}
