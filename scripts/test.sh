#!/usr/bin/env bash
# Runs the whole test suite: unit, golden and end-to-end tests, in a release
# build and again under AddressSanitizer + UndefinedBehaviorSanitizer.
# Usage: scripts/test.sh [--quick]   (--quick: release build only)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
presets=(release asan)
[ "${1:-}" = "--quick" ] && presets=(release)
for p in "${presets[@]}"; do
  echo "== build + test: $p"
  scripts/build.sh "$p"
  ctest --preset "$p" -j "$(nproc)"
done
