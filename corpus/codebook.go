package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"glossa/annotation"
	"glossa/formats/registry"
	"glossa/internal/durable"
	"glossa/internal/samefile"
)

// ErrCodebookFile marks a file given to import that holds a codebook, not
// annotated data: it is merged into a project's codebook instead (`glossa
// codebook --import`, the codebook dialog).
var ErrCodebookFile = errors.New("the file holds a codebook, not annotated data")

// CodebookFormats lists the codebook formats, in --format order.
func CodebookFormats() []string { return registry.CodebookNames() }

// ReadCodebook reads the codebook at path (a file, or brat's folder) in
// format, or in the format its name and content say when format is "". It
// returns the format read and what the codebook could not keep.
func ReadCodebook(path, format string) (annotation.LabelSet, string, []string, error) {
	var (
		c  registry.Codebook
		ok bool
	)
	if format == "" {
		if _, err := os.Stat(path); err != nil {
			return annotation.LabelSet{}, "", nil, fmt.Errorf("cannot read %s: %w", path, unwrapPathError(err))
		}
		if c, ok = registry.SniffCodebook(path); !ok {
			return annotation.LabelSet{}, "", nil, fmt.Errorf("%s is not a codebook Glossa recognises (%s); name its format with --format",
				path, strings.Join(CodebookFormats(), ", "))
		}
	} else if c, ok = registry.LookupCodebook(format); !ok {
		return annotation.LabelSet{}, "", nil, fmt.Errorf("unknown codebook format %q; choose one of %s", format, strings.Join(CodebookFormats(), ", "))
	}
	s, warn, err := c.Read(path)
	if err != nil {
		return annotation.LabelSet{}, c.Name, nil, err
	}
	return s, c.Name, warn, nil
}

// ExportCodebook writes s in format to path, durably: a failure or a crash
// leaves each file as it was or as written. A format of several files (brat:
// annotation.conf and visual.conf) takes path as a folder, made when
// missing, and replaces only its own files in it. It returns what the format
// cannot hold.
func ExportCodebook(s annotation.LabelSet, format, path, project string) ([]string, error) {
	c, ok := registry.LookupCodebook(format)
	if !ok {
		return nil, fmt.Errorf("unknown codebook format %q; choose one of %s", format, strings.Join(CodebookFormats(), ", "))
	}
	files := map[string]*bytes.Buffer{}
	var order []string
	warn, err := c.Write(s, func(name string) (io.Writer, error) {
		b := &bytes.Buffer{}
		files[name] = b
		order = append(order, name)
		return b, nil
	})
	if err != nil {
		return nil, err
	}
	if c.MultiFile() {
		if st, err := os.Stat(path); err == nil && !st.IsDir() {
			return nil, fmt.Errorf("the %s codebook is several files (%s); %s is a file, give a folder", format, strings.Join(c.Files, ", "), path)
		}
		if err := os.MkdirAll(path, 0o755); err != nil {
			return nil, err
		}
	}
	for _, name := range order {
		target := path
		if c.MultiFile() {
			target = filepath.Join(path, name)
		}
		if samefile.Is(target, project) {
			return nil, fmt.Errorf("%s is the project file itself; choose another name for the codebook", target)
		}
		if err := durable.WriteFile(target, 0o644, func(w io.Writer) error {
			_, err := w.Write(files[name].Bytes())
			return err
		}); err != nil {
			return nil, err
		}
	}
	return warn, nil
}
