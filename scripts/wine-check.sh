#!/usr/bin/env bash
# Runs the Windows release under Wine, as a new Windows user would, and
# prints one line per check ("ok ..." or "FAIL ...") and "N passed, N failed":
#   scripts/wine-check.sh GLOSSA_EXE GLOSSA_CLI_EXE LINUX_GLOSSA
# GLOSSA_EXE is dist/glossa.exe (the GUI program), GLOSSA_CLI_EXE
# dist/glossa-cli.exe (the console program), LINUX_GLOSSA a Linux build of the
# same source, whose exports the Windows ones must equal byte for byte.
#
# In a fresh Wine prefix under a virtual display (Xvfb):
#   - --version of both programs;
#   - import of the sample article, a UTF-16 article, a Glossa dataset and a
#     brat folder into a new project; `check`; `backup` (and `check` of it);
#   - export in every format, byte-identical to LINUX_GLOSSA's export of the
#     same project; the console program's exit code through `cmd /c`;
#   - the first start with no arguments: the default project is created under
#     %AppData%\Glossa\ with the sample article and the window shows it
#     (screenshot in $WINE_ARTIFACTS, default dist/wine/).
#
# Harness only: Go 1.24+ Windows programs call ProcessPrng in
# bcryptprimitives.dll, which Wine 8.0 lacks; scripts/wine/ holds a stand-in
# built here with mingw-w64 into the scratch prefix. It is never shipped.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exe=$(realpath "${1:?usage: $0 GLOSSA_EXE GLOSSA_CLI_EXE LINUX_GLOSSA}")
cli_exe=$(realpath "${2:?usage: $0 GLOSSA_EXE GLOSSA_CLI_EXE LINUX_GLOSSA}")
linux=$(realpath "${3:?usage: $0 GLOSSA_EXE GLOSSA_CLI_EXE LINUX_GLOSSA}")
art=$(realpath -m "${WINE_ARTIFACTS:-$here/../dist/wine}")
mkdir -p "$art"
cd "$here/.." || exit 1

passed=0 failed=0
ok() { echo "ok   windows (wine): $*"; passed=$((passed + 1)); }
bad() { echo "FAIL windows (wine): $*"; failed=$((failed + 1)); }
fail() { bad "$*"; echo "$passed passed, $failed failed"; exit 1; }

. "$here/xvfb.sh"
scratch
trap 'wineserver -k >/dev/null 2>&1; scratch_cleanup' EXIT

export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEARCH=win64
# no Mono or Gecko installers: Glossa needs neither
export WINEDLLOVERRIDES="mscoree,mshtml="
export LANG=en_US.UTF-8 LC_ALL=
start_xvfb 70 89
wineboot -i >"$work/wineboot.log" 2>&1 || fail "wineboot: $(tail -3 "$work/wineboot.log")"
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  "$here/wine/bcryptprimitives.c" "$here/wine/bcryptprimitives.def" -ladvapi32 ||
  fail "cannot build the bcryptprimitives.dll stand-in (x86_64-w64-mingw32-gcc: scripts/release-deps.sh)"

win() { winepath -w "$1" 2>/dev/null; }
# run NAME EXE ARGS...: runs a Windows program, output in $work/NAME.out, status in $rc
run() {
  local name=$1
  shift
  timeout 120 wine "$@" >"$work/$name.out" 2>"$work/$name.err"
  rc=$?
}

version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
for prog in "$exe" "$cli_exe"; do
  run version "$prog" --version
  got=$(tr -d '\r' <"$work/version.out")
  if [ $rc -eq 0 ] && [ "$got" = "glossa $version" ]; then
    ok "$(basename "$prog") --version prints \"$got\""
  else
    bad "$(basename "$prog") --version: exit $rc, printed \"$got\" $(cat "$work/version.err")"
  fi
done

# The articles and datasets to import: the bundled sample, the sample again in
# UTF-16 with a byte order mark (as Notepad saves "Unicode"), a Glossa dataset
# and a brat folder with entities, relations and normalisations.
in=$work/in
mkdir -p "$in"
cp assets/sample.md "$in/sample.md"
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE <formats/testdata/article.txt; } >"$in/utf16-article.txt"
cp formats/glossajson/testdata/dataset.json "$in/dataset.json"
cp -r formats/brat/testdata/fixture "$in/brat"

project=$work/project.glossa
run import "$exe" import --db "$(win "$project")" "$(win "$in/sample.md")" "$(win "$in/utf16-article.txt")" \
  "$(win "$in/dataset.json")" "$(win "$in/brat")"
if [ $rc -eq 0 ] && grep -q "utf16-article.txt" "$work/import.out" && grep -q '0 files failed' "$work/import.out" "$work/import.err"; then
  ok "import of the sample, a UTF-16 article, a Glossa dataset and a brat folder into a new project"
else
  bad "import into a new project: exit $rc: $(cat "$work/import.out" "$work/import.err")"
fi
# the UTF-16 article must read as its text, not as mojibake
if "$linux" export --db "$project" --format json 2>/dev/null | grep -qF "$(head -c 40 formats/testdata/article.txt)"; then
  ok "the UTF-16 article's text was decoded"
else
  bad "the UTF-16 article's text is not in the project"
fi

run check "$exe" check --db "$(win "$project")"
if [ $rc -eq 0 ] && grep -q ': ok' "$work/check.out"; then ok "check: $(tr -d '\r' <"$work/check.out")"; else bad "check: exit $rc: $(cat "$work/check.out" "$work/check.err")"; fi

run backup "$exe" backup --db "$(win "$project")" -o "$(win "$work/copy.glossa")"
if [ $rc -eq 0 ] && "$linux" check --db "$work/copy.glossa" >/dev/null 2>&1; then
  ok "backup: a copy that passes check"
else
  bad "backup: exit $rc: $(cat "$work/backup.out" "$work/backup.err")"
fi

# Every export format, from the Windows program and from the Linux one, of the
# same project: the same bytes (a multi-file format: the same files).
formats=$("$linux" help 2>/dev/null | sed -n 's/^export formats: //p' | tr -d ',')
[ -n "$formats" ] || bad "no export formats in \"$linux help\""
for f in $formats; do
  case $f in brat) ext="" ;; *) ext=".$f" ;; esac
  run "export-$f" "$exe" export --db "$(win "$project")" --format "$f" -o "$(win "$work/win-$f$ext")"
  "$linux" export --db "$project" --format "$f" -o "$work/linux-$f$ext" >/dev/null 2>&1
  if [ $rc -ne 0 ]; then
    bad "export $f: exit $rc: $(cat "$work/export-$f.out" "$work/export-$f.err")"
  elif diff -r "$work/linux-$f$ext" "$work/win-$f$ext" >"$work/diff-$f" 2>&1; then
    ok "export $f: identical to the Linux export ($(du -sh "$work/win-$f$ext" | cut -f1))"
  else
    bad "export $f differs from the Linux export: $(head -c 600 "$work/diff-$f")"
  fi
done

# The console program as a script runs it: cmd.exe waits for it, gets its
# output and its exit code.
run cmd-stats cmd /c "$(win "$cli_exe")" stats --db "$(win "$project")"
if [ $rc -eq 0 ] && grep -qi "documents" "$work/cmd-stats.out"; then
  ok "cmd /c glossa-cli.exe stats: $(tr -d '\r' <"$work/cmd-stats.out" | head -1)"
else
  bad "cmd /c glossa-cli.exe stats: exit $rc: $(cat "$work/cmd-stats.out" "$work/cmd-stats.err")"
fi
run cmd-missing cmd /c "$(win "$cli_exe")" check --db "$(win "$work/missing.glossa")"
if [ $rc -ne 0 ] && [ -s "$work/cmd-missing.err" ]; then
  ok "cmd /c glossa-cli.exe check on a missing file: exit $rc, \"$(tr -d '\r' <"$work/cmd-missing.err" | head -1)\""
else
  bad "cmd /c glossa-cli.exe check on a missing file: exit $rc, stderr \"$(cat "$work/cmd-missing.err")\""
fi

# First start: no arguments, a new user's %AppData%.
appdata="$WINEPREFIX/drive_c/users/$(whoami)/AppData/Roaming"
rm -rf "$appdata/Glossa"
launch_window '^Glossa' 240 0.5 wine "$exe"
sleep 3
xdotool windowmove --sync "$wid" 0 0 >/dev/null 2>&1 || true
xdotool windowsize --sync "$wid" 1280 800 >/dev/null 2>&1 || true
sleep 3
import -window root "$art/first-start.png" 2>/dev/null || true
title=$(xdotool getwindowname "$wid" 2>/dev/null)
case $title in
*"could not be opened"*) bad "first start: the window opened on an error: $title" ;;
*) ok "first start: a window \"$title\" (screenshot $art/first-start.png)" ;;
esac
xdotool windowactivate --sync "$wid" >/dev/null 2>&1 || true
xdotool key ctrl+q >/dev/null 2>&1 || true
for _ in $(seq 40); do kill -0 "$app" 2>/dev/null || break; sleep 0.25; done
kill -0 "$app" 2>/dev/null && wineserver -k >/dev/null 2>&1
default="$appdata/Glossa/default.glossa"
if [ -f "$default" ] && "$linux" export --db "$default" --format json 2>/dev/null | grep -q '"title"'; then
  docs=$("$linux" stats --db "$default" --json 2>/dev/null | tr -d ' \n' | sed -n 's/.*"documents":\([0-9]*\).*/\1/p')
  if [ "${docs:-0}" -ge 1 ]; then
    ok "first start: %AppData%\\Glossa\\default.glossa created with the sample article ($docs document)"
  else
    bad "first start: default.glossa holds no document"
  fi
else
  bad "first start: no default project at %AppData%\\Glossa\\default.glossa: $(cat "$work/app.log" | head -5)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
