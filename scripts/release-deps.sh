#!/usr/bin/env bash
# Installs the Debian packages that `make release-*` and scripts/release-check.sh
# need on top of Fyne's build packages (the Makefile's deps target), when missing:
#   gcc-mingw-w64-x86-64  the C cross-compiler for the Windows build (cgo)
#   file, binutils        to check glossa.exe's format and read its version resource
#   icoutils              wrestool, to find the icon inside glossa.exe
#   xz-utils              fyne packs the Linux archive as .tar.xz
#   desktop-file-utils    desktop-file-validate for the .desktop entry
# Uses sudo when not root; does nothing when all are present.
set -euo pipefail
missing=()
for p in gcc-mingw-w64-x86-64 file binutils icoutils xz-utils desktop-file-utils make; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
echo "Installing missing packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y --no-install-recommends "${missing[@]}"
