package annotation

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NormalizeText turns raw UTF-8 into a document text: a leading byte order
// mark is dropped and CRLF and lone CR become LF. Nothing else changes. It
// refuses invalid UTF-8 and NUL bytes, naming the byte offset of the first.
func NormalizeText(raw string) (string, error) {
	raw = strings.TrimPrefix(raw, "\uFEFF")
	if i := strings.IndexByte(raw, 0); i >= 0 {
		return "", fmt.Errorf("NUL byte at byte %d: %w", i, ErrInvalidText)
	}
	if !utf8.ValidString(raw) {
		return "", fmt.Errorf("invalid UTF-8 at byte %d: %w", firstInvalid(raw), ErrInvalidText)
	}
	if strings.IndexByte(raw, '\r') < 0 {
		return raw, nil
	}
	raw = strings.ReplaceAll(raw, "\r\n", "\n")
	return strings.ReplaceAll(raw, "\r", "\n"), nil
}

func firstInvalid(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return i
			}
		}
	}
	return len(s)
}

// NormalizeName is the text by which unlinked sources and mentions are
// told apart (the statistics' sources, the who-said-what graph's nodes):
// lower case, runs of white space one space, punctuation and spaces at
// either end dropped ("The Ministry," and "the  ministry" are one). Text
// already so (ASCII) is returned as it is, without a copy: most names
// are, and a corpus has a million of them.
func NormalizeName(text string) string {
	if normalASCII(text) {
		return text
	}
	return string(AppendName(nil, text))
}

// AppendName appends NormalizeName(text) to dst: the same bytes, made
// without a string of their own (a map looked up with string(dst) does
// not copy them; a graph of a million mentions looks up one per mention).
// Each code point is lowered (an invalid byte is U+FFFD, as strings.ToLower
// makes it), runs of white space are one space, and code points that are
// punctuation or space are dropped at either end.
func AppendName(dst []byte, text string) []byte {
	if normalASCII(text) {
		return append(dst, text...)
	}
	start, space := len(dst), false
	for _, r := range text {
		r = unicode.ToLower(r)
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		dst = utf8.AppendRune(dst, r)
	}
	name := dst[start:]
	from, to := 0, len(name)
	edge := func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) }
	for from < to {
		r, n := utf8.DecodeRune(name[from:])
		if !edge(r) {
			break
		}
		from += n
	}
	for to > from {
		r, n := utf8.DecodeLastRune(name[from:to])
		if !edge(r) {
			break
		}
		to -= n
	}
	return dst[:start+copy(name, name[from:to])]
}

// normalASCII reports whether text is ASCII that normalizeName leaves as
// it is: no upper case, no white space but single spaces between words,
// no punctuation or space at either end.
func normalASCII(text string) bool {
	if text == "" {
		return true
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= 0x80 || 'A' <= c && c <= 'Z' || c < ' ' || c == 0x7f:
			return false
		case c == ' ' && (i == 0 || i == len(text)-1 || text[i+1] == ' '):
			return false
		}
	}
	edge := func(c byte) bool { return unicode.IsPunct(rune(c)) || c == ' ' }
	return !edge(text[0]) && !edge(text[len(text)-1])
}

// Shorten is s on one line (runs of white space made one space) cut to n
// code points, ending in "…" when cut: a quote, a title or a name shown in
// a list, a status line, a chart or a graph.
func Shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if n < 1 || utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRightFunc(string(r[:n-1]), unicode.IsSpace) + "…"
}
