package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"glossa/annotation"
	"glossa/widgets"
)

func TestPaletteKeepsTextLegible(t *testing.T) {
	th := theme.DefaultTheme()
	for _, v := range []struct {
		name    string
		variant uint
	}{{"light", uint(theme.VariantLight)}, {"dark", uint(theme.VariantDark)}} {
		bg := th.Color(theme.ColorNameBackground, fyne.ThemeVariant(v.variant))
		fg := th.Color(theme.ColorNameForeground, fyne.ThemeVariant(v.variant))
		colours := slices.Clone(palette)
		for _, tp := range annotation.Templates() { // the colours a new project starts with
			for _, l := range tp.Codebook().Labels {
				colours = append(colours, paletteColor{tp.Name + " " + l.Name, l.Color})
			}
		}
		for _, p := range colours {
			for _, c := range []struct {
				alpha uint8
				min   float64
			}{{widgets.BandAlpha, 4.5}, {widgets.SelectedAlpha, 3}} {
				band := over(labelColor(p.Hex, 0xff), c.alpha, bg)
				if got := contrast(fg, band); got < c.min {
					t.Errorf("%s %s under alpha %#x on the %s theme: text contrast %.2f, want at least %.1f", p.Name, p.Hex, c.alpha, v.name, got, c.min)
				}
			}
		}
	}
}

func TestContrast(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#ffffff", 1},
		{"#777777", "#ffffff", 4.48},
	} {
		if got := contrast(labelColor(c.a, 0xff), labelColor(c.b, 0xff)); got < c.want-0.01 || got > c.want+0.01 {
			t.Errorf("contrast(%s, %s) = %.2f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}
