// Package cli is Glossa's command line: import, merge, export, check, codebook,
// suggest, stats, backup, version and help. main hands it the arguments
// when the first one names a subcommand; with none, Glossa opens its
// window instead.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"glossa/corpus"
)

// Env is what a command runs with: its streams, Glossa's version, and how to
// find the default project file.
type Env struct {
	Stdout, Stderr io.Writer
	Version        string
	DefaultPath    func() (string, error)
}

type command struct {
	name    string
	usage   string
	summary string
	run     func(ctx context.Context, env Env, args []string) error
}

func commands() []command {
	return []command{
		{"import", "import [--db FILE] PATH...", "import articles (.txt .md .html), datasets (.json .jsonl, a dataset folder) and other tools' files; folders are walked", runImport},
		{"export", "export [--db FILE] --format FORMAT [-o OUT] [--layer NAME|curated|all] [--offsets codepoint,utf16,byte] [--excel-bom] [--include-suggestions] [--labels L,...] [--outlets O,...] [--from DATE] [--to DATE] [--min-count N] [--min-weight N]", "export the project (stdout unless -o); --layer writes one annotator's layer, the curated layer or all (by default the curated layer when it holds annotations, else all); --format folder -o DIR writes a dataset folder for version control, updating DIR in place (a git clone keeps its .git); --include-suggestions writes the pending suggestions too, with their links and provenance (origin suggested, rule, confidence, review pending); --format graphml (Gephi) or dot (Graphviz) writes the who-said-what graph: sources and entities (merged through the entity registry) with how often each is quoted and mentioned, quoted-about and co-occurrence edges, narrowed by --labels, --outlets, --from/--to (publication dates) and --min-count/--min-weight", runExport},
		{"merge", "merge [--db FILE] [--as NAME] OTHER...", "bring in other annotators' work as their layers: a Glossa .json/.jsonl dataset, another Glossa project file, or another tool's file; each annotation goes to the layer of its annotator (--as names the one of annotations that name none; default: the file's name), a name the project's own annotations use becoming \"NAME (FILE)\"; articles match by their text (one missing is added; another text of the same title is reported, not merged); codebooks and entity registries merge with the project's kept where they differ, each difference listed; merging the same file again changes nothing, a newer one replaces the layers of the articles it changed. Prints a line per layer of an article (id, title, layer, annotations, new/replaced/unchanged), the conflicts, then a total", runMerge},
		{"check", "check [--db FILE]", "check the project file's structure and Glossa's invariants", runCheck},
		{"codebook", "codebook [--db FILE] [--import FILE | --export OUT] [--format glossa|brat|labelstudio]", "print the codebook: labels, attributes, relation types, guidelines, and what uses each; --import merges a codebook file into the project's (only adding; the format sniffed unless given); --export writes it (brat: OUT is a folder for annotation.conf and visual.conf)", runCodebook},
		{"suggest", "suggest [--db FILE] [--all | --doc ID ...]", "compute suggestions (quotes with their speakers and cues, indirect attributions, entities of the registry, dates, money, percentages) for every article or the ones named, and store them as pending for review in the window; prints one line per article: id, title, claims, sources, cues, entities, and how many rejected before were left out", runSuggest},
		{"stats", "stats [--db FILE] [--json] [--top N] [--layer NAME|curated|all]", "count documents, annotations, labels, layers, links and entities, and tabulate the corpus: articles by status, annotations per article, the most quoted sources and most mentioned entities (through the entity registry), claims per source type, attribute values per label, work per day; the tables count one layer, chosen as export chooses it; --top N cuts the per-article, source and entity tables (0 for all); --json prints it all with the keys docs/STATS.md describes", runStats},
		{"agree", "agree [--db FILE] [--json | --csv TABLE] [-o OUT]", "inter-annotator agreement of the project's annotator layers: span F1 (strict, lenient), Krippendorff's alpha-U, alpha, Cohen's and Fleiss' kappa, attributes and links, per label, pair, annotator and article (worst first); --csv prints one table", runAgree},
		{"eval", "eval GOLD_DIR [--db FILE] [--json] [--errors]", "score suggestions against a brat gold folder: precision, recall, F1 of contents, sources, cues (exact, overlap >= 0.3, >= 0.8), speaker and cue accuracy, all and direct quotes; --help defines each figure", runEval},
		{"backup", "backup [--db FILE] [-o OUT]", "copy the project file consistently (default: a dated file beside it)", runBackup},
		{"version", "version", "print Glossa's version", func(_ context.Context, env Env, _ []string) error {
			fmt.Fprintf(env.Stdout, "glossa %s\n", env.Version)
			return nil
		}},
		{"help", "help", "print this help", func(_ context.Context, env Env, _ []string) error {
			printHelp(env)
			return nil
		}},
	}
}

// IsCommand reports whether args (without the program name) ask for the
// command line rather than the window.
func IsCommand(args []string) bool {
	for _, a := range args {
		switch a {
		case "--version", "-version", "-v", "--help", "-help", "-h":
			return true
		}
	}
	_, rest := splitGlobal(args)
	if len(rest) == 0 {
		return false
	}
	for _, c := range commands() {
		if c.name == rest[0] {
			return true
		}
	}
	return !strings.HasPrefix(rest[0], "-") // an unknown word: say so on the command line
}

// GUIPath returns the --db FILE of a window invocation, or "".
func GUIPath(args []string) string {
	db, _ := splitGlobal(args)
	return db
}

// splitGlobal takes a leading --db FILE (or --db=FILE) off args.
func splitGlobal(args []string) (db string, rest []string) {
	for len(args) > 0 {
		a := args[0]
		switch {
		case (a == "--db" || a == "-db") && len(args) > 1:
			db, args = args[1], args[2:]
		case strings.HasPrefix(a, "--db="):
			db, args = strings.TrimPrefix(a, "--db="), args[1:]
		default:
			return db, args
		}
	}
	return db, nil
}

// Run runs the command line and returns the process's exit code: 0 on
// success, 1 when the command failed, 2 for a usage error. No panic escapes.
func Run(ctx context.Context, env Env, args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(env.Stderr, "glossa: internal error: %v\nYour files were not changed by this error. Please report it with the lines below.\n%s", r, debug.Stack())
			code = 70
		}
	}()
	db, rest := splitGlobal(args)
	for i, a := range args {
		switch a {
		case "--version", "-version", "-v":
			fmt.Fprintf(env.Stdout, "glossa %s\n", env.Version)
			return 0
		case "--help", "-help", "-h":
			if i > len(args)-len(rest) && isCommandName(rest[0]) {
				continue // the command's own help: glossa eval --help
			}
			printHelp(env)
			return 0
		}
	}
	if len(rest) == 0 {
		printHelp(env)
		return 2
	}
	for _, c := range commands() {
		if c.name != rest[0] {
			continue
		}
		sub := rest[1:]
		if db != "" {
			sub = append([]string{"--db", db}, sub...)
		}
		err := c.run(ctx, env, sub)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, new(usageError)):
			fmt.Fprintf(env.Stderr, "glossa %s: %v\nusage: glossa %s\n", c.name, err, c.usage)
			return 2
		}
		fmt.Fprintf(env.Stderr, "glossa %s: %v\n", c.name, err)
		return 1
	}
	fmt.Fprintf(env.Stderr, "glossa: %q is not a command. Run 'glossa help' for the list.\n", rest[0])
	return 2
}

func isCommandName(name string) bool {
	return slices.ContainsFunc(commands(), func(c command) bool { return c.name == name })
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

func printHelp(env Env) {
	w := env.Stdout
	fmt.Fprintf(w, "Glossa %s: annotate claims, sources and entities in news articles.\n\n", env.Version)
	fmt.Fprintln(w, "usage:")
	fmt.Fprintln(w, "  glossa [--db FILE]            open the window on FILE or on the default project")
	for _, c := range commands() {
		fmt.Fprintf(w, "  glossa %s\n      %s\n", c.usage, c.summary)
	}
	fmt.Fprintln(w, "\nexport formats: "+strings.Join(exportFormats(), ", "))
	fmt.Fprintln(w, "codebook formats: "+strings.Join(corpus.CodebookFormats(), ", "))
	if env.DefaultPath != nil {
		if p, err := env.DefaultPath(); err == nil {
			fmt.Fprintf(w, "\ndefault project file (when --db is not given):\n  %s\n", p)
		} else {
			fmt.Fprintf(w, "\ndefault project file: unavailable (%v)\n", err)
		}
	}
}

// newFlags returns a flag set that reports errors instead of exiting.
// Its --help prints the command's usage, summary and flags (a command may
// set Usage to say more).
func newFlags(env Env, name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	db := fs.String("db", "", "the project file (default: the per-user default project)")
	fs.Usage = func() {
		for _, c := range commands() {
			if c.name == name {
				fmt.Fprintf(env.Stdout, "usage: glossa %s\n  %s\n\nflags:\n", c.usage, c.summary)
			}
		}
		fs.SetOutput(env.Stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs, db
}

func parse(fs *flag.FlagSet, args []string) error {
	// Accept flags after positional arguments too: glossa import a.txt --db x.
	// flag calls Usage on every parse error too: print the help only when
	// it is asked for.
	help := fs.Usage
	fs.Usage = func() {}
	defer func() { fs.Usage = help }()
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "-help" || a == "--help" {
			help()
			return flag.ErrHelp
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return usagef("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

// dbPath resolves --db, falling back to the default project.
func dbPath(env Env, db string) (string, error) {
	if db != "" {
		return db, nil
	}
	if env.DefaultPath == nil {
		return "", errors.New("no project file given; pass --db FILE")
	}
	return env.DefaultPath()
}

// mustExist refuses a read-only command on a file that does not exist.
func mustExist(path string) error {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("there is no project file at %s; import something first or pass --db FILE", path)
		}
		return fmt.Errorf("cannot read %s: %w", path, err)
	}
	return nil
}
