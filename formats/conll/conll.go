// Package conll writes the entity annotations of a dataset as CoNLL IOB2:
// one token per line, "token<TAB>tag", a blank line after each sentence,
// and a "-DOCSTART-<TAB>O" line before each document.
//
// Only labels of kind entity are written. Tokenizer (Tokenize): a token is
// a run of letters and digits, a run of symbols (so an emoji sequence with
// its modifiers stays whole), or a single punctuation mark; combining marks,
// U+200D and variation selectors stay with the token before them; every
// Han, Hiragana or Katakana character is a token of its own. A sentence
// ends at a newline and after . ! ? 。 ！ ？ or …
//
// Overlaps: IOB2 gives each token one tag. Entity annotations are taken by
// start, longest first; one that shares a token with an annotation already
// taken is left out. The number left out, and of spans that begin or end
// inside a token (the whole token is tagged), are in Warnings.
package conll

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// Token is a stretch of text, in code points.
type Token struct {
	Start, End int
	Text       string
}

type class int

const (
	none class = iota
	word
	symbol
)

func joins(r rune) bool {
	return unicode.Is(unicode.M, r) || r == '\u200D' || (r >= '\uFE00' && r <= '\uFE0F')
}

func alone(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || unicode.IsPunct(r)
}

func sentenceEnd(t string) bool {
	switch t {
	case ".", "!", "?", "。", "！", "？", "…":
		return true
	}
	return false
}

// Tokenize splits text into sentences of tokens by the rule in the
// package comment.
func Tokenize(text string) [][]Token {
	o := annotation.NewOffsets(text)
	var sents [][]Token
	var cur []Token
	start, cls := -1, none
	flush := func(end int) {
		if start >= 0 {
			cur = append(cur, Token{Start: start, End: end, Text: o.Slice(start, end)})
			if sentenceEnd(cur[len(cur)-1].Text) {
				sents, cur = append(sents, cur), nil
			}
		}
		start, cls = -1, none
	}
	i := 0
	for _, r := range text {
		switch {
		case r == '\n':
			flush(i)
			if len(cur) > 0 {
				sents, cur = append(sents, cur), nil
			}
		case unicode.IsSpace(r):
			flush(i)
		case joins(r) && start >= 0:
			// stays with the token before
		case alone(r):
			flush(i)
			start = i
			flush(i + 1)
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r):
			if cls != word {
				flush(i)
				start, cls = i, word
			}
		default:
			if cls != symbol {
				flush(i)
				start, cls = i, symbol
			}
		}
		i++
	}
	flush(i)
	if len(cur) > 0 {
		sents = append(sents, cur)
	}
	return sents
}

// Writer writes one CoNLL file.
type Writer struct {
	out       dataset.Output
	f         io.WriteCloser
	w         *bufio.Writer
	labels    annotation.LabelSet
	overlaps  int
	splits    int
	documents int
}

var _ dataset.Writer = (*Writer)(nil)
var _ dataset.Warner = (*Writer)(nil)

// NewWriter writes to one file of out.
func NewWriter(out dataset.Output) *Writer { return &Writer{out: out} }

// Begin opens the file.
func (w *Writer) Begin(h dataset.Header) error {
	f, err := w.out.Create("entities.conll")
	if err != nil {
		return err
	}
	w.f, w.w, w.labels = f, bufio.NewWriter(f), h.Labels
	return nil
}

func tag(label string) string {
	return strings.Join(strings.Fields(label), "_")
}

// Bundle writes the document's sentences.
func (w *Writer) Bundle(b annotation.Bundle) error {
	sents := Tokenize(b.Document.Text)
	var toks []Token
	for _, s := range sents {
		toks = append(toks, s...)
	}
	tags := w.tags(b.Annotations, toks)
	fmt.Fprintf(w.w, "-DOCSTART-\tO\n\n")
	k := 0
	for _, s := range sents {
		for _, t := range s {
			fmt.Fprintf(w.w, "%s\t%s\n", t.Text, tags[k])
			k++
		}
		w.w.WriteByte('\n')
	}
	w.documents++
	return nil
}

// tags gives each token its IOB2 tag.
func (w *Writer) tags(anns []annotation.Annotation, toks []Token) []string {
	tags := make([]string, len(toks))
	for i := range tags {
		tags[i] = "O"
	}
	var ents []annotation.Annotation
	for _, a := range anns {
		if l, ok := w.labels.Find(a.Label); ok && l.Kind == annotation.KindEntity && len(a.Spans) > 0 {
			ents = append(ents, a)
		}
	}
	sort.SliceStable(ents, func(i, j int) bool {
		if ents[i].Start() != ents[j].Start() {
			return ents[i].Start() < ents[j].Start()
		}
		return ents[i].End()-ents[i].Start() > ents[j].End()-ents[j].Start()
	})
	// first token whose end is after p
	find := func(p int) int { return sort.Search(len(toks), func(i int) bool { return toks[i].End > p }) }
	for _, a := range ents {
		var frags [][2]int // token ranges per span
		free := true
		for _, s := range a.Spans {
			i, j := find(s.Start), find(s.Start)
			for j < len(toks) && toks[j].Start < s.End {
				j++
			}
			if i == j {
				continue // only spaces
			}
			if toks[i].Start != s.Start || toks[j-1].End != s.End {
				w.splits++
			}
			for k := i; k < j; k++ {
				if tags[k] != "O" {
					free = false
				}
			}
			frags = append(frags, [2]int{i, j})
		}
		if !free {
			w.overlaps++
			continue
		}
		for _, f := range frags {
			for k := f[0]; k < f[1]; k++ {
				tags[k] = "I-" + tag(a.Label)
			}
			tags[f[0]] = "B-" + tag(a.Label)
		}
	}
	return tags
}

// End flushes and closes the file.
func (w *Writer) End() error {
	if err := w.w.Flush(); err != nil {
		w.f.Close()
		return err
	}
	return w.f.Close()
}

// Warnings says what the export left out or approximated.
func (w *Writer) Warnings() []string {
	var out []string
	if w.overlaps > 0 {
		out = append(out, fmt.Sprintf("conll: %d entity annotations overlap others and were left out (rule: earliest start, then longest, wins)", w.overlaps))
	}
	if w.splits > 0 {
		out = append(out, fmt.Sprintf("conll: %d entity spans begin or end inside a token; the whole token is tagged", w.splits))
	}
	return out
}
