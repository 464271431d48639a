package corpus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"glossa/annotation"
	"glossa/formats/dataset"
	"glossa/formats/registry"
	"glossa/internal/durable"
	"glossa/internal/samefile"
	"glossa/internal/tempfiles"
)

// Source is what an export reads: a project, streamed one document at a
// time. *storage.Store is one.
type Source interface {
	Path() string // the project file, which an export must never replace
	ProjectID() string
	Labels() (annotation.LabelSet, error)
	Entities() ([]annotation.Entity, error)
	Documents() ([]annotation.Summary, error)
	EachBundle(fn func(annotation.Bundle) error) error
	// EachBundleSuggestions is EachBundle with each document's pending
	// suggestions, read in the same transaction (by start, then id).
	EachBundleSuggestions(fn func(b annotation.Bundle, pending []annotation.Annotation) error) error
}

// ExportOptions tune an export: the one options struct of every format's
// writer (dataset.ExportOptions), Progress included.
type ExportOptions = dataset.ExportOptions

// Formats lists the export formats, in menu order: the entries of the
// format table that have a writer (registry.Exported).
func Formats() []string { return registry.Exported() }

// MultiFile reports whether format writes several files (a folder or a zip).
func MultiFile(format string) bool {
	f, ok := registry.Lookup(format)
	return ok && f.MultiFile()
}

// Export writes the project to path in format, atomically: a failure or a
// crash leaves any previous file at path as it was. A multi-file format
// writes a zip when path ends in .zip and a folder otherwise: a new one,
// swapped in whole, or, for a format that updates its folder in place
// (registry.FolderInPlace), the files of the folder at path, each
// replaced atomically, the rest of the folder left as it was.
func Export(ctx context.Context, src Source, format, path string, opts ExportOptions) error {
	if samefile.Is(path, src.Path()) {
		return fmt.Errorf("%s is the project file itself; choose another name for the export", path)
	}
	f, _ := registry.Lookup(format)
	switch {
	case !f.MultiFile():
		return durable.WriteFile(path, 0o644, func(w io.Writer) error {
			return ExportTo(ctx, src, format, w, opts)
		})
	case strings.EqualFold(filepath.Ext(path), ".zip"):
		return durable.WriteFile(path, 0o644, func(w io.Writer) error {
			out, closer := dataset.ZipOutput(w)
			if err := export(ctx, src, format, out, opts); err != nil {
				return err
			}
			return closer.Close()
		})
	case f.Files == registry.FolderInPlace:
		return exportInPlace(ctx, src, f, path, opts)
	}
	return exportDir(ctx, src, format, path, opts)
}

// exportDir writes a folder beside path, then swaps it in. An existing
// path is replaced only when it is a folder of files an earlier export
// could have written: anything else there would be lost with it.
func exportDir(ctx context.Context, src Source, format, path string, opts ExportOptions) error {
	if err := replaceableDir(format, path); err != nil {
		return err
	}
	parent := filepath.Dir(path)
	tmp, err := os.MkdirTemp(parent, tempfiles.Prefix(filepath.Base(path))+"*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", parent, err)
	}
	defer os.RemoveAll(tmp)
	if err := export(ctx, src, format, dataset.DirOutput(tmp), opts); err != nil {
		return err
	}
	if err := syncTree(tmp); err != nil {
		return err
	}
	old := ""
	if _, err := os.Stat(path); err == nil {
		old = tmp + ".old"
		if err := durable.Rename(path, old); err != nil {
			return fmt.Errorf("cannot replace %s: %w", path, err)
		}
	}
	if err := durable.Rename(tmp, path); err != nil {
		if old != "" {
			durable.Rename(old, path)
		}
		return fmt.Errorf("cannot replace %s: %w", path, err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

// replaceableDir returns nil when path does not exist or is a folder that
// holds nothing but files a format export writes (and the files a desktop
// leaves in folders), and an error that says what to do otherwise.
func replaceableDir(format, path string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("cannot check %s: %w", path, err)
	case !fi.IsDir():
		return fmt.Errorf("%s is a file; export %s to a new folder name or to a .zip file", path, format)
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return fmt.Errorf("cannot read the folder %s: %w", path, err)
	}
	f, _ := registry.Lookup(format)
	for _, e := range entries {
		name := e.Name()
		if e.Type().IsRegular() && ((f.IsExportFile != nil && f.IsExportFile(name)) || isDesktopFile(name)) {
			continue
		}
		return fmt.Errorf("%s holds %s, which a %s export does not write; an export replaces the whole folder, so export to a new folder name or to a .zip file", path, name, format)
	}
	return nil
}

// isDesktopFile reports whether name is a file that file managers leave in
// the folders they show.
func isDesktopFile(name string) bool {
	switch name {
	case ".DS_Store", "Thumbs.db", "desktop.ini":
		return true
	}
	return false
}

func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.OpenFile(p, os.O_RDWR, 0)
		if err != nil {
			return err
		}
		defer f.Close()
		return f.Sync()
	})
}

// ExportTo writes a single-file format to w.
func ExportTo(ctx context.Context, src Source, format string, w io.Writer, opts ExportOptions) error {
	if MultiFile(format) {
		return fmt.Errorf("the %s format writes several files; export it to a folder or a .zip file", format)
	}
	return export(ctx, src, format, dataset.SingleOutput(w), opts)
}

func export(ctx context.Context, src Source, format string, out dataset.Output, opts ExportOptions) error {
	labels, err := src.Labels()
	if err != nil {
		return err
	}
	entities, err := src.Entities()
	if err != nil {
		return err
	}
	total := 0
	if opts.Progress != nil {
		docs, err := src.Documents()
		if err != nil {
			return err
		}
		total = len(docs)
	}
	f, ok := registry.Lookup(format)
	if !ok || f.NewWriter == nil {
		return fmt.Errorf("unknown export format %q; the formats are %s", format, strings.Join(Formats(), ", "))
	}
	enc, err := f.NewWriter(out, opts)
	if err != nil {
		return err
	}
	if err := enc.Begin(dataset.Header{Project: src.ProjectID(), Labels: labels, Entities: entities}); err != nil {
		return err
	}
	done := 0
	write := func(b annotation.Bundle) error {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("export cancelled: %w", err)
		}
		if err := enc.Bundle(b); err != nil {
			return err
		}
		done++
		if opts.Progress != nil {
			opts.Progress(done, total)
		}
		return nil
	}
	if opts.IncludeSuggestions {
		var merged []annotation.Annotation
		err = src.EachBundleSuggestions(func(b annotation.Bundle, pending []annotation.Annotation) error {
			n := len(merged)
			merged = mergeByStart(merged[:0], b.Annotations, pending)
			if len(merged) < n {
				clear(merged[len(merged):n]) // the last document's must not stay reachable
			}
			b.Annotations = merged
			return write(b)
		})
	} else {
		err = src.EachBundle(write)
	}
	if err != nil {
		return err
	}
	return enc.End()
}

// mergeByStart appends to dst the annotations of a and b, each sorted by
// start, then id, in that order: pending suggestions among a document's
// annotations, as a writer expects them. Their ids come from one sequence
// and never collide.
func mergeByStart(dst, a, b []annotation.Annotation) []annotation.Annotation {
	for len(a) > 0 && len(b) > 0 {
		if x, y := a[0], b[0]; x.Start() < y.Start() || x.Start() == y.Start() && x.ID < y.ID {
			dst, a = append(dst, x), a[1:]
		} else {
			dst, b = append(dst, y), b[1:]
		}
	}
	return append(append(dst, a...), b...)
}
