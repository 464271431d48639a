package session

import (
	"errors"
	"fmt"
	"slices"

	"glossa/annotation"
	"glossa/suggest"
)

// The open document's pending suggestions are held beside its annotations
// (s.sugs, store order). Accepting and rejecting them are undoable steps
// made through Store.ReviewSuggestions; a suggester's result computed in
// the background is stored with Suggested, which is no step: it changes
// nothing the user made.

// ErrStale: the document, its annotations, the labels or the entities
// changed while suggestions were computed from them; compute them again.
var ErrStale = errors.New("the article changed while its suggestions were computed")

// reviewStep is one review of pending suggestions: accepted are the
// suggestions as they were pending, stored what the store made of them
// (annotations, links to what was not accepted dropped), rejected the
// suggestions rejected; relinked are pending suggestions whose links to
// a rejected one the review moved to the annotation that took its place
// (Supersede), as they were, and relinkedTo as they became.
type reviewStep struct {
	accepted, stored, rejected []annotation.Annotation
	relinked, relinkedTo       []annotation.Annotation
}

// Suggestions returns the open document's pending suggestions in store
// order; none while another annotator's layer is shown (they are reviewed
// into the layer the view edits). The slice is the session's: do not
// change it.
func (s *Session) Suggestions() []annotation.Annotation {
	if s.readOnly() {
		return nil
	}
	return s.sugs
}

// Suggestion returns the open document's pending suggestion id, or nil.
// It is the session's: change a Clone.
func (s *Session) Suggestion(id uint64) *annotation.Annotation {
	if i := sugIndex(s.sugs, id); i >= 0 {
		return &s.sugs[i]
	}
	return nil
}

func sugIndex(sugs []annotation.Annotation, id uint64) int {
	if id == 0 {
		return -1
	}
	return slices.IndexFunc(sugs, func(a annotation.Annotation) bool { return a.ID == id })
}

// readSuggestions reads the open document's pending suggestions.
func (s *Session) readSuggestions() error {
	sugs, err := s.st.Suggestions(s.doc.ID)
	if err != nil {
		return fmt.Errorf("the suggestions of article %d: %w", s.doc.ID, err)
	}
	s.sugs = sugs
	return nil
}

// Accept accepts the open document's pending suggestion id as one undoable
// step, with what it needs to be whole: a claim's pending source (said_by)
// and cue, a source's pending antecedent (is). They become annotations
// under their ids, in the layer the view edits (EditLayer), with reviewer
// as their author and reviewer; their links to annotations of other layers
// go.
func (s *Session) Accept(id uint64, reviewer string) (Step, error) {
	group := acceptGroup(s.sugs, []uint64{id})
	if len(group) == 0 {
		return Step{}, fmt.Errorf("suggestion %d: %w", id, annotation.ErrNotFound)
	}
	return s.review(acceptDesc(s, group), group, nil, reviewer)
}

// Reject rejects the open document's pending suggestion id as one undoable
// step; a claim takes with it its pending source and cue when no other
// pending suggestion links to them. The store remembers what was rejected,
// so that it is not proposed again.
func (s *Session) Reject(id uint64) (Step, error) {
	group := rejectGroup(s.sugs, id)
	if len(group) == 0 {
		return Step{}, fmt.Errorf("suggestion %d: %w", id, annotation.ErrNotFound)
	}
	desc := "reject " + group[0].Label
	if len(group) > 1 {
		desc = fmt.Sprintf("reject %s and %d linked", group[0].Label, len(group)-1)
	}
	return s.review(desc, nil, group, "")
}

// AcceptAbove accepts, as one undoable step, every pending suggestion of
// the open document whose confidence is at least min (AcceptAboveSet).
func (s *Session) AcceptAbove(min float64, reviewer string) (Step, error) {
	group := s.AcceptAboveSet(min)
	if len(group) == 0 {
		return Step{}, nil
	}
	return s.review(fmt.Sprintf("accept %d suggestions ≥ %.2f", len(group), min), group, nil, reviewer)
}

// AcceptAboveSet returns what AcceptAbove(min) would accept: every
// pending suggestion of confidence at least min that no pending claim
// links to (a source or cue goes with its claim, whatever its own
// confidence), with what each needs (see Accept).
func (s *Session) AcceptAboveSet(min float64) []annotation.Annotation {
	var heads []uint64
	for _, a := range s.sugs {
		if a.Provenance.Confidence >= min && !linkedFromClaim(s, a.ID) {
			heads = append(heads, a.ID)
		}
	}
	return acceptGroup(s.sugs, heads)
}

// linkedFromClaim reports whether a pending claim of the open document
// links to id as its source or cue.
func linkedFromClaim(s *Session, id uint64) bool {
	for i := range s.sugs {
		c := &s.sugs[i]
		if c.ID != id && s.KindOf(c) == annotation.KindClaim && slices.ContainsFunc(c.Links, func(l annotation.Link) bool {
			return l.Target == id && (l.Type == annotation.LinkSaidBy || l.Type == annotation.LinkCue)
		}) {
			return true
		}
	}
	return false
}

func acceptDesc(s *Session, group []annotation.Annotation) string {
	first := group[0]
	if len(group) == 1 {
		return "accept " + first.Label
	}
	if s.KindOf(&first) == annotation.KindClaim {
		return "accept " + first.Label + " with its source and cue"
	}
	return fmt.Sprintf("accept %s and %d linked", first.Label, len(group)-1)
}

// acceptGroup returns the pending suggestions ids with, transitively, the
// pending targets of their said_by, cue and is links: what accepting them
// accepts. The ids' own come first, in the order given; the rest follow in
// store order.
func acceptGroup(sugs []annotation.Annotation, ids []uint64) []annotation.Annotation {
	in := map[uint64]bool{}
	var out []annotation.Annotation
	var add func(id uint64)
	add = func(id uint64) {
		i := sugIndex(sugs, id)
		if i < 0 || in[id] {
			return
		}
		in[id] = true
		out = append(out, sugs[i])
		for _, l := range sugs[i].Links {
			if l.Type == annotation.LinkSaidBy || l.Type == annotation.LinkCue || l.Type == annotation.LinkIs {
				add(l.Target)
			}
		}
	}
	for _, id := range ids {
		add(id)
	}
	return out
}

// rejectGroup returns the pending suggestion id with the pending targets
// of its said_by and cue links that no other pending suggestion links to:
// a rejected claim's source and cue stand for nothing else. id comes
// first.
func rejectGroup(sugs []annotation.Annotation, id uint64) []annotation.Annotation {
	i := sugIndex(sugs, id)
	if i < 0 {
		return nil
	}
	out := []annotation.Annotation{sugs[i]}
	for _, l := range sugs[i].Links {
		if l.Type != annotation.LinkSaidBy && l.Type != annotation.LinkCue {
			continue
		}
		t := sugIndex(sugs, l.Target)
		if t < 0 || slices.ContainsFunc(out, func(a annotation.Annotation) bool { return a.ID == l.Target }) {
			continue
		}
		shared := slices.ContainsFunc(sugs, func(o annotation.Annotation) bool {
			return o.ID != id && slices.ContainsFunc(o.Links, func(ol annotation.Link) bool { return ol.Target == l.Target })
		})
		if !shared {
			out = append(out, sugs[t])
		}
	}
	return out
}

// accepted returns a as its review by reviewer into layer makes it: an
// annotation of reviewer's, suggested and accepted.
func accepted(a annotation.Annotation, reviewer, layer string) annotation.Annotation {
	b := a.Clone()
	b.Author, b.Layer = reviewer, layer
	b.Provenance.Origin = annotation.OriginSuggested
	b.Provenance.Review = annotation.ReviewAccepted
	b.Provenance.Reviewer = reviewer
	return b
}

// review accepts accept and rejects reject, pending suggestions of the
// open document, in one transaction, and records the step.
func (s *Session) review(desc string, accept, reject []annotation.Annotation, reviewer string) (Step, error) {
	layer, err := s.EditLayer()
	if err != nil {
		return Step{}, err
	}
	e := annotation.SuggestionEdit{Reject: idsOf(reject)}
	for _, a := range accept {
		e.Accept = append(e.Accept, accepted(a, reviewer, layer))
	}
	out, err := s.st.ReviewSuggestions(s.doc.ID, e)
	if err != nil {
		return Step{}, err
	}
	s.hist.push(change{desc: desc, docID: s.doc.ID, review: &reviewStep{
		accepted: clones(accept), stored: clones(out), rejected: clones(reject)}})
	st, err := s.reviewed(out, nil)
	st.Desc = desc
	return st, err
}

// reviewed brings a review's outcome into the session: put are the
// annotations it stored, del those it deleted; the pending suggestions are
// read again.
func (s *Session) reviewed(put []annotation.Annotation, del []uint64) (Step, error) {
	s.stored(put, del)
	st := Step{Put: put, Del: del, Suggestions: true}
	err := s.readSuggestions()
	s.Select(s.selected)
	s.summaryChanged()
	return st, err
}

// replayReview undoes (back) or redoes the review of c.
func (s *Session) replayReview(c *change, back bool) (Step, error) {
	var st Step
	if c.docID != s.doc.ID {
		if err := s.Open(c.docID); err != nil {
			return st, err
		}
		st.Opened = true
	}
	r := c.review
	var e annotation.SuggestionEdit
	if back {
		e.Unaccept = idsOf(r.stored)
		e.Restore = restorable(slices.Concat(r.accepted, r.rejected, r.relinked), s.sugs, s.anns, e.Unaccept)
		// Pending suggestions that link to what goes back (another claim
		// of the same accepted source) are put back as they are: the store
		// unlinks them when it deletes the annotations, before it restores
		// the suggestions.
		for _, o := range s.sugs {
			if slices.ContainsFunc(o.Links, func(l annotation.Link) bool { return slices.Contains(e.Unaccept, l.Target) }) {
				e.Restore = append(e.Restore, o.Clone())
			}
		}
	} else {
		e.Accept = clones(r.stored)
		e.Reject = idsOf(r.rejected)
		e.Restore = clones(r.relinkedTo)
	}
	out, err := s.st.ReviewSuggestions(c.docID, e)
	if err != nil {
		return st, err
	}
	if !back {
		r.stored = clones(out)
	}
	got, err := s.reviewed(out, e.Unaccept)
	got.Opened = st.Opened
	got.Restored = idsOf(e.Restore)
	if !back {
		got.Restored = idsOf(out)
	}
	return got, err
}

// restorable returns copies of the suggestions an undo puts back pending,
// without their links to what is gone since (a later run of the suggester
// replaced the pending suggestions they linked to): what they link to must
// be pending, an annotation not taken back by the same undo (gone), or put
// back with them.
func restorable(back, pending, anns []annotation.Annotation, gone []uint64) []annotation.Annotation {
	out := clones(back)
	for i := range out {
		out[i].Links = slices.DeleteFunc(out[i].Links, func(l annotation.Link) bool {
			return sugIndex(back, l.Target) < 0 && sugIndex(pending, l.Target) < 0 &&
				(sugIndex(anns, l.Target) < 0 || slices.Contains(gone, l.Target))
		})
	}
	return out
}

// Supersede rejects, as part of the last undo step, which stored put
// (a tag), the pending suggestions of the open document that put makes
// redundant: of the same kind as one of put, their spans and its sharing
// at least half of the shorter. The annotator drew the bounds again. The
// links of other pending suggestions to one of them move to the
// annotation in its place (a suggested claim keeps its source when the
// source is tagged by hand); a claim's own source and cue stay pending.
// One undo takes back both the tag and the rejection.
func (s *Session) Supersede(put []annotation.Annotation) (Step, error) {
	by := map[uint64]uint64{} // suggestion -> the annotation in its place
	var gone []annotation.Annotation
	for _, g := range s.sugs {
		if i := slices.IndexFunc(put, func(a annotation.Annotation) bool {
			return s.KindOf(&a) == s.KindOf(&g) && annotation.MostlyOverlap(a.Spans, g.Spans)
		}); i >= 0 {
			by[g.ID] = put[i].ID
			gone = append(gone, g)
		}
	}
	n := len(s.hist.undo)
	if len(gone) == 0 || n == 0 || !s.hist.undo[n-1].amendable(s.doc.ID) {
		return Step{}, nil
	}
	r := &reviewStep{rejected: clones(gone)}
	for _, o := range s.sugs {
		if _, ok := by[o.ID]; ok || !slices.ContainsFunc(o.Links, func(l annotation.Link) bool { return by[l.Target] != 0 }) {
			continue
		}
		moved := o.Clone()
		moved.Links = moved.Links[:0]
		for _, l := range o.Links {
			if t := by[l.Target]; t != 0 {
				l.Target = t
			}
			if !slices.Contains(moved.Links, l) {
				moved.Links = append(moved.Links, l)
			}
		}
		r.relinked, r.relinkedTo = append(r.relinked, o.Clone()), append(r.relinkedTo, moved)
	}
	e := annotation.SuggestionEdit{Reject: idsOf(gone), Restore: clones(r.relinkedTo)}
	if _, err := s.st.ReviewSuggestions(s.doc.ID, e); err != nil {
		return Step{}, err
	}
	s.hist.undo[n-1].review = r
	st, err := s.reviewed(nil, nil)
	st.Desc = s.hist.undo[n-1].desc
	return st, err
}

// replayEditAndReview undoes (back) or redoes a step that stored
// annotations and rejected suggestions (Supersede): undo restores the
// suggestions first, redo stores the annotations first, so that a retry
// after a failure in between repeats only what is safe to repeat.
func (s *Session) replayEditAndReview(c *change, back bool) (Step, error) {
	edit := *c
	edit.review = nil
	annotations := func() (Step, error) {
		st, err := s.replay(&edit, back)
		c.entity = edit.entity // what the replay left for the next one
		return st, err
	}
	review := func() (Step, error) { return s.replayReview(c, back) }
	first, second := review, annotations
	if !back {
		first, second = annotations, review
	}
	st, err := first()
	if err != nil {
		return st, err
	}
	st2, err := second()
	st.Opened = st.Opened || st2.Opened
	st.Put, st.Del = append(st.Put, st2.Put...), append(st.Del, st2.Del...)
	st.Entities, st.Suggestions = st.Entities || st2.Entities, true
	st.Restored = append(st.Restored, st2.Restored...)
	return st, err
}

func clones(as []annotation.Annotation) []annotation.Annotation {
	out := make([]annotation.Annotation, len(as))
	for i, a := range as {
		out[i] = a.Clone()
	}
	return out
}

// SuggestRun is one run of the suggester over a document, with copies of
// what it reads, so that Compute may run on any goroutine while the
// session goes on.
type SuggestRun struct {
	DocID    uint64
	Version  string // suggest.Stamp of the codebook it ran with
	text     string
	labels   annotation.LabelSet
	entities []annotation.Entity
	existing []annotation.Annotation // the document's annotations
	rev      [2]uint64               // s.rev and s.docRev[DocID] when made
}

// Compute returns the document's suggestions, as pending annotations with
// ids from annotation.NewIDBase on (Suggested stores them).
func (r SuggestRun) Compute() []annotation.Annotation {
	return suggest.Pending(r.DocID, suggest.Text(r.text, suggest.OptionsFor(r.labels, r.entities)), r.existing, r.labels)
}

// NeedsSuggestions lists the documents whose suggestions were made by
// another version of the suggester than this one, or never: the open one
// first, then in store order.
func (s *Session) NeedsSuggestions() []uint64 {
	var ids []uint64
	for _, d := range s.docs {
		if d.Suggester != suggest.Stamp(s.labels) {
			if d.ID == s.doc.ID {
				ids = slices.Insert(ids, 0, d.ID)
			} else {
				ids = append(ids, d.ID)
			}
		}
	}
	return ids
}

// SuggestRunFor prepares a run of the suggester over document id, reading
// it from the store unless it is the open one. The suggester sees the
// annotations of the annotator's own layer and of the unnamed layer: what
// another annotator tagged is no reason to propose less, and a suggestion
// links only to annotations of the layer it is accepted into.
func (s *Session) SuggestRunFor(id uint64) (SuggestRun, error) {
	r := SuggestRun{DocID: id, Version: suggest.Stamp(s.labels), labels: s.labels.Clone(), entities: slices.Clone(s.entities),
		rev: [2]uint64{s.rev, s.docRev[id]}}
	if id == s.doc.ID {
		r.text, r.existing = s.doc.Text, s.ownLayers(clones(s.anns))
		return r, nil
	}
	d, err := s.st.Document(id)
	if err != nil {
		return SuggestRun{}, err
	}
	anns, err := s.st.Annotations(id)
	if err != nil {
		return SuggestRun{}, err
	}
	r.text, r.existing = d.Text, s.ownLayers(anns)
	return r, nil
}

// ownLayers keeps, of anns, those of the annotator's layer and of the
// unnamed layer.
func (s *Session) ownLayers(anns []annotation.Annotation) []annotation.Annotation {
	return slices.DeleteFunc(anns, func(a annotation.Annotation) bool {
		l := annotation.LayerOf(a)
		return l != "" && l != s.annotator
	})
}

// Suggested stores the suggestions r computed as its document's pending
// ones, replacing those it had (Store.SetSuggestions); no undo step. It
// returns ErrStale, storing nothing, when what r read changed since it
// was made. Step.Suggestions says the open document's changed.
func (s *Session) Suggested(r SuggestRun, sugs []annotation.Annotation) (Step, error) {
	if r.rev != [2]uint64{s.rev, s.docRev[r.DocID]} {
		return Step{}, ErrStale
	}
	out, err := s.st.SetSuggestions(r.DocID, sugs, r.Version)
	if err != nil {
		return Step{}, err
	}
	for i := range s.docs {
		if s.docs[i].ID == r.DocID {
			s.docs[i].Pending, s.docs[i].Suggester = len(out), r.Version
		}
	}
	if r.DocID != s.doc.ID {
		return Step{Articles: true}, nil
	}
	s.sugs = out
	slices.SortFunc(s.sugs, storeOrder)
	s.Select(s.selected)
	return Step{Suggestions: true, Articles: true}, nil
}

// changed notes that document id's annotations or text changed (0: the
// labels or entities, which every run reads): a run made before is stale.
func (s *Session) changed(id uint64) {
	if id == 0 {
		s.rev++
		return
	}
	if s.docRev == nil {
		s.docRev = map[uint64]uint64{}
	}
	s.docRev[id]++
}

// unlinkFrom drops the links of the pending suggestions sugs to the
// annotations del, deleted.
func unlinkFrom(sugs []annotation.Annotation, del []uint64) {
	for i := range sugs {
		if slices.ContainsFunc(sugs[i].Links, func(l annotation.Link) bool { return slices.Contains(del, l.Target) }) {
			sugs[i].Links = slices.DeleteFunc(slices.Clone(sugs[i].Links), func(l annotation.Link) bool { return slices.Contains(del, l.Target) })
		}
	}
}

// idsOf returns the ids of as.
func idsOf(as []annotation.Annotation) []uint64 {
	out := make([]uint64, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}
