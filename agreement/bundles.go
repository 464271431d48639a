package agreement

import "glossa/annotation"

// Articles reads a project's articles, one bundle at a time from each (a
// store's EachBundle: it may reuse a bundle's slices between calls), into
// what Compute takes: each article's length and its annotations grouped by
// annotator, the layer named by layerOf. Annotations layerOf puts in the
// layer skip names (the curated layer: not an annotator) are left out, and
// so are articles no annotator annotated.
func Articles(each func(fn func(annotation.Bundle) error) error, layerOf func(annotation.Annotation) string, skip string) ([]Article, error) {
	var out []Article
	err := each(func(b annotation.Bundle) error {
		layers := map[string][]annotation.Annotation{}
		for _, a := range b.Annotations {
			l := layerOf(a)
			if l == skip && skip != "" {
				continue
			}
			layers[l] = append(layers[l], a.Clone())
		}
		if len(layers) == 0 {
			return nil
		}
		out = append(out, Article{ID: b.Document.ID, Title: b.Document.Title, Length: annotation.Len(b.Document.Text), Layers: layers})
		return nil
	})
	return out, err
}
