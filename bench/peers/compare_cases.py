#!/usr/bin/env python3
"""Whether two cases made from the same files by two builds hold the same
evidence and the same index, document by document (matched by SHA-256, since
document ids depend on the order the workers finish in).

usage: bench/peers/compare_cases.py CASE_A CASE_B

Compares, per document: type, MIME type, status, reason, language, title,
chunk count and an MD5 of the stored text; its fields; its figures (offsets,
kind, value, dates, unit, currency); its entity mentions (offsets, kind,
value); its paths. Then the failures recorded for files (path, reason), and
the index: every term of every shard with its document frequency, summed over
the shards (XID terms, which name document ids, are left out). Prints the
first differences of each kind and exits 1 if there is any.
"""
import collections
import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path


def documents(case):
    db = sqlite3.connect(f"file:{case}/case.db?mode=ro", uri=True)
    q = db.execute
    sha = dict(q("select id, sha256 from documents"))
    out = {}
    for (i, s, typ, mime, status, reason, lang, title, chunks) in q(
            "select id, sha256, type, mime, status, reason, lang, title, chunks from documents"):
        out[s] = {"doc": (typ, mime, status, reason, lang, title, chunks),
                  "text": hashlib.md5(), "fields": [], "figures": [], "entities": [], "paths": []}
    # Chunk keys are doc_id << 20 | seq (schema version 2).
    for key, text in q("select key, text from chunk_text order by key"):
        out[sha[key >> 20]]["text"].update(text.encode("utf-8", "surrogatepass"))
    for i, name, value in q("select doc_id, name, value from fields"):
        out[sha[i]]["fields"].append((name, value))
    for row in q("select doc_id, start, end, kind, value, date, date_from, date_to, unit, currency,"
                 " approx, text from figures"):
        out[sha[row[0]]]["figures"].append(row[1:])
    for row in q("select doc_id, start, end, kind, value from entity_mentions"):
        out[sha[row[0]]]["entities"].append(row[1:])
    for i, path, member, parent in q("select doc_id, path, member, parent_doc from provenance"):
        out[sha[i]]["paths"].append((str(path), member, sha.get(parent, "")))
    for d in out.values():
        d["text"] = d["text"].hexdigest()
        for k in ("fields", "figures", "entities", "paths"):
            d[k] = sorted(d[k], key=repr)
    errors = sorted((str(p), r) for p, r in q("select path, reason from file_errors"))
    return out, errors


def terms(case):
    c = collections.Counter()
    for shard in sorted(Path(case, "index").glob("shard-*")):
        out = subprocess.run(["xapian-delve", "-a", "-v", str(shard)], capture_output=True,
                             text=True, check=True).stdout
        toks = out.split(":", 1)[1].split()
        for t, n in zip(toks[0::2], toks[1::2]):
            if not t.startswith("XID"):
                c[t] += int(n)
    return c


def main():
    a, b = sys.argv[1], sys.argv[2]
    da, ea = documents(a)
    db, eb = documents(b)
    diffs = 0

    def report(what, detail):
        nonlocal diffs
        diffs += 1
        if diffs <= 30:
            print(f"DIFF {what}: {detail}")

    for s in sorted(set(da) | set(db)):
        if s not in da or s not in db:
            report("document only in one case", (s, s in da))
            continue
        for k in da[s]:
            if da[s][k] != db[s][k]:
                report(k, (s, str(da[s][k])[:300], str(db[s][k])[:300]))
    if ea != eb:
        report("file errors", (len(ea), len(eb), sorted(set(ea) ^ set(eb))[:5]))
    ta, tb = terms(a), terms(b)
    if ta != tb:
        only = [(t, ta.get(t), tb.get(t)) for t in sorted(set(ta) | set(tb)) if ta.get(t) != tb.get(t)]
        report("index terms", (len(only), only[:10]))
    print(f"{len(da)} / {len(db)} documents, {len(ea)} / {len(eb)} file errors, "
          f"{len(ta)} / {len(tb)} distinct terms, "
          f"{sum(len(d['figures']) for d in da.values())} figures, "
          f"{sum(len(d['entities']) for d in da.values())} entity mentions: "
          f"{'same' if diffs == 0 else f'{diffs} differences'}")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
