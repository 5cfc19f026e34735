#!/usr/bin/env bash
# Installs the dependencies, builds Kavosh, indexes the sample archive in
# corpus/ and runs a Persian query against it. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
BUILD_DIR=build scripts/build.sh -DKAVOSH_BUILD_TESTS=OFF
# A fresh index each time: one left by an older version may have another schema.
rm -rf build/demo-index
build/indexer/kavosh-index corpus --index build/demo-index
echo
echo '$ kavosh-search --index build/demo-index "رئیس‌جمهور روسیه"'
build/searcher/kavosh-search --index build/demo-index "رئیس‌جمهور روسیه" --limit 3
