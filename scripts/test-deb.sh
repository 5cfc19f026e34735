#!/usr/bin/env bash
# Builds the Debian package from BUILD_DIR (default build/, as
# scripts/test.sh leaves it) with cpack, installs it with apt-get, and
# checks it as a user would meet it: /usr/bin/kavosh-index indexes corpus/
# and /usr/bin/kavosh-search finds a Persian word in it, `man kavosh-search`
# finds its page, the shell completion is in place, and examples/embed
# builds against the installed library (scripts/test-package.sh with
# PREFIX=/usr). Then removes the package and checks that every file it
# installed is gone. Needs root; leaves the package uninstalled, even when
# a check fails. Refuses to run when a kavosh package is already installed.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=$(cd "${BUILD_DIR:-build}" && pwd)
work=$(mktemp -d)
installed=0
cleanup() {
  if [ "$installed" = 1 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq kavosh >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "deb test: $*" >&2
  exit 1
}

if dpkg-query -W -f='${Status}' kavosh 2>/dev/null | grep -q "install ok installed"; then
  fail "a kavosh package is already installed; remove it first (apt-get remove kavosh)"
fi

# 1. The package.
rm -f "$build_dir"/kavosh_*.deb
(cd "$build_dir" && cpack -G DEB >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; exit 1; }
deb=$(find "$build_dir" -maxdepth 1 -name 'kavosh_*.deb' -print -quit)
[ -n "$deb" ] || fail "cpack wrote no kavosh_*.deb in $build_dir"
case $(basename "$deb") in
  kavosh_*_"$(dpkg --print-architecture)".deb) ;;
  *) fail "unexpected package name $(basename "$deb")" ;;
esac
depends=$(dpkg-deb -f "$deb" Depends)
for library in libxapian libicu libsqlite3 libstdc++; do
  grep -q "$library" <<<"$depends" || fail "Depends lacks $library: $depends"
done
dpkg-deb -c "$deb" | sed 's/ -> .*//' | awk '{print $NF}' | sed 's|^\./|/|' >"$work/contents"
for file in /usr/bin/kavosh-index /usr/bin/kavosh-search /usr/bin/kavosh-serve \
  /usr/include/kavosh/kavosh.h /usr/share/man/man1/kavosh-search.1.gz \
  /usr/share/bash-completion/completions/kavosh-search \
  /usr/share/zsh/vendor-completions/_kavosh-search; do
  grep -qx "$file" "$work/contents" || fail "the package lacks $file"
done
for pattern in '/usr/lib.*/libkavosh_searcher\.so$' '/usr/lib.*/libkavosh_searcher\.so\.[0-9]' '/usr/lib.*/cmake/Kavosh/KavoshConfig\.cmake' \
  '/usr/lib.*/pkgconfig/kavosh\.pc'; do
  grep -q "$pattern" "$work/contents" || fail "the package lacks $pattern"
done
echo "deb test: $(basename "$deb"), $(du -k "$deb" | cut -f1) KiB, Depends: $depends"

# 2. Installed by apt, as a user would.
installed=1
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$work/apt.log" 2>&1 ||
  { cat "$work/apt.log" >&2; fail "apt-get install failed"; }
dpkg-query -L kavosh | while IFS= read -r path; do
  [ -d "$path" ] || echo "$path"
done >"$work/files"

/usr/bin/kavosh-index corpus --index "$work/index" --quiet >/dev/null
hits=$(/usr/bin/kavosh-search --index "$work/index" --limit 3 "پوتین")
grep -q "ilna/1404-09-21-pezeshkian-putin.txt" <<<"$hits" ||
  fail "/usr/bin/kavosh-search did not find پوتین in the seed article:"$'\n'"$hits"
[ "$(man -w kavosh-search)" = /usr/share/man/man1/kavosh-search.1.gz ] ||
  fail "man does not find kavosh-search(1): $(man -w kavosh-search 2>&1)"
MANPAGER=cat MANWIDTH=100 man kavosh-search 2>/dev/null | grep -q "^EXIT STATUS" ||
  fail "man kavosh-search does not show the page"
for name in kavosh-index kavosh-search kavosh-serve; do
  [ -f "/usr/share/bash-completion/completions/$name" ] || fail "no bash completion for $name"
  [ -f "/usr/share/zsh/vendor-completions/_$name" ] || fail "no zsh completion for $name"
done
PREFIX=/usr BUILD_DIR=$build_dir scripts/test-package.sh

# 3. Removed, with every file it installed.
installed=0
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq kavosh >"$work/apt.log" 2>&1 ||
  { cat "$work/apt.log" >&2; fail "apt-get remove failed"; }
if dpkg-query -W -f='${Status}' kavosh 2>/dev/null | grep -q "install ok installed"; then
  fail "kavosh is still installed after apt-get remove"
fi
while IFS= read -r path; do
  [ ! -e "$path" ] || fail "$path is left after apt-get remove"
done <"$work/files"
[ ! -e /usr/include/kavosh ] || fail "/usr/include/kavosh is left after apt-get remove"
# The package has no configuration files, but its ldconfig scripts keep it
# in dpkg's list ("config-files") until it is purged.
dpkg --purge kavosh >/dev/null
echo "deb test: ok (installed, used and removed; $(wc -l <"$work/files") files, none left)"
