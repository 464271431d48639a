package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
	"glossa/widgets"
)

// entityRegistry is the Edit > Entities… dialog: the project's entities,
// each editable (name, type, aliases, external id, note) and mergeable into
// another. Its edits are written at once; each Save and each merge is one
// step of the undo history (registryStep).
//
// Entities are created in an annotation's Entity field (setEntity). Undoing
// that edit unlinks the annotation and removes the new entity again, unless
// something else has come to refer to it; redoing it restores the entity
// under its id.
type entityRegistry struct {
	u        *UI
	list     *widgets.RowList
	chosen   uint64 // the entity in the editor; 0 for none
	name     *dialogEntry
	typ      *widget.SelectEntry
	aliases  *dialogEntry
	extID    *dialogEntry
	note     *dialogEntry
	mentions *widget.Label
	save     *widget.Button
	merge    *widget.Button
	content  fyne.CanvasObject
}

// mentions counts the open document's annotations that refer to entity id.
func (u *UI) mentions(id uint64) int {
	n := 0
	for _, a := range u.s.Annotations() {
		if a.Entity == id {
			n++
		}
	}
	return n
}

func (u *UI) entity(id uint64) *annotation.Entity {
	for i := range u.s.Entities() {
		if u.s.Entities()[i].ID == id {
			return &u.s.Entities()[i]
		}
	}
	return nil
}

// entityRow is an entity's line in the registry list.
func (u *UI) entityRow(e annotation.Entity) string {
	parts := []string{e.Name}
	if e.Type != "" {
		parts = append(parts, e.Type)
	}
	if len(e.Aliases) > 0 {
		parts = append(parts, "also "+strings.Join(e.Aliases, ", "))
	}
	if e.ExternalID != "" {
		parts = append(parts, e.ExternalID)
	}
	parts = append(parts, annotation.Plural(u.mentions(e.ID), "mention")+" in this article")
	return strings.Join(parts, " · ")
}

func newEntityRegistry(u *UI) *entityRegistry {
	r := &entityRegistry{u: u}
	r.list = widgets.NewRowList(
		func() int { return len(u.s.Entities()) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i int, o fyne.CanvasObject) { setText(o.(*widget.Label), u.entityRow(u.s.Entities()[i])) },
	)
	r.list.OnTypedKey = u.typedKey // Escape and Enter: the dialog's
	r.list.OnSelected = func(i int) {
		if i >= len(u.s.Entities()) || u.s.Entities()[i].ID == r.chosen {
			return
		}
		if !r.flush() {
			r.selectChosen() // the text typed stays on screen
			return
		}
		r.choose(u.s.Entities()[i].ID)
	}
	r.name = newDialogEntry(u, false)
	r.typ = widget.NewSelectEntry(labelNames(u.s.Labels()))
	r.aliases = newDialogEntry(u, false)
	r.aliases.SetPlaceHolder("Other names, separated by commas")
	r.extID = newDialogEntry(u, false)
	r.extID.SetPlaceHolder("e.g. a Wikidata id: Q42")
	r.note = newDialogEntry(u, true)
	r.note.SetMinRowsVisible(3)
	r.mentions = widget.NewLabel("")
	r.mentions.Importance = widget.LowImportance
	r.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { r.saveEntity() })
	r.save.Importance = widget.HighImportance
	r.merge = widget.NewButtonWithIcon("Merge into…", theme.ContentCutIcon(), r.askMerge)
	form := widget.NewForm(
		widget.NewFormItem("Name", r.name),
		widget.NewFormItem("Type", r.typ),
		widget.NewFormItem("Aliases", r.aliases),
		widget.NewFormItem("External id", r.extID),
		widget.NewFormItem("Note", r.note),
	)
	editor := container.NewBorder(nil, container.NewVBox(r.mentions, container.NewHBox(r.merge, r.save)), nil, nil, container.NewVScroll(form))
	hint := widget.NewLabel("Entities are made in an annotation's Entity field. Choose one here to edit it or merge it into another. Changes here are saved at once (also when you choose another entity or close); once this window is closed, Ctrl+Z undoes each save and merge.")
	hint.Wrapping = fyne.TextWrapWord
	split := container.NewHSplit(r.list, editor)
	split.Offset = 0.45
	r.content = container.NewBorder(hint, nil, nil, nil, split)
	r.choose(0)
	return r
}

// choose shows entity id in the editor; 0 empties it.
func (r *entityRegistry) choose(id uint64) {
	e := r.u.s.Entity(id)
	fields := []fyne.Disableable{r.name, r.typ, r.aliases, r.extID, r.note, r.save, r.merge}
	if e == nil {
		r.chosen = 0
		for _, f := range fields {
			f.Disable()
		}
		r.mentions.SetText("")
		return
	}
	r.chosen = id
	for _, f := range fields {
		f.Enable()
	}
	if len(r.u.s.Entities()) < 2 {
		r.merge.Disable()
	}
	r.name.SetText(e.Name)
	r.typ.SetText(e.Type)
	r.aliases.SetText(strings.Join(e.Aliases, ", "))
	r.extID.SetText(e.ExternalID)
	r.note.SetText(e.Note)
	r.mentions.SetText(fmt.Sprintf("#%d · %s in this article", e.ID, annotation.Plural(r.u.mentions(e.ID), "mention")))
}

// edited is the chosen entity with the editor's fields.
func (r *entityRegistry) edited() annotation.Entity {
	e := annotation.Entity{ID: r.chosen, Name: strings.TrimSpace(r.name.Text), Type: strings.TrimSpace(r.typ.Text),
		ExternalID: strings.TrimSpace(r.extID.Text), Note: r.note.Text}
	for _, a := range strings.Split(r.aliases.Text, ",") {
		if a = strings.TrimSpace(a); a != "" && !slices.Contains(e.Aliases, a) {
			e.Aliases = append(e.Aliases, a)
		}
	}
	return e
}

// dirty reports whether the editor's fields differ from the chosen
// entity as stored.
func (r *entityRegistry) dirty() bool {
	e := r.u.s.Entity(r.chosen)
	if e == nil {
		return false
	}
	ed := r.edited()
	return ed.Name != e.Name || ed.Type != e.Type || ed.ExternalID != e.ExternalID || ed.Note != e.Note ||
		!slices.Equal(ed.Aliases, e.Aliases)
}

// flush saves the editor's fields when they were changed and not saved:
// the user chose another entity, closed the dialog or quit. It reports
// false when they could not be saved; they stay in the editor.
func (r *entityRegistry) flush() bool {
	if !r.dirty() {
		return true
	}
	return r.saveEntity()
}

// selectChosen selects the chosen entity's row in the list.
func (r *entityRegistry) selectChosen() {
	for i, e := range r.u.s.Entities() {
		if e.ID == r.chosen {
			r.list.Select(i)
			return
		}
	}
	r.list.UnselectAll()
}

// saveEntity writes the editor's fields through Store.UpdateEntity.
func (r *entityRegistry) saveEntity() bool {
	u := r.u
	if r.chosen == 0 || u.failDlg != nil {
		return false
	}
	e := r.edited()
	if e.Name == "" {
		u.setStatus("An entity needs a name: type one in the Name field of Edit > Entities….")
		return false
	}
	was := u.s.Entity(e.ID)
	if was == nil {
		return false
	}
	st, err := u.s.SaveEntity("edit of "+quoted(e.Name, 30), e)
	if err != nil {
		u.editFailed(err, r.saveEntity)
		return false
	}
	u.show(st)
	u.setStatus("Entity " + quoted(e.Name, 80) + " saved. Ctrl+Z undoes it once Edit > Entities is closed.")
	return true
}

// entitiesShown shows the registry as the session holds it after it
// changed: the Entity field shows the new names, and Edit > Entities…, if
// open, the entities as they are now.
func (u *UI) entitiesShown() {
	u.panel.refresh()
	if r := u.registry; r != nil {
		r.list.Refresh()
		r.choose(r.chosen)
	}
}

// askMerge asks which entity the chosen one becomes, then merges them.
func (r *entityRegistry) askMerge() {
	u := r.u
	from := u.s.Entity(r.chosen)
	if from == nil {
		return
	}
	var names []string
	var ids []uint64
	for _, e := range u.s.Entities() {
		if e.ID != from.ID {
			names = append(names, fmt.Sprintf("%s (%s, #%d)", e.Name, orDash(e.Type), e.ID))
			ids = append(ids, e.ID)
		}
	}
	target := widget.NewSelect(names, nil)
	name := quoted(from.Name, 80)
	expl := widget.NewLabel(fmt.Sprintf("Every annotation that refers to %s, in every article, will refer to the entity you choose; %s and its aliases become aliases of it, and %s is removed. Ctrl+Z undoes the merge once Edit > Entities is closed.", name, name, name))
	expl.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm("Merge "+from.Name+" into…", "Merge", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("", expl), widget.NewFormItem("Keep", target)}, func(ok bool) {
			if i := slices.Index(names, target.Selected); ok && i >= 0 {
				r.mergeInto(ids[i])
			}
		}, u.win)
	d.Resize(fyne.NewSize(560, 300))
	d.Show()
	u.keyed(d.Hide, d.Submit)
}

// mergeInto merges the chosen entity into entity keep.
func (r *entityRegistry) mergeInto(keep uint64) bool {
	merge := r.chosen
	if !r.u.mergeEntities(keep, merge) {
		return false
	}
	r.list.Refresh()
	for i, e := range r.u.s.Entities() {
		if e.ID == keep {
			r.list.Select(i)
		}
	}
	r.choose(keep)
	return true
}

// mergeEntities merges entity merge into keep through the store, as one
// undoable step, and shows the result: the open article's annotations are
// reread. Steps older than the merge that refer to the merged entity are
// undone only after the merge is, which brings it back.
func (u *UI) mergeEntities(keep, merge uint64) bool {
	k, m := u.s.Entity(keep), u.s.Entity(merge)
	if k == nil || m == nil || keep == merge || u.failDlg != nil {
		return false
	}
	kName, mName := k.Name, m.Name
	st, err := u.s.MergeEntities("merge of "+quoted(mName, 30), keep, merge)
	if err != nil {
		u.editFailed(err, func() bool { return u.mergeEntities(keep, merge) })
		return false
	}
	u.show(st)
	u.setStatus(fmt.Sprintf("%s merged into %s, which now has %s in this article. Ctrl+Z undoes the merge once Edit > Entities is closed.", quoted(mName, 60), quoted(kName, 60), annotation.Plural(u.mentions(keep), "mention")))
	return true
}

// showEntities opens the entity registry.
func (u *UI) showEntities() *entityRegistry {
	u.panel.flush()
	u.reloadEntities()
	r := newEntityRegistry(u)
	d := dialog.NewCustom("Entities", "Close", r.content, u.win)
	d.SetOnClosed(func() {
		r.flush() // what was typed and not saved with Save
		u.registry = nil
	})
	d.Resize(fyne.NewSize(900, 560))
	d.Show()
	u.keyed(d.Hide, func() { r.saveEntity() })
	u.registry = r
	return r
}
