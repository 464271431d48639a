package storage

import (
	"fmt"
	"slices"
	"time"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

// ImportOptions says how ImportBundles stores bundles.
type ImportOptions struct {
	// KeepIDs keeps the bundles' document, annotation and suggestion ids
	// where they are free (to restore an exported dataset into a new file
	// as it was). Otherwise, and where an id is taken, new ids are
	// assigned and the links inside each document follow.
	KeepIDs bool
	// EntityMap maps the bundles' entity ids to this store's (as
	// PutEntities returns). Ids it lacks are used as they are.
	EntityMap map[uint64]uint64
	// Suggester names what made the pending suggestions a bundle brings,
	// from the codebook they are stored under: it becomes the
	// Summary.Suggester of a document that brings any. The window computes
	// an article's suggestions again when that differs from its own stamp,
	// which would renumber those under review, so corpus passes
	// suggest.Stamp. nil records SuggesterImported.
	Suggester func(annotation.LabelSet) string

	// restoring: the bundle is a document as this store held it
	// (RestoreDocuments): its annotations stay annotations, whatever their
	// provenance says.
	restoring bool
}

// SuggesterImported is the Summary.Suggester of a document whose pending
// suggestions came from a file, when ImportBundles was not told what made
// them (ImportOptions.Suggester).
const SuggesterImported = "imported"

// ImportResult is what became of one bundle.
type ImportResult struct {
	Doc         annotation.Document // as stored, without its text
	Annotations int                 // annotations stored
	// Pending counts the suggestions stored as pending; Rejected those
	// remembered as rejected (the file says so, or this project rejected
	// the same suggestion on the same text before) and not stored.
	Pending, Rejected int
	// DroppedLinks counts links left out because their target is not
	// stored as an annotation: from an annotation to a pending suggestion
	// (an annotation never links to one), or to a rejected suggestion.
	DroppedLinks int
	DuplicateOf  uint64 // nonzero when skipped: the document with the same text
}

// ImportBundles stores bundles in one Update transaction (one fsync for the
// whole batch). Documents keep their Created, Modified and Status (zero or
// empty ones become now and new); a given SHA256 must match the text. A text
// already in the project, or earlier in the batch, is skipped and reported
// in its result. Any other problem (bad text, an annotation failing
// validation, a link leaving its document) fails the whole batch, and
// nothing is stored. Results are in the order of bs.
//
// An annotation of a bundle whose Provenance is a pending suggestion's
// (annotation.Provenance.Pending: a file exported with its suggestions)
// is stored as a pending suggestion of its document, checked as
// SetSuggestions checks one, with Origin suggested and Review pending; ids
// and links are handled as the annotations' are, both ways, except that a
// link from an annotation to a pending suggestion is dropped, as Accept
// drops it. One whose Provenance is a rejected suggestion's is not stored:
// its label and spans are remembered as rejected for the text (as
// ReviewSuggestions' Reject does), and the links to it are dropped; so is
// a pending one this project rejected on the same text before. The
// document's summary counts the pending ones, and its Suggester is set
// (ImportOptions.Suggester) when there are any.
func (s *Store) ImportBundles(bs []annotation.Bundle, opt ImportOptions) ([]ImportResult, error) {
	results := make([]ImportResult, len(bs))
	err := s.update(func(tx *bbolt.Tx) error {
		labels, err := loadLabels(tx)
		if err != nil {
			return err
		}
		now := s.now()
		var pending map[uint64]bool
		if opt.KeepIDs {
			pending = pendingIDs(tx)
		}
		for i, b := range bs {
			r, err := importBundle(tx, now, labels, b, opt, pending)
			if err != nil {
				return fmt.Errorf("document %d of the batch (%q): %w", i+1, b.Document.Title, err)
			}
			results[i] = r
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

// What an imported annotation becomes (importBundle).
type importAs int

const (
	asAnnotation importAs = iota
	asPendingSuggestion
	asRejection      // rejected in the file: remembered as rejected
	asRejectedBefore // rejected on this text before: already remembered
)

// stored reports whether k is stored, as an annotation or a suggestion.
func (k importAs) stored() bool { return k == asAnnotation || k == asPendingSuggestion }

// importBundle stores b (see ImportBundles). With opt.KeepIDs an
// annotation or suggestion keeps its id unless an annotation or one of
// pending (the ids of pending suggestions, which have no index entry) has
// it; the ids of the suggestions it stores are added to pending.
func importBundle(tx *bbolt.Tx, now time.Time, labels annotation.LabelSet, b annotation.Bundle, opt ImportOptions, pending map[uint64]bool) (ImportResult, error) {
	d := b.Document
	if err := checkText(d.Text); err != nil {
		return ImportResult{}, err
	}
	sum := annotation.TextSHA256(d.Text)
	if d.SHA256 != "" && d.SHA256 != sum {
		return ImportResult{}, fmt.Errorf("document %d: %w", d.ID, annotation.ErrChecksum)
	}
	d.SHA256 = sum
	if dup := duplicateOf(tx, sum); dup != 0 {
		d.Text = ""
		return ImportResult{Doc: d, DuplicateOf: dup}, nil
	}
	sha, err := docSHA(d)
	if err != nil {
		return ImportResult{}, err
	}
	if d.Status == "" {
		d.Status = annotation.StatusNew
	}
	if !d.Status.Valid() {
		return ImportResult{}, fmt.Errorf("status %q: %w", d.Status, ErrInvalidDocument)
	}
	if d.Created.IsZero() {
		d.Created = now
	}
	if d.Modified.IsZero() {
		d.Modified = now
	}
	d.Authors = slices.Clone(d.Authors)
	docs := tx.Bucket(bucketDocuments)
	if opt.KeepIDs && d.ID != 0 && docs.Get(idKey(d.ID)) == nil {
		if err := bumpSequence(docs, d.ID); err != nil {
			return ImportResult{}, err
		}
	} else {
		id, err := docs.NextSequence()
		if err != nil {
			return ImportResult{}, err
		}
		d.ID = id
	}

	// What each one becomes: a suggestion this text's rejections name is
	// left out, as SetSuggestions leaves it out.
	o := annotation.NewOffsets(d.Text)
	var res ImportResult
	recs := make([]annotation.Annotation, len(b.Annotations))
	as := make([]importAs, len(b.Annotations))
	var rejectedBefore map[string]bool
	// Linked annotations share one layer (annotation.SettleLayers): a file
	// from before layers may link annotations of two authors. Pending and
	// rejected suggestions are in no layer and stay as they are.
	in, err := settledAnnotations(b.Annotations, opt.restoring)
	if err != nil {
		return ImportResult{}, err
	}
	for i, a := range in {
		a.DocID = d.ID
		prepareSpans(&a, o)
		recs[i] = a
		p := a.Provenance
		if opt.restoring || !p.Rejected() && !p.Pending() {
			continue
		}
		if rejectedBefore == nil {
			rejectedBefore = rejectedOf(tx, sha)
		}
		switch {
		case rejectedBefore[annotation.Fingerprint(a.Label, a.Spans)]:
			as[i] = asRejectedBefore
		case p.Rejected():
			as[i] = asRejection
		default:
			as[i] = asPendingSuggestion
		}
	}

	// Ids, for annotations and suggestions alike (one sequence): first keep
	// the free ones, then number the rest, so that a new id never takes one
	// a later record keeps. A rejection takes none.
	idx := tx.Bucket(bucketAnnIndex)
	newIDs := make([]uint64, len(recs))
	used := map[uint64]bool{}
	if opt.KeepIDs {
		for i, a := range recs {
			// An id at or above NewIDBase is renumbered: kept, it would
			// push the sequence where suggestions' local ids live.
			if as[i].stored() && a.ID != 0 && a.ID < annotation.NewIDBase && !used[a.ID] && !pending[a.ID] && idx.Get(idKey(a.ID)) == nil {
				newIDs[i] = a.ID
				used[a.ID] = true
				if err := bumpSequence(idx, a.ID); err != nil {
					return ImportResult{}, err
				}
			}
		}
	}
	for i := range recs {
		if newIDs[i] != 0 || !as[i].stored() {
			continue
		}
		id, err := idx.NextSequence()
		if err != nil {
			return ImportResult{}, err
		}
		newIDs[i] = id
	}
	// The file's ids: the first record of an id is the one links name.
	remap := make(map[uint64]uint64, len(recs))
	dropped := map[uint64]bool{}
	isSuggestion := map[uint64]bool{}
	for i, a := range recs {
		if _, dup := remap[a.ID]; a.ID == 0 || dup || dropped[a.ID] {
			continue
		}
		switch as[i] {
		case asRejection, asRejectedBefore:
			dropped[a.ID] = true
		case asPendingSuggestion:
			isSuggestion[newIDs[i]] = true
			fallthrough
		default:
			remap[a.ID] = newIDs[i]
		}
	}
	for i := range recs {
		a := &recs[i]
		if !as[i].stored() {
			continue
		}
		old := a.ID
		a.ID = newIDs[i]
		n := len(a.Links)
		keep := a.Links[:0]
		for _, l := range a.Links {
			target, ok := remap[l.Target]
			switch {
			case dropped[l.Target] || ok && as[i] == asAnnotation && isSuggestion[target]:
				continue
			case !ok:
				return ImportResult{}, fmt.Errorf("annotation %d: %s link to %d, which is not in this document: %w", old, l.Type, l.Target, annotation.ErrDanglingLink)
			}
			l.Target = target
			keep = append(keep, l)
		}
		a.Links = keep
		if len(keep) == 0 {
			a.Links = nil
		}
		res.DroppedLinks += n - len(keep)
		if a.Entity != 0 {
			if id, ok := opt.EntityMap[a.Entity]; ok {
				a.Entity = id
			}
		}
		if a.Created.IsZero() {
			a.Created = now
		}
		if a.Modified.IsZero() {
			a.Modified = now
		}
	}

	anns := tx.Bucket(bucketAnnotations)
	annIDs := make(map[uint64]bool, len(recs))
	for i, id := range newIDs {
		annIDs[id] = as[i] == asAnnotation
	}
	isAnnotation := func(id uint64) bool { return annIDs[id] }
	var sugs, stored []annotation.Annotation
	var named []string
	for i, a := range recs {
		switch as[i] {
		case asRejectedBefore:
			res.Rejected++
		case asRejection:
			res.Rejected++
			when := a.Modified
			if when.IsZero() {
				when = now
			}
			if err := rememberRejection(tx, sha, a, when); err != nil {
				return ImportResult{}, err
			}
		case asPendingSuggestion:
			asPending(&a)
			sugs = append(sugs, a)
			named = append(named, fmt.Sprintf("suggestion %d (%s at %d)", b.Annotations[i].ID, a.Label, a.Start()))
		default:
			if err := checkAnnotation(tx, a, o, labels, isAnnotation); err != nil {
				return ImportResult{}, err
			}
			if err := putAnnotation(anns, idx, a); err != nil {
				return ImportResult{}, err
			}
			stored = append(stored, a)
			res.Annotations++
		}
	}
	counts := annotation.Summary{Length: o.Len(), Annotations: res.Annotations, Layers: annotation.CountLayers(stored)}
	if len(sugs) > 0 {
		if err := putPending(tx, d.ID, sugs, named, o, labels); err != nil {
			return ImportResult{}, err
		}
		res.Pending = len(sugs)
		counts.Pending, counts.Suggester = len(sugs), SuggesterImported
		if opt.Suggester != nil {
			counts.Suggester = opt.Suggester(labels)
		}
		if pending != nil {
			for _, a := range sugs {
				pending[a.ID] = true
			}
		}
	}
	if err := insertDocumentCounted(tx, d, counts); err != nil {
		return ImportResult{}, err
	}
	d.Text = ""
	res.Doc = d
	return res, nil
}

// insertDocumentCounted is insertDocument with known counts (putDocument).
func insertDocumentCounted(tx *bbolt.Tx, d annotation.Document, counts annotation.Summary) error {
	k, err := shaKey(d.SHA256)
	if err != nil {
		return err
	}
	if err := tx.Bucket(bucketTexts).Put(idKey(d.ID), []byte(d.Text)); err != nil {
		return err
	}
	if err := tx.Bucket(bucketSHA256).Put(k, idKey(d.ID)); err != nil {
		return err
	}
	return putDocument(tx, d, counts)
}

// EachBundle calls fn with every document (with its text) and its
// annotations (by start, then id), in document id order, in one read
// transaction. Only one document is in memory at a time: the slice
// b.Annotations is reused for the next document once fn returns, so fn
// copies it (slices.Clone) to keep it; the annotations' own strings, maps
// and slices are never reused. An error from fn stops the walk and is
// returned. Pending suggestions are not annotations: EachBundle leaves
// them out (EachBundleSuggestions gives them).
func (s *Store) EachBundle(fn func(b annotation.Bundle) error) error {
	return s.eachBundle(true, false, func(b annotation.Bundle, _ []annotation.Annotation) error { return fn(b) })
}

// EachAnnotated is EachBundle without the texts: b.Document.Text is
// empty (the annotations' spans keep their own text). For what reads
// metadata and annotations only (glossa stats, the who-said-what graph):
// the texts bucket is never read, nor the texts copied.
func (s *Store) EachAnnotated(fn func(b annotation.Bundle) error) error {
	return s.eachBundle(false, false, func(b annotation.Bundle, _ []annotation.Annotation) error { return fn(b) })
}

// EachBundleSuggestions is EachBundle that also gives fn each document's
// pending suggestions (by start, then id; reused as b.Annotations is), read
// in the same transaction: an export that writes them asks for them here,
// rather than calling Suggestions inside fn (a read transaction opened
// inside another can wait forever for an edit that waits for the first).
func (s *Store) EachBundleSuggestions(fn func(b annotation.Bundle, pending []annotation.Annotation) error) error {
	return s.eachBundle(true, true, fn)
}

func (s *Store) eachBundle(withText, withPending bool, fn func(b annotation.Bundle, pending []annotation.Annotation) error) error {
	return s.view(func(tx *bbolt.Tx) error {
		var as, ps []annotation.Annotation
		c := tx.Bucket(bucketDocuments).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			id := keyID(k)
			d, err := loadDocument(tx, id, withText)
			if err != nil {
				return err
			}
			if as, err = reuse(as, func(out []annotation.Annotation) ([]annotation.Annotation, error) {
				return appendDocAnnotations(out, tx, id)
			}); err != nil {
				return err
			}
			if withPending {
				if ps, err = reuse(ps, func(out []annotation.Annotation) ([]annotation.Annotation, error) {
					return appendRange(out, tx.Bucket(bucketSuggestions), id, "suggestion")
				}); err != nil {
					return err
				}
			}
			if err := fn(annotation.Bundle{Document: d, Annotations: as}, ps); err != nil {
				return err
			}
		}
		return nil
	})
}

// reuse refills the slice prev (a previous document's) by fill, clears what
// the previous document left past the new length, so that it does not stay
// reachable, and sorts the result by start, then id.
func reuse(prev []annotation.Annotation, fill func([]annotation.Annotation) ([]annotation.Annotation, error)) ([]annotation.Annotation, error) {
	n := len(prev)
	out, err := fill(prev[:0])
	if err != nil {
		return nil, err
	}
	if len(out) < n {
		clear(out[len(out):n])
	}
	sortAnnotations(out)
	return out, nil
}
