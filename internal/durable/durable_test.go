package durable

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// accessDenied is what Windows answers when a folder is opened for syncing.
var accessDenied = &fs.PathError{Op: "sync", Path: ".", Err: fs.ErrPermission}

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// entries lists dir's names, to see that no temporary file is left.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteFile(t *testing.T) {
	syncs := map[string]func(string) error{
		"folder sync works":                     syncDirOS,
		"folder sync refused (Windows)":         func(string) error { return accessDenied },
		"folder sync unsupported (network fs)":  func(string) error { return syscall.EINVAL },
		"folder sync not implemented (FUSE, …)": func(string) error { return syscall.ENOTSUP },
	}
	for name, sync := range syncs {
		t.Run(name, func(t *testing.T) {
			defer SetFolderSync(sync)()
			dir := t.TempDir()
			path := filepath.Join(dir, "out.json")
			if err := WriteFile(path, 0o600, writeString("one")); err != nil {
				t.Fatalf("new file: %v", err)
			}
			if got := readFile(t, path); got != "one" {
				t.Errorf("new file holds %q, want %q", got, "one")
			}
			if err := WriteFile(path, 0o644, writeString("two")); err != nil {
				t.Fatalf("replacing: %v", err)
			}
			if got := readFile(t, path); got != "two" {
				t.Errorf("replaced file holds %q, want %q", got, "two")
			}
			if runtime.GOOS != "windows" {
				info, _ := os.Stat(path)
				if got := info.Mode().Perm(); got != 0o600 {
					t.Errorf("replaced file has mode %v, want the mode it had, 0600", got)
				}
			}
			if got := entries(t, dir); len(got) != 1 {
				t.Errorf("folder holds %v, want only out.json", got)
			}
		})
	}
}

func TestFolderSyncIOErrorIsReported(t *testing.T) {
	if writeThrough {
		t.Skip("this system syncs no folder")
	}
	defer SetFolderSync(func(string) error { return syscall.EIO })()
	path := filepath.Join(t.TempDir(), "out.json")
	err := WriteFile(path, 0o644, writeString("x"))
	if !errors.Is(err, syscall.EIO) || !strings.Contains(err.Error(), "cannot save the folder") {
		t.Fatalf("got %v, want an I/O error saying the folder could not be saved", err)
	}
}

func TestRenameNew(t *testing.T) {
	defer SetFolderSync(func(string) error { return accessDenied })()
	dir := t.TempDir()
	from, to := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.WriteFile(from, []byte("new"), 0o644)
	os.WriteFile(to, []byte("taken"), 0o644)
	if err := RenameNew(from, to); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("onto an existing file: got %v, want fs.ErrExist", err)
	}
	if got := readFile(t, to); got != "taken" {
		t.Errorf("the existing file holds %q, want it untouched", got)
	}
	if got := readFile(t, from); got != "new" {
		t.Errorf("the moved file holds %q, want it where it was", got)
	}
	free := filepath.Join(dir, "c")
	if err := RenameNew(from, free); err != nil {
		t.Fatalf("onto a free name: %v", err)
	}
	if got := readFile(t, free); got != "new" {
		t.Errorf("moved file holds %q", got)
	}
	if _, err := os.Stat(from); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the old name is still there: %v", err)
	}
}

func TestRenameFolder(t *testing.T) {
	defer SetFolderSync(func(string) error { return accessDenied })()
	dir := t.TempDir()
	from, to := filepath.Join(dir, "tmp"), filepath.Join(dir, "export")
	os.Mkdir(from, 0o755)
	os.WriteFile(filepath.Join(from, "a.txt"), []byte("a"), 0o644)
	if err := Rename(from, to); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(to, "a.txt")); got != "a" {
		t.Errorf("moved folder's file holds %q", got)
	}
}

func TestWriteFileKeepsOldFileOnFailure(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out.json")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := WriteFile(p, 0o644, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v; want boom", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("file = %q after a failed write; want old", b)
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(p), ".*tmp*")); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}
	if err := WriteFile(p, 0o644, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("file = %q; want new", b)
	}
}

func TestWriteFileKeepsMode(t *testing.T) {
	dir := t.TempDir()
	fresh := filepath.Join(dir, "fresh.json")
	if err := WriteFile(fresh, 0o644, func(w io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(fresh); info.Mode().Perm() != 0o644 {
		t.Errorf("new file mode %v; want 0644", info.Mode().Perm())
	}
	shared := filepath.Join(dir, "shared.json")
	os.WriteFile(shared, []byte("old"), 0o664)
	os.Chmod(shared, 0o664)
	if err := WriteFile(shared, 0o644, func(w io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(shared); info.Mode().Perm() != 0o664 {
		t.Errorf("replaced file mode %v; want 0664 as before", info.Mode().Perm())
	}
}

func TestMoveErrorSaysWhatToDo(t *testing.T) {
	to := filepath.Join("exports", "claims.csv")
	tests := []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "rename", Path: to, Err: fs.ErrPermission}, "you may not write in the folder exports. Choose another folder"},
		{&fs.PathError{Op: "rename", Path: to, Err: syscall.ENOSPC}, "cannot write " + to},
	}
	for _, tt := range tests {
		got := moveError(to, tt.err)
		if !strings.Contains(got.Error(), tt.want) || !errors.Is(got, tt.err) {
			t.Errorf("moveError(%v) = %q, want it to contain %q and wrap the error", tt.err, got, tt.want)
		}
	}
}
