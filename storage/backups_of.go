package storage

import "os"

// BackupsOf lists the automatic backups of the project file at path that
// exist, newest first ("<path>.bak1" .. "<path>.bak3"), without opening it:
// for offering a backup when path itself cannot be opened.
func BackupsOf(path string) []string {
	var out []string
	for n := 1; n <= autoBackups; n++ {
		if info, err := os.Stat(backupName(path, n)); err == nil && info.Mode().IsRegular() {
			out = append(out, backupName(path, n))
		}
	}
	return out
}
