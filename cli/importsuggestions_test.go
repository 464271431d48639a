package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/storage"
	"glossa/suggest"
)

// reviewView is what a project holds of one text, named by fingerprints
// (label and spans) so that two projects compare whatever their ids: each
// pending suggestion and each annotation with its links ("said_by Source
// 0-12") and provenance.
type reviewView struct {
	Pending, Annotations map[string]reviewed
	Summary              annotation.Summary // Pending and Suggester only
}

type reviewed struct {
	Links      []string
	Provenance annotation.Provenance
	Author     string
}

// reviewViews reads every text of the project at db by its SHA-256.
func reviewViews(t *testing.T, db string) map[string]reviewView {
	t.Helper()
	out := map[string]reviewView{}
	withStore(t, db, func(st *storage.Store) {
		sums, err := st.Documents()
		if err != nil {
			t.Fatal(err)
		}
		for _, sum := range sums {
			d, err := st.Document(sum.ID)
			if err != nil {
				t.Fatal(err)
			}
			anns, err := st.Annotations(d.ID)
			if err != nil {
				t.Fatal(err)
			}
			pending, err := st.Suggestions(d.ID)
			if err != nil {
				t.Fatal(err)
			}
			names := map[uint64]string{}
			for _, a := range append(slices.Clone(anns), pending...) {
				names[a.ID] = annotation.Fingerprint(a.Label, a.Spans)
			}
			view := func(as []annotation.Annotation) map[string]reviewed {
				m := map[string]reviewed{}
				for _, a := range as {
					r := reviewed{Provenance: a.Provenance, Author: a.Author}
					for _, l := range a.Links {
						r.Links = append(r.Links, string(l.Type)+" "+names[l.Target])
					}
					slices.Sort(r.Links)
					m[names[a.ID]] = r
				}
				return m
			}
			out[d.SHA256] = reviewView{Pending: view(pending), Annotations: view(anns),
				Summary: annotation.Summary{Pending: sum.Pending, Suggester: sum.Suggester}}
		}
	})
	return out
}

// reviewHalfDone runs the suggester over the project at db and reviews
// part of it as the window does: in its first article a claim is accepted
// with its pending source and cue, in its second a claim alone (the links
// it had to pending ones go), and in its third a suggestion is rejected.
func reviewHalfDone(t *testing.T, home, db string) {
	t.Helper()
	if r := run(t, home, "suggest", "--db", db); r.code != 0 {
		t.Fatalf("suggest: code %d, %s", r.code, r.stderr)
	}
	accept := func(a annotation.Annotation) annotation.Annotation {
		a = a.Clone()
		a.Author, a.Provenance.Review, a.Provenance.Reviewer = "ann", annotation.ReviewAccepted, "ann"
		return a
	}
	withStore(t, db, func(st *storage.Store) {
		for _, id := range []uint64{1, 2, 3} {
			pending, err := st.Suggestions(id)
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(pending, func(a annotation.Annotation) bool { return a.Label == "Claim" && len(a.Links) >= 2 })
			if i < 0 {
				t.Fatalf("article %d: no suggested claim with a source and a cue among %+v", id, pending)
			}
			claim := pending[i]
			var e annotation.SuggestionEdit
			switch id {
			case 1:
				e.Accept = append(e.Accept, accept(claim))
				for _, l := range claim.Links {
					if j := slices.IndexFunc(pending, func(a annotation.Annotation) bool { return a.ID == l.Target }); j >= 0 {
						e.Accept = append(e.Accept, accept(pending[j]))
					}
				}
			case 2:
				e.Accept = []annotation.Annotation{accept(claim)}
			case 3:
				e.Reject = []uint64{claim.ID}
			}
			if _, err := st.ReviewSuggestions(id, e); err != nil {
				t.Fatalf("article %d: %v", id, err)
			}
		}
	})
}

// A review half done travels through an export with its suggestions:
// imported into another project (new, or holding articles and suggestions
// of its own, whose ids the file's collide with), the pending suggestions
// are pending again with the same links, the accepted ones annotations
// with their provenance, stamped so that the window keeps them for review;
// a plain export holds none of them, and check finds nothing wrong.
func TestExportedReviewImportsBack(t *testing.T) {
	home := t.TempDir()
	db := suggestProject(t, home, 3)
	reviewHalfDone(t, home, db)
	want := reviewViews(t, db)
	accepted := 0
	for _, v := range want {
		for _, a := range v.Annotations {
			if a.Provenance.Review == annotation.ReviewAccepted {
				accepted++
			}
		}
	}
	if accepted < 4 {
		t.Fatalf("%d accepted suggestions; want a claim, its source and cue, and a claim alone", accepted)
	}
	export := func(db, format string, args ...string) string {
		t.Helper()
		out := filepath.Join(home, fmt.Sprintf("export-%s-%d.%s", filepath.Base(db), len(args), format))
		if r := run(t, home, append([]string{"export", "--db", db, "--format", format, "-o", out}, args...)...); r.code != 0 {
			t.Fatalf("export %s %v: code %d, %s", format, args, r.code, r.stderr)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}

	for _, tc := range []struct {
		format string
		busy   bool // the project has an article with suggestions of its own
	}{
		{"json", false},
		{"jsonl", false},
		{"json", true},
	} {
		t.Run(fmt.Sprintf("%s busy=%v", tc.format, tc.busy), func(t *testing.T) {
			withSugs := export(db, tc.format, "--include-suggestions")
			file := writeFile(t, t.TempDir(), "review."+tc.format, withSugs)
			db2 := filepath.Join(t.TempDir(), "copy.glossa")
			var own string
			if tc.busy {
				own = writeFile(t, t.TempDir(), "own.txt", "Port strike\n\n“We will not load a single ship,” said union leader Ana Cruz on Monday.\n")
				if r := run(t, home, "import", "--db", db2, own); r.code != 0 {
					t.Fatalf("import: %s", r.stderr)
				}
				if r := run(t, home, "suggest", "--db", db2); r.code != 0 {
					t.Fatalf("suggest: %s", r.stderr)
				}
			}
			ownBefore := reviewViews(t, db2)

			r := run(t, home, "import", "--db", db2, file)
			if r.code != 0 {
				t.Fatalf("import: code %d, %s", r.code, r.stderr)
			}
			if n := strings.Count(r.stdout, "suggestions to review"); n != len(want) {
				t.Errorf("import printed %d lines with suggestions to review; want %d:\n%s", n, len(want), r.stdout)
			}
			if !strings.Contains(r.stderr, "suggestions to review") {
				t.Errorf("import's total does not count the suggestions: %q", r.stderr)
			}

			got := reviewViews(t, db2)
			var stamp string
			withStore(t, db2, func(st *storage.Store) {
				labels, err := st.Labels()
				if err != nil {
					t.Fatal(err)
				}
				stamp = suggest.Stamp(labels)
			})
			for sha, w := range want {
				g := got[sha]
				if !reflect.DeepEqual(g.Pending, w.Pending) {
					t.Errorf("text %.8s: pending\n got %v\nwant %v", sha, g.Pending, w.Pending)
				}
				if !reflect.DeepEqual(g.Annotations, w.Annotations) {
					t.Errorf("text %.8s: annotations\n got %v\nwant %v", sha, g.Annotations, w.Annotations)
				}
				if g.Summary.Pending != len(w.Pending) || g.Summary.Suggester != stamp {
					t.Errorf("text %.8s: summary says %d pending by %q; want %d by %q (the window's stamp, so that it keeps them)",
						sha, g.Summary.Pending, g.Summary.Suggester, len(w.Pending), stamp)
				}
			}
			for sha, o := range ownBefore {
				if !reflect.DeepEqual(got[sha], o) {
					t.Errorf("the project's own article changed:\n got %+v\nwant %+v", got[sha], o)
				}
			}

			plain := export(db2, tc.format)
			if strings.Contains(plain, `"review":"pending"`) {
				t.Errorf("a plain export of the imported project holds pending suggestions")
			}
			if !tc.busy {
				// Into a new project, everything keeps its id: the
				// exports are the original's, byte for byte.
				if want := export(db, tc.format); plain != want {
					t.Errorf("the plain export differs from the original's:\n%s\n---\n%s", plain, want)
				}
				if again := export(db2, tc.format, "--include-suggestions"); again != withSugs {
					t.Errorf("the export with suggestions differs from the original's:\n%s\n---\n%s", again, withSugs)
				}
			}
			if r := run(t, home, "check", "--db", db2); r.code != 0 {
				t.Errorf("check: code %d, %s %s", r.code, r.stdout, r.stderr)
			}
		})
	}
}
