package app

import (
	"strings"
	"testing"
)

func TestQuoted(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{`"We will build it," she said`, 9, `“"We will…”`},
		{"Ana Pérez", 40, "“Ana Pérez”"},
		{"two\n  lines", 40, "“two lines”"},
	} {
		if got := quoted(c.s, c.n); got != c.want {
			t.Errorf("quoted(%q, %d) = %s; want %s", c.s, c.n, got, c.want)
		}
	}
}

// Status messages show the user's text between curly quotes, unescaped.
func TestCopyStatusQuotesWithoutEscapes(t *testing.T) {
	u, _ := newTestUI(t)
	sel(t, u, `"The reservoir will be full by June,"`, 0)
	u.copy()
	if got, want := u.status, `Copied “"The reservoir will be full by June,"”.`; got != want {
		t.Errorf("status = %s; want %s", got, want)
	}
	if strings.Contains(u.status, `\"`) {
		t.Errorf("status has an escaped quote: %s", u.status)
	}
}
