// Package app is Glossa's desktop window: the article list on the left, the
// article with its highlights in the centre, the annotation panel on the
// right, with menus, shortcuts, undo and redo, find, and the dialogs for
// long work. It is the only package that knows both Fyne and the domain.
//
// The window's editing state (labels, articles, the open article, its
// annotations, the selection, the undo history) is a session.Session, which
// knows no Fyne; the window is views over it that redraw what each
// session.Step says changed. The project reaches the window as a Project:
// its Store (the small interface declared here; storage.Store satisfies
// it, and internal/desktop checks so at compile time) and the import,
// export and after-show work bound to it. Tests use a fake Store that
// passes the same contract as the real one (app/storetest).
//
// Every edit is written through the store at once: the window shows an
// annotation only after the store has taken it, and when the store refuses
// an edit a dialog says what happened and what to do. Undo and redo keep one
// history for the whole project file, cleared when another project file is
// opened.
package app

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"os"
	"os/user"
	"slices"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
	"glossa/app/session"
	"glossa/widgets"
)

// Store is what the window needs of a project file: what the editing
// session needs, and the file's own operations.
type Store interface {
	session.Store
	// EachBundle calls fn with every document (with its text) and its
	// annotations, in document id order, in one consistent read; fn may
	// not keep b's slices, which the next call may reuse. The agreement
	// window computes from it, on a goroutine of its own, while edits go
	// on. An error from fn stops the walk and is returned.
	EachBundle(fn func(b annotation.Bundle) error) error
	// EachAnnotated is EachBundle without the texts (b.Document.Text is
	// empty; the annotations' spans keep their own text): the statistics
	// and the who-said-what graph read no text, and a corpus's texts are
	// most of its bytes.
	EachAnnotated(fn func(b annotation.Bundle) error) error
	// Backup writes a consistent copy of the project file to path.
	Backup(path string) error
	// Backups lists the automatic backups of the project file, newest
	// first.
	Backups() []string
	Path() string
	Close() error
}

// Project is an open project file as the window gets it: the store it
// edits, and the work main wires to that store. A nil function disables
// what needs it (menu items, drops).
type Project struct {
	Store
	// Import reads the files or folders at paths into the project. It runs
	// on a goroutine, reports progress (progress may be called from any
	// goroutine) and stops early when ctx is cancelled. The summary is shown
	// to the user.
	Import func(ctx context.Context, paths []string, progress func(done, total int, msg string)) (summary string, err error)
	// Merge brings the annotators' files at paths into the project as
	// their layers (File > Merge annotator file…), on a goroutine, as
	// Import does.
	Merge func(ctx context.Context, paths []string, progress func(done, total int, msg string)) (summary string, err error)
	// Export writes the whole project in format (one of
	// Config.ExportFormats) to path, on a goroutine, as Import does.
	Export func(ctx context.Context, format, path string, progress func(done, total int)) error
	// Suggest, if not nil, computes the pending suggestions of an article
	// (session.SuggestRun.Compute); the window calls it on a goroutine of
	// its own, one article at a time, after an article opens and after an
	// import, for the articles whose suggestions an older suggester made
	// or none, and stores what it returns. nil: no suggestions are
	// computed (those stored are still reviewed).
	Suggest func(session.SuggestRun) []annotation.Annotation
	// AfterShow, if not nil, is called on the UI goroutine once the window
	// has drawn its first frame and the first article is open (ShowAndRun
	// only, for the project the window opens with): work that may wait,
	// such as the automatic backup. It must return at once; an error it
	// hands to fail, from any goroutine, is shown in a dialog.
	AfterShow func(fail func(error))
}

// Config holds what the window gets from main.go. Every function may be
// nil; the menu items that need it are then disabled.
type Config struct {
	Version  string // shown in About
	DataPath string // the default project file, shown in About
	// Open opens or creates the project file at path (File > New, Open,
	// Recent). The window closes the store it had after the new one opened.
	Open func(path string) (Project, error)
	// Create creates a project file at path, which must not exist, with
	// the codebook given (File > New project, after choosing a template);
	// nil makes New create it through Open, with the store's default.
	Create        func(path string, codebook annotation.LabelSet) (Project, error)
	ExportFormats []string // e.g. "json", "jsonl": one File > Export item each (the first 6 when there are more, then Other formats…)
	// OpenAfterShow: New reads only the labels, and ShowAndRun reads the
	// list of articles and opens the first once the window has drawn its
	// first frame, so that the window appears as fast as an empty one.
	// Without it New reads everything (tests, benchmarks).
	OpenAfterShow bool
}

// UI is the main window with everything it shows.
type UI struct {
	app  fyne.App
	win  fyne.Window
	cfg  Config
	proj Project // the open project: its store is st
	st   Store

	s        *session.Session                 // the editing state: articles, annotations, selection, history
	picking  bool                             // the next click on a source in the article links it to the selected claim
	failDlg  *dialog.CustomDialog             // the failed-edit dialog while it is open
	registry *entityRegistry                  // Edit > Entities… while it is open
	dlgKeys  map[fyne.CanvasObject]dialogKeys // Escape and Enter of the dialogs open, by overlay

	article   *widgets.ArticleView
	articles  *articleList
	panel     *annotationPanel
	find      *findBar
	title     *widget.Label
	meta      *widget.Label
	statusSel *widget.Select
	layerSel  *widget.Select       // the layer view (layers.go)
	layers    projectLayers        // the project's layers, as layersChanged read them
	labelBar  *widgets.OverflowBar // a label's key and name; those that do not fit in its "More" menu
	side      *fyne.Container      // the annotation panel, and the guidelines pane beside it when shown
	guide     *guidelinesPane
	// centreSplit divides the article from the side; the side widens
	// while the guidelines pane is shown.
	centreSplit *container.Split
	// listSplit divides the article list from the rest; the list can be
	// hidden (View > Article list) to give a small window's width to the
	// article.
	listSplit *container.Split
	// sugShown are the ids of the suggestions whose highlights are drawn;
	// suggestQueue the articles waiting for the suggester, suggesting the
	// one it is working on (0: none); background runs it (go f()).
	sugShown     []uint64
	suggestQueue []uint64
	suggesting   uint64
	background   func(f func())
	// modifiers returns the modifier keys held; nil: the driver's.
	modifiers func() fyne.KeyModifier
	agree     *agreementWindow // Project > Agreement… while it is open
	whoSaid   *whoSaidWindow   // View > Who said what… while it is open
	curation  *curationPane    // above the annotation panel in the curated view
	statusBar *widget.Label
	status    string // the last setStatus message
	undoItem  *fyne.MenuItem
	redoItem  *fyne.MenuItem
	links     linkView // the links drawn in the article (links.go)

	// stats is View > Statistics… while it is open.
	stats *statisticsWindow
}

// New builds Glossa's main window on the project p. It shows the first
// document of the corpus, if any. Call ShowAndRun, or Window().Show().
func New(a fyne.App, p Project, cfg Config) *UI {
	st := p.Store
	u := &UI{app: a, cfg: cfg, proj: p, st: st, background: func(f func()) { go f() }}
	u.s = u.newSession(st)
	u.win = a.NewWindow("Glossa")
	u.win.Resize(fyne.NewSize(1280, 800))
	u.applyTheme()
	content := u.build()
	if cfg.OpenAfterShow {
		u.loadLabels()
		u.closeDocument()
		u.setStatus("Opening " + st.Path() + "…")
	} else {
		u.loadProject()
	}
	// The content goes in last, so that the article is first laid out with
	// its text.
	u.win.SetContent(content)
	u.win.Canvas().SetOnTypedRune(u.typedRune)
	u.win.Canvas().SetOnTypedKey(u.typedKey)
	u.win.SetMainMenu(u.makeMenu())
	u.addShortcuts()
	u.win.SetOnDropped(u.dropped)
	u.win.SetCloseIntercept(u.closeRequested)
	u.addRecent(st.Path())
	return u
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.win }

// ShowAndRun shows the window and runs the app until it quits, then closes
// the project file.
func (u *UI) ShowAndRun() {
	if u.cfg.OpenAfterShow || u.proj.AfterShow != nil {
		u.afterFirstFrame(func() {
			if u.cfg.OpenAfterShow {
				u.loadDocuments()
			}
			if f := u.proj.AfterShow; f != nil {
				f(func(err error) { fyne.Do(func() { u.showError(err, "") }) })
			}
		})
	}
	u.win.ShowAndRun()
	if u.st != nil {
		_ = u.st.Close() // bbolt has synced every edit already
	}
}

func (u *UI) build() fyne.CanvasObject {
	u.article = widgets.NewArticleView()
	u.article.OnTypedRune = u.typedRune
	u.article.OnTypedKey = u.typedKey
	u.article.OnHighlightTapped = u.highlightTapped
	u.article.OnSecondaryTap = u.secondaryTapped
	u.article.OnHover = u.hovered
	u.article.CaptureTab = u.capturesTab
	u.article.OnLinkSelected = u.linkSelected
	u.applyLinkMode()
	u.article.OnSelect = func(int, int) { u.setStatus(u.selectionStatus()) }
	u.article.SetWordSnap(u.app.Preferences().BoolWithFallback(prefWordSnap, true))
	u.readingShown()

	u.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	u.title.Wrapping = fyne.TextWrapWord
	u.title.SizeName = theme.SizeNameSubHeadingText
	u.meta = widget.NewLabel("")
	u.meta.Wrapping = fyne.TextWrapWord
	u.meta.Selectable = true
	u.statusSel = widget.NewSelect(statusNames(), func(s string) { u.setDocStatus(statusFromName(s)) })
	u.statusSel.PlaceHolder = "Status"
	u.labelBar = widgets.NewOverflowBar()
	u.statusBar = widget.NewLabel("")
	u.statusBar.Truncation = fyne.TextTruncateEllipsis

	u.articles = newArticleList(u)
	u.panel = newAnnotationPanel(u)
	u.curation = newCurationPane(u)
	u.find = newFindBar(u)

	u.layerSel = u.newLayerSelect()
	choices := container.NewGridWrap(fyne.NewSize(170, u.statusSel.MinSize().Height), u.layerSel, u.statusSel)
	header := container.New(&besideOrBelow{minMain: 320}, container.NewVBox(u.title, u.meta), container.NewVBox(choices))
	top := container.NewVBox(header, u.labelBar, u.find.box)
	centre := container.NewBorder(top, nil, nil, nil, u.article)

	u.guide = newGuidelinesPane()
	u.side = container.NewStack()
	right := container.NewHSplit(centre, u.side)
	u.centreSplit = right
	u.sideShown()
	u.listSplit = container.NewHSplit(u.articles.content, right)
	u.listSplit.Offset = 0.2
	u.articleListShown()
	return container.NewBorder(nil, container.NewBorder(widget.NewSeparator(), nil, nil, nil, u.statusBar), nil, nil, u.listSplit)
}

// afterFirstFrame runs f on the UI goroutine once the window has drawn a
// frame: animations tick just before each frame is drawn, so the tick
// after the one that found the window laid out comes after a drawn frame.
func (u *UI) afterFirstFrame(f func()) {
	laidOut := false
	var a *fyne.Animation
	a = &fyne.Animation{
		Duration:    time.Second,
		RepeatCount: fyne.AnimationRepeatForever,
		Tick: func(float32) {
			if !laidOut {
				laidOut = !u.win.Canvas().Size().IsZero()
				return
			}
			a.Stop()
			f()
		},
	}
	a.Start()
}

// loadProject reads labels, entities and documents of the current store
// and opens the first document.
func (u *UI) loadProject() {
	u.loadLabels()
	u.loadDocuments()
}

// loadLabels reads the project's labels and builds the label bar: what the
// first frame needs of the project.
func (u *UI) loadLabels() {
	if err := u.s.LoadLabels(); err != nil {
		u.showError(err, "Glossa could not read the project's labels. Open another project file or a backup (File > Open).")
	}
	u.panel.resetForms() // their label choices and attributes were the last project's
	u.buildLabelBar()
	u.guidelinesShown()
	u.win.SetTitle("Glossa — " + u.st.Path())
}

// loadDocuments reads the entities and the list of articles and opens the
// first.
func (u *UI) loadDocuments() {
	u.reloadEntities()
	u.closeDocument()
	u.reloadDocuments()
	if len(u.s.Documents()) > 0 {
		u.openDocument(u.s.Documents()[0].ID)
	} else {
		u.setStatus("The project has no articles yet: import some with File > Import or drop files on the window.")
	}
}

// reloadLabels rereads the labels after something else changed them (an
// import): the label bar and the detail editor's forms are built again,
// the forms once the text typed in them is saved.
func (u *UI) reloadLabels() {
	changed, err := u.s.ReloadLabels()
	if err != nil {
		u.showError(err, "Glossa could not reread the project's labels; labels an import added show once the project is opened again.")
		return
	}
	if changed {
		u.codebookShown()
	}
}

// codebookShown redraws what shows the codebook the session holds: the
// label bar and the detail editor's forms (once the text typed in them is
// saved; else it stays, in forms built for the labels before) and the
// guidelines. The highlights' colours are the caller's (refreshAnnotations).
func (u *UI) codebookShown() {
	u.buildLabelBar()
	if u.panel.flush() {
		u.panel.resetForms()
	}
	u.guidelinesShown()
}

func (u *UI) buildLabelBar() {
	var items []widgets.BarItem
	for _, l := range u.s.Labels().Labels {
		text := l.Name
		if l.Key != "" {
			text = l.Key + " " + l.Name
		}
		b := widgets.NewHoverButton(text, func() { u.tag(l) })
		b.Importance = widget.LowImportance
		b.OnHover = func(in bool) { u.labelHovered(l, in) }
		sw := canvas.NewRectangle(labelColor(l.Color, 0xff))
		sw.SetMinSize(fyne.NewSize(6, 20))
		sw.CornerRadius = 2
		items = append(items, widgets.BarItem{Object: container.NewHBox(sw, b), Name: text, Action: func() { u.tag(l) }})
	}
	u.labelBar.SetItems(items)
}

func (u *UI) reloadEntities() {
	if err := u.s.LoadEntities(); err != nil {
		u.showError(err, "Glossa could not read the entity registry; entity suggestions are missing until the file is readable.")
	}
}

func (u *UI) reloadDocuments() {
	if err := u.s.LoadDocuments(); err != nil {
		u.showError(err, "Glossa could not read the list of articles. Open another project file or a backup (File > Open).")
		return
	}
	u.articles.refresh()
}

func (u *UI) closeDocument() {
	u.s.CloseDocument()
	u.picking = false
	if u.article.Text() != "" {
		u.article.SetText("")
	}
	u.article.SetHighlights(nil)
	u.title.SetText("No article open")
	u.meta.SetText("Pick an article in the list on the left.")
	u.statusSel.ClearSelected()
	u.statusSel.Disable()
	u.find.reset()
	u.panel.refresh()
	u.curationShown()
}

// openDocument shows document id. It returns false (after saying why) if
// the store cannot read it.
func (u *UI) openDocument(id uint64) bool {
	if err := u.s.Open(id); err != nil {
		u.showError(err, "Glossa could not read this article or its annotations. Try another one; if every article fails, open a backup of the project file.")
		return false
	}
	u.documentShown()
	return true
}

// documentShown shows the session's open document, nothing selected.
func (u *UI) documentShown() {
	d := u.s.Doc()
	u.picking = false
	u.article.SetText(d.Text)
	u.title.SetText(d.Title)
	u.meta.SetText(docMeta(d))
	u.statusSel.Enable()
	u.statusSel.SetSelectedIndex(statusIndex(d.Status)) // fires setDocStatus, which ignores an unchanged status
	u.find.reset()
	u.refreshAnnotations()
	u.articles.selectDoc(d.ID)
	msg := fmt.Sprintf("%s: %s. Select text and press a label's key to tag it.", d.Title, annotation.Plural(len(u.s.Annotations()), "annotation"))
	if n := len(u.suggestions()); n > 0 {
		msg = fmt.Sprintf("%s: %s, %s outlined: Tab selects the next, Enter accepts it, Delete rejects it.", d.Title,
			annotation.Plural(len(u.s.Annotations()), "annotation"), annotation.Plural(n, "suggestion"))
	}
	if l := u.layerLegend(); l != "" {
		// Where several layers show, how to tell them apart comes first.
		msg = fmt.Sprintf("%s: %s in %s: %s. Hover a highlight to see whose it is.", shorten(d.Title, 40),
			annotation.Plural(len(u.s.Annotations()), "annotation"), annotation.Plural(u.shownLayers(), "layer"), l)
	}
	u.setStatus(msg)
	if slices.Contains(u.s.NeedsSuggestions(), d.ID) {
		u.suggestSoon(d.ID)
	}
}

func docMeta(d annotation.Document) string {
	var parts []string
	for _, p := range []string{d.Outlet, strings.Join(d.Authors, ", "), d.Published, d.URL} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return "No outlet, date or URL recorded."
	}
	return strings.Join(parts, " · ")
}

// reloadAnnotations rereads the open document's annotations from the store,
// so that the window shows what is stored.
func (u *UI) reloadAnnotations() {
	if err := u.s.ReloadAnnotations(); err != nil {
		u.showError(err, "Glossa could not reread this article's annotations. Reopen the article; if that fails, open a backup of the project file.")
		return
	}
	u.refreshAnnotations()
}

// refreshAnnotations redraws all highlights, the pending suggestions'
// too, and the panel from the session.
func (u *UI) refreshAnnotations() {
	u.layersChanged()
	hs := make([]widgets.Highlight, 0, len(u.s.Annotations())+len(u.suggestions()))
	for _, a := range u.s.Annotations() {
		hs = u.appendHighlights(hs, a)
	}
	hs = u.versionHighlights(hs)
	u.sugShown = u.sugShown[:0]
	for _, a := range u.suggestions() {
		u.sugShown = append(u.sugShown, a.ID)
		hs = u.suggestionHighlights(hs, a)
	}
	u.article.SetHighlights(hs)
	u.annotationsChanged()
}

// annotationsChanged redraws what depends on the annotations besides the
// highlights: the selection and the panel. The undo items follow the
// history, which changes only through a session step: show names them.
func (u *UI) annotationsChanged() {
	u.s.Select(u.s.Selected()) // none, if it is gone
	u.article.SetSelectedHighlight(u.s.Selected())
	u.linksShown()
	u.panel.refresh()
	u.curationShown()
}

// appendHighlights appends the highlights of a, one a span, in its
// layer's style (layerStyle); where the view shows several layers the tip
// names a's.
func (u *UI) appendHighlights(hs []widgets.Highlight, a annotation.Annotation) []widgets.Highlight {
	l, _ := u.s.Label(a.Label)
	tip := a.Label
	if u.showsLayers() {
		tip += " · " + whose(a)
	}
	style := u.layerStyle(annotation.LayerOf(a))
	for _, s := range a.Spans {
		hs = append(hs, widgets.Highlight{ID: a.ID, Start: s.Start, End: s.End, Color: labelColor(l.Color, 0xff), Label: tip, Style: style})
	}
	return hs
}

// storedShown redraws what an edit stored: put are the annotations the
// store returned (new or replacing those of the same id), del the ids it
// deleted. Only the highlights of those annotations change, so that an edit
// costs the same on an article of 3,000 annotations as on one of 3.
func (u *UI) storedShown(put []annotation.Annotation, del []uint64) {
	u.layersChanged() // the edit may have made the first annotation of a layer
	ids := make([]uint64, 0, len(put)+len(del))
	var hs []widgets.Highlight
	for _, a := range put {
		ids = append(ids, a.ID)
		if !slices.Contains(del, a.ID) {
			hs = u.appendHighlights(hs, a)
		}
	}
	ids = append(ids, del...)
	u.article.ReplaceHighlights(ids, hs)
	u.annotationsChanged()
	u.articles.refresh() // the article's count
}

// selectAnnotation makes id the selected annotation, scrolls the article
// to it and shows it in the detail editor. 0 deselects.
func (u *UI) selectAnnotation(id uint64) { u.selectAnnotationScroll(id, true) }

// selectAnnotationScroll is selectAnnotation; scroll false leaves the
// article where it is (the annotation was just tagged on screen).
func (u *UI) selectAnnotationScroll(id uint64, scroll bool) {
	if u.s.Selected() == id {
		return
	}
	if !u.panel.flush() {
		return // the typed text was not saved: keep it on screen
	}
	u.s.Select(id)
	u.picking = false
	u.article.SetSelectedLink(0) // Delete is the annotation's now
	u.article.SetSelectedHighlight(id)
	if a := u.s.Annotation(id); a != nil {
		if scroll {
			u.article.ScrollTo(a.Start())
		}
	} else if a := u.s.Suggestion(id); a != nil {
		if scroll {
			u.article.ScrollTo(a.Start())
		}
	}
	u.setStatus(u.selectionStatus())
	u.panel.selectionChanged()
}

func (u *UI) sourceHint() string {
	if a := u.s.Annotation(u.s.Selected()); a != nil && u.s.KindOf(a) == annotation.KindClaim {
		if l := u.s.Labels().OfKind(annotation.KindSource); len(l) > 0 && l[0].Key != "" {
			return fmt.Sprintf("; %s (%s) links the source to the selected claim", l[0].Key, l[0].Name)
		}
	}
	return ""
}

func (u *UI) highlightTapped(id uint64) {
	if u.picking {
		if a := u.s.Annotation(id); a != nil && u.s.KindOf(a) == annotation.KindSource {
			u.picking = false
			u.linkSource(u.s.Selected(), id)
			return
		}
		if a := u.s.Suggestion(id); a != nil && u.s.KindOf(a) == annotation.KindSource {
			u.setStatus("That source is a suggestion: accept it first (select it, Enter), then link it; or press Escape.")
			return
		}
		u.setStatus("That is not a source: click a source highlight to link it, or press Escape.")
		return
	}
	if u.versionTapped(id) {
		return // an annotator's version in the curated view: its unit
	}
	// The highlight was clicked, so it is on screen: the text stays under
	// the pointer.
	u.selectAnnotationScroll(id, false)
}

func (u *UI) typedRune(r rune) {
	if u.dialogOpen() {
		return // the key was meant for the dialog
	}
	switch k := string(unicode.ToLower(r)); {
	case k != "" && annotation.ValidKey(k):
		// A label's key: 1–9, 0, a–z (with Shift or Caps Lock too). None
		// of them is one of the plain keys below.
		l, ok := u.s.Labels().ByKey(k)
		if !ok {
			u.setStatus(fmt.Sprintf("No label has the key %s: Project > Codebook… gives a label a key.", k))
			return
		}
		if ids := u.panel.selectedAnnotations(); len(ids) > 1 {
			u.relabel(ids, l.Name) // several selected in the list
			return
		}
		u.tag(l)
	case r == '+':
		u.addSpan()
	case r == ']':
		u.stepAnnotation(1)
	case r == '[':
		u.stepAnnotation(-1)
	}
}

// stepAnnotation selects the next (d = 1) or previous (d = -1)
// annotation of the article in reading order and scrolls to it; with none
// selected, the first or the last.
func (u *UI) stepAnnotation(d int) {
	if len(u.s.Annotations()) == 0 {
		u.setStatus("This article has no annotations yet.")
		return
	}
	i := slices.IndexFunc(u.s.Annotations(), func(a annotation.Annotation) bool { return a.ID == u.s.Selected() })
	switch {
	case i < 0 && d > 0:
		i = 0
	case i < 0:
		i = len(u.s.Annotations()) - 1
	case i+d < 0 || i+d >= len(u.s.Annotations()):
		u.setStatus("No more annotations that way.")
		return
	default:
		i += d
	}
	u.selectAnnotation(u.s.Annotations()[i].ID)
}

func (u *UI) typedKey(ev *fyne.KeyEvent) {
	if u.dialogOpen() {
		u.dialogKey(ev.Name) // Escape and Enter; the rest was not meant for the article
		return
	}
	if ev.Name == fyne.KeyDelete && u.deleteSelectedLink() {
		return
	}
	if u.reviewKey(ev.Name) {
		return
	}
	switch ev.Name {
	case fyne.KeyDelete:
		u.deleteSelected()
	case fyne.KeyEscape:
		if u.picking {
			u.picking = false
			u.setStatus("Picking a source cancelled.")
			return
		}
		u.article.ClearSelection()
		u.article.SetSelectedLink(0)
		u.selectAnnotation(0)
		u.setStatus(u.selectionStatus())
	case fyne.KeyF3:
		u.find.next()
	}
}

// focusArticle gives the keyboard to the article, so that the labels' keys tag.
func (u *UI) focusArticle() {
	if f, ok := any(u.article).(fyne.Focusable); ok && u.win.Canvas() != nil {
		u.win.Canvas().Focus(f)
	}
}

// setStatus shows msg in the status line (hovering a highlight shows it
// there for a while; msg comes back when the pointer leaves).
func (u *UI) setStatus(msg string) {
	u.status = msg
	u.statusBar.SetText(msg)
}

// showError shows err in a dialog with what to do about it.
func (u *UI) showError(err error, todo string) {
	msg := err.Error()
	if todo != "" {
		msg = strings.TrimRight(msg, ".") + ".\n\n" + todo
	}
	u.errorDialog(errors.New(msg))
	u.setStatus("Error: " + firstLine(err.Error()))
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// newSession is a session over st edited by the annotator, showing the
// layer view last shown in that project file. A name the preferences hold
// that cannot name an annotator leaves none: the session then refuses
// edits with a sentence that says to set one in Settings.
func (u *UI) newSession(st Store) *session.Session {
	s := session.New(st)
	_ = s.SetAnnotator(u.annotator())
	s.SetView(u.savedView(st.Path()))
	return s
}

// annotator is the name recorded on every annotation, and the layer the
// annotator edits.
func (u *UI) annotator() string {
	return u.app.Preferences().StringWithFallback(prefAnnotator, defaultAnnotator())
}

func defaultAnnotator() string {
	if cu, err := user.Current(); err == nil && cu.Username != "" {
		return cu.Username
	}
	if n := os.Getenv("USER"); n != "" {
		return n
	}
	return "annotator"
}

// labelColor parses "#rrggbb"; grey if it cannot.
func labelColor(hex string, alpha uint8) color.Color {
	r, g, b, ok := annotation.ParseColor(hex)
	if !ok {
		return color.NRGBA{R: 0x82, G: 0x82, B: 0x82, A: alpha}
	}
	return color.NRGBA{R: r, G: g, B: b, A: alpha}
}

// shorten cuts s to n code points, with an ellipsis (annotation.Shorten).
func shorten(s string, n int) string { return annotation.Shorten(s, n) }

// quoted is s shortened to n code points (see shorten) between curly
// quotes, for messages that show the user's text: unlike %q it escapes
// nothing, so a quote that itself starts with " reads “"We will…”.
func quoted(s string, n int) string {
	return "“" + shorten(s, n) + "”"
}

var statuses = [...]annotation.Status{annotation.StatusNew, annotation.StatusInProgress, annotation.StatusDone}

func statusNames() []string {
	out := make([]string, len(statuses))
	for i, s := range statuses {
		out[i] = statusName(s)
	}
	return out
}

func statusName(s annotation.Status) string {
	switch s {
	case annotation.StatusNew:
		return "New"
	case annotation.StatusInProgress:
		return "In progress"
	case annotation.StatusDone:
		return "Done"
	}
	return string(s)
}

func statusFromName(n string) annotation.Status {
	for _, s := range statuses {
		if statusName(s) == n {
			return s
		}
	}
	return ""
}

func statusIndex(s annotation.Status) int {
	for i, v := range statuses {
		if v == s {
			return i
		}
	}
	return 0
}
