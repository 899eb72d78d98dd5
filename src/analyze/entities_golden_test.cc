// Runs tests/golden/entities/**/*.txt, one gtest per file: the mentions
// EntityFinder finds in the file's text must equal <name>.expected.jsonl,
// one JSON object per line: {"kind","text","value","start","end"}.
// tests/golden/entities/patterns.tsv (name TAB regex per line) gives the
// custom patterns every file is searched with. With TAHQIQ_REBASELINE=1 the
// runner rewrites the expected files instead of comparing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "analyze/analyzer.h"
#include "analyze/entities.h"
#include "analyze/golden_files.h"

namespace tahqiq::analyze {
namespace {

namespace fs = std::filesystem;

fs::path GoldenDir() {
  const char* env = std::getenv("TAHQIQ_SOURCE_DIR");
  const std::string root = env != nullptr && *env != '\0' ? env : TAHQIQ_SOURCE_DIR;
  return fs::path(root) / "tests" / "golden" / "entities";
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string Format(const EntityMention& m) {
  return "{\"kind\":" + JsonString(m.kind) + ",\"text\":" + JsonString(m.text) +
         ",\"value\":" + JsonString(m.value) + ",\"start\":" + std::to_string(m.start) +
         ",\"end\":" + std::to_string(m.end) + "}";
}

std::vector<CustomPattern> ReadPatterns() {
  std::vector<CustomPattern> out;
  std::ifstream in(GoldenDir() / "patterns.tsv");
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    out.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return out;
}

class EntityGoldenTest : public testing::Test {
 public:
  explicit EntityGoldenTest(fs::path path) : path_(std::move(path)) {}

  void TestBody() override {
    const std::string text = ReadFile(path_);
    ASSERT_FALSE(text.empty()) << "cannot read " << path_;
    auto analyzer = Analyzer::Create();
    ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
    EntityOptions options;
    options.custom = ReadPatterns();
    auto finder = EntityFinder::Create(options);
    ASSERT_TRUE(finder.ok()) << finder.status().ToString();
    std::string actual;
    for (const EntityMention& m : (*finder)->Find(text, **analyzer)) {
      ASSERT_LE(m.end, text.size());
      ASSERT_EQ(text.substr(m.start, m.end - m.start), m.text);
      actual += Format(m) + "\n";
    }
    fs::path expected_path = path_;
    expected_path.replace_extension(".expected.jsonl");
    const char* rb = std::getenv("TAHQIQ_REBASELINE");
    if (rb != nullptr && std::string_view(rb) == "1") {
      std::ofstream out(expected_path, std::ios::binary | std::ios::trunc);
      out << actual;
      ASSERT_TRUE(out.good()) << "cannot write " << expected_path;
      return;
    }
    const std::string expected = ReadFile(expected_path);
    // Line by line, so a failure names the mention that differs.
    std::istringstream a(actual), e(expected);
    std::string la, le;
    int line = 0;
    while (true) {
      const bool ga = static_cast<bool>(std::getline(a, la));
      const bool ge = static_cast<bool>(std::getline(e, le));
      ++line;
      if (!ga && !ge) break;
      EXPECT_EQ(ga ? la : "(none)", ge ? le : "(none)")
          << expected_path.filename().string() << ":" << line;
      if (!ga || !ge) break;
    }
  }

 private:
  fs::path path_;
};

const bool kRegistered = RegisterGoldenFiles<EntityGoldenTest>("EntityGolden", GoldenDir(), ".txt");

TEST(Iban, Checksum) {
  EXPECT_TRUE(IbanChecksumValid("GB82 WEST 1234 5698 7654 32"));
  EXPECT_FALSE(IbanChecksumValid("GB82 WEST 1234 5698 7654 33"));
  EXPECT_FALSE(IbanChecksumValid("GB82"));
}

TEST(EntityFinder, BadPatternIsAnError) {
  EntityOptions o;
  o.custom.push_back({"case", "([a-z"});
  EXPECT_EQ(EntityFinder::Create(o).status().code(), StatusCode::kInvalidArgument);
  o.custom = {{"bad name", "x"}};
  EXPECT_EQ(EntityFinder::Create(o).status().code(), StatusCode::kInvalidArgument);
}

TEST(EntityFinder, RunawayPatternIsCutOff) {
  EntityOptions o;
  o.custom.push_back({"slow", "(a+)+b"});
  o.regex_time_limit = 1;
  auto f = EntityFinder::Create(o);
  ASSERT_TRUE(f.ok());
  auto a = Analyzer::Create();
  ASSERT_TRUE(a.ok());
  const std::string text(40, 'a');
  EXPECT_TRUE((*f)->Find(text, **a).empty());
}

}  // namespace
}  // namespace tahqiq::analyze
