package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

// maxProblems caps the problems Check reports.
const maxProblems = 1000

// Check verifies the file: every page reachable from the root read from
// the file and its header and elements checked (page id, kind, overflow
// count and element offsets inside the file; each page reached once), then,
// only when they are sound, bbolt's own page checks (tx.Check), then
// Glossa's invariants: each document has its text, summary and SHA-256
// index entry; the SHA-256 matches the text; summaries match documents and
// annotation counts; every annotation is indexed, has a label, attributes
// and attribute values the codebook defines, spans inside its text and
// matching it, links of the codebook's relation types that resolve inside
// its document and its layer and an entity that exists; summaries count
// the annotations of each layer; merge records are readable; every pending suggestion the
// same, its links resolving to an annotation or a suggestion of its
// document, and its id no annotation's; summaries count the pending
// suggestions; ids are below their sequences. It returns nil
// or a *CheckError listing every problem found (at most 1000). Its time is
// linear in the file's size: no page is read twice, and an overflow count
// past the end of the file is a problem, not a loop.
func (s *Store) Check() error {
	var problems []error
	add := func(err error) bool {
		if len(problems) < maxProblems {
			problems = append(problems, err)
		}
		return len(problems) < maxProblems
	}
	err := safely(s.path, func() error {
		return s.view(func(tx *bbolt.Tx) error {
			// bbolt's tx.Check reads the mapped file in a goroutine of
			// its own, where a fault on a damaged page cannot be
			// recovered and kills the process, and loops over page
			// overflow counts however large: walk the pages first,
			// reading the file in this goroutine, and give tx.Check only
			// a file whose every reachable page is sound.
			if !checkPages(tx, s.path, add) {
				return nil
			}
			for err := range tx.Check() {
				add(corruptError(s.path, err, err.Error()))
			}
			if len(problems) > 0 {
				// Reading damaged pages could fault: stop at bbolt's report.
				return nil
			}
			checkTx(tx, add)
			return nil
		})
	})
	if err != nil {
		problems = append(problems, err)
	}
	if len(problems) == 0 {
		return nil
	}
	return &CheckError{Problems: problems}
}

// checkTx checks Glossa's invariants, reporting each problem to add; it
// stops when add returns false.
func checkTx(tx *bbolt.Tx, add func(error) bool) {
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil {
			add(fmt.Errorf("bucket %s is missing: %w", name, ErrCorrupt))
			return
		}
	}
	labels, err := loadLabels(tx)
	if err == nil {
		err = labels.Validate()
	}
	if err != nil && !add(fmt.Errorf("label set: %w", err)) {
		return
	}
	entities := tx.Bucket(bucketEntities)
	var maxEntity uint64
	_ = entities.ForEach(func(k, v []byte) error {
		var e annotation.Entity
		if err := json.Unmarshal(v, &e); err != nil {
			add(fmt.Errorf("entity %d is unreadable: %v: %w", keyID(k), err, ErrCorrupt))
		} else if e.ID != keyID(k) {
			add(fmt.Errorf("entity stored under id %d says it is %d: %w", keyID(k), e.ID, ErrCorrupt))
		}
		maxEntity = max(maxEntity, keyID(k))
		return nil
	})
	if maxEntity > entities.Sequence() {
		add(fmt.Errorf("entity id %d is above the entity sequence %d: %w", maxEntity, entities.Sequence(), ErrCorrupt))
	}

	docs, texts, sums, shas := tx.Bucket(bucketDocuments), tx.Bucket(bucketTexts), tx.Bucket(bucketSummaries), tx.Bucket(bucketSHA256)
	anns, idx := tx.Bucket(bucketAnnotations), tx.Bucket(bucketAnnIndex)
	var maxDoc, maxAnn uint64
	c := docs.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		id := keyID(k)
		maxDoc = max(maxDoc, id)
		var d annotation.Document
		if err := json.Unmarshal(v, &d); err != nil {
			if !add(fmt.Errorf("document %d is unreadable: %v: %w", id, err, ErrCorrupt)) {
				return
			}
			continue
		}
		if !checkDocument(tx, id, d, labels, add) {
			return
		}
	}
	if maxDoc > docs.Sequence() {
		add(fmt.Errorf("document id %d is above the document sequence %d: %w", maxDoc, docs.Sequence(), ErrCorrupt))
	}
	orphan := func(what string, b *bbolt.Bucket, docOf func(k, v []byte) uint64) {
		_ = b.ForEach(func(k, v []byte) error {
			if doc := docOf(k, v); docs.Get(idKey(doc)) == nil {
				add(fmt.Errorf("%s %x belongs to missing document %d: %w", what, k, doc, ErrCorrupt))
			}
			return nil
		})
	}
	orphan("text", texts, func(k, _ []byte) uint64 { return keyID(k) })
	orphan("summary", sums, func(k, _ []byte) uint64 { return keyID(k) })
	orphan("SHA-256 index entry", shas, func(_, v []byte) uint64 { return keyID(v) })
	orphan("annotation", anns, func(k, _ []byte) uint64 { d, _, _ := splitAnnKey(k); return d })
	orphan("suggestion", tx.Bucket(bucketSuggestions), func(k, _ []byte) uint64 { d, _, _ := splitAnnKey(k); return d })
	// Rejections stay when their text leaves the project (an undo of a
	// deletion or a cut puts it back): only their form is checked.
	_ = tx.Bucket(bucketRejected).ForEach(func(k, v []byte) error {
		var r rejection
		if err := json.Unmarshal(v, &r); err != nil || len(k) <= sha256.Size {
			add(fmt.Errorf("rejected suggestion %x is unreadable: %v: %w", k, err, ErrCorrupt))
		}
		return nil
	})
	// Merge records stay when their text leaves the project, as
	// rejections do: only their form is checked.
	_ = tx.Bucket(bucketLayers).ForEach(func(k, v []byte) error {
		var r layerRecord
		if err := json.Unmarshal(v, &r); err != nil || len(k) < sha256.Size || annotation.ValidLayer(string(k[sha256.Size:])) != nil {
			add(fmt.Errorf("merge record %x is unreadable: %v: %w", k, err, ErrCorrupt))
		}
		return nil
	})
	_ = idx.ForEach(func(k, v []byte) error {
		id := keyID(k)
		maxAnn = max(maxAnn, id)
		if anns.Get(annKey(keyID(v), id)) == nil {
			add(fmt.Errorf("index entry of annotation %d points to document %d, which does not hold it: %w", id, keyID(v), ErrCorrupt))
		}
		return nil
	})
	if maxAnn > idx.Sequence() {
		add(fmt.Errorf("annotation id %d is above the annotation sequence %d: %w", maxAnn, idx.Sequence(), ErrCorrupt))
	}
}

// checkDocument checks document id and its annotations; false means stop.
func checkDocument(tx *bbolt.Tx, id uint64, d annotation.Document, labels annotation.LabelSet, add func(error) bool) bool {
	ok := true
	report := func(err error) { ok = add(fmt.Errorf("document %d: %w", id, err)) && ok }
	if d.ID != id {
		report(fmt.Errorf("stored under id %d but says it is %d: %w", id, d.ID, ErrCorrupt))
	}
	raw := tx.Bucket(bucketTexts).Get(idKey(id))
	if raw == nil {
		report(fmt.Errorf("its text is missing: %w", ErrCorrupt))
	}
	text := string(raw)
	if got := annotation.TextSHA256(text); got != d.SHA256 {
		report(fmt.Errorf("SHA-256 %s, the text's is %s: %w", d.SHA256, got, annotation.ErrChecksum))
	}
	if k, err := hex.DecodeString(d.SHA256); err != nil || keyID(tx.Bucket(bucketSHA256).Get(k)) != id {
		report(fmt.Errorf("missing from the SHA-256 index: %w", ErrCorrupt))
	}
	o := annotation.NewOffsets(text)
	as, err := docAnnotations(tx, id)
	if err != nil {
		report(fmt.Errorf("%v: %w", err, ErrCorrupt))
	}
	ids := make(map[uint64]bool, len(as))
	layerOf := make(map[uint64]string, len(as))
	for _, a := range as {
		ids[a.ID] = true
		layerOf[a.ID] = annotation.LayerOf(a)
	}
	idx := tx.Bucket(bucketAnnIndex)
	for _, a := range as {
		if keyID(idx.Get(idKey(a.ID))) != id {
			report(fmt.Errorf("annotation %d is missing from the index: %w", a.ID, ErrCorrupt))
		}
		checkStored(tx, "annotation", id, a, o, labels, func(t uint64) bool { return ids[t] }, report)
		for _, l := range a.Links {
			if target, ok := layerOf[l.Target]; ok && target != annotation.LayerOf(a) {
				report(crossLayerError(a, l, target))
			}
		}
	}
	pending := checkSuggestions(tx, id, o, labels, ids, report)
	var sum annotation.Summary
	found, err := getJSON(tx.Bucket(bucketSummaries), idKey(id), &sum)
	switch {
	case err != nil || !found:
		report(fmt.Errorf("its summary is missing or unreadable: %w", ErrCorrupt))
	case !sameSummary(sum, summaryOf(d, annotation.Summary{Length: o.Len(), Annotations: len(as), Pending: pending, Suggester: sum.Suggester,
		Layers: annotation.CountLayers(as)})):
		report(fmt.Errorf("its summary %+v does not match the document (%d code points, %d annotations, by layer %v, %d pending suggestions): %w",
			sum, o.Len(), len(as), annotation.CountLayers(as), pending, ErrCorrupt))
	}
	return ok
}

// checkSuggestions checks document id's pending suggestions as
// checkDocument checks its annotations (annotations holds their ids), and
// that none has an annotation's id or one above the annotations' sequence
// (which a later annotation would take). It returns how many there are.
func checkSuggestions(tx *bbolt.Tx, id uint64, o *annotation.Offsets, labels annotation.LabelSet, annotations map[uint64]bool, report func(error)) int {
	sugs, err := appendRange(nil, tx.Bucket(bucketSuggestions), id, "suggestion")
	if err != nil {
		report(fmt.Errorf("%v: %w", err, ErrCorrupt))
	}
	pending := make(map[uint64]bool, len(sugs))
	for _, a := range sugs {
		pending[a.ID] = true
	}
	idx := tx.Bucket(bucketAnnIndex)
	exists := func(t uint64) bool { return annotations[t] || pending[t] }
	for _, a := range sugs {
		checkStored(tx, "suggestion", id, a, o, labels, exists, report)
		if owner := keyID(idx.Get(idKey(a.ID))); owner != 0 {
			report(fmt.Errorf("suggestion %d has the id of an annotation of document %d: %w", a.ID, owner, ErrCorrupt))
		}
		if a.ID > idx.Sequence() {
			report(fmt.Errorf("suggestion id %d is above the annotation sequence %d: %w", a.ID, idx.Sequence(), ErrCorrupt))
		}
	}
	return len(sugs)
}

// checkStored checks one stored annotation or suggestion (what) of
// document id: its document, its spans, label and links (exists: the link
// targets it may have), its attributes and its entity.
func checkStored(tx *bbolt.Tx, what string, id uint64, a annotation.Annotation, o *annotation.Offsets, labels annotation.LabelSet, exists func(uint64) bool, report func(error)) {
	if a.DocID != id {
		report(fmt.Errorf("%s %d says it belongs to document %d: %w", what, a.ID, a.DocID, ErrCorrupt))
	}
	if err := a.Validate(o, labels, exists); err != nil {
		if what != "annotation" {
			err = fmt.Errorf("%s: %w", what, err) // Validate names it an annotation
		}
		report(err)
	}
	for _, p := range labels.Lacks(a) {
		report(fmt.Errorf("%s %d: %s: %w", what, a.ID, p, annotation.ErrUnknownAttribute))
	}
	if a.Entity != 0 && tx.Bucket(bucketEntities).Get(idKey(a.Entity)) == nil {
		report(fmt.Errorf("%s %d: entity %d: %w", what, a.ID, a.Entity, annotation.ErrUnknownEntity))
	}
}
