// Package w3c writes and reads W3C Web Annotations (JSON-LD): an
// AnnotationCollection with one embedded page, or one annotation per line.
//
// Each Glossa annotation becomes one Web Annotation: its label a tagging
// TextualBody, its note a commenting body, each attribute a describing body
// "name: value", its entity an identifying body with the entity's name; one
// SpecificResource target per span, with a TextPositionSelector (code
// points, as the model requires) and a TextQuoteSelector (exact, with 32
// code points of prefix and suffix, or more where the article repeats
// itself: the fewest that make the quote unique in the text, see
// quoteFinder). The target's source is the document's URL, or
// urn:sha256:<hex> of its text. Each link becomes an
// annotation with motivation linking whose target is the linking
// annotation's id and whose body is the linked annotation's id plus a
// tagging body naming the link type.
package w3c

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"glossa/annotation"
)

// Context is the Web Annotation JSON-LD context.
const Context = "http://www.w3.org/ns/anno.jsonld"

// contextLen is how many code points of prefix and suffix a
// TextQuoteSelector carries at least (each side stops at the text's ends).
const contextLen = 32

// Body purposes Glossa writes.
const (
	purposeTagging     = "tagging"
	purposeCommenting  = "commenting"
	purposeDescribing  = "describing"
	purposeIdentifying = "identifying"
)

type agent struct {
	ID   string `json:"id,omitempty"`
	Type string `json:"type,omitempty"`
	Name string `json:"name,omitempty"`
}

type textualBody struct {
	Type    string `json:"type"`
	Purpose string `json:"purpose,omitempty"`
	Value   string `json:"value"`
	Format  string `json:"format,omitempty"`
}

type selector struct {
	Type   string `json:"type"`
	Start  *int   `json:"start,omitempty"`
	End    *int   `json:"end,omitempty"`
	Exact  string `json:"exact,omitempty"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
}

type target struct {
	Type     string     `json:"type,omitempty"`
	Source   string     `json:"source"`
	Selector []selector `json:"selector,omitempty"`
}

// webAnnotation is what the writer emits.
type webAnnotation struct {
	Context    string `json:"@context"`
	ID         string `json:"id"`
	Type       string `json:"type"`
	Motivation string `json:"motivation,omitempty"`
	Creator    *agent `json:"creator,omitempty"`
	Created    string `json:"created,omitempty"`
	Modified   string `json:"modified,omitempty"`
	Generator  *agent `json:"generator,omitempty"`
	Body       []any  `json:"body"`
	Target     any    `json:"target"`
}

// ids builds annotation IRIs: under base when one is given, else
// urn:glossa:annotation:<id>.
type ids struct{ base string }

func (i ids) annotation(id uint64) string {
	if i.base == "" {
		return "urn:glossa:annotation:" + strconv.FormatUint(id, 10)
	}
	return i.base + "annotations/" + strconv.FormatUint(id, 10)
}

func (i ids) link(from uint64, n int) string {
	if i.base == "" {
		return i.annotation(from) + ":link:" + strconv.Itoa(n)
	}
	return i.annotation(from) + "/links/" + strconv.Itoa(n)
}

func (i ids) collection() string {
	if i.base == "" {
		return "urn:glossa:collection"
	}
	return i.base + "annotations/"
}

func (i ids) page() string {
	if i.base == "" {
		return "urn:glossa:collection:page:1"
	}
	return i.base + "annotations/?page=1"
}

// documentSource is a target's source: the document's URL when it is an
// absolute IRI (a scheme, no white space or control character), else a urn
// naming the SHA-256 of its text (sha, or of text when sha is empty): the
// model wants an IRI, and an article's URL is what it was given ("example.org/a"
// from a front matter fails every W3C schema that checks a target).
func documentSource(u, sha, text string) string {
	if p, err := url.Parse(u); err == nil && p.IsAbs() && !strings.ContainsFunc(u, notInIRI) {
		return u
	}
	if sha == "" {
		sha = annotation.TextSHA256(text)
	}
	return "urn:sha256:" + sha
}

// notInIRI reports whether r cannot stand in an IRI as it is (RFC 3987).
func notInIRI(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune(`<>"{}|\^`+"`", r)
}

// shaFromSource returns the hex SHA-256 a urn:sha256 source names.
func shaFromSource(src string) (string, bool) {
	if rest, ok := strings.CutPrefix(src, "urn:sha256:"); ok {
		return strings.ToLower(rest), true
	}
	return "", false
}

func timeString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// marshal encodes v without escaping <, > and & (the text is not HTML).
func marshal(v any) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(b.String(), "\n")), nil
}
