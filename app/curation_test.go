package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"glossa/annotation"
	"glossa/app/session"
	"glossa/widgets"
)

// newCurationUI is the window of curator "cur" in the curated view of the
// first article, where ana and ben tagged the same claim, a source each
// (ben's longer), and ben alone an organisation.
func newCurationUI(t *testing.T) (*UI, *fakeStore) {
	t.Helper()
	a := lockUI(t, test.NewTempApp(t))
	a.Preferences().SetString(prefAnnotator, "cur")
	st := newFakeStore(testDocs()...)
	claim := "The reservoir will be full by June"
	if _, err := st.Apply(1, []annotation.Annotation{
		inLayer(t, "ana", "ana", "Claim", claim),
		inLayer(t, "ben", "ben", "Claim", claim),
		inLayer(t, "ana", "ana", "Source", "Ana Pérez"),
		inLayer(t, "ben", "ben", "Source", "Ana Pérez, the mayor"),
		inLayer(t, "ben", "ben", "Organisation", "Green Party"),
	}, nil); err != nil {
		t.Fatal(err)
	}
	u := New(a, Project{Store: st}, Config{Version: "test"})
	u.win.Resize(fyne.NewSize(1280, 800))
	u.setView(session.LayerView{Kind: session.ViewCurated})
	settle()
	return u, st
}

// curatedStored returns "label quote [from layers]" of the curated
// annotations the store holds, in every article.
func curatedStored(st *fakeStore) []string {
	var out []string
	var all []annotation.Annotation
	for _, d := range st.docs {
		for _, a := range st.anns[d.ID] {
			all = append(all, a)
		}
	}
	for _, a := range all {
		if annotation.LayerOf(a) != annotation.CuratedLayer {
			continue
		}
		var from []string
		for _, v := range a.Provenance.From {
			from = append(from, v.Layer)
		}
		out = append(out, a.Label+" "+a.Quote()+" ["+strings.Join(from, " ")+"]")
	}
	slices.Sort(out)
	return out
}

// unitAt selects the unit whose text starts with prefix.
func unitAt(t *testing.T, u *UI, prefix string) int {
	t.Helper()
	for i, un := range u.curation.units {
		if strings.HasPrefix(u.s.Offsets().Slice(un.Start, un.End), prefix) {
			u.curation.list.Select(i)
			return i
		}
	}
	t.Fatalf("no unit at %q", prefix)
	return -1
}

// The pane lists the units with their states; the versions are drawn
// around the curated layer, one style an annotator.
func TestCurationPane(t *testing.T) {
	u, _ := newCurationUI(t)
	c := u.curation
	if u.side.Objects[0] != c.split {
		t.Fatal("the curation pane is not shown in the curated view")
	}
	var states []string
	for _, un := range c.units {
		states = append(states, unitState(un))
	}
	if want := []string{"all agree", "disagree", "not by ana"}; !slices.Equal(states, want) {
		t.Errorf("states %q; want %q", states, want)
	}
	if !strings.Contains(c.head.Text, "3 units by ana, ben: 1 agree, 1 disagree, 1 only some annotated, 0 curated") {
		t.Errorf("summary %q", c.head.Text)
	}
	styles := map[string]widgets.HighlightStyle{}
	for _, h := range u.article.Highlights() {
		styles[h.Label] = h.Style
	}
	if styles["Claim · 1 ana"] != widgets.Dashed || styles["Source · 2 ben"] != widgets.Dotted {
		t.Errorf("version styles %v; want ana dashed, ben dotted", styles)
	}

	unitAt(t, u, "Ana Pérez")
	if got := c.versionText(1); !strings.HasPrefix(got, "ben: Source “Ana Pérez, the mayor”") {
		t.Errorf("ben's version row %q", got)
	}

	u.setView(session.LayerView{})
	if u.side.Objects[0] != u.panel.content {
		t.Error("the curation pane stays outside the curated view")
	}
}

// 1…n accepts an annotator's version, Enter the selected one; each is one
// undo step, and accepting another replaces the first.
func TestCurationKeys(t *testing.T) {
	u, st := newCurationUI(t)
	c := u.curation
	unitAt(t, u, "Ana Pérez")
	u.win.Canvas().Focus(c.list)
	test.Type(c.list, "2")
	if got := curatedStored(st); !slices.Equal(got, []string{"Source Ana Pérez, the mayor [ben]"}) {
		t.Fatalf("curated %q after 2; want ben's source", got)
	}
	if u.dialogOpen() {
		t.Error("a dialog opened")
	}
	// The next unit left to decide is selected: the organisation.
	if un := c.units[c.selected]; un.Kind != annotation.KindEntity {
		t.Errorf("selected %s unit after accepting; want the next undecided, the organisation", un.Kind)
	}
	unitAt(t, u, "Ana Pérez")
	c.typedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	c.typedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := curatedStored(st); !slices.Equal(got, []string{"Source Ana Pérez [ana]"}) {
		t.Fatalf("curated %q after Left, Enter; want ana's source in place of ben's", got)
	}
	u.undo()
	if got := curatedStored(st); !slices.Equal(got, []string{"Source Ana Pérez, the mayor [ben]"}) {
		t.Errorf("curated %q after undo; want ben's back", got)
	}
	// ana has no organisation: 1 says so, nothing written.
	i := unitAt(t, u, "Green Party")
	before := st.applies
	c.typedRune('1')
	if st.applies != before || !strings.Contains(u.statusBar.Text, "ana has no version") {
		t.Errorf("%d writes, status %q", st.applies-before, u.statusBar.Text)
	}
	if c.selected != i {
		t.Errorf("selection moved to %d", c.selected)
	}
	// From the article, a label's key still tags: into the curated layer.
	sel(t, u, "Monday", 0)
	press(u, "6")
	if got := curatedStored(st); !slices.Contains(got, "Date Monday []") {
		t.Errorf("curated %q; want the date tagged in the curated layer", got)
	}
}

// Accept agreed takes the claim both agree on; a tap on a version in the
// article selects its unit.
func TestCurationAcceptAgreedAndTap(t *testing.T) {
	u, st := newCurationUI(t)
	c := u.curation
	c.acceptAgreed()
	if got := curatedStored(st); !slices.Equal(got, []string{"Claim The reservoir will be full by June [ana ben]"}) {
		t.Errorf("curated %q; want the claim, from both", got)
	}
	if un := c.units[0]; un.State != session.UnitCurated {
		t.Errorf("the claim's unit is %s", un.State)
	}
	var org uint64
	for _, a := range st.stored() {
		if a.Label == "Organisation" {
			org = a.ID
		}
	}
	u.highlightTapped(org)
	if c.selected < 0 || c.units[c.selected].Kind != annotation.KindEntity || c.version != 1 {
		t.Errorf("tapping ben's organisation selected unit %d, version %d", c.selected, c.version)
	}
}

// Accept agreed in every article is one step over the corpus.
func TestCurationAcceptAgreedCorpus(t *testing.T) {
	u, st := newCurationUI(t)
	text := testDocs()[1].Text
	for _, l := range []string{"ana", "ben"} {
		if _, err := st.Apply(2, []annotation.Annotation{{Label: "Claim", Spans: []annotation.Span{{Start: 0, End: 23, Text: text[:23]}}, Layer: l, Author: l}}, nil); err != nil {
			t.Fatal(err)
		}
	}
	u.reloadDocuments()
	u.curation.acceptAgreedCorpusDialog()
	tapButton(t, u, "Accept")
	if got := curatedStored(st); len(got) != 2 || u.s.DocID() != 1 {
		t.Errorf("curated %q, article %d open; want the two claims, the first article open", got, u.s.DocID())
	}
	if !strings.Contains(u.statusBar.Text, "in 2 articles") {
		t.Errorf("status %q", u.statusBar.Text)
	}
	u.undo()
	if got := curatedStored(st); len(got) != 0 {
		t.Errorf("curated %q after undo", got)
	}
}

// A curated unit whose source version changed since (edited, or merged
// again) says so in its row.
func TestCurationSourceChanged(t *testing.T) {
	u, st := newCurationUI(t)
	c := u.curation
	unitAt(t, u, "Ana Pérez")
	c.typedRune('2') // ben's source
	var ben annotation.Annotation
	for _, a := range st.stored() {
		if a.Label == "Source" && annotation.LayerOf(a) == "ben" {
			ben = a.Clone()
		}
	}
	ben.Note = "the mayor of Río Verde"
	if _, err := st.Apply(1, []annotation.Annotation{ben}, nil); err != nil {
		t.Fatal(err)
	}
	u.reloadAnnotations()
	i := unitAt(t, u, "Ana Pérez")
	if got := unitState(c.units[i]); got != "source changed" {
		t.Errorf("the curated source's row says %q; want source changed", got)
	}
	if !strings.Contains(c.head.Text, "1 whose source changed") {
		t.Errorf("summary %q", c.head.Text)
	}
}
