package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"glossa/annotation"
	"glossa/corpus"
	"glossa/storage"
)

// guidelineLines is how many lines of the guidelines `glossa codebook`
// prints.
const guidelineLines = 5

func runCodebook(_ context.Context, env Env, args []string) error {
	fs, db := newFlags(env, "codebook")
	in := fs.String("import", "", "a codebook file (or brat folder) to merge into the project's")
	out := fs.String("export", "", "where to write the codebook (brat: a folder)")
	format := fs.String("format", "", "the codebook format: "+strings.Join(corpus.CodebookFormats(), ", "))
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if *format != "" && !contains(corpus.CodebookFormats(), *format) {
		return usagef("unknown codebook format %q; choose one of %s", *format, strings.Join(corpus.CodebookFormats(), ", "))
	}
	switch {
	case *in != "" && *out != "":
		return usagef("--import and --export are two commands; give one")
	case *in != "":
		return importCodebook(env, *db, *in, *format)
	case *out != "":
		if *format == "" {
			return usagef("name the format of the codebook to write: --format %s", strings.Join(corpus.CodebookFormats(), "|"))
		}
		return exportCodebook(env, *db, *out, *format)
	case *format != "":
		return usagef("--format goes with --import or --export")
	}
	st, ls, err := openCodebook(env, *db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	use, err := st.CodebookUse()
	if err != nil {
		return err
	}
	return writeCodebook(env.Stdout, ls, use)
}

// openCodebook opens the project and reads its codebook; the caller
// closes the store.
func openCodebook(env Env, db string, readOnly bool) (*storage.Store, annotation.LabelSet, error) {
	st, err := openStore(env, db, readOnly)
	if err != nil {
		return nil, annotation.LabelSet{}, err
	}
	ls, err := st.Labels()
	if err != nil {
		st.Close()
		return nil, annotation.LabelSet{}, err
	}
	return st, ls, nil
}

// importCodebook merges the codebook file at path into the project's,
// one durable codebook edit at a time, after checking on the codebook in
// memory that every edit applies: a merge only adds, so it is refused
// whole, before any change, if one would not.
func importCodebook(env Env, db, path, format string) error {
	more, format, warn, err := corpus.ReadCodebook(path, format)
	if err != nil {
		return err
	}
	for _, w := range warn {
		fmt.Fprintf(env.Stderr, "warning: %s\n", w)
	}
	st, have, err := openCodebook(env, db, false)
	if err != nil {
		return err
	}
	defer st.Close()
	edits, notes := have.MergeEdits(more)
	check := have
	for _, e := range edits {
		if check, err = e.Apply(check); err != nil {
			return fmt.Errorf("the codebook of %s cannot be merged into the project's (%s: %v); nothing was changed", path, e.Sentence(), err)
		}
	}
	for i, e := range edits {
		if _, err := st.EditCodebook(e); err != nil {
			return fmt.Errorf("%s: %v; the %d changes before it are saved, the %d after it are not made", e.Sentence(), err, i, len(edits)-i-1)
		}
		fmt.Fprintln(env.Stdout, e.Sentence())
	}
	for _, n := range notes {
		fmt.Fprintf(env.Stdout, "not taken: %s\n", n)
	}
	if len(edits) == 0 {
		fmt.Fprintf(env.Stderr, "the project's codebook has everything the %s codebook %s defines; nothing changed\n", format, path)
		return nil
	}
	fmt.Fprintf(env.Stderr, "merged the %s codebook %s: %s\n", format, path, annotation.Plural(len(edits), "change"))
	return nil
}

// exportCodebook writes the project's codebook to out in format.
func exportCodebook(env Env, db, out, format string) error {
	st, ls, err := openCodebook(env, db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	warn, err := corpus.ExportCodebook(ls, format, out, st.Path())
	if err != nil {
		return err
	}
	for _, w := range warn {
		fmt.Fprintf(env.Stderr, "warning: %s\n", w)
	}
	fmt.Fprintf(env.Stderr, "wrote the codebook (%s) to %s\n", format, out)
	return nil
}

// writeCodebook prints the codebook ls: each label with its key, kind,
// colour, use, description and attributes; each relation type with the
// kinds it joins, its colour, use and description; the reporting verbs the
// project adds to the suggester's; the first lines of the guidelines.
func writeCodebook(out io.Writer, ls annotation.LabelSet, use annotation.CodebookUse) error {
	// Each part is a table, then the details of each row: a line of its
	// own would break the table's columns.
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "labels (%d)\n", len(ls.Labels))
	if len(ls.Labels) > 0 {
		fmt.Fprintln(w, "  key\tname\tkind\tcolour\tused by")
	}
	for _, l := range ls.Labels {
		fmt.Fprintf(w, "  %s\t%s\t%s\t%s\t%s\n", orDash(l.Key), l.Name, l.Kind, l.Color, uses(use.Labels[l.Name], "annotation"))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	for _, l := range ls.Labels {
		if l.Description == "" && len(l.Attributes) == 0 {
			continue
		}
		fmt.Fprintf(out, "  %s: %s\n", l.Name, orDash(oneLine(l.Description)))
		for _, a := range l.Attributes {
			vals := "free text"
			if len(a.Values) > 0 {
				vals = "one of " + strings.Join(a.Values, " | ")
			}
			if a.Default != "" {
				vals += fmt.Sprintf(" (default %s)", a.Default)
			}
			fmt.Fprintf(out, "    attribute %s: %s; set on %d\n", a.Name, vals, use.AttributeUses(l.Name, a.Name))
		}
	}
	rels := ls.RelationTypes()
	fmt.Fprintf(w, "relation types (%d)\n", len(rels))
	if len(rels) > 0 {
		fmt.Fprintln(w, "  name\tfrom -> to\tcolour\tused by")
	}
	for _, r := range rels {
		fmt.Fprintf(w, "  %s\t%s -> %s\t%s\t%s\n", r.Name, kindList(r.From), kindList(r.To), orDash(r.Color), uses(use.Relations[r.Name], "link"))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	for _, r := range rels {
		if r.Description != "" {
			fmt.Fprintf(out, "  %s: %s\n", r.Name, oneLine(r.Description))
		}
	}
	if len(ls.Verbs) == 0 {
		fmt.Fprintln(out, "reporting verbs: none of the project's own (the suggester's built-in ones only)")
	} else {
		fmt.Fprintf(out, "reporting verbs (%d): %s\n", len(ls.Verbs), strings.Join(ls.Verbs, ", "))
	}
	g := strings.TrimSpace(ls.Guidelines)
	if g == "" {
		_, err := fmt.Fprintln(out, "guidelines: none")
		return err
	}
	lines := strings.Split(g, "\n")
	fmt.Fprintf(out, "guidelines (%d lines)\n", len(lines))
	for _, l := range lines[:min(len(lines), guidelineLines)] {
		fmt.Fprintf(out, "  %s\n", l)
	}
	if len(lines) > guidelineLines {
		fmt.Fprintf(out, "  ... %d more lines\n", len(lines)-guidelineLines)
	}
	return nil
}

// orDash is s, or "-" for nothing.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// uses says how many annotations (or links) in how many documents.
func uses(u annotation.Use, what string) string {
	if u.Count == 0 {
		return "unused"
	}
	return fmt.Sprintf("%s in %s", annotation.Plural(u.Count, what), annotation.Plural(u.Documents, "document"))
}

func kindList(ks []annotation.Kind) string {
	if len(ks) == 0 {
		return "any"
	}
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, "|")
}

// oneLine joins the lines of s with spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
