package stats

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"glossa/annotation"
)

// fixture is a corpus whose figures are known by construction (the
// comments count them):
//
//	doc 1 (done, modified 2 March), ana, created 1 March:
//	  three sources worded "Zakharova", "Maria Zakharova", "the spokeswoman",
//	  all linked to entity 1 (Maria Zakharova), each quoted by one claim;
//	  an unlinked anonymous "a senior official" quoted by one claim;
//	  a Person mention of entity 1.
//	doc 2 (done, modified 3 March), ben, created 2 March:
//	  "A senior official," again (anonymous, unlinked: the same source),
//	  quoted by one claim alone and with "the report" (document) by another;
//	  a claim with no source; two mentions of entity 3 (Kyiv).
//	doc 3 (new): nothing.
//	doc 4 (in progress), curated: a claim without a date or source whose
//	  verdict is a value the codebook does not list.
func fixture() ([]annotation.Bundle, []annotation.Entity) {
	entities := []annotation.Entity{
		{ID: 1, Name: "Maria Zakharova", Type: "Person"},
		{ID: 2, Name: "Ministry of Defence", Type: "Organisation"},
		{ID: 3, Name: "Kyiv", Type: "Location"},
	}
	day := func(d, h, m int) time.Time { return time.Date(2025, 3, d, h, m, 0, 0, time.UTC) }
	ann := func(id uint64, label, text string, author string, created time.Time) annotation.Annotation {
		return annotation.Annotation{ID: id, Label: label, Spans: []annotation.Span{{Text: text}}, Author: author, Created: created}
	}
	source := func(a annotation.Annotation, typ string, entity uint64) annotation.Annotation {
		a.Attributes = map[string]string{annotation.AttrSourceType: typ}
		a.Entity = entity
		return a
	}
	claim := func(a annotation.Annotation, verdict string, sources ...uint64) annotation.Annotation {
		if verdict != "" {
			a.Attributes = map[string]string{annotation.AttrVerdict: verdict}
		}
		for _, s := range sources {
			a.Links = append(a.Links, annotation.Link{Type: annotation.LinkSaidBy, Target: s})
		}
		return a
	}
	mention := func(a annotation.Annotation, entity uint64) annotation.Annotation { a.Entity = entity; return a }

	t1 := func(k int) time.Time { return day(1, 10, k) }
	doc1 := []annotation.Annotation{
		source(ann(1, "Source", "Zakharova", "ana", t1(0)), "named", 1),
		source(ann(2, "Source", "Maria Zakharova", "ana", t1(1)), "named", 1),
		source(ann(3, "Source", "the spokeswoman", "ana", t1(2)), "named", 1),
		claim(ann(4, "Claim", "c1", "ana", t1(3)), "false", 1),
		claim(ann(5, "Claim", "c2", "ana", t1(4)), "false", 2),
		claim(ann(6, "Claim", "c3", "ana", t1(5)), "mixed", 3),
		source(ann(7, "Source", "a senior official", "ana", t1(6)), "anonymous", 0),
		claim(ann(8, "Claim", "c4", "ana", t1(7)), "true", 7),
		mention(ann(9, "Person", "Zakharova", "ana", t1(8)), 1),
	}
	t2 := func(k int) time.Time { return day(2, 23, k) }
	doc2 := []annotation.Annotation{
		source(ann(10, "Source", "A senior  official,", "ben", t2(0)), "anonymous", 0),
		claim(ann(11, "Claim", "c5", "ben", t2(1)), "mostly true", 10),
		claim(ann(12, "Claim", "c6", "ben", t2(2)), ""),
		source(ann(13, "Source", "the report", "ben", t2(3)), "document", 0),
		claim(ann(14, "Claim", "c7", "ben", t2(4)), "", 13, 10),
		mention(ann(15, "Location", "Kyiv", "ben", t2(5)), 3),
		mention(ann(16, "Location", "Kyiv", "ben", t2(6)), 3),
	}
	curated := claim(ann(17, "Claim", "c8", "", time.Time{}), "bogus")
	curated.Layer = annotation.CuratedLayer
	doc := func(id uint64, title string, st annotation.Status, modified time.Time) annotation.Document {
		return annotation.Document{ID: id, Title: title, Status: st, Modified: modified}
	}
	return []annotation.Bundle{
		{Document: doc(1, "one", annotation.StatusDone, day(2, 15, 0)), Annotations: doc1},
		{Document: doc(2, "two", annotation.StatusDone, day(3, 9, 0)), Annotations: doc2},
		{Document: doc(3, "three", annotation.StatusNew, day(3, 9, 0))},
		{Document: doc(4, "four", annotation.StatusInProgress, day(3, 9, 0)), Annotations: []annotation.Annotation{curated}},
	}, entities
}

// eachReusing walks bundles as the store does: one slice of annotations
// reused from document to document and scribbled over once fn returns.
func eachReusing(bundles []annotation.Bundle) Each {
	return func(fn func(annotation.Bundle) error) error {
		var buf []annotation.Annotation
		for _, b := range bundles {
			buf = append(buf[:0], b.Annotations...)
			if err := fn(annotation.Bundle{Document: b.Document, Annotations: buf}); err != nil {
				return err
			}
			for i := range buf {
				buf[i] = annotation.Annotation{Label: "scribbled", ID: 999}
			}
		}
		return nil
	}
}

func TestCompute(t *testing.T) {
	bundles, entities := fixture()
	got, err := Compute(eachReusing(bundles), annotation.DefaultLabelSet(), entities)
	if err != nil {
		t.Fatal(err)
	}
	want := Report{
		Documents:   4,
		Annotations: 17,
		ArticlesByStatus: []Count{
			{"new", 1}, {"in progress", 1}, {"done", 2},
		},
		AnnotationsByLabel: []Count{ // codebook order, zeros included
			{"Claim", 8}, {"Source", 6}, {"Person", 1}, {"Organisation", 0},
			{"Location", 2}, {"Date", 0}, {"Event", 0}, {"Other", 0},
		},
		AnnotationsByAnnotator: []Count{{annotation.CuratedLayer, 1}, {"ana", 9}, {"ben", 7}},
		AnnotationsPerArticle: []Article{
			{1, "one", 9}, {2, "two", 7}, {4, "four", 1}, {3, "three", 0},
		},
		TopSources: []Source{
			// three wordings, one entity: once, under its canonical name
			{Name: "Maria Zakharova", Entity: 1, Claims: 3, Articles: 1},
			// unlinked: one source by its normalised text, across articles
			{Name: "a senior official", Key: "a senior official", Claims: 3, Articles: 2},
			{Name: "the report", Key: "the report", Claims: 1, Articles: 1},
		},
		TopEntities: []Entity{
			{ID: 1, Name: "Maria Zakharova", Type: "Person", Mentions: 4, Articles: 1},
			{ID: 3, Name: "Kyiv", Type: "Location", Mentions: 2, Articles: 1},
		},
		ClaimsBySourceType: []Count{ // c7 counts under both its sources' types
			{"named", 3}, {"anonymous", 3}, {"document", 1}, {"outlet", 0}, {NoSource, 2},
		},
		Attributes: []Attribute{
			{"Claim", annotation.AttrCheckWorthy, []Count{{"yes", 0}, {"no", 0}}},
			{"Claim", annotation.AttrVerdict, []Count{
				{"true", 1}, {"mostly true", 1}, {"mixed", 1}, {"mostly false", 0}, {"false", 2}, {"unverifiable", 0}, {"bogus", 1},
			}},
			{"Source", annotation.AttrSourceType, []Count{{"named", 3}, {"anonymous", 2}, {"document", 1}, {"outlet", 0}}},
		},
		PerDay: []Day{
			{Date: "2025-03-01", Annotations: 9},
			{Date: "2025-03-02", Annotations: 7, ArticlesDone: 1},
			{Date: "2025-03-03", ArticlesDone: 1},
			{Date: Undated, Annotations: 1},
		},
	}
	check := func(name string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", name, got, want)
		}
	}
	check("Documents", got.Documents, want.Documents)
	check("Annotations", got.Annotations, want.Annotations)
	check("ArticlesByStatus", got.ArticlesByStatus, want.ArticlesByStatus)
	check("AnnotationsByLabel", got.AnnotationsByLabel, want.AnnotationsByLabel)
	check("AnnotationsByAnnotator", got.AnnotationsByAnnotator, want.AnnotationsByAnnotator)
	check("AnnotationsPerArticle", got.AnnotationsPerArticle, want.AnnotationsPerArticle)
	check("TopSources", got.TopSources, want.TopSources)
	check("TopEntities", got.TopEntities, want.TopEntities)
	check("ClaimsBySourceType", got.ClaimsBySourceType, want.ClaimsBySourceType)
	check("Attributes", got.Attributes, want.Attributes)
	check("PerDay", got.PerDay, want.PerDay)
	check("Report", got, want)
}

func TestComputeEntityMissingFromRegistry(t *testing.T) {
	bundles, _ := fixture()
	got, err := Compute(eachReusing(bundles[:1]), annotation.DefaultLabelSet(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.TopSources) == 0 || got.TopSources[0].Name != "entity #1" || got.TopSources[0].Claims != 3 {
		t.Errorf("TopSources = %+v; want entity #1 first with 3 claims", got.TopSources)
	}
}

func TestComputeEmpty(t *testing.T) {
	got, err := Compute(eachReusing(nil), annotation.LabelSet{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"documents":0,"annotations":0,` +
		`"articles_by_status":[{"name":"new","count":0},{"name":"in progress","count":0},{"name":"done","count":0}],` +
		`"annotations_by_label":[],"annotations_by_annotator":[],"annotations_per_article":[],"top_sources":[],` +
		`"top_entities":[],"claims_by_source_type":[],"attributes":[],"per_day":[]}`
	if string(b) != want {
		t.Errorf("an empty corpus:\n got %s\nwant %s", b, want)
	}
}

func TestComputeError(t *testing.T) {
	boom := errors.New("boom")
	_, err := Compute(func(func(annotation.Bundle) error) error { return boom }, annotation.DefaultLabelSet(), nil)
	if !errors.Is(err, boom) {
		t.Errorf("err = %v; want the walk's error", err)
	}
}

func TestTop(t *testing.T) {
	bundles, entities := fixture()
	r, err := Compute(eachReusing(bundles), annotation.DefaultLabelSet(), entities)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ n, articles, sources, entities int }{
		{0, 4, 3, 2}, {1, 1, 1, 1}, {2, 2, 2, 2}, {10, 4, 3, 2},
	} {
		got := r.Top(tc.n)
		if len(got.AnnotationsPerArticle) != tc.articles || len(got.TopSources) != tc.sources || len(got.TopEntities) != tc.entities {
			t.Errorf("Top(%d): %d articles, %d sources, %d entities; want %d, %d, %d", tc.n,
				len(got.AnnotationsPerArticle), len(got.TopSources), len(got.TopEntities), tc.articles, tc.sources, tc.entities)
		}
	}
}

func TestNormaliseSource(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"A senior  official,", "a senior official"},
		{"  «The Ministry»  ", "the ministry"},
		{"Zakharova", "zakharova"},
		{"", ""},
	} {
		if got := NormaliseSource(tc.in); got != tc.want {
			t.Errorf("NormaliseSource(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// TestPerDayKeepsTheStoredZone: a time counts on its own day, as it was
// stored (the annotator's local day), not on UTC's.
func TestPerDayKeepsTheStoredZone(t *testing.T) {
	ny := time.FixedZone("UTC-5", -5*3600)
	for _, tc := range []struct {
		name string
		at   time.Time
		want string
	}{
		{"late evening west of UTC", time.Date(2025, 3, 1, 23, 30, 0, 0, ny), "2025-03-01"},
		{"the same instant in UTC", time.Date(2025, 3, 1, 23, 30, 0, 0, ny).UTC(), "2025-03-02"},
		{"midnight", time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC), "2025-03-02"},
	} {
		bundles := []annotation.Bundle{{
			Document:    annotation.Document{ID: 1, Status: annotation.StatusDone, Modified: tc.at},
			Annotations: []annotation.Annotation{{ID: 1, Label: "Claim", Created: tc.at}},
		}}
		got, err := Compute(eachReusing(bundles), annotation.DefaultLabelSet(), nil)
		if err != nil {
			t.Fatal(err)
		}
		want := []Day{{Date: tc.want, Annotations: 1, ArticlesDone: 1}}
		if !reflect.DeepEqual(got.PerDay, want) {
			t.Errorf("%s: PerDay = %+v; want %+v", tc.name, got.PerDay, want)
		}
	}
}

func TestOnlyLayer(t *testing.T) {
	bundles, entities := fixture()
	for _, tc := range []struct {
		layer             string
		annotations, docs int
		sources           int
	}{
		{"ana", 9, 4, 2},
		{"ben", 7, 4, 2},
		{annotation.CuratedLayer, 1, 4, 0},
		{"zed", 0, 4, 0},
	} {
		got, err := Compute(OnlyLayer(eachReusing(bundles), tc.layer), annotation.DefaultLabelSet(), entities)
		if err != nil {
			t.Fatal(err)
		}
		if got.Annotations != tc.annotations || got.Documents != tc.docs || len(got.TopSources) != tc.sources {
			t.Errorf("OnlyLayer(%q): %d annotations, %d articles, %d sources; want %d, %d, %d", tc.layer,
				got.Annotations, got.Documents, len(got.TopSources), tc.annotations, tc.docs, tc.sources)
		}
	}
}
