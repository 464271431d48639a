//go:build nogui

package desktop

import "errors"

// Run: a build with the nogui tag is the command line alone (the Windows
// release's console program, glossa-cli.exe: see internal/console); it has
// no window to open.
func Run(Meta, string) error {
	return errors.New("this is Glossa's command-line program, which has no window: start glossa.exe for the window, or run \"glossa-cli help\" for the commands")
}
