package app

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// richTexts returns the rich texts under o.
func richTexts(t *testing.T, o fyne.CanvasObject) []*widget.RichText {
	t.Helper()
	var out []*widget.RichText
	walk(t, o, func(o fyne.CanvasObject) {
		if r, ok := o.(*widget.RichText); ok {
			out = append(out, r)
		}
	})
	return out
}

func TestTagAllDialogShowsOccurrenceInBold(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Show()
	sel(t, u, "plan", 0)
	press(u, "7")
	u.tagAllOccurrences()
	var bold []string
	for _, r := range richTexts(t, topOverlay(t, u)) {
		if !strings.HasPrefix(r.String(), "…") {
			continue // a button's or the title's text
		}
		for _, sg := range r.Segments {
			ts, ok := sg.(*widget.TextSegment)
			if !ok {
				continue
			}
			if strings.ContainsAny(ts.Text, "【】") {
				t.Errorf("segment %q has 【】, which the default font draws as boxes", ts.Text)
			}
			if ts.Style.TextStyle.Bold {
				bold = append(bold, ts.Text)
			}
		}
	}
	if len(bold) != 1 || bold[0] != "plan" {
		t.Errorf("bold text in the dialog = %q, want just the occurrence [plan]", bold)
	}
}

func TestTagAllStopsOnFailedEdit(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	sel(t, u, "plan", 0)
	press(u, "7")
	u.tagAllOccurrences() // 3 other occurrences
	tapButton(t, u, "Tag")
	if n := len(st.stored()); n != 2 {
		t.Fatalf("stored %d after the first Tag, want 2", n)
	}
	st.fail = errors.New("write /tmp/fake.glossa: no space left on device")
	tapButton(t, u, "Tag")
	if u.failDlg == nil {
		t.Fatal("no failed-edit dialog after a failed Tag")
	}
	if text := overlayText(t, u); !strings.Contains(text, "no space left") || strings.Contains(text, "Occurrence") {
		t.Errorf("top dialog should be the failure, with no question over it:\n%s", text)
	}
	if !strings.Contains(u.status, "stopped at occurrence 2 of 3") || !strings.Contains(u.status, "1 tagged") {
		t.Errorf("status = %q, want stopped at occurrence 2 of 3 with 1 tagged", u.status)
	}
	if _, _, text := u.article.Selection(); text != "plan" {
		t.Errorf("selection under the failure dialog = %q, want the failed occurrence", text)
	}
	tapButton(t, u, "Retry")
	if n := len(st.stored()); n != 3 {
		t.Errorf("stored %d after Retry, want 3", n)
	}
	if o := u.win.Canvas().Overlays().Top(); o != nil {
		t.Errorf("a dialog is still open after Retry:\n%s", contentText(t, o))
	}
}
