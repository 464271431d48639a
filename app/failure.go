package app

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// failureText is what the failed-edit dialog says under the store's error.
const failureText = "Nothing of this change was written. The project file itself is still consistent: " +
	"it holds every edit made before this one, because each edit is saved whole or not at all.\n\n" +
	"What you selected or typed is still on screen. If the disk is full or the file became read-only, " +
	"free some space or make it writable and press Retry; or save a copy of the project on another disk."

// editFailed shows why an edit was not saved and leaves the window as it
// was, so that the user's selection and typed text stay visible. Retry runs
// retry, the same edit again (it reports success; on failure it shows this
// dialog again); "Save a copy elsewhere…" writes a consistent copy of the
// project through Store.Backup. While the dialog is open, no other edit is
// tried (see edit). An edit the session refused because the view does
// not edit that layer is no failure: its sentence goes to the status bar.
func (u *UI) editFailed(err error, retry func() bool) {
	if u.refused(err) {
		return // an edit of a layer the view does not edit: nothing failed
	}
	u.setStatus("Not saved: " + firstLine(err.Error()) + " — your change is still on screen; Retry is in the dialog.")
	if u.failDlg != nil {
		return // one dialog at a time: the one open already offers Retry
	}
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	msg.TextStyle = fyne.TextStyle{Bold: true}
	expl := widget.NewLabel(failureText)
	expl.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons("The change was not saved", container.NewVBox(msg, expl), u.win)
	u.failDlg = d
	closeB := widget.NewButton("Close", func() {
		d.Hide()
		u.failDlg = nil
	})
	saveCopy := widget.NewButtonWithIcon("Save a copy elsewhere…", theme.DocumentSaveIcon(), u.saveCopyDialog)
	retryB := widget.NewButtonWithIcon("Retry", theme.ViewRefreshIcon(), func() {
		d.Hide()
		u.failDlg = nil
		if retry != nil && retry() {
			u.setStatus(u.statusBar.Text + " (saved on retry)")
		}
	})
	retryB.Importance = widget.HighImportance
	if retry == nil {
		retryB.Disable()
	}
	d.SetButtons([]fyne.CanvasObject{closeB, saveCopy, retryB})
	d.Resize(fyne.NewSize(560, 300))
	d.Show()
	var retryKey func()
	if retry != nil {
		retryKey = retryB.OnTapped
	}
	u.keyed(closeB.OnTapped, retryKey)
}

// saveCopyDialog asks where to write a copy of the project and writes it.
// A file that is there already is replaced only by a complete copy
// (Store.Backup writes a temporary file and renames it).
func (u *UI) saveCopyDialog() {
	base := strings.TrimSuffix(filepath.Base(u.st.Path()), filepath.Ext(u.st.Path()))
	u.choosePath("Save a copy of the project", "Save copy", freeName(u.startFolder(), base+"-copy", ".glossa"), pathMayReplace,
		func(path string) { u.saveCopy(path) })
}

// saveCopy writes a consistent copy of the project file to path.
func (u *UI) saveCopy(path string) bool {
	if err := u.st.Backup(path); err != nil {
		u.showError(err, "No copy was written. Choose a folder on another disk, one you can write to.")
		return false
	}
	u.setStatus("Copy of the project saved to " + path)
	dialog.ShowInformation("Copy saved", fmt.Sprintf("A complete copy of the project, with every edit saved so far, is at\n%s\n\nGlossa goes on editing %s.", path, u.st.Path()), u.win)
	return true
}
