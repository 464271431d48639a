package glossajson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"glossa/annotation"
	"glossa/formats"
	"glossa/formats/dataset"
)

// DecodeFolder reads the dataset folder fsys (see FolderFormat) document by
// document, as DecodeDataset reads a dataset: onHeader once, with the
// codebook and the entity registry, then onBundle for each article file,
// by name; when articles is not nil, only for those (slash-separated
// names relative to fsys, "articles/x.jsonl"). Entities get the ids 1, 2,
// ... in the order of entities.jsonl, and the annotations' entity ids
// follow them; an annotation has the id of its line, local to its file as
// its links are; documents have id 0. Every document is checked as
// DecodeDataset checks one. Errors name the file (and the line, for a line
// that is not JSON) and wrap ErrFormat, or the annotation error that says
// what is wrong.
func DecodeFolder(fsys fs.FS, articles []string, onHeader func(dataset.Header) error, onBundle func(annotation.Bundle) error) error {
	_, err := decodeFolder(fsys, articles, onHeader, onBundle)
	return err
}

// ReadFolder reads the whole dataset folder fsys (name for messages) into
// memory: what a merge of another annotator's folder takes. The codebook's
// cleaned shortcut keys and verbs are the report's warnings.
func ReadFolder(fsys fs.FS, name string) (dataset.Dataset, dataset.Report, error) {
	var ds dataset.Dataset
	rep := dataset.Report{Format: "folder"}
	warnings, err := decodeFolder(fsys, nil, func(h dataset.Header) error {
		ds.Labels, ds.Entities = h.Labels, h.Entities
		return nil
	}, func(b annotation.Bundle) error {
		ds.Bundles = append(ds.Bundles, b)
		return nil
	})
	if err != nil {
		return dataset.Dataset{}, rep, fmt.Errorf("%s: %w", name, err)
	}
	for _, w := range warnings {
		rep.Warn(name, 0, "%s", w)
	}
	rep.Count(ds)
	return ds, rep, nil
}

func decodeFolder(fsys fs.FS, articles []string, onHeader func(dataset.Header) error, onBundle func(annotation.Bundle) error) ([]string, error) {
	if err := readManifest(fsys); err != nil {
		return nil, err
	}
	f, err := fsys.Open(FolderCodebook)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s is missing: a dataset folder holds its codebook there: %w", FolderCodebook, ErrFormat)
	}
	if err != nil {
		return nil, err
	}
	labels, warnings, err := ReadCodebook(f, FolderCodebook)
	f.Close()
	if err != nil {
		return nil, err
	}
	entities, ids, err := readFolderEntities(fsys)
	if err != nil {
		return nil, err
	}
	if onHeader != nil {
		if err := onHeader(dataset.Header{Labels: labels, Entities: entities}); err != nil {
			return warnings, err
		}
	}
	if articles == nil {
		if articles, err = articleFiles(fsys); err != nil {
			return warnings, err
		}
	}
	for _, name := range articles {
		b, err := readArticle(fsys, name, ids)
		if err != nil {
			return warnings, err
		}
		if onBundle != nil {
			if err := onBundle(b); err != nil {
				return warnings, err
			}
		}
	}
	return warnings, nil
}

// maxManifest is the largest manifest read: it is a few lines.
const maxManifest = 1 << 20

// readLimited reads the file name of fsys, refusing one over limit bytes.
func readLimited(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: %w", name, tooLarge("the file", limit))
	}
	return data, nil
}

// readManifest checks the folder's manifest: its format, version and
// offset units.
func readManifest(fsys fs.FS) error {
	data, err := readLimited(fsys, FolderManifest, maxManifest)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s is missing, so this is not a Glossa dataset folder: %w", FolderManifest, ErrFormat)
	}
	if err != nil {
		return err
	}
	var m struct {
		Format       *string         `json:"format"`
		Version      json.RawMessage `json:"version"`
		Offsets      *string         `json:"offsets"`
		ExtraOffsets []string        `json:"extra_offsets"`
	}
	if err := checkDepth(data, 0); err != nil {
		return fmt.Errorf("%s: %w", FolderManifest, err)
	}
	if err := json.Unmarshal(bytes.TrimPrefix(data, []byte("\uFEFF")), &m); err != nil {
		return fmt.Errorf("%s: %v: %w", FolderManifest, err, ErrFormat)
	}
	switch {
	case m.Format == nil || *m.Format != FolderFormat:
		return fmt.Errorf("%s: the format is not %q: %w", FolderManifest, FolderFormat, ErrFormat)
	case string(bytes.TrimSpace(m.Version)) != fmt.Sprint(FolderVersion):
		return fmt.Errorf("%s: the folder is version %s; this Glossa reads version %d, a newer Glossa may read it: %w", FolderManifest, bytes.TrimSpace(m.Version), FolderVersion, ErrFormat)
	case m.Offsets == nil || *m.Offsets != UnitCodepoint:
		return fmt.Errorf("%s: offsets must be %q: %w", FolderManifest, UnitCodepoint, ErrFormat)
	}
	for _, u := range m.ExtraOffsets {
		if u != UnitUTF16 && u != UnitByte {
			return fmt.Errorf("%s: unknown extra offset unit %q: %w", FolderManifest, u, ErrFormat)
		}
	}
	return nil
}

// readFolderEntities reads entities.jsonl (none when it is missing) and
// numbers its entities 1, 2, ...; ids maps the folder's ids to those.
func readFolderEntities(fsys fs.FS) (es []annotation.Entity, ids map[uint64]uint64, err error) {
	data, err := readLimited(fsys, FolderEntities, MaxHeaderBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	ids = map[uint64]uint64{}
	for n, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if bytes.HasPrefix(line, mergeConflict) {
			return nil, nil, conflictError(FolderEntities)
		}
		var e annotation.Entity
		if err := checkDepth(line, 0); err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %w", FolderEntities, n+1, err)
		}
		if err := json.Unmarshal(line, &e); err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %v: %w", FolderEntities, n+1, err, ErrFormat)
		}
		if _, dup := ids[e.ID]; dup || e.ID == 0 {
			return nil, nil, fmt.Errorf("%s:%d: entity id %d is 0 or used twice: %w", FolderEntities, n+1, e.ID, ErrFormat)
		}
		ids[e.ID] = uint64(len(es) + 1)
		e.ID = uint64(len(es) + 1)
		es = append(es, e)
	}
	return es, ids, nil
}

// articleFiles lists the article files of the folder, by name: the .jsonl
// files of its articles folder, hidden ones left out.
func articleFiles(fsys fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(fsys, FolderArticles)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if n := e.Name(); !e.IsDir() && !strings.HasPrefix(n, ".") && strings.HasSuffix(n, ".jsonl") {
			names = append(names, path.Join(FolderArticles, n))
		}
	}
	return names, nil
}

// readArticle reads the article file name; ids maps the folder's entity
// ids to the ones onHeader was given.
func readArticle(fsys fs.FS, name string, ids map[uint64]uint64) (annotation.Bundle, error) {
	data, err := readLimited(fsys, name, MaxDocumentBytes)
	if err != nil {
		if errors.Is(err, formats.ErrTooLarge) {
			return annotation.Bundle{}, err
		}
		return annotation.Bundle{}, fmt.Errorf("cannot read %s: %w", name, err)
	}
	dj, err := parseArticle(data, name)
	if err != nil {
		return annotation.Bundle{}, err
	}
	b, err := bundleOf(&dj)
	if err != nil {
		return annotation.Bundle{}, fmt.Errorf("%s: %w", name, err)
	}
	seen := make(map[uint64]bool, len(b.Annotations))
	for i := range b.Annotations {
		a := &b.Annotations[i]
		if a.ID != 0 && seen[a.ID] {
			return annotation.Bundle{}, fmt.Errorf("%s: annotation id %d is used twice (two annotators added annotations to this article?): give one of them an id the file does not use, and its links too: %w", name, a.ID, ErrFormat)
		}
		seen[a.ID] = true
		if a.Entity == 0 {
			continue
		}
		id, ok := ids[a.Entity]
		if !ok {
			return annotation.Bundle{}, fmt.Errorf("%s: annotation %d: entity %d is not in %s: %w", name, a.ID, a.Entity, FolderEntities, ErrFormat)
		}
		a.Entity = id
	}
	return b, nil
}

// articleHead is the first line of an article file: the document, after
// the format and version.
type articleHead struct {
	Format  *string         `json:"format"`
	Version json.RawMessage `json:"version"`
	docJSON
}

// parseArticle decodes an article file (name for messages): its document
// with its annotations, unchecked (bundleOf checks them).
func parseArticle(data []byte, name string) (docJSON, error) {
	var dj docJSON
	head := false
	for n, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if bytes.HasPrefix(line, mergeConflict) {
			return dj, conflictError(name)
		}
		if err := checkDepth(line, 0); err != nil {
			return dj, fmt.Errorf("%s:%d: %w", name, n+1, err)
		}
		if !head {
			var h articleHead
			if err := json.Unmarshal(bytes.TrimPrefix(line, []byte("\uFEFF")), &h); err != nil {
				return dj, fmt.Errorf("%s:%d: %v: %w", name, n+1, err, ErrFormat)
			}
			if h.Format == nil || *h.Format != ArticleFormat || string(h.Version) != fmt.Sprint(FolderVersion) {
				return dj, fmt.Errorf("%s:%d: the first line is not an article's (format %q, version %d): %w", name, n+1, ArticleFormat, FolderVersion, ErrFormat)
			}
			dj, head = h.docJSON, true
			dj.ID, dj.Annotations = 0, nil
			continue
		}
		var aj annJSON
		if err := json.Unmarshal(line, &aj); err != nil {
			return dj, fmt.Errorf("%s:%d: %v: %w", name, n+1, err, ErrFormat)
		}
		dj.Annotations = append(dj.Annotations, aj)
	}
	if !head {
		return dj, fmt.Errorf("%s is empty: %w", name, ErrFormat)
	}
	return dj, nil
}
