package reliability

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"glossa/annotation"
	"glossa/storage"
)

// long reports whether the long versions run (GLOSSA_LONG=1, make test-long).
func long() bool { return os.Getenv("GLOSSA_LONG") == "1" }

// pick returns short in the default run and long under GLOSSA_LONG=1.
func pick(short, long_ int) int {
	if long() {
		return long_
	}
	return short
}

// newRand returns a generator seeded from GLOSSA_SEED or the clock, and
// logs the seed so that a failing run can be replayed.
func newRand(t *testing.T) *rand.Rand {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("GLOSSA_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("GLOSSA_SEED=%q: %v", s, err)
		}
		seed = v
	}
	t.Logf("seed %d (replay with GLOSSA_SEED=%d)", seed, seed)
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// newRandFrom returns a generator for a seed drawn from a logged one.
func newRandFrom(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)) }

// hangDeadline is how long one operation may take before the test calls it
// a hang. It is generous: it detects hangs, it does not measure speed.
const hangDeadline = 10 * time.Second

// outcome is what runGuarded saw: the function's error, or the panic it
// raised (memory faults included).
type outcome struct {
	err   error
	panic any
	stack string
}

// runGuarded runs fn in its own goroutine with memory faults turned into
// panics, recovering any panic. It reports ok=false if fn has not returned
// within deadline; the goroutine is then left behind, and the caller fails.
func runGuarded(deadline time.Duration, fn func() error) (out outcome, ok bool) {
	done := make(chan outcome, 1)
	go func() {
		debug.SetPanicOnFault(true)
		var o outcome
		defer func() {
			if r := recover(); r != nil {
				o.panic, o.stack = r, string(debug.Stack())
			}
			done <- o
		}()
		o.err = fn()
	}()
	select {
	case o := <-done:
		return o, true
	case <-time.After(deadline):
		return outcome{}, false
	}
}

func fileSHA(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// saveFailed keeps a file that made a test fail in testdata/failed (ignored
// by git) and returns its path.
func saveFailed(t *testing.T, name string, data []byte) string {
	t.Helper()
	dir := filepath.Join("testdata", "failed")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Logf("cannot keep %s: %v", name, err)
		return ""
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Logf("cannot keep %s: %v", name, err)
	}
	return p
}

// Words for article texts.
var words = strings.Fields(`the minister said on monday that taxes would fall while critics
doubt it and the opposition leader called the plan a fantasy according to a spokesperson
for the treasury who spoke on condition of anonymity in berlin paris and lagos officials
reported that inflation rose by three percent last year a figure disputed by economists`)

// article returns a text of about n words, distinct for distinct seeds.
func article(r *rand.Rand, n int, tag string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Article %s.", tag)
	for i := 0; i < n; i++ {
		b.WriteByte(' ')
		w := words[r.IntN(len(words))]
		if i%12 == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
		if i%12 == 11 {
			b.WriteByte('.')
		}
	}
	b.WriteString(".")
	return b.String()
}

var labelNames = []string{"Claim", "Source", "Person", "Organisation", "Location", "Date", "Event", "Other"}

// randomAnnotation returns an annotation of doc over a random word-aligned
// span of its text.
func randomAnnotation(r *rand.Rand, doc annotation.Document) annotation.Annotation {
	o := annotation.NewOffsets(doc.Text)
	n := o.Len()
	start := r.IntN(n - 1)
	end := min(n, start+1+r.IntN(40))
	return annotation.Annotation{
		DocID: doc.ID,
		Label: labelNames[r.IntN(len(labelNames))],
		Spans: []annotation.Span{{Start: start, End: end, Text: o.Slice(start, end)}},
		Note:  fmt.Sprintf("note %d", r.IntN(1000)),
	}
}

// buildProject writes a closed project file at path with docs documents,
// about anns annotations each, a few entities and links, and long texts
// that need overflow pages.
func buildProject(t *testing.T, r *rand.Rand, path string, docs, anns int) {
	t.Helper()
	s, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	var ents []annotation.Entity
	for i := 0; i < 5; i++ {
		e, err := s.AddEntity(annotation.Entity{Name: fmt.Sprintf("Entity %d", i), Type: "Person", Aliases: []string{"E" + strconv.Itoa(i)}})
		if err != nil {
			t.Fatalf("AddEntity: %v", err)
		}
		ents = append(ents, e)
	}
	for i := 0; i < docs; i++ {
		size := 50 + r.IntN(400)
		if i%7 == 0 {
			size = 3000 + r.IntN(3000) // bigger than a page
		}
		d, err := s.AddDocument(annotation.Document{Title: fmt.Sprintf("Doc %d", i), Outlet: "Daily", Text: article(r, size, strconv.Itoa(i))})
		if err != nil {
			t.Fatalf("AddDocument: %v", err)
		}
		var put []annotation.Annotation
		for j := 0; j < anns; j++ {
			a := randomAnnotation(r, d)
			if j%5 == 0 {
				a.Label = "Person"
				a.Entity = ents[r.IntN(len(ents))].ID
			}
			put = append(put, a)
		}
		out, err := s.Apply(d.ID, put, nil)
		if err != nil {
			t.Fatalf("Apply: %v", err)
		}
		if len(out) > 1 {
			a := out[0]
			a.Label = "Claim"
			a.Entity = 0
			a.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: out[1].ID}}
			if _, err := s.UpdateAnnotation(a); err != nil {
				t.Fatalf("UpdateAnnotation: %v", err)
			}
		}
	}
	if err := s.Check(); err != nil {
		t.Fatalf("Check of the new project: %v", err)
	}
}

// helperEnv is the variable that turns the test binary into a helper child.
const helperEnv = "GLOSSA_RELIABILITY_HELPER"

// helperCommand returns a command running this test binary as helper mode
// with args, its stdout piped line by line.
func helperCommand(t *testing.T, mode string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestHelperProcess$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), helperEnv+"="+mode)
	return cmd
}

// TestHelperProcess is not a test: it is the child process other tests
// start (helperCommand). It does nothing in a normal run.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		t.Skip("helper for child processes; runs only when started by another test")
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	var err error
	switch mode {
	case "writer":
		err = helperWriter(args)
	case "open":
		err = helperOpen(args)
	case "probe":
		err = helperProbe()
	default:
		err = fmt.Errorf("unknown helper mode %q", mode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(3)
	}
	os.Exit(0)
}

// helperWriter opens the project args[0] and adds annotations as fast as it
// can, printing "a <id>" once AddAnnotation has returned (and the edit is
// on disk) and "d <id>" for each new document, until it is killed. args[1]
// is the seed.
func helperWriter(args []string) error {
	seed, _ := strconv.ParseUint(args[1], 10, 64)
	r := rand.New(rand.NewPCG(seed, 1))
	s, err := storage.Open(args[0], storage.Options{AutoBackup: true})
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(os.Stdout, 64) // flushed after every line
	say := func(format string, a ...any) {
		fmt.Fprintf(out, format+"\n", a...)
		out.Flush()
	}
	var docs []annotation.Document
	sums, err := s.Documents()
	if err != nil {
		return err
	}
	for _, sm := range sums {
		d, err := s.Document(sm.ID)
		if err != nil {
			return err
		}
		docs = append(docs, d)
	}
	say("ready")
	for i := 0; ; i++ {
		if len(docs) == 0 || r.IntN(50) == 0 {
			size := 100 + r.IntN(800)
			if r.IntN(5) == 0 {
				size = 4000
			}
			d, err := s.AddDocument(annotation.Document{Title: "T", Text: article(r, size, fmt.Sprintf("%d-%d", seed, i))})
			if err != nil {
				return err
			}
			docs = append(docs, d)
			say("d %d", d.ID)
			continue
		}
		a, err := s.AddAnnotation(randomAnnotation(r, docs[r.IntN(len(docs))]))
		if err != nil {
			return err
		}
		say("a %d", a.ID)
	}
}

// helperOpen tries to open args[0] (read-only when args[1] is "ro") and
// prints "ok" or "err <elapsed> <message>"; with "ok" it then adds a
// document to prove it could write.
func helperOpen(args []string) error {
	start := time.Now()
	s, err := storage.Open(args[0], storage.Options{ReadOnly: args[1] == "ro"})
	if err != nil {
		fmt.Printf("err %d %s\n", time.Since(start).Milliseconds(), strings.ReplaceAll(err.Error(), "\n", " "))
		return nil
	}
	defer s.Close()
	fmt.Println("ok")
	return nil
}

// memDelta measures what fn allocates: the total bytes allocated while it
// ran and the highest heap in use sampled every 5 ms.
func memDelta(fn func()) (total, peak uint64) {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				if m.HeapAlloc > before.HeapAlloc && m.HeapAlloc-before.HeapAlloc > peak {
					peak = m.HeapAlloc - before.HeapAlloc
				}
			}
		}
	}()
	fn()
	close(stop)
	wg.Wait()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, peak
}

// binDir is the folder glossaBin built into, removed by TestMain.
var binDir string

// glossaBin builds the real glossa binary once per test run; tests that
// need it skip when it does not build.
var glossaBin = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "glossa-bin-")
	if err != nil {
		return "", err
	}
	binDir = dir
	bin := filepath.Join(dir, "glossa")
	out, err := exec.Command("go", "build", "-o", bin, "glossa").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build glossa: %v\n%s", err, out)
	}
	return bin, nil
})

// needBinary returns the glossa binary or skips the test.
func needBinary(t *testing.T) string {
	t.Helper()
	bin, err := glossaBin()
	if err != nil {
		t.Skipf("blocked on: the glossa binary does not build here, so the command line cannot be tested: %v", err)
	}
	return bin
}

// TestMain removes the binary glossaBin built.
func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}
