package app

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
	"glossa/app/session"
	"glossa/widgets"
)

// The review of suggestions: the suggester's proposals for the open
// article are outlined in the text (widgets.Outlined) and listed first in
// the annotation panel. A selected one is accepted with Enter, rejected
// with Delete or Backspace; Tab and Shift+Tab step through them; each
// decision selects the next one. Accepting a claim accepts its source and
// cue with it, as one undo step (session.Accept).
//
// Suggestions are computed in the background (Project.Suggest), after an
// article opens and after an import, for every article the running
// suggester has not seen; the window never waits for them.

// prefAcceptAbove is the last confidence "Accept all above" was used with
// (float; default 0.8).
const prefAcceptAbove = "acceptAbove"

// suggestionHighlights appends the outlined highlights of suggestion a,
// one a span.
func (u *UI) suggestionHighlights(hs []widgets.Highlight, a annotation.Annotation) []widgets.Highlight {
	l, _ := u.s.Label(a.Label)
	tip := fmt.Sprintf("%s (suggested, %s)", a.Label, percent(a.Provenance.Confidence))
	for _, s := range a.Spans {
		hs = append(hs, widgets.Highlight{ID: a.ID, Start: s.Start, End: s.End, Color: labelColor(l.Color, 0xff), Label: tip, Style: widgets.Outlined})
	}
	return hs
}

// suggestionsShown redraws the highlights of the pending suggestions
// (there are tens of them an article, so all of them), replacing those of
// the ids drawn before and of put and del, the annotations the same step
// stored and deleted. The panel follows.
func (u *UI) suggestionsShown(put []annotation.Annotation, del []uint64) {
	ids := slices.Concat(u.sugShown, del)
	var hs []widgets.Highlight
	for _, a := range put {
		ids = append(ids, a.ID)
		if !slices.Contains(del, a.ID) {
			hs = u.appendHighlights(hs, a)
		}
	}
	u.sugShown = u.sugShown[:0]
	for _, a := range u.suggestions() {
		u.sugShown = append(u.sugShown, a.ID)
		hs = u.suggestionHighlights(hs, a)
	}
	u.article.ReplaceHighlights(ids, hs)
	u.annotationsChanged()
	u.articles.refresh() // the article's counts
}

// percent is a confidence as a whole percentage ("90%").
func percent(c float64) string { return strconv.Itoa(int(c*100+0.5)) + "%" }

// acceptSuggestion accepts pending suggestion id (with its source and cue
// when it is a claim) and selects the next one.
func (u *UI) acceptSuggestion(id uint64) bool {
	a := u.s.Suggestion(id)
	if a == nil || u.failDlg != nil {
		return false
	}
	q, at := a.Quote(), a.Start()
	st, err := u.s.Accept(id, u.annotator())
	if err != nil {
		u.editFailed(err, func() bool { return u.acceptSuggestion(id) })
		return false
	}
	u.show(st)
	u.afterReview(at, fmt.Sprintf("Accepted %s %s%s", st.Put[0].Label, quoted(q, 40), alsoAccepted(st.Put)))
	return true
}

// alsoAccepted names what an accept took with the suggestion (put[0]).
func alsoAccepted(put []annotation.Annotation) string {
	if len(put) < 2 {
		return ""
	}
	var parts []string
	for _, a := range put[1:] {
		parts = append(parts, fmt.Sprintf("%s %s", strings.ToLower(a.Label), quoted(a.Quote(), 30)))
	}
	return " with its " + strings.Join(parts, " and ")
}

// rejectSuggestion rejects pending suggestion id (with the source and cue
// only it had) and selects the next one.
func (u *UI) rejectSuggestion(id uint64) bool {
	a := u.s.Suggestion(id)
	if a == nil || u.failDlg != nil {
		return false
	}
	label, q, at := a.Label, a.Quote(), a.Start()
	st, err := u.s.Reject(id)
	if err != nil {
		u.editFailed(err, func() bool { return u.rejectSuggestion(id) })
		return false
	}
	u.show(st)
	u.afterReview(at, fmt.Sprintf("Rejected %s %s: it is not proposed again", label, quoted(q, 40)))
	return true
}

// afterReview selects the first pending suggestion at or after offset at
// (else the last one before it) and says what was done and what is next.
func (u *UI) afterReview(at int, done string) {
	sugs := u.suggestions()
	next := uint64(0)
	if i := slices.IndexFunc(sugs, func(a annotation.Annotation) bool { return a.Start() >= at }); i >= 0 {
		next = sugs[i].ID
	} else if len(sugs) > 0 {
		next = sugs[len(sugs)-1].ID
	}
	if next != 0 {
		u.s.Select(0)
		u.selectAnnotation(next)
	}
	left := "no suggestions left in this article"
	if n := len(sugs); n > 0 {
		left = annotation.Plural(n, "suggestion") + " left"
	}
	u.setStatus(done + ". Ctrl+Z undoes it; " + left + ".")
}

// stepSuggestion selects the next (d = 1) or previous (d = -1) pending
// suggestion in reading order: from the selected one, else from the
// article's selection or the top.
func (u *UI) stepSuggestion(d int) {
	sugs := u.suggestions()
	if len(sugs) == 0 {
		u.setStatus("This article has no suggestions waiting for review.")
		return
	}
	i := slices.IndexFunc(sugs, func(a annotation.Annotation) bool { return a.ID == u.s.Selected() })
	if i < 0 {
		// From the selected annotation, or the text selected in the
		// article (Find puts its match there): the first suggestion
		// starting at or after it, or the last one before it.
		from, _ := u.selection()
		if a := u.s.Annotation(u.s.Selected()); a != nil {
			from = a.Start()
		}
		i = slices.IndexFunc(sugs, func(a annotation.Annotation) bool { return a.Start() >= from })
		if d < 0 {
			if i < 0 {
				i = len(sugs)
			}
			i--
		}
		if i < 0 {
			u.setStatus("No more suggestions that way.")
			return
		}
	} else if i+d < 0 || i+d >= len(sugs) {
		u.setStatus("No more suggestions that way.")
		return
	} else {
		i += d
	}
	u.article.ClearSelection()
	u.selectAnnotation(sugs[i].ID)
}

// shiftHeld reports whether Shift is held (Shift+Tab steps back).
func (u *UI) shiftHeld() bool { return u.heldModifiers()&fyne.KeyModifierShift != 0 }

// heldModifiers returns the modifier keys held: u.modifiers', else the
// desktop driver's.
func (u *UI) heldModifiers() fyne.KeyModifier {
	if u.modifiers != nil {
		return u.modifiers()
	}
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()
	}
	return 0
}

// reviewKey acts on a key meant for the selected suggestion, or Tab, and
// reports whether it did.
func (u *UI) reviewKey(name fyne.KeyName) bool {
	if len(u.suggestions()) == 0 {
		return false // none, or none shown in this view
	}
	sel := u.s.Suggestion(u.s.Selected())
	switch name {
	case fyne.KeyTab:
		if u.shiftHeld() {
			u.stepSuggestion(-1)
		} else {
			u.stepSuggestion(1)
		}
		return true
	case fyne.KeyReturn, fyne.KeyEnter:
		if sel != nil {
			u.acceptSuggestion(sel.ID)
			return true
		}
	case fyne.KeyDelete, fyne.KeyBackspace:
		if sel != nil {
			u.rejectSuggestion(sel.ID)
			return true
		}
	}
	return false
}

// suggestionItems are the Article menu's items of the review.
func (u *UI) suggestionItems() []*fyne.MenuItem {
	onSelected := func(f func(uint64) bool) func() {
		return func() {
			if a := u.s.Suggestion(u.s.Selected()); a != nil {
				f(a.ID)
			} else {
				u.setStatus("Select a suggestion first: Tab selects the next one, or click an outlined highlight.")
			}
		}
	}
	return []*fyne.MenuItem{
		fyne.NewMenuItem("Next suggestion (Tab)", func() { u.stepSuggestion(1) }),
		fyne.NewMenuItem("Previous suggestion (Shift+Tab)", func() { u.stepSuggestion(-1) }),
		fyne.NewMenuItem("Accept suggestion (Enter)", onSelected(u.acceptSuggestion)),
		fyne.NewMenuItem("Reject suggestion (Delete)", onSelected(u.rejectSuggestion)),
		fyne.NewMenuItem("Accept all suggestions above…", u.acceptAboveDialog),
	}
}

// capturesTab: Tab steps through the suggestions while there are some.
func (u *UI) capturesTab() bool { return len(u.suggestions()) > 0 }

// acceptAboveDialog asks for a confidence and accepts every pending
// suggestion of the open article at or above it, as one undo step. The
// dialog counts what it would accept as the slider moves.
func (u *UI) acceptAboveDialog() {
	if len(u.suggestions()) == 0 {
		u.setStatus("This article has no suggestions waiting for review.")
		return
	}
	p := u.app.Preferences()
	min := p.FloatWithFallback(prefAcceptAbove, 0.8)
	value := widget.NewLabel("")
	count := widget.NewLabel("")
	count.Wrapping = fyne.TextWrapWord
	slider := widget.NewSlider(0.3, 1)
	slider.Step = 0.05
	show := func(v float64) {
		min = v
		value.SetText(fmt.Sprintf("%.2f", v))
		count.SetText(u.acceptAboveText(v))
	}
	slider.OnChanged = show
	slider.SetValue(min)
	show(min)
	content := container.NewVBox(
		widget.NewLabel("Accept every suggestion of this article whose confidence is at least:"),
		container.NewBorder(nil, nil, nil, value, slider),
		count)
	d := dialog.NewCustomConfirm("Accept suggestions", "Accept", "Cancel", content, func(ok bool) {
		if ok {
			p.SetFloat(prefAcceptAbove, min)
			u.acceptAbove(min)
		}
	}, u.win)
	d.Resize(fyne.NewSize(480, 240))
	d.Show()
	u.keyed(d.Hide, d.Confirm)
}

// acceptAboveText says what accepting at or above min would accept.
func (u *UI) acceptAboveText(min float64) string {
	set := u.s.AcceptAboveSet(min)
	n := len(u.suggestions())
	if len(set) == 0 {
		return fmt.Sprintf("None of the %s is that sure.", annotation.Plural(n, "suggestion"))
	}
	byLabel := map[string]int{}
	var order []string
	for _, a := range set {
		if byLabel[a.Label] == 0 {
			order = append(order, a.Label)
		}
		byLabel[a.Label]++
	}
	var parts []string
	for _, l := range order {
		parts = append(parts, fmt.Sprintf("%d %s", byLabel[l], l))
	}
	return fmt.Sprintf("Accepts %d of %d pending (%s): a claim's source and cue come with it, whatever their own confidence. Ctrl+Z undoes it in one step.",
		len(set), n, strings.Join(parts, ", "))
}

// acceptAbove accepts every pending suggestion at or above min.
func (u *UI) acceptAbove(min float64) bool {
	if u.failDlg != nil {
		return false
	}
	st, err := u.s.AcceptAbove(min, u.annotator())
	if err != nil {
		u.editFailed(err, func() bool { return u.acceptAbove(min) })
		return false
	}
	if st.Desc == "" {
		u.setStatus(fmt.Sprintf("No suggestion of this article has a confidence of %.2f or more.", min))
		return true
	}
	u.show(st)
	u.setStatus(fmt.Sprintf("Accepted %s of confidence %.2f or more, with their sources and cues, and saved. Ctrl+Z undoes it; %s left.",
		annotation.Plural(len(st.Put), "suggestion"), min, annotation.Plural(len(u.suggestions()), "suggestion")))
	return true
}

// suggestSoon queues documents ids for the suggester (Project.Suggest),
// those not queued yet, and starts it when it is idle.
func (u *UI) suggestSoon(ids ...uint64) {
	if u.proj.Suggest == nil {
		return
	}
	for _, id := range ids {
		if !slices.Contains(u.suggestQueue, id) && id != u.suggesting {
			u.suggestQueue = append(u.suggestQueue, id)
		}
	}
	u.nextSuggestions()
}

// nextSuggestions starts the suggester on the first queued document while
// none is running: the document and what it needs are read here, on the
// UI goroutine, and the suggestions computed on another; the result comes
// back through fyne.Do. One document at a time: the window stays
// responsive on two cores, and a long queue (an import) goes on in order.
func (u *UI) nextSuggestions() {
	if u.suggesting != 0 || len(u.suggestQueue) == 0 {
		return
	}
	// The open article first, whenever it was queued.
	if i := slices.Index(u.suggestQueue, u.s.DocID()); i > 0 {
		u.suggestQueue = append([]uint64{u.s.DocID()}, slices.Delete(u.suggestQueue, i, i+1)...)
	}
	id := u.suggestQueue[0]
	u.suggestQueue = u.suggestQueue[1:]
	run, err := u.s.SuggestRunFor(id)
	if err != nil {
		u.nextSuggestions() // deleted meanwhile, or unreadable: the rest go on
		return
	}
	u.suggesting = id
	compute, st := u.proj.Suggest, u.st
	u.background(func() {
		sugs := compute(run)
		fyne.Do(func() { u.suggested(st, run, sugs) })
	})
}

// suggested takes a result of the suggester: stored, or computed again
// when the article changed meanwhile (session.ErrStale); dropped when
// another project file was opened or the article deleted.
func (u *UI) suggested(st Store, run session.SuggestRun, sugs []annotation.Annotation) {
	if st != u.st {
		return // another project: its own queue runs
	}
	u.suggesting = 0
	step, err := u.s.Suggested(run, sugs)
	switch {
	case errors.Is(err, session.ErrStale):
		u.suggestQueue = slices.Insert(u.suggestQueue, 0, run.DocID)
	case errors.Is(err, annotation.ErrNotFound):
		// deleted meanwhile
	case err != nil:
		u.setStatus(fmt.Sprintf("Suggestions could not be saved: %v. They are computed again when the article is opened.", firstLine(err.Error())))
	default:
		u.show(step)
		if step.Suggestions && len(u.suggestions()) > 0 {
			u.setStatus(fmt.Sprintf("%s for this article: outlined in the text and listed in the panel. Tab selects the next one, Enter accepts it, Delete rejects it.",
				annotation.Plural(len(u.suggestions()), "suggestion")))
		}
	}
	u.nextSuggestions()
}

// suggestionDetail fills the detail pane for pending suggestion a: what
// it is, its rule and confidence, what it links to, and how to decide.
func (u *UI) suggestionDetail(a *annotation.Annotation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Suggested %s, confidence %s (rule %s).", a.Label, percent(a.Provenance.Confidence), orDash(a.Provenance.Rule))
	for _, l := range a.Links {
		t := u.s.Suggestion(l.Target)
		kind := "suggested"
		if t == nil {
			t, kind = u.s.Annotation(l.Target), "annotated"
		}
		if t != nil {
			fmt.Fprintf(&b, "\n%s → %s %s %s", l.Type, kind, t.Label, quoted(t.Quote(), 40))
		}
	}
	if e := u.s.Entity(a.Entity); e != nil {
		fmt.Fprintf(&b, "\nEntity: %s", e.Name)
	}
	fmt.Fprintf(&b, "\n\nEnter accepts %s; Delete rejects it (it is not proposed again); Tab goes to the next suggestion.", u.acceptsWhat(a))
	return b.String()
}

// acceptsWhat names what accepting pending suggestion a accepts: "it",
// or "it with its source and cue" when they are suggestions too.
func (u *UI) acceptsWhat(a *annotation.Annotation) string {
	var with []string
	for _, l := range a.Links {
		if t := u.s.Suggestion(l.Target); t != nil && (l.Type == annotation.LinkSaidBy || l.Type == annotation.LinkCue || l.Type == annotation.LinkIs) {
			with = append(with, strings.ToLower(t.Label))
		}
	}
	if len(with) == 0 {
		return "it"
	}
	return "it with its " + strings.Join(slices.Compact(with), " and ")
}

// provenanceText says where an annotation came from, for the detail
// editor: "" for one a person made.
func provenanceText(a *annotation.Annotation) string {
	p := a.Provenance
	switch p.Origin {
	case annotation.OriginSuggested:
		s := fmt.Sprintf("Suggested by rule %s, confidence %s", orDash(p.Rule), percent(p.Confidence))
		if p.Review == annotation.ReviewAccepted {
			s += ", accepted by " + orDash(p.Reviewer)
		}
		return s
	case annotation.OriginImport:
		return "Imported"
	}
	return ""
}

// suggestions returns the open article's pending suggestions the window
// shows: in the views that edit the annotator's own layer (all layers, his
// own), which the suggester proposes for; none in the curated layer's view
// (curation starts from the annotators' versions) or another annotator's.
func (u *UI) suggestions() []annotation.Annotation {
	if v := u.s.View(); v.Kind == session.ViewCurated || v.Kind == session.ViewAnnotator && v.Annotator != u.s.Annotator() {
		return nil
	}
	return u.s.Suggestions()
}
