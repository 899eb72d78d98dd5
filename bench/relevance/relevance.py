#!/usr/bin/env python3
"""Judging and scoring for the relevance harness (see README.md).

  relevance.py queries REPO_DIR WORK_DIR   query files for relevance_run
  relevance.py report  REPO_DIR WORK_DIR   pool, judge, score; writes
                                           REPO_DIR/qrels.txt, forms.txt and
                                           WORK_DIR/report.md (printed too)

The judge is independent of every compared analyzer: its own normalization
and the hand-written word families of topics.tsv.
"""
import collections
import math
import os
import re
import sys
import unicodedata

LANGS = ('ar', 'he', 'en')
POOL_DEPTH = 100  # Every configuration's top 100 per query is judged.

AR_PROCLITICS = sorted({'', 'و', 'ف', 'ب', 'ل', 'ك', 'ال', 'وال', 'فال', 'بال', 'كال', 'لل', 'وبال',
                        'وكال', 'ولل', 'فبال', 'فلل', 'وب', 'ول', 'وك', 'فب', 'فل', 'فك'},
                       key=len)
AR_SUFFIXES = ('', 'ه', 'ها', 'هم', 'هما', 'هن', 'ك', 'كم', 'كن', 'نا')
HE_PROCLITIC = re.compile('^(ו)?(ש|כש|לכש|מש)?([בכלמ])?(ה)?')
AR_FOLD = str.maketrans('أإآٱى', 'ااااي')


def normalize(text):
    text = unicodedata.normalize('NFKC', text)
    text = ''.join(ch for ch in text
                   if unicodedata.category(ch) not in ('Mn', 'Me', 'Cf') and ch != '\u0640')
    return text.translate(AR_FOLD).casefold()


def words(text):
    out = []
    # Letters and digits apart (2011البرلمان, #البرلمان_المصري are two words).
    for w in re.findall(r'[^\W\d_]+|\d+', normalize(text)):
        if w.endswith('ة'):
            w = w[:-1] + 'ه'
        out.append(w)
    return out


class Family:
    """The written forms of one topic, as a matcher of document words."""

    def __init__(self, lang, query, cores, exclude):
        self.lang = lang
        self.exclude = set(words(' '.join(exclude)))
        self.lemma = words(cores[0])[0]
        self.query = words(query)[0]
        self.forms = set()
        for c in cores:
            c = normalize(c)
            if lang == 'ar':
                bases = [(c[:-1] + 'ه') if c.endswith('ة') else c]
                # Before a pronoun suffix a final teh marbuta is written teh.
                attached = c[:-1] + 'ت' if c.endswith('ة') else c
                for p in AR_PROCLITICS:
                    for s in AR_SUFFIXES:
                        self.forms.add(p + (bases[0] if not s else attached + s))
            else:
                self.forms.add(c)

    def remainders(self, w):
        """`w` without each proclitic sequence it may begin with (and whole)."""
        if self.lang == 'ar':
            return [w[len(p):] for p in AR_PROCLITICS if w.startswith(p) and len(w) > len(p)]
        if self.lang == 'he':
            m = HE_PROCLITIC.match(w)
            prefix = ''.join(g for g in m.groups() if g) if m else ''
            return [w[k:] for k in range(len(prefix) + 1) if w[:k] == prefix[:k]]
        return [w]

    def match(self, w):
        """0: not the family; 2: the lemma or the query word; 1: another form."""
        if any(r in self.exclude for r in self.remainders(w)):
            return 0
        if self.lang == 'ar':
            if w not in self.forms:
                return 0
            bare = {w} | {w[len(p):] for p in ('ال', 'و', 'ف', 'ب', 'ل', 'ك', 'وال', 'بال', 'لل')
                           if w.startswith(p)}
            return 2 if (w == self.query or self.lemma in bare) else 1
        if self.lang == 'he':
            # Every split of the proclitic sequence, shortest first, so that a
            # word beginning with a prefix letter can still be a core.
            for r in self.remainders(w):
                if r in self.forms:
                    return 2 if (w == self.query or r == self.lemma) else 1
            return 0
        if w in self.forms:
            return 2 if (w == self.query or w == self.lemma) else 1
        return 0


def read_tsv(path, min_cols):
    rows = []
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        cols = line.split('\t')
        if len(cols) >= min_cols:
            rows.append(cols)
    return rows


def load(repo):
    topics = {}
    for cols in read_tsv(os.path.join(repo, 'topics.tsv'), 4):
        qid, lang, query, cores = cols[:4]
        exclude = cols[4].split() if len(cols) > 4 else []
        topics[qid] = (lang, query, Family(lang, query, cores.split(), exclude))
    known = {}
    for cols in read_tsv(os.path.join(repo, 'known.tsv'), 4):
        kid, lang, doc, query = cols[:4]
        known[kid] = (lang, doc, query)
    return topics, known


def cmd_queries(repo, work):
    topics, known = load(repo)
    for lang in LANGS:
        with open(os.path.join(work, f'queries-{lang}.tsv'), 'w', encoding='utf-8') as out:
            for qid, (l, query, _) in topics.items():
                if l == lang:
                    out.write(f'{qid}\tAND\t{query}\n')
            for kid, (l, _, query) in known.items():
                if l == lang:
                    out.write(f'{kid}\tOR\t{query}\n')


def read_run(path):
    run = collections.defaultdict(list)
    config = None
    for line in open(path, encoding='utf-8'):
        qid, _, doc, _, _, config = line.split()
        run[qid].append(doc)
    return run, config


def ndcg(ranked, rels, k=10):
    dcg = sum(rels.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(rels.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked, rels, k=100):
    relevant = {d for d, g in rels.items() if g > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def cmd_report(repo, work):
    topics, known = load(repo)
    runs = {}  # lang -> config -> qid -> docs
    for lang in LANGS:
        runs[lang] = {}
        for f in sorted(os.listdir(work)):
            if f.startswith(f'run-{lang}-') and f.endswith('.txt'):
                run, config = read_run(os.path.join(work, f))
                runs[lang][f[len(f'run-{lang}-'):-4]] = run

    # Pool and judge.
    qrels = {}
    forms = collections.defaultdict(collections.Counter)
    for lang in LANGS:
        needed = collections.defaultdict(set)
        for run in runs[lang].values():
            for qid, docs in run.items():
                if qid in topics:
                    needed[qid].update(docs[:POOL_DEPTH])
        wanted = set().union(*needed.values()) if needed else set()
        doc_words = {}
        for line in open(os.path.join(work, f'docs-{lang}.tsv'), encoding='utf-8'):
            doc, text = line.rstrip('\n').split('\t', 1)
            if doc in wanted:
                doc_words[doc] = set(words(text))
        for qid, docs in needed.items():
            fam = topics[qid][2]
            qrels[qid] = {}
            for d in sorted(docs):
                grade = 0
                for w in doc_words.get(d, ()):
                    g = fam.match(w)
                    if g:
                        forms[qid][w] += 1
                    grade = max(grade, g)
                qrels[qid][d] = grade
    with open(os.path.join(repo, 'qrels.txt'), 'w', encoding='utf-8') as out:
        for qid in sorted(qrels):
            for d, g in sorted(qrels[qid].items()):
                out.write(f'{qid} 0 {d} {g}\n')
    with open(os.path.join(repo, 'forms.txt'), 'w', encoding='utf-8') as out:
        out.write('# Per query: the written forms the judge counted in the pooled documents\n'
                  '# (form:documents), for checking the families by eye.\n')
        for qid in sorted(forms):
            counted = sorted(forms[qid].items(), key=lambda x: (-x[1], x[0]))
            out.write(f'{qid}\t{topics[qid][1]}\t' +
                      ' '.join(f'{w}:{n}' for w, n in counted) + '\n')

    lines = []
    failing = []
    configs_all = ['none', 'lucene', 'snowball', 'tahqiq']
    lines.append('| language | queries | relevant per query | configuration | nDCG@10 | recall@100 | '
                 'known items | MRR | success@10 |')
    lines.append('|---|---|---|---|---|---|---|---|---|')
    for lang in LANGS:
        qids = [q for q, (l, _, _) in topics.items()
                if l == lang and any(g > 0 for g in qrels.get(q, {}).values())]
        kids = [k for k, (l, _, _) in known.items() if l == lang]
        per_query = {}
        rel_mean = (sum(sum(1 for g in qrels[q].values() if g > 0) for q in qids) / len(qids)
                    if qids else 0)
        for config in configs_all:
            run = runs[lang].get(config)
            if run is None:
                continue
            nd = [ndcg(run.get(q, []), qrels[q]) for q in qids]
            rc = [recall(run.get(q, []), qrels[q]) for q in qids]
            per_query[config] = dict(zip(qids, nd))
            rr, s10 = [], []
            for k in kids:
                docs = run.get(k, [])
                target = known[k][1]
                rank = docs.index(target) + 1 if target in docs else None
                rr.append(1 / rank if rank else 0.0)
                s10.append(1.0 if rank and rank <= 10 else 0.0)
            mean = lambda v: sum(v) / len(v) if v else 0.0
            lines.append(f'| {lang} | {len(qids)} | {rel_mean:.0f} | {config} | {mean(nd):.3f} | {mean(rc):.3f} | '
                         f'{len(kids)} | {mean(rr):.3f} | {mean(s10):.2f} |')
        if 'tahqiq' in per_query:
            for q in qids:
                best = max((per_query[c][q], c) for c in per_query if c != 'tahqiq')
                if per_query['tahqiq'][q] + 1e-9 < best[0]:
                    failing.append(f'{q} {topics[q][1]}: tahqiq {per_query["tahqiq"][q]:.3f} < '
                                   f'{best[1]} {best[0]:.3f}')
    lines.append('')
    lines.append('Queries where tahqiq scores below the best baseline (nDCG@10):')
    lines += [f'- {f}' for f in failing] or ['- none']
    report = '\n'.join(lines) + '\n'
    with open(os.path.join(work, 'report.md'), 'w', encoding='utf-8') as out:
        out.write(report)
    print(report)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ('queries', 'report'):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    {'queries': cmd_queries, 'report': cmd_report}[sys.argv[1]](sys.argv[2], sys.argv[3])


if __name__ == '__main__':
    main()
