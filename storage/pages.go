package storage

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"

	"go.etcd.io/bbolt"
)

// bbolt's page layout (bbolt 1.x, machine byte order): a 16-byte header
// (id 8, flags 2, count 2, overflow 4), then count elements of 16 bytes:
// a leaf element is flags 4, pos 4, ksize 4, vsize 4 (key at the element's
// offset + pos, value right after it); a branch element is pos 4, ksize 4,
// child page id 8. A bucket's value in its parent's leaf is its root page
// id and sequence (8 + 8), followed by the bucket's own leaf page when it is
// inline (root 0). A freelist page holds count page ids (when count is
// 0xFFFF, the first id slot holds the real count).
const (
	pageBranch   = 0x01
	pageLeaf     = 0x02
	pageFreelist = 0x10

	leafBucketFlag = 0x01
	elementSize    = 16
	inBucketSize   = 16
	// maxTreeDepth bounds the walk's nesting of pages and buckets; bbolt's
	// trees of a project file are a few levels deep.
	maxTreeDepth = 64
)

// pageWalk checks, reading the file itself (never bbolt's mapped memory,
// where a bad offset is a fault that kills the process), every page
// reachable from a transaction's root: each page's header (its id, its
// kind, an overflow count inside the file's pages), each element's key and
// value inside its page, each child page inside the file and reached once.
// It is what makes bbolt's own tx.Check safe to run: tx.Check reads pages
// in a goroutine of its own, which cannot recover from a fault, and loops
// over overflow counts.
type pageWalk struct {
	f        io.ReaderAt
	pageSize uint64
	pages    uint64 // the transaction's high-water mark
	seen     map[uint64]bool
	add      func(error) bool
	ok       bool // no problem found
	stop     bool // add asked to stop
}

func (w *pageWalk) problem(format string, args ...any) {
	w.ok = false
	if !w.stop && !w.add(fmt.Errorf(format+": %w", append(args, ErrCorrupt)...)) {
		w.stop = true
	}
}

// checkPages walks tx's pages (see pageWalk) and reports each problem to
// add; it returns true when it found none.
func checkPages(tx *bbolt.Tx, path string, add func(error) bool) bool {
	f, err := os.Open(path)
	if err != nil {
		add(fmt.Errorf("cannot read %s to check its pages: %w", path, err))
		return false
	}
	defer f.Close()
	ps := uint64(tx.DB().Info().PageSize)
	w := &pageWalk{f: f, pageSize: ps, pages: uint64(tx.Size()) / ps, seen: map[uint64]bool{0: true, 1: true}, add: add, ok: true}
	if info, err := f.Stat(); err == nil && uint64(info.Size())/ps < w.pages {
		w.problem("the file holds %d pages, its header says %d", uint64(info.Size())/ps, w.pages)
		return false
	}
	w.freelist(tx)
	w.tree(uint64(tx.Cursor().Bucket().RootPage()), 0, "root bucket")
	return w.ok
}

// freelist checks the freelist page of the meta page tx was opened from
// (the meta page whose transaction id is tx's).
func (w *pageWalk) freelist(tx *bbolt.Tx) {
	ne := binary.NativeEndian
	for _, m := range []uint64{0, 1} {
		meta := make([]byte, pageHeaderSize+metaSize)
		if _, err := w.f.ReadAt(meta, int64(m*w.pageSize)); err != nil {
			continue
		}
		if h, _, ok := parseMeta(meta); !ok || h.txid != uint64(tx.ID()) {
			continue
		}
		id := ne.Uint64(meta[pageHeaderSize+32:])
		if id == ^uint64(0) { // no freelist kept in the file
			return
		}
		p := w.page(id, pageFreelist, "freelist")
		if p == nil {
			return
		}
		start, count := uint64(pageHeaderSize), uint64(ne.Uint16(p[10:]))
		if count == 0xFFFF {
			if len(p) < pageHeaderSize+8 {
				w.problem("freelist page %d: too short for its count", id)
				return
			}
			start, count = pageHeaderSize+8, ne.Uint64(p[pageHeaderSize:])
		}
		if count > (uint64(len(p))-start)/8 {
			w.problem("freelist page %d: %d page ids do not fit in its %d bytes", id, count, len(p))
		}
		return
	}
}

// page reads page id with its overflow pages, checking its header: id
// inside the file, the id it carries, its kind, its overflow inside the
// file. It returns nil after reporting a problem.
func (w *pageWalk) page(id uint64, kind uint16, what string) []byte {
	if id < 2 || id >= w.pages {
		w.problem("%s: page %d is outside the file's pages 2 to %d", what, id, w.pages-1)
		return nil
	}
	head := make([]byte, pageHeaderSize)
	if _, err := w.f.ReadAt(head, int64(id*w.pageSize)); err != nil {
		w.problem("%s: page %d cannot be read: %v", what, id, err)
		return nil
	}
	ne := binary.NativeEndian
	got, flags, overflow := ne.Uint64(head), ne.Uint16(head[8:]), uint64(ne.Uint32(head[12:]))
	switch {
	case got != id:
		w.problem("%s: page %d says it is page %d", what, id, got)
		return nil
	case kind == pageFreelist && flags != pageFreelist,
		kind != pageFreelist && flags != pageBranch && flags != pageLeaf:
		w.problem("%s: page %d has kind %#x", what, id, flags)
		return nil
	case overflow >= w.pages-id:
		w.problem("%s: page %d says it runs over %d more pages, past the file's %d", what, id, overflow, w.pages)
		return nil
	}
	for i := id; i <= id+overflow; i++ {
		if w.seen[i] {
			w.problem("%s: page %d is reached twice", what, i)
			return nil
		}
		w.seen[i] = true
	}
	p := make([]byte, (1+overflow)*w.pageSize)
	if _, err := w.f.ReadAt(p, int64(id*w.pageSize)); err != nil {
		w.problem("%s: page %d cannot be read: %v", what, id, err)
		return nil
	}
	return p
}

// tree checks the pages of the tree rooted at page id.
func (w *pageWalk) tree(id uint64, depth int, what string) {
	if w.stop {
		return
	}
	if depth > maxTreeDepth {
		w.problem("%s: page %d is nested more than %d deep", what, id, maxTreeDepth)
		return
	}
	p := w.page(id, 0, what)
	if p == nil {
		return
	}
	w.elements(p, id, depth, what)
}

// elements checks the elements of page p (a page read from the file, or
// an inline bucket's page inside its parent's value) and walks into child
// pages and buckets.
func (w *pageWalk) elements(p []byte, id uint64, depth int, what string) {
	ne := binary.NativeEndian
	flags, count := ne.Uint16(p[8:]), uint64(ne.Uint16(p[10:]))
	if count > (uint64(len(p))-pageHeaderSize)/elementSize {
		w.problem("%s: page %d: %d elements do not fit in its %d bytes", what, id, count, len(p))
		return
	}
	if flags == pageBranch && count == 0 {
		w.problem("%s: branch page %d is empty", what, id)
		return
	}
	for i := uint64(0); i < count && !w.stop; i++ {
		e := pageHeaderSize + i*elementSize
		el := p[e : e+elementSize]
		if flags == pageBranch {
			pos, ksize, child := uint64(ne.Uint32(el)), uint64(ne.Uint32(el[4:])), ne.Uint64(el[8:])
			if e+pos+ksize > uint64(len(p)) {
				w.problem("%s: page %d: key %d lies outside the page", what, id, i)
				return
			}
			w.tree(child, depth+1, what)
			continue
		}
		eflags, pos, ksize, vsize := ne.Uint32(el), uint64(ne.Uint32(el[4:])), uint64(ne.Uint32(el[8:])), uint64(ne.Uint32(el[12:]))
		end := e + pos + ksize + vsize
		if end > uint64(len(p)) {
			w.problem("%s: page %d: key or value %d lies outside the page", what, id, i)
			return
		}
		if eflags&leafBucketFlag == 0 {
			continue
		}
		name := fmt.Sprintf("bucket %q", p[e+pos:e+pos+ksize])
		v := p[e+pos+ksize : end]
		if len(v) < inBucketSize {
			w.problem("%s: page %d: %s has a %d-byte header, want %d", what, id, name, len(v), inBucketSize)
			return
		}
		if root := ne.Uint64(v); root != 0 {
			w.tree(root, depth+1, name)
			continue
		}
		inline := v[inBucketSize:]
		switch {
		case len(inline) < pageHeaderSize:
			w.problem("%s: page %d: inline %s is cut short", what, id, name)
		case ne.Uint16(inline[8:]) != pageLeaf:
			w.problem("%s: page %d: inline %s has page kind %#x", what, id, name, ne.Uint16(inline[8:]))
		case depth+1 > maxTreeDepth:
			w.problem("%s: page %d: buckets nested more than %d deep", what, id, maxTreeDepth)
		default:
			w.elements(inline, id, depth+1, name)
		}
	}
}
