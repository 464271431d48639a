package app

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
	"glossa/widgets"
)

// panelRow is one row of the annotation list: a kind heading or an
// annotation.
type panelRow struct {
	heading string
	id      uint64
}

// annotationPanel is the right-hand side: the open document's annotations
// grouped by kind, and the detail editor of the selected one.
type annotationPanel struct {
	u       *UI
	rows    []panelRow
	list    *widgets.RowList // rows made once: a tag jumps to its row
	detail  *fyne.Container
	content fyne.CanvasObject
	// pending saves the detail editor's unsaved text fields (note, free
	// attributes); flush calls them. Each reports whether it saved.
	pending []func() bool
	syncing bool
	ed      *detailEditor
	loading bool // the detail editor is being filled: its callbacks do nothing
}

func newAnnotationPanel(u *UI) *annotationPanel {
	p := &annotationPanel{u: u}
	p.list = widgets.NewRowList(
		func() int { return len(p.rows) },
		func() fyne.CanvasObject {
			sw := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
			sw.SetMinSize(fyne.NewSize(6, 18))
			sw.CornerRadius = 2
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, sw, nil, l)
		},
		func(i int, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			l := c.Objects[0].(*widget.Label)
			sw := c.Objects[1].(*canvas.Rectangle)
			// Only what changed is set: a label's text is shaped again
			// (and truncated) on every SetText.
			var fill color.Color = color.Transparent // a heading keeps the swatch's room, to line up with the rows
			text, style := p.rows[i].heading, fyne.TextStyle{Bold: true}
			if text == "" {
				a := u.s.Annotation(p.rows[i].id)
				if a == nil {
					return
				}
				lab, _ := u.s.Label(a.Label)
				fill, text, style = labelColor(lab.Color, 0xff), p.rowText(a), fyne.TextStyle{}
			}
			if sw.FillColor != fill {
				sw.FillColor = fill
				sw.Refresh()
			}
			if l.Text != text || l.TextStyle != style {
				l.TextStyle = style
				l.SetText(text)
			}
		},
	)
	// Headings are not selected: a tap on one does nothing, Up and Down
	// pass over it to the previous or next annotation.
	p.list.Selectable = func(i int) bool { return i < len(p.rows) && p.rows[i].heading == "" }
	p.list.OnSelected = func(i int) {
		if !p.syncing && i < len(p.rows) {
			u.selectAnnotation(p.rows[i].id)
		}
	}
	// The list keeps the focus a tap gave it, for the arrow keys; the
	// article's keys (1–9, Delete, ] and [...) work from it too.
	p.list.OnTypedKey = u.typedKey
	p.list.OnTypedRune = u.typedRune
	p.detail = container.NewVBox()
	p.newDetail()
	p.content = container.NewVSplit(
		container.NewBorder(widget.NewLabelWithStyle("Annotations", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, p.list),
		container.NewScroll(p.detail), // both ways: a wide editor must not squeeze the article
	)
	p.content.(*container.Split).Offset = 0.45
	return p
}

func (p *annotationPanel) rowText(a *annotation.Annotation) string {
	t := shorten(a.Quote(), 70)
	if k := p.u.s.KindOf(a); k == annotation.KindClaim {
		if ids := a.LinksOf(annotation.LinkSaidBy); len(ids) > 0 {
			if s := p.u.s.Annotation(ids[0]); s != nil {
				t += "  — " + shorten(s.Quote(), 24)
			}
		}
	}
	return t
}

func kindHeading(k annotation.Kind) string {
	switch k {
	case annotation.KindClaim:
		return "Claims"
	case annotation.KindSource:
		return "Sources"
	case annotation.KindEntity:
		return "Entities"
	}
	return "Other"
}

// refresh rebuilds the list's rows and updates the detail editor from the
// UI's state.
func (p *annotationPanel) refresh() {
	kinds := annotation.Kinds()
	byKind := make([][]uint64, len(kinds))
	for i := range p.u.s.Annotations() {
		a := &p.u.s.Annotations()[i]
		if k := slices.Index(kinds, p.u.s.KindOf(a)); k >= 0 {
			byKind[k] = append(byKind[k], a.ID)
		}
	}
	p.rows = p.rows[:0]
	for i, ids := range byKind {
		if len(ids) == 0 {
			continue
		}
		p.rows = append(p.rows, panelRow{heading: fmt.Sprintf("%s (%d)", kindHeading(kinds[i]), len(ids))})
		for _, id := range ids {
			p.rows = append(p.rows, panelRow{id: id})
		}
	}
	p.list.Refresh()
	p.selectionChanged()
}

// selectionChanged shows the selected annotation in the list and the
// detail editor; the rows are as they were.
func (p *annotationPanel) selectionChanged() {
	p.syncList()
	p.showDetail()
}

// syncList selects the selected annotation's row without calling back.
func (p *annotationPanel) syncList() {
	p.syncing = true
	defer func() { p.syncing = false }()
	for i, r := range p.rows {
		if r.heading == "" && r.id == p.u.s.Selected() && r.id != 0 {
			if p.list.Selected() == i {
				p.list.ScrollTo(i)
			} else {
				p.list.Select(i) // scrolls to it
			}
			return
		}
	}
	p.list.UnselectAll()
}

// flush saves what was typed in the detail editor and not yet saved. It
// reports false when the store refused it: the text is still in the
// editor, and the caller should leave the editor as it is.
func (p *annotationPanel) flush() bool {
	ok := true
	for _, f := range p.pending {
		ok = f() && ok
	}
	return ok
}

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
	forms map[string]*labelForm // by label name, built when first shown
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
}

// labelForm is the form of one label: the label, its attributes, the note
// and the entity.
type labelForm struct {
	form   *widget.Form
	label  *widget.Select
	attrs  []attrField
	note   *commitEntry
	entity *entityEntry
}

// attrField edits one attribute: a choice when the definition lists
// values, free text otherwise.
type attrField struct {
	name  string
	sel   *widget.Select
	entry *commitEntry
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
	// The forms go after the quote, the link rows after the heading, as
	// they are made.
	p.detail.Objects = []fyne.CanvasObject{d.hint, d.quote, d.saidBy, d.links, d.addSpan, d.tagAll, d.del, d.info}
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
		e := newCommitEntry("", false, func(v string) bool { return d.id == 0 || p.setAttribute(d.id, name, v) })
		e.watch = u.fieldChanged
		f.attrs = append(f.attrs, attrField{name: name, entry: e})
		f.form.Append(name, e)
	}
	f.note = newCommitEntry("", true, func(v string) bool {
		c := u.s.Annotation(d.id)
		if c == nil || c.Note == v {
			return true
		}
		b := c.Clone()
		b.Note = v
		return u.update("note", b)
	})
	f.note.watch = u.fieldChanged
	f.note.SetPlaceHolder("Note (saved when you leave the field)")
	f.form.Append("Note", f.note)

	f.entity = newEntityEntry()
	f.entity.watch = u.fieldChanged
	f.entity.SetPlaceHolder("Type or pick a name")
	f.entity.OnChanged = func(s string) {
		f.entity.SetOptions(entitySuggestions(u.s.Entities(), s, 10))
		if !p.loading && !f.entity.typing {
			p.commitEntity(f) // picked from the drop-down list
		}
	}
	f.entity.OnSubmitted = func(string) { p.commitEntity(f) }
	clearEntity := widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() {
		if a := u.s.Annotation(d.id); a != nil && u.setEntity(a.ID, "") {
			f.entity.show("")
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
	if a == nil {
		if u.s.DocID() == 0 {
			setText(d.hint, "No article open.")
		} else {
			setText(d.hint, "Select text in the article and press a label key (1–9), or click a highlight to edit it.\n\nWho said it? Select a claim, then select the speaker's name and press 2 (Source): the source is linked to the claim.")
		}
		d.hint.Show()
		for _, o := range []fyne.CanvasObject{d.quote, d.saidBy, d.links, d.addSpan, d.tagAll, d.del, d.info} {
			o.Hide()
		}
		for _, r := range d.rows {
			r.box.Hide()
		}
		p.detail.Refresh()
		return
	}
	d.hint.Hide()
	setText(d.quote, "“"+a.Quote()+"”")
	if u.s.KindOf(a) == annotation.KindClaim {
		p.loadSaidBy(a)
		d.saidBy.Show()
	} else {
		d.saidBy.Hide()
	}
	p.loadLinks(a)
	setText(d.info, fmt.Sprintf("#%d · %s · by %s", a.ID, spansText(a.Spans), orDash(a.Author)))
	for _, o := range []fyne.CanvasObject{d.quote, d.addSpan, d.tagAll, d.del, d.info} {
		o.Show()
	}
	p.detail.Refresh()
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
		at.entry.load(val, same)
		p.pending = append(p.pending, at.entry.commit)
	}
	f.note.load(a.Note, same)
	p.pending = append(p.pending, f.note.commit)
	f.entity.load(u.entityName(a.Entity), same)
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
	if a == nil || strings.TrimSpace(f.entity.Text) == f.entity.saved {
		return true
	}
	if !u.setEntity(a.ID, f.entity.Text) {
		return false
	}
	if b := u.s.Annotation(a.ID); b != nil {
		f.entity.show(u.entityName(b.Entity)) // the canonical name, for an alias typed
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

// commitEntry is an entry that reports its text once the user is done with
// it: on Enter (single line) or when it loses the focus.
// onCommit reports whether the text was saved; when it was not, the entry
// keeps it as unsaved, to be committed again.
type commitEntry struct {
	widget.Entry
	saved    string
	onCommit func(string) bool
	watch    func(fyne.Focusable) // told of typing and focus changes (UI.fieldChanged); may be nil
}

func newCommitEntry(text string, multi bool, onCommit func(string) bool) *commitEntry {
	e := &commitEntry{saved: text, onCommit: onCommit}
	e.ExtendBaseWidget(e)
	e.MultiLine = multi
	e.Wrapping = fyne.TextWrapWord
	if multi {
		e.SetMinRowsVisible(3)
	} else {
		e.Wrapping = fyne.TextWrapOff
		e.OnSubmitted = func(string) { e.commit() }
	}
	e.SetText(text)
	return e
}

// load shows text, the saved value. keepTyped: text typed and not yet
// saved stays (the entry still shows the same annotation).
func (e *commitEntry) load(text string, keepTyped bool) {
	if keepTyped && e.Text != e.saved {
		e.saved = text
		return
	}
	e.saved = text
	if e.Text != text {
		e.SetText(text)
	}
}

func (e *commitEntry) commit() bool {
	if e.Text == e.saved {
		return true
	}
	if !e.onCommit(e.Text) {
		return false
	}
	e.saved = e.Text
	return true
}

// entityEntry is the Entity field: a name typed is linked on Enter or when
// the editor is left (flush); a name picked from the drop-down list is
// linked at once.
type entityEntry struct {
	widget.SelectEntry
	saved  string               // the name of the entity linked
	typing bool                 // a key is being handled: a change comes from the keyboard, not a pick
	watch  func(fyne.Focusable) // told of typing and focus changes (UI.fieldChanged); may be nil
}

func newEntityEntry() *entityEntry {
	e := &entityEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as widget.NewSelectEntry
	return e
}

// load shows name, the linked entity's. keepTyped: a name typed and not
// yet linked stays.
func (e *entityEntry) load(name string, keepTyped bool) {
	if keepTyped && e.Text != e.saved {
		e.saved = name
		return
	}
	e.show(name)
}

// show shows name as the linked entity's, without linking anything.
func (e *entityEntry) show(name string) {
	e.saved = name
	if e.Text != name {
		e.typing = true // not a pick
		e.SetText(name)
		e.typing = false
	}
}

// TypedRune is part of fyne.Focusable.
func (e *entityEntry) TypedRune(r rune) {
	e.typing = true
	defer func() { e.typing = false; tell(e.watch, e) }()
	e.SelectEntry.TypedRune(r)
}

// TypedKey is part of fyne.Focusable.
func (e *entityEntry) TypedKey(ev *fyne.KeyEvent) {
	e.typing = true
	defer func() { e.typing = false; tell(e.watch, e) }()
	e.SelectEntry.TypedKey(ev)
}

// TypedShortcut is part of fyne.Shortcutable (paste, cut, undo in the
// field).
func (e *entityEntry) TypedShortcut(s fyne.Shortcut) {
	e.typing = true
	defer func() { e.typing = false; tell(e.watch, e) }()
	e.SelectEntry.TypedShortcut(s)
}

// FocusGained is part of fyne.Focusable.
func (e *entityEntry) FocusGained() {
	e.SelectEntry.FocusGained()
	tell(e.watch, e)
}

// FocusLost is part of fyne.Focusable.
func (e *entityEntry) FocusLost() {
	e.SelectEntry.FocusLost()
	tell(e.watch, nil)
}

// tell calls watch, if set, with the field focused now.
func tell(watch func(fyne.Focusable), focused fyne.Focusable) {
	if watch != nil {
		watch(focused)
	}
}

// AcceptsTab is part of fyne.Tabbable: Tab moves the focus on, as in every
// form, instead of typing a tab into the note.
func (e *commitEntry) AcceptsTab() bool { return false }

// FocusLost saves the text.
func (e *commitEntry) FocusLost() {
	e.Entry.FocusLost()
	e.commit()
	tell(e.watch, nil)
}

// FocusGained is part of fyne.Focusable.
func (e *commitEntry) FocusGained() {
	e.Entry.FocusGained()
	tell(e.watch, e)
}

// TypedRune is part of fyne.Focusable.
func (e *commitEntry) TypedRune(r rune) {
	e.Entry.TypedRune(r)
	tell(e.watch, e)
}

// TypedKey is part of fyne.Focusable.
func (e *commitEntry) TypedKey(ev *fyne.KeyEvent) {
	e.Entry.TypedKey(ev)
	tell(e.watch, e)
}

// TypedShortcut is part of fyne.Shortcutable.
func (e *commitEntry) TypedShortcut(s fyne.Shortcut) {
	e.Entry.TypedShortcut(s)
	tell(e.watch, e)
}
