package glossajson

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"glossa/annotation"
)

// Every template survives Glossa codebook JSON and back; the file is
// recognised as a codebook and not as a dataset.
func TestCodebookRoundTrip(t *testing.T) {
	for _, tpl := range annotation.Templates() {
		s := tpl.Codebook()
		var buf bytes.Buffer
		if err := WriteCodebook(&buf, s); err != nil {
			t.Fatal(err)
		}
		if !DetectCodebook(buf.Bytes()) {
			t.Errorf("%s: not detected as a codebook", tpl.Name)
		}
		if ok, _ := Detect(buf.Bytes()); ok {
			t.Errorf("%s: detected as a dataset", tpl.Name)
		}
		got, warn, err := ReadCodebook(&buf, "c.json")
		if err != nil || len(warn) > 0 {
			t.Fatalf("%s: %v %q", tpl.Name, err, warn)
		}
		if !reflect.DeepEqual(got, s) {
			t.Errorf("%s: got %+v\nwant %+v", tpl.Name, got, s)
		}
	}
}

func TestReadCodebookRefuses(t *testing.T) {
	for _, in := range []string{
		`{"format":"glossa","version":1,"labels":[]}`,
		`{"format":"glossa-codebook","version":2,"labels":[]}`,
		`{"format":"glossa-codebook","version":1,"labels":[{"name":"A","kind":"claim","color":"red"}]}`,
		`[`,
	} {
		if _, _, err := ReadCodebook(strings.NewReader(in), "c.json"); err == nil {
			t.Errorf("ReadCodebook(%s): no error", in)
		} else if !errors.Is(err, ErrFormat) && !errors.Is(err, annotation.ErrBadLabel) {
			t.Errorf("ReadCodebook(%s): %v", in, err)
		}
	}
	s, warn, err := ReadCodebook(strings.NewReader(`{"format":"glossa-codebook","version":1,"labels":[{"name":"A","kind":"claim","color":"#000000","key":"1"},{"name":"B","kind":"claim","color":"#000000","key":"1"}]}`), "c.json")
	if err != nil || len(warn) != 1 || s.Labels[1].Key != "" || s.Relations != nil {
		t.Errorf("duplicate key: %+v %q %v", s, warn, err)
	}
}

// The reporting verbs go out as "verbs" and come back; a file's verbs are
// lower-cased and kept once, and one that is not a word is dropped with a
// warning that names it.
func TestCodebookVerbs(t *testing.T) {
	s := annotation.AttributionTemplate()
	s.Verbs = []string{"opine", "opines", "opined", "co-signed"}
	var buf bytes.Buffer
	if err := WriteCodebook(&buf, s); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"verbs": [`) {
		t.Errorf("no verbs member in\n%s", buf.String())
	}
	got, warn, err := ReadCodebook(&buf, "c.json")
	if err != nil || len(warn) > 0 || !reflect.DeepEqual(got, s) {
		t.Errorf("round trip: %+v %q %v", got.Verbs, warn, err)
	}

	tests := []struct {
		verbs string
		want  []string
		warn  string
	}{
		{`["Opined", "opined", " quipped "]`, []string{"opined", "quipped"}, ""},
		{`["point out", "opined", "x2"]`, []string{"opined"}, `c.json: reporting verbs that are not one word of letters were dropped (the suggester matches a cue word by word): "point out", "x2"`},
		{`[]`, nil, ""},
	}
	for _, tt := range tests {
		in := `{"format":"glossa-codebook","version":1,"labels":[],"verbs":` + tt.verbs + `}`
		got, warn, err := ReadCodebook(strings.NewReader(in), "c.json")
		if err != nil {
			t.Errorf("%s: %v", tt.verbs, err)
			continue
		}
		if !reflect.DeepEqual(got.Verbs, tt.want) || strings.Join(warn, "\n") != tt.warn {
			t.Errorf("%s: verbs %q, warnings %q; want %q, %q", tt.verbs, got.Verbs, warn, tt.want, tt.warn)
		}
	}
}
