package annotation

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// The codebook's reporting verbs (LabelSet.Verbs) extend the suggester's
// built-in lexicon. The suggester compares a cue word by word, lower-cased:
// so a verb of the codebook is one word, lower case, each form written out
// ("opine", "opines", "opined", "opining"). A phrase ("point out") would
// never match, and is refused rather than kept to no effect. Whether a verb
// is in the built-in lexicon already is the suggester's to say (package
// suggest): this package does not know the lexicon, and a verb listed in
// both does no harm.

// ValidVerb reports whether v can be one of the codebook's reporting
// verbs: one word of letters, with a hyphen or an apostrophe between two
// letters ("co-sign", "o'er"), lower case.
func ValidVerb(v string) bool {
	return verbProblem(v) == ""
}

// verbProblem says what makes v no valid verb, or "".
func verbProblem(v string) string {
	if v == "" {
		return "is empty"
	}
	if strings.ToLower(v) != v {
		return "has capitals; the codebook keeps its verbs lower case (the suggester matches them in any case)"
	}
	rs := []rune(v)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r):
		case strings.ContainsRune("-'’", r) && i > 0 && i < len(rs)-1 && unicode.IsLetter(rs[i-1]) && unicode.IsLetter(rs[i+1]):
		case unicode.IsSpace(r):
			return "is not one word: the suggester matches a cue word by word, so list each form of a verb on its own (opine, opines, opined)"
		default:
			return fmt.Sprintf("holds %q; a verb is letters, with a hyphen or an apostrophe between two", r)
		}
	}
	return ""
}

// validateVerbs checks a codebook's verbs: each valid (ValidVerb), none
// listed twice.
func validateVerbs(vs []string) error {
	seen := make(map[string]bool, len(vs))
	for _, v := range vs {
		if p := verbProblem(v); p != "" {
			return fmt.Errorf("the reporting verb %q %s: %w", v, p, ErrBadLabel)
		}
		if seen[v] {
			return fmt.Errorf("the reporting verb %q is listed twice: %w", v, ErrBadLabel)
		}
		seen[v] = true
	}
	return nil
}

// CleanVerbs returns vs as a codebook keeps them: each trimmed and
// lower-cased, empty ones and repeats left out, in order (clean); and,
// as given, those that are still not valid (ValidVerb), left out of
// clean. A reader of a codebook file keeps clean and warns of bad; a form
// says bad's first.
func CleanVerbs(vs []string) (clean, bad []string) {
	seen := make(map[string]bool, len(vs))
	for _, v := range vs {
		w := strings.ToLower(strings.TrimSpace(v))
		switch {
		case w == "" || seen[w]:
		case !ValidVerb(w):
			bad = append(bad, v)
		default:
			clean = append(clean, w)
		}
		seen[w] = true
	}
	return clean, bad
}

// unionVerbs returns a with the verbs of b it lacks appended, in b's
// order; nil when both are empty.
func unionVerbs(a, b []string) []string {
	var out []string
	seen := make(map[string]bool, len(a)+len(b))
	for _, v := range slices.Concat(a, b) {
		if !seen[v] {
			out = append(out, v)
			seen[v] = true
		}
	}
	return out
}
