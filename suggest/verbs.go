package suggest

import (
	"slices"
	"strings"
)

// The reporting-verb lexicon: the verbs that introduce what someone said,
// wrote, asserted, believed or meant to do. Each line is a base form
// followed, where English is irregular or doubles a consonant, by its -s,
// past, -ing and (if it differs from the past) past participle forms; a
// line with the base form alone is inflected by the regular rules of
// inflect (say -> says, said, saying is irregular; note -> notes, noted,
// noting is not).
//
// How the list was made: by hand, from the verb classes that attribution
// guidelines and verb lexicons name as cues (the PARC 3.0 guidelines'
// cue examples and the attribution annotation of the Penn Discourse
// Treebank: verbs of saying, of assertion and argument, of announcement,
// of warning and urging, of writing and posting, of manner of speaking;
// Levin's "say", "tell", "complain", "declare" and "conjecture" classes;
// the attribution verbs of news style guides), not counted on a corpus
// (none is at hand offline). TestLexiconCoversGold checks that every cue
// verb of the gold set's tuned split is in it, and logs the held-out
// split's coverage. The user adds verbs of their own through
// Options.Verbs (the codebook's list), taken as verbs of saying.
//
// Two lists, because a quote's cue must be a verb of saying: "he thinks
// 'X' is a good title" is rarely a quote's attribution, but "analysts
// think rates will fall" is an attribution of belief (PARC annotates
// beliefs, intentions and knowledge as it does statements).
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
	"scoff", "grumble", "hint", "signal signals signalled signalling signaled signaling",
	"blame", "dismiss", "dispute", "project", "calculate", "hail", "remind",
	"notify notifies notified notifying", "advocate", "rule", "cite",
}

// beliefLexicon are the verbs of belief, intention and knowledge, and of
// stance toward a person or a proposal (endorse, support, oppose, reject,
// attack), which PARC and PolNeAR annotate as attributions of that stance:
// cues of indirect attributions ("traders expect prices to fall", "she
// hopes to return", "the study found that", "the union endorsed Clinton"),
// never of a quote.
var beliefLexicon = []string{
	"believe", "think thinks thought thinking", "expect", "hope", "fear",
	"want", "plan plans planned planning", "intend", "doubt", "worry worries worried worrying",
	"reckon", "suspect", "assume", "anticipate", "wish", "remember", "aim",
	"find finds found finding", "show shows showed showing shown", "feel feels felt feeling",
	"know knows knew knowing known", "understand understands understood understanding",
	"consider", "envisage", "foresee foresees foresaw foreseeing foreseen",
	"figure", "hold holds held holding",
	"endorse", "support", "oppose", "reject", "attack",
}

// otherVerbs are the commonest reporting verbs of German and French news,
// as written (their forms listed, not inflected): an article in those
// languages gets its cue and speaker from the same patterns ("„…“, sagte
// Bürgermeister Frank Oberholz"). German pronouns are among the speakers.
var otherVerbs = strings.Fields(`sagte sagt sagten sagen erklärte erklärt erklärten betonte betont
betonten meinte meint warnte warnt warnten kritisierte kritisiert fragte fragt antwortete antwortet
berichtete berichtet forderte fordert schrieb schreibt ergänzte ergänzt verwies verweist nannte nennt
kündigte kündigt hält hielt teilte teilt
déclare déclaré déclarait affirme affirmé affirmait explique expliqué ajoute ajouté estime estimé estiment
souligne souligné indique indiqué précise précisé dit annonce annoncé assure assuré assurent`)

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

// verbClass says what a form of the lexicon may introduce.
type verbClass uint8

const (
	speech verbClass = 1 << iota // a verb of saying: a quote's cue, and an indirect one's
	belief                       // a verb of belief, intention or knowledge: an indirect cue only
)

// Verbs returns every form of the built-in reporting verbs (English, and
// the few German and French ones), of saying and of belief, lower case,
// sorted, each once: what a codebook shows as the lexicon the user extends.
func Verbs() []string {
	set := verbSet(nil)
	out := make([]string, 0, len(set))
	for v := range set {
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

// verbSet is the lexicon's forms plus extra (taken as given, lower-cased,
// as verbs of saying). A form in both lists (stated, held) is of saying.
func verbSet(extra []string) map[string]verbClass {
	set := make(map[string]verbClass, 4*(len(verbLexicon)+len(beliefLexicon))+len(extra))
	for _, l := range beliefLexicon {
		for _, f := range inflect(l) {
			set[f] = belief
		}
	}
	for _, l := range verbLexicon {
		for _, f := range inflect(l) {
			set[f] = speech
		}
	}
	for _, v := range otherVerbs {
		set[v] = speech
	}
	for _, e := range extra {
		if e = strings.ToLower(strings.TrimSpace(e)); e != "" {
			set[e] = speech
		}
	}
	return set
}

// The frames a verb takes beyond "V that X", which every verb of the
// lexicon takes. Forms are listed by their base and inflected.
var (
	// bareVerbs report a clause without "that" and without more
	// evidence: "He said the talks failed", "Analysts think rates will
	// fall". Other verbs take a bare clause only when a finite verb shows
	// it is one (announced it would close: yes; announced the cuts: no).
	bareVerbs = forms(`say tell add warn insist argue believe think reckon`, `sagte sagt erklärte`)
	// noBareVerbs never take a bare clause: what follows them is an
	// object (described the plan, asked the minister, urged calm).
	noBareVerbs = forms(`ask describe accuse blame urge praise criticize criticise question order
instruct charge post comment speak continue object counter answer respond dismiss remind notify
advocate inform brief beg plead advise demand propose recommend hail want plan intend aim wish cite`, ``)
	// infVerbs take "to" and a verb: "she hopes to return".
	infVerbs = forms(`hope plan want expect promise vow pledge threaten intend aim agree wish claim
propose`, ``)
	// objInfVerbs take an object and "to": "urged the union to return to talks".
	objInfVerbs = forms(`urge ask advise warn tell order instruct encourage expect want remind beg
invite press implore`, ``)
	// objVerbs report their object: "denies fraud", "accused the
	// government of cutting posts", "expects profit of €410 million",
	// "noted Bill Clinton's comments" (PolNeAR counts a say-class verb's
	// noun phrase object), "endorsed Hillary Clinton", "a poll shows her
	// ahead".
	objVerbs = forms(`deny accuse blame describe expect forecast predict project estimate promise
demand propose recommend pledge cite show note acknowledge admit endorse support oppose reject attack criticize criticise praise`, ``)
	// namingVerbs give a quote as what something was called: "S called
	// the plan "a disaster"": the quote is S's claim, the verb its cue.
	namingVerbs = forms(`call dub brand label describe`, ``)
)

// forms returns every inflected form of the base verbs in bases (one
// lexicon line each when it is in the lexicons, else inflected by rule)
// and the forms in other, taken as written.
func forms(bases, other string) map[string]bool {
	lines := map[string]string{}
	for _, l := range append(slices.Clone(verbLexicon), beliefLexicon...) {
		lines[strings.Fields(l)[0]] = l
	}
	set := map[string]bool{}
	for _, b := range strings.Fields(bases) {
		l, ok := lines[b]
		if !ok {
			l = b
		}
		for _, f := range inflect(l) {
			set[f] = true
		}
	}
	for _, f := range strings.Fields(other) {
		set[f] = true
	}
	return set
}
