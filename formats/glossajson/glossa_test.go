package glossajson

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"glossa/annotation"
	"glossa/formats/dataset"
	it "glossa/formats/formattest"
)

// spanOf returns the span of the n-th (from 0) occurrence of sub in o's text.
func spanOf(t testing.TB, o *annotation.Offsets, sub string, n int) annotation.Span {
	t.Helper()
	text, from := o.Text(), 0
	for {
		i := strings.Index(text[from:], sub)
		if i < 0 {
			t.Fatalf("%q (occurrence %d) not in the text", sub, n)
		}
		if n == 0 {
			start, _ := o.FromByte(from + i)
			end, _ := o.FromByte(from + i + len(sub))
			s, err := annotation.NewSpan(o, start, end)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		n--
		from += i + len(sub)
	}
}

func fixtureTime(min int) time.Time {
	return time.Date(2025, 3, 14, 9, min, 5, 123456789, time.UTC)
}

// fixture is the test dataset: every kind of text and annotation feature the
// format carries. Its bundles are in the canonical form DecodeDataset returns.
func fixture(t testing.TB) (dataset.Header, []annotation.Bundle) {
	t.Helper()
	h := dataset.Header{
		Project: "fixture-project",
		Labels:  annotation.DefaultLabelSet(),
		Entities: []annotation.Entity{
			{ID: 1, Name: "Marie Dupont", Type: "Person", Aliases: []string{"Dupont", "la ministre"}, ExternalID: "Q0"},
			{ID: 2, Name: "東京都", Type: "Location"},
			{ID: 3, Name: "وزارة المالية", Type: "Organisation", Note: "RTL name <&> \"quoted\""},
		},
		Layers: []annotation.LayerInfo{
			{Name: "", Annotations: 9, Articles: 2},
			{Name: "李明", Annotations: 3, Articles: 1},
			{Name: annotation.CuratedLayer, Curated: true, Annotations: 1, Articles: 1},
		},
	}
	var bundles []annotation.Bundle

	// Latin text with combining marks, emoji (ZWJ sequences, flags,
	// skin tones) and typographic quotes.
	text1 := "Ce\u0301le\u0300bre: the minister 👩🏽‍⚕️ Marie Dupont said “prices rose 5% 📈 in 🇫🇷”.\n\nDupont, who spoke in Paris, added that the rise would not last.\nTabs\tand <html> & \"quotes\" stay."
	o := annotation.NewOffsets(text1)
	d1 := annotation.Document{
		ID: 1, Title: "Café prices — a “test” 👩🏽‍⚕️", Outlet: "Le Journal", URL: "https://example.org/a?b=1&c=2",
		Authors: []string{"A. Writer", "B. Écrivain"}, Published: "2025-03-13", Retrieved: "2025-03-14T08:00:00Z",
		Language: "fr", Status: annotation.StatusInProgress, Origin: "article-1.html",
		Created: fixtureTime(0), Modified: fixtureTime(1), Text: text1,
	}
	d1.SHA256 = annotation.TextSHA256(text1)
	bundles = append(bundles, annotation.Bundle{Document: d1, Annotations: []annotation.Annotation{
		{ID: 10, DocID: 1, Label: "Claim", Spans: []annotation.Span{spanOf(t, o, "prices rose 5% 📈 in 🇫🇷", 0)},
			Attributes: map[string]string{annotation.AttrVerdict: "mixed", annotation.AttrCheckWorthy: "yes", "zz": "last", "aa": "first"},
			Note:       "Check INSEE figures.\nSecond line of the note.",
			Links:      []annotation.Link{{Type: annotation.LinkSaidBy, Target: 11}, {Type: annotation.LinkCue, Target: 12}},
			Author:     "annotator-1", Created: fixtureTime(2), Modified: fixtureTime(3),
			Provenance: annotation.Provenance{Origin: annotation.OriginPerson}},
		{ID: 11, DocID: 1, Label: "Source", Spans: []annotation.Span{spanOf(t, o, "Marie Dupont", 0)},
			Attributes: map[string]string{annotation.AttrSourceType: "named"}, Entity: 1,
			Links:  []annotation.Link{{Type: annotation.LinkIs, Target: 13}},
			Author: "annotator-1", Created: fixtureTime(4), Modified: fixtureTime(4),
			Provenance: annotation.Provenance{Origin: annotation.OriginPerson}},
		{ID: 12, DocID: 1, Label: "Other", Spans: []annotation.Span{spanOf(t, o, "said", 0)},
			Created: fixtureTime(5), Modified: fixtureTime(5),
			Provenance: annotation.Provenance{Origin: annotation.OriginSuggested, Rule: "cue-verbs v2", Confidence: 0.875, Review: annotation.ReviewAccepted, Reviewer: "Ana"}},
		// A discontinuous span: "Dupont … added that the rise would not last".
		{ID: 13, DocID: 1, Label: "Claim", Spans: []annotation.Span{spanOf(t, o, "Dupont", 1), spanOf(t, o, "added that the rise would not last", 0)},
			Note: "discontinuous", Created: fixtureTime(6), Modified: fixtureTime(7),
			Provenance: annotation.Provenance{Origin: annotation.OriginImport}},
		{ID: 14, DocID: 1, Label: "Person", Spans: []annotation.Span{spanOf(t, o, "👩🏽‍⚕️", 0)},
			Provenance: annotation.Provenance{Origin: annotation.OriginSuggested, Rule: "ner", Confidence: 0.1, Review: annotation.ReviewPending}},
		{ID: 15, DocID: 1, Label: "Other", Spans: []annotation.Span{spanOf(t, o, "Ce\u0301le\u0300bre", 0)},
			Provenance: annotation.Provenance{Origin: annotation.OriginPerson}},
	}})

	// CJK, with a supplementary-plane ideograph.
	text2 := "東京都の知事は「物価が𠮷上がった」と述べた。\n知事は東京都庁で記者会見を開いた。"
	o = annotation.NewOffsets(text2)
	d2 := annotation.Document{ID: 2, Title: "東京の物価", Language: "ja", Status: annotation.StatusDone,
		Origin: "tokyo.txt", Created: fixtureTime(10), Modified: fixtureTime(11), Text: text2}
	d2.SHA256 = annotation.TextSHA256(text2)
	bundles = append(bundles, annotation.Bundle{Document: d2, Annotations: []annotation.Annotation{
		// One annotator's layer.
		{ID: 20, DocID: 2, Label: "Location", Spans: []annotation.Span{spanOf(t, o, "東京都", 0)}, Entity: 2, Layer: "李明",
			Provenance: annotation.Provenance{Origin: annotation.OriginPerson}},
		{ID: 21, DocID: 2, Label: "Claim", Spans: []annotation.Span{spanOf(t, o, "物価が𠮷上がった", 0)},
			Links: []annotation.Link{{Type: annotation.LinkAbout, Target: 20}}, Layer: "李明",
			Provenance: annotation.Provenance{Origin: annotation.OriginPerson}},
		{ID: 22, DocID: 2, Label: "Location", Spans: []annotation.Span{spanOf(t, o, "東京都", 1)}, Entity: 2, Layer: "李明",
			Provenance: annotation.Provenance{Origin: annotation.OriginPerson}},
	}})

	// Arabic and Hebrew, right to left, with an Arabic combining mark.
	text3 := "قالت وزارة المالية إن الأسعار ارتفعتْ بنسبة ٥٪.\nמשרד האוצר אמר כי המחירים עלו ב־5%."
	o = annotation.NewOffsets(text3)
	d3 := annotation.Document{ID: 3, Title: "الأسعار", Language: "ar", Status: annotation.StatusNew,
		Origin: "rtl.md", Text: text3}
	d3.SHA256 = annotation.TextSHA256(text3)
	bundles = append(bundles, annotation.Bundle{Document: d3, Annotations: []annotation.Annotation{
		{ID: 30, DocID: 3, Label: "Organisation", Spans: []annotation.Span{spanOf(t, o, "وزارة المالية", 0)}, Entity: 3,
			Provenance: annotation.Provenance{Origin: annotation.OriginPerson}},
		{ID: 31, DocID: 3, Label: "Claim", Spans: []annotation.Span{spanOf(t, o, "الأسعار ارتفعتْ", 0), spanOf(t, o, "המחירים עלו", 0)},
			Attributes: map[string]string{"language": "ar+he"},
			Links:      []annotation.Link{{Type: annotation.LinkSaidBy, Target: 30}},
			Provenance: annotation.Provenance{Origin: annotation.OriginPerson}},
		// A curated copy of 30, with the version it was taken from.
		{ID: 32, DocID: 3, Label: "Organisation", Spans: []annotation.Span{spanOf(t, o, "وزارة المالية", 0)}, Entity: 3,
			Author: "Ana", Layer: annotation.CuratedLayer, Created: fixtureTime(12), Modified: fixtureTime(12),
			Provenance: annotation.Provenance{Origin: annotation.OriginCurated}},
	}})
	last := bundles[len(bundles)-1].Annotations
	last[2].Provenance.From = []annotation.Version{annotation.VersionOf(last[0], nil)}

	// A document without annotations.
	text4 := "No annotations here."
	bundles = append(bundles, annotation.Bundle{Document: annotation.Document{ID: 4, Title: "Empty", Status: annotation.StatusNew,
		Text: text4, SHA256: annotation.TextSHA256(text4)}})
	return h, bundles
}

// testOpts names a variant and its options in table tests.
type testOpts struct {
	JSONLines bool
	Offsets   []string
	Indent    bool
}

func (o testOpts) encoder(w io.Writer) *Encoder {
	v := Object
	if o.JSONLines {
		v = Lines
	}
	return NewEncoder(w, v, dataset.ExportOptions{Offsets: o.Offsets, Indent: o.Indent})
}

func encode(t testing.TB, opts testOpts, h dataset.Header, bundles []annotation.Bundle) []byte {
	t.Helper()
	var buf bytes.Buffer
	e := opts.encoder(&buf)
	if err := e.Begin(h); err != nil {
		t.Fatal(err)
	}
	for _, b := range bundles {
		if err := e.Bundle(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.End(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decode(t testing.TB, data []byte) (dataset.Header, []annotation.Bundle) {
	t.Helper()
	var (
		h       dataset.Header
		bundles []annotation.Bundle
		headers int
	)
	err := DecodeDataset(bytes.NewReader(data), func(hd dataset.Header) error {
		h = hd
		headers++
		return nil
	}, func(b annotation.Bundle) error {
		bundles = append(bundles, b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if headers != 1 {
		t.Fatalf("onHeader called %d times, want 1", headers)
	}
	return h, bundles
}

var goldens = []struct {
	file string
	opts testOpts
}{
	{"dataset.json", testOpts{}},
	{"dataset.indent.json", testOpts{Indent: true, Offsets: []string{"codepoint", "utf16", "byte"}}},
	{"dataset.jsonl", testOpts{JSONLines: true}},
	{"dataset.offsets.jsonl", testOpts{JSONLines: true, Offsets: []string{"byte", "utf16"}}},
}

// The fixture sets every field of an annotation, so that the golden files
// and round trips fail for a field the dataset codec does not carry.
func TestFixtureCoversAnnotation(t *testing.T) {
	_, bundles := fixture(t)
	var anns []annotation.Annotation
	for _, b := range bundles {
		anns = append(anns, b.Annotations...)
	}
	it.CoversAnnotation(t, anns)
}

func TestGolden(t *testing.T) {
	h, bundles := fixture(t)
	for _, g := range goldens {
		t.Run(g.file, func(t *testing.T) {
			got := encode(t, g.opts, h, bundles)
			path := filepath.Join("testdata", g.file)
			if it.Update() {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("encoding differs from %s (run go test -update if the change is intended):\n%s", path, firstDiff(got, want))
			}

			// Decoding gives the fixture back, and encoding that gives
			// the same bytes.
			dh, dbundles := decode(t, got)
			if !reflect.DeepEqual(dh, h) {
				t.Errorf("decoded header:\n got %+v\nwant %+v", dh, h)
			}
			if !reflect.DeepEqual(dbundles, bundles) {
				for i := range min(len(dbundles), len(bundles)) {
					if !reflect.DeepEqual(dbundles[i], bundles[i]) {
						t.Errorf("decoded bundle %d:\n got %+v\nwant %+v", i, dbundles[i], bundles[i])
					}
				}
				t.Fatalf("decoded %d bundles, want %d", len(dbundles), len(bundles))
			}
			if again := encode(t, g.opts, dh, dbundles); !bytes.Equal(again, got) {
				t.Errorf("encode(decode(x)) != x:\n%s", firstDiff(again, got))
			}
			validateSchema(t, got, g.opts.JSONLines)
		})
	}
}

func firstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(i-60, 0)
	return fmt.Sprintf("at byte %d:\n got …%s…\nwant …%s…", i, got[from:min(i+60, len(got))], want[from:min(i+60, len(want))])
}

func compileSchema(t testing.TB, frag string) *jsonschema.Schema { return it.GlossaSchema(t, frag) }

func validateSchema(t *testing.T, data []byte, lines bool) {
	t.Helper()
	it.ValidateGlossa(t, data, lines)
}

// TestSchemaRejects makes sure the schema is not vacuous.
func TestSchemaRejects(t *testing.T) {
	h, bundles := fixture(t)
	good := string(encode(t, testOpts{}, h, bundles[3:]))
	s := compileSchema(t, "")
	for _, tc := range []struct{ name, from, to string }{
		{"format", `"format":"glossa"`, `"format":"brat"`},
		{"version", `"version":1`, `"version":2`},
		{"offsets", `"offsets":"codepoint"`, `"offsets":"utf16"`},
		{"status", `"status":"new"`, `"status":"old"`},
		{"sha256", `"sha256":"`, `"sha256":"x`},
		{"unknown member", `"title":`, `"titel":"x","title":`},
	} {
		bad := strings.Replace(good, tc.from, tc.to, 1)
		if bad == good {
			t.Fatalf("%s: %q not in the output", tc.name, tc.from)
		}
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if s.Validate(v) == nil {
			t.Errorf("%s: schema accepts %s", tc.name, bad)
		}
	}
}

func TestEncodeEmpty(t *testing.T) {
	for _, tc := range []struct {
		opts testOpts
		want string
	}{
		{testOpts{}, `{"format":"glossa","version":1,"offsets":"codepoint","project":"","labels":[],"entities":[],"documents":[]}` + "\n"},
		{testOpts{Indent: true}, "{\n  \"format\": \"glossa\",\n  \"version\": 1,\n  \"offsets\": \"codepoint\",\n  \"project\": \"\",\n  \"labels\": [],\n  \"entities\": [],\n  \"documents\": []\n}\n"},
		{testOpts{JSONLines: true, Indent: true}, `{"format":"glossa-lines","version":1,"offsets":"codepoint","project":"","labels":[],"entities":[]}` + "\n"},
	} {
		got := string(encode(t, tc.opts, dataset.Header{}, nil))
		if got != tc.want {
			t.Errorf("%+v:\n got %q\nwant %q", tc.opts, got, tc.want)
		}
		h, b := decode(t, []byte(got))
		if h.Project != "" || len(b) != 0 {
			t.Errorf("%+v: decoded %+v, %d bundles", tc.opts, h, len(b))
		}
	}
}

func TestEncoderRefuses(t *testing.T) {
	text := "Ünïcode 😀 text for spans."
	good := annotation.Document{ID: 5, Title: "doc five", Text: text}
	span := func(s, e int, txt string) annotation.Span { return annotation.Span{Start: s, End: e, Text: txt} }
	ann := func(spans ...annotation.Span) []annotation.Annotation {
		return []annotation.Annotation{{ID: 9, Label: "Claim", Spans: spans}}
	}
	for _, tc := range []struct {
		name string
		b    annotation.Bundle
		want error
	}{
		{"span text", annotation.Bundle{Document: good, Annotations: ann(span(8, 9, "x"))}, annotation.ErrSpanText},
		{"span text of a surrogate pair", annotation.Bundle{Document: good, Annotations: ann(span(8, 10, "😀"))}, annotation.ErrSpanText},
		{"no spans", annotation.Bundle{Document: good, Annotations: ann()}, annotation.ErrNoSpans},
		{"empty span", annotation.Bundle{Document: good, Annotations: ann(span(3, 3, ""))}, annotation.ErrEmptySpan},
		{"out of range", annotation.Bundle{Document: good, Annotations: ann(span(20, 99, "spans."))}, annotation.ErrSpanOutOfRange},
		{"unsorted", annotation.Bundle{Document: good, Annotations: ann(span(8, 9, "😀"), span(0, 1, "Ü"))}, annotation.ErrSpanOverlap},
		{"checksum", annotation.Bundle{Document: annotation.Document{ID: 5, Title: "doc five", Text: text, SHA256: strings.Repeat("0", 64)}}, annotation.ErrChecksum},
		{"invalid UTF-8", annotation.Bundle{Document: annotation.Document{ID: 5, Title: "doc five", Text: "a\xffb"}}, annotation.ErrInvalidText},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			e := testOpts{JSONLines: true}.encoder(&buf)
			if err := e.Begin(dataset.Header{}); err != nil {
				t.Fatal(err)
			}
			before := buf.Len()
			err := e.Bundle(tc.b)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), "document 5") {
				t.Errorf("error %q does not name the document", err)
			}
			if len(tc.b.Annotations) > 0 && !strings.Contains(err.Error(), "annotation 9") {
				t.Errorf("error %q does not name the annotation", err)
			}
			if err := e.End(); err != nil {
				t.Fatal(err)
			}
			if buf.Len() != before {
				t.Errorf("the refused document was written: %q", buf.Bytes()[before:])
			}
		})
	}
}

func TestEncoderMisuse(t *testing.T) {
	e := testOpts{Offsets: []string{"utf-16"}}.encoder(&bytes.Buffer{})
	if err := e.Begin(dataset.Header{}); err == nil || !strings.Contains(err.Error(), "utf-16") {
		t.Errorf("Begin with a bad offset unit: got %v", err)
	}
	e = testOpts{}.encoder(&bytes.Buffer{})
	if err := e.Bundle(annotation.Bundle{}); err == nil {
		t.Error("Bundle before Begin: no error")
	}
	e = testOpts{}.encoder(&bytes.Buffer{})
	if err := e.End(); err == nil {
		t.Error("End before Begin: no error")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestEncoderWriteError(t *testing.T) {
	e := testOpts{}.encoder(failWriter{})
	err := e.Begin(dataset.Header{})
	if err == nil {
		err = e.End()
	}
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("got %v, want the writer's error", err)
	}
}

func TestDecodeErrors(t *testing.T) {
	h, bundles := fixture(t)
	obj := string(encode(t, testOpts{}, h, bundles))
	lines := string(encode(t, testOpts{JSONLines: true, Offsets: []string{"utf16"}}, h, bundles))
	// the first annotation span of document 2 (id 2) is 東京都 at 0-3
	for _, tc := range []struct {
		name, in string
		want     error
		contains []string
	}{
		{"empty", "", ErrFormat, []string{"empty"}},
		{"blank", " \n\t ", ErrFormat, []string{"empty"}},
		{"array", "[1,2]", ErrFormat, []string{"JSON object"}},
		{"no format", `{"version":1,"offsets":"codepoint","documents":[]}`, ErrFormat, []string{`"format"`}},
		{"other format", `{"format":"brat","version":1,"offsets":"codepoint","documents":[]}`, ErrFormat, []string{`"brat"`}},
		{"version 2", strings.Replace(obj, `"version":1`, `"version":2`, 1), ErrFormat, []string{"version 2"}},
		{"version string", strings.Replace(obj, `"version":1`, `"version":"1"`, 1), ErrFormat, []string{"version"}},
		{"offset unit", strings.Replace(obj, `"offsets":"codepoint"`, `"offsets":"utf16"`, 1), ErrFormat, []string{`"utf16"`}},
		{"lines version", strings.Replace(lines, `"version":1`, `"version":3`, 1), ErrFormat, []string{"line 1", "version 3"}},
		{"lines offsets", strings.Replace(lines, `"offsets":"codepoint"`, `"offsets":"byte"`, 1), ErrFormat, []string{"line 1"}},
		{"extra unit", strings.Replace(lines, `"extra_offsets":["utf16"]`, `"extra_offsets":["utf32"]`, 1), ErrFormat, []string{"utf32"}},
		{"trailing data", obj + "{}", ErrFormat, []string{"after"}},
		{"truncated", obj[:len(obj)/2], ErrFormat, nil},
		{"deep", `{"format":"glossa","version":1,"offsets":"codepoint","x":` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `,"documents":[]}`, ErrFormat, []string{"nested"}},
		{"deep document", strings.Replace(obj, `"note":"discontinuous"`, `"note":"discontinuous","x":`+strings.Repeat("[", 40)+strings.Repeat("]", 40), 1), ErrFormat, []string{"nested", "document 1"}},
		{"header after documents", strings.Replace(obj, "\n]}", `],"project":"late"}`, 1), ErrFormat, []string{"after the documents"}},
		{"documents not array", `{"format":"glossa","version":1,"offsets":"codepoint","documents":{}}`, ErrFormat, []string{"not an array"}},
		{"checksum", strings.Replace(obj, "知事は東京都庁で", "知事は京都庁で", 1), annotation.ErrChecksum, []string{"document 2 (id 2)"}},
		{"span text", strings.Replace(obj, `"text":"東京都"`, `"text":"京都府"`, 1), annotation.ErrSpanText, []string{"document 2 (id 2)", "annotation 1 (id 20)"}},
		{"span range", strings.Replace(obj, `"start":0,"end":3,"text":"東京都"`, `"start":0,"end":4,"text":"東京都"`, 1), annotation.ErrSpanText, []string{"document 2 (id 2)"}},
		{"lines span text", strings.Replace(lines, `"text":"東京都"`, `"text":"京都府"`, 1), annotation.ErrSpanText, []string{"line 3", "document 2 (id 2)"}},
		{"lines utf16", strings.Replace(lines, `"utf16":{"start":0,"end":3}`, `"utf16":{"start":0,"end":4}`, 1), ErrFormat, []string{"line 3", "utf16"}},
		{"lines bad json", lines + "{\"id\":\n", ErrFormat, []string{"line 6", "document 5"}},
		{"status", strings.Replace(obj, `"status":"done"`, `"status":"finished"`, 1), ErrFormat, []string{"document 2", "finished"}},
		{"time", strings.Replace(obj, `"created":"2025-03-14T09:10:05.123456789Z"`, `"created":"yesterday"`, 1), ErrFormat, []string{"document 2", "yesterday"}},
		{"CR in text", strings.Replace(obj, `"text":"No annotations here."`, `"text":"No\r\nannotations"`, 1), annotation.ErrInvalidText, []string{"document 4"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.in == obj || tc.in == lines {
				t.Fatal("the test case does not change the dataset")
			}
			err := DecodeDataset(strings.NewReader(tc.in), nil, nil)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			for _, s := range tc.contains {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
		})
	}
}

func TestDecodeCallbackError(t *testing.T) {
	h, bundles := fixture(t)
	stop := errors.New("stop")
	for _, opts := range []testOpts{{}, {JSONLines: true}} {
		data := encode(t, opts, h, bundles)
		n := 0
		err := DecodeDataset(bytes.NewReader(data), nil, func(annotation.Bundle) error {
			n++
			if n == 2 {
				return stop
			}
			return nil
		})
		if err != stop || n != 2 {
			t.Errorf("%+v: got %v after %d bundles, want stop after 2", opts, err, n)
		}
		if err := DecodeDataset(bytes.NewReader(data), func(dataset.Header) error { return stop }, nil); err != stop {
			t.Errorf("%+v: onHeader error: got %v", opts, err)
		}
	}
}

// TestDecodeForeignOrder reads a dataset whose header members are in another
// order, with unknown members, a UTF-8 byte order mark and CRLF line ends
// between JSON Lines, as other tools may write it.
func TestDecodeForeignOrder(t *testing.T) {
	h, bundles := fixture(t)
	lines := string(encode(t, testOpts{JSONLines: true}, h, bundles))
	for name, in := range map[string]string{
		"object":                       `{"generator":{"name":"x"},"project":"p","offsets":"codepoint","version":1,"format":"glossa","documents":[]}`,
		"lines":                        "\uFEFF" + strings.ReplaceAll(lines, "\n", "\r\n\r\n"),
		"lines with members reordered": strings.Replace(lines, `{"format":"glossa-lines","version":1`, `{"version":1,"format":"glossa-lines"`, 1),
	} {
		_, got := decode(t, []byte(in))
		if name != "object" && len(got) != len(bundles) {
			t.Errorf("%s: decoded %d bundles, want %d", name, len(got), len(bundles))
		}
	}
}

func BenchmarkEncode(b *testing.B) {
	bundles := benchBundles(1000, 100)
	b.ResetTimer()
	for range b.N {
		e := testOpts{}.encoder(discard{})
		e.Begin(dataset.Header{Labels: annotation.DefaultLabelSet()})
		for _, bd := range bundles {
			if err := e.Bundle(bd); err != nil {
				b.Fatal(err)
			}
		}
		e.End()
	}
}

func BenchmarkDecode(b *testing.B) {
	var buf bytes.Buffer
	e := testOpts{JSONLines: true}.encoder(&buf)
	e.Begin(dataset.Header{Labels: annotation.DefaultLabelSet()})
	for _, bd := range benchBundles(1000, 100) {
		e.Bundle(bd)
	}
	e.End()
	b.SetBytes(int64(buf.Len()))
	b.ResetTimer()
	for range b.N {
		if err := DecodeDataset(bytes.NewReader(buf.Bytes()), nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// benchBundles makes docs documents of about 6,000 code points with anns
// annotations each.
func benchBundles(docs, anns int) []annotation.Bundle {
	para := "The minister said on Tuesday that prices “rose by 5% in 2024” — a claim the opposition disputes. 😀 "
	text := strings.Repeat(para, 60)
	o := annotation.NewOffsets(text)
	n := annotation.Len(para)
	out := make([]annotation.Bundle, docs)
	for d := range out {
		doc := annotation.Document{ID: uint64(d + 1), Title: fmt.Sprintf("Document %d", d+1), Text: text,
			Status: annotation.StatusNew, Created: fixtureTime(0), Modified: fixtureTime(1)}
		as := make([]annotation.Annotation, anns)
		for i := range as {
			p := (i % 60) * n
			s1, _ := annotation.NewSpan(o, p+4, p+12)
			s2, _ := annotation.NewSpan(o, p+36, p+60)
			as[i] = annotation.Annotation{ID: uint64(d*anns + i + 1), Label: "Claim", Spans: []annotation.Span{s1, s2},
				Attributes: map[string]string{"verdict": "mixed", "check-worthy": "yes"},
				Links:      []annotation.Link{{Type: annotation.LinkSaidBy, Target: 1}},
				Created:    fixtureTime(2), Modified: fixtureTime(3)}
		}
		out[d] = annotation.Bundle{Document: doc, Annotations: as}
	}
	return out
}

// TestFormatDocExample decodes the example of docs/FORMAT.md and validates
// it against the schema, so that the documentation stays true.
func TestFormatDocExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```json\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("no ```json example in docs/FORMAT.md")
	}
	h, bundles := decode(t, []byte(example))
	if len(bundles) != 1 || len(bundles[0].Annotations) != 2 {
		t.Fatalf("decoded %d bundles", len(bundles))
	}
	if got := encode(t, testOpts{}, h, bundles); string(got) != example {
		t.Errorf("the example is not as Glossa writes it:\n got %s\nwant %s", got, example)
	}
	validateSchema(t, []byte(example), false)
}

// TestEncodeDocumentWithoutAnnotations: the first document an encoder
// writes, without annotations, has "annotations": [] (it had null).
func TestEncodeDocumentWithoutAnnotations(t *testing.T) {
	text := "A plain article."
	b := annotation.Bundle{Document: annotation.Document{ID: 1, Title: "Plain", Text: text}}
	for _, opts := range []testOpts{{}, {JSONLines: true}, {Indent: true}, {Offsets: []string{UnitUTF16}}} {
		got := encode(t, opts, dataset.Header{}, []annotation.Bundle{b})
		if !bytes.Contains(bytes.ReplaceAll(got, []byte(" "), nil), []byte(`"annotations":[]`)) {
			t.Errorf("%+v: got %s; want \"annotations\": []", opts, got)
		}
		validateSchema(t, got, opts.JSONLines)
	}
}
