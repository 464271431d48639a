package formats

import "strings"

// textBuilder assembles the plain text of a converted document block by
// block: blocks are separated by a blank line (or a line break inside lists
// and tables), runs of white space in flowing text become one space, and no
// line starts or ends with the spaces of collapsed white space.
type textBuilder struct {
	b      strings.Builder
	breaks int    // line breaks owed before the next text: 0, 1 or 2
	space  bool   // a space is owed before the next word on this line
	prefix string // written before the next text, after the breaks (list marker)
	sep    string // written before the next text on the same line (table cell)
}

// block asks for n line breaks (1: new line, 2: blank line) before the next
// text. Nothing is owed at the start of the text.
func (t *textBuilder) block(n int) {
	if t.b.Len() == 0 {
		return
	}
	t.breaks = max(t.breaks, n)
	t.space = false
	t.sep = ""
}

// lineBreak adds one line break (an HTML <br> or a Markdown hard break), up
// to a blank line.
func (t *textBuilder) lineBreak() {
	if t.b.Len() == 0 {
		return
	}
	t.breaks = min(t.breaks+1, 2)
	t.space = false
	t.sep = ""
}

// flush writes what is owed before text.
func (t *textBuilder) flush() {
	if t.b.Len() > 0 {
		if t.breaks > 0 {
			t.b.WriteString("\n\n"[:t.breaks])
		} else if t.sep != "" {
			t.b.WriteString(t.sep)
		} else if t.space {
			t.b.WriteByte(' ')
		}
	}
	if t.prefix != "" {
		t.b.WriteString(t.prefix)
		t.prefix = ""
	}
	t.breaks, t.space, t.sep = 0, false, ""
}

// atLineStart reports whether the next text starts a line.
func (t *textBuilder) atLineStart() bool {
	return t.b.Len() == 0 || t.breaks > 0 || strings.HasSuffix(t.b.String(), "\n")
}

// words writes flowing text, collapsing white space.
func (t *textBuilder) words(s string) {
	start := -1
	for i, r := range s {
		if isSpace(r) {
			if start >= 0 {
				t.word(s[start:i])
				start = -1
			}
			if !t.atLineStart() {
				t.space = true
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		t.word(s[start:])
	}
}

func (t *textBuilder) word(w string) {
	t.flush()
	t.b.WriteString(w)
}

// inline writes text as it is, without collapsing white space (Markdown text
// segments, already free of line ends).
func (t *textBuilder) inline(s string) {
	if t.space || t.atLineStart() || strings.HasSuffix(t.b.String(), " ") {
		// no double spaces where a dropped image or tag was
		s = strings.TrimLeft(s, " ")
	}
	if s == "" {
		return
	}
	t.flush()
	t.b.WriteString(s)
}

// verbatim writes preformatted text, keeping its white space and line ends.
func (t *textBuilder) verbatim(s string) {
	if s == "" {
		return
	}
	t.flush()
	t.b.WriteString(s)
}

// String returns the text with trailing white space removed from every line
// and from the end.
func (t *textBuilder) String() string {
	lines := strings.Split(t.b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, isSpace)
	}
	s := strings.Join(lines, "\n")
	for strings.Contains(s, "\n\n\n") {
		s = strings.ReplaceAll(s, "\n\n\n", "\n\n")
	}
	return strings.TrimSpace(s)
}

// isSpace reports whether r is HTML/ASCII white space. No-break spaces and
// other Unicode spaces are text and kept.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v':
		return true
	}
	return false
}

// Len is the number of bytes written.
func (t *textBuilder) Len() int { return t.b.Len() }
