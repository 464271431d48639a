package bench

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"glossa/annotation"
	"glossa/suggest"
)

// The suggester on the bench corpus. Issue 20 asks for "the bench corpus
// (1,000 articles) in under 10 s on 2 cores": BenchmarkSuggestCorpus runs
// suggest.Text over corpusConfig's 1,000 documents, written news-style
// (Config.News: about half the sentences attributions, as a wire story),
// with a worker per core taking the next article as `glossa suggest
// --all` would, and reports its time against the 10 s target
// (target-ratio: below 1 meets it). BenchmarkSuggestBaseline runs the
// same pool over the same texts doing the least any suggester must do,
// finding the words (wordBounds): scripts/bench.sh shows the ratio of the
// two, measured in the same run, so that a slow machine shows as a slow
// baseline rather than a missed target.

// suggestTarget is issue 20's target for the bench corpus.
const suggestTarget = 10 * time.Second

// suggestCorpus is the news-style corpus and the options the suggester
// runs with: the default labels, a project's entity registry (people,
// organisations, places of the generator's vocabulary, some with
// aliases: each name is looked for in every article) and a few reporting
// verbs of the codebook.
var suggestCorpus struct {
	once  sync.Once
	texts []string
	bytes int64
}

func newsCorpus() []string {
	suggestCorpus.once.Do(func() {
		c := corpusConfig()
		c.News = true
		suggestCorpus.texts = c.Texts()
		for _, t := range suggestCorpus.texts {
			suggestCorpus.bytes += int64(len(t))
		}
	})
	return suggestCorpus.texts
}

// suggestOptions are a project's: the default labels, an entity registry
// (people, organisations and places of the generator's vocabulary, some
// with aliases: each name is looked for in every article) and a few
// reporting verbs of the codebook.
func suggestOptions() suggest.Options {
	var ents []annotation.Entity
	add := func(name, typ string, aliases ...string) {
		ents = append(ents, annotation.Entity{ID: uint64(len(ents) + 1), Name: name, Type: typ, Aliases: aliases})
	}
	for i, f := range firstNames {
		l := lastNames[(i*7)%len(lastNames)]
		add(f+" "+l, "Person", l)
	}
	for _, o := range orgs {
		add(strings.TrimPrefix(o, "the "), "Organisation")
	}
	for _, p := range places {
		add(p, "Location")
	}
	add("European Commission", "Organisation", "Commission", "EU executive")
	add("World Health Organization", "Organisation", "WHO")
	return suggest.Options{Entities: ents, Verbs: []string{"opine", "opines", "opined", "opining"}}
}

// eachText runs fn on every text with one worker per core (GOMAXPROCS),
// each taking the next text in order, and returns the sum of what fn
// returned.
func eachText(texts []string, fn func(string) int) int {
	var next, total atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(texts) {
					return
				}
				total.Add(int64(fn(texts[i])))
			}
		})
	}
	wg.Wait()
	return int(total.Load())
}

func BenchmarkSuggestCorpus(b *testing.B) {
	texts, opts := newsCorpus(), suggestOptions()
	b.SetBytes(suggestCorpus.bytes)
	b.ReportAllocs()
	var n int
	start := time.Now()
	for b.Loop() {
		n = eachText(texts, func(t string) int { return len(suggest.Text(t, opts)) })
	}
	per := time.Since(start) / time.Duration(b.N)
	b.ReportMetric(float64(per)/float64(suggestTarget), "target-ratio")
	b.ReportMetric(float64(n)/float64(len(texts)), "suggestions/article")
	b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "workers")
}

func BenchmarkSuggestBaseline(b *testing.B) {
	texts := newsCorpus()
	b.SetBytes(suggestCorpus.bytes)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = eachText(texts, func(t string) int { return len(wordBounds(t)) })
	}
	b.ReportMetric(float64(n)/float64(len(texts)), "words/article")
}

// TestSuggestCorpusFindsAttributions: the benchmark's corpus gives the
// suggester work of the kind: claims with speakers and cues in
// every article, 20 to 30 of them (the typical article) per 8 KB
// (some 1,200 words) on average, and registry entities.
func TestSuggestCorpusFindsAttributions(t *testing.T) {
	c := Config{Seed: 7, Documents: 20, MinBytes: 4 << 10, MaxBytes: 12 << 10, News: true}
	opts := suggestOptions()
	total, size := 0, 0
	for i, text := range c.Texts() {
		claims, linked, entities := 0, 0, 0
		for _, s := range suggest.Text(text, opts) {
			if s.Rule == "entity.registry" {
				entities++
			}
			if s.Kind == annotation.KindClaim {
				claims++
				if slices.ContainsFunc(s.Links, func(l suggest.Link) bool { return l.Type == annotation.LinkSaidBy }) &&
					slices.ContainsFunc(s.Links, func(l suggest.Link) bool { return l.Type == annotation.LinkCue }) {
					linked++
				}
			}
		}
		if claims < 5 || linked < claims/2 || entities == 0 {
			t.Errorf("article %d (%d bytes): %d claims, %d with speaker and cue, %d registry entities; want claims, most linked, and entities",
				i+1, len(text), claims, linked, entities)
		}
		total += claims
		size += len(text)
	}
	if per8k := float64(total) * 8192 / float64(size); per8k < 20 || per8k > 45 {
		t.Errorf("%.1f claims per 8 KB, want about 20 to 30", per8k)
	}
}
