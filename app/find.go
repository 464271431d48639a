package app

import (
	"fmt"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
	"glossa/widgets"
)

// findBar is the find-in-article bar above the article (Ctrl+F). The
// current match is also the article's selection, so a label key tags it.
type findBar struct {
	u       *UI
	entry   *findEntry
	count   *widget.Label
	box     *fyne.Container
	matches []widgets.Range
	current int
}

func newFindBar(u *UI) *findBar {
	f := &findBar{u: u}
	f.entry = newFindEntry(f)
	f.entry.SetPlaceHolder("Find in article")
	f.entry.OnChanged = func(s string) { f.search(s) }
	f.entry.OnSubmitted = func(string) { f.next() }
	f.count = widget.NewLabel("")
	prev := widget.NewButtonWithIcon("", theme.MoveUpIcon(), f.prev)
	next := widget.NewButtonWithIcon("", theme.MoveDownIcon(), f.next)
	closeB := widget.NewButtonWithIcon("", theme.CancelIcon(), f.close)
	f.box = container.NewBorder(nil, nil, nil, container.NewHBox(f.count, prev, next, closeB), f.entry)
	f.box.Hide()
	return f
}

// open shows the bar and focuses it; the article's selection, if short,
// becomes the search.
func (f *findBar) open() {
	f.box.Show()
	if _, _, sel := f.u.article.Selection(); sel != "" && len([]rune(sel)) < 80 {
		f.entry.SetText(sel)
	}
	f.u.win.Canvas().Focus(f.entry)
}

// close hides the bar and its matches; the current match stays the
// article's selection, ready to be tagged.
func (f *findBar) close() {
	f.box.Hide() // first: reset searches again while the bar is visible
	f.reset()
	f.u.focusArticle()
	if _, _, sel := f.u.article.Selection(); sel != "" {
		f.u.setStatus("Find closed. The match is still selected: press a label key to tag it.")
	}
}

// reset forgets the matches (another article opened).
func (f *findBar) reset() {
	f.matches, f.current = nil, 0
	f.count.SetText("")
	f.u.article.SetMatches(nil, -1)
	if f.box.Visible() && f.entry.Text != "" {
		f.search(f.entry.Text)
	}
}

func (f *findBar) search(s string) {
	f.matches = findAll(f.u.s.Doc().Text, s, false)
	f.current = 0
	if len(f.matches) == 0 {
		f.show()
		return
	}
	// Start at the first match at or after the view's selection.
	start, _, _ := f.u.article.Selection()
	for i, m := range f.matches {
		if m.Start >= start {
			f.current = i
			break
		}
	}
	f.show()
}

func (f *findBar) show() {
	if len(f.matches) == 0 {
		f.u.article.SetMatches(nil, -1)
		if f.entry.Text == "" {
			f.count.SetText("")
		} else {
			f.count.SetText("no match")
		}
		return
	}
	m := f.matches[f.current]
	f.count.SetText(fmt.Sprintf("%d of %d", f.current+1, len(f.matches)))
	f.u.article.SetMatches(f.matches, f.current)
	f.u.article.SetSelection(m.Start, m.End)
	f.u.article.ScrollTo(m.Start)
	f.hint()
}

// hint puts the find bar's keys in the status line while the find entry
// has the focus: the label keys type into it then, they do not tag.
func (f *findBar) hint() {
	if c := f.u.win.Canvas(); c == nil || c.Focused() != f.entry {
		return
	}
	where := ""
	if len(f.matches) > 0 {
		where = fmt.Sprintf("Match %d of %d. ", f.current+1, len(f.matches))
	}
	f.u.setStatus(where + "Enter or F3: next match; Shift+F3: previous; Escape closes the find bar (then a label key tags the match).")
}

// findEntry is the find bar's text field: Enter and F3 go to the next
// match, Shift+F3 to the previous one, Escape closes the bar.
type findEntry struct {
	widget.Entry
	f     *findBar
	shift bool // a Shift key is down
}

func newFindEntry(f *findBar) *findEntry {
	e := &findEntry{f: f}
	e.ExtendBaseWidget(e)
	return e
}

// FocusGained says in the status line which keys work here.
func (e *findEntry) FocusGained() {
	e.Entry.FocusGained()
	e.f.hint()
	e.f.u.fieldChanged(e)
}

// FocusLost is part of fyne.Focusable.
func (e *findEntry) FocusLost() {
	e.Entry.FocusLost()
	e.f.u.fieldChanged(nil)
}

// TypedRune is part of fyne.Focusable.
func (e *findEntry) TypedRune(r rune) {
	e.Entry.TypedRune(r)
	e.f.u.fieldChanged(e)
}

// TypedShortcut is part of fyne.Shortcutable.
func (e *findEntry) TypedShortcut(s fyne.Shortcut) {
	e.Entry.TypedShortcut(s)
	e.f.u.fieldChanged(e)
}

// KeyDown and KeyUp track Shift: the driver reports Shift+F3 as a typed
// F3, not as a shortcut.
func (e *findEntry) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		e.shift = true
	}
	e.Entry.KeyDown(ev)
}

func (e *findEntry) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		e.shift = false
	}
	e.Entry.KeyUp(ev)
}

func (e *findEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyF3:
		if e.shift {
			e.f.prev()
		} else {
			e.f.next()
		}
	case fyne.KeyEscape:
		e.f.close()
	default:
		e.Entry.TypedKey(ev)
		e.f.u.fieldChanged(e)
	}
}

// next and prev move to the following or preceding match, wrapping.
func (f *findBar) next() { f.move(1) }
func (f *findBar) prev() { f.move(-1) }

func (f *findBar) move(d int) {
	if len(f.matches) == 0 {
		return
	}
	f.current = (f.current + d + len(f.matches)) % len(f.matches)
	f.show()
}

// findAll returns every non-overlapping occurrence of pat in text, in code
// points; with caseSensitive false, letters match whatever their case.
func findAll(text, pat string, caseSensitive bool) []widgets.Range {
	p := []rune(pat)
	if len(p) == 0 {
		return nil
	}
	t := []rune(text)
	fold := func(r rune) rune {
		if caseSensitive {
			return r
		}
		return unicode.ToLower(r)
	}
	for i := range p {
		p[i] = fold(p[i])
	}
	var out []widgets.Range
	for i := 0; i+len(p) <= len(t); {
		ok := true
		for j := range p {
			if fold(t[i+j]) != p[j] {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, widgets.Range{Start: i, End: i + len(p)})
			i += len(p)
			continue
		}
		i++
	}
	return out
}

// tagAll walks the occurrences of an annotation's text not yet tagged
// with its label; each is confirmed (tagged at once) or skipped.
type tagAll struct {
	u       *UI
	label   annotation.Label
	ranges  []widgets.Range
	i       int
	tagged  int
	skipped int
}

// newTagAll prepares tagging the other occurrences of annotation a's
// first span.
func (u *UI) newTagAll(a *annotation.Annotation) *tagAll {
	l, _ := u.s.Label(a.Label)
	t := &tagAll{u: u, label: l}
	for _, r := range findAll(u.s.Doc().Text, a.Spans[0].Text, true) {
		if !u.covered(l.Name, r) {
			t.ranges = append(t.ranges, r)
		}
	}
	return t
}

// covered reports whether an annotation of label already overlaps r.
func (u *UI) covered(label string, r widgets.Range) bool {
	for _, a := range u.s.Annotations() {
		if a.Label != label {
			continue
		}
		for _, s := range a.Spans {
			if s.Start < r.End && r.Start < s.End {
				return true
			}
		}
	}
	return false
}

// done reports whether every occurrence has been decided.
func (t *tagAll) done() bool { return t.i >= len(t.ranges) }

// show selects the occurrence being decided and scrolls the article so
// that it is in sight beside the question, a dialog of size dlg centred on
// the window.
func (t *tagAll) show(dlg fyne.Size) {
	if t.done() {
		return
	}
	r := t.ranges[t.i]
	t.u.article.SetSelection(r.Start, r.End)
	t.u.scrollBesideDialog(r.Start, dlg)
}

// scrollBesideDialog scrolls the article so that offset is in the middle
// of the part of the article above a dialog of size dlg centred on the
// window, else (no room there, or the text ends before the occurrence can
// be brought up that far) of the part below it, else a third from the top.
func (u *UI) scrollBesideDialog(offset int, dlg fyne.Size) {
	top := fyne.CurrentApp().Driver().AbsolutePositionForObject(u.article).Y
	bottom := top + u.article.Size().Height
	dTop := (u.win.Canvas().Size().Height - dlg.Height) / 2
	dBottom := dTop + dlg.Height
	room := 3 * theme.TextSize() // a line and its margins
	inSight := func() bool {
		pos, size, ok := u.article.TextBox(offset, offset+1)
		y := top + pos.Y
		return ok && (y+size.Height <= dTop || y >= dBottom)
	}
	if dTop-top >= room {
		if u.article.ScrollToY(offset, (dTop-top)/2); inSight() {
			return
		}
	}
	if bottom-dBottom >= room {
		if u.article.ScrollToY(offset, dBottom-top+(bottom-dBottom)/2); inSight() {
			return
		}
	}
	if dTop-top < room && bottom-dBottom < room {
		u.article.ScrollTo(offset)
	}
}

// accept tags the current occurrence (saved and undoable at once). It
// reports false when the occurrence could not be tagged: the error is on
// screen (the failed-edit dialog offers Retry) and the walk should stop.
func (t *tagAll) accept() bool {
	if t.done() {
		return true
	}
	r := t.ranges[t.i]
	a, err := t.u.s.NewAnnotation(t.label, r.Start, r.End, t.u.annotator())
	if err != nil {
		t.u.showError(err, "This occurrence was not tagged.")
		return false
	}
	if !t.u.edit("tag "+t.label.Name, []annotation.Annotation{a}, nil, func([]annotation.Annotation) { t.tagged++ }) {
		return false
	}
	t.i++
	return true
}

// skip leaves the current occurrence untagged.
func (t *tagAll) skip() {
	if !t.done() {
		t.i++
		t.skipped++
	}
}

// parts is the current occurrence with up to 60 code points of its
// paragraph either side, "…" marking where the paragraph goes on.
func (t *tagAll) parts() (before, match, after string) {
	r := t.ranges[t.i]
	return snippet(t.u.s.Offsets(), r.Start, r.End, 60)
}

// snippet is [start, end) of o's text with up to n code points either
// side, cut at the paragraph's ends (a line break), and "…" where the
// text around was cut short.
func snippet(o *annotation.Offsets, start, end, n int) (before, match, after string) {
	before, match, after = o.Slice(start-n, start), o.Slice(start, end), o.Slice(end, end+n)
	if i := strings.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	} else if start-n > 0 {
		before = "…" + before
	}
	if i := strings.IndexByte(after, '\n'); i >= 0 {
		after = after[:i]
	} else if end+n < o.Len() {
		after += "…"
	}
	return before, match, after
}

// tagAllOccurrences asks, for each other occurrence of the selected
// annotation's text, whether to tag it with the same label.
func (u *UI) tagAllOccurrences() {
	a := u.s.Annotation(u.s.Selected())
	if a == nil {
		u.setStatus("Select an annotation first: Glossa then offers to tag every other occurrence of its text.")
		return
	}
	u.panel.flush()
	t := u.newTagAll(a)
	if t.done() {
		u.setStatus("No other untagged occurrence of " + quoted(a.Spans[0].Text, 40) + ".")
		return
	}
	u.askTagAll(t)
}

func (u *UI) askTagAll(t *tagAll) {
	if t.done() {
		u.setStatus(fmt.Sprintf("Tag all: %d tagged as %s, %d skipped. Ctrl+Z undoes them one by one.", t.tagged, t.label.Name, t.skipped))
		u.article.ClearSelection()
		return
	}
	before, match, after := t.parts()
	msg := widget.NewRichText(
		&widget.TextSegment{Style: widget.RichTextStyleInline, Text: before},
		&widget.TextSegment{Style: widget.RichTextStyleStrong, Text: match},
		&widget.TextSegment{Style: widget.RichTextStyleInline, Text: after},
	)
	msg.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(widget.NewLabel(fmt.Sprintf("Occurrence %d of %d: tag it as %s?", t.i+1, len(t.ranges), t.label.Name)), msg)
	d := dialog.NewCustomWithoutButtons("Tag all occurrences", content, u.win)
	yes := widget.NewButton("Tag", func() {
		d.Hide()
		if !t.accept() {
			u.stopTagAll(t)
			return
		}
		u.askTagAll(t)
	})
	yes.Importance = widget.HighImportance
	no := widget.NewButton("Skip", func() { d.Hide(); t.skip(); u.askTagAll(t) })
	stop := widget.NewButton("Stop", func() { d.Hide(); t.i = len(t.ranges); u.askTagAll(t) })
	d.SetButtons([]fyne.CanvasObject{stop, no, yes})
	d.Resize(fyne.NewSize(520, 200))
	d.Show()
	t.show(fyne.NewSize(520, 200).Max(d.MinSize()))
	u.keyed(stop.OnTapped, yes.OnTapped)
}

// stopTagAll ends the walk at an occurrence that could not be tagged. The
// occurrence stays selected under the error dialog, and no further
// question is asked over it.
func (u *UI) stopTagAll(t *tagAll) {
	u.setStatus(fmt.Sprintf("Tag all stopped at occurrence %d of %d, which was not saved: %d tagged as %s, %d skipped. Ctrl+Z undoes them one by one.",
		t.i+1, len(t.ranges), t.tagged, t.label.Name, t.skipped))
}
