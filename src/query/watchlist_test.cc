#include "query/watchlist.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "base/sha256.h"
#include "query/query.h"

namespace tahqiq::query {
namespace {

// A case of two collections on a real store and index: gamma's documents
// name the watched company often (they rank first), alpha's once.
class WatchlistTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tahqiq-watch-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    auto a = analyze::Analyzer::Create();
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    analyzer_ = std::move(*a);
    auto s = store::OpenSqliteStore(dir_ + "/case.db");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    auto w = index::OpenLocalIndex(dir_ + "/index", 2, index::OpenMode::kRecreate);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    const std::vector<std::pair<std::string, std::string>> docs{
        {"gamma", "Quuxcorp paid Quuxcorp. Quuxcorp again."},
        {"alpha", "The minutes of a long meeting about many things, Quuxcorp among them."},
        {"gamma", "Quuxcorp and Quuxcorp."},
        {"alpha", "Nothing about the company here."}};
    for (const auto& [collection, text] : docs) {
      store::DocumentRecord d;
      d.sha256 = Sha256::HexOf(text);
      d.type = "text";
      ASSERT_TRUE(store_->AddDocument(&d).ok());
      ASSERT_TRUE(store_->AddChunk(d.id, 0, text).ok());
      ASSERT_TRUE(store_->AddToCollection(d.id, collection, false).ok());
      index::ChunkEntry e;
      e.doc_id = d.id;
      analyzer_->Analyze(text, 1, &e.body);
      e.terms.push_back(index::prefix::kCollection + collection);
      ASSERT_TRUE((*w)->AddChunk(std::move(e)).ok());
      ids_[collection].push_back(d.id);
    }
    ASSERT_TRUE((*w)->Commit(1).ok());
    w->reset();
    auto r = index::OpenLocalIndex(dir_ + "/index", 2, index::OpenMode::kRead);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    index_ = std::move(*r);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::set<int64_t> DocsOf(size_t max_docs, const index::QueryNode* within) {
    std::vector<store::Store::WatchedName> names{{1, "Quuxcorp", {}}};
    auto hits = WatchlistHits(names, *store_, *index_, *analyzer_, max_docs, within);
    EXPECT_TRUE(hits.ok()) << hits.status().ToString();
    std::set<int64_t> docs;
    if (hits.ok()) {
      for (const auto& h : *hits) docs.insert(h.doc_id);
    }
    return docs;
  }

  std::string dir_;
  std::unique_ptr<analyze::Analyzer> analyzer_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<index::Index> index_;
  std::map<std::string, std::vector<int64_t>> ids_;
};

TEST_F(WatchlistTest, CandidatesComeOnlyFromTheCollectionsAsked) {
  using Docs = std::set<int64_t>;
  const std::vector<std::string> known{"alpha", "gamma"};
  const index::QueryNode alpha = CollectionFilter({"alpha"}, known);
  EXPECT_EQ(DocsOf(100, nullptr), (Docs{ids_["gamma"][0], ids_["alpha"][0], ids_["gamma"][1]}));
  EXPECT_EQ(DocsOf(100, &alpha), Docs{ids_["alpha"][0]});
  // With room for one candidate, the best one of the whole case is gamma's,
  // so a filter after the search would leave an alpha reader nothing; the
  // restricted search finds alpha's document.
  const Docs best = DocsOf(1, nullptr);
  ASSERT_EQ(best.size(), 1u);
  EXPECT_EQ(std::count(ids_["gamma"].begin(), ids_["gamma"].end(), *best.begin()), 1);
  EXPECT_EQ(DocsOf(1, &alpha), Docs{ids_["alpha"][0]});
  const index::QueryNode nobody = CollectionFilter({"delta"}, known);
  EXPECT_TRUE(DocsOf(100, &nobody).empty());
}

}  // namespace
}  // namespace tahqiq::query
