package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"glossa/agreement"
	"glossa/annotation"
	"glossa/app/session"
)

// newAgreementUI is newLayersUI with the second article annotated by ana
// and ben alike, and the agreement window open and computed.
func newAgreementUI(t *testing.T) (*UI, *fakeStore, agreement.Report) {
	t.Helper()
	u, st := newLayersUI(t)
	text := testDocs()[1].Text
	claim := func(layer string) annotation.Annotation {
		return annotation.Annotation{Label: "Claim", Spans: []annotation.Span{{Start: 0, End: 23, Text: text[:23]}}, Layer: layer, Author: layer}
	}
	if _, err := st.Apply(2, []annotation.Annotation{claim("ana"), claim("ben")}, nil); err != nil {
		t.Fatal(err)
	}
	u.reloadDocuments()
	// What the window should show: the report of the same layers.
	arts, err := agreement.Articles(st.EachBundle, annotation.LayerOf, annotation.CuratedLayer)
	if err != nil {
		t.Fatal(err)
	}
	want := agreement.Compute(arts, st.labels)
	u.showAgreement()
	until(t, func() bool { return u.agree != nil && len(u.agree.report.Annotators) > 0 })
	return u, st, want
}

// The window shows the report of the project's layers: the pair matrix,
// the articles worst first, the labels; the curated layer is no
// annotator.
func TestAgreementWindow(t *testing.T) {
	u, _, want := newAgreementUI(t)
	w := u.agree
	if !slices.Equal(w.report.Annotators, []string{"ana", "ben", "cy"}) || !slices.Equal(w.report.Annotators, want.Annotators) {
		t.Fatalf("annotators %q; want ana, ben, cy (%q)", w.report.Annotators, want.Annotators)
	}
	ab, _ := want.Pair("ana", "ben")
	if got, wantCell := w.pairCell(0, 1), "F1 "+ab.LenientF1.String()+" · αU "+ab.AlphaU.String(); got != wantCell || w.pairCell(1, 0) != got {
		t.Errorf("matrix cell ana × ben %q (and %q); want %q both ways", got, w.pairCell(1, 0), wantCell)
	}
	if got := w.pairCell(2, 2); got != "—" {
		t.Errorf("diagonal %q", got)
	}
	for _, tab := range []agreement.Table{agreement.TableArticles, agreement.TableLabels, agreement.TableOverall} {
		_, rows, _ := want.Rows(tab)
		if got := w.tables[tab].rows; !slices.EqualFunc(got, rows, slices.Equal[[]string]) {
			t.Errorf("%s table %q; want %q", tab, got, rows)
		}
	}
	if n := len(w.tables[agreement.TableArticles].rows); n != 2 {
		t.Errorf("%d articles listed; want both", n)
	}
	if s := w.summary.Text; !strings.Contains(s, "Annotators: ana, ben, cy") || !strings.Contains(s, "Lenient span F1") {
		t.Errorf("summary %q", s)
	}
}

// A click on an article's row opens it in the main window with all
// layers shown.
func TestAgreementOpensArticle(t *testing.T) {
	u, _, want := newAgreementUI(t)
	u.setView(session.LayerView{Kind: session.ViewAnnotator, Annotator: "ben"})
	last := len(want.PerArticle) - 1
	u.agree.tables[agreement.TableArticles].table.OnSelected(widget.TableCellID{Row: last, Col: 1})
	if got := u.s.DocID(); got != want.PerArticle[last].ID {
		t.Errorf("article %d open; want %d", got, want.PerArticle[last].ID)
	}
	if v := u.s.View(); v.Kind != session.ViewAll {
		t.Errorf("view %+v; want all layers", v)
	}
	if s := u.statusBar.Text; !strings.Contains(s, "agree least here") {
		t.Errorf("status %q", s)
	}
}

// Export CSV… writes the table as agreement.WriteCSV does.
func TestAgreementExportCSV(t *testing.T) {
	u, _, want := newAgreementUI(t)
	path := filepath.Join(t.TempDir(), "articles.csv")
	u.app.Preferences().SetString(prefLastFolder, filepath.Dir(path))
	u.agree.exportDialog(agreement.TableArticles)
	submitPathDialog(t, u.agree.win, path)
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var wantCSV strings.Builder
	if err := want.WriteCSV(&wantCSV, agreement.TableArticles); err != nil {
		t.Fatal(err)
	}
	if string(got) != wantCSV.String() {
		t.Errorf("CSV\n%s\nwant\n%s", got, wantCSV.String())
	}
	if s := u.agree.note.Text; !strings.Contains(s, "Exported the articles table") {
		t.Errorf("summary %q", s)
	}
}

// Edits made meanwhile show after Refresh; another project closes the
// window.
func TestAgreementRefresh(t *testing.T) {
	u, st, _ := newAgreementUI(t)
	cy := []annotation.Annotation{{Label: "Claim", Spans: []annotation.Span{{Start: 0, End: 7, Text: "Nothing"}}, Layer: "cy", Author: "cy"}}
	if _, err := st.Apply(2, cy, nil); err != nil {
		t.Fatal(err)
	}
	before := u.agree.report
	u.agree.refresh.OnTapped()
	until(t, func() bool { return !u.agree.refresh.Disabled() })
	if slices.Equal(before.PerArticle[0].Annotators, u.agree.report.PerArticle[0].Annotators) && len(before.PerArticle) == len(u.agree.report.PerArticle) &&
		before.Overall.LenientF1 == u.agree.report.Overall.LenientF1 {
		t.Errorf("Refresh changed nothing after cy annotated the second article")
	}
	u.closeSideWindows()
	if u.agree != nil {
		t.Error("the window stays")
	}
}

// submitPathDialog types path in the path dialog over win and presses
// Export.
func submitPathDialog(t *testing.T, win fyne.Window, path string) {
	t.Helper()
	o := win.Canvas().Overlays().Top()
	if o == nil {
		t.Fatal("no dialog over the window")
	}
	var e *widget.Entry
	walk(t, o, func(c fyne.CanvasObject) {
		if w, ok := c.(*widget.Entry); ok && e == nil {
			e = w
		}
	})
	if e == nil {
		t.Fatal("no path field in the dialog")
	}
	e.SetText(path)
	test.Tap(button(t, o, "Export"))
}
