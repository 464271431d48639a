package glossajson

import (
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// appendDoc appends the JSON encoding/json writes for d with
// SetEscapeHTML(false), without reflection (encoding/json's reflection was
// a third of an export). ok is false for what encoding/json refuses, a
// confidence that is NaN or infinite: the caller then lets encoding/json
// say so. TestAppendDocLikeEncodingJSON holds it to encoding/json's bytes.
func appendDoc(b []byte, d *docJSON) (_ []byte, ok bool) {
	b = append(b, `{"id":`...)
	b = strconv.AppendUint(b, d.ID, 10)
	b = appendMember(b, "title", d.Title)
	b = appendMember(b, "outlet", d.Outlet)
	b = appendMember(b, "url", d.URL)
	b = append(b, `,"authors":`...)
	if d.Authors == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, a := range d.Authors {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, a)
		}
		b = append(b, ']')
	}
	b = appendMember(b, "published", d.Published)
	b = appendMember(b, "retrieved", d.Retrieved)
	b = appendMember(b, "language", d.Language)
	b = appendMember(b, "status", string(d.Status))
	b = appendMember(b, "origin", d.Origin)
	b = appendOptional(b, "created", d.Created)
	b = appendOptional(b, "modified", d.Modified)
	b = appendMember(b, "sha256", d.SHA256)
	b = appendMember(b, "text", d.Text)
	b = append(b, `,"annotations":`...)
	if d.Annotations == nil {
		return append(b, "null}"...), true
	}
	b = append(b, '[')
	for i := range d.Annotations {
		if i > 0 {
			b = append(b, ',')
		}
		if b, ok = appendAnn(b, &d.Annotations[i]); !ok {
			return b, false
		}
	}
	return append(b, "]}"...), true
}

func appendAnn(b []byte, a *annJSON) (_ []byte, ok bool) {
	b = append(b, `{"id":`...)
	b = strconv.AppendUint(b, a.ID, 10)
	b = appendMember(b, "label", a.Label)
	b = append(b, `,"spans":`...)
	if a.Spans == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, s := range a.Spans {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"start":`...)
			b = strconv.AppendInt(b, int64(s.Start), 10)
			b = append(b, `,"end":`...)
			b = strconv.AppendInt(b, int64(s.End), 10)
			b = appendMember(b, "text", s.Text)
			if s.UTF16 != nil {
				b = appendPair(b, "utf16", s.UTF16)
			}
			if s.Byte != nil {
				b = appendPair(b, "byte", s.Byte)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"attributes":`...)
	if a.Attributes == nil {
		b = append(b, "null"...)
	} else {
		keys := make([]string, 0, len(a.Attributes))
		for k := range a.Attributes {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			b = appendString(b, a.Attributes[k])
		}
		b = append(b, '}')
	}
	b = appendMember(b, "note", a.Note)
	b = append(b, `,"entity":`...)
	if a.Entity == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendUint(b, *a.Entity, 10)
	}
	b = append(b, `,"links":`...)
	if a.Links == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, l := range a.Links {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"type":`...)
			b = appendString(b, string(l.Type))
			b = append(b, `,"target":`...)
			b = strconv.AppendUint(b, l.Target, 10)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = appendMember(b, "author", a.Author)
	b = appendMember(b, "layer", a.Layer)
	b = appendOptional(b, "created", a.Created)
	b = appendOptional(b, "modified", a.Modified)
	p := &a.Provenance
	b = append(b, `,"provenance":{"origin":`...)
	b = appendString(b, string(p.Origin))
	if p.Rule != "" {
		b = appendMember(b, "rule", p.Rule)
	}
	if p.Confidence != 0 {
		if math.IsNaN(p.Confidence) || math.IsInf(p.Confidence, 0) {
			return b, false
		}
		b = append(b, `,"confidence":`...)
		b = appendFloat(b, p.Confidence)
	}
	if p.Review != "" {
		b = appendMember(b, "review", string(p.Review))
	}
	if p.Reviewer != "" {
		b = appendMember(b, "reviewer", p.Reviewer)
	}
	if len(p.From) > 0 {
		b = append(b, `,"from":[`...)
		for i, v := range p.From {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"layer":`...)
			b = appendString(b, v.Layer)
			b = appendMember(b, "fingerprint", v.Fingerprint)
			b = appendMember(b, "digest", v.Digest)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, "}}"...), true
}

// appendMember appends ,"name":"value".
func appendMember(b []byte, name, value string) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendString(b, value)
}

// appendOptional appends ,"name":"value" or ,"name":null.
func appendOptional(b []byte, name string, value *string) []byte {
	if value == nil {
		b = append(b, ',', '"')
		b = append(b, name...)
		return append(b, `":null`...)
	}
	return appendMember(b, name, *value)
}

func appendPair(b []byte, name string, p *offsetPair) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, `":{"start":`...)
	b = strconv.AppendInt(b, int64(p.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(p.End), 10)
	return append(b, '}')
}

// appendFloat writes a finite float64 as encoding/json does: %f, or %e
// below 1e-6 and from 1e21, with a one-digit negative exponent unpadded.
func appendFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendString appends s quoted as encoding/json does without HTML
// escaping: ", \ and control characters escaped (\b \f \n \r \t by name),
// invalid UTF-8 as \ufffd, U+2028 and U+2029 as \u2028 and \u2029.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
