package app

import (
	"image/color"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
)

// labelBarTexts returns the texts of the label bar's buttons, in order.
func labelBarTexts(u *UI) []string {
	var out []string
	for _, o := range u.labelBar.Objects {
		for _, c := range o.(*fyne.Container).Objects {
			if b, ok := c.(*widget.Button); ok {
				out = append(out, b.Text)
			}
		}
	}
	return out
}

// highlightColor returns the colour of annotation id's first highlight.
func highlightColor(t *testing.T, u *UI, id uint64) color.Color {
	t.Helper()
	for _, h := range u.article.Highlights() {
		if h.ID == id {
			return h.Color
		}
	}
	t.Fatalf("no highlight of annotation %d", id)
	return nil
}

func TestCodebookStepRedrawsTheWindowAndUndoes(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	sel(t, u, "Green Party", 0)
	press(u, "4")
	id := only(t, st, "Organisation").ID

	claim, _ := u.s.Label("Organisation")
	def := claim
	def.Name, def.Color = "Body", "#0072b2"
	step, err := u.s.EditCodebook("rename Organisation", annotation.CodebookEdit{Op: annotation.OpUpdateLabel, Label: "Organisation", Def: def})
	if err != nil {
		t.Fatal(err)
	}
	u.show(step)
	if got := labelBarTexts(u); !slices.Contains(got, "4 Body") || slices.Contains(got, "4 Organisation") {
		t.Errorf("label bar after the rename = %q, want 4 Body", got)
	}
	if got, want := highlightColor(t, u, id), labelColor("#0072b2", 0xff); got != want {
		t.Errorf("highlight colour = %v, want %v", got, want)
	}
	if got := u.s.Annotation(id).Label; got != "Body" {
		t.Errorf("the open article's annotation has label %q, want Body", got)
	}
	if f := u.panel.ed.forms["Body"]; f == nil {
		t.Errorf("the detail editor has no form for Body with the annotation selected")
	}

	menuShortcut(u, &fyne.ShortcutUndo{})
	if got := labelBarTexts(u); !slices.Contains(got, "4 Organisation") {
		t.Errorf("label bar after undo = %q, want 4 Organisation back", got)
	}
	if got, want := highlightColor(t, u, id), labelColor(claim.Color, 0xff); got != want {
		t.Errorf("highlight colour after undo = %v, want %v", got, want)
	}
	if got := only(t, st, "Organisation").ID; got != id {
		t.Errorf("stored Organisation after undo = %d, want %d", got, id)
	}
	u.redo()
	if got := labelBarTexts(u); !slices.Contains(got, "4 Body") {
		t.Errorf("label bar after redo = %q, want 4 Body", got)
	}
}
