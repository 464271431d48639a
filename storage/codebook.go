package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

// CodebookUse counts, over every document, the annotations of each label,
// the values of each attribute and the links of each relation type: what
// a codebook change would carry over or delete, to show before it is made.
func (s *Store) CodebookUse() (annotation.CodebookUse, error) {
	var u annotation.CodebookUse
	err := s.view(func(tx *bbolt.Tx) error {
		names := map[string]string{}
		return tx.Bucket(bucketAnnotations).ForEach(func(k, v []byte) error {
			var a annotation.Annotation
			if err := decodeAnnotation(v, &a, names); err != nil {
				doc, id, _ := splitAnnKey(k)
				return fmt.Errorf("annotation %d of document %d is unreadable: %w", id, doc, err)
			}
			u.Add(a)
			return nil
		})
	})
	return u, err
}

// EditCodebook makes the codebook change e in one transaction: the
// codebook is changed and validated, and every annotation of every
// document follows (a renamed label, attribute or relation type; the
// annotations of a deleted label moved or deleted with the links that point
// at them; a deleted attribute's values removed), as do the types of the
// entities a renamed or deleted label named. A use e cannot carry over is
// refused (annotation.ErrInUse) and nothing changes. Pending suggestions
// follow too, but one that e cannot carry over is dropped rather than
// refusing the edit (fitSuggestions). It returns what
// changed, which RevertCodebook takes back.
func (s *Store) EditCodebook(e annotation.CodebookEdit) (annotation.CodebookChange, error) {
	var c annotation.CodebookChange
	err := s.update(func(tx *bbolt.Tx) error {
		before, err := loadLabels(tx)
		if err != nil {
			return err
		}
		after, err := e.Apply(before)
		if err != nil {
			return err
		}
		if err := putJSON(tx.Bucket(bucketMeta), keyLabels, after); err != nil {
			return err
		}
		c = annotation.CodebookChange{Edit: e, Before: before, After: after}
		if e.TouchesAnnotations() {
			if c.Annotations, err = s.rewriteAnnotations(tx, e); err != nil {
				return err
			}
			if err := fitSuggestions(tx, after, rewriteOne(e)); err != nil {
				return err
			}
		}
		c.Entities, err = rewriteEntities(tx, e)
		return err
	})
	if err != nil {
		return annotation.CodebookChange{}, err
	}
	return c, nil
}

// rewriteAnnotations passes every document's annotations through e and
// stores what it changes, document by document (Store.apply: validated
// against the codebook just written).
func (s *Store) rewriteAnnotations(tx *bbolt.Tx, e annotation.CodebookEdit) ([]annotation.AnnotationChange, error) {
	var docs []uint64
	if err := tx.Bucket(bucketDocuments).ForEach(func(k, _ []byte) error {
		docs = append(docs, keyID(k))
		return nil
	}); err != nil {
		return nil, err
	}
	var out []annotation.AnnotationChange
	var anns []annotation.Annotation
	for _, doc := range docs {
		var err error
		if anns, err = appendDocAnnotations(anns[:0], tx, doc); err != nil {
			return nil, err
		}
		put, del, err := e.Rewrite(anns)
		if err != nil {
			return nil, err
		}
		if len(put) == 0 && len(del) == 0 {
			continue
		}
		before := make(map[uint64]annotation.Annotation, len(put)+len(del))
		for _, a := range anns {
			before[a.ID] = a.Clone()
		}
		stored, err := s.apply(tx, doc, put, del)
		if err != nil {
			return nil, err
		}
		for _, a := range stored {
			out = append(out, annotation.AnnotationChange{Before: before[a.ID], After: a})
		}
		for _, id := range del {
			out = append(out, annotation.AnnotationChange{Before: before[id]})
		}
	}
	return out, nil
}

// rewriteOne is e's rewrite of one pending suggestion: false when e
// deletes it or cannot carry it over (a use an annotation's would refuse
// the edit: a proposal is dropped instead).
func rewriteOne(e annotation.CodebookEdit) func(annotation.Annotation) (annotation.Annotation, bool) {
	return func(a annotation.Annotation) (annotation.Annotation, bool) {
		put, del, err := e.Rewrite([]annotation.Annotation{a})
		switch {
		case err != nil || len(del) > 0:
			return a, false
		case len(put) > 0:
			return put[0], true
		}
		return a, true
	}
}

// rewriteEntities gives the entities whose type e renames or deletes their
// new type.
func rewriteEntities(tx *bbolt.Tx, e annotation.CodebookEdit) ([]annotation.EntityChange, error) {
	b := tx.Bucket(bucketEntities)
	var out []annotation.EntityChange
	err := b.ForEach(func(k, v []byte) error {
		var en annotation.Entity
		if err := json.Unmarshal(v, &en); err != nil {
			return fmt.Errorf("entity %d is unreadable: %w", keyID(k), err)
		}
		if after, ok := e.RewriteEntity(en); ok {
			out = append(out, annotation.EntityChange{Before: en, After: after})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, c := range out {
		if err := putJSON(b, idKey(c.After.ID), c.After); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// RevertCodebook takes back the change c that EditCodebook returned, in one
// transaction: the codebook as it was, and every annotation and entity c
// changed or deleted as it was, with its id (and so its links). It
// refuses, changing nothing, when the codebook or one of those annotations
// and entities is no longer as c left it (ErrCodebookChanged): an edit
// made since would be lost. To make c again, call EditCodebook(c.Edit).
func (s *Store) RevertCodebook(c annotation.CodebookChange) error {
	return s.update(func(tx *bbolt.Tx) error {
		now, err := loadLabels(tx)
		if err != nil {
			return err
		}
		if !sameJSON(now, c.After) {
			return fmt.Errorf("the codebook: %w", ErrCodebookChanged)
		}
		if err := putJSON(tx.Bucket(bucketMeta), keyLabels, c.Before); err != nil {
			return err
		}
		byDoc := map[uint64][]annotation.Annotation{}
		var order []uint64
		anns := tx.Bucket(bucketAnnotations)
		for _, ch := range c.Annotations {
			doc := ch.Before.DocID
			var cur annotation.Annotation
			found, err := getAnnotation(anns, doc, ch.Before.ID, &cur)
			if err != nil {
				return err
			}
			switch {
			case ch.After.ID == 0 && found,
				ch.After.ID != 0 && (!found || !sameAnnotation(cur, ch.After)):
				return fmt.Errorf("annotation %d of document %d: %w", ch.Before.ID, doc, ErrCodebookChanged)
			}
			if byDoc[doc] == nil {
				order = append(order, doc)
			}
			byDoc[doc] = append(byDoc[doc], ch.Before)
		}
		for _, doc := range order {
			if _, err := s.apply(tx, doc, byDoc[doc], nil); err != nil {
				return err
			}
		}
		if c.Edit.TouchesAnnotations() {
			// Suggestions are not carried back: those the old codebook
			// does not allow go, and the suggester runs again.
			if err := fitSuggestions(tx, c.Before, nil); err != nil {
				return err
			}
		}
		ents := tx.Bucket(bucketEntities)
		for _, ch := range c.Entities {
			var cur annotation.Entity
			found, err := getJSON(ents, idKey(ch.After.ID), &cur)
			if err != nil {
				return err
			}
			if !found || !reflect.DeepEqual(cur, ch.After) {
				return fmt.Errorf("entity %d: %w", ch.After.ID, ErrCodebookChanged)
			}
			if err := putJSON(ents, idKey(ch.Before.ID), ch.Before); err != nil {
				return err
			}
		}
		return nil
	})
}

// sameJSON reports whether a and b encode to the same JSON.
func sameJSON(a, b any) bool {
	ra, err1 := json.Marshal(a)
	rb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ra, rb)
}

// sameAnnotation reports whether a and b hold the same values but for
// their times (an undo rewrites Modified).
func sameAnnotation(a, b annotation.Annotation) bool {
	a.Created, a.Modified = b.Created, b.Modified
	return sameJSON(a, b)
}
