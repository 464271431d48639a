package labelstudio

import (
	"bytes"
	"encoding/xml"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"glossa/annotation"
)

func readConfigFixture(t *testing.T) (annotation.LabelSet, []string) {
	t.Helper()
	f, err := os.Open("testdata/config.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, warn, err := ReadConfig(f, "config.xml")
	if err != nil {
		t.Fatal(err)
	}
	return s, warn
}

// A config like Label Studio's NER and relation templates, with per-region
// choices and text areas: labels with colours, keys and hints, relation
// types, attributes on the labels whenLabelValue names; what a codebook has
// no place for is warned, line by line.
func TestReadConfig(t *testing.T) {
	s, warn := readConfigFixture(t)
	var got []string
	for _, l := range s.Labels {
		got = append(got, strings.Join([]string{l.Name, string(l.Kind), l.Color, l.Key, l.Description}, ":"))
	}
	want := []string{"Quote:claim:#ffa500:q:What was said.", "Speaker:source:#1e90ff:2:", "PER:entity:#ff0000:3:",
		"ORG:entity:#ff8c00::", "Cue:cue:#eb5757::"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("labels\n got %q\nwant %q", got, want)
	}
	attrs := func(name string) []annotation.AttributeDef {
		l, _ := s.Find(name)
		return l.Attributes
	}
	verdict := annotation.AttributeDef{Name: "verdict", Values: []string{"True", "false", "Unverifiable"}, Default: "Unverifiable"}
	comment := annotation.AttributeDef{Name: "comment"}
	speaker := annotation.AttributeDef{Name: "speaker type", Values: []string{"named", "anonymous"}}
	for label, want := range map[string][]annotation.AttributeDef{
		"Quote":   {verdict, comment},
		"Speaker": {speaker, comment},
		"PER":     {speaker, comment},
		"ORG":     {comment},
		"Cue":     {comment},
	} {
		if got := attrs(label); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: attributes\n got %+v\nwant %+v", label, got, want)
		}
	}
	said, _ := annotation.LabelSet{}.Relation("said_by")
	wantRels := []annotation.RelationType{said, {Name: "org:founded_by"}}
	if !reflect.DeepEqual(s.Relations, wantRels) {
		t.Errorf("relations\n got %+v\nwant %+v", s.Relations, wantRels)
	}
	for _, w := range []string{
		`config.xml:12: <Labels> attribute choice="single"`,
		`config.xml:16: label "ORG": alias "Organisation" is not kept`,
		`config.xml:17: label "Cue": colour "rebeccapurple"`,
		`config.xml:17: label "Cue": hotkey "ctrl+c" is not a Glossa key`,
		`config.xml:17: <Label> attribute maxusages="5"`,
		`choices "speaker type": several choices at once`,
		`choices "sentiment" is about the whole text`,
		`text area "summary" is about the whole text`,
		`<Rating> has no place in a Glossa codebook`,
		`<RectangleLabels> labels regions of images`,
		`<Image> has no place`,
		`hotkeys taken by two labels are kept on the first only`,
	} {
		if !strings.Contains(strings.Join(warn, "\n"), w) {
			t.Errorf("no warning %q in\n%s", w, strings.Join(warn, "\n"))
		}
	}
	for _, w := range warn {
		if strings.Contains(w, `"note"`) || strings.Contains(w, "fragment") || strings.Contains(w, "<text>") || strings.Contains(w, "<header>") {
			t.Errorf("warning about what Glossa keeps or needs not keep: %s", w)
		}
	}
}

// Label Studio config -> Glossa -> Label Studio config -> Glossa keeps the
// codebook, and the written config is one Label Studio's parser takes:
// well-formed, a Text object called text that every control points at,
// control names unique.
func TestConfigRoundTrip(t *testing.T) {
	s, _ := readConfigFixture(t)
	var b bytes.Buffer
	if _, err := WriteConfig(&b, s); err != nil {
		t.Fatal(err)
	}
	checkConfig(t, b.Bytes())
	back, warn, err := ReadConfig(bytes.NewReader(b.Bytes()), "written.xml")
	if err != nil {
		t.Fatal(err)
	}
	if len(warn) != 0 {
		t.Errorf("reading a written config warns: %q", warn)
	}
	if !reflect.DeepEqual(byName(back), byName(s)) {
		t.Errorf("round trip\n got %+v\nwant %+v", back, s)
	}
}

// Every template -> Label Studio -> Glossa is the template: kinds,
// relation types with their kinds and descriptions, keys, descriptions,
// attributes with defaults, the guidelines and the reporting verbs come
// back.
func TestTemplatesThroughConfig(t *testing.T) {
	for _, tpl := range annotation.Templates() {
		t.Run(tpl.Name, func(t *testing.T) {
			s := tpl.Codebook()
			s.Verbs = []string{"opine", "opined", "co-signed"} // a hyphen, which the comment escapes
			var b bytes.Buffer
			warn, err := WriteConfig(&b, s)
			if err != nil {
				t.Fatal(err)
			}
			if len(warn) != 0 {
				t.Errorf("warnings %q", warn)
			}
			checkConfig(t, b.Bytes())
			back, warn, err := ReadConfig(&b, "t.xml")
			if err != nil {
				t.Fatal(err)
			}
			if len(warn) != 0 {
				t.Errorf("read warnings %q", warn)
			}
			want := s.Clone()
			want.Relations = want.RelationTypes()
			if want.Labels == nil {
				want.Labels = []annotation.Label{}
			}
			if back.Labels == nil {
				back.Labels = []annotation.Label{}
			}
			if !reflect.DeepEqual(byName(back), byName(want)) {
				t.Errorf("round trip\n got %+v\nwant %+v", back, want)
			}
		})
	}
}

// A codebook whose labels differ on an attribute, or name it like one of
// the config's own controls, writes what Label Studio can hold and says
// what it could not.
func TestWriteConfigWarns(t *testing.T) {
	s := annotation.LabelSet{Labels: []annotation.Label{
		{Name: "A & <B>", Kind: annotation.KindClaim, Color: "#112233", Description: `say "hi"`,
			Attributes: []annotation.AttributeDef{{Name: "x", Values: []string{"1", "2"}}, {Name: "note", Values: []string{"n"}}}},
		{Name: "C", Kind: annotation.KindOther, Color: "#445566", Attributes: []annotation.AttributeDef{{Name: "x", Values: []string{"3"}}}},
	}, Guidelines: "-- a rule --\n--> not a comment end"}
	var b bytes.Buffer
	warn, err := WriteConfig(&b, s)
	if err != nil {
		t.Fatal(err)
	}
	checkConfig(t, b.Bytes())
	if len(warn) != 2 || !strings.Contains(warn[0], `"note"`) || !strings.Contains(warn[1], "union") {
		t.Errorf("warnings %q; want the reserved name and the union", warn)
	}
	back, _, err := ReadConfig(&b, "w.xml")
	if err != nil {
		t.Fatal(err)
	}
	if back.Guidelines != s.Guidelines || back.Labels[0].Name != "A & <B>" || back.Labels[0].Description != `say "hi"` {
		t.Errorf("read back %+v", back)
	}
	if x, _ := back.Labels[1].Attribute("x"); !reflect.DeepEqual(x.Values, []string{"1", "2", "3"}) {
		t.Errorf("C's x = %+v; want the union 1, 2, 3", x)
	}
}

func TestReadConfigRefuses(t *testing.T) {
	for name, in := range map[string]string{
		"not xml":      `{"labels": []}`,
		"not a view":   `<Labels name="l" toName="t"><Label value="A"/></Labels>`,
		"unclosed":     `<View><Labels name="l" toName="t"><Label value="A"/></View>`,
		"two roots":    `<View/><View/>`,
		"bad comment":  `<View><!-- glossa-codebook {bad --></View>`,
		"empty":        ``,
		"only comment": `<!-- nothing -->`,
	} {
		if _, _, err := ReadConfig(strings.NewReader(in), "c.xml"); err == nil {
			t.Errorf("%s: read without error", name)
		}
	}
	if !DetectConfig([]byte("\uFEFF<?xml version=\"1.0\"?>\n<!-- x -->\n<View>")) || DetectConfig([]byte(`<html><View>`)) || DetectConfig([]byte(`[{"data":{}}]`)) {
		t.Error("DetectConfig is wrong")
	}
}

// byName is s with each label's attributes sorted by name: a config lists
// controls, not each label's order of them.
func byName(s annotation.LabelSet) annotation.LabelSet {
	s = s.Clone()
	for _, l := range s.Labels {
		slices.SortFunc(l.Attributes, func(a, b annotation.AttributeDef) int { return strings.Compare(a.Name, b.Name) })
	}
	return s
}

// checkConfig checks what Label Studio's parser asks of a config.
func checkConfig(t *testing.T, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	names := map[string]bool{}
	var text bool
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() == "EOF" {
				break
			}
			t.Fatalf("not well-formed: %v\n%s", err, data)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attrs := map[string]string{}
		for _, a := range se.Attr {
			attrs[a.Name.Local] = a.Value
		}
		if se.Name.Local == "Text" && attrs["name"] == "text" && attrs["value"] == "$text" {
			text = true
		}
		if n, ok := attrs["name"]; ok {
			if names[n] {
				t.Errorf("two tags named %q", n)
			}
			names[n] = true
		}
		if to, ok := attrs["toName"]; ok && to != "text" {
			t.Errorf("<%s> toName %q; want text", se.Name.Local, to)
		}
	}
	if !text {
		t.Errorf("no <Text name=\"text\" value=\"$text\"/> in\n%s", data)
	}
}

// FuzzReadConfig: any input is read or refused without panic, and what is
// read is written and read again.
func FuzzReadConfig(f *testing.F) {
	data, err := os.ReadFile("testdata/config.xml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`<View><Labels name="l" toName="t"><Label value="A" hotkey="1"/></Labels><Relations><Relation value="r"/></Relations></View>`))
	f.Fuzz(func(t *testing.T, in []byte) {
		s, _, err := ReadConfig(bytes.NewReader(in), "f.xml")
		if err != nil {
			return
		}
		var b bytes.Buffer
		if _, err := WriteConfig(&b, s); err != nil {
			t.Fatal(err)
		}
		if _, _, err := ReadConfig(&b, "again.xml"); err != nil {
			t.Fatalf("a written config is refused: %v\n%s", err, b.String())
		}
	})
}
