package app

import (
	"fmt"
	"image/color"
	"slices"

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

// annotationPanel is the right-hand side: the open document's pending
// suggestions, then its annotations grouped by kind, and the detail editor
// of the selected one.
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
	// acceptAll opens "Accept all above a confidence"; shown while the
	// article has suggestions.
	acceptAll *widget.Button
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
					whyText = p.layerNote(a)
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
			setVisible(why, whyText != "") // an annotation's row keeps the whole width
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
	p.list.CaptureTab = u.capturesTab
	p.detail = container.NewVBox()
	p.newDetail()
	p.acceptAll = widget.NewButtonWithIcon("Accept all above…", theme.ConfirmIcon(), u.acceptAboveDialog)
	p.acceptAll.Importance = widget.LowImportance
	p.acceptAll.Hide()
	head := container.NewBorder(nil, nil, nil, p.acceptAll, widget.NewLabelWithStyle("Annotations", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	p.content = container.NewVSplit(
		container.NewBorder(head, nil, nil, nil, p.list),
		scrollDown(p.detail), // its width the panel's: a field past the panel's edge cannot be reached
	)
	p.content.(*container.Split).Offset = 0.45
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
	if sugs := p.u.suggestions(); len(sugs) > 0 {
		p.rows = append(p.rows, panelRow{heading: fmt.Sprintf("Suggestions (%d)", len(sugs))})
		for _, a := range sugs {
			p.rows = append(p.rows, panelRow{id: a.ID})
		}
	}
	setVisible(p.acceptAll, len(p.u.suggestions()) > 0)
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
