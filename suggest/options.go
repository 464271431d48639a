package suggest

import (
	"fmt"
	"hash/fnv"
	"slices"

	"glossa/annotation"
)

// OptionsFor returns the options a project's suggestions are made with:
// labels named after its codebook (LabelsFrom), the reporting verbs the
// codebook adds to the lexicon, and its entity registry, whose names and
// aliases are looked for in every article.
func OptionsFor(labels annotation.LabelSet, entities []annotation.Entity) Options {
	return Options{Labels: LabelsFrom(labels), Verbs: labels.Verbs, Entities: entities}
}

// Stamp names what a project's suggestions were made with: the rules'
// Version and, when the codebook adds reporting verbs, a digest of them
// ("2+v1a2b3c4d"). A store records it per article (Summary.Suggester); an
// article whose stamp differs from the project's is suggested for again,
// so that verbs added to the codebook take effect. The entity registry is
// left out: it grows with nearly every source tagged, and recomputing then
// would renumber the suggestions under review.
func Stamp(labels annotation.LabelSet) string {
	if len(labels.Verbs) == 0 {
		return Version
	}
	vs := slices.Clone(labels.Verbs)
	slices.Sort(vs)
	h := fnv.New32a()
	for _, v := range vs {
		h.Write([]byte(v))
		h.Write([]byte{0})
	}
	return fmt.Sprintf("%s+v%08x", Version, h.Sum32())
}
