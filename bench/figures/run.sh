#!/usr/bin/env bash
# Precision/recall of the figure extractor on the labeled set, and its speed.
# Usage: bench/figures/run.sh [BUILD_DIR] [DATA_DIR]
#   BUILD_DIR  default build/release (builds the figures_dump target there)
#   DATA_DIR   default /work/shared/bench/data (the shared corpus archives)
#   CORPUS_DIR (environment) default /work/bench-data/corpus: the corpus built by
#              make-corpus.sh, for the Debian Hebrew translations of the test3 split
#   UD_DIR     (environment) default /work/bench-data/ud: the .conllu files of UD_Hebrew (IAHLT's
#              HTB), UD_English-GUM, -ParTUT and -LinES, whose text test11 to test27 do not store (SOURCES.md), and
#              the training parts `ud.py --train` writes for test13
# ERRORS_DIR=dir keeps the list of errors per split (dev.errors, test.errors).
# Prints one table per labeled split (dev: used while writing the grammar; test .. test8:
# each labeled after the grammar of its round was frozen; SOURCES.md says which is held out) and MB/s per
# core over the source texts.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build/release}
DATA=${2:-/work/shared/bench/data}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cmake --build "$BUILD" --target figures_dump >/dev/null
bench/figures/fetch-l10n.sh  # the Debian catalogs test7 and test8 read
DUMP="$BUILD/src/analyze/figures_dump"
UD_DIR=${UD_DIR:-/work/bench-data/ud}  # he_htb-ud-*.conllu and en_gum-ud-*.conllu (test11 to test27)
for split in dev test test2 test3 test4 test5 test6 test7 test8 test9 test10 test11 test12 test13 test14 test15 test16 test17 test18 test19 test20 test21 test22 test23 test24 test25 test26 test27; do
  compgen -G "bench/figures/labeled/$split-*.tsv" >/dev/null || continue  # not labeled yet
  case $split in test11 | test12 | test13 | test14 | test15 | test16 | test17 | test18 | test19 | test20 | test21 | test22 | test23 | test24 | test25 | test26 | test27)  # their treebanks' text is not always stored: ud.py recovers it
    if ! compgen -G "$UD_DIR/*.conllu" >/dev/null; then
      echo "## $split split: skipped, UD_DIR=$UD_DIR holds no .conllu files (SOURCES.md)"; continue
    fi
    python3 bench/figures/ud.py --text "$TMP/$split.tsv" "$UD_DIR"/*.conllu
    case $split in test19 | test20 | test21)  # and its Arabic news rows, from the archive
      python3 bench/figures/corpus.py "$DATA" "$TMP/$split.news.tsv" "$split"
      cat "$TMP/$split.news.tsv" >>"$TMP/$split.tsv" ;;
    esac ;;
  *)
    python3 bench/figures/corpus.py "$DATA" "$TMP/$split.tsv" "$split" ;;
  esac
  echo "## $split split"
  python3 bench/figures/eval.py "$DUMP" "$TMP/$split.tsv" bench/figures/labeled/$split-*.tsv \
    2>"${ERRORS_DIR:-$TMP}/$split.errors"
  echo
done
# Speed: whole source texts, not only the labeled sentences.
mkdir -p "$TMP/src"
tar xJf "$DATA/elsayed-issa-Arabic-News-Summaries.tar.xz" -C "$TMP/src"
tar xJf "$DATA/omilab-Hebrew-sentiment.tar.xz" -C "$TMP/src"
tar xJf "$DATA/google-cloud-cli-528-docs.tar.xz" -C "$TMP/src"
python3 - "$TMP/src" <<'PY'
import json, os, sys
d = sys.argv[1]
with open(os.path.join(d, "ar.txt"), "w", encoding="utf-8") as out:
    for art in json.load(open(os.path.join(d, "ahd22.json"), encoding="utf-8")):
        out.write("\n".join(art.get("content", [])) + "\n\n")
with open(os.path.join(d, "he.txt"), "w", encoding="utf-8") as out:
    for name in ["token_train.tsv", "token_test.tsv"]:
        for line in open(os.path.join(d, "data", name), encoding="utf-8"):
            out.write(line.rsplit("\t", 1)[0] + "\n")
with open(os.path.join(d, "en.txt"), "w", encoding="utf-8") as out:
    man = os.path.join(d, "usr/share/man/man1")
    for name in sorted(os.listdir(man)):
        out.write(open(os.path.join(man, name), encoding="utf-8", errors="replace").read())
PY
echo "## speed (one thread, 256 KiB chunks as ingest stores them)"
for lang in ar he en; do
  printf '%s: ' "$lang"
  "$DUMP" --bench "$TMP/src/$lang.txt"
done
