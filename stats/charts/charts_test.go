package charts

import (
	"bytes"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/stats"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// report is a report whose every figure is known: what From draws of it
// is read off it.
func report() stats.Report {
	return stats.Report{
		Documents: 4, Annotations: 23,
		ArticlesByStatus:       []stats.Count{{Name: "new", Count: 1}, {Name: "in progress", Count: 1}, {Name: "done", Count: 2}},
		AnnotationsByLabel:     []stats.Count{{Name: "Source", Count: 9}, {Name: "Claim", Count: 12}, {Name: "Gone", Count: 2}},
		AnnotationsByAnnotator: []stats.Count{{Name: "", Count: 3}, {Name: annotation.CuratedLayer, Count: 5}, {Name: "ana", Count: 15}},
		AnnotationsPerArticle:  []stats.Article{{ID: 3, Annotations: 12}, {ID: 1, Annotations: 6}, {ID: 2, Annotations: 5}, {ID: 4, Annotations: 0}},
		TopSources: []stats.Source{{Name: "Maria Zakharova", Entity: 4, Claims: 5}, {Name: "a senior official", Key: "a senior official", Claims: 3},
			{Name: "the ministry", Claims: 1}},
		TopEntities:        []stats.Entity{{ID: 4, Name: "Maria Zakharova", Mentions: 7}, {ID: 9, Name: "Kyiv", Mentions: 2}},
		ClaimsBySourceType: []stats.Count{{Name: "named", Count: 6}, {Name: "anonymous", Count: 3}, {Name: stats.NoSource, Count: 3}},
		Attributes: []stats.Attribute{{Label: "Claim", Attribute: "verdict", Values: []stats.Count{{Name: "true", Count: 4}, {Name: "false", Count: 1}}},
			{Label: "Claim!", Attribute: "verdict", Values: []stats.Count{{Name: stats.NotSet, Count: 2}}}},
		PerDay: []stats.Day{{Date: "2025-02-27", Annotations: 10, ArticlesDone: 1}, {Date: "2025-03-02", Annotations: 12, ArticlesDone: 1},
			{Date: stats.Undated, Annotations: 1}},
	}
}

func codebook() annotation.LabelSet {
	return annotation.LabelSet{Labels: []annotation.Label{{Name: "Source", Color: "#2f80ed"}, {Name: "Claim", Color: "#eb5757"}}}
}

// From draws every table of the report, in the report's order, its
// numbers as they are; labels in the codebook's colours.
func TestFrom(t *testing.T) {
	got := From(report(), codebook(), Options{Top: 2})
	day := func(date string, n int) Bar { return Bar{Name: date, Value: n} }
	want := []Chart{
		{ID: "articles-by-status", Title: "Articles by status", Name: "status", Value: "articles",
			Bars: []Bar{{Name: "new", Value: 1}, {Name: "in progress", Value: 1}, {Name: "done", Value: 2}}},
		{ID: "annotations-by-label", Title: "Annotations by label", Name: "label", Value: "annotations",
			Bars: []Bar{{Name: "Source", Value: 9, Color: "#2f80ed"}, {Name: "Claim", Value: 12, Color: "#eb5757"}, {Name: "Gone", Value: 2}}},
		{ID: "annotations-by-annotator", Title: "Annotations by annotator", Name: "annotator", Value: "annotations",
			Bars: []Bar{{Name: "(no annotator)", Value: 3}, {Name: "(curated)", Value: 5}, {Name: "ana", Value: 15}}},
		// 0..12 annotations: 13 values, in bins of 1 (at most 20 bins).
		{ID: "annotations-per-article", Title: "Articles by number of annotations", Name: "annotations per article", Value: "articles", Columns: true,
			Bars: []Bar{{"0", 1, ""}, {"1", 0, ""}, {"2", 0, ""}, {"3", 0, ""}, {"4", 0, ""}, {"5", 1, ""}, {"6", 1, ""}, {"7", 0, ""},
				{"8", 0, ""}, {"9", 0, ""}, {"10", 0, ""}, {"11", 0, ""}, {"12", 1, ""}}},
		{ID: "top-sources", Title: "Most quoted sources (top 2)", Name: "source", Value: "claims",
			Bars: []Bar{{Name: "Maria Zakharova", Value: 5}, {Name: "a senior official", Value: 3}}},
		{ID: "top-entities", Title: "Most mentioned entities (top 2)", Name: "entity", Value: "mentions",
			Bars: []Bar{{Name: "Maria Zakharova", Value: 7}, {Name: "Kyiv", Value: 2}}},
		{ID: "claims-by-source-type", Title: "Claims by source type", Name: "source type", Value: "claims",
			Bars: []Bar{{Name: "named", Value: 6}, {Name: "anonymous", Value: 3}, {Name: stats.NoSource, Value: 3}}},
		{ID: "attribute-claim-verdict", Title: "Claim: verdict", Name: "verdict", Value: "Claim annotations",
			Bars: []Bar{{Name: "true", Value: 4}, {Name: "false", Value: 1}}},
		// "Claim!" makes the same file name: the second is told apart.
		{ID: "attribute-claim-verdict-2", Title: "Claim!: verdict", Name: "verdict", Value: "Claim! annotations",
			Bars: []Bar{{Name: stats.NotSet, Value: 2}}},
		// The days between 27 February and 2 March nobody worked count 0;
		// the undated annotation stays last.
		{ID: "annotations-per-day", Title: "Annotations per day", Name: "date", Value: "annotations", Columns: true,
			Bars: []Bar{day("2025-02-27", 10), day("2025-02-28", 0), day("2025-03-01", 0), day("2025-03-02", 12), day(stats.Undated, 1)}},
		{ID: "articles-done-per-day", Title: "Articles done per day", Name: "date", Value: "articles done", Columns: true,
			Bars: []Bar{day("2025-02-27", 1), day("2025-02-28", 0), day("2025-03-01", 0), day("2025-03-02", 1), day(stats.Undated, 0)}},
	}
	if len(got) != len(want) {
		var ids []string
		for _, c := range got {
			ids = append(ids, c.ID)
		}
		t.Fatalf("%d charts %q; want %d", len(got), ids, len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("chart %d\ngot  %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

// An empty project has every chart, with no bar where nothing counts.
func TestFromEmpty(t *testing.T) {
	got := From(stats.Report{}, annotation.LabelSet{}, Options{})
	if len(got) != 9 {
		t.Fatalf("%d charts; want the 9 that need no attribute", len(got))
	}
	for _, c := range got {
		if len(c.Bars) != 0 {
			t.Errorf("%s: bars %+v; want none", c.ID, c.Bars)
		}
		var svg bytes.Buffer
		if err := c.WriteSVG(&svg, Light()); err != nil || !strings.Contains(svg.String(), "nothing to count yet") {
			t.Errorf("%s: SVG %v, says nothing is counted: %v", c.ID, err, strings.Contains(svg.String(), "nothing to count yet"))
		}
	}
}

func TestHistogram(t *testing.T) {
	arts := func(ns ...int) []stats.Article {
		var as []stats.Article
		for _, n := range ns {
			as = append(as, stats.Article{Annotations: n})
		}
		return as
	}
	for _, tc := range []struct {
		name    string
		arts    []stats.Article
		maxBins int
		want    []Bar
	}{
		{"none", nil, 20, nil},
		{"all zero", arts(0, 0), 20, []Bar{{Name: "0", Value: 2}}},
		{"ones", arts(0, 2, 2), 20, []Bar{{"0", 1, ""}, {"1", 0, ""}, {"2", 2, ""}}},
		{"fives", arts(0, 4, 5, 23), 5, []Bar{{"0–4", 2, ""}, {"5–9", 1, ""}, {"10–14", 0, ""}, {"15–19", 0, ""}, {"20–24", 1, ""}}},
		{"twos", arts(1, 3, 3), 2, []Bar{{"0–1", 1, ""}, {"2–3", 2, ""}}},
		{"hundreds", arts(0, 999), 10, []Bar{{"0–99", 1, ""}, {"100–199", 0, ""}, {"200–299", 0, ""}, {"300–399", 0, ""}, {"400–499", 0, ""},
			{"500–599", 0, ""}, {"600–699", 0, ""}, {"700–799", 0, ""}, {"800–899", 0, ""}, {"900–999", 1, ""}}},
	} {
		if got := histogram(tc.arts, tc.maxBins); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v; want %v", tc.name, got, tc.want)
		}
	}
}

func TestBinWidth(t *testing.T) {
	for _, tc := range []struct{ n, maxBins, want int }{
		{1, 20, 1}, {20, 20, 1}, {21, 20, 2}, {40, 20, 2}, {41, 20, 5}, {100, 20, 5}, {101, 20, 10}, {1001, 20, 100}, {7, 1, 10},
	} {
		if got := binWidth(tc.n, tc.maxBins); got != tc.want {
			t.Errorf("binWidth(%d, %d) = %d; want %d", tc.n, tc.maxBins, got, tc.want)
		}
	}
}

func TestFillDays(t *testing.T) {
	d := func(dates ...string) []stats.Day {
		var ds []stats.Day
		for _, s := range dates {
			ds = append(ds, stats.Day{Date: s, Annotations: 1})
		}
		return ds
	}
	dates := func(ds []stats.Day) []string {
		var out []string
		for _, x := range ds {
			out = append(out, x.Date)
		}
		return out
	}
	for _, tc := range []struct {
		name    string
		days    []stats.Day
		maxDays int
		want    []string
	}{
		{"one", d("2025-03-01"), 10, []string{"2025-03-01"}},
		{"across a month", d("2025-02-28", "2025-03-02"), 10, []string{"2025-02-28", "2025-03-01", "2025-03-02"}},
		{"across a year", d("2024-12-31", "2025-01-01"), 10, []string{"2024-12-31", "2025-01-01"}},
		{"leap day", d("2024-02-28", "2024-03-01"), 10, []string{"2024-02-28", "2024-02-29", "2024-03-01"}},
		{"span at the limit", d("2025-03-01", "2025-03-03"), 3, []string{"2025-03-01", "2025-03-02", "2025-03-03"}},
		{"span too long", d("2025-03-01", "2025-03-04"), 3, []string{"2025-03-01", "2025-03-04"}},
		{"unreadable", d("2025-03-01", "someday"), 10, []string{"2025-03-01", "someday"}},
		{"out of order", d("2025-03-01", "2025-02-27", "2025-03-02"), 10, []string{"2025-03-01", "2025-02-27", "2025-03-02"}},
	} {
		got := fillDays(tc.days, tc.maxDays)
		if !slices.Equal(dates(got), tc.want) {
			t.Errorf("%s: got %q; want %q", tc.name, dates(got), tc.want)
		}
		n := 0
		for _, x := range got {
			n += x.Annotations
		}
		if n != len(tc.days) {
			t.Errorf("%s: %d annotations after filling; want %d", tc.name, n, len(tc.days))
		}
	}
}

func TestCutAndSlug(t *testing.T) {
	long := strings.Repeat("abcd ", 10)
	for _, tc := range []struct{ in, cut, slug string }{
		{"Claim", "Claim", "claim"},
		{"  source\n type ", "source type", "source-type"},
		{long, strings.TrimSpace(long[:39]) + "…", strings.TrimSuffix(strings.Repeat("abcd-", 10), "-")},
		{"Вердикт", "Вердикт", "вердикт"},
		{"!!", "!!", "x"},
	} {
		if got := cut(tc.in); got != tc.cut {
			t.Errorf("cut(%q) = %q; want %q", tc.in, got, tc.cut)
		}
		if got := slug(tc.in); got != tc.slug {
			t.Errorf("slug(%q) = %q; want %q", tc.in, got, tc.slug)
		}
	}
}

// The CSV is the chart's numbers, names whole (a drawing cuts them).
func TestWriteCSV(t *testing.T) {
	long := strings.Repeat("x", 60)
	c := Chart{Name: "source", Value: "claims", Bars: []Bar{{Name: "Maria Zakharova", Value: 5}, {Name: `a "senior", official`, Value: 3}, {Name: long, Value: 1}}}
	var b strings.Builder
	if err := c.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := "source,claims\nMaria Zakharova,5\n\"a \"\"senior\"\", official\",3\n" + long + ",1\n"
	if b.String() != want {
		t.Errorf("CSV\n%s\nwant\n%s", b.String(), want)
	}
}

// One chart drawn as SVG matches testdata/annotations-by-label.svg
// (go test -update rewrites it), and twice the same: an export does not
// change when nothing changed.
func TestSVGGolden(t *testing.T) {
	r := report()
	r.AnnotationsByLabel = append(r.AnnotationsByLabel, stats.Count{Name: "AT&T <quote>", Count: 1})
	c := From(r, codebook(), Options{})[1]
	var a, b bytes.Buffer
	if err := c.WriteSVG(&a, Light()); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteSVG(&b, Light()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two SVGs of the same chart differ")
	}
	golden := filepath.Join("testdata", c.ID+".svg")
	if *update {
		if err := os.WriteFile(golden, a.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if !bytes.Equal(a.Bytes(), want) {
		os.MkdirAll(filepath.Join("testdata", "failed"), 0o755)
		os.WriteFile(filepath.Join("testdata", "failed", c.ID+".svg"), a.Bytes(), 0o644)
		t.Errorf("SVG differs from %s; see testdata/failed/%s.svg (go test -update if the change is meant)", golden, c.ID)
	}
	for _, s := range []string{"#EB5757", "#2F80ED", "AT&amp;T &lt;quote&gt;", ">12<", "Annotations by label"} {
		if !strings.Contains(a.String(), s) {
			t.Errorf("SVG lacks %q", s)
		}
	}
}

// A PNG export is a page-wide image at ExportDPI, the same each time.
func TestWritePNG(t *testing.T) {
	c := From(report(), codebook(), Options{})[0]
	var a, b bytes.Buffer
	if err := c.WritePNG(&a, Light()); err != nil {
		t.Fatal(err)
	}
	if err := c.WritePNG(&b, Light()); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got.X != 7*ExportDPI || got.Y != 4.5*ExportDPI {
		t.Errorf("PNG %v; want %dx%d", got, 7*ExportDPI, int(4.5*ExportDPI))
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two PNGs of the same chart differ")
	}
}

// The window's image is the size asked for, in the style's background.
func TestImage(t *testing.T) {
	s := Light()
	s.Background = s.Foreground // dark
	img := From(report(), codebook(), Options{})[9].Image(s, 300, 200, 96)
	if got := img.Bounds().Size(); got.X != 300 || got.Y != 200 {
		t.Errorf("image %v; want 300x200", got)
	}
	if r, g, b, _ := img.At(1, 1).RGBA(); r != 0 || g != 0 || b != 0 {
		t.Errorf("corner %v; want the style's background", img.At(1, 1))
	}
}
