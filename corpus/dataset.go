package corpus

import (
	"context"
	"fmt"
	"reflect"

	"glossa/annotation"
	"glossa/formats/dataset"
	"glossa/formats/registry"
)

// importDataset streams a Glossa JSON or JSON Lines file or a dataset
// folder (a format of kind registry.Dataset, read with f.Decode) into st in batches
// of batchSize documents, one transaction each. Into a project without
// documents it restores everything as it was: ids, the label set and the
// entity registry, so that exporting again gives the same bytes. Into a
// project with documents it merges: new ids, missing labels added, entities
// matched by name and type.
func importDataset(ctx context.Context, st Target, path string, f registry.Format, emit func(FileResult)) error {
	docs, err := st.Documents()
	if err != nil {
		return err
	}
	keep := len(docs) == 0
	opt := importOptions(keep, nil)
	var batch []annotation.Bundle
	n := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("import cancelled: %w", err)
		}
		if err := admitValues(st, batch); err != nil {
			return err
		}
		res, err := st.ImportBundles(batch, opt)
		if err != nil {
			return err
		}
		for i, r := range res {
			emit(fileResult(fmt.Sprintf("%s#%d", path, n-len(batch)+i+1), r))
		}
		batch = batch[:0]
		return nil
	}
	onHeader := func(h dataset.Header) error {
		if keep && h.Project != "" {
			if err := st.SetProjectID(h.Project); err != nil {
				return err
			}
		}
		if err := mergeLabels(st, h.Labels, keep); err != nil {
			return err
		}
		m, err := st.PutEntities(h.Entities, keep)
		if err != nil {
			return err
		}
		opt.EntityMap = m
		return nil
	}
	onBundle := func(b annotation.Bundle) error {
		n++
		batch = append(batch, b)
		if len(batch) >= batchSize {
			return flush()
		}
		return nil
	}
	if err := f.Decode(path, onHeader, onBundle); err != nil {
		if ferr := flush(); ferr != nil {
			return ferr
		}
		return err
	}
	return flush()
}

// mergeLabels makes the project's label set hold every label of ls: all of
// ls as it is when replace is set (a new project), else the missing labels
// appended, keeping their key only where it is free, and the labels both
// have offering what ls's define too (annotation.LabelSet's Merge).
func mergeLabels(st Target, ls annotation.LabelSet, replace bool) error {
	if replace && len(ls.Labels) > 0 {
		return st.SetLabels(ls.WithValidKeys())
	}
	have, err := st.Labels()
	if err != nil {
		return err
	}
	merged, _ := have.Merge(ls)
	if reflect.DeepEqual(merged, have) {
		return nil
	}
	return st.SetLabels(merged)
}

// admitValues makes the project's labels offer every attribute value the
// annotations of batch hold (annotation.LabelSet's AdmitValues), and its
// codebook every relation type their links use (AdmitRelations), before
// they are stored: a dataset may use values its header's labels do not
// list, a form shows only values its label offers, and the store refuses a
// link whose type the codebook lacks.
func admitValues(st Target, batch []annotation.Bundle) error {
	have, err := st.Labels()
	if err != nil {
		return err
	}
	ls := have.Clone()
	changed := false
	for _, b := range batch {
		changed = ls.AdmitValues(b.Annotations) || changed
		changed = ls.AdmitRelations(b.Annotations) || changed
	}
	if !changed {
		return nil
	}
	return st.SetLabels(ls)
}
