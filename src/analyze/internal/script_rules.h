// Per-script word rules. Analyzer picks one ScriptRules per word from the
// word's dominant script; a fuller Arabic stemmer (light10) or a Hebrew prefix
// expander replaces one class here without touching segmentation.
#ifndef TAHQIQ_ANALYZE_INTERNAL_SCRIPT_RULES_H_
#define TAHQIQ_ANALYZE_INTERNAL_SCRIPT_RULES_H_

#include <memory>
#include <string>
#include <string_view>

namespace tahqiq::analyze::internal {

// Not thread-safe: implementations may keep scratch buffers or a stemmer.
class ScriptRules {
 public:
  virtual ~ScriptRules() = default;

  // Rewrites one word in place. `word` is already NFKC_Casefold-ed and has
  // been through NormalizeCommon().
  virtual void Normalize(std::u32string* word) = 0;

  // Sets `*stem` to the stem of `exact` (the UTF-8 output of Normalize), or
  // clears it when the script has no stemmer.
  virtual void Stem(std::string_view exact, std::string* stem) = 0;
};

// Rules for every word whatever its script: deletes invisible bidi and
// zero-width controls, soft hyphen and tatweel; maps every decimal digit
// (Arabic-Indic, Persian, ...) to ASCII and U+2019 to an ASCII apostrophe.
void NormalizeCommon(std::u32string* word);

// Arabic normalization of arabic-hebrew.md §1.4 (harakat and Quranic marks,
// alef/yeh/kaf/heh variants). No stemmer yet.
std::unique_ptr<ScriptRules> NewArabicRules();

// Hebrew rules of arabic-hebrew.md §2.3: niqqud and cantillation, ligatures,
// gershayim and geresh. Final letters are kept. No stemmer yet.
std::unique_ptr<ScriptRules> NewHebrewRules();

// English Snowball stemmer. Null if libstemmer cannot create it.
std::unique_ptr<ScriptRules> NewLatinRules();

// Numbers: Arabic decimal and thousands separators between digits become
// '.' and ','.
std::unique_ptr<ScriptRules> NewNumberRules();

// Any other script: nothing beyond NormalizeCommon, no stem.
std::unique_ptr<ScriptRules> NewPlainRules();

}  // namespace tahqiq::analyze::internal

#endif  // TAHQIQ_ANALYZE_INTERNAL_SCRIPT_RULES_H_
