//go:build !unix && !nogui

package desktop

import "glossa/app"

// listenProbe does nothing here: the end-to-end scripts that read
// GLOSSA_PROBE run on Unix, where SIGUSR1 asks for it.
func listenProbe(*app.UI) {}
