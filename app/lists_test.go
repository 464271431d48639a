package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"glossa/widgets"
)

// tapRow taps the row shown k-th from the top of list l, as a mouse would.
func tapRow(u *UI, l *widgets.RowList, k int) {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(l)
	h := l.MinSize().Height // one row
	y := float32(k)*(h+theme.Padding()) + h/2
	test.TapCanvas(u.win.Canvas(), pos.Add(fyne.NewPos(20, y)))
}

// The annotation list, tapped, keeps the focus: Up and Down go through its
// annotations in the list's order (grouped by kind), passing over the
// headings; the window's keys work from it as from the article.
func TestAnnotationListArrowKeys(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Resize(fyne.NewSize(1280, 800))
	u.win.Show()
	sel(t, u, "The reservoir will be full by June", 0)
	press(u, "1")
	claim1 := u.s.Selected()
	sel(t, u, "Ana Pérez", 0)
	press(u, "3")
	ana := u.s.Selected()
	sel(t, u, "the plan would cost €4 million", 0)
	press(u, "1")
	claim2 := u.s.Selected()
	// Rows: Claims (2), claim1, claim2, Entities (1), Ana Pérez.
	l := u.panel.list

	tapRow(u, l, 0) // a heading: nothing changes
	if u.s.Selected() != claim2 {
		t.Errorf("a tap on a heading selected %d; want %d kept", u.s.Selected(), claim2)
	}
	tapRow(u, l, 1)
	if u.s.Selected() != claim1 || u.win.Canvas().Focused() != l {
		t.Fatalf("after a tap on the first claim: selected %d, focus %T; want %d, the list", u.s.Selected(), u.win.Canvas().Focused(), claim1)
	}
	for _, step := range []struct {
		key  fyne.KeyName
		want uint64
	}{
		{fyne.KeyDown, claim2},
		{fyne.KeyDown, ana}, // over the Entities heading
		{fyne.KeyDown, ana}, // the last
		{fyne.KeyUp, claim2},
		{fyne.KeyEnd, ana},
		{fyne.KeyHome, claim1},
	} {
		keyPress(u, step.key)
		if u.s.Selected() != step.want {
			t.Fatalf("%s selected %d; want %d", step.key, u.s.Selected(), step.want)
		}
		if k := l.Selected(); k < 0 || u.panel.rows[k].id != step.want {
			t.Fatalf("%s: list row %d selected; want the row of %d", step.key, k, step.want)
		}
	}
	if u.win.Canvas().Focused() != l {
		t.Fatalf("focus moved to %T; want the list kept", u.win.Canvas().Focused())
	}

	// The window's keys, with the list focused.
	typeRune(u, ']') // reading order: Ana Pérez comes after the first claim
	if u.s.Selected() != ana {
		t.Errorf("] selected %d; want %d", u.s.Selected(), ana)
	}
	keyPress(u, fyne.KeyDelete)
	if len(st.stored()) != 2 || u.s.Annotation(ana) != nil {
		t.Errorf("Delete: %d stored; want Ana Pérez deleted", len(st.stored()))
	}
	keyPress(u, fyne.KeyEscape)
	if u.s.Selected() != 0 || l.Selected() != -1 {
		t.Errorf("Escape: selected %d, row %d; want none", u.s.Selected(), l.Selected())
	}
	sel(t, u, "Monday", 0)
	typeRune(u, '6')
	if len(st.stored()) != 3 || u.win.Canvas().Focused() != l {
		t.Errorf("6 with the list focused: %d stored, focus %T; want Monday tagged, the list focused", len(st.stored()), u.win.Canvas().Focused())
	}
}

// The article list is a RowList too: a tap opens the article and focuses
// the list, Up and Down open the previous and the next.
func TestArticleListArrowKeys(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Resize(fyne.NewSize(1280, 800))
	u.win.Show()
	l := u.articles.list
	tapRow(u, l, 1)
	settle()
	if u.s.DocID() != 2 || u.win.Canvas().Focused() != l {
		t.Fatalf("after a tap on the second article: doc %d, focus %T; want 2, the list", u.s.DocID(), u.win.Canvas().Focused())
	}
	keyPress(u, fyne.KeyUp)
	settle()
	if u.s.DocID() != 1 || u.title.Text != testDocs()[0].Title {
		t.Errorf("Up: doc %d %q; want 1", u.s.DocID(), u.title.Text)
	}
	keyPress(u, fyne.KeyEnd)
	settle()
	if u.s.DocID() != 2 {
		t.Errorf("End: doc %d; want 2", u.s.DocID())
	}
	u.articles.filter.SetSelected("Done") // none: the list is empty
	keyPress(u, fyne.KeyDown)
	if got := u.articles.count.Text; got != "0 of 2 articles" || u.s.DocID() != 2 {
		t.Errorf("Down in the empty list: %q, doc %d", got, u.s.DocID())
	}
}

// In Edit > Entities… the list takes the arrow keys, and Escape still
// closes the dialog with the list focused.
func TestEntityListArrowKeysAndEscape(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	ana, mayor := twoEntities(t, u, st)
	r := u.showEntities()
	tapRow(u, r.list, 0)
	if r.chosen != ana || u.win.Canvas().Focused() != r.list {
		t.Fatalf("after a tap on the first entity: chose %d, focus %T; want %d, the list", r.chosen, u.win.Canvas().Focused(), ana)
	}
	keyPress(u, fyne.KeyDown)
	if r.chosen != mayor || r.name.Text != "The Mayor" {
		t.Errorf("Down: chose %d %q; want The Mayor", r.chosen, r.name.Text)
	}
	keyPress(u, fyne.KeyEscape)
	if u.dialogOpen() || u.registry != nil {
		t.Error("Escape with the entity list focused left the dialog open")
	}
}

// Help > Keyboard shortcuts lists the keys of the lists.
func TestKeyHelpListsTheListKeys(t *testing.T) {
	u, _ := newTestUI(t)
	var keys []string
	for _, r := range u.keyHelp() {
		keys = append(keys, r[0]+" = "+r[1])
	}
	help := strings.Join(keys, "\n")
	for _, want := range []string{"Up / Down in a list", "Page Up / Page Down in a list", "Home / End in a list"} {
		if !strings.Contains(help, want) {
			t.Errorf("keyboard help lacks %q:\n%s", want, help)
		}
	}
}
