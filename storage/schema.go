package storage

import (
	"encoding/binary"

	"go.etcd.io/bbolt"
)

// SchemaVersion is the layout version this Glossa writes. A file with a
// higher version was written by a newer Glossa and is refused (ErrTooNew); a
// file with a lower one is migrated at open (see migrations).
const SchemaVersion = 3

// currentSchema is SchemaVersion; tests raise it to exercise migrations.
var currentSchema uint64 = SchemaVersion

// Bucket names. Every bucket is created when a project is created and, for
// files of an older layout, at open. doc.go draws the layout.
var (
	bucketMeta        = []byte("meta")        // metadata keys below
	bucketDocuments   = []byte("documents")   // docID -> Document JSON, Text empty; sequence: last doc id
	bucketTexts       = []byte("texts")       // docID -> UTF-8 text, raw bytes
	bucketSummaries   = []byte("summaries")   // docID -> Summary JSON
	bucketSHA256      = []byte("sha256")      // 32-byte SHA-256 of the text -> docID
	bucketAnnotations = []byte("annotations") // docID ++ annID -> Annotation JSON
	bucketAnnIndex    = []byte("annindex")    // annID -> docID; sequence: last annotation id
	bucketEntities    = []byte("entities")    // entityID -> Entity JSON; sequence: last entity id
	bucketSuggestions = []byte("suggestions") // docID ++ annID -> Annotation JSON (pending; ids from annindex's sequence)
	bucketRejected    = []byte("rejected")    // text SHA-256 ++ fingerprint -> rejection JSON
	bucketLayers      = []byte("layers")      // text SHA-256 ++ layer name -> layerRecord JSON (merged layers)
)

// allBuckets lists every bucket, in the order doc.go draws them.
var allBuckets = [][]byte{
	bucketMeta, bucketDocuments, bucketTexts, bucketSummaries, bucketSHA256,
	bucketAnnotations, bucketAnnIndex, bucketEntities, bucketSuggestions, bucketRejected, bucketLayers,
}

// Keys of the meta bucket.
var (
	keySchema    = []byte("schema")  // 8-byte big-endian schema version
	keyProjectID = []byte("project") // 32 hex digits, random, made at creation
	keyLabels    = []byte("labels")  // LabelSet JSON
	keyCreated   = []byte("created") // RFC 3339 time the project was made
)

// A migration turns a file of version v-1 into version v inside the open
// Update transaction. It must not commit, roll back or touch the meta schema
// key: Open runs every pending migration in one Update, then writes the new
// version, after taking a backup copy of the file.
type migration func(tx *bbolt.Tx) error

// migrations is keyed by the version each migration produces. Version 1 is
// the first layout.
var migrations = map[uint64]migration{
	// Version 2 keeps pending suggestions and rejections (issue 20). Their
	// buckets are new and empty: a file without them is not a version 2
	// file, since Open refuses a current file that lacks a bucket as damaged
	// (a broken bucket is not recreated over the damage).
	2: func(tx *bbolt.Tx) error { return createBuckets(tx, bucketSuggestions, bucketRejected) },
	// Version 3 keeps annotator layers (issue 21): the layers bucket of
	// merged layers, each summary's count by layer, and one layer for
	// annotations that a link joins (migrateLayers).
	3: migrateLayers,
}

// idKey encodes an id as an 8-byte big-endian key, so that keys sort by id.
func idKey(id uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], id)
	return k[:]
}

// keyID decodes an 8-byte big-endian key; 0 if k is not 8 bytes.
func keyID(k []byte) uint64 {
	if len(k) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(k)
}

// annKey is the key of annotation annID of document docID: 16 bytes, so
// that one document's annotations form one cursor range.
func annKey(docID, annID uint64) []byte {
	var k [16]byte
	binary.BigEndian.PutUint64(k[:8], docID)
	binary.BigEndian.PutUint64(k[8:], annID)
	return k[:]
}

// splitAnnKey decodes an annotations key; ok is false for a malformed key.
func splitAnnKey(k []byte) (docID, annID uint64, ok bool) {
	if len(k) != 16 {
		return 0, 0, false
	}
	return binary.BigEndian.Uint64(k[:8]), binary.BigEndian.Uint64(k[8:]), true
}
