#!/usr/bin/env bash
# Runs the whole test suite: unit, golden and end-to-end tests, in a release
# build and again under AddressSanitizer + UndefinedBehaviorSanitizer.
# The browser tests of the web workbench run after the release ctest
# (scripts/browser-test.sh). Then a short fuzz run of every fuzz target (scripts/fuzz-smoke.sh).
# Usage: scripts/test.sh [--quick]   (--quick: release build only, no fuzzing)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/format.sh --check
presets=(release asan)
[ "${1:-}" = "--quick" ] && presets=(release)
for p in "${presets[@]}"; do
  echo "== build + test: $p"
  scripts/build.sh "$p"
  ctest --preset "$p" -j "$(nproc)"
  if [ "$p" = release ]; then
    echo "== browser tests (web workbench)"
    scripts/browser-test.sh --no-build
  fi
done
if [ "${1:-}" != "--quick" ]; then
  echo "== fuzz smoke run"
  scripts/fuzz-smoke.sh "${TAHQIQ_FUZZ_SECONDS:-60}"
fi
