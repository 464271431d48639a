package glossajson

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"glossa/agreement"
	"io"
	"regexp"
	"time"

	"glossa/annotation"
	"glossa/formats"
	"glossa/formats/dataset"
)

// MaxDepth is the deepest nesting of JSON objects and arrays DecodeDataset
// accepts (a Glossa dataset needs 7); deeper input is refused as malformed
// before it is decoded.
const MaxDepth = 32

// MaxDocumentBytes is the largest document DecodeDataset accepts, in bytes
// of JSON (60 MB): a text of MaxFileSize, the largest article ReadDocument
// imports, with room for its escapes and annotations. MaxHeaderBytes is the
// largest header member (labels, entities, ...) or JSON Lines header line
// (16 MB). Both are enforced while reading, so a larger value is refused
// after reading about that much, and memory stays a small multiple of it.
const (
	MaxDocumentBytes = 60 << 20
	MaxHeaderBytes   = 16 << 20
)

// errValueTooLarge is what limitReader returns past its budget.
var errValueTooLarge = errors.New("value too large")

// limitReader hands the bytes of r to a json.Decoder, failing with
// errValueTooLarge once more than budget bytes were read since the last
// allow: the decoder buffers a whole value before returning it.
type limitReader struct {
	r      io.Reader
	n, max int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n >= l.max {
		return 0, errValueTooLarge
	}
	if int64(len(p)) > l.max-l.n {
		p = p[:l.max-l.n]
	}
	n, err := l.r.Read(p)
	l.n += int64(n)
	return n, err
}

// allow lets the next value read up to limit bytes.
func (l *limitReader) allow(limit int64) { l.max = l.n + limit }

// tooLarge is the error for a value over limit bytes.
func tooLarge(what string, limit int64) error {
	return fmt.Errorf("%s is larger than %d MB, the most a Glossa dataset allows: %w (%w)", what, limit>>20, ErrFormat, formats.ErrTooLarge)
}

// linesHeader matches the start of a JSON Lines dataset as the Encoder
// writes it.
var linesHeader = regexp.MustCompile(`^\{\s*"format"\s*:\s*"glossa-lines"`)

// Detect reports whether head, the first bytes of a file, is the start of
// a Glossa dataset: a JSON object (after a byte order mark and white space)
// with a "format" member whose value starts "glossa". lines reports
// whether it is the JSON Lines variant, recognised as DecodeDataset does:
// the first member of the first line is "format": "glossa-lines". It is the
// one place that sniffs the dataset; the format table's json and jsonl
// entries and DecodeDataset use it.
func Detect(head []byte) (ok, lines bool) {
	h := trimHead(head)
	if len(h) == 0 || h[0] != '{' {
		return false, false
	}
	ok = datasetFormat.Match(h)
	return ok, ok && linesHeader.Match(h)
}

// datasetFormat finds the format member of a dataset: "glossa" or
// "glossa-lines", not a codebook's "glossa-codebook".
var datasetFormat = regexp.MustCompile(`"format"\s*:\s*"glossa(-lines)?"`)

// trimHead drops a UTF-8 byte order mark and white space from the start of
// head.
func trimHead(head []byte) []byte {
	return bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\uFEFF")), " \t\r\n")
}

// DecodeDataset reads a dataset written by Encoder, either variant: a JSON
// object (format "glossa") or JSON Lines (a header line with format
// "glossa-lines", then one document per line; recognised when the first
// member of the first line is that format). It calls onHeader once, before any
// document, then onBundle for each document in order; an error from either
// stops decoding and is returned as is. Nil callbacks are skipped.
//
// Documents are decoded one at a time, so memory use depends on the largest
// document, not on the file. Every document is checked: its text normalised
// (annotation.NormalizeText leaves it as is) and matching its sha256
// (annotation.ErrChecksum), its status known, each annotation's spans sorted,
// disjoint, inside the text and carrying the text between their offsets
// (annotation.CheckSpans: annotation.ErrSpanText and the like), and extra
// utf16/byte offsets, when present, agreeing with the code point ones. Other
// problems, among them a wrong format, version or offset unit, nesting deeper
// than MaxDepth or data after the end, wrap ErrFormat. A document over
// MaxDocumentBytes or a header member over MaxHeaderBytes wraps ErrFormat
// and formats.ErrTooLarge. Errors name the document by position and id and, for
// JSON Lines, the line.
//
// Annotations get the document's id as DocID; empty authors, attributes and
// links decode as nil; a null time as the zero time.
func DecodeDataset(r io.Reader, onHeader func(dataset.Header) error, onBundle func(annotation.Bundle) error) error {
	d := &decoder{onHeader: onHeader, onBundle: onBundle}
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\uFEFF")) {
		br.Discard(3)
	}
	head, _ := br.Peek(4096)
	head = trimHead(head)
	switch {
	case len(head) == 0:
		return fmt.Errorf("the dataset is empty: %w", ErrFormat)
	case head[0] != '{':
		return fmt.Errorf("the dataset does not start with a JSON object ('{'): %w", ErrFormat)
	case linesHeader.Match(head):
		return d.lines(br)
	}
	return d.object(br)
}

type decoder struct {
	onHeader func(dataset.Header) error
	onBundle func(annotation.Bundle) error
	lines_   bool
	header   dataset.Header
	headed   bool
	format   string
	version  json.RawMessage
	offsets  string
	index    int          // documents decoded so far
	limit    *limitReader // the object variant's reader
}

// headerIn is the header as read, with every member optional so that missing
// ones can be told apart.
type headerIn struct {
	Format       *string                   `json:"format"`
	Version      json.RawMessage           `json:"version"`
	Offsets      *string                   `json:"offsets"`
	ExtraOffsets []string                  `json:"extra_offsets"`
	Project      string                    `json:"project"`
	Labels       []annotation.Label        `json:"labels"`
	Relations    []annotation.RelationType `json:"relations"`
	Guidelines   string                    `json:"guidelines"`
	Verbs        []string                  `json:"verbs"`
	Entities     []annotation.Entity       `json:"entities"`
	Annotators   []annotatorJSON           `json:"annotators"`
	Agreement    *agreement.Overall        `json:"agreement"`
}

// checkHeader checks format, version and offset units.
func (d *decoder) checkHeader(format *string, version json.RawMessage, offsets *string, extra []string) error {
	want := FormatName
	if d.lines_ {
		want = FormatLinesName
	}
	switch {
	case format == nil:
		return fmt.Errorf("the dataset has no \"format\" member, so it is not a Glossa dataset: %w", ErrFormat)
	case *format != want:
		return fmt.Errorf("the dataset's format is %q, want %q: %w", *format, want, ErrFormat)
	case version == nil:
		return fmt.Errorf("the dataset has no \"version\": %w", ErrFormat)
	case string(bytes.TrimSpace(version)) != "1":
		return fmt.Errorf("the dataset is version %s; this Glossa reads version %d, a newer Glossa may read it: %w", bytes.TrimSpace(version), FormatVersion, ErrFormat)
	case offsets == nil:
		return fmt.Errorf("the dataset does not say its offset unit (\"offsets\"): %w", ErrFormat)
	case *offsets != UnitCodepoint:
		return fmt.Errorf("the dataset counts offsets in %q; Glossa datasets count %q: %w", *offsets, UnitCodepoint, ErrFormat)
	}
	for _, u := range extra {
		if u != UnitUTF16 && u != UnitByte {
			return fmt.Errorf("unknown extra offset unit %q: %w", u, ErrFormat)
		}
	}
	return nil
}

func (d *decoder) emitHeader() error {
	if d.headed {
		return nil
	}
	d.headed = true
	// Verbs lower-cased and kept once; one that is not a word stays, for
	// the store to refuse with a sentence that names it.
	clean, bad := annotation.CleanVerbs(d.header.Labels.Verbs)
	d.header.Labels.Verbs = append(clean, bad...)
	if d.onHeader != nil {
		return d.onHeader(d.header)
	}
	return nil
}

// lines decodes the JSON Lines variant.
func (d *decoder) lines(br *bufio.Reader) error {
	d.lines_ = true
	line := 0
	for {
		limit := int64(MaxDocumentBytes)
		if line == 0 {
			limit = MaxHeaderBytes
		}
		b, err := readLine(br, limit)
		if errors.Is(err, errValueTooLarge) {
			what := fmt.Sprintf("line %d (document %d)", line+1, d.index+1)
			if line == 0 {
				what = "line 1 (the header)"
			}
			return tooLarge(what, limit)
		}
		if err != nil && err != io.EOF {
			return err
		}
		if len(b) > 0 {
			line++
		}
		if t := bytes.TrimSpace(b); len(t) > 0 {
			if line == 1 {
				if err := d.linesHeader(t); err != nil {
					return fmt.Errorf("line 1: %w", err)
				}
				if err := d.emitHeader(); err != nil {
					return err
				}
			} else if err := d.document(t, line); err != nil {
				return err
			}
		}
		if err == io.EOF {
			break
		}
	}
	if !d.headed {
		return fmt.Errorf("the dataset is empty: %w", ErrFormat)
	}
	return nil
}

// readLine reads up to and including the next '\n' (or to the end), like
// bufio.Reader.ReadBytes, but fails with errValueTooLarge past limit bytes,
// without buffering more. A long line is gathered in the reader's buffer
// sized pieces and joined once, so memory stays about twice the line.
func readLine(br *bufio.Reader, limit int64) ([]byte, error) {
	var pieces [][]byte
	size := 0
	for {
		frag, err := br.ReadSlice('\n')
		size += len(frag)
		if int64(size) > limit {
			return nil, errValueTooLarge
		}
		if err != bufio.ErrBufferFull {
			if len(pieces) == 0 {
				return bytes.Clone(frag), err
			}
			return bytes.Join(append(pieces, frag), nil), err
		}
		pieces = append(pieces, bytes.Clone(frag))
	}
}

func (d *decoder) linesHeader(b []byte) error {
	if err := checkDepth(b, 0); err != nil {
		return err
	}
	var h headerIn
	if err := json.Unmarshal(b, &h); err != nil {
		return fmt.Errorf("the header: %v: %w", err, ErrFormat)
	}
	if err := d.checkHeader(h.Format, h.Version, h.Offsets, h.ExtraOffsets); err != nil {
		return err
	}
	d.header = dataset.Header{Project: h.Project, Labels: annotation.LabelSet{Labels: h.Labels, Relations: h.Relations, Guidelines: h.Guidelines, Verbs: h.Verbs}, Entities: h.Entities,
		Layers: layersOf(h.Annotators), Agreement: h.Agreement}
	return nil
}

// object decodes the JSON object variant token by token, so that only one
// document is in memory at a time.
func (d *decoder) object(br *bufio.Reader) error {
	lr := &limitReader{r: br}
	dec := json.NewDecoder(lr)
	d.limit = lr
	lr.allow(MaxHeaderBytes)
	if _, err := dec.Token(); err != nil { // '{', checked by the caller
		return fmt.Errorf("%v: %w", err, ErrFormat)
	}
	var (
		format, offsets *string
		extra           []string
		annotators      []annotatorJSON
	)
	for dec.More() {
		lr.allow(MaxHeaderBytes)
		tok, err := dec.Token()
		if errors.Is(err, errValueTooLarge) {
			return tooLarge("a member name", MaxHeaderBytes)
		}
		if err != nil {
			return fmt.Errorf("%v: %w", err, ErrFormat)
		}
		key, _ := tok.(string)
		if key == "documents" {
			if err := d.checkHeader(format, d.version, offsets, extra); err != nil {
				return err
			}
			if err := d.emitHeader(); err != nil {
				return err
			}
			if err := d.documents(dec); err != nil {
				return err
			}
			continue
		}
		raw, err := d.rawValue(dec, 1, MaxHeaderBytes, fmt.Sprintf("member %q", key))
		if err != nil {
			return err
		}
		if d.headed && (key == "format" || key == "version" || key == "offsets" || key == "extra_offsets" ||
			key == "project" || key == "labels" || key == "relations" || key == "guidelines" || key == "verbs" || key == "entities" || key == "annotators" || key == "agreement") {
			return fmt.Errorf("member %q comes after the documents; the header must come first: %w", key, ErrFormat)
		}
		var dst any
		switch key {
		case "format":
			dst = &format
		case "version":
			d.version = raw
		case "offsets":
			dst = &offsets
		case "extra_offsets":
			dst = &extra
		case "project":
			dst = &d.header.Project
		case "labels":
			dst = &d.header.Labels.Labels
		case "relations":
			dst = &d.header.Labels.Relations
		case "guidelines":
			dst = &d.header.Labels.Guidelines
		case "verbs":
			dst = &d.header.Labels.Verbs
		case "entities":
			dst = &d.header.Entities
		case "annotators":
			dst = &annotators
		case "agreement":
			dst = &d.header.Agreement
		}
		if dst != nil {
			if err := json.Unmarshal(raw, dst); err != nil {
				return fmt.Errorf("member %q: %v: %w", key, err, ErrFormat)
			}
		}
		d.header.Layers = layersOf(annotators)
	}
	d.limit.allow(MaxHeaderBytes)
	if _, err := dec.Token(); err != nil { // '}'
		return fmt.Errorf("%v: %w", err, ErrFormat)
	}
	if !d.headed && format != nil && *format == FormatLinesName {
		// JSON Lines whose header does not start with its format: read
		// the documents that follow, without line numbers.
		d.lines_ = true
	}
	if err := d.checkHeader(format, d.version, offsets, extra); err != nil {
		return err
	}
	if err := d.emitHeader(); err != nil {
		return err
	}
	if d.lines_ {
		for dec.More() {
			raw, err := d.rawValue(dec, 0, MaxDocumentBytes, fmt.Sprintf("document %d", d.index+1))
			if err != nil {
				return err
			}
			if err := d.document(raw, 0); err != nil {
				return err
			}
		}
	}
	d.limit.allow(MaxHeaderBytes)
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("there is more data after the dataset's closing brace: %w", ErrFormat)
	}
	return nil
}

func (d *decoder) documents(dec *json.Decoder) error {
	d.limit.allow(MaxHeaderBytes)
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("documents: %v: %w", err, ErrFormat)
	}
	if tok != json.Delim('[') {
		return fmt.Errorf("\"documents\" is not an array: %w", ErrFormat)
	}
	for dec.More() {
		raw, err := d.rawValue(dec, 2, MaxDocumentBytes, fmt.Sprintf("document %d", d.index+1))
		if err != nil {
			return err
		}
		if err := d.document(raw, 0); err != nil {
			return err
		}
	}
	d.limit.allow(MaxHeaderBytes)
	if _, err := dec.Token(); err != nil { // ']'
		return fmt.Errorf("documents: %v: %w", err, ErrFormat)
	}
	return nil
}

// rawValue reads the next value, what, refusing one over limit bytes and
// nesting deeper than MaxDepth counting the at levels it sits in.
func (d *decoder) rawValue(dec *json.Decoder, at int, limit int64, what string) (json.RawMessage, error) {
	d.limit.allow(limit)
	var raw json.RawMessage
	err := dec.Decode(&raw)
	switch {
	case errors.Is(err, errValueTooLarge):
		return nil, tooLarge(what, limit)
	case err != nil:
		return nil, fmt.Errorf("%s: %v: %w", what, err, ErrFormat)
	}
	if err := checkDepth(raw, at); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return raw, nil
}

// checkDepth refuses JSON nested deeper than MaxDepth, counting at enclosing
// levels.
func checkDepth(b []byte, at int) error {
	depth, deepest := at, at
	inString, escaped := false, false
	for _, c := range b {
		switch {
		case escaped:
			escaped = false
		case inString:
			switch c {
			case '\\':
				escaped = true
			case '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			deepest = max(deepest, depth)
		case c == '}' || c == ']':
			depth--
		}
	}
	if deepest > MaxDepth {
		return fmt.Errorf("JSON nested %d levels deep, more than the %d allowed: %w", deepest, MaxDepth, ErrFormat)
	}
	return nil
}

// document decodes, checks and hands on one document. line is its line in
// JSON Lines, 0 in the object variant.
func (d *decoder) document(raw []byte, line int) error {
	d.index++
	where := fmt.Sprintf("document %d", d.index)
	if line > 0 {
		where = fmt.Sprintf("line %d: %s", line, where)
	}
	// A document of the object variant passed checkDepth in rawValue; a
	// line has not yet.
	if line > 0 {
		if err := checkDepth(raw, 0); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
	}
	var dj docJSON
	if err := json.Unmarshal(raw, &dj); err != nil {
		return fmt.Errorf("%s: %v: %w", where, err, ErrFormat)
	}
	where = fmt.Sprintf("%s (id %d)", where, dj.ID)
	b, err := bundleOf(&dj)
	if err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if d.onBundle != nil {
		return d.onBundle(b)
	}
	return nil
}

func bundleOf(dj *docJSON) (annotation.Bundle, error) {
	var b annotation.Bundle
	doc := annotation.Document{
		ID:        dj.ID,
		Title:     dj.Title,
		Outlet:    dj.Outlet,
		URL:       dj.URL,
		Authors:   dj.Authors,
		Published: dj.Published,
		Retrieved: dj.Retrieved,
		Language:  dj.Language,
		Status:    dj.Status,
		Origin:    dj.Origin,
		SHA256:    dj.SHA256,
		Text:      dj.Text,
	}
	if len(doc.Authors) == 0 {
		doc.Authors = nil
	}
	var err error
	if doc.Created, err = parseTime("created", dj.Created); err != nil {
		return b, err
	}
	if doc.Modified, err = parseTime("modified", dj.Modified); err != nil {
		return b, err
	}
	if !doc.Status.Valid() {
		return b, fmt.Errorf("status %q: want %q, %q or %q: %w", doc.Status, annotation.StatusNew, annotation.StatusInProgress, annotation.StatusDone, ErrFormat)
	}
	if norm, err := annotation.NormalizeText(doc.Text); err != nil {
		return b, fmt.Errorf("text: %w", err)
	} else if norm != doc.Text {
		return b, fmt.Errorf("text has a byte order mark or carriage returns: %w", annotation.ErrInvalidText)
	}
	if sum := annotation.TextSHA256(doc.Text); doc.SHA256 != sum {
		return b, fmt.Errorf("sha256 is %q, the text's is %q: %w", doc.SHA256, sum, annotation.ErrChecksum)
	}
	o := annotation.NewOffsets(doc.Text)
	anns := make([]annotation.Annotation, 0, len(dj.Annotations))
	for i := range dj.Annotations {
		aj := &dj.Annotations[i]
		a, err := annotationOf(aj, doc.ID, o)
		if err != nil {
			return b, fmt.Errorf("annotation %d (id %d): %w", i+1, aj.ID, err)
		}
		anns = append(anns, a)
	}
	b.Document = doc
	if len(anns) > 0 {
		b.Annotations = anns
	}
	return b, nil
}

func annotationOf(aj *annJSON, docID uint64, o *annotation.Offsets) (annotation.Annotation, error) {
	a := annotation.Annotation{
		ID:         aj.ID,
		DocID:      docID,
		Label:      aj.Label,
		Attributes: aj.Attributes,
		Note:       aj.Note,
		Links:      aj.Links,
		Author:     aj.Author,
		Layer:      aj.Layer,
		Provenance: annotation.Provenance{
			Origin:     annotation.ParseOrigin(string(aj.Provenance.Origin)),
			Rule:       aj.Provenance.Rule,
			Confidence: aj.Provenance.Confidence,
			Review:     aj.Provenance.Review,
			Reviewer:   aj.Provenance.Reviewer,
			From:       aj.Provenance.From,
		},
	}
	if aj.Entity != nil {
		a.Entity = *aj.Entity
	}
	if len(a.Attributes) == 0 {
		a.Attributes = nil
	}
	if len(a.Links) == 0 {
		a.Links = nil
	}
	var err error
	if a.Created, err = parseTime("created", aj.Created); err != nil {
		return a, err
	}
	if a.Modified, err = parseTime("modified", aj.Modified); err != nil {
		return a, err
	}
	a.Spans = make([]annotation.Span, len(aj.Spans))
	for i, s := range aj.Spans {
		a.Spans[i] = annotation.Span{Start: s.Start, End: s.End, Text: s.Text}
	}
	if err := annotation.CheckSpans(o, a.Spans); err != nil {
		return a, err
	}
	for _, s := range aj.Spans {
		if s.UTF16 != nil && (s.UTF16.Start != o.UTF16(s.Start) || s.UTF16.End != o.UTF16(s.End)) {
			return a, fmt.Errorf("span %d-%d has utf16 offsets %d-%d, want %d-%d: %w", s.Start, s.End, s.UTF16.Start, s.UTF16.End, o.UTF16(s.Start), o.UTF16(s.End), ErrFormat)
		}
		if s.Byte != nil && (s.Byte.Start != o.Byte(s.Start) || s.Byte.End != o.Byte(s.End)) {
			return a, fmt.Errorf("span %d-%d has byte offsets %d-%d, want %d-%d: %w", s.Start, s.End, s.Byte.Start, s.Byte.End, o.Byte(s.Start), o.Byte(s.End), ErrFormat)
		}
	}
	return a, nil
}

// layersOf returns the header's annotators as layers.
func layersOf(as []annotatorJSON) []annotation.LayerInfo {
	var out []annotation.LayerInfo
	for _, a := range as {
		out = append(out, annotation.LayerInfo{Name: a.Name, Curated: a.Curated || a.Name == annotation.CuratedLayer, Annotations: a.Annotations, Articles: a.Articles})
	}
	return out
}

func parseTime(name string, s *string) (time.Time, error) {
	if s == nil {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, *s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s time %q is not RFC 3339: %w", name, *s, ErrFormat)
	}
	return t.UTC(), nil
}
