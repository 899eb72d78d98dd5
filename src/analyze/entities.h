// Entities: typed mentions found in text by rules, in Arabic, Hebrew and
// English.
//
// Pattern kinds (scanned on the raw bytes, offsets exact):
//   email   local@domain.tld                       value: lowercased
//   url     http(s)://, ftp://, www. ...           value: scheme and host lowercased
//   phone   +CC... (8-15 digits), 00CC..., local 0X... (9-11 digits, grouped),
//           NANP (NXX) NXX-XXXX; Arabic-Indic digits too
//                                                  value: "+" and digits, or digits
//   iban    CCkk + 11-30 letters/digits, grouped by 4 or not, ISO 7064 mod-97
//           checksum valid (and the country's length where known)
//                                                  value: compact, uppercase
//   custom:<name>  a user's ICU regular expression (bounded by ICU's time limit)
// Named kinds (over the analyzer's tokens; value = the exact forms joined
// by spaces, so spellings that normalize alike share a value):
//   unit    a unit trigger followed by a number: Unit 8200, وحدة/الوحدة 8200,
//           יחידה/ביחידה 8200                      value: "unit 8200" in every script
//   org     a trigger word and the name after it: شركة X, وزارة الخارجية,
//           חברת X, משרד הביטחון, Ministry of X, Bank of X; a capitalized name
//           ending in Inc./Ltd./Corp./LLC/..., a Hebrew name before בע"מ.
//           For company triggers (شركة, חברת) the value is the name alone.
//   name    a run of capitalized Latin words inside Arabic or Hebrew text;
//           two or more capitalized words in English text (Benjamin Netanyahu)
//   quoted  a short name in «...», “...”, ״...״ or "..." (not gershayim)
// Mentions never overlap: pattern kinds win over unit, org, name, quoted.
//
// Why hand-written rules: no library packaged in Debian does named-entity
// recognition for Arabic or Hebrew (and shipping a trained model is out of
// scope); these rules are explicit, testable (tests/golden/entities) and
// measured (bench/entities).
//
// Thread safety: an EntityFinder is immutable after Create() and may be used
// by several threads at once; each call takes the caller's Analyzer (one per
// thread, see analyzer.h) or the tokens it already produced.
#ifndef TAHQIQ_ANALYZE_ENTITIES_H_
#define TAHQIQ_ANALYZE_ENTITIES_H_

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/analyzer.h"
#include "base/status.h"

namespace tahqiq::analyze {

struct EntityMention {
  std::string kind;             // "email", "phone", "url", "iban", "unit", "org", "name", "quoted",
                                // or "custom:<name>".
  std::string text;             // Surface text, text[start, end) (invalid UTF-8 bytes as '?').
  std::string value;            // Normalized value (see above); what mentions merge on.
  uint32_t start = 0, end = 0;  // Byte offsets in the text given to Find().
  // Display name: the surface words the value comes from (without a company
  // trigger or a suffix), "Unit 8200" for units; "" = `text`.
  std::string name;
};

// Kinds whose mentions may merge across scripts by name keys (name_key.h).
bool IsNameKind(std::string_view kind);

struct CustomPattern {
  std::string name;   // Letters, digits, '_' and '-'; the kind is "custom:" + name.
  std::string regex;  // ICU syntax, matched against the UTF-8 text.
};

struct EntityOptions {
  std::vector<CustomPattern> custom;
  // ICU's regex time limit per match attempt, in its steps (~milliseconds);
  // a pattern that runs out is abandoned for that text.
  int32_t regex_time_limit = 50;
  bool names = true;  // The named kinds (unit, org, name, quoted).
};

class EntityFinder {
 public:
  // kInvalidArgument if a custom pattern does not compile or has a bad name.
  static Result<std::unique_ptr<EntityFinder>> Create(const EntityOptions& options);
  ~EntityFinder();
  EntityFinder(const EntityFinder&) = delete;
  EntityFinder& operator=(const EntityFinder&) = delete;

  // Mentions in `text`, ordered by start. `tokens` must be what
  // Analyzer::Analyze() returned for exactly `text` (positions ignored).
  std::vector<EntityMention> Find(std::string_view text, const std::vector<Token>& tokens) const;
  // Same, analyzing `text` with `analyzer` first.
  std::vector<EntityMention> Find(std::string_view text, Analyzer& analyzer) const;

 private:
  struct Impl;
  explicit EntityFinder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Keeps the spans of `best_first` (anything with `start` and `end`) that do
// not overlap a span kept before them, and returns them ordered by start.
template <class Span>
std::vector<Span> KeepDisjoint(std::vector<Span> best_first) {
  std::vector<Span> kept;
  std::map<uint64_t, uint64_t> taken;  // start -> end of the kept spans.
  for (Span& s : best_first) {
    auto next = taken.lower_bound(s.start);
    if (next != taken.end() && next->first < s.end) continue;
    if (next != taken.begin() && std::prev(next)->second > s.start) continue;
    taken.emplace(s.start, s.end);
    kept.push_back(std::move(s));
  }
  std::sort(kept.begin(), kept.end(),
            [](const Span& a, const Span& b) { return a.start < b.start; });
  return kept;
}

// True if `iban` (compact or grouped by spaces) has a valid mod-97 checksum.
bool IbanChecksumValid(std::string_view iban);

}  // namespace tahqiq::analyze

#endif  // TAHQIQ_ANALYZE_ENTITIES_H_
