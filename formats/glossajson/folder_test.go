package glossajson

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"glossa/annotation"
	"glossa/formats/dataset"
	it "glossa/formats/formattest"
)

// placeOutput is an in-memory dataset.InPlace output: the files a writer
// creates, over the folder an earlier export left (prev).
type placeOutput struct {
	it.MemOutput
	prev fstest.MapFS
}

func (p *placeOutput) Previous() fs.FS { return p.prev }

// writeFolder exports h and bundles as a dataset folder, in place over
// prev (nil: into a new folder), and returns the folder after it: prev's
// files replaced by those written.
func writeFolder(t testing.TB, h dataset.Header, bundles []annotation.Bundle, prev fstest.MapFS, opts dataset.ExportOptions) fstest.MapFS {
	t.Helper()
	mem := &it.MemOutput{}
	var out dataset.Output = mem
	if prev != nil {
		p := &placeOutput{prev: prev}
		out, mem = p, &p.MemOutput
	}
	it.Export(t, NewFolderWriter(out, opts), h, bundles)
	got := fstest.MapFS{}
	maps.Copy(got, prev)
	maps.Copy(got, mem.FS())
	return got
}

// readFolder decodes a dataset folder.
func readFolder(t *testing.T, fsys fs.FS) (dataset.Header, []annotation.Bundle) {
	t.Helper()
	var h dataset.Header
	var bundles []annotation.Bundle
	err := DecodeFolder(fsys, nil, func(hd dataset.Header) error { h = hd; return nil },
		func(b annotation.Bundle) error { bundles = append(bundles, b); return nil })
	if err != nil {
		t.Fatal(err)
	}
	return h, bundles
}

// described describes a document and its annotations without the ids a
// project gives them: entities by name, links by their target's label and
// spans; the annotations sorted.
func described(b annotation.Bundle, entities []annotation.Entity) string {
	names := map[uint64]string{}
	for _, e := range entities {
		names[e.ID] = e.Name + "/" + e.Type
	}
	key := map[uint64]string{}
	for _, a := range b.Annotations {
		key[a.ID] = fmt.Sprintf("%s@%v", a.Label, a.Spans)
	}
	var anns []string
	for _, a := range b.Annotations {
		var links []string
		for _, l := range a.Links {
			links = append(links, string(l.Type)+"->"+key[l.Target])
		}
		a.ID, a.DocID, a.Links = 0, 0, nil
		entity := names[a.Entity]
		a.Entity = 0
		anns = append(anns, fmt.Sprintf("%+v entity=%s links=%v", a, entity, links))
	}
	sort.Strings(anns)
	d := b.Document
	d.ID = 0
	return fmt.Sprintf("%+v\n%s", d, strings.Join(anns, "\n"))
}

// describedAll describes bundles in the order of their texts' SHA-256.
func describedAll(bundles []annotation.Bundle, entities []annotation.Entity) []string {
	bs := slices.Clone(bundles)
	slices.SortFunc(bs, func(a, b annotation.Bundle) int { return strings.Compare(a.Document.SHA256, b.Document.SHA256) })
	var out []string
	for _, b := range bs {
		out = append(out, described(b, entities))
	}
	return out
}

// A folder holds everything the Glossa dataset holds, apart from the
// project's ids: written and read back, the documents, annotations,
// links, codebook and entities are the same; every file matches its part
// of the schema.
func TestFolderRoundTrip(t *testing.T) {
	h, bundles := fixture(t)
	h.Labels.Guidelines = "Tag every claim."
	h.Labels.Verbs = []string{"opine"}
	for _, opts := range []dataset.ExportOptions{{}, {Offsets: []string{UnitUTF16, UnitByte}}} {
		t.Run(fmt.Sprint(opts.Offsets), func(t *testing.T) {
			files := writeFolder(t, h, bundles, nil, opts)
			checkFolderSchema(t, files)
			got, gotBundles := readFolder(t, files)
			if !slices.EqualFunc(got.Labels.Labels, h.Labels.Labels, labelsEqual) ||
				!slices.EqualFunc(got.Labels.RelationTypes(), h.Labels.RelationTypes(), relationsEqual) ||
				got.Labels.Guidelines != h.Labels.Guidelines || !slices.Equal(got.Labels.Verbs, h.Labels.Verbs) {
				t.Errorf("codebook %+v\nwant %+v", got.Labels, h.Labels)
			}
			if g, w := entityNames(got.Entities), entityNames(h.Entities); !slices.Equal(g, w) {
				t.Errorf("entities %q, want %q", g, w)
			}
			g, w := describedAll(gotBundles, got.Entities), describedAll(bundles, h.Entities)
			if !slices.Equal(g, w) {
				t.Errorf("documents differ after the round trip:\n%s\nwant\n%s", strings.Join(g, "\n\n"), strings.Join(w, "\n\n"))
			}
			for _, b := range gotBundles {
				if b.Document.ID != 0 {
					t.Errorf("document %q has id %d; a folder's documents have none", b.Document.Title, b.Document.ID)
				}
			}
		})
	}
}

func labelsEqual(a, b annotation.Label) bool { return fmt.Sprintf("%+v", a) == fmt.Sprintf("%+v", b) }
func relationsEqual(a, b annotation.RelationType) bool {
	return fmt.Sprintf("%+v", a) == fmt.Sprintf("%+v", b)
}

// entityNames lists the entities without their ids, sorted.
func entityNames(es []annotation.Entity) []string {
	var out []string
	for _, e := range es {
		e.ID = 0
		out = append(out, fmt.Sprintf("%+v", e))
	}
	sort.Strings(out)
	return out
}

// checkFolderSchema validates every file of a dataset folder against its
// part of docs/glossa.schema.json.
func checkFolderSchema(t *testing.T, files fstest.MapFS) {
	t.Helper()
	schemas := map[string]*jsonschema.Schema{}
	for _, def := range []string{"folderManifest", "entity", "articleDocument", "annotation"} {
		schemas[def] = compileSchema(t, "#/$defs/"+def)
	}
	check := func(def, name string, n int, b []byte) {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s:%d: %v", name, n, err)
		}
		if err := schemas[def].Validate(v); err != nil {
			t.Errorf("%s:%d does not match #/$defs/%s: %v", name, n, def, err)
		}
	}
	for name, f := range files {
		lines := bytes.Split(bytes.TrimSuffix(f.Data, []byte("\n")), []byte("\n"))
		switch {
		case name == FolderManifest:
			check("folderManifest", name, 1, f.Data)
		case name == FolderCodebook:
			if _, _, err := ReadCodebook(bytes.NewReader(f.Data), name); err != nil {
				t.Error(err)
			}
		case name == FolderEntities:
			for i, l := range lines {
				check("entity", name, i+1, l)
			}
		default:
			for i, l := range lines {
				def := "annotation"
				if i == 0 {
					def = "articleDocument"
				}
				check(def, name, i+1, l)
			}
		}
	}
}

// renumbered is bundles as another project holds them: other document,
// annotation and entity ids, in another order.
func renumbered(h dataset.Header, bundles []annotation.Bundle) (dataset.Header, []annotation.Bundle) {
	ent := map[uint64]uint64{}
	h.Entities = slices.Clone(h.Entities)
	slices.Reverse(h.Entities)
	for i := range h.Entities {
		ent[h.Entities[i].ID] = uint64(100 + i)
		h.Entities[i].ID = uint64(100 + i)
	}
	var out []annotation.Bundle
	for i, b := range slices.Backward(bundles) {
		b.Document.ID = uint64(50 + i)
		var anns []annotation.Annotation
		for _, a := range b.Annotations {
			a = a.Clone()
			a.ID, a.DocID = a.ID*7+1000, b.Document.ID
			for j := range a.Links {
				a.Links[j].Target = a.Links[j].Target*7 + 1000
			}
			if a.Entity != 0 {
				a.Entity = ent[a.Entity]
			}
			anns = append(anns, a)
		}
		b.Annotations = anns
		out = append(out, b)
	}
	return h, out
}

// changedLines counts, file by file, the lines that differ between two
// folders: a line of a that b lacks or the other way round, as a diff
// counts them, by their place in the file.
func changedLines(a, b fstest.MapFS) map[string]int {
	out := map[string]int{}
	names := slices.Sorted(maps.Keys(a))
	for n := range b {
		if _, ok := a[n]; !ok {
			names = append(names, n)
		}
	}
	for _, n := range names {
		var la, lb []string
		if f, ok := a[n]; ok {
			la = strings.SplitAfter(string(f.Data), "\n")
		}
		if f, ok := b[n]; ok {
			lb = strings.SplitAfter(string(f.Data), "\n")
		}
		// common prefix and suffix, then what is left of each side
		i := 0
		for i < len(la) && i < len(lb) && la[i] == lb[i] {
			i++
		}
		j := 0
		for j < len(la)-i && j < len(lb)-i && la[len(la)-1-j] == lb[len(lb)-1-j] {
			j++
		}
		if c := max(len(la)-i-j, len(lb)-i-j); c > 0 {
			out[n] = c
		}
	}
	return out
}

// An unchanged project writes the same bytes, whoever's project it is
// (other ids, another order); one edit changes one line of one file.
func TestFolderStable(t *testing.T) {
	h, bundles := fixture(t)
	first := writeFolder(t, h, bundles, nil, dataset.ExportOptions{})
	article := func(i int) string { return articleName(bundles[i].Document.SHA256, "", nil) }
	named := func(i int) string {
		for n := range first {
			if strings.HasPrefix(n, strings.TrimSuffix(article(i), ".jsonl")) {
				return n
			}
		}
		t.Fatalf("no file for document %d", i)
		return ""
	}
	later := fixtureTime(40)
	tests := []struct {
		name string
		edit func(h *dataset.Header, bs []annotation.Bundle)
		want map[string]int // file -> lines changed
	}{
		{"nothing", func(*dataset.Header, []annotation.Bundle) {}, map[string]int{}},
		{"an attribute", func(_ *dataset.Header, bs []annotation.Bundle) {
			a := &bs[0].Annotations[0]
			a.Attributes = map[string]string{annotation.AttrVerdict: "false"}
			a.Modified = later
		}, map[string]int{named(0): 1}},
		{"the label and spans of a link target", func(_ *dataset.Header, bs []annotation.Bundle) {
			a := &bs[0].Annotations[1]
			o := annotation.NewOffsets(bs[0].Document.Text)
			a.Label, a.Spans, a.Modified = "Person", []annotation.Span{spanOf(t, o, "Dupont", 0)}, later
		}, map[string]int{named(0): 1}},
		{"a link added", func(_ *dataset.Header, bs []annotation.Bundle) {
			a := &bs[1].Annotations[2]
			a.Links, a.Modified = []annotation.Link{{Type: annotation.LinkOther, Target: 21}}, later
		}, map[string]int{named(1): 1}},
		{"an annotation added", func(_ *dataset.Header, bs []annotation.Bundle) {
			o := annotation.NewOffsets(bs[1].Document.Text)
			bs[1].Annotations = append(bs[1].Annotations, annotation.Annotation{ID: 99, Label: "Person", Spans: []annotation.Span{spanOf(t, o, "知事", 0)},
				Links: []annotation.Link{{Type: annotation.LinkOther, Target: 20}}, Author: "b", Created: later, Modified: later})
		}, map[string]int{named(1): 1}},
		{"an annotation deleted", func(_ *dataset.Header, bs []annotation.Bundle) {
			bs[0].Annotations = slices.Delete(bs[0].Annotations, 5, 6)
		}, map[string]int{named(0): 1}},
		{"the title (the file keeps its name)", func(_ *dataset.Header, bs []annotation.Bundle) {
			bs[2].Document.Title, bs[2].Document.Modified = "Prices", later
		}, map[string]int{named(2): 1}},
		{"an entity added", func(h *dataset.Header, _ []annotation.Bundle) {
			h.Entities = append(h.Entities, annotation.Entity{ID: 9, Name: "Li Ming", Type: "Person"})
		}, map[string]int{FolderEntities: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h2, bs := h, slices.Clone(bundles)
			h2.Entities = slices.Clone(h.Entities)
			for i := range bs {
				bs[i].Annotations = slices.Clone(bs[i].Annotations)
			}
			tt.edit(&h2, bs)
			h2, bs = renumbered(h2, bs)
			got := changedLines(first, writeFolder(t, h2, bs, first, dataset.ExportOptions{}))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("changed lines %v; want %v", got, tt.want)
			}
		})
	}
	// Into a new folder, another project's export is the same too.
	h2, bs := renumbered(h, bundles)
	if got := changedLines(first, writeFolder(t, h2, bs, nil, dataset.ExportOptions{})); len(got) != 0 {
		t.Errorf("another project's export into a new folder changed %v", got)
	}
}

// An annotation keeps the id it has in the earlier file when it is the
// same, or made at the same time by the same author; new ones come after
// the largest id there, in the order of the text.
func TestLocalIDs(t *testing.T) {
	ts := func(m int) *string { s := string(appendTime(nil, fixtureTime(m))); return &s }
	ann := func(id uint64, label string, start int, created *string) lineKey {
		return keyOf(&annJSON{ID: id, Label: label, Spans: []spanJSON{{Start: start, End: start + 1, Text: "x"}}, Created: created, Author: "a"})
	}
	tests := []struct {
		name string
		anns []lineKey
		prev []lineKey
		want []uint64
	}{
		{"a new file: by the text", []lineKey{ann(7, "A", 5, nil), ann(3, "B", 1, nil), ann(9, "A", 1, nil)}, nil, []uint64{3, 2, 1}},
		{"unchanged", []lineKey{ann(7, "A", 5, nil), ann(3, "B", 1, nil)}, []lineKey{ann(4, "B", 1, nil), ann(2, "A", 5, nil)}, []uint64{2, 4}},
		{"edited, same created and author", []lineKey{ann(7, "C", 8, ts(1)), ann(3, "B", 1, ts(2))}, []lineKey{ann(4, "B", 1, ts(2)), ann(2, "A", 5, ts(1))}, []uint64{2, 4}},
		{"edited without a created time: new", []lineKey{ann(7, "C", 8, nil)}, []lineKey{ann(2, "A", 5, nil)}, []uint64{3}},
		{"added", []lineKey{ann(7, "A", 5, nil), ann(8, "B", 0, nil)}, []lineKey{ann(2, "A", 5, nil), ann(6, "Z", 9, nil)}, []uint64{2, 7}},
		{"two the same", []lineKey{ann(7, "A", 5, nil), ann(8, "A", 5, nil), ann(9, "A", 5, nil)}, []lineKey{ann(4, "A", 5, nil), ann(2, "A", 5, nil)}, []uint64{2, 4, 5}},
	}
	for _, tt := range tests {
		ids, order := localIDs(tt.anns, tt.prev)
		if !slices.Equal(ids, tt.want) {
			t.Errorf("%s: ids %v; want %v", tt.name, ids, tt.want)
		}
		for k := 1; k < len(order); k++ {
			if ids[order[k-1]] >= ids[order[k]] {
				t.Errorf("%s: lines %v not in the order of their ids %v", tt.name, order, ids)
			}
		}
	}
}

// fastKey, which cuts a line's key from its bytes, gives the key keyOf
// computes from the annotation the line was written from, on generated
// annotations with every member, escapes and invalid UTF-8.
func TestFastKeyLikeKeyOf(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	n := 0
	for range 3000 {
		d := randomDocJSON(r)
		for i := range d.Annotations {
			a := &d.Annotations[i]
			line, ok := appendAnn(nil, a)
			if !ok {
				continue
			}
			got, ok := fastKey(line)
			if want := keyOf(a); ok && !reflect.DeepEqual(got, want) {
				t.Fatalf("fastKey(%s)\n= %+v\nwant %+v", line, got, want)
			} else if !ok && len(a.Spans) > 0 {
				t.Fatalf("fastKey(%s) refused a line appendAnn wrote", line)
			}
			if ok {
				n++
			}
		}
	}
	if n < 1000 {
		t.Errorf("%d annotations cut by fastKey; want 1,000 or more", n)
	}
	for _, line := range []string{`{"id":1}`, `{"label":"x","id":1}`, `{"id":1,"label":"x","spans":[{"end":1,"start":0}],"links":[],"author":"","created":null,"modified":null,"provenance":{}}`} {
		if k, ok := fastKey([]byte(line)); ok {
			t.Errorf("fastKey(%s) = %+v; want it refused", line, k)
		}
	}
}

// Entities have ids of their own in a folder: from their name and type,
// whatever ids the project gave them.
func TestFolderEntityIDs(t *testing.T) {
	es := []annotation.Entity{{ID: 5, Name: "Zoé", Type: "Person"}, {ID: 2, Name: "Ana", Type: "Person"}, {ID: 9, Name: "Ana", Type: "Organisation"}}
	ids, lines, err := folderEntities(es)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if got, want := ids[e.ID], folderEntityID(e.Name, e.Type); got != want || got > maxEntityID || got == 0 {
			t.Errorf("%s/%s: folder id %d; want %d, at most 2^53-1", e.Name, e.Type, got, want)
		}
	}
	if ids[2] == ids[9] {
		t.Error("Ana the person and Ana the organisation share an id")
	}
	want := fmt.Sprintf(`{"id":%d,"name":"Ana","type":"Organisation"}`+"\n"+`{"id":%d,"name":"Ana","type":"Person"}`+"\n"+`{"id":%d,"name":"Zoé","type":"Person"}`+"\n",
		ids[9], ids[2], ids[5])
	if string(lines) != want {
		t.Errorf("entities.jsonl\n%s\nwant\n%s", lines, want)
	}
}

// An article file keeps the name an earlier export gave it; a new one is
// named by its text's SHA-256 and its title.
func TestArticleName(t *testing.T) {
	sum := annotation.TextSHA256("x")
	existing := map[string]string{sum[:16]: "articles/" + sum[:16] + "-old-title.jsonl"}
	for _, tt := range []struct {
		title    string
		existing map[string]string
		want     string
	}{
		{"Café prices — a “test”!", nil, "articles/" + sum[:16] + "-caf-prices-a-test.jsonl"},
		{"東京の物価", nil, "articles/" + sum[:16] + ".jsonl"},
		{"New title", existing, existing[sum[:16]]},
	} {
		if got := articleName(sum, tt.title, tt.existing); got != tt.want {
			t.Errorf("articleName(%q) = %q; want %q", tt.title, got, tt.want)
		}
		if !IsFolderFile(tt.want) {
			t.Errorf("IsFolderFile(%q) = false", tt.want)
		}
	}
	for name, want := range map[string]bool{
		FolderManifest: true, FolderCodebook: true, FolderEntities: true, "README.md": false, ".git/HEAD": false,
		"articles/notes.jsonl": false, "articles/0123456789abcdef.json": false, "x/articles/0123456789abcdef.jsonl": false,
	} {
		if got := IsFolderFile(name); got != want {
			t.Errorf("IsFolderFile(%q) = %v; want %v", name, got, want)
		}
	}
}

func TestDetectFolder(t *testing.T) {
	h, bundles := fixture(t)
	files := writeFolder(t, h, bundles, nil, dataset.ExportOptions{})
	for name, f := range files {
		ok, article := DetectFolder(f.Data)
		wantOK := name == FolderManifest || strings.HasPrefix(name, FolderArticles+"/")
		if ok != wantOK || article != (wantOK && name != FolderManifest) {
			t.Errorf("DetectFolder(%s) = %v, %v", name, ok, article)
		}
		if ok, _ := Detect(f.Data); ok {
			t.Errorf("Detect(%s): a dataset", name)
		}
		if DetectCodebook(f.Data) != (name == FolderCodebook) {
			t.Errorf("DetectCodebook(%s) = %v", name, !(name == FolderCodebook))
		}
	}
}

// A folder that is not whole or not right is refused with the file and
// what is wrong; nothing is handed on from an article that fails.
func TestDecodeFolderRefuses(t *testing.T) {
	h, bundles := fixture(t)
	good := writeFolder(t, h, bundles, nil, dataset.ExportOptions{})
	var first string
	for n := range good {
		if strings.HasPrefix(n, FolderArticles+"/") && (first == "" || n < first) {
			first = n
		}
	}
	lines := strings.Split(string(good[first].Data), "\n")
	with := func(name, data string) func(fstest.MapFS) {
		return func(m fstest.MapFS) { m[name] = &fstest.MapFile{Data: []byte(data)} }
	}
	for _, tt := range []struct {
		name   string
		change func(fstest.MapFS)
		want   string
		is     error
	}{
		{"no manifest", func(m fstest.MapFS) { delete(m, FolderManifest) }, FolderManifest, ErrFormat},
		{"a newer version", with(FolderManifest, `{"format":"glossa-folder","version":2,"offsets":"codepoint"}`), "version 2", ErrFormat},
		{"no codebook", func(m fstest.MapFS) { delete(m, FolderCodebook) }, FolderCodebook, ErrFormat},
		{"an entity twice", with(FolderEntities, `{"id":1,"name":"A"}`+"\n"+`{"id":1,"name":"B"}`+"\n"), FolderEntities + ":2", ErrFormat},
		{"an unknown entity", with(FolderEntities, ""), "is not in entities.jsonl", ErrFormat},
		{"a merge conflict", with(first, lines[0]+"\n<<<<<<< HEAD\n"+lines[1]+"\n=======\n"+lines[1]+"\n>>>>>>> other\n"), "merge conflict", ErrFormat},
		{"a first line of another format", with(first, strings.Replace(string(good[first].Data), ArticleFormat, "glossa", 1)), first + ":1", ErrFormat},
		{"an id twice", with(first, lines[0]+"\n"+lines[1]+"\n"+lines[1]+"\n"), "used twice", ErrFormat},
		{"a line that is not JSON", with(first, lines[0]+"\n"+lines[1]+"\n{\n"), first + ":3", ErrFormat},
		{"a span off its text", with(first, lines[0]+"\n"+strings.Replace(lines[1], `"text":"`, `"text":"X`, 1)+"\n"), first, annotation.ErrSpanText},
	} {
		m := maps.Clone(good)
		tt.change(m)
		n := 0
		err := DecodeFolder(m, nil, nil, func(b annotation.Bundle) error { n++; return nil })
		if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, tt.is) {
			t.Errorf("%s: %v; want an error naming %q, matching %v", tt.name, err, tt.want, tt.is)
		}
	}
}

// ReadFolder reads a whole folder into a dataset and counts it; with
// articles named, DecodeFolder reads those alone.
func TestReadFolder(t *testing.T) {
	h, bundles := fixture(t)
	files := writeFolder(t, h, bundles, nil, dataset.ExportOptions{})
	ds, rep, err := ReadFolder(files, "team")
	if err != nil {
		t.Fatal(err)
	}
	anns, links := 0, 0
	for _, b := range bundles {
		anns += len(b.Annotations)
		for _, a := range b.Annotations {
			links += len(a.Links)
		}
	}
	if rep.Format != "folder" || rep.Documents != len(bundles) || rep.Annotations != anns || rep.Links != links || len(ds.Entities) != len(h.Entities) {
		t.Errorf("report %+v, %d entities; want %d documents, %d annotations, %d links, %d entities", rep, len(ds.Entities), len(bundles), anns, links, len(h.Entities))
	}
	name := articleName(bundles[1].Document.SHA256, bundles[1].Document.Title, nil)
	var got []annotation.Bundle
	if err := DecodeFolder(files, []string{name}, nil, func(b annotation.Bundle) error { got = append(got, b); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Document.SHA256 != bundles[1].Document.SHA256 {
		t.Errorf("DecodeFolder(%s) read %d documents", name, len(got))
	}
}

// The seed corpus runs as an ordinary test; go test -fuzz=FuzzDecodeFolder
// explores further. data is an article file of a folder whose other files
// are the fixture's.
func FuzzDecodeFolder(f *testing.F) {
	h, bundles := fixture(f)
	files := writeFolder(f, h, bundles, nil, dataset.ExportOptions{})
	const name = FolderArticles + "/0000000000000000.jsonl"
	for n, file := range files {
		if strings.HasPrefix(n, FolderArticles+"/") {
			f.Add(file.Data)
			delete(files, n)
		}
	}
	f.Add([]byte(`{"format":"glossa-article","version":1,"status":"new","text":"ab","sha256":"fb8e20fc2e4c3f248c60c39bd652f3c1347298bb977b8b4d5903b85055620603"}` + "\n" +
		`{"id":2,"label":"Claim","spans":[{"start":0,"end":1,"text":"a"}],"links":[{"type":"related","target":2}],"entity":7}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m := maps.Clone(files)
		m[name] = &fstest.MapFile{Data: data}
		var got []annotation.Bundle
		var hd dataset.Header
		err := DecodeFolder(m, nil, func(x dataset.Header) error { hd = x; return nil }, func(b annotation.Bundle) error { got = append(got, b); return nil })
		if err != nil {
			return
		}
		for _, b := range got {
			d := b.Document
			if d.SHA256 != annotation.TextSHA256(d.Text) || !utf8.ValidString(d.Text) {
				t.Fatalf("document accepted with a bad text or checksum")
			}
			o := annotation.NewOffsets(d.Text)
			ids := map[uint64]bool{}
			for _, a := range b.Annotations {
				if err := annotation.CheckSpans(o, a.Spans); err != nil {
					t.Fatalf("annotation %d accepted: %v", a.ID, err)
				}
				if a.ID != 0 && ids[a.ID] {
					t.Fatalf("annotation id %d accepted twice", a.ID)
				}
				ids[a.ID] = true
				if a.Entity > uint64(len(hd.Entities)) {
					t.Fatalf("annotation %d: entity %d, but %d entities", a.ID, a.Entity, len(hd.Entities))
				}
			}
		}
	})
}

// BenchmarkFolder writes 1,000 articles of 100 annotations as a folder,
// into a new one and over its earlier export (reading each earlier file to
// keep the ids); compare with BenchmarkEncode, the same as one dataset.
func BenchmarkFolder(b *testing.B) {
	bundles := benchBundles(1000, 100)
	for d := range bundles {
		bd := &bundles[d]
		bd.Document.Text = fmt.Sprintf("%04d ", d) + bd.Document.Text
		o := annotation.NewOffsets(bd.Document.Text)
		anns := slices.Clone(bd.Annotations)
		for i := range anns {
			a := anns[i].Clone()
			for j, s := range a.Spans {
				a.Spans[j], _ = annotation.NewSpan(o, s.Start+5, s.End+5)
			}
			a.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: anns[0].ID}}
			anns[i] = a
		}
		anns[0].Links = nil
		bd.Annotations = anns
	}
	h := dataset.Header{Labels: annotation.DefaultLabelSet()}
	write := func(prev fstest.MapFS) fstest.MapFS {
		mem := &it.MemOutput{}
		var out dataset.Output = mem
		if prev != nil {
			p := &placeOutput{prev: prev}
			out, mem = p, &p.MemOutput
		}
		it.Export(b, NewFolderWriter(out, dataset.ExportOptions{}), h, bundles)
		return mem.FS()
	}
	first := write(nil)
	b.Run("new", func(b *testing.B) {
		for range b.N {
			write(nil)
		}
	})
	b.Run("in place", func(b *testing.B) {
		for range b.N {
			write(first)
		}
	})
}
