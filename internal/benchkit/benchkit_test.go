package benchkit

import (
	"os"
	"path/filepath"
	"testing"
)

// CommitSize is what each edit wrote, less a meta page; the floor then
// writes that much per commit.
func TestCommitSizeCountsWhatEditsWrite(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "w"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	page := make([]byte, 12<<10) // 8 KiB of "pages" and a 4 KiB "meta page"
	size, ok := CommitSize(5, func(i int) {
		if _, err := f.WriteAt(page, int64(i*len(page))); err != nil {
			t.Fatal(err)
		}
	})
	if !ok {
		if _, err := os.Stat("/proc/self/io"); err == nil {
			t.Fatal("CommitSize could not count bytes written although /proc/self/io exists")
		}
		t.Skip("no count of bytes written here")
	}
	if size != 8<<10 {
		t.Errorf("CommitSize = %d; want %d", size, 8<<10)
	}
	fl, err := NewFloor(t.TempDir(), size)
	if err != nil {
		t.Fatal(err)
	}
	defer fl.Close()
	for range 3 {
		if err := fl.Commit(); err != nil {
			t.Fatal(err)
		}
	}
}
