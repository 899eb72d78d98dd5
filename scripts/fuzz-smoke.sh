#!/usr/bin/env bash
# A short fuzz run of every libFuzzer target (clang, ASan+UBSan), on a copy of
# the seed corpora so the repository is not changed. Any crash fails the run
# and leaves the reproducer in build/fuzz/findings/.
# Usage: scripts/fuzz-smoke.sh [SECONDS_PER_TARGET=60]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
need=()
for p in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"
out=build/fuzz/findings
# Leaks inside Debian libraries are suppressed by name (fuzz/lsan-library.supp),
# which needs the full malloc stack, not the fast unwinder's.
export LSAN_OPTIONS="suppressions=$PWD/fuzz/lsan-library.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export ASAN_OPTIONS="fast_unwind_on_malloc=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
mkdir -p "$out"
status=0
for t in query analyze tables figures extract parser; do
  work=$(mktemp -d)
  cp -r "fuzz/corpus/$t/." "$work/"
  dict=()
  [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
  [ "$t" = parser ] && [ -f fuzz/extract.dict ] && dict=(-dict=fuzz/extract.dict)
  echo "== fuzz_$t for ${secs}s"
  if ! "build/fuzz/fuzz/fuzz_$t" "$work" "${dict[@]}" -max_total_time="$secs" -timeout=30 \
      -rss_limit_mb=2048 -artifact_prefix="$out/$t-" -print_final_stats=1 2>"$work.log"; then
    echo "fuzz_$t found a problem (see $out and $work.log):"
    tail -40 "$work.log"
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work.log" | sed "s/^/  fuzz_$t /"
  fi
  rm -rf "$work"
done
exit $status
