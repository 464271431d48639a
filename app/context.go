package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
)

// secondaryTapped shows the article's context menu at pos (absolute).
func (u *UI) secondaryTapped(offset int, ids []uint64, pos fyne.Position) {
	m := u.contextMenu(offset, ids)
	if m == nil {
		return
	}
	widget.ShowPopUpMenuAtPosition(m, u.win.Canvas(), pos)
}

// contextMenu is the menu for a secondary tap at offset over the
// highlights ids: the text selection's menu when the tap is inside it (or
// on plain text while there is one), else the highlight's. nil: nothing to
// offer.
func (u *UI) contextMenu(offset int, ids []uint64) *fyne.Menu {
	start, end := u.selection()
	inSel := start < end && offset >= start && offset < end
	switch {
	case inSel || (start < end && len(ids) == 0):
		return u.selectionMenu()
	case len(ids) > 0:
		return u.highlightMenu(ids)
	}
	return nil
}

// selectionMenu tags or copies the article's selection.
func (u *UI) selectionMenu() *fyne.Menu {
	var tags []*fyne.MenuItem
	for _, l := range u.s.Labels().Labels {
		name := l.Name
		if l.Key != "" {
			name = l.Key + "  " + l.Name
		}
		tags = append(tags, fyne.NewMenuItem(name, func() { u.tag(l) }))
	}
	tagAs := fyne.NewMenuItem("Tag as", nil)
	tagAs.ChildMenu = fyne.NewMenu("", tags...)
	items := []*fyne.MenuItem{tagAs}
	if a := u.s.Annotation(u.s.Selected()); a != nil {
		items = append(items, fyne.NewMenuItem(fmt.Sprintf("Add as a span of the selected %s (+)", a.Label), u.addSpan))
	}
	cp := fyne.NewMenuItem("Copy", u.copy)
	cp.Shortcut = &fyne.ShortcutCopy{}
	return fyne.NewMenu("", append(items, cp)...)
}

// highlightMenu acts on one of the highlights ids: the selected annotation
// if it is among them, else the first. The others are offered for
// selection at the end.
func (u *UI) highlightMenu(ids []uint64) *fyne.Menu {
	id := ids[0]
	if slices.Contains(ids, u.s.Selected()) {
		id = u.s.Selected()
	}
	a := u.s.Annotation(id)
	if a == nil {
		return u.suggestionMenu(id)
	}
	title := fyne.NewMenuItem(fmt.Sprintf("%s: “%s”", a.Label, shorten(a.Quote(), 40)), nil)
	title.Disabled = true
	items := []*fyne.MenuItem{title, fyne.NewMenuItemSeparator()}
	if id != u.s.Selected() {
		items = append(items, fyne.NewMenuItem("Select", func() { u.selectAnnotation(id) }))
	}
	var labels []*fyne.MenuItem
	for _, l := range u.s.Labels().Labels {
		it := fyne.NewMenuItem(l.Name, func() { u.changeLabel(id, l.Name) })
		it.Checked = l.Name == a.Label
		labels = append(labels, it)
	}
	change := fyne.NewMenuItem("Change label", nil)
	change.ChildMenu = fyne.NewMenu("", labels...)
	items = append(items, change)
	if c := u.s.Annotation(u.s.Selected()); c != nil && c.ID != id && u.s.KindOf(c) == annotation.KindClaim &&
		u.s.KindOf(a) == annotation.KindSource && !u.isLinked(c.ID, id) {
		claimID := c.ID
		items = append(items, fyne.NewMenuItem("Link as source of the selected claim", func() { u.linkSource(claimID, id) }))
	}
	del := fyne.NewMenuItem("Delete", func() { u.deleteAnnotation(id) })
	items = append(items, del)
	for _, o := range ids {
		if o == id {
			continue
		}
		if b := u.s.Annotation(o); b != nil {
			items = append(items, fyne.NewMenuItem(fmt.Sprintf("Select %s “%s”", b.Label, shorten(b.Quote(), 30)), func() { u.selectAnnotation(o) }))
		}
	}
	return fyne.NewMenu("", items...)
}

// suggestionMenu acts on pending suggestion id: select, accept, reject.
func (u *UI) suggestionMenu(id uint64) *fyne.Menu {
	a := u.s.Suggestion(id)
	if a == nil {
		return nil
	}
	title := fyne.NewMenuItem(fmt.Sprintf("Suggested %s: “%s”", a.Label, shorten(a.Quote(), 40)), nil)
	title.Disabled = true
	items := []*fyne.MenuItem{title, fyne.NewMenuItemSeparator()}
	if id != u.s.Selected() {
		items = append(items, fyne.NewMenuItem("Select", func() { u.selectAnnotation(id) }))
	}
	return fyne.NewMenu("", append(items,
		fyne.NewMenuItem("Accept (Enter)", func() { u.acceptSuggestion(id) }),
		fyne.NewMenuItem("Reject (Delete)", func() { u.rejectSuggestion(id) }))...)
}

// changeLabel gives annotation id the label name, dropping the attributes
// the new label does not have.
func (u *UI) changeLabel(id uint64, name string) bool {
	c := u.s.Annotation(id)
	if c == nil || c.Label == name {
		return true
	}
	nl, ok := u.s.Label(name)
	if !ok {
		return false
	}
	return u.update("label", relabeled(*c, nl))
}

// relabeled is a copy of a with label l, without the attributes l lacks.
func relabeled(a annotation.Annotation, l annotation.Label) annotation.Annotation {
	b := a.Clone()
	b.Label = l.Name
	for k := range b.Attributes {
		if _, ok := l.Attribute(k); !ok {
			delete(b.Attributes, k)
		}
	}
	return b
}

// relabel gives annotations ids label name, as one undoable step.
func (u *UI) relabel(ids []uint64, name string) bool {
	l, ok := u.s.Label(name)
	if !ok {
		return false
	}
	var put []annotation.Annotation
	for _, id := range ids {
		if a := u.s.Annotation(id); a != nil && a.Label != name {
			put = append(put, relabeled(*a, l))
		}
	}
	if len(put) == 0 {
		u.setStatus(fmt.Sprintf("They are all %s already.", name))
		return true
	}
	return u.edit(fmt.Sprintf("relabel %s as %s", annotation.Plural(len(put), "annotation"), name), put, nil, func([]annotation.Annotation) {
		u.setStatus(fmt.Sprintf("%s relabelled as %s and saved. Ctrl+Z undoes it.", annotation.Plural(len(put), "annotation"), name))
	})
}

// hovered shows the highlights under the pointer in the status line, and
// the last message again when there are none.
func (u *UI) hovered(ids []uint64) {
	var parts []string
	n := 0
	for _, id := range ids {
		if a := u.s.Annotation(id); a != nil {
			if n < hoverMaxNamed {
				p := fmt.Sprintf("%s “%s”", a.Label, shorten(a.Quote(), 50))
				if u.showsLayers() || u.curating() {
					p += " (" + whose(*a) + ")"
				}
				parts = append(parts, p)
			}
			n++
		} else if a := u.s.Suggestion(id); a != nil {
			if n < hoverMaxNamed {
				parts = append(parts, fmt.Sprintf("suggested %s “%s” (%s, %s)", a.Label, shorten(a.Quote(), 50), a.Provenance.Rule, percent(a.Provenance.Confidence)))
			}
			n++
		}
	}
	if n == 0 {
		u.statusBar.SetText(u.status)
		return
	}
	if n > hoverMaxNamed {
		parts = append(parts, fmt.Sprintf("and %d more", n-hoverMaxNamed))
	}
	u.statusBar.SetText(strings.Join(parts, " · "))
}

// hoverMaxNamed is how many of the annotations under the pointer the status
// bar names; the rest are counted. The bar is one line: where dozens stack,
// naming them all only made a long text for Fyne to shape and cut.
const hoverMaxNamed = 3
