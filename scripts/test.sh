#!/usr/bin/env bash
# Installs the dependencies, builds Kavosh with its tests and runs them all;
# runs clang-tidy with the repository's .clang-tidy over the production code
# (common/, indexer/, searcher/), where any warning fails;
# installs the shared and the static library and builds examples/embed
# against each (scripts/test-package.sh); then fuzzes each parser for
# FUZZ_SECONDS (default 30) from FUZZ_SEED (default 1, so that a finding
# replays; scripts/fuzz.sh, clang, build-fuzz/); then
# builds the tests again with AddressSanitizer and UndefinedBehaviorSanitizer
# (build-asan/) and runs them all there, where any memory error, leak or
# undefined behaviour fails the test it happens in.
# SANITIZE=0 or FUZZ_SECONDS=0 skips a stage.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
stage() { echo "== $1 ($((SECONDS - started)) s)"; }

scripts/install-deps.sh
stage "build"
BUILD_DIR=build scripts/build.sh -DKAVOSH_BUILD_TESTS=ON
stage "tests"
(cd build && ctest --output-on-failure --parallel "$(nproc)")

stage "clang-tidy: common/, indexer/, searcher/ (warnings are errors)"
# build/compile_commands.json (CMAKE_EXPORT_COMPILE_COMMANDS) names every
# production source with its flags; headers are checked through them
# (HeaderFilterRegex).
run-clang-tidy -quiet -j "$(nproc)" -p build "^$PWD/(common|indexer|searcher)/" >build/clang-tidy.log 2>&1 ||
  { grep -E 'error:|warning:' build/clang-tidy.log >&2 || cat build/clang-tidy.log >&2; exit 1; }

stage "package: install, then build examples/embed against it"
BUILD_DIR=build scripts/test-package.sh
stage "package, static library: the same with -DKAVOSH_SHARED=OFF"
cmake -S . -B build-static -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKAVOSH_SHARED=OFF \
  -DKAVOSH_BUILD_TESTS=OFF >/dev/null
cmake --build build-static --parallel "$(nproc)"
BUILD_DIR=build-static scripts/test-package.sh

if [ "${SANITIZE:-1}" != 0 ]; then
  stage "concurrency test with ThreadSanitizer"
  cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKAVOSH_BUILD_TESTS=ON \
    -DKAVOSH_SANITIZE=thread >/dev/null
  cmake --build build-tsan --parallel "$(nproc)" --target concurrency_test
  TSAN_OPTIONS=halt_on_error=1 build-tsan/tests/concurrency_test
fi

if [ "${FUZZ_SECONDS:-30}" != 0 ]; then
  stage "fuzz"
  FUZZ_SEED=${FUZZ_SEED:-1} scripts/fuzz.sh "${FUZZ_SECONDS:-30}"
fi

if [ "${SANITIZE:-1}" != 0 ]; then
  stage "build with ASan and UBSan"
  # -O1 -g1: less than half the compile time of -O2 -g with sanitizers, and
  # stack traces still have lines.
  BUILD_DIR=build-asan scripts/build.sh -DKAVOSH_BUILD_TESTS=ON \
    -DKAVOSH_SANITIZE=address,undefined -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1"
  stage "tests with ASan and UBSan"
  # new_delete_type_mismatch=0: Debian 12's libxapian (1.4.22) frees an
  # object of its own with the wrong sized delete inside
  # Xapian::Database::check(), which kavosh-index runs before each run; the
  # mismatch is in the uninstrumented library, not in Kavosh.
  (cd build-asan &&
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:new_delete_type_mismatch=0 \
      UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      ctest --output-on-failure --parallel "$(nproc)")
fi
