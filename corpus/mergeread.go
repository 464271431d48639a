package corpus

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"glossa/annotation"
	"glossa/formats/dataset"
	"glossa/formats/registry"
	"glossa/internal/samefile"
	"glossa/storage"
)

// ErrNotMergeable marks a file merge cannot read: an article, a codebook,
// or something that is no dataset or project at all.
var ErrNotMergeable = errors.New("Glossa cannot merge this file")

// other is an annotator's file to merge, read as a stream: its header (the
// codebook and the entity registry) once, then every article with its
// annotations. The bundles' annotations may be reused after onBundle
// returns (a project file's are).
type other struct {
	path string
	// name is the file's base name: the layer name of last resort and the
	// suffix of a renamed layer.
	name  string
	read  func(onHeader func(dataset.Header) error, onBundle func(annotation.Bundle) error) error
	close func() error
	// warnings: what the format's reader could not keep (interchange
	// formats), known once read returns.
	warnings []string
}

// openOther opens the annotator's file at path for merging into the
// project at project: a Glossa dataset (JSON, JSON Lines, or any format of
// kind registry.Dataset), another tool's file or folder the registry reads,
// or another Glossa project file, opened read-only. lookup finds the
// project's articles for formats that refer to them (W3C). The caller
// closes it.
func openOther(path, project string, lookup dataset.Lookup) (*other, error) {
	if samefile.Is(path, project) {
		return nil, fmt.Errorf("%s is the open project itself; merge another annotator's file into it", path)
	}
	f, ok, err := sniffPath(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, unwrapPathError(err))
	}
	o := &other{path: path, name: filepath.Base(filepath.Clean(path)), close: func() error { return nil }}
	switch {
	case ok && f.Decode != nil:
		o.read = func(onHeader func(dataset.Header) error, onBundle func(annotation.Bundle) error) error {
			return f.Decode(path, onHeader, onBundle)
		}
	case ok && f.Read != nil:
		o.read = func(onHeader func(dataset.Header) error, onBundle func(annotation.Bundle) error) error {
			ds, rep, err := f.Read(path, lookup)
			if err != nil {
				return err
			}
			o.warnings = readerWarnings(path, rep)
			if err := onHeader(dataset.Header{Labels: ds.Labels, Entities: ds.Entities}); err != nil {
				return err
			}
			for _, b := range ds.Bundles {
				if err := onBundle(b); err != nil {
					return err
				}
			}
			return nil
		}
	case ok && f.ReadArticle != nil:
		return nil, fmt.Errorf("%s is an article without annotations: %w; add it with Import", path, ErrNotMergeable)
	case ok:
		return nil, fmt.Errorf("%s: %w; %s files are exported by Glossa but not read", path, ErrNotMergeable, f.Name)
	default:
		if _, isCodebook := registry.SniffCodebook(path); isCodebook {
			return nil, fmt.Errorf("%s: %w: %w", path, ErrNotMergeable, ErrCodebookFile)
		}
		st, err := storage.Open(path, storage.Options{ReadOnly: true})
		if errors.Is(err, storage.ErrNotProject) {
			return nil, fmt.Errorf("%s: %w; it reads %s", path, ErrNotMergeable, mergeableKinds())
		}
		if err != nil {
			return nil, err
		}
		o.close = st.Close
		o.read = func(onHeader func(dataset.Header) error, onBundle func(annotation.Bundle) error) error {
			return streamProject(st, onHeader, onBundle)
		}
	}
	return o, nil
}

// mergeableKinds names what merge reads, for an error message.
func mergeableKinds() string {
	return "Glossa .json/.jsonl datasets and dataset folders, Glossa project files and " + strings.Join(registry.Imported(registry.Interchange), ", ") + " files"
}

// streamProject hands src to onHeader and onBundle as a dataset file
// would: the codebook and the entity registry, then every article with its
// annotations (pending suggestions left out).
func streamProject(src Source, onHeader func(dataset.Header) error, onBundle func(annotation.Bundle) error) error {
	labels, err := src.Labels()
	if err != nil {
		return err
	}
	entities, err := src.Entities()
	if err != nil {
		return err
	}
	if err := onHeader(dataset.Header{Project: src.ProjectID(), Labels: labels, Entities: entities}); err != nil {
		return err
	}
	return src.EachBundle(onBundle)
}
