// Package card writes a dataset card: a Markdown description of an
// exported dataset for the people who will read or publish it. It says
// what the dataset is (the project and its guidelines), gives the
// codebook (labels with their kind, key, description and attributes, and
// the relation types), the counts per label and per status, the
// annotators' layers, the agreement between them when the export carries
// it, the offset unit and the Glossa format version, the outlets and the
// date range of the articles, and a table of every article with the
// SHA-256 of its text, so that a reader can check that the texts are the
// ones annotated.
//
// The Writer is a streaming dataset.Writer: Bundle keeps counts and one
// short row per article (never a text), End writes the card. The output is
// deterministic: every list is sorted or in the codebook's order, and the
// card carries no time of its own.
package card

import (
	"bufio"
	"fmt"
	"sort"
	"strings"

	"glossa/agreement"
	"glossa/annotation"
	"glossa/formats/dataset"
)

// FileName is the name the card asks its Output for: the file itself for
// a card exported alone, and its name inside a folder or a zip when it is
// written beside another format's export (glossa export --with-card).
const FileName = "DATASET.md"

// Marker starts every card, so that a card an earlier export wrote can be
// told from a file of the user's.
const Marker = "<!-- dataset card written by Glossa -->"

// article is what the card keeps of one document: its table row.
type article struct {
	id                             uint64
	title, outlet, published, hash string
}

// Writer accumulates a dataset's counts and writes its card at End.
type Writer struct {
	out     dataset.Output
	version int
	h       dataset.Header

	annotations int
	byLabel     map[string]int
	byStatus    map[annotation.Status]int
	outlets     map[string]int
	articles    []article
}

var _ dataset.Writer = (*Writer)(nil)

// NewWriter writes a card to out; version is the Glossa dataset format
// version the card names.
func NewWriter(out dataset.Output, version int) *Writer {
	return &Writer{out: out, version: version}
}

// Begin keeps the header.
func (w *Writer) Begin(h dataset.Header) error {
	w.h = h
	w.byLabel = map[string]int{}
	w.byStatus = map[annotation.Status]int{}
	w.outlets = map[string]int{}
	return nil
}

// Bundle counts the document's annotations and keeps its row.
func (w *Writer) Bundle(b annotation.Bundle) error {
	d := b.Document
	w.annotations += len(b.Annotations)
	for _, a := range b.Annotations {
		w.byLabel[a.Label]++
	}
	w.byStatus[d.Status]++
	if d.Outlet != "" {
		w.outlets[d.Outlet]++
	}
	w.articles = append(w.articles, article{id: d.ID, title: d.Title, outlet: d.Outlet, published: d.Published, hash: d.SHA256})
	return nil
}

// End writes the card.
func (w *Writer) End() error {
	f, err := w.out.Create(FileName)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	w.write(bw)
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (w *Writer) write(b *bufio.Writer) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	name := w.h.Project
	if name == "" {
		name = "Glossa dataset"
	}
	p("%s\n\n# %s\n\n", Marker, Inline(name))
	p("A dataset of %s annotated with Glossa: %s, %s.\n\n", annotation.Plural(len(w.articles), "article"), annotation.Plural(w.annotations, "annotation"), annotation.Plural(len(w.h.Layers), "layer"))

	p("## Format\n\n")
	p("- Offsets count Unicode code points of the article text, from 0, end exclusive.\n")
	p("- Glossa dataset format version %d.\n", w.version)
	p("- Each article's text is identified by the SHA-256 of its UTF-8 bytes (the table of articles below).\n\n")

	p("## Articles\n\n")
	p("- Outlets: %s\n", w.outletList())
	p("- Published: %s\n\n", w.dateRange())

	if g := strings.TrimSpace(w.h.Labels.Guidelines); g != "" {
		p("## Guidelines\n\n%s\n\n", Demote(g))
	}
	w.writeCodebook(p)
	w.writeCounts(p)
	w.writeLayers(p)
	w.writeAgreement(p)
	w.writeArticles(p)
}

func (w *Writer) writeCodebook(p func(string, ...any)) {
	p("## Codebook\n\n")
	if len(w.h.Labels.Labels) == 0 {
		p("No labels.\n\n")
	} else {
		p("| label | kind | key | description | attributes |\n|---|---|---|---|---|\n")
		for _, l := range w.h.Labels.Labels {
			var attrs []string
			for _, a := range l.Attributes {
				s := Inline(a.Name)
				if len(a.Values) > 0 {
					vals := make([]string, len(a.Values))
					for i, v := range a.Values {
						vals[i] = Inline(v)
						if v == a.Default {
							vals[i] += " (default)"
						}
					}
					s += ": " + strings.Join(vals, ", ")
				}
				attrs = append(attrs, s)
			}
			p("| %s | %s | %s | %s | %s |\n", Inline(l.Name), Inline(string(l.Kind)), Inline(l.Key), Inline(l.Description), strings.Join(attrs, "; "))
		}
		p("\n")
	}
	rels := w.h.Labels.RelationTypes()
	if len(rels) == 0 {
		return
	}
	p("Relation types:\n\n| relation | from | to | description |\n|---|---|---|---|\n")
	for _, r := range rels {
		p("| %s | %s | %s | %s |\n", Inline(r.Name), Inline(kinds(r.From)), Inline(kinds(r.To)), Inline(r.Description))
	}
	p("\n")
}

func kinds(ks []annotation.Kind) string {
	if len(ks) == 0 {
		return "any"
	}
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

func (w *Writer) writeCounts(p func(string, ...any)) {
	p("## Counts\n\n| label | annotations |\n|---|---:|\n")
	seen := map[string]bool{}
	for _, l := range w.h.Labels.Labels {
		seen[l.Name] = true
		p("| %s | %d |\n", Inline(l.Name), w.byLabel[l.Name])
	}
	for _, n := range sortedKeys(w.byLabel) {
		if !seen[n] {
			p("| %s (not in the codebook) | %d |\n", Inline(n), w.byLabel[n])
		}
	}
	p("| **all** | %d |\n\n", w.annotations)
	p("| status | articles |\n|---|---:|\n")
	for _, s := range []annotation.Status{annotation.StatusNew, annotation.StatusInProgress, annotation.StatusDone} {
		p("| %s | %d |\n", s, w.byStatus[s])
	}
	for _, s := range sortedKeys(w.byStatus) {
		if s != annotation.StatusNew && s != annotation.StatusInProgress && s != annotation.StatusDone {
			p("| %s | %d |\n", Inline(string(s)), w.byStatus[s])
		}
	}
	p("\n")
}

func (w *Writer) writeLayers(p func(string, ...any)) {
	p("## Annotators\n\n")
	if len(w.h.Layers) == 0 {
		p("No annotator layers: the dataset holds no annotations.\n\n")
		return
	}
	p("| layer | annotations | articles |\n|---|---:|---:|\n")
	for _, l := range w.h.Layers {
		name := Inline(annotation.LayerName(l.Name))
		if l.Curated {
			name = "curated (the adjudicated dataset)"
		}
		p("| %s | %d | %d |\n", name, l.Annotations, l.Articles)
	}
	p("\n")
}

func (w *Writer) writeAgreement(p func(string, ...any)) {
	a := w.h.Agreement
	if a == nil {
		return
	}
	p("## Agreement\n\nBetween the annotators' layers behind the curated layer; mean ± standard deviation over the pairs of annotators, – where a figure is undefined.\n\n")
	p("| measure | value |\n|---|---|\n")
	rows := []struct {
		name string
		v    string
	}{
		{"span F1, lenient (overlap, same label)", a.LenientF1.String()},
		{"span F1, strict (same code points, same label)", a.StrictF1.String()},
		{"Krippendorff's alpha-U", a.AlphaU.String()},
		{"Krippendorff's alpha, labels at identical positions", a.Alpha.Value.String()},
		{"Fleiss' kappa", a.Fleiss.Value.String()},
		{"Cohen's kappa", a.Kappa.String()},
		{"Scott's pi", a.Pi.String()},
		{"link F1", a.LinkF1.String()},
		{"attribute values equal", attributes(a)},
	}
	for _, r := range rows {
		p("| %s | %s |\n", r.name, r.v)
	}
	p("\n")
}

func attributes(a *agreement.Overall) string {
	return fmt.Sprintf("%s (%d compared)", a.AttributesEqual, a.AttributesCompared)
}

func (w *Writer) writeArticles(p func(string, ...any)) {
	p("## Table of articles\n\n| id | title | outlet | published | SHA-256 |\n|---:|---|---|---|---|\n")
	arts := w.articles
	sort.SliceStable(arts, func(i, j int) bool { return arts[i].id < arts[j].id })
	for _, a := range arts {
		p("| %d | %s | %s | %s | `%s` |\n", a.id, Inline(a.title), Inline(a.outlet), Inline(a.published), a.hash)
	}
}

func (w *Writer) outletList() string {
	if len(w.outlets) == 0 {
		return "none given"
	}
	var s []string
	for _, o := range sortedKeys(w.outlets) {
		s = append(s, fmt.Sprintf("%s (%d)", Inline(o), w.outlets[o]))
	}
	return strings.Join(s, ", ")
}

// dateRange is the earliest and latest Published of the articles, compared
// on their date (the first ten characters of a date or an RFC 3339 time),
// and how many have none.
func (w *Writer) dateRange() string {
	first, last, undated := "", "", 0
	for _, a := range w.articles {
		d := a.published
		if len(d) > 10 {
			d = d[:10]
		}
		if d == "" {
			undated++
			continue
		}
		if first == "" || d < first {
			first = d
		}
		if d > last {
			last = d
		}
	}
	var s string
	switch {
	case first == "":
		s = "no dates given"
	case first == last:
		s = Inline(first)
	default:
		s = Inline(first) + " to " + Inline(last)
	}
	if undated > 0 && first != "" {
		s += fmt.Sprintf("; %s without a date", annotation.Plural(undated, "article"))
	}
	return s
}

// Demote returns the Markdown md with its headings two levels down (at
// most to level 6), outside fenced code, so that the guidelines' headings
// sit under the card's "## Guidelines".
func Demote(md string) string {
	lines := strings.Split(md, "\n")
	fence := ""
	for i, l := range lines {
		t := strings.TrimLeft(l, " ")
		if len(l)-len(t) > 3 {
			continue // indented code
		}
		switch {
		case fence != "":
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
		case strings.HasPrefix(t, "```"), strings.HasPrefix(t, "~~~"):
			fence = t[:3]
		default:
			n := len(t) - len(strings.TrimLeft(t, "#"))
			if n >= 1 && n <= 6 && (len(t) == n || t[n] == ' ' || t[n] == '\t') {
				lines[i] = strings.Repeat("#", min(n+2, 6)) + t[n:]
			}
		}
	}
	return strings.Join(lines, "\n")
}

func sortedKeys[K ~string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}

// inlineEscaper escapes the characters Markdown reads as markup in running
// text, and turns line breaks and tabs into spaces.
var inlineEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`,
	"#", `\#`, "|", `\|`, "~", `\~`, "!", `\!`,
	"\r\n", " ", "\r", " ", "\n", " ", "\t", " ", "\u2028", " ", "\u2029", " ",
)

// Inline is s as Markdown text on one line, fit for a table cell: markup
// characters (pipes and backticks among them) escaped with a backslash,
// line breaks made spaces.
func Inline(s string) string { return strings.TrimSpace(inlineEscaper.Replace(s)) }
