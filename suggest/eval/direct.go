package eval

import (
	"unicode"

	"glossa/annotation"
)

// quoteFamily says which family a quote mark belongs to: 2 double, 1
// single, 0 not a quote mark. Which of them opens depends on the language
// (“…” in English, „…“ in German, ”…” in Swedish, »…« in Danish), so any
// mark may open or close: the letters beside it decide.
func quoteFamily(r rune) int {
	switch r {
	case '"', '“', '”', '„', '‟', '«', '»', '＂':
		return 2
	case '\'', '‘', '’', '‚', '‛', '‹', '›':
		return 1
	}
	return 0
}

// isWord reports whether r belongs to a word: a letter, digit or mark.
func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// Direct reports whether a content with spans is a direct quote in text:
// whether its first letter or digit and more than half of all the
// letters and digits of its spans stand inside quote marks (the package
// doc gives the rule).
func Direct(text []rune, spans []annotation.Span) bool {
	if len(spans) == 0 {
		return false
	}
	start, end := len(text), 0
	for _, sp := range spans {
		start, end = min(start, max(sp.Start, 0)), max(end, min(sp.End, len(text)))
	}
	if start >= end {
		return false
	}
	// Take in the opening mark of a content written without its marks.
	p := start
	for p > 0 && unicode.IsSpace(text[p-1]) && text[p-1] != '\n' {
		p--
	}
	if p > 0 && quoteFamily(text[p-1]) != 0 {
		start = p - 1
	}
	in := make([]bool, end-start) // inside quote marks, by position
	var open []rune               // the marks open, innermost last
	for i := start; i < end; i++ {
		r := text[i]
		if fam := quoteFamily(r); fam != 0 {
			before, after := flanked(text, i)
			switch k := innermost(open, fam); {
			case fam == 1 && i > 0 && i+1 < len(text) && unicode.IsLetter(text[i-1]) && unicode.IsLetter(text[i+1]):
				// an apostrophe: don't, O'Brien
			case after && !before:
				open = append(open, r)
			case k >= 0:
				open = open[:k] // and any opened inside it and left open
			case after:
				open = append(open, r)
			}
		}
		in[i-start] = len(open) > 0
	}
	letters, inside := 0, 0
	for _, sp := range spans {
		for i := max(sp.Start, start); i < min(sp.End, end); i++ {
			if !isWord(text[i]) {
				continue
			}
			if letters == 0 && !in[i-start] {
				return false // it opens outside quote marks: S said the plan was "a disaster"
			}
			letters++
			if in[i-start] {
				inside++
			}
		}
	}
	return letters > 0 && 2*inside > letters
}

// flanked reports whether the quote mark at i has a word (or the
// punctuation that ends one) just before it and a word (or another quote
// mark) just after it. Guillemets may stand one space from their words, as
// French sets them (« Non »).
func flanked(text []rune, i int) (before, after bool) {
	b, a := i-1, i+1
	if g := text[i]; g == '«' || g == '»' || g == '‹' || g == '›' {
		if b > 0 && unicode.IsSpace(text[b]) && text[b] != '\n' {
			b--
		}
		if a+1 < len(text) && unicode.IsSpace(text[a]) && text[a] != '\n' {
			a++
		}
	}
	before = b >= 0 && (isWord(text[b]) || unicode.IsPunct(text[b]) && quoteFamily(text[b]) == 0)
	after = a < len(text) && (isWord(text[a]) || quoteFamily(text[a]) != 0)
	return before, after
}

// innermost returns the index of the innermost open mark of family fam, or
// -1.
func innermost(open []rune, fam int) int {
	for k := len(open) - 1; k >= 0; k-- {
		if quoteFamily(open[k]) == fam {
			return k
		}
	}
	return -1
}
