package reliability

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"glossa/annotation"
	"glossa/storage"
)

// openInChild runs helperOpen on path in a child process and returns its
// answer: "ok", or the error message and how long Open took.
func openInChild(t *testing.T, path string, readOnly bool) (ok bool, msg string, took time.Duration) {
	t.Helper()
	mode := "rw"
	if readOnly {
		mode = "ro"
	}
	cmd := helperCommand(t, "open", path, mode)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	done := make(chan struct{})
	var out []byte
	var err error
	go func() { out, err = cmd.Output(); close(done) }()
	select {
	case <-done:
	case <-time.After(hangDeadline):
		cmd.Process.Kill()
		<-done
		t.Fatalf("the second Glossa did not answer within %v", hangDeadline)
	}
	if err != nil {
		t.Fatalf("helper: %v: %s", err, stderr.String())
	}
	line := strings.TrimSpace(string(out))
	if line == "ok" {
		return true, "", 0
	}
	_, rest, _ := strings.Cut(line, " ")
	ms, msg, _ := strings.Cut(rest, " ")
	n, _ := strconv.Atoi(ms)
	return false, msg, time.Duration(n) * time.Millisecond
}

// TestSecondInstance is case 2 at the store level: while one Glossa has the
// project open for editing, a second one (another process) gets the "open
// in another Glossa window" message after Options.Timeout (1 s); the file's
// bytes do not change; the first goes on writing. Read-only opens (export,
// stats, check) get their own message: bbolt's shared lock excludes the
// editor's exclusive one.
func TestSecondInstance(t *testing.T) {
	r := newRand(t)
	path := filepath.Join(t.TempDir(), "project.glossa")
	buildProject(t, r, path, 3, 3)
	first, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	before := fileSHA(t, path)

	for _, ro := range []bool{false, true} {
		ok, msg, took := openInChild(t, path, ro)
		if ok {
			t.Fatalf("read-only=%v: a second Glossa opened a file the first has open for editing", ro)
		}
		want := "is open in another Glossa window"
		if ro {
			want = "this read-only command cannot run while the file is open there"
		}
		if !strings.Contains(msg, want) {
			t.Errorf("read-only=%v: message %q; want it to say %q", ro, msg, want)
		}
		t.Logf("read-only=%v: refused after %v: %s", ro, took, msg)
	}
	// In the same process too: the lock belongs to the open file.
	if _, err := storage.Open(path, storage.Options{}); !errors.Is(err, storage.ErrLocked) {
		t.Errorf("second Open in the same process: got %v; want ErrLocked", err)
	}
	if after := fileSHA(t, path); after != before {
		t.Errorf("the file changed while only the refused instances touched it")
	}
	if _, err := first.AddDocument(annotation.Document{Title: "After", Text: "The first window keeps working."}); err != nil {
		t.Fatalf("the first Glossa cannot write any more: %v", err)
	}
	if err := first.Check(); err != nil {
		t.Fatal(err)
	}
}

// TestReadersShareTheFile: read-only opens share the lock with each other,
// and an editor waiting for a read-only command (an export in progress)
// gets ErrLocked with the same message, then opens once it has finished.
func TestReadersShareTheFile(t *testing.T) {
	r := newRand(t)
	path := filepath.Join(t.TempDir(), "project.glossa")
	buildProject(t, r, path, 2, 2)
	reader, err := storage.Open(path, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if ok, msg, _ := openInChild(t, path, true); !ok {
		t.Errorf("a second read-only open was refused: %s", msg)
	}
	ok, msg, took := openInChild(t, path, false)
	if ok {
		t.Errorf("an editor opened the file while a read-only command held it")
	}
	t.Logf("editor refused after %v while a reader holds the file: %s", took, msg)
	reader.Close()
	if ok, msg, _ := openInChild(t, path, false); !ok {
		t.Errorf("the editor cannot open the file after the reader closed it: %s", msg)
	}
}

// TestSecondInstanceCLI is case 2 through the real command line: while a
// Glossa has the file open for editing, every command that needs it fails
// within a few seconds with exit code 1 and a sentence saying why, and the
// file is unchanged.
func TestSecondInstanceCLI(t *testing.T) {
	bin := needBinary(t)
	r := newRand(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "project.glossa")
	buildProject(t, r, path, 3, 3)
	article := filepath.Join(dir, "a.txt")
	os.WriteFile(article, []byte("A new article the second Glossa must not import."), 0o600)
	first, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	before := fileSHA(t, path)
	for _, args := range [][]string{
		{"import", "--db", path, article},
		{"export", "--db", path, "--format", "json", "-o", filepath.Join(dir, "out.json")},
		{"stats", "--db", path},
		{"check", "--db", path},
		{"backup", "--db", path, "-o", filepath.Join(dir, "copy.glossa")},
	} {
		cmd := exec.Command(bin, args...)
		start := time.Now()
		out, err := cmd.CombinedOutput()
		took := time.Since(start)
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 {
			t.Errorf("glossa %s: got %v; want exit code 1\n%s", args[0], err, out)
			continue
		}
		if !strings.Contains(string(out), "open in") {
			t.Errorf("glossa %s: the message does not say the file is open elsewhere: %s", args[0], out)
		}
		if took > hangDeadline {
			t.Errorf("glossa %s: took %v", args[0], took)
		}
		t.Logf("glossa %s: exit 1 after %v: %s", args[0], took.Round(time.Millisecond), strings.TrimSpace(string(out)))
	}
	if after := fileSHA(t, path); after != before {
		t.Errorf("the file changed")
	}
	if _, err := os.Stat(filepath.Join(dir, "out.json")); err == nil {
		t.Errorf("export wrote a file although it could not open the project")
	}
}
