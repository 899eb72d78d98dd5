// The word tables of the figure grammar (figures.h): scale words, number
// words, currencies, units, percent and ratio markers, months, and the
// context words around figures. Keys are normalized with FigureNormalizeChar
// and phrases join their words with one space (or nothing for pieces written
// together, e.g. "us$" or "ر.س").
#ifndef TAHQIQ_ANALYZE_INTERNAL_FIGURE_LEXICON_H_
#define TAHQIQ_ANALYZE_INTERNAL_FIGURE_LEXICON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace tahqiq::analyze::internal {

enum FigureFlag : uint32_t {
  kFigPercent = 1u << 0,       // %, percent, في المئة, אחוז
  kFigRatio = 1u << 1,         // ضعفا, fold: a ratio after a number
  kFigTimes = 1u << 2,         // times, مرة, פעמים: a ratio only next to a comparative
  kFigComparative = 1u << 3,   // more, higher, أكثر, יותר
  kFigApproxBefore = 1u << 4,  // about, نحو, בערך
  kFigApproxAfter = 1u << 5,   // تقريبا, or so
  kFigYearTrigger = 1u << 6,   // in, since, عام, בשנת: a bare year after it is a date
  kFigRangeOpen = 1u << 7,     // between, from, بين, من, בין
  kFigRangeTo = 1u << 8,       // to, until, إلى, עד
  kFigRangeAnd = 1u << 9,      // and (only after between)
  kFigBlocker = 1u << 10,      // Unit, version, وحدة, יחידה: the number after it is a name
  kFigCurrencyPrefix = 1u << 11,   // $, USD, US$: may precede the number
  kFigNeedsUpper = 1u << 12,       // ISO codes: only written in capitals
  kFigNeedsCap = 1u << 13,         // English months: only capitalized
  kFigAttachedOnly = 1u << 14,     // k, m, b, x: only written right after the digits
  kFigPluralScale = 1u << 15,      // آلاف, thousands: needs a number before it
  kFigBeforeScaleOnly = 1u << 16,  // a, one, نصف: a number only before a scale word
  kFigRatioBefore = 1u << 17,      // פי: a ratio marker before the number
  kFigPercentBefore = 1u << 18,    // بنسبة: a percent without a marker after it
  kFigHalf = 1u << 19,             // ونصف, וחצי, and a half after a scale word
  kFigOrdinal = 1u << 20,          // st, nd, rd, th after a day number
  kFigEra = 1u << 21,              // م after a year
  kFigHijri = 1u << 22,            // هـ after a year: not converted, not a figure
  kFigQuarter = 1u << 23,          // وربع, ורבע, and a quarter after a unit or scale word
  kFigClockFormat = 1u << 24,  // תצורת, تنسيق, format: "12/24 hours" after it is a clock
  kFigSystem = 1u << 25,  // system, מערכת, نظام: "32 bits" next to it is an architecture
  kFigCountedByOne = 1u << 26,  // שורה: a unit only after "one"; "5 שורה" is a row label
  kFigYearWord = 1u << 27,  // year, سنة, عام, שנת: the number right after it is the year
  kFigDerived = 1u << 28,   // a derived form (construct מקרי, dual رسالتان): no article
};

struct FigureEntry {
  uint32_t flags = 0;
  double number = 0;               // number word value (ستة = 6), 0 if none
  double scale = 0;                // scale word multiplier (مليون = 1e6), 0 if none
  double count = 0;                // dual forms carrying their own number (يومين = 2 days)
  int month = 0;                   // 1..12 for a Gregorian month name
  int ordinal = 0;                 // 1..31 for an Arabic ordinal day (السابع)
  int decade = 0;                  // 20..90 for an Arabic decade word (السبعينيات = 70)
  const char* currency = nullptr;  // ISO code, "" when the word is ambiguous
  const char* family = nullptr;    // currency family for adjectives (dinar, riyal...)
  const char* unit = nullptr;      // canonical quantity unit
  double subunit = 0;              // a currency's hundredth (אגורות = 0.01 ILS), a unit
                                   // word's multiple (megapixel = 1e6 pixel), 0 if none
};

using FigureLexicon = std::unordered_map<std::string, FigureEntry>;

// The immutable lexicon, built on first use (thread-safe).
const FigureLexicon& GetFigureLexicon();

// Every byte prefix of every lexicon key: a phrase lookup stops extending as
// soon as what it has read cannot begin a key (most words of a text).
const std::unordered_set<std::string>& GetFigureKeyPrefixes();

// Currency adjectives: (family, normalized adjective prefix) -> ISO code,
// e.g. ("dinar", "كويتي") -> "KWD". Null if none.
const char* CurrencyForAdjective(std::string_view family, std::string_view adjective);

// Appends the normalized form of code point `c` to `out`: Arabic letters
// folded (أ إ آ ٱ -> ا, ى -> ي, ة -> ه, ؤ -> و, ئ -> ي), Arabic and Hebrew
// marks and tatweel dropped, ASCII lowercased, geresh/gershayim to ' and ",
// dashes to '-', ٪ to '%'. Returns false if `c` is dropped.
bool FigureNormalizeChar(char32_t c, std::string* out);

// Decodes the code point at byte `*i` of `s` and advances `*i`; an
// ill-formed byte yields U+FFFD and advances by one.
char32_t DecodeUtf8At(std::string_view s, size_t* i);

// Normalizes a UTF-8 string char by char with FigureNormalizeChar.
std::string FigureNormalize(std::string_view utf8);

}  // namespace tahqiq::analyze::internal

#endif  // TAHQIQ_ANALYZE_INTERNAL_FIGURE_LEXICON_H_
