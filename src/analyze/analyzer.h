// Analyzer turns UTF-8 text into index terms with positions and offsets.
//
// Pipeline per word: ICU word segmentation on the original text (so offsets
// point into it); a word that mixes Arabic or Hebrew letters with Latin
// letters or digits (بـ10, הCIA, بالiPhone) is split where the script
// changes; then NFKC + case folding and the rules of the piece's script
// (internal/script_rules.h): Arabic normalization and a light10-family
// stemmer, Hebrew mark removal and proclitic (prefix) candidates, English
// Snowball stemming. Every word yields one Token carrying the forms of the
// three index fields at the same position:
//
//   exact  normalized only; carries positions (phrases, `=word`, names)
//   stem   the stem, plus alternative candidates (Hebrew prefixes, Arabic
//          lone clitics) that the index stores and queries may search
//   loose  a further fold: Arabic hamza seats (مسؤول/مسئول), Hebrew doubled
//          vav/yod spelling (ktiv male), Latin accents (café/cafe)
//
// Queries are analyzed with AnalyzeQuery(), which differs only in which
// alternatives it emits (see Token::alts); Match() states which query words
// find which indexed words, and index/ realizes exactly that relation.
//
// Thread safety: an Analyzer is NOT thread-safe (it owns ICU break iterators
// and Snowball stemmers); create one per thread. Create() is cheap (~100 us).
// Match() and the functions of name_key.h are thread-safe.
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
  // Primary stem of `exact`; empty when it equals `exact` (numbers, other
  // scripts, words no rule changes), which saves index space. Hebrew stems
  // fold final letters (ם -> מ), so most Hebrew words have one.
  std::string stem;
  // Further stem-field candidates, distinct from the primary stem (or
  // `exact` when `stem` is empty) and from each other, best first:
  //  - Hebrew: the word with each grammatical proclitic sequence removed
  //    (והחשבונית -> החשבונית, חשבונית) and plural ים/ות removed; Analyze()
  //    keeps remainders of >= 2 letters, AnalyzeQuery() only >= 3 (a query
  //    for מלך must not search לך), never a function word (של, לא, ...).
  //  - Arabic: a lone clitic ب or ل removed (لوزارة -> وزار), which the
  //    primary stem keeps because many such words begin with a root letter
  //    (برنامج, لبنان).
  std::vector<std::string> alts;
  // Loose form of the primary stem; empty when it equals the primary stem.
  std::string loose;
  uint32_t pos = 0;    // Word position; consecutive words get consecutive positions.
  uint32_t start = 0;  // Byte offset of the word in the analyzed text.
  uint32_t end = 0;    // One past the last byte.
  Script script = Script::kOther;
  // The surface word begins with an uppercase letter (Latin, Greek,
  // Cyrillic): a hint that it may be a name (name_key.h).
  bool upper_initial = false;
};

// How a query word matches an indexed word. The index searches, for query
// word q and indexed token d (S = the primary stem or exact, plus alts):
//   kExact  q.exact == d.exact                              (weight 1.0)
//   kStem   S(q) meets S(d) or d.exact                      (weight 0.5)
//   kLoose  loose(q) is loose(d), in S(d) or d.exact        (weight 0.3)
// where loose(x) is x.loose, or x's primary stem when that is empty.
enum class MatchLevel : uint8_t { kNone = 0, kLoose, kStem, kExact };
MatchLevel Match(const Token& query, const Token& indexed);

// Counts of letters per script, summed over a document to pick its language.
struct ScriptCounts {
  uint64_t latin = 0, arabic = 0, hebrew = 0, other = 0;
  void Add(const ScriptCounts& o) {
    latin += o.latin;
    arabic += o.arabic;
    hebrew += o.hebrew;
    other += o.other;
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
  // A word mixing Arabic or Hebrew letters with digits or Latin letters
  // (بـ10, و2023, ב2023, הCIA) becomes one word per script run; a Hebrew
  // acronym written with typographic quotes (צה“ל, ש''ח) stays one word; a
  // compatibility ligature that expands to several words (ﷺ) yields one
  // token per word, each with the ligature's offsets.
  // `counts` (optional) receives letter counts per script (added to, not
  // reset). `text` must be shorter than 2 GiB (callers pass chunks).
  uint32_t Analyze(std::string_view text, uint32_t first_pos, std::vector<Token>* out,
                   ScriptCounts* counts = nullptr);

  // Analyze() for query text: the same tokens, with the alternatives a query
  // searches (Token::alts), which are fewer than those indexed.
  uint32_t AnalyzeQuery(std::string_view text, uint32_t first_pos, std::vector<Token>* out);

  // Analyze() for marking some terms in a text (snippets): a Latin word
  // whose first letter, accents folded, has no bit in `latin_initials`
  // (LatinInitialBit of the terms) gets no stem and no loose form. The
  // English stemmer keeps a word's first letter, so such a word's stem or
  // loose form could equal none of the terms; its exact form is kept.
  uint32_t AnalyzeForInitials(std::string_view text, uint32_t first_pos, std::vector<Token>* out,
                              uint32_t latin_initials);
  // The bit of a term's first letter for AnalyzeForInitials (1 << 0 for
  // "a" and "á", ...); 0 if it does not start with a Latin letter.
  static uint32_t LatinInitialBit(std::string_view term);

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
