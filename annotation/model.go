package annotation

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Status is where a document stands in the annotator's work.
type Status string

// The document statuses.
const (
	StatusNew        Status = "new"
	StatusInProgress Status = "in progress"
	StatusDone       Status = "done"
)

// Valid reports whether s is a defined status.
func (s Status) Valid() bool {
	return s == StatusNew || s == StatusInProgress || s == StatusDone
}

// Document is one article. Text is exactly what is displayed, normalised once
// at import (see NormalizeText); every offset of its annotations counts code
// points into it.
type Document struct {
	ID        uint64    `json:"id"`
	Title     string    `json:"title"`
	Outlet    string    `json:"outlet,omitempty"`
	URL       string    `json:"url,omitempty"`
	Authors   []string  `json:"authors,omitempty"`
	Published string    `json:"published,omitempty"` // as given: a date or RFC 3339 time
	Retrieved string    `json:"retrieved,omitempty"`
	Language  string    `json:"language,omitempty"` // BCP 47 tag
	Status    Status    `json:"status"`
	Origin    string    `json:"origin,omitempty"` // the file it was imported from
	Created   time.Time `json:"created"`
	Modified  time.Time `json:"modified"`
	SHA256    string    `json:"sha256"` // hex SHA-256 of Text
	Text      string    `json:"text"`
}

// Summary is what the corpus list shows of a document, without its text.
type Summary struct {
	ID          uint64 `json:"id"`
	Title       string `json:"title"`
	Outlet      string `json:"outlet,omitempty"`
	Published   string `json:"published,omitempty"`
	Status      Status `json:"status"`
	Annotations int    `json:"annotations"`
	Length      int    `json:"length"` // code points
	// Pending counts the suggestions waiting for review; Suggester is the
	// version of the suggester that last ran on the document ("" for
	// never), so that a newer one runs again.
	Pending   int    `json:"pending,omitempty"`
	Suggester string `json:"suggester,omitempty"`
	// Layers counts the annotations of each layer (LayerOf; "" for an
	// unnamed annotator); nil when there are none.
	Layers map[string]int `json:"layers,omitempty"`
}

// TextSHA256 returns the hex SHA-256 of text, as Document.SHA256 holds it.
func TextSHA256(text string) string {
	// Hashed through a small buffer: converting a long text to []byte
	// would copy all of it (an export hashes every document).
	h := sha256.New()
	var buf [8 << 10]byte
	for len(text) > 0 {
		n := copy(buf[:], text)
		h.Write(buf[:n])
		text = text[n:]
	}
	return hex.EncodeToString(h.Sum(buf[:0]))
}

// Span is one contiguous stretch of a document: code points [Start, End) and
// the text between them.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// LinkType says how one annotation relates to another.
type LinkType string

// The link types. A claim is said_by a source and about an entity; a source
// is an entity; a claim or source has a cue (the reporting verb).
const (
	LinkSaidBy LinkType = "said_by"
	LinkAbout  LinkType = "about"
	LinkIs     LinkType = "is"
	LinkCue    LinkType = "cue"
	LinkOther  LinkType = "related"
)

// Valid reports whether t is a defined link type.
func (t LinkType) Valid() bool {
	switch t {
	case LinkSaidBy, LinkAbout, LinkIs, LinkCue, LinkOther:
		return true
	}
	return false
}

// linkTypes lists every link type, in the order they are documented.
var linkTypes = [...]LinkType{LinkSaidBy, LinkAbout, LinkIs, LinkCue, LinkOther}

// ParseLinkType returns the link type another tool's relation name stands
// for: a name that equals a link type once letter case, '-', '_' and white
// space are ignored ("SaidBy", "said-by", "Said_By", "SAID BY" are
// said_by). ok is false for any other name.
func ParseLinkType(name string) (LinkType, bool) {
	key := linkKey(name)
	for _, t := range linkTypes {
		if key == linkKey(string(t)) && key != "" {
			return t, true
		}
	}
	return "", false
}

// linkKey is name in lower case without '-', '_' and white space.
func linkKey(name string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, name)
}

// Link points from one annotation to another of the same document.
type Link struct {
	Type   LinkType `json:"type"`
	Target uint64   `json:"target"`
}

// Origin says who made an annotation.
type Origin string

// The origins of an annotation.
const (
	OriginPerson Origin = "person"
	// OriginSuggested: proposed by a rule or model (package suggest);
	// files of earlier Glossa versions say "rule".
	OriginSuggested Origin = "suggested"
	OriginImport    Origin = "import" // brought in from another tool's file
	// OriginCurated: copied into the curated layer (CuratedLayer) from
	// the annotators' versions that Provenance.From names.
	OriginCurated Origin = "curated"
)

// ParseOrigin reads an origin as a file holds it: "rule", the name Glossa
// wrote before suggestions were stored, is OriginSuggested.
func ParseOrigin(s string) Origin {
	if s == "rule" {
		return OriginSuggested
	}
	return Origin(s)
}

// Review is a person's decision on a suggested annotation.
type Review string

// The review states of a suggestion.
const (
	ReviewPending  Review = "pending"
	ReviewAccepted Review = "accepted"
	ReviewRejected Review = "rejected"
)

// Provenance records where an annotation came from. The zero value means
// made by a person.
type Provenance struct {
	Origin     Origin  `json:"origin,omitempty"`
	Rule       string  `json:"rule,omitempty"`       // which rule or model suggested it
	Confidence float64 `json:"confidence,omitempty"` // 0..1, for suggestions
	Review     Review  `json:"review,omitempty"`     // for suggestions
	Reviewer   string  `json:"reviewer,omitempty"`   // who accepted or rejected it
	// From lists, for a curated annotation (OriginCurated), the
	// annotators' versions it was taken from (VersionOf), so that a later
	// merge can tell which of them changed since.
	From []Version `json:"from,omitempty"`
}

// Annotation tags one or more spans of a document with a label.
type Annotation struct {
	ID         uint64            `json:"id"`
	DocID      uint64            `json:"document"`
	Label      string            `json:"label"`
	Spans      []Span            `json:"spans"`
	Attributes map[string]string `json:"attributes,omitempty"`
	Note       string            `json:"note,omitempty"`
	Entity     uint64            `json:"entity,omitempty"` // registry id, 0 for none
	Links      []Link            `json:"links,omitempty"`
	Author     string            `json:"author,omitempty"`
	// Layer is the layer the annotation belongs to: an annotator's name,
	// or CuratedLayer. Empty in files and projects from before layers:
	// LayerOf reads it from Author then.
	Layer      string     `json:"layer,omitempty"`
	Created    time.Time  `json:"created"`
	Modified   time.Time  `json:"modified"`
	Provenance Provenance `json:"provenance,omitzero"`
}

// Clone returns a copy of a that shares no slice or map with it: what a
// store keeps, or an undo history, is not changed by the caller's edits.
func (a Annotation) Clone() Annotation {
	a.Spans = slices.Clone(a.Spans)
	a.Links = slices.Clone(a.Links)
	a.Attributes = maps.Clone(a.Attributes)
	a.Provenance.From = slices.Clone(a.Provenance.From)
	return a
}

// Start is the first offset the annotation covers.
func (a Annotation) Start() int {
	if len(a.Spans) == 0 {
		return 0
	}
	return a.Spans[0].Start
}

// End is the offset just past the last span.
func (a Annotation) End() int {
	if len(a.Spans) == 0 {
		return 0
	}
	return a.Spans[len(a.Spans)-1].End
}

// Quote is the annotation's text, its spans joined by " … ".
func (a Annotation) Quote() string {
	switch len(a.Spans) {
	case 0:
		return ""
	case 1:
		return a.Spans[0].Text
	}
	q := a.Spans[0].Text
	for _, s := range a.Spans[1:] {
		q += " … " + s.Text
	}
	return q
}

// LinksOf returns the targets of a's links of type t.
func (a Annotation) LinksOf(t LinkType) []uint64 {
	var ids []uint64
	for _, l := range a.Links {
		if l.Type == t {
			ids = append(ids, l.Target)
		}
	}
	return ids
}

// Entity is one person, organisation, place, date or thing, shared by every
// mention of it across the project's documents.
type Entity struct {
	ID      uint64   `json:"id"`
	Name    string   `json:"name"`           // canonical name
	Type    string   `json:"type,omitempty"` // a label name, e.g. Person
	Aliases []string `json:"aliases,omitempty"`
	Note    string   `json:"note,omitempty"`
	// ExternalID is an identifier in a knowledge base (e.g. a Wikidata Q-id),
	// entered by the user; Glossa never looks it up.
	ExternalID string `json:"external_id,omitempty"`
}

// Bundle is a document with its annotations: the unit of import, export and
// bulk writes.
type Bundle struct {
	Document    Document
	Annotations []Annotation
}
