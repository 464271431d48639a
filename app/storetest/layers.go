package storetest

import (
	"errors"
	"maps"
	"testing"

	"glossa/annotation"
)

// The contract of annotator layers (session.LayerStore): links join
// annotations of one layer; summaries count by layer; ReplaceLayer replaces
// one layer of one document, keeps one edited here, and changes nothing
// when given what the layer holds.

// inLayer is the annotation of label over quote in layer.
func inLayer(t *testing.T, layer, label, quote string) annotation.Annotation {
	a := ann(t, Text, label, quote)
	a.Layer = layer
	return a
}

// benLayer is ben's layer of Text as a file holds it: a claim said by a
// source, by that file's ids.
func benLayer(t *testing.T, note string) []annotation.Annotation {
	src := inLayer(t, "", "Source", "The minister")
	src.ID, src.Author = 7, "ben"
	claim := inLayer(t, "", "Claim", "prices would fall")
	claim.ID, claim.Author, claim.Note = 8, "ben", note
	claim.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: 7}}
	return []annotation.Annotation{src, claim}
}

func layers(t *testing.T, open Open) {
	st := open(t, docs()...)
	own, err := st.Apply(1, []annotation.Annotation{inLayer(t, "ana", "Source", "The minister")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	claim := inLayer(t, "cy", "Claim", "prices would fall")
	claim.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: own[0].ID}}
	if _, err := st.Apply(1, []annotation.Annotation{claim}, nil); !errors.Is(err, annotation.ErrCrossLayer) {
		t.Errorf("a link across layers: %v; want ErrCrossLayer", err)
	}
	moved := own[0]
	moved.Layer = "cy"
	if _, err := st.Apply(1, []annotation.Annotation{moved}, nil); !errors.Is(err, annotation.ErrCrossLayer) {
		t.Errorf("moving an annotation to another layer: %v; want ErrCrossLayer", err)
	}

	first, err := st.ReplaceLayer(1, "ben", benLayer(t, "v1"), annotation.LayerSource{File: "ben.json", Digest: "d1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 2 || first[0].Layer != "ben" || first[1].Links[0].Target != first[0].ID || first[0].ID == 7 {
		t.Fatalf("ReplaceLayer stored %+v; want ben's source and claim under new ids, linked", first)
	}
	if got, want := summary(t, st, 1).Layers, map[string]int{"ana": 1, "ben": 2}; !maps.Equal(got, want) {
		t.Errorf("counts by layer %v; want %v", got, want)
	}
	src, found, err := st.LayerSource(1, "ben")
	if err != nil || !found || src.Digest != "d1" || src.File != "ben.json" || src.Edited {
		t.Errorf("LayerSource = %+v, %v, %v; want ben.json d1, not edited", src, found, err)
	}
	again, err := st.ReplaceLayer(1, "ben", benLayer(t, "v1"), annotation.LayerSource{File: "ben.json", Digest: "d1"})
	if err != nil || len(again) != 2 || again[0].ID != first[0].ID || again[1].ID != first[1].ID {
		t.Errorf("the same layer again: %+v, %v; want it unchanged, ids and all", again, err)
	}
	// Edited here: kept, unless told to overwrite it.
	edited := first[1]
	edited.Note = "mine"
	if _, err := st.Apply(1, []annotation.Annotation{edited}, nil); err != nil {
		t.Fatal(err)
	}
	if src, _, _ := st.LayerSource(1, "ben"); !src.Edited {
		t.Error("LayerSource after an edit here: not Edited")
	}
	if _, err := st.ReplaceLayer(1, "ben", benLayer(t, "v2"), annotation.LayerSource{File: "ben.json", Digest: "d2"}); !errors.Is(err, annotation.ErrLayerEdited) {
		t.Errorf("replacing an edited layer: %v; want ErrLayerEdited", err)
	}
	if _, err := st.ReplaceLayer(1, "ana", benLayer(t, ""), annotation.LayerSource{File: "ana.json"}); !errors.Is(err, annotation.ErrLayerEdited) {
		t.Errorf("replacing a layer made here: %v; want ErrLayerEdited", err)
	}
	newer, err := st.ReplaceLayer(1, "ben", benLayer(t, "v2"), annotation.LayerSource{File: "ben.json", Digest: "d2", Overwrite: true})
	if err != nil || len(newer) != 2 || newer[1].Note != "v2" {
		t.Errorf("overwriting: %+v, %v", newer, err)
	}
	if _, err := st.ReplaceLayer(1, "#ben", nil, annotation.LayerSource{}); !errors.Is(err, annotation.ErrAnnotatorName) {
		t.Errorf("a layer named #ben: %v; want ErrAnnotatorName", err)
	}
	ls, err := st.Layers()
	if err != nil || len(ls) != 2 || ls[0].Name != "ana" || ls[1].Name != "ben" || ls[1].Annotations != 2 || len(ls[1].Files) != 1 {
		t.Errorf("Layers = %+v, %v; want ana, then ben merged from ben.json", ls, err)
	}
}
