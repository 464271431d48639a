package annotation

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Layers (issue 21) keep the annotators of one project apart: every
// annotation belongs to one layer, named by its annotator, or to the
// curated layer, where a curator copies (and may edit) the versions the
// annotators agree on or the one judged right. A link joins two
// annotations of one layer only, so that each layer is a whole dataset of
// its own; agreement compares layers, and an export writes one layer or
// all of them.

// CuratedLayer is the reserved name of the curated layer. An annotator's
// name never starts with '#' (ValidAnnotatorName), so no person's layer
// takes it.
const CuratedLayer = "#curated"

// LayerOf returns the layer a belongs to: a.Layer, or for an annotation
// from before layers its author, or "" (an unnamed annotator).
func LayerOf(a Annotation) string {
	if a.Layer != "" {
		return a.Layer
	}
	return a.Author
}

// LayerName is how a user reads the name of layer: "the curated layer",
// "no annotator" for "", the name itself otherwise.
func LayerName(layer string) string {
	switch layer {
	case CuratedLayer:
		return "the curated layer"
	case "":
		return "no annotator"
	}
	return layer
}

// LayerPhrase names layer in a sentence: "the curated layer", "the
// unnamed layer" (""), or "the layer \"ana\"".
func LayerPhrase(layer string) string {
	switch layer {
	case CuratedLayer:
		return "the curated layer"
	case "":
		return "the unnamed layer"
	}
	return "the layer " + strconv.Quote(layer)
}

// CountLayers counts anns by layer (LayerOf), as Summary.Layers holds
// them: nil for none.
func CountLayers(anns []Annotation) map[string]int {
	if len(anns) == 0 {
		return nil
	}
	out := map[string]int{}
	for _, a := range anns {
		out[LayerOf(a)]++
	}
	return out
}

// ValidAnnotatorName returns nil when name can name an annotator and his
// layer, and otherwise an error wrapping ErrAnnotatorName that says why:
// empty once white space is trimmed, starting with '#' (the curated layer's
// mark), or holding a control character (a line break or tab would break
// the lists and files that show it).
func ValidAnnotatorName(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return fmt.Errorf("an annotator needs a name: %w", ErrAnnotatorName)
	case strings.HasPrefix(name, "#"):
		return fmt.Errorf("the annotator name %q starts with '#', which marks the curated layer; choose a name without it: %w", name, ErrAnnotatorName)
	case strings.ContainsFunc(name, unicode.IsControl):
		return fmt.Errorf("the annotator name %q holds a control character (a line break or tab); type it on one line: %w", name, ErrAnnotatorName)
	}
	return nil
}

// ValidLayer returns nil for a layer name a store keeps: an annotator's
// name (ValidAnnotatorName) or CuratedLayer.
func ValidLayer(layer string) error {
	if layer == CuratedLayer {
		return nil
	}
	return ValidAnnotatorName(layer)
}

// Version names one annotation as it was, apart from its id: its layer,
// its Fingerprint (label and spans) and a digest of its content. A curated
// annotation lists the versions it was taken from (Provenance.From); a
// version whose layer no longer holds the same fingerprint and digest has
// changed since.
type Version struct {
	Layer       string `json:"layer"`
	Fingerprint string `json:"fingerprint"`
	// Digest is the hex SHA-256 of the annotation's label, spans,
	// attributes, note, entity and links, each link as its type and its
	// target's fingerprint (ids differ between copies of a project).
	Digest string `json:"digest"`
}

// VersionOf returns a's version. byID holds the annotations a's links may
// point to (its document's, or its layer's); a target it lacks is named by
// its id alone.
func VersionOf(a Annotation, byID map[uint64]Annotation) Version {
	spans := slices.Clone(a.Spans)
	SortSpans(spans)
	c := struct {
		Label      string            `json:"label"`
		Spans      [][2]int          `json:"spans"`
		Attributes map[string]string `json:"attributes,omitempty"`
		Note       string            `json:"note,omitempty"`
		Entity     uint64            `json:"entity,omitempty"`
		Links      [][2]string       `json:"links,omitempty"`
	}{Label: a.Label, Attributes: a.Attributes, Note: a.Note, Entity: a.Entity}
	for _, sp := range spans {
		c.Spans = append(c.Spans, [2]int{sp.Start, sp.End})
	}
	for _, l := range a.Links {
		target := "#" + strconv.FormatUint(l.Target, 10)
		if t, ok := byID[l.Target]; ok {
			target = Fingerprint(t.Label, sortedSpans(t.Spans))
		}
		c.Links = append(c.Links, [2]string{string(l.Type), target})
	}
	slices.SortFunc(c.Links, func(x, y [2]string) int {
		return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1]))
	})
	data, _ := json.Marshal(c) // strings, numbers and a map of strings: never fails
	sum := sha256.Sum256(data)
	return Version{Layer: LayerOf(a), Fingerprint: Fingerprint(a.Label, spans), Digest: hex.EncodeToString(sum[:])}
}

// sortedSpans returns spans sorted, copied only when they are not.
func sortedSpans(spans []Span) []Span {
	if slices.IsSortedFunc(spans, func(x, y Span) int { return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(x.End, y.End)) }) {
		return spans
	}
	out := slices.Clone(spans)
	SortSpans(out)
	return out
}

// LayerDigest is the hex SHA-256 of the versions of anns, the annotations
// of one layer of one document, in any order: equal for two sets that
// hold the same annotations whatever their ids.
func LayerDigest(anns []Annotation) string {
	byID := make(map[uint64]Annotation, len(anns))
	for _, a := range anns {
		byID[a.ID] = a
	}
	vs := make([]string, 0, len(anns))
	for _, a := range anns {
		v := VersionOf(a, byID)
		vs = append(vs, v.Fingerprint+"\x00"+v.Digest)
	}
	slices.Sort(vs)
	h := sha256.New()
	for _, v := range vs {
		h.Write([]byte(v))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// SettleLayers gives the annotations of one document that a link joins one
// layer, as a store keeps them: files and projects from before layers link
// annotations of different authors (a claim tagged by hand to an imported
// source without one), which LayerOf would put in different layers. In
// each group of annotations joined by links (either way) whose layers
// differ, the annotations without a Layer of their own get the group's:
// the one Layer set in the group, or else the annotator named most often
// (a name before none; the first in sort order among equals). Annotations
// already in that layer are left as they are. It returns the indices of
// the annotations it changed. Two different Layers set in one group are
// links across layers: an error wrapping ErrCrossLayer, and nothing
// changed.
func SettleLayers(anns []Annotation) ([]int, error) {
	index := make(map[uint64]int, len(anns))
	for i, a := range anns {
		if a.ID != 0 {
			index[a.ID] = i
		}
	}
	parent := make([]int, len(anns))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	crosses := false
	for _, a := range anns {
		for _, l := range a.Links {
			if j, ok := index[l.Target]; ok && LayerOf(anns[j]) != LayerOf(a) {
				crosses = true
			}
		}
	}
	if !crosses {
		return nil, nil
	}
	for i, a := range anns {
		for _, l := range a.Links {
			if j, ok := index[l.Target]; ok {
				parent[find(i)] = find(j)
			}
		}
	}
	groups := map[int][]int{}
	for i := range anns {
		r := find(i)
		groups[r] = append(groups[r], i)
	}
	type change struct {
		i     int
		layer string
	}
	var changes []change
	for _, r := range slices.Sorted(maps.Keys(groups)) {
		g := groups[r]
		names := map[string]int{}
		set := ""
		for _, i := range g {
			names[LayerOf(anns[i])]++
			if l := anns[i].Layer; l != "" && set != l {
				if set != "" {
					return nil, fmt.Errorf("annotations of layers %s and %s are linked: %w", LayerName(set), LayerName(l), ErrCrossLayer)
				}
				set = l
			}
		}
		if len(names) < 2 {
			continue
		}
		layer := set
		if layer == "" {
			best := -1
			for _, n := range slices.Sorted(maps.Keys(names)) {
				if c := names[n]; n != "" && c > best {
					layer, best = n, c
				}
			}
		}
		for _, i := range g {
			if LayerOf(anns[i]) != layer {
				changes = append(changes, change{i, layer})
			}
		}
	}
	out := make([]int, 0, len(changes))
	for _, c := range changes {
		anns[c.i].Layer = c.layer
		out = append(out, c.i)
	}
	slices.Sort(out)
	return out, nil
}

// LayerSource records where the annotations of one layer of one document
// came from: the file merged (its name, without folders), a digest the
// merge computed of what it brought in for that document (so that merging
// the same file again changes nothing), and when.
type LayerSource struct {
	File   string    `json:"file"`
	Digest string    `json:"digest"`
	Merged time.Time `json:"merged"`
	// Edited, as a store reports it: the layer's annotations of that
	// document were made, edited or deleted here since the merge.
	Edited bool `json:"-"`
	// Overwrite, given to a store's ReplaceLayer: replace the layer even
	// when it holds annotations made or edited here (which are lost).
	Overwrite bool `json:"-"`
}

// LayerInfo describes one layer over a whole project.
type LayerInfo struct {
	Name        string
	Curated     bool // Name is CuratedLayer
	Annotations int
	Articles    int // documents holding at least one of its annotations
	// Files lists the files the layer was merged from, by name, sorted;
	// none for a layer made in this project. Merged is the last merge.
	Files  []string
	Merged time.Time
}
