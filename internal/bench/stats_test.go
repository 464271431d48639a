package bench

import (
	"maps"
	"math/rand"
	"slices"
	"sync"
	"testing"
	"time"

	"glossa/annotation"
	"glossa/stats"
)

// Statistics on a large corpus (issue 22: "statistics ... for 10,000
// articles / 1,000,000 annotations under 1 s"). BenchmarkStats runs
// stats.Compute over statsConfig's 10,000 articles and 1,000,000
// annotations, held in memory (generated once, texts dropped: statistics
// never read them) and walked as the store walks a project, one reused
// slice of annotations per article. It reports its time against the 1 s
// target (target-ratio: below 1 meets it) and, measured in the same
// iterations, against a baseline pass over the same bundles through the
// same walk that reads each annotation's label, layer, links and creation
// day and counts them in a slice (x-baseline). BenchmarkStatsBaseline is
// that pass alone, for scripts/bench.sh.

// statsTarget is issue 22's target.
const statsTarget = time.Second

// statsConfig is issue 22's corpus: 10,000 articles, 1,000,000
// annotations, texts of 1 to 3 KB (short, so that the corpus fits in
// memory: every span's text points into its article's).
func statsConfig() Config {
	return Config{Seed: 22, Documents: 10_000, Annotations: 1_000_000, MinBytes: 1 << 10, MaxBytes: 3 << 10}
}

var statsCorpus struct {
	once     sync.Once
	bundles  []annotation.Bundle
	entities []annotation.Entity
	err      error
}

// statsEntities is the size of the registry the corpus links to.
const statsEntities = 2_000

// statsBundles generates the corpus once. The generator links no
// annotation to the registry; here every third source and every entity
// mention is linked to one of statsEntities entities (by its id), so that
// sources are counted both ways, and every claim after an entity mention
// is linked "about" the latest one (the who-said-what graph's "quoted
// about"). Attribute maps of equal content are shared (the statistics
// only read them).
func statsBundles(b *testing.B) ([]annotation.Bundle, []annotation.Entity) {
	statsCorpus.once.Do(func() {
		for i := range statsEntities {
			statsCorpus.entities = append(statsCorpus.entities, annotation.Entity{ID: uint64(i + 1), Name: name(rand.New(rand.NewSource(int64(i)))), Type: "Person"})
		}
		kind := map[string]annotation.Kind{}
		for _, l := range annotation.DefaultLabelSet().Labels {
			kind[l.Name] = l.Kind
		}
		shared := map[string]map[string]string{}
		statsCorpus.err = statsConfig().Each(func(bd annotation.Bundle) error {
			bd.Document.Text = ""
			var lastEntity uint64
			for i := range bd.Annotations {
				a := &bd.Annotations[i]
				switch kind[a.Label] {
				case annotation.KindSource:
					if a.ID%3 == 0 {
						a.Entity = a.ID%statsEntities + 1
					}
				case annotation.KindEntity:
					a.Entity = a.ID%statsEntities + 1
					lastEntity = a.ID
				case annotation.KindClaim:
					if lastEntity != 0 {
						a.Links = append(a.Links, annotation.Link{Type: annotation.LinkAbout, Target: lastEntity})
					}
				}
				if a.Attributes != nil {
					k := ""
					for _, n := range slices.Sorted(maps.Keys(a.Attributes)) {
						k += n + "\x00" + a.Attributes[n] + "\x00"
					}
					if m, ok := shared[k]; ok {
						a.Attributes = m
					} else {
						shared[k] = a.Attributes
					}
				}
			}
			statsCorpus.bundles = append(statsCorpus.bundles, bd)
			return nil
		})
	})
	if statsCorpus.err != nil {
		b.Fatal(statsCorpus.err)
	}
	return statsCorpus.bundles, statsCorpus.entities
}

// walk is the bundles as storage.Store.EachBundle gives them: one slice of
// annotations reused from article to article.
func walk(bundles []annotation.Bundle) stats.Each {
	return func(fn func(annotation.Bundle) error) error {
		var buf []annotation.Annotation
		for _, bd := range bundles {
			buf = append(buf[:0], bd.Annotations...)
			if err := fn(annotation.Bundle{Document: bd.Document, Annotations: buf}); err != nil {
				return err
			}
		}
		return nil
	}
}

// statsBaseline is the least any statistic does: read every annotation
// once through the walk, its label, layer, links and day.
func statsBaseline(bundles []annotation.Bundle) int {
	n := 0
	_ = walk(bundles)(func(bd annotation.Bundle) error {
		for _, a := range bd.Annotations {
			n += len(a.Label) + len(annotation.LayerOf(a)) + len(a.Links) + a.Created.YearDay()
		}
		return nil
	})
	return n
}

func BenchmarkStats(b *testing.B) {
	bundles, entities := statsBundles(b)
	labels := annotation.DefaultLabelSet()
	b.ReportAllocs()
	var r stats.Report
	var spent, base time.Duration
	for b.Loop() {
		start := time.Now()
		statsBaseline(bundles)
		base += time.Since(start)
		start = time.Now()
		var err error
		if r, err = stats.Compute(walk(bundles), labels, entities); err != nil {
			b.Fatal(err)
		}
		spent += time.Since(start)
	}
	if r.Annotations != 1_000_000 || r.Documents != 10_000 {
		b.Fatalf("the corpus has %d articles and %d annotations; want 10,000 and 1,000,000", r.Documents, r.Annotations)
	}
	per := spent / time.Duration(b.N)
	b.ReportMetric(float64(per)/float64(statsTarget), "target-ratio")
	b.ReportMetric(float64(spent)/float64(base), "x-baseline")
	b.ReportMetric(float64(per)/1e6, "stats-ms")
	b.ReportMetric(float64(base/time.Duration(b.N))/1e6, "baseline-ms")
	b.ReportMetric(float64(len(r.TopSources)), "sources")
}

func BenchmarkStatsBaseline(b *testing.B) {
	bundles, _ := statsBundles(b)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = statsBaseline(bundles)
	}
	b.ReportMetric(float64(n)/float64(len(bundles)), "units/article")
}
