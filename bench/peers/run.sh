#!/usr/bin/env bash
# Side-by-side benchmark (issue 8): tahqiq and the peers a reporter would pick instead (Recoll, Xapian
# Omega, SQLite FTS5, ripgrep), in one run, on the same files of the shared corpus, then a section of
# bench/RESULTS.md with the ratios tahqiq/peer.
#
# usage: bench/peers/run.sh            (about 40 min on 2 cores; 4.5 GB of disk outside the repo)
# env:   BENCH_DIR=/work/bench-data   work folder, never inside the repo: corpus/, cache/, work/
#        KIT=/work/shared/bench       the shared kit (make-corpus.sh, peers.sh, qbench.py, queries.txt)
#        SAMPLE=N                     run on a hard-linked N-file sample of the corpus instead
#                                     (BENCH_DIR/sample-N/); results labelled as a sample
#        REPS=5                       timed runs per query (after one warm-up)
#        STAGES="deps corpus build extract fts5 recoll omega tahqiq queries quality report"
#                                     a subset re-runs single stages on the existing work folder
#        RESULTS=bench/RESULTS.md     where the section goes (replaces a section with the same title)
# The peers are driven by the kit's peers.sh stages; tahqiq by bench/peers/tahqiq_bench.py, which
# reuses qbench.py's query translation, percentile rule and recall classes.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd -P)
HERE=$REPO/bench/peers
KIT=${KIT:-/work/shared/bench}
BENCH_DIR=${BENCH_DIR:-/work/bench-data}
REPS=${REPS:-5}
RESULTS=${RESULTS:-$REPO/bench/RESULTS.md}
STAGES=${STAGES:-deps corpus build extract fts5 recoll omega tahqiq queries quality report}
TAHQIQ=$REPO/build/release/src/app/tahqiq
PY=/usr/bin/python3
export KIT LC_ALL=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd -P)
case "$BENCH_DIR/" in "$REPO"/*) echo "run.sh: BENCH_DIR=$BENCH_DIR is inside the repo; pick another" >&2; exit 1;; esac
FULL=$BENCH_DIR/corpus
if [ -n "${SAMPLE:-}" ]; then
  TOP=$BENCH_DIR/sample-$SAMPLE
  LABEL="$(printf "%'d" "$SAMPLE")-file sample of the shared corpus (SUBSET, not the full run)"
else
  TOP=$BENCH_DIR
  LABEL="full shared corpus"
fi
CORPUS=$TOP/corpus
WORK=$TOP/work
R=$WORK/results
CASE=$WORK/tahqiq/case
mkdir -p "$R"

log() { printf '[run %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
load() { printf '%s\t%s\t%(%H:%M:%S)T\t%s\n' "$1" "$2" -1 "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$R/load.tsv"; }
# from WORK: some filters (unrtf) write the pictures they find into the current folder
peers() { (cd "$WORK" && CORPUS=$CORPUS WORK=$WORK REPS=$REPS bash "$KIT/peers.sh" "$@"); }

stage_deps() {
  "$REPO/scripts/install-deps.sh" --bench
  # make-corpus.sh needs npm; Debian's conflicts with a nodejs from elsewhere, which brings its own
  command -v npm >/dev/null || { local sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends npm; }
}

stage_corpus() {
  if [ ! -d "$FULL" ] || [ -z "$(ls -A "$FULL")" ]; then
    log "building the shared corpus in $FULL"
    (cd "$BENCH_DIR" && CORPUS=$FULL CACHE=$BENCH_DIR/cache bash "$KIT/make-corpus.sh")
  fi
  if [ -n "${SAMPLE:-}" ] && [ ! -d "$CORPUS" ]; then
    "$PY" "$HERE/tahqiq_bench.py" sample "$FULL" "$CORPUS" "$SAMPLE"
  fi
  du -sb "$CORPUS" | cut -f1 > "$R/corpus.size"
}

stage_build() {
  (cd "$REPO" && cmake --preset release >/dev/null && cmake --build build/release --target tahqiq -j2)
}

stage_extract() { peers extract; }
stage_fts5() { peers fts5; }
stage_recoll() { peers recoll; }
stage_omega() { peers omega; }

stage_tahqiq() {
  rm -rf "$WORK/tahqiq"; mkdir -p "$WORK/tahqiq"
  log "tahqiq ingest --case $CASE $CORPUS --json"
  set +e
  /usr/bin/time -v -o "$R/tahqiq.time" "$TAHQIQ" ingest --case "$CASE" "$CORPUS" --json -q \
    > "$R/tahqiq-ingest.json" 2> "$R/tahqiq-ingest.log"
  echo "exit=$?" >> "$R/tahqiq.time"
  set -e
  du -sb "$CASE" | cut -f1 > "$R/tahqiq.size"
  "$TAHQIQ" status --case "$CASE" --json > "$R/tahqiq-status.json"
  "$TAHQIQ" --version > "$R/tahqiq.version" 2>/dev/null || git -C "$REPO" rev-parse --short HEAD > "$R/tahqiq.version"
}

stage_queries() {
  cd "$WORK"
  # the kit's queries plus our Arabic/Hebrew ones, for every engine (peers through qbench.py, as
  # peers.sh's queries stage does, then tahqiq the same way)
  grep -v '^#' "$KIT/queries.txt" > "$R/queries-all.txt"
  grep -v '^#' "$HERE/queries-extra.txt" >> "$R/queries-all.txt"
  echo "$REPS" > "$R/reps"
  "$PY" "$KIT/qbench.py" queries "$R/queries-all.txt" "$WORK" "$CORPUS" "$REPS" > "$R/queries-all.tsv"
  "$PY" "$HERE/tahqiq_bench.py" queries "$R/queries-all.txt" "$CASE" "$CORPUS" "$REPS" "$TAHQIQ" \
    > "$R/tahqiq-queries.tsv"
}

stage_quality() {
  peers quality
  "$PY" "$HERE/tahqiq_bench.py" quality "$WORK" "$CASE" "$CORPUS" "$TAHQIQ"
  date -u '+%Y-%m-%d %H:%M UTC' > "$R/finished"  # the last measurement; report may be re-run later
}

machine() {
  echo "nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//');" \
       "RAM $(free -g | awk '/Mem:/{print $2}') GiB; $(uname -sr); $(. /etc/os-release; echo "$PRETTY_NAME")"
  echo "disk: $(df -h "$BENCH_DIR" | awk 'NR==2{print $1, $2}')"
  dpkg-query -W recollcmd xapian-omega libxapian30 sqlite3 ripgrep poppler-utils antiword 2>/dev/null | tr '\t' ' ' | paste -sd';'
  echo "tahqiq: src/ as of $(git -C "$REPO" log -1 --format=%h -- src CMakeLists.txt) (branch $(git -C "$REPO" rev-parse --abbrev-ref HEAD)), release build (RelWithDebInfo)"
}

stage_report() {
  machine > "$R/machine.txt"
  peers report > /dev/null
  "$PY" "$HERE/tahqiq_bench.py" report "$WORK" "$CASE" "$CORPUS" "$LABEL" > "$R/tahqiq-vs-peers.md"
  "$PY" "$HERE/tahqiq_bench.py" section "$RESULTS" "$R/tahqiq-vs-peers.md"
  log "wrote $R/tahqiq-vs-peers.md into $RESULTS"
}

if [ ! -f "$R/started" ] || [[ " $STAGES " == *" extract "* ]]; then  # a new run
  rm -f "$R/load.tsv"; date -u '+%Y-%m-%d %H:%M UTC' > "$R/started"
fi
for s in $STAGES; do
  log "=== $s"
  load "$s" before
  "stage_$s"
  load "$s" after
done
