package brat

import (
	"bufio"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// Writer writes a brat collection to an Output.
type Writer struct {
	out      dataset.Output
	h        dataset.Header
	entities map[uint64]annotation.Entity
	names    map[string]bool // file stems used
	// values seen per attribute, for annotation.conf.
	values map[string]map[string]bool
	// labels carrying each attribute.
	attrLabels map[string]map[string]bool
	used       map[string]bool // labels used but missing from the label set
	usedRels   map[string]bool // relation types used but missing from the codebook
	dbs        map[string]bool // databases of the N lines, for tools.conf
	n          int
}

var _ dataset.Writer = (*Writer)(nil)

// NewWriter writes one .txt and one .ann per document, and annotation.conf
// at the end, to out.
func NewWriter(out dataset.Output) *Writer { return &Writer{out: out} }

// Begin records the label set and entities.
func (w *Writer) Begin(h dataset.Header) error {
	w.h = h
	w.entities = map[uint64]annotation.Entity{}
	for _, e := range h.Entities {
		w.entities[e.ID] = e
	}
	w.names = map[string]bool{}
	w.values = map[string]map[string]bool{}
	w.attrLabels = map[string]map[string]bool{}
	w.used = map[string]bool{}
	w.usedRels = map[string]bool{}
	w.dbs = map[string]bool{}
	for _, l := range h.Labels.Labels {
		for _, a := range l.Attributes {
			w.noteAttr(l.Name, a.Name, a.Values...)
		}
	}
	return nil
}

func (w *Writer) noteAttr(label, name string, values ...string) {
	if w.values[name] == nil {
		w.values[name] = map[string]bool{}
		w.attrLabels[name] = map[string]bool{}
	}
	for _, v := range values {
		w.values[name][v] = true
	}
	w.attrLabels[name][label] = true
}

// stem names a document's files: its id and a slug of its title.
func (w *Writer) stem(d annotation.Document) string {
	w.n++
	id := d.ID
	if id == 0 {
		id = uint64(w.n)
	}
	slug := dataset.Slug(d.Title, 40)
	s := fmt.Sprintf("%04d", id)
	if slug != "" {
		s += "-" + slug
	}
	for w.names[s] {
		s += "_"
	}
	w.names[s] = true
	return s
}

// Bundle writes the document's .txt and .ann.
func (w *Writer) Bundle(b annotation.Bundle) error {
	stem := w.stem(b.Document)
	if err := w.file(stem+".txt", func(bw *bufio.Writer) { bw.WriteString(b.Document.Text) }); err != nil {
		return err
	}
	return w.file(stem+".ann", func(bw *bufio.Writer) { w.ann(bw, b) })
}

func (w *Writer) file(name string, write func(*bufio.Writer)) error {
	f, err := w.out.Create(name)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	write(bw)
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	return f.Close()
}

func (w *Writer) ann(bw *bufio.Writer, b annotation.Bundle) {
	tid := map[uint64]string{}
	for i, a := range b.Annotations {
		tid[a.ID] = "T" + strconv.Itoa(i+1)
	}
	var nr, na, nn, nnote int
	for _, a := range b.Annotations {
		if _, ok := w.h.Labels.Find(a.Label); !ok {
			w.used[a.Label] = true
		}
		var ranges, texts []string
		for _, s := range a.Spans {
			ranges = append(ranges, fmt.Sprintf("%d %d", s.Start, s.End))
			texts = append(texts, oneLine(s.Text))
		}
		fmt.Fprintf(bw, "%s\t%s %s\t%s\n", tid[a.ID], bratName(a.Label), strings.Join(ranges, ";"), strings.Join(texts, " "))
	}
	for _, a := range b.Annotations {
		for _, l := range a.Links {
			if to, ok := tid[l.Target]; ok {
				nr++
				if _, ok := w.h.Labels.Relation(string(l.Type)); !ok {
					w.usedRels[string(l.Type)] = true
				}
				fmt.Fprintf(bw, "R%d\t%s Arg1:%s Arg2:%s\t\n", nr, bratName(string(l.Type)), tid[a.ID], to)
			}
		}
		for _, name := range dataset.SortedAttributes(a.Attributes) {
			na++
			v := a.Attributes[name]
			w.noteAttr(a.Label, name, v)
			fmt.Fprintf(bw, "A%d\t%s %s %s\n", na, bratName(name), tid[a.ID], bratName(v))
		}
		if e, ok := w.entities[a.Entity]; ok && a.Entity != 0 {
			nn++
			ref := reference(e.ID, e.ExternalID)
			db, _, _ := strings.Cut(ref, ":")
			w.dbs[db] = true
			fmt.Fprintf(bw, "N%d\tReference %s %s\t%s\n", nn, tid[a.ID], ref, oneLine(e.Name))
		}
		if a.Note != "" {
			nnote++
			fmt.Fprintf(bw, "#%d\tAnnotatorNotes %s\t%s\n", nnote, tid[a.ID], oneLine(a.Note))
		}
	}
}

// End writes annotation.conf and tools.conf.
func (w *Writer) End() error {
	if err := w.file(confFile, w.conf); err != nil {
		return err
	}
	return w.file(toolsFile, w.tools)
}

// Home pages of the databases Glossa knows, for tools.conf.
var dbHomes = map[string][2]string{ // <URL>, <URLBASE>
	dbWikidata:  {"https://www.wikidata.org/", "https://www.wikidata.org/wiki/%s"},
	"Wikipedia": {"https://www.wikipedia.org/", ""},
}

// tools writes tools.conf, whose [normalization] section declares every
// database the N lines name: brat offers and links only those.
func (w *Writer) tools(bw *bufio.Writer) {
	fmt.Fprintf(bw, "# brat tools configuration written by Glossa: the databases of its normalizations (N lines).\n")
	bw.WriteString("[options]\n\n[search]\n\n[annotators]\n\n[disambiguators]\n\n[normalization]\n")
	for _, db := range sortedKeys(w.dbs) {
		home, ok := dbHomes[db]
		if !ok {
			home[0] = "about:blank" // brat requires a <URL>; Glossa knows none
		}
		line := db + "\t<URL>:" + home[0]
		if home[1] != "" {
			line += ", <URLBASE>:" + home[1]
		}
		fmt.Fprintln(bw, line)
	}
}

func (w *Writer) conf(bw *bufio.Writer) {
	fmt.Fprintf(bw, "# brat configuration written by Glossa for the project %q.\n", oneLine(w.h.Project))
	fmt.Fprintf(bw, "# The glossa- comments keep the Glossa names, kinds and colours that brat cannot hold.\n")
	labels := append([]annotation.Label(nil), w.h.Labels.Labels...)
	var extra []string
	for name := range w.used {
		extra = append(extra, name)
	}
	sort.Strings(extra)
	for _, name := range extra {
		labels = append(labels, annotation.Label{Name: name, Kind: dataset.InferKind(name)})
	}
	for _, l := range labels {
		fmt.Fprintf(bw, "%s%s\t%s\t%s\t%s\n", confLabel, bratName(l.Name), l.Kind, l.Color, oneLine(l.Name))
	}
	attrs := make([]string, 0, len(w.values))
	for name := range w.values {
		attrs = append(attrs, name)
	}
	sort.Strings(attrs)
	values := map[string]bool{}
	for _, name := range attrs {
		if bratName(name) != name {
			fmt.Fprintf(bw, "%s%s\t%s\n", confAttribute, bratName(name), oneLine(name))
		}
		for _, v := range sortedKeys(w.values[name]) {
			if bratName(v) != v && !values[v] {
				values[v] = true
				fmt.Fprintf(bw, "%s%s\t%s\n", confValue, bratName(v), oneLine(v))
			}
		}
	}
	rels := slices.Clone(w.h.Labels.RelationTypes())
	for _, name := range sortedKeys(w.usedRels) {
		rels = append(rels, annotation.RelationType{Name: name})
	}
	for _, r := range rels {
		if bratName(r.Name) != r.Name {
			fmt.Fprintf(bw, "%s%s\t%s\n", confRelation, bratName(r.Name), oneLine(r.Name))
		}
	}
	bw.WriteString("\n[entities]\n")
	for _, l := range labels {
		fmt.Fprintln(bw, bratName(l.Name))
	}
	bw.WriteString("\n[relations]\n")
	for _, r := range rels {
		fmt.Fprintf(bw, "%s\tArg1:<ENTITY>, Arg2:<ENTITY>\n", bratName(r.Name))
	}
	bw.WriteString("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n")
	bw.WriteString("\n[events]\n\n[attributes]\n")
	for _, name := range attrs {
		var args, vals []string
		for l := range w.attrLabels[name] {
			args = append(args, bratName(l))
		}
		for v := range w.values[name] {
			vals = append(vals, bratName(v))
		}
		sort.Strings(args)
		sort.Strings(vals)
		line := bratName(name) + "\tArg:" + strings.Join(args, "|")
		if len(vals) > 0 {
			line += ", Value:" + strings.Join(vals, "|")
		}
		fmt.Fprintln(bw, line)
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
