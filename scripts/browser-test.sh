#!/usr/bin/env bash
# Browser end-to-end tests of the web workbench (tests/browser): Debian's
# Chromium, headless, driven by playwright-core from npm (package-lock.json),
# against `tahqiq serve` of the release build.
# Usage: scripts/browser-test.sh [--no-build]
# Screenshots go to build/browser-artifacts/. Without /usr/bin/chromium the
# run is skipped with a message (scripts/install-deps.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
chromium="${TAHQIQ_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "browser-test: SKIPPED: no Chromium at $chromium (scripts/install-deps.sh installs the chromium package)"
  exit 0
fi
command -v node >/dev/null && command -v npm >/dev/null || {
  echo "browser-test: node and npm are needed (scripts/install-deps.sh installs them)" >&2
  exit 1
}
if [ "${1:-}" != "--no-build" ]; then
  cmake --preset release >/dev/null
  cmake --build --preset release -j "$(nproc)" --target tahqiq tahqiq-extract
fi
cd tests/browser
# Exactly the locked versions; npm's cache makes a second run work offline.
npm ci --no-audit --no-fund --prefer-offline --loglevel=error
export TAHQIQ_BIN="${TAHQIQ_BIN:-$PWD/../../build/release/src/app/tahqiq}"
export TAHQIQ_CHROMIUM="$chromium"
# One test file, whose tests run in order; no flags newer than Debian 12's
# Node.js 18.
exec node --test --test-reporter=spec workbench.test.mjs
