// Currency signs, symbols and names as they appear next to amounts in
// Arabic, Hebrew and English text and in spreadsheets, mapped to ISO 4217.
// Shared by the spreadsheet extractors, the tables stage and the figures
// grammar so that all of them agree. Pure functions; thread-safe.
#ifndef TAHQIQ_BASE_CURRENCY_H_
#define TAHQIQ_BASE_CURRENCY_H_

#include <string>
#include <string_view>

namespace tahqiq {

// ISO 4217 code of `symbol` ("$", "US$", "USD", "€", "₪", "ש\"ח", "ر.س",
// "دولار" ...), or "" if it is not a currency this table knows. Exact match:
// the caller trims spaces.
std::string CurrencyCode(std::string_view symbol);

}  // namespace tahqiq

#endif  // TAHQIQ_BASE_CURRENCY_H_
