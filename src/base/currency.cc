// Currency signs and names to ISO 4217 codes.

#include "base/currency.h"

#include <utility>

namespace tahqiq {

std::string CurrencyCode(std::string_view symbol) {
  // Signs and the names written next to amounts in the three languages; a
  // bare "$" is taken as the US dollar, as billing exports mean it.
  static constexpr std::pair<std::string_view, std::string_view> kSymbols[] = {
      {"$", "USD"},         {"US$", "USD"},  {"USD", "USD"},  {"€", "EUR"},    {"EUR", "EUR"},
      {"£", "GBP"},         {"GBP", "GBP"},  {"₪", "ILS"},    {"ILS", "ILS"},  {"NIS", "ILS"},
      {"¥", "JPY"},         {"JPY", "JPY"},  {"CHF", "CHF"},  {"₹", "INR"},    {"INR", "INR"},
      {"د.إ.‏", "AED"}, {"د.إ", "AED"},  {"AED", "AED"},  {"ر.س", "SAR"},  {"SAR", "SAR"},
      {"ج.م", "EGP"},       {"EGP", "EGP"},  {"JOD", "JOD"},  {"₺", "TRY"},    {"TRY", "TRY"},
      {"C$", "CAD"},        {"CA$", "CAD"},  {"CAD", "CAD"},  {"A$", "AUD"},   {"AUD", "AUD"},
      {"₽", "RUB"},       {"RUB", "RUB"},  {"CN¥", "CNY"},  {"CNY", "CNY"},  {"QAR", "QAR"},
      {"KWD", "KWD"},       {"BHD", "BHD"},  {"OMR", "OMR"},  {"ש\"ח", "ILS"}, {"ש״ח", "ILS"},
      {"دولار", "USD"},     {"شيكل", "ILS"}, {"يورو", "EUR"}, {"שקל", "ILS"},  {"דולר", "USD"}};
  for (const auto& [sym, iso] : kSymbols) {
    if (symbol == sym) return std::string(iso);
  }
  return "";
}

}  // namespace tahqiq
