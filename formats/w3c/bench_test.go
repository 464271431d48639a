package w3c

import (
	"io"
	"math/rand"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// largeArticle is a 1 MB article of generated sentences in which one
// sentence in ten restates an earlier one, with n annotations spread over
// it.
func largeArticle(tb testing.TB, n int) annotation.Bundle {
	tb.Helper()
	r := rand.New(rand.NewSource(1))
	words := strings.Fields("the minister said prices rose sharply in Paris and Zoé Durand 😀 would not comment on the report that officials of the central bank had seen last week while inflation fell again")
	var text strings.Builder
	var sentences []string
	for text.Len() < 1<<20 {
		var s string
		if len(sentences) > 10 && r.Intn(10) == 0 {
			s = sentences[r.Intn(len(sentences))]
		} else {
			var w []string
			for range 8 + r.Intn(20) {
				w = append(w, words[r.Intn(len(words))])
			}
			s = strings.Join(w, " ") + ". "
			sentences = append(sentences, s)
		}
		text.WriteString(s)
	}
	doc := annotation.Document{ID: 1, Title: "Large", Text: text.String()}
	o := annotation.NewOffsets(doc.Text)
	b := annotation.Bundle{Document: doc}
	step := o.Len() / n
	for i := range n {
		start := i*step + r.Intn(step/2)
		sp, err := annotation.NewSpan(o, start, start+5+r.Intn(40))
		if err != nil {
			tb.Fatal(err)
		}
		b.Annotations = append(b.Annotations, annotation.Annotation{ID: uint64(i + 1), Label: "Claim", Spans: []annotation.Span{sp}})
	}
	return b
}

// BenchmarkWriter1MB writes a 1 MB article with 3,000 annotations.
func BenchmarkWriter1MB(b *testing.B) {
	bu := largeArticle(b, 3000)
	b.SetBytes(int64(len(bu.Document.Text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := NewWriter(dataset.SingleOutput(io.Discard), dataset.ExportOptions{W3CLines: true})
		if err := w.Begin(dataset.Header{}); err != nil {
			b.Fatal(err)
		}
		if err := w.Bundle(bu); err != nil {
			b.Fatal(err)
		}
		if err := w.End(); err != nil {
			b.Fatal(err)
		}
	}
}
