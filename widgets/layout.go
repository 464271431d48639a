package widgets

import (
	"slices"
	"sort"
	"unicode"

	"github.com/rivo/uniseg"
)

// This file holds the pure layout logic of the article view: splitting text
// into paragraphs and tokens, greedy line breaking, mapping offsets to x
// positions and back, and cutting highlights into per-line segments. None of
// it knows Fyne; text widths come in through measure functions so tests can
// use simple fixed-width metrics.

// tabStopWidth is the distance between tab stops in Fyne's text renderer
// (internal/painter: fontTabSpaceSize 10 times the default tab width 4).
const tabStopWidth = 40

// tabStop returns the x where a tab starting at x ends.
func tabStop(x float32) float32 {
	return float32(int(x/tabStopWidth)+1) * tabStopWidth
}

// lineGeometry places the parts of one line, in pixels from the line's
// top: the distance to the next line, where the text's box starts, and
// how many underline rows of stacked highlights fit under it.
type lineGeometry struct {
	pitch   float32 // from a line's top to the next line's top
	textTop float32 // the text's box (and its highlight band) starts here
	rows    int     // underline rows under the box, 1 to underlineRows
}

// lineLayout computes a line's geometry for text of size whose box is
// textH high: lines spacing times size apart, never closer than the box
// and one underline (the rows under the box that fit in the gap; nested
// highlights past them share the last row), with extraTop pixels above
// the text's box added to every line (room drawn in above the text, such
// as arcs between highlights).
func lineLayout(size, textH, spacing, extraTop float32) lineGeometry {
	below := max(spacing*size-textH, underlineGap+underlineH) // under the box
	rows := 1 + int((below-underlineGap-underlineH)/underlineStep)
	return lineGeometry{
		pitch:   extraTop + textH + below,
		textTop: extraTop,
		rows:    min(rows, underlineRows),
	}
}

// underlineY is the top of underline row (a highlight's stacking level)
// below a text box of height textH that starts at 0; levels past the rows
// that fit share the last.
func (g lineGeometry) underlineY(textH float32, row int) float32 {
	return textH + underlineGap + float32(min(row, g.rows-1)*underlineStep)
}

// columnWidth is the width lines wrap to: room, or the width of measure
// characters of width charW if that is narrower (0: no measure), never
// less than 10 pixels.
func columnWidth(room float32, measure int, charW float32) float32 {
	if measure > 0 && charW > 0 {
		room = min(room, float32(measure)*charW)
	}
	return max(room, 10)
}

// Token kinds.
const (
	tokWord  uint8 = iota // a run of non-space runes, or one CJK character
	tokSpace              // a run of spaces
	tokTab                // a single tab
)

// token is one unit of line breaking: its end and its kind in 32 bits (a
// 1 MB article has about 300,000). Its start is the end of the previous
// token (or 0); offsets are in code points, relative to the paragraph.
type token uint32

const tokEndBits = 30 // a paragraph is shorter than 2^30 code points (files are at most 50 MB)

func makeToken(end int, kind uint8) token { return token(uint32(kind)<<tokEndBits | uint32(end)) }

func (t token) end() int32  { return int32(t & (1<<tokEndBits - 1)) }
func (t token) kind() uint8 { return uint8(t >> tokEndBits) }

// paragraphs returns the start offsets of the paragraphs of text (split at
// '\n') and, for each, its end (excluding the '\n' and a '\r' before it).
func paragraphs(text []rune) (starts, ends []int) {
	start := 0
	for i, r := range text {
		if r != '\n' {
			continue
		}
		end := i
		if end > start && text[end-1] == '\r' {
			end--
		}
		starts = append(starts, start)
		ends = append(ends, end)
		start = i + 1
	}
	end := len(text)
	if end > start && text[end-1] == '\r' {
		end--
	}
	return append(starts, start), append(ends, end)
}

// breaksAnywhere reports whether a line may break before and after r even
// without spaces: CJK ideographs, kana and fullwidth forms.
func breaksAnywhere(r rune) bool {
	switch {
	case r < 0x2E80:
		return false
	case r >= 0x2E80 && r <= 0x9FFF, // CJK radicals .. unified ideographs, kana
		r >= 0xF900 && r <= 0xFAFF,   // compatibility ideographs
		r >= 0xFF00 && r <= 0xFFEF,   // fullwidth forms
		r >= 0x20000 && r <= 0x3FFFF: // ideograph extensions
		return true
	}
	return false
}

// attaches reports whether r belongs to the character before it (combining
// marks, joiners, variation selectors, emoji modifiers).
func attaches(r rune) bool {
	return unicode.Is(unicode.M, r) || r == 0x200D || (r >= 0xFE00 && r <= 0xFE0F) ||
		(r >= 0x1F3FB && r <= 0x1F3FF) || (r >= 0xE0020 && r <= 0xE007F)
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\u00A0' || r == '\u3000' || (r != '\t' && r != '\n' && r != '\r' && unicode.IsSpace(r))
}

// tokenize cuts a paragraph into tokens, in a slice of its exact length:
// the tokens of every paragraph measured stay in memory.
func tokenize(p []rune) []token {
	toks := make([]token, 0, len(p)/3+1)
	i := 0
	for i < len(p) {
		r := p[i]
		j := i + 1
		kind := tokWord
		switch {
		case r == '\t':
			kind = tokTab
		case isSpace(r):
			kind = tokSpace
			for j < len(p) && isSpace(p[j]) {
				j++
			}
		case breaksAnywhere(r):
			for j < len(p) && attaches(p[j]) {
				j++
			}
		default:
			for j < len(p) && p[j] != '\t' && !isSpace(p[j]) && !breaksAnywhere(p[j]) {
				j++
			}
		}
		toks = append(toks, makeToken(j, kind))
		i = j
	}
	if cap(toks) > len(toks)+len(toks)/8 {
		toks = slices.Clone(toks)
	}
	return toks
}

// graphemeBounds returns the offsets (in code points, relative to s) of the
// grapheme cluster boundaries of s, including 0 and len(s).
func graphemeBounds(s []rune) []int {
	bounds := make([]int, 0, len(s)+1)
	bounds = append(bounds, 0)
	str := string(s)
	state := -1
	n := 0
	for len(str) > 0 {
		var cluster string
		cluster, str, _, state = uniseg.FirstGraphemeClusterInString(str, state)
		for range cluster {
			n++
		}
		bounds = append(bounds, n)
	}
	return bounds
}

// wrap breaks a paragraph into lines no wider than maxW, greedily, and
// returns the start offset of each line (the first is 0). widths holds the
// width of each token (tabs are ignored: they advance to the next tab stop).
// Spaces at the end of a line hang past maxW. A word wider than maxW is broken
// between grapheme clusters; measure gives the width of such a piece.
func wrap(p []rune, toks []token, widths []float32, maxW float32, measure func([]rune) float32) []int32 {
	lines := []int32{0}
	x := float32(0)
	lineStart := int32(0)
	start := int32(0)
	for i, t := range toks {
		switch t.kind() {
		case tokSpace:
			x += widths[i]
		case tokTab:
			next := tabStop(x)
			if next > maxW && start > lineStart {
				lines = append(lines, start)
				lineStart = start
				next = tabStop(0)
			}
			x = next
		default:
			w := widths[i]
			if x+w > maxW && start > lineStart {
				lines = append(lines, start)
				lineStart = start
				x = 0
			}
			if w > maxW {
				lines, lineStart, x = breakWord(p, start, t.end(), lines, lineStart, x, maxW, measure)
				break
			}
			x += w
		}
		start = t.end()
	}
	return lines
}

// breakWord lays out the word p[start:end], too wide for a line, breaking it
// between grapheme clusters. It returns the updated lines, line start and x.
func breakWord(p []rune, start, end int32, lines []int32, lineStart int32, x, maxW float32, measure func([]rune) float32) ([]int32, int32, float32) {
	bounds := graphemeBounds(p[start:end])
	for k := 1; k < len(bounds); k++ {
		a, b := start+int32(bounds[k-1]), start+int32(bounds[k])
		w := measure(p[a:b])
		if x+w > maxW && a > lineStart {
			lines = append(lines, a)
			lineStart = a
			x = 0
		}
		x += w
	}
	return lines, lineStart, x
}

// xToOffset returns the grapheme boundary of a line nearest to x, in code
// points relative to the line. prefixW(n) is the width of the line's first
// n code points and must grow with n.
func xToOffset(line []rune, x float32, prefixW func(n int) float32) int {
	if x <= 0 || len(line) == 0 {
		return 0
	}
	bounds := graphemeBounds(line)
	// Find the first boundary whose prefix reaches x, then pick the nearer
	// of it and the one before.
	i := sort.Search(len(bounds), func(i int) bool { return prefixW(bounds[i]) >= x })
	if i == len(bounds) {
		return len(line)
	}
	if i == 0 {
		return 0
	}
	before, after := prefixW(bounds[i-1]), prefixW(bounds[i])
	if x-before < after-x {
		return bounds[i-1]
	}
	return bounds[i]
}

// lineIndex returns the index of the line containing offset off, given the
// sorted line starts.
func lineIndex(starts []int32, off int) int {
	i := sort.Search(len(starts), func(i int) bool { return int(starts[i]) > off })
	if i == 0 {
		return 0
	}
	return i - 1
}

// span is a highlight reduced to what layout needs.
type span struct {
	start, end int
	level      int // stacking level among overlapping spans, 0 is the outermost
	index      int // index of the highlight in the caller's slice
}

// assignLevels gives each span the smallest level not used by an earlier
// span it overlaps, so overlapping spans get distinct underline rows. spans
// must be sorted by start (longer first on ties).
func assignLevels(spans []span) {
	var levelEnds []int // end of the last span placed on each level
	for i := range spans {
		s := &spans[i]
		s.level = -1
		for l, e := range levelEnds {
			if e <= s.start {
				s.level = l
				levelEnds[l] = s.end
				break
			}
		}
		if s.level < 0 {
			s.level = len(levelEnds)
			levelEnds = append(levelEnds, s.end)
		}
	}
}

// sortSpans orders spans by start, longer first when starts are equal.
func sortSpans(spans []span) {
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		if spans[i].end != spans[j].end {
			return spans[i].end > spans[j].end
		}
		return spans[i].index < spans[j].index
	})
}

// segment is the part of a span on one line, in offsets of the text.
type segment struct {
	start, end int
	span       int // index into the spans slice
}

// lineSegments returns the parts of spans that fall on the line
// [lineStart, lineEnd). A span ending exactly at lineStart is not on the
// line; an empty line gets no segments.
func lineSegments(lineStart, lineEnd int, spans []span) []segment {
	if lineStart >= lineEnd {
		return nil
	}
	var segs []segment
	for i, s := range spans {
		if s.start >= lineEnd {
			break
		}
		if s.end <= lineStart {
			continue
		}
		segs = append(segs, segment{start: max(s.start, lineStart), end: min(s.end, lineEnd), span: i})
	}
	return segs
}

// isWordRune reports whether r is part of a word for word snapping.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r) || r == '_' || r == 0x200D
}

// wordRune reports whether text[i] can be part of a word: letters, digits
// and marks, and an apostrophe or hyphen between two letters (so "don't" and
// "e-mail" stay whole).
func wordRune(text []rune, i int) bool {
	r := text[i]
	if isWordRune(r) {
		return true
	}
	switch r {
	case '\'', '’', '-':
		return i > 0 && i+1 < len(text) && unicode.IsLetter(text[i-1]) && unicode.IsLetter(text[i+1])
	}
	return false
}

// joined reports whether the boundary before text[i] lies inside a word.
func joined(text []rune, i int) bool {
	if i <= 0 || i >= len(text) {
		return false
	}
	if attaches(text[i]) {
		return true
	}
	if breaksAnywhere(text[i]) || breaksAnywhere(text[i-1]) {
		return false
	}
	return wordRune(text, i-1) && wordRune(text, i)
}

// wordAt returns the word containing text[off]; CJK characters are words of
// their own. It returns the empty range at off when text[off] is not part of
// a word.
func wordAt(text []rune, off int) (start, end int) {
	if off < 0 || off >= len(text) || !wordRune(text, off) && !breaksAnywhere(text[off]) {
		return off, off
	}
	start, end = off, off+1
	for joined(text, start) {
		start--
	}
	for joined(text, end) {
		end++
	}
	return start, end
}

// snapToWords widens [start, end) to whole words: a start inside a word moves
// back to the word's start, an end inside a word forward to its end. An empty
// range stays as it is.
func snapToWords(text []rune, start, end int) (int, int) {
	if start > end {
		start, end = end, start
	}
	if start == end {
		return start, end
	}
	for joined(text, start) {
		start--
	}
	for joined(text, end) {
		end++
	}
	return start, end
}

// trimSpace narrows [start, end) of text to leave out the white space at
// its ends; a range of white space only becomes empty (start == end).
func trimSpace(text []rune, start, end int) (int, int) {
	for start < end && unicode.IsSpace(text[start]) {
		start++
	}
	for end > start && unicode.IsSpace(text[end-1]) {
		end--
	}
	return start, end
}

// lineTree counts the lines of each paragraph and answers prefix sums and
// "which paragraph holds line k" in O(log n): a Fenwick tree.
type lineTree struct {
	tree   []int // 1-based Fenwick array
	counts []int // lines per paragraph
	total  int
}

func newLineTree(counts []int) *lineTree {
	t := &lineTree{tree: make([]int, len(counts)+1), counts: counts}
	for i, c := range counts {
		t.total += c
		j := i + 1
		t.tree[j] += c
		if k := j + j&-j; k < len(t.tree) {
			t.tree[k] += t.tree[j]
		}
	}
	return t
}

// set changes the line count of paragraph i.
func (t *lineTree) set(i, count int) {
	d := count - t.counts[i]
	if d == 0 {
		return
	}
	t.counts[i] = count
	t.total += d
	for j := i + 1; j < len(t.tree); j += j & -j {
		t.tree[j] += d
	}
}

// before returns the number of lines in paragraphs [0, i).
func (t *lineTree) before(i int) int {
	n := 0
	for j := i; j > 0; j -= j & -j {
		n += t.tree[j]
	}
	return n
}

// find returns the paragraph holding global line k and k's index within it.
// k is clamped to the existing lines.
func (t *lineTree) find(k int) (para, line int) {
	if k >= t.total {
		k = t.total - 1
	}
	if k < 0 {
		k = 0
	}
	pos := 0
	rem := k
	step := 1
	for step*2 < len(t.tree) {
		step *= 2
	}
	for ; step > 0; step /= 2 {
		if next := pos + step; next < len(t.tree) && t.tree[next] <= rem {
			pos = next
			rem -= t.tree[next]
		}
	}
	return pos, rem
}

// charAtX returns the offset (relative to the line) of the grapheme cluster
// under x, or -1 when x is before the line or past its end.
func charAtX(line []rune, x float32, prefixW func(n int) float32) int {
	if x < 0 || len(line) == 0 {
		return -1
	}
	bounds := graphemeBounds(line)
	i := sort.Search(len(bounds), func(i int) bool { return prefixW(bounds[i]) > x })
	if i == len(bounds) {
		return -1
	}
	return bounds[max(i-1, 0)]
}

// isRTL reports whether r is a strong right-to-left character: a letter (or
// mark) of a script written right to left.
func isRTL(r rune) bool {
	if r < 0x0590 {
		return false
	}
	return unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana,
		unicode.Nko, unicode.Samaritan, unicode.Mandaic, unicode.Adlam) &&
		(unicode.IsLetter(r) || unicode.IsMark(r))
}

// mirror maps an x of the line laid out left to right to where it is
// drawn: inside a right-to-left run (whose extent runsX gives) it is
// mirrored about the run's middle. It is its own inverse, so it also maps a
// point clicked back to the left-to-right layout.
func mirror(x float32, runsX [][2]float32) float32 {
	for _, r := range runsX {
		if x > r[0] && x < r[1] {
			return r[0] + r[1] - x
		}
	}
	return x
}

// pieces returns where the text [s, e) of a line is drawn, as x intervals:
// one, or more where it crosses the edge of a right-to-left run. xOf gives
// the left-to-right x of an offset; runs are offsets, runsX their extents.
func pieces(s, e int, xOf func(int) float32, runs [][2]int, runsX [][2]float32) [][2]float32 {
	if len(runs) == 0 { // the common case: a left-to-right line
		return [][2]float32{{xOf(s), xOf(e)}}
	}
	cuts := []int{s}
	for _, r := range runs {
		for _, c := range r {
			if c > s && c < e {
				cuts = append(cuts, c)
			}
		}
	}
	cuts = append(cuts, e)
	out := make([][2]float32, 0, len(cuts)-1)
	for i := 1; i < len(cuts); i++ {
		a, b := mirror(xOf(cuts[i-1]), runsX), mirror(xOf(cuts[i]), runsX)
		if in := runIndex(cuts[i-1], cuts[i], runs); in >= 0 {
			// Both ends inside or on the edge of one run: mirror each.
			r := runsX[in]
			a, b = r[0]+r[1]-xOf(cuts[i-1]), r[0]+r[1]-xOf(cuts[i])
		}
		out = append(out, [2]float32{min(a, b), max(a, b)})
	}
	return out
}

// runIndex returns the run holding the whole of [s, e), or -1.
func runIndex(s, e int, runs [][2]int) int {
	for i, r := range runs {
		if s >= r[0] && e <= r[1] {
			return i
		}
	}
	return -1
}
