#!/usr/bin/env python3
"""Builds the relevance collections from the shared archives, at run time.

Nothing of the data is kept in the repository: this script unpacks the
archives of /work/shared/bench/data (or $TAHQIQ_BENCH_DATA) into a work
folder and writes one file per language, `docs-<lang>.tsv`: document id, tab,
text on one line. Document ids follow the corpus layout of the shared
make-corpus.sh (same grouping: 10 tweets or comments per document, one news
article or Bible chapter per document, one man page per document).

usage: prepare.py DATA_DIR WORK_DIR
"""
import glob
import json
import os
import re
import sys
import tarfile
import xml.etree.ElementTree as ET


def unpack(data, name, work):
    dest = os.path.join(work, 'src', name)
    if not os.path.isdir(dest):
        os.makedirs(dest)
        with tarfile.open(os.path.join(data, name + '.tar.xz')) as t:
            t.extractall(dest)
    return dest


def one_line(s):
    return re.sub(r'\s+', ' ', s).strip()


def troff_text(src):
    out = []
    for line in src.splitlines():
        if line.startswith(('.TH', '.\\"', "'")):
            continue
        if line.startswith('.'):
            # A macro line: keep the words of headings (.SH "NAME"), drop the rest.
            m = re.match(r'\.(SH|SS)\s+"?([^"]*)"?', line)
            if m:
                out.append(m.group(2))
            continue
        line = re.sub(r'\\f[A-Z0-9]|\\f\(..|\\\(..|\\[&|^]', '', line)
        line = line.replace('\\-', '-').replace('\\ ', ' ').replace('\\e', '\\')
        out.append(line)
    return '\n'.join(out)


def main():
    data, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    docs = {'ar': [], 'he': [], 'en': []}

    # Arabic news (Ahdath.info): one document per article.
    d = unpack(data, 'elsayed-issa-Arabic-News-Summaries', work)
    k = 0
    for a in json.load(open(os.path.join(d, 'ahd22.json'), encoding='utf-8')):
        paras = [s for s in a.get('content', []) if s and s.strip() and s.strip() != 'AHDATH.INFO']
        if paras:
            docs['ar'].append((f'arabic/news-ahdath/{k:04d}', ' '.join(paras)))
            k += 1
    # Arabic tweets (ASTD): 10 per document.
    d = unpack(data, 'mahmoudnabil-ASTD-tweets', work)
    tw = [l.split('\t')[0].strip()
          for l in open(os.path.join(d, 'data/Tweets.txt'), encoding='utf-8', errors='replace')
          if l.strip()]
    for i in range(0, len(tw), 10):
        docs['ar'].append((f'arabic/tweets-astd/{i // 10:05d}', ' '.join(tw[i:i + 10])))

    # Hebrew comments: 10 per document.
    d = unpack(data, 'omilab-Hebrew-sentiment', work)
    rows = []
    for n in ('token_train.tsv', 'token_test.tsv'):
        rows += [l.rsplit('\t', 1)[0].strip()
                 for l in open(os.path.join(d, 'data', n), encoding='utf-8', errors='replace')
                 if l.strip()]
    for i in range(0, len(rows), 10):
        docs['he'].append((f'hebrew/comments/{i // 10:05d}', ' '.join(rows[i:i + 10])))
    # Hebrew Bible (WLC): one document per chapter, pointed as in the source.
    d = unpack(data, 'openscriptures-morphhb-wlc', work)
    ns = '{http://www.bibletechnologies.net/2003/OSIS/namespace}'
    for f in sorted(glob.glob(os.path.join(d, 'wlc/*.xml'))):
        book = os.path.basename(f)[:-4]
        if book == 'VerseMap':
            continue
        for chap in ET.parse(f).getroot().iter(ns + 'chapter'):
            words = []
            for v in chap.iter(ns + 'verse'):
                for el in v.iter():
                    if el.tag.split('}')[1] in ('w', 'seg') and el.text:
                        words.append(el.text.replace('/', ''))
            n = int(chap.get('osisID').split('.')[1])
            docs['he'].append((f'hebrew/tanakh-wlc/{book}/{book}-{n:03d}', ' '.join(words)))

    # English: gcloud man pages.
    d = unpack(data, 'google-cloud-cli-528-docs', work)
    for f in sorted(glob.glob(os.path.join(d, 'usr/share/man/man1/*.1'))):
        text = troff_text(open(f, encoding='utf-8', errors='replace').read())
        docs['en'].append(('man1/' + os.path.basename(f), text))

    for lang, rows in docs.items():
        with open(os.path.join(work, f'docs-{lang}.tsv'), 'w', encoding='utf-8') as out:
            for doc_id, text in rows:
                out.write(f'{doc_id}\t{one_line(text)}\n')
        print(f'{lang}: {len(rows)} documents', file=sys.stderr)


if __name__ == '__main__':
    main()
