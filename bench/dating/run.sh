#!/usr/bin/env bash
# Dating benchmark: how many FarsNews articles kavosh-index dates right when
# their "date" field is removed, and when their URL is removed too (the text
# alone); and the same for Hamshahri, which has no URL. The truth is the
# removed date field (both corpora derive it from the news id). Prints a
# Markdown table.
#
#   bench/dating/run.sh [CORPORA_DIR]
#
# CORPORA_DIR defaults to ../shared/corpora next to the repository; it must
# hold farsnews/docs.jsonl. Uses the kavosh-index and kavosh-search of
# BUILD_DIR (default build/), and jq. Exit status: 0 done, 2 error.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
corpora=${1:-$root/../shared/corpora}
docs=$corpora/farsnews/docs.jsonl
for f in "$docs" "$build_dir/indexer/kavosh-index" "$build_dir/searcher/kavosh-search"; do
  [ -e "$f" ] || { echo "bench/dating: $f: not found" >&2; exit 2; }
done
command -v jq >/dev/null || { echo "bench/dating: jq is not installed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One row: index `file` with the fields `drop` removed, list every dated
# document and compare its Jalali date with the removed date field.
measure() {
  local name=$1 file=$2 drop=$3
  local dir=$work/$(echo "$name" | tr -c 'a-z0-9\n' '_')
  mkdir -p "$dir/corpus"
  zcat -f "$file" >"$dir/original.jsonl"
  jq -c '{key: .id, value: (.date // "")}' "$dir/original.jsonl" | jq -s 'from_entries' \
    >"$dir/truth.json"
  jq -c "del($drop)" "$dir/original.jsonl" >"$dir/corpus/docs.jsonl"
  "$build_dir/indexer/kavosh-index" "$dir/corpus" --index "$dir/index" >/dev/null
  "$build_dir/searcher/kavosh-search" --index "$dir/index" --json --no-collapse \
    --limit 100000 "date:1200..2100" >"$dir/dated.json" || true
  jq -r --arg name "$name" --slurpfile truth "$dir/truth.json" '
    ($truth[0]) as $t
    | ($t | length) as $all
    | ($t | to_entries | map(select(.value != "")) | length) as $known
    | [.hits[] | {ok: ($t[.id] == .date_jalali), origin: .date_origin}] as $d
    | ($d | map(select(.ok)) | length) as $right
    | ($d | length) as $dated
    | ($d | group_by(.origin) | map("\(.[0].origin) \(length)") | join(", ")) as $origins
    | def pct(n; of): if of == 0 then "–" else "\((n * 1000 / of | round) / 10)%" end;
      "| \($name) | \($all) | \($known) | \($right) (\(pct($right; $known))) | \($dated - $right) (\(pct($dated - $right; $known))) | \($all - $dated) | \(pct($dated - $right; $dated)) | \(if $origins == "" then "–" else $origins end) |"
  ' "$dir/dated.json"
}

meta=".date, .date_calendar, .date_iso"
echo "| corpus, fields removed | articles | with a known date | dated right (of known) | dated wrong (of known) | not dated | wrong among the dated | where the dates came from |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
measure "farsnews, date" "$docs" "$meta"
measure "farsnews, date and url" "$docs" "$meta, .url"
hamshahri=$corpora/hamshahri-ir-subset/docs.jsonl.gz
if [ -e "$hamshahri" ]; then
  measure "hamshahri, date (no url)" "$hamshahri" "$meta"
fi
