package formats

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"glossa/annotation"
)

// The fuzz targets' seed corpora (the f.Add calls and testdata/fuzz/<name>)
// run as ordinary tests; go test -fuzz=FuzzReadDocumentHTML explores further.

func addFiles(f *testing.F, pattern string) {
	files, _ := filepath.Glob(pattern)
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
}

// fuzzImport checks the importer's invariants on one input: it refuses with
// one of the package's errors naming the file, or returns a document whose
// text is valid, normalised, non-blank UTF-8 with its checksum and a title.
func fuzzImport(t *testing.T, name string, data []byte) annotation.Document {
	doc, err := ReadDocument(name, bytes.NewReader(data))
	if err != nil {
		if !errors.Is(err, ErrBinary) && !errors.Is(err, ErrEncoding) && !errors.Is(err, ErrNoText) && !errors.Is(err, ErrTooLarge) {
			t.Fatalf("unexpected error kind: %v", err)
		}
		if !strings.HasPrefix(err.Error(), name+": ") {
			t.Fatalf("error %q does not name the file", err)
		}
		return annotation.Document{}
	}
	checkDocument(t, name, doc)
	return doc
}

func FuzzReadDocumentTXT(f *testing.F) {
	for _, s := range []string{
		"Title\nbody", "\uFEFFbom", "a\r\nb\rc", "", " \n ", "caf\xe9", "\x00\x01", "\x89PNG\r\n\x1a\n",
		"Ce\u0301le\u0300bre 👩🏽‍⚕️ 東京 قالت", "\xff\xfe\x00", "\xfe\xff\x00a\xd8\x00",
	} {
		f.Add([]byte(s))
	}
	f.Add(utf16Bytes("UTF-16 little endian, no mark", binary.LittleEndian, false))
	f.Add(utf16Bytes("UTF-16 big endian 😀", binary.BigEndian, true))
	addFiles(f, filepath.Join(seedDir, "*.txt"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc := fuzzImport(t, "fuzz.txt", data)
		if doc.Text == "" {
			return
		}
		// Valid UTF-8 without NUL is kept as it is, line ends aside.
		if utf8.Valid(data) && bytes.IndexByte(data, 0) < 0 {
			if want, _ := annotation.NormalizeText(string(data)); doc.Text != want {
				t.Fatalf("text changed:\n got %q\nwant %q", doc.Text, want)
			}
		}
	})
}

func FuzzReadDocumentMarkdown(f *testing.F) {
	for _, s := range []string{
		"# T\n\npara *em* **strong** `code` [link](u) ![img](i)\n\n- a\n  - b\n1. c\n\n```\ncode\n```\n",
		"---\ntitle: x\nauthors: [a, b]\n---\nbody", "---\n---\n", "> > > deep\n", "| a | b |\n|---|---|\n| 1 | 2 |",
		"<div>\n<script>x</script>\n</div>", "&amp; &#0; &#x110000; \\", "    code\r\n\tmore", "*" + strings.Repeat("[", 200),
		strings.Repeat("> ", 500) + "x", strings.Repeat("- ", 500) + "x", strings.Repeat("*a ", 300),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzImport(t, "fuzz.md", data)
	})
}

func FuzzReadDocumentHTML(f *testing.F) {
	for _, s := range []string{
		"<p>a</p><p>b<br>c</p>", "<html><head><title>t</title></head><body><article><h1>h</h1><p>x</p></article></body></html>",
		"<script>alert(1)</script>text", "<pre>  a\n  b</pre>", "<ol start=-5><li>a</ol>", "<table><td>a<td>b<tr><td>c",
		"&amp;&lt;&#0;&#xD800;", "<svg><p>x</svg>", "<!-- c -->x<![CDATA[y]]>", "<p>\r\n</p>\x00",
		strings.Repeat("<div>", 600) + "deep", strings.Repeat("<b><i>", 300) + "x",
	} {
		f.Add([]byte(s))
	}
	addFiles(f, "testdata/*.html")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzImport(t, "fuzz.html", data)
	})
}

func FuzzDecodeDataset(f *testing.F) {
	addFiles(f, "testdata/dataset*.json*")
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
		for _, opts := range []EncodeOptions{{}, {JSONLines: true, Offsets: []string{UnitUTF16, UnitByte}}} {
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

func decodeAll(data []byte) (Header, []annotation.Bundle, error) {
	var (
		h       Header
		bundles []annotation.Bundle
	)
	err := DecodeDataset(bytes.NewReader(data), func(hd Header) error {
		h = hd
		return nil
	}, func(b annotation.Bundle) error {
		bundles = append(bundles, b)
		return nil
	})
	return h, bundles, err
}
