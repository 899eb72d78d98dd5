#!/usr/bin/python3
"""Grow a corpus of N plain-text documents by sampling and recombining real paragraphs.

usage: grow.py TEXTDIR OUTDIR N [SEED]
TEXTDIR is text extracted from the shared corpus (the kit's extract.py output, WORK/text): its
paragraphs (blocks separated by blank lines, 40 bytes to 4 KiB) are pooled per part (arabic/,
hebrew/, everything else). Each new document takes one part, chosen with the part's share of the
pool's bytes, and 2 to 12 paragraphs drawn from that part at random, so documents stay in one
language and every sentence is real text; word statistics grow like a real collection's (new
combinations, same vocabulary). Documents go to OUTDIR/NNNN/NNNNNNN.txt, 1,000 per folder.
Deterministic for a given TEXTDIR, N and SEED.
"""
import os, re, sys, random

MAX_POOL = 400 << 20  # bytes of paragraphs kept in memory in all; a random subset beyond that


def pool(textdir, rng):
    files = []
    for root, dirs, fs in os.walk(textdir):
        dirs.sort()
        files += [os.path.join(root, f) for f in sorted(fs)]
    total = sum(os.path.getsize(f) for f in files)
    keep = min(1.0, MAX_POOL / max(total, 1))
    parts = {'arabic': [], 'hebrew': [], 'other': []}
    for f in files:
        part = os.path.relpath(f, textdir).split(os.sep)[0]
        part = part if part in parts else 'other'
        for p in re.split(rb'\n[ \t\r]*\n', open(f, 'rb').read()):
            p = p.strip()
            if 40 <= len(p) <= 4096 and (keep >= 1.0 or rng.random() < keep):
                parts[part].append(p)
    return {k: v for k, v in parts.items() if v}


def main():
    textdir, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 8)
    parts = pool(textdir, rng)
    names = sorted(parts)
    weights = [sum(map(len, parts[k])) for k in names]
    print('pool: ' + ', '.join(f'{k} {len(parts[k])} paragraphs' for k in names), file=sys.stderr)
    written = 0
    for i in range(n):
        part = parts[rng.choices(names, weights)[0]]
        body = b'\n\n'.join(rng.choice(part) for _ in range(rng.randint(2, 12))) + b'\n'
        d = os.path.join(out, f'{i // 1000:04d}')
        if i % 1000 == 0:
            os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f'{i:07d}.txt'), 'wb') as f:
            f.write(body)
        written += len(body)
    print(f'{n} documents, {written / 2**20:.0f} MiB -> {out}', file=sys.stderr)


if __name__ == '__main__':
    main()
