package app

import (
	"fmt"
	"maps"
	"slices"
	"sort"

	"glossa/annotation"
)

// The fake store's pending suggestions, with storage.Store's semantics
// (session.SuggestionStore): ids from the annotations' sequence, rejections
// by text and fingerprint, each call all or nothing.

func (s *fakeStore) Suggestions(docID uint64) ([]annotation.Annotation, error) {
	if _, err := s.doc(docID); err != nil {
		return nil, err
	}
	return sortedClones(s.sugs[docID]), nil
}

func sortedClones(m map[uint64]annotation.Annotation) []annotation.Annotation {
	out := make([]annotation.Annotation, 0, len(m))
	for _, a := range m {
		out = append(out, a.Clone())
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Start() != out[j].Start() {
			return out[i].Start() < out[j].Start()
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// asPending gives a the provenance of a pending suggestion.
func asPending(a *annotation.Annotation) {
	a.Provenance.Origin, a.Provenance.Review, a.Provenance.Reviewer = annotation.OriginSuggested, annotation.ReviewPending, ""
}

// dropLinks drops a's links whose target keep refuses.
func dropLinks(a *annotation.Annotation, keep func(uint64) bool) bool {
	n := len(a.Links)
	a.Links = slices.DeleteFunc(a.Links, func(l annotation.Link) bool { return !keep(l.Target) })
	if len(a.Links) == 0 {
		a.Links = nil
	}
	return len(a.Links) != n
}

// checkAnnotation is what the fake checks of every annotation it keeps.
func (s *fakeStore) checkAnnotation(a annotation.Annotation, o *annotation.Offsets, exists func(uint64) bool) error {
	if err := a.Validate(o, s.labels, exists); err != nil {
		return err
	}
	if a.Entity != 0 && !slices.ContainsFunc(s.entities, func(e annotation.Entity) bool { return e.ID == a.Entity }) {
		return fmt.Errorf("annotation %d: %w", a.ID, annotation.ErrUnknownEntity)
	}
	return nil
}

func (s *fakeStore) SetSuggestions(docID uint64, sugs []annotation.Annotation, version string) ([]annotation.Annotation, error) {
	if err := s.takeFail(); err != nil {
		return nil, err
	}
	d, err := s.doc(docID)
	if err != nil {
		return nil, err
	}
	o := annotation.NewOffsets(d.Text)
	rejected := s.rejected[annotation.TextSHA256(d.Text)]
	last := s.lastID
	local, dropped := map[uint64]uint64{}, map[uint64]bool{}
	var out []annotation.Annotation
	for _, a := range sugs {
		a = a.Clone()
		switch {
		case a.DocID != 0 && a.DocID != docID:
			return nil, fmt.Errorf("suggestion of document %d: %w", a.DocID, annotation.ErrNotFound)
		case a.ID != 0 && a.ID < annotation.NewIDBase, a.ID != 0 && (local[a.ID] != 0 || dropped[a.ID]):
			return nil, fmt.Errorf("suggestion id %d: %w", a.ID, annotation.ErrBadLink)
		}
		a.DocID = docID
		annotation.SortSpans(a.Spans)
		if _, ok := rejected[annotation.Fingerprint(a.Label, a.Spans)]; ok {
			if a.ID != 0 {
				dropped[a.ID] = true
			}
			continue
		}
		last++
		if a.ID != 0 {
			local[a.ID] = last
		}
		a.ID = last
		asPending(&a)
		out = append(out, a)
	}
	isAnnotation := func(id uint64) bool { _, ok := s.anns[docID][id]; return ok }
	next := map[uint64]annotation.Annotation{}
	for _, a := range out {
		next[a.ID] = a
	}
	for _, a := range out {
		for j, l := range a.Links {
			switch t, ok := local[l.Target]; {
			case l.Target < annotation.NewIDBase && !isAnnotation(l.Target):
				return nil, fmt.Errorf("link to %d: %w", l.Target, annotation.ErrDanglingLink)
			case ok:
				a.Links[j].Target = t
			case l.Target >= annotation.NewIDBase && !dropped[l.Target]:
				return nil, fmt.Errorf("link to %d: %w", l.Target, annotation.ErrDanglingLink)
			}
		}
		dropLinks(&a, func(t uint64) bool { return !dropped[t] })
		if err := s.checkAnnotation(a, o, func(t uint64) bool { _, ok := next[t]; return ok || isAnnotation(t) }); err != nil {
			return nil, err
		}
		next[a.ID] = a
	}
	s.sugs[docID], s.suggester[docID], s.lastID = next, version, last
	return sortedClones(next), nil
}

func (s *fakeStore) ReviewSuggestions(docID uint64, e annotation.SuggestionEdit) ([]annotation.Annotation, error) {
	if err := s.takeFail(); err != nil {
		return nil, err
	}
	d, err := s.doc(docID)
	if err != nil {
		return nil, err
	}
	o := annotation.NewOffsets(d.Text)
	sha := annotation.TextSHA256(d.Text)
	anns, pending, rejected := maps.Clone(s.anns[docID]), maps.Clone(s.sugs[docID]), maps.Clone(s.rejected[sha])
	if pending == nil {
		pending = map[uint64]annotation.Annotation{}
	}
	if rejected == nil {
		rejected = map[string]fakeRejection{}
	}
	last := s.lastID
	for _, id := range e.Unaccept {
		if _, ok := anns[id]; !ok {
			return nil, fmt.Errorf("annotation %d: %w", id, annotation.ErrNotFound)
		}
	}
	for _, id := range e.Unaccept {
		delete(anns, id)
	}
	for _, a := range anns {
		if err := a.Validate(o, s.labels, func(t uint64) bool { _, ok := anns[t]; return ok }); err != nil {
			return nil, err
		}
	}
	var restored []uint64
	for _, a := range e.Restore {
		a = a.Clone()
		switch {
		case a.DocID != 0 && a.DocID != docID, a.ID == 0 || a.ID >= annotation.NewIDBase:
			return nil, fmt.Errorf("suggestion %d: %w", a.ID, annotation.ErrNotFound)
		}
		if _, isAnn := anns[a.ID]; isAnn || (s.owner(a.ID) != 0 && s.owner(a.ID) != docID) {
			return nil, fmt.Errorf("suggestion %d is an annotation: %w", a.ID, annotation.ErrInUse)
		}
		a.DocID = docID
		annotation.SortSpans(a.Spans)
		asPending(&a)
		delete(rejected, annotation.Fingerprint(a.Label, a.Spans))
		pending[a.ID] = a
		last = max(last, a.ID)
		restored = append(restored, a.ID)
	}
	for _, id := range e.Reject {
		a, ok := pending[id]
		if !ok {
			return nil, fmt.Errorf("suggestion %d: %w", id, annotation.ErrNotFound)
		}
		rejected[annotation.Fingerprint(a.Label, a.Spans)] = fakeRejection{a.Label, slices.Clone(a.Spans)}
		delete(pending, id)
	}
	accepted := map[uint64]annotation.Annotation{}
	for _, a := range e.Accept {
		if _, ok := pending[a.ID]; !ok {
			return nil, fmt.Errorf("suggestion %d: %w", a.ID, annotation.ErrNotFound)
		}
		accepted[a.ID] = a
	}
	var out []annotation.Annotation
	for _, a := range e.Accept {
		a = a.Clone()
		a.DocID = docID
		annotation.SortSpans(a.Spans)
		dropLinks(&a, func(t uint64) bool { // links to annotations of the same layer stay
			b, ok := anns[t]
			if c, acc := accepted[t]; acc {
				b, ok = c, true
			}
			return ok && annotation.LayerOf(b) == annotation.LayerOf(a)
		})
		delete(pending, a.ID)
		anns[a.ID] = a
		out = append(out, a)
	}
	isAnnotation := func(t uint64) bool { _, ok := anns[t]; return ok }
	for _, a := range out {
		if err := s.checkAnnotation(a, o, isAnnotation); err != nil {
			return nil, err
		}
	}
	exists := func(t uint64) bool { _, ok := pending[t]; return ok || isAnnotation(t) }
	for _, id := range restored {
		if a, ok := pending[id]; ok {
			if err := s.checkAnnotation(a, o, exists); err != nil {
				return nil, err
			}
		}
	}
	for id, a := range pending {
		if dropLinks(&a, exists) {
			pending[id] = a
		}
	}
	s.anns[docID], s.sugs[docID], s.rejected[sha], s.lastID = anns, pending, rejected, last
	return out, nil
}

// unlinkPending drops the links of document docID's pending suggestions to
// the annotations del (Apply deleted them).
func (s *fakeStore) unlinkPending(docID uint64, del []uint64) {
	for id, a := range s.sugs[docID] {
		if dropLinks(&a, func(t uint64) bool { return !slices.Contains(del, t) }) {
			s.sugs[docID][id] = a
		}
	}
}

// forgetSuggestions drops document docID's pending suggestions and its
// suggester (a deletion, a cut, a restore); rejections, kept by text, stay.
func (s *fakeStore) forgetSuggestions(docID uint64) {
	delete(s.sugs, docID)
	delete(s.suggester, docID)
}

// fakeRejection is what the fake remembers of a rejected suggestion.
type fakeRejection struct {
	label string
	spans []annotation.Span
}

// shiftRejections copies the rejections of text before to the text after
// that a cut [start, end) keeps of it, shifted, as storage does.
func (s *fakeStore) shiftRejections(before, after string, start, end int) {
	from, to := annotation.TextSHA256(before), annotation.TextSHA256(after)
	for _, r := range s.rejected[from] {
		inside := len(r.spans) > 0
		spans := slices.Clone(r.spans)
		for i, sp := range spans {
			inside = inside && sp.Start >= start && sp.End <= end
			spans[i].Start, spans[i].End = sp.Start-start, sp.End-start
		}
		if !inside {
			continue
		}
		if s.rejected[to] == nil {
			s.rejected[to] = map[string]fakeRejection{}
		}
		s.rejected[to][annotation.Fingerprint(r.label, spans)] = fakeRejection{r.label, spans}
	}
}
