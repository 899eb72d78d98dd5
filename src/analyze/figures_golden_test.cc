// Runs tests/golden/figures/<lang>/*.txt, one gtest per file.
//
// Each non-empty line of a .txt file that does not start with '#' is one
// input. The matching .expected.jsonl holds, per input line in order, one
// JSON object per figure found in it ({"line":N,"kind":...,"value":...,
// "text":...,"start":...,"end":...}, offsets into the line), or
// {"line":N,"none":true} when the line has no figure (the look-alikes).
// With TAHQIQ_REBASELINE=1 the runner rewrites the .expected.jsonl files
// instead of comparing; check the diff by eye before committing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/figures.h"
#include "analyze/golden_files.h"

namespace tahqiq::analyze {
namespace {

namespace fs = std::filesystem;

fs::path GoldenDir() {
  const char* env = std::getenv("TAHQIQ_SOURCE_DIR");
  const std::string root = env != nullptr && *env != '\0' ? env : TAHQIQ_SOURCE_DIR;
  return fs::path(root) / "tests" / "golden" / "figures";
}

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + '"';
}

std::string Number(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  return std::string(buf, r.ptr);
}

std::string FigureLine(int line, const Figure& f) {
  std::string out = "{\"line\":" + std::to_string(line) +
                    ",\"kind\":" + Quote(FigureKindName(f.kind)) + ",\"value\":";
  const bool is_date = f.kind == FigureKind::kDate || f.kind == FigureKind::kDateRange;
  out += is_date ? Quote(f.date) : Number(f.value);
  if (f.kind == FigureKind::kDateRange)
    out += ",\"from\":" + Quote(f.from) + ",\"to\":" + Quote(f.to);
  if (!f.unit.empty()) out += ",\"unit\":" + Quote(f.unit);
  if (!f.currency.empty()) out += ",\"currency\":" + Quote(f.currency);
  if (f.approx) out += ",\"approx\":true";
  out += ",\"text\":" + Quote(f.text) + ",\"start\":" + std::to_string(f.start) +
         ",\"end\":" + std::to_string(f.end) + "}";
  return out;
}

class FiguresGoldenTest : public testing::Test {
 public:
  explicit FiguresGoldenTest(fs::path path) : path_(std::move(path)) {}

  void TestBody() override {
    std::ifstream in(path_, std::ios::binary);
    ASSERT_TRUE(in) << "cannot read " << path_;
    std::vector<std::string> actual;
    int line_no = 0;
    int inputs = 0;
    for (std::string line; std::getline(in, line);) {
      ++line_no;
      if (line.empty() || line[0] == '#') continue;
      ++inputs;
      const std::vector<Figure> figures = FindFigures(line);
      uint32_t last_end = 0;
      for (const Figure& f : figures) {
        ASSERT_LT(f.start, f.end) << path_ << ":" << line_no;
        ASSERT_LE(f.end, line.size()) << path_ << ":" << line_no;
        ASSERT_GE(f.start, last_end) << path_ << ":" << line_no << ": overlapping figures";
        ASSERT_EQ(f.text, line.substr(f.start, f.end - f.start)) << path_ << ":" << line_no;
        last_end = f.end;
        actual.push_back(FigureLine(line_no, f));
      }
      if (figures.empty())
        actual.push_back("{\"line\":" + std::to_string(line_no) + ",\"none\":true}");
    }
    EXPECT_GT(inputs, 0) << path_ << " has no inputs";

    fs::path expected_path = path_;
    expected_path.replace_extension(".expected.jsonl");
    const bool rebaseline = std::getenv("TAHQIQ_REBASELINE") != nullptr &&
                            std::string_view(std::getenv("TAHQIQ_REBASELINE")) == "1";
    std::vector<std::string> expected;
    {
      std::ifstream ein(expected_path, std::ios::binary);
      for (std::string l; std::getline(ein, l);) {
        if (!l.empty()) expected.push_back(l);
      }
    }
    if (rebaseline) {
      if (expected != actual) {
        std::ofstream out(expected_path, std::ios::binary | std::ios::trunc);
        for (const std::string& l : actual) out << l << '\n';
        ASSERT_TRUE(out.good()) << "cannot write " << expected_path;
        std::cout << "rebaselined " << expected_path.string() << "\n";
      }
      return;
    }
    // Compare line by line, reporting each difference with its input line.
    const size_t n = std::max(expected.size(), actual.size());
    for (size_t i = 0; i < n; ++i) {
      const std::string e = i < expected.size() ? expected[i] : "<missing>";
      const std::string a = i < actual.size() ? actual[i] : "<missing>";
      EXPECT_EQ(a, e) << expected_path.filename().string() << " entry " << i + 1;
      if (a != e) break;  // later entries shift; the first difference is the one to read
    }
  }

 private:
  fs::path path_;
};

const bool kRegistered =
    RegisterGoldenFiles<FiguresGoldenTest>("FiguresGolden", GoldenDir(), ".txt");

std::string Repeat(std::string_view piece, size_t times, std::string_view tail) {
  std::string s;
  s.reserve(piece.size() * times + tail.size());
  for (size_t i = 0; i < times; ++i) s += piece;
  s += tail;
  return s;
}

// Each item of a list or of a chain of hyphenated number words is read by a nested call; a
// list far longer than a golden line can hold must still be read without exhausting the stack.
TEST(FiguresLongInput, ListsAndChainsOfAnyLength) {
  const std::vector<Figure> list = FindFigures(Repeat("200, ", 20000, "and 300 dollars."));
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list.back().kind, FigureKind::kMoney);
  EXPECT_EQ(list.back().value, 300);
  EXPECT_EQ(list.back().currency, "USD");
  const std::vector<Figure> ranges = FindFigures(Repeat("five to ", 60000, "ten years."));
  ASSERT_FALSE(ranges.empty());
  EXPECT_EQ(ranges.back().value, 10);
  EXPECT_EQ(ranges.back().unit, "year");
  FindFigures(Repeat("five-hundred-", 20000, "dollars."));
  FindFigures(Repeat("-20 and ", 20000, "-40 degrees."));
  FindFigures(Repeat("2002 and ", 20000, "2003 formats."));
}

}  // namespace
}  // namespace tahqiq::analyze
