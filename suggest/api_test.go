package suggest

import (
	"reflect"
	"slices"
	"testing"

	"glossa/annotation"
)

// TestSpansAndLinks checks one result whole: offsets in code points (the
// text holds multi-byte runes before the quote), two spans for a split
// quote, links by index, labels, rules and confidences.
func TestSpansAndLinks(t *testing.T) {
	text := "Zürich — “We are ready,” said Ms. Müller, “but not today.”"
	got := Text(text, Options{})
	sp := func(s, e int) annotation.Span {
		return annotation.Span{Start: s, End: e, Text: string([]rune(text)[s:e])}
	}
	want := []Suggestion{
		{Kind: annotation.KindClaim, Label: "Claim", Spans: []annotation.Span{sp(10, 23), sp(43, 57)}, Rule: "quote.split",
			Confidence: 0.90, Links: []Link{{annotation.LinkSaidBy, 2}, {annotation.LinkCue, 1}}, Antecedent: -1},
		{Kind: annotation.KindCue, Label: "Cue", Spans: []annotation.Span{sp(25, 29)}, Rule: "cue.after-quote",
			Confidence: 0.90, Antecedent: -1},
		{Kind: annotation.KindSource, Label: "Source", Spans: []annotation.Span{sp(30, 40)}, Rule: "speaker.named",
			Confidence: 0.85, Antecedent: -1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", got, want)
	}
	if got[0].Spans[0].Text != "We are ready," || got[0].Spans[1].Text != "but not today." || got[2].Spans[0].Text != "Ms. Müller" {
		t.Fatalf("span texts: %q %q %q", got[0].Spans[0].Text, got[0].Spans[1].Text, got[2].Spans[0].Text)
	}
}

// TestPronounAntecedent checks that a pronoun source records the last named
// speaker as its antecedent, and none when no one was named before it.
func TestPronounAntecedent(t *testing.T) {
	got := Text("“We tried everything we could,” he said.\n\n“It is over for this season,” said coach Ann Lee.\n\n“We will be back next year,” she said.", Options{})
	var ante []string
	for _, s := range got {
		if s.Rule == "speaker.pronoun" {
			a := "none"
			if s.Antecedent >= 0 {
				a = got[s.Antecedent].Spans[0].Text
			}
			ante = append(ante, s.Spans[0].Text+"="+a)
		}
	}
	if want := []string{"he=none", "she=coach Ann Lee"}; !slices.Equal(ante, want) {
		t.Errorf("got %v, want %v", ante, want)
	}
}

// TestAnaphorAntecedent checks that "the ministry" refers to the last named
// source holding "ministry", that a pronoun skips vague groups for the last
// named speaker, and that a vague group with no such source refers to none.
func TestAnaphorAntecedent(t *testing.T) {
	text := "“Exports fell by a third,” according to the Ministry of Transport.\n\n" +
		"“The decline will not last beyond the summer,” officials said.\n\n" +
		"“Ports are already busier this month,” the ministry said.\n\n" +
		"“We expect a full recovery by autumn,” it added."
	got := Text(text, Options{})
	var ante []string
	for _, s := range got {
		if s.Kind == annotation.KindSource {
			a := "none"
			if s.Antecedent >= 0 {
				a = got[s.Antecedent].Spans[0].Text
			}
			ante = append(ante, s.Spans[0].Text+"="+a)
		}
	}
	want := []string{"the Ministry of Transport=none", "officials=none", "the ministry=the Ministry of Transport",
		"it=the Ministry of Transport"}
	if !slices.Equal(ante, want) {
		t.Errorf("got %v, want %v", ante, want)
	}
}

func TestOptions(t *testing.T) {
	// Without the verb in the lexicon, only its position makes it a cue,
	// at a lower confidence; a word that is no verb form gives none.
	text := "“The market will recover within the year,” the analyst opined."
	if got := describe(Text(text, Options{})); len(got) != 1 || got[0] != "quote.double [The market will recover within the year,] by speaker.group {the analyst} cue cue.verb-slot {opined}" {
		t.Fatalf("without the verb: %v", got)
	}
	if got := describe(Text("“The market will recover within the year,” the analyst opine.", Options{})); len(got) != 1 || got[0] != "quote.double [The market will recover within the year,]" {
		t.Fatalf("without the verb, a base form: %v", got)
	}
	got := Text(text, Options{Verbs: []string{"Opined"}, Labels: Labels{Claim: "Content", Source: "Source", Cue: "Cue"}})
	if d := describe(got); len(d) != 1 || d[0] != "quote.double [The market will recover within the year,] by speaker.group {the analyst} cue cue.after-quote {opined}" {
		t.Fatalf("with the verb: %v", d)
	}
	if got[0].Label != "Content" {
		t.Errorf("claim label %q, want Content", got[0].Label)
	}
	if l := LabelsFrom(annotation.AttributionTemplate()); l != (Labels{Claim: "Content", Source: "Source", Cue: "Cue"}) {
		t.Errorf("LabelsFrom(attribution template) = %+v", l)
	}
	if l := LabelsFrom(annotation.DefaultLabelSet()); l != (Labels{Claim: "Claim", Source: "Source", Date: "Date", Entity: "Other"}) {
		t.Errorf("LabelsFrom(default) = %+v (no cue, money or percent label: Text falls back to the default names)", l)
	}
}

func TestVerbs(t *testing.T) {
	if len(verbLexicon) < 70 {
		t.Errorf("the lexicon has %d verbs, want at least 70", len(verbLexicon))
	}
	base := map[string]bool{}
	for _, l := range append(slices.Clone(verbLexicon), beliefLexicon...) {
		f := inflect(l)
		if base[f[0]] {
			t.Errorf("%q is listed twice", f[0])
		}
		base[f[0]] = true
		if len(f) < 4 {
			t.Errorf("%q: forms %v", l, f)
		}
	}
	vs := Verbs()
	if !slices.IsSorted(vs) {
		t.Error("Verbs() is not sorted")
	}
	for _, w := range []string{"say", "says", "said", "saying", "told", "telling", "added", "noting", "stated",
		"explains", "claimed", "insisted", "argues", "argued", "warned", "wrote", "written", "asked", "replied",
		"replies", "denied", "admitted", "testified", "emphasised", "quipped", "spoke", "cries", "urging"} {
		if _, ok := slices.BinarySearch(vs, w); !ok {
			t.Errorf("%q is not in the lexicon", w)
		}
	}
	for _, w := range []string{"think", "believes", "expected", "hoping", "feared", "plans", "found"} {
		if _, ok := slices.BinarySearch(vs, w); !ok {
			t.Errorf("%q (a verb of belief or intention) is not in the lexicon", w)
		}
	}
	set := verbSet(nil)
	for _, w := range []string{"think", "believes", "hoped", "found"} {
		if set[w] != belief {
			t.Errorf("%q is of class %d; want belief (never a quote's cue)", w, set[w])
		}
	}
	for _, w := range []string{"sayed", "tolded", "admited", "replyed", "notting"} {
		if _, ok := slices.BinarySearch(vs, w); ok {
			t.Errorf("%q should not be in the lexicon", w)
		}
	}
}
