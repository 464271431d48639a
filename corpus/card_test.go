package corpus

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"glossa/formats/card"
)

// TestExportWithCard checks where --with-card puts the card of each kind
// of export, and that the card describes the project exported.
func TestExportWithCard(t *testing.T) {
	st := openTestStore(t)
	doc := seed(t, st)
	dir := t.TempDir()
	readme := "# my dataset\n"
	tests := []struct {
		format, out, card string
	}{
		{"json", "data.json", "data.json.card.md"},
		{"csv", "claims.csv", "claims.csv.card.md"},
		{"brat", "brat", "brat/" + card.FileName},
		{"folder", "dataset", "dataset/" + card.FileName},
	}
	for _, tt := range tests {
		out := filepath.Join(dir, tt.out)
		if tt.format == "folder" {
			// A user's README.md in the dataset folder stays as it was.
			os.MkdirAll(out, 0o755)
			os.WriteFile(filepath.Join(out, "README.md"), []byte(readme), 0o644)
		}
		// Twice: a second export replaces the card of the first.
		for range 2 {
			if err := Export(context.Background(), st, tt.format, out, ExportOptions{WithCard: true}); err != nil {
				t.Fatalf("%s: %v", tt.format, err)
			}
		}
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(tt.card)))
		if err != nil {
			t.Fatalf("%s: no card: %v", tt.format, err)
		}
		cardHas(t, tt.format, string(got), doc.SHA256)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "dataset", "README.md")); string(got) != readme {
		t.Errorf("the folder export changed the user's README.md: %q", got)
	}
}

func cardHas(t *testing.T, format, got, sha string) {
	t.Helper()
	for _, want := range []string{card.Marker, "| Claim | 1 |", "| Source | 1 |", "| 1 | Rates |", sha} {
		if !strings.Contains(got, want) {
			t.Errorf("%s: the card lacks %q:\n%s", format, want, got)
		}
	}
}

func TestExportWithCardZip(t *testing.T) {
	st := openTestStore(t)
	doc := seed(t, st)
	out := filepath.Join(t.TempDir(), "brat.zip")
	if err := Export(context.Background(), st, "brat", out, ExportOptions{WithCard: true}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open(card.FileName)
	if err != nil {
		t.Fatalf("the zip holds no card: %v", err)
	}
	defer f.Close()
	got, _ := io.ReadAll(f)
	cardHas(t, "brat zip", string(got), doc.SHA256)
}

func TestExportWithCardRefused(t *testing.T) {
	st := openTestStore(t)
	seed(t, st)
	dir := t.TempDir()
	if err := Export(context.Background(), st, "card", filepath.Join(dir, "README.md"), ExportOptions{WithCard: true}); err == nil || !strings.Contains(err.Error(), "without --with-card") {
		t.Errorf("a card with a card: %v, want a refusal", err)
	}
	if err := ExportTo(context.Background(), st, "json", io.Discard, ExportOptions{WithCard: true}); err == nil || !strings.Contains(err.Error(), "-o FILE") {
		t.Errorf("a card beside standard output: %v, want a refusal", err)
	}
	// Without the card asked for, a card in a brat folder is not the
	// export's: the folder is not replaced.
	out := filepath.Join(dir, "brat")
	if err := Export(context.Background(), st, "brat", out, ExportOptions{WithCard: true}); err != nil {
		t.Fatal(err)
	}
	if err := Export(context.Background(), st, "brat", out, ExportOptions{}); err == nil || !strings.Contains(err.Error(), card.FileName) {
		t.Errorf("a brat export over a folder with a card, without --with-card: %v, want a refusal naming %s", err, card.FileName)
	}
}
