package app

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"time"

	"glossa/annotation"
)

// The fake store's layers, with storage.Store's semantics: links join
// annotations of one layer; ReplaceLayer replaces one layer of one
// document, all or nothing, and keeps a layer edited since its merge. The
// fake keys its merge records by document (the store keys them by text,
// which matters only across a deletion and its undo: tested in storage).

// fakeMerge is a merge ReplaceLayer recorded: its source and the layer's
// digest as stored.
type fakeMerge struct {
	source annotation.LayerSource
	stored string
}

// sameLayerLinks refuses a link of anns to an annotation of another layer.
func sameLayerLinks(anns map[uint64]annotation.Annotation) error {
	for _, a := range anns {
		for _, l := range a.Links {
			if t, ok := anns[l.Target]; ok && annotation.LayerOf(t) != annotation.LayerOf(a) {
				return fmt.Errorf("annotation %d links to %d of another layer: %w", a.ID, l.Target, annotation.ErrCrossLayer)
			}
		}
	}
	return nil
}

// layerOf returns document doc's annotations of layer.
func (s *fakeStore) layerOf(doc uint64, layer string) []annotation.Annotation {
	var out []annotation.Annotation
	for _, a := range s.anns[doc] {
		if annotation.LayerOf(a) == layer {
			out = append(out, a)
		}
	}
	return out
}

func (s *fakeStore) Layers() ([]annotation.LayerInfo, error) {
	byName := map[string]*annotation.LayerInfo{}
	info := func(name string) *annotation.LayerInfo {
		if byName[name] == nil {
			byName[name] = &annotation.LayerInfo{Name: name, Curated: name == annotation.CuratedLayer}
		}
		return byName[name]
	}
	for _, d := range s.docs {
		for name, n := range annotation.CountLayers(slices.Collect(maps.Values(s.anns[d.ID]))) {
			l := info(name)
			l.Annotations += n
			l.Articles++
		}
		for name, m := range s.merges[d.ID] {
			l := info(name)
			if !slices.Contains(l.Files, m.source.File) {
				l.Files = append(l.Files, m.source.File)
				slices.Sort(l.Files)
			}
			if m.source.Merged.After(l.Merged) {
				l.Merged = m.source.Merged
			}
		}
	}
	var out []annotation.LayerInfo
	for _, l := range byName {
		out = append(out, *l)
	}
	slices.SortFunc(out, func(a, b annotation.LayerInfo) int {
		if a.Curated != b.Curated {
			if a.Curated {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.Name, b.Name)
	})
	return out, nil
}

func (s *fakeStore) LayerSource(docID uint64, layer string) (annotation.LayerSource, bool, error) {
	if _, err := s.doc(docID); err != nil {
		return annotation.LayerSource{}, false, err
	}
	m, ok := s.merges[docID][layer]
	if !ok {
		return annotation.LayerSource{}, false, nil
	}
	src := m.source
	src.Edited = annotation.LayerDigest(s.layerOf(docID, layer)) != m.stored
	return src, true, nil
}

func (s *fakeStore) ReplaceLayer(docID uint64, layer string, anns []annotation.Annotation, source annotation.LayerSource) ([]annotation.Annotation, error) {
	if err := s.takeFail(); err != nil {
		return nil, err
	}
	if err := annotation.ValidLayer(layer); err != nil {
		return nil, err
	}
	if _, err := s.doc(docID); err != nil {
		return nil, err
	}
	current := s.layerOf(docID, layer)
	m, merged := s.merges[docID][layer]
	have := annotation.LayerDigest(current)
	if len(current) > 0 && (!merged || have != m.stored) && !source.Overwrite {
		return nil, fmt.Errorf("the layer %q holds annotations made here: %w", layer, annotation.ErrLayerEdited)
	}
	in := make([]annotation.Annotation, len(anns))
	for i, a := range anns {
		in[i] = a.Clone()
		in[i].DocID, in[i].Layer = docID, layer
	}
	out := current
	if annotation.LayerDigest(in) != have {
		ids := map[uint64]uint64{}
		for i := range in {
			s.lastID++
			if in[i].ID != 0 {
				ids[in[i].ID] = s.lastID
			}
			in[i].ID = s.lastID
		}
		for i := range in {
			for j, l := range in[i].Links {
				t, ok := ids[l.Target]
				if !ok {
					return nil, fmt.Errorf("link to %d outside the layer: %w", l.Target, annotation.ErrDanglingLink)
				}
				in[i].Links[j].Target = t
			}
		}
		var del []uint64
		for _, a := range current {
			del = append(del, a.ID)
		}
		var err error
		if out, err = s.Apply(docID, in, del); err != nil {
			return nil, err
		}
	}
	if s.merges == nil {
		s.merges = map[uint64]map[string]fakeMerge{}
	}
	if s.merges[docID] == nil {
		s.merges[docID] = map[string]fakeMerge{}
	}
	source.Merged, source.Overwrite = time.Now(), false
	s.merges[docID][layer] = fakeMerge{source: source, stored: annotation.LayerDigest(out)}
	slices.SortFunc(out, func(a, b annotation.Annotation) int {
		return cmp.Or(cmp.Compare(a.Start(), b.Start()), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}
