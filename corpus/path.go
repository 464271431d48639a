// Package corpus carries out whole-project operations on top of the store
// and the formats: importing files, folders and datasets, exporting a
// project atomically to any format, and finding the default project file.
// The command line and the app share it.
package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// DefaultFileName is the name of the default project file.
const DefaultFileName = "default.glossa"

// DataDir returns the per-user folder where Glossa keeps its default
// project: $XDG_DATA_HOME/glossa (default ~/.local/share/glossa) on Linux and
// other Unix systems, ~/Library/Application Support/Glossa on macOS and
// %AppData%\Glossa on Windows.
func DataDir() (string, error) {
	return dataDir(runtime.GOOS, os.Getenv, os.UserHomeDir)
}

func dataDir(goos string, getenv func(string) string, home func() (string, error)) (string, error) {
	switch goos {
	case "windows":
		if d := getenv("AppData"); d != "" {
			return filepath.Join(d, "Glossa"), nil
		}
		return "", errors.New("the AppData folder is not set; pass --db FILE to choose a project file")
	case "darwin", "ios":
		h, err := home()
		if err != nil {
			return "", fmt.Errorf("cannot find your home folder (%v); pass --db FILE to choose a project file", err)
		}
		return filepath.Join(h, "Library", "Application Support", "Glossa"), nil
	}
	if d := getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "glossa"), nil
	}
	h, err := home()
	if err != nil {
		return "", fmt.Errorf("cannot find your home folder (%v); pass --db FILE to choose a project file", err)
	}
	return filepath.Join(h, ".local", "share", "glossa"), nil
}

// DefaultPath returns the default project file's path, creating its folder.
func DefaultPath() (string, error) {
	dir, err := DataDir()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("cannot create the data folder: %w", err)
	}
	return filepath.Join(dir, DefaultFileName), nil
}
