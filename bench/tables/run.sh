#!/usr/bin/env bash
# Tables benchmark: ingest a consumption export of N rows (default 10 million)
# with tahqiq and with the sqlite3 shell (.import), then group by month and
# sum the cost with both. Prints wall time and peak memory of each step and
# the ratios tahqiq/sqlite3. Needs python3, sqlite3 and GNU time.
# Usage: bench/tables/run.sh [ROWS] [WORKDIR]   (WORKDIR default /tmp/tahqiq-tables-bench)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
rows="${1:-10000000}"
work="${2:-/tmp/tahqiq-tables-bench}"
tahqiq="$root/build/release/src/app/tahqiq"
[ -x "$tahqiq" ] || "$root/scripts/build.sh" release
for tool in python3 sqlite3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install python3 sqlite3 time)"; exit 1; }
done
mkdir -p "$work"
csv="$work/cur-$rows.csv"
[ -f "$csv" ] || python3 "$here/gen_rows.py" "$rows" > "$csv"
size=$(stat -c %s "$csv")

# measure NAME CMD...: wall seconds and peak RSS (MiB) into $wall/$rss
measure() {
  local log="$work/$1.time"
  shift
  /usr/bin/time -v -o "$log" "$@" > "$work/out.txt"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
  cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.2f", s}' "$log")
}

rm -rf "$work/case" "$work/sqlite.db"
sync
load=$(cut -d' ' -f1-3 /proc/loadavg)
measure tahqiq_ingest "$tahqiq" ingest --case "$work/case" -q "$csv"
t_ingest=$wall; t_ingest_rss=$rss; t_ingest_cpu=$cpu
measure tahqiq_group "$tahqiq" table query --case "$work/case" cur --time lineitem_usagestartdate \
  --bucket month --agg 'sum(lineitem_unblendedcost) AS cost' --timeout 3600 --csv
t_group=$wall; t_group_rss=$rss; t_group_cpu=$cpu
cp "$work/out.txt" "$work/tahqiq-months.csv"

measure sqlite_import sqlite3 "$work/sqlite.db" ".import --csv $csv cur"
s_ingest=$wall; s_ingest_rss=$rss; s_ingest_cpu=$cpu
measure sqlite_group sqlite3 -csv -header "$work/sqlite.db" \
  "SELECT substr(\"lineItem/UsageStartDate\",1,7) AS month, sum(\"lineItem/UnblendedCost\") AS cost FROM cur GROUP BY 1 ORDER BY 1"
s_group=$wall; s_group_rss=$rss; s_group_cpu=$cpu
cp "$work/out.txt" "$work/sqlite-months.csv"

# Same answers? (Both print month,cost; compare to 6 significant digits.)
same=$(python3 - "$work/tahqiq-months.csv" "$work/sqlite-months.csv" <<'PY'
import csv, sys
a = list(csv.reader(open(sys.argv[1])))[1:]
b = list(csv.reader(open(sys.argv[2])))[1:]
ok = len(a) == len(b) and all(x[0] == y[0] and abs(float(x[1]) - float(y[1])) <= 1e-6 * abs(float(y[1])) for x, y in zip(a, b))
print("yes" if ok else "NO")
PY
)
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
cat <<EOT
rows: $rows ($((size / 1048576)) MiB CSV) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average before: $load
| step | tahqiq | sqlite3 shell | tahqiq / sqlite3 |
|---|---|---|---|
| ingest / .import: wall s | $t_ingest | $s_ingest | $(ratio "$t_ingest" "$s_ingest") |
| ingest / .import: CPU s | $t_ingest_cpu | $s_ingest_cpu | $(ratio "$t_ingest_cpu" "$s_ingest_cpu") |
| ingest / .import: peak RSS MiB | $t_ingest_rss | $s_ingest_rss | $(ratio "$t_ingest_rss" "$s_ingest_rss") |
| group by month, sum(cost): wall s | $t_group | $s_group | $(ratio "$t_group" "$s_group") |
| group by month: CPU s | $t_group_cpu | $s_group_cpu | $(ratio "$t_group_cpu" "$s_group_cpu") |
| group by month: peak RSS MiB | $t_group_rss | $s_group_rss | $(ratio "$t_group_rss" "$s_group_rss") |
same monthly sums: $same
tahqiq's ingest also stores the original, indexes the text for search and types every column.
EOT
