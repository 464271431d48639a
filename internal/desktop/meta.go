// Package desktop runs Glossa's window: it opens the project file (a new
// one gets the sample article), wires the store and the import and export
// of package corpus into app.UI, takes the automatic backup once the
// window shows, and gives memory back after a busy stretch. Built with the
// nogui tag (the Windows console program), it has no window: Run says so.
package desktop

// Meta is what FyneApp.toml says about the app.
type Meta struct {
	ID, Name, Version string
	Build             int             // the package's number within the version
	Migrations        map[string]bool // [Migrations]: Fyne behaviours the code is written for
}
