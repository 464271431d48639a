package annotation

import (
	"sort"
	"unicode/utf16"
	"unicode/utf8"
)

// Offsets converts positions in one text between the three units tools use:
// Unicode code points (Glossa's canonical unit, Python's str index), UTF-16
// code units (JavaScript, Java, doccano) and UTF-8 bytes (Go, C, Rust).
// Every position is a boundary between two code points, 0 to Len().
//
// An Offsets is built once per text in O(n); each conversion then costs O(1)
// from code points and O(log n) to code points. For pure ASCII it keeps no
// tables, as all three units agree.
type Offsets struct {
	text  string
	n     int     // code points
	bytes []int32 // bytes[i]: byte offset of code point i; len n+1; nil if ASCII
	units []int32 // units[i]: UTF-16 offset of code point i; len n+1; nil if ASCII
}

// NewOffsets indexes text for conversions.
func NewOffsets(text string) *Offsets {
	o := &Offsets{text: text}
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		o.n = len(text)
		return o
	}
	n := utf8.RuneCountInString(text)
	o.n = n
	o.bytes = make([]int32, 0, n+1)
	o.units = make([]int32, 0, n+1)
	u := int32(0)
	for i, r := range text {
		o.bytes = append(o.bytes, int32(i))
		o.units = append(o.units, u)
		u += int32(utf16Len(r))
	}
	o.bytes = append(o.bytes, int32(len(text)))
	o.units = append(o.units, u)
	return o
}

func utf16Len(r rune) int {
	if r >= 0x10000 && r <= utf8.MaxRune {
		return 2
	}
	return 1
}

// Text returns the indexed text.
func (o *Offsets) Text() string { return o.text }

// Len is the text's length in code points.
func (o *Offsets) Len() int { return o.n }

// UTF16Len is the text's length in UTF-16 code units.
func (o *Offsets) UTF16Len() int {
	if o.units == nil {
		return o.n
	}
	return int(o.units[o.n])
}

// Valid reports whether cp is a position in the text (0..Len()).
func (o *Offsets) Valid(cp int) bool { return cp >= 0 && cp <= o.n }

// Byte converts code point position cp to a UTF-8 byte offset. cp is clamped
// to 0..Len().
func (o *Offsets) Byte(cp int) int {
	cp = o.clamp(cp)
	if o.bytes == nil {
		return cp
	}
	return int(o.bytes[cp])
}

// UTF16 converts code point position cp to a UTF-16 code unit offset. cp is
// clamped to 0..Len().
func (o *Offsets) UTF16(cp int) int {
	cp = o.clamp(cp)
	if o.units == nil {
		return cp
	}
	return int(o.units[cp])
}

// FromByte converts UTF-8 byte offset b to a code point position. ok is false
// when b is outside the text or falls inside a multi-byte character.
func (o *Offsets) FromByte(b int) (cp int, ok bool) {
	return o.from(o.bytes, b, len(o.text))
}

// FromUTF16 converts UTF-16 offset u to a code point position. ok is false
// when u is outside the text or falls between the two halves of a surrogate
// pair.
func (o *Offsets) FromUTF16(u int) (cp int, ok bool) {
	return o.from(o.units, u, o.UTF16Len())
}

func (o *Offsets) from(table []int32, v, max int) (int, bool) {
	if v < 0 || v > max {
		return 0, false
	}
	if table == nil {
		return v, true
	}
	i := sort.Search(len(table), func(i int) bool { return int(table[i]) >= v })
	return i, i < len(table) && int(table[i]) == v
}

// Slice returns the text between code point positions start and end.
// Positions are clamped to the text; an empty string results when start >= end.
func (o *Offsets) Slice(start, end int) string {
	start, end = o.clamp(start), o.clamp(end)
	if start >= end {
		return ""
	}
	return o.text[o.Byte(start):o.Byte(end)]
}

func (o *Offsets) clamp(cp int) int {
	if cp < 0 {
		return 0
	}
	if cp > o.n {
		return o.n
	}
	return cp
}

// Len returns the length of s in code points.
func Len(s string) int { return utf8.RuneCountInString(s) }

// UTF16Len returns the length of s in UTF-16 code units.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Len(r)
	}
	return n
}

// Slice returns the code points [start, end) of s. For many slices of one
// text, build an Offsets instead.
func Slice(s string, start, end int) string {
	return NewOffsets(s).Slice(start, end)
}

// DecodeUTF16 decodes UTF-16 code units to a string; unpaired surrogates
// become U+FFFD.
func DecodeUTF16(units []uint16) string {
	return string(utf16.Decode(units))
}
