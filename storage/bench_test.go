package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"glossa/annotation"
)

// Figures only: nothing here asserts a time. Run with
//
//	go test ./storage/ -run '^$' -bench . -benchtime 300x

// reportPercentiles reports the p50 and p99 of per-op durations in ms.
func reportPercentiles(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	slices.Sort(d)
	at := func(p float64) float64 {
		return float64(d[min(len(d)-1, int(p*float64(len(d))))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}

// editFixture opens a new project with 100 documents of 20 annotations
// and returns it with one of its documents, the one edits go to.
func editFixture(b *testing.B) (*Store, annotation.Document) {
	s, err := Open(filepath.Join(b.TempDir(), "bench.glossa"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	res, err := s.ImportBundles(makeBundles(100, 20, 0, 1), ImportOptions{})
	if err != nil {
		b.Fatal(err)
	}
	doc, err := s.Document(res[50].Doc.ID)
	if err != nil {
		b.Fatal(err)
	}
	return s, doc
}

// addAt adds a five-code-point claim at the i-th position of doc.
func addAt(b *testing.B, s *Store, doc annotation.Document, i int) {
	start := i % (annotation.Len(doc.Text) - 5)
	if _, err := s.AddAnnotation(annotation.Annotation{DocID: doc.ID, Label: "Claim", Spans: []annotation.Span{{Start: start, End: start + 5}}}); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkEditDurable times one AddAnnotation (one Update, committed and
// fsynced) per op on a project with 100 documents, and reports the pages
// a commit writes besides the meta page (commit-KiB).
func BenchmarkEditDurable(b *testing.B) {
	s, doc := editFixture(b)
	defer s.Close()
	before := s.db.Stats()
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		addAt(b, s, doc, i)
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	reportPercentiles(b, times)
	after := s.db.Stats()
	d := after.Sub(&before)
	b.ReportMetric(float64(d.TxStats.GetPageCount())*float64(s.db.Info().PageSize)/1024/float64(b.N), "commit-KiB")
}

// commitSize is what one edit's commit writes besides the meta page, in
// bytes, measured on BenchmarkEditDurable's project (bbolt's count of the
// pages a transaction allocates for its dirty nodes).
func commitSize(b *testing.B) int {
	s, doc := editFixture(b)
	defer s.Close()
	const edits = 50
	before := s.db.Stats()
	for i := range edits {
		addAt(b, s, doc, i)
	}
	after := s.db.Stats()
	d := after.Sub(&before)
	return int(d.TxStats.GetPageCount()) * s.db.Info().PageSize / edits
}

// BenchmarkFsyncBaseline does to the disk what an edit's bbolt commit
// does, without bbolt: write as many bytes as the edit's pages (one write)
// and fdatasync, then write a 4 KiB meta page and fdatasync, on a file in
// the same kind of folder. It is the floor under BenchmarkEditDurable.
func BenchmarkFsyncBaseline(b *testing.B) {
	size := commitSize(b)
	f, err := os.Create(filepath.Join(b.TempDir(), "fsync.bin"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	pages, meta := make([]byte, size), make([]byte, 4<<10)
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := f.WriteAt(pages, int64(8<<10+(i%64)*len(pages))); err != nil {
			b.Fatal(err)
		}
		if err := datasync(f); err != nil {
			b.Fatal(err)
		}
		if _, err := f.WriteAt(meta, int64(i%2)*4096); err != nil {
			b.Fatal(err)
		}
		if err := datasync(f); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	reportPercentiles(b, times)
	b.ReportMetric(float64(size)/1024, "commit-KiB")
}

// BenchmarkImport100k imports 1,000 documents with 100 annotations each in
// batches of 100 documents (10 transactions) into a new file, per op.
func BenchmarkImport100k(b *testing.B) {
	bs := makeBundles(1000, 100, 1, 1)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), fmt.Sprintf("import%d.glossa", i)), Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for j := 0; j < len(bs); j += 100 {
			if _, err := s.ImportBundles(bs[j:j+100], ImportOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		s.Close()
	}
}
