package session

import (
	"slices"

	"glossa/annotation"
)

// CodebookStore is what a session needs of a project to change its
// codebook: each change one durable transaction that carries the
// annotations along, and its exact undo (storage.Store's methods).
type CodebookStore interface {
	// CodebookUse counts the annotations, values and links that use each
	// part of the codebook, over the project.
	CodebookUse() (annotation.CodebookUse, error)
	// EditCodebook makes one change and returns what it changed.
	EditCodebook(e annotation.CodebookEdit) (annotation.CodebookChange, error)
	// RevertCodebook takes back a change EditCodebook returned; it refuses
	// when an edit made since would be lost.
	RevertCodebook(c annotation.CodebookChange) error
}

// CodebookUse counts what uses each label, attribute value and relation
// type of the codebook, to say what a change would carry over or delete
// before it is made ("used by 12 annotations in 3 articles").
func (s *Session) CodebookUse() (annotation.CodebookUse, error) { return s.st.CodebookUse() }

// EditCodebook makes the codebook change e as one undoable step described
// by desc: labels, attributes and relation types change, and every
// annotation that uses them follows (moved, renamed or deleted with the
// links to it), in every article. The session's labels, entities, article
// list and open article are reread. On error nothing changed.
func (s *Session) EditCodebook(desc string, e annotation.CodebookEdit) (Step, error) {
	c, err := s.st.EditCodebook(e)
	if err != nil {
		return Step{}, err
	}
	s.hist.push(change{desc: desc, codebook: &c})
	st, err := s.codebookChanged(c)
	st.Desc = desc
	return st, err
}

// replayCodebook undoes (back) or redoes the codebook change c. A change
// redone is recorded anew: what it changed this time is what its next undo
// restores.
func (s *Session) replayCodebook(c *change, back bool) (Step, error) {
	if back {
		if err := s.st.RevertCodebook(*c.codebook); err != nil {
			return Step{}, err
		}
		st, err := s.codebookChanged(*c.codebook)
		if err == nil {
			st.Restored = restoredIn(*c.codebook, s.doc.ID)
		}
		return st, err
	}
	redo, err := s.st.EditCodebook(c.codebook.Edit)
	if err != nil {
		return Step{}, err
	}
	c.codebook = &redo
	return s.codebookChanged(redo)
}

// codebookChanged rereads what the change c may have changed: the labels,
// the entities whose type it renamed, the article list's counts and the
// open article's annotations.
func (s *Session) codebookChanged(c annotation.CodebookChange) (Step, error) {
	st := Step{Codebook: true}
	if err := s.LoadLabels(); err != nil {
		return st, err
	}
	if len(c.Entities) > 0 {
		st.Entities = true
		if err := s.LoadEntities(); err != nil {
			return st, err
		}
	}
	if len(c.Annotations) == 0 {
		return st, nil
	}
	if err := s.LoadDocuments(); err != nil {
		return st, err
	}
	if slices.ContainsFunc(c.Annotations, func(a annotation.AnnotationChange) bool { return a.Before.DocID == s.doc.ID }) {
		st.Reread = true
		return st, s.ReloadAnnotations()
	}
	return st, nil
}

// restoredIn returns the ids of the annotations of document doc that
// undoing c brought back (deleted by c), to select one.
func restoredIn(c annotation.CodebookChange, doc uint64) []uint64 {
	var ids []uint64
	for _, a := range c.Annotations {
		if a.After.ID == 0 && a.Before.DocID == doc {
			ids = append(ids, a.Before.ID)
		}
	}
	return ids
}
