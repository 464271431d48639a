package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// contentText is every label and button text under o.
func contentText(t *testing.T, o fyne.CanvasObject) string {
	t.Helper()
	var b strings.Builder
	walk(t, o, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.Button:
			b.WriteString("[" + w.Text + "]\n")
		case *widget.RadioGroup:
			b.WriteString("(" + strings.Join(w.Options, "|") + ")\n")
		}
	})
	return b.String()
}

func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walk(t, o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q in:\n%s", text, contentText(t, o))
	}
	return found
}

// windowTitles lists the titles of the app's windows as "|a|b|".
func windowTitles(a fyne.App) string {
	s := "|"
	for _, w := range a.Driver().AllWindows() {
		s += w.Title() + "|"
	}
	return s
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestOpenErrorLockedOnlyExplains(t *testing.T) {
	a := test.NewTempApp(t)
	msg := "/data/p.glossa is open in another Glossa window; close it there or open a copy"
	w := ShowOpenError(a, "/data/p.glossa", errors.New(msg), nil, Config{Open: func(string) (Project, error) { return Project{Store: newFakeStore()}, nil }})
	text := contentText(t, w.Content())
	if !strings.Contains(text, msg+"\n") {
		t.Errorf("window does not show the lock message as is:\n%s", text)
	}
	if strings.Contains(text, "backup") {
		t.Errorf("a locked file is offered a backup:\n%s", text)
	}
	button(t, w.Content(), "Quit")
	button(t, w.Content(), "Open another project file…")
}

func TestOpenErrorOpensCopyOfLatestBackup(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "p.glossa")
	writeFile(t, path, "damaged")
	writeFile(t, path+".bak1", "newest backup")
	writeFile(t, path+".bak2", "older backup")
	var opened string
	cfg := Config{Open: func(p string) (Project, error) {
		opened = p
		st := newFakeStore(testDocs()...)
		st.path = p
		return Project{Store: st}, nil
	}}
	w := ShowOpenError(a, path, errors.New(path+" is damaged (bad checksum); Glossa has not changed it: open one of its backups or a copy instead"),
		[]string{path + ".bak1", path + ".bak2"}, cfg)
	if text := contentText(t, w.Content()); !strings.Contains(text, "kept as it is") {
		t.Errorf("window does not say the damaged file is kept:\n%s", text)
	}
	test.Tap(button(t, w.Content(), "Open a copy of the latest backup"))

	if !strings.HasPrefix(filepath.Base(opened), "p-restored-") || filepath.Dir(opened) != dir || filepath.Ext(opened) != ".glossa" {
		t.Fatalf("opened %q, want a p-restored-….glossa copy beside the file", opened)
	}
	if b, _ := os.ReadFile(opened); string(b) != "newest backup" {
		t.Errorf("copy holds %q, want the newest backup", b)
	}
	for p, want := range map[string]string{path: "damaged", path + ".bak1": "newest backup"} {
		if b, _ := os.ReadFile(p); string(b) != want {
			t.Errorf("%s now holds %q, want it unchanged", p, b)
		}
	}
	if titles := windowTitles(a); !strings.Contains(titles, "|Glossa — "+opened+"|") || strings.Contains(titles, "could not be opened") {
		t.Errorf("windows = %q, want the main window on the copy and the error window closed", titles)
	}
}

func TestOpenErrorCopyThatFailsToOpen(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "p.glossa")
	writeFile(t, path, "x")
	writeFile(t, path+".bak1", "also damaged")
	cfg := Config{Open: func(p string) (Project, error) { return Project{}, errors.New(p + " is damaged too") }}
	w := ShowOpenError(a, path, errors.New("damaged"), []string{path + ".bak1"}, cfg)
	test.Tap(button(t, w.Content(), "Open a copy of the latest backup"))
	if text := contentText(t, w.Content()); !strings.Contains(text, "could not be opened either") {
		t.Errorf("window does not say the copy failed too:\n%s", text)
	}
	if titles := windowTitles(a); strings.Count(titles, "Glossa") != 1 || !strings.Contains(titles, "could not be opened") {
		t.Errorf("windows = %q, want the error window alone", titles)
	}
}

func TestCopyBackupNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.glossa")
	writeFile(t, path+".bak1", "backup")
	now := time.Date(2026, 3, 14, 9, 5, 7, 0, time.UTC)
	first, err := copyBackup(path+".bak1", path, now)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "p-restored-20260314-090507.glossa"); first != want {
		t.Errorf("copy = %s, want %s", first, want)
	}
	second, err := copyBackup(path+".bak1", path, now)
	if err != nil {
		t.Fatal(err)
	}
	if second == first || !strings.HasSuffix(second, "-2.glossa") {
		t.Errorf("second copy at the same second = %s, want a -2 name beside %s", second, first)
	}
	if got, want := restoredName(second, now.Add(time.Hour)), filepath.Join(dir, "p-restored-20260314-100507.glossa"); got != want {
		t.Errorf("name of a restored copy's copy = %s, want %s", got, want)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("folder holds %d files, want the backup and two copies (no temporary files)", len(entries))
	}
}

func TestRestoreFromBackupSwitchesToCopy(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	dir := t.TempDir()
	st.path = filepath.Join(dir, "p.glossa")
	writeFile(t, st.path, "current")
	writeFile(t, st.path+".bak1", "backup one")
	st.backups = []string{st.path + ".bak1"}
	var opened string
	u.cfg.Open = func(p string) (Project, error) {
		opened = p
		s := newFakeStore(testDocs()...)
		s.path = p
		return Project{Store: s}, nil
	}
	u.restoreDialog()
	if text := overlayText(t, u); !strings.Contains(text, "p.glossa.bak1") || !strings.Contains(text, "(newest)") {
		t.Errorf("restore dialog does not list the backup:\n%s", text)
	}
	tapButton(t, u, "Open a copy")
	if opened == "" || u.st.Path() != opened || !st.closed {
		t.Fatalf("after restore: opened %q, window on %q, old store closed %v", opened, u.st.Path(), st.closed)
	}
	if b, _ := os.ReadFile(opened); string(b) != "backup one" {
		t.Errorf("copy holds %q", b)
	}
	if b, _ := os.ReadFile(st.path); string(b) != "current" {
		t.Errorf("project file now holds %q, want it unchanged", b)
	}
	if text := overlayText(t, u); !strings.Contains(text, opened) {
		t.Errorf("the window does not say where the copy is:\n%s", text)
	}
}
