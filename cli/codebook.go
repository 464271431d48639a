package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"glossa/annotation"
)

// guidelineLines is how many lines of the guidelines `glossa codebook`
// prints.
const guidelineLines = 5

func runCodebook(_ context.Context, env Env, args []string) error {
	fs, db := newFlags(env, "codebook")
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := openStore(env, *db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	ls, err := st.Labels()
	if err != nil {
		return err
	}
	use, err := st.CodebookUse()
	if err != nil {
		return err
	}
	return writeCodebook(env.Stdout, ls, use)
}

// writeCodebook prints the codebook ls: each label with its key, kind,
// colour, use, description and attributes; each relation type with the
// kinds it joins, its colour, use and description; the first lines of the
// guidelines.
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
	return fmt.Sprintf("%d %s%s in %d document%s", u.Count, what, plural(u.Count), u.Documents, plural(u.Documents))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
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
