package app

import (
	"fmt"
	"image/color"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
	"glossa/formats/whosaid"
	"glossa/internal/durable"
	"glossa/stats"
	"glossa/widgets"
)

// View > Who said what… (issue 22): the who-said-what graph of the project
// (package whosaid) in a window of its own: sources and entities as
// circles sized by how often they are quoted or mentioned, "quoted about"
// and co-occurrence as lines, laid out by whosaid.Layout; filters by
// label, outlet, dates and minimum count; a click on a node lists its
// claims, and a click on a claim opens it in the main window. The graph is
// computed on a goroutine from the store's bundles (Store.EachAnnotated: no text), for
// the layer the main window shows, and again a moment after the
// annotations change, while the window is open; File exports it as SVG,
// GraphML or DOT with the filters set.

// The window draws at most maxNodesShown nodes, the biggest, and of the
// edges between them the maxEdgesShown heaviest: a graph drawn is read
// at that size, and the layout and the view stay quick. The exports to
// GraphML and DOT hold the whole graph.
const (
	maxNodesShown = 2000
	maxEdgesShown = 6000
)

// whoSaidDelay is how long the window waits after an edit before it
// computes the graph again: a burst of edits costs one computation.
const whoSaidDelay = 700 * time.Millisecond

// whoSaidWindow is the graph window while it is open.
type whoSaidWindow struct {
	side
	u  *UI
	st Store

	label, outlet *widget.Select
	from, to, min *widget.Entry
	view          *widgets.GraphView

	nodeTitle *widget.Label
	claims    *widget.List
	rows      []claimRow

	full  whosaid.Graph // the graph with the filters set: GraphML and DOT
	graph whosaid.Graph // what is drawn: full.Top(maxNodesShown, maxEdgesShown); SVG
	pts   []whosaid.Point
	opts  whosaid.Options // the filters graph was computed with
	// listing counts the listings of a node's claims started; one's
	// result is shown only when it is the last one started (a click on
	// another node).
	listing int
}

// claimRow is a claim of the clicked node as the side list shows it.
type claimRow struct {
	doc, id uint64
	role    whosaid.Role
	quote   string
	title   string
}

// allOutlets is the outlet filter's choice that keeps everything (beside
// the label filters' allLabels).
const allOutlets = "All outlets"

// showWhoSaid opens the graph window, or brings it forward.
func (u *UI) showWhoSaid() {
	if w := u.whoSaid; w != nil {
		w.win.RequestFocus()
		return
	}
	u.panel.flush()
	w := &whoSaidWindow{u: u, st: u.st}
	w.init(u, "Who said what", fyne.NewSize(1200, 780), w.compute, func() { u.whoSaid = nil })
	w.win.SetContent(w.build())
	w.win.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("File",
		fyne.NewMenuItem("Export SVG…", func() { w.exportDialog("svg") }),
		fyne.NewMenuItem("Export GraphML…", func() { w.exportDialog("graphml") }),
		fyne.NewMenuItem("Export DOT…", func() { w.exportDialog("dot") }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Close", func() { w.win.Close() }))))
	u.whoSaid = w
	w.win.Show()
	w.compute()
}

// whoSaidStale tells the graph window, if open, that the annotations, the
// codebook, the registry or the articles changed: it computes the graph
// again once the edits pause.
func (u *UI) whoSaidStale() {
	if w := u.whoSaid; w != nil {
		w.later(whoSaidDelay)
	}
}

func (w *whoSaidWindow) build() fyne.CanvasObject {
	w.label = widget.NewSelect(nil, func(string) { w.compute() })
	w.outlet = widget.NewSelect(nil, func(string) { w.compute() })
	w.fillChoices()
	date := func(hint string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(hint)
		e.OnSubmitted = func(string) { w.compute() }
		return e
	}
	w.from, w.to = date("from YYYY-MM-DD"), date("to YYYY-MM-DD")
	w.min = widget.NewEntry()
	w.min.SetText("1")
	w.min.OnSubmitted = func(string) { w.compute() }
	apply := widget.NewButtonWithIcon("Apply", theme.ViewRefreshIcon(), w.compute)
	fit := widget.NewButtonWithIcon("Fit", theme.ZoomFitIcon(), func() { w.view.Fit() })
	filters := container.NewHBox(w.label, w.outlet,
		container.NewGridWrap(fyne.NewSize(150, w.from.MinSize().Height), w.from),
		container.NewGridWrap(fyne.NewSize(150, w.to.MinSize().Height), w.to),
		widget.NewLabel("min. count"), container.NewGridWrap(fyne.NewSize(60, w.min.MinSize().Height), w.min),
		apply, fit)

	w.view = widgets.NewGraphView()
	w.view.OnNodeTapped = w.nodeTapped

	w.nodeTitle = widget.NewLabel("Click a circle to list its claims.")
	w.nodeTitle.Wrapping = fyne.TextWrapWord
	w.claims = widget.NewList(func() int { return len(w.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(w.rows) {
				setText(o.(*widget.Label), w.rows[i].text())
			}
		})
	w.claims.OnSelected = func(i widget.ListItemID) {
		w.claims.UnselectAll()
		if i < len(w.rows) {
			w.openClaim(w.rows[i])
		}
	}
	side := container.NewBorder(w.nodeTitle, nil, nil, nil, w.claims)
	split := container.NewHSplit(w.view, side)
	split.Offset = 0.7
	top := container.NewVBox(container.NewHScroll(filters), w.summary, w.busy)
	return container.NewBorder(top, w.note, nil, nil, split)
}

// fillChoices sets the choices of the label and outlet filters from the
// codebook and the articles, keeping what is chosen.
func (w *whoSaidWindow) fillChoices() {
	labels := []string{allLabels}
	for _, l := range w.u.s.Labels().Labels {
		switch l.Kind {
		case annotation.KindClaim, annotation.KindSource, annotation.KindEntity:
			labels = append(labels, l.Name)
		}
	}
	outlets := []string{allOutlets}
	for _, d := range w.u.s.Documents() {
		if o := strings.TrimSpace(d.Outlet); o != "" && !slices.Contains(outlets, o) {
			outlets = append(outlets, o)
		}
	}
	slices.Sort(outlets[1:])
	for _, c := range []struct {
		sel     *widget.Select
		options []string
	}{{w.label, labels}, {w.outlet, outlets}} {
		c.sel.Options = c.options
		if !slices.Contains(c.options, c.sel.Selected) {
			c.sel.Selected = c.options[0]
		}
		c.sel.Refresh()
	}
}

// filters reads the filters, or says in a sentence what is wrong.
func (w *whoSaidWindow) filters() (whosaid.Options, error) {
	var o whosaid.Options
	if l := w.label.Selected; l != "" && l != allLabels {
		o.Labels = []string{l}
	}
	if s := w.outlet.Selected; s != "" && s != allOutlets {
		o.Outlets = []string{s}
	}
	for _, d := range []struct {
		e    *widget.Entry
		to   *string
		what string
	}{{w.from, &o.From, "first"}, {w.to, &o.To, "last"}} {
		s := strings.TrimSpace(d.e.Text)
		if s == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return o, fmt.Errorf("%q is not a date: write the %s day as YYYY-MM-DD (2026-03-14), or leave it empty", s, d.what)
		}
		*d.to = s
	}
	if o.From != "" && o.To != "" && o.From > o.To {
		return o, fmt.Errorf("the first day (%s) is after the last (%s): swap them", o.From, o.To)
	}
	if s := strings.TrimSpace(w.min.Text); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return o, fmt.Errorf("%q is not a count: write a whole number, 1 to keep every node", s)
		}
		o.MinCount = n
	}
	return o, nil
}

// compute builds the graph again on a goroutine, lays it out from the
// places of the graph shown, and shows it when it is done (side.end):
// one run at a time, the filters read when it starts.
func (w *whoSaidWindow) compute() {
	if w.view == nil {
		return // the filters are being built
	}
	opts, err := w.filters()
	if err != nil {
		w.note.SetText(err.Error() + ".")
		return
	}
	w.fillChoices()
	if !w.begin() {
		return // when the run going on ends, with the filters then set
	}
	st, labels, entities := w.st, w.u.s.Labels(), slices.Clone(w.u.s.Entities())
	layer, one := w.u.s.View().Layer()
	project := strings.TrimSuffix(filepath.Base(st.Path()), filepath.Ext(st.Path()))
	// After an edit the layout starts from the places shown, so that the
	// drawing keeps its shape; other filters make another graph, laid out
	// afresh.
	start := map[string]whosaid.Point{}
	if fmt.Sprint(opts) == fmt.Sprint(w.opts) {
		for i, n := range w.graph.Nodes {
			start[n.ID] = w.pts[i]
		}
	}
	w.summary.SetText(fmt.Sprintf("Computing the graph of %s…", annotation.Plural(len(w.u.s.Documents()), "article")))
	w.u.background(func() {
		began := time.Now()
		b := whosaid.NewBuilder(opts)
		b.Begin(project, labels, entities)
		each := stats.Each(st.EachAnnotated)
		if one {
			each = stats.OnlyLayer(each, layer) // the layer the main window shows
		}
		err := each(func(bd annotation.Bundle) error {
			b.Add(bd)
			return nil
		})
		full := b.Graph()
		g := full.Top(maxNodesShown, maxEdgesShown)
		pts := whosaid.Layout(g, whosaid.LayoutOptions{Seed: 1, Start: start})
		took := time.Since(began)
		fyne.Do(func() {
			w.end(err, "The graph", "Apply", func() {
				w.full = full
				w.shown(g, pts, opts, took, layer, one)
			})
		})
	})
}

// shown shows graph g at points pts, computed with opts in took.
func (w *whoSaidWindow) shown(g whosaid.Graph, pts []whosaid.Point, opts whosaid.Options, took time.Duration, layer string, one bool) {
	selectedID := ""
	if i := w.view.Selected(); i >= 0 && i < len(w.graph.Nodes) {
		selectedID = w.graph.Nodes[i].ID
	}
	w.graph, w.pts, w.opts = g, pts, opts
	maxCount := 0
	for _, n := range g.Nodes {
		maxCount = max(maxCount, n.Count)
	}
	nodes := make([]widgets.GraphNode, len(g.Nodes))
	for i, n := range g.Nodes {
		nodes[i] = widgets.GraphNode{X: float32(pts[i].X), Y: float32(pts[i].Y), Radius: float32(whosaid.Radius(n.Count, maxCount)),
			Colour: whosaid.KindColour(n.Kind), Label: whosaid.ShortLabel(n.Label)}
	}
	edges := make([]widgets.GraphEdge, 0, g.NumEdges())
	for _, e := range g.Edges() {
		if !g.Has(e) {
			continue
		}
		c := whosaid.CoOccurrenceColour
		c.A = 0x50
		if e.Directed() {
			c = whosaid.QuotedColour
			c.A = 0xb0
		}
		edges = append(edges, widgets.GraphEdge{From: int(e.From), To: int(e.To), Colour: color.Color(c), Width: float32(whosaid.EdgeWidth(e.Weight)) * 0.8})
	}
	w.view.SetGraph(nodes, edges)
	shows := "every layer"
	if one {
		shows = annotation.LayerPhrase(layer)
	}
	drawn := fmt.Sprintf("%s and %s", annotation.Plural(len(g.Nodes), "node"), annotation.Plural(g.NumEdges(), "edge"))
	switch {
	case len(g.Nodes) < len(w.full.Nodes):
		drawn = fmt.Sprintf("the %d biggest of %s, %d of the %s between them (raise the minimum count to see fewer)",
			len(g.Nodes), annotation.Plural(len(w.full.Nodes), "node"), g.NumEdges(), annotation.Plural(w.full.NumEdges(), "edge"))
	case g.NumEdges() < w.full.NumEdges():
		drawn = fmt.Sprintf("%s, %d of their %s (the heaviest)", annotation.Plural(len(g.Nodes), "node"), g.NumEdges(), annotation.Plural(w.full.NumEdges(), "edge"))
	}
	w.summary.SetText(fmt.Sprintf("%s from %s · computed in %s · %s, as the main window shows · blue: registry entities, orange: sources, green: other mentions; red lines: quoted about, grey: in one article",
		drawn, annotation.Plural(g.Articles, "article"), duration(took), shows))
	if len(g.Nodes) == 0 {
		w.note.SetText("No sources or entities pass the filters: tag claims and link them to who said them (said_by) and what they are about, or loosen the filters.")
	} else {
		w.note.SetText("Drag to pan, scroll or + and - to zoom, 0 to fit; click a circle to list its claims.")
	}
	if i := slices.IndexFunc(g.Nodes, func(n whosaid.Node) bool { return n.ID == selectedID }); i >= 0 && selectedID != "" {
		w.view.SetSelected(i)
		w.nodeTapped(i)
	} else {
		w.rows = nil
		w.nodeTitle.SetText("Click a circle to list its claims.")
		w.claims.Refresh()
	}
}

// maxClaims bounds the side list: a node quoted 10,000 times lists its
// first claims.
const maxClaims = 2000

// nodeTapped lists the claims of node i (said by it or about it), read
// on a goroutine from the articles its references name.
func (w *whoSaidWindow) nodeTapped(i int) {
	if i < 0 || i >= len(w.graph.Nodes) {
		return
	}
	n := w.graph.Nodes[i]
	var refs []whosaid.Ref
	for _, r := range w.graph.Refs(i) {
		if r.Role == whosaid.RoleQuoted || r.Role == whosaid.RoleAbout {
			refs = append(refs, r)
		}
	}
	w.nodeTitle.SetText(fmt.Sprintf("%s (%s): quoted %d times, mentioned %d times. Its claims, said by it or about it; click one to open it:",
		n.Label, n.Kind, n.Quoted, n.Mentioned))
	w.listing++
	run := w.listing
	refs = refs[:min(len(refs), maxClaims)]
	want := map[uint64]map[uint64]bool{}
	for _, r := range refs {
		if want[r.Doc] == nil {
			want[r.Doc] = map[uint64]bool{}
		}
		want[r.Doc][r.Annotation] = true
	}
	st := w.st
	titles := map[uint64]string{}
	for _, d := range w.u.s.Documents() {
		if want[d.ID] != nil {
			titles[d.ID] = d.Title
		}
	}
	w.u.background(func() {
		// Only the articles the claims are in are read, not the project.
		type found struct{ quote, title string }
		got := map[[2]uint64]found{}
		var err error
		for doc, ids := range want {
			anns, e := st.Annotations(doc)
			if e != nil {
				err = e
				continue
			}
			for _, a := range anns {
				if ids[a.ID] {
					got[[2]uint64{doc, a.ID}] = found{a.Quote(), titles[doc]}
				}
			}
		}
		rows := make([]claimRow, 0, len(refs))
		for _, r := range refs {
			if f, ok := got[[2]uint64{r.Doc, r.Annotation}]; ok {
				rows = append(rows, claimRow{doc: r.Doc, id: r.Annotation, role: r.Role, quote: f.quote, title: f.title})
			}
		}
		fyne.Do(func() {
			if run != w.listing || w.closed {
				return
			}
			if err != nil {
				w.note.SetText("The claims could not be read: " + err.Error() + ". Click the circle again.")
			}
			w.rows = rows
			w.claims.Refresh()
			w.claims.ScrollToTop()
		})
	})
}

// text is the row as the list shows it.
func (r claimRow) text() string {
	role := "said"
	if r.role == whosaid.RoleAbout {
		role = "about"
	}
	return fmt.Sprintf("%s: %s — %s", role, quoted(r.quote, 80), r.title)
}

// openClaim opens the claim's article in the main window and selects it.
func (w *whoSaidWindow) openClaim(r claimRow) {
	u := w.u
	if u.dialogOpen() {
		u.setStatus("Close the dialog in the main window first, then pick the claim again.")
		return
	}
	if r.doc != u.s.DocID() && !u.panel.flush() {
		return
	}
	if r.doc != u.s.DocID() && !u.openDocument(r.doc) {
		return
	}
	if u.s.Annotation(r.id) == nil {
		w.note.SetText("This claim is no longer in the article (deleted or in another layer); the graph will catch up in a moment.")
		return
	}
	u.selectAnnotation(r.id)
	u.win.RequestFocus()
}

// exportDialog asks where to write the graph shown, in format (svg,
// graphml or dot), and writes it whole (durable.WriteFile).
func (w *whoSaidWindow) exportDialog(format string) {
	if w.graph.Articles == 0 && len(w.graph.Nodes) == 0 {
		w.note.SetText("Nothing to export yet: wait for the graph to be computed, or loosen the filters.")
		return
	}
	// The SVG is the drawing; GraphML and DOT, read by programs that lay
	// out graphs of their own, the whole graph.
	g, pts := w.graph, w.pts
	if format != "svg" {
		g = w.full
	}
	write := map[string]func(io.Writer) error{
		"svg":     func(out io.Writer) error { return whosaid.WriteSVG(out, g, pts) },
		"graphml": func(out io.Writer) error { return whosaid.WriteGraphML(out, g) },
		"dot":     func(out io.Writer) error { return whosaid.WriteDOT(out, g) },
	}[format]
	name := map[string]string{"svg": "SVG", "graphml": "GraphML", "dot": "DOT"}[format]
	w.u.choosePathIn(w.win, "Export the graph as "+name, "Export",
		freeName(w.u.startFolder(), "who-said-what", "."+format), pathMayReplace,
		func(path string) {
			if err := durable.WriteFile(path, 0o644, write); err != nil {
				w.note.SetText("Nothing was written to " + path + ": " + err.Error() + ". Choose a folder you can write to, with free space, and export again.")
				return
			}
			w.note.SetText(fmt.Sprintf("Exported the graph (%s, %s, the filters set) as %s to %s.",
				annotation.Plural(len(g.Nodes), "node"), annotation.Plural(g.NumEdges(), "edge"), name, path))
		})
}
