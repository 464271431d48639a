package reliability

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"glossa/annotation"
	"glossa/formats"
	"glossa/formats/glossajson"
)

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// formatsError reports whether err wraps one of formats' sentinels or an
// annotation one (which DecodeDataset passes on for a bad document).
func formatsError(err error) bool {
	for _, e := range []error{formats.ErrUnsupported, formats.ErrTooLarge, formats.ErrBinary, formats.ErrEncoding,
		formats.ErrNoText, glossajson.ErrFormat, annotation.ErrInvalidText, annotation.ErrChecksum, annotation.ErrSpanText,
		annotation.ErrSpanOutOfRange, annotation.ErrEmptySpan, annotation.ErrSpanOverlap, annotation.ErrNoSpans,
		annotation.ErrBadLink, annotation.ErrDanglingLink, annotation.ErrBadLabel, annotation.ErrUnknownLabel} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// TestHugeSparseFile: a 300 MB file (sparse, made with os.Truncate) is
// refused with ErrTooLarge after reading at most MaxFileSize+1 bytes, with
// memory bounded by a small multiple of MaxFileSize.
func TestHugeSparseFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.Truncate(path, 300<<20); err != nil {
		t.Fatal(err)
	}
	f, err = os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cr := &countingReader{r: f}
	var out outcome
	var ok bool
	total, peak := memDelta(func() {
		out, ok = runGuarded(hangDeadline, func() error { _, err := formats.ReadDocument(path, cr); return err })
	})
	switch {
	case !ok:
		t.Fatalf("no answer within %v", hangDeadline)
	case out.panic != nil:
		t.Fatalf("panic: %v", out.panic)
	case !errors.Is(out.err, formats.ErrTooLarge):
		t.Fatalf("got %v; want ErrTooLarge", out.err)
	}
	if cr.n > formats.MaxFileSize+1 {
		t.Errorf("read %d bytes of a 300 MB file; want at most MaxFileSize+1", cr.n)
	}
	if total > 4*formats.MaxFileSize {
		t.Errorf("allocated %d MB to refuse it; want under %d MB", total>>20, 4*formats.MaxFileSize>>20)
	}
	t.Logf("refused after reading %d MB: allocated %d MB, peak heap %d MB: %v", cr.n>>20, total>>20, peak>>20, out.err)
}

func pngBytes(t *testing.T) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 32, 32))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func utf16Bytes(s string, order binary.ByteOrder) []byte {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u))
	for i, v := range u {
		order.PutUint16(b[2*i:], v)
	}
	return b
}

// nestedHTML is an article inside n nested tags, with scripts, remote
// images and links Glossa must neither run nor fetch.
func nestedHTML(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<!doctype html><html><head><title>Deep</title><script>document.write("SCRIPTTEXT")</script>` +
		`<link rel="stylesheet" href="http://127.0.0.1:9/x.css"></head><body>`)
	for i := 0; i < n; i++ {
		b.WriteString([]string{"<div>", "<span>", "<b>", "<section>"}[i%4])
	}
	b.WriteString(`<p>The minister said on Monday that taxes would fall.</p><script>alert("SCRIPTTEXT")</script><img src="http://127.0.0.1:9/a.png">`)
	for i := n - 1; i >= 0; i-- {
		b.WriteString([]string{"</div>", "</span>", "</b>", "</section>"}[i%4])
	}
	b.WriteString(`</body></html>`)
	return b.Bytes()
}

// TestBoundaryDocuments is case 8 for article files: each boundary input
// gets a clear error (one of formats' sentinels) or a document, within the
// hang deadline, without a panic; memory is logged.
func TestBoundaryDocuments(t *testing.T) {
	const text = "The minister said on Monday that taxes would fall. Critics doubt it."
	deep := pick(10000, 100000)
	cases := []struct {
		name string
		data []byte
		want error  // nil: a document is fine
		text string // when set, the document's text must contain it
		// blockedOn, when set, turns a failed bound into a skip naming
		// the bug in another package.
		blockedOn string
	}{
		{"nul.txt", make([]byte, 1<<20), formats.ErrBinary, "", ""},
		{"invalid.txt", []byte("caf\xe9 au lait, \xff\xfe\xfd"), formats.ErrEncoding, "", ""},
		{"png.txt", pngBytes(t), formats.ErrBinary, "", ""},
		{"png.html", pngBytes(t), formats.ErrBinary, "", ""},
		{"utf16le-nobom.txt", utf16Bytes(text, binary.LittleEndian), nil, "taxes would fall", ""},
		{"utf16be-nobom.txt", utf16Bytes(text, binary.BigEndian), nil, "taxes would fall", ""},
		{"utf16le-bom.txt", append([]byte{0xFF, 0xFE}, utf16Bytes(text, binary.LittleEndian)...), nil, "taxes would fall", ""},
		{"empty.txt", nil, formats.ErrNoText, "", ""},
		{"spaces.md", bytes.Repeat([]byte(" \n\t"), 1000), formats.ErrNoText, "", ""},
		{"deep.html", nestedHTML(deep), nil, "taxes would fall", ""},
		{"deep.md", []byte(strings.Repeat(">", deep) + " taxes would fall\n"), nil, "", ""},
		{"list.md", []byte(strings.Repeat("- ", deep) + "taxes would fall\n"), nil, "taxes would fall", ""},
		{"one-line.txt", bytes.Repeat([]byte("a"), 8<<20), nil, "", ""},
		{"controls.txt", bytes.Repeat([]byte{1, 2, 3, 'a'}, 4096), nil, "", ""},
		{"noext", []byte(text), formats.ErrUnsupported, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var doc annotation.Document
			var out outcome
			var ok bool
			start := time.Now()
			total, peak := memDelta(func() {
				out, ok = runGuarded(hangDeadline, func() error {
					var err error
					doc, err = formats.ReadDocument(c.name, bytes.NewReader(c.data))
					return err
				})
			})
			took := time.Since(start)
			switch {
			case !ok:
				t.Fatalf("no answer within %v", hangDeadline)
			case out.panic != nil:
				t.Fatalf("panic: %v\n%s", out.panic, out.stack)
			case c.want != nil && !errors.Is(out.err, c.want):
				t.Fatalf("got %v; want %v", out.err, c.want)
			case c.want == nil && out.err != nil && !formatsError(out.err):
				t.Fatalf("error without a sentinel: %v", out.err)
			case out.err == nil && c.text != "" && !strings.Contains(doc.Text, c.text):
				t.Errorf("text %.200q; want it to contain %q", doc.Text, c.text)
			case out.err == nil && strings.Contains(doc.Text, "SCRIPTTEXT"):
				t.Errorf("a script's text reached the document")
			}
			t.Logf("%d KB in %v, allocated %d MB, peak heap %d MB: err=%v", len(c.data)>>10, took.Round(time.Millisecond), total>>20, peak>>20, out.err)
			if total > 20*uint64(len(c.data))+64<<20 {
				if c.blockedOn != "" {
					t.Skipf("blocked on: %s (allocated %d MB for %d KB of input)", c.blockedOn, total>>20, len(c.data)>>10)
				}
				t.Errorf("allocated %d MB for %d KB of input", total>>20, len(c.data)>>10)
			}
		})
	}
}

// errGeneratorLimit stops a generator that was read further than the
// decoder should ever read.
var errGeneratorLimit = errors.New("generator: the decoder read past the limit")

// generator yields head, then fill repeated for claim bytes, then tail,
// without holding them in memory; reading past limit fails.
type generator struct {
	head, tail  []byte
	fill        byte
	claim, read int64
	limit       int64
}

func (g *generator) Read(p []byte) (int, error) {
	if g.read >= g.limit {
		return 0, errGeneratorLimit
	}
	if int64(len(p)) > g.limit-g.read {
		p = p[:g.limit-g.read]
	}
	n := 0
	for n < len(p) {
		switch pos := g.read; {
		case pos < int64(len(g.head)):
			c := copy(p[n:], g.head[pos:])
			n += c
			g.read += int64(c)
		case pos < int64(len(g.head))+g.claim:
			k := min(int64(len(p)-n), int64(len(g.head))+g.claim-pos)
			for i := int64(0); i < k; i++ {
				p[n+int(i)] = g.fill
			}
			n += int(k)
			g.read += k
		default:
			off := pos - int64(len(g.head)) - g.claim
			if off >= int64(len(g.tail)) {
				if n == 0 {
					return 0, io.EOF
				}
				return n, nil
			}
			c := copy(p[n:], g.tail[off:])
			n += c
			g.read += int64(c)
		}
	}
	return n, nil
}

// TestHugeJSONString is case 8 for datasets: a dataset claiming a 1 GB
// string, streamed from a generator (never materialised by the test), must
// be refused (ErrFormat and ErrTooLarge) after reading a bounded amount,
// allocating under 4 × glossajson.MaxDocumentBytes. The
// generator fails the read past 64 MB (more than MaxFileSize), so a decoder
// without a limit shows as errGeneratorLimit rather than exhausting the
// machine.
func TestHugeJSONString(t *testing.T) {
	const header = `{"format":"glossa","version":1,"offsets":"codepoint","labels":[],"entities":[],"documents":[`
	const linesHeader = `{"format":"glossa-lines","version":1,"offsets":"codepoint","labels":[],"entities":[]}` + "\n"
	const limit = 64 << 20
	cases := []struct{ name, head, tail string }{
		{"object: document text", header + `{"id":1,"title":"Big","status":"new","sha256":"","text":"`, `"}]}`},
		{"object: header member", `{"format":"glossa","version":1,"project":"`, `","offsets":"codepoint","documents":[]}`},
		{"lines: document text", linesHeader + `{"id":1,"title":"Big","status":"new","text":"`, "\"}\n"},
	}
	var blocked []string
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := &generator{head: []byte(c.head), tail: []byte(c.tail), fill: 'a', claim: 1 << 30, limit: limit}
			var out outcome
			var ok bool
			start := time.Now()
			total, peak := memDelta(func() {
				out, ok = runGuarded(4*hangDeadline, func() error {
					return glossajson.DecodeDataset(g, nil, func(annotation.Bundle) error { return nil })
				})
			})
			took := time.Since(start)
			switch {
			case !ok:
				t.Fatalf("no answer within %v", 4*hangDeadline)
			case out.panic != nil:
				t.Fatalf("panic: %v", out.panic)
			}
			t.Logf("read %d MB of a 1 GB string in %v, allocated %d MB, peak heap %d MB: %v", g.read>>20, took.Round(time.Millisecond), total>>20, peak>>20, out.err)
			if g.read >= limit {
				blocked = append(blocked, fmt.Sprintf("%s: read %d MB and allocated %d MB without refusing", c.name, g.read>>20, total>>20))
				return
			}
			if !errors.Is(out.err, glossajson.ErrFormat) || !errors.Is(out.err, formats.ErrTooLarge) {
				t.Errorf("got %v; want ErrFormat and ErrTooLarge", out.err)
			}
			if total > 4*glossajson.MaxDocumentBytes {
				t.Errorf("allocated %d MB to refuse it; want under %d MB", total>>20, 4*glossajson.MaxDocumentBytes>>20)
			}
		})
	}
	if len(blocked) > 0 {
		t.Errorf("glossajson.DecodeDataset must refuse a value over its limit before reading the generator's 64 MB: %s", strings.Join(blocked, "; "))
	}
}

// TestDeepJSON: deeply nested JSON in the documents, in a header member and
// in a JSON Lines document is refused with ErrFormat, quickly.
func TestDeepJSON(t *testing.T) {
	deep := pick(100000, 1000000)
	open, closeB := strings.Repeat("[", deep), strings.Repeat("]", deep)
	cases := map[string]string{
		"documents":   `{"format":"glossa","version":1,"offsets":"codepoint","documents":[` + open + closeB + `]}`,
		"labels":      `{"format":"glossa","version":1,"offsets":"codepoint","labels":` + open + closeB + `,"documents":[]}`,
		"lines":       `{"format":"glossa-lines","version":1,"offsets":"codepoint"}` + "\n" + open + closeB + "\n",
		"unclosed":    `{"format":"glossa","version":1,"offsets":"codepoint","documents":[` + strings.Repeat(`{"a":`, deep),
		"objects":     `{"format":"glossa","version":1,"offsets":"codepoint","documents":[{"id":1,"x":` + strings.Repeat(`{"a":`, deep) + strings.Repeat("}", deep) + `}]}`,
		"not-glossa":  strings.Repeat("[", deep),
		"nul-bytes":   string(make([]byte, 1<<20)),
		"utf16-nobom": string(utf16Bytes(`{"format":"glossa","version":1,"offsets":"codepoint","documents":[]}`, binary.LittleEndian)),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			var out outcome
			var ok bool
			total, _ := memDelta(func() {
				out, ok = runGuarded(hangDeadline, func() error {
					return glossajson.DecodeDataset(strings.NewReader(data), nil, nil)
				})
			})
			switch {
			case !ok:
				t.Fatalf("no answer within %v", hangDeadline)
			case out.panic != nil:
				t.Fatalf("panic: %v", out.panic)
			case !errors.Is(out.err, glossajson.ErrFormat):
				t.Fatalf("got %v; want ErrFormat", out.err)
			}
			t.Logf("%d KB: allocated %d MB: %.200v", len(data)>>10, total>>20, out.err)
		})
	}
}

// TestImportHugeFileCLI: glossa import of a 300 MB sparse file refuses it
// with a sentence, in bounded memory (the child's peak RSS is logged).
func TestImportHugeFileCLI(t *testing.T) {
	bin := needBinary(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "huge.txt")
	if f, err := os.Create(path); err == nil {
		f.Close()
	}
	if err := os.Truncate(path, 300<<20); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "import", "--db", filepath.Join(dir, "p.glossa"), path)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 || !strings.Contains(string(out), "too large") {
		t.Fatalf("got %v; want exit code 1 and a message saying the file is too large:\n%s", err, out)
	}
	rss := int64(0)
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss >> 10
	}
	t.Logf("refused in %v, peak RSS %d MB", time.Since(start).Round(time.Millisecond), rss)
}
