package glossajson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"regexp"

	"glossa/formats/dataset"
)

// The dataset folder, Glossa's dataset laid out for version control
// (docs/FORMAT.md, "The dataset folder"): one file per article, so that
// two annotators' commits to different articles never touch one file, and
// one line per annotation, so that a diff shows one line per changed
// annotation.
//
//	glossa-folder.json        the manifest: {"format": "glossa-folder", "version": 1, "offsets": "codepoint"}
//	codebook.json             the codebook, a Glossa codebook file (WriteCodebook)
//	entities.jsonl            the entity registry, one entity per line, by name
//	articles/<sha>-<slug>.jsonl   one article: its document, then one annotation per line
//
// Nothing in it changes unless the project does: no export time, no
// project id, no id of the project's documents. Ids are the folder's own:
// an entity's is derived from its type and name (folderEntityID), an
// annotation's is local to its article file and kept from the file an
// earlier export left (localIDs), links refer to those.
const (
	// FolderFormat is the manifest's format, ArticleFormat the format of
	// the first line of an article file.
	FolderFormat  = "glossa-folder"
	ArticleFormat = "glossa-article"
	// FolderVersion is the version of the folder layout this package
	// writes and reads.
	FolderVersion = 1

	// The names of the folder's files, slash-separated.
	FolderManifest = "glossa-folder.json"
	FolderCodebook = "codebook.json"
	FolderEntities = "entities.jsonl"
	FolderArticles = "articles"
)

// shaDigits is how many hex digits of the text's SHA-256 start an article
// file's name: 64 bits, so that two texts of one project never share one.
const shaDigits = 16

// slugBytes bounds the readable part of an article file's name.
const slugBytes = 40

// articleFile matches the name of an article file in the articles folder:
// the first 16 hex digits of the text's SHA-256, then, optionally, a
// hyphen and a slug of the title the article had when it was first
// exported.
var articleFile = regexp.MustCompile(`^([0-9a-f]{16})(-[a-z0-9-]*)?\.jsonl$`)

// IsFolderFile reports whether name, slash-separated and relative to a
// dataset folder, is a file a folder export writes: the manifest, the
// codebook, the entities and the article files. An export in place
// removes the article files it did not write again (articles the project
// no longer has) and leaves every other file alone.
func IsFolderFile(name string) bool {
	switch name {
	case FolderManifest, FolderCodebook, FolderEntities:
		return true
	}
	dir, base := path.Split(name)
	return dir == FolderArticles+"/" && articleFile.MatchString(base)
}

// articleName is the name of the article file of the text whose SHA-256
// is sum: the one an earlier export gave it (existing, by the first
// digits of the sum), else the digits and a slug of title.
func articleName(sum, title string, existing map[string]string) string {
	prefix := sum[:shaDigits]
	if name, ok := existing[prefix]; ok {
		return name
	}
	base := prefix
	if slug := dataset.Slug(title, slugBytes); slug != "" {
		base += "-" + slug
	}
	return FolderArticles + "/" + base + ".jsonl"
}

// manifestJSON is the folder's manifest. It holds no time and no project
// id: exports of one codebook from two annotators' projects write the same
// bytes.
type manifestJSON struct {
	Format       string   `json:"format"`
	Version      int      `json:"version"`
	Offsets      string   `json:"offsets"`
	ExtraOffsets []string `json:"extra_offsets,omitempty"`
}

// folderHead finds the format member of a manifest or an article file.
var folderHead = regexp.MustCompile(`^\{\s*"format"\s*:\s*"glossa-(folder|article)"`)

// DetectFolder reports whether head, the first bytes of a file, starts a
// file of a dataset folder: its manifest, or (article) an article file.
func DetectFolder(head []byte) (ok, article bool) {
	m := folderHead.FindSubmatch(trimHead(head))
	if m == nil {
		return false, false
	}
	return true, string(m[1]) == "article"
}

// mergeConflict is how git marks a conflict it left in a file.
var mergeConflict = []byte("<<<<<<<")

// conflictError is the error of a file that holds git's conflict markers.
func conflictError(name string) error {
	return fmt.Errorf("%s holds a git merge conflict (lines <<<<<<<, =======, >>>>>>>): keep the lines you want, delete the markers, and import again: %w", name, ErrFormat)
}

// appendArticleHead appends the first line of an article file: the
// document of d, without id and annotations, after the format.
func appendArticleHead(b []byte, d *docJSON) []byte {
	b = append(b, `{"format":"`+ArticleFormat+`","version":`...)
	b = append(b, fmt.Sprint(FolderVersion)...)
	b = appendDocMembers(b, d)
	return append(b, "}\n"...)
}

// marshalLine encodes v as encoding/json does, without HTML escapes, and
// ends it with a newline.
func marshalLine(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
