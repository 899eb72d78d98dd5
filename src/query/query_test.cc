#include "query/query.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "analyze/name_key.h"
#include "base/file_util.h"

namespace tahqiq::query {
namespace {

using Kind = index::QueryNode::Kind;

class QueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto a = analyze::Analyzer::Create();
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    analyzer_ = std::move(*a);
  }
  Result<index::QueryNode> Parse(std::string_view q) { return ParseQuery(q, *analyzer_); }
  std::unique_ptr<analyze::Analyzer> analyzer_;
};

TEST_F(QueryTest, WordsAreAndedAndAnalyzedLikeText) {
  auto q = Parse("Invoices الفاتورة");
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  ASSERT_EQ(q->kind, Kind::kAnd);
  ASSERT_EQ(q->children.size(), 2u);
  EXPECT_EQ(q->children[0].kind, Kind::kWord);
  EXPECT_EQ(q->children[0].words[0].exact, "invoices");
  EXPECT_EQ(q->children[0].words[0].stem, "invoic");
  EXPECT_EQ(q->children[1].words[0].exact, "الفاتوره");  // Teh marbuta folded.
}

TEST_F(QueryTest, BooleanOperatorsAndPrecedence) {
  auto q = Parse("a OR b c");
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->kind, Kind::kOr);
  EXPECT_EQ(q->children[1].kind, Kind::kAnd);  // AND binds tighter than OR.

  auto n = Parse("(azure OR aws) NOT draft -old");
  ASSERT_TRUE(n.ok());
  ASSERT_EQ(n->kind, Kind::kAndNot);
  EXPECT_EQ(n->children[0].kind, Kind::kOr);
  EXPECT_EQ(n->children[1].kind, Kind::kOr);  // draft OR old are excluded.

  auto only_not = Parse("-draft");
  ASSERT_TRUE(only_not.ok());
  EXPECT_EQ(only_not->children[0].kind, Kind::kMatchAll);
}

TEST_F(QueryTest, PhrasesFieldsAndFilters) {
  auto q = Parse("\"cloud services\" type:PDF lang:ar from:alice subject:\"the contract\"");
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  ASSERT_EQ(q->children.size(), 5u);
  EXPECT_EQ(q->children[0].kind, Kind::kPhrase);
  EXPECT_EQ(q->children[0].words.size(), 2u);
  EXPECT_EQ(q->children[1].kind, Kind::kFilter);
  EXPECT_EQ(q->children[1].term, "XYpdf");
  EXPECT_EQ(q->children[2].term, "XLar");
  EXPECT_EQ(q->children[3].fields, std::vector<std::string>{"XF"});
  EXPECT_EQ(q->children[4].kind, Kind::kPhrase);
  EXPECT_EQ(q->children[4].fields, std::vector<std::string>{"S"});
}

TEST_F(QueryTest, ExactOnlyAndUnknownFields) {
  auto q = Parse("=running");
  ASSERT_TRUE(q.ok());
  EXPECT_TRUE(q->exact_only);
  auto phrase = Parse("\"cloud services\"");  // Phrases search stems too...
  ASSERT_TRUE(phrase.ok());
  EXPECT_EQ(phrase->kind, Kind::kPhrase);
  EXPECT_FALSE(phrase->exact_only);
  auto exact_phrase = Parse("=\"cloud services\"");  // ...unless marked exact.
  ASSERT_TRUE(exact_phrase.ok());
  EXPECT_EQ(exact_phrase->kind, Kind::kPhrase);
  EXPECT_TRUE(exact_phrase->exact_only);
  auto u = Parse("http://example.com");  // Not a field: searched as words.
  ASSERT_TRUE(u.ok());
  EXPECT_NE(u->kind, Kind::kFilter);
}

TEST_F(QueryTest, MalformedQueriesGiveClearErrors) {
  EXPECT_EQ(Parse("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Parse("(a OR b").status().message(), "'(' at column 1 is never closed");
  EXPECT_EQ(Parse("a)").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Parse("a OR").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Parse("type:").status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Parse("\"unclosed phrase").ok());
  // Regression: fuzz/crashers/query/deep_parens_stack_overflow.
  std::string deep(10000, '(');
  EXPECT_EQ(Parse(deep + "a").status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Parse(std::string(60, '(') + "a" + std::string(60, ')')).ok());
}

TEST_F(QueryTest, SnippetMarksMatchedSurfaceForms) {
  std::string text =
      "Intro words that do not matter. The invoice for cloud services was paid. "
      "More words follow here.";
  auto q = Parse("invoices cloud");
  ASSERT_TRUE(q.ok());
  Snippet s = MakeSnippet(text, CollectTerms(*q), *analyzer_, 8);
  ASSERT_EQ(s.marks.size(), 2u);
  EXPECT_EQ(s.text.substr(s.marks[0].first, s.marks[0].second - s.marks[0].first), "invoice");
  EXPECT_EQ(s.text.substr(s.marks[1].first, s.marks[1].second - s.marks[1].first), "cloud");
}

// With nothing to mark (a figure- or filter-only query) the snippet is the
// first max_words words, analysed in steps that end after a space: words
// that cross a step's nominal end are whole.
TEST_F(QueryTest, SnippetWithoutTermsIsTheFirstWords) {
  const std::vector<std::string> words = {"الوزارة",  "invoices",    "הממשלה",    "payment",
                                          "السحابية", "contractors", "והחשבונית", "due"};
  std::string text;
  std::vector<std::string> expected;
  for (size_t i = 0; i < 200; ++i) {
    const std::string& w = words[(i * 5 + i / 8) % words.size()];
    if (!text.empty()) text += i % 7 == 0 ? "\n" : " ";
    text += w;
    expected.push_back(w);
  }
  MatchTerms none;
  for (size_t max_words : {1u, 8u, 30u, 60u}) {
    Snippet s = MakeSnippet(text, none, *analyzer_, max_words);
    std::string first;
    for (size_t i = 0; i < max_words; ++i) first += (i ? " " : "") + expected[i];
    EXPECT_EQ(s.text, first) << max_words;
    EXPECT_TRUE(s.marks.empty());
  }
}

TEST_F(QueryTest, SnippetFindsArabicWithDiacritics) {
  std::string text = "تقرير عن الفَاتُورَة الشهرية للخدمات السحابية";
  auto q = Parse("الفاتورة");
  ASSERT_TRUE(q.ok());
  Snippet s = MakeSnippet(text, CollectTerms(*q), *analyzer_);
  ASSERT_EQ(s.marks.size(), 1u);
  EXPECT_EQ(s.text.substr(s.marks[0].first, s.marks[0].second - s.marks[0].first), "الفَاتُورَة");
}

TEST_F(QueryTest, WordsCarryEveryField) {
  auto q = Parse("בבית");
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->kind, Kind::kWord);
  EXPECT_EQ(q->words[0].exact, "בבית");
  EXPECT_EQ(q->words[0].alts, std::vector<std::string>{"בית"});
  auto l = Parse("مسؤول");
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->words[0].loose, "مسءول");
}

TEST_F(QueryTest, GershayimBetweenHebrewLettersIsPartOfTheWord) {
  auto q = Parse("צה\"ל \"cloud services\"");
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  ASSERT_EQ(q->kind, Kind::kAnd);
  EXPECT_EQ(q->children[0].kind, Kind::kWord);
  EXPECT_EQ(q->children[0].words[0].exact, "צהל");
  EXPECT_EQ(q->children[1].kind, Kind::kPhrase);
}

TEST_F(QueryTest, NameQueries) {
  auto q = Parse("name:Microsoft");
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  ASSERT_EQ(q->kind, Kind::kName);
  ASSERT_EQ(q->words.size(), 1u);
  EXPECT_EQ(q->words[0].names, analyze::NameKeys("Microsoft"));
  // Several words: each by its keys, or the whole name as one word.
  auto two = Parse("name:\"Abd al-Rahman\"");
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  ASSERT_EQ(two->kind, Kind::kOr);
  EXPECT_EQ(two->children[0].kind, Kind::kName);
  EXPECT_EQ(two->children[0].words.size(), 2u);  // "al" has no key.
  EXPECT_EQ(two->children[1].words[0].names, analyze::NameKeys("Abdulrahman"));
  // Too short for a key: an ordinary word.
  auto ali = Parse("name:Ali");
  ASSERT_TRUE(ali.ok());
  EXPECT_EQ(ali->kind, Kind::kWord);
  MatchTerms t = CollectTerms(*q);
  EXPECT_EQ(t.names, analyze::NameKeys("Microsoft"));
}

TEST_F(QueryTest, SnippetMarksFormsFoundThroughStemsAlternativesAndNames) {
  const std::string text = "ביקור במיקרוסופט והחשבונית שולמה";
  auto q = Parse("חשבונית");
  ASSERT_TRUE(q.ok());
  Snippet s = MakeSnippet(text, CollectTerms(*q), *analyzer_);
  ASSERT_EQ(s.marks.size(), 1u);
  EXPECT_EQ(s.text.substr(s.marks[0].first, s.marks[0].second - s.marks[0].first), "והחשבונית");
  auto n = Parse("name:Microsoft");
  ASSERT_TRUE(n.ok());
  s = MakeSnippet(text, CollectTerms(*n), *analyzer_);
  ASSERT_EQ(s.marks.size(), 1u);
  EXPECT_EQ(s.text.substr(s.marks[0].first, s.marks[0].second - s.marks[0].first), "במיקרוסופט");
  auto loose = Parse("مسؤول");
  ASSERT_TRUE(loose.ok());
  const std::string ar = "قال مسئول كبير";
  s = MakeSnippet(ar, CollectTerms(*loose), *analyzer_);
  ASSERT_EQ(s.marks.size(), 1u);
  EXPECT_EQ(ar.substr(s.marks[0].first, s.marks[0].second - s.marks[0].first), "مسئول");
}

// Snippets stem only words that begin like a searched form; accented
// initials count as their base letter, and one analyzer serves query after
// query (its word slots must not hand a later query a partial analysis).
TEST_F(QueryTest, SnippetStemsWordsByTheirFoldedInitial) {
  const std::string text = "Records of Éloïse: her résumés, Résumé and the records of elections";
  auto marked = [&](std::string_view query) {
    auto q = Parse(query);
    EXPECT_TRUE(q.ok());
    std::vector<std::string> out;
    if (!q.ok()) return out;
    Snippet s = MakeSnippet(text, CollectTerms(*q), *analyzer_);
    for (const auto& [from, to] : s.marks) out.push_back(s.text.substr(from, to - from));
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(marked("resume"), (V{"résumés", "Résumé"}));
  EXPECT_EQ(marked("record"), (V{"Records", "records"}));
  EXPECT_EQ(marked("eloise"), (V{"Éloïse"}));
  EXPECT_EQ(marked("election"), (V{"elections"}));
  EXPECT_EQ(marked("resume"), (V{"résumés", "Résumé"}));
}

// Occurrences of a form inside longer words ("cloud" in "gcloud") over the
// first KiBs do not hold the snippet back, nor hide a real match that
// follows a bracket or starts a line.
TEST_F(QueryTest, SnippetFindsTheWordPastLongerWordsThatContainIt) {
  std::string text;
  while (text.size() < 6000) text += "gcloud runs ICLOUD and xcloudy tools\n";
  text += "then a (Cloud) service was billed\n";
  while (text.size() < 20000) text += "filler words about nothing in particular\n";
  auto q = Parse("\"cloud services\"");
  ASSERT_TRUE(q.ok());
  Snippet s = MakeSnippet(text, CollectTerms(*q), *analyzer_);
  ASSERT_EQ(s.marks.size(), 2u) << s.text;
  EXPECT_EQ(s.text.substr(s.marks[0].first, s.marks[0].second - s.marks[0].first), "Cloud");
  EXPECT_EQ(s.text.substr(s.marks[1].first, s.marks[1].second - s.marks[1].first), "service");
  // A match that starts a line, 3 KiB before the next place any form occurs.
  std::string line = "cloud is at the start of this line\n";
  while (line.size() < 3000) line += "filler words about nothing in particular\n";
  text.insert(text.find("then a (Cloud)"), line);
  s = MakeSnippet(text, CollectTerms(*q), *analyzer_);
  ASSERT_FALSE(s.marks.empty());
  // The lower-case one, at the start of its line (after a newline).
  EXPECT_EQ(s.text.substr(s.marks[0].first, s.marks[0].second - s.marks[0].first), "cloud")
      << s.text;
}

// A real index: what the query finds must be what analyze::Match() says.
class IndexSearchTest : public QueryTest {
 protected:
  void SetUp() override {
    QueryTest::SetUp();
    char tmpl[] = "/tmp/tahqiq-query-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // One document per text, ids from 1.
  void Build(const std::vector<std::string>& texts) {
    auto w = index::OpenLocalIndex(dir_, 1, index::OpenMode::kRecreate);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    for (size_t i = 0; i < texts.size(); ++i) {
      index::ChunkEntry e;
      e.doc_id = static_cast<int64_t>(i + 1);
      analyzer_->Analyze(texts[i], 1, &e.body);
      ASSERT_TRUE((*w)->AddChunk(std::move(e)).ok());
    }
    ASSERT_TRUE((*w)->Commit(1).ok());
    w->reset();
    auto r = index::OpenLocalIndex(dir_, 1, index::OpenMode::kRead);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    reader_ = std::move(*r);
  }

  std::vector<int64_t> Find(std::string_view query) {
    auto q = Parse(query);
    EXPECT_TRUE(q.ok()) << query << ": " << q.status().ToString();
    if (!q.ok()) return {};
    auto found = reader_->Search(*q, 0, 100000);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    std::vector<int64_t> ids;
    if (found.ok()) {
      for (const auto& h : found->hits) ids.push_back(h.doc_id);
    }
    return ids;
  }

  std::string dir_;
  std::unique_ptr<index::Index> reader_;
};

TEST_F(IndexSearchTest, FieldsNamesAndRanking) {
  Build({"وقّعت الوزارة عقداً", "زار الرئيس المدينة", "הממשלה והחשבונית", "לך הביתה",
         "The invoices of Microsoft", "ביקור במיקרוסופט", "مسئول كبير", "a café", "the invoice",
         "בצה\"ל"});
  using Ids = std::vector<int64_t>;
  auto sorted = [](Ids v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(Find("وزارة"), Ids{1});
  EXPECT_EQ(Find("زار"), Ids{2});
  EXPECT_EQ(Find("חשבונית"), Ids{3});
  EXPECT_EQ(Find("מלך"), Ids{});
  EXPECT_EQ(Find("invoice"), (Ids{9, 5}));  // The exact form ranks first.
  EXPECT_EQ(Find("=invoice"), Ids{9});
  EXPECT_EQ(sorted(Find("name:مايكروسوفت")), (Ids{5, 6}));
  EXPECT_EQ(sorted(Find("name:Microsoft OR name:מיקרוסופט")), (Ids{5, 6}));
  EXPECT_EQ(Find("مسؤول"), Ids{7});
  EXPECT_EQ(Find("cafe"), Ids{8});
  EXPECT_EQ(Find("צה\"ל"), Ids{10});
  EXPECT_EQ(Find("צהל"), Ids{10});
}

// A word's family counts as one term, so a document that uses every query
// word in another form outranks one that uses fewer words as typed (the
// known-item case of bench/relevance); among equal uses, the exact form
// still ranks first.
TEST_F(IndexSearchTest, OtherFormsOfMoreWordsOutrankFewerExactWords) {
  Build({"the invoices and the payments were late", "an invoice, a payment and a contract",
         "weather report for the coast", "notes of the meeting", "a letter to the board"});
  using Ids = std::vector<int64_t>;
  EXPECT_EQ(Find("invoices OR payments OR contracts"), (Ids{2, 1}));
  EXPECT_EQ(Find("invoices"), (Ids{1, 2}));
}

// Phrases match other forms of their words at the same positions (the stem
// field carries positions), ranked below the exact phrase; ="..." and
// word order still hold.
TEST_F(IndexSearchTest, PhrasesMatchInflectedFormsBelowTheExactPhrase) {
  Build({"a cloud service outage", "the cloud services are down", "services in the cloud",
         "أعلنت بوزارة الصحة", "وزارة التعليم والصحة", "הודעה ובמשרד הבריאות",
         "משרד החינוך והבריאות", "الصحة في الوزارة"});
  using Ids = std::vector<int64_t>;
  EXPECT_EQ(Find("\"cloud services\""), (Ids{2, 1}));  // The exact phrase first.
  EXPECT_EQ(Find("=\"cloud services\""), Ids{2});
  EXPECT_EQ(Find("\"services cloud\""), Ids{});  // Order matters.
  EXPECT_EQ(Find("\"وزارة الصحة\""), Ids{4});    // Clitic ب; 5 and 8 are not phrases.
  EXPECT_EQ(Find("=\"وزارة الصحة\""), Ids{});
  EXPECT_EQ(Find("\"משרד בריאות\""), Ids{6});  // Prefixes ו+ב and ה.
  EXPECT_EQ(Find("=\"משרד בריאות\""), Ids{});
}

// A document id set (kDocIds, what figure, year and entity filters become)
// keeps exactly the chunks of those documents, in every shard, as the OR of
// their XID terms did, alone, under AND and under NOT, without changing the
// ranking of the words. One reader answers every set: from the third on,
// from the shards' document id values it kept (DocKeyCache).
TEST_F(IndexSearchTest, DocumentIdSetsKeepTheChunksOfTheirDocuments) {
  const std::vector<std::string> texts = {"invoice paid",  "an invoice",  "weather report",
                                          "invoice late",  "board notes", "the invoices",
                                          "invoice again", "no match",    "invoice"};
  {
    auto w = index::OpenLocalIndex(dir_, 2, index::OpenMode::kRecreate);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    for (size_t i = 0; i < texts.size(); ++i) {
      for (uint32_t chunk = 0; chunk < 2; ++chunk) {  // Two chunks per document.
        index::ChunkEntry e;
        e.doc_id = static_cast<int64_t>(i + 1);
        e.chunk = chunk;
        analyzer_->Analyze(chunk == 0 ? texts[i] : "filler text", 1, &e.body);
        ASSERT_TRUE((*w)->AddChunk(std::move(e)).ok());
      }
    }
    ASSERT_TRUE((*w)->Commit(1).ok());
  }
  auto r = index::OpenLocalIndex(dir_, 2, index::OpenMode::kRead);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  using Kind = index::QueryNode::Kind;
  auto set = [](std::vector<int64_t> ids) {
    index::QueryNode n;
    n.kind = Kind::kDocIds;
    n.doc_ids = std::move(ids);
    return n;
  };
  auto terms = [](const std::vector<int64_t>& ids) {
    index::QueryNode n;
    n.kind = Kind::kOr;
    for (int64_t id : ids) {
      index::QueryNode f;
      f.kind = Kind::kFilter;
      f.term = std::string(index::prefix::kDocId) + std::to_string(id);
      n.children.push_back(std::move(f));
    }
    return n;
  };
  auto combine = [](Kind k, index::QueryNode a, index::QueryNode b) {
    index::QueryNode n;
    n.kind = k;
    n.children.push_back(std::move(a));
    n.children.push_back(std::move(b));
    return n;
  };
  auto hits = [&](const index::QueryNode& q) {
    auto found = (*r)->Search(q, 0, 1000);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    std::vector<std::pair<int64_t, uint32_t>> out;
    if (found.ok()) {
      for (const auto& h : found->hits) out.emplace_back(h.doc_id, h.chunk);
    }
    return out;
  };
  auto word = Parse("invoice");
  ASSERT_TRUE(word.ok());
  index::QueryNode all;
  all.kind = Kind::kMatchAll;
  const std::vector<std::vector<int64_t>> sets = {{1}, {2, 3, 4}, {1, 5, 6, 9}, {8}, {42}};
  for (const auto& ids : sets) {
    for (const auto& base : {all, *word}) {
      const auto kept = hits(combine(Kind::kAnd, base, set(ids)));
      EXPECT_EQ(kept, hits(combine(Kind::kAnd, base, terms(ids))));
      for (const auto& [doc, chunk] : kept) {
        EXPECT_TRUE(std::find(ids.begin(), ids.end(), doc) != ids.end()) << doc;
      }
      EXPECT_EQ(hits(combine(Kind::kAndNot, base, set(ids))),
                hits(combine(Kind::kAndNot, base, terms(ids))));
    }
  }
  // Of 2, 3, 4, the documents with the word, through their chunk with it.
  auto two = hits(combine(Kind::kAnd, *word, set({2, 3, 4})));
  std::sort(two.begin(), two.end());
  EXPECT_EQ(two, (std::vector<std::pair<int64_t, uint32_t>>{{2, 0}, {4, 0}}));
  EXPECT_TRUE(hits(combine(Kind::kAnd, all, set({42}))).empty());
}

std::filesystem::path ConflationDir() {
  const char* env = std::getenv("TAHQIQ_SOURCE_DIR");
  const std::string root = env != nullptr && *env != '\0' ? env : TAHQIQ_SOURCE_DIR;
  return std::filesystem::path(root) / "tests" / "golden" / "analyze" / "conflation";
}

// Every word of the conflation golden files is a document; every word is a
// query; the documents found must be exactly those analyze::Match() allows.
TEST_F(IndexSearchTest, IndexAgreesWithMatchOnTheGoldenWords) {
  std::set<std::string> unique;
  for (const auto& f : std::filesystem::directory_iterator(ConflationDir())) {
    std::ifstream in(f.path());
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream ws(line);
      std::string w;
      ws >> w;  // The marker.
      while (ws >> w) unique.insert(w);
    }
  }
  ASSERT_GT(unique.size(), 1000u);
  const std::vector<std::string> words(unique.begin(), unique.end());
  Build(words);
  std::vector<analyze::Token> indexed;
  for (const auto& w : words) {
    std::vector<analyze::Token> t;
    analyzer_->Analyze(w, 1, &t);
    ASSERT_EQ(t.size(), 1u) << w;
    indexed.push_back(t[0]);
  }
  size_t pairs = 0;
  for (const auto& q : words) {
    std::vector<analyze::Token> qt;
    analyzer_->AnalyzeQuery(q, 1, &qt);
    std::vector<int64_t> expected;
    for (size_t i = 0; i < words.size(); ++i) {
      if (analyze::Match(qt[0], indexed[i]) != analyze::MatchLevel::kNone) {
        expected.push_back(static_cast<int64_t>(i + 1));
      }
    }
    std::vector<int64_t> found = Find(q);
    std::sort(found.begin(), found.end());
    EXPECT_EQ(found, expected) << q;
    pairs += expected.size();
  }
  EXPECT_GT(pairs, words.size());
}

// A phrase's total is Xapian's estimate from its words' counts unless every
// candidate was checked: the bounds returned with it must hold the true
// number and differ whenever the estimate is not known to be exact.
TEST_F(IndexSearchTest, PhraseTotalsComeWithBoundsThatHoldTheTrueCount) {
  std::vector<std::string> texts;
  for (int i = 0; i < 400; ++i) {
    texts.push_back(i % 50 == 0 ? "the harbour ledger was sealed"
                                : "the ledger of the harbour was sealed");
  }
  Build(texts);
  auto q = Parse("\"harbour ledger\"");
  ASSERT_TRUE(q.ok());
  const uint64_t truth = 8;  // Every 50th document.
  for (size_t limit : {1, 5, 10, 100, 1000}) {
    SCOPED_TRACE(limit);
    auto r = reader_->Search(*q, 0, limit);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_LE(r->total_lower, truth);
    EXPECT_GE(r->total_upper, truth);
    EXPECT_LE(r->total_lower, r->estimated_total);
    EXPECT_GE(r->total_upper, r->estimated_total);
    if (r->total_lower == r->total_upper) {
      EXPECT_EQ(r->estimated_total, truth);
    }
    if (limit > truth) {
      EXPECT_EQ(r->total_lower, r->total_upper);  // Every match was seen.
    }
  }
  // With one hit per page the match stops early: the estimate (from two
  // words in all 400 documents) is not the truth, and the bounds say so.
  auto one = reader_->Search(*q, 0, 1);
  ASSERT_TRUE(one.ok());
  EXPECT_NE(one->estimated_total, truth);
  EXPECT_LT(one->total_lower, one->total_upper);
}

}  // namespace
}  // namespace tahqiq::query
