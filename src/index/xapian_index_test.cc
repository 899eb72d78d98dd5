// Compaction of the local index (index.h, Index::Compact): the merged
// database answers as the shards did, a second compaction changes nothing,
// and readers opening or reading meanwhile never fail or see part of it.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "analyze/analyzer.h"
#include "index/index.h"

namespace tahqiq::index {
namespace {

// Real text: the paragraphs of the project's own documentation, one
// document each.
std::vector<std::string> Paragraphs() {
  std::vector<std::string> out;
  for (const char* name : {"/ARCHITECTURE.md", "/README.md", "/CONTRIBUTING.md"}) {
    std::ifstream in(std::string(TAHQIQ_SOURCE_DIR) + name);
    std::stringstream all;
    all << in.rdbuf();
    std::string text = all.str();
    size_t at = 0;
    while (at < text.size()) {
      size_t end = text.find("\n\n", at);
      if (end == std::string::npos) end = text.size();
      if (end - at > 40) out.push_back(text.substr(at, end - at));
      at = end + 2;
    }
  }
  return out;
}

QueryNode WordQuery(const std::string& w) {
  QueryNode q;
  q.kind = QueryNode::Kind::kWord;
  q.fields = {""};
  q.words.push_back(Word{w, "", {}, "", {}});
  return q;
}

QueryNode PhraseQuery(const std::string& a, const std::string& b) {
  QueryNode q;
  q.kind = QueryNode::Kind::kPhrase;
  q.fields = {""};
  q.words.push_back(Word{a, "", {}, "", {}});
  q.words.push_back(Word{b, "", {}, "", {}});
  return q;
}

class CompactTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tahqiq-index-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    auto a = analyze::Analyzer::Create();
    ASSERT_TRUE(a.ok());
    analyzer_ = std::move(*a);
    docs_ = Paragraphs();
    ASSERT_GT(docs_.size(), 50u);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Two shards, one document per paragraph (ids from 1), applied sequence 7.
  std::unique_ptr<Index> Build() {
    auto w = OpenLocalIndex(dir_, 2, OpenMode::kRecreate);
    EXPECT_TRUE(w.ok()) << w.status().ToString();
    for (size_t i = 0; i < docs_.size(); ++i) {
      ChunkEntry e;
      e.doc_id = static_cast<int64_t>(i + 1);
      analyzer_->Analyze(docs_[i], 1, &e.body);
      EXPECT_TRUE((*w)->AddChunk(std::move(e)).ok());
    }
    EXPECT_TRUE((*w)->Commit(7).ok());
    return std::move(*w);
  }

  // Every hit of a few queries, as "id:score" lines.
  std::string Answers() {
    auto r = OpenLocalIndex(dir_, 2, OpenMode::kRead);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) return "";
    return Answers(**r);
  }
  static std::string Answers(Index& r) {
    std::string out;
    for (const QueryNode& q :
         {WordQuery("index"), WordQuery("the"), WordQuery("shard"), PhraseQuery("the", "index")}) {
      auto found = r.Search(q, 0, 100000);
      EXPECT_TRUE(found.ok()) << found.status().ToString();
      if (!found.ok()) return "";
      out += "query " + std::to_string(found->hits.size()) + "\n";
      for (const Hit& h : found->hits) {
        out += std::to_string(h.doc_id) + ":" + std::to_string(h.score) + "\n";
      }
    }
    return out;
  }

  std::vector<std::string> Listing() const {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir_)) {
      names.push_back(e.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  std::string dir_;
  std::unique_ptr<analyze::Analyzer> analyzer_;
  std::vector<std::string> docs_;
};

// Hits equal up to the order of equal scores: a merged index numbers its
// entries otherwise, and Xapian breaks exact ties by entry number.
std::string Sorted(const std::string& s) {
  std::vector<std::string> lines;
  std::stringstream in(s);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

TEST_F(CompactTest, MergedIndexAnswersAsTheShardsDid) {
  auto w = Build();
  const std::string before = Answers();
  ASSERT_NE(before.find("query 0\n"), 0u);
  ASSERT_TRUE(w->Compact().ok());
  EXPECT_EQ(w->shard_count(), 1u);
  EXPECT_EQ(Listing(), (std::vector<std::string>{"current", "gen-1"}));
  auto seq = w->AppliedSeq();
  ASSERT_TRUE(seq.ok());
  EXPECT_EQ(*seq, 7u);
  auto n = w->DocumentCount();
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, docs_.size());
  const std::string after = Answers();
  EXPECT_EQ(Sorted(after), Sorted(before));

  // The writer goes on in the merged database.
  ChunkEntry e;
  e.doc_id = 100000;
  analyzer_->Analyze("zanzibarite index", 1, &e.body);
  ASSERT_TRUE(w->AddChunk(std::move(e)).ok());
  ASSERT_TRUE(w->Commit(8).ok());
  w.reset();
  auto r = OpenLocalIndex(dir_, 2, OpenMode::kRead);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->shard_count(), 1u);
  auto found = (*r)->Search(WordQuery("zanzibarite"), 0, 10);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->hits.size(), 1u);
  EXPECT_EQ(found->hits[0].doc_id, 100000);
  auto seq8 = (*r)->AppliedSeq();
  ASSERT_TRUE(seq8.ok());
  EXPECT_EQ(*seq8, 8u);
}

TEST_F(CompactTest, SecondCompactionChangesNothing) {
  auto w = Build();
  ASSERT_TRUE(w->Compact().ok());
  const std::string once = Answers();
  const auto listing = Listing();
  ASSERT_TRUE(w->Compact().ok());
  EXPECT_EQ(Answers(), once);
  EXPECT_EQ(Listing(), listing);
  // A writer opened afterwards finds one shard and compacts nothing either.
  w.reset();
  auto again = OpenLocalIndex(dir_, 2, OpenMode::kWrite);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->shard_count(), 1u);
  ASSERT_TRUE((*again)->Compact().ok());
  EXPECT_EQ(Listing(), listing);
  again->reset();
  EXPECT_EQ(Answers(), once);
  // A rebuild starts again from shards.
  auto rebuilt = OpenLocalIndex(dir_, 2, OpenMode::kRecreate);
  ASSERT_TRUE(rebuilt.ok());
  EXPECT_EQ((*rebuilt)->shard_count(), 2u);
  EXPECT_EQ(Listing(), (std::vector<std::string>{"shard-0", "shard-1"}));
}

// The stamp a server's reader pool keys its readers on moves with every
// state a reader could miss (a commit, even one that records no new applied
// sequence; a compaction; a rebuild), and only then: a reader is reopened
// when, and only when, something was published.
TEST_F(CompactTest, StampMovesWithEveryPublishedState) {
  auto w = Build();
  const std::string built = LocalIndexStamp(dir_, 2);
  EXPECT_EQ(LocalIndexStamp(dir_, 2), built);
  auto reader = OpenLocalIndex(dir_, 2, OpenMode::kRead);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(LocalIndexStamp(dir_, 2), built);  // Opening and reading publish nothing.
  ASSERT_TRUE((*reader)->Search(WordQuery("index"), 0, 10).ok());
  EXPECT_EQ(LocalIndexStamp(dir_, 2), built);

  ChunkEntry e;
  e.doc_id = 100001;
  analyzer_->Analyze("quillstone ledger", 1, &e.body);
  ASSERT_TRUE(w->AddChunk(std::move(e)).ok());
  EXPECT_EQ(LocalIndexStamp(dir_, 2), built);  // Not committed yet.
  ASSERT_TRUE(w->Commit(7).ok());              // The same applied sequence.
  const std::string committed = LocalIndexStamp(dir_, 2);
  EXPECT_NE(committed, built);
  // The reader opened before does not see it; one opened now does.
  auto old_view = (*reader)->Search(WordQuery("quillstone"), 0, 10);
  ASSERT_TRUE(old_view.ok());
  EXPECT_TRUE(old_view->hits.empty());
  auto fresh = OpenLocalIndex(dir_, 2, OpenMode::kRead);
  ASSERT_TRUE(fresh.ok());
  auto new_view = (*fresh)->Search(WordQuery("quillstone"), 0, 10);
  ASSERT_TRUE(new_view.ok());
  EXPECT_EQ(new_view->hits.size(), 1u);

  ASSERT_TRUE(w->Compact().ok());
  const std::string compacted = LocalIndexStamp(dir_, 2);
  EXPECT_NE(compacted, committed);
  EXPECT_EQ(LocalIndexStamp(dir_, 2), compacted);
  w.reset();
  auto rebuilt = OpenLocalIndex(dir_, 2, OpenMode::kRecreate);
  ASSERT_TRUE(rebuilt.ok());
  ASSERT_TRUE((*rebuilt)->Commit(0).ok());
  EXPECT_NE(LocalIndexStamp(dir_, 2), compacted);
  EXPECT_NE(LocalIndexStamp(dir_ + "/missing", 2), LocalIndexStamp(dir_, 2));
}

// What a compaction killed at any point leaves (a partial gen-N.tmp, a
// temporary layout file, a renamed but unlisted gen-N) is deleted by the
// next one, which then publishes as usual.
TEST_F(CompactTest, LeftoversOfAKilledCompactionAreRemoved) {
  auto w = Build();
  const std::string before = Answers();
  std::filesystem::create_directory(dir_ + "/gen-1.tmp");
  std::filesystem::create_directory(dir_ + "/gen-7");
  std::ofstream(dir_ + "/current.tmp12519570") << "auto gen-1\n";
  ASSERT_TRUE(w->Compact().ok());
  EXPECT_EQ(Listing(), (std::vector<std::string>{"current", "gen-1"}));
  EXPECT_EQ(Sorted(Answers()), Sorted(before));
}

// Readers that open the index while it is compacted, and one opened before,
// always get every answer in full.
TEST_F(CompactTest, ReadersNeverSeeAMissingOrPartialIndex) {
  for (int round = 0; round < 10; ++round) {
    auto w = Build();
    const std::string expected = Sorted(Answers());
    auto early = OpenLocalIndex(dir_, 2, OpenMode::kRead);
    ASSERT_TRUE(early.ok());
    std::atomic<bool> stop{false};
    std::atomic<int> opened{0}, wrong{0};
    std::vector<std::thread> readers;
    for (int t = 0; t < 2; ++t) {
      readers.emplace_back([&] {
        // Mostly opening, where the race is (the layout read, then the
        // databases opened); a full answer now and then.
        for (int i = 0; !stop.load(); ++i) {
          auto r = OpenLocalIndex(dir_, 2, OpenMode::kRead);
          if (!r.ok()) {
            ++wrong;
          } else {
            auto n = (*r)->DocumentCount();
            if (!n.ok() || *n != docs_.size()) ++wrong;
            if (i % 16 == 0 && Sorted(Answers(**r)) != expected) ++wrong;
          }
          ++opened;
        }
      });
    }
    while (opened.load() < 2) std::this_thread::yield();
    ASSERT_TRUE(w->Compact().ok());
    const int at_publish = opened.load();
    while (opened.load() < at_publish + 4) std::this_thread::yield();
    stop = true;
    for (auto& t : readers) t.join();
    EXPECT_EQ(wrong.load(), 0) << "round " << round;
    // Its shards are deleted; their open files still answer.
    EXPECT_EQ(Sorted(Answers(**early)), expected);
  }
}

}  // namespace
}  // namespace tahqiq::index
