package storage

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

// Pending suggestions (issue 20) are annotations kept in a bucket of their
// own, under ids drawn from the annotations' sequence but without an index
// entry: accepting one moves it into the annotations under its id, so that
// the links between suggestions and annotations hold across the move
// (annotation.SuggestionEdit). A rejected suggestion is remembered by its
// text's SHA-256 and its fingerprint (label and spans): a document's
// deletion keeps them, so that an undo of the deletion, which puts the same
// text back, remembers them; a cut carries them over to the shorter text.
//
// The links of a pending suggestion resolve, as an annotation's do, to an
// annotation or a pending suggestion of its document. A deletion of their
// target (an annotation deleted, a suggestion rejected or accepted without
// it) drops them.

// rejection is what the rejected bucket keeps of a rejected suggestion:
// its label and spans, so that a cut can carry it over to the shorter text
// (shiftRejections), the rule that proposed it and when it was rejected.
type rejection struct {
	Label string    `json:"label"`
	Spans [][2]int  `json:"spans"`
	Rule  string    `json:"rule,omitempty"`
	Time  time.Time `json:"time"`
}

// rejectedKey is the rejected bucket's key of fingerprint for the text
// whose SHA-256 (32 bytes) is sum.
func rejectedKey(sum []byte, fingerprint string) []byte {
	k := make([]byte, 0, len(sum)+len(fingerprint))
	return append(append(k, sum...), fingerprint...)
}

// rejectedOf returns the fingerprints rejected for the text whose SHA-256
// is sum.
func rejectedOf(tx *bbolt.Tx, sum []byte) map[string]bool {
	out := map[string]bool{}
	c := tx.Bucket(bucketRejected).Cursor()
	for k, _ := c.Seek(sum); k != nil && hasPrefix(k, sum); k, _ = c.Next() {
		out[string(k[len(sum):])] = true
	}
	return out
}

// docSHA returns the SHA-256 key of document d's text.
func docSHA(d annotation.Document) ([]byte, error) {
	sum, err := shaKey(d.SHA256)
	if err != nil {
		return nil, fmt.Errorf("document %d: %w", d.ID, err)
	}
	return sum, nil
}

// asPending gives a the provenance of a pending suggestion, whatever it
// carried: a store holds nothing else among its suggestions.
func asPending(a *annotation.Annotation) {
	a.Provenance.Origin = annotation.OriginSuggested
	a.Provenance.Review = annotation.ReviewPending
	a.Provenance.Reviewer = ""
}

// pruneLinks drops the links of a whose target keep refuses; it reports
// whether it dropped any.
func pruneLinks(a *annotation.Annotation, keep func(id uint64) bool) bool {
	n := len(a.Links)
	a.Links = slices.DeleteFunc(a.Links, func(l annotation.Link) bool { return !keep(l.Target) })
	if len(a.Links) == 0 {
		a.Links = nil
	}
	return len(a.Links) != n
}

// Suggestions returns document docID's pending suggestions, by start, then
// id.
func (s *Store) Suggestions(docID uint64) ([]annotation.Annotation, error) {
	var out []annotation.Annotation
	err := s.view(func(tx *bbolt.Tx) error {
		if tx.Bucket(bucketDocuments).Get(idKey(docID)) == nil {
			return fmt.Errorf("document %d: %w", docID, annotation.ErrNotFound)
		}
		var err error
		out, err = appendRange(nil, tx.Bucket(bucketSuggestions), docID, "suggestion")
		return err
	})
	if err != nil {
		return nil, err
	}
	sortAnnotations(out)
	return out, nil
}

// SetSuggestions replaces document docID's pending suggestions by sugs and
// records version as its Summary.Suggester, in one transaction. Each
// suggestion gets a new id from the annotations' sequence; its id in sugs,
// 0 or at least annotation.NewIDBase, only names it for the links of the
// others. A link's target at or above NewIDBase names a suggestion of sugs
// (the link follows its new id); one below names an annotation of the
// document. A suggestion rejected before (same label and spans on the same
// text) is left out, with the links to it. Each one is checked as an
// annotation is (spans inside the text and matching it, a label and
// relation types of the codebook, links that resolve, an entity of the
// registry) and stored with Provenance Origin suggested and Review
// pending, Created and Modified now. On any error nothing changes. It
// returns what it stored, by start, then id.
func (s *Store) SetSuggestions(docID uint64, sugs []annotation.Annotation, version string) ([]annotation.Annotation, error) {
	var out []annotation.Annotation
	err := s.update(func(tx *bbolt.Tx) error {
		var err error
		out, err = s.setSuggestions(tx, docID, sugs, version)
		return err
	})
	if err != nil {
		return nil, err
	}
	sortAnnotations(out)
	return out, nil
}

func (s *Store) setSuggestions(tx *bbolt.Tx, docID uint64, sugs []annotation.Annotation, version string) ([]annotation.Annotation, error) {
	now := s.now()
	ed, err := s.editOf(tx, docID)
	if err != nil {
		return nil, err
	}
	sum, labels, o := ed.sum, ed.labels, ed.offsets
	sha, err := docSHA(ed.doc)
	if err != nil {
		return nil, err
	}
	rejected := rejectedOf(tx, sha)
	idx := tx.Bucket(bucketAnnIndex)

	// Ids: a new one for each suggestion kept; the local ids of those left
	// out as rejected, whose links are dropped.
	local := map[uint64]uint64{}
	dropped := map[uint64]bool{}
	named := make([]string, 0, len(sugs)) // how an error names each kept one
	out := make([]annotation.Annotation, 0, len(sugs))
	for i, a := range sugs {
		a = a.Clone()
		name := fmt.Sprintf("suggestion %d of %d (%s at %d)", i+1, len(sugs), a.Label, a.Start())
		switch {
		case a.DocID != 0 && a.DocID != docID:
			return nil, fmt.Errorf("%s belongs to document %d, not %d: %w", name, a.DocID, docID, annotation.ErrNotFound)
		case a.ID != 0 && a.ID < annotation.NewIDBase:
			return nil, fmt.Errorf("%s has id %d: a new suggestion's id is 0 or at least annotation.NewIDBase: %w", name, a.ID, annotation.ErrBadLink)
		case a.ID != 0 && (local[a.ID] != 0 || dropped[a.ID]):
			return nil, fmt.Errorf("%s has the id %d of another suggestion of the set: %w", name, a.ID, annotation.ErrBadLink)
		}
		a.DocID = docID
		prepareSpans(&a, o)
		if rejected[annotation.Fingerprint(a.Label, a.Spans)] {
			if a.ID != 0 {
				dropped[a.ID] = true
			}
			continue
		}
		id, err := idx.NextSequence()
		if err != nil {
			return nil, err
		}
		if a.ID != 0 {
			local[a.ID] = id
		}
		asPending(&a)
		a.ID, a.Created, a.Modified = id, now, now
		out = append(out, a)
		named = append(named, name)
	}
	isAnnotation := func(id uint64) bool { return keyID(idx.Get(idKey(id))) == docID }
	kept := make(map[uint64]bool, len(out))
	for _, a := range out {
		kept[a.ID] = true
	}
	for i := range out {
		a := &out[i]
		for j, l := range a.Links {
			switch t, ok := local[l.Target]; {
			case l.Target < annotation.NewIDBase && !isAnnotation(l.Target):
				return nil, fmt.Errorf("%s: %s link to %d, which is no annotation of document %d: %w", named[i], l.Type, l.Target, docID, annotation.ErrDanglingLink)
			case ok:
				a.Links[j].Target = t
			case l.Target >= annotation.NewIDBase && !dropped[l.Target]:
				return nil, fmt.Errorf("%s: %s link to %d, which names no suggestion of the set: %w", named[i], l.Type, l.Target, annotation.ErrDanglingLink)
			}
		}
		// New ids are below NewIDBase; the local ids left are rejected ones'.
		pruneLinks(a, func(t uint64) bool { return !dropped[t] })
		if err := checkAnnotation(tx, *a, o, labels, func(t uint64) bool { return kept[t] || isAnnotation(t) }); err != nil {
			return nil, fmt.Errorf("%s: %w", named[i], err)
		}
	}

	b := tx.Bucket(bucketSuggestions)
	if err := clearRange(b, docID, nil); err != nil {
		return nil, err
	}
	for _, a := range out {
		if err := putJSON(b, annKey(docID, a.ID), a); err != nil {
			return nil, err
		}
	}
	sum.Pending, sum.Suggester = len(out), version
	if err := putJSON(tx.Bucket(bucketSummaries), idKey(docID), sum); err != nil {
		return nil, err
	}
	return out, nil
}

// ReviewSuggestions makes the review e of document docID's pending
// suggestions in one transaction, in this order:
//
//   - Unaccept deletes annotations, as Apply does (a link from another
//     annotation to one of them refuses the edit);
//   - Restore puts suggestions back as pending under their ids (replacing
//     a pending one of the same id; refusing an id that is an annotation's)
//     and forgets the rejection of each one's label and spans;
//   - Reject removes pending suggestions and remembers each one's label and
//     spans for this text, so that SetSuggestions leaves it out;
//   - Accept moves pending suggestions into the annotations under their
//     ids, stored as given (the caller sets Provenance.Review, Reviewer,
//     Author and Layer) and checked as Apply checks them, without their
//     links to anything that is then neither an annotation nor accepted
//     with them, or that is in another layer.
//
// Restored suggestions are checked as SetSuggestions checks them, their
// links against the annotations and pending suggestions after the edit.
// Other pending suggestions lose their links to what the edit removed (a
// rejected, accepted-without-them or unaccepted target). An id that is not
// pending (Reject, Accept) or not an annotation of the document (Unaccept)
// refuses the edit with annotation.ErrNotFound. On any error nothing
// changes. The summary's Annotations and Pending follow. It returns the
// accepted annotations as stored, in the order of e.Accept.
func (s *Store) ReviewSuggestions(docID uint64, e annotation.SuggestionEdit) ([]annotation.Annotation, error) {
	var out []annotation.Annotation
	err := s.update(func(tx *bbolt.Tx) error {
		var err error
		out, err = s.reviewSuggestions(tx, docID, e)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Store) reviewSuggestions(tx *bbolt.Tx, docID uint64, e annotation.SuggestionEdit) ([]annotation.Annotation, error) {
	now := s.now()
	ed, err := s.editOf(tx, docID)
	if err != nil || e.Empty() {
		return nil, err
	}
	labels, o := ed.labels, ed.offsets
	sha, err := docSHA(ed.doc)
	if err != nil {
		return nil, err
	}
	idx, sugs, rej := tx.Bucket(bucketAnnIndex), tx.Bucket(bucketSuggestions), tx.Bucket(bucketRejected)
	isAnnotation := func(id uint64) bool { return keyID(idx.Get(idKey(id))) == docID }

	if len(e.Unaccept) > 0 {
		if _, err := s.apply(tx, docID, nil, e.Unaccept); err != nil {
			return nil, err
		}
	}
	list, err := appendRange(nil, sugs, docID, "suggestion")
	if err != nil {
		return nil, err
	}
	pending := make(map[uint64]annotation.Annotation, len(list)+len(e.Restore))
	for _, a := range list {
		pending[a.ID] = a
	}
	changed := map[uint64]bool{} // ids whose pending record is written or deleted

	restored := make([]uint64, 0, len(e.Restore))
	for _, a := range e.Restore {
		a = a.Clone()
		switch {
		case a.DocID != 0 && a.DocID != docID:
			return nil, fmt.Errorf("suggestion %d belongs to document %d, not %d: %w", a.ID, a.DocID, docID, annotation.ErrNotFound)
		case a.ID == 0 || a.ID >= annotation.NewIDBase:
			return nil, fmt.Errorf("a suggestion to restore needs the id it had, not %d: %w", a.ID, annotation.ErrNotFound)
		case idx.Get(idKey(a.ID)) != nil:
			return nil, fmt.Errorf("suggestion %d cannot be restored: it is annotation %d of document %d: %w",
				a.ID, a.ID, keyID(idx.Get(idKey(a.ID))), annotation.ErrInUse)
		}
		a.DocID = docID
		prepareSpans(&a, o)
		asPending(&a)
		if a.Created.IsZero() {
			a.Created = now
		}
		a.Modified = now
		if err := bumpSequence(idx, a.ID); err != nil {
			return nil, err
		}
		if err := rej.Delete(rejectedKey(sha, annotation.Fingerprint(a.Label, a.Spans))); err != nil {
			return nil, err
		}
		pending[a.ID] = a
		changed[a.ID] = true
		restored = append(restored, a.ID)
	}

	for _, id := range e.Reject {
		a, ok := pending[id]
		if !ok {
			return nil, fmt.Errorf("suggestion %d is not pending in document %d: %w", id, docID, annotation.ErrNotFound)
		}
		r := rejection{Label: a.Label, Rule: a.Provenance.Rule, Time: now}
		for _, sp := range a.Spans {
			r.Spans = append(r.Spans, [2]int{sp.Start, sp.End})
		}
		if err := putJSON(rej, rejectedKey(sha, annotation.Fingerprint(a.Label, a.Spans)), r); err != nil {
			return nil, err
		}
		delete(pending, id)
		changed[id] = true
	}

	accepted := make(map[uint64]annotation.Annotation, len(e.Accept))
	for _, a := range e.Accept {
		if _, ok := pending[a.ID]; !ok || (a.DocID != 0 && a.DocID != docID) {
			return nil, fmt.Errorf("suggestion %d is not pending in document %d: %w", a.ID, docID, annotation.ErrNotFound)
		}
		accepted[a.ID] = a
	}
	layers := &layerLookup{anns: tx.Bucket(bucketAnnotations), docID: docID, put: accepted}
	put := make([]annotation.Annotation, 0, len(e.Accept))
	for _, a := range e.Accept {
		a = a.Clone()
		// A link to an annotation of another layer than the one a is
		// accepted into goes too: links join annotations of one layer.
		pruneLinks(&a, func(t uint64) bool {
			_, ok := accepted[t]
			if !ok && !isAnnotation(t) {
				return false
			}
			layer, err := layers.of(t)
			return err == nil && layer == annotation.LayerOf(a)
		})
		delete(pending, a.ID)
		changed[a.ID] = true
		// Gone from the suggestions before apply, which refuses an
		// annotation under a pending suggestion's id.
		if err := sugs.Delete(annKey(docID, a.ID)); err != nil {
			return nil, err
		}
		put = append(put, a)
	}
	var out []annotation.Annotation
	if len(put) > 0 {
		if out, err = s.apply(tx, docID, put, nil); err != nil {
			return nil, err
		}
	}

	exists := func(id uint64) bool { _, ok := pending[id]; return ok || isAnnotation(id) }
	for _, id := range restored {
		if a, ok := pending[id]; ok {
			if err := checkAnnotation(tx, a, o, labels, exists); err != nil {
				return nil, fmt.Errorf("restoring suggestion %d: %w", id, err)
			}
		}
	}
	for id, a := range pending {
		if pruneLinks(&a, exists) {
			a.Modified = now
			pending[id] = a
			changed[id] = true
		}
	}
	for _, id := range slices.Sorted(maps.Keys(changed)) {
		if a, ok := pending[id]; ok {
			err = putJSON(sugs, annKey(docID, id), a)
		} else {
			err = sugs.Delete(annKey(docID, id))
		}
		if err != nil {
			return nil, err
		}
	}
	sum, err := loadSummary(tx, docID) // as Unaccept and Accept left it
	if err != nil {
		return nil, err
	}
	if sum.Pending != len(pending) {
		sum.Pending = len(pending)
		if err := putJSON(tx.Bucket(bucketSummaries), idKey(docID), sum); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// unlinkPending drops the links of document docID's pending suggestions to
// the annotations deleted (Store.apply).
func unlinkPending(tx *bbolt.Tx, docID uint64, deleted map[uint64]bool, now time.Time) error {
	b := tx.Bucket(bucketSuggestions)
	linking, err := linkingIn(b, docID, deleted, "suggestion")
	if err != nil {
		return err
	}
	for _, a := range linking {
		pruneLinks(&a, func(t uint64) bool { return !deleted[t] })
		a.Modified = now
		if err := putJSON(b, annKey(docID, a.ID), a); err != nil {
			return err
		}
	}
	return nil
}

// shiftRejections carries the rejections of a text over to the text a cut
// keeps of it (code points [start, end), SHA-256 to): those whose spans lie
// inside, shifted by -start. The old text's stay, for an undo of the cut.
func shiftRejections(tx *bbolt.Tx, from, to []byte, start, end int) error {
	b := tx.Bucket(bucketRejected)
	type entry struct {
		fingerprint string
		r           rejection
	}
	var moved []entry
	c := b.Cursor()
	for k, v := c.Seek(from); k != nil && hasPrefix(k, from); k, v = c.Next() {
		var r rejection
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("a rejected suggestion (%s) is unreadable: %w", k[len(from):], err)
		}
		spans := make([]annotation.Span, 0, len(r.Spans))
		inside := len(r.Spans) > 0
		for _, sp := range r.Spans {
			inside = inside && sp[0] >= start && sp[1] <= end
			spans = append(spans, annotation.Span{Start: sp[0] - start, End: sp[1] - start})
		}
		if !inside {
			continue
		}
		for i, sp := range spans {
			r.Spans[i] = [2]int{sp.Start, sp.End}
		}
		moved = append(moved, entry{annotation.Fingerprint(r.Label, spans), r})
	}
	for _, m := range moved {
		if err := putJSON(b, rejectedKey(to, m.fingerprint), m.r); err != nil {
			return err
		}
	}
	return nil
}

// fitSuggestions makes every pending suggestion fit the codebook labels
// after a change of it: each goes through rewrite (nil: kept as it is), and
// one that rewrite drops or that labels does not allow (its label, its
// links' relation types, its attributes) is dropped, with the links to it.
// A document that lost any has its Suggester cleared, so that the suggester
// runs again under the new codebook. Suggestions are proposals: a codebook
// change never fails for them.
func fitSuggestions(tx *bbolt.Tx, labels annotation.LabelSet, rewrite func(annotation.Annotation) (annotation.Annotation, bool)) error {
	b := tx.Bucket(bucketSuggestions)
	var docs []uint64
	c := b.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Seek(idKey(docs[len(docs)-1] + 1)) {
		doc, _, _ := splitAnnKey(k)
		docs = append(docs, doc)
	}
	fits := func(a annotation.Annotation) bool {
		_, ok := labels.Find(a.Label)
		return ok && len(labels.Lacks(a)) == 0 &&
			!slices.ContainsFunc(a.Links, func(l annotation.Link) bool { _, ok := labels.Relation(string(l.Type)); return !ok })
	}
	for _, doc := range docs {
		list, err := appendRange(nil, b, doc, "suggestion")
		if err != nil {
			return err
		}
		dropped, changed := map[uint64]bool{}, map[uint64]bool{}
		for i, a := range list {
			if rewrite != nil {
				var keep bool
				if list[i], keep = rewrite(a); !keep {
					dropped[a.ID] = true
					continue
				}
				if !sameJSON(a, list[i]) {
					changed[a.ID] = true
				}
			}
			if !fits(list[i]) {
				dropped[a.ID] = true
			}
		}
		if len(dropped) == 0 && len(changed) == 0 {
			continue
		}
		for i := range list {
			a := &list[i]
			if dropped[a.ID] {
				if err := b.Delete(annKey(doc, a.ID)); err != nil {
					return err
				}
				continue
			}
			if pruneLinks(a, func(t uint64) bool { return !dropped[t] }) || changed[a.ID] {
				if err := putJSON(b, annKey(doc, a.ID), *a); err != nil {
					return err
				}
			}
		}
		if len(dropped) == 0 {
			continue
		}
		sum, err := loadSummary(tx, doc)
		if err != nil {
			return err
		}
		sum.Pending, sum.Suggester = len(list)-len(dropped), ""
		if err := putJSON(tx.Bucket(bucketSummaries), idKey(doc), sum); err != nil {
			return err
		}
	}
	return nil
}

// pendingIDs returns the ids of every pending suggestion of the project.
func pendingIDs(tx *bbolt.Tx) map[uint64]bool {
	out := map[uint64]bool{}
	c := tx.Bucket(bucketSuggestions).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		_, id, _ := splitAnnKey(k)
		out[id] = true
	}
	return out
}
