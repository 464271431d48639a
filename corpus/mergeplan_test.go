package corpus

import (
	"strings"
	"testing"
	"time"

	"glossa/annotation"
)

func TestPlanEntities(t *testing.T) {
	project := []annotation.Entity{
		{ID: 1, Name: "Jerome Powell", Type: "Person", Aliases: []string{"Powell", "the chair"}},
		{ID: 2, Name: "Washington", Type: "Location"},
		{ID: 3, Name: "Federal Reserve", Type: "Organisation", Aliases: []string{"Fed"}},
		{ID: 4, Name: "Fed", Type: "Organisation"}, // a second entity of that name
		{ID: 5, Name: "Reuters"}, // no type
	}
	tests := []struct {
		name      string
		file      annotation.Entity
		want      uint64 // the project's id; 0: added
		conflicts int
	}{
		{"same name", annotation.Entity{ID: 10, Name: "Jerome Powell", Type: "Person"}, 1, 0},
		{"letter case and spaces", annotation.Entity{ID: 11, Name: "  jerome   POWELL ", Type: "Person"}, 1, 0},
		{"name is an alias there", annotation.Entity{ID: 12, Name: "powell", Type: "Person"}, 1, 0},
		{"alias is the name there", annotation.Entity{ID: 13, Name: "J. Powell", Type: "Person", Aliases: []string{"Jerome Powell"}}, 1, 0},
		{"no type in the file", annotation.Entity{ID: 14, Name: "Washington"}, 2, 0},
		{"no type in the project", annotation.Entity{ID: 15, Name: "Reuters", Type: "Organisation"}, 5, 0},
		{"a name wins over an alias, then the lower id", annotation.Entity{ID: 16, Name: "fed", Type: "Organisation"}, 4, 0},
		{"same name, another type", annotation.Entity{ID: 17, Name: "Washington", Type: "Person"}, 0, 1},
		{"new", annotation.Entity{ID: 18, Name: "Christine Lagarde", Type: "Person"}, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := planEntities(project, []annotation.Entity{tc.file})
			got, matched := p.ids[tc.file.ID]
			if tc.want == 0 {
				if matched || len(p.add) != 1 || p.add[0].ID != tc.file.ID {
					t.Errorf("matched %d, add %v; want it added", got, p.add)
				}
			} else if got != tc.want || len(p.add) != 0 {
				t.Errorf("matched %d (%v), add %v; want %d", got, matched, p.add, tc.want)
			}
			if len(p.conflicts) != tc.conflicts {
				t.Errorf("conflicts %q; want %d", p.conflicts, tc.conflicts)
			}
		})
	}
	p := planEntities(project, []annotation.Entity{{ID: 17, Name: "Washington", Type: "Person"}})
	for _, w := range []string{`"Washington" is a Person in the file`, `entity 2 "Washington" is a Location in the project`} {
		if !strings.Contains(p.conflicts[0], w) {
			t.Errorf("conflict %q; want it to say %q", p.conflicts[0], w)
		}
	}
}

func TestIncomingLayer(t *testing.T) {
	tests := []struct {
		layer, author, as, want string
	}{
		{"cleo", "ana", "bo", "cleo"},
		{annotation.CuratedLayer, "ana", "bo", annotation.CuratedLayer},
		{"", "ana", "bo", "ana"},
		{"", "", "bo", "bo"},
		{"", " ", " ", "ana.json"},
		{"", "", "", "ana.json"},
	}
	for _, tc := range tests {
		if got := incomingLayer(annotation.Annotation{Layer: tc.layer, Author: tc.author}, tc.as, "ana.json"); got != tc.want {
			t.Errorf("incomingLayer(layer %q, author %q, as %q) = %q; want %q", tc.layer, tc.author, tc.as, got, tc.want)
		}
	}
}

func TestLayerName(t *testing.T) {
	local := map[string]bool{"lead": true}
	tests := []struct {
		name, want string
		renamed    bool
	}{
		{"ana", "ana", false},
		{"lead", "lead (ana.json)", true},
		{"#curated", "curated (ana.json)", true},
	}
	for _, tc := range tests {
		got, renamed := layerName(tc.name, "ana.json", local)
		if got != tc.want || renamed != tc.renamed {
			t.Errorf("layerName(%q) = %q, %v; want %q, %v", tc.name, got, renamed, tc.want, tc.renamed)
		}
	}
}

func TestLayerDigest(t *testing.T) {
	at := func(sec int) time.Time { return time.Date(2026, 1, 1, 0, 0, sec, 0, time.UTC) }
	base := func() []annotation.Annotation {
		return []annotation.Annotation{
			{ID: 1, Label: "Source", Spans: []annotation.Span{{Start: 20, End: 30}}, Entity: 7, Author: "ana", Created: at(1)},
			{ID: 2, Label: "Claim", Spans: []annotation.Span{{Start: 0, End: 15}}, Attributes: map[string]string{"verdict": "false"},
				Links: []annotation.Link{{Type: annotation.LinkSaidBy, Target: 1}}, Author: "ana", Created: at(2)},
		}
	}
	entities := map[uint64]annotation.Entity{7: {ID: 7, Name: "Powell", Type: "Person"}}
	want := layerDigest(base(), entities)
	same := map[string]func([]annotation.Annotation) ([]annotation.Annotation, map[uint64]annotation.Entity){
		"other ids, order and times": func(as []annotation.Annotation) ([]annotation.Annotation, map[uint64]annotation.Entity) {
			as[0].ID, as[1].ID, as[1].Links[0].Target = 41, 40, 41
			as[0].Created, as[1].Modified = at(9), at(9)
			return []annotation.Annotation{as[1], as[0]}, entities
		},
		"the origin a person's by default": func(as []annotation.Annotation) ([]annotation.Annotation, map[uint64]annotation.Entity) {
			as[1].Provenance.Origin = annotation.OriginPerson
			return as, entities
		},
		"the entity renumbered": func(as []annotation.Annotation) ([]annotation.Annotation, map[uint64]annotation.Entity) {
			as[0].Entity = 3
			return as, map[uint64]annotation.Entity{3: {ID: 3, Name: "Powell", Type: "Person"}}
		},
	}
	for name, change := range same {
		if got := layerDigest(change(base())); got != want {
			t.Errorf("%s: digest changed", name)
		}
	}
	differ := map[string]func([]annotation.Annotation){
		"label":      func(as []annotation.Annotation) { as[1].Label = "Quote" },
		"offsets":    func(as []annotation.Annotation) { as[1].Spans[0].End = 14 },
		"attribute":  func(as []annotation.Annotation) { as[1].Attributes["verdict"] = "true" },
		"note":       func(as []annotation.Annotation) { as[0].Note = "check" },
		"entity":     func(as []annotation.Annotation) { as[0].Entity = 8 },
		"link type":  func(as []annotation.Annotation) { as[1].Links[0].Type = annotation.LinkAbout },
		"link gone":  func(as []annotation.Annotation) { as[1].Links = nil },
		"author":     func(as []annotation.Annotation) { as[0].Author = "bo" },
		"provenance": func(as []annotation.Annotation) { as[0].Provenance.Origin = annotation.OriginSuggested },
	}
	for name, change := range differ {
		as := base()
		change(as)
		if got := layerDigest(as, entities); got == want {
			t.Errorf("%s changed: digest did not", name)
		}
	}
	if got := layerDigest(base()[:1], entities); got == want {
		t.Error("an annotation fewer: digest did not change")
	}
	if a, b := layerDigest(nil, nil), layerDigest([]annotation.Annotation{}, nil); a != b || len(a) != 64 {
		t.Errorf("empty layer digests %q and %q; want one 64-digit digest", a, b)
	}
}
