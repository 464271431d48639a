package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// scrollDown returns o in a vertical scroll whose bar has a gutter of its
// own at the right: Fyne draws a scroll bar over the content, which would
// cover the right end of every field. Only vertical: o takes the width it
// is given, so a narrow window narrows it rather than cutting it off.
func scrollDown(o fyne.CanvasObject) *container.Scroll {
	gutter := canvas.NewRectangle(color.Transparent)
	gutter.SetMinSize(fyne.NewSize(theme.ScrollBarSize()+theme.Padding(), 0))
	return container.NewVScroll(container.NewBorder(nil, nil, nil, gutter, o))
}

// prefArticleList (bool): the article list is shown at the left; default
// true.
const prefArticleList = "articleList"

// articleListOn reports whether the article list is to be shown.
func (u *UI) articleListOn() bool {
	return u.app.Preferences().BoolWithFallback(prefArticleList, true)
}

// articleListShown shows or hides the article list as the preference says.
func (u *UI) articleListShown() {
	if u.articleListOn() {
		u.articles.content.Show()
	} else {
		u.articles.content.Hide()
	}
	u.listSplit.Refresh()
}

// toggleArticleList shows or hides the article list (View menu); Ctrl+Page
// Up and Ctrl+Page Down still step through the articles without it.
func (u *UI) toggleArticleList() {
	u.app.Preferences().SetBool(prefArticleList, !u.articleListOn())
	u.articleListShown()
	u.win.SetMainMenu(u.makeMenu())
}

// besideOrBelow lays out two objects, main and side: side at the right
// of main while main keeps at least minMain pixels beside it, else under
// main, each at the full width. The article's title and its layer and
// status choices: beside each other in a wide window, the title on its
// own lines in a narrow one rather than a word a line.
type besideOrBelow struct {
	minMain float32
	width   float32 // the width of the last layout, which MinSize's height follows (as a wrapped label's does)
}

// beside reports whether a side of width sideW leaves main at least
// minMain of width, a gap apart.
func beside(width, sideW, gap, minMain float32) bool {
	return width-sideW-gap >= minMain
}

func (l *besideOrBelow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	main, side := objs[0], objs[1]
	gap := theme.Padding()
	sw := side.MinSize().Width
	if beside(size.Width, sw, gap, l.minMain) {
		main.Move(fyne.NewPos(0, 0))
		main.Resize(fyne.NewSize(size.Width-sw-gap, size.Height))
		side.Move(fyne.NewPos(size.Width-sw, 0))
		side.Resize(fyne.NewSize(sw, side.MinSize().Height))
		return
	}
	main.Move(fyne.NewPos(0, 0))
	main.Resize(fyne.NewSize(size.Width, main.MinSize().Height))
	mh := main.MinSize().Height // at this width
	main.Resize(fyne.NewSize(size.Width, mh))
	side.Move(fyne.NewPos(0, mh+gap))
	side.Resize(fyne.NewSize(size.Width, side.MinSize().Height))
}

func (l *besideOrBelow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m, s := objs[0].MinSize(), objs[1].MinSize()
	w := max(m.Width, s.Width)
	if l.width == 0 || beside(l.width, s.Width, theme.Padding(), l.minMain) {
		return fyne.NewSize(w, max(m.Height, s.Height))
	}
	return fyne.NewSize(w, m.Height+theme.Padding()+s.Height)
}
