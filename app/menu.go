package app

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
	"glossa/app/session"
)

// Preference keys (a.Preferences()).
const (
	prefAnnotator  = "annotator"   // string: the name stored on every annotation; default the OS user
	prefWordSnap   = "wordSnap"    // bool: selections snap to whole words; default true
	prefTheme      = "theme"       // string: themeLight, themeDark or themeSystem (default)
	prefZoom       = "zoom"        // float: the article's zoom factor; default 1
	prefRecent     = "recentFiles" // string list: project files, most recent first
	prefLastFolder = "lastFolder"  // string: the folder of the last file chosen in choosePath
)

// Theme choices of prefTheme.
const (
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"
)

const maxRecent = 8

// maxSubmenu is the most items a submenu holds: 7 rows fit below the File
// menu's Export item in a window of 800x600 (12 export formats ran off its
// bottom; 8 were cut by a few pixels, Fyne's shift up misses its padding).
const maxSubmenu = 7

// capMenu returns items, or when they are more than maxSubmenu the first
// maxSubmenu-1 and an item named more that calls all (a dialog with every
// choice).
func capMenu(items []*fyne.MenuItem, more string, all func()) []*fyne.MenuItem {
	if len(items) <= maxSubmenu {
		return items
	}
	return append(slices.Clip(items[:maxSubmenu-1]), fyne.NewMenuItem(more, all))
}

// exportFormatsDialog offers every export format, for File > Export >
// Other formats….
func (u *UI) exportFormatsDialog() {
	var d dialog.Dialog
	grid := container.NewGridWithColumns(3)
	for _, f := range u.cfg.ExportFormats {
		grid.Add(widget.NewButton(strings.ToUpper(f)+"…", func() { d.Hide(); u.exportDialog(f) }))
	}
	content := container.NewVBox(widget.NewLabel("Export the project as:"), grid)
	d = dialog.NewCustom("Export", "Cancel", content, u.win)
	d.Show()
	u.keyed(d.Hide, nil)
}

// Shortcuts that have no standard fyne.Shortcut. Ctrl+Z, Ctrl+Y and
// Ctrl+C arrive from the driver as fyne.ShortcutUndo, ShortcutRedo and
// ShortcutCopy, so those are used for them instead of CustomShortcut (a
// CustomShortcut for Ctrl+Z would never fire).
func (u *UI) shortcuts() map[string]fyne.Shortcut {
	sd := fyne.KeyModifierShortcutDefault
	return map[string]fyne.Shortcut{
		"redo":    &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: sd | fyne.KeyModifierShift},
		"find":    &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: sd},
		"zoomIn":  &desktop.CustomShortcut{KeyName: fyne.KeyEqual, Modifier: sd},
		"zoomOut": &desktop.CustomShortcut{KeyName: fyne.KeyMinus, Modifier: sd},
		"zoom0":   &desktop.CustomShortcut{KeyName: fyne.Key0, Modifier: sd},
		"nextDoc": &desktop.CustomShortcut{KeyName: fyne.KeyPageDown, Modifier: sd},
		"prevDoc": &desktop.CustomShortcut{KeyName: fyne.KeyPageUp, Modifier: sd},
		"open":    &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: sd},
		"import":  &desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: sd},
		"done":    &desktop.CustomShortcut{KeyName: fyne.KeyD, Modifier: sd},
		"tagAll":  &desktop.CustomShortcut{KeyName: fyne.KeyT, Modifier: sd},
		"quit":    &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: sd},
		"details": &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: sd},
	}
}

// actions are what the shortcuts do. While a dialog is open they do
// nothing (quitting aside, and redo, which then acts on the dialog's text
// field only): the keys must not act on the article behind it.
func (u *UI) actions() map[string]func() {
	acts := map[string]func(){
		"redo":    u.redoItemAction,
		"find":    u.find.open,
		"zoomIn":  func() { u.zoom(1.1) },
		"zoomOut": func() { u.zoom(1 / 1.1) },
		"zoom0":   func() { u.zoom(0) },
		"nextDoc": func() { u.step(1) },
		"prevDoc": func() { u.step(-1) },
		"open":    u.openProjectDialog,
		"import":  u.importFilesDialog,
		"done":    u.markDoneAndNext,
		"tagAll":  u.tagAllOccurrences,
		"quit":    u.quit,
		"details": u.editDetailsDialog,
	}
	for name, f := range acts {
		if name != "quit" && name != "redo" {
			acts[name] = u.unlessDialog(f)
		}
	}
	return acts
}

// dialogOpen reports whether a dialog or pop-up is over the window.
func (u *UI) dialogOpen() bool {
	c := u.win.Canvas()
	return c != nil && c.Overlays().Top() != nil
}

// unlessDialog returns f made to do nothing while a dialog is open.
func (u *UI) unlessDialog(f func()) func() {
	return func() {
		if !u.dialogOpen() {
			f()
		}
	}
}

// addShortcuts puts every shortcut on the canvas too, so that they work
// whatever has the focus (the menu bar only handles them when it exists).
func (u *UI) addShortcuts() {
	sc, act := u.shortcuts(), u.actions()
	c := u.win.Canvas()
	for name, s := range sc {
		f := act[name]
		c.AddShortcut(s, func(fyne.Shortcut) { f() })
	}
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { u.unlessDialog(func() { u.undo() })() })
	c.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { u.unlessDialog(func() { u.redo() })() })
	c.AddShortcut(&fyne.ShortcutCopy{}, func(fyne.Shortcut) { u.unlessDialog(u.copy)() })
}

// textEntry is a text field: *widget.Entry and the types that embed it
// (widget.SelectEntry, commitEntry, findEntry).
type textEntry interface {
	fyne.Shortcutable
	Undo()
	Redo()
}

// toFocusedEntry hands s to the focused text field, if a text field has
// the focus, and reports whether it did. The driver runs a main-menu
// item's shortcut before the focused widget sees the keys, so the menu's
// Copy calls this first: in the Note or Find field Ctrl+C copies the
// field's text, as everywhere else. Undo and Redo: see historyItem.
func (u *UI) toFocusedEntry(s fyne.Shortcut) bool {
	e := u.focusedEntry()
	if e == nil {
		return false
	}
	e.TypedShortcut(s)
	return true
}

// undoItemAction, redoItemAction and copyItemAction are the Edit menu's
// Undo, Redo and Copy: the focused text field's (for Undo and Redo when it
// has typing to take back), or else the project's (not while a dialog is
// open).
func (u *UI) undoItemAction() { u.historyItem(true) }

func (u *UI) redoItemAction() { u.historyItem(false) }

func (u *UI) copyItemAction() {
	if !u.toFocusedEntry(&fyne.ShortcutCopy{Clipboard: u.app.Clipboard()}) && !u.dialogOpen() {
		u.copy()
	}
}

func (u *UI) makeMenu() *fyne.MainMenu {
	sc, act := u.shortcuts(), u.actions()
	item := func(label, name string) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, act[name])
		it.Shortcut = sc[name]
		return it
	}

	newProject := fyne.NewMenuItem("New project file…", u.newProjectDialog)
	openProject := item("Open project file…", "open")
	recent := fyne.NewMenuItem("Recent files", nil)
	recent.ChildMenu = u.recentMenu()
	restore := fyne.NewMenuItem("Restore from backup…", u.restoreDialog)
	importFiles := item("Import files…", "import")
	importFolder := fyne.NewMenuItem("Import folder…", u.importFolderDialog)
	merge := fyne.NewMenuItem("Merge annotator file…", u.mergeFileDialog)
	export := fyne.NewMenuItem("Export", nil)
	var exports []*fyne.MenuItem
	for _, f := range u.cfg.ExportFormats {
		exports = append(exports, fyne.NewMenuItem("Export as "+strings.ToUpper(f)+"…", func() { u.exportDialog(f) }))
	}
	export.ChildMenu = fyne.NewMenu("", capMenu(exports, "Other formats…", u.exportFormatsDialog)...)
	if u.cfg.Open == nil {
		newProject.Disabled, openProject.Disabled, recent.Disabled, restore.Disabled = true, true, true, true
	}
	if u.proj.Import == nil {
		importFiles.Disabled, importFolder.Disabled = true, true
	}
	merge.Disabled = u.proj.Merge == nil
	if u.proj.Export == nil || len(exports) == 0 {
		export.Disabled = true
	}
	quit := item("Quit", "quit")
	quit.IsQuit = true
	file := fyne.NewMenu("File", newProject, openProject, recent, restore, fyne.NewMenuItemSeparator(),
		importFiles, importFolder, merge, export, fyne.NewMenuItemSeparator(), quit)

	u.undoItem = fyne.NewMenuItem("Undo", u.undoItemAction)
	u.undoItem.Shortcut = &fyne.ShortcutUndo{}
	u.redoItem = item("Redo", "redo")
	cp := fyne.NewMenuItem("Copy", u.copyItemAction)
	cp.Shortcut = &fyne.ShortcutCopy{}
	del := fyne.NewMenuItem("Delete annotation (Del)", u.deleteSelected)
	entities := fyne.NewMenuItem("Entities…", func() { u.showEntities() })
	settings := fyne.NewMenuItem("Settings…", u.showSettings)
	edit := fyne.NewMenu("Edit", u.undoItem, u.redoItem, fyne.NewMenuItemSeparator(), cp, item("Find…", "find"),
		item("Tag all occurrences…", "tagAll"), del, fyne.NewMenuItemSeparator(), entities, settings)

	themeItem := func(label, value string) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, nil)
		it.Action = func() {
			u.app.Preferences().SetString(prefTheme, value)
			u.applyTheme()
			u.win.SetMainMenu(u.makeMenu())
		}
		it.Checked = u.app.Preferences().StringWithFallback(prefTheme, themeSystem) == value
		return it
	}
	guidelinesItem := fyne.NewMenuItem("Guidelines pane", u.toggleGuidelines)
	guidelinesItem.Checked = u.guidelinesOn()
	listItem := fyne.NewMenuItem("Article list", u.toggleArticleList)
	listItem.Checked = u.articleListOn()
	view := fyne.NewMenu("View", item("Zoom in", "zoomIn"), item("Zoom out", "zoomOut"), item("Actual size", "zoom0"),
		fyne.NewMenuItem("Reading settings…", u.unlessDialog(u.showReadingSettings)),
		fyne.NewMenuItemSeparator(), u.layerItem(), listItem, guidelinesItem, u.allLinksItem(),
		fyne.NewMenuItemSeparator(), fyne.NewMenuItem("Statistics…", u.showStatistics), fyne.NewMenuItem("Who said what…", u.showWhoSaid),
		fyne.NewMenuItemSeparator(), themeItem("Light theme", themeLight), themeItem("Dark theme", themeDark), themeItem("System theme", themeSystem))

	var statusItems []*fyne.MenuItem
	for _, s := range statuses {
		statusItems = append(statusItems, fyne.NewMenuItem("Mark as "+statusName(s), func() { u.setDocStatus(s) }))
	}
	doc := fyne.NewMenu("Article", slices.Concat(statusItems, []*fyne.MenuItem{item("Mark as done and open the next", "done"), fyne.NewMenuItemSeparator(),
		item("Next article", "nextDoc"), item("Previous article", "prevDoc"), fyne.NewMenuItemSeparator()},
		u.suggestionItems(), []*fyne.MenuItem{fyne.NewMenuItemSeparator()}, u.articleItems(item))...)

	// The codebook is the project file's, neither an article's nor an
	// edit's: a menu of its own, as the issue names it.
	project := fyne.NewMenu("Project", fyne.NewMenuItem("Codebook…", func() { u.showCodebook() }),
		fyne.NewMenuItem("Agreement…", u.showAgreement),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Curate (the curated layer)", func() { u.setView(session.LayerView{Kind: session.ViewCurated}) }),
		fyne.NewMenuItem("Accept agreed units in this article", u.curation.acceptAgreed),
		fyne.NewMenuItem("Accept agreed units in every article…", u.curation.acceptAgreedCorpusDialog))

	help := fyne.NewMenu("Help", fyne.NewMenuItem("Keyboard shortcuts", u.showKeys), fyne.NewMenuItem("About Glossa", u.showAbout))
	m := fyne.NewMainMenu(file, edit, view, doc, project, help)
	u.updateUndoItemsIn(m)
	return m
}

func (u *UI) updateUndoItemsIn(*fyne.MainMenu) {
	u.undoItem.Disabled = u.s.UndoSteps() == 0
	u.redoItem.Disabled = u.s.RedoSteps() == 0
}

// copy copies the article's selection, or the selected annotation's text.
func (u *UI) copy() {
	_, _, text := u.article.Selection()
	if text == "" {
		if a := u.s.Annotation(u.s.Selected()); a != nil {
			text = a.Quote()
		}
	}
	if text == "" {
		return
	}
	u.app.Clipboard().SetContent(text)
	u.setStatus("Copied " + quoted(text, 50) + ".")
}

func (u *UI) markDoneAndNext() {
	u.setDocStatus("done")
	u.step(1)
}

func (u *UI) zoom(f float32) {
	z := float32(u.app.Preferences().FloatWithFallback(prefZoom, 1))
	if f == 0 {
		z = 1
	} else {
		z *= f
	}
	z = max(0.5, min(z, 3))
	u.app.Preferences().SetFloat(prefZoom, float64(z))
	u.readingShown()
	u.setStatus(fmt.Sprintf("Zoom %d%%", int(z*100+0.5)))
}

// fixedTheme is the default theme forced to one variant.
type fixedTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t fixedTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

func (u *UI) applyTheme() {
	switch u.app.Preferences().StringWithFallback(prefTheme, themeSystem) {
	case themeLight:
		u.app.Settings().SetTheme(fixedTheme{theme.DefaultTheme(), theme.VariantLight})
	case themeDark:
		u.app.Settings().SetTheme(fixedTheme{theme.DefaultTheme(), theme.VariantDark})
	default:
		u.app.Settings().SetTheme(theme.DefaultTheme())
	}
}

func (u *UI) showSettings() {
	p := u.app.Preferences()
	name := newDialogEntry(u, false)
	name.SetText(u.annotator())
	snap := widget.NewCheck("Snap selections to whole words", nil)
	snap.SetChecked(p.BoolWithFallback(prefWordSnap, true))
	themes := []string{"System", "Light", "Dark"}
	values := []string{themeSystem, themeLight, themeDark}
	th := widget.NewRadioGroup(themes, nil)
	for i, v := range values {
		if v == p.StringWithFallback(prefTheme, themeSystem) {
			th.SetSelected(themes[i])
		}
	}
	items := []*widget.FormItem{
		widget.NewFormItem("Annotator", name),
		widget.NewFormItem("Selection", snap),
		widget.NewFormItem("Theme", th),
	}
	items[0].HintText = "Stored on every annotation you make; your layer's name"
	d := dialog.NewForm("Settings", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		if n := strings.TrimSpace(name.Text); n != "" {
			if err := u.s.SetAnnotator(n); err != nil {
				u.showError(err, "The annotator name stays "+u.annotator()+".")
				return
			}
			p.SetString(prefAnnotator, n)
			u.refreshAnnotations() // which layer is yours, filled, changed
		}
		p.SetBool(prefWordSnap, snap.Checked)
		u.article.SetWordSnap(snap.Checked)
		for i, t := range themes {
			if t == th.Selected {
				p.SetString(prefTheme, values[i])
			}
		}
		u.applyTheme()
		u.win.SetMainMenu(u.makeMenu())
		u.setStatus("Settings saved.")
	}, u.win)
	d.Show()
	u.keyed(d.Hide, d.Submit)
}

// keyHelp lists the keyboard shortcuts, for Help > Keyboard shortcuts.
func (u *UI) keyHelp() [][2]string {
	rows := [][2]string{}
	for _, l := range u.s.Labels().Labels {
		if l.Key != "" {
			rows = append(rows, [2]string{l.Key, "Tag the selected text as " + l.Name})
		}
	}
	if src := u.s.Labels().OfKind(annotation.KindSource); len(src) > 0 && src[0].Key != "" {
		rows = append(rows, [2]string{src[0].Key + " with a claim selected", "Tag the selected text as the claim's source and link them"})
	}
	return append(rows,
		[2]string{"+", "Add the selected text as another span of the selected annotation"},
		[2]string{"Tab, Shift+Tab in the article or the annotation list", "Select the next / previous suggestion (from the selected one, or from the text selected: Ctrl+F, then Escape, then Tab goes to the first one after the match)"},
		[2]string{"Enter with a suggestion selected", "Accept it (a claim with its suggested source and cue, in one undo step) and select the next"},
		[2]string{"Delete or Backspace with a suggestion selected", "Reject it (with the source and cue only it had): it is not proposed again"},
		[2]string{"] and [", "Select the next / previous annotation of the article"},
		[2]string{"1–9 in the Curation pane (View > Layer > Curated layer)", "Accept that annotator's version of the selected unit into the curated layer (replacing the unit's curated annotations) and select the next unit left to decide"},
		[2]string{"Enter, Left / Right in the Curation pane", "Accept the selected version; choose the version"},
		[2]string{"Up / Down in a list", "Select the previous / next row: article, annotation (headings passed over) or entity. A click in a list gives it these keys; the keys above work there too"},
		[2]string{"Page Up / Page Down in a list", "Move the selection by a page"},
		[2]string{"Home / End in a list", "Select the first / last row"},
		[2]string{"Enter in the annotation list", "Show the selected annotation in the article (on a suggestion: accept it)"},
		[2]string{"Ctrl-click, Shift-click, Shift+Up / Down in the annotation list", "Select several annotations; then Delete deletes them and a label's key relabels them, each as one undo step"},
		[2]string{"Delete", "Delete the selected annotation"},
		[2]string{"Click on a link's arc, then Delete", "Select the link (its type and ends in the status line), remove it (Ctrl+Z brings it back). View > Show all links draws every link of the lines on screen"},
		[2]string{"Escape", "Deselect; cancel picking a source"},
		[2]string{"Ctrl+Z", "Undo (in a text field, its typing first)"},
		[2]string{"Ctrl+Shift+Z, Ctrl+Y", "Redo (in a text field, its typing first)"},
		[2]string{"Ctrl+C", "Copy the selected text"},
		[2]string{"Ctrl+F", "Find in the article"},
		[2]string{"In the find field: Enter or F3, Shift+F3, Escape", "Next match, previous match, close the find bar"},
		[2]string{"F3 in the article", "Next match"},
		[2]string{"Ctrl+T", "Tag all occurrences of the selected annotation's text"},
		[2]string{"Ctrl+Page Down / Up", "Next / previous article"},
		[2]string{"Ctrl+D", "Mark the article done and open the next"},
		[2]string{"Ctrl+E", "Edit the article's details: title, outlet, URL, authors, dates, language"},
		[2]string{"Delete in the article list", "Delete the selected article(s) with their annotations (asks first)"},
		[2]string{"Ctrl-click, Shift-click, Shift+Up / Down in the article list", "Select several articles"},
		[2]string{"Ctrl+= / Ctrl+- / Ctrl+0", "Text size larger / smaller / actual size (View > Reading settings… too)"},
		[2]string{"Up / Down, Page Up / Down, Home / End in the article", "Scroll by a line, by a page, to the start / end"},
		[2]string{"Ctrl+O, Ctrl+I", "Open a project file; import files"},
		[2]string{"Ctrl+Q", "Quit (text typed and not yet saved is saved first)"},
		[2]string{"Escape, Enter in a dialog", "Close it; press its default button"},
		[2]string{"Tab, Shift+Tab", "Next, previous field"},
	)
}

func (u *UI) showKeys() {
	rows := u.keyHelp()
	grid := container.New(formGrid{})
	for _, r := range rows {
		grid.Add(widget.NewLabelWithStyle(r[0], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		l := widget.NewLabel(r[1])
		l.Wrapping = fyne.TextWrapWord
		grid.Add(l)
	}
	d := dialog.NewCustom("Keyboard shortcuts", "Close", container.NewVScroll(grid), u.win)
	d.Resize(fyne.NewSize(640, 560))
	d.Show()
	u.keyed(d.Hide, d.Hide)
}

// formGrid lays out pairs of objects in two columns, as a form does.
type formGrid struct{}

func (formGrid) widths(objs []fyne.CanvasObject) float32 {
	var w float32
	for i := 0; i < len(objs); i += 2 {
		w = max(w, objs[i].MinSize().Width)
	}
	return w
}

func (g formGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := g.widths(objs)
	var h float32
	for i := 0; i+1 < len(objs); i += 2 {
		h += max(objs[i].MinSize().Height, objs[i+1].MinSize().Height) + theme.Padding()
	}
	return fyne.NewSize(w+300, h)
}

func (g formGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := g.widths(objs)
	var y float32
	for i := 0; i+1 < len(objs); i += 2 {
		right := size.Width - w - theme.Padding()
		objs[i+1].Resize(fyne.NewSize(right, objs[i+1].MinSize().Height))
		h := max(objs[i].MinSize().Height, objs[i+1].MinSize().Height)
		objs[i].Move(fyne.NewPos(0, y))
		objs[i].Resize(fyne.NewSize(w, h))
		objs[i+1].Move(fyne.NewPos(w+theme.Padding(), y))
		objs[i+1].Resize(fyne.NewSize(right, h))
		y += h + theme.Padding()
	}
}

func (u *UI) showAbout() {
	v := u.cfg.Version
	if v == "" {
		v = "development build"
	}
	text := fmt.Sprintf("Glossa %s\n\nAnnotate claims, their sources and the entities of news articles, offline.\n\nOpen project file:\n%s\n\nDefault project file:\n%s\n\nAnnotator: %s",
		v, u.st.Path(), orDash(u.cfg.DataPath), u.annotator())
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	d := dialog.NewCustom("About Glossa", "Close", l, u.win)
	d.Resize(fyne.NewSize(520, 340))
	d.Show()
	u.keyed(d.Hide, d.Hide)
}
