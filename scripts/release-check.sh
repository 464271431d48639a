#!/usr/bin/env bash
# Checks the release packages in dist/ as a user would receive them:
#   scripts/release-check.sh [linux] [windows]     (both when no argument is given)
# linux:   unpacks dist/Glossa.tar.xz into a temporary folder, runs the packaged
#          binary's --version (it must print "glossa <Version from FyneApp.toml>"),
#          checks the icon and .desktop entry against assets/, and installs the
#          archive with its own Makefile into a scratch DESTDIR.
# windows: dist/glossa.exe must be a PE32+ GUI program for x86-64 carrying the
#          icon and the version in its resources, dist/glossa-cli.exe a console
#          program; then both run under Wine (scripts/wine-check.sh): import,
#          export in every format (byte-identical to the Linux build's), backup,
#          check, and the first start of the window.
# Prints one line per check and "N passed, N failed" at the end; exits 1 on a failure.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
build=$(sed -n 's/^Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
app_id=$(sed -n 's/^ID *= *"\(.*\)"/\1/p' FyneApp.toml)
if [ -z "$version" ] || [ -z "$build" ] || [ -z "$app_id" ]; then
  echo "FyneApp.toml: Version, Build or ID missing" >&2
  exit 1
fi

passed=0 failed=0
ok() { echo "ok   $*"; passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }
check() { # check DESCRIPTION COMMAND...: runs the command quietly, reports it
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check_linux() {
  local archive=dist/Glossa.tar.xz
  [ -f "$archive" ] || { bad "linux: $archive missing (make release-linux)"; return; }
  ok "linux: $archive, $(du -h "$archive" | cut -f1)"
  mkdir -p "$tmp/linux"
  tar -xJf "$archive" -C "$tmp/linux" || { bad "linux: unpack $archive"; return; }

  # fyne lays out usr/local/... or usr/... depending on the packaging machine
  local bin desktop icon
  bin=$(find "$tmp/linux" -path '*/bin/glossa' -type f | head -1)
  desktop=$(find "$tmp/linux" -path "*/share/applications/$app_id.desktop" | head -1)
  icon=$(find "$tmp/linux" -path "*/share/pixmaps/$app_id.png" | head -1)
  if [ -z "$bin" ] || [ ! -x "$bin" ]; then bad "linux: no executable bin/glossa in the archive"; return; fi
  ok "linux: ${bin#"$tmp/linux/"}: $(file -b "$bin" | cut -d, -f1-2)"
  linux_bin=$bin

  # --version must work from the unpacked archive, without a display
  # (stderr apart: Fyne logs a complaint there when the locale is C or POSIX)
  local got want="glossa $version"
  got=$(env -u DISPLAY -u WAYLAND_DISPLAY timeout 30 "$bin" --version 2>"$tmp/version.err")
  if [ "$got" = "$want" ]; then ok "linux: glossa --version prints \"$got\""; else bad "linux: glossa --version printed \"$got\", want \"$want\""; cat "$tmp/version.err"; fi

  if [ -n "$icon" ] && cmp -s "$icon" assets/icon.png; then ok "linux: icon ${icon#"$tmp/linux/"} is assets/icon.png"; else bad "linux: icon share/pixmaps/$app_id.png missing or not assets/icon.png"; fi
  if [ -z "$desktop" ]; then
    bad "linux: share/applications/$app_id.desktop missing"
  else
    if command -v desktop-file-validate >/dev/null; then
      check "linux: desktop-file-validate ${desktop#"$tmp/linux/"}" desktop-file-validate "$desktop"
    fi
    # assets/glossa.desktop is the reviewed copy of the entry fyne generates from FyneApp.toml
    if diff <(grep -v '^$' assets/glossa.desktop) <(grep -v '^$' "$desktop") >"$tmp/desktop.diff"; then
      ok "linux: packaged .desktop entry matches assets/glossa.desktop"
    else
      bad "linux: packaged .desktop entry differs from assets/glossa.desktop:"; cat "$tmp/desktop.diff"
    fi
  fi

  # the archive's own Makefile installs it
  local top
  top=$(dirname "$(find "$tmp/linux" -maxdepth 2 -name Makefile | head -1)")
  if make -s -C "$top" install DESTDIR="$tmp/root" PREFIX=/usr >"$tmp/install.log" 2>&1 &&
    [ -x "$tmp/root/usr/bin/glossa" ] && [ -f "$tmp/root/usr/share/applications/$app_id.desktop" ] &&
    [ -f "$tmp/root/usr/share/pixmaps/$app_id.png" ]; then
    ok "linux: make install DESTDIR=... puts bin/glossa, the .desktop entry and the icon in place"
  else
    bad "linux: make install from the archive"; cat "$tmp/install.log"
  fi
}

check_windows() {
  local exe=dist/glossa.exe
  [ -f "$exe" ] || { bad "windows: $exe missing (make release-windows)"; return; }
  local kind
  kind=$(file -b "$exe")
  case "$kind" in
  "PE32+ executable (GUI) x86-64"*) ok "windows: $exe, $(du -h "$exe" | cut -f1): $kind" ;;
  *) bad "windows: $exe is \"$kind\", want a PE32+ executable (GUI) x86-64" ;;
  esac
  if command -v wrestool >/dev/null; then
    # the icon group fyne's .syso adds, extracted and read back as a Windows icon
    if wrestool -x -t 14 "$exe" -o "$tmp/glossa.ico" 2>/dev/null && [ -s "$tmp/glossa.ico" ] &&
      file -b "$tmp/glossa.ico" | grep -q 'MS Windows icon'; then
      ok "windows: icon embedded: $(file -b "$tmp/glossa.ico")"
    else
      bad "windows: no icon resource in $exe"
    fi
  else
    bad "windows: wrestool (icoutils) missing, cannot look for the icon: run scripts/release-deps.sh"
  fi
  # fyne writes the version as ProductVersion "<Version>.<Build>" (UTF-16 in the resources)
  local product="$version"
  while [ "$(tr -cd . <<<"$product" | wc -c)" -lt 2 ]; do product="$product.0"; done
  product="$product.$build"
  if strings -e l "$exe" | grep -qxF "$product"; then
    ok "windows: version resource says $product"
  else
    bad "windows: version $product not found in the resources of $exe"
  fi

  local cli=dist/glossa-cli.exe
  kind=$(file -b "$cli" 2>/dev/null)
  case "$kind" in
  "PE32+ executable (console) x86-64"*) ok "windows: $cli, $(du -h "$cli" | cut -f1): $kind" ;;
  *) bad "windows: $cli is \"$kind\", want a PE32+ executable (console) x86-64" ;;
  esac

  # The programs run under Wine, against a Linux build of the same source.
  if [ -z "$linux_bin" ]; then
    linux_bin=$tmp/glossa-linux
    "${GO:-go}" build -o "$linux_bin" . || { bad "windows: cannot build the Linux glossa to compare with"; return; }
  fi
  local line wine_failed=0
  scripts/wine-check.sh "$exe" "$cli" "$linux_bin" >"$tmp/wine.log" 2>&1
  local status=$?
  while IFS= read -r line; do
    echo "$line"
    case $line in
    "ok "*) passed=$((passed + 1)) ;;
    FAIL*) failed=$((failed + 1)) wine_failed=1 ;;
    esac
  done < <(grep -E '^(ok |FAIL)' "$tmp/wine.log")
  if [ "$status" -ne 0 ] && [ "$wine_failed" -eq 0 ]; then
    bad "windows: scripts/wine-check.sh exited $status: $(tail -5 "$tmp/wine.log")"
  fi
}

linux_bin=""
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(linux windows)
for t in "${targets[@]}"; do
  case "$t" in
  linux) check_linux ;;
  windows) check_windows ;;
  *) echo "unknown target $t: want linux or windows" >&2; exit 2 ;;
  esac
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
