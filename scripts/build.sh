#!/usr/bin/env bash
# Configures and builds Kavosh in BUILD_DIR (default: build/). Extra
# arguments go to CMake, e.g. -DKAVOSH_BUILD_TESTS=OFF.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
