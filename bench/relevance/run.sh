#!/usr/bin/env bash
# Relevance harness: builds the collections from the shared archives, runs
# every judged query in every configuration, pools and judges the results,
# and prints nDCG@10, recall@100 and the known-item scores (README.md).
#
#   bench/relevance/run.sh [WORK_DIR]
#
# Needs the release build of relevance_run (cmake --build --preset release
# --target relevance_run). TAHQIQ_BENCH_DATA overrides the archive folder.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${TAHQIQ_BENCH_DATA:-/work/shared/bench/data}
work=${1:-${TMPDIR:-/tmp}/tahqiq-relevance}
bin=${RELEVANCE_RUN:-$root/build/release/src/query/relevance_run}
[ -x "$bin" ] || cmake --build "$root/build/release" --target relevance_run
mkdir -p "$work"
python3 "$here/prepare.py" "$data" "$work"
python3 "$here/relevance.py" queries "$here" "$work"
for lang in ar he en; do
  "$bin" "$lang" "$work/docs-$lang.tsv" "$work/queries-$lang.tsv" "$work"
done
python3 "$here/relevance.py" report "$here" "$work"
