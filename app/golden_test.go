package app

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Golden files of the main window's markup live in testdata/. When a
// change to the window is meant, rewrite them with
//
//	go test ./app -run Golden -update
//
// and review the diff. Without -update a mismatch fails the test, and
// Fyne's test package writes what it got to testdata/failed/<name>
// (ignored by git), which can also be copied over the golden file.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// assertGolden compares the markup of c with testdata/name.
func assertGolden(t *testing.T, name string, c fyne.Canvas) {
	t.Helper()
	if *update {
		p := filepath.Join("testdata", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(test.RenderToMarkup(c)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	test.AssertRendersToMarkup(t, name, c)
}

func TestGoldenMainWindow(t *testing.T) {
	u, st := newTestUI(t)
	u.app.Preferences().SetString(prefAnnotator, "tester")
	u.win.Resize(fyne.NewSize(1280, 800))
	u.win.Show()
	settle()
	assertGolden(t, "main_empty.xml", u.win.Canvas())

	sel(t, u, "Ana Pérez", 0)
	press(u, "2")
	sel(t, u, "The reservoir will be full by June", 0)
	press(u, "1")
	u.linkSource(only(t, st, "Claim").ID, only(t, st, "Source").ID)
	sel(t, u, "Green Party", 0)
	press(u, "4")
	u.selectAnnotation(only(t, st, "Claim").ID)
	settle()
	assertGolden(t, "main_claim_selected.xml", u.win.Canvas())
}
