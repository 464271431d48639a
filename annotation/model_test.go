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
