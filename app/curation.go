package app

import (
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
	"glossa/app/session"
	"glossa/widgets"
)

// The curation (adjudication) pane, shown above the annotation panel in
// the view of the curated layer: the open article's units
// (session.Units), each a stretch where annotations of one kind overlap
// across the annotators' layers, with its state, and the versions of the
// selected one side by side, one row an annotator. With the list of units
// (or of versions) focused, 1…9 accepts annotator n's version into the
// curated layer (session.AcceptVersion), Enter the selected version, Left
// and Right choose a version, Up and Down the unit; "Accept agreed" takes
// every unit all annotators agree on, in the article or in the corpus.
// Each acceptance is one undo step. In the article the annotators'
// versions are drawn around the curated layer's filled highlights, one
// outline style an annotator (dashed, dotted, bracketed).

// curationPane is the curation pane of the window.
type curationPane struct {
	u          *UI
	units      []session.Unit
	annotators []string
	selected   int // the selected unit, -1 for none
	version    int // the selected version: an index of annotators
	head       *widget.Label
	list       *widgets.RowList // the units
	versions   *fyne.Container  // the selected unit's versions, one row an annotator
	content    fyne.CanvasObject
	split      *container.Split // the pane above the annotation panel
	// drawn are the ids of the versions drawn in the article.
	drawn []uint64
	// syncing: the list's selection is being set to the pane's, not by
	// the user.
	syncing bool
}

// versionStyles are the outline styles of the annotators' versions in the
// curated view, by the annotator's place in the article's list.
var versionStyles = []widgets.HighlightStyle{widgets.Dashed, widgets.Dotted, widgets.Bracketed}

func newCurationPane(u *UI) *curationPane {
	c := &curationPane{u: u, selected: -1}
	c.head = widget.NewLabel("")
	c.head.Wrapping = fyne.TextWrapWord
	c.list = widgets.NewRowList(
		func() int { return len(c.units) },
		swatchRow,
		func(i int, o fyne.CanvasObject) {
			if i >= len(c.units) {
				return
			}
			box := o.(*fyne.Container)
			un := c.units[i]
			setText(box.Objects[0].(*widget.Label), c.unitText(un))
			state := box.Objects[2].(*widget.Label)
			setText(state, unitState(un))
			setVisible(state, true)
			sw := box.Objects[1].(*canvas.Rectangle)
			if col := stateColor(un); sw.FillColor != col {
				sw.FillColor = col
				sw.Refresh()
			}
		})
	c.list.OnSelected = func(i int) {
		if !c.syncing {
			c.selectUnit(i, true)
		}
	}
	c.list.OnTypedRune = c.typedRune
	c.list.OnTypedKey = c.typedKey
	c.versions = container.NewVBox()

	article := widget.NewButtonWithIcon("Accept agreed", theme.ConfirmIcon(), c.acceptAgreed)
	article.Importance = widget.LowImportance
	corpus := widget.NewButton("…in every article", c.acceptAgreedCorpusDialog)
	corpus.Importance = widget.LowImportance
	title := widget.NewLabelWithStyle("Curation", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewVBox(container.NewBorder(nil, nil, title, container.NewHBox(article, corpus)), c.head)
	vsplit := container.NewVSplit(c.list, container.NewBorder(
		widget.NewLabelWithStyle("Versions: a number key or its button accepts one, Enter the highlighted one", fyne.TextAlignLeading, fyne.TextStyle{Italic: true}),
		nil, nil, nil, container.NewVScroll(c.versions)))
	vsplit.Offset = 0.5
	c.content = container.NewBorder(top, nil, nil, nil, vsplit)
	c.split = container.NewVSplit(c.content, u.panel.content)
	c.split.Offset = 0.75
	return c
}

// curating reports whether the view is the curated layer's, where the
// curation pane shows.
func (u *UI) curating() bool { return u.s.View().Kind == session.ViewCurated }

// curationShown reads the open article's units again and redraws the
// pane, keeping the selected unit where it still is; outside the curated
// view it does nothing.
func (u *UI) curationShown() {
	c := u.curation
	if c == nil || !u.curating() {
		return
	}
	var was *session.Unit
	if c.selected >= 0 && c.selected < len(c.units) {
		un := c.units[c.selected]
		was = &un
	}
	c.units, c.annotators = u.s.Units(), u.s.Annotators()
	c.selected = -1
	if was != nil {
		for i, un := range c.units {
			if un.Kind == was.Kind && un.Start < was.End && was.Start < un.End {
				c.selected = i
				break
			}
		}
	}
	c.head.SetText(c.summary())
	c.list.Refresh()
	switch {
	case c.selected >= 0:
		c.version = min(c.version, max(len(c.annotators)-1, 0))
		c.syncList()
		c.versionsShown()
	case len(c.units) > 0:
		// Another article, or the unit gone: the first one left to
		// decide, without scrolling the article.
		first := slices.IndexFunc(c.units, func(un session.Unit) bool { return un.State != session.UnitCurated })
		c.pick(max(first, 0))
	default:
		c.list.UnselectAll()
		c.versionsShown()
	}
}

// versionsShown redraws the versions of the selected unit, one row an
// annotator: his number on the button that accepts his version (the
// selected version's highlighted), then the version in full.
func (c *curationPane) versionsShown() {
	c.versions.Objects = c.versions.Objects[:0]
	if c.selected >= 0 {
		for i := range c.annotators {
			b := widget.NewButton(strconv.Itoa(i+1), func() { c.accept(i) })
			if i == c.version {
				b.Importance = widget.HighImportance
			}
			l := widget.NewLabel(c.versionText(i))
			l.Wrapping = fyne.TextWrapWord
			c.versions.Add(container.NewBorder(nil, nil, container.NewVBox(b), nil, l))
		}
	}
	c.versions.Refresh()
}

// summary counts the units by state.
func (c *curationPane) summary() string {
	if len(c.units) == 0 {
		return "Nothing to curate in this article: no annotator annotated it."
	}
	count := map[session.UnitState]int{}
	changed := 0
	for _, un := range c.units {
		count[un.State]++
		if un.Changed {
			changed++
		}
	}
	s := fmt.Sprintf("%s by %s: %d agree, %d disagree, %d only some annotated, %d curated",
		annotation.Plural(len(c.units), "unit"), strings.Join(c.annotators, ", "),
		count[session.UnitAgreed], count[session.UnitDisagreed], count[session.UnitPartial], count[session.UnitCurated])
	if changed > 0 {
		s += fmt.Sprintf(" (%d whose source changed)", changed)
	}
	return s + "."
}

// unitText is a unit's row: its label(s) and text.
func (c *curationPane) unitText(un session.Unit) string {
	var labels []string
	for _, a := range append(append([]annotation.Annotation(nil), un.Curated...), un.Versions...) {
		if !slices.Contains(labels, a.Label) {
			labels = append(labels, a.Label)
		}
	}
	return strings.Join(labels, "/") + "  " + quoted(c.u.s.Offsets().Slice(un.Start, un.End), 60)
}

// unitState is a unit's state as its row says it.
func unitState(un session.Unit) string {
	switch {
	case un.Changed:
		return "source changed"
	case un.State == session.UnitPartial && len(un.Missing) > 0:
		return "not by " + strings.Join(un.Missing, ", ")
	}
	return un.State.String()
}

// stateColor is the swatch of a unit's row: green agreed, red disagreed,
// orange partial or changed, the primary colour curated.
func stateColor(un session.Unit) color.Color {
	name := theme.ColorNamePrimary
	switch {
	case un.Changed || un.State == session.UnitPartial:
		name = theme.ColorNameWarning
	case un.State == session.UnitAgreed:
		name = theme.ColorNameSuccess
	case un.State == session.UnitDisagreed:
		name = theme.ColorNameError
	}
	return theme.Color(name)
}

// versionText is the row of annotator i's version of the selected unit:
// his number (the key), name, and each annotation's label, text and
// attributes; "no version" when he has none.
func (c *curationPane) versionText(i int) string {
	if i >= len(c.annotators) {
		return ""
	}
	name := c.annotators[i]
	head := annotation.LayerName(name)
	if c.selected < 0 || c.selected >= len(c.units) {
		return head
	}
	vs := c.units[c.selected].Of(name)
	if len(vs) == 0 {
		return head + ": no version"
	}
	var parts []string
	for _, a := range vs {
		p := a.Label + " " + quoted(a.Quote(), 300)
		if attrs := attributeText(a.Attributes); attrs != "" {
			p += " · " + attrs
		}
		if a.Note != "" {
			p += " · note: " + shorten(a.Note, 40)
		}
		parts = append(parts, p)
	}
	return head + ": " + strings.Join(parts, " + ")
}

// attributeText is attrs as "name=value, …", sorted.
func attributeText(attrs map[string]string) string {
	var out []string
	for k, v := range attrs {
		if v != "" {
			out = append(out, k+"="+v)
		}
	}
	slices.Sort(out)
	return strings.Join(out, ", ")
}

// selectUnit selects unit i: its versions show and the article scrolls to
// it (scroll).
func (c *curationPane) selectUnit(i int, scroll bool) {
	if i < 0 || i >= len(c.units) {
		return
	}
	c.pick(i)
	un := c.units[i]
	if scroll {
		c.u.article.ScrollTo(un.Start)
	}
	keys := ""
	if n := len(c.annotators); n > 0 {
		keys = fmt.Sprintf(": 1–%d accepts an annotator's version, Enter the selected one", n)
	}
	c.u.setStatus(fmt.Sprintf("Unit %d of %d, %s%s.", i+1, len(c.units), unitState(un), keys))
}

// pick makes unit i the selected one, with the first annotator who has a
// version of it the one Enter accepts.
func (c *curationPane) pick(i int) {
	c.selected = i
	c.version = 0
	for j, name := range c.annotators {
		if len(c.units[i].Of(name)) > 0 {
			c.version = j
			break
		}
	}
	c.versionsShown()
	c.syncList()
}

// syncList selects the selected unit's row without calling back.
func (c *curationPane) syncList() {
	c.syncing = true
	defer func() { c.syncing = false }()
	c.list.Select(c.selected)
	c.list.ScrollTo(c.selected)
}

// typedRune: 1…9 accepts that annotator's version of the selected unit;
// other runes are the window's (a label's key tags the article's
// selection).
func (c *curationPane) typedRune(r rune) {
	if r >= '1' && r <= '9' && c.selected >= 0 && !c.u.dialogOpen() {
		c.accept(int(r - '1'))
		return
	}
	c.u.typedRune(r)
}

// typedKey: Enter accepts the selected version, Left and Right choose
// one; other keys are the window's.
func (c *curationPane) typedKey(ev *fyne.KeyEvent) {
	if c.u.dialogOpen() || c.selected < 0 {
		c.u.typedKey(ev)
		return
	}
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		c.accept(c.version)
	case fyne.KeyLeft:
		c.version = max(c.version-1, 0)
		c.versionsShown()
	case fyne.KeyRight:
		c.version = min(c.version+1, max(len(c.annotators)-1, 0))
		c.versionsShown()
	default:
		c.u.typedKey(ev)
	}
}

// accept accepts annotator i's version of the selected unit into the
// curated layer and selects the next unit left to decide.
func (c *curationPane) accept(i int) {
	u := c.u
	if c.selected < 0 || c.selected >= len(c.units) || u.failDlg != nil {
		return
	}
	if i >= len(c.annotators) {
		u.setStatus(fmt.Sprintf("This article has %s: press 1–%d.", annotation.Plural(len(c.annotators), "annotator"), len(c.annotators)))
		return
	}
	un, name := c.units[c.selected], c.annotators[i]
	if len(un.Of(name)) == 0 {
		u.setStatus(fmt.Sprintf("%s has no version of this unit: press the number of one who has.", annotation.LayerName(name)))
		return
	}
	at := c.selected
	st, err := u.s.AcceptVersion(un, name)
	if err != nil {
		u.show(st)
		u.editFailed(err, func() bool { c.accept(i); return true })
		return
	}
	if st.Desc == "" {
		u.setStatus(fmt.Sprintf("The curated layer holds %s's version already.", annotation.LayerName(name)))
		return
	}
	u.show(st)
	c.next(at)
	u.setStatus(fmt.Sprintf("Accepted %s's %s %s into the curated layer. Ctrl+Z undoes it; %s.",
		annotation.LayerName(name), un.Of(name)[0].Label, quoted(un.Of(name)[0].Quote(), 40), c.left()))
}

// next selects the first unit after at left to decide (not curated), or
// else the first one before it.
func (c *curationPane) next(at int) {
	n := len(c.units)
	for k := 1; k <= n; k++ {
		i := (at + k) % n
		if c.units[i].State != session.UnitCurated {
			c.selectUnit(i, true)
			return
		}
	}
}

// left says how many units are left to decide.
func (c *curationPane) left() string {
	n := 0
	for _, un := range c.units {
		if un.State != session.UnitCurated {
			n++
		}
	}
	if n == 0 {
		return "every unit of this article is curated"
	}
	return annotation.Plural(n, "unit") + " left in this article"
}

// acceptAgreed accepts every unit of the article all annotators agree on.
func (c *curationPane) acceptAgreed() {
	u := c.u
	if u.failDlg != nil {
		return
	}
	st, n, err := u.s.AcceptAgreed()
	if err != nil {
		u.show(st)
		u.editFailed(err, func() bool { c.acceptAgreed(); return true })
		return
	}
	if n == 0 {
		u.setStatus("No unit of this article is one every annotator agrees on and nobody curated yet.")
		return
	}
	u.show(st)
	u.setStatus(fmt.Sprintf("Accepted %s all annotators agree on into the curated layer, as one step (Ctrl+Z undoes it); %s.", annotation.Plural(n, "unit"), c.left()))
}

// acceptAgreedCorpusDialog asks, then accepts every agreed unit of every
// article two or more annotators annotated, as one step.
func (c *curationPane) acceptAgreedCorpusDialog() {
	u := c.u
	n := 0
	for _, d := range u.s.Documents() {
		if len(d.Layers)-min(d.Layers[annotation.CuratedLayer], 1) >= 2 {
			n++
		}
	}
	if n == 0 {
		u.setStatus("No article has two annotators' layers: there is nothing all annotators agree on.")
		return
	}
	d := dialog.NewConfirm("Accept agreed units in every article",
		fmt.Sprintf("Copy every unit that all annotators agree on, in the %s two or more annotators annotated, into the curated layer? Units already curated stay as they are. It is one step: Ctrl+Z undoes all of it.", annotation.Plural(n, "article")),
		func(ok bool) {
			if ok {
				c.acceptAgreedCorpus()
			}
		}, u.win)
	d.SetConfirmText("Accept")
	d.Show()
	u.keyed(d.Hide, func() { d.Hide(); c.acceptAgreedCorpus() })
}

// acceptAgreedCorpus is acceptAgreedCorpusDialog's work. It runs on the
// UI goroutine: the session opens each article in turn.
func (c *curationPane) acceptAgreedCorpus() {
	u := c.u
	if u.failDlg != nil || !u.panel.flush() {
		return
	}
	st, units, docs, err := u.s.AcceptAgreedCorpus(nil)
	u.show(st)
	if err != nil {
		u.showError(err, fmt.Sprintf("%s in %s were accepted before this; Ctrl+Z takes them back.", annotation.Plural(units, "unit"), annotation.Plural(docs, "article")))
		return
	}
	u.setStatus(fmt.Sprintf("Accepted %s all annotators agree on in %s, as one step (Ctrl+Z undoes it).", annotation.Plural(units, "unit"), annotation.Plural(docs, "article")))
}

// versionHighlights appends the highlights of the annotators' versions in
// the curated view: each annotator's in his style, the tip naming him.
func (u *UI) versionHighlights(hs []widgets.Highlight) []widgets.Highlight {
	c := u.curation
	c.drawn = c.drawn[:0]
	if !u.curating() {
		return hs
	}
	annotators := u.s.Annotators()
	for _, un := range u.s.Units() {
		for _, a := range un.Versions {
			i := slices.Index(annotators, annotation.LayerOf(a))
			l, _ := u.s.Label(a.Label)
			tip := fmt.Sprintf("%s · %d %s", a.Label, i+1, annotation.LayerName(annotation.LayerOf(a)))
			for _, s := range a.Spans {
				hs = append(hs, widgets.Highlight{ID: a.ID, Start: s.Start, End: s.End, Color: labelColor(l.Color, 0xff), Label: tip, Style: versionStyles[max(i, 0)%len(versionStyles)]})
			}
			c.drawn = append(c.drawn, a.ID)
		}
	}
	return hs
}

// versionTapped selects the unit of version id when the curated view
// draws it, and reports whether it did.
func (u *UI) versionTapped(id uint64) bool {
	c := u.curation
	if !u.curating() || !slices.Contains(c.drawn, id) {
		return false
	}
	for i, un := range c.units {
		if un.Has(id) {
			c.selectUnit(i, false)
			if a := u.s.Annotation(id); a != nil {
				c.version = max(slices.Index(c.annotators, annotation.LayerOf(*a)), 0)
				c.versionsShown()
			}
			return true
		}
	}
	return false
}
