package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// glossa export --format dot|graphml writes the who-said-what graph of the
// project (here the suggester's claims and sources of the sample article,
// exported with --include-suggestions), and its filters narrow it.
func TestExportGraph(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.glossa")
	sample, err := os.ReadFile(filepath.Join("..", "assets", "sample.md"))
	if err != nil {
		t.Fatal(err)
	}
	article := writeFile(t, dir, "sample.md", string(sample))
	for _, args := range [][]string{{"import", "--db", db, article}, {"suggest", "--db", db, "--all"}} {
		if r := run(t, dir, args...); r.code != 0 {
			t.Fatalf("%s: code %d, stderr %q", args[0], r.code, r.stderr)
		}
	}
	count := func(args ...string) (nodes int) {
		t.Helper()
		r := run(t, dir, append([]string{"export", "--db", db, "--format", "dot", "--include-suggestions"}, args...)...)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "digraph whosaid {") {
			t.Fatalf("export dot %q: code %d, stderr %q, stdout %.200q", args, r.code, r.stderr, r.stdout)
		}
		for _, l := range strings.Split(r.stdout, "\n") {
			if strings.HasPrefix(l, `  "`) && !strings.Contains(l, " -> ") {
				nodes++
			}
		}
		return nodes
	}
	all := count()
	if all < 10 {
		t.Errorf("%d nodes in the sample's graph; want the suggester's sources and entities (more than 10)", all)
	}
	if some := count("--min-count", "2"); some == 0 || some >= all {
		t.Errorf("--min-count 2 keeps %d of %d nodes; want fewer, not none", some, all)
	}
	if none := count("--outlets", "No Such Outlet"); none != 0 {
		t.Errorf("--outlets of no article: %d nodes; want 0", none)
	}
	if r := run(t, dir, "export", "--db", db, "--format", "dot", "--from", "1 June"); r.code == 0 || !strings.Contains(r.stderr, "YYYY-MM-DD") {
		t.Errorf("--from '1 June': code %d, stderr %q; want a usage error naming YYYY-MM-DD", r.code, r.stderr)
	}
	out := filepath.Join(dir, "graph.graphml")
	if r := run(t, dir, "export", "--db", db, "--format", "graphml", "--include-suggestions", "-o", out); r.code != 0 {
		t.Fatalf("export graphml: code %d, stderr %q", r.code, r.stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.Contains(string(b), "<graphml") || strings.Count(string(b), "<node ") != all {
		t.Errorf("graph.graphml: %v, %d nodes; want %d", err, strings.Count(string(b), "<node "), all)
	}
}
