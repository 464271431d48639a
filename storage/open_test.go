package storage

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"glossa/annotation"
)

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

func TestSecondOpenIsLocked(t *testing.T) {
	s := openTestStore(t)
	for _, readOnly := range []bool{false, true} {
		t.Run(fmt.Sprintf("readOnly=%v", readOnly), func(t *testing.T) {
			start := time.Now()
			s2, err := Open(s.Path(), Options{ReadOnly: readOnly})
			took := time.Since(start)
			if err == nil {
				s2.Close()
				t.Fatal("second Open succeeded; want ErrLocked")
			}
			if !errors.Is(err, ErrLocked) {
				t.Errorf("got %v; want ErrLocked", err)
			}
			want := "open in another Glossa window"
			if readOnly {
				want = "read-only command cannot run while the file is open"
			}
			if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), s.Path()) {
				t.Errorf("message %q; want it to name the file and say %q", err, want)
			}
			if strings.Contains(err.Error(), "timeout") {
				t.Errorf("message %q says timeout", err)
			}
			if took > 1500*time.Millisecond {
				t.Errorf("ErrLocked after %v; want within 1.5 s", took)
			}
		})
	}
	// The first store still works.
	addDoc(t, s, sampleText)
}

func TestReadOnlyOpens(t *testing.T) {
	s := openTestStore(t)
	d := addDoc(t, s, sampleText)
	path := s.Path()
	s.Close()

	ro1, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro1.Close()
	ro2, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("second read-only Open: %v; want shared access", err)
	}
	defer ro2.Close()
	if got, err := ro2.Document(d.ID); err != nil || got.Text != sampleText {
		t.Errorf("Document = %+v, %v", got, err)
	}
	if _, err := ro1.AddDocument(annotation.Document{Text: "x"}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("AddDocument on read-only: got %v; want ErrReadOnly", err)
	}
	mustCheck(t, ro1)
	// A writer waits for the readers.
	if _, err := Open(path, Options{Timeout: 200 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Errorf("Open for writing while read-only opens exist: got %v; want ErrLocked", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "none.glossa"), Options{ReadOnly: true}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("read-only Open of a missing file: got %v; want not exist", err)
	}
}

// TestHelperHoldLock is not a test: TestLockedByAnotherProcess runs the test
// binary with it to hold a project open in another process.
func TestHelperHoldLock(t *testing.T) {
	path := os.Getenv("GLOSSA_HOLD")
	if path == "" {
		t.Skip("helper process only")
	}
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("holding")
	bufio.NewReader(os.Stdin).ReadString('\n')
	s.Close()
	os.Exit(0)
}

func TestLockedByAnotherProcess(t *testing.T) {
	s := openTestStore(t)
	path := s.Path()
	s.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldLock$")
	cmd.Env = append(os.Environ(), "GLOSSA_HOLD="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer stdin.Close()
	line, _ := bufio.NewReader(out).ReadString('\n')
	if !strings.HasPrefix(line, "holding") {
		t.Fatalf("helper said %q", line)
	}
	for _, readOnly := range []bool{false, true} {
		_, err := Open(path, Options{ReadOnly: readOnly})
		if !errors.Is(err, ErrLocked) {
			t.Errorf("Open(readOnly=%v) while another process edits: got %v; want ErrLocked", readOnly, err)
		}
	}
}

func TestNotProjectFilesUnchanged(t *testing.T) {
	random := make([]byte, 64<<10)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(r.Uint32())
	}
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 5000)...)
	// A bbolt database of another program.
	other := filepath.Join(t.TempDir(), "other.db")
	db, err := bbolt.Open(other, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bbolt.Tx) error { _, err := tx.CreateBucket([]byte("widgets")); return err }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	otherBytes, err := os.ReadFile(other)
	if err != nil {
		t.Fatal(err)
	}
	// A header with bbolt's magic but a broken checksum.
	s := openTestStore(t)
	s.Close()
	real, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	badHeader := bytes.Clone(real)
	for _, off := range []int{16 + 56, 4096 + 16 + 56} { // both checksums
		badHeader[off] ^= 0xff
	}

	tests := []struct {
		name    string
		content []byte
		want    error
	}{
		{"empty", nil, ErrNotProject},
		{"text", []byte("Dear diary, today I annotated nothing.\n"), ErrNotProject},
		{"png", png, ErrNotProject},
		{"random", random, ErrNotProject},
		{"other bbolt", otherBytes, ErrNotProject},
		{"bad checksums", badHeader, ErrCorrupt},
		{"truncated", real[:len(real)/2], ErrCorrupt},
		{"header only", real[:8192], ErrCorrupt},
	}
	for _, tt := range tests {
		for _, readOnly := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/readOnly=%v", tt.name, readOnly), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "file.glossa")
				if err := os.WriteFile(path, tt.content, 0o600); err != nil {
					t.Fatal(err)
				}
				before := fileSum(t, path)
				s, err := Open(path, Options{ReadOnly: readOnly})
				if err == nil {
					s.Close()
				}
				if !errors.Is(err, tt.want) {
					t.Errorf("Open: got %v; want %v", err, tt.want)
				}
				if err != nil && !strings.Contains(err.Error(), path) {
					t.Errorf("message %q does not name the file", err)
				}
				if after := fileSum(t, path); after != before {
					t.Errorf("Open changed the file")
				}
			})
		}
	}
}

// TestTruncatedProject cuts a real project with data at every page boundary.
func TestTruncatedProject(t *testing.T) {
	s := openTestStore(t)
	for i := range 40 {
		d := addDoc(t, s, fmt.Sprintf("%d %s", i, strings.Repeat(sampleText, 20)))
		addAnn(t, s, annotation.Annotation{DocID: d.ID, Label: "Claim", Spans: []annotation.Span{{Start: 0, End: 1}}})
	}
	s.Close()
	real, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	h, err := inspectFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	used := int(h.pages * h.pageSize)
	for cut := 4096; cut < used; cut += 4096 {
		path := filepath.Join(t.TempDir(), "cut.glossa")
		if err := os.WriteFile(path, real[:cut], 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path, Options{})
		if err == nil {
			s.Close()
		}
		if got := err; !errors.Is(got, ErrCorrupt) {
			t.Errorf("cut at %d of %d: got %v; want ErrCorrupt", cut, used, got)
		}
	}
}

func TestTooNewRefused(t *testing.T) {
	s := openTestStore(t)
	err := s.update(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, idKey(SchemaVersion+1))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	before := fileSum(t, s.Path())
	for _, readOnly := range []bool{false, true} {
		_, err := Open(s.Path(), Options{ReadOnly: readOnly})
		if !errors.Is(err, ErrTooNew) || !strings.Contains(err.Error(), "update Glossa") {
			t.Errorf("Open(readOnly=%v): got %v; want ErrTooNew telling to update Glossa", readOnly, err)
		}
	}
	if fileSum(t, s.Path()) != before {
		t.Error("Open changed a file from a newer Glossa")
	}
}

func TestOpenEmptyPathAndFolder(t *testing.T) {
	if _, err := Open("", Options{}); err == nil {
		t.Error("Open(\"\") succeeded")
	}
	if _, err := Open(t.TempDir(), Options{}); !errors.Is(err, ErrNotProject) {
		t.Errorf("Open(folder): got %v; want ErrNotProject", err)
	}
}

func TestCreate(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.glossa")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Create(empty, Options{})
	if err != nil {
		t.Fatalf("Create over an empty file: %v", err)
	}
	s.Close()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("notes"), 0o600)
	for _, p := range []string{empty, text} {
		if _, err := Create(p, Options{}); !errors.Is(err, os.ErrExist) {
			t.Errorf("Create(%s): got %v; want ErrExist", filepath.Base(p), err)
		}
	}
}

// TestLockedByReadOnlyCommand: an editor refused because a read-only
// command (glossa export, check, stats) holds the file is told both
// possibilities.
func TestLockedByReadOnlyCommand(t *testing.T) {
	s := openTestStore(t)
	path := s.Path()
	s.Close()
	r, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	_, err = Open(path, Options{Timeout: 100 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("got %v; want ErrLocked", err)
	}
	for _, want := range []string{path, "open in another Glossa window", "used by a glossa command", "open a copy"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q; want it to say %q", err, want)
		}
	}
}
