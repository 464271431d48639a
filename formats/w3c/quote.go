package w3c

import (
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"glossa/annotation"
)

// The W3C model says a TextQuoteSelector SHOULD carry enough prefix and
// suffix for exact to be unique in the text (4.2.4): a reader that
// anchors by quote (Apache Annotator, Hypothesis, Glossa's own import
// when the position no longer holds) otherwise finds two places. News
// articles repeat sentences (a lede restated, a quote reused), so a
// selector's context grows from contextLen code points on each side as far
// as uniqueness needs, and no further.

// maxOthers is how many other occurrences of a span's shortest quote
// window are compared one by one; beyond that (very repetitive text) the
// context length is searched for instead.
const maxOthers = 64

// quoteFinder computes quote contexts (contexts), keeping its buffers from
// one document to the next: an export calls it once per document.
type quoteFinder struct {
	spans  [][2]int // code points
	out    []int
	wins   []window
	others [][]int
	seen   []uint64       // bitset of the windows' key hashes
	head   map[uint64]int // key -> 1 + first window with it
	next   []int          // window -> 1 + next window with the same key
}

// contexts returns, for each span [start, end) of o's text added with
// add since the last call, the number n of code points of context its
// TextQuoteSelector carries on each side (each side stops at the text's
// ends): the least n >= least for which prefix+exact+suffix occurs once in
// the text. The result is valid until the next call.
//
// The text is scanned once for other occurrences of every span's window
// with least code points of context (findOthers); a window found elsewhere
// grows just past the point where it stops agreeing with each other
// occurrence, on one side or the other. Any occurrence of a longer window
// holds one of the shorter, so that is unique and the least.
func (f *quoteFinder) contexts(o *annotation.Offsets, least int) []int {
	text := o.Text()
	f.out = f.out[:0]
	f.wins = f.wins[:0]
	for _, sp := range f.spans {
		f.out = append(f.out, least)
		f.wins = append(f.wins, window{a: o.Byte(sp[0] - least), b: o.Byte(sp[1] + least)}) // clamped to the text
	}
	f.findOthers(text)
	for i, sp := range f.spans {
		switch others := f.others[i]; {
		case others == nil:
		case len(others) > maxOthers:
			f.out[i] = searchContext(o, sp, least)
		default:
			for _, q := range others {
				f.out[i] = max(f.out[i], distinguish(o, sp, least, f.wins[i], q))
			}
		}
	}
	f.spans = f.spans[:0]
	return f.out
}

// add adds a span of the next document.
func (f *quoteFinder) add(start, end int) { f.spans = append(f.spans, [2]int{start, end}) }

// window is the byte range [a, b) of a quote with its shortest context.
type window struct{ a, b int }

// keyLen is how many bytes at a window's start the scan hashes: long
// enough that the text rarely repeats them where the window does not
// repeat (8 bytes such as "the mini" recur all through an article), and
// the span of a gear hash (each byte shifts the older ones one bit up).
const keyLen = 64

// findOthers sets f.others[i] to the byte offsets where window i's text
// occurs elsewhere in text: nil when nowhere, cut after maxOthers+1.
//
// One pass over the text keeps a rolling (gear) hash of its last keyLen
// bytes, a shift and an add a byte; where it may be a window's first
// keyLen bytes (a bitset of the windows' hashes, about 1 in 64 false
// alarms) the map of those hashes names the windows to compare.
func (f *quoteFinder) findOthers(text string) {
	wins := f.wins
	f.others = slices.Grow(f.others[:0], len(wins))[:len(wins)]
	clear(f.others)
	others := f.others
	full := func(i int) bool { return len(others[i]) > maxOthers }
	at := func(i, j int) {
		w := wins[i]
		if j != w.a && !full(i) && j+w.b-w.a <= len(text) && text[j:j+w.b-w.a] == text[w.a:w.b] {
			others[i] = append(others[i], j)
		}
	}
	nbits := 64
	for nbits < 64*len(wins) {
		nbits *= 2
	}
	shift := 64 - uint(bits.Len(uint(nbits-1)))
	f.seen = slices.Grow(f.seen[:0], nbits/64)[:nbits/64]
	clear(f.seen)
	if f.head == nil {
		f.head = map[uint64]int{}
	}
	clear(f.head)
	f.next = slices.Grow(f.next[:0], len(wins))[:len(wins)]
	keys := 0
	for i, w := range wins {
		if w.b-w.a < keyLen {
			// A window this short is in a text of a few dozen characters.
			for j := strings.Index(text, text[w.a:w.b]); j >= 0 && !full(i); {
				at(i, j)
				next := strings.Index(text[j+1:], text[w.a:w.b])
				if next < 0 {
					break
				}
				j += 1 + next
			}
			continue
		}
		k := keyHash(text[w.a : w.a+keyLen])
		f.next[i] = f.head[k]
		f.head[k] = i + 1
		h := k >> shift
		f.seen[h/64] |= 1 << (h % 64)
		keys++
	}
	if keys == 0 {
		return
	}
	k := keyHash(text[:keyLen-1])
	for j := 0; j+keyLen <= len(text); j++ {
		k = k<<1 + gear[text[j+keyLen-1]] // now the hash of text[j:j+keyLen]
		if h := k >> shift; f.seen[h/64]&(1<<(h%64)) != 0 {
			for i := f.head[k]; i != 0; i = f.next[i-1] {
				at(i-1, j)
			}
		}
	}
}

// gear holds a random 64-bit value per byte (splitmix64 from a fixed seed).
var gear = func() (g [256]uint64) {
	x := uint64(0x9E3779B97F4A7C15)
	for i := range g {
		x += 0x9E3779B97F4A7C15
		z := x
		z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
		z = (z ^ z>>27) * 0x94D049BB133111EB
		g[i] = z ^ z>>31
	}
	return g
}()

// keyHash is the gear hash of s: of its last keyLen bytes, when longer.
func keyHash(s string) uint64 {
	var k uint64
	for i := 0; i < len(s); i++ {
		k = k<<1 + gear[s[i]]
	}
	return k
}

// distinguish returns the least context n for which the window of span sp
// (w, with least code points of context) no longer matches where it also
// occurs at byte q: one past the code points that agree before the span or
// after it, whichever is fewer, counting only sides where the text goes on.
func distinguish(o *annotation.Offsets, sp [2]int, least int, w window, q int) int {
	text := o.Text()
	// Bytes that agree before the windows, then whole code points.
	lb := 0
	for w.a-lb > 0 && q-lb > 0 && text[w.a-lb-1] == text[q-lb-1] {
		lb++
	}
	from := w.a - lb
	for from < w.a && !utf8.RuneStart(text[from]) {
		from++
	}
	left := min(sp[0], least) + utf8.RuneCountInString(text[from:w.a])
	rb := 0
	d := q - w.a
	for w.b+rb < len(text) && w.b+d+rb < len(text) && text[w.b+rb] == text[w.b+d+rb] {
		rb++
	}
	to := w.b + rb
	for to > w.b && to < len(text) && !utf8.RuneStart(text[to]) {
		to--
	}
	right := min(o.Len()-sp[1], least) + utf8.RuneCountInString(text[w.b:to])
	n := o.Len() // the whole text: unique
	if left < sp[0] {
		n = left + 1
	}
	if right < o.Len()-sp[1] {
		n = min(n, right+1)
	}
	return n
}

// searchContext finds the least context n >= least that makes the window of
// sp unique by doubling and bisecting, counting occurrences: for windows
// that occur more than maxOthers times.
func searchContext(o *annotation.Offsets, sp [2]int, least int) int {
	text := o.Text()
	unique := func(n int) bool {
		w := o.Slice(sp[0]-n, sp[1]+n)
		i := strings.Index(text, w)
		return !strings.Contains(text[i+1:], w)
	}
	most := max(sp[0], o.Len()-sp[1]) // the whole text
	lo, hi := least, least
	for hi < most && !unique(hi) {
		lo, hi = hi, min(2*hi, most)
	}
	if hi == least {
		return least
	}
	for lo+1 < hi { // not unique at lo, unique at hi
		mid := lo + (hi-lo)/2
		if unique(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}
