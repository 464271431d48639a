package storage

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"glossa/annotation"
	"glossa/internal/durable"
)

// Options says how Open opens a project.
type Options struct {
	// ReadOnly opens the file without writing to it (export, stats, check).
	// bbolt takes a shared lock, so a read-only open waits for, and fails
	// with ErrLocked against, a Glossa that has the file open for editing.
	ReadOnly bool
	// Timeout is how long Open waits for the file lock; 0 means 1 s.
	Timeout time.Duration
	// AutoBackup keeps rolling copies beside the file (see Backups): at
	// open, when the file changed since the newest copy, the copies shift
	// (.bak2 to .bak3, .bak1 to .bak2) and a new .bak1 is written. Open
	// returns once the copy is on disk (commands); a window leaves it false
	// and calls Store.AutoBackupAsync instead, so as not to wait for the
	// copy of a large file before it shows.
	AutoBackup bool
	// Now gives the time stamps of edits; nil means time.Now. For tests.
	Now func() time.Time
	// MaxSize caps the file's size in bytes (bbolt's MaxSize); 0 means no
	// limit. An edit that would grow the file past it fails with
	// ErrWriteFailed, as on a full disk, and is not saved.
	MaxSize int
	// Codebook is the codebook a project created by this call starts with
	// (one of annotation.Templates, or the user's own); nil means
	// annotation.DefaultLabelSet. An existing project keeps its own.
	Codebook *annotation.LabelSet
}

// Store is one open project file. Its methods are safe for concurrent use;
// each runs one bbolt transaction, and each edit is on disk when it returns.
type Store struct {
	db        *bbolt.DB
	path      string
	projectID string
	readOnly  bool
	now       func() time.Time
	// damaged is set once bbolt panicked or faulted inside an edit: the
	// store then refuses further edits, so that a damaged file is never
	// written to (and a transaction that could not finish its rollback
	// cannot block the next).
	damaged atomic.Bool
	// offsets caches the offset tables of the texts edited last; labels
	// the decoded label set.
	offsets offsetCache
	labels  labelCache
	// background counts AutoBackupAsync copies under way (Close waits);
	// backupMu takes automatic backups one at a time.
	background sync.WaitGroup
	backupMu   sync.Mutex
}

const defaultTimeout = time.Second

// Open opens the project at path, creating a new project with
// Options.Codebook (annotation.DefaultLabelSet by default) when no file
// exists there.
//
// Before opening a file for writing, Open checks its bbolt header (magic,
// version, checksums, size) and opens it read-only to check it is a Glossa
// project of a known schema version: a file that is not a project
// (ErrNotProject), damaged (ErrCorrupt) or from a newer Glossa (ErrTooNew)
// is never written to. A file another Glossa holds gives ErrLocked after
// Options.Timeout. A file of an older schema is copied to
// "<path>.v<old>.bak" and migrated in one transaction.
func Open(path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("no project file given")
	}
	if opts.Timeout <= 0 {
		opts.Timeout = defaultTimeout
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if opts.ReadOnly {
			return nil, fmt.Errorf("%s does not exist: %w", path, err)
		}
		codebook := annotation.DefaultLabelSet()
		if opts.Codebook != nil {
			codebook = opts.Codebook.Clone()
		}
		if err := codebook.Validate(); err != nil {
			return nil, fmt.Errorf("cannot create %s with this codebook: %w", path, err)
		}
		if err := create(path, codebook, opts.Now()); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, fmt.Errorf("cannot open %s: %w", path, err)
	case info.IsDir():
		return nil, notProjectError(path, "it is a folder")
	}

	if _, err := inspectFile(path); err != nil {
		return nil, err
	}
	// Open read-only first: the shared lock waits for a writer, and nothing
	// is written before the file is known to be a project.
	db, err := openBolt(path, true, opts, opts.ReadOnly)
	if err != nil {
		return nil, err
	}
	var version uint64
	var projectID string
	err = safely(path, func() error {
		return db.View(func(tx *bbolt.Tx) error {
			var err error
			version, projectID, err = readMeta(tx, path)
			if err == nil && opts.ReadOnly && version == currentSchema {
				// An older layout lacks the later buckets: it is
				// refused below, as needing the upgrade.
				err = checkBuckets(tx, path)
			}
			return err
		})
	})
	if err == nil && opts.ReadOnly && version < currentSchema {
		err = fmt.Errorf("%s was made by an older Glossa (schema version %d); open it in Glossa once to upgrade it, then run this command again", path, version)
	}
	if err != nil || opts.ReadOnly {
		if err != nil {
			_ = db.Close()
			return nil, err
		}
		return &Store{db: db, path: path, projectID: projectID, readOnly: true, now: opts.Now}, nil
	}
	if err := db.Close(); err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", path, err)
	}

	db, err = openBolt(path, false, opts, false)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, projectID: projectID, now: opts.Now}
	if err := safely(path, s.upgrade); err != nil {
		_ = db.Close()
		return nil, err
	}
	if opts.AutoBackup {
		if err := s.autoBackup(); err != nil {
			_ = db.Close()
			return nil, err
		}
	}
	return s, nil
}

// Close waits for an automatic backup under way (AutoBackupAsync), then
// closes the file. The store must not be used afterwards.
func (s *Store) Close() error {
	s.background.Wait()
	return s.db.Close()
}

// Path is the project file's path as given to Open.
func (s *Store) Path() string { return s.path }

// ProjectID is the project's random id, made when the project was created,
// shared by copies of the file (for merging annotators' files).
func (s *Store) ProjectID() string { return s.projectID }

// SetProjectID gives the project the id of the dataset it is restored
// from, so that a restored file is the same project. It is refused once the
// project holds documents: an id names one project's whole history.
func (s *Store) SetProjectID(id string) error {
	if id == "" || len(id) > 128 || strings.ContainsFunc(id, func(r rune) bool { return r < '!' || r > '~' }) {
		return fmt.Errorf("project id %q: want 1 to 128 printable ASCII characters", id)
	}
	err := s.update(func(tx *bbolt.Tx) error {
		if k, _ := tx.Bucket(bucketSummaries).Cursor().First(); k != nil {
			return fmt.Errorf("%s holds documents already; its project id stays %s", s.path, s.projectID)
		}
		return tx.Bucket(bucketMeta).Put(keyProjectID, []byte(id))
	})
	if err != nil {
		return err
	}
	s.projectID = id
	return nil
}

// view runs fn in one read transaction. A panic or memory fault of bbolt
// on a damaged page becomes ErrCorrupt (damagedError).
func (s *Store) view(fn func(tx *bbolt.Tx) error) error {
	return guard(func() error { return s.db.View(fn) }, func(r any) error {
		return damagedError(s.path, fmt.Errorf("%v", r))
	})
}

// update runs fn in one write transaction, committed and fsynced when it
// returns nil. A panic or memory fault of bbolt on a damaged page becomes
// ErrCorrupt: bbolt's Update rolls the transaction back on a panic (a
// deferred rollback), so nothing of it reaches the file, and the store
// refuses further edits. A commit the disk refuses (full, read-only,
// failing, or Options.MaxSize reached) becomes ErrWriteFailed; bbolt has
// rolled it back too.
func (s *Store) update(fn func(tx *bbolt.Tx) error) error {
	if s.readOnly {
		return newError(ErrReadOnly, nil, "%s is open read-only; open it in Glossa to edit it", s.path)
	}
	if s.damaged.Load() {
		return newError(ErrCorrupt, nil, "%s is damaged: an earlier edit met a damaged page, so Glossa saves no more edits to it; "+
			"use Restore from backup, or run \"glossa check --db %s\" to list the problems", s.path, s.path)
	}
	err := guard(func() error { return s.db.Update(fn) }, func(r any) error {
		s.damaged.Store(true)
		return damagedError(s.path, fmt.Errorf("%v", r))
	})
	return writeError(s.path, err)
}

// safely runs fn, turning a panic or a memory fault (bbolt reading a
// damaged page of the mapped file) into ErrCorrupt.
func safely(path string, fn func() error) error {
	return guard(fn, func(r any) error {
		return corruptError(path, fmt.Errorf("%v", r), "reading it failed")
	})
}

// guard runs fn with memory faults turned into panics (for this goroutine:
// a fault on a damaged page of the mapped file), and turns a panic into the
// error onPanic makes of it.
func guard(fn func() error, onPanic func(r any) error) (err error) {
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	defer func() {
		if r := recover(); r != nil {
			err = onPanic(r)
		}
	}()
	return fn()
}

// openBolt opens path with bbolt, mapping its errors to the store's;
// forReader says which ErrLocked message fits: a read-only command's or an
// editing window's.
func openBolt(path string, readOnly bool, opts Options, forReader bool) (db *bbolt.DB, err error) {
	err = safely(path, func() error {
		var err error
		db, err = bbolt.Open(path, 0o600, &bbolt.Options{Timeout: opts.Timeout, ReadOnly: readOnly, MaxSize: opts.MaxSize})
		return err
	})
	switch {
	case err == nil:
		return db, nil
	case errors.Is(err, berrors.ErrTimeout):
		return nil, lockedError(path, forReader)
	case errors.Is(err, ErrCorrupt):
		return nil, err
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrVersionMismatch):
		return nil, corruptError(path, err, err.Error())
	}
	return nil, fmt.Errorf("cannot open %s: %w", path, err)
}

// readMeta reads and checks the meta bucket of an open file.
func readMeta(tx *bbolt.Tx, path string) (version uint64, projectID string, err error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return 0, "", notProjectError(path, "a bbolt database of another program")
	}
	v := meta.Get(keySchema)
	if len(v) != 8 {
		return 0, "", corruptError(path, nil, "its schema version is missing")
	}
	version = binary.BigEndian.Uint64(v)
	if version > currentSchema {
		return 0, "", newError(ErrTooNew, nil, "%s was saved by a newer Glossa (schema version %d; this Glossa reads up to %d): update Glossa to open it", path, version, currentSchema)
	}
	id := meta.Get(keyProjectID)
	if len(id) == 0 {
		return 0, "", corruptError(path, nil, "its project id is missing")
	}
	var ls annotation.LabelSet
	if err := json.Unmarshal(meta.Get(keyLabels), &ls); err != nil {
		return 0, "", corruptError(path, err, "its label set is unreadable")
	}
	return version, string(id), nil
}

// checkBuckets reports a missing bucket as damage (read-only opens cannot
// create them).
func checkBuckets(tx *bbolt.Tx, path string) error {
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil {
			return corruptError(path, nil, fmt.Sprintf("its %s bucket is missing", name))
		}
	}
	return nil
}

// upgrade runs pending migrations and creates the buckets an older layout
// lacks, after a backup copy of the file, in one Update. A file already
// current is not written to (so that its bbolt transaction id, which auto
// backups compare, changes only with real edits), and one missing a bucket
// is refused as damaged.
func (s *Store) upgrade() error {
	var version uint64
	err := s.db.View(func(tx *bbolt.Tx) error {
		var err error
		version, _, err = readMeta(tx, s.path)
		if err == nil && version == currentSchema {
			// A file of this layout was made with every bucket: one
			// missing is damage (a bucket's name or page broken), and
			// creating it would write to a damaged file.
			err = checkBuckets(tx, s.path)
		}
		return err
	})
	if err != nil {
		return err
	}
	if version == currentSchema {
		return nil
	}
	backup := ""
	if version < currentSchema {
		backup = fmt.Sprintf("%s.v%d.bak", s.path, version)
		if err := s.backupTo(backup); err != nil {
			return fmt.Errorf("cannot copy %s to %s before upgrading it: %w", s.path, backup, err)
		}
	}
	err = s.db.Update(func(tx *bbolt.Tx) error {
		for v := version + 1; v <= currentSchema; v++ {
			m, ok := migrations[v]
			if !ok {
				return fmt.Errorf("no migration to schema version %d", v)
			}
			if err := m(tx); err != nil {
				return fmt.Errorf("migration to schema version %d: %w", v, err)
			}
		}
		if err := createBuckets(tx, allBuckets...); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, idKey(currentSchema))
	})
	if err != nil {
		if backup != "" {
			return fmt.Errorf("upgrading %s from schema version %d to %d failed, the file is unchanged and a copy is in %s: %w", s.path, version, currentSchema, backup, err)
		}
		return fmt.Errorf("cannot prepare %s: %w", s.path, err)
	}
	return nil
}

// createBuckets creates the buckets names that tx lacks.
func createBuckets(tx *bbolt.Tx, names ...[]byte) error {
	for _, name := range names {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("bucket %s: %w", name, err)
		}
	}
	return nil
}

// create makes a new project at path: built in a temporary file in the same
// folder, then linked into place, so that a file at path is never a half
// made project.
func create(path string, codebook annotation.LabelSet, now time.Time) error {
	f, err := durable.CreateTemp(path)
	if err != nil {
		return fmt.Errorf("cannot create %s: %w", path, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // gone once moved into place
	if err := f.Close(); err != nil {
		return fmt.Errorf("cannot create %s: %w", path, err)
	}
	db, err := bbolt.Open(tmp, 0o600, &bbolt.Options{Timeout: defaultTimeout})
	if err != nil {
		return fmt.Errorf("cannot create %s: %w", path, err)
	}
	err = db.Update(func(tx *bbolt.Tx) error {
		if err := createBuckets(tx, allBuckets...); err != nil {
			return err
		}
		var id [16]byte
		if _, err := io.ReadFull(rand.Reader, id[:]); err != nil {
			return err
		}
		labels, err := json.Marshal(codebook)
		if err != nil {
			return err
		}
		meta := tx.Bucket(bucketMeta)
		for _, kv := range [][2][]byte{
			{keySchema, idKey(currentSchema)},
			{keyProjectID, []byte(hex.EncodeToString(id[:]))},
			{keyLabels, labels},
			{keyCreated, []byte(now.UTC().Format(time.RFC3339))},
		} {
			if err := meta.Put(kv[0], kv[1]); err != nil {
				return err
			}
		}
		return nil
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot create %s: %w", path, err)
	}
	// bbolt synced the file at each commit. If a file appeared at path
	// meanwhile, it is left alone: Open goes on to inspect it.
	if err := durable.RenameNew(tmp, path); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("cannot create %s: %w", path, err)
	}
	return nil
}

// bbolt's on-disk meta page, as bbolt 1.x writes it in the machine's byte
// order: a 16-byte page header, then magic, version, page size, flags, root
// bucket (page, sequence), freelist page, high-water page id, transaction
// id and an FNV-64a checksum of the preceding 56 bytes.
const (
	boltMagic       = 0xED0CDAED
	boltVersion     = 2
	pageHeaderSize  = 16
	metaChecksumOff = 56
	metaSize        = 64
)

// boltHeader is what inspectFile learnt from a file's meta pages.
type boltHeader struct {
	pageSize int64
	pages    int64 // high-water mark: pages the file must hold
	txid     uint64
}

// parseMeta reads one meta page; magic reports whether bbolt's magic number
// is there at all.
func parseMeta(p []byte) (h boltHeader, magic, ok bool) {
	if len(p) < pageHeaderSize+metaSize {
		return h, false, false
	}
	m := p[pageHeaderSize : pageHeaderSize+metaSize]
	ne := binary.NativeEndian
	if ne.Uint32(m[0:4]) != boltMagic {
		return h, false, false
	}
	sum := fnv.New64a()
	sum.Write(m[:metaChecksumOff])
	if ne.Uint32(m[4:8]) != boltVersion || sum.Sum64() != ne.Uint64(m[metaChecksumOff:]) {
		return h, true, false
	}
	h = boltHeader{pageSize: int64(ne.Uint32(m[8:12])), pages: int64(ne.Uint64(m[40:48])), txid: ne.Uint64(m[48:56])}
	return h, true, h.pageSize >= 512
}

// inspectFile checks, by reading it, that path is a whole bbolt file:
// ErrNotProject when no bbolt magic number is found, ErrCorrupt when the
// meta pages are damaged or the file is shorter than they say.
func inspectFile(path string) (boltHeader, error) {
	f, err := os.Open(path)
	if err != nil {
		return boltHeader{}, fmt.Errorf("cannot open %s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return boltHeader{}, fmt.Errorf("cannot open %s: %w", path, err)
	}
	size := info.Size()
	if size == 0 {
		return boltHeader{}, notProjectError(path, "the file is empty")
	}
	read := func(off int64) []byte {
		buf := make([]byte, pageHeaderSize+metaSize)
		n, _ := f.ReadAt(buf, off)
		return buf[:n]
	}
	var best boltHeader
	found, anyMagic := false, false
	consider := func(p []byte) {
		h, magic, ok := parseMeta(p)
		anyMagic = anyMagic || magic
		if ok && (!found || h.txid > best.txid) {
			best, found = h, true
		}
	}
	consider(read(0))
	if found {
		consider(read(best.pageSize))
	} else {
		// Page 0 is unreadable: look for page 1 at every page size bbolt allows.
		for i := 0; i <= 14 && int64(1024)<<i < size; i++ {
			consider(read(int64(1024) << i))
		}
	}
	switch {
	case !anyMagic:
		return boltHeader{}, notProjectError(path, "it is not a Glossa project file")
	case !found:
		return boltHeader{}, corruptError(path, nil, "both copies of its header are damaged")
	case best.pages*best.pageSize > size:
		return boltHeader{}, corruptError(path, nil, fmt.Sprintf("it is cut short: %d bytes of at least %d", size, best.pages*best.pageSize))
	}
	return best, nil
}

// Create makes a new project at path and opens it. Unlike Open it refuses
// a path that holds a project or any other data (fs.ErrExist), but it
// replaces an empty file: save dialogs (Fyne's among them) create the file
// they return, and Open refuses an empty file as ErrNotProject.
func Create(path string, opts Options) (*Store, error) {
	if opts.ReadOnly {
		return nil, fmt.Errorf("cannot create %s read-only", path)
	}
	info, err := os.Stat(path)
	switch {
	case err == nil && info.Mode().IsRegular() && info.Size() == 0:
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("cannot create %s: %w", path, err)
		}
	case err == nil:
		return nil, fmt.Errorf("cannot create %s: a file with that name exists; choose another name: %w", path, fs.ErrExist)
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("cannot create %s: %w", path, err)
	}
	return Open(path, opts)
}
