package storage

import (
	"fmt"
	"slices"
	"time"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

// ImportOptions says how ImportBundles stores bundles.
type ImportOptions struct {
	// KeepIDs keeps the bundles' document and annotation ids where they are
	// free (to restore an exported dataset into a new file as it was).
	// Otherwise, and where an id is taken, new ids are assigned and the
	// links inside each document follow.
	KeepIDs bool
	// EntityMap maps the bundles' entity ids to this store's (as
	// PutEntities returns). Ids it lacks are used as they are.
	EntityMap map[uint64]uint64
}

// ImportResult is what became of one bundle.
type ImportResult struct {
	Doc         annotation.Document // as stored, without its text
	Annotations int                 // annotations stored
	DuplicateOf uint64              // nonzero when skipped: the document with the same text
}

// ImportBundles stores bundles in one Update transaction (one fsync for the
// whole batch). Documents keep their Created, Modified and Status (zero or
// empty ones become now and new); a given SHA256 must match the text. A text
// already in the project, or earlier in the batch, is skipped and reported
// in its result. Any other problem (bad text, an annotation failing
// validation, a link leaving its document) fails the whole batch, and
// nothing is stored. Results are in the order of bs.
func (s *Store) ImportBundles(bs []annotation.Bundle, opt ImportOptions) ([]ImportResult, error) {
	results := make([]ImportResult, len(bs))
	err := s.update(func(tx *bbolt.Tx) error {
		labels, err := loadLabels(tx)
		if err != nil {
			return err
		}
		now := s.now()
		var pending map[uint64]bool
		if opt.KeepIDs {
			pending = pendingIDs(tx)
		}
		for i, b := range bs {
			r, err := importBundle(tx, now, labels, b, opt, pending)
			if err != nil {
				return fmt.Errorf("document %d of the batch (%q): %w", i+1, b.Document.Title, err)
			}
			results[i] = r
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

// importBundle stores b (see ImportBundles). With opt.KeepIDs an
// annotation keeps its id unless an annotation or one of pending (the ids
// of pending suggestions, which have no index entry) has it.
func importBundle(tx *bbolt.Tx, now time.Time, labels annotation.LabelSet, b annotation.Bundle, opt ImportOptions, pending map[uint64]bool) (ImportResult, error) {
	d := b.Document
	if err := checkText(d.Text); err != nil {
		return ImportResult{}, err
	}
	sum := annotation.TextSHA256(d.Text)
	if d.SHA256 != "" && d.SHA256 != sum {
		return ImportResult{}, fmt.Errorf("document %d: %w", d.ID, annotation.ErrChecksum)
	}
	d.SHA256 = sum
	if dup := duplicateOf(tx, sum); dup != 0 {
		d.Text = ""
		return ImportResult{Doc: d, DuplicateOf: dup}, nil
	}
	if d.Status == "" {
		d.Status = annotation.StatusNew
	}
	if !d.Status.Valid() {
		return ImportResult{}, fmt.Errorf("status %q: %w", d.Status, ErrInvalidDocument)
	}
	if d.Created.IsZero() {
		d.Created = now
	}
	if d.Modified.IsZero() {
		d.Modified = now
	}
	d.Authors = slices.Clone(d.Authors)
	docs := tx.Bucket(bucketDocuments)
	if opt.KeepIDs && d.ID != 0 && docs.Get(idKey(d.ID)) == nil {
		if err := bumpSequence(docs, d.ID); err != nil {
			return ImportResult{}, err
		}
	} else {
		id, err := docs.NextSequence()
		if err != nil {
			return ImportResult{}, err
		}
		d.ID = id
	}

	// Ids: first keep the free ones, then number the rest, so that a new
	// id never takes one a later annotation keeps.
	idx := tx.Bucket(bucketAnnIndex)
	remap := make(map[uint64]uint64, len(b.Annotations))
	newIDs := make([]uint64, len(b.Annotations))
	used := map[uint64]bool{}
	if opt.KeepIDs {
		for i, a := range b.Annotations {
			if a.ID != 0 && !used[a.ID] && !pending[a.ID] && idx.Get(idKey(a.ID)) == nil {
				newIDs[i] = a.ID
				used[a.ID] = true
				if err := bumpSequence(idx, a.ID); err != nil {
					return ImportResult{}, err
				}
			}
		}
	}
	for i := range b.Annotations {
		if newIDs[i] != 0 {
			continue
		}
		id, err := idx.NextSequence()
		if err != nil {
			return ImportResult{}, err
		}
		newIDs[i] = id
	}
	for i, a := range b.Annotations {
		if _, dup := remap[a.ID]; a.ID != 0 && !dup {
			remap[a.ID] = newIDs[i]
		}
	}
	exists := func(id uint64) bool { return used[id] }
	for _, id := range newIDs {
		used[id] = true
	}

	o := annotation.NewOffsets(d.Text)
	anns := tx.Bucket(bucketAnnotations)
	in, err := settledLayers(b.Annotations)
	if err != nil {
		return ImportResult{}, err
	}
	for i, a := range in {
		old := a.ID
		a.ID, a.DocID = newIDs[i], d.ID
		for j, l := range a.Links {
			target, ok := remap[l.Target]
			if !ok {
				return ImportResult{}, fmt.Errorf("annotation %d: %s link to %d, which is not in this document: %w", old, l.Type, l.Target, annotation.ErrDanglingLink)
			}
			a.Links[j].Target = target
		}
		if a.Entity != 0 {
			if id, ok := opt.EntityMap[a.Entity]; ok {
				a.Entity = id
			}
		}
		if a.Created.IsZero() {
			a.Created = now
		}
		if a.Modified.IsZero() {
			a.Modified = now
		}
		prepareSpans(&a, o)
		if err := checkAnnotation(tx, a, o, labels, exists); err != nil {
			return ImportResult{}, err
		}
		if err := putAnnotation(anns, idx, a); err != nil {
			return ImportResult{}, err
		}
	}
	if err := insertDocumentCounted(tx, d, o.Len(), annotation.CountLayers(in)); err != nil {
		return ImportResult{}, err
	}
	d.Text = ""
	return ImportResult{Doc: d, Annotations: len(b.Annotations)}, nil
}

// insertDocumentCounted is insertDocument with a known length and count of
// annotations by layer.
func insertDocumentCounted(tx *bbolt.Tx, d annotation.Document, length int, layers map[string]int) error {
	k, err := shaKey(d.SHA256)
	if err != nil {
		return err
	}
	if err := tx.Bucket(bucketTexts).Put(idKey(d.ID), []byte(d.Text)); err != nil {
		return err
	}
	if err := tx.Bucket(bucketSHA256).Put(k, idKey(d.ID)); err != nil {
		return err
	}
	count := 0
	for _, n := range layers {
		count += n
	}
	return putDocument(tx, d, annotation.Summary{Length: length, Annotations: count, Layers: layers})
}

// EachBundle calls fn with every document (with its text) and its
// annotations (by start, then id), in document id order, in one read
// transaction. Only one document is in memory at a time: the slice
// b.Annotations is reused for the next document once fn returns, so fn
// copies it (slices.Clone) to keep it; the annotations' own strings, maps
// and slices are never reused. An error from fn stops the walk and is
// returned. Pending suggestions are not annotations: EachBundle leaves
// them out (EachBundleSuggestions gives them).
func (s *Store) EachBundle(fn func(b annotation.Bundle) error) error {
	return s.eachBundle(false, func(b annotation.Bundle, _ []annotation.Annotation) error { return fn(b) })
}

// EachBundleSuggestions is EachBundle that also gives fn each document's
// pending suggestions (by start, then id; reused as b.Annotations is), read
// in the same transaction: an export that writes them asks for them here,
// rather than calling Suggestions inside fn (a read transaction opened
// inside another can wait forever for an edit that waits for the first).
func (s *Store) EachBundleSuggestions(fn func(b annotation.Bundle, pending []annotation.Annotation) error) error {
	return s.eachBundle(true, fn)
}

func (s *Store) eachBundle(withPending bool, fn func(b annotation.Bundle, pending []annotation.Annotation) error) error {
	return s.view(func(tx *bbolt.Tx) error {
		var as, ps []annotation.Annotation
		c := tx.Bucket(bucketDocuments).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			id := keyID(k)
			d, err := loadDocument(tx, id, true)
			if err != nil {
				return err
			}
			if as, err = reuse(as, func(out []annotation.Annotation) ([]annotation.Annotation, error) {
				return appendDocAnnotations(out, tx, id)
			}); err != nil {
				return err
			}
			if withPending {
				if ps, err = reuse(ps, func(out []annotation.Annotation) ([]annotation.Annotation, error) {
					return appendRange(out, tx.Bucket(bucketSuggestions), id, "suggestion")
				}); err != nil {
					return err
				}
			}
			if err := fn(annotation.Bundle{Document: d, Annotations: as}, ps); err != nil {
				return err
			}
		}
		return nil
	})
}

// reuse refills the slice prev (a previous document's) by fill, clears what
// the previous document left past the new length, so that it does not stay
// reachable, and sorts the result by start, then id.
func reuse(prev []annotation.Annotation, fill func([]annotation.Annotation) ([]annotation.Annotation, error)) ([]annotation.Annotation, error) {
	n := len(prev)
	out, err := fill(prev[:0])
	if err != nil {
		return nil, err
	}
	if len(out) < n {
		clear(out[len(out):n])
	}
	sortAnnotations(out)
	return out, nil
}
