package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
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
	list    *widget.List
	detail  *fyne.Container
	content fyne.CanvasObject
	// pending saves the detail editor's unsaved text fields (note, free
	// attributes); flush calls them. Each reports whether it saved.
	pending []func() bool
	syncing bool
}

func newAnnotationPanel(u *UI) *annotationPanel {
	p := &annotationPanel{u: u}
	p.list = widget.NewList(
		func() int { return len(p.rows) },
		func() fyne.CanvasObject {
			sw := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
			sw.SetMinSize(fyne.NewSize(6, 18))
			sw.CornerRadius = 2
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, sw, nil, l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			l := c.Objects[0].(*widget.Label)
			sw := c.Objects[1].(*canvas.Rectangle)
			r := p.rows[i]
			if r.heading != "" {
				sw.Hide()
				l.TextStyle = fyne.TextStyle{Bold: true}
				l.SetText(r.heading)
				return
			}
			a := u.annotation(r.id)
			if a == nil {
				return
			}
			lab, _ := u.labels.Find(a.Label)
			sw.FillColor = labelColor(lab.Color, 0xff)
			sw.Show()
			sw.Refresh()
			l.TextStyle = fyne.TextStyle{}
			l.SetText(p.rowText(a))
		},
	)
	p.list.OnSelected = func(i widget.ListItemID) {
		if p.syncing || i >= len(p.rows) {
			return
		}
		if p.rows[i].heading != "" {
			p.syncList()
			return
		}
		u.selectAnnotation(p.rows[i].id)
		u.focusArticle()
	}
	p.detail = container.NewVBox()
	p.content = container.NewVSplit(
		container.NewBorder(widget.NewLabelWithStyle("Annotations", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, p.list),
		container.NewScroll(p.detail), // both ways: a wide editor must not squeeze the article
	)
	p.content.(*container.Split).Offset = 0.45
	return p
}

func (p *annotationPanel) rowText(a *annotation.Annotation) string {
	t := shorten(a.Quote(), 70)
	if k := p.u.kindOf(a); k == annotation.KindClaim {
		if ids := a.LinksOf(annotation.LinkSaidBy); len(ids) > 0 {
			if s := p.u.annotation(ids[0]); s != nil {
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

// refresh rebuilds the list and the detail editor from the UI's state.
func (p *annotationPanel) refresh() {
	p.rows = p.rows[:0]
	for _, k := range annotation.Kinds() {
		var ids []uint64
		for _, a := range p.u.anns {
			if p.u.kindOf(&a) == k {
				ids = append(ids, a.ID)
			}
		}
		if len(ids) == 0 {
			continue
		}
		p.rows = append(p.rows, panelRow{heading: fmt.Sprintf("%s (%d)", kindHeading(k), len(ids))})
		for _, id := range ids {
			p.rows = append(p.rows, panelRow{id: id})
		}
	}
	p.list.Refresh()
	p.syncList()
	p.buildDetail()
}

// syncList selects the selected annotation's row without calling back.
func (p *annotationPanel) syncList() {
	p.syncing = true
	defer func() { p.syncing = false }()
	for i, r := range p.rows {
		if r.heading == "" && r.id == p.u.selected && r.id != 0 {
			p.list.Select(i)
			p.list.ScrollTo(i)
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

func (p *annotationPanel) buildDetail() {
	p.pending = nil
	u := p.u
	a := u.annotation(u.selected)
	if a == nil {
		hint := widget.NewLabel("Select text in the article and press a label key (1–9), or click a highlight to edit it.\n\nWho said it? Select a claim, then select the speaker's name and press 2 (Source): the source is linked to the claim.")
		hint.Wrapping = fyne.TextWrapWord
		if u.doc.ID == 0 {
			hint.SetText("No article open.")
		}
		p.detail.Objects = []fyne.CanvasObject{hint}
		p.detail.Refresh()
		return
	}
	id := a.ID
	cur := func() (annotation.Annotation, bool) {
		c := u.annotation(id)
		if c == nil {
			return annotation.Annotation{}, false
		}
		return cloneAnnotation(*c), true
	}
	lab, _ := u.labels.Find(a.Label)
	var objs []fyne.CanvasObject

	quote := widget.NewLabel(a.Quote())
	quote.Wrapping = fyne.TextWrapWord
	quote.TextStyle = fyne.TextStyle{Italic: true}
	objs = append(objs, quote)

	labelSel := widget.NewSelect(labelNames(u.labels), nil)
	labelSel.SetSelected(a.Label)
	labelSel.OnChanged = func(name string) { u.changeLabel(id, name) }
	form := widget.NewForm(widget.NewFormItem("Label", labelSel))

	for _, def := range lab.Attributes {
		name := def.Name
		val := a.Attributes[name]
		if len(def.Values) > 0 {
			opts := append([]string{"—"}, def.Values...)
			sel := widget.NewSelect(opts, nil)
			if val == "" {
				sel.SetSelected("—")
			} else {
				sel.SetSelected(val)
			}
			sel.OnChanged = func(v string) { p.setAttribute(id, name, v) }
			form.Append(name, sel)
			continue
		}
		e := newCommitEntry(val, false, func(v string) bool { return p.setAttribute(id, name, v) })
		p.pending = append(p.pending, e.commit)
		form.Append(name, e)
	}

	note := newCommitEntry(a.Note, true, func(v string) bool {
		b, ok := cur()
		if !ok || b.Note == v {
			return true
		}
		b.Note = v
		return u.update("note", b)
	})
	note.SetPlaceHolder("Note (saved when you leave the field)")
	p.pending = append(p.pending, note.commit)
	form.Append("Note", note)
	form.Append("Entity", p.entityEditor(a))
	objs = append(objs, form)

	if u.kindOf(a) == annotation.KindClaim {
		objs = append(objs, p.saidByEditor(a))
	}
	objs = append(objs, p.linkList(a)...)

	addSpan := widget.NewButtonWithIcon("Add selected text as a span (+)", theme.ContentAddIcon(), u.addSpan)
	tagAll := widget.NewButtonWithIcon("Tag all occurrences…", theme.SearchReplaceIcon(), u.tagAllOccurrences)
	del := widget.NewButtonWithIcon("Delete (Del)", theme.DeleteIcon(), func() { u.deleteAnnotation(id) })
	del.Importance = widget.DangerImportance
	info := widget.NewLabel(fmt.Sprintf("#%d · %s · by %s", a.ID, spansText(a.Spans), orDash(a.Author)))
	info.Wrapping = fyne.TextWrapWord
	info.Importance = widget.LowImportance
	objs = append(objs, addSpan, tagAll, del, info)
	p.detail.Objects = objs
	p.detail.Refresh()
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
	c := p.u.annotation(id)
	if c == nil {
		return true
	}
	b := cloneAnnotation(*c)
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

// saidByEditor picks a claim's source among the document's sources, or by
// clicking one in the article.
func (p *annotationPanel) saidByEditor(a *annotation.Annotation) fyne.CanvasObject {
	u := p.u
	id := a.ID
	var names []string
	var ids []uint64
	for _, o := range u.anns {
		if u.kindOf(&o) == annotation.KindSource {
			names = append(names, fmt.Sprintf("%s (#%d)", shorten(o.Quote(), 40), o.ID))
			ids = append(ids, o.ID)
		}
	}
	sel := widget.NewSelect(append([]string{"(none)"}, names...), nil)
	sel.PlaceHolder = "(none)"
	current := a.LinksOf(annotation.LinkSaidBy)
	if len(current) > 0 {
		if i := slices.Index(ids, current[0]); i >= 0 {
			sel.SetSelected(names[i])
		}
	}
	sel.OnChanged = func(v string) {
		c := u.annotation(id)
		if c == nil {
			return
		}
		b := cloneAnnotation(*c)
		b.Links = slices.DeleteFunc(b.Links, func(l annotation.Link) bool { return l.Type == annotation.LinkSaidBy })
		if i := slices.Index(names, v); i >= 0 {
			b.Links = append(b.Links, annotation.Link{Type: annotation.LinkSaidBy, Target: ids[i]})
		}
		if slices.Equal(b.Links, c.Links) {
			return
		}
		u.update("source", b)
	}
	pick := widget.NewButtonWithIcon("", theme.VisibilityIcon(), func() {
		u.picking = true
		u.setStatus("Click a source highlight in the article to link it to this claim (Escape cancels).")
		u.focusArticle()
	})
	return widget.NewForm(widget.NewFormItem("Said by", container.NewBorder(nil, nil, nil, pick, sel)))
}

// linkList lists a's links and the links to it, each removable.
func (p *annotationPanel) linkList(a *annotation.Annotation) []fyne.CanvasObject {
	u := p.u
	var out []fyne.CanvasObject
	for _, l := range a.Links {
		t := u.annotation(l.Target)
		if t == nil {
			continue
		}
		l := l
		txt := widget.NewLabel(fmt.Sprintf("%s → %s %q", l.Type, t.Label, shorten(t.Quote(), 36)))
		txt.Truncation = fyne.TextTruncateEllipsis
		rm := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { u.unlink(a.ID, l.Type, l.Target) })
		rm.Importance = widget.LowImportance
		go2 := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { u.selectAnnotation(l.Target) })
		go2.Importance = widget.LowImportance
		out = append(out, container.NewBorder(nil, nil, nil, container.NewHBox(go2, rm), txt))
	}
	for _, o := range u.anns {
		for _, l := range o.Links {
			if l.Target != a.ID {
				continue
			}
			oid := o.ID
			txt := widget.NewLabel(fmt.Sprintf("%s %q %s this", o.Label, shorten(o.Quote(), 36), linkVerb(l.Type)))
			txt.Truncation = fyne.TextTruncateEllipsis
			go2 := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { u.selectAnnotation(oid) })
			go2.Importance = widget.LowImportance
			out = append(out, container.NewBorder(nil, nil, nil, go2, txt))
		}
	}
	if len(out) > 0 {
		out = append([]fyne.CanvasObject{widget.NewLabelWithStyle("Links", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}, out...)
	}
	return out
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

// entityEditor links a to an entity of the registry: suggestions as you
// type; an unknown name creates the entity.
func (p *annotationPanel) entityEditor(a *annotation.Annotation) fyne.CanvasObject {
	u := p.u
	id := a.ID
	label := a.Label
	e := widget.NewSelectEntry(nil)
	e.SetPlaceHolder("Type a name, Enter to link")
	if a.Entity != 0 {
		for _, en := range u.entities {
			if en.ID == a.Entity {
				e.SetText(en.Name)
			}
		}
	}
	e.OnChanged = func(s string) { e.SetOptions(entitySuggestions(u.entities, s, 10)) }
	e.SetOptions(entitySuggestions(u.entities, e.Text, 10))
	e.OnSubmitted = func(s string) { u.setEntity(id, label, s) }
	clear := widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { u.setEntity(id, label, "") })
	clear.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, clear, e)
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

// setEntity links annotation id to the entity called name (creating it in
// the registry if none has that name or alias); an empty name unlinks.
func (u *UI) setEntity(id uint64, label, name string) bool {
	c := u.annotation(id)
	if c == nil {
		return true
	}
	b := cloneAnnotation(*c)
	name = strings.TrimSpace(name)
	var eid uint64
	if name != "" {
		for _, e := range u.entities {
			if strings.EqualFold(e.Name, name) || slices.ContainsFunc(e.Aliases, func(al string) bool { return strings.EqualFold(al, name) }) {
				eid = e.ID
				break
			}
		}
		if eid == 0 {
			// The entity's type is the label only for entity labels: a
			// source's speaker is a Person or an Organisation, set in
			// Edit > Entities, not a "Source".
			typ := ""
			if l, ok := u.labels.Find(label); ok && l.Kind == annotation.KindEntity {
				typ = label
			}
			e, err := u.st.AddEntity(annotation.Entity{Name: name, Type: typ})
			if err != nil {
				u.editFailed(err, func() bool { return u.setEntity(id, label, name) })
				return false
			}
			u.reloadEntities()
			eid = e.ID
		}
	}
	if b.Entity == eid {
		return true
	}
	b.Entity = eid
	return u.edit("entity", []annotation.Annotation{b}, nil, func([]annotation.Annotation) {
		if name != "" {
			u.setStatus(fmt.Sprintf("%q now refers to the entity %q (saved).", shorten(b.Quote(), 40), name))
		} else {
			u.setStatus(fmt.Sprintf("%q refers to no entity now (saved).", shorten(b.Quote(), 40)))
		}
	})
}

// commitEntry is an entry that reports its text once the user is done with
// it: on Enter (single line) or when it loses the focus.
// onCommit reports whether the text was saved; when it was not, the entry
// keeps it as unsaved, to be committed again.
type commitEntry struct {
	widget.Entry
	saved    string
	onCommit func(string) bool
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

// FocusLost saves the text.
func (e *commitEntry) FocusLost() {
	e.Entry.FocusLost()
	e.commit()
}
