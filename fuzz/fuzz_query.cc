// Fuzz target: ParseQuery + CollectTerms + MakeSnippet.
//
// Input: a query, optionally followed by a NUL byte and a document text. With
// no NUL, the query text itself is also used as the document, so plain query
// files make a useful corpus. Checked, abort on violation:
//  - ParseQuery fails only with kInvalidArgument;
//  - snippet marks are ordered byte ranges inside the snippet text, the
//    snippet is no longer than the document, and it is valid UTF-8 whenever
//    the document is (Snippet::text is documented as UTF-8).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_analyzer.h"
#include "fuzz_util.h"
#include "query/query.h"

namespace {

using tahqiq::fuzz::GetAnalyzer;

using tahqiq::analyze::Analyzer;

void CheckSnippet(std::string_view text, const tahqiq::query::Snippet& s) {
  FUZZ_CHECK(s.text.size() <= text.size(), "snippet (%zu bytes) longer than text (%zu)",
             s.text.size(), text.size());
  if (tahqiq::fuzz::IsValidUtf8(text)) {
    const size_t bad = tahqiq::fuzz::FirstInvalidUtf8(s.text);
    FUZZ_CHECK(bad == s.text.size(),
               "snippet of valid UTF-8 text is invalid UTF-8 at byte %zu of %zu", bad,
               s.text.size());
  }
  uint32_t last_end = 0;
  for (size_t i = 0; i < s.marks.size(); ++i) {
    const auto [b, e] = s.marks[i];
    FUZZ_CHECK(b <= e && e <= s.text.size(), "mark %zu [%u, %u) outside snippet of %zu bytes", i, b,
               e, s.text.size());
    FUZZ_CHECK(b >= last_end || i == 0 || b == s.marks[i - 1].first,
               "mark %zu [%u, %u) overlaps the previous one", i, b, e);
    last_end = e;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Analyzer& analyzer = GetAnalyzer();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t nul = input.find('\0');
  const std::string_view query = input.substr(0, nul);
  const std::string_view text = nul == std::string_view::npos ? input : input.substr(nul + 1);

  auto parsed = tahqiq::query::ParseQuery(query, analyzer);
  if (!parsed.ok()) {
    FUZZ_CHECK(parsed.status().code() == tahqiq::StatusCode::kInvalidArgument,
               "ParseQuery failed with %s", parsed.status().ToString().c_str());
    return 0;
  }
  const tahqiq::query::MatchTerms terms = tahqiq::query::CollectTerms(*parsed);
  CheckSnippet(text, tahqiq::query::MakeSnippet(text, terms, analyzer));
  CheckSnippet(text, tahqiq::query::MakeSnippet(text, terms, analyzer, 1 + size % 7));
  return 0;
}
