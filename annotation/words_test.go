package annotation

import "testing"

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n    int
		noun string
		want string
	}{
		{0, "annotation", "0 annotations"},
		{1, "annotation", "1 annotation"},
		{2, "annotation", "2 annotations"},
		{1, "mention", "1 mention"},
		{3, "mention", "3 mentions"},
		{1, "entity", "1 entity"},
		{2, "entity", "2 entities"},
		{2, "day", "2 days"},
		{2, "match", "2 matches"},
		{2, "suggestion", "2 suggestions"},
		{2, "change", "2 changes"},
		{2, "conflict", "2 conflicts"},
	} {
		if got := Plural(c.n, c.noun); got != c.want {
			t.Errorf("Plural(%d, %q) = %q; want %q", c.n, c.noun, got, c.want)
		}
	}
}
