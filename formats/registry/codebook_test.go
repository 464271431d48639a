package registry

import (
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"glossa/annotation"
)

// The codebook table is apart from the dataset table: brat and labelstudio
// name an entry in each, and each lookup finds its own.
func TestCodebookLookupIsApart(t *testing.T) {
	for _, name := range []string{"brat", "labelstudio"} {
		f, ok := Lookup(name)
		if !ok || f.Read == nil || f.NewWriter == nil {
			t.Errorf("Lookup(%q) = %+v, %v; want the dataset format", name, f.Name, ok)
		}
		c, ok := LookupCodebook(name)
		if !ok || c.Read == nil || c.Write == nil {
			t.Errorf("LookupCodebook(%q) = %v; want the codebook format", name, ok)
		}
	}
	if _, ok := Lookup("glossa"); ok {
		t.Error(`Lookup("glossa") found a dataset format`)
	}
	if _, ok := LookupCodebook("json"); ok {
		t.Error(`LookupCodebook("json") found a codebook format`)
	}
	if got, want := CodebookNames(), []string{"glossa", "brat", "labelstudio"}; !reflect.DeepEqual(got, want) {
		t.Errorf("CodebookNames() = %q; want %q", got, want)
	}
	// A folder import picks up no codebook file.
	for _, name := range []string{"annotation.conf", "visual.conf", "config.xml", "labeling.XML"} {
		if Importable(name) {
			t.Errorf("Importable(%q) = true", name)
		}
	}
}

// Each codebook format writes the Fact-checking template into a folder and
// reads it back, sniffed from the file (or the folder, for brat).
func TestCodebookFormatsRoundTrip(t *testing.T) {
	s := annotation.FactCheckingTemplate()
	for _, c := range Codebooks() {
		t.Run(c.Name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "codebook.out")
			var files []*os.File
			_, err := c.Write(s, func(name string) (io.Writer, error) {
				p := path
				if name != "" {
					p = filepath.Join(dir, name)
				}
				f, err := os.Create(p)
				files = append(files, f)
				return f, err
			})
			for _, f := range files {
				if err := f.Close(); err != nil {
					t.Fatal(err)
				}
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.MultiFile() {
				path = dir
			}
			got, ok := SniffCodebook(path)
			if !ok || got.Name != c.Name {
				t.Fatalf("SniffCodebook = %q, %v; want %q", got.Name, ok, c.Name)
			}
			back, _, err := got.Read(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(back.Labels) != len(s.Labels) || len(back.RelationTypes()) != len(s.RelationTypes()) || back.Guidelines != s.Guidelines {
				t.Errorf("read back %d labels, %d relation types, guidelines %q; want %d, %d, %q",
					len(back.Labels), len(back.RelationTypes()), back.Guidelines, len(s.Labels), len(s.RelationTypes()), s.Guidelines)
			}
			for i, l := range back.Labels {
				if w := s.Labels[i]; l.Name != w.Name || l.Kind != w.Kind || l.Color != w.Color {
					t.Errorf("label %d = %s %s %s; want %s %s %s", i, l.Name, l.Kind, l.Color, w.Name, w.Kind, w.Color)
				}
			}
		})
	}
	// brat's annotation.conf is brat's also by name alone, and a file that
	// is none of them is none.
	dir := t.TempDir()
	p := filepath.Join(dir, "annotation.conf")
	if err := os.WriteFile(p, []byte("# nothing yet\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if c, ok := SniffCodebook(p); !ok || c.Name != "brat" {
		t.Errorf("SniffCodebook(annotation.conf) = %q, %v", c.Name, ok)
	}
	q := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(q, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	if c, ok := SniffCodebook(q); ok {
		t.Errorf("SniffCodebook(notes.txt) = %q", c.Name)
	}
}
