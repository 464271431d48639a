#!/usr/bin/env bash
# Runs every fuzz target of formats/... and reliability/ for FUZZTIME each
# (default 60s), one after another, as issue 6 (case 8) asks of the long run.
# Usage: reliability/fuzz-long.sh [FUZZTIME]     e.g. reliability/fuzz-long.sh 5m
# New crashers land in <package>/testdata/fuzz/<Target>/ and then run in
# every go test; commit them with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="${1:-60s}"
status=0
targets=0
for pkg in $(go list ./formats/... ./reliability); do
	for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
		targets=$((targets + 1))
		echo "== $pkg $target ($fuzztime)"
		if ! go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg"; then
			status=1
			echo "!! $pkg $target failed"
		fi
	done
done
echo "fuzz-long: $targets targets, ${fuzztime} each, status $status"
exit "$status"
