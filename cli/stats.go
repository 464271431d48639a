package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"

	"glossa/annotation"
	"glossa/corpus"
	"glossa/stats"
	"glossa/storage"
)

// statsOutput is what glossa stats --json prints: the file's counts
// (storage.Stats) at the top, the corpus tables (stats.Report) under
// "tables". docs/STATS.md describes every key.
type statsOutput struct {
	File string `json:"file"`
	// Layer is the layer the tables count: an annotator's name, #curated,
	// or #all.
	Layer string `json:"layer"`
	storage.Stats
	Tables stats.Report `json:"tables"`
}

func runStats(_ context.Context, env Env, args []string) error {
	fs, db := newFlags(env, "stats")
	asJSON := fs.Bool("json", false, "print JSON (docs/STATS.md)")
	layer := fs.String("layer", "", "the layer to tabulate: an annotator's `name`, curated, or all (default: the curated layer when it holds annotations, else all)")
	top := fs.Int("top", 10, "rows of the per-article, source and entity tables (0 for all)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *top < 0 {
		return fmt.Errorf("--top %d: give a number of rows, or 0 for all", *top)
	}
	st, err := openStore(env, *db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.Stats()
	if err != nil {
		return err
	}
	labels, err := st.Labels()
	if err != nil {
		return err
	}
	entities, err := st.Entities()
	if err != nil {
		return err
	}
	all, err := st.Layers()
	if err != nil {
		return err
	}
	chosen, err := corpus.ChooseLayer(exportLayer(*layer), all)
	if err != nil {
		return err
	}
	each := stats.Each(st.EachAnnotated) // statistics read no text
	if chosen != corpus.AllLayers {
		each = stats.OnlyLayer(each, chosen)
	}
	r, err := stats.Compute(each, labels, entities)
	if err != nil {
		return err
	}
	r = r.Top(*top)
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(statsOutput{File: st.Path(), Layer: chosen, Stats: s, Tables: r})
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "file\t%s\t(%d bytes)\n", st.Path(), s.FileSize)
	fmt.Fprintf(w, "documents\t%d\n", s.Documents)
	for _, k := range sortedKeys(s.ByStatus) {
		fmt.Fprintf(w, "  %s\t%d\n", k, s.ByStatus[k])
	}
	fmt.Fprintf(w, "annotations\t%d\n", s.Annotations)
	for _, k := range sortedKeys(s.ByLabel) {
		fmt.Fprintf(w, "  %s\t%d\n", k, s.ByLabel[k])
	}
	fmt.Fprintf(w, "layers\t%d\n", len(s.ByLayer))
	layers := sortedKeys(s.ByLayer)
	if i := slices.Index(layers, annotation.CuratedLayer); i >= 0 { // the curated layer last
		layers = append(slices.Delete(layers, i, i+1), annotation.CuratedLayer)
	}
	for _, k := range layers {
		fmt.Fprintf(w, "  %s\t%d\n", annotation.LayerName(k), s.ByLayer[k])
	}
	fmt.Fprintf(w, "links\t%d\n", s.Links)
	fmt.Fprintf(w, "entities\t%d\n", s.Entities)
	fmt.Fprintf(w, "\ntables of\t%s\n", layerTitle(chosen))
	printTables(w, r)
	return w.Flush()
}

// shortTitle cuts a title to 40 characters, so that one long title does
// not push every table's numbers to the right.
func shortTitle(t string) string { return annotation.Shorten(t, 40) }

// layerTitle names the layer the tables count.
func layerTitle(layer string) string {
	if layer == corpus.AllLayers {
		return "every layer"
	}
	return annotation.LayerPhrase(layer)
}

// printTables writes the corpus tables under the counts, one heading a
// table and its rows indented, as the counts are.
func printTables(w io.Writer, r stats.Report) {
	fmt.Fprintf(w, "annotations per article\t(most first)\n")
	for _, a := range r.AnnotationsPerArticle {
		fmt.Fprintf(w, "  %d %s\t%d\n", a.ID, shortTitle(a.Title), a.Annotations)
	}
	fmt.Fprintf(w, "most quoted sources\tclaims\tarticles\n")
	for _, s := range r.TopSources {
		name := s.Name
		if s.Entity == 0 {
			name += " (not in the registry)"
		}
		fmt.Fprintf(w, "  %s\t%d\t%d\n", name, s.Claims, s.Articles)
	}
	fmt.Fprintf(w, "most mentioned entities\tmentions\tarticles\n")
	for _, e := range r.TopEntities {
		fmt.Fprintf(w, "  %s\t%d\t%d\n", e.Name, e.Mentions, e.Articles)
	}
	fmt.Fprintf(w, "claims by source type\n")
	for _, c := range r.ClaimsBySourceType {
		fmt.Fprintf(w, "  %s\t%d\n", c.Name, c.Count)
	}
	fmt.Fprintf(w, "attribute values\n")
	for _, a := range r.Attributes {
		fmt.Fprintf(w, "  %s: %s\n", a.Label, a.Attribute)
		for _, v := range a.Values {
			fmt.Fprintf(w, "    %s\t%d\n", v.Name, v.Count)
		}
	}
	fmt.Fprintf(w, "per day\tannotations\tarticles done\n")
	for _, d := range r.PerDay {
		fmt.Fprintf(w, "  %s\t%d\t%d\n", d.Date, d.Annotations, d.ArticlesDone)
	}
}
