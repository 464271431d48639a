// Package benchkit holds what the benchmarks of storage and bench share:
// the floor under a durable edit (what one bbolt commit does to the disk,
// without bbolt) and the percentiles they report. Only benchmarks import it.
package benchkit

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// ReportPercentiles reports the p50 and p99 of per-op durations in ms as
// PREFIXp50-ms and PREFIXp99-ms. It sorts d.
func ReportPercentiles(b *testing.B, d []time.Duration, prefix string) {
	if len(d) == 0 {
		return
	}
	slices.Sort(d)
	b.ReportMetric(Percentile(d, 0.50), prefix+"p50-ms")
	b.ReportMetric(Percentile(d, 0.99), prefix+"p99-ms")
}

// Percentile returns the p-th percentile of the sorted durations d, in ms.
func Percentile(d []time.Duration, p float64) float64 {
	return float64(d[min(len(d)-1, int(p*float64(len(d))))].Microseconds()) / 1000
}

// DefaultCommitSize is the commit size assumed where CommitSize cannot
// measure it: four pages.
const DefaultCommitSize = 16 << 10

const metaSize = 4 << 10

// Floor does to a file what one bbolt commit does to the disk: write the
// dirty pages (one write of the commit's size) and fdatasync, then write a
// meta page and fdatasync.
type Floor struct {
	f           *os.File
	pages, meta []byte
	n           int
}

// NewFloor creates the floor's file in dir, for commits of size bytes.
func NewFloor(dir string, size int) (*Floor, error) {
	f, err := os.Create(filepath.Join(dir, "fsync-floor.bin"))
	if err != nil {
		return nil, err
	}
	return &Floor{f: f, pages: make([]byte, size), meta: make([]byte, metaSize)}, nil
}

// Commit writes one commit and returns once it is on disk.
func (fl *Floor) Commit() error {
	i := fl.n
	fl.n++
	if _, err := fl.f.WriteAt(fl.pages, int64(2*metaSize+(i%64)*len(fl.pages))); err != nil {
		return err
	}
	if err := datasync(fl.f); err != nil {
		return err
	}
	if _, err := fl.f.WriteAt(fl.meta, int64(i%2)*metaSize); err != nil {
		return err
	}
	return datasync(fl.f)
}

// Close closes the floor's file.
func (fl *Floor) Close() error { return fl.f.Close() }

// CommitSize calls edit n times and returns what each call wrote on
// average besides a meta page, from the process's count of bytes written
// (/proc/self/io): the size of an edit's commit, for NewFloor. ok is false
// where the count is not available; size is then DefaultCommitSize.
func CommitSize(n int, edit func(i int)) (size int, ok bool) {
	before, ok := writtenBytes()
	for i := range n {
		edit(i)
	}
	after, ok2 := writtenBytes()
	if !ok || !ok2 || n == 0 {
		return DefaultCommitSize, false
	}
	return max(int(after-before)/n-metaSize, 0), true
}
