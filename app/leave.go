package app

import (
	"strings"

	"fyne.io/fyne/v2/dialog"
)

// saveTyped saves the text typed and not yet saved in the detail editor
// and in the entity registry, if it is open. It reports false when some of
// it was not saved (the store refused it, or an entity was left without a
// name): that text is still on screen and the status line says why.
func (u *UI) saveTyped() bool {
	ok := u.panel.flush()
	if r := u.registry; r != nil {
		ok = r.flush() && ok
	}
	return ok
}

// leave runs then (quit, close the window) once the text typed is saved.
// When it cannot be saved, the user is asked first: verb ("Quit") anyway
// and lose that text, or stay.
func (u *UI) leave(verb string, then func()) {
	if u.saveTyped() {
		then()
		return
	}
	why := strings.TrimPrefix(u.status, "Not saved: ")
	d := dialog.NewConfirm("Your text was not saved",
		"Glossa could not save some of the text you typed: "+why+"\n\n"+verb+" anyway and lose that text, or stay and try again?",
		func(ok bool) {
			if ok {
				then()
			}
		}, u.win)
	d.SetConfirmText(verb + " without saving")
	d.SetDismissText("Stay")
	d.Show()
	u.keyed(d.Hide, nil) // Enter must not throw the text away
}

// quit quits Glossa once the text typed is saved (File > Quit, Ctrl+Q).
func (u *UI) quit() { u.leave("Quit", u.app.Quit) }

// closeRequested is the window's close button: the window closes (and
// Glossa quits) once the text typed is saved.
func (u *UI) closeRequested() { u.leave("Close", u.win.Close) }
