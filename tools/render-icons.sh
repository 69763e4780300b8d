#!/usr/bin/env bash
# Renders tools/icon.svg to the PNGs the manifest declares (WXT copies public/ into each build).
# The SVG stays out of public/ so it is not shipped in the packages.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v rsvg-convert >/dev/null; then
  echo "rsvg-convert is missing: sudo apt-get install -y librsvg2-bin" >&2
  exit 1
fi

mkdir -p public/icon
for size in 16 32 48 128; do
  rsvg-convert --width "$size" --height "$size" tools/icon.svg --output "public/icon/$size.png"
done
