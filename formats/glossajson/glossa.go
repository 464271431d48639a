package glossajson

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"glossa/agreement"
	"io"
	"slices"
	"time"
	"unicode/utf8"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// The Glossa JSON dataset, specified in docs/FORMAT.md and
// docs/glossa.schema.json.
const (
	// FormatName is the "format" of a dataset written as one JSON object.
	FormatName = "glossa"
	// FormatLinesName is the "format" of the header line of a dataset
	// written as JSON Lines.
	FormatLinesName = "glossa-lines"
	// FormatVersion is the version of the dataset format this package
	// writes and reads.
	FormatVersion = 1
)

// Offset units a dataset can carry. Code points are always there; the
// others are extras a consumer may ask for (dataset.ExportOptions.Offsets).
const (
	UnitCodepoint = "codepoint"
	UnitUTF16     = "utf16"
	UnitByte      = "byte"
)

// timeLayout is RFC 3339 in UTC with all nine digits of nanoseconds, so
// that times sort as strings and round-trip exactly.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

// Variant is the shape of a dataset: one JSON object or JSON Lines.
type Variant int

const (
	// Object is one JSON object (format "glossa"), documents in its
	// "documents" array, each on a line of its own.
	Object Variant = iota
	// Lines is a header line and then one document per line (format
	// "glossa-lines"). JSON Lines are never indented.
	Lines
)

// Encoder writes a dataset document by document: memory use depends on the
// largest document, not on how many there are. Call Begin once, Bundle for
// each document, then End; the first error stops the encoder and is returned
// by every later call.
type Encoder struct {
	w      *bufio.Writer
	lines  bool
	opts   dataset.ExportOptions
	utf16  bool
	bytes  bool
	state  int // 0 before Begin, 1 writing documents, 2 ended
	count  int
	err    error
	buf    bytes.Buffer
	enc    *json.Encoder
	doc    docJSON
	anns   []annJSON
	spans  []spanJSON
	pairs  []offsetPair
	entity []uint64
	js     []byte // a document's JSON (appendDoc)
	check  spanCheck
	times  timeStrings
}

// NewEncoder returns an encoder writing the variant v to w. Of opts it uses
// Offsets (offset units per span, among "codepoint", always written,
// "utf16" and "byte") and Indent (the JSON object indented by two spaces).
func NewEncoder(w io.Writer, v Variant, opts dataset.ExportOptions) *Encoder {
	e := &Encoder{w: bufio.NewWriterSize(w, 64<<10), lines: v == Lines, opts: opts}
	if e.lines {
		e.opts.Indent = false
	}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	if e.opts.Indent {
		e.enc.SetIndent("    ", "  ")
	}
	return e
}

// headerJSON is the dataset's header, in the order it is written.
type headerJSON struct {
	Format       string             `json:"format"`
	Version      int                `json:"version"`
	Offsets      string             `json:"offsets"`
	ExtraOffsets []string           `json:"extra_offsets,omitempty"`
	Project      string             `json:"project"`
	Labels       []annotation.Label `json:"labels"`
	// Relations, Guidelines and Verbs complete the codebook; a dataset
	// without relations has the default relation types
	// (annotation.LabelSet).
	Relations  []annotation.RelationType `json:"relations,omitzero"`
	Guidelines string                    `json:"guidelines,omitempty"`
	Verbs      []string                  `json:"verbs,omitempty"`
	Entities   []annotation.Entity       `json:"entities"`
	// Annotators lists the layers the dataset holds, with their counts.
	Annotators []annotatorJSON `json:"annotators,omitempty"`
	// Agreement: the annotators' agreement, when the curated layer is
	// exported (agreement.Overall; null figures are undefined).
	Agreement *agreement.Overall `json:"agreement,omitempty"`
}

// annotatorJSON is one layer of the header's annotators: an annotator's,
// or the curated layer (annotation.CuratedLayer, curated true).
type annotatorJSON struct {
	Name        string `json:"name"`
	Curated     bool   `json:"curated,omitempty"`
	Annotations int    `json:"annotations"`
	Articles    int    `json:"articles"`
}

// docJSON is one document as written: every member always present.
type docJSON struct {
	ID          uint64            `json:"id"`
	Title       string            `json:"title"`
	Outlet      string            `json:"outlet"`
	URL         string            `json:"url"`
	Authors     []string          `json:"authors"`
	Published   string            `json:"published"`
	Retrieved   string            `json:"retrieved"`
	Language    string            `json:"language"`
	Status      annotation.Status `json:"status"`
	Origin      string            `json:"origin"`
	Created     *string           `json:"created"`
	Modified    *string           `json:"modified"`
	SHA256      string            `json:"sha256"`
	Text        string            `json:"text"`
	Annotations []annJSON         `json:"annotations"`
}

type annJSON struct {
	ID         uint64            `json:"id"`
	Label      string            `json:"label"`
	Spans      []spanJSON        `json:"spans"`
	Attributes map[string]string `json:"attributes"`
	Note       string            `json:"note"`
	Entity     *uint64           `json:"entity"`
	Links      []annotation.Link `json:"links"`
	Author     string            `json:"author"`
	Layer      string            `json:"layer"`
	Created    *string           `json:"created"`
	Modified   *string           `json:"modified"`
	Provenance provJSON          `json:"provenance"`
}

type spanJSON struct {
	Start int         `json:"start"`
	End   int         `json:"end"`
	Text  string      `json:"text"`
	UTF16 *offsetPair `json:"utf16,omitempty"`
	Byte  *offsetPair `json:"byte,omitempty"`
}

type offsetPair struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

type provJSON struct {
	Origin     annotation.Origin    `json:"origin"`
	Rule       string               `json:"rule,omitempty"`
	Confidence float64              `json:"confidence,omitempty"`
	Review     annotation.Review    `json:"review,omitempty"`
	Reviewer   string               `json:"reviewer,omitempty"`
	From       []annotation.Version `json:"from,omitempty"`
}

var (
	noStrings = []string{}
	noLinks   = []annotation.Link{}
	noAttrs   = map[string]string{}
)

// Begin writes the header. Offsets options other than "codepoint", "utf16"
// and "byte" are refused here.
func (e *Encoder) Begin(h dataset.Header) error {
	if e.err != nil {
		return e.err
	}
	if e.state != 0 {
		return e.fail(errors.New("glossajson: Encoder.Begin called twice"))
	}
	if err := e.units(); err != nil {
		return e.fail(err)
	}
	hj := headerJSON{
		Format:     FormatName,
		Version:    FormatVersion,
		Offsets:    UnitCodepoint,
		Project:    h.Project,
		Labels:     h.Labels.Labels,
		Relations:  h.Labels.Relations,
		Guidelines: h.Labels.Guidelines,
		Verbs:      h.Labels.Verbs,
		Entities:   h.Entities,
		Agreement:  h.Agreement,
	}
	for _, l := range h.Layers {
		hj.Annotators = append(hj.Annotators, annotatorJSON{Name: l.Name, Curated: l.Curated, Annotations: l.Annotations, Articles: l.Articles})
	}
	if e.lines {
		hj.Format = FormatLinesName
	}
	hj.ExtraOffsets = e.extraOffsets()
	if hj.Labels == nil {
		hj.Labels = []annotation.Label{}
	}
	if hj.Entities == nil {
		hj.Entities = []annotation.Entity{}
	}
	e.state = 1
	e.buf.Reset()
	enc := json.NewEncoder(&e.buf)
	enc.SetEscapeHTML(false)
	if e.opts.Indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(hj); err != nil {
		return e.fail(err)
	}
	b := bytes.TrimRight(e.buf.Bytes(), "\n")
	if e.lines {
		e.w.Write(b)
		e.w.WriteByte('\n')
		return e.flushErr()
	}
	// Reopen the object to append the documents member.
	b = bytes.TrimSuffix(b, []byte("}"))
	if e.opts.Indent {
		b = bytes.TrimRight(b, "\n")
		e.w.Write(b)
		e.w.WriteString(",\n  \"documents\": [")
	} else {
		e.w.Write(b)
		e.w.WriteString(",\"documents\":[")
	}
	return e.flushErr()
}

// units reads the offset units of the options: utf16 and bytes set.
func (e *Encoder) units() error {
	for _, u := range e.opts.Offsets {
		switch u {
		case UnitCodepoint:
		case UnitUTF16:
			e.utf16 = true
		case UnitByte:
			e.bytes = true
		default:
			return fmt.Errorf("offset unit %q: want %q, %q or %q", u, UnitCodepoint, UnitUTF16, UnitByte)
		}
	}
	return nil
}

// extraOffsets lists the offset units besides code points that spans
// carry, in the order the header names them.
func (e *Encoder) extraOffsets() []string {
	var extra []string
	if e.utf16 {
		extra = append(extra, UnitUTF16)
	}
	if e.bytes {
		extra = append(extra, UnitByte)
	}
	return extra
}

// Bundle writes one document with its annotations. It refuses, writing
// nothing, a document whose text is not valid UTF-8, whose SHA256 (when set)
// is not that of its text, or with an annotation whose spans are not sorted,
// not disjoint, outside the text or not carrying the text between their
// offsets (annotation.CheckSpans); the error names the document and the
// annotation. An empty SHA256 is computed; an empty status is written "new".
func (e *Encoder) Bundle(b annotation.Bundle) error {
	if e.err != nil {
		return e.err
	}
	if e.state != 1 {
		return e.fail(errors.New("glossajson: Encoder.Bundle called outside Begin and End"))
	}
	if err := e.build(b); err != nil {
		return err // a bad document stops nothing: the caller may skip it
	}
	e.buf.Reset()
	var out []byte
	if js, ok := appendDoc(e.js[:0], &e.doc); !ok {
		if err := e.enc.Encode(&e.doc); err != nil {
			return e.fail(fmt.Errorf("document %d: %w", b.Document.ID, err))
		}
		out = bytes.TrimRight(e.buf.Bytes(), "\n")
	} else if e.js = js; e.opts.Indent {
		if err := json.Indent(&e.buf, js, "    ", "  "); err != nil {
			return e.fail(fmt.Errorf("document %d: %w", b.Document.ID, err))
		}
		out = e.buf.Bytes()
	} else {
		out = js
	}
	switch {
	case e.lines:
	case e.opts.Indent:
		if e.count > 0 {
			e.w.WriteByte(',')
		}
		e.w.WriteString("\n    ")
	default:
		if e.count > 0 {
			e.w.WriteByte(',')
		}
		e.w.WriteByte('\n')
	}
	e.w.Write(out)
	if e.lines {
		e.w.WriteByte('\n')
	}
	e.count++
	if e.w.Buffered() > 32<<10 {
		return e.flushErr()
	}
	return nil
}

// build fills e.doc from b, checking it.
func (e *Encoder) build(b annotation.Bundle) error {
	d := b.Document
	if !utf8.ValidString(d.Text) {
		return fmt.Errorf("document %d %q: %w", d.ID, d.Title, annotation.ErrInvalidText)
	}
	sum := annotation.TextSHA256(d.Text)
	if d.SHA256 != "" && d.SHA256 != sum {
		return fmt.Errorf("document %d %q: %w", d.ID, d.Title, annotation.ErrChecksum)
	}
	// Offset tables of the text are built only for extra offset units, or
	// to say what is wrong with a span.
	var o *annotation.Offsets
	ok := false
	if !e.utf16 && !e.bytes {
		ok = e.check.hold(d.Text, b.Annotations)
	}
	nspans := 0
	for _, a := range b.Annotations {
		nspans += len(a.Spans)
	}
	if !ok {
		o = annotation.NewOffsets(d.Text)
		for _, a := range b.Annotations {
			if err := annotation.CheckSpans(o, a.Spans); err != nil {
				return fmt.Errorf("document %d %q: annotation %d: %w", d.ID, d.Title, a.ID, err)
			}
		}
	}
	// Never nil, even when empty: a nil slice is written null where the
	// schema says array (a first document without annotations had
	// "annotations": null).
	e.anns = slices.Grow(nonNil(e.anns)[:0], len(b.Annotations))
	e.spans = slices.Grow(nonNil(e.spans)[:0], nspans)
	e.entity = slices.Grow(e.entity[:0], len(b.Annotations))
	npairs := 0
	if e.utf16 {
		npairs += nspans
	}
	if e.bytes {
		npairs += nspans
	}
	e.pairs = slices.Grow(e.pairs[:0], npairs)
	e.times.reset()
	for _, a := range b.Annotations {
		e.times.add(a.Created)
		e.times.add(a.Modified)
	}
	e.times.add(d.Created)
	e.times.add(d.Modified)
	e.times.done()
	for _, a := range b.Annotations {
		first := len(e.spans)
		for _, s := range a.Spans {
			sj := spanJSON{Start: s.Start, End: s.End, Text: s.Text}
			if e.utf16 {
				e.pairs = append(e.pairs, offsetPair{o.UTF16(s.Start), o.UTF16(s.End)})
				sj.UTF16 = &e.pairs[len(e.pairs)-1]
			}
			if e.bytes {
				e.pairs = append(e.pairs, offsetPair{o.Byte(s.Start), o.Byte(s.End)})
				sj.Byte = &e.pairs[len(e.pairs)-1]
			}
			e.spans = append(e.spans, sj)
		}
		aj := annJSON{
			ID:         a.ID,
			Label:      a.Label,
			Spans:      e.spans[first:len(e.spans):len(e.spans)],
			Attributes: a.Attributes,
			Note:       a.Note,
			Links:      a.Links,
			Author:     a.Author,
			Layer:      a.Layer,
			Created:    e.times.next(),
			Modified:   e.times.next(),
			Provenance: provJSON{
				Origin:     a.Provenance.Origin,
				Rule:       a.Provenance.Rule,
				Confidence: a.Provenance.Confidence,
				Review:     a.Provenance.Review,
				Reviewer:   a.Provenance.Reviewer,
				From:       a.Provenance.From,
			},
		}
		if aj.Attributes == nil {
			aj.Attributes = noAttrs
		}
		if aj.Links == nil {
			aj.Links = noLinks
		}
		if aj.Provenance.Origin == "" {
			aj.Provenance.Origin = annotation.OriginPerson
		}
		if a.Entity != 0 {
			e.entity = append(e.entity, a.Entity)
			aj.Entity = &e.entity[len(e.entity)-1]
		}
		e.anns = append(e.anns, aj)
	}
	e.doc = docJSON{
		ID:          d.ID,
		Title:       d.Title,
		Outlet:      d.Outlet,
		URL:         d.URL,
		Authors:     d.Authors,
		Published:   d.Published,
		Retrieved:   d.Retrieved,
		Language:    d.Language,
		Status:      d.Status,
		Origin:      d.Origin,
		Created:     e.times.next(),
		Modified:    e.times.next(),
		SHA256:      sum,
		Text:        d.Text,
		Annotations: e.anns,
	}
	if e.doc.Authors == nil {
		e.doc.Authors = noStrings
	}
	if e.doc.Status == "" {
		e.doc.Status = annotation.StatusNew
	}
	return nil
}

// nonNil returns s, or an empty slice when s is nil.
func nonNil[S ~[]E, E any](s S) S {
	if s == nil {
		return S{}
	}
	return s
}

// timeStrings formats a document's times for the dataset into one string
// and hands them out as substrings, in the order they were added: two
// allocations a document instead of two a time. The zero time is null.
type timeStrings struct {
	buf  []byte
	ends []int     // ends[i]: end of time i in buf; equal to the previous end for a zero time
	strs []string  // substrings of one string(buf)
	ptrs []*string // what next hands out: nil or &strs[i]
	n    int       // next to hand out
}

func (ts *timeStrings) reset() {
	ts.buf, ts.ends, ts.n = ts.buf[:0], ts.ends[:0], 0
}

func (ts *timeStrings) add(t time.Time) {
	if !t.IsZero() {
		ts.buf = appendTime(ts.buf, t)
	}
	ts.ends = append(ts.ends, len(ts.buf))
}

// done makes the strings of the times added since reset.
func (ts *timeStrings) done() {
	all := string(ts.buf)
	ts.strs = slices.Grow(ts.strs[:0], len(ts.ends))[:len(ts.ends)]
	ts.ptrs = slices.Grow(ts.ptrs[:0], len(ts.ends))[:len(ts.ends)]
	start := 0
	for i, end := range ts.ends {
		ts.strs[i], ts.ptrs[i] = "", nil
		if end > start {
			ts.strs[i] = all[start:end]
			ts.ptrs[i] = &ts.strs[i]
		}
		start = end
	}
}

// next returns the next time's string, nil for a zero time.
func (ts *timeStrings) next() *string {
	p := ts.ptrs[ts.n]
	ts.n++
	return p
}

// appendTime appends t.UTC().Format(timeLayout), written digit by digit
// for years 0 to 9999 (time.Format was a tenth of an export).
func appendTime(b []byte, t time.Time) []byte {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.AppendFormat(b, timeLayout)
	}
	hour, minute, sec := t.Clock()
	at := len(b)
	b = append(b, "0000-00-00T00:00:00.000000000Z"...)
	put := func(off, width, v int) {
		for i := at + off + width - 1; i >= at+off; i-- {
			b[i] = byte('0' + v%10)
			v /= 10
		}
	}
	put(0, 4, year)
	put(5, 2, int(month))
	put(8, 2, day)
	put(11, 2, hour)
	put(14, 2, minute)
	put(17, 2, sec)
	put(20, 9, t.Nanosecond())
	return b
}

// End closes the dataset and flushes it to the writer.
func (e *Encoder) End() error {
	if e.err != nil {
		return e.err
	}
	if e.state != 1 {
		return e.fail(errors.New("glossajson: Encoder.End called without Begin"))
	}
	e.state = 2
	if !e.lines {
		switch {
		case e.count == 0 && e.opts.Indent:
			e.w.WriteString("]\n}\n")
		case e.count == 0:
			e.w.WriteString("]}\n")
		case e.opts.Indent:
			e.w.WriteString("\n  ]\n}\n")
		default:
			e.w.WriteString("\n]}\n")
		}
	}
	return e.flushErr()
}

func (e *Encoder) flushErr() error {
	if err := e.w.Flush(); err != nil {
		return e.fail(err)
	}
	return nil
}

func (e *Encoder) fail(err error) error {
	e.err = err
	return err
}
