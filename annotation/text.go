package annotation

import (
	"fmt"
	"strings"
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
