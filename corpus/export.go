package corpus

import (
	"context"
	"errors"
	"fmt"
	"glossa/agreement"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"glossa/annotation"
	"glossa/formats/card"
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
	// EachAnnotated is EachBundle without the texts (Document.Text
	// empty): for formats that read none (registry.Format.NoText).
	EachAnnotated(fn func(annotation.Bundle) error) error
	// EachBundleSuggestions is EachBundle with each document's pending
	// suggestions, read in the same transaction (by start, then id).
	EachBundleSuggestions(fn func(b annotation.Bundle, pending []annotation.Annotation) error) error
	// Layers lists the project's layers with their counts.
	Layers() ([]annotation.LayerInfo, error)
}

// ExportOptions tune an export: the one options struct of every format's
// writer (dataset.ExportOptions), Progress included.
type ExportOptions = dataset.ExportOptions

// GraphOptions filter the who-said-what graph of an export (graphml, dot).
type GraphOptions = dataset.GraphOptions

// AllLayers, as ExportOptions.Layer, exports every layer
// (dataset.AllLayers).
const AllLayers = dataset.AllLayers

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
	if err := checkCard(format, opts); err != nil {
		return err
	}
	f, _ := registry.Lookup(format)
	switch {
	case !f.MultiFile() && opts.WithCard:
		cardPath := CardPath(path)
		if samefile.Is(cardPath, src.Path()) {
			return fmt.Errorf("%s is the project file itself; choose another name for the export", cardPath)
		}
		// The card is made durable after the export it describes.
		return durable.WriteFile(cardPath, 0o644, func(cw io.Writer) error {
			return durable.WriteFile(path, 0o644, func(w io.Writer) error {
				return export(ctx, src, format, dataset.SingleOutput(w), dataset.SingleOutput(cw), opts)
			})
		})
	case !f.MultiFile():
		return durable.WriteFile(path, 0o644, func(w io.Writer) error {
			return ExportTo(ctx, src, format, w, opts)
		})
	case strings.EqualFold(filepath.Ext(path), ".zip"):
		return durable.WriteFile(path, 0o644, func(w io.Writer) error {
			out, closer := dataset.ZipOutput(w)
			if err := export(ctx, src, format, out, cardIn(out, opts), opts); err != nil {
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
	if err := replaceableDir(format, path, opts.WithCard); err != nil {
		return err
	}
	parent := filepath.Dir(path)
	tmp, err := os.MkdirTemp(parent, tempfiles.Prefix(filepath.Base(path))+"*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", parent, err)
	}
	defer os.RemoveAll(tmp)
	out := dataset.DirOutput(tmp)
	if err := export(ctx, src, format, out, cardIn(out, opts), opts); err != nil {
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
func replaceableDir(format, path string, withCard bool) error {
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
		if e.Type().IsRegular() && ((f.IsExportFile != nil && f.IsExportFile(name)) || isDesktopFile(name) || withCard && name == card.FileName) {
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
	if opts.WithCard {
		return fmt.Errorf("the dataset card goes beside the export file, and standard output has no place beside it; give -o FILE")
	}
	return export(ctx, src, format, dataset.SingleOutput(w), nil, opts)
}

// CardPath is where Export writes the dataset card of a single-file
// export to path when asked (ExportOptions.WithCard): path with
// ".card.md" added, so that data.json and data.jsonl keep cards of their
// own.
func CardPath(path string) string { return path + ".card.md" }

// cardIn is the Output of the card of a multi-file export to out: out
// itself when opts asks for a card (the card is card.FileName there),
// nil otherwise.
func cardIn(out dataset.Output, opts ExportOptions) dataset.Output {
	if !opts.WithCard {
		return nil
	}
	return out
}

// checkCard refuses a card beside the card.
func checkCard(format string, opts ExportOptions) error {
	if opts.WithCard && format == cardFormat {
		return fmt.Errorf("the card format is the dataset card itself; export it without --with-card")
	}
	return nil
}

// cardFormat is the registry's name of the dataset card.
const cardFormat = "card"

// withCard is a writer that feeds a second writer, the dataset card, the
// same stream; the card is written after the export it describes.
type withCard struct {
	dataset.Writer
	card dataset.Writer
}

func (w withCard) Begin(h dataset.Header) error {
	if err := w.Writer.Begin(h); err != nil {
		return err
	}
	return w.card.Begin(h)
}

func (w withCard) Bundle(b annotation.Bundle) error {
	if err := w.Writer.Bundle(b); err != nil {
		return err
	}
	return w.card.Bundle(b)
}

func (w withCard) End() error {
	if err := w.Writer.End(); err != nil {
		return err
	}
	return w.card.End()
}

// Warnings are the export's.
func (w withCard) Warnings() []string { return dataset.Warnings(w.Writer) }

// export streams the project in format to out, and, when cardOut is not
// nil, the dataset card of the same stream to cardOut.
func export(ctx context.Context, src Source, format string, out, cardOut dataset.Output, opts ExportOptions) error {
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
	all, err := src.Layers()
	if err != nil {
		return err
	}
	layer, layers, err := exportLayer(opts.Layer, all)
	if err != nil {
		return err
	}
	h := dataset.Header{Project: src.ProjectID(), Labels: labels, Entities: entities, Layers: layers}
	if layer == annotation.CuratedLayer {
		// The curated layer is the dataset: the annotators' agreement
		// over their layers goes with it (one more pass over the store).
		arts, err := agreement.Articles(src.EachBundle, annotation.LayerOf, annotation.CuratedLayer)
		if err != nil {
			return err
		}
		if r := agreement.Compute(arts, labels); len(r.Annotators) >= 2 {
			h.Agreement = &r.Overall
		}
	}
	enc, err := f.NewWriter(out, opts)
	if err != nil {
		return err
	}
	if cardOut != nil {
		c, _ := registry.Lookup(cardFormat)
		cw, err := c.NewWriter(cardOut, opts)
		if err != nil {
			return err
		}
		enc = withCard{Writer: enc, card: cw}
	}
	if err := enc.Begin(h); err != nil {
		return err
	}
	done := 0
	var kept []annotation.Annotation // the layer's annotations of a document, reused
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
	// only keeps the layer's annotations of b (all of them for AllLayers).
	only := func(b annotation.Bundle) annotation.Bundle {
		if layer == dataset.AllLayers {
			return b
		}
		n := len(kept)
		kept = kept[:0]
		for _, a := range b.Annotations {
			if annotation.LayerOf(a) == layer {
				kept = append(kept, a)
			}
		}
		if len(kept) < n {
			clear(kept[len(kept):n]) // the last document's must not stay reachable
		}
		b.Annotations = kept
		return b
	}
	if opts.IncludeSuggestions {
		var merged []annotation.Annotation
		err = src.EachBundleSuggestions(func(b annotation.Bundle, pending []annotation.Annotation) error {
			b = only(b)
			unlinkOthers(pending, b.Annotations)
			n := len(merged)
			merged = mergeByStart(merged[:0], b.Annotations, pending)
			if len(merged) < n {
				clear(merged[len(merged):n]) // the last document's must not stay reachable
			}
			b.Annotations = merged
			return write(b)
		})
	} else {
		each := src.EachBundle
		if f.NoText && cardOut == nil { // the card reads the texts: their SHA-256
			each = src.EachAnnotated
		}
		err = each(func(b annotation.Bundle) error { return write(only(b)) })
	}
	if err != nil {
		return err
	}
	return enc.End()
}

// ChooseLayer is the layer an export, or glossa stats, reads for want
// (as ExportOptions.Layer): AllLayers for every layer; "" the curated
// layer when it holds annotations, and else all. A layer the project lacks
// is refused with a sentence that lists those it has.
func ChooseLayer(want string, layers []annotation.LayerInfo) (string, error) {
	layer, _, err := exportLayer(want, layers)
	return layer, err
}

// exportLayer resolves want, an ExportOptions.Layer, against the
// project's layers: the layer to export (dataset.AllLayers for all), and
// the layers with annotations the export holds, for its header. "" is the
// curated layer when it holds annotations, and else all. A layer the
// project lacks is refused with a sentence that lists those it has.
func exportLayer(want string, layers []annotation.LayerInfo) (string, []annotation.LayerInfo, error) {
	if want == "" {
		want = dataset.AllLayers
		if slices.ContainsFunc(layers, func(l annotation.LayerInfo) bool { return l.Curated && l.Annotations > 0 }) {
			want = annotation.CuratedLayer
		}
	}
	var out []annotation.LayerInfo
	var names []string
	for _, l := range layers {
		if l.Annotations > 0 && (want == dataset.AllLayers || l.Name == want) {
			out = append(out, l)
		}
		name := annotation.LayerName(l.Name)
		if name == l.Name {
			name = strconv.Quote(name)
		}
		names = append(names, name)
	}
	if want != dataset.AllLayers && !slices.ContainsFunc(layers, func(l annotation.LayerInfo) bool { return l.Name == want }) {
		if len(names) == 0 {
			return "", nil, fmt.Errorf("the project has no %s: it holds no annotations yet", strings.TrimPrefix(annotation.LayerPhrase(want), "the "))
		}
		return "", nil, fmt.Errorf("the project has no %s; its layers are %s", strings.TrimPrefix(annotation.LayerPhrase(want), "the "), strings.Join(names, ", "))
	}
	return want, out, nil
}

// unlinkOthers drops the links of the pending suggestions to annotations
// that are neither among anns (the layer exported) nor pending: a
// suggestion belongs to no layer, and may cite an annotation of a layer
// left out.
func unlinkOthers(pending, anns []annotation.Annotation) {
	ids := make(map[uint64]bool, len(anns)+len(pending))
	for _, a := range anns {
		ids[a.ID] = true
	}
	for _, p := range pending {
		ids[p.ID] = true
	}
	for i := range pending {
		if slices.ContainsFunc(pending[i].Links, func(l annotation.Link) bool { return !ids[l.Target] }) {
			pending[i].Links = slices.DeleteFunc(slices.Clone(pending[i].Links), func(l annotation.Link) bool { return !ids[l.Target] })
		}
	}
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
