// Package bench measures Glossa next to its limits (issue 7): a durable
// edit next to two fdatasyncs, an export next to encoding/json of the same
// structs in memory, imports, the opening of a project, and the suggester
// on the corpus (issue 20) next to a word scan. Its non-test files are a
// seeded data generator that other tests can use, so that every run
// measures the same work: news-like articles with realistic sentence
// lengths, quotes and attributions (or, with Config.News, news-style ones
// where about half the sentences attribute), names, some emoji and
// non-Latin text, and annotations on word boundaries.
//
// The benchmarks print figures only; scripts/bench.sh turns them into one
// table of ratios and docs/PERFORMANCE.md explains it.
package bench

import (
	"fmt"
	"math/rand"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"glossa/annotation"
)

// Config says what to generate. The same Config always gives the same
// documents and annotations.
type Config struct {
	Seed        int64
	Documents   int
	Annotations int // in total, shared among documents by their length
	MinBytes    int // a document's text is MinBytes to MaxBytes long
	MaxBytes    int
	// News makes the texts news-style (NewsArticle: about half the
	// sentences attributions, in every form a wire story uses) instead of
	// Article's prose; the rest of the corpus (sizes, metadata,
	// annotations) is drawn as without it.
	News bool
}

// Default is the corpus: 1,000 documents of 2 KB to 20 KB with
// 100,000 annotations in total.
func Default() Config {
	return Config{Seed: 7, Documents: 1000, Annotations: 100_000, MinBytes: 2 << 10, MaxBytes: 20 << 10}
}

// Scaled returns c with k times the documents and annotations.
func (c Config) Scaled(k int) Config {
	c.Documents *= k
	c.Annotations *= k
	return c
}

// Epoch is the creation time of generated documents and annotations.
var Epoch = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

// Vocabulary of the generator. Names include non-Latin ones; a few words
// carry diacritics; a few sentences carry emoji or a phrase in another
// script.
var (
	firstNames = []string{"Maria", "John", "Amina", "Wei", "Olena", "Carlos", "Priya", "Jürgen",
		"Siobhán", "Kwame", "Yuki", "Fatima", "Dmitri", "Ana", "Mehmet", "Chloé", "Ngozi", "Lars"}
	lastNames = []string{"García", "Smith", "Okafor", "Zhang", "Kovalenko", "Müller", "Haddad",
		"Tanaka", "O'Brien", "Nguyen", "Rossi", "Dubois", "Petrov", "Silva", "Yılmaz", "Novak"}
	nativeNames = []string{"张伟", "Олена Коваленко", "محمد حداد", "Γιώργος Παπαδόπουλος", "田中 由紀",
		"Дмитрий Петров", "김민준", "प्रिया शर्मा"}
	orgs = []string{"the Ministry of Finance", "the central bank", "Reuters", "the European Commission",
		"the World Health Organization", "the city council", "Acme Logistics", "the Supreme Court",
		"the opposition party", "Médecins Sans Frontières", "the UN refugee agency", "the port authority"}
	places = []string{"Brussels", "Lagos", "Kyiv", "São Paulo", "Jakarta", "Nairobi", "Istanbul",
		"Zürich", "Montréal", "Kraków", "Ho Chi Minh City", "Reykjavík", "Washington", "Tokyo"}
	roles = []string{"a spokesperson for", "the head of", "an economist at", "a senior official at",
		"a lawyer representing", "a researcher with", "the deputy director of"}
	verbs = []string{"said", "told reporters", "wrote in a statement", "argued", "claimed",
		"warned", "insisted", "added", "according to"}
	words = strings.Fields(`the of and to in a is that for on was with it as at by from an were
are which this be has had not but have they their its government president minister officials
talks embassy flights restoration diplomatic relations agreement sanctions negotiations announced
statement reported economic security international cooperation budget deficit inflation rose
fell percent year last week month quarter election campaign voters court ruling appeal law
police investigation hospital patients vaccine climate emissions targets energy prices wages
workers strike union company shares market investors growth forecast report data survey study
crisis border refugees aid funding program project plan proposal decision vote parliament
committee hearing evidence witnesses record highest lowest since before after during despite
while although however more than about nearly almost least most new former local national
regional café naïve résumé coöperation façade`)
	quotes = []string{
		"We will not accept any deal that puts workers at risk",
		"The figures speak for themselves",
		"This is the worst drought we have seen in forty years",
		"Nobody was consulted before the decision was taken",
		"We expect inflation to fall below 3 percent by the end of the year",
		"The evidence simply does not support that claim",
		"Our hospitals are operating at 140 percent of capacity",
		"There is no plan B",
	}
	emoji   = []string{"🙂", "📈", "🇺🇦", "👍🏽", "🔥", "🌍", "👨‍👩‍👧"}
	foreign = []string{"«Это не так»", "「前例のない事態だ」", "«لا تعليق»", "„Das ist ein Skandal“",
		"« C’est inacceptable »", "“Είναι απαράδεκτο”"}
	outlets = []string{"The Daily Ledger", "Le Quotidien", "Nairobi Herald", "Kyiv Post", "El Observador"}
)

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.Intn(len(xs))] }

func name(rng *rand.Rand) string {
	if rng.Intn(8) == 0 {
		return pick(rng, nativeNames)
	}
	return pick(rng, firstNames) + " " + pick(rng, lastNames)
}

// sentence writes one sentence: plain prose of 6 to 40 words (news
// sentences average about 20), or a quote with its attribution.
func sentence(rng *rand.Rand, b *strings.Builder) {
	switch r := rng.Intn(10); {
	case r == 0:
		fmt.Fprintf(b, "“%s,” %s, %s %s, %s.", pick(rng, quotes), pick(rng, verbs), name(rng), pick(rng, roles), pick(rng, orgs))
		return
	case r == 1:
		fmt.Fprintf(b, "%s %s that %s", name(rng), pick(rng, verbs), strings.ToLower(pick(rng, quotes)[:1])+pick(rng, quotes)[1:])
		b.WriteString(".")
		return
	}
	proseSentence(rng, b)
}

// proseSentence writes a sentence of prose: 6 to 40 words, now and then
// with an emoji or a phrase in another script at its end.
func proseSentence(rng *rand.Rand, b *strings.Builder) {
	proseWords(rng, b, 6+rng.Intn(18)+rng.Intn(18), true)
	switch rng.Intn(30) {
	case 0:
		b.WriteString(" " + pick(rng, emoji))
	case 1:
		b.WriteString(", " + pick(rng, foreign))
	}
	b.WriteByte('.')
}

// proseWords writes n words of prose (places, names, organisations and
// numbers among them, a comma now and then), the first capitalised when
// capital is set.
func proseWords(rng *rand.Rand, b *strings.Builder, n int, capital bool) {
	for i := 0; i < n; i++ {
		var w string
		switch r := rng.Intn(40); {
		case r == 0:
			w = pick(rng, places)
		case r == 1:
			w = name(rng)
		case r == 2:
			w = pick(rng, orgs)
		case r == 3:
			w = fmt.Sprintf("%d", 2+rng.Intn(1998))
		default:
			w = pick(rng, words)
		}
		if i == 0 && capital {
			w = capitalised(w)
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		if i < n-1 && rng.Intn(12) == 0 {
			b.WriteByte(',')
		}
	}
}

// capitalised is w with its first letter in upper case.
func capitalised(w string) string {
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[size:]
}

// Article returns a seeded article of about size bytes (at least size, less
// than a paragraph more): a dateline, then paragraphs of one to five
// sentences separated by blank lines.
func Article(seed int64, size int) string {
	rng := rand.New(rand.NewSource(seed))
	var b strings.Builder
	b.Grow(size + 1024)
	fmt.Fprintf(&b, "%s — ", strings.ToUpper(pick(rng, places)))
	for b.Len() < size {
		n := 1 + rng.Intn(5)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			sentence(rng, &b)
		}
		if b.Len() < size {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// Title returns a seeded headline.
func Title(seed int64) string {
	rng := rand.New(rand.NewSource(seed))
	return fmt.Sprintf("%s %s %s over %s in %s", name(rng), pick(rng, verbs), pick(rng, words), pick(rng, words), pick(rng, places))
}

// words returns the code point offsets [start, end) of the words of text
// (runs of letters, digits and apostrophes).
func wordBounds(text string) [][2]int {
	var out [][2]int
	start, i := -1, 0
	for _, r := range text {
		in := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\''
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		}
		i++
	}
	if start >= 0 {
		out = append(out, [2]int{start, i})
	}
	return out
}

// text is the text of the document of seed and size.
func (c Config) text(seed int64, size int) string {
	if c.News {
		return NewsArticle(seed, size)
	}
	return Article(seed, size)
}

// Texts returns the texts of c's documents, in order, without the rest
// of each document and without annotations.
func (c Config) Texts() []string {
	out := make([]string, c.Documents)
	for i := range out {
		out[i] = c.text(c.docSeed(i), c.size(i))
	}
	return out
}

// docSeed is the seed of document i (from 0) of c.
func (c Config) docSeed(i int) int64 { return c.Seed*1_000_003 + int64(i) }

// size returns the text size of document i.
func (c Config) size(i int) int {
	rng := rand.New(rand.NewSource(c.docSeed(i) ^ 0x5eed))
	return c.MinBytes + rng.Intn(c.MaxBytes-c.MinBytes+1)
}

// Each calls fn with every document of c and its annotations, in order,
// generating one document at a time: memory does not grow with c. Document
// ids are 1..Documents; annotation ids run from 1 across the corpus; each
// document gets a share of c.Annotations proportional to its length, and
// the shares add up exactly. Annotations lie on word boundaries, about one
// in ten has two spans, claims are linked to a source of the same document
// (said_by) and carry attributes. Texts are as NormalizeText leaves them.
func (c Config) Each(fn func(annotation.Bundle) error) error {
	total := 0
	for i := 0; i < c.Documents; i++ {
		total += c.size(i)
	}
	labels := annotation.DefaultLabelSet().Labels
	nextAnn := uint64(1)
	cum, given := 0, 0
	for i := 0; i < c.Documents; i++ {
		size := c.size(i)
		cum += size
		want := int(int64(c.Annotations) * int64(cum) / int64(max(total, 1)))
		n := want - given
		given = want
		seed := c.docSeed(i)
		text := c.text(seed, size)
		rng := rand.New(rand.NewSource(seed ^ 0xa11))
		created := Epoch.Add(time.Duration(i) * time.Minute)
		d := annotation.Document{
			ID:        uint64(i + 1),
			Title:     Title(seed),
			Outlet:    pick(rng, outlets),
			URL:       fmt.Sprintf("https://news.example/%d/%d", 2025, i+1),
			Authors:   []string{name(rng)},
			Published: created.Format("2006-01-02"),
			Language:  "en",
			Status:    []annotation.Status{annotation.StatusNew, annotation.StatusInProgress, annotation.StatusDone}[rng.Intn(3)],
			Origin:    fmt.Sprintf("article-%05d.txt", i+1),
			Created:   created,
			Modified:  created,
			SHA256:    annotation.TextSHA256(text),
			Text:      text,
		}
		anns := annotationsFor(rng, text, n, nextAnn, d.ID, labels, created)
		nextAnn += uint64(len(anns))
		if err := fn(annotation.Bundle{Document: d, Annotations: anns}); err != nil {
			return err
		}
	}
	return nil
}

// annotationsFor makes n annotations on text with ids from first.
func annotationsFor(rng *rand.Rand, text string, n int, first, docID uint64, labels []annotation.Label, created time.Time) []annotation.Annotation {
	if n <= 0 {
		return nil
	}
	o := annotation.NewOffsets(text)
	ws := wordBounds(text)
	anns := make([]annotation.Annotation, 0, n)
	var lastSource uint64
	for k := 0; k < n; k++ {
		w := rng.Intn(len(ws))
		l := labels[rng.Intn(len(labels))]
		long := 1 + rng.Intn(3)
		if l.Kind == annotation.KindClaim {
			long = 5 + rng.Intn(20)
		}
		end := min(w+long, len(ws)) - 1
		spans := []annotation.Span{{Start: ws[w][0], End: ws[end][1]}}
		if rng.Intn(10) == 0 && end+3 < len(ws) {
			e2 := min(end+3+rng.Intn(4), len(ws)-1)
			spans = append(spans, annotation.Span{Start: ws[end+2][0], End: ws[e2][1]})
		}
		for j := range spans {
			spans[j].Text = o.Slice(spans[j].Start, spans[j].End)
		}
		a := annotation.Annotation{
			ID:       first + uint64(k),
			DocID:    docID,
			Label:    l.Name,
			Spans:    spans,
			Author:   pick(rng, []string{"maria", "kwame", "yuki"}),
			Created:  created.Add(time.Duration(k) * time.Second),
			Modified: created.Add(time.Duration(k) * time.Second),
		}
		switch l.Kind {
		case annotation.KindSource:
			a.Attributes = map[string]string{annotation.AttrSourceType: "named"}
			lastSource = a.ID
		case annotation.KindClaim:
			a.Attributes = map[string]string{annotation.AttrCheckWorthy: pick(rng, []string{"yes", "no"})}
			if lastSource != 0 {
				a.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: lastSource}}
			}
			if rng.Intn(4) == 0 {
				a.Note = "Check against the " + pick(rng, orgs) + " report."
			}
		}
		anns = append(anns, a)
	}
	return anns
}
