package storage

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

// docAnnotations reads every annotation of document docID, in id order.
func docAnnotations(tx *bbolt.Tx, docID uint64) ([]annotation.Annotation, error) {
	return appendDocAnnotations(nil, tx, docID)
}

// appendDocAnnotations appends document docID's annotations, in key order,
// to out (which may be a previous result, reused: its elements are
// overwritten whole).
func appendDocAnnotations(out []annotation.Annotation, tx *bbolt.Tx, docID uint64) ([]annotation.Annotation, error) {
	var sum annotation.Summary
	if found, err := getJSON(tx.Bucket(bucketSummaries), idKey(docID), &sum); err == nil && found && sum.Annotations > 0 {
		out = slices.Grow(out, min(sum.Annotations, 1<<16)) // a hint only
	}
	return appendRange(out, tx.Bucket(bucketAnnotations), docID, "annotation")
}

// appendRange appends the values of document docID's key range of b (the
// annotations or the suggestions bucket: docID ++ id -> Annotation JSON),
// in key order, to out; what names them in an error.
func appendRange(out []annotation.Annotation, b *bbolt.Bucket, docID uint64, what string) ([]annotation.Annotation, error) {
	prefix := idKey(docID)
	names := map[string]string{}
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
		out = append(out, annotation.Annotation{})
		if err := decodeAnnotation(v, &out[len(out)-1], names); err != nil {
			_, id, _ := splitAnnKey(k)
			return nil, fmt.Errorf("%s %d of document %d is unreadable: %w", what, id, docID, err)
		}
	}
	return out, nil
}

// sortAnnotations orders as by start, then id. It sorts small keys and
// then moves each annotation into place once, following the permutation's
// cycles: sorting the structs themselves was a tenth of an export.
func sortAnnotations(as []annotation.Annotation) {
	type key struct {
		start int
		id    uint64
		from  int // index in as of the annotation that goes here
	}
	keys := make([]key, len(as))
	sorted := true
	for i, a := range as {
		keys[i] = key{a.Start(), a.ID, i}
		if i > 0 && (keys[i-1].start > keys[i].start || keys[i-1].start == keys[i].start && keys[i-1].id > keys[i].id) {
			sorted = false
		}
	}
	if sorted {
		return
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	for i := range keys {
		if keys[i].from < 0 {
			continue
		}
		tmp := as[i]
		j := i
		for {
			from := keys[j].from
			keys[j].from = -1
			if from == i {
				as[j] = tmp
				break
			}
			as[j] = as[from]
			j = from
		}
	}
}

// ownerOf returns the document of annotation id.
func ownerOf(tx *bbolt.Tx, id uint64) (uint64, error) {
	doc := keyID(tx.Bucket(bucketAnnIndex).Get(idKey(id)))
	if doc == 0 {
		return 0, fmt.Errorf("annotation %d: %w", id, annotation.ErrNotFound)
	}
	return doc, nil
}

// prepareSpans sorts a's spans and fills in empty span texts from the text.
func prepareSpans(a *annotation.Annotation, o *annotation.Offsets) {
	annotation.SortSpans(a.Spans)
	for i, sp := range a.Spans {
		if sp.Text == "" && sp.Start < sp.End && o.Valid(sp.Start) && o.Valid(sp.End) {
			a.Spans[i].Text = o.Slice(sp.Start, sp.End)
		}
	}
}

// checkEntity reports an entity reference missing from the registry.
func checkEntity(tx *bbolt.Tx, a annotation.Annotation) error {
	if a.Entity != 0 && tx.Bucket(bucketEntities).Get(idKey(a.Entity)) == nil {
		return fmt.Errorf("annotation %d: entity %d: %w", a.ID, a.Entity, annotation.ErrUnknownEntity)
	}
	return nil
}

// checkAnnotation checks a, whose spans prepareSpans prepared, against its
// text, the codebook, the link targets exists knows and the entity
// registry: what every annotation and suggestion a store keeps must pass.
func checkAnnotation(tx *bbolt.Tx, a annotation.Annotation, o *annotation.Offsets, labels annotation.LabelSet, exists func(uint64) bool) error {
	if err := a.Validate(o, labels, exists); err != nil {
		return err
	}
	return checkEntity(tx, a)
}

// docEdit is what an edit of one document's annotations or suggestions
// reads first.
type docEdit struct {
	doc     annotation.Document // without its text
	sum     annotation.Summary
	labels  annotation.LabelSet // shared: read only
	offsets *annotation.Offsets // the text's, from the store's cache
}

// editOf reads document docID's docEdit.
func (s *Store) editOf(tx *bbolt.Tx, docID uint64) (docEdit, error) {
	doc, err := loadDocument(tx, docID, false)
	if err != nil {
		return docEdit{}, err
	}
	sum, err := loadSummary(tx, docID)
	if err != nil {
		return docEdit{}, err
	}
	labels, err := s.labels.get(tx)
	if err != nil {
		return docEdit{}, err
	}
	return docEdit{doc: doc, sum: sum, labels: labels, offsets: s.offsets.get(tx, doc)}, nil
}

// apply is Apply inside tx: see Apply. Its cost does not grow with the
// number of annotations in the document: it reads the annotations it
// replaces, checks link targets by their index entries, takes the text's
// offsets from the store's cache, and keeps the summary's count by adding
// and subtracting. Only an edit with deletions looks at the document's
// other annotations, and only at the raw bytes of each, decoding those that
// may link to a deleted one (linkingTo).
func (s *Store) apply(tx *bbolt.Tx, docID uint64, put []annotation.Annotation, del []uint64) ([]annotation.Annotation, error) {
	now := s.now()
	ed, err := s.editOf(tx, docID)
	if err != nil {
		return nil, err
	}
	sum, labels, o := ed.sum, ed.labels, ed.offsets
	anns, idx := tx.Bucket(bucketAnnotations), tx.Bucket(bucketAnnIndex)
	// byID holds the put annotations; every other one is looked up in the
	// index.
	byID := make(map[uint64]annotation.Annotation, len(put))
	out := make([]annotation.Annotation, 0, len(put))
	added := map[uint64]bool{}
	for _, a := range put {
		a = a.Clone() // the stored annotation shares nothing with the caller's
		if a.DocID != 0 && a.DocID != docID {
			return nil, fmt.Errorf("annotation %d belongs to document %d, not %d: %w", a.ID, a.DocID, docID, annotation.ErrNotFound)
		}
		a.DocID = docID
		var old annotation.Annotation
		found := false
		if a.ID != 0 && !added[a.ID] {
			var err error
			if found, err = getAnnotation(anns, docID, a.ID, &old); err != nil {
				return nil, fmt.Errorf("annotation %d is unreadable: %w", a.ID, err)
			}
		}
		switch {
		case a.ID == 0:
			id, err := idx.NextSequence()
			if err != nil {
				return nil, err
			}
			a.ID, a.Created = id, now
			added[a.ID] = true
		case added[a.ID]:
			// Put twice in one call: the later one wins.
		case found:
			if annotation.LayerOf(old) != annotation.LayerOf(a) {
				return nil, movedLayerError(old, a)
			}
			a.Created = old.Created
		default:
			if owner := keyID(idx.Get(idKey(a.ID))); owner != 0 {
				return nil, fmt.Errorf("annotation %d belongs to document %d, not %d: %w", a.ID, owner, docID, annotation.ErrNotFound)
			}
			if tx.Bucket(bucketSuggestions).Get(annKey(docID, a.ID)) != nil {
				return nil, fmt.Errorf("annotation %d is a pending suggestion; accept it (ReviewSuggestions) to make it an annotation: %w", a.ID, annotation.ErrInUse)
			}
			// Recreate a deleted annotation with its id (undo of delete).
			if err := bumpSequence(idx, a.ID); err != nil {
				return nil, err
			}
			if a.Created.IsZero() {
				a.Created = now
			}
			added[a.ID] = true
		}
		a.Modified = now
		prepareSpans(&a, o)
		byID[a.ID] = a
		out = append(out, a)
	}
	deleted := make(map[uint64]bool, len(del))
	layers := &layerLookup{anns: anns, docID: docID, put: byID}
	delta := map[string]int{} // annotations by layer: + kept new, - stored deleted
	for _, id := range del {
		if deleted[id] {
			continue
		}
		_, put := byID[id]
		stored := !added[id] && keyID(idx.Get(idKey(id))) == docID
		if !put && !stored {
			return nil, fmt.Errorf("annotation %d is not in document %d: %w", id, docID, annotation.ErrNotFound)
		}
		deleted[id] = true
		if stored {
			// Its layer as stored (an annotation put and deleted in one
			// call keeps it: no edit moves one to another layer).
			var old annotation.Annotation
			if _, err := getAnnotation(anns, docID, id, &old); err != nil {
				return nil, fmt.Errorf("annotation %d is unreadable: %w", id, err)
			}
			delta[annotation.LayerOf(old)]--
		}
	}
	exists := func(id uint64) bool {
		if deleted[id] {
			return false
		}
		if _, ok := byID[id]; ok {
			return true
		}
		return keyID(idx.Get(idKey(id))) == docID
	}
	for _, a := range out {
		if deleted[a.ID] {
			continue
		}
		if err := checkAnnotation(tx, a, o, labels, exists); err != nil {
			return nil, err
		}
		for _, l := range a.Links {
			target, err := layers.of(l.Target)
			if err != nil {
				return nil, err
			}
			if target != annotation.LayerOf(a) {
				return nil, crossLayerError(a, l, target)
			}
		}
	}
	if len(deleted) > 0 {
		// The put annotations' links were checked above; the others must
		// not point at a deleted one.
		sources, err := linkingTo(tx, docID, deleted)
		if err != nil {
			return nil, err
		}
		for _, a := range sources {
			if _, ok := byID[a.ID]; ok || deleted[a.ID] {
				continue
			}
			for _, l := range a.Links {
				if deleted[l.Target] {
					return nil, fmt.Errorf("annotation %d: %s link to %d: %w", a.ID, l.Type, l.Target, annotation.ErrDanglingLink)
				}
			}
		}
	}
	for _, a := range out {
		if deleted[a.ID] {
			continue
		}
		if err := putAnnotation(anns, idx, a); err != nil {
			return nil, err
		}
	}
	for id := range deleted {
		if err := anns.Delete(annKey(docID, id)); err != nil {
			return nil, err
		}
		if err := idx.Delete(idKey(id)); err != nil {
			return nil, err
		}
	}
	if len(deleted) > 0 {
		// A pending suggestion may name a deleted annotation (its source):
		// a proposal does not keep a person's deletion from happening.
		if err := unlinkPending(tx, docID, deleted, now); err != nil {
			return nil, err
		}
	}
	for id := range added {
		if !deleted[id] {
			delta[annotation.LayerOf(byID[id])]++
		}
	}
	if changed := slices.ContainsFunc(slices.Collect(maps.Values(delta)), func(n int) bool { return n != 0 }); changed {
		for _, n := range delta {
			sum.Annotations += n
		}
		sum.Layers = addLayers(sum.Layers, delta)
		if err := putJSON(tx.Bucket(bucketSummaries), idKey(docID), sum); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// linkingTo returns the annotations of document docID with a link to one of
// targets. It decodes only the stored values whose bytes hold the decimal
// digits of a target: a link's target is a JSON number, which holds them
// whatever the spacing, so no source is missed.
func linkingTo(tx *bbolt.Tx, docID uint64, targets map[uint64]bool) ([]annotation.Annotation, error) {
	return linkingIn(tx.Bucket(bucketAnnotations), docID, targets, "annotation")
}

// linkingIn is linkingTo over document docID's key range of b (the
// annotations or the suggestions bucket); what names them in an error.
func linkingIn(b *bbolt.Bucket, docID uint64, targets map[uint64]bool, what string) ([]annotation.Annotation, error) {
	digits := make([][]byte, 0, len(targets))
	for id := range targets {
		digits = append(digits, strconv.AppendUint(nil, id, 10))
	}
	var out []annotation.Annotation
	prefix := idKey(docID)
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
		if !slices.ContainsFunc(digits, func(d []byte) bool { return bytes.Contains(v, d) }) {
			continue
		}
		var a annotation.Annotation
		if err := decodeAnnotation(v, &a, nil); err != nil {
			_, id, _ := splitAnnKey(k)
			return nil, fmt.Errorf("%s %d of document %d is unreadable: %w", what, id, docID, err)
		}
		if slices.ContainsFunc(a.Links, func(l annotation.Link) bool { return targets[l.Target] }) {
			out = append(out, a)
		}
	}
	return out, nil
}

func putAnnotation(anns, idx *bbolt.Bucket, a annotation.Annotation) error {
	if err := putJSON(anns, annKey(a.DocID, a.ID), a); err != nil {
		return err
	}
	return idx.Put(idKey(a.ID), idKey(a.DocID))
}

// Annotations returns the annotations of document docID, by start, then id.
func (s *Store) Annotations(docID uint64) ([]annotation.Annotation, error) {
	var out []annotation.Annotation
	err := s.view(func(tx *bbolt.Tx) error {
		if tx.Bucket(bucketDocuments).Get(idKey(docID)) == nil {
			return fmt.Errorf("document %d: %w", docID, annotation.ErrNotFound)
		}
		var err error
		out, err = docAnnotations(tx, docID)
		return err
	})
	sortAnnotations(out)
	return out, err
}

// Annotation returns annotation id.
func (s *Store) Annotation(id uint64) (annotation.Annotation, error) {
	var a annotation.Annotation
	err := s.view(func(tx *bbolt.Tx) error {
		doc, err := ownerOf(tx, id)
		if err != nil {
			return err
		}
		found, err := getAnnotation(tx.Bucket(bucketAnnotations), doc, id, &a)
		if err == nil && !found {
			err = fmt.Errorf("annotation %d: %w", id, annotation.ErrNotFound)
		}
		return err
	})
	return a, err
}

// AddAnnotation stores a new annotation of document a.DocID. It checks it
// against the text, the label set, the document's annotations (links) and
// the entity registry; assigns its ID, Created and Modified; sorts its spans
// and fills in empty span texts.
func (s *Store) AddAnnotation(a annotation.Annotation) (annotation.Annotation, error) {
	a.ID = 0
	var out []annotation.Annotation
	err := s.update(func(tx *bbolt.Tx) error {
		var err error
		out, err = s.apply(tx, a.DocID, []annotation.Annotation{a}, nil)
		return err
	})
	if err != nil {
		return annotation.Annotation{}, err
	}
	return out[0], nil
}

// UpdateAnnotation replaces annotation a.ID after checking it as
// AddAnnotation does. Created is kept, Modified set to now. An annotation
// cannot move to another document.
func (s *Store) UpdateAnnotation(a annotation.Annotation) (annotation.Annotation, error) {
	var out []annotation.Annotation
	err := s.update(func(tx *bbolt.Tx) error {
		doc, err := ownerOf(tx, a.ID)
		if err != nil {
			return err
		}
		out, err = s.apply(tx, doc, []annotation.Annotation{a}, nil)
		return err
	})
	if err != nil {
		return annotation.Annotation{}, err
	}
	return out[0], nil
}

// DeleteAnnotation deletes annotation id and, in the same transaction,
// removes the links other annotations of its document have to it.
func (s *Store) DeleteAnnotation(id uint64) error {
	return s.update(func(tx *bbolt.Tx) error {
		doc, err := ownerOf(tx, id)
		if err != nil {
			return err
		}
		sources, err := linkingTo(tx, doc, map[uint64]bool{id: true})
		if err != nil {
			return err
		}
		var changed []annotation.Annotation
		for _, a := range sources {
			if a.ID == id {
				continue
			}
			a.Links = slices.DeleteFunc(a.Links, func(l annotation.Link) bool { return l.Target == id })
			changed = append(changed, a)
		}
		_, err = s.apply(tx, doc, changed, []uint64{id})
		return err
	})
}

// Apply is the general atomic edit, used by undo and redo. In one Update it
// puts every annotation of put into document docID (ID 0: a new id is
// assigned; an existing ID: replaced, Created kept; an unused nonzero ID:
// recreated with that id, for undoing a delete), then deletes every id in
// del. The result is validated as a whole: each put annotation as
// AddAnnotation does, and every link of the document must resolve after
// the change. On any error nothing changes. It returns the stored put
// annotations, in the order given.
func (s *Store) Apply(docID uint64, put []annotation.Annotation, del []uint64) ([]annotation.Annotation, error) {
	var out []annotation.Annotation
	err := s.update(func(tx *bbolt.Tx) error {
		var err error
		out, err = s.apply(tx, docID, put, del)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
