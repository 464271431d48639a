package storage

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

// MergeEntities makes entity merge one with entity keep, in one Update:
// every annotation (and pending suggestion) of every document that refers
// to merge refers to keep instead (its Modified time set to now), merge's name and aliases become
// aliases of keep (without duplicates, ignoring case), keep's empty note and
// external id are taken from merge, and merge is removed from the registry.
// On any error nothing changes. It returns what it changed, for
// UnmergeEntities.
func (s *Store) MergeEntities(keep, merge uint64) (annotation.EntityMerge, error) {
	if keep == merge {
		return annotation.EntityMerge{}, fmt.Errorf("cannot merge entity %d into itself: %w", keep, ErrInvalidEntity)
	}
	var rec annotation.EntityMerge
	err := s.update(func(tx *bbolt.Tx) error {
		ents := tx.Bucket(bucketEntities)
		var k, m annotation.Entity
		for _, x := range []struct {
			id uint64
			e  *annotation.Entity
		}{{keep, &k}, {merge, &m}} {
			found, err := getJSON(ents, idKey(x.id), x.e)
			if err != nil {
				return fmt.Errorf("entity %d is unreadable: %w", x.id, err)
			}
			if !found {
				return fmt.Errorf("entity %d: %w", x.id, annotation.ErrNotFound)
			}
		}
		moved, err := repointAnnotations(tx, merge, keep, s.now())
		if err != nil {
			return err
		}
		after := mergedEntity(k, m)
		if err := putJSON(ents, idKey(keep), after); err != nil {
			return err
		}
		rec = annotation.EntityMerge{Before: k, After: after, Merged: m, Moved: moved}
		return ents.Delete(idKey(merge))
	})
	if err != nil {
		return annotation.EntityMerge{}, err
	}
	return rec, nil
}

// UnmergeEntities undoes the merge m (see MergeEntities), in one Update:
// the merged entity is put back under its id, the fields of the kept
// entity that the merge changed and that still hold what the merge wrote
// get their values from before it (see annotation.RestoreFields), and each
// annotation the merge moved that still refers to the kept entity refers to
// the merged one again (its Modified time set to now). Annotations that came
// to refer to the kept entity otherwise stay with it. It refuses, changing
// nothing, when the kept entity is gone or the merged one's id is in use.
func (s *Store) UnmergeEntities(m annotation.EntityMerge) error {
	if err := checkEntityValue(m.Merged); err != nil {
		return err
	}
	keep, merged := m.Before.ID, m.Merged.ID
	return s.update(func(tx *bbolt.Tx) error {
		ents := tx.Bucket(bucketEntities)
		var now annotation.Entity
		found, err := getJSON(ents, idKey(keep), &now)
		if err != nil {
			return fmt.Errorf("entity %d is unreadable: %w", keep, err)
		}
		if !found {
			return fmt.Errorf("entity %d, which entity %d was merged into: %w", keep, merged, annotation.ErrNotFound)
		}
		if ents.Get(idKey(merged)) != nil {
			return fmt.Errorf("entity %d is in the registry again, the merge cannot be undone: %w", merged, ErrInvalidEntity)
		}
		if err := putJSON(ents, idKey(keep), annotation.RestoreFields(now, m.After, m.Before)); err != nil {
			return err
		}
		if err := bumpSequence(ents, merged); err != nil {
			return err
		}
		if err := putJSON(ents, idKey(merged), m.Merged); err != nil {
			return err
		}
		anns := tx.Bucket(bucketAnnotations)
		at := s.now()
		for _, r := range m.Moved {
			var a annotation.Annotation
			found, err := getJSON(anns, annKey(r.DocID, r.ID), &a)
			if err != nil {
				return fmt.Errorf("annotation %d of document %d is unreadable: %w", r.ID, r.DocID, err)
			}
			if !found || a.Entity != keep {
				continue // deleted, or linked to another entity since
			}
			a.Entity, a.Modified = merged, at
			if err := putJSON(anns, annKey(r.DocID, r.ID), a); err != nil {
				return err
			}
		}
		return nil
	})
}

// repointAnnotations makes every annotation that refers to entity from
// refer to entity to, and returns them; the pending suggestions follow.
func repointAnnotations(tx *bbolt.Tx, from, to uint64, now time.Time) ([]annotation.AnnotationRef, error) {
	if _, err := repoint(tx.Bucket(bucketSuggestions), from, to, now); err != nil {
		return nil, err
	}
	return repoint(tx.Bucket(bucketAnnotations), from, to, now)
}

// repoint makes every annotation (or suggestion) of anns that refers to
// entity from refer to entity to (0: to none), and returns them. The changes
// are collected first: bbolt does not allow writes to a bucket while a
// cursor walks it.
func repoint(anns *bbolt.Bucket, from, to uint64, now time.Time) ([]annotation.AnnotationRef, error) {
	type change struct {
		key []byte
		a   annotation.Annotation
	}
	var changes []change
	err := anns.ForEach(func(k, v []byte) error {
		var a annotation.Annotation
		if err := json.Unmarshal(v, &a); err != nil {
			doc, id, _ := splitAnnKey(k)
			return fmt.Errorf("annotation %d of document %d is unreadable: %w", id, doc, err)
		}
		if a.Entity == from {
			a.Entity, a.Modified = to, now
			changes = append(changes, change{slices.Clone(k), a})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var moved []annotation.AnnotationRef
	for _, c := range changes {
		if err := putJSON(anns, c.key, c.a); err != nil {
			return nil, err
		}
		doc, id, _ := splitAnnKey(c.key)
		moved = append(moved, annotation.AnnotationRef{DocID: doc, ID: id})
	}
	return moved, nil
}

// mergedEntity is k with m folded in (see MergeEntities).
func mergedEntity(k, m annotation.Entity) annotation.Entity {
	out := k
	out.Aliases = nil
	seen := map[string]bool{strings.ToLower(k.Name): true}
	for _, a := range slices.Concat(k.Aliases, []string{m.Name}, m.Aliases) {
		a = strings.TrimSpace(a)
		if a == "" || seen[strings.ToLower(a)] {
			continue
		}
		seen[strings.ToLower(a)] = true
		out.Aliases = append(out.Aliases, a)
	}
	if out.Note == "" {
		out.Note = m.Note
	}
	if out.ExternalID == "" {
		out.ExternalID = m.ExternalID
	}
	if out.Type == "" {
		out.Type = m.Type
	}
	return out
}
