#!/usr/bin/env python3
"""Agreement of two people's labels of the same split (a labeled file read twice, apart).

Usage: agree.py A.tsv B.tsv [--list]
Matches figures row by row as eval.py matches a prediction to a label (kind, value, unit or
currency), so the numbers read like eval.py's: B's precision and recall against A, and their
harmonic mean (F1, which is symmetric). --list prints each row where the two differ, for the
person who settles them; without it nothing of the labels themselves is shown, so the summary can
be read before the split is scored.
"""
import sys

from eval import parse, same


def rows(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        rid, _, labels = line.rstrip("\n").split("\t")
        out[rid] = labels
    return out


def main():
    args = [a for a in sys.argv[1:] if a != "--list"]
    show = "--list" in sys.argv
    a, b = rows(args[0]), rows(args[1])
    if a.keys() != b.keys():
        sys.exit("agree.py: the two files do not hold the same row ids")
    both = only_a = only_b = approx_differ = rows_differ = 0
    for rid in a:
        ea, eb = parse(a[rid]), parse(b[rid])
        used = [False] * len(ea)
        for f in eb:
            k = next((i for i, e in enumerate(ea) if not used[i] and same(f, e)), None)
            if k is None:
                only_b += 1
            else:
                used[k] = True
                both += 1
                approx_differ += f[3] != ea[k][3]
        only_a += used.count(False)
        if not all(used) or len(eb) != sum(used):
            rows_differ += 1
            if show:
                print(f"{rid}\n  A: {a[rid]}\n  B: {b[rid]}")
    p = both / max(both + only_b, 1)
    r = both / max(both + only_a, 1)
    f1 = 2 * p * r / max(p + r, 1e-12)
    print(f"rows {len(a)}, rows that differ {rows_differ}; figures A {both + only_a}, "
          f"B {both + only_b}, agreed {both} (approximation flag differs on {approx_differ}); "
          f"B against A: precision {p:.3f}, recall {r:.3f}, F1 {f1:.3f}")


if __name__ == "__main__":
    main()
