#include "analyze/name_key.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace tahqiq::analyze {
namespace {

std::filesystem::path NamesFile() {
  const char* env = std::getenv("TAHQIQ_SOURCE_DIR");
  const std::string root = env != nullptr && *env != '\0' ? env : TAHQIQ_SOURCE_DIR;
  return std::filesystem::path(root) / "tests" / "golden" / "analyze" / "names" / "names.txt";
}

std::string Trim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  return s.substr(i);
}

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 2;
  for (size_t bar; (bar = line.find('|', start)) != std::string::npos; start = bar + 1) {
    out.push_back(Trim(line.substr(start, bar - start)));
  }
  out.push_back(Trim(line.substr(start)));
  return out;
}

std::string Show(const std::vector<std::string>& keys) {
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : ",") + k;
  return "{" + out + "}";
}

TEST(NameKeysTest, GoldenNames) {
  std::ifstream in(NamesFile());
  ASSERT_TRUE(in) << NamesFile();
  int groups = 0, distinct = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.size() < 3 || line[0] == '#') continue;
    const std::vector<std::string> names = Split(line);
    if (line[0] == '=') {
      ++groups;
      for (size_t i = 0; i < names.size(); ++i) {
        for (size_t j = i + 1; j < names.size(); ++j) {
          EXPECT_TRUE(NamesMatch(names[i], names[j]))
              << names[i] << " " << Show(NameKeys(names[i])) << " vs " << names[j] << " "
              << Show(NameKeys(names[j]));
        }
      }
    } else if (line[0] == '!') {
      ++distinct;
      ASSERT_EQ(names.size(), 2u) << line;
      EXPECT_FALSE(NamesMatch(names[0], names[1]))
          << names[0] << " " << Show(NameKeys(names[0])) << " vs " << names[1] << " "
          << Show(NameKeys(names[1]));
    } else if (line[0] == '~') {
      EXPECT_TRUE(NameKeys(names[0]).empty()) << names[0] << " " << Show(NameKeys(names[0]));
    } else {
      ADD_FAILURE() << "bad line: " << line;
    }
  }
  EXPECT_GE(groups, 40);
  EXPECT_GE(distinct, 8);
}

TEST(NameKeysTest, KeysAreConsonantSkeletons) {
  EXPECT_EQ(NameKeys("Microsoft"), (std::vector<std::string>{"MKRSFT"}));
  EXPECT_EQ(NameKeys("MICROSOFT"), NameKeys("microsoft"));
  EXPECT_EQ(NameKeys("مُحَمَّد"), NameKeys("محمد"));        // Harakat ignored.
  EXPECT_EQ(NameKeys("Erdoğan"), NameKeys("Erdogan"));  // Accents folded.
  EXPECT_EQ(NameKeys("جوجل").size(), 4u);               // ج is J or G, twice.
  for (const auto& k : NameKeys("ולמיקרוסופט")) EXPECT_LE(k.size(), 8u);
  EXPECT_LE(NameKeys("פפפפפפפפפפפפבבבבבבבבבבבבבב").size(), kMaxNameKeys);
  EXPECT_TRUE(NameKeys("").empty());
  EXPECT_TRUE(NameKeys("123 !!").empty());
  EXPECT_TRUE(NameKeys("\xFF\xFE").empty());
}

TEST(NameKeysTest, TokensThatMayBeNames) {
  Token t;
  t.exact = "microsoft";
  t.script = Script::kLatin;
  EXPECT_TRUE(TokenNameKeys(t).empty());  // Lowercase English: not a name.
  t.upper_initial = true;
  EXPECT_EQ(TokenNameKeys(t), NameKeys("Microsoft"));
  t.exact = "the";
  EXPECT_TRUE(TokenNameKeys(t).empty());  // Sentence-initial function word.
  t.exact = "john's";
  EXPECT_EQ(TokenNameKeys(t), NameKeys("John"));
  t.exact = "מיקרוסופט";
  t.script = Script::kHebrew;
  t.upper_initial = false;
  EXPECT_EQ(TokenNameKeys(t), NameKeys("מיקרוסופט"));
  t.exact = "של";
  EXPECT_TRUE(TokenNameKeys(t).empty());
  t.exact = "في";
  t.script = Script::kArabic;
  EXPECT_TRUE(TokenNameKeys(t).empty());
  t.exact = "2023";
  t.script = Script::kNumber;
  EXPECT_TRUE(TokenNameKeys(t).empty());
}

}  // namespace
}  // namespace tahqiq::analyze
