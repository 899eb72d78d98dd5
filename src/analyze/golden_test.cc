// Runs tests/golden/analyze/**/*.test, one gtest per file.
//
// A file holds cases separated by blank or '#' comment lines:
//
//   input: <text, with escapes \\ \n \t \xHH \u{HHHH}>
//   ----
//   <expected tokens, space separated: exact[pos], then /stem if the token
//    has a stem, {alt,alt} if it has alternatives, ~loose if it has a
//    loose form; e.g. והבית[1]{הבית,בית} or مسئولين[2]/مسئول~مسءول>
//
// Positions start at 1. With TAHQIQ_REBASELINE=1 the runner rewrites each
// expected line with what the analyzer produced instead of comparing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "analyze/analyzer.h"
#include "analyze/golden_files.h"
#include "analyze/internal/utf8.h"

namespace tahqiq::analyze {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kInputPrefix = "input: ";
constexpr std::string_view kSeparator = "----";

fs::path GoldenDir() {
  const char* env = std::getenv("TAHQIQ_SOURCE_DIR");
  const std::string root = env != nullptr && *env != '\0' ? env : TAHQIQ_SOURCE_DIR;
  return fs::path(root) / "tests" / "golden" / "analyze";
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Escapes let a case show invisible characters (bidi controls) and carry
// bytes that are not UTF-8, which an editor would mangle.
bool Unescape(std::string_view in, std::string* out, std::string* error) {
  out->clear();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '\\') {
      out->push_back(in[i]);
      continue;
    }
    if (++i == in.size()) return *error = "trailing backslash", false;
    switch (in[i]) {
      case '\\':
        out->push_back('\\');
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 'x': {
        const int hi = i + 1 < in.size() ? HexValue(in[i + 1]) : -1;
        const int lo = i + 2 < in.size() ? HexValue(in[i + 2]) : -1;
        if (hi < 0 || lo < 0) return *error = "bad \\x escape", false;
        out->push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        break;
      }
      case 'u': {
        const size_t close = in.find('}', i);
        if (i + 1 >= in.size() || in[i + 1] != '{' || close == std::string_view::npos) {
          return *error = "bad \\u{...} escape", false;
        }
        char32_t c = 0;
        for (size_t j = i + 2; j < close; ++j) {
          const int v = HexValue(in[j]);
          if (v < 0) return *error = "bad \\u{...} escape", false;
          c = c * 16 + static_cast<char32_t>(v);
        }
        if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return *error = "bad code point", false;
        internal::AppendUtf8(c, out);
        i = close;
        break;
      }
      default:
        return *error = std::string("unknown escape \\") + in[i], false;
    }
  }
  return true;
}

std::string FormatTokens(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t.exact + '[' + std::to_string(t.pos) + ']';
    if (!t.stem.empty()) out += '/' + t.stem;
    for (size_t i = 0; i < t.alts.size(); ++i) out += (i == 0 ? "{" : ",") + t.alts[i];
    if (!t.alts.empty()) out += '}';
    if (!t.loose.empty()) out += '~' + t.loose;
  }
  return out;
}

class GoldenFileTest : public testing::Test {
 public:
  explicit GoldenFileTest(fs::path path) : path_(std::move(path)) {}

  void TestBody() override {
    std::ifstream in(path_, std::ios::binary);
    ASSERT_TRUE(in) << "cannot read " << path_;
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);

    auto created = Analyzer::Create();
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    Analyzer& analyzer = **created;
    const bool rebaseline = std::getenv("TAHQIQ_REBASELINE") != nullptr &&
                            std::string_view(std::getenv("TAHQIQ_REBASELINE")) == "1";

    int cases = 0;
    bool changed = false;
    for (size_t i = 0; i < lines.size(); ++i) {
      const std::string& line = lines[i];
      if (line.empty() || line[0] == '#') continue;
      const std::string where = path_.filename().string() + ":" + std::to_string(i + 1);
      ASSERT_EQ(line.rfind(kInputPrefix, 0), 0u) << where << ": expected 'input: ...'";
      ASSERT_TRUE(i + 1 < lines.size() && lines[i + 1] == kSeparator)
          << where << ": 'input:' must be followed by '----' and the expected line";
      std::string input, error;
      ASSERT_TRUE(Unescape(std::string_view(line).substr(kInputPrefix.size()), &input, &error))
          << where << ": " << error;

      std::vector<Token> tokens;
      analyzer.Analyze(input, 1, &tokens);
      for (const Token& t : tokens) {
        ASSERT_LE(t.end, input.size()) << where;
        ASSERT_LT(t.start, t.end) << where;
      }
      const std::string actual = FormatTokens(tokens);
      if (i + 2 == lines.size()) lines.emplace_back();  // No expected line: no tokens.
      std::string& expected = lines[i + 2];
      if (rebaseline) {
        changed |= expected != actual;
        expected = actual;
      } else {
        EXPECT_EQ(actual, expected) << where << " input: " << line.substr(kInputPrefix.size());
      }
      ++cases;
      i += 2;
    }
    EXPECT_GT(cases, 0) << path_ << " has no cases";
    if (rebaseline && changed) {
      std::ofstream out(path_, std::ios::binary | std::ios::trunc);
      for (const std::string& l : lines) out << l << '\n';
      ASSERT_TRUE(out.good()) << "cannot rewrite " << path_;
      std::cout << "rebaselined " << path_.string() << "\n";
    }
  }

 private:
  fs::path path_;
};

const bool kRegistered = RegisterGoldenFiles<GoldenFileTest>("AnalyzeGolden", GoldenDir(), ".test");

}  // namespace
}  // namespace tahqiq::analyze
