package whosaid

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"glossa/formats/dataset"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// export runs the fixture through a format's writer, as glossa export does.
func export(t *testing.T, newWriter func(dataset.Output, Options) *Writer) []byte {
	t.Helper()
	labels, entities, bundles := fixture()
	var buf bytes.Buffer
	w := newWriter(dataset.SingleOutput(&buf), Options{})
	if err := w.Begin(dataset.Header{Project: "fixture", Labels: labels, Entities: entities}); err != nil {
		t.Fatal(err)
	}
	for _, b := range bundles {
		if err := w.Bundle(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.End(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", name, got)
	}
}

// nasty is a graph whose labels and ids need every kind of quoting.
var nasty = Graph{Project: `a "b" <c> & d\`, Articles: 1, Nodes: []Node{
	{ID: `text:say "no" \ <now> & then`, Label: "say \"no\" \\ <now> & then\nline two", Kind: KindSource, SourceType: "anonymous", Quoted: 1, Mentioned: 1, Count: 2},
	{ID: "entity:7", Label: "Ö'Brien -> {x}; [y]", Kind: KindEntity, Mentioned: 1, Count: 1},
}}.WithEdges([]Edge{
	{From: 0, To: 1, Relation: QuotedAbout, Weight: 1},
	{From: 1, To: 0, Relation: CoOccurrence, Weight: 1},
})

func TestGraphMLGoldenAndReadBack(t *testing.T) {
	got := export(t, NewGraphML)
	golden(t, "fixture.graphml", got)
	for name, doc := range map[string][]byte{"fixture": got, "nasty": graphmlOf(t, nasty)} {
		t.Run(name, func(t *testing.T) {
			nodes, edges, labels := readGraphML(t, doc)
			want := build(Options{})
			if name == "nasty" {
				want = nasty
			}
			if len(nodes) != len(want.Nodes) || edges != want.NumEdges() {
				t.Errorf("read back %d nodes, %d edges; want %d, %d", len(nodes), edges, len(want.Nodes), want.NumEdges())
			}
			for _, n := range want.Nodes {
				if labels[GraphMLID(n.ID)] != n.Label {
					t.Errorf("node %q: label %q; want %q", n.ID, labels[GraphMLID(n.ID)], n.Label)
				}
			}
		})
	}
}

func graphmlOf(t *testing.T, g Graph) []byte {
	var buf bytes.Buffer
	if err := WriteGraphML(&buf, g); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readGraphML walks a GraphML document with encoding/xml as a second
// reader: it checks the structure GraphML's schema asks for (graphml in
// its namespace; keys, with for and attr.type, before the graph; a graph
// with edgedefault; nodes with unique ids; edges whose source and target
// are nodes; data whose key is declared for that element) and returns the
// nodes' labels, the number of edges and the labels by id.
func readGraphML(t *testing.T, doc []byte) (nodes map[string]bool, edges int, labels map[string]string) {
	t.Helper()
	nodes, labels = map[string]bool{}, map[string]string{}
	keys := map[string]string{} // id -> for
	type edge struct{ source, target string }
	var pending []edge
	var path []string
	var node, dataKey string
	var text strings.Builder
	dec := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Space != graphmlNS {
				t.Errorf("<%s> in namespace %q; want %q", el.Name.Local, el.Name.Space, graphmlNS)
			}
			attr := map[string]string{}
			for _, a := range el.Attr {
				attr[a.Name.Local] = a.Value
			}
			parent := ""
			if len(path) > 0 {
				parent = path[len(path)-1]
			}
			path = append(path, el.Name.Local)
			switch el.Name.Local {
			case "graphml":
				if parent != "" {
					t.Errorf("graphml inside %s", parent)
				}
			case "key":
				if parent != "graphml" || len(nodes) > 0 {
					t.Errorf("key %q not before the graph", attr["id"])
				}
				switch attr["attr.type"] {
				case "boolean", "int", "long", "float", "double", "string":
				default:
					t.Errorf("key %q: attr.type %q", attr["id"], attr["attr.type"])
				}
				keys[attr["id"]] = attr["for"]
			case "graph":
				if attr["edgedefault"] != "directed" && attr["edgedefault"] != "undirected" {
					t.Errorf("graph without edgedefault")
				}
			case "node":
				node = attr["id"]
				if nodes[node] || parent != "graph" {
					t.Errorf("node %q twice or outside the graph", node)
				}
				nodes[node] = true
			case "edge":
				node = ""
				edges++
				pending = append(pending, edge{attr["source"], attr["target"]})
				if d := attr["directed"]; d != "" && d != "true" && d != "false" {
					t.Errorf("edge directed=%q", d)
				}
			case "data":
				dataKey = attr["key"]
				if f, ok := keys[dataKey]; !ok || (f != parent && f != "all") {
					t.Errorf("data key %q in <%s> not declared for it (for=%q)", dataKey, parent, f)
				}
				text.Reset()
			case "desc":
			default:
				t.Errorf("unexpected element <%s>", el.Name.Local)
			}
		case xml.CharData:
			text.Write(el)
		case xml.EndElement:
			path = path[:len(path)-1]
			if el.Name.Local == "data" && dataKey == "label" && node != "" {
				labels[node] = text.String()
			}
		}
	}
	for _, e := range pending {
		if !nodes[e.source] || !nodes[e.target] {
			t.Errorf("edge %q -> %q: an endpoint is not a node", e.source, e.target)
		}
	}
	return nodes, edges, labels
}

// dotNode and dotEdge match the lines WriteDOT writes: a quoted id (or two)
// and the attribute list.
var (
	dotString = `"(?:[^"\\]|\\.)*"`
	dotNode   = regexp.MustCompile(`^  (` + dotString + `) \[label=(` + dotString + `), .*count=(\d+)`)
	dotEdge   = regexp.MustCompile(`^  (` + dotString + `) -> (` + dotString + `) \[relation=(` + dotString + `), weight=(\d+)`)
)

// unquoteDOT reads a DOT string back: \" is a quote, \\ a backslash, \n
// (as WriteDOT writes a line break) a line break.
func unquoteDOT(s string) string {
	s = s[1 : len(s)-1]
	return strings.NewReplacer(`\\`, `\`, `\"`, `"`, `\n`, "\n").Replace(s)
}

func TestDOTGoldenAndParse(t *testing.T) {
	got := export(t, NewDOT)
	golden(t, "fixture.dot", got)
	var nastyDOT bytes.Buffer
	if err := WriteDOT(&nastyDOT, nasty); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		doc  []byte
		want Graph
	}{"fixture": {got, build(Options{})}, "nasty": {nastyDOT.Bytes(), nasty}} {
		t.Run(name, func(t *testing.T) {
			lines := strings.Split(strings.TrimSuffix(string(tc.doc), "\n"), "\n")
			if lines[0] != "digraph whosaid {" || lines[len(lines)-1] != "}" {
				t.Errorf("not one digraph: first %q, last %q", lines[0], lines[len(lines)-1])
			}
			var nodes []Node
			type parsedEdge struct {
				from, to, relation string
				weight             int
			}
			var edges []parsedEdge
			for _, l := range lines[1 : len(lines)-1] {
				if m := dotEdge.FindStringSubmatch(l); m != nil {
					w, _ := strconv.Atoi(m[4])
					edges = append(edges, parsedEdge{unquoteDOT(m[1]), unquoteDOT(m[2]), unquoteDOT(m[3]), w})
				} else if m := dotNode.FindStringSubmatch(l); m != nil {
					c, _ := strconv.Atoi(m[3])
					nodes = append(nodes, Node{ID: unquoteDOT(m[1]), Label: unquoteDOT(m[2]), Count: c})
				} else if !strings.HasPrefix(l, "  label=") && !strings.HasPrefix(l, "  node [") {
					t.Errorf("line not understood: %q", l)
				}
			}
			if len(nodes) != len(tc.want.Nodes) || len(edges) != tc.want.NumEdges() {
				t.Fatalf("parsed %d nodes, %d edges; want %d, %d", len(nodes), len(edges), len(tc.want.Nodes), tc.want.NumEdges())
			}
			for i, n := range tc.want.Nodes {
				if nodes[i].ID != n.ID || nodes[i].Label != n.Label || nodes[i].Count != n.Count {
					t.Errorf("node %d: %+v; want id %q label %q count %d", i, nodes[i], n.ID, n.Label, n.Count)
				}
			}
			for i, e := range tc.want.Edges() {
				want := parsedEdge{tc.want.Nodes[e.From].ID, tc.want.Nodes[e.To].ID, e.Relation.String(), int(e.Weight)}
				if edges[i] != want {
					t.Errorf("edge %d: %+v; want %+v", i, edges[i], want)
				}
			}
			checkWithGraphviz(t, tc.doc, name == "fixture", tc.want)
		})
	}
}

// checkWithGraphviz renders doc with dot -Tsvg when Graphviz is installed,
// without a warning; with labels, each node's label is drawn.
func checkWithGraphviz(t *testing.T, doc []byte, labels bool, g Graph) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Log("Graphviz's dot is not installed: the DOT file is checked by the parse above only")
		return
	}
	cmd := exec.Command(dot, "-Tsvg")
	cmd.Stdin = bytes.NewReader(doc)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 || !bytes.Contains(out, []byte("<svg")) {
		t.Errorf("dot -Tsvg: %v\n%s", err, stderr.String())
	}
	for _, n := range g.Nodes {
		if labels && !bytes.Contains(out, []byte(">"+esc(n.Label)+"<")) {
			t.Errorf("dot -Tsvg draws no label %q", n.Label)
		}
	}
}
