package registry

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/formats/dataset"
	it "glossa/formats/formattest"
)

// linkTypes lists the types of every link of ds, sorted.
func linkTypes(ds dataset.Dataset) []string {
	var out []string
	for _, b := range ds.Bundles {
		for _, a := range b.Annotations {
			for _, l := range a.Links {
				out = append(out, string(l.Type))
			}
		}
	}
	slices.Sort(out)
	return out
}

// reexport merges ds's codebook into the default project's, as an import
// does, and writes ds back in format to a fresh path (a folder for brat);
// it returns that path and the merged codebook.
func reexport(t *testing.T, format, name string, ds dataset.Dataset) (string, annotation.LabelSet) {
	t.Helper()
	var rep dataset.Report
	labels := dataset.MergeLabels(annotation.DefaultLabelSet(), ds, &rep)
	if err := labels.Validate(); err != nil {
		t.Fatalf("merged codebook: %v", err)
	}
	it.CheckBundles(t, labels, ds.Bundles)
	path := filepath.Join(t.TempDir(), name)
	var buf bytes.Buffer
	out := dataset.SingleOutput(&buf)
	if format == FormatBrat {
		out = dataset.DirOutput(path)
	}
	it.Export(t, newWriter(t, format, out, dataset.ExportOptions{}), dataset.Header{Project: "p", Labels: labels}, ds.Bundles)
	if format != FormatBrat {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return path, labels
}

// brat -> Glossa -> brat keeps every relation name: R types and event
// roles Glossa does not have become relation types of the project, and the
// export's R lines and annotation.conf name them again (issue 19).
func TestRelationNamesRoundTripBrat(t *testing.T) {
	dir := t.TempDir()
	text := "Acme hired Ruiz in Lyon.\n"
	ann := strings.Join([]string{
		"T1\tOrganization 0 4\tAcme",
		"T2\tPerson 11 15\tRuiz",
		"T3\tGPE 19 23\tLyon",
		"T4\tHire 5 10\thired",
		"R1\tEmployer-Of Arg1:T1 Arg2:T2",
		"R2\tLocated_In Arg1:T1 Arg2:T3",
		"R3\tSaidBy Arg1:T1 Arg2:T2",
		"E1\tHire:T4 Employee:T2 Place:T3",
		"",
	}, "\n")
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte(text), 0o644)
	os.WriteFile(filepath.Join(dir, "a.ann"), []byte(ann), 0o644)
	ds, rep, err := read(t, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Employee", "Employer-Of", "Located_In", "Place", "said_by"}
	if got := linkTypes(ds); !slices.Equal(got, want) {
		t.Errorf("links read %q; want %q", got, want)
	}
	if len(rep.Dropped) > 0 {
		t.Errorf("dropped %v", rep.Dropped)
	}
	out, labels := reexport(t, FormatBrat, "out", ds)
	for _, name := range []string{"Employer-Of", "Located_In", "Employee", "Place"} {
		if _, ok := labels.Relation(name); !ok {
			t.Errorf("merged codebook lacks relation type %q", name)
		}
	}
	again, _, err := read(t, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := linkTypes(again); !slices.Equal(got, want) {
		t.Errorf("links after brat -> Glossa -> brat %q; want %q", got, want)
	}
	conf, _ := os.ReadFile(filepath.Join(out, "annotation.conf"))
	for _, line := range []string{"Employer-Of\tArg1:", "Located_In\tArg1:", "said_by\tArg1:"} {
		if !bytes.Contains(conf, []byte("\n"+line)) {
			t.Errorf("annotation.conf lacks %q:\n%s", line, conf)
		}
	}
}

// Label Studio -> Glossa -> Label Studio keeps relation labels, spaces
// included; Label Studio -> Glossa -> brat writes them with underscores
// and brat -> Glossa gives the original names back.
func TestRelationNamesRoundTripLabelStudio(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ls.json")
	os.WriteFile(path, []byte(`[{"id":1,"data":{"text":"Acme hired Ruiz."},"annotations":[{"result":[
{"id":"a","from_name":"label","to_name":"text","type":"labels","value":{"start":0,"end":4,"text":"Acme","labels":["ORG"]}},
{"id":"b","from_name":"label","to_name":"text","type":"labels","value":{"start":11,"end":15,"text":"Ruiz","labels":["PER"]}},
{"from_id":"a","to_id":"b","type":"relation","direction":"right","labels":["works for"]},
{"from_id":"b","to_id":"a","type":"relation","direction":"right","labels":["About"]},
{"from_id":"b","to_id":"a","type":"relation","direction":"right","labels":[]}]}]}]`), 0o644)
	ds, rep, err := read(t, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"about", "related", "works for"}
	if got := linkTypes(ds); !slices.Equal(got, want) || len(rep.Dropped) > 0 {
		t.Errorf("links read %q, dropped %v; want %q", got, rep.Dropped, want)
	}
	for _, format := range []string{FormatLabelStudio, FormatBrat} {
		out, _ := reexport(t, format, "out.json", ds)
		again, _, err := read(t, out, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := linkTypes(again); !slices.Equal(got, want) {
			t.Errorf("%s: links after the round trip %q; want %q", format, got, want)
		}
	}
}
