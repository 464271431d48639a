package annotation

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Kind is what a label marks: a claim, a source of a claim, an entity, a
// cue (the reporting verb of an attribution: "said", "according to"), or
// something else (for labels imported from other tools).
type Kind string

// The kinds of label.
const (
	KindClaim  Kind = "claim"
	KindSource Kind = "source"
	KindEntity Kind = "entity"
	KindCue    Kind = "cue"
	KindOther  Kind = "other"
)

// Kinds lists every kind in display order.
var kinds = [...]Kind{KindClaim, KindSource, KindEntity, KindCue, KindOther}

// Kinds returns every kind in display order.
func Kinds() []Kind { return kinds[:] }

// Valid reports whether k is one of the defined kinds.
func (k Kind) Valid() bool {
	for _, v := range kinds {
		if k == v {
			return true
		}
	}
	return false
}

// AttributeDef is an attribute a label offers. An empty Values list means
// free text.
type AttributeDef struct {
	Name    string   `json:"name"`
	Values  []string `json:"values,omitempty"`
	Default string   `json:"default,omitempty"`
}

// Allows reports whether v is an allowed value of the attribute.
func (d AttributeDef) Allows(v string) bool {
	if len(d.Values) == 0 {
		return true
	}
	for _, a := range d.Values {
		if a == v {
			return true
		}
	}
	return false
}

// Label is one tag of the label set.
type Label struct {
	Name        string         `json:"name"`
	Kind        Kind           `json:"kind"`
	Color       string         `json:"color"`         // #rrggbb
	Key         string         `json:"key,omitempty"` // the tagging shortcut: a digit or a letter a-z (ValidKey)
	Description string         `json:"description,omitempty"`
	Attributes  []AttributeDef `json:"attributes,omitempty"`
}

// Attribute returns the attribute definition called name.
func (l Label) Attribute(name string) (AttributeDef, bool) {
	for _, a := range l.Attributes {
		if a.Name == name {
			return a, true
		}
	}
	return AttributeDef{}, false
}

// LabelSet is a project's codebook: its labels in display order, the
// relation types its links may have, its guidelines, and the reporting
// verbs it adds to the suggester's.
type LabelSet struct {
	Labels []Label `json:"labels"`
	// Relations are the project's relation types, in display order. nil
	// (a project or file from before relation types could be edited)
	// stands for DefaultRelationTypes; an empty, non-nil list for none:
	// use RelationTypes to read them.
	Relations []RelationType `json:"relations,omitzero"`
	// Guidelines is the project's annotation guidelines, Markdown.
	Guidelines string `json:"guidelines,omitempty"`
	// Verbs are reporting verbs the project adds to the suggester's
	// built-in lexicon, each form written out ("opine", "opined",
	// "opines"), lower case, one word each, each once (ValidVerb).
	Verbs []string `json:"verbs,omitempty"`
}

// Find returns the label called name.
func (s LabelSet) Find(name string) (Label, bool) {
	for _, l := range s.Labels {
		if l.Name == name {
			return l, true
		}
	}
	return Label{}, false
}

// ByKey returns the label whose shortcut key is key.
func (s LabelSet) ByKey(key string) (Label, bool) {
	for _, l := range s.Labels {
		if l.Key != "" && l.Key == key {
			return l, true
		}
	}
	return Label{}, false
}

// OfKind returns the labels of kind k, in order.
func (s LabelSet) OfKind(k Kind) []Label {
	var out []Label
	for _, l := range s.Labels {
		if l.Kind == k {
			out = append(out, l)
		}
	}
	return out
}

// Clone returns a copy of s that shares no slice with it.
func (s LabelSet) Clone() LabelSet {
	out := LabelSet{Labels: slices.Clone(s.Labels), Relations: slices.Clone(s.Relations), Guidelines: s.Guidelines, Verbs: slices.Clone(s.Verbs)}
	for i := range out.Relations {
		r := &out.Relations[i]
		r.From, r.To = slices.Clone(r.From), slices.Clone(r.To)
	}
	for i := range out.Labels {
		l := &out.Labels[i]
		l.Attributes = slices.Clone(l.Attributes)
		for j := range l.Attributes {
			l.Attributes[j].Values = slices.Clone(l.Attributes[j].Values)
		}
	}
	return out
}

// Merge returns s with the labels of more it lacks (by name) appended,
// each keeping its shortcut key only where s does not use it and it is a
// valid key (ValidKey), and each
// label both have offering what more's defines too (AddAttribute); the
// relation types of more that s lacks are appended too, and more's
// guidelines are taken when s has none, and more's reporting verbs that s
// lacks are appended to s's. It returns the merged set and the
// names of the labels added; s is not changed.
func (s LabelSet) Merge(more LabelSet) (LabelSet, []string) {
	out := s.Clone()
	var added []string
	for _, l := range more.Clone().Labels {
		if out.label(l.Name) != nil {
			for _, a := range l.Attributes {
				out.AddAttribute(l.Name, a)
			}
			continue
		}
		if _, taken := out.ByKey(l.Key); taken || !ValidKey(l.Key) {
			l.Key = ""
		}
		out.Labels = append(out.Labels, l)
		added = append(added, l.Name)
	}
	if more.Relations != nil {
		for _, r := range more.Clone().Relations {
			out.AddRelation(r)
		}
	}
	if strings.TrimSpace(out.Guidelines) == "" {
		out.Guidelines = more.Guidelines
	}
	out.Verbs = unionVerbs(out.Verbs, more.Verbs)
	return out, added
}

// AddAttribute makes the label called label offer the attribute def: def is
// added when the label lacks an attribute of that name; when both list
// values, the values of def the label's list lacks are appended (a free
// text attribute takes any value already). A label s lacks is left alone.
// It reports whether s changed. s's slices are changed in place: call it
// on a Clone.
func (s LabelSet) AddAttribute(label string, def AttributeDef) bool {
	l := s.label(label)
	if l == nil {
		return false
	}
	j := slices.IndexFunc(l.Attributes, func(a AttributeDef) bool { return a.Name == def.Name })
	if j < 0 {
		def.Values = slices.Clone(def.Values)
		l.Attributes = append(l.Attributes, def)
		return true
	}
	have := &l.Attributes[j]
	if len(have.Values) == 0 {
		return false
	}
	changed := false
	for _, v := range def.Values {
		if !slices.Contains(have.Values, v) {
			have.Values = append(have.Values, v)
			changed = true
		}
	}
	return changed
}

// AdmitValues makes each label offer what anns hold: values a listed
// attribute lacks are appended (an imported dataset's "partly false" where
// the project lists "false" and "mostly false"), and an attribute the label
// does not define is added with the values met, in the order met, so that
// the codebook holds every attribute its annotations use (Check reports
// one it lacks). It reports whether s changed; call it on a Clone.
func (s LabelSet) AdmitValues(anns []Annotation) bool {
	changed := false
	for _, a := range anns {
		l := s.label(a.Label)
		if l == nil {
			continue
		}
		for _, name := range slices.Sorted(maps.Keys(a.Attributes)) {
			v := a.Attributes[name]
			if def, ok := l.Attribute(name); v != "" && (!ok || !def.Allows(v)) {
				changed = s.AddAttribute(a.Label, AttributeDef{Name: name, Values: []string{v}}) || changed
			}
		}
	}
	return changed
}

// label returns the label called name in place, or nil.
func (s LabelSet) label(name string) *Label {
	if i := slices.IndexFunc(s.Labels, func(l Label) bool { return l.Name == name }); i >= 0 {
		return &s.Labels[i]
	}
	return nil
}

// Validate checks the codebook: every label has a name, a known kind, a
// #rrggbb colour, a valid key (ValidKey) and valid attributes (a name
// each, unique within the label, and a default its list allows); names
// and keys are unique within the set; and every relation type is valid
// (RelationType.Validate) with a name no other has.
func (s LabelSet) Validate() error {
	names := map[string]bool{}
	keys := map[string]string{}
	for i, l := range s.Labels {
		switch {
		case strings.TrimSpace(l.Name) == "":
			return fmt.Errorf("label %d has no name: %w", i+1, ErrBadLabel)
		case names[l.Name]:
			return fmt.Errorf("label %q is defined twice: %w", l.Name, ErrBadLabel)
		case !l.Kind.Valid():
			return fmt.Errorf("label %q has kind %q: %w", l.Name, l.Kind, ErrBadLabel)
		case !validColor(l.Color):
			return fmt.Errorf("label %q has colour %q, want #rrggbb: %w", l.Name, l.Color, ErrBadLabel)
		case !ValidKey(l.Key):
			return fmt.Errorf("label %q has key %q; a key is one digit or one letter a-z: %w", l.Name, l.Key, ErrBadLabel)
		}
		if l.Key != "" {
			if other, ok := keys[l.Key]; ok {
				return fmt.Errorf("labels %q and %q share the key %q: %w", other, l.Name, l.Key, ErrBadLabel)
			}
			keys[l.Key] = l.Name
		}
		if err := l.validateAttributes(); err != nil {
			return err
		}
		names[l.Name] = true
	}
	rels := map[string]bool{}
	for _, r := range s.RelationTypes() {
		if err := r.Validate(); err != nil {
			return err
		}
		if rels[r.Name] {
			return fmt.Errorf("relation type %q is defined twice: %w", r.Name, ErrBadLabel)
		}
		rels[r.Name] = true
	}
	return validateVerbs(s.Verbs)
}

// validateAttributes checks l's attribute definitions.
func (l Label) validateAttributes() error {
	seen := map[string]bool{}
	for i, a := range l.Attributes {
		switch {
		case strings.TrimSpace(a.Name) == "":
			return fmt.Errorf("label %q: attribute %d has no name: %w", l.Name, i+1, ErrBadLabel)
		case seen[a.Name]:
			return fmt.Errorf("label %q: attribute %q is defined twice: %w", l.Name, a.Name, ErrBadLabel)
		case a.Default != "" && !a.Allows(a.Default):
			return fmt.Errorf("label %q: attribute %q has the default %q, which is not one of its values: %w", l.Name, a.Name, a.Default, ErrBadLabel)
		}
		seen[a.Name] = true
	}
	return nil
}

func validColor(c string) bool {
	_, _, _, ok := ParseColor(c)
	return ok
}

// ParseColor reads a label's colour, "#rrggbb" (either case), into its
// red, green and blue; ok is false for anything else. The window, the
// charts and the graph draw labels with it.
func ParseColor(c string) (r, g, b uint8, ok bool) {
	if len(c) != 7 || c[0] != '#' {
		return 0, 0, 0, false
	}
	var v [3]uint8
	for i := range v {
		hi, ok1 := hexDigit(c[1+2*i])
		lo, ok2 := hexDigit(c[2+2*i])
		if !ok1 || !ok2 {
			return 0, 0, 0, false
		}
		v[i] = hi<<4 | lo
	}
	return v[0], v[1], v[2], true
}

func hexDigit(c byte) (uint8, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// Attribute names used by the default label set.
const (
	AttrCheckWorthy = "check-worthy"
	AttrVerdict     = "verdict"
	AttrSourceType  = "source type"
	AttrCue         = "cue"
)

// DefaultLabelSet is the tagset a new project starts with.
func DefaultLabelSet() LabelSet {
	return LabelSet{Labels: []Label{
		{Name: "Claim", Kind: KindClaim, Color: "#e6a700", Key: "1",
			Description: "A statement that can be checked: what was said or asserted.",
			Attributes: []AttributeDef{
				{Name: AttrCheckWorthy, Values: []string{"yes", "no"}},
				{Name: AttrVerdict, Values: []string{"true", "mostly true", "mixed", "mostly false", "false", "unverifiable"}},
			}},
		{Name: "Source", Kind: KindSource, Color: "#2f80ed", Key: "2",
			Description: "Who says it: the speaker or origin of a quote or attribution.",
			Attributes: []AttributeDef{
				{Name: AttrSourceType, Values: []string{"named", "anonymous", "document", "outlet"}, Default: "named"},
			}},
		{Name: "Person", Kind: KindEntity, Color: "#27ae60", Key: "3"},
		{Name: "Organisation", Kind: KindEntity, Color: "#9b51e0", Key: "4"},
		{Name: "Location", Kind: KindEntity, Color: "#eb5757", Key: "5"},
		{Name: "Date", Kind: KindEntity, Color: "#00a3a3", Key: "6"},
		{Name: "Event", Kind: KindEntity, Color: "#f2994a", Key: "7"},
		{Name: "Other", Kind: KindEntity, Color: "#828282", Key: "8"},
	}}
}
