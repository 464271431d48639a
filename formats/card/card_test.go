package card_test

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"glossa/agreement"
	"glossa/annotation"
	"glossa/formats/card"
	"glossa/formats/dataset"
	"glossa/formats/formattest"
)

// fixture is the shared fixture with layers, guidelines and a date on
// each article: what a card describes.
func fixture() (dataset.Header, []annotation.Bundle) {
	h := formattest.Header()
	h.Labels.Guidelines = "# Claims\n\nMark every **claim** with its source."
	h.Layers = []annotation.LayerInfo{
		{Name: "ann", Annotations: 10, Articles: 2},
		{Name: "bob", Annotations: 7, Articles: 1},
		{Name: annotation.CuratedLayer, Curated: true, Annotations: 17, Articles: 2},
	}
	bs := formattest.Bundles()
	bs[0].Document.Published = "2024-03-05T08:00:00Z"
	bs[1].Document.Published = "2023-12-31"
	return h, bs
}

func write(t *testing.T, h dataset.Header, bs []annotation.Bundle) string {
	t.Helper()
	var out formattest.MemOutput
	formattest.Export(t, card.NewWriter(&out, 1), h, bs)
	if got, want := out.Names, []string{card.FileName}; len(got) != 1 || got[0] != want[0] {
		t.Fatalf("files %v, want %v", got, want)
	}
	return out.Files[card.FileName].String()
}

func TestGolden(t *testing.T) {
	h, bs := fixture()
	formattest.Golden(t, "card.md", []byte(write(t, h, bs)))
}

func TestGoldenAgreement(t *testing.T) {
	h, bs := fixture()
	nan := agreement.Score(math.NaN())
	h.Agreement = &agreement.Overall{
		StrictF1:        agreement.Spread{Mean: 0.5, SD: 0.125, Pairs: 2},
		LenientF1:       agreement.Spread{Mean: 0.75, SD: nan, Pairs: 1},
		AlphaU:          0.625,
		Alpha:           agreement.Coding{Units: 3, Value: nan},
		Fleiss:          agreement.Coding{Value: nan},
		Kappa:           agreement.Spread{Mean: nan, SD: nan},
		Pi:              agreement.Spread{Mean: nan, SD: nan},
		LinkF1:          agreement.Spread{Mean: 1, SD: nan, Pairs: 1},
		AttributesEqual: 0.5, AttributesCompared: 4,
	}
	got := write(t, h, bs)
	formattest.Golden(t, "card-agreement.md", []byte(got))
	for _, want := range []string{"| span F1, lenient (overlap, same label) | 0.7500 |", "| span F1, strict (same code points, same label) | 0.5000 ± 0.1250 |",
		"| Krippendorff's alpha-U | 0.6250 |", "| Fleiss' kappa | – |"} {
		if !strings.Contains(got, want) {
			t.Errorf("card lacks %q", want)
		}
	}
	h.Agreement = nil
	if got := write(t, h, bs); strings.Contains(got, "## Agreement") {
		t.Errorf("a card without agreement figures has an Agreement section")
	}
}

// TestCounts checks the figures of the card against the fixture, counted
// here from the bundles.
func TestCounts(t *testing.T) {
	h, bs := fixture()
	got := write(t, h, bs)
	byLabel := map[string]int{}
	all := 0
	for _, b := range bs {
		for _, a := range b.Annotations {
			byLabel[a.Label]++
			all++
		}
	}
	want := []string{"| **all** | " + strconv.Itoa(all) + " |", "| done | 1 |", "| in progress | 1 |", "| new | 0 |",
		"- Published: 2023-12-31 to 2024-03-05", "- Outlets: Daily (1)", "| curated (the adjudicated dataset) | 17 | 2 |", "| ann | 10 | 2 |",
		"| 1 | Minister on prices | Daily | 2024-03-05T08:00:00Z | `" + bs[0].Document.SHA256 + "` |"}
	for l, n := range byLabel {
		want = append(want, "| "+l+" | "+strconv.Itoa(n)+" |")
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("card lacks %q", w)
		}
	}
}

func TestEscaping(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a | b", `a \| b`},
		{"`code`", "\\`code\\`"},
		{"line one\nline two\r\nthree", "line one line two three"},
		{"*bold* _it_ [link](x) <b> # h", `\*bold\* \_it\_ \[link\](x) \<b\> \# h`},
		{`back\slash`, `back\\slash`},
		{"  plain  ", "plain"},
	}
	for _, tt := range tests {
		if got := card.Inline(tt.in); got != tt.want {
			t.Errorf("Inline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	h, bs := fixture()
	bs[0].Document.Title = "Pipes | and `ticks`\nover two lines"
	bs[0].Document.Outlet = "A|B"
	got := write(t, h, bs)
	if want := "| 1 | Pipes \\| and \\`ticks\\` over two lines | A\\|B |"; !strings.Contains(got, want) {
		t.Errorf("card lacks the escaped row %q:\n%s", want, got)
	}
	// Every row of the articles table has its six pipes, none more.
	table := got[strings.Index(got, "## Table of articles"):]
	for _, line := range strings.Split(strings.TrimSpace(table), "\n")[2:] {
		if n := strings.Count(line, "|") - strings.Count(line, `\|`); n != 6 {
			t.Errorf("row %q has %d cell separators, want 6", line, n)
		}
	}
}

func TestDemote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"# Claims\ntext", "### Claims\ntext"},
		{"## A\n#### B\n##### C\n###### D", "#### A\n###### B\n###### C\n###### D"},
		{"```\n# not a heading\n```\n# Yes", "```\n# not a heading\n```\n### Yes"},
		{"#hashtag and C# code", "#hashtag and C# code"},
		{"    # indented code", "    # indented code"},
	}
	for _, tt := range tests {
		if got := card.Demote(tt.in); got != tt.want {
			t.Errorf("Demote(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	h, bs := fixture()
	first := write(t, h, bs)
	rev := []annotation.Bundle{bs[1], bs[0]}
	if got := write(t, h, rev); got != first {
		t.Errorf("the card depends on the order of the documents:\n%s\nvs\n%s", got, first)
	}
}
