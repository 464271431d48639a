package session

// A stand-in for suggest.Pending and suggest.OptionsFor (branch
// issue-20cli), to be replaced by them once merged.

import (
	"slices"

	"glossa/annotation"
	"glossa/suggest"
)

func optionsFor(labels annotation.LabelSet, entities []annotation.Entity) suggest.Options {
	return suggest.Options{Labels: suggest.LabelsFrom(labels), Verbs: labels.Verbs, Entities: entities}
}

func pending(docID uint64, sugs []suggest.Suggestion, existing []annotation.Annotation, labels annotation.LabelSet) []annotation.Annotation {
	out := make([]annotation.Annotation, 0, len(sugs))
	keep := make([]bool, len(sugs))
	for i, sg := range sugs {
		if _, ok := labels.Find(sg.Label); !ok {
			continue
		}
		keep[i] = !slices.ContainsFunc(existing, func(a annotation.Annotation) bool {
			return a.Label == sg.Label && slices.Equal(a.Spans, sg.Spans)
		})
	}
	for i, sg := range sugs {
		if !keep[i] {
			continue
		}
		a := annotation.Annotation{ID: annotation.NewIDBase + uint64(i), DocID: docID, Label: sg.Label, Spans: slices.Clone(sg.Spans),
			Entity: sg.Entity, Provenance: annotation.Provenance{Origin: annotation.OriginSuggested, Rule: sg.Rule,
				Confidence: sg.Confidence, Review: annotation.ReviewPending}}
		for _, l := range sg.Links {
			if keep[l.Target] {
				a.Links = append(a.Links, annotation.Link{Type: l.Type, Target: annotation.NewIDBase + uint64(l.Target)})
			}
		}
		if sg.Antecedent >= 0 && keep[sg.Antecedent] {
			a.Links = append(a.Links, annotation.Link{Type: annotation.LinkIs, Target: annotation.NewIDBase + uint64(sg.Antecedent)})
		}
		out = append(out, a)
	}
	return out
}
