package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"glossa/annotation"
)

// A link removed by clicking its connector and pressing Delete is gone
// from the store; one undo brings it back, stored too.
func TestDeleteLinkByItsConnector(t *testing.T) {
	u, st := newTestUI(t)
	sel(t, u, "The reservoir will be full by June", 0)
	press(u, "1")
	sel(t, u, "Ana Pérez", 0)
	press(u, "2") // linked to the claim, which stays selected
	claim, src := only(t, st, "Claim"), only(t, st, "Source")
	if got := claim.LinksOf(annotation.LinkSaidBy); len(got) != 1 {
		t.Fatalf("claim said_by = %v, want the source", got)
	}
	ls := u.article.Links()
	if len(ls) != 1 || ls[0].From != claim.ID || ls[0].To != src.ID || ls[0].Label != "said_by" {
		t.Fatalf("article links = %+v, want one said_by from the claim to the source", ls)
	}
	u.win.Resize(fyne.NewSize(1280, 800))
	pos, ok := u.article.LinkPosition(ls[0].ID)
	if !ok {
		t.Fatal("the selected claim's link is not drawn")
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(u.article).Add(pos)
	test.TapCanvas(u.win.Canvas(), at)
	if u.article.SelectedLink() != ls[0].ID || !strings.Contains(u.statusBar.Text, "Link selected") {
		t.Fatalf("after a click on the connector: selected link %d, status %q; want %d and the link named", u.article.SelectedLink(), u.statusBar.Text, ls[0].ID)
	}
	u.typedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if got := only(t, st, "Claim").Links; len(got) != 0 {
		t.Fatalf("after Delete the stored claim has links %v; want none", got)
	}
	if len(st.stored()) != 2 {
		t.Fatalf("after Delete stored %d annotations; want both still (only the link goes)", len(st.stored()))
	}
	if len(u.article.Links()) != 0 || !strings.Contains(u.statusBar.Text, "Removed the link") {
		t.Errorf("after Delete: article links %+v, status %q", u.article.Links(), u.statusBar.Text)
	}
	u.undo()
	if got := only(t, st, "Claim").LinksOf(annotation.LinkSaidBy); len(got) != 1 || got[0] != src.ID {
		t.Fatalf("after undo the stored claim said_by = %v; want [%d]", got, src.ID)
	}
	if ls := u.article.Links(); len(ls) != 1 {
		t.Errorf("after undo the article has %d links; want 1", len(ls))
	}
}

// View > Show all links is kept in the preferences and sets the article's
// mode.
func TestShowAllLinksPreference(t *testing.T) {
	u, _ := newTestUI(t)
	if u.allLinksOn() {
		t.Fatal("all links on by default; want off")
	}
	u.toggleAllLinks()
	if !u.app.Preferences().Bool(prefAllLinks) || u.article.LinkMode() != 1 {
		t.Errorf("after the toggle: preference %v, mode %v; want true, AllLinks", u.app.Preferences().Bool(prefAllLinks), u.article.LinkMode())
	}
}

// A suggested claim's source is drawn as a connector; a click on it
// selects the suggestion, which Enter accepts with the link.
func TestSuggestedLinkSelectsItsSuggestion(t *testing.T) {
	u, _ := newSuggestUI(t)
	claim := pendingWith(t, u, "Claim", "reservoir")
	sources := claim.LinksOf(annotation.LinkSaidBy)
	if len(sources) == 0 {
		t.Fatalf("the claim %q has no suggested source", claim.Quote())
	}
	var id uint64
	for _, l := range u.article.Links() {
		if l.From == claim.ID && l.To == sources[0] {
			id = l.ID
		}
	}
	if id == 0 {
		t.Fatalf("no connector from the suggested claim to its source among %+v", u.article.Links())
	}
	u.win.Resize(fyne.NewSize(1280, 800))
	u.selectAnnotation(claim.ID)
	if _, ok := u.article.LinkPosition(id); !ok {
		t.Errorf("the selected suggested claim's connector to its source is not drawn")
	}
	u.selectAnnotation(0)
	u.linkSelected(id)
	if u.s.Selected() != claim.ID {
		t.Errorf("after a click on its connector selected %d; want the suggested claim %d", u.s.Selected(), claim.ID)
	}
}
