package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"glossa/annotation"
	"glossa/corpus"
	"glossa/formats"
	"glossa/formats/glossajson"
	"glossa/internal/benchkit"
	"glossa/storage"
)

// Figures only: nothing here asserts a time. scripts/bench.sh runs these
// with the storage and widgets benchmarks and prints one table; alone:
//
//	go test ./internal/bench/ -run '^$' -bench . -benchtime 3x
//
// BENCH_SCALE=10 multiplies the corpus (10,000 documents, 1,000,000
// annotations) to show how each figure grows.

// scale is BENCH_SCALE, 1 by default.
func scale() int {
	if n, err := strconv.Atoi(os.Getenv("BENCH_SCALE")); err == nil && n > 0 {
		return n
	}
	return 1
}

// corpusConfig is the benchmarks' corpus at the chosen scale.
func corpusConfig() Config { return Default().Scaled(scale()) }

// fixtures are built once per process, in a folder removed by TestMain.
var fixtures struct {
	dir      string
	project  sync.Once
	projPath string
	projErr  error
	dataset  sync.Once
	dataPath string
	dataErr  error
	texts    sync.Once
	textPath string
	textErr  error
	memory   sync.Once
	bundles  []annotation.Bundle
	memErr   error
}

// TestMain makes the fixtures' folder: GLOSSA_BENCH_DATA when set (kept,
// so that repeated runs, as scripts/bench.sh makes, build them once), else
// a temporary folder removed at the end.
func TestMain(m *testing.M) {
	dir, keep := os.Getenv("GLOSSA_BENCH_DATA"), true
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "glossa-bench-"); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		keep = false
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fixtures.dir = dir
	code := m.Run()
	if !keep {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// fixture returns the path of a generated file or folder named after
// corpusConfig, making it with build (into a temporary name, renamed when
// complete) unless a previous run left it.
func fixture(name string, build func(path string) error) (string, error) {
	c := corpusConfig()
	p := filepath.Join(fixtures.dir, fmt.Sprintf("s%d-d%d-a%d-%s", c.Seed, c.Documents, c.Annotations, name))
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	tmp := p + ".tmp"
	os.RemoveAll(tmp)
	if err := build(tmp); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	return p, os.Rename(tmp, p)
}

// projectPath returns the path of a project file holding corpusConfig. It
// must not be written to: edit a copy.
func projectPath(b *testing.B) string {
	b.Helper()
	fixtures.project.Do(func() {
		fixtures.projPath, fixtures.projErr = fixture("corpus.glossa", func(p string) error { return BuildProject(p, corpusConfig()) })
	})
	if fixtures.projErr != nil {
		b.Fatal(fixtures.projErr)
	}
	return fixtures.projPath
}

// datasetPath returns a Glossa JSON dataset of corpusConfig.
func datasetPath(b *testing.B) string {
	b.Helper()
	fixtures.dataset.Do(func() {
		fixtures.dataPath, fixtures.dataErr = fixture("corpus.json", func(p string) error { return WriteDatasetFile(p, corpusConfig()) })
	})
	if fixtures.dataErr != nil {
		b.Fatal(fixtures.dataErr)
	}
	return fixtures.dataPath
}

// textsDir returns a folder of 1,000 .txt articles (times the scale).
func textsDir(b *testing.B) string {
	b.Helper()
	fixtures.texts.Do(func() {
		fixtures.textPath, fixtures.textErr = fixture("texts", func(d string) error {
			if err := os.Mkdir(d, 0o755); err != nil {
				return err
			}
			_, err := WriteTexts(d, corpusConfig())
			return err
		})
	})
	if fixtures.textErr != nil {
		b.Fatal(fixtures.textErr)
	}
	return fixtures.textPath
}

// copyFile copies a project so that a benchmark can edit it.
func copyFile(b *testing.B, src, dst string) {
	b.Helper()
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

// heapWatch samples the heap (live and not yet swept objects) every
// millisecond without stopping the world, to report its peak.
type heapWatch struct {
	stop chan struct{}
	done chan struct{}
	peak uint64
}

func watchHeap() *heapWatch {
	runtime.GC()
	h := &heapWatch{stop: make(chan struct{}), done: make(chan struct{})}
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	go func() {
		defer close(h.done)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			h.peak = max(h.peak, s[0].Value.Uint64())
			select {
			case <-h.stop:
				return
			case <-t.C:
			}
		}
	}()
	return h
}

// report stops the watch and reports the peak in MB.
func (h *heapWatch) report(b *testing.B) {
	close(h.stop)
	<-h.done
	b.ReportMetric(float64(h.peak)/1e6, "peak-heap-MB")
}

// BenchmarkExport100k exports the corpus (1,000 documents, 100,000
// annotations) as Glossa JSON from a bbolt file to io.Discard, as `glossa
// export` does after opening the file.
func BenchmarkExport100k(b *testing.B) {
	st, err := storage.Open(projectPath(b), storage.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	done := 0
	opts := corpus.ExportOptions{Progress: func(d, total int) { done = d }}
	b.ReportAllocs()
	h := watchHeap()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := corpus.ExportTo(context.Background(), st, "json", io.Discard, opts); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	h.report(b)
	if done != corpusConfig().Documents {
		b.Fatalf("exported %d documents, want %d", done, corpusConfig().Documents)
	}
}

// BenchmarkExportW3C100k is BenchmarkExport100k in the W3C format: one
// Web Annotation per annotation and link, with position and quote
// selectors.
func BenchmarkExportW3C100k(b *testing.B) {
	st, err := storage.Open(projectPath(b), storage.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := corpus.ExportTo(context.Background(), st, "w3c", io.Discard, corpus.ExportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExportBaseline encodes the same bundles, already in memory,
// with encoding/json to io.Discard: the floor under BenchmarkExport100k.
func BenchmarkExportBaseline(b *testing.B) {
	fixtures.memory.Do(func() {
		st, err := storage.Open(projectPath(b), storage.Options{ReadOnly: true})
		if err != nil {
			fixtures.memErr = err
			return
		}
		defer st.Close()
		fixtures.memErr = st.EachBundle(func(bu annotation.Bundle) error {
			bu.Annotations = slices.Clone(bu.Annotations) // EachBundle reuses the slice
			fixtures.bundles = append(fixtures.bundles, bu)
			return nil
		})
	})
	if fixtures.memErr != nil {
		b.Fatal(fixtures.memErr)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := bufio.NewWriterSize(io.Discard, 64<<10)
		enc := json.NewEncoder(w)
		for _, bu := range fixtures.bundles {
			if err := enc.Encode(bu); err != nil {
				b.Fatal(err)
			}
		}
		w.Flush()
	}
}

// importInto imports paths into a new project file per op, timing the
// import only, and reports documents per second and the peak heap.
func importInto(b *testing.B, paths []string, wantDocs int) {
	b.ResetTimer() // the fixture's paths were made (or checked) on the clock
	b.ReportAllocs()
	h := watchHeap()
	var docs int
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := storage.Open(filepath.Join(b.TempDir(), fmt.Sprintf("import%d.glossa", i)), storage.Options{})
		if err != nil {
			b.Fatal(err)
		}
		docs = 0
		b.StartTimer()
		tot, err := corpus.ImportPaths(context.Background(), st, paths, func(r corpus.FileResult) {
			if r.Err == nil {
				docs++ // the progress callback: one call per durable document
			}
		})
		b.StopTimer()
		if err != nil || tot.Failed > 0 {
			b.Fatalf("import: %v (%d failed)", err, tot.Failed)
		}
		st.Close()
	}
	h.report(b)
	if docs != wantDocs {
		b.Fatalf("imported %d documents, want %d", docs, wantDocs)
	}
	b.ReportMetric(float64(docs*b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkImport1000 imports, into a new file, 1,000 .txt articles (one
// file each) and the 100,000-annotation Glossa JSON dataset, as `glossa
// import` does.
func BenchmarkImport1000(b *testing.B) {
	n := corpusConfig().Documents
	b.Run("txt", func(b *testing.B) { importInto(b, []string{textsDir(b)}, n) })
	b.Run("json", func(b *testing.B) { importInto(b, []string{datasetPath(b)}, n) })
}

// BenchmarkImportBaseline is the floor under BenchmarkImport1000 without
// storage: reading and normalising the .txt files (formats.ReadDocument),
// and decoding and checking the dataset (glossajson.DecodeDataset).
func BenchmarkImportBaseline(b *testing.B) {
	b.Run("txt", func(b *testing.B) {
		dir := textsDir(b)
		ents, err := os.ReadDir(dir)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			for _, e := range ents {
				f, err := os.Open(filepath.Join(dir, e.Name()))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := formats.ReadDocument(e.Name(), bufio.NewReader(f)); err != nil {
					b.Fatal(err)
				}
				f.Close()
			}
		}
	})
	b.Run("json", func(b *testing.B) {
		path := datasetPath(b)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			if err := glossajson.DecodeDataset(bufio.NewReaderSize(f, 1<<20), nil, nil); err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
	})
}

// openWindowData does what the window does between opening the file and
// its first frame (internal/desktop openProject, app.New loadProject): open with
// automatic backups, read labels, entities and the corpus list, open the
// first document and its annotations.
func openWindowData(b *testing.B, path string) {
	st, err := storage.Open(path, storage.Options{AutoBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Labels(); err != nil {
		b.Fatal(err)
	}
	if _, err := st.Entities(); err != nil {
		b.Fatal(err)
	}
	docs, err := st.Documents()
	if err != nil {
		b.Fatal(err)
	}
	if len(docs) > 0 {
		if _, err := st.Document(docs[0].ID); err != nil {
			b.Fatal(err)
		}
		if _, err := st.Annotations(docs[0].ID); err != nil {
			b.Fatal(err)
		}
	}
}

// editOnce makes one durable edit to the project at path, so that the
// next open finds it changed since its newest backup.
func editOnce(b *testing.B, path string) {
	st, err := storage.Open(path, storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.AddAnnotation(annotation.Annotation{DocID: 1, Label: "Person", Spans: []annotation.Span{{Start: 0, End: 3}}}); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkOpenProject times the store side of opening the window on the
// corpus: unchanged since the last open ("reopen"), and after a session of
// edits ("after-edits": the automatic backup copies the file). Its floor is
// BenchmarkOpenBaseline.
func BenchmarkOpenProject(b *testing.B) {
	path := filepath.Join(b.TempDir(), "open.glossa")
	copyFile(b, projectPath(b), path)
	openWindowData(b, path) // the first backup
	b.Run("reopen", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			openWindowData(b, path)
		}
	})
	b.Run("after-edits", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			editOnce(b, path)
			b.StartTimer()
			openWindowData(b, path)
		}
	})
}

// BenchmarkOpenBaseline is BenchmarkOpenProject/reopen on a project of one
// small document: what opening costs when the corpus costs nothing.
func BenchmarkOpenBaseline(b *testing.B) {
	path := filepath.Join(b.TempDir(), "small.glossa")
	if err := BuildProject(path, Config{Seed: 7, Documents: 1, Annotations: 10, MinBytes: 2 << 10, MaxBytes: 2 << 10}); err != nil {
		b.Fatal(err)
	}
	openWindowData(b, path)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		openWindowData(b, path)
	}
}

// editTimes adds b.N annotations of 5 code points to document doc, one
// durable AddAnnotation each, and after each one does what
// BenchmarkFsyncBaseline (storage) does once: a benchkit.Floor commit of
// the size an edit writes here (measured on 20 edits first), on a file in
// the project's folder. Interleaved, edit and baseline meet the same load
// of a shared machine. It reports p50 and p99 of both, the ratio of the
// p50s and the commit's size.
func editTimes(b *testing.B, st *storage.Store, doc uint64, length int) {
	add := func(i int) {
		start := (i * 7919) % (length - 5)
		if _, err := st.AddAnnotation(annotation.Annotation{DocID: doc, Label: "Claim", Spans: []annotation.Span{{Start: start, End: start + 5}}}); err != nil {
			b.Fatal(err)
		}
	}
	const measured = 20
	size, _ := benchkit.CommitSize(measured, add)
	fl, err := benchkit.NewFloor(filepath.Dir(st.Path()), size)
	if err != nil {
		b.Fatal(err)
	}
	defer fl.Close()
	times := make([]time.Duration, 0, b.N)
	base := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		add(measured + i)
		times = append(times, time.Since(t0))
		b.StopTimer()
		t0 = time.Now()
		if err := fl.Commit(); err != nil {
			b.Fatal(err)
		}
		base = append(base, time.Since(t0))
		b.StartTimer()
	}
	b.StopTimer()
	benchkit.ReportPercentiles(b, times, "")
	benchkit.ReportPercentiles(b, base, "base-")
	if p50 := benchkit.Percentile(base, 0.5); p50 > 0 {
		b.ReportMetric(benchkit.Percentile(times, 0.5)/p50, "x-base-p50")
	}
	b.ReportMetric(float64(size)/1024, "commit-KiB")
}

// BenchmarkEditInCorpus is BenchmarkEditDurable (storage) on a document of
// the benchmark corpus: one tag, durable on return, in a project of 1,000
// documents and 100,000 annotations (times the scale).
func BenchmarkEditInCorpus(b *testing.B) {
	path := filepath.Join(b.TempDir(), "edit.glossa")
	copyFile(b, projectPath(b), path)
	st, err := storage.Open(path, storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	id := uint64(corpusConfig().Documents / 2)
	d, err := st.Document(id)
	if err != nil {
		b.Fatal(err)
	}
	editTimes(b, st, id, annotation.Len(d.Text))
}

// BenchmarkEditLarge is one durable tag on the 1 MB article with 3,000
// annotations, the article the whole-process figures open.
func BenchmarkEditLarge(b *testing.B) {
	st, err := storage.Open(filepath.Join(b.TempDir(), "large.glossa"), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	bu := LargeBundle(3000)
	res, err := st.ImportBundles([]annotation.Bundle{bu}, storage.ImportOptions{})
	if err != nil {
		b.Fatal(err)
	}
	editTimes(b, st, res[0].Doc.ID, annotation.Len(bu.Document.Text))
}
