package doccano

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf16"

	"glossa/annotation"
	"glossa/formats/dataset"
	it "glossa/formats/formattest"
)

func export(t testing.TB) []byte {
	var buf bytes.Buffer
	it.Export(t, NewWriter(dataset.SingleOutput(&buf)), it.Header(), it.Bundles())
	return buf.Bytes()
}

func TestGolden(t *testing.T) { it.Golden(t, "fixture.jsonl", export(t)) }

func TestRoundTrip(t *testing.T) {
	ds, rep, err := Read(bytes.NewReader(export(t)), "fixture.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Warnings) > 0 || len(rep.Dropped) > 0 {
		t.Errorf("warnings %q, dropped %v", rep.Warnings, rep.Dropped)
	}
	bundles := it.Bundles()
	keep := it.Keep{Links: true} // doccano has no attributes, notes or entity references
	for i, b := range ds.Bundles {
		if b.Document.Text != bundles[i].Document.Text || b.Document.Title != bundles[i].Document.Title {
			t.Errorf("document %d: text or title differs", i)
		}
		if d := it.Diff(it.Canon(b, nil, keep), it.Canon(bundles[i], nil, keep)); d != "" {
			t.Errorf("document %d:\n%s", i, d)
		}
	}
	it.CheckBundles(t, ds.Labels, ds.Bundles)
}

// TestOffsetsAreUTF16 slices the text as UTF-16 code units, independently
// of annotation.Offsets, and checks that each entity covers a span of the
// fixture.
func TestOffsetsAreUTF16(t *testing.T) {
	want := map[string]bool{}
	for _, b := range it.Bundles() {
		for _, a := range b.Annotations {
			for _, s := range a.Spans {
				want[s.Text] = true
			}
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(string(export(t))), "\n") {
		var r record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		units := utf16.Encode([]rune(r.Text))
		for _, e := range r.Entities {
			got := string(utf16.Decode(units[e.StartOffset:e.EndOffset]))
			if !want[got] {
				t.Errorf("entity %d: UTF-16 %d-%d holds %q, not a fixture span", e.ID, e.StartOffset, e.EndOffset, got)
			}
		}
	}
}

func TestReadLegacyAndProblems(t *testing.T) {
	in := `{"text": "😀 Ann said hi", "label": [[3, 6, "PER"], [0, 1, "Emoji"]]}` + "\n" +
		`{"text": "x", "entities": [{"id": 1, "label": "A", "start_offset": 0, "end_offset": 9}], "relations": [{"id": 2, "from_id": 1, "to_id": 7, "type": "r"}]}`
	ds, rep, err := Read(strings.NewReader(in), "in.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	got := it.Canon(ds.Bundles[0], nil, it.Keep{})
	want := []string{"PER@2-5:Ann"}
	if d := it.Diff(got, want); d != "" {
		t.Errorf("legacy:\n%s", d)
	}
	if k, _ := ds.Labels.Find("PER"); k.Kind != annotation.KindEntity {
		t.Errorf("PER kind %q; want entity", k.Kind)
	}
	if rep.Dropped["entity with offsets outside the text"] != 2 || rep.Dropped["relation to a missing entity"] != 1 {
		t.Errorf("dropped %v", rep.Dropped)
	}
	if len(rep.Warnings) != 3 || !strings.HasPrefix(rep.Warnings[0], "in.jsonl:1: entity 2 (Emoji)") || !strings.HasPrefix(rep.Warnings[2], "in.jsonl:2: relation 2") {
		t.Errorf("warnings %q", rep.Warnings)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"{\"text\":\"a\"}\n\n{oops", "f:3: invalid JSON"},
		{`{"id": 1}`, "f:1: no \"text\" field"},
		{`{"text": "a\r\nb"}`, "f:1: text holds CR"},
		{`{"text": "ab", "label": [[0, "x"]]}`, "f:1: label 1 is not"},
	}
	for _, tt := range tests {
		_, _, err := Read(strings.NewReader(tt.in), "f")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: got %v; want %q", tt.in, err, tt.want)
		}
	}
}

func FuzzRead(f *testing.F) {
	for _, l := range strings.Split(string(export(f)), "\n") {
		f.Add(l)
	}
	f.Add(`{"text":"ab","label":[[0,1,"A"]]}`)
	f.Add(`{"text":"abc","entities":[{"id":1,"label":"A","start_offset":0,"end_offset":1},{"id":2,"label":"A","start_offset":1,"end_offset":3}],"relations":[{"id":3,"from_id":1,"to_id":2,"type":"fragment"},{"id":4,"from_id":2,"to_id":1,"type":"fragment"}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		ds, _, err := Read(strings.NewReader(in), "fuzz")
		if it.Refused(t, err) {
			return
		}
		it.CheckBundles(t, ds.Labels, ds.Bundles)
	})
}

// TestRelationTypesOfLinkTypes: a relation type that is a link type
// written another way (case, '-', '_', space) is that link type.
func TestRelationTypesOfLinkTypes(t *testing.T) {
	for _, typ := range []string{"SaidBy", "said-by", "Said By", "SAID_BY"} {
		in := `{"id":1,"text":"Rates rise, Ben said.","entities":[{"id":1,"label":"Claim","start_offset":0,"end_offset":10},{"id":2,"label":"Source","start_offset":12,"end_offset":15}],"relations":[{"id":3,"from_id":1,"to_id":2,"type":"` + typ + `"}]}` + "\n"
		ds, rep, err := Read(strings.NewReader(in), "d.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Dropped) > 0 {
			t.Errorf("%s: dropped %v; want none", typ, rep.Dropped)
		}
		a := ds.Bundles[0].Annotations[0]
		if len(a.LinksOf(annotation.LinkSaidBy)) != 1 {
			t.Errorf("%s: links %+v; want one said_by", typ, a.Links)
		}
	}
}
