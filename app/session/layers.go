package session

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"

	"glossa/annotation"
)

// Layers (issue 21): the session shows one layer of the open document, or
// all of them, and edits one. The annotator (SetAnnotator) edits his own
// layer from his own view and from the view of all layers, and the curated
// layer from its view; another annotator's layer is read-only
// (annotation.ErrReadOnlyLayer), but Curate copies its annotations into the
// curated layer. The unnamed layer (annotations that name no annotator:
// imported from files that do not say) is nobody's, and is edited from any
// view that edits the annotator's own layer.

// LayerStore keeps a project's annotator layers.
type LayerStore interface {
	// Layers lists the project's layers with their counts.
	Layers() ([]annotation.LayerInfo, error)
	// ReplaceLayer makes anns the annotations of layer in document docID,
	// in one transaction, recording source (a merge of another
	// annotator's file); a layer edited here since is refused
	// (annotation.ErrLayerEdited) unless source.Overwrite.
	ReplaceLayer(docID uint64, layer string, anns []annotation.Annotation, source annotation.LayerSource) ([]annotation.Annotation, error)
	// LayerSource returns the record of the last merge of layer into
	// document docID; found is false when it was never merged.
	LayerSource(docID uint64, layer string) (src annotation.LayerSource, found bool, err error)
}

// ViewKind is what a LayerView shows.
type ViewKind int

// The kinds of view. The zero LayerView shows every layer.
const (
	ViewAll       ViewKind = iota // every layer
	ViewAnnotator                 // one annotator's layer, LayerView.Annotator
	ViewCurated                   // the curated layer
)

// LayerView says which layer of the open document the session shows.
type LayerView struct {
	Kind      ViewKind
	Annotator string // ViewAnnotator: whose layer ("" the unnamed layer)
}

// Layer is the layer v shows, "" with all false for every layer.
func (v LayerView) Layer() (layer string, one bool) {
	switch v.Kind {
	case ViewAnnotator:
		return v.Annotator, true
	case ViewCurated:
		return annotation.CuratedLayer, true
	}
	return "", false
}

// shows reports whether v shows a.
func (v LayerView) shows(a annotation.Annotation) bool {
	layer, one := v.Layer()
	return !one || annotation.LayerOf(a) == layer
}

// readOnly reports whether the view shows another annotator's layer,
// where nothing is edited and no suggestion reviewed.
func (s *Session) readOnly() bool {
	return s.view.Kind == ViewAnnotator && s.view.Annotator != s.annotator
}

// SetAnnotator names the person editing: his layer is the one new
// annotations go to outside the curated view. A name that cannot name an
// annotator (annotation.ValidAnnotatorName) is refused, and the name
// before stays.
func (s *Session) SetAnnotator(name string) error {
	if err := annotation.ValidAnnotatorName(name); err != nil {
		return err
	}
	s.annotator = name
	return nil
}

// Annotator returns the name SetAnnotator set, "" before.
func (s *Session) Annotator() string { return s.annotator }

// View returns the layer view.
func (s *Session) View() LayerView { return s.view }

// SetView shows v: Annotations returns the open document's annotations of
// v's layer (every one for ViewAll); a selection v hides is dropped.
func (s *Session) SetView(v LayerView) {
	s.view = v
	s.shown = nil
	s.Select(s.selected)
}

// Layers lists the project's layers with their counts (Store.Layers).
func (s *Session) Layers() ([]annotation.LayerInfo, error) { return s.st.Layers() }

// EditLayer returns the layer the view edits: the curated layer in its
// view, the annotator's own layer in his view and in the view of all
// layers. Another annotator's view is read-only (an error wrapping
// annotation.ErrReadOnlyLayer), as is every view before SetAnnotator.
func (s *Session) EditLayer() (string, error) {
	if s.view.Kind == ViewCurated {
		return annotation.CuratedLayer, nil
	}
	if s.annotator == "" {
		return "", fmt.Errorf("no annotator name is set; enter yours in Settings to annotate: %w", annotation.ErrReadOnlyLayer)
	}
	if s.view.Kind == ViewAnnotator && s.view.Annotator != s.annotator {
		return "", fmt.Errorf("%s is shown, which only its annotator edits; show your own layer, all layers or the curated layer to annotate: %w",
			annotation.LayerPhrase(s.view.Annotator), annotation.ErrReadOnlyLayer)
	}
	return s.annotator, nil
}

// Editable reports whether the view edits a: an annotation of the layer it
// edits (EditLayer), or of the unnamed layer from a view that edits the
// annotator's own.
func (s *Session) Editable(a annotation.Annotation) bool {
	return s.editable(a) == nil
}

func (s *Session) editable(a annotation.Annotation) error {
	edit, err := s.EditLayer()
	if err != nil {
		return err
	}
	layer := annotation.LayerOf(a)
	if layer == edit || (layer == "" && edit != annotation.CuratedLayer) {
		return nil
	}
	return fmt.Errorf("annotation %d belongs to %s, which only its annotator edits; curate it to copy it into the curated layer: %w",
		a.ID, annotation.LayerPhrase(layer), annotation.ErrReadOnlyLayer)
}

// checkEdit refuses put and del unless the view edits each annotation
// they change (Editable), and gives each new annotation of put without a
// Layer the layer the view edits. It returns put, copied where it gave a
// layer.
func (s *Session) checkEdit(put []annotation.Annotation, del []uint64) ([]annotation.Annotation, error) {
	edit, err := s.EditLayer()
	if err != nil {
		return nil, err
	}
	out, copied := put, false
	for i, a := range put {
		if old := s.Annotation(a.ID); old != nil {
			if err := s.editable(*old); err != nil {
				return nil, err
			}
			continue
		}
		if a.Layer == "" {
			if !copied {
				out, copied = slices.Clone(put), true
			}
			out[i].Layer = edit
			continue
		}
		if err := s.editable(a); err != nil {
			return nil, err
		}
	}
	for _, id := range del {
		if old := s.Annotation(id); old != nil {
			if err := s.editable(*old); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// Curate copies the open document's annotations ids, of any annotator's
// layer, into the curated layer as one undoable step: each becomes a
// curated annotation with its label, spans, attributes, note and entity,
// Provenance origin curated and From its version (annotation.VersionOf),
// and the annotator as its author. Annotations of several layers that are
// the same (one fingerprint and digest) become one, From listing each
// version; one whose copy the curated layer holds already adds its version
// to that copy's From instead. A link follows when its target is copied
// too or has a copy already; others are left out (links join annotations
// of one layer). Nothing to copy is no step.
func (s *Session) Curate(ids []uint64) (Step, error) {
	if s.doc.ID == 0 {
		return Step{}, errors.New("no article is open")
	}
	byID := make(map[uint64]annotation.Annotation, len(s.anns))
	for _, a := range s.anns {
		byID[a.ID] = a
	}
	// The curated layer's annotations by the content of what they copy.
	type key struct{ fingerprint, digest string }
	copyOf := map[key]annotation.Annotation{}
	for _, a := range s.anns {
		if annotation.LayerOf(a) == annotation.CuratedLayer {
			v := annotation.VersionOf(a, byID)
			copyOf[key{v.Fingerprint, v.Digest}] = a
		}
	}
	var order []key
	groups := map[key][]annotation.Annotation{}
	for _, id := range ids {
		a, ok := byID[id]
		if !ok {
			return Step{}, fmt.Errorf("annotation %d is not in article %d: %w", id, s.doc.ID, annotation.ErrNotFound)
		}
		if annotation.LayerOf(a) == annotation.CuratedLayer {
			continue
		}
		v := annotation.VersionOf(a, byID)
		k := key{v.Fingerprint, v.Digest}
		if _, seen := groups[k]; !seen {
			order = append(order, k)
		}
		if !slices.ContainsFunc(groups[k], func(b annotation.Annotation) bool { return b.ID == a.ID }) {
			groups[k] = append(groups[k], a)
		}
	}
	var put []annotation.Annotation       // new copies (ID 0), and copies with versions added
	var made []int                        // the index in put of each new copy
	var sources [][]annotation.Annotation // the annotations each new copy copies
	for _, k := range order {
		g := groups[k]
		versions := make([]annotation.Version, 0, len(g))
		for _, a := range g {
			versions = append(versions, annotation.VersionOf(a, byID))
		}
		slices.SortFunc(versions, func(x, y annotation.Version) int { return cmp.Compare(x.Layer, y.Layer) })
		if c, ok := copyOf[k]; ok {
			c = c.Clone()
			n := len(c.Provenance.From)
			for _, v := range versions {
				if !slices.Contains(c.Provenance.From, v) {
					c.Provenance.From = append(c.Provenance.From, v)
				}
			}
			if len(c.Provenance.From) > n {
				put = append(put, c)
			}
			continue
		}
		a := g[0].Clone()
		a.ID, a.Links, a.Created, a.Modified = 0, nil, time.Time{}, time.Time{}
		a.Layer, a.Author = annotation.CuratedLayer, s.annotator
		a.Provenance = annotation.Provenance{Origin: annotation.OriginCurated, From: versions}
		made = append(made, len(put))
		put = append(put, a)
		sources = append(sources, g)
	}
	if len(put) == 0 {
		return Step{}, nil
	}
	desc := "curate " + groups[order[0]][0].Label
	if n := len(order); n > 1 {
		desc = fmt.Sprintf("curate %d annotations", n)
	}
	st, err := s.applyIn(desc, put, nil, false)
	if err != nil {
		return Step{}, err
	}
	// Links: from each new copy to the copy of each target, made now or
	// before.
	byVersion := map[annotation.Version][]uint64{} // the annotators' annotations by version
	for _, a := range s.anns {
		if annotation.LayerOf(a) != annotation.CuratedLayer {
			v := annotation.VersionOf(a, byID)
			byVersion[v] = append(byVersion[v], a.ID)
		}
	}
	copied := map[uint64]uint64{} // an annotator's annotation -> its curated copy
	for _, c := range s.anns {
		if annotation.LayerOf(c) != annotation.CuratedLayer {
			continue
		}
		for _, v := range c.Provenance.From {
			for _, id := range byVersion[v] {
				copied[id] = c.ID
			}
		}
	}
	var linked []annotation.Annotation
	for i, at := range made {
		c := s.Annotation(st.Put[at].ID).Clone()
		for _, src := range sources[i] {
			for _, l := range src.Links {
				if t, ok := copied[l.Target]; ok && t != c.ID && !slices.ContainsFunc(c.Links, func(x annotation.Link) bool { return x.Type == l.Type && x.Target == t }) {
					c.Links = append(c.Links, annotation.Link{Type: l.Type, Target: t})
				}
			}
		}
		if len(c.Links) > 0 {
			linked = append(linked, c)
		}
	}
	if len(linked) == 0 {
		return st, nil
	}
	st2, err := s.applyIn(desc, linked, nil, true)
	if err != nil {
		// The copies stay, without their links: one step, undone whole.
		return st, err
	}
	st.Put = mergePut(st.Put, st2.Put)
	return st, nil
}

// mergePut returns a with the annotations of b replacing those of the
// same id, and the others of b appended.
func mergePut(a, b []annotation.Annotation) []annotation.Annotation {
	out := slices.Clone(a)
	for _, x := range b {
		if i := slices.IndexFunc(out, func(y annotation.Annotation) bool { return y.ID == x.ID }); i >= 0 {
			out[i] = x
		} else {
			out = append(out, x)
		}
	}
	return out
}
