package annotation

import (
	"fmt"
	"maps"
	"slices"
)

// CodebookOp names a change of the codebook.
type CodebookOp string

// The changes of a codebook. Each says which fields of CodebookEdit it
// reads.
const (
	// OpAddLabel adds Def at index At (out of range: at the end).
	OpAddLabel CodebookOp = "add label"
	// OpUpdateLabel sets label Label's name, kind, colour, key and
	// description to Def's (its attributes are kept: see the attribute
	// ops). A new name renames it: every annotation and entity type follows.
	OpUpdateLabel CodebookOp = "update label"
	// OpMoveLabel moves label Label to index At of the display order.
	OpMoveLabel CodebookOp = "move label"
	// OpDeleteLabel removes label Label. Its annotations move to label Into
	// or, with Into empty and Drop set, are deleted with the links that
	// point at them; with neither, a label in use is refused (ErrInUse).
	OpDeleteLabel CodebookOp = "delete label"
	// OpAddAttribute makes label Label offer Attr.
	OpAddAttribute CodebookOp = "add attribute"
	// OpUpdateAttribute replaces label Label's attribute Name by Attr. A
	// new name renames it in every annotation; Values renames values (old
	// to new) in every annotation (Attr lists the new names). A value an
	// annotation holds that Attr's list lacks is refused (ErrInUse).
	OpUpdateAttribute CodebookOp = "update attribute"
	// OpDeleteAttribute removes label Label's attribute Name and its value
	// from every annotation.
	OpDeleteAttribute CodebookOp = "delete attribute"
	// OpAddRelation adds the relation type Relation at the end.
	OpAddRelation CodebookOp = "add relation type"
	// OpUpdateRelation replaces relation type Name by Relation; a new name
	// retypes every link of it.
	OpUpdateRelation CodebookOp = "update relation type"
	// OpDeleteRelation removes relation type Name. Its links are retyped
	// to Into or, with Into empty and Drop set, removed; with neither, a
	// type in use is refused (ErrInUse).
	OpDeleteRelation CodebookOp = "delete relation type"
	// OpSetGuidelines sets the guidelines to Guidelines.
	OpSetGuidelines CodebookOp = "set guidelines"
	// OpSetVerbs sets the reporting verbs the project adds to the
	// suggester's lexicon to Verbs, in order; a verb given twice is kept
	// once. Each must be valid (ValidVerb).
	OpSetVerbs CodebookOp = "set reporting verbs"
)

// CodebookEdit is one change of a project's codebook: Op and its
// arguments. Apply changes the codebook, Rewrite the annotations.
type CodebookEdit struct {
	Op         CodebookOp
	Label      string // the label it concerns
	Name       string // the attribute or relation type it concerns
	Def        Label
	Attr       AttributeDef
	Values     map[string]string // OpUpdateAttribute: values renamed, old to new
	Relation   RelationType
	At         int
	Into       string // OpDeleteLabel, OpDeleteRelation: where uses go
	Drop       bool   // OpDeleteLabel, OpDeleteRelation: delete uses
	Guidelines string
	Verbs      []string // OpSetVerbs: the reporting verbs
}

// Apply returns the codebook s with e made, validated; s is not changed.
func (e CodebookEdit) Apply(s LabelSet) (LabelSet, error) {
	out := s.Clone()
	// The codebook made shares no slice with the edit.
	e.Def.Attributes = slices.Clone(e.Def.Attributes)
	e.Attr.Values = slices.Clone(e.Attr.Values)
	e.Relation.From, e.Relation.To = slices.Clone(e.Relation.From), slices.Clone(e.Relation.To)
	e.Verbs = slices.Clone(e.Verbs)
	if out.Relations == nil {
		out.Relations = DefaultRelationTypes()
	}
	li := slices.IndexFunc(out.Labels, func(l Label) bool { return l.Name == e.Label })
	needLabel := e.Op != OpAddLabel && e.Op != OpAddRelation && e.Op != OpUpdateRelation &&
		e.Op != OpDeleteRelation && e.Op != OpSetGuidelines && e.Op != OpSetVerbs
	if needLabel && li < 0 {
		return s, fmt.Errorf("label %q: %w", e.Label, ErrNotFound)
	}
	ri := slices.IndexFunc(out.Relations, func(r RelationType) bool { return r.Name == e.Name })
	if (e.Op == OpUpdateRelation || e.Op == OpDeleteRelation) && ri < 0 {
		return s, fmt.Errorf("relation type %q: %w", e.Name, ErrNotFound)
	}
	ai := -1
	if li >= 0 {
		ai = slices.IndexFunc(out.Labels[li].Attributes, func(a AttributeDef) bool { return a.Name == e.Name })
	}
	if (e.Op == OpUpdateAttribute || e.Op == OpDeleteAttribute) && ai < 0 {
		return s, fmt.Errorf("label %q: attribute %q: %w", e.Label, e.Name, ErrNotFound)
	}
	switch e.Op {
	case OpAddLabel:
		out.Labels = slices.Insert(out.Labels, clampIndex(e.At, len(out.Labels)), e.Def)
	case OpUpdateLabel:
		def := e.Def
		def.Attributes = out.Labels[li].Attributes
		out.Labels[li] = def
	case OpMoveLabel:
		l := out.Labels[li]
		out.Labels = slices.Delete(out.Labels, li, li+1)
		out.Labels = slices.Insert(out.Labels, clampIndex(e.At, len(out.Labels)), l)
	case OpDeleteLabel:
		if e.Into != "" {
			if _, ok := out.Find(e.Into); !ok || e.Into == e.Label {
				return s, fmt.Errorf("label %q to move the annotations to: %w", e.Into, ErrUnknownLabel)
			}
		}
		out.Labels = slices.Delete(out.Labels, li, li+1)
	case OpAddAttribute:
		out.Labels[li].Attributes = append(out.Labels[li].Attributes, e.Attr)
	case OpUpdateAttribute:
		out.Labels[li].Attributes[ai] = e.Attr
	case OpDeleteAttribute:
		out.Labels[li].Attributes = slices.Delete(out.Labels[li].Attributes, ai, ai+1)
	case OpAddRelation:
		out.Relations = append(out.Relations, e.Relation)
	case OpUpdateRelation:
		out.Relations[ri] = e.Relation
	case OpDeleteRelation:
		if e.Into != "" {
			if _, ok := out.Relation(e.Into); !ok || e.Into == e.Name {
				return s, fmt.Errorf("relation type %q to retype the links to: %w", e.Into, ErrBadLink)
			}
		}
		out.Relations = slices.Delete(out.Relations, ri, ri+1)
	case OpSetGuidelines:
		out.Guidelines = e.Guidelines
	case OpSetVerbs:
		out.Verbs = unionVerbs(nil, e.Verbs)
	default:
		return s, fmt.Errorf("codebook change %q: %w", e.Op, ErrBadLabel)
	}
	if err := out.Validate(); err != nil {
		return s, err
	}
	return out, nil
}

func clampIndex(i, n int) int {
	if i < 0 || i > n {
		return n
	}
	return i
}

// TouchesAnnotations reports whether e may change annotations: whether a
// store must pass them through Rewrite.
func (e CodebookEdit) TouchesAnnotations() bool {
	switch e.Op {
	case OpUpdateLabel:
		return e.Def.Name != e.Label
	case OpDeleteLabel, OpUpdateAttribute, OpDeleteAttribute, OpDeleteRelation:
		return true
	case OpUpdateRelation:
		return e.Relation.Name != e.Name
	}
	return false
}

// Rewrite returns the annotations of one document, anns, as e makes them:
// the changed ones (put) and the ids of those it deletes (del), with the
// links to a deleted one removed from the others (which are then in put).
// A use e cannot carry over (a label, attribute value or relation type in
// use with neither Into nor Drop) is an error wrapping ErrInUse, naming the
// annotation. anns is not changed.
func (e CodebookEdit) Rewrite(anns []Annotation) (put []Annotation, del []uint64, err error) {
	dropped := map[uint64]bool{}
	changed := map[uint64]Annotation{}
	for _, a := range anns {
		b, keep, err := e.rewrite(a)
		if err != nil {
			return nil, nil, fmt.Errorf("annotation %d of document %d: %w", a.ID, a.DocID, err)
		}
		switch {
		case !keep:
			dropped[a.ID] = true
		case b != nil:
			changed[a.ID] = *b
		}
	}
	for _, a := range anns {
		if dropped[a.ID] {
			continue
		}
		b, ok := changed[a.ID]
		if !ok {
			b = a
		}
		if !slices.ContainsFunc(b.Links, func(l Link) bool { return dropped[l.Target] }) {
			continue
		}
		b = b.Clone()
		b.Links = slices.DeleteFunc(b.Links, func(l Link) bool { return dropped[l.Target] })
		changed[a.ID] = b
	}
	for _, a := range anns {
		if b, ok := changed[a.ID]; ok {
			put = append(put, b)
		}
		if dropped[a.ID] {
			del = append(del, a.ID)
		}
	}
	return put, del, nil
}

// rewrite returns a as e makes it: nil when e leaves it alone, keep false
// when e deletes it.
func (e CodebookEdit) rewrite(a Annotation) (b *Annotation, keep bool, err error) {
	edit := func(fn func(c *Annotation)) (*Annotation, bool, error) {
		c := a.Clone()
		fn(&c)
		return &c, true, nil
	}
	switch e.Op {
	case OpUpdateLabel:
		if a.Label == e.Label && e.Def.Name != e.Label {
			return edit(func(c *Annotation) { c.Label = e.Def.Name })
		}
	case OpDeleteLabel:
		switch {
		case a.Label != e.Label:
		case e.Into != "":
			return edit(func(c *Annotation) { c.Label = e.Into })
		case e.Drop:
			return nil, false, nil
		default:
			return nil, true, fmt.Errorf("label %q is in use; move its annotations to another label or delete them: %w", e.Label, ErrInUse)
		}
	case OpUpdateAttribute:
		v, ok := a.Attributes[e.Name]
		if a.Label != e.Label || !ok {
			break
		}
		if nv, ok := e.Values[v]; ok {
			v = nv
		}
		if v != "" && !e.Attr.Allows(v) {
			return nil, true, fmt.Errorf("attribute %q holds %q, which the new list of values lacks: %w", e.Name, v, ErrInUse)
		}
		if v == a.Attributes[e.Name] && e.Attr.Name == e.Name {
			break
		}
		return edit(func(c *Annotation) {
			delete(c.Attributes, e.Name)
			c.Attributes[e.Attr.Name] = v
		})
	case OpDeleteAttribute:
		if _, ok := a.Attributes[e.Name]; a.Label == e.Label && ok {
			return edit(func(c *Annotation) { delete(c.Attributes, e.Name) })
		}
	case OpUpdateRelation, OpDeleteRelation:
		if !slices.ContainsFunc(a.Links, func(l Link) bool { return string(l.Type) == e.Name }) {
			break
		}
		to := e.Relation.Name
		if e.Op == OpDeleteRelation {
			to = e.Into
			if to == "" && !e.Drop {
				return nil, true, fmt.Errorf("relation type %q is in use; retype its links or remove them: %w", e.Name, ErrInUse)
			}
		}
		if to == e.Name {
			break
		}
		return edit(func(c *Annotation) {
			var links []Link
			for _, l := range c.Links {
				if string(l.Type) == e.Name {
					if to == "" {
						continue
					}
					l.Type = LinkType(to)
				}
				if !slices.Contains(links, l) {
					links = append(links, l)
				}
			}
			c.Links = links
		})
	}
	return nil, true, nil
}

// RewriteEntity returns e as the codebook edit makes it, and whether it
// changed: an entity's type is a label name, and follows a rename or a move
// (a type whose label is deleted with its annotations is cleared).
func (e CodebookEdit) RewriteEntity(en Entity) (Entity, bool) {
	if en.Type != e.Label || e.Label == "" {
		return en, false
	}
	switch {
	case e.Op == OpUpdateLabel && e.Def.Name != e.Label:
		en.Type = e.Def.Name
	case e.Op == OpDeleteLabel:
		en.Type = e.Into
	default:
		return en, false
	}
	en.Aliases = slices.Clone(en.Aliases)
	return en, true
}

// CodebookChange is what one codebook edit changed, kept so that it can be
// undone exactly: the codebook before and after, and every annotation and
// entity it changed or deleted as it was before and after (an annotation
// with ID 0 in After was deleted).
type CodebookChange struct {
	Edit          CodebookEdit
	Before, After LabelSet
	Annotations   []AnnotationChange
	Entities      []EntityChange
}

// AnnotationChange is one annotation before and after an edit; After.ID is
// 0 when the edit deleted it.
type AnnotationChange struct {
	Before, After Annotation
}

// EntityChange is one entity before and after an edit.
type EntityChange struct {
	Before, After Entity
}

// Use counts the annotations (or links) that use one part of the codebook
// and the documents they are in.
type Use struct {
	Count, Documents int
}

// CodebookUse counts what uses each part of a codebook, over a project:
// annotations per label, values per attribute of a label, links per
// relation type. Names the codebook lacks are counted too.
type CodebookUse struct {
	Labels     map[string]Use
	Attributes map[string]map[string]map[string]int // label, attribute, value -> annotations
	Relations  map[string]Use
	docs       map[string]bool // "l"+label or "r"+type, with the document id: counted
}

// Add counts a, an annotation of document a.DocID.
func (u *CodebookUse) Add(a Annotation) {
	if u.Labels == nil {
		u.Labels, u.Relations = map[string]Use{}, map[string]Use{}
		u.Attributes, u.docs = map[string]map[string]map[string]int{}, map[string]bool{}
	}
	count := func(m map[string]Use, key, name string) {
		n := m[name]
		n.Count++
		if k := fmt.Sprintf("%s%d\x00%s", key, a.DocID, name); !u.docs[k] {
			u.docs[k] = true
			n.Documents++
		}
		m[name] = n
	}
	count(u.Labels, "l", a.Label)
	for _, l := range a.Links {
		count(u.Relations, "r", string(l.Type))
	}
	for _, name := range slices.Sorted(maps.Keys(a.Attributes)) {
		byAttr := u.Attributes[a.Label]
		if byAttr == nil {
			byAttr = map[string]map[string]int{}
			u.Attributes[a.Label] = byAttr
		}
		if byAttr[name] == nil {
			byAttr[name] = map[string]int{}
		}
		byAttr[name][a.Attributes[name]]++
	}
}

// AttributeUses returns how many annotations of label hold a value of its
// attribute name.
func (u CodebookUse) AttributeUses(label, name string) int {
	n := 0
	for _, c := range u.Attributes[label][name] {
		n += c
	}
	return n
}

// Lacks returns a's problems against the codebook s that Validate does not
// refuse: attributes its label does not define and values its list lacks.
func (s LabelSet) Lacks(a Annotation) []string {
	l, ok := s.Find(a.Label)
	if !ok {
		return nil
	}
	var out []string
	for _, name := range slices.Sorted(maps.Keys(a.Attributes)) {
		def, ok := l.Attribute(name)
		switch v := a.Attributes[name]; {
		case !ok:
			out = append(out, fmt.Sprintf("attribute %q, which label %q lacks", name, a.Label))
		case v != "" && !def.Allows(v):
			out = append(out, fmt.Sprintf("attribute %q holds %q, which is not one of its values", name, v))
		}
	}
	return out
}
