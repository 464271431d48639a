package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/formats/card"
	"glossa/storage"
)

// TestExportCard: --format card writes the card to -o, --with-card
// writes it beside another export, and a card beside a card is refused.
func TestExportCard(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.glossa")
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := st.AddDocument(annotation.Document{Title: "Rates | `hikes`", Outlet: "Daily", Published: "2025-01-02", Text: "Rates will rise, the governor said."})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	readme := filepath.Join(dir, "README.md")
	if r := run(t, dir, "export", "--db", db, "--format", "card", "-o", readme); r.code != 0 {
		t.Fatalf("export --format card: %d %s", r.code, r.stderr)
	}
	got, _ := os.ReadFile(readme)
	for _, want := range []string{card.Marker, "| 1 | Rates \\| \\`hikes\\` | Daily | 2025-01-02 | `" + doc.SHA256 + "` |", "- Published: 2025-01-02", "| new | 1 |"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("README.md lacks %q:\n%s", want, got)
		}
	}

	out := filepath.Join(dir, "data.jsonl")
	if r := run(t, dir, "export", "--db", db, "--format", "jsonl", "--with-card", "-o", out); r.code != 0 {
		t.Fatalf("export --with-card: %d %s", r.code, r.stderr)
	}
	beside, err := os.ReadFile(out + ".card.md")
	if err != nil {
		t.Fatalf("no card beside the export: %v", err)
	}
	if string(beside) != string(got) {
		t.Errorf("the card beside the export differs from the card exported alone:\n%s\nvs\n%s", beside, got)
	}

	if r := run(t, dir, "export", "--db", db, "--format", "card", "--with-card", "-o", readme); r.code == 0 || !strings.Contains(r.stderr, "without --with-card") {
		t.Errorf("card --with-card: %d %q, want a refusal", r.code, r.stderr)
	}
	if r := run(t, dir, "export", "--db", db, "--format", "json", "--with-card"); r.code == 0 || !strings.Contains(r.stderr, "-o FILE") {
		t.Errorf("--with-card to standard output: %d %q, want a refusal", r.code, r.stderr)
	}
}
