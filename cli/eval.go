package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"glossa/annotation"
	"glossa/suggest"
	"glossa/suggest/eval"
)

// evalHelp is what glossa eval --help prints after the usage line: the
// definitions of every figure (package eval's doc gives them in full).
const evalHelp = `Scores suggestions of attributions against a gold folder in brat standoff.

GOLD_DIR: every X.txt under it (any depth) is an article, X.ann its
annotations (a .txt without .ann: an article with no attribution). A
content is an annotation whose label is of kind claim (annotation.conf's
kinds, else the name, any letter case: Content, Claim, Quote ...); its
sources are its said_by targets and any Source/Speaker-kind annotation
linked to it either way (brat E lines with Source/Cue/Content roles, R
lines of any name); its cues the same for cue links and Cue-kind labels.
Other labels (Title, ScareQuote, entities) are not attributions.

Suggestions: without --db, suggest.Text on each text with default
options. With --db FILE, for each gold text found in the project (same
SHA-256 of the text), its pending suggestions and its accepted ones
(provenance origin "suggested") with the sources and cues they link to;
a text not in the project is computed with the project's codebook
(labels, verbs) and entity registry, and the output says how many.

Matching, per article, one to one (a maximum matching, preferring larger
overlaps), for contents, sources and cues apart. Spans are compared in
code points after trimming white space, quote marks and punctuation at
each span's ends (a span that trims to nothing is kept); several spans
of one annotation are their union.
  exact         the same code points
  overlap>=0.3  the code points both cover are >= 0.3 of the gold's
  overlap>=0.8  >= 0.8 of the gold's
P = tp/(tp+fp), R = tp/(tp+fn), F1 = 2PR/(P+R), summed over articles.
Speaker accuracy: of the contents matched at overlap>=0.3 whose gold
has a source, those whose suggested content has a source covering >= 0.3
of one of the gold's (spans as written: a pronoun is compared with the
gold pronoun). By head word: a suggested source overlapping a gold one
and holding its head word, the last word before a comma, parenthesis,
dash or preposition, or that of the apposition after the comma (Flynn or
surrogate in "Flynn, a top Trump surrogate"; spokesman in "a spokesman
for the ministry"). Cue accuracy: the same for cues, whose head word is
their first (said in "said Thursday morning").
Direct quotes: contents whose first letter, and more than half of their
letters, stand inside quote marks (" ' “ ” ‘ ’ « » ‹ › „ ‚; a mark just
before the span counts), on both sides alike; the direct subset scores
direct gold against direct suggestions and the sources and cues they
take. Entities: kind entity on both sides, labels ignored.

Exit status: 0 scored; 1 a file could not be read; 2 usage, or no .txt.
`

func runEval(_ context.Context, env Env, args []string) error {
	fs, db := newFlags(env, "eval")
	fs.Lookup("db").Usage = "score the suggestions this project holds for the gold texts (default: none; the suggester runs on each text)"
	asJSON := fs.Bool("json", false, "print JSON for scripts")
	errs := fs.Bool("errors", false, "list, per article, the contents missed or spurious at overlap>=0.3 and the wrong speakers and cues")
	fs.Usage = func() {
		fmt.Fprintf(env.Stdout, "usage: glossa eval GOLD_DIR [--db FILE] [--json] [--errors]\n\n%s\nflags:\n", evalHelp)
		fs.SetOutput(env.Stdout)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("name one gold folder (brat .txt and .ann files)")
	}
	dir := fs.Arg(0)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return usagef("%s is not a folder; name a folder of brat .txt and .ann files", dir)
	}
	gold, err := eval.ReadGold(os.DirFS(dir), dir)
	if errors.Is(err, eval.ErrNoArticles) {
		return usagef("%s holds no .txt files, so there is nothing to score; name a folder of brat .txt and .ann files", dir)
	}
	if err != nil {
		return err
	}
	for _, w := range gold.Warnings {
		fmt.Fprintf(env.Stderr, "warning: %s\n", w)
	}
	src, err := openEvalSource(env, *db, gold)
	if err != nil {
		return err
	}
	defer src.close()
	rep, err := eval.Evaluate(gold, src.predict)
	if err != nil {
		return err
	}
	if !*errs {
		rep.Details = nil
	}
	all, direct := 0, 0
	for _, a := range gold.Articles {
		n, d := a.Attributions(gold.Labels)
		all, direct = all+n, direct+d
	}
	out := evalOutput{Gold: dir, GoldContents: all, GoldDirect: direct, Suggestions: src.describe(), InProject: src.found, Computed: src.computed, NeverSuggested: src.never, Report: rep}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return out.print(env.Stdout)
}

// evalOutput is what glossa eval prints: where gold and suggestions came
// from, then package eval's report.
type evalOutput struct {
	Gold           string `json:"gold"`
	GoldContents   int    `json:"gold_attributions"`
	GoldDirect     int    `json:"gold_direct"`
	Suggestions    string `json:"suggestions"`
	InProject      int    `json:"in_project"`      // articles whose suggestions the project held
	Computed       int    `json:"computed"`        // articles suggest.Text ran on
	NeverSuggested int    `json:"never_suggested"` // of InProject, those the suggester never ran on
	eval.Report
}

func (o evalOutput) print(w io.Writer) error {
	fmt.Fprintf(w, "gold: %s: %d articles, %d attributions (%d direct quotes)\n", o.Gold, o.Articles, o.GoldContents, o.GoldDirect)
	fmt.Fprintf(w, "suggestions: %s\n", o.Suggestions)
	for _, sub := range []struct {
		name string
		s    eval.Scores
	}{{"all attributions", o.All}, {"direct quotes", o.Direct}} {
		fmt.Fprintf(w, "\n%s: %d gold contents, %d suggested\n", sub.name, sub.s.Gold, sub.s.Suggested)
		fmt.Fprint(w, tableHead)
		for _, g := range []struct {
			name string
			b    eval.ByLevel
		}{{"contents", sub.s.Contents}, {"sources", sub.s.Sources}, {"cues", sub.s.Cues}} {
			levels(w, g.name, g.b)
		}
		for _, a := range []struct {
			name          string
			overlap, head eval.Accuracy
			of            string
		}{{"speaker accuracy", sub.s.Speaker, sub.s.SpeakerHead, "source"}, {"cue accuracy", sub.s.Cue, sub.s.CueHead, "cue"}} {
			fmt.Fprintf(w, "%-17s %6.3f  by head word %.3f  (%d and %d of %d contents matched at overlap>=0.3 with a gold %s)\n",
				a.name, a.overlap.Rate(), a.head.Rate(), a.overlap.Correct, a.head.Correct, a.overlap.Total, a.of)
		}
	}
	fmt.Fprintln(w, "\nentities (labels ignored):")
	fmt.Fprint(w, tableHead)
	levels(w, "entities", o.Entities)
	for _, d := range o.Details {
		fmt.Fprintf(w, "\n%s\n", d.Article)
		for _, m := range d.Missed {
			fmt.Fprintf(w, "  missed    %s\n", quoteText(m))
		}
		for _, s := range d.Spurious {
			fmt.Fprintf(w, "  spurious  %s  [%s]\n", quoteText(s.Text), s.Rule)
		}
		for _, x := range []struct {
			what  string
			wrong []eval.Wrong
		}{{"speaker", d.Speaker}, {"cue", d.Cue}} {
			for _, v := range x.wrong {
				head := ""
				if v.HeadAgrees {
					head = " (the head word agrees)"
				}
				fmt.Fprintf(w, "  %-8s  %s: gold %s, suggested %s%s\n", x.what, quoteText(v.Content), quoteList(v.Gold), quoteList(v.Suggested), head)
			}
		}
	}
	return nil
}

const tableHead = "          match             P      R     F1     tp     fp     fn\n"

// levels writes one row per level of group name.
func levels(w io.Writer, name string, b eval.ByLevel) {
	for _, l := range eval.Levels() {
		c := b.At(l)
		fmt.Fprintf(w, "%-9s %-12s %6.3f %6.3f %6.3f %6d %6d %6d\n", name, l, c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
	}
}

// quoteText shows a span's text on one line, shortened to 100 characters.
func quoteText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 100 {
		s = string(r[:97]) + "..."
	}
	return "«" + s + "»"
}

func quoteList(ss []string) string {
	if len(ss) == 0 {
		return "none"
	}
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = quoteText(s)
	}
	return strings.Join(q, " or ")
}

// evalSource says where the suggestions for a gold article come from:
// suggest.Text, or the project's store.
type evalSource struct {
	path     string // the project file, "" for none
	opts     suggest.Options
	labels   annotation.LabelSet
	held     map[string]heldDoc // by SHA-256 of the text
	close    func()
	found    int
	computed int
	never    int
}

// heldDoc is a gold text found in the project: its annotations, its
// pending suggestions and whether the suggester ever ran on it.
type heldDoc struct {
	annotations, pending []annotation.Annotation
	suggested            bool
}

// openEvalSource opens the project when db is given and finds the gold texts
// in it.
func openEvalSource(env Env, db string, gold eval.Gold) (*evalSource, error) {
	src := &evalSource{close: func() {}}
	if db == "" {
		return src, nil
	}
	st, err := openStore(env, db, true)
	if err != nil {
		return nil, err
	}
	src.path, src.close = st.Path(), func() { st.Close() }
	fail := func(err error) (*evalSource, error) {
		st.Close()
		return nil, err
	}
	if src.labels, err = st.Labels(); err != nil {
		return fail(err)
	}
	ents, err := st.Entities()
	if err != nil {
		return fail(err)
	}
	src.opts = suggest.Options{Labels: suggest.LabelsFrom(src.labels), Verbs: src.labels.Verbs, Entities: ents}
	want := map[string]bool{}
	for _, a := range gold.Articles {
		want[a.SHA256] = true
	}
	sums, err := st.Documents()
	if err != nil {
		return fail(err)
	}
	ran := map[uint64]bool{}
	for _, s := range sums {
		ran[s.ID] = s.Suggester != ""
	}
	// The store has no lookup by SHA-256 for readers: one pass over the
	// documents, keeping the annotations and pending suggestions of those
	// the gold holds.
	src.held = map[string]heldDoc{}
	err = st.EachBundleSuggestions(func(b annotation.Bundle, pending []annotation.Annotation) error {
		if want[b.Document.SHA256] {
			if _, dup := src.held[b.Document.SHA256]; !dup {
				src.held[b.Document.SHA256] = heldDoc{slices.Clone(b.Annotations), slices.Clone(pending), ran[b.Document.ID]}
			}
		}
		return nil
	})
	if err != nil {
		return fail(err)
	}
	return src, nil
}

func (s *evalSource) predict(a eval.Article) (eval.Prediction, error) {
	h, ok := s.held[a.SHA256]
	if !ok {
		s.computed++
		return eval.FromSuggestions(suggest.Text(a.Text, s.opts)), nil
	}
	s.found++
	if !h.suggested && len(h.pending) == 0 {
		s.never++
	}
	return eval.FromProject(s.labels, h.annotations, h.pending), nil
}

func (s *evalSource) describe() string {
	if s.path == "" {
		return fmt.Sprintf("computed by the suggester (rules version %s) with its default options", suggest.Version)
	}
	d := fmt.Sprintf("project %s: %d articles found there (their pending and accepted suggestions)", s.path, s.found)
	if s.computed > 0 {
		d += fmt.Sprintf(", %d not in the project (computed by the suggester, rules version %s, with the project's codebook and entity registry)", s.computed, suggest.Version)
	}
	if s.never > 0 {
		d += fmt.Sprintf("; %d of those found have never had suggestions: run glossa suggest --db %s --all first", s.never, s.path)
	}
	return d
}
