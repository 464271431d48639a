package agreement

import (
	"encoding/json"
	"math"
	"testing"

	"glossa/annotation"
)

// a builds an annotation: id, label, and spans as start, end pairs.
func a(id uint64, label string, offsets ...int) annotation.Annotation {
	x := annotation.Annotation{ID: id, Label: label}
	for i := 0; i+1 < len(offsets); i += 2 {
		x.Spans = append(x.Spans, annotation.Span{Start: offsets[i], End: offsets[i+1]})
	}
	return x
}

func with(x annotation.Annotation, attrs map[string]string, links ...annotation.Link) annotation.Annotation {
	x.Attributes, x.Links = attrs, links
	return x
}

func said(target uint64) annotation.Link {
	return annotation.Link{Type: annotation.LinkSaidBy, Target: target}
}

type layers = map[string][]annotation.Annotation

func one(l layers) []Article { return []Article{{ID: 1, Title: "one", Length: 100, Layers: l}} }

// same reports whether two scores agree to four decimals, undefined
// agreeing with undefined.
func same(got, want Score) bool {
	if got.Defined() != want.Defined() {
		return false
	}
	return !got.Defined() || math.Abs(float64(got)-float64(want)) < 5e-5
}

func check(t *testing.T, name string, got, want Score) {
	t.Helper()
	if !same(got, want) {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}

var codebook19 = annotation.DefaultLabelSet()

func TestComputeIdenticalLayers(t *testing.T) {
	layer := func(base uint64) []annotation.Annotation {
		return []annotation.Annotation{
			with(a(base+1, "Claim", 0, 20), map[string]string{annotation.AttrCheckWorthy: "yes"}, said(base+2)),
			with(a(base+2, "Source", 22, 30), map[string]string{annotation.AttrSourceType: "named"}),
			a(base+3, "Person", 22, 30),
			a(base+4, "Location", 40, 46),
			a(base+5, "Person", 50, 55, 60, 64),
		}
	}
	// The annotators' ids differ: links are compared by what they join.
	r := Compute(one(layers{"ana": layer(0), "ben": layer(100), "cy": layer(200)}), codebook19)
	o := r.Overall
	for _, x := range []struct {
		name string
		got  Score
	}{
		{"strict F1", o.StrictF1.Mean}, {"lenient F1", o.LenientF1.Mean}, {"alpha-U", o.AlphaU},
		{"alpha", o.Alpha.Value}, {"fleiss", o.Fleiss.Value}, {"kappa", o.Kappa.Mean}, {"pi", o.Pi.Mean},
		{"link F1", o.LinkF1.Mean}, {"attributes", o.AttributesEqual},
	} {
		check(t, x.name, x.got, 1)
	}
	check(t, "strict F1 sd", o.StrictF1.SD, 0)
	if o.StrictF1.Pairs != 3 || len(r.Pairs) != 3 || r.Compared != 1 || r.Common != 1 {
		t.Errorf("pairs %d/%d, compared %d, common %d; want 3, 3, 1, 1", o.StrictF1.Pairs, len(r.Pairs), r.Compared, r.Common)
	}
	for _, l := range r.Labels {
		check(t, l.Label+" alpha-U", l.AlphaU, 1)
		check(t, l.Label+" strict F1", l.StrictF1.Mean, 1)
	}
	if len(r.Labels) != 4 {
		t.Errorf("labels %v, want the 4 used", r.Labels)
	}
}

func TestComputeNothingToCompare(t *testing.T) {
	for _, tc := range []struct {
		name     string
		articles []Article
		compared int
	}{
		{"no articles", nil, 0},
		{"one annotator", one(layers{"ana": {a(1, "Claim", 0, 10)}}), 0},
		{"no annotations", one(layers{"ana": nil, "ben": {}}), 1},
	} {
		r := Compute(tc.articles, codebook19)
		o := r.Overall
		for _, x := range []struct {
			name string
			got  Score
		}{
			{"strict F1", o.StrictF1.Mean}, {"alpha-U", o.AlphaU}, {"alpha", o.Alpha.Value}, {"fleiss", o.Fleiss.Value},
			{"kappa", o.Kappa.Mean}, {"link F1", o.LinkF1.Mean}, {"attributes", o.AttributesEqual},
		} {
			check(t, tc.name+": "+x.name, x.got, undefined)
		}
		if r.Compared != tc.compared {
			t.Errorf("%s: compared %d, want %d", tc.name, r.Compared, tc.compared)
		}
		if len(r.PerArticle) != tc.compared {
			t.Errorf("%s: %d article rows, want %d", tc.name, len(r.PerArticle), tc.compared)
		}
		b, err := json.Marshal(r)
		var tables map[string]any
		if err == nil {
			err = json.Unmarshal(b, &tables)
		}
		for _, key := range []string{"annotators", "labels", "pairs", "per_annotator", "per_article", "attributes"} {
			if _, ok := tables[key].([]any); !ok || err != nil {
				t.Errorf("%s: JSON %s: %s is %v (%v), want a list", tc.name, b, key, tables[key], err)
			}
		}
	}
	r := Compute(one(layers{"ana": {a(1, "Claim", 0, 10), a(2, "Person", 3, 5)}}), codebook19)
	if len(r.PerAnnotator) != 1 {
		t.Fatalf("one annotator: rows %+v", r.PerAnnotator)
	}
	if g := r.PerAnnotator[0]; g.Name != "ana" || g.Articles != 1 || g.Annotations != 2 || g.StrictF1.Defined() || g.LenientF1.Defined() {
		t.Errorf("one annotator: %+v, want ana with 1 article, 2 annotations, no F1", g)
	}
}

func TestComputeSpanF1(t *testing.T) {
	for _, tc := range []struct {
		name            string
		ana, ben        []annotation.Annotation
		strict, lenient Score
		both            int
	}{
		{"shifted edge, other label, extra",
			[]annotation.Annotation{a(1, "Claim", 0, 10), a(2, "Claim", 20, 30), a(3, "Person", 40, 45)},
			[]annotation.Annotation{a(1, "Claim", 0, 10), a(2, "Claim", 22, 30), a(3, "Person", 41, 45), a(4, "Location", 50, 55)},
			2.0 / 7, 6.0 / 7, 1},
		{"same spans, other label",
			[]annotation.Annotation{a(1, "Person", 0, 5)},
			[]annotation.Annotation{a(1, "Organisation", 0, 5)},
			0, 0, 0},
		// One to one: two claims over one.
		{"two over one",
			[]annotation.Annotation{a(1, "Claim", 0, 10), a(2, "Claim", 5, 15)},
			[]annotation.Annotation{a(1, "Claim", 0, 15)},
			0, 2.0 / 3, 0},
		// Greedy by overlap would pair ana's first with ben's first (5
		// code points) and stop at one pair; the maximum matching has two.
		{"maximum, not greedy",
			[]annotation.Annotation{a(1, "Claim", 0, 10), a(2, "Claim", 8, 12)},
			[]annotation.Annotation{a(1, "Claim", 5, 12), a(2, "Claim", 0, 3)},
			0, 1, 0},
		// Spans split differently over the same code points are one position.
		{"same code points, other spans",
			[]annotation.Annotation{a(1, "Claim", 0, 5, 5, 10)},
			[]annotation.Annotation{a(1, "Claim", 0, 10)},
			1, 1, 1},
		{"duplicates count once",
			[]annotation.Annotation{a(1, "Person", 0, 5), a(2, "Person", 0, 5)},
			[]annotation.Annotation{a(1, "Person", 0, 5)},
			2.0 / 3, 2.0 / 3, 1},
		{"touching is not overlapping",
			[]annotation.Annotation{a(1, "Person", 0, 5)},
			[]annotation.Annotation{a(1, "Person", 5, 9)},
			0, 0, 0},
	} {
		r := Compute(one(layers{"ana": tc.ana, "ben": tc.ben}), codebook19)
		p, ok := r.Pair("ben", "ana")
		if !ok {
			t.Fatalf("%s: no pair in %+v", tc.name, r.Pairs)
		}
		check(t, tc.name+": strict", p.StrictF1, tc.strict)
		check(t, tc.name+": lenient", p.LenientF1, tc.lenient)
		if p.Both != tc.both || p.OnlyA != len(tc.ana)-tc.both || p.OnlyB != len(tc.ben)-tc.both {
			t.Errorf("%s: both %d, only ana %d, only ben %d; want %d, %d, %d", tc.name, p.Both, p.OnlyA, p.OnlyB, tc.both, len(tc.ana)-tc.both, len(tc.ben)-tc.both)
		}
		check(t, tc.name+": article strict", r.PerArticle[0].StrictF1, tc.strict)
	}
}

// TestComputeLabelOnlyOneUsed: a label one annotator used has F1 0 and
// the alpha-U of the continuum its units make; the other labels are
// untouched.
func TestComputeLabelOnlyOneUsed(t *testing.T) {
	r := Compute(one(layers{
		"ana": {a(1, "Claim", 0, 10), a(2, "Person", 20, 25)},
		"ben": {a(1, "Claim", 0, 10)},
	}), codebook19)
	want := UnitizingAlpha(Continuum{Length: 100, Raters: 2, Units: []Unit{{0, "Person", 20, 5}}})
	for _, l := range r.Labels {
		switch l.Label {
		case "Claim":
			check(t, "Claim F1", l.StrictF1.Mean, 1)
			check(t, "Claim alpha-U", l.AlphaU, 1)
		case "Person":
			check(t, "Person F1", l.StrictF1.Mean, 0)
			check(t, "Person alpha-U", l.AlphaU, want.Alpha)
			if !(l.AlphaU < 0) {
				t.Errorf("Person alpha-U = %v, want below 0", l.AlphaU)
			}
		default:
			t.Errorf("label %q reported, none used it", l.Label)
		}
	}
	check(t, "overall strict", r.Overall.StrictF1.Mean, 2.0/3)
}

// TestComputeAlphaUAcrossArticles: a pair's alpha-U is the one of its
// articles laid end to end, as UnitizingAlpha computes it.
func TestComputeAlphaUAcrossArticles(t *testing.T) {
	articles := []Article{
		{ID: 1, Length: 50, Layers: layers{"ana": {a(1, "Claim", 5, 20), a(2, "Person", 30, 35)}, "ben": {a(1, "Claim", 7, 20)}}},
		{ID: 2, Length: 40, Layers: layers{"ana": {a(1, "Claim", 0, 12)}, "ben": {a(1, "Claim", 2, 12), a(2, "Person", 30, 36)}}},
		{ID: 3, Length: 30, Layers: layers{"ana": {a(1, "Person", 3, 9)}}}, // not compared
	}
	want := UnitizingAlpha(Continuum{Length: 90, Raters: 2, Units: []Unit{
		{0, "Claim", 5, 15}, {0, "Person", 30, 5}, {1, "Claim", 7, 13},
		{0, "Claim", 50, 12}, {1, "Claim", 52, 10}, {1, "Person", 80, 6},
	}})
	r := Compute(articles, codebook19)
	p, _ := r.Pair("ana", "ben")
	check(t, "pair alpha-U", p.AlphaU, want.Alpha)
	check(t, "overall alpha-U", r.Overall.AlphaU, want.Alpha)
	if p.Articles != 2 || r.Compared != 2 || r.Common != 2 || r.Articles != 3 {
		t.Errorf("pair articles %d, compared %d, common %d, articles %d; want 2, 2, 2, 3", p.Articles, r.Compared, r.Common, r.Articles)
	}
	for _, l := range r.Labels {
		for _, c := range want.Categories {
			if c.Category == l.Label {
				check(t, l.Label+" alpha-U", l.AlphaU, c.Alpha)
			}
		}
	}
	if r.PerAnnotator[0].Articles != 3 || r.PerAnnotator[1].Articles != 2 {
		t.Errorf("per annotator %+v, want ana in 3 articles, ben in 2", r.PerAnnotator)
	}
}

func TestComputePartialCoverage(t *testing.T) {
	r := Compute([]Article{
		{ID: 1, Length: 20, Layers: layers{"ana": {a(1, "Claim", 0, 10)}, "ben": {a(1, "Claim", 0, 10)}}},
		{ID: 2, Length: 20, Layers: layers{"ana": {a(1, "Claim", 0, 10)}, "ben": {a(1, "Claim", 0, 10)}, "cy": {a(1, "Claim", 2, 10)}}},
	}, codebook19)
	if r.Compared != 2 || r.Common != 1 {
		t.Errorf("compared %d, common %d; want 2, 1", r.Compared, r.Common)
	}
	for _, w := range []struct {
		a, b     string
		articles int
		strict   Score
	}{{"ana", "ben", 2, 1}, {"ana", "cy", 1, 0}, {"ben", "cy", 1, 0}} {
		p, ok := r.Pair(w.a, w.b)
		if !ok || p.Articles != w.articles {
			t.Errorf("%s/%s: %+v, want %d articles", w.a, w.b, p, w.articles)
		}
		check(t, w.a+"/"+w.b+" strict", p.StrictF1, w.strict)
	}
	// The mean over pairs, and the sample deviation of 1, 0, 0.
	check(t, "strict mean", r.Overall.StrictF1.Mean, 1.0/3)
	check(t, "strict sd", r.Overall.StrictF1.SD, Score(math.Sqrt(1.0/3)))
	// Article 2 is the worse, cy against ana the pair to look at.
	if r.PerArticle[0].ID != 2 || r.PerArticle[0].Worst != [2]string{"ana", "cy"} {
		t.Errorf("worst article %d, pair %v; want 2, ana/cy", r.PerArticle[0].ID, r.PerArticle[0].Worst)
	}
}

func TestComputeLabelsAtIdenticalPositions(t *testing.T) {
	r := Compute(one(layers{
		// The same words: ana says Person, ben Organisation; ana also marks
		// them as a Source, which ben does not (a position of another kind,
		// a missing value); both mark a Location; ana has two entity labels
		// on one position (the first in the codebook counts).
		"ana": {a(1, "Person", 0, 5), a(2, "Source", 0, 5), a(3, "Location", 10, 15), a(4, "Date", 20, 24), a(5, "Person", 20, 24)},
		"ben": {a(1, "Organisation", 0, 5), a(3, "Location", 10, 15), a(4, "Person", 20, 24)},
	}), codebook19)
	p, _ := r.Pair("ana", "ben")
	// Units both coded: (Person, Organisation), (Location, Location),
	// (Person, Person).
	a := []string{"Person", "Location", "Person"}
	b := []string{"Organisation", "Location", "Person"}
	if p.Kappa.Units != 3 || r.Overall.Alpha.Units != 3 {
		t.Errorf("units: pair %d, overall %d; want 3", p.Kappa.Units, r.Overall.Alpha.Units)
	}
	check(t, "kappa", p.Kappa.Value, CohenKappa(a, b).Value)
	check(t, "pi", p.Pi.Value, ScottPi(a, b).Value)
	check(t, "alpha", p.Alpha.Value, NominalAlpha([][]string{{a[0], b[0]}, {a[1], b[1]}, {a[2], b[2]}}).Value)
	check(t, "overall alpha", r.Overall.Alpha.Value, p.Alpha.Value)
}

func TestComputeLinks(t *testing.T) {
	ana := []annotation.Annotation{
		with(a(1, "Claim", 0, 20), nil, said(2)),
		a(2, "Source", 25, 30),
		with(a(3, "Claim", 40, 60), nil, said(4), annotation.Link{Type: annotation.LinkAbout, Target: 5}),
		a(4, "Source", 62, 66),
		a(5, "Person", 70, 75),
	}
	for _, tc := range []struct {
		name string
		ben  []annotation.Annotation
		want Score
	}{
		{"same, other ids and edges", []annotation.Annotation{
			with(a(11, "Claim", 1, 20), nil, said(12)),
			a(12, "Source", 25, 31),
			with(a(13, "Claim", 40, 58), nil, said(14), annotation.Link{Type: annotation.LinkAbout, Target: 15}),
			a(14, "Source", 62, 66),
			// Another entity label at the same place: aligned within the kind.
			a(15, "Organisation", 70, 75),
		}, 1},
		{"one link of another type", []annotation.Annotation{
			with(a(11, "Claim", 0, 20), nil, annotation.Link{Type: annotation.LinkAbout, Target: 12}),
			a(12, "Source", 25, 30),
			with(a(13, "Claim", 40, 60), nil, said(14), annotation.Link{Type: annotation.LinkAbout, Target: 15}),
			a(14, "Source", 62, 66),
			a(15, "Person", 70, 75),
		}, 2.0 / 3},
		{"said by someone else", []annotation.Annotation{
			with(a(11, "Claim", 0, 20), nil, said(16)),
			a(12, "Source", 25, 30),
			with(a(13, "Claim", 40, 60), nil, said(14), annotation.Link{Type: annotation.LinkAbout, Target: 15}),
			a(14, "Source", 62, 66),
			a(15, "Person", 70, 75),
			a(16, "Source", 80, 85),
		}, 2.0 / 3},
		{"no links", []annotation.Annotation{a(11, "Claim", 0, 20), a(12, "Source", 25, 30)}, 0},
		// A link to an annotation the layer lacks is not a link.
		{"dangling", []annotation.Annotation{
			with(a(11, "Claim", 0, 20), nil, said(12), said(99)),
			a(12, "Source", 25, 30),
			with(a(13, "Claim", 40, 60), nil, said(14), annotation.Link{Type: annotation.LinkAbout, Target: 15}),
			a(14, "Source", 62, 66),
			a(15, "Person", 70, 75),
		}, 1},
	} {
		r := Compute(one(layers{"ana": ana, "ben": tc.ben}), codebook19)
		p, _ := r.Pair("ana", "ben")
		check(t, tc.name, p.LinkF1, tc.want)
	}
}

func TestComputeAttributes(t *testing.T) {
	r := Compute(one(layers{
		"ana": {
			with(a(1, "Claim", 0, 20), map[string]string{annotation.AttrCheckWorthy: "yes", annotation.AttrVerdict: "false"}),
			with(a(2, "Claim", 30, 50), map[string]string{annotation.AttrCheckWorthy: "no"}),
			with(a(3, "Source", 60, 65), map[string]string{annotation.AttrSourceType: "named"}),
			// Not aligned with anything: its attributes are not compared.
			with(a(4, "Claim", 80, 90), map[string]string{annotation.AttrCheckWorthy: "no"}),
		},
		"ben": {
			with(a(1, "Claim", 2, 20), map[string]string{annotation.AttrCheckWorthy: "yes"}),
			with(a(2, "Claim", 30, 50), map[string]string{annotation.AttrCheckWorthy: "yes"}),
			with(a(3, "Source", 60, 65), map[string]string{annotation.AttrSourceType: "named"}),
		},
	}), codebook19)
	want := []AttributeRow{
		{Label: "Claim", Attribute: annotation.AttrCheckWorthy, Compared: 2, Equal: 0.5},
		// Set by one, unset by the other: a disagreement.
		{Label: "Claim", Attribute: annotation.AttrVerdict, Compared: 1, Equal: 0},
		{Label: "Source", Attribute: annotation.AttrSourceType, Compared: 1, Equal: 1},
	}
	if len(r.Attributes) != len(want) {
		t.Fatalf("attributes %+v, want %+v", r.Attributes, want)
	}
	for i, w := range want {
		g := r.Attributes[i]
		if g.Label != w.Label || g.Attribute != w.Attribute || g.Compared != w.Compared || !same(g.Equal, w.Equal) {
			t.Errorf("row %d = %+v, want %+v", i, g, w)
		}
	}
	check(t, "check-worthy alpha", r.Attributes[0].Alpha, NominalAlpha([][]string{{"yes", "yes"}, {"no", "yes"}}).Value)
	check(t, "pair", r.Pairs[0].AttributesEqual, 2.0/4)
	check(t, "overall", r.Overall.AttributesEqual, 2.0/4)
}

func TestComputeWorstFirst(t *testing.T) {
	good := layers{"ana": {a(1, "Claim", 0, 10)}, "ben": {a(1, "Claim", 0, 10)}}
	bad := layers{"ana": {a(1, "Claim", 0, 10)}, "ben": {a(1, "Claim", 40, 50)}}
	empty := layers{"ana": {}, "ben": {}}
	r := Compute([]Article{
		{ID: 1, Length: 60, Layers: good}, {ID: 2, Length: 60, Layers: empty},
		{ID: 3, Length: 60, Layers: bad}, {ID: 4, Length: 60, Layers: good},
	}, codebook19)
	var ids []uint64
	for _, row := range r.PerArticle {
		ids = append(ids, row.ID)
	}
	// Worst alpha-U first, ties by id, undefined (nothing marked) last.
	if want := []uint64{3, 1, 4, 2}; !equalIDs(ids, want) {
		t.Errorf("order %v, want %v", ids, want)
	}
}

func equalIDs(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestComputeMultiSpanUnits: each span of an annotation is a unit of
// alpha-U (spans that touch are one).
func TestComputeMultiSpanUnits(t *testing.T) {
	r := Compute(one(layers{
		"ana": {a(1, "Claim", 0, 5, 10, 15), a(2, "Person", 30, 33, 33, 36)},
		"ben": {a(1, "Claim", 0, 15), a(2, "Person", 30, 36)},
	}), codebook19)
	want := UnitizingAlpha(Continuum{Length: 100, Raters: 2, Units: []Unit{
		{0, "Claim", 0, 5}, {0, "Claim", 10, 5}, {1, "Claim", 0, 15}, {0, "Person", 30, 6}, {1, "Person", 30, 6},
	}})
	check(t, "alpha-U", r.Overall.AlphaU, want.Alpha)
	if !(want.Alpha < 1) {
		t.Errorf("alpha-U %v: the split claim should disagree", want.Alpha)
	}
}
