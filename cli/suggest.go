package cli

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"glossa/annotation"
	"glossa/storage"
	"glossa/suggest"
)

// docIDs is the value of --doc: ids given one a flag, or several split by
// commas.
type docIDs []uint64

func (d *docIDs) String() string { return fmt.Sprint([]uint64(*d)) }

func (d *docIDs) Set(s string) error {
	for _, f := range strings.Split(s, ",") {
		id, err := strconv.ParseUint(strings.TrimSpace(f), 10, 64)
		if err != nil || id == 0 {
			return fmt.Errorf("%q is not an article id (a whole number, as glossa import prints it)", f)
		}
		*d = append(*d, id)
	}
	return nil
}

// suggested is what the suggester made of one article.
type suggested struct {
	doc     annotation.Summary
	pending []annotation.Annotation
	err     error
}

// suggestCounts counts what was stored, by kind, and how many suggestions
// the store left out because they had been rejected before.
type suggestCounts struct {
	claims, sources, cues, entities, rejected int
}

// fields says the counts in words: "3 claims", …, "1 rejected before".
func (c suggestCounts) fields() []string {
	entities := fmt.Sprintf("%d entities", c.entities)
	if c.entities == 1 {
		entities = "1 entity"
	}
	return []string{
		annotation.Plural(c.claims, "claim"),
		annotation.Plural(c.sources, "source"),
		annotation.Plural(c.cues, "cue"),
		entities,
		fmt.Sprintf("%d rejected before", c.rejected),
	}
}

func (c *suggestCounts) add(o suggestCounts) {
	c.claims += o.claims
	c.sources += o.sources
	c.cues += o.cues
	c.entities += o.entities
	c.rejected += o.rejected
}

func runSuggest(ctx context.Context, env Env, args []string) error {
	fs, db := newFlags(env, "suggest")
	all := fs.Bool("all", false, "every article (the default when no --doc is given)")
	var ids docIDs
	fs.Var(&ids, "doc", "an article's id; repeat it, or give several ids after it")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 && len(ids) == 0 {
		return usagef("unexpected argument %q; name articles with --doc ID", fs.Arg(0))
	}
	for _, a := range fs.Args() {
		if err := ids.Set(a); err != nil {
			return usagef("%v", err)
		}
	}
	if *all && len(ids) > 0 {
		return usagef("give --all or --doc, not both")
	}
	st, err := openStore(env, *db, false)
	if err != nil {
		return err
	}
	defer st.Close()
	labels, err := st.Labels()
	if err != nil {
		return err
	}
	entities, err := st.Entities()
	if err != nil {
		return err
	}
	summaries, err := st.Documents()
	if err != nil {
		return err
	}
	docs, err := pickDocuments(summaries, ids, st.Path())
	if err != nil {
		return err
	}
	opts := suggest.OptionsFor(labels, entities)
	for _, k := range missingKinds(labels) {
		fmt.Fprintf(env.Stderr, "note: the codebook has no label of kind %s, so no %ss are suggested; add one in the window (Project > Codebook…) or merge a codebook file that has one (glossa codebook --import FILE) to have them\n", k, k)
	}

	var total suggestCounts
	done, failed := 0, 0
	for r := range suggestAll(ctx, st, docs, opts, labels) {
		if r.err == nil {
			var stored []annotation.Annotation
			stored, r.err = st.SetSuggestions(r.doc.ID, r.pending, suggest.Stamp(labels))
			if r.err == nil {
				c := countKinds(stored, labels)
				c.rejected = len(r.pending) - len(stored)
				total.add(c)
				done++
				fmt.Fprintf(env.Stdout, "%d\t%s\t%s\n", r.doc.ID, oneLine(r.doc.Title), strings.Join(c.fields(), "\t"))
				continue
			}
		}
		failed++
		fmt.Fprintf(env.Stderr, "article %d (%s): %v\n", r.doc.ID, oneLine(r.doc.Title), r.err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("suggest cancelled after %d articles; those are stored: %w", done, err)
	}
	fmt.Fprintf(env.Stderr, "suggestions stored for %s: %s\n", annotation.Plural(done, "article"), strings.Join(total.fields(), ", "))
	if failed > 0 {
		return fmt.Errorf("%d of the articles could not be given suggestions (see above)", failed)
	}
	return nil
}

// pickDocuments returns the summaries of ids, in the order given without
// repeats, or all of them when ids is empty. An id the project lacks is an
// error that says which ids it has.
func pickDocuments(summaries []annotation.Summary, ids []uint64, path string) ([]annotation.Summary, error) {
	if len(ids) == 0 {
		return summaries, nil
	}
	var out []annotation.Summary
	for _, id := range ids {
		i := slices.IndexFunc(summaries, func(s annotation.Summary) bool { return s.ID == id })
		if i < 0 {
			if len(summaries) == 0 {
				return nil, fmt.Errorf("there is no article %d in %s: the project has no articles yet; import some first", id, path)
			}
			lo, hi := summaries[0].ID, summaries[0].ID
			for _, s := range summaries {
				lo, hi = min(lo, s.ID), max(hi, s.ID)
			}
			return nil, fmt.Errorf("there is no article %d in %s (its %d articles have ids from %d to %d); check the id", id, path, len(summaries), lo, hi)
		}
		if !slices.ContainsFunc(out, func(s annotation.Summary) bool { return s.ID == id }) {
			out = append(out, summaries[i])
		}
	}
	return out, nil
}

// missingKinds names the kinds of suggestion the codebook has no label
// for.
func missingKinds(labels annotation.LabelSet) []annotation.Kind {
	var out []annotation.Kind
	for _, k := range []annotation.Kind{annotation.KindClaim, annotation.KindSource, annotation.KindCue} {
		if len(labels.OfKind(k)) == 0 {
			out = append(out, k)
		}
	}
	return out
}

// suggestAll computes the pending suggestions of docs on one worker per
// core and returns them in the order of docs, as they are ready: the
// caller stores them, one article at a time, while the workers go on.
// At most a few results per worker wait for the caller.
func suggestAll(ctx context.Context, st *storage.Store, docs []annotation.Summary, opts suggest.Options, labels annotation.LabelSet) <-chan suggested {
	workers := max(1, runtime.GOMAXPROCS(0))
	type job struct {
		doc annotation.Summary
		out chan<- suggested
	}
	jobs := make(chan job)
	queue := make(chan chan suggested, 2*workers)
	results := make(chan suggested)
	go func() { // hand out the articles, queueing their results in order
		defer close(queue)
		defer close(jobs)
		for _, d := range docs {
			out := make(chan suggested, 1)
			select {
			case queue <- out:
			case <-ctx.Done():
				return
			}
			jobs <- job{d, out}
		}
	}()
	for range workers {
		go func() {
			for j := range jobs {
				j.out <- suggestOne(st, j.doc, opts, labels)
			}
		}()
	}
	go func() { // pass the results on in order
		defer close(results)
		for out := range queue {
			r := <-out
			select {
			case results <- r:
			case <-ctx.Done():
				return
			}
		}
	}()
	return results
}

// suggestOne reads one article and its annotations and returns its
// pending suggestions.
func suggestOne(st *storage.Store, doc annotation.Summary, opts suggest.Options, labels annotation.LabelSet) suggested {
	d, err := st.Document(doc.ID)
	if err != nil {
		return suggested{doc: doc, err: err}
	}
	anns, err := st.Annotations(doc.ID)
	if err != nil {
		return suggested{doc: doc, err: err}
	}
	return suggested{doc: doc, pending: suggest.Pending(doc.ID, suggest.Text(d.Text, opts), anns, labels)}
}

// countKinds counts anns by the kind of their label.
func countKinds(anns []annotation.Annotation, labels annotation.LabelSet) suggestCounts {
	var c suggestCounts
	for _, a := range anns {
		l, _ := labels.Find(a.Label)
		switch l.Kind {
		case annotation.KindClaim:
			c.claims++
		case annotation.KindSource:
			c.sources++
		case annotation.KindCue:
			c.cues++
		case annotation.KindEntity:
			c.entities++
		}
	}
	return c
}
