package formats

import (
	"strings"
	"testing"
	"time"
)

func TestMarkdownDepth(t *testing.T) {
	tests := []struct {
		src  string
		want int
	}{
		{"plain text\n", 0},
		{"- a\n  - b\n    - c\n", 3},
		{"> > quote\n", 2},
		{"1. one\n   2) two\n", 2},
		{"-not a list\n", 0},
		{"2024. A year\n", 1},
		{"2024 was a year\n", 0},
		{"\t- tabbed\n", 3},
		{strings.Repeat("- ", 100) + "x", 100},
		{strings.Repeat(">", 100) + " x", 100},
	}
	for _, tt := range tests {
		if got := markdownDepth(tt.src); got != tt.want {
			t.Errorf("markdownDepth(%.40q) = %d; want %d", tt.src, got, tt.want)
		}
	}
}

// TestDeepMarkdownIsPlainText: Markdown nesting deeper than
// maxMarkdownDepth is taken as plain text, quickly; nesting within it is
// rendered.
func TestDeepMarkdownIsPlainText(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("- ", 100000) + "taxes would fall\n",
		strings.Repeat(">", 100000) + " taxes would fall\n",
	} {
		start := time.Now()
		doc := markdownDocument(src)
		if !strings.Contains(doc.Text, "taxes would fall") {
			t.Errorf("text %.100q; want it to keep the words", doc.Text)
		}
		if took := time.Since(start); took > time.Second {
			t.Errorf("took %v", took)
		}
	}
	doc := markdownDocument("# Title\n\n- a\n  - b\n")
	if want := "Title\n\n- a\n  - b"; doc.Text != want {
		t.Errorf("text %q; want %q", doc.Text, want)
	}
}
