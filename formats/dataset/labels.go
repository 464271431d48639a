package dataset

import (
	"strings"

	"glossa/annotation"
)

// InferKind guesses a label's kind from its name where it is obvious:
// Content, Quote, Claim, Statement -> claim; Source, Speaker -> source;
// the usual named-entity names (Person, PER, ORG, LOC, GPE, Date, ...) ->
// entity; anything else -> other.
func InferKind(name string) annotation.Kind {
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.NewReplacer("_", " ", "-", " ").Replace(n)
	switch n {
	case "content", "quote", "quotation", "claim", "statement", "assertion":
		return annotation.KindClaim
	case "source", "speaker", "author", "attributor", "sayer":
		return annotation.KindSource
	case "cue", "attribution cue", "reporting verb", "speech verb":
		return annotation.KindCue
	case "person", "per", "persons", "people", "organisation", "organization", "org",
		"location", "loc", "gpe", "place", "date", "time", "event", "misc", "entity",
		"norp", "facility", "fac", "product", "work of art", "law", "language",
		"money", "percent", "quantity":
		return annotation.KindEntity
	}
	return annotation.KindOther
}

// palette gives imported labels distinct colours, in order.
var palette = [...]string{
	"#e6a700", "#2f80ed", "#27ae60", "#9b51e0", "#eb5757", "#00a3a3",
	"#f2994a", "#828282", "#d35400", "#16a085", "#8e44ad", "#c0392b",
}

// Labels collects the labels a file uses, in order of first use: those the
// file declares (brat's annotation.conf) and those only its annotations
// name, whose kind is inferred.
type Labels struct {
	set      annotation.LabelSet
	inferred []string
}

// Declare adds a label the file defines. A second declaration of a name is
// ignored.
func (l *Labels) Declare(lab annotation.Label) {
	if _, ok := l.set.Find(lab.Name); ok {
		return
	}
	if lab.Color == "" {
		lab.Color = palette[len(l.set.Labels)%len(palette)]
	}
	if !lab.Kind.Valid() {
		lab.Kind = InferKind(lab.Name)
	}
	lab.Key = ""
	l.set.Labels = append(l.set.Labels, lab)
}

// Use records that an annotation carries label name; a label not declared
// yet is added with an inferred kind.
func (l *Labels) Use(name string) {
	if _, ok := l.set.Find(name); ok {
		return
	}
	l.Declare(annotation.Label{Name: name, Kind: InferKind(name)})
	l.inferred = append(l.inferred, name)
}

// Set returns the collected label set.
func (l *Labels) Set() annotation.LabelSet { return l.set }

// Inferred returns the labels whose kind was inferred from their name.
func (l *Labels) Inferred() []string { return l.inferred }

// MergeLabels returns project with every label of ds that it lacks added at
// the end, and sets r.NewLabels to the names added; a label both have
// offers what ds's defines too, and every label offers the values ds's
// annotations give its listed attributes, so the project's forms show each
// imported value (annotation.LabelSet's Merge and AdmitValues); the
// relation types ds's links use that project lacks are added too
// (AdmitRelations), so that the store takes the links. project is
// not changed.
func MergeLabels(project annotation.LabelSet, ds Dataset, r *Report) annotation.LabelSet {
	out, added := project.Merge(ds.Labels)
	r.NewLabels = added
	for _, b := range ds.Bundles {
		out.AdmitValues(b.Annotations)
		out.AdmitRelations(b.Annotations)
	}
	return out
}

// RelationType is the link type another tool's relation name stands for:
// the Glossa link type it names (annotation.ParseLinkType: "SaidBy" is
// said_by), else the name itself, trimmed, which MergeLabels adds to the
// project as a relation type of its own, so that an export writes it back
// (brat -> Glossa -> brat keeps every relation name). A blank name is
// related.
func RelationType(name string) annotation.LinkType {
	if t, ok := annotation.ParseLinkType(name); ok {
		return t
	}
	if n := strings.TrimSpace(name); n != "" {
		return annotation.LinkType(n)
	}
	return annotation.LinkOther
}
