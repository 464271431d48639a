//go:build !nogui

package desktop

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"glossa/annotation"
	"glossa/app"
	"glossa/app/session"
	"glossa/assets"
	"glossa/corpus"
	"glossa/formats"
	"glossa/storage"
)

// Run opens the window on the project file at path, or on the default
// project when path is empty. A project file the window creates gets the
// bundled sample article, so that a first run has something to annotate.
//
// With GLOSSA_CPUPROFILE=FILE set, a CPU profile of the whole session, from
// start to quit, is written to FILE; with GLOSSA_MEMPROFILE=FILE, a heap
// profile at quit (go tool pprof FILE): how the window's start, edits and
// memory were profiled for docs/PERFORMANCE.md. With GLOSSA_PROBE=FILE,
// SIGUSR1 writes where the window draws the article's words and a few
// controls to FILE (app.UI.Probe), for the end-to-end scripts.
func Run(meta Meta, path string) error {
	if f := os.Getenv("GLOSSA_CPUPROFILE"); f != "" {
		stop, err := startCPUProfile(f)
		if err != nil {
			return err
		}
		defer stop()
	}
	if f := os.Getenv("GLOSSA_MEMPROFILE"); f != "" {
		defer writeHeapProfile(f)
	}
	// Fyne reads FyneApp.toml from the working folder of a binary that
	// `fyne package` did not build, so a binary started elsewhere would run
	// without the [Migrations] the code is written for: without fyneDo,
	// Fyne checks the calling goroutine on every call it makes on the main
	// one (about 500 stack walks an edit), and the window behaved and
	// measured differently depending on the folder it was started from.
	fyneapp.SetMetadata(fyne.AppMetadata{
		ID: meta.ID, Name: meta.Name, Version: meta.Version, Build: meta.Build,
		Migrations: meta.Migrations,
	})
	a := fyneapp.NewWithID(meta.ID)
	a.SetIcon(assets.Icon())
	defaultPath, defErr := corpus.DefaultPath()
	if path == "" {
		if defErr != nil {
			return defErr
		}
		path = defaultPath
	}
	cfg := app.Config{
		Version:  meta.Version,
		DataPath: defaultPath,
		Open: func(p string) (app.Project, error) {
			st, err := openProject(p, false, true)
			if err != nil {
				return app.Project{}, err
			}
			return project(st), nil
		},
		Create: func(p string, codebook annotation.LabelSet) (app.Project, error) {
			st, err := storage.Create(p, storage.Options{Codebook: &codebook})
			if err != nil {
				return app.Project{}, err
			}
			return project(st), nil
		},
		ExportFormats: corpus.Formats(),
		// The window shows before the articles are read and the backup is
		// taken: opening costs what an empty window costs.
		OpenAfterShow: true,
	}
	st, err := openProject(path, true, false)
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
	p := project(st)
	p.AfterShow = func(fail func(error)) { afterShow(st, fail) }
	u := app.New(a, p, cfg)
	listenProbe(u)
	u.ShowAndRun()
	return nil
}

// The window edits a storage.Store, and corpus imports into and exports
// from one: checked here, where they are wired together.
var (
	_ app.Store          = (*storage.Store)(nil)
	_ corpus.Target      = (*storage.Store)(nil)
	_ corpus.Source      = (*storage.Store)(nil)
	_ corpus.MergeTarget = (*storage.Store)(nil)
)

// project is the project file st as the window gets it: the store,
// import and export through package corpus, and the suggester run in the
// background.
func project(st *storage.Store) app.Project {
	return app.Project{
		Store:   st,
		Suggest: session.SuggestRun.Compute,
		Import: func(ctx context.Context, paths []string, progress func(done, total int, msg string)) (string, error) {
			return importInto(ctx, st, paths, progress)
		},
		Merge: func(ctx context.Context, paths []string, progress func(done, total int, msg string)) (string, error) {
			return mergeInto(ctx, st, paths, progress)
		},
		Export: func(ctx context.Context, format, path string, progress func(done, total int)) error {
			return corpus.Export(ctx, st, format, path, corpus.ExportOptions{Progress: progress})
		},
	}
}

// openProject opens or creates the project file at path; a new one gets
// the sample article when withSample is set. With backupNow the automatic
// backup is taken before it returns; without, call autoBackup later.
func openProject(path string, withSample, backupNow bool) (*storage.Store, error) {
	_, statErr := os.Stat(path)
	isNew := errors.Is(statErr, os.ErrNotExist)
	st, err := storage.Open(path, storage.Options{AutoBackup: backupNow})
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

// afterShow runs once the window is up. A window's heap is mostly
// long-lived (the article, its layout, the fonts): collecting when it grows
// by a quarter rather than doubling keeps the resident size near what is in
// use (with the 1 MB article open: 170 MB, where Go's default gives 190 MB
// and a minimal Fyne window 132 MB). An edit allocates about 2 MB (most of
// it Fyne shaping the labels it truncates), so a collection runs every few
// edits, a few milliseconds of CPU beside the edit, never in its way.
// Start-up keeps Go's default.
func afterShow(st *storage.Store, fail func(error)) {
	debug.SetGCPercent(25)
	autoBackup(st, fail)
	go giveBackWhenIdle()
}

// autoBackup takes the automatic backup of st in the background (the
// window is up and editable meanwhile; Close waits for it).
func autoBackup(st *storage.Store, fail func(error)) {
	st.AutoBackupAsync(func(err error) {
		if err != nil {
			fail(fmt.Errorf("%w.\n\nYour edits are saved in the project file as you make them; only the rolling copy beside it is missing. Check that its folder has free space and can be written to, then reopen the project to try again.", err))
		}
	})
}

// importInto imports paths into st and sums up what happened for the user.
func importInto(ctx context.Context, st *storage.Store, paths []string, progress func(done, total int, msg string)) (string, error) {
	var failures []string
	tot, err := corpus.ImportPaths(ctx, st, paths, func(r corpus.FileResult) {
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
	if tot.Pending > 0 {
		fmt.Fprintf(&b, " %d suggestions from the file wait for review.", tot.Pending)
	}
	if tot.Rejected > 0 {
		fmt.Fprintf(&b, " %d suggestions it marks rejected will not be proposed again.", tot.Rejected)
	}
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

// mergeInto merges the annotators' files at paths into st, one after the
// other, and sums up what happened for the user: per file the total, the
// first lines of each part of the report (the command line prints them
// all), the conflicts first among them.
func mergeInto(ctx context.Context, st *storage.Store, paths []string, progress func(done, total int, msg string)) (string, error) {
	var b strings.Builder
	for _, p := range paths {
		rep, err := corpus.Merge(ctx, st, p, corpus.MergeOptions{Progress: func(done int, title string) {
			if progress != nil {
				progress(done, 0, fmt.Sprintf("%s: %s", filepath.Base(p), title))
			}
		}})
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(rep.Total() + ".")
		lines := make([]string, len(rep.Lines))
		for i, l := range rep.Lines {
			lines[i] = strings.ReplaceAll(l.String(), "\t", "  ")
		}
		for _, part := range []struct {
			title string
			lines []string
		}{{"Conflicts (the project's version kept)", rep.Conflicts}, {"Could not merge", rep.Failed}, {"Articles", lines}, {"Added", rep.Changes}, {"Warnings", rep.Warnings}} {
			writeSome(&b, part.title, part.lines)
		}
		if err != nil {
			return b.String(), err
		}
	}
	return b.String(), nil
}

// summaryLines is how many lines of each part of a merge's report the
// window shows.
const summaryLines = 8

// writeSome writes title and the first summaryLines of lines to b.
func writeSome(b *strings.Builder, title string, lines []string) {
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(b, "\n\n%s:", title)
	for _, l := range lines[:min(len(lines), summaryLines)] {
		b.WriteString("\n" + l)
	}
	if len(lines) > summaryLines {
		fmt.Fprintf(b, "\n… and %d more (glossa merge prints them all)", len(lines)-summaryLines)
	}
}

// startCPUProfile writes a CPU profile to path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("GLOSSA_CPUPROFILE: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("GLOSSA_CPUPROFILE: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// writeHeapProfile writes the live heap to path, after a collection.
func writeHeapProfile(path string) {
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "GLOSSA_MEMPROFILE: %v\n", err)
		return
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		fmt.Fprintf(os.Stderr, "GLOSSA_MEMPROFILE: %v\n", err)
	}
}
