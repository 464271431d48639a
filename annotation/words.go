package annotation

import (
	"strconv"
	"strings"
)

// Plural is a count with its noun, in the plural unless n is 1: "1
// annotation", "3 annotations", "2 entities". Every count the window, the
// command line and the dataset card write goes through it, so that none
// reads "1 annotations".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + plurals(noun)
}

// plurals is the plural of an English noun as Glossa's words need it:
// "entity" → "entities", "match" → "matches", else an s.
func plurals(noun string) string {
	switch {
	case strings.HasSuffix(noun, "y") && len(noun) > 1 && !strings.ContainsAny(noun[len(noun)-2:len(noun)-1], "aeiou"):
		return noun[:len(noun)-1] + "ies"
	case strings.HasSuffix(noun, "s"), strings.HasSuffix(noun, "x"), strings.HasSuffix(noun, "ch"), strings.HasSuffix(noun, "sh"):
		return noun + "es"
	}
	return noun + "s"
}
