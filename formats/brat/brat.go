// Package brat writes and reads brat standoff annotations: per document a
// .txt holding the text and an .ann holding the annotations, plus an
// annotation.conf for the label set and a tools.conf declaring the
// databases of entity references, in a folder or a zip.
//
// Offsets count Unicode code points, as brat's server (Python) does. Glossa
// writes T lines (discontinuous spans as "s e;s e"), R lines for links, A
// lines for attributes, N lines for entity references (DB:ID, see
// reference) and # AnnotatorNotes for notes. It reads those and E lines (events): an event whose roles
// include Content and Source or Cue (how attribution corpora such as PARC
// encode an attribution) becomes a claim, the content, linked to its source
// (said_by) and its cue (cue); any other event becomes links from its
// trigger to its arguments.
//
// brat names cannot hold spaces: Glossa writes them with underscores and
// records the original names, kinds and colours in comments of
// annotation.conf ("# glossa-label ..."), which the reader uses when
// present.
package brat

import (
	"path/filepath"
	"strings"
)

// brat line prefixes Glossa writes in annotation.conf comments.
const (
	confLabel     = "# glossa-label\t"     // brat name, kind, colour, original name
	confAttribute = "# glossa-attribute\t" // brat name, original name
	confValue     = "# glossa-value\t"     // brat value, original value
	confRelation  = "# glossa-relation\t"  // brat name, original name
	confFile      = "annotation.conf"
	toolsFile     = "tools.conf"
)

// bratName makes s usable as a brat type, attribute name or value: spaces
// and tabs become underscores.
func bratName(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '|', ',', ':', ';', '=':
			return '_'
		}
		return r
	}, s)
}

// oneLine makes s fit in one field of an .ann line.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ").Replace(s)
}

// IsExportFile reports whether a file named name can be one a brat export
// writes: a document's .txt or .ann, annotation.conf or tools.conf.
func IsExportFile(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return name == confFile || name == toolsFile || ext == ".txt" || ext == ".ann"
}
