package storage

import (
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

// loadBundle reads document id with its text and its annotations (by
// start, then id).
func loadBundle(tx *bbolt.Tx, id uint64) (annotation.Bundle, error) {
	d, err := loadDocument(tx, id, true)
	if err != nil {
		return annotation.Bundle{}, err
	}
	as, err := docAnnotations(tx, id)
	if err != nil {
		return annotation.Bundle{}, err
	}
	sortAnnotations(as)
	return annotation.Bundle{Document: d, Annotations: as}, nil
}

// deleteDocument removes document id, its text, its checksum entry, its
// summary, its annotations and its pending suggestions; the rejections of
// its text stay (see suggestions.go). The caller forgets its offsets.
func deleteDocument(tx *bbolt.Tx, id uint64) error {
	d, err := loadDocument(tx, id, false)
	if err != nil {
		return err
	}
	if err := deleteRange(tx, id); err != nil {
		return err
	}
	if k, err := shaKey(d.SHA256); err == nil {
		if err := tx.Bucket(bucketSHA256).Delete(k); err != nil {
			return err
		}
	}
	for _, name := range [][]byte{bucketDocuments, bucketTexts, bucketSummaries} {
		if err := tx.Bucket(name).Delete(idKey(id)); err != nil {
			return err
		}
	}
	return nil
}

// DeleteDocuments deletes the documents ids with their texts, annotations
// and pending suggestions in one transaction, and returns them as they were (in the
// order of ids), for RestoreDocuments to put back. An id not in the project
// fails the whole call, and nothing is deleted.
func (s *Store) DeleteDocuments(ids []uint64) ([]annotation.Bundle, error) {
	defer func() {
		for _, id := range ids {
			s.offsets.forget(id)
		}
	}()
	var out []annotation.Bundle
	err := s.update(func(tx *bbolt.Tx) error {
		out = out[:0]
		for _, id := range ids {
			b, err := loadBundle(tx, id)
			if err != nil {
				return err
			}
			if err := deleteDocument(tx, id); err != nil {
				return err
			}
			out = append(out, b)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RestoreDocuments puts bs back as they were, in one transaction: each
// document under its id with its text, metadata, status, Created and
// Modified, and its annotations under their ids with their links (undo of
// DeleteDocuments and of CutDocument). Pending suggestions are not put
// back: the summary's Suggester is cleared, so that the suggester runs
// again, and the rejections of the text, which a deletion keeps, hold
// again. A stored document of that id is replaced. An annotation id another document uses, or a text another
// document holds (ErrDuplicateText), fails the whole call, and nothing
// changes.
func (s *Store) RestoreDocuments(bs []annotation.Bundle) error {
	defer func() {
		for _, b := range bs {
			s.offsets.forget(b.Document.ID)
		}
	}()
	return s.update(func(tx *bbolt.Tx) error {
		labels, err := loadLabels(tx)
		if err != nil {
			return err
		}
		for _, b := range bs {
			if err := restoreDocument(tx, s.now(), labels, b); err != nil {
				return err
			}
		}
		return nil
	})
}

func restoreDocument(tx *bbolt.Tx, now time.Time, labels annotation.LabelSet, b annotation.Bundle) error {
	id := b.Document.ID
	if id == 0 {
		return fmt.Errorf("a document to restore needs its id: %w", ErrInvalidDocument)
	}
	if tx.Bucket(bucketDocuments).Get(idKey(id)) != nil {
		if err := deleteDocument(tx, id); err != nil {
			return err
		}
	}
	idx := tx.Bucket(bucketAnnIndex)
	for _, a := range b.Annotations {
		if a.ID == 0 {
			return fmt.Errorf("document %d: an annotation to restore needs its id: %w", id, ErrInvalidDocument)
		}
		if owner := keyID(idx.Get(idKey(a.ID))); owner != 0 {
			return fmt.Errorf("annotation %d belongs to document %d now; it cannot be restored into document %d: %w", a.ID, owner, id, ErrInvalidDocument)
		}
	}
	// Its annotations' ids were never suggestions' (one sequence), and
	// were checked free above.
	r, err := importBundle(tx, now, labels, b, ImportOptions{KeepIDs: true, restoring: true}, nil)
	switch {
	case err != nil:
		return fmt.Errorf("document %d: %w", id, err)
	case r.DuplicateOf != 0:
		return fmt.Errorf("the text of document %d is in the project as document %d now: %w", id, r.DuplicateOf, annotation.ErrDuplicateText)
	case r.Doc.ID != id:
		return fmt.Errorf("document %d could not keep its id: %w", id, ErrInvalidDocument)
	}
	return nil
}

// CutDocument keeps code points [start, end) of document id's text and
// drops the rest (web boilerplate), in one transaction: the annotations
// wholly inside stay, shifted; the others are deleted with the links to
// them; the SHA-256, the length and the annotation count follow
// (annotation.Cut). The pending suggestions go (their offsets are the old
// text's) and the summary's Suggester is cleared, so that the suggester
// runs on the new text; the rejections wholly inside are carried over,
// shifted. It returns the document as it was, for RestoreDocuments
// to put back (undo), and the annotations it deleted. A cut whose text
// another document already holds is refused (ErrDuplicateText).
func (s *Store) CutDocument(id uint64, start, end int) (before annotation.Bundle, removed []annotation.Annotation, err error) {
	defer s.offsets.forget(id)
	err = s.update(func(tx *bbolt.Tx) error {
		b, err := loadBundle(tx, id)
		if err != nil {
			return err
		}
		kept, gone, err := annotation.Cut(b, start, end)
		if err != nil {
			return fmt.Errorf("document %d: %w", id, err)
		}
		if dup := duplicateOf(tx, kept.Document.SHA256); dup != 0 && dup != id {
			return fmt.Errorf("the text left after the cut is already in the project as document %d: %w", dup, annotation.ErrDuplicateText)
		}
		kept.Document.Modified = s.now()
		labels, err := loadLabels(tx)
		if err != nil {
			return err
		}
		if err := restoreDocument(tx, s.now(), labels, kept); err != nil {
			return err
		}
		from, err := docSHA(b.Document)
		if err != nil {
			return err
		}
		to, err := docSHA(kept.Document)
		if err != nil {
			return err
		}
		if err := shiftRejections(tx, from, to, start, end); err != nil {
			return err
		}
		before, removed = b, gone
		return nil
	})
	if err != nil {
		return annotation.Bundle{}, nil, err
	}
	return before, removed, nil
}
