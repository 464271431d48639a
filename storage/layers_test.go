package storage

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

// in returns a in layer.
func in(layer string, a annotation.Annotation) annotation.Annotation {
	a.Layer = layer
	return a
}

// linked returns a with a link of typ to target.
func linked(a annotation.Annotation, typ annotation.LinkType, target uint64) annotation.Annotation {
	a.Links = append(a.Links, annotation.Link{Type: typ, Target: target})
	return a
}

// checkCounts fails t unless every summary counts its document's
// annotations by layer, and the file passes Check.
func checkCounts(t *testing.T, s *Store) {
	t.Helper()
	sums, err := s.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, sum := range sums {
		as, err := s.Annotations(sum.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := annotation.CountLayers(as); !maps.Equal(sum.Layers, want) || sum.Annotations != len(as) {
			t.Errorf("document %d: summary counts %d, by layer %v; want %d, %v", sum.ID, sum.Annotations, sum.Layers, len(as), want)
		}
	}
	mustCheck(t, s)
}

func TestLinksNeverCrossLayers(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	src, err := s.Apply(d.ID, []annotation.Annotation{in("ana", at(t, sampleText, "Source", "The minister"))}, nil)
	if err != nil {
		t.Fatal(err)
	}
	claim := in("ben", at(t, sampleText, "Claim", "taxes would fall"))
	tests := []struct {
		name string
		put  []annotation.Annotation
		want error
	}{
		{"to a stored annotation of another layer", []annotation.Annotation{linked(claim, annotation.LinkSaidBy, src[0].ID)}, annotation.ErrCrossLayer},
		{"between two put in one call", []annotation.Annotation{
			in("ben", at(t, sampleText, "Source", "Critics")),
			in("ana", linked(at(t, sampleText, "Claim", "doubt it"), annotation.LinkSaidBy, src[0].ID+1)),
		}, annotation.ErrCrossLayer},
		{"an author's layer against a Layer", []annotation.Annotation{func() annotation.Annotation {
			c := at(t, sampleText, "Claim", "taxes would fall")
			c.Author = "ben" // no Layer: ben's
			return linked(c, annotation.LinkSaidBy, src[0].ID)
		}()}, annotation.ErrCrossLayer},
		{"moving an annotation to another layer", []annotation.Annotation{in("ben", src[0])}, annotation.ErrCrossLayer},
		{"inside one layer", []annotation.Annotation{in("ana", linked(at(t, sampleText, "Claim", "taxes would fall"), annotation.LinkSaidBy, src[0].ID))}, nil},
		{"ana's by author, to ana's by Layer", []annotation.Annotation{func() annotation.Annotation {
			c := at(t, sampleText, "Claim", "doubt it")
			c.Author = "ana"
			return linked(c, annotation.LinkSaidBy, src[0].ID)
		}()}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := snap(t, s, d.ID)
			_, err := s.Apply(d.ID, tt.put, nil)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("Apply: %v; want %v", err, tt.want)
			}
			if err != nil {
				if !strings.Contains(err.Error(), "layer") || !snap(t, s, d.ID).equal(before) {
					t.Errorf("refused edit %q changed the store, or its error names no layer: %v", tt.name, err)
				}
			}
			checkCounts(t, s)
		})
	}
}

// TestLayerCountsFollowEveryWrite makes each kind of write and checks the
// summaries' counts by layer against the annotations after each.
func TestLayerCountsFollowEveryWrite(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	steps := []struct {
		name string
		do   func(t *testing.T)
		want map[string]int // document d's counts after
	}{
		{"apply adds", func(t *testing.T) {
			if _, err := s.Apply(d.ID, []annotation.Annotation{
				in("ana", at(t, sampleText, "Source", "The minister")),
				in("ben", at(t, sampleText, "Source", "Critics")),
				{Label: "Claim", Spans: at(t, sampleText, "Claim", "doubt it").Spans, Author: "ben"},
			}, nil); err != nil {
				t.Fatal(err)
			}
		}, map[string]int{"ana": 1, "ben": 2}},
		{"apply deletes and adds", func(t *testing.T) {
			as := annotationsOf(t, s, d.ID)
			a := in(annotation.CuratedLayer, at(t, sampleText, "Person", "Monday"))
			if _, err := s.Apply(d.ID, []annotation.Annotation{a, in("ana", at(t, sampleText, "Person", "Critics"))}, []uint64{byLabel(t, as, "Claim").ID}); err != nil {
				t.Fatal(err)
			}
		}, map[string]int{"ana": 2, "ben": 1, annotation.CuratedLayer: 1}},
		{"accept a suggestion", func(t *testing.T) {
			sugs, err := s.SetSuggestions(d.ID, []annotation.Annotation{suggestion(at(t, sampleText, "Claim", "taxes would fall"), 0)}, "v")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.ReviewSuggestions(d.ID, annotation.SuggestionEdit{Accept: []annotation.Annotation{in("ben", sugs[0])}}); err != nil {
				t.Fatal(err)
			}
		}, map[string]int{"ana": 2, "ben": 2, annotation.CuratedLayer: 1}},
		{"unaccept it", func(t *testing.T) {
			id := byLabel(t, annotationsOf(t, s, d.ID), "Claim").ID
			if _, err := s.ReviewSuggestions(d.ID, annotation.SuggestionEdit{Unaccept: []uint64{id}}); err != nil {
				t.Fatal(err)
			}
		}, map[string]int{"ana": 2, "ben": 1, annotation.CuratedLayer: 1}},
		{"a codebook edit deletes the Person annotations", func(t *testing.T) {
			if _, err := s.EditCodebook(annotation.CodebookEdit{Op: annotation.OpDeleteLabel, Label: "Person", Drop: true}); err != nil {
				t.Fatal(err)
			}
		}, map[string]int{"ana": 1, "ben": 1}},
		{"an entity merge changes no count", func(t *testing.T) {
			e1, _ := s.AddEntity(annotation.Entity{Name: "Minister"})
			e2, _ := s.AddEntity(annotation.Entity{Name: "The minister"})
			src := byLabel(t, annotationsOf(t, s, d.ID), "Source")
			src.Entity = e2.ID
			if _, err := s.Apply(d.ID, []annotation.Annotation{src}, nil); err != nil {
				t.Fatal(err)
			}
			if _, err := s.MergeEntities(e1.ID, e2.ID); err != nil {
				t.Fatal(err)
			}
		}, map[string]int{"ana": 1, "ben": 1}},
		{"a cut keeps what is inside", func(t *testing.T) {
			if _, _, err := s.CutDocument(d.ID, 0, annotation.Len("The minister said on Monday that taxes would fall.")); err != nil {
				t.Fatal(err)
			}
		}, map[string]int{"ana": 1}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.do(t)
			if got := summaryOfDoc(t, s, d.ID).Layers; !maps.Equal(got, st.want) {
				t.Errorf("counts by layer %v; want %v", got, st.want)
			}
			checkCounts(t, s)
		})
	}
	// Import counts, and settles the layers of linked annotations from a
	// file written before layers.
	text := "Okafor said the line cuts the trip."
	source := at(t, text, "Source", "Okafor")
	source.ID = 1
	claim := linked(at(t, text, "Claim", "the line cuts the trip"), annotation.LinkSaidBy, 1)
	claim.ID, claim.Author = 2, "ana"
	other := at(t, text, "Organisation", "Okafor")
	other.ID, other.Author = 3, "ben"
	res, err := s.ImportBundles([]annotation.Bundle{{Document: annotation.Document{Title: "Ferry", Text: text}, Annotations: []annotation.Annotation{source, claim, other}}}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := summaryOfDoc(t, s, res[0].Doc.ID).Layers, map[string]int{"ana": 2, "ben": 1}; !maps.Equal(got, want) {
		t.Errorf("imported counts by layer %v; want %v", got, want)
	}
	checkCounts(t, s)
	// Two layers linked in a file refuse the batch.
	source.Layer, claim.Layer = "ana", "ben"
	if _, err := s.ImportBundles([]annotation.Bundle{{Document: annotation.Document{Title: "Ferry 2", Text: text + " Again."}, Annotations: []annotation.Annotation{source, claim}}}, ImportOptions{}); !errors.Is(err, annotation.ErrCrossLayer) {
		t.Errorf("importing linked annotations of two layers: %v; want ErrCrossLayer", err)
	}
	// A deleted document leaves the layers.
	if _, err := s.DeleteDocuments([]uint64{res[0].Doc.ID}); err != nil {
		t.Fatal(err)
	}
	ls, err := s.Layers()
	if err != nil {
		t.Fatal(err)
	}
	if got := layerCounts(ls); !maps.Equal(got, map[string]int{"ana": 1}) {
		t.Errorf("Layers after the deletion: %v; want ana 1", got)
	}
}

func layerCounts(ls []annotation.LayerInfo) map[string]int {
	out := map[string]int{}
	for _, l := range ls {
		out[l.Name] = l.Annotations
	}
	return out
}

// TestAcceptDropsLinksToOtherLayers: a suggested claim whose source is an
// annotation of another layer is accepted without that link.
func TestAcceptDropsLinksToOtherLayers(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	src, err := s.Apply(d.ID, []annotation.Annotation{in("ana", at(t, sampleText, "Source", "The minister"))}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sugs, err := s.SetSuggestions(d.ID, []annotation.Annotation{suggestion(at(t, sampleText, "Claim", "taxes would fall"), 0, link(annotation.LinkSaidBy, src[0].ID))}, "v")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		layer string
		links int
	}{{"ben", 0}, {"ana", 1}} {
		got, err := s.ReviewSuggestions(d.ID, annotation.SuggestionEdit{Accept: []annotation.Annotation{in(tt.layer, sugs[0])}})
		if err != nil {
			t.Fatal(err)
		}
		if len(got[0].Links) != tt.links {
			t.Errorf("accepted into %s: links %v; want %d", tt.layer, got[0].Links, tt.links)
		}
		checkCounts(t, s)
		if _, err := s.ReviewSuggestions(d.ID, annotation.SuggestionEdit{Unaccept: []uint64{got[0].ID}, Restore: sugs}); err != nil {
			t.Fatal(err)
		}
	}
}

// merged is ben's layer of sampleText as another file holds it: a claim
// said by a source, ids of that file.
func merged(t *testing.T, note string) []annotation.Annotation {
	src := at(t, sampleText, "Source", "The minister")
	src.ID, src.Author = 501, "ben"
	claim := linked(at(t, sampleText, "Claim", "taxes would fall"), annotation.LinkSaidBy, 501)
	claim.ID, claim.Author, claim.Note = 502, "ben", note
	return []annotation.Annotation{claim, src}
}

func TestReplaceLayer(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	own, err := s.Apply(d.ID, []annotation.Annotation{in("ana", at(t, sampleText, "Source", "Critics"))}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, found, err := s.LayerSource(d.ID, "ben"); found || err != nil {
		t.Fatalf("LayerSource before any merge: found %v, %v", found, err)
	}
	src := annotation.LayerSource{File: "ben.json", Digest: "d1"}
	first, err := s.ReplaceLayer(d.ID, "ben", merged(t, "v1"), src)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 2 || first[0].Label != "Source" || first[1].Links[0].Target != first[0].ID || first[0].ID == 501 {
		t.Fatalf("ReplaceLayer stored %+v; want the source and the claim linked to it, under new ids", first)
	}
	for _, a := range first {
		if a.Layer != "ben" || a.DocID != d.ID {
			t.Errorf("stored %+v; want layer ben of document %d", a, d.ID)
		}
	}
	checkCounts(t, s)
	if got := summaryOfDoc(t, s, d.ID).Layers; !maps.Equal(got, map[string]int{"ana": 1, "ben": 2}) {
		t.Errorf("counts %v", got)
	}
	got, found, err := s.LayerSource(d.ID, "ben")
	if err != nil || !found || got.File != "ben.json" || got.Digest != "d1" || got.Edited || got.Merged.IsZero() {
		t.Fatalf("LayerSource = %+v, %v, %v; want ben.json, d1, not edited", got, found, err)
	}

	// The same annotations again: the same layer, ids and all.
	again, err := s.ReplaceLayer(d.ID, "ben", merged(t, "v1"), annotation.LayerSource{File: "ben.json", Digest: "d1"})
	if err != nil {
		t.Fatal(err)
	}
	if !sameAnnotations(again, first) || !sameAnnotations(annotationsOf(t, s, d.ID), append(slices.Clone(own), first...)) {
		t.Errorf("replacing with the same annotations changed the layer: %+v; want %+v", again, first)
	}

	// A newer file replaces it; ana's layer stays.
	newer, err := s.ReplaceLayer(d.ID, "ben", merged(t, "v2"), annotation.LayerSource{File: "ben.json", Digest: "d2"})
	if err != nil {
		t.Fatal(err)
	}
	if len(newer) != 2 || newer[1].Note != "v2" || newer[0].ID == first[0].ID {
		t.Errorf("newer layer %+v", newer)
	}
	if as := annotationsOf(t, s, d.ID); len(as) != 3 || !slices.ContainsFunc(as, func(a annotation.Annotation) bool { return a.ID == own[0].ID }) {
		t.Errorf("after the newer merge: %+v; want ana's source and ben's two", as)
	}
	checkCounts(t, s)

	// Edited here: LayerSource says so and the layer is kept ...
	claim := byLabel(t, newer, "Claim")
	claim.Note = "fixed here"
	if _, err := s.Apply(d.ID, []annotation.Annotation{claim}, nil); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := s.LayerSource(d.ID, "ben"); !got.Edited {
		t.Error("LayerSource after a local edit: not Edited")
	}
	before := snap(t, s, d.ID)
	if _, err := s.ReplaceLayer(d.ID, "ben", merged(t, "v3"), annotation.LayerSource{File: "ben.json", Digest: "d3"}); !errors.Is(err, annotation.ErrLayerEdited) || !strings.Contains(err.Error(), "ben.json") {
		t.Errorf("replacing an edited layer: %v; want ErrLayerEdited naming the file", err)
	}
	if !snap(t, s, d.ID).equal(before) {
		t.Error("a refused ReplaceLayer changed the document")
	}
	// ... unless told to overwrite it.
	if _, err := s.ReplaceLayer(d.ID, "ben", merged(t, "v3"), annotation.LayerSource{File: "ben.json", Digest: "d3", Overwrite: true}); err != nil {
		t.Errorf("ReplaceLayer with Overwrite: %v", err)
	}
	// A layer made here is never replaced without Overwrite.
	if _, err := s.ReplaceLayer(d.ID, "ana", merged(t, "x"), annotation.LayerSource{File: "ana.json"}); !errors.Is(err, annotation.ErrLayerEdited) {
		t.Errorf("replacing ana's own layer: %v; want ErrLayerEdited", err)
	}
	checkCounts(t, s)

	// An empty layer takes a merge; an empty merge records it.
	if _, err := s.ReplaceLayer(d.ID, "cy", nil, annotation.LayerSource{File: "cy.json", Digest: "e"}); err != nil {
		t.Fatal(err)
	}
	if got, found, _ := s.LayerSource(d.ID, "cy"); !found || got.Edited || got.Digest != "e" {
		t.Errorf("LayerSource of an empty merge: %+v, %v", got, found)
	}
	ls, err := s.Layers()
	if err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, l := range ls {
		names = append(names, fmt.Sprintf("%s:%d:%d:%v", l.Name, l.Annotations, l.Articles, l.Files))
	}
	if want := []string{"ana:1:1:[]", "ben:2:1:[ben.json]", "cy:0:0:[cy.json]"}; !slices.Equal(names, want) {
		t.Errorf("Layers = %v; want %v", names, want)
	}
}

func TestReplaceLayerRefuses(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	dangling := merged(t, "")[:1] // the claim without its source
	unknown := merged(t, "")
	unknown[0].Label = "Gone"
	tests := []struct {
		name  string
		layer string
		anns  []annotation.Annotation
		want  error
	}{
		{"the curated mark", "#ben", merged(t, ""), annotation.ErrAnnotatorName},
		{"no name", " ", merged(t, ""), annotation.ErrAnnotatorName},
		{"a link out of the set", "ben", dangling, annotation.ErrDanglingLink},
		{"a label the codebook lacks", "ben", unknown, annotation.ErrUnknownLabel},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := snap(t, s, d.ID)
			if _, err := s.ReplaceLayer(d.ID, tt.layer, tt.anns, annotation.LayerSource{File: "f"}); !errors.Is(err, tt.want) {
				t.Errorf("ReplaceLayer: %v; want %v", err, tt.want)
			}
			if !snap(t, s, d.ID).equal(before) {
				t.Error("a refused ReplaceLayer changed the document")
			}
		})
	}
	if _, err := s.ReplaceLayer(99, "ben", nil, annotation.LayerSource{}); !errors.Is(err, annotation.ErrNotFound) {
		t.Errorf("ReplaceLayer of a missing document: %v", err)
	}
	if _, err := s.ReplaceLayer(d.ID, annotation.CuratedLayer, merged(t, ""), annotation.LayerSource{File: "f"}); err != nil {
		t.Errorf("ReplaceLayer of the curated layer: %v", err)
	}
}

// TestReplaceLayerSurvivesDeleteUndo: the merge record is the text's, so
// an undo of a deletion finds the layer as merged.
func TestReplaceLayerSurvivesDeleteUndo(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	if _, err := s.ReplaceLayer(d.ID, "ben", merged(t, ""), annotation.LayerSource{File: "ben.json", Digest: "d"}); err != nil {
		t.Fatal(err)
	}
	bs, err := s.DeleteDocuments([]uint64{d.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreDocuments(bs); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	if got, found, err := s.LayerSource(d.ID, "ben"); !found || got.Edited || err != nil {
		t.Errorf("LayerSource after delete and undo: %+v, %v, %v; want found, not edited", got, found, err)
	}
	checkCounts(t, s)
	// Deleted and imported again, without the layer: the record stays but
	// says the layer is not as merged, so a merge brings it in again.
	if _, err := s.DeleteDocuments([]uint64{d.ID}); err != nil {
		t.Fatal(err)
	}
	d2 := addDoc(t, s, sampleText)
	if got, found, _ := s.LayerSource(d2.ID, "ben"); !found || !got.Edited {
		t.Errorf("LayerSource of the text imported again: %+v, %v; want found and Edited", got, found)
	}
	if _, err := s.ReplaceLayer(d2.ID, "ben", merged(t, ""), annotation.LayerSource{File: "ben.json", Digest: "d"}); err != nil {
		t.Errorf("merging into the text imported again: %v", err)
	}
	checkCounts(t, s)
}

// TestOpenVersion2File: a file of version 2, with annotations of two
// authors linked (a claim tagged by hand to an imported source without an
// author) and a pending suggestion, is upgraded at open with everything
// kept: the linked pair put in one layer, the summaries counting by layer.
func TestOpenVersion2File(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	src := at(t, sampleText, "Source", "The minister")
	other := at(t, sampleText, "Person", "Critics")
	other.Author = "ben"
	put, err := s.Apply(d.ID, []annotation.Annotation{src, other}, nil)
	if err != nil {
		t.Fatal(err)
	}
	claim := linked(at(t, sampleText, "Claim", "taxes would fall"), annotation.LinkSaidBy, put[0].ID)
	claim.ID, claim.DocID, claim.Author = put[1].ID+10, d.ID, "ana"
	if _, err := s.SetSuggestions(d.ID, []annotation.Annotation{suggestion(at(t, sampleText, "Claim", "doubt it"), 0)}, "v"); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	// Version 2 as it was: no layers bucket, summaries without counts by
	// layer, and the cross-author link that version 2 allowed.
	err = s.update(func(tx *bbolt.Tx) error {
		if err := putAnnotation(tx.Bucket(bucketAnnotations), tx.Bucket(bucketAnnIndex), claim); err != nil {
			return err
		}
		if err := bumpSequence(tx.Bucket(bucketAnnIndex), claim.ID); err != nil {
			return err
		}
		sum, err := loadSummary(tx, d.ID)
		if err != nil {
			return err
		}
		sum.Annotations, sum.Layers = 3, nil
		if err := putJSON(tx.Bucket(bucketSummaries), idKey(d.ID), sum); err != nil {
			return err
		}
		if err := tx.DeleteBucket(bucketLayers); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, idKey(2))
	})
	if err != nil {
		t.Fatal(err)
	}
	before := annotationsOf(t, s, d.ID)
	pending := pendingOf(t, s, d.ID)
	s.Close()

	s2, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("opening a version 2 file: %v", err)
	}
	defer s2.Close()
	if got := schemaOf(t, path+".v2.bak"); got != 2 {
		t.Errorf("the copy taken before the upgrade has schema %d", got)
	}
	after := annotationsOf(t, s2, d.ID)
	if len(after) != len(before) {
		t.Fatalf("after the upgrade %d annotations; want %d", len(after), len(before))
	}
	for i := range after {
		a, b := after[i], before[i]
		layer := a.Layer
		a.Layer = ""
		if !sameAnnotation(a, b) || a.Modified != b.Modified {
			t.Errorf("annotation %d changed: %+v; was %+v", b.ID, after[i], b)
		}
		want := ""
		if b.ID == put[0].ID {
			want = "ana" // the source joins the claim that links to it
		}
		if layer != want {
			t.Errorf("annotation %d (%s by %q): Layer %q; want %q", b.ID, b.Label, b.Author, layer, want)
		}
	}
	if !sameAnnotations(pendingOf(t, s2, d.ID), pending) {
		t.Error("the pending suggestions changed")
	}
	if got, want := summaryOfDoc(t, s2, d.ID).Layers, map[string]int{"ana": 2, "ben": 1}; !maps.Equal(got, want) {
		t.Errorf("counts by layer %v; want %v", got, want)
	}
	checkCounts(t, s2)
	if _, err := s2.ReplaceLayer(d.ID, "cy", merged(t, ""), annotation.LayerSource{File: "cy.json"}); err != nil {
		t.Errorf("ReplaceLayer on the upgraded file: %v", err)
	}
	checkCounts(t, s2)
}

func TestCheckFindsLayerProblems(t *testing.T) {
	setup := func(t *testing.T) *Store {
		s := openTestStore(t)
		d := addDoc(t, s, sampleText)
		src := addAnn(t, s, in("ana", annotation.Annotation{DocID: d.ID, Label: "Source", Spans: span(sampleText, 0, 12)}))
		addAnn(t, s, in("ana", linked(annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: span(sampleText, 33, 49)}, annotation.LinkSaidBy, src.ID)))
		return s
	}
	editFirst := func(fn func(a *annotation.Annotation)) func(tx *bbolt.Tx) error {
		return func(tx *bbolt.Tx) error {
			b := tx.Bucket(bucketAnnotations)
			k, _ := b.Cursor().First()
			var a annotation.Annotation
			if _, err := getAnnotation(b, 1, keyID(k[8:]), &a); err != nil {
				return err
			}
			fn(&a)
			return putJSON(b, k, a)
		}
	}
	tests := []struct {
		name   string
		break_ func(tx *bbolt.Tx) error
		want   error
	}{
		{"a link across layers", editFirst(func(a *annotation.Annotation) { a.Layer = "ben" }), annotation.ErrCrossLayer},
		{"a wrong count by layer", func(tx *bbolt.Tx) error {
			sum, err := loadSummary(tx, 1)
			if err != nil {
				return err
			}
			sum.Layers = map[string]int{"ana": 1, "ben": 1}
			return putJSON(tx.Bucket(bucketSummaries), idKey(1), sum)
		}, ErrCorrupt},
		{"an unreadable merge record", func(tx *bbolt.Tx) error {
			return tx.Bucket(bucketLayers).Put(append(make([]byte, 32), "ben"...), []byte("{"))
		}, ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			breakThenCheck(t, setup(t), tt.break_, tt.want)
		})
	}
}
