// Reading the values people put in spreadsheet and CSV cells: numbers with
// their many separators, currency amounts, percentages and dates.
//
// Written here rather than taken from ICU's number/date parsers because
// those parse one locale at a time, and a leaked export mixes conventions:
// "1,234.50" next to "1.234,50", Arabic-Indic digits with ٫ and ٬, "$" or
// "ש״ח" before or after the amount, accounting negatives "(12.00)", dates as
// 2023-10-01, 01/10/2023 or 1-Oct-2023. The column decides the convention
// (see infer.h); these functions parse one cell under it.
//
// Pure functions; thread-safe.
#ifndef TAHQIQ_TABLES_VALUES_H_
#define TAHQIQ_TABLES_VALUES_H_

#include <string>
#include <string_view>

namespace tahqiq::tables {

struct ParsedNumber {
  double value = 0;
  bool integer = false;  // No fraction or exponent, and fits an int64 exactly.
  bool percent = false;  // Written with % or ٪ (value is in percent units).
  std::string currency;  // ISO 4217 code when a sign or code was written.
};

// Parses a number written with `decimal` ('.' or ',') as its decimal mark;
// the other one, spaces and apostrophes may group thousands (groups of three
// digits). Leading zeros ("007") and 16+ digit integers are identifiers, not
// numbers: false.
bool ParseNumber(std::string_view s, char decimal, ParsedNumber* out);

// Evidence of the decimal mark in one cell: '.' or ',' when the cell shows
// which one it uses ("1,234.5", "12,5", "1.234.567"), 0 when it cannot tell.
char DecimalMarkOf(std::string_view s);

enum class DateOrder { kUnknown, kDayFirst, kMonthFirst };

struct ParsedDate {
  std::string iso;  // "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS".
  bool has_time = false;
};

// Dates and date-times: ISO 8601 (with T or space, seconds, fractions and
// zone, the zone dropped: the wall time as written is kept), YYYY/MM/DD,
// D/M/Y or M/D/Y (by `order`; kUnknown reads day first unless that is
// impossible), "1-Oct-2023", "Oct 1, 2023", "1 October 2023", "2023-10"
// (the month's first day), 12-hour times with AM/PM.
bool ParseDate(std::string_view s, DateOrder order, ParsedDate* out);

// Evidence of day/month order in one numeric date: kDayFirst for 25/12/2023,
// kMonthFirst for 12/25/2023, kUnknown otherwise.
DateOrder DateOrderOf(std::string_view s);

// "", "-", "N/A", "null", "#N/A"... : no value.
bool IsNullMarker(std::string_view s);

// Trims spaces, no-break spaces and bidi marks at both ends.
std::string_view TrimCell(std::string_view s);

}  // namespace tahqiq::tables

#endif  // TAHQIQ_TABLES_VALUES_H_
