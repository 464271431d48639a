package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	fyneapp "fyne.io/fyne/v2/app"

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
		// A backup helps with a damaged file or one overwritten by
		// something else, not with a file open elsewhere or too new.
		var backups []string
		if errors.Is(err, storage.ErrCorrupt) || errors.Is(err, storage.ErrNotProject) {
			backups = storage.BackupsOf(path)
		}
		app.ShowOpenError(a, path, err, backups, cfg)
		a.Run()
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
