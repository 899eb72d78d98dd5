// Hijri and Hebrew-calendar dates for the figure grammar (figures.h),
// converted to the Gregorian calendar with ICU's calendars (islamic-civil
// and hebrew); no calendar arithmetic of our own.
//
// Recognized: "15 رمضان 1445", "15 رمضان 1445 هـ", "رمضان 1445هـ" (a month),
// "1445 هـ" (a year: the marker هـ is required), and "כ״ג בתשרי תשפ״ד",
// "23 בתשרי 5784", "תשרי תשפ"ד" (a month), "ה'תשפ"ד" or "בשנת תשפ"ד" (a
// year). A day becomes a `date` ("2023-10-08"); a month or a year becomes a
// `daterange` from its first to its last Gregorian day. A day and month
// without a year is left out (it cannot be converted), and so is a month
// name that is also a common word (صفر "zero", רجب, אב, אדר) unless a day
// or year stands next to it.
#ifndef TAHQIQ_ANALYZE_INTERNAL_CALENDAR_DATES_H_
#define TAHQIQ_ANALYZE_INTERNAL_CALENDAR_DATES_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "analyze/figures.h"

namespace tahqiq::analyze::internal {

// Appends the calendar dates of `utf8` to `out`, in text order. `numerals`
// are the byte offsets, ascending, of the numbers and Hebrew numerals that
// may belong to one (the caller's tokens); only text around them is read.
void FindCalendarDates(std::string_view utf8, const std::vector<uint32_t>& numerals,
                       std::vector<Figure>* out);

// Gregorian "YYYY-MM-DD" of a day in the islamic-civil (`hijri`) or Hebrew
// calendar; `month` is 1..12 for Hijri and ICU's Hebrew month index + 1
// (1 Tishri .. 13 Elul; 6 is Adar I, 7 Adar or Adar II). False for an
// invalid day (day 30 of a 29-day month) or on an ICU error.
bool CalendarToIso(bool hijri, int year, int month, int day, std::string* iso);

}  // namespace tahqiq::analyze::internal

#endif  // TAHQIQ_ANALYZE_INTERNAL_CALENDAR_DATES_H_
