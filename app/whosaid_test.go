package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/app/session"
)

// newWhoSaidUI is newTestUI with, in the second article ("Nothing
// happened today, officials said."), the source "officials" and a claim
// said by it, and the graph window open and computed.
func newWhoSaidUI(t *testing.T) (*UI, *fakeStore, annotation.Annotation) {
	t.Helper()
	u, st := newTestUI(t)
	text := testDocs()[1].Text
	span := func(s string) []annotation.Span {
		i := strings.Index(text, s)
		return []annotation.Span{{Start: i, End: i + len(s), Text: s}}
	}
	got, err := st.Apply(2, []annotation.Annotation{{Label: "Source", Spans: span("officials")}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err = st.Apply(2, []annotation.Annotation{{Label: "Claim", Spans: span("Nothing happened today"),
		Links: []annotation.Link{{Type: annotation.LinkSaidBy, Target: got[0].ID}}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	u.reloadDocuments()
	u.showWhoSaid()
	until(t, func() bool { return u.whoSaid != nil && len(u.whoSaid.graph.Nodes) > 0 })
	return u, st, got[0]
}

// The window shows the graph of the project; a click on the source lists
// its claim, and a click on the claim opens its article in the main window
// with the claim selected.
func TestWhoSaidWindow(t *testing.T) {
	u, _, claim := newWhoSaidUI(t)
	w := u.whoSaid
	i := -1
	for k, n := range w.graph.Nodes {
		if n.Label == "officials" {
			i = k
		}
	}
	if i < 0 || w.graph.Nodes[i].Quoted != 1 {
		t.Fatalf("nodes %+v; want officials quoted once", w.graph.Nodes)
	}
	if len(w.pts) != len(w.graph.Nodes) {
		t.Fatalf("%d points for %d nodes", len(w.pts), len(w.graph.Nodes))
	}
	w.view.OnNodeTapped(i)
	until(t, func() bool { return len(w.rows) > 0 })
	if r := w.rows[0]; r.id != claim.ID || r.doc != 2 || r.quote != "Nothing happened today" || !strings.Contains(r.text(), "Second article") {
		t.Fatalf("claims of officials %+v; want the claim of article 2", w.rows)
	}
	w.claims.OnSelected(0)
	if u.s.DocID() != 2 || u.s.Selected() != claim.ID {
		t.Errorf("open article %d, selected %d; want article 2, claim %d", u.s.DocID(), u.s.Selected(), claim.ID)
	}
}

// A wrong date gets a sentence and leaves the graph as it is; an outlet
// no article of the claims has leaves no node.
func TestWhoSaidFilters(t *testing.T) {
	u, _, _ := newWhoSaidUI(t)
	w := u.whoSaid
	before := w.runs.started
	w.from.SetText("14/03/2026")
	w.compute()
	if w.runs.started != before || !strings.Contains(w.note.Text, "is not a date") {
		t.Errorf("a wrong date: note %q, runs %d -> %d; want a sentence and no run", w.note.Text, before, w.runs.started)
	}
	w.from.SetText("")
	w.outlet.SetSelected("Valley Post") // article 1's; the claim is in article 2
	until(t, func() bool { return w.opts.Outlets != nil })
	if len(w.graph.Nodes) != 0 {
		t.Errorf("outlet Valley Post: nodes %+v; want none", w.graph.Nodes)
	}
}

// An edit while the window is open computes the graph again once the
// edits pause; File > Export GraphML… writes the whole graph, Export SVG…
// the drawing.
func TestWhoSaidStaleAndExport(t *testing.T) {
	u, st, _ := newWhoSaidUI(t)
	w := u.whoSaid
	text := testDocs()[1].Text
	i := strings.Index(text, "today")
	if _, err := st.Apply(2, []annotation.Annotation{{Label: "Source", Spans: []annotation.Span{{Start: i, End: i + 5, Text: "today"}}}}, nil); err != nil {
		t.Fatal(err)
	}
	before := len(w.graph.Nodes)
	u.whoSaidStale()
	until(t, func() bool { return len(w.graph.Nodes) == before+1 })

	path := filepath.Join(t.TempDir(), "graph.graphml")
	w.exportDialog("graphml")
	submitPathDialog(t, w.win, path)
	b, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(b), `<data key="label">officials</data>`) {
		t.Fatalf("export: %v\n%s", err, b)
	}
	svg := filepath.Join(filepath.Dir(path), "graph.svg")
	w.exportDialog("svg")
	submitPathDialog(t, w.win, svg)
	if b, err := os.ReadFile(svg); err != nil || !strings.Contains(string(b), "<svg") || !strings.Contains(string(b), ">officials</text>") {
		t.Fatalf("SVG export: %v\n%s", err, b)
	}
	u.closeSideWindows()
	if u.whoSaid != nil {
		t.Error("the window is still open")
	}
}

// The graph follows the layer the main window shows: ben's source is a
// node over every layer and over ben's, none over cy's.
func TestWhoSaidFollowsTheLayerShown(t *testing.T) {
	u, _ := newLayersUI(t)
	u.showWhoSaid()
	w := u.whoSaid
	nodes := func() []string {
		var got []string
		for _, n := range w.graph.Nodes {
			got = append(got, n.Label)
		}
		return got
	}
	for _, tt := range []struct {
		view session.LayerView
		want []string
	}{
		{session.LayerView{}, []string{"Ana Pérez"}},
		{session.LayerView{Kind: session.ViewAnnotator, Annotator: "ben"}, []string{"Ana Pérez"}},
		{session.LayerView{Kind: session.ViewAnnotator, Annotator: "cy"}, nil},
	} {
		u.setView(tt.view)
		w.compute()
		until(t, func() bool { return w.graph.Articles > 0 && !w.busy.Visible() })
		if got := nodes(); !slices.Equal(got, tt.want) {
			t.Errorf("view %+v: nodes %q; want %q", tt.view, got, tt.want)
		}
	}
}

// Filters changed while the graph computes wait for that run to end:
// one run at a time, and the graph shown at the end is the one of the
// filters set last. The runs are held and let go by the test.
func TestWhoSaidOneRunAtATime(t *testing.T) {
	u, st, _ := newWhoSaidUI(t)
	w := u.whoSaid
	until(t, func() bool { return !w.runs.running })
	nodes := len(w.graph.Nodes)
	var held []func()
	u.background = func(f func()) { held = append(held, f) }
	before := w.runs.started
	w.compute()
	w.outlet.SetSelected("Valley Post") // asks for a run while one computes
	w.outlet.SetSelected(allOutlets)
	if w.runs.started != before+1 || len(held) != 1 {
		t.Fatalf("%d runs started side by side; want 1, the others waiting", len(held))
	}
	// A source tagged before the first run reads the file: its result
	// shows, though another run was asked for meanwhile (edits coming
	// all the time never leave the graph unshown).
	text := testDocs()[1].Text
	i := strings.Index(text, "today")
	if _, err := st.Apply(2, []annotation.Annotation{{Label: "Source", Spans: []annotation.Span{{Start: i, End: i + 5, Text: "today"}}}}, nil); err != nil {
		t.Fatal(err)
	}
	// What was held runs on a goroutine of its own, as the window's
	// background does: its fyne.Do waits for settle.
	go held[0]() // ends, and starts the one asked for meanwhile
	until(t, func() bool { return len(held) == 2 })
	if w.runs.started != before+2 || !w.runs.running {
		t.Fatalf("after the first run: %d started; want the waiting one started", w.runs.started-before)
	}
	if len(w.graph.Nodes) != nodes+1 {
		t.Errorf("after the first run: %d nodes shown; want its %d", len(w.graph.Nodes), nodes+1)
	}
	go held[1]()
	until(t, func() bool { return !w.runs.running })
	if w.opts.Outlets != nil || len(held) != 2 {
		t.Errorf("at the end: running %v, filters shown %+v, %d runs; want none running, no outlet, 2 runs", w.runs.running, w.opts, len(held))
	}
}
