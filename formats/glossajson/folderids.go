package glossajson

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io/fs"
	"slices"
	"strconv"
	"strings"
)

// lineKey is what localIDs matches an annotation by.
type lineKey struct {
	id uint64
	// same is the annotation's line without its id, links and modified
	// time: equal for an annotation that is unchanged or changed only in
	// its links.
	same string
	// made is its author, layer and created time as written, "" when the time
	// is unknown: equal for an annotation that was edited.
	made       string
	start, end int // its first span, for the order of the text
}

// keyOf returns the key of a, as the folder writes it.
func keyOf(a *annJSON) lineKey {
	k := lineKey{id: a.ID}
	c := *a
	c.ID, c.Links, c.Modified = 0, nil, nil
	b, _ := appendAnn(nil, &c)
	k.same = string(b)
	if a.Created != nil {
		k.made = string(appendOptional(appendMember(appendMember(nil, "author", a.Author), "layer", a.Layer), "created", a.Created))
	}
	if len(a.Spans) > 0 {
		k.start, k.end = a.Spans[0].Start, a.Spans[0].End
	}
	return k
}

// The members of an annotation's line that fastKey finds, in the order
// appendAnn writes them. None of them can occur inside a string, where
// every quote is escaped.
var (
	keySpans    = []byte(`,"spans":[{"start":`)
	keyEnd      = []byte(`,"end":`)
	keyLinks    = []byte(`,"links":`)
	keyAuthor   = []byte(`,"author":`)
	keyCreated  = []byte(`,"created":`)
	keyModified = []byte(`,"modified":`)
	keyProv     = []byte(`,"provenance":`)
)

// fastKey returns the key of an annotation's line as appendAnn wrote it,
// cut from its bytes rather than decoded (decoding was six tenths of an
// export over an earlier one); ok is false for a line written otherwise
// (by hand, by another tool), which keyOf then reads.
func fastKey(line []byte) (k lineKey, ok bool) {
	rest, ok := bytes.CutPrefix(line, []byte(`{"id":`))
	if !ok {
		return k, false
	}
	digits := 0
	for digits < len(rest) && rest[digits] >= '0' && rest[digits] <= '9' {
		digits++
	}
	id, err := strconv.ParseUint(string(rest[:digits]), 10, 64)
	if err != nil || digits == len(rest) || rest[digits] != ',' {
		return k, false
	}
	afterID := len(line) - len(rest) + digits
	at := func(m []byte, from int) int {
		if from < 0 {
			return -1
		}
		if i := bytes.Index(line[from:], m); i >= 0 {
			return from + i
		}
		return -1
	}
	sp := at(keySpans, afterID)
	li := at(keyLinks, sp)
	ai := at(keyAuthor, li)
	ci := at(keyCreated, ai)
	mi := at(keyModified, ci)
	pi := at(keyProv, mi)
	if pi < 0 {
		return k, false
	}
	k.id = id
	k.same = `{"id":0` + string(line[afterID:li]) + `,"links":null` + string(line[ai:mi]) + `,"modified":null` + string(line[pi:])
	if created := line[ci+len(keyCreated) : mi]; string(created) != "null" {
		k.made = string(line[ai:mi])
	}
	nums := line[sp+len(keySpans):]
	var n1, n2 int
	if n1, nums, ok = cutInt(nums); !ok {
		return k, false
	}
	if nums, ok = bytes.CutPrefix(nums, keyEnd); !ok {
		return k, false
	}
	if n2, _, ok = cutInt(nums); !ok {
		return k, false
	}
	k.start, k.end = n1, n2
	return k, true
}

// cutInt reads the digits at the start of b.
func cutInt(b []byte) (int, []byte, bool) {
	n := 0
	for n < len(b) && b[n] >= '0' && b[n] <= '9' {
		n++
	}
	v, err := strconv.Atoi(string(b[:n]))
	return v, b[n:], err == nil
}

// previous returns the keys of the annotations of the article file name
// as an earlier export left it in prev, or nil when there is none or it
// cannot be read (a merge conflict left in it, an id used twice): the ids
// then start afresh.
func (w *FolderWriter) previous(name string) []lineKey {
	if w.prev == nil {
		return nil
	}
	data, err := fs.ReadFile(w.prev, name)
	if err != nil {
		return nil
	}
	var keys []lineKey
	head := false
	seen := map[uint64]bool{}
	for line := range bytes.Lines(data) {
		line = bytes.TrimSpace(line)
		switch {
		case len(line) == 0:
			continue
		case bytes.HasPrefix(line, mergeConflict):
			return nil
		case !head:
			if ok, article := DetectFolder(line); !ok || !article {
				return nil
			}
			head = true
			continue
		}
		k, ok := fastKey(line)
		if !ok {
			var a annJSON
			if checkDepth(line, 0) != nil || json.Unmarshal(line, &a) != nil {
				return nil
			}
			k = keyOf(&a)
		}
		if k.id == 0 || seen[k.id] {
			return nil
		}
		seen[k.id] = true
		keys = append(keys, k)
	}
	return keys
}

// localIDs gives each annotation (cur, their keys) its id in its
// article's file, and returns the order of the file's lines, by that id.
// prev holds the keys of the file an earlier export wrote (nil: none). An
// annotation takes the id of one of prev that is the same apart from id,
// links and modified time (unchanged, or changed only in its links); else
// of one made at the same time by the same author (an annotation whose
// label, spans, attributes, note or entity were edited); the rest get new
// ids after the largest of prev, in the order of the text. Which
// annotation keeps which id decides only how small a diff is: links are
// written with the ids given here, whatever they are.
func localIDs(cur, prev []lineKey) (ids []uint64, order []int) {
	// cur in the order of the text; among equal spans, by content, so
	// that the order does not depend on the project's ids.
	order = make([]int, len(cur))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return compareKeys(cur[i], cur[j]) })
	ids = make([]uint64, len(cur))
	// prev by id for the first match, by the text for the second.
	byID := make([]int, len(prev))
	for j := range byID {
		byID[j] = j
	}
	slices.SortFunc(byID, func(i, j int) int { return cmp.Compare(prev[i].id, prev[j].id) })
	same := map[string][]int{}
	for _, j := range byID {
		same[prev[j].same] = append(same[prev[j].same], j)
	}
	taken := make([]bool, len(prev))
	for _, i := range order {
		if q := same[cur[i].same]; len(q) > 0 {
			ids[i], taken[q[0]] = prev[q[0]].id, true
			same[cur[i].same] = q[1:]
		}
	}
	byText := slices.Clone(byID)
	slices.SortStableFunc(byText, func(i, j int) int {
		return cmp.Or(cmp.Compare(prev[i].start, prev[j].start), cmp.Compare(prev[i].end, prev[j].end))
	})
	edited := map[string][]int{}
	for _, j := range byText {
		if m := prev[j].made; !taken[j] && m != "" {
			edited[m] = append(edited[m], j)
		}
	}
	for _, i := range order {
		if m := cur[i].made; ids[i] == 0 && m != "" {
			if q := edited[m]; len(q) > 0 {
				ids[i] = prev[q[0]].id
				edited[m] = q[1:]
			}
		}
	}
	var next uint64 = 1
	for _, k := range prev {
		next = max(next, k.id+1)
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

// compareKeys orders annotations by their first span's start, then end,
// then content.
func compareKeys(a, b lineKey) int {
	return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end), strings.Compare(a.same, b.same))
}
