#!/usr/bin/env bash
# Installs tahqiq's build and runtime dependencies from Debian 12 packages,
# only those that are missing. Safe to run again.
# --bench: also the peers and tools of the side-by-side benchmark
# (bench/peers/run.sh: Recoll, Xapian Omega, SQLite, ripgrep and the filters
# they call, perf; wrk for bench/serve).
# Chromium, Node.js and npm are for the browser tests of the web workbench.
set -euo pipefail

PACKAGES=(
  g++ cmake ninja-build pkg-config clang-format git
  libxapian-dev libsqlite3-dev libicu-dev libstemmer-dev
  libpoppler-cpp-dev libarchive-dev libgmime-3.0-dev libxml2-dev
  libmagic-dev libmagic-mgc libsodium-dev libssl-dev libseccomp-dev libpst-dev libgsf-1-dev libfreexl-dev
  libtesseract-dev libleptonica-dev tesseract-ocr-ara tesseract-ocr-heb tesseract-ocr-eng
  tesseract-ocr-osd
  nlohmann-json3-dev libcli11-dev libfmt-dev libgtest-dev
  libcpp-httplib-dev libjemalloc-dev
  chromium
)
if [ "${1:-}" = --bench ]; then
  PACKAGES+=(
    python3 xz-utils time linux-perf recollcmd python3-recoll xsltproc aspell aspell-en xdg-utils
    file poppler-utils unzip antiword catdoc unrtf libwpd-tools python3-lxml python3-chardet
    xapian-omega xapian-tools python3-xapian ripgrep sqlite3 gettext
    wrk
  )
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# The browser tests (scripts/browser-test.sh) run on Node.js and npm: a
# machine that has them from elsewhere keeps them (Debian's npm package
# conflicts with other builds of nodejs), one without them gets Debian's.
if ! command -v node >/dev/null; then missing+=(nodejs); fi
if ! command -v npm >/dev/null; then missing+=(npm); fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
