package cli

import (
	"context"
	"errors"
	"fmt"

	"glossa/annotation"
	"glossa/corpus"
)

// runMerge merges annotators' files into the project as their layers
// (corpus.Merge), one file after the other: for each, a line per layer of
// an article, the changes to the codebook and the registry, the
// conflicts, then a total; what the files' readers could not keep and
// what failed go to standard error.
func runMerge(ctx context.Context, env Env, args []string) error {
	fs, db := newFlags(env, "merge")
	as := fs.String("as", "", "the annotator of the annotations that name none (default: the file's name)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("name at least one annotator's file to merge")
	}
	if *as != "" {
		if err := annotation.ValidAnnotatorName(*as); err != nil {
			return usagef("--as: %v", err)
		}
	}
	st, err := openStore(env, *db, false)
	if err != nil {
		return err
	}
	defer st.Close()
	failed := 0
	for _, path := range fs.Args() {
		rep, err := corpus.Merge(ctx, st, path, corpus.MergeOptions{As: *as})
		for _, l := range rep.Lines {
			fmt.Fprintln(env.Stdout, l)
		}
		for _, c := range rep.Changes {
			fmt.Fprintf(env.Stdout, "added: %s\n", c)
		}
		for _, c := range rep.Conflicts {
			fmt.Fprintf(env.Stdout, "conflict: %s\n", c)
		}
		for _, w := range rep.Warnings {
			fmt.Fprintf(env.Stderr, "warning: %s\n", w)
		}
		for _, f := range rep.Failed {
			fmt.Fprintf(env.Stderr, "failed: %s\n", f)
		}
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return err
			}
			failed++
			fmt.Fprintf(env.Stderr, "%s: %v\n", path, err)
			continue
		}
		if len(rep.Failed) > 0 {
			failed++
		}
		fmt.Fprintln(env.Stdout, rep.Total())
	}
	if failed > 0 {
		return fmt.Errorf("%d of the files could not be merged whole (see above); what was merged is saved, and merging them again adds only what is missing", failed)
	}
	return nil
}
