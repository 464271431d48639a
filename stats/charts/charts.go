// Package charts draws a corpus's statistics (a stats.Report) as the
// charts of the Statistics window (issue 22): which charts there are and
// what numbers each shows (From, pure and table-tested), and each chart
// drawn with gonum.org/v1/plot as PNG or SVG, or written as CSV. It knows
// no Fyne and no storage: the window and any command can use it alike.
//
// It lives under stats, not in it, so that package stats stays on the
// standard library: only the drawing needs gonum/plot.
package charts

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	"glossa/annotation"
	"glossa/stats"
)

// Chart is one chart: a bar per name, in order.
type Chart struct {
	// ID names the chart in file names: lower case, words joined by
	// hyphens ("annotations-by-label"); unique among From's charts.
	ID    string
	Title string
	// Name says what the bars are ("label", "date"), Value what they
	// count ("annotations"): the axes' titles and the CSV's header.
	Name, Value string
	Bars        []Bar
	// Columns draws the bars upright along an ordered axis (days, bins of
	// a histogram); otherwise they lie down, the first at the top, names
	// on the left (names of any length read there).
	Columns bool
}

// Bar is one bar: its name, how many, and its colour (#rrggbb, the
// codebook's for a label; "" the style's).
type Bar struct {
	Name  string
	Value int
	Color string
}

// Options say how much From puts in the charts.
type Options struct {
	// Top is the number of sources and of entities shown (<= 0: 15).
	Top int
	// MaxDays is the longest run of days the per-day charts fill with
	// the days nobody worked (0 counts); a longer span shows only the
	// days worked (<= 0: 1000).
	MaxDays int
}

// NameWidth is the most characters of a name a chart draws: a longer
// one (a source written out) is cut with "…" (the CSV has it whole).
const NameWidth = 40

// From returns the charts of report r, with the label colours of the
// codebook labels: articles by status; annotations by label, by
// annotator, per article (a histogram); the most quoted sources and
// mentioned entities; claims by source type; every attribute's values;
// annotations and articles done per day. r must be whole (not cut by
// stats.Report.Top): the histogram counts every article.
func From(r stats.Report, labels annotation.LabelSet, o Options) []Chart {
	if o.Top <= 0 {
		o.Top = 15
	}
	if o.MaxDays <= 0 {
		o.MaxDays = 1000
	}
	var cs []Chart
	add := func(c Chart) {
		c.ID = uniqueID(c.ID, cs)
		cs = append(cs, c)
	}
	add(Chart{ID: "articles-by-status", Title: "Articles by status", Name: "status", Value: "articles", Bars: counts(r.ArticlesByStatus)})
	byLabel := counts(r.AnnotationsByLabel)
	for i := range byLabel {
		if l, ok := labels.Find(byLabel[i].Name); ok {
			byLabel[i].Color = l.Color
		}
	}
	add(Chart{ID: "annotations-by-label", Title: "Annotations by label", Name: "label", Value: "annotations", Bars: byLabel})
	add(Chart{ID: "annotations-by-annotator", Title: "Annotations by annotator", Name: "annotator", Value: "annotations", Bars: annotators(r.AnnotationsByAnnotator)})
	add(Chart{ID: "annotations-per-article", Title: "Articles by number of annotations", Name: "annotations per article", Value: "articles",
		Bars: histogram(r.AnnotationsPerArticle, 20), Columns: true})
	var src []Bar
	for _, s := range r.TopSources[:min(o.Top, len(r.TopSources))] {
		src = append(src, Bar{Name: s.Name, Value: s.Claims})
	}
	add(Chart{ID: "top-sources", Title: fmt.Sprintf("Most quoted sources (top %d)", o.Top), Name: "source", Value: "claims", Bars: src})
	var ents []Bar
	for _, e := range r.TopEntities[:min(o.Top, len(r.TopEntities))] {
		ents = append(ents, Bar{Name: e.Name, Value: e.Mentions})
	}
	add(Chart{ID: "top-entities", Title: fmt.Sprintf("Most mentioned entities (top %d)", o.Top), Name: "entity", Value: "mentions", Bars: ents})
	add(Chart{ID: "claims-by-source-type", Title: "Claims by source type", Name: "source type", Value: "claims", Bars: counts(r.ClaimsBySourceType)})
	for _, a := range r.Attributes {
		add(Chart{ID: "attribute-" + slug(a.Label) + "-" + slug(a.Attribute), Title: a.Label + ": " + a.Attribute,
			Name: a.Attribute, Value: a.Label + " annotations", Bars: counts(a.Values)})
	}
	ann, done := perDay(r.PerDay, o.MaxDays)
	add(Chart{ID: "annotations-per-day", Title: "Annotations per day", Name: "date", Value: "annotations", Bars: ann, Columns: true})
	add(Chart{ID: "articles-done-per-day", Title: "Articles done per day", Name: "date", Value: "articles done", Bars: done, Columns: true})
	return cs
}

// counts is a table as bars.
func counts(cs []stats.Count) []Bar {
	bars := make([]Bar, 0, len(cs))
	for _, c := range cs {
		bars = append(bars, Bar{Name: c.Name, Value: c.Count})
	}
	return bars
}

// annotators is the per-annotator table with its layers named for a
// person: the curated layer "(curated)", no annotator "(no annotator)".
func annotators(cs []stats.Count) []Bar {
	bars := counts(cs)
	for i := range bars {
		switch cs[i].Name {
		case annotation.CuratedLayer:
			bars[i].Name = "(curated)"
		case "":
			bars[i].Name = "(no annotator)"
		}
	}
	return bars
}

// histogram counts the articles per number of annotations in at most
// maxBins bins of equal width, a width of 1, 2 or 5 times a power of ten:
// "0", "1", … or "0–4", "5–9", …, up to the bin of the most annotated
// article. No article, no bar.
func histogram(arts []stats.Article, maxBins int) []Bar {
	if len(arts) == 0 {
		return nil
	}
	most := 0
	for _, a := range arts {
		most = max(most, a.Annotations)
	}
	width := binWidth(most+1, maxBins)
	bars := make([]Bar, most/width+1)
	for i := range bars {
		lo, hi := i*width, (i+1)*width-1
		bars[i].Name = strconv.Itoa(lo)
		if hi > lo {
			bars[i].Name += "–" + strconv.Itoa(hi)
		}
	}
	for _, a := range arts {
		bars[a.Annotations/width].Value++
	}
	return bars
}

// binWidth is the least of 1, 2, 5, 10, 20, 50, … that puts n values in
// at most maxBins bins.
func binWidth(n, maxBins int) int {
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if w := m * p; (n+w-1)/w <= maxBins {
				return w
			}
		}
	}
}

// perDay is the per-day table as two charts' bars, annotations and
// articles done, with the days between the first and the last that are
// not in it added with 0 (a gap in the work shows as one) when they are
// at most maxDays; the undated row stays last.
func perDay(days []stats.Day, maxDays int) (ann, done []Bar) {
	var dated []stats.Day
	var undated []stats.Day
	for _, d := range days {
		if d.Date == stats.Undated {
			undated = append(undated, d)
		} else {
			dated = append(dated, d)
		}
	}
	dated = fillDays(dated, maxDays)
	for _, d := range append(dated, undated...) {
		ann = append(ann, Bar{Name: d.Date, Value: d.Annotations})
		done = append(done, Bar{Name: d.Date, Value: d.ArticlesDone})
	}
	return ann, done
}

// fillDays adds the missing days of days (dates in order) with nothing
// done, when the span is at most maxDays days and every date reads.
func fillDays(days []stats.Day, maxDays int) []stats.Day {
	if len(days) < 2 {
		return days
	}
	const layout = "2006-01-02"
	first, err1 := time.Parse(layout, days[0].Date)
	last, err2 := time.Parse(layout, days[len(days)-1].Date)
	if err1 != nil || err2 != nil || last.Sub(first) > time.Duration(maxDays-1)*24*time.Hour {
		return days
	}
	out := make([]stats.Day, 0, int(last.Sub(first)/(24*time.Hour))+1)
	i := 0
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		date := d.Format(layout)
		if i < len(days) && days[i].Date == date {
			out = append(out, days[i])
			i++
			continue
		}
		if i < len(days) && days[i].Date < date { // a date that does not read as a day in order
			return days
		}
		out = append(out, stats.Day{Date: date})
	}
	if i != len(days) {
		return days
	}
	return out
}

// cut is s cut to NameWidth characters, "…" at the end of a cut one, and
// on one line.
func cut(s string) string { return annotation.Shorten(s, NameWidth) }

// slug is s for a file name: lower-case letters and digits, other runs
// made one hyphen.
func slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

// uniqueID is id, or id-2, id-3, … when a chart of cs has it.
func uniqueID(id string, cs []Chart) string {
	taken := func(s string) bool {
		for _, c := range cs {
			if c.ID == s {
				return true
			}
		}
		return false
	}
	out := id
	for n := 2; taken(out); n++ {
		out = id + "-" + strconv.Itoa(n)
	}
	return out
}

// WriteCSV writes the chart's numbers as CSV: a header (its Name and
// Value), then a row per bar.
func (c Chart) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{c.Name, c.Value}); err != nil {
		return err
	}
	for _, b := range c.Bars {
		if err := cw.Write([]string{b.Name, strconv.Itoa(b.Value)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
