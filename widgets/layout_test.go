package widgets

import (
	"reflect"
	"strings"
	"testing"
)

// mono measures 10 per code point: enough to test the layout logic.
func mono(rs []rune) float32 { return float32(10 * len(rs)) }

// wrapMono wraps s with mono metrics and returns its lines as strings.
func wrapMono(s string, maxW float32) []string {
	p := []rune(s)
	toks := tokenize(p)
	widths := make([]float32, len(toks))
	start := int32(0)
	for i, t := range toks {
		widths[i] = mono(p[start:t.end()])
		start = t.end()
	}
	starts := wrap(p, toks, widths, maxW, mono)
	var lines []string
	for i, st := range starts {
		end := int32(len(p))
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		lines = append(lines, string(p[st:end]))
	}
	return lines
}

func TestWrap(t *testing.T) {
	tests := []struct {
		name string
		text string
		maxW float32
		want []string
	}{
		{"empty", "", 100, []string{""}},
		{"fits", "hello world", 200, []string{"hello world"}},
		{"breaks at space", "hello world again", 120, []string{"hello world ", "again"}},
		{"spaces hang", "ab    cd", 30, []string{"ab    ", "cd"}},
		{"long word broken", "abcdefghijkl", 50, []string{"abcde", "fghij", "kl"}},
		{"long word after text", "ab abcdefgh", 50, []string{"ab ", "abcde", "fgh"}},
		{"combining marks stay", "e\u0301e\u0301e\u0301e\u0301", 40, []string{"e\u0301e\u0301", "e\u0301e\u0301"}},
		{"emoji cluster stays", "👩‍👩‍👧👩‍👩‍👧", 50, []string{"👩‍👩‍👧", "👩‍👩‍👧"}},
		{"cjk breaks anywhere", "日本語のテキスト", 30, []string{"日本語", "のテキ", "スト"}},
		{"arabic words", "مرحبا بالعالم", 70, []string{"مرحبا ", "بالعالم"}},
		{"tab to stop", "a\tb", 100, []string{"a\tb"}},
		{"tab wraps", "abcdefgh\tb", 85, []string{"abcdefgh", "\tb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wrapMono(tt.text, tt.maxW); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("wrap(%q, %v) got %q; want %q", tt.text, tt.maxW, got, tt.want)
			}
		})
	}
}

func TestWrapLongLine(t *testing.T) {
	text := strings.Repeat("word ", 10000)
	lines := wrapMono(text, 200)
	if got, want := strings.Join(lines, ""), text; got != want {
		t.Fatalf("lines do not add up to the text")
	}
	for i, l := range lines {
		if w := mono([]rune(strings.TrimRight(l, " "))); w > 200 {
			t.Fatalf("line %d %q is %v wide; want <= 200", i, l, w)
		}
	}
	if got, want := len(lines), 2500; got != want {
		t.Errorf("got %d lines; want %d", got, want)
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		text         string
		starts, ends []int
	}{
		{"", []int{0}, []int{0}},
		{"a", []int{0}, []int{1}},
		{"ab\n\ncd\n", []int{0, 3, 4, 7}, []int{2, 3, 6, 7}},
		{"ab\r\ncd", []int{0, 4}, []int{2, 6}},
	}
	for _, tt := range tests {
		starts, ends := paragraphs([]rune(tt.text))
		if !reflect.DeepEqual(starts, tt.starts) || !reflect.DeepEqual(ends, tt.ends) {
			t.Errorf("paragraphs(%q) got %v %v; want %v %v", tt.text, starts, ends, tt.starts, tt.ends)
		}
	}
}

func TestXToOffset(t *testing.T) {
	tests := []struct {
		line string
		x    float32
		want int
	}{
		{"", 50, 0},
		{"hello", -5, 0},
		{"hello", 14, 1},
		{"hello", 16, 2},
		{"hello", 999, 5},
		// "e" + combining acute is one cluster of two code points: never split.
		{"ae\u0301b", 18, 1},
		{"ae\u0301b", 28, 3},
		// An emoji family is five code points, one cluster.
		{"a👩‍👩‍👧b", 30, 1},
		{"a👩‍👩‍👧b", 45, 6},
		{"日本語", 12, 1},
		{"مرحبا", 21, 2},
	}
	for _, tt := range tests {
		line := []rune(tt.line)
		got := xToOffset(line, tt.x, func(n int) float32 { return mono(line[:n]) })
		if got != tt.want {
			t.Errorf("xToOffset(%q, %v) got %d; want %d", tt.line, tt.x, got, tt.want)
		}
	}
}

func TestCharAtX(t *testing.T) {
	tests := []struct {
		line string
		x    float32
		want int
	}{
		{"", 5, -1},
		{"hello", -1, -1},
		{"hello", 0, 0},
		{"hello", 19, 1},
		{"hello", 50, -1},
		{"ae\u0301b", 25, 1},
		{"ae\u0301b", 31, 3},
	}
	for _, tt := range tests {
		line := []rune(tt.line)
		got := charAtX(line, tt.x, func(n int) float32 { return mono(line[:n]) })
		if got != tt.want {
			t.Errorf("charAtX(%q, %v) got %d; want %d", tt.line, tt.x, got, tt.want)
		}
	}
}

func TestLineSegmentsAndLevels(t *testing.T) {
	spans := []span{
		{start: 0, end: 30, index: 0},  // long, outer
		{start: 5, end: 12, index: 1},  // nested in 0
		{start: 8, end: 20, index: 2},  // overlaps 1, inside 0
		{start: 25, end: 40, index: 3}, // reaches the next line
		{start: 12, end: 14, index: 4}, // starts where 1 ends: may reuse its level
	}
	sortSpans(spans)
	assignLevels(spans)
	levels := map[int]int{}
	for _, s := range spans {
		levels[s.index] = s.level
	}
	if want := map[int]int{0: 0, 1: 1, 2: 2, 3: 1, 4: 1}; !reflect.DeepEqual(levels, want) {
		t.Errorf("levels got %v; want %v", levels, want)
	}
	tests := []struct {
		start, end int
		want       []segment
	}{
		{0, 10, []segment{{0, 10, 0}, {5, 10, 1}, {8, 10, 2}}},
		{30, 40, []segment{{30, 40, 4}}},
		{40, 50, nil},
		{12, 12, nil},
	}
	for _, tt := range tests {
		got := lineSegments(tt.start, tt.end, spans)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("lineSegments(%d, %d) got %v; want %v", tt.start, tt.end, got, tt.want)
		}
	}
}

func TestSnapToWords(t *testing.T) {
	tests := []struct {
		text       string
		start, end int
		want       [2]int
	}{
		{"The quick brown fox", 6, 12, [2]int{4, 15}},
		{"The quick brown fox", 12, 6, [2]int{4, 15}},
		{"The quick brown fox", 3, 4, [2]int{3, 4}}, // only the space
		{"The quick brown fox", 5, 5, [2]int{5, 5}}, // empty stays empty
		{"don't stop", 1, 2, [2]int{0, 5}},
		{"café au lait", 1, 2, [2]int{0, 4}},
		{"cafe\u0301 x", 1, 2, [2]int{0, 5}},
		{"日本語です", 1, 2, [2]int{1, 2}},
		{"مرحبا بالعالم", 2, 8, [2]int{0, 13}},
		{"", 0, 0, [2]int{0, 0}},
	}
	for _, tt := range tests {
		s, e := snapToWords([]rune(tt.text), tt.start, tt.end)
		if got := [2]int{s, e}; got != tt.want {
			t.Errorf("snapToWords(%q, %d, %d) got %v; want %v", tt.text, tt.start, tt.end, got, tt.want)
		}
	}
}

func TestWordAt(t *testing.T) {
	tests := []struct {
		text string
		off  int
		want [2]int
	}{
		{"hello, world", 8, [2]int{7, 12}},
		{"hello, world", 5, [2]int{5, 5}},
		{"e-mail me", 0, [2]int{0, 6}},
		{"日本語", 1, [2]int{1, 2}},
		{"x", 1, [2]int{1, 1}},
	}
	for _, tt := range tests {
		s, e := wordAt([]rune(tt.text), tt.off)
		if got := [2]int{s, e}; got != tt.want {
			t.Errorf("wordAt(%q, %d) got %v; want %v", tt.text, tt.off, got, tt.want)
		}
	}
}

func TestLineTree(t *testing.T) {
	tr := newLineTree([]int{1, 3, 1, 2})
	tests := []struct{ k, para, line int }{
		{0, 0, 0}, {1, 1, 0}, {3, 1, 2}, {4, 2, 0}, {6, 3, 1}, {99, 3, 1}, {-1, 0, 0},
	}
	for _, tt := range tests {
		if p, l := tr.find(tt.k); p != tt.para || l != tt.line {
			t.Errorf("find(%d) got %d,%d; want %d,%d", tt.k, p, l, tt.para, tt.line)
		}
	}
	tr.set(1, 1)
	if got, want := tr.before(3), 3; got != want {
		t.Errorf("before(3) after set got %d; want %d", got, want)
	}
	if p, l := tr.find(3); p != 3 || l != 0 {
		t.Errorf("find(3) after set got %d,%d; want 3,0", p, l)
	}
	if got, want := tr.total, 5; got != want {
		t.Errorf("total got %d; want %d", got, want)
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		text string
		want []string // "kind:text" per token; w word, s space, t tab
	}{
		{"", nil},
		{"said Ana", []string{"w:said", "s: ", "w:Ana"}},
		{"a  \tb", []string{"w:a", "s:  ", "t:\t", "w:b"}},
		{"東京は", []string{"w:東", "w:京", "w:は"}},
		{"Cafe\u0301 ok", []string{"w:Cafe\u0301", "s: ", "w:ok"}},
		{"x\u00A0y", []string{"w:x", "s:\u00A0", "w:y"}},
	}
	kinds := map[uint8]string{tokWord: "w", tokSpace: "s", tokTab: "t"}
	for _, tt := range tests {
		p := []rune(tt.text)
		toks := tokenize(p)
		var got []string
		start := 0
		for _, tk := range toks {
			got = append(got, kinds[tk.kind()]+":"+string(p[start:tk.end()]))
			start = int(tk.end())
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("tokenize(%q) = %q; want %q", tt.text, got, tt.want)
		}
		if cap(toks)-len(toks) > max(len(toks)/8, 4) { // the allocator rounds small slices up
			t.Errorf("tokenize(%q): capacity %d for %d tokens; want the slice clipped", tt.text, cap(toks), len(toks))
		}
	}
}

func TestTipText(t *testing.T) {
	many := make([]string, 40)
	for i := range many {
		many[i] = "Person"
	}
	tests := []struct {
		labels []string
		want   string
	}{
		{[]string{"Claim"}, "Claim"},
		{[]string{"Claim", "Source"}, "Claim · Source"},
		{many, "Person ×40"},
		{append([]string{"Claim"}, append(many[:3:3], "Claim")...), "Claim ×2 · Person ×3"},
		{[]string{"A", "B", "C", "D", "E", "E", "F"}, "A · B · C · D · +3 more"},
	}
	for _, tt := range tests {
		if got := tipText(tt.labels); got != tt.want {
			t.Errorf("tipText(%q) = %q; want %q", tt.labels, got, tt.want)
		}
	}
}

func TestLineLayout(t *testing.T) {
	for _, tc := range []struct {
		name                     string
		size, textH, spacing, up float32
		want                     lineGeometry
	}{
		// 14 px text has a 20 px box: 1.5 x 14 = 21 leaves 1 px, less
		// than one underline and its gap, so the pitch is 20 + 3.
		{"book spacing, tight", 14, 20, 1.5, 0, lineGeometry{pitch: 23, textTop: 0, rows: 1}},
		{"one row and a half", 14, 20, 1.75, 0, lineGeometry{pitch: 24.5, textTop: 0, rows: 1}},
		{"two rows", 14, 20, 2, 0, lineGeometry{pitch: 28, textTop: 0, rows: 2}},
		{"three rows", 14, 20, 2.25, 0, lineGeometry{pitch: 31.5, textTop: 0, rows: 3}},
		{"never more rows than underlineRows", 14, 20, 4, 0, lineGeometry{pitch: 56, textTop: 0, rows: 3}},
		{"closer than the box is not closer", 14, 20, 0.5, 0, lineGeometry{pitch: 23, textTop: 0, rows: 1}},
		{"room above for arcs", 14, 20, 1.5, 12, lineGeometry{pitch: 35, textTop: 12, rows: 1}},
	} {
		if got := lineLayout(tc.size, tc.textH, tc.spacing, tc.up); got != tc.want {
			t.Errorf("%s: lineLayout(%v, %v, %v, %v) got %+v; want %+v", tc.name, tc.size, tc.textH, tc.spacing, tc.up, got, tc.want)
		}
	}
}

func TestUnderlineY(t *testing.T) {
	g := lineGeometry{pitch: 28, rows: 2}
	for _, tc := range []struct {
		row  int
		want float32
	}{{0, 21}, {1, 24}, {2, 24}, {5, 24}} {
		if got := g.underlineY(20, tc.row); got != tc.want {
			t.Errorf("underlineY(20, %d) with 2 rows got %v; want %v", tc.row, got, tc.want)
		}
	}
}

func TestColumnWidth(t *testing.T) {
	for _, tc := range []struct {
		room    float32
		measure int
		charW   float32
		want    float32
	}{
		{800, 75, 7, 525},   // a wide view: the measure
		{400, 75, 7, 400},   // narrower than the measure: the room
		{800, 0, 7, 800},    // no measure
		{800, 75, 0, 800},   // no character width yet
		{4, 75, 7, 10},      // never under 10
		{-30, 0, 7, 10},     // a view narrower than its paddings
		{1000, 10, 8.5, 85}, // a short measure
	} {
		if got := columnWidth(tc.room, tc.measure, tc.charW); got != tc.want {
			t.Errorf("columnWidth(%v, %d, %v) got %v; want %v", tc.room, tc.measure, tc.charW, got, tc.want)
		}
	}
}
