package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"glossa/annotation"
	it "glossa/formats/formattest"
	"glossa/storage"
)

// emptyCases are projects holding what a writer may write as null instead
// of an empty list or map: a document without annotations (first, so that
// no earlier document leaves a buffer allocated), an annotation without
// links, attributes, note or entity, an entity without aliases, labels
// without attributes, and a project without entities.
var emptyCases = []struct {
	name string
	fill func(t *testing.T, st *storage.Store)
}{
	{"no entities, one document without annotations", func(t *testing.T, st *storage.Store) {
		if _, err := st.AddDocument(annotation.Document{Title: "Plain", Text: "A plain article, not annotated.\n"}); err != nil {
			t.Fatal(err)
		}
	}},
	{"empty members", func(t *testing.T, st *storage.Store) {
		if _, err := st.AddDocument(annotation.Document{Title: "Plain", Text: "A plain article, not annotated.\n"}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.AddEntity(annotation.Entity{Name: "The governor"}); err != nil {
			t.Fatal(err)
		}
		doc, err := st.AddDocument(annotation.Document{Title: "Rates", Text: "Rates will rise, the governor said.\n"})
		if err != nil {
			t.Fatal(err)
		}
		claim, _ := annotation.NewSpan(annotation.NewOffsets(doc.Text), 0, 15)
		if _, err := st.Apply(doc.ID, []annotation.Annotation{{DocID: doc.ID, Label: "Claim", Spans: []annotation.Span{claim}}}, nil); err != nil {
			t.Fatal(err)
		}
	}},
}

// nullable lists the members a format may write as null: Glossa's entity
// and times (the schema says "or null"); nothing in the other formats.
var nullable = map[string]map[string]bool{
	"json":  {"entity": true, "created": true, "modified": true},
	"jsonl": {"entity": true, "created": true, "modified": true},
}

// TestExportsWriteEmptyListsAndMatchSchemas exports the empty cases in
// every JSON format: no list or map is written null, and the formats that
// have a schema (Glossa JSON and JSON Lines, W3C) match it.
func TestExportsWriteEmptyListsAndMatchSchemas(t *testing.T) {
	for _, pc := range emptyCases {
		t.Run(pc.name, func(t *testing.T) {
			st := openTestStore(t)
			pc.fill(t, st)
			labels, err := st.Labels()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(mustJSON(t, labels), []byte(`"kind":"entity","color"`)) {
				t.Fatalf("the project's labels %+v have no label without attributes", labels)
			}
			for _, f := range []struct {
				format string
				opts   ExportOptions
			}{
				{"json", ExportOptions{}},
				{"jsonl", ExportOptions{}},
				{"json", ExportOptions{Offsets: []string{"utf16", "byte"}}},
				{"w3c", ExportOptions{}},
				{"w3c", ExportOptions{W3CLines: true}},
				{"labelstudio", ExportOptions{}},
				{"doccano", ExportOptions{}},
			} {
				name := f.format
				if f.opts.W3CLines {
					name += " lines"
				}
				if f.opts.Offsets != nil {
					name += " with offsets"
				}
				var buf bytes.Buffer
				if err := ExportTo(context.Background(), st, f.format, &buf, f.opts); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				for i, v := range jsonValues(t, name, buf.Bytes()) {
					for _, p := range nulls(v, "$") {
						if !nullable[f.format][p[strings.LastIndex(p, ".")+1:]] {
							t.Errorf("%s: value %d has null at %s; want [] or {} (or the member left out)", name, i+1, p)
						}
					}
				}
				switch f.format {
				case "json", "jsonl":
					it.ValidateGlossa(t, buf.Bytes(), f.format == "jsonl")
				case "w3c":
					t.Run(name, func(t *testing.T) { checkW3C(t, buf.Bytes(), f.opts.W3CLines) })
				}
			}
		})
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// jsonValues decodes every JSON value of data: one, or one per line (none
// for W3C lines without annotations).
func jsonValues(t *testing.T, name string, data []byte) []any {
	t.Helper()
	var out []any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	for dec.More() {
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, v)
	}
	return out
}

// nulls returns the paths of the null values in v.
func nulls(v any, path string) []string {
	switch v := v.(type) {
	case nil:
		return []string{path}
	case map[string]any:
		var out []string
		for k, x := range v {
			out = append(out, nulls(x, path+"."+k)...)
		}
		return out
	case []any:
		var out []string
		for i, x := range v {
			out = append(out, nulls(x, fmt.Sprintf("%s[%d]", path, i))...)
		}
		return out
	}
	return nil
}

// checkW3C validates every annotation of a W3C export against every schema
// the W3C tests say a conforming annotation must pass.
func checkW3C(t *testing.T, data []byte, lines bool) {
	musts := it.W3CMusts(t)
	var items []json.RawMessage
	if lines {
		for _, l := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
			if len(l) > 0 {
				items = append(items, l)
			}
		}
	} else {
		var coll struct {
			First struct {
				Items []json.RawMessage `json:"items"`
			} `json:"first"`
		}
		if err := json.Unmarshal(data, &coll); err != nil {
			t.Fatal(err)
		}
		items = coll.First.Items
	}
	for _, item := range items {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(item))
		if err != nil {
			t.Fatal(err)
		}
		for name, sch := range musts {
			if err := sch.Validate(inst); err != nil {
				t.Errorf("%s fails %s: %v", item, name, err)
			}
		}
	}
}
