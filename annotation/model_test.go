package annotation

import "testing"

func TestCloneSharesNothing(t *testing.T) {
	a := Annotation{
		ID:         1,
		Spans:      []Span{{Start: 0, End: 3, Text: "Ana"}},
		Links:      []Link{{Type: LinkSaidBy, Target: 2}},
		Attributes: map[string]string{"verdict": "false"},
	}
	b := a.Clone()
	b.Spans[0].Text = "changed"
	b.Links[0].Target = 9
	b.Attributes["verdict"] = "true"
	if a.Spans[0].Text != "Ana" || a.Links[0].Target != 2 || a.Attributes["verdict"] != "false" {
		t.Errorf("editing the clone changed the original: %+v", a)
	}
}

func TestParseLinkType(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want LinkType
		ok   bool
	}{
		{"said_by", LinkSaidBy, true},
		{"SaidBy", LinkSaidBy, true},
		{"said-by", LinkSaidBy, true},
		{"Said_By", LinkSaidBy, true},
		{"SAID_BY", LinkSaidBy, true},
		{" said by ", LinkSaidBy, true},
		{"About", LinkAbout, true},
		{"IS", LinkIs, true},
		{"Cue", LinkCue, true},
		{"Related", LinkOther, true},
		{"saidbyx", "", false},
		{"said", "", false},
		{"", "", false},
		{"-_ ", "", false},
		{"Coref", "", false},
	} {
		got, ok := ParseLinkType(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseLinkType(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
