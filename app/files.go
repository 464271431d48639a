package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
)

// errorDialog shows err in the window.
func (u *UI) errorDialog(err error) {
	d := dialog.NewError(err, u.win)
	d.Show()
	u.keyed(d.Hide, d.Hide)
}

// progress is a dialog with a progress bar and a Cancel button for work
// that runs on a goroutine.
type progress struct {
	d      *dialog.CustomDialog
	bar    *widget.ProgressBar
	msg    *widget.Label
	cancel context.CancelFunc
}

func (u *UI) newProgress(title string, cancel context.CancelFunc) *progress {
	p := &progress{bar: widget.NewProgressBar(), msg: widget.NewLabel("Starting…"), cancel: cancel}
	p.msg.Truncation = fyne.TextTruncateEllipsis
	p.d = dialog.NewCustomWithoutButtons(title, container.NewVBox(p.msg, p.bar), u.win)
	stop := widget.NewButton("Cancel", func() {
		p.msg.SetText("Cancelling…")
		cancel()
	})
	p.d.SetButtons([]fyne.CanvasObject{stop})
	p.d.Resize(fyne.NewSize(480, 160))
	p.d.Show()
	return p
}

// set updates the dialog; call it on the UI goroutine.
func (p *progress) set(done, total int, msg string) {
	if total > 0 {
		p.bar.Max = float64(total)
		p.bar.SetValue(float64(done))
	}
	if msg != "" {
		p.msg.SetText(msg)
	} else if total > 0 {
		p.msg.SetText(fmt.Sprintf("%d of %d", done, total))
	}
}

// importPaths imports files or folders through Project.Import, with a
// progress dialog, without blocking the window.
func (u *UI) importPaths(paths []string) {
	if u.proj.Import == nil {
		u.showError(errors.New("this build of Glossa cannot import files"), "Use the glossa command line to import them.")
		return
	}
	u.readInto(paths, u.proj.Import, readJob{
		progress:  "Importing",
		finished:  "Import finished",
		cancelled: "Import cancelled; the articles read before it stopped are in the project. ",
		failed:    "Check that the files are text, Markdown, HTML or a supported dataset, then import them again. ",
	})
}

// mergePaths merges annotators' files through Project.Merge, as
// importPaths imports.
func (u *UI) mergePaths(paths []string) {
	if u.proj.Merge == nil {
		u.showError(errors.New("this build of Glossa cannot merge files"), "Use glossa merge on the command line.")
		return
	}
	u.readInto(paths, u.proj.Merge, readJob{
		progress:  "Merging",
		finished:  "Merge finished",
		cancelled: "Merge cancelled; what was merged before it stopped is in the project, and merging the file again brings in the rest. ",
		failed:    "Check that the file is a Glossa dataset or project file, then merge it again. ",
	})
}

// readJob is what the window says of an import or a merge.
type readJob struct{ progress, finished, cancelled, failed string }

// readInto runs read (Project.Import or Merge) over paths on a goroutine
// with a progress dialog, then rereads what it may have changed.
func (u *UI) readInto(paths []string, read func(context.Context, []string, func(done, total int, msg string)) (string, error), job readJob) {
	if len(paths) == 0 {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	p := u.newProgress(job.progress, cancel)
	st := u.st
	go func() {
		summary, err := read(ctx, paths, func(done, total int, msg string) {
			fyne.Do(func() { p.set(done, total, msg) })
		})
		fyne.Do(func() {
			cancel()
			p.d.Hide()
			if st != u.st {
				return // another project file was opened meanwhile
			}
			// An import or a merge adds labels, attribute values and
			// entities, and annotations to articles the project has
			// (W3C files, annotators' layers), the one on screen among
			// them.
			u.reloadLabels()
			u.reloadEntities()
			u.reloadDocuments()
			if u.s.DocID() == 0 && len(u.s.Documents()) > 0 {
				u.openDocument(u.s.Documents()[len(u.s.Documents())-1].ID)
			} else {
				u.reloadAnnotations()
			}
			u.suggestSoon(u.s.NeedsSuggestions()...) // the open article first
			u.corpusChanged()

			switch {
			case errors.Is(err, context.Canceled):
				u.setStatus(job.cancelled + summary)
			case err != nil:
				u.showError(err, job.failed+summary)
			default:
				u.setStatus(summary)
				if summary != "" {
					dialog.ShowInformation(job.finished, summary, u.win)
				}
			}
		})
	}()
}

// exportTo exports the project through Project.Export.
func (u *UI) exportTo(format, path string) {
	ctx, cancel := context.WithCancel(context.Background())
	p := u.newProgress("Exporting "+strings.ToUpper(format), cancel)
	export := u.proj.Export
	go func() {
		err := export(ctx, format, path, func(done, total int) {
			fyne.Do(func() { p.set(done, total, "") })
		})
		fyne.Do(func() {
			cancel()
			p.d.Hide()
			switch {
			case errors.Is(err, context.Canceled):
				u.setStatus("Export cancelled: nothing was written to " + path + "; a file already there is unchanged.")
			case err != nil:
				u.showError(err, "Nothing was written to "+path+"; a file already there is unchanged. Choose another folder (one you can write to, with free space) and export again.")
			default:
				u.setStatus("Exported the project to " + path)
			}
		})
	}()
}

// exportDialog asks where to export the project in format and exports it.
// A file that is there already is replaced only by a complete export
// (Config.Export writes a temporary file and renames it).
func (u *UI) exportDialog(format string) {
	u.panel.flush()
	u.choosePath("Export as "+strings.ToUpper(format), "Export",
		freeName(u.startFolder(), "glossa-export", "."+format), pathMayReplace,
		func(path string) { u.exportTo(format, path) })
}

func (u *UI) importFilesDialog() {
	if u.proj.Import != nil {
		u.chooseFile(u.importPaths)
	}
}

// mergeFileDialog asks for an annotator's file and merges it
// (File > Merge annotator file…).
func (u *UI) mergeFileDialog() {
	if u.proj.Merge != nil {
		u.chooseFile(u.mergePaths)
	}
}

// chooseFile asks for a file to read and hands it to then.
func (u *UI) chooseFile(then func(paths []string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err, "Choose the file again.")
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		then([]string{path})
	}, u.win)
	d.Show()
}

func (u *UI) importFolderDialog() {
	if u.proj.Import == nil {
		return
	}
	dialog.ShowFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			u.showError(err, "Choose the folder again.")
			return
		}
		if l == nil {
			return
		}
		u.importPaths([]string{l.Path()})
	}, u.win)
}

// dropped imports files and folders dropped on the window.
func (u *UI) dropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, x := range uris {
		if x.Scheme() == "file" {
			paths = append(paths, x.Path())
		}
	}
	if len(paths) == 0 {
		u.setStatus("Only files and folders can be dropped on Glossa.")
		return
	}
	u.importPaths(paths)
}

// projectExts are the extensions the project file dialogs list.
var projectExts = []string{".glossa", ".db"}

func (u *UI) openProjectDialog() {
	if u.cfg.Open == nil {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err, "Choose the project file again.")
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		u.switchProject(path)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter(projectExts))
	d.Show()
}

// newProjectDialog asks which codebook the new project starts with (one
// of annotation.Templates, Fact-checking first), then the name of its
// file, which must not exist yet, and opens it.
func (u *UI) newProjectDialog() {
	if u.cfg.Open == nil {
		return
	}
	ts := annotation.Templates()
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.Name
	}
	about := widget.NewLabel("")
	about.Wrapping = fyne.TextWrapWord
	about.Importance = widget.LowImportance
	choice := widget.NewRadioGroup(names, func(s string) {
		if i := slices.Index(names, s); i >= 0 {
			about.SetText(ts[i].Description + " " + templateSummary(ts[i].Codebook()))
		}
	})
	choice.Required = true
	choice.SetSelected(names[0])
	var d *dialog.CustomDialog
	next := func() {
		i := slices.Index(names, choice.Selected)
		if i < 0 {
			return
		}
		d.Hide()
		codebook := ts[i].Codebook()
		u.choosePath("New project file", "Create", freeName(u.startFolder(), "project", ".glossa"), pathMustBeNew, func(path string) {
			u.switchTo(path, func(path string) (Project, error) {
				if u.cfg.Create == nil {
					return u.cfg.Open(path)
				}
				return u.cfg.Create(path, codebook)
			})
		})
	}
	ok := widget.NewButton("Next…", next)
	ok.Importance = widget.HighImportance
	text := widget.NewLabel("Which codebook does the project start with? Project > Codebook… changes it at any time.")
	text.Wrapping = fyne.TextWrapWord
	d = dialog.NewCustomWithoutButtons("New project", container.NewVBox(text, choice, about), u.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", d.Hide), ok})
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
	u.keyed(d.Hide, next)
}

// templateSummary names the labels of codebook s.
func templateSummary(s annotation.LabelSet) string {
	if len(s.Labels) == 0 {
		return ""
	}
	var names []string
	for _, l := range s.Labels {
		names = append(names, l.Name)
	}
	return "Labels: " + strings.Join(names, ", ") + "."
}

// switchProject opens the project file at path in place of the current
// one. The undo history is cleared: it belongs to the old file.
func (u *UI) switchProject(path string) { u.switchTo(path, u.cfg.Open) }

// switchTo opens the project at path with open in place of the current
// one.
func (u *UI) switchTo(path string, open func(string) (Project, error)) {
	if path == u.st.Path() {
		u.setStatus(path + " is already open.")
		return
	}
	if !u.panel.flush() {
		return
	}
	p, err := open(path)
	if err != nil {
		u.showError(err, "The project that was open stays open.")
		return
	}
	old := u.st
	u.closeSideWindows() // they show the old file's
	u.proj, u.st = p, p.Store
	u.s = u.newSession(p.Store) // the history belongs to the old file
	// A run of the suggester on the old file is dropped when it returns.
	u.suggestQueue, u.suggesting = nil, 0
	if old != nil {
		if err := old.Close(); err != nil {
			u.showError(err, "The previous project file may not have closed cleanly; its edits were saved as you made them.")
		}
	}
	u.addRecent(path)
	u.loadProject()
	u.sideShown() // the curation pane in the view the project was left in
	u.win.SetMainMenu(u.makeMenu())
	u.setStatus("Opened " + path)
}

func (u *UI) addRecent(path string) {
	if path == "" {
		return
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	p := u.app.Preferences()
	list := p.StringListWithFallback(prefRecent, nil)
	list = slices.DeleteFunc(slices.Clone(list), func(s string) bool { return s == path })
	list = append([]string{path}, list...)
	if len(list) > maxRecent {
		list = list[:maxRecent]
	}
	p.SetStringList(prefRecent, list)
}

func (u *UI) recentMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, path := range u.app.Preferences().StringListWithFallback(prefRecent, nil) {
		items = append(items, fyne.NewMenuItem(path, func() { u.switchProject(path) }))
	}
	if len(items) == 0 {
		it := fyne.NewMenuItem("(none)", nil)
		it.Disabled = true
		items = append(items, it)
	}
	return fyne.NewMenu("", items...)
}
