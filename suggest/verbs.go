package suggest

import (
	"slices"
	"strings"
)

// The reporting-verb lexicon: the verbs that introduce what someone said,
// wrote or asserted. Each line is a base form followed, where English is
// irregular or doubles a consonant, by its -s, past, -ing and (if it differs
// from the past) past participle forms; a line with the base form alone is
// inflected by the regular rules of inflect (say -> says, said, saying is
// irregular; note -> notes, noted, noting is not).
//
// The list holds the reporting verbs that are most frequent in news
// attribution (PARC 3.0's cue lexicon and the reporting verbs of the
// Penn Discourse Treebank's attribution annotation, read by hand): speech
// verbs (say, tell, add, reply), verbs of assertion and argument (claim,
// insist, argue, contend, maintain), of announcement (announce, declare,
// confirm, reveal), of warning and urging (warn, urge, caution), of
// writing and posting (write, tweet, post) and of manner (shout, whisper,
// joke). Verbs of belief (think, believe) are left out on purpose: "he
// thinks 'X' is a good title" is rarely a quote's cue. The user adds verbs
// of their own through Options.Verbs (the codebook's list).
var verbLexicon = []string{
	"say says said saying",
	"tell tells told telling",
	"add", "note", "state", "explain", "claim", "insist", "argue", "warn",
	"write writes wrote writing written",
	"ask", "reply replies replied replying", "respond", "answer", "announce",
	"declare", "confirm", "deny denies denied denying", "admit admits admitted admitting",
	"acknowledge", "suggest", "report", "recall", "remark", "comment",
	"observe", "assert", "maintain", "contend", "allege", "agree", "conclude",
	"predict", "promise", "vow", "pledge", "threaten", "urge", "demand",
	"complain", "concede", "emphasize", "emphasise", "stress", "reiterate",
	"repeat", "mention", "tweet", "post", "testify testifies testified testifying",
	"recount", "describe", "shout", "whisper", "cry cries cried crying",
	"exclaim", "yell", "joke", "laugh", "sigh", "muse", "wonder", "boast",
	"counter", "retort", "protest", "object", "caution", "advise", "inform",
	"assure", "reassure", "indicate", "estimate", "propose", "recommend",
	"accuse", "charge", "criticize", "criticise", "praise", "question",
	"quip quips quipped quipping", "snap snaps snapped snapping", "reveal",
	"disclose", "clarify clarifies clarified clarifying", "highlight",
	"underline", "underscore", "elaborate", "summarize", "summarise",
	"continue", "plead", "speak speaks spoke speaking spoken", "reason",
	"affirm", "forecast forecasts forecast forecasting", "insinuate",
	"guarantee", "instruct", "order", "beg begs begged begging", "lament",
	"scoff", "grumble", "hint",
}

// otherVerbs are the commonest reporting verbs of German and French news,
// as written (their forms listed, not inflected): an article in those
// languages gets its cue and speaker from the same patterns ("„…“, sagte
// Bürgermeister Frank Oberholz"). German pronouns are among the speakers.
var otherVerbs = strings.Fields(`sagte sagt sagten sagen erklärte erklärt erklärten betonte betont
betonten meinte meint warnte warnt warnten kritisierte kritisiert fragte fragt antwortete antwortet
berichtete berichtet forderte fordert schrieb schreibt ergänzte ergänzt
déclare déclaré déclarait affirme affirmé affirmait explique expliqué ajoute ajouté estime estimé
souligne souligné indique indiqué précise précisé dit`)

// inflect returns the forms of one lexicon line.
func inflect(line string) []string {
	f := strings.Fields(line)
	if len(f) > 1 {
		return f
	}
	b := f[0]
	switch {
	case strings.HasSuffix(b, "e"):
		return []string{b, b + "s", b + "d", b[:len(b)-1] + "ing"}
	case strings.HasSuffix(b, "y") && len(b) > 1 && !strings.ContainsRune("aeiou", rune(b[len(b)-2])):
		s := b[:len(b)-1]
		return []string{b, s + "ies", s + "ied", b + "ing"}
	case strings.HasSuffix(b, "s") || strings.HasSuffix(b, "sh") || strings.HasSuffix(b, "ch") ||
		strings.HasSuffix(b, "x") || strings.HasSuffix(b, "z"):
		return []string{b, b + "es", b + "ed", b + "ing"}
	}
	return []string{b, b + "s", b + "ed", b + "ing"}
}

// Verbs returns every form of the built-in reporting verbs (English, and
// the few German and French ones), lower case, sorted, each once: what a
// codebook shows as the lexicon the user extends.
func Verbs() []string {
	set := verbSet(nil)
	out := make([]string, 0, len(set))
	for v := range set {
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

// verbSet is the lexicon's forms plus extra (taken as given, lower-cased).
func verbSet(extra []string) map[string]bool {
	set := make(map[string]bool, 4*len(verbLexicon)+len(extra))
	for _, l := range verbLexicon {
		for _, f := range inflect(l) {
			set[f] = true
		}
	}
	for _, v := range otherVerbs {
		set[v] = true
	}
	for _, e := range extra {
		if e = strings.ToLower(strings.TrimSpace(e)); e != "" {
			set[e] = true
		}
	}
	return set
}
