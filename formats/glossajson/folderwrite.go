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
	ids, order := localIDs(anns, w.previous(name))
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

// previous returns the annotations of the article file name as an earlier
// export left it in prev, or nil when there is none or it cannot be read
// (a merge conflict left in it, say): the ids then start afresh.
func (w *FolderWriter) previous(name string) []annJSON {
	if w.prev == nil {
		return nil
	}
	data, err := fs.ReadFile(w.prev, name)
	if err != nil {
		return nil
	}
	dj, err := parseArticle(data, name)
	if err != nil {
		return nil
	}
	seen := map[uint64]bool{}
	for _, a := range dj.Annotations {
		if a.ID == 0 || seen[a.ID] {
			return nil
		}
		seen[a.ID] = true
	}
	return dj.Annotations
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

// localIDs gives each annotation of anns (with the project's ids, and
// entities as the folder writes them) its id in its article's file, and
// returns the order of the file's lines, by that id. prev holds the
// annotations of the file an earlier export wrote (nil: none). An
// annotation takes the id of one of prev that is the same apart from id,
// links and modified time (unchanged, or changed only in its links); else
// of one made at the same time by the same author (created and author: an
// annotation whose label, spans, attributes, note or entity were edited);
// the rest get new ids after the largest of prev, in the order of the
// text. Which annotation keeps which id decides only how small a diff is:
// links are written with the ids given here, whatever they are.
func localIDs(anns, prev []annJSON) (ids []uint64, order []int) {
	key := func(a annJSON) string {
		a.ID, a.Links, a.Modified = 0, nil, nil
		b, _ := appendAnn(nil, &a)
		return string(b)
	}
	keys := make([]string, len(anns))
	for i, a := range anns {
		keys[i] = key(a)
	}
	// anns in the order of the text; among equal spans, by content, so
	// that the order does not depend on the project's ids.
	order = make([]int, len(anns))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		return cmp.Or(compareSpans(anns[i].Spans, anns[j].Spans), strings.Compare(keys[i], keys[j]))
	})
	ids = make([]uint64, len(anns))
	// prev by id for the first match, by the text for the second.
	byID := make([]int, len(prev))
	for j := range byID {
		byID[j] = j
	}
	slices.SortFunc(byID, func(i, j int) int { return cmp.Compare(prev[i].ID, prev[j].ID) })
	same := map[string][]int{}
	for _, j := range byID {
		k := key(prev[j])
		same[k] = append(same[k], j)
	}
	taken := make([]bool, len(prev))
	for _, i := range order {
		if q := same[keys[i]]; len(q) > 0 {
			ids[i], taken[q[0]] = prev[q[0]].ID, true
			same[keys[i]] = q[1:]
		}
	}
	made := func(a annJSON) string { return *a.Created + "\x00" + a.Author }
	byText := slices.Clone(byID)
	slices.SortStableFunc(byText, func(i, j int) int { return compareSpans(prev[i].Spans, prev[j].Spans) })
	edited := map[string][]int{}
	for _, j := range byText {
		if !taken[j] && prev[j].Created != nil {
			edited[made(prev[j])] = append(edited[made(prev[j])], j)
		}
	}
	for _, i := range order {
		if ids[i] != 0 || anns[i].Created == nil {
			continue
		}
		if q := edited[made(anns[i])]; len(q) > 0 {
			ids[i] = prev[q[0]].ID
			edited[made(anns[i])] = q[1:]
		}
	}
	var next uint64 = 1
	for _, a := range prev {
		next = max(next, a.ID+1)
	}
	for _, i := range order {
		if ids[i] == 0 {
			ids[i] = next
			next++
		}
	}
	slices.SortFunc(order, func(i, j int) int { return cmp.Compare(ids[i], ids[j]) })
	return ids, order
}

// compareSpans orders annotations by their first span's start, then end.
func compareSpans(a, b []spanJSON) int {
	if len(a) == 0 || len(b) == 0 {
		return cmp.Compare(len(a), len(b))
	}
	return cmp.Or(cmp.Compare(a[0].Start, b[0].Start), cmp.Compare(a[0].End, b[0].End))
}
