package bench

import (
	"bufio"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"

	"glossa/annotation"
	"glossa/formats/dataset"
	"glossa/formats/glossajson"
	"glossa/storage"
)

// WriteTexts writes the texts of c's documents as .txt files into dir,
// named article-00001.txt and so on, and returns their paths in order.
func WriteTexts(dir string, c Config) ([]string, error) {
	var paths []string
	err := c.Each(func(b annotation.Bundle) error {
		p := filepath.Join(dir, b.Document.Origin)
		paths = append(paths, p)
		return os.WriteFile(p, []byte(b.Document.Text), 0o644)
	})
	return paths, err
}

// WriteDataset writes c as a Glossa JSON dataset (glossajson.Encoder) with the
// default label set.
func WriteDataset(w io.Writer, c Config) error {
	e := glossajson.NewEncoder(w, glossajson.Object, dataset.ExportOptions{})
	if err := e.Begin(dataset.Header{Project: "bench", Labels: annotation.DefaultLabelSet()}); err != nil {
		return err
	}
	if err := c.Each(e.Bundle); err != nil {
		return err
	}
	return e.End()
}

// WriteDatasetFile writes c as a Glossa JSON dataset to path.
func WriteDatasetFile(path string, c Config) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	err = WriteDataset(bw, c)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// BuildProject creates a project at path holding c, in batches of 200
// documents (one transaction each), keeping the generated ids. The path
// must not exist.
func BuildProject(path string, c Config) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists already", path)
	}
	st, err := storage.Open(path, storage.Options{})
	if err != nil {
		return err
	}
	var batch []annotation.Bundle
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		_, err := st.ImportBundles(batch, storage.ImportOptions{KeepIDs: true})
		batch = batch[:0]
		return err
	}
	err = c.Each(func(b annotation.Bundle) error {
		batch = append(batch, b)
		if len(batch) == 200 {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return err
}

// LargeArticle returns the 1 MB article of the whole-process and edit
// figures (seeded, the same on every run).
func LargeArticle() string { return Article(1<<20, 1<<20) }

// LargeNewsArticle is the 1 MB article written news-style (NewsArticle),
// for the suggester's figures.
func LargeNewsArticle() string { return NewsArticle(1<<20, 1<<20) }

// LargeBundle is LargeArticle as document 1 with n annotations (ids 1..n),
// as the article view's benchmarks use 3,000.
func LargeBundle(n int) annotation.Bundle { return largeBundle(LargeArticle(), n) }

// LargeNewsBundle is LargeBundle with LargeNewsArticle's text.
func LargeNewsBundle(n int) annotation.Bundle { return largeBundle(LargeNewsArticle(), n) }

func largeBundle(text string, n int) annotation.Bundle {
	d := annotation.Document{
		ID: 1, Title: "A 1 MB article", Outlet: outlets[0], Language: "en",
		Status: annotation.StatusInProgress, Origin: "large.txt",
		Created: Epoch, Modified: Epoch, SHA256: annotation.TextSHA256(text), Text: text,
	}
	rng := rand.New(rand.NewSource(1 << 20))
	return annotation.Bundle{Document: d, Annotations: annotationsFor(rng, text, n, 1, 1, annotation.DefaultLabelSet().Labels, Epoch)}
}
