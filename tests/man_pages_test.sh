#!/usr/bin/env bash
# man_pages_test.sh BUILD_DIR [CMAKE]: installs BUILD_DIR into a temporary
# prefix and checks each program's installed man page: man renders it
# without a warning, it has the sections a reader looks for, and it names
# every long option of the program's --help (the page cannot fall behind
# the program).
set -euo pipefail
build_dir=$1
cmake=${2:-cmake}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

"$cmake" --install "$build_dir" --prefix "$work/prefix" >/dev/null

for program in indexer/kavosh-index searcher/kavosh-search serve/kavosh-serve; do
  name=${program#*/}
  page=$work/prefix/share/man/man1/$name.1.gz
  if [ ! -f "$page" ]; then
    fail "$name: no man page at share/man/man1/$name.1.gz"
    continue
  fi
  # Wide, so that no option is broken across lines; any hyphen groff
  # prints as a Unicode one is read as '-'.
  if ! MANWIDTH=200 LC_ALL=C.UTF-8 man --warnings -l "$page" >"$work/$name.txt" 2>"$work/$name.err"; then
    fail "$name: man -l failed: $(cat "$work/$name.err")"
    continue
  fi
  [ -s "$work/$name.err" ] && fail "$name: man warns: $(cat "$work/$name.err")"
  sed -i 's/\xe2\x80\x90/-/g; s/\xe2\x88\x92/-/g' "$work/$name.txt"

  for section in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" ENVIRONMENT EXAMPLES "SEE ALSO"; do
    grep -qx "$section" "$work/$name.txt" || fail "$name: no $section section"
  done
  # The description from man/NAME.h2m follows --help's first line; it is
  # lost if that line no longer matches the include file's pattern.
  sed -n '/^DESCRIPTION$/,/^OPTIONS$/p' "$work/$name.txt" | grep -q "^ *$name " ||
    fail "$name: DESCRIPTION lacks man/$name.h2m's text (does its /pattern/ match --help?)"
  grep -q "KAVOSH_INDEX" "$work/$name.txt" || fail "$name: KAVOSH_INDEX is not described"

  options=$("$build_dir/$program" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u)
  [ -n "$options" ] || fail "$name: no long option in --help"
  for option in $options; do
    grep -qE -- "(^|[^a-z-])$option([^a-z-]|\$)" "$work/$name.txt" ||
      fail "$name: $option is in --help but not in the man page"
  done
  echo "$name: $(wc -l <"$work/$name.txt") lines, $(wc -w <<<"$options") long options, all in the page"
done

[ "$failures" -eq 0 ] || exit 1
echo "man pages: ok"
