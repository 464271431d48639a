package formattest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// GlossaSchema compiles docs/glossa.schema.json, found in a folder above
// the working directory, at the fragment frag ("" for the dataset,
// "#/$defs/document" for a line of a JSON Lines dataset).
func GlossaSchema(t testing.TB, frag string) *jsonschema.Schema {
	t.Helper()
	path := findUp(t, filepath.Join("docs", "glossa.schema.json"))
	if path == "" {
		t.Fatal("docs/glossa.schema.json not found in any folder above the package")
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "file:///glossa.schema.json"
	addResource(t, c, path, url)
	s, err := c.Compile(url + frag)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// W3CMusts compiles every schema that the W3C Web Annotation tests'
// annotationMusts.test lists, by assertion file name: a conforming
// annotation passes them all. It skips the test when the shared interop
// data is absent (see Interop).
func W3CMusts(t testing.TB) map[string]*jsonschema.Schema {
	t.Helper()
	root := filepath.Join(Interop(t), "w3c-web-annotation-tests")
	var test struct {
		Assertions []string `json:"assertions"`
	}
	data, err := os.ReadFile(filepath.Join(root, "annotations", "annotationMusts.test"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &test); err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	c.AssertFormat()
	defs, _ := filepath.Glob(filepath.Join(root, "definitions", "*.json"))
	folders := map[string]bool{filepath.Join(root, "definitions"): true}
	for _, a := range test.Assertions {
		folders[filepath.Dir(filepath.Join(root, filepath.FromSlash(a)))] = true
	}
	// Assertions refer to definitions by bare name relative to their own
	// folder: register each definition in every such folder.
	for _, d := range defs {
		for dir := range folders {
			addResource(t, c, d, "file://"+filepath.ToSlash(filepath.Join(dir, filepath.Base(d))))
		}
	}
	out := map[string]*jsonschema.Schema{}
	for _, a := range test.Assertions {
		p := filepath.Join(root, filepath.FromSlash(a))
		url := "file://" + filepath.ToSlash(p)
		addResource(t, c, p, url)
		sch, err := c.Compile(url)
		if err != nil {
			t.Fatalf("compile %s: %v", a, err)
		}
		out[a] = sch
	}
	return out
}

func addResource(t testing.TB, c *jsonschema.Compiler, file, url string) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if err := c.AddResource(url, doc); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
}

// findUp returns the path of rel in the working directory or the nearest
// folder above it that has it, or "".
func findUp(t testing.TB, rel string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		p := filepath.Join(dir, rel)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// ValidateGlossa fails the test when data, a Glossa dataset (lines: JSON
// Lines), does not match docs/glossa.schema.json.
func ValidateGlossa(t testing.TB, data []byte, lines bool) {
	t.Helper()
	check := func(s *jsonschema.Schema, what string, b []byte) {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if err := s.Validate(v); err != nil {
			t.Errorf("%s does not match docs/glossa.schema.json: %v", what, err)
		}
	}
	if !lines {
		check(GlossaSchema(t, ""), "dataset", data)
		return
	}
	header, doc := GlossaSchema(t, "#/$defs/linesHeader"), GlossaSchema(t, "#/$defs/document")
	for i, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n")) {
		if i == 0 {
			check(header, "line 1", line)
		} else {
			check(doc, fmt.Sprintf("line %d", i+1), line)
		}
	}
}
