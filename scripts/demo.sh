#!/usr/bin/env bash
# The main job on the embedded default: install what is missing, build,
# ingest the bundled samples (Arabic, Hebrew, English; many formats) into a
# case, and answer searches. With --serve it then serves the web workbench
# on http://127.0.0.1:8080/ (an admin "demo" with a fresh password, printed).
# Usage: scripts/demo.sh [--serve] [CASE_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
serve=0
if [ "${1:-}" = "--serve" ]; then
  serve=1
  shift
fi
scripts/install-deps.sh
scripts/build.sh release
bin=build/release/src/app/tahqiq
case_dir="${1:-demo-case}"

echo
echo "== ingest samples/ into $case_dir"
"$bin" ingest --case "$case_dir" samples
echo
echo "== status"
"$bin" status --case "$case_dir"
for q in 'invoice' 'الفاتورة' 'חשבונית' 'name:Nimbus' '"cloud services"' 'type:eml hours' 'path:backup'; do
  echo
  echo "== tahqiq search --case $case_dir '$q'"
  "$bin" search --case "$case_dir" --limit 5 "$q"
done
echo
if [ ! -e "$case_dir/tables.db" ]; then
  # A case made by a build from before typed tables: its spreadsheets are
  # already stored, so an ingest skips them; extracting them again loads them.
  echo "== $case_dir predates typed tables: re-extracting its spreadsheets"
  for t in csv xlsx xls ods; do "$bin" reextract --case "$case_dir" --type "$t"; done
fi
echo "== tahqiq table list --case $case_dir   (CSV files and spreadsheet sheets as typed tables)"
"$bin" table list --case "$case_dir"
echo
echo "== tahqiq table query --case $case_dir invoices --agg 'sum(amount) AS total' --group-by currency"
"$bin" table query --case "$case_dir" invoices --agg 'sum(amount) AS total' --group-by currency
echo
echo "== tahqiq figures --case $case_dir --kind money   (amounts found in the text, any language)"
"$bin" figures --case "$case_dir" --kind money --limit 8
echo
echo "== tahqiq entities --case $case_dir --kind org   (organisations, merged across scripts)"
"$bin" entities --case "$case_dir" --kind org
echo
echo "Try: $bin search --case $case_dir 'your words'   (see $bin --help)"
if [ "$serve" = 1 ]; then
  pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  if ! printf '%s\n' "$pw" | "$bin" user add --case "$case_dir" demo --role admin >/dev/null 2>&1; then
    printf '%s\n' "$pw" | "$bin" user passwd --case "$case_dir" demo >/dev/null
  fi
  echo
  echo "== web workbench: open http://127.0.0.1:8080/ and log in as demo / $pw   (Ctrl-C stops it)"
  exec "$bin" serve --case "$case_dir" --listen 127.0.0.1:8080
else
  echo "Web workbench: scripts/demo.sh --serve"
fi
