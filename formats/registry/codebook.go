package registry

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"glossa/annotation"
	"glossa/formats/brat"
	"glossa/formats/glossajson"
	"glossa/formats/labelstudio"
)

// Codebook is one entry of the table of codebook formats: the files a
// project's codebook (labels, attributes, relation types, guidelines) is
// exchanged in, apart from any data. Its names are those of the tools
// (brat, labelstudio), which the dataset table uses too: the two tables are
// looked up apart (LookupCodebook, Lookup).
type Codebook struct {
	// Name is the format's name as `glossa codebook --format` takes it.
	Name string
	// Files are the names of the files Write makes; "" stands for the one
	// file of a single-file format, which the user names. A format with
	// several files writes them into a folder.
	Files []string
	// Detect says whether the file called name whose first bytes are head
	// holds a codebook of this format.
	Detect func(name string, head []byte) Match
	// Read reads the codebook at path: a file, or a folder holding the
	// format's file. It returns what the codebook could not keep.
	Read func(path string) (annotation.LabelSet, []string, error)
	// Write writes s, each of Files to the writer create gives for its
	// name. It returns what the format cannot hold.
	Write func(s annotation.LabelSet, create func(name string) (io.Writer, error)) ([]string, error)
}

// MultiFile reports whether the format writes several files (a folder).
func (c Codebook) MultiFile() bool { return len(c.Files) > 1 }

// codebooks is the table of codebook formats, in the order of the
// --format list.
var codebooks = []Codebook{
	{
		Name:  "glossa",
		Files: []string{""},
		Detect: func(_ string, head []byte) Match {
			if glossajson.DetectCodebook(head) {
				return Declared
			}
			return No
		},
		Read: readCodebookFile(glossajson.ReadCodebook),
		Write: func(s annotation.LabelSet, create func(string) (io.Writer, error)) ([]string, error) {
			w, err := create("")
			if err != nil {
				return nil, err
			}
			return nil, glossajson.WriteCodebook(w, s)
		},
	},
	{
		Name:  "brat",
		Files: []string{bratConf, brat.VisualFile},
		Detect: func(name string, head []byte) Match {
			if strings.EqualFold(filepath.Base(name), bratConf) {
				return Named
			}
			if h := trim(head); bytes.HasPrefix(h, []byte("[entities]")) || bytes.Contains(h, []byte("\n[entities]")) {
				return Likely
			}
			return No
		},
		Read: readBratCodebook,
		Write: func(s annotation.LabelSet, create func(string) (io.Writer, error)) ([]string, error) {
			conf, err := create(bratConf)
			if err != nil {
				return nil, err
			}
			visual, err := create(brat.VisualFile)
			if err != nil {
				return nil, err
			}
			return brat.WriteCodebook(conf, visual, s)
		},
	},
	{
		Name:  "labelstudio",
		Files: []string{""},
		Detect: func(_ string, head []byte) Match {
			if labelstudio.DetectConfig(head) {
				return Likely
			}
			return No
		},
		Read: readCodebookFile(labelstudio.ReadConfig),
		Write: func(s annotation.LabelSet, create func(string) (io.Writer, error)) ([]string, error) {
			w, err := create("")
			if err != nil {
				return nil, err
			}
			return labelstudio.WriteConfig(w, s)
		},
	},
}

// bratConf is the name of brat's annotation configuration.
const bratConf = "annotation.conf"

// Codebooks returns the table of codebook formats.
func Codebooks() []Codebook { return slices.Clone(codebooks) }

// CodebookNames lists the codebook formats' names, in table order.
func CodebookNames() []string {
	var names []string
	for _, c := range codebooks {
		names = append(names, c.Name)
	}
	return names
}

// LookupCodebook returns the codebook format called name.
func LookupCodebook(name string) (Codebook, bool) {
	for _, c := range codebooks {
		if c.Name == name {
			return c, true
		}
	}
	return Codebook{}, false
}

// SniffCodebook names the codebook format of the file or folder at path:
// a folder is brat's when it holds annotation.conf; a file's format is the
// entry whose Detect is surest of its name and first bytes.
func SniffCodebook(path string) (Codebook, bool) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		if _, err := os.Stat(filepath.Join(path, bratConf)); err == nil {
			return LookupCodebook("brat")
		}
		return Codebook{}, false
	}
	head, err := ReadHead(path)
	if err != nil {
		return Codebook{}, false
	}
	best, found := No, Codebook{}
	for _, c := range codebooks {
		if m := c.Detect(path, head); m > best {
			best, found = m, c
		}
	}
	return found, best > No
}

// readCodebookFile is the Read of a single-file codebook format.
func readCodebookFile(read func(r io.Reader, name string) (annotation.LabelSet, []string, error)) func(string) (annotation.LabelSet, []string, error) {
	return func(path string) (annotation.LabelSet, []string, error) {
		f, err := os.Open(path)
		if err != nil {
			return annotation.LabelSet{}, nil, err
		}
		defer f.Close()
		return read(f, path)
	}
}

// readBratCodebook reads annotation.conf (path, or the one in the folder
// path) with the visual.conf beside it when there is one.
func readBratCodebook(path string) (annotation.LabelSet, []string, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, bratConf)
	}
	conf, err := os.Open(path)
	if err != nil {
		return annotation.LabelSet{}, nil, err
	}
	defer conf.Close()
	var visual io.Reader
	v, err := os.Open(filepath.Join(filepath.Dir(path), brat.VisualFile))
	switch {
	case err == nil:
		defer v.Close()
		visual = v
	case !errors.Is(err, fs.ErrNotExist):
		return annotation.LabelSet{}, nil, err
	}
	return brat.ReadCodebook(conf, visual, path)
}
