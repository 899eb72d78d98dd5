#!/usr/bin/python3
"""tahqiq's side of the side-by-side benchmark (bench/peers/run.sh); the peers are driven by the
shared kit (peers.sh, qbench.py), whose query translation, recall classes and percentile rule are
reused here so that tahqiq is measured the same way.

  tahqiq_bench.py sample   SRC DST N                      hard-link a deterministic N-file sample of SRC
  tahqiq_bench.py queries  QFILE CASE CORPUS REPS TAHQIQ  -> TSV on stdout (qbench.py's columns)
  tahqiq_bench.py quality  WORK CASE CORPUS TAHQIQ        -> WORK/results/tahqiq-quality.json
  tahqiq_bench.py report   WORK CASE CORPUS LABEL         -> markdown section on stdout
  tahqiq_bench.py section  RESULTS SECTION_FILE           put the section into RESULTS.md (replace or append)
"""
import sys, os, re, json, time, sqlite3, subprocess, statistics, collections

KIT = os.environ.get('KIT', '/work/shared/bench')
sys.path.insert(0, KIT)
import qbench  # noqa: E402  (the shared kit: QUALITY, family regexes, TOKEN, MARKS, norm, parse_time)


# ------------------------------------------------------------------ sample
def sample(src, dst, n):
    """Every k-th file of SRC in byte order, so each part of the corpus keeps its share."""
    n = int(n)
    rels = []
    for root, dirs, files in os.walk(src):
        dirs.sort()
        for f in sorted(files):
            rels.append(os.path.relpath(os.path.join(root, f), src))
    step = max(1, len(rels) / n)
    pick = [rels[int(i * step)] for i in range(min(n, len(rels)))]
    for rel in pick:
        out = os.path.join(dst, rel)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        os.link(os.path.join(src, rel), out)
    print(f'sample: {len(pick)} of {len(rels)} files -> {dst}', file=sys.stderr)


# ------------------------------------------------------------------ tahqiq access
def doc_paths(case, corpus):
    """doc id -> every corpus-relative path it was found at (tahqiq stores a duplicate file once and
    returns one row per document; the peers count paths, so hits are expanded to all paths)."""
    db = sqlite3.connect(f'file:{case}/case.db?mode=ro', uri=True)
    out = collections.defaultdict(set)
    for doc_id, path in db.execute('SELECT doc_id, path FROM provenance'):
        p = path.decode('utf-8', 'surrogateescape') if isinstance(path, bytes) else path
        out[doc_id].add(os.path.relpath(p, corpus) if p.startswith(corpus + '/') else p)
    db.close()
    return out


def search(tahqiq, case, q, limit):
    c = [tahqiq, 'search', '--case', case, '--limit', str(limit)]
    if limit > 10:
        c.append('--json')
    t0 = time.perf_counter()
    r = subprocess.run(c + ['--', q], capture_output=True, text=True, errors='replace')
    return time.perf_counter() - t0, r


def all_hits(tahqiq, case, q, paths):
    _, r = search(tahqiq, case, q, 10 ** 7)
    if r.returncode != 0:
        print(f'tahqiq search failed for {q!r}: {r.stderr.strip()[:200]}', file=sys.stderr)
    # one JSON object per '\n'-terminated line; str.splitlines would also split at U+2028 or U+0085
    # inside a snippet, which JSON leaves unescaped. The last line is the count (no 'id').
    lines = [json.loads(l) for l in r.stdout.split('\n') if l.strip()]
    ids = [j['id'] for j in lines if 'id' in j]
    got = set()
    for i in ids:
        got |= paths.get(i, set())
    return len(ids), got


def queries(qfile, case, corpus, reps, tahqiq):
    reps = int(reps)
    paths = doc_paths(case, corpus)
    qs = [l.rstrip('\n').split('\t') for l in open(qfile, encoding='utf-8')
          if l.strip() and not l.startswith('#')]
    print('engine\tqid\tkind\tlang\tquery\thits\tmedian_s\truns_s\tdocuments')
    for qid, kind, lang, q in qs:
        ndocs, got = all_hits(tahqiq, case, q, paths)  # hit count: full result list, untimed
        search(tahqiq, case, q, 10)  # warm-up
        ts = [search(tahqiq, case, q, 10)[0] for _ in range(reps)]
        print(f'tahqiq\t{qid}\t{kind}\t{lang}\t{q}\t{len(got)}\t{statistics.median(ts):.4f}\t'
              + ','.join(f'{t:.4f}' for t in ts) + f'\t{ndocs}', flush=True)


# ------------------------------------------------------------------ inflection recall
def classes(work):
    """qbench.quality's ground truth, computed the same way: doc -> class per query word."""
    textdir = f'{work}/text'
    docs = {}
    for sub in ('arabic', 'hebrew'):
        for root, _, files in os.walk(os.path.join(textdir, sub)):
            for f in files:
                p = os.path.join(root, f)
                docs[os.path.relpath(p, textdir)[:-4]] = set(
                    qbench.TOKEN.findall(open(p, encoding='utf-8', errors='replace').read()))
    out = {}
    for lang, base, core, note in qbench.QUALITY:
        suf = (('(?:ة|ت)' + qbench.AR_SUF) if core == 'حكوم' else
               ('(?:ה|ת|ות)' + qbench.HE_SUF) if core == 'מדינ' else
               (qbench.AR_SUF if lang == 'ar' else qbench.HE_SUF))
        fam = re.compile('^' + (qbench.AR_PRE if lang == 'ar' else qbench.HE_PRE) + core + suf + '$')
        cls = {}
        for rel, raw in docs.items():
            if base in raw:
                cls[rel] = 'exact'
            elif any(fam.match(t) for t in raw if not qbench.MARKS.search(t)):
                cls[rel] = 'affixed'
            elif (any(fam.match(qbench.norm(t)) for t in raw if qbench.MARKS.search(t))
                  or any(qbench.norm(t) == base for t in raw)):
                cls[rel] = 'pointed'
        out[(lang, base, note)] = cls
    return out


def quality(work, case, corpus, tahqiq):
    paths = doc_paths(case, corpus)
    res = {}
    for (lang, base, note), cls in classes(work).items():
        _, got = all_hits(tahqiq, case, base, paths)
        got = {g for g in got if g.split('/')[0] in ('arabic', 'hebrew')}
        found = collections.Counter(cls[g] for g in got if g in cls)
        other = sorted(g for g in got if g not in cls)
        res[f'{lang}:{base}'] = {'note': note, 'tot': collections.Counter(cls.values()),
                                 'found': found, 'other': len(other), 'other_examples': other[:5]}
    json.dump(res, open(f'{work}/results/tahqiq-quality.json', 'w'), ensure_ascii=False, indent=1)


# ------------------------------------------------------------------ report
def pct(ts, q):  # qbench.report's rule (nearest rank)
    ts = sorted(ts)
    return ts[min(len(ts) - 1, int(round(q * (len(ts) - 1))))]


def read_queries(p, kit_ids):
    per = collections.defaultdict(lambda: collections.defaultdict(list))  # engine -> subset -> runs
    hits = collections.defaultdict(dict)
    text = {}
    if not os.path.exists(p):
        return per, hits, text
    for l in open(p, encoding='utf-8').read().splitlines()[1:]:
        f = l.split('\t')
        ts = [float(x) for x in f[7].split(',')]
        e, qid, lang = f[0], f[1], f[3]
        per[e]['all'] += ts
        per[e]['kit' if qid in kit_ids else 'extra'] += ts
        per[e][lang] += ts
        hits[qid][e] = f[5]
        text[qid] = f[4]
    return per, hits, text


def ratio(a, b):
    return f'{a / b:.2f}' if a is not None and b else '—'


def report(work, case, corpus, label):
    R = f'{work}/results'
    rd = lambda n: open(f'{R}/{n}', encoding='utf-8').read().strip() if os.path.exists(f'{R}/{n}') else ''
    size = lambda n: int(rd(n)) if rd(n) else None
    w = print
    ncorpus = sum(len(f) for _, _, f in os.walk(corpus))
    mf = [l.split('\t') for l in rd('extract-manifest.tsv').splitlines()]
    w(f'## Side by side with the peers (issue 8): {label}\n')
    w(f'`bench/peers/run.sh` ({rd("started")} – {rd("finished")}), corpus `{corpus}`: {ncorpus:,} files, '
      f'{(size("corpus.size") or 0) / 2**20:,.0f} MiB. Every engine ran in this run on these files, '
      'each with its default configuration (tahqiq: `tahqiq ingest --case C CORPUS --json`, i.e. '
      'sandboxed parsers and OCR of images on). Measured with `/usr/bin/time -v` (CPU = user+sys '
      'including children; peak RSS = largest single process), index = `du -sb`. The machine is '
      'shared with other engineers\' builds: the load averages around each stage are listed below, '
      'so times are indicative; counts are exact.\n')
    w('Machine:\n```\n' + rd('machine.txt') + '\n```\n')
    if rd('note.md'):  # remarks on this run written by hand (e.g. a stage re-run)
        w(rd('note.md') + '\n')

    # ---- ingest
    st = json.loads(rd('tahqiq-status.json') or '{}')
    ing = json.loads(rd('tahqiq-ingest.json') or '{}')
    rec_inv, om_inv = rd('recoll.inventory'), rd('omega.inventory')
    grab = lambda rx, s: int(re.search(rx, s).group(1)) if re.search(rx, s) else None
    ext_ok = sum(1 for f in mf if len(f) > 1 and f[1] == 'ok')
    ext_bad = collections.Counter(f[1] + ': ' + re.sub(r'\.\w+ extractor', 'extractor', f[2])
                                  for f in mf if len(f) > 2 and f[1] != 'ok')
    rec_top = grab(r'top-level \(file\) documents: (\d+)', rec_inv)
    rec_sub = grab(r'sub-documents[^:]*: (\d+)', rec_inv)
    rec_dirs = grab(r"'inode/directory': (\d+)", rec_inv) or 0  # Recoll keeps a document per folder
    if rec_top is not None:
        rec_top -= rec_dirs
    rec_failed = grab(r'files recorded as failed[^:]*: (\d+)', rec_inv)
    rec_none = grab(r'corpus files with no document at all: (\d+)', rec_inv)
    om_docs = grab(r'xapian documents: (\d+)', om_inv)
    om_not = grab(r'corpus files not indexed: (\d+)', om_inv)
    by_status = st.get('by_status', {})
    t_fail = sum(n for s, n in by_status.items() if s != 'ok')
    rows = [
        ('tahqiq', 'tahqiq ingest', 'tahqiq', size('tahqiq.size'),
         f'{ing.get("files", "?")} files + {ing.get("attachments", "?")} archive/e-mail members → '
         f'{st.get("documents", "?")} distinct documents ({ing.get("present", "?")} duplicate files); '
         f'not extracted: {t_fail} '
         f'({", ".join(f"{k} {v}" for k, v in by_status.items() if k != "ok") or "none"})'),
        ('recoll', 'Recoll `recollindex -z`', 'recoll', size('recoll.size'),
         f'{rec_top} files (+{rec_sub} members; {rec_dirs} folder entries not counted), {rec_failed} '
         f'recorded as failed, {rec_none} with no document'),
        ('omega', 'Omega `omindex`', 'omega', size('omega.size'),
         f'{om_docs} documents; {om_not} files not indexed'),
        ('fts5', 'SQLite FTS5: extract.py + load', None, size('fts5.size'),
         f'{rd("fts5.docs")} documents; {len(mf) - ext_ok} files without text'),
    ]
    times = {n: qbench.parse_time(f'{R}/{n}.time') for n in ('tahqiq', 'recoll', 'omega', 'extract', 'fts5')}
    if times['extract'] and times['fts5']:
        e, f = times['extract'], times['fts5']
        times['fts5+'] = {'wall': e['wall'] + f['wall'], 'user': e['user'] + f['user'],
                          'sys': e['sys'] + f['sys'], 'rss_mb': max(e['rss_mb'], f['rss_mb']),
                          'exit': f'{e.get("exit")}/{f.get("exit")}'}
    key = {'tahqiq': 'tahqiq', 'recoll': 'recoll', 'omega': 'omega', 'fts5': 'fts5+'}
    w('### Ingest\n')
    w('| engine | wall s | CPU s | peak RSS MiB | index MiB (tahqiq: whole case) | exit | files indexed / skipped |')
    w('|---|---|---|---|---|---|---|')
    for k, lab, _, sz, files in rows:
        t = times.get(key[k])
        if not t:
            w(f'| {lab} | — | — | — | — | — | not run |')
            continue
        w(f'| {lab} | {t["wall"]:.1f} | {t["user"] + t["sys"]:.1f} | {t["rss_mb"]:.0f} | '
          f'{(sz or 0) / 2**20:,.0f} | {t.get("exit")} | {files} |')
    w('| ripgrep | 0 (no index) | 0 | — | 0 | — | reads the files at each query; no PDF/Office text |')
    parts = {}
    if os.path.isdir(case):
        for n in sorted(os.listdir(case)):
            r = subprocess.run(['du', '-sb', os.path.join(case, n)], capture_output=True, text=True)
            parts[n] = int(r.stdout.split()[0]) if r.returncode == 0 else 0
        w(f'\ntahqiq\'s case holds more than an index: ' + ', '.join(
            f'`{n}` {b / 2**20:,.0f} MiB' for n, b in parts.items())
          + ' (`blobs` = a copy of every original file and member, kept as evidence; `case.db` = metadata, '
          'provenance and the extracted text; `index` = the Xapian shards). Recoll `-z` and FTS5 also store '
          'the text; Omega does not.')
    t = times['tahqiq']
    if t:
        w('\nRatios tahqiq / peer (below 1 = tahqiq is faster or smaller):\n')
        w('| peer | wall | CPU | peak RSS | case size | case size without `blobs` |')
        w('|---|---|---|---|---|---|')
        nob = (size('tahqiq.size') or 0) - parts.get('blobs', 0)
        for k, lab, _, sz, _ in rows[1:]:
            p = times.get(key[k])
            if p:
                w(f'| {lab} | {ratio(t["wall"], p["wall"])} | '
                  f'{ratio(t["user"] + t["sys"], p["user"] + p["sys"])} | {ratio(t["rss_mb"], p["rss_mb"])} | '
                  f'{ratio(size("tahqiq.size"), sz)} | {ratio(nob, sz)} |')

    # ---- skipped, with reasons
    w('\n### Files not indexed, with reasons\n')
    reasons = collections.Counter()
    for f in st.get('failures', []):
        r = re.sub(r'\d+', 'N', f.get('reason', ''))[:90]
        reasons[f'{f.get("status")} ({f.get("type") or "?"}): {r}'] += 1
    w(f'- **tahqiq** (`tahqiq status --json`: status counts {json.dumps(by_status)}; index current: '
      f'{st.get("index_current")}; the first {len(st.get("failures", []))} failures by reason):')
    for r, n in reasons.most_common(12):
        w(f'  - {n} × {r}')
    m = re.search(r'failed by extension: (.*)', rec_inv)
    w(f'- **Recoll**: {rec_failed} files recorded as failed, by extension {m.group(1) if m else "?"}; '
      f'{rec_none} files with no document')
    m = re.search(r'corpus files not indexed: \d+\n\s+by extension: (.*)', om_inv)
    ext = m.group(1) if m else '?'
    if len(ext) > 300:
        ext = ext[:ext.rindex(',', 0, 300)] + ', …}'
    w(f'- **Omega**: {om_not} files not indexed, by extension {ext}')
    om_reasons = re.findall(r'^\s+(\d+)\s+(Skipping - .*)$', om_inv, re.M)[:6]
    for n, r in om_reasons:
        w(f'  - {n} × {r}')
    w(f'- **FTS5 / extract.py**: {len(mf) - ext_ok} files without text:')
    for r, n in ext_bad.most_common(8):
        w(f'  - {n} × {r}')

    # ---- queries
    kit_ids = {l.split('\t')[0] for l in open(f'{KIT}/queries.txt', encoding='utf-8')
               if l.strip() and not l.startswith('#')}
    per, hits, text = read_queries(f'{R}/queries-all.tsv', kit_ids)
    tper, thits, ttext = read_queries(f'{R}/tahqiq-queries.tsv', kit_ids)
    per.update(tper)
    text.update(ttext)
    for q, h in thits.items():
        hits[q].update(h)
    nq = len(text)
    w(f'\n### Query latency (one CLI process per query, top 10, 1 warm-up + {rd("reps") or 5} timed runs, '
      f'{nq} queries: the kit\'s {len(kit_ids)} and {nq - len(kit_ids)} Arabic/Hebrew ones of '
      '`bench/peers/queries-extra.txt`)\n')
    w('| engine | p50 ms | p95 ms | kit queries p50 / p95 ms | extra ar+he p50 / p95 ms | en / ar / he p50 ms | '
      'tahqiq/peer p50 | tahqiq/peer p95 |')
    w('|---|---|---|---|---|---|---|---|')
    order = ['tahqiq'] + [e for e in qbench.ENGINES if e in per]
    T = per.get('tahqiq', {}).get('all')
    for e in order:
        if e not in per:
            continue
        a = per[e]['all']
        f = lambda s: (f'{statistics.median(per[e][s]) * 1000:.1f} / {pct(per[e][s], .95) * 1000:.1f}'
                       if per[e].get(s) else '—')
        m = lambda s: f'{statistics.median(per[e][s]) * 1000:.1f}' if per[e].get(s) else '—'
        r50 = ratio(statistics.median(T), statistics.median(a)) if T and e != 'tahqiq' else ''
        r95 = ratio(pct(T, .95), pct(a, .95)) if T and e != 'tahqiq' else ''
        w(f'| {e} | {statistics.median(a) * 1000:.1f} | {pct(a, .95) * 1000:.1f} | {f("kit")} | {f("extra")} | '
          f'{m("en")} / {m("ar")} / {m("he")} | {r50} | {r95} |')
    w('\nHits per query (distinct files; tahqiq\'s documents are expanded to every path they were found at):\n')
    w('| qid | query | ' + ' | '.join(e for e in order if e in per) + ' |')
    w('|---|---|' + '---|' * len([e for e in order if e in per]))
    for qid in sorted(text, key=lambda k: (k[0] != 'e', k[0] != 'a', k)):
        w(f'| {qid} | {text[qid]} | ' + ' | '.join(hits[qid].get(e, '—') for e in order if e in per) + ' |')

    # ---- recall
    w('\n### Arabic / Hebrew inflection recall (the kit\'s check: same 10 words, same classes)\n')
    pq = json.loads(rd('quality.json') or '{}')
    tq = json.loads(rd('tahqiq-quality.json') or '{}')
    labels = ['tahqiq'] + sorted({lab for v in pq.values() for lab in v['v']},
                                 key=lambda s: ([x not in s for x in ('Recoll', 'omindex', 'FTS5', 'ripgrep')], s))
    w('Documents found / documents in the class, summed over the 5 words of each language; "other" = hits in '
      'arabic/ + hebrew/ outside the word family.\n')
    w('| engine / setting | ar exact | ar affixed | ar pointed | he exact | he affixed | he pointed | other ar / he |')
    w('|---|---|---|---|---|---|---|---|')
    for lab in labels:
        cells, other = [], {}
        for lang in ('ar', 'he'):
            tot, fnd, oth, have = collections.Counter(), collections.Counter(), 0, False
            for k, v in (tq if lab == 'tahqiq' else pq).items():
                if not k.startswith(lang + ':'):
                    continue
                tot.update(v['tot'])
                if lab == 'tahqiq':
                    fnd.update(v['found'])
                    oth += v['other']
                    have = True
                elif lab in v['v']:
                    fnd.update(v['v'][lab][0])
                    oth += v['v'][lab][1]
                    have = True
            for c in ('exact', 'affixed', 'pointed'):
                cells.append(f'{fnd[c]}/{tot[c]} ({100 * fnd[c] / tot[c]:.0f} %)' if have and tot[c] else
                             (f'{fnd[c]}/0' if have else '—'))
            other[lang] = str(oth) if have else '—'
        w(f'| {lab} | ' + ' | '.join(cells) + f' | {other["ar"]} / {other["he"]} |')
    if tq:
        w('\ntahqiq per word (found/in class; other = outside the family, with examples):\n')
        w('| word | exact | affixed | pointed | other |')
        w('|---|---|---|---|---|')
        for k, v in tq.items():
            c = lambda s: f'{v["found"].get(s, 0)}/{v["tot"].get(s, 0)}'
            ex = ', '.join(v['other_examples'][:3])
            w(f'| {k} ({v["note"]}) | {c("exact")} | {c("affixed")} | {c("pointed")} | {v["other"]}'
              + (f' (e.g. {ex})' if ex else '') + ' |')

    # ---- load
    w('\n### Machine load around each stage (`uptime` load averages 1/5/15 min)\n')
    w('| stage | before | after |')
    w('|---|---|---|')
    loads = collections.OrderedDict()
    for l in rd('load.tsv').splitlines():
        s, when, ts, la = l.split('\t')
        if s == 'report':  # re-run at will; measures nothing
            continue
        loads.setdefault(s, {})[when] = f'{ts} {la}'
    for s, d in loads.items():
        w(f'| {s} | {d.get("before", "")} | {d.get("after", "")} |')
    w('')


# ------------------------------------------------------------------ RESULTS.md
def section(results, secfile):
    """Put the markdown section in SECFILE into RESULTS: replaces the section with the same '## '
    title (up to the next '## ' title), or appends it; every other section is kept."""
    sec = open(secfile, encoding='utf-8').read().rstrip('\n') + '\n'
    title = sec.splitlines()[0]
    out, skip, done = [], False, False
    for l in open(results, encoding='utf-8').read().splitlines(keepends=True):
        if l.rstrip('\n') == title:
            skip = done = True
            out.append(sec + '\n')
            continue
        if skip and l.startswith('## '):
            skip = False
        if not skip:
            out.append(l)
    if not done:
        out.append('\n' + sec)
    open(results, 'w', encoding='utf-8').write(''.join(out).rstrip('\n') + '\n')


if __name__ == '__main__':
    cmd, args = sys.argv[1], sys.argv[2:]
    {'sample': sample, 'queries': queries, 'quality': quality, 'report': report, 'section': section}[cmd](*args)
