package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
)

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCheckPath(t *testing.T) {
	dir := t.TempDir()
	open := filepath.Join(dir, "open.glossa")
	old := filepath.Join(dir, "old.json")
	writeFile(t, open, "PROJECT")
	writeFile(t, old, "OLD")
	if err := os.Symlink(open, filepath.Join(dir, "alias.glossa")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(open, filepath.Join(dir, "hard.glossa")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	sep := string(filepath.Separator)
	for _, c := range []struct {
		path    string
		mode    pathMode
		exists  bool
		wantErr string // "" for none
	}{
		{"", pathMayReplace, false, "Type a file name"},
		{dir + sep, pathMayReplace, false, "is a folder"},
		{filepath.Join(dir, "sub"), pathMayReplace, false, "is a folder"},
		{filepath.Join(dir, "missing", "x.json"), pathMayReplace, false, "does not exist"},
		{open, pathMayReplace, false, "project file that is open"},
		{dir + sep + "." + sep + "open.glossa", pathMayReplace, false, "project file that is open"},
		{filepath.Join(dir, "alias.glossa"), pathMayReplace, false, "project file that is open"},
		{filepath.Join(dir, "hard.glossa"), pathMayReplace, false, "project file that is open"},
		{open, pathMustBeNew, false, "project file that is open"},
		{old, pathMustBeNew, false, "already exists"},
		{old, pathMayReplace, true, ""},
		{"  " + filepath.Join(dir, "new.glossa") + " ", pathMustBeNew, false, ""},
	} {
		got, exists, err := checkPath(c.path, open, c.mode)
		switch {
		case c.wantErr == "" && err != nil:
			t.Errorf("checkPath(%q, %d): %v; want no error", c.path, c.mode, err)
		case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
			t.Errorf("checkPath(%q, %d) error = %v; want one saying %q", c.path, c.mode, err, c.wantErr)
		case err == nil && (exists != c.exists || !filepath.IsAbs(got)):
			t.Errorf("checkPath(%q, %d) = %q, exists %v; want an absolute path, exists %v", c.path, c.mode, got, exists, c.exists)
		}
	}
	if readFile(t, open) != "PROJECT" || readFile(t, old) != "OLD" {
		t.Error("checkPath changed a file")
	}
	if _, err := os.Stat(filepath.Join(dir, "new.glossa")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("checkPath created new.glossa (%v)", err)
	}
}

// chooser returns the path field of the path chooser on top.
func chooser(t *testing.T, u *UI) *widget.Entry {
	t.Helper()
	var e *widget.Entry
	walk(t, topOverlay(t, u), func(o fyne.CanvasObject) {
		if w, ok := o.(*widget.Entry); ok && e == nil {
			e = w
		}
	})
	if e == nil {
		t.Fatalf("no path field in:\n%s", overlayText(t, u))
	}
	return e
}

// choose types path in the chooser and presses its button action.
func choose(t *testing.T, u *UI, path, action string) {
	t.Helper()
	chooser(t, u).SetText(path)
	tapButton(t, u, action)
}

// onDisk makes the fake store's project file a real file in a temporary
// folder, holding "PROJECT", and returns the folder.
func onDisk(t *testing.T, u *UI, st *fakeStore) string {
	t.Helper()
	dir := t.TempDir()
	st.path = filepath.Join(dir, "open.glossa")
	writeFile(t, st.path, "PROJECT")
	u.app.Preferences().SetString(prefLastFolder, dir)
	return dir
}

func TestNewProjectRefusesOpenAndExistingFiles(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	dir := onDisk(t, u, st)
	other := filepath.Join(dir, "other.glossa")
	writeFile(t, other, "OTHER")
	var opened []string
	u.cfg.Open = func(path string) (Project, error) {
		opened = append(opened, path)
		s := newFakeStore(testDocs()...)
		s.path = path
		return Project{Store: s}, nil
	}

	u.newProjectDialog()
	keyPress(u, fyne.KeyReturn) // the default template, Fact-checking
	if got := chooser(t, u).Text; got != filepath.Join(dir, "project.glossa") {
		t.Errorf("proposed path = %q, want project.glossa in the last folder", got)
	}
	choose(t, u, st.path, "Create")
	if text := overlayText(t, u); !strings.Contains(text, "project file that is open") {
		t.Errorf("choosing the open project file: dialog says\n%s\nwant a refusal that says it is open", text)
	}
	choose(t, u, other, "Create")
	if text := overlayText(t, u); !strings.Contains(text, "already exists") {
		t.Errorf("choosing an existing file: dialog says\n%s\nwant a refusal", text)
	}
	if len(opened) != 0 || readFile(t, st.path) != "PROJECT" || readFile(t, other) != "OTHER" || st.closed {
		t.Fatalf("after refusals: opened %v, files %q %q, closed %v; want nothing opened or changed",
			opened, readFile(t, st.path), readFile(t, other), st.closed)
	}

	fresh := filepath.Join(dir, "fresh.glossa")
	choose(t, u, fresh, "Create")
	if len(opened) != 1 || opened[0] != fresh || u.st.Path() != fresh || !st.closed {
		t.Errorf("after choosing %s: opened %v, open project %s, old closed %v", fresh, opened, u.st.Path(), st.closed)
	}
	if _, err := os.Stat(fresh); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the chooser created %s (%v); Config.Open should", fresh, err)
	}
	if o := u.win.Canvas().Overlays().Top(); o != nil {
		t.Errorf("a dialog is still open:\n%s", contentText(t, o))
	}
}

func TestExportReplacesExistingFileOnlyAfterConfirmation(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	dir := onDisk(t, u, st)
	out := filepath.Join(dir, "out.json")
	writeFile(t, out, "OLD")
	var calls []string
	u.proj.Export = func(_ context.Context, format, path string, _ func(done, total int)) error {
		calls = append(calls, format+" "+path+" "+readFile(t, path))
		return errors.New("disk full")
	}

	u.exportDialog("json")
	choose(t, u, st.path, "Export")
	if text := overlayText(t, u); !strings.Contains(text, "project file that is open") {
		t.Errorf("exporting onto the open project: dialog says\n%s", text)
	}
	choose(t, u, out, "Export")
	if text := overlayText(t, u); !strings.Contains(text, "Replace out.json?") && !strings.Contains(text, "already exists") {
		t.Fatalf("no confirmation for an existing file:\n%s", text)
	}
	if readFile(t, out) != "OLD" {
		t.Fatalf("out.json = %q before the confirmation, want it untouched", readFile(t, out))
	}
	tapButton(t, u, "No")
	if len(calls) != 0 || readFile(t, out) != "OLD" {
		t.Fatalf("after No: export calls %v, out.json %q; want none and OLD", calls, readFile(t, out))
	}
	tapButton(t, u, "Export")
	tapButton(t, u, "Yes")
	settle()
	if want := "json " + out + " OLD"; len(calls) != 1 || calls[0] != want {
		t.Errorf("export calls = %q, want [%s]: the file untouched until Export writes it", calls, want)
	}
	if readFile(t, out) != "OLD" || !strings.Contains(overlayText(t, u), "already there is unchanged") {
		t.Errorf("after a failed export: out.json %q, dialog\n%s\nwant OLD and a message that says so", readFile(t, out), overlayText(t, u))
	}
	if readFile(t, st.path) != "PROJECT" {
		t.Error("the project file changed")
	}
}

func TestSaveCopyRefusesProjectAndConfirmsReplace(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	dir := onDisk(t, u, st)
	cp := filepath.Join(dir, "copy.glossa")
	writeFile(t, cp, "OLD COPY")

	u.saveCopyDialog()
	if got := chooser(t, u).Text; got != filepath.Join(dir, "open-copy.glossa") {
		t.Errorf("proposed path = %q, want open-copy.glossa", got)
	}
	n := len(u.win.Canvas().Overlays().List())
	tapButton(t, u, "Browse folder…")
	if got := len(u.win.Canvas().Overlays().List()); got != n+1 {
		t.Fatalf("overlays after Browse folder… = %d, want a folder dialog over the chooser (%d)", got, n+1)
	}
	u.win.Canvas().Overlays().Remove(topOverlay(t, u)) // cancelled
	choose(t, u, filepath.Join(dir, ".", "open.glossa"), "Save copy")
	if text := overlayText(t, u); !strings.Contains(text, "project file that is open") {
		t.Errorf("copying onto the open project: dialog says\n%s", text)
	}
	if len(st.copies) != 0 || readFile(t, st.path) != "PROJECT" {
		t.Fatalf("copies %v, project %q after a refusal", st.copies, readFile(t, st.path))
	}
	choose(t, u, cp, "Save copy")
	if readFile(t, cp) != "OLD COPY" {
		t.Fatal("the existing copy was changed before the confirmation")
	}
	tapButton(t, u, "Yes")
	if st.copies[cp] != st.path {
		t.Errorf("copies = %v, want the project copied to %s", st.copies, cp)
	}
}

func TestNewProjectStartsWithTheChosenTemplate(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Show()
	dir := onDisk(t, u, st)
	var got annotation.LabelSet
	u.cfg.Create = func(path string, codebook annotation.LabelSet) (Project, error) {
		got = codebook
		s := newFakeStore()
		s.path, s.labels = path, codebook
		return Project{Store: s}, nil
	}
	u.cfg.Open = func(path string) (Project, error) {
		return Project{}, errors.New("File > New project opened instead of creating")
	}
	u.newProjectDialog()
	findRadio(t, u).SetSelected("Named entities")
	if !dialogShows(t, u, "Labels: PER, ORG, LOC, MISC.") {
		t.Errorf("the template dialog does not list the labels of the chosen template")
	}
	keyPress(u, fyne.KeyReturn)
	choose(t, u, filepath.Join(dir, "ner.glossa"), "Create")
	if !reflect.DeepEqual(got, annotation.NamedEntitiesTemplate()) {
		t.Errorf("Create got %+v, want the Named entities template", got)
	}
	if texts := labelBarTexts(u); !slices.Equal(texts, []string{"1 PER", "2 ORG", "3 LOC", "4 MISC"}) {
		t.Errorf("label bar = %q, want the template's labels", texts)
	}
}
