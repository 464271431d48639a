package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/storage"
)

func openProject(t *testing.T, db string) *storage.Store {
	t.Helper()
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func projectLabels(t *testing.T, db string) annotation.LabelSet {
	t.Helper()
	st := openProject(t, db)
	defer st.Close()
	ls, err := st.Labels()
	if err != nil {
		t.Fatal(err)
	}
	return ls
}

const lsConfig = `<View>
  <!-- an NER project with relations and a per-region choice -->
  <Relations><Relation value="works_for" background="blue"/></Relations>
  <Labels name="label" toName="text">
    <Label value="Quote" background="orange" hotkey="q"/>
    <Label value="Source" background="green" hotkey="1"/>
  </Labels>
  <Text name="text" value="$text"/>
  <Choices name="verdict" toName="text" perRegion="true" whenLabelValue="Quote,Claim">
    <Choice value="false"/><Choice value="satire"/>
  </Choices>
  <Choices name="topic" toName="text"><Choice value="politics"/></Choices>
</View>
`

// `glossa codebook --import` merges a Label Studio config into a project
// that has annotations: labels, attribute values and relation types are
// added, durably; nothing of the project is changed; a second run changes
// nothing; what the file has that a codebook cannot hold is warned.
func TestCodebookImport(t *testing.T) {
	home := t.TempDir()
	db := filepath.Join(home, "p.glossa")
	st := openProject(t, db)
	d, err := st.AddDocument(annotation.Document{Title: "T", Text: "Okafor said no."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddAnnotation(annotation.Annotation{DocID: d.ID, Label: "Source", Spans: []annotation.Span{{Start: 0, End: 6, Text: "Okafor"}}}); err != nil {
		t.Fatal(err)
	}
	before, _ := st.Labels()
	st.Close()
	cfg := writeFile(t, home, "config.xml", lsConfig)

	r := run(t, home, "codebook", "--db", db, "--import", cfg)
	if r.code != 0 {
		t.Fatalf("code %d, stderr %q", r.code, r.stderr)
	}
	for _, want := range []string{
		"added label Quote (claim) with attributes verdict\n",
		"added relation type works_for\n",
		"not taken: label Source is in the project already: its colour, key kept, not the file's\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if !strings.Contains(r.stderr, `choices "topic" is about the whole text`) || !strings.Contains(r.stderr, `names the label "Claim", which the config does not define`) || !strings.Contains(r.stderr, "merged the labelstudio codebook") {
		t.Errorf("stderr %q", r.stderr)
	}
	after := projectLabels(t, db)
	q, ok := after.Find("Quote")
	if !ok || q.Key != "q" || q.Color != "#ffa500" || q.Kind != annotation.KindClaim {
		t.Errorf("Quote = %+v, %v", q, ok)
	}
	if _, ok := after.Relation("works_for"); !ok {
		t.Error("no relation type works_for")
	}
	for _, l := range before.Labels {
		got, ok := after.Find(l.Name)
		if !ok || got.Kind != l.Kind || got.Color != l.Color || got.Key != l.Key || len(got.Attributes) < len(l.Attributes) {
			t.Errorf("label %s changed: %+v -> %+v", l.Name, l, got)
		}
	}
	for _, r := range before.RelationTypes() {
		if _, ok := after.Relation(r.Name); !ok {
			t.Errorf("relation type %s is gone", r.Name)
		}
	}
	if use := run(t, home, "check", "--db", db); use.code != 0 {
		t.Errorf("check after the merge: %d %s %s", use.code, use.stdout, use.stderr)
	}

	again := run(t, home, "codebook", "--db", db, "--import", cfg, "--format", "labelstudio")
	if again.code != 0 || !strings.Contains(again.stderr, "nothing changed") || strings.Contains(again.stdout, "added") {
		t.Errorf("second import: code %d, stdout %q, stderr %q", again.code, again.stdout, again.stderr)
	}
}

// `glossa codebook --export` writes each format (brat: a folder of
// annotation.conf and visual.conf), and another project imports each back
// with the relation types and guidelines it carries.
func TestCodebookExportImport(t *testing.T) {
	home := t.TempDir()
	db := filepath.Join(home, "p.glossa")
	st := openProject(t, db)
	for _, e := range []annotation.CodebookEdit{
		{Op: annotation.OpAddRelation, Relation: annotation.RelationType{Name: "contradicts", From: []annotation.Kind{annotation.KindClaim}, To: []annotation.Kind{annotation.KindClaim}}},
		{Op: annotation.OpAddLabel, At: -1, Def: annotation.Label{Name: "Hedge", Kind: annotation.KindCue, Color: "#123456", Attributes: []annotation.AttributeDef{{Name: "strength", Values: []string{"weak", "strong"}}}}},
		{Op: annotation.OpSetGuidelines, Guidelines: "# Rules\n\nTag every hedge."},
		{Op: annotation.OpSetVerbs, Verbs: []string{"opine", "opined", "co-signed"}},
	} {
		if _, err := st.EditCodebook(e); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	for _, format := range []string{"glossa", "brat", "labelstudio"} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(home, "codebook-"+format)
			r := run(t, home, "codebook", "--db", db, "--export", out, "--format", format)
			if r.code != 0 {
				t.Fatalf("export: code %d, stderr %q", r.code, r.stderr)
			}
			imported := out
			if format == "brat" {
				for _, f := range []string{"annotation.conf", "visual.conf"} {
					if _, err := os.Stat(filepath.Join(out, f)); err != nil {
						t.Errorf("no %s: %v", f, err)
					}
				}
				imported = filepath.Join(out, "annotation.conf")
			}
			other := filepath.Join(home, "other-"+format+".glossa")
			// A project made with the bare default codebook: no
			// guidelines of its own, so the file's are taken.
			bare := annotation.DefaultLabelSet()
			ost, err := storage.Open(other, storage.Options{Codebook: &bare})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := ost.EditCodebook(annotation.CodebookEdit{Op: annotation.OpSetVerbs, Verbs: []string{"harrumphed", "opine"}}); err != nil {
				t.Fatal(err)
			}
			ost.Close()
			r = run(t, home, "codebook", "--db", other, "--import", imported)
			if r.code != 0 {
				t.Fatalf("import: code %d, stderr %q", r.code, r.stderr)
			}
			got := projectLabels(t, other)
			h, ok := got.Find("Hedge")
			if !ok || h.Color != "#123456" || !slices.ContainsFunc(h.Attributes, func(a annotation.AttributeDef) bool { return a.Name == "strength" }) {
				t.Errorf("Hedge = %+v, %v", h, ok)
			}
			if format != "brat" && h.Kind != annotation.KindCue {
				t.Errorf("Hedge's kind %q; want cue", h.Kind)
			}
			if _, ok := got.Relation("contradicts"); !ok {
				t.Error("no relation type contradicts")
			}
			if got.Guidelines != "# Rules\n\nTag every hedge." {
				t.Errorf("guidelines %q", got.Guidelines)
			}
			// The verbs merge as a union: the project's first, then the file's it lacks.
			if want := []string{"harrumphed", "opine", "opined", "co-signed"}; !slices.Equal(got.Verbs, want) {
				t.Errorf("verbs %q, want %q", got.Verbs, want)
			}
			if !strings.Contains(r.stdout, "the reporting verbs are now harrumphed, opine, opined, co-signed\n") {
				t.Errorf("the import does not say what became of the verbs:\n%s", r.stdout)
			}
		})
	}
}

// A codebook given to `glossa import` is refused with a sentence that
// names the command that merges it; bad arguments are usage errors.
func TestCodebookArguments(t *testing.T) {
	home := t.TempDir()
	db := filepath.Join(home, "p.glossa")
	openProject(t, db).Close()
	cfg := writeFile(t, home, "labeling.xml", lsConfig)
	conf := writeFile(t, home, "brat/annotation.conf", "[entities]\nPerson\n[relations]\n[events]\n[attributes]\n")
	for _, p := range []string{cfg, conf} {
		r := run(t, home, "import", "--db", db, p)
		if r.code == 0 || !strings.Contains(r.stderr, "glossa codebook --db "+db+" --import "+p) {
			t.Errorf("import %s: code %d, stderr %q", p, r.code, r.stderr)
		}
	}
	for _, args := range [][]string{
		{"codebook", "--db", db, "--import", cfg, "--export", "x"},
		{"codebook", "--db", db, "--export", filepath.Join(home, "x")},
		{"codebook", "--db", db, "--import", cfg, "--format", "doccano"},
		{"codebook", "--db", db, "--format", "brat"},
	} {
		if r := run(t, home, args...); r.code != 2 {
			t.Errorf("%q: code %d, stderr %q; want a usage error", args, r.code, r.stderr)
		}
	}
	notes := writeFile(t, home, "notes.txt", "hello")
	if r := run(t, home, "codebook", "--db", db, "--import", notes); r.code == 0 || !strings.Contains(r.stderr, "not a codebook Glossa recognises") {
		t.Errorf("import of a text file: code %d, stderr %q", r.code, r.stderr)
	}
	if r := run(t, home, "codebook", "--db", db, "--export", db, "--format", "glossa"); r.code == 0 || !strings.Contains(r.stderr, "project file itself") {
		t.Errorf("export over the project: code %d, stderr %q", r.code, r.stderr)
	}
}
