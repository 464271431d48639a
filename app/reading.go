package app

import (
	"fmt"
	"slices"
	"strconv"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"glossa/widgets"
)

// Preference keys of the reading settings (View > Reading settings…);
// the text size is prefZoom.
const (
	prefLineSpacing = "lineSpacing" // float: line pitch as a multiple of the text size; default widgets.DefaultLineSpacing
	prefMeasure     = "measure"     // int: most characters a line holds, 0 for the view's width; default widgets.DefaultMeasure
)

// The choices the reading settings offer.
var (
	textSizes    = []float32{0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2}
	lineSpacings = []float32{1.5, 1.75, 2, 2.25}
	measures     = []int{60, 75, 90, 0}
)

// reading is what the article view shows of the reading preferences.
type reading struct {
	zoom    float32
	spacing float32
	measure int
}

// readingPrefs reads the reading settings, each with its default.
func (u *UI) readingPrefs() reading {
	p := u.app.Preferences()
	return reading{
		zoom:    float32(p.FloatWithFallback(prefZoom, 1)),
		spacing: float32(p.FloatWithFallback(prefLineSpacing, widgets.DefaultLineSpacing)),
		measure: p.IntWithFallback(prefMeasure, widgets.DefaultMeasure),
	}
}

// setReading keeps the reading settings and shows the article with them.
func (u *UI) setReading(r reading) {
	p := u.app.Preferences()
	p.SetFloat(prefZoom, float64(r.zoom))
	p.SetFloat(prefLineSpacing, float64(r.spacing))
	p.SetInt(prefMeasure, r.measure)
	u.readingShown()
}

// readingShown gives the article view the reading settings kept.
func (u *UI) readingShown() {
	r := u.readingPrefs()
	u.article.SetZoom(r.zoom)
	u.article.SetLineSpacing(r.spacing)
	u.article.SetMeasure(r.measure)
}

func textSizeName(z float32) string { return fmt.Sprintf("%d%%", int(z*100+0.5)) }

func spacingName(s float32) string {
	switch s {
	case 1.5:
		return "1.5 (a book page)"
	case 2:
		return "2 (double)"
	}
	return strconv.FormatFloat(float64(s), 'f', -1, 32)
}

func measureName(n int) string {
	if n == 0 {
		return "The article's width"
	}
	return fmt.Sprintf("%d characters", n)
}

// choiceIndex returns the index of the choice named name.
func choiceIndex[T any](choices []T, name func(T) string, s string) int {
	return slices.IndexFunc(choices, func(c T) bool { return name(c) == s })
}

// names lists the names of choices.
func names[T comparable](choices []T, name func(T) string) []string {
	out := make([]string, len(choices))
	for i, c := range choices {
		out[i] = name(c)
	}
	return out
}

// showReadingSettings opens View > Reading settings…: text size, line
// spacing and line length, each applied and kept as it is chosen.
func (u *UI) showReadingSettings() {
	r := u.readingPrefs()
	size := newDialogSelect(u, names(textSizes, textSizeName), func(s string) {
		if i := choiceIndex(textSizes, textSizeName, s); i >= 0 {
			r.zoom = textSizes[i]
			u.setReading(r)
		}
	})
	spacing := newDialogSelect(u, names(lineSpacings, spacingName), func(s string) {
		if i := choiceIndex(lineSpacings, spacingName, s); i >= 0 {
			r.spacing = lineSpacings[i]
			u.setReading(r)
		}
	})
	measure := newDialogSelect(u, names(measures, measureName), func(s string) {
		if i := choiceIndex(measures, measureName, s); i >= 0 {
			r.measure = measures[i]
			u.setReading(r)
		}
	})
	size.PlaceHolder = textSizeName(r.zoom) // a zoom set with Ctrl+= is none of the choices
	size.SetSelected(textSizeName(r.zoom))
	spacing.PlaceHolder = spacingName(r.spacing)
	spacing.SetSelected(spacingName(r.spacing))
	measure.PlaceHolder = measureName(r.measure)
	measure.SetSelected(measureName(r.measure))
	form := widget.NewForm(
		widget.NewFormItem("Text size", size),
		widget.NewFormItem("Line spacing", spacing),
		widget.NewFormItem("Line length at most", measure),
	)
	note := widget.NewLabel("Changes show at once and are kept for the next time.\nCtrl+= and Ctrl+- change the text size too.")
	d := dialog.NewCustom("Reading settings", "Close", container.NewVBox(form, note), u.win)
	d.Show()
	u.keyed(d.Hide, d.Hide)
}
