package app

import (
	"maps"
	"slices"

	"glossa/annotation"
)

// The fake's codebook edits use the domain's pure functions, as
// storage.Store's do: the codebook change and the rewrite of each
// document's annotations.

func (s *fakeStore) CodebookUse() (annotation.CodebookUse, error) {
	var u annotation.CodebookUse
	for _, doc := range slices.Sorted(maps.Keys(s.anns)) {
		for _, id := range slices.Sorted(maps.Keys(s.anns[doc])) {
			u.Add(s.anns[doc][id])
		}
	}
	return u, nil
}

func (s *fakeStore) EditCodebook(e annotation.CodebookEdit) (annotation.CodebookChange, error) {
	if err := s.takeFail(); err != nil {
		return annotation.CodebookChange{}, err
	}
	after, err := e.Apply(s.labels)
	if err != nil {
		return annotation.CodebookChange{}, err
	}
	c := annotation.CodebookChange{Edit: e, Before: s.labels, After: after}
	next := map[uint64]map[uint64]annotation.Annotation{}
	for _, doc := range slices.Sorted(maps.Keys(s.anns)) {
		m := s.anns[doc]
		var anns []annotation.Annotation
		for _, id := range slices.Sorted(maps.Keys(m)) {
			anns = append(anns, m[id])
		}
		put, del, err := e.Rewrite(anns)
		if err != nil {
			return annotation.CodebookChange{}, err
		}
		n := maps.Clone(m)
		for _, a := range put {
			c.Annotations = append(c.Annotations, annotation.AnnotationChange{Before: m[a.ID], After: a})
			n[a.ID] = a
		}
		for _, id := range del {
			c.Annotations = append(c.Annotations, annotation.AnnotationChange{Before: m[id]})
			delete(n, id)
		}
		next[doc] = n
	}
	ents := slices.Clone(s.entities)
	for i, en := range ents {
		if after, ok := e.RewriteEntity(en); ok {
			c.Entities = append(c.Entities, annotation.EntityChange{Before: en, After: after})
			ents[i] = after
		}
	}
	s.labels, s.anns, s.entities = after, next, ents
	return c, nil
}

func (s *fakeStore) RevertCodebook(c annotation.CodebookChange) error {
	if err := s.takeFail(); err != nil {
		return err
	}
	s.labels = c.Before
	for _, a := range c.Annotations {
		s.anns[a.Before.DocID][a.Before.ID] = a.Before
	}
	for _, e := range c.Entities {
		if i := slices.IndexFunc(s.entities, func(x annotation.Entity) bool { return x.ID == e.Before.ID }); i >= 0 {
			s.entities[i] = e.Before
		}
	}
	return nil
}
