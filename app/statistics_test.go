package app

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/theme"

	"glossa/annotation"
	"glossa/stats"
	"glossa/stats/charts"
)

// newStatisticsUI is newLayersUI with View > Statistics… open and
// computed.
func newStatisticsUI(t *testing.T) (*UI, *fakeStore) {
	t.Helper()
	u, st := newLayersUI(t)
	u.showStatistics()
	until(t, func() bool { return u.stats != nil && !u.stats.runs.running && len(u.stats.charts) > 0 })
	return u, st
}

// wantCharts is what the window should show of st over each.
func wantCharts(t *testing.T, st *fakeStore, each stats.Each) (stats.Report, []charts.Chart) {
	t.Helper()
	r, err := stats.Compute(each, st.labels, st.entities)
	if err != nil {
		t.Fatal(err)
	}
	return r, charts.From(r, st.labels, charts.Options{})
}

// The window computes the statistics of the curated layer (it holds
// annotations) and shows every chart, drawn at the size asked in the
// theme's background; another layer chosen computes that layer's.
func TestStatisticsWindow(t *testing.T) {
	u, st := newStatisticsUI(t)
	w := u.stats
	if got := w.layer.Selected; got != statsLayerCurated {
		t.Errorf("layer %q; want the curated layer", got)
	}
	if got, want := w.layer.Options, []string{statsLayerAll, statsLayerCurated, "ana", "ben", "cy"}; !reflect.DeepEqual(got, want) {
		t.Errorf("layers %q; want %q", got, want)
	}
	_, want := wantCharts(t, st, stats.OnlyLayer(st.EachBundle, annotation.CuratedLayer))
	if !reflect.DeepEqual(w.charts, want) {
		t.Errorf("charts\n%+v\nwant\n%+v", w.charts, want)
	}
	if w.report.Annotations != 1 {
		t.Errorf("%d annotations counted; want the curated claim", w.report.Annotations)
	}
	if s := w.summary.Text; !strings.Contains(s, "1 annotation") || !strings.Contains(s, "the curated layer") {
		t.Errorf("summary %q", s)
	}
	w.draw(400, 300) // drawn on a goroutine
	until(t, func() bool { return w.drawnKey.w == 400 && w.drawnKey.h == 300 && !w.drawing })
	img := w.draw(400, 300)
	if got := img.Bounds().Size(); got.X != 400 || got.Y != 300 {
		t.Errorf("chart drawn %v; want 400x300", got)
	}
	bg := u.app.Settings().Theme().Color(theme.ColorNameBackground, u.app.Settings().ThemeVariant())
	r1, g1, b1, _ := img.At(2, 2).RGBA()
	r2, g2, b2, _ := bg.RGBA()
	if r1 != r2 || g1 != g2 || b1 != b2 {
		t.Errorf("corner %v; want the theme's background %v", img.At(2, 2), bg)
	}

	w.list.Select(1)
	if w.chosen != 1 {
		t.Errorf("chart %d chosen; want 1", w.chosen)
	}
	w.layer.SetSelected("ben")
	until(t, func() bool { return !w.runs.running && w.report.Annotations == 2 })
	_, want = wantCharts(t, st, stats.OnlyLayer(st.EachBundle, "ben"))
	if !reflect.DeepEqual(w.charts, want) {
		t.Errorf("ben's charts\n%+v\nwant\n%+v", w.charts, want)
	}
	if w.chosen != 1 {
		t.Errorf("chart %d chosen after a new result; want 1 still", w.chosen)
	}
}

// Export PNG…, SVG… and CSV… write the chosen chart, drawn black on
// white, and its numbers.
func TestStatisticsExport(t *testing.T) {
	u, _ := newStatisticsUI(t)
	w := u.stats
	w.list.Select(1) // annotations by label
	c := w.charts[1]
	dir := t.TempDir()
	u.app.Preferences().SetString(prefLastFolder, dir)
	var wantCSV, wantSVG bytes.Buffer
	if err := c.WriteCSV(&wantCSV); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteSVG(&wantSVG, charts.Light()); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"by-label.png", "by-label.svg", "by-label.csv"} {
		path := filepath.Join(dir, name)
		w.exports[i].OnTapped()
		submitPathDialog(t, w.win, path)
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v (note %q)", name, err, w.note.Text)
		}
		switch filepath.Ext(name) {
		case ".png":
			img, err := png.Decode(bytes.NewReader(got))
			if err != nil {
				t.Errorf("PNG: %v", err)
			} else if sz := img.Bounds().Size(); sz.X != 7*charts.ExportDPI {
				t.Errorf("PNG %v wide; want %d", sz, 7*charts.ExportDPI)
			}
		case ".svg":
			if !bytes.Equal(got, wantSVG.Bytes()) {
				t.Errorf("SVG\n%s\nwant\n%s", got, wantSVG.Bytes())
			}
		case ".csv":
			if string(got) != wantCSV.String() {
				t.Errorf("CSV\n%s\nwant\n%s", got, wantCSV.String())
			}
		}
		if s := w.note.Text; !strings.Contains(s, "Exported “Annotations by label”") || !strings.Contains(s, path) {
			t.Errorf("note %q", s)
		}
	}
}

// An edit computes the statistics again a moment later; with the window
// closed, nothing is computed.
func TestStatisticsFollowEdits(t *testing.T) {
	u, _ := newStatisticsUI(t)
	w := u.stats
	w.layer.SetSelected(statsLayerAll)
	until(t, func() bool { return !w.runs.running && w.report.Annotations == 5 })
	sel(t, u, "reservoir", 0)
	u.tag(u.s.Labels().Labels[0])
	until(t, func() bool { return !w.runs.running && w.report.Annotations == 6 })
	runs := w.runs.started
	u.closeSideWindows()
	sel(t, u, "June", 0)
	u.tag(u.s.Labels().Labels[1])
	for range 30 {
		settle()
	}
	if w.runs.started != runs || u.stats != nil {
		t.Errorf("%d runs after the window closed; want %d", w.runs.started, runs)
	}
}

// An import changes the corpus outside the session's steps: the open
// window computes again all the same (it missed imports before).
func TestStatisticsFollowImports(t *testing.T) {
	u, st := newStatisticsUI(t)
	w := u.stats
	w.layer.SetSelected(statsLayerAll)
	until(t, func() bool { return !w.runs.running && w.report.Annotations == 5 })
	u.proj.Import = func(_ context.Context, _ []string, _ func(done, total int, msg string)) (string, error) {
		o := annotation.NewOffsets(u.s.Doc().Text)
		s, _ := annotation.NewSpan(o, 0, 5)
		_, err := st.Apply(u.s.DocID(), []annotation.Annotation{{DocID: u.s.DocID(), Label: st.labels.Labels[0].Name, Spans: []annotation.Span{s}}}, nil)
		return "Imported 1 annotation.", err
	}
	u.importPaths([]string{"more.json"})
	until(t, func() bool { return !w.runs.running && w.report.Annotations == 6 })
}

// The unnamed layer (annotations made without an annotator's name) is a
// choice of its own, named as the main window names it, and counts its
// annotations; an empty entry it was before.
func TestStatisticsUnnamedLayer(t *testing.T) {
	u, st := newTestUI(t)
	sel(t, u, "reservoir", 0)
	press(u, "1") // in root's layer
	o := annotation.NewOffsets(u.s.Doc().Text)
	span, _ := annotation.NewSpan(o, 0, 5)
	if _, err := st.Apply(u.s.DocID(), []annotation.Annotation{{Label: "Claim", Spans: []annotation.Span{span}}}, nil); err != nil {
		t.Fatal(err)
	}
	u.reloadDocuments()
	u.layersChanged()
	u.showStatistics()
	w := u.stats
	until(t, func() bool { return w != nil && !w.runs.running && len(w.charts) > 0 })
	if !slices.Contains(w.layer.Options, choiceNoAnnotator) || slices.Contains(w.layer.Options, "") {
		t.Fatalf("layer choices %q; want %q for the unnamed layer, no empty one", w.layer.Options, choiceNoAnnotator)
	}
	w.layer.SetSelected(statsLayerAll)
	until(t, func() bool { return !w.runs.running && w.report.Annotations > 0 })
	w.layer.SetSelected(choiceNoAnnotator)
	until(t, func() bool { return !w.runs.running && w.report.Annotations == 1 })
	if !strings.Contains(w.summary.Text, "the unnamed layer") {
		t.Errorf("summary %q; want it to name the unnamed layer", w.summary.Text)
	}
}
