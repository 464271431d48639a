package app

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
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
		if len(r.Segments) < 3 {
			continue // a button's, a label's or the title's text
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

func TestSnippetStaysInItsParagraph(t *testing.T) {
	text := "First paragraph ends here.\nThe plan was approved on Monday by the council.\nLast one."
	o := annotation.NewOffsets(text)
	at := strings.Index(text, "plan")
	tests := []struct {
		n                    int
		before, match, after string
	}{
		{60, "The ", "plan", " was approved on Monday by the council."},
		{10, "The ", "plan", " was appro…"},
		{2, "…e ", "plan", " w…"},
	}
	for _, tt := range tests {
		b, m, a := snippet(o, at, at+4, tt.n)
		if b != tt.before || m != tt.match || a != tt.after {
			t.Errorf("snippet(n=%d) got %q %q %q; want %q %q %q", tt.n, b, m, a, tt.before, tt.match, tt.after)
		}
	}
	b, _, a := snippet(annotation.NewOffsets("plan"), 0, 4, 60)
	if b != "" || a != "" {
		t.Errorf("snippet of the whole text got %q … %q; want nothing around it", b, a)
	}
}

// The occurrence asked about is in sight, not behind the question.
func TestTagAllShowsTheOccurrenceBesideTheDialog(t *testing.T) {
	var paras []string
	for i := range 80 {
		p := fmt.Sprintf("Paragraph %d of filler text that says nothing in particular, long enough to wrap once or twice in the article view of the window.", i)
		if i%20 == 10 {
			p += " The plan was approved."
		}
		paras = append(paras, p)
	}
	a := lockUI(t, test.NewTempApp(t))
	st := newFakeStore(annotation.Document{Title: "Long", Text: strings.Join(paras, "\n")})
	u := New(a, Project{Store: st}, Config{Version: "test"})
	u.win.Resize(fyne.NewSize(1280, 800))
	u.win.Show()
	settle()
	sel(t, u, "plan", 0)
	press(u, "7")
	u.tagAllOccurrences()
	for i := range 3 {
		start, end, text := u.article.Selection()
		if text != "plan" {
			t.Fatalf("occurrence %d: selection %q; want plan", i+1, text)
		}
		pos, size, ok := u.article.TextBox(start, end)
		if !ok {
			t.Fatalf("occurrence %d is not on screen", i+1)
		}
		y := fyne.CurrentApp().Driver().AbsolutePositionForObject(u.article).Y + pos.Y
		box := dialogBox(t, u)
		if y+size.Height > box.Position().Y && y < box.Position().Y+box.Size().Height {
			t.Errorf("occurrence %d drawn at y %v-%v, behind the dialog at y %v-%v", i+1, y, y+size.Height, box.Position().Y, box.Position().Y+box.Size().Height)
		}
		tapButton(t, u, "Skip")
	}
}

// dialogBox is the box of the dialog on top of u's window.
func dialogBox(t *testing.T, u *UI) fyne.CanvasObject {
	t.Helper()
	p, ok := u.win.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		t.Fatalf("the top overlay is %T; want a dialog's pop-up", u.win.Canvas().Overlays().Top())
	}
	return p.Content
}
