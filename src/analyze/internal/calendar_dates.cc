#include "analyze/internal/calendar_dates.h"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/regex.h>
#include <unicode/timezone.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace tahqiq::analyze::internal {
namespace {

// One pattern, tried left to right: Arabic day-month-year, month-year and
// year-with-marker, then the Hebrew ones. Lookbehinds keep a match from
// starting inside a word or number.
constexpr char kPattern[] =
    // Arabic. Groups 1-4: day, month, year, marker; 5-7: month, year,
    // marker; 8-9: year, marker (required).
    "(?<![\\p{L}\\p{N}])([0-9\\u0660-\\u0669]{1,2})\\s+(?:من\\s+)?(AM)\\s*[،,]?\\s*"
    "(HIJRIYEAR)(\\s?(?:هـ|ه)(?!\\p{L}))?"
    "|(?<![\\p{L}\\p{N}])(AM)\\s+(?:من\\s+)?(?:عام\\s+|سنة\\s+)?(HIJRIYEAR)"
    "(\\s?(?:هـ|ه)(?!\\p{L}))?"
    "|(?<![\\p{L}\\p{N}])(HIJRIYEAR)(\\s?(?:هـ|ه)(?!\\p{L}))"
    // Hebrew. Groups 10-12: day, month, year; 13-14: month, year; 15: year.
    "|(?<![\\p{L}\\p{N}])[בו]?-?(GEM|[0-9]{1,2})\\s+(HM)\\s*,?\\s*(HY)(?![\\p{L}\\p{N}])"
    "|(?<![\\p{L}\\p{N}])(HM)\\s+(HY)(?![\\p{L}\\p{N}])"
    "|(?<![\\p{L}\\p{N}])(?:[בלמ]?שנת\\s+|[בלמ](?=תש))?(ה['׳]\\s?[א-ת]{1,3}[\"״][א-ת]|(?<=שנת\\s)["
    "א-ת]{1,3}["
    "\"״]"
    "[א-ת]"
    // A year of the 5700s (1939..2039) in prose, set apart: "לוחמי תש"ח", "(תשכ"ז)", or
    // after the clitic ב, ל or מ ("בתשע"ח": in 5778).
    "|(?<=[\\s(])תש[א-ת]?[\"״][א-ת]|(?<=[בלמ])תש[א-ת]?[\"״][א-ת])(?![\\p{L}\\p{N}])"
    // Arabic again. Groups 16-19: two months joined by "و" sharing one year, and its marker
    // ("جمادى الأولى وجمادى الآخرة سنة 2 هـ"): each month is a range of its own.
    "|(?<![\\p{L}\\p{N}])(AM)\\s+(?=و)(AM)\\s+(?:من\\s+)?(?:عام\\s+|سنة\\s+)?(HIJRIYEAR)"
    "(\\s?(?:هـ|ه)(?!\\p{L}))?";

// Hijri months as written (hamza and taa marbuta variants), optional
// proclitic.
constexpr char kArabicMonths[] =
    "[بلو]?(?:ال)?(?:محرم|صفر|ربيع\\s+(?:الأول|الاول|أول|اول|الثاني|الآخر|الاخر|ثاني)"
    "|جماد[ىي]\\s+(?:الأولى|الاولى|الأول|الاول|الآخرة|الاخرة|الثانية|الآخر|الاخر)|رجب|شعبان|رمضان"
    "|شوال|ذ[وي]\\s+القعد[ةه]|ذ[وي]\\s+الحج[ةه])";
// A Hijri year: three or four digits, or one or two before the marker written with its
// tatweel ("41 هـ.", "سنة 2 هـ"); a bare "ه" after a small number is too often something else.
constexpr char kHijriYear[] = "[0-9\\u0660-\\u0669]{3,4}|[0-9\\u0660-\\u0669]{1,2}(?=\\s?هـ)";
constexpr char kHebrewMonths[] =
    "[בלמ]?-?(?:תשרי|מרחשוון|מרחשון|חשוון|חשון|כסלו|כסליו|טבת|שבט|אדר(?:\\s?[אב]['׳])?|ניסן"
    "|אייר|סיוון|סיון|תמוז|אב|אלול)";
// A day in Hebrew numerals: כ״ג, ט"ו, ל', א׳.
constexpr char kGematria[] = "[א-ת]{1,2}[\"״][א-ת]|[א-ת]['׳]";
constexpr char kHebrewYear[] = "(?:ה['׳]\\s?)?[א-ת]{1,3}[\"״][א-ת]|5[0-9]{3}";

std::string Expand() {
  std::string p = kPattern;
  auto replace_all = [&p](std::string_view key, std::string_view value) {
    for (size_t at = p.find(key); at != std::string::npos; at = p.find(key, at + value.size())) {
      p.replace(at, key.size(), value);
    }
  };
  replace_all("HIJRIYEAR", kHijriYear);
  replace_all("AM", kArabicMonths);
  replace_all("GEM", kGematria);
  replace_all("HM", kHebrewMonths);
  replace_all("HY", kHebrewYear);
  return p;
}

const icu::RegexPattern* Pattern() {
  static const icu::RegexPattern* pattern = [] {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse;
    icu::RegexPattern* p =
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(Expand()), 0, parse, status);
    return U_SUCCESS(status) ? p : nullptr;
  }();
  return pattern;
}

// The pattern runs only on windows around the numerals the caller found,
// and only when a cue word (a Hijri or Hebrew month name, the marker هـ, the
// thousands prefix ה', שנת) is near: the regex over a whole chunk costs
// several times the rest of the grammar.
constexpr std::string_view kCues[] = {
    "هـ",   "محرم", "صفر",   "ربيع", "جماد", "رجب", "شعبان", "رمضان", "شوال", "القعد", "الحج",
    "תשרי", "חשון", "חשוון", "כסל",  "טבת",  "שבט", "אדר",   "ניסן",  "אייר", "סיון",  "סיוון",
    "תמוז", "באב",  " אב ",  "אלול", "ה'",   "ה׳",  "שנת",   " תש",   "בתש",  "לתש",   "מתש"};

bool Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Byte ranges [first, second) to search, merged, each from a word start to
// a word end.
std::vector<std::pair<size_t, size_t>> Windows(std::string_view s,
                                               const std::vector<uint32_t>& numerals) {
  constexpr size_t kReach = 56;  // bytes on each side: a month name, a year and spaces
  std::vector<std::pair<size_t, size_t>> merged;
  for (const uint32_t at : numerals) {
    // The cue is next to the numeral ("15 رمضان", "رمضان 1445", "1445 هـ",
    // "בשנת תשפ"ד"): a short look, since numbers are many.
    constexpr size_t kCueReach = 24;
    const size_t c = at > kCueReach ? at - kCueReach : 0;
    const std::string_view near = s.substr(c, std::min(s.size() - c, at - c + 2 * kCueReach));
    size_t a = at > kReach ? at - kReach : 0;
    size_t b = std::min(s.size(), static_cast<size_t>(at) + kReach);
    if (std::none_of(std::begin(kCues), std::end(kCues), [&](std::string_view cue) {
          return near.find(cue) != std::string_view::npos;
        })) {
      continue;
    }
    while (a > 0 && s[a - 1] != ' ' && s[a - 1] != '\n' && at - a < 2 * kReach) --a;
    while (a > 0 && Continuation(s[a])) --a;
    while (b < s.size() && s[b] != ' ' && s[b] != '\n' && b - at < 2 * kReach) ++b;
    while (b < s.size() && Continuation(s[b])) ++b;
    if (!merged.empty() && a <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, b);
    } else {
      merged.emplace_back(a, b);
    }
  }
  return merged;
}

int DigitsValue(const icu::UnicodeString& s) {
  int v = 0;
  for (int32_t i = 0; i < s.length(); ++i) {
    const char16_t c = s[i];
    if (c >= u'0' && c <= u'9') {
      v = v * 10 + (c - u'0');
    } else if (c >= 0x0660 && c <= 0x0669) {
      v = v * 10 + (c - 0x0660);
    } else {
      return -1;
    }
  }
  return v;
}

// The value of Hebrew numerals (letters summed; geresh, gershayim and the
// thousands prefix ה' are handled by the caller).
int GematriaValue(const icu::UnicodeString& s) {
  static constexpr int kValues[] = {
      1,  2,  3,  4,  5,  6,  7,  8,  9,  10,  20,  20,  30, 40,
      40, 50, 50, 60, 70, 80, 80, 90, 90, 100, 200, 300, 400};  // א..ת with final forms
  int v = 0;
  for (int32_t i = 0; i < s.length(); ++i) {
    const char16_t c = s[i];
    if (c >= 0x05D0 && c <= 0x05EA) {
      v += kValues[c - 0x05D0];
    } else if (c == u'\'' || c == u'"' || c == 0x05F3 || c == 0x05F4 || c == u' ') {
      continue;
    } else {
      return -1;
    }
  }
  return v;
}

int HebrewDay(const icu::UnicodeString& s) {
  const int d = DigitsValue(s);
  return d >= 0 ? d : GematriaValue(s);
}

int HebrewYear(icu::UnicodeString s) {
  if (const int d = DigitsValue(s); d >= 0) return d;
  if (s.length() >= 2 && s[0] == 0x05D4 && (s[1] == u'\'' || s[1] == 0x05F3)) s.remove(0, 2);
  const int v = GematriaValue(s);
  return v > 0 && v < 1000 ? 5000 + v : -1;
}

std::string Utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

bool Has(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

int ArabicMonth(const icu::UnicodeString& u) {
  const std::string s = Utf8(u);
  if (Has(s, "محرم")) return 1;
  if (Has(s, "صفر")) return 2;
  if (Has(s, "ربيع")) return Has(s, "ول") ? 3 : 4;
  if (Has(s, "جماد")) return Has(s, "ول") ? 5 : 6;
  if (Has(s, "رجب")) return 7;
  if (Has(s, "شعبان")) return 8;
  if (Has(s, "رمضان")) return 9;
  if (Has(s, "شوال")) return 10;
  if (Has(s, "القعد")) return 11;
  return 12;
}

// ICU's Hebrew month index + 1 (see CalendarToIso); Adar alone is Adar I in
// a leap year, the only Adar otherwise (decided by the caller's year).
int HebrewMonth(const icu::UnicodeString& u, bool leap) {
  const std::string s = Utf8(u);
  if (Has(s, "תשרי")) return 1;
  if (Has(s, "חשו") || Has(s, "חשון")) return 2;
  if (Has(s, "כסל")) return 3;
  if (Has(s, "טבת")) return 4;
  if (Has(s, "שבט")) return 5;
  if (Has(s, "אדר")) {
    if (Has(s, "ב'") || Has(s, "ב׳")) return 7;
    if (Has(s, "א'") || Has(s, "א׳")) return 6;
    return leap ? 6 : 7;
  }
  if (Has(s, "ניסן")) return 8;
  if (Has(s, "אייר")) return 9;
  if (Has(s, "סיו")) return 10;
  if (Has(s, "תמוז")) return 11;
  if (Has(s, "אלול")) return 13;
  return 12;  // אב
}

// Per-thread calendars: creating one costs far more than a conversion.
struct Calendars {
  std::unique_ptr<icu::Calendar> hijri, hebrew, gregorian;
  Calendars() {
    UErrorCode status = U_ZERO_ERROR;
    hijri.reset(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(),
                                              icu::Locale("en@calendar=islamic-civil"), status));
    hebrew.reset(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(),
                                               icu::Locale("en@calendar=hebrew"), status));
    gregorian.reset(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(),
                                                  icu::Locale("en@calendar=gregorian"), status));
    // ISO 8601 dates are proleptic Gregorian: without this, ICU answers in the
    // Julian calendar before October 1582 (661 هـ began on 1262-11-22, not 11-15).
    if (auto* g = dynamic_cast<icu::GregorianCalendar*>(gregorian.get()); g != nullptr) {
      g->setGregorianChange(U_DATE_MIN, status);
    }
    if (U_FAILURE(status)) hijri.reset();
    for (icu::Calendar* c : {hijri.get(), hebrew.get()}) {
      if (c != nullptr) c->setLenient(false);
    }
  }
};

Calendars& GetCalendars() {
  thread_local Calendars calendars;
  return calendars;
}

// A Hebrew leap year has Adar I (ICU month 5); in a common year a strict
// calendar refuses that month.
bool IsHebrewLeap(int year) {
  Calendars& c = GetCalendars();
  if (!c.hijri) return false;
  UErrorCode status = U_ZERO_ERROR;
  c.hebrew->clear();
  c.hebrew->set(year, 5, 1);
  c.hebrew->getTime(status);
  return U_SUCCESS(status);
}

bool ToIso(UDate date, std::string* iso) {
  Calendars& c = GetCalendars();
  UErrorCode status = U_ZERO_ERROR;
  c.gregorian->setTime(date, status);
  const int32_t y = c.gregorian->get(UCAL_YEAR, status);
  const int32_t m = c.gregorian->get(UCAL_MONTH, status) + 1;
  const int32_t d = c.gregorian->get(UCAL_DATE, status);
  if (U_FAILURE(status) || c.gregorian->get(UCAL_ERA, status) != 1) return false;
  // Room for any three int32 values ("-2147483648" each), so nothing can be
  // cut: an ICU year is not bounded by four digits.
  char buf[3 * 11 + 2 + 1];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  *iso = buf;
  return true;
}

// First and last Gregorian day of a month (month > 0) or a year (month 0).
// A year of one or two digits before a bare "هـ" needs a cue before it: "(", a dash after a
// number ("3 - 11 هـ"), a preposition of time just before ("في 5 هـ"), or a year word among
// the two words before ("سنة 2 هـ", "في عام الجماعة 41 هـ"). Without one, "هـ" is as often the
// fifth clause label ("البند 3 هـ") or a hectare ("مساحتها 5 هـ").
bool EarlyHijriCue(const icu::UnicodeString& text, int32_t at) {
  int32_t p = at;
  const auto spaces = [&] {
    while (p > 0 && u_isUWhiteSpace(text.char32At(p - 1))) --p;
  };
  spaces();
  if (p == 0) return false;
  const UChar32 before = text.char32At(p - 1);
  if (before == '(') return true;
  if (before == '-' || before == 0x2013 || before == 0x2014 || before == 0x2212) {
    --p;
    spaces();
    return p > 0 && (u_isdigit(text.char32At(p - 1)) || text.char32At(p - 1) == 0x0640 ||
                     text.char32At(p - 1) == 0x0647);
  }
  for (int words = 0; words < 2 && p > 0; ++words) {
    icu::UnicodeString word;
    while (p > 0 && !u_isUWhiteSpace(text.char32At(p - 1))) {
      const UChar c = text.charAt(p - 1);
      --p;
      if (c == 0x0640 || (c >= 0x064B && c <= 0x065F) || c == 0x0670) continue;  // marks
      word.insert(0, c);
    }
    for (const char* key : {"عام", "سنة", "سنه"}) {
      const icu::UnicodeString k = icu::UnicodeString::fromUTF8(key);
      if (word.length() <= k.length() + 2 && word.endsWith(k)) return true;
    }
    if (words == 0) {
      for (const char* key : {"في", "وفي", "منذ", "حتى", "قبل", "بعد"}) {
        if (word == icu::UnicodeString::fromUTF8(key)) return true;
      }
    }
    spaces();
  }
  return false;
}

bool Span(bool hijri, int year, int month, std::string* from, std::string* to) {
  Calendars& c = GetCalendars();
  if (!c.hijri) return false;
  icu::Calendar* cal = hijri ? c.hijri.get() : c.hebrew.get();
  UErrorCode status = U_ZERO_ERROR;
  cal->clear();
  cal->set(year, month > 0 ? month - 1 : 0, 1);
  const UDate first = cal->getTime(status);
  if (U_FAILURE(status)) return false;
  cal->add(month > 0 ? UCAL_MONTH : UCAL_YEAR, 1, status);
  const UDate next = cal->getTime(status);
  if (U_FAILURE(status)) return false;
  return ToIso(first, from) && ToIso(next - U_MILLIS_PER_DAY, to);
}

}  // namespace

bool CalendarToIso(bool hijri, int year, int month, int day, std::string* iso) {
  Calendars& c = GetCalendars();
  if (!c.hijri || year < 1 || month < 1 || month > (hijri ? 12 : 13) || day < 1 || day > 30) {
    return false;
  }
  icu::Calendar* cal = hijri ? c.hijri.get() : c.hebrew.get();
  UErrorCode status = U_ZERO_ERROR;
  cal->clear();
  cal->set(year, month - 1, day);
  const UDate date = cal->getTime(status);  // not lenient: day 30 of a short month fails
  return U_SUCCESS(status) && ToIso(date, iso);
}

// The dates in utf8[from, to); offsets are relative to utf8.
static void FindInWindow(icu::RegexMatcher* m, std::string_view utf8, size_t from, size_t to,
                         std::vector<Figure>* out) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data() + from, static_cast<int32_t>(to - from)));
  UErrorCode status = U_ZERO_ERROR;
  m->reset(text);
  // UTF-16 index -> UTF-8 byte offset, built up as matches advance.
  int32_t u16 = 0;
  size_t u8 = from;
  auto byte_at = [&](int32_t index) {
    while (u16 < index) {
      const UChar32 c = text.char32At(u16);
      u8 += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      u16 += U16_LENGTH(c);
    }
    return u8;
  };
  while (m->find(status) && U_SUCCESS(status)) {
    auto group = [&](int g) { return m->group(g, status); };
    auto matched = [&](int g) { return m->start(g, status) >= 0; };
    Figure f;
    Figure first;  // the first of two months sharing a year, pushed only with the second
    bool ok = false;
    if (matched(1)) {  // 15 رمضان 1445 [هـ]
      ok = CalendarToIso(true, DigitsValue(group(3)), ArabicMonth(group(2)), DigitsValue(group(1)),
                         &f.date);
      f.kind = FigureKind::kDate;
    } else if (matched(5)) {  // رمضان 1445 [هـ]
      const int year = DigitsValue(group(6));
      // A bare "صفر 100" or "رجب 2023" is a word and a number: without the
      // marker, the year must look Hijri.
      ok = (matched(7) || (year >= 1300 && year <= 1500)) &&
           Span(true, year, ArabicMonth(group(5)), &f.from, &f.to);
      f.kind = FigureKind::kDateRange;
    } else if (matched(8)) {  // 1445 هـ
      ok = (group(8).length() > 2 || EarlyHijriCue(text, m->start(8, status))) &&
           Span(true, DigitsValue(group(8)), 0, &f.from, &f.to);
      f.kind = FigureKind::kDateRange;
    } else if (matched(10)) {  // כ״ג בתשרי תשפ״ד
      const int year = HebrewYear(group(12));
      ok = year > 0 && CalendarToIso(false, year, HebrewMonth(group(11), IsHebrewLeap(year)),
                                     HebrewDay(group(10)), &f.date);
      f.kind = FigureKind::kDate;
    } else if (matched(13)) {  // תשרי תשפ״ד
      const int year = HebrewYear(group(14));
      ok =
          year > 0 && Span(false, year, HebrewMonth(group(13), IsHebrewLeap(year)), &f.from, &f.to);
      f.kind = FigureKind::kDateRange;
    } else if (matched(15)) {  // ה'תשפ״ד
      const int year = HebrewYear(group(15));
      ok = year > 0 && Span(false, year, 0, &f.from, &f.to);
      f.kind = FigureKind::kDateRange;
    } else if (matched(16)) {  // جمادى الأولى وجمادى الآخرة 2 هـ
      const int year = DigitsValue(group(18));
      ok = (matched(19) || (year >= 1300 && year <= 1500)) &&
           Span(true, year, ArabicMonth(group(16)), &first.from, &first.to) &&
           Span(true, year, ArabicMonth(group(17)), &f.from, &f.to);
      f.kind = first.kind = FigureKind::kDateRange;
      if (ok && U_SUCCESS(status)) {
        first.date = first.from + "/" + first.to;
        first.start = static_cast<uint32_t>(byte_at(m->start(16, status)));
        first.end = static_cast<uint32_t>(byte_at(m->end(16, status)));
      }
    }
    if (U_FAILURE(status)) return;
    if (!ok) continue;
    if (f.kind == FigureKind::kDateRange) f.date = f.from + "/" + f.to;
    // "בשנת" before a Hebrew year and the clitic of "בכ״ג" are not part of the
    // figure.
    const int32_t begin = m->start(matched(15)   ? 15
                                   : matched(10) ? 10
                                   : matched(17) ? 17
                                                 : 0,
                                   status);
    // The second of two months keeps its "و" out ("وجمادى الآخرة"), as other clitics are.
    const int32_t after_and =
        matched(17) && begin >= 0 && text.charAt(begin) == 0x0648 ? begin + 1 : begin;
    const int32_t end = m->end(status);
    f.start = static_cast<uint32_t>(byte_at(after_and));
    f.end = static_cast<uint32_t>(byte_at(end));
    // Ill-formed UTF-8 decodes to U+FFFD, whose 3 bytes may not be the
    // input's: offsets that leave the window are dropped, not trusted.
    if (f.start >= f.end || f.end > to) continue;
    f.text = std::string(utf8.substr(f.start, f.end - f.start));
    if (first.start < first.end && first.end <= to) {
      first.text = std::string(utf8.substr(first.start, first.end - first.start));
      out->push_back(std::move(first));
    }
    out->push_back(std::move(f));
  }
}

void FindCalendarDates(std::string_view utf8, const std::vector<uint32_t>& numerals,
                       std::vector<Figure>* out) {
  const icu::RegexPattern* pattern = Pattern();
  if (pattern == nullptr) return;
  const auto windows = Windows(utf8, numerals);
  if (windows.empty()) return;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(pattern->matcher(status));
  if (U_FAILURE(status)) return;
  for (const auto& [from, to] : windows) FindInWindow(m.get(), utf8, from, to, out);
}

}  // namespace tahqiq::analyze::internal
