package annotation

import (
	"fmt"
	"slices"
	"strings"
)

// MergeEdits returns the codebook edits that merge more into s, in order,
// and what of more they leave out. A merge only adds, as Merge does (whose
// result the edits reach): the labels s lacks (with their attributes; a
// shortcut key s uses, or one that is not valid, left out), the attributes
// a label of both lacks in s, the values a listed attribute lacks, the
// relation types s lacks, more's guidelines when s has none, and the
// reporting verbs s lacks (one edit setting the union). Nothing of
// s is renamed, changed or deleted: where more defines a label, attribute
// or relation type of s otherwise (another kind, colour, key, description,
// default, list or kinds), s's is kept and a note says so; so are
// guidelines that s has already. s and more are not changed.
func (s LabelSet) MergeEdits(more LabelSet) (edits []CodebookEdit, notes []string) {
	merged, _ := s.Merge(more)
	for _, l := range merged.Labels {
		have, ok := s.Find(l.Name)
		if !ok {
			edits = append(edits, CodebookEdit{Op: OpAddLabel, Def: l, At: -1})
			if m, _ := more.Find(l.Name); m.Key != "" && m.Key != l.Key {
				notes = append(notes, fmt.Sprintf("label %s: the key %q is taken or not valid; added without a key", l.Name, m.Key))
			}
			continue
		}
		for _, a := range l.Attributes {
			old, ok := have.Attribute(a.Name)
			switch {
			case !ok:
				edits = append(edits, CodebookEdit{Op: OpAddAttribute, Label: l.Name, Attr: a})
			case !slices.Equal(old.Values, a.Values):
				edits = append(edits, CodebookEdit{Op: OpUpdateAttribute, Label: l.Name, Name: a.Name, Attr: a})
			}
		}
		m, inMore := more.Find(l.Name)
		if !inMore {
			continue
		}
		var differ []string
		if m.Kind != have.Kind {
			differ = append(differ, "kind")
		}
		if !strings.EqualFold(m.Color, have.Color) {
			differ = append(differ, "colour")
		}
		if m.Key != "" && m.Key != have.Key {
			differ = append(differ, "key")
		}
		if m.Description != "" && m.Description != have.Description {
			differ = append(differ, "description")
		}
		if len(differ) > 0 {
			notes = append(notes, fmt.Sprintf("label %s is in the project already: its %s kept, not the file's", l.Name, strings.Join(differ, ", ")))
		}
		for _, a := range m.Attributes {
			old, _ := have.Attribute(a.Name)
			switch {
			case len(old.Values) == 0 && len(a.Values) > 0 && slices.ContainsFunc(have.Attributes, func(x AttributeDef) bool { return x.Name == a.Name }):
				notes = append(notes, fmt.Sprintf("label %s: attribute %s is free text in the project; the file's list of values is not taken", l.Name, a.Name))
			case len(old.Values) > 0 && len(a.Values) == 0:
				notes = append(notes, fmt.Sprintf("label %s: attribute %s is a list in the project; kept a list, not free text", l.Name, a.Name))
			}
			if a.Default != "" && old.Default != a.Default && slices.ContainsFunc(have.Attributes, func(x AttributeDef) bool { return x.Name == a.Name }) {
				notes = append(notes, fmt.Sprintf("label %s: attribute %s keeps the project's default", l.Name, a.Name))
			}
		}
	}
	for _, r := range merged.RelationTypes() {
		have, ok := s.Relation(r.Name)
		if !ok {
			edits = append(edits, CodebookEdit{Op: OpAddRelation, Relation: r})
			continue
		}
		if m, ok := more.Relation(r.Name); ok && more.Relations != nil &&
			(!slices.Equal(m.From, have.From) || !slices.Equal(m.To, have.To) || m.Color != "" && m.Color != have.Color ||
				m.Description != "" && m.Description != have.Description) {
			notes = append(notes, fmt.Sprintf("relation type %s is in the project already; the file's definition is not taken", r.Name))
		}
	}
	if merged.Guidelines != s.Guidelines {
		edits = append(edits, CodebookEdit{Op: OpSetGuidelines, Guidelines: merged.Guidelines})
	} else if strings.TrimSpace(more.Guidelines) != "" && more.Guidelines != s.Guidelines {
		notes = append(notes, "the project has guidelines already; the file's are not taken")
	}
	if !slices.Equal(merged.Verbs, s.Verbs) {
		edits = append(edits, CodebookEdit{Op: OpSetVerbs, Verbs: merged.Verbs})
	}
	return edits, notes
}

// Sentence says what e does, for a report: "added label Quote".
func (e CodebookEdit) Sentence() string {
	switch e.Op {
	case OpAddLabel:
		var attrs []string
		for _, a := range e.Def.Attributes {
			attrs = append(attrs, a.Name)
		}
		if len(attrs) == 0 {
			return fmt.Sprintf("added label %s (%s)", e.Def.Name, e.Def.Kind)
		}
		return fmt.Sprintf("added label %s (%s) with attributes %s", e.Def.Name, e.Def.Kind, strings.Join(attrs, ", "))
	case OpAddAttribute:
		return fmt.Sprintf("added attribute %s to label %s", e.Attr.Name, e.Label)
	case OpUpdateAttribute:
		return fmt.Sprintf("label %s: attribute %s now offers %s", e.Label, e.Name, strings.Join(e.Attr.Values, " | "))
	case OpAddRelation:
		return fmt.Sprintf("added relation type %s", e.Relation.Name)
	case OpSetGuidelines:
		return "set the guidelines"
	case OpSetVerbs:
		if len(e.Verbs) == 0 {
			return "removed the reporting verbs"
		}
		const shown = 12
		list := strings.Join(e.Verbs[:min(len(e.Verbs), shown)], ", ")
		if len(e.Verbs) > shown {
			list += fmt.Sprintf(" and %d more", len(e.Verbs)-shown)
		}
		return "the reporting verbs are now " + list
	}
	return string(e.Op)
}
