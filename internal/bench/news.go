package bench

import (
	"math/rand"
	"strings"
)

// News-style articles: the text an attribution suggester (package suggest,
// issue 20) meets. Article's prose attributes one sentence in five, in two
// forms; a wire story attributes about every other sentence (the issue
// counts 20 to 30 attributions in a typical article), in many. NewsArticle
// writes those forms, so that the suggester's benchmark exercises each of
// its rules on a realistic share of the text.

var (
	// titles go before a name: "Finance Minister Maria García".
	titles = []string{"Foreign Ministry spokeswoman", "Finance Minister", "Prime Minister", "Health Secretary",
		"Mayor", "Senator", "Dr.", "Professor", "police spokesman", "union leader", "Judge", "chief executive",
		"Interior Minister", "party chairman"}
	// collectives speak for a body: "officials said".
	collectives = []string{"officials", "the State Department", "the ministry", "analysts", "police",
		"the company", "diplomats", "the White House", "critics", "residents", "the U.S. Treasury"}
	// cueVerbs report a quote or a clause; tellVerbs take a hearer.
	cueVerbs  = []string{"said", "said", "said", "added", "warned", "insisted", "argued", "noted", "explained", "claimed", "stressed", "admitted"}
	tellVerbs = []string{"told reporters", "told Reuters", "told the committee", "told lawmakers"}
	// moreQuotes are said as well as quotes.
	moreQuotes = []string{
		"We have been clear from the start about what we can and cannot accept",
		"It is too early to say whether the measures are working",
		"Families are paying the price for a crisis they did not create",
		"The talks were constructive, but there is still a long way to go",
		"Anyone who tells you this will be easy is not being honest",
		"We are looking at every option on the table",
		"The numbers are moving in the right direction",
		"I have never seen anything like it in thirty years of service",
		"This is a matter for the courts, not for politicians",
		"We will keep the pressure on until there is a ceasefire",
		"Nobody should be surprised by these results",
		"Our priority is the safety of the people who live here",
	}
	// works are titles of works in quote marks: no claim.
	works = []string{"The Long Road Home", "Silent Waters", "A House Divided", "Tomorrow's Children", "Breaking Point"}
	// scare words are quoted without being said: "the so-called “reform”".
	scare = []string{"reform", "temporary", "voluntary", "experts", "solution", "consultation"}
)

// newsWriter writes one news article: its quote marks and its last
// speaker, whom a pronoun or a follow-up quote refers to.
type newsWriter struct {
	rng          *rand.Rand
	b            *strings.Builder
	open, close_ string
	pronoun      string // the last named speaker's pronoun; "" when none
	spoke        bool   // the last sentence was attributed to someone named
}

// NewsArticle returns a seeded news-style article of about size bytes (at
// least size, less than a paragraph more): a dateline, then paragraphs of
// one to four sentences, about half of them attributions in the forms a
// wire story uses: a quote before its speaker (“…,” said S; “…,” S said;
// “…,” she said), after it (S said: “…”), split around it (“…,” S said,
// “…”), running over two paragraphs (an open quote at the start of each),
// or a paragraph wholly in quotes after an attributed one; "according to
// S"; indirect speech (S said (that) X; X, S said; S told R X). Speakers
// are named with titles ("Finance Minister Maria García"), appositions
// ("Maria García, an economist at the central bank"), collectives
// ("officials", "the State Department") and pronouns. Scare quotes and
// titles of works are quoted too; an article uses curly or straight
// marks. The other sentences are Article's prose. Deterministic in seed.
func NewsArticle(seed int64, size int) string {
	rng := rand.New(rand.NewSource(seed))
	var b strings.Builder
	b.Grow(size + 1024)
	w := &newsWriter{rng: rng, b: &b, open: "“", close_: "”"}
	if rng.Intn(4) == 0 {
		w.open, w.close_ = `"`, `"`
	}
	b.WriteString(strings.ToUpper(pick(rng, places)) + " — ")
	for b.Len() < size {
		switch r := rng.Intn(20); {
		case r == 0:
			w.longQuote()
		case r == 1 && w.spoke: // the same speaker goes on
			w.quote(capitalised(w.quoteText()) + ". " + capitalised(w.quoteText()) + ".")
		default:
			n := 1 + rng.Intn(4)
			for i := 0; i < n; i++ {
				if i > 0 {
					b.WriteByte(' ')
				}
				w.sentence()
			}
		}
		if b.Len() < size {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// quote writes s between the article's quote marks.
func (w *newsWriter) quote(s string) {
	w.b.WriteString(w.open + s + w.close_)
}

// quoteText is what a speaker says: a stock quote or a line of prose,
// without its full stop.
func (w *newsWriter) quoteText() string {
	if w.rng.Intn(3) == 0 {
		var b strings.Builder
		proseWords(w.rng, &b, 8+w.rng.Intn(16), true)
		return b.String()
	}
	if w.rng.Intn(2) == 0 {
		return pick(w.rng, quotes)
	}
	return pick(w.rng, moreQuotes)
}

// clause is reported speech: a quote's words or prose, in lower case.
func (w *newsWriter) clause() string {
	var b strings.Builder
	if w.rng.Intn(2) == 0 {
		q := w.quoteText()
		if !strings.HasPrefix(q, "I ") {
			q = strings.ToLower(q[:1]) + q[1:]
		}
		b.WriteString(q)
	} else {
		proseWords(w.rng, &b, 6+w.rng.Intn(14), false)
	}
	return b.String()
}

// speaker names someone who speaks, and remembers them for a pronoun; a
// collective leaves no pronoun. apposition allows "Name, role org".
func (w *newsWriter) speaker(apposition bool) string {
	w.pronoun = pick(w.rng, []string{"he", "she", "she", "he", "they"})
	w.spoke = true
	switch r := w.rng.Intn(10); {
	case r < 4:
		return pick(w.rng, titles) + " " + name(w.rng)
	case r < 6 && apposition:
		return name(w.rng) + ", " + pick(w.rng, roles) + " " + pick(w.rng, orgs) + ","
	case r < 8:
		w.pronoun, w.spoke = "", false
		return pick(w.rng, collectives)
	}
	return name(w.rng)
}

// sentence writes one sentence: an attribution in one of its forms, a
// scare quote or a title, or prose.
func (w *newsWriter) sentence() {
	rng, b := w.rng, w.b
	comma := func(s string) string { return s + "," } // “Q,” inside the marks
	r := rng.Intn(100)
	if r >= 50 {
		w.spoke = false
	}
	switch {
	case r < 10: // “Q,” said S.
		w.quote(comma(w.quoteText()))
		b.WriteString(" said " + strings.TrimSuffix(w.speaker(true), ",") + ".")
	case r < 20: // “Q,” S said. / “Q,” she said.
		w.quote(comma(w.quoteText()))
		if w.pronoun != "" && rng.Intn(2) == 0 {
			b.WriteString(" " + w.pronoun + " " + pick(rng, cueVerbs) + ".")
		} else {
			b.WriteString(" " + strings.TrimSuffix(w.speaker(false), ",") + " " + pick(rng, cueVerbs) + ".")
		}
	case r < 27: // S said: “Q.”
		v := pick(rng, cueVerbs)
		if rng.Intn(3) == 0 {
			v = pick(rng, tellVerbs)
		}
		b.WriteString(capitalised(w.speaker(true)) + " " + v + ": ")
		w.quote(capitalised(w.quoteText()) + ".")
	case r < 32: // “Q1,” S said, “q2.”
		w.quote(comma(w.quoteText()))
		b.WriteString(" " + strings.TrimSuffix(w.speaker(false), ",") + " said, ")
		w.quote(w.clause() + ".")
	case r < 37: // According to S, X. / X, according to S.
		if rng.Intn(2) == 0 {
			b.WriteString("According to " + strings.TrimSuffix(w.speaker(false), ",") + ", " + w.clause() + ".")
		} else {
			b.WriteString(capitalised(w.clause()) + ", according to " + strings.TrimSuffix(w.speaker(false), ",") + ".")
		}
	case r < 45: // S said (that) X. / S told R (that) X.
		v := pick(rng, cueVerbs)
		if rng.Intn(4) == 0 {
			v = pick(rng, tellVerbs)
		}
		that := " "
		if rng.Intn(2) == 0 {
			that = " that "
		}
		b.WriteString(capitalised(w.speaker(true)) + " " + v + that + w.clause() + ".")
	case r < 50: // X, S said.
		b.WriteString(capitalised(w.clause()) + ", " + strings.TrimSuffix(w.speaker(false), ",") + " " + pick(rng, cueVerbs) + ".")
	case r < 52: // a scare quote
		b.WriteString("The so-called ")
		w.quote(pick(rng, scare))
		b.WriteString(" ")
		proseWords(rng, b, 6+rng.Intn(10), false)
		b.WriteString(".")
	case r < 53: // a title
		b.WriteString(capitalised(name(rng)) + " wrote about " + pick(rng, places) + " in the book ")
		w.quote(pick(rng, works))
		b.WriteString(".")
	default:
		proseSentence(rng, b)
	}
}

// longQuote writes a quote over two paragraphs: S said: “Q. Q. (no close)
// then “Q. Q.” (an open quote at the start of each paragraph).
func (w *newsWriter) longQuote() {
	rng, b := w.rng, w.b
	b.WriteString(capitalised(w.speaker(true)) + " " + pick(rng, cueVerbs) + ": " + w.open)
	b.WriteString(capitalised(w.quoteText()) + ". " + capitalised(w.quoteText()) + ".\n\n")
	w.quote(capitalised(w.quoteText()) + ". " + capitalised(w.quoteText()) + ".")
}
