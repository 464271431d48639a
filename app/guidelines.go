package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
)

// prefGuidelines (bool): the Guidelines pane is shown beside the
// annotation panel; default false.
const prefGuidelines = "guidelines"

// guidelinesPane shows the project's guidelines (Markdown) and the labels'
// descriptions, beside the annotation panel (View > Guidelines pane).
type guidelinesPane struct {
	text    *widget.RichText
	content fyne.CanvasObject
	split   *container.Split // the panel and the pane, made once the pane is first shown
}

func newGuidelinesPane() *guidelinesPane {
	g := &guidelinesPane{text: widget.NewRichText()}
	g.text.Wrapping = fyne.TextWrapWord
	g.content = container.NewBorder(widget.NewLabelWithStyle("Guidelines", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, nil, nil, container.NewVScroll(g.text))
	return g
}

// guidelinesMarkdown is what the pane shows of the codebook s: its
// guidelines, then each label with its key, kind and description, and the
// relation types with theirs. Names go in as they are: Fyne's Markdown
// shows a backslash escape as typed, and a name made of Markdown's own
// characters is rare enough to show as Markdown.
func guidelinesMarkdown(s annotation.LabelSet) string {
	var b strings.Builder
	if g := strings.TrimSpace(s.Guidelines); g != "" {
		b.WriteString(g)
	} else {
		b.WriteString("*No guidelines yet: write them in Project > Codebook…, Guidelines.*")
	}
	b.WriteString("\n\n## Labels\n\n")
	if len(s.Labels) == 0 {
		b.WriteString("*No labels yet: add them in Project > Codebook….*\n")
	}
	for _, l := range s.Labels {
		fmt.Fprintf(&b, "- %s", mdName(l.Name))
		if l.Key != "" {
			fmt.Fprintf(&b, " (key %s)", l.Key)
		}
		fmt.Fprintf(&b, ", %s", l.Kind)
		if d := strings.Join(strings.Fields(l.Description), " "); d != "" {
			fmt.Fprintf(&b, ": %s", d)
		}
		b.WriteString("\n")
	}
	if rs := s.RelationTypes(); len(rs) > 0 {
		b.WriteString("\n## Relation types\n\n")
		for _, r := range rs {
			fmt.Fprintf(&b, "- %s, %s to %s", mdName(r.Name), kindsText(r.From), kindsText(r.To))
			if d := strings.Join(strings.Fields(r.Description), " "); d != "" {
				fmt.Fprintf(&b, ": %s", d)
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// mdName is a label's or relation type's name in the pane's Markdown: in
// bold, or as code when it holds a character Markdown reads as emphasis
// (Fyne renders "**said_by**" as "said_ by"; a code span keeps it whole).
func mdName(s string) string {
	if strings.ContainsAny(s, "_*`") {
		return "`" + strings.ReplaceAll(s, "`", "'") + "`"
	}
	return "**" + s + "**"
}

// guidelinesShown renders the codebook's guidelines in the pane.
func (u *UI) guidelinesShown() {
	u.guide.text.ParseMarkdown(guidelinesMarkdown(u.s.Labels()))
}

// guidelinesOn reports whether the Guidelines pane is to be shown.
func (u *UI) guidelinesOn() bool {
	return u.app.Preferences().BoolWithFallback(prefGuidelines, false)
}

// sideShown lays out the right-hand side: the annotation panel, with the
// Guidelines pane beside it when it is on.
func (u *UI) sideShown() {
	main, offset := u.panel.content, float64(0.68)
	if u.curating() {
		// The curation pane above the panel, the side wider.
		main, offset = u.curation.split, 0.6
	}
	if !u.guidelinesOn() {
		u.side.Objects = []fyne.CanvasObject{main}
		u.side.Refresh()
		u.centreSplit.SetOffset(offset)
		return
	}
	if u.guide.split == nil || u.guide.split.Leading != main {
		u.guide.split = container.NewHSplit(main, u.guide.content)
		u.guide.split.Offset = 0.5
	}
	u.guidelinesShown()
	u.side.Objects = []fyne.CanvasObject{u.guide.split}
	u.side.Refresh()
	u.centreSplit.SetOffset(0.5) // the panel keeps its width beside the pane
}

// toggleGuidelines shows or hides the Guidelines pane (View menu).
func (u *UI) toggleGuidelines() {
	u.app.Preferences().SetBool(prefGuidelines, !u.guidelinesOn())
	u.sideShown()
	u.win.SetMainMenu(u.makeMenu())
}

// labelHovered shows label l's description in the status bar while the
// pointer is over its button (in), and the status back when it leaves.
func (u *UI) labelHovered(l annotation.Label, in bool) {
	if !in {
		u.statusBar.SetText(u.status)
		return
	}
	text := l.Name + ": " + orDefault(strings.Join(strings.Fields(l.Description), " "), "no description (Project > Codebook… gives it one)")
	if l.Key != "" {
		text = fmt.Sprintf("%s (key %s)%s", l.Name, l.Key, strings.TrimPrefix(text, l.Name))
	}
	u.statusBar.SetText(text)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
