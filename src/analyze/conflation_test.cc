// Runs tests/golden/analyze/conflation/*.txt: which words find which.
//
// Each line holds words separated by spaces, after a marker:
//   = a b c   a family: a query for any of them finds every other one
//   ! a b     confusable: neither finds the other
//   > a b     a query for a finds b, but b does not find a (an asymmetry
//             of the design, e.g. an alternative the index stores and a
//             query never searches)
//   ?= a b c  a known gap: a family that does NOT fully conflate yet
//   ?! a b    a known false conflation: one of the two finds the other
// "Finds" is analyze::Match(query, indexed) != kNone, the relation the
// index realizes (query_test checks that it does). Known gaps and false
// conflations are asserted as they are, so a change that fixes one fails
// until the line is promoted to = or !.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "analyze/analyzer.h"

namespace tahqiq::analyze {
namespace {

namespace fs = std::filesystem;

fs::path ConflationDir() {
  const char* env = std::getenv("TAHQIQ_SOURCE_DIR");
  const std::string root = env != nullptr && *env != '\0' ? env : TAHQIQ_SOURCE_DIR;
  return fs::path(root) / "tests" / "golden" / "analyze" / "conflation";
}

class ConflationFileTest : public testing::Test {
 public:
  explicit ConflationFileTest(fs::path path) : path_(std::move(path)) {}

  void TestBody() override {
    auto created = Analyzer::Create();
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    analyzer_ = std::move(created).value();
    std::ifstream in(path_);
    ASSERT_TRUE(in) << path_;
    std::map<std::string, int> counts;
    int line_no = 0;
    for (std::string line; std::getline(in, line);) {
      ++line_no;
      if (line.empty() || line[0] == '#') continue;
      std::istringstream words(line);
      std::string kind;
      words >> kind;
      std::vector<std::string> w;
      for (std::string x; words >> x;) w.push_back(x);
      const std::string where = path_.filename().string() + ":" + std::to_string(line_no);
      ASSERT_GE(w.size(), 2u) << where;
      ++counts[kind];
      if (kind == "=" || kind == "?=") {
        std::string missing;
        for (const auto& a : w) {
          for (const auto& b : w) {
            if (a != b && !Finds(a, b)) missing += " " + a + "->" + b;
          }
        }
        if (kind == "=") {
          EXPECT_EQ(missing, "") << where << " not found:" << missing;
        } else {
          EXPECT_NE(missing, "") << where << " now conflates fully: promote it to '='";
        }
      } else if (kind == "!" || kind == "?!") {
        ASSERT_EQ(w.size(), 2u) << where;
        const bool any = Finds(w[0], w[1]) || Finds(w[1], w[0]);
        if (kind == "!") {
          EXPECT_FALSE(any) << where << " " << w[0] << " and " << w[1] << " conflate";
        } else {
          EXPECT_TRUE(any) << where << " no longer conflate: promote it to '!'";
        }
      } else if (kind == ">") {
        ASSERT_EQ(w.size(), 2u) << where;
        EXPECT_TRUE(Finds(w[0], w[1])) << where;
        EXPECT_FALSE(Finds(w[1], w[0])) << where;
      } else {
        ADD_FAILURE() << where << ": unknown marker " << kind;
      }
    }
    std::string summary;
    for (const auto& [k, n] : counts) summary += " " + k + ":" + std::to_string(n);
    RecordProperty("lines", summary);
    std::cout << path_.filename().string() << summary << "\n";
  }

 private:
  Token One(const std::string& word, bool query) {
    std::vector<Token> t;
    if (query) {
      analyzer_->AnalyzeQuery(word, 1, &t);
    } else {
      analyzer_->Analyze(word, 1, &t);
    }
    EXPECT_EQ(t.size(), 1u) << word << " is not one word";
    return t.empty() ? Token() : t[0];
  }
  bool Finds(const std::string& query, const std::string& indexed) {
    return Match(One(query, true), One(indexed, false)) != MatchLevel::kNone;
  }

  fs::path path_;
  std::unique_ptr<Analyzer> analyzer_;
};

bool RegisterConflationTests() {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(ConflationDir(), ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".txt") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    const std::string name = file.stem().string();
    testing::RegisterTest("Conflation", name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                          [file]() -> testing::Test* { return new ConflationFileTest(file); });
  }
  return true;
}

const bool kRegistered = RegisterConflationTests();

}  // namespace
}  // namespace tahqiq::analyze
