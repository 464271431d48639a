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
// An Offsets is built once per text in O(n) and keeps a checkpoint every
// checkpointEvery code points (8 bytes each: about 0.25 bytes per code
// point, where full tables would take 8), so that the document a window
// shows costs little memory beside its text. A conversion starts at the
// nearest checkpoint and walks at most checkpointEvery-1 code points: O(1)
// from code points, O(log n) to code points. For pure ASCII it keeps no
// checkpoints, as all three units agree.
type Offsets struct {
	text  string
	n     int     // code points
	units int     // UTF-16 code units
	bytes []int32 // bytes[k]: byte offset of code point k*checkpointEvery; nil if ASCII
	utf16 []int32 // utf16[k]: UTF-16 offset of code point k*checkpointEvery; nil if ASCII
}

// checkpointEvery is the distance in code points between two checkpoints.
const checkpointEvery = 32

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
		o.n, o.units = len(text), len(text)
		return o
	}
	n := utf8.RuneCountInString(text)
	o.n = n
	o.bytes = make([]int32, 0, n/checkpointEvery+1)
	o.utf16 = make([]int32, 0, n/checkpointEvery+1)
	u, cp := 0, 0
	for i, r := range text {
		if cp%checkpointEvery == 0 {
			o.bytes = append(o.bytes, int32(i))
			o.utf16 = append(o.utf16, int32(u))
		}
		u += utf16Len(r)
		cp++
	}
	if cp%checkpointEvery == 0 {
		o.bytes = append(o.bytes, int32(len(text)))
		o.utf16 = append(o.utf16, int32(u))
	}
	o.units = u
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
func (o *Offsets) UTF16Len() int { return o.units }

// Valid reports whether cp is a position in the text (0..Len()).
func (o *Offsets) Valid(cp int) bool { return cp >= 0 && cp <= o.n }

// Byte converts code point position cp to a UTF-8 byte offset. cp is clamped
// to 0..Len().
func (o *Offsets) Byte(cp int) int {
	b, _ := o.at(o.clamp(cp))
	return b
}

// UTF16 converts code point position cp to a UTF-16 code unit offset. cp is
// clamped to 0..Len().
func (o *Offsets) UTF16(cp int) int {
	_, u := o.at(o.clamp(cp))
	return u
}

// at returns the byte and UTF-16 offsets of code point position cp, which
// must be in 0..Len(): from the checkpoint before it, forward.
func (o *Offsets) at(cp int) (b, u int) {
	if o.bytes == nil {
		return cp, cp
	}
	k := cp / checkpointEvery
	b, u = int(o.bytes[k]), int(o.utf16[k])
	for range cp - k*checkpointEvery {
		r, size := utf8.DecodeRuneInString(o.text[b:])
		b += size
		u += utf16Len(r)
	}
	return b, u
}

// FromByte converts UTF-8 byte offset b to a code point position. ok is false
// when b is outside the text or falls inside a multi-byte character.
func (o *Offsets) FromByte(b int) (cp int, ok bool) {
	if b < 0 || b > len(o.text) {
		return 0, false
	}
	if o.bytes == nil {
		return b, true
	}
	k := checkpointBefore(o.bytes, b)
	cp, at := k*checkpointEvery, int(o.bytes[k])
	for at < b {
		_, size := utf8.DecodeRuneInString(o.text[at:])
		at += size
		cp++
	}
	return cp, at == b
}

// FromUTF16 converts UTF-16 offset u to a code point position. ok is false
// when u is outside the text or falls between the two halves of a surrogate
// pair.
func (o *Offsets) FromUTF16(u int) (cp int, ok bool) {
	if u < 0 || u > o.units {
		return 0, false
	}
	if o.utf16 == nil {
		return u, true
	}
	k := checkpointBefore(o.utf16, u)
	cp, at, b := k*checkpointEvery, int(o.utf16[k]), int(o.bytes[k])
	for at < u {
		r, size := utf8.DecodeRuneInString(o.text[b:])
		b += size
		at += utf16Len(r)
		cp++
	}
	return cp, at == u
}

// checkpointBefore returns the index of the last checkpoint at or before v.
func checkpointBefore(table []int32, v int) int {
	return sort.Search(len(table), func(i int) bool { return int(table[i]) > v }) - 1
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
