package corpus

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"

	"glossa/annotation"
	"glossa/formats/dataset"
	"glossa/formats/registry"
)

// importInterchange imports another tool's file (or brat folder), read with
// f.Read, into st:
// labels the project lacks are added, entities merged by name and type,
// documents the file carries added as new ones, and annotations on
// documents the project has (W3C) added to them.
func importInterchange(ctx context.Context, st Target, path string, f registry.Format, emit func(FileResult), tot *Totals) error {
	ds, rep, err := f.Read(path, projectLookup(st))
	if err != nil {
		return err
	}
	have, err := st.Labels()
	if err != nil {
		return err
	}
	merged := dataset.MergeLabels(have, ds, &rep)
	if !reflect.DeepEqual(merged, have) {
		if err := st.SetLabels(merged); err != nil {
			return err
		}
	}
	if len(rep.NewLabels) > 0 {
		tot.NewLabels = append(tot.NewLabels, rep.NewLabels...)
		tot.Warnings = append(tot.Warnings, fmt.Sprintf("%s: added labels %v to the project", path, rep.NewLabels))
	}
	entityMap, err := st.PutEntities(ds.Entities, false)
	if err != nil {
		return err
	}
	tot.Warnings = append(tot.Warnings, readerWarnings(path, rep)...)
	var fresh []annotation.Bundle
	for i, b := range ds.Bundles {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("import cancelled: %w", err)
		}
		if b.Document.ID == 0 {
			fresh = append(fresh, b)
			continue
		}
		n, err := addToDocument(st, b, entityMap)
		if err != nil {
			return fmt.Errorf("document %d: %w", b.Document.ID, err)
		}
		emit(FileResult{Path: fmt.Sprintf("%s#%d", path, i+1), DocID: b.Document.ID, Title: b.Document.Title, Annotations: n})
	}
	for len(fresh) > 0 {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("import cancelled: %w", err)
		}
		batch := fresh[:min(batchSize, len(fresh))]
		fresh = fresh[len(batch):]
		res, err := st.ImportBundles(batch, importOptions(false, entityMap))
		if err != nil {
			return err
		}
		for i, r := range res {
			emit(fileResult(fmt.Sprintf("%s#%s", path, batch[i].Document.Origin), r))
		}
	}
	return nil
}

// readerWarnings lists what a format's reader could not keep of the file
// at path: its warnings, then a line per reason things were dropped.
func readerWarnings(path string, rep dataset.Report) []string {
	out := slices.Clone(rep.Warnings)
	for _, r := range slices.Sorted(maps.Keys(rep.Dropped)) {
		out = append(out, fmt.Sprintf("%s: %d not imported: %s", path, rep.Dropped[r], r))
	}
	return out
}

// addToDocument adds b's annotations to the project's document b.Document.ID,
// giving them new ids and remapping their links, in two atomic steps: the
// annotations without links, then their links.
func addToDocument(st Target, b annotation.Bundle, entityMap map[uint64]uint64) (int, error) {
	if len(b.Annotations) == 0 {
		return 0, nil
	}
	put := make([]annotation.Annotation, len(b.Annotations))
	for i, a := range b.Annotations {
		a.ID, a.DocID, a.Links = 0, b.Document.ID, nil
		if id, ok := entityMap[a.Entity]; ok {
			a.Entity = id
		}
		put[i] = a
	}
	stored, err := st.Apply(b.Document.ID, put, nil)
	if err != nil {
		return 0, err
	}
	ids := make(map[uint64]uint64, len(stored))
	for i, a := range b.Annotations {
		ids[a.ID] = stored[i].ID
	}
	var linked []annotation.Annotation
	for i, a := range b.Annotations {
		if len(a.Links) == 0 {
			continue
		}
		s := stored[i]
		for _, l := range a.Links {
			if t, ok := ids[l.Target]; ok {
				s.Links = append(s.Links, annotation.Link{Type: l.Type, Target: t})
			}
		}
		linked = append(linked, s)
	}
	if len(linked) > 0 {
		if _, err := st.Apply(b.Document.ID, linked, nil); err != nil {
			return 0, err
		}
	}
	return len(stored), nil
}

// projectLookup finds a project document by SHA-256 or URL for formats that
// refer to documents instead of carrying their text. It reads the project's
// documents once, on first use.
func projectLookup(st Target) dataset.Lookup {
	var bySHA, byURL map[string]uint64
	return func(sha, url string) (annotation.Document, bool) {
		if bySHA == nil {
			bySHA, byURL = map[string]uint64{}, map[string]uint64{}
			sums, err := st.Documents()
			if err != nil {
				return annotation.Document{}, false
			}
			for _, s := range sums {
				d, err := st.Document(s.ID)
				if err != nil {
					continue
				}
				bySHA[d.SHA256] = d.ID
				if d.URL != "" {
					byURL[d.URL] = d.ID
				}
			}
		}
		id, ok := bySHA[sha]
		if !ok && url != "" {
			id, ok = byURL[url]
		}
		if !ok {
			return annotation.Document{}, false
		}
		d, err := st.Document(id)
		return d, err == nil
	}
}
