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
	"glossa/internal/desktop"
	// Before Fyne's packages initialise: its locale and preferences noise.
	_ "glossa/internal/quietfyne"
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
		env := cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Version: meta.Version, DefaultPath: corpus.DefaultPath}
		return cli.Run(ctx, env, args)
	}
	if err := desktop.Run(meta, cli.GUIPath(args)); err != nil {
		fmt.Fprintf(os.Stderr, "glossa: %v\n", err)
		return 1
	}
	return 0
}

// appMeta reads ID, Name, Version and Build from FyneApp.toml's [Details]
// table and the flags of its [Migrations] table.
func appMeta(text string) (desktop.Meta, error) {
	var f struct {
		Details struct {
			ID, Name, Version string
			Build             int
		}
		Migrations map[string]bool
	}
	if _, err := toml.Decode(text, &f); err != nil {
		return desktop.Meta{}, fmt.Errorf("FyneApp.toml: %w", err)
	}
	d := f.Details
	return desktop.Meta{ID: d.ID, Name: d.Name, Version: d.Version, Build: d.Build, Migrations: f.Migrations}, nil
}
