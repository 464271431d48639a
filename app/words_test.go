package app

import "testing"

func TestQuoteShown(t *testing.T) {
	long := make([]rune, 0, 1000)
	for i := 0; i < 1000; i++ {
		long = append(long, rune('a'+i%26))
	}
	for _, c := range []struct {
		name  string
		quote string
		all   bool
		want  string
		cut   bool
	}{
		{"plain", "The plan", false, "“The plan”", false},
		{"its own straight quotes", `"We have no doubt," she said`, false, `"We have no doubt," she said`, false},
		{"its own curly quotes", "“Never”", false, "“Never”", false},
		{"guillemets", "« Jamais »", false, "« Jamais »", false},
		{"long, shortened", string(long), false, "“" + string(long[:300]) + " … " + string(long[900:]) + "”", true},
		{"long, all", string(long), true, "“" + string(long) + "”", true},
		{"just over the limit is kept", string(long[:450]), false, "“" + string(long[:450]) + "”", false},
	} {
		got, cut := quoteShown(c.quote, c.all)
		if got != c.want || cut != c.cut {
			t.Errorf("%s: quoteShown = %q, %v; want %q, %v", c.name, got, cut, c.want, c.cut)
		}
	}
}
