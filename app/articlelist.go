package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
	"glossa/widgets"
)

const filterAll = "All"

// articleList is the left-hand side: the project's articles, filtered by
// status, with an import button.
type articleList struct {
	u       *UI
	shown   []annotation.Summary
	filter  *widget.Select
	list    *widgets.RowList
	count   *widget.Label
	content fyne.CanvasObject
	syncing bool
}

func newArticleList(u *UI) *articleList {
	c := &articleList{u: u}
	c.list = widgets.NewRowList(
		func() int { return len(c.shown) },
		func() fyne.CanvasObject {
			t := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			t.Truncation = fyne.TextTruncateEllipsis
			m := widget.NewLabel("")
			m.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(t, m)
		},
		func(i int, o fyne.CanvasObject) {
			s := c.shown[i]
			box := o.(*fyne.Container)
			setText(box.Objects[0].(*widget.Label), orUntitled(s.Title))
			meta := statusName(s.Status) + " · " + annotation.Plural(s.Annotations, "annotation")
			if s.Pending > 0 {
				meta += fmt.Sprintf(" · %d suggested", s.Pending)
			}
			meta += layersMeta(s.Layers)
			if s.Outlet != "" {
				meta = s.Outlet + " · " + meta
			}
			setText(box.Objects[1].(*widget.Label), meta)
		},
	)
	// The list keeps the focus a tap or Tab gave it, for the arrow keys;
	// the article's keys (1–9, Delete, ] and [...) work from it too.
	// Delete there deletes the selected articles (after asking), and
	// Ctrl-click, Shift-click, Shift+Up/Down select several.
	c.list.OnTypedKey = func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyDelete && !u.dialogOpen() {
			u.deleteArticlesDialog()
			return
		}
		u.typedKey(ev)
	}
	c.list.OnTypedRune = u.typedRune
	c.list.MultiSelect = true
	c.list.OnSelection = func() {
		if n := len(c.list.Selection()); n > 1 {
			u.setStatus(fmt.Sprintf("%d articles selected: Delete (or Article > Delete article(s)…) deletes them.", n))
		}
	}
	c.list.OnSelected = func(i int) {
		if c.syncing || i >= len(c.shown) {
			return
		}
		if c.shown[i].ID != u.s.DocID() {
			if !u.panel.flush() {
				c.selectDoc(u.s.DocID()) // keep the unsaved text on screen
				return
			}
			u.openDocument(c.shown[i].ID)
		}
	}
	c.count = widget.NewLabel("")
	c.filter = widget.NewSelect(append([]string{filterAll}, statusNames()...), func(string) { c.refresh() })
	c.filter.SetSelected(filterAll)
	imp := widget.NewButtonWithIcon("Import…", theme.ContentAddIcon(), u.importFilesDialog)
	top := container.NewVBox(
		widget.NewLabelWithStyle("Articles", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, widget.NewLabel("Status"), nil, c.filter),
	)
	c.content = container.NewBorder(top, container.NewBorder(nil, nil, nil, imp, c.count), nil, nil, c.list)
	return c
}

func orUntitled(s string) string {
	if s == "" {
		return "(untitled)"
	}
	return s
}

// refresh filters the UI's documents and redraws the list.
func (c *articleList) refresh() {
	if c.filter == nil {
		return
	}
	want := statusFromName(c.filter.Selected)
	c.shown = c.shown[:0]
	for _, d := range c.u.s.Documents() {
		if want == "" || d.Status == want {
			c.shown = append(c.shown, d)
		}
	}
	c.count.SetText(fmt.Sprintf("%d of %s", len(c.shown), annotation.Plural(len(c.u.s.Documents()), "article")))
	c.list.Refresh()
	c.selectDoc(c.u.s.DocID())
}

// selectDoc marks document id in the list without opening it again.
func (c *articleList) selectDoc(id uint64) {
	c.syncing = true
	defer func() { c.syncing = false }()
	for i, d := range c.shown {
		if d.ID == id {
			c.list.Select(i)
			return
		}
	}
	c.list.UnselectAll()
}

// step opens the next (+1) or previous (-1) article of the filtered list.
func (u *UI) step(dir int) {
	shown := u.articles.shown
	if len(shown) == 0 {
		return
	}
	i := -1
	for j, d := range shown {
		if d.ID == u.s.DocID() {
			i = j
		}
	}
	j := i + dir
	if i < 0 && dir < 0 {
		j = len(shown) - 1
	}
	if j < 0 || j >= len(shown) {
		u.setStatus("No more articles in that direction.")
		return
	}
	if u.panel.flush() {
		u.openDocument(shown[j].ID)
	}
}

// layersMeta is what an article's line in the list says of its layers:
// how many annotators' layers when more than one, and how many curated
// annotations.
func layersMeta(layers map[string]int) string {
	out := ""
	if n := len(layers) - min(layers[annotation.CuratedLayer], 1); n > 1 {
		out += fmt.Sprintf(" · %d annotators", n)
	}
	if n := layers[annotation.CuratedLayer]; n > 0 {
		out += fmt.Sprintf(" · %d curated", n)
	}
	return out
}
