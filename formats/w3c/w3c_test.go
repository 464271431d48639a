package w3c

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"glossa/annotation"
	"glossa/formats/dataset"
	it "glossa/formats/formattest"
)

func export(t *testing.T, opts dataset.ExportOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	it.Export(t, NewWriter(dataset.SingleOutput(&buf), opts), it.Header(), it.Bundles())
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	it.Golden(t, "fixture.jsonld", export(t, dataset.ExportOptions{}))
	it.Golden(t, "fixture.jsonl", export(t, dataset.ExportOptions{W3CLines: true, BaseIRI: "https://example.org/glossa"}))
}

func TestRoundTrip(t *testing.T) {
	h, bundles := it.Header(), it.Bundles()
	for _, opts := range []dataset.ExportOptions{{}, {W3CLines: true}, {BaseIRI: "https://example.org/g/"}} {
		data := export(t, opts)
		ds, rep, err := Read(bytes.NewReader(data), "fixture", it.Lookup(bundles))
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Warnings) > 0 || len(rep.Dropped) > 0 {
			t.Errorf("%+v: warnings %v, dropped %v", opts, rep.Warnings, rep.Dropped)
		}
		if got, want := len(ds.Bundles), len(bundles); got != want {
			t.Fatalf("%+v: got %d bundles; want %d", opts, got, want)
		}
		for i, b := range ds.Bundles {
			if b.Document.ID != bundles[i].Document.ID {
				t.Errorf("bundle %d: got document %d; want the project's %d", i, b.Document.ID, bundles[i].Document.ID)
			}
			got := it.Canon(b, ds.Entities, it.All)
			want := it.Canon(bundles[i], h.Entities, it.All)
			if d := it.Diff(got, want); d != "" {
				t.Errorf("%+v: document %d round trip:\n%s", opts, b.Document.ID, d)
			}
		}
		it.CheckBundles(t, dataset.MergeLabels(h.Labels, ds, &rep), ds.Bundles)
	}
}

// TestOffsetsAreCodePoints slices the text by TextPositionSelector with an
// independent code point count ([]rune) and compares with the quote.
func TestOffsetsAreCodePoints(t *testing.T) {
	texts := map[string][]rune{}
	for _, b := range it.Bundles() {
		texts[documentSource(b.Document.URL, b.Document.SHA256, b.Document.Text)] = []rune(b.Document.Text)
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(export(t, dataset.ExportOptions{W3CLines: true}))), "\n") {
		var a struct {
			Target json.RawMessage `json:"target"`
		}
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatal(err)
		}
		var targets []target
		if json.Unmarshal(a.Target, &targets) != nil {
			continue // a link
		}
		for _, tg := range targets {
			pos, quote := tg.Selector[0], tg.Selector[1]
			got := string(texts[tg.Source][*pos.Start:*pos.End])
			if got != quote.Exact {
				t.Errorf("code points %d-%d hold %q; quote is %q", *pos.Start, *pos.End, got, quote.Exact)
			}
			if annotation.Len(quote.Prefix) > contextLen || annotation.Len(quote.Suffix) > contextLen {
				t.Errorf("prefix %q or suffix %q longer than %d code points", quote.Prefix, quote.Suffix, contextLen)
			}
			n++
		}
	}
	if n < 10 {
		t.Errorf("checked only %d targets", n)
	}
}

// TestReanchor feeds positions counted in UTF-16 units (what Hypothesis
// emits) and positions of an edited text: the quote finds the span again.
func TestReanchor(t *testing.T) {
	bundles := it.Bundles()
	doc := bundles[0].Document
	o := annotation.NewOffsets(doc.Text)
	src := "urn:sha256:" + doc.SHA256
	quote := "Zoe\u0301"
	want := strings.Index(doc.Text, quote)
	cp, _ := o.FromByte(want)
	in := `{"@context":"http://www.w3.org/ns/anno.jsonld","id":"x:1","type":"Annotation",
"body":{"type":"TextualBody","purpose":"tagging","value":"Person"},
"target":{"source":"` + src + `","selector":[{"type":"TextPositionSelector","start":` +
		itoa(o.UTF16(cp)) + `,"end":` + itoa(o.UTF16(cp+4)) + `},{"type":"TextQuoteSelector","exact":"` + quote + `","prefix":"Café "}]}}`
	ds, rep, err := Read(strings.NewReader(in), "h.json", it.Lookup(bundles))
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Bundles) != 1 || len(ds.Bundles[0].Annotations) != 1 {
		t.Fatalf("got %+v; want one annotation", ds.Bundles)
	}
	got := ds.Bundles[0].Annotations[0].Spans[0]
	if got.Start != cp || got.Text != quote {
		t.Errorf("got %+v; want start %d text %q", got, cp, quote)
	}
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "re-anchored") {
		t.Errorf("got warnings %q; want one re-anchoring warning", rep.Warnings)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestReadErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"{\"type\":\"Annotation\"}\n{\"type\":", "f.jsonl:2: invalid JSON"},
		{"\n\n[1]", "f.jsonl:3: expected a JSON object"},
		{`{"type":"Person"}`, "f.jsonl:1: object of type [Person]"},
		{`{"type":"AnnotationCollection","first":"http://x/p1"}`, "first page is a link"},
	}
	for _, tt := range tests {
		_, _, err := Read(strings.NewReader(tt.in), "f.jsonl", nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Read(%q): got %v; want %q", tt.in, err, tt.want)
		}
	}
}

func TestUnknownDocumentIsReported(t *testing.T) {
	_, rep, err := Read(bytes.NewReader(export(t, dataset.ExportOptions{})), "f", func(string, string) (annotation.Document, bool) { return annotation.Document{}, false })
	if err != nil {
		t.Fatal(err)
	}
	if rep.Dropped["annotation on a document not in the project"] == 0 || len(rep.Warnings) != 2 {
		t.Errorf("got dropped %v, warnings %q; want the two documents reported", rep.Dropped, rep.Warnings)
	}
}

// TestSchemas validates every exported annotation against every schema
// that annotationMusts.test lists.
func TestSchemas(t *testing.T) {
	musts := it.W3CMusts(t)
	for _, line := range strings.Split(strings.TrimSpace(string(export(t, dataset.ExportOptions{W3CLines: true}))), "\n") {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(line))
		if err != nil {
			t.Fatal(err)
		}
		for name, sch := range musts {
			if err := sch.Validate(inst); err != nil {
				t.Errorf("%s fails %s: %v", line[:min(len(line), 120)], name, err)
			}
		}
	}
	// The schemas do catch a broken annotation.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"id":"urn:x:1","type":"Annotation","target":{"source":"not a uri"}}`))
	failed := 0
	for _, sch := range musts {
		if sch.Validate(bad) != nil {
			failed++
		}
	}
	if failed == 0 {
		t.Error("an annotation without @context passes every must: the schemas are not loaded right")
	}
	// The collection's items are the same annotations.
	var coll struct {
		Type  string `json:"type"`
		Total int    `json:"total"`
		First struct {
			Items []json.RawMessage `json:"items"`
		} `json:"first"`
	}
	if err := json.Unmarshal(export(t, dataset.ExportOptions{}), &coll); err != nil {
		t.Fatal(err)
	}
	if coll.Type != "AnnotationCollection" || coll.Total != len(coll.First.Items) || coll.Total == 0 {
		t.Errorf("collection: type %q, total %d, %d items", coll.Type, coll.Total, len(coll.First.Items))
	}
}

func FuzzRead(f *testing.F) {
	var buf bytes.Buffer
	it.Export(f, NewWriter(dataset.SingleOutput(&buf), dataset.ExportOptions{W3CLines: true}), it.Header(), it.Bundles())
	lines := strings.Split(buf.String(), "\n")
	for _, l := range lines[:4] {
		f.Add(l)
	}
	f.Add(`{"type":"AnnotationCollection","first":{"type":"AnnotationPage","items":[]}}`)
	f.Add(`[{"type":"Annotation","target":"x:1","body":["x:2"]}]`)
	bundles := it.Bundles()
	lookup := it.Lookup(bundles)
	f.Fuzz(func(t *testing.T, in string) {
		ds, _, err := Read(strings.NewReader(in), "fuzz", lookup)
		if it.Refused(t, err) {
			return
		}
		it.CheckSpans(t, ds.Bundles)
	})
}

// TestSourceIsAnIRI: a document URL that is not an absolute IRI (as a
// front matter or a form gives it) is not written as the target's source,
// which the W3C schemas check; the text's urn:sha256 is, and import finds
// the document by it.
func TestSourceIsAnIRI(t *testing.T) {
	text := "Rates will rise."
	sha := annotation.TextSHA256(text)
	for _, tt := range []struct{ url, want string }{
		{"https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2"},
		{"https://exämple.org/ü", "https://exämple.org/ü"},
		{"example.org/page", "urn:sha256:" + sha},
		{"not a url", "urn:sha256:" + sha},
		{"https://example.org/a b", "urn:sha256:" + sha},
		{"", "urn:sha256:" + sha},
	} {
		o := annotation.NewOffsets(text)
		sp, _ := annotation.NewSpan(o, 0, 5)
		b := annotation.Bundle{Document: annotation.Document{ID: 1, Title: "x", Text: text, URL: tt.url},
			Annotations: []annotation.Annotation{{ID: 1, Label: "Claim", Spans: []annotation.Span{sp}}}}
		var buf bytes.Buffer
		it.Export(t, NewWriter(dataset.SingleOutput(&buf), dataset.ExportOptions{W3CLines: true}), dataset.Header{}, []annotation.Bundle{b})
		var a struct {
			Target []target `json:"target"`
		}
		if err := json.Unmarshal(buf.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		if got := a.Target[0].Source; got != tt.want {
			t.Errorf("URL %q: source %q; want %q", tt.url, got, tt.want)
		}
		withSHA := b
		withSHA.Document.SHA256 = sha
		ds, rep, err := Read(bytes.NewReader(buf.Bytes()), "x.jsonl", it.Lookup([]annotation.Bundle{withSHA}))
		if err != nil || len(ds.Bundles) != 1 || len(rep.Dropped) > 0 {
			t.Errorf("URL %q: import gives %d documents, dropped %v, %v; want the document found", tt.url, len(ds.Bundles), rep.Dropped, err)
		}
		t.Run("musts", func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			for name, sch := range it.W3CMusts(t) {
				if err := sch.Validate(inst); err != nil {
					t.Errorf("URL %q: fails %s: %v", tt.url, name, err)
				}
			}
		})
	}
}
