#!/usr/bin/env bash
# CPU profile of `tahqiq ingest` on the shared corpus (or any folder), with perf: where the ingest's
# CPU goes, by process (parent vs. sandboxed extract-workers), by library and by function.
#
# usage: bench/peers/profile.sh [FOLDER]       default: BENCH_DIR/corpus (bench/peers/run.sh builds it)
# env:   BENCH_DIR=/work/bench-data  FREQ=199 (samples/s per CPU)  TAHQIQ_ARGS= (e.g. --no-ocr)
# Output: BENCH_DIR/profile/{perf.data,by-comm.txt,by-dso.txt,by-symbol.txt,callers.txt,ingest.json}
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd -P)
BENCH_DIR=${BENCH_DIR:-/work/bench-data}
SRC=${1:-$BENCH_DIR/corpus}
FREQ=${FREQ:-199}
TAHQIQ=$REPO/build/release/src/app/tahqiq
P=$BENCH_DIR/profile
case "$(realpath -m "$P")/" in "$REPO"/*) echo "profile: BENCH_DIR is inside the repo" >&2; exit 1;; esac
rm -rf "$P"; mkdir -p "$P"
# children (the extract-workers) are followed by perf record's default inheritance
# shellcheck disable=SC2086
perf record -q -F "$FREQ" -g -o "$P/perf.data" -- \
  "$TAHQIQ" ingest --case "$P/case" "$SRC" --json -q ${TAHQIQ_ARGS:-} > "$P/ingest.json"
rep() { perf report -i "$P/perf.data" --stdio --no-children -g none --percent-limit 0.3 "$@" 2>/dev/null |
        grep -v '^#' | grep -v '^$'; }
rep --sort comm > "$P/by-comm.txt"
rep --sort comm,dso > "$P/by-dso.txt"
rep --sort comm,dso,sym > "$P/by-symbol.txt"
# inclusive time of tahqiq's own functions (frame-pointer call chains, so approximate)
perf report -i "$P/perf.data" --stdio --children -g none --sort sym 2>/dev/null |
  grep -E 'tahqiq::' | head -60 > "$P/callers.txt"
rm -rf "$P/case"
head -40 "$P/by-symbol.txt"
