package storage

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"glossa/annotation"
	"glossa/formats/formattest"
)

// randomText is a string of pieces that JSON escapes or that span several
// bytes: quotes, backslashes, control characters, <>&, U+2028, emoji,
// Greek, CJK, Arabic.
func randomText(r *rand.Rand) string {
	pieces := []string{"a", "Word ", `"`, `\`, "\n", "\t", "\x01", "\x1f", "<b>", "&", "\u2028", "\u2029",
		"😀", "👩‍👩‍👧", "Καλημέρα", "新闻", "خبر", "समाचार", "é", "\u00a0", "/", "\x7f", "\ufffd", ""}
	var b strings.Builder
	for range r.IntN(8) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

func randomAnnotation(r *rand.Rand) annotation.Annotation {
	a := annotation.Annotation{
		ID:       r.Uint64N(1 << 40),
		DocID:    r.Uint64(),
		Label:    randomText(r),
		Note:     randomText(r),
		Author:   randomText(r),
		Layer:    randomText(r),
		Created:  time.Unix(r.Int64N(4e9), r.Int64N(1e9)).UTC(),
		Modified: time.Unix(r.Int64N(4e9), 0).In(time.FixedZone("", 3600*r.IntN(12))),
	}
	if r.IntN(4) > 0 {
		a.Entity = r.Uint64()
	}
	for range r.IntN(4) {
		start := r.IntN(1 << 20)
		a.Spans = append(a.Spans, annotation.Span{Start: start, End: start + r.IntN(100), Text: randomText(r)})
	}
	if r.IntN(2) == 0 {
		a.Attributes = map[string]string{}
		for range r.IntN(4) {
			a.Attributes[randomText(r)] = randomText(r)
		}
	}
	for range r.IntN(3) {
		a.Links = append(a.Links, annotation.Link{Type: annotation.LinkType(randomText(r)), Target: r.Uint64()})
	}
	if r.IntN(2) == 0 {
		a.Provenance = annotation.Provenance{
			Origin: annotation.Origin(randomText(r)), Rule: randomText(r),
			Confidence: []float64{0, 1, 0.5, r.Float64(), 1e-9, 123456.789}[r.IntN(6)],
			Review:     annotation.Review(randomText(r)),
			Reviewer:   randomText(r),
		}
		for range r.IntN(3) {
			a.Provenance.From = append(a.Provenance.From, annotation.Version{Layer: randomText(r), Fingerprint: randomText(r), Digest: randomText(r)})
		}
	}
	return a
}

// TestDecodeAnnotationRoundTrip decodes what json.Marshal writes for
// generated annotations with every field, and checks that the fast decoder
// handled it and agrees with json.Unmarshal.
func TestDecodeAnnotationRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	names := map[string]string{}
	var seen []annotation.Annotation
	defer func() { formattest.CoversAnnotation(t, seen) }()
	for i := range 5000 {
		a := randomAnnotation(r)
		if i < 100 {
			seen = append(seen, a)
		}
		data, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		var want, got annotation.Annotation
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatal(err)
		}
		shared := names
		if i%2 == 0 {
			shared = nil
		}
		if !fastAnnotation(data, &got, shared) {
			t.Fatalf("annotation %d: the fast decoder gave up on %s", i, data)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("annotation %d of %s:\ngot  %#v\nwant %#v", i, data, got, want)
		}
	}
}

// TestDecodeAnnotationLikeUnmarshal checks values storage never writes:
// decodeAnnotation must give what json.Unmarshal gives, error or not.
func TestDecodeAnnotationLikeUnmarshal(t *testing.T) {
	for _, in := range []string{
		`{}`,
		` { "id" : 7 , "label" : "Claim" , "spans" : [ { "start" : 1 , "end" : 2 , "text" : "x" } ] } `,
		`{"id":7,"ID":8}`,
		`{"Label":"Claim"}`,
		`{"id":7,"id":8}`,
		`{"id":7,"unknown":[1,{"a":null}]}`,
		`{"spans":null,"links":null,"attributes":null,"label":null}`,
		`{"spans":[]}`,
		`{"links":[],"attributes":{}}`,
		`{"note":"\ud83d\ude00 pair"}`,
		`{"note":"\ud83d lone"}`,
		`{"note":"\u00e9\u2028\"\\\/\b\f\n\r\t"}`,
		`{"note":"\x"}`,
		`{"note":"\u12"}`,
		"{\"note\":\"raw \x01 control\"}",
		"{\"note\":\"bad \xff utf8\"}",
		`{"id":1e3}`,
		`{"id":1.0}`,
		`{"id":-1}`,
		`{"id":01}`,
		`{"id":18446744073709551615}`,
		`{"id":18446744073709551616}`,
		`{"spans":[{"start":-5,"end":9223372036854775807}]}`,
		`{"spans":[{"start":9223372036854775808}]}`,
		`{"provenance":{"confidence":1e-3,"origin":"rule"}}`,
		`{"provenance":{"confidence":.5}}`,
		`{"provenance":{"confidence":1e999}}`,
		`{"provenance":{"confidence":-0.0}}`,
		`{"created":"2024-01-02T03:04:05.123456789+02:00"}`,
		`{"created":"2024-01-02"}`,
		`{"created":null}`,
		`{"attributes":{"a\"b":"c","a\"b":"d"}}`,
		`{"links":[{"type":"said_by","target":3,"extra":1}]}`,
		`{"id":7}x`,
		`{"id":7`,
		`{"id":7,}`,
		`[]`,
		``,
		`null`,
	} {
		var want, got annotation.Annotation
		werr := json.Unmarshal([]byte(in), &want)
		gerr := decodeAnnotation([]byte(in), &got, map[string]string{})
		if (werr == nil) != (gerr == nil) || !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\ngot  %#v, %v\nwant %#v, %v", in, got, gerr, want, werr)
		}
	}
}

// TestDecodeAnnotationCopies checks that decoded strings do not share the
// value's memory (bbolt's, valid only inside the transaction).
func TestDecodeAnnotationCopies(t *testing.T) {
	data := []byte(`{"label":"Claim","note":"n\"q","spans":[{"start":0,"end":1,"text":"x"}],"attributes":{"k":"v"},"links":[{"type":"is","target":1}]}`)
	var a annotation.Annotation
	if err := decodeAnnotation(data, &a, map[string]string{}); err != nil {
		t.Fatal(err)
	}
	for i := range data {
		data[i] = '#'
	}
	if a.Label != "Claim" || a.Note != `n"q` || a.Spans[0].Text != "x" || a.Attributes["k"] != "v" || a.Links[0].Type != "is" {
		t.Errorf("decoded annotation changed with its bytes: %#v", a)
	}
}

func FuzzDecodeAnnotation(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		data, _ := json.Marshal(randomAnnotation(r))
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var want, got annotation.Annotation
		werr := json.Unmarshal(data, &want)
		for _, names := range []map[string]string{nil, {}} {
			gerr := decodeAnnotation(data, &got, names)
			if (werr == nil) != (gerr == nil) || (werr == nil && !reflect.DeepEqual(got, want)) {
				t.Errorf("%q:\ngot  %#v, %v\nwant %#v, %v", data, got, gerr, want, werr)
			}
		}
	})
}

func TestSortAnnotations(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for n := range 50 {
		as := make([]annotation.Annotation, n)
		for i := range as {
			as[i] = annotation.Annotation{ID: uint64(r.IntN(1000)), Spans: []annotation.Span{{Start: r.IntN(10)}}}
		}
		want := slices.Clone(as)
		sort.Slice(want, func(i, j int) bool {
			if want[i].Start() != want[j].Start() {
				return want[i].Start() < want[j].Start()
			}
			return want[i].ID < want[j].ID
		})
		sortAnnotations(as)
		for i := range as {
			if as[i].Start() != want[i].Start() || as[i].ID != want[i].ID {
				t.Fatalf("%d annotations: got %v; want %v", n, as, want)
			}
		}
	}
}

// BenchmarkDecodeAnnotation compares the hand-written decoder of stored
// annotations with json.Unmarshal on the same values, in one run: the
// decoder is kept for as long as it pays.
func BenchmarkDecodeAnnotation(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	values := make([][]byte, 1000)
	for i := range values {
		values[i], _ = json.Marshal(randomAnnotation(r))
	}
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		names := map[string]string{}
		var a annotation.Annotation
		for i := 0; i < b.N; i++ {
			if err := decodeAnnotation(values[i%len(values)], &a, names); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("unmarshal", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			var a annotation.Annotation
			if err := json.Unmarshal(values[i%len(values)], &a); err != nil {
				b.Fatal(err)
			}
		}
	})
}
