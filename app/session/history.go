package session

import (
	"errors"
	"maps"
	"slices"
	"strings"

	"glossa/annotation"
)

// change is one undoable step: the states before and after of the
// annotations it touched (absent from before: it created them; absent from
// after: it deleted them), a document status change, or an edit of the
// entity registry.
type change struct {
	desc   string
	docID  uint64
	before map[uint64]annotation.Annotation
	after  map[uint64]annotation.Annotation
	// A status change when statusTo is set.
	statusFrom, statusTo annotation.Status
	// entity, when set, was added to the registry by this step: undo
	// removes it again (when nothing else refers to it), redo restores it.
	entity *annotation.Entity
	// registry, when set, makes this a step of the entity registry
	// instead: it is project-wide and touches no document's annotations
	// but those a merge moved.
	registry *registryStep
	// article, when set, makes this an edit of whole articles instead:
	// their metadata, their deletion, a cut of the text (articles.go).
	article *articleStep
	// codebook, when set, makes this a change of the codebook instead:
	// project-wide, replayed by replayCodebook (codebook.go).
	codebook *annotation.CodebookChange
	// review, when set, makes this a review of the document's pending
	// suggestions instead (suggestions.go).
	review *reviewStep
	// corpus, when set, makes this a step of several documents'
	// annotations instead, replayed one after another (curation.go).
	corpus *corpusStep
}

// registryStep is one save or merge of the entity registry. A save is
// undone field by field (annotation.RestoreFields): only the fields it
// changed, and only where they still hold what it wrote, so that an edit
// made since is kept. A merge is undone by Store.UnmergeEntities, which
// relinks only the mentions it moved, and redone by merging again.
type registryStep struct {
	before, after annotation.Entity       // a save
	merge         *annotation.EntityMerge // a merge, instead
}

// merge folds c2, which happened right after c, into c: one undo step.
func (c change) merge(c2 change) change {
	out := change{desc: c.desc, docID: c.docID, before: maps.Clone(c.before), after: maps.Clone(c.after), entity: c.entity}
	if out.entity == nil {
		out.entity = c2.entity
	}
	if out.before == nil {
		out.before = map[uint64]annotation.Annotation{}
	}
	if out.after == nil {
		out.after = map[uint64]annotation.Annotation{}
	}
	for id, a := range c2.before {
		_, seen := c.before[id]
		_, made := c.after[id]
		if !seen && !made {
			out.before[id] = a
		}
	}
	for id := range c2.before {
		delete(out.after, id)
	}
	maps.Copy(out.after, c2.after)
	return out
}

// ops returns the Apply arguments that go from one state to the other.
func ops(from, to map[uint64]annotation.Annotation) (put []annotation.Annotation, del []uint64) {
	for _, id := range slices.Sorted(maps.Keys(to)) {
		put = append(put, to[id])
	}
	for _, id := range slices.Sorted(maps.Keys(from)) {
		if _, ok := to[id]; !ok {
			del = append(del, id)
		}
	}
	return put, del
}

// history is the undo and redo stacks. It is global to the project, not
// per document: undo takes back the last edit wherever it was made,
// opening its document first.
type history struct {
	undo, redo []change
}

// HistoryLimit is how many steps Undo can take back.
const HistoryLimit = 500

func (h *history) push(c change) {
	h.undo = append(h.undo, c)
	if len(h.undo) > HistoryLimit {
		h.undo = slices.Delete(h.undo, 0, len(h.undo)-HistoryLimit)
	}
	h.redo = nil
}

// ErrNothingToUndo and ErrNothingToRedo: the history is empty that way.
var (
	ErrNothingToUndo = errors.New("nothing to undo")
	ErrNothingToRedo = errors.New("nothing to redo")
)

// UndoDesc and RedoDesc describe what Undo and Redo would take back or
// make again ("tag Claim"), "" when nothing.
func (s *Session) UndoDesc() string { return top(s.hist.undo) }
func (s *Session) RedoDesc() string { return top(s.hist.redo) }

func top(cs []change) string {
	if len(cs) == 0 {
		return ""
	}
	return cs[len(cs)-1].desc
}

// CanUndo and CanRedo report whether the history has a step that way.
func (s *Session) CanUndo() bool { return len(s.hist.undo) > 0 }
func (s *Session) CanRedo() bool { return len(s.hist.redo) > 0 }

// commit writes put and del to the open document through the store and
// returns the change to record. On error the store has changed nothing.
func (s *Session) commit(put []annotation.Annotation, del []uint64) (Step, change, error) {
	c := change{docID: s.doc.ID, before: map[uint64]annotation.Annotation{}, after: map[uint64]annotation.Annotation{}}
	for _, a := range put {
		if old := s.Annotation(a.ID); old != nil {
			c.before[a.ID] = *old
		}
	}
	for _, id := range del {
		if old := s.Annotation(id); old != nil {
			c.before[id] = *old
		}
	}
	out, err := s.st.Apply(s.doc.ID, put, del)
	if err != nil {
		return Step{}, change{}, err
	}
	for _, a := range out {
		c.after[a.ID] = a
	}
	for _, id := range del {
		delete(c.after, id)
	}
	s.stored(out, del)
	return Step{Put: out, Del: del}, c, nil
}

// Apply stores put and deletes del in the open document as one undoable
// step described by desc. An annotation of a layer the view does not edit
// is refused (Editable: annotation.ErrReadOnlyLayer); a new one without a
// Layer goes to the layer the view edits. On error nothing changed.
func (s *Session) Apply(desc string, put []annotation.Annotation, del []uint64) (Step, error) {
	return s.checkedApply(desc, put, del, false)
}

// checkedApply is Apply (amend false) or Amend, after checkEdit.
func (s *Session) checkedApply(desc string, put []annotation.Annotation, del []uint64, amend bool) (Step, error) {
	put, err := s.checkEdit(put, del)
	if err != nil {
		return Step{}, err
	}
	return s.applyIn(desc, put, del, amend)
}

// applyIn stores put and deletes del in the open document as a new
// undoable step, or with amend folded into the last one when it is an
// edit of the open document (see Amend). It checks no layer: the caller
// did (checkedApply) or writes only the curated layer (Curate).
func (s *Session) applyIn(desc string, put []annotation.Annotation, del []uint64, amend bool) (Step, error) {
	n := len(s.hist.undo)
	if amend && n > 0 && s.hist.undo[n-1].amendable(s.doc.ID) {
		st, c, err := s.commit(put, del)
		if err != nil {
			return Step{}, err
		}
		merged := s.hist.undo[n-1].merge(c)
		merged.desc = desc
		s.hist.undo[n-1] = merged
		st.Desc = desc
		return st, nil
	}
	st, c, err := s.commit(put, del)
	if err != nil {
		return Step{}, err
	}
	c.desc = desc
	s.hist.push(c)
	st.Desc = desc
	return st, nil
}

// Amend is Apply folded into the last step, which must be an edit of the
// open document (the link of a source just tagged to its claim): one undo
// takes both back. desc describes the whole step. Without such a step it
// is Apply.
func (s *Session) Amend(desc string, put []annotation.Annotation, del []uint64) (Step, error) {
	return s.checkedApply(desc, put, del, true)
}

// amendable reports whether c is an edit of the annotations of document
// doc, into which Amend can fold another.
func (c change) amendable(doc uint64) bool {
	return c.docID == doc && c.registry == nil && c.statusTo == "" && c.article == nil && c.codebook == nil && c.review == nil && c.corpus == nil
}

// SetStatus sets the open document's status as one undoable step
// described by desc.
func (s *Session) SetStatus(desc string, status annotation.Status) (Step, error) {
	from := s.doc.Status
	if s.doc.ID == 0 || status == "" || status == from {
		return Step{}, nil
	}
	if err := s.writeStatus(status); err != nil {
		return Step{}, err
	}
	s.hist.push(change{desc: desc, docID: s.doc.ID, statusFrom: from, statusTo: status})
	return Step{Desc: desc, Status: true}, nil
}

func (s *Session) writeStatus(status annotation.Status) error {
	if err := s.st.SetStatus(s.doc.ID, status); err != nil {
		return err
	}
	s.doc.Status = status
	s.summaryChanged()
	return nil
}

// LinkEntity makes annotation id of the open document refer to the entity
// named name (a registry name or alias, any letter case), adding a new
// entity when none has that name, or to none when name is empty; one
// undoable step described by desc, whose undo also removes an entity it
// added. made is that new entity. A name the annotation already refers to
// changes nothing.
func (s *Session) LinkEntity(desc string, id uint64, name string) (st Step, made *annotation.Entity, err error) {
	a := s.Annotation(id)
	if a == nil {
		return Step{}, nil, nil
	}
	b := a.Clone()
	name = strings.TrimSpace(name)
	var eid uint64
	if name != "" {
		if e := s.EntityNamed(name); e != nil {
			eid = e.ID
		} else {
			// The entity's type is the label only for entity labels: a
			// source's speaker is a Person or an Organisation, set in the
			// registry, not a "Source".
			typ := ""
			if l, ok := s.labels.Find(b.Label); ok && l.Kind == annotation.KindEntity {
				typ = b.Label
			}
			e, err := s.st.AddEntity(annotation.Entity{Name: name, Type: typ})
			if err != nil {
				return Step{}, nil, err
			}
			s.entities = append(s.entities, e)
			eid, made = e.ID, &e
		}
	}
	if b.Entity == eid {
		return Step{}, nil, nil
	}
	b.Entity = eid
	st, err = s.Apply(desc, []annotation.Annotation{b}, nil)
	if err != nil {
		// The new entity stays in the registry unused, as the next try
		// finds it by name; it is no step of its own.
		return Step{Entities: made != nil}, nil, err
	}
	if made != nil {
		s.hist.undo[len(s.hist.undo)-1].entity = made // undo removes it again
		st.Entities = true
	}
	return st, made, nil
}

// EntityNamed returns the registry's entity named or aliased name, in any
// letter case, or nil.
func (s *Session) EntityNamed(name string) *annotation.Entity {
	for i, e := range s.entities {
		if strings.EqualFold(e.Name, name) || slices.ContainsFunc(e.Aliases, func(al string) bool { return strings.EqualFold(al, name) }) {
			return &s.entities[i]
		}
	}
	return nil
}

// SaveEntity stores e's fields over the registry's entity of its id, as one
// undoable step described by desc when anything changed.
func (s *Session) SaveEntity(desc string, e annotation.Entity) (Step, error) {
	was := s.Entity(e.ID)
	if was == nil {
		return Step{}, annotation.ErrNotFound
	}
	before := *was
	before.Aliases = slices.Clone(was.Aliases)
	after, err := s.st.UpdateEntity(e)
	if err != nil {
		return Step{}, err
	}
	if err := s.LoadEntities(); err != nil {
		return Step{Entities: true}, err
	}
	if entityEqual(before, after) {
		return Step{Entities: true}, nil
	}
	s.hist.push(change{desc: desc, registry: &registryStep{before: before, after: after}})
	return Step{Desc: desc, Entities: true}, nil
}

// MergeEntities merges entity merge into keep as one undoable step
// described by desc (see Store.MergeEntities); the open document's
// annotations are reread.
// Steps older than the merge that refer to the merged entity are undone
// only after the merge is, which brings it back.
func (s *Session) MergeEntities(desc string, keep, merge uint64) (Step, error) {
	if s.Entity(keep) == nil || s.Entity(merge) == nil || keep == merge {
		return Step{}, annotation.ErrNotFound
	}
	rec, err := s.st.MergeEntities(keep, merge)
	if err != nil {
		return Step{}, err
	}
	s.hist.push(change{desc: desc, registry: &registryStep{merge: &rec}})
	return Step{Desc: desc, Entities: true, Reread: true}, s.reloadAfterMerge()
}

func (s *Session) reloadAfterMerge() error {
	if err := s.LoadEntities(); err != nil {
		return err
	}
	return s.ReloadAnnotations()
}

// entityEqual reports whether a and b hold the same values.
func entityEqual(a, b annotation.Entity) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Type == b.Type && a.Note == b.Note && a.ExternalID == b.ExternalID &&
		slices.Equal(a.Aliases, b.Aliases)
}

// Undo takes back the last step, opening its document first when it was
// made in another. On error the step stays to be undone (a retry does
// it), and the Step says what changed meanwhile (a document opened).
func (s *Session) Undo() (Step, error) { return s.step(&s.hist.undo, &s.hist.redo, true) }

// Redo makes the last undone step again, as Undo.
func (s *Session) Redo() (Step, error) { return s.step(&s.hist.redo, &s.hist.undo, false) }

func (s *Session) step(from, to *[]change, back bool) (Step, error) {
	if len(*from) == 0 {
		if back {
			return Step{}, ErrNothingToUndo
		}
		return Step{}, ErrNothingToRedo
	}
	c := (*from)[len(*from)-1]
	st, err := s.replay(&c, back)
	if err != nil {
		return st, err
	}
	*from = (*from)[:len(*from)-1]
	*to = append(*to, c)
	st.Desc = c.desc
	return st, nil
}

// replay applies c backwards (undo) or forwards (redo) through the store.
// An entity the step made is removed by undo as it is then (c keeps that
// state, registry edits made since included) and put back by redo only
// when it is gone: a step never overwrites a later edit.
func (s *Session) replay(c *change, back bool) (Step, error) {
	if c.registry != nil {
		return s.replayRegistry(c.registry, back)
	}
	if c.article != nil {
		return s.replayArticle(c, back)
	}
	if c.codebook != nil {
		return s.replayCodebook(c, back)
	}
	if c.corpus != nil {
		return s.replayCorpus(c.corpus, back)
	}
	if c.review != nil && len(c.before) == 0 && len(c.after) == 0 {
		return s.replayReview(c, back)
	}
	if c.review != nil {
		return s.replayEditAndReview(c, back)
	}
	var st Step
	if c.docID != s.doc.ID {
		if err := s.Open(c.docID); err != nil {
			return st, err
		}
		st.Opened = true
	}
	if c.statusTo != "" {
		to := c.statusTo
		if back {
			to = c.statusFrom
		}
		if err := s.writeStatus(to); err != nil {
			return st, err
		}
		st.Status = true
		return st, nil
	}
	from, to := c.before, c.after
	if back {
		from, to = c.after, c.before
	}
	if c.entity != nil && !back && s.Entity(c.entity.ID) == nil {
		if err := s.st.RestoreEntity(*c.entity); err != nil {
			return st, err
		}
		st.Entities = true
		if err := s.LoadEntities(); err != nil {
			return st, err
		}
	}
	put, del := ops(from, to)
	out, err := s.st.Apply(c.docID, put, del)
	if err != nil {
		return st, err
	}
	s.stored(out, del)
	st.Put, st.Del = out, del
	if c.entity != nil && back {
		// Another annotation may have come to refer to the entity since:
		// then it stays in the registry.
		if now := s.Entity(c.entity.ID); now != nil {
			kept := *now
			kept.Aliases = slices.Clone(now.Aliases)
			if err := s.st.DeleteEntity(c.entity.ID); err == nil {
				c.entity = &kept // what redo puts back
				st.Entities = true
				if err := s.LoadEntities(); err != nil {
					return st, err
				}
			}
		}
	}
	st.Restored = slices.Sorted(maps.Keys(to))
	return st, nil
}

// replayRegistry undoes (back) or redoes the registry step r through the
// store. A merge redone is recorded anew: what it moved this time is what
// its next undo relinks.
func (s *Session) replayRegistry(r *registryStep, back bool) (Step, error) {
	var err error
	switch {
	case r.merge != nil && back:
		err = s.st.UnmergeEntities(*r.merge)
	case r.merge != nil:
		var m annotation.EntityMerge
		if m, err = s.st.MergeEntities(r.merge.Before.ID, r.merge.Merged.ID); err == nil {
			r.merge = &m
		}
	default:
		from, to := r.before, r.after
		if back {
			from, to = to, from
		}
		if now := s.Entity(r.before.ID); now != nil {
			_, err = s.st.UpdateEntity(annotation.RestoreFields(*now, from, to))
		}
	}
	if err != nil {
		return Step{}, err
	}
	st := Step{Entities: true, Reread: r.merge != nil}
	if r.merge != nil {
		return st, s.reloadAfterMerge()
	}
	return st, s.LoadEntities()
}

// UndoSteps and RedoSteps count the steps Undo and Redo can take.
func (s *Session) UndoSteps() int { return len(s.hist.undo) }
func (s *Session) RedoSteps() int { return len(s.hist.redo) }
