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
// every annotation of every document that refers to merge refers to keep
// instead (its Modified time set to now), merge's name and aliases become
// aliases of keep (without duplicates, ignoring case), keep's empty note and
// external id are taken from merge, and merge is removed from the registry.
// On any error nothing changes.
func (s *Store) MergeEntities(keep, merge uint64) error {
	if keep == merge {
		return fmt.Errorf("cannot merge entity %d into itself: %w", keep, ErrInvalidEntity)
	}
	return s.update(func(tx *bbolt.Tx) error {
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
		if err := repointAnnotations(tx, merge, keep, s.now()); err != nil {
			return err
		}
		if err := putJSON(ents, idKey(keep), mergedEntity(k, m)); err != nil {
			return err
		}
		return ents.Delete(idKey(merge))
	})
}

// repointAnnotations makes every annotation that refers to entity from
// refer to entity to. The changes are collected first: bbolt does not allow
// writes to a bucket while a cursor walks it.
func repointAnnotations(tx *bbolt.Tx, from, to uint64, now time.Time) error {
	anns := tx.Bucket(bucketAnnotations)
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
		return err
	}
	for _, c := range changes {
		if err := putJSON(anns, c.key, c.a); err != nil {
			return err
		}
	}
	return nil
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
