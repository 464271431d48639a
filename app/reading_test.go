package app

import (
	"testing"

	"fyne.io/fyne/v2"

	"glossa/widgets"
)

// The reading settings start at the widget's defaults, change the article
// view as they are chosen in View > Reading settings…, and are kept in the
// preferences: a window opened after shows the article with them.
func TestReadingSettingsPersist(t *testing.T) {
	u, st := newTestUI(t)
	if got := u.article.LineSpacing(); got != widgets.DefaultLineSpacing {
		t.Errorf("line spacing at first got %v; want %v", got, widgets.DefaultLineSpacing)
	}
	if got := u.article.Measure(); got != widgets.DefaultMeasure {
		t.Errorf("measure at first got %d; want %d", got, widgets.DefaultMeasure)
	}

	u.showReadingSettings()
	var selects []*dialogSelect
	walk(t, topOverlay(t, u), func(o fyne.CanvasObject) {
		if s, ok := o.(*dialogSelect); ok {
			selects = append(selects, s)
		}
	})
	if len(selects) != 3 {
		t.Fatalf("%d choices in Reading settings; want 3 (text size, line spacing, line length)", len(selects))
	}
	selects[0].SetSelected("125%")
	selects[1].SetSelected("2 (double)")
	selects[2].SetSelected("60 characters")
	want := reading{zoom: 1.25, spacing: 2, measure: 60}
	got := reading{u.article.Zoom(), u.article.LineSpacing(), u.article.Measure()}
	if got != want {
		t.Errorf("article view after choosing got %+v; want %+v", got, want)
	}
	selects[2].TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.dialogOpen() {
		t.Error("Escape on a focused choice left Reading settings open")
	}

	again := New(u.app, Project{Store: st}, Config{Version: "test"})
	settle()
	got = reading{again.article.Zoom(), again.article.LineSpacing(), again.article.Measure()}
	if got != want {
		t.Errorf("article view of a window opened after got %+v; want %+v (the preferences kept)", got, want)
	}

	// Zoom in keeps the other two.
	again.zoom(1 / 1.25)
	got = reading{again.article.Zoom(), again.article.LineSpacing(), again.article.Measure()}
	if want := (reading{1, 2, 60}); got != want {
		t.Errorf("after zooming out got %+v; want %+v", got, want)
	}
}
