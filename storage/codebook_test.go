package storage

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"glossa/annotation"
)

// codebookFixture is a project of two documents with sources, claims and a
// person linked to each other, attributes set, and an entity of type
// Person.
type codebookFixture struct {
	s                     *Store
	source, claim, person annotation.Annotation // document 1
	claim2, source2       annotation.Annotation // document 2
	entity                annotation.Entity
	doc1, doc2            annotation.Document
}

func newCodebookFixture(t *testing.T) *codebookFixture {
	t.Helper()
	f := &codebookFixture{s: openTestStore(t)}
	f.doc1 = addDoc(t, f.s, sampleText)
	f.doc2 = addDoc(t, f.s, "The mayor said the bridge opens in May.")
	var err error
	if f.entity, err = f.s.AddEntity(annotation.Entity{Name: "Jane Doe", Type: "Person"}); err != nil {
		t.Fatal(err)
	}
	add := func(a annotation.Annotation) annotation.Annotation {
		t.Helper()
		out, err := f.s.AddAnnotation(a)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	f.person = add(annotation.Annotation{DocID: f.doc1.ID, Label: "Person", Spans: span(sampleText, 4, 12), Entity: f.entity.ID})
	f.source = add(annotation.Annotation{DocID: f.doc1.ID, Label: "Source", Spans: span(sampleText, 0, 12),
		Attributes: map[string]string{annotation.AttrSourceType: "named"},
		Links:      []annotation.Link{{Type: annotation.LinkIs, Target: f.person.ID}}})
	f.claim = add(annotation.Annotation{DocID: f.doc1.ID, Label: "Claim", Spans: span(sampleText, 33, 50),
		Attributes: map[string]string{annotation.AttrVerdict: "false", annotation.AttrCheckWorthy: "yes"},
		Links:      []annotation.Link{{Type: annotation.LinkSaidBy, Target: f.source.ID}, {Type: annotation.LinkAbout, Target: f.person.ID}}})
	f.source2 = add(annotation.Annotation{DocID: f.doc2.ID, Label: "Source", Spans: span(f.doc2.Text, 0, 9)})
	f.claim2 = add(annotation.Annotation{DocID: f.doc2.ID, Label: "Claim", Spans: span(f.doc2.Text, 15, 38),
		Attributes: map[string]string{annotation.AttrVerdict: "true"},
		Links:      []annotation.Link{{Type: annotation.LinkSaidBy, Target: f.source2.ID}}})
	return f
}

// projectState is what a codebook change may touch, times left out.
type projectState struct {
	Labels      annotation.LabelSet
	Annotations []annotation.Annotation
	Entities    []annotation.Entity
	Summaries   []annotation.Summary
}

func stateOf(t *testing.T, s *Store) projectState {
	t.Helper()
	var st projectState
	var err error
	if st.Labels, err = s.Labels(); err != nil {
		t.Fatal(err)
	}
	if st.Summaries, err = s.Documents(); err != nil {
		t.Fatal(err)
	}
	for _, d := range st.Summaries {
		as, err := s.Annotations(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range as {
			a.Modified = a.Created
			if len(a.Links) == 0 {
				a.Links = nil
			}
			st.Annotations = append(st.Annotations, a)
		}
	}
	if st.Entities, err = s.Entities(); err != nil {
		t.Fatal(err)
	}
	return st
}

func (st projectState) annotation(id uint64) *annotation.Annotation {
	for i := range st.Annotations {
		if st.Annotations[i].ID == id {
			return &st.Annotations[i]
		}
	}
	return nil
}

// TestEditCodebook makes each codebook change on a project with
// annotations, checks what it did to the codebook and the annotations of
// both documents once the file is reopened, that the file then passes
// Check, and that RevertCodebook brings back exactly the state before
// (ids, links, attributes, entity types, summaries), durably; and that
// making the change again (redo) gives the same result.
func TestEditCodebook(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(f *codebookFixture) annotation.CodebookEdit
		check func(t *testing.T, f *codebookFixture, st projectState, c annotation.CodebookChange)
	}{
		{"add label", func(f *codebookFixture) annotation.CodebookEdit {
			return annotation.CodebookEdit{Op: annotation.OpAddLabel, At: 2, Def: annotation.Label{Name: "Quote", Kind: annotation.KindClaim, Color: "#123456", Key: "a"}}
		}, func(t *testing.T, f *codebookFixture, st projectState, c annotation.CodebookChange) {
			if st.Labels.Labels[2].Name != "Quote" || len(c.Annotations) != 0 {
				t.Errorf("labels %v, changed %d annotations", st.Labels.Labels, len(c.Annotations))
			}
		}},
		{"rename label: annotations of both documents and entity types follow", func(f *codebookFixture) annotation.CodebookEdit {
			return annotation.CodebookEdit{Op: annotation.OpUpdateLabel, Label: "Source", Def: annotation.Label{Name: "Speaker", Kind: annotation.KindSource, Color: "#2f80ed", Key: "2"}}
		}, func(t *testing.T, f *codebookFixture, st projectState, c annotation.CodebookChange) {
			for _, id := range []uint64{f.source.ID, f.source2.ID} {
				if a := st.annotation(id); a == nil || a.Label != "Speaker" || a.Attributes[annotation.AttrSourceType] != f.annotation(id).Attributes[annotation.AttrSourceType] {
					t.Errorf("annotation %d: %+v", id, a)
				}
			}
			if l, ok := st.Labels.Find("Speaker"); !ok || len(l.Attributes) != 1 {
				t.Errorf("renamed label %+v lost its attributes", l)
			}
			if len(c.Annotations) != 2 {
				t.Errorf("change records %d annotations, want 2", len(c.Annotations))
			}
		}},
		{"rename an entity label: the entity's type follows", func(f *codebookFixture) annotation.CodebookEdit {
			return annotation.CodebookEdit{Op: annotation.OpUpdateLabel, Label: "Person", Def: annotation.Label{Name: "PER", Kind: annotation.KindEntity, Color: "#27ae60", Key: "3"}}
		}, func(t *testing.T, f *codebookFixture, st projectState, c annotation.CodebookChange) {
			if st.Entities[0].Type != "PER" || st.annotation(f.person.ID).Label != "PER" {
				t.Errorf("entity %+v, person %+v", st.Entities[0], st.annotation(f.person.ID))
			}
		}},
		{"recolour, rekey, change kind and description", func(f *codebookFixture) annotation.CodebookEdit {
			return annotation.CodebookEdit{Op: annotation.OpUpdateLabel, Label: "Event", Def: annotation.Label{Name: "Event", Kind: annotation.KindOther, Color: "#000000", Key: "e", Description: "Something that happens."}}
		}, func(t *testing.T, f *codebookFixture, st projectState, c annotation.CodebookChange) {
			l, _ := st.Labels.Find("Event")
			if l.Kind != annotation.KindOther || l.Color != "#000000" || l.Key != "e" || l.Description == "" {
				t.Errorf("Event = %+v", l)
			}
		}},
		{"move label", func(f *codebookFixture) annotation.CodebookEdit {
			return annotation.CodebookEdit{Op: annotation.OpMoveLabel, Label: "Other", At: 0}
		}, func(t *testing.T, f *codebookFixture, st projectState, c annotation.CodebookChange) {
			if st.Labels.Labels[0].Name != "Other" {
				t.Errorf("first label %q", st.Labels.Labels[0].Name)
			}
		}},
		{"delete label, moving its annotations", func(f *codebookFixture) annotation.CodebookEdit {
			return annotation.CodebookEdit{Op: annotation.OpDeleteLabel, Label: "Person", Into: "Other"}
		}, func(t *testing.T, f *codebookFixture, st projectState, c annotation.CodebookChange) {
			if a := st.annotation(f.person.ID); a == nil || a.Label != "Other" {
				t.Errorf("person annotation %+v", a)
			}
			if st.Entities[0].Type != "Other" {
				t.Errorf("entity type %q", st.Entities[0].Type)
			}
			if _, ok := st.Labels.Find("Person"); ok {
				t.Errorf("Person still defined")
			}
		}},
		{"delete label with its annotations and the links to them", func(f *codebookFixture) annotation.CodebookEdit {
			return annotation.CodebookEdit{Op: annotation.OpDeleteLabel, Label: "Source", Drop: true}
		}, func(t *testing.T, f *codebookFixture, st projectState, c annotation.CodebookChange) {
			if st.annotation(f.source.ID) != nil || st.annotation(f.source2.ID) != nil {
				t.Errorf("sources left")
			}
			if l := st.annotation(f.claim.ID).Links; !reflect.DeepEqual(l, []annotation.Link{{Type: annotation.LinkAbout, Target: f.person.ID}}) {
				t.Errorf("claim's links %v", l)
			}
			if l := st.annotation(f.claim2.ID).Links; len(l) != 0 {
				t.Errorf("claim 2's links %v", l)
			}
			if st.Summaries[0].Annotations != 2 || st.Summaries[1].Annotations != 1 {
				t.Errorf("summaries %+v", st.Summaries)
			}
		}},
		{"add attribute", func(f *codebookFixture) annotation.CodebookEdit {
			return annotation.CodebookEdit{Op: annotation.OpAddAttribute, Label: "Person", Attr: annotation.AttributeDef{Name: "role", Values: []string{"official", "expert"}}}
		}, func(t *testing.T, f *codebookFixture, st projectState, c annotation.CodebookChange) {
			if l, _ := st.Labels.Find("Person"); len(l.Attributes) != 1 {
				t.Errorf("Person = %+v", l)
			}
		}},
		{"rename attribute and a value: values in annotations follow", func(f *codebookFixture) annotation.CodebookEdit {
			return annotation.CodebookEdit{Op: annotation.OpUpdateAttribute, Label: "Claim", Name: annotation.AttrVerdict,
				Attr:   annotation.AttributeDef{Name: "rating", Values: []string{"true", "wrong"}},
				Values: map[string]string{"false": "wrong"}}
		}, func(t *testing.T, f *codebookFixture, st projectState, c annotation.CodebookChange) {
			if got := st.annotation(f.claim.ID).Attributes; !reflect.DeepEqual(got, map[string]string{"rating": "wrong", annotation.AttrCheckWorthy: "yes"}) {
				t.Errorf("claim attributes %v", got)
			}
			if got := st.annotation(f.claim2.ID).Attributes; !reflect.DeepEqual(got, map[string]string{"rating": "true"}) {
				t.Errorf("claim 2 attributes %v", got)
			}
		}},
		{"delete attribute: its values go", func(f *codebookFixture) annotation.CodebookEdit {
			return annotation.CodebookEdit{Op: annotation.OpDeleteAttribute, Label: "Claim", Name: annotation.AttrVerdict}
		}, func(t *testing.T, f *codebookFixture, st projectState, c annotation.CodebookChange) {
			if _, ok := st.annotation(f.claim.ID).Attributes[annotation.AttrVerdict]; ok {
				t.Errorf("verdict left")
			}
			if len(st.annotation(f.claim2.ID).Attributes) != 0 {
				t.Errorf("claim 2 attributes %v", st.annotation(f.claim2.ID).Attributes)
			}
		}},
		{"add relation type", func(f *codebookFixture) annotation.CodebookEdit {
			return annotation.CodebookEdit{Op: annotation.OpAddRelation, Relation: annotation.RelationType{Name: "contradicts", From: []annotation.Kind{annotation.KindClaim}, To: []annotation.Kind{annotation.KindClaim}}}
		}, func(t *testing.T, f *codebookFixture, st projectState, c annotation.CodebookChange) {
			if _, ok := st.Labels.Relation("contradicts"); !ok {
				t.Errorf("relations %v", st.Labels.Relations)
			}
			if _, ok := st.Labels.Relation("said_by"); !ok {
				t.Errorf("the defaults were dropped")
			}
		}},
		{"rename relation type: links follow", func(f *codebookFixture) annotation.CodebookEdit {
			return annotation.CodebookEdit{Op: annotation.OpUpdateRelation, Name: "said_by", Relation: annotation.RelationType{Name: "attributed_to"}}
		}, func(t *testing.T, f *codebookFixture, st projectState, c annotation.CodebookChange) {
			if got := st.annotation(f.claim2.ID).Links; !reflect.DeepEqual(got, []annotation.Link{{Type: "attributed_to", Target: f.source2.ID}}) {
				t.Errorf("claim 2 links %v", got)
			}
			if got := st.annotation(f.claim.ID).LinksOf("attributed_to"); !reflect.DeepEqual(got, []uint64{f.source.ID}) {
				t.Errorf("claim links %v", st.annotation(f.claim.ID).Links)
			}
		}},
		{"delete relation type, retyping its links", func(f *codebookFixture) annotation.CodebookEdit {
			return annotation.CodebookEdit{Op: annotation.OpDeleteRelation, Name: "about", Into: "related"}
		}, func(t *testing.T, f *codebookFixture, st projectState, c annotation.CodebookChange) {
			if got := st.annotation(f.claim.ID).LinksOf(annotation.LinkOther); !reflect.DeepEqual(got, []uint64{f.person.ID}) {
				t.Errorf("claim links %v", st.annotation(f.claim.ID).Links)
			}
		}},
		{"delete relation type with its links", func(f *codebookFixture) annotation.CodebookEdit {
			return annotation.CodebookEdit{Op: annotation.OpDeleteRelation, Name: "said_by", Drop: true}
		}, func(t *testing.T, f *codebookFixture, st projectState, c annotation.CodebookChange) {
			if len(st.annotation(f.claim2.ID).Links) != 0 || len(st.annotation(f.claim.ID).Links) != 1 {
				t.Errorf("links left: %v, %v", st.annotation(f.claim.ID).Links, st.annotation(f.claim2.ID).Links)
			}
		}},
		{"guidelines", func(f *codebookFixture) annotation.CodebookEdit {
			return annotation.CodebookEdit{Op: annotation.OpSetGuidelines, Guidelines: "# Our rules\n\nTag every claim."}
		}, func(t *testing.T, f *codebookFixture, st projectState, c annotation.CodebookChange) {
			if st.Labels.Guidelines != "# Our rules\n\nTag every claim." {
				t.Errorf("guidelines %q", st.Labels.Guidelines)
			}
		}},
		{"reporting verbs", func(f *codebookFixture) annotation.CodebookEdit {
			return annotation.CodebookEdit{Op: annotation.OpSetVerbs, Verbs: []string{"opine", "opined", "opine"}}
		}, func(t *testing.T, f *codebookFixture, st projectState, c annotation.CodebookChange) {
			if !slices.Equal(st.Labels.Verbs, []string{"opine", "opined"}) || len(c.Annotations) != 0 {
				t.Errorf("verbs %q, changed %d annotations", st.Labels.Verbs, len(c.Annotations))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newCodebookFixture(t)
			start := stateOf(t, f.s)
			c, err := f.s.EditCodebook(tt.edit(f))
			if err != nil {
				t.Fatalf("EditCodebook: %v", err)
			}
			f.s = reopen(t, f.s)
			if err := f.s.Check(); err != nil {
				t.Errorf("Check after the change: %v", err)
			}
			changed := stateOf(t, f.s)
			tt.check(t, f, changed, c)

			if err := f.s.RevertCodebook(c); err != nil {
				t.Fatalf("RevertCodebook: %v", err)
			}
			f.s = reopen(t, f.s)
			if got := stateOf(t, f.s); !reflect.DeepEqual(got, start) {
				t.Errorf("after undo:\n%+v\nwant\n%+v", got, start)
			}
			if err := f.s.Check(); err != nil {
				t.Errorf("Check after undo: %v", err)
			}

			redo, err := f.s.EditCodebook(c.Edit)
			if err != nil {
				t.Fatalf("redo: %v", err)
			}
			if got := stateOf(t, f.s); !reflect.DeepEqual(got, changed) {
				t.Errorf("after redo:\n%+v\nwant\n%+v", got, changed)
			}
			if err := f.s.RevertCodebook(redo); err != nil {
				t.Fatalf("undo of redo: %v", err)
			}
		})
	}
}

// annotation returns the fixture's annotation id as made.
func (f *codebookFixture) annotation(id uint64) annotation.Annotation {
	for _, a := range []annotation.Annotation{f.source, f.claim, f.person, f.claim2, f.source2} {
		if a.ID == id {
			return a
		}
	}
	return annotation.Annotation{}
}

// TestEditCodebookRefuses: changes that would lose or orphan data change
// nothing.
func TestEditCodebookRefuses(t *testing.T) {
	tests := []struct {
		name string
		edit annotation.CodebookEdit
		want error
	}{
		{"delete a label in use without saying where its annotations go", annotation.CodebookEdit{Op: annotation.OpDeleteLabel, Label: "Claim"}, annotation.ErrInUse},
		{"delete a relation type in use", annotation.CodebookEdit{Op: annotation.OpDeleteRelation, Name: "said_by"}, annotation.ErrInUse},
		{"drop a value in use", annotation.CodebookEdit{Op: annotation.OpUpdateAttribute, Label: "Claim", Name: annotation.AttrVerdict,
			Attr: annotation.AttributeDef{Name: annotation.AttrVerdict, Values: []string{"true"}}}, annotation.ErrInUse},
		{"a key used twice", annotation.CodebookEdit{Op: annotation.OpUpdateLabel, Label: "Event", Def: annotation.Label{Name: "Event", Kind: annotation.KindEntity, Color: "#f2994a", Key: "1"}}, annotation.ErrBadLabel},
		{"a missing label", annotation.CodebookEdit{Op: annotation.OpMoveLabel, Label: "Quote"}, annotation.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newCodebookFixture(t)
			start := stateOf(t, f.s)
			if _, err := f.s.EditCodebook(tt.edit); !errors.Is(err, tt.want) {
				t.Fatalf("EditCodebook: %v, want %v", err, tt.want)
			}
			if got := stateOf(t, f.s); !reflect.DeepEqual(got, start) {
				t.Errorf("a refused change changed the project")
			}
		})
	}
}

// TestRevertCodebookAfterLaterEdit: an undo that would overwrite an edit
// made since is refused, and changes nothing.
func TestRevertCodebookAfterLaterEdit(t *testing.T) {
	f := newCodebookFixture(t)
	c, err := f.s.EditCodebook(annotation.CodebookEdit{Op: annotation.OpDeleteAttribute, Label: "Claim", Name: annotation.AttrVerdict})
	if err != nil {
		t.Fatal(err)
	}
	a, err := f.s.Annotation(f.claim.ID)
	if err != nil {
		t.Fatal(err)
	}
	a.Note = "checked"
	if _, err := f.s.UpdateAnnotation(a); err != nil {
		t.Fatal(err)
	}
	before := stateOf(t, f.s)
	if err := f.s.RevertCodebook(c); !errors.Is(err, ErrCodebookChanged) {
		t.Fatalf("RevertCodebook: %v, want ErrCodebookChanged", err)
	}
	if got := stateOf(t, f.s); !reflect.DeepEqual(got, before) {
		t.Errorf("a refused undo changed the project")
	}
	if _, err := f.s.EditCodebook(annotation.CodebookEdit{Op: annotation.OpSetGuidelines, Guidelines: "x"}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RevertCodebook(c); !errors.Is(err, ErrCodebookChanged) {
		t.Fatalf("RevertCodebook over a later codebook edit: %v, want ErrCodebookChanged", err)
	}
}

// TestStoreRefusesUnknownLabelAndRelation: the store refuses an annotation
// whose label or link type the codebook lacks.
func TestStoreRefusesUnknownLabelAndRelation(t *testing.T) {
	f := newCodebookFixture(t)
	a := annotation.Annotation{DocID: f.doc1.ID, Label: "Quote", Spans: span(sampleText, 0, 3)}
	if _, err := f.s.AddAnnotation(a); !errors.Is(err, annotation.ErrUnknownLabel) {
		t.Errorf("unknown label: %v", err)
	}
	a.Label, a.Links = "Claim", []annotation.Link{{Type: "contradicts", Target: f.claim.ID}}
	if _, err := f.s.AddAnnotation(a); !errors.Is(err, annotation.ErrBadLink) {
		t.Errorf("unknown relation type: %v", err)
	}
	if _, err := f.s.EditCodebook(annotation.CodebookEdit{Op: annotation.OpAddRelation, Relation: annotation.RelationType{Name: "contradicts"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddAnnotation(a); err != nil {
		t.Errorf("after adding the relation type: %v", err)
	}
}

func TestCodebookUse(t *testing.T) {
	f := newCodebookFixture(t)
	u, err := f.s.CodebookUse()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := u.Labels["Claim"], (annotation.Use{Count: 2, Documents: 2}); got != want {
		t.Errorf("Claim: %+v, want %+v", got, want)
	}
	if got, want := u.Labels["Person"], (annotation.Use{Count: 1, Documents: 1}); got != want {
		t.Errorf("Person: %+v, want %+v", got, want)
	}
	if got, want := u.Relations["said_by"], (annotation.Use{Count: 2, Documents: 2}); got != want {
		t.Errorf("said_by: %+v, want %+v", got, want)
	}
	if got := u.AttributeUses("Claim", annotation.AttrVerdict); got != 2 {
		t.Errorf("verdict values: %d, want 2", got)
	}
}

// TestCheckReportsWhatTheCodebookLacks: an annotation whose attribute, value
// or label the codebook lacks (a codebook replaced by SetLabels' older
// path, a file edited by hand) is reported by Check.
func TestCheckReportsWhatTheCodebookLacks(t *testing.T) {
	f := newCodebookFixture(t)
	a, _ := f.s.Annotation(f.claim2.ID)
	a.Attributes = map[string]string{"topic": "transport", annotation.AttrVerdict: "satire"}
	if _, err := f.s.UpdateAnnotation(a); err != nil {
		t.Fatal(err)
	}
	err := f.s.Check()
	var ce *CheckError
	if !errors.As(err, &ce) {
		t.Fatalf("Check: %v", err)
	}
	n := 0
	for _, p := range ce.Problems {
		if errors.Is(p, annotation.ErrUnknownAttribute) {
			n++
		}
	}
	if n != 2 {
		t.Errorf("Check reported %d attribute problems, want 2: %v", n, ce.Problems)
	}
	if !slices.ContainsFunc(ce.Problems, func(p error) bool { return errors.Is(p, annotation.ErrUnknownAttribute) }) {
		t.Errorf("no attribute problem")
	}
}
