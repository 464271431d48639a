package bench

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"glossa/annotation"
	"glossa/formats/glossajson"
)

// TestEachValid checks that generated bundles are what the store and the
// encoder accept: normalised texts, spans on the text, known labels, links
// inside their document, and the exact total of annotations; with news
// texts too.
func TestEachValid(t *testing.T) {
	for _, news := range []bool{false, true} {
		t.Run(fmt.Sprintf("news=%v", news), func(t *testing.T) {
			eachValid(t, Config{Seed: 1, Documents: 40, Annotations: 1234, MinBytes: 2 << 10, MaxBytes: 20 << 10, News: news})
		})
	}
}

func eachValid(t *testing.T, c Config) {
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

// A news article holds every form of attribution NewsArticle promises,
// each more than once on 200 KB, and about half its sentences attribute;
// the same seed gives the same text, and Texts gives Each's texts.
func TestNewsArticle(t *testing.T) {
	text := NewsArticle(5, 200<<10)
	if text != NewsArticle(5, 200<<10) {
		t.Fatal("two runs gave different texts")
	}
	if n, err := annotation.NormalizeText(text); err != nil || n != text || len(text) < 200<<10 {
		t.Fatalf("%d bytes, normalised %v (%v)", len(text), n == text, err)
	}
	paras := strings.Split(text, "\n\n")
	runOn := 0 // paragraphs that open a quote and leave it open
	for i, p := range paras[:len(paras)-1] {
		if strings.Count(p, "“") > strings.Count(p, "”") && strings.HasPrefix(paras[i+1], "“") {
			runOn++
		}
	}
	forms := []struct {
		name string
		n    int
	}{
		{"“…,” said S", len(regexp.MustCompile(`,” said [A-Z]`).FindAllString(text, -1))},
		{"“…,” she said", len(regexp.MustCompile(`,” (she|he|they) [a-z]+\.`).FindAllString(text, -1))},
		{"S said: “…”", len(regexp.MustCompile(`[a-z]: “[A-Z]`).FindAllString(text, -1))},
		{"split quote", len(regexp.MustCompile(`,” [^“”]+ said, “`).FindAllString(text, -1))},
		{"according to", strings.Count(text, "ccording to ")},
		{"S said that X", strings.Count(text, " that ")},
		{"S told R", strings.Count(text, " told ")},
		{"a quote over two paragraphs", runOn},
		{"scare quote", strings.Count(text, "so-called “")},
		{"title of a work", strings.Count(text, "in the book “")},
	}
	for _, f := range forms {
		if f.n < 2 {
			t.Errorf("%s: %d on 200 KB, want some", f.name, f.n)
		}
	}
	sentences := strings.Count(text, ". ") + len(paras)
	said := len(regexp.MustCompile(`\b(said|added|warned|insisted|argued|noted|explained|claimed|stressed|admitted|told|according to)\b`).FindAllString(text, -1))
	if share := float64(said) / float64(sentences); share < 0.3 || share > 0.8 {
		t.Errorf("%d reporting verbs in about %d sentences (%.2f), want about half", said, sentences, share)
	}
	curly, straight := 0, 0
	c := Config{Seed: 9, Documents: 40, MinBytes: 2 << 10, MaxBytes: 4 << 10, News: true}
	texts := c.Texts()
	i := 0
	if err := c.Each(func(b annotation.Bundle) error {
		if b.Document.Text != texts[i] {
			t.Errorf("document %d: Texts and Each differ", i+1)
		}
		if strings.Contains(texts[i], "“") {
			curly++
		} else if strings.Contains(texts[i], `"`) {
			straight++
		}
		i++
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if curly == 0 || straight == 0 {
		t.Errorf("%d articles with curly marks, %d with straight ones; want both", curly, straight)
	}
}
