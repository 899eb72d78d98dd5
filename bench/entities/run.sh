#!/bin/sh
# Precision/recall of the entity rules per language and kind on the labeled
# set (bench/entities/labeled, see SOURCES.md), and extraction speed in MB
# per CPU-second (one core), then on the held-out sample; speed over the labeled texts plus, when the shared
# data is present, whole files of the same sources (Arabic news, Hebrew
# comments, a Debian copyright file).
#   bench/entities/run.sh [BUILD_DIR]     (default build/release)
set -eu
cd "$(dirname "$0")/../.."
build=${1:-build/release}
cmake --build "$build" --target entities_score >/dev/null
speed=""
data=/work/shared/bench/data
if [ -d "$data" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  tar -xJf "$data/elsayed-issa-Arabic-News-Summaries.tar.xz" -C "$tmp"
  tar -xJf "$data/omilab-Hebrew-sentiment.tar.xz" -C "$tmp"
  tar -xJf "$data/debian-superseded-docs.tar.xz" -C "$tmp"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("\n".join("\n".join(x.get("content") or []) for x in d))' \
    "$tmp/ahd22.json" >"$tmp/ar-news.txt"
  cut -f1 "$tmp/data/token_train.tsv" >"$tmp/he-comments.txt"
  find "$tmp/usr/share/doc" -name changelog.Debian -exec cat {} + >"$tmp/en-changelogs.txt"
  speed="--speed $tmp/ar-news.txt $tmp/he-comments.txt $tmp/en-changelogs.txt"
fi
# shellcheck disable=SC2086
"$build/src/analyze/entities_score" bench/entities/labeled $speed
# The held-out sample (bench/entities/heldout, SOURCES.md): labeled after the
# rules of commit 6fbecf3, never used to write them.
echo "## held-out sample"
"$build/src/analyze/entities_score" bench/entities/heldout
