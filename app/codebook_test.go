package app

import (
	"errors"
	"image/color"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
	"glossa/widgets"
)

// labelBarTexts returns the texts of the label bar's buttons, in order.
func labelBarTexts(u *UI) []string {
	var out []string
	for _, it := range u.labelBar.Items() {
		for _, c := range it.Object.(*fyne.Container).Objects {
			if b, ok := c.(*widgets.HoverButton); ok {
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

// openCodebook opens Project > Codebook… with label name chosen.
func openCodebook(t *testing.T, u *UI, name string) *codebookEditor {
	t.Helper()
	c := u.showCodebook()
	if c == nil {
		t.Fatal("the Codebook dialog did not open")
	}
	if name != "" {
		i := slices.IndexFunc(u.s.Labels().Labels, func(l annotation.Label) bool { return l.Name == name })
		if i < 0 {
			t.Fatalf("no label %s", name)
		}
		c.labels.Select(i)
		if c.chosen != name {
			t.Fatalf("chosen label = %q, want %s", c.chosen, name)
		}
	}
	return c
}

// typeIn replaces e's text with s as a user would, with e focused.
func typeIn(u *UI, e *dialogEntry, s string) {
	u.win.Canvas().Focus(e)
	e.SetText("")
	test.Type(e, s)
}

func TestCodebookRenameLabelWithEnterIsOneStep(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	sel(t, u, "Green Party", 0)
	press(u, "4")
	id := u.s.Selected()
	steps := u.s.UndoSteps()

	c := openCodebook(t, u, "Organisation")
	if got := c.uses.Text; got != "Used by 1 annotation in 1 article." {
		t.Errorf("uses = %q", got)
	}
	typeIn(u, c.name, "Body")
	keyPress(u, fyne.KeyReturn)
	if got := st.anns[1][id].Label; got != "Body" {
		t.Fatalf("stored label after Enter = %q, want Body", got)
	}
	if u.s.UndoSteps() != steps+1 {
		t.Errorf("undo steps = %d, want %d: the rename is one step", u.s.UndoSteps(), steps+1)
	}
	if !slices.Contains(labelBarTexts(u), "4 Body") {
		t.Errorf("label bar = %q", labelBarTexts(u))
	}
	keyPress(u, fyne.KeyEscape)
	if u.dialogOpen() {
		t.Fatal("Escape left the Codebook dialog open")
	}
	menuShortcut(u, &fyne.ShortcutUndo{})
	if got := st.anns[1][id].Label; got != "Organisation" {
		t.Errorf("stored label after Ctrl+Z = %q, want Organisation", got)
	}
}

func TestCodebookKeyConflictIsRefusedAndKeepsTyping(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	before := st.labels
	c := openCodebook(t, u, "Organisation")
	typeIn(u, c.desc, "Companies, agencies, parties.")
	c.key.SetSelected("1")
	c.save()
	if !c.problem.Visible() || !strings.Contains(c.problem.Text, "Claim") {
		t.Errorf("problem = %q (shown %v), want a sentence naming Claim", c.problem.Text, c.problem.Visible())
	}
	if !reflect.DeepEqual(st.labels, before) {
		t.Errorf("the store's codebook changed on a refused key")
	}
	if c.desc.Text != "Companies, agencies, parties." || c.key.Selected != "1" {
		t.Errorf("fields after the refusal: %q, key %q; want what was typed", c.desc.Text, c.key.Selected)
	}
	c.key.SetSelected("0")
	c.save()
	if l, _ := st.labels.Find("Organisation"); l.Key != "0" || l.Description != "Companies, agencies, parties." {
		t.Errorf("stored %+v, want key 0 and the description", l)
	}
}

func TestCodebookStoreRefusalKeepsTyping(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	c := openCodebook(t, u, "Person")
	typeIn(u, c.name, "Human")
	st.fail = errors.New("write /tmp/fake.glossa: no space left on device")
	keyPress(u, fyne.KeyReturn)
	if !c.problem.Visible() || !strings.Contains(c.problem.Text, "no space left") {
		t.Errorf("problem = %q, want the store's refusal", c.problem.Text)
	}
	if c.name.Text != "Human" || !u.dialogOpen() {
		t.Errorf("name = %q, dialog open %v; want Human kept in the open dialog", c.name.Text, u.dialogOpen())
	}
	keyPress(u, fyne.KeyReturn)
	if _, ok := st.labels.Find("Human"); !ok {
		t.Errorf("Enter again did not save the rename")
	}
}

func TestCodebookAddLabelThenTagWithItsKey(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	c := openCodebook(t, u, "")
	c.addLabel()
	if c.chosen != "New label" || c.key.Selected != "9" {
		t.Fatalf("added %q with key %q, want New label with 9", c.chosen, c.key.Selected)
	}
	typeIn(u, c.name, "Quote")
	c.kind.SetSelected(string(annotation.KindClaim))
	keyPress(u, fyne.KeyReturn)
	keyPress(u, fyne.KeyEscape)
	if u.dialogOpen() {
		t.Fatal("the dialog is still open")
	}
	sel(t, u, "Green Party", 0)
	press(u, "9")
	only(t, st, "Quote")
	if got := labelBarTexts(u); got[len(got)-1] != "9 Quote" {
		t.Errorf("label bar = %q, want 9 Quote last", got)
	}
}

func TestCodebookOrderMovesLabels(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Show()
	c := openCodebook(t, u, "Source")
	c.moveLabel(-1)
	if got := labelBarTexts(u)[:2]; !slices.Equal(got, []string{"2 Source", "1 Claim"}) {
		t.Errorf("label bar begins %q after Up, want Source first", got)
	}
	if c.labels.Selected() != 0 {
		t.Errorf("selected row = %d, want 0: the moved label stays chosen", c.labels.Selected())
	}
}

func TestCodebookDeleteLabelMovesItsAnnotationsInOneStep(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	sel(t, u, "Green Party", 0)
	press(u, "4")
	sel(t, u, "council", 1)
	press(u, "4")
	c := openCodebook(t, u, "Organisation")
	c.askDeleteLabel()
	if !dialogShows(t, u, "used by 2 annotations in 1 article") {
		t.Errorf("the delete dialog does not say how many annotations use the label")
	}
	keyPress(u, fyne.KeyReturn) // moves them to the first other label: Claim
	for _, a := range st.stored() {
		if a.Label != "Claim" {
			t.Errorf("stored %q as %s, want moved to Claim", a.Quote(), a.Label)
		}
	}
	if _, ok := st.labels.Find("Organisation"); ok {
		t.Errorf("Organisation is still in the codebook")
	}
	keyPress(u, fyne.KeyEscape)
	menuShortcut(u, &fyne.ShortcutUndo{})
	for _, a := range st.stored() {
		if a.Label != "Organisation" {
			t.Errorf("after one Ctrl+Z %q is %s, want Organisation", a.Quote(), a.Label)
		}
	}
}

func TestCodebookDeleteLabelWithItsAnnotations(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	sel(t, u, "Green Party", 0)
	press(u, "4")
	c := openCodebook(t, u, "Organisation")
	c.askDeleteLabel()
	choice := findRadio(t, u)
	choice.SetSelected("Delete them, with the links to them") // the second choice
	keyPress(u, fyne.KeyReturn)
	if n := len(st.stored()); n != 0 {
		t.Errorf("%d annotations stored, want the label's deleted", n)
	}
	if len(u.article.Highlights()) != 0 {
		t.Errorf("highlights still shown: %v", u.article.Highlights())
	}
}

func TestCodebookAttributes(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	sel(t, u, "Green Party", 0)
	press(u, "4")
	c := openCodebook(t, u, "Organisation")
	c.attributeDialog(nil)
	name := u.win.Canvas().Focused().(*dialogEntry)
	test.Type(name, "sector")
	findRadio(t, u).SetSelected(attrList)
	entries := dialogEntries(t, u)
	entries[1].SetText("public, private, public") // values
	entries[2].SetText("private")                 // default
	keyPress(u, fyne.KeyReturn)
	l, _ := st.labels.Find("Organisation")
	if len(l.Attributes) != 1 || !slices.Equal(l.Attributes[0].Values, []string{"public", "private"}) || l.Attributes[0].Default != "private" {
		t.Fatalf("attributes = %+v, want sector: public, private (default private)", l.Attributes)
	}
	id := only(t, st, "Organisation").ID
	if !u.panel.setAttribute(id, "sector", "public") {
		t.Fatal("could not set the new attribute in the detail editor")
	}
	c.readUse()
	c.chooseLabel("Organisation")
	c.askDeleteAttribute(l.Attributes[0])
	if !dialogShows(t, u, "1 annotation hold a value: public 1") {
		t.Errorf("the delete dialog does not count the values in use")
	}
	keyPress(u, fyne.KeyReturn)
	if _, ok := st.anns[1][id].Attributes["sector"]; ok {
		t.Errorf("the value is still on the annotation after the attribute was deleted")
	}
}

func TestCodebookRelationTypes(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	c := openCodebook(t, u, "")
	c.tabs.SelectIndex(1)
	c.addRelation()
	typeIn(u, c.relName, "contradicts")
	c.relFrom.SetSelected([]string{"claim"})
	c.relTo.SetSelected([]string{"claim"})
	c.relColour.SetSelected("Vermilion")
	keyPress(u, fyne.KeyReturn)
	r, ok := st.labels.Relation("contradicts")
	if !ok || !slices.Equal(r.From, []annotation.Kind{annotation.KindClaim}) || r.Color != "#d55e00" {
		t.Fatalf("stored relation %+v (%v), want contradicts claim→claim in vermilion", r, ok)
	}
	c.askDeleteRelation() // no link uses it: a plain confirmation
	keyPress(u, fyne.KeyReturn)
	if _, ok := st.labels.Relation("contradicts"); ok {
		t.Errorf("the relation type is still there")
	}
}

func TestCodebookGuidelines(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	c := openCodebook(t, u, "")
	c.tabs.SelectIndex(2)
	if sz := c.guide.Size(); sz.Width < 600 || sz.Height < 300 {
		t.Errorf("the guidelines field is %.0f×%.0f in a dialog of 980×640, want most of it", sz.Width, sz.Height)
	}
	typeIn(u, c.guide, "# Our rules\n\nTag every claim.")
	keyPress(u, fyne.KeyEscape) // closing saves what was typed
	if st.labels.Guidelines != "# Our rules\n\nTag every claim." {
		t.Errorf("guidelines = %q", st.labels.Guidelines)
	}
	if u.dialogOpen() {
		t.Errorf("the dialog is still open")
	}
}

// dialogShows reports whether a label of the top dialog contains s.
func dialogShows(t *testing.T, u *UI, s string) bool {
	t.Helper()
	found := false
	walk(t, topOverlay(t, u), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, s) {
			found = true
		}
	})
	return found
}

// findRadio returns the top dialog's radio group.
func findRadio(t *testing.T, u *UI) *widget.RadioGroup {
	t.Helper()
	var r *widget.RadioGroup
	walk(t, topOverlay(t, u), func(o fyne.CanvasObject) {
		if g, ok := o.(*widget.RadioGroup); ok && r == nil {
			r = g
		}
	})
	if r == nil {
		t.Fatal("no radio group in the dialog")
	}
	return r
}

// dialogEntries returns the top dialog's text fields, in order.
func dialogEntries(t *testing.T, u *UI) []*dialogEntry {
	t.Helper()
	var out []*dialogEntry
	walk(t, topOverlay(t, u), func(o fyne.CanvasObject) {
		if e, ok := o.(*dialogEntry); ok {
			out = append(out, e)
		}
	})
	return out
}

func TestKeysZeroAndLettersTag(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	for name, key := range map[string]string{"Other": "0", "Event": "e"} {
		l, _ := u.s.Label(name)
		l.Key = key
		step, err := u.s.EditCodebook("key", annotation.CodebookEdit{Op: annotation.OpUpdateLabel, Label: name, Def: l})
		if err != nil {
			t.Fatal(err)
		}
		u.show(step)
	}
	sel(t, u, "Monday", 0)
	press(u, "0")
	only(t, st, "Other")
	sel(t, u, "Green Party", 0)
	press(u, "E") // Shift or Caps Lock
	only(t, st, "Event")

	// A letter no label has says so; typed in a text field it is text.
	sel(t, u, "council", 1)
	press(u, "q")
	if n := len(st.stored()); n != 2 || !strings.Contains(u.status, "No label has the key q") {
		t.Errorf("q: %d stored, status %q; want nothing tagged and a sentence", n, u.status)
	}
	note := findNote(t, u)
	u.win.Canvas().Focus(note)
	test.Type(note, "e")
	if n := len(st.stored()); n != 2 {
		t.Errorf("e typed in the note tagged the selection: %d stored", n)
	}
}
