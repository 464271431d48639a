package suggest

import (
	"strings"
	"unicode"

	"glossa/annotation"
)

// Indirect attributions: reported speech and thought outside quote marks.
// The claim is the reported clause, without "that", without the comma
// that sets it off from its attribution and without the sentence's final
// stop. Every sentence is read, those holding quotes too, but a reporting
// verb inside a quote is not a cue, and a clause that overlaps a claim the
// quote rules made is left to them.
//
//	indirect.said-that    S V that X: any verb of the lexicon, adjuncts between (said on Monday in a statement that X)
//	indirect.said         S V X: a clause without "that" (He said the talks failed; Analysts think rates will fall)
//	indirect.to           S V to X / S V R to X (she hopes to return; urged the union to return to talks)
//	indirect.object       S V N: the object reported (denies fraud; accused the government of cutting posts;
//	                      called for the repeal of the law; cited problems; a poll shows Clinton ahead;
//	                      called climate change a hoax: an object and an article-led noun phrase after "call")
//	indirect.after        X, S said. / X, said S. / X, S said on Tuesday, adding…
//	indirect.according-to According to S, X. / X, according to S.
//	indirect.split        X, S said, Y. / X, according to S, Y.: one claim, two spans
//	indirect.view         In her view, X. / In the view of S, X.
//	indirect.coordinated  …, adding that Y / … and added that Y / … but warned Y: one more claim of the same speaker
//	indirect.passive      X, it was reported. / It is understood that X.: a claim with a cue and no speaker
//	indirect.asked        Asked about X, S said…: X a claim with the cue "Asked about" and no speaker
//	indirect.as           As S put it, X. / As S noted, X.
//	qa.line               Q: X / A: X / Calloway: X at a paragraph's start, in an article of such lines
//
// A reported clause ends before a claim the quote rules made inside it, at
// that claim's speaker or cue ("that X ― Trump boasted, "…""). After
// "that" an adjunct may open the clause (pledged that in 2000 it would…); a
// form of the lexicon may open a bare clause as a noun when a finite verb
// follows (said praise from Putin would not…); a title or scare quote in
// the hearer is read past on the way to "that".
//
// The subject S is read back from the verb to the start of its clause
// (the sentence's start, a comma, a conjunction): a noun phrase of any
// words but verbs, auxiliaries and subordinators, with an apposition set
// off by commas ("Oleh Brandt, who chairs the union, said") or a
// parenthesis (Sen. David Perdue (R-Ga.) said), names with theirs joined
// by "and", a floating quantifier before the verb (they all said) or as the
// subject (all agreed), or a relative pronoun, the source as written (an
// architect who said…; after it, the main clause's auxiliary ends a bare
// clause); a sentence
// adverb or a time adjunct before it is left out ("But officials said",
// "On Monday the ministry said").

// minIndirectWords is the least a reported clause holds: "it was fine".
const minIndirectWords = 3

// prepositions do not start a reported clause.
var prepositions = setOf(`in on at to for by with during after before from of into over under about
across through against between via without within amid outside inside near`)

// auxiliaries stand between a subject and its verb (has said, would not
// say) and show a clause is finite.
var auxiliaries = setOf(`is are was were be been being am has have had having will would shall should
can could may might must do does did 's 're 've 'd ’s ’re ’ve ’d isn't aren't wasn't weren't don't
doesn't didn't won't wouldn't can't couldn't shouldn't hasn't haven't hadn't isn’t aren’t wasn’t weren’t
don’t doesn’t didn’t won’t wouldn’t can’t couldn’t shouldn’t hasn’t haven’t hadn’t`)

// articles cannot end a subject: "The dispute flared" is a noun after
// "The" ("Some think" is a subject).
var articles = setOf(`the a an`)

// beForms make a passive before a participle: "was expected".
var beForms = setOf(`is are was were be been being 's ’s`)

// negations: "did not say", "never said": no attribution.
var negations = setOf(`not never n't`)

// clauseStops end a subject read backwards from its verb: the word
// before the clause the subject starts.
var clauseStops = setOf(`and but or nor while whereas as because although though when whenever after
before since if unless until so yet that which where who whom whose than once`)

// floating quantifiers stand between a subject and its verb (they all
// said) or are the subject (all agreed).
var floating = setOf(`all both each`)

// possessives before a noun: "its chairman", "their union".
var possDeterminers = setOf(`his her its their our your my this these those such each every all any no`)

// clauseStarts may open a bare reported clause: "said the talks failed",
// "said it would", "said 40 people".
var clauseStarts = setOf(`the a an this that these those his her its their our my your he she it they we
i there some many most several few all both no none one two three four five six seven eight nine ten
every each another other more less`)

// adjunctHeads end an adjunct between a verb and its clause: "said in a
// statement posted on its website that", "told a news conference on
// Tuesday".
var adjunctHeads = setOf(`statement statements interview interviews conference briefing briefings call
meeting meetings speech letter letters filing filings post posts website site email emails note notes
report release hearing rally event session debate television radio telephone phone parliament court
congress tuesday monday wednesday thursday friday saturday sunday week weekend month year morning
afternoon evening night day today yesterday tonight earlier later recently podcast video blog column
newspaper broadcast address remarks programme program show summit visit trip`)

// participles that carry a second claim of the same speaker: "…, adding
// that Y", "…, saying Y".
func (x *extractor) participle(i int) bool {
	return x.isCue(i) && strings.HasSuffix(x.toks[i].lower, "ing")
}

// indirect finds the indirect attributions of the text, sentence by
// sentence.
func (x *extractor) indirect() {
	x.qaLines()
	for from := 0; from < len(x.toks); {
		to := from
		for to < len(x.toks) && x.toks[to].para == x.toks[from].para {
			t := x.toks[to]
			to++
			if sentenceEnd(t) && !x.quoted[to-1] {
				break
			}
		}
		x.sentence(from, to)
		from = to
	}
}

// sentence tries the indirect rules on tokens [from, to), one sentence.
func (x *extractor) sentence(from, to int) {
	end := to // the clause ends before the final stop
	for end > from && (sentenceEnd(x.toks[end-1]) || x.toks[end-1].lower == ")") {
		end--
	}
	from = x.afterDateline(from, end)
	if end-from < 4 {
		return
	}
	x.asked(from, end)
	// As S put it, X. / As S noted, X.
	if x.toks[from].lower == "as" {
		for c := from + 2; c < end && c-from <= 16; c++ {
			if x.toks[c].lower == "," {
				if a, ok := x.asPutIt(c); ok && x.indirectClaim(c+1, end, a.who, -1, a.cueFrom, a.cueTo, "indirect.as", "cue.indirect") >= 0 {
					return
				}
				break
			}
		}
	}
	if x.accordingTo(from, end) || x.view(from, end) || x.passive(from, end) || x.afterClause(from, end) {
		return
	}
	// S V (that) X: every verb with a subject, left to right; a verb
	// inside a reported clause is not read again.
	for v := from + 1; v < end-1; v++ {
		if !x.cueAt(v) || x.quoted[v] || x.takenBy[v] > 0 {
			continue
		}
		who, ok := x.subjectBefore(v, from)
		if !ok {
			if e, ok := x.sharedSubject(v, from, end); ok {
				v = e - 1
				continue
			}
			// "…," said S, adding that Y: the speaker after the verb.
			if p := v - 1 - b2i(x.toks[v-1].lower == ","); p >= from && !x.toks[p].word && isMark([]rune(x.toks[p].lower)[0]) {
				if w, ok := x.npAfter(v+1, x.toks[v].para); ok {
					w = x.withApposition(w, x.toks[v].para)
					if k := w.to; k+1 < end && x.toks[k].lower == "," && x.participle(k+1) {
						if e, ok := x.reported(k+1, end, w, "indirect.coordinated", x.sourceFor(w, 1)); ok {
							v = e - 1
						}
					}
				}
			}
			continue
		}
		if e, ok := x.reported(v, end, who, "", -1); ok {
			v = e - 1
		}
	}
}

// sharedSubject reads the clause of a verb at token v that has no
// subject of its own but shares one: "S said X and urged Y" after a claim
// the quote rules made (S said the offer was "fair" and urged…), "S
// welcomed the decision but said Y", "S welcomed the decision, saying Y"
// (the noun phrase opening the sentence). It returns the token after the
// claim.
func (x *extractor) sharedSubject(v, from, end int) (int, bool) {
	k := v - 1
	for k > from && adverbs[x.toks[k].lower] {
		k--
	}
	c := x.toks[k].lower
	if k <= from || (c != "and" && c != "but" && !(c == "," && x.participle(v))) {
		return 0, false
	}
	// the claim right before (its closing mark skipped), and its speaker
	b := k - 1
	for b > from && !x.toks[b].word && x.takenBy[b] == 0 {
		b--
	}
	if p := x.takenBy[b]; p > 0 {
		if src := x.said(p - 1); src >= 0 {
			return x.reported(v, end, speaker{}, "indirect.coordinated", src)
		}
	}
	who, ok := x.sentenceSubject(from, k)
	if !ok {
		return 0, false
	}
	for _, t := range x.toks[who.to:k] {
		if !t.word && t.lower != "," || x.isCue(who.to) {
			return 0, false
		}
	}
	return x.reported(v, end, who, "indirect.coordinated", -1)
}

// sentenceSubject reads the noun phrase that opens the sentence starting
// at token from, ending before token k: names, roles and the words that
// glue them (no lower-case word that is neither), with its apposition.
func (x *extractor) sentenceSubject(from, k int) (speaker, bool) {
	for from < k && stopWords[x.toks[from].lower] && !possDeterminers[x.toks[from].lower] {
		from++ // But, However, Meanwhile
	}
	if from >= k {
		return speaker{}, false
	}
	if pronouns[x.toks[from].lower] {
		return speaker{from, from + 1, "pronoun"}, true
	}
	j := from
	for j < k && j-from < 12 && (npWord(x.toks[j]) || possDeterminers[x.toks[j].lower] && j == from ||
		j > from && x.toks[j].word && !x.isCue(j) && j+1 < k && role(x.toks[j+1].lower) && !stopWords[x.toks[j].lower]) {
		j++
	}
	for j > from && glue[x.toks[j-1].lower] {
		j--
	}
	kind := x.classify(from, j)
	if kind == "" || kind == "pronoun" {
		return speaker{}, false
	}
	who := x.withApposition(speaker{from, j, kind}, x.toks[from].para)
	return who, who.to < k
}

// afterDateline returns the first token after a dateline opening the
// paragraph at token from ("RIVERTON, Aug. 14 (Northwire) — Farmers…"):
// a word in capitals, then a dash within a few tokens; else from.
func (x *extractor) afterDateline(from, end int) int {
	t := x.toks[from]
	if from > 0 && x.toks[from-1].para == t.para || !t.word || len(t.lower) < 2 ||
		strings.ToUpper(string(x.rs[t.start:t.end])) != string(x.rs[t.start:t.end]) {
		return from
	}
	for k := from + 1; k < end && k-from <= 14; k++ {
		switch x.toks[k].lower {
		case "—", "–", "-":
			return k + 1
		}
	}
	return from
}

// reported reads the clause a verb at token v reports, up to end, and
// adds the claim said by who (a source index src when >= 0, else who is
// added). It goes on to a second verb coordinated with the first (…and
// added that Y). It returns the token after the claim.
func (x *extractor) reported(v, end int, who speaker, rule string, src int) (int, bool) {
	s, frame, ok := x.complement(v, end)
	if !ok {
		// "…," she said, adding that Y: no clause of its own, but a
		// participle after it.
		if k := v + 1; k+1 < end && x.toks[k].lower == "," && x.participle(k+1) {
			if src < 0 {
				src = x.sourceFor(who, farFactor)
			}
			return x.reported(k+1, end, who, "indirect.coordinated", src)
		}
		return 0, false
	}
	e := x.clauseEnd(s, end)
	// The people who say they trust the government has fallen: after a
	// relative subject, the main clause's auxiliary ends the claim.
	if frame == "indirect.said" && who.to-who.from == 1 && (x.toks[who.from].lower == "who" || x.toks[who.from].lower == "which") {
		for i := s + 3; i < e; i++ {
			p := x.toks[i-1]
			if auxiliaries[x.toks[i].lower] && p.word && !auxiliaries[p.lower] && !adverbs[p.lower] &&
				!negations[p.lower] && !pronouns[p.lower] && p.lower != "to" && p.lower != "that" {
				e = i
				break
			}
		}
	}
	// The clause ends before a quote's claim it runs into, at the comma or
	// dash before that claim's attribution ("that X ― Trump boasted, "…"").
	for i := s + 1; i < e; i++ {
		if p := x.takenBy[i] - 1; p >= 0 {
			for k := i - 1; k > s; k-- {
				if w := x.toks[k].lower; w == "," || w == "―" || w == "—" || w == "–" || w == ";" {
					e = k
					break
				}
			}
			// and before that claim's speaker and cue ("― Trump boasted, "…"")
			for _, l := range x.out[p].Links {
				if t := x.tokenAt(x.out[l.Target].Spans[0].Start); t > s && t < e {
					e = t
				}
			}
			break
		}
	}
	if rule == "" {
		rule = frame
	}
	cueTo := v + 1
	if x.callOn(v) {
		cueTo = v + 2
	}
	claim := x.indirectClaim(s, e, who, src, v, cueTo, rule, "cue.indirect")
	if claim < 0 {
		// the quote rules' claim (S said the plan was "a disaster"):
		// go on after it with its speaker.
		p := x.takenBy[s] - 1
		if p < 0 || x.said(p) < 0 {
			return 0, false
		}
		src = x.said(p)
		for e = s; e < end && x.takenBy[e] == p+1; e++ {
		}
	} else if src < 0 {
		src = x.said(claim)
	}
	// A second verb of the same speaker: ", adding that Y", " and added
	// that Y", " but warned Y".
	k := e
	if k < end && x.toks[k].lower == "," {
		k++
	}
	if k < end && (x.toks[k].lower == "and" || x.toks[k].lower == "but") {
		k++
		if k < end && adverbs[x.toks[k].lower] {
			k++
		}
		if k < end && x.cueAt(k) && !x.participle(k) {
			if e2, ok := x.reported(k, end, who, "indirect.coordinated", src); ok {
				return e2, true
			}
		}
	} else if k < end && x.participle(k) && x.toks[k-1].lower == "," {
		if e2, ok := x.reported(k, end, who, "indirect.coordinated", src); ok {
			return e2, true
		}
	}
	return e, true
}

// complement returns where the clause reported by the verb at token v
// starts and the rule of its frame: after "that", a bare clause, "to" and
// a verb, an object and "to", or the object itself.
func (x *extractor) complement(v, end int) (int, string, bool) {
	w := x.toks[v].lower
	if x.callOn(v) {
		if x.toks[v+1].lower == "for" {
			// "has called for the complete repeal of the law": the demand
			if v+2 < end && x.toks[v+2].word {
				return v + 2, "indirect.object", true
			}
			return 0, "", false
		}
		// "called on both sides to exercise restraint"
		for t := v + 3; t < end && t-v <= 8 && x.toks[t].word; t++ {
			if x.toks[t].lower == "to" {
				return v + 2, "indirect.to", true
			}
		}
		return 0, "", false
	}
	s := v + 1
	for s < end && adverbs[x.toks[s].lower] {
		s++
	}
	if s >= end || !x.toks[s].word {
		return 0, "", false
	}
	if x.callsAs(v) {
		return s, "indirect.object", true
	}
	// that, after a hearer and adjuncts: "told a court on Tuesday that",
	// "said in a statement posted on its website that"; after an object it
	// is a relative ("cited problems in the region that he blamed on…").
	adjunct := tellVerbs[w] || prepositions[x.toks[s].lower] || adjunctHeads[x.toks[s].lower] ||
		x.toks[s].lower == "last" || x.toks[s].lower == "that"
	for t := s; t < end && t-s <= 12; t++ {
		tk := x.toks[t]
		if tk.lower == "that" {
			if t+1 < end && x.toks[t+1].word && !auxiliaries[x.toks[t+1].lower] && adjunct {
				return t + 1, "indirect.said-that", true
			}
			if t == s && t+1 < end && auxiliaries[x.toks[t+1].lower] {
				return t, "indirect.said", true // "said that would permit…": that is the subject
			}
			break
		}
		// a title or scare quote in the hearer (told MSNBC's "Morning Joe" that) is read past
		if !tk.word && isMark([]rune(tk.lower)[0]) && x.takenBy[t] == 0 || x.quoted[t] && x.takenBy[t] == 0 {
			continue
		}
		if (!tk.word && tk.lower != "," && tk.lower != "-") || x.isCue(t) || tk.lower == "to" && t > s || x.quoted[t] {
			break
		}
	}
	// a hearer: "told reporters the dispute was costing millions"
	if tellVerbs[w] {
		if x.toks[s].lower == "to" {
			return 0, "", false // "farmers told to cut water use": a passive, no speaker
		}
		if r, ok := x.npAfter(s, x.toks[s].para); ok && r.to < end {
			s = r.to
		} else if r, ok := x.detPhraseAfter(s, end); ok {
			s = r
		} else {
			s++
		}
		s = x.skipAdjuncts(s, end)
		if s < end && x.toks[s].word && !prepositions[x.toks[s].lower] && x.toks[s].lower != "to" {
			return s, "indirect.said", true
		}
		return 0, "", false
	}
	if infVerbs[w] && x.toks[s].lower == "to" {
		return s, "indirect.to", true
	}
	if objInfVerbs[w] {
		for t := s + 1; t < end && t-s <= 6 && x.toks[t].word && !x.isCue(t); t++ {
			if x.toks[t].lower == "to" && t+1 < end && x.toks[t+1].word && !clauseStarts[x.toks[t+1].lower] {
				return s, "indirect.to", true
			}
		}
	}
	if !noBareVerbs[w] {
		b := x.skipAdjuncts(s, end)
		if b < end && x.bareClause(b, end, bareVerbs[w]) {
			return b, "indirect.said", true
		}
	}
	if objVerbs[w] && !prepositions[x.toks[s].lower] && x.toks[s].lower != "to" && !auxiliaries[x.toks[s].lower] {
		return s, "indirect.object", true
	}
	return 0, "", false
}

// bareClause reports whether a clause without "that" starts at token s: a
// word that may open a clause (a determiner, a pronoun, a name, a number,
// a plural), and, unless sure is set, a finite verb within its first
// words (an auxiliary, or a past form after the subject).
func (x *extractor) bareClause(s, end int, sure bool) bool {
	t := x.toks[s]
	if atLeast(x.toks, s) {
		return true
	}
	if !t.word || prepositions[t.lower] || t.lower == "to" || auxiliaries[t.lower] || negations[t.lower] ||
		strings.HasSuffix(t.lower, "ing") || clauseStops[t.lower] {
		return false
	}
	// a form of the lexicon may be a noun that opens the clause (said
	// praise from Putin would not…): then only a finite verb shows it
	starts := !x.isCue(s) && (clauseStarts[t.lower] || t.upper || unicode.IsDigit([]rune(t.lower)[0]) ||
		len(t.lower) > 3 && strings.HasSuffix(t.lower, "s") && !clauseStops[t.lower] || role(t.lower))
	if starts && sure {
		return true
	}
	for i := s + 1; i < end && i-s <= 8; i++ {
		u := x.toks[i]
		if !u.word || clauseStops[u.lower] || u.lower == "who" {
			return false
		}
		if auxiliaries[u.lower] || strings.HasSuffix(u.lower, "ed") && !x.toks[i-1].upper && i > s {
			return true
		}
	}
	return false
}

// callVerbs make "call on R to X" (and "call upon") and "call for N".
var callVerbs = setOf(`call calls called calling`)

// callOn reports whether "called on", "called upon" or "called for"
// starts at token i (not after an article: "a call for").
func (x *extractor) callOn(i int) bool {
	return i+1 < len(x.toks) && callVerbs[x.toks[i].lower] && !x.toks[i].upper &&
		(x.toks[i+1].lower == "on" || x.toks[i+1].lower == "upon" || x.toks[i+1].lower == "for") &&
		!(i > 0 && nounMarkers[x.toks[i-1].lower])
}

// cueAt reports whether a reporting verb, "called on" or a "called N a
// …" starts at token i.
func (x *extractor) cueAt(i int) bool { return x.isCue(i) || x.callOn(i) || x.callsAs(i) }

// callsAs reports whether a form of "call" at token i characterizes its
// object: "called climate change a hoax", "called her vote a mistake" (an
// article opens a second noun phrase after an object of a word or more,
// with no preposition, verb or auxiliary between; a film called X and
// called the police are not).
func (x *extractor) callsAs(i int) bool {
	if i+2 >= len(x.toks) || !callVerbs[x.toks[i].lower] || x.toks[i].upper || i > 0 && nounMarkers[x.toks[i-1].lower] {
		return false
	}
	s := i + 1
	if !x.toks[s].word || x.toks[s].upper && !possDeterminers[x.toks[s].lower] || x.toks[s].lower == "a" || x.toks[s].lower == "an" {
		return false
	}
	// call it a day, call it a night: idioms
	if x.toks[s].lower == "it" && s+2 < len(x.toks) && x.toks[s+1].lower == "a" && (x.toks[s+2].lower == "day" || x.toks[s+2].lower == "night") {
		return false
	}
	for t := s + 1; t < len(x.toks) && t-s <= 8 && x.toks[t].para == x.toks[i].para; t++ {
		tk := x.toks[t]
		if !tk.word || prepositions[tk.lower] && tk.lower != "of" && tk.lower != "in" || x.isCue(t) || auxiliaries[tk.lower] {
			return false
		}
		if (tk.lower == "a" || tk.lower == "an") && t+1 < len(x.toks) && x.toks[t+1].word {
			return true
		}
	}
	return false
}

// b2i is 1 for true.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// atLeast reports whether "at least" or "at most" starts at token i: a
// quantity, not an adjunct.
func atLeast(toks []token, i int) bool {
	return toks[i].lower == "at" && i+1 < len(toks) && (toks[i+1].lower == "least" || toks[i+1].lower == "most")
}

// skipAdjuncts skips, from token s, adjuncts between a verb and its
// clause: "on Tuesday", "in a statement", "at a news conference".
func (x *extractor) skipAdjuncts(s, end int) int {
	for n := 0; n < 3 && s < end; n++ {
		t := x.toks[s]
		if adjunctHeads[t.lower] || t.lower == "last" && s+1 < end && adjunctHeads[x.toks[s+1].lower] {
			if t.lower == "last" {
				s++
			}
			s++
			continue
		}
		// "of" starts a complement (accused the government of…), no adjunct
		if !prepositions[t.lower] && t.lower != "late" && t.lower != "early" || t.lower == "of" || atLeast(x.toks, s) {
			return s
		}
		h := -1
		for k := s + 1; k < end && k-s <= 5 && x.toks[k].word; k++ {
			if adjunctHeads[x.toks[k].lower] || x.toks[k].upper && !stopWords[x.toks[k].lower] && k == s+1 {
				h = k
			}
		}
		if h < 0 {
			return s
		}
		s = h + 1
	}
	return s
}

// detPhraseAfter reads a hearer that is a determiner phrase ("a court",
// "a news briefing in the capital") up to "that" or a clause: it returns
// the token after it.
func (x *extractor) detPhraseAfter(s, end int) (int, bool) {
	if s >= end || !determiners[x.toks[s].lower] && !possDeterminers[x.toks[s].lower] {
		return 0, false
	}
	for t := s + 1; t < end && t-s <= 4; t++ {
		tk := x.toks[t]
		if !tk.word || prepositions[tk.lower] || tk.lower == "that" || clauseStarts[tk.lower] {
			return t, true
		}
	}
	return 0, false
}

// contrasts after a comma start a clause that is not reported.
var contrasts = setOf(`though although while whereas but`)

// clauseEnd returns where the clause starting at token s ends, at end or
// before: at a semicolon, at a comma before "according to" or a
// participle of the lexicon, at "and"/"but" before a reporting verb.
func (x *extractor) clauseEnd(s, end int) int {
	for i := s + 1; i < end; i++ {
		t := x.toks[i]
		switch {
		case t.lower == ";":
			return i
		case t.lower == "," && i+1 < end && contrasts[x.toks[i+1].lower]:
			return i // "…, though some think it could pause": another clause
		case t.lower == "," && x.according(i+1) > 0 && i+1+x.according(i+1) < end:
			return i
		case t.lower == "," && i+1 < end && x.participle(i+1) && !x.quoted[i+1]:
			return i
		case (t.lower == "and" || t.lower == "but") && i+1 < end && !x.quoted[i]:
			k := i + 1
			if adverbs[x.toks[k].lower] && k+1 < end {
				k++
			}
			if x.cueAt(k) && !x.participle(k) {
				if _, _, ok := x.complement(k, end); ok {
					return i
				}
			}
		}
	}
	return end
}

// subjectBefore reads the subject of the verb at token v, within the
// sentence starting at token from.
func (x *extractor) subjectBefore(v, from int) (speaker, bool) {
	// "The decision was expected to…", "is believed": a passive; its
	// subject is what is reported on, not who reports.
	if v > from && beForms[x.toks[v-1].lower] && !strings.HasSuffix(x.toks[v].lower, "ing") {
		return speaker{}, false
	}
	e := v
	for e > from && (auxiliaries[x.toks[e-1].lower] || adverbs[x.toks[e-1].lower] || x.toks[e-1].lower == "long" ||
		floating[x.toks[e-1].lower] && e-2 >= from && (x.toks[e-2].word || x.toks[e-2].lower == ")")) {
		e--
	}
	// "an architect who said", "critics, who have argued": the relative
	// pronoun is the source, as written
	if e > from && (x.toks[e-1].lower == "who" || x.toks[e-1].lower == "which") {
		return speaker{e - 1, e, "pronoun"}, true
	}
	for _, t := range x.toks[e:v] {
		if negations[t.lower] {
			return speaker{}, false
		}
	}
	if e > from && negations[x.toks[e-1].lower] {
		return speaker{}, false
	}
	head, to := e, e
	// Sen. David Perdue (R-Ga.) said: the parenthesis belongs to the name
	if e > from+2 && x.toks[e-1].lower == ")" {
		for p := e - 2; p > from && e-p <= 8; p-- {
			if x.toks[p].lower == "(" {
				head = p
				break
			}
			if !x.toks[p].word && x.toks[p].lower != "-" {
				break
			}
		}
	}
	if e > from && x.toks[e-1].lower == "," {
		// S, an apposition, said: the head before the apposition.
		c := e - 2
		for c > from && e-c <= 30 && x.toks[c].lower != "," {
			t := x.toks[c]
			if !t.word && !strings.Contains("-&()/", t.lower) || x.isCue(c) && !x.participle(c) || x.quoted[c] {
				return speaker{}, false
			}
			c--
		}
		if c <= from || x.toks[c].lower != "," || c+1 >= e-1 {
			return speaker{}, false
		}
		head, to = c, e-1
		if prepositions[x.toks[c+1].lower] || strings.HasSuffix(x.toks[c+1].lower, "ing") {
			to = c // a parenthesis, not an apposition: "S, in a statement, said"
		}
	}
	s := head
	for s > from {
		t := x.toks[s-1]
		// "the Ministry of Energy and Mines", "Employees posting on social media"
		inner := t.lower == "and" && s-2 >= from && (x.toks[s-2].upper || x.toks[s-2].lower == ")") && x.toks[s].upper ||
			x.participle(s-1) && s < head-1 && s-2 >= from && x.toks[s-2].word
		if !inner && (!t.word && t.lower != "&" && t.lower != "-" && t.lower != "(" && t.lower != ")" || clauseStops[t.lower] || auxiliaries[t.lower] ||
			negations[t.lower] || x.isCue(s-1)) || x.quoted[s-1] || head-s >= 12 {
			break
		}
		s--
	}
	if s > from {
		p := x.toks[s-1]
		if p.word && !clauseStops[p.lower] || !p.word && p.lower != "," && p.lower != ";" && p.lower != ":" &&
			p.lower != "—" && p.lower != "–" && p.lower != "-" && p.lower != "(" && !isMark([]rune(p.lower)[0]) {
			return speaker{}, false
		}
	}
	// Leave out sentence adverbs and a time adjunct before the subject.
	for s < head && (stopWords[x.toks[s].lower] && !possDeterminers[x.toks[s].lower] && !pronouns[x.toks[s].lower] ||
		prepositions[x.toks[s].lower]) {
		if prepositions[x.toks[s].lower] || x.toks[s].lower == "last" {
			d := s + 1
			for d < head && !determiners[x.toks[d].lower] && !possDeterminers[x.toks[d].lower] {
				d++
			}
			s = d
			continue
		}
		s++
	}
	if s >= head {
		return speaker{}, false
	}
	first, last := x.toks[s], x.toks[head-1]
	if articles[last.lower] || possDeterminers[last.lower] && !(head-s == 1 && floating[last.lower]) ||
		glue[last.lower] || prepositions[last.lower] || possessive(last.lower) && to == head {
		return speaker{}, false // "The dispute flared", "the ministry's plan to": a noun, not a verb
	}
	// "…, a claim Valdoria denied", "a figure the ministry disputed", "a
	// sum the other side rejected": a noun and a relative clause, not a
	// subject.
	for j := s + 1; j+1 < head; j++ {
		if n := x.toks[j+1]; articles[x.toks[j-1].lower] && !x.toks[j].upper && x.toks[j].word &&
			(articles[n.lower] || possDeterminers[n.lower] || x.verbs[x.toks[j].lower] != 0 && (n.upper || determiners[n.lower])) {
			return speaker{}, false
		}
	}
	if head-s == 1 && pronouns[first.lower] {
		return speaker{s, to, "pronoun"}, true
	}
	if pronouns[first.lower] && first.lower != "it" || first.lower == "it" || first.lower == "there" ||
		first.lower == "i" || first.lower == "you" || strings.HasSuffix(first.lower, "ly") && !first.upper {
		return speaker{}, false
	}
	kind := "group"
	for i, t := range x.toks[s:to] {
		// a capital that only starts the sentence names nobody
		// ("Analysts said", "Shipping agents said"), unless it is the
		// whole name ("Smith said")
		if t.upper && !stopWords[t.lower] && !determiners[t.lower] && !possDeterminers[t.lower] &&
			(i > 0 || x.sentenceStart(s) != s || head-s == 1 && !role(t.lower)) {
			kind = "named"
		}
	}
	return speaker{s, to, kind}, true
}

// afterClause finds "X, S said [adjunct]." and "X, said S[, apposition]." at a
// comma near the sentence's end, and a participle after it ("…, adding
// that Y").
func (x *extractor) afterClause(from, end int) bool {
	para := x.toks[from].para
	for c, commas := end-2, 0; c > from && commas < 3; c-- {
		if x.toks[c].lower != "," || x.quoted[c] {
			continue
		}
		commas++
		k := c + 1
		// , said S / , said S, a spokesman for X,
		if x.isCue(k) && !x.participle(k) {
			if who, ok := x.npAfter(k+1, para); ok {
				who = x.withApposition(who, para)
				if e := x.skipAdjuncts(who.to, end); e == end || x.tail(e, end) {
					return x.afterClaim(from, c, who, k, e, end)
				}
			}
		}
		// , S said / , S, a spokesman, said
		for v := k + 1; v < end && v-k <= 16; v++ {
			if !x.isCue(v) || x.participle(v) {
				continue
			}
			who, ok := x.subjectBefore(v, k)
			if !ok || who.from != k {
				break
			}
			e := x.skipAdjuncts(v+1, end)
			if e == end || x.tail(e, end) {
				return x.afterClaim(from, c, who, v, e, end)
			}
			break
		}
	}
	return false
}

// tail reports whether token e, after an attribution, starts what may
// follow it in its sentence: a comma and a participle or an apposition.
func (x *extractor) tail(e, end int) bool {
	return e+1 < end && x.toks[e].lower == "," && x.toks[e+1].word
}

// afterClaim adds the claim of "X, S said" (X from token from to the comma
// c, the verb at v) and one more of the same speaker in a participle after
// the attribution (e: the token after it).
func (x *extractor) afterClaim(from, c int, who speaker, v, e, end int) bool {
	y, split := x.resumes(e, end)
	rule := "indirect.after"
	if split {
		rule = "indirect.split"
	}
	claim := x.indirectClaim(from, c, who, -1, v, v+1, rule, "cue.after-clause")
	if claim < 0 {
		return false
	}
	switch {
	case split:
		x.extend(claim, y, end)
	case e+1 < end && x.toks[e].lower == "," && x.participle(e+1):
		x.reported(e+1, end, who, "indirect.coordinated", x.said(claim))
	}
	return true
}

// resumes reports whether the clause an attribution interrupts goes on
// after it: ", Y" at token e where Y starts with an auxiliary or a verb
// ("The plan, he said, would cost $3 billion"; "Prices, she said, rose"):
// a lower-case word that is no participle, relative, conjunction,
// preposition, determiner or adverb ("…, citing", "…, who", "…, but",
// "…, in a statement", "…, a spokesman"). It returns where Y starts.
func (x *extractor) resumes(e, end int) (int, bool) {
	if e+2 >= end || x.toks[e].lower != "," {
		return 0, false
	}
	t := x.toks[e+1]
	if !t.word || t.upper || x.quoted[e+1] {
		return 0, false
	}
	if auxiliaries[t.lower] {
		return e + 1, true
	}
	if prepositions[t.lower] || clauseStops[t.lower] || clauseStarts[t.lower] || stopWords[t.lower] ||
		adverbs[t.lower] || negations[t.lower] || strings.HasSuffix(t.lower, "ing") || strings.HasSuffix(t.lower, "ly") ||
		x.isCue(e+1) || role(t.lower) {
		return 0, false
	}
	return e + 1, true
}

// extend adds tokens [from, to) (the final stop left out) as a second span
// of claim: the clause an attribution interrupts.
func (x *extractor) extend(claim, from, to int) {
	for to > from && (sentenceEnd(x.toks[to-1]) || !x.toks[to-1].word && !isMark([]rune(x.toks[to-1].lower)[0]) && x.toks[to-1].lower != ")") {
		to--
	}
	if from >= to {
		return
	}
	x.out[claim].Spans = append(x.out[claim].Spans, x.span(from, to))
	for i := from; i < to; i++ {
		x.takenBy[i] = claim + 1
	}
}

// accordingTo finds "According to S, X." and "X, according to S[, …]."
func (x *extractor) accordingTo(from, end int) bool {
	if n := x.according(from); n > 0 {
		if who, ok := x.sourceAfter(from+n, end); ok && who.to < end && x.toks[who.to].lower == "," {
			return x.indirectClaim(who.to+1, end, who, -1, from, from+n, "indirect.according-to", "cue.according-to") >= 0
		}
	}
	for c := from + 1; c+2 < end; c++ {
		if n := x.according(c + 1); n > 0 && x.toks[c].lower == "," && !x.quoted[c] && c+1+n < end {
			if who, ok := x.sourceAfter(c+1+n, end); ok {
				// "The company, according to the filing, lost $3 million."
				if y, split := x.resumes(who.to, end); split {
					claim := x.indirectClaim(from, c, who, -1, c+1, c+1+n, "indirect.split", "cue.according-to")
					if claim >= 0 {
						x.extend(claim, y, end)
					}
					return claim >= 0
				}
				return x.indirectClaim(from, c, who, -1, c+1, c+1+n, "indirect.according-to", "cue.according-to") >= 0
			}
		}
	}
	return false
}

// sourceAfter reads the source after "according to": a speaker with its
// apposition, or any noun phrase up to the next comma or the clause's
// end ("figures released Monday by the Regional Health Board").
func (x *extractor) sourceAfter(i, end int) (speaker, bool) {
	para := x.toks[i].para
	if who, ok := x.npAfter(i, para); ok {
		who = x.withApposition(who, para)
		if who.to >= end || x.toks[who.to].lower == "," {
			return who, true
		}
	}
	j := i
	for j < end && j-i < 14 && x.toks[j].lower != "," && !x.quoted[j] && (x.toks[j].word || x.toks[j].lower == "-" || x.toks[j].lower == "&") {
		j++
	}
	if j == i || j-i >= 14 || j < end && x.toks[j].lower != "," {
		return speaker{}, false
	}
	kind := "group"
	if x.classify(i, j) == "named" {
		kind = "named"
	}
	return speaker{i, j, kind}, true
}

// view finds "In her view, X." and "In the view of S, X."
func (x *extractor) view(from, end int) bool {
	if x.toks[from].lower != "in" {
		return false
	}
	c := from + 1
	for c < end && c-from <= 8 && x.toks[c].lower != "," {
		c++
	}
	if c >= end || x.toks[c].lower != "," || c-from < 3 {
		return false
	}
	var who speaker
	switch {
	case x.toks[c-1].lower == "view" && c-from == 3 && (possDeterminers[x.toks[from+1].lower] || possessive(x.toks[from+1].lower)):
		k := "pronoun"
		if possessive(x.toks[from+1].lower) {
			k = "named"
		}
		who = speaker{from + 1, from + 2, k}
	case x.toks[from+1].lower == "the" && x.toks[from+2].lower == "view" && x.toks[from+3].lower == "of" && c > from+4:
		who = speaker{from + 4, c, x.classify(from+4, c)}
		if who.kind == "" {
			who.kind = "group"
		}
	default:
		return false
	}
	return x.indirectClaim(c+1, end, who, -1, from, c, "indirect.view", "cue.view") >= 0
}

// askedLinks follow "Asked" opening a sentence: what the question was.
var askedLinks = setOf(`about to whether if what how why when where who for`)

// asked finds "Asked about X, S said…" and "Asked to describe X, S…" at a
// sentence's start: X is what was asked, a claim with the cue "Asked" (and
// its preposition) and no speaker, as PolNeAR annotates it; the rest of
// the sentence is read as any other.
func (x *extractor) asked(from, end int) {
	if end-from < 5 || x.toks[from].lower != "asked" || !x.toks[from].upper || !askedLinks[x.toks[from+1].lower] {
		return
	}
	cueTo := from + 1
	if x.toks[from+1].lower == "about" || x.toks[from+1].lower == "for" {
		cueTo++
	}
	for c := cueTo + 1; c < end && c-from <= 30; c++ {
		if x.toks[c].lower == "," && !x.quoted[c] {
			x.indirectClaim(cueTo, c, speaker{}, -1, from, cueTo, "indirect.asked", "cue.asked")
			return
		}
		if sentenceEnd(x.toks[c]) {
			return
		}
	}
}

// passiveVerbs make "X, it was reported" and "It is understood that X".
var passiveVerbs = setOf(`reported said announced understood believed thought expected alleged claimed
learned learnt known rumoured rumored estimated feared`)

// passive finds agentless attributions: "X, it was reported." and "It is
// understood that X." The claim has a cue and no speaker.
func (x *extractor) passive(from, end int) bool {
	t := func(i int) string { return x.toks[i].lower }
	if end-from > 4 && t(from) == "it" && (t(from+1) == "is" || t(from+1) == "was" || t(from+1) == "has") {
		v := from + 2
		if t(from+1) == "has" && t(v) == "been" {
			v++
		}
		if v+1 < end && passiveVerbs[t(v)] && t(v+1) == "that" {
			return x.indirectClaim(v+2, end, speaker{}, -1, v, v+1, "indirect.passive", "cue.passive") >= 0
		}
	}
	if end-from > 6 && t(end-3) == "it" && (t(end-2) == "was" || t(end-2) == "is") && passiveVerbs[t(end-1)] && t(end-4) == "," {
		return x.indirectClaim(from, end-4, speaker{}, -1, end-1, end, "indirect.passive", "cue.passive") >= 0
	}
	// ", it was reported on Wednesday."
	for c := end - 4; c > from+3 && end-c <= 8; c-- {
		if t(c) == "," && t(c+1) == "it" && (t(c+2) == "was" || t(c+2) == "is") && passiveVerbs[t(c+3)] &&
			x.skipAdjuncts(c+4, end) == end {
			return x.indirectClaim(from, c, speaker{}, -1, c+3, c+4, "indirect.passive", "cue.passive") >= 0
		}
	}
	return false
}

// qaLines finds the lines of an interview: "Q: …", "A: …", or a name and
// a colon opening a paragraph (in bold too: "**Calloway:** …"; after an
// opening quote mark: a transcript quoted turn by turn, "WALLACE: …"),
// when the article is an interview: it has a Q or an A line, two lines with
// the same label, or two whose labels are in capitals (one "Update: …"
// line is no interview); then every such line, the interviewer's single
// question too. The claim is the rest of the paragraph, the label its
// source, the colon its cue. A paragraph that opens with a quote mark and
// no label, after a quoted turn, goes on with that turn: one span more.
// A line whose text is a quote is left to the quote rules.
func (x *extractor) qaLines() {
	type line struct {
		from, to, colon, body, end int  // label [from, to), colon, text [body, end)
		quoted                     bool // the turn opens with a quote mark
	}
	var lines []line
	var more [][2]int // paragraphs [from, end) that open with a mark and no label
	count := map[string]int{}
	caps := 0
	label := func(l line) string {
		var b strings.Builder
		for _, t := range x.toks[l.from:l.to] {
			b.WriteString(t.lower)
		}
		return b.String()
	}
	for i := 0; i < len(x.toks); {
		p := x.toks[i].para
		e := i
		for e < len(x.toks) && x.toks[e].para == p {
			e++
		}
		// a label in bold (**Calloway:** or **Calloway**:) as Markdown writes it
		f := i
		quoted := false
		if f < e && !x.toks[f].word && isMark([]rune(x.toks[f].lower)[0]) {
			f++
			quoted = true
		}
		for f < e && emphasis(x.toks[f]) {
			f++
		}
		found := false
		for c := f + 1; c < e && c-f <= 5; c++ {
			t := x.toks[c]
			if t.lower == ":" {
				to := c
				for to > f && emphasis(x.toks[to-1]) {
					to--
				}
				b := c + 1
				for b < e && emphasis(x.toks[b]) {
					b++
				}
				ok := b < e && to > f && to-f <= 3 && !isMark([]rune(x.toks[b].lower)[0])
				allCaps := true
				for _, u := range x.toks[f:to] {
					ok = ok && u.word && u.upper
					allCaps = allCaps && x.capitals(u)
				}
				if quoted && !allCaps {
					ok = false // "Note: …" inside a quote is the quote's
				}
				if ok {
					l := line{f, to, c, b, e, quoted}
					lines = append(lines, l)
					count[label(l)]++
					if allCaps {
						caps++
					}
					found = true
				}
				break
			}
			if !t.word && !emphasis(t) {
				break
			}
		}
		if !found && quoted {
			more = append(more, [2]int{f, e})
		}
		i = e
	}
	interview := caps >= 2
	for lb, n := range count {
		interview = interview || n >= 2 || lb == "q" || lb == "a"
	}
	if !interview {
		return
	}
	for _, l := range lines {
		lb := label(l)
		end := x.lineEnd(l.body, l.end)
		kind := "named"
		if lb == "q" || lb == "a" {
			kind = "group"
		}
		claim := x.indirectClaim(l.body, end, speaker{l.from, l.to, kind}, -1, l.colon, l.colon+1, "qa.line", "cue.colon")
		if claim < 0 || !l.quoted {
			continue
		}
		// the turn's further paragraphs, each opening with a mark
		next := x.toks[l.end-1].para + 1
		for _, m := range more {
			if x.toks[m[0]].para != next {
				continue
			}
			if e := x.lineEnd(m[0], m[1]); e > m[0] {
				x.extend(claim, m[0], e)
			}
			next++
		}
	}
}

// genreLabels open a headline with a colon without being anyone who
// speaks: "Interview: …", "Update: …".
var genreLabels = setOf(`interview q&a analysis update exclusive watch opinion editorial review live breaking
video photos explainer factbox timeline profile obituary correction commentary recap preview poll-tracker
podcast listen quiz`)

// headline finds the headline convention "S: C" in the article's first
// paragraph ("Pence: Flowers Won't Be at Debate"; "Poll: Clinton and
// Trump in Dead Heat"): one to three capitalised words with no function
// word among them (no Q or A of an interview, no genre: Interview,
// Update…), a colon, and at least three words that are no quote
// (a quote is the quote rules'). The claim is what follows the colon, the
// label its source, the colon its cue.
func (x *extractor) headline() {
	if len(x.toks) == 0 || x.toks[0].para != 0 {
		return
	}
	c := 1
	for c < len(x.toks) && c <= 3 && x.toks[c].word && x.toks[c].para == 0 {
		c++
	}
	if c >= len(x.toks) || x.toks[c].lower != ":" || x.toks[c].para != 0 {
		return
	}
	for _, t := range x.toks[:c] {
		if !t.word || !t.upper || len(t.lower) < 2 || glue[t.lower] || prepositions[t.lower] || stopWords[t.lower] || genreLabels[t.lower] {
			return
		}
	}
	e := c + 1
	for e < len(x.toks) && x.toks[e].para == 0 {
		e++
	}
	if c+1 >= e || !x.toks[c+1].word {
		return
	}
	kind := x.classify(0, c)
	if kind == "" {
		kind = "named"
	}
	x.indirectClaim(c+1, e, speaker{0, c, kind}, -1, c, c+1, "headline.colon", "cue.colon")
}

// lineEnd returns the end of a line's text [from, end) without the
// punctuation and marks that close it (its final stop kept).
func (x *extractor) lineEnd(from, end int) int {
	for end > from && !x.toks[end-1].word && !sentenceEnd(x.toks[end-1]) && x.toks[end-1].lower != ")" {
		end--
	}
	return end
}

// capitals reports whether the word t is written in capitals (WALLACE).
func (x *extractor) capitals(t token) bool {
	w := string(x.rs[t.start:t.end])
	return len([]rune(w)) > 1 && strings.ToUpper(w) == w && strings.ToLower(w) != w
}

// transcriptTurn reports whether the quote opening at token oi starts a
// turn of a quoted transcript: one to three words in capitals and a colon
// right after the mark ("WALLACE: Let's start…").
func (x *extractor) transcriptTurn(oi int) bool {
	for c := oi + 1; c < len(x.toks) && c-oi <= 4 && x.toks[c].para == x.toks[oi].para; c++ {
		t := x.toks[c]
		if t.lower == ":" {
			return c > oi+1
		}
		if !t.word || !x.capitals(t) {
			return false
		}
	}
	return false
}

// emphasis reports whether t is a Markdown emphasis mark, * or _.
func emphasis(t token) bool { return t.lower == "*" || t.lower == "_" }

// indirectClaim adds a claim on tokens [from, to) said by who (or by the
// source at index src when it is >= 0; by nobody when who is empty) with
// the cue on tokens [cueFrom, cueTo), if the clause is long enough, holds
// no quote of its own and overlaps no claim. It returns the claim's
// index, or -1.
func (x *extractor) indirectClaim(from, to int, who speaker, src int, cueFrom, cueTo int, rule, cueRule string) int {
	for to > from && !x.toks[to-1].word && x.toks[to-1].lower != ")" && !sentenceEnd(x.toks[to-1]) &&
		!isMark([]rune(x.toks[to-1].lower)[0]) {
		to--
	}
	if rule != "qa.line" {
		for to > from && sentenceEnd(x.toks[to-1]) {
			to--
		}
	}
	if from >= to || prepositions[x.toks[from].lower] && !atLeast(x.toks[:to], from) &&
		!(rule == "indirect.to" && x.toks[from].lower == "to") && rule != "indirect.said-that" {
		return -1 // "announced the cuts in a filing": no clause is reported
	}
	words := 0
	for i := from; i < to; i++ {
		if x.takenBy[i] > 0 {
			return -1
		}
		if x.toks[i].word {
			words++
		}
	}
	least := minIndirectWords
	switch rule {
	case "indirect.object", "indirect.to":
		least = 2
	case "indirect.split":
		least = 1 // "The plan, he said, would cost…": its second span follows
	}
	if words < least {
		return -1
	}
	conf := confidence[rule]
	if x.verbs[x.toks[cueFrom].lower] == belief {
		conf *= beliefFactor
	}
	claim := x.add(Suggestion{Kind: annotation.KindClaim, Label: x.labels.Claim,
		Spans: []annotation.Span{x.span(from, to)}, Rule: rule, Confidence: conf})
	if src < 0 && who.kind != "" {
		src = x.sourceFor(who, farFactor)
	}
	if src >= 0 {
		x.link(claim, annotation.LinkSaidBy, src)
	}
	x.link(claim, annotation.LinkCue, x.cueFor(cueFrom, cueTo, cueRule))
	return claim
}

// said returns the source a claim is said by, or -1.
func (x *extractor) said(claim int) int {
	for _, l := range x.out[claim].Links {
		if l.Type == annotation.LinkSaidBy {
			return l.Target
		}
	}
	return -1
}

// sourceFor returns the source suggestion of who, adding it unless one
// with the same tokens exists; its confidence is its rule's times factor.
func (x *extractor) sourceFor(who speaker, factor float64) int {
	key := [2]int{who.from, who.to}
	if i, ok := x.sources[key]; ok {
		return i
	}
	r := "speaker." + who.kind
	i := x.add(Suggestion{Kind: annotation.KindSource, Label: x.labels.Source,
		Spans: []annotation.Span{x.span(who.from, who.to)}, Rule: r, Confidence: confidence[r] * factor})
	x.sources[key] = i
	return i
}

// cueFor returns the cue suggestion on tokens [from, to), adding it unless
// one exists.
func (x *extractor) cueFor(from, to int, rule string) int {
	key := [2]int{from, to}
	if i, ok := x.cues[key]; ok {
		return i
	}
	i := x.add(Suggestion{Kind: annotation.KindCue, Label: x.labels.Cue,
		Spans: []annotation.Span{x.span(from, to)}, Rule: rule, Confidence: confidence[rule]})
	x.cues[key] = i
	return i
}
