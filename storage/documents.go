package storage

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

// getAnnotation decodes annotation id of document docID into a; found is
// false when there is none.
func getAnnotation(anns *bbolt.Bucket, docID, id uint64, a *annotation.Annotation) (found bool, err error) {
	data := anns.Get(annKey(docID, id))
	if data == nil {
		return false, nil
	}
	return true, decodeAnnotation(data, a, nil)
}

// getJSON decodes the value at key into v; found is false when there is
// none. Decoding copies, so nothing refers to bbolt's memory afterwards.
func getJSON(b *bbolt.Bucket, key []byte, v any) (found bool, err error) {
	data := b.Get(key)
	if data == nil {
		return false, nil
	}
	return true, json.Unmarshal(data, v)
}

func putJSON(b *bbolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, data)
}

// loadDocument reads document id's metadata, and its text when withText.
func loadDocument(tx *bbolt.Tx, id uint64, withText bool) (annotation.Document, error) {
	var d annotation.Document
	found, err := getJSON(tx.Bucket(bucketDocuments), idKey(id), &d)
	if err != nil {
		return d, fmt.Errorf("document %d is unreadable: %w", id, err)
	}
	if !found {
		return d, fmt.Errorf("document %d: %w", id, annotation.ErrNotFound)
	}
	if withText {
		d.Text = string(tx.Bucket(bucketTexts).Get(idKey(id)))
	}
	return d, nil
}

// putDocument writes d's metadata (without its text) and its summary, whose
// counts (length, annotations, pending suggestions, suggester) are those of
// counts.
func putDocument(tx *bbolt.Tx, d annotation.Document, counts annotation.Summary) error {
	d.Text = ""
	if err := putJSON(tx.Bucket(bucketDocuments), idKey(d.ID), d); err != nil {
		return err
	}
	return putJSON(tx.Bucket(bucketSummaries), idKey(d.ID), summaryOf(d, counts))
}

// summaryOf is the summary of d: its metadata, and the counts of counts.
func summaryOf(d annotation.Document, counts annotation.Summary) annotation.Summary {
	return annotation.Summary{
		ID: d.ID, Title: d.Title, Outlet: d.Outlet, Published: d.Published, Status: d.Status,
		Annotations: counts.Annotations, Length: counts.Length, Pending: counts.Pending, Suggester: counts.Suggester,
		Layers: maps.Clone(counts.Layers),
	}
}

// sameSummary reports whether a and b hold the same values.
func sameSummary(a, b annotation.Summary) bool {
	if !maps.Equal(a.Layers, b.Layers) {
		return false
	}
	a.Layers, b.Layers = nil, nil
	return reflect.DeepEqual(a, b)
}

func loadSummary(tx *bbolt.Tx, id uint64) (annotation.Summary, error) {
	var sum annotation.Summary
	found, err := getJSON(tx.Bucket(bucketSummaries), idKey(id), &sum)
	if err != nil {
		return sum, fmt.Errorf("summary of document %d is unreadable: %w", id, err)
	}
	if !found {
		return sum, fmt.Errorf("document %d: %w", id, annotation.ErrNotFound)
	}
	return sum, nil
}

// checkText refuses text that is not valid UTF-8, holds NUL or is empty.
func checkText(text string) error {
	switch {
	case text == "":
		return fmt.Errorf("the document has no text: %w", annotation.ErrInvalidText)
	case strings.IndexByte(text, 0) >= 0 || !utf8.ValidString(text):
		_, err := annotation.NormalizeText(text)
		if err == nil {
			err = annotation.ErrInvalidText
		}
		return err
	}
	return nil
}

func shaKey(sum string) ([]byte, error) {
	k, err := hex.DecodeString(sum)
	if err != nil || len(k) != 32 {
		return nil, fmt.Errorf("bad SHA-256 %q: %w", sum, annotation.ErrChecksum)
	}
	return k, nil
}

// duplicateOf returns the id of the document with text sum, 0 if none.
func duplicateOf(tx *bbolt.Tx, sum string) uint64 {
	k, err := shaKey(sum)
	if err != nil {
		return 0
	}
	return keyID(tx.Bucket(bucketSHA256).Get(k))
}

// insertDocument stores a new document d (ID set, checked, SHA256 set).
func insertDocument(tx *bbolt.Tx, d annotation.Document) error {
	return insertDocumentCounted(tx, d, annotation.Len(d.Text), nil)
}

// bumpSequence raises b's sequence to at least id, so that NextSequence
// never hands out an id already used.
func bumpSequence(b *bbolt.Bucket, id uint64) error {
	if id > b.Sequence() {
		return b.SetSequence(id)
	}
	return nil
}

// AddDocument stores a new document. The caller has normalised its text
// (annotation.NormalizeText). AddDocument assigns its ID, computes SHA256,
// sets Status to new when empty and Created and Modified to now. A text
// already in the project is refused with an error wrapping
// annotation.ErrDuplicateText that names the existing document.
func (s *Store) AddDocument(d annotation.Document) (annotation.Document, error) {
	if err := checkText(d.Text); err != nil {
		return annotation.Document{}, err
	}
	if d.Status == "" {
		d.Status = annotation.StatusNew
	}
	if !d.Status.Valid() {
		return annotation.Document{}, fmt.Errorf("status %q: %w", d.Status, ErrInvalidDocument)
	}
	d.SHA256 = annotation.TextSHA256(d.Text)
	now := s.now()
	d.Created, d.Modified = now, now
	d.Authors = append([]string(nil), d.Authors...)
	err := s.update(func(tx *bbolt.Tx) error {
		if dup := duplicateOf(tx, d.SHA256); dup != 0 {
			return fmt.Errorf("this text is already in the project as document %d: %w", dup, annotation.ErrDuplicateText)
		}
		id, err := tx.Bucket(bucketDocuments).NextSequence()
		if err != nil {
			return err
		}
		d.ID = id
		return insertDocument(tx, d)
	})
	if err != nil {
		return annotation.Document{}, err
	}
	return d, nil
}

// Document returns document id with its text.
func (s *Store) Document(id uint64) (annotation.Document, error) {
	var d annotation.Document
	err := s.view(func(tx *bbolt.Tx) error {
		var err error
		d, err = loadDocument(tx, id, true)
		return err
	})
	return d, err
}

// Documents lists every document's summary, by id, without reading texts.
func (s *Store) Documents() ([]annotation.Summary, error) {
	var out []annotation.Summary
	err := s.view(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketSummaries).ForEach(func(k, v []byte) error {
			var sum annotation.Summary
			if err := json.Unmarshal(v, &sum); err != nil {
				return fmt.Errorf("summary of document %d is unreadable: %w", keyID(k), err)
			}
			out = append(out, sum)
			return nil
		})
	})
	return out, err
}

// UpdateDocument changes a document's metadata. Its text cannot change: a
// Text or SHA256 that differs from the stored one is refused (an empty one
// means unchanged). Created is kept; Modified is set to now; an empty
// Status keeps the stored one.
func (s *Store) UpdateDocument(d annotation.Document) (annotation.Document, error) {
	if d.Status != "" && !d.Status.Valid() {
		return annotation.Document{}, fmt.Errorf("status %q: %w", d.Status, ErrInvalidDocument)
	}
	var out annotation.Document
	err := s.update(func(tx *bbolt.Tx) error {
		old, err := loadDocument(tx, d.ID, true)
		if err != nil {
			return err
		}
		if (d.Text != "" && d.Text != old.Text) || (d.SHA256 != "" && d.SHA256 != old.SHA256) {
			return fmt.Errorf("document %d: the text of a document cannot change; import the new text as a new document: %w", d.ID, ErrInvalidDocument)
		}
		sum, err := loadSummary(tx, d.ID)
		if err != nil {
			return err
		}
		d.Text, d.SHA256, d.Created, d.Modified = old.Text, old.SHA256, old.Created, s.now()
		if d.Status == "" {
			d.Status = old.Status
		}
		d.Authors = append([]string(nil), d.Authors...)
		out = d
		return putDocument(tx, d, sum)
	})
	if err != nil {
		return annotation.Document{}, err
	}
	return out, nil
}

// SetStatus sets a document's status.
func (s *Store) SetStatus(id uint64, st annotation.Status) error {
	if !st.Valid() {
		return fmt.Errorf("status %q: %w", st, ErrInvalidDocument)
	}
	return s.update(func(tx *bbolt.Tx) error {
		d, err := loadDocument(tx, id, false)
		if err != nil {
			return err
		}
		sum, err := loadSummary(tx, id)
		if err != nil {
			return err
		}
		d.Status, d.Modified = st, s.now()
		return putDocument(tx, d, sum)
	})
}

// DeleteDocument deletes a document with its text and annotations.
func (s *Store) DeleteDocument(id uint64) error {
	defer s.offsets.forget(id)
	return s.update(func(tx *bbolt.Tx) error { return deleteDocument(tx, id) })
}

// deleteRange deletes every annotation of document docID and its index
// entry, and every pending suggestion of docID.
func deleteRange(tx *bbolt.Tx, docID uint64) error {
	idx := tx.Bucket(bucketAnnIndex)
	err := clearRange(tx.Bucket(bucketAnnotations), docID, func(id uint64) error { return idx.Delete(idKey(id)) })
	if err != nil {
		return err
	}
	return clearRange(tx.Bucket(bucketSuggestions), docID, nil)
}

// clearRange deletes document docID's key range of b (docID ++ id keys),
// calling each, when not nil, with every id deleted.
func clearRange(b *bbolt.Bucket, docID uint64, each func(id uint64) error) error {
	prefix := idKey(docID)
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		if each != nil {
			_, id, _ := splitAnnKey(k)
			if err := each(id); err != nil {
				return err
			}
		}
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}

func hasPrefix(k, prefix []byte) bool {
	return len(k) >= len(prefix) && string(k[:len(prefix)]) == string(prefix)
}

// labelCache keeps the label set an edit last decoded, with the stored
// bytes it came from: an edit compares the bytes instead of decoding them.
type labelCache struct {
	mu     sync.Mutex
	raw    []byte
	labels annotation.LabelSet
}

// get is loadLabels through the cache. The label set returned is shared:
// callers only read it.
func (c *labelCache) get(tx *bbolt.Tx) (annotation.LabelSet, error) {
	raw := tx.Bucket(bucketMeta).Get(keyLabels)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.raw != nil && bytes.Equal(raw, c.raw) {
		return c.labels, nil
	}
	ls, err := loadLabels(tx)
	if err != nil {
		return ls, err
	}
	c.raw, c.labels = bytes.Clone(raw), ls
	return ls, nil
}

// loadLabels reads the project's label set.
func loadLabels(tx *bbolt.Tx) (annotation.LabelSet, error) {
	var ls annotation.LabelSet
	if _, err := getJSON(tx.Bucket(bucketMeta), keyLabels, &ls); err != nil {
		return ls, fmt.Errorf("the label set is unreadable: %w", err)
	}
	return ls, nil
}

// Labels returns the project's label set.
func (s *Store) Labels() (annotation.LabelSet, error) {
	var ls annotation.LabelSet
	err := s.view(func(tx *bbolt.Tx) error {
		var err error
		ls, err = loadLabels(tx)
		return err
	})
	return ls, err
}

// SetLabels replaces the label set after validating it. Removing (or
// renaming) a label that annotations still use is refused with an error
// wrapping ErrLabelInUse; pending suggestions the new set does not allow
// are dropped (fitSuggestions).
func (s *Store) SetLabels(ls annotation.LabelSet) error {
	if err := ls.Validate(); err != nil {
		return err
	}
	return s.update(func(tx *bbolt.Tx) error {
		used := map[string]int{}
		err := tx.Bucket(bucketAnnotations).ForEach(func(k, v []byte) error {
			var a struct {
				Label string `json:"label"`
			}
			if err := json.Unmarshal(v, &a); err != nil {
				return fmt.Errorf("annotation %x is unreadable: %w", k, err)
			}
			used[a.Label]++
			return nil
		})
		if err != nil {
			return err
		}
		for name, n := range used {
			if _, ok := ls.Find(name); !ok {
				return fmt.Errorf("label %q is used by %d annotations; relabel or delete them before removing it: %w", name, n, ErrLabelInUse)
			}
		}
		if err := putJSON(tx.Bucket(bucketMeta), keyLabels, ls); err != nil {
			return err
		}
		return fitSuggestions(tx, ls, nil)
	})
}
