package app

import (
	"time"

	"fyne.io/fyne/v2"
)

// newSideWindow makes a window of its own beside the main one (Project >
// Agreement…, View > Statistics…, View > Who said what…), titled with the
// open project's path: Escape closes it when no dialog is over it, and
// closing it, by hand or because another project opened, calls closed.
// The agreement, statistics and graph windows each wrote this again.
func (u *UI) newSideWindow(title string, size fyne.Size, closed func()) fyne.Window {
	win := u.app.NewWindow(title + " — " + u.st.Path())
	win.Resize(size)
	win.SetOnClosed(closed)
	win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape && win.Canvas().Overlays().Top() == nil {
			win.Close()
		}
	})
	return win
}

// debounce runs the last function it was given, a while after it was
// given, on the window's goroutine: a burst of edits asks a side window to
// compute again once, when the edits pause.
type debounce struct{ t *time.Timer }

// after runs fn d from now unless after or stop is called before.
func (b *debounce) after(d time.Duration, fn func()) {
	b.stop()
	b.t = time.AfterFunc(d, func() { fyne.Do(fn) })
}

// stop drops the function waiting, if any.
func (b *debounce) stop() {
	if b.t != nil {
		b.t.Stop()
	}
}
