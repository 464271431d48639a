package bench

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"glossa/annotation"
	"glossa/formats/glossajson"
)

// TestEachValid checks that generated bundles are what the store and the
// encoder accept: normalised texts, spans on the text, known labels, links
// inside their document, and the exact total of annotations.
func TestEachValid(t *testing.T) {
	c := Config{Seed: 1, Documents: 40, Annotations: 1234, MinBytes: 2 << 10, MaxBytes: 20 << 10}
	labels := annotation.DefaultLabelSet()
	total, emoji, nonLatin := 0, 0, 0
	err := c.Each(func(b annotation.Bundle) error {
		d := b.Document
		if n, err := annotation.NormalizeText(d.Text); err != nil || n != d.Text {
			t.Errorf("document %d: text not normalised: %v", d.ID, err)
		}
		if len(d.Text) < c.MinBytes || len(d.Text) > c.MaxBytes+4096 {
			t.Errorf("document %d: %d bytes, want %d to %d", d.ID, len(d.Text), c.MinBytes, c.MaxBytes)
		}
		if strings.ContainsAny(d.Text, "🙂📈🔥🌍👍") {
			emoji++
		}
		if strings.ContainsAny(d.Text, "张Олمحمدα") {
			nonLatin++
		}
		o := annotation.NewOffsets(d.Text)
		ids := map[uint64]bool{}
		for _, a := range b.Annotations {
			ids[a.ID] = true
		}
		for _, a := range b.Annotations {
			if err := a.Validate(o, labels, func(id uint64) bool { return ids[id] }); err != nil {
				t.Errorf("document %d: annotation %d: %v", d.ID, a.ID, err)
			}
		}
		total += len(b.Annotations)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if total != c.Annotations {
		t.Errorf("got %d annotations; want %d", total, c.Annotations)
	}
	if emoji == 0 || nonLatin == 0 {
		t.Errorf("got %d documents with emoji and %d with non-Latin text; want some of each", emoji, nonLatin)
	}
}

// TestDeterministic checks that the same Config gives the same dataset
// bytes, and that the encoder and decoder accept them.
func TestDeterministic(t *testing.T) {
	c := Config{Seed: 3, Documents: 5, Annotations: 200, MinBytes: 2 << 10, MaxBytes: 4 << 10}
	var a, b bytes.Buffer
	if err := WriteDataset(&a, c); err != nil {
		t.Fatal(err)
	}
	if err := WriteDataset(&b, c); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two runs gave different datasets")
	}
	n := 0
	if err := glossajson.DecodeDataset(&a, nil, func(annotation.Bundle) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != c.Documents {
		t.Errorf("decoded %d documents; want %d", n, c.Documents)
	}
}

func TestLargeArticle(t *testing.T) {
	text := LargeArticle()
	if len(text) < 1<<20 || len(text) > 1<<20+4096 || !utf8.ValidString(text) {
		t.Fatalf("got %d bytes; want about 1 MB of UTF-8", len(text))
	}
	b := LargeBundle(3000)
	o := annotation.NewOffsets(b.Document.Text)
	for _, a := range b.Annotations {
		if err := annotation.CheckSpans(o, a.Spans); err != nil {
			t.Fatalf("annotation %d: %v", a.ID, err)
		}
	}
}
