package agreement

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"glossa/annotation"
)

// Table names one of a report's tables.
type Table string

// The tables of a report, in the order Tables lists them.
const (
	TableOverall    Table = "overall"
	TableLabels     Table = "labels"
	TablePairs      Table = "pairs"
	TableAnnotators Table = "annotators"
	TableArticles   Table = "articles"
	TableAttributes Table = "attributes"
)

// Tables lists every table: what a command line prints, what a window
// offers to export.
func Tables() []Table {
	return []Table{TableOverall, TableLabels, TablePairs, TableAnnotators, TableArticles, TableAttributes}
}

// ParseTable returns the table called name (letter case ignored).
func ParseTable(name string) (Table, bool) {
	for _, t := range Tables() {
		if strings.EqualFold(name, string(t)) {
			return t, true
		}
	}
	return "", false
}

// Rows returns table t as a header and rows of cells for a person: scores
// with four decimals, "–" where undefined. An unknown table is an error
// wrapping annotation.ErrNotFound.
func (r Report) Rows(t Table) (header []string, rows [][]string, err error) {
	return r.table(t, Score.String)
}

// WriteCSV writes table t as CSV (RFC 4180): the header, then a line a
// row, scores with four decimals and an empty cell where undefined (what a
// spreadsheet takes for no value).
func (r Report) WriteCSV(w io.Writer, t Table) error {
	header, rows, err := r.table(t, func(s Score) string {
		if !s.Defined() {
			return ""
		}
		return s.String()
	})
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(header)
	cw.WriteAll(rows)
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing the %s table: %w", t, err)
	}
	return nil
}

// table lays t out with score formatting each figure.
func (r Report) table(t Table, score func(Score) string) ([]string, [][]string, error) {
	n := strconv.Itoa
	var rows [][]string
	switch t {
	case TableOverall:
		o := r.Overall
		spreadRow := func(name string, s Spread) []string {
			return []string{name, score(s.Mean), score(s.SD), n(s.Pairs), "annotator pairs"}
		}
		codingRow := func(name string, c Coding, over string) []string {
			return []string{name, score(c.Value), "", n(c.Units), over}
		}
		rows = [][]string{
			spreadRow("strict span F1", o.StrictF1),
			spreadRow("lenient span F1", o.LenientF1),
			{"alpha-U", score(o.AlphaU), "", n(r.Common), "articles every annotator annotated"},
			codingRow("Krippendorff's alpha (labels)", o.Alpha, "positions two or more labelled"),
			codingRow("Fleiss' kappa (labels)", o.Fleiss, "positions every annotator labelled"),
			spreadRow("Cohen's kappa (labels)", o.Kappa),
			spreadRow("Scott's pi (labels)", o.Pi),
			spreadRow("link F1", o.LinkF1),
			{"attribute values equal", score(o.AttributesEqual), "", n(o.AttributesCompared), "attribute values compared"},
		}
		return []string{"measure", "value", "sd", "n", "n counts"}, rows, nil
	case TableLabels:
		for _, l := range r.Labels {
			rows = append(rows, []string{l.Label, string(l.Kind), n(l.Annotations),
				score(l.StrictF1.Mean), score(l.StrictF1.SD), score(l.LenientF1.Mean), score(l.LenientF1.SD),
				score(l.AlphaU), score(l.Observed), score(l.Expected)})
		}
		return []string{"label", "kind", "annotations", "strict F1", "strict sd", "lenient F1", "lenient sd", "alpha-U", "D_o", "D_e"}, rows, nil
	case TablePairs:
		for _, p := range r.Pairs {
			rows = append(rows, []string{p.A, p.B, n(p.Articles), n(p.Both), n(p.OnlyA), n(p.OnlyB),
				score(p.StrictF1), score(p.LenientF1), score(p.AlphaU),
				n(p.Kappa.Units), score(p.Kappa.Value), score(p.Pi.Value), score(p.Alpha.Value),
				n(p.Links), score(p.LinkF1), score(p.AttributesEqual)})
		}
		return []string{"annotator A", "annotator B", "articles", "same spans", "only A", "only B",
			"strict F1", "lenient F1", "alpha-U", "positions", "Cohen's kappa", "Scott's pi", "alpha",
			"links", "link F1", "attributes equal"}, rows, nil
	case TableAnnotators:
		for _, a := range r.PerAnnotator {
			rows = append(rows, []string{a.Name, n(a.Articles), n(a.Annotations), score(a.StrictF1), score(a.LenientF1)})
		}
		return []string{"annotator", "articles", "annotations", "strict F1", "lenient F1"}, rows, nil
	case TableArticles:
		for _, a := range r.PerArticle {
			rows = append(rows, []string{strconv.FormatUint(a.ID, 10), a.Title, strings.Join(a.Annotators, ", "), n(a.Annotations),
				score(a.AlphaU), score(a.StrictF1), score(a.LenientF1), score(a.Alpha), score(a.LinkF1),
				a.Worst[0] + " / " + a.Worst[1]})
		}
		return []string{"id", "title", "annotators", "annotations", "alpha-U", "strict F1", "lenient F1", "alpha", "link F1", "least agreeing pair"}, rows, nil
	case TableAttributes:
		for _, a := range r.Attributes {
			rows = append(rows, []string{a.Label, a.Attribute, n(a.Compared), score(a.Equal), score(a.Alpha)})
		}
		return []string{"label", "attribute", "compared", "equal", "alpha"}, rows, nil
	}
	return nil, nil, fmt.Errorf("agreement table %q: %w (the tables are %s)", t, annotation.ErrNotFound, tableNames())
}

func tableNames() string {
	var names []string
	for _, t := range Tables() {
		names = append(names, string(t))
	}
	return strings.Join(names, ", ")
}
