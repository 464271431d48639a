package brat

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"glossa/annotation"
	"glossa/formats/dataset"
	it "glossa/formats/formattest"
)

func export(t testing.TB) *it.MemOutput {
	t.Helper()
	out := &it.MemOutput{}
	it.Export(t, NewWriter(out), it.Header(), it.Bundles())
	return out
}

func TestGolden(t *testing.T) {
	out := export(t)
	for _, name := range out.Names {
		it.Golden(t, "fixture/"+name, out.Files[name].Bytes())
	}
}

func checkRoundTrip(t *testing.T, ds dataset.Dataset, rep dataset.Report) {
	t.Helper()
	h, bundles := it.Header(), it.Bundles()
	if len(rep.Warnings) > 0 || len(rep.Dropped) > 0 {
		t.Errorf("warnings %q, dropped %v", rep.Warnings, rep.Dropped)
	}
	if len(ds.Bundles) != len(bundles) {
		t.Fatalf("got %d documents; want %d", len(ds.Bundles), len(bundles))
	}
	for i, b := range ds.Bundles {
		if b.Document.Text != bundles[i].Document.Text {
			t.Errorf("document %d: text differs", i)
		}
		if d := it.Diff(it.Canon(b, ds.Entities, it.All), it.Canon(bundles[i], h.Entities, it.All)); d != "" {
			t.Errorf("document %d round trip:\n%s", i, d)
		}
	}
	// Kinds and colours come back from annotation.conf.
	for _, l := range ds.Labels.Labels {
		want, ok := h.Labels.Find(l.Name)
		if !ok || want.Kind != l.Kind || want.Color != l.Color {
			t.Errorf("label %+v; want %+v", l, want)
		}
	}
	if len(rep.NewLabels) != 0 {
		t.Errorf("NewLabels %v: every label was declared in annotation.conf", rep.NewLabels)
	}
	for _, e := range ds.Entities {
		if e.Name == "Jane Doe" && e.ExternalID != "Q42" {
			t.Errorf("entity %+v lost its Wikidata id", e)
		}
	}
	it.CheckBundles(t, ds.Labels, ds.Bundles)
}

func TestRoundTripFolder(t *testing.T) {
	dir := t.TempDir()
	it.Export(t, NewWriter(dataset.DirOutput(dir)), it.Header(), it.Bundles())
	ds, rep, err := Read(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	checkRoundTrip(t, ds, rep)
}

func TestRoundTripZip(t *testing.T) {
	var buf bytes.Buffer
	out, closer := dataset.ZipOutput(&buf)
	it.Export(t, NewWriter(out), it.Header(), it.Bundles())
	if err := closer.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	ds, rep, err := Read(zr, "fixture.zip")
	if err != nil {
		t.Fatal(err)
	}
	checkRoundTrip(t, ds, rep)
}

// TestOffsetsAreCodePoints slices each .txt by the T lines' offsets with an
// independent code point count ([]rune).
func TestOffsetsAreCodePoints(t *testing.T) {
	out := export(t)
	n := 0
	for _, name := range out.Names {
		if !strings.HasSuffix(name, ".ann") {
			continue
		}
		text := []rune(out.Files[strings.TrimSuffix(name, ".ann")+".txt"].String())
		for _, l := range strings.Split(out.Files[name].String(), "\n") {
			if !strings.HasPrefix(l, "T") {
				continue
			}
			f := strings.Split(l, "\t")
			var parts []string
			for _, r := range strings.Split(strings.SplitN(f[1], " ", 2)[1], ";") {
				se := strings.Fields(r)
				s, _ := strconv.Atoi(se[0])
				e, _ := strconv.Atoi(se[1])
				parts = append(parts, string(text[s:e]))
			}
			if got := strings.Join(parts, " "); got != f[2] {
				t.Errorf("%s: offsets hold %q; text field %q", l, got, f[2])
			}
			n++
		}
	}
	if n < 10 {
		t.Errorf("checked %d T lines", n)
	}
}

// An attribution corpus: each attribution an event with Source, Cue and
// Content roles; a file with CRLF line ends and a byte order mark; and a
// T line counted in UTF-16 units.
func TestReadEvents(t *testing.T) {
	text := "\uFEFFLine one.\r\nThe mayor 😀 said the road is closed.\r\n"
	ann := strings.Join([]string{
		"T1\tSource 12 21\tThe mayor",
		"T2\tCue 24 28\tsaid",
		"T3\tContent 29 48\tthe road is closed.",
		"T4\tAttribution 24 28\tsaid",
		"E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
		"T5\tPlace 33 37\troad",
		"E2\tMention:T5 Theme:E1",
		"A1\tFactuality E1 Fact",
		"#1\tAnnotatorNotes E1\tfrom the fixture",
		"N1\tReference T1 Wikidata:Q1\tSomeone",
		"R1\tCoref Arg1:T1 Arg2:T5",
		"T6\tPlace 34 38\troad",
		"T7\tPlace 1 3\tnothing",
		"*\tEquiv T1 T5",
		"",
	}, "\n")
	fsys := fstest.MapFS{"d/x.txt": {Data: []byte(text)}, "d/x.ann": {Data: []byte(ann)}}
	ds, rep, err := Read(fsys, "corpus")
	if err != nil {
		t.Fatal(err)
	}
	b := ds.Bundles[0]
	if b.Document.Text != "Line one.\nThe mayor 😀 said the road is closed.\n" {
		t.Fatalf("text %q", b.Document.Text)
	}
	got := it.Canon(b, ds.Entities, it.All)
	want := []string{
		`Attribution@22-26:said attrs[] note"" links[]`,
		`Content@27-46:the road is closed. attrs[Factuality=Fact] note"from the fixture" links[cue->Cue@22-26:said,said_by->Source@10-19:The mayor]`,
		`Cue@22-26:said attrs[] note"" links[]`,
		`Place@31-35:road attrs[] note"" links[]`,
		// Relation names and event roles Glossa lacks are kept as
		// relation types of their own (issue 19).
		`Place@31-35:road attrs[] note"" links[Theme->Content@27-46:the road is closed.]`,
		`Source@10-19:The mayor attrs[] note"" entity:Someone links[Coref->Place@31-35:road]`,
	}
	if d := it.Diff(got, want); d != "" {
		t.Errorf("events:\n%s\ngot:\n%s", d, strings.Join(got, "\n"))
	}
	if k, _ := ds.Labels.Find("Content"); k.Kind != annotation.KindClaim {
		t.Errorf("Content has kind %q; want claim", k.Kind)
	}
	if k, _ := ds.Labels.Find("Source"); k.Kind != annotation.KindSource {
		t.Errorf("Source has kind %q; want source", k.Kind)
	}
	wantDropped := map[string]int{
		"equivalence (*) line": 1,
		"text-bound annotation whose text does not match the document": 1,
	}
	for k, v := range wantDropped {
		if rep.Dropped[k] != v {
			t.Errorf("dropped[%q] = %d; want %d (all: %v)", k, rep.Dropped[k], v, rep.Dropped)
		}
	}
	if len(rep.Warnings) != 2 || !strings.Contains(rep.Warnings[0], "corpus/d/x.ann:12: T6: offsets count UTF-16 units") ||
		!strings.Contains(rep.Warnings[1], "corpus/d/x.ann:13: T7") {
		t.Errorf("warnings %q", rep.Warnings)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ ann, want string }{
		{"T1\tClaim 0 x\tab", "c/a.ann:1: text-bound annotation T1: span \"0 x\""},
		{"T1\tClaim 0 2\tab\nR1\tsaid_by Arg1:T1", "c/a.ann:2: relation R1"},
		{"T1\tClaim 0 2\tab\n\nX1\tfoo", "c/a.ann:3: annotation id \"X1\""},
		{"E1\tNoTrigger", "c/a.ann:1: event E1"},
		{"T1 Claim 0 2 ab", "c/a.ann:1: annotation T1 Claim 0 2 ab has no tab"},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{"a.txt": {Data: []byte("ab cd")}, "a.ann": {Data: []byte(tt.ann)}}
		_, _, err := Read(fsys, "c")
		var le *dataset.LineError
		if err == nil || !errors.As(err, &le) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: got %v; want %q", tt.ann, err, tt.want)
		}
	}
	if _, _, err := Read(fstest.MapFS{"a.txt": {Data: []byte("x")}}, "empty"); err == nil {
		t.Error("a folder without .ann files: got no error")
	}
}

func FuzzRead(f *testing.F) {
	out := export(f)
	for _, name := range out.Names {
		if strings.HasSuffix(name, ".ann") {
			f.Add(out.Files[name].String())
		}
	}
	f.Add("T1\tA 0 3;4 5\tThe m\nE1\tX:T1 Content:T1 Source:E1\n")
	f.Add("E1\tA:E2\nE2\tB:E1\n")
	text := []byte(it.Text1)
	f.Fuzz(func(t *testing.T, ann string) {
		fsys := fstest.MapFS{"0001-minister-on-prices.txt": {Data: text}, "0001-minister-on-prices.ann": {Data: []byte(ann)}}
		ds, _, err := Read(fsys, "fuzz")
		if it.Refused(t, err) {
			return
		}
		it.CheckSpans(t, ds.Bundles)
	})
}

// TestRelationNamesOfLinkTypes: a relation whose name is a link type
// written another way (case, '-', '_') is that link type, not related.
func TestRelationNamesOfLinkTypes(t *testing.T) {
	for _, name := range []string{"SaidBy", "said-by", "Said_By", "SAID_BY", "said_by"} {
		ann := "T1\tClaim 0 10\tRates rise\nT2\tSource 12 15\tBen\nR1\t" + name + " Arg1:T1 Arg2:T2\t\n"
		ds, rep, err := Read(fstest.MapFS{"a.txt": {Data: []byte("Rates rise, Ben said.")}, "a.ann": {Data: []byte(ann)}}, "c")
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Dropped) > 0 || len(rep.Warnings) > 0 {
			t.Errorf("%s: dropped %v, warnings %q; want none", name, rep.Dropped, rep.Warnings)
		}
		a := ds.Bundles[0].Annotations[0]
		if got := a.LinksOf(annotation.LinkSaidBy); len(got) != 1 {
			t.Errorf("%s: links %+v; want one said_by", name, a.Links)
		}
	}
}
