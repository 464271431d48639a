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

// panelRow is one row of the annotation list: a heading (of a kind or a
// label) or an annotation. Mentions of one entity are listed together:
// the first carries how many there are (note), the others are indented
// under it (sub). In the order by position, where no heading names the
// label, a row names it (labelled).
type panelRow struct {
	heading  string
	id       uint64
	note     string
	sub      bool
	labelled bool
}

// The orders of the annotation list (the Sort choice), remembered in
// prefPanelOrder.
const (
	orderKind     = "By kind"
	orderLabel    = "By label"
	orderPosition = "By position"
	allLabels     = "All labels" // a label filter's choice that keeps every label (panel, graph)
)

// prefPanelOrder is the order the annotation list was last shown in.
const prefPanelOrder = "panelOrder"

// annotationPanel is the right-hand side: the open document's pending
// suggestions, then its annotations grouped by kind, and the detail editor
// of the selected one.
type annotationPanel struct {
	u      *UI
	rows   []panelRow
	list   *widgets.RowList // rows made once: a tag jumps to its row
	detail *fyne.Container
	// detailScroll scrolls the detail editor; another annotation shown
	// starts at its top.
	detailScroll *container.Scroll
	content      fyne.CanvasObject
	// pending saves the detail editor's unsaved text fields (note, free
	// attributes); flush calls them. Each reports whether it saved.
	pending []func() bool
	syncing bool
	ed      *detailEditor
	loading bool // the detail editor is being filled: its callbacks do nothing
	// acceptAll opens "Accept all above a confidence"; shown while the
	// article has suggestions.
	acceptAll *widget.Button
	// The list's filters and order: text (in the quote, the entity's name
	// or the note), one label, and the order; count says how many of the
	// article's annotations the filters let through.
	filter   *widget.Entry
	labelSel *widget.Select
	order    *widget.Select
	count    *widget.Label
	// marked are the annotations selected in the list along with the
	// session's selected one (Shift and Ctrl clicks, Shift with the
	// arrows), anchor the selected one they were made with; they go when
	// another annotation is selected.
	marked []uint64
	anchor uint64
}

func newAnnotationPanel(u *UI) *annotationPanel {
	p := &annotationPanel{u: u}
	p.list = widgets.NewRowList(
		func() int { return len(p.rows) },
		// A suggestion's confidence and rule, or an annotation's layer
		// where several are shown, at the right end.
		swatchRow,
		func(i int, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			l := c.Objects[0].(*widget.Label)
			sw := c.Objects[1].(*canvas.Rectangle)
			why := c.Objects[2].(*widget.Label)
			// Only what changed is set: a label's text is shaped again
			// (and truncated) on every SetText.
			var fill, stroke color.Color = color.Transparent, color.Transparent // a heading keeps the swatch's room, to line up with the rows
			text, style, whyText := p.rows[i].heading, fyne.TextStyle{Bold: true}, ""
			if text == "" {
				a := u.s.Annotation(p.rows[i].id)
				pending := a == nil
				if pending {
					a = u.s.Suggestion(p.rows[i].id)
				}
				if a == nil {
					return
				}
				lab, _ := u.s.Label(a.Label)
				fill, text, style = labelColor(lab.Color, 0xff), p.rowText(a), fyne.TextStyle{}
				r := p.rows[i]
				switch {
				case r.sub:
					text = "    ↳ " + text
				case r.labelled && !pending:
					text = a.Label + "  " + text
				}
				switch {
				case pending:
					// Outlined, as in the article.
					fill, stroke = color.Transparent, fill
					text = a.Label + "  " + text
					whyText = percent(a.Provenance.Confidence) + " " + a.Provenance.Rule
				default:
					// Another layer's, outlined as in the article.
					if u.layerStyle(annotation.LayerOf(*a)) != widgets.Filled {
						fill, stroke = color.Transparent, fill
					}
					whyText = joinNonEmpty(" · ", r.note, p.layerNote(a))
				}
			}
			if sw.FillColor != fill || sw.StrokeColor != stroke {
				sw.FillColor, sw.StrokeColor, sw.StrokeWidth = fill, stroke, 0
				if stroke != color.Transparent {
					sw.StrokeWidth = 1.5
				}
				sw.Refresh()
			}
			if l.Text != text || l.TextStyle != style {
				l.TextStyle = style
				l.SetText(text)
			}
			setText(why, whyText)
			if why.Visible() != (whyText != "") {
				// An annotation's row keeps the whole width: the row,
				// bound before to a row with a caption, is laid out anew.
				setVisible(why, whyText != "")
				c.Refresh()
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
	p.list.MultiSelect = true
	p.list.OnSelection = p.markedChanged
	p.list.Modifiers = u.heldModifiers
	// The list keeps the focus a tap gave it, for the arrow keys; the
	// article's keys (1–9, Delete, ] and [...) work from it too, and act
	// on the annotations selected in it when there are several.
	p.list.OnTypedKey = p.typedKey
	p.list.OnTypedRune = u.typedRune
	p.list.CaptureTab = u.capturesTab
	p.detail = container.NewVBox()
	p.newDetail()
	p.acceptAll = widget.NewButtonWithIcon("Accept all above…", theme.ConfirmIcon(), u.acceptAboveDialog)
	p.acceptAll.Importance = widget.LowImportance
	p.acceptAll.Hide()
	p.count = widget.NewLabelWithStyle("Annotations", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.count.Truncation = fyne.TextTruncateEllipsis
	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder("Filter")
	p.filter.OnChanged = func(string) { p.refiltered() }
	p.labelSel = widget.NewSelect(nil, func(string) { p.refiltered() })
	p.order = widget.NewSelect([]string{orderKind, orderLabel, orderPosition}, func(o string) {
		u.app.Preferences().SetString(prefPanelOrder, o)
		p.refiltered()
	})
	p.order.Selected = u.app.Preferences().StringWithFallback(prefPanelOrder, orderKind)
	p.labelsChanged()
	head := container.NewVBox(
		container.NewBorder(nil, nil, nil, p.acceptAll, p.count),
		p.filter,
		container.NewGridWithColumns(2, p.labelSel, p.order))
	p.detailScroll = scrollDown(p.detail) // its width the panel's: a field past the panel's edge cannot be reached
	p.content = container.NewVSplit(
		container.NewBorder(head, nil, nil, nil, p.list),
		p.detailScroll,
	)
	p.content.(*container.Split).Offset = 0.55
	return p
}

// swatchRow is a row of a list: a colour swatch, a label cut to the width,
// and a caption at the right end (objects: label, swatch, caption).
func swatchRow() fyne.CanvasObject {
	sw := canvas.NewRectangle(color.Transparent)
	sw.SetMinSize(fyne.NewSize(6, 18))
	sw.CornerRadius = 2
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	caption := widget.NewLabel("")
	caption.SizeName = theme.SizeNameCaptionText
	caption.Hide()
	return container.NewBorder(nil, nil, sw, caption, l)
}

func (p *annotationPanel) rowText(a *annotation.Annotation) string {
	t := shorten(a.Quote(), 70)
	if k := p.u.s.KindOf(a); k == annotation.KindClaim {
		if ids := a.LinksOf(annotation.LinkSaidBy); len(ids) > 0 {
			s := p.u.s.Annotation(ids[0])
			if s == nil {
				s = p.u.s.Suggestion(ids[0]) // a suggested claim's suggested source
			}
			if s != nil {
				t += "  — " + shorten(s.Quote(), 24)
			}
		}
	}
	return t
}

// layerNote is what a row says at its right end of annotation a's layer:
// whose it is, where the view shows several layers; nothing otherwise.
func (p *annotationPanel) layerNote(a *annotation.Annotation) string {
	if !p.u.showsLayers() {
		return ""
	}
	return whose(*a)
}

func kindHeading(k annotation.Kind) string {
	switch k {
	case annotation.KindClaim:
		return "Claims"
	case annotation.KindSource:
		return "Sources"
	case annotation.KindEntity:
		return "Entities"
	case annotation.KindCue:
		return "Cues"
	}
	return "Other"
}

// labelsChanged offers the codebook's labels in the label filter; a
// label no longer there is no longer filtered on.
func (p *annotationPanel) labelsChanged() {
	opts := append([]string{allLabels}, labelNames(p.u.s.Labels())...)
	p.labelSel.Options = opts
	if !slices.Contains(opts, p.labelSel.Selected) {
		p.labelSel.Selected = allLabels
	}
	p.labelSel.Refresh()
}

// passes reports whether a goes through the list's filters: its label,
// and the filter's words in its quote, its entity's name or its note (any
// case).
func (p *annotationPanel) passes(a *annotation.Annotation, want string) bool {
	if l := p.labelSel.Selected; l != "" && l != allLabels && a.Label != l {
		return false
	}
	if want == "" {
		return true
	}
	for _, s := range []string{a.Quote(), p.u.entityName(a.Entity), a.Note} {
		if strings.Contains(strings.ToLower(s), want) {
			return true
		}
	}
	return false
}

// refresh rebuilds the list's rows and updates the detail editor from the
// UI's state.
func (p *annotationPanel) refresh() {
	u := p.u
	want := strings.ToLower(strings.TrimSpace(p.filter.Text)) // once, not per annotation
	var anns []*annotation.Annotation
	for i := range u.s.Annotations() {
		if a := &u.s.Annotations()[i]; p.passes(a, want) {
			anns = append(anns, a)
		}
	}
	p.rows = p.rows[:0]
	sugs := u.suggestions()
	var shownSugs []uint64
	for i := range sugs {
		if p.passes(&sugs[i], want) {
			shownSugs = append(shownSugs, sugs[i].ID)
		}
	}
	if len(shownSugs) > 0 {
		p.rows = append(p.rows, panelRow{heading: fmt.Sprintf("Suggestions (%d)", len(shownSugs))})
		for _, id := range shownSugs {
			p.rows = append(p.rows, panelRow{id: id})
		}
	}
	setVisible(p.acceptAll, len(sugs) > 0)
	switch p.order.Selected {
	case orderPosition:
		for _, a := range anns {
			p.rows = append(p.rows, panelRow{id: a.ID, labelled: true})
		}
	case orderLabel:
		names := labelNames(u.s.Labels())
		byLabel := map[string][]*annotation.Annotation{}
		for _, a := range anns {
			if _, seen := byLabel[a.Label]; !seen && !slices.Contains(names, a.Label) {
				names = append(names, a.Label) // a label the codebook lacks, last
			}
			byLabel[a.Label] = append(byLabel[a.Label], a)
		}
		for _, name := range names {
			if g := byLabel[name]; len(g) > 0 {
				p.group(name, u.s.KindOf(g[0]), g)
			}
		}
	default:
		byKind := map[annotation.Kind][]*annotation.Annotation{}
		for _, a := range anns {
			byKind[u.s.KindOf(a)] = append(byKind[u.s.KindOf(a)], a)
		}
		for _, k := range annotation.Kinds() {
			p.group(kindHeading(k), k, byKind[k])
		}
	}
	if len(p.rows) == 0 && len(u.s.Annotations())+len(sugs) > 0 {
		p.rows = append(p.rows, panelRow{heading: "Nothing matches the filter"})
	}
	total := len(u.s.Annotations())
	head := "Annotations"
	if len(anns) < total {
		head = fmt.Sprintf("Annotations: %d of %d shown", len(anns), total)
	}
	setText(p.count, head)
	p.list.Refresh()
	p.selectionChanged()
}

// refiltered shows the list anew after a change of its filters or order:
// from its first row, unless the selected row is further down.
func (p *annotationPanel) refiltered() {
	p.refresh()
	sel := p.list.Selected()
	p.list.ScrollTo(0)
	if sel >= 0 {
		p.list.ScrollTo(sel)
	}
}

// group appends the rows of anns under a heading: the name and how many.
// Entities (kind) are counted as entities, their mentions listed together
// (mentionGroups).
func (p *annotationPanel) group(name string, kind annotation.Kind, anns []*annotation.Annotation) {
	if len(anns) == 0 {
		return
	}
	if kind != annotation.KindEntity {
		p.rows = append(p.rows, panelRow{heading: fmt.Sprintf("%s (%d)", name, len(anns))})
		for _, a := range anns {
			p.rows = append(p.rows, panelRow{id: a.ID})
		}
		return
	}
	groups := mentionGroups(anns, p.u.entityName)
	head := fmt.Sprintf("%s (%d)", name, len(groups))
	if len(groups) != len(anns) {
		head = fmt.Sprintf("%s (%s, %s)", name, annotation.Plural(len(groups), "entity"), annotation.Plural(len(anns), "mention"))
	}
	p.rows = append(p.rows, panelRow{heading: head})
	for _, g := range groups {
		for k, a := range g {
			r := panelRow{id: a.ID, sub: k > 0}
			if k == 0 && len(g) > 1 {
				r.note = annotation.Plural(len(g), "mention")
			}
			p.rows = append(p.rows, r)
		}
	}
}

// mentionGroups groups entity annotations (in reading order) by the
// entity they mention: the registry's entity they refer to, else the
// text, in any case and spacing. Groups are in the order of their first
// mention.
func mentionGroups(anns []*annotation.Annotation, entityName func(uint64) string) [][]*annotation.Annotation {
	var keys []string
	byKey := map[string][]*annotation.Annotation{}
	for _, a := range anns {
		key := "text " + strings.ToLower(strings.Join(strings.Fields(a.Quote()), " "))
		if a.Entity != 0 && entityName(a.Entity) != "" {
			key = fmt.Sprintf("entity %d", a.Entity)
		}
		if byKey[key] == nil {
			keys = append(keys, key)
		}
		byKey[key] = append(byKey[key], a)
	}
	out := make([][]*annotation.Annotation, len(keys))
	for i, k := range keys {
		out[i] = byKey[k]
	}
	return out
}

// selectionChanged shows the selected annotation in the list and the
// detail editor; the rows are as they were.
func (p *annotationPanel) selectionChanged() {
	p.syncList()
	p.showDetail()
}

// syncList selects the selected annotation's row, and those marked
// along with it, without calling back. Marks go when the selected
// annotation is another than the one they were made with, or not in the
// list.
func (p *annotationPanel) syncList() {
	p.syncing = true
	defer func() { p.syncing = false }()
	sel := -1
	var others []int
	for i, r := range p.rows {
		switch {
		case r.heading != "" || r.id == 0:
		case r.id == p.u.s.Selected():
			sel = i
		case slices.Contains(p.marked, r.id):
			others = append(others, i)
		}
	}
	if sel < 0 || len(others) == 0 || p.u.s.Selected() != p.anchor {
		p.marked = nil
		others = nil
	}
	p.list.SetSelection(sel, others)
}

// markedChanged follows the list's selection of several rows.
func (p *annotationPanel) markedChanged() {
	if p.syncing {
		return
	}
	p.marked = p.marked[:0]
	p.anchor = p.u.s.Selected()
	for _, i := range p.list.Selection() {
		if i != p.list.Selected() && i < len(p.rows) {
			p.marked = append(p.marked, p.rows[i].id)
		}
	}
	p.showDetail()
	if ids := p.selectedAnnotations(); len(ids) > 1 {
		p.u.setStatus(fmt.Sprintf("%s selected in the list: Delete deletes them, a label's key relabels them (one step each; Ctrl+Z undoes it).", annotation.Plural(len(ids), "annotation")))
	}
}

// selectedAnnotations returns the annotations selected in the list (not
// the suggestions), in the list's order; the session's selected one
// alone when there are no others.
func (p *annotationPanel) selectedAnnotations() []uint64 {
	var out []uint64
	if len(p.marked) == 0 {
		if p.u.s.Annotation(p.u.s.Selected()) != nil {
			out = append(out, p.u.s.Selected())
		}
		return out
	}
	for _, i := range p.list.Selection() {
		if i < len(p.rows) && p.u.s.Annotation(p.rows[i].id) != nil {
			out = append(out, p.rows[i].id)
		}
	}
	return out
}

// typedKey is a key typed with the list focused: Enter shows the selected
// annotation in the article (a suggestion's Enter accepts it); the rest
// are the window's (Delete and a label's key act on every annotation
// selected in the list, wherever the focus is: selectedAnnotations).
func (p *annotationPanel) typedKey(ev *fyne.KeyEvent) {
	u := p.u
	if !u.dialogOpen() {
		switch ev.Name {
		case fyne.KeyReturn, fyne.KeyEnter:
			if a := u.s.Annotation(u.s.Selected()); a != nil && len(p.marked) == 0 {
				u.article.SetSelectedHighlight(a.ID)
				u.article.ScrollTo(a.Start())
				u.setStatus(fmt.Sprintf("%s %s shown in the article%s", a.Label, quoted(a.Quote(), 60), u.selectedHint(u.s.KindOf(a))))
				return
			}
		}
	}
	u.typedKey(ev)
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

// joinNonEmpty joins the parts that are not empty with sep.
func joinNonEmpty(sep string, parts ...string) string {
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), sep)
}
