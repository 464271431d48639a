package formats

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"glossa/annotation"
)

// MaxFileSize is the largest file ReadDocument accepts, in bytes (50 MB).
// A news article is a few tens of kilobytes; anything near this size is
// almost certainly not one, and a document of this size is already slow to
// display and annotate.
const MaxFileSize = 50 << 20

// maxTitle is the longest title, in code points, taken from a text line.
const maxTitle = 200

type format int

const (
	formatNone format = iota
	formatText
	formatMarkdown
	formatHTML
)

func formatOf(name string) format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".text":
		return formatText
	case ".md", ".markdown":
		return formatMarkdown
	case ".html", ".htm", ".xhtml":
		return formatHTML
	}
	return formatNone
}

// Supported reports whether ReadDocument can read a file called name, judging
// by its extension (.txt, .text, .md, .markdown, .html, .htm, .xhtml; any
// case).
func Supported(name string) bool { return formatOf(name) != formatNone }

// ReadDocument reads an article file into a new document. name is the file's
// name or path: its extension chooses the format (see Supported), its base
// name becomes the document's Origin and error messages start with it.
//
// The rules are those of docs/FORMAT.md, "Importing articles". The bytes
// are decoded (see decodeText: UTF-8, with or without BOM, or UTF-16),
// normalised with annotation.NormalizeText and converted to plain
// text by format: .txt verbatim, Markdown rendered (see markdownText), HTML
// reduced to the article's text (see htmlDocument). Title and, for HTML and
// Markdown front matter, outlet, URL, authors, date and language come from the
// file. The caller sets ID, Created and Modified.
//
// ReadDocument reads at most MaxFileSize+1 bytes of r. Errors wrap
// ErrUnsupported, ErrTooLarge, ErrBinary, ErrEncoding or ErrNoText and name
// the file.
func ReadDocument(name string, r io.Reader) (annotation.Document, error) {
	base := filepath.Base(name)
	f := formatOf(name)
	if f == formatNone {
		ext := filepath.Ext(base)
		if ext == "" {
			ext = "without an extension"
		}
		return annotation.Document{}, fmt.Errorf("%s: files %s cannot be imported; Glossa imports .txt, .md, .markdown, .html and .htm files: %w", base, ext, ErrUnsupported)
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return annotation.Document{}, fmt.Errorf("%s: %w", base, err)
	}
	if len(data) > MaxFileSize {
		return annotation.Document{}, fmt.Errorf("%s: the file is larger than %d MB, too large for an article: %w", base, MaxFileSize>>20, ErrTooLarge)
	}
	doc, err := readDocument(f, data)
	if err != nil {
		return annotation.Document{}, fmt.Errorf("%s: %w", base, err)
	}
	doc.Origin = base
	doc.Status = annotation.StatusNew
	doc.SHA256 = annotation.TextSHA256(doc.Text)
	// One line, white space collapsed, of reasonable length.
	doc.Title = clip(strings.Join(strings.Fields(doc.Title), " "), maxTitle)
	if doc.Title == "" {
		doc.Title = strings.TrimSuffix(base, filepath.Ext(base))
	}
	return doc, nil
}

func readDocument(f format, data []byte) (annotation.Document, error) {
	if kind := binaryKind(data); kind != "" {
		return annotation.Document{}, fmt.Errorf("this is %s, not a text file: %w", kind, ErrBinary)
	}
	if f == formatHTML {
		data = htmlToUTF8(data)
	}
	raw, err := decodeText(data)
	if err != nil {
		return annotation.Document{}, err
	}
	text, err := annotation.NormalizeText(raw)
	if err != nil {
		return annotation.Document{}, fmt.Errorf("%w: %w", ErrEncoding, err)
	}
	var doc annotation.Document
	switch f {
	case formatText:
		doc = annotation.Document{Text: text, Title: headline(text)}
	case formatMarkdown:
		doc = markdownDocument(text)
	case formatHTML:
		doc = htmlDocument(text)
	}
	// The converters produce valid UTF-8 without CR; check it all the same,
	// as every offset of the project rests on it.
	if doc.Text, err = annotation.NormalizeText(doc.Text); err != nil {
		return annotation.Document{}, fmt.Errorf("%w: %w", ErrEncoding, err)
	}
	if strings.TrimSpace(doc.Text) == "" {
		return annotation.Document{}, ErrNoText
	}
	return doc, nil
}

// firstLine returns the first line of text that is not blank, trimmed and cut
// to maxTitle code points.
func firstLine(text string) string {
	for line := range strings.Lines(text) {
		if line = strings.TrimSpace(line); line != "" {
			return clip(line, maxTitle)
		}
	}
	return ""
}

// clip cuts s to at most n code points, ending it with "…" when cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for k := range s {
		if i == n-1 {
			return strings.TrimSpace(s[:k]) + "…"
		}
		i++
	}
	return s
}

// magics are the leading bytes of common binary files people may drop on the
// importer by mistake.
var magics = []struct{ prefix, kind string }{
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF87a", "a GIF image"},
	{"GIF89a", "a GIF image"},
	{"%PDF-", "a PDF file"},
	{"PK\x03\x04", "a ZIP archive (or a .docx, .odt or .epub file)"},
	{"PK\x05\x06", "a ZIP archive"},
	{"\x1f\x8b", "a gzip archive"},
	{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"},
	{"Rar!\x1a\x07", "a RAR archive"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"},
	{"{\\rtf", "an RTF file"},
	{"\x7fELF", "a program"},
	{"II*\x00", "a TIFF image"},
	{"MM\x00*", "a TIFF image"},
	{"OggS", "an Ogg media file"},
	{"ID3", "an MP3 file"},
	{"\x00asm", "a WebAssembly module"},
	{"SQLite format 3\x00", "an SQLite database"},
}

// binaryKind names the kind of binary file data starts like, or returns "".
// Files with NUL bytes that are not UTF-16 are caught later, in decodeText.
func binaryKind(data []byte) string {
	for _, m := range magics {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			return m.kind
		}
	}
	if len(data) >= 12 && string(data[:4]) == "RIFF" {
		return "a RIFF media file (WebP, WAV or AVI)"
	}
	if len(data) >= 12 && string(data[4:8]) == "ftyp" {
		return "an MP4 or HEIC media file"
	}
	return ""
}

// decodeText turns file bytes into a UTF-8 string:
//
//   - a UTF-8 byte order mark is dropped (by NormalizeText, later);
//   - a UTF-16 byte order mark (FF FE or FE FF) selects UTF-16 LE or BE;
//     UTF-32 marks are refused;
//   - without a mark, bytes with NULs are taken for UTF-16 when, in the first
//     4 KiB, at least 30% of the 2-byte units have a NUL in one half (odd
//     bytes for LE, even bytes for BE) and at most 5% in the other: the shape
//     of UTF-16 text written mostly in Latin letters, digits and punctuation.
//     Other files with NULs are refused as binary. UTF-16 text in other
//     scripts needs its byte order mark (Windows' editors write one);
//   - anything else must be valid UTF-8. Invalid UTF-8 is refused with the
//     byte offset of the first bad byte: Glossa does not guess Latin-1 or
//     Windows-1252, as a wrong guess would silently corrupt the text every
//     annotation points into. Resave the file as UTF-8.
//
// Unpaired UTF-16 surrogates become U+FFFD. Decoded text whose first 8 KiB are
// more than 1% control characters (other than tab, newline, carriage return,
// form feed and vertical tab) is refused as binary.
func decodeText(data []byte) (string, error) {
	var s string
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe, 0, 0}), bytes.HasPrefix(data, []byte{0, 0, 0xfe, 0xff}):
		return "", fmt.Errorf("the file is UTF-32 text, which Glossa does not read; save it as UTF-8: %w", ErrEncoding)
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		u, err := decodeUTF16(data[2:], binary.LittleEndian)
		if err != nil {
			return "", err
		}
		s = u
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		u, err := decodeUTF16(data[2:], binary.BigEndian)
		if err != nil {
			return "", err
		}
		s = u
	case bytes.IndexByte(data, 0) >= 0:
		order := sniffUTF16(data)
		if order == nil {
			return "", fmt.Errorf("the file has NUL bytes (first at byte %d), so it is not a text file: %w", bytes.IndexByte(data, 0), ErrBinary)
		}
		u, err := decodeUTF16(data, order)
		if err != nil {
			return "", err
		}
		s = u
	default:
		if !utf8.Valid(data) {
			return "", fmt.Errorf("invalid UTF-8 at byte %d; the file may be in a legacy encoding such as Windows-1252: save it as UTF-8 and import it again: %w", invalidUTF8(data), ErrEncoding)
		}
		s = string(data)
	}
	if strings.IndexByte(s, 0) >= 0 {
		return "", fmt.Errorf("the text has NUL characters, so it is not a text file: %w", ErrBinary)
	}
	if controlHeavy(s) {
		return "", fmt.Errorf("the file is mostly control characters, so it is not a text file: %w", ErrBinary)
	}
	return s, nil
}

// sniffUTF16 applies the NUL heuristic described at decodeText and returns
// the byte order, or nil when the data does not look like UTF-16.
func sniffUTF16(data []byte) binary.ByteOrder {
	n := min(len(data), 4096) &^ 1
	if n < 2 {
		return nil
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	units := n / 2
	switch {
	case odd*10 >= units*3 && even*20 <= units:
		return binary.LittleEndian
	case even*10 >= units*3 && odd*20 <= units:
		return binary.BigEndian
	}
	return nil
}

func decodeUTF16(data []byte, order binary.ByteOrder) (string, error) {
	if len(data)%2 != 0 {
		return "", fmt.Errorf("UTF-16 text with an odd number of bytes (%d): the file is cut short or not UTF-16: %w", len(data), ErrEncoding)
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		units[i] = order.Uint16(data[2*i:])
	}
	return string(utf16.Decode(units)), nil
}

func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(data)
}

func controlHeavy(s string) bool {
	if len(s) > 8192 {
		s = s[:8192]
	}
	var ctl, all int
	for _, r := range s {
		all++
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' && r != '\v' {
			ctl++
		}
	}
	return ctl > 0 && ctl*100 > all
}
