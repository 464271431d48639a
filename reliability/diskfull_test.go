package reliability

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"glossa/annotation"
	"glossa/storage"
)

// smallDisk mounts a 1 MB tmpfs in a temporary folder, or skips the test.
func smallDisk(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a 1 MB tmpfs; storage's TestMaxSizeFailsLikeAFullDisk takes the same path without root (Options.MaxSize)")
	}
	dir := filepath.Join(t.TempDir(), "small")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a 1 MB tmpfs (%v: %s); storage's TestMaxSizeFailsLikeAFullDisk takes the same path (Options.MaxSize)", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return dir
}

// TestDiskFull is case 4 at the store level: on a full disk (a 1 MB
// tmpfs) an edit fails with an error, earlier edits stay readable, the
// project can be saved elsewhere (Backup), the same edit succeeds once
// space is freed, and the file passes Check after reopening.
func TestDiskFull(t *testing.T) {
	dir := smallDisk(t)
	r := newRand(t)
	path := filepath.Join(dir, "project.glossa")
	filler := filepath.Join(dir, "filler")
	if err := os.WriteFile(filler, make([]byte, 256<<10), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var ids []uint64
	var failed annotation.Document
	var editErr error
	for i := 0; i < 1000 && editErr == nil; i++ {
		d := annotation.Document{Title: "T", Text: article(r, 2000, fmt.Sprint(i))}
		got, err := s.AddDocument(d)
		if err != nil {
			failed, editErr = d, err
			break
		}
		ids = append(ids, got.ID)
	}
	if editErr == nil {
		t.Fatal("1000 documents fitted on a 1 MB disk")
	}
	t.Logf("after %d documents the edit failed: %v", len(ids), editErr)
	if !errors.Is(editErr, syscall.ENOSPC) {
		t.Errorf("the error does not wrap ENOSPC: %v", editErr)
	}
	clear := strings.Contains(editErr.Error(), "disk is full") || strings.Contains(editErr.Error(), "free some space")
	if _, err := s.Documents(); err != nil {
		t.Errorf("the project cannot be read after the failed edit: %v", err)
	}
	elsewhere := filepath.Join(t.TempDir(), "saved.glossa")
	if err := s.Backup(elsewhere); err != nil {
		t.Errorf("saving the project elsewhere failed: %v", err)
	}
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	if got, err := s.AddDocument(failed); err != nil {
		t.Errorf("the edit still fails after freeing space: %v", err)
	} else {
		ids = append(ids, got.ID)
	}
	s.Close()
	for _, p := range []string{path, elsewhere} {
		s2, err := storage.Open(p, storage.Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("reopen %s: %v", p, err)
		}
		if err := s2.Check(); err != nil {
			t.Errorf("%s fails Check: %v", p, err)
		}
		want := ids
		if p == elsewhere {
			want = ids[:len(ids)-1]
		}
		for _, id := range want {
			if _, err := s2.Document(id); err != nil {
				t.Errorf("%s: acknowledged document %d lost: %v", p, id, err)
			}
		}
		s2.Close()
	}
	if !clear {
		t.Errorf("the message does not say the disk is full and what to do: %q", editErr)
	}
	if !errors.Is(editErr, storage.ErrWriteFailed) {
		t.Errorf("the error is not storage.ErrWriteFailed: %v", editErr)
	}
}
