// Hebrew rules (ref §2.3). No dictionary: hspell and hunspell-he are AGPL
// (ref §2.2), so prefixes are handled by rule, as candidates.
//
// Normalization: niqqud, cantillation and the other marks of the full
// ranges are deleted; the Yiddish ligatures װ ױ ײ are spelled out;
// gershayim in any of its spellings (" ״ “ ” ‟ ❞ ＂ or two gereshes)
// marks an acronym and is deleted, so צה"ל and צהל are the same exact term;
// a geresh (' ׳ ‘ ’ ‛) after ג ז צ ץ ח is part of the letter (ג'ורג');
// elsewhere a final geresh marks an abbreviation (פרופ') and is dropped.
//
// Stem field: the primary stem is the word with final letters folded
// (ך ם ן ף ץ -> כ מ נ פ צ), so that a form without a suffix meets one that
// had it removed (עולם ~ עולמות). Alternatives, best first:
//  - the word without each proclitic sequence the grammar allows (ref
//    §2.3): optional ו; then optional ש כש לכש מש שכש; then optional ב כ ל מ
//    or one of the pairs בכ כב ככ כל מב מכ מל; then optional ה. The
//    remainder must keep >= 2 letters (>= 3 in a query, where a short
//    remainder is more often another word: מלך is not מ+לך), and must not
//    be a function word (לך, שלה, הוא, ...): a prefixed content word is far
//    more often meant than a prefixed function word, and nobody searches for
//    the latter;
//  - each of those forms without a plural ים or ות when >= 3 letters remain
//    (ספרים -> ספר, עולמות -> עולמ), unless the form still starts with the
//    article ה or ו (השמים is not ה+שם+ים); and for ות, the singular in ה
//    (תמונות -> תמונה, which is the singular's own stem). The singular in ה
//    itself gets no alternative: stripping its ה would also strip the ה of
//    verbs and of many other words (measured: 39% of the pairs it adds share
//    a lemma, against 51% for the ות -> ה direction);
//  - a form of >= 4 letters in ת (not ית, ות) also in ה: the construct state
//    of feminine nouns (מדינת -> מדינה).
// Measured on the lemma-annotated Hebrew Bible (openscriptures morphhb,
// 39,928 distinct unpointed forms; pairs weighted by frequency): of the
// form pairs the prefix candidates conflate, 70% share a lemma (60% if a
// query also used 2-letter remainders); the plural rules raise the share of
// same-lemma pairs found by 20% (8.6% -> 10.3% of all same-lemma pairs,
// which include every verb form) and the overall precision drops to 65%,
// many of the "errors" being related lemmas (מלכות/מלך, שפטים/שפט).
// Loose form: the primary stem with doubled ו and י written once (ktiv
// male vs. haser: דווקא/דוקא, עניין/ענין).
#include <unicode/utf8.h>

#include <algorithm>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "analyze/internal/script_rules.h"

namespace tahqiq::analyze::internal {
namespace {

bool InRange(char32_t c, char32_t lo, char32_t hi) { return c >= lo && c <= hi; }

constexpr char32_t kGeresh = U'\u05F3';
constexpr char32_t kGershayim = U'\u05F4';
constexpr size_t kMaxAlternatives = 8;

bool IsHebrewMark(char32_t c) {
  return InRange(c, 0x0591, 0x05AF) ||  // Cantillation.
         InRange(c, 0x05B0, 0x05BD) ||  // Niqqud, meteg.
         c == 0x05BF || c == 0x05C1 || c == 0x05C2 || c == 0x05C4 || c == 0x05C5 || c == 0x05C7;
}

bool IsHebrewLetter(char32_t c) { return InRange(c, 0x05D0, 0x05EA); }

bool IsGershayim(char32_t c) {
  return c == U'"' || c == kGershayim || c == 0x201C || c == 0x201D || c == 0x201F || c == 0x275E ||
         c == 0xFF02;
}
bool IsGeresh(char32_t c) { return c == U'\'' || c == kGeresh || c == 0x2018 || c == 0x201B; }

// Letters that a geresh modifies (ג' = "j", צ' = "ch", ...) rather than marks
// as an abbreviation.
bool TakesGeresh(char32_t c) {
  return c == U'ג' || c == U'ז' || c == U'צ' || c == U'ץ' || c == U'ח';
}

char32_t FoldFinal(char32_t c) {
  switch (c) {
    case U'ך':
      return U'כ';
    case U'ם':
      return U'מ';
    case U'ן':
      return U'נ';
    case U'ף':
      return U'פ';
    case U'ץ':
      return U'צ';
    default:
      return c;
  }
}

// Proclitic grammar of ref §2.3, one slot at a time.
constexpr std::u32string_view kConj[] = {U"ו"};
constexpr std::u32string_view kSubord[] = {U"ש", U"כש", U"לכש", U"מש", U"שכש"};
constexpr std::u32string_view kPrep[] = {U"ב",  U"כ",  U"ל",  U"מ",  U"בכ", U"כב",
                                         U"ככ", U"כל", U"מב", U"מכ", U"מל"};
constexpr std::u32string_view kArticle[] = {U"ה"};

// Sets bit n of *lengths for every proclitic sequence of n letters `w`
// starts with, slots from `slot` on.
void PrefixLengths(std::u32string_view w, size_t at, int slot, uint32_t* lengths) {
  if (at > 0) *lengths |= 1u << at;
  for (int s = slot; s < 4; ++s) {
    auto try_slot = [&](auto& options) {
      for (std::u32string_view p : options) {
        if (w.size() - at > p.size() && w.compare(at, p.size(), p) == 0) {
          PrefixLengths(w, at + p.size(), s + 1, lengths);
        }
      }
    };
    switch (s) {
      case 0:
        try_slot(kConj);
        break;
      case 1:
        try_slot(kSubord);
        break;
      case 2:
        try_slot(kPrep);
        break;
      case 3:
        try_slot(kArticle);
        break;
    }
  }
}

// Function words never offered as the remainder of a prefixed word. Written
// with final letters; compared after folding.
// clang-format off
constexpr std::u32string_view kFunctionWords[] = {
    U"של", U"את", U"על", U"עם", U"זה", U"זו", U"זאת", U"הוא", U"היא", U"הם", U"הן", U"אני", U"אתה",
    U"אנחנו", U"אתם", U"אתן", U"לא", U"כן", U"גם", U"רק", U"אם", U"כי", U"או", U"אך", U"יש",
    U"אין", U"עוד", U"כבר", U"אלה", U"אלו", U"אז", U"עד", U"אל", U"מה", U"מי", U"כל", U"כך", U"לו",
    U"לה", U"לי", U"לך", U"לנו", U"להם", U"להן", U"לכם", U"בו", U"בה", U"בי", U"בך", U"בנו",
    U"בהם", U"ממנו", U"ממני", U"אותו", U"אותה", U"אותם", U"אותי", U"אותך", U"שלי", U"שלו", U"שלה",
    U"שלך", U"שלנו", U"שלהם", U"שלכם", U"היה", U"היתה", U"הייתה", U"היו", U"אבל", U"בין", U"כמו",
    U"כמה", U"איך", U"למה", U"מתי", U"איפה", U"הזה", U"הזאת", U"האלה", U"אלא", U"אף", U"כאן",
    U"פה", U"שם", U"עכשיו", U"מאוד", U"מאד", U"אולי", U"הנה", U"ככה", U"לפי", U"אצל", U"ליד",
    U"תוך", U"בלי", U"אחר", U"אחרי", U"לפני", U"כדי", U"כאשר", U"אשר", U"הרי", U"אפילו", U"כלל",
    U"ואת", U"הכל", U"לכן", U"בכל", U"עליו", U"עליה", U"עלי", U"אליו", U"אליה", U"אלי", U"ממך",
    U"מהם", U"אותנו", U"אתכם", U"ני",
};
// clang-format on

// Folded function words, looked up by view (no allocation per candidate).
const std::unordered_set<std::u32string_view>& FunctionWords() {
  static const auto* set = [] {
    static std::vector<std::u32string> folded;
    for (std::u32string_view w : kFunctionWords) {
      std::u32string f(w);
      for (char32_t& c : f) c = FoldFinal(c);
      folded.push_back(std::move(f));
    }
    auto* s = new std::unordered_set<std::u32string_view>(folded.begin(), folded.end());
    return s;
  }();
  return *set;
}

size_t CountLetters(std::u32string_view w) {
  return static_cast<size_t>(std::count_if(w.begin(), w.end(), IsHebrewLetter));
}

bool EndsWith(std::u32string_view w, std::u32string_view s) {
  return w.size() >= s.size() && w.compare(w.size() - s.size(), s.size(), s) == 0;
}

class HebrewRules : public ScriptRules {
 public:
  void Normalize(std::u32string* word) override {
    scratch_.clear();
    const std::u32string& w = *word;
    for (size_t i = 0; i < w.size(); ++i) {
      const char32_t c = w[i];
      if (IsHebrewMark(c)) continue;
      switch (c) {
        case U'\u05F0':
          scratch_ += U"וו";
          continue;
        case U'\u05F1':
          scratch_ += U"וי";
          continue;
        case U'\u05F2':
          scratch_ += U"יי";
          continue;
        default:
          break;
      }
      if (IsGershayim(c)) continue;  // An acronym: index the letters.
      if (IsGeresh(c)) {
        // Two gereshes spell gershayim.
        if (i + 1 < w.size() && IsGeresh(w[i + 1])) {
          ++i;
          continue;
        }
        scratch_ += U'\'';
        continue;
      }
      scratch_ += c;
    }
    // A final geresh after a letter it does not modify marks an abbreviation
    // (פרופ'); users search without it.
    const size_t n = scratch_.size();
    if (n >= 2 && scratch_[n - 1] == U'\'' && !TakesGeresh(scratch_[n - 2])) {
      scratch_.pop_back();
    }
    word->swap(scratch_);
  }

  void Stem(const std::u32string& word, Token* token) override {
    folded_.assign(word);
    for (char32_t& c : folded_) c = FoldFinal(c);
    AppendUtf8(folded_, &token->stem);

    // Loose: doubled vav and yod written once.
    loose_.clear();
    for (char32_t c : folded_) {
      if ((c == U'ו' || c == U'י') && !loose_.empty() && loose_.back() == c) continue;
      loose_.push_back(c);
    }
    if (loose_.size() != folded_.size()) AppendUtf8(loose_, &token->loose);

    // Proclitic candidates, shortest prefix first. Every candidate is a
    // substring of folded_.
    const std::u32string_view folded = folded_;
    candidates_.clear();
    candidates_.push_back(folded);
    uint32_t lengths = 0;
    PrefixLengths(folded, 0, 0, &lengths);
    const size_t min_letters = query_mode_ ? 3 : 2;
    const auto& function_words = FunctionWords();
    for (size_t n = 1; n < 32 && n < folded.size(); ++n) {
      if (!(lengths & (1u << n))) continue;
      const std::u32string_view rest = folded.substr(n);
      if (!IsHebrewLetter(rest[0]) || CountLetters(rest) < min_letters) continue;
      if (function_words.count(rest)) continue;
      candidates_.push_back(rest);
    }
    // Plural endings, on every candidate; a feminine plural also offers its
    // singular in ה (תמונות -> תמונה), which that singular's own stem is.
    const size_t with_prefixes = candidates_.size();
    feminine_.clear();
    for (size_t i = 0; i < with_prefixes; ++i) {
      const std::u32string_view c = candidates_[i];
      if (CountLetters(c) < 5 || !(EndsWith(c, U"ימ") || EndsWith(c, U"ות"))) continue;
      const std::u32string_view singular = c.substr(0, c.size() - 2);
      if (c[0] != U'ה' && c[0] != U'ו' && !function_words.count(singular)) {
        candidates_.push_back(singular);
      }
      if (EndsWith(c, U"ות")) {
        std::u32string& f = feminine_.emplace_back(singular);
        f.push_back(U'ה');
        if (function_words.count(f)) feminine_.pop_back();
      }
    }
    // Construct state: a feminine noun in ה takes ת before its complement
    // (מדינה -> מדינת ישראל, חברה -> חברת החשמל), so a candidate of >= 4
    // letters in ת also offers the form in ה. Not after ית or ות, which end
    // absolute forms (ברית, שנית) and plurals (handled above). Measured on
    // morphhb like the rules above: 68% of the pairs it adds share a lemma,
    // 83% weighted by frequency.
    for (size_t i = 0; i < with_prefixes; ++i) {
      const std::u32string_view c = candidates_[i];
      if (CountLetters(c) < 4 || c.back() != U'ת' || EndsWith(c, U"ית") || EndsWith(c, U"ות")) {
        continue;
      }
      std::u32string& f = feminine_.emplace_back(c.substr(0, c.size() - 1));
      f.push_back(U'ה');
      if (function_words.count(f)) feminine_.pop_back();
    }
    for (size_t i = 1; i < candidates_.size() && token->alts.size() < kMaxAlternatives; ++i) {
      AppendUtf8(candidates_[i], &token->alts.emplace_back());
    }
    for (size_t i = 0; i < feminine_.size() && token->alts.size() < kMaxAlternatives; ++i) {
      AppendUtf8(feminine_[i], &token->alts.emplace_back());
    }
  }

 private:
  std::u32string scratch_, folded_, loose_;
  std::vector<std::u32string_view> candidates_;
  std::vector<std::u32string> feminine_;
};

}  // namespace

bool IsHebrewFunctionWord(std::string_view word) {
  if (word.size() > 20) return false;
  std::u32string w;
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  const auto n = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    w.push_back(FoldFinal(static_cast<char32_t>(c)));
  }
  return FunctionWords().count(std::u32string_view(w)) > 0;
}

std::unique_ptr<ScriptRules> NewHebrewRules() { return std::make_unique<HebrewRules>(); }

}  // namespace tahqiq::analyze::internal
