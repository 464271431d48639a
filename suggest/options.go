package suggest

import "glossa/annotation"

// OptionsFor returns the options a project's suggestions are made with:
// labels named after its codebook (LabelsFrom), the reporting verbs the
// codebook adds to the lexicon, and its entity registry, whose names and
// aliases are looked for in every article.
func OptionsFor(labels annotation.LabelSet, entities []annotation.Entity) Options {
	return Options{Labels: LabelsFrom(labels), Verbs: labels.Verbs, Entities: entities}
}
