//go:build unix && !nogui

package desktop

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"

	"glossa/app"
	"glossa/internal/durable"
)

// listenProbe writes u.Probe to the file GLOSSA_PROBE names each time the
// process gets SIGUSR1 (the end-to-end scripts read where to click from
// it: scripts/xvfb.sh's probe). Without GLOSSA_PROBE it does nothing.
func listenProbe(u *app.UI) {
	path := os.Getenv("GLOSSA_PROBE")
	if path == "" {
		return
	}
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGUSR1)
	go func() {
		for range c {
			fyne.Do(func() {
				// Whole or not at all: the script waits for the file.
				if err := durable.WriteFile(path, 0o644, u.Probe); err != nil {
					fmt.Fprintf(os.Stderr, "GLOSSA_PROBE: %v\n", err)
				}
			})
		}
	}()
}
