package suggest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"glossa/annotation"
)

// pendingText is the article of the Pending tests; pendingSugs is what a
// suggester could have found in it, written out by hand so that every
// case below says exactly what it starts from.
const pendingText = "“We will sign on Monday,” said Ann Lee, the minister. “Not before,” she added."

// at returns the span of the first occurrence of s in pendingText.
func at(s string) annotation.Span {
	i := strings.Index(pendingText, s)
	if i < 0 {
		panic(s)
	}
	start := len([]rune(pendingText[:i]))
	return annotation.Span{Start: start, End: start + len([]rune(s)), Text: s}
}

func pendingSugs() []Suggestion {
	return []Suggestion{
		0: {Kind: annotation.KindClaim, Label: "Claim", Spans: []annotation.Span{at("We will sign on Monday,")}, Rule: "quote.double", Confidence: 0.9,
			Links: []Link{{annotation.LinkSaidBy, 2}, {annotation.LinkCue, 1}}, Antecedent: -1},
		1: {Kind: annotation.KindCue, Label: "Cue", Spans: []annotation.Span{at("said")}, Rule: "cue.after-quote", Confidence: 0.9, Antecedent: -1},
		2: {Kind: annotation.KindSource, Label: "Source", Spans: []annotation.Span{at("Ann Lee")}, Rule: "speaker.named", Confidence: 0.85,
			Entity: 7, Antecedent: -1},
		3: {Kind: annotation.KindEntity, Label: "Date", Spans: []annotation.Span{at("Monday")}, Rule: "entity.date", Confidence: 0.85, Antecedent: -1},
		4: {Kind: annotation.KindClaim, Label: "Claim", Spans: []annotation.Span{at("Not before,")}, Rule: "quote.double", Confidence: 0.9,
			Links: []Link{{annotation.LinkSaidBy, 5}, {annotation.LinkCue, 6}}, Antecedent: -1},
		5: {Kind: annotation.KindSource, Label: "Source", Spans: []annotation.Span{at("she")}, Rule: "speaker.pronoun", Confidence: 0.7, Antecedent: 2},
		6: {Kind: annotation.KindCue, Label: "Cue", Spans: []annotation.Span{at("added")}, Rule: "cue.after-quote", Confidence: 0.9, Antecedent: -1},
	}
}

// pendingLabels is the default codebook with a cue label.
func pendingLabels() annotation.LabelSet {
	ls := annotation.DefaultLabelSet()
	ls.Labels = append(ls.Labels, annotation.Label{Name: "Cue", Kind: annotation.KindCue, Color: "#f2994a"})
	return ls
}

// tagged is an annotation of the document, as the annotator made it.
func tagged(id uint64, label, text string) annotation.Annotation {
	return annotation.Annotation{ID: id, DocID: 1, Label: label, Spans: []annotation.Span{at(text)}}
}

// brief renders a pending annotation as one line: its id (n3 for the local
// id of suggestion 3, #12 for annotation 12), label, text, links, entity.
func brief(a annotation.Annotation) string {
	id := func(v uint64) string {
		if v >= annotation.NewIDBase {
			return fmt.Sprintf("n%d", v-annotation.NewIDBase)
		}
		return fmt.Sprintf("#%d", v)
	}
	s := fmt.Sprintf("%s %s «%s»", id(a.ID), a.Label, a.Quote())
	for _, l := range a.Links {
		s += fmt.Sprintf(" %s:%s", l.Type, id(l.Target))
	}
	if a.Entity != 0 {
		s += fmt.Sprintf(" entity:%d", a.Entity)
	}
	return s
}

func TestPending(t *testing.T) {
	withoutIs := pendingLabels()
	withoutIs.Relations = slices.DeleteFunc(annotation.DefaultRelationTypes(), func(r annotation.RelationType) bool {
		return r.Name == string(annotation.LinkIs)
	})
	all := []string{
		"n0 Claim «We will sign on Monday,» said_by:n2 cue:n1",
		"n1 Cue «said»",
		"n2 Source «Ann Lee» entity:7",
		"n3 Date «Monday»",
		"n4 Claim «Not before,» said_by:n5 cue:n6",
		"n5 Source «she» is:n2",
		"n6 Cue «added»",
	}
	for _, tc := range []struct {
		name     string
		labels   annotation.LabelSet
		existing []annotation.Annotation
		want     []string
	}{
		{"nothing tagged", pendingLabels(), nil, all},
		{"a claim tagged with other bounds: dropped with its cue; its source stays, the antecedent of a pronoun",
			pendingLabels(), []annotation.Annotation{tagged(10, "Claim", "We will sign on Monday")}, []string{
				"n2 Source «Ann Lee» entity:7",
				"n3 Date «Monday»",
				"n4 Claim «Not before,» said_by:n5 cue:n6",
				"n5 Source «she» is:n2",
				"n6 Cue «added»",
			}},
		{"a claim touching less than half of one", pendingLabels(),
			[]annotation.Annotation{tagged(10, "Claim", "Monday,” said Ann Lee")}, all},
		{"both claims tagged: only the entity is left", pendingLabels(),
			[]annotation.Annotation{tagged(10, "Claim", "We will sign on Monday,"), tagged(11, "Claim", "Not before")},
			[]string{"n3 Date «Monday»"}},
		{"source and cue tagged: the claims link to them", pendingLabels(),
			[]annotation.Annotation{tagged(11, "Source", "Ann Lee"), tagged(12, "Cue", "said")}, []string{
				"n0 Claim «We will sign on Monday,» said_by:#11 cue:#12",
				"n3 Date «Monday»",
				"n4 Claim «Not before,» said_by:n5 cue:n6",
				"n5 Source «she» is:#11",
				"n6 Cue «added»",
			}},
		{"a source tagged with other bounds is proposed again", pendingLabels(),
			[]annotation.Annotation{tagged(11, "Source", "Ann Lee, the minister")}, all},
		{"the same spans as an annotation of another kind", pendingLabels(),
			[]annotation.Annotation{tagged(11, "Person", "Ann Lee"), tagged(12, "Source", "Monday")}, all},
		{"an entity tagged, under another entity label", pendingLabels(),
			[]annotation.Annotation{tagged(13, "Event", "Monday")}, slices.Delete(slices.Clone(all), 3, 4)},
		{"an annotation whose label the codebook lacks is no kind", pendingLabels(),
			[]annotation.Annotation{tagged(13, "Gone", "We will sign on Monday,")}, all},
		{"a codebook without a cue label: no cues", annotation.DefaultLabelSet(), nil, []string{
			"n0 Claim «We will sign on Monday,» said_by:n2",
			"n2 Source «Ann Lee» entity:7",
			"n3 Date «Monday»",
			"n4 Claim «Not before,» said_by:n5",
			"n5 Source «she» is:n2",
		}},
		{"a codebook without the is relation: the pronoun stands alone", withoutIs, nil, []string{
			"n0 Claim «We will sign on Monday,» said_by:n2 cue:n1",
			"n1 Cue «said»",
			"n2 Source «Ann Lee» entity:7",
			"n3 Date «Monday»",
			"n4 Claim «Not before,» said_by:n5 cue:n6",
			"n5 Source «she»",
			"n6 Cue «added»",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, a := range Pending(1, pendingSugs(), tc.existing, tc.labels) {
				got = append(got, brief(a))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
		})
	}
}

// TestPendingAnnotation checks one pending annotation whole: document,
// provenance, spans copied rather than shared, no author.
func TestPendingAnnotation(t *testing.T) {
	sugs := pendingSugs()
	got := Pending(4, sugs, nil, pendingLabels())[0]
	want := annotation.Annotation{
		ID: annotation.NewIDBase, DocID: 4, Label: "Claim", Spans: []annotation.Span{at("We will sign on Monday,")},
		Links:      []annotation.Link{{Type: annotation.LinkSaidBy, Target: annotation.NewIDBase + 2}, {Type: annotation.LinkCue, Target: annotation.NewIDBase + 1}},
		Provenance: annotation.Provenance{Origin: annotation.OriginSuggested, Rule: "quote.double", Confidence: 0.9, Review: annotation.ReviewPending},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", got, want)
	}
	got.Spans[0].Start = 99
	if sugs[0].Spans[0].Start == 99 {
		t.Error("the annotation shares its spans with the suggestion")
	}
}

// TestPendingFromText runs Pending on what Text finds: every link resolves
// to a pending annotation of the result, every source and cue is reached
// from a claim.
func TestPendingFromText(t *testing.T) {
	text := "“Exports fell by a third,” according to the Ministry of Transport.\n\n" +
		"“We expect a full recovery by autumn,” it added. Officials said on Monday that 5% of ships were late."
	labels := pendingLabels()
	got := Pending(1, Text(text, OptionsFor(labels, nil)), nil, labels)
	ids := map[uint64]annotation.Kind{}
	for _, a := range got {
		l, _ := labels.Find(a.Label)
		ids[a.ID] = l.Kind
	}
	reached := map[uint64]bool{}
	for _, a := range got {
		for _, l := range a.Links {
			if _, ok := ids[l.Target]; !ok {
				t.Errorf("%s: link to %d, which is not in the result", brief(a), l.Target)
			}
			reached[l.Target] = true
		}
	}
	kinds := map[annotation.Kind]int{}
	for _, a := range got {
		k := ids[a.ID]
		kinds[k]++
		if (k == annotation.KindSource || k == annotation.KindCue) && !reached[a.ID] {
			t.Errorf("%s: a %s no claim reaches", brief(a), k)
		}
	}
	if kinds[annotation.KindClaim] < 2 || kinds[annotation.KindSource] < 2 || kinds[annotation.KindCue] < 2 {
		t.Errorf("kinds %v: want at least two claims, sources and cues", kinds)
	}
}

func TestOptionsFor(t *testing.T) {
	labels := pendingLabels()
	labels.Labels = append(labels.Labels, annotation.Label{Name: "Quote", Kind: annotation.KindClaim, Color: "#000000"},
		annotation.Label{Name: "MONEY", Kind: annotation.KindEntity, Color: "#000000"})
	labels.Verbs = []string{"quack", "quacked"}
	reg := []annotation.Entity{{ID: 3, Name: "Ann Lee"}}
	got := OptionsFor(labels, reg)
	want := Options{
		Labels:   Labels{Claim: "Claim", Source: "Source", Cue: "Cue", Date: "Date", Money: "MONEY", Entity: "Other"},
		Verbs:    []string{"quack", "quacked"},
		Entities: reg,
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	// The codebook's verbs reach the lexicon.
	const text = "Ann Lee quacked that the plan would fail."
	claims := func(sugs []Suggestion) int {
		n := 0
		for _, s := range sugs {
			if s.Kind == annotation.KindClaim {
				n++
			}
		}
		return n
	}
	if with, without := claims(Text(text, got)), claims(Text(text, Options{})); with == 0 || without != 0 {
		t.Errorf("%d claims with the codebook's verb, %d without; want some, then none", with, without)
	}
}

// The stamp changes with the codebook's verbs, in any order, and is the
// rules' version without them.
func TestStamp(t *testing.T) {
	var none annotation.LabelSet
	ab := annotation.LabelSet{Verbs: []string{"opine", "opined"}}
	ba := annotation.LabelSet{Verbs: []string{"opined", "opine"}}
	other := annotation.LabelSet{Verbs: []string{"opine"}}
	if got := Stamp(none); got != Version {
		t.Errorf("Stamp without verbs = %q; want %q", got, Version)
	}
	if Stamp(ab) != Stamp(ba) || Stamp(ab) == Stamp(other) || !strings.HasPrefix(Stamp(ab), Version+"+v") {
		t.Errorf("stamps %q %q %q", Stamp(ab), Stamp(ba), Stamp(other))
	}
}
