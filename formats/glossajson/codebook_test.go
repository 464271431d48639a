package glossajson

import (
	"reflect"
	"strings"
	"testing"

	"glossa/annotation"
)

// TestCodebookInHeader: the codebook's relation types and guidelines are
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
