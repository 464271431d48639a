package session

import (
	"fmt"
	"slices"

	"glossa/annotation"
)

// ArticleStore is what the article steps need of a project: metadata
// edits, deletion and restoring of whole documents, and cuts of a text.
type ArticleStore interface {
	// UpdateDocument changes a document's metadata; its text cannot change.
	UpdateDocument(d annotation.Document) (annotation.Document, error)
	// DeleteDocuments deletes documents with their annotations in one
	// transaction and returns them as they were.
	DeleteDocuments(ids []uint64) ([]annotation.Bundle, error)
	// RestoreDocuments puts documents back exactly, ids included,
	// replacing a stored document of the same id (undo).
	RestoreDocuments(bs []annotation.Bundle) error
	// CutDocument keeps code points [start, end) of a document's text
	// (annotation.Cut) and returns the document as it was and the
	// annotations it removed.
	CutDocument(id uint64, start, end int) (annotation.Bundle, []annotation.Annotation, error)
}

// articleStep is one edit of whole articles: exactly one of its fields is
// set.
type articleStep struct {
	// details: the metadata before and after (no text) of an edit.
	details *[2]annotation.Document
	// deleted: the documents a deletion removed, as they were.
	deleted []annotation.Bundle
	// cut: the document before a cut, and the range the cut kept.
	cut *cutStep
}

type cutStep struct {
	before     annotation.Bundle
	start, end int
}

// EditDetails stores d's metadata (title, outlet, URL, authors, dates,
// language) over document d.ID's as one undoable step described by desc,
// when anything changed. d's text, checksum and status are ignored.
func (s *Session) EditDetails(desc string, d annotation.Document) (Step, error) {
	before, err := s.st.Document(d.ID)
	if err != nil {
		return Step{}, err
	}
	before.Text = ""
	after := withDetails(before, d)
	if detailsEqual(before, after) {
		return Step{}, nil
	}
	stored, err := s.writeDetails(after)
	if err != nil {
		return Step{}, err
	}
	s.hist.push(change{desc: desc, docID: d.ID, article: &articleStep{details: &[2]annotation.Document{before, stored}}})
	return Step{Desc: desc, Articles: true}, nil
}

// withDetails returns d with the metadata fields of from.
func withDetails(d, from annotation.Document) annotation.Document {
	d.Title, d.Outlet, d.URL, d.Language = from.Title, from.Outlet, from.URL, from.Language
	d.Authors = slices.Clone(from.Authors)
	d.Published, d.Retrieved = from.Published, from.Retrieved
	return d
}

func detailsEqual(a, b annotation.Document) bool {
	return a.Title == b.Title && a.Outlet == b.Outlet && a.URL == b.URL && a.Language == b.Language &&
		slices.Equal(a.Authors, b.Authors) && a.Published == b.Published && a.Retrieved == b.Retrieved
}

// writeDetails stores d's metadata, with the stored status (a status
// change is a step of its own), and brings it into the session.
func (s *Session) writeDetails(d annotation.Document) (annotation.Document, error) {
	d.Text, d.SHA256, d.Status = "", "", ""
	out, err := s.st.UpdateDocument(d)
	if err != nil {
		return annotation.Document{}, err
	}
	if out.ID == s.doc.ID {
		text := s.doc.Text
		s.doc = out
		s.doc.Text = text
	}
	out.Text = ""
	return out, s.LoadDocuments()
}

// DeleteDocuments deletes the documents ids with their annotations as one
// undoable step described by desc. When the open document is one of them,
// none is open afterwards (Step.Closed).
func (s *Session) DeleteDocuments(desc string, ids []uint64) (Step, error) {
	if len(ids) == 0 {
		return Step{}, nil
	}
	gone, err := s.st.DeleteDocuments(ids)
	if err != nil {
		return Step{}, err
	}
	s.hist.push(change{desc: desc, article: &articleStep{deleted: gone}})
	return s.afterDelete(desc, ids)
}

func (s *Session) afterDelete(desc string, ids []uint64) (Step, error) {
	st := Step{Desc: desc, Articles: true}
	if slices.Contains(ids, s.doc.ID) {
		s.CloseDocument()
		st.Closed = true
	}
	return st, s.LoadDocuments()
}

// CutPreview returns the annotations of the open document that a cut
// keeping code points [start, end) would remove, or why it cannot be
// made.
func (s *Session) CutPreview(start, end int) ([]annotation.Annotation, error) {
	_, removed, err := annotation.Cut(annotation.Bundle{Document: s.doc, Annotations: s.anns}, start, end)
	return removed, err
}

// Cut keeps code points [start, end) of the open document's text and
// drops the rest, with the annotations there (Store.CutDocument), as one
// undoable step described by desc. The document is read again: its text
// and every offset changed (Step.Opened).
func (s *Session) Cut(desc string, start, end int) (Step, error) {
	if s.doc.ID == 0 {
		return Step{}, fmt.Errorf("no article is open")
	}
	before, _, err := s.st.CutDocument(s.doc.ID, start, end)
	if err != nil {
		return Step{}, err
	}
	s.hist.push(change{desc: desc, docID: s.doc.ID, article: &articleStep{cut: &cutStep{before: before, start: start, end: end}}})
	s.changed(s.doc.ID)
	return s.reopen(desc)
}

// reopen reads the open document again after its text changed, and the
// list of documents.
func (s *Session) reopen(desc string) (Step, error) {
	st := Step{Desc: desc, Opened: true, Articles: true}
	if err := s.Open(s.doc.ID); err != nil {
		return st, err
	}
	return st, s.LoadDocuments()
}

// replayArticle undoes (back) or redoes the article step of c through the
// store. A metadata edit or a cut opens its document first, as the steps of
// annotations do.
func (s *Session) replayArticle(c *change, back bool) (Step, error) {
	a := c.article
	if a.deleted != nil {
		ids := make([]uint64, len(a.deleted))
		for i, b := range a.deleted {
			ids[i] = b.Document.ID
		}
		if !back {
			gone, err := s.st.DeleteDocuments(ids)
			if err != nil {
				return Step{}, err
			}
			a.deleted = gone
			return s.afterDelete(c.desc, ids)
		}
		if err := s.st.RestoreDocuments(a.deleted); err != nil {
			return Step{}, err
		}
		st := Step{Articles: true}
		if err := s.LoadDocuments(); err != nil {
			return st, err
		}
		if s.doc.ID == 0 {
			// Show what came back.
			if err := s.Open(ids[0]); err != nil {
				return st, err
			}
			st.Opened = true
		}
		return st, nil
	}
	var st Step
	if c.docID != s.doc.ID {
		if err := s.Open(c.docID); err != nil {
			return st, err
		}
		st.Opened = true
	}
	if a.details != nil {
		from, to := a.details[1], a.details[0]
		if !back {
			from, to = to, from
		}
		now, err := s.st.Document(c.docID)
		if err != nil {
			return st, err
		}
		// Only the fields the step changed go back, so that nothing else
		// made since is lost.
		if _, err := s.writeDetails(restoreDetails(now, from, to)); err != nil {
			return st, err
		}
		st.Articles = true
		return st, nil
	}
	if back {
		if err := s.st.RestoreDocuments([]annotation.Bundle{a.cut.before}); err != nil {
			return st, err
		}
	} else {
		before, _, err := s.st.CutDocument(c.docID, a.cut.start, a.cut.end)
		if err != nil {
			return st, err
		}
		a.cut.before = before
	}
	s.changed(c.docID)
	return s.reopen(c.desc)
}

// restoreDetails returns now with each metadata field that holds what the
// step wrote (from) set to what it was (to).
func restoreDetails(now, from, to annotation.Document) annotation.Document {
	set := func(field *string, f, t string) {
		if *field == f {
			*field = t
		}
	}
	set(&now.Title, from.Title, to.Title)
	set(&now.Outlet, from.Outlet, to.Outlet)
	set(&now.URL, from.URL, to.URL)
	set(&now.Language, from.Language, to.Language)
	set(&now.Published, from.Published, to.Published)
	set(&now.Retrieved, from.Retrieved, to.Retrieved)
	if slices.Equal(now.Authors, from.Authors) {
		now.Authors = slices.Clone(to.Authors)
	}
	return now
}
