package bench

import (
	"math/rand"
	"slices"

	"glossa/annotation"
)

// Annotators are the names Layers gives by default.
var Annotators = []string{"maria", "kwame", "yuki"}

// Layers returns, for a document and its annotations (as Each gives
// them), one layer per annotator: the annotations as that annotator might
// have made them, drawn from seed, the document and the annotator's place
// in the list, so that the same arguments give the same layers. Each
// annotator, independently, drops an annotation (1 in 12), gives an entity
// another entity label (1 in 20), moves its first or last edge by up to
// four code points (1 in 5), turns a claim's check-worthiness (1 in 10),
// and marks a word nobody else did as a Person (1 in 20 annotations).
// Links to a dropped annotation go with it; spans keep their text; every
// annotation is the annotator's (Author). Layers are as the store accepts
// them (Annotation.Validate with the default labels).
func Layers(b annotation.Bundle, annotators []string, seed int64) map[string][]annotation.Annotation {
	o := annotation.NewOffsets(b.Document.Text)
	n := o.Len()
	words := wordBounds(b.Document.Text)
	var entities []string
	for _, l := range annotation.DefaultLabelSet().OfKind(annotation.KindEntity) {
		entities = append(entities, l.Name)
	}
	next := uint64(0)
	for _, a := range b.Annotations {
		next = max(next, a.ID)
	}
	out := make(map[string][]annotation.Annotation, len(annotators))
	for k, who := range annotators {
		rng := rand.New(rand.NewSource(seed*7919 + int64(b.Document.ID)*131 + int64(k)))
		kept := map[uint64]bool{}
		var layer []annotation.Annotation
		for _, src := range b.Annotations {
			if rng.Intn(12) == 0 {
				continue
			}
			a := src.Clone()
			a.Author = who
			if rng.Intn(20) == 0 && slices.Contains(entities, a.Label) {
				a.Label = pick(rng, entities)
			}
			if rng.Intn(5) == 0 {
				first, last := &a.Spans[0], &a.Spans[len(a.Spans)-1]
				if rng.Intn(2) == 0 {
					first.Start = min(max(first.Start+rng.Intn(9)-4, 0), first.End-1)
				} else {
					last.End = max(min(last.End+rng.Intn(9)-4, n), last.Start+1)
				}
			}
			if v, ok := a.Attributes[annotation.AttrCheckWorthy]; ok && rng.Intn(10) == 0 {
				a.Attributes[annotation.AttrCheckWorthy] = map[string]string{"yes": "no", "no": "yes"}[v]
			}
			for i := range a.Spans {
				a.Spans[i].Text = o.Slice(a.Spans[i].Start, a.Spans[i].End)
			}
			kept[a.ID] = true
			layer = append(layer, a)
			if len(words) > 0 && rng.Intn(20) == 0 {
				next++
				w := words[rng.Intn(len(words))]
				layer = append(layer, annotation.Annotation{ID: next, DocID: b.Document.ID, Label: "Person", Author: who,
					Spans:   []annotation.Span{{Start: w[0], End: w[1], Text: o.Slice(w[0], w[1])}},
					Created: src.Created, Modified: src.Modified})
			}
		}
		for i := range layer {
			links := layer[i].Links[:0]
			for _, l := range layer[i].Links {
				if kept[l.Target] {
					links = append(links, l)
				}
			}
			layer[i].Links = links
		}
		out[who] = layer
	}
	return out
}
