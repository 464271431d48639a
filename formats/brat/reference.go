package brat

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// An N line's reference is DB:ID. brat's parser
// ("(\S+) (\S+) (\S+?):(\S+)") ends the database at the first colon and
// both parts at white space, so each part is written on its own, with
// every white space or control character escaped: "%XX" (upper-case hex)
// for an ASCII one, "%uXXXX" for any other (all are in the BMP). A '%' is
// written "%25" only where what follows it would otherwise read as an
// escape, so that an id already holding '%' (Caf%C3%A9, 50%) is written as
// it is: escapePart and unescapePart undo each other both ways, for every
// string and for every part without white space.

// Databases Glossa writes itself.
const (
	dbGlossa   = "Glossa"   // an entity of the project's registry without an external id
	dbWikidata = "Wikidata" // a bare Wikidata Q-id
	dbRef      = "Ref"      // an external id without a database of its own
)

var wikidataID = regexp.MustCompile(`^Q[0-9]+$`)

// reference is the DB:ID of an N line for an entity of the registry with
// id and external id ext: Glossa:<id> without external id, Wikidata:<Q-id>
// for a bare Q-id, the external id split at its first colon when it names
// a database and an id, else Ref:<external id>. A bare Q-id and
// "Wikidata:<Q-id>" are both written Wikidata:<Q-id>, read back bare.
func reference(id uint64, ext string) string {
	if ext == "" {
		return dbGlossa + ":" + strconv.FormatUint(id, 10)
	}
	if wikidataID.MatchString(ext) {
		return dbWikidata + ":" + ext
	}
	db, key, ok := strings.Cut(ext, ":")
	switch {
	case db == dbRef && ok && reference(0, key) != dbRef+":"+escapePart(key):
		// Ref:<key> reads back as ext, not as key: key alone is not
		// written under Ref (Ref:Q42 as it came from a brat file).
		return dbRef + ":" + escapePart(key)
	case !ok || db == "" || key == "" || db == dbGlossa || db == dbRef:
		return dbRef + ":" + escapePart(ext)
	}
	return escapePart(db) + ":" + escapePart(key)
}

// parseReference reads an N line's DB:ID: registry is true for Glossa's
// own database, else ext is the external id that reference writes back as
// ref.
func parseReference(ref string) (ext string, registry bool) {
	rawDB, rawKey, ok := strings.Cut(ref, ":")
	if !ok {
		return unescapePart(ref), false
	}
	db, key := unescapePart(rawDB), unescapePart(rawKey)
	switch {
	case db == dbGlossa:
		return "", true
	case db == dbWikidata && wikidataID.MatchString(key):
		return key, false
	case db == dbRef && reference(0, key) == ref:
		return key, false
	}
	return db + ":" + key, false
}

// mustEscape reports whether r cannot stand in a part of a reference.
func mustEscape(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }

const upperHex = "0123456789ABCDEF"

// escapePart writes s without white space or control characters.
func escapePart(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '%' && escapeLen(s[i+1:]) > 0:
			b.WriteString("%25")
		case mustEscape(r) && r < 0x80:
			b.WriteByte('%')
			b.WriteByte(upperHex[r>>4])
			b.WriteByte(upperHex[r&0xF])
		case mustEscape(r):
			b.WriteString("%u")
			for shift := 12; shift >= 0; shift -= 4 {
				b.WriteByte(upperHex[(r>>shift)&0xF])
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unescapePart undoes escapePart.
func unescapePart(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		n := 0
		if s[i] == '%' {
			n = escapeLen(s[i+1:])
		}
		if n == 0 {
			b.WriteByte(s[i])
			continue
		}
		r, _ := hexRune(s[i+1 : i+1+n])
		b.WriteRune(r)
		i += n
	}
	return b.String()
}

// escapeLen returns how many bytes after a '%' form an escape with it, 0
// when that '%' stands for itself. "25" is an escaped '%' only when the
// '%' would otherwise start an escape, that is when the "25"s that follow
// end in the escape of a character that needs one. The answer is the same
// for a string and for its escapePart, whose hex digits are all the
// string's own.
func escapeLen(rest string) int {
	k := 0
	for strings.HasPrefix(rest[k:], "25") {
		k += 2
	}
	r, n := hexRune(rest[k:])
	switch {
	case n == 0 || !mustEscape(r):
		return 0
	case k > 0:
		return 2
	}
	return n
}

// hexRune reads the escape body at the start of s, "XX" for an ASCII
// character or '%', "uXXXX" for any other, in upper-case hex: the rune and
// the length read, or 0.
func hexRune(s string) (rune, int) {
	width, at := 2, 0
	if strings.HasPrefix(s, "u") {
		width, at = 4, 1
	}
	if len(s) < at+width {
		return 0, 0
	}
	var r rune
	for _, c := range []byte(s[at : at+width]) {
		d := strings.IndexByte(upperHex, c)
		if d < 0 {
			return 0, 0
		}
		r = r<<4 | rune(d)
	}
	if (width == 2) != (r < 0x80) {
		return 0, 0 // not the one way escapePart writes it
	}
	return r, at + width
}
