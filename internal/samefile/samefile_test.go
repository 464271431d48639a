package samefile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestIs(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "p.glossa")
	other := filepath.Join(dir, "q.glossa")
	link := filepath.Join(dir, "link.glossa")
	hard := filepath.Join(dir, "hard.glossa")
	os.WriteFile(file, []byte("x"), 0o644)
	os.WriteFile(other, []byte("x"), 0o644)
	symlinks := os.Symlink(file, link) == nil
	os.Link(file, hard)
	wd, _ := os.Getwd()
	rel, _ := filepath.Rel(wd, file)
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"one path", file, file, true},
		{"relative and absolute spelling", rel, file, true},
		{"with a dot segment", filepath.Join(dir, ".", "p.glossa"), file, true},
		{"a new file at the same path", filepath.Join(dir, "new.glossa"), filepath.Join(dir, "new.glossa"), true},
		{"a hard link", hard, file, true},
		{"another file with the same content", other, file, false},
		{"a new file beside it", filepath.Join(dir, "new.glossa"), file, false},
		{"an empty path", "", file, false},
	}
	if symlinks {
		tests = append(tests, struct {
			name string
			a, b string
			want bool
		}{"a symbolic link", link, file, true})
	}
	for _, tt := range tests {
		if got := Is(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: Is(%q, %q) = %v, want %v", tt.name, tt.a, tt.b, got, tt.want)
		}
	}
}
