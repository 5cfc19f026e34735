#!/usr/bin/env bash
# Installs Kavosh's build and test dependencies from Debian 12 packages.
# Idempotent: installs only what is missing. Needs root (or sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libxapian-dev xapian-tools libicu-dev libsqlite3-dev zlib1g-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev libxxhash-dev catch2
  # scripts/fuzz.sh: clang with libFuzzer and its sanitizer runtimes
  clang libclang-rt-14-dev
  # scripts/test.sh: clang-tidy 14 and run-clang-tidy over the production code
  clang-tidy
  # tests/terminal_output_test.cc: kavosh-search in a real terminal pane
  tmux
  # kavosh-serve: the HTTP library; tests/serve_browser_test.sh: a real
  # browser; bench/serve/run.sh: the load generator
  libcpp-httplib-dev chromium wrk
  # man/: the man pages from --help; tests/: man to render them, zsh to
  # check its completion; cpack -G DEB: dpkg-shlibdeps for the Depends line
  help2man man-db zsh dpkg-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
