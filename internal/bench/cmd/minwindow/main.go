// Command minwindow is the floor of Glossa's whole-process figures: a Fyne
// window with one label, the size of Glossa's, built with the same
// toolchain. scripts/bench-process.sh times it to its first mapped frame
// and reads its resident memory.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("org.glossa.minwindow")
	w := a.NewWindow("minwindow")
	w.SetContent(widget.NewLabel("Hello from a minimal Fyne window."))
	w.Resize(fyne.NewSize(1280, 800))
	w.ShowAndRun()
}
