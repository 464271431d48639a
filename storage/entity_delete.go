package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

// ErrEntityInUse: an entity that annotations still refer to cannot be
// deleted.
var ErrEntityInUse = fmt.Errorf("entity is still in use: %w", ErrInvalidEntity)

// DeleteEntity removes entity id from the registry, for the undo of its
// creation. It refuses one that an annotation still refers to, with an
// error wrapping ErrEntityInUse; pending suggestions that refer to it lose
// the reference.
func (s *Store) DeleteEntity(id uint64) error {
	return s.update(func(tx *bbolt.Tx) error {
		ents := tx.Bucket(bucketEntities)
		if ents.Get(idKey(id)) == nil {
			return fmt.Errorf("entity %d: %w", id, annotation.ErrNotFound)
		}
		n, err := mentions(tx, id)
		if err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("entity %d: %d annotations refer to it: %w", id, n, ErrEntityInUse)
		}
		// Pending suggestions that name it are proposals: they lose the
		// reference instead of keeping the entity.
		if _, err := repoint(tx.Bucket(bucketSuggestions), id, 0, s.now()); err != nil {
			return err
		}
		return ents.Delete(idKey(id))
	})
}

// RestoreEntity puts e back under its own id (the redo of its creation),
// replacing any entity with that id.
func (s *Store) RestoreEntity(e annotation.Entity) error {
	if e.ID == 0 {
		return fmt.Errorf("restoring an entity needs its id: %w", ErrInvalidEntity)
	}
	if err := checkEntityValue(e); err != nil {
		return err
	}
	e.Aliases = slices.Clone(e.Aliases)
	return s.update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketEntities)
		if err := bumpSequence(b, e.ID); err != nil {
			return err
		}
		return putJSON(b, idKey(e.ID), e)
	})
}

// mentions counts the annotations that refer to entity id. Only values
// that hold the key "entity" are decoded.
func mentions(tx *bbolt.Tx, id uint64) (int, error) {
	n := 0
	err := tx.Bucket(bucketAnnotations).ForEach(func(k, v []byte) error {
		if !bytes.Contains(v, []byte(`"entity"`)) {
			return nil
		}
		var a struct {
			Entity uint64 `json:"entity"`
		}
		if err := json.Unmarshal(v, &a); err != nil {
			return fmt.Errorf("annotation %x is unreadable: %w", k, err)
		}
		if a.Entity == id {
			n++
		}
		return nil
	})
	return n, err
}
