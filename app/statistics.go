package app

import (
	"fmt"
	"image"
	"io"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
	"glossa/internal/durable"
	"glossa/stats"
	"glossa/stats/charts"
)

// View > Statistics… (issue 22): the corpus's statistics (package stats)
// drawn as charts (package stats/charts) in a window of its own, beside
// the main one: a list of the charts, the chosen one drawn at the
// window's size in the theme's colours, and Export PNG…, SVG… and CSV…
// under it. It is computed on a goroutine from the store's bundles, so
// the window never waits; an edit computes it again a moment later
// (statisticsStale), one run at a time, the newest result shown.

// statsDelay is how long after an edit the statistics are computed again:
// a burst of edits (typing a note, tagging several) makes one run.
const statsDelay = 400 * time.Millisecond

// statsDPI is the resolution a chart is drawn at in the window, at a
// canvas scale of 1: its 9.5-point figures then come out about as large
// as the window's own small text (96 left them smaller than the list's).
const statsDPI = 110

// statsLayerAll, statsLayerCurated are the layer chooser's first entries,
// as the main window's layer choice names them; the annotators' layers
// follow by name (choiceNoAnnotator the unnamed one).
const (
	statsLayerAll     = choiceAllLayers
	statsLayerCurated = choiceCurated
)

// statisticsWindow is the Statistics window while it is open.
type statisticsWindow struct {
	side
	u      *UI
	st     Store // the project it was computed for
	report stats.Report
	charts []charts.Chart
	chosen int // the chart shown, an index into charts

	layer   *widget.Select
	list    *widget.List
	image   *canvas.Raster
	exports []*widget.Button

	// drawn is the last image drawn, and what it was drawn of, so that a
	// redraw at the same size and colours costs nothing.
	drawn    image.Image
	drawnKey drawKey
	// drawing: a chart is being drawn on a goroutine; want is the chart
	// last asked for, drawn as wantKey says.
	drawing bool
	want    charts.Chart
	wantKey drawKey
}

// drawKey is what a chart's image depends on.
type drawKey struct {
	run, chart, w, h, dpi int
	style                 charts.Style
}

// showStatistics opens the Statistics window, or brings it forward and
// computes it again.
func (u *UI) showStatistics() {
	if w := u.stats; w != nil {
		w.win.RequestFocus()
		w.compute()
		return
	}
	u.panel.flush()
	w := &statisticsWindow{u: u, st: u.st}
	w.init(u, "Statistics", fyne.NewSize(1100, 700), w.compute, func() { u.stats = nil })
	w.win.SetContent(w.build())
	u.stats = w
	w.win.Show()
	w.compute()
}

// statisticsStale computes the open Statistics window again a moment
// from now (corpusChanged); nothing while the window is closed.
func (u *UI) statisticsStale() {
	if w := u.stats; w != nil {
		w.later(statsDelay)
	}
}

func (w *statisticsWindow) build() fyne.CanvasObject {
	w.refresh = widget.NewButtonWithIcon("Refresh", theme.ViewRefreshIcon(), w.compute)
	w.layer = widget.NewSelect(w.layerOptions(), func(string) { w.compute() })
	w.layer.Selected = statsLayerAll // set without computing: show computes once
	if w.u.layers.curated {
		w.layer.Selected = statsLayerCurated
	}

	w.list = widget.NewList(
		func() int { return len(w.charts) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(w.charts) {
				setText(o.(*widget.Label), w.charts[i].Title)
			}
		})
	w.list.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(w.charts) && i != w.chosen {
			w.chosen = i
			w.image.Refresh()
		}
	}
	w.image = canvas.NewRaster(w.draw)
	w.image.ScaleMode = canvas.ImageScaleSmooth // an image of the last size stretched while the new one is drawn

	for _, f := range []struct {
		name  string
		write func(charts.Chart, io.Writer) error
	}{
		{"PNG", func(c charts.Chart, out io.Writer) error { return c.WritePNG(out, charts.Light()) }},
		{"SVG", func(c charts.Chart, out io.Writer) error { return c.WriteSVG(out, charts.Light()) }},
		{"CSV", func(c charts.Chart, out io.Writer) error { return c.WriteCSV(out) }},
	} {
		b := widget.NewButtonWithIcon("Export "+f.name+"…", theme.DocumentSaveIcon(), func() { w.exportDialog(f.name, f.write) })
		w.exports = append(w.exports, b)
	}
	hint := widget.NewLabel("Exports are drawn black on white, 7 × 4.5 in.")
	exportBar := container.NewHBox(hint, w.exports[0], w.exports[1], w.exports[2])

	top := container.NewBorder(nil, w.busy, nil,
		container.NewHBox(widget.NewLabel("Layer:"), w.layer, w.refresh), w.summary)
	chart := container.NewBorder(nil, container.NewBorder(nil, nil, nil, exportBar), nil, nil, w.image)
	split := container.NewHSplit(w.list, chart)
	split.Offset = 0.24
	return container.NewBorder(top, w.note, nil, nil, split)
}

// layerOptions are the layer chooser's entries: all layers, the curated
// layer when it holds annotations, then every annotator's.
func (w *statisticsWindow) layerOptions() []string {
	opts := []string{statsLayerAll}
	if w.u.layers.curated {
		opts = append(opts, statsLayerCurated)
	}
	for _, n := range w.u.layers.names {
		switch n {
		case statsLayerAll, statsLayerCurated:
		case "":
			opts = append(opts, choiceNoAnnotator)
		default:
			opts = append(opts, n)
		}
	}
	return opts
}

// each is the store's bundles of the layer chosen.
func (w *statisticsWindow) each() stats.Each {
	each := stats.Each(w.st.EachAnnotated) // no text: the statistics read none
	switch l := w.layer.Selected; l {
	case statsLayerAll, "":
		return each
	case statsLayerCurated:
		return stats.OnlyLayer(each, annotation.CuratedLayer)
	case choiceNoAnnotator:
		return stats.OnlyLayer(each, "")
	default:
		return stats.OnlyLayer(each, l)
	}
}

// compute computes the statistics again on a goroutine and shows them
// when done (side.end: one run at a time, the newest result shown,
// nothing once the window closed).
func (w *statisticsWindow) compute() {
	if !w.begin() {
		return // when the run going on ends
	}
	w.layer.Options = w.layerOptions() // an annotator may have come
	each, labels, entities := w.each(), w.u.s.Labels(), slices.Clone(w.u.s.Entities())
	layer := w.layer.Selected
	if len(w.charts) == 0 {
		w.summary.SetText(fmt.Sprintf("Computing the statistics of %s…", annotation.Plural(len(w.u.s.Documents()), "article")))
	}
	w.u.background(func() {
		start := time.Now()
		r, err := stats.Compute(each, labels, entities)
		var cs []charts.Chart
		if err == nil {
			cs = charts.From(r, labels, charts.Options{})
		}
		took := time.Since(start)
		fyne.Do(func() {
			w.end(err, "The statistics", "Refresh", func() { w.shown(r, cs, layer, took) })
		})
	})
}

// shown shows report r as charts cs, computed over layer in took; the
// chart chosen stays chosen.
func (w *statisticsWindow) shown(r stats.Report, cs []charts.Chart, layer string, took time.Duration) {
	id := ""
	if w.chosen < len(w.charts) {
		id = w.charts[w.chosen].ID
	}
	w.report, w.charts = r, cs
	w.chosen = max(0, slices.IndexFunc(cs, func(c charts.Chart) bool { return c.ID == id }))
	w.summary.SetText(fmt.Sprintf("%s, %s (%s) · computed in %s",
		annotation.Plural(r.Documents, "article"), annotation.Plural(r.Annotations, "annotation"), layerName(layer), duration(took)))
	w.list.Refresh()
	w.list.Select(w.chosen)
	w.image.Refresh()
}

// layerName is the layer chooser's entry in a sentence.
func layerName(layer string) string {
	switch layer {
	case statsLayerAll:
		return "all layers"
	case statsLayerCurated:
		return annotation.LayerPhrase(annotation.CuratedLayer)
	case choiceNoAnnotator:
		return annotation.LayerPhrase("")
	}
	return annotation.LayerPhrase(layer)
}

// draw is the raster's generator: the chosen chart w by h pixels in the
// theme's colours, at statsDPI times the canvas scale. Drawing a chart
// takes up to a quarter of a second at full screen, too long for the
// window's thread: draw returns the last image drawn (the raster stretches
// it) and has the one asked for drawn on a goroutine, which refreshes the
// raster when done. One drawing at a time; the last size asked for is
// drawn next.
func (w *statisticsWindow) draw(wPx, hPx int) image.Image {
	style := w.style()
	scale := w.win.Canvas().Scale()
	key := drawKey{run: w.runs.started, chart: w.chosen, w: wPx, h: hPx, dpi: int(statsDPI*scale + 0.5), style: style}
	if w.drawn != nil && key == w.drawnKey {
		return w.drawn
	}
	if w.chosen < len(w.charts) {
		w.wantKey, w.want = key, w.charts[w.chosen]
		w.drawSoon()
	}
	if w.drawn == nil {
		return image.NewUniform(style.Background)
	}
	return w.drawn
}

// drawSoon draws the chart last asked for on a goroutine, unless one is
// being drawn (it is drawn after that one).
func (w *statisticsWindow) drawSoon() {
	if w.drawing {
		return
	}
	w.drawing = true
	key, c := w.wantKey, w.want
	w.u.background(func() {
		img := c.Image(key.style, key.w, key.h, key.dpi)
		fyne.Do(func() {
			w.drawing = false
			w.drawn, w.drawnKey = img, key
			if w.wantKey != key {
				w.drawSoon()
			}
			w.image.Refresh()
		})
	})
}

// style is the current theme's colours for a chart.
func (w *statisticsWindow) style() charts.Style {
	s := w.u.app.Settings()
	th, v := s.Theme(), s.ThemeVariant()
	return charts.Style{
		Foreground: th.Color(theme.ColorNameForeground, v),
		Background: th.Color(theme.ColorNameBackground, v),
		Grid:       th.Color(theme.ColorNameSeparator, v),
		Bar:        th.Color(theme.ColorNamePrimary, v),
	}
}

// exportDialog asks where to write the chosen chart as format (PNG, SVG
// or CSV, written by write) and writes it whole (durable.WriteFile: a
// file there already is replaced only by a complete one).
func (w *statisticsWindow) exportDialog(format string, write func(charts.Chart, io.Writer) error) {
	if w.chosen >= len(w.charts) {
		w.note.SetText("Nothing to export yet: wait for the statistics to be computed.")
		return
	}
	c := w.charts[w.chosen]
	ext := "." + map[string]string{"PNG": "png", "SVG": "svg", "CSV": "csv"}[format]
	w.u.choosePathIn(w.win, "Export “"+c.Title+"” as "+format, "Export",
		freeName(w.u.startFolder(), "glossa-"+c.ID, ext), pathMayReplace,
		func(path string) {
			err := durable.WriteFile(path, 0o644, func(out io.Writer) error { return write(c, out) })
			if err != nil {
				w.note.SetText("Nothing was written to " + path + ": " + err.Error() + ". Choose a folder you can write to, with free space, and export again.")
				return
			}
			w.note.SetText(fmt.Sprintf("Exported “%s” as %s to %s.", c.Title, format, path))
		})
}
