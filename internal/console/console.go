// Package console gives the command line of the Windows GUI program a
// place to print. glossa.exe is a GUI-subsystem program (no console window
// flashes up when it is started from the Start menu), so Windows gives it
// no standard output: `glossa.exe export …` typed in cmd.exe or PowerShell
// would print nothing. Attach connects it to the console it was typed in.
//
// A GUI program's caller does not wait for it: cmd.exe shows its prompt at
// once and the output follows, and %ERRORLEVEL% is not the exit code. For
// scripts the Windows release also ships glossa-cli.exe, a console program
// with the same commands (see docs/RELEASE.md). Elsewhere Attach does nothing.
package console
