#!/usr/bin/env bash
# Face-free photos for measuring false detections (`./maskface eval frontend --face-free DIR`).
# Downloads two Debian wallpaper packages (bookworm: mate-backgrounds, ukui-wallpapers; flowers,
# grass, water, animals, cartoon creatures, abstract art; no people) and copies their JPEG/PNG
# files, flattened, into DIR (default: target/face-free). The duplicate high-resolution copies
# of MATE's "Elephants" painting are left out (the same picture three times).
# Licences: mate-backgrounds GPL-2+ (per file, see its copyright file), ukui-wallpapers
# CC-BY-SA-3.0; the copyright files are copied beside the photos.
set -euo pipefail
out="$(mkdir -p "${1:-target/face-free}" && cd "${1:-target/face-free}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download mate-backgrounds ukui-wallpapers >/dev/null 2>&1)
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/x"; done
mkdir -p "$out"
cd "$work/x/usr/share/backgrounds"
find . -type f \( -iname '*.jpg' -o -iname '*.png' \) | grep -v 'Elephants_' | sort | while read -r f; do
  cp "$f" "$out/$(echo "${f#./}" | tr '/' '_')"
done
cd - >/dev/null
for pkg in mate-backgrounds ukui-wallpapers; do
  cp "$work/x/usr/share/doc/$pkg/copyright" "$out/COPYRIGHT-$pkg"
done
echo "face-free photos: $(find "$out" -type f \( -iname '*.jpg' -o -iname '*.png' \) | wc -l) in $out"
