package formats

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"glossa/annotation"
	it "glossa/formats/formattest"
)

func TestSupported(t *testing.T) {
	for _, tc := range []struct {
		name      string
		supported bool
	}{
		{"a.txt", true},
		{"dir/A.TXT", true},
		{"a.text", true},
		{"a.md", true},
		{"a.Markdown", true},
		{"a.html", true},
		{"a.HTM", true},
		{"a.xhtml", true},
		{"a.docx", false},
		{"a.pdf", false},
		{"README", false},
		{"a.txt.gz", false},
		{".hidden.txt", true},
		{"a.txt~", false},
		{"#a.md#", false},
		{".#a.md", true},
		{"dir/.x/a.md", true},
	} {
		if got := Supported(tc.name); got != tc.supported {
			t.Errorf("Supported(%q) = %v, want %v", tc.name, got, tc.supported)
		}
	}
}

func utf16Bytes(s string, order binary.AppendByteOrder, bom bool) []byte {
	var out []byte
	if bom {
		out = order.AppendUint16(out, 0xfeff)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		out = order.AppendUint16(out, u)
	}
	return out
}

// checkDocument asserts what every imported document must satisfy.
func checkDocument(t testing.TB, name string, doc annotation.Document) {
	t.Helper()
	switch {
	case !utf8.ValidString(doc.Text):
		t.Fatalf("%s: text is not valid UTF-8", name)
	case strings.ContainsAny(doc.Text, "\r\x00"):
		t.Fatalf("%s: text has CR or NUL: %q", name, doc.Text)
	case strings.HasPrefix(doc.Text, "\uFEFF"):
		t.Fatalf("%s: text starts with a BOM", name)
	case strings.TrimSpace(doc.Text) == "":
		t.Fatalf("%s: empty text accepted", name)
	case doc.SHA256 != annotation.TextSHA256(doc.Text):
		t.Fatalf("%s: SHA256 %q is not the text's", name, doc.SHA256)
	case doc.Title == "" || strings.ContainsAny(doc.Title, "\n\r") || !utf8.ValidString(doc.Title):
		t.Fatalf("%s: bad title %q", name, doc.Title)
	case doc.Status != annotation.StatusNew:
		t.Fatalf("%s: status %q", name, doc.Status)
	case doc.Origin != filepath.Base(name):
		t.Fatalf("%s: origin %q", name, doc.Origin)
	}
	if n, err := annotation.NormalizeText(doc.Text); err != nil || n != doc.Text {
		t.Fatalf("%s: text is not normalised (%v)", name, err)
	}
}

func TestReadText(t *testing.T) {
	le, be := binary.LittleEndian, binary.BigEndian
	mixed := "Ünïcode 😀 text\r\nwith CRLF\rand CR"
	for _, tc := range []struct {
		name      string
		in        []byte
		text      string
		title     string
		err       error
		errSubstr string
	}{
		{name: "plain", in: []byte("\n  \nFirst line  \nsecond"), text: "\n  \nFirst line  \nsecond", title: "First line"},
		{name: "BOM", in: []byte("\uFEFFTitle\nbody"), text: "Title\nbody", title: "Title"},
		{name: "CRLF", in: []byte("a\r\nb\rc\n"), text: "a\nb\nc\n", title: "a"},
		{name: "UTF-16 LE BOM", in: utf16Bytes(mixed, le, true), text: "Ünïcode 😀 text\nwith CRLF\nand CR", title: "Ünïcode 😀 text"},
		{name: "UTF-16 BE BOM", in: utf16Bytes(mixed, be, true), text: "Ünïcode 😀 text\nwith CRLF\nand CR", title: "Ünïcode 😀 text"},
		{name: "UTF-16 BE BOM CJK", in: utf16Bytes("東京都の知事", be, true), text: "東京都の知事", title: "東京都の知事"},
		{name: "UTF-16 LE no BOM", in: utf16Bytes("Plain English text, no mark.", le, false), text: "Plain English text, no mark.", title: "Plain English text, no mark."},
		{name: "UTF-16 BE no BOM", in: utf16Bytes("Plain English text, no mark.", be, false), text: "Plain English text, no mark.", title: "Plain English text, no mark."},
		{name: "UTF-16 unpaired surrogate", in: append(utf16Bytes("ab", le, true), 0x00, 0xd8), text: "ab\uFFFD", title: "ab\uFFFD"},
		{name: "UTF-16 odd length", in: append(utf16Bytes("ab", le, true), 'c'), err: ErrEncoding, errSubstr: "odd number"},
		{name: "UTF-32", in: []byte{0xff, 0xfe, 0, 0, 'a', 0, 0, 0}, err: ErrEncoding, errSubstr: "UTF-32"},
		{name: "Latin-1", in: []byte("caf\xe9 cr\xe8me"), err: ErrEncoding, errSubstr: "byte 3"},
		{name: "invalid after BOM", in: []byte("\uFEFFok \xff"), err: ErrEncoding, errSubstr: "byte 6"},
		{name: "truncated UTF-8", in: []byte("ok \xe2\x82"), err: ErrEncoding, errSubstr: "byte 3"},
		{name: "NUL bytes", in: []byte("abc\x00\x01\x02\x03\x00\x00\x00\xff\xfe binary"), err: ErrBinary, errSubstr: "NUL"},
		{name: "PNG", in: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), err: ErrBinary, errSubstr: "PNG"},
		{name: "JPEG", in: []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), err: ErrBinary, errSubstr: "JPEG"},
		{name: "GIF", in: []byte("GIF89a\x01\x00"), err: ErrBinary, errSubstr: "GIF"},
		{name: "PDF", in: []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), err: ErrBinary, errSubstr: "PDF"},
		{name: "ZIP", in: []byte("PK\x03\x04\x14\x00\x06\x00"), err: ErrBinary, errSubstr: "ZIP"},
		{name: "control characters", in: []byte("a\x01b\x02c\x03d\x04e\x05f\x06"), err: ErrBinary, errSubstr: "control"},
		{name: "empty", in: nil, err: ErrNoText},
		{name: "blank", in: []byte(" \n\t\r\n"), err: ErrNoText},
		{name: "only a BOM", in: []byte("\uFEFF"), err: ErrNoText},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const name = "some/dir/article.txt"
			doc, err := ReadDocument(name, bytes.NewReader(tc.in))
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("got %v, want %v", err, tc.err)
				}
				if !strings.HasPrefix(err.Error(), "article.txt: ") || !strings.Contains(err.Error(), tc.errSubstr) {
					t.Errorf("error %q does not name the file and say %q", err, tc.errSubstr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, name, doc)
			if doc.Text != tc.text {
				t.Errorf("text:\n got %q\nwant %q", doc.Text, tc.text)
			}
			if doc.Title != tc.title {
				t.Errorf("title: got %q, want %q", doc.Title, tc.title)
			}
		})
	}
}

func TestReadTitleClipped(t *testing.T) {
	line := strings.Repeat("word ", 100)
	doc, err := ReadDocument("long.txt", strings.NewReader(line+"\nbody"))
	if err != nil {
		t.Fatal(err)
	}
	if n := utf8.RuneCountInString(doc.Title); n > maxTitle || !strings.HasSuffix(doc.Title, "…") {
		t.Errorf("title of %d code points: %q", n, doc.Title)
	}
}

func TestReadUnsupported(t *testing.T) {
	for _, name := range []string{"report.docx", "Makefile", "a.pdf"} {
		_, err := ReadDocument(name, strings.NewReader("text"))
		if !errors.Is(err, ErrUnsupported) || !strings.HasPrefix(err.Error(), name+": ") {
			t.Errorf("%s: got %v, want ErrUnsupported naming the file", name, err)
		}
	}
}

// endless yields 'a' forever, counting what it hands out.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	e.n += int64(len(p))
	return len(p), nil
}

func TestReadTooLarge(t *testing.T) {
	for _, name := range []string{"big.txt", "big.md", "big.html"} {
		r := &endless{}
		_, err := ReadDocument(name, io.LimitReader(r, 300<<20))
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "50 MB") {
			t.Errorf("%s: got %v, want ErrTooLarge", name, err)
		}
		if r.n > MaxFileSize+1<<20 {
			t.Errorf("%s: read %d bytes to refuse it, want at most about %d", name, r.n, MaxFileSize)
		}
	}
}

func TestReadMarkdown(t *testing.T) {
	for _, tc := range []struct {
		name, in, text, title string
		check                 func(t *testing.T, d annotation.Document)
	}{
		{name: "blocks",
			in:    "Intro line\n\n# Main *title*\n\nA paragraph\nwrapped over lines, with [a link](http://example.org \"t\") and **bold** and `code`.  \nHard break.\n\n## Second\n\n> Quoted\n> text.\n\n---\n\nAfter the rule.",
			text:  "Intro line\n\nMain title\n\nA paragraph wrapped over lines, with a link and bold and code.\nHard break.\n\nSecond\n\nQuoted text.\n\nAfter the rule.",
			title: "Main title"},
		{name: "lists",
			in:    "- one\n- two\n  - nested\n\n3. three\n4. four\n\n* loose\n\n* items\n",
			text:  "- one\n- two\n  - nested\n\n3. three\n4. four\n\n- loose\n- items",
			title: "- one"},
		{name: "code",
			in:    "Text\n\n```go\nfunc main() {\n\tx  :=  1\n}\n```\n\n    indented  code\n\nEnd",
			text:  "Text\n\nfunc main() {\n\tx  :=  1\n}\n\nindented  code\n\nEnd",
			title: "Text"},
		{name: "escapes and entities",
			in:    "AT&amp;T \\*not emphasis\\* &#x41;&#66; caf&eacute; ~~gone~~ ![alt text](x.png) <span>raw</span>",
			text:  "AT&T *not emphasis* AB café gone raw",
			title: "AT&T *not emphasis* AB café gone raw"},
		{name: "autolink and html block",
			in:    "See <https://example.org/x>.\n\n<div class=\"note\">\n<p>HTML <b>block</b> text</p>\n<script>evil()</script>\n</div>\n\nAfter.",
			text:  "See https://example.org/x.\n\nHTML block text\n\nAfter.",
			title: "See https://example.org/x."},
		{name: "table",
			in:    "| Name | Votes |\n|------|------:|\n| Okafor | 7 |\n| Lund | 2 |\n",
			text:  "Name\tVotes\nOkafor\t7\nLund\t2",
			title: "Name Votes"},
		{name: "front matter",
			in:    "---\ntitle: \"Ferry: a new line\"\nauthor: Ada Marlowe and Tomás Reyes\ndate: 2025-03-12\nurl: https://gazette.example/ferry\noutlet: The Glossa Gazette\nlang: en\ntags: [a, b]\n---\n# Heading\n\nBody.",
			text:  "Heading\n\nBody.",
			title: "Ferry: a new line",
			check: func(t *testing.T, d annotation.Document) {
				want := annotation.Document{Authors: []string{"Ada Marlowe", "Tomás Reyes"}, Published: "2025-03-12",
					URL: "https://gazette.example/ferry", Outlet: "The Glossa Gazette", Language: "en"}
				if strings.Join(d.Authors, "|") != strings.Join(want.Authors, "|") || d.Published != want.Published ||
					d.URL != want.URL || d.Outlet != want.Outlet || d.Language != want.Language {
					t.Errorf("metadata: got %+v", d)
				}
			}},
		{name: "front matter list",
			in:    "---\nauthors:\n  - 'One Person'\n  - Two Person\n---\nBody.",
			text:  "Body.",
			title: "Body.",
			check: func(t *testing.T, d annotation.Document) {
				if strings.Join(d.Authors, "|") != "One Person|Two Person" {
					t.Errorf("authors: got %q", d.Authors)
				}
			}},
		{name: "unclosed front matter is text",
			in:    "---\ntitle: x\n\nBody.",
			text:  "title: x\n\nBody.",
			title: "title: x"},
		{name: "CRLF and BOM",
			in:    "\uFEFF# Head\r\n\r\nPara\r\ngraph.\r\n",
			text:  "Head\n\nPara graph.",
			title: "Head"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := ReadDocument("notes/a.md", strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, "notes/a.md", doc)
			if doc.Text != tc.text {
				t.Errorf("text:\n got %q\nwant %q", doc.Text, tc.text)
			}
			if doc.Title != tc.title {
				t.Errorf("title: got %q, want %q", doc.Title, tc.title)
			}
			if tc.check != nil {
				tc.check(t, doc)
			}
		})
	}
}

func TestReadHTMLArticle(t *testing.T) {
	data, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ReadDocument("testdata/article.html", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, "article.html", doc)
	golden := "testdata/article.txt"
	if it.Update() {
		if err := os.WriteFile(golden, []byte(doc.Text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != string(want) {
		t.Errorf("text differs from %s (go test -update rewrites it):\n%s", golden, doc.Text)
	}
	for _, junk := range []string{"SCRIPT TEXT", "STYLE TEXT", "NOSCRIPT TEXT", "cookies", "Home", "Related", "rights reserved", "tracker"} {
		if strings.Contains(doc.Text, junk) {
			t.Errorf("text contains %q", junk)
		}
	}
	for _, tc := range []struct{ field, got, want string }{
		{"title", doc.Title, "Harbour Council Approves New Ferry Line"},
		{"authors", strings.Join(doc.Authors, "|"), "Ada Marlowe|Tomás Reyes"},
		{"outlet", doc.Outlet, "The Glossa Gazette"},
		{"url", doc.URL, "https://gazette.example/news/2025/03/ferry-line"},
		{"published", doc.Published, "2025-03-12T07:30:00Z"},
		{"language", doc.Language, "en-GB"},
		{"origin", doc.Origin, "article.html"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.field, tc.got, tc.want)
		}
	}
}

func TestReadHTMLFallback(t *testing.T) {
	for _, tc := range []struct{ name, in, text, title string }{
		{"short page",
			`<html><head><title> Short  page </title><style>p{}</style></head><body><script>x()</script><h1>Head</h1><p>One   short
			paragraph.</p><p>Line<br>break</p><noscript>enable js</noscript><template><p>tpl</p></template></body></html>`,
			"Head\n\nOne short paragraph.\n\nLine\nbreak", "Short page"},
		{"no markup", "Just text, no tags at all.", "Just text, no tags at all.", "Just text, no tags at all."},
		{"lists and tables",
			`<ol start="3"><li>three</li><li>four<ul><li>inner</li></ul></li></ol><table><tr><th>a</th><th>b</th></tr><tr><td>1</td> <td>2</td></tr></table><pre>  keep   this
  layout</pre><p hidden>hidden</p><p aria-hidden="true">aria</p>`,
			"3. three\n4. four\n  - inner\n\na\tb\n1\t2\n\n  keep   this\n  layout", "3. three"},
		{"entities and nbsp", `<p>AT&amp;T&nbsp;said &lt;b&gt; &#x1F600;</p>`, "AT&T\u00a0said <b> 😀", "AT&T said <b> 😀"},
		{"heading title", `<body><h1>The  head</h1><p>x</p></body>`, "The head\n\nx", "The head"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := ReadDocument("page.htm", strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, "page.htm", doc)
			if doc.Text != tc.text {
				t.Errorf("text:\n got %q\nwant %q", doc.Text, tc.text)
			}
			if doc.Title != tc.title {
				t.Errorf("title: got %q, want %q", doc.Title, tc.title)
			}
		})
	}
}

func TestReadHTMLUTF16(t *testing.T) {
	in := utf16Bytes("<html><body><p>Ünïcode 😀 page</p></body></html>", binary.LittleEndian, true)
	doc, err := ReadDocument("u.html", bytes.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != "Ünïcode 😀 page" {
		t.Errorf("got %q", doc.Text)
	}
}

// TestReadHTMLDeep feeds deeply nested markup: it must neither hang nor
// exhaust the stack, and must keep the text.
func TestReadHTMLDeep(t *testing.T) {
	for _, tag := range []string{"div", "span", "b", "ul><li", "table><tr><td"} {
		open := "<" + tag + ">"
		in := "<html><body>" + strings.Repeat(open+"x ", 10000) + "end</body></html>"
		start := time.Now()
		doc, err := ReadDocument("deep.html", strings.NewReader(in))
		if err != nil {
			t.Fatalf("%s: %v", tag, err)
		}
		if took := time.Since(start); took > 10*time.Second {
			t.Errorf("%s: took %v", tag, took)
		}
		if !strings.HasSuffix(doc.Text, "end") || strings.Count(doc.Text, "x") < 1000 {
			t.Errorf("%s: lost text: %.80q…", tag, doc.Text)
		}
	}
}

// TestReadHTMLOffline serves the resources a page refers to and checks that
// importing it requests none of them.
func TestReadHTMLOffline(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Write([]byte("<p>remote</p>"))
	}))
	defer srv.Close()
	u := srv.URL
	page := `<html><head><base href="` + u + `/"><link rel="stylesheet" href="` + u + `/s.css"><script src="` + u + `/a.js"></script>
<meta http-equiv="refresh" content="0; url=` + u + `/r"><link rel="canonical" href="` + u + `/canonical"></head>
<body><img src="` + u + `/i.png" srcset="` + u + `/i2.png 2x"><iframe src="` + u + `/f"></iframe><video poster="` + u + `/p.jpg"></video>
<object data="` + u + `/o"></object><p>Local text with <a href="` + u + `/link">a link</a> and <img src="rel.png">.</p></body></html>`
	doc, err := ReadDocument("offline.html", strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the import made %d requests", n)
	}
	if doc.Text != "Local text with a link and ." || doc.URL != u+"/canonical" {
		t.Errorf("got text %q, url %q", doc.Text, doc.URL)
	}
}

const seedDir = "../../shared/seeds"

// TestSeeds imports the real articles in /work/shared/seeds, as text and
// wrapped as Markdown and HTML, when they are there.
func TestSeeds(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	if len(files) == 0 {
		t.Skipf("no seed articles in %s", seedDir)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := ReadDocument(f, bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		checkDocument(t, f, doc)
		if want, _ := annotation.NormalizeText(string(data)); doc.Text != want {
			t.Errorf("%s: the .txt import changed the text", f)
		}
		var paras []string
		for _, p := range strings.Split(doc.Text, "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				paras = append(paras, p)
			}
		}
		var h strings.Builder
		h.WriteString("<html><head><title>Seed</title></head><body><article>")
		for _, p := range paras {
			h.WriteString("<p>" + htmlEscape(p) + "</p>\n")
		}
		h.WriteString("</article></body></html>")
		for name, in := range map[string]string{"seed.html": h.String(), "seed.md": strings.Join(paras, "\n\n")} {
			d, err := ReadDocument(name, strings.NewReader(in))
			if err != nil {
				t.Fatalf("%s as %s: %v", f, name, err)
			}
			checkDocument(t, name, d)
			// Every word of the longest paragraph survives.
			longest := ""
			for _, p := range paras {
				if len(p) > len(longest) {
					longest = p
				}
			}
			if !strings.Contains(strings.Join(strings.Fields(d.Text), " "), strings.Join(strings.Fields(longest), " ")) {
				t.Errorf("%s as %s: the longest paragraph is not in the text", f, name)
			}
		}
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func TestReadTitleOneLine(t *testing.T) {
	for name, in := range map[string]string{
		"setext.md":      "Line one  \nline\ttwo\n=====\n\nBody.",
		"front.md":       "---\ntitle: \"a\\nb\"\n---\nBody.",
		"title.html":     "<title>a\n  b</title><p>Body.</p>",
		"whitespace.txt": "  \t a \t b  \nBody.",
	} {
		doc, err := ReadDocument(name, strings.NewReader(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if doc.Title != "a b" && doc.Title != "Line one line two" {
			t.Errorf("%s: title %q", name, doc.Title)
		}
	}
}
