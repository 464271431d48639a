package storage

import (
	"encoding/json"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"glossa/annotation"
)

// decodeAnnotation decodes a stored annotation value into a, overwriting
// it. Values are the JSON json.Marshal writes for annotation.Annotation;
// reading them by reflection was half the time of an export, so they are
// read by a decoder for exactly that shape (fastAnnotation), which gives up
// on anything else: an unknown, duplicate or differently cased member, a
// null other than a list's or map's, a surrogate escape, invalid UTF-8, a
// number in another form. Then json.Unmarshal decodes the value, so the
// result (and the error) is always json.Unmarshal's. Strings are copied out
// of data. names, when not nil, shares the strings of short names (label,
// link types, provenance, author, layer, attributes) among the annotations decoded
// with it: a document's annotations use a few labels.
func decodeAnnotation(data []byte, a *annotation.Annotation, names map[string]string) error {
	*a = annotation.Annotation{}
	if fastAnnotation(data, a, names) {
		return nil
	}
	*a = annotation.Annotation{}
	return json.Unmarshal(data, a)
}

// fastAnnotation decodes data into a zero a; false means not decoded (a
// holds a part of it).
func fastAnnotation(data []byte, a *annotation.Annotation, names map[string]string) bool {
	d := annScanner{b: data, names: names}
	var seen uint16
	ok := d.object(func(key []byte) bool {
		bit := uint16(0)
		ok := false
		switch string(key) {
		case "id":
			bit, ok = 1<<0, d.uint(&a.ID)
		case "document":
			bit, ok = 1<<1, d.uint(&a.DocID)
		case "label":
			bit, ok = 1<<2, d.name(&a.Label)
		case "spans":
			bit, ok = 1<<3, d.spans(&a.Spans)
		case "attributes":
			bit, ok = 1<<4, d.attributes(&a.Attributes)
		case "note":
			bit, ok = 1<<5, d.str(&a.Note)
		case "entity":
			bit, ok = 1<<6, d.uint(&a.Entity)
		case "links":
			bit, ok = 1<<7, d.links(&a.Links)
		case "author":
			bit, ok = 1<<8, d.name(&a.Author)
		case "created":
			bit, ok = 1<<9, d.time(&a.Created)
		case "modified":
			bit, ok = 1<<10, d.time(&a.Modified)
		case "provenance":
			bit, ok = 1<<11, d.provenance(&a.Provenance)
		case "layer":
			bit, ok = 1<<12, d.name(&a.Layer)
		}
		if !ok || seen&bit != 0 {
			return false
		}
		seen |= bit
		return true
	})
	d.ws()
	return ok && d.i == len(d.b)
}

// annScanner reads the JSON of one stored annotation. Each method reads one
// value at d.i, after skipping white space, and reports false on anything
// it does not handle.
type annScanner struct {
	b     []byte
	i     int
	names map[string]string // see decodeAnnotation; may be nil
}

// Names of at most maxNameLen bytes are shared, up to maxNames of them.
const (
	maxNameLen = 64
	maxNames   = 4096
)

func (d *annScanner) ws() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// next skips white space and consumes c if it comes next.
func (d *annScanner) next(c byte) bool {
	d.ws()
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

// object reads {"key": value, ...}, calling member for each key with d.i
// at its value. Keys must hold no escapes.
func (d *annScanner) object(member func(key []byte) bool) bool {
	if !d.next('{') {
		return false
	}
	if d.next('}') {
		return true
	}
	for {
		key, ok := d.plainString()
		if !ok || !d.next(':') || !member(key) {
			return false
		}
		if d.next(',') {
			continue
		}
		return d.next('}')
	}
}

// array reads [value, ...], calling elem for each value.
func (d *annScanner) array(elem func() bool) bool {
	if !d.next('[') {
		return false
	}
	if d.next(']') {
		return true
	}
	for {
		if !elem() {
			return false
		}
		if d.next(',') {
			continue
		}
		return d.next(']')
	}
}

// plainString reads a string without escapes or control characters and
// returns its bytes, aliasing d.b.
func (d *annScanner) plainString() ([]byte, bool) {
	if !d.next('"') {
		return nil, false
	}
	start := d.i
	for d.i < len(d.b) {
		c := d.b[d.i]
		switch {
		case c == '"':
			d.i++
			return d.b[start : d.i-1], true
		case c == '\\' || c < 0x20:
			return nil, false
		}
		d.i++
	}
	return nil, false
}

// str reads a string into *s, a copy: escapes decoded, invalid UTF-8 and
// surrogate escapes refused.
func (d *annScanner) str(s *string) bool {
	if !d.next('"') {
		return false
	}
	start, ascii := d.i, true
	for d.i < len(d.b) {
		c := d.b[d.i]
		switch {
		case c == '"':
			raw := d.b[start:d.i]
			d.i++
			if !ascii && !utf8.Valid(raw) {
				return false
			}
			*s = string(raw)
			return true
		case c == '\\':
			return d.escaped(start, s)
		case c < 0x20:
			return false
		case c >= utf8.RuneSelf:
			ascii = false
		}
		d.i++
	}
	return false
}

// name is str for a short string that recurs (see decodeAnnotation).
func (d *annScanner) name(s *string) bool {
	if d.names == nil {
		return d.str(s)
	}
	d.ws()
	start := d.i
	raw, ok := d.plainString()
	if !ok || len(raw) > maxNameLen {
		d.i = start
		return d.str(s)
	}
	if v, ok := d.names[string(raw)]; ok {
		*s = v
		return true
	}
	if !utf8.Valid(raw) {
		return false
	}
	*s = string(raw)
	if len(d.names) < maxNames {
		d.names[*s] = *s
	}
	return true
}

// escaped finishes str for a string, begun at start, that holds escapes.
func (d *annScanner) escaped(start int, s *string) bool {
	buf := make([]byte, 0, d.i-start+16)
	buf = append(buf, d.b[start:d.i]...)
	for d.i < len(d.b) {
		c := d.b[d.i]
		switch {
		case c == '"':
			d.i++
			if !utf8.Valid(buf) {
				return false
			}
			*s = string(buf)
			return true
		case c < 0x20:
			return false
		case c != '\\':
			buf = append(buf, c)
			d.i++
			continue
		}
		if d.i+1 >= len(d.b) {
			return false
		}
		switch e := d.b[d.i+1]; e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			if d.i+6 > len(d.b) {
				return false
			}
			r, err := strconv.ParseUint(string(d.b[d.i+2:d.i+6]), 16, 32)
			if err != nil || utf16.IsSurrogate(rune(r)) {
				return false
			}
			buf = utf8.AppendRune(buf, rune(r))
			d.i += 4
		default:
			return false
		}
		d.i += 2
	}
	return false
}

// digits reads a JSON integer without sign, fraction or exponent.
func (d *annScanner) digits() (uint64, bool) {
	d.ws()
	start := d.i
	var n uint64
	for d.i < len(d.b) && d.b[d.i] >= '0' && d.b[d.i] <= '9' {
		c := uint64(d.b[d.i] - '0')
		if n > (1<<64-1-c)/10 {
			return 0, false
		}
		n = n*10 + c
		d.i++
	}
	switch {
	case d.i == start, d.b[start] == '0' && d.i-start > 1:
		return 0, false
	case d.i < len(d.b) && (d.b[d.i] == '.' || d.b[d.i] == 'e' || d.b[d.i] == 'E'):
		return 0, false
	}
	return n, true
}

func (d *annScanner) uint(v *uint64) bool {
	n, ok := d.digits()
	*v = n
	return ok
}

func (d *annScanner) int(v *int) bool {
	neg := d.next('-')
	n, ok := d.digits()
	if !ok || n > 1<<63-1 {
		return false
	}
	*v = int(n)
	if neg {
		*v = -*v
	}
	return true
}

// float reads a JSON number as json.Unmarshal does: the JSON grammar, then
// strconv.ParseFloat.
func (d *annScanner) float(v *float64) bool {
	d.ws()
	start := d.i
	digits := func() bool {
		s := d.i
		for d.i < len(d.b) && d.b[d.i] >= '0' && d.b[d.i] <= '9' {
			d.i++
		}
		return d.i > s
	}
	if d.i < len(d.b) && d.b[d.i] == '-' {
		d.i++
	}
	intStart := d.i
	if !digits() || (d.b[intStart] == '0' && d.i-intStart > 1) {
		return false
	}
	if d.i < len(d.b) && d.b[d.i] == '.' {
		d.i++
		if !digits() {
			return false
		}
	}
	if d.i < len(d.b) && (d.b[d.i] == 'e' || d.b[d.i] == 'E') {
		d.i++
		if d.i < len(d.b) && (d.b[d.i] == '+' || d.b[d.i] == '-') {
			d.i++
		}
		if !digits() {
			return false
		}
	}
	f, err := strconv.ParseFloat(string(d.b[start:d.i]), 64)
	*v = f
	return err == nil
}

// time reads a time as time.Time.UnmarshalJSON does (json.Unmarshal calls
// it with the quoted string).
func (d *annScanner) time(t *time.Time) bool {
	d.ws()
	start := d.i
	if _, ok := d.plainString(); !ok {
		return false
	}
	return t.UnmarshalJSON(d.b[start:d.i]) == nil
}

// null consumes a null literal if one comes next.
func (d *annScanner) null() bool {
	d.ws()
	if len(d.b)-d.i >= 4 && string(d.b[d.i:d.i+4]) == "null" {
		d.i += 4
		return true
	}
	return false
}

// spans, links and attributes take null as nil, as json.Unmarshal does (a
// nil slice is written null).
func (d *annScanner) spans(out *[]annotation.Span) bool {
	if d.null() {
		*out = nil
		return true
	}
	*out = make([]annotation.Span, 0, 1) // most annotations have one span
	return d.array(func() bool {
		var sp annotation.Span
		var seen uint8
		ok := d.object(func(key []byte) bool {
			bit, ok := uint8(0), false
			switch string(key) {
			case "start":
				bit, ok = 1, d.int(&sp.Start)
			case "end":
				bit, ok = 2, d.int(&sp.End)
			case "text":
				bit, ok = 4, d.str(&sp.Text)
			}
			if !ok || seen&bit != 0 {
				return false
			}
			seen |= bit
			return true
		})
		*out = append(*out, sp)
		return ok
	})
}

func (d *annScanner) links(out *[]annotation.Link) bool {
	if d.null() {
		*out = nil
		return true
	}
	*out = []annotation.Link{}
	return d.array(func() bool {
		var l annotation.Link
		var seen uint8
		ok := d.object(func(key []byte) bool {
			bit, ok := uint8(0), false
			switch string(key) {
			case "type":
				var s string
				bit, ok = 1, d.name(&s)
				l.Type = annotation.LinkType(s)
			case "target":
				bit, ok = 2, d.uint(&l.Target)
			}
			if !ok || seen&bit != 0 {
				return false
			}
			seen |= bit
			return true
		})
		*out = append(*out, l)
		return ok
	})
}

func (d *annScanner) attributes(out *map[string]string) bool {
	if d.null() {
		*out = nil
		return true
	}
	m := map[string]string{}
	*out = m
	if !d.next('{') {
		return false
	}
	if d.next('}') {
		return true
	}
	for {
		var k, v string
		if !d.name(&k) || !d.next(':') || !d.name(&v) {
			return false
		}
		m[k] = v
		if d.next(',') {
			continue
		}
		return d.next('}')
	}
}

func (d *annScanner) provenance(p *annotation.Provenance) bool {
	var seen uint8
	return d.object(func(key []byte) bool {
		bit, ok := uint8(0), false
		var s string
		switch string(key) {
		case "origin":
			bit, ok = 1, d.name(&s)
			p.Origin = annotation.Origin(s)
		case "rule":
			bit, ok = 2, d.name(&p.Rule)
		case "confidence":
			bit, ok = 4, d.float(&p.Confidence)
		case "review":
			bit, ok = 8, d.name(&s)
			p.Review = annotation.Review(s)
		case "reviewer":
			bit, ok = 16, d.name(&p.Reviewer)
		case "from":
			bit, ok = 32, d.versions(&p.From)
		}
		if !ok || seen&bit != 0 {
			return false
		}
		seen |= bit
		return true
	})
}

// versions reads a curated annotation's Provenance.From.
func (d *annScanner) versions(out *[]annotation.Version) bool {
	if d.null() {
		*out = nil
		return true
	}
	*out = []annotation.Version{}
	return d.array(func() bool {
		var v annotation.Version
		var seen uint8
		ok := d.object(func(key []byte) bool {
			bit, ok := uint8(0), false
			switch string(key) {
			case "layer":
				bit, ok = 1, d.name(&v.Layer)
			case "fingerprint":
				bit, ok = 2, d.str(&v.Fingerprint)
			case "digest":
				bit, ok = 4, d.str(&v.Digest)
			}
			if !ok || seen&bit != 0 {
				return false
			}
			seen |= bit
			return true
		})
		*out = append(*out, v)
		return ok
	})
}
