#!/usr/bin/env python3
"""Selects the sentences of the splits test9 to test24: Universal Dependencies treebanks (test9 to
test24), and from test14 on three reading-comprehension sets, HeQ (Hebrew), ARCD and XQuAD
(Arabic; from test22 on also XQuAD's English).

Usage: ud.py OUT_DIR CONLLU...           test9 and test10 skeletons
       ud.py --test11 OUT_DIR CONLLU...  test11 skeletons (round 12; see test11() below)
       ud.py --test12 OUT_DIR CONLLU...  test12 skeleton (round 13, English only)
       ud.py --train MIRROR OUT_DIR      writes en_ewt-ud-train.conllu and en_gum-ud-train.conllu from
                                         the treebanks' per-document sources (see train() below)
       ud.py --test13 OUT_DIR CONLLU...  test13 skeletons (round 14; see test13() below)
       ud.py --test14 OUT_DIR HEQ_JSON CONLLU...  test14 skeletons (round 15; see test14() below)
       ud.py --test15 OUT_DIR HEQ_VAL_JSON ARCD_TEST_JSON CONLLU...  test15 (round 16)
       ud.py --test16 OUT_DIR HEQ_VAL_JSON HEQ_TEST_JSON ARCD_TRAIN_JSON CONLLU...  test16 (round 17)
       ud.py --test17 OUT_DIR HEQ_TEST_JSON ARCD_TRAIN_JSON XQUAD_AR_JSON CONLLU...  test17 (round 18)
       ud.py --test18 OUT_DIR XQUAD_AR_JSON CONLLU...  test18 (round 19; Arabic and English)
       ud.py --test19 OUT_DIR CONLLU...                test19 (round 21; English)
       ud.py --test20 OUT_DIR CONLLU...                test20 (round 23; English)
       ud.py --test21 OUT_DIR CONLLU...                test21 (round 25; English)
       ud.py --test22 OUT_DIR ARCD_TEST_JSON ARCD_TRAIN_JSON XQUAD_AR_JSON XQUAD_EN_JSON CONLLU...
                                         test22 (round 27; Arabic and English)
       ud.py --test23 (the same arguments)         test23 (round 28; as test22, odd articles)
       ud.py --test24 OUT_DIR CONLLU...                test24 (round 29; English: ParTUT, LinES)
       ud.py --test25 OUT_DIR CONLLU...                test25 and test26 together (rounds 30, 31;
                                         English: the ParTUT and LinES rows test24 left, EWT, GUM)
       ud.py --test27 OUT_DIR CONLLU...                test27 (after round 30; English: EWT, GUM)
       ud.py --text OUT_TSV CONLLU...    "id<TAB>sentence" of the labeled rows (test11 on) whose text the
                                         labeled file does not store (run.sh, at measurement)
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
import os, re, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402  (keep(), EN_FIGURE: the rules every split is selected by)

QUOTA = {"he-wiki": 130, "he-knesset": 40, "ar-pud": 130, "en-ewt": 140}
SOURCE = {"he_iahltwiki": "he-wiki", "he_iahltknesset": "he-knesset", "ar_pud": "ar-pud",
          "en_ewt": "en-ewt", "he_htb": "he-htb", "en_gum": "en-gum", "en_pud": "en-pud",
          "en_partut": "en-partut", "en_lines": "en-lines"}
# test11's treebanks are CC BY-NC-SA: their text is never stored in the repository, only ids and
# labels, and --text recovers it from the .conllu files (UD_DIR in run.sh), as corpus.py does for
# the Arabic news archive.
NOT_STORED = ("he-htb", "en-gum", "en-partut", "en-lines")
QUOTA11 = {"he-htb": 150, "en-gum": 140, "ar-doc": 130}
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


def kept_rows(paths, unique=True):
    """{source tag: [(id, text)]} of the sentences the selection keeps, in file order; with
    `unique`, a text already kept under another id (in any of `paths`) is not kept again."""
    kept = {}
    for path in paths:
        tag = SOURCE[os.path.basename(path).split("-ud-")[0]]
        rows = kept.setdefault(tag, [])
        seen = {s for _, s in rows} if unique else set()
        for sid, text in read(path):
            if text in seen or not corpus.keep(text):
                continue
            if tag.startswith("en-") and not (re.search(r"[0-9]", text) or corpus.EN_FIGURE.search(text)):
                continue
            seen.add(text)
            if sid.isdigit():  # HTB numbers the sentences of each file from 1
                sid = os.path.basename(path).split("-ud-")[1].split(".")[0] + "-" + sid
            rows.append((f"{tag}:{sid}", text))
    return kept


def handbook_arabic(exclude):
    """The Debian Administrator's Handbook in Moroccan Arabic (CORPUS/html/debian-handbook/ar-MA),
    tags stripped and split as corpus.py does for test4's ar-doc rows, at most 2 sentences a
    page, skipping the 40 that test4 labeled (`exclude`, their ids)."""
    d = os.path.join(corpus.CORPUS, "html", "debian-handbook", "ar-MA")
    rows = []
    for f in sorted(os.listdir(d)):
        text = corpus.html_text(os.path.join(d, f))
        taken = 0
        for k, s in enumerate(corpus.sentences(text, "ar")):
            rid = f"ar-doc:{f}:{k}"
            # Six Arabic words at least: the pages' numbered headings ("الإدارة المتقدمة 12.1.")
            # would otherwise fill the quota.
            if taken < 2 and rid not in exclude and corpus.keep(s) and re.search(
                    r"[0-9\u0660-\u0669]", s) and len(re.findall(r"[\u0621-\u064a]+", s)) >= 6:
                rows.append((rid, s))
                taken += 1
    return rows


def test11(out_dir, paths):
    """test11 (round 12): Hebrew news of Haaretz (UD_Hebrew HTB as IAHLT revised it), English
    Wikinews, Wikivoyage, textbooks, speeches, conversation, fiction and how-to texts (UD_English
    GUM), and Arabic sentences of the Debian Handbook that test4 did not take; no split read the
    two treebanks. At most QUOTA11 sentences a source, from each file's start, and at most 3 a
    GUM document."""
    kept = kept_rows(paths)
    # GUM's documents come genre by genre; at most 3 sentences a document spreads the quota.
    per_doc = {}
    gum = []
    for rid, text in kept.get("en-gum", []):
        doc = rid.rsplit("-", 1)[0]
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if per_doc[doc] <= 3:
            gum.append((rid, text))
    kept["en-gum"] = gum
    here = os.path.dirname(os.path.abspath(__file__))
    test4 = {l.split("\t", 1)[0] for l in open(os.path.join(here, "labeled", "test4-ar.tsv"),
                                                 encoding="utf-8")}
    kept["ar-doc"] = handbook_arabic(test4)
    os.makedirs(out_dir, exist_ok=True)
    for lang in ("ar", "he", "en"):
        with open(os.path.join(out_dir, f"test11-{lang}.tsv"), "w", encoding="utf-8") as out:
            out.write(HEADER)
            for tag in sorted(t for t in kept if t.startswith(lang) and t in QUOTA11):
                for rid, text in kept[tag][:QUOTA11[tag]]:
                    out.write(f"{rid}\t{text}\t\n")


def test12(out_dir, paths):
    """test12 (round 13, English only): the GUM sentences test11 left, the 4th to 12th kept
    sentence of each document, at most 140, so that English, the language furthest from the goal
    after test11, has a held-out split of its own; all documents' 4th sentences first, then the
    5ths, and so on."""
    kept = kept_rows(paths)
    per_doc, rows = {}, []
    for i, (rid, text) in enumerate(kept.get("en-gum", [])):
        doc = rid.rsplit("-", 1)[0]
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if 4 <= per_doc[doc] <= 12:
            rows.append((per_doc[doc], i, rid, text))
    # Every document's 4th sentence first, then the 5ths...: the quota spreads over the genres.
    rows = [(rid, text) for _, _, rid, text in sorted(rows)]
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "test12-en.tsv"), "w", encoding="utf-8") as out:
        out.write(HEADER)
        for rid, text in rows[:140]:
            out.write(f"{rid}\t{text}\t\n")


def train(mirror, out_dir):
    """The training parts of UD_English-EWT and UD_English-GUM, which the mirror lacks as files
    (their released train .conllu is too big for it) but holds document by document under
    not-to-release/sources: EWT's in the order of not-to-release/file-lists/files.train, GUM's
    the documents that are in neither the dev nor the test file, in name order. No split before
    test13 read a training document of either treebank."""
    def show(repo, path):
        return subprocess.run(["git", "--git-dir", os.path.join(mirror, repo, "repo"), "show",
                               f"HEAD:{path}"], capture_output=True, text=True, check=True).stdout
    os.makedirs(out_dir, exist_ok=True)
    ewt = "UniversalDependencies+UD_English-EWT"
    with open(os.path.join(out_dir, "en_ewt-ud-train.conllu"), "w", encoding="utf-8") as out:
        for name in show(ewt, "not-to-release/file-lists/files.train").split():
            out.write(show(ewt, f"not-to-release/sources/{name}"))
    gum = "UniversalDependencies+UD_English-GUM"
    held = set(re.findall(r"# newdoc id = (\S+)", show(gum, "en_gum-ud-dev.conllu") +
                          show(gum, "en_gum-ud-test.conllu")))
    names = subprocess.run(["git", "--git-dir", os.path.join(mirror, gum, "repo"), "ls-tree",
                            "--name-only", "HEAD", "not-to-release/sources/"],
                           capture_output=True, text=True, check=True).stdout.split()
    with open(os.path.join(out_dir, "en_gum-ud-train.conllu"), "w", encoding="utf-8") as out:
        for path in sorted(names):
            if os.path.basename(path)[:-len(".conllu")] not in held:
                out.write(show(gum, path))


QUOTA13 = {"ar-pud": 140, "he-htb": 110, "en-ewt": 120, "en-gum": 80}
EWT_GENRES = {"email": 40, "newsgroup": 25, "weblog": 25, "answers": 15, "reviews": 15}


def used_ids():
    """The ids of every labeled split's rows."""
    return corpus.labeled_ids()


def unseen_rows(paths, quota, split=None, mine=frozenset()):
    """{tag: [(id, text)]}: the kept sentences of `quota`'s sources that no labeled split but
    `split` holds (so a split's selection is reproduced after it is labeled); EWT and GUM at most
    2 a document (the next 2 once a split took the first), EWT at most EWT_GENRES a genre, GUM's
    documents interleaved by genre."""
    used = used_ids() - (corpus.labeled_ids(split) if split else set()) - mine
    kept = kept_rows(paths)
    per_doc, per_genre, rows, gum, docs = {}, {}, {}, [], {}
    for tag in quota:
        for rid, text in kept.get(tag, []):
            if rid in used:
                continue
            sid = rid.split(":", 1)[1]
            if tag in ("en-ewt", "en-gum"):
                doc = sid.rsplit("-", 1)[0]
                per_doc[doc] = per_doc.get(doc, 0) + 1
                if per_doc[doc] > 2:
                    continue
                genre = sid.split("-")[0] if tag == "en-ewt" else sid.split("_")[1]
                if tag == "en-gum":
                    # Documents come genre by genre: every genre's first documents come first.
                    rank = docs.setdefault(genre, {}).setdefault(doc, len(docs[genre]))
                    gum.append((per_doc[doc], rank, genre, rid, text))
                    continue
                per_genre[genre] = per_genre.get(genre, 0) + 1
                if per_genre[genre] > EWT_GENRES.get(genre, 0):
                    continue
            rows.setdefault(tag, []).append((rid, text))
    rows["en-gum"] = [(rid, text) for *_, rid, text in sorted(gum)]
    return rows


def write_split(out_dir, split, rows, quota):
    os.makedirs(out_dir, exist_ok=True)
    for lang in ("ar", "he", "en"):
        if not any(t.startswith(lang) for t in rows):
            continue
        with open(os.path.join(out_dir, f"{split}-{lang}.tsv"), "w", encoding="utf-8") as out:
            out.write(HEADER)
            for tag in sorted(t for t in rows if t.startswith(lang)):
                for rid, text in rows[tag][:quota[tag]]:
                    out.write(f"{rid}\t{text}\t\n")


def test13(out_dir, paths):
    """test13 (round 14): text no split has read, in all three languages. Arabic: the UD_Arabic-PUD
    sentences test9 and test10 did not take (news and Wikipedia). Hebrew: the HTB sentences test11
    did not take (Haaretz; mostly its test file). English: the training documents of EWT (Enron
    e-mail, newsgroups, blogs, answers, reviews: at most 2 sentences a document and EWT_GENRES a
    genre) and of GUM (at most 2 a document), see train(). A row of any labeled split is never
    taken again (so this selected test13 only before test13's own labels existed)."""
    write_split(out_dir, "test13", unseen_rows(paths, QUOTA13), QUOTA13)


QUOTA14 = {"ar-pud": 140, "he-heq": 150, "en-ewt": 120, "en-gum": 60}


def squad_sentences(path, lang, tag):
    """Sentences of a reading-comprehension set in SQuAD's JSON layout (data → paragraphs →
    context): split as corpus.py splits `lang`, at most 2 kept sentences a paragraph (corpus.keep:
    a digit or a figure word), ids `tag:<source>:<article>:<paragraph>:<sentence>` (source: the
    article's "source" field, HeQ's Wikipedia or Geektime, else "wiki"), the sources alternating
    so that a quota takes as many of each."""
    import html, json
    by_source = {}
    for a, article in enumerate(json.load(open(path, encoding="utf-8"))["data"]):
        source = article.get("source", "wiki").lower()
        for p, para in enumerate(article["paragraphs"]):
            taken = 0
            for k, sent in enumerate(corpus.sentences(html.unescape(para["context"]), lang)):
                if taken < 2 and corpus.keep(sent):
                    by_source.setdefault(source, []).append((f"{tag}:{source}:{a}:{p}:{k}", sent))
                    taken += 1
    if len(by_source) == 1:
        return next(iter(by_source.values()))
    rows = []
    for pair in zip(*(by_source[s] for s in sorted(by_source))):
        rows.extend(pair)
    return rows


def test14(out_dir, heq, paths):
    """test14 (round 15): Hebrew from a source no split read, HeQ (Hebrew Wikipedia and Geektime
    technology news, CC BY 4.0: sentences stored); English, the next 2 kept sentences of the EWT
    and GUM training documents test13 read (unseen_rows); Arabic, the PUD sentences left."""
    rows = unseen_rows(paths, QUOTA14)
    rows["he-heq"] = squad_sentences(heq, "he", "he-heq")
    write_split(out_dir, "test14", rows, QUOTA14)


QUOTA15 = {"ar-arcd": 140, "he-heq": 140, "en-ewt": 120, "en-gum": 60}


def test15(out_dir, heq_val, arcd_test, paths):
    """test15 (round 16): Arabic from a source no split read, ARCD (Arabic Wikipedia paragraphs of
    the Arabic Reading Comprehension Dataset, SOQAL's `data/arcd-test.json`); Hebrew, HeQ's
    validation set (test14 read its test set); English, the next 2 kept sentences of the EWT and
    GUM training documents test13 and test14 read."""
    rows = unseen_rows(paths, QUOTA15)
    # ARCD's paragraphs overlap (one article's text cut several ways for its questions): of the
    # first 140 sentences, 19 repeat an earlier one and are left out, so 121 remain.
    rows["ar-arcd"], seen = [], set()
    for rid, text in squad_sentences(arcd_test, "ar", "ar-arcd")[:QUOTA15["ar-arcd"]]:
        if text not in seen:
            seen.add(text)
            rows["ar-arcd"].append((rid, text))
    # "val" in HeQ's ids: a paragraph of its test set can have the same numbers.
    rows["he-heq"] = [(rid.replace("he-heq:", "he-heq:val:", 1), text)
                      for rid, text in squad_sentences(heq_val, "he", "he-heq")]
    write_split(out_dir, "test15", rows, QUOTA15)


QUOTA16 = {"ar-arcd": 180, "he-heq": 180, "en-ewt": 120, "en-gum": 80}


def labeled_texts():
    """The sentences the labeled files store (to leave out a repeat under another id)."""
    here = os.path.dirname(os.path.abspath(__file__))
    texts = set()
    for name in os.listdir(os.path.join(here, "labeled")):
        for line in open(os.path.join(here, "labeled", name), encoding="utf-8"):
            cells = line.split("\t")
            if len(cells) > 1 and cells[1]:
                texts.add(cells[1])
    return texts


def without_near_copies(rows, earlier):
    """`rows` without a sentence that nearly repeats an earlier row or one of `earlier` (ARCD
    cuts one article's text several ways, with small edits: a quote mark, a dropped name).
    Near: difflib's similarity at least 0.75; the copies seen read 0.75 to 1.00, and different
    sentences of one article at most 0.52."""
    import difflib
    kept, texts = [], list(earlier)
    for rid, text in rows:
        def near(other):
            m = difflib.SequenceMatcher(None, text, other, autojunk=False)
            return m.real_quick_ratio() >= 0.75 and m.quick_ratio() >= 0.75 and m.ratio() >= 0.75
        if not any(near(t) for t in texts):
            kept.append((rid, text))
        texts.append(text)
    return kept


def test16(out_dir, heq_val, heq_test, arcd_train, paths):
    """test16 (round 17): Arabic, ARCD's training set (`data/arcd-train.json`; test15 read its
    test set), a sentence left out when it repeats one already selected or labeled (the paragraphs
    overlap); Hebrew, the HeQ sentences test14 and test15 left, validation set first; English, the
    next 2 kept sentences of the EWT and GUM training documents test13 to test15 read."""
    rows = unseen_rows(paths, QUOTA16)
    used, seen = used_ids(), labeled_texts()
    rows["ar-arcd"] = []
    for rid, text in squad_sentences(arcd_train, "ar", "ar-arcd"):
        if text not in seen:
            seen.add(text)
            rows["ar-arcd"].append((rid.replace("ar-arcd:", "ar-arcd:train:", 1), text))
    # Near copies are left out after the quota (so 168 of the 180 remain); they were labeled
    # before this was seen, alike, and counted one construct twice.
    ar_seen = [t for t in labeled_texts() if re.search("[\u0600-\u06ff]", t)]
    rows["ar-arcd"] = without_near_copies(rows["ar-arcd"][:QUOTA16["ar-arcd"]], ar_seen)
    rows["he-heq"] = []
    for prefix, path in (("he-heq:val:", heq_val), ("he-heq:", heq_test)):
        for rid, text in squad_sentences(path, "he", "he-heq"):
            rid = rid.replace("he-heq:", prefix, 1)
            if rid not in used and text not in seen:
                seen.add(text)
                rows["he-heq"].append((rid, text))
    write_split(out_dir, "test16", rows, QUOTA16)


QUOTA17 = {"ar-arcd": 180, "ar-xquad": 180, "he-heq": 180, "en-ewt": 120, "en-gum": 80}


def test17(out_dir, heq_test, arcd_train, xquad_ar, paths):
    """test17 (round 18): Arabic, the ARCD training sentences test16 left, then XQuAD's Arabic
    (google-deepmind/xquad `xquad.ar.json`: SQuAD's Wikipedia paragraphs, translated by
    professionals; CC BY-SA 4.0) up to 180 in all; Hebrew, the HeQ test-set sentences test14 left;
    English, the next 2 kept sentences of the EWT and GUM training documents test13 to test16
    read. A sentence repeating one selected or labeled is left out."""
    rows = unseen_rows(paths, QUOTA17)
    used, seen = used_ids(), labeled_texts()
    for tag, path, prefix in (("ar-arcd", arcd_train, "ar-arcd:train:"),
                              ("ar-xquad", xquad_ar, "ar-xquad:"),
                              ("he-heq", heq_test, "he-heq:")):
        rows[tag] = []
        lang = tag.split("-")[0]
        for rid, text in squad_sentences(path, lang, tag):
            rid = rid.replace(tag + ":", prefix, 1)
            if rid not in used and text not in seen:
                seen.add(text)
                rows[tag].append((rid, text))
    rows["ar-xquad"] = rows["ar-xquad"][:max(0, 180 - len(rows["ar-arcd"]))]
    # As in test16, near copies go after the quota (172 of the 180 remain).
    ar_seen = [t for t in labeled_texts() if re.search("[\u0600-\u06ff]", t)]
    rows["ar-arcd"] = without_near_copies(rows["ar-arcd"], ar_seen)
    write_split(out_dir, "test17", rows, QUOTA17)


QUOTA18 = {"ar-xquad": 180, "en-ewt": 120, "en-gum": 80}


def test18(out_dir, xquad_ar, paths):
    """test18 (round 19): Arabic, the XQuAD sentences test17 left; English, the next 2 kept
    sentences of the EWT and GUM training documents test13 to test17 read. No Hebrew: every
    Hebrew source in reach is used up (HeQ's training set is not in its repository's snapshot)."""
    rows = unseen_rows(paths, QUOTA18)
    used, seen = used_ids(), labeled_texts()
    rows["ar-xquad"] = []
    for rid, text in squad_sentences(xquad_ar, "ar", "ar-xquad"):
        if rid not in used and text not in seen:
            seen.add(text)
            rows["ar-xquad"].append((rid, text))
    ar_seen = [t for t in labeled_texts() if re.search("[\u0600-\u06ff]", t)]
    rows["ar-xquad"] = without_near_copies(rows["ar-xquad"][:QUOTA18["ar-xquad"]], ar_seen)
    write_split(out_dir, "test18", rows, QUOTA18)


QUOTA19 = {"en-pud": 100, "en-ewt": 60, "en-gum": 40}


def test19(out_dir, paths):
    """test19's English half (round 21; the Arabic half is corpus.py's Moroccan news): UD_English-PUD
    (`en_pud-ud-test.conllu`: news and Wikipedia sentences in their original English, the text
    the Arabic ar-pud rows translate; no split read it), then the next 2 kept sentences of the EWT
    and GUM training documents test13 to test18 read."""
    write_split(out_dir, "test19", unseen_rows(paths, QUOTA19, "test19"), QUOTA19)


def test20(out_dir, paths):
    """test20's English half (round 23; the Arabic half is corpus.py's Moroccan news): as test19,
    the PUD sentences test19 left, then the next 2 kept sentences of the EWT and GUM training
    documents test13 to test19 read."""
    write_split(out_dir, "test20", unseen_rows(paths, QUOTA19, "test20"), QUOTA19)


# PUD has only 49 kept sentences left, so EWT and GUM give more to keep the split at about 200.
QUOTA21 = {"en-pud": 100, "en-ewt": 90, "en-gum": 60}


def test21(out_dir, paths):
    """test21's English half (round 25): the 49 PUD sentences test19 and test20 left, then the next
    2 kept sentences of the EWT and GUM training documents test13 to test20 read (90 and 60)."""
    write_split(out_dir, "test21", unseen_rows(paths, QUOTA21, "test21"), QUOTA21)


QUOTA22 = {"ar-arcd": 400, "ar-xquad": 400, "en-xquad": 400, "en-ewt": 60, "en-gum": 40}


def reading_split(out_dir, split, parity, arcd_test, arcd_train, xquad_ar, xquad_en, paths):
    """test22 (round 27, even articles) and test23 (round 28, odd articles): the
    reading-comprehension sentences the earlier splits left, from the articles whose number has
    `parity`, so the two are disjoint and alike. Arabic: ARCD's test set (test15 took its first
    140), its training set (test16 and test17), then XQuAD's Arabic (test17 and test18), a
    sentence left out when it nearly repeats one selected or labeled. English: XQuAD's English
    (`xquad.en.json`, the SQuAD paragraphs the Arabic file translates: Wikipedia, a genre no
    English split read in bulk), then the next 2 kept sentences of the EWT and GUM training
    documents the earlier splits read. `split`'s own labeled rows do not count as used, so the
    selection is reproduced after it is labeled."""
    rows = unseen_rows(paths, QUOTA22, split)
    mine = corpus.labeled_ids(split)
    used = used_ids() - mine
    seen = {t for t in labeled_texts() - split_texts(split)}
    for tag, path, prefix in (("ar-arcd", arcd_test, "ar-arcd:"),
                              ("ar-arcd", arcd_train, "ar-arcd:train:"),
                              ("ar-xquad", xquad_ar, "ar-xquad:"),
                              ("en-xquad", xquad_en, "en-xquad:")):
        lang = tag.split("-")[0]
        for rid, text in squad_sentences(path, lang, tag):
            if lang == "en" and not (re.search(r"[0-9]", text) or corpus.EN_FIGURE.search(text)):
                continue  # as kept_rows() for English
            rid = rid.replace(tag + ":", prefix, 1)
            article = int(rid.split(":")[-3])
            if article % 2 == parity and rid not in used and text not in seen:
                seen.add(text)
                rows.setdefault(tag, []).append((rid, text))
    ar_seen = [t for t in seen if re.search("[\u0600-\u06ff]", t)
               and t not in {x for tag in ("ar-arcd", "ar-xquad") for _, x in rows.get(tag, [])}]
    for tag in ("ar-arcd", "ar-xquad"):
        rows[tag] = without_near_copies(rows.get(tag, []), ar_seen)
        ar_seen += [text for _, text in rows[tag]]
    write_split(out_dir, split, rows, QUOTA22)


QUOTA24 = {"en-partut": 150, "en-lines": 80}


def test24(out_dir, paths):
    """test24 (round 29; English only): two treebanks no split read, UD_English-ParTUT (legal
    texts, news, Wikipedia, talks) and UD_English-LinES (fiction, nonfiction, a software manual,
    parliament proceedings), all their files (dev, test, train). ParTUT's sentence ids name no
    document, so its kept sentences are taken evenly spaced over the whole treebank; LinES at most
    3 a document, then evenly spaced. Both CC BY-NC-SA 4.0: ids and labels only, as GUM."""
    used = used_ids() - corpus.labeled_ids("test24")
    kept = kept_rows(paths)
    rows = {}
    for tag, quota in QUOTA24.items():
        pool, per_doc = [], {}
        for rid, text in kept.get(tag, []):
            if rid in used:
                continue
            doc = rid.rsplit("-", 1)[0] if tag == "en-lines" else tag
            per_doc[doc] = per_doc.get(doc, 0) + 1
            if tag == "en-lines" and per_doc[doc] > 3:
                continue
            pool.append((rid, text))
        step = max(1.0, len(pool) / quota)
        rows[tag] = [pool[int(k * step)] for k in range(min(quota, len(pool)))]
    write_split(out_dir, "test24", rows, QUOTA24)


QUOTA25 = {"en-partut": 400, "en-lines": 400, "en-ewt": 60, "en-gum": 60}


def pair_split(out_dir, paths):
    """test25 and test26 (rounds 30 and 31; English only), chosen together and disjoint: every
    ParTUT and LinES sentence the selection keeps and test24 left (LinES beyond 3 a document:
    fiction and nonfiction, where years before 1800 live), then the next 2 kept sentences of the
    EWT and GUM training documents the earlier splits read (30 each a split). Each source's rows
    go alternately to test25 and test26, in file order, so the two are alike. Neither split's own
    labeled rows count as used, so both selections are reproduced after they are labeled."""
    mine = corpus.labeled_ids("test25") | corpus.labeled_ids("test26")
    used = used_ids() - mine
    kept = kept_rows(paths)
    rows = {"test25": {}, "test26": {}}
    for tag in ("en-partut", "en-lines"):
        pool = [(rid, text) for rid, text in kept.get(tag, []) if rid not in used]
        for k, row in enumerate(pool):
            rows["test25" if k % 2 == 0 else "test26"].setdefault(tag, []).append(row)
    trained = unseen_rows(paths, {"en-ewt": 0, "en-gum": 0}, mine=mine)
    for tag in ("en-ewt", "en-gum"):
        for k, row in enumerate(trained.get(tag, [])[:2 * QUOTA25[tag]]):
            rows["test25" if k % 2 == 0 else "test26"].setdefault(tag, []).append(row)
    for split in rows:
        write_split(out_dir, split, rows[split], QUOTA25)


QUOTA27 = {"en-ewt": 100, "en-gum": 120}


def test27(out_dir, paths):
    """test27 (after round 30; English only): ParTUT and LinES are used up, so the next 2 kept
    sentences of the EWT and GUM training documents the earlier splits read, as test19 to test21
    took them: text of other documents than round 30's development rows, scored once after it."""
    write_split(out_dir, "test27", unseen_rows(paths, QUOTA27, "test27"), QUOTA27)


def split_texts(split):
    """The sentences `split`'s own labeled files store."""
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "labeled")
    texts = set()
    for name in os.listdir(here):
        if name.startswith(split + "-"):
            for line in open(os.path.join(here, name), encoding="utf-8"):
                cells = line.split("\t")
                if len(cells) > 1 and cells[1]:
                    texts.add(cells[1])
    return texts


def main():
    if len(sys.argv) < 3 or sys.argv[1] in ("-h", "--help"):
        # Without this an option it does not know would be taken as OUT_DIR.
        print(__doc__)
        return 0 if len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help") else 2
    if sys.argv[1] == "--test27":
        return test27(sys.argv[2], sys.argv[3:])
    if sys.argv[1] == "--test25":
        return pair_split(sys.argv[2], sys.argv[3:])
    if sys.argv[1] == "--test24":
        return test24(sys.argv[2], sys.argv[3:])
    if sys.argv[1] in ("--test22", "--test23"):
        split = sys.argv[1][2:]
        return reading_split(sys.argv[2], split, 0 if split == "test22" else 1, *sys.argv[3:7],
                             sys.argv[7:])
    if sys.argv[1] == "--test21":
        return test21(sys.argv[2], sys.argv[3:])
    if sys.argv[1] == "--test20":
        return test20(sys.argv[2], sys.argv[3:])
    if sys.argv[1] == "--test19":
        return test19(sys.argv[2], sys.argv[3:])
    if sys.argv[1] == "--test18":
        return test18(sys.argv[2], sys.argv[3], sys.argv[4:])
    if sys.argv[1] == "--test17":
        return test17(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:])
    if sys.argv[1] == "--test16":
        return test16(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:])
    if sys.argv[1] == "--train":
        return train(sys.argv[2], sys.argv[3])
    if sys.argv[1] == "--test15":
        return test15(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
    if sys.argv[1] == "--test14":
        return test14(sys.argv[2], sys.argv[3], sys.argv[4:])
    if sys.argv[1] == "--test13":
        return test13(sys.argv[2], sys.argv[3:])
    if sys.argv[1] == "--test12":
        return test12(sys.argv[2], sys.argv[3:])
    if sys.argv[1] == "--test11":
        return test11(sys.argv[2], sys.argv[3:])
    if sys.argv[1] == "--text":
        # Only the rows of labeled files: a sealed split's sentences stay unread until it is merged.
        here = os.path.dirname(os.path.abspath(__file__))
        wanted = set()
        for name in os.listdir(os.path.join(here, "labeled")):
            for line in open(os.path.join(here, "labeled", name), encoding="utf-8"):
                wanted.add(line.split("\t", 1)[0])
        with open(sys.argv[2], "w", encoding="utf-8") as out:
            # Not unique: a split selected from some of the files (test13 on: the training
            # documents) can hold a sentence that another file of UD_DIR repeats.
            for tag, rows in kept_rows(sys.argv[3:], unique=False).items():
                for rid, text in rows:
                    if rid in wanted:
                        out.write(f"{rid}\t{text}\n")
        return
    out_dir, paths = sys.argv[1], sys.argv[2:]
    kept = kept_rows(paths)
    os.makedirs(out_dir, exist_ok=True)
    for half, split in enumerate(("test9", "test10")):
        for lang in ("ar", "he", "en"):
            with open(os.path.join(out_dir, f"{split}-{lang}.tsv"), "w", encoding="utf-8") as out:
                out.write(HEADER)
                for tag in sorted(t for t in kept if t.startswith(lang)):
                    for rid, text in kept[tag][half::2][:QUOTA[tag]]:
                        out.write(f"{rid}\t{text}\t\n")


if __name__ == "__main__":
    sys.exit(main())
