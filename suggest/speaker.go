package suggest

import (
	"strings"
	"unicode"

	"glossa/annotation"
)

// token is a word or one punctuation rune, in code points.
type token struct {
	start, end int
	para       int    // paragraph (line) number
	word       bool   // letters and digits, else one punctuation rune
	lower      string // lower case text
	upper      bool   // a word starting with a capital
}

// abbreviations whose full stop belongs to the word.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "sen": true, "rep": true,
	"gov": true, "st": true, "lt": true, "col": true, "capt": true, "sgt": true, "jr": true, "sr": true,
	"maj": true, "adm": true, "rev": true, "pres": true, "supt": true, "insp": true,
	"corp": true, "inc": true, "ltd": true, "co": true, "bros": true, "no": true, "vs": true, "dept": true,
	"govt": true, "sept": true, "oct": true, "nov": true, "dec": true, "jan": true, "feb": true, "aug": true,
}

// tokenize splits rs into words and punctuation. A word holds inner
// apostrophes, hyphens and full stops (O'Brien, Russia’s, U.S) and the
// commas of a number (1,200); a full stop
// after an abbreviation or an initial belongs to it (Mr., U.S.).
func tokenize(rs []rune) []token {
	toks := make([]token, 0, len(rs)/5+1)
	para := 0
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r == '\n':
			if len(toks) > 0 && toks[len(toks)-1].para == para {
				para++ // blank lines between paragraphs count once
			}
			i++
		case unicode.IsSpace(r):
			i++
		case wordRune(r):
			j := i + 1
			dot := false
			for j < len(rs) {
				if wordRune(rs[j]) {
					j++
					continue
				}
				if rs[j] == '-' && frenchSubject(rs[j+1:]) {
					break // dit-il, a-t-elle: the pronoun is a word of its own
				}
				if strings.ContainsRune("'’-.", rs[j]) && j+1 < len(rs) && wordRune(rs[j+1]) ||
					rs[j] == ',' && j+1 < len(rs) && unicode.IsDigit(rs[j+1]) && unicode.IsDigit(rs[j-1]) {
					dot = dot || rs[j] == '.'
					j += 2
					continue
				}
				break
			}
			// the plural possessive: Teachers' union, the workers’ pay
			if j+2 < len(rs) && (rs[j] == '\'' || rs[j] == '’') && (rs[j-1] == 's' || rs[j-1] == 'S') &&
				rs[j+1] == ' ' && unicode.IsLetter(rs[j+2]) {
				j++
			}
			w := string(rs[i:j])
			lw := strings.ToLower(w)
			// a full stop before a comma or a closing bracket ends no
			// sentence: a state's abbreviation (Sen. X (D-Mo.) said; X, R-Ky., said)
			if j < len(rs) && rs[j] == '.' && (dot || abbreviations[lw] || (j-i == 1 && unicode.IsUpper(r)) ||
				j+1 < len(rs) && (rs[j+1] == ',' || rs[j+1] == ')') && unicode.IsUpper(r)) {
				j++
				w += "."
				lw += "."
			}
			toks = append(toks, token{start: i, end: j, para: para, word: true, lower: lw, upper: unicode.IsUpper(r)})
			i = j
		default:
			// a two-rune quote mark ('' or ``) is one token
			m, w := markAt(rs, i)
			toks = append(toks, token{start: i, end: i + w, para: para, lower: string(m)})
			i += w
		}
	}
	return toks
}

// frenchPronouns are the subjects French writes after its verb with a
// hyphen in an inverted attribution (dit-il, a-t-elle assuré).
var frenchPronouns = setOf(`il elle ils elles`)

// frenchSubject reports whether rs starts with a French subject pronoun
// that ends its word: the part after the hyphen of "dit-il".
func frenchSubject(rs []rune) bool {
	n := 0
	for n < len(rs) && unicode.IsLetter(rs[n]) {
		n++
	}
	return n > 0 && (n == len(rs) || !wordRune(rs[n]) && rs[n] != '-' && rs[n] != '\'' && rs[n] != '’') &&
		frenchPronouns[strings.ToLower(string(rs[:n]))]
}

// roleWords are lower-case words that belong to a speaker's noun phrase:
// roles, titles, groups and the institutions people speak for.
var roleWords = setOf(`spokesman spokeswoman spokesperson spokespeople official officials minister
secretary president director chief head leader lawyer lawyers attorney analyst analysts expert experts
researcher researchers source sources police officer officers people resident residents witness
witnesses aide aides adviser advisers advisor advisors diplomat diplomats representative
representatives member members senator governor mayor ambassador deputy assistant former senior
foreign prime vice executive chairman chairwoman chair commissioner authorities government ministry
department agency company statement report study survey group activists critics scientists doctor
doctors professor economist economists prosecutor prosecutors investigators investigator
spokespersons military army general campaign party opposition state federal local regional
international national white house press office embassy court judge lawmakers lawmaker legislator
legislators candidate manager managers owner founder ceo chief-executive co-founder organizers
organisers protesters demonstrators voters workers employees union unions one two three several some
many most both other another top u.s. un eu nato`)

// role reports whether w is a role word or its plural (judges, mayors).
func role(w string) bool {
	return roleWords[w] || (strings.HasSuffix(w, "s") && roleWords[w[:len(w)-1]])
}

// glue words may stand inside a noun phrase, between its words: "of" and
// "for" between a role and an institution, and the particles of names
// (Pieter van Damme, Ursula von der Leyen, Lula da Silva).
var glue = setOf(`of for the a an at van von der den de da di du del della dos das bin ibn al el le la ter ten`)

// determiners may start a noun phrase.
var determiners = setOf(`the a an one two three several some many most both another other`)

// loneDeterminers may be a speaker with no noun after them ("…," said
// another).
var loneDeterminers = setOf(`another one others some many several both`)

// pronouns a speaker may be (German er and sie too).
var pronouns = setOf(`he she they it we er sie`)

// stopWords are capitalised words that do not start a speaker: sentence
// adverbs, conjunctions, days and months.
var stopWords = setOf(`but and so yet then also however meanwhile later still now on in at when while
after before as if though although because since last this that there here it its his her their
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december today yesterday tomorrow in-a earlier asked`)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// npWord reports whether t may be part of a speaker's noun phrase.
func npWord(t token) bool {
	if !t.word || stopWords[t.lower] {
		return false
	}
	return t.upper || role(t.lower) || glue[t.lower] || possessive(t.lower)
}

// possessive reports whether a lower-case word is a possessive
// (Russia’s, the union's, Teachers').
func possessive(w string) bool {
	return strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "s'") ||
		strings.HasSuffix(w, "s’")
}

// speaker is a noun phrase found next to a cue: tokens [from, to).
type speaker struct {
	from, to int
	kind     string // "named", "group" or "pronoun"
}

// classify names what kind of speaker tokens [from, to) are; "" if none.
func (x *extractor) classify(from, to int) string {
	if from >= to {
		return ""
	}
	if to-from == 1 && pronouns[x.toks[from].lower] {
		return "pronoun"
	}
	named := false
	for _, t := range x.toks[from:to] {
		if t.upper && !determiners[t.lower] && !stopWords[t.lower] {
			named = true
		}
	}
	if named {
		return "named"
	}
	for _, t := range x.toks[from:to] {
		if role(t.lower) && !determiners[t.lower] && !glue[t.lower] {
			return "group"
		}
	}
	return ""
}

// npAfter reads a speaker starting at token i, within paragraph para.
func (x *extractor) npAfter(i, para int) (speaker, bool) {
	if i >= len(x.toks) || x.toks[i].para != para {
		return speaker{}, false
	}
	if pronouns[x.toks[i].lower] {
		return speaker{i, i + 1, "pronoun"}, true
	}
	j := i
	for j < len(x.toks) && j-i < 12 && x.toks[j].para == para && npWord(x.toks[j]) {
		j++
	}
	// "said central bank governor Lena Park": lower-case modifiers
	// before a title or a name belong to the phrase.
	// No preposition stands among them, and no verb after a name ("Blige
	// sings to Clinton" is a name and a verb).
	for m := j; m < len(x.toks) && m-j < 4 && x.toks[m].para == para && x.toks[m].word &&
		!stopWords[x.toks[m].lower] && !x.isVerb(m) && !prepositions[x.toks[m].lower] && !(j > i && x.verbSlot(m)); m++ {
		if npWord(x.toks[m]) && !glue[x.toks[m].lower] {
			for j = m; j < len(x.toks) && j-i < 12 && x.toks[j].para == para && npWord(x.toks[j]); j++ {
			}
			break
		}
	}
	for j > i && glue[x.toks[j-1].lower] {
		j--
	}
	k := x.classify(i, j)
	if k == "" && determiners[x.toks[i].lower] {
		// "said the coach": a determiner and up to three words before
		// the end of the clause.
		for m := i + 1; m < len(x.toks) && m-i <= 4 && x.toks[m].para == para; m++ {
			t := x.toks[m]
			if !t.word || stopWords[t.lower] || x.isVerb(m) {
				// "said another", "said one": the determiner alone
				if !t.word && (m > i+1 || loneDeterminers[x.toks[i].lower]) {
					return speaker{i, m, "group"}, true
				}
				break
			}
		}
	}
	return speaker{i, j, k}, k != ""
}

// detPhrase reads "the coach", "a senior Western diplomat": a determiner
// and up to three words ending just before token i, a phrase that only
// the position right before a reporting verb makes a speaker.
func (x *extractor) detPhrase(i, para int) (speaker, bool) {
	for d := i - 1; d >= 0 && i-d <= 4 && x.toks[d].para == para && x.toks[d].word && !x.isVerb(d); d-- {
		if determiners[x.toks[d].lower] || possessive(x.toks[d].lower) {
			if d == i-1 {
				return speaker{}, false
			}
			return speaker{d, i, "group"}, true
		}
		if stopWords[x.toks[d].lower] {
			break
		}
	}
	return speaker{}, false
}

// npBefore reads a speaker ending just before token i (exclusive),
// within paragraph para.
func (x *extractor) npBefore(i, para int) (speaker, bool) {
	if i <= 0 || x.toks[i-1].para != para {
		return speaker{}, false
	}
	// A parenthesis after a name is part of it: a party and state tag,
	// an age, a place (Sen. Claire McCaskill (D-Mo.), Jo Reyes (41)).
	if x.toks[i-1].lower == ")" {
		for p := i - 2; p > 0 && i-p <= 8 && x.toks[p].para == para; p-- {
			if x.toks[p].lower == "(" {
				if who, ok := x.npBefore(p, para); ok && who.kind == "named" {
					who.to = i
					return who, true
				}
				break
			}
			if x.toks[p].lower == ")" || sentenceEnd(x.toks[p]) {
				break
			}
		}
		return speaker{}, false
	}
	if pronouns[x.toks[i-1].lower] {
		return speaker{i - 1, i, "pronoun"}, true
	}
	j := i
	for j > 0 && i-j < 12 && x.toks[j-1].para == para && npWord(x.toks[j-1]) {
		j--
	}
	for j < i && glue[x.toks[j].lower] && !determiners[x.toks[j].lower] {
		j++
	}
	k := x.classify(j, i)
	if k == "" {
		return x.detPhrase(i, para)
	}
	return speaker{j, i, k}, true
}

// isVerb reports whether token i is a verb of saying, a quote's cue.
func (x *extractor) isVerb(i int) bool {
	return x.isCue(i) && x.verbs[x.toks[i].lower] == speech
}

// isCue reports whether token i is a reporting verb of either class: a
// form of the lexicon in lower case, not after an article or a possessive
// (the states, a report, his claim are nouns).
func (x *extractor) isCue(i int) bool {
	return i >= 0 && i < len(x.toks) && x.toks[i].word && (!x.toks[i].upper || x.titleWord(i)) &&
		x.verbs[x.toks[i].lower] != 0 && !(i > 0 && nounMarkers[x.toks[i-1].lower])
}

// titleWord reports whether token i is a word of a headline in Title
// Case, not its first, where a capital says nothing of a verb ("…, Lindsey
// Graham Says").
func (x *extractor) titleWord(i int) bool {
	return x.titleCaseHead && x.toks[i].para == 0 && i > 0
}

// headlineInTitleCase reports whether the first paragraph is a headline
// in Title Case: three or more words of four letters or more after the
// first, nearly all capitalised.
func (x *extractor) headlineInTitleCase() bool {
	long, upper := 0, 0
	for i := 1; i < len(x.toks) && x.toks[i].para == 0; i++ {
		if t := x.toks[i]; t.word && len([]rune(t.lower)) >= 4 {
			long++
			if t.upper {
				upper++
			}
		}
	}
	return long >= 3 && upper*4 >= long*3
}

// nounMarkers make the word after them a noun.
var nounMarkers = setOf(`the a an his her its their our your my this these those`)

// subjectOf reads the speaker before the verb at token v: right before it
// (S said), or before a parenthesis set off by commas (S, in a statement,
// said; S, 45, said).
func (x *extractor) subjectOf(v, para int) (speaker, bool) {
	if who, ok := x.npBefore(v, para); ok {
		return who, true
	}
	if v < 1 || x.toks[v-1].lower != "," {
		return speaker{}, false
	}
	for c := v - 2; c > 0 && v-c <= 16 && x.toks[c].para == para; c-- {
		t := x.toks[c]
		if sentenceEnd(t) || (!t.word && isMark([]rune(t.lower)[0])) {
			break
		}
		if t.lower == "," {
			who, ok := x.npBefore(c, para)
			if ok && who.kind != "pronoun" && x.appositionStart(c+1) {
				who.to = v - 1 // Bev Okafor, the local convenor, said
			}
			if !ok {
				// Its lead author, Dr. Ines Kowalczyk, said: the name
				// in the parenthesis.
				if in, iok := x.npBefore(v-1, para); iok && in.from == c+1 && in.kind == "named" {
					return in, true
				}
			}
			return who, ok
		}
	}
	return speaker{}, false
}

// appositionStart reports whether the words from token i may describe the
// speaker before them: "secretary of the union", "a spokesman", "67",
// "who runs a café" (not "speaking outside", not "in a statement").
func (x *extractor) appositionStart(i int) bool {
	if i >= len(x.toks) || !x.toks[i].word {
		return false
	}
	t := x.toks[i]
	if x.isVerb(i) || (strings.HasSuffix(t.lower, "ing") && !roleWords[t.lower]) {
		return false
	}
	return determiners[t.lower] || t.lower == "who" || unicode.IsDigit([]rune(t.lower)[0]) ||
		role(t.lower) || possessive(t.lower) || (t.upper && !stopWords[t.lower])
}

// withApposition extends a named speaker read after its verb over the
// appositions that follow it, up to two set off by commas:
// "said Tomasz Wren, secretary of the Harbour Workers' Union, speaking…"
// gives "Tomasz Wren, secretary of the Harbour Workers' Union".
func (x *extractor) withApposition(who speaker, para int) speaker {
	if who.kind == "pronoun" {
		return who
	}
	safe := -1 // who.to before the first long apposition
	for seg := 0; seg < 3; seg++ {
		c := who.to
		if c >= len(x.toks) || x.toks[c].lower != "," || x.toks[c].para != para || !x.appositionStart(c+1) {
			break
		}
		e := c + 1
		for e < len(x.toks) && e-c <= 30 && x.toks[e].para == para && x.toks[e].lower != "," &&
			!sentenceEnd(x.toks[e]) && !(!x.toks[e].word && isMark([]rune(x.toks[e].lower)[0])) && !x.isVerb(e) {
			e++
		}
		if e-c > 30 || (e < len(x.toks) && x.isVerb(e) && x.toks[e].para == para) {
			break
		}
		if e-c > 14 || seg == 2 {
			if x.finite(c+1, e) {
				break
			}
			if safe < 0 {
				safe = who.to
			}
		}
		who.to = e
	}
	// A long apposition, or a third, is one only when the sentence ends
	// with the appositions ("said David Gorski, an associate professor of
	// surgery at … and the editor of a … blog."), or with a few words more
	// that hold no verb ("…, a conservative, pro-growth advocacy group.").
	if e := who.to; safe >= 0 && e < len(x.toks) && x.toks[e].para == para && !sentenceEnd(x.toks[e]) {
		who.to = safe
		if x.toks[e].lower == "," {
			f := e + 1
			for f < len(x.toks) && f-e <= 8 && x.toks[f].word && x.toks[f].para == para && !x.isCue(f) && !auxiliaries[x.toks[f].lower] {
				f++
			}
			if f > e+1 && (f >= len(x.toks) || x.toks[f].para != para || sentenceEnd(x.toks[f])) {
				who.to = f
			}
		}
	}
	return who
}

// finite reports whether tokens [from, to) hold an auxiliary outside a
// relative clause: a clause of its own, not a noun phrase ("the network
// had also cut accidents"; not "an economist who is now president").
func (x *extractor) finite(from, to int) bool {
	for i := from; i < to; i++ {
		switch w := x.toks[i].lower; {
		case w == "who" || w == "which" || w == "that" || w == "whose":
			return false
		case auxiliaries[w]:
			return true
		}
	}
	return false
}

// adverbs that may stand between a speaker and its verb.
var adverbs = setOf(`also later then again previously once further earlier recently now often still even
repeatedly publicly privately simply just frequently reportedly`)

// span returns the annotation span of tokens [from, to).
func (x *extractor) span(from, to int) annotation.Span {
	s, e := x.toks[from].start, x.toks[to-1].end
	return annotation.Span{Start: s, End: e, Text: string(x.rs[s:e])}
}
