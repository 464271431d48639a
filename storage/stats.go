package storage

import (
	"encoding/json"
	"fmt"
	"os"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

// Stats counts what a project holds. Its JSON keys are lower case with
// underscores, as in the rest of Glossa's JSON.
type Stats struct {
	Documents   int                       `json:"documents"`
	Annotations int                       `json:"annotations"`
	Entities    int                       `json:"entities"`
	ByLabel     map[string]int            `json:"by_label"`
	ByLayer     map[string]int            `json:"by_layer"` // annotations by layer ("" an unnamed annotator)
	ByStatus    map[annotation.Status]int `json:"by_status"`
	Links       int                       `json:"links"`
	FileSize    int64                     `json:"file_size"` // bytes on disk (bbolt grows files ahead of need)
}

// Stats counts documents (from summaries), annotations by label and by
// layer, links and entities, in one read transaction, without reading
// texts.
func (s *Store) Stats() (Stats, error) {
	st := Stats{ByLabel: map[string]int{}, ByLayer: map[string]int{}, ByStatus: map[annotation.Status]int{}}
	err := s.view(func(tx *bbolt.Tx) error {
		st.FileSize = tx.Size()
		if info, err := os.Stat(s.path); err == nil {
			st.FileSize = info.Size()
		}
		err := tx.Bucket(bucketSummaries).ForEach(func(k, v []byte) error {
			var sum annotation.Summary
			if err := json.Unmarshal(v, &sum); err != nil {
				return fmt.Errorf("summary of document %d is unreadable: %w", keyID(k), err)
			}
			st.Documents++
			st.ByStatus[sum.Status]++
			for l, n := range sum.Layers {
				st.ByLayer[l] += n
			}
			return nil
		})
		if err != nil {
			return err
		}
		err = tx.Bucket(bucketAnnotations).ForEach(func(k, v []byte) error {
			var a struct {
				Label string            `json:"label"`
				Links []annotation.Link `json:"links"`
			}
			if err := json.Unmarshal(v, &a); err != nil {
				return fmt.Errorf("annotation %x is unreadable: %w", k, err)
			}
			st.Annotations++
			st.ByLabel[a.Label]++
			st.Links += len(a.Links)
			return nil
		})
		if err != nil {
			return err
		}
		st.Entities = tx.Bucket(bucketEntities).Stats().KeyN
		return nil
	})
	return st, err
}
