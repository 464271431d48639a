#!/usr/bin/env bash
# Renders assets/icon.svg to assets/icon.png (512 x 512, 8-bit RGBA), the icon
# that FyneApp.toml names and assets.Icon embeds. Run it after editing the SVG
# and commit both files; the build itself never needs librsvg.
#   scripts/release-icon.sh [preview-dir]
# With a preview dir it also writes the 16, 32 and 48 px versions there,
# box-filtered as a desktop shell scales them, to check they still read.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rsvg-convert >/dev/null || { echo "rsvg-convert missing: apt-get install librsvg2-bin" >&2; exit 1; }
rsvg-convert --width 512 --height 512 --format png assets/icon.svg --output assets/icon.png
if [ $# -gt 0 ]; then
  mkdir -p "$1"
  for size in 16 32 48; do
    convert assets/icon.png -filter box -resize "${size}x${size}" "$1/icon-$size.png"
  done
  echo "previews in $1"
fi
file assets/icon.png
