package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// The status line says what is true now (issue 23).
func TestStatusLineSaysWhatIsTrueNow(t *testing.T) {
	u, st := newTestUI(t)

	sel(t, u, "Ana Pérez", 0)
	if want := "9 characters selected: press a label's key (1–8)"; !strings.HasPrefix(u.status, want) {
		t.Errorf("after selecting \"Ana Pérez\" the status says %q; want it to start %q (the codebook's keys)", u.status, want)
	}
	u.typedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if strings.Contains(u.status, "characters selected") || !strings.HasPrefix(u.status, "Nothing selected") {
		t.Errorf("after Escape the status says %q; want \"Nothing selected…\"", u.status)
	}

	u.typedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if !strings.HasPrefix(u.status, "Nothing selected to delete") {
		t.Errorf("Delete with nothing selected: status %q; want it to say so", u.status)
	}
	sel(t, u, "the mayor", 0)
	u.typedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if !strings.HasPrefix(u.status, "Delete removes an annotation, not text") {
		t.Errorf("Delete with text but no annotation selected: status %q; want it to say so", u.status)
	}

	// A selection with white space at its ends counts what a tag stores.
	start, end := sel(t, u, " Ana Pérez", 0)
	if want := "9 characters selected"; !strings.HasPrefix(u.status, want) {
		t.Errorf("selecting [%d,%d) %q: status %q; want it to start %q", start, end, " Ana Pérez", u.status, want)
	}
	press(u, "3")
	if got := only(t, st, "Person").Quote(); got != "Ana Pérez" {
		t.Errorf("stored %q; want %q", got, "Ana Pérez")
	}
	u.typedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !strings.HasPrefix(u.status, "Nothing selected") {
		t.Errorf("after Escape with an annotation selected the status says %q; want \"Nothing selected…\"", u.status)
	}
}

func TestHintsNameTheCodebooksKeys(t *testing.T) {
	u, _ := newTestUI(t)
	if got, want := u.keysHint(), "a label's key (1–8)"; got != want {
		t.Errorf("keysHint() = %q; want %q", got, want)
	}
	if got, want := u.sourceKeyHint(), "press 2 (Source)"; got != want {
		t.Errorf("sourceKeyHint() = %q; want %q", got, want)
	}
	rows := u.keyHelp()
	for _, r := range rows {
		if strings.HasPrefix(r[0], "9") || strings.HasPrefix(r[0], "1–9 ") && !strings.Contains(r[0], "Curation") {
			t.Errorf("keyboard help names key %q, which no label of the codebook has", r[0])
		}
	}
}
