package cli

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/storage"
)

// TestCodebook: `glossa codebook` prints every label with its key, kind,
// colour, use, description and attributes, the relation types with their
// use, the reporting verbs, and the first lines of the guidelines.
func TestCodebook(t *testing.T) {
	home := t.TempDir()
	db := filepath.Join(home, "p.glossa")
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := "Okafor said the line cuts the trip."
	d, err := st.AddDocument(annotation.Document{Title: "Ferry", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	src, err := st.AddAnnotation(annotation.Annotation{DocID: d.ID, Label: "Source", Spans: []annotation.Span{{Start: 0, End: 6, Text: "Okafor"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddAnnotation(annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: []annotation.Span{{Start: 12, End: 34, Text: "the line cuts the trip"}},
		Attributes: map[string]string{annotation.AttrVerdict: "true"}, Links: []annotation.Link{{Type: annotation.LinkSaidBy, Target: src.ID}}}); err != nil {
		t.Fatal(err)
	}
	for _, e := range []annotation.CodebookEdit{
		{Op: annotation.OpAddRelation, Relation: annotation.RelationType{Name: "contradicts", From: []annotation.Kind{annotation.KindClaim}, To: []annotation.Kind{annotation.KindClaim}, Description: "One claim denies another."}},
		{Op: annotation.OpSetGuidelines, Guidelines: "# Rules\n\n1. one\n2. two\n3. three\n4. four\n5. five"},
		{Op: annotation.OpSetVerbs, Verbs: []string{"opine", "opined"}},
	} {
		if _, err := st.EditCodebook(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	r := run(t, home, "codebook", "--db", db)
	if r.code != 0 {
		t.Fatalf("code %d, stderr %q", r.code, r.stderr)
	}
	for _, want := range []string{
		`(?m)^labels \(9\)$`,
		`(?m)^  1 +Claim +claim +#e6a700 +1 annotation in 1 document`,
		`(?m)^  2 +Source +source +#2f80ed +1 annotation in 1 document`,
		`(?m)^  3 +Person +entity +#27ae60 +unused`,
		`(?m)^  Claim: A statement that can be checked: what was said or asserted\.$`,
		`(?m)^    attribute verdict: one of true \| mostly true \| mixed \| mostly false \| false \| unverifiable; set on 1$`,
		`(?m)^    attribute source type: one of named \| anonymous \| document \| outlet \(default named\); set on 0$`,
		`(?m)^relation types \(6\)$`,
		`(?m)^  said_by +claim -> source +#2f80ed +1 link in 1 document`,
		`(?m)^  related +any -> any +#828282 +unused`,
		`(?m)^  contradicts +claim -> claim +- +unused`,
		`(?m)^  contradicts: One claim denies another\.$`,
		`(?m)^reporting verbs \(2\): opine, opined$`,
		`(?m)^guidelines \(7 lines\)$`,
		`(?m)^  # Rules$`,
		`(?m)^  3\. three$`,
		`(?m)^  \.\.\. 2 more lines$`,
	} {
		if !regexp.MustCompile(want).MatchString(r.stdout) {
			t.Errorf("output lacks %s:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "4. four") {
		t.Errorf("more than %d lines of guidelines:\n%s", guidelineLines, r.stdout)
	}
	if r := run(t, home, "help"); !strings.Contains(r.stdout, "glossa codebook [--db FILE]") {
		t.Errorf("help lacks codebook:\n%s", r.stdout)
	}
}
