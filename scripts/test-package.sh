#!/usr/bin/env bash
# Installs Kavosh from BUILD_DIR (default build/) into a fresh prefix, builds
# examples/embed against the installed package twice — with CMake's
# find_package(Kavosh) and with pkg-config — and checks that both programs
# find the seed article. Works for the shared build (the default) and the
# static one (-DKAVOSH_SHARED=OFF), and checks that the programs link the
# library the way the build says. Run after scripts/build.sh.
# With PREFIX set (e.g. /usr, after installing the Debian package), checks
# the Kavosh installed there instead of installing BUILD_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

shared=$(sed -n 's/^KAVOSH_SHARED:BOOL=//p' "$build_dir/CMakeCache.txt")
if [ -n "${PREFIX:-}" ]; then
  prefix=$PREFIX
else
  cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
  prefix=$work/prefix
fi
# lib/, lib64/ or lib/<multiarch>/.
libdir=$(dirname "$(find "$prefix"/lib* -maxdepth 2 -name 'libkavosh_searcher.*' -print -quit)")

# 1. CMake: find_package(Kavosh) -> Kavosh::searcher.
cmake -S examples/embed -B "$work/embed" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/embed" >/dev/null

# 2. pkg-config: the same program built by hand.
export PKG_CONFIG_PATH=$libdir/pkgconfig
pkg-config --exists --print-errors kavosh
if [ "$shared" = OFF ]; then
  flags=$(pkg-config --cflags --libs --static kavosh)
else
  flags=$(pkg-config --cflags --libs kavosh)
fi
# shellcheck disable=SC2086  # pkg-config output is a list of flags
c++ -std=c++20 examples/embed/main.cc -o "$work/search_news_pc" $flags

case "$shared" in
  OFF)
    if [ -n "$(find "$prefix" -name 'libkavosh_searcher.so*' -print -quit)" ]; then
      echo "package test: a static build installed a shared library" >&2; exit 1
    fi
    for program in "$work/embed/search_news" "$work/search_news_pc"; do
      if ldd "$program" | grep -q kavosh; then
        echo "package test: $program links Kavosh dynamically in a static build" >&2; exit 1
      fi
    done ;;
  *)
    soname=$(objdump -p "$libdir/libkavosh_searcher.so" | awk '/SONAME/ {print $2}')
    case "$soname" in
      libkavosh_searcher.so.[0-9]*) ;;
      *) echo "package test: unexpected SONAME '$soname'" >&2; exit 1 ;;
    esac ;;
esac

"$prefix/bin/kavosh-index" corpus --index "$work/index" --quiet >/dev/null
for program in "$work/embed/search_news" "$work/search_news_pc"; do
  out=$(LD_LIBRARY_PATH="$libdir" "$program" "$work/index" "پزشکیان پوتین")
  first=$(printf '%s\n' "$out" | head -n 1)
  case "$first" in
    *ilna/1404-09-21-pezeshkian-putin.txt*) ;;
    *) echo "package test: $(basename "$program") did not find the seed article first:" >&2
       printf '%s\n' "$out" >&2
       exit 1 ;;
  esac
done
kind=shared; [ "$shared" = OFF ] && kind=static
echo "package test: ok ($kind library in $prefix; examples/embed built with CMake and with pkg-config found the seed article)"
