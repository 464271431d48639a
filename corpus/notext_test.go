package corpus

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/storage"
)

// textless is a project whose texts cannot be read: EachBundle fails, as
// reading the texts bucket would be wasted for a format that needs none.
type textless struct{ *storage.Store }

var errTexts = errors.New("the texts were read")

func (textless) EachBundle(func(annotation.Bundle) error) error { return errTexts }

// TestGraphExportsReadNoText: graphml and dot walk the project without
// its texts (registry.Format.NoText); a format that writes texts, and a
// graph export with its card (which hashes every text), read them.
func TestGraphExportsReadNoText(t *testing.T) {
	st := openTestStore(t)
	seed(t, st)
	src := textless{st}
	for _, format := range []string{"graphml", "dot"} {
		var out bytes.Buffer
		if err := ExportTo(context.Background(), src, format, &out, ExportOptions{}); err != nil {
			t.Errorf("%s: %v", format, err)
		}
		if !strings.Contains(out.String(), "the governor") {
			t.Errorf("%s: the source is not in the graph:\n%s", format, out.String())
		}
	}
	var out bytes.Buffer
	if err := ExportTo(context.Background(), src, "json", &out, ExportOptions{}); !errors.Is(err, errTexts) {
		t.Errorf("json read no text: %v", err)
	}
	dir := t.TempDir()
	if err := Export(context.Background(), src, "graphml", dir+"/g.graphml", ExportOptions{WithCard: true}); !errors.Is(err, errTexts) {
		t.Errorf("graphml with its card read no text: %v", err)
	}
}
