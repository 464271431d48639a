package glossajson

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// FolderWriter writes a dataset folder (see FolderFormat) into an Output,
// one file at a time: the manifest, the codebook and the entities at
// Begin, an article file per Bundle. Into an output that updates a folder
// in place (dataset.InPlace) it keeps what an earlier export left there:
// the name of each article's file and the id of each annotation it can
// match in it (localIDs), so that exporting an unchanged project writes
// the same bytes, and editing one annotation changes one line of one file.
// Of the options it reads Offsets, as Encoder does.
type FolderWriter struct {
	out      dataset.Output
	prev     fs.FS   // the folder as an earlier export left it, or nil
	enc      Encoder // builds and checks each document (build), and holds its scratch space
	state    int     // 0 before Begin, 1 writing articles, 2 ended
	entities map[uint64]uint64
	existing map[string]string // first digits of a text's SHA-256 -> its article file in prev
	written  map[string]bool   // article files written
	line     []byte
	links    []annotation.Link
}

// NewFolderWriter returns a writer of a dataset folder into out.
func NewFolderWriter(out dataset.Output, opts dataset.ExportOptions) *FolderWriter {
	return &FolderWriter{out: out, prev: dataset.Previous(out), enc: Encoder{opts: opts}, written: map[string]bool{}}
}

// Begin writes the manifest, the codebook and the entity registry. The
// manifest comes first, so that a folder an export stopped in is still
// known for one.
func (w *FolderWriter) Begin(h dataset.Header) error {
	if w.state != 0 {
		return errors.New("glossajson: FolderWriter.Begin called twice")
	}
	if err := w.enc.units(); err != nil {
		return err
	}
	w.state = 1
	m, err := json.MarshalIndent(manifestJSON{Format: FolderFormat, Version: FolderVersion, Offsets: UnitCodepoint, ExtraOffsets: w.enc.extraOffsets()}, "", "  ")
	if err != nil {
		return err
	}
	if err := w.file(FolderManifest, append(m, '\n')); err != nil {
		return err
	}
	var cb bytes.Buffer
	if err := WriteCodebook(&cb, h.Labels); err != nil {
		return err
	}
	if err := w.file(FolderCodebook, cb.Bytes()); err != nil {
		return err
	}
	ids, lines, err := folderEntities(h.Entities)
	if err != nil {
		return err
	}
	w.entities = ids
	if err := w.file(FolderEntities, lines); err != nil {
		return err
	}
	w.existing = existingArticles(w.prev)
	return nil
}

// file writes data to the output's file name.
func (w *FolderWriter) file(name string, data []byte) error {
	f, err := w.out.Create(name)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// Bundle writes the article file of one document: its first line the
// document, then its annotations, one a line, by id. It refuses, writing
// nothing, what Encoder.Bundle refuses.
func (w *FolderWriter) Bundle(b annotation.Bundle) error {
	if w.state != 1 {
		return errors.New("glossajson: FolderWriter.Bundle called outside Begin and End")
	}
	if err := w.enc.build(b); err != nil {
		return err
	}
	d, anns := &w.enc.doc, w.enc.anns
	where := func(format string, args ...any) error {
		return fmt.Errorf("document %d %q: %s", b.Document.ID, d.Title, fmt.Sprintf(format, args...))
	}
	for i := range anns {
		if e := anns[i].Entity; e != nil {
			id, ok := w.entities[*e]
			if !ok {
				return fmt.Errorf("%w: %w", where("annotation %d refers to entity %d, which the registry lacks", anns[i].ID, *e), annotation.ErrNotFound)
			}
			*e = id // the encoder's scratch copy, not the bundle's
		}
	}
	name := articleName(d.SHA256, d.Title, w.existing)
	if w.written[name] {
		return where("its file %s was written for another article already (their texts' SHA-256 share %d digits)", name, shaDigits)
	}
	w.written[name] = true
	keys := make([]lineKey, len(anns))
	for i := range anns {
		keys[i] = keyOf(&anns[i])
	}
	ids, order := localIDs(keys, w.previous(name))
	local := make(map[uint64]uint64, len(anns))
	for i, a := range anns {
		local[a.ID] = ids[i]
	}
	w.line = appendArticleHead(w.line[:0], d)
	for _, i := range order {
		a := anns[i]
		a.ID = ids[i]
		start := len(w.links)
		for _, l := range anns[i].Links {
			t, ok := local[l.Target]
			if !ok {
				return fmt.Errorf("%w: %w", where("annotation %d links to %d, which is not in the document", anns[i].ID, l.Target), annotation.ErrDanglingLink)
			}
			w.links = append(w.links, annotation.Link{Type: l.Type, Target: t})
		}
		a.Links = noLinks
		if len(w.links) > start {
			a.Links = w.links[start:len(w.links):len(w.links)]
		}
		var ok bool
		if w.line, ok = appendAnn(w.line, &a); !ok {
			return where("annotation %d has a confidence that is not a number", anns[i].ID)
		}
		w.line = append(w.line, '\n')
	}
	w.links = w.links[:0]
	return w.file(name, w.line)
}

// End finishes the folder.
func (w *FolderWriter) End() error {
	if w.state != 1 {
		return errors.New("glossajson: FolderWriter.End called without Begin")
	}
	w.state = 2
	return nil
}

// existingArticles maps the first digits of each article's SHA-256 to its
// file in the folder prev (nil: none).
func existingArticles(prev fs.FS) map[string]string {
	if prev == nil {
		return nil
	}
	entries, err := fs.ReadDir(prev, FolderArticles)
	if err != nil {
		return nil
	}
	out := map[string]string{}
	for _, e := range entries { // by name
		m := articleFile.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		if _, ok := out[m[1]]; !ok {
			out[m[1]] = FolderArticles + "/" + e.Name()
		}
	}
	return out
}

// maxEntityID is the largest id folderEntityID gives: 2^53 - 1, the
// largest integer every JSON reader (JavaScript's included) holds exactly.
const maxEntityID = 1<<53 - 1

// folderEntityID is the id an entity of that name and type has in a
// dataset folder: the first 53 bits of the SHA-256 of type, a NUL and
// name. Two annotators' projects give one entity (the store merges
// entities by name and type) the same id, and two new ones different ids,
// whatever ids their projects gave them; renaming an entity changes it.
func folderEntityID(name, typ string) uint64 {
	sum := sha256.Sum256([]byte(typ + "\x00" + name))
	if id := binary.BigEndian.Uint64(sum[:8]) >> 11; id != 0 {
		return id
	}
	return 1
}

// folderEntities returns the folder's ids of the project's entities es
// (project id -> folder id) and the registry's lines: one entity a line,
// by name, then type. Of two entities whose folder ids collide (one chance
// in 10^8 in a registry of ten thousand), the later takes the next free id.
func folderEntities(es []annotation.Entity) (map[uint64]uint64, []byte, error) {
	sorted := slices.Clone(es)
	slices.SortStableFunc(sorted, func(a, b annotation.Entity) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Type, b.Type), cmp.Compare(a.ID, b.ID))
	})
	ids := make(map[uint64]uint64, len(es))
	used := make(map[uint64]bool, len(es))
	var buf bytes.Buffer
	for _, e := range sorted {
		id := folderEntityID(e.Name, e.Type)
		for used[id] {
			id = id%maxEntityID + 1
		}
		used[id] = true
		ids[e.ID] = id
		e.ID = id
		if err := marshalLine(&buf, e); err != nil {
			return nil, nil, fmt.Errorf("entity %q: %w", e.Name, err)
		}
	}
	return ids, buf.Bytes(), nil
}
