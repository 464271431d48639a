package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
)

// item returns the menu item labelled text, failing the test without one.
func item(t *testing.T, m *fyne.Menu, text string) *fyne.MenuItem {
	t.Helper()
	if m == nil {
		t.Fatalf("no menu, want one with %q", text)
	}
	var labels []string
	for _, it := range m.Items {
		if it.Label == text {
			return it
		}
		labels = append(labels, it.Label)
	}
	t.Fatalf("menu has no %q: %q", text, labels)
	return nil
}

func hasItem(m *fyne.Menu, text string) bool {
	for _, it := range m.Items {
		if it.Label == text {
			return true
		}
	}
	return false
}

func TestContextMenuOnSelectionTagsAndCopies(t *testing.T) {
	u, st := newTestUI(t)
	start, _ := sel(t, u, "Green Party", 0)
	m := u.contextMenu(start+2, nil)
	tagAs := item(t, m, "Tag as")
	if n := len(tagAs.ChildMenu.Items); n != len(u.s.Labels().Labels) {
		t.Errorf("Tag as has %d items, want one per label (%d)", n, len(u.s.Labels().Labels))
	}
	item(t, tagAs.ChildMenu, "4  Organisation").Action()
	if org := only(t, st, "Organisation"); org.Spans[0].Text != "Green Party" {
		t.Errorf("tagged %q, want Green Party", org.Spans[0].Text)
	}

	sel(t, u, "Monday", 0)
	item(t, u.contextMenu(start+2, nil), "Copy").Action() // plain text, a selection elsewhere
	if got := u.app.Clipboard().Content(); got != "Monday" {
		t.Errorf("clipboard = %q, want Monday", got)
	}
	u.article.ClearSelection()
	if m := u.contextMenu(start+40, nil); m != nil {
		t.Errorf("menu on plain text without a selection: %+v, want none", m.Items)
	}
}

func TestContextMenuOnHighlight(t *testing.T) {
	u, st := newTestUI(t)
	sel(t, u, "Ana Pérez", 0)
	press(u, "2")
	src := only(t, st, "Source")
	sel(t, u, "The reservoir will be full by June", 0)
	press(u, "1")
	claim := only(t, st, "Claim")
	if u.s.Selected() != claim.ID {
		t.Fatalf("selected %d, want the claim", u.s.Selected())
	}

	m := u.contextMenu(src.Start()+1, []uint64{src.ID})
	if title := m.Items[0]; !title.Disabled || !strings.Contains(title.Label, "Source") || !strings.Contains(title.Label, "Ana Pérez") {
		t.Errorf("title = %q (disabled %v), want the label and quote, disabled", title.Label, title.Disabled)
	}
	if !hasItem(m, "Select") || !hasItem(m, "Delete") || !hasItem(m, "Change label") {
		t.Errorf("menu lacks Select, Change label or Delete")
	}
	item(t, m, "Link as source of the selected claim").Action()
	if got := only(t, st, "Claim").LinksOf(annotation.LinkSaidBy); len(got) != 1 || got[0] != src.ID {
		t.Fatalf("claim said_by = %v, want [%d]", got, src.ID)
	}
	if m := u.contextMenu(src.Start()+1, []uint64{src.ID}); hasItem(m, "Link as source of the selected claim") {
		t.Error("Link offered again for a source already linked")
	}
	// On the claim itself: no Select (it is selected), no Link.
	if m := u.contextMenu(claim.Start()+1, []uint64{claim.ID}); hasItem(m, "Select") || hasItem(m, "Link as source of the selected claim") {
		t.Errorf("menu of the selected claim offers Select or Link")
	}

	item(t, u.contextMenu(src.Start()+1, []uint64{src.ID}), "Select").Action()
	if u.s.Selected() != src.ID {
		t.Errorf("selected %d after Select, want %d", u.s.Selected(), src.ID)
	}
	change := item(t, u.contextMenu(src.Start()+1, []uint64{src.ID}), "Change label")
	if !item(t, change.ChildMenu, "Source").Checked {
		t.Error("the current label is not checked")
	}
	item(t, change.ChildMenu, "Person").Action()
	if p := only(t, st, "Person"); p.ID != src.ID || len(p.Attributes) != 0 {
		t.Errorf("after Change label: %+v, want the same annotation as Person without source attributes", p)
	}
	item(t, u.contextMenu(src.Start()+1, []uint64{src.ID}), "Delete").Action()
	if got := st.stored(); len(got) != 1 || got[0].ID != claim.ID || len(got[0].Links) != 0 {
		t.Errorf("after Delete stored %+v, want the claim alone, unlinked", got)
	}
}

func TestSecondaryTapShowsPopUpMenu(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Show()
	sel(t, u, "Río Verde council", 0)
	test.TapSecondaryAt(u.article, fyne.NewPos(30, 20))
	var menu *widget.PopUpMenu
	walk(t, topOverlay(t, u), func(o fyne.CanvasObject) {
		if m, ok := o.(*widget.PopUpMenu); ok && menu == nil {
			menu = m
		}
	})
	if menu == nil || len(menu.Items) != 2 {
		t.Errorf("pop-up menu over the article = %+v, want Tag as and Copy", menu)
	}
}

func TestHoverShowsHighlightsInStatusLine(t *testing.T) {
	u, st := newTestUI(t)
	sel(t, u, "Ana Pérez", 0)
	press(u, "3")
	p := only(t, st, "Person")
	msg := u.statusBar.Text
	u.article.OnHover([]uint64{p.ID})
	if got := u.statusBar.Text; !strings.Contains(got, "Person") || !strings.Contains(got, "Ana Pérez") {
		t.Errorf("status while hovering = %q, want the label and quote", got)
	}
	u.article.OnHover(nil)
	if got := u.statusBar.Text; got != msg {
		t.Errorf("status after hovering = %q, want the last message %q back", got, msg)
	}
}

func TestHoverOverStackedHighlightsNamesThreeAndCountsTheRest(t *testing.T) {
	u, st := newTestUI(t)
	for range 5 {
		sel(t, u, "Ana Pérez", 0)
		press(u, "3")
	}
	var ids []uint64
	for _, a := range st.stored() {
		if a.Label == "Person" {
			ids = append(ids, a.ID)
		}
	}
	if len(ids) != 5 {
		t.Fatalf("%d Person annotations on “Ana Pérez”, want 5", len(ids))
	}
	u.article.OnHover(ids)
	got := u.statusBar.Text
	if n := strings.Count(got, "Person “Ana Pérez”"); n != 3 || !strings.HasSuffix(got, "and 2 more") {
		t.Errorf("status while hovering 5 = %q, want 3 named and “and 2 more”", got)
	}
}
