// Glossa annotates claims, sources and entities in news articles, offline.
// With no arguments (or only --db FILE) it opens its window; with a
// subcommand (import, export, check, stats, backup, help) it runs on the
// command line.
package main

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"os/signal"

	"github.com/BurntSushi/toml"

	"glossa/cli"
	"glossa/corpus"
	"glossa/internal/console"
)

// FyneApp.toml is the one place the app's ID and version are written.
//
//go:embed FyneApp.toml
var fyneAppTOML string

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	meta, err := appMeta(fyneAppTOML)
	if err != nil {
		fmt.Fprintf(os.Stderr, "glossa: %v\n", err)
		return 1
	}
	if cli.IsCommand(args) {
		console.Attach()
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		env := cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Version: meta.version, DefaultPath: corpus.DefaultPath}
		return cli.Run(ctx, env, args)
	}
	if err := runGUI(meta, cli.GUIPath(args)); err != nil {
		fmt.Fprintf(os.Stderr, "glossa: %v\n", err)
		return 1
	}
	return 0
}

// metadata is what FyneApp.toml says about the app.
type metadata struct {
	id, name, version string
	build             int             // the package's number within the version
	migrations        map[string]bool // [Migrations]: Fyne behaviours the code is written for
}

// appMeta reads ID, Name, Version and Build from FyneApp.toml's [Details]
// table and the flags of its [Migrations] table.
func appMeta(text string) (metadata, error) {
	var f struct {
		Details struct {
			ID, Name, Version string
			Build             int
		}
		Migrations map[string]bool
	}
	if _, err := toml.Decode(text, &f); err != nil {
		return metadata{}, fmt.Errorf("FyneApp.toml: %w", err)
	}
	d := f.Details
	return metadata{id: d.ID, name: d.Name, version: d.Version, build: d.Build, migrations: f.Migrations}, nil
}
