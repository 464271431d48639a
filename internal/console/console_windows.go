//go:build windows

package console

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachParentProcess is AttachConsole's "the console of my parent".
const attachParentProcess = ^uintptr(0)

var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// Attach points standard output and standard error that go nowhere at the
// console of the process that started this one, when it has one. Output
// already sent somewhere (a pipe, a file: `glossa.exe stats > s.txt`, or a
// console program's own) is left alone.
func Attach() {
	out, errOut := unconnected(windows.STD_OUTPUT_HANDLE), unconnected(windows.STD_ERROR_HANDLE)
	if !out && !errOut {
		return
	}
	if r, _, _ := procAttachConsole.Call(attachParentProcess); r == 0 {
		return // started from Explorer or a shortcut: no console to print to
	}
	con, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0)
	if err != nil {
		return
	}
	if out {
		os.Stdout = con
		_ = windows.SetStdHandle(windows.STD_OUTPUT_HANDLE, windows.Handle(con.Fd()))
	}
	if errOut {
		os.Stderr = con
		_ = windows.SetStdHandle(windows.STD_ERROR_HANDLE, windows.Handle(con.Fd()))
	}
}

// unconnected reports whether the standard handle std goes nowhere.
func unconnected(std uint32) bool {
	h, err := windows.GetStdHandle(std)
	if err != nil || h == 0 || h == windows.InvalidHandle {
		return true
	}
	t, err := windows.GetFileType(h)
	return err != nil || t == windows.FILE_TYPE_UNKNOWN
}
