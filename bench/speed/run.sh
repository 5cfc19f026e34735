#!/usr/bin/env bash
# Runs the speed benchmark (docs/BENCHMARKS.md, "Speed"): builds Kavosh and
# kavosh-bench-speed in build-speed/, generates collections of 10k and 100k
# articles from the real Persian text of ../shared/corpora in a temporary
# folder, and compares Kavosh with SQLite FTS5 and plain Xapian on each:
# indexing throughput, peak memory, index size, query latency. Prints the
# Markdown tables.
#
#   bench/speed/run.sh [--quick] [--million] [--runs N] [--threads 1,4]
#                      [--corpus NAME=DIR]... [--no-jobs1] [--out FILE] [--keep]
#
# --quick: the 10k collection only (about 5 minutes on 2 cores; the default
# run takes about an hour). --million: add a 1M-article collection (hours).
# --corpus NAME=DIR: also a folder of *.jsonl(.gz) as it is, e.g.
# farsnews=../shared/corpora/farsnews, queried with the generated query sets.
# --no-jobs1: skip indexing a second time with kavosh-index --jobs 1.
# --out FILE: also write the tables to FILE. --keep: keep the temporary
# folder (collections, logs). CORPORA and BUILD_DIR override the defaults;
# TMPDIR where the temporary folder goes (collections of 1M articles take
# about 1.5 GB, their indexes several times that). Exit status: that of
# kavosh-bench-speed (0 done, 2 error).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${BUILD_DIR:-$root/build-speed}
corpora=${CORPORA:-$root/../shared/corpora}

sizes=(10000 100000)
runs=3
threads=1,4
out=""
keep=0
corpus_args=()
extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --quick) sizes=(10000) ;;
    --million) sizes+=(1000000) ;;
    --runs) runs=$2; shift ;;
    --threads) threads=$2; shift ;;
    --corpus) corpus_args+=(--collection "$2"); shift ;;
    --out) out=$2; shift ;;
    --keep) keep=1 ;;
    --no-jobs1) extra+=(--systems kavosh,kavosh-shards2,fts5,xapian) ;;
    *) echo "usage: $0 [--quick] [--million] [--runs N] [--threads 1,4] [--corpus NAME=DIR]..." \
            "[--no-jobs1] [--out FILE] [--keep]" >&2
       exit 2 ;;
  esac
  shift
done

cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKAVOSH_BUILD_SPEED_BENCH=ON -DKAVOSH_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" --target kavosh-bench-speed kavosh-index >/dev/null
bench=$build_dir/bench/speed/kavosh-bench-speed

work=$(mktemp -d "${TMPDIR:-/tmp}/kavosh-speed.XXXXXX")
if [ "$keep" -eq 0 ]; then
  trap 'rm -rf "$work"' EXIT
else
  echo "keeping $work" >&2
fi

collections=()
for n in "${sizes[@]}"; do
  case $n in
    10000) name=10k ;;
    100000) name=100k ;;
    1000000) name=1M ;;
    *) name=$n ;;
  esac
  "$bench" generate --corpora "$corpora" --docs "$n" --seed 1404 --out "$work/$name" >&2
  collections+=(--collection "$name=$work/$name")
done
# Real corpora are queried with the query sets generated for the first
# collection (natural queries of the corpora, words of their sentences).
first=${collections[1]#*=}
queries=(--queries "natural=$first/queries-natural.tsv"
         --queries "two-word=$first/queries-two-word.tsv"
         --queries "phrase=$first/queries-phrase.tsv")

report_args=()
[ -n "$out" ] && report_args=(--out "$out")
"$bench" run "${corpus_args[@]}" "${collections[@]}" "${queries[@]}" --work "$work/runs" \
  --runs "$runs" --threads "$threads" "${extra[@]}" "${report_args[@]}"
