package glossajson

import (
	"reflect"
	"strings"
	"testing"

	"glossa/annotation"
)

// TestCodebookInHeader: the codebook's relation types, guidelines and verbs are
// written in the header, read back as they were (an empty list of relation
// types stays empty, none stays the defaults) in both variants, and the
// schema takes them.
func TestCodebookInHeader(t *testing.T) {
	custom := annotation.FactCheckingTemplate()
	custom.Relations = append(custom.Relations, annotation.RelationType{Name: "contradicts", From: []annotation.Kind{annotation.KindClaim}, To: []annotation.Kind{annotation.KindClaim}, Description: "A claim denies another."})
	for _, tc := range []struct {
		name   string
		labels annotation.LabelSet
		member bool // relations written
	}{
		{"custom relation types and guidelines", custom, true},
		{"no relation types", annotation.EmptyTemplate(), true},
		{"the defaults, never changed", annotation.DefaultLabelSet(), false},
		{"reporting verbs", annotation.LabelSet{Labels: annotation.DefaultLabelSet().Labels, Verbs: []string{"opine", "opined"}}, false},
	} {
		for _, opts := range []testOpts{{}, {JSONLines: true}} {
			h, bundles := fixture(t)
			h.Labels = tc.labels
			data := encode(t, opts, h, bundles[3:])
			if got := strings.Contains(string(data), `"relations":`); got != tc.member {
				t.Errorf("%s, lines %v: relations written %v, want %v", tc.name, opts.JSONLines, got, tc.member)
			}
			dh, _ := decode(t, data)
			if !reflect.DeepEqual(dh.Labels, h.Labels) {
				t.Errorf("%s, lines %v: decoded codebook\n got %+v\nwant %+v", tc.name, opts.JSONLines, dh.Labels, h.Labels)
			}
			validateSchema(t, data, opts.JSONLines)
		}
	}
}

// A dataset's verbs are lower-cased and kept once as they are read; one
// that is not a word is kept, for the store to refuse with a sentence.
func TestHeaderVerbsCleaned(t *testing.T) {
	for _, data := range []string{
		`{"format":"glossa","version":1,"offsets":"codepoint","project":"p","labels":[],"verbs":["Opined"," opined","point out"],"entities":[],"documents":[]}`,
		`{"format":"glossa-lines","version":1,"offsets":"codepoint","project":"p","labels":[],"verbs":["Opined"," opined","point out"],"entities":[]}` + "\n",
	} {
		h, _ := decode(t, []byte(data))
		if want := []string{"opined", "point out"}; !reflect.DeepEqual(h.Labels.Verbs, want) {
			t.Errorf("verbs %q, want %q", h.Labels.Verbs, want)
		}
	}
}
