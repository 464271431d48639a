package annotation

import (
	"reflect"
	"strings"
	"testing"
)

// MergeEdits reaches what Merge makes, edit by edit, adds only, and notes
// what of the file it leaves out.
func TestMergeEdits(t *testing.T) {
	project := FactCheckingTemplate()
	file := AttributionTemplate()
	file.Labels = append(file.Labels, Label{Name: "Claim", Kind: KindOther, Color: "#000000", Key: "7",
		Attributes: []AttributeDef{{Name: AttrVerdict, Values: []string{"false", "satire"}}, {Name: "topic"}}})
	edits, notes := project.MergeEdits(file)
	var got []string
	s := project
	for _, e := range edits {
		got = append(got, e.Sentence())
		var err error
		if s, err = e.Apply(s); err != nil {
			t.Fatalf("%s: %v", e.Sentence(), err)
		}
		if e.Op != OpAddLabel && e.Op != OpAddAttribute && e.Op != OpUpdateAttribute && e.Op != OpAddRelation && e.Op != OpSetGuidelines {
			t.Errorf("a merge makes %s", e.Op)
		}
	}
	want := []string{
		"label Claim: attribute verdict now offers true | mostly true | mixed | mostly false | false | unverifiable | satire",
		"added attribute topic to label Claim",
		"added label Content (claim) with attributes type, factuality",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("edits\n got %q\nwant %q", got, want)
	}
	if merged, _ := project.Merge(file); !reflect.DeepEqual(s, merged) {
		t.Errorf("the edits make\n%+v\nwant Merge's\n%+v", s, merged)
	}
	for _, w := range []string{
		"label Source is in the project already: its key, description kept, not the file's",
		"label Claim is in the project already: its kind, colour, key kept, not the file's",
		"label Content: the key \"3\" is taken or not valid; added without a key",
		"relation type said_by is in the project already; the file's definition is not taken",
		"relation type cue is in the project already",
		"the project has guidelines already",
	} {
		if !strings.Contains(strings.Join(notes, "\n"), w) {
			t.Errorf("no note %q in\n%s", w, strings.Join(notes, "\n"))
		}
	}
	// Into an empty project: every label, relation type and the guidelines.
	edits, notes = EmptyTemplate().MergeEdits(file)
	if len(edits) != 4+2+1 || len(notes) != 0 {
		t.Errorf("into an empty project: %d edits, notes %q; want 7 and none", len(edits), notes)
	}
	// The same codebook again: nothing to do.
	if edits, notes := project.MergeEdits(project); len(edits) != 0 || len(notes) != 0 {
		t.Errorf("merging a codebook into itself: %v, %q", edits, notes)
	}
}
