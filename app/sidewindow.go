package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// side is what each window beside the main one (Project > Agreement…,
// View > Statistics…, View > Who said what…) keeps of itself and does the
// same way: its window, titled with the open project's path, which Escape
// closes when no dialog is over it; whether it is closed yet (by hand, or
// because another project opened); the summary and note lines and the busy
// bar; and its computations, one at a time, with the one an edit asked
// for waiting (soon). A window embeds it, calls init before building, and
// in its compute brackets the run with begin and end.
type side struct {
	win     fyne.Window
	closed  bool
	summary *widget.Label // what is shown, or what is being computed
	note    *widget.Label // what the window did last (an export) or why it could not
	busy    *widget.ProgressBarInfinite
	refresh *widget.Button // disabled while a run computes (nil: none)
	compute func()         // the window's own: begin, a goroutine, end
	forget  func()         // the UI drops the window (once, when it closes)
	runs    oneRun
	soon    debounce
}

// init makes the window and the status widgets; compute is the window's
// computation, forget what the UI does when the window closes.
func (s *side) init(u *UI, title string, size fyne.Size, compute, forget func()) {
	s.compute, s.forget = compute, forget
	s.summary = widget.NewLabel("")
	s.summary.Truncation = fyne.TextTruncateEllipsis
	s.note = widget.NewLabel("")
	s.note.Truncation = fyne.TextTruncateEllipsis
	s.busy = widget.NewProgressBarInfinite()
	s.busy.Hide()
	s.win = u.app.NewWindow(title + " — " + u.st.Path())
	s.win.Resize(size)
	s.win.SetOnClosed(s.shut)
	s.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape && s.win.Canvas().Overlays().Top() == nil {
			s.win.Close()
		}
	})
}

// shut marks the window closed, drops the run waiting and tells the UI,
// once, however it closed.
func (s *side) shut() {
	if s.closed {
		return
	}
	s.closed = true
	s.soon.stop()
	s.forget()
}

// close closes the window (another project opened).
func (s *side) close() {
	s.shut()
	s.win.Close()
}

// closeSideWindows closes the windows beside the main one: they show the
// project that was open.
func (u *UI) closeSideWindows() {
	if u.agree != nil {
		u.agree.close()
	}
	if u.stats != nil {
		u.stats.close()
	}
	if u.whoSaid != nil {
		u.whoSaid.close()
	}
}

// later computes again d from now, unless asked again before (a burst of
// edits costs one run, when the edits pause) or closed meanwhile.
func (s *side) later(d time.Duration) {
	s.soon.after(d, func() {
		if !s.closed {
			s.compute()
		}
	})
}

// begin starts a run: the busy bar shows and Refresh waits. It reports
// false when a run is going on; that one starts another when it ends.
func (s *side) begin() bool {
	if !s.runs.start() {
		return false
	}
	s.busy.Show()
	s.busy.Start()
	if s.refresh != nil {
		s.refresh.Disable()
	}
	return true
}

// end ends a run, on the window's goroutine, unless the window closed
// meanwhile: show shows its result, or the summary and the note say what
// could not be computed (what) and what to press to try again; then the
// run asked for meanwhile starts, if any. A result shown is so always newer
// than the one it replaces, and one shows even while edits keep coming.
func (s *side) end(err error, what, retry string, show func()) {
	if s.closed {
		return
	}
	again := s.runs.finish()
	if err != nil {
		s.summary.SetText(what + " could not be computed.")
		s.note.SetText(err.Error() + ". Press " + retry + " to try again; if it fails again, check the project file (glossa check) or open a backup.")
	} else {
		show()
	}
	s.busy.Stop()
	s.busy.Hide()
	if s.refresh != nil {
		s.refresh.Enable()
	}
	if again {
		s.compute() // shows the bar again, unless it starts no run (a filter refused)
	}
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
// for while another computes starts when that one ends. A burst of asks
// (edits, a filter changed twice) costs the run going on and one more,
// never a run each side by side. started counts the runs started.
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
