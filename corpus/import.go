package corpus

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"glossa/annotation"
	"glossa/formats/dataset"
	"glossa/formats/registry"
	"glossa/storage"
	"glossa/suggest"
)

// Target is what an import writes to. *storage.Store is one.
type Target interface {
	Labels() (annotation.LabelSet, error)
	SetLabels(annotation.LabelSet) error
	Documents() ([]annotation.Summary, error)
	Document(id uint64) (annotation.Document, error)
	AddDocument(annotation.Document) (annotation.Document, error)
	ImportBundles([]annotation.Bundle, storage.ImportOptions) ([]storage.ImportResult, error)
	PutEntities([]annotation.Entity, bool) (map[uint64]uint64, error)
	Apply(docID uint64, put []annotation.Annotation, del []uint64) ([]annotation.Annotation, error)
	SetProjectID(id string) error
}

// FileResult reports one imported document, or one file that failed. It is
// delivered once the document is durable.
type FileResult struct {
	Path        string // the file, with #n for the n-th document of a dataset
	DocID       uint64
	Title       string
	Annotations int
	// Pending counts the suggestions stored for review, Rejected those
	// remembered as rejected (storage.ImportResult), DroppedLinks the links
	// to suggestions not stored as annotations that were left out.
	Pending, Rejected, DroppedLinks int
	DuplicateOf                     uint64 // set when the same text was already in the project
	Err                             error
	// File and Files say which of the files to import this result belongs
	// to (1-based) and how many there are, for progress bars.
	File, Files int
}

// Totals sums up an import.
type Totals struct {
	Documents, Annotations, Duplicates, Failed int
	// Pending and Rejected count the suggestions stored for review and
	// those remembered as rejected.
	Pending, Rejected int
	NewLabels         []string
	Warnings          []string
}

// batchSize is how many documents of a dataset share one transaction.
const batchSize = 128

// importOptions is how a dataset's bundles are stored: the pending
// suggestions a file brings are stamped as the window stamps those it
// computes (suggest.Stamp), so that it keeps them for review rather than
// computing them again.
func importOptions(keepIDs bool, entityMap map[uint64]uint64) storage.ImportOptions {
	return storage.ImportOptions{KeepIDs: keepIDs, EntityMap: entityMap, Suggester: suggest.Stamp}
}

// fileResult is the report of a document read from path and stored as r.
func fileResult(path string, r storage.ImportResult) FileResult {
	return FileResult{Path: path, DocID: r.Doc.ID, Title: r.Doc.Title, Annotations: r.Annotations,
		Pending: r.Pending, Rejected: r.Rejected, DroppedLinks: r.DroppedLinks, DuplicateOf: r.DuplicateOf}
}

// ImportPaths imports files and folders (walked recursively, hidden entries
// skipped) into st. Each file fails or succeeds alone: a failure is reported
// through report and the import goes on. report is called in order, once
// per document as soon as it is durable, and once per failed file.
// Cancelling ctx stops before the next file or batch.
func ImportPaths(ctx context.Context, st Target, paths []string, report func(FileResult)) (Totals, error) {
	var tot Totals
	file, files := 0, 0
	emit := func(r FileResult) {
		if r.File == 0 {
			r.File = file
		}
		r.Files = files
		switch {
		case r.Err != nil:
			tot.Failed++
		case r.DuplicateOf != 0:
			tot.Duplicates++
		default:
			tot.Documents++
			tot.Annotations += r.Annotations
			tot.Pending += r.Pending
			tot.Rejected += r.Rejected
			if r.DroppedLinks > 0 {
				tot.Warnings = append(tot.Warnings, fmt.Sprintf("%s: %d links to suggestions that are pending or rejected were left out: an annotation links only to annotations", r.Path, r.DroppedLinks))
			}
		}
		if report != nil {
			report(r)
		}
	}
	list, err := expand(paths, emit)
	if err != nil {
		return tot, err
	}
	files = len(list)
	arts := &articles{st: st, emit: emit}
	for i, f := range list {
		file = i + 1
		if err := ctx.Err(); err != nil {
			return tot, fmt.Errorf("import cancelled: %w", err)
		}
		if err := importOne(ctx, st, f, file, arts, emit, &tot); err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return tot, err
			}
			emit(FileResult{Path: f, Err: err})
		}
	}
	arts.flush()
	return tot, nil
}

// articles gathers the articles read from files and stores them batchSize
// at a time: one transaction and one fsync per batch, not per file. Each is
// reported once its batch is durable. A batch the store refuses is stored
// again file by file, so that a file still fails alone.
type articles struct {
	st   Target
	emit func(FileResult)
	pend []pendingArticle
}

type pendingArticle struct {
	path string
	file int
	doc  annotation.Document
}

func (a *articles) add(path string, file int, doc annotation.Document) {
	a.pend = append(a.pend, pendingArticle{path, file, doc})
	if len(a.pend) >= batchSize {
		a.flush()
	}
}

func (a *articles) flush() {
	if len(a.pend) == 0 {
		return
	}
	bs := make([]annotation.Bundle, len(a.pend))
	for i, p := range a.pend {
		bs[i] = annotation.Bundle{Document: p.doc}
	}
	res, err := a.st.ImportBundles(bs, storage.ImportOptions{})
	for i, p := range a.pend {
		r := FileResult{Path: p.path, File: p.file, Title: p.doc.Title}
		got := storage.ImportResult{}
		if err == nil {
			got = res[i]
		} else if one, err := a.st.ImportBundles(bs[i:i+1], storage.ImportOptions{}); err != nil {
			r.Err = err
		} else {
			got = one[0]
		}
		r.DocID, r.DuplicateOf = got.Doc.ID, got.DuplicateOf
		a.emit(r)
	}
	a.pend = a.pend[:0]
}

// expand turns paths into the files (and brat folders) to import.
func expand(paths []string, emit func(FileResult)) ([]string, error) {
	var out []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			emit(FileResult{Path: p, Err: fmt.Errorf("cannot read it: %w", unwrapPathError(err))})
			continue
		}
		if !info.IsDir() {
			out = append(out, p)
			continue
		}
		if _, ok := registry.SniffDir(p); ok {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				emit(FileResult{Path: q, Err: fmt.Errorf("cannot read it: %w", unwrapPathError(err))})
				return nil
			}
			if q != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if q != p {
					if _, ok := registry.SniffDir(q); ok {
						found = append(found, q)
						return fs.SkipDir
					}
				}
				return nil
			}
			if registry.Importable(q) {
				found = append(found, q)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// importOne imports one file or folder, in the format registry.Sniff (or
// SniffDir) names; articles go to arts, the rest is stored at once, after
// the articles read before it.
func importOne(ctx context.Context, st Target, path string, file int, arts *articles, emit func(FileResult), tot *Totals) error {
	f, ok, err := sniffPath(path)
	if err != nil {
		return err
	}
	if ok && f.ReadArticle != nil {
		doc, err := readArticle(path, f)
		if err != nil {
			return err
		}
		arts.add(path, file, doc)
		return nil
	}
	arts.flush()
	if !ok {
		if c, isCodebook := registry.SniffCodebook(path); isCodebook {
			return fmt.Errorf("%w (%s codebook format)", ErrCodebookFile, c.Name)
		}
	}
	switch {
	case !ok:
		return fmt.Errorf("Glossa cannot import this kind of file; it reads .txt, .md, .html, Glossa .json/.jsonl and %s files", strings.Join(registry.Imported(registry.Interchange), ", "))
	case f.Decode != nil:
		return importDataset(ctx, st, path, f, emit)
	case f.Read != nil:
		return importInterchange(ctx, st, path, f, emit, tot)
	}
	return dataset.Errorf(path, 0, "%s files are exported by Glossa but not imported", f.Name)
}

// sniffPath names the format of the file or folder at path
// (registry.Sniff, SniffDir).
func sniffPath(path string) (registry.Format, bool, error) {
	info, err := os.Stat(path)
	if err != nil {
		return registry.Format{}, false, err
	}
	if info.IsDir() {
		f, ok := registry.SniffDir(path)
		return f, ok, nil
	}
	head, err := registry.ReadHead(path)
	if err != nil {
		return registry.Format{}, false, err
	}
	f, ok := registry.Sniff(path, head)
	return f, ok, nil
}

func readArticle(path string, f registry.Format) (annotation.Document, error) {
	file, err := os.Open(path)
	if err != nil {
		return annotation.Document{}, err
	}
	defer file.Close()
	return f.ReadArticle(path, bufio.NewReader(file))
}
