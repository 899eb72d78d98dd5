#!/usr/bin/env bash
# compare.sh OLD_BUILD NEW_BUILD [TSV]: every sentence whose figures two builds of the grammar
# read differently, with both readings. Without TSV, the `# text` lines of every treebank in
# UD_DIR (about 40,000 sentences of English and Hebrew, most of them unlabeled): a round's rules are
# checked on broad text no split labels, where a change nobody would label so is a false figure
# the round introduced. TSV: "id<TAB>sentence" lines (figures_dump's input). EXCLUDE=FILE leaves
# out the sentences whose labeled-set id (first column of FILE, e.g. a sealed split's skeleton)
# names them, so a round never reads the text of the split that will measure it.
#
# Prints "id", the sentence, then "- old" and "+ new" per changed line, and a count at the end.
# Exit status 0 whether or not lines differ (it reports, it does not judge); 2 on bad usage.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ $# -lt 2 || $1 == -h || $1 == --help ]]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  [[ $# -ge 1 && ($1 == -h || $1 == --help) ]] && exit 0 || exit 2
fi
OLD=$1 NEW=$2
UD_DIR=${UD_DIR:-/work/bench-data/ud}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for b in "$OLD" "$NEW"; do
  cmake --build "$b" --target figures_dump >/dev/null
done
if [[ $# -ge 3 ]]; then
  cp "$3" "$TMP/in.tsv"
else
  if ! compgen -G "$UD_DIR/*.conllu" >/dev/null; then
    echo "compare.sh: UD_DIR=$UD_DIR holds no .conllu files (SOURCES.md)" >&2
    exit 2
  fi
  # A sentence's id is its file and sent_id; its text the `# text` line (tabs made spaces).
  for f in "$UD_DIR"/*.conllu; do
    awk -v f="$(basename "$f" .conllu)" '
      /^# sent_id = / { id = substr($0, 13) }
      /^# text = / { t = substr($0, 10); gsub(/\t/, " ", t); print f ":" id "\t" t }' "$f"
  done >"$TMP/all.tsv"
  # Labeled ids are "en-partut:en_partut-ud-1119"; here "en_partut-ud-train:en_partut-ud-1119".
  python3 - "$TMP/all.tsv" "${EXCLUDE:-}" >"$TMP/in.tsv" <<'PY'
import sys
skip = set()
if sys.argv[2]:
    skip = {l.split("\t", 1)[0].split(":", 1)[-1] for l in open(sys.argv[2], encoding="utf-8")}
for line in open(sys.argv[1], encoding="utf-8"):
    if line.split("\t", 1)[0].split(":", 1)[1] not in skip:
        sys.stdout.write(line)
PY
fi
"$OLD/src/analyze/figures_dump" <"$TMP/in.tsv" >"$TMP/old.tsv"
"$NEW/src/analyze/figures_dump" <"$TMP/in.tsv" >"$TMP/new.tsv"
python3 - "$TMP/in.tsv" "$TMP/old.tsv" "$TMP/new.tsv" <<'PY'
import sys
text = [l.rstrip("\n").split("\t", 1) for l in open(sys.argv[1], encoding="utf-8")]
old = [l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8")]
new = [l.rstrip("\n") for l in open(sys.argv[3], encoding="utf-8")]
if not (len(text) == len(old) == len(new)):
    sys.exit(f"compare.sh: {len(text)} sentences in, {len(old)} and {len(new)} lines out")
changed = 0
for (rid, sentence), a, b in zip(text, old, new):
    if a != b:
        changed += 1
        print(f"{rid}\n  {sentence}\n- {a.split(chr(9), 1)[-1]}\n+ {b.split(chr(9), 1)[-1]}\n")
print(f"{changed} of {len(text)} sentences read differently")
PY
