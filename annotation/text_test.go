package annotation

import "testing"

func TestShorten(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"Maria Zakharova", 32, "Maria Zakharova"},
		{"a quote over\ntwo lines", 32, "a quote over two lines"}, // a graph node's label stays on one line
		{"  spaced   out  ", 32, "spaced out"},
		{"abcdefghij", 5, "abcd…"},
		{"We will build it", 9, "We will…"}, // no space before the ellipsis
		{"Ελληνικά κείμενα", 8, "Ελληνικ…"},
		{"exactly5", 8, "exactly5"},
		{"anything", 0, "anything"},
	} {
		if got := Shorten(c.s, c.n); got != c.want {
			t.Errorf("Shorten(%q, %d) = %q; want %q", c.s, c.n, got, c.want)
		}
	}
}

func TestParseColor(t *testing.T) {
	for _, c := range []struct {
		s       string
		r, g, b uint8
		ok      bool
	}{
		{"#e6a700", 0xe6, 0xa7, 0x00, true},
		{"#2F80ED", 0x2f, 0x80, 0xed, true},
		{"#000000", 0, 0, 0, true},
		{"e6a700", 0, 0, 0, false},
		{"#e6a70", 0, 0, 0, false},
		{"#e6a7001", 0, 0, 0, false},
		{"#g6a700", 0, 0, 0, false},
		{"#abc", 0, 0, 0, false},
		{"", 0, 0, 0, false},
	} {
		r, g, b, ok := ParseColor(c.s)
		if r != c.r || g != c.g || b != c.b || ok != c.ok {
			t.Errorf("ParseColor(%q) = %d %d %d %v; want %d %d %d %v", c.s, r, g, b, ok, c.r, c.g, c.b, c.ok)
		}
	}
}
