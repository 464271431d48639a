package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

func TestBeside(t *testing.T) {
	for _, tc := range []struct {
		width, sideW, gap, minMain float32
		want                       bool
	}{
		{680, 170, 4, 320, true},  // 1280 px: the choices beside the title
		{530, 170, 4, 320, true},  // 1024 px
		{290, 170, 4, 320, false}, // 800 px with the article list: under it
		{494, 170, 4, 320, true},  // exactly minMain left
		{493, 170, 4, 320, false},
	} {
		if got := beside(tc.width, tc.sideW, tc.gap, tc.minMain); got != tc.want {
			t.Errorf("beside(%v, %v, %v, %v) got %v; want %v", tc.width, tc.sideW, tc.gap, tc.minMain, got, tc.want)
		}
	}
}

// View > Article list hides the list and gives its width to the article;
// the choice is kept.
func TestArticleListToggle(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Resize(fyne.NewSize(800, 600))
	u.win.Show()
	settle()
	before := u.article.Size().Width
	u.toggleArticleList()
	settle()
	if u.articles.content.Visible() {
		t.Fatal("the article list is shown after View > Article list")
	}
	if got := u.article.Size().Width; got <= before {
		t.Errorf("article width with the list hidden got %v; want more than %v", got, before)
	}
	if u.app.Preferences().BoolWithFallback(prefArticleList, true) {
		t.Error("the preference still says the list is shown")
	}
	u.toggleArticleList()
	if !u.articles.content.Visible() {
		t.Error("the article list is hidden after toggling it twice")
	}
}
