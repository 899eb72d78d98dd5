// Proleptic Gregorian calendar arithmetic on day numbers (1970-01-01 = 0),
// after the well-known era-based algorithms. Shared by the spreadsheet
// extractors (date serials) and the tables stage (periods, buckets).
// Pure functions; thread-safe.
#ifndef TAHQIQ_BASE_CIVIL_H_
#define TAHQIQ_BASE_CIVIL_H_

#include <cstdint>
#include <string>

namespace tahqiq {

// Day number of year-month-day (month 1..12, day 1..31).
int64_t DaysFromCivil(int y, unsigned m, unsigned d);
// The date of a day number.
void CivilFromDays(int64_t days, int* y, unsigned* m, unsigned* d);
// "YYYY-MM-DD" of a day number.
std::string IsoDate(int64_t days);

}  // namespace tahqiq

#endif  // TAHQIQ_BASE_CIVIL_H_
