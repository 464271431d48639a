package formattest

import "testing"

func TestFixtureIsValid(t *testing.T) {
	h := Header()
	if err := h.Labels.Validate(); err != nil {
		t.Fatal(err)
	}
	CheckBundles(t, h.Labels, Bundles())
}
