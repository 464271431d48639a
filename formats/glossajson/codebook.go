package glossajson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"glossa/annotation"
)

// CodebookFormat is the format member of a Glossa codebook file, and
// codebookVersion its version.
const (
	CodebookFormat  = "glossa-codebook"
	codebookVersion = 1
)

// codebookFile is a Glossa codebook file: the members of a dataset's
// header that make the codebook (docs/FORMAT.md, "The codebook file").
type codebookFile struct {
	Format     string                    `json:"format"`
	Version    int                       `json:"version"`
	Labels     []annotation.Label        `json:"labels"`
	Relations  []annotation.RelationType `json:"relations"`
	Guidelines string                    `json:"guidelines,omitempty"`
	Verbs      []string                  `json:"verbs,omitempty"`
}

// codebookFormat finds a codebook's format member.
var codebookFormat = regexp.MustCompile(`"format"\s*:\s*"glossa-codebook"`)

// DetectCodebook reports whether head, the first bytes of a file, starts a
// Glossa codebook.
func DetectCodebook(head []byte) bool {
	h := trimHead(head)
	return len(h) > 0 && h[0] == '{' && codebookFormat.Match(h)
}

// WriteCodebook writes s as a Glossa codebook file, indented by two
// spaces: its labels, its relation types (always listed, the built-in ones
// too, so that the file says what it holds), its guidelines and its
// reporting verbs.
func WriteCodebook(w io.Writer, s annotation.LabelSet) error {
	f := codebookFile{Format: CodebookFormat, Version: codebookVersion, Labels: s.Labels, Relations: s.RelationTypes(), Guidelines: s.Guidelines, Verbs: s.Verbs}
	if f.Labels == nil {
		f.Labels = []annotation.Label{}
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// ReadCodebook reads a Glossa codebook file (name for messages). A
// codebook without relations has the built-in ones; a file whose codebook
// is not valid (annotation.LabelSet.Validate) is refused, except for
// shortcut keys that are not valid or taken twice, which are dropped with a
// warning, and for reporting verbs, which are lower-cased and kept once
// (annotation.CleanVerbs), those that are not one word dropped with a
// warning.
func ReadCodebook(r io.Reader, name string) (annotation.LabelSet, []string, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxCodebook+1))
	if err != nil {
		return annotation.LabelSet{}, nil, err
	}
	if len(data) > maxCodebook {
		return annotation.LabelSet{}, nil, fmt.Errorf("%s: a codebook file is at most %d MB: %w", name, maxCodebook>>20, ErrFormat)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if err := checkDepth(data, 0); err != nil {
		return annotation.LabelSet{}, nil, fmt.Errorf("%s: %w", name, err)
	}
	var f codebookFile
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&f); err != nil {
		return annotation.LabelSet{}, nil, fmt.Errorf("%s: not a Glossa codebook (%v): %w", name, err, ErrFormat)
	}
	if f.Format != CodebookFormat {
		return annotation.LabelSet{}, nil, fmt.Errorf("%s: format %q, want %q: %w", name, f.Format, CodebookFormat, ErrFormat)
	}
	if f.Version != codebookVersion {
		return annotation.LabelSet{}, nil, fmt.Errorf("%s: codebook version %d; this Glossa reads version %d: %w", name, f.Version, codebookVersion, ErrFormat)
	}
	s := annotation.LabelSet{Labels: f.Labels, Relations: f.Relations, Guidelines: f.Guidelines}
	var warnings []string
	var bad []string
	if s.Verbs, bad = annotation.CleanVerbs(f.Verbs); len(bad) > 0 {
		warnings = append(warnings, fmt.Sprintf("%s: reporting verbs that are not one word of letters were dropped (the suggester matches a cue word by word): %s",
			name, strings.Join(quoteAll(bad), ", ")))
	}
	if fixed := s.WithValidKeys(); !sameKeys(fixed, s) {
		warnings = append(warnings, fmt.Sprintf("%s: shortcut keys that are not valid or taken twice were dropped", name))
		s = fixed
	}
	if err := s.Validate(); err != nil {
		return annotation.LabelSet{}, nil, fmt.Errorf("%s: %w", name, err)
	}
	return s, warnings, nil
}

// maxCodebook is the largest codebook file read: a codebook is a few
// kilobytes, its guidelines perhaps a few hundred.
const maxCodebook = 16 << 20

// quoteAll returns each of ss quoted.
func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

func sameKeys(a, b annotation.LabelSet) bool {
	for i := range a.Labels {
		if a.Labels[i].Key != b.Labels[i].Key {
			return false
		}
	}
	return true
}
