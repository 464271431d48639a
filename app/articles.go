package app

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
	"glossa/app/session"
)

// articleItems are the Article menu's edits of the article itself: its
// details, cuts of web boilerplate, deletion.
func (u *UI) articleItems(item func(label, name string) *fyne.MenuItem) []*fyne.MenuItem {
	return []*fyne.MenuItem{
		item("Edit details…", "details"),
		fyne.NewMenuItem("Remove text before the selection…", func() { u.cutDialog(true) }),
		fyne.NewMenuItem("Remove text after the selection…", func() { u.cutDialog(false) }),
		fyne.NewMenuItem("Delete article(s)… (Del in the list)", u.deleteArticlesDialog),
	}
}

// detailsForm is the Edit details dialog's fields.
type detailsForm struct {
	title, outlet, url, authors, published, retrieved, language *dialogEntry
	problem                                                     *widget.Label
}

func (u *UI) newDetailsForm(d annotation.Document) *detailsForm {
	f := &detailsForm{}
	for _, p := range []struct {
		e    **dialogEntry
		text string
		hint string
	}{
		{&f.title, d.Title, "The headline"}, {&f.outlet, d.Outlet, "The outlet's name"}, {&f.url, d.URL, "https://…"},
		{&f.authors, strings.Join(d.Authors, "; "), "One name; another"},
		{&f.published, d.Published, "YYYY-MM-DD"}, {&f.retrieved, d.Retrieved, "YYYY-MM-DD"}, {&f.language, d.Language, "e.g. en"},
	} {
		*p.e = newDialogEntry(u, false)
		(*p.e).SetText(p.text)
		(*p.e).SetPlaceHolder(p.hint)
	}
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	f.problem.Hide()
	return f
}

// document returns d with the form's details.
func (f *detailsForm) document(d annotation.Document) annotation.Document {
	d.Title = strings.Join(strings.Fields(f.title.Text), " ")
	d.Outlet = strings.TrimSpace(f.outlet.Text)
	d.URL = strings.TrimSpace(f.url.Text)
	d.Authors = nil
	for _, a := range strings.Split(f.authors.Text, ";") {
		if a = strings.TrimSpace(a); a != "" {
			d.Authors = append(d.Authors, a)
		}
	}
	d.Published = strings.TrimSpace(f.published.Text)
	d.Retrieved = strings.TrimSpace(f.retrieved.Text)
	d.Language = strings.TrimSpace(f.language.Text)
	return d
}

func (f *detailsForm) items() []*widget.FormItem {
	items := []*widget.FormItem{
		widget.NewFormItem("Title", f.title), widget.NewFormItem("Outlet", f.outlet), widget.NewFormItem("URL", f.url),
		widget.NewFormItem("Authors", f.authors), widget.NewFormItem("Published", f.published),
		widget.NewFormItem("Retrieved", f.retrieved), widget.NewFormItem("Language", f.language),
	}
	items[3].HintText = "Separated by semicolons"
	items[4].HintText = "Year-month-day (2025-02-27), or with a time (2025-02-27 14:05)"
	items[6].HintText = "A language tag: en, de, ru, pt-BR"
	return items
}

// editDetailsDialog edits the open article's title, outlet, URL, authors,
// dates and language: Save (Enter) stores them as one undoable step, Cancel
// (Escape) leaves them. A problem is said in the dialog, which stays open
// with what was typed.
func (u *UI) editDetailsDialog() {
	if u.s.DocID() == 0 {
		u.setStatus("Open an article first: its details are edited here.")
		return
	}
	if u.failDlg != nil || !u.panel.flush() {
		return
	}
	doc := u.s.Doc()
	f := u.newDetailsForm(doc)
	var dlg *dialog.CustomDialog
	save := func() {
		d := f.document(doc)
		if err := annotation.CheckDetails(d); err != nil {
			f.problem.SetText(err.Error())
			f.problem.Show()
			return
		}
		st, err := u.s.EditDetails("edit details", d)
		if err != nil {
			f.problem.SetText("Not saved: " + err.Error() + " Try again, or Cancel.")
			f.problem.Show()
			return
		}
		dlg.Hide()
		u.show(st)
		if st.Desc == "" {
			u.setStatus("The details are unchanged.")
			return
		}
		u.setStatus(fmt.Sprintf("Saved the details of %s. Ctrl+Z undoes it.", quoted(d.Title, 50)))
	}
	form := widget.NewForm(f.items()...)
	dlg = dialog.NewCustomWithoutButtons("Article details", container.NewVBox(form, f.problem), u.win)
	ok := widget.NewButton("Save", save)
	ok.Importance = widget.HighImportance
	dlg.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", dlg.Hide), ok})
	dlg.Resize(fyne.NewSize(620, 0))
	dlg.Show()
	u.keyed(dlg.Hide, save)
	u.win.Canvas().Focus(f.title)
}

// detailsShown shows the open article's title and details line.
func (u *UI) detailsShown() {
	if d := u.s.Doc(); d.ID != 0 {
		u.title.SetText(d.Title)
		u.meta.SetText(docMeta(d))
	}
}

// selectedArticles returns the ids of the articles selected in the list,
// or the open article when none is.
func (u *UI) selectedArticles() []uint64 {
	var ids []uint64
	for _, i := range u.articles.list.Selection() {
		if i < len(u.articles.shown) {
			ids = append(ids, u.articles.shown[i].ID)
		}
	}
	if len(ids) == 0 && u.s.DocID() != 0 {
		ids = []uint64{u.s.DocID()}
	}
	return ids
}

// deleteArticlesDialog asks whether to delete the articles selected in
// the list (or the open one), saying how many annotations go with them,
// and deletes them as one undoable step.
func (u *UI) deleteArticlesDialog() {
	ids := u.selectedArticles()
	if len(ids) == 0 {
		u.setStatus("Select an article in the list first.")
		return
	}
	if u.failDlg != nil || !u.panel.flush() {
		return
	}
	msg, desc := deleteQuestion(u.s.Documents(), ids)
	title := "Delete article"
	if len(ids) > 1 {
		title += "s"
	}
	u.confirmRemoval(title, msg, "Delete", func() { u.deleteArticles(desc, ids) })
}

// confirmRemoval asks msg in a dialog titled title whose default button,
// called button (Enter), does do; Cancel (Escape) does nothing.
func (u *UI) confirmRemoval(title, msg, button string, do func()) {
	dlg := dialog.NewConfirm(title, msg, func(ok bool) {
		if ok {
			do()
		}
	}, u.win)
	dlg.SetConfirmText(button)
	dlg.SetDismissText("Cancel")
	dlg.SetConfirmImportance(widget.DangerImportance)
	dlg.Show()
	u.keyed(dlg.Hide, func() { dlg.Hide(); do() })
}

// deleteQuestion is what the delete dialog asks about the documents ids
// of docs, and the step's description.
func deleteQuestion(docs []annotation.Summary, ids []uint64) (msg, desc string) {
	var titles []string
	anns := 0
	for _, d := range docs {
		for _, id := range ids {
			if d.ID == id {
				anns += d.Annotations
				titles = append(titles, fmt.Sprintf("• %s (%s)", quoted(orUntitled(d.Title), 60), annotation.Plural(d.Annotations, "annotation")))
			}
		}
	}
	undo := "\n\nEdit > Undo (Ctrl+Z) brings it back while this window is open."
	if len(ids) == 1 {
		return fmt.Sprintf("Delete this article and its %s?\n\n%s", annotation.Plural(anns, "annotation"), strings.Join(titles, "\n")) + undo, "delete article"
	}
	if len(titles) > 12 {
		titles = append(titles[:12], fmt.Sprintf("and %d more", len(titles)-12))
	}
	return fmt.Sprintf("Delete these %d articles and their %s?\n\n%s", len(ids), annotation.Plural(anns, "annotation"), strings.Join(titles, "\n")) +
		strings.Replace(undo, "it back", "them back", 1), fmt.Sprintf("delete %d articles", len(ids))
}

func (u *UI) deleteArticles(desc string, ids []uint64) bool {
	st, err := u.s.DeleteDocuments(desc, ids)
	if err != nil {
		u.editFailed(err, func() bool { return u.deleteArticles(desc, ids) })
		return false
	}
	u.show(st)
	back := "it"
	if len(ids) > 1 {
		back = "them"
	}
	u.setStatus(fmt.Sprintf("Deleted %s. Ctrl+Z brings %s back.", annotation.Plural(len(ids), "article"), back))
	return true
}

// cutDialog removes the open article's text before the selection (before)
// or after it, once the user has seen what goes: how much text, and the
// annotations in it. One undoable step.
func (u *UI) cutDialog(before bool) {
	if u.s.DocID() == 0 {
		u.setStatus("Open an article first.")
		return
	}
	start, end, sel := u.article.Selection()
	where := "after"
	if before {
		where = "before"
	}
	if sel == "" {
		u.setStatus(fmt.Sprintf("Select the text to keep first: everything %s the selection is removed.", where))
		return
	}
	if u.failDlg != nil || !u.panel.flush() {
		return
	}
	text := u.s.Doc().Text
	keepFrom, keepTo, cut := 0, end, annotation.Slice(text, end, annotation.Len(text))
	if before {
		keepFrom, keepTo, cut = start, annotation.Len(text), annotation.Slice(text, 0, start)
	}
	removed, err := u.s.CutPreview(keepFrom, keepTo)
	if err != nil {
		u.showError(cutProblem(err, where), "")
		return
	}
	desc := "remove text " + where + " the selection"
	u.confirmRemoval("Remove text "+where+" the selection", cutQuestion(cut, where, removed), "Remove",
		func() { u.cut(desc, keepFrom, keepTo) })
}

// cutProblem says why a cut cannot be made.
func cutProblem(err error, where string) error {
	switch {
	case errors.Is(err, annotation.ErrSpanOutOfRange):
		return fmt.Errorf("there is no text %s the selection to remove", where)
	case errors.Is(err, annotation.ErrInvalidText):
		return fmt.Errorf("removing the text %s the selection would leave no text", where)
	}
	return err
}

// cutQuestion asks about removing text cut, which holds the annotations
// removed.
func cutQuestion(cut, where string, removed []annotation.Annotation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Remove the %s %s the selection?\n\n%s", annotation.Plural(annotation.Len(cut), "character"), where, quoted(strings.Join(strings.Fields(cut), " "), 160))
	switch len(removed) {
	case 0:
		b.WriteString("\n\nNo annotation is in that text.")
	default:
		verb := "go"
		if len(removed) == 1 {
			verb = "goes"
		}
		fmt.Fprintf(&b, "\n\n%s in that text (or reaching into it) %s with it:", annotation.Plural(len(removed), "annotation"), verb)
		for i, a := range removed {
			if i == 10 {
				fmt.Fprintf(&b, "\n  and %d more", len(removed)-10)
				break
			}
			fmt.Fprintf(&b, "\n• %s %s", a.Label, quoted(a.Quote(), 60))
		}
	}
	b.WriteString("\n\nThe annotations after it keep their places in the text. Edit > Undo (Ctrl+Z) puts the text and its annotations back.")
	return b.String()
}

func (u *UI) cut(desc string, start, end int) bool {
	st, err := u.s.Cut(desc, start, end)
	if err != nil {
		u.editFailed(err, func() bool { return u.cut(desc, start, end) })
		return false
	}
	u.show(st)
	u.setStatus(fmt.Sprintf("Removed the text; the article now has %s. Ctrl+Z puts it back.", annotation.Plural(annotation.Len(u.s.Doc().Text), "character")))
	return true
}

// articlesShown redraws what an article step changed: the list, the open
// article's title and details, or the window without an article when the
// open one was deleted.
func (u *UI) articlesShown(st session.Step) {
	if st.Closed {
		u.closeDocument()
	}
	u.articles.refresh()
	u.detailsShown()
}
