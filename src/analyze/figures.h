// Typed figures (amounts, quantities, percentages, ratios, dates) in Arabic,
// Hebrew and English text.
//
// No available library parses Arabic or Hebrew figure grammar (ICU RBNF reads
// "ثلاثة ملايين" as 3; Duckling and dateparser lack scale words and month
// sets), so this is a hand-written grammar over a light tokenization of the
// original text: Western and Arabic-Indic digits with their separators
// (, . ٬ ٫), scale words in all their forms (ألف/آلاف/ألفا/ألفين, מיליון,
// million/bn/m/k), common number words (ستة, שלושה, six), proclitics on the
// words (بـ, و, ال, ב-, ה-, ו...), currencies (symbols, ISO codes, words,
// ر.س, ש"ח), units, percent and ratio markers, month names of every Arabic
// regional set, Hebrew and English, numeric dates and date ranges, and
// approximation markers (نحو, כ-, about) kept as a flag. Also read: number
// words after their noun (المقاعد الثمانية, مقعد واحد, שנה אחת), dimensions
// (14 x 11 inches: two figures), ranges from 0 and day-month ranges without
// a year.
//
// What is NOT a figure: a bare number without unit, currency, scale or date
// context ("section 3", "200 students"); numbers that belong to names or
// codes: "Unit 8200"/"الوحدة 8200"/"יחידה 8200", "GPT-4", "F-16", "A320",
// "+972", version numbers (1.2.3, v2), IP addresses, phone numbers, ISBNs,
// times of day (10:30), fractions (1/2), clock formats ("בתצורת 24 שעות",
// "24-hour clock"), architectures ("מערכת 32 סיביות"), standards (802.1X).
//
// Hijri and Hebrew-calendar dates ("15 رمضان 1445", "1445 هـ", "כ״ג בתשרי
// תשפ״ד", "ה'תשפ"ד") are converted to Gregorian with ICU's islamic-civil and
// hebrew calendars (internal/calendar_dates.h): a day is a `date`, a month or
// a year a `daterange` (proleptic Gregorian, also before 1582); the surface
// keeps the original calendar. Observed
// Hijri dates (moon sighting, Umm al-Qura) may differ by a day or two.
//
// Thread safety: FindFigures() is thread-safe (its tables are immutable and
// built once on first use).
#ifndef TAHQIQ_ANALYZE_FIGURES_H_
#define TAHQIQ_ANALYZE_FIGURES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tahqiq::analyze {

enum class FigureKind : uint8_t { kMoney, kQuantity, kPercent, kRatio, kDate, kDateRange };

// "money", "quantity", "percent", "ratio", "date", "daterange".
std::string_view FigureKindName(FigureKind kind);
// The inverse of FigureKindName; false for an unknown name.
bool ParseFigureKind(std::string_view name, FigureKind* kind);

struct Figure {
  FigureKind kind = FigureKind::kQuantity;
  // The number for money, quantity, percent (50 for 50%) and ratio (64 for
  // "64 times"); 0 for dates.
  double value = 0;
  // Dates: ISO 8601, as precise as the text ("2023", "2023-10",
  // "2023-10-05", or "--10-05" for a day and month without a year). Date
  // ranges: `from` and `to` in the same form; `date` is "from/to".
  std::string date, from, to;
  // Quantities: a canonical English unit ("hour", "day", "GB", "user",
  // "km"...); empty for a scaled number without unit ("19 ألف"). Money:
  // the currency word's family when the currency is ambiguous ("dinar").
  std::string unit;
  std::string currency;  // ISO 4217 code for money when known, else empty.
  bool approx = false;   // An approximation marker precedes or follows.
  std::string text;      // The surface text, exactly as in the input.
  uint32_t start = 0;    // Byte offset of `text` in the input.
  uint32_t end = 0;      // One past its last byte.
};

// Returns the figures of `utf8` in text order, without overlaps. Invalid
// UTF-8 is tolerated (ill-formed bytes break words). `utf8` must be shorter
// than 4 GiB (callers pass chunks).
std::vector<Figure> FindFigures(std::string_view utf8);

// The lowest and highest full dates ("YYYY-MM-DD") a date or date range
// covers ("2023-10" -> 2023-10-01 .. 2023-10-31; day-month dates without a
// year cover nothing and return false). Used by search filters.
bool DateBounds(const Figure& figure, std::string* lo, std::string* hi);
// The same for one ISO date string ("2023", "2023-10", "2023-10-05").
bool IsoDateBounds(std::string_view iso, std::string* lo, std::string* hi);

}  // namespace tahqiq::analyze

#endif  // TAHQIQ_ANALYZE_FIGURES_H_
