package eval

import (
	"math"
	"slices"
	"strings"
	"testing"

	"glossa/annotation"
)

// spanOf returns the span of the nth (from 0) occurrence of sub in text,
// in code points.
func spanOf(t *testing.T, text, sub string, nth int) annotation.Span {
	t.Helper()
	from := 0
	for k := 0; ; k++ {
		i := strings.Index(text[from:], sub)
		if i < 0 {
			t.Fatalf("%q is not %d times in %q", sub, nth+1, text)
		}
		if k == nth {
			s := annotation.Len(text[:from+i])
			return annotation.Span{Start: s, End: s + annotation.Len(sub), Text: sub}
		}
		from += i + len(sub)
	}
}

func TestExtentOf(t *testing.T) {
	text := `He said: "We will pay," and left. « Non »: (U.S.)`
	tests := []struct {
		sub  []string // spans, each the first occurrence
		want string   // the code points kept, joined by |
	}{
		{[]string{`"We will pay,"`}, "We will pay"},
		{[]string{`We will pay`}, "We will pay"},
		{[]string{`« Non »`}, "Non"},
		{[]string{`:`}, ":"}, // nothing left after trimming: kept as it is
		{[]string{`(U.S.)`}, "U.S"},
		{[]string{`"We will`, `pay," and`}, "We will|pay,\" and"}, // inner edges trimmed per span
		{[]string{`He said`, `said: "We`}, `He said: "We`},        // overlapping spans merge
	}
	rs := []rune(text)
	for _, tt := range tests {
		var spans []annotation.Span
		for _, s := range tt.sub {
			spans = append(spans, spanOf(t, text, s, 0))
		}
		var got []string
		for _, r := range extentOf(rs, spans) {
			got = append(got, string(rs[r.s:r.e]))
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("extentOf(%q) = %q; want %q", tt.sub, g, tt.want)
		}
	}
}

func TestOverlap(t *testing.T) {
	gold := extent{{0, 10}}
	tests := []struct {
		sugg              extent
		exact, at30, at80 bool
		wantFraction      float64
		description       string
	}{
		{sugg: extent{{0, 10}}, exact: true, at30: true, at80: true, wantFraction: 1, description: "same"},
		{sugg: extent{{0, 3}}, at30: true, wantFraction: 0.3, description: "0.3 exactly"},
		{sugg: extent{{0, 2}}, wantFraction: 0.2, description: "under 0.3"},
		{sugg: extent{{2, 10}}, at30: true, at80: true, wantFraction: 0.8, description: "0.8 exactly"},
		{sugg: extent{{0, 20}}, at30: true, at80: true, wantFraction: 1, description: "longer than the gold: only the gold divides"},
		{sugg: extent{{0, 4}, {6, 10}}, at30: true, at80: true, wantFraction: 0.8, description: "two spans"},
		{sugg: extent{{10, 12}}, wantFraction: 0, description: "touching"},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			l    Level
			want bool
		}{{Exact, tt.exact}, {Overlap30, tt.at30}, {Overlap80, tt.at80}} {
			f, ok := overlap(gold, tt.sugg, c.l)
			if ok != c.want || math.Abs(f-tt.wantFraction) > 1e-9 {
				t.Errorf("%s: overlap at %s = %v, %v; want %v, %v", tt.description, c.l, f, ok, tt.wantFraction, c.want)
			}
		}
	}
}

func TestMatchIsMaximumAndOneToOne(t *testing.T) {
	tests := []struct {
		name       string
		gold, sugg []extent
		l          Level
		want       []int
	}{
		{
			// Greedy by overlap pairs A with x (0.9) and leaves B alone; the
			// maximum gives A to y and B to x.
			name: "augmenting path",
			gold: []extent{{{0, 10}}, {{8, 18}}},
			sugg: []extent{{{0, 9}, {13, 18}}, {{5, 10}}},
			l:    Overlap30,
			want: []int{1, 0},
		},
		{
			name: "one suggestion, two gold: one pair",
			gold: []extent{{{0, 5}}, {{5, 10}}},
			sugg: []extent{{{0, 10}}},
			l:    Overlap80,
			want: []int{0, -1},
		},
		{
			name: "larger overlap kept when either gives a maximum",
			gold: []extent{{{0, 10}}},
			sugg: []extent{{{0, 4}}, {{0, 9}}},
			l:    Overlap30,
			want: []int{1},
		},
		{
			name: "exact needs the same code points",
			gold: []extent{{{0, 10}}, {{20, 30}}},
			sugg: []extent{{{0, 10}}, {{20, 29}}},
			l:    Exact,
			want: []int{0, -1},
		},
		{name: "nothing suggested", gold: []extent{{{0, 1}}}, l: Exact, want: []int{-1}},
	}
	for _, tt := range tests {
		if got := match(tt.gold, tt.sugg, tt.l); !slices.Equal(got, tt.want) {
			t.Errorf("%s: match = %v; want %v", tt.name, got, tt.want)
		}
	}
}

func TestCounts(t *testing.T) {
	tests := []struct {
		c       Counts
		p, r, f float64
	}{
		{Counts{TP: 3, FP: 1, FN: 2}, 0.75, 0.6, 2 * 0.75 * 0.6 / 1.35},
		{Counts{TP: 0, FP: 0, FN: 4}, 0, 0, 0},
		{Counts{TP: 0, FP: 2, FN: 0}, 0, 0, 0},
		{Counts{TP: 5}, 1, 1, 1},
	}
	for _, tt := range tests {
		if p, r, f := tt.c.Precision(), tt.c.Recall(), tt.c.F1(); math.Abs(p-tt.p) > 1e-9 || math.Abs(r-tt.r) > 1e-9 || math.Abs(f-tt.f) > 1e-9 {
			t.Errorf("%+v: P %v R %v F1 %v; want %v %v %v", tt.c, p, r, f, tt.p, tt.r, tt.f)
		}
	}
}

func TestDirect(t *testing.T) {
	tests := []struct {
		text, content string
		nth           int
		want          bool
	}{
		{`He said: "We will pay."`, `We will pay.`, 0, true},
		{`He said: "We will pay."`, `"We will pay."`, 0, true},
		{`“We will pay,” he said.`, `We will pay,`, 0, true},
		{`„Wir zahlen nicht“, sagte er.`, `Wir zahlen nicht`, 0, true},
		{"Il a dit\u00a0: «\u00a0Nous paierons\u00a0».", `Nous paierons`, 0, true},
		{`She said 'we won't pay' today.`, `we won't pay`, 0, true},
		{`He called the plan "a disaster" for the town.`, `the plan "a disaster" for the town`, 0, false},
		{`He said the plan was "a complete and utter disaster for everyone".`, `the plan was "a complete and utter disaster for everyone"`, 0, false},
		{`"We will pay," he said, adding that the town would wait for the court.`, `"We will pay," he said, adding that the town would wait for the court`, 0, false},
		{`He said prices would fall.`, `prices would fall`, 0, false},
		{`The students' union said it would strike.`, `it would strike`, 0, false},
		{`"Yes," she said.`, `Yes,`, 0, true},
	}
	for _, tt := range tests {
		sp := spanOf(t, tt.text, tt.content, tt.nth)
		if got := Direct([]rune(tt.text), []annotation.Span{sp}); got != tt.want {
			t.Errorf("Direct(%q in %q) = %v; want %v", tt.content, tt.text, got, tt.want)
		}
	}
	// A split quote: two spans, the attribution between them outside.
	text := `"We will pay," she said, "but not now."`
	spans := []annotation.Span{spanOf(t, text, `We will pay,`, 0), spanOf(t, text, `but not now.`, 0)}
	if !Direct([]rune(text), spans) {
		t.Errorf("split quote %q: not direct; want direct", text)
	}
	// A multi-paragraph quote: one span per paragraph, open marks at each
	// paragraph's start.
	text = "He said: \"First part.\n\n\"Second part.\""
	spans = []annotation.Span{spanOf(t, text, `First part.`, 0), spanOf(t, text, `Second part.`, 0)}
	if !Direct([]rune(text), spans) {
		t.Errorf("multi-paragraph quote %q: not direct; want direct", text)
	}
}

func TestLabelKind(t *testing.T) {
	set := annotation.LabelSet{Labels: []annotation.Label{
		{Name: "Claim", Kind: annotation.KindClaim},
		{Name: "Sayer", Kind: annotation.KindSource},
		{Name: "Verb", Kind: annotation.KindCue},
		{Name: "Title", Kind: annotation.KindOther},
	}}
	tests := []struct {
		name string
		want annotation.Kind
	}{
		{"Claim", annotation.KindClaim},
		{"CLAIM", annotation.KindClaim},
		{"Sayer", annotation.KindSource},
		{"verb", annotation.KindCue},
		{"Title", annotation.KindOther},
		{"CONTENT", annotation.KindClaim},
		{"Source", annotation.KindSource},
		{"SOURCE", annotation.KindSource},
		{"cue", annotation.KindCue},
		{"CUE", annotation.KindCue},
		{"Reporting_verb", annotation.KindCue},
		{"Person", annotation.KindEntity},
		{"ScareQuote", annotation.KindOther},
	}
	for _, tt := range tests {
		if got := LabelKind(set, tt.name); got != tt.want {
			t.Errorf("LabelKind(%q) = %q; want %q", tt.name, got, tt.want)
		}
	}
}

func TestHeads(t *testing.T) {
	tests := []struct {
		text  string
		heads func(string) []string
		want  string
	}{
		{"Flynn, a top Trump surrogate,", sourceHeads, "flynn surrogate"},
		{"Hillary Clinton’s campaign manager Robby Mook", sourceHeads, "mook"},
		{"a spokesman for the ministry", sourceHeads, "spokesman"},
		{"a report to the committee", sourceHeads, "report"},
		{"Its lead author, Dr. Ines Kowalczyk,", sourceHeads, "author kowalczyk"},
		{"Renate Stiller von der Bürgerinitiative „Gegenwind Hellertal“", sourceHeads, "stiller"},
		{"la porte-parole du ministère", sourceHeads, "parole"},
		{"she", sourceHeads, "she"},
		{"Officials", sourceHeads, "officials"},
		{"said Thursday morning", cueHeads, "said"},
		{"according to", cueHeads, "according"},
		{":", cueHeads, ":"},
	}
	for _, tt := range tests {
		if got := strings.Join(tt.heads(tt.text), " "); got != tt.want {
			t.Errorf("heads(%q) = %q; want %q", tt.text, got, tt.want)
		}
	}
	// A suggestion holds the head only where it overlaps the gold.
	text := "Flynn, a top Trump surrogate, said. Flynn agreed."
	rs := []rune(text)
	gold := extentOf(rs, []annotation.Span{spanOf(t, text, "Flynn, a top Trump surrogate,", 0)})
	for _, c := range []struct {
		sugg string
		nth  int
		want bool
	}{{"Flynn", 0, true}, {"a top Trump surrogate", 0, true}, {"Trump", 0, false}, {"Flynn", 1, false}} {
		if got := holdsHead(rs, gold, extentOf(rs, []annotation.Span{spanOf(t, text, c.sugg, c.nth)}), sourceHeads); got != c.want {
			t.Errorf("holdsHead(%q #%d) = %v; want %v", c.sugg, c.nth, got, c.want)
		}
	}
}
