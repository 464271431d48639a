package annotation

import (
	"fmt"
	"slices"
	"strings"
)

// RelationType is one type of link of a project's codebook: its name (the
// link's Type), the kinds of label a link of it goes from and to (empty:
// any kind), a #rrggbb colour ("" for the default) and a description, the
// guideline text for it. From and To say what the editor offers; the store
// checks only that a link's type is one of the codebook's.
type RelationType struct {
	Name        string `json:"name"`
	From        []Kind `json:"from,omitempty"`
	To          []Kind `json:"to,omitempty"`
	Color       string `json:"color,omitempty"`
	Description string `json:"description,omitempty"`
}

// Validate checks r: a name without white space at its ends, known kinds,
// and a #rrggbb colour or none.
func (r RelationType) Validate() error {
	switch {
	case strings.TrimSpace(r.Name) == "":
		return fmt.Errorf("a relation type has no name: %w", ErrBadLabel)
	case strings.TrimSpace(r.Name) != r.Name:
		return fmt.Errorf("relation type %q begins or ends with white space: %w", r.Name, ErrBadLabel)
	case r.Color != "" && !validColor(r.Color):
		return fmt.Errorf("relation type %q has colour %q, want #rrggbb: %w", r.Name, r.Color, ErrBadLabel)
	}
	for _, k := range slices.Concat(r.From, r.To) {
		if !k.Valid() {
			return fmt.Errorf("relation type %q names the kind %q: %w", r.Name, k, ErrBadLabel)
		}
	}
	return nil
}

// Connects reports whether a link of type r may go from a label of kind
// from to one of kind to.
func (r RelationType) Connects(from, to Kind) bool {
	return (len(r.From) == 0 || slices.Contains(r.From, from)) && (len(r.To) == 0 || slices.Contains(r.To, to))
}

// DefaultRelationTypes are the relation types of a new project, and of a
// project or dataset that stores none: the five link types Glossa has
// always had.
func DefaultRelationTypes() []RelationType {
	return []RelationType{
		{Name: string(LinkSaidBy), From: []Kind{KindClaim}, To: []Kind{KindSource}, Color: "#2f80ed",
			Description: "Who said it: a claim to its source."},
		{Name: string(LinkAbout), From: []Kind{KindClaim}, To: []Kind{KindEntity}, Color: "#27ae60",
			Description: "What a claim is about: a claim to an entity."},
		{Name: string(LinkIs), From: []Kind{KindSource}, To: []Kind{KindEntity}, Color: "#9b51e0",
			Description: "Who the source is: a source to its entity."},
		{Name: string(LinkCue), From: []Kind{KindClaim, KindSource}, Color: "#f2994a",
			Description: "The reporting verb or phrase that attributes a claim to its source."},
		{Name: string(LinkOther), Color: "#828282",
			Description: "Any other relation between two annotations."},
	}
}

// RelationTypes returns the codebook's relation types: DefaultRelationTypes
// when it stores none (Relations nil).
func (s LabelSet) RelationTypes() []RelationType {
	if s.Relations == nil {
		return DefaultRelationTypes()
	}
	return s.Relations
}

// Relation returns the relation type called name.
func (s LabelSet) Relation(name string) (RelationType, bool) {
	for _, r := range s.RelationTypes() {
		if r.Name == name {
			return r, true
		}
	}
	return RelationType{}, false
}

// AddRelation appends r unless the set has a relation type of its name; the
// defaults are made explicit first. It reports whether s changed and, as it
// sets s.Relations, works on a pointer.
func (s *LabelSet) AddRelation(r RelationType) bool {
	if _, ok := s.Relation(r.Name); ok {
		return false
	}
	if s.Relations == nil {
		s.Relations = DefaultRelationTypes()
	}
	s.Relations = append(s.Relations, r)
	return true
}

// AdmitRelations adds, as relation types from any kind to any kind, the
// link types anns use that the set lacks (the relation names of an imported
// dataset), in order of first use. It reports whether s changed.
func (s *LabelSet) AdmitRelations(anns []Annotation) bool {
	changed := false
	for _, a := range anns {
		for _, l := range a.Links {
			if strings.TrimSpace(string(l.Type)) == string(l.Type) && l.Type != "" {
				changed = s.AddRelation(RelationType{Name: string(l.Type)}) || changed
			}
		}
	}
	return changed
}

// keyOrder is the order in which labels take shortcut keys: 1 to 9, 0, then
// the letters.
const keyOrder = "1234567890abcdefghijklmnopqrstuvwxyz"

// ValidKey reports whether k can be a label's shortcut key: none (""), one
// digit, or one letter a-z.
func ValidKey(k string) bool {
	return k == "" || len(k) == 1 && strings.Contains(keyOrder, k)
}

// WithValidKeys returns s with the keys that are not valid (ValidKey), or
// that an earlier label uses, removed: a codebook from a file that Validate
// would refuse only for its keys. s is not changed.
func (s LabelSet) WithValidKeys() LabelSet {
	out := s.Clone()
	seen := map[string]bool{}
	for i, l := range out.Labels {
		if !ValidKey(l.Key) || seen[l.Key] {
			out.Labels[i].Key = ""
		}
		seen[out.Labels[i].Key] = out.Labels[i].Key != ""
	}
	return out
}

// NextKey returns the first key, in the order 1-9, 0, a-z, that no label of
// s uses; "" when every one is taken.
func (s LabelSet) NextKey() string {
	for _, r := range keyOrder {
		if _, taken := s.ByKey(string(r)); !taken {
			return string(r)
		}
	}
	return ""
}

// KeysText names the keys the labels of s take, for a person: runs of
// keys in the order 1-9, 0, a-z written as their ends ("1–8", "1–9, 0,
// a–c", "1, 3"); "" when no label has a key.
func (s LabelSet) KeysText() string {
	var parts []string
	for _, group := range []string{"123456789", "0", keyOrder[10:]} {
		run := []string{}
		flush := func() {
			switch len(run) {
			case 0:
			case 1, 2:
				parts = append(parts, run...)
			default:
				parts = append(parts, run[0]+"–"+run[len(run)-1])
			}
			run = run[:0]
		}
		for _, r := range group {
			if _, taken := s.ByKey(string(r)); taken {
				run = append(run, string(r))
			} else {
				flush()
			}
		}
		flush()
	}
	return strings.Join(parts, ", ")
}

// Template is a codebook a new project can start from.
type Template struct {
	Name        string
	Description string
	Codebook    func() LabelSet
}

// Templates returns the codebooks a new project can start from, the
// default first.
func Templates() []Template {
	return []Template{
		{"Fact-checking", "Claims, their sources and the entities they name, with verdicts and cues.", FactCheckingTemplate},
		{"Attribution", "PARC 3.0: the source, cue and content of each attribution.", AttributionTemplate},
		{"Named entities", "PER, ORG, LOC and MISC, as in CoNLL-2003.", NamedEntitiesTemplate},
		{"Empty", "No labels and no relation types: build your own.", EmptyTemplate},
	}
}

// FactCheckingTemplate is DefaultLabelSet with a Cue label, the default
// relation types made explicit, and short guidelines.
func FactCheckingTemplate() LabelSet {
	s := DefaultLabelSet()
	s.Labels = append(s.Labels, Label{Name: "Cue", Kind: KindCue, Color: "#d35400", Key: "9",
		Description: "The reporting verb or phrase that attributes a claim: said, told, according to."})
	s.Relations = DefaultRelationTypes()
	s.Guidelines = "# Fact-checking\n\nTag each checkable **claim**, its **source** (who says it) and the **cue** " +
		"that attributes it; link the claim to its source (`said_by`) and its cue (`cue`). Tag the people, " +
		"organisations, places, dates and events the article names.\n"
	return s
}

// AttributionTemplate is PARC 3.0's attribution scheme (Pareti 2016): an
// attribution relation joins a Source, a Cue and the Content attributed.
func AttributionTemplate() LabelSet {
	return LabelSet{
		Labels: []Label{
			{Name: "Source", Kind: KindSource, Color: "#2f80ed", Key: "1",
				Description: "The entity the content is attributed to: a person, a group, a document."},
			{Name: "Cue", Kind: KindCue, Color: "#d35400", Key: "2",
				Description: "The lexical anchor of the attribution: said, according to, claims, believes."},
			{Name: "Content", Kind: KindClaim, Color: "#e6a700", Key: "3",
				Description: "What is attributed: the quoted or reported content.",
				Attributes: []AttributeDef{
					{Name: "type", Values: []string{"direct", "indirect", "mixed"}},
					{Name: "factuality", Values: []string{"factual", "non-factual"}},
				}},
		},
		Relations: []RelationType{
			{Name: string(LinkSaidBy), From: []Kind{KindClaim}, To: []Kind{KindSource}, Color: "#2f80ed",
				Description: "The attribution: the content to its source."},
			{Name: string(LinkCue), From: []Kind{KindClaim, KindSource}, To: []Kind{KindCue}, Color: "#d35400",
				Description: "The attribution's cue: the content (or source) to its cue."},
		},
		Guidelines: "# Attribution (PARC 3.0)\n\nFor each attribution, tag its **Content**, its **Source** and its " +
			"**Cue**, then link the content to its source (`said_by`) and to its cue (`cue`).\n",
	}
}

// NamedEntitiesTemplate is the CoNLL-2003 entity set.
func NamedEntitiesTemplate() LabelSet {
	return LabelSet{
		Labels: []Label{
			{Name: "PER", Kind: KindEntity, Color: "#27ae60", Key: "1", Description: "A person's name."},
			{Name: "ORG", Kind: KindEntity, Color: "#9b51e0", Key: "2", Description: "An organisation: a company, an agency, a team, a party."},
			{Name: "LOC", Kind: KindEntity, Color: "#eb5757", Key: "3", Description: "A location: a country, a city, a river, a region."},
			{Name: "MISC", Kind: KindEntity, Color: "#828282", Key: "4", Description: "Any other name: nationalities, events, works, products."},
		},
		Relations: []RelationType{},
	}
}

// EmptyTemplate has no labels and no relation types.
func EmptyTemplate() LabelSet {
	return LabelSet{Labels: []Label{}, Relations: []RelationType{}}
}
