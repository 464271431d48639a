package bench

import (
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
	"time"

	"glossa/annotation"
	"glossa/formats/whosaid"
)

// The who-said-what graph (issue 22: "statistics and graph for 10,000
// articles / 1,000,000 annotations under 1 s").
//
// BenchmarkWhoSaid builds the graph with whosaid.Builder, as glossa export
// --format graphml does, over the statistics' corpus (statsBundles: 10,000
// articles, 1,000,000 annotations, every entity mention and every third
// source linked to a registry of 2,000 entities, claims said_by a source
// and about an entity), walked as EachBundle walks a project. It reports
// its time against the 1 s target (target-ratio: below 1 meets it) and,
// measured in the same iterations, against graphBaseline over the same
// walk (x-baseline). BenchmarkWhoSaidBaseline is that pass alone.
//
// The corpus's garbage is collected and the memory given back to the
// system before the first build, which so starts as in a new process:
// every page it writes is new to the process, and the system maps each
// on first touch. first-ms is that build (first-target-ratio against
// 1 s); graph-ms, target-ratio and x-baseline are the mean of the later
// ones, each after the one before it was collected (memory freed, used
// again: the window's recomputes after an edit); fresh-ms, measured in
// the same run, is what making and touching as many new bytes as one
// build allocates takes alone: first-ms is about graph-ms plus fresh-ms.
//
// BenchmarkWhoSaidUnlinked is the hard case, on corpusConfig (1,000
// articles, 10,000 with BENCH_SCALE=10): the generator's sources and
// mentions are random words linked to no entity, so nearly every mention
// is a node of its own and co-occurrence pairs are as many as they can be.

const graphTarget = time.Second

var graphCorpus struct {
	once    sync.Once
	bundles []annotation.Bundle
	err     error
}

// graphBundles is corpusConfig's corpus without its texts (the graph reads
// none).
func graphBundles(b *testing.B) []annotation.Bundle {
	graphCorpus.once.Do(func() {
		graphCorpus.err = corpusConfig().Each(func(bd annotation.Bundle) error {
			bd.Document.Text = ""
			graphCorpus.bundles = append(graphCorpus.bundles, bd)
			return nil
		})
	})
	if graphCorpus.err != nil {
		b.Fatal(graphCorpus.err)
	}
	return graphCorpus.bundles
}

// buildGraph is what glossa export --format graphml does before writing.
func buildGraph(each func(func(annotation.Bundle) error) error, labels annotation.LabelSet, entities []annotation.Entity) whosaid.Graph {
	w := whosaid.NewBuilder(whosaid.Options{})
	w.Begin("bench", labels, entities)
	_ = each(func(bd annotation.Bundle) error {
		w.Add(bd)
		return nil
	})
	return w.Graph()
}

// graphBaseline is the least the graph must do: through the walk, every
// annotation's label looked up in the codebook and its links read.
func graphBaseline(bundles []annotation.Bundle, labels annotation.LabelSet) int {
	n := 0
	_ = walk(bundles)(func(bd annotation.Bundle) error {
		for i := range bd.Annotations {
			a := &bd.Annotations[i]
			if l, ok := labels.Find(a.Label); ok && l.Kind != annotation.KindOther {
				n += len(a.Links) + 1
			}
		}
		return nil
	})
	return n
}

func BenchmarkWhoSaid(b *testing.B) {
	bundles, entities := statsBundles(b)
	labels := annotation.DefaultLabelSet()
	b.ReportAllocs()
	var g whosaid.Graph
	var spent, base, first time.Duration
	var before, after runtime.MemStats
	runtime.GC()
	debug.FreeOSMemory()
	runtime.ReadMemStats(&before)
	for b.Loop() {
		start := time.Now()
		graphBaseline(bundles, labels)
		base += time.Since(start)
		if spent > 0 {
			// The last graph collected, its memory free for this one:
			// as in the window, whose heap is small beside the build,
			// where the resident corpus here would put the collection
			// off to after several builds.
			g = whosaid.Graph{}
			runtime.GC()
		}
		start = time.Now()
		g = buildGraph(walk(bundles), labels, entities)
		took := time.Since(start)
		if spent == 0 {
			first = took
		}
		spent += took
	}
	runtime.ReadMemStats(&after)
	if g.Articles != 10_000 {
		b.Fatalf("the graph read %d articles; want 10,000", g.Articles)
	}
	// graph-ms, target-ratio and x-baseline are of the builds after
	// the first (of the first alone when it is the only one).
	per, perBase := first, base/time.Duration(b.N)
	if b.N > 1 {
		per = (spent - first) / time.Duration(b.N-1)
	}
	b.ReportMetric(float64(per)/float64(graphTarget), "target-ratio")
	b.ReportMetric(float64(per)/float64(perBase), "x-baseline")
	b.ReportMetric(float64(per)/1e6, "graph-ms")
	b.ReportMetric(float64(perBase)/1e6, "baseline-ms")
	b.ReportMetric(float64(first)/1e6, "first-ms")
	b.ReportMetric(float64(first)/float64(graphTarget), "first-target-ratio")
	b.ReportMetric(float64(len(g.Nodes)), "nodes")
	b.ReportMetric(float64(g.NumEdges()), "edges")
	g = whosaid.Graph{}
	perBuild := int((after.TotalAlloc - before.TotalAlloc) / uint64(b.N))
	b.ReportMetric(float64(freshMemory(perBuild))/1e6, "fresh-ms")
}

// freshMemory times making and touching n bytes new to the process (the
// heap's free memory given back to the system first): a page fault every
// 4 KB, which the system answers with a page of zeros.
func freshMemory(n int) time.Duration {
	runtime.GC()
	debug.FreeOSMemory()
	start := time.Now()
	buf := make([]byte, n)
	for i := 0; i < len(buf); i += 4096 {
		buf[i] = 1
	}
	took := time.Since(start)
	runtime.KeepAlive(buf)
	return took
}

func BenchmarkWhoSaidBaseline(b *testing.B) {
	bundles, _ := statsBundles(b)
	labels := annotation.DefaultLabelSet()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = graphBaseline(bundles, labels)
	}
	b.ReportMetric(float64(n)/float64(len(bundles)), "labels-and-links/article")
}

func BenchmarkWhoSaidUnlinked(b *testing.B) {
	bundles, labels := graphBundles(b), annotation.DefaultLabelSet()
	b.ReportAllocs()
	var g whosaid.Graph
	var spent, base time.Duration
	for b.Loop() {
		start := time.Now()
		graphBaseline(bundles, labels)
		base += time.Since(start)
		start = time.Now()
		g = buildGraph(walk(bundles), labels, nil)
		spent += time.Since(start)
	}
	b.ReportMetric(float64(spent)/float64(base), "x-baseline")
	b.ReportMetric(float64(spent/time.Duration(b.N))/1e6, "graph-ms")
	b.ReportMetric(float64(len(g.Nodes)), "nodes")
	b.ReportMetric(float64(g.NumEdges()), "edges")
}
