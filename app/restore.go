package app

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"glossa/internal/durable"
)

// restoredSuffix is what restoredName adds, to be taken off again when a
// restored copy is itself restored.
var restoredSuffix = regexp.MustCompile(`-restored-\d{8}-\d{6}(-\d+)?$`)

// restoredName is the name of a copy of a backup of the project file at
// path, beside it: "<name>-restored-YYYYMMDD-HHMMSS.glossa".
func restoredName(path string, now time.Time) string {
	base := restoredSuffix.ReplaceAllString(strings.TrimSuffix(path, filepath.Ext(path)), "")
	return base + "-restored-" + now.Format("20060102-150405") + ".glossa"
}

// copyBackup copies the backup file src to a new file beside path named by
// restoredName, and returns its path. It never overwrites a file: the copy
// is written to a temporary file, synced and then moved to its name with
// durable.RenameNew, which fails if the name exists (then "-2", "-3", … are
// tried). src and path are only read.
func copyBackup(src, path string, now time.Time) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", fmt.Errorf("cannot read the backup %s: %w", src, err)
	}
	defer in.Close()
	base := restoredName(path, now)
	tmp, err := durable.CreateTemp(base)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name()) // gone once moved into place
	_, err = io.Copy(tmp, in)
	if cerr := durable.Finish(tmp); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("cannot copy the backup %s into %s: %w", src, filepath.Dir(path), err)
	}
	for n := 1; n < 100; n++ {
		dst := base
		if n > 1 {
			dst = strings.TrimSuffix(base, ".glossa") + fmt.Sprintf("-%d.glossa", n)
		}
		err := durable.RenameNew(tmp.Name(), dst)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("cannot name the copy %s: %w", dst, err)
		}
		return dst, nil
	}
	return "", fmt.Errorf("cannot name the copy of %s: too many copies named %s-…", src, base)
}

// modTime is the time a file was last written, for the user.
func modTime(path string) string {
	info, err := os.Stat(path)
	if err != nil {
		return "an unknown time"
	}
	return info.ModTime().Format("2 Jan 2006 15:04:05")
}

// ShowOpenError shows, in a window of its own, why the project file at path
// could not be opened (openErr's message as it is: the store's errors are
// sentences that say what to do). backups are automatic backups of path,
// newest first, to offer; pass none when a backup would not help (a file
// open in another Glossa window, a file written by a newer Glossa). With a
// backup and cfg.Open, "Open a copy of the latest backup" copies it beside
// path (see copyBackup), opens the copy through cfg.Open in the main window
// and closes this one. The file at path is never written.
func ShowOpenError(a fyne.App, path string, openErr error, backups []string, cfg Config) fyne.Window {
	w := a.NewWindow("Glossa — " + filepath.Base(path) + " could not be opened")
	msg := widget.NewLabel(openErr.Error())
	msg.Wrapping = fyne.TextWrapWord
	msg.TextStyle = fyne.TextStyle{Bold: true}
	info := widget.NewLabel("")
	info.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton("Quit", a.Quit)
	buttons := container.NewHBox(quit)

	open := func(p string) bool {
		proj, err := cfg.Open(p)
		if err != nil {
			info.SetText(fmt.Sprintf("%s could not be opened either: %v", p, err))
			return false
		}
		ui := New(a, proj, cfg)
		ui.win.SetOnClosed(func() { _ = ui.st.Close() })
		ui.win.Show()
		w.Close()
		if p != path {
			ui.setStatus(fmt.Sprintf("Opened %s. %s is unchanged.", p, path))
		}
		return true
	}
	if cfg.Open != nil && len(backups) > 0 {
		info.SetText(fmt.Sprintf("An automatic backup from %s exists. Glossa can open a copy of it, saved beside %s; "+
			"the file that could not be opened is kept as it is. Edits made after that backup are not in it.", modTime(backups[0]), filepath.Base(path)))
		restore := widget.NewButtonWithIcon("Open a copy of the latest backup", theme.HistoryIcon(), func() {
			cp, err := copyBackup(backups[0], path, time.Now())
			if err != nil {
				info.SetText(err.Error())
				return
			}
			open(cp)
		})
		restore.Importance = widget.HighImportance
		buttons.Add(restore)
	}
	if cfg.Open != nil {
		other := widget.NewButtonWithIcon("Open another project file…", theme.FolderOpenIcon(), func() {
			d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
				if err != nil || r == nil {
					return
				}
				p := r.URI().Path()
				_ = r.Close()
				open(p)
			}, w)
			d.Show()
		})
		buttons.Add(other)
	}
	w.SetContent(container.NewBorder(nil, buttons, nil, nil, container.NewVBox(msg, info)))
	w.Resize(fyne.NewSize(640, 260))
	w.Show()
	return w
}

// restoreDialog lists the project's automatic backups with their times;
// the chosen one is copied to a new file beside the project (never
// overwriting one), which the window then opens.
func (u *UI) restoreDialog() {
	if u.cfg.Open == nil {
		return
	}
	backups := u.st.Backups()
	if len(backups) == 0 {
		dialog.ShowInformation("Restore from backup", fmt.Sprintf("%s has no automatic backups yet. Glossa makes one each time it opens the file, keeping the last three.", u.st.Path()), u.win)
		return
	}
	var names []string
	for i, b := range backups {
		n := fmt.Sprintf("%s — %s", filepath.Base(b), modTime(b))
		if i == 0 {
			n += " (newest)"
		}
		names = append(names, n)
	}
	choice := widget.NewRadioGroup(names, nil)
	choice.Required = true
	choice.SetSelected(names[0])
	expl := widget.NewLabel("Glossa copies the backup you choose to a new file beside the project and opens it. The project file and its backups stay as they are.")
	expl.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Restore from backup", "Open a copy", "Cancel", container.NewVBox(expl, choice), func(ok bool) {
		if !ok {
			return
		}
		for i, n := range names {
			if n == choice.Selected {
				u.restoreBackup(backups[i])
			}
		}
	}, u.win)
	d.Resize(fyne.NewSize(560, 300))
	d.Show()
}

// restoreBackup copies backup beside the project file and switches the
// window to the copy, saying where it is.
func (u *UI) restoreBackup(backup string) bool {
	old := u.st.Path()
	cp, err := copyBackup(backup, old, time.Now())
	if err != nil {
		u.showError(err, "Nothing was changed. Free some space in the project's folder, or copy the backup by hand.")
		return false
	}
	u.switchProject(cp)
	if u.st.Path() != cp {
		return false
	}
	msg := fmt.Sprintf("A copy of the backup from %s is now open:\n%s\n\nThe project file %s is unchanged.", modTime(backup), cp, old)
	u.setStatus("Restored a copy of " + filepath.Base(backup) + " to " + cp)
	dialog.ShowInformation("Backup restored", msg, u.win)
	return true
}
