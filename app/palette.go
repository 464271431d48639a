package app

import (
	"image/color"
	"math"
)

// paletteColor is a colour the codebook dialog offers for a label or a
// relation type.
type paletteColor struct {
	Name, Hex string
}

// palette is the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal
// Design"), told apart by readers with any common colour-vision deficiency,
// then four of Paul Tol's "muted" scheme (also made for colour-blind
// readers) for codebooks of more labels. Each keeps the article's text
// legible under its highlight band on both themes
// (TestPaletteKeepsTextLegible: a WCAG contrast of at least 4.5:1 between
// the theme's text colour and a band blended over the theme's background,
// 3:1 under the denser band of the selected annotation). That measure left
// out four Okabe–Ito colours: black (lost on the dark theme; a grey
// instead), blue #0072b2 (4.40:1 under a band on the light theme), yellow
// #f0e442 (2.91:1 when selected on the dark theme), and Tol's purple
// #aa4499 (4.42:1).
var palette = []paletteColor{
	{"Orange", "#e69f00"},
	{"Sky blue", "#56b4e9"},
	{"Bluish green", "#009e73"},
	{"Vermilion", "#d55e00"},
	{"Reddish purple", "#cc79a7"},
	{"Grey", "#999999"},
	{"Rose", "#cc6677"},
	{"Teal", "#44aa99"},
	{"Olive", "#999933"},
	{"Sand", "#ddcc77"},
}

// paletteName returns the palette's name of hex, or hex itself.
func paletteName(hex string) string {
	for _, p := range palette {
		if p.Hex == hex {
			return p.Name
		}
	}
	return hex
}

// over returns fg with alpha a blended over the opaque bg.
func over(fg color.Color, a uint8, bg color.Color) color.NRGBA {
	f, b := color.NRGBAModel.Convert(fg).(color.NRGBA), color.NRGBAModel.Convert(bg).(color.NRGBA)
	mix := func(x, y uint8) uint8 { return uint8((int(x)*int(a) + int(y)*(255-int(a)) + 127) / 255) }
	return color.NRGBA{R: mix(f.R, b.R), G: mix(f.G, b.G), B: mix(f.B, b.B), A: 0xff}
}

// contrast is the WCAG 2 contrast ratio of two opaque colours: 1 to 21.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is the WCAG 2 relative luminance of c.
func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}
