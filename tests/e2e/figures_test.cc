// End-to-end: figures found at ingest, listed by `tahqiq figures`, kept
// consistent by reextract and reindex, and used as search filters (issue 4).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "e2e/util.h"

namespace tahqiq::e2e {
namespace {

using nlohmann::json;

class FiguresE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string src = MakeTempDir();
    WriteFile(src + "/deal.txt",
              "The contract was worth about $10 million.\n"
              "It ran between October 2023 and June 2024; engineers logged 19,000 hours.\n");
    WriteFile(src + "/ar.txt",
              "وقعت الشركة صفقة بقيمة نحو 10 ملايين دولار.\nعمل في الوحدة 8200.\n");
    // Two pages: the fine is on page 2.
    WriteFile(src + "/he.txt", "העסקה נחתמה בשווי של כ-10 מיליון דולר.\fהקנס עמד על 5,000 ש\"ח.\n");
    WriteFile(src + "/small.txt", "A small fee of EUR 500 was paid in 2019.\n");
    case_ = MakeTempDir() + "/case";
    RunResult r = Tahqiq({"ingest", "--case", case_, src, "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  std::vector<json> Figures(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"figures", "--case", case_, "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult r = Tahqiq(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<json> out;
    for (const std::string& line : Lines(r.out)) out.push_back(json::parse(line));
    return out;
  }

  // Paths (file names) of the documents a search returns.
  std::set<std::string> Search(const std::string& query) {
    RunResult r = Tahqiq({"search", "--case", case_, "--json", query});
    EXPECT_EQ(r.exit_code, 0) << query << ": " << r.err;
    std::set<std::string> names;
    for (const std::string& line : SearchLines(r.out)) {
      const std::string path = json::parse(line)["path"];
      names.insert(path.substr(path.rfind('/') + 1));
    }
    return names;
  }

  std::string case_;
};

TEST_F(FiguresE2eTest, ListsFiguresWithOffsetsPagesAndKinds) {
  const std::vector<json> all = Figures();
  ASSERT_EQ(all.size(), 8u);  // 8200 in "الوحدة 8200" is a name, not a figure
  int money = 0;
  for (const json& f : all) {
    if (f["kind"] == "money") ++money;
    if (f["text"] == "$10 million") {
      EXPECT_EQ(f["value"], 10000000.0);
      EXPECT_EQ(f["currency"], "USD");
      EXPECT_EQ(f["approx"], true);
      EXPECT_EQ(f["start"], 29);  // byte offsets into the extracted text
      EXPECT_EQ(f["end"], 40);
    }
    if (f["kind"] == "daterange") {
      EXPECT_EQ(f["from"], "2023-10");
      EXPECT_EQ(f["to"], "2024-06");
    }
    if (f["text"] == "5,000 ש\"ח") {
      EXPECT_EQ(f["currency"], "ILS");
      EXPECT_EQ(f["page"], 2);
    }
  }
  EXPECT_EQ(money, 5);
  EXPECT_EQ(Figures({"--kind", "quantity"}).size(), 1u);
  EXPECT_EQ(Tahqiq({"figures", "--case", case_, "--kind", "bogus"}).exit_code, 2);
}

TEST_F(FiguresE2eTest, SearchFilters) {
  EXPECT_EQ(Search("money>=1000000"), (std::set<std::string>{"deal.txt", "ar.txt", "he.txt"}));
  EXPECT_EQ(Search("money<1000 currency:EUR"), std::set<std::string>{"small.txt"});
  EXPECT_EQ(Search("currency:ILS"), std::set<std::string>{"he.txt"});
  EXPECT_EQ(Search("quantity>=1000 unit:hour"), std::set<std::string>{"deal.txt"});
  EXPECT_EQ(Search("date:2024-01..2024-03"), std::set<std::string>{"deal.txt"});
  EXPECT_EQ(Search("date:2019"), std::set<std::string>{"small.txt"});
  EXPECT_EQ(Search("contract money>=1m"), std::set<std::string>{"deal.txt"});
  EXPECT_TRUE(Search("contract money<1000").empty());
  RunResult bad = Tahqiq({"search", "--case", case_, "money>=lots"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("figure filter 'money>=lots'"), std::string::npos) << bad.err;
}

TEST_F(FiguresE2eTest, ReextractAndReindexKeepOneCopy) {
  const size_t before = Figures().size();
  ASSERT_EQ(Tahqiq({"reextract", "--case", case_, "1", "2", "3", "4"}).exit_code, 0);
  EXPECT_EQ(Figures().size(), before);
  ASSERT_EQ(Tahqiq({"reindex", "--case", case_}).exit_code, 0);
  EXPECT_EQ(Figures().size(), before);
  EXPECT_EQ(Search("currency:USD").size(), 3u);
}

}  // namespace
}  // namespace tahqiq::e2e
