package reliability

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"glossa/formats"
)

// listen starts a TCP listener on the loopback that counts connections:
// an HTML import that fetched anything would reach it.
func listen(t *testing.T) (addr string, conns *atomic.Int64) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	conns = new(atomic.Int64)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			c.Close()
		}
	}()
	return ln.Addr().String(), conns
}

// remotePage is an article full of references to addr.
func remotePage(addr string) []byte {
	u := "http://" + addr
	return []byte(fmt.Sprintf(`<!doctype html><html><head><title>Remote</title>
<link rel="stylesheet" href="%[1]s/s.css"><link rel="preload" href="%[1]s/f.woff"><link rel="icon" href="%[1]s/i.ico">
<script src="%[1]s/x.js"></script><style>@import url(%[1]s/i.css); body{background:url(%[1]s/b.png)}</style>
<meta http-equiv="refresh" content="0; url=%[1]s/r"><base href="%[1]s/"></head>
<body><article><h1>Taxes</h1><p>The minister said on Monday that taxes would fall.<img src="%[1]s/a.png" srcset="%[1]s/b.png 2x"></p>
<iframe src="%[1]s/f.html"></iframe><video poster="%[1]s/p.jpg" src="%[1]s/v.mp4"></video><object data="%[1]s/o.swf"></object>
<p>Critics doubt it. <a href="%[1]s/more">More</a></p></article></body></html>`, u))
}

// TestHTMLImportFetchesNothing is case 9 in process: importing HTML and
// Markdown full of remote images, styles, scripts, frames and links opens
// no connection to the server they name.
func TestHTMLImportFetchesNothing(t *testing.T) {
	addr, conns := listen(t)
	files := map[string][]byte{
		"remote.html": remotePage(addr),
		"remote.md":   []byte(fmt.Sprintf("# Taxes\n\n![chart](http://%[1]s/c.png) The minister said so. [link](http://%[1]s/l)\n\n<img src=\"http://%[1]s/h.png\">\n", addr)),
	}
	for name, data := range files {
		doc, err := formats.ReadDocument(name, bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !strings.Contains(doc.Text, "minister said") {
			t.Errorf("%s: text %q", name, doc.Text)
		}
	}
	if n := conns.Load(); n != 0 {
		t.Fatalf("the import opened %d connections", n)
	}
}

var inetSocket = regexp.MustCompile(`socket\((AF_INET|AF_INET6|AF_PACKET)|connect\(`)

// TestCLINoNetwork is case 9 for the command line: glossa import, export,
// check and stats of an HTML article full of remote references, traced
// with strace: no AF_INET/AF_INET6 socket and no connect; the loopback
// server they name sees no connection; and the same commands succeed under
// unshare -n (no network at all).
func TestCLINoNetwork(t *testing.T) {
	bin := needBinary(t)
	addr, conns := listen(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "remote.html")
	os.WriteFile(page, remotePage(addr), 0o600)
	steps := func(db string) [][]string {
		return [][]string{
			{"import", "--db", db, page},
			{"export", "--db", db, "--format", "json", "-o", db + ".json"},
			{"export", "--db", db, "--format", "w3c", "-o", db + ".w3c.json"},
			{"check", "--db", db},
			{"stats", "--db", db},
		}
	}
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Log("strace missing: socket calls not traced")
	}
	for _, args := range steps(filepath.Join(dir, "traced.glossa")) {
		if strace == "" {
			break
		}
		trace := filepath.Join(dir, "trace-"+args[0])
		out, err := exec.Command(strace, append([]string{"-f", "-qq", "-e", "trace=socket,connect", "-o", trace, bin}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("glossa %s: %v\n%s", args[0], err, out)
		}
		tr, _ := os.ReadFile(trace)
		if m := inetSocket.FindAll(tr, -1); len(m) > 0 {
			t.Errorf("glossa %s opened network sockets:\n%s", args[0], tr)
		}
	}
	if n := conns.Load(); n != 0 {
		t.Errorf("the commands opened %d connections to the server the article names", n)
	}
	if err := exec.Command("unshare", "-n", "true").Run(); err != nil {
		t.Logf("unshare -n unavailable (%v): commands not run without a network", err)
		return
	}
	for _, args := range steps(filepath.Join(dir, "offline.glossa")) {
		if out, err := exec.Command("unshare", append([]string{"-n", bin}, args...)...).CombinedOutput(); err != nil {
			t.Errorf("glossa %s under unshare -n: %v\n%s", args[0], err, out)
		}
	}
	t.Logf("strace: 0 network sockets in %d commands; loopback server: 0 connections; unshare -n: all commands succeed", len(steps("")))
}
