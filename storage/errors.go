package storage

import (
	"errors"
	"fmt"
	"strings"

	berrors "go.etcd.io/bbolt/errors"

	"glossa/annotation"
)

// Sentinel errors of the store. Callers match them with errors.Is; the
// errors Open and the methods return carry a full sentence naming the file
// and what to do, and wrap one of these.
var (
	// ErrLocked: the file is held by another Glossa (another window or
	// process, or a read-only command such as glossa export, check or
	// stats). bbolt locks the file with flock; Open waits Options.Timeout
	// for it, then gives up.
	ErrLocked = errors.New("the project file is open in another Glossa window or used by a glossa command")
	// ErrNotProject: the file exists but is not a Glossa project: empty, a
	// text or image file, random bytes, or a bbolt database of another
	// program. Glossa never writes to such a file.
	ErrNotProject = errors.New("not a Glossa project file")
	// ErrCorrupt: the file looks like a Glossa project but is damaged
	// (truncated, bad checksums, broken pages). Glossa never writes to it;
	// open a backup instead (Backups).
	ErrCorrupt = errors.New("the project file is damaged")
	// ErrWriteFailed: an edit could not be written: the disk is full, over
	// quota, read-only or failing (ENOSPC, EDQUOT, EROFS, EIO and their
	// Windows equivalents), or the file reached Options.MaxSize. The edit
	// was rolled back: it is not saved, and the file holds every edit
	// acknowledged before it. Reads go on working, and Backup can save a
	// copy elsewhere.
	ErrWriteFailed = errors.New("the project file cannot be written")
	// ErrTooNew: the file was written by a newer Glossa with a schema this
	// binary does not know. Update Glossa to open it.
	ErrTooNew = errors.New("the project file needs a newer Glossa")
	// ErrReadOnly: a write on a store opened with Options.ReadOnly.
	ErrReadOnly = errors.New("the project is open read-only")
	// ErrLabelInUse: SetLabels would remove a label annotations still use.
	// It is annotation.ErrInUse, which codebook edits return too.
	ErrLabelInUse = annotation.ErrInUse
	// ErrCodebookChanged: RevertCodebook found the codebook, or an
	// annotation or entity the change touched, changed since; undoing it
	// would lose that later edit.
	ErrCodebookChanged = errors.New("the codebook or its annotations changed since; this change cannot be undone")
	// ErrInvalidDocument: document metadata the store refuses (an unknown
	// status, a change of text in UpdateDocument).
	ErrInvalidDocument = errors.New("invalid document")
	// ErrInvalidEntity: an entity without a name.
	ErrInvalidEntity = errors.New("invalid entity")
)

// userError is an error whose message is a full sentence for the user. It
// matches its kind (one of the sentinels) and its cause with errors.Is.
type userError struct {
	kind  error
	msg   string
	cause error
}

func (e *userError) Error() string { return e.msg }

func (e *userError) Unwrap() []error {
	if e.cause == nil {
		return []error{e.kind}
	}
	return []error{e.kind, e.cause}
}

// newError makes a userError of kind with the formatted message.
func newError(kind, cause error, format string, args ...any) error {
	return &userError{kind: kind, msg: fmt.Sprintf(format, args...), cause: cause}
}

func lockedError(path string, readOnly bool) error {
	if readOnly {
		return newError(ErrLocked, nil, "%s is open in Glossa; this read-only command cannot run while the file is open there: close it in Glossa and try again", path)
	}
	return newError(ErrLocked, nil, "%s is open in another Glossa window or used by a glossa command; close it there or open a copy", path)
}

// damagedError is what a read or an edit gets when bbolt panics or faults
// on a damaged page: what happened, that nothing was changed, what to do.
func damagedError(path string, cause error) error {
	return newError(ErrCorrupt, cause, "%s is damaged: reading it failed (%v); Glossa has not changed it, and your last edit, if any, was not saved: "+
		"use Restore from backup, or run \"glossa check --db %s\" to list the problems", path, cause, path)
}

// writeError wraps an error of a failed commit in a sentence when it says
// the disk is full or cannot be written (isWriteFailure); other errors are
// returned as they are.
func writeError(path string, err error) error {
	if err == nil || !isWriteFailure(err) {
		return err
	}
	what := "the disk it is on cannot be written to"
	switch {
	case isDiskFull(err):
		what = "the disk is full"
	case errors.Is(err, berrors.ErrMaxSizeReached):
		what = "the file reached its maximum size"
	}
	return newError(ErrWriteFailed, err, "%s cannot be saved: %s (%v). Your last edit was not saved; the project file still holds every edit before it and is consistent. "+
		"To go on, free some space on that disk and try again, or save a copy of the project on another disk", path, what, err)
}

// isWriteFailure reports whether err says the file cannot be written:
// disk full, over quota, read-only, an I/O error, or bbolt's MaxSize.
func isWriteFailure(err error) bool {
	if errors.Is(err, berrors.ErrMaxSizeReached) || isDiskFull(err) {
		return true
	}
	for _, e := range writeErrnos {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

func isDiskFull(err error) bool {
	for _, e := range diskFullErrnos {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

func notProjectError(path, why string) error {
	return newError(ErrNotProject, nil, "%s is not a Glossa project (%s); Glossa has not changed it", path, why)
}

func corruptError(path string, cause error, why string) error {
	return newError(ErrCorrupt, cause, "%s is damaged (%s); Glossa has not changed it: open one of its backups or a copy instead", path, why)
}

// CheckError is what Check returns: every problem found, in the order
// found. errors.Is matches the sentinels the problems wrap (for example
// annotation.ErrSpanText or ErrCorrupt).
type CheckError struct {
	Problems []error
}

func (e *CheckError) Error() string {
	var b strings.Builder
	if len(e.Problems) == 1 {
		b.WriteString("1 problem found: ")
	} else {
		fmt.Fprintf(&b, "%d problems found: ", len(e.Problems))
	}
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Unwrap returns the problems, so that errors.Is looks into each.
func (e *CheckError) Unwrap() []error { return e.Problems }
