package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"glossa/formats/dataset"
	"glossa/formats/registry"
	"glossa/internal/durable"
)

// exportInPlace writes the project in the format f (registry.FolderInPlace)
// into the folder at path, updating it in place: a git work tree keeps its
// .git, and a README or anything else the format does not own stays. Each
// file is replaced atomically (durable.WriteFile), and only when its bytes
// changed; once the export is complete, the files the format owns
// (f.IsExportFile) that it did not write again are removed: the articles
// the project no longer has. A crash or an error midway leaves every file
// whole, some of them already new; exporting again completes the folder.
//
// A folder that f does not recognise as its own (f.DetectDir) but that
// holds files f would write or remove is refused: they are someone
// else's.
func exportInPlace(ctx context.Context, src Source, f registry.Format, path string, opts ExportOptions) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := mkdirDurable(path); err != nil {
			return err
		}
	case err != nil:
		return fmt.Errorf("cannot check %s: %w", path, err)
	case !fi.IsDir():
		return fmt.Errorf("%s is a file; export %s to a folder (a new one, an earlier %s export, or a git clone of one) or to a .zip file", path, f.Name, f.Name)
	case f.DetectDir == nil || !f.DetectDir(path):
		owned, err := ownedFiles(path, f.IsExportFile)
		if err != nil {
			return err
		}
		if len(owned) > 0 {
			return fmt.Errorf("%s holds %s, which a %s export writes, but no %s export made this folder; export to a new or empty folder, or to the folder of an earlier export", path, owned[0], f.Name, f.Name)
		}
	}
	out := &inPlaceOutput{dir: path, written: map[string]bool{}}
	if err := export(ctx, src, f.Name, out, cardIn(out, opts), opts); err != nil {
		return err
	}
	return out.removeStale(f.IsExportFile)
}

// inPlaceOutput is the dataset.InPlace output of exportInPlace.
type inPlaceOutput struct {
	dir     string
	written map[string]bool // slash-separated names
}

var _ dataset.InPlace = (*inPlaceOutput)(nil)

// Previous is the folder itself: a writer reads a file there before it
// creates it again.
func (o *inPlaceOutput) Previous() fs.FS { return os.DirFS(o.dir) }

// Create returns a file that is written when it is closed, and only when
// its bytes differ from the file there.
func (o *inPlaceOutput) Create(name string) (io.WriteCloser, error) {
	clean, err := dataset.CleanName(name)
	if err != nil {
		return nil, err
	}
	if o.written[clean] {
		return nil, fmt.Errorf("%s is written twice by one export", clean)
	}
	o.written[clean] = true
	return &inPlaceFile{path: filepath.Join(o.dir, filepath.FromSlash(clean))}, nil
}

// removeStale removes the files of the folder that isExport says an
// export writes but that this one did not write.
func (o *inPlaceOutput) removeStale(isExport func(string) bool) error {
	owned, err := ownedFiles(o.dir, isExport)
	if err != nil {
		return err
	}
	dirs := map[string]bool{}
	for _, name := range owned {
		if o.written[name] {
			continue
		}
		p := filepath.Join(o.dir, filepath.FromSlash(name))
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot remove %s, which the export no longer writes (an article the project no longer has): %w", p, err)
		}
		dirs[filepath.Dir(p)] = true
	}
	for d := range dirs {
		if err := durable.SyncDir(d); err != nil {
			return err
		}
	}
	return nil
}

// inPlaceFile gathers a file's bytes and writes them on Close.
type inPlaceFile struct {
	path string
	buf  bytes.Buffer
}

func (f *inPlaceFile) Write(p []byte) (int, error) { return f.buf.Write(p) }

func (f *inPlaceFile) Close() error {
	if fi, err := os.Stat(f.path); err == nil && fi.Size() == int64(f.buf.Len()) {
		if old, err := os.ReadFile(f.path); err == nil && bytes.Equal(old, f.buf.Bytes()) {
			return nil
		}
	}
	if err := mkdirDurable(filepath.Dir(f.path)); err != nil {
		return err
	}
	return durable.WriteFile(f.path, 0o644, func(w io.Writer) error {
		_, err := w.Write(f.buf.Bytes())
		return err
	})
}

// mkdirDurable makes the folder dir, and its name durable, unless it
// exists.
func mkdirDurable(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create the folder %s: %w", dir, err)
	}
	return durable.SyncDir(filepath.Dir(dir))
}

// ownedFiles lists, slash-separated and relative to dir, the files under
// dir that isExport claims; hidden folders (.git) are not entered.
func ownedFiles(dir string, isExport func(string) bool) ([]string, error) {
	var owned []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if rel = filepath.ToSlash(rel); isExport != nil && isExport(rel) {
			owned = append(owned, rel)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cannot read the folder %s: %w", dir, err)
	}
	return owned, nil
}
