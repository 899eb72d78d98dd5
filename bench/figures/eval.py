#!/usr/bin/env python3
"""Precision and recall of the figure extractor on the labeled set.

Usage: eval.py DUMP SENTENCES.tsv LABELED.tsv...
DUMP is the figures_dump binary; SENTENCES.tsv is corpus.py's output (id, sentence), used for
rows whose sentence is not stored in the labeled file. A predicted figure matches an expected one
with the same kind, value (relative difference below 1e-9; dates as strings) and unit or currency;
the approximation flag is reported apart. Prints a Markdown table per language and kind.
"""
import collections, subprocess, sys


def parse(field):
    out = []
    for f in field.split(" | "):
        f = f.strip()
        if not f:
            continue
        approx = f.endswith("~")
        parts = f.rstrip("~").split(" ")
        kind, value, extra = parts[0], parts[1], parts[2] if len(parts) > 2 else ""
        out.append((kind, value, extra, approx))
    return out


def same(a, b):
    if a[0] != b[0] or a[2] != b[2]:
        return False
    if a[0] in ("date", "daterange"):
        return a[1] == b[1]
    x, y = float(a[1]), float(b[1])
    return abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1)


def main():
    dump, sentences, labeled = sys.argv[1], sys.argv[2], sys.argv[3:]
    text = dict(l.rstrip("\n").split("\t", 1) for l in open(sentences, encoding="utf-8"))
    rows = []
    for path in labeled:
        for line in open(path, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            rid, sentence, expected = line.rstrip("\n").split("\t")
            if not sentence:
                sentence = text[rid]
            rows.append((rid, sentence, expected))
    inp = "".join(f"{rid}\t{s}\n" for rid, s, _ in rows)
    out = subprocess.run([dump], input=inp, capture_output=True, text=True, check=True).stdout
    predicted = dict(l.split("\t", 1) for l in out.rstrip("\n").split("\n"))
    # counts[(lang, kind)] = [true positives of predictions, predictions, found expected, expected]
    counts = collections.defaultdict(lambda: [0, 0, 0, 0])
    approx_agree = approx_total = 0
    errors = []
    for rid, sentence, expected in rows:
        lang = rid.split("-")[0]
        exp, pred = parse(expected), parse(predicted.get(rid, ""))
        used = [False] * len(exp)
        for p in pred:
            hit = next((k for k, e in enumerate(exp) if not used[k] and same(p, e)), None)
            for key in ((lang, p[0]), (lang, "all")):
                counts[key][1] += 1
                if hit is not None:
                    counts[key][0] += 1
            if hit is not None:
                used[hit] = True
                approx_total += 1
                approx_agree += p[3] == exp[hit][3]
            else:
                errors.append(f"  FP {rid}: {' '.join(p[:3])}")
        for k, e in enumerate(exp):
            for key in ((lang, e[0]), (lang, "all")):
                counts[key][3] += 1
                if used[k]:
                    counts[key][2] += 1
            if not used[k]:
                errors.append(f"  FN {rid}: {' '.join(e[:3])}")
    print("| language | kind | expected | predicted | precision | recall |")
    print("|---|---|---:|---:|---:|---:|")
    for (lang, kind) in sorted(counts, key=lambda k: (k[0], k[1] != "all", k[1])):
        tp, np_, fe, ne = counts[(lang, kind)]
        p = f"{tp / np_:.3f}" if np_ else "-"
        r = f"{fe / ne:.3f}" if ne else "-"
        name = f"**{kind}**" if kind == "all" else kind
        print(f"| {lang} | {name} | {ne} | {np_} | {p} | {r} |")
    print(f"\napproximation flag agrees on {approx_agree} of {approx_total} matched figures")
    print(f"{len(errors)} errors (false positives FP, misses FN) on stderr")
    print("\n".join(errors), file=sys.stderr)


if __name__ == "__main__":
    main()
