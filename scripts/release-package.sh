#!/usr/bin/env bash
# Packages Glossa for one system with Fyne's own packager and leaves the result in dist/:
#   scripts/release-package.sh linux     dist/Glossa.tar.xz  (binary, icon, .desktop, Makefile)
#   scripts/release-package.sh windows   dist/glossa.exe     (GUI subsystem, icon and version embedded)
#                                        dist/glossa-cli.exe (console program: the command line alone)
#   scripts/release-package.sh darwin    dist/Glossa.app     (on a Mac only)
# Name, app ID, version, build number and icon come from FyneApp.toml.
#
# The packager is fyne.io/tools at FYNE_TOOLS_VERSION, installed once under dist/tools
# (set FYNE to use another fyne binary). `fyne package` rewrites FyneApp.toml to bump
# Build after every run; this script puts the file back, so a build number only
# changes when someone commits it.
#
# windows from Linux cross-compiles with mingw-w64 (CC defaults to x86_64-w64-mingw32-gcc,
# from Debian's gcc-mingw-w64-x86-64: see scripts/release-deps.sh); on Windows it uses the
# gcc on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

FYNE_TOOLS_VERSION=${FYNE_TOOLS_VERSION:-v1.7.4}
GO=${GO:-go}
target=${1:?usage: $0 linux|windows|darwin}

mkdir -p dist
if [ -z "${FYNE:-}" ]; then
  tools="$PWD/dist/tools/fyne-$FYNE_TOOLS_VERSION"
  # Go on Windows wants GOBIN as a Windows path, not Git Bash's /d/a/...
  if command -v cygpath >/dev/null; then tools=$(cygpath -m "$tools"); fi
  FYNE="$tools/fyne$("$GO" env GOEXE)"
  if [ ! -x "$FYNE" ]; then
    echo "Installing fyne.io/tools/cmd/fyne@$FYNE_TOOLS_VERSION into $tools"
    GOBIN="$tools" "$GO" install "fyne.io/tools/cmd/fyne@$FYNE_TOOLS_VERSION"
  fi
fi

# One package at a time in this tree: fyne writes fyne_metadata_init.go (and fyne.syso
# for Windows) next to main.go while it builds.
if command -v flock >/dev/null; then
  exec 9>dist/.package.lock
  flock 9
fi

saved=$(mktemp)
cp FyneApp.toml "$saved"
restore() { cp "$saved" FyneApp.toml; rm -f "$saved"; }
trap restore EXIT

host=$(uname -s)
start=$SECONDS
case "$target" in
linux)
  rm -f Glossa.tar.xz dist/Glossa.tar.xz
  "$FYNE" package -os linux -release
  mv Glossa.tar.xz dist/Glossa.tar.xz
  out=dist/Glossa.tar.xz
  ;;
windows)
  case "$host" in
  MINGW* | MSYS* | CYGWIN* | Windows_NT) ;;
  *)
    export CC=${CC:-x86_64-w64-mingw32-gcc} GOARCH=${GOARCH:-amd64}
    command -v "$CC" >/dev/null || { echo "$CC missing: run scripts/release-deps.sh" >&2; exit 1; }
    ;;
  esac
  rm -f Glossa.exe glossa.exe dist/glossa.exe
  # fyne builds with -H=windowsgui (no console window) and links fyne.syso, which
  # carries the icon, the manifest and the version from FyneApp.toml.
  "$FYNE" package -os windows -release
  mv Glossa.exe dist/glossa.exe
  # glossa-cli.exe: the same commands as a console program, for scripts and
  # terminals, which wait for it and get its exit code (they do not wait for
  # a GUI program; glossa.exe attaches to their console but returns at once:
  # see internal/console). The nogui build has no window, so it needs no cgo
  # and links in seconds.
  rm -f dist/glossa-cli.exe
  CGO_ENABLED=0 GOOS=windows "$GO" build -tags nogui -trimpath -ldflags "-s -w" -o dist/glossa-cli.exe .
  out="dist/glossa.exe dist/glossa-cli.exe"
  ;;
darwin)
  [ "$host" = Darwin ] || { echo "darwin packages are built on a Mac (see docs/RELEASE.md)" >&2; exit 1; }
  rm -rf Glossa.app dist/Glossa.app
  "$FYNE" package -os darwin -release
  mv Glossa.app dist/Glossa.app
  out=dist/Glossa.app
  ;;
*)
  echo "unknown target $target: want linux, windows or darwin" >&2
  exit 2
  ;;
esac
for o in $out; do echo "$o ($(du -sh "$o" | cut -f1))"; done
echo "$target package built in $((SECONDS - start)) s"
