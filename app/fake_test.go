package app

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"

	"glossa/annotation"
)

// fakeStore is an in-memory Store with storage.Store's Apply semantics:
// atomic, validated, links must resolve, unused nonzero ids recreated.
type fakeStore struct {
	labels   annotation.LabelSet
	docs     []annotation.Document
	anns     map[uint64]map[uint64]annotation.Annotation // doc -> id -> annotation
	entities []annotation.Entity
	lastID   uint64 // annotations' and suggestions' ids
	// sugs holds the pending suggestions (doc -> id -> suggestion),
	// suggester each document's Summary.Suggester, rejected the rejected
	// fingerprints by text SHA-256 (fake_suggestions_test.go).
	sugs      map[uint64]map[uint64]annotation.Annotation
	suggester map[uint64]string
	rejected  map[string]map[string]fakeRejection
	// merges records ReplaceLayer's merges, doc -> layer
	// (fake_layers_test.go).
	merges  map[uint64]map[string]fakeMerge
	fail    error             // returned by the next write, then cleared
	backups []string          // what Backups returns
	copies  map[string]string // Backup: path -> project path copied
	applies int
	closed  bool
	path    string
}

func newFakeStore(docs ...annotation.Document) *fakeStore {
	s := &fakeStore{labels: annotation.DefaultLabelSet(), anns: map[uint64]map[uint64]annotation.Annotation{}, path: "/tmp/fake.glossa",
		sugs: map[uint64]map[uint64]annotation.Annotation{}, suggester: map[uint64]string{}, rejected: map[string]map[string]fakeRejection{}}
	for i, d := range docs {
		d.ID = uint64(i + 1)
		if d.Status == "" {
			d.Status = annotation.StatusNew
		}
		s.docs = append(s.docs, d)
		s.anns[d.ID] = map[uint64]annotation.Annotation{}
	}
	return s
}

func (s *fakeStore) takeFail() error {
	err := s.fail
	s.fail = nil
	return err
}

func (s *fakeStore) Labels() (annotation.LabelSet, error) { return s.labels, nil }

func (s *fakeStore) Documents() ([]annotation.Summary, error) {
	var out []annotation.Summary
	for _, d := range s.docs {
		out = append(out, annotation.Summary{ID: d.ID, Title: d.Title, Outlet: d.Outlet, Status: d.Status,
			Annotations: len(s.anns[d.ID]), Length: annotation.Len(d.Text), Pending: len(s.sugs[d.ID]), Suggester: s.suggester[d.ID],
			Layers: annotation.CountLayers(slices.Collect(maps.Values(s.anns[d.ID])))})
	}
	return out, nil
}

func (s *fakeStore) doc(id uint64) (*annotation.Document, error) {
	for i := range s.docs {
		if s.docs[i].ID == id {
			return &s.docs[i], nil
		}
	}
	return nil, fmt.Errorf("document %d: %w", id, annotation.ErrNotFound)
}

func (s *fakeStore) Document(id uint64) (annotation.Document, error) {
	d, err := s.doc(id)
	if err != nil {
		return annotation.Document{}, err
	}
	return *d, nil
}

func (s *fakeStore) SetStatus(id uint64, st annotation.Status) error {
	if err := s.takeFail(); err != nil {
		return err
	}
	d, err := s.doc(id)
	if err != nil {
		return err
	}
	d.Status = st
	return nil
}

func (s *fakeStore) Annotations(docID uint64) ([]annotation.Annotation, error) {
	if _, err := s.doc(docID); err != nil {
		return nil, err
	}
	var out []annotation.Annotation
	for _, a := range s.anns[docID] {
		out = append(out, a.Clone())
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Start() != out[j].Start() {
			return out[i].Start() < out[j].Start()
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

func (s *fakeStore) owner(id uint64) uint64 {
	for d, m := range s.anns {
		if _, ok := m[id]; ok {
			return d
		}
	}
	return 0
}

func (s *fakeStore) Apply(docID uint64, put []annotation.Annotation, del []uint64) ([]annotation.Annotation, error) {
	if err := s.takeFail(); err != nil {
		return nil, err
	}
	d, err := s.doc(docID)
	if err != nil {
		return nil, err
	}
	o := annotation.NewOffsets(d.Text)
	next := maps.Clone(s.anns[docID])
	last := s.lastID
	var out []annotation.Annotation
	for _, a := range put {
		a = a.Clone()
		a.DocID = docID
		if a.ID == 0 {
			last++
			a.ID = last
		} else if _, ok := next[a.ID]; !ok {
			if ow := s.owner(a.ID); ow != 0 && ow != docID {
				return nil, fmt.Errorf("annotation %d belongs to document %d: %w", a.ID, ow, annotation.ErrNotFound)
			}
			if _, ok := s.sugs[docID][a.ID]; ok {
				return nil, fmt.Errorf("annotation %d is a pending suggestion: %w", a.ID, annotation.ErrInUse)
			}
			last = max(last, a.ID)
		}
		if old, ok := s.anns[docID][a.ID]; ok && annotation.LayerOf(old) != annotation.LayerOf(a) {
			return nil, fmt.Errorf("annotation %d cannot move to another layer: %w", a.ID, annotation.ErrCrossLayer)
		}
		annotation.SortSpans(a.Spans)
		next[a.ID] = a
		out = append(out, a)
	}
	for _, id := range del {
		if _, ok := next[id]; !ok {
			return nil, fmt.Errorf("annotation %d: %w", id, annotation.ErrNotFound)
		}
		delete(next, id)
	}
	exists := func(id uint64) bool { _, ok := next[id]; return ok }
	if err := sameLayerLinks(next); err != nil {
		return nil, err
	}
	for _, a := range next {
		if err := a.Validate(o, s.labels, exists); err != nil {
			return nil, err
		}
		if a.Entity != 0 && !slices.ContainsFunc(s.entities, func(e annotation.Entity) bool { return e.ID == a.Entity }) {
			return nil, annotation.ErrUnknownEntity
		}
	}
	s.anns[docID] = next
	s.lastID = last
	s.unlinkPending(docID, del)
	s.applies++
	return out, nil
}

func (s *fakeStore) Entities() ([]annotation.Entity, error) { return slices.Clone(s.entities), nil }

func (s *fakeStore) AddEntity(e annotation.Entity) (annotation.Entity, error) {
	if err := s.takeFail(); err != nil {
		return annotation.Entity{}, err
	}
	e.ID = 0
	for _, o := range s.entities {
		e.ID = max(e.ID, o.ID)
	}
	e.ID++
	s.entities = append(s.entities, e)
	return e, nil
}

func (s *fakeStore) UpdateEntity(e annotation.Entity) (annotation.Entity, error) {
	if err := s.takeFail(); err != nil {
		return annotation.Entity{}, err
	}
	for i := range s.entities {
		if s.entities[i].ID == e.ID {
			s.entities[i] = e
			return e, nil
		}
	}
	return annotation.Entity{}, fmt.Errorf("entity %d: %w", e.ID, annotation.ErrNotFound)
}

// MergeEntities repoints annotations and keeps the aliases simply; the
// store's rules are tested in storage.
func (s *fakeStore) MergeEntities(keep, merge uint64) (annotation.EntityMerge, error) {
	if err := s.takeFail(); err != nil {
		return annotation.EntityMerge{}, err
	}
	ki := slices.IndexFunc(s.entities, func(e annotation.Entity) bool { return e.ID == keep })
	mi := slices.IndexFunc(s.entities, func(e annotation.Entity) bool { return e.ID == merge })
	if ki < 0 || mi < 0 || keep == merge {
		return annotation.EntityMerge{}, fmt.Errorf("entities %d, %d: %w", keep, merge, annotation.ErrNotFound)
	}
	rec := annotation.EntityMerge{Before: s.entities[ki], Merged: s.entities[mi]}
	rec.Before.Aliases = slices.Clone(rec.Before.Aliases)
	for _, doc := range slices.Sorted(maps.Keys(s.anns)) {
		m := s.anns[doc]
		for _, id := range slices.Sorted(maps.Keys(m)) {
			if a := m[id]; a.Entity == merge {
				a.Entity = keep
				m[id] = a
				rec.Moved = append(rec.Moved, annotation.AnnotationRef{DocID: doc, ID: id})
			}
		}
	}
	m := s.entities[mi]
	k := &s.entities[ki]
	k.Aliases = append(slices.Clone(k.Aliases), append([]string{m.Name}, m.Aliases...)...)
	if k.Note == "" {
		k.Note = m.Note
	}
	rec.After = *k
	s.entities = slices.Delete(s.entities, mi, mi+1)
	return rec, nil
}

// UnmergeEntities takes back a merge as storage.UnmergeEntities does.
func (s *fakeStore) UnmergeEntities(m annotation.EntityMerge) error {
	if err := s.takeFail(); err != nil {
		return err
	}
	ki := slices.IndexFunc(s.entities, func(e annotation.Entity) bool { return e.ID == m.Before.ID })
	if ki < 0 || slices.ContainsFunc(s.entities, func(e annotation.Entity) bool { return e.ID == m.Merged.ID }) {
		return fmt.Errorf("entities %d, %d: %w", m.Before.ID, m.Merged.ID, annotation.ErrNotFound)
	}
	s.entities[ki] = annotation.RestoreFields(s.entities[ki], m.After, m.Before)
	for _, r := range m.Moved {
		if a, ok := s.anns[r.DocID][r.ID]; ok && a.Entity == m.Before.ID {
			a.Entity = m.Merged.ID
			s.anns[r.DocID][r.ID] = a
		}
	}
	s.entities = append(s.entities, m.Merged)
	slices.SortFunc(s.entities, func(a, b annotation.Entity) int { return cmp.Compare(a.ID, b.ID) })
	return nil
}

// Backup records the copy; it fails like a write.
func (s *fakeStore) Backup(path string) error {
	if err := s.takeFail(); err != nil {
		return err
	}
	if s.copies == nil {
		s.copies = map[string]string{}
	}
	s.copies[path] = s.path
	return nil
}

func (s *fakeStore) Backups() []string { return slices.Clone(s.backups) }

func (s *fakeStore) Path() string { return s.path }
func (s *fakeStore) Close() error { s.closed = true; return nil }

// stored returns the stored annotations of document 1.
func (s *fakeStore) stored() []annotation.Annotation {
	out, _ := s.Annotations(1)
	return out
}

func (s *fakeStore) DeleteEntity(id uint64) error {
	if err := s.takeFail(); err != nil {
		return err
	}
	for _, anns := range s.anns {
		for _, a := range anns {
			if a.Entity == id {
				return errors.New("entity is still in use")
			}
		}
	}
	i := slices.IndexFunc(s.entities, func(e annotation.Entity) bool { return e.ID == id })
	if i < 0 {
		return annotation.ErrNotFound
	}
	s.entities = slices.Delete(s.entities, i, i+1)
	return nil
}

func (s *fakeStore) RestoreEntity(e annotation.Entity) error {
	if err := s.takeFail(); err != nil {
		return err
	}
	s.entities = slices.DeleteFunc(s.entities, func(o annotation.Entity) bool { return o.ID == e.ID })
	s.entities = append(s.entities, e)
	slices.SortFunc(s.entities, func(a, b annotation.Entity) int { return cmp.Compare(a.ID, b.ID) })
	return nil
}

func (s *fakeStore) EachAnnotated(fn func(b annotation.Bundle) error) error {
	return s.EachBundle(func(b annotation.Bundle) error {
		b.Document.Text = ""
		return fn(b)
	})
}

func (s *fakeStore) EachBundle(fn func(b annotation.Bundle) error) error {
	for _, d := range s.docs {
		anns, err := s.Annotations(d.ID)
		if err != nil {
			return err
		}
		if err := fn(annotation.Bundle{Document: d, Annotations: anns}); err != nil {
			return err
		}
	}
	return nil
}
