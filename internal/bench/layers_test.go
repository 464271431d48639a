package bench

import (
	"reflect"
	"testing"

	"glossa/annotation"
)

// TestLayers: annotator layers are the same for the same seed, what the
// store accepts, and each its own perturbation of the document's
// annotations.
func TestLayers(t *testing.T) {
	labels := annotation.DefaultLabelSet()
	c := Config{Seed: 3, Documents: 12, Annotations: 1500, MinBytes: 2 << 10, MaxBytes: 8 << 10}
	source, kept, added := 0, 0, 0
	err := c.Each(func(b annotation.Bundle) error {
		layers := Layers(b, Annotators, 11)
		if again := Layers(b, Annotators, 11); !reflect.DeepEqual(layers, again) {
			t.Errorf("document %d: layers differ from one call to the next", b.Document.ID)
		}
		if reflect.DeepEqual(layers["maria"], layers["kwame"]) {
			t.Errorf("document %d: two annotators' layers are the same", b.Document.ID)
		}
		o := annotation.NewOffsets(b.Document.Text)
		ids := map[uint64]bool{}
		for _, a := range b.Annotations {
			ids[a.ID] = true
		}
		for _, who := range Annotators {
			inLayer := map[uint64]bool{}
			for _, a := range layers[who] {
				inLayer[a.ID] = true
			}
			for _, a := range layers[who] {
				if err := a.Validate(o, labels, func(id uint64) bool { return inLayer[id] }); err != nil {
					t.Errorf("document %d, %s: annotation %d: %v", b.Document.ID, who, a.ID, err)
				}
				if a.Author != who {
					t.Errorf("document %d: annotation %d of %s's layer by %q", b.Document.ID, a.ID, who, a.Author)
				}
				if ids[a.ID] {
					kept++
				} else {
					added++
				}
			}
		}
		source += len(b.Annotations) * len(Annotators)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// 1 in 12 dropped, 1 in 20 added: about 92% kept and 4.6% added.
	if k, a := float64(kept)/float64(source), float64(added)/float64(source); k < 0.88 || k > 0.96 || a < 0.02 || a > 0.08 {
		t.Errorf("kept %.3f, added %.3f of the annotations; want about 0.92 and 0.046", k, a)
	}
}
