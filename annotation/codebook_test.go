package annotation

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

func TestValidKey(t *testing.T) {
	tests := []struct {
		key  string
		want bool
	}{
		{"", true}, {"1", true}, {"9", true}, {"0", true}, {"a", true}, {"z", true},
		{"A", false}, {"10", false}, {" ", false}, {"é", false}, {"+", false}, {"F1", false},
	}
	for _, tt := range tests {
		if got := ValidKey(tt.key); got != tt.want {
			t.Errorf("ValidKey(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
}

func TestNextKey(t *testing.T) {
	withKeys := func(keys ...string) LabelSet {
		var s LabelSet
		for i, k := range keys {
			s.Labels = append(s.Labels, Label{Name: string(rune('A' + i)), Key: k})
		}
		return s
	}
	all := []string{}
	for _, r := range keyOrder {
		all = append(all, string(r))
	}
	tests := []struct {
		name string
		set  LabelSet
		want string
	}{
		{"empty", LabelSet{}, "1"},
		{"a gap", withKeys("1", "3"), "2"},
		{"digits taken: 0 after 9", withKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), "0"},
		{"then letters", withKeys("1", "2", "3", "4", "5", "6", "7", "8", "9", "0"), "a"},
		{"all taken", withKeys(all...), ""},
	}
	for _, tt := range tests {
		if got := tt.set.NextKey(); got != tt.want {
			t.Errorf("%s: NextKey() = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestKeysText(t *testing.T) {
	withKeys := func(keys ...string) LabelSet {
		var s LabelSet
		for i, k := range keys {
			s.Labels = append(s.Labels, Label{Name: string(rune('A' + i)), Key: k})
		}
		return s
	}
	tests := []struct {
		name string
		set  LabelSet
		want string
	}{
		{"none", LabelSet{}, ""},
		{"keyless labels", withKeys("", ""), ""},
		{"eight keys", withKeys("1", "2", "3", "4", "5", "6", "7", "8"), "1–8"},
		{"nine", withKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), "1–9"},
		{"0 and letters", withKeys("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "a", "b", "c"), "1–9, 0, a–c"},
		{"gaps", withKeys("1", "3", "4", "5", "x"), "1, 3–5, x"},
		{"two in a row", withKeys("1", "2"), "1, 2"},
		{"in any order", withKeys("4", "1", "3", "2"), "1–4"},
	}
	for _, tt := range tests {
		if got := tt.set.KeysText(); got != tt.want {
			t.Errorf("%s: KeysText() = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCodebookValidate(t *testing.T) {
	ok := func() LabelSet { return FactCheckingTemplate() }
	tests := []struct {
		name   string
		change func(s *LabelSet)
		ok     bool
	}{
		{"the template", func(s *LabelSet) {}, true},
		{"no relations stored", func(s *LabelSet) { s.Relations = nil }, true},
		{"a letter key", func(s *LabelSet) { s.Labels[0].Key = "q" }, true},
		{"key used twice", func(s *LabelSet) { s.Labels[1].Key = "1" }, false},
		{"upper-case key", func(s *LabelSet) { s.Labels[0].Key = "Q" }, false},
		{"two-character key", func(s *LabelSet) { s.Labels[0].Key = "11" }, false},
		{"cue kind", func(s *LabelSet) { s.Labels[0].Kind = KindCue }, true},
		{"unknown kind", func(s *LabelSet) { s.Labels[0].Kind = "verb" }, false},
		{"bad colour", func(s *LabelSet) { s.Labels[0].Color = "red" }, false},
		{"attribute without name", func(s *LabelSet) { s.Labels[0].Attributes[0].Name = " " }, false},
		{"attribute twice", func(s *LabelSet) { s.Labels[0].Attributes[1].Name = s.Labels[0].Attributes[0].Name }, false},
		{"default not in list", func(s *LabelSet) { s.Labels[1].Attributes[0].Default = "rumour" }, false},
		{"default of free text", func(s *LabelSet) { s.Labels[2].Attributes = []AttributeDef{{Name: "n", Default: "x"}} }, true},
		{"relation without name", func(s *LabelSet) { s.Relations[0].Name = "" }, false},
		{"relation name padded", func(s *LabelSet) { s.Relations[0].Name = " said_by" }, false},
		{"relation twice", func(s *LabelSet) { s.Relations[1].Name = "said_by" }, false},
		{"relation bad kind", func(s *LabelSet) { s.Relations[0].To = []Kind{"verb"} }, false},
		{"relation bad colour", func(s *LabelSet) { s.Relations[0].Color = "#12345" }, false},
		{"relation without colour", func(s *LabelSet) { s.Relations[0].Color = "" }, true},
		{"no relations", func(s *LabelSet) { s.Relations = []RelationType{} }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ok()
			tt.change(&s)
			err := s.Validate()
			if (err == nil) != tt.ok {
				t.Fatalf("Validate() = %v, want ok %v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, ErrBadLabel) {
				t.Errorf("error %v does not wrap ErrBadLabel", err)
			}
		})
	}
}

func TestTemplates(t *testing.T) {
	names := map[string][]string{
		"Fact-checking":  {"Claim", "Source", "Person", "Organisation", "Location", "Date", "Event", "Other", "Cue"},
		"Attribution":    {"Source", "Cue", "Content"},
		"Named entities": {"PER", "ORG", "LOC", "MISC"},
		"Empty":          nil,
	}
	for _, tp := range Templates() {
		s := tp.Codebook()
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", tp.Name, err)
		}
		var got []string
		for _, l := range s.Labels {
			got = append(got, l.Name)
		}
		if !reflect.DeepEqual(got, names[tp.Name]) {
			t.Errorf("%s: labels %v, want %v", tp.Name, got, names[tp.Name])
		}
		if s.Relations == nil {
			t.Errorf("%s: relation types left implicit", tp.Name)
		}
	}
	if cue, _ := FactCheckingTemplate().Find("Cue"); cue.Kind != KindCue {
		t.Errorf("Fact-checking's Cue has kind %q", cue.Kind)
	}
	parc := AttributionTemplate()
	if r, ok := parc.Relation("said_by"); !ok || !r.Connects(KindClaim, KindSource) {
		t.Errorf("Attribution lacks the content-to-source relation: %+v", r)
	}
	if len(EmptyTemplate().RelationTypes()) != 0 {
		t.Errorf("Empty has relation types")
	}
}

// TestLabelSetJSON: a codebook stored before relation types and guidelines
// reads with the default relation types; an explicitly empty list stays
// empty; the new members round-trip.
func TestLabelSetJSON(t *testing.T) {
	var old LabelSet
	if err := json.Unmarshal([]byte(`{"labels":[{"name":"Claim","kind":"claim","color":"#e6a700","key":"1"}]}`), &old); err != nil {
		t.Fatal(err)
	}
	if got, want := old.RelationTypes(), DefaultRelationTypes(); !reflect.DeepEqual(got, want) {
		t.Errorf("old file's relation types = %+v, want the defaults", got)
	}
	if _, ok := old.Relation("said_by"); !ok {
		t.Errorf("old file lacks said_by")
	}
	for _, s := range []LabelSet{FactCheckingTemplate(), NamedEntitiesTemplate(), EmptyTemplate()} {
		raw, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back LabelSet
		if err := json.Unmarshal(raw, &back); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back.RelationTypes(), s.RelationTypes()) || back.Guidelines != s.Guidelines {
			t.Errorf("%s round trip: got %+v", raw, back)
		}
	}
	raw, _ := json.Marshal(DefaultLabelSet())
	if string(raw) != `{"labels":`+string(mustJSON(t, DefaultLabelSet().Labels))+`}` {
		t.Errorf("a codebook with default relations writes them: %s", raw)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestLinkValidationFollowsRelationTypes(t *testing.T) {
	o := NewOffsets("Ann said it.")
	a := Annotation{ID: 1, Label: "Claim", Spans: []Span{{0, 3, "Ann"}}, Links: []Link{{Type: "attribution", Target: 2}}}
	s := DefaultLabelSet()
	if err := a.Validate(o, s, nil); !errors.Is(err, ErrBadLink) {
		t.Errorf("unknown relation type: %v, want ErrBadLink", err)
	}
	s.AddRelation(RelationType{Name: "attribution"})
	if err := a.Validate(o, s, nil); err != nil {
		t.Errorf("added relation type: %v", err)
	}
	if _, ok := s.Relation("said_by"); !ok {
		t.Errorf("AddRelation dropped the defaults")
	}
}

func TestCodebookEditApply(t *testing.T) {
	base := FactCheckingTemplate()
	tests := []struct {
		name  string
		edit  CodebookEdit
		check func(s LabelSet) bool
		err   error
	}{
		{"add label at the end", CodebookEdit{Op: OpAddLabel, At: -1, Def: Label{Name: "Quote", Kind: KindClaim, Color: "#123456", Key: "a"}},
			func(s LabelSet) bool { return s.Labels[len(s.Labels)-1].Name == "Quote" }, nil},
		{"add label first", CodebookEdit{Op: OpAddLabel, At: 0, Def: Label{Name: "Quote", Kind: KindClaim, Color: "#123456"}},
			func(s LabelSet) bool { return s.Labels[0].Name == "Quote" }, nil},
		{"add label with a key in use", CodebookEdit{Op: OpAddLabel, Def: Label{Name: "Quote", Kind: KindClaim, Color: "#123456", Key: "1"}}, nil, ErrBadLabel},
		{"add a name in use", CodebookEdit{Op: OpAddLabel, Def: Label{Name: "Claim", Kind: KindClaim, Color: "#123456"}}, nil, ErrBadLabel},
		{"rename keeps attributes", CodebookEdit{Op: OpUpdateLabel, Label: "Claim", Def: Label{Name: "Statement", Kind: KindClaim, Color: "#e6a700", Key: "1"}},
			func(s LabelSet) bool { l, ok := s.Find("Statement"); return ok && len(l.Attributes) == 2 }, nil},
		{"update a missing label", CodebookEdit{Op: OpUpdateLabel, Label: "Quote", Def: Label{Name: "Quote"}}, nil, ErrNotFound},
		{"move", CodebookEdit{Op: OpMoveLabel, Label: "Cue", At: 1},
			func(s LabelSet) bool { return s.Labels[1].Name == "Cue" && len(s.Labels) == 9 }, nil},
		{"delete into itself", CodebookEdit{Op: OpDeleteLabel, Label: "Claim", Into: "Claim"}, nil, ErrUnknownLabel},
		{"delete into a missing label", CodebookEdit{Op: OpDeleteLabel, Label: "Claim", Into: "Quote"}, nil, ErrUnknownLabel},
		{"delete", CodebookEdit{Op: OpDeleteLabel, Label: "Claim", Drop: true},
			func(s LabelSet) bool { _, ok := s.Find("Claim"); return !ok }, nil},
		{"add attribute", CodebookEdit{Op: OpAddAttribute, Label: "Event", Attr: AttributeDef{Name: "recurring", Values: []string{"yes", "no"}}},
			func(s LabelSet) bool { l, _ := s.Find("Event"); return len(l.Attributes) == 1 }, nil},
		{"add an attribute twice", CodebookEdit{Op: OpAddAttribute, Label: "Claim", Attr: AttributeDef{Name: AttrVerdict}}, nil, ErrBadLabel},
		{"rename attribute", CodebookEdit{Op: OpUpdateAttribute, Label: "Claim", Name: AttrVerdict, Attr: AttributeDef{Name: "rating"}},
			func(s LabelSet) bool { l, _ := s.Find("Claim"); _, ok := l.Attribute("rating"); return ok }, nil},
		{"delete a missing attribute", CodebookEdit{Op: OpDeleteAttribute, Label: "Claim", Name: "rating"}, nil, ErrNotFound},
		{"add relation", CodebookEdit{Op: OpAddRelation, Relation: RelationType{Name: "contradicts", From: []Kind{KindClaim}, To: []Kind{KindClaim}}},
			func(s LabelSet) bool { _, ok := s.Relation("contradicts"); return ok }, nil},
		{"add a relation twice", CodebookEdit{Op: OpAddRelation, Relation: RelationType{Name: "about"}}, nil, ErrBadLabel},
		{"rename relation", CodebookEdit{Op: OpUpdateRelation, Name: "about", Relation: RelationType{Name: "mentions"}},
			func(s LabelSet) bool {
				_, ok := s.Relation("about")
				_, ok2 := s.Relation("mentions")
				return !ok && ok2
			}, nil},
		{"retype into a missing type", CodebookEdit{Op: OpDeleteRelation, Name: "about", Into: "mentions"}, nil, ErrBadLink},
		{"guidelines", CodebookEdit{Op: OpSetGuidelines, Guidelines: "# New"},
			func(s LabelSet) bool { return s.Guidelines == "# New" }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := base.Clone()
			got, err := tt.edit.Apply(base)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("Apply: %v, want %v", err, tt.err)
				}
			} else if err != nil {
				t.Fatalf("Apply: %v", err)
			} else if !tt.check(got) {
				t.Errorf("Apply gave %+v", got)
			}
			if !reflect.DeepEqual(base, before) {
				t.Errorf("Apply changed the codebook it was given")
			}
		})
	}
}

func TestCodebookEditRewrite(t *testing.T) {
	ann := func(id uint64, label string, attrs map[string]string, links ...Link) Annotation {
		return Annotation{ID: id, DocID: 7, Label: label, Attributes: attrs, Links: links}
	}
	anns := []Annotation{
		ann(1, "Source", nil, Link{Type: LinkIs, Target: 3}),
		ann(2, "Claim", map[string]string{AttrVerdict: "false", AttrCheckWorthy: "yes"}, Link{Type: LinkSaidBy, Target: 1}, Link{Type: LinkAbout, Target: 3}),
		ann(3, "Person", nil),
	}
	type result struct {
		put []Annotation
		del []uint64
	}
	tests := []struct {
		name string
		edit CodebookEdit
		want result
		err  error
	}{
		{"rename label", CodebookEdit{Op: OpUpdateLabel, Label: "Person", Def: Label{Name: "PER"}},
			result{put: []Annotation{ann(3, "PER", nil)}}, nil},
		{"recolour touches nothing", CodebookEdit{Op: OpUpdateLabel, Label: "Person", Def: Label{Name: "Person", Color: "#000000"}},
			result{}, nil},
		{"delete label, moving", CodebookEdit{Op: OpDeleteLabel, Label: "Person", Into: "Other"},
			result{put: []Annotation{ann(3, "Other", nil)}}, nil},
		{"delete label with its annotations and the links to them", CodebookEdit{Op: OpDeleteLabel, Label: "Person", Drop: true},
			result{put: []Annotation{ann(1, "Source", nil), ann(2, "Claim", map[string]string{AttrVerdict: "false", AttrCheckWorthy: "yes"}, Link{Type: LinkSaidBy, Target: 1})}, del: []uint64{3}}, nil},
		{"delete a label in use, neither moved nor dropped", CodebookEdit{Op: OpDeleteLabel, Label: "Person"}, result{}, ErrInUse},
		{"rename attribute", CodebookEdit{Op: OpUpdateAttribute, Label: "Claim", Name: AttrVerdict, Attr: AttributeDef{Name: "rating", Values: []string{"true", "false"}}},
			result{put: []Annotation{ann(2, "Claim", map[string]string{"rating": "false", AttrCheckWorthy: "yes"}, Link{Type: LinkSaidBy, Target: 1}, Link{Type: LinkAbout, Target: 3})}}, nil},
		{"rename a value", CodebookEdit{Op: OpUpdateAttribute, Label: "Claim", Name: AttrVerdict, Attr: AttributeDef{Name: AttrVerdict, Values: []string{"true", "wrong"}}, Values: map[string]string{"false": "wrong"}},
			result{put: []Annotation{ann(2, "Claim", map[string]string{AttrVerdict: "wrong", AttrCheckWorthy: "yes"}, Link{Type: LinkSaidBy, Target: 1}, Link{Type: LinkAbout, Target: 3})}}, nil},
		{"drop a value in use", CodebookEdit{Op: OpUpdateAttribute, Label: "Claim", Name: AttrVerdict, Attr: AttributeDef{Name: AttrVerdict, Values: []string{"true"}}}, result{}, ErrInUse},
		{"delete attribute", CodebookEdit{Op: OpDeleteAttribute, Label: "Claim", Name: AttrVerdict},
			result{put: []Annotation{ann(2, "Claim", map[string]string{AttrCheckWorthy: "yes"}, Link{Type: LinkSaidBy, Target: 1}, Link{Type: LinkAbout, Target: 3})}}, nil},
		{"rename relation", CodebookEdit{Op: OpUpdateRelation, Name: "about", Relation: RelationType{Name: "mentions"}},
			result{put: []Annotation{ann(2, "Claim", map[string]string{AttrVerdict: "false", AttrCheckWorthy: "yes"}, Link{Type: LinkSaidBy, Target: 1}, Link{Type: "mentions", Target: 3})}}, nil},
		{"delete relation, retyping (a duplicate link merges)", CodebookEdit{Op: OpDeleteRelation, Name: "is", Into: "about"},
			result{put: []Annotation{ann(1, "Source", nil, Link{Type: LinkAbout, Target: 3})}}, nil},
		{"delete relation with its links", CodebookEdit{Op: OpDeleteRelation, Name: "is", Drop: true},
			result{put: []Annotation{ann(1, "Source", nil)}}, nil},
		{"delete a relation in use", CodebookEdit{Op: OpDeleteRelation, Name: "is"}, result{}, ErrInUse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := make([]Annotation, len(anns))
			for i, a := range anns {
				orig[i] = a.Clone()
			}
			put, del, err := tt.edit.Rewrite(anns)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("Rewrite: %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i := range put {
				if len(put[i].Links) == 0 {
					put[i].Links = nil
				}
			}
			if !reflect.DeepEqual(put, tt.want.put) || !reflect.DeepEqual(del, tt.want.del) {
				t.Errorf("put %+v\ndel %v\nwant put %+v\ndel %v", put, del, tt.want.put, tt.want.del)
			}
			if !reflect.DeepEqual(anns, orig) {
				t.Errorf("Rewrite changed the annotations it was given")
			}
		})
	}
}

func TestCodebookUse(t *testing.T) {
	var u CodebookUse
	for _, a := range []Annotation{
		{DocID: 1, Label: "Claim", Attributes: map[string]string{AttrVerdict: "false"}, Links: []Link{{Type: LinkSaidBy, Target: 2}}},
		{DocID: 1, Label: "Claim", Attributes: map[string]string{AttrVerdict: "true"}},
		{DocID: 2, Label: "Claim", Attributes: map[string]string{AttrVerdict: "false"}, Links: []Link{{Type: LinkSaidBy, Target: 5}}},
		{DocID: 2, Label: "Source"},
	} {
		u.Add(a)
	}
	if got, want := u.Labels["Claim"], (Use{Count: 3, Documents: 2}); got != want {
		t.Errorf("Claim: %+v, want %+v", got, want)
	}
	if got, want := u.Labels["Source"], (Use{Count: 1, Documents: 1}); got != want {
		t.Errorf("Source: %+v, want %+v", got, want)
	}
	if got, want := u.Relations["said_by"], (Use{Count: 2, Documents: 2}); got != want {
		t.Errorf("said_by: %+v, want %+v", got, want)
	}
	if got := u.Attributes["Claim"][AttrVerdict]["false"]; got != 2 {
		t.Errorf("verdict false: %d, want 2", got)
	}
	if got := u.AttributeUses("Claim", AttrVerdict); got != 3 {
		t.Errorf("verdict uses: %d, want 3", got)
	}
}

func TestLabelSetLacks(t *testing.T) {
	s := DefaultLabelSet()
	tests := []struct {
		attrs map[string]string
		want  int
	}{
		{nil, 0},
		{map[string]string{AttrVerdict: "false"}, 0},
		{map[string]string{AttrVerdict: "satire"}, 1},
		{map[string]string{"topic": "x", AttrVerdict: ""}, 1},
	}
	for _, tt := range tests {
		if got := s.Lacks(Annotation{Label: "Claim", Attributes: tt.attrs}); len(got) != tt.want {
			t.Errorf("Lacks(%v) = %q, want %d problems", tt.attrs, got, tt.want)
		}
	}
}

func TestWithValidKeys(t *testing.T) {
	s := LabelSet{Labels: []Label{{Name: "A", Key: "1"}, {Name: "B", Key: "1"}, {Name: "C", Key: "Q"}, {Name: "D", Key: "q"}, {Name: "E"}}}
	var got []string
	for _, l := range s.WithValidKeys().Labels {
		got = append(got, l.Key)
	}
	if want := []string{"1", "", "", "q", ""}; !reflect.DeepEqual(got, want) {
		t.Errorf("keys %q, want %q", got, want)
	}
	if s.Labels[2].Key != "Q" {
		t.Errorf("the set given changed")
	}
	merged, _ := LabelSet{}.Merge(s)
	got = nil
	for _, l := range merged.Labels {
		got = append(got, l.Key)
	}
	if want := []string{"1", "", "", "q", ""}; !reflect.DeepEqual(got, want) {
		t.Errorf("merged keys %q, want %q", got, want)
	}
}
