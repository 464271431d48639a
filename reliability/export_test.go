package reliability

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"glossa/annotation"
	"glossa/formats/glossajson"
	"glossa/storage"
)

// countDataset decodes a Glossa JSON dataset and counts its documents.
func countDataset(data []byte) (int, error) {
	n := 0
	err := glossajson.DecodeDataset(bytes.NewReader(data), nil, func(annotation.Bundle) error { n++; return nil })
	return n, err
}

// exportOnce runs glossa export to out and returns how long it took.
func exportOnce(t *testing.T, bin, db, out string) time.Duration {
	t.Helper()
	start := time.Now()
	if b, err := exec.Command(bin, "export", "--db", db, "--format", "json", "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("glossa export: %v\n%s", err, b)
	}
	return time.Since(start)
}

// TestExportKilled is case 5: glossa export -o FILE killed (SIGKILL) at a
// random moment leaves at FILE either the old complete export or the new
// complete one, each a valid dataset, never a partial file. 20 rounds, 100
// with GLOSSA_LONG=1.
func TestExportKilled(t *testing.T) {
	bin := needBinary(t)
	r := newRand(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "project.glossa")
	buildProject(t, r, db, 150, 20)
	out := filepath.Join(dir, "export.json")
	exportOnce(t, bin, db, out)
	old, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	oldDocs, err := countDataset(old)
	if err != nil {
		t.Fatalf("the first export is not a valid dataset: %v", err)
	}
	s, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		if _, err := s.AddDocument(annotation.Document{Title: "New", Text: article(r, 2000, fmt.Sprintf("new-%d", i))}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	full := exportOnce(t, bin, db, filepath.Join(dir, "timing.json"))
	newBytes, _ := os.ReadFile(filepath.Join(dir, "timing.json"))
	t.Logf("a whole export takes %v and writes %d bytes", full.Round(time.Millisecond), len(newBytes))

	rounds := pick(20, 100)
	outcomes := map[string]int{}
	for round := 0; round < rounds; round++ {
		if err := os.WriteFile(out, old, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "export", "--db", db, "--format", "json", "-o", out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wait := time.Duration(r.Int64N(int64(full) * 12 / 10))
		time.Sleep(wait)
		cmd.Process.Kill()
		cmd.Wait()
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatalf("round %d (killed after %v): %v", round, wait, err)
		}
		n, err := countDataset(got)
		switch {
		case err != nil:
			t.Fatalf("round %d (killed after %v): %s is not a valid dataset: %v; kept in %s", round, wait, out, err, saveFailed(t, "export.json", got))
		case bytes.Equal(got, old):
			outcomes["old file"]++
		case n == oldDocs+20:
			outcomes["new file"]++
		default:
			t.Fatalf("round %d: %d documents; want %d (old) or %d (new)", round, n, oldDocs, oldDocs+20)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".export.json.tmp-*"))
	t.Logf("%d kills: %d left the old file, %d the new one, 0 partial; %d temporary files left behind (hidden, ignored by Glossa)",
		rounds, outcomes["old file"], outcomes["new file"], len(leftovers))
}
