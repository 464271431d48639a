package session

import (
	"cmp"
	"fmt"
	"maps"
	"slices"

	"glossa/annotation"
)

// Curation (adjudication, issue 21): the open document's annotations of
// every annotator layer fall into units, each a stretch of text where
// annotations of one kind overlap, with each annotator's versions side by
// side and a state; the curator accepts one annotator's version of a unit
// into the curated layer (AcceptVersion), or everything the annotators
// agree on, for the article (AcceptAgreed) or for the corpus
// (AcceptAgreedCorpus), each one undo step. Units are computed by a pure
// function (Units) from the annotations.

// UnitState is where a unit stands.
type UnitState int

// The states of a unit.
const (
	// UnitAgreed: every annotator of the article made the same annotation
	// (label, spans, attributes, note, entity, links), and no other.
	UnitAgreed UnitState = iota
	// UnitDisagreed: every annotator annotated it, differently.
	UnitDisagreed
	// UnitPartial: only some of the article's annotators annotated it
	// (with one annotator, every unit).
	UnitPartial
	// UnitCurated: the curated layer holds an annotation of it.
	UnitCurated
)

// String is how a user reads the state.
func (s UnitState) String() string {
	switch s {
	case UnitAgreed:
		return "all agree"
	case UnitDisagreed:
		return "disagree"
	case UnitPartial:
		return "only some annotated"
	case UnitCurated:
		return "curated"
	}
	return fmt.Sprintf("state %d", int(s))
}

// Unit is a stretch of a document where annotations of one kind overlap,
// across the annotators' layers and the curated layer.
type Unit struct {
	Kind       annotation.Kind
	Start, End int // the code points the unit's annotations cover, first to last
	// Versions are the annotators' annotations of the unit, by layer
	// (Annotators' order), then start; Curated the curated layer's.
	Versions []annotation.Annotation
	Curated  []annotation.Annotation
	State    UnitState
	// Missing names the article's annotators with no version in the unit.
	Missing []string
	// Changed: a curated annotation of the unit was taken from versions
	// that its layer no longer holds as they were (edited, or merged
	// again from a newer file, since): "source changed".
	Changed bool
}

// Of returns the unit's versions of layer.
func (u Unit) Of(layer string) []annotation.Annotation {
	var out []annotation.Annotation
	for _, a := range u.Versions {
		if annotation.LayerOf(a) == layer {
			out = append(out, a)
		}
	}
	return out
}

// Has reports whether the unit holds annotation id, a version or curated.
func (u Unit) Has(id uint64) bool {
	has := func(a annotation.Annotation) bool { return a.ID == id }
	return slices.ContainsFunc(u.Versions, has) || slices.ContainsFunc(u.Curated, has)
}

// Annotators returns the annotator layers of anns (one document's), sorted:
// every layer but the curated one.
func Annotators(anns []annotation.Annotation) []string {
	seen := map[string]bool{}
	for _, a := range anns {
		if l := annotation.LayerOf(a); l != annotation.CuratedLayer {
			seen[l] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// Units groups anns, the annotations of every layer of one document, into
// units: per kind (kindOf a label), the annotations whose extents overlap,
// one another or through others, form one unit. Units come in the order of
// their start, then kind. It is a pure function of its arguments.
func Units(anns []annotation.Annotation, kindOf func(label string) annotation.Kind) []Unit {
	annotators := Annotators(anns)
	byID := make(map[uint64]annotation.Annotation, len(anns))
	for _, a := range anns {
		byID[a.ID] = a
	}
	// The versions the annotators' layers hold now, to tell a curated
	// annotation whose sources changed.
	current := map[annotation.Version]bool{}
	versionOf := make(map[uint64]annotation.Version, len(anns))
	for _, a := range anns {
		v := annotation.VersionOf(a, byID)
		versionOf[a.ID] = v
		if v.Layer != annotation.CuratedLayer {
			current[v] = true
		}
	}

	sorted := slices.Clone(anns)
	slices.SortStableFunc(sorted, func(a, b annotation.Annotation) int {
		return cmp.Or(cmp.Compare(kindOf(a.Label), kindOf(b.Label)), cmp.Compare(a.Start(), b.Start()), cmp.Compare(a.End(), b.End()), cmp.Compare(a.ID, b.ID))
	})
	var units []Unit
	for i := 0; i < len(sorted); {
		k := kindOf(sorted[i].Label)
		u := Unit{Kind: k, Start: sorted[i].Start(), End: sorted[i].End()}
		j := i
		for ; j < len(sorted) && kindOf(sorted[j].Label) == k && sorted[j].Start() < u.End; j++ {
			u.End = max(u.End, sorted[j].End())
			if annotation.LayerOf(sorted[j]) == annotation.CuratedLayer {
				u.Curated = append(u.Curated, sorted[j])
			} else {
				u.Versions = append(u.Versions, sorted[j])
			}
		}
		i = j
		units = append(units, settle(u, annotators, versionOf, current))
	}
	slices.SortStableFunc(units, func(a, b Unit) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.Kind, b.Kind))
	})
	return units
}

// settle orders u's versions by annotator and works out its state.
func settle(u Unit, annotators []string, versionOf map[uint64]annotation.Version, current map[annotation.Version]bool) Unit {
	slices.SortStableFunc(u.Versions, func(a, b annotation.Annotation) int {
		return cmp.Compare(annotation.LayerOf(a), annotation.LayerOf(b)) // stable: by start within a layer
	})
	count := map[string]int{}
	for _, a := range u.Versions {
		count[annotation.LayerOf(a)]++
	}
	for _, l := range annotators {
		if count[l] == 0 {
			u.Missing = append(u.Missing, l)
		}
	}
	for _, c := range u.Curated {
		for _, v := range c.Provenance.From {
			if !current[v] {
				u.Changed = true
			}
		}
	}
	same := func() bool {
		for _, a := range u.Versions {
			v, w := versionOf[a.ID], versionOf[u.Versions[0].ID]
			if count[annotation.LayerOf(a)] != 1 || v.Fingerprint != w.Fingerprint || v.Digest != w.Digest {
				return false
			}
		}
		return true
	}
	switch {
	case len(u.Curated) > 0:
		u.State = UnitCurated
	case len(u.Missing) > 0 || len(annotators) < 2:
		u.State = UnitPartial
	case same():
		u.State = UnitAgreed
	default:
		u.State = UnitDisagreed
	}
	return u
}

// Units returns the units of the open document (Units of every layer's
// annotations).
func (s *Session) Units() []Unit {
	return Units(s.anns, func(label string) annotation.Kind {
		if l, ok := s.labels.Find(label); ok {
			return l.Kind
		}
		return annotation.KindOther
	})
}

// Annotators returns the open document's annotator layers, sorted: the
// order of the keys 1, 2, … that accept a version.
func (s *Session) Annotators() []string { return Annotators(s.anns) }

// AcceptVersion makes layer's versions of unit u the curated layer's, as
// one undoable step: they are copied (Curate), each with the versions of
// the other annotators that are the same in its Provenance.From, and the
// unit's curated annotations that are not their copies are deleted, with
// the curated layer's links to them. Accepting what the curated layer
// holds already is no step.
func (s *Session) AcceptVersion(u Unit, layer string) (Step, error) {
	vs := u.Of(layer)
	if len(vs) == 0 {
		return Step{}, fmt.Errorf("%s has no version of this unit: %w", annotation.LayerPhrase(layer), annotation.ErrNotFound)
	}
	byID := s.byID()
	type same struct{ fingerprint, digest string }
	chosen := map[same]bool{}
	for _, a := range vs {
		v := annotation.VersionOf(a, byID)
		chosen[same{v.Fingerprint, v.Digest}] = true
	}
	var ids []uint64
	for _, a := range u.Versions {
		if v := annotation.VersionOf(a, byID); chosen[same{v.Fingerprint, v.Digest}] {
			ids = append(ids, a.ID)
		}
	}
	st, err := s.Curate(ids)
	if err != nil {
		return st, err
	}
	made := st.Desc != "" // Curate made a step, which the deletions join
	// The unit's curated annotations that are not (now) copies of the
	// accepted versions go.
	keep := map[annotation.Version]bool{}
	byID = s.byID()
	for _, a := range vs {
		keep[annotation.VersionOf(a, byID)] = true
	}
	var del []uint64
	for _, c := range u.Curated {
		if now := s.Annotation(c.ID); now != nil && !slices.ContainsFunc(now.Provenance.From, func(v annotation.Version) bool { return keep[v] }) {
			del = append(del, c.ID)
		}
	}
	if len(del) == 0 {
		return st, nil
	}
	put := s.unlinked(del)
	desc := "accept " + layer + "'s " + vs[0].Label
	st2, err := s.applyIn(desc, put, del, made)
	if err != nil {
		return st, err
	}
	st.Desc = desc
	st.Put, st.Del = mergePut(st.Put, st2.Put), st2.Del
	return st, nil
}

// byID maps the open document's annotations by id.
func (s *Session) byID() map[uint64]annotation.Annotation {
	m := make(map[uint64]annotation.Annotation, len(s.anns))
	for _, a := range s.anns {
		m[a.ID] = a
	}
	return m
}

// unlinked returns the open document's annotations that link to one of
// del, without those links.
func (s *Session) unlinked(del []uint64) []annotation.Annotation {
	var put []annotation.Annotation
	for _, a := range s.anns {
		if slices.Contains(del, a.ID) {
			continue
		}
		kept := slices.DeleteFunc(slices.Clone(a.Links), func(l annotation.Link) bool { return slices.Contains(del, l.Target) })
		if len(kept) != len(a.Links) {
			b := a.Clone()
			b.Links = kept
			put = append(put, b)
		}
	}
	return put
}

// agreedIDs returns the annotations of the open document's units that
// every annotator agrees on and nobody curated yet.
func (s *Session) agreedIDs() (ids []uint64, units int) {
	for _, u := range s.Units() {
		if u.State == UnitAgreed {
			units++
			for _, a := range u.Versions {
				ids = append(ids, a.ID)
			}
		}
	}
	return ids, units
}

// AcceptAgreed copies every unit of the open document that all its
// annotators agree on (UnitAgreed) into the curated layer, as one undoable
// step (Curate); units is how many. None is no step.
func (s *Session) AcceptAgreed() (st Step, units int, err error) {
	ids, units := s.agreedIDs()
	if units == 0 {
		return Step{}, 0, nil
	}
	st, err = s.Curate(ids)
	if st.Desc != "" {
		desc := fmt.Sprintf("accept %d agreed", units)
		s.hist.undo[len(s.hist.undo)-1].desc, st.Desc = desc, desc
	}
	return st, units, err
}

// corpusStep is one step made of steps of several documents' annotations
// (AcceptAgreedCorpus), replayed one document after another; done counts
// those replayed by an undo or redo that failed part way, which a retry
// goes on from.
type corpusStep struct {
	changes []change
	done    int
}

// AcceptAgreedCorpus is AcceptAgreed over every document of the project
// that two or more annotators annotated, as one undoable step: each
// document is opened in turn and the one open before is opened again at
// the end (Step.Opened; Step.Articles: the summaries are read again).
// progress, if not nil, is told of each document
// done. It returns how many units and documents it accepted. On error the
// documents done so far stay done, as one step that undo takes back.
func (s *Session) AcceptAgreedCorpus(progress func(done, total int)) (st Step, units, docs int, err error) {
	was := s.doc.ID
	var todo []uint64
	for _, d := range s.docs {
		n := 0
		for l, c := range d.Layers {
			if l != annotation.CuratedLayer && c > 0 {
				n++
			}
		}
		if n >= 2 {
			todo = append(todo, d.ID)
		}
	}
	cs := &corpusStep{}
	for i, id := range todo {
		if err = s.Open(id); err != nil {
			break
		}
		one, k, aerr := s.AcceptAgreed()
		if one.Desc != "" {
			cs.changes = append(cs.changes, s.hist.undo[len(s.hist.undo)-1])
			s.hist.undo = s.hist.undo[:len(s.hist.undo)-1]
			units += k
			docs++
		}
		if err = aerr; err != nil {
			break
		}
		if progress != nil {
			progress(i+1, len(todo))
		}
	}
	if len(cs.changes) > 0 {
		desc := fmt.Sprintf("accept %d agreed in %d articles", units, docs)
		s.hist.push(change{desc: desc, corpus: cs})
		st.Desc = desc
	}
	if was != 0 && s.doc.ID != was {
		if oerr := s.Open(was); oerr != nil && err == nil {
			err = oerr
		}
	}
	// The other documents' summaries count their curated annotations.
	if lerr := s.LoadDocuments(); lerr != nil && err == nil {
		err = lerr
	}
	st.Opened, st.Articles = true, true
	return st, units, docs, err
}

// replayCorpus undoes (back, last document first) or redoes the steps of
// c's documents, then opens again the document open before.
func (s *Session) replayCorpus(c *corpusStep, back bool) (Step, error) {
	was := s.doc.ID
	st := Step{Opened: true, Articles: true}
	for ; c.done < len(c.changes); c.done++ {
		i := c.done
		if back {
			i = len(c.changes) - 1 - c.done
		}
		if _, err := s.replay(&c.changes[i], back); err != nil {
			return st, err
		}
	}
	c.done = 0
	if was != 0 && s.doc.ID != was {
		if err := s.Open(was); err != nil {
			return st, err
		}
	}
	st.Articles = true
	return st, s.LoadDocuments()
}
