package app

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"glossa/suggest"
)

func TestTypedVerbs(t *testing.T) {
	builtIn := []string{"said", "say", "told"} // sorted, as suggest.Verbs
	tests := []struct {
		text              string
		verbs, known, bad []string
	}{
		{"", nil, nil, nil},
		{"opine\nopines\n\n", []string{"opine", "opines"}, nil, nil},
		{"Opine, OPINED; opine\r\nquipped ", []string{"opine", "opined", "quipped"}, nil, nil},
		{"said\nopine\nTold", []string{"opine"}, []string{"said", "told"}, nil},
		{"opine\n point out \nx2", []string{"opine"}, nil, []string{"point out", "x2"}},
	}
	for _, tt := range tests {
		verbs, known, bad := typedVerbs(tt.text, builtIn)
		if !slices.Equal(verbs, tt.verbs) || !slices.Equal(known, tt.known) || !slices.Equal(bad, tt.bad) {
			t.Errorf("typedVerbs(%q) = %q, %q, %q; want %q, %q, %q", tt.text, verbs, known, bad, tt.verbs, tt.known, tt.bad)
		}
	}
}

// openVerbs opens Project > Codebook… on its Reporting verbs tab.
func openVerbs(t *testing.T, u *UI) *codebookEditor {
	t.Helper()
	c := openCodebook(t, u, "")
	c.tabs.SelectIndex(3)
	if got := c.tabs.Selected().Text; got != "Reporting verbs" {
		t.Fatalf("tab 3 is %q", got)
	}
	return c
}

func TestCodebookReportingVerbs(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	steps := u.s.UndoSteps()
	c := openVerbs(t, u)
	if sz := c.verbs.Size(); sz.Width < 250 || sz.Height < 300 {
		t.Errorf("the verbs field is %.0f×%.0f in a dialog of 980×640, want a tall column", sz.Width, sz.Height)
	}
	if !dialogShows(t, u, fmt.Sprintf("Built in: %d forms", len(suggest.Verbs()))) || !dialogShows(t, u, "said, say, saying, says") {
		t.Errorf("the tab does not show the built-in lexicon")
	}

	// Saved lower-cased, once each, in order; a built-in verb left out and said so.
	typeIn(u, c.verbs, "Opine\nopines, opined\nsaid\n\nopine")
	c.save()
	if want := []string{"opine", "opines", "opined"}; !slices.Equal(st.labels.Verbs, want) {
		t.Fatalf("stored verbs %q, want %q", st.labels.Verbs, want)
	}
	if got := u.s.UndoSteps(); got != steps+1 {
		t.Errorf("undo steps = %d, want %d: saving the verbs is one step", got, steps+1)
	}
	if c.verbs.Text != "opine\nopines\nopined" {
		t.Errorf("field after saving = %q, want the stored list, one a line", c.verbs.Text)
	}
	if !c.verbsNote.Visible() || c.verbsNote.Text != "Built in already, so not added: said." {
		t.Errorf("note = %q (shown %v)", c.verbsNote.Text, c.verbsNote.Visible())
	}

	// A phrase and a non-word are refused with a sentence; the store and the field keep theirs.
	for _, tc := range []struct{ text, say string }{
		{"opine\npoint out", "“point out” is more than one word"},
		{"opine\nx2\n3", "“x2” (and 1 line more) is not a word"},
	} {
		typeIn(u, c.verbs, tc.text)
		c.save()
		if !c.verbsProblem.Visible() || !strings.Contains(c.verbsProblem.Text, tc.say) {
			t.Errorf("%q: problem = %q (shown %v), want %q", tc.text, c.verbsProblem.Text, c.verbsProblem.Visible(), tc.say)
		}
		if c.verbs.Text != tc.text || !slices.Equal(st.labels.Verbs, []string{"opine", "opines", "opined"}) {
			t.Errorf("%q: field %q, stored %q; want what was typed kept and the store unchanged", tc.text, c.verbs.Text, st.labels.Verbs)
		}
	}

	// The store refuses: said, typing kept; closing with Escape saves what was typed.
	typeIn(u, c.verbs, "harrumphed")
	st.fail = errors.New("write /tmp/fake.glossa: no space left on device")
	c.save()
	if !strings.Contains(c.verbsProblem.Text, "no space left") || c.verbs.Text != "harrumphed" {
		t.Errorf("problem = %q, field %q; want the store's refusal and the typing kept", c.verbsProblem.Text, c.verbs.Text)
	}
	keyPress(u, fyne.KeyEscape)
	if u.dialogOpen() {
		t.Fatal("Escape left the Codebook dialog open")
	}
	if !slices.Equal(st.labels.Verbs, []string{"harrumphed"}) {
		t.Errorf("closing saved %q, want [harrumphed]", st.labels.Verbs)
	}

	// Each save is undone on its own.
	menuShortcut(u, &fyne.ShortcutUndo{})
	if want := []string{"opine", "opines", "opined"}; !slices.Equal(st.labels.Verbs, want) {
		t.Errorf("after one Ctrl+Z: %q, want %q", st.labels.Verbs, want)
	}
	menuShortcut(u, &fyne.ShortcutUndo{})
	if len(st.labels.Verbs) != 0 {
		t.Errorf("after two Ctrl+Z: %q, want none", st.labels.Verbs)
	}
	c = openVerbs(t, u)
	if c.verbs.Text != "" {
		t.Errorf("reopened after undo, the field holds %q", c.verbs.Text)
	}
}

// Closing with a verb that is not a word keeps the dialog open on the
// Reporting verbs tab, saying why.
func TestCodebookCloseWithBadVerbStays(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	c := openVerbs(t, u)
	typeIn(u, c.verbs, "point out")
	c.tabs.SelectIndex(0)
	keyPress(u, fyne.KeyEscape)
	if !u.dialogOpen() || c.tabs.SelectedIndex() != 3 || !c.verbsProblem.Visible() {
		t.Errorf("dialog open %v on tab %d, problem shown %v; want it open on Reporting verbs with the sentence",
			u.dialogOpen(), c.tabs.SelectedIndex(), c.verbsProblem.Visible())
	}
	if len(st.labels.Verbs) != 0 {
		t.Errorf("stored %q", st.labels.Verbs)
	}
}
