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
