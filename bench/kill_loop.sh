#!/usr/bin/env bash
# Kill -9 endurance: ingests a generated corpus while killing the process
# with SIGKILL at random moments, in rounds. Each round starts from an empty
# case and kills ingests until KILLS_PER_ROUND kills or until an ingest
# finishes before its kill (the case is complete: nothing left to interrupt);
# then it finishes the ingest and checks that every file is present exactly
# once and the index agrees with the store.
# Usage: bench/kill_loop.sh [TOTAL_KILLS=1000] [KILLS_PER_ROUND=50]
# BIG=N: N of the 800 files (and their duplicates) hold 2.5-4.5 MB of text,
# past the 1 MiB a worker analyses: the writer's reindex thread indexes them
# from the store.
# KILL_MAX_MS=N: kill up to N ms after the start (default 720), e.g. to reach
# the index commits a longer run makes before its end.
# An ingest ends by merging the index shards into one generation (gen-N.tmp
# written, renamed, listed in index/current, the shards deleted), which
# takes ~80 ms at ~2.9 s here, after every random kill time: so every
# COMPACT_EVERY-th kill of a round (default 3; 0: none) waits until the
# ingest's gen-N.tmp appears and kills 0 to COMPACT_MAX_MS ms (default 120)
# later. After each round the index folder must hold `current` and one
# generation only (nothing a killed compaction left behind).
# Prints one line per round and a summary; exit status 1 if any check failed.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${TAHQIQ:-build/release/src/app/tahqiq}
total=${1:-1000}
per_round=${2:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work/corpus" "${BIG:-0}" <<'PY'
import os, random, sys
random.seed(7)
root = sys.argv[1]
big = int(sys.argv[2])
words = ("contract invoice cloud storage hours support payment ministry "
         "العقد الفاتورة التخزين ساعات الوزارة חוזה חשבונית אחסון שעות משרד").split()
prev = None
for i in range(800):
    d = os.path.join(root, "d%d" % (i % 9))
    os.makedirs(d, exist_ok=True)
    if i % 10 == 9:
        text = prev  # a duplicate of the previous file
    else:
        n = random.randint(100, 4000)
        if big and i % (800 // big) == 8:  # The next file is its duplicate.
            n = random.randint(250000, 450000)
        text = "killloop u%05d\n" % i + " ".join(random.choice(words) for _ in range(n))
        prev = text
    open(os.path.join(d, "f%d.txt" % i), "w").write(text)
PY
distinct=$(find "$work/corpus" -type f -exec sha256sum {} + | awk '{print $1}' | sort -u | wc -l)
files=$(find "$work/corpus" -type f | wc -l)

kills=0 ckills=0 rounds=0 bad=0
every=${COMPACT_EVERY:-3}
while [ "$kills" -lt "$total" ]; do
  rounds=$((rounds + 1))
  rm -rf "$work/case"
  for ((k = 0; k < per_round && kills < total; k++)); do
    stale=0  # A gen-N.tmp a killed compaction left: the next one starts by deleting it.
    compgen -G "$work/case/index/gen-*.tmp" >/dev/null && stale=1
    "$bin" ingest --case "$work/case" --quiet "$work/corpus" >/dev/null 2>&1 &
    pid=$!
    in_compaction=0
    if [ "$every" -gt 0 ] && [ $((k % every)) -eq $((every - 1)) ]; then
      in_compaction=1
      while [ "$stale" = 1 ] && kill -0 "$pid" 2>/dev/null && compgen -G "$work/case/index/gen-*.tmp" >/dev/null; do
        sleep 0.002
      done
      while kill -0 "$pid" 2>/dev/null && ! compgen -G "$work/case/index/gen-*.tmp" >/dev/null; do
        sleep 0.002
      done
      ms=$(((RANDOM * 32768 + RANDOM) % (${COMPACT_MAX_MS:-120} + 1)))
    else
      ms=$(((RANDOM * 32768 + RANDOM) % (${KILL_MAX_MS:-720} - 20) + 20))
    fi
    sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
    if kill -9 "$pid" 2>/dev/null; then
      kills=$((kills + 1))
      ckills=$((ckills + in_compaction))
      wait "$pid" 2>/dev/null
    else
      wait "$pid" 2>/dev/null
      break  # It finished first: this round has nothing left to interrupt.
    fi
  done
  "$bin" ingest --case "$work/case" --quiet "$work/corpus" >/dev/null 2>&1 || bad=$((bad + 1))
  status=$("$bin" status --case "$work/case" --json)
  layout=$(ls "$work/case/index" | tr '\n' ' ')
  # Hit lines: every line but the last, the count.
  found=$("$bin" search --case "$work/case" --json --limit 100000 killloop | sed '$d' | wc -l)
  ok=$(python3 -c '
import json, re, sys
s = json.loads(sys.argv[1]); d, f, n = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
layout = sys.argv[5].split()
merged = len(layout) == 2 and "current" in layout and any(re.fullmatch(r"gen-\d+", x) for x in layout)
good = s["documents"] == d and s["files"] == f and s["index_current"] and not s["failures"] and n == d and merged
print("ok" if good else "BAD docs=%s files=%s index_current=%s found=%s index=%s" % (s["documents"], s["files"], s["index_current"], n, " ".join(layout)))
' "$status" "$distinct" "$files" "$found" "$layout")
  [ "$ok" = ok ] || bad=$((bad + 1))
  echo "round $rounds: $kills kills so far ($ckills in compactions): $ok"
done
echo "kill loop: $kills kills ($ckills during the closing compaction) in $rounds rounds, $files files ($distinct distinct), failed checks: $bad"
[ "$bad" -eq 0 ]
