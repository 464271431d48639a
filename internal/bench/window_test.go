package bench

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"glossa/annotation"
	"glossa/app"
	"glossa/internal/benchkit"
	"glossa/storage"
	"glossa/widgets"
)

// findArticle returns the article view inside o.
func findArticle(o fyne.CanvasObject) *widgets.ArticleView {
	if v, ok := o.(*widgets.ArticleView); ok {
		return v
	}
	if c, ok := o.(*fyne.Container); ok {
		for _, child := range c.Objects {
			if v := findArticle(child); v != nil {
				return v
			}
		}
	}
	if w, ok := o.(fyne.Widget); ok {
		r := test.WidgetRenderer(w)
		for _, child := range r.Objects() {
			if v := findArticle(child); v != nil {
				return v
			}
		}
	}
	return nil
}

// liveHeap returns the bytes of live heap objects after a collection.
func liveHeap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// BenchmarkTagInWindow is one tag as a person makes it in Glossa's window
// (select words, press 3), on the 1 MB article with 3,000 annotations, with
// a real project file: the store's durable edit plus everything the window
// redraws. Its floor is BenchmarkFsyncBaseline (storage); BenchmarkEditLarge
// is the store's part.
//
// It runs only with GLOSSA_BENCH_WINDOW=1: fyne/test runs fyne.DoAndWait on
// the calling goroutine, so the view's background layout refinement can
// race with the benchmark's own calls (the real driver serialises them on
// the main goroutine). scripts/bench-process.sh measures the real window.
func BenchmarkTagInWindow(b *testing.B) {
	if os.Getenv("GLOSSA_BENCH_WINDOW") != "1" {
		b.Skip("set GLOSSA_BENCH_WINDOW=1 to run it")
	}
	a := test.NewTempApp(b)
	st, err := storage.Open(filepath.Join(b.TempDir(), "window.glossa"), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	bu := LargeBundle(3000)
	if _, err := st.ImportBundles([]annotation.Bundle{bu}, storage.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	u := app.New(a, app.Project{Store: st}, app.Config{})
	w := u.Window()
	w.Resize(fyne.NewSize(1280, 800))
	w.Show()
	defer w.Close()
	v := findArticle(w.Content())
	if v == nil {
		b.Fatal("no article view in the window")
	}
	// The view refines its layout in the background through fyne.DoAndWait,
	// which the test driver runs on the calling goroutine: let it finish
	// before typing, as a person would look before tagging.
	time.Sleep(5 * time.Second)
	ws := wordBounds(bu.Document.Text)
	typed := w.Canvas().OnTypedRune()
	times := make([]time.Duration, 0, b.N)
	live0 := liveHeap()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := (i * 37) % (len(ws) - 4)
		v.SetSelection(ws[k][0], ws[k+3][1])
		t0 := time.Now()
		typed('3')
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	benchkit.ReportPercentiles(b, times, "")
	b.ReportMetric(float64(liveHeap()-live0)/1e6/float64(b.N)*1000, "live-heap-KB/op")
	if n, err := st.Annotations(1); err != nil || len(n) < 3000+b.N {
		b.Fatalf("got %d annotations (%v); want %d", len(n), err, 3000+b.N)
	}
}
