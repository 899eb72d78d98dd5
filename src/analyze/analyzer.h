// Analyzer turns UTF-8 text into index terms with positions and offsets.
//
// Pipeline per word: ICU word segmentation on the original text (so offsets
// point into it), then NFKC + case folding, then the rules of the word's
// script: Arabic normalization (harakat, tatweel, alef/yeh/teh-marbuta
// variants, Arabic-Indic digits), Hebrew niqqud removal, English stemming
// (libstemmer). Per-script rules live behind ScriptRules so fuller Arabic and
// Hebrew analysis can replace them without touching callers.
//
// Thread safety: an Analyzer is NOT thread-safe (it owns ICU break iterators
// and Snowball stemmers); create one per thread. Create() is cheap (~100 us).
#ifndef TAHQIQ_ANALYZE_ANALYZER_H_
#define TAHQIQ_ANALYZE_ANALYZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace tahqiq::analyze {

enum class Script : uint8_t { kOther = 0, kLatin, kArabic, kHebrew, kNumber };

struct Token {
  std::string exact;  // Normalized surface form: what phrases and exact search match.
  // Stemmed form of `exact`; empty when no stemmer applies (Arabic, Hebrew and
  // numbers in this version) or when the stem equals `exact`, which saves
  // index space: the stem term of a token with an empty stem is `exact`.
  std::string stem;
  uint32_t pos = 0;   // Word position; consecutive words get consecutive positions.
  uint32_t start = 0; // Byte offset of the word in the analyzed text.
  uint32_t end = 0;   // One past the last byte.
  Script script = Script::kOther;
};

// Counts of letters per script, summed over a document to pick its language.
struct ScriptCounts {
  uint64_t latin = 0, arabic = 0, hebrew = 0, other = 0;
  void Add(const ScriptCounts& o) {
    latin += o.latin; arabic += o.arabic; hebrew += o.hebrew; other += o.other;
  }
};

// "ar", "he", "en" or "und": the script with most letters (Latin -> "en").
std::string MainLanguage(const ScriptCounts& counts);

class Analyzer {
 public:
  // Fails with kInternal if ICU data or a stemmer cannot be loaded.
  static Result<std::unique_ptr<Analyzer>> Create();
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Appends the words of `text` to `out`, numbering positions from
  // `first_pos`; returns the next free position. Punctuation and spaces yield
  // no token. Invalid UTF-8 is treated as U+FFFD and never an error.
  // A clitic written against a number (بـ10, و2023, ב2023) becomes two words;
  // a compatibility ligature that expands to several words (ﷺ) yields one
  // token per word, each with the ligature's offsets.
  // `counts` (optional) receives letter counts per script (added to, not
  // reset). `text` must be shorter than 2 GiB (callers pass chunks).
  uint32_t Analyze(std::string_view text, uint32_t first_pos, std::vector<Token>* out,
                   ScriptCounts* counts = nullptr);

  // Normalizes one word the way Analyze() does (for query terms). Returns the
  // exact form and fills `stem` (empty as in Token::stem). Input that
  // Analyze() would split is normalized as a whole, best effort; invalid
  // UTF-8 bytes become '?'.
  std::string NormalizeWord(std::string_view word, std::string* stem);

 private:
  struct Impl;
  explicit Analyzer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tahqiq::analyze

#endif  // TAHQIQ_ANALYZE_ANALYZER_H_
