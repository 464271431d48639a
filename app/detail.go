package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
	"glossa/widgets"
)

// detailEditor is the editor of the selected annotation, built once and
// updated in place on every selection and edit: new widgets each time
// would cost their layout and text shaping, and Fyne keeps a discarded
// widget's renderer and text textures for a minute. What does not apply
// to the annotation shown is hidden.
type detailEditor struct {
	id    uint64     // the annotation shown; 0 for none
	shown *labelForm // its form
	hint  *widget.Label
	quote *widget.Label
	// showAll shows a long quote whole or shortened (quoteShown); full is
	// its state, for the annotation or suggestion shown (shownID).
	showAll *widget.Button
	allBox  *fyne.Container // showAll at its width, hidden with it
	full    bool
	shownID uint64
	forms   map[string]*labelForm // by label name, built when first shown
	// said by, for claims
	saidBy    *widget.Form
	saidSel   *widget.Select
	saidIDs   []uint64
	saidNames []string
	links     *widget.Label // the "Links" heading
	rows      []*linkRow    // a pool: the first ones in use, the rest hidden
	addSpan   *widget.Button
	tagAll    *widget.Button
	del       *widget.Button
	info      *widget.Label
	// review: a pending suggestion's account and its Accept and Reject
	// buttons, instead of the editor.
	review *fyne.Container
	why    *widget.Label
	// multi stands in for the editor while several annotations are
	// selected in the list: how many, a label to give them all, Delete.
	multi      *fyne.Container
	multiText  *widget.Label
	multiLabel *widget.Select
	multiDel   *widget.Button
	// prov says where an annotation came from (a suggestion accepted),
	// under its quote; hidden for one a person made.
	prov *widget.Label
}

// labelForm is the form of one label: the label, its attributes, the note
// and the entity.
type labelForm struct {
	form   *widget.Form
	label  *widget.Select
	attrs  []attrField
	note   *widgets.CommitEntry
	entity *widgets.PickEntry
}

// attrField edits one attribute: a choice when the definition lists
// values, free text otherwise.
type attrField struct {
	name  string
	sel   *widget.Select
	entry *widgets.CommitEntry
}

// linkRow shows one link of the annotation or to it.
type linkRow struct {
	box    *fyne.Container
	text   *widget.Label
	goTo   *widget.Button
	remove *widget.Button
	// what the row stands for
	target   uint64 // the annotation the go button selects
	linkType annotation.LinkType
	outgoing bool
}

func (p *annotationPanel) newDetail() {
	u := p.u
	d := &detailEditor{forms: map[string]*labelForm{}}
	p.ed = d
	d.hint = widget.NewLabel("")
	d.hint.Wrapping = fyne.TextWrapWord
	d.quote = widget.NewLabel("")
	d.quote.Wrapping = fyne.TextWrapWord
	// The quote is set in the regular face between quotation marks: an
	// italic face would be one more font parsed and kept (about 5 MB).
	d.showAll = widget.NewButton("Show all", func() {
		d.full = !d.full
		p.showDetail()
	})
	d.showAll.Importance = widget.LowImportance
	d.allBox = container.NewHBox(d.showAll)
	d.allBox.Hide()

	d.saidSel = widget.NewSelect(nil, func(v string) {
		if !p.loading {
			p.setSaidBy(v)
		}
	})
	d.saidSel.PlaceHolder = "(none)"
	pick := widget.NewButtonWithIcon("", theme.VisibilityIcon(), func() {
		u.picking = true
		u.setStatus("Click a source highlight in the article to link it to this claim (Escape cancels).")
		u.focusArticle()
	})
	d.saidBy = widget.NewForm(widget.NewFormItem("Said by", container.NewBorder(nil, nil, nil, pick, d.saidSel)))
	d.links = widget.NewLabelWithStyle("Links", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	d.addSpan = widget.NewButtonWithIcon("Add selected text as a span (+)", theme.ContentAddIcon(), u.addSpan)
	d.tagAll = widget.NewButtonWithIcon("Tag all occurrences…", theme.SearchReplaceIcon(), u.tagAllOccurrences)
	d.del = widget.NewButtonWithIcon("Delete (Del)", theme.DeleteIcon(), func() {
		if d.id != 0 {
			u.deleteAnnotation(d.id)
		}
	})
	d.del.Importance = widget.DangerImportance
	d.info = widget.NewLabel("")
	d.info.Wrapping = fyne.TextWrapWord
	d.info.Importance = widget.LowImportance
	d.prov = widget.NewLabel("")
	d.prov.Wrapping = fyne.TextWrapWord
	d.why = widget.NewLabel("")
	d.why.Wrapping = fyne.TextWrapWord
	accept := widget.NewButtonWithIcon("Accept (Enter)", theme.ConfirmIcon(), func() { u.acceptSuggestion(u.s.Selected()) })
	accept.Importance = widget.HighImportance
	reject := widget.NewButtonWithIcon("Reject (Del)", theme.CancelIcon(), func() { u.rejectSuggestion(u.s.Selected()) })
	d.review = container.NewVBox(d.why, container.NewGridWithColumns(2, accept, reject))
	d.multiText = widget.NewLabel("")
	d.multiText.Wrapping = fyne.TextWrapWord
	d.multiLabel = widget.NewSelect(nil, func(name string) {
		if !p.loading && name != "" {
			u.relabel(p.selectedAnnotations(), name)
		}
	})
	d.multiLabel.PlaceHolder = "Relabel as…"
	d.multiDel = widget.NewButtonWithIcon("Delete them (Del)", theme.DeleteIcon(), func() { u.deleteAnnotations(p.selectedAnnotations()) })
	d.multiDel.Importance = widget.DangerImportance
	d.multi = container.NewVBox(d.multiText, widget.NewForm(widget.NewFormItem("Label", d.multiLabel)), d.multiDel)
	d.multi.Hide()
	// The forms go after the quote, the link rows after the heading, as
	// they are made.
	p.detail.Objects = []fyne.CanvasObject{d.multi, d.hint, d.quote, d.allBox, d.prov, d.review, d.saidBy, d.links, d.addSpan, d.tagAll, d.del, d.info}
}

// insertBefore puts o into the detail box just before the object before.
func (p *annotationPanel) insertBefore(o, before fyne.CanvasObject) {
	i := slices.Index(p.detail.Objects, before)
	p.detail.Objects = slices.Insert(p.detail.Objects, i, o)
}

// resetForms drops the label forms, for another project's labels.
func (p *annotationPanel) resetForms() {
	d := p.ed
	for _, f := range d.forms {
		i := slices.Index(p.detail.Objects, fyne.CanvasObject(f.form))
		p.detail.Objects = slices.Delete(p.detail.Objects, i, i+1)
	}
	clear(d.forms)
	d.shown = nil
	p.labelsChanged()
}

// form returns the form of label l, making it the first time.
func (p *annotationPanel) form(l annotation.Label) *labelForm {
	d := p.ed
	if f := d.forms[l.Name]; f != nil {
		return f
	}
	u := p.u
	f := &labelForm{}
	f.label = widget.NewSelect(labelNames(u.s.Labels()), func(name string) {
		if !p.loading && d.id != 0 {
			u.changeLabel(d.id, name)
		}
	})
	f.form = widget.NewForm(widget.NewFormItem("Label", f.label))
	for _, def := range l.Attributes {
		name := def.Name
		if len(def.Values) > 0 {
			sel := widget.NewSelect(append([]string{"—"}, def.Values...), func(v string) {
				if !p.loading && d.id != 0 {
					p.setAttribute(d.id, name, v)
				}
			})
			f.attrs = append(f.attrs, attrField{name: name, sel: sel})
			f.form.Append(name, sel)
			continue
		}
		e := widgets.NewCommitEntry("", false, func(v string) bool { return d.id == 0 || p.setAttribute(d.id, name, v) })
		e.Watch = u.fieldChanged
		f.attrs = append(f.attrs, attrField{name: name, entry: e})
		f.form.Append(name, e)
	}
	f.note = widgets.NewCommitEntry("", true, func(v string) bool {
		c := u.s.Annotation(d.id)
		if c == nil || c.Note == v {
			return true
		}
		b := c.Clone()
		b.Note = v
		return u.update("note", b)
	})
	f.note.Watch = u.fieldChanged
	f.note.SetPlaceHolder("Note (saved when you leave the field)")
	f.form.Append("Note", f.note)

	f.entity = widgets.NewPickEntry()
	f.entity.Watch = u.fieldChanged
	f.entity.SetPlaceHolder("Name") // a longer hint was cut off, under a stray scroll bar, in a narrow panel
	f.entity.OnChanged = func(s string) {
		f.entity.SetOptions(entitySuggestions(u.s.Entities(), s, 10))
		if !p.loading && !f.entity.Typing() {
			p.commitEntity(f) // picked from the drop-down list
		}
	}
	f.entity.OnSubmitted = func(string) { p.commitEntity(f) }
	clearEntity := widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() {
		if a := u.s.Annotation(d.id); a != nil && u.setEntity(a.ID, "") {
			f.entity.ShowSaved("")
		}
	})
	clearEntity.Importance = widget.LowImportance
	f.form.Append("Entity", container.NewBorder(nil, nil, nil, clearEntity, f.entity))
	d.forms[l.Name] = f
	p.insertBefore(f.form, d.saidBy)
	return f
}

// showDetail updates the detail editor to the selected annotation.
func (p *annotationPanel) showDetail() {
	p.loading = true
	defer func() { p.loading = false }()
	p.pending = nil // a new slice: flush may be ranging over the old one
	u := p.u
	d := p.ed
	if id := u.s.Selected(); id != d.shownID {
		// Another annotation: its editor from the top, its quote
		// shortened; the same one keeps where the user scrolled.
		d.shownID, d.full = id, false
		p.detailScroll.ScrollToTop()
	}
	if ids := p.selectedAnnotations(); len(ids) > 1 {
		p.showMulti(ids)
		return
	}
	d.multi.Hide()
	a := u.s.Annotation(u.s.Selected())
	var shown *labelForm
	if a != nil {
		shown = p.form(u.labelOf(a))
		p.loadForm(shown, a, a.ID == d.id && shown == d.shown)
		d.id = a.ID
	} else {
		d.id = 0
	}
	d.shown = shown
	for _, f := range d.forms {
		setVisible(f.form, f == shown)
	}
	if sug := u.s.Suggestion(u.s.Selected()); sug != nil {
		p.showSuggestion(sug)
		return
	}
	d.review.Hide()
	if a == nil {
		if u.s.DocID() == 0 {
			setText(d.hint, "No article open.")
		} else {
			hint := "Select text in the article and press " + u.keysHint() + ", or click a highlight to edit it."
			if h := u.sourceKeyHint(); h != "" {
				hint += "\n\nWho said it? Select a claim, then select the speaker's name and " + h + ": the source is linked to the claim."
			}
			if n := len(u.suggestions()); n > 0 {
				hint = fmt.Sprintf("%s outlined in the article wait for review: Tab selects the next one, Enter accepts it, Delete rejects it.\n\n%s", annotation.Plural(n, "suggestion"), hint)
			}
			setText(d.hint, hint)
		}
		d.hint.Show()
		for _, o := range []fyne.CanvasObject{d.quote, d.allBox, d.prov, d.saidBy, d.links, d.addSpan, d.tagAll, d.del, d.info} {
			o.Hide()
		}
		for _, r := range d.rows {
			r.box.Hide()
		}
		p.detail.Refresh()
		return
	}
	d.hint.Hide()
	p.showQuote(a)
	if u.s.KindOf(a) == annotation.KindClaim {
		p.loadSaidBy(a)
		d.saidBy.Show()
	} else {
		d.saidBy.Hide()
	}
	p.loadLinks(a)
	setText(d.info, fmt.Sprintf("#%d · %s · by %s", a.ID, spansText(a.Spans), orDash(a.Author)))
	prov := provenanceText(a)
	setText(d.prov, prov)
	setVisible(d.prov, prov != "")
	for _, o := range []fyne.CanvasObject{d.quote, d.addSpan, d.tagAll, d.del, d.info} {
		o.Show()
	}
	p.detail.Refresh()
}

// editorParts are the detail editor's objects apart from the label forms
// and the link rows.
func (d *detailEditor) editorParts() []fyne.CanvasObject {
	return []fyne.CanvasObject{d.hint, d.quote, d.allBox, d.prov, d.review, d.saidBy, d.links, d.addSpan, d.tagAll, d.del, d.info}
}

// showMulti shows, instead of the editor, what can be done to the
// annotations ids selected together in the list: relabel, delete.
func (p *annotationPanel) showMulti(ids []uint64) {
	d := p.ed
	for _, o := range d.editorParts() {
		o.Hide()
	}
	for _, f := range d.forms {
		f.form.Hide()
	}
	for _, r := range d.rows {
		r.box.Hide()
	}
	labels := map[string]int{}
	var order []string
	for _, id := range ids {
		a := p.u.s.Annotation(id)
		if labels[a.Label] == 0 {
			order = append(order, a.Label)
		}
		labels[a.Label]++
	}
	var parts []string
	for _, l := range order {
		parts = append(parts, fmt.Sprintf("%s: %d", l, labels[l]))
	}
	setText(d.multiText, fmt.Sprintf("%s selected (%s). A label's key or the choice below relabels them all; Delete deletes them all. Each is one step: Ctrl+Z undoes it.",
		annotation.Plural(len(ids), "annotation"), strings.Join(parts, ", ")))
	d.multiLabel.Options = labelNames(p.u.s.Labels())
	d.multiLabel.ClearSelected()
	d.multiDel.SetText(fmt.Sprintf("Delete %s (Del)", annotation.Plural(len(ids), "annotation")))
	d.multi.Show()
	p.detail.Refresh()
}

// showSuggestion shows pending suggestion a: its quote, what it is and
// links to, and the Accept and Reject buttons; nothing of the editor.
func (p *annotationPanel) showSuggestion(a *annotation.Annotation) {
	d := p.ed
	d.id = 0
	d.hint.Hide()
	p.showQuote(a)
	setText(d.why, p.u.suggestionDetail(a))
	d.quote.Show()
	d.review.Show()
	for _, o := range []fyne.CanvasObject{d.prov, d.saidBy, d.links, d.addSpan, d.tagAll, d.del, d.info} {
		o.Hide()
	}
	for _, r := range d.rows {
		r.box.Hide()
	}
	p.detail.Refresh()
}

// The detail editor shows a quote longer than quoteLong code points
// shortened to its first quoteHead and last quoteTail, with "Show all":
// a quote of 4,366 characters pushed every control out of reach.
const (
	quoteLong = 450
	quoteHead = 300
	quoteTail = 100
)

// quoteShown is how the detail editor shows quote q: whole (all), or
// shortened when it is long; cut reports whether it is long. It goes
// between curly quotation marks unless it starts with one of its own (a
// direct quote tagged with its marks would read “"We…).
func quoteShown(q string, all bool) (s string, cut bool) {
	r := []rune(q)
	cut = len(r) > quoteLong
	if cut && !all {
		q = string(r[:quoteHead]) + " … " + string(r[len(r)-quoteTail:])
	}
	if len(r) > 0 && strings.ContainsRune("\"'“”„‟«»‹›‘’‚「『", r[0]) {
		return q, cut
	}
	return "“" + q + "”", cut
}

// showQuote shows a's quote, shortened when long, and the Show all
// toggle that goes with it.
func (p *annotationPanel) showQuote(a *annotation.Annotation) {
	d := p.ed
	q, cut := quoteShown(a.Quote(), d.full)
	setText(d.quote, q)
	if cut {
		label := fmt.Sprintf("Show all %s", annotation.Plural(len([]rune(a.Quote())), "character"))
		if d.full {
			label = "Show less"
		}
		if d.showAll.Text != label {
			d.showAll.SetText(label)
		}
	}
	setVisible(d.allBox, cut)
}

// labelOf returns a's label, or one of its name without attributes when the
// label set lacks it.
func (u *UI) labelOf(a *annotation.Annotation) annotation.Label {
	if l, ok := u.s.Label(a.Label); ok {
		return l
	}
	return annotation.Label{Name: a.Label}
}

// loadForm puts a's values into f. same: f showed a already; text typed
// and not yet saved then stays.
func (p *annotationPanel) loadForm(f *labelForm, a *annotation.Annotation, same bool) {
	u := p.u
	f.label.SetSelected(a.Label)
	for _, at := range f.attrs {
		val := a.Attributes[at.name]
		if at.sel != nil {
			if val == "" {
				val = "—"
			}
			if !slices.Contains(at.sel.Options, val) {
				// A value the label does not offer (an imported dataset's,
				// or one a label set edit removed): Fyne's Select ignores
				// it and would go on showing the previous annotation's.
				// Offered from now on, so the form shows what is stored.
				at.sel.SetOptions(append(at.sel.Options, val))
			}
			if at.sel.Selected != val {
				at.sel.SetSelected(val)
			}
			continue
		}
		at.entry.Load(val, same)
		p.pending = append(p.pending, at.entry.Commit)
	}
	f.note.Load(a.Note, same)
	p.pending = append(p.pending, f.note.Commit)
	f.entity.Load(u.entityName(a.Entity), same)
	f.entity.SetOptions(entitySuggestions(u.s.Entities(), f.entity.Text, 10))
	p.pending = append(p.pending, func() bool { return p.commitEntity(f) })
}

// entityName is the name of entity id; "" for none.
func (u *UI) entityName(id uint64) string {
	if e := u.s.Entity(id); e != nil {
		return e.Name
	}
	return ""
}

// commitEntity links the annotation shown to the entity named in f's
// Entity field, when the field holds another name than the one stored.
func (p *annotationPanel) commitEntity(f *labelForm) bool {
	u := p.u
	a := u.s.Annotation(p.ed.id)
	if a == nil || strings.TrimSpace(f.entity.Text) == f.entity.Saved() {
		return true
	}
	if !u.setEntity(a.ID, f.entity.Text) {
		return false
	}
	if b := u.s.Annotation(a.ID); b != nil {
		f.entity.ShowSaved(u.entityName(b.Entity)) // the canonical name, for an alias typed
	}
	return true
}

// loadSaidBy offers the document's sources for claim a.
func (p *annotationPanel) loadSaidBy(a *annotation.Annotation) {
	u := p.u
	d := p.ed
	d.saidNames, d.saidIDs = d.saidNames[:0], d.saidIDs[:0]
	for _, o := range u.s.Annotations() {
		if u.s.KindOf(&o) == annotation.KindSource {
			d.saidNames = append(d.saidNames, fmt.Sprintf("%s (#%d)", shorten(o.Quote(), 40), o.ID))
			d.saidIDs = append(d.saidIDs, o.ID)
		}
	}
	opts := append([]string{"(none)"}, d.saidNames...)
	if !slices.Equal(opts, d.saidSel.Options) {
		d.saidSel.Options = opts // SetOptions would refresh; SetSelected below does
	}
	want := ""
	if cur := a.LinksOf(annotation.LinkSaidBy); len(cur) > 0 {
		if i := slices.Index(d.saidIDs, cur[0]); i >= 0 {
			want = d.saidNames[i]
		}
	}
	if want == "" {
		d.saidSel.ClearSelected()
	} else {
		d.saidSel.SetSelected(want)
	}
}

// setSaidBy links the claim shown to the source chosen by name v.
func (p *annotationPanel) setSaidBy(v string) {
	u := p.u
	d := p.ed
	c := u.s.Annotation(d.id)
	if c == nil {
		return
	}
	b := c.Clone()
	b.Links = slices.DeleteFunc(b.Links, func(l annotation.Link) bool { return l.Type == annotation.LinkSaidBy })
	if i := slices.Index(d.saidNames, v); i >= 0 {
		b.Links = append(b.Links, annotation.Link{Type: annotation.LinkSaidBy, Target: d.saidIDs[i]})
	}
	if slices.Equal(b.Links, c.Links) {
		return
	}
	u.update("source", b)
}

// loadLinks lists a's links and the links to it, each removable, in rows
// of the pool.
func (p *annotationPanel) loadLinks(a *annotation.Annotation) {
	u := p.u
	d := p.ed
	n := 0
	row := func() *linkRow {
		if n == len(d.rows) {
			d.rows = append(d.rows, p.newLinkRow())
		}
		r := d.rows[n]
		n++
		return r
	}
	for _, l := range a.Links {
		t := u.s.Annotation(l.Target)
		if t == nil {
			continue
		}
		r := row()
		r.target, r.linkType, r.outgoing = l.Target, l.Type, true
		setText(r.text, fmt.Sprintf("%s → %s %s", l.Type, t.Label, quoted(t.Quote(), 36)))
		r.remove.Show()
	}
	for _, o := range u.s.Annotations() {
		for _, l := range o.Links {
			if l.Target != a.ID {
				continue
			}
			r := row()
			r.target, r.linkType, r.outgoing = o.ID, l.Type, false
			setText(r.text, fmt.Sprintf("%s %s %s this", o.Label, quoted(o.Quote(), 36), linkVerb(l.Type)))
			r.remove.Hide()
		}
	}
	for i, r := range d.rows {
		setVisible(r.box, i < n)
	}
	setVisible(d.links, n > 0)
}

func (p *annotationPanel) newLinkRow() *linkRow {
	u := p.u
	d := p.ed
	r := &linkRow{text: widget.NewLabel("")}
	r.text.Truncation = fyne.TextTruncateEllipsis
	r.goTo = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { u.selectAnnotation(r.target) })
	r.goTo.Importance = widget.LowImportance
	r.remove = widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() {
		if r.outgoing {
			u.unlink(d.id, r.linkType, r.target)
		}
	})
	r.remove.Importance = widget.LowImportance
	r.box = container.NewBorder(nil, nil, nil, container.NewHBox(r.goTo, r.remove), r.text)
	p.insertBefore(r.box, d.addSpan)
	return r
}

// setText sets a label's text if it changed.
func setText(l *widget.Label, s string) {
	if l.Text != s {
		l.SetText(s)
	}
}

// setVisible shows or hides o.
func setVisible(o fyne.CanvasObject, on bool) {
	if on && !o.Visible() {
		o.Show()
	} else if !on && o.Visible() {
		o.Hide()
	}
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func spansText(sp []annotation.Span) string {
	var parts []string
	for _, s := range sp {
		parts = append(parts, fmt.Sprintf("%d–%d", s.Start, s.End))
	}
	return strings.Join(parts, ", ")
}

func labelNames(ls annotation.LabelSet) []string {
	out := make([]string, len(ls.Labels))
	for i, l := range ls.Labels {
		out[i] = l.Name
	}
	return out
}

func (p *annotationPanel) setAttribute(id uint64, name, v string) bool {
	c := p.u.s.Annotation(id)
	if c == nil {
		return true
	}
	b := c.Clone()
	if v == "—" {
		v = ""
	}
	if b.Attributes[name] == v {
		return true
	}
	if v == "" {
		delete(b.Attributes, name)
	} else {
		if b.Attributes == nil {
			b.Attributes = map[string]string{}
		}
		b.Attributes[name] = v
	}
	return p.u.update(name, b)
}

func linkVerb(t annotation.LinkType) string {
	switch t {
	case annotation.LinkSaidBy:
		return "is said by"
	case annotation.LinkAbout:
		return "is about"
	case annotation.LinkIs:
		return "is"
	case annotation.LinkCue:
		return "has as cue"
	}
	return "is related to"
}

// entitySuggestions returns up to n entity names that contain s (any case),
// those that start with it first.
func entitySuggestions(es []annotation.Entity, s string, n int) []string {
	s = strings.ToLower(strings.TrimSpace(s))
	var first, rest []string
	for _, e := range es {
		names := append([]string{e.Name}, e.Aliases...)
		for _, nm := range names {
			low := strings.ToLower(nm)
			switch {
			case strings.HasPrefix(low, s):
				first = append(first, e.Name)
			case strings.Contains(low, s):
				rest = append(rest, e.Name)
			default:
				continue
			}
			break
		}
	}
	out := slices.Compact(append(first, rest...))
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// setEntity makes annotation id refer to the entity named name (see
// session.LinkEntity), as one undoable step. It reports whether it was
// saved; on failure the failed-edit dialog offers retry.
func (u *UI) setEntity(id uint64, name string) bool {
	if u.failDlg != nil {
		return false
	}
	st, made, err := u.s.LinkEntity("entity", id, name)
	u.show(st)
	if err != nil {
		u.editFailed(err, func() bool { return u.setEntity(id, name) })
		return false
	}
	if st.Desc == "" {
		return true // it referred to that entity already
	}
	a := u.s.Annotation(id)
	switch {
	case made != nil || strings.TrimSpace(name) != "":
		u.setStatus(fmt.Sprintf("%s now refers to the entity %s (saved).", quoted(a.Quote(), 40), quoted(strings.TrimSpace(name), 40)))
	default:
		u.setStatus(fmt.Sprintf("%s refers to no entity now (saved).", quoted(a.Quote(), 40)))
	}
	return true
}
