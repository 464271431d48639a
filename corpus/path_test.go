package corpus

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestDataDir(t *testing.T) {
	home := func() (string, error) { return "/home/ana", nil }
	noHome := func() (string, error) { return "", errors.New("no home") }
	env := func(m map[string]string) func(string) string {
		return func(k string) string { return m[k] }
	}
	tests := []struct {
		goos    string
		env     map[string]string
		home    func() (string, error)
		want    string
		wantErr bool
	}{
		{"linux", nil, home, filepath.Join("/home/ana", ".local", "share", "glossa"), false},
		{"linux", map[string]string{"XDG_DATA_HOME": "/data"}, home, filepath.Join("/data", "glossa"), false},
		{"linux", map[string]string{"XDG_DATA_HOME": "relative"}, home, filepath.Join("/home/ana", ".local", "share", "glossa"), false},
		{"freebsd", nil, home, filepath.Join("/home/ana", ".local", "share", "glossa"), false},
		{"darwin", nil, home, filepath.Join("/home/ana", "Library", "Application Support", "Glossa"), false},
		{"windows", map[string]string{"AppData": `C:\Users\ana\AppData\Roaming`}, home, filepath.Join(`C:\Users\ana\AppData\Roaming`, "Glossa"), false},
		{"windows", nil, home, "", true},
		{"linux", nil, noHome, "", true},
	}
	for _, tt := range tests {
		got, err := dataDir(tt.goos, env(tt.env), tt.home)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("dataDir(%s, %v) = %q, %v; want %q, error %v", tt.goos, tt.env, got, err, tt.want, tt.wantErr)
		}
	}
}
