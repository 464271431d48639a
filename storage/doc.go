// Package storage keeps a Glossa project in one bbolt file: the label set,
// the documents with their texts, their annotations and the entity
// registry. Every edit is one bbolt Update transaction, fsynced before the
// method returns; every read is one View.
//
// # Bucket layout
//
// Ids are 8-byte big-endian keys, so keys sort by id; values are JSON
// unless said otherwise. Bucket and key names live in schema.go.
//
//	meta                                   (schema.go: key*)
//	  "schema"  -> uint64 big-endian       schema version (SchemaVersion)
//	  "project" -> 32 hex digits           random project id
//	  "labels"  -> LabelSet JSON           the codebook: labels, relation types, guidelines
//	  "created" -> RFC 3339 time
//	documents   docID(8)        -> Document JSON, Text ""   seq: last document id
//	texts       docID(8)        -> text, raw UTF-8
//	summaries   docID(8)        -> Summary JSON              (corpus list; no text read)
//	sha256      sum(32)         -> docID(8)                  (duplicate texts)
//	annotations docID(8)annID(8)-> Annotation JSON           (one document = one cursor range)
//	annindex    annID(8)        -> docID(8)                  seq: last annotation id
//	entities    entityID(8)     -> Entity JSON               seq: last entity id
//	suggestions docID(8)annID(8)-> Annotation JSON           (pending; id from annindex's seq, no annindex entry)
//	rejected    sha256(32)fingerprint -> {label, spans, rule, time}   (rejected suggestions, by text)
//	layers      sha256(32)layer -> {file, digest, merged, stored}     (merged layers, by text)
//
// A summary is rewritten in the transaction of every edit that changes it
// (metadata, status, annotation count and count by layer, pending
// suggestions, suggester).
//
// # Layers
//
// An annotation belongs to one layer (issue 21): Annotation.Layer, or for
// one from before layers its author (annotation.LayerOf); the curated
// layer is annotation.CuratedLayer. A link joins annotations of one layer
// only, and no edit moves an annotation to another layer (Store.apply
// refuses both, annotation.ErrCrossLayer). A layer of a document merged
// from another annotator's file (ReplaceLayer) has a record in layers,
// keyed by the text's SHA-256 as rejections are (a deletion keeps it for
// its undo): the file, the merge's digest of what it brought in, the time,
// and annotation.LayerDigest of the layer as stored. A layer that no longer
// matches that digest was edited here, and is not replaced unless the
// caller says so (layers.go says why a digest and not a mark on each
// annotation).
//
// # Suggestions
//
// A pending suggestion (issue 20) is an annotation kept apart, in
// suggestions, under an id of the annotations' sequence: accepting it moves
// it into annotations (and annindex) under the same id, so that links
// between suggestions and annotations hold. A suggestion links only to
// annotations and pending suggestions of its document; an annotation never
// links to a suggestion. A rejection is keyed by the SHA-256 of the text and
// annotation.Fingerprint (label and spans): a deleted document's rejections
// stay, so that an undo of the deletion (the same text back) keeps them,
// and a cut copies those inside the kept range to the new text's SHA-256,
// shifted. Exports (EachBundle) never see suggestions;
// EachBundleSuggestions gives them to an export that asks.
//
// # Files beside the project
//
// For a project "project.glossa":
//
//	project.glossa.bak1 .. .bak3  rolling copies (Options.AutoBackup, Store.AutoBackupAsync), .bak1 newest
//	project.glossa.v1.bak         copy taken before migrating a version 1 file (version 2 added
//	                              the suggestions and rejected buckets)
//	project.glossa.v2.bak         copy taken before migrating a version 2 file (version 3 added
//	                              the layers bucket and the counts by layer)
//	.project.glossa.tmp-*         a project being created (moved into place)
//	.<backup>.tmp-*               a backup being written (moved into place)
//
// A temporary file a killed process left is removed by the next write to the
// same name once an hour old. Every file is written through package durable:
// synced, then moved into place in a way that survives a crash on each system.
//
// # Opening
//
// Open never writes to a file it has not recognised: it first reads the
// bbolt meta pages (ErrNotProject without bbolt's magic number, ErrCorrupt
// for bad checksums or a file shorter than its pages), then opens it
// read-only and reads the meta bucket (ErrNotProject without one, ErrTooNew
// for a newer schema), and only then reopens it for writing. Panics and
// memory faults while bbolt reads a damaged file become ErrCorrupt, in Open
// and in every later read and edit (Store.view, Store.update): an edit that
// meets a damaged page is rolled back, and the store saves no more edits.
// A current file missing one of its buckets is damaged, not completed. An
// empty file is not a project either; Create (for "New project" dialogs,
// which leave an empty file) replaces one. A missing file makes a new
// project, built in a temporary file and linked into place.
//
// bbolt locks the file with flock: exclusive for writing, shared for
// Options.ReadOnly. Locks belong to the open file, so a second Open of the
// same path waits even in the same process. After Options.Timeout (1 s)
// Open returns ErrLocked (naming both: another Glossa window or a glossa
// command), also for a read-only open while a Glossa window
// has the file open for editing: shared and exclusive locks exclude each
// other, so export, stats and check cannot run on a file open in Glossa,
// and a window cannot open a file they are reading.
//
// # Failed writes
//
// A commit the disk refuses (full, over quota, read-only, failing) or that
// would grow the file past Options.MaxSize is rolled back by bbolt and
// returned as ErrWriteFailed: the edit is not saved, the file holds every
// earlier edit, reads and Backup go on working.
//
// # Check
//
// Check first walks every page reachable from the root, reading the file
// (pages.go), so that bbolt's tx.Check, which reads the mapped file in a
// goroutine of its own where a fault cannot be recovered, only ever sees
// sound pages.
package storage
