package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"glossa/annotation"
	"glossa/corpus"
	"glossa/storage"
)

func exportFormats() []string { return corpus.Formats() }

// openStore opens the project for a command. Read-only commands may run
// while the file is open in the window only as far as bbolt's locks allow;
// storage says so in its error.
func openStore(env Env, db string, readOnly bool) (*storage.Store, error) {
	path, err := dbPath(env, db)
	if err != nil {
		return nil, err
	}
	if readOnly {
		if err := mustExist(path); err != nil {
			return nil, err
		}
	}
	return storage.Open(path, storage.Options{ReadOnly: readOnly, AutoBackup: !readOnly})
}

func runImport(ctx context.Context, env Env, args []string) error {
	fs, db := newFlags(env, "import")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("name at least one file or folder to import")
	}
	st, err := openStore(env, *db, false)
	if err != nil {
		return err
	}
	defer st.Close()
	failed := 0
	res, err := corpus.ImportPaths(ctx, st, fs.Args(), func(r corpus.FileResult) {
		switch {
		case errors.Is(r.Err, corpus.ErrCodebookFile):
			failed++
			dbArg := ""
			if *db != "" {
				dbArg = " --db " + *db
			}
			fmt.Fprintf(env.Stderr, "%s: %v; to merge it into the project's codebook, run: glossa codebook%s --import %s\n", r.Path, r.Err, dbArg, r.Path)
		case r.Err != nil:
			failed++
			fmt.Fprintf(env.Stderr, "%s: %v\n", r.Path, r.Err)
		case r.DuplicateOf != 0:
			fmt.Fprintf(env.Stdout, "%s\tduplicate of document %d, skipped\n", r.Path, r.DuplicateOf)
		case r.Pending > 0:
			fmt.Fprintf(env.Stdout, "%s\tdocument %d\t%d annotations\t%d suggestions to review\n", r.Path, r.DocID, r.Annotations, r.Pending)
		default:
			fmt.Fprintf(env.Stdout, "%s\tdocument %d\t%d annotations\n", r.Path, r.DocID, r.Annotations)
		}
	})
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(env.Stderr, "warning: %s\n", w)
	}
	suggestions := ""
	if res.Pending > 0 || res.Rejected > 0 {
		suggestions = fmt.Sprintf(", %d suggestions to review (%d rejected ones remembered)", res.Pending, res.Rejected)
	}
	fmt.Fprintf(env.Stderr, "imported %s, %s%s; %s skipped; %s failed\n",
		annotation.Plural(res.Documents, "document"), annotation.Plural(res.Annotations, "annotation"), suggestions,
		annotation.Plural(res.Duplicates, "duplicate"), annotation.Plural(failed, "file"))
	if failed > 0 {
		return fmt.Errorf("%d of the files could not be imported (see above)", failed)
	}
	return nil
}

func runExport(ctx context.Context, env Env, args []string) error {
	fs, db := newFlags(env, "export")
	format := fs.String("format", "json", "output format")
	out := fs.String("o", "", "output file or folder (default: standard output)")
	offsets := fs.String("offsets", "codepoint", "offset units per span for json/jsonl: codepoint,utf16,byte")
	bom := fs.Bool("excel-bom", false, "csv: start with a UTF-8 byte order mark for Excel")
	lines := fs.Bool("lines", false, "w3c: one annotation per line instead of a collection")
	withSuggestions := fs.Bool("include-suggestions", false, "write pending suggestions too, as annotations with their provenance")
	layer := fs.String("layer", "", "the layer to write: an annotator's `name`, curated, or all (default: the curated layer when it holds annotations, else all)")
	withCard := fs.Bool("with-card", false, "also write a dataset card in Markdown: OUT.card.md beside a file, DATASET.md inside a folder or zip")
	graphLabels := fs.String("labels", "", "graphml, dot: only the claims and mentions of these `labels` (comma-separated)")
	outlets := fs.String("outlets", "", "graphml, dot: only the articles of these `outlets` (comma-separated)")
	from := fs.String("from", "", "graphml, dot: only the articles published on or after this `date` (YYYY-MM-DD)")
	to := fs.String("to", "", "graphml, dot: only the articles published on or before this `date` (YYYY-MM-DD)")
	minCount := fs.Int("min-count", 0, "graphml, dot: only the sources and entities quoted or mentioned at least this many times (0: all)")
	minWeight := fs.Int("min-weight", 0, "graphml, dot: only the edges of at least this weight: claims, or articles together (0: all)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	for _, d := range []string{*from, *to} {
		if _, err := time.Parse(time.DateOnly, d); d != "" && err != nil {
			return usagef("--from and --to take a date as YYYY-MM-DD, not %q", d)
		}
	}
	if !contains(corpus.Formats(), *format) {
		return usagef("unknown format %q; choose one of %s", *format, strings.Join(corpus.Formats(), ", "))
	}
	opts := corpus.ExportOptions{Offsets: strings.Split(*offsets, ","), ExcelBOM: *bom, W3CLines: *lines, IncludeSuggestions: *withSuggestions,
		Layer: exportLayer(*layer), WithCard: *withCard, Graph: corpus.GraphOptions{Labels: splitList(*graphLabels), Outlets: splitList(*outlets),
			From: *from, To: *to, MinCount: *minCount, MinWeight: *minWeight}}
	st, err := openStore(env, *db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	if *out == "" || *out == "-" {
		if corpus.MultiFile(*format) {
			return usagef("the %s format writes several files; give -o FOLDER or -o FILE.zip", *format)
		}
		return corpus.ExportTo(ctx, st, *format, env.Stdout, opts)
	}
	if err := corpus.Export(ctx, st, *format, *out, opts); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "exported to %s\n", *out)
	return nil
}

// splitList is a comma-separated flag's items, trimmed; nil for "".
func splitList(flag string) []string {
	var items []string
	for _, s := range strings.Split(flag, ",") {
		if s = strings.TrimSpace(s); s != "" {
			items = append(items, s)
		}
	}
	return items
}

// exportLayer is the ExportOptions.Layer of glossa export's --layer:
// "curated" the curated layer, "all" every layer, another word an
// annotator's layer.
func exportLayer(flag string) string {
	switch flag {
	case "curated":
		return annotation.CuratedLayer
	case "all":
		return corpus.AllLayers
	}
	return flag
}

func runCheck(_ context.Context, env Env, args []string) error {
	fs, db := newFlags(env, "check")
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := openStore(env, *db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Check(); err != nil {
		return fmt.Errorf("%s has problems:\n%w", st.Path(), err)
	}
	fmt.Fprintf(env.Stdout, "%s: ok\n", st.Path())
	return nil
}

func runBackup(_ context.Context, env Env, args []string) error {
	fs, db := newFlags(env, "backup")
	out := fs.String("o", "", "backup file (default: <file>.<date>.backup beside the project)")
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := openStore(env, *db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	dst := *out
	if dst == "" {
		dst = st.Path() + "." + time.Now().Format("20060102-150405") + ".backup"
	}
	if _, err := os.Stat(dst); err == nil {
		return fmt.Errorf("%s exists already; choose another name with -o", dst)
	}
	if err := st.Backup(dst); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s\n", dst)
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func sortedKeys[K ~string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}
