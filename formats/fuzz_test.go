package formats

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
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
