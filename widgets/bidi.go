package widgets

import (
	"bytes"

	"fyne.io/fyne/v2"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
)

// bidiSplitter finds where Fyne draws a line's text right to left. Fyne
// draws a canvas.Text with go-text: it splits the line into runs of one
// direction (the Unicode bidi algorithm in a left-to-right paragraph), then
// of one script, then of one font, and draws the runs one after the other in
// logical order, each right-to-left run mirrored in place; it does not
// reorder runs. So digits in Hebrew or Arabic text are a left-to-right run of
// their own, and punctuation the theme font has (":" in Arabic text) is a run
// of its own, apart from the letters a fallback font draws. bidiSplitter makes
// the same split with the same segmenter; of the fonts it tells only the
// theme's regular font, which Fyne tries first, from all the others.
type bidiSplitter struct {
	seg      shaping.Segmenter
	theme    *font.Face
	fallback *font.Face // stands for every other font
}

// newBidiSplitter returns a splitter for a theme's regular font; one that
// finds no run when the font cannot be read.
func newBidiSplitter(regular fyne.Resource) *bidiSplitter {
	face, err := font.ParseTTF(bytes.NewReader(regular.Content()))
	if err != nil {
		return &bidiSplitter{}
	}
	return &bidiSplitter{theme: face, fallback: font.NewFace(face.Font)}
}

// ResolveFace is the font Fyne draws r with, as far as the split goes.
func (b *bidiSplitter) ResolveFace(r rune) *font.Face {
	if _, ok := b.theme.NominalGlyph(r); ok {
		return b.theme
	}
	return b.fallback
}

// rtlRuns returns the runs of line that Fyne draws right to left, as
// [start, end) indexes into it, in order. A line without a strong
// right-to-left character has none, and costs no split.
func (b *bidiSplitter) rtlRuns(line []rune) [][2]int {
	if b == nil || b.theme == nil || !hasRTL(line) {
		return nil
	}
	in := shaping.Input{Text: line, RunEnd: len(line), Direction: di.DirectionLTR, Face: b.theme}
	var runs [][2]int
	for _, r := range b.seg.Split(in, b) {
		if r.Direction.Progression() == di.TowardTopLeft && r.RunEnd > r.RunStart {
			runs = append(runs, [2]int{r.RunStart, r.RunEnd})
		}
	}
	return runs
}

func hasRTL(line []rune) bool {
	for _, r := range line {
		if isRTL(r) {
			return true
		}
	}
	return false
}
