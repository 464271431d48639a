package app

import (
	"fmt"
	"maps"
	"slices"
	"unicode"

	"fyne.io/fyne/v2"

	"glossa/annotation"
)

// change is one undoable edit: the states before and after of the
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
	// registry, when set, makes this a step of Edit > Entities… instead:
	// it is project-wide and touches no document's annotations but those
	// a merge moved.
	registry *registryStep
}

// registryStep is one Save or merge in Edit > Entities…. A save is undone
// field by field (annotation.RestoreFields): only the fields it changed,
// and only where they still hold what it wrote, so that an edit made since
// is kept. A merge is undone by Store.UnmergeEntities, which relinks only
// the mentions it moved, and redone by merging again.
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

// history is the undo and redo stacks. It is global to the project file,
// not per document: undo takes back the last edit wherever it was made,
// opening its document first. Opening another project file clears it.
type history struct {
	undo, redo []change
}

const historyLimit = 500

func (h *history) push(c change) {
	h.undo = append(h.undo, c)
	if len(h.undo) > historyLimit {
		h.undo = slices.Delete(h.undo, 0, len(h.undo)-historyLimit)
	}
	h.redo = nil
}

func (h *history) clear() { h.undo, h.redo = nil, nil }

// commit writes put and del to the open document through the store and
// returns the stored puts and the change to record. On error the store has
// changed nothing.
func (u *UI) commit(put []annotation.Annotation, del []uint64) ([]annotation.Annotation, change, error) {
	c := change{docID: u.doc.ID, before: map[uint64]annotation.Annotation{}, after: map[uint64]annotation.Annotation{}}
	for _, a := range put {
		if old := u.annotation(a.ID); old != nil {
			c.before[a.ID] = *old
		}
	}
	for _, id := range del {
		if old := u.annotation(id); old != nil {
			c.before[id] = *old
		}
	}
	out, err := u.st.Apply(u.doc.ID, put, del)
	if err != nil {
		return nil, change{}, err
	}
	for _, a := range out {
		c.after[a.ID] = a
	}
	for _, id := range del {
		delete(c.after, id)
	}
	u.mergeStored(out, del)
	return out, c, nil
}

// edit commits one undoable edit described by desc and, when it is saved,
// runs then (if not nil) with the stored puts. It reports success. On
// failure the window is left as it was and the failed-edit dialog offers to
// retry the same edit (then runs after a successful retry too). While that
// dialog is open no edit is tried: the user answers it first.
func (u *UI) edit(desc string, put []annotation.Annotation, del []uint64, then func([]annotation.Annotation)) bool {
	if u.failDlg != nil {
		return false
	}
	out, c, err := u.commit(put, del)
	if err != nil {
		u.editFailed(err, func() bool { return u.edit(desc, put, del, then) })
		return false
	}
	c.desc = desc
	u.hist.push(c)
	u.updateUndoItems()
	if then != nil {
		then(out)
	}
	return true
}

// newAnnotation makes an annotation of label l over [start, end).
func (u *UI) newAnnotation(l annotation.Label, start, end int) (annotation.Annotation, error) {
	sp, err := annotation.NewSpan(u.offsets, start, end)
	if err != nil {
		return annotation.Annotation{}, err
	}
	a := annotation.Annotation{DocID: u.doc.ID, Label: l.Name, Spans: []annotation.Span{sp}, Author: u.annotator()}
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

// tag tags the article's selection with label l. When l is a source and
// a claim is selected, the new source is linked to the claim (said_by) in
// the same undo step, and the claim stays selected: the "who said this?"
// flow.
func (u *UI) tag(l annotation.Label) {
	if u.doc.ID == 0 {
		u.setStatus("Open an article first: pick one in the list on the left.")
		return
	}
	start, end := u.selection()
	if start >= end {
		u.setStatus(fmt.Sprintf("Select some text in the article first, then press %s to tag it as %s.", keyOr(l), l.Name))
		return
	}
	u.tagRange(l, start, end)
}

// tagRange is tag on [start, end). It reports whether the annotation was
// saved; when it was not, the selection stays and the failed-edit dialog
// can retry.
func (u *UI) tagRange(l annotation.Label, start, end int) bool {
	if u.failDlg != nil {
		return false
	}
	a, err := u.newAnnotation(l, start, end)
	if err != nil {
		u.showError(err, "Select the text again and retry.")
		return false
	}
	var claim *annotation.Annotation
	if l.Kind == annotation.KindSource {
		if c := u.annotation(u.selected); c != nil && u.kindOf(c) == annotation.KindClaim {
			cc := c.Clone()
			claim = &cc
		}
	}
	if !u.panel.flush() {
		return false
	}
	out, c, err := u.commit([]annotation.Annotation{a}, nil)
	if err != nil {
		u.editFailed(err, func() bool { return u.tagRange(l, start, end) })
		return false
	}
	u.article.ClearSelection()
	made := out[0]
	if claim == nil {
		c.desc = "tag " + l.Name
		u.hist.push(c)
		u.selected = 0
		u.selectAnnotationScroll(made.ID, false)
		u.setStatus(fmt.Sprintf("Tagged %s as %s and saved%s. Ctrl+Z undoes it.", quoted(made.Quote(), 50), l.Name, u.sourceHint()))
		u.updateUndoItems()
		return true
	}
	claim.Links = append(claim.Links, annotation.Link{Type: annotation.LinkSaidBy, Target: made.ID})
	_, c2, err := u.commit([]annotation.Annotation{*claim}, nil)
	if err != nil {
		c.desc = "tag " + l.Name
		u.hist.push(c)
		u.updateUndoItems()
		u.selected = 0
		u.selectAnnotationScroll(claim.ID, false)
		u.editFailed(fmt.Errorf("the source %s was saved but not linked to the claim: %w", quoted(made.Quote(), 40), err),
			func() bool { u.linkSource(claim.ID, made.ID); return u.isLinked(claim.ID, made.ID) })
		return true
	}
	c = c.merge(c2)
	c.desc = "tag and link source"
	u.hist.push(c)
	u.selected = 0
	u.selectAnnotationScroll(claim.ID, false)
	u.setStatus(fmt.Sprintf("Source %s saved and linked: claim %s is said by it. Ctrl+Z undoes both.", quoted(made.Quote(), 40), quoted(claim.Quote(), 40)))
	u.updateUndoItems()
	return true
}

// isLinked reports whether claim claimID is said by sourceID.
func (u *UI) isLinked(claimID, sourceID uint64) bool {
	c := u.annotation(claimID)
	return c != nil && slices.Contains(c.LinksOf(annotation.LinkSaidBy), sourceID)
}

// selection is the article's selection without the white space at its
// ends; start >= end when nothing but white space is selected.
func (u *UI) selection() (start, end int) {
	start, end, _ = u.article.Selection()
	for start < end && unicode.IsSpace([]rune(u.offsets.Slice(start, start+1))[0]) {
		start++
	}
	for end > start && unicode.IsSpace([]rune(u.offsets.Slice(end-1, end))[0]) {
		end--
	}
	return start, end
}

func keyOr(l annotation.Label) string {
	if l.Key != "" {
		return l.Key
	}
	return "its button"
}

// addSpan adds the article's selection as another span of the selected
// annotation (a quote split by "she said").
func (u *UI) addSpan() {
	a := u.annotation(u.selected)
	if a == nil {
		u.setStatus("Select an annotation first, then select the rest of its text and press + to add it.")
		return
	}
	start, end := u.selection()
	if start >= end {
		u.setStatus("Select the text to add to the annotation in the article, then press +.")
		return
	}
	sp, err := annotation.NewSpan(u.offsets, start, end)
	if err != nil {
		u.showError(err, "Select the text again and retry.")
		return
	}
	b := a.Clone()
	b.Spans = append(b.Spans, sp)
	annotation.SortSpans(b.Spans)
	if err := annotation.CheckSpans(u.offsets, b.Spans); err != nil {
		u.showError(err, "The new span overlaps one the annotation already has. Select text outside its highlight.")
		return
	}
	u.edit("add span", []annotation.Annotation{b}, nil, func([]annotation.Annotation) {
		u.article.ClearSelection()
		u.setStatus(fmt.Sprintf("%s now has %d spans: %s.", b.Label, len(b.Spans), quoted(b.Quote(), 60)))
	})
}

// update saves a changed copy of an annotation.
func (u *UI) update(desc string, a annotation.Annotation) bool {
	return u.edit(desc, []annotation.Annotation{a}, nil, func([]annotation.Annotation) {
		u.setStatus(fmt.Sprintf("%s of %s saved.", desc, quoted(a.Quote(), 50)))
	})
}

// linkSource links claim claimID to source sourceID (said_by).
func (u *UI) linkSource(claimID, sourceID uint64) {
	c := u.annotation(claimID)
	if c == nil {
		return
	}
	b := c.Clone()
	if slices.Contains(b.LinksOf(annotation.LinkSaidBy), sourceID) {
		u.setStatus("That source is already linked to the claim.")
		return
	}
	b.Links = append(b.Links, annotation.Link{Type: annotation.LinkSaidBy, Target: sourceID})
	u.edit("link source", []annotation.Annotation{b}, nil, func([]annotation.Annotation) {
		if s := u.annotation(sourceID); s != nil {
			u.setStatus(fmt.Sprintf("Claim %s is said by %s (saved).", quoted(b.Quote(), 40), quoted(s.Quote(), 40)))
		}
	})
}

// unlink removes the link of type t from annotation id to target.
func (u *UI) unlink(id uint64, t annotation.LinkType, target uint64) {
	a := u.annotation(id)
	if a == nil {
		return
	}
	b := a.Clone()
	b.Links = slices.DeleteFunc(b.Links, func(l annotation.Link) bool { return l.Type == t && l.Target == target })
	u.update("unlink", b)
}

// deleteAnnotation deletes annotation id and the links to it, in one
// undoable step.
func (u *UI) deleteAnnotation(id uint64) {
	a := u.annotation(id)
	if a == nil {
		return
	}
	var put []annotation.Annotation
	for _, o := range u.anns {
		if o.ID == id {
			continue
		}
		kept := slices.DeleteFunc(slices.Clone(o.Links), func(l annotation.Link) bool { return l.Target == id })
		if len(kept) != len(o.Links) {
			o = o.Clone()
			o.Links = kept
			put = append(put, o)
		}
	}
	quote := a.Quote()
	label := a.Label
	u.edit("delete", put, []uint64{id}, func([]annotation.Annotation) {
		u.setStatus(fmt.Sprintf("Deleted %s %s. Ctrl+Z brings it back.", label, quoted(quote, 50)))
	})
}

// undo takes back the last edit, opening its document if need be. It
// reports whether it did.
func (u *UI) undo() bool { return u.stepHistory(&u.hist.undo, &u.hist.redo, true) }

// redo makes the last undone edit again. It reports whether it did.
func (u *UI) redo() bool { return u.stepHistory(&u.hist.redo, &u.hist.undo, false) }

// stepHistory replays the last change of from (backwards for an undo) and moves
// it to to.
func (u *UI) stepHistory(from, to *[]change, back bool) bool {
	none, done := "Nothing to redo.", "Redone: %s."
	if back {
		none, done = "Nothing to undo.", "Undone: %s. Ctrl+Shift+Z redoes it."
	}
	if len(*from) == 0 {
		u.setStatus(none)
		return false
	}
	c := (*from)[len(*from)-1]
	if !u.replay(&c, back) {
		return false
	}
	*from = (*from)[:len(*from)-1]
	*to = append(*to, c)
	u.updateUndoItems()
	u.setStatus(fmt.Sprintf(done, c.desc))
	return true
}

// replay applies c backwards (undo) or forwards (redo) through the store.
// An entity the step made is removed by undo as it is then (c keeps that
// state, edits made in Edit > Entities since included) and put back by
// redo only when it is gone: the step never overwrites a later edit.
func (u *UI) replay(c *change, back bool) bool {
	if u.failDlg != nil {
		return false
	}
	if c.registry != nil {
		again := u.redo
		if back {
			again = u.undo
		}
		return u.replayRegistry(c.registry, back, again)
	}
	if c.docID != u.doc.ID && !u.openDocument(c.docID) {
		return false
	}
	if c.statusTo != "" {
		to := c.statusTo
		if back {
			to = c.statusFrom
		}
		again := u.redo
		if back {
			again = u.undo
		}
		return u.writeStatus(to, again)
	}
	from, to := c.before, c.after
	if back {
		from, to = c.after, c.before
	}
	again := u.redo
	if back {
		again = u.undo
	}
	if c.entity != nil && !back && u.entity(c.entity.ID) == nil {
		if err := u.st.RestoreEntity(*c.entity); err != nil {
			u.editFailed(err, again)
			return false
		}
		u.reloadEntities()
	}
	put, del := ops(from, to)
	out, err := u.st.Apply(c.docID, put, del)
	if err != nil {
		u.editFailed(err, again)
		return false
	}
	u.mergeStored(out, del)
	if c.entity != nil && back {
		// Another annotation may have come to refer to the entity since:
		// then it stays in the registry.
		now := u.entity(c.entity.ID)
		if now != nil {
			kept := *now
			kept.Aliases = slices.Clone(now.Aliases)
			if err := u.st.DeleteEntity(c.entity.ID); err == nil {
				c.entity = &kept // what redo puts back
				u.reloadEntities()
			}
		}
	}
	if u.annotation(u.selected) == nil && len(to) > 0 {
		// Select what the step brought back, the same one every time.
		u.selected = 0
		u.selectAnnotation(slices.Min(slices.Collect(maps.Keys(to))))
	}
	return true
}

// replayRegistry undoes (back) or redoes the registry step s through the
// store; again retries it after a failure. A merge redone is recorded
// anew: what it moved this time is what its next undo relinks.
func (u *UI) replayRegistry(s *registryStep, back bool, again func() bool) bool {
	var err error
	switch {
	case s.merge != nil && back:
		err = u.st.UnmergeEntities(*s.merge)
	case s.merge != nil:
		var m annotation.EntityMerge
		if m, err = u.st.MergeEntities(s.merge.Before.ID, s.merge.Merged.ID); err == nil {
			s.merge = &m
		}
	default:
		from, to := s.before, s.after
		if back {
			from, to = to, from
		}
		if now := u.entity(s.before.ID); now != nil {
			_, err = u.st.UpdateEntity(annotation.RestoreFields(*now, from, to))
		}
	}
	if err != nil {
		u.editFailed(err, again)
		return false
	}
	u.entitiesChanged(s.merge != nil)
	return true
}

// updateUndoItems names the edits Undo and Redo would take back, with
// the focus where it is.
func (u *UI) updateUndoItems() {
	var focused fyne.Focusable
	if c := u.win.Canvas(); c != nil {
		focused = c.Focused()
	}
	u.setUndoItems(focused)
}

// setUndoItems names what Undo and Redo would do with focused having the
// focus (see historyItem): "Undo typing" when a text field has typing of
// its own to undo, else the project's last edit. The menu is refreshed
// only when an item changed: a refresh rebuilds the whole menu bar (new
// widgets each time in Fyne's in-window menu).
func (u *UI) setUndoItems(focused fyne.Focusable) {
	if u.undoItem == nil {
		return
	}
	was := [2]fyne.MenuItem{*u.undoItem, *u.redoItem}
	var typedUndo, typedRedo bool
	if e, ok := focused.(textEntry); ok {
		typedUndo, typedRedo = typingHistory(e)
	}
	u.undoItem.Disabled = len(u.hist.undo) == 0 && !typedUndo
	u.redoItem.Disabled = len(u.hist.redo) == 0 && !typedRedo
	u.undoItem.Label, u.redoItem.Label = "Undo", "Redo"
	if n := len(u.hist.undo); typedUndo {
		u.undoItem.Label = "Undo typing"
	} else if n > 0 {
		u.undoItem.Label = "Undo " + u.hist.undo[n-1].desc
	}
	if n := len(u.hist.redo); typedRedo {
		u.redoItem.Label = "Redo typing"
	} else if n > 0 {
		u.redoItem.Label = "Redo " + u.hist.redo[n-1].desc
	}
	changed := false
	for i, it := range []*fyne.MenuItem{u.undoItem, u.redoItem} {
		changed = changed || it.Label != was[i].Label || it.Disabled != was[i].Disabled
	}
	if m := u.win.MainMenu(); m != nil && changed {
		m.Refresh()
	}
}

// setDocStatus sets the open document's status, undoably.
func (u *UI) setDocStatus(s annotation.Status) {
	if u.doc.ID == 0 || s == "" || s == u.doc.Status {
		return
	}
	from := u.doc.Status
	if !u.writeStatus(s, func() bool { u.setDocStatus(s); return u.doc.Status == s }) {
		return
	}
	u.hist.push(change{desc: "status " + statusName(s), docID: u.doc.ID, statusFrom: from, statusTo: s})
	u.updateUndoItems()
	u.setStatus(fmt.Sprintf("%s is now %s.", quoted(u.doc.Title, 50), statusName(s)))
}

// writeStatus stores status s of the open document; on failure the
// failed-edit dialog offers retry.
func (u *UI) writeStatus(s annotation.Status, retry func() bool) bool {
	if u.failDlg != nil {
		u.statusSel.SetSelectedIndex(statusIndex(u.doc.Status))
		return false
	}
	if err := u.st.SetStatus(u.doc.ID, s); err != nil {
		u.statusSel.SetSelectedIndex(statusIndex(u.doc.Status))
		u.editFailed(err, retry)
		return false
	}
	u.doc.Status = s
	if u.statusSel.Selected != statusName(s) {
		u.statusSel.SetSelectedIndex(statusIndex(s))
	}
	u.docChanged()
	return true
}
