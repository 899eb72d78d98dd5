#!/usr/bin/env bash
# Scale curve (issue 8): tahqiq ingest time and query latency at growing collection sizes, on corpora
# grown from the shared corpus's real paragraphs (bench/scale/grow.py), then a section of
# bench/RESULTS.md.
#
# usage: bench/scale/run.sh [N ...]          default sizes: 10000 100000 (1000000: 1.4 GB of text, ~15 GB
#                                            of case, ~30 min on 2 cores); the table lists every size measured;
#                                            `run.sh report` rewrites it without measuring
# env:   BENCH_DIR=/work/bench-data          needs BENCH_DIR/work/text (bench/peers/run.sh's extract stage);
#                                            grown corpora and cases go to BENCH_DIR/scale/N/
#        REPS=5  KIT=/work/shared/bench  RESULTS=bench/RESULTS.md
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd -P)
KIT=${KIT:-/work/shared/bench}
BENCH_DIR=${BENCH_DIR:-/work/bench-data}
REPS=${REPS:-5}
RESULTS=${RESULTS:-$REPO/bench/RESULTS.md}
TAHQIQ=$REPO/build/release/src/app/tahqiq
PY=/usr/bin/python3
export KIT REPS LC_ALL=C.UTF-8
sizes=${*:-10000 100000}
[ "$sizes" = report ] && sizes=  # `run.sh report`: only rewrite the table from the sizes measured
TEXT=$BENCH_DIR/work/text
S=$BENCH_DIR/scale
case "$(realpath -m "$S")/" in "$REPO"/*) echo "scale: BENCH_DIR is inside the repo" >&2; exit 1;; esac
[ -d "$TEXT" ] || { echo "scale: no $TEXT; run: STAGES='deps corpus extract' bench/peers/run.sh" >&2; exit 1; }
[ -x "$TAHQIQ" ] || (cd "$REPO" && cmake --preset release >/dev/null && cmake --build build/release --target tahqiq -j2)
mkdir -p "$S"
grep -hv '^#' "$KIT/queries.txt" "$REPO/bench/peers/queries-extra.txt" > "$S/queries.txt"
log() { printf '[scale %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

for n in $sizes; do
  d=$S/$n
  if [ ! -f "$d/corpus.done" ]; then
    rm -rf "$d/corpus"; mkdir -p "$d"
    log "growing $n documents"
    "$PY" "$REPO/bench/scale/grow.py" "$TEXT" "$d/corpus" "$n"
    touch "$d/corpus.done"
  fi
  rm -rf "$d/case"
  log "ingest $n  (load $(cut -d' ' -f1-3 /proc/loadavg))"
  cut -d' ' -f1-3 /proc/loadavg > "$d/load.before"
  set +e
  /usr/bin/time -v -o "$d/ingest.time" "$TAHQIQ" ingest --case "$d/case" "$d/corpus" --json -q \
    > "$d/ingest.json" 2> "$d/ingest.log"
  echo "exit=$?" >> "$d/ingest.time"
  set -e
  cut -d' ' -f1-3 /proc/loadavg > "$d/load.after"
  du -sb "$d/corpus" | cut -f1 > "$d/corpus.size"
  du -sb "$d/case" | cut -f1 > "$d/case.size"
  du -sb "$d/case/index" | cut -f1 > "$d/index.size"
  log "queries $n"
  "$PY" "$REPO/bench/peers/tahqiq_bench.py" queries "$S/queries.txt" "$d/case" "$d/corpus" "$REPS" "$TAHQIQ" \
    > "$d/queries.tsv"
done

# the table covers every size measured so far (a later run can add a size without redoing the others)
done_sizes=$(for f in "$S"/*/queries.tsv; do basename "$(dirname "$f")"; done | sort -n)
"$PY" - "$S" $done_sizes > "$S/section.md" <<'EOF'
import sys, os, json, statistics
sys.path.insert(0, os.environ['KIT'])
import qbench
S, sizes = sys.argv[1], sys.argv[2:]
pct = lambda ts, q: sorted(ts)[min(len(ts) - 1, int(round(q * (len(ts) - 1))))]
rd = lambda p: open(p).read().strip()
out = ['## Scale curve (issue 8): tahqiq on grown corpora', '',
       '`bench/scale/run.sh` (sizes ' + ', '.join(f'{int(n):,}' for n in sizes) + '): plain-text documents recombined from the real paragraphs '
       'of the shared corpus (`bench/scale/grow.py`: 2–12 paragraphs of one part, arabic/ hebrew/ or the rest, '
       'per document), ingested into an empty case with the default options, then the '
       f'{sum(1 for _ in open(S + "/queries.txt"))} queries of the side-by-side run (one CLI process per query, '
       f'top 10, warm-up + {os.environ.get("REPS", "5")} timed runs). Same shared machine; load averages (1/5/15 min) around each ingest.', '',
       '| documents | corpus MiB | ingest wall s | CPU s | docs/s | MiB/s | peak RSS MiB | case MiB | index MiB | '
       'query p50 ms | p95 ms | not extracted | load before → after |',
       '|---|---|---|---|---|---|---|---|---|---|---|---|---|']
for n in sizes:
    d = f'{S}/{n}'
    t = qbench.parse_time(f'{d}/ingest.time')
    ts = []
    for l in open(f'{d}/queries.tsv').read().splitlines()[1:]:
        ts += [float(x) for x in l.split('\t')[7].split(',')]
    mib = int(rd(f'{d}/corpus.size')) / 2**20
    out.append(f'| {int(n):,} | {mib:,.1f} | {t["wall"]:.1f} | {t["user"] + t["sys"]:.1f} | '
               f'{int(n) / t["wall"]:,.0f} | {mib / t["wall"]:.1f} | {t["rss_mb"]:.0f} | '
               f'{int(rd(f"{d}/case.size")) / 2**20:,.0f} | {int(rd(f"{d}/index.size")) / 2**20:,.0f} | '
               f'{statistics.median(ts) * 1000:.1f} | {pct(ts, .95) * 1000:.1f} | '
               f'{json.load(open(f"{d}/ingest.json")).get("failed", "?")} | '
               f'{rd(f"{d}/load.before")} → {rd(f"{d}/load.after")} |')
out += ['', '"not extracted": grown documents with a paragraph carrying NUL and other control bytes (copied '
        'from the kit\'s extracted text) are typed as binary by libmagic and recorded as failed, with that reason.']
print('\n'.join(out))
EOF
"$PY" "$REPO/bench/peers/tahqiq_bench.py" section "$RESULTS" "$S/section.md"
cat "$S/section.md"
