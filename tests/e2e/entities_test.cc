// End-to-end: entities found at ingest, merged across scripts, searched with
// entity:"...", custom patterns, and watchlist hits in documents ingested
// before and after the names were added.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "e2e/util.h"

namespace tahqiq::e2e {
namespace {

using nlohmann::json;

std::vector<json> JsonLines(const RunResult& r) {
  std::vector<json> out;
  for (const auto& line : Lines(r.out)) out.push_back(json::parse(line));
  return out;
}

class EntitiesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = MakeTempDir();
    case_ = root_ + "/case";
    WriteFile(root_ + "/a/ar.txt",
              "قالت شركة مايكروسوفت إن الوحدة 8200 استخدمت خدماتها. للتواصل: info@example.ps\n");
    WriteFile(root_ + "/a/he.txt",
              "חברת מיקרוסופט סיפקה שירותים ליחידה 8200. תיק CASE-2023-AB נפתח.\n");
    WriteFile(root_ + "/b/en.txt",
              "The deal of Microsoft Corp. with Unit 8200 covered cloud services, said Benjamin "
              "Netanyahu.\n");
  }

  RunResult Run(std::vector<std::string> args) {
    args.insert(args.end(), {"--case", case_});
    RunResult r = Tahqiq(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r;
  }

  std::set<int64_t> SearchIds(const std::string& q) {
    std::set<int64_t> ids;
    for (const auto& line : SearchLines(Run({"search", "--json", q}).out))
      ids.insert(json::parse(line)["id"].get<int64_t>());
    return ids;
  }

  std::string root_, case_;
};

TEST_F(EntitiesTest, MergedSearchedAndWatched) {
  Run({"ingest", "-q", root_ + "/a"});
  WriteFile(root_ + "/watch.csv",
            "name,aliases\nMicrosoft,MSFT\n\"Unit 8200\",الوحدة 8200|יחידה 8200\n");
  Run({"watchlist", "add", root_ + "/watch.csv"});
  Run({"ingest", "-q", root_ + "/b"});  // After the watchlist: must be searched too.

  std::map<std::string, json> by_alias;
  for (const json& e : JsonLines(Run({"entities", "--json"}))) {
    for (const auto& a : e["aliases"]) by_alias[a.get<std::string>()] = e;
  }
  ASSERT_TRUE(by_alias.count("microsoft"));
  const json& ms = by_alias["microsoft"];
  EXPECT_EQ(ms["documents"], 3);  // Latin, Arabic and Hebrew spellings: one entity.
  EXPECT_EQ(by_alias["مايكروسوفت"]["id"], ms["id"]);
  EXPECT_EQ(by_alias["מיקרוסופט"]["id"], ms["id"]);
  EXPECT_EQ(by_alias["unit 8200"]["documents"], 3);
  EXPECT_EQ(by_alias["info@example.ps"]["kind"], "email");

  EXPECT_EQ(SearchIds("entity:מיקרוסופט").size(), 3u);
  EXPECT_EQ(SearchIds("entity:\"Unit 8200\" cloud").size(), 1u);
  EXPECT_TRUE(SearchIds("entity:\"Nobody Known\"").empty());
  // Facets: lines after the results, counted over the matching documents.
  bool unit_facet = false;
  for (const auto& line :
       SearchLines(Run({"search", "--json", "--facets", "5", "entity:מיקרוסופט"}).out)) {
    const json j = json::parse(line);
    if (j.contains("facet") && j["name"] == "Unit 8200") {
      unit_facet = true;
      EXPECT_EQ(j["documents"], 3);
    }
  }
  EXPECT_TRUE(unit_facet);

  // Hits in every document, the later one included; exact beats name key.
  std::map<int64_t, double> best_ms;
  std::set<int64_t> unit_docs;
  for (const json& h : JsonLines(Run({"watchlist", "hits", "--json"}))) {
    const auto doc = h["doc"].get<int64_t>();
    if (h["name"] == "Microsoft") {
      best_ms[doc] = std::max(best_ms[doc], h["score"].get<double>());
    } else {
      unit_docs.insert(doc);
    }
  }
  ASSERT_EQ(best_ms.size(), 3u);
  EXPECT_EQ(unit_docs.size(), 3u);
  int exact = 0, cross = 0;
  for (const auto& [doc, score] : best_ms) (score == 1.0 ? exact : cross)++;
  EXPECT_EQ(exact, 1);
  EXPECT_EQ(cross, 2);

  // A custom identifier, applied to what is stored; re-extraction keeps the
  // mentions as they were (not doubled).
  Run({"entities", "--define", "case=CASE-[0-9]{4}-[A-Z]{2}"});
  const auto custom = JsonLines(Run({"entities", "--json", "--kind", "custom:case"}));
  ASSERT_EQ(custom.size(), 1u);
  EXPECT_EQ(custom[0]["name"], "CASE-2023-AB");
  Run({"reextract", "--status", "ok"});
  for (const json& e : JsonLines(Run({"entities", "--json", "--mentions"}))) {
    if (e["id"] == ms["id"]) {
      EXPECT_EQ(e["mentions"], ms["mentions"]);
      for (const auto& m : e["occurrences"]) EXPECT_GT(m["end"], m["start"]);
    }
  }
  EXPECT_EQ(JsonLines(Run({"entities", "--json", "--kind", "custom:case"})).size(), 1u);
}

}  // namespace
}  // namespace tahqiq::e2e
