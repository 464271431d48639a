package brat

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"glossa/annotation"
)

func readFixture(t *testing.T) (annotation.LabelSet, []string) {
	t.Helper()
	conf, err := os.Open("testdata/codebook/annotation.conf")
	if err != nil {
		t.Fatal(err)
	}
	defer conf.Close()
	visual, err := os.Open("testdata/codebook/visual.conf")
	if err != nil {
		t.Fatal(err)
	}
	defer visual.Close()
	s, warn, err := ReadCodebook(conf, visual, "testdata/codebook/annotation.conf")
	if err != nil {
		t.Fatal(err)
	}
	return s, warn
}

// A brat annotation.conf like the documentation's, with its visual.conf:
// entities, relations (macros expanded), events (roles as relation types),
// attributes; what Glossa cannot keep is named in a warning.
func TestReadCodebook(t *testing.T) {
	s, warn := readFixture(t)
	var names []string
	for _, l := range s.Labels {
		names = append(names, l.Name+":"+string(l.Kind)+":"+l.Color)
	}
	want := []string{"Person:entity:#ffccaa", "Organization:entity:#8fb2ff", "GPE:entity:#7fe2ff", "Money:entity:#ff00bb",
		"Percent:entity:#eb5757", "Be-born:other:#00a3a3", "Marry:other:#f2994a", "Die:other:#828282", "Transfer-money:other:#d35400"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("labels\n got %q\nwant %q", names, want)
	}
	rel := func(name string) annotation.RelationType {
		r, ok := s.Relation(name)
		if !ok {
			t.Errorf("no relation type %q (have %v)", name, s.Relations)
		}
		return r
	}
	E, O := annotation.KindEntity, annotation.KindOther
	for name, want := range map[string]annotation.RelationType{
		"Located":    {Name: "Located", From: []annotation.Kind{E}, To: []annotation.Kind{E}, Color: "#ff0000"},
		"Employment": {Name: "Employment", From: []annotation.Kind{E}, To: []annotation.Kind{E}, Color: "#800080"},
		"Ownership":  {Name: "Ownership", From: []annotation.Kind{E}}, // Arg2 <ENTITY>: any
		"Equiv":      {Name: "Equiv", From: []annotation.Kind{E}, To: []annotation.Kind{E}},
		"Person-Arg": {Name: "Person-Arg", From: []annotation.Kind{O}, To: []annotation.Kind{E}},
		"Victim":     {Name: "Victim", From: []annotation.Kind{O}, To: []annotation.Kind{E}},
		"Giver-Arg":  {Name: "Giver-Arg", From: []annotation.Kind{O}, To: []annotation.Kind{E}},
	} {
		if got := rel(name); !reflect.DeepEqual(got, want) {
			t.Errorf("relation %s = %+v; want %+v", name, got, want)
		}
	}
	if _, ok := s.Relation("<OVERLAP>"); ok || len(s.Relations) != 13 {
		t.Errorf("relations %d: %+v", len(s.Relations), s.Relations)
	}
	die, _ := s.Find("Die")
	if want := []annotation.AttributeDef{{Name: "Negation", Values: []string{"true"}}, {Name: "Confidence", Values: []string{"Possible", "Likely", "Certain"}}}; !reflect.DeepEqual(die.Attributes, want) {
		t.Errorf("Die's attributes %+v; want %+v", die.Attributes, want)
	}
	if p, _ := s.Find("Person"); len(p.Attributes) != 1 || p.Attributes[0].Name != "Speculation" {
		t.Errorf("Person's attributes %+v", p.Attributes)
	}
	for _, w := range []string{"annotation.conf:10: the type hierarchy is flattened", "annotation.conf:22: relation Equiv: <REL-TYPE>",
		"annotation.conf:23: <OVERLAP> rules are not kept", `visual.conf:13: Die: colour "darkslateblue"`} {
		if !strings.Contains(strings.Join(warn, "\n"), w) {
			t.Errorf("no warning %q in\n%s", w, strings.Join(warn, "\n"))
		}
	}
}

// brat -> Glossa -> brat -> Glossa gives the same codebook; Glossa ->
// brat -> Glossa keeps names with spaces, kinds, colours, descriptions,
// guidelines and reporting verbs through the glossa- comments.
func TestCodebookRoundTrip(t *testing.T) {
	s, _ := readFixture(t)
	fact := annotation.FactCheckingTemplate()
	fact.Relations = append(fact.Relations, annotation.RelationType{Name: "works for", From: []annotation.Kind{annotation.KindSource}, Color: "#123456", Description: "Employment."})
	fact.Verbs = []string{"opine", "opined", "co-signed"}
	for i := range fact.Labels {
		fact.Labels[i].Key = "" // brat keeps no keys nor defaults (WriteCodebook warns)
		for j := range fact.Labels[i].Attributes {
			fact.Labels[i].Attributes[j].Default = ""
		}
	}
	for name, s := range map[string]annotation.LabelSet{"brat": s, "fact-checking": fact} {
		var conf, visual bytes.Buffer
		if _, err := WriteCodebook(&conf, &visual, s); err != nil {
			t.Fatal(err)
		}
		got, warn, err := ReadCodebook(bytes.NewReader(conf.Bytes()), bytes.NewReader(visual.Bytes()), "annotation.conf")
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, conf.Bytes())
		}
		if len(warn) > 0 {
			t.Errorf("%s: warnings %q", name, warn)
		}
		if !reflect.DeepEqual(got, s) {
			t.Errorf("%s: round trip\n got %+v\nwant %+v\n%s", name, got, s, conf.Bytes())
		}
	}
}

// The data reader reads annotation.conf with the codebook's parser: a
// type hierarchy is flattened (and said so), a "!" group is no label,
// <ENTITY> attribute arguments are expanded, a binary attribute offers
// "true", and Glossa's comments give the original names.
func TestDataReaderUsesTheCodebookParser(t *testing.T) {
	conf := "[entities]\n!Actor\n\tPerson\n\tOrganization\nWork_of_art\n# glossa-label\tWork_of_art\tentity\t#123456\tWork of art\n" +
		"[relations]\n[events]\n[attributes]\nNegated\tArg:<ENTITY>\nTone\tArg:Person, Value:calm|angry\n"
	ann := "T1\tPerson 0 3\tBen\nT2\tWork_of_art 10 14\tSong\nA1\tNegated T1\nA2\tTone T1 angry\n"
	fsys := fstest.MapFS{"annotation.conf": {Data: []byte(conf)}, "a.txt": {Data: []byte("Ben sang a Song.")}, "a.ann": {Data: []byte(ann)}}
	ds, rep, err := Read(fsys, "c")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range ds.Labels.Labels {
		var attrs []string
		for _, a := range l.Attributes {
			attrs = append(attrs, a.Name+"="+strings.Join(a.Values, "|"))
		}
		got = append(got, l.Name+":"+string(l.Kind)+":"+strings.Join(attrs, ","))
	}
	want := []string{"Person:entity:Negated=true,Tone=calm|angry", "Work of art:entity:Negated=true"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("labels\n got %q\nwant %q", got, want)
	}
	if w, _ := ds.Labels.Find("Work of art"); w.Color != "#123456" {
		t.Errorf("Work of art's colour %q; want #123456", w.Color)
	}
	if a := ds.Bundles[0].Annotations[0].Attributes; a["Negated"] != "true" || a["Tone"] != "angry" {
		t.Errorf("attributes %v", a)
	}
	if !strings.Contains(strings.Join(rep.Warnings, "\n"), "the type hierarchy is flattened") {
		t.Errorf("warnings %q; want the flattened hierarchy", rep.Warnings)
	}
}
