package labelstudio

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/formats/dataset"
	it "glossa/formats/formattest"
)

func export(t testing.TB) []byte {
	var buf bytes.Buffer
	it.Export(t, NewWriter(dataset.SingleOutput(&buf)), it.Header(), it.Bundles())
	return buf.Bytes()
}

func TestGolden(t *testing.T) { it.Golden(t, "fixture.json", export(t)) }

func TestRoundTrip(t *testing.T) {
	ds, rep, err := Read(bytes.NewReader(export(t)), "fixture.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Warnings) > 0 || len(rep.Dropped) > 0 {
		t.Errorf("warnings %q, dropped %v", rep.Warnings, rep.Dropped)
	}
	h, bundles := it.Header(), it.Bundles()
	if len(ds.Bundles) != len(bundles) {
		t.Fatalf("got %d tasks; want %d", len(ds.Bundles), len(bundles))
	}
	for i, b := range ds.Bundles {
		if b.Document.Text != bundles[i].Document.Text || b.Document.Title != bundles[i].Document.Title {
			t.Errorf("task %d: text or title differs", i)
		}
		if d := it.Diff(it.Canon(b, ds.Entities, it.All), it.Canon(bundles[i], h.Entities, it.All)); d != "" {
			t.Errorf("task %d:\n%s", i, d)
		}
	}
	it.CheckBundles(t, ds.Labels, ds.Bundles)
}

// TestOffsetsAreCodePoints slices each region with an independent code
// point count ([]rune) and compares with the region's text.
func TestOffsetsAreCodePoints(t *testing.T) {
	var tasks []task
	if err := json.Unmarshal(export(t), &tasks); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, tk := range tasks {
		runes := []rune(tk.Data["text"])
		for _, r := range tk.Annotations[0].Result {
			if r.Type != "labels" {
				continue
			}
			if got := string(runes[*r.Value.Start:*r.Value.End]); got != r.Value.Text {
				t.Errorf("region %s: code points %d-%d hold %q; text %q", r.ID, *r.Value.Start, *r.Value.End, got, r.Value.Text)
			}
			n++
		}
	}
	if n < 15 {
		t.Errorf("checked %d regions", n)
	}
}

// TestReadOtherTools reads a task as Label Studio exports it: offsets that
// count UTF-16 units after an emoji (Label Studio#1347), a region whose
// text is elsewhere, one whose text is absent, a relation drawn leftwards,
// a per-document choice, and a cancelled annotation.
func TestReadOtherTools(t *testing.T) {
	in := `[{"id": 7, "data": {"text": "😀 Ann said: rain. Rain!"},
 "annotations": [
  {"completed_by": 3, "result": [
   {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 3, "end": 6, "text": "Ann", "labels": ["Speaker"]}},
   {"id": "r2", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 12, "end": 17, "text": "rain.", "labels": ["Quote"]}},
   {"id": "r3", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 4, "text": "Rain", "labels": ["Weather", "Topic"]}},
   {"id": "r4", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 2, "text": "snow", "labels": ["Weather"]}},
   {"from_id": "r1", "to_id": "r2", "type": "relation", "direction": "left", "labels": ["said_by"]},
   {"from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["neutral"]}},
   {"id": "r1", "from_name": "speaker_type", "to_name": "text", "type": "choices", "value": {"start": 3, "end": 6, "choices": ["named"]}}
  ]},
  {"was_cancelled": true, "result": []}
 ]}]`
	ds, rep, err := Read(strings.NewReader(in), "ls.json")
	if err != nil {
		t.Fatal(err)
	}
	got := it.Canon(ds.Bundles[0], nil, it.All)
	want := []string{
		`Speaker@2-5:Ann attrs[speaker_type=named] note"" links[]`,
		`Quote@12-17:rain. attrs[] note"" links[said_by->Speaker@2-5:Ann]`,
		`Weather@18-22:Rain attrs[] note"" links[]`,
		`Topic@18-22:Rain attrs[] note"" links[]`,
	}
	if d := it.Diff(got, want); d != "" {
		t.Errorf("got:\n%s\ndiff:\n%s", strings.Join(got, "\n"), d)
	}
	if rep.Dropped["region whose text is not in the task"] != 1 || rep.Dropped["cancelled annotation of a task"] != 1 ||
		rep.Dropped["choices result not tied to a region"] != 1 || rep.Dropped["relation to a missing region"] != 0 {
		t.Errorf("dropped %v", rep.Dropped)
	}
	if k, _ := ds.Labels.Find("Quote"); k.Kind != annotation.KindClaim {
		t.Errorf("Quote kind %q; want claim", k.Kind)
	}
	if ds.Bundles[0].Annotations[0].Author != "user 3" {
		t.Errorf("author %q", ds.Bundles[0].Annotations[0].Author)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"[\n{\"data\": {\"text\": \"a\"}},\n{\"data\": 5}\n]", "f:3: task 2 is not a Label Studio task"},
		{"[\n{\"data\": {\"a\": \"x\", \"b\": \"y\"}}]", "f:2: task 1 has no data.text"},
		{"[{\"data\": {\"text\": \"a\"}}\n\n,", "f:3: invalid JSON"},
	}
	for _, tt := range tests {
		_, _, err := Read(strings.NewReader(tt.in), "f")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: got %v; want %q", tt.in, err, tt.want)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add(string(export(f)))
	f.Add(`{"data":{"text":"ab"},"predictions":[{"result":[{"id":"x","type":"labels","value":{"start":0,"end":1,"text":"a","labels":["A"]}},{"type":"relation","from_id":"x","to_id":"x","labels":["fragment"]}]}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		ds, _, err := Read(strings.NewReader(in), "fuzz")
		if it.Refused(t, err) {
			return
		}
		it.CheckBundles(t, ds.Labels, ds.Bundles)
	})
}

// TestRelationLabelsOfLinkTypes: a relation label that is a link type
// written another way (case, '-', '_', space) is that link type.
func TestRelationLabelsOfLinkTypes(t *testing.T) {
	for _, label := range []string{"SaidBy", "said-by", "Said By", "SAID_BY"} {
		in := `[{"data":{"text":"Rates rise, Ben said."},"annotations":[{"result":[
{"id":"a","from_name":"label","to_name":"text","type":"labels","value":{"start":0,"end":10,"text":"Rates rise","labels":["Claim"]}},
{"id":"b","from_name":"label","to_name":"text","type":"labels","value":{"start":12,"end":15,"text":"Ben","labels":["Source"]}},
{"type":"relation","from_id":"a","to_id":"b","direction":"right","labels":["` + label + `"]}]}]}]`
		ds, rep, err := Read(strings.NewReader(in), "ls.json")
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Dropped) > 0 {
			t.Errorf("%s: dropped %v; want none", label, rep.Dropped)
		}
		a := ds.Bundles[0].Annotations[0]
		if len(a.LinksOf(annotation.LinkSaidBy)) != 1 {
			t.Errorf("%s: links %+v; want one said_by", label, a.Links)
		}
	}
}
