package storage

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

func checkEntityValue(e annotation.Entity) error {
	if strings.TrimSpace(e.Name) == "" {
		return fmt.Errorf("entity %d has no name: %w", e.ID, ErrInvalidEntity)
	}
	return nil
}

// Entities lists the entity registry, by id.
func (s *Store) Entities() ([]annotation.Entity, error) {
	var out []annotation.Entity
	err := s.view(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketEntities).ForEach(func(k, v []byte) error {
			var e annotation.Entity
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("entity %d is unreadable: %w", keyID(k), err)
			}
			out = append(out, e)
			return nil
		})
	})
	return out, err
}

// Entity returns entity id.
func (s *Store) Entity(id uint64) (annotation.Entity, error) {
	var e annotation.Entity
	err := s.view(func(tx *bbolt.Tx) error {
		found, err := getJSON(tx.Bucket(bucketEntities), idKey(id), &e)
		if err == nil && !found {
			err = fmt.Errorf("entity %d: %w", id, annotation.ErrNotFound)
		}
		return err
	})
	return e, err
}

// AddEntity adds e to the registry with a new id.
func (s *Store) AddEntity(e annotation.Entity) (annotation.Entity, error) {
	if err := checkEntityValue(e); err != nil {
		return annotation.Entity{}, err
	}
	e.Aliases = slices.Clone(e.Aliases)
	err := s.update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketEntities)
		id, err := b.NextSequence()
		if err != nil {
			return err
		}
		e.ID = id
		return putJSON(b, idKey(id), e)
	})
	if err != nil {
		return annotation.Entity{}, err
	}
	return e, nil
}

// UpdateEntity replaces entity e.ID.
func (s *Store) UpdateEntity(e annotation.Entity) (annotation.Entity, error) {
	if err := checkEntityValue(e); err != nil {
		return annotation.Entity{}, err
	}
	e.Aliases = slices.Clone(e.Aliases)
	err := s.update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketEntities)
		if b.Get(idKey(e.ID)) == nil {
			return fmt.Errorf("entity %d: %w", e.ID, annotation.ErrNotFound)
		}
		return putJSON(b, idKey(e.ID), e)
	})
	if err != nil {
		return annotation.Entity{}, err
	}
	return e, nil
}

type nameType struct{ name, typ string }

// PutEntities adds entities in one transaction and returns the id each
// given id now has in this store. With keepIDs an entity keeps its id when
// that id is free, or when the entity there has the same Name and Type;
// otherwise, and always without keepIDs, an entity merges with an existing
// one of exactly the same Name and Type, or gets a new id.
func (s *Store) PutEntities(es []annotation.Entity, keepIDs bool) (map[uint64]uint64, error) {
	for _, e := range es {
		if err := checkEntityValue(e); err != nil {
			return nil, err
		}
	}
	ids := make(map[uint64]uint64, len(es))
	err := s.update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketEntities)
		byName := map[nameType]uint64{}
		err := b.ForEach(func(k, v []byte) error {
			var e annotation.Entity
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("entity %d is unreadable: %w", keyID(k), err)
			}
			if _, ok := byName[nameType{e.Name, e.Type}]; !ok {
				byName[nameType{e.Name, e.Type}] = e.ID
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, e := range es {
			key := nameType{e.Name, e.Type}
			if keepIDs && e.ID != 0 {
				var there annotation.Entity
				found, err := getJSON(b, idKey(e.ID), &there)
				if err != nil {
					return fmt.Errorf("entity %d is unreadable: %w", e.ID, err)
				}
				if found && there.Name == e.Name && there.Type == e.Type {
					ids[e.ID] = e.ID
					continue
				}
				if !found {
					e.Aliases = slices.Clone(e.Aliases)
					if err := bumpSequence(b, e.ID); err != nil {
						return err
					}
					if err := putJSON(b, idKey(e.ID), e); err != nil {
						return err
					}
					ids[e.ID] = e.ID
					if _, ok := byName[key]; !ok {
						byName[key] = e.ID
					}
					continue
				}
			}
			if id, ok := byName[key]; ok {
				ids[e.ID] = id
				continue
			}
			id, err := b.NextSequence()
			if err != nil {
				return err
			}
			old := e.ID
			e.ID = id
			e.Aliases = slices.Clone(e.Aliases)
			if err := putJSON(b, idKey(id), e); err != nil {
				return err
			}
			byName[key] = id
			ids[old] = id
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}
