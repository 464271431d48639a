package app

import (
	"fmt"

	"glossa/annotation"
)

// The status line and the hints say what is true now: the keys named are
// the codebook's, and what is said selected is what is selected.

// keysHint names the keys that tag, from the codebook: "a label's key
// (1–8)", or the label buttons when no label has a key.
func (u *UI) keysHint() string {
	if k := u.s.Labels().KeysText(); k != "" {
		return "a label's key (" + k + ")"
	}
	return "a label's button above the article"
}

// sourceKeyHint is how to tag a claim's source: "press 2 (Source)" with
// the codebook's first source label, or "" when it has none with a key.
func (u *UI) sourceKeyHint() string {
	for _, l := range u.s.Labels().OfKind(annotation.KindSource) {
		if l.Key != "" {
			return fmt.Sprintf("press %s (%s)", l.Key, l.Name)
		}
	}
	return ""
}

// selectionStatus is the status line for the article's selection and the
// selected annotation as they are now: the text selected, else the
// annotation selected, else nothing.
func (u *UI) selectionStatus() string {
	if start, end := u.selection(); end > start {
		return fmt.Sprintf("%s selected: press %s to tag them%s", annotation.Plural(end-start, "character"), u.keysHint(), u.sourceHint())
	}
	if a := u.s.Annotation(u.s.Selected()); a != nil {
		l, _ := u.s.Label(a.Label)
		return fmt.Sprintf("%s %s selected%s", a.Label, quoted(a.Quote(), 60), u.selectedHint(l.Kind))
	}
	if a := u.s.Suggestion(u.s.Selected()); a != nil {
		return fmt.Sprintf("Suggested %s %s (%s): Enter accepts it, Delete rejects it, Tab goes to the next.", a.Label, quoted(a.Quote(), 60), percent(a.Provenance.Confidence))
	}
	if u.s.DocID() == 0 {
		return "No article open: pick one in the list on the left."
	}
	return fmt.Sprintf("Nothing selected: select text and press %s to tag it, or click a highlight.", u.keysHint())
}

// selectedHint follows "Claim “…” selected": how to give a claim its
// source.
func (u *UI) selectedHint(k annotation.Kind) string {
	if k != annotation.KindClaim {
		return ""
	}
	if h := u.sourceKeyHint(); h != "" {
		return ": select who said it and " + h + " to link them"
	}
	return ""
}

// nothingToDelete is the status line for Delete with no annotation
// selected.
func (u *UI) nothingToDelete() string {
	if start, end := u.selection(); end > start {
		return "Delete removes an annotation, not text: click a highlight (or pick one in the panel), then press Delete."
	}
	return "Nothing selected to delete: click a highlight (or pick one in the panel), then press Delete."
}
