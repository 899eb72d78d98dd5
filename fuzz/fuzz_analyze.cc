// Fuzz target: Analyzer::Analyze and NormalizeWord on arbitrary bytes.
//
// Invariants checked (from analyze/analyzer.h), abort on violation:
//  - every token has start <= end <= text.size() and offsets never go back;
//  - positions run consecutively from first_pos, and Analyze() returns the
//    next free position;
//  - exact (never empty) and stem are valid UTF-8 (they become index terms);
//  - analysing the same text again from another first_pos gives the same
//    tokens shifted (no state leaks between calls);
//  - NormalizeWord() returns valid UTF-8;
//  - EntityFinder mentions lie inside the text, span their text, are valid
//    UTF-8, have a kind and a value, and neither overlap nor go back.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/analyzer.h"
#include "analyze/entities.h"
#include "fuzz_analyzer.h"
#include "fuzz_util.h"

namespace {

using tahqiq::fuzz::GetAnalyzer;

using tahqiq::analyze::Analyzer;
using tahqiq::analyze::ScriptCounts;
using tahqiq::analyze::Token;
using tahqiq::fuzz::IsValidUtf8;

void CheckTokens(std::string_view text, const std::vector<Token>& tokens, uint32_t first_pos,
                 uint32_t next) {
  uint32_t last_start = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    FUZZ_CHECK(t.start <= t.end, "token %zu: start %u > end %u", i, t.start, t.end);
    FUZZ_CHECK(t.end <= text.size(), "token %zu: end %u > size %zu", i, t.end, text.size());
    FUZZ_CHECK(t.start >= last_start, "token %zu: start %u before previous start %u", i, t.start,
               last_start);
    last_start = t.start;
    FUZZ_CHECK(t.pos == first_pos + i, "token %zu: pos %u, expected %zu", i, t.pos,
               static_cast<size_t>(first_pos + i));
    FUZZ_CHECK(!t.exact.empty(), "token %zu: empty exact form", i);
    FUZZ_CHECK(IsValidUtf8(t.exact), "token %zu: exact form is not valid UTF-8", i);
    FUZZ_CHECK(IsValidUtf8(t.stem), "token %zu: stem is not valid UTF-8", i);
    FUZZ_CHECK(t.stem != t.exact, "token %zu: stem equal to exact is not cleared", i);
  }
  FUZZ_CHECK(next == first_pos + tokens.size(), "Analyze returned %u for %zu tokens from %u", next,
             tokens.size(), first_pos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Analyzer& analyzer = GetAnalyzer();
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  std::vector<Token> tokens;
  ScriptCounts counts;
  const uint32_t next = analyzer.Analyze(text, 1, &tokens, &counts);
  CheckTokens(text, tokens, 1, next);
  const std::string lang = tahqiq::analyze::MainLanguage(counts);
  FUZZ_CHECK(lang == "ar" || lang == "he" || lang == "en" || lang == "und", "language %s",
             lang.c_str());

  // Same text again, appended after an unrelated token and numbered from
  // elsewhere: same words, shifted positions.
  std::vector<Token> again(1);
  const uint32_t next2 = analyzer.Analyze(text, 1000, &again);
  FUZZ_CHECK(again.size() == tokens.size() + 1, "second run: %zu tokens, first run %zu",
             again.size() - 1, tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& a = tokens[i];
    const Token& b = again[i + 1];
    FUZZ_CHECK(a.exact == b.exact && a.stem == b.stem && a.start == b.start && a.end == b.end &&
                   a.script == b.script && b.pos == a.pos + 999,
               "token %zu differs between two runs", i);
  }
  FUZZ_CHECK(next2 == 1000 + tokens.size(), "second run returned %u", next2);

  // ---- entities ----
  static const auto* finder = tahqiq::analyze::EntityFinder::Create({}).value().release();
  uint32_t last_end = 0;
  for (const auto& m : finder->Find(text, tokens)) {
    FUZZ_CHECK(m.start >= last_end && m.start < m.end && m.end <= text.size(),
               "entity [%u, %u) out of order or bounds", m.start, m.end);
    FUZZ_CHECK(m.text.size() == m.end - m.start, "entity text is not its span");
    FUZZ_CHECK(IsValidUtf8(m.text) && IsValidUtf8(m.value), "entity is not valid UTF-8");
    FUZZ_CHECK(!m.kind.empty() && !m.value.empty(), "entity without kind or value");
    last_end = m.end;
  }

  std::string stem;
  const std::string exact = analyzer.NormalizeWord(text, &stem);
  FUZZ_CHECK(IsValidUtf8(exact), "NormalizeWord: exact form is not valid UTF-8");
  FUZZ_CHECK(IsValidUtf8(stem), "NormalizeWord: stem is not valid UTF-8");
  return 0;
}
