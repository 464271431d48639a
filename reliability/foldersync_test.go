package reliability

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"glossa/corpus"
	"glossa/internal/durable"
	"glossa/storage"
)

// TestWritesWhereAFolderCannotBeSynced plays a system that refuses to sync
// a folder, as Windows does ("Access is denied"), and does everything that
// writes a whole file: create a project, import into it, back it up (by
// hand and automatically), export in every format (a file, a zip, a
// folder), and open a new project after that. Each must succeed: the
// folder sync is how Unix makes a rename durable, not a step that may fail
// the write (issue 15: Glossa could not create its first project on
// Windows).
func TestWritesWhereAFolderCannotBeSynced(t *testing.T) {
	defer durable.SetFolderSync(func(dir string) error {
		return &fs.PathError{Op: "sync", Path: dir, Err: fs.ErrPermission}
	})()
	dir := t.TempDir()
	path := filepath.Join(dir, "project.glossa")
	s, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatalf("creating a project: %v", err)
	}
	article := filepath.Join(dir, "article.txt")
	os.WriteFile(article, []byte("The minister said prices would fall.\n"), 0o644)
	if _, err := corpus.ImportPaths(context.Background(), s, []string{article}, nil); err != nil {
		t.Fatalf("importing: %v", err)
	}
	if err := s.Backup(filepath.Join(dir, "copy.glossa")); err != nil {
		t.Fatalf("backup: %v", err)
	}
	for _, format := range corpus.Formats() {
		out := filepath.Join(dir, "export-"+format)
		if !corpus.MultiFile(format) {
			out += "." + format
		}
		if err := corpus.Export(context.Background(), s, format, out, corpus.ExportOptions{}); err != nil {
			t.Errorf("export %s: %v", format, err)
		}
		if corpus.MultiFile(format) {
			if err := corpus.Export(context.Background(), s, format, out+".zip", corpus.ExportOptions{}); err != nil {
				t.Errorf("export %s to a zip: %v", format, err)
			}
			// again, over the earlier export: the folder is swapped
			if err := corpus.Export(context.Background(), s, format, out, corpus.ExportOptions{}); err != nil {
				t.Errorf("export %s over an earlier one: %v", format, err)
			}
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = storage.Open(path, storage.Options{AutoBackup: true})
	if err != nil {
		t.Fatalf("reopening with an automatic backup: %v", err)
	}
	defer s.Close()
	if got := s.Backups(); len(got) != 1 {
		t.Errorf("automatic backups %v, want one", got)
	}
	second, err := storage.Create(filepath.Join(dir, "second.glossa"), storage.Options{})
	if err != nil {
		t.Fatalf("creating a second project: %v", err)
	}
	second.Close()
}
