package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/storage"
)

// The articles of the merge tests: both projects have rates; only the
// annotator's has prices.
const (
	ratesText  = "Rates will rise, the governor said. Powell agreed in Washington.\n"
	pricesText = "Prices fell, Lagarde said in Frankfurt.\n"
)

// openStoreAt opens (creating) the project file at path.
func openStoreAt(t *testing.T, path string) *storage.Store {
	t.Helper()
	st, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// addArticle adds an article to st.
func addArticle(t *testing.T, st *storage.Store, title, text string) annotation.Document {
	t.Helper()
	d, err := st.AddDocument(annotation.Document{Title: title, Text: text})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// ann is an annotation to make: label over the first occurrence of quote,
// by author, with an entity of the registry and a said_by link to the
// annotation made before it at index saidBy (-1: none).
type ann struct {
	label, quote, author string
	entity               uint64
	saidBy               int
}

// annotate stores anns on d, in order, and returns them as stored.
func annotate(t *testing.T, st *storage.Store, d annotation.Document, anns ...ann) []annotation.Annotation {
	t.Helper()
	o := annotation.NewOffsets(d.Text)
	var out []annotation.Annotation
	for _, a := range anns {
		i := strings.Index(d.Text, a.quote)
		if i < 0 {
			t.Fatalf("%q is not in %q", a.quote, d.Title)
		}
		start, _ := o.FromByte(i)
		sp, err := annotation.NewSpan(o, start, start+len([]rune(a.quote)))
		if err != nil {
			t.Fatal(err)
		}
		put := annotation.Annotation{DocID: d.ID, Label: a.label, Spans: []annotation.Span{sp}, Author: a.author, Entity: a.entity}
		if a.saidBy >= 0 {
			put.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: out[a.saidBy].ID}}
		}
		got, err := st.Apply(d.ID, []annotation.Annotation{put}, nil)
		if err != nil {
			t.Fatalf("%s %q: %v", a.label, a.quote, err)
		}
		out = append(out, got[0])
	}
	return out
}

// addEntity adds e to st's registry.
func addEntity(t *testing.T, st *storage.Store, e annotation.Entity) annotation.Entity {
	t.Helper()
	e, err := st.AddEntity(e)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// leadProject is the project merged into: rates, with a claim of the
// lead's own, and Powell in the registry.
func leadProject(t *testing.T) *storage.Store {
	t.Helper()
	st := openTestStore(t)
	addEntity(t, st, annotation.Entity{Name: "Jerome Powell", Type: "Person", Aliases: []string{"Powell"}})
	d := addArticle(t, st, "Rates", ratesText)
	annotate(t, st, d, ann{label: "Claim", quote: "Rates will rise", author: "lead", saidBy: -1})
	return st
}

// anaProject is an annotator's project: rates and prices, each with a
// claim said by a source, and Powell as a person linked to the registry.
func anaProject(t *testing.T, path string) *storage.Store {
	t.Helper()
	st := openStoreAt(t, path)
	powell := addEntity(t, st, annotation.Entity{Name: "powell", Type: "Person"})
	lagarde := addEntity(t, st, annotation.Entity{Name: "Christine Lagarde", Type: "Person", Aliases: []string{"Lagarde"}})
	rates := addArticle(t, st, "Rates", ratesText)
	annotate(t, st, rates,
		ann{label: "Source", quote: "the governor", author: "ana", saidBy: -1},
		ann{label: "Claim", quote: "Rates will rise", author: "ana", saidBy: 0},
		ann{label: "Person", quote: "Powell", author: "ana", entity: powell.ID, saidBy: -1})
	prices := addArticle(t, st, "Prices", pricesText)
	annotate(t, st, prices,
		ann{label: "Source", quote: "Lagarde", author: "ana", entity: lagarde.ID, saidBy: -1},
		ann{label: "Claim", quote: "Prices fell", author: "ana", saidBy: 0})
	return st
}

// exportJSON writes st to dir/name as a Glossa JSON dataset.
func exportJSON(t *testing.T, st *storage.Store, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := Export(context.Background(), st, "json", path, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	return path
}

func merge(t *testing.T, st *storage.Store, path string, opt MergeOptions) MergeReport {
	t.Helper()
	rep, err := Merge(context.Background(), st, path, opt)
	if err != nil {
		t.Fatalf("merge %s: %v", path, err)
	}
	if len(rep.Failed) > 0 {
		t.Fatalf("merge %s failed for %q", path, rep.Failed)
	}
	return rep
}

// projectState is everything of a project a merge may change.
type projectState struct {
	Summaries   []annotation.Summary
	Annotations map[uint64][]annotation.Annotation
	Sources     map[string]annotation.LayerSource
	Labels      annotation.LabelSet
	Entities    []annotation.Entity
	Layers      []annotation.LayerInfo
}

func stateOf(t *testing.T, st *storage.Store) projectState {
	t.Helper()
	var s projectState
	var err error
	if s.Summaries, err = st.Documents(); err != nil {
		t.Fatal(err)
	}
	s.Annotations, s.Sources = map[uint64][]annotation.Annotation{}, map[string]annotation.LayerSource{}
	for _, d := range s.Summaries {
		if s.Annotations[d.ID], err = st.Annotations(d.ID); err != nil {
			t.Fatal(err)
		}
		for layer := range d.Layers {
			if src, ok, err := st.LayerSource(d.ID, layer); err != nil {
				t.Fatal(err)
			} else if ok {
				s.Sources[d.Title+"/"+layer] = src
			}
		}
	}
	if s.Labels, err = st.Labels(); err != nil {
		t.Fatal(err)
	}
	if s.Entities, err = st.Entities(); err != nil {
		t.Fatal(err)
	}
	if s.Layers, err = st.Layers(); err != nil {
		t.Fatal(err)
	}
	return s
}

// lineOf finds the report's line for the article titled title and layer.
func lineOf(t *testing.T, rep MergeReport, title, layer string) MergedLayer {
	t.Helper()
	for _, l := range rep.Lines {
		if l.Title == title && l.Layer == layer {
			return l
		}
	}
	t.Fatalf("no line for %s, layer %s in %+v", title, layer, rep.Lines)
	return MergedLayer{}
}

// annotationsOf returns the annotations of layer on the document titled title.
func annotationsOf(t *testing.T, st *storage.Store, title, layer string) []annotation.Annotation {
	t.Helper()
	s := stateOf(t, st)
	for _, d := range s.Summaries {
		if d.Title == title {
			return slices.DeleteFunc(s.Annotations[d.ID], func(a annotation.Annotation) bool { return annotation.LayerOf(a) != layer })
		}
	}
	t.Fatalf("no article %s", title)
	return nil
}

func TestMergeSameFileTwiceChangesNothing(t *testing.T) {
	lead := leadProject(t)
	dir := t.TempDir()
	file := exportJSON(t, anaProject(t, filepath.Join(dir, "ana.glossa")), dir, "ana.json")
	before := stateOf(t, lead)

	rep := merge(t, lead, file, MergeOptions{})
	if l := lineOf(t, rep, "Rates", "ana"); l.State != LayerNew || l.Annotations != 3 || l.ArticleAdded {
		t.Errorf("rates: %+v; want a new layer of 3 annotations on the project's article", l)
	}
	if l := lineOf(t, rep, "Prices", "ana"); l.State != LayerNew || l.Annotations != 2 || !l.ArticleAdded {
		t.Errorf("prices: %+v; want the article added with a new layer of 2", l)
	}
	if rep.Articles != 2 || rep.Added != 1 || rep.New != 2 || rep.Annotations != 5 {
		t.Errorf("totals %+v; want 2 articles read, 1 added, 2 new layers, 5 annotations", rep)
	}
	if got := annotationsOf(t, lead, "Rates", "lead"); len(got) != 1 || !reflect.DeepEqual(got, before.Annotations[got[0].DocID]) {
		t.Errorf("the lead's own layer is now %+v; want it as it was", got)
	}
	claims := annotationsOf(t, lead, "Rates", "ana")
	var claim, source annotation.Annotation
	for _, a := range claims {
		switch a.Label {
		case "Claim":
			claim = a
		case "Source":
			source = a
		}
	}
	if !reflect.DeepEqual(claim.LinksOf(annotation.LinkSaidBy), []uint64{source.ID}) {
		t.Errorf("ana's claim links %+v; want said_by her source %d", claim.Links, source.ID)
	}
	after := stateOf(t, lead)

	again := merge(t, lead, file, MergeOptions{})
	if again.New+again.Replaced+again.Added != 0 || again.Unchanged != 2 {
		t.Errorf("second merge: %+v; want 2 layers unchanged and nothing new", again)
	}
	for _, l := range again.Lines {
		if l.State != LayerUnchanged {
			t.Errorf("second merge: %s", l)
		}
	}
	if got := stateOf(t, lead); !reflect.DeepEqual(got, after) {
		t.Errorf("the second merge changed the project:\n got %+v\nwant %+v", got, after)
	}
}

func TestMergeNewerFileReplacesTheChangedArticlesOnly(t *testing.T) {
	lead := leadProject(t)
	dir := t.TempDir()
	ana := anaProject(t, filepath.Join(dir, "ana.glossa"))
	merge(t, lead, exportJSON(t, ana, dir, "ana.json"), MergeOptions{})
	rates := annotationsOf(t, lead, "Rates", "ana")

	// Ana notes something on prices, and exports again.
	docs, _ := ana.Documents()
	prices, _ := ana.Annotations(docs[1].ID)
	prices[0].Note = "which Lagarde?"
	if _, err := ana.Apply(docs[1].ID, prices[:1], nil); err != nil {
		t.Fatal(err)
	}
	rep := merge(t, lead, exportJSON(t, ana, dir, "ana.json"), MergeOptions{})
	if l := lineOf(t, rep, "Prices", "ana"); l.State != LayerReplaced || l.ArticleAdded {
		t.Errorf("prices: %s; want replaced", l)
	}
	if l := lineOf(t, rep, "Rates", "ana"); l.State != LayerUnchanged {
		t.Errorf("rates: %s; want unchanged", l)
	}
	if got := annotationsOf(t, lead, "Rates", "ana"); !reflect.DeepEqual(got, rates) {
		t.Errorf("rates' layer changed though its annotations did not:\n got %+v\nwant %+v", got, rates)
	}
	notes := 0
	for _, a := range annotationsOf(t, lead, "Prices", "ana") {
		if a.Note == "which Lagarde?" {
			notes++
		}
	}
	if notes != 1 {
		t.Errorf("%d of prices' annotations carry ana's new note; want 1", notes)
	}
}

func TestMergeSameTitleAnotherTextIsReportedNotAttached(t *testing.T) {
	lead := leadProject(t)
	dir := t.TempDir()
	other := openStoreAt(t, filepath.Join(dir, "bo.glossa"))
	d := addArticle(t, other, "Rates", strings.Replace(ratesText, "rise", "climb", 1))
	annotate(t, other, d, ann{label: "Claim", quote: "Rates will climb", author: "bo", saidBy: -1})
	before := stateOf(t, lead)

	rep := merge(t, lead, exportJSON(t, other, dir, "bo.json"), MergeOptions{})
	if rep.Skipped != 1 || rep.Added != 0 || len(rep.Lines) != 0 {
		t.Errorf("report %+v; want the article skipped, nothing added or merged", rep)
	}
	leadID := before.Summaries[0].ID
	found := false
	for _, c := range rep.Conflicts {
		if strings.Contains(c, `article 1 "Rates" of the file`) && strings.Contains(c, "another text") &&
			strings.Contains(c, fmt.Sprintf(`document %d "Rates" of the project`, leadID)) {
			found = true
		}
	}
	if !found {
		t.Errorf("conflicts %q; want one naming both articles by id and title", rep.Conflicts)
	}
	if got := stateOf(t, lead); !reflect.DeepEqual(got.Annotations, before.Annotations) || len(got.Summaries) != len(before.Summaries) {
		t.Errorf("the project changed: %d articles, annotations %+v", len(got.Summaries), got.Annotations)
	}
}

func TestMergeConflictingCodebooksKeepTheProjects(t *testing.T) {
	lead := leadProject(t)
	have, _ := lead.Labels()
	dir := t.TempDir()
	other := openStoreAt(t, filepath.Join(dir, "bo.glossa"))
	// Bo's codebook: Source is an entity label with a list attribute the
	// project's lacks, Person has another colour, said_by joins other
	// kinds, and Fact is a label the project lacks.
	theirs, _ := other.Labels()
	for i, l := range theirs.Labels {
		switch l.Name {
		case "Source":
			theirs.Labels[i].Kind = annotation.KindEntity
			theirs.Labels[i].Attributes = append(theirs.Labels[i].Attributes, annotation.AttributeDef{Name: "role", Values: []string{"official", "expert"}})
		case "Person":
			theirs.Labels[i].Color = "#010203"
		}
	}
	theirs.Labels = append(theirs.Labels, annotation.Label{Name: "Fact", Kind: annotation.KindOther, Color: "#445566"})
	theirs.Relations = annotation.DefaultRelationTypes()
	for i, r := range theirs.Relations {
		if r.Name == string(annotation.LinkSaidBy) {
			theirs.Relations[i].From = []annotation.Kind{annotation.KindOther}
		}
	}
	if err := other.SetLabels(theirs); err != nil {
		t.Fatal(err)
	}
	d := addArticle(t, other, "Rates", ratesText)
	annotate(t, other, d, ann{label: "Fact", quote: "Powell agreed", author: "bo", saidBy: -1})

	rep := merge(t, lead, exportJSON(t, other, dir, "bo.json"), MergeOptions{})
	for _, want := range []string{
		"codebook: label Source is in the project already: its kind kept",
		"codebook: label Person is in the project already: its colour kept",
		"codebook: relation type said_by is in the project already",
	} {
		if !slices.ContainsFunc(rep.Conflicts, func(c string) bool { return strings.HasPrefix(c, want) }) {
			t.Errorf("conflicts %q; want one starting %q", rep.Conflicts, want)
		}
	}
	got, _ := lead.Labels()
	for _, name := range []string{"Source", "Person"} {
		g, _ := got.Find(name)
		h, _ := have.Find(name)
		if g.Kind != h.Kind || g.Color != h.Color {
			t.Errorf("label %s is %s %s after the merge; want the project's %s %s", name, g.Kind, g.Color, h.Kind, h.Color)
		}
	}
	if r, _ := got.Relation(string(annotation.LinkSaidBy)); !reflect.DeepEqual(r, mustRelation(t, have, annotation.LinkSaidBy)) {
		t.Errorf("said_by is %+v after the merge; want the project's", r)
	}
	if _, ok := got.Find("Fact"); !ok {
		t.Error("the project lacks Fact, which the file's annotations use")
	}
	if src, _ := got.Find("Source"); !slices.ContainsFunc(src.Attributes, func(a annotation.AttributeDef) bool { return a.Name == "role" }) {
		t.Error("Source lacks the file's attribute role; a merge adds what the project lacks")
	}
	if !slices.ContainsFunc(rep.Changes, func(c string) bool { return strings.Contains(c, "added label Fact") }) {
		t.Errorf("changes %q; want the label Fact added", rep.Changes)
	}
	if l := lineOf(t, rep, "Rates", "bo"); l.State != LayerNew || l.Annotations != 1 {
		t.Errorf("rates: %s; want bo's fact merged", l)
	}
}

func mustRelation(t *testing.T, ls annotation.LabelSet, name annotation.LinkType) annotation.RelationType {
	t.Helper()
	r, ok := ls.Relation(string(name))
	if !ok {
		t.Fatalf("no relation type %s", name)
	}
	return r
}

func TestMergeEntities(t *testing.T) {
	lead := leadProject(t)
	washington := addEntity(t, lead, annotation.Entity{Name: "Washington", Type: "Location"})
	before, _ := lead.Entities()
	dir := t.TempDir()
	ana := anaProject(t, filepath.Join(dir, "ana.glossa"))
	// Ana took Washington for a person.
	wash := addEntity(t, ana, annotation.Entity{Name: "washington", Type: "Person"})
	docs, _ := ana.Documents()
	d, _ := ana.Document(docs[0].ID)
	annotate(t, ana, d, ann{label: "Person", quote: "Washington", author: "ana", entity: wash.ID, saidBy: -1})

	rep := merge(t, lead, exportJSON(t, ana, dir, "ana.json"), MergeOptions{})
	after, _ := lead.Entities()
	byName := map[string][]annotation.Entity{}
	for _, e := range after {
		byName[nameKey(e.Name)] = append(byName[nameKey(e.Name)], e)
	}
	if got := byName["jerome powell"]; len(got) != 1 || !reflect.DeepEqual(got[0], before[0]) {
		t.Errorf("Powell is %+v; want the project's entity as it was", got)
	}
	if got := byName["powell"]; len(got) != 0 {
		t.Errorf("the file's powell was added as %+v; want it matched to Jerome Powell by his alias", got)
	}
	if got := byName["christine lagarde"]; len(got) != 1 || got[0].Type != "Person" {
		t.Errorf("Lagarde is %+v; want her added", got)
	}
	if got := byName["washington"]; len(got) != 2 {
		t.Errorf("Washington is %+v; want the project's place and the file's person apart", got)
	}
	if !slices.ContainsFunc(rep.Conflicts, func(c string) bool {
		return strings.Contains(c, `"washington" is a Person in the file`) && strings.Contains(c, fmt.Sprintf(`entity %d "Washington" is a Location`, washington.ID))
	}) {
		t.Errorf("conflicts %q; want Washington's types listed", rep.Conflicts)
	}
	refs := map[string]uint64{}
	for _, a := range annotationsOf(t, lead, "Rates", "ana") {
		if a.Entity != 0 {
			refs[a.Quote()] = a.Entity
		}
	}
	if refs["Powell"] != before[0].ID {
		t.Errorf("ana's Powell refers to entity %d; want the project's %d", refs["Powell"], before[0].ID)
	}
	if id := refs["Washington"]; id == 0 || id == washington.ID {
		t.Errorf("ana's Washington refers to entity %d; want the person added, not the place %d", id, washington.ID)
	}
	for _, a := range annotationsOf(t, lead, "Prices", "ana") {
		if a.Label == "Source" && a.Entity != byName["christine lagarde"][0].ID {
			t.Errorf("ana's Lagarde refers to entity %d; want the one added", a.Entity)
		}
	}
}

func TestMergeProjectFile(t *testing.T) {
	lead := leadProject(t)
	path := filepath.Join(t.TempDir(), "ana.glossa")
	ana := anaProject(t, path)
	if err := ana.Close(); err != nil {
		t.Fatal(err)
	}
	bytesBefore, _ := os.ReadFile(path)

	rep := merge(t, lead, path, MergeOptions{})
	if l := lineOf(t, rep, "Rates", "ana"); l.State != LayerNew || l.Annotations != 3 {
		t.Errorf("rates: %s; want ana's 3 annotations", l)
	}
	if l := lineOf(t, rep, "Prices", "ana"); !l.ArticleAdded || l.Annotations != 2 {
		t.Errorf("prices: %s; want it added with ana's 2 annotations", l)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, bytesBefore) {
		t.Error("merging the project file changed it")
	}
	state := stateOf(t, lead)
	if again := merge(t, lead, path, MergeOptions{}); again.Unchanged != 2 || again.New+again.Replaced+again.Added != 0 {
		t.Errorf("second merge of the project file: %+v; want 2 unchanged", again)
	}
	if got := stateOf(t, lead); !reflect.DeepEqual(got, state) {
		t.Error("merging the project file again changed the project")
	}
	if _, err := Merge(context.Background(), lead, lead.Path(), MergeOptions{}); err == nil || !strings.Contains(err.Error(), "open project itself") {
		t.Errorf("merging the project into itself: %v; want a refusal", err)
	}
}

func TestMergeRenamesALayerTheProjectMakes(t *testing.T) {
	lead := leadProject(t)
	// The lead annotates as ana too, here.
	docs, _ := lead.Documents()
	d, _ := lead.Document(docs[0].ID)
	annotate(t, lead, d, ann{label: "Person", quote: "Powell", author: "ana", saidBy: -1})
	own := annotationsOf(t, lead, "Rates", "ana")
	dir := t.TempDir()
	rep := merge(t, lead, exportJSON(t, anaProject(t, filepath.Join(dir, "ana-laptop.glossa")), dir, "ana.json"), MergeOptions{})

	if l := lineOf(t, rep, "Rates", "ana (ana.json)"); l.State != LayerNew || l.Annotations != 3 {
		t.Errorf("rates: %s; want ana's file merged as ana (ana.json)", l)
	}
	if !slices.ContainsFunc(rep.Conflicts, func(c string) bool {
		return strings.Contains(c, `the layer "ana" is the project's own; the file's is merged as "ana (ana.json)" where it differs from the project's`)
	}) {
		t.Errorf("conflicts %q; want the renaming reported", rep.Conflicts)
	}
	if got := annotationsOf(t, lead, "Rates", "ana"); !reflect.DeepEqual(got, own) {
		t.Errorf("the project's own ana layer is %+v; want it as it was, %+v", got, own)
	}
	if again := merge(t, lead, filepath.Join(dir, "ana.json"), MergeOptions{}); again.Unchanged != 2 || again.New != 0 {
		t.Errorf("second merge: %+v; want the renamed layers unchanged", again)
	}
}

func TestMergeAsNamesTheAnnotatorOfAnnotationsWithoutOne(t *testing.T) {
	dir := t.TempDir()
	other := openStoreAt(t, filepath.Join(dir, "x.glossa"))
	d := addArticle(t, other, "Prices", pricesText)
	annotate(t, other, d, ann{label: "Claim", quote: "Prices fell", saidBy: -1})
	file := exportJSON(t, other, dir, "export.json")
	for _, tc := range []struct{ as, want string }{{"cleo", "cleo"}, {"", "export.json"}} {
		lead := leadProject(t)
		rep := merge(t, lead, file, MergeOptions{As: tc.as})
		if l := lineOf(t, rep, "Prices", tc.want); l.Annotations != 1 {
			t.Errorf("--as %q: %s; want 1 annotation in layer %s", tc.as, l, tc.want)
		}
	}
	if _, err := Merge(context.Background(), leadProject(t), file, MergeOptions{As: "#curated"}); err == nil {
		t.Error("--as #curated was taken; want it refused")
	}
}

// The lead hands the project out; it comes back with the annotator's
// layer beside the lead's own, which is not merged again as a copy where
// it is as the project has it, and is where the annotator changed it.
func TestMergeLeavesOutTheProjectsOwnLayerComingBack(t *testing.T) {
	lead := leadProject(t)
	addArticle(t, lead, "Prices", pricesText)
	docs, _ := lead.Documents()
	prices, _ := lead.Document(docs[1].ID)
	annotate(t, lead, prices, ann{label: "Claim", quote: "Prices fell", author: "lead", saidBy: -1})
	dir := t.TempDir()
	handout := exportJSON(t, lead, dir, "handout.json")

	ana := openStoreAt(t, filepath.Join(dir, "ana.glossa"))
	if _, err := ImportPaths(context.Background(), ana, []string{handout}, nil); err != nil {
		t.Fatal(err)
	}
	anaDocs, _ := ana.Documents()
	rates, _ := ana.Document(anaDocs[0].ID)
	annotate(t, ana, rates, ann{label: "Source", quote: "the governor", author: "ana", saidBy: -1})
	// Ana also moved the end of the lead's claim on prices.
	theirs, _ := ana.Annotations(anaDocs[1].ID)
	theirs[0].Spans[0] = annotation.Span{Start: 0, End: 6, Text: "Prices"}
	if _, err := ana.Apply(anaDocs[1].ID, theirs, nil); err != nil {
		t.Fatal(err)
	}
	before := annotationsOf(t, lead, "Rates", "lead")

	rep := merge(t, lead, exportJSON(t, ana, dir, "ana.json"), MergeOptions{})
	if l := lineOf(t, rep, "Rates", "lead (ana.json)"); l.State != LayerOwn {
		t.Errorf("rates: %s; want the lead's layer left out", l)
	}
	if l := lineOf(t, rep, "Rates", "ana"); l.State != LayerNew || l.Annotations != 1 {
		t.Errorf("rates: %s; want ana's source merged", l)
	}
	if l := lineOf(t, rep, "Prices", "lead (ana.json)"); l.State != LayerNew || l.Annotations != 1 {
		t.Errorf("prices: %s; want ana's version of the lead's claim merged apart", l)
	}
	if got := annotationsOf(t, lead, "Rates", "lead (ana.json)"); len(got) != 0 {
		t.Errorf("rates holds a copy of the lead's layer: %+v", got)
	}
	if got := annotationsOf(t, lead, "Rates", "lead"); !reflect.DeepEqual(got, before) {
		t.Errorf("the lead's layer is %+v; want it as it was", got)
	}
	if rep.Own != 1 || !strings.Contains(rep.Total(), "1 the project's own") {
		t.Errorf("total %q; want 1 layer counted as the project's own", rep.Total())
	}
}

func TestMergeRefusesWhatItCannotRead(t *testing.T) {
	lead := leadProject(t)
	dir := t.TempDir()
	ls, _ := lead.Labels()
	codebook := filepath.Join(dir, "codebook.json")
	if _, err := ExportCodebook(ls, "glossa", codebook, lead.Path()); err != nil {
		t.Fatal(err)
	}
	article := filepath.Join(dir, "a.txt")
	junk := filepath.Join(dir, "junk.bin")
	empty := filepath.Join(dir, "empty")
	for p, data := range map[string]string{article: "Title\n\nText.\n", junk: "\x00\x01\x02"} {
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	before := stateOf(t, lead)
	for _, tc := range []struct {
		path string
		want error
		says string
	}{
		{article, ErrNotMergeable, "an article without annotations"},
		{codebook, ErrCodebookFile, "codebook"},
		{junk, ErrNotMergeable, "Glossa project files"},
		{empty, ErrNotMergeable, "Glossa project files"},
		{filepath.Join(dir, "missing.json"), os.ErrNotExist, "missing.json"},
	} {
		_, err := Merge(context.Background(), lead, tc.path, MergeOptions{})
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%s: %v; want %v saying %q", filepath.Base(tc.path), err, tc.want, tc.says)
		}
	}
	if got := stateOf(t, lead); !reflect.DeepEqual(got, before) {
		t.Error("a refused merge changed the project")
	}
}

// An export made with its pending suggestions brings them along: they are
// not the annotator's work, and stay out of the layer.
func TestMergeLeavesOutSuggestionsNobodyAccepted(t *testing.T) {
	lead := leadProject(t)
	dir := t.TempDir()
	ana := anaProject(t, filepath.Join(dir, "ana.glossa"))
	docs, _ := ana.Documents()
	d, _ := ana.Document(docs[0].ID)
	o := annotation.NewOffsets(d.Text)
	sp, _ := annotation.NewSpan(o, 53, 63) // Washington
	if _, err := ana.SetSuggestions(d.ID, []annotation.Annotation{{DocID: d.ID, Label: "Location", Spans: []annotation.Span{sp},
		Provenance: annotation.Provenance{Origin: annotation.OriginSuggested, Rule: "entity.registry", Confidence: 0.8, Review: annotation.ReviewPending}}}, "test"); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "ana.json")
	if err := Export(context.Background(), ana, "json", file, ExportOptions{IncludeSuggestions: true}); err != nil {
		t.Fatal(err)
	}
	rep := merge(t, lead, file, MergeOptions{})
	if l := lineOf(t, rep, "Rates", "ana"); l.Annotations != 3 {
		t.Errorf("rates: %s; want ana's 3 annotations without the suggestion", l)
	}
	for _, l := range rep.Lines {
		if l.Layer != "ana" {
			t.Errorf("line %s; want ana's layers only", l)
		}
	}
	if !slices.ContainsFunc(rep.Warnings, func(w string) bool { return strings.Contains(w, "1 suggestion nobody accepted left out") }) {
		t.Errorf("warnings %q; want the suggestion left out said", rep.Warnings)
	}
}

// A dataset folder (the format for version control) merges like a
// dataset file.
func TestMergeDatasetFolder(t *testing.T) {
	lead := leadProject(t)
	dir := t.TempDir()
	ana := anaProject(t, filepath.Join(dir, "ana.glossa"))
	folder := filepath.Join(dir, "ana-work")
	if err := Export(context.Background(), ana, "folder", folder, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	rep := merge(t, lead, folder, MergeOptions{})
	if l := lineOf(t, rep, "Rates", "ana"); l.State != LayerNew || l.Annotations != 3 {
		t.Errorf("rates: %s; want ana's 3 annotations", l)
	}
	if l := lineOf(t, rep, "Prices", "ana"); !l.ArticleAdded || l.Annotations != 2 {
		t.Errorf("prices: %s; want it added with ana's 2", l)
	}
	state := stateOf(t, lead)
	if again := merge(t, lead, folder, MergeOptions{}); again.Unchanged != 2 || again.New+again.Replaced+again.Added != 0 {
		t.Errorf("second merge of the folder: %+v; want 2 unchanged", again)
	}
	if got := stateOf(t, lead); !reflect.DeepEqual(got, state) {
		t.Error("merging the folder again changed the project")
	}
}
