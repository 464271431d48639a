// Package reliability holds Glossa's crash, corruption and bad-input tests,
// modelled on how bbolt (tests/robustness: kill a writer, then check the
// file) and SQLite (crash tests, I/O error injection, malformed files,
// boundary values) test themselves. It has no code of its own: everything is
// in its _test.go files, which drive package storage and formats directly,
// re-executed copies of the test binary as child processes, and the real
// glossa binary where it builds.
//
// go test ./reliability runs the short versions (the ones CI runs);
// GLOSSA_LONG=1 (make test-long) runs the long ones, and fuzz-long.sh runs
// every fuzz target of formats/... and this package for a minute each.
// GLOSSA_SEED=n replays a run: every test logs the seed it used.
// docs/RELIABILITY.md lists the cases, the commands and the figures.
package reliability
