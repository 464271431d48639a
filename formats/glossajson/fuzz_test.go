package glossajson

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// The seed corpus (the f.Add calls and testdata/fuzz/FuzzDecodeDataset) runs
// as an ordinary test; go test -fuzz=FuzzDecodeDataset explores further.

func FuzzDecodeDataset(f *testing.F) {
	files, _ := filepath.Glob("testdata/dataset*.json*")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		``, `{}`, `[]`, `{"format":"glossa","version":1,"offsets":"codepoint","documents":[]}`,
		`{"format":"glossa-lines","version":1,"offsets":"codepoint"}` + "\n" + `{"id":1,"status":"new","text":"","sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}`,
		`{"format":"glossa","version":1,"offsets":"codepoint","documents":[{"id":1,"status":"new","text":"ab","sha256":"fb8e20fc2e4c3f248c60c39bd652f3c1347298bb977b8b4d5903b85055620603","annotations":[{"id":2,"spans":[{"start":0,"end":1,"text":"a"}],"provenance":{}}]}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		h, bundles, err := decodeAll(data)
		if err != nil {
			return
		}
		for _, b := range bundles {
			d := b.Document
			if d.SHA256 != annotation.TextSHA256(d.Text) || !utf8.ValidString(d.Text) || strings.ContainsAny(d.Text, "\r\x00") {
				t.Fatalf("document %d accepted with a bad text or checksum", d.ID)
			}
			o := annotation.NewOffsets(d.Text)
			for _, a := range b.Annotations {
				if err := annotation.CheckSpans(o, a.Spans); err != nil {
					t.Fatalf("document %d: annotation %d accepted: %v", d.ID, a.ID, err)
				}
				if a.DocID != d.ID {
					t.Fatalf("annotation %d has DocID %d, want %d", a.ID, a.DocID, d.ID)
				}
			}
		}
		// What was accepted encodes, and encoding is stable from then on.
		for _, opts := range []testOpts{{}, {JSONLines: true, Offsets: []string{UnitUTF16, UnitByte}}} {
			first := encode(t, opts, h, bundles)
			h2, bundles2, err := decodeAll(first)
			if err != nil {
				t.Fatalf("%+v: own output refused: %v\n%s", opts, err, first)
			}
			if second := encode(t, opts, h2, bundles2); !bytes.Equal(first, second) {
				t.Fatalf("%+v: encode(decode(encode(x))) != encode(x):\n%s", opts, firstDiff(second, first))
			}
			_, bundles3, _ := decodeAll(encode(t, opts, h2, bundles2))
			if !reflect.DeepEqual(bundles3, bundles2) {
				t.Fatalf("%+v: decoding is not stable", opts)
			}
		}
	})
}

func decodeAll(data []byte) (dataset.Header, []annotation.Bundle, error) {
	var (
		h       dataset.Header
		bundles []annotation.Bundle
	)
	err := DecodeDataset(bytes.NewReader(data), func(hd dataset.Header) error {
		h = hd
		return nil
	}, func(b annotation.Bundle) error {
		bundles = append(bundles, b)
		return nil
	})
	return h, bundles, err
}
