package eval

import (
	"slices"
	"strings"
)

// headStops end the first phrase of a source: the words that open a
// prepositional phrase or a relative clause after a name or a role (the
// spokesman for the ministry, Renate Stiller von der Bürgerinitiative, la
// porte-parole du ministère), in the languages the suggester reads.
var headStops = map[string]bool{
	"of": true, "for": true, "from": true, "to": true, "at": true, "in": true, "on": true, "with": true, "by": true, "about": true,
	"who": true, "which": true, "that": true, "whose": true,
	"von": true, "vom": true, "aus": true, "bei": true, "für": true, "zu": true, "der": true, "des": true,
	"de": true, "du": true, "d": true, "à": true, "au": true, "aux": true, "pour": true, "qui": true, "di": true, "del": true, "della": true,
}

// words splits s into words (letters, digits and marks), lower case.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !isWord(r) })
}

// sourceHeads are the head words of a source span's text: the last word
// of its first phrase, which ends at the first comma, parenthesis, dash or
// semicolon (Flynn, a top Trump surrogate) or at a word of headStops after
// its first word (a spokesman for the ministry), and the same of the
// apposition after that comma, which names the same speaker (Kowalczyk of
// its lead author, Dr. Ines Kowalczyk).
func sourceHeads(text string) []string {
	var heads []string
	for k := 0; k < 2 && text != ""; k++ {
		phrase, rest := text, ""
		if i := strings.IndexAny(text, ",(–—;"); i >= 0 {
			phrase, rest = text[:i], text[i+1:]
		}
		ws := words(phrase)
		for i := 1; i < len(ws); i++ {
			if headStops[ws[i]] {
				ws = ws[:i]
				break
			}
		}
		if len(ws) > 0 {
			heads = append(heads, ws[len(ws)-1])
		}
		text = rest
	}
	return heads
}

// cueHeads is the head word of a cue span's text: its first word (the
// verb of said Thursday morning, according of according to); a cue
// without a word (a colon) is its own head.
func cueHeads(text string) []string {
	if ws := words(text); len(ws) > 0 {
		return ws[:1]
	}
	return []string{strings.TrimSpace(text)}
}

// holdsHead reports whether sugg overlaps gold and holds one of gold's
// head words (heads is sourceHeads or cueHeads).
func holdsHead(text []rune, gold, sugg extent, heads func(string) []string) bool {
	if len(gold) == 0 || gold.intersect(sugg) == 0 {
		return false
	}
	hs := heads(string(text[gold[0].s:gold[0].e]))
	for _, r := range sugg {
		s := string(text[r.s:r.e])
		for _, w := range append(words(s), strings.TrimSpace(s)) {
			if w != "" && slices.Contains(hs, w) {
				return true
			}
		}
	}
	return false
}
