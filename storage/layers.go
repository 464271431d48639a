package storage

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

// Annotator layers (issue 21). Every annotation belongs to one layer
// (annotation.LayerOf); a link joins annotations of one layer only, which
// apply checks for every annotation it puts, and no edit moves an
// annotation to another layer. Each summary counts its document's
// annotations by layer (Summary.Layers), kept by every write.
//
// A layer of one document brought in from another annotator's file
// (ReplaceLayer) is recorded in the layers bucket, keyed by the SHA-256 of
// the text and the layer's name, as rejections are: a deletion of the
// document keeps the record, so that an undo of it (the same text back)
// finds it. The record holds the file's name, the digest the merge
// computed of what it brought in, the time, and the digest of the layer as
// stored (annotation.LayerDigest): a layer whose annotations no longer
// match it was made, edited or deleted here since (LayerSource.Edited),
// and ReplaceLayer does not replace it unless told to. Tracking the layer's
// digest rather than each annotation's origin needs no field in the
// annotations and no bookkeeping in every edit: an edit undone, or a layer
// edited back to what was merged, counts as unchanged.

// layerRecord is what the layers bucket keeps of one merged layer of one
// text.
type layerRecord struct {
	File   string    `json:"file"`
	Digest string    `json:"digest"` // the merge's digest of what it brought in
	Merged time.Time `json:"merged"`
	Stored string    `json:"stored"` // annotation.LayerDigest of the layer as ReplaceLayer left it
}

// layerKey is the layers bucket's key of layer for the text whose SHA-256
// (32 bytes) is sum.
func layerKey(sum []byte, layer string) []byte {
	k := make([]byte, 0, len(sum)+len(layer))
	return append(append(k, sum...), layer...)
}

// loadLayerRecord reads the record of layer for the text sum.
func loadLayerRecord(tx *bbolt.Tx, sum []byte, layer string) (layerRecord, bool, error) {
	var r layerRecord
	found, err := getJSON(tx.Bucket(bucketLayers), layerKey(sum, layer), &r)
	if err != nil {
		return r, false, fmt.Errorf("the merge record of %s is unreadable: %w", annotation.LayerPhrase(layer), err)
	}
	return r, found, nil
}

// settledAnnotations returns copies of recs, one document's records from a
// file, the annotations among them in the layers a store keeps them
// (annotation.SettleLayers), the suggestions (pending or rejected, unless
// restoring, where everything is an annotation) left as they are: they are
// in no layer.
func settledAnnotations(recs []annotation.Annotation, restoring bool) ([]annotation.Annotation, error) {
	out := make([]annotation.Annotation, len(recs))
	var idx []int
	var anns []annotation.Annotation
	for i, a := range recs {
		out[i] = a.Clone()
		if restoring || !a.Provenance.Pending() && !a.Provenance.Rejected() {
			idx = append(idx, i)
			anns = append(anns, out[i])
		}
	}
	if _, err := annotation.SettleLayers(anns); err != nil {
		return nil, err
	}
	for k, i := range idx {
		out[i] = anns[k]
	}
	return out, nil
}

// migrateLayers turns a version 2 file into version 3: the layers bucket,
// and each document's summary counting its annotations by layer. A link
// between annotations of two authors (a claim tagged by hand to an
// imported source that names none) would cross layers: those annotations
// are given one layer (annotation.SettleLayers), and only they are
// rewritten.
func migrateLayers(tx *bbolt.Tx) error {
	if err := createBuckets(tx, bucketLayers); err != nil {
		return err
	}
	var docs []uint64
	if err := tx.Bucket(bucketDocuments).ForEach(func(k, _ []byte) error {
		docs = append(docs, keyID(k))
		return nil
	}); err != nil {
		return err
	}
	b := tx.Bucket(bucketAnnotations)
	for _, doc := range docs {
		anns, err := docAnnotations(tx, doc)
		if err != nil {
			return err
		}
		changed, err := annotation.SettleLayers(anns)
		if err != nil {
			return fmt.Errorf("document %d: %w", doc, err)
		}
		for _, i := range changed {
			if err := putJSON(b, annKey(doc, anns[i].ID), anns[i]); err != nil {
				return err
			}
		}
		sum, err := loadSummary(tx, doc)
		if err != nil {
			return err
		}
		sum.Layers = annotation.CountLayers(anns)
		if err := putJSON(tx.Bucket(bucketSummaries), idKey(doc), sum); err != nil {
			return err
		}
	}
	return nil
}

// addLayers adds delta to counts, dropping layers left without any, and
// returns the result (nil for none).
func addLayers(counts, delta map[string]int) map[string]int {
	out := maps.Clone(counts)
	for l, n := range delta {
		if n == 0 {
			continue
		}
		if out == nil {
			out = map[string]int{}
		}
		out[l] += n
		if out[l] <= 0 {
			delete(out, l)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// layerLookup tells the layer of an annotation of one document, from the
// annotations an edit puts or else from the store, reading each stored one
// once.
type layerLookup struct {
	anns   *bbolt.Bucket
	docID  uint64
	put    map[uint64]annotation.Annotation
	stored map[uint64]string
}

func (l *layerLookup) of(id uint64) (string, error) {
	if a, ok := l.put[id]; ok {
		return annotation.LayerOf(a), nil
	}
	if layer, ok := l.stored[id]; ok {
		return layer, nil
	}
	var a annotation.Annotation
	found, err := getAnnotation(l.anns, l.docID, id, &a)
	if err != nil {
		return "", fmt.Errorf("annotation %d is unreadable: %w", id, err)
	}
	if !found {
		return "", fmt.Errorf("annotation %d: %w", id, annotation.ErrNotFound)
	}
	if l.stored == nil {
		l.stored = map[uint64]string{}
	}
	l.stored[id] = annotation.LayerOf(a)
	return l.stored[id], nil
}

// crossLayerError is the error of a's link l to an annotation of layer
// target, another layer than a's.
func crossLayerError(a annotation.Annotation, l annotation.Link, target string) error {
	return fmt.Errorf("annotation %d of %s has a %s link to annotation %d of %s, but %w: copy the target into %s to link to it",
		a.ID, annotation.LayerPhrase(annotation.LayerOf(a)), l.Type, l.Target, annotation.LayerPhrase(target),
		annotation.ErrCrossLayer, annotation.LayerPhrase(annotation.LayerOf(a)))
}

// movedLayerError is the error of an edit that would move annotation old
// to a's layer.
func movedLayerError(old, a annotation.Annotation) error {
	return fmt.Errorf("annotation %d belongs to %s and cannot move to %s (%w); copy it there instead",
		a.ID, annotation.LayerPhrase(annotation.LayerOf(old)), annotation.LayerPhrase(annotation.LayerOf(a)), annotation.ErrCrossLayer)
}

// Layers lists the project's layers: every layer that holds annotations or
// was merged into an article of the project, with its annotations and
// articles (from the summaries) and, for a merged layer, the files it came
// from and the time of the last merge. The unnamed layer comes first, the
// curated layer last, annotators by name between.
func (s *Store) Layers() ([]annotation.LayerInfo, error) {
	byName := map[string]*annotation.LayerInfo{}
	info := func(name string) *annotation.LayerInfo {
		if byName[name] == nil {
			byName[name] = &annotation.LayerInfo{Name: name, Curated: name == annotation.CuratedLayer}
		}
		return byName[name]
	}
	files := map[string]map[string]bool{}
	err := s.view(func(tx *bbolt.Tx) error {
		err := tx.Bucket(bucketSummaries).ForEach(func(k, v []byte) error {
			var sum annotation.Summary
			if err := json.Unmarshal(v, &sum); err != nil {
				return fmt.Errorf("summary of document %d is unreadable: %w", keyID(k), err)
			}
			for name, n := range sum.Layers {
				l := info(name)
				l.Annotations += n
				l.Articles++
			}
			return nil
		})
		if err != nil {
			return err
		}
		shas := tx.Bucket(bucketSHA256)
		return tx.Bucket(bucketLayers).ForEach(func(k, v []byte) error {
			if len(k) < 32 || shas.Get(k[:32]) == nil {
				return nil // a deleted document's, kept for an undo
			}
			var r layerRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("a merge record (%q) is unreadable: %w", k[32:], err)
			}
			name := string(k[32:])
			l := info(name)
			if r.Merged.After(l.Merged) {
				l.Merged = r.Merged
			}
			if files[name] == nil {
				files[name] = map[string]bool{}
			}
			files[name][r.File] = true
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	out := make([]annotation.LayerInfo, 0, len(byName))
	for name, l := range byName {
		l.Files = slices.Sorted(maps.Keys(files[name]))
		out = append(out, *l)
	}
	slices.SortFunc(out, func(a, b annotation.LayerInfo) int {
		return cmp.Or(cmp.Compare(btoi(a.Curated), btoi(b.Curated)), cmp.Compare(a.Name, b.Name))
	})
	return out, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// LayerSource returns the record of the last merge of layer into document
// docID (ReplaceLayer), found false when the layer was never merged into
// its text. Edited says that the layer's annotations of the document are
// no longer what that merge stored (made, edited or deleted here since, or
// the document deleted and imported again): a merge skips an article only
// when the record is found, not Edited, and its Digest is that of what it
// brings in.
func (s *Store) LayerSource(docID uint64, layer string) (annotation.LayerSource, bool, error) {
	var src annotation.LayerSource
	found := false
	err := s.view(func(tx *bbolt.Tx) error {
		doc, err := loadDocument(tx, docID, false)
		if err != nil {
			return err
		}
		sha, err := docSHA(doc)
		if err != nil {
			return err
		}
		r, ok, err := loadLayerRecord(tx, sha, layer)
		if err != nil || !ok {
			return err
		}
		current, err := layerAnnotations(tx, docID, layer)
		if err != nil {
			return err
		}
		found = true
		src = annotation.LayerSource{File: r.File, Digest: r.Digest, Merged: r.Merged, Edited: annotation.LayerDigest(current) != r.Stored}
		return nil
	})
	return src, found, err
}

// layerAnnotations returns document docID's annotations of layer.
func layerAnnotations(tx *bbolt.Tx, docID uint64, layer string) ([]annotation.Annotation, error) {
	all, err := docAnnotations(tx, docID)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(a annotation.Annotation) bool { return annotation.LayerOf(a) != layer }), nil
}

// ReplaceLayer makes anns the annotations of layer in document docID, in
// one transaction, and records source (its File and Digest; Merged is
// set to now) as where they came from: a merge of another annotator's
// file. The layer's annotations of the document are deleted; anns are
// stored in the layer (their Layer set to it) under new ids, their links
// (which must point to annotations of anns, by the ids anns gives them)
// following, their entities registry ids, each checked as Apply checks
// it. When anns holds what the layer holds already (annotation.LayerDigest)
// nothing is rewritten, and the ids stay: replacing a layer twice with the
// same annotations is the same as once.
//
// A layer that holds annotations made, edited or deleted here since the
// last merge, or never merged, is not replaced: the error wraps
// annotation.ErrLayerEdited, unless source.Overwrite says to replace it
// all the same. The layer's name must be an annotator's
// (annotation.ValidAnnotatorName) or annotation.CuratedLayer. On any error
// nothing changes. It returns the layer's annotations as stored, by start,
// then id.
func (s *Store) ReplaceLayer(docID uint64, layer string, anns []annotation.Annotation, source annotation.LayerSource) ([]annotation.Annotation, error) {
	if err := annotation.ValidLayer(layer); err != nil {
		return nil, err
	}
	var out []annotation.Annotation
	err := s.update(func(tx *bbolt.Tx) error {
		var err error
		out, err = s.replaceLayer(tx, docID, layer, anns, source)
		return err
	})
	if err != nil {
		return nil, err
	}
	sortAnnotations(out)
	return out, nil
}

func (s *Store) replaceLayer(tx *bbolt.Tx, docID uint64, layer string, anns []annotation.Annotation, source annotation.LayerSource) ([]annotation.Annotation, error) {
	doc, err := loadDocument(tx, docID, false)
	if err != nil {
		return nil, err
	}
	sha, err := docSHA(doc)
	if err != nil {
		return nil, err
	}
	current, err := layerAnnotations(tx, docID, layer)
	if err != nil {
		return nil, err
	}
	rec, merged, err := loadLayerRecord(tx, sha, layer)
	if err != nil {
		return nil, err
	}
	now := s.now()
	have := annotation.LayerDigest(current)
	if len(current) > 0 && (!merged || have != rec.Stored) && !source.Overwrite {
		how := "were made here"
		if merged {
			how = fmt.Sprintf("were made or edited here since it was merged from %s", rec.File)
		}
		return nil, fmt.Errorf("article %d %q: the %d annotations of %s %s; replacing the layer would lose them (%w): merge the file as another layer",
			docID, doc.Title, len(current), annotation.LayerPhrase(layer), how, annotation.ErrLayerEdited)
	}

	in := make([]annotation.Annotation, len(anns))
	given := make(map[uint64]int, len(anns)) // the caller's id -> index
	for i, a := range anns {
		a = a.Clone()
		if a.DocID != 0 && a.DocID != docID {
			return nil, fmt.Errorf("annotation %d of the layer belongs to document %d, not %d: %w", a.ID, a.DocID, docID, annotation.ErrNotFound)
		}
		if a.ID != 0 {
			if _, dup := given[a.ID]; dup {
				return nil, fmt.Errorf("two annotations of the layer have the id %d: %w", a.ID, annotation.ErrBadLink)
			}
			given[a.ID] = i
		}
		a.DocID, a.Layer = docID, layer
		in[i] = a
	}
	for _, a := range in {
		for _, l := range a.Links {
			if _, ok := given[l.Target]; !ok {
				return nil, fmt.Errorf("annotation %d of the layer has a %s link to %d, which is not among the layer's annotations: %w", a.ID, l.Type, l.Target, annotation.ErrDanglingLink)
			}
		}
	}
	want := annotation.LayerDigest(in)
	var out []annotation.Annotation
	if want == have {
		out = current // the same annotations: nothing to rewrite
	} else {
		idx := tx.Bucket(bucketAnnIndex)
		ids := make(map[uint64]uint64, len(in))
		for i := range in {
			id, err := idx.NextSequence()
			if err != nil {
				return nil, err
			}
			if in[i].ID != 0 {
				ids[in[i].ID] = id
			}
			in[i].ID = id
		}
		for i := range in {
			for j, l := range in[i].Links {
				in[i].Links[j].Target = ids[l.Target]
			}
		}
		del := make([]uint64, len(current))
		for i, a := range current {
			del[i] = a.ID
		}
		// apply recreates each under the id just drawn (an unused id).
		if out, err = s.apply(tx, docID, in, del); err != nil {
			return nil, err
		}
	}
	r := layerRecord{File: source.File, Digest: source.Digest, Merged: now, Stored: annotation.LayerDigest(out)}
	if err := putJSON(tx.Bucket(bucketLayers), layerKey(sha, layer), r); err != nil {
		return nil, err
	}
	return out, nil
}
