package annotation

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestValidVerb(t *testing.T) {
	tests := []struct {
		verb string
		want bool
	}{
		{"opine", true}, {"opined", true}, {"co-signed", true}, {"o'er", true}, {"o’er", true},
		{"erklärte", true}, {"заявил", true},
		{"", false}, {"Opined", false}, {"point out", false}, {" opine", false}, {"opine\n", false},
		{"-opine", false}, {"opine-", false}, {"re--post", false}, {"tweet2", false}, {"said,", false},
		{"according to", false},
	}
	for _, tt := range tests {
		if got := ValidVerb(tt.verb); got != tt.want {
			t.Errorf("ValidVerb(%q) = %v, want %v", tt.verb, got, tt.want)
		}
	}
}

func TestCleanVerbs(t *testing.T) {
	tests := []struct {
		in         []string
		clean, bad []string
	}{
		{nil, nil, nil},
		{[]string{" Opine ", "opines", "OPINES", "", "  "}, []string{"opine", "opines"}, nil},
		{[]string{"point out", "quipped", "point out", "x2"}, []string{"quipped"}, []string{"point out", "x2"}},
	}
	for _, tt := range tests {
		clean, bad := CleanVerbs(tt.in)
		if !slices.Equal(clean, tt.clean) || !slices.Equal(bad, tt.bad) {
			t.Errorf("CleanVerbs(%q) = %q, %q; want %q, %q", tt.in, clean, bad, tt.clean, tt.bad)
		}
	}
}

func TestCodebookValidateVerbs(t *testing.T) {
	tests := []struct {
		verbs []string
		say   string // part of the error; "" for valid
	}{
		{nil, ""},
		{[]string{"opine", "opines", "opined", "opining"}, ""},
		{[]string{"opine", "Opines"}, "has capitals"},
		{[]string{"point out"}, "is not one word"},
		{[]string{"opine", "opine"}, "listed twice"},
		{[]string{""}, "is empty"},
		{[]string{"said!"}, `holds '!'`},
	}
	for _, tt := range tests {
		s := FactCheckingTemplate()
		s.Verbs = tt.verbs
		err := s.Validate()
		switch {
		case tt.say == "" && err != nil:
			t.Errorf("verbs %q: Validate() = %v, want nil", tt.verbs, err)
		case tt.say != "" && (err == nil || !strings.Contains(err.Error(), tt.say) || !errors.Is(err, ErrBadLabel)):
			t.Errorf("verbs %q: Validate() = %v, want an ErrBadLabel saying %q", tt.verbs, err, tt.say)
		}
	}
}

func TestCodebookEditSetVerbs(t *testing.T) {
	base := FactCheckingTemplate()
	base.Verbs = []string{"opine"}
	tests := []struct {
		name  string
		verbs []string
		want  []string
		err   bool
	}{
		{"replace", []string{"quip", "quipped"}, []string{"quip", "quipped"}, false},
		{"a repeat kept once, in order", []string{"quipped", "quip", "quipped"}, []string{"quipped", "quip"}, false},
		{"none", nil, nil, false},
		{"an empty list is none", []string{}, nil, false},
		{"a phrase", []string{"quip", "point out"}, nil, true},
		{"capitals", []string{"Quip"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := base.Clone()
			e := CodebookEdit{Op: OpSetVerbs, Verbs: tt.verbs}
			got, err := e.Apply(base)
			switch {
			case tt.err:
				if !errors.Is(err, ErrBadLabel) {
					t.Fatalf("Apply: %v, want ErrBadLabel", err)
				}
			case err != nil:
				t.Fatalf("Apply: %v", err)
			case !reflect.DeepEqual(got.Verbs, tt.want):
				t.Errorf("verbs = %#v, want %#v", got.Verbs, tt.want)
			}
			if !reflect.DeepEqual(base, before) {
				t.Errorf("Apply changed the codebook it was given")
			}
			if e.TouchesAnnotations() {
				t.Errorf("setting the verbs touches annotations")
			}
			if len(tt.verbs) > 0 && !tt.err {
				tt.verbs[0] = "changed"
				if got.Verbs[0] == "changed" {
					t.Errorf("the codebook made shares the edit's slice")
				}
			}
		})
	}
}

// A merge takes the union of the verbs: the project's, then the file's it
// lacks; the edits reach Merge's codebook.
func TestMergeVerbs(t *testing.T) {
	tests := []struct {
		name         string
		have, more   []string
		want         []string
		wantEdit     bool
		wantSentence string
	}{
		{"into none", nil, []string{"opine", "opines"}, []string{"opine", "opines"}, true, "the reporting verbs are now opine, opines"},
		{"union", []string{"opine", "quip"}, []string{"quip", "opined"}, []string{"opine", "quip", "opined"}, true, "the reporting verbs are now opine, quip, opined"},
		{"nothing new", []string{"opine", "quip"}, []string{"quip"}, []string{"opine", "quip"}, false, ""},
		{"the file has none", []string{"opine"}, nil, []string{"opine"}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			have, more := FactCheckingTemplate(), FactCheckingTemplate()
			have.Verbs, more.Verbs = tt.have, tt.more
			merged, _ := have.Merge(more)
			if !slices.Equal(merged.Verbs, tt.want) {
				t.Errorf("Merge: verbs %q, want %q", merged.Verbs, tt.want)
			}
			edits, notes := have.MergeEdits(more)
			if len(notes) != 0 {
				t.Errorf("notes %q, want none", notes)
			}
			if got := len(edits) == 1; got != tt.wantEdit || len(edits) > 1 {
				t.Fatalf("edits %+v; want one edit: %v", edits, tt.wantEdit)
			}
			if !tt.wantEdit {
				return
			}
			if got := edits[0].Sentence(); got != tt.wantSentence {
				t.Errorf("sentence %q, want %q", got, tt.wantSentence)
			}
			s, err := edits[0].Apply(have)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s, merged) {
				t.Errorf("the edit makes\n%+v\nwant Merge's\n%+v", s, merged)
			}
		})
	}
}

func TestSetVerbsSentence(t *testing.T) {
	var many []string
	for _, r := range "abcdefghijklmnop" {
		many = append(many, string(r)+"ed")
	}
	tests := []struct {
		verbs []string
		want  string
	}{
		{nil, "removed the reporting verbs"},
		{[]string{"opine"}, "the reporting verbs are now opine"},
		{many, "the reporting verbs are now aed, bed, ced, ded, eed, fed, ged, hed, ied, jed, ked, led and 4 more"},
	}
	for _, tt := range tests {
		if got := (CodebookEdit{Op: OpSetVerbs, Verbs: tt.verbs}).Sentence(); got != tt.want {
			t.Errorf("Sentence(%q) = %q, want %q", tt.verbs, got, tt.want)
		}
	}
}
