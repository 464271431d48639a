package whosaid

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// GraphML's namespace and schema.
const (
	graphmlNS     = "http://graphml.graphdrawing.org/xmlns"
	graphmlSchema = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
)

// graphmlKeys are the attributes declared before the graph: id, for,
// name, type.
var graphmlKeys = [][4]string{
	{"label", "node", "label", "string"},
	{"kind", "node", "kind", "string"},
	{"source_type", "node", "source_type", "string"},
	{"count", "node", "count", "int"},
	{"quoted", "node", "quoted", "int"},
	{"mentioned", "node", "mentioned", "int"},
	{"relation", "edge", "relation", "string"},
	{"weight", "edge", "weight", "double"},
}

// esc is s escaped for XML text and attribute values; characters XML
// cannot hold become U+FFFD.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// GraphMLID is a node's id as GraphML writes it. GraphML's schema types
// ids as XML name tokens (letters, digits, '.', '-', '_', ':'; no space),
// so every other character of id, and '_' itself, is written as '_', its
// code point in hexadecimal and '_' again ("text:a source" is
// "text:a_20_source"): one id, one token, read back by a person.
func GraphMLID(id string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == ':':
			b.WriteRune(r)
		case r >= 0xC0 && r < 0xD7A4 && unicode.IsLetter(r) && r != 0xD7 && r != 0xF7:
			// letters of the other scripts of the Basic Multilingual
			// Plane, which XML 1.0 counts as name characters
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "_%x_", r)
		}
	}
	return b.String()
}

// WriteGraphML writes g as GraphML 1.0: directed "quoted about" edges and
// undirected co-occurrence edges (their directed attribute says which),
// the keys declared before the graph, node ids as GraphMLID writes them.
func WriteGraphML(w io.Writer, g Graph) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"%s\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"%s %s\">\n", graphmlNS, graphmlNS, graphmlSchema)
	for _, k := range graphmlKeys {
		fmt.Fprintf(bw, "  <key id=%q for=%q attr.name=%q attr.type=%q/>\n", k[0], k[1], k[2], k[3])
	}
	fmt.Fprintf(bw, "  <graph id=\"whosaid\" edgedefault=\"directed\">\n")
	if g.Project != "" {
		fmt.Fprintf(bw, "    <desc>%s: who said what, %d articles</desc>\n", esc(g.Project), g.Articles)
	}
	ids := make([]string, len(g.Nodes)) // each node's id escaped once, not at every edge
	for i, n := range g.Nodes {
		ids[i] = GraphMLID(n.ID)
		fmt.Fprintf(bw, "    <node id=\"%s\">\n", ids[i])
		fmt.Fprintf(bw, "      <data key=\"label\">%s</data>\n      <data key=\"kind\">%s</data>\n", esc(n.Label), n.Kind)
		if n.SourceType != "" {
			fmt.Fprintf(bw, "      <data key=\"source_type\">%s</data>\n", esc(n.SourceType))
		}
		fmt.Fprintf(bw, "      <data key=\"count\">%d</data>\n      <data key=\"quoted\">%d</data>\n      <data key=\"mentioned\">%d</data>\n    </node>\n",
			n.Count, n.Quoted, n.Mentioned)
	}
	for i, e := range g.Edges() {
		if !g.Has(e) {
			continue
		}
		fmt.Fprintf(bw, "    <edge id=\"e%d\" source=\"%s\" target=\"%s\" directed=\"%t\">\n", i, ids[e.From], ids[e.To], e.Directed())
		fmt.Fprintf(bw, "      <data key=\"relation\">%s</data>\n      <data key=\"weight\">%d</data>\n    </edge>\n", e.Relation, e.Weight)
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

// dotQuote is s as a DOT double-quoted string: backslash and double quote
// escaped, line breaks as \n (a centred line in a label).
func dotQuote(s string) string {
	return `"` + dotEscaper.Replace(s) + `"`
}

// dotEscaper is dotQuote's replacer, made once (a Replacer is safe for
// concurrent use); one made at every call was most of a large graph's
// export.
var dotEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

// dotShapes are the DOT shapes of the kinds of node.
var dotShapes = map[string]string{KindEntity: "ellipse", KindSource: "box", KindTerm: "plaintext"}

// WriteDOT writes g as a Graphviz digraph: entities as ellipses, unlinked
// sources as boxes, other mentions as plain text; "quoted about" edges as
// arrows, co-occurrence edges dashed without arrow heads. Every identifier
// and label is quoted; counts and weights are attributes Gephi and
// Graphviz's tools keep.
func WriteDOT(w io.Writer, g Graph) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("digraph whosaid {\n")
	if g.Project != "" {
		fmt.Fprintf(bw, "  label=%s;\n", dotQuote(g.Project+": who said what, "+strconv.Itoa(g.Articles)+" articles"))
	}
	bw.WriteString("  node [fontname=\"Helvetica\"];\n")
	ids := make([]string, len(g.Nodes)) // each node's id quoted once, not at every edge
	for i, n := range g.Nodes {
		ids[i] = dotQuote(n.ID)
		fmt.Fprintf(bw, "  %s [label=%s, kind=%s, shape=%s, count=%d, quoted=%d, mentioned=%d",
			ids[i], dotQuote(n.Label), dotQuote(n.Kind), dotShapes[n.Kind], n.Count, n.Quoted, n.Mentioned)
		if n.SourceType != "" {
			fmt.Fprintf(bw, ", source_type=%s", dotQuote(n.SourceType))
		}
		bw.WriteString("];\n")
	}
	for _, e := range g.Edges() {
		if !g.Has(e) {
			continue
		}
		style := ""
		if !e.Directed() {
			style = ", dir=none, style=dashed"
		}
		fmt.Fprintf(bw, "  %s -> %s [relation=%s, weight=%d%s];\n", ids[e.From], ids[e.To], dotQuote(e.Relation.String()), e.Weight, style)
	}
	bw.WriteString("}\n")
	return bw.Flush()
}
