package dataset

import (
	"testing"

	"glossa/annotation"
)

// Label names other tools and corpora use get the kind they stand for
// (PARC and PolNeAR name theirs Source, Cue and Content).
func TestInferKind(t *testing.T) {
	for _, tc := range []struct {
		name string
		want annotation.Kind
	}{
		{"Content", annotation.KindClaim},
		{"QUOTE", annotation.KindClaim},
		{"Source", annotation.KindSource},
		{" speaker ", annotation.KindSource},
		{"Cue", annotation.KindCue},
		{"CUE", annotation.KindCue},
		{"reporting_verb", annotation.KindCue},
		{"Attribution-no-source", annotation.KindOther},
		{"PER", annotation.KindEntity},
		{"work-of-art", annotation.KindEntity},
		{"Discuss", annotation.KindOther},
	} {
		if got := InferKind(tc.name); got != tc.want {
			t.Errorf("InferKind(%q) = %q; want %q", tc.name, got, tc.want)
		}
	}
}
