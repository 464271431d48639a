package eval

import (
	"slices"
	"strings"

	"glossa/annotation"
	"glossa/formats/dataset"
	"glossa/suggest"
)

// LabelKind is the kind of the label called name in set: the kind set
// gives it when that is claim, source, cue or entity; else (a label of
// kind other, or one set lacks) the kind its name says, letter case, '_'
// and '-' ignored: dataset.InferKind's names (Content, Claim, Quote,
// Statement, Source, Speaker, Person, ORG, ...) and the names of cues
// (Cue, Cues, Cue word, Trigger, Reporting verb, Attribution cue).
func LabelKind(set annotation.LabelSet, name string) annotation.Kind {
	if l, ok := set.Find(name); ok && l.Kind != annotation.KindOther && l.Kind.Valid() {
		return l.Kind
	}
	if l, ok := findFold(set, name); ok && l.Kind != annotation.KindOther && l.Kind.Valid() {
		return l.Kind
	}
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.NewReplacer("_", " ", "-", " ").Replace(n)
	switch n {
	case "cue", "cues", "cue word", "trigger", "reporting verb", "attribution cue":
		return annotation.KindCue
	}
	return dataset.InferKind(name)
}

// findFold finds a label by name, letter case ignored.
func findFold(set annotation.LabelSet, name string) (annotation.Label, bool) {
	for _, l := range set.Labels {
		if strings.EqualFold(l.Name, name) {
			return l, true
		}
	}
	return annotation.Label{}, false
}

// Prediction is what was suggested for one article: annotations (ids,
// spans, links; suggestions are annotations) and the kind of each.
type Prediction struct {
	Annotations []annotation.Annotation
	Kinds       []annotation.Kind // parallel to Annotations
}

// FromSuggestions turns suggest.Text's result into a Prediction: index
// links become links between ids (index + 1), kinds are the suggester's.
func FromSuggestions(sugs []suggest.Suggestion) Prediction {
	p := Prediction{Annotations: make([]annotation.Annotation, len(sugs)), Kinds: make([]annotation.Kind, len(sugs))}
	for i, s := range sugs {
		a := annotation.Annotation{ID: uint64(i + 1), Label: s.Label, Spans: s.Spans, Entity: s.Entity,
			Provenance: annotation.Provenance{Origin: annotation.OriginSuggested, Rule: s.Rule, Confidence: s.Confidence, Review: annotation.ReviewPending}}
		for _, l := range s.Links {
			a.Links = append(a.Links, annotation.Link{Type: l.Type, Target: uint64(l.Target + 1)})
		}
		p.Annotations[i], p.Kinds[i] = a, s.Kind
	}
	return p
}

// FromProject picks what a project holds as suggestions for one article:
// its pending suggestions, its annotations whose Provenance.Origin is
// suggested (accepted), and the annotations those link to as source or cue
// (a suggestion whose source equals an annotation already there is linked
// to that one), kinds read from the project's codebook (LabelKind).
func FromProject(labels annotation.LabelSet, annotations, pending []annotation.Annotation) Prediction {
	var p Prediction
	byID := map[uint64]int{}
	add := func(a annotation.Annotation) {
		if _, ok := byID[a.ID]; ok {
			return
		}
		byID[a.ID] = len(p.Annotations)
		p.Annotations = append(p.Annotations, a)
		p.Kinds = append(p.Kinds, LabelKind(labels, a.Label))
	}
	for _, a := range pending {
		add(a)
	}
	for _, a := range annotations {
		if a.Provenance.Origin == annotation.OriginSuggested {
			add(a)
		}
	}
	all := map[uint64]annotation.Annotation{}
	for _, a := range annotations {
		all[a.ID] = a
	}
	for i := 0; i < len(p.Annotations); i++ {
		if p.Kinds[i] != annotation.KindClaim {
			continue
		}
		for _, l := range p.Annotations[i].Links {
			if t, ok := all[l.Target]; ok && (l.Type == annotation.LinkSaidBy || l.Type == annotation.LinkCue) {
				add(t)
			}
		}
	}
	return p
}

// item is one annotation as scored: its extent in the text and, for the
// annotation it came from, the text of its spans and its rule.
type item struct {
	x     extent
	text  string
	rule  string
	index int // into the side's annotations
}

// attribution is a content with the indexes (into side.sources and
// side.cues) of its sources and cues.
type attribution struct {
	content item
	direct  bool
	sources []int
	cues    []int
}

// side is one side of the comparison (gold or suggested) on one article.
type side struct {
	contents []attribution
	sources  []item
	cues     []item
	entities []item
}

// newSide reads attributions out of anns, kinds[i] being the kind of
// anns[i] (the package doc says how).
func newSide(text []rune, anns []annotation.Annotation, kinds []annotation.Kind) side {
	byID := make(map[uint64]int, len(anns))
	for i, a := range anns {
		byID[a.ID] = i
	}
	// joined[i]: the annotations linked to or from anns[i], with the link.
	type join struct {
		other int
		typ   annotation.LinkType
		out   bool // anns[i] is the link's source
	}
	joined := make([][]join, len(anns))
	for i, a := range anns {
		for _, l := range a.Links {
			j, ok := byID[l.Target]
			if !ok || j == i {
				continue
			}
			joined[i] = append(joined[i], join{j, l.Type, true})
			joined[j] = append(joined[j], join{i, l.Type, false})
		}
	}
	// by: the annotations joined to i that serve as its want (source or
	// cue): the targets of i's links of type lt, and those of kind want
	// joined either way.
	by := func(i int, lt annotation.LinkType, want annotation.Kind) []int {
		var out []int
		for _, j := range joined[i] {
			if (j.out && j.typ == lt || kinds[j.other] == want) && !slices.Contains(out, j.other) {
				out = append(out, j.other)
			}
		}
		return out
	}
	var s side
	groups := map[annotation.Kind]*[]item{annotation.KindSource: &s.sources, annotation.KindCue: &s.cues, annotation.KindEntity: &s.entities}
	at := map[annotation.Kind]map[int]int{annotation.KindSource: {}, annotation.KindCue: {}, annotation.KindEntity: {}}
	// put adds anns[i] to group k once (an annotation of the same extent
	// already there stands for it) and returns its index in the group.
	put := func(k annotation.Kind, i int) int {
		if n, ok := at[k][i]; ok {
			return n
		}
		it := newItem(text, anns[i], i)
		g := groups[k]
		n := slices.IndexFunc(*g, func(o item) bool { return slices.Equal(o.x, it.x) })
		if n < 0 {
			n = len(*g)
			*g = append(*g, it)
		}
		at[k][i] = n
		return n
	}
	for i, k := range kinds {
		if _, ok := groups[k]; ok {
			put(k, i)
		}
	}
	for i, k := range kinds {
		if k != annotation.KindClaim {
			continue
		}
		a := attribution{content: newItem(text, anns[i], i), direct: Direct(text, anns[i].Spans)}
		cues := by(i, annotation.LinkCue, annotation.KindCue)
		srcs := by(i, annotation.LinkSaidBy, annotation.KindSource)
		if len(srcs) == 0 {
			for _, q := range cues {
				srcs = append(srcs, by(q, annotation.LinkSaidBy, annotation.KindSource)...)
			}
		}
		for _, j := range srcs {
			if kinds[j] != annotation.KindClaim {
				a.sources = appendNew(a.sources, put(annotation.KindSource, j))
			}
		}
		for _, j := range cues {
			if kinds[j] != annotation.KindClaim {
				a.cues = appendNew(a.cues, put(annotation.KindCue, j))
			}
		}
		s.contents = append(s.contents, a)
	}
	return s
}

func appendNew(s []int, v int) []int {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

func newItem(text []rune, a annotation.Annotation, i int) item {
	var parts []string
	for _, sp := range a.Spans {
		if sp.Start >= 0 && sp.Start < sp.End && sp.End <= len(text) {
			parts = append(parts, string(text[sp.Start:sp.End]))
		}
	}
	return item{x: extentOf(text, a.Spans), text: strings.Join(parts, " … "), rule: a.Provenance.Rule, index: i}
}
