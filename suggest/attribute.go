package suggest

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"glossa/annotation"
)

// extractor holds one text's state while Text runs.
type extractor struct {
	rs     []rune
	toks   []token
	verbs  map[string]verbClass
	labels Labels
	out    []Suggestion
	quoted []bool // per token: inside the marks of a quote
	// takenBy is, per token, 1 + the index of the claim it is inside,
	// 0 for none: no other claim is suggested over it.
	takenBy []int
	// sources and cues already suggested, by their tokens: a speaker or a
	// verb shared by several claims is suggested once.
	sources, cues map[[2]int]int
	// orphans are quote claims with no cue that open their paragraph:
	// carryOver gives them the speaker of the paragraph before.
	orphans []int
	// titleCaseHead is set when the first paragraph is a headline in
	// Title Case: its capitalised verbs may be cues.
	titleCaseHead bool
	// unattributed are quote claims with no cue that open a sentence:
	// contextSpeaker gives them the one person the sentence before names.
	unattributed []int
}

// attribution is what was found beside one quote.
type attribution struct {
	cueFrom, cueTo int // tokens of the cue
	cueRule        string
	who            speaker
	near           bool // beside the quote, not earlier in its sentence
	end            int  // the token after the attribution, for a split quote
	// clauseTo, when > 0, is the comma that ends a clause going on after
	// the closing mark ("Q" of the plan, S said), the claim's end.
	clauseTo int
}

// The confidences of the rules; the package doc says why each.
var confidence = map[string]float64{
	"quote.double":     0.90,
	"quote.single":     0.85,
	"quote.split":      0.90,
	"quote.multipara":  0.85,
	"quote.continued":  0.70,
	"quote.partial":    0.65,
	"quote.context":    0.50,
	"speaker.named":    0.85,
	"speaker.group":    0.75,
	"speaker.pronoun":  0.70,
	"cue.after-quote":  0.90,
	"cue.before-quote": 0.85,
	"cue.according-to": 0.90,
	"cue.colon":        0.70,
	"cue.in-sentence":  0.65,
	"cue.verb-slot":    0.55,

	"quote.named": 0.80,
	"cue.named":   0.80,

	"indirect.said-that":    0.60,
	"indirect.said":         0.55,
	"indirect.to":           0.50,
	"indirect.object":       0.40,
	"indirect.after":        0.60,
	"indirect.according-to": 0.65,
	"indirect.split":        0.55,
	"indirect.view":         0.60,
	"indirect.coordinated":  0.55,
	"indirect.passive":      0.45,
	"qa.line":               0.70,
	"indirect.asked":        0.45,
	"indirect.as":           0.60,
	"cue.asked":             0.60,
	"headline.colon":        0.60,
	"cue.indirect":          0.70,
	"cue.after-clause":      0.75,
	"cue.view":              0.70,
	"cue.passive":           0.60,
}

const (
	beliefFactor  = 0.85 // an indirect claim whose cue is a verb of belief or intention
	farFactor     = 0.80 // a claim whose cue is earlier in the sentence
	slotFactor    = 0.85 // a quote whose cue is a verb outside the lexicon
	noCueClaim    = 0.55 // a claim with no cue found
	minClaimWords = 4
)

// tokLower returns the lower-case text of token i, "" past the end.
func (x *extractor) tokLower(i int) string {
	if i < 0 || i >= len(x.toks) {
		return ""
	}
	return x.toks[i].lower
}

// tokenAt returns the index of the token starting at offset pos.
func (x *extractor) tokenAt(pos int) int {
	return sort.Search(len(x.toks), func(i int) bool { return x.toks[i].start >= pos })
}

// attribute turns the quotes into suggestions.
func (x *extractor) attribute(qs []quote) {
	for _, q := range qs {
		for i := x.tokenAt(q.open + 1); i < len(x.toks) && x.toks[i].start < q.close; i++ {
			x.quoted[i] = true
		}
	}
	prevSource, prevCue, prevPara := -1, -1, -1
	// the last claim with a speaker and the token of its last closing mark
	prevClaim, prevClose := -1, -1
	for n := 0; n < len(qs); n++ {
		q := qs[n]
		oi, ci := x.tokenAt(q.open), x.tokenAt(q.close)
		a, ok := x.after(ci)
		var pieces []annotation.Span
		if !ok {
			a, pieces, ok = x.incise(q, oi, ci)
		}
		if !ok {
			a, ok = x.before(oi)
		}
		if !ok {
			a, ok = x.naming(oi)
		}
		if !ok {
			a, ok = x.inSentence(oi)
		}
		spans := x.contents(q)
		if len(spans) == 0 || x.transcriptTurn(oi) || x.takenBy[oi] > 0 {
			continue // a quoted transcript is read turn by turn (qaLines); a headline's claim holds it
		}
		if pieces != nil {
			spans = pieces
		}
		rule := "quote.double"
		if single(q.mark) {
			rule = "quote.single"
		}
		if len(q.resumes) > 0 {
			rule = "quote.multipara"
		}
		// S said the statement was "X": the claim is the reported clause,
		// its quoted words inside it.
		if a.cueRule == "cue.named" {
			rule = "quote.named"
		}
		// inner is what the scare-quote test below reads: the quoted
		// words, or the clause that a cue reports.
		inner := spans
		cs, mid := x.clauseBefore(oi, ok && a.near)
		if !ok && mid && cs > 0 && x.toks[cs-1].lower == "," {
			// As S put it, RT is "…": the idiom attributes the clause
			a, ok = x.asPutIt(cs - 1)
		}
		switch {
		case len(q.resumes) > 0:
		case rule == "quote.named":
			// S called N "Q", S described N as "Q": the object and the
			// quote, as PARC and PolNeAR annotate it.
			spans = []annotation.Span{x.span(a.cueTo, x.quoteClauseEnd(ci))}
		case ok && !a.near && a.cueTo-a.cueFrom == 1:
			if sp, ok := x.partial(a, oi, ci); ok {
				spans, inner, rule = sp, sp, "quote.partial"
			}
		case a.clauseTo > 0:
			// "Q" of the plan, S said: the clause goes on after the quote.
			if !mid {
				cs = oi + 1
			}
			spans = []annotation.Span{x.span(cs, a.clauseTo)}
			inner, rule = spans, "quote.partial"
		case mid:
			// Clinton "is the only candidate…," S said; a call for "…":
			// the quote ends a clause that begins before it; in Title
			// Case it is a title (the broadcast of "Fox News Sunday,").
			if titleCase(strings.TrimRight(inner[0].Text, ",.")) && prepositions[x.toks[oi-1].lower] {
				continue
			}
			spans, rule = []annotation.Span{x.span(cs, ci+1)}, "quote.partial"
			if ok {
				inner = spans
			}
		}
		// "X," she said, "Y.": the next quote opens right after the attribution.
		if ok && a.near && n+1 < len(qs) && a.end+1 < len(x.toks) && x.toks[a.end].lower == "," &&
			x.toks[a.end+1].start == qs[n+1].open && x.toks[a.end].para == x.toks[ci].para {
			if s := x.contents(qs[n+1]); len(s) > 0 && len(spans) == 1 && len(qs[n+1].resumes) == 0 {
				spans = append(spans, s...)
				rule = "quote.split"
				n++
			}
		}
		// "X," she said. "Y.": a quote with no cue of its own that opens
		// the sentence right after an attributed quote's, in the same
		// paragraph, goes on with that quote: one claim, one span more,
		// as PARC and PolNeAR annotate one attribution per cue.
		if !ok && prevClaim >= 0 && x.toks[oi].para == prevPara && len(q.resumes) == 0 &&
			x.startsSentence(oi) && x.sentenceStart(oi-1) <= prevClose {
			x.extendClaim(prevClaim, spans)
			prevClose = x.tokenAt(q.close)
			continue
		}
		words := 0
		for _, s := range inner {
			words += countWords(s.Text)
		}
		if words < minClaimWords || titleCase(inner[0].Text) {
			if len(spans) == 1 && !(ok && a.near && (endsPunct(inner[0].Text) || x.commaAfter(ci))) &&
				!(rule == "quote.named" && !titleCase(inner[0].Text)) {
				continue
			}
		}
		para := x.toks[ci].para
		conf := confidence[rule]
		var continued bool
		if !ok && prevSource >= 0 && (para == prevPara && x.startsSentence(oi) && !x.otherSubject(prevClose, oi, prevSource) ||
			para == prevPara+1 && x.wholeParagraph(q)) {
			continued = true
			rule, conf = "quote.continued", confidence["quote.continued"]
		}
		switch {
		case continued:
		case !ok:
			conf = noCueClaim
		case !a.near && rule != "quote.partial":
			conf *= farFactor
		case a.cueRule == "cue.verb-slot":
			conf *= slotFactor
		}
		claim := x.add(Suggestion{Kind: annotation.KindClaim, Label: x.labels.Claim, Spans: spans, Rule: rule,
			Confidence: conf})
		prevPara = x.toks[x.tokenAt(q.close)].para
		if len(spans) == 2 {
			prevPara = x.toks[x.tokenAt(qs[n].close)].para
		}
		prevClaim, prevClose = claim, x.tokenAt(qs[n].close)
		switch {
		case continued:
			x.link(claim, annotation.LinkSaidBy, prevSource)
			x.link(claim, annotation.LinkCue, prevCue)
			continue
		case !ok:
			prevSource, prevClaim = -1, -1
			if x.toks[oi].para > 0 && (oi == 0 || x.toks[oi-1].para != x.toks[oi].para) {
				x.orphans = append(x.orphans, claim)
			}
			if x.startsSentence(oi) && len(spans) == 1 {
				x.unattributed = append(x.unattributed, claim)
			}
			continue
		}
		far := 1.0
		if !a.near {
			far = farFactor
		}
		prevSource = -1
		if a.who.kind != "" {
			src := x.sourceFor(a.who, far)
			x.link(claim, annotation.LinkSaidBy, src)
			prevSource = src
		} else {
			prevClaim = -1
		}
		cue := x.cueFor(a.cueFrom, a.cueTo, a.cueRule)
		x.link(claim, annotation.LinkCue, cue)
		prevCue = cue
	}
}

// carryOver gives a quote that opens its paragraph with no cue of its own
// the speaker and cue of the last attributed claim of the paragraph
// before, indirect ones included ("Smith said the plan was unaffordable.
// ¶ "We cannot pay for this.""), as quote.continued does for quotes. It
// runs after the indirect rules, whose claims the quote rules do not see.
func (x *extractor) carryOver() {
	if len(x.orphans) == 0 {
		return
	}
	type claimAt struct{ i, start int }
	last := map[int]claimAt{} // per paragraph, its last claim with a speaker
	for i, s := range x.out {
		if s.Kind != annotation.KindClaim || x.said(i) < 0 {
			continue
		}
		st := s.Spans[len(s.Spans)-1].Start
		p := x.toks[x.tokenAt(st)].para
		if l, ok := last[p]; !ok || st > l.start {
			last[p] = claimAt{i, st}
		}
	}
	for _, c := range x.orphans {
		para := x.toks[x.tokenAt(x.out[c].Spans[0].Start)].para
		l, ok := last[para-1]
		if !ok {
			continue
		}
		x.out[c].Rule, x.out[c].Confidence = "quote.continued", confidence["quote.continued"]
		for _, k := range x.out[l.i].Links {
			x.link(c, k.Type, k.Target)
		}
	}
}

// contextSpeaker gives a quote that opens a sentence with no cue of its
// own, and got no speaker from carryOver, the subject of the sentence right
// before it ("Smith was blunt. "We cannot pay for this.""), in its
// paragraph or ending the paragraph before, when that is unambiguous: the
// sentence holds no claim and no quote, its subject is a name or a
// pronoun, and it names nobody else (rule quote.context, no cue).
func (x *extractor) contextSpeaker() {
	for _, c := range x.unattributed {
		if x.said(c) >= 0 {
			continue
		}
		oi := x.tokenAt(x.out[c].Spans[0].Start) - 1 // the opening mark
		if oi < 1 || x.toks[oi-1].para < x.toks[oi].para-1 {
			continue
		}
		from, to := x.sentenceStart(oi-1), oi
		if !sentenceEnd(x.toks[to-1]) {
			continue
		}
		clear := true
		for i := from; i < to && clear; i++ {
			clear = x.takenBy[i] == 0 && !x.quoted[i] && (x.toks[i].word || !isMark([]rune(x.toks[i].lower)[0]))
		}
		if !clear {
			continue
		}
		var who speaker
		var ok bool
		if pronouns[x.toks[from].lower] && x.toks[from].lower != "it" {
			who, ok = speaker{from, from + 1, "pronoun"}, true
		} else {
			who, ok = x.sentenceSubject(from, to-1)
			ok = ok && who.kind == "named"
		}
		if !ok {
			continue
		}
		for i := who.to; i < to && ok; i++ {
			t := x.toks[i]
			ok = !(t.word && t.upper && !stopWords[t.lower] && !pronouns[t.lower])
		}
		if !ok {
			continue
		}
		x.out[c].Rule, x.out[c].Confidence = "quote.context", confidence["quote.context"]
		x.link(c, annotation.LinkSaidBy, x.sourceFor(who, farFactor))
	}
}

// resolve sets the Antecedent of every pronoun source (the last named
// source before it) and of every anaphor ("the ministry": the last named
// source before it whose words hold its head word), in document order.
func (x *extractor) resolve() {
	var srcs []int
	for i, s := range x.out {
		if s.Kind == annotation.KindSource {
			srcs = append(srcs, i)
		}
	}
	slices.SortStableFunc(srcs, func(a, b int) int { return cmp.Compare(x.out[a].Spans[0].Start, x.out[b].Spans[0].Start) })
	var named []int // named sources so far, in order
	for _, i := range srcs {
		s := &x.out[i]
		switch s.Rule {
		case "speaker.named":
			named = append(named, i)
		case "speaker.pronoun":
			if len(named) > 0 {
				s.Antecedent = named[len(named)-1]
			}
		case "speaker.group":
			s.Antecedent = x.anaphor(s.Spans[0].Text, named)
		}
	}
}

// anaphor returns, for a speaker like "the ministry" (a definite article
// and a role), the last of the named sources whose words hold its head
// ("the Ministry of Transport"); -1 for none or another kind of phrase.
func (x *extractor) anaphor(text string, named []int) int {
	words := lowerWords(text)
	if len(words) < 2 || (words[0] != "the" && words[0] != "this" && words[0] != "that") {
		return -1
	}
	head := words[len(words)-1]
	for k := len(named) - 1; k >= 0; k-- {
		if slices.Contains(lowerWords(x.out[named[k]].Spans[0].Text), head) {
			return named[k]
		}
	}
	return -1
}

// lowerWords splits s into its words, lower case.
func lowerWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !wordRune(r) })
}

// add appends s and returns its index. The tokens of a claim are taken:
// no other claim is suggested over them.
func (x *extractor) add(s Suggestion) int {
	s.Antecedent = -1
	x.out = append(x.out, s)
	if s.Kind == annotation.KindClaim {
		for _, sp := range s.Spans {
			for i := x.tokenAt(sp.Start); i < len(x.toks) && x.toks[i].start < sp.End; i++ {
				x.takenBy[i] = len(x.out)
			}
		}
	}
	return len(x.out) - 1
}

// otherSubject reports whether a sentence between tokens from and to
// opens with a named subject other than the source src ("X," Smith said.
// Jones agreed. "Y.": Y is not surely Smith's).
func (x *extractor) otherSubject(from, to, src int) bool {
	name := x.out[src].Spans[0].Text
	for i := from + 1; i < to; i++ {
		if !sentenceEnd(x.toks[i-1]) || x.quoted[i] {
			continue
		}
		if who, ok := x.sentenceSubject(i, to); ok && who.kind == "named" &&
			!strings.Contains(name, string(x.rs[x.toks[who.from].start:x.toks[who.to-1].end])) {
			return true
		}
	}
	return false
}

// extendClaim adds spans, which follow its own, to claim, and takes their
// tokens for it: a quote in pieces is a split quote.
func (x *extractor) extendClaim(claim int, spans []annotation.Span) {
	c := &x.out[claim]
	c.Spans = append(c.Spans, spans...)
	if c.Rule == "quote.double" || c.Rule == "quote.single" {
		c.Rule, c.Confidence = "quote.split", confidence["quote.split"]
	}
	for _, sp := range spans {
		for i := x.tokenAt(sp.Start); i < len(x.toks) && x.toks[i].start < sp.End; i++ {
			x.takenBy[i] = claim + 1
		}
	}
}

// link adds a link from suggestion from to suggestion to.
func (x *extractor) link(from int, t annotation.LinkType, to int) {
	x.out[from].Links = append(x.out[from].Links, Link{Type: t, Target: to})
}

// contents are the spans of q's words, without its marks and the spaces
// inside them: one, or one per paragraph of a multi-paragraph quote (a
// span never holds a line break, as brat and most tools cannot).
func (x *extractor) contents(q quote) []annotation.Span {
	var out []annotation.Span
	starts := append([]int{q.open}, q.resumes...)
	for k, from := range starts {
		s, e := markEnd(x.rs, from), q.close
		if k+1 < len(starts) {
			for e = s; e < len(x.rs) && x.rs[e] != '\n'; e++ {
			}
		}
		for s < e && unicode.IsSpace(x.rs[s]) {
			s++
		}
		for e > s && unicode.IsSpace(x.rs[e-1]) {
			e--
		}
		if s < e {
			out = append(out, annotation.Span{Start: s, End: e, Text: string(x.rs[s:e])})
		}
	}
	return out
}

// tellVerbs take the hearer before what is told: "told reporters (that) X".
var tellVerbs = setOf(`tell tells told telling inform informs informed assure assures assured
assuring remind reminds reminded warn warns warned warning`)

// partial returns the spans of the clause reported by the cue of a, for a
// quote (marks at tokens oi and ci) that stands inside it: from the
// clause's first word (after "that" and a hearer) to the closing mark when
// the clause ends there, else to the clause's end (a comma, a semicolon,
// the sentence's end); two spans when the attribution is set off by commas
// inside the clause (X, he added, Y "…"). ok is false when nothing but
// "that" stands between the cue and a quote that ends the clause: that is
// a direct quote.
func (x *extractor) partial(a attribution, oi, ci int) ([]annotation.Span, bool) {
	para := x.toks[oi].para
	cueEnd := a.cueTo
	// X, he added, Y "…": the attribution set off by commas inside the
	// clause; X from the sentence's start (a conjunction or sentence
	// adverb left out) is the claim's first span.
	if a.who.kind != "" && a.who.from > 1 && x.toks[a.who.from-1].lower == "," && x.tokLower(cueEnd) == "," && cueEnd+1 < oi {
		from := x.sentenceStart(a.who.from)
		for from < a.who.from-1 && (stopWords[x.toks[from].lower] || !x.toks[from].word) {
			from++
		}
		if from < a.who.from-1 {
			return []annotation.Span{x.span(from, a.who.from-1), x.span(cueEnd+1, x.quoteClauseEnd(ci))}, true
		}
	}
	s := cueEnd
	if tellVerbs[x.toks[cueEnd-1].lower] && s < oi {
		if who, ok := x.npAfter(s, para); ok && who.to < oi {
			s = who.to
		} else {
			s++
		}
	}
	// said in a statement that X: the clause starts after "that".
	for t := s; t < oi && t-s <= 6 && x.toks[t].word; t++ {
		if x.toks[t].lower == "that" {
			s = t + 1
			break
		}
	}
	e := x.quoteClauseEnd(ci)
	if s >= oi {
		// said "budget reforms" and the collection of taxes would…: the
		// quote opens a clause that goes on after it
		if e <= ci+1 {
			return nil, false
		}
		s = oi
		if x.tokLower(ci+1) == "that" && ci+2 < e {
			s = ci + 2 // told MSNBC's "Morning Joe" that…: the quote was the hearer's
		}
	}
	return []annotation.Span{x.span(s, e)}, true
}

// quoteClauseEnd returns where the clause holding a quote that closes at
// token ci ends (exclusive): after the closing mark, unless the quote
// ended with its own punctuation ("constructive," adding…; "…leadership."
// We…) or a conjunction follows, else at the clause's end (a comma, a
// semicolon, the sentence's end, a second verb of the speaker).
func (x *extractor) quoteClauseEnd(ci int) int {
	para := x.toks[ci].para
	e := ci + 1
	inner := x.rs[x.toks[ci].start-1]
	if n := ci + 1; n < len(x.toks) && x.toks[n].para == para && x.toks[n].word &&
		!((x.toks[n].lower == "and" || x.toks[n].lower == "but") && x.cueAt(n+1+b2i(adverbs[x.tokLower(n+1)]))) &&
		!strings.ContainsRune(",.!?…;:", inner) {
		for e = n; e < len(x.toks) && x.toks[e].para == para; e++ {
			t := x.toks[e]
			// "…, "but not among the vast majority."": a quote after a
			// comma goes on with the clause
			if t.lower == "," && e+2 < len(x.toks) && x.toks[e+1].para == para && !x.toks[e+1].word &&
				isMark([]rune(x.toks[e+1].lower)[0]) && x.quoted[e+2] {
				c := e + 2
				for c < len(x.toks) && x.quoted[c] {
					c++
				}
				if c < len(x.toks) && x.toks[c].para == para {
					return c + 1
				}
			}
			// called the offer "insulting" and "a slap in the face": a
			// second quote of the clause goes with it
			if !t.word && isMark([]rune(t.lower)[0]) && e+1 < len(x.toks) && x.quoted[e+1] && !x.quoted[e] {
				c := e + 1
				for c < len(x.toks) && x.quoted[c] {
					c++
				}
				if c < len(x.toks) && x.toks[c].para == para {
					return c + 1
				}
			}
			if sentenceEnd(t) || t.lower == "," || t.lower == ";" || (!t.word && isMark([]rune(t.lower)[0])) {
				break
			}
			// "…and called on both sides to…": a second verb of the speaker
			if (t.lower == "and" || t.lower == "but") && x.cueAt(e+1+b2i(adverbs[x.tokLower(e+1)])) {
				break
			}
		}
	}
	return e
}

// coordinators join two clauses: a quote after one opens its own.
var coordinators = setOf(`and but or nor so yet then`)

// functionWords, with prepositions, auxiliaries and determiners, may stand
// right before a quote that goes on the writer's clause (a goal of "…",
// as a "…", who "…", than "…").
var functionWords = setOf(`as than like who which that whose to not only just even also`)

// clauseBefore returns the first token of the clause that a quote opening
// at token oi ends or stands inside, when words of that clause come
// before it (Clinton "is the only candidate…"; the prediction that he
// would be "the healthiest…"): back to the sentence's start or the last
// comma, semicolon, colon, dash or quote mark before it. mid is false when
// the quote opens its clause or follows a reporting verb (S declared
// "I think…"), a conjunction, or, unless the quote is attributed, a
// content word.
func (x *extractor) clauseBefore(oi int, attributed bool) (from int, mid bool) {
	p := oi - 1
	if p < 0 || x.toks[p].para != x.toks[oi].para || !(x.toks[p].word || x.toks[p].lower == ")") || x.isCue(p) ||
		coordinators[x.toks[p].lower] {
		return 0, false
	}
	// With no attribution of its own, a quote after a content word may
	// be that word's object, a quote as it stands (the banner read "…");
	// after a function word it is a piece of the writer's clause.
	if w := x.toks[p].lower; !attributed && !prepositions[w] && !auxiliaries[w] && !determiners[w] &&
		!possDeterminers[w] && !functionWords[w] {
		return 0, false
	}
	s := p
	for seg := 0; seg < 3; seg++ {
		for s > 0 && x.toks[s-1].para == x.toks[oi].para {
			t := x.toks[s-1]
			if !t.word && (sentenceEnd(t) || strings.Contains(",;:—–-(", t.lower) || isMark([]rune(t.lower)[0])) {
				break
			}
			s--
		}
		// "These employees, earlier in the hearing, were "well-paid"": an
		// adjunct set off by commas is read past to the clause's subject
		if w := x.toks[s].lower; s < 2 || x.toks[s-1].lower != "," || !(prepositions[w] || adverbs[w] || stopWords[w] && !possDeterminers[w]) {
			break
		}
		s--
	}
	return s, true
}

// after looks for "…," said S / "…," S said / "…," according to S right
// after the closing mark at token ci, or after the clause the quote opens
// when it goes on past the mark ("Q" of the plan, S said: clauseTo).
func (x *extractor) after(ci int) (attribution, bool) {
	if a, ok := x.afterAt(ci); ok {
		return a, true
	}
	para := x.toks[ci].para
	if n := ci + 1; n >= len(x.toks) || x.toks[n].para != para || !x.toks[n].word || x.toks[n].upper ||
		x.isCue(n) || pronouns[x.toks[n].lower] || clauseStops[x.toks[n].lower] {
		return attribution{}, false
	}
	for c := ci + 2; c < len(x.toks) && c-ci <= 12 && x.toks[c].para == para; c++ {
		t := x.toks[c]
		if t.lower == "," {
			if a, ok := x.afterAt(c - 1); ok && a.cueRule == "cue.after-quote" {
				a.clauseTo = c
				return a, true
			}
			break
		}
		if !t.word || x.isCue(c) {
			break
		}
	}
	return attribution{}, false
}

// afterAt looks for the attribution right after token ci.
func (x *extractor) afterAt(ci int) (attribution, bool) {
	para := x.toks[ci].para
	k := ci + 1
	if k < len(x.toks) && x.toks[k].lower == "," && x.toks[k].para == para {
		k++
	}
	if k >= len(x.toks) || x.toks[k].para != para {
		return attribution{}, false
	}
	if x.isVerb(k) {
		// "…," said S: S must end the clause ("…," accused Ostren border
		// guards of shooting is not an attribution).
		if who, ok := x.npAfter(k+1, para); ok && x.clauseEnds(who.to, para) {
			who = x.withApposition(who, para)
			return attribution{cueFrom: k, cueTo: k + 1, cueRule: "cue.after-quote", who: who, near: true, end: x.splitAt(who.to)}, true
		}
	}
	// », a-t-elle assuré / », dit-il: French puts the pronoun after the
	// verb or its auxiliary, joined by a hyphen.
	if v, p, ok := x.frenchInversion(k); ok {
		return attribution{cueFrom: v, cueTo: v + 1, cueRule: "cue.after-quote", who: speaker{p, p + 1, "pronoun"}, near: true, end: v + 1}, true
	}
	// "…," sang the travelling fans: a verb outside the lexicon before a
	// speaker that ends the clause.
	if x.verbSlot(k) {
		if who, ok := x.npAfter(k+1, para); ok && who.kind != "pronoun" && x.clauseEnds(who.to, para) {
			who = x.withApposition(who, para)
			return attribution{cueFrom: k, cueTo: k + 1, cueRule: "cue.verb-slot", who: who, near: true, end: x.splitAt(who.to)}, true
		}
	}
	if n := x.according(k); n > 0 {
		if who, ok := x.npAfter(k+n, para); ok {
			who = x.withApposition(who, para)
			return attribution{cueFrom: k, cueTo: k + n, cueRule: "cue.according-to", who: who, near: true, end: who.to}, true
		}
	}
	// "…," S said: the first reporting verb within a few words, with a
	// speaker right before it (and perhaps an adverb: he later said).
	// An apposition set off by commas may stand between them:
	// "…," John Smith, a spokesman for the ministry, said.
	for v := k + 1; v < len(x.toks) && v-k <= 40 && x.toks[v].para == para; v++ {
		t := x.toks[v]
		if sentenceEnd(t) || (!t.word && !strings.Contains(",-—()", t.lower)) {
			break
		}
		if !x.isVerb(v) {
			continue
		}
		end := v
		if adverbs[x.toks[v-1].lower] {
			end = v - 1
		}
		who, ok := x.subjectOf(end, para)
		if ok && who.from > k && who.kind != "pronoun" && x.modifiers(k, who.from) {
			who.from = k // "…," retired Air Force general Lloyd Newton said
		}
		if (!ok || who.from != k) && x.toks[end-1].lower == "," {
			// "…," Scott Pruitt, the attorney general of Oklahoma, one of
			// the states suing, said: a name right after the quote, and
			// appositions up to the verb.
			if np, nok := x.npAfter(k, para); nok && np.kind == "named" && np.to < end-1 && x.toks[np.to].lower == "," {
				who, ok = speaker{k, end - 1, "named"}, true
			}
		}
		if ok && who.from == k {
			return attribution{cueFrom: v, cueTo: v + 1, cueRule: "cue.after-quote", who: who, near: true, end: x.splitAt(v + 1)}, true
		}
		break
	}
	// "…," Blige sings to Clinton: a speaker right after the quote and a
	// verb outside the lexicon right after it.
	if who, ok := x.npAfter(k, para); ok && !prepositions[x.toks[k].lower] {
		v := who.to
		if v < len(x.toks) && adverbs[x.toks[v].lower] {
			v++
		}
		// a present's -s must have words after it: "the Clinton
		// proposals," is a plural
		if x.verbSlot(v) && x.toks[v].para == para && (!strings.HasSuffix(x.toks[v].lower, "s") ||
			v+1 < len(x.toks) && x.toks[v+1].word && x.toks[v+1].para == para) {
			return attribution{cueFrom: v, cueTo: v + 1, cueRule: "cue.verb-slot", who: who, near: true, end: x.splitAt(v + 1)}, true
		}
	}
	return attribution{}, false
}

// frenchInversion reads an inverted French attribution at token k:
// "dit-il" (verb, hyphen, pronoun) or "a-t-elle assuré" (auxiliary,
// hyphen, pronoun, participle). It returns the verb's token and the
// pronoun's.
func (x *extractor) frenchInversion(k int) (verb, pron int, ok bool) {
	if k+2 >= len(x.toks) || x.toks[k+1].lower != "-" || !frenchPronouns[x.toks[k+2].lower] {
		return 0, 0, false
	}
	if x.isVerb(k) {
		return k, k + 2, true
	}
	if w := x.toks[k].lower; (w == "a-t" || w == "ont" || w == "avait") && x.isVerb(k+3) {
		return k + 3, k + 2, true
	}
	return 0, 0, false
}

// incise finds the attribution French and Spanish set inside the quote
// marks, between commas: « X, a déclaré S, président du syndicat. Y » or
// « X, explique S, qui… Y ». It returns the attribution and the quote's
// two pieces around it. Only guillemet quotes are read so: English sets no
// attribution inside its marks.
func (x *extractor) incise(q quote, oi, ci int) (attribution, []annotation.Span, bool) {
	if !guillemet(q.mark) || len(q.resumes) > 0 {
		return attribution{}, nil, false
	}
	for c := oi + 2; c < ci-2; c++ {
		if x.toks[c].lower != "," {
			continue
		}
		v := c + 1
		if w := x.toks[v].lower; (w == "a" || w == "ont") && v+1 < ci && x.verbs[x.toks[v+1].lower] == speech {
			v++ // the auxiliary "a", no article: a déclaré
		} else if !x.isVerb(v) {
			continue
		}
		var who speaker
		if p, pok := v+1, v+2 < ci && x.toks[v+1].lower == "-" && frenchPronouns[x.toks[v+2].lower]; pok {
			who = speaker{p + 1, p + 2, "pronoun"}
		} else if np, ok := x.npAfter(v+1, x.toks[v].para); ok && np.kind == "named" {
			who = np
		} else {
			continue
		}
		// the incise ends at the comma or full stop after the speaker and
		// what describes it
		e := who.to
		for e < ci && x.toks[e].lower != "." && (e == who.to || x.toks[e].lower != ",") {
			e++
		}
		if e >= ci-1 {
			continue
		}
		if who.kind == "named" {
			who.to = e
		}
		first, rest := x.span(oi+1, c), x.span(e+1, ci)
		return attribution{cueFrom: v, cueTo: v + 1, cueRule: "cue.after-quote", who: who, near: true, end: e},
			[]annotation.Span{first, rest}, true
	}
	return attribution{}, nil, false
}

// irregularPasts are past forms of verbs outside the lexicon that may
// introduce a quote (she sang, he began, they read).
var irregularPasts = setOf(`sang began read spoke wrote went shot struck swore taught fought bit stood sat gave
brought sent put cast`)

// verbSlot reports whether token i may be a verb where a reporting verb
// stands, though not in the lexicon: a lower-case word in the past tense
// (-ed, or an irregular past) or the present's -s (sings, scolds), and no
// word of another class (function words, adverbs, plurals after a
// determiner are ruled out by the position the callers read it in).
func (x *extractor) verbSlot(i int) bool {
	if i < 0 || i >= len(x.toks) || !x.toks[i].word || x.toks[i].upper {
		return false
	}
	w := x.toks[i].lower
	if x.verbs[w] != 0 || stopWords[w] || prepositions[w] || auxiliaries[w] || determiners[w] || possDeterminers[w] ||
		pronouns[w] || adverbs[w] || clauseStops[w] || negations[w] || glue[w] || role(w) || len(w) < 4 {
		return false
	}
	return irregularPasts[w] || strings.HasSuffix(w, "ed") ||
		strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

// modifiers reports whether tokens [from, to) are up to three lower-case
// words that may modify a name after them (retired, longtime, 9/11 widow):
// no verb of the lexicon, auxiliary, negation, conjunction or adverb.
func (x *extractor) modifiers(from, to int) bool {
	if to-from > 3 {
		return false
	}
	for i := from; i < to; i++ {
		t := x.toks[i]
		if !t.word || x.isCue(i) || auxiliaries[t.lower] || negations[t.lower] || clauseStops[t.lower] ||
			stopWords[t.lower] || adverbs[t.lower] || prepositions[t.lower] || pronouns[t.lower] {
			return false
		}
	}
	return true
}

// splitAt returns where an attribution after a quote ends: at token e,
// or, when a hearer or an adjunct and then a comma and an opening mark
// follow ("…," Trump told the crowd in Ohio, "…"), at that comma, so that
// the quote after it joins the first as a split quote.
func (x *extractor) splitAt(e int) int {
	participle := false
	for k := e; k < len(x.toks) && k-e <= 12 && x.toks[k].para == x.toks[e-1].para; k++ {
		t := x.toks[k]
		if t.lower == "," {
			if k+1 < len(x.toks) && !x.toks[k+1].word && isMark([]rune(x.toks[k+1].lower)[0]) && !x.quoted[k+1] {
				return k
			}
			// "…," Tester said, referring to the excuse, "…": a
			// participle phrase that reports nothing
			if n := k + 1; !participle && n < len(x.toks) && x.toks[n].word && !x.toks[n].upper &&
				strings.HasSuffix(x.toks[n].lower, "ing") && !x.isCue(n) {
				participle = true
				continue
			}
			return e
		}
		if !t.word || x.isCue(k) {
			return e
		}
	}
	return e
}

// before looks for S said: "…" / S told R: "…" / according to S, "…" /
// S: "…" right before the opening mark at token oi.
func (x *extractor) before(oi int) (attribution, bool) {
	j := oi - 1
	if j < 1 || (x.toks[j].lower != ":" && x.toks[j].lower != ",") {
		return attribution{}, false
	}
	// The line that introduces a quote may be a paragraph of its own,
	// ending in a colon: "Culture Minister Adaeze Okon said:" and the
	// quote on the next line.
	para := x.toks[j].para
	if para != x.toks[oi].para && x.toks[j].lower != ":" {
		return attribution{}, false
	}
	if x.toks[j-1].para != para {
		return attribution{}, false
	}
	colon := x.toks[j].lower == ":"
	// as The New Yorker put it in an exposé, "…"
	if a, ok := x.asPutIt(j); ok {
		return a, true
	}
	// S said: "…", S told reporters: "…", S told the BBC: "…"
	for v := j - 1; v >= 0 && j-v <= 4 && x.toks[v].para == para && x.toks[v].word; v-- {
		if x.isVerb(v) {
			if who, ok := x.quoteSubject(v, para); ok {
				return attribution{cueFrom: v, cueTo: v + 1, cueRule: "cue.before-quote", who: who, near: true}, true
			}
			break
		}
		// S scolded him: "…": a verb outside the lexicon right after a
		// speaker, before a colon.
		if colon && x.verbSlot(v) {
			if who, ok := x.quoteSubject(v, para); ok && who.to == v && (who.from == x.sentenceStart(v) || x.toks[who.from-1].lower == ",") {
				return attribution{cueFrom: v, cueTo: v + 1, cueRule: "cue.verb-slot", who: who, near: true}, true
			}
		}
	}
	np, ok := x.npBefore(j, para)
	if !ok {
		return attribution{}, false
	}
	// according to S, "…"
	for n := 1; n <= 2; n++ {
		if np.from >= n && x.according(np.from-n) == n {
			return attribution{cueFrom: np.from - n, cueTo: np.from, cueRule: "cue.according-to", who: np, near: true}, true
		}
	}
	// S: "…" at the start of a sentence
	if colon && (np.from == 0 || x.toks[np.from-1].para != para || sentenceEnd(x.toks[np.from-1])) {
		return attribution{cueFrom: j, cueTo: j + 1, cueRule: "cue.colon", who: np, near: true}, true
	}
	return attribution{}, false
}

// asPutIt reads "as S put it[, adjuncts]," or "as S said," ending at the
// comma at token c: an attribution of what follows the comma, the idiom's
// verb its cue ("put it" whole). S is a name or group right after "as".
func (x *extractor) asPutIt(c int) (attribution, bool) {
	para := x.toks[c].para
	for a := c - 1; a >= 0 && c-a <= 16 && x.toks[a].para == para; a-- {
		t := x.toks[a]
		if !t.word || sentenceEnd(t) {
			return attribution{}, false
		}
		if t.lower != "as" {
			continue
		}
		who, ok := x.npAfter(a+1, para)
		if !ok || who.to >= c {
			return attribution{}, false
		}
		v := who.to
		switch {
		case x.tokLower(v) == "put" && x.tokLower(v+1) == "it":
			return attribution{cueFrom: v, cueTo: v + 2, cueRule: "cue.before-quote", who: who, near: true}, true
		case x.isVerb(v):
			return attribution{cueFrom: v, cueTo: v + 1, cueRule: "cue.before-quote", who: who, near: true}, true
		}
		return attribution{}, false
	}
	return attribution{}, false
}

// accordingWords are the one-word "according to" of French and German.
var accordingWords = setOf(`selon laut`)

// according returns how many tokens "according to" (or French selon,
// German laut) takes at token i: 2, 1, or 0 for none.
func (x *extractor) according(i int) int {
	switch {
	case i < 0 || i >= len(x.toks):
		return 0
	case x.toks[i].lower == "according" && i+1 < len(x.toks) && x.toks[i+1].lower == "to":
		return 2
	case accordingWords[x.toks[i].lower]:
		return 1
	}
	return 0
}

// quoteSubject reads the subject of a verb before or around a quote: the
// noun phrase from the start of its clause (subjectBefore), else the one
// right before it (subjectOf), else, for a verb after "and" or "but", the
// sentence's opening noun phrase ("Environmental groups welcomed the
// decision but said it came "two summers too late."").
func (x *extractor) quoteSubject(v, para int) (speaker, bool) {
	if who, ok, is := x.participleSpeaker(v); is {
		return who, ok
	}
	from := x.sentenceStart(v)
	if who, ok := x.subjectBefore(v, from); ok {
		return who, true
	}
	if who, ok := x.subjectOf(v, para); ok {
		return who, true
	}
	k := v - 1
	for k > from && adverbs[x.toks[k].lower] {
		k--
	}
	if k > from && (x.toks[k].lower == "and" || x.toks[k].lower == "but") {
		return x.sentenceSubject(from, k)
	}
	return speaker{}, false
}

// participleSpeaker reads the speaker of a participle of the lexicon set
// off by a comma ("…," Trump said, adding later, "…"; Dean, a former
// chairman, poked at Trump, tweeting, "…"; He defended the remark,
// saying, "…"): the speaker of the last claim before it in its sentence,
// else the pronoun or the noun phrase opening the sentence. is is false
// when token v is no such participle.
func (x *extractor) participleSpeaker(v int) (who speaker, ok, is bool) {
	if v < 1 || x.toks[v-1].lower != "," && !participleLinks[x.toks[v-1].lower] || !strings.HasSuffix(x.toks[v].lower, "ing") {
		return speaker{}, false, false
	}
	from := x.sentenceStart(v)
	for i := v - 1; i >= from; i-- {
		if p := x.takenBy[i]; p > 0 {
			if src := x.said(p - 1); src >= 0 {
				return x.speakerOf(src), true, true
			}
			return speaker{}, false, true
		}
	}
	for from < v && !x.toks[from].word { // the closing mark of the sentence before
		from++
	}
	// "During a speech, Trump attacked…": an opening adjunct is left out.
	if prepositions[x.toks[from].lower] || clauseStops[x.toks[from].lower] {
		for c := from + 1; c < v-1; c++ {
			if x.toks[c].lower == "," {
				from = c + 1
				break
			}
		}
	}
	if pronouns[x.toks[from].lower] {
		return speaker{from, from + 1, "pronoun"}, true, true
	}
	who, ok = x.sentenceSubject(from, v-1)
	return who, ok, true
}

// participleLinks may stand before a participle whose subject is the
// sentence's (sings to Clinton before asking her, "…").
var participleLinks = setOf(`before after while when without by`)

// speakerOf returns the tokens and kind of the source suggestion src.
func (x *extractor) speakerOf(src int) speaker {
	sp := x.out[src].Spans[0]
	from, to := x.tokenAt(sp.Start), x.tokenAt(sp.Start)
	for to < len(x.toks) && x.toks[to].start < sp.End {
		to++
	}
	return speaker{from, to, strings.TrimPrefix(x.out[src].Rule, "speaker.")}
}

// naming looks for S called N "…" right before the opening mark at token
// oi: a verb of naming (call, dub, brand, label), its object, the quote.
func (x *extractor) naming(oi int) (attribution, bool) {
	from := x.sentenceStart(oi)
	for v := oi - 1; v > from && oi-v <= 7; v-- {
		t := x.toks[v]
		if !t.word {
			break
		}
		// "described the talks as "…"", "criticized the act as a "…"": a
		// verb of saying, its object, "as" and the quote.
		as := false
		for k := v + 2; k < oi && k-v <= 7; k++ {
			as = as || x.toks[k].lower == "as" && oi-k <= 2
		}
		as = as && x.isVerb(v)
		if x.isCue(v) && !as {
			break
		}
		// "called the plan "…"": a finite form (not "our labeling as"),
		// or a participle after a comma (…, calling it "…"), and an object
		// between it and the quote (not "a film called "…"")
		if (namingVerbs[t.lower] || as) && !t.upper && v < oi-1 {
			if who, ok, is := x.participleSpeaker(v); is {
				if ok {
					return attribution{cueFrom: v, cueTo: v + 1, cueRule: "cue.named", who: who, near: true, end: oi}, true
				}
				break
			}
			if strings.HasSuffix(t.lower, "ing") {
				break
			}
			if who, ok := x.subjectBefore(v, from); ok {
				return attribution{cueFrom: v, cueTo: v + 1, cueRule: "cue.named", who: who, near: true, end: oi}, true
			}
			break
		}
	}
	return attribution{}, false
}

// sentenceStart returns the first token of the sentence holding token i.
func (x *extractor) sentenceStart(i int) int {
	p := x.toks[i].para
	for i > 0 && x.toks[i-1].para == p && !sentenceEnd(x.toks[i-1]) {
		i--
	}
	return i
}

// inSentence looks, from the opening mark at token oi back to the start of
// its sentence, for S said … "…" or according to S … "…".
func (x *extractor) inSentence(oi int) (attribution, bool) {
	para := x.toks[oi].para
	for v := oi - 1; v >= 0 && oi-v <= 40; v-- {
		t := x.toks[v]
		if t.para != para || sentenceEnd(t) && !x.quoted[v] {
			break
		}
		// a quote before it that is a claim has its own attribution; one
		// that is not (a scare quote) is read past
		if !t.word && isMark([]rune(t.lower)[0]) && (x.takenBy[v] > 0 || v > 0 && x.takenBy[v-1] > 0 || x.takenBy[v+1] > 0) {
			break
		}
		if x.quoted[v] {
			continue
		}
		if x.isVerb(v) {
			if who, ok := x.quoteSubject(v, para); ok {
				return attribution{cueFrom: v, cueTo: v + 1, cueRule: "cue.in-sentence", who: who}, true
			}
		}
		if n := x.according(v); n > 0 && v+n < oi {
			if who, ok := x.npAfter(v+n, para); ok {
				who = x.withApposition(who, para)
				return attribution{cueFrom: v, cueTo: v + n, cueRule: "cue.according-to", who: who}, true
			}
		}
	}
	return attribution{}, false
}

// clauseEnds reports whether a speaker read after its verb may end at
// token i: punctuation, the paragraph's end, or a word that starts an
// adjunct (in a statement, on Monday, who…, speaking…).
func (x *extractor) clauseEnds(i, para int) bool {
	if i >= len(x.toks) || x.toks[i].para != para || !x.toks[i].word {
		return true
	}
	w := x.toks[i].lower
	return stopWords[w] || adjunctStarts[w] || strings.HasSuffix(w, "ing")
}

// adjunctStarts are words that begin what may follow a speaker after its
// verb: "said Smith over the live broadcast", "said Smith, who…".
var adjunctStarts = setOf(`who whose to from during with via by over outside inside through near
ahead following amid under without for`)

// sentenceEnd reports whether t ends a sentence.
func sentenceEnd(t token) bool {
	return !t.word && (t.lower == "." || t.lower == "!" || t.lower == "?" || t.lower == "…")
}

// startsSentence reports whether the quote opening at token oi begins a
// sentence of its paragraph.
func (x *extractor) startsSentence(oi int) bool {
	return oi == 0 || x.toks[oi-1].para != x.toks[oi].para || sentenceEnd(x.toks[oi-1]) ||
		(!x.toks[oi-1].word && isMark([]rune(x.toks[oi-1].lower)[0]))
}

// wholeParagraph reports whether q fills its paragraph but for white space
// and punctuation after the closing mark.
func (x *extractor) wholeParagraph(q quote) bool {
	for i := q.open - 1; i >= 0 && x.rs[i] != '\n'; i-- {
		if !unicode.IsSpace(x.rs[i]) {
			return false
		}
	}
	for i := q.close + 1; i < len(x.rs) && x.rs[i] != '\n'; i++ {
		if !unicode.IsSpace(x.rs[i]) && !unicode.IsPunct(x.rs[i]) {
			return false
		}
	}
	return true
}

// commaAfter reports whether a comma follows the closing mark at token ci
// (British punctuation: "No", she said).
func (x *extractor) commaAfter(ci int) bool {
	return ci+1 < len(x.toks) && x.toks[ci+1].lower == ","
}

// countWords counts the words of s.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := wordRune(r)
		if w && !in {
			n++
		}
		in = w || (in && (r == '\'' || r == '’' || r == '-'))
	}
	return n
}

// endsPunct reports whether s ends with its own punctuation.
func endsPunct(s string) bool {
	s = strings.TrimRight(s, " ")
	return strings.HasSuffix(s, ",") || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") ||
		strings.HasSuffix(s, "?") || strings.HasSuffix(s, "…")
}

// minorWords may stay lower case in a title.
var minorWords = setOf(`a an the and but or nor for of in on at to by with from as into over up vs`)

// titleCase reports whether s reads as the title of a work: no sentence
// punctuation at its end, and every word but the minor ones capitalised.
func titleCase(s string) bool {
	if s = strings.TrimRight(s, ",."); endsPunct(s) {
		return false
	}
	words := strings.Fields(s)
	if len(words) > 10 {
		return false
	}
	for i, w := range words {
		r := []rune(w)
		if !unicode.IsLetter(r[0]) { // numbers, dashes: Vision 2040
			continue
		}
		if !unicode.IsUpper(r[0]) && (i == 0 || !minorWords[strings.ToLower(w)]) {
			return false
		}
	}
	return true
}
