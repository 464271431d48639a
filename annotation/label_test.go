package annotation

import (
	"reflect"
	"testing"
)

func TestLabelSetAddAttribute(t *testing.T) {
	verdict := func(vs ...string) AttributeDef { return AttributeDef{Name: AttrVerdict, Values: vs} }
	tests := []struct {
		name    string
		label   string
		def     AttributeDef
		want    []AttributeDef // the Claim label's attributes after
		changed bool
	}{
		{"new attribute", "Claim", AttributeDef{Name: "topic"},
			[]AttributeDef{verdict("true", "false"), {Name: "note"}, {Name: "topic"}}, true},
		{"values the list lacks, in order", "Claim", verdict("false", "partly false", "satire"),
			[]AttributeDef{verdict("true", "false", "partly false", "satire"), {Name: "note"}}, true},
		{"values it has", "Claim", verdict("false"),
			[]AttributeDef{verdict("true", "false"), {Name: "note"}}, false},
		{"free text takes any value", "Claim", AttributeDef{Name: "note", Values: []string{"a", "b"}},
			[]AttributeDef{verdict("true", "false"), {Name: "note"}}, false},
		{"a label the set lacks", "Quote", verdict("x"),
			[]AttributeDef{verdict("true", "false"), {Name: "note"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := LabelSet{Labels: []Label{{Name: "Claim", Attributes: []AttributeDef{verdict("true", "false"), {Name: "note"}}}}}
			s := orig.Clone()
			if got := s.AddAttribute(tt.label, tt.def); got != tt.changed {
				t.Errorf("changed = %v, want %v", got, tt.changed)
			}
			if got := s.Labels[0].Attributes; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("attributes = %+v\nwant %+v", got, tt.want)
			}
			if got := orig.Labels[0].Attributes; !reflect.DeepEqual(got, []AttributeDef{verdict("true", "false"), {Name: "note"}}) {
				t.Errorf("the set cloned from changed: %+v", got)
			}
		})
	}
}

func TestLabelSetAdmitValues(t *testing.T) {
	ann := func(label string, kv ...string) Annotation {
		a := Annotation{Label: label, Attributes: map[string]string{}}
		for i := 0; i < len(kv); i += 2 {
			a.Attributes[kv[i]] = kv[i+1]
		}
		return a
	}
	tests := []struct {
		name    string
		anns    []Annotation
		want    []string // the Claim label's verdict values after
		changed bool
		added   []AttributeDef // attributes added to the label
	}{
		{"none", nil, []string{"true", "false"}, false, nil},
		{"values offered", []Annotation{ann("Claim", AttrVerdict, "false")}, []string{"true", "false"}, false, nil},
		{"new values in the order met, once",
			[]Annotation{ann("Claim", AttrVerdict, "satire"), ann("Claim", AttrVerdict, "partly false"), ann("Claim", AttrVerdict, "satire")},
			[]string{"true", "false", "satire", "partly false"}, true, nil},
		{"empty value", []Annotation{ann("Claim", AttrVerdict, "")}, []string{"true", "false"}, false, nil},
		{"attribute the label lacks", []Annotation{ann("Claim", "topic", "x"), ann("Claim", "topic", "y", "lang", "en")}, []string{"true", "false"}, true,
			[]AttributeDef{{Name: "topic", Values: []string{"x", "y"}}, {Name: "lang", Values: []string{"en"}}}},
		{"free text attribute", []Annotation{ann("Claim", "note", "anything")}, []string{"true", "false"}, false, nil},
		{"unknown label", []Annotation{ann("Quote", AttrVerdict, "x")}, []string{"true", "false"}, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := LabelSet{Labels: []Label{{Name: "Claim", Attributes: []AttributeDef{
				{Name: AttrVerdict, Values: []string{"true", "false"}}, {Name: "note"}}}}}
			if got := s.AdmitValues(tt.anns); got != tt.changed {
				t.Errorf("changed = %v, want %v", got, tt.changed)
			}
			if got := s.Labels[0].Attributes[0].Values; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("verdict values = %q, want %q", got, tt.want)
			}
			if got := s.Labels[0].Attributes[2:]; !reflect.DeepEqual(got, tt.added) && len(got)+len(tt.added) > 0 {
				t.Errorf("attributes added %+v, want %+v", got, tt.added)
			}
		})
	}
}

func TestLabelSetMerge(t *testing.T) {
	have := DefaultLabelSet()
	more := LabelSet{Labels: []Label{
		{Name: "Claim", Kind: KindClaim, Color: "#000000", Key: "1"},
		{Name: "Cue", Kind: KindOther, Color: "#111111", Key: "1"},
		{Name: "Quote", Kind: KindClaim, Color: "#222222", Key: "9"},
	}}
	got, added := have.Merge(more)
	if !reflect.DeepEqual(added, []string{"Cue", "Quote"}) {
		t.Errorf("added %v; want [Cue Quote]", added)
	}
	if cue, _ := got.Find("Cue"); cue.Key != "" {
		t.Errorf("Cue key %q; want none (1 is taken)", cue.Key)
	}
	if q, _ := got.Find("Quote"); q.Key != "9" {
		t.Errorf("Quote key %q; want 9", q.Key)
	}
	if err := got.Validate(); err != nil {
		t.Error(err)
	}
	more.Labels[0].Attributes = []AttributeDef{
		{Name: AttrVerdict, Values: []string{"false", "satire"}}, {Name: "topic"}}
	got, _ = have.Merge(more)
	claim, _ := got.Find("Claim")
	if v, _ := claim.Attribute(AttrVerdict); v.Values[len(v.Values)-1] != "satire" || len(v.Values) != 7 {
		t.Errorf("Claim verdict values %q; want the six it had, then satire", v.Values)
	}
	if _, ok := claim.Attribute("topic"); !ok {
		t.Error("Claim lacks the attribute topic that more defines")
	}
	if claim.Color != "#e6a700" || claim.Key != "1" {
		t.Errorf("Claim became %+v; want its colour and key kept", claim)
	}
	if !reflect.DeepEqual(have, DefaultLabelSet()) {
		t.Error("Merge changed have")
	}
}
