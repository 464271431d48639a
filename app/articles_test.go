package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"glossa/annotation"
	"glossa/widgets"
)

// detailsFields opens Article > Edit details… and returns its form.
func detailsFields(t *testing.T, u *UI) *detailsForm {
	t.Helper()
	u.editDetailsDialog()
	var es []*dialogEntry
	walk(t, topOverlay(t, u), func(o fyne.CanvasObject) {
		if e, ok := o.(*dialogEntry); ok {
			es = append(es, e)
		}
	})
	if len(es) != 7 {
		t.Fatalf("%d text fields in Article details; want 7", len(es))
	}
	return &detailsForm{title: es[0], outlet: es[1], url: es[2], authors: es[3], published: es[4], retrieved: es[5], language: es[6]}
}

func TestEditDetailsDialog(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	f := detailsFields(t, u)
	if f.title.Text != testDocs()[0].Title || f.outlet.Text != "Valley Post" || f.published.Text != "2026-03-14" {
		t.Fatalf("fields %q %q %q; want the article's", f.title.Text, f.outlet.Text, f.published.Text)
	}
	if u.win.Canvas().Focused() != f.title {
		t.Errorf("focus on %T; want the title", u.win.Canvas().Focused())
	}
	f.title.SetText("Council approves the water plan")
	f.authors.SetText("Ana Ruiz;  Bo Chan ;")
	f.url.SetText("https://valleypost.example/water")
	f.language.SetText("es")

	// A date Glossa cannot read: a sentence in the dialog, nothing lost.
	f.published.SetText("14/03/2026")
	u.win.Canvas().Focus(f.published)
	keyPress(u, fyne.KeyReturn)
	if !u.dialogOpen() || !strings.Contains(overlayText(t, u), "Published: “14/03/2026” is not a date") {
		t.Fatalf("a bad date: open %v, dialog says %q", u.dialogOpen(), overlayText(t, u))
	}
	if d, _ := st.Document(1); d.Title != testDocs()[0].Title {
		t.Fatalf("a refused edit was stored: %q", d.Title)
	}
	f.published.SetText("2026-03-15")
	keyPress(u, fyne.KeyReturn) // Enter in a field saves
	if u.dialogOpen() {
		t.Fatalf("Enter left the dialog open: %q", overlayText(t, u))
	}
	d, _ := st.Document(1)
	if d.Title != "Council approves the water plan" || !slices.Equal(d.Authors, []string{"Ana Ruiz", "Bo Chan"}) || d.Published != "2026-03-15" || d.Language != "es" || d.Text != testText {
		t.Fatalf("stored %+v", d)
	}
	// The title, the details line and the article list follow.
	if u.title.Text != d.Title || !strings.Contains(u.meta.Text, "Ana Ruiz, Bo Chan") || !strings.Contains(u.meta.Text, "2026-03-15") || u.articles.shown[0].Title != d.Title {
		t.Errorf("shown: title %q, meta %q, list %q", u.title.Text, u.meta.Text, u.articles.shown[0].Title)
	}
	if u.undoItem.Label != "Undo edit details" {
		t.Errorf("undo item %q", u.undoItem.Label)
	}
	u.undo()
	if d, _ := st.Document(1); d.Title != testDocs()[0].Title || d.Authors != nil || u.title.Text != d.Title || u.articles.shown[0].Title != d.Title {
		t.Errorf("after undo: stored %q %v, shown %q", d.Title, d.Authors, u.title.Text)
	}
	u.redo()
	if d, _ := st.Document(1); d.Title != "Council approves the water plan" || u.title.Text != d.Title {
		t.Errorf("after redo: stored %q, shown %q", d.Title, u.title.Text)
	}
}

func TestEditDetailsEscapeCancels(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	f := detailsFields(t, u)
	f.title.SetText("Not this")
	u.win.Canvas().Focus(f.title)
	keyPress(u, fyne.KeyEscape)
	if u.dialogOpen() {
		t.Fatal("Escape left the dialog open")
	}
	if d, _ := st.Document(1); d.Title != testDocs()[0].Title || u.s.CanUndo() {
		t.Errorf("Escape stored %q (undo %v)", d.Title, u.s.CanUndo())
	}
}

func TestDeleteOpenArticleAndUndo(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	sel(t, u, "Ana Pérez", 0)
	press(u, "2")
	sel(t, u, "Green Party", 0)
	press(u, "4")
	u.deleteArticlesDialog()
	if got := overlayText(t, u); !strings.Contains(got, "its 2 annotations") || !strings.Contains(got, "Río Verde") {
		t.Fatalf("the question: %q", got)
	}
	keyPress(u, fyne.KeyReturn)
	if u.dialogOpen() || u.s.DocID() != 0 || len(st.docs) != 1 || len(u.articles.shown) != 1 || u.title.Text != "No article open" {
		t.Fatalf("after delete: open %v, doc %d, stored %d, listed %d, title %q", u.dialogOpen(), u.s.DocID(), len(st.docs), len(u.articles.shown), u.title.Text)
	}
	u.undo()
	if u.s.DocID() != 1 || len(st.docs) != 2 || len(u.articles.shown) != 2 || len(st.stored()) != 2 || u.article.Text() != testText {
		t.Fatalf("after undo: doc %d, stored %d docs %d annotations, listed %d", u.s.DocID(), len(st.docs), len(st.stored()), len(u.articles.shown))
	}
	if len(u.article.Highlights()) != 2 {
		t.Errorf("highlights after undo: %d", len(u.article.Highlights()))
	}
}

func TestDeleteSeveralFromTheList(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Resize(fyne.NewSize(1280, 800))
	u.win.Show()
	l := u.articles.list
	tapRow(u, l, 0)
	// Shift+Down, as the desktop driver delivers it, selects the second too.
	shiftDown(u, l)
	if got := l.Selection(); !slices.Equal(got, []int{0, 1}) || u.s.DocID() != 1 {
		t.Fatalf("selection %v, open %d; want both, the first open", got, u.s.DocID())
	}
	keyPress(u, fyne.KeyDelete)
	if got := overlayText(t, u); !strings.Contains(got, "these 2 articles") {
		t.Fatalf("the question: %q", got)
	}
	tapButton(t, u, "Cancel")
	if len(st.docs) != 2 {
		t.Fatal("Cancel deleted")
	}
	keyPress(u, fyne.KeyDelete)
	tapButton(t, u, "Delete")
	if len(st.docs) != 0 || len(u.articles.shown) != 0 || u.s.DocID() != 0 {
		t.Fatalf("after delete: stored %d, listed %d", len(st.docs), len(u.articles.shown))
	}
	u.undo()
	if len(st.docs) != 2 || len(u.articles.shown) != 2 || u.s.DocID() != 1 {
		t.Errorf("after undo: stored %d, listed %d, open %d", len(st.docs), len(u.articles.shown), u.s.DocID())
	}
}

// shiftDown presses Shift+Down in the list l.
func shiftDown(u *UI, l *widgets.RowList) {
	l.Modifiers = func() fyne.KeyModifier { return fyne.KeyModifierShift }
	defer func() { l.Modifiers = nil }()
	keyPress(u, fyne.KeyDown)
}

func TestCutBeforeAndAfter(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	sel(t, u, "Río Verde council", 0)
	press(u, "4") // in the headline: goes with the cut
	sel(t, u, "Ana Pérez", 0)
	press(u, "2")
	ana := u.s.Selected()
	sel(t, u, "Green Party", 0)
	press(u, "4")

	sel(t, u, "\"The reservoir", 0)
	u.cutDialog(true)
	q := overlayText(t, u)
	if !strings.Contains(q, "Remove the 38 characters before the selection") || !strings.Contains(q, "1 annotation") || !strings.Contains(q, "Organisation “Río Verde council”") {
		t.Fatalf("the question: %q", q)
	}
	tapButton(t, u, "Remove")
	text := strings.TrimPrefix(testText, "Río Verde council approves water plan\n")
	if d, _ := st.Document(1); d.Text != text || u.article.Text() != text || u.s.Doc().Text != text {
		t.Fatalf("after the cut: stored %q, shown %q", d.Text, u.article.Text())
	}
	if a := u.s.Annotation(ana); a == nil || annotation.Slice(text, a.Start(), a.End()) != "Ana Pérez" || len(st.stored()) != 2 {
		t.Fatalf("Ana Pérez after the cut: %+v (%d stored)", a, len(st.stored()))
	}
	for _, h := range u.article.Highlights() {
		if h.ID == ana && annotation.Slice(text, h.Start, h.End) != "Ana Pérez" {
			t.Errorf("highlight of Ana Pérez at [%d,%d)", h.Start, h.End)
		}
	}
	if u.articles.shown[0].Annotations != 2 {
		t.Errorf("list counts %d annotations", u.articles.shown[0].Annotations)
	}

	sel(t, u, "about it.\"", 0)
	u.cutDialog(false)
	if q := overlayText(t, u); !strings.Contains(q, "after the selection") || !strings.Contains(q, "Organisation “Green Party”") {
		t.Fatalf("the question: %q", q)
	}
	keyPress(u, fyne.KeyReturn)
	if !strings.HasSuffix(u.s.Doc().Text, "about it.\"") || len(st.stored()) != 1 {
		t.Fatalf("after the second cut: %q, %d stored", u.s.Doc().Text, len(st.stored()))
	}
	u.undo()
	u.undo()
	if d, _ := st.Document(1); d.Text != testText || u.article.Text() != testText || len(st.stored()) != 3 || len(u.article.Highlights()) != 3 {
		t.Errorf("after two undos: text restored %v, %d stored, %d highlights", d.Text == testText, len(st.stored()), len(u.article.Highlights()))
	}
}

func TestCutWithoutSelectionSaysSo(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Show()
	u.cutDialog(true)
	if u.dialogOpen() || !strings.Contains(u.status, "Select the text to keep first") {
		t.Errorf("open %v, status %q", u.dialogOpen(), u.status)
	}
	sel(t, u, "Río Verde", 0)
	u.cutDialog(true) // nothing before it
	if !strings.Contains(overlayText(t, u), "no text before the selection") {
		t.Errorf("dialog says %q", overlayText(t, u))
	}
}
