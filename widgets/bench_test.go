package widgets

import (
	"image/color"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// benchWords is the vocabulary of generated articles: news-like words with a
// few accented, CJK and Arabic ones.
var benchWords = strings.Fields(`the of and to in a is that for on was with he it as at by from
his an were are which this be has had not but have they their its said government president
minister officials talks embassy flights restoration diplomatic relations Thursday Istanbul
Moscow Washington delegation consulate agreement sanctions negotiations spokesperson announced
statement according reported economic security international cooperation café naïve résumé
多 日本 الحكومة المفاوضات`)

// genArticle returns a seeded, deterministic article of about n bytes with
// paragraphs of 1 to 8 sentences.
func genArticle(seed int64, n int) string {
	rng := rand.New(rand.NewSource(seed))
	var b strings.Builder
	for b.Len() < n {
		sentences := 1 + rng.Intn(8)
		for s := 0; s < sentences; s++ {
			words := 6 + rng.Intn(20)
			for w := 0; w < words; w++ {
				word := benchWords[rng.Intn(len(benchWords))]
				if w == 0 {
					word = strings.ToUpper(word[:1]) + word[1:]
				}
				b.WriteString(word)
				if w < words-1 {
					b.WriteByte(' ')
				}
			}
			b.WriteString(". ")
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// genHighlights returns n seeded highlights over a text of length runes,
// some of them overlapping.
func genHighlights(seed int64, n, length int) []Highlight {
	rng := rand.New(rand.NewSource(seed))
	colors := []color.Color{
		color.NRGBA{R: 0xf4, G: 0x43, B: 0x36, A: 0xff},
		color.NRGBA{R: 0x21, G: 0x96, B: 0xf3, A: 0xff},
		color.NRGBA{R: 0x4c, G: 0xaf, B: 0x50, A: 0xff},
	}
	hs := make([]Highlight, n)
	for i := range hs {
		start := rng.Intn(max(length-200, 1))
		hs[i] = Highlight{ID: uint64(i + 1), Start: start, End: start + 5 + rng.Intn(150), Color: colors[i%len(colors)], Label: "label"}
	}
	return hs
}

// benchView opens a view on text in a test window of 1000x700.
func benchView(b *testing.B, text string) (*ArticleView, fyne.Window) {
	b.Helper()
	v := NewArticleView()
	v.schedule = nil
	v.SetText(text)
	w := test.NewWindow(v)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1000, 700))
	return v, w
}

// benchArticle opens an empty view in a test window (closed at the end of
// b) and generates the article of about size bytes it is to be given.
func benchArticle(b *testing.B, size int) (*ArticleView, string) {
	test.NewTempApp(b)
	v, w := benchView(b, "")
	b.Cleanup(w.Close)
	text := genArticle(1, size)
	b.SetBytes(int64(len(text)))
	return v, text
}

// benchFirstPaint measures SetText on a shown view up to its first frame
// (the lines on screen laid out and their objects placed).
func benchFirstPaint(b *testing.B, size int) {
	v, text := benchArticle(b, size)
	hs := genHighlights(2, 3000*size/(1<<20)+1, len([]rune(text)))
	for b.Loop() {
		v.SetText(text)
		v.SetHighlights(hs)
	}
}

func BenchmarkFirstPaint10KB(b *testing.B)  { benchFirstPaint(b, 10<<10) }
func BenchmarkFirstPaint100KB(b *testing.B) { benchFirstPaint(b, 100<<10) }
func BenchmarkFirstPaint1MB(b *testing.B)   { benchFirstPaint(b, 1<<20) }

// setupLarge opens a 1 MB article with 3,000 highlights, fully wrapped.
func setupLarge(b *testing.B) (*ArticleView, fyne.Window) {
	test.NewTempApp(b)
	text := genArticle(1, 1<<20)
	v, w := benchView(b, text)
	v.SetHighlights(genHighlights(2, 3000, len(v.runes)))
	v.refineAll()
	v.ScrollTo(len(v.runes) / 2)
	return v, w
}

// BenchmarkRelayout resizes a wrapped 1 MB article (alternating widths).
func BenchmarkRelayout(b *testing.B) {
	v, w := setupLarge(b)
	defer w.Close()
	widths := []float32{800, 1000}
	i := 0
	for b.Loop() {
		i++
		v.Resize(fyne.NewSize(widths[i%2], 700))
	}
}

// BenchmarkScrollStep scrolls a 1 MB article by a screen with the wheel.
func BenchmarkScrollStep(b *testing.B) { benchScrollStep(b, false) }

// BenchmarkScrollStepLayers is BenchmarkScrollStep with the highlights
// shown as four annotators' layers are (filled, dashed, dotted,
// bracketed, in turn): the broken borders are drawn in pieces. Read it as
// a ratio to BenchmarkScrollStep.
func BenchmarkScrollStepLayers(b *testing.B) { benchScrollStep(b, true) }

func benchScrollStep(b *testing.B, layers bool) {
	v, w := setupLarge(b)
	defer w.Close()
	if layers {
		hs := slices.Clone(v.highlights)
		styles := []HighlightStyle{Filled, Dashed, Dotted, Bracketed}
		for i := range hs {
			hs[i].Style = styles[i%len(styles)]
		}
		v.SetHighlights(hs)
	}
	v.ScrollTo(0)
	step := &fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -v.size.Height}}
	for b.Loop() {
		if v.top >= v.maxTop() {
			v.setTop(0)
		}
		v.Scrolled(step)
	}
}

// BenchmarkAddHighlight adds one highlight on screen to a 1 MB article with
// 3,000 highlights.
func BenchmarkAddHighlight(b *testing.B) {
	v, w := setupLarge(b)
	defer w.Close()
	at := v.offsetOfLine(v.top + 2)
	id := uint64(1 << 40)
	for b.Loop() {
		id++
		v.AddHighlight(Highlight{ID: id, Start: at, End: at + 30, Color: color.NRGBA{B: 0xff, A: 0xff}})
		b.StopTimer()
		v.RemoveHighlight(id)
		b.StartTimer()
	}
}

// BenchmarkWrapAll1MB wraps every paragraph of a 1 MB article, as the
// view does in the background after the first frame (token widths cached
// from the run before, as when another article is opened).
func BenchmarkWrapAll1MB(b *testing.B) {
	v, text := benchArticle(b, 1<<20)
	for b.Loop() {
		v.SetText(text)
		for i := range v.paras {
			v.ensureWrapped(i)
		}
	}
}

// genNearLinks returns n links each from a highlight to the next one in
// the text, so that most have both ends on one screen (the dense case:
// a claim and its source and cue in one sentence).
func genNearLinks(hs []Highlight, n int) []Link {
	byStart := slices.Clone(hs)
	slices.SortFunc(byStart, func(a, b Highlight) int { return a.Start - b.Start })
	ls := make([]Link, 0, n)
	for i := 0; i+1 < len(byStart) && len(ls) < n; i += 2 {
		ls = append(ls, Link{ID: uint64(len(ls) + 1), From: byStart[i].ID, To: byStart[i+1].ID, Label: "said_by", Color: color.NRGBA{R: 0x21, G: 0x96, B: 0xf3, A: 0xff}})
	}
	return ls
}

// BenchmarkScrollStepLinks is BenchmarkScrollStep with 1,500 links
// between the 3,000 highlights, every one drawn (AllLinks): each frame
// finds the links of the lines on screen, stacks their arcs and draws
// them. Read it as a ratio to BenchmarkScrollStep (issue 23: within 1.5x).
func BenchmarkScrollStepLinks(b *testing.B) {
	v, w := setupLarge(b)
	defer w.Close()
	benchScrollLinks(b, v, genNearLinks(v.highlights, 1500))
}

// BenchmarkScrollStepDense and BenchmarkScrollStepDenseLinks scroll a
// 30 KB article with 600 highlights, without links and with 300 drawn:
// about ten times the arcs a screen of the 1 MB article carries, as an
// article tagged densely (100 annotations a page) has. Read as a ratio.
func BenchmarkScrollStepDense(b *testing.B) {
	v, w := setupDense(b)
	defer w.Close()
	benchScrollLinks(b, v, nil)
}

func BenchmarkScrollStepDenseLinks(b *testing.B) {
	v, w := setupDense(b)
	defer w.Close()
	benchScrollLinks(b, v, genNearLinks(v.highlights, 300))
}

// setupDense opens a 30 KB article with 600 highlights, fully wrapped.
func setupDense(b *testing.B) (*ArticleView, fyne.Window) {
	test.NewTempApp(b)
	v, w := benchView(b, genArticle(1, 30<<10))
	v.SetHighlights(genHighlights(2, 600, len(v.runes)))
	v.refineAll()
	return v, w
}

// benchScrollLinks scrolls v by a screen a step, with ls drawn (all of
// them, AllLinks), and reports the arcs drawn a frame.
func benchScrollLinks(b *testing.B, v *ArticleView, ls []Link) {
	v.SetLinks(ls)
	v.SetLinkMode(AllLinks)
	v.ScrollTo(0)
	step := &fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -v.size.Height}}
	arcs := 0
	for b.Loop() {
		if v.top >= v.maxTop() {
			v.setTop(0)
		}
		v.Scrolled(step)
		arcs += len(v.links.arcs)
	}
	b.ReportMetric(float64(arcs)/float64(b.N), "arcs/frame")
}
