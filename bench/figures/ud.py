#!/usr/bin/env python3
"""Selects the sentences of the test9 and test10 splits from four Universal Dependencies treebanks.

Usage: ud.py OUT_DIR CONLLU...
Writes OUT_DIR/test9-{ar,he,en}.tsv and OUT_DIR/test10-{ar,he,en}.tsv as unlabeled skeletons
("id<TAB>sentence<TAB>", the header of labeled/*.tsv first), for a person to label by reading.

No earlier split read these treebanks, and none of them is in the shared corpus. They are the
first modern Hebrew prose with figures since the Hebrew comments ran out (Wikipedia articles and
Knesset proceedings), Arabic news and Wikipedia text (translated), and English web text (e-mail,
reviews, questions and answers, blogs). All four are CC BY-SA, so, unlike the Arabic news archive,
their sentences are stored in the labeled files themselves (SOURCES.md gives the attribution):

  he-wiki:<sent_id>     UD_Hebrew-IAHLTwiki    he_iahltwiki-ud-{dev,test}.conllu     CC BY-SA 4.0
  he-knesset:<sent_id>  UD_Hebrew-IAHLTknesset he_iahltknesset-ud-{dev,test}.conllu  CC BY-SA 4.0
  ar-pud:<sent_id>      UD_Arabic-PUD          ar_pud-ud-test.conllu                 CC BY-SA 3.0
  en-ewt:<sent_id>      UD_English-EWT         en_ewt-ud-{dev,test}.conllu           CC BY-SA 4.0

Selection is independent of the extractor, as for the other splits: the `# text` of each
sentence, in file order (files in the order given), kept when corpus.keep() accepts it (at most
400 characters, a digit or a figure word); English also needs a digit or corpus.EN_FIGURE (a
figure-like pattern such as `$5`, `ten days`), since English number words alone ("one of two")
are mostly not figures. Web text's times of day, phone numbers and list numbers stay in: they are
the look-alikes precision is about. The kept sentences
alternate between test9 (even positions) and test10 (odd), per source, so the two splits are
disjoint and alike; each takes at most QUOTA sentences of a source.
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402  (keep(), EN_FIGURE: the rules every split is selected by)

QUOTA = {"he-wiki": 130, "he-knesset": 40, "ar-pud": 130, "en-ewt": 140}
SOURCE = {"he_iahltwiki": "he-wiki", "he_iahltknesset": "he-knesset", "ar_pud": "ar-pud",
          "en_ewt": "en-ewt"}
HEADER = ("# id\tsentence (empty: recovered from the archive by corpus.py)\texpected figures: "
          "kind value [unit|currency][~], ' | ' between\n")


def read(path):
    """(sent_id, text) of each sentence of a CoNLL-U file, in order."""
    sid = None
    for line in open(path, encoding="utf-8"):
        if line.startswith("# sent_id ="):
            sid = line.split("=", 1)[1].strip()
        elif line.startswith("# text =") and sid is not None:
            yield sid, re.sub(r"\s+", " ", line.split("=", 1)[1]).strip()
            sid = None


def main():
    out_dir, paths = sys.argv[1], sys.argv[2:]
    kept = {}
    for path in paths:
        tag = SOURCE[os.path.basename(path).split("-ud-")[0]]
        rows = kept.setdefault(tag, [])
        seen = {s for _, s in rows}
        for sid, text in read(path):
            if text in seen or not corpus.keep(text):
                continue
            if tag == "en-ewt" and not (re.search(r"[0-9]", text) or corpus.EN_FIGURE.search(text)):
                continue
            seen.add(text)
            rows.append((f"{tag}:{sid}", text))
    os.makedirs(out_dir, exist_ok=True)
    for half, split in enumerate(("test9", "test10")):
        for lang in ("ar", "he", "en"):
            with open(os.path.join(out_dir, f"{split}-{lang}.tsv"), "w", encoding="utf-8") as out:
                out.write(HEADER)
                for tag in sorted(t for t in kept if t.startswith(lang)):
                    for rid, text in kept[tag][half::2][:QUOTA[tag]]:
                        out.write(f"{rid}\t{text}\t\n")


if __name__ == "__main__":
    main()
