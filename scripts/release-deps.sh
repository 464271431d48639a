#!/usr/bin/env bash
# Installs the Debian packages that `make release-*` and scripts/release-check.sh
# need on top of Fyne's build packages (the Makefile's deps target), when missing:
#   gcc-mingw-w64-x86-64  the C cross-compiler for the Windows build (cgo)
#   file, binutils        to check glossa.exe's format and read its version resource
#   icoutils              wrestool, to find the icon inside glossa.exe
#   xz-utils              fyne packs the Linux archive as .tar.xz
#   desktop-file-utils    desktop-file-validate for the .desktop entry
#   wine, wine64          to run glossa.exe (scripts/wine-check.sh), with
#   xvfb, xauth, xdotool  a virtual display for its window, and
#   imagemagick           a screenshot of it
# Uses sudo when not root; does nothing when all are present.
set -euo pipefail
exec "$(dirname "$0")/apt-need.sh" gcc-mingw-w64-x86-64 file binutils icoutils xz-utils desktop-file-utils make \
  wine wine64 xvfb xauth xdotool imagemagick
