package formats

import (
	"bytes"
	"testing"
	"time"

	"glossa/annotation"
)

func TestRoundTripSmall(t *testing.T) {
	text := "Héllo 😀 wörld, said Bob."
	o := annotation.NewOffsets(text)
	s1, _ := annotation.NewSpan(o, 6, 7)
	s2, _ := annotation.NewSpan(o, 21, 24)
	b := annotation.Bundle{Document: annotation.Document{ID: 1, Title: "T", Text: text, Created: time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC)},
		Annotations: []annotation.Annotation{{ID: 7, Label: "Claim", Spans: []annotation.Span{s1, s2}, Attributes: map[string]string{"b": "1", "a": "2"}, Entity: 3}}}
	for _, opts := range []EncodeOptions{{}, {Indent: true, Offsets: []string{"utf16", "byte"}}, {JSONLines: true}} {
		var buf bytes.Buffer
		e := NewEncoder(&buf, opts)
		e.Begin(Header{Project: "p", Labels: annotation.DefaultLabelSet()})
		if err := e.Bundle(b); err != nil {
			t.Fatal(err)
		}
		e.Bundle(b)
		e.End()
		var out bytes.Buffer
		e2 := NewEncoder(&out, opts)
		err := DecodeDataset(bytes.NewReader(buf.Bytes()), func(h Header) error { return e2.Begin(h) }, e2.Bundle)
		e2.End()
		if err != nil || !bytes.Equal(out.Bytes(), buf.Bytes()) {
			t.Errorf("%+v: round trip: err %v, equal %v", opts, err, bytes.Equal(out.Bytes(), buf.Bytes()))
		}
	}
}
