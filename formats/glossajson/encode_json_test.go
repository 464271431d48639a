package glossajson

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"glossa/annotation"
)

func randomString(r *rand.Rand) string {
	pieces := []string{"a", "Word ", `"`, `\`, "\n", "\t", "\r", "\b", "\f", "\x00", "\x01", "\x1f", "\x7f", "<b>&amp;",
		"\u2028", "\u2029", "😀", "Καλημέρα", "新闻", "خبر", "\xff", "\xe2\x80", "\ufffd", "/", ""}
	var b strings.Builder
	for range r.IntN(6) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

func randomDocJSON(r *rand.Rand) docJSON {
	str := func() *string {
		if r.IntN(3) == 0 {
			return nil
		}
		s := randomString(r)
		return &s
	}
	d := docJSON{
		ID: r.Uint64(), Title: randomString(r), Outlet: randomString(r), URL: randomString(r),
		Published: randomString(r), Retrieved: randomString(r), Language: randomString(r),
		Status: annotation.Status(randomString(r)), Origin: randomString(r),
		Created: str(), Modified: str(), SHA256: randomString(r), Text: randomString(r),
	}
	if r.IntN(4) > 0 {
		d.Authors = []string{}
		for range r.IntN(3) {
			d.Authors = append(d.Authors, randomString(r))
		}
	}
	if r.IntN(5) == 0 {
		return d
	}
	d.Annotations = []annJSON{}
	for range r.IntN(4) {
		a := annJSON{ID: r.Uint64(), Label: randomString(r), Note: randomString(r), Author: randomString(r),
			Created: str(), Modified: str()}
		if r.IntN(4) > 0 {
			a.Spans = []spanJSON{}
			for range r.IntN(3) {
				sp := spanJSON{Start: r.IntN(1<<20) - 5, End: r.IntN(1 << 30), Text: randomString(r)}
				if r.IntN(2) == 0 {
					sp.UTF16 = &offsetPair{r.IntN(100), r.IntN(100)}
				}
				if r.IntN(2) == 0 {
					sp.Byte = &offsetPair{r.IntN(100), r.IntN(100)}
				}
				a.Spans = append(a.Spans, sp)
			}
		}
		if r.IntN(3) > 0 {
			a.Attributes = map[string]string{}
			for range r.IntN(4) {
				a.Attributes[randomString(r)] = randomString(r)
			}
		}
		if r.IntN(2) == 0 {
			id := r.Uint64()
			a.Entity = &id
		}
		if r.IntN(4) > 0 {
			a.Links = []annotation.Link{}
			for range r.IntN(3) {
				a.Links = append(a.Links, annotation.Link{Type: annotation.LinkType(randomString(r)), Target: r.Uint64()})
			}
		}
		a.Provenance = provJSON{Origin: annotation.Origin(randomString(r))}
		if r.IntN(2) == 0 {
			a.Provenance.Rule = randomString(r)
			a.Provenance.Review = annotation.Review(randomString(r))
			a.Provenance.Confidence = []float64{0, 1, 0.5, -0.25, r.Float64(), 1e-7, 1e-6, 9.99e-7, 1e20, 1e21, 123456789.125, -3e-10, math.SmallestNonzeroFloat64, math.MaxFloat64}[r.IntN(14)]
		}
		d.Annotations = append(d.Annotations, a)
	}
	return d
}

// encodingJSON is what the Encoder wrote with encoding/json.
func encodingJSON(t *testing.T, d *docJSON, indent bool) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("    ", "  ")
	}
	if err := enc.Encode(d); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n")
}

// TestAppendDocLikeEncodingJSON holds appendDoc (and json.Indent of it) to
// the bytes encoding/json writes, on generated documents with every member,
// nil and empty lists, escapes, invalid UTF-8 and floats of every size.
func TestAppendDocLikeEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for i := range 5000 {
		d := randomDocJSON(r)
		got, ok := appendDoc(nil, &d)
		if !ok {
			t.Fatalf("document %d: appendDoc refused %+v", i, d)
		}
		if want := encodingJSON(t, &d, false); !bytes.Equal(got, want) {
			t.Fatalf("document %d:\ngot  %s\nwant %s", i, got, want)
		}
		if i%10 == 0 {
			var ind bytes.Buffer
			if err := json.Indent(&ind, got, "    ", "  "); err != nil {
				t.Fatal(err)
			}
			if want := encodingJSON(t, &d, true); !bytes.Equal(ind.Bytes(), want) {
				t.Fatalf("document %d indented:\ngot  %s\nwant %s", i, ind.Bytes(), want)
			}
		}
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		d := docJSON{Annotations: []annJSON{{Provenance: provJSON{Confidence: f}}}}
		if _, ok := appendDoc(nil, &d); ok {
			t.Errorf("appendDoc took confidence %v, which encoding/json refuses", f)
		}
	}
}

// BenchmarkAppendDoc compares appendDoc, the hand-written document
// encoder, with encoding/json on the same documents, in one run: appendDoc
// is kept for as long as it pays.
func BenchmarkAppendDoc(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	docs := make([]docJSON, 200)
	for i := range docs {
		docs[i] = randomDocJSON(r)
	}
	b.Run("append", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for i := 0; i < b.N; i++ {
			buf, _ = appendDoc(buf[:0], &docs[i%len(docs)])
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		for i := 0; i < b.N; i++ {
			buf.Reset()
			if err := enc.Encode(&docs[i%len(docs)]); err != nil {
				b.Fatal(err)
			}
		}
	})
}
