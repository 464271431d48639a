package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"glossa/internal/samefile"
)

// pathMode says what choosePath does with a file that exists already.
type pathMode int

const (
	// pathMustBeNew refuses an existing file (a new project file).
	pathMustBeNew pathMode = iota
	// pathMayReplace accepts an existing file after a confirmation; the
	// caller replaces it atomically (an export, a copy of the project).
	pathMayReplace
)

// checkPath checks path as the name of a file that Glossa is about to
// write itself, with open the project file that is open. It returns the
// absolute path and whether a file is there, or an error that says what to
// do. It writes nothing.
func checkPath(path, open string, mode pathMode) (abs string, exists bool, err error) {
	path = strings.TrimSpace(path)
	if path == "" {
		return "", false, errors.New("Type a file name, or choose a folder with Browse folder… and type a name.")
	}
	if rest, ok := strings.CutPrefix(path, "~"+string(filepath.Separator)); ok {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, rest)
		}
	}
	if strings.HasSuffix(path, string(filepath.Separator)) {
		return "", false, fmt.Errorf("%s is a folder. Add a file name after it.", path)
	}
	abs, err = filepath.Abs(path)
	if err != nil {
		return "", false, fmt.Errorf("cannot use %s: %w", path, err)
	}
	if di, err := os.Stat(filepath.Dir(abs)); err != nil || !di.IsDir() {
		return "", false, fmt.Errorf("The folder %s does not exist. Choose one with Browse folder….", filepath.Dir(abs))
	}
	if samefile.Is(abs, open) {
		return "", false, fmt.Errorf("%s is the project file that is open. Choose another name.", abs)
	}
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return abs, false, nil
	case err != nil:
		return "", false, fmt.Errorf("cannot check %s: %w", abs, err)
	case fi.IsDir():
		return "", false, fmt.Errorf("%s is a folder. Add a file name after it.", abs)
	case !fi.Mode().IsRegular():
		return "", false, fmt.Errorf("%s is not an ordinary file. Choose another name.", abs)
	case mode == pathMustBeNew:
		return "", false, fmt.Errorf("%s already exists. Choose a new name for the new project file (File › Open project file… opens an existing one).", abs)
	}
	return abs, true, nil
}

// freeName is dir/base+ext, or dir/base-2+ext, -3, … the first that does
// not exist.
func freeName(dir, base, ext string) string {
	p := filepath.Join(dir, base+ext)
	for n := 2; n < 1000; n++ {
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			return p
		}
		p = filepath.Join(dir, fmt.Sprintf("%s-%d%s", base, n, ext))
	}
	return p
}

// startFolder is where choosePath proposes a file: the folder chosen last,
// else the home folder, else the project's folder.
func (u *UI) startFolder() string {
	if d := u.app.Preferences().String(prefLastFolder); d != "" {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			return d
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return filepath.Dir(u.st.Path())
}

// choosePath asks for the path of a file that Glossa then writes itself,
// proposing initial, and calls done with its absolute path. Unlike
// dialog.NewFileSave it creates and truncates nothing: the dialog has a
// field with the whole path and a Browse folder… button. It refuses the
// open project file; an existing file is refused (pathMustBeNew) or
// accepted after a confirmation (pathMayReplace).
func (u *UI) choosePath(title, action, initial string, mode pathMode, done func(path string)) {
	u.choosePathIn(u.win, title, action, initial, mode, done)
}

// choosePathIn is choosePath over the window win (the main window, or
// another of Glossa's, such as the agreement window).
func (u *UI) choosePathIn(win fyne.Window, title, action, initial string, mode pathMode, done func(path string)) {
	entry := widget.NewEntry()
	entry.SetText(initial)
	problem := widget.NewLabel("")
	problem.Wrapping = fyne.TextWrapWord
	problem.Importance = widget.DangerImportance
	problem.Hide()
	var d *dialog.CustomDialog
	size := fyne.NewSize(620, 240)
	fail := func(err error) {
		problem.SetText(err.Error())
		problem.Show()
		d.Resize(size.AddWidthHeight(0, 80)) // room for the message, wrapped
	}
	browse := widget.NewButtonWithIcon("Browse folder…", theme.FolderOpenIcon(), func() {
		fd := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err != nil {
				fail(err)
				return
			}
			if l == nil {
				return
			}
			name := filepath.Base(strings.TrimSpace(entry.Text))
			if name == "." || name == string(filepath.Separator) {
				name = filepath.Base(initial)
			}
			entry.SetText(filepath.Join(l.Path(), name))
			problem.Hide()
		}, win)
		if dir, err := filepath.Abs(filepath.Dir(strings.TrimSpace(entry.Text))); err == nil {
			if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
				fd.SetLocation(l)
			}
		}
		fd.Show()
	})
	hint := "The file is written when you press " + action + "."
	if mode == pathMayReplace {
		hint = "A file that is there already is replaced only once the new one is complete."
	}
	hintL := widget.NewLabel(hint)
	hintL.Wrapping = fyne.TextWrapWord
	hintL.Importance = widget.LowImportance
	content := container.NewVBox(
		widget.NewLabel("File:"),
		container.NewBorder(nil, nil, nil, browse, entry),
		hintL, problem)
	d = dialog.NewCustomWithoutButtons(title, content, win)
	accept := func() {
		p, exists, err := checkPath(entry.Text, u.st.Path(), mode)
		if err != nil {
			fail(err)
			return
		}
		finish := func() {
			d.Hide()
			u.app.Preferences().SetString(prefLastFolder, filepath.Dir(p))
			done(p)
		}
		if !exists {
			finish()
			return
		}
		dialog.ShowConfirm("Replace "+filepath.Base(p)+"?",
			p+" already exists. Replace it? It stays as it is until the new file is complete, and if writing fails or you cancel.",
			func(ok bool) {
				if ok {
					finish()
				}
			}, win)
	}
	entry.OnSubmitted = func(string) { accept() }
	ok := widget.NewButton(action, accept)
	ok.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", d.Hide), ok})
	d.Resize(size)
	d.Show()
	win.Canvas().Focus(entry)
}
