package app

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
	"glossa/app/session"
	"glossa/widgets"
)

// Annotator layers in the window (issue 21): View > Layer, and the layer
// choice above the article, show one annotator's layer, all of them or the
// curated layer (session.SetView), remembered per project file. In the view
// of all layers the annotator's own annotations (and those that name no
// annotator) are filled and every other layer has an outline style of its
// own (widgets.Dashed, Dotted; the curated layer Bracketed), with the
// layer's name on hover and in the annotation panel. Another annotator's
// annotations are read-only: an edit of one is refused with the session's
// sentence in the status bar.

// prefLayerView is the preference key prefix of the layer view of a
// project, followed by the project file's path: "all", "curated" or
// "annotator:NAME".
const prefLayerView = "layerView:"

// Choices of the layer choice other than an annotator's name.
const (
	choiceAllLayers   = "All layers"
	choiceCurated     = "Curated layer"
	choiceNoAnnotator = "(no annotator)" // the unnamed layer
)

// viewPref is how prefLayerView stores v.
func viewPref(v session.LayerView) string {
	switch v.Kind {
	case session.ViewCurated:
		return "curated"
	case session.ViewAnnotator:
		return "annotator:" + v.Annotator
	}
	return "all"
}

// viewFromPref is the view viewPref stored as s; all layers for anything
// else.
func viewFromPref(s string) session.LayerView {
	switch {
	case s == "curated":
		return session.LayerView{Kind: session.ViewCurated}
	case strings.HasPrefix(s, "annotator:"):
		return session.LayerView{Kind: session.ViewAnnotator, Annotator: strings.TrimPrefix(s, "annotator:")}
	}
	return session.LayerView{}
}

// savedView is the layer view last shown in the project file at path.
func (u *UI) savedView(path string) session.LayerView {
	return viewFromPref(u.app.Preferences().String(prefLayerView + path))
}

// layerNames returns the annotator layers of the project, sorted, as
// layersChanged found them: the curated layer is not among them. The
// unnamed layer ("") comes first when it holds annotations.
func (u *UI) layerNames() []string { return u.layers.names }

// projectLayers is what the window knows of the project's layers, read
// from the articles' summaries (which every edit keeps current).
type projectLayers struct {
	names   []string // annotator layers, sorted
	curated bool     // the curated layer holds annotations
}

// readLayers reads the layers of the articles' summaries.
func readLayers(docs []annotation.Summary) projectLayers {
	var l projectLayers
	seen := map[string]bool{}
	for _, d := range docs {
		for name, n := range d.Layers {
			switch {
			case n == 0:
			case name == annotation.CuratedLayer:
				l.curated = true
			default:
				seen[name] = true
			}
		}
	}
	l.names = slices.Sorted(maps.Keys(seen))
	return l
}

// layerChoice is how the layer choice and View > Layer name an
// annotator's layer: the name, "(no annotator)" for the unnamed layer, and
// "(you)" after the annotator's own.
func (u *UI) layerChoice(name string) string {
	switch {
	case name == "":
		return choiceNoAnnotator
	case name == u.s.Annotator():
		return name + " (you)"
	}
	return name
}

// viewChoice is the layer choice's text for v.
func (u *UI) viewChoice(v session.LayerView) string {
	switch v.Kind {
	case session.ViewCurated:
		return choiceCurated
	case session.ViewAnnotator:
		return u.layerChoice(v.Annotator)
	}
	return choiceAllLayers
}

// viewChoices lists what the layer choice offers, with the view each
// stands for.
func (u *UI) viewChoices() ([]string, []session.LayerView) {
	names := []string{choiceAllLayers, choiceCurated}
	views := []session.LayerView{{Kind: session.ViewAll}, {Kind: session.ViewCurated}}
	layers := u.layerNames()
	if me := u.s.Annotator(); me != "" && !slices.Contains(layers, me) {
		layers = append(layers, me) // his own layer, empty yet
		slices.Sort(layers)
	}
	if v := u.s.View(); v.Kind == session.ViewAnnotator && !slices.Contains(layers, v.Annotator) {
		layers = append(layers, v.Annotator) // remembered, and empty now
	}
	for _, l := range layers {
		names = append(names, u.layerChoice(l))
		views = append(views, session.LayerView{Kind: session.ViewAnnotator, Annotator: l})
	}
	return names, views
}

// newLayerSelect builds the layer choice shown above the article.
func (u *UI) newLayerSelect() *widget.Select {
	sel := widget.NewSelect(nil, nil)
	sel.PlaceHolder = "Layer"
	sel.OnChanged = func(choice string) {
		names, views := u.viewChoices()
		if i := slices.Index(names, choice); i >= 0 && views[i] != u.s.View() {
			u.setView(views[i])
		}
	}
	return sel
}

// layersChanged rereads the project's layers from the articles'
// summaries and brings the layer choice up to date with them and with the
// view shown. The highlights' styles follow the layers: it is called
// before they are drawn.
func (u *UI) layersChanged() {
	u.layers = readLayers(u.s.Documents())
	if u.layerSel == nil {
		return
	}
	names, _ := u.viewChoices()
	if !slices.Equal(u.layerSel.Options, names) {
		u.layerSel.SetOptions(names)
	}
	if c := u.viewChoice(u.s.View()); u.layerSel.Selected != c {
		u.layerSel.SetSelected(c) // OnChanged finds the view shown already
	}
}

// setView shows v, remembers it for the project and says what is shown.
func (u *UI) setView(v session.LayerView) {
	if !u.panel.flush() {
		u.layersChanged() // the choice goes back to the view shown
		return
	}
	u.s.SetView(v)
	if u.s.Suggestion(u.s.Selected()) != nil && len(u.suggestions()) == 0 {
		u.s.Select(0) // a suggestion the view does not show
	}
	u.app.Preferences().SetString(prefLayerView+u.st.Path(), viewPref(v))
	u.picking = false
	u.refreshAnnotations()
	u.layersChanged()
	u.whoSaidStale() // the graph reads the layer shown
	u.sideShown()    // the curation pane above the panel in the curated view
	if u.curating() && u.win.Canvas() != nil {
		u.win.Canvas().Focus(u.curation.list) // its keys accept versions
	}
	u.win.SetMainMenu(u.makeMenu())
	u.setStatus(u.viewSentence())
}

// viewSentence says what the view shows and how to read it.
func (u *UI) viewSentence() string {
	n := annotation.Plural(len(u.s.Annotations()), "annotation")
	switch v := u.s.View(); v.Kind {
	case session.ViewCurated:
		return fmt.Sprintf("Showing the curated layer (%s): what you tag here, and the versions you accept in the Curation pane, go into the curated dataset.", n)
	case session.ViewAnnotator:
		if v.Annotator == u.s.Annotator() {
			return fmt.Sprintf("Showing your layer (%s): what you tag goes into it.", n)
		}
		return fmt.Sprintf("Showing %s (%s), read-only: show your own layer, all layers or the curated layer to annotate.", annotation.LayerPhrase(v.Annotator), n)
	}
	if l := u.layerLegend(); l != "" {
		return fmt.Sprintf("Showing all layers (%s): %s. Hover a highlight to see whose it is.", n, l)
	}
	return fmt.Sprintf("Showing all layers (%s): only yours so far.", n)
}

// layerLegend says how each layer is drawn in the view of all layers
// ("yours filled, ben dashed, curated bracketed"); "" when it shows one
// layer or the project has one.
func (u *UI) layerLegend() string {
	if !u.showsLayers() {
		return ""
	}
	var legend []string
	if slices.Contains(u.layerNames(), u.s.Annotator()) {
		legend = append(legend, "yours filled")
	}
	for _, l := range u.layerNames() {
		if st := u.layerStyle(l); st != widgets.Filled {
			legend = append(legend, fmt.Sprintf("%s %s", u.layerChoice(l), st))
		}
	}
	if u.hasCurated() {
		legend = append(legend, "curated "+u.layerStyle(annotation.CuratedLayer).String())
	}
	return strings.Join(legend, ", ")
}

// shownLayers counts the layers of the open article's annotations.
func (u *UI) shownLayers() int {
	seen := map[string]bool{}
	for _, a := range u.s.Annotations() {
		seen[annotation.LayerOf(a)] = true
	}
	return len(seen)
}

// hasCurated reports whether the project's curated layer holds annotations.
func (u *UI) hasCurated() bool { return u.layers.curated }

// otherStyles are the styles of the other annotators' layers, in turn.
var otherStyles = []widgets.HighlightStyle{widgets.Dashed, widgets.Dotted}

// layerStyle is how a highlight of layer is drawn in the view shown: in
// the view of all layers, the annotator's own and the unnamed layer are
// filled, the curated layer bracketed, the others dashed and dotted in
// turn by name; a view of one layer fills it.
func (u *UI) layerStyle(layer string) widgets.HighlightStyle {
	if u.s.View().Kind != session.ViewAll || layer == "" || layer == u.s.Annotator() {
		return widgets.Filled
	}
	if layer == annotation.CuratedLayer {
		return widgets.Bracketed
	}
	var others []string
	for _, l := range u.layerNames() {
		if l != "" && l != u.s.Annotator() {
			others = append(others, l)
		}
	}
	i, _ := slices.BinarySearch(others, layer)
	return otherStyles[i%len(otherStyles)]
}

// showsLayers reports whether the view shows annotations of several
// layers, which are then named by layer on hover and in the panel: the
// view of all layers, in a project of more than one.
func (u *UI) showsLayers() bool {
	n := len(u.layers.names)
	if u.layers.curated {
		n++
	}
	return u.s.View().Kind == session.ViewAll && n > 1
}

// whose names the layer of a and, when another person made it (a curated
// annotation), its author: "ben", "curated by ana".
func whose(a annotation.Annotation) string {
	layer := annotation.LayerOf(a)
	switch {
	case layer == annotation.CuratedLayer && a.Author != "":
		return "curated by " + a.Author
	case layer == annotation.CuratedLayer:
		return "curated"
	case layer == "":
		return "no annotator"
	case a.Author != "" && a.Author != layer:
		return layer + ", by " + a.Author
	}
	return layer
}

// refused reports whether err is the session's refusal of an edit of a
// layer the view does not edit, and if so says its sentence in the status
// bar: nothing failed, there is nothing to retry.
func (u *UI) refused(err error) bool {
	if !errors.Is(err, annotation.ErrReadOnlyLayer) {
		return false
	}
	u.setStatus(refusal(err))
	return true
}

// refusal is the sentence of a refused edit, without the sentinel's words
// after it.
func refusal(err error) string {
	msg := strings.TrimSuffix(firstLine(err.Error()), ": "+annotation.ErrReadOnlyLayer.Error())
	if r := []rune(msg); len(r) > 0 {
		msg = strings.ToUpper(string(r[0])) + string(r[1:])
	}
	return strings.TrimRight(msg, ".") + "."
}

// layerItem is View > Layer: the views of the layer choice, the one shown
// checked.
func (u *UI) layerItem() *fyne.MenuItem {
	names, views := u.viewChoices()
	var items []*fyne.MenuItem
	for i, n := range names {
		it := fyne.NewMenuItem(n, func() { u.setView(views[i]) })
		it.Checked = views[i] == u.s.View()
		items = append(items, it)
		if i == 1 && len(names) > 2 {
			items = append(items, fyne.NewMenuItemSeparator())
		}
	}
	it := fyne.NewMenuItem("Layer", nil)
	it.ChildMenu = fyne.NewMenu("", items...)
	return it
}
