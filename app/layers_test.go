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

// inLayer is an annotation of label over the first occurrence of quote in
// testText, in layer, made by author.
func inLayer(t *testing.T, layer, author, label, quote string) annotation.Annotation {
	t.Helper()
	ms := findAll(testText, quote, true)
	if len(ms) == 0 {
		t.Fatalf("%q is not in the test text", quote)
	}
	return annotation.Annotation{Label: label, Spans: []annotation.Span{{Start: ms[0].Start, End: ms[0].End, Text: quote}}, Layer: layer, Author: author}
}

// newLayersUI builds the window for annotator "ana" on a fake store whose
// first article holds the claim "The reservoir will be full by June" in
// the layers of ana, ben and cy (cy's a word shorter) and in the curated
// layer, and Ana Pérez as a source in ben's layer only.
func newLayersUI(t *testing.T) (*UI, *fakeStore) {
	t.Helper()
	a := lockUI(t, test.NewTempApp(t))
	a.Preferences().SetString(prefAnnotator, "ana")
	st := newFakeStore(testDocs()...)
	claim := "The reservoir will be full by June"
	if _, err := st.Apply(1, []annotation.Annotation{
		inLayer(t, "ana", "ana", "Claim", claim),
		inLayer(t, "ben", "ben", "Claim", claim),
		inLayer(t, "cy", "cy", "Claim", "The reservoir will be full"),
		inLayer(t, annotation.CuratedLayer, "ana", "Claim", claim),
		inLayer(t, "ben", "ben", "Source", "Ana Pérez"),
	}, nil); err != nil {
		t.Fatal(err)
	}
	u := New(a, Project{Store: st}, Config{Version: "test"})
	settle()
	return u, st
}

// byLayer finds the open article's annotation of label in layer.
func byLayer(t *testing.T, u *UI, layer, label string) annotation.Annotation {
	t.Helper()
	for _, a := range u.s.Annotations() {
		if annotation.LayerOf(a) == layer && a.Label == label {
			return a
		}
	}
	t.Fatalf("no %s of %q shown: %+v", label, layer, u.s.Annotations())
	return annotation.Annotation{}
}

// In the view of all layers, the annotator's own annotations are filled
// and every other layer has an outline style of its own; the tip, the
// status line on hover and the panel name the layer.
func TestAllLayersStyles(t *testing.T) {
	u, _ := newLayersUI(t)
	if v := u.s.View(); v.Kind != session.ViewAll {
		t.Fatalf("view %+v; want all layers by default", v)
	}
	want := map[string]widgets.HighlightStyle{"ana": widgets.Filled, "ben": widgets.Dashed, "cy": widgets.Dotted, annotation.CuratedLayer: widgets.Bracketed}
	tips := map[string]string{"ana": "Claim · ana", "ben": "Claim · ben", "cy": "Claim · cy", annotation.CuratedLayer: "Claim · curated by ana"}
	for layer, style := range want {
		a := byLayer(t, u, layer, "Claim")
		i := slices.IndexFunc(u.article.Highlights(), func(h widgets.Highlight) bool { return h.ID == a.ID })
		if i < 0 {
			t.Fatalf("no highlight of %s's claim", layer)
		}
		if h := u.article.Highlights()[i]; h.Style != style || h.Label != tips[layer] {
			t.Errorf("%s's claim drawn %s with tip %q; want %s, %q", layer, h.Style, h.Label, style, tips[layer])
		}
	}
	if s := u.statusBar.Text; !strings.Contains(s, "ben dashed") || !strings.Contains(s, "cy dotted") || !strings.Contains(s, "curated bracketed") {
		t.Errorf("status %q; want the legend of the styles", s)
	}

	ben := byLayer(t, u, "ben", "Source")
	u.hovered([]uint64{ben.ID})
	if s := u.statusBar.Text; !strings.Contains(s, "(ben)") {
		t.Errorf("hover status %q; want the layer named", s)
	}

	var named []string
	for _, r := range u.panel.rows {
		if r.heading == "" {
			named = append(named, u.panel.layerNote(u.s.Annotation(r.id)))
		}
	}
	slices.Sort(named)
	if w := []string{"ana", "ben", "ben", "curated by ana", "cy"}; !slices.Equal(named, w) {
		t.Errorf("the panel names the layers %q; want %q", named, w)
	}
}

// One layer's view fills it and names no layer; the view is remembered
// for the project file and shown again when it is opened.
func TestLayerViewRemembered(t *testing.T) {
	u, st := newLayersUI(t)
	names, _ := u.viewChoices()
	if w := []string{choiceAllLayers, choiceCurated, "ana (you)", "ben", "cy"}; !slices.Equal(names, w) {
		t.Errorf("layer choices %q; want %q", names, w)
	}
	u.layerSel.SetSelected("ben")
	if v := u.s.View(); v.Kind != session.ViewAnnotator || v.Annotator != "ben" {
		t.Fatalf("view %+v after choosing ben", v)
	}
	if n := len(u.s.Annotations()); n != 2 {
		t.Errorf("%d annotations shown; want ben's 2", n)
	}
	for _, h := range u.article.Highlights() {
		if h.Style != widgets.Filled || strings.Contains(h.Label, "·") {
			t.Errorf("highlight %+v in ben's view; want filled, no layer named", h)
		}
	}
	if s := u.statusBar.Text; !strings.Contains(s, "read-only") {
		t.Errorf("status %q; want it to say the layer is read-only", s)
	}

	again := New(u.app, Project{Store: st}, Config{Version: "test"})
	if v := again.s.View(); v.Kind != session.ViewAnnotator || v.Annotator != "ben" {
		t.Errorf("the project opened again shows %+v; want ben's layer", v)
	}
	if again.layerSel.Selected != "ben" {
		t.Errorf("the layer choice shows %q; want ben", again.layerSel.Selected)
	}
	again.setView(session.LayerView{Kind: session.ViewCurated})
	if got := viewFromPref(u.app.Preferences().String(prefLayerView + st.Path())); got.Kind != session.ViewCurated {
		t.Errorf("remembered %+v; want the curated layer", got)
	}
}

// Editing another annotator's annotation, or tagging in his view, is
// refused with the session's sentence in the status bar: no dialog,
// nothing written.
func TestOtherLayerRefused(t *testing.T) {
	u, st := newLayersUI(t)
	before := st.applies
	ben := byLayer(t, u, "ben", "Source")
	u.selectAnnotation(ben.ID)
	u.typedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if s := u.statusBar.Text; !strings.Contains(s, `belongs to the layer "ben", which only its annotator edits`) || strings.HasSuffix(s, "read-only.") {
		t.Errorf("status %q; want the session's sentence without the sentinel", s)
	}
	if u.failDlg != nil || u.dialogOpen() {
		t.Error("a dialog opened for a refused edit")
	}

	u.setView(session.LayerView{Kind: session.ViewAnnotator, Annotator: "cy"})
	sel(t, u, "Green Party", 0)
	press(u, "4")
	if s := u.statusBar.Text; !strings.HasPrefix(s, `The layer "cy" is shown, which only its annotator edits`) {
		t.Errorf("status %q; want the sentence that says to show another view", s)
	}
	if st.applies != before || u.dialogOpen() {
		t.Errorf("%d writes and a dialog %v; want none", st.applies-before, u.dialogOpen())
	}

	// His own layer's: saved.
	u.setView(session.LayerView{})
	ana := byLayer(t, u, "ana", "Claim")
	u.selectAnnotation(ana.ID)
	u.typedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if st.applies != before+1 {
		t.Errorf("deleting his own claim wrote %d times; want once", st.applies-before)
	}
}

// Pending suggestions show where the annotator's own layer is edited (all
// layers, his own), not in the curated view nor another annotator's.
func TestSuggestionsOnlyInOwnViews(t *testing.T) {
	u, _ := newSuggestUI(t)
	outlined := func() (n int) {
		for _, h := range u.article.Highlights() {
			if h.Style == widgets.Outlined {
				n++
			}
		}
		return n
	}
	heading := func() bool {
		return slices.ContainsFunc(u.panel.rows, func(r panelRow) bool { return strings.HasPrefix(r.heading, "Suggestions") })
	}
	if len(u.s.Suggestions()) == 0 || outlined() == 0 || !heading() {
		t.Fatal("no suggestions shown in the view of all layers")
	}
	for _, v := range []session.LayerView{{Kind: session.ViewCurated}, {Kind: session.ViewAnnotator, Annotator: "ben"}} {
		u.setView(v)
		if outlined() != 0 || heading() || u.capturesTab() {
			t.Errorf("view %+v: %d suggestions drawn, listed %v, Tab captured %v; want none", v, outlined(), heading(), u.capturesTab())
		}
	}
	u.setView(session.LayerView{Kind: session.ViewAnnotator, Annotator: u.s.Annotator()})
	if outlined() == 0 || !heading() {
		t.Error("no suggestions shown in the annotator's own layer")
	}
}
