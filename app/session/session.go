// Package session is the editing state of one open project, apart from any
// window: the labels, the entity registry, the list of articles, the open
// article with its annotations, the selected annotation, and the undo
// history. Every edit goes through it to the store and is recorded as one
// undoable step; undo and redo replay steps through the store. It knows no
// Fyne: the window (package app) is a set of views over a Session that
// redraw what each Step says changed, and the session is tested without
// one. Annotator layers (layers.go) and suggestions (suggestions.go) hang
// their state here.
package session

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"

	"glossa/annotation"
)

// Store is what a session needs of a project: reads, and edits that are
// durable when they return.
type Store interface {
	Labels() (annotation.LabelSet, error)
	Documents() ([]annotation.Summary, error)
	Document(id uint64) (annotation.Document, error)
	SetStatus(id uint64, status annotation.Status) error
	Annotations(docID uint64) ([]annotation.Annotation, error)
	// Apply puts and deletes annotations of one document atomically; a put
	// with an unused nonzero id recreates it. It returns the stored puts.
	Apply(docID uint64, put []annotation.Annotation, del []uint64) ([]annotation.Annotation, error)
	Entities() ([]annotation.Entity, error)
	AddEntity(e annotation.Entity) (annotation.Entity, error)
	// DeleteEntity removes an entity nothing refers to; RestoreEntity puts
	// one back under its id (undo and redo of creating it).
	DeleteEntity(id uint64) error
	RestoreEntity(e annotation.Entity) error
	UpdateEntity(e annotation.Entity) (annotation.Entity, error)
	// MergeEntities makes every annotation of every document that refers
	// to entity merge refer to keep, folds merge's names into keep's
	// aliases and removes merge, in one transaction. It returns what it
	// changed, which UnmergeEntities takes back (undo).
	MergeEntities(keep, merge uint64) (annotation.EntityMerge, error)
	UnmergeEntities(m annotation.EntityMerge) error
	ArticleStore
	CodebookStore
	SuggestionStore
	LayerStore
}

// Session is the editing state of one open project. It is not safe for
// concurrent use: the window calls it from its UI goroutine.
type Session struct {
	st      Store
	labels  annotation.LabelSet
	docs    []annotation.Summary // every document of the project, store order
	doc     annotation.Document  // the open document; ID 0 for none
	offsets *annotation.Offsets
	anns    []annotation.Annotation // the open document's annotations, every layer, store order
	// view is the layer shown, shown its annotations of anns (nil: to
	// be filtered again), annotator the person editing (layers.go).
	view      LayerView
	shown     []annotation.Annotation
	annotator string
	sugs      []annotation.Annotation // the open document's pending suggestions, store order
	entities  []annotation.Entity
	selected  uint64 // the selected annotation or suggestion; 0 for none
	hist      history
	// rev counts changes of the labels and entities, docRev of each
	// document's annotations and text: what a SuggestRun read (see
	// Suggested).
	rev    uint64
	docRev map[uint64]uint64
}

// New returns a session over st with nothing read yet and no document open.
func New(st Store) *Session {
	return &Session{st: st, offsets: annotation.NewOffsets("")}
}

// Step says what an edit, an undo or a redo changed, so that the views
// redraw just that.
type Step struct {
	Desc string // what the step did, for the user ("tag Claim")
	// Opened: the step's document was opened first; redraw everything.
	Opened bool
	// Put and Del are the annotations of the open document stored (new or
	// replacing those of the same id) and deleted.
	Put []annotation.Annotation
	Del []uint64
	// Status: the open document's status changed.
	Status bool
	// Entities: the entity registry changed; Reread: the open document's
	// annotations were read again from the store (a merge moved mentions).
	Entities, Reread bool
	// Articles: the list of articles, or the open one's metadata, changed;
	// Closed: the open article was deleted and none is open.
	Articles, Closed bool
	// Codebook: the labels, relation types or guidelines changed.
	Codebook bool
	// Suggestions: the open document's pending suggestions changed
	// (accepted ones are also in Put, and annotations an undo of an
	// accept took back in Del).
	Suggestions bool
	// Restored are the ids an undo or redo brought back, to select one
	// (annotations, or suggestions pending again).
	Restored []uint64
}

// Labels returns the project's labels.
func (s *Session) Labels() annotation.LabelSet { return s.labels }

// Label returns the label named name.
func (s *Session) Label(name string) (annotation.Label, bool) { return s.labels.Find(name) }

// KindOf returns the kind of a's label: other for a label the project
// lacks, "" for nil.
func (s *Session) KindOf(a *annotation.Annotation) annotation.Kind {
	if a == nil {
		return ""
	}
	l, ok := s.labels.Find(a.Label)
	if !ok {
		return annotation.KindOther
	}
	return l.Kind
}

// Documents returns the summaries of the project's documents, in store
// order. The slice is the session's: do not change it.
func (s *Session) Documents() []annotation.Summary { return s.docs }

// Doc returns the open document; its ID is 0 when none is open.
func (s *Session) Doc() annotation.Document { return s.doc }

// DocID returns the open document's id, 0 for none.
func (s *Session) DocID() uint64 { return s.doc.ID }

// Offsets converts between offset units in the open document's text.
func (s *Session) Offsets() *annotation.Offsets { return s.offsets }

// Annotations returns the open document's annotations the view shows
// (SetView: every layer's by default) in store order (start, then id). The
// slice is the session's: do not change it.
func (s *Session) Annotations() []annotation.Annotation {
	if _, one := s.view.Layer(); !one {
		return s.anns
	}
	if s.shown == nil {
		s.shown = make([]annotation.Annotation, 0, len(s.anns))
		for _, a := range s.anns {
			if s.view.shows(a) {
				s.shown = append(s.shown, a)
			}
		}
	}
	return s.shown
}

// Annotation returns the open document's annotation id, of any layer, or
// nil. The annotation is the session's: change a Clone.
func (s *Session) Annotation(id uint64) *annotation.Annotation {
	if i := s.annIndex(id); i >= 0 {
		return &s.anns[i]
	}
	return nil
}

func (s *Session) annIndex(id uint64) int {
	if id == 0 {
		return -1
	}
	for i := range s.anns {
		if s.anns[i].ID == id {
			return i
		}
	}
	return -1
}

// Entities returns the entity registry. The slice is the session's.
func (s *Session) Entities() []annotation.Entity { return s.entities }

// Entity returns entity id of the registry, or nil.
func (s *Session) Entity(id uint64) *annotation.Entity {
	for i := range s.entities {
		if s.entities[i].ID == id {
			return &s.entities[i]
		}
	}
	return nil
}

// Selected returns the id of the selected annotation or pending
// suggestion, 0 for none.
func (s *Session) Selected() uint64 { return s.selected }

// Select makes id the selected annotation or pending suggestion (their ids
// never collide); an id the open document lacks, or the view hides,
// selects none.
func (s *Session) Select(id uint64) {
	if i := s.annIndex(id); (i < 0 || !s.view.shows(s.anns[i])) && sugIndex(s.Suggestions(), id) < 0 {
		id = 0
	}
	s.selected = id
}

// LoadLabels reads the project's labels. On error the session keeps the
// default label set, so that the window can still show something.
func (s *Session) LoadLabels() error {
	ls, err := s.st.Labels()
	s.changed(0)
	if err != nil {
		s.labels = annotation.DefaultLabelSet()
		return err
	}
	s.labels = ls
	return nil
}

// ReloadLabels rereads the labels after something else changed them (an
// import) and reports whether they changed.
func (s *Session) ReloadLabels() (changed bool, err error) {
	ls, err := s.st.Labels()
	if err != nil {
		return false, err
	}
	if reflect.DeepEqual(ls, s.labels) {
		return false, nil
	}
	s.labels = ls
	s.changed(0)
	return true, nil
}

// LoadEntities reads the entity registry.
func (s *Session) LoadEntities() error {
	es, err := s.st.Entities()
	if err != nil {
		return err
	}
	s.entities = es
	s.changed(0)
	return nil
}

// LoadDocuments reads the list of documents.
func (s *Session) LoadDocuments() error {
	ds, err := s.st.Documents()
	if err != nil {
		return err
	}
	s.docs = ds
	return nil
}

// Open opens document id with its annotations and pending suggestions;
// nothing is selected. On error the document open before stays open.
func (s *Session) Open(id uint64) error {
	d, err := s.st.Document(id)
	if err != nil {
		return err
	}
	anns, err := s.st.Annotations(id)
	if err != nil {
		return err
	}
	sugs, err := s.st.Suggestions(id)
	if err != nil {
		return fmt.Errorf("the suggestions of article %d: %w", id, err)
	}
	s.doc, s.offsets, s.anns, s.sugs, s.selected, s.shown = d, annotation.NewOffsets(d.Text), anns, sugs, 0, nil
	return nil
}

// CloseDocument leaves no document open.
func (s *Session) CloseDocument() {
	s.doc, s.offsets, s.anns, s.sugs, s.selected, s.shown = annotation.Document{}, annotation.NewOffsets(""), nil, nil, 0, nil
}

// ReloadAnnotations rereads the open document's annotations and pending
// suggestions.
func (s *Session) ReloadAnnotations() error {
	if s.doc.ID == 0 {
		return nil
	}
	anns, err := s.st.Annotations(s.doc.ID)
	if err != nil {
		return err
	}
	s.anns, s.shown = anns, nil
	s.changed(s.doc.ID)
	err = s.readSuggestions()
	s.Select(s.selected)
	return err
}

// stored brings what the store took into the session: put are the
// annotations Apply returned, del the ids it deleted. s.anns stays in
// store order, so that an edit costs the same on an article of 3,000
// annotations as on one of 3; the open document's summary follows.
func (s *Session) stored(put []annotation.Annotation, del []uint64) {
	for _, a := range put {
		if i := s.annIndex(a.ID); i >= 0 {
			s.anns = slices.Delete(s.anns, i, i+1)
		}
		i, _ := slices.BinarySearchFunc(s.anns, a, storeOrder)
		s.anns = slices.Insert(s.anns, i, a.Clone()) // the history keeps a too
	}
	for _, id := range del {
		if i := s.annIndex(id); i >= 0 {
			s.anns = slices.Delete(s.anns, i, i+1)
		}
	}
	if len(del) > 0 {
		unlinkFrom(s.sugs, del) // as the store unlinks them
	}
	s.shown = nil
	s.changed(s.doc.ID)
	s.Select(s.selected)
	s.summaryChanged()
}

// summaryChanged puts the open document's annotation and suggestion
// counts and status into its summary, without rereading every summary.
func (s *Session) summaryChanged() {
	for i := range s.docs {
		if s.docs[i].ID == s.doc.ID {
			s.docs[i].Annotations = len(s.anns)
			s.docs[i].Layers = annotation.CountLayers(s.anns)
			s.docs[i].Pending = len(s.sugs)
			s.docs[i].Status = s.doc.Status
		}
	}
}

// storeOrder orders annotations as Store.Annotations returns them.
func storeOrder(a, b annotation.Annotation) int {
	if c := cmp.Compare(a.Start(), b.Start()); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// NewAnnotation makes an annotation of label l over [start, end) of the
// open document, by author, in the layer the view edits (EditLayer: a
// read-only view refuses), with l's attribute defaults.
func (s *Session) NewAnnotation(l annotation.Label, start, end int, author string) (annotation.Annotation, error) {
	if s.doc.ID == 0 {
		return annotation.Annotation{}, fmt.Errorf("no article is open")
	}
	layer, err := s.EditLayer()
	if err != nil {
		return annotation.Annotation{}, err
	}
	sp, err := annotation.NewSpan(s.offsets, start, end)
	if err != nil {
		return annotation.Annotation{}, err
	}
	a := annotation.Annotation{DocID: s.doc.ID, Label: l.Name, Spans: []annotation.Span{sp}, Author: author, Layer: layer}
	for _, d := range l.Attributes {
		if d.Default != "" {
			if a.Attributes == nil {
				a.Attributes = map[string]string{}
			}
			a.Attributes[d.Name] = d.Default
		}
	}
	return a, nil
}
