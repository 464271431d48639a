package eval

import (
	"encoding/json"
	"fmt"

	"glossa/annotation"
)

// Counts are the true positives, false positives and false negatives of
// one group at one level, summed over articles.
type Counts struct {
	TP, FP, FN int
}

// Precision is TP / (TP + FP), 0 when nothing was suggested.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP / (TP + FN), 0 when there is no gold.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall, 0 when both are.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (c *Counts) add(o Counts) { c.TP, c.FP, c.FN = c.TP+o.TP, c.FP+o.FP, c.FN+o.FN }

// MarshalJSON writes the counts with their precision, recall and F1.
func (c Counts) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		TP        int     `json:"tp"`
		FP        int     `json:"fp"`
		FN        int     `json:"fn"`
		Precision float64 `json:"precision"`
		Recall    float64 `json:"recall"`
		F1        float64 `json:"f1"`
	}{c.TP, c.FP, c.FN, round(c.Precision()), round(c.Recall()), round(c.F1())})
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// round keeps four decimals, enough for a score and stable in JSON.
func round(f float64) float64 { return float64(int64(f*10000+0.5)) / 10000 }

// ByLevel holds one group's counts at each level.
type ByLevel struct {
	Exact     Counts `json:"exact"`
	Overlap30 Counts `json:"overlap_0.3"`
	Overlap80 Counts `json:"overlap_0.8"`
}

// At returns the counts at level l.
func (b *ByLevel) At(l Level) *Counts {
	switch l {
	case Overlap30:
		return &b.Overlap30
	case Overlap80:
		return &b.Overlap80
	}
	return &b.Exact
}

// Accuracy is the share of Total that is Correct.
type Accuracy struct {
	Correct, Total int
}

// Rate is Correct / Total, 0 when Total is.
func (a Accuracy) Rate() float64 { return ratio(a.Correct, a.Total) }

// MarshalJSON writes the counts with their rate.
func (a Accuracy) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Correct  int     `json:"correct"`
		Total    int     `json:"total"`
		Accuracy float64 `json:"accuracy"`
	}{a.Correct, a.Total, round(a.Rate())})
}

// Scores are the figures of one subset (all attributions, or the direct
// quotes).
type Scores struct {
	Gold      int     `json:"gold_contents"`      // gold contents in the subset
	Suggested int     `json:"suggested_contents"` // suggested contents in the subset
	Contents  ByLevel `json:"contents"`
	Sources   ByLevel `json:"sources"`
	Cues      ByLevel `json:"cues"`
	// Speaker and Cue are judged on the contents matched at overlap >=
	// 0.3 whose gold has a source (a cue): right when a suggested source
	// (cue) covers >= 0.3 of a gold one's code points. SpeakerHead and
	// CueHead judge the same contents by head word: right when a suggested
	// source (cue) overlaps a gold one and holds its head word.
	Speaker     Accuracy `json:"speaker_accuracy"`
	Cue         Accuracy `json:"cue_accuracy"`
	SpeakerHead Accuracy `json:"speaker_accuracy_head"`
	CueHead     Accuracy `json:"cue_accuracy_head"`
}

// Report is the result of Evaluate.
type Report struct {
	Articles int     `json:"articles"`
	All      Scores  `json:"all"`
	Direct   Scores  `json:"direct"`
	Entities ByLevel `json:"entities"` // labels ignored
	// Details lists, per article, what went wrong at overlap >= 0.3:
	// filled by Evaluate, for a caller to show or drop.
	Details []Detail `json:"details,omitempty"`
}

// Detail is what one article's contents got wrong at overlap >= 0.3.
type Detail struct {
	Article  string     `json:"article"`
	Missed   []string   `json:"missed,omitempty"`   // gold contents no suggestion matched
	Spurious []Spurious `json:"spurious,omitempty"` // suggested contents no gold matched
	Speaker  []Wrong    `json:"wrong_speaker,omitempty"`
	Cue      []Wrong    `json:"wrong_cue,omitempty"`
}

// Spurious is a suggested content that matched no gold content.
type Spurious struct {
	Text string `json:"text"`
	Rule string `json:"rule,omitempty"`
}

// Wrong is a matched content whose suggested source (or cue) is not the
// gold's at overlap >= 0.3: the texts of the content, of the gold's and
// of the suggestion's, and whether the head word rule finds it right.
type Wrong struct {
	Content    string   `json:"content"`
	Gold       []string `json:"gold"`
	Suggested  []string `json:"suggested"`
	HeadAgrees bool     `json:"head_agrees,omitempty"`
}

// Evaluate scores, article by article, what predict returns for each
// article of g against its gold annotations (the package doc defines every
// figure). An error from predict stops it.
func Evaluate(g Gold, predict func(Article) (Prediction, error)) (Report, error) {
	r := Report{Articles: len(g.Articles)}
	for _, a := range g.Articles {
		p, err := predict(a)
		if err != nil {
			return Report{}, fmt.Errorf("%s: %w", a.Name, err)
		}
		if len(p.Kinds) != len(p.Annotations) {
			return Report{}, fmt.Errorf("%s: %d kinds for %d annotations", a.Name, len(p.Kinds), len(p.Annotations))
		}
		text := []rune(a.Text)
		gold := newSide(text, a.Annotations, a.kinds(g.Labels))
		sugg := newSide(text, p.Annotations, p.Kinds)
		d := score(&r.All, text, gold, sugg)
		score(&r.Direct, text, gold.direct(), sugg.direct())
		for _, l := range Levels() {
			r.Entities.At(l).add(count(gold.entities, sugg.entities, l))
		}
		if d.Missed != nil || d.Spurious != nil || d.Speaker != nil || d.Cue != nil {
			d.Article = a.Name
			r.Details = append(r.Details, d)
		}
	}
	return r, nil
}

// count matches gold and sugg items at level l.
func count(gold, sugg []item, l Level) Counts {
	m := match(extents(gold), extents(sugg), l)
	tp := 0
	for _, j := range m {
		if j >= 0 {
			tp++
		}
	}
	return Counts{TP: tp, FP: len(sugg) - tp, FN: len(gold) - tp}
}

func extents(items []item) []extent {
	out := make([]extent, len(items))
	for i, it := range items {
		out[i] = it.x
	}
	return out
}

// score adds one article's figures to s and returns what went wrong.
func score(s *Scores, text []rune, gold, sugg side) Detail {
	s.Gold += len(gold.contents)
	s.Suggested += len(sugg.contents)
	gc, sc := contentItems(gold), contentItems(sugg)
	for _, l := range Levels() {
		s.Contents.At(l).add(count(gc, sc, l))
		s.Sources.At(l).add(count(gold.sources, sugg.sources, l))
		s.Cues.At(l).add(count(gold.cues, sugg.cues, l))
	}
	byOverlap := func(g, sg extent) bool {
		_, ok := overlap(g, sg, Overlap30)
		return ok
	}
	var d Detail
	m := match(extents(gc), extents(sc), Overlap30)
	matched := make([]bool, len(sc))
	for i, j := range m {
		ga := gold.contents[i]
		if j < 0 {
			d.Missed = append(d.Missed, ga.content.text)
			continue
		}
		matched[j] = true
		sa := sugg.contents[j]
		for _, f := range []struct {
			acc, head  *Accuracy
			headOf     func(string) []string
			wrong      *[]Wrong
			gold, sugg []item
			gi, si     []int
		}{
			{&s.Speaker, &s.SpeakerHead, sourceHeads, &d.Speaker, gold.sources, sugg.sources, ga.sources, sa.sources},
			{&s.Cue, &s.CueHead, cueHeads, &d.Cue, gold.cues, sugg.cues, ga.cues, sa.cues},
		} {
			if len(f.gi) == 0 {
				continue
			}
			f.acc.Total++
			f.head.Total++
			byHead := func(g, sg extent) bool { return holdsHead(text, g, sg, f.headOf) }
			head := agrees(f.gold, f.sugg, f.gi, f.si, byHead)
			if head {
				f.head.Correct++
			}
			if agrees(f.gold, f.sugg, f.gi, f.si, byOverlap) {
				f.acc.Correct++
				continue
			}
			*f.wrong = append(*f.wrong, Wrong{Content: ga.content.text, Gold: texts(f.gold, f.gi), Suggested: texts(f.sugg, f.si), HeadAgrees: head})
		}
	}
	for j, ok := range matched {
		if !ok {
			d.Spurious = append(d.Spurious, Spurious{Text: sc[j].text, Rule: sc[j].rule})
		}
	}
	return d
}

// agrees reports whether one of the suggested items si and one of the gold
// items gi are the same by same.
func agrees(gold, sugg []item, gi, si []int, same func(gold, sugg extent) bool) bool {
	for _, g := range gi {
		for _, s := range si {
			if same(gold[g].x, sugg[s].x) {
				return true
			}
		}
	}
	return false
}

func texts(items []item, idx []int) []string {
	out := make([]string, 0, len(idx))
	for _, i := range idx {
		out = append(out, items[i].text)
	}
	return out
}

func contentItems(s side) []item {
	out := make([]item, len(s.contents))
	for i, a := range s.contents {
		out[i] = a.content
	}
	return out
}

// direct returns the side's direct contents with the sources and cues they
// take.
func (s side) direct() side {
	var out side
	srcAt, cueAt := map[int]int{}, map[int]int{}
	keep := func(items []item, at map[int]int, into *[]item, i int) int {
		if n, ok := at[i]; ok {
			return n
		}
		at[i] = len(*into)
		*into = append(*into, items[i])
		return at[i]
	}
	for _, a := range s.contents {
		if !a.direct {
			continue
		}
		b := attribution{content: a.content, direct: true}
		for _, i := range a.sources {
			b.sources = append(b.sources, keep(s.sources, srcAt, &out.sources, i))
		}
		for _, i := range a.cues {
			b.cues = append(b.cues, keep(s.cues, cueAt, &out.cues, i))
		}
		out.contents = append(out.contents, b)
	}
	return out
}

// kinds returns the kinds of a's gold annotations under labels.
func (a Article) kinds(labels annotation.LabelSet) []annotation.Kind {
	out := make([]annotation.Kind, len(a.Annotations))
	for i, an := range a.Annotations {
		out[i] = LabelKind(labels, an.Label)
	}
	return out
}
