#!/usr/bin/env bash
# Load test of `tahqiq serve`: wrk against GET /api/search on loopback with
# a logged-in session (a viewer, so every search goes through the collection
# restriction), on a small case made from samples/ and on a big case given
# as $1 (served where it is, without copying: a folder of symlinks to its
# case.db, blobs and index holds this run's access.db and work.db, and
# opening a case for serving changes nothing in case.db).
# Each request runs with CONNS connections in turn (default "1 8": 1 =
# sequential requests, the latency a user sees; 8 = throughput).
# Usage: bench/serve/run.sh [BIG_CASE_DIR] [DURATION_S]
# Needs: wrk, curl (scripts/install-deps.sh --bench), a release build.
# The big case must be of this build's schema (a search on it migrates an
# older case with one writing open, and serving opens it read-only).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${TAHQIQ_BIN:-build/release/src/app/tahqiq}
BIG=${1:-/work/bench-data/work/tahqiq/case}
DUR=${2:-15}
CONNS=${CONNS:-1 8}
command -v wrk >/dev/null || { echo "bench/serve: wrk missing (scripts/install-deps.sh --bench)"; exit 1; }
WORK=$(mktemp -d)
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

small="$WORK/small"
"$BIN" ingest -q --no-ocr --case "$small" samples >/dev/null

cases=("small:$small")
if [ -f "$BIG/case.db" ]; then
  big="$WORK/big"
  mkdir -p "$big"
  for f in case.db blobs index tables.db; do
    [ -e "$BIG/$f" ] && ln -s "$(readlink -f "$BIG/$f")" "$big/$f"
  done
  cases+=("big:$big")
fi

echo "| case | documents | request | connections | requests/s | p50 ms | p99 ms | CPU ms/request | errors |"
echo "|---|---|---|---|---|---|---|---|---|"
for entry in "${cases[@]}"; do
  name=${entry%%:*}
  dir=${entry#*:}
  docs=$(sqlite3 -readonly "$dir/case.db" "select count(*) from documents" 2>/dev/null || echo "?")
  printf 'bench-pass-1\n' | "$BIN" user add --case "$dir" reader --role viewer >/dev/null
  "$BIN" grant --case "$dir" reader default read >/dev/null 2>&1 || true
  "$BIN" serve --case "$dir" --listen 127.0.0.1:0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
  PID=$!
  for _ in $(seq 100); do grep -q listening "$WORK/serve.out" && break; sleep 0.1; done
  url=$(sed -n 's/^listening on //p' "$WORK/serve.out")
  # The default collection exists once the server started: grant it now.
  "$BIN" grant --case "$dir" reader default read >/dev/null
  cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d '{"user":"reader","password":"bench-pass-1"}' "$url/api/login" |
    sed -n 's/^Set-Cookie: \(tahqiq_session=[0-9a-f]*\).*/\1/p')
  [ -n "$cookie" ] || { echo "bench/serve: login failed" >&2; exit 1; }
  # invoice&facets=1: what the workbench's search page asks (entity, type,
  # language, year and collection counts over up to 10,000 hits).
  for q in ME invoice '%22cloud+services%22' 'energy+AND+price' 'money%3E%3D1000' \
    'invoice&facets=1'; do
    path="/api/search?q=$q&per_page=20"
    # /api/me: the server's own cost (session, access check, JSON, HTTP).
    [ "$q" = ME ] && path=/api/me
    for c in $CONNS; do
      t0=$(awk '{print $14+$15}' "/proc/$PID/stat")
      out=$(wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d"${DUR}s" --latency -H "Cookie: $cookie" "$url$path")
      t1=$(awk '{print $14+$15}' "/proc/$PID/stat")
      n=$(awk '/requests in/ {print $1}' <<<"$out")
      cpu=$(awk -v a="$t0" -v b="$t1" -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (b-a)*1000/hz/n }')
      rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
      p50=$(awk '$1=="50%" {print $2}' <<<"$out")
      p99=$(awk '$1=="99%" {print $2}' <<<"$out")
      errs=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
      ms() { awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.2f", n }'; }
      label="search \`$(printf '%b' "${q//%/\\x}" | tr + ' ')\`"
      [ "$q" = ME ] && label="me"
      echo "| $name | $docs | $label | $c | $rps | $(ms "$p50") | $(ms "$p99") | $cpu | ${errs:-0} |"
    done
  done
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
done
