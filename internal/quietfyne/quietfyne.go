// Package quietfyne keeps off the terminal two lines that Fyne logs on
// every run and that tell a user nothing they can act on (issue 23):
//
//   - "Error parsing user locale C", with LANG (or LC_ALL) set to C.UTF-8,
//     the default in containers and CI: Fyne's locale library reads
//     "C.UTF-8" as the language tag "C". The cause is fixed: for a C or
//     POSIX locale with a codeset, and no LANGUAGE set, LANGUAGE=en names
//     the language the C locale speaks, and Fyne reads that instead.
//   - "Preferences load error: EOF" at quit: Fyne saves its preferences
//     file by truncating and rewriting it, and its own watcher of that
//     folder can read it in between (fyne app/preferences.go). The race is
//     Fyne's, so only that line (and its Cause and At lines) is dropped from
//     the log; every other line goes through.
//
// Both happen at Fyne's package initialisation or later, so the work is
// done in this package's init: main imports it for that alone. Go
// initialises packages in import-path order among those whose imports are
// ready, and Fyne's lang package waits on golang.org/x/text, which sorts
// after glossa/...; scripts/e2e.sh checks the result on the built binary.
package quietfyne

import (
	"bytes"
	"io"
	"log"
	"os"
	"strings"
	"sync"
)

func init() {
	if v := Language(os.Getenv); v != "" {
		_ = os.Setenv("LANGUAGE", v)
	}
	log.SetOutput(NewFilter(os.Stderr))
}

// Language returns the value LANGUAGE should take so that Fyne reads a
// language from the environment, or "" to leave it alone: "en" when the
// locale in force (LC_ALL, else LC_MESSAGES, else LANG, as gettext reads
// them) is C or POSIX with a codeset or modifier (C.UTF-8, POSIX.utf8,
// C@euro) and LANGUAGE is unset. A bare C or POSIX, or no locale at all,
// Fyne reads as English already.
func Language(getenv func(string) string) string {
	if getenv("LANGUAGE") != "" {
		return ""
	}
	var loc string
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = getenv(k); loc != "" {
			break
		}
	}
	for _, c := range []string{"C", "POSIX"} {
		if strings.HasPrefix(loc, c+".") || strings.HasPrefix(loc, c+"@") {
			return "en"
		}
	}
	return ""
}

// Filter is a writer for the standard logger (which writes each line in
// one Write) that drops Fyne's "Preferences load error:" line when its
// cause is EOF, with that cause and the "At:" line after it.
type Filter struct {
	mu     sync.Mutex
	w      io.Writer
	held   []byte // a "Preferences load error:" line, until its cause is known
	skipAt bool   // drop the next line if it is an "At:" line
}

// NewFilter returns a Filter writing to w.
func NewFilter(w io.Writer) *Filter { return &Filter{w: w} }

// Write is part of io.Writer. It reports len(p) for a dropped line.
func (f *Filter) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.skipAt {
		f.skipAt = false
		if bytes.Contains(p, []byte("  At: ")) {
			return len(p), nil
		}
	}
	if f.held != nil {
		held := f.held
		f.held = nil
		if bytes.HasSuffix(bytes.TrimRight(p, "\n"), []byte("  Cause: EOF")) {
			f.skipAt = true
			return len(p), nil
		}
		if _, err := f.w.Write(held); err != nil {
			return 0, err
		}
	}
	if bytes.Contains(p, []byte("Fyne error:  Preferences load error:")) {
		f.held = append([]byte(nil), p...)
		return len(p), nil
	}
	return f.w.Write(p)
}
