//go:build !windows

package console

// Attach does nothing outside Windows: a program started from a terminal
// writes to it.
func Attach() {}
