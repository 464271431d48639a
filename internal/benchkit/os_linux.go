package benchkit

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// datasync is fdatasync, as bbolt calls it on Linux.
func datasync(f *os.File) error { return syscall.Fdatasync(int(f.Fd())) }

// writtenBytes is the bytes this process has passed to write calls
// (wchar in /proc/self/io).
func writtenBytes() (int64, bool) {
	f, err := os.Open("/proc/self/io")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "wchar: "); ok {
			n, err := strconv.ParseInt(v, 10, 64)
			return n, err == nil
		}
	}
	return 0, false
}
