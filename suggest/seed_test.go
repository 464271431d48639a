package suggest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"glossa/annotation"
)

// seedPath is the real article of ../shared/seeds (a Moscow Times report),
// outside the repository: the test skips where it is absent.
var seedPath = filepath.Join("..", "..", "shared", "seeds", "000_e5ab7495ea9eea76.txt")

// TestSeedArticle runs the suggester on a real article: its State
// Department quote must come with its speaker and cue.
func TestSeedArticle(t *testing.T) {
	b, err := os.ReadFile(seedPath)
	if err != nil {
		t.Skipf("no seed article: %v", err)
	}
	text, err := annotation.NormalizeText(string(b))
	if err != nil {
		t.Fatal(err)
	}
	got := Text(text, Options{})
	checkInvariants(t, text, got)
	lines := describe(got)
	for _, l := range lines {
		t.Log(l)
	}
	want := "quote.double [The United States raised concerns regarding access to banking and contracted services, " +
		"as well as the need to ensure stable and sustainable staffing levels at the U.S. Embassy in Moscow,] " +
		"by speaker.named {the U.S. State Department} cue cue.after-quote {said}"
	found := false
	for _, l := range lines {
		found = found || l == want
	}
	if !found {
		t.Errorf("the State Department quote is missing; got\n\t%s", strings.Join(lines, "\n\t"))
	}
	// A three-word quote after "described N as" is part of the claim, the
	// object and the quote, not a claim of its own, and the claim ends with
	// the quote (the article has a no-break space before the mark).
	want = "quote.named [the discussions in Istanbul as\u00a0“constructive and businesslike,”] " +
		"by speaker.named {Zakharova} cue cue.named {described}"
	found = false
	for _, l := range lines {
		found = found || l == want
		if strings.Contains(l, "[constructive and businesslike") {
			t.Errorf("a three-word quote became a claim of its own: %s", l)
		}
	}
	if !found {
		t.Errorf("the partial quote of Zakharova is missing; got\n\t%s", strings.Join(lines, "\n\t"))
	}
	// The indirect attributions of its first and sixth paragraphs.
	for _, w := range []string{
		"indirect.after [Russian and U.S. diplomats held talks Thursday in Istanbul on restoring regular operations " +
			"at their embassies, as well as the possible restoration of direct flights between the two countries] " +
			"by speaker.group {officials from both sides} cue cue.after-clause {said}",
		"indirect.said-that [Russia had tapped Darchiyev as its next ambassador to the United States] " +
			"by speaker.named {the business newspaper Kommersant} cue cue.indirect {reported}",
	} {
		if !slices.Contains(lines, w) {
			t.Errorf("missing: %s", w)
		}
	}
}
