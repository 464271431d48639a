package app

import (
	"fmt"

	"fyne.io/fyne/v2"

	"glossa/annotation"
	"glossa/widgets"
)

// prefAllLinks (bool): View > Show all links: the article draws every
// link of the lines on screen, not only the selected annotation's; default
// false.
const prefAllLinks = "allLinks"

// linkRef names one link of the domain: annotation from's link of type
// typ to target. Links have no id of their own; the article's connectors
// get one per linkRef (linkView.ids), kept while the window is open so
// that a connector selected stays the same link across redraws.
type linkRef struct {
	from   uint64
	typ    annotation.LinkType
	target uint64
}

// linkView is what the window keeps of the links drawn in the article.
type linkView struct {
	ids  map[linkRef]uint64
	refs map[uint64]linkRef
	next uint64
}

// idOf returns the connector id of r, giving it one the first time.
func (lv *linkView) idOf(r linkRef) uint64 {
	if id, ok := lv.ids[r]; ok {
		return id
	}
	if lv.ids == nil {
		lv.ids, lv.refs = map[linkRef]uint64{}, map[uint64]linkRef{}
	}
	lv.next++
	lv.ids[r], lv.refs[lv.next] = lv.next, r
	return lv.next
}

// linksShown hands the article the links of the annotations shown and of
// the suggestions waiting for review (a suggested claim's source and cue),
// each a connector from the annotation to its target in the target
// label's colour, labelled with the link's type.
func (u *UI) linksShown() {
	var ls []widgets.Link
	add := func(as []annotation.Annotation, target func(uint64) *annotation.Annotation) {
		for _, a := range as {
			for _, l := range a.Links {
				t := target(l.Target)
				if t == nil {
					continue
				}
				lb, _ := u.s.Label(t.Label)
				ls = append(ls, widgets.Link{
					ID:    u.links.idOf(linkRef{a.ID, l.Type, l.Target}),
					From:  a.ID,
					To:    l.Target,
					Label: string(l.Type),
					Color: labelColor(lb.Color, 0xff),
				})
			}
		}
	}
	add(u.s.Annotations(), u.s.Annotation)
	add(u.suggestions(), func(id uint64) *annotation.Annotation {
		if t := u.s.Suggestion(id); t != nil {
			return t
		}
		return u.s.Annotation(id)
	})
	u.article.SetLinks(ls)
}

// allLinksOn reports whether the article draws every link (the preference).
func (u *UI) allLinksOn() bool {
	return u.app.Preferences().BoolWithFallback(prefAllLinks, false)
}

// applyLinkMode sets the article's link mode from the preference.
func (u *UI) applyLinkMode() {
	m := widgets.LinksOfSelected
	if u.allLinksOn() {
		m = widgets.AllLinks
	}
	u.article.SetLinkMode(m)
}

// toggleAllLinks is View > Show all links.
func (u *UI) toggleAllLinks() {
	on := !u.allLinksOn()
	u.app.Preferences().SetBool(prefAllLinks, on)
	u.applyLinkMode()
	u.win.SetMainMenu(u.makeMenu())
	if on {
		u.setStatus("Every link of the lines on screen is drawn above the text: click one to select it, Delete removes it.")
	} else {
		u.setStatus("Only the selected annotation's links are drawn.")
	}
}

// allLinksItem is View > Show all links, checked while it is on.
func (u *UI) allLinksItem() *fyne.MenuItem {
	it := fyne.NewMenuItem("Show all links", u.toggleAllLinks)
	it.Checked = u.allLinksOn()
	return it
}

// linkSelected is the article's report of a connector clicked (0: a click
// elsewhere let go of it): the status line says which link it is.
func (u *UI) linkSelected(id uint64) {
	r, ok := u.selectedLink(id)
	if !ok {
		if r, ok := u.links.refs[id]; ok && u.s.Suggestion(r.from) != nil {
			// A suggested link is reviewed with its suggestion: select
			// that (Enter accepts it with the link, Delete rejects it).
			u.selectAnnotationScroll(r.from, false)
		}
		return
	}
	from, to := u.s.Annotation(r.from), u.s.Annotation(r.target)
	u.setStatus(fmt.Sprintf("Link selected: %s %s %s %s %s. Delete removes it.",
		from.Label, quoted(from.Quote(), 40), linkVerb(r.typ), to.Label, quoted(to.Quote(), 40)))
}

// selectedLink returns the link of connector id, if both its ends exist.
func (u *UI) selectedLink(id uint64) (linkRef, bool) {
	r, ok := u.links.refs[id]
	if !ok || id == 0 || u.s.Annotation(r.from) == nil || u.s.Annotation(r.target) == nil {
		return linkRef{}, false
	}
	return r, true
}

// deleteSelectedLink removes the link whose connector is selected, as one
// undoable step, and reports whether one was selected.
func (u *UI) deleteSelectedLink() bool {
	r, ok := u.selectedLink(u.article.SelectedLink())
	if !ok {
		return false
	}
	from, to := u.s.Annotation(r.from), u.s.Annotation(r.target)
	what := fmt.Sprintf("%s %s %s %s %s", from.Label, quoted(from.Quote(), 40), linkVerb(r.typ), to.Label, quoted(to.Quote(), 40))
	b := from.Clone()
	b.Links = b.Links[:0]
	for _, l := range from.Links {
		if l.Type != r.typ || l.Target != r.target {
			b.Links = append(b.Links, l)
		}
	}
	u.article.SetSelectedLink(0)
	u.edit("unlink", []annotation.Annotation{b}, nil, func([]annotation.Annotation) {
		u.setStatus(fmt.Sprintf("Removed the link: %s. Ctrl+Z brings it back.", what))
	})
	return true
}
