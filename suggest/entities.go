package suggest

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"glossa/annotation"
)

// Entities: every name and alias of the project's entity registry found
// again in the text (rule entity.registry, the suggestion's Entity set to
// the registry id, and a source whose span holds the name linked to it
// too), dates, money and percentages by pattern (entity.date,
// entity.money, entity.percent), and other names at low confidence
// (entity.name: a run of two or more capitalised words, "Bank of
// Northmark", "Ilse Marten"). Where two overlap the longer is kept, and a
// name only where no other entity is.

// entityPatterns are the pattern rules, in the order they are tried at one
// offset (the longer match wins whatever the order).
var entityPatterns = []struct {
	rule  string
	label func(Labels) string
	re    *regexp.Regexp
}{
	{"entity.money", func(l Labels) string { return l.Money }, regexp.MustCompile(
		`^(?:(?:US\$|[$€£¥]|CHF ?)\d(?:[\d,.]*\d)?(?:[ \x{00A0}]?(?:million|billion|trillion|bn|m)\b)?|` +
			`\d(?:[\d,.]*\d)?(?:[ \x{00A0}](?:million|billion|trillion|Millionen|Milliarden|millions|milliards)(?:[ \x{00A0}](?:de|d'))?)?[ \x{00A0}]?(?:dollars|euros|pounds|Euro|euro|yen|francs)\b)`)},
	{"entity.percent", func(l Labels) string { return l.Percent }, regexp.MustCompile(
		`^\d(?:[\d,.]*\d)?[ \x{00A0}]?(?:%|percent\b|per cent\b|Prozent\b|pour cent\b)`)},
	{"entity.date", func(l Labels) string { return l.Date }, regexp.MustCompile(
		`^(?:\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|` +
			`Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|` +
			`lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b|` +
			`\b\d{1,2}\.?[ \x{00A0}](?:January|February|March|April|May|June|July|August|September|October|November|December|` +
			`Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)(?:[ \x{00A0}]\d{4})?|` +
			`\b(?:January|February|March|April|June|July|August|September|October|November|December|` +
			`Januar|Februar|März|Juni|Juli|Oktober|Dezember|(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\b\.?)(?:[ \x{00A0}]\d{1,2}\b)?(?:,?[ \x{00A0}]\d{4}\b)?|` +
			`\bMay[ \x{00A0}]\d{1,2}\b(?:,?[ \x{00A0}]\d{4}\b)?|\bMay[ \x{00A0}]\d{4}\b|` +
			`\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty)[- ]` +
			`(?:days?|weeks?|months?|years?|decades?)\b|` +
			`\b(?:19|20)\d{2}\b)`)},
}

// entityStarters are the words that may start a date pattern.
var entityStarters = setOf(`monday tuesday wednesday thursday friday saturday sunday montag dienstag
mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche
january february march april may june july august september october november december jan feb aug januar februar märz mai juni juli oktober dezember
sep sept oct nov dec us chf one two three four five six seven eight nine ten eleven twelve twenty
thirty forty fifty`)

// entityStart reports whether a pattern may start at token t.
func entityStart(t token) bool {
	r, _ := utf8.DecodeRuneInString(t.lower)
	w, _, _ := strings.Cut(strings.TrimSuffix(t.lower, "."), "-") // Sept. 30, two-year
	return (r >= '0' && r <= '9') || strings.ContainsRune("$€£¥", r) || entityStarters[w]
}

// entityConfidence: a registry name is the user's own; a weekday, month
// or amount is unambiguous; a bare year or a duration may be no date the
// annotator tags.
var entityConfidence = map[string]float64{
	"entity.registry": 0.90,
	"entity.money":    0.90,
	"entity.percent":  0.95,
	"entity.date":     0.85,
	"entity.name":     0.40,
}

// entityMatch is one candidate, in code points.
type entityMatch struct {
	start, end int
	rule       string
	label      string
	entity     uint64
}

// entities adds the entity suggestions of text.
func (x *extractor) entities(text string, registry []annotation.Entity) {
	// The patterns are anchored and tried only where a token may start
	// one (a digit, a currency sign, a month, a weekday, a number word):
	// over a whole 1 MB text they took 400 ms, here a few.
	var ms []entityMatch
	b, r := 0, 0 // byte and code-point offsets of the current token
	for _, t := range x.toks {
		for ; r < t.start; r++ {
			b += utf8.RuneLen(x.rs[r])
		}
		if !entityStart(t) {
			continue
		}
		window := text[b:min(len(text), b+80)]
		for _, p := range entityPatterns {
			if m := p.re.FindStringIndex(window); m != nil && m[1] > 0 {
				e := t.start + utf8.RuneCountInString(window[:m[1]])
				ms = append(ms, entityMatch{start: t.start, end: e, rule: p.rule, label: p.label(x.labels)})
			}
		}
	}
	ms = append(ms, x.registryMatches(text, registry)...)
	ms = append(ms, x.names(ms)...)
	// Longest first at each offset, then left to right; drop overlaps.
	// (names were read where no other match is: they never overlap one)
	slices.SortStableFunc(ms, func(a, b entityMatch) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end-b.start, a.end-a.start))
	})
	last := -1
	for _, m := range ms {
		if m.start < last {
			continue
		}
		last = m.end
		x.add(Suggestion{Kind: annotation.KindEntity, Label: m.label, Rule: m.rule, Entity: m.entity,
			Confidence: entityConfidence[m.rule],
			Spans:      []annotation.Span{{Start: m.start, End: m.end, Text: string(x.rs[m.start:m.end])}}})
		if m.entity != 0 {
			x.linkSources(m)
		}
	}
}

// nameGlue may stand inside a name between capitalised words: "Bank of
// Northmark", "Kessler & Vogt", "Pieter van Damme".
var nameGlue = setOf(`of for and & de du des da di van von der den la le al bin del y`)

// names finds the other names of the text (rule entity.name): runs of two
// or more capitalised words, glue words allowed between them, that no
// other match overlaps. A capital that only starts a sentence is no
// evidence: a sentence's first word is left out of a run when it is a
// stop word or occurs in lower case elsewhere in the text ("Shipping
// agents"), and so are weekdays and months (dates have their own rule)
// and titles (Mr., Dr.: the annotator's Person is the name).
// A paragraph mostly in capitals (a title-case headline), a run that
// fills a quote (the title of a work) and "and" between two names
// ("Valdoria and Ostren"; "and" joins only a name holding "of": "the
// Ministry of Energy and Mines") are not names. German capitalises every
// noun: in a text with der, die and und the rule finds nothing.
func (x *extractor) names(taken []entityMatch) []entityMatch {
	lower := map[string]bool{}
	for _, t := range x.toks {
		if t.word && !t.upper {
			lower[t.lower] = true
		}
	}
	if lower["der"] && lower["die"] && lower["und"] {
		return nil
	}
	mark := func(i int) bool {
		return i >= 0 && i < len(x.toks) && !x.toks[i].word && isMark([]rune(x.toks[i].lower)[0])
	}
	busy := make([]bool, len(x.toks))
	for _, m := range taken {
		for i := x.tokenAt(m.start); i < len(x.toks) && x.toks[i].start < m.end; i++ {
			busy[i] = true
		}
	}
	capital := func(i int) bool {
		t := x.toks[i]
		return t.word && t.upper && !busy[i] && !entityStarters[strings.TrimSuffix(t.lower, ".")] &&
			!stopWords[t.lower] && !pronouns[t.lower] && t.lower != "i" && !abbreviations[strings.TrimSuffix(t.lower, ".")]
	}
	var out []entityMatch
	for i := 0; i < len(x.toks); {
		p := x.toks[i].para
		e := i
		words, caps := 0, 0
		for e < len(x.toks) && x.toks[e].para == p {
			if x.toks[e].word {
				words++
				if x.toks[e].upper {
					caps++
				}
			}
			e++
		}
		if caps*10 >= words*6 && words > 2 {
			i = e // a headline in title case
			continue
		}
		for k := i; k < e; k++ {
			if !capital(k) {
				continue
			}
			if k == i || sentenceEnd(x.toks[k-1]) || !x.toks[k-1].word && isMark([]rune(x.toks[k-1].lower)[0]) && x.startsSentence(k-1) {
				if lower[x.toks[k].lower] {
					continue // "Shipping agents": an ordinary word starting its sentence
				}
			}
			j, n, of := k+1, 1, false
			for j < e {
				if capital(j) && x.toks[j-1].word {
					j, n = j+1, n+1
					continue
				}
				g := x.toks[j].lower
				if j+1 < e && nameGlue[g] && !x.toks[j].upper && capital(j+1) && (g != "and" || of) {
					of = of || g == "of" || g == "for"
					j, n = j+2, n+1
					continue
				}
				break
			}
			title := mark(k-1) && (mark(j) || j+1 < e && !x.toks[j].word && mark(j+1))
			if n >= 2 && !title {
				out = append(out, entityMatch{start: x.toks[k].start, end: x.toks[j-1].end, rule: "entity.name", label: x.labels.Entity})
			}
			k = j - 1
		}
		i = e
	}
	return out
}

// registryMatches finds every name and alias of the registry, on word
// boundaries, case as written.
func (x *extractor) registryMatches(text string, registry []annotation.Entity) []entityMatch {
	var ms []entityMatch
	conv := newRuneIndex(text)
	for _, en := range registry {
		label := en.Type
		if label == "" {
			label = x.labels.Entity
		}
		for _, name := range append([]string{en.Name}, en.Aliases...) {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			for off := 0; ; {
				i := strings.Index(text[off:], name)
				if i < 0 {
					break
				}
				b, e := off+i, off+i+len(name)
				off = b + max(1, len(name))
				before, _ := utf8.DecodeLastRuneInString(text[:b])
				after, _ := utf8.DecodeRuneInString(text[e:])
				if (b > 0 && wordRune(before)) || (e < len(text) && wordRune(after)) {
					continue
				}
				ms = append(ms, entityMatch{start: conv.at(b), end: conv.at(e), rule: "entity.registry",
					label: label, entity: en.ID})
			}
		}
	}
	return ms
}

// linkSources gives the registry id of m to every source whose span
// holds it: "Foreign Ministry spokeswoman Maria Zakharova" is Zakharova.
func (x *extractor) linkSources(m entityMatch) {
	for i := range x.out {
		s := &x.out[i]
		if s.Kind == annotation.KindSource && s.Entity == 0 && s.Spans[0].Start <= m.start && m.end <= s.Spans[0].End {
			s.Entity = m.entity
		}
	}
}

// runeIndex turns byte offsets of one text into code-point offsets. Calls
// must come with offsets that do not decrease between resets; a smaller
// one starts again from the beginning.
type runeIndex struct {
	text        string
	byte, runes int
}

func newRuneIndex(text string) *runeIndex { return &runeIndex{text: text} }

// at returns the code-point offset of byte offset b.
func (r *runeIndex) at(b int) int {
	if b < r.byte {
		r.byte, r.runes = 0, 0
	}
	r.runes += utf8.RuneCountInString(r.text[r.byte:b])
	r.byte = b
	return r.runes
}
