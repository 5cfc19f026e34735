#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang, ASan and UBSan in
# FUZZ_BUILD_DIR (default build-fuzz/) and runs each for SECONDS (default 60),
# starting from its seeds in tests/fuzz/TARGET/. Fails on any finding: a
# crash, a broken invariant, a memory error, undefined behaviour, a leak, an
# input slower than 10 s or using more than 2 GB. Crashing inputs land in
# FUZZ_BUILD_DIR/findings/TARGET/; what each run learned is kept in
# FUZZ_BUILD_DIR/corpus/TARGET/ for the next. FUZZ_SEED fixes libFuzzer's
# random seed, so that a run can be repeated input for input (scripts/test.sh
# sets it); unset, each run explores with a new seed.
#
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build_dir=${FUZZ_BUILD_DIR:-build-fuzz}
targets=(analyzer query_parser dates corpus_reader)

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DKAVOSH_FUZZ=ON -DKAVOSH_SANITIZE=address,undefined \
  -DKAVOSH_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" --target kavosh_fuzzers --parallel "$(nproc)"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
seed_args=()
if [ -n "${FUZZ_SEED:-}" ]; then
  seed_args=(-seed="$FUZZ_SEED")
fi
failed=()
for target in "${targets[@]}"; do
  corpus=$build_dir/corpus/$target
  findings=$build_dir/findings/$target
  log=$build_dir/fuzz-$target.log
  mkdir -p "$corpus" "$findings"
  # The first directory receives the new inputs; the seeds stay as they are.
  if "$build_dir/fuzz/fuzz_$target" "${seed_args[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$findings/" \
    "$corpus" "tests/fuzz/$target" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz: $target: ${runs:-?} inputs in ${seconds} s, no finding" \
      "(corpus: $(find "$corpus" -type f | wc -l) inputs)"
  else
    echo "fuzz: $target: FINDING, see $log and $findings/" >&2
    tail -n 40 "$log" >&2
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in: ${failed[*]}" >&2
  exit 1
fi
