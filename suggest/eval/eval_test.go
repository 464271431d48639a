package eval

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"glossa/annotation"
	"glossa/suggest"
)

// ann builds an .ann file: T lines from "ID LABEL text" (the first
// occurrence of text, or the nth with "#n" after it, in code points;
// fragments joined by " ; "), then the other lines as they are.
func ann(t *testing.T, text string, tlines []string, rest ...string) string {
	t.Helper()
	var b strings.Builder
	for _, l := range tlines {
		id, l, _ := strings.Cut(l, " ")
		label, frag, _ := strings.Cut(l, " ")
		var ranges, texts []string
		for _, f := range strings.Split(frag, " ; ") {
			nth := 0
			if i := strings.LastIndex(f, "#"); i > 0 {
				fmt.Sscan(f[i+1:], &nth)
				f = f[:i]
			}
			sp := spanOf(t, text, f, nth)
			ranges = append(ranges, fmt.Sprintf("%d %d", sp.Start, sp.End))
			texts = append(texts, f)
		}
		fmt.Fprintf(&b, "%s\t%s %s\t%s\n", id, label, strings.Join(ranges, ";"), strings.Join(texts, " "))
	}
	for _, l := range rest {
		b.WriteString(l + "\n")
	}
	return b.String()
}

// predicted builds a Prediction from "KIND text" lines (kind claim, source,
// cue or entity; text its first occurrence) and links "i said_by j" / "i
// cue j" (indexes into the lines).
func predicted(t *testing.T, text string, items []string, links ...string) Prediction {
	t.Helper()
	var p Prediction
	for i, it := range items {
		kind, sub, _ := strings.Cut(it, " ")
		p.Annotations = append(p.Annotations, annotation.Annotation{ID: uint64(i + 1), Label: kind,
			Spans: []annotation.Span{spanOf(t, text, sub, 0)}, Provenance: annotation.Provenance{Rule: "test." + kind}})
		p.Kinds = append(p.Kinds, annotation.Kind(kind))
	}
	for _, l := range links {
		var from, to int
		var typ string
		if _, err := fmt.Sscanf(l, "%d %s %d", &from, &typ, &to); err != nil {
			t.Fatalf("link %q: %v", l, err)
		}
		a := &p.Annotations[from]
		a.Links = append(a.Links, annotation.Link{Type: annotation.LinkType(typ), Target: uint64(to + 1)})
	}
	return p
}

// want is one subset's expected figures: counts at exact, 0.3, 0.8 per
// group (tp fp fn), then speaker and cue accuracy (correct of total), by
// overlap and by head word.
type want struct {
	gold, suggested        int
	contents, sources, cue [3]Counts
	speaker, cueAcc        Accuracy
	speakerHead, cueHead   Accuracy
}

func checkScores(t *testing.T, name string, got Scores, w want) {
	t.Helper()
	if got.Gold != w.gold || got.Suggested != w.suggested {
		t.Errorf("%s: %d gold, %d suggested contents; want %d, %d", name, got.Gold, got.Suggested, w.gold, w.suggested)
	}
	for _, g := range []struct {
		what string
		got  ByLevel
		want [3]Counts
	}{{"contents", got.Contents, w.contents}, {"sources", got.Sources, w.sources}, {"cues", got.Cues, w.cue}} {
		for i, l := range Levels() {
			if c := *g.got.At(l); c != g.want[i] {
				t.Errorf("%s: %s at %s = %+v; want %+v", name, g.what, l, c, g.want[i])
			}
		}
	}
	if got.Speaker != w.speaker || got.Cue != w.cueAcc {
		t.Errorf("%s: speaker %+v, cue %+v; want %+v, %+v", name, got.Speaker, got.Cue, w.speaker, w.cueAcc)
	}
	if got.SpeakerHead != w.speakerHead || got.CueHead != w.cueHead {
		t.Errorf("%s: by head word, speaker %+v, cue %+v; want %+v, %+v", name, got.SpeakerHead, got.CueHead, w.speakerHead, w.cueHead)
	}
}

func evaluate(t *testing.T, g Gold, preds map[string]Prediction) Report {
	t.Helper()
	r, err := Evaluate(g, func(a Article) (Prediction, error) { return preds[a.Name], nil })
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// A PARC-style folder: upper- and lower-case labels, an attribution as an
// E line with Source/Cue/Content roles, R lines from source and cue to the
// content (the other way round from Glossa's), an event whose trigger is
// the cue and whose roles are neither, an article without an .ann.
func TestPARCStyleFolder(t *testing.T) {
	t1 := `The mayor said: "We will rebuild the bridge." Residents were not convinced.`
	t2 := `Officials denied the report, a spokesman told reporters on Monday.`
	t3 := `According to the ministry, prices will fall.`
	t4 := `Nothing was said here.`
	fsys := fstest.MapFS{
		"a/doc1.txt": {Data: []byte(t1)},
		"a/doc1.ann": {Data: []byte(ann(t, t1, []string{"T1 SOURCE The mayor", "T2 CUE said", `T3 CONTENT "We will rebuild the bridge."`},
			"E1\tATTRIBUTION:T2 SOURCE:T1 CUE:T2 CONTENT:T3"))},
		"a/doc2.txt": {Data: []byte(t2)},
		"a/doc2.ann": {Data: []byte(ann(t, t2, []string{"T1 content Officials denied the report", "T2 source a spokesman", "T3 cue told"},
			"R1\tSOURCE Arg1:T2 Arg2:T1", "R2\tCUE Arg1:T3 Arg2:T1"))},
		"b/doc3.txt": {Data: []byte(t3)},
		"b/doc3.ann": {Data: []byte(ann(t, t3, []string{"T1 Cue According to", "T2 Source the ministry", "T3 Content prices will fall"},
			"E1\tAttribution:T1 Agent:T2 Theme:T3"))},
		"doc4.txt": {Data: []byte(t4)},
	}
	g, err := ReadGold(fsys, "parc")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range g.Articles {
		names = append(names, a.Name)
	}
	if got, w := strings.Join(names, " "), "a/doc1 a/doc2 b/doc3 doc4"; got != w {
		t.Fatalf("articles %q; want %q", got, w)
	}
	preds := map[string]Prediction{
		// exact content (marks trimmed), a shorter source, the cue
		"a/doc1": predicted(t, t1, []string{"claim We will rebuild the bridge.", "source mayor", "cue said"}, "0 said_by 1", "0 cue 2"),
		// a longer content (whole gold covered), no source, the cue
		"a/doc2": predicted(t, t2, []string{"claim Officials denied the report, a spokesman", "cue told"}, "0 cue 1"),
		// 11 of the gold's 16 code points; the source exact, no cue
		"b/doc3": predicted(t, t3, []string{"claim prices will", "source the ministry"}, "0 said_by 1"),
		// nothing to find there
		"doc4": predicted(t, t4, []string{"claim Nothing was said here"}),
	}
	r := evaluate(t, g, preds)
	checkScores(t, "all", r.All, want{gold: 3, suggested: 4,
		contents: [3]Counts{{1, 3, 2}, {3, 1, 0}, {2, 2, 1}},
		// gold: The mayor, a spokesman, the ministry; "mayor" is 5 of 9
		sources: [3]Counts{{1, 1, 2}, {2, 0, 1}, {1, 1, 2}},
		cue:     [3]Counts{{2, 0, 1}, {2, 0, 1}, {2, 0, 1}},
		speaker: Accuracy{2, 3}, cueAcc: Accuracy{2, 3}, speakerHead: Accuracy{2, 3}, cueHead: Accuracy{2, 3}})
	checkScores(t, "direct", r.Direct, want{gold: 1, suggested: 1,
		contents: [3]Counts{{1, 0, 0}, {1, 0, 0}, {1, 0, 0}},
		sources:  [3]Counts{{0, 1, 1}, {1, 0, 0}, {0, 1, 1}},
		cue:      [3]Counts{{1, 0, 0}, {1, 0, 0}, {1, 0, 0}},
		speaker:  Accuracy{1, 1}, cueAcc: Accuracy{1, 1}, speakerHead: Accuracy{1, 1}, cueHead: Accuracy{1, 1}})
	if len(r.Details) != 3 {
		t.Fatalf("details for %d articles; want 3 (doc2's speaker, doc3's cue, doc4's spurious claim): %+v", len(r.Details), r.Details)
	}
	if d := r.Details[2]; d.Article != "doc4" || len(d.Spurious) != 1 || d.Spurious[0].Rule != "test.claim" {
		t.Errorf("doc4's details %+v; want one spurious claim of rule test.claim", d)
	}
}

// Glossa's own labels: Claim, Source, Cue linked said_by and cue, a
// pronoun's coref, a quote nobody said (NoSpeaker), and the negatives
// Title and ScareQuote declared of kind other in annotation.conf.
func TestGlossaStyleFolder(t *testing.T) {
	text := `"This is a disaster," she said. The so-called "efficiency dividend" came with a report titled "Waters Rising All Over". Banners read "No more cuts".`
	conf := "# glossa-label\tClaim\tclaim\t#e6a700\tClaim\n# glossa-label\tSource\tsource\t#2f80ed\tSource\n# glossa-label\tCue\tcue\t#d35400\tCue\n" +
		"# glossa-label\tTitle\tother\t#828282\tTitle\n# glossa-label\tScareQuote\tother\t#c0392b\tScareQuote\n" +
		"[entities]\nClaim\nSource\nCue\nTitle\nScareQuote\n[relations]\nsaid_by\tArg1:Claim, Arg2:Source\ncue\tArg1:Claim, Arg2:Cue\n[events]\n[attributes]\nNoSpeaker\tArg:Claim\n"
	fsys := fstest.MapFS{
		"annotation.conf": {Data: []byte(conf)},
		"g.txt":           {Data: []byte(text)},
		"g.ann": {Data: []byte(ann(t, text,
			[]string{"T1 Claim This is a disaster,", "T2 Source she", "T3 Cue said", "T4 ScareQuote efficiency dividend", "T5 Title Waters Rising All Over", "T6 Claim No more cuts"},
			"R1\tsaid_by Arg1:T1 Arg2:T2", "R2\tcue Arg1:T1 Arg2:T3", "A1\tNoSpeaker T6"))},
	}
	g, err := ReadGold(fsys, "glossa")
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Warnings) > 0 {
		t.Fatalf("warnings: %q", g.Warnings)
	}
	// The title is suggested as a claim (a false positive, direct by its
	// marks); the banner is found without a speaker.
	p := predicted(t, text, []string{"claim This is a disaster", "source she", "cue said", "claim Waters Rising All Over", "claim No more cuts"},
		"0 said_by 1", "0 cue 2")
	r := evaluate(t, g, map[string]Prediction{"g": p})
	all := want{gold: 2, suggested: 3,
		contents: [3]Counts{{2, 1, 0}, {2, 1, 0}, {2, 1, 0}},
		sources:  [3]Counts{{1, 0, 0}, {1, 0, 0}, {1, 0, 0}},
		cue:      [3]Counts{{1, 0, 0}, {1, 0, 0}, {1, 0, 0}},
		speaker:  Accuracy{1, 1}, cueAcc: Accuracy{1, 1}, speakerHead: Accuracy{1, 1}, cueHead: Accuracy{1, 1}}
	checkScores(t, "all", r.All, all)
	checkScores(t, "direct", r.Direct, all) // every content here is a quote
	if n, d := g.Articles[0].Attributions(g.Labels); n != 2 || d != 2 {
		t.Errorf("Attributions = %d, %d direct; want 2, 2", n, d)
	}
}

func TestFromProject(t *testing.T) {
	text := `"We will pay," the minister said.`
	sp := func(s string) []annotation.Span { return []annotation.Span{spanOf(t, text, s, 0)} }
	suggested := annotation.Provenance{Origin: annotation.OriginSuggested, Review: annotation.ReviewAccepted}
	labels := annotation.LabelSet{Labels: []annotation.Label{{Name: "Claim", Kind: annotation.KindClaim}, {Name: "Source", Kind: annotation.KindSource},
		{Name: "Cue", Kind: annotation.KindCue}, {Name: "Person", Kind: annotation.KindEntity}}}
	annotations := []annotation.Annotation{
		// a source a person tagged, which the accepted claim links to
		{ID: 1, Label: "Source", Spans: sp("the minister")},
		// an accepted claim and cue
		{ID: 2, Label: "Claim", Spans: sp("We will pay,"), Links: []annotation.Link{{Type: annotation.LinkSaidBy, Target: 1}, {Type: annotation.LinkCue, Target: 3}}, Provenance: suggested},
		{ID: 3, Label: "Cue", Spans: sp("said"), Provenance: suggested},
		// a person's entity: not a suggestion
		{ID: 4, Label: "Person", Spans: sp("minister")},
	}
	pending := []annotation.Annotation{{ID: 9, Label: "Person", Spans: sp("minister"), Provenance: annotation.Provenance{Origin: annotation.OriginSuggested, Review: annotation.ReviewPending}}}
	p := FromProject(labels, annotations, pending)
	var got []string
	for i, a := range p.Annotations {
		got = append(got, fmt.Sprintf("%d:%s", a.ID, p.Kinds[i]))
	}
	if g, w := strings.Join(got, " "), "9:entity 2:claim 3:cue 1:source"; g != w {
		t.Errorf("FromProject = %s; want %s", g, w)
	}
}

func TestReadGoldWithoutText(t *testing.T) {
	_, err := ReadGold(fstest.MapFS{"x.ann": {Data: []byte("")}, "README.md": {Data: []byte("#")}}, "empty")
	if !errors.Is(err, ErrNoArticles) {
		t.Errorf("err = %v; want ErrNoArticles", err)
	}
}

// On the project's gold set: every figure is consistent with the counts
// (tp + fn is the gold, tp + fp the suggested), and the direct rule agrees
// with the set's README, which calls a claim direct when a quote mark
// opens it.
func TestGoldSet(t *testing.T) {
	g, err := ReadGold(os.DirFS("../testdata/gold"), "gold")
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Warnings) > 0 {
		t.Errorf("warnings: %q", g.Warnings)
	}
	for _, a := range g.Articles {
		text := []rune(a.Text)
		for i, k := range a.kinds(g.Labels) {
			if k != annotation.KindClaim {
				continue
			}
			sp := a.Annotations[i].Spans
			p := sp[0].Start
			for p > 0 && (text[p-1] == ' ' || text[p-1] == '\u00a0') {
				p--
			}
			opens := p > 0 && quoteFamily(text[p-1]) != 0
			if got := Direct(text, sp); got != opens {
				t.Errorf("%s: claim %q: Direct = %v; the README's rule says %v", a.Name, a.Annotations[i].Quote(), got, opens)
			}
		}
	}
	r, err := Evaluate(g, func(a Article) (Prediction, error) {
		return FromSuggestions(suggest.Text(a.Text, suggest.Options{})), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []Scores{r.All, r.Direct} {
		for _, l := range Levels() {
			if c := s.Contents.At(l); c.TP+c.FN != s.Gold || c.TP+c.FP != s.Suggested {
				t.Errorf("contents at %s: %+v do not add up to %d gold, %d suggested", l, *c, s.Gold, s.Suggested)
			}
		}
		if s.Speaker.Total > s.Contents.Overlap30.TP || s.Speaker.Correct > s.Speaker.Total {
			t.Errorf("speaker accuracy %+v beyond %d matched contents", s.Speaker, s.Contents.Overlap30.TP)
		}
	}
}
