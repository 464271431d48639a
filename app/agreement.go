package app

import (
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"glossa/agreement"
	"glossa/annotation"
	"glossa/app/session"
	"glossa/internal/durable"
)

// Project > Agreement… (issue 21): the agreement of the project's annotator
// layers (package agreement) in a window of its own, beside the main one:
// the annotator pairs as a matrix (lenient span F1 and alpha-U in each
// cell), the articles worst first (a click opens one with all layers
// shown), the labels, and every figure; each table exported as CSV. It is
// computed on a goroutine from the store's bundles (Store.EachBundle), so
// the window never waits; Refresh computes it again after edits.

// agreementWindow is the agreement window while it is open.
type agreementWindow struct {
	side   // its summary has two lines: who and how much, then the figures
	u      *UI
	st     Store // the project it was computed for
	report agreement.Report
	took   time.Duration
	matrix *widget.Table
	tables map[agreement.Table]*reportTable
	tabs   *container.AppTabs
}

// reportTable is one table of the report as laid out for a person
// (agreement.Report.Rows) in a widget.Table with a header row.
type reportTable struct {
	name   agreement.Table
	header []string
	rows   [][]string
	table  *widget.Table
}

// showAgreement opens the agreement window, or brings it forward and
// computes it again.
func (u *UI) showAgreement() {
	if w := u.agree; w != nil {
		w.win.RequestFocus()
		w.compute()
		return
	}
	u.panel.flush()
	w := &agreementWindow{u: u, st: u.st, tables: map[agreement.Table]*reportTable{}}
	w.init(u, "Agreement", fyne.NewSize(1000, 640), w.compute, func() { u.agree = nil })
	w.win.SetContent(w.build())
	u.agree = w
	w.win.Show()
	w.compute()
}

func (w *agreementWindow) build() fyne.CanvasObject {
	// The summary keeps its two lines, so that the tabs stay in place.
	w.summary.SetText("\n")
	w.refresh = widget.NewButtonWithIcon("Refresh", theme.ViewRefreshIcon(), w.compute)

	w.matrix = widget.NewTableWithHeaders(
		func() (int, int) { n := len(w.report.Annotators); return n, n },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			setText(o.(*widget.Label), w.pairCell(id.Row, id.Col))
		})
	w.matrix.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	w.matrix.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		i := id.Col
		if id.Col < 0 {
			i = id.Row
		}
		if i >= 0 && i < len(w.report.Annotators) {
			setText(o.(*widget.Label), w.report.Annotators[i])
		}
	}
	w.matrix.OnSelected = func(id widget.TableCellID) {
		w.matrix.UnselectAll()
		w.win.Canvas().Unfocus() // Escape is the window's
	}

	pairs := container.NewBorder(widget.NewLabel("Each cell: lenient span F1 (overlapping spans, same label) and Krippendorff's alpha-U of the pair, over the articles both annotated. The Pairs table has every figure."),
		w.exportBar(agreement.TablePairs), nil, nil, w.matrix)
	articles := w.newTable(agreement.TableArticles,
		"Worst first (lowest alpha-U). Click an article to open it with all layers shown.",
		func(row int) { w.openArticle(row) })
	labels := w.newTable(agreement.TableLabels, "Span F1 and alpha-U of each label, over every annotator pair.", nil)
	overall := w.newTable(agreement.TableOverall, "Every figure over the whole project.", nil)
	w.tabs = container.NewAppTabs(
		container.NewTabItem("Annotator pairs", pairs),
		container.NewTabItem("Articles", articles),
		container.NewTabItem("Labels", labels),
		container.NewTabItem("All figures", overall),
	)
	top := container.NewBorder(nil, w.busy, nil, w.refresh, w.summary)
	return container.NewBorder(top, w.note, nil, nil, w.tabs)
}

// exportBar is the row under a table with its Export CSV… button.
func (w *agreementWindow) exportBar(t agreement.Table) fyne.CanvasObject {
	b := widget.NewButtonWithIcon("Export CSV…", theme.DocumentSaveIcon(), func() { w.exportDialog(t) })
	return container.NewBorder(nil, nil, nil, b)
}

// newTable builds the tab of table t: a note above, the table, and its
// Export CSV… button; a click on a row calls open with the row, if open
// is not nil.
func (w *agreementWindow) newTable(t agreement.Table, note string, open func(row int)) fyne.CanvasObject {
	rt := &reportTable{name: t}
	rt.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(rt.rows), len(rt.header) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(rt.rows) && id.Col < len(rt.rows[id.Row]) {
				setText(o.(*widget.Label), rt.rows[id.Row][id.Col])
			}
		})
	rt.table.ShowHeaderColumn = false
	rt.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	rt.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(rt.header) {
			setText(o.(*widget.Label), rt.header[id.Col])
		}
	}
	rt.table.OnSelected = func(id widget.TableCellID) {
		rt.table.UnselectAll()
		w.win.Canvas().Unfocus() // Escape is the window's
		if open != nil && id.Row >= 0 && id.Row < len(rt.rows) {
			open(id.Row)
		}
	}
	w.tables[t] = rt
	n := widget.NewLabel(note)
	n.Wrapping = fyne.TextWrapWord
	return container.NewBorder(n, w.exportBar(t), nil, nil, rt.table)
}

// compute computes the report again on a goroutine and shows it when it
// is done (side.end: one run at a time, nothing once the window closed).
func (w *agreementWindow) compute() {
	if !w.begin() {
		return // when the run going on ends
	}
	st, labels := w.st, w.u.s.Labels()
	w.summary.SetText(fmt.Sprintf("Computing the agreement of %s…\n", annotation.Plural(len(w.u.s.Documents()), "article")))
	w.u.background(func() {
		start := time.Now()
		arts, err := agreement.Articles(st.EachBundle, annotation.LayerOf, annotation.CuratedLayer)
		var r agreement.Report
		if err == nil {
			r = agreement.Compute(arts, labels)
		}
		took := time.Since(start)
		fyne.Do(func() {
			w.end(err, "The agreement", "Refresh", func() { w.shown(r, took) })
		})
	})
}

// shown shows report r, computed in took.
func (w *agreementWindow) shown(r agreement.Report, took time.Duration) {
	w.report, w.took = r, took
	w.summary.SetText(agreementSummary(r, took))
	for t, rt := range w.tables {
		rt.header, rt.rows, _ = r.Rows(t) // every table of Tables lays out
		for i, h := range rt.header {
			rt.table.SetColumnWidth(i, columnWidth(t, h))
		}
		rt.table.Refresh()
	}
	w.matrix.SetColumnWidth(-1, 140)
	for i := range r.Annotators {
		w.matrix.SetColumnWidth(i, 170)
	}
	w.matrix.Refresh()
}

// columnWidth is the width of column header of table t: titles and
// labels wide, figures narrow.
func columnWidth(t agreement.Table, header string) float32 {
	switch {
	case header == "title" || header == "measure" || header == "n counts":
		return 300
	case header == "least agreeing pair" || header == "annotators":
		return 160
	case header == "id" || header == "sd" || header == "n":
		return 60
	case t == agreement.TableLabels && header == "label":
		return 140
	}
	return 110
}

// agreementSummary is the line above the tables.
func agreementSummary(r agreement.Report, took time.Duration) string {
	if len(r.Annotators) < 2 {
		return fmt.Sprintf("Agreement needs two annotators' layers of the same articles; this project has %s.\n"+
			"Merge another annotator's file (File > Merge annotator file…), or let a second annotator annotate here under his own name (Edit > Settings…).",
			annotation.Plural(len(r.Annotators), "annotator"))
	}
	o := r.Overall
	over := "mean ± sd over " + annotation.Plural(o.LenientF1.Pairs, "pair")
	if o.LenientF1.Pairs < 2 {
		over = "one pair"
	}
	return fmt.Sprintf("Annotators: %s · %d of %s compared (annotated by two or more), %d by every annotator · computed in %s\n"+
		"Lenient span F1 %s, strict %s (%s) · alpha-U %s · labels at the same positions: alpha %s",
		strings.Join(r.Annotators, ", "), r.Compared, annotation.Plural(r.Articles, "article"), r.Common, duration(took),
		o.LenientF1, o.StrictF1, over, o.AlphaU, o.Alpha.Value)
}

// duration is d for a person: "under a millisecond", "42 ms", "1.3 s".
func duration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return "under 1 ms"
	case d < time.Second:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// pairCell is the matrix cell of annotators i and j.
func (w *agreementWindow) pairCell(i, j int) string {
	as := w.report.Annotators
	if i >= len(as) || j >= len(as) {
		return ""
	}
	if i == j {
		return "—"
	}
	p, ok := w.report.Pair(as[i], as[j])
	if !ok || p.Articles == 0 {
		return "no article in common"
	}
	return fmt.Sprintf("F1 %s · αU %s", p.LenientF1, p.AlphaU)
}

// openArticle opens the article of row of the articles table in the main
// window with all layers shown.
func (w *agreementWindow) openArticle(row int) {
	if row >= len(w.report.PerArticle) {
		return
	}
	a := w.report.PerArticle[row]
	u := w.u
	if u.dialogOpen() {
		u.setStatus("Close the dialog in the main window first, then pick the article again.")
		return
	}
	if u.s.View().Kind != session.ViewAll {
		u.setView(session.LayerView{})
	}
	if a.ID != u.s.DocID() && !u.panel.flush() {
		return
	}
	if a.ID == u.s.DocID() || u.openDocument(a.ID) {
		u.setStatus(fmt.Sprintf("%s: %s agree least here (lenient F1 %s, alpha-U %s). %s",
			quoted(a.Title, 50), a.Worst[0]+" and "+a.Worst[1], a.LenientF1, a.AlphaU, u.layerLegend()))
		u.win.RequestFocus()
	}
}

// exportDialog asks where to write table t as CSV and writes it whole
// (durable.WriteFile: a file there already is replaced only by a
// complete one).
func (w *agreementWindow) exportDialog(t agreement.Table) {
	if len(w.report.Annotators) == 0 && w.report.Articles == 0 {
		w.note.SetText("Nothing to export yet: wait for the agreement to be computed.")
		return
	}
	r := w.report
	w.u.choosePathIn(w.win, "Export the "+string(t)+" table as CSV", "Export",
		freeName(w.u.startFolder(), "agreement-"+string(t), ".csv"), pathMayReplace,
		func(path string) {
			err := durable.WriteFile(path, 0o644, func(out io.Writer) error { return r.WriteCSV(out, t) })
			if err != nil {
				w.note.SetText("Nothing was written to " + path + ": " + err.Error() + ". Choose a folder you can write to, with free space, and export again.")
				return
			}
			_, rows, _ := r.Rows(t)
			w.note.SetText(fmt.Sprintf("Exported the %s table (%s and its header) to %s.", t, annotation.Plural(len(rows), "row"), path))
		})
}
