#!/usr/bin/env bash
# The main job on the embedded default: install what is missing, build,
# ingest the bundled samples (Arabic, Hebrew, English; many formats) into a
# case, and answer searches. Usage: scripts/demo.sh [CASE_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
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
