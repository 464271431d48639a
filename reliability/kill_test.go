package reliability

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"glossa/storage"
)

// childLines collects the complete lines a child prints; a line cut short
// by the kill (no newline) is not counted.
type childLines struct {
	mu    sync.Mutex
	lines []string
	ready chan struct{}
	done  chan struct{}
}

func readLines(r io.Reader) *childLines {
	c := &childLines{ready: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(c.done)
		br := bufio.NewReader(r)
		readySeen := false
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				return // EOF, or a partial last line: ignored
			}
			line = strings.TrimSuffix(line, "\n")
			if line == "ready" && !readySeen {
				readySeen = true
				close(c.ready)
				continue
			}
			c.mu.Lock()
			c.lines = append(c.lines, line)
			c.mu.Unlock()
		}
	}()
	return c
}

// TestKillMidEdit is case 1: a child writes annotations as fast as it can
// and prints each id once its transaction has returned; the parent kills it
// (SIGKILL) at a random moment, reopens the file, runs Check and looks up
// every printed id. The same file goes through every round, so each round
// also recovers from the previous kill. 20 rounds, 200 with GLOSSA_LONG=1.
func TestKillMidEdit(t *testing.T) {
	r := newRand(t)
	rounds := pick(20, 200)
	path := filepath.Join(t.TempDir(), "project.glossa")
	var annIDs, docIDs []uint64
	earlyKills, printedTotal := 0, 0
	start := time.Now()
	for round := 0; round < rounds; round++ {
		cmd := helperCommand(t, "writer", path, strconv.FormatUint(r.Uint64(), 10))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := readLines(stdout)
		exited := make(chan struct{})
		if r.IntN(5) == 0 {
			// Kill during Open: creating the file, the automatic backup.
			earlyKills++
			time.Sleep(time.Duration(r.IntN(40)) * time.Millisecond)
		} else {
			select {
			case <-lines.ready:
			case <-lines.done:
				close(exited)
			case <-time.After(hangDeadline):
				cmd.Process.Kill()
				t.Fatalf("round %d: the writer did not open the project within %v", round, hangDeadline)
			}
			time.Sleep(time.Duration(r.IntN(300)) * time.Millisecond)
		}
		select {
		case <-exited:
			cmd.Wait()
			t.Fatalf("round %d: the writer stopped by itself: %s", round, stderr.String())
		default:
		}
		if err := cmd.Process.Kill(); err != nil {
			t.Fatalf("round %d: kill: %v", round, err)
		}
		err = cmd.Wait()
		<-lines.done
		var ee *exec.ExitError
		if err == nil || !errors.As(err, &ee) || ee.ExitCode() != -1 {
			t.Fatalf("round %d: the writer was not killed (it ended with %v): %s", round, err, stderr.String())
		}
		printed := 0
		for _, l := range lines.lines {
			kind, num, ok := strings.Cut(l, " ")
			id, err := strconv.ParseUint(num, 10, 64)
			if !ok || err != nil {
				t.Fatalf("round %d: the writer printed %q", round, l)
			}
			printed++
			if kind == "a" {
				annIDs = append(annIDs, id)
			} else {
				docIDs = append(docIDs, id)
			}
		}
		printedTotal += printed

		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			if len(annIDs)+len(docIDs) > 0 {
				t.Fatalf("round %d: the project file is gone", round)
			}
			continue // killed before the first project was linked into place
		}
		verifyAfterKill(t, round, path, annIDs, docIDs)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*tmp-*"))
	t.Logf("%d rounds (%d killed during Open) in %v: %d edits acknowledged, %d annotations and %d documents checked after the last round, lost 0, Check failures 0; %d temporary files left by kills",
		rounds, earlyKills, time.Since(start).Round(time.Millisecond), printedTotal, len(annIDs), len(docIDs), len(leftovers))
}

// verifyAfterKill reopens path as the app would, runs Check and looks up
// every acknowledged id; the rolling backups must pass Check too.
func verifyAfterKill(t *testing.T, round int, path string, annIDs, docIDs []uint64) {
	t.Helper()
	s, err := storage.Open(path, storage.Options{})
	if err != nil {
		data, _ := os.ReadFile(path)
		t.Fatalf("round %d: reopen after kill: %v (file kept in %s)", round, err, saveFailed(t, "kill.glossa", data))
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		t.Fatalf("round %d: Check after kill: %v", round, err)
	}
	lost := 0
	for _, id := range annIDs {
		if _, err := s.Annotation(id); err != nil {
			lost++
			t.Errorf("round %d: acknowledged annotation %d is lost: %v", round, id, err)
		}
	}
	for _, id := range docIDs {
		if _, err := s.Document(id); err != nil {
			lost++
			t.Errorf("round %d: acknowledged document %d is lost: %v", round, id, err)
		}
	}
	if lost > 0 {
		t.FailNow()
	}
	for _, b := range s.Backups() {
		bs, err := storage.Open(b, storage.Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("round %d: backup %s: %v", round, b, err)
		}
		err = bs.Check()
		bs.Close()
		if err != nil {
			t.Fatalf("round %d: Check of backup %s: %v", round, b, err)
		}
	}
}
