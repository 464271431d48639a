package storage

import (
	"fmt"
	"slices"
	"testing"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

// reviewed is a at id with links and the provenance of a suggestion
// reviewed as review says ("" for none).
func reviewed(a annotation.Annotation, id uint64, review annotation.Review, links ...annotation.Link) annotation.Annotation {
	a.ID, a.Links = id, links
	a.Provenance = annotation.Provenance{Origin: annotation.OriginSuggested, Rule: "test." + a.Label, Confidence: 0.8, Review: review}
	if review == annotation.ReviewAccepted {
		a.Author, a.Provenance.Reviewer = "ana", "ana" // as accepted() accepts: one layer
	}
	return a
}

// reviewInProgress is sampleText as an export with its suggestions holds
// it: two annotations (one an accepted suggestion), three pending
// suggestions (one without a review) and a rejected one, linked every
// way, by the file's ids 10 to 15.
func reviewInProgress(t *testing.T) annotation.Bundle {
	t.Helper()
	critics := at(t, sampleText, "Source", "Critics")
	critics.ID, critics.Links = 14, []annotation.Link{link(annotation.LinkOther, 13)} // to a rejected one
	return annotation.Bundle{
		Document: annotation.Document{Title: "Taxes", Text: sampleText},
		Annotations: []annotation.Annotation{
			// An annotation never links to a pending suggestion.
			reviewed(at(t, sampleText, "Source", "The minister"), 10, annotation.ReviewAccepted, link(annotation.LinkCue, 12)),
			reviewed(at(t, sampleText, "Claim", "taxes would fall"), 11, annotation.ReviewPending,
				link(annotation.LinkSaidBy, 10), link(annotation.LinkCue, 12)),
			reviewed(at(t, sampleText, "Other", "said"), 12, ""),
			reviewed(at(t, sampleText, "Claim", "doubt it"), 13, annotation.ReviewRejected, link(annotation.LinkSaidBy, 14)),
			critics,
			reviewed(at(t, sampleText, "Date", "Monday"), 15, annotation.ReviewPending, link(annotation.LinkOther, 13)),
		},
	}
}

// stamp stands for suggest.Stamp, which storage does not import.
func stamp(labels annotation.LabelSet) string {
	return fmt.Sprintf("test-stamp/%d", len(labels.Labels))
}

// An export made with its suggestions comes back with them pending, the
// accepted ones as annotations, the rejected ones remembered, under kept
// or new ids with the links between them all followed.
func TestImportStoresPendingSuggestions(t *testing.T) {
	for _, tc := range []struct {
		name string
		keep bool
		// taken: ids 11 and 12 are a pending suggestion's and an
		// annotation's of another text, imported before (or earlier in
		// the same batch: sameBatch).
		taken, sameBatch bool
		suggester        func(annotation.LabelSet) string
	}{
		{name: "kept ids", keep: true, suggester: stamp},
		{name: "kept ids, some taken", keep: true, taken: true, suggester: stamp},
		{name: "kept ids, some taken in the batch", keep: true, taken: true, sameBatch: true, suggester: stamp},
		{name: "new ids", keep: false, taken: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openTestStore(t)
			taken := map[uint64]bool{}
			var batch []annotation.Bundle
			if tc.taken {
				const other = "Another text, the mayor said."
				batch = append(batch, annotation.Bundle{Document: annotation.Document{Title: "Other", Text: other},
					Annotations: []annotation.Annotation{
						reviewed(at(t, other, "Source", "the mayor"), 11, annotation.ReviewPending),
						{ID: 12, Label: "Other", Spans: span(other, 25, 29)},
					}})
				taken[11], taken[12] = true, true
			}
			if !tc.sameBatch && len(batch) > 0 {
				res, err := s.ImportBundles(batch, ImportOptions{KeepIDs: true})
				if err != nil || res[0].Pending != 1 || res[0].Annotations != 1 {
					t.Fatalf("the other text: %+v, %v", res, err)
				}
				batch = nil
			}
			res, err := s.ImportBundles(append(batch, reviewInProgress(t)), ImportOptions{KeepIDs: tc.keep, Suggester: tc.suggester})
			if err != nil {
				t.Fatal(err)
			}
			r := res[len(res)-1]
			if r.Annotations != 2 || r.Pending != 3 || r.Rejected != 1 || r.DroppedLinks != 3 {
				t.Errorf("result %+v; want 2 annotations, 3 pending, 1 rejected, 3 links dropped", r)
			}
			doc := r.Doc.ID
			anns, pending := annotationsOf(t, s, doc), pendingOf(t, s, doc)
			if len(anns) != 2 || len(pending) != 3 {
				t.Fatalf("stored %d annotations and %d pending; want 2 and 3:\n%+v\n%+v", len(anns), len(pending), anns, pending)
			}
			minister, critics := byText(t, anns, "The minister"), byText(t, anns, "Critics")
			claim, said, monday := byText(t, pending, "taxes would fall"), byText(t, pending, "said"), byText(t, pending, "Monday")

			// Ids: the file's where free (KeepIDs), else new; never one
			// another annotation or suggestion has.
			for fileID, got := range map[uint64]uint64{10: minister.ID, 11: claim.ID, 12: said.ID, 14: critics.ID, 15: monday.ID} {
				if kept := got == fileID; kept != (tc.keep && !taken[fileID]) {
					t.Errorf("the file's %d is stored as %d; want it kept: %v", fileID, got, !kept)
				}
			}
			seen := map[uint64]bool{}
			for _, sum := range documents(t, s) {
				for _, a := range append(annotationsOf(t, s, sum.ID), pendingOf(t, s, sum.ID)...) {
					if seen[a.ID] {
						t.Errorf("id %d is used twice", a.ID)
					}
					seen[a.ID] = true
				}
			}

			// Links: suggestion to annotation and to suggestion kept;
			// annotation to suggestion and anything to the rejected one
			// dropped.
			wantLinks := []annotation.Link{link(annotation.LinkSaidBy, minister.ID), link(annotation.LinkCue, said.ID)}
			if !slices.Equal(claim.Links, wantLinks) {
				t.Errorf("the pending claim links %v; want %v", claim.Links, wantLinks)
			}
			for _, a := range []annotation.Annotation{minister, critics, said, monday} {
				if len(a.Links) != 0 {
					t.Errorf("%q links %v; want none", a.Spans[0].Text, a.Links)
				}
			}

			// Provenance: pending ones say so, with their rule; the
			// accepted one keeps its review.
			for _, a := range pending {
				if p := a.Provenance; p.Origin != annotation.OriginSuggested || p.Review != annotation.ReviewPending || p.Rule != "test."+a.Label || p.Confidence != 0.8 {
					t.Errorf("pending %q: provenance %+v", a.Spans[0].Text, p)
				}
			}
			if p := minister.Provenance; p.Review != annotation.ReviewAccepted || p.Reviewer != "ana" || minister.Author != "ana" {
				t.Errorf("the accepted source: %+v by %q", p, minister.Author)
			}

			wantStamp := SuggesterImported
			if tc.suggester != nil {
				labels, err := s.Labels()
				if err != nil {
					t.Fatal(err)
				}
				wantStamp = tc.suggester(labels)
			}
			sum := summaryOfDoc(t, s, doc)
			if sum.Annotations != 2 || sum.Pending != 3 || sum.Suggester != wantStamp {
				t.Errorf("summary %+v; want 2 annotations, 3 pending, suggester %q", sum, wantStamp)
			}
			mustCheck(t, s)
			if got := exportedAnnotations(t, s, doc); got != 2 {
				t.Errorf("EachBundle gives %d annotations; want the 2, no suggestion", got)
			}

			// They are reviewed as the suggester's are: accepting the
			// claim with its cue keeps their links.
			out := review(t, s, doc, annotation.SuggestionEdit{Accept: []annotation.Annotation{accepted(claim), accepted(said)}})
			if len(out) != 2 || !slices.Equal(out[0].Links, wantLinks) {
				t.Errorf("accepted: %+v; want the claim linked %v", out, wantLinks)
			}
			mustCheck(t, s)

			// The rejected one is not proposed again.
			again := setSuggestions(t, s, doc, []annotation.Annotation{suggestion(at(t, sampleText, "Claim", "doubt it"), 0)})
			if len(again) != 0 {
				t.Errorf("the claim the file rejected was proposed again: %+v", again)
			}
		})
	}
}

func documents(t *testing.T, s *Store) []annotation.Summary {
	t.Helper()
	docs, err := s.Documents()
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// exportedAnnotations counts what EachBundle gives of document doc.
func exportedAnnotations(t *testing.T, s *Store, doc uint64) int {
	t.Helper()
	n := -1
	if err := s.EachBundle(func(b annotation.Bundle) error {
		if b.Document.ID == doc {
			n = len(b.Annotations)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

// A file without suggestions leaves the suggester to run (Suggester "");
// one whose suggestions were all accepted or rejected too.
func TestImportWithoutPendingLeavesSuggesterEmpty(t *testing.T) {
	s := openTestStore(t)
	file := reviewInProgress(t)
	file.Annotations = slices.DeleteFunc(file.Annotations, func(a annotation.Annotation) bool { return a.Provenance.Pending() })
	file.Annotations[0].Links = nil // to a pending one, now gone from the file
	res, err := s.ImportBundles([]annotation.Bundle{file}, ImportOptions{Suggester: stamp})
	if err != nil {
		t.Fatal(err)
	}
	if sum := summaryOfDoc(t, s, res[0].Doc.ID); sum.Pending != 0 || sum.Suggester != "" || sum.Annotations != 2 || res[0].Rejected != 1 {
		t.Errorf("summary %+v, result %+v; want 2 annotations, none pending, no suggester, 1 rejected", sum, res[0])
	}
	mustCheck(t, s)
}

// A pending suggestion the project rejected on the same text before (the
// document deleted since: its rejections stay) is left out, with the
// links to it, as SetSuggestions leaves it out.
func TestImportLeavesOutWhatWasRejectedBefore(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	set := setSuggestions(t, s, d.ID, []annotation.Annotation{suggestion(at(t, sampleText, "Other", "said"), 0)})
	review(t, s, d.ID, annotation.SuggestionEdit{Reject: []uint64{set[0].ID}})
	if _, err := s.DeleteDocuments([]uint64{d.ID}); err != nil {
		t.Fatal(err)
	}
	before := rejections(t, s)
	res, err := s.ImportBundles([]annotation.Bundle{reviewInProgress(t)}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	after := rejections(t, s)
	if len(after) != len(before)+1 || !slices.Equal(after[:len(before)], before) && !slices.Equal(after[1:], before) {
		t.Errorf("rejections before the import %q, after %q; want the one rejected before as it was, and the file's", before, after)
	}
	if r := res[0]; r.Pending != 2 || r.Rejected != 2 || r.Annotations != 2 {
		t.Errorf("result %+v; want 2 pending, 2 rejected (the file's and the project's), 2 annotations", r)
	}
	claim := byText(t, pendingOf(t, s, res[0].Doc.ID), "taxes would fall")
	if len(claim.Links) != 1 || claim.Links[0].Type != annotation.LinkSaidBy {
		t.Errorf("the claim links %v; want only its said_by, not the cue rejected before", claim.Links)
	}
	mustCheck(t, s)
}

// rejections lists the rejected bucket's values, in key order.
func rejections(t *testing.T, s *Store) []string {
	t.Helper()
	var out []string
	if err := s.view(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketRejected).ForEach(func(_, v []byte) error {
			out = append(out, string(v))
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// A refused suggestion fails the whole batch, as a refused annotation
// does: nothing is stored, no rejection remembered.
func TestImportRefusedSuggestionStoresNothing(t *testing.T) {
	s := openTestStore(t)
	good := reviewInProgress(t)
	bad := reviewInProgress(t)
	bad.Document.Text += " More."
	bad.Annotations[1].Label = "No such label"
	if _, err := s.ImportBundles([]annotation.Bundle{good, bad}, ImportOptions{}); err == nil {
		t.Fatal("a suggestion with a label the codebook lacks was imported")
	}
	if docs := documents(t, s); len(docs) != 0 {
		t.Errorf("a refused batch stored %d documents", len(docs))
	}
	d := addDoc(t, s, sampleText)
	if got := setSuggestions(t, s, d.ID, []annotation.Annotation{suggestion(at(t, sampleText, "Claim", "doubt it"), 0)}); len(got) != 1 {
		t.Errorf("a refused batch remembered its rejection")
	}
}

// Putting a document back (undo of a delete or a cut) stores its
// annotations as annotations whatever their provenance says.
func TestRestoreKeepsAnnotationsWhateverTheirProvenance(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	a := at(t, sampleText, "Claim", "taxes would fall")
	a.DocID, a.Provenance = d.ID, annotation.Provenance{Origin: annotation.OriginSuggested, Review: annotation.ReviewPending}
	addAnn(t, s, a)
	before, _, err := s.CutDocument(d.ID, 0, annotation.Len(sampleText)-1)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreDocuments([]annotation.Bundle{before}); err != nil {
		t.Fatal(err)
	}
	if anns, pending := annotationsOf(t, s, d.ID), pendingOf(t, s, d.ID); len(anns) != 1 || len(pending) != 0 {
		t.Errorf("after a cut and its undo: %d annotations, %d pending; want 1 and 0", len(anns), len(pending))
	}
	mustCheck(t, s)
}
