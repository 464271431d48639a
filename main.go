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
	"strings"

	"glossa/cli"
	"glossa/corpus"
)

// FyneApp.toml is the one place the app's ID and version are written.
//
//go:embed FyneApp.toml
var fyneAppTOML string

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	id, version := appMeta(fyneAppTOML)
	if cli.IsCommand(args) {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		env := cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Version: version, DefaultPath: corpus.DefaultPath}
		return cli.Run(ctx, env, args)
	}
	if err := runGUI(id, version, cli.GUIPath(args)); err != nil {
		fmt.Fprintf(os.Stderr, "glossa: %v\n", err)
		return 1
	}
	return 0
}

// appMeta reads ID and Version from FyneApp.toml's [Details] table.
func appMeta(toml string) (id, version string) {
	section := ""
	for _, line := range strings.Split(toml, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[]")
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok || section != "Details" {
			continue
		}
		value = strings.Trim(strings.TrimSpace(value), `"`)
		switch strings.TrimSpace(key) {
		case "ID":
			id = value
		case "Version":
			version = value
		}
	}
	return id, version
}
