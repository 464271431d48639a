// Command genarticle writes the benchmark's 1 MB article as a Glossa JSON
// dataset (one document with its annotations), or as plain text, for
// scripts/bench-process.sh to import with `glossa import`. With -news the
// article is news-style (bench.NewsArticle: about half its sentences
// attributions, for the suggester) instead of the default prose.
//
//	go run ./internal/bench/cmd/genarticle -o large.json [-annotations 3000] [-news]
//	go run ./internal/bench/cmd/genarticle -o large.txt [-news]
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"glossa/annotation"
	"glossa/formats/dataset"
	"glossa/formats/glossajson"
	"glossa/internal/bench"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "genarticle: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	out := flag.String("o", "", "output file: .json for a dataset, .txt for the text alone")
	n := flag.Int("annotations", 3000, "annotations on the article (dataset only)")
	news := flag.Bool("news", false, "a news-style article, rich in quotes and attributions")
	flag.Parse()
	if *out == "" {
		return fmt.Errorf("give an output file with -o")
	}
	b := bench.LargeBundle(*n)
	if *news {
		b = bench.LargeNewsBundle(*n)
	}
	if strings.HasSuffix(*out, ".txt") {
		return os.WriteFile(*out, []byte(b.Document.Text), 0o644)
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	e := glossajson.NewEncoder(f, glossajson.Object, dataset.ExportOptions{})
	err = e.Begin(dataset.Header{Project: "bench", Labels: annotation.DefaultLabelSet()})
	if err == nil {
		err = e.Bundle(b)
	}
	if err == nil {
		err = e.End()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
