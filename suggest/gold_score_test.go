package suggest_test

// Scoring the suggester on the gold set, split into the articles the rules
// are tuned on and the held-out ones (testdata/gold/README.md lists them),
// as the issue measures it on the hidden corpus: contents matched one to one
// when the suggestion covers at least 0.3 of the gold span, precision,
// recall and F1 for all attributions and for the direct quotes, and the
// share of matched claims whose speaker is right (the suggested source
// covers at least 0.3 of the gold source). `glossa eval` (suggest/eval)
// is the full scorer; this one keeps the figures in `go test -v`:
//
//	go test ./suggest -run GoldScore -v                 # the table
//	go test ./suggest -run GoldScore -v -gold-misses    # and the misses of the tuned split

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/suggest"
)

var goldMisses = flag.Bool("gold-misses", false, "log the missed and spurious claims of the tuned split")

// heldOut reads the held-out articles from the README's list: each
// name is "held-out", or "unseen" when the line says so (written and
// annotated before the suggester ran on it).
func heldOut(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(goldDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- heldout:begin -->", "<!-- heldout:end -->"
	s := string(data)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %s ... %s list", begin, end)
	}
	out := map[string]string{}
	for _, l := range strings.Split(s[i+len(begin):j], "\n") {
		if f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(l), "-")); len(f) > 0 {
			out[f[0]] = "held-out"
			if len(f) > 1 && f[1] == "(unseen)" {
				out[f[0]] = "unseen"
			}
		}
	}
	return out
}

// scoreSpan is a claim or a source as spans; for gold claims, their
// source and whether they are direct quotes.
type scoreItem struct {
	spans  []annotation.Span
	source []annotation.Span // nil: no speaker
	direct bool
	rule   string
}

// covers returns how much of gold the spans of got cover, 0..1.
func covers(got, gold []annotation.Span) float64 {
	n, in := 0, 0
	for _, g := range gold {
		n += g.End - g.Start
		for _, s := range got {
			if lo, hi := max(g.Start, s.Start), min(g.End, s.End); hi > lo {
				in += hi - lo
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(in) / float64(n)
}

// tally counts one split's matches. Recall counts the gold claims
// matched, precision the suggestions matched: in the direct-quote subset
// a gold quote may be matched by a suggestion that is not itself a direct
// quote (a reported clause holding it), and the other way round.
type tally struct {
	gold, got               int
	goldMatched, gotMatched int
	withSpeaker, right      int // matched gold claims with a speaker; of them, those given the right one
}

func (t *tally) add(o tally) {
	t.gold += o.gold
	t.got += o.got
	t.goldMatched += o.goldMatched
	t.gotMatched += o.gotMatched
	t.withSpeaker += o.withSpeaker
	t.right += o.right
}

func (t tally) prf() (p, r, f float64) {
	if t.got > 0 {
		p = float64(t.gotMatched) / float64(t.got)
	}
	if t.gold > 0 {
		r = float64(t.goldMatched) / float64(t.gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

func (t tally) String() string {
	p, r, f := t.prf()
	sp := 0.0
	if t.withSpeaker > 0 {
		sp = float64(t.right) / float64(t.withSpeaker)
	}
	return fmt.Sprintf("P %.2f R %.2f F1 %.2f (gold %d, suggested %d) speaker %.2f (%d/%d)",
		p, r, f, t.gold, t.got, sp, t.right, t.withSpeaker)
}

// match pairs gold and got one to one, best coverage first, at threshold
// thr; it returns the index of got matched to each gold item (-1 none).
func match(gold, got []scoreItem, thr float64) []int {
	type pair struct {
		g, s int
		c    float64
	}
	var ps []pair
	for i, g := range gold {
		for j, s := range got {
			if c := covers(s.spans, g.spans); c >= thr {
				ps = append(ps, pair{i, j, c})
			}
		}
	}
	slices.SortStableFunc(ps, func(a, b pair) int {
		switch {
		case a.c > b.c:
			return -1
		case a.c < b.c:
			return 1
		}
		return 0
	})
	out := make([]int, len(gold))
	for i := range out {
		out[i] = -1
	}
	used := make([]bool, len(got))
	for _, p := range ps {
		if out[p.g] < 0 && !used[p.s] {
			out[p.g], used[p.s] = p.s, true
		}
	}
	return out
}

// directAt reports whether a claim spanning from p is a direct quote: a
// quote mark opens it.
func directAt(rs []rune, p int) bool { return openingMark(rs, p) != 0 }

// scoreArticle scores one article: all claims and the direct ones.
func scoreArticle(b annotation.Bundle, got []suggest.Suggestion, thr float64) (all, direct tally, gold, sugg []scoreItem, m []int) {
	rs := []rune(b.Document.Text)
	byID := map[uint64]annotation.Annotation{}
	for _, a := range b.Annotations {
		byID[a.ID] = a
	}
	for _, a := range b.Annotations {
		if a.Label != "Claim" {
			continue
		}
		it := scoreItem{spans: a.Spans, direct: directAt(rs, a.Spans[0].Start)}
		for _, l := range a.Links {
			if l.Type == annotation.LinkSaidBy {
				it.source = byID[l.Target].Spans
			}
		}
		gold = append(gold, it)
	}
	for _, s := range got {
		if s.Kind != annotation.KindClaim {
			continue
		}
		it := scoreItem{spans: s.Spans, direct: directAt(rs, s.Spans[0].Start), rule: s.Rule}
		for _, l := range s.Links {
			if l.Type == annotation.LinkSaidBy {
				it.source = got[l.Target].Spans
			}
		}
		sugg = append(sugg, it)
	}
	m = match(gold, sugg, thr)
	count := func(directOnly bool) tally {
		var t tally
		matchedTo := make([]int, len(sugg))
		for j := range matchedTo {
			matchedTo[j] = -1
		}
		for i, j := range m {
			if j >= 0 {
				matchedTo[j] = i
			}
		}
		for j, s := range sugg {
			if directOnly && !s.direct {
				continue
			}
			t.got++
			if matchedTo[j] >= 0 {
				t.gotMatched++
			}
		}
		for i, g := range gold {
			if directOnly && !g.direct {
				continue
			}
			t.gold++
			j := m[i]
			if j < 0 {
				continue
			}
			t.goldMatched++
			if g.source != nil {
				t.withSpeaker++
				if sugg[j].source != nil && covers(sugg[j].source, g.source) >= thr {
					t.right++
				}
			}
		}
		return t
	}
	return count(false), count(true), gold, sugg, m
}

// TestGoldScore scores the suggester on the tuned and the held-out split (the seen and the unseen held-out articles apart, and together)
// and logs the figures; it fails when the tuned split falls below the
// issue's targets for the hidden corpus (direct quotes F1 0.90 with the
// right speaker on 0.90 of them, all attributions F1 0.60, at overlap 0.3).
func TestGoldScore(t *testing.T) {
	ds := readGold(t)
	held := heldOut(t)
	for name := range held {
		if !slices.ContainsFunc(ds.Bundles, func(b annotation.Bundle) bool { return b.Document.Title == name }) {
			t.Errorf("README.md holds out %q, which is not an article of the set", name)
		}
	}
	const thr = 0.3
	type split struct{ all, direct tally }
	splits := map[string]*split{"tuned": {}, "held-out": {}, "unseen": {}, "all held": {}}
	// per rule and split: suggestions, and those matched to a gold claim
	type ruleCount struct{ got, matched [2]int }
	rules := map[string]*ruleCount{}
	for _, b := range ds.Bundles {
		got := suggest.Text(b.Document.Text, suggest.Options{})
		all, direct, gold, sugg, m := scoreArticle(b, got, thr)
		name := "tuned"
		if h := held[b.Document.Title]; h != "" {
			name = h
			splits["all held"].all.add(all)
			splits["all held"].direct.add(direct)
		}
		splits[name].all.add(all)
		splits[name].direct.add(direct)
		used := make([]bool, len(sugg))
		for _, j := range m {
			if j >= 0 {
				used[j] = true
			}
		}
		h := 0
		if name != "tuned" {
			h = 1
		}
		for j, it := range sugg {
			rc := rules[it.rule]
			if rc == nil {
				rc = &ruleCount{}
				rules[it.rule] = rc
			}
			rc.got[h]++
			if used[j] {
				rc.matched[h]++
			}
		}
		if *goldMisses && name == "tuned" {
			logMisses(t, b, gold, sugg, m, thr)
		}
	}
	for _, name := range []string{"tuned", "held-out", "unseen", "all held"} {
		s := splits[name]
		t.Logf("%-8s direct quotes    %v", name, s.direct)
		t.Logf("%-8s all attributions %v", name, s.all)
	}
	names := make([]string, 0, len(rules))
	for r := range rules {
		names = append(names, r)
	}
	slices.Sort(names)
	for _, r := range names {
		rc := rules[r]
		t.Logf("rule %-22s tuned %3d/%-3d held-out %3d/%-3d matched/suggested", r, rc.matched[0], rc.got[0], rc.matched[1], rc.got[1])
	}
	tuned := splits["tuned"]
	if _, _, f := tuned.direct.prf(); f < 0.90 {
		t.Errorf("tuned split: direct quotes F1 %.2f; the issue's target is 0.90", f)
	}
	if tuned.direct.withSpeaker > 0 && float64(tuned.direct.right)/float64(tuned.direct.withSpeaker) < 0.90 {
		t.Errorf("tuned split: right speaker on %d of %d direct quotes; the target is 0.90", tuned.direct.right, tuned.direct.withSpeaker)
	}
	if _, _, f := tuned.all.prf(); f < 0.60 {
		t.Errorf("tuned split: all attributions F1 %.2f; the issue's target is 0.60", f)
	}
}

// logMisses logs, for one article, the gold claims not matched or matched
// with the wrong speaker, and the suggestions matched to nothing.
func logMisses(t *testing.T, b annotation.Bundle, gold, sugg []scoreItem, m []int, thr float64) {
	text := func(sp []annotation.Span) string {
		var p []string
		for _, s := range sp {
			p = append(p, s.Text)
		}
		return strings.Join(p, " | ")
	}
	used := make([]bool, len(sugg))
	for i, g := range gold {
		j := m[i]
		if j < 0 {
			t.Logf("%s: MISSED [%s] by {%s}", b.Document.Title, text(g.spans), text(g.source))
			continue
		}
		used[j] = true
		if g.source != nil && (sugg[j].source == nil || covers(sugg[j].source, g.source) < thr) {
			t.Logf("%s: SPEAKER [%s] by {%s}, suggested {%s}", b.Document.Title, text(g.spans), text(g.source), text(sugg[j].source))
		}
	}
	for j, s := range sugg {
		if !used[j] {
			t.Logf("%s: SPURIOUS %s [%s] by {%s}", b.Document.Title, s.rule, text(s.spans), text(s.source))
		}
	}
}

// TestLexiconCoversGold checks that every one-word cue of the tuned split
// is a form of the lexicon (suggest.Verbs), a verb of naming or a French
// or German "according to", and logs how many of the held-out split's
// are: the lexicon was not grown from the held-out cues.
func TestLexiconCoversGold(t *testing.T) {
	ds := readGold(t)
	held := heldOut(t)
	lex := map[string]bool{}
	for _, v := range suggest.Verbs() {
		lex[v] = true
	}
	for v := range suggest.NamingVerbs {
		lex[v] = true
	}
	for v := range suggest.AccordingWords {
		lex[v] = true
	}
	var heldN, heldIn int
	var missing []string
	for _, b := range ds.Bundles {
		for _, a := range b.Annotations {
			w := strings.ToLower(a.Quote())
			if a.Label != "Cue" || len(a.Spans) > 1 || strings.ContainsAny(w, " :—–-") {
				continue
			}
			if held[b.Document.Title] != "" {
				heldN++
				if lex[w] {
					heldIn++
				} else {
					missing = append(missing, w)
				}
				continue
			}
			if !lex[w] {
				t.Errorf("%s: the cue %q is not in the lexicon", b.Document.Title, w)
			}
		}
	}
	t.Logf("held-out one-word cues in the lexicon: %d of %d (not: %q)", heldIn, heldN, missing)
}

// TestGoldNames measures rule entity.name on the gold set's Person,
// Organisation and Location spans: its precision exact and on overlap
// (the two share at least half of the shorter), and its recall of the
// gold names of two or more words. The rule is kept while its overlap
// precision on the tuned split is at least 0.80; below that it would
// cost the reviewer more rejections than it saves typing.
func TestGoldNames(t *testing.T) {
	ds := readGold(t)
	held := heldOut(t)
	type count struct{ got, exact, overlap, gold, found int }
	c := map[bool]*count{false: {}, true: {}}
	for _, b := range ds.Bundles {
		k := c[held[b.Document.Title] != ""]
		var gold []annotation.Span
		for _, a := range b.Annotations {
			switch a.Label {
			case "Person", "Organisation", "Location":
				gold = append(gold, a.Spans[0])
				if len(strings.Fields(a.Quote())) > 1 {
					k.gold++
				}
			}
		}
		var names []annotation.Span
		for _, s := range suggest.Text(b.Document.Text, suggest.Options{}) {
			if s.Rule == "entity.name" {
				names = append(names, s.Spans[0])
			}
		}
		share := func(a, b annotation.Span) bool {
			lo, hi := max(a.Start, b.Start), min(a.End, b.End)
			return 2*(hi-lo) >= min(a.End-a.Start, b.End-b.Start)
		}
		for _, n := range names {
			k.got++
			exact, over := false, false
			for _, g := range gold {
				exact = exact || g.Start == n.Start && g.End == n.End
				over = over || share(n, g)
			}
			if exact {
				k.exact++
			}
			if over {
				k.overlap++
			}
		}
		for _, g := range gold {
			if len(strings.Fields(g.Text)) < 2 {
				continue
			}
			for _, n := range names {
				if share(n, g) {
					k.found++
					break
				}
			}
		}
	}
	for _, h := range []bool{false, true} {
		k, name := c[h], "tuned"
		if h {
			name = "held-out"
		}
		t.Logf("entity.name %-8s: %d suggested, precision exact %.2f, on overlap %.2f; recall of %d gold names of two or more words %.2f",
			name, k.got, float64(k.exact)/float64(max(1, k.got)), float64(k.overlap)/float64(max(1, k.got)), k.gold, float64(k.found)/float64(max(1, k.gold)))
	}
	if k := c[false]; k.got > 0 && float64(k.overlap)/float64(k.got) < 0.80 {
		t.Errorf("entity.name: precision on overlap %.2f on the tuned split; below 0.80 the rule costs more than it saves", float64(k.overlap)/float64(k.got))
	}
}
