package app

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// matchRects counts the find matches the article draws: its visible
// rectangles in the theme's warning colour.
func matchRects(t *testing.T, u *UI) int {
	t.Helper()
	th := u.article.Theme()
	w := color.NRGBAModel.Convert(th.Color(theme.ColorNameWarning, fyne.CurrentApp().Settings().ThemeVariant())).(color.NRGBA)
	n := 0
	walk(t, u.article, func(o fyne.CanvasObject) {
		r, ok := o.(*canvas.Rectangle)
		if !ok || !r.Visible() || r.FillColor == nil {
			return
		}
		c := color.NRGBAModel.Convert(r.FillColor).(color.NRGBA)
		if c.R == w.R && c.G == w.G && c.B == w.B && c.A != 0 {
			n++
		}
	})
	return n
}

// typeInFind types s into the find entry as the user would.
func typeInFind(u *UI, s string) {
	u.win.Canvas().Focus(u.find.entry)
	test.Type(u.find.entry, s)
}

// key sends a typed key to the focused widget, as the driver does.
func key(t *testing.T, u *UI, name fyne.KeyName) {
	t.Helper()
	f := u.win.Canvas().Focused()
	if f == nil {
		t.Fatalf("nothing has the focus for %s", name)
	}
	f.TypedKey(&fyne.KeyEvent{Name: name})
}

func TestClosingFindClearsItsHighlights(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Show()
	u.find.open()
	typeInFind(u, "the plan")
	if got := matchRects(t, u); got != 3 {
		t.Fatalf("%d matches drawn while finding, want 3", got)
	}
	u.find.close()
	if u.find.box.Visible() || len(u.find.matches) != 0 || u.find.count.Text != "" {
		t.Errorf("after close: visible %v, %d matches, count %q; want hidden, none, empty", u.find.box.Visible(), len(u.find.matches), u.find.count.Text)
	}
	if got := matchRects(t, u); got != 0 {
		t.Errorf("%d matches still drawn after closing the find bar, want 0", got)
	}
	if u.win.Canvas().Focused() != u.article {
		t.Errorf("focus after close = %T, want the article", u.win.Canvas().Focused())
	}
}

func TestFindEntryKeys(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Show()
	u.find.open()
	typeInFind(u, "the plan")
	if u.find.current != 0 {
		t.Fatalf("current = %d after typing, want 0", u.find.current)
	}
	if strings.Contains(u.status, "label key (1") || !strings.Contains(u.status, "F3") || !strings.Contains(u.status, "Escape") {
		t.Errorf("status with the find entry focused = %q; want the find keys, not the label keys", u.status)
	}

	key(t, u, fyne.KeyF3)
	if u.find.current != 1 {
		t.Errorf("current after F3 = %d, want 1", u.find.current)
	}
	if s, _, _ := u.article.Selection(); s != u.find.matches[1].Start {
		t.Errorf("selection after F3 at %d, want the second match at %d", s, u.find.matches[1].Start)
	}
	if !strings.Contains(u.status, "Match 2 of 3") {
		t.Errorf("status after F3 = %q, want Match 2 of 3 and the keys", u.status)
	}

	// Shift+F3 arrives as Shift down, then a typed F3.
	e := u.find.entry
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	key(t, u, fyne.KeyF3)
	key(t, u, fyne.KeyF3)
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if u.find.current != 2 {
		t.Errorf("current after Shift+F3 twice from 1 = %d, want 2 (wrapping)", u.find.current)
	}
	key(t, u, fyne.KeyF3)
	if u.find.current != 0 {
		t.Errorf("current after F3 with Shift released = %d, want 0", u.find.current)
	}
	if e.Text != "the plan" {
		t.Errorf("find text = %q; F3 must not type", e.Text)
	}

	first := u.find.matches[0]
	key(t, u, fyne.KeyEscape)
	if u.find.box.Visible() {
		t.Error("Escape in the find entry left the bar open")
	}
	if got := matchRects(t, u); got != 0 {
		t.Errorf("%d matches drawn after Escape, want 0", got)
	}
	if s, _, text := u.article.Selection(); s != first.Start || !strings.EqualFold(text, "the plan") {
		t.Errorf("selection after Escape = %q at %d, want the first match kept", text, s)
	}
	if !strings.Contains(u.status, "label key") {
		t.Errorf("status after Escape = %q, want it to say a label key tags the match", u.status)
	}
}
