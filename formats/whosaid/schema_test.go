package whosaid

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGraphMLSchema validates the GraphML Glossa writes against GraphML's
// XML schema (testdata/graphml-xsd, NOTICE.md says whence) with xmllint:
// the fixture's graph, and the graph whose ids and labels need every
// kind of quoting.
func TestGraphMLSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint is not installed (Debian: libxml2-utils)")
	}
	schema, err := filepath.Abs(filepath.Join("testdata", "graphml-xsd", "graphml.xsd"))
	if err != nil {
		t.Fatal(err)
	}
	cyrillic := Graph{Nodes: []Node{{ID: "text:мария захарова", Label: "Мария Захарова", Kind: KindSource, Count: 1},
		{ID: "text:東京 (tokyo)", Label: "東京", Kind: KindTerm, Count: 1}}}.WithEdges(
		[]Edge{{From: 0, To: 1, Relation: QuotedAbout, Weight: 1}})
	for name, doc := range map[string][]byte{"fixture": export(t, NewGraphML), "nasty": graphmlOf(t, nasty), "scripts": graphmlOf(t, cyrillic)} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name+".graphml")
			if err := os.WriteFile(path, doc, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", schema, path).CombinedOutput()
			if err != nil || !strings.Contains(string(out), "validates") {
				t.Errorf("xmllint: %v\n%s", err, out)
			}
		})
	}
}

func TestGraphMLID(t *testing.T) {
	for _, c := range []struct{ id, want string }{
		{"entity:12", "entity:12"},
		{"text:a source", "text:a_20_source"},
		{"text:a_b", "text:a_5f_b"},
		{`text:say "no" \ <now>`, "text:say_20__22_no_22__20__5c__20__3c_now_3e_"},
		{"text:мария", "text:мария"},
		{"text:東京", "text:東京"},
		{"text:emoji 🙂", "text:emoji_20__1f642_"},
	} {
		if got := GraphMLID(c.id); got != c.want {
			t.Errorf("GraphMLID(%q) = %q; want %q", c.id, got, c.want)
		}
	}
}
