package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
	"glossa/widgets"
)

func TestGuidelinesMarkdown(t *testing.T) {
	for _, c := range []struct {
		name string
		s    annotation.LabelSet
		want []string
	}{
		{"empty", annotation.EmptyTemplate(), []string{"No guidelines yet", "No labels yet"}},
		{"fact-checking", annotation.FactCheckingTemplate(), []string{"# Fact-checking", "- **Claim** (key 1), claim: A statement that can be checked",
			"- **Cue** (key 9), cue:", "## Relation types", "- `said_by`"}},
	} {
		got := guidelinesMarkdown(c.s)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: markdown lacks %q:\n%s", c.name, w, got)
			}
		}
	}
}

func TestGuidelinesPaneFollowsTheCodebook(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Show()
	if u.side.Objects[0] != u.panel.content {
		t.Fatal("the Guidelines pane is shown before it was asked for")
	}
	u.toggleGuidelines()
	if u.side.Objects[0] != fyne.CanvasObject(u.guide.split) {
		t.Fatal("View > Guidelines pane did not show the pane")
	}
	if got := richText(u.guide.text); !strings.Contains(got, "\nsaid_by\n") {
		t.Errorf("the pane does not show the relation type said_by whole (Fyne drew **said_by** as \"said_ by\"): %q", got)
	}
	if got := richText(u.guide.text); !strings.Contains(got, "A statement that can be checked") {
		t.Errorf("the pane lacks Claim's description: %q", got)
	}
	step, err := u.s.EditCodebook("guidelines", annotation.CodebookEdit{Op: annotation.OpSetGuidelines, Guidelines: "# House rules\n\nTag every **claim** once."})
	if err != nil {
		t.Fatal(err)
	}
	u.show(step)
	if got := richText(u.guide.text); !strings.Contains(got, "House rules") || !strings.Contains(got, "Tag every") {
		t.Errorf("the pane after the edit shows %q, want the new guidelines rendered", got)
	}
	u.undo()
	if got := richText(u.guide.text); strings.Contains(got, "House rules") {
		t.Errorf("the pane after undo still shows the new guidelines")
	}
	u.toggleGuidelines()
	if u.side.Objects[0] != u.panel.content {
		t.Error("toggling again did not hide the pane")
	}
}

func TestLabelButtonHoverShowsItsDescription(t *testing.T) {
	u, _ := newTestUI(t)
	u.setStatus("ready")
	b := u.labelBar.Items()[0].Object.(*fyne.Container).Objects[1].(*widgets.HoverButton)
	b.MouseIn(&desktop.MouseEvent{})
	if got := u.statusBar.Text; !strings.Contains(got, "Claim (key 1): A statement that can be checked") {
		t.Errorf("status bar over the Claim button = %q, want its description", got)
	}
	b.MouseOut()
	if got := u.statusBar.Text; got != "ready" {
		t.Errorf("status bar after the pointer left = %q, want the status back", got)
	}
}

// richText is the text of every segment of t, lists included (String
// leaves them out), one segment a line.
func richText(t *widget.RichText) string {
	var b strings.Builder
	var add func(segs []widget.RichTextSegment)
	add = func(segs []widget.RichTextSegment) {
		for _, s := range segs {
			switch x := s.(type) {
			case *widget.ListSegment:
				add(x.Items)
			case *widget.ParagraphSegment:
				add(x.Texts)
			default:
				b.WriteString(s.Textual())
			}
			b.WriteString("\n")
		}
	}
	add(t.Segments)
	return b.String()
}
