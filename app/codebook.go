package app

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
	"glossa/widgets"
)

// codebookEditor is the Project > Codebook… dialog: the project's labels
// (name, colour, key, kind, description, order, attributes), its relation
// types, its guidelines and its reporting verbs. Every change is one session.EditCodebook step
// (undone with Ctrl+Z once the dialog is closed); what the store refuses
// is said in the dialog, and what was typed stays.
type codebookEditor struct {
	u    *UI
	dlg  *dialog.CustomDialog
	tabs *container.AppTabs
	use  annotation.CodebookUse

	// The Labels tab.
	labels  *widgets.RowList
	chosen  string // the label in the editor; "" for none
	name    *dialogEntry
	colour  *widget.Select
	swatch  *canvas.Rectangle
	key     *widget.Select
	kind    *widget.Select
	desc    *dialogEntry
	uses    *widget.Label
	problem *widget.Label
	attrs   *fyne.Container
	labelUI []fyne.Disableable

	// The Relation types tab.
	rels       *widgets.RowList
	relChosen  string
	relName    *dialogEntry
	relFrom    *widget.CheckGroup
	relTo      *widget.CheckGroup
	relColour  *widget.Select
	relDesc    *dialogEntry
	relUses    *widget.Label
	relProblem *widget.Label
	relUI      []fyne.Disableable

	// The Guidelines tab.
	guide        *dialogEntry
	guideProblem *widget.Label

	// The Reporting verbs tab (codebookverbs.go).
	verbs        *dialogEntry
	verbsProblem *widget.Label
	verbsNote    *widget.Label // the verbs left out as built in already
	builtIn      []string      // the suggester's lexicon, sorted
}

// noKey and noColour are the choices of no key and no colour.
const (
	noKey    = "none"
	noColour = "none"
)

// keyChoices are the keys a label can take, in the order labels take them.
func keyChoices() []string {
	out := []string{noKey}
	for _, r := range "1234567890abcdefghijklmnopqrstuvwxyz" {
		out = append(out, string(r))
	}
	return out
}

func kindNames() []string {
	var out []string
	for _, k := range annotation.Kinds() {
		out = append(out, string(k))
	}
	return out
}

// colourChoices are the palette's names, and hex when it is not in the
// palette (a colour the label already has).
func colourChoices(hex string, none bool) []string {
	var out []string
	if none {
		out = append(out, noColour)
	}
	for _, p := range palette {
		out = append(out, p.Name)
	}
	if hex != "" && paletteName(hex) == hex {
		out = append(out, hex)
	}
	return out
}

// colourHex is the colour of a colourChoices choice.
func colourHex(choice string) string {
	for _, p := range palette {
		if p.Name == choice {
			return p.Hex
		}
	}
	if choice == noColour {
		return ""
	}
	return choice
}

func problemLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

func say(l *widget.Label, msg string) {
	if msg == "" {
		l.Hide()
		return
	}
	l.SetText(msg)
	l.Show()
}

// lowLabel is a label for what a part of the codebook is used by: in the
// theme's text colour (LowImportance's grey was hard to read on the light
// theme), in italics.
func lowLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.TextStyle.Italic = true
	return l
}

// uses is "12 annotations in 3 articles" for u.
func usesText(u annotation.Use, what string) string {
	if u.Count == 0 {
		return "No " + what + "s use it."
	}
	return fmt.Sprintf("Used by %s in %s.", annotation.Plural(u.Count, what), annotation.Plural(u.Documents, "article"))
}

func newCodebookEditor(u *UI) *codebookEditor {
	c := &codebookEditor{u: u}
	c.readUse()
	c.tabs = container.NewAppTabs(
		container.NewTabItem("Labels", c.labelsTab()),
		container.NewTabItem("Relation types", c.relationsTab()),
		container.NewTabItem("Guidelines", c.guidelinesTab()),
		container.NewTabItem("Reporting verbs", c.verbsTab()),
	)
	return c
}

// readUse counts what uses each part of the codebook.
func (c *codebookEditor) readUse() {
	use, err := c.u.s.CodebookUse()
	if err != nil {
		c.u.setStatus("Glossa could not count what uses the codebook: " + err.Error())
	}
	c.use = use
}

// apply makes the codebook change e as one undoable step described by
// desc. It reports success; on failure problem says why and the fields
// keep what was typed.
func (c *codebookEditor) apply(desc string, e annotation.CodebookEdit, problem *widget.Label) bool {
	u := c.u
	st, err := u.s.EditCodebook(desc, e)
	if err != nil {
		say(problem, "Not saved: "+sentence(err))
		return false
	}
	say(problem, "")
	u.show(st)
	c.readUse()
	u.setStatus(fmt.Sprintf("Codebook: %s, saved. Ctrl+Z undoes it once the Codebook window is closed.", desc))
	return true
}

// sentence is err's text as a sentence for the user: what the store said,
// with what to do for the refusals a codebook change meets.
func sentence(err error) string {
	msg := strings.TrimRight(err.Error(), ".")
	switch {
	case errors.Is(err, annotation.ErrInUse):
		return msg + ". Move or delete what uses it first."
	case errors.Is(err, annotation.ErrBadLabel):
		return msg + ". Correct the field and save again."
	}
	return msg + ". Try again; what you typed is kept."
}

// ---- Labels ----

func (c *codebookEditor) labelsTab() fyne.CanvasObject {
	u := c.u
	c.labels = widgets.NewRowList(
		func() int { return len(u.s.Labels().Labels) },
		func() fyne.CanvasObject {
			sw := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
			sw.SetMinSize(fyne.NewSize(6, 18))
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, sw, nil, l)
		},
		func(i int, o fyne.CanvasObject) {
			ls := u.s.Labels().Labels
			if i >= len(ls) {
				return
			}
			l := ls[i]
			box := o.(*fyne.Container)
			sw := box.Objects[1].(*canvas.Rectangle)
			sw.FillColor = labelColor(l.Color, 0xff)
			sw.Refresh()
			setText(box.Objects[0].(*widget.Label), fmt.Sprintf("%s %s · %s · %s", orDash(l.Key), l.Name, l.Kind, annotation.Plural(c.use.Labels[l.Name].Count, "annotation")))
		},
	)
	c.labels.OnTypedKey = u.typedKey
	c.labels.OnSelected = func(i int) {
		ls := u.s.Labels().Labels
		if i >= len(ls) || ls[i].Name == c.chosen {
			return
		}
		if !c.flushLabel() {
			c.selectLabel() // what was typed stays on screen
			return
		}
		c.chooseLabel(ls[i].Name)
	}
	c.name = newDialogEntry(u, false)
	c.swatch = canvas.NewRectangle(labelColor("", 0xff))
	c.swatch.SetMinSize(fyne.NewSize(24, 24))
	c.swatch.CornerRadius = 3
	c.colour = widget.NewSelect(colourChoices("", false), func(s string) { c.swatch.FillColor = labelColor(colourHex(s), 0xff); c.swatch.Refresh() })
	c.key = widget.NewSelect(keyChoices(), nil)
	c.kind = widget.NewSelect(kindNames(), nil)
	c.desc = newDialogEntry(u, true)
	c.desc.SetMinRowsVisible(3)
	c.desc.SetPlaceHolder("What this label is for: shown on hover over its button and in the Guidelines pane")
	c.uses = lowLabel()
	c.problem = problemLabel()
	save := widget.NewButtonWithIcon("Save label", theme.DocumentSaveIcon(), func() { c.saveLabel() })
	save.Importance = widget.HighImportance
	up := widget.NewButtonWithIcon("Up", theme.MoveUpIcon(), func() { c.moveLabel(-1) })
	down := widget.NewButtonWithIcon("Down", theme.MoveDownIcon(), func() { c.moveLabel(1) })
	del := widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), c.askDeleteLabel)
	del.Importance = widget.DangerImportance
	add := widget.NewButtonWithIcon("Add label", theme.ContentAddIcon(), c.addLabel)
	addAttr := widget.NewButtonWithIcon("Add attribute…", theme.ContentAddIcon(), func() { c.attributeDialog(nil) })
	c.attrs = container.NewVBox()
	c.labelUI = []fyne.Disableable{c.name, c.colour, c.key, c.kind, c.desc, save, up, down, del, addAttr}

	items := []*widget.FormItem{
		widget.NewFormItem("Name", c.name),
		widget.NewFormItem("Colour", container.NewBorder(nil, nil, c.swatch, nil, c.colour)),
		widget.NewFormItem("Key", c.key),
		widget.NewFormItem("Kind", c.kind),
		widget.NewFormItem("Description", c.desc),
	}
	items[0].HintText = "A new name renames it in every annotation (one step)"
	items[1].HintText = "Colours told apart by colour-blind readers, legible on both themes"
	items[2].HintText = "The key that tags a selection with it: 1–9, 0, then a–z"
	form := widget.NewForm(items...)
	editor := container.NewVBox(form, c.uses, c.problem, container.NewHBox(up, down, del, layout.NewSpacer(), save),
		widget.NewSeparator(), widget.NewLabelWithStyle("Attributes", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		c.attrs, container.NewHBox(addAttr))
	split := container.NewHSplit(container.NewBorder(nil, container.NewHBox(add), nil, nil, c.labels), container.NewVScroll(editor))
	split.Offset = 0.35
	if ls := u.s.Labels().Labels; len(ls) > 0 {
		c.chooseLabel(ls[0].Name)
		c.labels.Select(0)
	} else {
		c.chooseLabel("")
	}
	return split
}

// chooseLabel shows label name in the editor; "" empties it.
func (c *codebookEditor) chooseLabel(name string) {
	l, ok := c.u.s.Label(name)
	say(c.problem, "")
	if !ok {
		c.chosen = ""
		for _, f := range c.labelUI {
			f.Disable()
		}
		c.name.SetText("")
		c.desc.SetText("")
		c.uses.SetText("Add a label, or choose one in the list.")
		c.attrs.Objects = nil
		c.attrs.Refresh()
		return
	}
	c.chosen = name
	for _, f := range c.labelUI {
		f.Enable()
	}
	c.name.SetText(l.Name)
	c.colour.Options = colourChoices(l.Color, false)
	c.colour.SetSelected(paletteName(l.Color))
	c.key.SetSelected(orNone(l.Key))
	c.kind.SetSelected(string(l.Kind))
	c.desc.SetText(l.Description)
	c.uses.SetText(usesText(c.use.Labels[l.Name], "annotation"))
	c.attributesShown(l)
}

func orNone(k string) string {
	if k == "" {
		return noKey
	}
	return k
}

// selectLabel selects the chosen label's row.
func (c *codebookEditor) selectLabel() {
	i := slices.IndexFunc(c.u.s.Labels().Labels, func(l annotation.Label) bool { return l.Name == c.chosen })
	if i < 0 {
		c.labels.UnselectAll()
		return
	}
	c.labels.Select(i)
}

// editedLabel is the chosen label with the editor's fields.
func (c *codebookEditor) editedLabel() annotation.Label {
	l, _ := c.u.s.Label(c.chosen)
	l.Name = strings.Join(strings.Fields(c.name.Text), " ")
	l.Color = colourHex(c.colour.Selected)
	l.Key = c.key.Selected
	if l.Key == noKey {
		l.Key = ""
	}
	l.Kind = annotation.Kind(c.kind.Selected)
	l.Description = strings.TrimSpace(c.desc.Text)
	return l
}

// labelDirty reports whether the editor's fields differ from the label.
func (c *codebookEditor) labelDirty() bool {
	l, ok := c.u.s.Label(c.chosen)
	if !ok {
		return false
	}
	e := c.editedLabel()
	return e.Name != l.Name || e.Color != l.Color || e.Key != l.Key || e.Kind != l.Kind || e.Description != l.Description
}

// flushLabel saves the label's fields when they changed; false when the
// store refused them.
func (c *codebookEditor) flushLabel() bool {
	return !c.labelDirty() || c.saveLabel()
}

// keyConflict is the sentence refusing key k for label name, or "".
func keyConflict(s annotation.LabelSet, name, k string) string {
	if k == "" {
		return ""
	}
	if other, ok := s.ByKey(k); ok && other.Name != name {
		return fmt.Sprintf("The key %s is %s's: choose another key, or give %s another key first.", k, other.Name, other.Name)
	}
	return ""
}

// saveLabel stores the editor's fields as one step.
func (c *codebookEditor) saveLabel() bool {
	if c.chosen == "" {
		return false
	}
	l := c.editedLabel()
	switch {
	case l.Name == "":
		say(c.problem, "A label needs a name: type one.")
		return false
	case l.Name != c.chosen && func() bool { _, ok := c.u.s.Label(l.Name); return ok }():
		say(c.problem, fmt.Sprintf("There is already a label %s: choose another name.", quoted(l.Name, 40)))
		return false
	}
	if msg := keyConflict(c.u.s.Labels(), c.chosen, l.Key); msg != "" {
		say(c.problem, msg)
		return false
	}
	if !c.labelDirty() {
		return true
	}
	desc := "edit of label " + c.chosen
	if l.Name != c.chosen {
		desc = fmt.Sprintf("rename of label %s to %s", c.chosen, l.Name)
	}
	if !c.apply(desc, annotation.CodebookEdit{Op: annotation.OpUpdateLabel, Label: c.chosen, Def: l}, c.problem) {
		return false
	}
	c.chosen = l.Name
	c.labels.Refresh()
	c.chooseLabel(l.Name)
	return true
}

// addLabel adds a label with the next free key and an unused colour,
// chosen in the editor for its name to be typed.
func (c *codebookEditor) addLabel() {
	if !c.flushLabel() {
		return
	}
	s := c.u.s.Labels()
	name := "New label"
	for i := 2; ; i++ {
		if _, ok := s.Find(name); !ok {
			break
		}
		name = fmt.Sprintf("New label %d", i)
	}
	col := palette[len(s.Labels)%len(palette)].Hex
	for _, p := range palette {
		if !slices.ContainsFunc(s.Labels, func(l annotation.Label) bool { return strings.EqualFold(l.Color, p.Hex) }) {
			col = p.Hex
			break
		}
	}
	l := annotation.Label{Name: name, Kind: annotation.KindOther, Color: col, Key: s.NextKey()}
	if !c.apply("add of label "+name, annotation.CodebookEdit{Op: annotation.OpAddLabel, Def: l, At: -1}, c.problem) {
		return
	}
	c.labels.Refresh()
	c.chooseLabel(name)
	c.selectLabel()
	c.u.win.Canvas().Focus(c.name)
}

// moveLabel moves the chosen label d places in the order.
func (c *codebookEditor) moveLabel(d int) {
	if !c.flushLabel() {
		return
	}
	ls := c.u.s.Labels().Labels
	i := slices.IndexFunc(ls, func(l annotation.Label) bool { return l.Name == c.chosen })
	if i < 0 || i+d < 0 || i+d >= len(ls) {
		return
	}
	if c.apply("move of label "+c.chosen, annotation.CodebookEdit{Op: annotation.OpMoveLabel, Label: c.chosen, At: i + d}, c.problem) {
		c.labels.Refresh()
		c.selectLabel()
	}
}

// askDeleteLabel asks how to delete the chosen label: with no annotation
// using it, whether to; else whether to move its annotations to another
// label or delete them, saying how many in how many articles.
func (c *codebookEditor) askDeleteLabel() {
	u, name := c.u, c.chosen
	if name == "" {
		return
	}
	use := c.use.Labels[name]
	if use.Count == 0 {
		u.confirmRemoval("Delete label", fmt.Sprintf("Delete the label %s? No annotation uses it.", name), "Delete", func() {
			c.deleteLabel(annotation.CodebookEdit{Op: annotation.OpDeleteLabel, Label: name}, "delete of label "+name)
		})
		return
	}
	var others []string
	for _, l := range u.s.Labels().Labels {
		if l.Name != name {
			others = append(others, l.Name)
		}
	}
	msg := fmt.Sprintf("The label %s is used by %s in %s. Before it goes, they are:", name,
		annotation.Plural(use.Count, "annotation"), annotation.Plural(use.Documents, "article"))
	u.askMoveOrDrop("Delete label "+name, msg, "Move them to another label", "Delete them, with the links to them", others,
		func(into string, problem *widget.Label) bool {
			e := annotation.CodebookEdit{Op: annotation.OpDeleteLabel, Label: name, Into: into, Drop: into == ""}
			desc := "delete of label " + name + " and its annotations"
			if into != "" {
				desc = "delete of label " + name + ", its annotations moved to " + into
			}
			return c.deleteLabelIn(e, desc, problem)
		})
}

// askMoveOrDrop asks, in a dialog titled title saying msg, whether what
// uses a part of the codebook goes to one of others (move) or is deleted
// (drop), then calls do with the choice ("" for drop) and a label for its
// refusal; the dialog closes when do reports success.
func (u *UI) askMoveOrDrop(title, msg, move, drop string, others []string, do func(into string, problem *widget.Label) bool) {
	into := widget.NewSelect(others, nil)
	choice := widget.NewRadioGroup([]string{move, drop}, func(s string) {
		if s == move {
			into.Enable()
		} else {
			into.Disable()
		}
	})
	choice.SetSelected(move)
	if len(others) == 0 {
		choice.SetSelected(drop)
		choice.Disable()
	} else {
		into.SetSelectedIndex(0)
	}
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	problem := problemLabel()
	var d *dialog.CustomDialog
	confirm := func() {
		target := ""
		if choice.Selected == move {
			if target = into.Selected; target == "" {
				say(problem, "Choose where they go.")
				return
			}
		}
		if do(target, problem) {
			d.Hide()
		}
	}
	ok := widget.NewButton(title, confirm)
	ok.Importance = widget.DangerImportance
	d = dialog.NewCustomWithoutButtons(title, container.NewVBox(text, choice, into, problem), u.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", func() { d.Hide() }), ok})
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
	u.keyed(d.Hide, confirm)
}

func (c *codebookEditor) deleteLabel(e annotation.CodebookEdit, desc string) {
	c.deleteLabelIn(e, desc, c.problem)
}

// deleteLabelIn makes the deletion e; a refusal is said in problem.
func (c *codebookEditor) deleteLabelIn(e annotation.CodebookEdit, desc string, problem *widget.Label) bool {
	i := slices.IndexFunc(c.u.s.Labels().Labels, func(l annotation.Label) bool { return l.Name == e.Label })
	if !c.apply(desc, e, problem) {
		return false
	}
	c.labels.Refresh()
	ls := c.u.s.Labels().Labels
	if len(ls) == 0 {
		c.chooseLabel("")
		c.labels.UnselectAll()
		return true
	}
	c.chooseLabel(ls[min(max(i, 0), len(ls)-1)].Name)
	c.selectLabel()
	return true
}

// ---- Attributes ----

// attributesShown lists label l's attributes, each with what uses it.
func (c *codebookEditor) attributesShown(l annotation.Label) {
	c.attrs.Objects = nil
	if len(l.Attributes) == 0 {
		c.attrs.Add(lowLabelText("No attributes: add one (yes/no, one of a list, or free text)."))
	}
	for _, a := range l.Attributes {
		text := fmt.Sprintf("%s — %s%s · %s", a.Name, attrKindText(a), defaultText(a), valuesInUse(c.use.Attributes[l.Name][a.Name]))
		lab := widget.NewLabel(text)
		lab.Wrapping = fyne.TextWrapWord
		edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { c.attributeDialog(&a) })
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { c.askDeleteAttribute(a) })
		c.attrs.Add(container.NewBorder(nil, nil, nil, container.NewHBox(edit, del), lab))
	}
	c.attrs.Refresh()
}

func lowLabelText(s string) *widget.Label {
	l := lowLabel()
	l.SetText(s)
	return l
}

// The kinds of attribute, as the attribute dialog names them.
const (
	attrYesNo = "Yes / no"
	attrList  = "One of a list"
	attrFree  = "Free text"
)

func attrKind(a annotation.AttributeDef) string {
	switch {
	case len(a.Values) == 0:
		return attrFree
	case slices.Equal(a.Values, []string{"yes", "no"}):
		return attrYesNo
	}
	return attrList
}

func attrKindText(a annotation.AttributeDef) string {
	switch attrKind(a) {
	case attrFree:
		return "free text"
	case attrYesNo:
		return "yes / no"
	}
	return "one of " + strings.Join(a.Values, ", ")
}

func defaultText(a annotation.AttributeDef) string {
	if a.Default == "" {
		return ""
	}
	return ", default " + a.Default
}

// valuesInUse is "used by 4: yes 3, no 1" for the values' counts.
func valuesInUse(counts map[string]int) string {
	total := 0
	var parts []string
	for _, v := range slices.Sorted(maps.Keys(counts)) {
		total += counts[v]
		parts = append(parts, fmt.Sprintf("%s %d", orDash(v), counts[v]))
	}
	if total == 0 {
		return "no annotation holds a value"
	}
	return fmt.Sprintf("%s hold a value: %s", annotation.Plural(total, "annotation"), strings.Join(parts, ", "))
}

// attributeDialog adds an attribute to the chosen label (a nil) or edits
// a: name, kind (yes/no, one of a list, free text), values, default.
func (c *codebookEditor) attributeDialog(a *annotation.AttributeDef) {
	u, label := c.u, c.chosen
	if label == "" || !c.flushLabel() {
		return
	}
	name := newDialogEntry(u, false)
	values := newDialogEntry(u, false)
	values.SetPlaceHolder("Values, separated by commas")
	def := newDialogEntry(u, false)
	def.SetPlaceHolder("None")
	kind := widget.NewRadioGroup([]string{attrYesNo, attrList, attrFree}, func(s string) {
		if s == attrList {
			values.Enable()
		} else {
			values.Disable()
		}
	})
	kind.Horizontal = true
	title, button := "Add an attribute to "+label, "Add"
	inUse := lowLabel()
	if a != nil {
		title, button = fmt.Sprintf("Attribute %s of %s", a.Name, label), "Save"
		name.SetText(a.Name)
		values.SetText(strings.Join(a.Values, ", "))
		def.SetText(a.Default)
		kind.SetSelected(attrKind(*a))
		inUse.SetText("In use: " + valuesInUse(c.use.Attributes[label][a.Name]) + ". A new name renames it in every annotation; a value in use cannot be left out of the list.")
	} else {
		kind.SetSelected(attrYesNo)
	}
	problem := problemLabel()
	var d *dialog.CustomDialog
	save := func() {
		at := annotation.AttributeDef{Name: strings.TrimSpace(name.Text), Default: strings.TrimSpace(def.Text)}
		switch kind.Selected {
		case attrYesNo:
			at.Values = []string{"yes", "no"}
		case attrList:
			for _, v := range strings.Split(values.Text, ",") {
				if v = strings.TrimSpace(v); v != "" && !slices.Contains(at.Values, v) {
					at.Values = append(at.Values, v)
				}
			}
			if len(at.Values) == 0 {
				say(problem, "List the values, separated by commas, or choose Free text.")
				return
			}
		}
		if at.Name == "" {
			say(problem, "An attribute needs a name: type one.")
			return
		}
		e := annotation.CodebookEdit{Op: annotation.OpAddAttribute, Label: label, Attr: at}
		desc := fmt.Sprintf("add of attribute %s to %s", at.Name, label)
		if a != nil {
			e = annotation.CodebookEdit{Op: annotation.OpUpdateAttribute, Label: label, Name: a.Name, Attr: at}
			desc = fmt.Sprintf("edit of attribute %s of %s", a.Name, label)
		}
		if c.apply(desc, e, problem) {
			d.Hide()
			c.chooseLabel(label)
		}
	}
	form := widget.NewForm(widget.NewFormItem("Name", name), widget.NewFormItem("Kind", kind),
		widget.NewFormItem("Values", values), widget.NewFormItem("Default", def))
	ok := widget.NewButton(button, save)
	ok.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(title, container.NewVBox(form, inUse, problem), u.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", func() { d.Hide() }), ok})
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
	u.keyed(d.Hide, save)
	u.win.Canvas().Focus(name)
}

// askDeleteAttribute deletes attribute a of the chosen label after saying
// which values go with it.
func (c *codebookEditor) askDeleteAttribute(a annotation.AttributeDef) {
	label := c.chosen
	msg := fmt.Sprintf("Delete the attribute %s of %s? %s.", a.Name, label, capitalise(valuesInUse(c.use.Attributes[label][a.Name])))
	if c.use.AttributeUses(label, a.Name) > 0 {
		msg += " Those values are removed from the annotations (Ctrl+Z brings them back once this window is closed)."
	}
	c.u.confirmRemoval("Delete attribute", msg, "Delete", func() {
		if c.apply(fmt.Sprintf("delete of attribute %s of %s", a.Name, label),
			annotation.CodebookEdit{Op: annotation.OpDeleteAttribute, Label: label, Name: a.Name}, c.problem) {
			c.chooseLabel(label)
		}
	})
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// ---- Relation types ----

func (c *codebookEditor) relationsTab() fyne.CanvasObject {
	u := c.u
	c.rels = widgets.NewRowList(
		func() int { return len(u.s.Labels().RelationTypes()) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i int, o fyne.CanvasObject) {
			rs := u.s.Labels().RelationTypes()
			if i < len(rs) {
				r := rs[i]
				setText(o.(*widget.Label), fmt.Sprintf("%s · %s → %s · %s", r.Name, kindsText(r.From), kindsText(r.To), annotation.Plural(c.use.Relations[r.Name].Count, "link")))
			}
		},
	)
	c.rels.OnTypedKey = u.typedKey
	c.rels.OnSelected = func(i int) {
		rs := u.s.Labels().RelationTypes()
		if i >= len(rs) || rs[i].Name == c.relChosen {
			return
		}
		if !c.flushRelation() {
			c.selectRelation()
			return
		}
		c.chooseRelation(rs[i].Name)
	}
	c.relName = newDialogEntry(u, false)
	c.relFrom = widget.NewCheckGroup(kindNames(), nil)
	c.relFrom.Horizontal = true
	c.relTo = widget.NewCheckGroup(kindNames(), nil)
	c.relTo.Horizontal = true
	c.relColour = widget.NewSelect(colourChoices("", true), nil)
	c.relDesc = newDialogEntry(u, true)
	c.relDesc.SetMinRowsVisible(3)
	c.relUses = lowLabel()
	c.relProblem = problemLabel()
	save := widget.NewButtonWithIcon("Save relation type", theme.DocumentSaveIcon(), func() { c.saveRelation() })
	save.Importance = widget.HighImportance
	del := widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), c.askDeleteRelation)
	del.Importance = widget.DangerImportance
	add := widget.NewButtonWithIcon("Add relation type", theme.ContentAddIcon(), c.addRelation)
	c.relUI = []fyne.Disableable{c.relName, c.relFrom, c.relTo, c.relColour, c.relDesc, save, del}
	items := []*widget.FormItem{
		widget.NewFormItem("Name", c.relName), widget.NewFormItem("From", c.relFrom), widget.NewFormItem("To", c.relTo),
		widget.NewFormItem("Colour", c.relColour), widget.NewFormItem("Description", c.relDesc),
	}
	items[0].HintText = "A new name retypes every link of it (one step)"
	items[1].HintText = "The kinds of label a link of this type starts from; none ticked: any"
	items[2].HintText = "The kinds it goes to; none ticked: any"
	editor := container.NewVBox(widget.NewForm(items...), c.relUses, c.relProblem, container.NewHBox(del, layout.NewSpacer(), save))
	split := container.NewHSplit(container.NewBorder(nil, container.NewHBox(add), nil, nil, c.rels), container.NewVScroll(editor))
	split.Offset = 0.35
	if rs := u.s.Labels().RelationTypes(); len(rs) > 0 {
		c.chooseRelation(rs[0].Name)
		c.rels.Select(0)
	} else {
		c.chooseRelation("")
	}
	return split
}

func kindsText(ks []annotation.Kind) string {
	if len(ks) == 0 {
		return "any"
	}
	var out []string
	for _, k := range ks {
		out = append(out, string(k))
	}
	return strings.Join(out, ", ")
}

func kindsOf(names []string) []annotation.Kind {
	var out []annotation.Kind
	for _, k := range annotation.Kinds() { // in the kinds' order, whatever the ticking order
		if slices.Contains(names, string(k)) {
			out = append(out, k)
		}
	}
	return out
}

func kindStrings(ks []annotation.Kind) []string {
	out := []string{}
	for _, k := range ks {
		out = append(out, string(k))
	}
	return out
}

// chooseRelation shows relation type name in the editor; "" empties it.
func (c *codebookEditor) chooseRelation(name string) {
	r, ok := c.u.s.Labels().Relation(name)
	say(c.relProblem, "")
	if !ok {
		c.relChosen = ""
		for _, f := range c.relUI {
			f.Disable()
		}
		c.relName.SetText("")
		c.relDesc.SetText("")
		c.relUses.SetText("Add a relation type, or choose one in the list.")
		return
	}
	c.relChosen = name
	for _, f := range c.relUI {
		f.Enable()
	}
	c.relName.SetText(r.Name)
	c.relFrom.SetSelected(kindStrings(r.From))
	c.relTo.SetSelected(kindStrings(r.To))
	c.relColour.Options = colourChoices(r.Color, true)
	if r.Color == "" {
		c.relColour.SetSelected(noColour)
	} else {
		c.relColour.SetSelected(paletteName(r.Color))
	}
	c.relDesc.SetText(r.Description)
	c.relUses.SetText(usesText(c.use.Relations[r.Name], "link"))
}

func (c *codebookEditor) selectRelation() {
	i := slices.IndexFunc(c.u.s.Labels().RelationTypes(), func(r annotation.RelationType) bool { return r.Name == c.relChosen })
	if i < 0 {
		c.rels.UnselectAll()
		return
	}
	c.rels.Select(i)
}

func (c *codebookEditor) editedRelation() annotation.RelationType {
	return annotation.RelationType{Name: strings.TrimSpace(c.relName.Text), From: kindsOf(c.relFrom.Selected),
		To: kindsOf(c.relTo.Selected), Color: colourHex(c.relColour.Selected), Description: strings.TrimSpace(c.relDesc.Text)}
}

func (c *codebookEditor) relationDirty() bool {
	r, ok := c.u.s.Labels().Relation(c.relChosen)
	if !ok {
		return false
	}
	e := c.editedRelation()
	return e.Name != r.Name || e.Color != r.Color || e.Description != r.Description ||
		!slices.Equal(e.From, r.From) || !slices.Equal(e.To, r.To)
}

func (c *codebookEditor) flushRelation() bool { return !c.relationDirty() || c.saveRelation() }

func (c *codebookEditor) saveRelation() bool {
	if c.relChosen == "" {
		return false
	}
	r := c.editedRelation()
	if r.Name == "" {
		say(c.relProblem, "A relation type needs a name: type one.")
		return false
	}
	if _, ok := c.u.s.Labels().Relation(r.Name); ok && r.Name != c.relChosen {
		say(c.relProblem, fmt.Sprintf("There is already a relation type %s: choose another name.", quoted(r.Name, 40)))
		return false
	}
	if !c.relationDirty() {
		return true
	}
	desc := "edit of relation type " + c.relChosen
	if r.Name != c.relChosen {
		desc = fmt.Sprintf("rename of relation type %s to %s", c.relChosen, r.Name)
	}
	if !c.apply(desc, annotation.CodebookEdit{Op: annotation.OpUpdateRelation, Name: c.relChosen, Relation: r}, c.relProblem) {
		return false
	}
	c.rels.Refresh()
	c.chooseRelation(r.Name)
	return true
}

func (c *codebookEditor) addRelation() {
	if !c.flushRelation() {
		return
	}
	name := "new_relation"
	for i := 2; ; i++ {
		if _, ok := c.u.s.Labels().Relation(name); !ok {
			break
		}
		name = fmt.Sprintf("new_relation_%d", i)
	}
	if !c.apply("add of relation type "+name, annotation.CodebookEdit{Op: annotation.OpAddRelation, Relation: annotation.RelationType{Name: name}}, c.relProblem) {
		return
	}
	c.rels.Refresh()
	c.chooseRelation(name)
	c.selectRelation()
	c.u.win.Canvas().Focus(c.relName)
}

// askDeleteRelation deletes the chosen relation type, after saying how
// many links use it and offering to retype them or remove them.
func (c *codebookEditor) askDeleteRelation() {
	u, name := c.u, c.relChosen
	if name == "" {
		return
	}
	use := c.use.Relations[name]
	if use.Count == 0 {
		u.confirmRemoval("Delete relation type", fmt.Sprintf("Delete the relation type %s? No link uses it.", name), "Delete", func() {
			c.deleteRelation(annotation.CodebookEdit{Op: annotation.OpDeleteRelation, Name: name}, c.relProblem)
		})
		return
	}
	var others []string
	for _, r := range u.s.Labels().RelationTypes() {
		if r.Name != name {
			others = append(others, r.Name)
		}
	}
	msg := fmt.Sprintf("The relation type %s is used by %s in %s. Before it goes, they are:", name,
		annotation.Plural(use.Count, "link"), annotation.Plural(use.Documents, "article"))
	u.askMoveOrDrop("Delete relation type "+name, msg, "Made links of another type", "Removed", others,
		func(into string, problem *widget.Label) bool {
			return c.deleteRelation(annotation.CodebookEdit{Op: annotation.OpDeleteRelation, Name: name, Into: into, Drop: into == ""}, problem)
		})
}

func (c *codebookEditor) deleteRelation(e annotation.CodebookEdit, problem *widget.Label) bool {
	desc := "delete of relation type " + e.Name
	if e.Into != "" {
		desc += ", its links retyped to " + e.Into
	}
	if !c.apply(desc, e, problem) {
		return false
	}
	c.rels.Refresh()
	rs := c.u.s.Labels().RelationTypes()
	if len(rs) == 0 {
		c.chooseRelation("")
		c.rels.UnselectAll()
		return true
	}
	c.chooseRelation(rs[0].Name)
	c.selectRelation()
	return true
}

// ---- Guidelines ----

func (c *codebookEditor) guidelinesTab() fyne.CanvasObject {
	c.guide = newDialogEntry(c.u, true)
	c.guide.SetText(c.u.s.Labels().Guidelines)
	c.guide.SetPlaceHolder("# Guidelines\n\nHow to annotate in this project, in Markdown. The Guidelines pane (View menu) shows it beside the annotations, with each label's description.")
	c.guideProblem = problemLabel()
	save := widget.NewButtonWithIcon("Save guidelines", theme.DocumentSaveIcon(), func() { c.saveGuidelines() })
	save.Importance = widget.HighImportance
	hint := lowLabelText("Markdown: # headings, **bold**, *italic*, - lists, [links](…). Shown in View > Guidelines.")
	return container.NewBorder(nil, container.NewVBox(c.guideProblem, hint, container.NewHBox(layout.NewSpacer(), save)), nil, nil, c.guide)
}

func (c *codebookEditor) guidelinesDirty() bool { return c.guide.Text != c.u.s.Labels().Guidelines }

func (c *codebookEditor) saveGuidelines() bool {
	if !c.guidelinesDirty() {
		return true
	}
	return c.apply("edit of the guidelines", annotation.CodebookEdit{Op: annotation.OpSetGuidelines, Guidelines: c.guide.Text}, c.guideProblem)
}

// ---- The dialog ----

// save saves the form of the tab shown (Enter).
func (c *codebookEditor) save() {
	switch c.tabs.SelectedIndex() {
	case 0:
		c.saveLabel()
	case 1:
		c.saveRelation()
	case 2:
		c.saveGuidelines()
	case 3:
		c.saveVerbs()
	}
}

// close saves what was typed and not saved, then closes the dialog; when
// the store refuses it the dialog stays open on the tab that says why.
func (c *codebookEditor) close() {
	for i, flush := range []func() bool{c.flushLabel, c.flushRelation, c.saveGuidelines, c.saveVerbs} {
		if !flush() {
			c.tabs.SelectIndex(i)
			return
		}
	}
	c.dlg.Hide()
}

// showCodebook opens Project > Codebook….
func (u *UI) showCodebook() *codebookEditor {
	if u.failDlg != nil || !u.panel.flush() {
		return nil
	}
	c := newCodebookEditor(u)
	c.dlg = dialog.NewCustomWithoutButtons("Codebook", c.tabs, u.win)
	c.dlg.SetButtons([]fyne.CanvasObject{widget.NewButton("Close", c.close)})
	c.dlg.Resize(fyne.NewSize(980, 640))
	c.dlg.Show()
	u.keyed(c.close, c.save)
	return c
}
