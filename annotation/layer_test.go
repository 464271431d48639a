package annotation

import (
	"errors"
	"slices"
	"testing"
)

func TestLayerOf(t *testing.T) {
	for _, tt := range []struct {
		a    Annotation
		want string
	}{
		{Annotation{Layer: "ana", Author: "ben"}, "ana"},
		{Annotation{Author: "ben"}, "ben"},
		{Annotation{Layer: CuratedLayer, Author: "ben"}, CuratedLayer},
		{Annotation{}, ""},
	} {
		if got := LayerOf(tt.a); got != tt.want {
			t.Errorf("LayerOf(%+v) = %q; want %q", tt.a, got, tt.want)
		}
	}
}

func TestValidAnnotatorName(t *testing.T) {
	for _, tt := range []struct {
		name string
		ok   bool
	}{
		{"ana", true},
		{"Ana María", true},
		{"李明", true},
		{"ana (file.json)", true},
		{"a#b", true},
		{"", false},
		{"   ", false},
		{"\t", false},
		{"#curated", false},
		{"#ana", false},
		{"ana\nben", false},
		{"ana\tben", false},
		{"ana\x00", false},
		{"ana\u0085", false},
	} {
		err := ValidAnnotatorName(tt.name)
		if (err == nil) != tt.ok || (err != nil && !errors.Is(err, ErrAnnotatorName)) {
			t.Errorf("ValidAnnotatorName(%q) = %v; want ok %v", tt.name, err, tt.ok)
		}
	}
	if err := ValidLayer(CuratedLayer); err != nil {
		t.Errorf("ValidLayer(CuratedLayer) = %v", err)
	}
}

func TestVersionOf(t *testing.T) {
	source := Annotation{ID: 1, Label: "Source", Spans: []Span{{0, 3, "Ana"}}, Author: "ana"}
	claim := Annotation{ID: 2, Label: "Claim", Spans: []Span{{10, 20, "x"}, {4, 8, "y"}}, Author: "ana",
		Attributes: map[string]string{"verdict": "false"}, Note: "n", Entity: 3,
		Links: []Link{{Type: LinkSaidBy, Target: 1}}}
	byID := map[uint64]Annotation{1: source, 2: claim}
	base := VersionOf(claim, byID)
	if base.Layer != "ana" || base.Fingerprint != "Claim 4-8,10-20" || len(base.Digest) != 64 {
		t.Fatalf("VersionOf = %+v", base)
	}
	// The same annotation under other ids, in another copy of the
	// project, has the same version; any change of content another.
	copied := claim.Clone()
	copied.ID, copied.Links[0].Target = 20, 10
	src2 := source
	src2.ID = 10
	if got := VersionOf(copied, map[uint64]Annotation{10: src2}); got != base {
		t.Errorf("the same claim under other ids: %+v; want %+v", got, base)
	}
	for name, edit := range map[string]func(a *Annotation){
		"label":     func(a *Annotation) { a.Label = "Source" },
		"span":      func(a *Annotation) { a.Spans[0].End = 21 },
		"attribute": func(a *Annotation) { a.Attributes["verdict"] = "true" },
		"note":      func(a *Annotation) { a.Note = "m" },
		"entity":    func(a *Annotation) { a.Entity = 4 },
		"link type": func(a *Annotation) { a.Links[0].Type = LinkAbout },
		"link gone": func(a *Annotation) { a.Links = nil },
	} {
		b := claim.Clone()
		edit(&b)
		if got := VersionOf(b, byID); got.Digest == base.Digest {
			t.Errorf("%s changed: the digest stayed %s", name, got.Digest)
		}
	}
	moved := source
	moved.Spans = []Span{{1, 3, "na"}}
	if got := VersionOf(claim, map[uint64]Annotation{1: moved}); got.Digest == base.Digest {
		t.Error("the link's target moved: the digest stayed")
	}
	other := claim.Clone()
	other.Author, other.Layer = "ben", ""
	if got := VersionOf(other, byID); got.Layer != "ben" || got.Digest != base.Digest {
		t.Errorf("ben's copy: %+v; want layer ben and the same digest", got)
	}
	if LayerDigest([]Annotation{source, claim}) != LayerDigest([]Annotation{copied, src2}) {
		t.Error("LayerDigest differs for the same layer under other ids, in another order")
	}
	if LayerDigest([]Annotation{source, claim}) == LayerDigest([]Annotation{source}) {
		t.Error("LayerDigest is the same without the claim")
	}
}

func TestSettleLayers(t *testing.T) {
	a := func(id uint64, author, layer string, targets ...uint64) Annotation {
		x := Annotation{ID: id, Author: author, Layer: layer}
		for _, t := range targets {
			x.Links = append(x.Links, Link{Type: LinkSaidBy, Target: t})
		}
		return x
	}
	for _, tt := range []struct {
		name    string
		in      []Annotation
		want    []string // LayerOf after
		changed []int
		err     error
	}{
		{"no links", []Annotation{a(1, "ana", ""), a(2, "", "")}, []string{"ana", ""}, nil, nil},
		{"links inside a layer", []Annotation{a(1, "ana", "", 2), a(2, "ana", "")}, []string{"ana", "ana"}, nil, nil},
		{"a tagged claim to an imported source", []Annotation{a(1, "ana", "", 2), a(2, "", "")}, []string{"ana", "ana"}, []int{1}, nil},
		{"the name seen most wins", []Annotation{a(1, "ben", "", 2), a(2, "ana", "", 3), a(3, "ana", "")}, []string{"ana", "ana", "ana"}, []int{0}, nil},
		{"a tie goes to the first name", []Annotation{a(1, "ben", "", 2), a(2, "ana", "")}, []string{"ana", "ana"}, []int{0}, nil},
		{"a Layer set wins", []Annotation{a(1, "ben", "", 2), a(2, "ben", "", 3), a(3, "x", "ana")}, []string{"ana", "ana", "ana"}, []int{0, 1}, nil},
		{"two groups", []Annotation{a(1, "ben", "", 2), a(2, "", ""), a(3, "ana", "", 4), a(4, "cy", ""), a(5, "dee", "")},
			[]string{"ben", "ben", "ana", "ana", "dee"}, []int{1, 3}, nil},
		{"a link to another document's id", []Annotation{a(1, "ana", "", 99)}, []string{"ana"}, nil, nil},
		{"two Layers linked", []Annotation{a(1, "", "ana", 2), a(2, "", "ben")}, []string{"ana", "ben"}, nil, ErrCrossLayer},
	} {
		t.Run(tt.name, func(t *testing.T) {
			changed, err := SettleLayers(tt.in)
			if !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
				t.Fatalf("error %v; want %v", err, tt.err)
			}
			var got []string
			for _, x := range tt.in {
				got = append(got, LayerOf(x))
			}
			if !slices.Equal(got, tt.want) || !slices.Equal(changed, tt.changed) {
				t.Errorf("layers %q, changed %v; want %q, %v", got, changed, tt.want, tt.changed)
			}
		})
	}
}
