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
# TIMELINE=FILE also writes one line per second: "second cores_busy main
# extract shard parsers blobs" (cores_busy: CPU seconds per second since the
# previous line, whole process tree; main .. parsers: cumulative clock ticks;
# blobs: the first 12 hex digits of the blob each parser process is reading),
# which shows whether both cores stay busy and what a lone busy parser reads.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd -P)
[ $# -ge 2 ] || { sed -n 2,15p "$0"; exit 2; }
CASE=$1 SRC=$2
BIN=${3:-$REPO/build/release/src/app/tahqiq}
shift $(( $# >= 3 ? 3 : 2 ))
[ "${1:-}" = "--" ] && shift
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
rm -rf "$CASE"
TL=${TIMELINE:-}
[ -n "$TL" ] && : > "$TL"
hz=$(getconf CLK_TCK)
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v -o "$OUT/time" "$BIN" ingest --case "$CASE" "$SRC" --json "$@" > "$OUT/json" &
tp=$!
pid=
while [ -z "$pid" ] && kill -0 "$tp" 2>/dev/null; do pid=$(pgrep -P "$tp" | head -1 || true); done
# Threads end before the process: keep the last reading of each.
declare -A last
prev=0
t0=$(date +%s.%N)
tprev=$t0
while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do
  declare -A now=([tahqiq]=0 [tahqiq-extract]=0 [tahqiq-shard]=0)
  for t in /proc/"$pid"/task/*; do
    s=$(cat "$t/stat" 2>/dev/null) || continue
    comm=$(cat "$t/comm" 2>/dev/null) || continue
    # `tahqiq ingest` runs as the program tahqiq-ingest (same process).
    [ "$comm" = tahqiq-ingest ] && comm=tahqiq
    read -r -a f <<< "${s##*) }"
    last[${t##*/}]="$comm ${f[11]} ${f[12]}"
    now[$comm]=$(( ${now[$comm]:-0} + f[11] + f[12] ))
  done
  if [ -n "$TL" ]; then
    # Parser processes: the live ones, and the reaped ones in cutime/cstime.
    s=$(cat /proc/"$pid"/stat 2>/dev/null) || break
    read -r -a f <<< "${s##*) }"
    par=$(( f[13] + f[14] ))
    open=
    for c in $(pgrep -P "$pid" || true); do
      s=$(cat /proc/"$c"/stat 2>/dev/null) || continue
      read -r -a g <<< "${s##*) }"
      par=$(( par + g[11] + g[12] + g[13] + g[14] ))
      b=$(ls -l /proc/"$c"/fd 2>/dev/null | grep -o 'blobs/[^ ]*' | head -1 | sed 's,.*/,,' || true)
      open="$open ${b:0:12}"
    done
    tot=$(( now[tahqiq] + now[tahqiq-extract] + now[tahqiq-shard] + par ))
    t=$(date +%s.%N)
    printf '%.0f %.2f %d %d %d %d%s\n' "$(echo "$t - $t0" | bc)" \
      "$(echo "($tot - $prev) / $hz / ($t - $tprev)" | bc -l)" "${now[tahqiq]}" \
      "${now[tahqiq-extract]}" "${now[tahqiq-shard]}" "$par" "$open" >> "$TL"
    prev=$tot
    tprev=$t
  fi
  unset now
  sleep 1
done
wait "$tp"
echo "end   $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
for k in "${!last[@]}"; do echo "${last[$k]}"; done |
  awk -v hz="$hz" '{c[$1] += ($2 + $3) / hz} END {for (n in c) printf "%s %.1f s\n", n, c[n]}' | sort
grep -E "Elapsed|User time|System time|Maximum resident|Exit status" "$OUT/time"
cat "$OUT/json"
