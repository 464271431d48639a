package app

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"glossa/annotation"
)

// twoEntities tags Ana Pérez and "the mayor" as Persons linked to two
// entities, and returns their ids.
func twoEntities(t *testing.T, u *UI, st *fakeStore) (ana, mayor uint64) {
	t.Helper()
	tagPerson(t, u, "Ana Pérez", "Ana Pérez")
	tagPerson(t, u, "the mayor", "The Mayor")
	if len(st.entities) != 2 {
		t.Fatalf("entities = %+v, want 2", st.entities)
	}
	return st.entities[0].ID, st.entities[1].ID
}

func TestEntityRegistryListsAndEdits(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	ana, _ := twoEntities(t, u, st)
	r := u.showEntities()
	if got := u.entityRow(st.entities[0]); !strings.Contains(got, "Ana Pérez") || !strings.Contains(got, "Person") || !strings.Contains(got, "1 mention in this article") {
		t.Errorf("row = %q, want name, type and 1 mention", got)
	}
	if !r.name.Disabled() {
		t.Error("editor enabled with no entity chosen")
	}
	r.list.Select(0)
	if r.chosen != ana || r.name.Text != "Ana Pérez" {
		t.Fatalf("chose %d %q, want Ana Pérez", r.chosen, r.name.Text)
	}
	r.aliases.SetText("Ana, A. Pérez, Ana")
	r.extID.SetText("Q123")
	r.note.SetText("Mayor since 2023")
	test.Tap(r.save)
	e := st.entities[0]
	if !slices.Equal(e.Aliases, []string{"Ana", "A. Pérez"}) || e.ExternalID != "Q123" || e.Note != "Mayor since 2023" || e.Name != "Ana Pérez" {
		t.Errorf("stored entity = %+v", e)
	}
	if got := u.entityRow(u.s.Entities()[0]); !strings.Contains(got, "Q123") || !strings.Contains(got, "also Ana, A. Pérez") {
		t.Errorf("row after save = %q", got)
	}

	// A failed save keeps the typed fields and retries.
	r.note.SetText("Mayor since 2022")
	st.fail = errors.New("disk full")
	test.Tap(r.save)
	if st.entities[0].Note != "Mayor since 2023" || r.note.Text != "Mayor since 2022" {
		t.Errorf("after a failed save: stored %q, editor %q", st.entities[0].Note, r.note.Text)
	}
	tapButton(t, u, "Retry")
	if st.entities[0].Note != "Mayor since 2022" {
		t.Errorf("after Retry the note is %q", st.entities[0].Note)
	}
}

func TestEntityMergeRepointsAnnotations(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	ana, mayor := twoEntities(t, u, st)
	r := u.showEntities()
	r.list.Select(1) // The Mayor
	if r.chosen != mayor || r.merge.Disabled() {
		t.Fatalf("chose %d (merge disabled %v), want The Mayor", r.chosen, r.merge.Disabled())
	}
	test.Tap(r.merge)
	if text := overlayText(t, u); !strings.Contains(text, "Ctrl+Z undoes the merge") {
		t.Errorf("merge dialog does not say how to undo it:\n%s", text)
	}
	if !r.mergeInto(ana) {
		t.Fatal("merge failed")
	}
	if len(st.entities) != 1 || st.entities[0].ID != ana || !slices.Contains(st.entities[0].Aliases, "The Mayor") {
		t.Errorf("entities after merge = %+v, want Ana Pérez with The Mayor as alias", st.entities)
	}
	for _, a := range st.stored() {
		if a.Entity != ana {
			t.Errorf("annotation %d refers to %d, want %d", a.ID, a.Entity, ana)
		}
	}
	if u.mentions(ana) != 2 || r.chosen != ana {
		t.Errorf("after merge: %d mentions shown, editor on %d; want 2 and Ana", u.mentions(ana), r.chosen)
	}
	// Undo and redo everything, the merge included: afterwards it is as
	// after the merge.
	for u.undo() {
	}
	for u.redo() {
	}
	if u.failDlg != nil || u.s.RedoSteps() != 0 {
		t.Fatalf("undo and redo after the merge failed: %s", u.statusBar.Text)
	}
	for _, a := range st.stored() {
		if a.Entity == mayor {
			t.Errorf("annotation %d refers to the merged entity after undo and redo", a.ID)
		}
	}
	if len(st.entities) != 1 {
		t.Errorf("entities after undo and redo = %+v, want Ana Pérez only", st.entities)
	}
}

// TestUndoRegistrySaveKeepsLaterEdits: each Save in Edit > Entities… is one
// undo step that takes back only the fields it changed; a note written
// since, outside the history, stays.
func TestUndoRegistrySaveKeepsLaterEdits(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	ana, _ := twoEntities(t, u, st)
	r := u.showEntities()
	r.list.Select(0)
	r.aliases.SetText("Ana")
	test.Tap(r.save)
	r.extID.SetText("Q123")
	test.Tap(r.save)
	test.Tap(r.save) // nothing changed: no step
	tapButton(t, u, "Close")
	if got := u.undoItem.Label; got != "Undo edit of “Ana Pérez”" {
		t.Errorf("Undo item = %q", got)
	}
	// A note written elsewhere, after the saves (another window of the
	// same store would do this).
	e := st.entities[0]
	e.Note = "written later"
	st.UpdateEntity(e)
	u.reloadEntities()

	if !u.undo() {
		t.Fatal("undo failed")
	}
	if e := st.entities[0]; e.ExternalID != "" || !slices.Equal(e.Aliases, []string{"Ana"}) || e.Note != "written later" {
		t.Errorf("after undoing the second save: %+v; want aliases kept, external id gone, the later note kept", e)
	}
	u.undo()
	if e := st.entities[0]; len(e.Aliases) != 0 || e.Note != "written later" || e.ID != ana {
		t.Errorf("after undoing the first save: %+v; want no aliases, the later note kept", e)
	}
	if got := u.s.Entity(ana); got == nil || len(got.Aliases) != 0 {
		t.Errorf("the window's entity after undo = %+v, want the stored one", got)
	}
	u.redo()
	u.redo()
	if e := st.entities[0]; e.ExternalID != "Q123" || !slices.Equal(e.Aliases, []string{"Ana"}) || e.Note != "written later" {
		t.Errorf("after redoing both saves: %+v", e)
	}
	if !strings.HasPrefix(u.statusBar.Text, "Redone: edit of “Ana Pérez”") {
		t.Errorf("status = %q", u.statusBar.Text)
	}
}

// TestUndoMergeRelinksOnlyWhatItMoved: undoing a merge brings the merged
// entity back and relinks the mentions the merge moved, in every article;
// a mention linked to the kept entity after the merge stays with it.
func TestUndoMergeRelinksOnlyWhatItMoved(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	ana, mayor := twoEntities(t, u, st)
	moved := u.s.Selected() // the mayor's mention
	u.step(1)
	tagPerson(t, u, "officials", "The Mayor")
	elsewhere := u.s.Selected()
	u.step(-1)
	r := u.showEntities()
	r.list.Select(1)
	if !r.mergeInto(ana) {
		t.Fatal("merge failed")
	}
	tapButton(t, u, "Close")
	if got := u.undoItem.Label; got != "Undo merge of “The Mayor”" {
		t.Errorf("Undo item = %q", got)
	}
	// Linked after the merge, outside the history: stays with Ana.
	later, err := st.Apply(1, []annotation.Annotation{{Label: "Person", Spans: []annotation.Span{{Start: 0, End: 3, Text: "Río"}}, Entity: ana}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	u.reloadAnnotations()

	if !u.undo() {
		t.Fatalf("undo of the merge failed: %s", u.statusBar.Text)
	}
	entityOf := func(doc, id uint64) uint64 { return st.anns[doc][id].Entity }
	if len(st.entities) != 2 || entityOf(1, moved) != mayor || entityOf(2, elsewhere) != mayor || entityOf(1, later[0].ID) != ana {
		t.Errorf("after undoing the merge: entities %+v; mayor's mentions refer to %d, %d (want %d); the later one to %d (want %d)",
			st.entities, entityOf(1, moved), entityOf(2, elsewhere), mayor, entityOf(1, later[0].ID), ana)
	}
	if a := u.s.Annotation(moved); a == nil || a.Entity != mayor {
		t.Errorf("the window shows the mayor's mention as %+v, want it linked to %d again", a, mayor)
	}
	if slices.Contains(st.entities[0].Aliases, "The Mayor") {
		t.Errorf("Ana keeps the alias the merge gave: %+v", st.entities[0])
	}
	if !u.redo() || len(st.entities) != 1 || entityOf(1, moved) != ana || entityOf(2, elsewhere) != ana {
		t.Errorf("after redoing the merge: entities %+v, mentions %d, %d; want %d", st.entities, entityOf(1, moved), entityOf(2, elsewhere), ana)
	}
}

func TestEntityTypeFollowsEntityLabelsOnly(t *testing.T) {
	u, st := newTestUI(t)
	sel(t, u, "Ana Pérez", 0)
	press(u, "2") // a source
	u.setEntity(u.s.Selected(), "Ana Pérez")
	sel(t, u, "the mayor", 0)
	press(u, "3") // a person
	u.setEntity(u.s.Selected(), "The Mayor")
	got := map[string]string{}
	for _, e := range st.entities {
		got[e.Name] = e.Type
	}
	if got["Ana Pérez"] != "" || got["The Mayor"] != "Person" {
		t.Errorf("entity types = %v; want none for the source's entity, Person for the person's", got)
	}
}

func TestUndoEntityCreationRemovesIt(t *testing.T) {
	u, st := newTestUI(t)
	tagPerson(t, u, "Ana Pérez", "Ana Pérez")
	if len(st.entities) != 1 {
		t.Fatalf("entities = %+v; want the new one", st.entities)
	}
	made := st.entities[0]
	if !u.undo() {
		t.Fatal("undo failed")
	}
	if len(st.entities) != 0 {
		t.Errorf("entities after undo = %+v; want none", st.entities)
	}
	if a := u.s.Annotation(u.s.Selected()); a == nil || a.Entity != 0 {
		t.Errorf("annotation after undo = %+v; want no entity", a)
	}
	if !u.redo() {
		t.Fatal("redo failed")
	}
	if len(st.entities) != 1 || st.entities[0].ID != made.ID {
		t.Errorf("entities after redo = %+v; want %+v back", st.entities, made)
	}
	if a := u.s.Annotation(u.s.Selected()); a == nil || a.Entity != made.ID {
		t.Errorf("annotation after redo = %+v; want entity %d", a, made.ID)
	}
}

func TestUndoEntityCreationKeepsAnEntityInUse(t *testing.T) {
	u, st := newTestUI(t)
	tagPerson(t, u, "Ana Pérez", "Ana Pérez")
	first := u.s.Selected()
	tagPerson(t, u, "the mayor", "Ana Pérez") // the same entity, by name
	// Undo the second link, the second tag, then the first link: the entity
	// goes only when nothing refers to it.
	u.undo()
	u.undo()
	if len(st.entities) != 1 {
		t.Fatalf("entities = %+v; want Ana Pérez kept, the first annotation refers to it", st.entities)
	}
	u.undo()
	if a := u.s.Annotation(first); a == nil || a.Entity != 0 {
		t.Fatalf("first annotation = %+v; want it unlinked", a)
	}
	if len(st.entities) != 0 {
		t.Errorf("entities = %+v; want none once nothing refers to it", st.entities)
	}
}
