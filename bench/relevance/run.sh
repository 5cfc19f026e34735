#!/usr/bin/env bash
# Runs the relevance benchmark (see README.md next to this script): installs
# its dependencies if missing, builds Kavosh and the benchmark in
# build-bench/ (Release), and prints the Markdown tables.
#
#   bench/relevance/run.sh [--quick] [--out FILE] [kavosh-bench-relevance options]
#
# --quick: only hamshahri-ir-subset (about 2 minutes on 2 cores; all data
# sets take about 10). --out FILE: also write the tables to FILE. Other
# options go to kavosh-bench-relevance (--help lists them). BUILD_DIR
# overrides the build folder. Exit status: that of kavosh-bench-relevance
# (0 done, 1 some system failed, 2 error).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${BUILD_DIR:-$root/build-bench}

args=()
while [ $# -gt 0 ]; do
  case $1 in
    --quick) args+=(--dataset hamshahri-ir-subset) ;;
    *) args+=("$1") ;;
  esac
  shift
done

"$root/scripts/install-deps.sh"
# Lucene++ 3.0.8's headers include Boost's, which its -dev package does not
# pull in.
packages=(liblucene++-dev libboost-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DKAVOSH_BUILD_BENCH=ON -DKAVOSH_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)" \
  --target kavosh-index kavosh-bench-relevance relevance_test >&2
"$build_dir/bench/relevance/relevance_test" >&2
exec "$build_dir/bench/relevance/kavosh-bench-relevance" ${args[@]+"${args[@]}"}
