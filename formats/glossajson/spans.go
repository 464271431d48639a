package glossajson

import (
	"math/bits"
	"slices"
	"unicode/utf8"

	"glossa/annotation"
)

// spanCheck checks spans against a text without building an offset table
// of the text. Its slices are scratch space, kept for the next text.
type spanCheck struct {
	pos   []int // code point positions of span ends, sorted
	bytes []int // bytes[i]: byte offset of pos[i]
}

// hold reports whether every annotation's spans pass
// annotation.CheckSpans against text (valid UTF-8): the spans' code point
// positions are sorted and converted to byte offsets in one walk over the
// text. false says only that one does not; CheckSpans then says which and
// why.
func (c *spanCheck) hold(text string, anns []annotation.Annotation) bool {
	pos := c.pos[:0]
	defer func() { c.pos = pos }()
	for _, a := range anns {
		if len(a.Spans) == 0 {
			return false
		}
		for i, s := range a.Spans {
			if s.Start < 0 || s.Start >= s.End || (i > 0 && s.Start < a.Spans[i-1].End) {
				return false
			}
			pos = append(pos, s.Start, s.End)
		}
	}
	slices.Sort(pos)
	pos = slices.Compact(pos)
	// bytes[i] is the byte offset of code point pos[i], found by walking
	// the text from the previous position: a code point starts at every
	// byte that is not a continuation byte.
	bytes := slices.Grow(c.bytes[:0], len(pos))[:len(pos)]
	c.bytes = bytes
	cp, b := 0, 0
	for i, p := range pos {
		for cp < p && b < len(text) {
			// Eight bytes at a time, when the ninth starts a code point:
			// they hold as many code points as bytes that start one.
			if len(text)-b > 8 && utf8.RuneStart(text[b+8]) {
				if n := runeStarts(text[b : b+8]); cp+n <= p {
					b += 8
					cp += n
					continue
				}
			}
			b++
			for b < len(text) && !utf8.RuneStart(text[b]) {
				b++
			}
			cp++
		}
		if cp < p {
			return false // past the end of the text
		}
		bytes[i] = b
	}
	at := func(p int) int {
		i, _ := slices.BinarySearch(pos, p)
		return bytes[i]
	}
	for _, a := range anns {
		for _, s := range a.Spans {
			if text[at(s.Start):at(s.End)] != s.Text {
				return false
			}
		}
	}
	return true
}

// runeStarts counts the bytes of the 8-byte s that start a code point:
// those that are not continuation bytes (10xxxxxx).
func runeStarts(s string) int {
	w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	cont := w & 0x8080808080808080 &^ (w & 0x4040404040404040 << 1)
	return 8 - bits.OnesCount64(cont)
}
