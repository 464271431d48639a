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

// oneRun keeps a side window's computations one at a time: a run asked
// for while another computes starts when that one ends. A result shown is
// so always newer than the one it replaces, and a burst of asks (edits, a
// filter changed twice) costs the run going on and one more, never a run
// each side by side. started counts the runs started.
type oneRun struct {
	running, again bool
	started        int
}

// start reports whether a run may start now and counts it; when one is
// running it says no, and finish will say to start again.
func (r *oneRun) start() bool {
	if r.running {
		r.again = true
		return false
	}
	r.running = true
	r.started++
	return true
}

// finish ends the run going on and reports whether another was asked for
// meanwhile (the caller starts it).
func (r *oneRun) finish() (again bool) {
	r.running = false
	again, r.again = r.again, false
	return again
}
