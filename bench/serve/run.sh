#!/usr/bin/env bash
# Load test of kavosh-serve on loopback with wrk: throughput and p50/p95/p99
# latency of /api/v1/search at 1, 8 and 64 connections over the Hamshahri
# subset's 50 queries, then a soak at 8 connections while kavosh-index
# commits and compacts the same index underneath, sampling the server's
# resident memory every 5 s.
#
#   bench/serve/run.sh [CORPUS]     (default: ../shared/corpora/hamshahri-ir-subset)
#   DURATION=10 SOAK=60 BUILD=build bench/serve/run.sh
#
# Needs wrk (scripts/install-deps.sh) and a build with kavosh-index and
# kavosh-serve. Prints a Markdown table; failed requests (socket errors,
# timeouts, non-2xx answers) are counted in it.
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=${1:-../shared/corpora/hamshahri-ir-subset}
build=${BUILD:-build}
duration=${DURATION:-10}
soak=${SOAK:-60}
threads=${THREADS:-}

work=$(mktemp -d)
server=""
indexer=""
cleanup() {
  touch "$work/stop"
  if [ -n "$indexer" ]; then wait "$indexer" || true; fi
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$build/indexer/kavosh-index" "$corpus" --index "$work/index" --quiet >/dev/null

# The queries as request paths, cycled through by each connection; done()
# prints the figures as one line.
{
  echo 'local paths = {'
  cut -f2 "$corpus/queries.tsv" | while IFS= read -r q; do
    printf '  "/api/v1/search?q=%s",\n' "$(printf '%s' "$q" | od -An -v -tx1 | tr -d ' \n' |
      sed 's/\(..\)/%\1/g')"
  done
  echo '}'
  cat <<'LUA'
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %.1f %.2f %.2f %.2f\n", summary.requests,
    e.connect + e.read + e.write + e.status + e.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
LUA
} >"$work/paths.lua"

args=(--index "$work/index" --listen 127.0.0.1:0 --quiet)
[ -n "$threads" ] && args+=(--threads "$threads")
"$build/serve/kavosh-serve" "${args[@]}" 2>"$work/serve.log" &
server=$!
for _ in $(seq 100); do
  grep -q "listening on" "$work/serve.log" && break
  sleep 0.1
done
url=$(grep -o 'http://[^ ]*/' "$work/serve.log" | head -1)
url=${url%/}
docs=$(curl -s "$url/healthz" | grep -o '"documents":[0-9]*' | cut -d: -f2)

rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }

echo "kavosh-serve over $docs documents of $(basename "$corpus"), $(nproc) cores," \
  "$(grep -c . "$corpus/queries.tsv") queries cycled, wrk ${duration} s per level"
echo
echo "| connections | requests/s | p50 ms | p95 ms | p99 ms | requests | failed |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for c in 1 8 64; do
  t=$((c < 2 ? 1 : 2))
  read -r _ n failed rate p50 p95 p99 < <(wrk -t"$t" -c"$c" -d"${duration}s" --timeout 10s \
    -s "$work/paths.lua" "$url" | grep '^RESULT')
  echo "| $c | $rate | $p50 | $p95 | $p99 | $n | $failed |"
done

# The soak: kavosh-index adds corpus/ as a second root and removes it again,
# each run committing and compacting, while the searches go on.
(
  while [ ! -e "$work/stop" ]; do
    "$build/indexer/kavosh-index" corpus --index "$work/index" --compact --quiet >/dev/null 2>&1
    "$build/indexer/kavosh-index" --remove-root corpus --index "$work/index" --compact \
      --allow-removals --quiet >/dev/null 2>&1
    echo run >>"$work/runs"
  done
) &
indexer=$!
echo
echo "soak: 8 connections for ${soak} s while kavosh-index commits and compacts underneath"
echo
before=$(rss)
(
  for _ in $(seq $((soak / 5))); do
    sleep 5
    printf '%s ' "$(rss)"
  done >"$work/rss"
) &
sampler=$!
read -r _ n failed rate p50 p95 p99 < <(wrk -t2 -c8 -d"${soak}s" --timeout 10s \
  -s "$work/paths.lua" "$url" | grep '^RESULT')
wait "$sampler"
touch "$work/stop"
wait "$indexer" || true
indexer=""
count=$(curl -s "$url/healthz" | grep -o '"documents":[0-9]*' | cut -d: -f2)
samples=$(cat "$work/rss")
echo "| connections | requests/s | p50 ms | p95 ms | p99 ms | requests | failed |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
echo "| 8 | $rate | $p50 | $p95 | $p99 | $n | $failed |"
echo
echo "resident memory (KiB): before $before; every 5 s: $samples"
echo "documents after the soak: $count (before: $docs);" \
  "$(grep -c . "$work/runs" 2>/dev/null || echo 0) add-and-remove rounds of kavosh-index" \
  "(2 commits and 2 compactions each)"

# What the HTTP side costs: /healthz (no search), and the library alone (the
# "seconds" kavosh-search --json reports for each query, one process each).
echo
sed -n '/^local i = 0/,$p' "$work/paths.lua" |
  sed 's|paths\[i\]|"/healthz"|; s|i = i % #paths + 1||' >"$work/healthz.lua"
read -r _ n failed rate p50 p95 p99 < <(wrk -t2 -c8 -d"${duration}s" --timeout 10s \
  -s "$work/healthz.lua" "$url" | grep '^RESULT')
echo "GET /healthz, 8 connections: $rate requests/s, p50 $p50 ms, p99 $p99 ms, $failed failed"
cut -f2 "$corpus/queries.tsv" | while IFS= read -r q; do
  "$build/searcher/kavosh-search" --index "$work/index" --json -- "$q" |
    grep -o '"seconds": [0-9.e-]*' | cut -d' ' -f2
done | sort -g | awk '{ a[NR] = $1 * 1000 } END {
  printf "library alone (kavosh-search, same queries, in-process time): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n",
    a[int(NR * 0.50 + 0.5)], a[int(NR * 0.95 + 0.5)], a[int(NR * 0.99 + 0.5)] }'
