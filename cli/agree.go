package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"glossa/agreement"
	"glossa/annotation"
	"glossa/internal/durable"
)

func runAgree(_ context.Context, env Env, args []string) error {
	fs, db := newFlags(env, "agree")
	asJSON := fs.Bool("json", false, "print the whole report as JSON")
	table := fs.String("csv", "", "print one table as CSV: "+strings.Join(tableNames(), ", "))
	out := fs.String("o", "", "write to this file instead of standard output")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("agree takes no arguments: the project is --db FILE or the default one")
	}
	if *asJSON && *table != "" {
		return usagef("give --json or --csv, not both")
	}
	var csvTable agreement.Table
	if *table != "" {
		t, ok := agreement.ParseTable(*table)
		if !ok {
			return usagef("there is no table %q; the tables are %s", *table, strings.Join(tableNames(), ", "))
		}
		csvTable = t
	}
	st, err := openStore(env, *db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	labels, err := st.Labels()
	if err != nil {
		return err
	}
	articles, err := agreement.Articles(st.EachBundle, annotation.LayerOf, annotation.CuratedLayer)
	if err != nil {
		return err
	}
	r := agreement.Compute(articles, labels)
	write := func(w io.Writer) error {
		switch {
		case *asJSON:
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(r)
		case csvTable != "":
			return r.WriteCSV(w, csvTable)
		}
		return printAgreement(w, r)
	}
	if *out == "" {
		if len(r.Annotators) < 2 && !*asJSON && csvTable == "" {
			fmt.Fprintf(env.Stderr, "note: agreement needs two annotators' layers of the same articles; this project has %d annotator(s): merge another annotator's file with glossa merge\n", len(r.Annotators))
		}
		return write(env.Stdout)
	}
	return durable.WriteFile(*out, 0o644, write)
}

func tableNames() []string {
	var names []string
	for _, t := range agreement.Tables() {
		names = append(names, string(t))
	}
	return names
}

// printAgreement prints every table of r for a person, aligned.
func printAgreement(w io.Writer, r agreement.Report) error {
	fmt.Fprintf(w, "annotators: %s\n", strings.Join(r.Annotators, ", "))
	for _, t := range agreement.Tables() {
		header, rows, err := r.Rows(t)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\n%s\n", t)
		if len(rows) == 0 {
			fmt.Fprintln(w, "  (none)")
			continue
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "  %s\n", strings.Join(header, "\t"))
		for _, row := range rows {
			fmt.Fprintf(tw, "  %s\n", strings.Join(row, "\t"))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}
