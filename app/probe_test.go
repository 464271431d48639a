package app

import (
	"strconv"
	"strings"
	"testing"
)

// The end-to-end scripts click where Probe says the words and controls are.
func TestProbeSaysWhereThingsAre(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Show()
	start, end := sel(t, u, "Pérez,", 0)
	press(u, "3")
	var b strings.Builder
	if err := u.Probe(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	var word string
	boxes := map[string]bool{}
	for _, l := range lines {
		f := strings.Split(l, "\t")
		switch {
		case f[0] == "word" && len(f) == 8 && f[7] == "Pérez,":
			word = l
		case f[0] == "box" && len(f) == 6:
			boxes[f[1]] = true
		}
	}
	pos, size, _ := u.article.TextBox(start, end)
	if word == "" {
		t.Errorf("no word line for \"Pérez,\" in the probe:\n%s", b.String())
	} else if f := strings.Split(word, "\t"); f[1] != itoa(start) || f[2] != itoa(end) || size.Width <= 0 || pos.X <= 0 {
		t.Errorf("word line %q; want offsets %d %d", word, start, end)
	}
	for _, name := range []string{"note", "layer", "article.0", "article.1"} {
		if !boxes[name] {
			t.Errorf("no box %s in the probe:\n%s", name, b.String())
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
