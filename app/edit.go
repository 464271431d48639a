package app

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"

	"glossa/annotation"
	"glossa/app/session"
)

// show redraws what the session step st changed: everything when it
// opened another article, else the codebook (label bar, detail forms and
// every highlight's colour), the annotations it stored or deleted, the
// article's status, the entity registry; and the undo items.
func (u *UI) show(st session.Step) {
	if st.Codebook {
		u.codebookShown()
		// Verbs added to the codebook, or labels the suggestions are
		// named after, make the articles' suggestions out of date.
		u.suggestSoon(u.s.NeedsSuggestions()...)
	}
	switch {
	case st.Opened:
		u.documentShown()
	case st.Reread || st.Codebook: // a label's colour or kind may have changed
		u.refreshAnnotations()
	case st.Suggestions:
		u.suggestionsShown(st.Put, st.Del)
	case len(st.Put) > 0 || len(st.Del) > 0:
		u.storedShown(st.Put, st.Del)
	}
	if st.Status {
		u.statusShown()
	}
	if st.Entities {
		u.entitiesShown()
	}
	if st.Articles {
		u.articlesShown(st)
	}
	if changesCorpus(st) {
		u.corpusChanged()
	}
	u.updateUndoItems()
}

// changesCorpus reports whether step st changed what the corpus windows
// (statistics, who said what) count: annotations, a status, the codebook,
// the registry, the articles.
func changesCorpus(st session.Step) bool {
	return len(st.Put) > 0 || len(st.Del) > 0 || st.Status || st.Codebook || st.Entities || st.Reread || st.Articles
}

// corpusChanged tells the open corpus windows to compute again a moment
// from now: after an edit (show) and after an import or a merge
// (readInto), which change the corpus outside the session's steps.
func (u *UI) corpusChanged() {
	u.statisticsStale()
	u.whoSaidStale()
}

// edit stores one undoable edit described by desc through the session
// and, when it is saved, runs then (if not nil) with the stored puts. It
// reports success. On failure the window is left as it was and the
// failed-edit dialog offers to retry the same edit (then runs after a
// successful retry too). While that dialog is open no edit is tried: the
// user answers it first.
func (u *UI) edit(desc string, put []annotation.Annotation, del []uint64, then func([]annotation.Annotation)) bool {
	if u.failDlg != nil {
		return false
	}
	st, err := u.s.Apply(desc, put, del)
	if err != nil {
		u.editFailed(err, func() bool { return u.edit(desc, put, del, then) })
		return false
	}
	u.show(st)
	if then != nil {
		then(st.Put)
	}
	return true
}

// tag tags the article's selection with label l. When l is a source and
// a claim is selected, the new source is linked to the claim (said_by) in
// the same undo step, and the claim stays selected: the "who said this?"
// flow.
func (u *UI) tag(l annotation.Label) {
	if u.s.DocID() == 0 {
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
	a, err := u.s.NewAnnotation(l, start, end, u.annotator())
	if u.refused(err) {
		return false
	}
	if err != nil {
		u.showError(err, "Select the text again and retry.")
		return false
	}
	var claim *annotation.Annotation
	if l.Kind == annotation.KindSource {
		if c := u.s.Annotation(u.s.Selected()); c != nil && u.s.KindOf(c) == annotation.KindClaim {
			cc := c.Clone()
			claim = &cc
		}
	}
	if !u.panel.flush() {
		return false
	}
	st, err := u.s.Apply("tag "+l.Name, []annotation.Annotation{a}, nil)
	if err != nil {
		u.editFailed(err, func() bool { return u.tagRange(l, start, end) })
		return false
	}
	u.show(st)
	u.article.ClearSelection()
	made := st.Put[0]
	if claim == nil {
		u.supersede(made)
		u.s.Select(0)
		u.selectAnnotationScroll(made.ID, false)
		u.setStatus(fmt.Sprintf("Tagged %s as %s and saved%s. Ctrl+Z undoes it.", quoted(made.Quote(), 50), l.Name, u.sourceHint()))
		return true
	}
	claim.Links = append(claim.Links, annotation.Link{Type: annotation.LinkSaidBy, Target: made.ID})
	st, err = u.s.Amend("tag and link source", []annotation.Annotation{*claim}, nil)
	if err != nil {
		u.s.Select(0)
		u.selectAnnotationScroll(claim.ID, false)
		u.editFailed(fmt.Errorf("the source %s was saved but not linked to the claim: %w", quoted(made.Quote(), 40), err),
			func() bool { u.linkSource(claim.ID, made.ID); return u.isLinked(claim.ID, made.ID) })
		return true
	}
	u.show(st)
	u.supersede(made)
	u.s.Select(0)
	u.selectAnnotationScroll(claim.ID, false)
	u.setStatus(fmt.Sprintf("Source %s saved and linked: claim %s is said by it. Ctrl+Z undoes both.", quoted(made.Quote(), 40), quoted(claim.Quote(), 40)))
	return true
}

// supersede drops, in the step that tagged it, the pending suggestions
// that a stays in the place of (session.Supersede): the annotator drew
// their bounds anew. When that fails they stay pending, to be rejected by
// hand: the tag is saved all the same.
func (u *UI) supersede(a annotation.Annotation) {
	if st, err := u.s.Supersede([]annotation.Annotation{a}); err == nil && st.Suggestions {
		u.show(st)
	}
}

// isLinked reports whether claim claimID is said by sourceID.
func (u *UI) isLinked(claimID, sourceID uint64) bool {
	c := u.s.Annotation(claimID)
	return c != nil && slices.Contains(c.LinksOf(annotation.LinkSaidBy), sourceID)
}

// selection is the article's selection; start >= end when nothing is
// selected. The view leaves the white space at its ends out, so what the
// status line counts is what a tag stores.
func (u *UI) selection() (start, end int) {
	start, end, _ = u.article.Selection()
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
	a := u.s.Annotation(u.s.Selected())
	if a == nil {
		u.setStatus("Select an annotation first, then select the rest of its text and press + to add it.")
		return
	}
	start, end := u.selection()
	if start >= end {
		u.setStatus("Select the text to add to the annotation in the article, then press +.")
		return
	}
	sp, err := annotation.NewSpan(u.s.Offsets(), start, end)
	if err != nil {
		u.showError(err, "Select the text again and retry.")
		return
	}
	b := a.Clone()
	b.Spans = append(b.Spans, sp)
	annotation.SortSpans(b.Spans)
	if err := annotation.CheckSpans(u.s.Offsets(), b.Spans); err != nil {
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
	c := u.s.Annotation(claimID)
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
		if s := u.s.Annotation(sourceID); s != nil {
			u.setStatus(fmt.Sprintf("Claim %s is said by %s (saved).", quoted(b.Quote(), 40), quoted(s.Quote(), 40)))
		}
	})
}

// unlink removes the link of type t from annotation id to target.
func (u *UI) unlink(id uint64, t annotation.LinkType, target uint64) {
	a := u.s.Annotation(id)
	if a == nil {
		return
	}
	b := a.Clone()
	b.Links = slices.DeleteFunc(b.Links, func(l annotation.Link) bool { return l.Type == t && l.Target == target })
	u.update("unlink", b)
}

// deleteAnnotation deletes annotation id and the links to it, in one
// undoable step.
func (u *UI) deleteAnnotation(id uint64) { u.deleteAnnotations([]uint64{id}) }

// deleteSelected deletes the selected annotation, or every annotation
// selected in the list (Delete, Edit > Delete annotation), as one step; with
// none selected it says so.
func (u *UI) deleteSelected() {
	ids := u.panel.selectedAnnotations()
	if len(ids) == 0 {
		u.setStatus(u.nothingToDelete())
		return
	}
	u.deleteAnnotations(ids)
}

// deleteAnnotations deletes annotations ids and the links to them, in one
// undoable step.
func (u *UI) deleteAnnotations(ids []uint64) {
	var gone []annotation.Annotation
	for _, id := range ids {
		if a := u.s.Annotation(id); a != nil {
			gone = append(gone, *a)
		}
	}
	if len(gone) == 0 {
		return
	}
	del := make([]uint64, len(gone))
	for i, a := range gone {
		del[i] = a.ID
	}
	var put []annotation.Annotation
	for _, o := range u.s.Annotations() {
		if slices.Contains(del, o.ID) {
			continue
		}
		kept := slices.DeleteFunc(slices.Clone(o.Links), func(l annotation.Link) bool { return slices.Contains(del, l.Target) })
		if len(kept) != len(o.Links) {
			o = o.Clone()
			o.Links = kept
			put = append(put, o)
		}
	}
	desc, done := "delete", fmt.Sprintf("Deleted %s %s. Ctrl+Z brings it back.", gone[0].Label, quoted(gone[0].Quote(), 50))
	if len(gone) > 1 {
		desc = "delete " + annotation.Plural(len(gone), "annotation")
		done = fmt.Sprintf("Deleted %s. Ctrl+Z brings them back.", annotation.Plural(len(gone), "annotation"))
	}
	u.edit(desc, put, del, func([]annotation.Annotation) { u.setStatus(done) })
}

// undo takes back the last edit, opening its document if need be. It
// reports whether it did.
func (u *UI) undo() bool { return u.stepHistory(true) }

// redo makes the last undone edit again. It reports whether it did.
func (u *UI) redo() bool { return u.stepHistory(false) }

// stepHistory undoes (back) or redoes the session's last step and shows
// it; on failure the failed-edit dialog offers to try again.
func (u *UI) stepHistory(back bool) bool {
	step, again, none, done := u.s.Redo, u.redo, "Nothing to redo.", "Redone: %s."
	if back {
		step, again, none, done = u.s.Undo, u.undo, "Nothing to undo.", "Undone: %s. Ctrl+Shift+Z redoes it."
	}
	if back && !u.s.CanUndo() || !back && !u.s.CanRedo() {
		u.setStatus(none)
		return false
	}
	if u.failDlg != nil {
		return false
	}
	st, err := step()
	u.show(st) // a failed step may have opened its article
	if err != nil {
		u.editFailed(err, again)
		return false
	}
	if u.s.Annotation(u.s.Selected()) == nil && len(st.Restored) > 0 {
		// Select what the step brought back, the same one every time.
		u.s.Select(0)
		u.selectAnnotation(st.Restored[0])
	}
	u.setStatus(fmt.Sprintf(done, st.Desc))
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
	u.undoItem.Disabled = !u.s.CanUndo() && !typedUndo
	u.redoItem.Disabled = !u.s.CanRedo() && !typedRedo
	u.undoItem.Label, u.redoItem.Label = "Undo", "Redo"
	if typedUndo {
		u.undoItem.Label = "Undo typing"
	} else if u.s.CanUndo() {
		u.undoItem.Label = "Undo " + u.s.UndoDesc()
	}
	if typedRedo {
		u.redoItem.Label = "Redo typing"
	} else if u.s.CanRedo() {
		u.redoItem.Label = "Redo " + u.s.RedoDesc()
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
	if u.s.DocID() == 0 || s == "" || s == u.s.Doc().Status {
		return
	}
	if u.failDlg != nil {
		u.statusSel.SetSelectedIndex(statusIndex(u.s.Doc().Status))
		return
	}
	st, err := u.s.SetStatus("status "+statusName(s), s)
	if err != nil {
		u.statusSel.SetSelectedIndex(statusIndex(u.s.Doc().Status))
		u.editFailed(err, func() bool { u.setDocStatus(s); return u.s.Doc().Status == s })
		return
	}
	u.show(st)
	u.setStatus(fmt.Sprintf("%s is now %s.", quoted(u.s.Doc().Title, 50), statusName(s)))
}

// statusShown shows the open document's status in the status choice and
// the article list.
func (u *UI) statusShown() {
	s := u.s.Doc().Status
	if u.statusSel.Selected != statusName(s) {
		u.statusSel.SetSelectedIndex(statusIndex(s))
	}
	u.articles.refresh()
}
