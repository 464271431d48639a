package reliability

import (
	"bytes"
	"encoding/binary"
	"testing"
	"unicode/utf8"

	"glossa/annotation"
	"glossa/formats"
	"glossa/formats/glossajson"
)

// FuzzReadDocument feeds any bytes to every importer: a document with valid
// text and a matching SHA-256, or an error wrapping one of formats'
// sentinels; never a panic. The seeds run in every go test.
func FuzzReadDocument(f *testing.F) {
	seeds := [][]byte{
		[]byte("The minister said on Monday that taxes would fall."),
		[]byte("---\ntitle: Taxes\nauthor: [A, B]\n---\n# Taxes\n\n- one\n  - two\n\n> quote"),
		[]byte(`<html><head><title>T</title><meta property="og:site_name" content="Daily"></head><body><article><p>Taxes <b>fall</b>.</p><script>x()</script></article></body></html>`),
		[]byte("\xef\xbb\xbfwith a BOM"),
		append([]byte{0xFF, 0xFE}, utf16Bytes("UTF-16 text", binary.LittleEndian)...),
		utf16Bytes("UTF-16 without a BOM", binary.BigEndian),
		[]byte("caf\xe9"),
		{0},
		nestedHTML(50),
	}
	for _, s := range seeds {
		for _, ext := range []uint8{0, 1, 2} {
			f.Add(ext, s)
		}
	}
	f.Fuzz(func(t *testing.T, ext uint8, data []byte) {
		name := []string{"a.txt", "a.md", "a.html"}[int(ext)%3]
		doc, err := formats.ReadDocument(name, bytes.NewReader(data))
		if err != nil {
			if !formatsError(err) {
				t.Fatalf("%s: error without a sentinel: %v", name, err)
			}
			return
		}
		if !utf8.ValidString(doc.Text) || doc.SHA256 != annotation.TextSHA256(doc.Text) {
			t.Fatalf("%s: invalid text or checksum", name)
		}
	})
}

// FuzzDecodeDataset feeds any bytes to the dataset decoder: bundles whose
// annotations check against their text, or an error wrapping ErrFormat or
// an annotation sentinel; never a panic.
func FuzzDecodeDataset(f *testing.F) {
	for _, s := range []string{
		`{"format":"glossa","version":1,"offsets":"codepoint","labels":[],"entities":[],"documents":[]}`,
		`{"format":"glossa","version":1,"offsets":"codepoint","documents":[{"id":1,"title":"T","status":"new","text":"Taxes fall.","annotations":[{"id":1,"label":"Claim","spans":[{"start":0,"end":5,"text":"Taxes"}]}]}]}`,
		"{\"format\":\"glossa-lines\",\"version\":1,\"offsets\":\"codepoint\"}\n{\"id\":1,\"title\":\"T\",\"status\":\"new\",\"text\":\"x\"}\n",
		`{"format":"glossa","version":2}`,
		`[[[[[[`,
		``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		err := glossajson.DecodeDataset(bytes.NewReader(data), nil, func(b annotation.Bundle) error {
			o := annotation.NewOffsets(b.Document.Text)
			for _, a := range b.Annotations {
				if err := annotation.CheckSpans(o, a.Spans); err != nil {
					t.Fatalf("decoded annotation %d with bad spans: %v", a.ID, err)
				}
			}
			return nil
		})
		if err != nil && !formatsError(err) {
			t.Fatalf("error without a sentinel: %v", err)
		}
	})
}
