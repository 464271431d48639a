package app

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
)

// quitCounter is the app with Quit counted.
type quitCounter struct {
	fyne.App
	quits int
}

func (a *quitCounter) Quit() { a.quits++ }

// newQuitUI is newTestUI on an app that counts Quit.
func newQuitUI(t *testing.T) (*UI, *fakeStore, *quitCounter) {
	t.Helper()
	a := &quitCounter{App: lockUI(t, test.NewTempApp(t))}
	st := newFakeStore(testDocs()...)
	u := New(a, Project{Store: st}, Config{Version: "test"})
	settle()
	u.win.Show()
	return u, st, a
}

var ctrlQ = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}

// typeNote tags s as an Organisation and types text into its note,
// leaving the focus there.
func typeNote(t *testing.T, u *UI, s, text string) {
	t.Helper()
	sel(t, u, s, 0)
	press(u, "4")
	note := findNote(t, u)
	u.win.Canvas().Focus(note)
	test.Type(note, text)
}

func TestQuitSavesTypedNote(t *testing.T) {
	u, st, a := newQuitUI(t)
	typeNote(t, u, "Green Party", "check the party's name")
	if !menuShortcut(u, ctrlQ) {
		t.Fatal("no menu item has Ctrl+Q")
	}
	if got := only(t, st, "Organisation").Note; got != "check the party's name" {
		t.Errorf("note stored after Ctrl+Q = %q, want what was typed", got)
	}
	if a.quits != 1 {
		t.Errorf("Quit called %d times, want 1", a.quits)
	}
}

func TestCloseButtonSavesTypedNote(t *testing.T) {
	u, st, _ := newQuitUI(t)
	typeNote(t, u, "Green Party", "typed then closed")
	u.closeRequested() // what the window's close button runs (SetCloseIntercept)
	if got := only(t, st, "Organisation").Note; got != "typed then closed" {
		t.Errorf("note stored after closing the window = %q, want what was typed", got)
	}
}

func TestQuitSavesTypedEntityName(t *testing.T) {
	u, st, _ := newQuitUI(t)
	sel(t, u, "Ana Pérez", 0)
	press(u, "3")
	f := u.panel.ed.shown
	u.win.Canvas().Focus(f.entity)
	test.Type(f.entity, "Ana Pérez")
	menuShortcut(u, ctrlQ)
	p := only(t, st, "Person")
	if p.Entity == 0 || u.entityName(p.Entity) != "Ana Pérez" {
		t.Errorf("entity of the person after Ctrl+Q = %d (%q), want the entity typed", p.Entity, u.entityName(p.Entity))
	}
}

func TestQuitSavesTypedEntityRegistryFields(t *testing.T) {
	u, st, _ := newQuitUI(t)
	tagPerson(t, u, "Ana Pérez", "Ana Pérez")
	r := u.showEntities()
	r.list.Select(0)
	r.aliases.SetText("A. Pérez, the mayor")
	menuShortcut(u, ctrlQ)
	if got := st.entities[0].Aliases; strings.Join(got, "|") != "A. Pérez|the mayor" {
		t.Errorf("aliases stored after Ctrl+Q in Edit > Entities = %q, want those typed", got)
	}
}

func TestEntityRegistryCloseAndChoosingAnotherSaveTypedFields(t *testing.T) {
	u, st, _ := newQuitUI(t)
	tagPerson(t, u, "Ana Pérez", "Ana Pérez")
	sel(t, u, "Green Party", 0)
	press(u, "4")
	u.setEntity(u.s.Selected(), "Green Party")

	r := u.showEntities()
	r.list.Select(0)
	r.extID.SetText("Q1")
	r.list.Select(1) // another entity: the first one's typed id is saved
	if got := st.entities[0].ExternalID; got != "Q1" {
		t.Errorf("external id after choosing another entity = %q, want Q1", got)
	}
	r.note.SetText("a party")
	tapButton(t, u, "Close")
	if got := st.entities[1].Note; got != "a party" {
		t.Errorf("note after closing Edit > Entities = %q, want the one typed", got)
	}
}

func TestQuitAsksWhenTypedTextCannotBeSaved(t *testing.T) {
	u, st, a := newQuitUI(t)
	typeNote(t, u, "Green Party", "not saved")
	st.fail = errors.New("disk full")
	menuShortcut(u, ctrlQ)
	if a.quits != 0 {
		t.Fatalf("Glossa quit although the typed note could not be saved")
	}
	tapButton(t, u, "Quit without saving")
	if a.quits != 1 {
		t.Errorf("Quit called %d times after Quit without saving, want 1", a.quits)
	}
}

func TestUndoRedoEntityLinkKeepsLaterRegistryEdits(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	sel(t, u, "Ana Pérez", 0)
	press(u, "3")
	f := u.panel.ed.shown
	u.win.Canvas().Focus(f.entity)
	test.Type(f.entity, "Ana Pérez")
	f.entity.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(st.entities) != 1 {
		t.Fatalf("%d entities after typing a name + Enter, want 1", len(st.entities))
	}
	r := u.showEntities()
	r.list.Select(0)
	r.aliases.SetText("Pérez, A. Pérez")
	r.extID.SetText("Q123")
	r.note.SetText("mayor of Río Verde")
	tapButton(t, u, "Save")
	tapButton(t, u, "Close")

	// The save is a step of its own, undone first; then the link, which
	// removes the entity.
	u.focusArticle()
	menuShortcut(u, &fyne.ShortcutUndo{})
	if e := st.entities[0]; len(e.Aliases) != 0 || e.ExternalID != "" || e.Note != "" || only(t, st, "Person").Entity != e.ID {
		t.Fatalf("after undoing the save: entity %+v, want it linked without aliases, external id or note", e)
	}
	menuShortcut(u, &fyne.ShortcutUndo{})
	if p := only(t, st, "Person"); p.Entity != 0 || len(st.entities) != 0 {
		t.Fatalf("entity after undoing the link = %d (%d entities), want none", p.Entity, len(st.entities))
	}
	menuShortcut(u, ctrlShiftZ)
	menuShortcut(u, ctrlShiftZ)
	p := only(t, st, "Person")
	if len(st.entities) != 1 || p.Entity != st.entities[0].ID {
		t.Fatalf("after redo: entities %+v, person refers to %d; want it linked again", st.entities, p.Entity)
	}
	e := st.entities[0]
	if strings.Join(e.Aliases, "|") != "Pérez|A. Pérez" || e.ExternalID != "Q123" || e.Note != "mayor of Río Verde" {
		t.Errorf("entity after undo and redo = %+v, want the aliases, external id and note saved after the link back", e)
	}
	if got := u.s.Entity(e.ID); got == nil || got.ExternalID != "Q123" {
		t.Errorf("the window's entity after redo = %+v, want the one stored", got)
	}
}

func TestUndoRedoEntityLinkAfterOtherMentions(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	tagPerson(t, u, "Ana Pérez", "Ana Pérez") // makes the entity
	first := u.s.Selected()
	tagPerson(t, u, "the mayor", "Ana Pérez") // the same entity
	eid := st.entities[0].ID
	if _, err := st.UpdateEntity(annotation.Entity{ID: eid, Name: "Ana Pérez", Aliases: []string{"the mayor"}}); err != nil {
		t.Fatal(err)
	}
	u.reloadEntities()
	// Undo the second link, the second tag, then the first link, which
	// made the entity: it is removed then, with the alias added since, and
	// redo puts it back as it was removed.
	for range 3 {
		u.undo()
	}
	if p := u.s.Annotation(first); p == nil || p.Entity != 0 {
		t.Fatalf("after three undos the first person refers to %+v, want no entity", p)
	}
	for range 3 {
		u.redo()
	}
	if got := st.entities[0].Aliases; len(got) != 1 || got[0] != "the mayor" {
		t.Errorf("aliases after undos and redos = %q, want the later edit kept", got)
	}
}

func TestPickingAnEntityFromTheListLinksIt(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	tagPerson(t, u, "Ana Pérez", "Ana Pérez")
	sel(t, u, "the mayor", 0)
	press(u, "3")
	mayor := u.s.Selected()
	steps := u.s.UndoSteps()

	f := u.panel.ed.shown
	var drop *widget.Button
	walk(t, f.entity, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && drop == nil {
			drop = b
		}
	})
	if drop == nil {
		t.Fatal("the Entity field has no drop-down button")
	}
	test.Tap(drop)
	var item fyne.Tappable
	walk(t, topOverlay(t, u), func(o fyne.CanvasObject) {
		tp, ok := o.(fyne.Tappable) // the innermost one holding the name: the menu item
		if !ok {
			return
		}
		walk(t, o, func(c fyne.CanvasObject) {
			if txt, ok := c.(*canvas.Text); ok && txt.Text == "Ana Pérez" {
				item = tp
			}
		})
	})
	if item == nil {
		t.Fatalf("the drop-down list does not offer Ana Pérez: %q", overlayText(t, u))
	}
	test.Tap(item)

	if got := u.s.Annotation(mayor); got == nil || got.Entity != st.entities[0].ID {
		t.Fatalf("the mayor refers to %+v after picking Ana Pérez, want entity %d", got, st.entities[0].ID)
	}
	if u.s.UndoSteps() != steps+1 {
		t.Errorf("%d undo steps after the pick, want %d", u.s.UndoSteps(), steps+1)
	}
	u.selectAnnotation(0)
	u.selectAnnotation(mayor)
	if got := u.panel.ed.shown.entity.Text; got != "Ana Pérez" {
		t.Errorf("Entity field after reselecting = %q, want Ana Pérez", got)
	}
	u.undo()
	if got := u.s.Annotation(mayor); got.Entity != 0 {
		t.Errorf("the pick's undo left entity %d", got.Entity)
	}
}
