package eval

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"glossa/annotation"
	"glossa/formats/brat"
)

// ErrNoArticles: a gold folder without any .txt file.
var ErrNoArticles = errors.New("no .txt files: not a gold folder of brat standoff")

// Gold is a gold standard read from a brat folder.
type Gold struct {
	Articles []Article // in path order
	Labels   annotation.LabelSet
	// Warnings are what the brat reader could not keep ("file:line:
	// problem"): annotations dropped are missing from the gold.
	Warnings []string
}

// Article is one gold article: its text (normalised as Glossa stores
// texts: no byte order mark, LF line ends) and its annotations.
type Article struct {
	Name        string // the .txt's path in the folder, without .txt
	Text        string
	SHA256      string // annotation.TextSHA256(Text), what a project knows it by
	Annotations []annotation.Annotation
}

// Attributions counts a's contents: the annotations of kind claim under
// labels.
func (a Article) Attributions(labels annotation.LabelSet) (all, direct int) {
	text := []rune(a.Text)
	for i, k := range a.kinds(labels) {
		if k == annotation.KindClaim {
			all++
			if Direct(text, a.Annotations[i].Spans) {
				direct++
			}
		}
	}
	return all, direct
}

// ReadGold reads every X.txt under fsys, at any depth, with X.ann beside
// it when there is one (through brat.Read, which also reads the nearest
// annotation.conf); name (the folder) prefixes file names in messages. It
// returns ErrNoArticles when there is no .txt.
func ReadGold(fsys fs.FS, name string) (Gold, error) {
	var txts []string
	anns := map[string]bool{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		switch {
		case strings.HasSuffix(p, ".txt"):
			txts = append(txts, strings.TrimSuffix(p, ".txt"))
		case strings.HasSuffix(p, ".ann"):
			anns[strings.TrimSuffix(p, ".ann")] = true
		}
		return nil
	})
	if err != nil {
		return Gold{}, fmt.Errorf("%s: %w", name, err)
	}
	if len(txts) == 0 {
		return Gold{}, fmt.Errorf("%s: %w", name, ErrNoArticles)
	}
	slices.Sort(txts)
	var g Gold
	read := map[string]annotation.Bundle{}
	if len(anns) > 0 {
		ds, rep, err := brat.Read(fsys, name)
		if err != nil {
			return Gold{}, err
		}
		g.Labels, g.Warnings = ds.Labels, rep.Warnings
		for _, b := range ds.Bundles {
			read[b.Document.Origin] = b
		}
	}
	for _, stem := range txts {
		a := Article{Name: stem}
		if b, ok := read[path.Join(name, stem+".txt")]; ok {
			a.Text, a.Annotations = b.Document.Text, b.Annotations
		} else {
			if anns[stem] {
				return Gold{}, fmt.Errorf("%s: the brat reader returned no document for it", path.Join(name, stem+".ann"))
			}
			raw, err := fs.ReadFile(fsys, stem+".txt")
			if err != nil {
				return Gold{}, fmt.Errorf("%s: %w", path.Join(name, stem+".txt"), err)
			}
			if a.Text, err = annotation.NormalizeText(string(raw)); err != nil {
				return Gold{}, fmt.Errorf("%s: %w", path.Join(name, stem+".txt"), err)
			}
		}
		a.SHA256 = annotation.TextSHA256(a.Text)
		g.Articles = append(g.Articles, a)
	}
	return g, nil
}
