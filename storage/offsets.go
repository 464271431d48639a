package storage

import (
	"slices"
	"sync"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

// offsetCacheSize is how many documents' offset tables a Store keeps: the
// documents being edited. A 1 MB text costs its copy and about 0.25 MB of
// checkpoints.
const offsetCacheSize = 4

// offsetCache keeps the offset tables (annotation.Offsets, with the text)
// of the documents edited last, so that an edit checks its spans without
// reading and indexing the whole text again. Texts never change; an entry
// is keyed by document id and the text's SHA-256 all the same, so that a
// document id reused for another text (KeepIDs imports) cannot hit.
type offsetCache struct {
	mu      sync.Mutex
	entries []offsetEntry // most recently used last
}

type offsetEntry struct {
	doc uint64
	sha string
	o   *annotation.Offsets
}

// get returns the offsets of document d's text (d as stored, SHA256 set),
// reading the text in tx when they are not cached.
func (c *offsetCache) get(tx *bbolt.Tx, d annotation.Document) *annotation.Offsets {
	c.mu.Lock()
	for i, e := range c.entries {
		if e.doc == d.ID && e.sha == d.SHA256 {
			c.entries = append(append(c.entries[:i:i], c.entries[i+1:]...), e)
			c.mu.Unlock()
			return e.o
		}
	}
	c.mu.Unlock()
	// Built outside the lock: indexing a long text takes milliseconds.
	o := annotation.NewOffsets(string(tx.Bucket(bucketTexts).Get(idKey(d.ID))))
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) == offsetCacheSize {
		c.entries = append(c.entries[:0], c.entries[1:]...)
	}
	c.entries = append(c.entries, offsetEntry{doc: d.ID, sha: d.SHA256, o: o})
	return o
}

// forget drops document id's entry (the document is deleted).
func (c *offsetCache) forget(id uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = slices.DeleteFunc(c.entries, func(e offsetEntry) bool { return e.doc == id })
}
