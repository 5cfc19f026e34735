#!/usr/bin/env bash
# Installs Kavosh from BUILD_DIR (default build/) into a fresh prefix, builds
# examples/embed against the installed package with find_package(Kavosh),
# and checks that it finds the seed article. Run after scripts/build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
cmake -S examples/embed -B "$work/embed" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/embed" >/dev/null
pkg-config --exists --print-errors \
  --with-path="$work/prefix/lib/pkgconfig" kavosh
"$work/prefix/bin/kavosh-index" corpus --index "$work/index" --quiet >/dev/null
out=$(LD_LIBRARY_PATH="$work/prefix/lib" "$work/embed/search_news" "$work/index" "پزشکیان پوتین")
first=$(printf '%s\n' "$out" | head -n 1)
case "$first" in
  *ilna/1404-09-21-pezeshkian-putin.txt*) echo "package test: ok (examples/embed found the seed article)" ;;
  *) echo "package test: examples/embed did not find the seed article first:" >&2
     printf '%s\n' "$out" >&2
     exit 1 ;;
esac
