package app

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
)

// Probe writes where things are drawn in the main window, for the
// end-to-end scripts, which click and drag there instead of at fixed
// pixels (GLOSSA_PROBE, scripts/xvfb.sh's probe): layout changes (the label
// bar, line spacing, the panel) then move the scripts' clicks with them.
// One thing a line, tab-separated, in pixels from the window's top left:
//
//	word START END X Y W H TEXT   each word of the article on screen (code point offsets)
//	box NAME X Y W H              a control: note (the Note field of the
//	                              annotation shown), layer (the layer choice),
//	                              article.N (row N of the article list, from 0)
//
// It runs on the UI goroutine.
func (u *UI) Probe(w io.Writer) error {
	c := u.win.Canvas()
	d := fyne.CurrentApp().Driver()
	px := func(pos fyne.Position, size fyne.Size) string {
		x0, y0 := c.PixelCoordinateForPosition(pos)
		x1, y1 := c.PixelCoordinateForPosition(pos.Add(size))
		return fmt.Sprintf("%d\t%d\t%d\t%d", x0, y0, x1-x0, y1-y0)
	}
	var b strings.Builder
	box := func(name string, o fyne.CanvasObject) {
		if o != nil && o.Visible() && !o.Size().IsZero() {
			fmt.Fprintf(&b, "box\t%s\t%s\n", name, px(d.AbsolutePositionForObject(o), o.Size()))
		}
	}
	// The article's words.
	at := d.AbsolutePositionForObject(u.article)
	text := []rune(u.article.Text())
	start, end := u.article.VisibleRange()
	for i := start; i < end; {
		if unicode.IsSpace(text[i]) {
			i++
			continue
		}
		j := i
		for j < end && !unicode.IsSpace(text[j]) {
			j++
		}
		if pos, size, ok := u.article.TextBox(i, j); ok {
			fmt.Fprintf(&b, "word\t%d\t%d\t%s\t%s\n", i, j, px(at.Add(pos), size), string(text[i:j]))
		}
		i = j
	}
	if f := u.panel.ed.shown; f != nil && u.panel.ed.id != 0 {
		box("note", f.note)
	}
	box("layer", u.layerSel)
	l := u.articles.list
	lp := d.AbsolutePositionForObject(l)
	for i := l.Top(); ; i++ {
		pos, size, ok := l.RowBox(i)
		if !ok {
			break
		}
		fmt.Fprintf(&b, "box\tarticle.%d\t%s\n", i, px(lp.Add(pos), size))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
