package suggest

import "glossa/annotation"

// Indirect attributions: reported speech without quote marks, in sentences
// that hold no quote mark (a sentence with one is the quote rules' work).
// The claim is the reported clause, without "that", without the comma that
// sets it off from its attribution and without the sentence's final stop.
//
//	indirect.said-that    S said (that) X. / S told R (that) X. / S warned that X.
//	indirect.after        X, S said. / X, said S.
//	indirect.according-to According to S, X. / X, according to S.
//
// Only the verbs of saying proper (clauseVerbs) take a clause without
// "that"; every other verb of the lexicon needs "that" ("the company posted
// losses" is not speech).

// clauseVerbs may report a clause without "that": "He said the talks
// failed." Verbs that as often take an object (announce the cuts, confirm
// the date, claim responsibility) need "that".
var clauseVerbs = setOf(`say says said saying tell tells told add adds added warn warns warned
insist insists insisted argue argues argued sagte sagt erklärte`)

// prepositions do not start a reported clause.
var prepositions = setOf(`in on at to for by with during after before from of into over under about
across through against between`)

// minIndirectWords is the least a reported clause holds: "it was fine".
const minIndirectWords = 3

// indirect finds the indirect attributions of the text.
func (x *extractor) indirect() {
	for from := 0; from < len(x.toks); {
		to := from
		marks := false
		for to < len(x.toks) && x.toks[to].para == x.toks[from].para {
			t := x.toks[to]
			to++
			if !t.word && isMark([]rune(t.lower)[0]) {
				marks = true
			}
			if sentenceEnd(t) {
				break
			}
		}
		if !marks {
			x.sentence(from, to)
		}
		from = to
	}
}

// sentence tries the indirect rules on tokens [from, to), one sentence.
func (x *extractor) sentence(from, to int) {
	end := to // the clause ends before the final stop
	if end > from && sentenceEnd(x.toks[end-1]) {
		end--
	}
	if end-from < 4 {
		return
	}
	para := x.toks[from].para
	// According to S, X.
	if x.toks[from].lower == "according" && x.toks[from+1].lower == "to" {
		if who, ok := x.npAfter(from+2, para); ok {
			who = x.withApposition(who, para)
			if who.to < end && x.toks[who.to].lower == "," {
				x.indirectClaim(who.to+1, end, who, from, from+2, "indirect.according-to", "cue.according-to")
				return
			}
		}
	}
	// X, according to S[, and …]: anywhere in the sentence.
	for c := from + 3; c+2 < end; c++ {
		if x.toks[c].lower == "," && x.toks[c+1].lower == "according" && x.toks[c+2].lower == "to" {
			if who, ok := x.npAfter(c+3, para); ok {
				who = x.withApposition(who, para)
				if who.to == end || x.toks[who.to].lower == "," {
					x.indirectClaim(from, c, who, c+1, c+3, "indirect.according-to", "cue.according-to")
					return
				}
			}
		}
	}
	// X, S said. / X, said S.
	for c := end - 2; c > from; c-- {
		if x.toks[c].lower != "," {
			continue
		}
		k := c + 1
		if x.toks[k].lower == "according" && k+1 < end && x.toks[k+1].lower == "to" {
			if who, ok := x.npAfter(k+2, para); ok {
				x.indirectClaim(from, c, x.withApposition(who, para), k, k+2, "indirect.according-to", "cue.according-to")
				return
			}
		}
		if x.isVerb(k) {
			if who, ok := x.npAfter(k+1, para); ok {
				if who = x.withApposition(who, para); who.to == end {
					x.indirectClaim(from, c, who, k, k+1, "indirect.after", "cue.after-clause")
					return
				}
			}
		}
		if who, ok := x.npAfter(k, para); ok {
			v := who.to
			// officials from both sides said: the whole run of words
			// between the comma and a final verb is the speaker.
			if v < end-1 && end-1-k <= 8 && x.isVerb(end-1) {
				all := true
				for i, t := range x.toks[v : end-1] {
					all = all && t.word && (!stopWords[t.lower] || adverbs[t.lower] && v+i == end-2) && !x.isVerb(v+i)
				}
				if all {
					who.to, v = end-1, end-1
					if adverbs[x.toks[end-2].lower] {
						who.to = end - 2
					}
				}
			}
			if v < end && adverbs[x.toks[v].lower] {
				v++
			}
			if v == end-1 && x.isVerb(v) {
				x.indirectClaim(from, c, who, v, v+1, "indirect.after", "cue.after-clause")
				return
			}
		}
		break // only the last comma may set off the attribution
	}
	// S said (that) X: the first verb of the sentence with a speaker.
	for v := from + 1; v < end-2; v++ {
		if !x.isVerb(v) {
			continue
		}
		who, ok := x.subjectOf(v, para)
		if !ok && v-from <= 3 {
			// "Shipping agents said": a short lower-case subject that
			// is the whole of what stands before the verb.
			who, ok = speaker{from, v, "group"}, true
			for _, t := range x.toks[from:v] {
				ok = ok && t.word && !stopWords[t.lower] && !pronouns[t.lower]
			}
		}
		if ok && who.from != from && x.toks[who.from-1].lower != "," {
			// the business newspaper Kommersant reported: a determiner
			// phrase before a name, from the clause's start.
			d := who.from - 1
			for d > from && who.from-d < 4 && x.toks[d-1].word && x.toks[d-1].lower != "," && !x.isVerb(d-1) {
				d--
			}
			if determiners[x.toks[d].lower] && (d == from || x.toks[d-1].lower == ",") {
				ok2 := true
				for _, t := range x.toks[d:who.from] {
					ok2 = ok2 && t.word && !stopWords[t.lower]
				}
				if ok2 {
					who.from = d
				}
			}
		}
		if !ok || (who.from != from && x.toks[who.from-1].lower != ",") {
			continue
		}
		s := v + 1
		if tellVerbs[x.toks[v].lower] {
			if r, ok := x.npAfter(s, para); ok && r.to < end {
				s = r.to
			} else if x.toks[s].word && !x.verbs[x.toks[s].lower] && x.toks[s].lower != "that" {
				s++
			}
		}
		that := false
		for t := s; t < end && t-s <= 6 && x.toks[t].word; t++ {
			if x.toks[t].lower == "that" {
				s, that = t+1, true
				break
			}
		}
		if !that && !clauseVerbs[x.toks[v].lower] {
			return
		}
		x.indirectClaim(s, end, who, v, v+1, "indirect.said-that", "cue.indirect")
		return
	}
}

// indirectClaim adds a claim on tokens [from, to) said by who with the cue
// on tokens [cueFrom, cueTo), if the clause is long enough.
func (x *extractor) indirectClaim(from, to int, who speaker, cueFrom, cueTo int, rule, cueRule string) {
	for to > from && !x.toks[to-1].word && x.toks[to-1].lower != ")" {
		to--
	}
	if from >= to || (prepositions[x.toks[from].lower] &&
		!(from+1 < to && (x.toks[from+1].lower == "least" || x.toks[from+1].lower == "most"))) {
		return // "announced the cuts in a filing": no clause is reported
	}
	words := 0
	for _, t := range x.toks[from:to] {
		if t.word {
			words++
		}
	}
	if words < minIndirectWords {
		return
	}
	claim := x.add(Suggestion{Kind: annotation.KindClaim, Label: x.labels.Claim,
		Spans: []annotation.Span{x.span(from, to)}, Rule: rule, Confidence: confidence[rule]})
	r := "speaker." + who.kind
	src := x.add(Suggestion{Kind: annotation.KindSource, Label: x.labels.Source,
		Spans: []annotation.Span{x.span(who.from, who.to)}, Rule: r, Confidence: confidence[r] * farFactor})
	cue := x.add(Suggestion{Kind: annotation.KindCue, Label: x.labels.Cue,
		Spans: []annotation.Span{x.span(cueFrom, cueTo)}, Rule: cueRule, Confidence: confidence[cueRule]})
	x.link(claim, annotation.LinkSaidBy, src)
	x.link(claim, annotation.LinkCue, cue)
}
