package app

import (
	"fmt"
	"slices"

	"glossa/annotation"
)

// The fake store's article operations, with storage.Store's semantics:
// each all or nothing.

func (s *fakeStore) UpdateDocument(d annotation.Document) (annotation.Document, error) {
	if err := s.takeFail(); err != nil {
		return annotation.Document{}, err
	}
	old, err := s.doc(d.ID)
	if err != nil {
		return annotation.Document{}, err
	}
	if d.Text != "" && d.Text != old.Text {
		return annotation.Document{}, fmt.Errorf("document %d: the text cannot change", d.ID)
	}
	d.Text, d.SHA256, d.Created = old.Text, old.SHA256, old.Created
	if d.Status == "" {
		d.Status = old.Status
	}
	d.Authors = slices.Clone(d.Authors)
	*old = d
	return d, nil
}

func (s *fakeStore) bundle(id uint64) (annotation.Bundle, error) {
	d, err := s.Document(id)
	if err != nil {
		return annotation.Bundle{}, err
	}
	as, err := s.Annotations(id)
	return annotation.Bundle{Document: d, Annotations: as}, err
}

func (s *fakeStore) DeleteDocuments(ids []uint64) ([]annotation.Bundle, error) {
	if err := s.takeFail(); err != nil {
		return nil, err
	}
	var out []annotation.Bundle
	for _, id := range ids {
		b, err := s.bundle(id)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	s.docs = slices.DeleteFunc(s.docs, func(d annotation.Document) bool { return slices.Contains(ids, d.ID) })
	for _, id := range ids {
		delete(s.anns, id)
		s.forgetSuggestions(id)
	}
	return out, nil
}

func (s *fakeStore) RestoreDocuments(bs []annotation.Bundle) error {
	if err := s.takeFail(); err != nil {
		return err
	}
	for _, b := range bs {
		for _, d := range s.docs {
			if d.ID != b.Document.ID && d.Text == b.Document.Text {
				return fmt.Errorf("document %d: %w", d.ID, annotation.ErrDuplicateText)
			}
		}
		for _, a := range b.Annotations {
			if ow := s.owner(a.ID); ow != 0 && ow != b.Document.ID {
				return fmt.Errorf("annotation %d belongs to document %d", a.ID, ow)
			}
		}
	}
	for _, b := range bs {
		d := b.Document
		d.SHA256 = annotation.TextSHA256(d.Text)
		if i := slices.IndexFunc(s.docs, func(x annotation.Document) bool { return x.ID == d.ID }); i >= 0 {
			s.docs[i] = d
		} else {
			i, _ = slices.BinarySearchFunc(s.docs, d.ID, func(x annotation.Document, id uint64) int { return int(x.ID) - int(id) })
			s.docs = slices.Insert(s.docs, i, d)
		}
		m := map[uint64]annotation.Annotation{}
		for _, a := range b.Annotations {
			m[a.ID] = a.Clone()
			s.lastID = max(s.lastID, a.ID)
		}
		s.anns[d.ID] = m
		s.forgetSuggestions(d.ID)
	}
	return nil
}

func (s *fakeStore) CutDocument(id uint64, start, end int) (annotation.Bundle, []annotation.Annotation, error) {
	if err := s.takeFail(); err != nil {
		return annotation.Bundle{}, nil, err
	}
	b, err := s.bundle(id)
	if err != nil {
		return annotation.Bundle{}, nil, err
	}
	kept, removed, err := annotation.Cut(b, start, end)
	if err != nil {
		return annotation.Bundle{}, nil, err
	}
	d, _ := s.doc(id)
	*d = kept.Document
	s.forgetSuggestions(id)
	s.shiftRejections(b.Document.Text, kept.Document.Text, start, end)
	m := map[uint64]annotation.Annotation{}
	for _, a := range kept.Annotations {
		m[a.ID] = a
	}
	s.anns[id] = m
	return b, removed, nil
}
