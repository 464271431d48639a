package storage

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"glossa/annotation"
	"glossa/internal/benchkit"
)

// Figures only: nothing here asserts a time. Run with
//
//	go test ./storage/ -run '^$' -bench . -benchtime 300x

// editFixture opens a new project with 100 documents of 20 annotations
// and returns it with add, which adds the i-th five-code-point claim to one
// of its documents.
func editFixture(b *testing.B) (s *Store, add func(i int)) {
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
	starts := annotation.Len(doc.Text) - 5
	return s, func(i int) {
		start := i % starts
		if _, err := s.AddAnnotation(annotation.Annotation{DocID: doc.ID, Label: "Claim", Spans: []annotation.Span{{Start: start, End: start + 5}}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEditDurable times one AddAnnotation (one Update, committed and
// fsynced) per op on a project with 100 documents.
func BenchmarkEditDurable(b *testing.B) {
	s, add := editFixture(b)
	defer s.Close()
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		add(i)
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	benchkit.ReportPercentiles(b, times, "")
}

// BenchmarkFsyncBaseline does to the disk what an edit's bbolt commit
// does, without bbolt (benchkit.Floor: one write the size of the edit's
// pages and fdatasync, a 4 KiB meta page and fdatasync), on a file in the
// same kind of folder. It is the floor under BenchmarkEditDurable. The
// commit's size is measured on BenchmarkEditDurable's project and reported
// as commit-KiB.
func BenchmarkFsyncBaseline(b *testing.B) {
	s, add := editFixture(b)
	size, _ := benchkit.CommitSize(50, add)
	s.Close()
	fl, err := benchkit.NewFloor(b.TempDir(), size)
	if err != nil {
		b.Fatal(err)
	}
	defer fl.Close()
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if err := fl.Commit(); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	benchkit.ReportPercentiles(b, times, "")
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

// BenchmarkEachAnnotated walks a project of 1,000 articles of about 11 KB
// (the bench corpus's mean) with 100 annotations each, in a file in
// b.TempDir(): "texts" with EachBundle (the baseline: what glossa stats
// read before), "no-texts" with EachAnnotated. scripts/bench.sh is not
// needed: compare the two lines' ns/op.
func BenchmarkEachAnnotated(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "walk.glossa"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	bs := makeBundles(1000, 100, 1, 1)
	filler := "\n\n" + strings.Repeat("Officials gave no further details on Tuesday. ", 160) // 7.5 KB after 3.6 KB
	for i := range bs {
		bs[i].Document.Text += filler
	}
	for j := 0; j < len(bs); j += 100 {
		if _, err := s.ImportBundles(bs[j:j+100], ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	for _, w := range []struct {
		name string
		each func(func(annotation.Bundle) error) error
	}{{"texts", s.EachBundle}, {"no-texts", s.EachAnnotated}} {
		b.Run(w.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				n := 0
				if err := w.each(func(bd annotation.Bundle) error { n += len(bd.Annotations) + len(bd.Document.Text); return nil }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
