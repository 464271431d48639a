package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"glossa/app"
	"glossa/assets"
	"glossa/corpus"
	"glossa/formats"
	"glossa/storage"
)

// runGUI opens the window on the project file at path, or on the default
// project when path is empty. A project file the window creates gets the
// bundled sample article, so that a first run has something to annotate.
func runGUI(id, version, path string) error {
	a := fyneapp.NewWithID(id)
	a.SetIcon(assets.Icon())
	defaultPath, defErr := corpus.DefaultPath()
	if path == "" {
		if defErr != nil {
			return defErr
		}
		path = defaultPath
	}
	cfg := app.Config{
		Version:       version,
		DataPath:      defaultPath,
		Open:          func(p string) (app.Store, error) { return openProject(p, false) },
		Import:        importInto,
		Export:        exportFrom,
		ExportFormats: corpus.Formats(),
	}
	st, err := openProject(path, true)
	if err != nil {
		showOpenError(a, cfg, path, err)
		return nil
	}
	app.New(a, st, cfg).ShowAndRun()
	return nil
}

// openProject opens or creates the project file at path; a new one gets
// the sample article when withSample is set.
func openProject(path string, withSample bool) (*storage.Store, error) {
	_, statErr := os.Stat(path)
	isNew := errors.Is(statErr, os.ErrNotExist)
	st, err := storage.Open(path, storage.Options{AutoBackup: true})
	if err != nil {
		return nil, err
	}
	if isNew && withSample {
		doc, err := formats.ReadDocument(assets.SampleName, bytes.NewReader(assets.Sample()))
		if err == nil {
			_, err = st.AddDocument(doc)
		}
		if err != nil {
			st.Close()
			return nil, fmt.Errorf("cannot add the sample article to the new project: %w", err)
		}
	}
	return st, nil
}

func importInto(ctx context.Context, st app.Store, paths []string, progress func(done, total int, msg string)) (string, error) {
	target, ok := st.(corpus.Target)
	if !ok {
		return "", errors.New("this project cannot import files")
	}
	var failures []string
	tot, err := corpus.ImportPaths(ctx, target, paths, func(r corpus.FileResult) {
		msg := filepath.Base(r.Path)
		if r.Err != nil {
			failures = append(failures, fmt.Sprintf("%s: %v", r.Path, r.Err))
			msg += ": failed"
		}
		if progress != nil {
			progress(r.File, r.Files, msg)
		}
	})
	var b strings.Builder
	fmt.Fprintf(&b, "Imported %d documents with %d annotations.", tot.Documents, tot.Annotations)
	if tot.Duplicates > 0 {
		fmt.Fprintf(&b, " %d were already in the project and were skipped.", tot.Duplicates)
	}
	if len(tot.NewLabels) > 0 {
		fmt.Fprintf(&b, "\nNew labels: %s.", strings.Join(tot.NewLabels, ", "))
	}
	if len(failures) > 0 {
		fmt.Fprintf(&b, "\n\n%d could not be imported:\n%s", len(failures), strings.Join(failures, "\n"))
	}
	if len(tot.Warnings) > 0 {
		fmt.Fprintf(&b, "\n\nWarnings:\n%s", strings.Join(tot.Warnings, "\n"))
	}
	return b.String(), err
}

func exportFrom(ctx context.Context, st app.Store, format, path string, progress func(done, total int)) error {
	src, ok := st.(corpus.Source)
	if !ok {
		return errors.New("this project cannot be exported")
	}
	return corpus.Export(ctx, src, format, path, corpus.ExportOptions{Progress: progress})
}

// showOpenError shows why the project could not be opened, in a window of
// its own. For a damaged file with automatic backups it offers to open a
// copy of the newest backup; the damaged file is left as it is.
func showOpenError(a fyne.App, cfg app.Config, path string, openErr error) {
	w := a.NewWindow("Glossa")
	msg := widget.NewLabel(openErr.Error())
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton("Quit", a.Quit)
	buttons := container.NewHBox(quit)
	if backup := latestBackup(path); backup != "" && !errors.Is(openErr, storage.ErrLocked) {
		restore := widget.NewButton("Open a copy of the latest backup", func() {
			cp, err := copyBackup(backup, path)
			if err == nil {
				var st *storage.Store
				if st, err = openProject(cp, false); err == nil {
					w.Hide()
					app.New(a, st, cfg).Window().Show()
					return
				}
			}
			msg.SetText(fmt.Sprintf("%v\n\nThe backup could not be opened either: %v", openErr, err))
		})
		restore.Importance = widget.HighImportance
		buttons.Add(restore)
		msg.SetText(fmt.Sprintf("%v\n\nAn automatic backup from %s exists. Glossa can open a copy of it; the damaged file is kept as it is.", openErr, modTime(backup)))
	}
	w.SetContent(container.NewBorder(nil, buttons, nil, nil, msg))
	w.Resize(fyne.NewSize(560, 220))
	w.ShowAndRun()
}

// latestBackup returns the newest automatic backup of path, or "".
func latestBackup(path string) string {
	best, bestTime := "", time.Time{}
	matches, _ := filepath.Glob(path + ".bak*")
	for _, m := range matches {
		if info, err := os.Stat(m); err == nil && info.Mode().IsRegular() && info.ModTime().After(bestTime) {
			best, bestTime = m, info.ModTime()
		}
	}
	return best
}

func modTime(p string) string {
	info, err := os.Stat(p)
	if err != nil {
		return "an unknown time"
	}
	return info.ModTime().Format("2 Jan 2006 15:04")
}

// copyBackup copies backup beside path under a new name and returns it.
func copyBackup(backup, path string) (string, error) {
	dst := strings.TrimSuffix(path, filepath.Ext(path)) + "-restored-" + time.Now().Format("20060102-150405") + ".glossa"
	in, err := os.Open(backup)
	if err != nil {
		return "", err
	}
	defer in.Close()
	err = corpus.WriteFileAtomic(dst, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
	return dst, err
}
