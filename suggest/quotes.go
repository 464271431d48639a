package suggest

import "unicode"

// quote is one pair of outermost quote marks: open and close are the
// marks' offsets in code points.
type quote struct {
	open, close int
	mark        rune  // the opening mark
	resumes     []int // the marks that reopen it at each later paragraph's start
}

// closers says which marks close a quote opened by a mark.
var closers = map[rune]string{
	'"':  `"”`,  // a straight quote closed by a curly one is a common slip
	'“':  `”“"`, // English “…”; “…“ and “…" are common slips
	'”':  `”"`,  // Swedish and Finnish ”…”
	'„':  `“”"`, // German „…“, Polish and Romanian „…”
	'«':  "»",
	'»':  "«", // German and Danish »…«
	'‹':  "›",
	'›':  "‹",
	'\'': "'",
	'‘':  "’‘",
	'’':  "’", // Swedish ’…’
	'‚':  "‘’",
}

// isMark reports whether r is a quote mark.
func isMark(r rune) bool { _, ok := closers[r]; return ok }

// markAt returns the quote mark at rs[i] and how many runes it takes: two
// apostrophes in a row (U+0027 twice) are one double mark, as typewritten
// text and some newspapers' systems set a curly one, and two backticks in
// a row (U+0060 twice) open one, as Penn Treebank-style text does; else
// the rune itself, width 1.
func markAt(rs []rune, i int) (rune, int) {
	if i+1 < len(rs) {
		switch {
		case rs[i] == '\'' && rs[i+1] == '\'':
			return '"', 2
		case rs[i] == '`' && rs[i+1] == '`':
			return '“', 2
		}
	}
	return rs[i], 1
}

// markEnd returns the offset after the quote mark at i.
func markEnd(rs []rune, i int) int {
	_, w := markAt(rs, i)
	return i + w
}

// single reports whether r is a single quote mark.
func single(r rune) bool {
	switch r {
	case '\'', '‘', '’', '‚', '‹', '›':
		return true
	}
	return false
}

// wordRune is a letter or digit.
func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// opensAfter reports whether a mark may open after r: at the start of a
// line, after a space, an opening bracket, a dash, a slash or another mark.
func opensAfter(r rune) bool {
	return r == 0 || unicode.IsSpace(r) || unicode.Is(unicode.Ps, r) || unicode.Is(unicode.Pd, r) ||
		r == '/' || isMark(r)
}

// closesBefore reports whether a mark may close before r: at the end of a
// line, before a space, punctuation, a closing bracket or another mark.
func closesBefore(r rune) bool {
	return r == 0 || unicode.IsSpace(r) || unicode.IsPunct(r) || isMark(r)
}

// pairQuotes returns the outermost quotes of rs in order of their opening
// mark. Marks pair within a paragraph (a line); a quote left open at the
// end of one goes on when the next opens with a mark of the same kind.
func pairQuotes(rs []rune) []quote {
	var (
		out      []quote
		stack    []quote // open marks, innermost last
		carry    *quote  // an outermost quote left open at a paragraph's end
		newPara  = true
		prevRune rune
		closed   bool // the previous rune is a mark that closed a quote
	)
	for i := 0; i < len(rs); i++ {
		r, w := markAt(rs, i)
		if r == '\n' {
			if len(stack) > 0 {
				q := stack[0]
				carry = &q
			}
			stack = stack[:0]
			newPara, prevRune, closed = true, 0, false
			continue
		}
		prev, prevClosed := prevRune, closed
		prevRune, closed = r, false
		if newPara && !unicode.IsSpace(r) {
			newPara = false
			if carry != nil {
				q := *carry
				carry = nil
				if isMark(r) && sameKind(q.mark, r) {
					q.resumes = append(q.resumes, i)
					stack = append(stack, q)
					i += w - 1
					continue
				}
			}
		}
		if !isMark(r) {
			continue
		}
		i += w - 1 // the mark's last rune
		var next rune
		if i+1 < len(rs) && rs[i+1] != '\n' {
			next = rs[i+1]
		}
		// A mark right after a closing mark stands after the quoted
		// words too: the " of 'keep your job?'" closes. A bracket or an
		// ellipsis may open the quoted words: “[W]e…”, “…and then”.
		// French sets guillemets one space, often a no-break one, from
		// their words: « Non ». The word beyond the space decides.
		inNext, inPrev := next, prev
		if guillemet(r) {
			if narrowSpace(next) && i+2 < len(rs) && rs[i+2] != '\n' {
				inNext = rs[i+2]
			}
			if narrowSpace(prev) && i-w-1 >= 0 && rs[i-w-1] != '\n' {
				inPrev = rs[i-w-1]
			}
		}
		canOpen := (!closesBefore(inNext) || unicode.Is(unicode.Ps, inNext) || inNext == '…') && opensAfter(prev) && !prevClosed
		canClose := (!opensAfter(inPrev) || prevClosed) && closesBefore(next)
		if single(r) && (r == '\'' || r == '’') {
			switch {
			case wordRune(prev) && wordRune(next): // don't, O'Brien
				continue
			case opensAfter(prev) && unicode.IsDigit(next): // the '90s
				if !digitsThenS(rs[i+1:]) {
					break
				}
				continue
			}
		}
		if r == '"' && !canOpen && !canClose && wordRune(prev) && wordRune(next) {
			// word"word: close an open straight quote, else open one
			canClose, canOpen = true, true
		}
		if canClose {
			if k := openerOf(stack, r); k >= 0 {
				q := stack[k]
				q.close = i - (w - 1)
				stack = stack[:k]
				closed = true
				if k == 0 {
					out = append(out, q)
				}
				continue
			}
		}
		if canOpen {
			stack = append(stack, quote{open: i - (w - 1), mark: r})
		}
	}
	return out
}

// guillemet reports whether r is a guillemet.
func guillemet(r rune) bool { return r == '«' || r == '»' || r == '‹' || r == '›' }

// narrowSpace reports whether r is a space French typesetting puts
// between a guillemet and its word: a space, a no-break space or a narrow
// no-break space.
func narrowSpace(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' }

// digitsThenS reports whether rs starts with digits and an s, a decade.
func digitsThenS(rs []rune) bool {
	n := 0
	for n < len(rs) && unicode.IsDigit(rs[n]) {
		n++
	}
	return n > 0 && (n == len(rs) || rs[n] == 's' || !unicode.IsLetter(rs[n]))
}

// openerOf returns the index in stack of the innermost quote that r
// closes, or -1.
func openerOf(stack []quote, r rune) int {
	for k := len(stack) - 1; k >= 0; k-- {
		for _, c := range closers[stack[k].mark] {
			if c == r {
				return k
			}
		}
	}
	return -1
}

// sameKind reports whether a mark opening a paragraph continues a quote
// opened by open: both double or both single.
func sameKind(open, r rune) bool { return single(open) == single(r) }
