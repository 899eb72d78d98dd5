#include "tables/values.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "base/currency.h"

namespace tahqiq::tables {
namespace {

// Markers in the ASCII working form of a cell: the Arabic decimal and
// thousands separators, which are unambiguous wherever they appear.
constexpr char kArabicDecimal = 'D';
constexpr char kArabicGroup = 'G';

// Decodes one UTF-8 code point at s[i], advancing i; U+FFFD if malformed.
char32_t NextCodePoint(std::string_view s, size_t* i) {
  const auto b = static_cast<unsigned char>(s[*i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || *i + static_cast<size_t>(len) > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b : b & (0xFF >> (len + 1));
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += static_cast<size_t>(len);
  return cp;
}

bool IsBidiOrSpace(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x202F || cp == 0x2009 || cp == 0x2007 ||
         cp == 0x200E || cp == 0x200F || cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

// Digits of every script to ASCII, separators and signs to their ASCII
// stand-ins, bidi marks dropped; everything else (currency signs, letters)
// kept as UTF-8.
std::string Normalize(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const size_t start = i;
    const char32_t cp = NextCodePoint(s, &i);
    if (cp >= 0x660 && cp <= 0x669) {
      out += static_cast<char>('0' + (cp - 0x660));
    } else if (cp >= 0x6F0 && cp <= 0x6F9) {
      out += static_cast<char>('0' + (cp - 0x6F0));
    } else if (cp == 0x66B) {
      out += kArabicDecimal;
    } else if (cp == 0x66C) {
      out += kArabicGroup;
    } else if (cp == 0x66A) {
      out += '%';
    } else if (cp == 0x2212 || cp == 0x2013) {
      out += '-';
    } else if (cp == 0xA0 || cp == 0x202F || cp == 0x2009 || cp == 0x2007) {
      out += ' ';
    } else if (cp == 0x200E || cp == 0x200F || cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) ||
               (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF) {
      // Direction marks around numbers in Arabic and Hebrew exports.
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

std::string Upper(std::string_view s) {
  std::string u(s);
  for (char& c : u) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return u;
}

// Strips signs, percent and currency from one side of the numeric core.
bool ReadAffix(std::string_view affix, bool* negative, ParsedNumber* out) {
  affix = TrimAscii(affix);
  for (;;) {
    if (affix.empty()) return true;
    if (affix.front() == '-' || affix.back() == '-') {
      if (*negative) return false;
      *negative = true;
      affix = TrimAscii(affix.front() == '-' ? affix.substr(1) : affix.substr(0, affix.size() - 1));
    } else if (affix.front() == '+') {
      affix = TrimAscii(affix.substr(1));
    } else if (affix.front() == '%' || affix.back() == '%') {
      if (out->percent) return false;
      out->percent = true;
      affix = TrimAscii(affix.front() == '%' ? affix.substr(1) : affix.substr(0, affix.size() - 1));
    } else {
      // What is left must be one currency sign or code.
      std::string code = CurrencyCode(affix);
      if (code.empty()) code = CurrencyCode(Upper(affix));
      if (code.empty() || !out->currency.empty()) return false;
      out->currency = code;
      return true;
    }
  }
}

}  // namespace

std::string_view TrimCell(std::string_view s) {
  for (;;) {
    size_t i = 0;
    if (s.empty()) return s;
    if (!IsBidiOrSpace(NextCodePoint(s, &i))) break;
    s.remove_prefix(i);
  }
  for (;;) {
    if (s.empty()) return s;
    size_t start = s.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    size_t i = start;
    if (!IsBidiOrSpace(NextCodePoint(s, &i))) break;
    s.remove_suffix(s.size() - start);
  }
  return s;
}

bool IsNullMarker(std::string_view s) {
  s = TrimCell(s);
  static constexpr std::string_view kMarkers[] = {
      "", "-", "--", "—", "n/a", "N/A", "NA", "na", "null", "NULL", "None", "#N/A", "nan", "NaN"};
  for (std::string_view m : kMarkers) {
    if (s == m) return true;
  }
  return false;
}

bool ParseNumber(std::string_view s, char decimal, ParsedNumber* out) {
  *out = ParsedNumber{};
  const std::string t = Normalize(TrimCell(s));
  if (t.empty()) return false;
  std::string_view v(t);
  bool negative = false;
  if (v.size() >= 2 && v.front() == '(' && v.back() == ')') {  // Accounting negative.
    negative = true;
    v = TrimAscii(v.substr(1, v.size() - 2));
  }
  size_t first = v.find_first_of("0123456789");
  if (first == std::string_view::npos) return false;
  size_t last = v.find_last_of("0123456789");
  // ".5" and ",5": the mark belongs to the number.
  if (first > 0 && (v[first - 1] == decimal || v[first - 1] == kArabicDecimal)) --first;
  if (!ReadAffix(v.substr(0, first), &negative, out)) return false;
  if (!ReadAffix(v.substr(last + 1), &negative, out)) return false;
  const std::string_view core = v.substr(first, last - first + 1);

  const char group = decimal == '.' ? ',' : '.';
  std::string clean;
  if (negative) clean += '-';
  size_t i = 0, int_digits = 0, group_len = 0;
  bool grouped = false;
  while (i < core.size()) {
    const char c = core[i];
    if (IsDigit(c)) {
      clean += c;
      ++int_digits;
      ++group_len;
    } else if (c == group || c == ' ' || c == '\'' || c == kArabicGroup) {
      // Thousands: 1 to 3 digits before the first separator, 3 after each.
      if (grouped ? group_len != 3 : (group_len < 1 || group_len > 3)) return false;
      if (i + 1 >= core.size() || !IsDigit(core[i + 1])) return false;
      grouped = true;
      group_len = 0;
    } else {
      break;
    }
    ++i;
  }
  if (grouped && group_len != 3) return false;
  bool fraction = false, exponent = false;
  if (i < core.size() && (core[i] == decimal || core[i] == kArabicDecimal)) {
    fraction = true;
    clean += '.';
    ++i;
    const size_t digits_at = i;
    while (i < core.size() && IsDigit(core[i])) clean += core[i++];
    if (i == digits_at && int_digits == 0) return false;
  }
  if (i < core.size() && (core[i] == 'e' || core[i] == 'E') && !grouped) {
    exponent = true;
    clean += 'e';
    ++i;
    if (i < core.size() && (core[i] == '+' || core[i] == '-')) clean += core[i++];
    const size_t digits_at = i;
    while (i < core.size() && IsDigit(core[i])) clean += core[i++];
    if (i == digits_at) return false;
  }
  if (i != core.size()) return false;
  const size_t lead = negative ? 1 : 0;
  // "007", "0123456": codes and identifiers keep their zeros as text.
  if (int_digits > 1 && clean[lead] == '0' && !grouped) return false;
  if (!fraction && !exponent && int_digits > 15) return false;
  double value = 0;
  auto [p, ec] = std::from_chars(clean.data(), clean.data() + clean.size(), value);
  if (ec != std::errc() || p != clean.data() + clean.size() || !std::isfinite(value)) return false;
  out->value = value;
  out->integer = !fraction && !exponent && std::fabs(value) < 9007199254740992.0;
  return true;
}

char DecimalMarkOf(std::string_view s) {
  const std::string t = Normalize(s);
  if (t.find(kArabicDecimal) != std::string::npos) return 0;
  size_t dots = 0, commas = 0, last_dot = 0, last_comma = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    const bool between_digits = i > 0 && i + 1 < t.size() && IsDigit(t[i - 1]) && IsDigit(t[i + 1]);
    if (!between_digits) continue;
    if (t[i] == '.') {
      ++dots;
      last_dot = i;
    } else if (t[i] == ',') {
      ++commas;
      last_comma = i;
    }
  }
  if (dots > 0 && commas > 0) return last_dot > last_comma ? '.' : ',';
  auto digits_after = [&](size_t at) {
    size_t n = 0;
    while (at + 1 + n < t.size() && IsDigit(t[at + 1 + n])) ++n;
    return n;
  };
  if (dots > 1) return ',';
  if (commas > 1) return '.';
  if (dots == 1 && digits_after(last_dot) != 3) return '.';
  if (commas == 1 && digits_after(last_comma) != 3) return ',';
  return 0;
}

namespace {

// A cursor over the ASCII working form of a date.
struct Cursor {
  std::string_view s;
  size_t i = 0;
  bool Done() const { return i >= s.size(); }
  char Peek() const { return Done() ? '\0' : s[i]; }
  // 1 to max_len digits; their count in *len.
  bool Number(int* v, size_t* len, size_t max_len) {
    size_t n = 0;
    int value = 0;
    while (i + n < s.size() && IsDigit(s[i + n]) && n < max_len + 1) {
      value = value * 10 + (s[i + n] - '0');
      ++n;
    }
    if (n == 0 || n > max_len) return false;
    i += n;
    *v = value;
    *len = n;
    return true;
  }
  bool Lit(char c) {
    if (Peek() != c) return false;
    ++i;
    return true;
  }
  void Spaces() {
    while (Peek() == ' ') ++i;
  }
  std::string Word() {
    std::string w;
    while (!Done() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) {
      w += static_cast<char>(s[i] | 0x20);
      ++i;
    }
    return w;
  }
};

int MonthFromName(const std::string& w) {
  static constexpr std::string_view kNames[] = {"january",   "february", "march",    "april",
                                                "may",       "june",     "july",     "august",
                                                "september", "october",  "november", "december"};
  if (w.size() < 3) return 0;
  for (int m = 0; m < 12; ++m) {
    if (kNames[m].substr(0, w.size()) == w) return m + 1;
  }
  if (w == "sept") return 9;
  return 0;
}

bool ValidDate(int y, int m, int d) {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

int FullYear(int y, size_t len) { return len == 2 ? (y < 70 ? 2000 + y : 1900 + y) : y; }

// "HH:MM[:SS[.fff]][ AM|PM][Z|UTC|+hh[:mm]]" at the cursor, to the end.
bool ParseTime(Cursor* c, int* h, int* mi, int* sec) {
  size_t len;
  if (!c->Number(h, &len, 2) || !c->Lit(':') || !c->Number(mi, &len, 2) || len != 2) return false;
  *sec = 0;
  if (c->Lit(':')) {
    if (!c->Number(sec, &len, 2) || len != 2) return false;
    if (c->Lit('.') || c->Lit(',')) {
      while (!c->Done() && IsDigit(c->Peek())) ++c->i;
    }
  }
  c->Spaces();
  const size_t before = c->i;
  const std::string w = c->Word();
  if (w == "am" || w == "pm") {
    if (*h < 1 || *h > 12) return false;
    if (w == "am" && *h == 12) *h = 0;
    if (w == "pm" && *h != 12) *h += 12;
    c->Spaces();
  } else {
    c->i = before;
  }
  // The zone is dropped: records are grouped by the wall time they show.
  if (c->Lit('Z') || c->Lit('z')) return c->Done();
  const size_t zone_at = c->i;
  const std::string zone = c->Word();
  if (zone != "utc" && zone != "gmt") c->i = zone_at;
  if (c->Lit('+') || c->Lit('-')) {
    int off;
    if (!c->Number(&off, &len, 4)) return false;
    if (c->Lit(':') && !c->Number(&off, &len, 2)) return false;
  }
  return c->Done() && *h <= 23 && *mi <= 59 && *sec <= 60;
}

}  // namespace

bool ParseDate(std::string_view s, DateOrder order, ParsedDate* out) {
  const std::string t = Normalize(TrimCell(s));
  Cursor c{t};
  int y = 0, m = 0, d = 0;
  size_t len = 0;
  int a, b;
  size_t alen, blen;
  if (c.Number(&a, &alen, 4)) {
    if (alen == 4) {
      // Year first: 2023-10-01, 2023/10/01, 2023.10.01, 2023-10.
      const char sep = c.Peek();
      if (sep != '-' && sep != '/' && sep != '.') return false;
      ++c.i;
      if (!c.Number(&m, &len, 2)) return false;
      y = a;
      d = 1;
      if (c.Lit(sep)) {
        if (!c.Number(&d, &len, 2)) return false;
      } else if (!c.Done() || sep == '.') {
        return false;
      }
    } else if (alen <= 2) {
      const char sep = c.Peek();
      if (sep == '/' || sep == '.' || sep == '-') {
        ++c.i;
        if (c.Number(&b, &blen, 2)) {
          // 01/10/2023: day and month by the column's order.
          if (!c.Lit(sep) || !c.Number(&y, &len, 4) || (len != 4 && len != 2)) return false;
          if (sep == '.' && len != 4) return false;  // "1.2.10" is a version.
          y = FullYear(y, len);
          const bool day_first = order == DateOrder::kDayFirst ||
                                 (order == DateOrder::kUnknown && !(b > 12 && a <= 12));
          d = day_first ? a : b;
          m = day_first ? b : a;
        } else {
          // 1-Oct-2023
          m = MonthFromName(c.Word());
          if (m == 0 || !c.Lit(sep) || !c.Number(&y, &len, 4) || (len != 4 && len != 2)) {
            return false;
          }
          y = FullYear(y, len);
          d = a;
        }
      } else if (sep == ' ') {
        // 1 October 2023
        c.Spaces();
        m = MonthFromName(c.Word());
        c.Spaces();
        if (m == 0 || !c.Number(&y, &len, 4) || len != 4) return false;
        d = a;
      } else {
        return false;
      }
    } else {
      return false;
    }
  } else {
    // Oct 1, 2023 / October 2023
    m = MonthFromName(c.Word());
    if (m == 0) return false;
    c.Lit('.');
    c.Spaces();
    if (!c.Number(&a, &alen, 4)) return false;
    if (alen == 4) {
      y = a;
      d = 1;
    } else {
      d = a;
      c.Lit(',');
      c.Spaces();
      if (!c.Number(&y, &len, 4) || len != 4) return false;
    }
  }
  if (!ValidDate(y, m, d)) return false;
  char buf[64];
  out->has_time = false;
  if (!c.Done()) {
    if (!c.Lit('T') && !c.Lit(' ')) return false;
    c.Spaces();
    int h, mi, sec;
    if (!ParseTime(&c, &h, &mi, &sec)) return false;
    out->has_time = true;
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, h, mi, sec);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  }
  out->iso = buf;
  return true;
}

DateOrder DateOrderOf(std::string_view s) {
  const std::string t = Normalize(TrimCell(s));
  Cursor c{t};
  int a, b;
  size_t alen, blen;
  if (!c.Number(&a, &alen, 2)) return DateOrder::kUnknown;
  const char sep = c.Peek();
  if (sep != '/' && sep != '.' && sep != '-') return DateOrder::kUnknown;
  ++c.i;
  if (!c.Number(&b, &blen, 2)) return DateOrder::kUnknown;
  if (a > 12 && b <= 12) return DateOrder::kDayFirst;
  if (b > 12 && a <= 12) return DateOrder::kMonthFirst;
  return DateOrder::kUnknown;
}

}  // namespace tahqiq::tables
