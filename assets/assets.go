// Package assets holds the files Glossa bundles into its binary: the app
// icon and the sample article a new project opens on.
package assets

import (
	"embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png sample.md
var files embed.FS

// Icon is Glossa's application icon (PNG, 512 px).
func Icon() fyne.Resource {
	return fyne.NewStaticResource("icon.png", mustRead("icon.png"))
}

// SampleName is the file name the bundled sample article imports under.
const SampleName = "sample.md"

// Sample returns the bundled sample article (Markdown).
func Sample() []byte { return mustRead(SampleName) }

func mustRead(name string) []byte {
	b, err := files.ReadFile(name)
	if err != nil {
		panic("assets: " + name + " is not embedded: " + err.Error()) // a build error, never a user's
	}
	return b
}
