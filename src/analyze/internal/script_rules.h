// Per-script word rules. Analyzer picks one ScriptRules per word (or per
// script run of a mixed word) from its dominant script. The rules are those
// of /work/shared/reference/arabic-hebrew.md (cited as "ref §n" in the .cc
// files), with the deviations documented where they are made.
#ifndef TAHQIQ_ANALYZE_INTERNAL_SCRIPT_RULES_H_
#define TAHQIQ_ANALYZE_INTERNAL_SCRIPT_RULES_H_

#include <memory>
#include <string>
#include <string_view>

#include "analyze/analyzer.h"

namespace tahqiq::analyze::internal {

// Not thread-safe: implementations may keep scratch buffers or a stemmer.
class ScriptRules {
 public:
  virtual ~ScriptRules() = default;

  // Rewrites one word in place. `word` is already NFKC_Casefold-ed and has
  // been through NormalizeCommon().
  virtual void Normalize(std::u32string* word) = 0;

  // Fills token->stem, token->alts and token->loose from `word`, the output
  // of Normalize() (without spaces), whose UTF-8 form is token->exact. The
  // three are empty on entry. The Analyzer removes a stem equal to exact,
  // alternatives equal to the primary stem or to each other, and a loose
  // form equal to the primary stem, so rules need not check.
  virtual void Stem(const std::u32string& word, Token* token) = 0;

  // In query mode, rules emit only the alternatives a query searches.
  void set_query_mode(bool query) { query_mode_ = query; }
  // Latin rules stem only words whose LatinInitial() has its bit here
  // (Analyzer::AnalyzeForInitials); all bits set by default.
  void set_latin_initials(uint32_t bits) { latin_initials_ = bits; }
  // Whether the last Stem() left out forms for that reason (its token must
  // not be reused as a word's full analysis).
  bool skipped() const { return skipped_; }

 protected:
  bool query_mode_ = false;
  uint32_t latin_initials_ = ~0u;
  bool skipped_ = false;
};

// Rules for every word whatever its script: deletes invisible bidi and
// zero-width controls, soft hyphen and tatweel; maps every decimal digit
// (Arabic-Indic, Persian, ...) to ASCII and U+2019 to an ASCII apostrophe.
void NormalizeCommon(std::u32string* word);

// Arabic: normalization of ref §1.4, light10 with the fixes of §1.5
// (arabic.cc), hamza-seat folding in the loose form.
std::unique_ptr<ScriptRules> NewArabicRules();

// Hebrew: marks, ligatures, gershayim and geresh (ref §2.3); stems fold
// final letters and carry proclitic and plural candidates (hebrew.cc).
std::unique_ptr<ScriptRules> NewHebrewRules();

// True if `word` (UTF-8, as Hebrew rules normalize it) is a Hebrew function
// word (של, לא, הוא, ...), final letters folded or not.
bool IsHebrewFunctionWord(std::string_view word);

// Latin: English Snowball stemmer; accents folded to ASCII in the loose
// form. Null if libstemmer cannot create the stemmer.
std::unique_ptr<ScriptRules> NewLatinRules();

// Numbers: Arabic decimal and thousands separators between digits become
// '.' and ','.
std::unique_ptr<ScriptRules> NewNumberRules();

// Any other script: nothing beyond NormalizeCommon, no stem.
std::unique_ptr<ScriptRules> NewPlainRules();

// Appends the UTF-8 form of `word` to `out`.
void AppendUtf8(std::u32string_view word, std::string* out);
inline std::string ToUtf8(std::u32string_view word) {
  std::string out;
  AppendUtf8(word, &out);
  return out;
}

// Folds a Latin letter with diacritics to its ASCII base ("é" -> "e",
// "ø" -> "o", "æ" -> "ae", "ł" -> "l"), appending to `out`; any other
// character is appended unchanged. Returns true if it changed something.
bool FoldLatinToAscii(char32_t c, std::u32string* out);

// The first letter of a Latin word with its accents folded, 0 ('a') to 25
// ('z'); -1 for anything else (a digit, an apostrophe, another script).
int LatinInitial(char32_t first);

}  // namespace tahqiq::analyze::internal

#endif  // TAHQIQ_ANALYZE_INTERNAL_SCRIPT_RULES_H_
