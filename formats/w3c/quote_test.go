package w3c

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// repeatingArticle restates its lede and first paragraph, reuses a quote,
// and ends on that paragraph again, so that windows of 32 code points of
// context occur two or three times, some differ only far before or only
// far after, and some run into the text's ends.
func repeatingArticle(t *testing.T) annotation.Bundle {
	t.Helper()
	lede := "Prices rose 5% 📈 in March, the minister said on Tuesday, and would keep rising until the summer."
	quote := "“We will not raise taxes,” she said."
	para := "Officials of the central bank declined to comment on the figures, which Zoé Durand published last week."
	text := lede + "\n\n" + para + "\nIn a statement, the ministry added details. " + quote +
		"\n\nAs she put it later: " + quote + "\n\nTo repeat: " + lede + "\n\n" + para +
		"\nThe opposition disagreed.\n\n" + para
	o := annotation.NewOffsets(text)
	b := annotation.Bundle{Document: annotation.Document{ID: 1, Title: "Repeats", Text: text}}
	add := func(sub string, nth int) {
		from := 0
		for range nth {
			from += strings.Index(text[from:], sub) + 1
		}
		i := from + strings.Index(text[from:], sub)
		start, _ := o.FromByte(i)
		end, _ := o.FromByte(i + len(sub))
		sp, err := annotation.NewSpan(o, start, end)
		if err != nil {
			t.Fatal(err)
		}
		b.Annotations = append(b.Annotations, annotation.Annotation{ID: uint64(len(b.Annotations) + 1), Label: "Claim", Spans: []annotation.Span{sp}})
	}
	for nth := range 2 {
		add("Prices rose 5% 📈", nth)
		add("the minister", nth)
		add("until the summer", nth)
		add("We will not raise taxes", nth)
		add("she said", nth)
	}
	for nth := range 3 {
		add("Officials", nth)
		add("published last week", nth)
		add("central bank", nth)
	}
	add("The opposition disagreed", 0)
	add("P", 0)
	return b
}

// TestQuoteSelectorsAreUnique exports an article that repeats sentences:
// every TextQuoteSelector's prefix+exact+suffix occurs exactly once in the
// text, at its TextPositionSelector's range; its context is 32 code points
// or, where that is not unique, the least that is; and Glossa's own
// anchoring by quote finds the range again without the position.
func TestQuoteSelectorsAreUnique(t *testing.T) {
	b := repeatingArticle(t)
	var buf bytes.Buffer
	w := NewWriter(dataset.SingleOutput(&buf), dataset.ExportOptions{W3CLines: true})
	if err := w.Begin(dataset.Header{}); err != nil {
		t.Fatal(err)
	}
	if err := w.Bundle(b); err != nil {
		t.Fatal(err)
	}
	if err := w.End(); err != nil {
		t.Fatal(err)
	}
	o := annotation.NewOffsets(b.Document.Text)
	text := b.Document.Text
	longer := 0
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var a struct {
			Target []target `json:"target"`
		}
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatal(err)
		}
		for _, tg := range a.Target {
			pos, q := tg.Selector[0], tg.Selector[1]
			start, end := *pos.Start, *pos.End
			if got := o.Slice(start, end); got != q.Exact {
				t.Errorf("%d-%d holds %q; exact is %q", start, end, got, q.Exact)
			}
			at := occurrences(text, q.Prefix+q.Exact+q.Suffix)
			if len(at) != 1 || at[0] != o.Byte(start)-len(q.Prefix) {
				t.Errorf("%q+%q+%q occurs at bytes %v; want once, at %d", q.Prefix, q.Exact, q.Suffix, at, o.Byte(start)-len(q.Prefix))
			}
			n := max(annotation.Len(q.Prefix), annotation.Len(q.Suffix))
			if q.Prefix != o.Slice(start-n, start) || q.Suffix != o.Slice(end, end+n) {
				t.Errorf("%q: prefix %q and suffix %q are not %d code points each (or up to the text's ends)", q.Exact, q.Prefix, q.Suffix, n)
			}
			if n > contextLen {
				longer++
				if len(occurrences(text, o.Slice(start-n+1, end+n-1))) < 2 {
					t.Errorf("%q at %d: context %d is longer than needed", q.Exact, start, n)
				}
			} else if n < contextLen && (start >= contextLen || o.Len()-end >= contextLen) {
				t.Errorf("%q at %d: context %d; want at least %d", q.Exact, start, n, contextLen)
			}
			if s, e, _, ok := dataset.Anchor(o, -1, -1, q.Exact, q.Prefix, q.Suffix); !ok || s != start || e != end {
				t.Errorf("anchoring %q by quote gives %d-%d (%v); want %d-%d", q.Exact, s, e, ok, start, end)
			}
		}
	}
	if longer < 8 {
		t.Errorf("only %d selectors needed more than %d code points of context: the article does not exercise the repeats", longer, contextLen)
	}
}

// quoteContexts is contexts of a new finder for spans.
func quoteContexts(o *annotation.Offsets, spans [][2]int, least int) []int {
	var f quoteFinder
	for _, sp := range spans {
		f.add(sp[0], sp[1])
	}
	return f.contexts(o, least)
}

// occurrences returns the byte offsets of every occurrence of sub in s,
// overlapping ones included.
func occurrences(s, sub string) []int {
	var at []int
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			at = append(at, i)
		}
	}
	return at
}

// TestQuoteContextsLikeBruteForce compares quoteContexts with a search of
// every context length on random texts of a few letters and an emoji, so
// that windows repeat often, and more than maxOthers times; texts up to
// 400 code points, so that some are longer than keyLen and some shorter.
func TestQuoteContextsLikeBruteForce(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	alphabets := []string{"ab", "ab😀", "abc é", "a"}
	var f quoteFinder // one for every text, as the writer keeps it
	for iter := range 1000 {
		letters := []rune(alphabets[iter%len(alphabets)])
		var sb strings.Builder
		for range 1 + r.Intn(400) {
			sb.WriteRune(letters[r.Intn(len(letters))])
		}
		text := sb.String()
		o := annotation.NewOffsets(text)
		var spans [][2]int
		for range 1 + r.Intn(20) {
			s := r.Intn(o.Len())
			spans = append(spans, [2]int{s, s + 1 + r.Intn(min(6, o.Len()-s))})
		}
		least := 1 + r.Intn(40) // windows shorter and longer than keyLen
		for _, sp := range spans {
			f.add(sp[0], sp[1])
		}
		got := f.contexts(o, least)
		for i, sp := range spans {
			want := least
			for len(occurrences(text, o.Slice(sp[0]-want, sp[1]+want))) > 1 {
				want++
			}
			if got[i] != want {
				t.Fatalf("text %q, span %v, least %d: context %d; want %d", text, sp, least, got[i], want)
			}
		}
	}
}

// TestAnchorUsesTheWholeContext: a quote told apart from another
// occurrence only by context 300 code points away is anchored by
// Glossa's import at its own place (Anchor compared 64 code points of
// prefix).
func TestAnchorUsesTheWholeContext(t *testing.T) {
	common := strings.Repeat("abcdefghij", 30)
	text := "1" + common + "Q" + common + "\n2" + common + "Q" + common
	o := annotation.NewOffsets(text)
	start := o.Len() - len(common) - 1
	n := quoteContexts(o, [][2]int{{start, start + 1}}, contextLen)[0]
	prefix, suffix := dataset.Context(o, start, start+1, n)
	if s, _, _, ok := dataset.Anchor(o, -1, -1, "Q", prefix, suffix); !ok || s != start {
		t.Errorf("anchored at %d (%v); want %d", s, ok, start)
	}
}
