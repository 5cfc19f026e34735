#!/usr/bin/env bash
# Installs the dependencies, builds Kavosh with its tests and runs them all.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
BUILD_DIR=build scripts/build.sh -DKAVOSH_BUILD_TESTS=ON
cd build
ctest --output-on-failure --parallel "$(nproc)"
