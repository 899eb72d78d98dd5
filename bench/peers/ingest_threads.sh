#!/usr/bin/env bash
# CPU of one `tahqiq ingest` by thread name, next to /usr/bin/time -v: which
# stage of the pipeline a change made cheaper (the machine is shared, so CPU
# seconds compare better than wall time). Thread names: tahqiq (main: the
# writer, SQLite, catch-up), tahqiq-extract (hashing, blob copy, analysis,
# entities, figures), tahqiq-shard (Xapian writers), tahqiq-walk/-count. The
# sandboxed parser processes are the rest: total CPU minus the threads.
#
# usage: bench/peers/ingest_threads.sh CASE_DIR FOLDER [TAHQIQ_BIN] [-- ingest options...]
# CASE_DIR is deleted first; it must not be a case anyone else reads.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd -P)
[ $# -ge 2 ] || { sed -n 2,10p "$0"; exit 2; }
CASE=$1 SRC=$2
BIN=${3:-$REPO/build/release/src/app/tahqiq}
shift $(( $# >= 3 ? 3 : 2 ))
[ "${1:-}" = "--" ] && shift
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
rm -rf "$CASE"
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v -o "$OUT/time" "$BIN" ingest --case "$CASE" "$SRC" --json "$@" > "$OUT/json" &
tp=$!
pid=
while [ -z "$pid" ] && kill -0 "$tp" 2>/dev/null; do pid=$(pgrep -P "$tp" | head -1 || true); done
# Threads end before the process: keep the last reading of each.
declare -A last
while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do
  for t in /proc/"$pid"/task/*; do
    s=$(cat "$t/stat" 2>/dev/null) || continue
    comm=$(cat "$t/comm" 2>/dev/null) || continue
    read -r -a f <<< "${s##*) }"
    last[${t##*/}]="$comm ${f[11]} ${f[12]}"
  done
  sleep 1
done
wait "$tp"
echo "end   $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
hz=$(getconf CLK_TCK)
for k in "${!last[@]}"; do echo "${last[$k]}"; done |
  awk -v hz="$hz" '{c[$1] += ($2 + $3) / hz} END {for (n in c) printf "%s %.1f s\n", n, c[n]}' | sort
grep -E "Elapsed|User time|System time|Maximum resident|Exit status" "$OUT/time"
cat "$OUT/json"
