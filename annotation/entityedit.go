package annotation

import "slices"

// AnnotationRef names one annotation of one document.
type AnnotationRef struct {
	DocID, ID uint64
}

// EntityMerge is what merging entity Merged into entity Before.ID changed,
// kept so that the merge can be undone: the entity kept as it was before
// the merge and after it (names folded into its aliases, empty fields
// filled), the merged entity as it was when it was removed, and the
// annotations that referred to it and were made to refer to the kept one.
type EntityMerge struct {
	Before, After Entity
	Merged        Entity
	Moved         []AnnotationRef
}

// RestoreFields returns now with each field that differs between from and
// to set to to's value, where now still holds from's: from the state after
// an edit to the state before it, it undoes the edit (from before to after,
// it redoes it) and leaves alone every field the edit did not change or
// that was changed again since. The ID is now's.
func RestoreFields(now, from, to Entity) Entity {
	out := now
	out.Aliases = slices.Clone(now.Aliases)
	set := func(field *string, was, from, to string) {
		if from != to && was == from {
			*field = to
		}
	}
	set(&out.Name, now.Name, from.Name, to.Name)
	set(&out.Type, now.Type, from.Type, to.Type)
	set(&out.Note, now.Note, from.Note, to.Note)
	set(&out.ExternalID, now.ExternalID, from.ExternalID, to.ExternalID)
	if !slices.Equal(from.Aliases, to.Aliases) && slices.Equal(now.Aliases, from.Aliases) {
		out.Aliases = slices.Clone(to.Aliases)
	}
	return out
}
