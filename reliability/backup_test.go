package reliability

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"glossa/annotation"
	"glossa/storage"
)

// TestBackupDuringHeavyWriting is case 7: backups taken while four
// goroutines write as fast as they can each pass Check and hold every edit
// acknowledged before the backup started.
func TestBackupDuringHeavyWriting(t *testing.T) {
	r := newRand(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "project.glossa")
	buildProject(t, r, path, 5, 5)
	s, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sums, _ := s.Documents()
	var docs []annotation.Document
	for _, sm := range sums {
		d, _ := s.Document(sm.ID)
		docs = append(docs, d)
	}
	var mu sync.Mutex
	var acked []uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		seed := r.Uint64()
		go func() {
			defer wg.Done()
			wr := newRandFrom(seed)
			for {
				select {
				case <-stop:
					return
				default:
				}
				a, err := s.AddAnnotation(randomAnnotation(wr, docs[wr.IntN(len(docs))]))
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				acked = append(acked, a.ID)
				mu.Unlock()
			}
		}()
	}
	backups := pick(10, 50)
	for i := 0; i < backups; i++ {
		time.Sleep(time.Duration(20+r.IntN(80)) * time.Millisecond)
		mu.Lock()
		before := append([]uint64(nil), acked...)
		mu.Unlock()
		dst := filepath.Join(dir, fmt.Sprintf("backup-%d.glossa", i))
		if err := s.Backup(dst); err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		b, err := storage.Open(dst, storage.Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		if err := b.Check(); err != nil {
			t.Fatalf("backup %d fails Check: %v", i, err)
		}
		for _, id := range before {
			if _, err := b.Annotation(id); err != nil {
				t.Fatalf("backup %d lacks annotation %d acknowledged before it started: %v", i, id, err)
			}
		}
		b.Close()
	}
	close(stop)
	wg.Wait()
	select {
	case err := <-errs:
		t.Fatalf("writer: %v", err)
	default:
	}
	t.Logf("%d backups during %d acknowledged writes: all pass Check, none lacks an acknowledged edit", backups, len(acked))
}

// TestRollingBackups is the rest of case 7: with AutoBackup, each open of a
// file that changed since the newest copy shifts .bak1 -> .bak2 -> .bak3
// (three kept) and writes a new .bak1; an open without changes writes
// nothing; every copy passes Check; glossa backup makes a copy that passes
// Check.
func TestRollingBackups(t *testing.T) {
	r := newRand(t)
	path := filepath.Join(t.TempDir(), "project.glossa")
	buildProject(t, r, path, 2, 2)
	for i := 0; i < 5; i++ {
		s, err := storage.Open(path, storage.Options{AutoBackup: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddDocument(annotation.Document{Title: "T", Text: fmt.Sprintf("Edit number %d of the project.", i)}); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	s, err := storage.Open(path, storage.Options{AutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	got := s.Backups()
	s.Close()
	if len(got) != 3 {
		t.Fatalf("Backups() = %v; want 3 copies", got)
	}
	newest := fileSHA(t, got[0])
	s, err = storage.Open(path, storage.Options{AutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if fileSHA(t, got[0]) != newest {
		t.Errorf("an open without changes rewrote %s", got[0])
	}
	if _, err := os.Stat(path + ".bak4"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a fourth copy exists")
	}
	wantDocs := []int{7, 6, 5} // 2 built + 5 edits: .bak1 taken at the last open
	for i, b := range got {
		bs, err := storage.Open(b, storage.Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if err := bs.Check(); err != nil {
			t.Errorf("%s fails Check: %v", b, err)
		}
		sums, _ := bs.Documents()
		if len(sums) != wantDocs[i] {
			t.Errorf("%s has %d documents; want %d", b, len(sums), wantDocs[i])
		}
		bs.Close()
	}

	bin, err := glossaBin()
	if err != nil {
		t.Logf("glossa backup not tested: %v", err)
		return
	}
	dst := filepath.Join(t.TempDir(), "copy.glossa")
	if out, err := exec.Command(bin, "backup", "--db", path, "-o", dst).CombinedOutput(); err != nil {
		t.Fatalf("glossa backup: %v\n%s", err, out)
	}
	if out, err := exec.Command(bin, "check", "--db", dst).CombinedOutput(); err != nil {
		t.Fatalf("glossa check of the backup: %v\n%s", err, out)
	}
}
