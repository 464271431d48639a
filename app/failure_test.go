package app

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// walk calls f on o and everything it shows: containers' objects and
// widgets' rendered objects.
func walk(t *testing.T, o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	t.Helper()
	f(o)
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			walk(t, c, f)
		}
	case fyne.Widget:
		for _, c := range test.TempWidgetRenderer(t, w).Objects() {
			walk(t, c, f)
		}
	}
}

// topOverlay returns the window's topmost overlay (dialog, menu), failing
// the test without one.
func topOverlay(t *testing.T, u *UI) fyne.CanvasObject {
	t.Helper()
	o := u.win.Canvas().Overlays().Top()
	if o == nil {
		t.Fatal("no dialog or menu shown")
	}
	return o
}

// overlayText is every label and button text of the top overlay.
func overlayText(t *testing.T, u *UI) string {
	t.Helper()
	return contentText(t, topOverlay(t, u))
}

// tapButton taps the button called text in the top overlay.
func tapButton(t *testing.T, u *UI, text string) {
	t.Helper()
	test.Tap(button(t, topOverlay(t, u), text))
}

func TestFailedTagKeepsSelectionAndRetries(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	st.fail = errors.New("write /tmp/fake.glossa: no space left on device")
	start, end := sel(t, u, "Green Party", 0)
	press(u, "4")
	if len(st.stored()) != 0 {
		t.Fatalf("stored %+v after a failed write", st.stored())
	}
	if s, e, _ := u.article.Selection(); s != start || e != end {
		t.Errorf("selection after the failure = %d-%d, want it kept at %d-%d", s, e, start, end)
	}
	text := overlayText(t, u)
	for _, want := range []string{"no space left on device", "still consistent", "[Retry]", "[Save a copy elsewhere…]", "[Close]"} {
		if !strings.Contains(text, want) {
			t.Errorf("dialog lacks %q:\n%s", want, text)
		}
	}
	// While the dialog is open no other edit is tried.
	press(u, "4")
	if st.applies != 0 {
		t.Errorf("%d writes while the failure dialog is open, want 0", st.applies)
	}

	tapButton(t, u, "Retry")
	org := only(t, st, "Organisation")
	if org.Spans[0].Text != "Green Party" || u.s.Selected() != org.ID {
		t.Errorf("after Retry: stored %+v, selected %d; want Green Party selected", org, u.s.Selected())
	}
	if _, _, text := u.article.Selection(); text != "" {
		t.Errorf("selection after a successful retry = %q, want none", text)
	}
	if u.failDlg != nil || u.s.UndoSteps() != 1 {
		t.Errorf("after Retry: dialog %v, %d undo steps; want closed and 1", u.failDlg != nil, u.s.UndoSteps())
	}
}

func TestFailedNoteStaysInEditorAndRetries(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	sel(t, u, "the plan would cost €4 million", 0)
	press(u, "1")
	claim := only(t, st, "Claim")
	sel(t, u, "Green Party", 0)
	press(u, "4")
	org := only(t, st, "Organisation")
	u.selectAnnotation(claim.ID)

	note := findNote(t, u)
	note.SetText("Budget says €3.2m")
	st.fail = errors.New("write /tmp/fake.glossa: input/output error")
	u.highlightTapped(org.ID) // leaving the claim saves the note: it fails
	if u.s.Selected() != claim.ID {
		t.Fatalf("selected %d after the failed note, want the claim %d to stay", u.s.Selected(), claim.ID)
	}
	if got := findNote(t, u).Text; got != "Budget says €3.2m" {
		t.Errorf("note entry = %q, want the typed note kept", got)
	}
	if !strings.Contains(overlayText(t, u), "input/output error") {
		t.Errorf("dialog does not show the error:\n%s", overlayText(t, u))
	}
	tapButton(t, u, "Retry")
	if got := only(t, st, "Claim").Note; got != "Budget says €3.2m" {
		t.Errorf("note after Retry = %q, want it saved", got)
	}
	u.highlightTapped(org.ID)
	if u.s.Selected() != org.ID {
		t.Errorf("selected %d after the note was saved, want %d", u.s.Selected(), org.ID)
	}
}

func TestFailedEditSaveCopyElsewhere(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	sel(t, u, "Monday", 0)
	press(u, "6")
	ev := only(t, st, "Date")
	st.fail = errors.New("open /tmp/fake.glossa: read-only file system")
	u.deleteAnnotation(ev.ID)
	if len(st.stored()) != 1 || u.s.Annotation(ev.ID) == nil {
		t.Fatalf("the annotation went away after a failed delete")
	}
	before := len(u.win.Canvas().Overlays().List())
	tapButton(t, u, "Save a copy elsewhere…")
	if n := len(u.win.Canvas().Overlays().List()); n != before+1 {
		t.Errorf("overlays after Save a copy = %d, want a file dialog over the failure dialog (%d)", n, before+1)
	}
	if !u.saveCopy("/media/usb/copy.glossa") || st.copies["/media/usb/copy.glossa"] != st.path {
		t.Errorf("copies = %v, want the project copied to /media/usb/copy.glossa", st.copies)
	}
	// A copy that fails says so and writes nothing.
	st.fail = errors.New("no space left on device")
	if u.saveCopy("/full/copy.glossa") {
		t.Error("saveCopy reported success on a failing Backup")
	}
	if _, ok := st.copies["/full/copy.glossa"]; ok {
		t.Error("a failed copy was recorded")
	}
}

func TestFailedUndoRetries(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	sel(t, u, "Monday", 0)
	press(u, "6")
	st.fail = errors.New("disk full")
	u.undo()
	if len(st.stored()) != 1 || u.s.UndoSteps() != 1 {
		t.Fatalf("after a failed undo: %d stored, %d undo steps; want 1 and 1", len(st.stored()), u.s.UndoSteps())
	}
	tapButton(t, u, "Retry")
	if len(st.stored()) != 0 || u.s.RedoSteps() != 1 {
		t.Errorf("after Retry: %d stored, %d redo steps; want 0 and 1", len(st.stored()), u.s.RedoSteps())
	}
}
