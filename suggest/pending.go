package suggest

import (
	"math"
	"slices"

	"glossa/annotation"
)

// Pending turns what Text found in document docID into the pending
// annotations a store keeps apart from the annotations (SetSuggestions):
// suggestion i gets the local id annotation.NewIDBase+i, its index links
// become links to those ids, its Antecedent a Link of type is, and its
// Provenance says suggested, by which rule, how sure (to three decimals),
// review pending.
//
// existing are the document's annotations, read with labels (the
// codebook) to know each one's kind. What the annotator has tagged is not
// proposed again:
//   - a claim overlapping an annotated claim by at least half of the
//     shorter of the two is dropped (the annotator drew its bounds);
//   - an entity with the spans of an annotated entity is dropped;
//   - a source or cue with the spans of an annotated source or cue is
//     that annotation: it is not proposed, and the claims that link to it
//     link to the annotation's id instead.
//
// Then a source or cue that no remaining claim links to (directly, or
// through the is link of a pronoun source) is dropped: without its claim
// it is no attribution. Entities stay on their own. So does a suggestion
// whose label the codebook lacks (a project without a cue label gets no
// cues) leave with its links, and a link of a type the codebook lacks is
// left out.
func Pending(docID uint64, sugs []Suggestion, existing []annotation.Annotation, labels annotation.LabelSet) []annotation.Annotation {
	kinds := make(map[string]annotation.Kind, len(labels.Labels))
	for _, l := range labels.Labels {
		kinds[l.Name] = l.Kind
	}
	byKind := map[annotation.Kind][]annotation.Annotation{}
	for _, a := range existing {
		if k, ok := kinds[a.Label]; ok {
			byKind[k] = append(byKind[k], a)
		}
	}

	// target[i] is what a link to suggestion i points to: its own local
	// id, an annotation's id, or 0 when it is dropped.
	target := make([]uint64, len(sugs))
	for i, s := range sugs {
		k, ok := kinds[s.Label]
		if !ok || len(s.Spans) == 0 {
			continue
		}
		target[i] = annotation.NewIDBase + uint64(i)
		switch k {
		case annotation.KindClaim:
			if slices.ContainsFunc(byKind[k], func(a annotation.Annotation) bool { return annotation.MostlyOverlap(s.Spans, a.Spans) }) {
				target[i] = 0
			}
		case annotation.KindEntity:
			if slices.ContainsFunc(byKind[k], func(a annotation.Annotation) bool { return sameSpans(s.Spans, a.Spans) }) {
				target[i] = 0
			}
		case annotation.KindSource, annotation.KindCue:
			if at := slices.IndexFunc(byKind[k], func(a annotation.Annotation) bool { return sameSpans(s.Spans, a.Spans) }); at >= 0 {
				target[i] = byKind[k][at].ID
			}
		}
	}
	isLocal := func(id uint64) bool { return id >= annotation.NewIDBase }

	links := make([][]annotation.Link, len(sugs))
	for i, s := range sugs {
		if !isLocal(target[i]) {
			continue
		}
		add := func(t annotation.LinkType, j int) {
			if j < 0 || j >= len(sugs) || j == i || target[j] == 0 {
				return
			}
			if _, ok := labels.Relation(string(t)); !ok {
				return
			}
			l := annotation.Link{Type: t, Target: target[j]}
			if !slices.Contains(links[i], l) {
				links[i] = append(links[i], l)
			}
		}
		for _, l := range s.Links {
			add(l.Type, l.Target)
		}
		if s.Antecedent >= 0 {
			add(annotation.LinkIs, s.Antecedent)
		}
	}

	// Keep claims, entities and what claims reach; drop the rest.
	keep := make([]bool, len(sugs))
	var reach []int
	for i, s := range sugs {
		if !isLocal(target[i]) {
			continue
		}
		if k := kinds[s.Label]; k != annotation.KindSource && k != annotation.KindCue {
			keep[i] = true
			reach = append(reach, i)
		}
	}
	for len(reach) > 0 {
		i := reach[len(reach)-1]
		reach = reach[:len(reach)-1]
		for _, l := range links[i] {
			if j := int(l.Target - annotation.NewIDBase); isLocal(l.Target) && !keep[j] {
				keep[j] = true
				reach = append(reach, j)
			}
		}
	}

	var out []annotation.Annotation
	for i, s := range sugs {
		if !keep[i] {
			continue
		}
		ls := slices.DeleteFunc(links[i], func(l annotation.Link) bool {
			return isLocal(l.Target) && !keep[l.Target-annotation.NewIDBase]
		})
		if len(ls) == 0 {
			ls = nil
		}
		out = append(out, annotation.Annotation{
			ID:     target[i],
			DocID:  docID,
			Label:  s.Label,
			Spans:  slices.Clone(s.Spans),
			Entity: s.Entity,
			Links:  ls,
			Provenance: annotation.Provenance{
				Origin:     annotation.OriginSuggested,
				Rule:       s.Rule,
				Confidence: math.Round(s.Confidence*1000) / 1000, // 0.75×0.8 is 0.6000000000000001
				Review:     annotation.ReviewPending,
			},
		})
	}
	return out
}

// sameSpans reports whether a and b cover the same stretches of text.
func sameSpans(a, b []annotation.Span) bool {
	return slices.EqualFunc(a, b, func(x, y annotation.Span) bool { return x.Start == y.Start && x.End == y.End })
}
