#!/usr/bin/env bash
# Formats the C++ sources with clang-format (.clang-format: Google base).
# Usage: scripts/format.sh [--check]   (--check: change nothing, fail if unformatted)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "format: clang-format not installed (apt-get install clang-format)"; exit 1; }
mapfile -t files < <(git ls-files 'src/*.cc' 'src/*.h' 'tests/e2e/*.cc' 'tests/e2e/*.h' 'fuzz/*.cc' 'fuzz/*.h' 'bench/*.cc' 'bench/**/*.cc')
if [ "${1:-}" = "--check" ]; then
  clang-format --dry-run -Werror "${files[@]}"
  echo "format: ${#files[@]} files formatted"
else
  clang-format -i "${files[@]}"
fi
