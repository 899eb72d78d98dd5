#include "analyze/figures.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_set>
#include <utility>

#include "analyze/internal/calendar_dates.h"
#include "analyze/internal/figure_lexicon.h"
#include "analyze/internal/utf8.h"

namespace tahqiq::analyze {
namespace {

using internal::DecodeUtf8At;
using internal::FigureEntry;
using internal::FigureLexicon;

bool InRange(char32_t c, char32_t lo, char32_t hi) { return c >= lo && c <= hi; }

bool IsDigit(char32_t c) {
  return InRange(c, '0', '9') || InRange(c, 0x0660, 0x0669) || InRange(c, 0x06F0, 0x06F9);
}
bool IsArabicLetter(char32_t c) {
  return InRange(c, 0x0621, 0x063F) || InRange(c, 0x0641, 0x064A) || InRange(c, 0x066E, 0x066F) ||
         InRange(c, 0x0671, 0x06D3) || c == 0x06D5 || InRange(c, 0x06FA, 0x06FC);
}
bool IsArabicMark(char32_t c) {
  return InRange(c, 0x064B, 0x065F) || c == 0x0670 || c == 0x0640 || InRange(c, 0x06D6, 0x06ED);
}
bool IsHebrewLetter(char32_t c) { return InRange(c, 0x05D0, 0x05EA); }
bool IsHebrewMark(char32_t c) {
  return InRange(c, 0x0591, 0x05BD) || c == 0x05BF || c == 0x05C1 || c == 0x05C2 || c == 0x05C4 ||
         c == 0x05C5 || c == 0x05C7;
}
bool IsLatinLetter(char32_t c) {
  return InRange(c, 'a', 'z') || InRange(c, 'A', 'Z') ||
         (InRange(c, 0xC0, 0x24F) && c != 0xD7 && c != 0xF7);
}

// A year as ISO 8601 writes it: four digits at least ("0622").
std::string IsoYear(int y) {
  std::string out = std::to_string(y);
  out.insert(0, out.size() < 4 ? 4 - out.size() : 0, '0');
  return out;
}

// The end of a lone "2" at s[i] that squares the unit before it ("km2", "كم٢"): the ASCII
// digit, or with arabic_digits also "٢" and "۲", when no digit follows. i when there is none.
size_t LoneTwoEnd(std::string_view s, size_t i, bool arabic_digits) {
  size_t j = i;
  const char32_t d = i < s.size() ? DecodeUtf8At(s, &j) : 0;
  if (d != '2' && !(arabic_digits && (d == 0x0662 || d == 0x06F2))) return i;
  size_t k = j;
  if (j < s.size() && IsDigit(DecodeUtf8At(s, &k))) return i;
  return j;
}

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
         InRange(c, 0x2000, 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0x2028 ||
         c == 0x2029;
}
// Bidi controls, zero-width characters, BOM and soft hyphen: skipped without
// separating what surrounds them.
bool IsInvisible(char32_t c) {
  return InRange(c, 0x200B, 0x200F) || InRange(c, 0x202A, 0x202E) || InRange(c, 0x2066, 0x2069) ||
         c == 0x061C || c == 0xFEFF || c == 0xAD;
}
bool IsNumberSeparator(char32_t c) { return c == ',' || c == '.' || c == 0x066B || c == 0x066C; }
bool IsGeresh(char32_t c) { return c == '\'' || c == 0x05F3 || c == 0x2019; }
bool IsGershayim(char32_t c) { return c == '"' || c == 0x05F4 || c == 0x201D || c == 0x201C; }

enum class TokType : uint8_t { kWord, kNum, kPunct };

struct Tok {
  TokType type = TokType::kPunct;
  char script = 0;            // 'l' Latin, 'a' Arabic, 'h' Hebrew, 0 other
  bool space_before = false;  // whitespace separates it from the previous token
  bool para_before = false;   // a blank line or page break does
  bool cap = false;           // Latin word with an uppercase initial
  bool upper = false;         // Latin word all in capitals
  uint32_t start = 0, end = 0;
  std::string norm;  // FigureNormalize()d; numbers: ASCII digits with ',' and '.'
};

// Four ASCII digits from 1900 to 2099.
bool YearDigits(const std::string& d) {
  if (d.size() != 4) return false;
  for (char c : d) {
    if (c < '0' || c > '9') return false;
  }
  return d.compare("1900") >= 0 && d.compare("2099") <= 0;
}

std::vector<Tok> Tokenize(std::string_view s) {
  std::vector<Tok> toks;
  bool space = false;
  int newlines = 0;
  bool para = false;
  auto push = [&](Tok t) {
    t.space_before = space || toks.empty();
    t.para_before = para || newlines >= 2;
    space = false;
    para = false;
    newlines = 0;
    toks.push_back(std::move(t));
  };
  size_t i = 0;
  while (i < s.size()) {
    const size_t at = i;
    const char32_t c = DecodeUtf8At(s, &i);
    if (IsSpace(c)) {
      space = true;
      if (c == '\n') ++newlines;
      if (c == '\f' || c == 0x2029) para = true;
      continue;
    }
    if (IsInvisible(c)) continue;
    Tok t;
    t.start = static_cast<uint32_t>(at);
    if (IsDigit(c)) {
      t.type = TokType::kNum;
      internal::FigureNormalizeChar(c, &t.norm);
      while (i < s.size()) {
        size_t j = i;
        const char32_t d = DecodeUtf8At(s, &j);
        if (IsDigit(d)) {
          internal::FigureNormalizeChar(d, &t.norm);
          i = j;
          continue;
        }
        // "17،818 كيلومتر مربع": the Arabic comma joined between one to three digits and
        // exactly three more digits groups thousands; anywhere else it separates a list.
        const size_t comma = d == 0x060C ? t.norm.rfind(',') : 0;
        if (d == 0x060C && t.norm.find('.') == std::string::npos &&
            (comma == std::string::npos ? t.norm.size() <= 3 : t.norm.size() - comma == 4)) {
          size_t k = j;
          int digits = 0;
          while (k < s.size() && digits < 4) {
            size_t m = k;
            if (!IsDigit(DecodeUtf8At(s, &m))) break;
            k = m;
            ++digits;
          }
          size_t m = k;
          const char32_t after = k < s.size() ? DecodeUtf8At(s, &m) : 0;
          if (digits == 3 && !IsNumberSeparator(after)) {
            t.norm += ',';
            i = j;
            continue;
          }
        }
        if (!IsNumberSeparator(d) || j >= s.size()) break;
        size_t k = j;
        if (!IsDigit(DecodeUtf8At(s, &k))) break;
        // "© 2002-2005,2007": two years joined by a comma are a list, not 2005.2007.
        if (d == ',' && YearDigits(t.norm) && j + 4 <= s.size() &&
            YearDigits(std::string(s.substr(j, 4))) &&
            (j + 4 == s.size() || !IsDigit(static_cast<unsigned char>(s[j + 4])))) {
          break;
        }
        internal::FigureNormalizeChar(d, &t.norm);
        i = j;
      }
    } else if (IsLatinLetter(c) || IsArabicLetter(c) || IsHebrewLetter(c)) {
      t.type = TokType::kWord;
      t.script = IsLatinLetter(c) ? 'l' : IsArabicLetter(c) ? 'a' : 'h';
      t.cap = t.script == 'l' && !InRange(c, 'a', 'z');
      bool all_upper = t.cap;
      while (i < s.size()) {
        size_t j = i;
        const char32_t d = DecodeUtf8At(s, &j);
        bool take = false;
        if (t.script == 'l') {
          take = IsLatinLetter(d);
          if (take && InRange(d, 'a', 'z')) all_upper = false;
        } else if (t.script == 'a') {
          take = IsArabicLetter(d) || IsArabicMark(d);
        } else {
          take = IsHebrewLetter(d) || IsHebrewMark(d);
          if (!take && (IsGeresh(d) || IsGershayim(d))) {
            // Gershayim inside an acronym (ש"ח) and a geresh ending an
            // abbreviation (מ׳) belong to the word.
            size_t k = j;
            const char32_t e = k < s.size() ? DecodeUtf8At(s, &k) : 0;
            if (IsGeresh(d) && IsGeresh(e)) {  // '' typed for gershayim
              size_t m = k;
              if (m < s.size() && IsHebrewLetter(DecodeUtf8At(s, &m))) j = k;
              take = j == k;
            } else {
              take = IsHebrewLetter(e) || IsGeresh(d);
            }
          }
        }
        if (!take) break;
        i = j;
      }
      t.upper = all_upper;
      t.norm = internal::FigureNormalize(s.substr(at, i - at));
      // "33000 كم2": an Arabic length unit with a lone 2 attached is its square (كم²), not
      // a number; the lexicon keys are written with "²".
      // The byte test first: this runs at every Arabic word.
      const bool two =
          i < s.size() && (s[i] == '2' || (i + 1 < s.size() && (s[i] == '\xD9' || s[i] == '\xDB') &&
                                           (s[i + 1] == '\xA2' || s[i + 1] == '\xB2')));
      if (two && t.script == 'a' && (t.norm == "كم" || t.norm == "كلم" || t.norm == "م")) {
        const size_t j = LoneTwoEnd(s, i, /*arabic_digits=*/true);
        if (j != i) {
          t.norm += "²";
          i = j;
        }
      }
      // "22,392 km2", "150 m2": after a number and a space, a lone 2 joined to an English
      // length unit squares it, as "²" does; "M2" (a name), "km23" and a terminal's escape
      // ("[1m2") stay apart. The longer units in any case ("81 Km2", "5 KM2"). Only the ASCII
      // "2": "km٢" is not how English is typed.
      // (The script first: the Arabic rule above may have moved i to the end of the text.)
      if (two && t.script == 'l' && i < s.size() && s[i] == '2' && (!t.cap || t.norm != "m") &&
          space && !toks.empty() &&
          (toks.back().type == TokType::kNum || toks.back().norm == "million" ||
           toks.back().norm == "thousand" || toks.back().norm == "billion") &&
          (t.norm == "km" || t.norm == "m" || t.norm == "mi" || t.norm == "cm")) {
        const size_t j = LoneTwoEnd(s, i, /*arabic_digits=*/false);
        if (j != i && (j >= s.size() || !IsLatinLetter(static_cast<unsigned char>(s[j])))) {
          t.norm += "²";
          i = j;
        }
      }
    } else {
      t.type = TokType::kPunct;
      internal::FigureNormalizeChar(c, &t.norm);
      // "2011ـ 2016", "2016ـ2021": Moroccan news types a tatweel for the dash between two
      // numbers; joined to a digit and followed (after spaces) by another, it is that dash.
      if (c == 0x0640 && !space && !toks.empty() && toks.back().type == TokType::kNum) {
        size_t k = i;
        while (k < s.size() && s[k] == ' ') ++k;
        size_t m = k;
        if (k < s.size() && IsDigit(DecodeUtf8At(s, &m))) t.norm = "-";
      }
    }
    t.end = static_cast<uint32_t>(i);
    push(std::move(t));
  }
  return toks;
}

// Parses digits with ',' and '.' separators. A lone ',' before exactly three
// digits groups thousands, otherwise it is a decimal comma (1,5 مليون); a lone
// '.' is a decimal point; repeated separators must group by three (1,000,000,
// 1.000.000), else it is a version or an address (1.2.3) and fails; with both,
// the last one is the decimal separator.
bool ParseDigits(const std::string& s, double* value) {
  size_t commas = 0, dots = 0;
  for (char c : s) {
    commas += c == ',';
    dots += c == '.';
  }
  char decimal = 0;
  if (commas > 0 && dots > 0) {
    decimal = s.rfind(',') > s.rfind('.') ? ',' : '.';
    if ((decimal == ',' ? commas : dots) != 1) return false;
  } else if (commas == 1) {
    const size_t p = s.find(',');
    decimal = (s.size() - p - 1 == 3 && p <= 3) ? 0 : ',';
  } else if (dots == 1) {
    decimal = '.';
  }
  std::string plain;
  size_t group = 0;
  bool first_group = true;
  bool in_fraction = false;
  for (char c : s) {
    if (c == decimal) {
      if (!first_group && group != 3) return false;
      plain.push_back('.');
      in_fraction = true;
      continue;
    }
    if (c == ',' || c == '.') {
      if (in_fraction) return false;
      if (first_group ? (group == 0 || group > 3) : group != 3) return false;
      first_group = false;
      group = 0;
      continue;
    }
    plain.push_back(c);
    if (!in_fraction) ++group;
  }
  if (!first_group && !in_fraction && group != 3) return false;
  const auto r = std::from_chars(plain.data(), plain.data() + plain.size(), *value);
  return r.ec == std::errc() && r.ptr == plain.data() + plain.size();
}

bool IsInt(const Tok& t) {
  return t.type == TokType::kNum && t.norm.find_first_of(",.") == std::string::npos;
}
// Years, days, months and small counts. A longer run of digits saturates
// instead of overflowing (regression: fuzz/crashers/figures/long-digit-run), and
// so does a number with a separator, which no rule may read as one of these
// (a rule that forgot IsInt() made "0,00…01" a negative overflow:
// fuzz/crashers/figures/separator-in-int-value).
int IntValue(const Tok& t) {
  int v = 0;
  for (char c : t.norm) {
    if (v > 99999999 || c < '0' || c > '9') return 999999999;
    v = v * 10 + (c - '0');
  }
  return v;
}

constexpr std::string_view kArabicClitics[] = {"وبال", "وكال", "وال", "فال", "بال", "كال", "ولل",
                                               "فلل",  "لل",   "ال",  "وب",  "ول",  "فب",  "فل",
                                               "وك",   "فك",   "و",   "ف",   "ب",   "ل",   "ك"};
bool IsHebrewClitic(std::string_view letter) {
  for (std::string_view c : {"ו", "ה", "ב", "כ", "ל", "מ", "ש"}) {
    if (letter == c) return true;
  }
  return false;
}
// Hebrew letters are two bytes in UTF-8.
bool AllHebrewClitics(std::string_view w) {
  if (w.empty() || w.size() % 2 != 0 || w.size() > 6) return false;
  for (size_t i = 0; i < w.size(); i += 2) {
    if (!IsHebrewClitic(w.substr(i, 2))) return false;
  }
  return true;
}
bool AllArabicClitics(std::string_view w) {
  for (std::string_view c : kArabicClitics) {
    if (w == c) return true;
  }
  return false;
}
// The word `w` is `tail` alone or after proclitics ("בעונת", "والموسم"). A token has one
// script, so Hebrew clitics only ever precede a Hebrew tail and Arabic ones an Arabic tail.
bool CliticsThen(std::string_view w, std::string_view tail) {
  if (w.size() < tail.size() || w.substr(w.size() - tail.size()) != tail) return false;
  const std::string_view c = w.substr(0, w.size() - tail.size());
  return c.empty() || AllHebrewClitics(c) || AllArabicClitics(c);
}

struct Hit {
  const FigureEntry* e = nullptr;
  size_t next = 0;     // the token after the phrase
  uint32_t start = 0;  // byte offset after any clitic
  std::string clitic;  // normalized clitic letters removed from the first word
  explicit operator bool() const { return e != nullptr; }
};

struct Date {
  int y = 0, m = 0, d = 0;
  size_t next = 0;
  uint32_t start = 0, end = 0;
  std::string clitic;  // clitic of the first word (Hebrew ו/ל/מ, Arabic و)
  bool bare_year = false;
  std::string Iso() const {
    char buf[16];
    if (y == 0) {
      std::snprintf(buf, sizeof buf, "--%02d-%02d", m, d);
    } else if (m == 0) {
      std::snprintf(buf, sizeof buf, "%04d", y);
    } else if (d == 0) {
      std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    } else {
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    }
    return buf;
  }
  long Key() const { return (y * 13L + m) * 32L + d; }
};

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

// Without a year (y = 0) a day must exist in some year: 29 February yes, 31 November no.
bool ValidDay(int y, int m, int d) {
  return m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y == 0 ? 2000 : y, m);
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<Tok> toks)
      : text_(text),
        toks_(std::move(toks)),
        lex_(internal::GetFigureLexicon()),
        prefixes_(internal::GetFigureKeyPrefixes()) {
    MarkPrefixes();
  }

  std::vector<Figure> Run() {
    size_t i = 0;
    while (i < toks_.size()) {
      if (!CouldStart(i)) {
        ++i;
        continue;
      }
      const size_t next = Step(i);
      i = next > i ? next : i + 1;
    }
    ShareRangeCurrency();
    NegativeMoney();
    JoinDateSpans();
    JoinPlacedLifeSpans();
    JoinFromInToInYears();
    DropHebrewEventNames();
    DropEnglishEventNames();
    DropEnglishTitleCounts();
    ModemSpeeds();
    UnitOrTwo();
    DeathToll();
    EnglishCasualties();
    ArabicKilledCount();
    ArabicBareCasualties();
    ArabicBareUnitBeforeCount();
    FiscalYears();
    DropBeforeCommonEra();
    ShareUnitWithPart();
    MoneyOfWhich();
    BarePartOfCount();
    EnglishPartOfCount();
    UnitAfterOf();
    DropQuotedArabicNames();
    DropOutOfEvery();
    ShareUnitInParallel();
    ShareUnitInList();
    CountedRange();
    return std::move(out_);
  }

 private:
  // The first token that starts at or after byte `b`.
  size_t TokenAt(uint32_t b) const {
    return static_cast<size_t>(
        std::lower_bound(toks_.begin(), toks_.end(), b,
                         [](const Tok& t, uint32_t x) { return t.start < x; }) -
        toks_.begin());
  }

  // WordIs for lower-case Latin words only, without normalizing or clitics: cheap enough for
  // every number.
  bool LatinWordIs(size_t i, std::initializer_list<std::string_view> ws) const {
    if (i >= toks_.size() || toks_[i].type != TokType::kWord || toks_[i].script != 'l') {
      return false;
    }
    for (std::string_view w : ws) {
      if (toks_[i].norm == w) return true;
    }
    return false;
  }

  // Whether token i is one of `ws` after any clitics. The literals are normalized at each call:
  // callers ask only after a cheaper test has picked out a candidate.
  bool WordIs(size_t i, std::initializer_list<std::string_view> ws) const {
    if (i >= toks_.size() || toks_[i].type != TokType::kWord) return false;
    for (std::string_view w : ws) {
      if (CliticsThen(toks_[i].norm, internal::FigureNormalize(w))) return true;
    }
    return false;
  }

  // "أكثر من 70 مليون فرد عسكري، 60 مليون منهم أوربيين": a scaled number followed by "of
  // them" counts a part of the quantity just before it, in its unit.
  void ShareUnitWithPart() {
    for (size_t x = 1; x < out_.size(); ++x) {
      Figure& f = out_[x];
      const Figure& p = out_[x - 1];
      if (f.kind != FigureKind::kQuantity || !f.unit.empty() || !f.currency.empty() ||
          p.kind != FigureKind::kQuantity || p.unit.empty()) {
        continue;
      }
      const size_t k = TokenAt(f.end), a = TokenAt(p.end), b = TokenAt(f.start);
      if (k >= toks_.size() || toks_[k].para_before || toks_[k].script != 'a' ||
          !WordIs(k, {"منهم", "منهن", "منها"}) || b < a || b - a > 3) {
        continue;
      }
      f.unit = p.unit;
    }
  }

  // "42 million euros, of which 15.5 million would go": a scaled number without a unit right
  // after "of which" is a part of the money just before it, in its currency.
  void MoneyOfWhich() {
    for (size_t x = 1; x < out_.size(); ++x) {
      Figure& f = out_[x];
      const Figure& p = out_[x - 1];
      if (f.kind != FigureKind::kQuantity || !f.unit.empty() || !f.currency.empty() ||
          p.kind != FigureKind::kMoney || p.currency.empty() || f.value > p.value) {
        continue;
      }
      const size_t a = TokenAt(p.end), b = TokenAt(f.start);
      if (b < 2 || b < a || b - a > 3 || b >= toks_.size() || toks_[b].para_before ||
          toks_[b - 1].para_before || toks_[b - 1].norm != "which" || toks_[b - 2].norm != "of") {
        continue;
      }
      f.kind = FigureKind::kMoney;
      f.currency = p.currency;
      f.unit = p.unit;
    }
  }

  // "من بين 300 مقاولة موجودة داخل المجمع، فقط حوالي أربعين منها": a bare number (digits or
  // a word) before "of them" counts a part of the last counted noun of its sentence, a
  // smaller number of the same unit (test19's convention: a noun named once counts for it).
  void BarePartOfCount() {
    std::vector<Figure> added;
    const auto of_them = [&](size_t q) {
      const std::string& w = toks_[q].norm;  // all three are 8 bytes: a cheap test first
      return w.size() == 8 && (w == "منهم" || w == "منهن" || w == "منها");
    };
    size_t x = 0;     // out_[x] is the first figure that does not end before token t
    size_t from = 1;  // the first token not tried yet
    for (size_t m = 2; m < toks_.size(); ++m) {
      if (!of_them(m)) continue;
      for (size_t t = std::max(from, m >= 3 ? m - 3 : 1); t < m; ++t) {
        from = t + 1;
        if (toks_[t].script == 'l' || toks_[t].para_before) continue;
        while (x < out_.size() && out_[x].end <= toks_[t].start) ++x;
        if (x == 0) continue;
        if (x < out_.size() && out_[x].start < toks_[t].end) continue;  // inside a figure
        const Figure& p = out_[x - 1];
        if (p.kind != FigureKind::kQuantity || p.unit.empty()) continue;
        Num n;
        size_t skip = 0;
        if ((toks_[t].type != TokType::kNum && toks_[t].script != 'a') ||
            !ParseNumber(t, &n, &skip) || n.scaled || n.unit_entry != nullptr || n.ratio_word ||
            n.before_scale_only || n.value < 2 || n.value >= p.value ||
            std::floor(n.value) != n.value || n.next >= toks_.size() || toks_[n.next].para_before ||
            !of_them(n.next)) {
          continue;
        }
        const size_t a = TokenAt(p.end);
        if (a > t || t - a > 12) continue;
        // "من أصل 102 عضوا …، 73 منهم": after a whole given "out of" test5 counts only the whole.
        if (const size_t w = TokenAt(p.start);
            w >= 2 && toks_[w - 1].norm == "اصل" && toks_[w - 2].norm == "من") {
          continue;
        }
        bool clause = true;  // the same sentence: no full stop or line between
        for (size_t q = a; q < t; ++q) {
          if (toks_[q].para_before || IsPunct(q, ".") || IsPunct(q, "؟") || IsPunct(q, "!")) {
            clause = false;
          }
        }
        if (!clause) continue;
        added.push_back(PartOf(n.value, n.approx, n.start, n.end, t, p.unit));
        from = n.next + 1;
        break;
      }
    }
    AddInOrder(std::move(added));
  }

  // "8,000 of the 20,000 troops were Normans": a bare number in digits before "of the" and a
  // larger count counts a part of it, in its unit ("3 of the 12 km" too; "one of the 20
  // soldiers" is no figure: only digits).
  void EnglishPartOfCount() {
    std::vector<Figure> added;
    for (size_t x = 0; x < out_.size(); ++x) {
      const Figure& p = out_[x];
      if (p.kind != FigureKind::kQuantity || p.unit.empty()) continue;
      const size_t w = TokenAt(p.start);
      if (w < 3 || w >= toks_.size()) continue;
      // ("8,000 of its 20,000 troops": or a possessive.)
      const std::string& d = toks_[w - 1].norm;
      if (toks_[w].para_before || toks_[w - 1].para_before || toks_[w - 2].para_before ||
          (d != "the" && d != "its" && d != "their" && d != "his" && d != "her") ||
          toks_[w - 2].norm != "of" || toks_[w - 2].script != 'l') {
        continue;
      }
      const size_t t = w - 3;
      if (toks_[t].type != TokType::kNum || Attached(t + 1) || IsYear(t, 1000)) continue;
      if (x > 0 && out_[x - 1].end > toks_[t].start) continue;  // inside a figure
      Num n;
      size_t skip = 0;
      if (!ParseNumber(t, &n, &skip) || n.next != t + 1 || n.value < 2 || n.value >= p.value ||
          std::floor(n.value) != n.value) {
        continue;
      }
      added.push_back(PartOf(n.value, n.approx, n.start, n.end, t, p.unit));
    }
    AddInOrder(std::move(added));
  }

  // The count `value` written at token t (bytes start to end), a part of a whole counted in
  // `unit`.
  Figure PartOf(double value, bool approx, uint32_t start, uint32_t end, size_t t,
                const std::string& unit) const {
    Figure f;
    f.kind = FigureKind::kQuantity;
    f.value = value;
    f.unit = unit;
    f.approx = approx || PhraseBefore(t, internal::kFigApproxBefore);
    f.start = start;
    f.end = end;
    f.text = std::string(text_.substr(f.start, f.end - f.start));
    return f;
  }

  // "20 ألف من جنود الجنرال", "مليون من اللاجئين": a scaled Arabic number without a unit,
  // then "of" and a counted noun of the vocabulary (plain or with the article), counts that
  // noun. "20 ألف من المال" keeps none: the noun is not in the vocabulary.
  void UnitAfterOf() {
    for (Figure& f : out_) {
      if (f.kind != FigureKind::kQuantity || !f.unit.empty() || !f.currency.empty()) continue;
      const size_t k = TokenAt(f.end);
      if (k + 1 >= toks_.size() || toks_[k].type != TokType::kWord || toks_[k].norm != "من" ||
          toks_[k].para_before || toks_[k + 1].para_before || toks_[k - 1].script != 'a') {
        continue;
      }
      const Hit h = Lookup(
          k + 1, [](const FigureEntry& e) { return e.unit != nullptr && e.count == 0; }, true);
      if (!h || !(h.clitic.empty() || h.clitic == "ال")) continue;
      f.unit = h.e->unit;
    }
  }

  // "سنة 570 أو 571 ميلادياً": an Arabic year, "or", and a year a few later of as many
  // digits is a second date (the source hesitates between them).
  size_t TryOtherYear(const Date& d) {
    const size_t o = d.next, y = d.next + 1;
    if (y >= toks_.size() || toks_[o].norm != "او" || toks_[o].para_before ||
        toks_[y].para_before || !IsInt(toks_[y]) ||
        toks_[y].norm != std::to_string(IntValue(toks_[y])) ||
        toks_[y].norm.size() != std::to_string(d.y).size() || IntValue(toks_[y]) <= d.y ||
        IntValue(toks_[y]) > d.y + 10 || FollowedByAmountWord(y + 1)) {
      return 0;
    }
    bool hijri = false;
    const size_t e = YearEnd(y, &hijri);
    if (hijri) return 0;
    const std::string iso = IsoYear(IntValue(toks_[y]));
    Emit(FigureKind::kDate, toks_[y].start, toks_[e - 1].end, [&](Figure* f) { f->date = iso; });
    return e;
  }

  // "عدد الأيام في الأشهر بين 29 و30", "يتراوح عدد الطلاب بين 20 و 30": two numbers after
  // "between" count the noun that "the number of" named just before (test16's convention).
  void CountedRange() {
    std::vector<Figure> added;
    for (size_t i = 0; i + 5 < toks_.size(); ++i) {
      // The last letter first: this runs at every token.
      const std::string& w = toks_[i].norm;
      if (toks_[i].script != 'a' || w.size() < 6 || w.back() != '\xAF' || !CliticsThen(w, "عدد") ||
          toks_[i + 1].para_before) {
        continue;
      }
      bool definite = false;
      const FigureEntry* e = NounUnit(i + 1, &definite);
      if (e == nullptr || !definite) continue;
      size_t j = i + 2;
      while (j < i + 5 && j < toks_.size() && !toks_[j].para_before &&
             toks_[j].type == TokType::kWord && !WordIs(j, {"بين"})) {
        ++j;
      }
      if (j + 3 >= toks_.size() || !WordIs(j, {"بين"}) || toks_[j + 1].type != TokType::kNum ||
          toks_[j + 2].norm != "و" || toks_[j + 3].type != TokType::kNum ||
          toks_[j + 3].para_before || FollowedByAmountWord(j + 4)) {
        continue;
      }
      double a = 0, b = 0;
      if (!ParseDigits(toks_[j + 1].norm, &a) || !ParseDigits(toks_[j + 3].norm, &b) || a <= 0 ||
          a >= b) {
        continue;
      }
      const uint32_t from = toks_[j + 1].start, to = toks_[j + 3].end;
      const auto overlaps = [&](const Figure& f) { return f.start < to && from < f.end; };
      // Two "عدد" before one "بين" reach the same pair: it is added once.
      if (std::any_of(out_.begin(), out_.end(), overlaps) ||
          std::any_of(added.begin(), added.end(), overlaps)) {
        continue;
      }
      for (size_t q : {j + 1, j + 3}) {
        Figure f;
        f.kind = FigureKind::kQuantity;
        f.value = q == j + 1 ? a : b;
        f.unit = e->unit;
        f.start = toks_[q].start;
        f.end = toks_[q].end;
        f.text = std::string(text_.substr(f.start, f.end - f.start));
        added.push_back(std::move(f));
      }
    }
    AddInOrder(std::move(added));
  }

  // Figures a post-pass found, put among out_ in the order of their start.
  void AddInOrder(std::vector<Figure> added) {
    if (added.empty()) return;
    out_.insert(out_.end(), std::make_move_iterator(added.begin()),
                std::make_move_iterator(added.end()));
    std::stable_sort(out_.begin(), out_.end(),
                     [](const Figure& x, const Figure& y) { return x.start < y.start; });
  }

  // "365 يومًا في السنة البسيطة و366 في السنة الكبيسة", "قتل 5 أشخاص في حلب و3 في إدلب":
  // a number joined by "و" in a clause built like the one of the quantity before it ("في"
  // after each) counts the same unit.
  void ShareUnitInParallel() {
    std::vector<Figure> added;
    for (const Figure& p : out_) {
      if (p.kind != FigureKind::kQuantity || p.unit.empty()) continue;
      const size_t k = TokenAt(p.end);
      if (k >= toks_.size() || toks_[k].script != 'a' || toks_[k].norm != "في") continue;
      for (size_t q = k + 2; q < k + 6 && q + 1 < toks_.size(); ++q) {
        if (toks_[q].para_before || IsPunct(q, ".") || IsPunct(q, "،") || IsPunct(q, ",")) break;
        if (toks_[q].type != TokType::kNum) continue;
        double v = 0;
        if (toks_[q - 1].norm != "و" || !Attached(q) || toks_[q + 1].norm != "في" ||
            !ParseDigits(toks_[q].norm, &v) || v <= 0) {
          break;
        }
        const uint32_t a = toks_[q].start, b = toks_[q].end;
        const bool taken = std::any_of(out_.begin(), out_.end(),
                                       [&](const Figure& f) { return f.start < b && a < f.end; });
        if (!taken) {
          Figure f;
          f.kind = FigureKind::kQuantity;
          f.value = v;
          f.unit = p.unit;
          f.start = a;
          f.end = b;
          f.text = std::string(text_.substr(a, b - a));
          added.push_back(std::move(f));
        }
        break;
      }
    }
    AddInOrder(std::move(added));
  }

  // "21 ألف صوت، و19 ألفا، و25 ألفا، و8000، و2900، و3000 صوت", "قطر 1889 صوتا، موريتانيا
  // 1850، الصومال 1844 صوتا": in an Arabic list set apart by commas, a number without a unit
  // between two figures of the same unit counts it too (a unit named once counts for each
  // number that refers to it). Each item is at most two words (a name, "و", "ثم") and the
  // number; anything else (another figure, a unit, a clause) leaves the numbers alone.
  void ShareUnitInList() {
    std::vector<Figure> added;
    for (size_t x = 0; x + 1 < out_.size(); ++x) {
      if (out_[x].kind != FigureKind::kQuantity || out_[x].unit.empty()) continue;
      size_t y = x + 1;
      while (y < out_.size() && out_[y].kind == FigureKind::kQuantity && out_[y].unit.empty()) {
        ++y;
      }
      if (y >= out_.size()) break;
      const std::string unit = out_[x].unit;
      if (out_[y].kind != FigureKind::kQuantity || out_[y].unit != unit) continue;
      size_t t = TokenAt(out_[x].end);
      const size_t stop = TokenAt(out_[y].start);
      // Arabic lists only: the first figure's last token is its unit word.
      if (t >= stop || t >= toks_.size() || t == 0 || toks_[t - 1].script != 'a') continue;
      std::vector<size_t> bare;
      bool ok = true;
      size_t z = x + 1;  // the next unitless figure between them
      while (ok && t < stop) {
        if (toks_[t].para_before || !(IsPunct(t, "،") || IsPunct(t, ","))) {
          ok = false;
          break;
        }
        ++t;
        int words = 0;
        while (t < stop && toks_[t].type == TokType::kWord && toks_[t].script == 'a' &&
               !toks_[t].para_before) {
          if (Lookup(t, [](const FigureEntry& e) {
                return e.unit != nullptr || e.currency != nullptr || e.scale > 0 ||
                       (e.flags & internal::kFigPercent) != 0;
              })) {
            ok = false;
            break;
          }
          if (!AllArabicClitics(toks_[t].norm) && toks_[t].norm != "ثم") ++words;
          ++t;
        }
        if (!ok || words > 2) {
          ok = false;
          break;
        }
        if (t >= stop) break;  // the words that open the closing item
        if (toks_[t].type != TokType::kNum || toks_[t].para_before) {
          ok = false;
          break;
        }
        if (z < y && out_[z].start <= toks_[t].start && toks_[t].start < out_[z].end) {
          t = TokenAt(out_[z].end);
          ++z;
        } else {
          double v = 0;
          size_t skip = 0;
          if (!IsInt(toks_[t]) || !ParseDigits(toks_[t].norm, &v) || v <= 0 ||
              LooksAlike(t, &skip)) {
            ok = false;
            break;
          }
          bare.push_back(t++);
        }
      }
      if (!ok || z != y || (bare.empty() && y == x + 1)) continue;
      for (size_t w = x + 1; w < y; ++w) out_[w].unit = unit;
      for (size_t b : bare) {
        Figure f;
        f.kind = FigureKind::kQuantity;
        ParseDigits(toks_[b].norm, &f.value);
        f.unit = unit;
        f.start = toks_[b].start;
        f.end = toks_[b].end;
        f.text = std::string(text_.substr(f.start, f.end - f.start));
        added.push_back(std::move(f));
      }
      x = y - 1;
    }
    AddInOrder(std::move(added));
  }

  bool WorkNoun(size_t i) const {
    return toks_[i].script == 'a' && WordIs(i, {"فيلم", "كتاب", "رواية", "أغنية", "برنامج", "مسلسل",
                                                "مسرحية", "ديوان", "ألبوم"});
  }

  // "المعروف باسم "حكة السبع سنوات"", "كتاب بعنوان «مئة عام من العزلة»": an Arabic
  // quotation after "known as", "named", "titled" or "slogan" ("تحت شعار "50 عاما من التعاون"")
  // is a name, the numbers in it name (as a quoted designation in English). A quotation after
  // "قال" stays speech.
  void DropQuotedArabicNames() {
    std::erase_if(out_, [&](const Figure& f) {
      // A figure can start inside the last token (a calendar date's span): then no token
      // starts at or after it.
      const size_t first = TokenAt(f.start);
      if (first >= toks_.size()) return false;
      for (size_t t = first; t > 0 && first - t < 4; --t) {
        const size_t q = t - 1;
        if (toks_[t].para_before) return false;
        if (!IsPunct(q, "\"") && !IsPunct(q, "«") && !IsPunct(q, "“")) continue;
        if (q == 0 || toks_[q].para_before || toks_[q - 1].script != 'a') return false;
        if (WordIs(q - 1, {"باسم", "اسم", "يسمى", "تسمى", "يدعى", "تدعى", "بلقب", "لقب", "بعنوان",
                           "عنوان", "شعار"})) {
          return true;
        }
        // The title of a work: "فيلم "خطبة الخمس سنوات"", "البرنامج الإذاعي التونسي "90دقيقة""
        // (up to two adjectives with the article between the noun and its title). What a
        // speaker says on a programme stays speech: "وقال في البرنامج "خسرنا 30 مليون درهم"".
        size_t w = q - 1;
        for (int adj = 0; adj < 2 && w > 0 && !toks_[w].para_before && toks_[w - 1].script == 'a' &&
                          toks_[w].norm.rfind("ال", 0) == 0 && !WorkNoun(w);
             ++adj) {
          --w;
        }
        if (!WorkNoun(w)) return false;
        for (size_t v = w; v > 0 && w - v < 4 && !toks_[v].para_before;) {
          --v;
          if (WordIs(v, {"قال", "قالت", "أكد", "أكدت", "أضاف", "أضافت", "صرح", "صرحت", "أوضح",
                         "أوضحت", "كتب", "كتبت", "ذكر", "ذكرت"})) {
            return false;
          }
        }
        return true;
      }
      return false;
    });
  }

  // "واحدة من بين كل عشر حالات", "شخص من كل 100 شخص": the whole of a proportion ("one out of
  // every ten"), not a count (as "5 out of 10" in English). "كل 10 سنوات" stays a period.
  void DropOutOfEvery() {
    std::erase_if(out_, [&](const Figure& f) {
      const size_t first = TokenAt(f.start);
      if (first < 2 || first >= toks_.size() || toks_[first].para_before ||
          toks_[first - 1].para_before || toks_[first - 1].norm != "كل") {
        return false;
      }
      return WordIs(first - 2, {"من"}) ||
             (toks_[first - 2].norm == "بين" && first >= 3 && toks_[first - 3].norm == "من");
    });
  }

  // Years before the Common Era stay unlabeled (test16's convention) where the marker comes
  // after more than the date: "العام 225/226 قبل الميلاد" (a second year after a slash), "140
  // سنة قبل الميلاد" (a year written as a count of years), "من سنة 3000 حتى سنة 539 ق.م" (the
  // start of a range whose end is before the era).
  void DropBeforeCommonEra() {
    std::erase_if(out_, [&](const Figure& f) {
      const bool year = f.kind == FigureKind::kDate || f.kind == FigureKind::kDateRange ||
                        (f.kind == FigureKind::kQuantity && f.unit == "year");
      if (!year) return false;
      size_t k = TokenAt(f.end);
      if (k >= toks_.size() || toks_[k].script == 'l' || (k > 0 && toks_[k - 1].script == 'l')) {
        return false;
      }
      if (IsPunct(k, "/") && k + 1 < toks_.size() && IsInt(toks_[k + 1])) k += 2;
      if (f.kind == FigureKind::kDate && k + 2 < toks_.size() &&
          (WordIs(k, {"حتى", "إلى"}) || IsPunct(k, "-"))) {
        ++k;
        if (WordIs(k, {"سنة", "عام"})) ++k;
        if (k < toks_.size() && IsInt(toks_[k])) ++k;
      }
      return BeforeCommonEra(k) && toks_[k].script == 'a';
    });
  }

  // Two dates with their months that Arabic Wikipedia writes as the ends of one span, with
  // words between them: a life span "(ميلاد: 6 نوفمبر 1494 بطرابزون، وفاة: 7 سبتمبر 1566)"
  // and a tenure "من 14 أكتوبر 1981 خلفا لمحمد أنور السادات، وحتى في 11 فبراير 2011",
  // "منذ 12 أغسطس 2012 حتى استقالته في 26 مارس 2014". One range (test15's convention).
  void JoinDateSpans() {
    // Dated to the month, and written with an Arabic month name.
    const auto dated = [](const Figure& f) {
      return f.kind == FigureKind::kDate && f.date.size() >= 7 && f.date[0] != '-' &&
             std::any_of(f.text.begin(), f.text.end(), [](char c) {
               const auto u = static_cast<unsigned char>(c);
               return u >= 0xD8 && u <= 0xDB;  // lead bytes of U+0600..U+06FF
             });
    };
    for (size_t x = 0; x + 1 < out_.size(); ++x) {
      Figure& a = out_[x];
      const Figure& b = out_[x + 1];
      if (!dated(a) || !dated(b) || a.date >= b.date) continue;
      const size_t s = TokenAt(a.start), e = TokenAt(a.end), t = TokenAt(b.start);
      if (s < 2 || t >= toks_.size() || t <= e || t - e > 9) continue;
      bool para = false;
      for (size_t q = e; q <= t; ++q) para = para || toks_[q].para_before || IsPunct(q, ".");
      if (para) continue;
      const bool life = IsPunct(s - 1, ":") && WordIs(s - 2, {"ميلاد", "مولد", "ولادة"}) &&
                        IsPunct(t - 1, ":") && WordIs(t - 2, {"وفاة", "وفاته"});
      bool tenure = false;
      if (!life && WordIs(s - 1, {"من", "منذ"}) && WordIs(t - 1, {"في"})) {
        // "من 28 يوليو 1914 وانتهت في 11 نوفمبر 1918": the verb of ending marks the end too.
        for (size_t q = t - 1; q-- > e && q + 4 > t;) {
          if (WordIs(q, {"حتى", "لغاية", "انتهت", "انتهى", "استمرت", "استمر"})) tenure = true;
        }
      }
      // "(13 أكتوبر 1958، المدينة المنورة - 2 أكتوبر 2018)": a life span in parentheses with
      // the place of birth after a comma, the dash before the death.
      bool span = false;
      if (!life && !tenure && IsPunct(s - 1, "(") && (IsPunct(e, "،") || IsPunct(e, ",")) &&
          (IsPunct(t - 1, "-") || IsPunct(t - 1, "–"))) {
        span = true;
        for (size_t q = e + 1; q + 1 < t; ++q) {
          if (toks_[q].type != TokType::kWord) span = false;
        }
      }
      if (!life && !tenure && !span) continue;
      MergeDatesIntoRange(x);
    }
  }

  // "in 1599", "until 1608": the prepositions of time before a year.
  static bool TimePreposition(std::string_view w) {
    return w == "in" || w == "since" || w == "until" || w == "till" || w == "before" ||
           w == "after" || w == "during";
  }

  // A noun of a dated event: "the treaty of 1763" (TimeNoun) and "their 1765 treaty"
  // (DatedNoun) alike.
  static bool EventNoun(std::string_view w) {
    static constexpr std::string_view kEvents[] = {
        "treaty", "revolution", "rebellion", "uprising",   "siege",   "campaign",
        "famine", "earthquake", "election",  "coronation", "council", "edict",
        "battle", "act",        "charter",   "synod",      "storm",   "flood",
        "fire",   "massacre",   "invasion",  "conquest",   "census"};
    return std::find(std::begin(kEvents), std::end(kEvents), w) != std::end(kEvents);
  }

  // A noun of time or of an event, after which "of 1754" is a year.
  static bool TimeNoun(std::string_view w) {
    static constexpr std::string_view kTimeNouns[] = {
        "months", "month", "spring",    "summer", "autumn",  "fall",   "winter",
        "end",    "start", "beginning", "middle", "half",    "course", "year",
        "war",    "peace", "plague",    "diet",   "congress"};
    return EventNoun(w) ||
           std::find(std::begin(kTimeNouns), std::end(kTimeNouns), w) != std::end(kTimeNouns);
  }

  // "from the declaration of war in 1756 to the signing of the peace treaty in 1763": two
  // years, each after "in", where "from" opens the first event's phrase and "to" (or
  // "until") follows the first year, are one span, as "from 1756 to 1763" is. Without the
  // "from" ("was declared in 1756 to end in 1763") they stay two dates, and so do two
  // places or states ("from Paris in 1956 to London in 1963", "from its peak in 1992 to its
  // low in 1999"): each phrase must name an event.
  void JoinFromInToInYears() {
    const auto year = [](const Figure& f) {
      return f.kind == FigureKind::kDate && f.date.size() == 4 && f.date[0] != '-';
    };
    const auto stop = [&](size_t q) {
      return toks_[q].para_before || IsPunct(q, ".") || IsPunct(q, ",") || IsPunct(q, ";") ||
             IsPunct(q, ":") || IsPunct(q, "(") || IsPunct(q, ")");
    };
    for (size_t x = 0; x + 1 < out_.size(); ++x) {
      const Figure& a = out_[x];
      const Figure& b = out_[x + 1];
      if (!year(a) || !year(b) || a.date >= b.date) continue;
      const size_t s = TokenAt(a.start), e = TokenAt(a.end), t = TokenAt(b.start);
      if (s < 3 || e >= toks_.size() || t >= toks_.size() || t <= e + 1 || t - e > 12 ||
          toks_[s - 1].norm != "in" || toks_[t - 1].norm != "in" ||
          (toks_[e].norm != "to" && toks_[e].norm != "until")) {
        continue;
      }
      bool clause = true;
      for (size_t q = e; q <= t && clause; ++q) clause = !stop(q);
      if (!clause) continue;
      const auto event = [&](size_t q) {
        static constexpr std::string_view kEvents[] = {
            "declaration", "signing", "capture",   "outbreak",  "death",       "birth",
            "founding",    "opening", "accession", "surrender", "independence"};
        const std::string_view w = toks_[q].norm;
        return TimeNoun(w) ||
               std::find(std::begin(kEvents), std::end(kEvents), w) != std::end(kEvents);
      };
      bool from = false, first_event = false;
      for (size_t q = s - 1; q-- > 0 && q + 12 > s;) {
        if (toks_[q].norm == "from") {
          from = true;
          break;
        }
        if (stop(q + 1) || stop(q)) break;
        first_event = first_event || event(q);
      }
      bool second_event = false;
      for (size_t q = e + 1; q + 1 < t; ++q) second_event = second_event || event(q);
      if (from && first_event && second_event) MergeDatesIntoRange(x);
    }
  }

  // "(31 March 1635 in Auchleuchries, Scotland – 29 November 1699 in Moscow, Russia)": a life
  // span in parentheses with the places of birth and death after each date is one range, as
  // it is without them (test10, test16). English and Hebrew; both ends dated to the day, the
  // first right after the parenthesis, the second right after the dash, the parenthesis closed
  // within the clause after it.
  void JoinPlacedLifeSpans() {
    const auto day = [](const Figure& f) {
      return f.kind == FigureKind::kDate && f.date.size() == 10 && f.date[0] != '-';
    };
    for (size_t x = 0; x + 1 < out_.size(); ++x) {
      const Figure& a = out_[x];
      const Figure& b = out_[x + 1];
      if (!day(a) || !day(b) || a.date >= b.date) continue;
      const size_t s = TokenAt(a.start), e = TokenAt(a.end), t = TokenAt(b.start);
      if (s < 1 || !IsPunct(s - 1, "(") || t < e + 3 || t - e > 10 || !IsPunct(t - 1, "-") ||
          (toks_[e].script != 'l' && toks_[e].script != 'h')) {
        continue;
      }
      bool broken = false;
      for (size_t q = e; q < t - 1; ++q) {
        broken = broken || toks_[q].para_before || IsPunct(q, ".") || IsPunct(q, ";") ||
                 IsPunct(q, "(") || IsPunct(q, ")") || IsPunct(q, "-");
      }
      size_t close = TokenAt(b.end);
      while (close < toks_.size() && close < t + 16 && !toks_[close].para_before &&
             !IsPunct(close, ")") && !IsPunct(close, ".") && !IsPunct(close, ";")) {
        ++close;
      }
      if (broken || !IsPunct(close, ")")) continue;
      MergeDatesIntoRange(x);
    }
  }

  // "בפיגועי 11 בספטמבר", "מתקפת 7 באוקטובר": a day and month without a year after a noun of
  // attack or disaster name the event, not a date (test16's convention; with a year it stays).
  void DropHebrewEventNames() {
    static constexpr std::string_view kEvents[] = {"פיגועי", "פיגוע", "מתקפת", "מתקפות",
                                                   "אסון",   "טבח",   "אירועי"};
    std::erase_if(out_, [&](const Figure& f) {
      if (f.kind != FigureKind::kDate || f.date.rfind("--", 0) != 0) return false;
      const size_t s = TokenAt(f.start);
      if (s == 0 || s >= toks_.size() || toks_[s].para_before || toks_[s - 1].script != 'h') {
        return false;
      }
      for (std::string_view w : kEvents) {
        if (CliticsThen(toks_[s - 1].norm, w)) return true;
      }
      return false;
    });
  }

  // "the 2012 film The Five-Year Engagement", "published Fifteen Years after the Chernobyl
  // Accident", "the Seven Years' War": inside a sentence, a number word and its unit both
  // capitalized are words of a title or a name, not a count (SOURCES: test15, test20). At the
  // start of a sentence the capital says nothing ("Five years ago"), and digits ("The 5 Year
  // Plan") and headlines in capitals are left as they are.
  void DropEnglishTitleCounts() {
    std::erase_if(out_, [&](const Figure& f) {
      if (f.kind != FigureKind::kQuantity || f.unit.empty()) return false;
      const size_t s = TokenAt(f.start);
      const size_t e = TokenAt(f.end);
      if (s == 0 || s >= toks_.size() || e > toks_.size() || toks_[s].para_before) return false;
      const Tok& first = toks_[s];
      if (first.type != TokType::kWord || first.script != 'l' || !first.cap || first.upper) {
        return false;
      }
      const Tok& prev = toks_[s - 1];
      // ("\"Seven Years\" refers to": an opening quotation mark before the title too.)
      if (prev.type != TokType::kWord &&
          !(prev.type == TokType::kPunct &&
            (prev.norm == "," || ((prev.norm == "\"" || prev.norm == "\u201c") && Attached(s))))) {
        return false;
      }
      const Tok& unit = toks_[e - 1];
      return e - 1 > s && unit.type == TokType::kWord && unit.script == 'l' && unit.cap &&
             !unit.upper;
    });
    // "Ohio 44122 USA Email: recruiters@…": a capitalized unit word right before a colon is
    // the label of a field (Email:, Phone:, Fax:), and the number before it belongs to the
    // line before (a postal code, a street number).
    std::erase_if(out_, [&](const Figure& f) {
      if (f.kind != FigureKind::kQuantity || f.unit.empty()) return false;
      const size_t e = TokenAt(f.end);
      if (e == 0 || e >= toks_.size() || !IsPunct(e, ":") || !Attached(e)) return false;
      const Tok& unit = toks_[e - 1];
      // A symbol in capitals ("to allow 16 GB:") ends a sentence that introduces a list.
      return unit.type == TokType::kWord && unit.script == 'l' && unit.cap && !unit.upper;
    });
  }

  // English, as DropHebrewEventNames: "the September 11 attacks", "the July 7 bombings" (a
  // day and month without a year before a noun of attack) name the event; so does "since
  // September 11" or "after 11 September" (the attacks of 2001; SOURCES: test17 and an earlier
  // EWT split leave both unlabeled). Another day after "since" ("since September 12,") and
  // any date with its year stay dates.
  void DropEnglishEventNames() {
    // The day names the event after it ("the December 26 tsunami", "4th of July
    // fireworks").
    static constexpr std::string_view kEvents[] = {
        "attack",    "attacks", "bombing",    "bombings", "hijackings", "massacre", "terror",
        "terrorist", "tsunami", "earthquake", "quake",    "fireworks",  "coup",     "riots"};
    std::erase_if(out_, [&](const Figure& f) {
      if (f.kind != FigureKind::kDate || f.date.rfind("--", 0) != 0) return false;
      const size_t s = TokenAt(f.start);
      const size_t e = TokenAt(f.end);
      // A day before its month ("4th of July") starts with a number, which has no script.
      if (s == 0 || s >= toks_.size() || toks_[s].para_before ||
          (toks_[s].type != TokType::kNum && toks_[s].script != 'l')) {
        return false;
      }
      if (const Tok* n = At(e); n != nullptr && !n->para_before && n->script == 'l') {
        for (std::string_view w : kEvents) {
          if (n->norm == w) return true;
        }
      }
      if (f.date != "--09-11") return false;
      // "post-September 11": the prefix and its hyphen.
      const std::string& p =
          IsPunct(s - 1, "-") && Attached(s) && s >= 2 ? toks_[s - 2].norm : toks_[s - 1].norm;
      // "prior to September 11" as "before" it.
      return p == "since" || p == "after" || p == "following" || p == "post" || p == "pre" ||
             p == "before" || p == "despite" ||
             (p == "to" && s >= 2 && toks_[s - 2].norm == "prior" && !Attached(s - 1));
    });
  }

  // "the FY04 enacted level", "FY2005", "FY-06": the fiscal year is dated by its year
  // (test17's convention; "FY 2004", set apart, is read as a year already).
  void FiscalYears() {
    for (size_t q = 1; q < toks_.size(); ++q) {
      if (toks_[q].type != TokType::kNum || !Attached(q)) continue;
      size_t w = q - 1;
      if ((IsPunct(w, "-") || IsPunct(w, "'")) && w > 0 && Attached(w)) --w;
      if (toks_[w].norm != "fy" || !toks_[w].upper || toks_[q].para_before) continue;
      const std::string& d = toks_[q].norm;
      if ((d.size() != 2 && d.size() != 4) ||
          d.find_first_not_of("0123456789") != std::string::npos ||
          (q + 1 < toks_.size() && Attached(q + 1) && toks_[q + 1].type != TokType::kPunct)) {
        continue;
      }
      const int v = IntValue(toks_[q]);
      const int y = d.size() == 2 ? v + (v < 50 ? 2000 : 1900) : v;
      if (y < 1900 || y > 2099) continue;
      const uint32_t start = toks_[w].start, end = toks_[q].end;
      const auto at =
          std::find_if(out_.begin(), out_.end(), [&](const Figure& f) { return f.end > start; });
      if (at != out_.end() && at->start < end) continue;
      Figure f;
      f.kind = FigureKind::kDate;
      f.date = std::to_string(y);
      f.start = start;
      f.end = end;
      f.text = std::string(text_.substr(start, end - start));
      out_.insert(at, std::move(f));
    }
  }

  // "for another week or two", "a day or two": the upper bound of the vague span is two of
  // the unit (test17's convention; "one or two days" is read by the ranges).
  void UnitOrTwo() {
    for (size_t q = 3; q < toks_.size(); ++q) {
      if (toks_[q].norm != "two" || toks_[q - 1].norm != "or" || toks_[q].para_before ||
          toks_[q - 1].para_before || toks_[q - 2].para_before) {
        continue;
      }
      const std::string& u = toks_[q - 2].norm;
      const std::string& a = toks_[q - 3].norm;
      if ((u != "minute" && u != "hour" && u != "day" && u != "week" && u != "month" &&
           u != "year") ||
          (a != "a" && a != "an" && a != "another")) {
        continue;
      }
      const uint32_t start = toks_[q - 2].start, end = toks_[q].end;
      const auto at =
          std::find_if(out_.begin(), out_.end(), [&](const Figure& f) { return f.end > start; });
      if (at != out_.end() && at->start < end) continue;
      Figure f;
      f.kind = FigureKind::kQuantity;
      f.value = 2;
      f.unit = u;
      f.start = start;
      f.end = end;
      f.text = std::string(text_.substr(start, end - start));
      out_.insert(at, std::move(f));
    }
  }

  // "مرت حوالي سنة وثلاثة أشهر", "ساعة و 20 دقيقة": a bare singular unit of time joined by "و"
  // to a counted smaller unit is one of that unit. Alone ("منذ سنة") the noun stays a word: it
  // may mean a year as well as one year.
  void ArabicBareUnitBeforeCount() {
    static const std::pair<std::string, const char*> kUnits[] = {
        {internal::FigureNormalize("سنة"), "year"},    {internal::FigureNormalize("عام"), "year"},
        {internal::FigureNormalize("شهر"), "month"},   {internal::FigureNormalize("أسبوع"), "week"},
        {internal::FigureNormalize("يوم"), "day"},     {internal::FigureNormalize("ساعة"), "hour"},
        {internal::FigureNormalize("دقيقة"), "minute"}};
    static constexpr std::string_view kOrder[] = {"minute", "hour", "day", "week", "month", "year"};
    const auto rank = [](std::string_view u) {
      return static_cast<size_t>(std::find(std::begin(kOrder), std::end(kOrder), u) -
                                 std::begin(kOrder));
    };
    for (size_t n = 0; n < out_.size(); ++n) {
      const Figure& f = out_[n];
      if (f.kind != FigureKind::kQuantity || rank(f.unit) == std::size(kOrder)) continue;
      size_t s = TokenAt(f.start);
      if (s < 2 || s > toks_.size()) continue;
      size_t q = s - 1;  // the unit noun: before "وثلاثة", or before a "و" of its own
      if (s == toks_.size() || toks_[s].start != f.start) {
        // The figure begins inside a word after its clitic: "و" then the number word.
        if (text_.substr(toks_[q].start, f.start - toks_[q].start) != "و") continue;
        s = q--;
        if (toks_[s].para_before) continue;
      } else if (toks_[s].para_before) {
        continue;
      } else if (toks_[q].script == 'a' && toks_[q].norm == "و") {
        if (toks_[q].para_before) continue;
        --q;
      } else if (f.text.rfind("و", 0) != 0) {
        continue;
      }
      if (toks_[q].type != TokType::kWord || toks_[q].script != 'a') continue;
      const char* unit = nullptr;
      for (const auto& [w, u] : kUnits) {
        if (toks_[q].norm == w) unit = u;
      }
      // "بين سنة وعشر سنوات": after "between" the same unit opens a range (ages from one
      // year to ten).
      const bool between = q > 0 && !toks_[q].para_before && IsBetween(q - 1);
      if (unit == nullptr || (rank(unit) <= rank(f.unit) && !(between && unit == f.unit))) {
        continue;
      }
      if (n > 0 && out_[n - 1].end > toks_[q].start) continue;  // already read
      Figure one;
      one.kind = FigureKind::kQuantity;
      one.value = 1;
      one.unit = unit;
      one.approx = f.approx;
      one.start = toks_[q].start;
      one.end = toks_[q].end;
      one.text = std::string(text_.substr(one.start, one.end - one.start));
      out_.insert(out_.begin() + n, std::move(one));
      ++n;
    }
  }

  // "the death toll would have been more than a thousand": a number without a unit that the
  // death toll names counts the killed (test17's convention; "the death toll was 20 million
  // people" keeps its noun).
  void DeathToll() {
    for (Figure& f : out_) {
      if (f.kind != FigureKind::kQuantity || !f.unit.empty()) continue;
      const size_t s = TokenAt(f.start);
      for (size_t q = std::min(s, toks_.size() - 1); q > 0 && q + 12 > s;) {
        --q;
        if (toks_[q + 1].para_before || IsPunct(q, ".")) break;  // within the sentence
        if (toks_[q].norm == "toll" && q > 0 && toks_[q - 1].norm == "death") {
          f.unit = "killed";
          break;
        }
      }
    }
  }

  // English casualty counts whose noun is outside the vocabulary (SOURCES: test13, test14,
  // test15, test20): the predicate of dying or wounding makes the count `killed` or `wounded`.
  // An amount without a unit ("between 3 million and more than 10 million civilians … were
  // killed", "killed an estimated 2 million") takes the unit; a bare count after which the
  // sentence says its noun died ("300 Iraqis are reported dead and 500 wounded", "1,200 Indian
  // lives lost", "claimed 300 lives", "the deaths of 4 civilian mercenaries") becomes a figure.
  // The active verb before a bare count ("killing 600 Iraqis") stays out, as labeled; a noun of
  // the vocabulary keeps its unit ("54 people killed" person).
  void EnglishCasualties() {
    const auto word = [&](size_t q) -> std::string_view {
      if (q >= toks_.size() || toks_[q].type != TokType::kWord || toks_[q].script != 'l') return {};
      return toks_[q].norm;
    };
    const auto in = [](std::string_view w, std::initializer_list<std::string_view> ws) {
      return !w.empty() && std::find(ws.begin(), ws.end(), w) != ws.end();
    };
    for (Figure& f : out_) {
      if (f.kind != FigureKind::kQuantity || !f.unit.empty() || !f.currency.empty()) continue;
      const size_t s = TokenAt(f.start);
      const size_t e = TokenAt(f.end);
      if (s >= toks_.size()) continue;
      // The words sought are English: Arabic and Hebrew amounts never match.
      if (KillVerbBefore(s) || DeathAfter(e, 18) == 'k') f.unit = "killed";
    }
    std::vector<Figure> added;
    size_t covered = 0;
    for (size_t i = 0; i < toks_.size(); ++i) {
      if (Covered(i, &covered)) continue;
      if (toks_[i].type != TokType::kNum || toks_[i].norm.find('.') != std::string::npos ||
          (i > 0 && !toks_[i].para_before && toks_[i - 1].script != 'l' &&
           toks_[i - 1].type == TokType::kWord)) {
        continue;
      }
      // A cheap look first: most numbers have no word of dying near them.
      bool near = i >= 2 && word(i - 1) == "of" && in(word(i - 2), {"deaths", "death"});
      for (size_t v = i + 1; !near && v < i + 6 && v < toks_.size(); ++v) {
        near = in(word(v), {"lives", "were", "was", "are", "is", "died", "perished", "lost"});
      }
      if (!near || PrecededByBlocker(i)) continue;  // "Flight 93 passengers were killed"
      Num n;
      size_t skip = 0;
      if (!ParseNumber(i, &n, &skip) || !n.digits || n.scaled || n.value < 1 || n.next <= i ||
          (IsYear(i, 1000) && toks_[i].norm.find(',') == std::string::npos) ||
          (i > 0 && (Attached(i) || Attached(n.next)))) {
        continue;
      }
      // Up to two modifiers ("Indian", "civilian", "innocent"), then the counted noun.
      size_t q = n.next;
      char unit = 0;
      for (int m = 0; m < 3 && unit == 0 && !word(q).empty() && !toks_[q].para_before; ++m, ++q) {
        const std::string_view w = word(q);
        if (w == "lives") {
          // "1,200 Indian lives lost", "20,000 lives were lost"; "claimed 300 lives".
          size_t v = q + 1;
          if (in(word(v), {"were", "was", "have", "had"})) ++v;
          if (word(v) == "been") ++v;
          if (word(v) == "lost" ||
              in(word(i - 1), {"claimed", "claiming", "claims", "cost", "costing", "costs"})) {
            unit = 'k';
          }
          break;
        }
        if (w.size() >= 4 && w.back() == 's' && !in(w, {"times", "years", "days", "others"})) {
          unit = DeathAfter(q + 1, 6, true);
        }
      }
      // "the deaths of 4 civilian mercenaries": the noun says the count is of the dead.
      if (unit == 0 && i >= 2 && word(i - 1) == "of" && in(word(i - 2), {"deaths", "death"}) &&
          !word(n.next).empty()) {
        unit = 'k';
      }
      if (unit == 0) continue;
      added.push_back(CasualtyCount(n.value, n.start, n.end, i, unit));
    }
    InsertFigures(std::move(added));
  }

  // Whether a figure of out_ (in text order) covers token i. For a walk over the tokens in
  // order: *cursor, 0 at the start, skips the figures that end before i, so the walk is linear.
  bool Covered(size_t i, size_t* cursor) const {
    while (*cursor < out_.size() && out_[*cursor].end <= toks_[i].start) ++*cursor;
    return *cursor < out_.size() && out_[*cursor].start <= toks_[i].start;
  }

  // The count of the dead ('k') or the wounded ('w') that the number at token i, bytes
  // [start, end), names.
  Figure CasualtyCount(double value, size_t start, size_t end, size_t i, char unit) const {
    Figure g;
    g.kind = FigureKind::kQuantity;
    g.value = value;
    g.unit = unit == 'k' ? "killed" : "wounded";
    g.approx = PhraseBefore(i, internal::kFigApproxBefore);
    g.start = start;
    g.end = end;
    g.text = std::string(text_.substr(g.start, g.end - g.start));
    return g;
  }

  // Adds figures a late pass found, keeping out_ in text order.
  void InsertFigures(std::vector<Figure> added) {
    if (added.empty()) return;
    for (Figure& g : added) out_.push_back(std::move(g));
    std::stable_sort(out_.begin(), out_.end(),
                     [](const Figure& a, const Figure& b) { return a.start < b.start; });
  }

  // Whether an English verb of killing governs the amount at token s: "killed an estimated 2
  // million", "killing some 3 million".
  bool KillVerbBefore(size_t s) const {
    for (size_t q = s; q > 0 && q + 5 > s;) {
      --q;
      if (toks_[q + 1].para_before || toks_[q].type != TokType::kWord || toks_[q].script != 'l') {
        return false;
      }
      const std::string& w = toks_[q].norm;
      if (w == "killed" || w == "killing" || w == "kills" || w == "kill" || w == "massacred" ||
          w == "murdered" || w == "slaughtered") {
        return true;
      }
      if (w != "an" && w != "estimated" && w != "some" && w != "at" && w != "least" &&
          w != "over" && w != "more" && w != "than" && w != "nearly" && w != "almost" &&
          w != "about" && w != "around" && w != "up" && w != "to" && w != "as" && w != "many") {
        return false;
      }
    }
    return false;
  }

  // 'k' when the clause from token q on says of its subject that it died ("were killed",
  // "are reported dead", "died", "perished", "lost their lives"), 'w' when it was wounded, 0
  // otherwise. Within `span` tokens and the clause: a subordinator, a colon or a semicolon
  // ends the search. `adjacent`: the predicate must start at q (after a bare count's noun).
  char DeathAfter(size_t q, size_t span, bool adjacent = false) const {
    const size_t end = std::min(toks_.size(), q + span);
    for (size_t v = q; v < end; ++v) {
      if (v > q && toks_[v].para_before) return 0;
      const Tok& t = toks_[v];
      if (t.type == TokType::kPunct &&
          (t.norm == "." || t.norm == ";" || t.norm == ":" || t.norm == "?" || t.norm == "!")) {
        return 0;
      }
      if (t.type != TokType::kWord || t.script != 'l') continue;
      const std::string& w = t.norm;
      if (w == "before" || w == "after" || w == "when" || w == "while" || w == "because" ||
          w == "if" || w == "although" || w == "though" || w == "but" || w == "who" ||
          w == "which" || w == "whom") {
        return 0;
      }
      if (w == "died" || w == "perished") return 'k';
      if (w == "lost" && v + 2 < toks_.size() && toks_[v + 1].norm == "their" &&
          toks_[v + 2].norm == "lives") {
        return 'k';
      }
      if (w == "were" || w == "was" || w == "are" || w == "is" || w == "been") {
        size_t p = v + 1;
        while (p < toks_.size() && p < v + 3 &&
               (toks_[p].norm == "been" || toks_[p].norm == "reported" ||
                toks_[p].norm == "believed" || toks_[p].norm == "confirmed" ||
                toks_[p].norm == "feared" || toks_[p].norm == "now" || toks_[p].norm == "all")) {
          ++p;
        }
        if (p >= toks_.size() || toks_[p].para_before) return 0;
        const std::string& x = toks_[p].norm;
        if (x == "killed" || x == "dead" || x == "murdered" || x == "slain" || x == "massacred" ||
            x == "executed") {
          return 'k';
        }
        if (x == "wounded" || x == "injured") return 'w';
        return 0;
      }
      if (adjacent) return 0;
    }
    return 0;
  }

  // "الذي قتل حتى الآن ما يزيد عن 400 ألف سوري": an amount without a vocabulary noun that the
  // verb "to kill" governs counts the killed, as English "300 deaths" does; the persons a
  // nationality or group noun names are the dead (SOURCES: test18, test19). A counted noun of
  // the vocabulary keeps its unit ("قتل 5 جنود" soldiers), and a wounding verb in between
  // takes the amount after it ("قتل 3 آلاف وجرح 20 ألفا").
  void ArabicKilledCount() {
    for (Figure& f : out_) {
      if (f.kind != FigureKind::kQuantity || !f.unit.empty()) continue;
      const size_t s = TokenAt(f.start);
      if (s == 0 || s > toks_.size() || toks_[s - 1].script != 'a') continue;
      for (size_t q = s; q > 0 && q + 9 > s;) {
        --q;
        if (q + 1 < toks_.size() && toks_[q + 1].para_before) break;
        if (toks_[q].type == TokType::kPunct) break;  // within the clause
        if (toks_[q].type != TokType::kWord || toks_[q].script != 'a') continue;
        if (WordIs(q, {"جرح", "جرحت", "أصاب", "أصابت", "أصيب", "يصيب", "تصيب"})) break;
        if (WordIs(q, {"قتل", "قتلت", "يقتل", "تقتل", "قتلوا", "قتلا"})) {
          f.unit = "killed";
          break;
        }
      }
    }
  }

  // "أدى إلى وفاة 35 مصلي", "وجرح 15 آخرون": a bare count right after the noun of death or
  // the verb of wounding counts the dead or the wounded, whatever noun follows (the Arabic side
  // of English "the deaths of 4 …"). A noun of the vocabulary has made its own figure already
  // ("وفاة 35 شخصا" persons); a year or a decimal is not a count.
  void ArabicBareCasualties() {
    std::vector<Figure> added;
    size_t covered = 0;
    for (size_t i = 1; i + 1 < toks_.size(); ++i) {
      if (Covered(i, &covered)) continue;
      if (toks_[i].type != TokType::kNum || toks_[i].para_before || toks_[i - 1].script != 'a' ||
          toks_[i - 1].type != TokType::kWord || !IsInt(toks_[i]) || IsYear(i, 1000)) {
        continue;
      }
      char unit = 0;
      if (WordIs(i - 1, {"وفاة", "مقتل", "وفيات"})) unit = 'k';
      if (WordIs(i - 1, {"جرح", "جرحت"})) unit = 'w';  // إصابة is also an infection
      if (unit == 0 || toks_[i + 1].para_before || toks_[i + 1].type != TokType::kWord ||
          toks_[i + 1].script != 'a' || Attached(i + 1) || PrecededByBlocker(i)) {
        continue;
      }
      Num n;
      size_t skip = 0;
      if (!ParseNumber(i, &n, &skip) || !n.digits || n.scaled || n.value < 1) continue;
      added.push_back(CasualtyCount(n.value, n.start, n.end, i, unit));
    }
    InsertFigures(std::move(added));
  }

  // "an internet connection as slow as mine (28k)", "a 56k modem": a thousand written "k" near a
  // word of dial-up lines is the line's speed in kilobits per second (test17's convention),
  // not a bare 28000. Other "k" amounts ("a 50k salary") stay numbers.
  void ModemSpeeds() {
    for (Figure& f : out_) {
      if (f.kind != FigureKind::kQuantity || !f.unit.empty() || f.text.size() < 2 ||
          (f.text.back() != 'k' && f.text.back() != 'K') ||
          !(f.text[f.text.size() - 2] >= '0' && f.text[f.text.size() - 2] <= '9')) {
        continue;
      }
      const size_t s = TokenAt(f.start);
      const size_t e = TokenAt(f.end);
      bool line = false;
      for (size_t q = s > 10 ? s - 10 : 0; q < e + 3 && q < toks_.size() && !line; ++q) {
        if (q > s && toks_[q].para_before) break;
        const std::string& w = toks_[q].norm;
        line = w == "modem" || w == "modems" || w == "connection" || w == "dial" || w == "dialup" ||
               w == "baud";
      }
      if (!line) continue;
      f.unit = "Kbps";
      f.value /= 1000;
      if (f.text.front() == '(') {  // The amount took the bracket as a "(N) unit"'s opener.
        f.text.erase(0, 1);
        ++f.start;
      }
    }
  }

  // Dates out_[x] and out_[x + 1] become one range from the first to the second.
  void MergeDatesIntoRange(size_t x) {
    const Figure& a = out_[x];
    const Figure& b = out_[x + 1];
    Figure r;
    r.kind = FigureKind::kDateRange;
    r.start = a.start;
    r.end = b.end;
    r.text = std::string(text_.substr(r.start, r.end - r.start));
    r.from = a.date;
    r.to = b.date;
    r.date = r.from + "/" + r.to;
    out_[x] = std::move(r);
    out_.erase(out_.begin() + static_cast<std::ptrdiff_t>(x) + 1);
  }

  // "100 billion to 200 billion dollars", "בין חצי מיליון למיליון דולר": a scaled number
  // without unit, joined by a range connector alone to a larger amount of money, is money
  // in the same currency (the scale word made the first a figure before the range was seen).
  // "-$ 250,393", "-$250" (ledgers and statements): a minus sign right before a currency
  // prefix makes the amount negative, also after another column's number ("P 6,363,217
  // -$ 250,393"). A dash joined to what stands before it is a range's ("$5-$10") or a
  // word's hyphen.
  void NegativeMoney() {
    for (size_t f = 0; f < out_.size(); ++f) {
      Figure& a = out_[f];
      if (a.kind != FigureKind::kMoney || a.value <= 0) continue;
      const size_t s = TokenAt(a.start);
      if (s < 1 || s >= toks_.size() || toks_[s].type == TokType::kNum || !IsPunct(s - 1, "-") ||
          !Attached(s) || toks_[s].para_before) {
        continue;
      }
      if (s >= 2 && !toks_[s - 1].para_before && Attached(s - 1)) continue;
      // "$5 -$10": right after a smaller amount in the same currency the dash is a range's,
      // however it is spaced; a ledger's column before a debit is rarely money and smaller.
      if (f > 0 && s >= 2 && out_[f - 1].kind == FigureKind::kMoney &&
          out_[f - 1].currency == a.currency && out_[f - 1].value > 0 &&
          out_[f - 1].value < a.value && out_[f - 1].end == toks_[s - 2].end) {
        continue;
      }
      a.value = -a.value;
      a.start = toks_[s - 1].start;
      a.text = std::string(text_.substr(a.start, a.end - a.start));
    }
  }

  void ShareRangeCurrency() {
    for (size_t f = 0; f + 1 < out_.size(); ++f) {
      Figure& a = out_[f];
      const Figure& b = out_[f + 1];
      if (a.kind != FigureKind::kQuantity || !a.unit.empty() || b.kind != FigureKind::kMoney ||
          b.currency.empty() || b.start < a.end || a.value > b.value || b.start - a.end > 12) {
        continue;
      }
      std::string gap = internal::FigureNormalize(text_.substr(a.end, b.start - a.end));
      const size_t l = gap.find_first_not_of(' ');
      gap =
          l == std::string::npos ? std::string() : gap.substr(l, gap.find_last_not_of(' ') + 1 - l);
      if (gap == "to" || gap == "-" || gap == "until" || gap == "עד" || gap == "ל" || gap == "ל-" ||
          gap == "الى" || gap == "حتى") {
        a.kind = FigureKind::kMoney;
        a.currency = b.currency;
      }
    }
  }

  // Whether a figure can start at token i: a number, punctuation, or a word
  // (after any clitic) that begins a lexicon phrase. Most words cannot.
  bool CouldStart(size_t i) const {
    return toks_[i].type != TokType::kWord || (starts_[i] & kStartsWithClitic) != 0;
  }

  // Every lookup of a phrase at token i starts with the same test: is the
  // token's norm (kStartsPlain), or the norm after one of the clitics
  // Lookup() strips (kStartsWithClitic), a prefix of some lexicon key? The
  // rules look up the same tokens many times, so the answers are computed
  // once per token; Lookup() and CouldStart() then skip most tokens without
  // hashing anything.
  static constexpr uint8_t kStartsPlain = 1, kStartsWithClitic = 2;
  void MarkPrefixes() {
    starts_.assign(toks_.size(), 0);
    std::string key;
    auto is_prefix = [&](std::string_view s) {
      key.assign(s);
      return prefixes_.count(key) != 0;
    };
    for (size_t i = 0; i < toks_.size(); ++i) {
      const Tok& t = toks_[i];
      if (t.type == TokType::kNum) continue;  // Lookup() never matches a number.
      uint8_t bits = 0;
      if (is_prefix(t.norm)) bits = kStartsPlain | kStartsWithClitic;
      const std::string_view w = t.norm;
      if (bits == 0 && t.script == 'a') {
        // Every clitic is one Arabic letter or more: its second byte rejects most of them
        // without a memcmp call (this runs at every Arabic word).
        for (std::string_view c : kArabicClitics) {
          if (w.size() >= c.size() + 4 && w[1] == c[1] && w.substr(0, c.size()) == c &&
              is_prefix(w.substr(c.size()))) {
            bits = kStartsWithClitic;
            break;
          }
        }
      } else if (bits == 0 && t.script == 'h') {
        for (size_t n = 2; n <= 6 && w.size() >= n + 4; n += 2) {
          if (!IsHebrewClitic(w.substr(n - 2, 2))) break;
          if (is_prefix(w.substr(n))) {
            bits = kStartsWithClitic;
            break;
          }
        }
      }
      starts_[i] = bits;
    }
  }

  // Tries every rule at token i; returns the token after what it consumed.
  size_t Step(size_t i) {
    // "pre-1982", "mid-1990": the hyphen joins a prefix to the year, it is no minus sign.
    if (IsPunct(i, "-") && i >= 1 && Attached(i) && Attached(i + 1) &&
        toks_[i + 1].type == TokType::kNum && YearPrefix(toks_[i - 1].norm)) {
      return i + 1;
    }
    if (size_t n = TryDecade(i)) return n;
    if (toks_[i].type == TokType::kNum && i + 2 < toks_.size() && toks_[i + 1].norm == "to") {
      if (size_t n = TryOddsRatio(i)) return n;
    }
    const bool four_digits = toks_[i].type == TokType::kNum && toks_[i].norm.size() == 4;
    if (four_digits) {
      if (size_t n = SkipFormatYears(i)) return n;
      if (size_t n = TryQuarter(i)) return n;
      if (size_t n = TryEarlyYearRange(i)) return n;
      if (size_t n = TrySeasonYears(i)) return n;
      if (size_t n = TryArabicSlashYears(i)) return n;
      if (size_t n = TryEarlyYearSpan(i)) return n;
    }
    if (toks_[i].type == TokType::kWord && toks_[i].script == 'l' && !toks_[i].cap) {
      if (size_t n = TryLowerMonthYear(i)) return n;
    }
    // Cheap tests first: these rules want a dash, a Hijri marker two tokens back, or a
    // joined "x" after the number.
    if (toks_[i].type == TokType::kNum && i + 1 < toks_.size()) {
      if (toks_[i + 1].norm == "م" && IsPunct(i + 2, "-")) {
        if (size_t n = TryEraYearSpan(i)) return n;  // "(525م - 608م)"
      }
      if (toks_[i + 1].norm == "م" && toks_[i].script != 'l') {
        if (size_t n = TryMetresM(i)) return n;
      }
      if (IsPunct(i + 1, "-")) {
        if (size_t n = TryEraYearSpan(i)) return n;
        if (toks_[i].norm.size() == 3) {
          if (size_t n = TryEarlyYearSpan(i)) return n;  // "(ruled 830–846)"
        }
      } else if (i >= 3 && toks_[i - 2].type == TokType::kWord && toks_[i - 2].script == 'a') {
        if (size_t n = TryYearAfterHijri(i)) return n;
      } else if (Attached(i + 1)) {
        if (size_t n = TryResolution(i)) return n;
      }
    }
    if (size_t n = TryRange(i)) return n;
    Date d;
    if (ParseDate(i, false, &d)) {
      // "24 November 4714 BC": a date before the Common Era has no ISO 8601 form here.
      if (BeforeCommonEra(d.next)) return d.next;
      if (d.y == 0 && NameAfterDay(d.next)) return d.next;
      if (d.y == 0) {
        // "1 كانون الثاني من عام 49 ق.م": the year the day belongs to is before the era;
        // also after the comma of "April 6, 648 BC".
        size_t q = d.next;
        if (IsPunct(q, ",") && q + 1 < toks_.size() && !toks_[q + 1].para_before) ++q;
        for (int w = 0; w < 2 && q < toks_.size() && !toks_[q].para_before &&
                        toks_[q].type == TokType::kWord && EraYearLink(toks_[q].norm);
             ++w) {
          ++q;
        }
        if (q > d.next && q < toks_.size() && toks_[q].type == TokType::kNum &&
            !toks_[q].para_before && BeforeCommonEra(q + 1)) {
          return q + 1;
        }
        // "April 6, 610 AD", "April 6, 884 Monday": a year of the Common Era marked as such
        // (AD or CE in capitals: "ad" alone is an advertisement), or followed by the
        // weekday of the date, belongs to the month and day however short it is.
        if (q == d.next + 1 && q < toks_.size() && toks_[q].type == TokType::kNum &&
            toks_[q].norm.size() <= 4 && toks_[q].norm[0] != '0' && !toks_[q].para_before &&
            q + 1 < toks_.size() && !toks_[q + 1].para_before &&
            ((toks_[q + 1].upper && (toks_[q + 1].norm == "ad" || toks_[q + 1].norm == "ce")) ||
             (toks_[q + 1].cap && WeekdayBefore(q + 2)))) {
          d.y = IntValue(toks_[q]);
          d.end = toks_[q + 1].end;
          d.next = q + 2;
        }
      }
      // "3:29 p.m. EST (2029 GMT)": four digits before a time zone are a clock, no year.
      if (d.bare_year && d.next < toks_.size() && toks_[d.next].upper &&
          !toks_[d.next].para_before &&
          (toks_[d.next].norm == "gmt" || toks_[d.next].norm == "utc")) {
        return d.next;
      }
      if (JulianBefore(i)) return d.next;
      // "the 1967 war", "the 1918 flu pandemic": a year that names a war or an epidemic
      // after "the" is the event's name (test15's convention), not a date of the text.
      // "from this 1918 flu": the demonstratives as the article.
      if (d.bare_year && i > 0 &&
          (toks_[i - 1].norm == "the" || toks_[i - 1].norm == "this" ||
           toks_[i - 1].norm == "that") &&
          !toks_[i].para_before) {
        for (size_t q = d.next; q < d.next + 3 && q < toks_.size() && !toks_[q].para_before &&
                                toks_[q].type == TokType::kWord && !toks_[q].cap;
             ++q) {
          const std::string& w = toks_[q].norm;
          // "the 2005 drought": so does a disaster's.
          if (w == "war" || w == "pandemic" || w == "epidemic" || w == "flu" || w == "massacre" ||
              w == "earthquake" || w == "riots" || w == "uprising" || w == "drought" ||
              w == "famine" || w == "flood" || w == "floods" || w == "hurricane" ||
              w == "tsunami" || w == "quake" || w == "eruption" || w == "plague") {
            return d.next;
          }
        }
      }
      // "The Puppet Master (or “2051” as it's formally designated)": a number alone in
      // curly quotes is a designation (SOURCES: a quoted designation is no figure). Straight
      // quotes stay out of this: Hebrew writes them as gershayim.
      if (d.bare_year && i > 0 && d.next < toks_.size() && Attached(i) && Attached(d.next) &&
          text_.substr(toks_[i - 1].start, 3) == "\u201c" &&
          text_.substr(toks_[d.next].start, 3) == "\u201d") {
        return d.next;
      }
      // "עיבוד ל-"2001: אודיסיאה בחלל"", ""1984: A Novel"": a year that opens a quotation
      // and a colon after it opens a title.
      if (d.bare_year && i > 0 && Attached(i) && Attached(d.next) && IsPunct(d.next, ":") &&
          (IsPunct(i - 1, "\"") || IsPunct(i - 1, "\u201c") || IsPunct(i - 1, "\u201d") ||
           IsPunct(i - 1, "\u05f4"))) {
        return d.next;
      }
      // "حرب أكتوبر 1973", "ثورة يوليو 1952", "ثورة 25 يناير": a war or a revolution named by
      // its month is an event's name (test15's convention), not the date of the text.
      // "ثورة 1919" likewise (test16's convention).
      if ((d.m > 0 || d.bare_year) && i > 0 && !toks_[i].para_before &&
          toks_[i - 1].script == 'a' && toks_[i - 1].norm.find("ال") == std::string::npos &&
          (CliticsThen(toks_[i - 1].norm, "حرب") || CliticsThen(toks_[i - 1].norm, "ثوره"))) {
        return d.next;
      }
      // "جامعة 6 أكتوبر", "ميدان 6 أكتوبر", "شارع 26 يوليو": a day and month without a year
      // right after a place or an institution names it; so it does after a movement or a
      // front ("حركة 26 يوليو", "حركة 6 أبريل", test4's convention).
      if (d.y == 0 && d.d > 0 && i > 0 && !toks_[i].para_before && toks_[i - 1].script == 'a' &&
          WordIs(i - 1, {"جامعة", "مدينة", "ميدان", "شارع", "جسر", "كوبري", "كلية", "مدرسة", "حركة",
                         "جبهة", "تحالف", "ائتلاف", "انتفاضة"})) {
        return d.next;
      }
      if (size_t n = TryMonthDayRange(d, i)) return n;
      if (!d.bare_year || !FollowedByAmountWord(d.next) || KilledVerbAfterYear(i, d.next) ||
          EventDayAfterYear(i, d.next)) {
        Emit(FigureKind::kDate, d.start, d.end, [&](Figure* f) { f->date = d.Iso(); });
        if (size_t n = TryOtherYear(d)) return n;
        return TrySharedMonthDay(d, i);
      }
    } else if (d.y == -1) {
      if (size_t n = TryMonthList(d)) return n;
    }
    if (size_t n = TryDayBeforeSharedMonth(i)) return n;
    // "היתה 2020 שנה של צמיחה" (2020 was a year of growth): a year before "שנה של" (a year
    // of) names it; a count of years would be a round number ("2000 שנה של גלות").
    if (IsYear(i) && IntValue(toks_[i]) % 100 != 0 && i + 2 < toks_.size() &&
        toks_[i + 1].norm == "שנה" && toks_[i + 2].norm == "של" && !toks_[i + 1].para_before &&
        !toks_[i + 2].para_before) {
      const std::string y = toks_[i].norm;
      Emit(FigureKind::kDate, toks_[i].start, toks_[i].end, [&](Figure* f) { f->date = y; });
      return i + 1;
    }
    return SignedRangeEnd(TryAmount(i));
  }

  // "the 2002 file format", "in 2002 and 2000 file formats", "Access 2000 format": years
  // before "(file) format" name the format of a program's version, neither dates nor counts
  // of files. Returns the token after the last of them, 0 if there is none.
  size_t SkipFormatYears(size_t i) const {
    if (!YearDigits(toks_[i].norm)) return 0;
    size_t k = i + 1;
    // A format's versions are a few at most; the bound keeps a long list of years (each of
    // which calls this) linear instead of rescanning the whole list at every year.
    while (k < i + kMaxFormatYearsSpan && k + 1 < toks_.size() && !toks_[k + 1].para_before &&
           (IsPunct(k, ",") || toks_[k].norm == "and" || toks_[k].norm == "or" ||
            (IsPunct(k, "/") && Attached(k) && Attached(k + 1))) &&
           toks_[k + 1].type == TokType::kNum &&
           (toks_[k + 1].norm.size() == 4 || toks_[k + 1].norm.size() == 2)) {
      k += 2;  // "2000 or 97 file format": Access 97 after Access 2000
    }
    const size_t last = k;
    if (k < toks_.size() && toks_[k].norm == "file") ++k;
    if (k >= toks_.size() || toks_[k].para_before ||
        (toks_[k].norm != "format" && toks_[k].norm != "formats")) {
      return 0;
    }
    // A year after "in" or "by" before "format(s)" is as often a date ("In 2010 format wars
    // ended", "by 2005 formats such as MP3"): only "file format", a program's name or a
    // determiner before the first year ("the 2002 format") make it a version.
    const bool file = k > last;
    const bool det = i > 0 && !toks_[i].para_before &&
                     WordIs(i - 1, {"the", "a", "an", "this", "that", "its", "their"});
    if (!file && !det && !SoftwareVersionBefore(i)) return 0;
    return last;
  }
  static constexpr size_t kMaxFormatYearsSpan = 8;  // tokens: "2002, 2000 and 97"

  // "$10.99 to 12.99", "€5-8", "$60000 - 70000": after money written with its sign, a larger
  // bare number joined by a dash (attached on both sides or spaced on both) or "to" is the
  // range's end in the same currency. A unit, a scale word or a currency after it makes it
  // something else.
  size_t SignedRangeEnd(size_t n) {
    if (n == 0 || out_.empty() || n + 1 >= toks_.size()) return n;
    const Figure& a = out_.back();
    if (a.kind != FigureKind::kMoney || a.end != toks_[n - 1].end || a.currency.empty()) {
      return n;
    }
    bool sign = false;
    for (std::string_view c : {"$", "€", "£", "₪"}) sign = sign || a.text.starts_with(c);
    const bool dash = IsPunct(n, "-") && Attached(n) == Attached(n + 1);
    if (!sign || (!dash && toks_[n].norm != "to") || toks_[n + 1].para_before ||
        toks_[n + 1].type != TokType::kNum) {
      return n;
    }
    const size_t k = n + 1;
    double v = 0;
    if (!ParseDigits(toks_[k].norm, &v) || v <= a.value) return n;
    // "$10-12 million", "€3 to 5 billion": a scale word set apart after the end scales both
    // bounds (the sign was written once for the pair).
    double scale = 1;
    size_t after = k + 1;
    if (after < toks_.size() && !toks_[after].para_before && toks_[after].space_before &&
        toks_[after].script == 'l') {
      if (const Hit s = Lookup(
              after, [](const FigureEntry& e) { return e.scale >= 1000 && e.currency == nullptr; });
          s && s.clitic.empty()) {
        scale = s.e->scale;
        after = s.next;
      }
    }
    if (FollowedByAmountWord(after) ||
        (Attached(after) && !IsPunct(after, ",") && !IsPunct(after, ".") && !IsPunct(after, ")") &&
         !IsPunct(after, "!") && !IsPunct(after, ";"))) {
      return n;
    }
    out_.back().value *= scale;
    const std::string currency = a.currency;
    const bool approx = a.approx;
    Emit(FigureKind::kMoney, toks_[k].start, toks_[after - 1].end, [&](Figure* f) {
      f->value = v * scale;
      f->currency = currency;
      f->approx = approx;
    });
    return after;
  }

  // A date range from `from` to `to` (ISO 8601 years or months).
  void EmitYearRange(uint32_t start, uint32_t end, std::string from, std::string to) {
    Emit(FigureKind::kDateRange, start, end, [&](Figure* f) {
      f->date = from + "/" + to;
      f->from = std::move(from);
      f->to = std::move(to);
    });
  }

  // "outnumbered the French 20 to 1", "odds of 3 to 1": after a verb or noun of comparison a
  // number "to 1" (or "to one") is the ratio of the first to the second; elsewhere "3 to 1"
  // is as often a score or a range.
  size_t TryOddsRatio(size_t i) {
    const size_t q = i + 2;
    if (!IsInt(toks_[i]) || toks_[i].para_before || toks_[q].para_before ||
        !(toks_[q].norm == "1" || toks_[q].norm == "one") ||
        (q + 1 < toks_.size() && !toks_[q + 1].para_before &&
         (toks_[q + 1].type == TokType::kNum || Attached(q + 1) || FollowedByAmountWord(q + 1) ||
          PluralNoun(toks_[q + 1].norm)))) {
      return 0;
    }
    bool cue = false;
    for (size_t b = 1; b <= 4 && b <= i && !cue; ++b) {
      if (toks_[i - b + 1].para_before || IsPunct(i - b, ".") || IsPunct(i - b, ",")) break;
      const std::string& w = toks_[i - b].norm;
      cue = w.rfind("outnumber", 0) == 0 || w == "odds" || w == "ratio";
    }
    if (!cue) return 0;
    const double v = IntValue(toks_[i]);
    if (v < 2) return 0;
    Emit(FigureKind::kRatio, toks_[i].start, toks_[q].end, [&](Figure* f) { f->value = v; });
    return q + 1;
  }

  // "capital of Persia from 1598 to 1722": years before 1800 are read alone only after a
  // year word, but "from" one to a later one with "to" or "until" is a span of years
  // ("from 1000 to 1500 meters", "from 1200 to 1100" stay out).
  size_t TryEarlyYearRange(size_t i) {
    if (toks_[i].type != TokType::kNum || i == 0 || toks_[i - 1].norm != "from" ||
        toks_[i].para_before || i + 3 > toks_.size() || !IsInt(toks_[i]) ||
        toks_[i].norm.size() != 4 || IsYear(i, 1800) || !IsYear(i, 1000) || Attached(i + 1) ||
        (toks_[i + 1].norm != "to" && toks_[i + 1].norm != "until") || toks_[i + 2].para_before ||
        !IsInt(toks_[i + 2]) || toks_[i + 2].norm.size() != 4 || !IsYear(i + 2, 1000) ||
        IntValue(toks_[i + 2]) <= IntValue(toks_[i]) ||
        (Attached(i + 3) && toks_[i + 3].type != TokType::kPunct) || FollowedByAmountWord(i + 3)) {
      return 0;
    }
    EmitYearRange(toks_[i].start, toks_[i + 2].end, std::to_string(IntValue(toks_[i])),
                  std::to_string(IntValue(toks_[i + 2])));
    return i + 3;
  }

  // A year of the Common Era as ISO 8601 writes it: four digits ("0636").
  // "(1165 - 1227م)", "(500 - 540 م)", "(41 - 132 هـ / 662 - 750 م)": two numbers joined by a
  // dash before the marker of the Common Era are a span of years whatever their digits (a
  // life span, a reign, a dynasty), after an opening parenthesis, a slash or a year word.
  // Over 200 years apart they stay amounts.
  // "(525م - 608م)": the marker may follow the first year too. "40 - 95 هـ = 660 - 714 م":
  // "=" after a Hijri span opens its Gregorian one.
  size_t TryEraYearSpan(size_t i) {
    if (i == 0 || !IsInt(toks_[i]) || toks_[i].norm.size() > 4 || toks_[i].para_before) return 0;
    const size_t q = ArabicEraEnd(i) + 1;  // the second year
    if (!IsPunct(q - 1, "-") || q >= toks_.size() || !IsInt(toks_[q]) || toks_[q].norm.size() > 4 ||
        toks_[q].para_before) {
      return 0;
    }
    const int a = IntValue(toks_[i]), b = IntValue(toks_[q]);
    if (a < 1 || b <= a || b - a >= 200 || b > 2100) return 0;
    bool hijri = false;
    const size_t n = YearEnd(q, &hijri);
    if (n == q + 1 || hijri || toks_[q + 1].script != 'a') return 0;
    const bool cue =
        IsPunct(i - 1, "(") || IsPunct(i - 1, "/") ||
        (IsPunct(i - 1, "=") && i >= 2 && toks_[i - 2].norm == "ه") ||
        Lookup(
            i - 1, [](const FigureEntry& e) { return (e.flags & internal::kFigYearWord) != 0; },
            false);
    // "الارتفاع (20 م - 30 م)": after a word of a length "م" is the metre.
    if (!cue || (IsPunct(i - 1, "(") && i >= 2 && RaceWord(i - 2, /*any_form=*/true))) return 0;
    EmitYearRange(toks_[i].start, toks_[n - 1].end, IsoYear(a), IsoYear(b));
    return n;
  }

  // The token after a list of numbers each followed by "م" starting at i, joined by "و" or
  // a comma ("800 م و1500 م و3000 م", "5000 م، 10000م"); i when there is none at i.
  size_t MetreListEnd(size_t i) const {
    size_t end = i;
    double unused = 0;
    for (size_t q = i; q + 1 < toks_.size() && toks_[q].type == TokType::kNum &&
                       toks_[q].norm.size() <= 6 && ParseDigits(toks_[q].norm, &unused) &&
                       toks_[q + 1].norm == "م" && !toks_[q + 1].para_before;) {
      end = q + 2;
      q = end;
      if (IsPunct(q, "،") || IsPunct(q, ",")) ++q;
      if (q < toks_.size() && toks_[q].norm == "و" && Attached(q + 1)) ++q;
      if (q >= toks_.size() || toks_[q].para_before) break;
    }
    return end;
  }

  // A word of racing or of a length ("سباق", "مسافة", "بارتفاع", "على عمق"). The words of a
  // length are also other words ("ارتفاع" a rise, "عرض" a show, "قطر" Qatar, "عدو" an
  // enemy): they count only after "ب" or "على", where they measure, unless `any_form` (a
  // span in parentheses right after the word: "الارتفاع (20 م - 30 م)" is no span of years).
  // A marathon has no distance to give: a number after it is its year ("ماراثون 1984 م").
  bool RaceWord(size_t q, bool any_form = false) const {
    if (toks_[q].script != 'a' || toks_[q].type != TokType::kWord) return false;
    for (std::string_view w :
         {"سباق", "مسافه", "مسافات", "ركض", "جري", "حواجز", "تتابع", "سباحه", "موانع"}) {
      if (CliticsThen(toks_[q].norm, w)) return true;
    }
    const std::string& n = toks_[q].norm;
    for (std::string_view w : {"ارتفاع", "عمق", "طول", "عرض", "قطر"}) {
      if (any_form && CliticsThen(n, w)) return true;
      if (n.size() > w.size() && n.compare(n.size() - w.size(), w.size(), w) == 0 &&
          n.compare(0, n.size() - w.size(), "ب") == 0) {
        return true;
      }
      if (n == w && q > 0 && !toks_[q].para_before && WordIs(q - 1, {"علي", "على"})) return true;
    }
    return false;
  }

  // "800 م و1500 م و3000 م في سباق حواجز، 5000 م، 10000م والماراثون": "م" after a number is
  // both the Common Era's marker and the metre. A list of them is of metres when one cannot
  // be a year (over 2100, or with a fraction), when a word of racing or of a length comes at
  // most two words before it with no "in", "since" or "from" between ("سباق 800 م", "على
  // ارتفاع 2000 م"), or when the next such list, a few words on, is of metres. "(525م -
  // 608م)", "عام 622م", "سنتي 1942 و1946م" stay years (a year word before the list keeps it
  // one), and so do "في 1983 م والسباق الأول في 1987 م" (a word after the list tells
  // nothing: it may begin the next clause; "in" before the number makes it a time).
  bool MetreList(size_t i, size_t end, int depth) const {
    if (i > 0 &&
        (PhraseBefore(i, internal::kFigYearWord) || IsPunct(i - 1, "-") || IsPunct(end, "-"))) {
      return false;
    }
    for (size_t q = i; q < end; ++q) {
      double v = 0;
      if (toks_[q].type == TokType::kNum && ParseDigits(toks_[q].norm, &v) &&
          (v > 2100 || v != std::floor(v))) {
        return true;
      }
    }
    for (size_t n = 1; n <= 2 && n <= i && !toks_[i - n + 1].para_before; ++n) {
      if (toks_[i - n].type == TokType::kPunct ||
          WordIs(i - n, {"في", "منذ", "حتي", "الي", "من", "بين", "قبل", "بعد", "عام", "سنه"})) {
        break;
      }
      if (RaceWord(i - n)) return true;
    }
    // A lone number is not made metres by a list further on ("بني البرج 1990 م بارتفاع 300
    // م": the year, then a height); a list of them is ("800 م و1500 م ... 10000م").
    if (depth > 0 || end - i < 4) return false;
    for (size_t q = end; q < end + 8 && q < toks_.size() && !toks_[q].para_before; ++q) {
      if (IsPunct(q, ".")) break;
      if (q > end && toks_[q].type == TokType::kNum && q + 1 < toks_.size() &&
          toks_[q + 1].norm == "م") {
        const size_t next = MetreListEnd(q);
        return next > q && MetreList(q, next, depth + 1);
      }
    }
    return false;
  }

  size_t TryMetresM(size_t i) {
    // A list is one decision: after its first number is refused, its later numbers are not
    // tried again (each try scans to the list's end, quadratic over a long hostile list).
    if (i < metre_list_refused_until_) return 0;
    const size_t end = MetreListEnd(i);
    if (end == i) return 0;
    if (!MetreList(i, end, 0)) {
      metre_list_refused_until_ = end;
      return 0;
    }
    for (size_t q = i; q + 1 < end; ++q) {
      double v = 0;
      if (toks_[q].type != TokType::kNum || toks_[q + 1].norm != "م" ||
          !ParseDigits(toks_[q].norm, &v)) {
        continue;
      }
      Emit(FigureKind::kQuantity, toks_[q].start, toks_[q + 1].end, [&](Figure* f) {
        f->value = v;
        f->unit = "meter";
      });
    }
    return end;
  }

  // "ברזולוציה של 2732×2048", "a resolution of 1920x1080": width by height after a word for
  // a screen's resolution, with no unit after them, are two counts of pixels.
  size_t TryResolution(size_t i) {
    if (i == 0 || !IsInt(toks_[i]) || i + 2 >= toks_.size() || !Attached(i + 1) ||
        !Attached(i + 2) || (toks_[i + 1].norm != "x" && toks_[i + 1].norm != "×") ||
        !IsInt(toks_[i + 2]) || FollowedByAmountWord(i + 3) ||
        (Attached(i + 3) && toks_[i + 3].type != TokType::kPunct)) {
      return 0;
    }
    bool cue = false;
    for (size_t q = i; q-- > 0 && q + 4 > i && !toks_[q + 1].para_before;) {
      const std::string& w = toks_[q].norm;
      cue = cue || w == "resolution" || CliticsThen(w, "רזולוציה") || CliticsThen(w, "دقه");
    }
    if (!cue) return 0;
    for (size_t q : {i, i + 2}) {
      const double v = IntValue(toks_[q]);
      Emit(FigureKind::kQuantity, toks_[q].start, toks_[q].end, [&](Figure* f) {
        f->value = v;
        f->unit = "pixel";
      });
    }
    return i + 3;
  }

  // Words that go on from a day of a month ("May 09 and 10", "Feb 05 at noon", "May 01 to
  // 05"): after them two digits stay the day.
  static bool LinkWordAfterDay(std::string_view w) {
    for (std::string_view x : {"and", "or", "to", "at", "in", "on", "through", "thru", "until",
                               "till", "the", "of", "from", "by", "for", "is", "was", "will"}) {
      if (w == x) return true;
    }
    return false;
  }

  // Whether a capitalized English word ends as names of nationalities do (Iraqi, American,
  // Chinese, British, French).
  static bool Demonym(std::string_view w) {
    for (std::string_view e : {"i", "an", "ese", "ish", "ch"}) {
      if (w.size() > e.size() + 2 && w.substr(w.size() - e.size()) == e) return true;
    }
    return false;
  }

  // "عام 15 هـ (636)", "سنة 447هـ (1055م)", "132 هـ / 750 م": a Hijri year followed by its
  // Gregorian year in parentheses or after a slash; the Gregorian one is the figure
  // (test15's convention), whatever its digits.
  size_t TryYearAfterHijri(size_t i) {
    if (i < 3 || !IsInt(toks_[i]) || toks_[i].norm.size() < 3 || toks_[i].norm.size() > 4 ||
        toks_[i - 3].type != TokType::kNum || toks_[i - 2].type != TokType::kWord ||
        (toks_[i - 2].norm != "هـ" && toks_[i - 2].norm != "ه")) {
      return 0;
    }
    const bool paren = IsPunct(i - 1, "(");
    if (!paren && !IsPunct(i - 1, "/")) return 0;
    bool hijri = false;
    const size_t n = YearEnd(i, &hijri);
    if (hijri || (paren && !IsPunct(n, ")")) || (!paren && n == i + 1)) return 0;
    const int y = IntValue(toks_[i]);
    if (y < 1 || y > 2100) return 0;
    const std::string iso = IsoYear(y);
    Emit(FigureKind::kDate, toks_[i].start, toks_[n - 1].end, [&](Figure* f) { f->date = iso; });
    return n;
  }

  // "בעונת 2006/07", "בעונת 2002/2001", "the 1998/99 season", "موسم 2010/2011": a season
  // (or an academic or fiscal year) named by two consecutive years joined by a slash is
  // the range of the two; without a season word before or after, "2006/07" stays out
  // (July 2006), "2003/2004" does not.
  size_t TrySeasonYears(size_t i) {
    if (!IsYear(i, 1800) || toks_[i].para_before || !IsPunct(i + 1, "/") || !Attached(i + 1) ||
        !Attached(i + 2) || i + 2 >= toks_.size() || !IsInt(toks_[i + 2]) ||
        (Attached(i + 3) && toks_[i + 3].type != TokType::kPunct)) {
      return 0;
    }
    const int a = IntValue(toks_[i]), b = IntValue(toks_[i + 2]);
    const size_t digits = toks_[i + 2].norm.size();
    int second = 0;
    if (digits == 2 && b == (a + 1) % 100) second = a + 1;
    if (digits == 4 && (b == a + 1 || b == a - 1)) second = b;
    if (second == 0) return 0;
    const auto season = [](std::string_view w) {
      for (std::string_view c : {"עונת", "העונה", "עונה", "season", "موسم", "الموسم"}) {
        if (CliticsThen(w, c)) return true;
      }
      return false;
    };
    const bool before = i > 0 && toks_[i - 1].type == TokType::kWord && season(toks_[i - 1].norm);
    const bool after = i + 3 < toks_.size() && !toks_[i + 3].para_before &&
                       toks_[i + 3].type == TokType::kWord && season(toks_[i + 3].norm);
    // "(2003/2004, 2004/2005, ו-2005/2006)": four digits each way and in order cannot be a
    // month, so consecutive years need no season word (test16's championships).
    const bool consecutive = digits == 4 && b == a + 1;
    // "our 2001/02 recruiting campaign", "the 2010/11 budget": in English the pair between a
    // determiner and a lowercase noun it qualifies names a season, a school or fiscal year
    // (English writes no year/month without the day).
    const bool qualifier =
        !before && !after && i > 0 && i + 3 < toks_.size() && !toks_[i + 3].para_before &&
        toks_[i + 3].type == TokType::kWord && toks_[i + 3].script == 'l' && !toks_[i + 3].cap &&
        WordIs(i - 1, {"the", "our", "its", "their", "this", "his", "her", "your", "my"}) &&
        !WordIs(i + 3, {"and", "or", "to", "in", "on", "at", "of", "is", "was", "were", "are"});
    if (!before && !after && !consecutive && !qualifier) return 0;
    EmitYearRange(toks_[i].start, toks_[i + 2].end, std::to_string(std::min(a, second)),
                  std::to_string(std::max(a, second)));
    return i + 3;
  }

  // "الرؤية الاستراتيجية 2015 / 2030", "برنامج 2016/2021": after an Arabic word, two years
  // joined by a slash (set apart on both sides or on neither), the second the later, are the
  // span of a plan or a term, as with a dash. Consecutive ones are TrySeasonYears'.
  size_t TryArabicSlashYears(size_t i) {
    if (!IsYear(i) || toks_[i].para_before || i == 0 || toks_[i - 1].script != 'a' ||
        toks_[i - 1].type != TokType::kWord || !IsPunct(i + 1, "/") || !IsYear(i + 2) ||
        toks_[i + 2].para_before || Attached(i + 1) != Attached(i + 2) ||
        (Attached(i + 3) && toks_[i + 3].type != TokType::kPunct)) {
      return 0;
    }
    const int a = IntValue(toks_[i]), b = IntValue(toks_[i + 2]);
    if (b <= a + 1 || b > a + 50 || FollowedByAmountWord(i + 3)) return 0;
    EmitYearRange(toks_[i].start, toks_[i + 2].end, std::to_string(a), std::to_string(b));
    return i + 3;
  }

  // "(1710 - 1774, reigned 1715 - 1774)", "בשנים 1721–1917": two years joined by a dash,
  // the first before 1900 (later ones are read as years alone), are a span of years after
  // an opening parenthesis, "c." or "circa", or a word for years or a reign. A span
  // is under 200 years and two whole hundreds ("(1000-1500)") stay amounts.
  //
  // Three-digit years take a stronger cue: "(ruled 830–846)", "King Offa (757–796)", "Sikong
  // Tu 司空图 (837–908)" (a reign word, or the parenthesis closes right after the span and a
  // name of two capitalized words stands before it); "pages (120–145)", "Model (300-350)"
  // stay out.
  size_t TryEarlyYearSpan(size_t i) {
    const auto three_digits = [&](size_t q) {
      return q < toks_.size() && IsInt(toks_[q]) && toks_[q].norm.size() == 3 &&
             toks_[q].norm[0] != '0';
    };
    const bool early = three_digits(i);
    // "After the Reign of Terror (1793 – 94)": the later year in two digits, the parentheses
    // closing right after it (attached, "1793–94" is LaterYearAfterDash's).
    const bool short_end = !early && i + 3 < toks_.size() && IsInt(toks_[i + 2]) &&
                           toks_[i + 2].norm.size() == 2 && IsPunct(i - 1, "(") &&
                           IsPunct(i + 3, ")") && !toks_[i + 2].para_before;
    if ((!early && (!IsYear(i, 1000) || IsYear(i, 1900))) || toks_[i].para_before || i == 0 ||
        !IsPunct(i + 1, "-") ||
        !(IsYear(i + 2, 1000) || (early && three_digits(i + 2)) || short_end) ||
        toks_[i + 2].para_before || (Attached(i + 3) && toks_[i + 3].type != TokType::kPunct) ||
        (i + 3 < toks_.size() && FollowedByAmountWord(i + 3))) {
      return 0;
    }
    const int a = IntValue(toks_[i]);
    const int b = short_end ? a / 100 * 100 + IntValue(toks_[i + 2]) : IntValue(toks_[i + 2]);
    if (b <= a || b - a >= 200 || (a % 100 == 0 && b % 100 == 0)) return 0;
    const auto word = [&](size_t q) -> std::string_view {
      return q < toks_.size() && toks_[q].type == TokType::kWord ? std::string_view(toks_[q].norm)
                                                                 : std::string_view();
    };
    bool cue = IsPunct(i - 1, "(") || word(i - 1) == "circa" ||
               (i >= 2 && IsPunct(i - 1, ".") && Attached(i - 1) &&
                (word(i - 2) == "c" || word(i - 2) == "ca"));
    // "(973–1048 CE)": the era of the Common Era in capitals closing the parentheses (BCE
    // and BC spans stay out: no ISO form here).
    const bool era_after = i + 4 < toks_.size() && toks_[i + 3].upper &&
                           (toks_[i + 3].norm == "ce" || toks_[i + 3].norm == "ad") &&
                           IsPunct(i + 4, ")") && !toks_[i + 3].para_before;
    // "Ibn Sina (Avicenna, 981–1037)": another name and a comma inside the parentheses
    // before the span that closes them.
    const bool named_span = i >= 3 && IsPunct(i - 1, ",") && IsPunct(i - 3, "(") &&
                            toks_[i - 2].type == TokType::kWord && toks_[i - 2].script == 'l' &&
                            toks_[i - 2].cap && !toks_[i - 2].upper && IsPunct(i + 3, ")") &&
                            !toks_[i - 1].para_before && !toks_[i - 2].para_before;
    // A span of three digits also needs the name the parentheses gloss, capitalized before
    // them: "see (Smith, 220–245)" is a citation's pages, "score (Knicks, 101–110)" a score.
    const bool glossed_name = named_span && i >= 4 && toks_[i - 4].type == TokType::kWord &&
                              toks_[i - 4].script == 'l' && toks_[i - 4].cap &&
                              !toks_[i - 3].para_before;
    const std::string_view w = word(i - 1);
    if (w == "years" || w == "reigned" || w == "ruled" || CliticsThen(w, "שנים")) {
      cue = true;
    }
    if (early && !(w == "reigned" || w == "ruled")) {
      // A name of two capitalized words, or one before a name in another script.
      const auto name_word = [&](size_t q) {
        return toks_[q].type == TokType::kWord && toks_[q].script == 'l' && toks_[q].cap &&
               !toks_[q].para_before;
      };
      // A name in another script after it (the tokenizer keeps CJK characters as marks of
      // three bytes and more) is passed over.
      size_t q = i >= 2 ? i - 2 : 0;
      while (q > 1 && toks_[q].type == TokType::kPunct &&
             static_cast<unsigned char>(text_[toks_[q].start]) >= 0xE0) {
        --q;
      }
      bool name_before = q >= 1 && IsPunct(i - 1, "(") && !toks_[i - 1].para_before &&
                         name_word(q) && name_word(q - 1);
      // "Abu al-Qasim al-Zahrawi (Abulcasis) (936–1013)": a name, its other name in
      // parentheses, then the span.
      if (i >= 5 && IsPunct(i - 1, "(") && IsPunct(i - 2, ")") && name_word(i - 3) &&
          IsPunct(i - 4, "(") && toks_[i - 5].type == TokType::kWord && toks_[i - 5].cap &&
          !toks_[i - 2].para_before && !toks_[i - 3].para_before && !toks_[i - 4].para_before) {
        name_before = true;
      }
      // "Theodorus of Tabennese (c. 314 – 368)": "c." or "circa" opening the parentheses
      // after a capitalized name dates a life; without it "Model (300-350)" stays out.
      const size_t c = i >= 2 && IsPunct(i - 1, ".") ? i - 2 : i - 1;
      const bool circa_name = c >= 2 && (word(c) == "c" || word(c) == "ca" || word(c) == "circa") &&
                              (c == i - 1 || Attached(i - 1)) && IsPunct(c - 1, "(") &&
                              name_word(c - 2) && IsPunct(i + 3, ")") && !toks_[c].para_before &&
                              !toks_[c - 1].para_before;
      cue = ((name_before || circa_name) && IsPunct(i + 3, ")") && b - a < 120) ||
            ((glossed_name || (era_after && IsPunct(i - 1, "("))) && b - a < 120);
    } else if (named_span || era_after) {
      cue = cue || named_span || era_after;
    }
    if (!cue) return 0;
    if (era_after) {
      EmitYearRange(toks_[i].start, toks_[i + 3].end, IsoYear(a), IsoYear(b));
      return i + 4;
    }
    EmitYearRange(toks_[i].start, toks_[i + 2].end, IsoYear(a), IsoYear(b));
    return i + 3;
  }

  // An English weekday ends at most three tokens before token i, with only an opening
  // parenthesis, a comma, "the" or a part of the day between ("Friday night (", "Tuesday, ").
  // i may be toks_.size(): the weekday then ends the text.
  static bool WeekdayAbbreviation(std::string_view w) {
    static constexpr std::string_view kShort[] = {"mon",  "tue",   "tues", "wed", "thu",
                                                  "thur", "thurs", "fri",  "sat", "sun"};
    for (std::string_view d : kShort) {
      if (w == d) return true;
    }
    return false;
  }

  bool WeekdayBefore(size_t i) const {
    static constexpr std::string_view kDays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                                 "friday", "saturday", "sunday"};
    for (size_t q = std::min(i, toks_.size()); q > 0 && q + 4 > i;) {
      --q;
      const Tok& t = toks_[q];
      if (q + 1 < toks_.size() && toks_[q + 1].para_before) return false;
      if (t.type == TokType::kWord && t.cap) {
        for (std::string_view d : kDays) {
          if (t.norm == d) return true;
        }
        // "Wed. 6/14", "Thu 6/15": a weekday's abbreviation right before, or before its dot;
        // "Sun", "Sat" and "Mon" are words and names too ("Sun 1/2 cup"): only with the dot.
        if (WeekdayAbbreviation(t.norm) &&
            ((q + 1 == i && t.norm != "sun" && t.norm != "sat" && t.norm != "mon") ||
             (q + 2 == i && IsPunct(q + 1, ".")))) {
          return true;
        }
      }
      const bool filler =
          IsPunct(q, "(") || IsPunct(q, ",") || t.norm == "night" || t.norm == "morning" ||
          t.norm == "evening" || t.norm == "afternoon" ||
          (IsPunct(q, ".") && q + 1 == i && q > 0 && WeekdayAbbreviation(toks_[q - 1].norm));
      if (!filler) return false;
    }
    return false;
  }

  // "הרבעון האחרון ל-2020", "the fourth quarter of 2020", "الربع الأول من عام 2021": a
  // calendar quarter with its year is the range of its three months (test14's convention).
  // Read from the year back to the quarter's words.
  size_t TryQuarter(size_t i) {
    if (!IsYear(i) || toks_[i].para_before || i < 2) return 0;
    size_t q = i;
    const auto link = [&](size_t x) {
      const Tok& t = toks_[x];
      if (t.para_before && x + 1 != i) return false;
      return IsPunct(x, "-") || t.norm == "of" || t.norm == "של" || t.norm == "من" ||
             t.norm == "عام" || t.norm == "لعام" || t.norm == "العام" ||
             (t.type == TokType::kWord && t.script == 'h' && AllHebrewClitics(t.norm));
    };
    for (int s = 0; s < 3 && q > 0 && link(q - 1); ++s) --q;
    if (q < 2 || toks_[q - 1].type != TokType::kWord || toks_[q - 2].type != TokType::kWord ||
        toks_[q - 1].para_before) {
      return 0;
    }
    static const std::pair<std::string_view, int> kOrdinals[] = {
        {"הראשון", 1}, {"השני", 2},   {"השלישי", 3}, {"הרביעי", 4}, {"האחרון", 4}, {"first", 1},
        {"second", 2}, {"third", 3},  {"fourth", 4}, {"last", 4},   {"final", 4},  {"الاول", 1},
        {"الثاني", 2}, {"الثالث", 3}, {"الرابع", 4}, {"الاخير", 4}};
    // Hebrew and Arabic put the ordinal after the noun, English before it.
    const bool english = toks_[q - 1].script == 'l';
    const std::string& ord = toks_[english ? q - 2 : q - 1].norm;
    const std::string& noun = toks_[english ? q - 1 : q - 2].norm;
    int quarter = 0;
    for (const auto& [w, v] : kOrdinals) {
      if (ord == w) quarter = v;
    }
    const bool quarter_noun =
        english ? noun == "quarter" : (CliticsThen(noun, "רבעון") || CliticsThen(noun, "ربع"));
    // "המחצית הראשונה של 2018", "החציון השני של 2019", "the first half of 2018": a half-year
    // is read the same way (test16's convention); the feminine ordinals go with "מחצית".
    static const std::pair<std::string_view, int> kHalfOrdinals[] = {
        {"הראשונה", 1}, {"השנייה", 2}, {"השניה", 2}, {"האחרונה", 2}, {"הראשון", 1},
        {"השני", 2},    {"האחרון", 2}, {"first", 1}, {"second", 2},  {"last", 2}};
    int half = 0;
    if (english ? noun == "half" : (CliticsThen(noun, "מחצית") || CliticsThen(noun, "חציון"))) {
      for (const auto& [w, v] : kHalfOrdinals) {
        if (ord == w) half = v;
      }
    }
    if (half == 0 && (quarter == 0 || !quarter_noun)) return 0;
    const int first = half != 0 ? 6 * half - 5 : 3 * quarter - 2;
    const int last = half != 0 ? 6 * half : 3 * quarter;
    const std::string y = std::to_string(IntValue(toks_[i]));
    const auto month = [](int m) {
      return m < 10 ? "-0" + std::to_string(m) : "-" + std::to_string(m);
    };
    EmitYearRange(toks_[q - 2].start, toks_[i].end, y + month(first), y + month(last));
    return i + 1;
  }

  // "expiration date of", "expires", "exp." within three tokens before token i.
  bool ExpiryBefore(size_t i) const {
    for (size_t b = 1; b <= 3 && b <= i && !toks_[i - b + 1].para_before; ++b) {
      const std::string& w = toks_[i - b].norm;
      if (w == "expiration" || w == "expiry" || w == "expires" || w == "exp") return true;
      if (w != "date" && w != "of" && w != ":" && w != "." && w != "on") return false;
    }
    return false;
  }

  // The unit that lowercase letters set apart at token k abbreviate after the digits at
  // token j, or nullptr.
  const char* AbbreviatedUnit(size_t j, size_t k) const {
    if (k >= toks_.size() || toks_[k].para_before || Attached(k)) return nullptr;
    const std::string& w = toks_[k].norm;
    const char c = text_[toks_[k].start];
    // "1,600 mm (5 ft 3 in)", "1 millimeter (0.039 in)": encyclopedias convert a measure
    // into feet and inches in parentheses after it, abbreviating the inch as "in". Only
    // there is "in" the inch: closing the parentheses the number opened, or after feet
    // before the parentheses close, the clause ends or a word of size follows ("5 ft 10 in
    // tall"). "5 in the morning", "2 in the first half" are the preposition.
    if (w == "in" && c == 'i') {
      const bool feet_before = j >= 2 && toks_[j - 2].type == TokType::kNum &&
                               (toks_[j - 1].norm == "ft" || toks_[j - 1].norm == "feet") &&
                               !toks_[j].para_before && !toks_[j - 1].para_before;
      if (IsPunct(k + 1, ")"))
        return j > 0 && (IsPunct(j - 1, "(") || feet_before) ? "inch" : nullptr;
      const bool ends = k + 1 >= toks_.size() || toks_[k + 1].para_before || IsPunct(k + 1, ",") ||
                        IsPunct(k + 1, ".") || IsPunct(k + 1, ";") ||
                        WordIs(k + 1, {"tall", "high", "long", "wide", "deep"});
      return feet_before && ends ? "inch" : nullptr;
    }
    // "358-acre (145 ha)", "8.5 ha of vineyards": "ha" is the hectare, unless laughter
    // repeats it ("3 ha ha").
    if (w == "ha" && c == 'h') {
      return (k + 1 < toks_.size() && toks_[k + 1].norm == "ha") || IsPunct(k + 1, "!") ||
                     IsPunct(k + 1, "-")
                 ? nullptr
                 : "hectare";
    }
    // "800 m, 1,500 m, 3,000 m steeplechase", "a 300 m tower": "m" set apart is the metre
    // (the million is joined to the digits, "$5m", or follows a currency). A counted noun of
    // the vocabulary after it makes it a million of that noun ("5 m people"), and so does a
    // plural noun ("5 m apples") or a rate per year ("5 m a year").
    const bool million_after =
        k + 1 < toks_.size() && !toks_[k + 1].para_before && toks_[k + 1].type == TokType::kWord &&
        (FollowedByAmountWord(k + 1) ||
         (PluralNoun(toks_[k + 1].norm) &&
          !WordIs(k + 1, {"hurdles", "relays", "heats", "finals", "races", "events"})) ||
         (WordIs(k + 1, {"a", "per"}) && k + 2 < toks_.size() &&
          WordIs(k + 2, {"year", "month", "week", "day"})));
    if (w == "m" && c == 'm' && toks_[k].space_before && !IsPunct(k + 1, "$") &&
        !IsPunct(k + 1, "-") && !IsPunct(k + 1, "/") && !million_after) {
      return "meter";
    }
    return nullptr;
  }

  // After "6m": "(20ft)", "(20 feet)", or "deep", "high", "long", "wide", "tall".
  bool MetersAfter(size_t x) const {
    if (x >= toks_.size() || toks_[x].para_before) return false;
    if (IsPunct(x, "(") && x + 2 < toks_.size() && toks_[x + 1].type == TokType::kNum) {
      const std::string& u = toks_[x + 2].norm;
      return u == "ft" || u == "feet" || u == "foot";
    }
    // Lowercase and a word of its own: ".IP 2m HIGH_SCALE_SSD" is a man page's indent.
    const std::string& w = toks_[x].norm;
    if (!toks_[x].space_before || toks_[x].cap || toks_[x].upper ||
        (Attached(x + 1) && !IsPunct(x + 1, ",") && !IsPunct(x + 1, "."))) {
      return false;
    }
    if (w == "deep" || w == "high" || w == "long" || w == "wide" || w == "tall") return true;
    // "800m world record holder", "the 400m hurdles", "a 100m sprint": a race's distance
    // (a multiple of 50 m) before a word of the race.
    static constexpr std::string_view kRace[] = {
        "world",  "race",      "sprint",       "hurdles", "relay",  "freestyle",    "backstroke",
        "medley", "butterfly", "breaststroke", "final",   "finals", "steeplechase", "dash",
        "heat",   "heats",     "runner",       "event",   "title",  "champion",     "record"};
    if (x < 2 || toks_[x - 2].type != TokType::kNum) return false;
    double v = 0;
    if (!ParseDigits(toks_[x - 2].norm, &v) || v < 50 || v > 10000 ||
        (std::fmod(v, 50) != 0 && v != 110)) {
      return false;
    }
    for (std::string_view r : kRace) {
      if (w == r) return true;
    }
    return false;
  }

  // "$13/day", "€5/month": a currency sign joined before the number at i and "/" with a unit
  // of time or "person" after it is a price per unit (the rate is dropped, SOURCES).
  bool PriceRate(size_t i) const {
    if (i == 0 || !Attached(i) || !IsPunct(i + 1, "/") || i + 2 >= toks_.size()) return false;
    const std::string& sign = toks_[i - 1].norm;
    if (sign != "$" && sign != "€" && sign != "£") return false;
    const std::string& w = toks_[i + 2].norm;
    return w == "day" || w == "night" || w == "week" || w == "month" || w == "mo" || w == "year" ||
           w == "yr" || w == "hour" || w == "hr" || w == "person";
  }

  bool LowerLatinWord(size_t i) const {
    return i < toks_.size() && toks_[i].type == TokType::kWord && toks_[i].script == 'l' &&
           !toks_[i].cap && !toks_[i].para_before;
  }

  static bool SecondsPicker(std::string_view w) {
    for (std::string_view p :
         {"first",     "last",     "next",       "final", "few",     "other",   "remaining",
          "initial",   "extra",    "additional", "same",  "whole",   "entire",  "full",
          "following", "previous", "past",       "said",  "opening", "closing", "top",
          "high",      "low",      "upper",      "lower", "mid",     "early",   "late",
          "and",       "or",       "of",         "in",    "to",      "at",      "for"}) {
      if (w == p) return true;
    }
    return false;
  }

  static bool YearPrefix(std::string_view w) {
    return w == "pre" || w == "post" || w == "mid" || w == "early" || w == "late";
  }

  // "June 5-7, 2006", "June 5 – 7": a range of days after a month written as a word before
  // them; the year after the second day is the first's too.
  size_t TryMonthDayRange(const Date& d, size_t first_tok) {
    const Tok* month = At(first_tok);
    if (month == nullptr || month->type != TokType::kWord || month->script != 'l' || d.d == 0 ||
        d.m == 0 || d.y != 0 || !IsPunct(d.next, "-") || toks_[d.next].para_before) {
      return 0;
    }
    const size_t k = d.next + 1;
    int day = 0;
    if (!DayAt(k, &day) || toks_[k].para_before || day <= d.d || !ValidDay(2000, d.m, day)) {
      return 0;
    }
    size_t e = k + 1;
    int year = 0;
    if (IsPunct(e, ",") && IsYear(e + 1, 1000) && !toks_[e + 1].para_before) {
      year = IntValue(toks_[e + 1]);
      e += 2;
    } else if (IsYear(e, 1000) && !toks_[e].para_before && !Attached(e)) {
      year = IntValue(toks_[e]);
      e += 1;
    }
    // A word, a unit or a joined sign after the second day makes it something else; a
    // lowercase link word goes on with the sentence ("from Sept 20-22 and Buenos Aires").
    const Tok* after_day = At(e);
    const bool link_after = after_day != nullptr && !after_day->para_before &&
                            after_day->type == TokType::kWord && after_day->script == 'l' &&
                            !after_day->cap && IsLinkWord(after_day->norm);
    if (const Tok* n = after_day; n != nullptr && !n->para_before && !link_after &&
                                  (n->type == TokType::kWord || n->type == TokType::kNum ||
                                   (Attached(e) && !IsPunct(e, ",") && !IsPunct(e, ".") &&
                                    !IsPunct(e, ";") && !IsPunct(e, ")")))) {
      if (year == 0) return 0;
    }
    if (year > 0 && !ValidDay(year, d.m, day)) return 0;
    Date a = d, b = d;
    a.y = b.y = year;
    b.d = day;
    const std::string from = a.Iso(), to = b.Iso();
    Emit(FigureKind::kDateRange, d.start, toks_[e - 1].end, [&](Figure* f) {
      f->from = from;
      f->to = to;
      f->date = from + "/" + to;
    });
    return e;
  }

  // The English "and"/"or" joining two days of one month.
  bool DayJoiner(size_t k) const {
    return k < toks_.size() && !toks_[k].para_before &&
           (toks_[k].norm == "and" || toks_[k].norm == "or" || IsPunct(k, "&"));
  }

  // "accepted me for may 2012", "in january 2010": a month written in lower case (mail and
  // web text) with the year right after it. "may" and "march" are verbs too: only after a
  // preposition or a word for a part of the year.
  // The month (1..12) a lowercase English month's full name at token i names, else 0.
  int LowerEnglishMonth(size_t i) const {
    static constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                                   "may",       "june",     "july",     "august",
                                                   "september", "october",  "november", "december"};
    if (i >= toks_.size() || toks_[i].type != TokType::kWord || toks_[i].script != 'l' ||
        toks_[i].cap || toks_[i].para_before) {
      return 0;
    }
    for (int x = 0; x < 12; ++x) {
      if (toks_[i].norm == kMonths[x]) return x + 1;
    }
    return 0;
  }

  size_t TryLowerMonthYear(size_t i) {
    const Tok& t = toks_[i];
    if (t.type != TokType::kWord || t.script != 'l' || t.cap || !IsYear(i + 1) ||
        toks_[i + 1].para_before || Attached(i + 1) ||
        (Attached(i + 2) && toks_[i + 2].type != TokType::kPunct) || FollowedByAmountWord(i + 2)) {
      return 0;
    }
    const int m = LowerEnglishMonth(i);
    if (m == 0) return 0;
    if (m == 3 || m == 5) {
      static constexpr std::string_view kBefore[] = {
          "in",    "for",    "of",    "since", "until", "by",   "from", "to",  "before",
          "after", "during", "early", "late",  "mid",   "last", "next", "till"};
      const Tok* p = i > 0 ? At(i - 1) : nullptr;
      if (p == nullptr || t.para_before ||
          std::find(std::begin(kBefore), std::end(kBefore), p->norm) == std::end(kBefore)) {
        return 0;
      }
    }
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02d", IntValue(toks_[i + 1]), m);
    Emit(FigureKind::kDate, t.start, toks_[i + 1].end, [&](Figure* f) { f->date = iso; });
    return i + 2;
  }

  // "April 14th or 15th", "March 25 and 26": a later day after the date shares its month
  // and year. A month or unit after that day makes it something else ("March 25 and 26
  // April", "May 5 and 6 hours").
  size_t TrySharedMonthDay(const Date& d, size_t first_tok) {
    size_t k = d.next;
    int day = 0;
    // Only after a month written as a word before its day ("2023-10-05 and 12/03/2024").
    const Tok* month = At(first_tok);
    // "October 19/20": two days joined by a slash, each a date of the month.
    const bool slash = IsPunct(k, "/") && Attached(k) && Attached(k + 1);
    if (month == nullptr || month->type != TokType::kWord || month->script != 'l' || d.d == 0 ||
        d.m == 0 || !(DayJoiner(k) || CommaDayList(k) || slash) || !DayAt(k + 1, &day) ||
        day <= d.d || toks_[k + 1].para_before || !ValidDay(d.y == 0 ? 2000 : d.y, d.m, day)) {
      return d.next;
    }
    size_t e = k + 2;
    bool ordinal = false;
    if (const Hit o = Lookup(
            e, [](const FigureEntry& x) { return (x.flags & internal::kFigOrdinal) != 0; }, false);
        o && Attached(e)) {
      e = o.next;
      ordinal = true;
    }
    // "April 9th and 10th are going to be": a day written as an ordinal may be followed by
    // any word; a bare number before one is a count ("March 25 and 26 people").
    if (const Tok* n = At(e);
        n != nullptr && !n->para_before &&
        ((n->type == TokType::kWord && !ordinal && !(IsPunct(k, ",") && DayJoiner(e))) ||
         (Attached(e) && !IsPunct(e, ",") && !IsPunct(e, ".") && !IsPunct(e, ";") &&
          !IsPunct(e, ")")))) {
      return d.next;
    }
    Date second = d;
    second.d = day;
    uint32_t end = toks_[e - 1].end;
    // "March 25 and 26, 1991": the year after the second day is the first's too.
    if (d.y == 0 && IsPunct(e, ",") && e + 1 < toks_.size() && IsYear(e + 1) &&
        !toks_[e + 1].para_before && !FollowedByAmountWord(e + 2) && !out_.empty() &&
        out_.back().start == d.start) {
      second.y = IntValue(toks_[e + 1]);
      // Every day of the list before takes it ("March 5, 6 and 7, 1991").
      const std::string month = d.Iso().substr(0, 5);  // "--03-"
      for (auto f = out_.rbegin(); f != out_.rend() && f->kind == FigureKind::kDate &&
                                   f->date.size() == 7 && f->date.rfind(month, 0) == 0;
           ++f) {
        f->date = std::to_string(second.y) + f->date.substr(1);
      }
      end = toks_[e + 1].end;
      e += 2;
    }
    Emit(FigureKind::kDate, toks_[k + 1].start, end, [&](Figure* f) { f->date = second.Iso(); });
    // "January 6, 13 and 20th": the list goes on.
    if (second.y == d.y && (IsPunct(e, ",") || DayJoiner(e))) {
      second.next = e;
      second.start = toks_[k + 1].start;
      return TrySharedMonthDay(second, first_tok);
    }
    return e;
  }

  // "January 6, 13 and 20th": a comma at k opens a list of later days only where the list
  // ends with "and" or "or" and a day ("January 6, 13 people" is a count).
  bool CommaDayList(size_t k) const {
    int day = 0;
    for (int items = 0; items < 8 && IsPunct(k, ",") && DayAt(k + 1, &day) &&
                        toks_[k + 1].norm.size() <= 2 && !toks_[k + 1].para_before;
         ++items) {
      k += 2;
      if (const Hit o = Lookup(
              k, [](const FigureEntry& x) { return (x.flags & internal::kFigOrdinal) != 0; },
              false);
          o && Attached(k)) {
        k = o.next;
      }
      if (DayJoiner(k)) return DayAt(k + 1, &day) && !toks_[k + 1].para_before;
    }
    return false;
  }

  // "the Conference of 25 and 26 March": a day before "and"/"or" and a later date that
  // begins with its day is a date of that month too.
  // Arabic joins the days with "و" or "أو", a word of its own or the clitic of the second day
  // ("يومي 16 و17 مارس").
  size_t TryDayBeforeSharedMonth(size_t i) {
    int day = 0;
    // "16th or 17th of July": the first day may be an ordinal too.
    size_t j = i + 1;
    if (const Hit o = Lookup(
            j, [](const FigureEntry& x) { return (x.flags & internal::kFigOrdinal) != 0; }, false);
        o && Attached(j) && IsInt(toks_[i])) {
      j = o.next;
    }
    const bool arabic_joiner = j < toks_.size() && toks_[j].script == 'a' &&
                               !toks_[j].para_before &&
                               (toks_[j].norm == "و" || toks_[j].norm == "او");
    if (!DayAt(i, &day) || !(DayJoiner(j) || arabic_joiner) || PrecededByBlocker(i)) return 0;
    Date next;
    if (!ParseDate(j + 1, false, &next) || next.d <= day || next.m == 0 ||
        toks_[j + 1].type != TokType::kNum || toks_[j + 1].para_before || At(j + 2) == nullptr ||
        toks_[j + 2].type != TokType::kWord) {
      return 0;
    }
    Date first = next;
    first.d = day;
    if (!ValidDay(first.y == 0 ? 2000 : first.y, first.m, day)) return 0;
    Emit(FigureKind::kDate, toks_[i].start, toks_[j - 1].end,
         [&](Figure* f) { f->date = first.Iso(); });
    return j + 1;
  }

  // Whether a copyright sign ("©", "(C)") stands right before token i.
  bool CopyrightBefore(size_t i) const {
    if (i == 0 || toks_[i].para_before) return false;
    if (toks_[i - 1].norm == "©") return true;
    // "(C)" in capitals, and not before a lowercase word ("item (c) 1500 rows" is a list).
    const Tok* next = At(i + 1);
    const bool counted = next != nullptr && !next->para_before && next->type == TokType::kWord &&
                         text_[next->start] >= 'a' && text_[next->start] <= 'z';
    return i >= 3 && IsPunct(i - 1, ")") && toks_[i - 2].norm == "c" &&
           text_[toks_[i - 2].start] == 'C' && IsPunct(i - 3, "(") && Attached(i - 2) &&
           Attached(i - 1) && !counted;
  }

  // Whether "Julian:" ("יוליאני:", "julian:") introduces the date at token i: the same day
  // in the old calendar, written beside the Gregorian one, which is the figure.
  bool JulianBefore(size_t i) const {
    if (i < 2 || toks_[i].para_before || toks_[i - 1].para_before || !IsPunct(i - 1, ":")) {
      return false;
    }
    const std::string& w = toks_[i - 2].norm;
    return w == "יוליאני" || w == "julian";
  }

  // Whether a lowercase Latin word stands just before token i, in the same paragraph.
  bool LowerWordBefore(size_t i) const {
    return i > 0 && !toks_[i].para_before && toks_[i - 1].type == TokType::kWord &&
           toks_[i - 1].script == 'l' && !toks_[i - 1].cap && !toks_[i - 1].upper;
  }

  // Whether a determiner or preposition that introduces a date stands before token i ("your
  // 9/30/01 statement", "on 9/30/01"): with the day above 12, month/day/two-digit year is
  // then a date; "Form 04/25/01" is a name.
  bool DateWordBefore(size_t i) const {
    if (i == 0 || toks_[i].para_before || toks_[i - 1].type != TokType::kWord) return false;
    static constexpr std::string_view kWords[] = {"on",  "your", "my",    "our",   "their",
                                                  "his", "her",  "the",   "since", "until",
                                                  "by",  "from", "dated", "of",    "as"};
    const Tok& w = toks_[i - 1];
    if (w.cap) return false;
    for (std::string_view k : kWords) {
      if (w.norm == k) return true;
    }
    return false;
  }

  // Whether token i is a capitalized noun that makes a day and month before it part of a
  // name: "Sept. 11 Commission", "April 6 Movement", "July 4 Committee".
  bool NameAfterDay(size_t i) const {
    const Tok* t = At(i);
    if (t == nullptr || t->para_before || !t->cap || t->script != 'l') return false;
    static constexpr std::string_view kNames[] = {
        "commission", "committee",  "movement",   "memorial",     "museum", "fund",
        "campaign",   "coalition",  "brigade",    "brigades",     "group",  "accords",
        "agreement",  "foundation", "revolution", "organization", "panel",  "inquiry"};
    for (std::string_view n : kNames) {
      if (t->norm == n) return true;
    }
    return false;
  }

  // Whether token i marks the era before the Common Era: BC, BCE, ق.م, ق.ب, לפנה"ס, and
  // the phrases "قبل الميلاد", "לפני הספירה" (two words; the abbreviations are split at
  // their dots by the tokenizer).
  static bool EraYearLink(std::string_view w) {
    return w == "من" || w == "عام" || w == "العام" || w == "سنه" || w == "السنه" || w == "of" ||
           w == "בשנת" || w == "שנת";
  }
  bool BeforeCommonEra(size_t i) const {
    const Tok* t = At(i);
    if (t == nullptr || t->para_before) return false;
    const std::string& w = t->norm;
    if (w == "bc" || w == "bce" || w == "ق.م" || w == "ق.ب" || w == "לפנה\"ס") return true;
    const Tok* n = At(i + 1);
    if (n == nullptr || n->para_before) return false;
    if (w == "قبل") return n->norm == "الميلاد";
    if (w == "לפני") return n->norm == "הספירה";
    // "ق.م", "ق.ب": the letter, an attached dot, the second letter.
    return w == "ق" && IsPunct(i + 1, ".") && Attached(i + 1) && Attached(i + 2) &&
           (toks_[i + 2].norm == "م" || toks_[i + 2].norm == "ب");
  }

  const Tok* At(size_t i) const { return i < toks_.size() ? &toks_[i] : nullptr; }
  // A '%' that ends right before token `next` and is followed by two hex digits that a
  // web address's escape makes ("itemID=1361&path=1%2C3%2C477"): no percentage.
  bool PercentEscape(size_t next) const {
    if (next == 0 || next > toks_.size()) return false;
    const size_t p = toks_[next - 1].end;
    if (p == 0 || text_[p - 1] != '%' || p + 1 >= text_.size()) return false;
    const auto hex = [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    };
    const char a = text_[p], b = text_[p + 1];
    // "<<1%P701!.doc>>": a letter, then digits, joined to the sign make a file's name.
    if (std::isalpha(static_cast<unsigned char>(a)) &&
        std::isdigit(static_cast<unsigned char>(b))) {
      // Only when a name's ending follows ("!", ">>" or ".doc"): "rose 5%b4 noon" is a
      // percent before a shorthand.
      size_t q = p + 2;
      while (q < text_.size() && std::isalnum(static_cast<unsigned char>(text_[q]))) ++q;
      if (q < text_.size() && (text_[q] == '!' || text_.substr(q, 2) == ">>" ||
                               (text_[q] == '.' && q + 1 < text_.size() &&
                                std::isalpha(static_cast<unsigned char>(text_[q + 1]))))) {
        return true;
      }
    }
    if (!hex(a) || !hex(b)) return false;
    if ((a >= 'A' && a <= 'F') || (b >= 'A' && b <= 'F')) return true;
    // Two decimal digits ("%20") only inside an address: "10%decrease" is a typo, not one.
    if (!std::isdigit(static_cast<unsigned char>(a)) ||
        !std::isdigit(static_cast<unsigned char>(b)) || p + 2 >= text_.size()) {
      return false;
    }
    const char c = text_[p + 2];
    return std::isalnum(static_cast<unsigned char>(c)) || c == '%' || c == '&' || c == '=' ||
           c == '/';
  }
  bool Attached(size_t i) const { return i < toks_.size() && i > 0 && !toks_[i].space_before; }
  bool IsPunct(size_t i, std::string_view p) const {
    return i < toks_.size() && toks_[i].type == TokType::kPunct && toks_[i].norm == p;
  }

  // Byte offset in token i after the first `n` normalized bytes, past any
  // tatweel, hyphen or maqaf that joins a clitic to its word.
  uint32_t OffsetAfter(size_t i, size_t n) const {
    const Tok& t = toks_[i];
    size_t p = t.start;
    std::string norm;
    while (p < t.end && norm.size() < n)
      internal::FigureNormalizeChar(DecodeUtf8At(text_, &p), &norm);
    while (p < t.end) {
      size_t q = p;
      const char32_t c = DecodeUtf8At(text_, &q);
      if (c != 0x0640 && c != '-' && c != 0x05BE && !IsArabicMark(c) && !IsHebrewMark(c)) break;
      p = q;
    }
    return static_cast<uint32_t>(p);
  }

  // The longest phrase of up to 4 tokens starting at token i that is in the
  // lexicon and satisfies `want`; the first word may carry clitics.
  template <typename Want>
  Hit Lookup(size_t i, Want want, bool clitics = true) const {
    Hit best;
    if (i >= toks_.size() || toks_[i].type == TokType::kNum) return best;
    // No key starts with the token (after any clitic allowed here).
    if ((starts_[i] & (clitics ? kStartsWithClitic : kStartsPlain)) == 0) return best;
    const Tok& first = toks_[i];
    // The longest phrase that `want` accepts; among equally long ones the
    // first in Phrases() order (no clitic first, then the clitics longest
    // first).
    const PhraseRange r = Phrases(i);
    const size_t end = clitics ? r.end : r.plain_end;
    for (size_t p = r.begin; p < end; ++p) {
      const Phrase& c = phrases_[p];
      if (!want(*c.e)) continue;
      if (best && c.next <= best.next) continue;
      best.e = c.e;
      best.next = c.next;
      best.clitic = first.norm.substr(0, c.clitic);
      best.start = c.clitic == 0 ? first.start : OffsetAfter(i, c.clitic);
    }
    return best;
  }

  // Lexicon phrases of up to 4 tokens starting at token i, the first word
  // without a clitic, then after each clitic it may carry. The rules look up
  // the same tokens many times with different wants, so each token's
  // phrases are found (hashed) once, on its first lookup.
  struct Phrase {
    const FigureEntry* e;
    uint32_t next;    // The token after the phrase.
    uint32_t clitic;  // Bytes of clitic stripped from the first word.
  };
  struct PhraseRange {
    uint32_t begin = 0, plain_end = 0, end = 0;
    bool done = false;
  };
  PhraseRange Phrases(size_t i) const {
    if (ranges_.empty()) ranges_.resize(toks_.size());
    PhraseRange& r = ranges_[i];
    if (r.done) return r;
    const Tok& first = toks_[i];
    std::string key;
    auto try_from = [&](size_t clitic) {
      key.assign(first.norm, clitic);
      for (size_t k = i; k < toks_.size() && k < i + 4; ++k) {
        if (k > i) {
          const Tok& t = toks_[k];
          if (t.para_before || t.type == TokType::kNum) break;
          if (t.space_before) key.push_back(' ');
          key += t.norm;
        }
        if (!prefixes_.count(key)) break;
        auto it = lex_.find(key);
        if (it == lex_.end()) continue;
        const FigureEntry& e = it->second;
        if ((e.flags & internal::kFigNeedsUpper) && (!first.upper || clitic != 0)) continue;
        if ((e.flags & internal::kFigNeedsCap) && !first.cap) continue;
        phrases_.push_back({&e, static_cast<uint32_t>(k + 1), static_cast<uint32_t>(clitic)});
      }
    };
    r.begin = static_cast<uint32_t>(phrases_.size());
    try_from(0);
    r.plain_end = static_cast<uint32_t>(phrases_.size());
    const std::string& w = first.norm;
    if (first.script == 'a') {
      for (std::string_view c : kArabicClitics) {
        if (w.size() >= c.size() + 4 && w[1] == c[1] && w.compare(0, c.size(), c) == 0) {
          try_from(c.size());
        }
      }
    } else if (first.script == 'h') {
      for (size_t n = 2; n <= 6 && w.size() >= n + 4; n += 2) {
        if (!IsHebrewClitic(std::string_view(w).substr(n - 2, 2))) break;
        try_from(n);
      }
    }
    r.end = static_cast<uint32_t>(phrases_.size());
    r.done = true;
    return r;
  }

  // Whether tokens [i-n, i) form a phrase with `flag` (no clitics).
  bool PhraseBefore(size_t i, uint32_t flag) const {
    if (i >= toks_.size() || toks_[i].para_before) return false;
    for (size_t n = 1; n <= 3 && n <= i; ++n) {
      if (toks_[i - n].para_before && n > 1) break;
      const Hit h = Lookup(
          i - n, [&](const FigureEntry& e) { return (e.flags & flag) != 0; }, true);
      if (h && h.next == i) return true;
    }
    return false;
  }

  // Words after "killed" or "dead" that leave them the count of the dead ("107 killed in").
  static bool IsLinkWord(std::string_view w) {
    static constexpr std::string_view kWords[] = {
        "in", "on",   "at",    "and", "after", "as",        "when",  "while", "during",
        "by", "from", "since", "so",  "or",    "including", "today", "last",  "yesterday"};
    for (std::string_view k : kWords) {
      if (w == k) return true;
    }
    return false;
  }

  // Whether token i-1 is a Hebrew "in/from/until the middle, end or beginning of".
  bool PartOfPeriodBefore(size_t i) const {
    if (i == 0) return false;
    static constexpr std::string_view kWords[] = {"באמצע", "בסוף",   "בתחילת", "מאמצע",
                                                  "מסוף",  "מתחילת", "לסוף",   "לתחילת"};
    std::string_view p = toks_[i - 1].norm;
    if (p.rfind("ו", 0) == 0) p.remove_prefix(std::string_view("ו").size());  // "and" joined
    for (std::string_view w : kWords) {
      if (p == w) return true;
    }
    return false;
  }

  // "1908 Mt Vernon Ave #2543": one to three capitalized English words from token i, then a
  // street's suffix; the number before them is a house number, not a year.
  bool StreetAfter(size_t i) const {
    static constexpr std::string_view kSuffixes[] = {
        "ave", "avenue", "st", "street", "rd",  "road",    "blvd", "boulevard",
        "dr",  "drive",  "ln", "lane",   "hwy", "highway", "pkwy", "parkway"};
    for (size_t q = i; q < i + 4 && q < toks_.size(); ++q) {
      const Tok& w = toks_[q];
      if (w.para_before || w.type != TokType::kWord || w.script != 'l' || !w.cap) return false;
      if (q > i) {
        for (std::string_view x : kSuffixes) {
          if (w.norm == x) return true;
        }
      }
    }
    return false;
  }

  // Token i (four digits before 1800) after the Hebrew "in" or an English preposition, where
  // the words around leave no room for an amount (TryDate's early years).
  bool EarlyYearCue(size_t i) const {
    const bool clause_end = i + 1 >= toks_.size() || toks_[i + 1].para_before ||
                            IsPunct(i + 1, ".") || IsPunct(i + 1, ",") || IsPunct(i + 1, ";") ||
                            IsPunct(i + 1, ")");
    if (CliticHas(CliticBefore(i), "ב")) {
      if (clause_end || toks_[i + 1].norm == "את") return true;
      const size_t c = IsPunct(i - 1, "-") ? i - 2 : i - 1;
      return c == 0 || toks_[c].para_before || IsPunct(c - 1, ".") || IsPunct(c - 1, ",") ||
             IsPunct(c - 1, ";") || IsPunct(c - 1, ":") || IsPunct(c - 1, "(");
    }
    const std::string& p = toks_[i - 1].norm;
    if (Attached(i) || toks_[i - 1].script != 'l' ||
        (p != "in" && p != "before" && p != "after" && p != "since" && p != "until")) {
      return false;
    }
    // "a tolerance of 1 in 1250.", "one in 1500": a ratio.
    if (p == "in" && i >= 2 && (toks_[i - 2].type == TokType::kNum || toks_[i - 2].norm == "one")) {
      return false;
    }
    if (clause_end) return true;
    // "in 1632 by Swedish troops": "by" naming the agent ("grew in 1250 by" is rare).
    static constexpr std::string_view kNext[] = {"at", "in", "on", "when", "with", "by"};
    for (std::string_view w : kNext) {
      if (toks_[i + 1].norm == w) return true;
    }
    // "in 1655 he enlisted", "in 1724 as professor": a subject pronoun or "as" after the year
    // starts the clause the year dates ("in 1250 cases" stays a count).
    if (p == "in" && toks_[i + 1].type == TokType::kWord) {
      static constexpr std::string_view kClause[] = {"he",  "she", "it",   "they", "we",
                                                     "i",   "as",  "his",  "her",  "their",
                                                     "the", "a",   "this", "there"};
      for (std::string_view w : kClause) {
        if (toks_[i + 1].norm == w) return true;
      }
    }
    // "a temporary illness in 1733 gave him": a verb in the past after the year (a lowercase
    // word ending in "ed", or one of the common irregular ones).
    if (p == "in" && toks_[i + 1].type == TokType::kWord && toks_[i + 1].script == 'l' &&
        !toks_[i + 1].cap) {
      const std::string& w = toks_[i + 1].norm;
      if ((w.size() > 4 && w.compare(w.size() - 2, 2, "ed") == 0) || w == "gave" || w == "was" ||
          w == "were" || w == "had" || w == "made" || w == "took" || w == "came" || w == "went" ||
          w == "became" || w == "wrote" || w == "left") {
        return true;
      }
    }
    return false;
  }

  // "the post-1599 plays", "mid-1650": a year joined to pre-, post- or mid- is one in any
  // century from 1000. "Trident Shipping, founded 1809,", "born 1564 in Stratford": so is a
  // year right after a verb of founding, building, birth or death, where the clause goes on
  // with punctuation or a preposition ("built 1500 houses", "completed 1200 km" are counts).
  bool MarkedYear(size_t i) const {
    if (i >= 2 && IsPunct(i - 1, "-") && Attached(i - 1) && Attached(i) &&
        LatinWordIs(i - 2, {"pre", "post", "mid"})) {
      return !FollowedByAmountWord(i + 1);
    }
    if (Attached(i) || toks_[i - 1].para_before ||
        !LatinWordIs(i - 1, {"founded", "established", "built", "born", "died", "completed",
                             "erected", "incorporated", "published", "consecrated"})) {
      return false;
    }
    const Tok* n = At(i + 1);
    if (n == nullptr || n->para_before) return true;
    if (n->type == TokType::kPunct) {
      return IsPunct(i + 1, ",") || IsPunct(i + 1, ".") || IsPunct(i + 1, ";") ||
             IsPunct(i + 1, ")");
    }
    return LatinWordIs(i + 1, {"in", "at", "and", "by", "as", "on", "when", "under", "with"});
  }

  // History prose dates events by a year before 1800 after a preposition of time: "as early
  // as 1519.", "in 1773 or earlier", "in 1345 that caused", "in 1562 calling it", "in 1263
  // during the reign", "In 1700 several hundred", "the early months of 1754 they". Token i
  // (four digits from 1000 to 1799) is such a year when what follows it starts a clause or a
  // phrase of its own (punctuation, a pronoun or determiner, a preposition, a verb, "or
  // earlier", another year); a plural noun, a unit or a scale word after it, "of" + noun, or
  // a hyphen keeps it a count ("in 1200 villages", "of 1500 men", "in 1000 ms").
  bool EnglishYearAfterPreposition(size_t i) const {
    // "William Tyndale's English Bible (1525 forward)": in parentheses with "forward" or
    // "onward" the year starts a span that is still open.
    if (i > 0 && IsPunct(i - 1, "(") && i + 2 < toks_.size() && IsPunct(i + 2, ")") &&
        !toks_[i].para_before && !toks_[i + 1].para_before && IsInt(toks_[i]) &&
        toks_[i].norm.size() == 4 && toks_[i + 1].script == 'l' &&
        (toks_[i + 1].norm == "forward" || toks_[i + 1].norm == "onward" ||
         toks_[i + 1].norm == "onwards")) {
      return true;
    }
    // "c. 1455", "ca. 1460": the abbreviation of circa.
    const bool circa_dot = i >= 2 && IsPunct(i - 1, ".") && Attached(i - 1) &&
                           toks_[i - 2].type == TokType::kWord &&
                           (toks_[i - 2].norm == "c" || toks_[i - 2].norm == "ca");
    if (i == 0 || Attached(i) || toks_[i].para_before || toks_[i - 1].para_before ||
        (!circa_dot && (toks_[i - 1].type != TokType::kWord || toks_[i - 1].script != 'l')) ||
        !IsInt(toks_[i]) || toks_[i].norm.size() != 4) {
      return false;
    }
    const std::string& p = circa_dot ? toks_[i - 2].norm : toks_[i - 1].norm;
    const auto word = [&](size_t q) -> std::string_view {
      return q < toks_.size() && toks_[q].type == TokType::kWord && toks_[q].script == 'l'
                 ? std::string_view(toks_[q].norm)
                 : std::string_view();
    };
    const auto starts_clause = [&](size_t q) {
      return q == 0 || toks_[q].para_before || IsPunct(q - 1, ".") || IsPunct(q - 1, ";") ||
             IsPunct(q - 1, ":") || IsPunct(q - 1, "\"");
    };
    // ("Stephen reigned 1135–54": the verbs of a reign as well.)
    bool prep = TimePreposition(p) || p == "circa" || circa_dot || p == "throughout" ||
                p == "reigned" || p == "ruled";
    // "By 1700 the city had grown", "Around 1519, he broke with Rome": at the sentence's
    // start ("grew by 1500 the next year", "numbered around 1519." are amounts).
    // "From 1594, Shakespeare's plays": "from" so too, before a comma.
    if ((p == "by" || p == "around" || p == "from") &&
        (starts_clause(i - 1) || word(i - 2) == "and")) {
      prep = p == "by" || IsPunct(i + 1, ",");
    }
    // "from 1260 until his death in 1294": "until" after "from" and the year ("from 1200 to
    // 1500" is TryEarlyYearRange's; "rose from 1200 to" stays an amount).
    if (p == "from" && i + 1 < toks_.size() && !toks_[i + 1].para_before &&
        (toks_[i + 1].norm == "until" || toks_[i + 1].norm == "till")) {
      prep = true;
    }
    // "dating from 1600 to the present", "from 1653 to date": a span still open from the
    // year (whole hundreds too: "rose from 1200 to 1500" has no "present").
    const bool to_present = [&] {
      if (p != "from" || i + 2 >= toks_.size() || toks_[i + 1].norm != "to" ||
          toks_[i + 1].para_before || toks_[i + 2].para_before) {
        return false;
      }
      const std::string_view x = word(i + 2);
      if (x == "today" || x == "date" || x == "now") return true;
      if (x != "the" || (word(i + 3) != "present" && word(i + 3) != "present-day")) return false;
      // "from 1200 to the present level": "present" qualifies a noun, the figure is an
      // amount; the span ends the clause ("to the present.", "to the present day").
      size_t q = i + 4;
      if (word(q) == "day" || word(q) == "time" || word(q) == "times") ++q;
      return q >= toks_.size() || toks_[q].para_before || toks_[q].type == TokType::kPunct ||
             WordIs(q, {"and", "but", "or", "in", "at", "on", "with", "by", "under", "when",
                        "while", "as", "is", "was", "are", "were", "has", "have", "had"});
    }();
    if (to_present) return true;
    // "as early as 1519", "as late as 1750".
    if (p == "as" && i >= 3 && word(i - 3) == "as" &&
        (word(i - 2) == "early" || word(i - 2) == "late")) {
      prep = true;
    }
    // "in early 1754", "until late 1620".
    if ((p == "early" || p == "late" || p == "mid") && i >= 2) {
      const std::string_view q = word(i - 2);
      prep = q == "in" || q == "until" || q == "since" || q == "by" || q == "till";
    }
    // "Michaelmas 1588", "Easter Term 1601", "Christmas 1599": a feast of the church year, or
    // a law or university term named by one, is dated by the year after it.
    {
      const bool term = p == "term" && i >= 2 && toks_[i - 1].cap;
      const std::string_view f = term ? word(i - 2) : p;
      if ((term || toks_[i - 1].cap) &&
          (f == "michaelmas" || f == "hilary" || f == "easter" || f == "trinity" ||
           f == "christmas" || f == "lent" || f == "whitsun" || f == "candlemas" || f == "lammas" ||
           f == "martinmas" || f == "whitsuntide" || f == "shrovetide")) {
        prep = true;
      }
    }
    // "in autumn 1599", "by spring 1592": a season between the preposition and the year.
    const auto time_prep = [](std::string_view w) {
      return TimePreposition(w) || w == "by" || w == "from";
    };
    if ((p == "spring" || p == "summer" || p == "autumn" || p == "fall" || p == "winter") &&
        i >= 2 && (time_prep(word(i - 2)) || word(i - 2) == "early" || word(i - 2) == "late")) {
      prep = true;
    }
    // "until about 1608", "in around 1590", "since circa 1560": a word of approximation after
    // the preposition.
    if ((p == "about" || p == "around" || p == "approximately" || p == "roughly") && i >= 2 &&
        time_prep(word(i - 2))) {
      prep = true;
    }
    // "retired to Stratford around 1613 at age 49": "around" in the clause, before "at" or
    // "when" ("numbered around 1519." stays an amount).
    if (p == "around" && i >= 2 && i + 1 < toks_.size() && !toks_[i + 1].para_before &&
        (word(i + 1) == "at" || word(i + 1) == "when") && toks_[i - 2].type == TokType::kWord &&
        !ChangeWord(word(i - 2))) {
      prep = true;
    }
    // "on the London stage by 1592.", "quarto editions from 1594.": "by" or "from" and the
    // year at the clause's end, after a word that states no change ("grew by 1250.", "rose
    // from 1450," and "1 by 1250," are amounts).
    if ((p == "by" || p == "from") && i >= 2 && !starts_clause(i - 1) &&
        !ComputingSize(IntValue(toks_[i])) && toks_[i - 2].type == TokType::kWord &&
        !ChangeWord(word(i - 2)) &&
        (IsPunct(i + 1, ".") || IsPunct(i + 1, ",") || IsPunct(i + 1, ";")) &&
        !(i + 2 < toks_.size() && toks_[i + 2].type == TokType::kNum && Attached(i + 2))) {
      prep = true;
    }
    // "the First Folio of 1623", "the Consultation of 1707": "of" after a capitalized name that
    // "the" opens ("the Army of 1500 men" counts: a whole hundred, or a plural after it).
    if (p == "of" && i >= 3 && toks_[i - 2].cap && !toks_[i - 2].upper) {
      size_t q = i - 2;
      while (q > 0 && q + 5 > i && toks_[q].cap && toks_[q].norm != "the" &&
             !toks_[q].para_before && toks_[q].type == TokType::kWord && toks_[q].script == 'l') {
        --q;
      }
      if (word(q) == "the" && !toks_[q + 1].para_before) prep = true;
    }
    // "the early months of 1754", "the summer of 1075", "the war of 1740": "of" after a noun
    // of time or of an event ("a force of 1500" stays a count).
    if (p == "of" && i >= 2) {
      // "the Treaty of Paris of 1763": the event's place between ("of Paris").
      const size_t noun =
          i >= 4 && toks_[i - 2].cap && word(i - 3) == "of" && !toks_[i - 2].para_before ? i - 4
                                                                                         : i - 2;
      // "the plagues of 1592", "the wars of 1648": the plural of an event's noun after "the"
      // as well ("starts of 1450" are housing starts, "ends of 1250" a count).
      const std::string_view w = word(noun);
      const auto event_plural = [&]() {
        if (w.size() <= 3 || w.back() != 's' || noun == 0 ||
            !WordIs(noun - 1, {"the", "these", "those", "its", "their"})) {
          return false;
        }
        const std::string_view one = w.substr(0, w.size() - 1);
        for (std::string_view x :
             {"war", "plague", "fire", "flood", "storm", "famine", "election", "revolution",
              "rebellion", "campaign", "siege", "massacre", "uprising", "invasion", "battle"}) {
          if (one == x) return true;
        }
        return false;
      };
      prep = prep || TimeNoun(w) || event_plural();
    }
    if (!prep) return false;
    const int v = IntValue(toks_[i]);
    // "one in 1500.", "1 in 1200": a ratio.
    if (p == "in" && i >= 2 && (toks_[i - 2].type == TokType::kNum || word(i - 2) == "one")) {
      return false;
    }
    const Tok* n = At(i + 1);
    const bool whole = v % 100 == 0;
    // A whole hundred ("in 1200", "of 1500") reads as well as an amount: only at the
    // sentence's start before a determiner or pronoun ("In 1700 several hundred Huguenots").
    static constexpr std::string_view kOpeners[] = {
        "he",   "she",   "it",    "they",  "we",     "i",      "you",   "the", "a",   "an",
        "this", "these", "those", "there", "his",    "her",    "their", "its", "our", "several",
        "many", "some",  "most",  "much",  "nearly", "almost", "both",  "each"};
    const auto opener = [&](std::string_view w) {
      for (std::string_view x : kOpeners) {
        if (w == x) return true;
      }
      return false;
    };
    const auto past_verb = [](std::string_view w) {
      return (w.size() > 4 && w.substr(w.size() - 2) == "ed") || w == "gave" || w == "was" ||
             w == "were" || w == "had" || w == "made" || w == "took" || w == "came" ||
             w == "went" || w == "became" || w == "wrote" || w == "left" || w == "saw" ||
             w == "began" || w == "fell" || w == "won" || w == "lost" || w == "led" ||
             w == "sent" || w == "kept" || w == "held" || w == "met" || w == "brought" ||
             w == "found" || w == "stood" || w == "built" || w == "fought" || w == "spoke" ||
             w == "told";
    };
    if (whole) {
      // ("Around 1700, some 400,000 Huguenots": or a comma.)
      return starts_clause(i - 1) && n != nullptr && !n->para_before &&
             ((opener(word(i + 1)) && !Attached(i + 1)) || IsPunct(i + 1, ","));
    }
    if (n == nullptr || n->para_before) return true;
    if (IsPunct(i + 1, "-")) return LaterYearAfterDash(i);
    if (n->type == TokType::kPunct) {
      // "in 1795 (Vol. 1, Vol. 2)": parentheses that open on a capitalized word (a
      // reference, a name) after the year; "in 1250 (12%)" stays an amount.
      if (IsPunct(i + 1, "(") && i + 2 < toks_.size() && !toks_[i + 2].para_before &&
          toks_[i + 2].type == TokType::kWord && toks_[i + 2].script == 'l' && toks_[i + 2].cap) {
        return true;
      }
      return (IsPunct(i + 1, ".") || IsPunct(i + 1, ",") || IsPunct(i + 1, ";") ||
              IsPunct(i + 1, ":") || IsPunct(i + 1, ")") || IsPunct(i + 1, "!") ||
              IsPunct(i + 1, "?")) &&
             !(IsPunct(i + 1, ".") && Attached(i + 1) && i + 2 < toks_.size() &&
               toks_[i + 2].type == TokType::kNum && Attached(i + 2));
    }
    if (n->type != TokType::kWord || n->script != 'l') return false;
    // "(c. 1640 AD)", "in 1066 CE": the era of the Common Era in capitals.
    if (n->upper && (n->norm == "ad" || n->norm == "ce")) return true;
    // "In 1066 William invaded", "in 1520 Luther published": a name starts the clause; a
    // plural ("in 1500 Spaniards", "in 1500 Spanish soldiers") is counted.
    if (n->cap) {
      const Tok* n2 = At(i + 2);
      return !n->upper && !PluralNoun(n->norm) && n->norm.back() != 's' &&
             !(n2 != nullptr && !n2->para_before && n2->type == TokType::kWord &&
               (PluralNoun(n2->norm) || FollowedByAmountWord(i + 2))) &&
             !FollowedByAmountWord(i + 1);
    }
    const std::string_view w = n->norm;
    if (opener(w)) return true;
    static constexpr std::string_view kLinks[] = {
        "that",    "which",    "who",    "when",      "where", "while", "during", "under",
        "after",   "before",   "until",  "following", "at",    "on",    "in",     "with",
        "by",      "against",  "upon",   "amid",      "as",    "from",  "for",    "because",
        "despite", "although", "though", "and",       "or",    "to"};
    bool link = false;
    for (std::string_view x : kLinks) link = link || w == x;
    if (link) {
      const size_t q = i + 2;
      if (q >= toks_.size() || toks_[q].para_before) return true;
      // "in 1665 and 1691", "in 1773 or earlier": another year, or a word of time.
      if (w == "and" || w == "or" || w == "to") {
        const std::string_view x = word(q);
        if (x == "earlier" || x == "later" || x == "before" || x == "after" || x == "so" ||
            x == "thereabouts" || x == "again") {
          return true;
        }
        // "lasted until 1279 and that concluded": a relative or a conjunction after "and"
        // opens a clause of its own.
        if (w == "and" && (x == "that" || x == "which" || x == "then" || x == "thus")) {
          return true;
        }
        // "Michaelmas Term 1588 and 9 October 1589": a full date after "and".
        if (w != "to" && IsInt(toks_[q]) && toks_[q].norm.size() <= 2 && MonthAt(q + 1) &&
            !toks_[q + 1].para_before) {
          return true;
        }
        if (IsInt(toks_[q])) {
          return w != "to" && toks_[q].norm.size() == 4 && IsYear(q, 1000) &&
                 !FollowedByAmountWord(q + 1) && !(q + 1 < toks_.size() && PluralNoun(word(q + 1)));
        }
        if (w != "to" && past_verb(x)) return true;  // "before 1150 and rebuilt after"
        // "Johnson in 1765 and Malone in 1790": a name opens the next item.
        if (w == "and" && toks_[q].cap && !toks_[q].upper && toks_[q].type == TokType::kWord &&
            toks_[q].script == 'l' && !PluralNoun(x) && !FollowedByAmountWord(q + 1)) {
          return true;
        }
        // "in 1598 to Shakespeare's": "to" before a name.
        if (w == "to" && p != "from" && toks_[q].cap && !toks_[q].upper &&
            toks_[q].type == TokType::kWord && toks_[q].script == 'l') {
          return true;
        }
        return w == "to" ? x == "the"
                         : opener(x) && x != "several" && x != "many" && x != "some" &&
                               x != "most" && x != "much";
      }
      // "in 1200 in the north" hardly counts anything; a number after the link does.
      return toks_[q].type != TokType::kNum;
    }
    // "in 1733 gave him", "in 1562 calling it": a verb in the past, or in -ing before a
    // pronoun or an article.
    // ("in 1500 armed men": an adjective in -ed before a plural noun is a count's.)
    if (past_verb(w)) return !PluralNoun(word(i + 2));
    if (w.size() > 5 && w.substr(w.size() - 3) == "ing") {
      const std::string_view x = word(i + 2);
      return !x.empty() && (opener(x) || x == "him" || x == "them" || x == "to");
    }
    return false;
  }

  // "World Cup 2018 day five", "Olympics 2012 day 3": after a capitalized event's name, the
  // year and "day" with the day's number name the event's day; "day" counts nothing.
  bool EventDayAfterYear(size_t i, size_t k) const {
    if (i == 0 || !IsYear(i) || k + 1 >= toks_.size() || toks_[k].norm != "day" ||
        toks_[k].para_before || toks_[k + 1].para_before || toks_[i - 1].type != TokType::kWord ||
        toks_[i - 1].script != 'l' || !toks_[i - 1].cap || toks_[i].para_before) {
      return false;
    }
    return (IsInt(toks_[k + 1]) && toks_[k + 1].norm.size() <= 2) ||
           WordIs(k + 1, {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                          "ten", "eleven", "twelve"});
  }

  // Sizes of computing ("by 1024,", "start from 1024.", "1366 x 768") are far more often
  // than such years where no preposition of time dates them.
  static bool ComputingSize(int v) {
    return v == 1024 || v == 1080 || v == 1280 || v == 1366 || v == 1440 || v == 1536;
  }

  // A word that states a change of an amount or a count, after which "by" or "from" and a
  // number give the change's size or its start.
  static bool ChangeWord(std::string_view w) {
    if (w.empty()) return true;
    for (std::string_view x :
         {"grew",      "rose",       "fell",      "rise",       "fall",     "grow",
          "increase",  "decrease",   "increased", "decreased",  "reduced",  "raised",
          "lowered",   "dropped",    "jumped",    "climbed",    "declined", "gained",
          "exceeded",  "boosted",    "expanded",  "multiplied", "divided",  "outnumbered",
          "shortened", "lengthened", "improved",  "changed",    "moved",    "shifted",
          "drop",      "up",         "down",      "cut",        "times",    "lost",
          "won",       "beat",       "jump",      "decline",    "gain",     "loss",
          "change",    "growth",     "shrink",    "shrank",     "number",   "numbered",
          "total",     "totaled",    "totalled",  "multiply",   "divide",   "away",
          "off",       "is",         "was",       "are",        "were",     "be",
          "been",      "of",         "or",        "and",        "to",       "than",
          "over",      "under",      "between",   "some",       "about",    "counted",
          "estimated", "valued",     "priced",    "rated",      "ranked",   "scored",
          "start",     "starts",     "starting",  "begin",      "begins",   "count",
          "counts",    "counting",   "value",     "values",     "scale",    "offset",
          "started",   "began",      "begun",     "came",       "come",     "comes",
          "sorted",    "followed",   "indexed",   "ordered"}) {
      if (w == x) return true;
    }
    return false;
  }

  // "The earthquake in 1755 killed 60,000 people", "the storm of 1703 killed a third": after
  // a year that "in", "of" or "during" dates, "killed" (or "wounded", "injured") with its
  // object is the clause's verb, not a count of the dead ("1755 killed in the clashes").
  bool KilledVerbAfterYear(size_t i, size_t k) const {
    if (i == 0 || k + 1 >= toks_.size() || !IsYear(i, 1000) || toks_[k].para_before ||
        toks_[k + 1].para_before || Attached(k) ||
        (toks_[i - 1].norm != "in" && toks_[i - 1].norm != "of" && toks_[i - 1].norm != "during") ||
        (toks_[k].norm != "killed" && toks_[k].norm != "wounded" && toks_[k].norm != "injured")) {
      return false;
    }
    if (toks_[k + 1].type == TokType::kNum) return true;
    static constexpr std::string_view kObjects[] = {
        "a",      "an",      "the",    "half",   "his",       "her",      "their",
        "its",    "some",    "many",   "most",   "all",       "about",    "over",
        "more",   "nearly",  "around", "up",     "thousands", "hundreds", "millions",
        "dozens", "tens",    "one",    "two",    "three",     "several",  "much",
        "every",  "between", "at",     "almost", "roughly"};
    for (std::string_view w : kObjects) {
      if (toks_[k + 1].norm == w) return true;
    }
    return false;
  }

  // "the plagues of 1592–3": token q, one digit after a dash, is a later year of the same
  // decade as `year`. Only before 1900: in modern text "2020-1" numbers a case or an edition
  // more often than it spans two years.
  bool OneDigitLaterYear(int year, size_t q) const {
    return q < toks_.size() && IsInt(toks_[q]) && toks_[q].norm.size() == 1 && year < 1900 &&
           year % 10 < IntValue(toks_[q]);
  }

  // "1620–21", "1038–40", "1654–1657": after year i a dash and a later year of the same
  // century in two digits, or one of three or four digits at most 150 years on, that counts
  // nothing after it.
  bool LaterYearAfterDash(size_t i) const {
    const size_t q = i + 2;
    if (!IsPunct(i + 1, "-") || q >= toks_.size() || !IsInt(toks_[q]) || toks_[q].para_before) {
      return false;
    }
    if (toks_[q].norm.size() == 1) {
      return OneDigitLaterYear(IntValue(toks_[i]), q) && !FollowedByAmountWord(q + 1) &&
             !(Attached(q + 1) && toks_[q + 1].type == TokType::kWord);
    }
    if (toks_[q].norm.size() != 2) return ArabicLaterYearAfterDash(i);
    return IntValue(toks_[q]) > IntValue(toks_[i]) % 100 && !FollowedByAmountWord(q + 1) &&
           !(Attached(q + 1) && toks_[q + 1].type == TokType::kWord);
  }

  // "again in 1654–57, 1665, 1691, and 1740–42": four digits from 1000 to 1799 after a
  // comma, "and" or "or" that follow a year (or a span of years) just read, later than it
  // and ending the item (a comma, "and", the clause's end, or a span with a dash).
  bool EnglishYearInList(size_t i) const {
    if (i < 2 || out_.empty() || !IsInt(toks_[i]) || toks_[i].norm.size() != 4 ||
        toks_[i].para_before || toks_[i - 1].para_before) {
      return false;
    }
    size_t s = i - 1;
    if (toks_[s].norm == "and" || toks_[s].norm == "or") {
      if (IsPunct(s - 1, ",")) --s;
    } else if (!IsPunct(s, ",")) {
      return false;
    }
    const Figure& f = out_.back();
    if (s == 0 || f.end != toks_[s - 1].end) return false;
    std::string last;
    if (f.kind == FigureKind::kDate && f.date.size() == 4) last = f.date;
    if (f.kind == FigureKind::kDateRange && f.from.size() == 4 && f.to.size() == 4) last = f.to;
    if (last.empty()) return false;
    const int v = IntValue(toks_[i]), prev = std::atoi(last.c_str());
    // "(in 1875, 1877, 1902, and 1913)": later years near the first; an earlier one
    // ("written in 1605, 1603 and 1604") too, unless a whole hundred (read as a count).
    if (v == prev || std::abs(v - prev) > 200 || (v < prev && v % 100 == 0)) return false;
    const Tok* n = At(i + 1);
    if (n == nullptr || n->para_before) return true;
    if (IsPunct(i + 1, "-")) return LaterYearAfterDash(i);
    // "in 1754 and 1755 the British lost": a pronoun or an article after it starts the clause.
    static constexpr std::string_view kClause[] = {"the", "he",  "she",   "it",  "they", "we",
                                                   "his", "her", "their", "its", "this", "there"};
    for (std::string_view w : kClause) {
      if (n->type == TokType::kWord && n->norm == w) return true;
    }
    return IsPunct(i + 1, ",") || IsPunct(i + 1, ".") || IsPunct(i + 1, ";") ||
           IsPunct(i + 1, ")") || n->norm == "and" || n->norm == "or";
  }

  // English cues for a year before 1800 of three or four digits (not a whole hundred, which
  // reads as well as an amount): "By 1563, the population", "and by 352, he was" (a clause
  // that opens with "by" and the year, then a comma; "fell by 250, to" is a change), "in the
  // summer of 1075", "killed in battle in 363." (three digits after a preposition of time at
  // the clause's end; "one in 250." is a ratio), "In 833 AD", "to 394 AD" (the era in
  // capitals after a preposition).
  bool EnglishEarlyYearCue(size_t i) const {
    if (Attached(i) || toks_[i - 1].script != 'l' || toks_[i - 1].para_before) return false;
    const std::string& p = toks_[i - 1].norm;
    const Tok* next = At(i + 1);
    const bool clause_end = next == nullptr || next->para_before || IsPunct(i + 1, ".") ||
                            IsPunct(i + 1, ",") || IsPunct(i + 1, ";");
    if (next != nullptr && !next->para_before && next->upper &&
        (next->norm == "ad" || next->norm == "ce") &&
        (p == "in" || p == "to" || p == "by" || p == "until" || p == "since" || p == "from" ||
         p == "before" || p == "after" || p == "of" || p == "till")) {
      // "363 AD groups": a lower-case noun after "AD" makes it a name (Active Directory).
      const Tok* w = At(i + 2);
      if (w == nullptr || w->para_before || w->type != TokType::kWord || w->script != 'l' ||
          w->cap) {
        return true;
      }
      for (std::string_view x : {"and", "or", "to", "in", "on", "at", "when", "the", "by", "with",
                                 "he", "she", "it", "they", "was", "were"}) {
        if (w->norm == x) return true;
      }
      return false;
    }
    if (p == "by") {
      const bool opens = i == 1 || toks_[i - 1].para_before || IsPunct(i - 2, ".") ||
                         IsPunct(i - 2, ",") || IsPunct(i - 2, ";") || toks_[i - 2].norm == "and";
      return opens && IsPunct(i + 1, ",");
    }
    // "in the summer of 1075", "ended in spring of 1415": a season and "of" after "the" or a
    // preposition of time ("the army of 1500" stays a count).
    if (p == "of" && i >= 3 &&
        (toks_[i - 3].norm == "the" || toks_[i - 3].norm == "in" || toks_[i - 3].norm == "by" ||
         toks_[i - 3].norm == "until" || toks_[i - 3].norm == "since" ||
         toks_[i - 3].norm == "early" || toks_[i - 3].norm == "late")) {
      const std::string& s = toks_[i - 2].norm;
      if (s == "spring" || s == "summer" || s == "autumn" || s == "fall" || s == "winter") {
        return true;
      }
    }
    if (toks_[i].norm.size() == 3 && clause_end &&
        (p == "in" || p == "since" || p == "until" || p == "before" || p == "after")) {
      // "one in 250.", "1 in 500,": a ratio.
      return !(i >= 2 && (toks_[i - 2].type == TokType::kNum || toks_[i - 2].norm == "one"));
    }
    return false;
  }

  // "في 874م", "في 1038 - 40", "بدايةً من 1519.": in Arabic, three or four digits before 1800
  // after "in", "since", "until", "before", "after" (or "starting from") are a year when the
  // era marker follows, when a later year of the same century follows as two digits after a
  // dash, or (four digits, not a whole hundred) when the clause ends there. "على ارتفاع 874م"
  // (meters) and "في 1500 موقع" (a count) have no such cue.
  bool ArabicEarlyYearCue(size_t i) const {
    if (i == 0) return false;  // the cue is a word before the year
    if (ArabicParenthesizedYear(i)) return true;
    if (Attached(i) || toks_[i - 1].script != 'a' || toks_[i - 1].para_before) return false;
    const std::string& p = toks_[i - 1].norm;
    const bool prep = p == "في" || p == "وفي" || p == "منذ" || p == "حتى" || p == "قبل" ||
                      p == "بعد" || p == "وقبل" || p == "وبعد" || p == "الموافق" ||
                      p == "الموافقه" ||
                      (p == "من" && i >= 2 &&
                       (toks_[i - 2].norm == "بدايه" || toks_[i - 2].norm == "بداية" ||
                        toks_[i - 2].norm == "ابتداء" || toks_[i - 2].norm == "اعتبارا" ||
                        ArabicTimePartAt(i - 2)));
    if (!prep) return IsYear(i, 1000) && ArabicYearListBefore(i);
    const int v = IntValue(toks_[i]);
    bool hijri = false;
    if (YearEnd(i, &hijri) != i + 1) return true;
    if (toks_[i].norm.size() != 4 || v % 100 == 0) return false;
    if (IsPunct(i + 1, "-") && i + 2 < toks_.size() && IsInt(toks_[i + 2]) &&
        toks_[i + 2].norm.size() == 2 && !toks_[i + 2].para_before &&
        IntValue(toks_[i + 2]) > v % 100 && !FollowedByAmountWord(i + 3)) {
      return true;
    }
    // "في 1263 في عهد كوبلاي", "من 1754 في بناء": a preposition after the number opens
    // another phrase, where a counted noun would stand ("في 1500 في المائة" is a percent).
    if (i + 2 < toks_.size() && !toks_[i + 1].para_before && !Attached(i + 1) &&
        WordIs(i + 1, {"في", "عندما", "حين", "حيث"}) &&
        !WordIs(i + 2, {"المائه", "المئه", "الماية", "الميه"})) {
      return true;
    }
    // "في 1773 أو قبل ذلك", "في 1665 و 1691": "or" or "and" ends the year's clause too.
    return i + 1 >= toks_.size() || toks_[i + 1].para_before || IsPunct(i + 1, ".") ||
           IsPunct(i + 1, ",") || IsPunct(i + 1, "،") || IsPunct(i + 1, ";") ||
           (IsPunct(i + 1, "(") && IsYear(i, 1000)) ||
           (toks_[i + 1].script == 'a' && !Attached(i + 1) &&
            (toks_[i + 1].norm == "او" || toks_[i + 1].norm == "و") && IsYear(i, 1000) &&
            !(i + 2 < toks_.size() && IsInt(toks_[i + 2]) && FollowedByAmountWord(i + 3))) ||
           ArabicLaterYearAfterDash(i);
  }

  // "في الأشهر الأولى من 1754", "أواخر من": a word for a part of a period at token k, or the
  // adjective after one ("الأشهر الأولى"), before "من" and a year.
  bool ArabicTimePartAt(size_t k) const {
    const auto part = [&](size_t t) {
      return WordIs(t, {"الاشهر", "اشهر", "الشهور", "شهور", "اوايل", "اواخر", "منتصف", "نهايه",
                        "مطلع", "ربيع", "صيف", "خريف", "شتاء", "الايام", "ايام", "الاسابيع",
                        "اسابيع", "شهر", "الشهر"});
    };
    if (part(k)) return true;
    return k >= 1 && toks_[k].script == 'a' && toks_[k].norm.rfind("ال", 0) == 0 &&
           !toks_[k].para_before && part(k - 1);
  }

  // "1654–1657", "865–915" at token i: a dash and a later year of three or four digits, at
  // most 150 years on, that counts nothing after it.
  bool ArabicLaterYearAfterDash(size_t i) const {
    const size_t q = i + 2;
    if (!IsPunct(i + 1, "-") || q >= toks_.size() || !IsInt(toks_[q]) || toks_[q].para_before ||
        toks_[q].norm.size() < 3 || toks_[q].norm.size() > 4 || FollowedByAmountWord(q + 1) ||
        (Attached(q + 1) && toks_[q + 1].type == TokType::kWord)) {
      return false;
    }
    const int a = IntValue(toks_[i]), b = IntValue(toks_[q]);
    return b > a && b - a <= 150 && b <= 2100;
  }

  // "مرسوم فونتينبلو (1685 )", "محمد بن زكريا الرازي (865–915)": alone in parentheses after
  // an Arabic word, a year before 1800 (not a whole hundred) or a span of two is the date
  // or the life of what the word names.
  bool ArabicParenthesizedYear(size_t i) const {
    if (i < 2 || !IsPunct(i - 1, "(") || toks_[i - 2].script != 'a' ||
        toks_[i - 2].type != TokType::kWord || toks_[i - 1].para_before || toks_[i].para_before) {
      return false;
    }
    const int v = IntValue(toks_[i]);
    if (IsPunct(i + 1, ")")) return IsYear(i, 1000) && v % 100 != 0;
    // Three digits from 500 on: a scholar's life, not a price or a page range.
    return v >= 500 && ArabicLaterYearAfterDash(i) && IsPunct(i + 3, ")");
  }

  // "في 1654–1657 و 1665 و 1691": four digits of a list joined by "and" whose first item
  // is a year after "in" (ArabicEarlyYearCue), a single year or a range with a dash.
  bool ArabicYearListBefore(size_t i) const {
    size_t j = i;
    for (int step = 0; step < 8; ++step) {
      if (j < 2 || toks_[j].para_before || toks_[j - 1].para_before) return false;
      size_t k = j - 1;  // the "and": a word of its own, or the clitic joined to the number
      if (toks_[k].script != 'a' || toks_[k].norm != "و") return false;
      if (k == 0 || toks_[k].para_before) return false;
      size_t y = k - 1;  // the item before: a year, or the end of a range
      if (y >= 2 && IsPunct(y - 1, "-") && IsInt(toks_[y - 2]) && toks_[y - 2].norm.size() == 4) {
        y -= 2;
      }
      if (!IsInt(toks_[y]) || toks_[y].norm.size() != 4 || !IsYear(y, 1000) ||
          toks_[y].para_before || y == 0) {
        return false;
      }
      const std::string& p = toks_[y - 1].norm;
      if (toks_[y - 1].script == 'a' && !Attached(y) && (p == "في" || p == "وفي" || p == "منذ")) {
        return true;
      }
      j = y;
    }
    return false;
  }

  // "من 1073 إلى 1074": after an Arabic opener, two years before 1800 of four digits joined
  // by "to", the second later in the same two centuries and counting nothing; two whole
  // hundreds ("من 1100 إلى 1200") may be amounts.
  bool EarlyYearPair(size_t j, bool between) const {
    if (j + 2 >= toks_.size() || !EarlyFourDigitYear(j)) return false;
    const Hit c = Lookup(
        j + 1, [](const FigureEntry& e) { return (e.flags & internal::kFigRangeTo) != 0; }, false);
    // "بين 1500 و 1850،": after "between", "and" as a word of its own, before a year from 1800
    // on that ends the clause.
    const bool and_later = between && (!c || c.next <= j + 1) && toks_[j + 1].norm == "و" &&
                           !toks_[j + 1].para_before && IsYear(j + 2, 1800) &&
                           (j + 3 >= toks_.size() || IsPunct(j + 3, ",") || IsPunct(j + 3, "،") ||
                            IsPunct(j + 3, "."));
    if (and_later) {
      const int a = IntValue(toks_[j]), b = IntValue(toks_[j + 2]);
      return !toks_[j + 2].para_before && b > a && b - a <= 400;
    }
    if (!c || c.next <= j + 1) return false;
    const size_t q = c.next;
    if (q >= toks_.size() || !IsInt(toks_[q]) || toks_[q].norm.size() != 4 ||
        toks_[q].para_before || FollowedByAmountWord(q + 1)) {
      return false;
    }
    return CloseLaterYear(IntValue(toks_[j]), IntValue(toks_[q]), 200);
  }

  // A year of four digits from 1000 to 1799 at j that opens no paragraph.
  bool EarlyFourDigitYear(size_t j) const {
    return j < toks_.size() && IsInt(toks_[j]) && toks_[j].norm.size() == 4 &&
           !toks_[j].para_before && !IsYear(j, 1800) && IsYear(j, 1000);
  }

  // b is later than a by at most limit years, and the two are not both whole hundreds (which
  // may be amounts: "1100 to 1200").
  static bool CloseLaterYear(int a, int b, int limit) {
    return b > a && b - a <= limit && !(a % 100 == 0 && b % 100 == 0);
  }

  // "between 1500 and 1850", "Between 1402 and 1405,": after "between", four digits from
  // 1000 to 1799 and "and" before a later year at most 400 years on, that counts nothing
  // ("between 1000 and 1500 men", "between 1200 and 1300" of two whole hundreds stay amounts).
  bool EnglishEarlyYearPair(size_t j) const {
    const size_t q = j + 2;
    if (q >= toks_.size() || !EarlyFourDigitYear(j) || toks_[j + 1].norm != "and" ||
        toks_[j + 1].para_before || !IsYear(q, 1000) || toks_[q].para_before ||
        FollowedByAmountWord(q + 1) || (Attached(q + 1) && toks_[q + 1].type != TokType::kPunct)) {
      return false;
    }
    if (const Tok* n = At(q + 1);
        n != nullptr && !n->para_before &&
        (n->type == TokType::kNum || PluralNoun(n->norm) || n->norm == "of")) {
      return false;
    }
    return CloseLaterYear(IntValue(toks_[j]), IntValue(toks_[q]), 400);
  }

  // The clitic-only word joined to number token i (ב-2023, כ־10, بـ10), or "".
  std::string_view CliticBefore(size_t i) const {
    if (i == 0 || toks_[i].space_before) return {};
    size_t w = i - 1;
    if (toks_[w].type == TokType::kPunct && toks_[w].norm == "-" && w > 0 &&
        !toks_[w].space_before) {
      --w;
    }
    const Tok& t = toks_[w];
    if (t.type != TokType::kWord) return {};
    if (t.script == 'h' && AllHebrewClitics(t.norm)) return t.norm;
    if (t.script == 'a' && AllArabicClitics(t.norm)) return t.norm;
    return {};
  }
  static bool CliticHas(std::string_view clitic, std::string_view letter) {
    return clitic.find(letter) != std::string_view::npos;
  }

  // A unit of the vocabulary (not a percent) after the number at token q, past one stray
  // Latin letter of a mangled encoding ("0.6 Â درجة مئوية").
  bool UnitAfterNumber(size_t q) const {
    size_t u = q + 1;
    if (u < toks_.size() && toks_[u].type == TokType::kWord && toks_[u].script == 'l' &&
        toks_[u].norm.size() <= 2 && !toks_[u].para_before) {
      ++u;
    }
    if (u >= toks_.size() || toks_[u].para_before) return false;
    return static_cast<bool>(
        Lookup(u, [](const FigureEntry& e) { return e.unit != nullptr && e.count == 0; }));
  }

  // "in 2010-dollar terms", "constant 2005-euro prices": a recent year joined by a hyphen
  // (token k) to the currency names the year whose prices are meant, not a sum; a hyphened
  // sum is small or in words ("a 500-dollar fine", "a twenty-dollar bill").
  bool PriceYearBefore(size_t k) const {
    if (k == 0 || !IsPunct(k, "-") || !Attached(k) || !Attached(k + 1)) return false;
    const Tok& y = toks_[k - 1];
    return y.type == TokType::kNum && y.norm.size() == 4 && y.norm >= "1900" && y.norm <= "2099";
  }

  bool FollowedByAmountWord(size_t i) const {
    if (IsPunct(i, "%")) return true;
    const Hit h = Lookup(i, [](const FigureEntry& e) {
      return e.scale > 0 || e.currency != nullptr || (e.flags & internal::kFigPercent) ||
             (e.unit != nullptr && e.count == 0);
    });
    if (!h || ((h.e->flags & internal::kFigAttachedOnly) && !Attached(i))) return false;
    if (h.e->currency != nullptr && PriceYearBefore(i)) return false;
    // "בשנות ה-90 כמאה אלף": a Hebrew scale word with its own clitic (not the article)
    // opens the next number.
    return !(toks_[i].script == 'h' && !h.clitic.empty() && h.clitic != "ה" && h.e->scale > 0);
  }

  // Numbers that belong to names, codes, times, phone numbers. Sets
  // *skip_to past a phone-like run.
  bool LooksAlike(size_t i, size_t* skip_to) const {
    const Tok& t = toks_[i];
    if (i > 0 && Attached(i)) {
      const Tok& p = toks_[i - 1];
      // "48x48 بكسل": the second side of a dimension with its unit is not a name.
      const bool dimension_side =
          p.norm == "x" && i >= 2 && Attached(i - 1) && toks_[i - 2].type == TokType::kNum &&
          i + 1 < toks_.size() && !toks_[i + 1].para_before &&
          Lookup(i + 1, [](const FigureEntry& e) { return e.unit != nullptr && e.count == 0; });
      if (p.type == TokType::kWord && CliticBefore(i).empty() && p.script != 'a' &&
          !dimension_side) {
        return true;  // A320, GPT4 (but مابين2 is "between 2")
      }
      if (p.type == TokType::kPunct) {
        if (p.norm == "$" && i >= 2 && Attached(i - 1) && IsPunct(i - 2, "\\")) return true;  // \$2
        if (p.norm == "+" || p.norm == "#" || p.norm == "№" || p.norm == "/" || p.norm == "@" ||
            p.norm == "_" || p.norm == "\\")
          return true;
        if (i >= 2 && Attached(i - 1)) {
          const Tok& pp = toks_[i - 2];
          // An em dash between a word and a number sets off a clause ("the early results of
          // global warming—90 degree water temperatures"), as a hyphen-minus does not.
          const bool em_dash = text_.compare(p.start, 3, "\xE2\x80\x94") == 0;
          if ((p.norm == "-" || p.norm == ".") && pp.type == TokType::kWord && !em_dash &&
              CliticBefore(i).empty() && !IsUnitWord(i - 2)) {
            return true;  // GPT-4, F-16, COVID-19, v.2 (but 1TB-63.9TB is a range)
          }
          // 10:30, note:5; but "Price:3,40 Euros" is an amount.
          if (p.norm == ":" && pp.type != TokType::kPunct &&
              !(pp.type == TokType::kWord &&
                Lookup(i + 1, [](const FigureEntry& e) { return e.currency != nullptr; }))) {
            return true;
          }
        }
      }
    }
    if (const Tok* n = At(i + 1); n != nullptr && Attached(i + 1)) {
      if (n->type == TokType::kPunct && (n->norm == ":" || n->norm == "/" || n->norm == "_")) {
        if (const Tok* nn = At(i + 2);
            nn != nullptr && Attached(i + 2) && nn->type != TokType::kPunct && !PriceRate(i))
          return true;
      }
      if ((n->norm == "x" || n->norm == "×") && i + 2 < toks_.size() &&
          toks_[i + 2].type == TokType::kNum && Attached(i + 2)) {
        // 1920x1080: dimensions; with a unit after them ("48x48 بكسل") two quantities.
        const bool unit_after =
            i + 3 < toks_.size() && !toks_[i + 3].para_before &&
            Lookup(i + 3, [](const FigureEntry& e) { return e.unit != nullptr && e.count == 0; });
        if (!unit_after) return true;
      }
      if (n->type == TokType::kWord && n->script == 'l') {
        const Hit h = Lookup(i + 1, [](const FigureEntry& e) {
          return e.scale > 0 || e.currency != nullptr || e.unit != nullptr ||
                 (e.flags & (internal::kFigRatio | internal::kFigOrdinal)) != 0;
        });
        if (!h && !((n->norm == "g" || n->norm == "m") && MemoryWord(i + 2)) &&
            !(n->upper && (n->norm == "c" || n->norm == "f") && TemperatureWordBefore(i))) {
          return true;  // 4G, 3D, 1990s (but "4G זיכרון" is memory, "temperatures of 2C")
        }
      }
    }
    if (PrecededByBlocker(i)) return true;  // Unit 8200, الوحدة 8200, version 2
    // Phone numbers and ISBNs: runs of digit groups.
    if (IsInt(t)) {
      size_t k = i;
      size_t groups = 1, digits = t.norm.size();
      bool dashed = false;
      while (true) {
        if (IsPunct(k + 1, "-") && Attached(k + 1) && k + 2 < toks_.size() && IsInt(toks_[k + 2]) &&
            Attached(k + 2)) {
          dashed = true;
          k += 2;
        } else if (k + 1 < toks_.size() && IsInt(toks_[k + 1]) && toks_[k + 1].space_before &&
                   !toks_[k + 1].para_before && toks_[k].norm.size() >= 2 &&
                   toks_[k + 1].norm.size() >= 2) {
          ++k;
        } else {
          break;
        }
        ++groups;
        digits += toks_[k].norm.size();
      }
      if (groups >= 3 || (groups == 2 && digits >= 7 && (dashed || t.norm[0] == '0'))) {
        *skip_to = k + 1;
        return true;
      }
    }
    return false;
  }

  // Whether a word right before token `first` or right after token `last - 1` is Arabic or Hebrew.
  bool SemiticAround(size_t first, size_t last) const {
    const auto semitic = [&](size_t k) {
      return k < toks_.size() && (toks_[k].script == 'a' || toks_[k].script == 'h');
    };
    return (first > 0 && semitic(first - 1)) || (first > 1 && semitic(first - 2)) ||
           semitic(last) || semitic(last + 1);
  }

  // Whether "temperature" or "temperatures" is among the six tokens before token i, in its
  // paragraph.
  bool TemperatureWordBefore(size_t i) const {
    for (size_t q = i; q > 0 && q + 7 > i && !toks_[q].para_before;) {
      --q;
      if (toks_[q].norm == "temperature" || toks_[q].norm == "temperatures") return true;
    }
    return false;
  }

  // Whether the nearest word before token i (six tokens back at most, no number between)
  // is written in Latin letters.
  bool LatinWordBefore(size_t i) const {
    for (size_t b = 1; b <= 6 && b <= i; ++b) {
      const Tok& t = toks_[i - b];
      if (t.type == TokType::kNum) return false;
      if (t.type == TokType::kWord) return t.script == 'l';
    }
    return false;
  }

  // Whether the nearest word before token i (over punctuation) is Arabic or Hebrew.
  bool SemiticBefore(size_t i) const {
    if (!CliticBefore(i).empty()) return true;
    for (size_t b = 1; b <= 6 && b <= i; ++b) {
      const Tok& t = toks_[i - b];
      if (t.type == TokType::kNum) return false;
      if (t.type == TokType::kWord) return t.script == 'a' || t.script == 'h';
    }
    return false;
  }

  // "ב29.7", "ב-30/6": day and month after the Hebrew clitic ב, not followed
  // by a unit or percent (ב-29.7 אחוז is a number).
  bool HebrewDayMonth(size_t i, Date* d, size_t* next) const {
    const std::string_view clitic = CliticBefore(i);
    if (!CliticHas(clitic, "ב") || clitic.size() > 4) return false;
    const Tok& t = toks_[i];
    int day = 0, month = 0;
    size_t after = i + 1;
    if (const size_t dot = t.norm.find('.');
        dot != std::string::npos && dot > 0 && dot <= 2 && t.norm.size() - dot - 1 <= 2 &&
        t.norm.size() > dot + 1 && t.norm.find_first_not_of("0123456789.") == std::string::npos &&
        t.norm.find('.', dot + 1) == std::string::npos) {
      for (size_t c = 0; c < dot; ++c) day = day * 10 + (t.norm[c] - '0');
      for (size_t c = dot + 1; c < t.norm.size(); ++c) month = month * 10 + (t.norm[c] - '0');
    } else if (IsInt(t) && t.norm.size() <= 2 && IsPunct(i + 1, "/") && Attached(i + 1) &&
               i + 2 < toks_.size() && IsInt(toks_[i + 2]) && Attached(i + 2) &&
               toks_[i + 2].norm.size() <= 2 && !IsPunct(i + 3, "/")) {
      day = IntValue(t);
      month = IntValue(toks_[i + 2]);
      after = i + 3;
    } else {
      return false;
    }
    if (!ValidDay(0, month, day) || FollowedByAmountWord(after)) return false;
    if (after == i + 1 && day < 10 && month < 10) return false;  // ב-2.5 is more likely a decimal
    d->y = 0, d->m = month, d->d = day;
    *next = after;
    return true;
  }

  bool IsUnitWord(size_t i) const {
    const Hit h = Lookup(
        i, [](const FigureEntry& e) { return e.unit != nullptr || e.currency != nullptr; }, false);
    return h && h.next == i + 1;
  }

  // A code that ends in a date or number: GNUTLS-SA-2024-01-14, CVE-2024-5171.
  bool InCode(size_t i) const {
    return i >= 2 && Attached(i) && IsPunct(i - 1, "-") && Attached(i - 1) &&
           toks_[i - 2].type == TokType::kWord && toks_[i - 2].script == 'l' &&
           !IsUnitWord(i - 2) &&
           !(YearPrefix(toks_[i - 2].norm) && IsYear(i, 1000));  // "pre-1982" is a year
  }

  // A year written as a bare number: 4 digits, 1900..2100.
  bool IsYear(size_t i, int from = 1900) const {
    if (i >= toks_.size() || !IsInt(toks_[i]) || toks_[i].norm.size() != 4) return false;
    const int y = IntValue(toks_[i]);
    return y >= from && y <= 2100;
  }

  bool IsBetween(size_t i) const {
    const std::string& w = toks_[i].norm;
    return w == "between" || w == "بين" || w == "مابين" || w == "בין";
  }

  // Year token at i with an optional era marker: returns the next token.
  size_t YearEnd(size_t i, bool* hijri) const {
    *hijri = false;
    size_t n = i + 1;
    const Hit era = Lookup(
        n,
        [](const FigureEntry& e) {
          return (e.flags & (internal::kFigEra | internal::kFigHijri)) != 0;
        },
        false);
    if (era && toks_[n].norm.size() <= 4) {
      if (era.e->flags & internal::kFigHijri) *hijri = true;
      return era.next;
    }
    return n;
  }

  // After an Arabic year at i, the token past its Gregorian era marker ("608م", "714 م");
  // i + 1 without one (a Hijri marker is not skipped).
  size_t ArabicEraEnd(size_t i) const {
    bool hijri = false;
    const size_t e = YearEnd(i, &hijri);
    return hijri ? i + 1 : e;
  }

  Hit MonthAt(size_t i) const {
    return Lookup(i, [](const FigureEntry& e) { return e.month > 0; });
  }

  // After month `m` at `*i`, an alternative name "/ كانون الثاني" (BBC style); another
  // month after a dash is the end of a range ("كانون الثاني-شباط 1794", TryRange).
  void SkipAltMonth(size_t* i, int m) const {
    if (IsPunct(*i, "/") || IsPunct(*i, "-") || IsPunct(*i, "(")) {
      if (const Hit h = MonthAt(*i + 1); h && (h.e->month == m || !IsPunct(*i, "-"))) {
        *i = h.next;
        if (IsPunct(*i, ")")) ++*i;
      }
    }
  }

  // "أكتوبر من سنة 2017", "9 أيلول من عام 2002", "July of 1977": the token of the year
  // after a month when a year word or "of" stands between them, else `n`.
  size_t YearAfterMonth(size_t n) const {
    if (n + 1 >= toks_.size() || toks_[n].para_before) return n;
    if (toks_[n].script == 'a') {
      size_t w = n;
      if (toks_[w].norm == "من" && w + 2 < toks_.size()) ++w;
      const std::string& y = toks_[w].norm;
      // "16 يوليو عام 622م": three digits with the era marker are a year of the first
      // millennium.
      if ((y == "سنه" || y == "عام" || y == "العام" || y == "السنه") && IsInt(toks_[w + 1]) &&
          (toks_[w + 1].norm.size() == 4 ||
           (toks_[w + 1].norm.size() == 3 && ArabicEraEnd(w + 1) != w + 2))) {
        return w + 1;
      }
    } else if (toks_[n].norm == "of" && IsYear(n + 1, 1000)) {
      return n + 1;
    }
    return n;
  }

  // A time of day at token i: "12:42", "11:16:00", optionally "AM"/"PM" (*am_pm).
  bool ClockAt(size_t i, bool* am_pm = nullptr) const {
    if (i + 2 >= toks_.size() || toks_[i].para_before || !IsInt(toks_[i]) ||
        toks_[i].norm.size() > 2 || !IsPunct(i + 1, ":") || !Attached(i + 1) ||
        !IsInt(toks_[i + 2]) || !Attached(i + 2) || toks_[i + 2].norm.size() != 2) {
      return false;
    }
    size_t k = i + 3;
    if (IsPunct(k, ":") && Attached(k) && k + 1 < toks_.size() && IsInt(toks_[k + 1]) &&
        Attached(k + 1)) {
      k += 2;
    }
    if (am_pm != nullptr) {
      *am_pm = k < toks_.size() && !toks_[k].para_before &&
               (toks_[k].norm == "am" || toks_[k].norm == "pm");
    }
    return true;
  }

  // "'68", "’05" at token a (the apostrophe): a year written with its last two digits, of the
  // 2000s below 30. The apostrophe stands apart from the word before it (not "Bob's") and
  // nothing is joined after the digits ("'70s" is a decade, "'68'" a quotation).
  bool ApostropheYear(size_t a, int* y) const {
    if (a + 1 >= toks_.size() || !IsPunct(a, "'") || toks_[a].para_before ||
        (a > 0 && Attached(a)) || !TwoDigits(a + 1) || !Attached(a + 1)) {
      return false;
    }
    if (const Tok* n = At(a + 2); n != nullptr && !n->para_before && Attached(a + 2) &&
                                  (n->type != TokType::kPunct || IsPunct(a + 2, "'") ||
                                   IsPunct(a + 2, "-") || IsPunct(a + 2, "/"))) {
      return false;
    }
    const int v = IntValue(toks_[a + 1]);
    *y = v + (v < 30 ? 2000 : 1900);
    return true;
  }

  bool TwoDigits(size_t i) const {
    return i < toks_.size() && IsInt(toks_[i]) && toks_[i].norm.size() == 2;
  }

  bool DayAt(size_t i, int* day) const {
    if (i >= toks_.size() || !IsInt(toks_[i]) || toks_[i].norm.size() > 2) return false;
    *day = IntValue(toks_[i]);
    return *day >= 1 && *day <= 31;
  }

  // "22 أبريل 571 - 8 يونيو 632", "13 مارس 624م": three digits after an Arabic day and month
  // are a year of the first millennium when the era marker or a range's dash or closing
  // parenthesis follows them; before anything else they may count a noun ("3 مارس 150 شخصا").
  bool EarlyArabicYear(size_t y) const {
    if (y == 0 || toks_[y - 1].script != 'a' || toks_[y].norm.size() != 3 ||
        toks_[y].norm[0] == '0' || toks_[y].para_before) {
      return false;
    }
    bool hijri = false;
    if (YearEnd(y, &hijri) != y + 1) return !hijri;
    if (y + 1 == toks_.size() || toks_[y + 1].para_before || IsPunct(y + 1, ")")) return true;
    if (!IsPunct(y + 1, "-") && !IsPunct(y + 1, "–")) return false;
    // The dash must open the other end of a life span: a day and month, or a year.
    int day = 0;
    if (DayAt(y + 2, &day) && MonthAt(y + 3)) return true;
    return y + 2 < toks_.size() && IsInt(toks_[y + 2]) && toks_[y + 2].norm.size() >= 3 &&
           toks_[y + 2].norm.size() <= 4 &&
           (YearEnd(y + 2, &hijri) != y + 3 || IsPunct(y + 3, ")"));
  }

  // After "day month" ending before token `n`: an optional four-digit year
  // at `y` (a Hijri year refuses the date), then the day must exist.
  bool EndDayMonth(size_t y, size_t n, Date* d) const {
    if (y < toks_.size() && IsInt(toks_[y]) && (toks_[y].norm.size() == 4 || EarlyArabicYear(y))) {
      bool hijri = false;
      const size_t e = YearEnd(y, &hijri);
      if (hijri) return false;
      d->y = IntValue(toks_[y]);
      d->end = toks_[e - 1].end;
      n = e;
    }
    if (!ValidDay(d->y, d->m, d->d)) return false;
    d->next = n;
    return true;
  }

  bool ParseDate(size_t i, bool bare_year_ok, Date* d) const {
    if (i >= toks_.size()) return false;
    const Tok& t = toks_[i];
    *d = Date();
    d->start = t.start;
    if (t.type == TokType::kNum) {
      if (!CliticBefore(i).empty()) d->clitic = std::string(CliticBefore(i));
      // 5.10.2023 (one token) and 2023.10.05.
      if (std::count(t.norm.begin(), t.norm.end(), '.') == 2 &&
          t.norm.find(',') == std::string::npos) {
        const size_t a = t.norm.find('.'), b = t.norm.rfind('.');
        const std::string x = t.norm.substr(0, a), y = t.norm.substr(a + 1, b - a - 1),
                          z = t.norm.substr(b + 1);
        // Digits only, never empty: std::stoi would throw on "" (".5.2023").
        auto num = [](const std::string& s) {
          int v = 0;
          for (char c : s) v = v * 10 + (c - '0');
          return v;
        };
        const auto digits = [](const std::string& s) {
          return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
        };
        if (digits(x) && digits(y) && digits(z)) {
          if (x.size() <= 2 && y.size() <= 2 && z.size() == 4) {
            d->y = num(z), d->m = num(y), d->d = num(x);
          } else if (x.size() == 4 && y.size() <= 2 && z.size() <= 2) {
            d->y = num(x), d->m = num(y), d->d = num(z);
          } else if (x.size() <= 2 && y.size() <= 2 && z.size() == 2 && SemiticBefore(i)) {
            // "28.9.88" in Hebrew or Arabic text: a two-digit year (versions
            // such as 2.4.18 are written next to Latin names).
            d->y = num(z) + (num(z) < 50 ? 2000 : 1900), d->m = num(y), d->d = num(x);
          }
        }
        if (d->y != 0 && ValidDay(d->y, d->m, d->d) && !PrecededByBlocker(i)) {
          d->next = i + 1;
          d->end = t.end;
          return true;
        }
        return false;
      }
      // "ב29.7", "ב-30/6": a day and month after the Hebrew "on".
      if (size_t next = 0; HebrewDayMonth(i, d, &next)) {
        d->next = next;
        d->end = toks_[next - 1].end;
        return true;
      }
      // "8-May-2006", "10-February-2006", "01-Feb-02": a day, a month's name and a year joined
      // by hyphens (letters', forms' and ledgers' dates).
      if (IsInt(t) && t.norm.size() <= 2 && IsPunct(i + 1, "-") && Attached(i + 1) &&
          Attached(i + 2) && toks_[i + 2].script == 'l') {
        if (const Hit m = MonthAt(i + 2);
            m && m.clitic.empty() && m.next == i + 3 && IsPunct(i + 3, "-") && Attached(i + 3) &&
            Attached(i + 4) && (IsYear(i + 4, 1000) || TwoDigits(i + 4)) &&
            !(Attached(i + 5) && !IsPunct(i + 5, ".") && !IsPunct(i + 5, ",") &&
              !IsPunct(i + 5, ")") && !IsPunct(i + 5, ";")) &&
            !PrecededByBlocker(i) && ValidDay(IntValue(toks_[i + 4]), m.e->month, IntValue(t))) {
          d->y = IntValue(toks_[i + 4]);
          d->m = m.e->month;
          d->d = IntValue(t);
          d->next = i + 5;
          // "01-Feb-02" (ledgers and reports): a two-digit year, of the 2000s below 50.
          if (toks_[i + 4].norm.size() == 2) d->y += d->y < 50 ? 2000 : 1900;
          d->end = toks_[i + 4].end;
          return true;
        }
      }
      // 5/10/2023, 2023-10-05, 2023-10.
      if (InCode(i)) return false;
      // "يوم الاثنين 22 / 05 / 2017": Arabic and Hebrew news may space the slashes of a date,
      // day first. Only after a word of those scripts, with a four-digit year last, so that a
      // spaced score or a path of numbers stays what it is.
      if (IsInt(t) && t.norm.size() <= 2 && i > 0 && toks_[i - 1].type == TokType::kWord &&
          toks_[i - 1].script != 'l' && IsPunct(i + 1, "/") && IsPunct(i + 3, "/") &&
          (toks_[i + 1].space_before || toks_[i + 2].space_before) && i + 4 < toks_.size() &&
          IsInt(toks_[i + 2]) && toks_[i + 2].norm.size() <= 2 && IsInt(toks_[i + 4]) &&
          toks_[i + 4].norm.size() == 4 && !toks_[i + 4].para_before && !IsPunct(i + 5, "/") &&
          !PrecededByBlocker(i)) {
        const int y = IntValue(toks_[i + 4]), m = IntValue(toks_[i + 2]), day = IntValue(t);
        if (y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && ValidDay(y, m, day)) {
          d->y = y, d->m = m, d->d = day;
          d->next = i + 5;
          d->end = toks_[i + 4].end;
          return true;
        }
      }
      if (IsInt(t) && (IsPunct(i + 1, "/") || IsPunct(i + 1, "-")) && Attached(i + 1) &&
          i + 2 < toks_.size() && IsInt(toks_[i + 2]) && Attached(i + 2) && !PrecededByBlocker(i)) {
        const std::string sep = toks_[i + 1].norm;
        const Tok& b = toks_[i + 2];
        const bool three = IsPunct(i + 3, sep) && Attached(i + 3) && i + 4 < toks_.size() &&
                           IsInt(toks_[i + 4]) && Attached(i + 4);
        if (three) {
          const Tok& c = toks_[i + 4];
          const int x = IntValue(t), y = IntValue(b), z = IntValue(c);
          bool english = false;
          if (t.norm.size() == 4 && b.norm.size() <= 2 && c.norm.size() <= 2) {
            d->y = x, d->m = y, d->d = z;
          } else if (t.norm.size() <= 2 && b.norm.size() <= 2 &&
                     (c.norm.size() == 4 || c.norm.size() == 2) &&
                     [&] {
                       // "the draft dated 11/8/2000": in English prose an ambiguous date with
                       // slashes is read month first (SOURCES: EWT's e-mail and reviews);
                       // Hebrew and Arabic text and dashes keep the day first. A stamp
                       // without a word before it ("08/03/2000 11:35") takes the script of a
                       // word just after it; one with no word near it (a column of dates)
                       // takes the text's main script, so a Hebrew or Arabic document's
                       // stamps stay day first. Both looks are bounded: a long list of bare
                       // dates must not rescan its paragraph at every date.
                       english = true;
                       bool found = false;
                       for (size_t q = i; q > 0 && q + 4 > i && !toks_[q].para_before;) {
                         --q;
                         if (toks_[q].type == TokType::kWord) {
                           english = toks_[q].script == 'l';
                           found = true;
                           break;
                         }
                       }
                       for (size_t q = i + 5;
                            !found && q < toks_.size() && q < i + 13 && !toks_[q].para_before;
                            ++q) {
                         if (toks_[q].type == TokType::kWord) {
                           english = toks_[q].script == 'l';
                           found = true;
                         }
                       }
                       if (!found) english = MainScript() != 'a' && MainScript() != 'h';
                       return true;
                     }() &&
                     (c.norm.size() == 4 ||
                      (sep == "/" && (ClockAt(i + 5) || (x <= 12 && y > 12 && DateWordBefore(i)) ||
                                      (english && x >= 1 && x <= 12 && LowerWordBefore(i)))))) {
            // "04/25/01 12:42:55": a two-digit year in a time stamp, after a word that
            // introduces a date, or after any lowercase word in English ("set for 11/01/01",
            // "effective 11/1/01"; "Form 04/25/01" is a name).
            d->y = c.norm.size() == 4 ? z : z + (z < 50 ? 2000 : 1900);
            bool am_pm = false;
            const bool clock = ClockAt(i + 5, &am_pm);
            if ((x <= 12 && y > 12) || (clock && am_pm && x <= 12) ||
                (english && sep == "/" && x <= 12 && y <= 12)) {
              // US order when unambiguous, or before a 12-hour clock ("3/9/2005 11:16:00 PM").
              d->m = x, d->d = y;
            } else {
              d->m = y, d->d = x;
            }
          }
          if (d->y != 0 && ValidDay(d->y, d->m, d->d) && !IsPunct(i + 5, sep)) {
            d->next = i + 5;
            d->end = c.end;
            return true;
          }
          return false;
        }
        // "Friday night (5/18)", "on Tuesday, 4/6": an English weekday just before makes
        // month/day a date (two fields only; "5/18" alone may be a ratio or a score).
        if (sep == "/" && t.norm.size() <= 2 && b.norm.size() <= 2 && !IsPunct(i + 3, "/") &&
            !(Attached(i + 3) && toks_[i + 3].type != TokType::kPunct) && WeekdayBefore(i) &&
            ValidDay(2000, IntValue(t), IntValue(b))) {
          d->m = IntValue(t), d->d = IntValue(b);
          d->next = i + 3;
          d->end = b.end;
          return true;
        }
        // "She will be 20 on 11/03.", "due until 7/16": after a lowercase preposition of
        // time, month/day is a date (mail and forums write it so). "on 1/2 of the cases" and
        // "on 3/4 cup" are fractions: a lowercase word after it must be a function word that
        // can follow a date.
        if (sep == "/" && t.norm.size() <= 2 && b.norm.size() <= 2 && !IsPunct(i + 3, "/") &&
            !(Attached(i + 3) && toks_[i + 3].type != TokType::kPunct) && i > 0 && !t.para_before &&
            toks_[i - 1].type == TokType::kWord && !toks_[i - 1].cap &&
            (toks_[i - 1].norm == "on" || toks_[i - 1].norm == "until" ||
             toks_[i - 1].norm == "till" || toks_[i - 1].norm == "since" ||
             // "on 12/27 and 12/28": the next of a list of such dates.
             ((toks_[i - 1].norm == "and" || toks_[i - 1].norm == "or") && i >= 2 &&
              !out_.empty() && out_.back().kind == FigureKind::kDate &&
              out_.back().date.size() == 7 && out_.back().date.starts_with("--") &&
              out_.back().end == toks_[i - 2].end)) &&
            [&] {
              const Tok* n = At(i + 3);
              if (n == nullptr || n->para_before || n->type != TokType::kWord || n->cap) {
                return true;
              }
              static constexpr std::string_view kAfterDate[] = {
                  "at",  "and",  "or",    "to",     "in",    "for",  "from", "when",   "but", "so",
                  "if",  "i",    "we",    "you",    "he",    "she",  "they", "it",     "the", "is",
                  "was", "will", "after", "before", "until", "till", "thru", "through"};
              return std::find(std::begin(kAfterDate), std::end(kAfterDate), n->norm) !=
                     std::end(kAfterDate);
            }() &&
            ValidDay(2000, IntValue(t), IntValue(b))) {
          d->m = IntValue(t), d->d = IntValue(b);
          d->next = i + 3;
          d->end = b.end;
          return true;
        }
        // "expiration date of 3/03", "exp 11/24": a card's expiry is a month and a two-digit
        // year.
        if (sep == "/" && t.norm.size() <= 2 && b.norm.size() == 2 && !IsPunct(i + 3, "/") &&
            !(Attached(i + 3) && toks_[i + 3].type != TokType::kPunct) && ExpiryBefore(i) &&
            IntValue(t) >= 1 && IntValue(t) <= 12) {
          d->y = 2000 + IntValue(b), d->m = IntValue(t);
          d->next = i + 3;
          d->end = b.end;
          return true;
        }
        // A year and its month take the hyphen-minus of ISO 8601; after an en or em dash the
        // two digits end a range of years ("the 2006–07 season", TryRange).
        const bool iso_hyphen = text_[toks_[i + 1].start] == '-';
        if (sep == "-" && iso_hyphen && t.norm.size() == 4 && b.norm.size() == 2 && IsYear(i)) {
          const int m = IntValue(b);
          if (m >= 1 && m <= 12) {
            d->y = IntValue(t), d->m = m;
            d->next = i + 3;
            d->end = b.end;
            return true;
          }
        }
      }
      // 5 October 2023, 5th of October, 5 באוקטובר, 5 أكتوبر/تشرين الأول 2023.
      int day = 0;
      if (DayAt(i, &day) && !PrecededByBlocker(i)) {  // شارع 20 غشت is a street
        size_t k = i + 1;
        if (const Hit o = Lookup(
                k, [](const FigureEntry& e) { return (e.flags & internal::kFigOrdinal) != 0; },
                false)) {
          k = o.next;
          if (toks_[k - 1].norm != "of" && IsPunct(k, "of")) ++k;
          if (k < toks_.size() && toks_[k].norm == "of") ++k;
        }
        // "انتخابات 7 من أكتوبر": "of" between the day and the month.
        if (k + 1 < toks_.size() && toks_[k].norm == "من" && MonthAt(k + 1)) ++k;
        // "الرابع من شهر يونيو": "of the month of" before the month's name.
        if (k + 2 < toks_.size() && toks_[k].norm == "من" && toks_[k + 1].norm == "شهر" &&
            !toks_[k + 2].para_before && MonthAt(k + 2)) {
          k += 2;
        }
        // "on either 16th or 17th of july": an ordinal day and "of" make a lowercase month's
        // name a month (mail and forum text); without them "may" and "march" are verbs.
        if (const int lower = k > i + 1 && toks_[k - 1].norm == "of" ? LowerEnglishMonth(k) : 0;
            lower > 0 && !MonthAt(k)) {
          d->m = lower;
          d->d = day;
          d->end = toks_[k].end;
          return EndDayMonth(IsPunct(k + 1, ",") ? k + 2 : YearAfterMonth(k + 1), k + 1, d);
        }
        if (const Hit m = MonthAt(k)) {
          d->m = m.e->month;
          d->d = day;
          size_t n = m.next;
          SkipAltMonth(&n, d->m);
          // "01/02/03 January 2, 2003": a day and a year after the month are its own;
          // the number before belongs to something else.
          if (n + 2 < toks_.size() && IsInt(toks_[n]) && toks_[n].norm.size() <= 2 &&
              !toks_[n].para_before && IsPunct(n + 1, ",") && IsYear(n + 2)) {
            return false;
          }
          d->end = toks_[n - 1].end;
          // "01Mar01" (trade sheets, ddMonyy): the day, the month and two digits of the year
          // joined in one word; the year is of the 2000s below 50.
          if (k == i + 1 && Attached(k) && t.norm.size() == 2 && n == k + 1 && n < toks_.size() &&
              Attached(n) && IsInt(toks_[n]) && toks_[n].norm.size() == 2 &&
              !(Attached(n + 1) && toks_[n + 1].type != TokType::kPunct) &&
              !(IsPunct(n + 1, ":") && Attached(n + 1))) {
            const int yy = IntValue(toks_[n]);
            d->y = yy < 50 ? 2000 + yy : 1900 + yy;
            if (!ValidDay(d->y, d->m, d->d)) return false;
            d->end = toks_[n].end;
            d->next = n + 1;
            return true;
          }
          return EndDayMonth(IsPunct(n, ",") ? n + 1 : YearAfterMonth(n), n, d);
        }
      }
      // "since '99", "in ’68", "the class of '71": after a preposition of time (or "class
      // of") the apostrophe's two digits are a year.
      if (int y = 0; i >= 2 && !toks_[i - 1].para_before && ApostropheYear(i - 1, &y) &&
                     !PrecededByBlocker(i) && toks_[i - 2].type == TokType::kWord &&
                     toks_[i - 2].script == 'l' && !toks_[i - 2].cap) {
        const std::string& p = toks_[i - 2].norm;
        if (p == "since" || p == "in" || p == "until" || p == "till" || p == "before" ||
            p == "after" ||
            (p == "of" && i >= 3 &&
             (toks_[i - 3].norm == "class" || toks_[i - 3].norm == "summer" ||
              toks_[i - 3].norm == "spring" || toks_[i - 3].norm == "fall" ||
              toks_[i - 3].norm == "winter" || toks_[i - 3].norm == "autumn"))) {
          d->y = y;
          d->start = toks_[i - 1].start;
          d->next = i + 1;
          d->end = t.end;
          return true;
        }
      }
      // "Bush in 88 and 92, ... Romney in 08": two digits after "in" are a year where the
      // text around writes years after "in" too (an interview's list of elections).
      if (size_t n = 0; TwoDigitYearInList(i, &n)) {
        const int v = IntValue(t);
        d->y = v < 30 ? 2000 + v : 1900 + v;
        d->bare_year = true;
        d->next = n;
        d->end = t.end;
        return true;
      }
      // "משנת 48", "בשנת 67": in Hebrew two digits after a year word are a year
      // of the 1900s (the way Israeli history is told). "באמצע 87", "בסוף 92": after "in
      // the middle/end/beginning of", two digits that can be no day (32..99) are one too.
      if (IsInt(t) && t.norm.size() == 2 && IntValue(t) >= 30 && i > 0 && !t.para_before &&
          toks_[i - 1].script == 'h' &&
          (PhraseBefore(i, internal::kFigYearWord) ||
           (IntValue(t) >= 32 && !Attached(i) && PartOfPeriodBefore(i))) &&
          !FollowedByAmountWord(i + 1)) {
        d->y = 1900 + IntValue(t);
        d->bare_year = true;
        d->next = i + 1;
        d->end = t.end;
        return true;
      }
      // "(A5-0104/1999)", "C5-0004/1999-1999/0083", "COM (1999) 158": a year joined by a
      // slash to a serial number, or in parentheses between a code in capitals and its
      // number, is part of a document's number, not a date of the text.
      if (IsInt(t) && t.norm.size() == 4 && i >= 2 && !t.para_before) {
        const auto serial = [&](size_t q) {
          return q < toks_.size() && IsInt(toks_[q]) && toks_[q].norm.size() >= 3 &&
                 (toks_[q].norm[0] == '0' || toks_[q].norm.size() != 4);
        };
        if (IsPunct(i - 1, "/") && Attached(i) && Attached(i - 1) && serial(i - 2)) return false;
        if (IsPunct(i + 1, "/") && Attached(i + 1) && Attached(i + 2) && serial(i + 2)) {
          return false;
        }
        if (IsPunct(i - 1, "(") && IsPunct(i + 1, ")") && toks_[i - 2].type == TokType::kWord &&
            toks_[i - 2].upper && toks_[i - 2].norm.size() >= 2 && i + 2 < toks_.size() &&
            toks_[i + 2].type == TokType::kNum && !toks_[i + 2].para_before) {
          return false;
        }
      }
      // "سنة 711", "عام 1453", "בשנת 960", "the year 800": right after a year
      // word, three or four digits name the year, also before 1800.
      // "(C) 1010": after a copyright sign four digits are a year, whatever its value.
      const bool early_year =
          IsInt(t) && (t.norm.size() == 3 || t.norm.size() == 4) && IntValue(t) >= 100 &&
          !IsYear(i, 1800) && i > 0 && !t.para_before &&
          (PhraseBefore(i, internal::kFigYearWord) || (t.norm.size() == 4 && CopyrightBefore(i)));
      // A bare year after a trigger (in 2023, عام 2023, בשנת 2023, ב-2023).
      // "the L'Enfant Plan (1791)": a year before 1800 alone in parentheses after a
      // capitalized name is the date of what it names.
      const bool named_early =
          !IsYear(i, 1800) && IsYear(i, 1000) && i > 1 && IsPunct(i - 1, "(") &&
          IsPunct(i + 1, ")") && Attached(i) && Attached(i + 1) && !Attached(i - 1) &&
          toks_[i - 2].type == TokType::kWord && toks_[i - 2].script == 'l' && toks_[i - 2].cap &&
          !toks_[i - 1].para_before && !FollowedByAmountWord(i + 2);
      // "שימשה בהכתרת השליט ב-1502.": four digits before 1800 after the Hebrew "in" that
      // end the clause are a year; a whole hundred ("עלה ב-1200.") stays an amount.
      // "ב-1683 הצליחה", "פרסם ויסטון ב-1707 את": so are they at the clause's start or
      // before the object marker, where no amount stands. "in 1721.", "in 1777 at the age of",
      // "Before 1492": after an English preposition, the same at the clause's end or before
      // a preposition.
      const bool clitic_early = !IsYear(i, 1800) && IsYear(i, 1000) && IntValue(t) % 100 != 0 &&
                                i > 0 && !t.para_before && EarlyYearCue(i);
      const bool english_early = IsInt(t) && (t.norm.size() == 3 || t.norm.size() == 4) &&
                                 IntValue(t) >= 100 && IntValue(t) % 100 != 0 && !IsYear(i, 1800) &&
                                 i > 0 && !t.para_before && EnglishEarlyYearCue(i);
      const bool english_year = (!IsYear(i, 1800) && IsYear(i, 1000) && i > 0 && !t.para_before &&
                                 (EnglishYearAfterPreposition(i) || EnglishYearInList(i))) ||
                                EnglishNamedYear(i) ||
                                (IsYear(i, 1000) && i > 1 && !t.para_before && MarkedYear(i));
      // "بعد 1850،", "من 1754 في": "after", "before" and "of" are no year trigger (they
      // come before counts as often), but the cues that make an early year one hold for any.
      const bool arabic_early =
          IsInt(t) && (t.norm.size() == 3 || t.norm.size() == 4) && IntValue(t) >= 100 && i > 0 &&
          !t.para_before &&
          (!IsYear(i, 1800) ||
           (toks_[i - 1].script == 'a' && WordIs(i - 1, {"بعد", "قبل", "وبعد", "وقبل", "من"}))) &&
          ArabicEarlyYearCue(i);
      if ((early_year || IsYear(i, 1800) || named_early || clitic_early || arabic_early ||
           english_early || english_year) &&
          !PrecededByBlocker(i)) {
        const std::string_view clitic = CliticBefore(i);
        const bool trigger =
            early_year || arabic_early || english_early || english_year || bare_year_ok ||
            PhraseBefore(i, internal::kFigYearTrigger) ||
            (!clitic.empty() && (CliticHas(clitic, "ב") || CliticHas(clitic, "מ") ||
                                 CliticHas(clitic, "ל") || CliticHas(clitic, "ع")));
        if (!trigger) {
          // Without a trigger word, a year must stand alone: no number
          // next to it (tables, lists), nothing that makes it a code.
          const bool prev_num = i > 0 && toks_[i - 1].type == TokType::kNum && !t.para_before;
          const bool next_num = i + 1 < toks_.size() && toks_[i + 1].type == TokType::kNum &&
                                !toks_[i + 1].para_before;
          size_t unused = 0;
          // "בסתר רעם" (1886): a year of the 1800s alone in parentheses, as a work's date.
          const bool parenthesized = i > 0 && IsPunct(i - 1, "(") && IsPunct(i + 1, ")") &&
                                     Attached(i) && Attached(i + 1) && !FollowedByAmountWord(i + 2);
          // "the 1863 Emancipation Proclamation", "the 1848 Revolution": a year of the 1800s
          // that names the event after it, capitalized.
          const Tok* name = At(i + 1);
          const bool named_event = i > 0 && toks_[i - 1].norm == "the" && name != nullptr &&
                                   !Attached(i + 1) && !name->para_before &&
                                   name->type == TokType::kWord && name->script == 'l' &&
                                   name->cap && !name->upper;
          // "the 1855 colonial constitution": a year of the 1800s after "the" as the adjective
          // of a singular noun phrase.
          const bool year_adjective = i > 0 && toks_[i - 1].norm == "the" &&
                                      !FollowedByAmountWord(i + 1) && SingularNounPhraseAfter(i);
          // "the Victoria Constitution Act 1855", "the Factory Act 1833": a capitalized Act,
          // Treaty or Charter named by its year after it.
          const bool statute_year =
              i > 0 && !Attached(i) && toks_[i - 1].type == TokType::kWord &&
              toks_[i - 1].script == 'l' && toks_[i - 1].cap && !toks_[i - 1].upper &&
              (toks_[i - 1].norm == "act" || toks_[i - 1].norm == "treaty" ||
               toks_[i - 1].norm == "charter" || toks_[i - 1].norm == "ordinance" ||
               toks_[i - 1].norm == "statute") &&
              !FollowedByAmountWord(i + 1);
          // "in 1861 and 1862": a later year of the 1800s joined by "and" or "or" to the year
          // just read shares its trigger.
          bool after_year = false;
          if (i >= 2 && !out_.empty() &&
              (toks_[i - 1].norm == "and" || toks_[i - 1].norm == "or")) {
            const Figure& f = out_.back();
            if (f.kind == FigureKind::kDate && f.end == toks_[i - 2].end && f.date.size() == 4) {
              const int prev = std::atoi(f.date.c_str());
              after_year = IntValue(t) > prev && IntValue(t) - prev <= 50;
            }
          }
          // "(22 ألفا – 19960 = 2040)": the result of a sum, not a year.
          const bool result =
              i > 1 && IsPunct(i - 1, "=") && !t.para_before && toks_[i - 2].type == TokType::kNum;
          if ((!IsYear(i) && !parenthesized && !named_event && !after_year && !year_adjective &&
               !statute_year) ||
              prev_num || next_num || result || LooksAlike(i, &unused)) {
            return false;
          }
          // "2034 حادثا", "2000 משפחות": a count of the noun after it.
          if (const Tok* n = At(i + 1);
              n != nullptr && n->type == TokType::kWord && !n->para_before) {
            const std::string_view w = n->norm;
            auto ends = [&](std::string_view suffix) {
              return w.size() > suffix.size() + 2 && w.substr(w.size() - suffix.size()) == suffix;
            };
            // Four letters at least: وما, كما, هذا end in alef but count nothing.
            if ((n->script == 'a' && w.size() >= 8 && ends("ا") && w != "ايضا") ||
                (n->script == 'h' && (ends("ים") || ends("ות")))) {
              return false;
            }
            // "about 2000 words": after an approximation word, a plural English noun is
            // what the number counts ("about 2000 he moved" stays a year).
            if (n->script == 'l' && !n->cap && ends("s") && !ends("ss") && !Attached(i + 1) &&
                PhraseBefore(i, internal::kFigApproxBefore)) {
              return false;
            }
          }
          if (StreetAfter(i + 1)) return false;
        }
        if (Attached(i + 1) && At(i + 1)->type == TokType::kWord && At(i + 1)->script == 'l')
          return false;
        bool hijri = false;
        const size_t e = YearEnd(i, &hijri);
        if (hijri) return false;
        d->y = IntValue(t);
        d->bare_year = true;
        d->next = e;
        d->end = toks_[e - 1].end;
        return true;
      }
      return false;
    }
    // "السابع من أكتوبر 2016": an ordinal day word.
    if (const Hit o = Lookup(i, [](const FigureEntry& e) { return e.ordinal > 0; });
        o && t.script == 'a') {
      size_t k = o.next;
      if (k < toks_.size() && toks_[k].norm == "من") ++k;
      if (k + 1 < toks_.size() && toks_[k].norm == "شهر" && k > o.next) ++k;  // من شهر يونيو
      if (const Hit m = MonthAt(k); m && m.clitic.empty()) {
        d->d = o.e->ordinal;
        d->m = m.e->month;
        d->start = o.clitic == "ال" ? t.start : o.start;  // the article belongs to the word
        size_t n = m.next;
        SkipAltMonth(&n, d->m);
        d->end = toks_[n - 1].end;
        return EndDayMonth(YearAfterMonth(n), n, d);  // "الأول من سبتمبر عام 1939"
      }
    }
    // October 5, 2023; October 2023; أكتوبر 2023; באוקטובר 2023.
    const Hit m = MonthAt(i);
    if (!m) return false;
    d->clitic = m.clitic;
    d->start = m.start;
    d->m = m.e->month;
    size_t n = m.next;
    SkipAltMonth(&n, d->m);
    if (IsPunct(n, ",")) ++n;
    int day = 0;
    // "May 01 sales", "the Feb 05 deadline": two digits with a leading zero right after an
    // English month and before a lower-case noun are the year of the 2000s (SOURCES, test15);
    // "May 01, 2001", "May 01 12:25" and "Feb 5 deadline" keep the day.
    if ((m.e->flags & internal::kFigNeedsCap) && n == m.next && n + 1 < toks_.size() &&
        IsInt(toks_[n]) && toks_[n].norm.size() == 2 && toks_[n].norm[0] == '0' &&
        !toks_[n].para_before && !Attached(n) && !Attached(n + 1) && !toks_[n + 1].para_before &&
        toks_[n + 1].type == TokType::kWord && toks_[n + 1].script == 'l' && !toks_[n + 1].cap &&
        !FollowedByAmountWord(n + 1) && !LinkWordAfterDay(toks_[n + 1].norm) &&
        !Lookup(
            n + 1, [](const FigureEntry& e) { return (e.flags & internal::kFigOrdinal) != 0; },
            false)) {
      d->y = 2000 + IntValue(toks_[n]);
      d->end = toks_[n].end;
      d->next = n + 1;
      return true;
    }
    // "August 11,2000": the day and a four-digit year joined by a comma without a space read
    // as one number; no amount groups four digits after a comma.
    if ((m.e->flags & internal::kFigNeedsCap) && n == m.next && n < toks_.size() &&
        toks_[n].type == TokType::kNum && !toks_[n].para_before && !Attached(n)) {
      const std::string& w = toks_[n].norm;
      const size_t c = w.find(',');
      if ((c == 1 || c == 2) && w.size() == c + 5 &&
          w.find_first_not_of("0123456789", c + 1) == std::string::npos &&
          w.find_first_not_of("0123456789") == c &&
          !(Attached(n + 1) && toks_[n + 1].type != TokType::kPunct)) {
        const int dd = std::atoi(w.substr(0, c).c_str()), yy = std::atoi(w.substr(c + 1).c_str());
        if (yy >= 1000 && ValidDay(yy, d->m, dd)) {
          d->d = dd, d->y = yy;
          d->end = toks_[n].end;
          d->next = n + 1;
          return true;
        }
      }
    }
    if (m.e->flags & internal::kFigNeedsCap && DayAt(n, &day)) {
      size_t k = n + 1;
      if (const Hit o = Lookup(
              k, [](const FigureEntry& e) { return (e.flags & internal::kFigOrdinal) != 0; },
              false);
          o && Attached(k)) {
        k = o.next;
      }
      d->d = day;
      d->end = toks_[k - 1].end;
      size_t y = k;
      if (IsPunct(y, ",")) ++y;
      // date(1) and mail stamps: "May 01 12:25:58 UTC 2025".
      if (y + 2 < toks_.size() && IsInt(toks_[y]) && IsPunct(y + 1, ":") && IsInt(toks_[y + 2])) {
        size_t z = y + 3;
        if (IsPunct(z, ":") && z + 1 < toks_.size() && IsInt(toks_[z + 1])) z += 2;
        if (z < toks_.size() && toks_[z].type == TokType::kWord && toks_[z].upper &&
            toks_[z].norm.size() <= 4) {
          ++z;
        }
        if (z < toks_.size() && IsInt(toks_[z]) && toks_[z].norm.size() == 4) {
          d->y = IntValue(toks_[z]);
          if (!ValidDay(d->y, d->m, d->d)) return false;
          d->start = m.start;
          d->end = toks_[z].end;
          d->next = z + 1;
          return true;
        }
      }
      if (y < toks_.size() && IsInt(toks_[y]) && toks_[y].norm.size() == 4) {
        d->y = IntValue(toks_[y]);
        d->end = toks_[y].end;
        k = y + 1;
      }
      if (!ValidDay(d->y, d->m, d->d)) return false;
      d->next = k;
      return true;
    }
    // "By March of '68", "in December of ’70": an English month, "of" and the year's last two
    // digits after an apostrophe.
    if (m.e->flags & internal::kFigNeedsCap) {
      const size_t a = n < toks_.size() && toks_[n].norm == "of" ? n + 1 : n;
      if (int y = 0; ApostropheYear(a, &y)) {
        d->y = y;
        d->end = toks_[a + 1].end;
        d->next = a + 2;
        return true;
      }
    }
    n = YearAfterMonth(n);
    if (n < toks_.size() && IsInt(toks_[n]) && toks_[n].norm.size() == 4) {
      bool hijri = false;
      const size_t e = YearEnd(n, &hijri);
      if (hijri) return false;
      d->y = IntValue(toks_[n]);
      if (d->y < 1000) return false;
      d->end = toks_[e - 1].end;
      d->next = e;
      return true;
    }
    // "ספטמבר 84", "בסוף אפריל 87": Hebrew news writes the year of a month in two digits.
    // Hebrew puts a day before its month, and 32..99 can be no day: a year of the 1900s.
    if (n == m.next && n < toks_.size() && toks_[i].script == 'h' && IsInt(toks_[n]) &&
        toks_[n].norm.size() == 2 && IntValue(toks_[n]) >= 32 && !toks_[n].para_before &&
        !Attached(n) && !FollowedByAmountWord(n + 1)) {
      d->y = 1900 + IntValue(toks_[n]);
      d->end = toks_[n].end;
      d->next = n + 1;
      return true;
    }
    // A month alone is not a date, but it can open a range whose end has
    // the year (between October and December 2023): the caller checks.
    d->end = toks_[m.next - 1].end;
    d->next = m.next;
    d->y = -1;
    return false;
  }

  // "March and September 1977", "מרץ, יוני ואוגוסט 2020": a month of a list
  // takes the year that ends the list.
  size_t TryMonthList(const Date& first) {
    size_t k = first.next;
    for (int items = 0; items < 6 && k < toks_.size() && !toks_[k].para_before; ++items) {
      if (IsPunct(k, ",")) {
        ++k;
      } else if (const Hit c = Lookup(
                     k,
                     [](const FigureEntry& e) { return (e.flags & internal::kFigRangeAnd) != 0; },
                     false);
                 c && toks_[k].type == TokType::kWord) {
        k = c.next;
      } else if (toks_[k].norm == "or" || toks_[k].norm == "او" || toks_[k].norm == "או") {
        ++k;
      }
      Date next;
      if (ParseDate(k, false, &next)) {
        if (next.y <= 0 || next.d != 0 || next.m == 0) return 0;
        Date d = first;
        d.y = next.y;
        const std::string iso = d.Iso();
        Emit(FigureKind::kDate, first.start, first.end, [&](Figure* f) { f->date = iso; });
        return first.next;
      }
      if (next.y != -1 || next.next <= k) return 0;
      k = next.next;
    }
    return 0;
  }

  // Token i (four digits from 1000 to 1899) names a year where no preposition of time does:
  // "His 1835 novel", "the 1587 edition of", "Robert Chester's 1601 Love's Martyr" (the
  // adjective of a singular noun phrase or a title after a determiner or a possessive),
  // "(The Harlot High and Low, 1847)" (a work's date after its title in parentheses),
  // "1831 saw the success of" (the subject of a verb of time at the sentence's start), and
  // a list of years after one just read. A count takes a plural ("his 1500 soldiers", "its
  // 1650 employees"), a unit ("the 1800 calorie diet") or a verb of counts ("1200 died",
  // "1500 were killed"); years before 1800 that are whole hundreds stay counts.
  bool EnglishNamedYear(size_t i) const {
    const Tok& t = toks_[i];
    const int v = IntValue(t);
    if (!IsInt(t) || t.norm.size() != 4 || !IsYear(i, 1000) || IsYear(i) || t.para_before ||
        ComputingSize(v) || (v % 100 == 0 && !IsYear(i, 1800)) || FollowedByAmountWord(i + 1) ||
        (i + 1 < toks_.size() && Attached(i + 1) && !IsPunct(i + 1, ",") && !IsPunct(i + 1, ")") &&
         !IsPunct(i + 1, "]") && !IsPunct(i + 1, "."))) {
      return false;
    }
    const auto word = [&](size_t q) -> std::string_view {
      return q < toks_.size() && toks_[q].type == TokType::kWord && toks_[q].script == 'l' &&
                     (q == i + 1 || !toks_[q].para_before)
                 ? std::string_view(toks_[q].norm)
                 : std::string_view();
    };
    const Tok* n = At(i + 1);
    const bool next_word =
        n != nullptr && !n->para_before && n->type == TokType::kWord && n->script == 'l';
    // The sentence's subject: "1831 saw", "1848 was a year of revolutions".
    if (i == 0 || toks_[i - 1].para_before || IsPunct(i - 1, ".") || IsPunct(i - 1, "!") ||
        IsPunct(i - 1, "?")) {
      if (!next_word || n->cap) return false;
      const std::string_view v = n->norm;
      // "1848 was a year of revolutions", "1066 was the turning point": "is", "was", "became"
      // or "proved" before a noun of time; "1250 is the limit", "1450 was a record", "1450
      // became ill" have a count for subject.
      const auto time_complement = [&](size_t q) {
        if (WordIs(q, {"also"})) ++q;
        if (!WordIs(q, {"a", "an", "the", "another", "one"})) return false;
        for (size_t r = q + 1; r < q + 4 && r < toks_.size() && !toks_[r].para_before; ++r) {
          if (WordIs(r, {"year", "years", "time", "turning", "watershed", "period", "moment",
                         "milestone", "landmark", "season", "era", "age", "date", "decade",
                         "century", "beginning", "end", "start"})) {
            return true;
          }
          if (toks_[r].type != TokType::kWord) return false;
        }
        return false;
      };
      if (v == "was" || v == "is" || v == "became" || v == "proved") {
        return (v.size() <= 3 && WordIs(i + 2, {"when", "marked"})) || time_complement(i + 2);
      }
      // "1848 began with", "1599 ended with": a year's start and end; "1250 opened accounts".
      if (v == "began" || v == "ended" || v == "opened") return WordIs(i + 2, {"with"});
      for (std::string_view x : {"saw", "brought", "marked", "witnessed", "heralded", "ushered",
                                 "sees", "brings", "marks"}) {
        if (v == x) return true;
      }
      return false;
    }
    // The list's words are English: the nearest word before the year is.
    for (size_t q = i - 1; q > 0 && q + 8 > i; --q) {
      if (toks_[q].type == TokType::kWord) {
        if (toks_[q].script != 'l') return false;
        break;
      }
    }
    if (EnglishYearInList(i)) return true;
    // A title's date: "(Lost Illusions, 1843)", "(Decree for ..., 1875, Paragraph C)".
    if (i >= 3 && IsPunct(i - 1, ",") && Attached(i - 1) && toks_[i - 2].type == TokType::kWord &&
        toks_[i - 2].script == 'l' &&
        (IsPunct(i + 1, ")") || IsPunct(i + 1, "]") ||
         (IsPunct(i + 1, ",") && i + 2 < toks_.size() && toks_[i + 2].type == TokType::kWord &&
          toks_[i + 2].cap))) {
      for (size_t q = i - 2; q > 0 && q + 16 > i && !toks_[q].para_before; --q) {
        if (IsPunct(q - 1, ")") || IsPunct(q - 1, "]") || IsPunct(q - 1, ".") ||
            IsPunct(q - 1, ";")) {
          break;
        }
        // After a work's noun ("the second novel (A Winter Journey, 1847)", "his first tragedy
        // (Hamlet, 1601)") the parenthesis gives its title; one lowercase word is a label of a
        // count ("(pikes, 1250)"). Elsewhere labels of tables read alike ("(Total, 1250)",
        // "(Sample Size, 1250)", "(Number of Employees, 1450)"): there the first word is
        // capitalized and the last one no count's label or plural ("(Alcala, 1561)" names a
        // book's place).
        if (IsPunct(q - 1, "(") || IsPunct(q - 1, "[")) {
          if (toks_[q].type != TokType::kWord) return false;
          const std::string_view before =
              q >= 2 && !toks_[q - 1].para_before && toks_[q - 2].type == TokType::kWord
                  ? std::string_view(toks_[q - 2].norm)
                  : std::string_view();
          // A work's foreign or full title before it: "Illusions Perdues (Lost Illusions, 1843)".
          const bool title_before = q >= 2 && !toks_[q - 1].para_before &&
                                    toks_[q - 2].type == TokType::kWord && toks_[q - 2].cap &&
                                    !(q >= 3 && IsPunct(q - 3, "."));
          if (DatedNoun(before) || before == "sequel" || before == "prequel" || before == "film" ||
              before == "album" || title_before) {
            return q + 2 < i || toks_[q].cap;
          }
          // "(The Government Clerks, 1841)", "(Statute of Tolerations, 1689)": an article or a
          // document's noun opens a title.
          if (q + 2 < i && toks_[q].cap &&
              (WordIs(q, {"the", "a", "an"}) || DatedNoun(toks_[q].norm))) {
            return true;
          }
          const std::string_view last = toks_[i - 2].norm;
          return toks_[q].cap && last.back() != 's' &&
                 !WordIs(i - 2, {"total", "size", "number", "count", "staff", "revenue",
                                 "population", "sample", "amount", "sum", "budget", "cost", "value",
                                 "income", "price", "rate", "score", "figure", "n"});
        }
        if (toks_[q - 1].type == TokType::kNum) break;
      }
      return false;
    }
    // The determiner: an article, a demonstrative, a possessive pronoun or a name's "'s".
    const std::string_view det = word(i - 1);
    const bool possessive = det == "s" && i >= 3 && Attached(i - 1) && IsPunct(i - 2, "'") &&
                            Attached(i - 2) && toks_[i - 3].type == TokType::kWord;
    const bool article = det == "the" || det == "this" || det == "that";
    if (!possessive && !article && det != "his" && det != "her" && det != "their" && det != "its" &&
        det != "our" && det != "my" && det != "your") {
      return false;
    }
    if (!next_word || Attached(i + 1)) return false;
    // "Chester's 1601 Love's Martyr", "his 1832 Louis Lambert": a title after a possessive.
    if (n->cap) {
      return !article && !n->upper && n->norm.back() != 's' && !FollowedByAmountWord(i + 2);
    }
    // Numbers, models and ports share these digits ("the 1366 socket", "its 1024 entry
    // table"): the phrase must name a work, a document or an event, things a year dates.
    size_t head = 0;
    if (!SingularNounPhraseAfter(i, &head)) return false;
    // A dated noun up to the phrase's head ("the 1605 cast list", "the 1623 folio version").
    // Versions, issues, copies, plans and designs are as often numbered or counted ("the 1099
    // issue", "our 1250 plan", "the 1350 work order"): only as the head (or before a verb that
    // ends the phrase: "the 1587 copy printed by") and after a named owner ("Chester's 1601
    // copy").
    for (size_t q = i + 1; q <= head; ++q) {
      const std::string_view w = toks_[q].norm;
      if (!DatedNoun(w)) continue;
      if (!GenericDatedNoun(w)) return true;
      if (!possessive) continue;
      const std::string_view x = q < head ? std::string_view(toks_[q + 1].norm) : "ed";
      if (x.size() >= 2 && (x.compare(x.size() - 2, 2, "ed") == 0 || x.back() == 's')) return true;
    }
    return false;
  }

  // Nouns of DatedNoun that a model number, a count or a form's number qualifies as often as
  // a year.
  static bool GenericDatedNoun(std::string_view w) {
    for (std::string_view x : {"version", "issue", "text", "copy", "work", "plan", "design",
                               "print", "account", "register", "score", "grant", "will", "sale"}) {
      if (w == x) return true;
    }
    return false;
  }

  // A noun of a work, a document or an event, which a year before it dates ("his 1796 essay",
  // "the 1587 edition", "their 1765 treaty").
  static bool DatedNoun(std::string_view w) {
    static constexpr std::string_view kNouns[] = {
        "edition",       "novel",       "book",        "map",         "essay",
        "translation",   "folio",       "quarto",      "octavo",      "cast",
        "survey",        "letter",      "version",     "play",        "poem",
        "printing",      "publication", "law",         "portrait",    "painting",
        "engraving",     "sketch",      "drawing",     "manuscript",  "pamphlet",
        "article",       "study",       "report",      "visit",       "voyage",
        "expedition",    "journey",     "revolt",      "decree",      "proclamation",
        "constitution",  "agreement",   "accord",      "alliance",    "outbreak",
        "production",    "performance", "premiere",    "staging",     "revival",
        "opera",         "symphony",    "sonata",      "cantata",     "concerto",
        "collection",    "anthology",   "dictionary",  "atlas",       "catalogue",
        "catalog",       "biography",   "memoir",      "diary",       "sermon",
        "speech",        "lecture",     "treatise",    "story",       "tale",
        "sonnet",        "ballad",      "comedy",      "tragedy",     "history",
        "chronicle",     "account",     "description", "inventory",   "will",
        "deed",          "patent",      "grant",       "register",    "marriage",
        "wedding",       "trial",       "verdict",     "ruling",      "judgment",
        "statute",       "ordinance",   "reform",      "settlement",  "founding",
        "discovery",     "purchase",    "sale",        "auction",     "exhibition",
        "exposition",    "tour",        "debut",       "appointment", "victory",
        "defeat",        "raid",        "mutiny",      "riot",        "crisis",
        "panic",         "plan",        "design",      "abolition",   "photograph",
        "daguerreotype", "print",       "woodcut",     "letters",     "visitation",
        "dissolution",   "partition",   "annexation",  "secession",   "ban",
        "abdication",    "accession",   "restoration", "reformation", "bull",
        "encyclical",    "impression",  "reprint",     "issue",       "volume",
        "text",          "copy",        "work",        "opus",        "score",
        "libretto",      "song",        "hymn",        "mass",        "requiem",
        "oratorio",      "masque",      "satire"};
    return EventNoun(w) || std::find(std::begin(kNouns), std::end(kNouns), w) != std::end(kNouns);
  }

  // The words after a number at i read as a singular noun phrase it qualifies, as a year
  // does ("the 1855 colonial constitution", "the 1821 full size oil sketch for"): lowercase
  // words up to the head, then a preposition, a verb, punctuation or a name. A count takes a
  // plural ("the 1500 soldiers") or a unit ("the 1500 meter race", "the 1800 calorie diet":
  // a unit or a counted noun in its singular modifier form right after the number), and a
  // mark or a level is a threshold ("the 1800 mark").
  bool SingularNounPhraseAfter(size_t i, size_t* head_out = nullptr) const {
    if (Lookup(i + 1,
               [](const FigureEntry& e) {
                 return e.unit != nullptr || e.currency != nullptr || e.scale > 0;
               }) ||
        WordIs(i + 1, {"calorie", "pound",  "word",   "page",   "seat",      "mile",   "acre",
                       "ton",     "ounce",  "gallon", "yard",   "foot",      "meter",  "metre",
                       "bed",     "room",   "man",    "member", "piece",     "square", "horsepower",
                       "pixel",   "dollar", "point",  "degree", "strong",    "odd",    "year",
                       "day",     "hour",   "minute", "line",   "character", "unit",   "person",
                       "plus",    "more",   "other",  "or",     "to",        "and",    "of"})) {
      return false;
    }
    // Lowercase words up to the head, then a preposition, a verb, punctuation or a name.
    size_t q = i + 1;
    while (q < toks_.size() && q < i + 6 && !toks_[q].para_before && !Attached(q) &&
           toks_[q].type == TokType::kWord && toks_[q].script == 'l' && !toks_[q].cap &&
           !IsLinkWord(toks_[q].norm) &&
           !WordIs(q, {"of",   "for",  "to", "that", "which", "was", "is",  "about", "by",
                       "with", "from", "in", "on",   "at",    "as",  "has", "had",   "were",
                       "are",  "the",  "a",  "an",   "his",   "her", "its", "their"})) {
      ++q;
    }
    // "This 1833 map shows the extent": a determiner opens the object, so the word before it
    // is the verb and the one before that the head.
    size_t h = q - 1;
    if (q < i + 6 && q > i + 2 && WordIs(q, {"the", "a", "an", "his", "her", "its", "their"})) {
      --h;
    }
    if (q == i + 1 || q == i + 6) return false;
    const std::string& head = toks_[h].norm;
    if (head.back() == 's' ||
        WordIs(h, {"mark", "level", "block", "threshold", "figure", "limit", "barrier", "line",
                   "range", "point", "model", "number", "total", "score", "rating", "hour"})) {
      return false;
    }
    if (head_out != nullptr) *head_out = h;
    return q >= toks_.size() || toks_[q].para_before || toks_[q].type != TokType::kNum;
  }

  bool PrecededByBlocker(size_t i) const {
    if (i == 0 || toks_[i].para_before) return false;
    // "بنسخة 2018 من جائزة العرب", "النسخة 2019 من المهرجان": the edition of an event named
    // by its year is dated by it (test19 and test20's festivals and awards).
    if (IsYear(i) && i + 1 < toks_.size() && !toks_[i + 1].para_before &&
        toks_[i + 1].norm == "من" && toks_[i - 1].script == 'a' &&
        CliticsThen(toks_[i - 1].norm, "نسخه")) {
      return false;
    }
    if (SoftwareVersionBefore(i)) return true;
    return PhraseBefore(i, internal::kFigBlocker);
  }

  // Token k ends a sentence or opens what follows (".", "!", "?", ":").
  bool EndsSentence(size_t k) const {
    return IsPunct(k, ".") || IsPunct(k, "!") || IsPunct(k, "?") || IsPunct(k, ":");
  }

  // "Access 2002", "Office 2000", "SQL Server 2008", "Visual Studio 2010", "Windows XP/2000":
  // after a capitalized program of a suite (or another version and a slash) a number is the
  // version, not a year or a count. Lower case they are words ("access 2000 files").
  bool SoftwareVersionBefore(size_t i) const {
    // A version is a year or two digits ("Office 97"), alone: "Office 979 238 2102" is a phone.
    const std::string& v = toks_[i].norm;
    if (i == 0 || !(YearDigits(v) || (v.size() <= 2 && IsInt(toks_[i]))) ||
        (i + 1 < toks_.size() && toks_[i + 1].type == TokType::kNum)) {
      return false;
    }
    // Names that are no English words are programs when capitalized.
    static constexpr std::string_view kProducts[] = {
        "excel", "powerpoint", "frontpage", "visio", "xp", "nt", "sharepoint", "onenote"};
    // These are also ordinary words, and titles use them ("Economic Outlook 2023", "the Vista
    // 2030 plan", "Access 24 hours a day"): a program only inside the sentence, and Outlook,
    // Office and the rest only after a maker or a suite's name ("Microsoft Outlook 2003",
    // "SQL Server 2008") or before a word of software ("Office 2002 license").
    static constexpr std::string_view kWordProducts[] = {"access",   "word",   "office",
                                                         "outlook",  "server", "studio",
                                                         "exchange", "vista",  "publisher"};
    size_t p = i - 1;
    // "XP/2000": one version after another.
    if (IsPunct(p, "/") && p >= 1 && Attached(i) && Attached(p)) --p;
    const Tok& t = toks_[p];
    if (t.type != TokType::kWord || t.script != 'l' || !t.cap || toks_[p + 1].para_before) {
      return false;
    }
    const bool product =
        std::find(std::begin(kProducts), std::end(kProducts), t.norm) != std::end(kProducts);
    if (!product && std::find(std::begin(kWordProducts), std::end(kWordProducts), t.norm) ==
                        std::end(kWordProducts)) {
      return false;
    }
    // Only after a program's name: this runs for every number of every text, and the words
    // after it are looked at only where they can matter.
    const bool software_after = LatinWordIs(
        i + 1, {"version",  "versions",  "edition", "format",      "formats",      "file",
                "files",    "license",   "licence", "licenses",    "installation", "install",
                "update",   "upgrade",   "users",   "user",        "document",     "documents",
                "database", "databases", "client",  "clients",     "service",      "pack",
                "sp1",      "sp2",       "sp3",     "application", "applications", "installed",
                "site",     "suite",     "setup",   "program",     "programs"});
    // "Access 24 hours a day", "In Word 12 people were killed": a count of its own.
    if (!software_after && FollowedByAmountWord(i + 1)) return false;
    if (product || software_after) return true;
    const bool opens = p == 0 || toks_[p].para_before || EndsSentence(p - 1);
    if (!opens && LatinWordIs(p - 1, {"microsoft", "ms", "sql", "windows", "visual", "office"})) {
      return true;
    }
    // "Access 2002 provides", "No Office 2002,": the commonest programs alone, but not as the
    // end of a capitalized name ("the Home Office 2010 report").
    if (t.norm == "access" || t.norm == "word" || t.norm == "office") {
      return opens || !toks_[p - 1].cap || toks_[p - 1].type != TokType::kWord || p == 1 ||
             toks_[p - 1].para_before || EndsSentence(p - 2);
    }
    return false;
  }

  // Returns the date at i, also a month alone (y = 0, m set) when
  // `month_only` and the rest follows.
  bool ParseRangeEnd(size_t i, bool allow_month_only, Date* d) const {
    if (ParseDate(i, true, d)) return true;
    if (allow_month_only && d->y == -1) {
      d->y = 0;
      return true;
    }
    return false;
  }

  // The end of "ما بين عاميّ 1260 و1264" at token k: after "between the years" and a bare
  // year, a later year of three or four digits (with its clitic "و" or "ל") that counts
  // nothing after it.
  bool EarlyYearAfterYearsWord(bool years_word, const Date& a, size_t k, Date* b) const {
    if (!years_word || !a.bare_year || a.y <= 0) return false;
    size_t q = k;
    if (q + 1 < toks_.size() && toks_[q].type == TokType::kWord && !CliticBefore(q + 1).empty()) {
      ++q;
    }
    if (q >= toks_.size() || !IsInt(toks_[q]) || toks_[q].para_before || toks_[q].norm.size() < 3 ||
        toks_[q].norm.size() > 4 || FollowedByAmountWord(q + 1)) {
      return false;
    }
    const int y = IntValue(toks_[q]);
    if (y <= a.y || y > 2100) return false;
    *b = Date();
    b->y = y;
    b->bare_year = true;
    b->clitic = std::string(CliticBefore(q));
    b->start = toks_[k].start;
    b->end = toks_[q].end;
    b->next = q + 1;
    return true;
  }

  // between D1 and D2, from D1 to D2, D1 - D2, בין D1 ל-D2, من D1 إلى D2.
  size_t TryRange(size_t i) {
    size_t j = i;
    bool opener = false;
    bool between = false;
    bool years_word = false;
    // "حصيلة سنتي 2017 و2018": the dual "the two years of" names a period when the two years
    // follow each other (the ar-news labels read it as a range); "في عامي 1991 و 2002" stays two
    // dates.
    bool dual_years = false;
    if (toks_[i].script == 'a' && (toks_[i].norm == "سنتي" || toks_[i].norm == "عامي") &&
        i + 1 < toks_.size() && IsInt(toks_[i + 1]) && !toks_[i + 1].para_before) {
      dual_years = true;
      opener = true;
      between = true;
      years_word = true;
      j = i + 1;
    } else if (const Hit h = Lookup(
                   i, [](const FigureEntry& e) { return (e.flags & internal::kFigRangeOpen) != 0; },
                   true);
               h && toks_[i].type == TokType::kWord &&
               (h.clitic.empty() ||
                (toks_[i].script == 'a' && (h.clitic == "و" || h.clitic == "ف")))) {
      // "ومن 1939 إلى 1941": Arabic joins "and" to the opener.
      opener = true;
      between = IsBetween(i);
      j = h.next;
      // "من أواخر عام 1939 إلى أوائل عام 1941": a part of the first year.
      if (toks_[i].script == 'a' && j + 1 < toks_.size() && !toks_[j + 1].para_before &&
          (toks_[j].norm == "اواخر" || toks_[j].norm == "اوايل" || toks_[j].norm == "مطلع" ||
           toks_[j].norm == "منتصف" || toks_[j].norm == "بدايه" || toks_[j].norm == "نهايه") &&
          (toks_[j + 1].norm == "عام" || toks_[j + 1].norm == "سنه" ||
           toks_[j + 1].type == TokType::kNum)) {
        ++j;
      }
    }
    // "ابتداء من الثلاثاء 5 مارس", "من يوم الثلاثاء 5 مارس": an Arabic weekday before the
    // first day; "بين شهري يونيو وغشت 2016": "the months" before two month names.
    if (opener && toks_[i].script == 'a') {
      j = SkipArabicDayWord(j);
      if (ArabicWeekdayBeforeDay(j)) ++j;
      if (between && j + 1 < toks_.size() && toks_[j].norm == "شهري" && !toks_[j + 1].para_before &&
          Lookup(
              j + 1, [](const FigureEntry& e) { return e.month > 0; }, false)) {
        ++j;
      }
    }
    // "بين سنتي 2004 و 2014": "the years" between the opener and the dates.
    if (opener && j < toks_.size() &&
        (toks_[j].norm == "سنتي" || toks_[j].norm == "عامي" || toks_[j].norm == "השנים" ||
         toks_[j].norm == "the years" || toks_[j].norm == "years" ||
         // "بين سنة 1998 و 2005": the singular year word, as the news writes it.
         toks_[j].norm == "سنه" || toks_[j].norm == "عام" || toks_[j].norm == "سنوات" ||
         toks_[j].norm == "השנים")) {
      ++j;
      years_word = true;
    }
    if (size_t n = TryDayRange(i, j, opener, between)) return n;
    // "_St. George Fighting the Dragon_ (1504-06)": alone in parentheses, a year before 1900
    // and the last two digits of a later one in its century are a work's span, as "(1886)"
    // is its year (ParseDate). From 1900 on "(1904-06)" keeps ISO 8601's year and month;
    // "pp. 1504-06" outside parentheses stays a page range.
    if (!opener && IsInt(toks_[i]) && toks_[i].norm.size() == 4 && IsYear(i, 1000) &&
        !IsYear(i, 1900) && i > 0 && IsPunct(i - 1, "(") && Attached(i) && IsPunct(i + 1, "-") &&
        Attached(i + 1) && i + 3 < toks_.size() && IsInt(toks_[i + 2]) &&
        toks_[i + 2].norm.size() == 2 && Attached(i + 2) && IsPunct(i + 3, ")") &&
        Attached(i + 3) && IntValue(toks_[i]) % 100 < IntValue(toks_[i + 2])) {
      const int y = IntValue(toks_[i]);
      const std::string from = std::to_string(y),
                        to = std::to_string(y - y % 100 + IntValue(toks_[i + 2]));
      Emit(FigureKind::kDateRange, toks_[i].start, toks_[i + 2].end, [&](Figure* f) {
        f->from = from;
        f->to = to;
        f->date = from + "/" + to;
      });
      return i + 3;
    }
    Date a;
    if (!ParseRangeEnd(j, true, &a)) {
      // "בין השנים 450 ועד שנת 640", "ما بين عاميّ 1260 و1264": after "between the years"
      // three digits, or four before 1800, are a year too.
      if (opener && toks_[i].script == 'a' && EarlyYearPair(j, between)) years_word = true;
      if (opener && between && toks_[i].script == 'l' && EnglishEarlyYearPair(j)) years_word = true;
      if (!years_word || j >= toks_.size() || !IsInt(toks_[j]) || toks_[j].norm.size() < 3 ||
          toks_[j].norm.size() > 4 || toks_[j].para_before) {
        return 0;
      }
      a = Date();
      a.y = IntValue(toks_[j]);
      a.bare_year = true;
      a.start = toks_[j].start;
      a.end = toks_[j].end;
      a.next = j + 1;
    }
    if (!a.clitic.empty() && CliticHas(a.clitic, "מ") && a.clitic.size() <= 4) opener = true;
    if (a.bare_year && !opener) {
      // A bare year opens a range only with a dash, "to" or "until" and another year
      // ("2006 ועד 2012", "2006 وحتى 2012").
      size_t k = a.next;
      if (!IsPunct(k, "-") &&
          !(k < toks_.size() &&
            (toks_[k].norm == "to" || toks_[k].norm == "until" || toks_[k].norm == "עד" ||
             toks_[k].norm == "ועד" || toks_[k].norm == "حتى" || toks_[k].norm == "وحتى"))) {
        return 0;
      }
    }
    size_t k = a.next;
    // "(26 April 1564 (baptised) – 23 April 1616)": a note on a full date in parentheses of
    // its own between the date and the dash of a life span.
    if (a.y > 0 && a.d > 0 && !opener && IsPunct(k, "(") && IsPunct(k + 2, ")") &&
        IsPunct(k + 3, "-") && Attached(k + 1) && Attached(k + 2) &&
        WordIs(k + 1, {"baptised", "baptized", "born", "christened", "buried", "died", "approx",
                       "est", "disputed", "uncertain", "probably", "presumed"})) {
      k += 3;
    }
    // "من 03 ماي الجاري إلى 03 يوليوز المقبل", "من الثلاثاء 5 مارس على الساعة 8 صباحا وإلى
    // غاية الخميس 7 مارس": after an Arabic opener a day and month without a year may carry
    // "this month" or an hour before the connector.
    const bool arabic_days = opener && toks_[i].script == 'a' && a.y == 0 && a.d > 0 && a.m > 0;
    if (arabic_days) {
      if (ArabicMonthDeictic(k)) ++k;
      k = SkipArabicHour(k);
    }
    bool joined = false;
    if (const Hit c = Lookup(
            k,
            [&](const FigureEntry& e) {
              return (e.flags & internal::kFigRangeTo) != 0 ||
                     ((e.flags & internal::kFigRangeAnd) != 0 && between);
            },
            false);
        c && c.next > k) {
      k = c.next;
      joined = true;
    }
    // "מאוקטובר 1993 ועד תחילת 1997", "from 2001 to late 2004": a word for a
    // part of the year between the connector and the date.
    if (joined && k + 1 < toks_.size()) {
      const std::string& p = toks_[k].norm;
      if (p == "תחילת" || p == "סוף" || p == "אמצע" || p == "مطلع" || p == "اوايل" ||
          p == "اواخر" || p == "نهايه" || p == "بدايه" || p == "early" || p == "late" ||
          p == "mid") {
        ++k;
      }
    }
    // "משנת 1946 ועד שנת 1948", "إلى عام 2005": a year word before the second year.
    bool year_word = false;
    if (joined && k + 1 < toks_.size() && toks_[k + 1].type == TokType::kNum &&
        Lookup(
            k, [](const FigureEntry& e) { return (e.flags & internal::kFigYearWord) != 0; },
            false)) {
      ++k;
      year_word = true;
    }
    // "1920 – 21", "1871-72": the second year written with its last two digits, later in
    // the same century; a unit or a word joined after them makes them something else.
    // "the plagues of 1592–3": one digit (OneDigitLaterYear).
    const bool one_digit = OneDigitLaterYear(a.y, k);
    if (a.bare_year && a.y > 0 && IsPunct(a.next, "-") && k == a.next + 1 && k < toks_.size() &&
        IsInt(toks_[k]) && (toks_[k].norm.size() == 2 || one_digit) && !toks_[k].para_before &&
        (one_digit || a.y % 100 < IntValue(toks_[k])) && !FollowedByAmountWord(k + 1) &&
        !(Attached(k + 1) && !IsPunct(k + 1, ",") && !IsPunct(k + 1, ".") && !IsPunct(k + 1, ")") &&
          !IsPunct(k + 1, ";"))) {
      const std::string from = a.Iso(),
                        to = std::to_string(one_digit ? a.y - a.y % 10 + IntValue(toks_[k])
                                                      : a.y - a.y % 100 + IntValue(toks_[k]));
      Emit(FigureKind::kDateRange, a.start, toks_[k].end, [&](Figure* f) {
        f->from = from;
        f->to = to;
        f->date = from + "/" + to;
      });
      return k + 1;
    }
    Date b;
    // "في 1654–1657", "(865–915)": in Arabic a dash joins an early year (ArabicEarlyYearCue) to
    // a later one as "between the years" does.
    const bool arabic_dash =
        a.bare_year && a.y > 0 && a.y < 1800 && IsPunct(a.next, "-") && k == a.next + 1 &&
        a.next >= 2 && toks_[a.next - 1].type == TokType::kNum &&
        (ArabicEarlyYearCue(a.next - 1) ||
         (toks_[a.next - 2].script == 'a' && PhraseBefore(a.next - 1, internal::kFigYearWord)) ||
         // "in 1620-1621": so does an English one (EnglishYearAfterPreposition).
         (toks_[a.next - 2].script == 'l' && EnglishYearAfterPreposition(a.next - 1))) &&
        ArabicLaterYearAfterDash(a.next - 1);
    // "إلى غاية يوم الخميس 7 مارس", "إلى غاية يوم الجمعة 19 ماي 2017م": a weekday before the
    // second day, whether or not the first carries its year.
    if (opener && toks_[i].script == 'a' && a.d > 0 && a.m > 0 && joined) {
      k = SkipArabicDayWord(k);
      if (ArabicWeekdayBeforeDay(k)) ++k;
    }
    if (!(year_word ? ParseDate(k, true, &b) && b.bare_year : ParseRangeEnd(k, false, &b)) &&
        !EarlyYearAfterYearsWord(years_word || arabic_dash, a, k, &b)) {
      return 0;
    }
    if (!joined) {
      // The connector is a clitic on the second date: ויוני, ליוני, ويونيو, ל-2024.
      const bool conn = (between && (CliticHas(b.clitic, "ו") || CliticHas(b.clitic, "ל") ||
                                     CliticHas(b.clitic, "و"))) ||
                        (opener && (CliticHas(b.clitic, "ל") || CliticHas(b.clitic, "ع")));
      if (!conn) return 0;
    }
    if (!opener && !joined) return 0;
    if (dual_years && !(a.bare_year && b.bare_year && b.y == a.y + 1)) return 0;
    if (a.y == 0 && a.d == 0 && b.y > 0) a.y = a.m > b.m ? b.y - 1 : b.y;  // October..June 2024
    // "ما بين 14 يونيو ولغاية 15 يوليو من عام 2018": after an Arabic opener the first day takes
    // the year of the second.
    if (a.y == 0 && a.d > 0 && a.m > 0 && b.y > 0 && b.d > 0 && opener && toks_[i].script == 'a') {
      a.y = a.m > b.m ? b.y - 1 : b.y;
      if (!ValidDay(a.y, a.m, a.d)) return 0;
    }
    if (a.y == 0 && a.m == 0) return 0;
    // "1 ינואר־31 מרץ": a range of days and months without a year.
    const bool yearless = a.y == 0 && b.y == 0 && a.d > 0 && b.d > 0;
    if ((a.y <= 0 || b.y <= 0) && !yearless) return 0;
    // "October 2023 - 2024" is refused, "from October 1993 to early 1997" is a range.
    if (a.m != 0 && b.m == 0 && !(opener && b.bare_year && a.y > 0)) return 0;
    if (arabic_days && b.y == 0 && ArabicMonthDeictic(b.next)) {
      b.end = toks_[b.next].end;
      ++b.next;
    }
    const uint32_t start = a.start, end = b.end;
    const size_t after = b.next;
    if (a.Key() > b.Key()) {
      // "© 2014-2001" in Hebrew or Arabic text: typed right to left, the
      // years of a range come out in reverse order.
      if (!a.bare_year || !b.bare_year || !IsPunct(a.next, "-") || !SemiticAround(i, b.next)) {
        return 0;
      }
      std::swap(a, b);
    }
    if (a.bare_year != b.bare_year && !opener && !LifeSpan(i, a, b)) return 0;
    if (!opener && a.bare_year && b.bare_year && WarBefore(i)) return after;
    const std::string from = a.Iso(), to = b.Iso();
    Emit(FigureKind::kDateRange, start, end, [&](Figure* f) {
      f->from = from;
      f->to = to;
      f->date = from + "/" + to;
    });
    return after;
  }

  // Past "يوم" (or the Moroccan "يومه") at token i before a weekday or a day number ("يوم
  // الخميس 7 مارس", "يوم 7 مارس"); i itself when it is not there.
  size_t SkipArabicDayWord(size_t i) const {
    if (i + 1 >= toks_.size() || toks_[i].script != 'a' || toks_[i + 1].para_before ||
        (toks_[i].norm != "يوم" && toks_[i].norm != "يومه")) {
      return i;
    }
    const bool day = IsInt(toks_[i + 1]) && toks_[i + 1].norm.size() <= 2;
    return day || ArabicWeekdayBeforeDay(i + 1) ? i + 1 : i;
  }

  // An Arabic weekday at token i followed by a day number ("الخميس 7 مارس").
  bool ArabicWeekdayBeforeDay(size_t i) const {
    if (i + 1 >= toks_.size() || toks_[i].script != 'a' || !IsInt(toks_[i + 1]) ||
        toks_[i + 1].norm.size() > 2 || toks_[i + 1].para_before) {
      return false;
    }
    return WordIs(i, {"الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"});
  }

  // "الجاري", "المقبل", "الماضي" after a day and month: this, next or last month.
  bool ArabicMonthDeictic(size_t i) const {
    return i < toks_.size() && toks_[i].script == 'a' && !toks_[i].para_before &&
           WordIs(i, {"الجاري", "المقبل", "الماضي"});
  }

  // Past "على الساعة 8 صباحا" / "على الساعة 10:30" at token i: the hour of a day, at most
  // six tokens; i itself when there is none.
  size_t SkipArabicHour(size_t i) const {
    if (i + 2 >= toks_.size() || toks_[i].norm != "علي" || toks_[i + 1].norm != "الساعه" ||
        !IsInt(toks_[i + 2]) || toks_[i + 2].norm.size() > 2 || IntValue(toks_[i + 2]) > 24) {
      return i;
    }
    size_t q = i + 3;
    if (IsPunct(q, ":") && q + 1 < toks_.size() && IsInt(toks_[q + 1])) q += 2;
    if (q < toks_.size() && WordIs(q, {"صباحا", "مساء", "ليلا", "زوالا", "ظهرا"})) ++q;
    return q;
  }

  // "حروب البلقان 1912-1913", "حرب 1948": years right after a war or a revolution, or after
  // its definite place, name the event (test16's convention, as "حرب أكتوبر 1973").
  bool WarBefore(size_t i) const {
    const auto war = [&](size_t w) {
      return toks_[w].script == 'a' && toks_[w].norm.find("ال") == std::string::npos &&
             WordIs(w, {"حرب", "حروب", "ثورة"});
    };
    if (i == 0 || toks_[i].para_before || toks_[i - 1].script != 'a') return false;
    if (war(i - 1)) return true;
    return i >= 2 && !toks_[i - 1].para_before && toks_[i - 1].norm.rfind("ال", 0) == 0 &&
           war(i - 2);
  }

  // "(c. 1818 – January 8, 1880)": a life span in parentheses, a birth year whose day is
  // unknown and a full date of death, is one range (test11's convention).
  bool LifeSpan(size_t i, const Date& a, const Date& b) const {
    if (!a.bare_year || b.d == 0 || b.m == 0 || !IsPunct(a.next, "-") || !IsPunct(b.next, ")")) {
      return false;
    }
    if (i >= 1 && IsPunct(i - 1, "(")) return true;
    return i >= 3 && IsPunct(i - 1, ".") && toks_[i - 2].norm == "c" && IsPunct(i - 3, "(");
  }

  // "שנות ה-90", "בשנות ה30", "שנות 2000": a decade, the range of its years
  // (two digits are of the 1900s).
  size_t TryDecade(size_t i) {
    const Tok& t = toks_[i];
    if (t.type == TokType::kNum) {
      // "العقد" is no lexicon word: the number after it finds it.
      if (i > 0 && toks_[i - 1].script == 'a' && !t.para_before) {
        if (size_t n = TryArabicDecadeDigits(i - 1)) return n;
      }
      return TryDecadeDigits(i);
    }
    if (t.type == TokType::kWord && t.script == 'a') return TryArabicDecade(i);
    if (t.type == TokType::kWord && t.script == 'l') return TryEnglishDecadeWord(i);
    if (t.type != TokType::kWord || t.script != 'h' || i + 1 >= toks_.size()) return 0;
    const std::string& w = t.norm;
    const std::string_view core = w.size() >= 8 && w.compare(w.size() - 8, 8, "שנות") == 0
                                      ? std::string_view(w).substr(0, w.size() - 8)
                                      : std::string_view("x");
    if (!AllHebrewClitics(core) && !core.empty()) return 0;
    size_t k = i + 1;
    if (toks_[k].para_before) return 0;
    bool article = false;
    // The article is joined to the number (ה-90, ה30) or set apart (ה 2000).
    if (toks_[k].type == TokType::kWord && toks_[k].norm == "ה" && k + 1 < toks_.size()) {
      article = true;
      ++k;
      if (IsPunct(k, "-") && k + 1 < toks_.size() && !toks_[k + 1].space_before) ++k;
    }
    if (!article && k < toks_.size() && !toks_[k].para_before && toks_[k].script == 'h') {
      return HebrewDecadeWords(i, core.size(), k);
    }
    if (k >= toks_.size() || !IsInt(toks_[k]) || toks_[k].para_before) return 0;
    const int v = IntValue(toks_[k]);
    int from = 0;
    if (toks_[k].norm.size() == 2 && v % 10 == 0 && v >= 10 && (article || v >= 20)) {
      from = 1900 + v;
    } else if (toks_[k].norm.size() == 4 && v % 10 == 0 && v >= 1800 && v <= 2090) {
      from = v;
    } else {
      return 0;
    }
    if (FollowedByAmountWord(k + 1)) return 0;
    size_t end = k;
    if (toks_[k].norm.size() == 2) {
      // "בשנות ה-60 של המאה ה-19": the century named after the decade replaces the 1900s.
      size_t last = 0;
      if (const int century = HebrewCenturyAfter(k + 1, &last); century > 0) {
        from = (century - 1) * 100 + v;
        end = last;
      }
    }
    EmitDecade(OffsetAfter(i, core.size()), toks_[end].end, from);
    return end + 1;
  }

  // "של המאה ה-19", "של המאה ה19" at token j: the century's number (0 if none), and the
  // token of that number in *last.
  int HebrewCenturyAfter(size_t j, size_t* last) const {
    if (j + 2 >= toks_.size() || toks_[j].para_before || toks_[j].norm != "של" ||
        toks_[j + 1].norm != "המאה" || toks_[j + 2].para_before) {
      return 0;
    }
    const size_t n = SkipClitic(j + 2);
    if (n == j + 2 || !IsInt(toks_[n]) || toks_[n].norm.size() > 2) return 0;
    const int century = IntValue(toks_[n]);
    if (century < 1 || century > 21) return 0;
    *last = n;
    return century;
  }

  void EmitDecade(uint32_t start, uint32_t end, int from) {
    const std::string a = from < 1000 ? "0" + std::to_string(from) : std::to_string(from);
    const std::string b =
        from + 9 < 1000 ? "0" + std::to_string(from + 9) : std::to_string(from + 9);
    Emit(FigureKind::kDateRange, start, end, [&](Figure* f) {
      f->from = a;
      f->to = b;
      f->date = a + "/" + b;
    });
  }

  // "the nineties", "the late sixties": a decade of the 1900s in words after "the" (as "the
  // 90s"); "in their forties" is an age, "the high twenties" a temperature.
  size_t TryEnglishDecadeWord(size_t i) {
    const Hit h = Lookup(
        i, [](const FigureEntry& e) { return e.decade > 0; }, false);
    if (!h || h.next != i + 1) return 0;
    const int decade = h.e->decade;
    for (size_t b = 1; b <= 3 && b <= i && !toks_[i - b + 1].para_before; ++b) {
      const std::string& w = toks_[i - b].norm;
      if (w == "the") {
        EmitDecade(toks_[i].start, toks_[i].end, 1900 + decade);
        return i + 1;
      }
      if (w != "-" && w != "mid" && w != "early" && w != "late") break;
    }
    return 0;
  }

  // "the 1990s", "the mid-1970s", "1970's": a decade written with its first year. Without
  // "the" or the apostrophe "1800s" is as often seconds ("a value of 1800s"), and "1000s of
  // users" is an amount.
  //
  // Two digits are a decade of the 1900s after "the" ("the 80's", "the mid-70s"), or after
  // "and", "or", a comma following such a decade ("the 70's and 80's"); alone, "80s" is as
  // often ages or temperatures ("in their 80s").
  size_t TryDecadeDigits(size_t i) {
    const Tok& t = toks_[i];
    const bool two = IsInt(t) && t.norm.size() == 2 && t.norm[0] != '0';
    // "the 880s", "the early 720s": three digits are a decade of the first millennium right
    // after "the" (or "the early", "the mid-"); alone they are seconds or error codes.
    const bool three = IsInt(t) && t.norm.size() == 3 && t.norm[0] != '0';
    if (three) {
      size_t b = i;
      if (b >= 1 && IsPunct(b - 1, "-")) --b;
      if (b >= 1 && (toks_[b - 1].norm == "early" || toks_[b - 1].norm == "mid" ||
                     toks_[b - 1].norm == "late")) {
        --b;
      }
      if (b == 0 || toks_[b - 1].norm != "the" || toks_[b].para_before || toks_[i].para_before ||
          IntValue(t) % 10 != 0 || IntValue(t) % 100 == 0) {
        return 0;
      }
      size_t k = i + 1;
      if (IsPunct(k, "'") && Attached(k)) ++k;
      if (k >= toks_.size() || !Attached(k) || toks_[k].norm != "s") return 0;
      if (const Tok* n = At(k + 1); n != nullptr && !n->para_before && n->norm == "of") return 0;
      EmitDecade(t.start, toks_[k].end, IntValue(t));
      return k + 1;
    }
    if (!two && !IsYear(i, 1000)) return 0;
    if (IntValue(t) % 10 != 0 || IntValue(t) > 2090) return 0;
    size_t k = i + 1;
    const bool apostrophe = IsPunct(k, "'") && Attached(k);
    if (apostrophe) ++k;
    if (k >= toks_.size() || !Attached(k) || toks_[k].norm != "s") return 0;
    bool the = false, possessive = false, adjective = false;
    for (size_t b = 1; b <= 3 && b <= i && !toks_[i - b + 1].para_before; ++b) {
      const std::string& w = toks_[i - b].norm;
      if (w == "the") the = true;
      // "a 1950s sundress": a decade of the calendar as an adjective; "a 1800s" and
      // "a 3600s timeout" stay seconds.
      if ((w == "a" || w == "an") && !two && IntValue(t) >= 1900) the = true;
      possessive = possessive || w == "their" || w == "his" || w == "her" || w == "my" ||
                   w == "our" || w == "your";
      // "the fucking 90s", "your beloved 80s music": one word between the determiner and
      // the decade; not one that picks seconds or a range of values ("the first 30s",
      // "the last 10s", "the high 90s" of a thermometer).
      // "the original 1970s version": so may four digits of a decade.
      if (b == 1 && LowerLatinWord(i - 1) && !SecondsPicker(w) && w != "the" && w != "a" &&
          w != "an" && !possessive && w != "mid" && w != "early" && w != "late" &&
          (two || (i >= 2 && toks_[i - 2].norm == "the"))) {
        adjective = true;
        continue;
      }
      if (w != "-" && w != "mid" && w != "early" && w != "late") break;
    }
    if (adjective && (the || possessive)) the = true, possessive = false;
    if (adjective && !the) return 0;
    // "Vision 2030’s ICT goals": after a capitalized name inside the clause and before a word,
    // "’s" is the year's possessive; "the 1980's" (after "the") stays the decade.
    if (!two && apostrophe && !the && !possessive && i >= 2 && !t.para_before &&
        !toks_[i - 1].para_before && toks_[i - 1].type == TokType::kWord &&
        toks_[i - 1].script == 'l' && toks_[i - 1].cap && toks_[i - 2].type == TokType::kWord) {
      if (const Tok* n = At(k + 1); n != nullptr && !n->para_before && !Attached(k + 1) &&
                                    n->type == TokType::kWord && n->script == 'l') {
        return 0;
      }
    }
    // "in their 80s", "his early 70s": an age, not seconds.
    if (two && possessive) return k + 1;
    // "Tocqueville’s 1830s America", "1920s Paris": a four-digit decade after a name's
    // possessive or before a capitalized name is the calendar's ("a timeout of 1800s", "the
    // server's 1800s timeout" stay seconds).
    if (!two && i >= 3 && toks_[i - 1].norm == "s" && Attached(i - 1) && IsPunct(i - 2, "'") &&
        Attached(i - 2) && !t.para_before && toks_[i - 3].cap) {
      the = true;
    }
    if (const Tok* n = At(k + 1); !two && n != nullptr && !n->para_before && !Attached(k + 1) &&
                                  n->type == TokType::kWord && n->script == 'l' && n->cap &&
                                  !n->upper) {
      the = true;
    }
    // "taken 1950s in Saudi Arabia", "built 1920s at Leeds": a decade of the calendar before
    // "in" or "at" and a capitalized place, after a lowercase word (the 1800s and before are
    // as often seconds: "a delay of 1800s in Linux").
    if (const Tok* n = At(k + 1);
        !two && IntValue(t) >= 1900 && n != nullptr && !n->para_before && !Attached(k + 1) &&
        (n->norm == "in" || n->norm == "at") && k + 2 < toks_.size() && !toks_[k + 2].para_before &&
        toks_[k + 2].type == TokType::kWord && toks_[k + 2].script == 'l' && toks_[k + 2].cap &&
        !toks_[k + 2].upper && i > 0 && toks_[i - 1].type == TokType::kWord && !toks_[i - 1].cap) {
      the = true;
    }
    // "in the 1960s and 1970s": four digits too.
    // "the 1970s and early 1980s": a part of the decade may stand before the second.
    size_t l = i;
    if (l >= 2 && !toks_[l].para_before &&
        (toks_[l - 1].norm == "early" || toks_[l - 1].norm == "mid" ||
         toks_[l - 1].norm == "late")) {
      --l;
    }
    if (!the && l >= 2 && !t.para_before && !toks_[l - 1].para_before &&
        (toks_[l - 1].norm == "and" || toks_[l - 1].norm == "or" || IsPunct(l - 1, ",")) &&
        !out_.empty() && out_.back().kind == FigureKind::kDateRange &&
        out_.back().end == toks_[l - 2].end) {
      the = true;  // the second decade of a list
    }
    // "the ’70s or ’80s": an apostrophe standing for the century marks a decade as "the"
    // does; one closing a quotation is attached to the word before it.
    if (two && i >= 1 && IsPunct(i - 1, "'") && Attached(i) && !toks_[i].para_before &&
        (i == 1 || !Attached(i - 1) || toks_[i - 1].para_before)) {
      the = true;
    }
    if (two ? !the : !apostrophe && !the) return 0;
    // "the 1070s": before 1100 only after "the" ("1050's" alone may be a count).
    if (!two && IntValue(t) < 1100 && !the) return 0;
    if (const Tok* n = At(k + 1); n != nullptr && !n->para_before && n->norm == "of") return 0;
    // "the early 1600's", "the 1800s": a century, not its first decade (no figure; the 2000s
    // and the 1900s are as often decades, and read as such).
    if (!two && IntValue(t) % 100 == 0 && IntValue(t) < 1900) return k + 1;
    EmitDecade(t.start, toks_[k].end, two ? 1900 + IntValue(t) : IntValue(t));
    return k + 1;
  }

  // "בשנות הארבעים והחמישים", "בשנות השישים": decades in words after "the years of", each
  // a range of the 1900s. "בשנות העשרים לחייו" (his twenties) is an age.
  size_t HebrewDecadeWords(size_t i, size_t clitics, size_t k) {
    auto tens = [&](size_t at, std::string_view clitic) -> int {
      const Hit h = Lookup(at, [](const FigureEntry& e) {
        return e.number >= 20 && e.number <= 90 && static_cast<int>(e.number) % 10 == 0 &&
               e.scale == 0;
      });
      if (!h || h.clitic != clitic || h.next != at + 1) return 0;
      return static_cast<int>(h.e->number);
    };
    const int first = tens(k, "ה");
    if (first == 0) return 0;
    size_t end = k + 1;
    int second = 0;
    if (end < toks_.size() && !toks_[end].para_before) second = tens(end, "וה");
    const size_t after = second > 0 ? end + 1 : end;
    if (const Tok* n = At(after); n != nullptr && !n->para_before &&
                                  (n->norm.rfind("לחיי", 0) == 0 || n->norm == "שלו" ||
                                   n->norm == "שלה" || n->norm == "שלהם")) {
      return 0;
    }
    EmitDecade(OffsetAfter(i, clitics), toks_[k].end, 1900 + first);
    if (second > 0) EmitDecade(OffsetAfter(end, 2), toks_[end].end, 1900 + second);
    return after;
  }

  // "السبعينيات", "بالسبعينيات", "منتصف الستينيات": with the article a decade of the 1900s;
  // "خمسينيات القرن الرابع عشر", "تسعينيات القرن الماضي": of the century named after it.
  // "في الستينيات من عمره" (in his sixties) is an age.
  size_t TryArabicDecade(size_t i) {
    if (size_t n = TryArabicDecadeDigits(i)) return n;
    const Hit h = Lookup(i, [](const FigureEntry& e) { return e.decade > 0; });
    if (!h || h.next != i + 1) return 0;
    const std::string_view clitic = h.clitic;
    const bool article = clitic.size() >= 4 && clitic.substr(clitic.size() - 4) == "ال";
    size_t k = h.next;
    auto word = [&](size_t at) -> std::string_view {
      return at < toks_.size() && !toks_[at].para_before && toks_[at].script == 'a'
                 ? std::string_view(toks_[at].norm)
                 : std::string_view();
    };
    // "ثمانينيات وسبعينيات القرن الماضي": decades joined by "and" share the century.
    const Hit second = Lookup(k, [](const FigureEntry& e) { return e.decade > 0; });
    const bool listed = second && second.clitic == "و" && second.next == k + 1;
    if (listed) ++k;
    int century = 0;
    size_t after = k;
    size_t c = word(k) == "من" ? k + 1 : k;
    if (word(c) == "القرن") {
      const std::string_view o = word(c + 1);
      after = c + 2;
      if (o == "الماضي" || o == "العشرين") {
        century = 20;
      } else if (o == "الحادي" && word(c + 2) == "والعشرين") {
        century = 21;
        after = c + 3;
      } else if (word(c + 2) == "عشر") {
        static constexpr std::string_view kUnits[] = {"الحادي", "الثاني", "الثالث",
                                                      "الرابع", "الخامس", "السادس",
                                                      "السابع", "الثامن", "التاسع"};
        for (int u = 1; u <= 9; ++u) {
          if (o == kUnits[u - 1]) century = 10 + u;
        }
        after = c + 3;
      }
      if (century == 0) return 0;
    } else {
      if (!article) return 0;
      if (word(k) == "من" && word(k + 1).rfind("عمر", 0) == 0) return 0;
      if (word(k) == "من" && word(k + 1).rfind("العمر", 0) == 0) return 0;
      century = 20;
    }
    const uint32_t start = article ? OffsetAfter(i, clitic.size() - 4) : h.start;
    if (listed) {
      EmitDecade(start, toks_[i].end, (century - 1) * 100 + h.e->decade);
      EmitDecade(second.start, toks_[after - 1].end, (century - 1) * 100 + second.e->decade);
    } else {
      EmitDecade(start, toks_[after - 1].end, (century - 1) * 100 + h.e->decade);
    }
    return after;
  }

  // "خلال سنوات 1950", "سنوات 1960 و1970", "في سنوات 880": "years" before a year that ends
  // in 0 is a translated "the 1950s", the decade (test17's convention). A count before the
  // word ("خمس سنوات", "5 سنوات") or a unit after the number makes it something else.
  // "في العقد 1620", "والعقد 1700": "the decade" before four digits that end in 0 is the same
  // translated "the 1620s".
  size_t TryArabicDecadeDigits(size_t i) {
    if (i + 1 >= toks_.size()) return 0;
    if (toks_[i].norm == "العقد" || toks_[i].norm == "والعقد") {
      const size_t k = i + 1;
      if (!IsInt(toks_[k]) || toks_[k].para_before || Attached(k) || toks_[k].norm.size() != 4 ||
          IntValue(toks_[k]) < 1000 || IntValue(toks_[k]) > 2090 || IntValue(toks_[k]) % 10 != 0 ||
          FollowedByAmountWord(k + 1) || (Attached(k + 1) && toks_[k + 1].type == TokType::kWord)) {
        return 0;
      }
      EmitDecade(toks_[i].start, toks_[k].end, IntValue(toks_[k]));
      return k + 1;
    }
    if (toks_[i].norm != "سنوات") return 0;
    if (i > 0 && !toks_[i].para_before &&
        (toks_[i - 1].type == TokType::kNum ||
         Lookup(i - 1, [](const FigureEntry& e) { return e.number > 0; }))) {
      return 0;
    }
    auto decade = [&](size_t k) {
      return k < toks_.size() && IsInt(toks_[k]) && !toks_[k].para_before &&
             (toks_[k].norm.size() == 3 || toks_[k].norm.size() == 4) &&
             IntValue(toks_[k]) >= 100 && IntValue(toks_[k]) <= 2090 &&
             IntValue(toks_[k]) % 10 == 0 && !FollowedByAmountWord(k + 1) &&
             !(Attached(k + 1) && toks_[k + 1].type == TokType::kWord);
    };
    const size_t k = i + 1;
    if (!decade(k) || Attached(k)) return 0;
    EmitDecade(toks_[i].start, toks_[k].end, IntValue(toks_[k]));
    // "سنوات 1960 و1970": a second decade joined by "and".
    size_t q = k + 1;
    if (q < toks_.size() && toks_[q].type == TokType::kWord && toks_[q].norm == "و" &&
        !toks_[q].para_before) {
      ++q;
    }
    if (q > k + 1 && decade(q) && IntValue(toks_[q]) > IntValue(toks_[k])) {
      EmitDecade(toks_[q].start, toks_[q].end, IntValue(toks_[q]));
      return q + 1;
    }
    return k + 1;
  }

  // The number token at or after a clitic-only word joined to it (ה-11).
  size_t SkipClitic(size_t j) const {
    if (j + 1 < toks_.size() && toks_[j].type == TokType::kWord &&
        (AllHebrewClitics(toks_[j].norm) || AllArabicClitics(toks_[j].norm))) {
      size_t k = j + 1;
      if (IsPunct(k, "-") && Attached(k)) ++k;
      if (k < toks_.size() && toks_[k].type == TokType::kNum && Attached(k)) return k;
    }
    return j;
  }

  // Days of one month: "11-14 July 2019", "بين 11 و 14 يوليوز", "26 - 27 أبريل",
  // "בין ה-11 ל-14 ביולי". The first day takes the month and year of the second.
  size_t TryDayRange(size_t i, size_t j, bool opener, bool between) {
    j = SkipClitic(j);
    int d1 = 0;
    if (!DayAt(j, &d1) || (opener && j == i)) return 0;
    if (Date probe; ParseDate(j, false, &probe)) return 0;  // "5 October - ..." is a date
    size_t k = j + 1;
    bool joined = false;
    if (IsPunct(k, "-")) {
      ++k;
      joined = true;
    } else if (const Hit c = Lookup(
                   k,
                   [&](const FigureEntry& e) {
                     return (e.flags & internal::kFigRangeTo) != 0 ||
                            ((e.flags & internal::kFigRangeAnd) != 0 && between);
                   },
                   false)) {
      k = c.next;
      joined = true;
    }
    const size_t k2 = SkipClitic(k);
    if (!joined) {
      // ו-14, ל-14, و14: the connector is a clitic of the second day.
      const std::string_view c = k2 != k ? toks_[k].norm : std::string_view();
      if (!(between || opener) || c.empty() ||
          !(CliticHas(c, "ל") || CliticHas(c, "ו") || c == "و")) {
        return 0;
      }
    }
    Date b;
    if (!ParseDate(k2, false, &b) || b.d == 0 || b.m == 0 || b.d <= d1) return 0;
    Date a = b;
    a.d = d1;
    a.start = toks_[j].start;
    const std::string from = a.Iso(), to = b.Iso();
    Emit(FigureKind::kDateRange, a.start, b.end, [&](Figure* f) {
      f->from = from;
      f->to = to;
      f->date = from + "/" + to;
    });
    return b.next;
  }

  struct Num {
    double value = 0;
    size_t next = 0;
    uint32_t start = 0, end = 0;
    bool scaled = false;
    bool before_scale_only = false;
    bool approx = false;
    bool digits = false;
    bool ratio_word = false;                  // tenfold: the number is in the ratio word
    bool scale_alone = false;                 // מיליון, ألف with no number before them
    bool compound = false;                    // עשרים וארבע, twenty-four: tens and units
    const FigureEntry* unit_entry = nullptr;  // يومين: the number is in the unit word
  };

  // A number at i: digits, a number word, a scale word alone (مليون), or a
  // dual unit word (يومين). Sets *skip_to for phone-like runs.
  bool ParseNumber(size_t i, Num* n, size_t* skip_to) const {
    const Tok& t = toks_[i];
    n->start = t.start;
    // "$.04", ".5%": a decimal without its leading zero, where the point follows a space or a
    // currency sign (after a word or a number it ends a sentence or joins a version).
    if (t.type == TokType::kPunct && i + 1 < toks_.size() && toks_[i + 1].type == TokType::kNum &&
        t.norm.size() == 1 && t.norm[0] == '.' && Attached(i + 1) &&
        toks_[i + 1].norm.find_first_not_of("0123456789") == std::string::npos &&
        (!Attached(i) || IsPunct(i - 1, "$") || IsPunct(i - 1, "€") || IsPunct(i - 1, "£")) &&
        !(IsPunct(i + 2, ".") && i + 3 < toks_.size() && toks_[i + 3].type == TokType::kNum &&
          Attached(i + 3)) &&
        !LooksAlike(i + 1, skip_to) && ParseDigits("0." + toks_[i + 1].norm, &n->value)) {
      n->digits = true;
      n->next = i + 2;
      n->end = toks_[i + 1].end;
      return true;
    }
    if (t.type == TokType::kNum) {
      if (LooksAlike(i, skip_to)) return false;
      if (!ParseDigits(t.norm, &n->value)) return false;
      n->digits = true;
      n->next = i + 1;
      n->end = t.end;
      // "1.1 × 1011 metric tonnes", "6.02 x 1023": scientific notation whose superscript the
      // copy lost; a decimal mantissa from 1 to 10 times "10" and a two-digit exponent
      // ("2 x 1024" and "1.5 × 1024" of a byte count stay products). A one-digit exponent
      // ("2.5 x 105 cm") and a length after the exponent ("2.4 x 1050 mm") are a size's two
      // sides, not a power.
      if (i + 2 < toks_.size() && t.norm.find('.') != std::string::npos && n->value >= 1 &&
          n->value < 10 && (toks_[i + 1].norm == "×" || toks_[i + 1].norm == "x") &&
          !Attached(i + 1) && !Attached(i + 2) && IsInt(toks_[i + 2]) &&
          !toks_[i + 2].para_before && toks_[i + 2].norm.size() == 4 &&
          toks_[i + 2].norm.compare(0, 2, "10") == 0 && toks_[i + 2].norm != "1024" &&
          !IsPunct(i + 3, "=") && !(i + 3 < toks_.size() && toks_[i + 3].type == TokType::kNum) &&
          !Lookup(i + 3, [](const FigureEntry& e) { return LengthUnit(e.unit); })) {
        const int e = std::atoi(toks_[i + 2].norm.c_str() + 2);
        if (e >= 10) {
          // Through the text "1.1e11", so that the product is the decimal written.
          n->value = std::strtod((t.norm + "e" + std::to_string(e)).c_str(), nullptr);
          n->next = i + 3;
          n->end = toks_[i + 2].end;
        }
      }
      // "0.62 ± 0.37 tons": the margin of error is no figure of its own; the unit after it is
      // the estimate's.
      if (n->next == i + 1 && IsPunct(i + 1, "±") && i + 2 < toks_.size() &&
          toks_[i + 2].type == TokType::kNum && !toks_[i + 2].para_before) {
        n->next = i + 3;
        n->end = toks_[i + 2].end;
      }
      const std::string_view clitic = CliticBefore(i);
      if (CliticHas(clitic, "כ")) n->approx = true;
      return true;
    }
    if (t.type != TokType::kWord) return false;
    const Hit h = Lookup(i, [](const FigureEntry& e) {
      return e.number > 0 ||
             (e.scale > 0 &&
              !(e.flags & (internal::kFigPluralScale | internal::kFigAttachedOnly))) ||
             (e.unit != nullptr && e.count > 0) || ((e.flags & internal::kFigRatio) && e.count > 0);
    });
    if (!h) return false;
    if (h.e->flags & internal::kFigNeedsUpper) return false;
    n->start = h.start;
    n->next = h.next;
    n->end = toks_[h.next - 1].end;
    if (CliticHas(h.clitic, "כ") && toks_[i].script == 'h') n->approx = true;
    if ((h.e->flags & internal::kFigRatio) && h.e->count > 0) {
      n->value = h.e->count;
      n->ratio_word = true;
      return true;
    }
    if (h.e->unit != nullptr && h.e->count > 0 && h.e->number == 0 && h.e->scale == 0) {
      // A dual with the article counts two ("دخول المرأتين الأربعاء إلى المعبد", test20's
      // convention), but a derived one after "between" names the two sides of a relation
      // ("بين الدولتين"), and one agreeing with a definite dual before it is an adjective
      // ("والفنانتين الشابتين", the two young artists).
      const auto definite_dual = [&](const std::string& w) {
        const size_t a = w.find("ال");
        return a != std::string::npos && a <= 4 && w.size() > a + 8 &&
               (w.compare(w.size() - 4, 4, "ين") == 0 || w.compare(w.size() - 4, 4, "ان") == 0);
      };
      if ((h.e->flags & internal::kFigDerived) && CliticHas(h.clitic, "ال") && i > 0 &&
          !toks_[i].para_before &&
          (IsBetween(i - 1) || toks_[i - 1].norm == "بين" || definite_dual(toks_[i - 1].norm))) {
        return false;
      }
      // "الأمناء العامين" (the secretaries-general): عام is also "general", and right after a
      // definite noun its definite dual agrees with it as that adjective; "two years" comes
      // after a verb or preposition ("خلال العامين الماضيين") or carries one ("والعامين").
      // Other duals are nouns there ("نال البام المقعدين المتبقيين").
      if (toks_[i].script == 'a' && h.clitic == "ال" && i > 0 && !toks_[i].para_before &&
          (toks_[i].norm == "العامين" || toks_[i].norm == "العامان") &&
          toks_[i - 1].type == TokType::kWord && toks_[i - 1].script == 'a') {
        const std::string& p = toks_[i - 1].norm;
        for (std::string_view art : {"ال", "وال", "بال", "فال", "لل", "ولل"}) {
          if (p.size() > art.size() + 4 && p.compare(0, art.size(), art) == 0) return false;
        }
      }
      // "شركتي كومناف وكوماريت": the construct dual governs a name or an indefinite noun, and
      // its pair follows after "و"; else the ending is "my" ("شركتي الناشئة", "شركتي وعائلتي").
      if ((h.e->flags & internal::kFigDerived) && toks_[i].script == 'a' &&
          toks_[i].norm.size() > 4 &&
          toks_[i].norm.compare(toks_[i].norm.size() - 4, 4, "تي") == 0) {
        const size_t g = h.next;
        bool pair = false;
        for (size_t x = g + 1; x < toks_.size() && x <= g + 3 && !toks_[x].para_before; ++x) {
          if (toks_[x].type != TokType::kWord) break;
          if (toks_[x].script == 'a' && toks_[x].norm.rfind("و", 0) == 0) pair = true;
        }
        if (CliticHas(h.clitic, "ال") || g >= toks_.size() || toks_[g].para_before ||
            toks_[g].type != TokType::kWord || toks_[g].script != 'a' ||
            toks_[g].norm.rfind("ال", 0) == 0 || toks_[g].norm.rfind("و", 0) == 0 || !pair) {
          return false;
        }
      }
      // "המגזינים השבועיים" (the weekly magazines): after a definite Hebrew plural noun
      // the dual with the article is an adjective ("the weeklies"), not two weeks.
      if (CliticHas(h.clitic, "ה") && i > 0 && !toks_[i].para_before &&
          toks_[i - 1].script == 'h') {
        const std::string& p = toks_[i - 1].norm;
        const auto ends = [&](std::string_view x) {
          return p.size() > x.size() + 2 && p.compare(p.size() - x.size(), x.size(), x) == 0;
        };
        if ((p.rfind("ה", 0) == 0 || p.rfind("וה", 0) == 0) && (ends("ים") || ends("ות"))) {
          return false;
        }
      }
      // "משתמשים פעילים יומיים" (daily active users), "חודשיים": after "active" the dual is
      // the adjective of a usage metric, not two days or months (test16's convention).
      if (toks_[i].script == 'h' && i > 0 && !toks_[i].para_before &&
          (CliticsThen(toks_[i - 1].norm, "פעילים") || CliticsThen(toks_[i - 1].norm, "פעילות"))) {
        return false;
      }
      // "قبل نحو قرنين": the dual of century counts after an approximation word; elsewhere
      // it names two centuries by their ordinals ("القرنين السادس عشر والسابع عشر") or
      // tells a time ("قرنين قبل الميلاد"), which the labels leave out.
      if (toks_[i].script == 'a' && std::string_view(h.e->unit) == "century" &&
          !PhraseBefore(i, internal::kFigApproxBefore)) {
        return false;
      }
      // "his half-century" (fifty runs at cricket) and "the second half century" (of two)
      // count no years.
      if (toks_[i].script == 'l' && std::string_view(h.e->unit) == "century" && i > 0 &&
          !toks_[i].para_before &&
          (WordIs(i - 1, {"his", "her", "their", "my", "your", "our", "its", "first", "second",
                          "third", "fourth", "latter", "former"}) ||
           (IsPunct(i - 1, "'") && Attached(i - 1)) ||
           (WordIs(i - 1, {"s"}) && Attached(i - 1) && IsPunct(i - 2, "'")))) {
        return false;
      }
      n->value = h.e->count;
      n->unit_entry = h.e;
      return true;
    }
    if (h.e->number > 0) {
      n->value = h.e->number;
      n->before_scale_only = (h.e->flags & internal::kFigBeforeScaleOnly) != 0;
      if (n->value >= 1 && n->value <= 9 && h.next < toks_.size() && toks_[h.next].script == 'a' &&
          toks_[h.next].norm.rfind("و", 0) == 0) {
        // خمسة وعشرون: units, then "and" and the tens.
        const Hit tens =
            Lookup(h.next, [](const FigureEntry& e) { return e.number >= 20 && e.number < 100; });
        if (tens && tens.clitic == "و") {
          n->value += tens.e->number;
          n->next = tens.next;
          n->end = toks_[tens.next - 1].end;
        }
      }
      // "سبعمائة وخمسين", "مائتين وخمسة وعشرين": the hundreds, then "and" and the rest below a
      // hundred (Arabic writes a number from its largest part down).
      if (n->value >= 200 && n->value <= 900 && std::fmod(n->value, 100) == 0 &&
          toks_[i].script == 'a') {
        size_t e = 0;
        if (const double rest = ArabicAndPart(n->next, 100, &e); rest > 0) {
          n->value += rest;
          n->next = e;
          n->end = toks_[e - 1].end;
        }
      }
      // "עשרים וארבע", "twenty-four", "twenty four": the tens, then the units (with "and"
      // as a clitic in Hebrew).
      const double v = n->value;
      if (v >= 20 && v < 100 && std::fmod(v, 10) == 0 && h.next < toks_.size() &&
          !toks_[h.next].para_before) {
        size_t u = h.next;
        const bool hyphen = IsPunct(u, "-") && Attached(u) && Attached(u + 1);
        if (hyphen) ++u;
        const Hit units =
            Lookup(u, [](const FigureEntry& e) { return e.number >= 1 && e.number <= 9; });
        const bool ok = units && u < toks_.size() &&
                        ((toks_[i].script == 'h' && units.clitic == "ו") ||
                         (toks_[i].script == 'l' && units.clitic.empty() &&
                          toks_[u].script == 'l' && (hyphen || toks_[u].space_before)));
        if (ok) {
          n->value += units.e->number;
          n->next = units.next;
          n->end = toks_[units.next - 1].end;
          n->compound = true;
          n->before_scale_only = false;
        }
      }
      // "two point five million dollars", "seven point six five percent": a decimal read
      // aloud, one digit word a decimal place after "point" ("zero" among them).
      if (toks_[i].script == 'l' && n->next + 1 < toks_.size() && toks_[n->next].norm == "point" &&
          !toks_[n->next].para_before && !toks_[n->next + 1].para_before) {
        // The digits are summed whole, then divided once: 7 + 0.6 + 0.05 is not 7.65 in binary.
        double frac = 0, scale = 1;
        for (size_t d = n->next + 1; d < toks_.size() && !toks_[d].para_before && scale < 1e6;) {
          const bool zero = toks_[d].norm == "zero";
          const Hit digit = zero ? Hit() : Lookup(d, [](const FigureEntry& e) {
            return e.number >= 1 && e.number <= 9 && e.scale == 0;
          });
          if (!zero && !(digit && digit.clitic.empty() && toks_[d].script == 'l' &&
                         digit.next == d + 1 && toks_[d].type == TokType::kWord)) {
            break;
          }
          frac = frac * 10 + (zero ? 0 : digit.e->number);
          scale *= 10;
          n->next = d + 1;
          n->end = toks_[d].end;
          n->compound = true;
          n->before_scale_only = false;
          ++d;
        }
        n->value += frac / scale;
      }
      return true;
    }
    // "the million" (המליון, الألف) names something; it is not an amount.
    if (CliticHas(h.clitic, "ה") || h.clitic.find("ال") != std::string::npos) return false;
    // "several hundred million years", "a few thousand people": a scale word after a vague
    // quantifier gives no number; the scale words after it are skipped with it.
    if (h.e->count == 0 && toks_[i].script == 'l' && i > 0 && !toks_[i].para_before &&
        LatinWordIs(i - 1, {"several", "few", "many", "numerous", "countless"})) {
      size_t e = h.next;
      while (e < toks_.size() && !toks_[e].para_before &&
             Lookup(e, [](const FigureEntry& x) { return x.scale > 0; })) {
        ++e;
      }
      *skip_to = e;
      return false;
    }
    n->value = (h.e->count > 0 ? h.e->count : 1) * h.e->scale;
    n->scaled = true;
    n->scale_alone = h.e->count == 0;
    return true;
  }

  // ونصف, וחצי: 0.5; وربع, ורבע: 0.25; 0 for any other word.
  static double Fraction(const FigureEntry& e) {
    if (e.flags & internal::kFigHalf) return 0.5;
    if (e.flags & internal::kFigQuarter) return 0.25;
    return 0;
  }

  // The quantity unit of the noun at token i, read without its clitics and an
  // Arabic possessive suffix (بمقاعده "with its seats"). *definite: it has the
  // article or a suffix.
  const FigureEntry* NounUnit(size_t i, bool* definite) const {
    if (i >= toks_.size() || toks_[i].type != TokType::kWord) return nullptr;
    const Tok& t = toks_[i];
    const std::string& w = t.norm;
    const auto unit_of = [&](std::string_view core) -> const FigureEntry* {
      if (core.size() < 4) return nullptr;
      auto it = lex_.find(std::string(core));
      if (it == lex_.end() || it->second.unit == nullptr || it->second.count != 0) return nullptr;
      return &it->second;
    };
    if (t.script == 'h') {
      // The lexicon holds no article form: a unit found whole is indefinite
      // (הודעה, הרוג begin with ה of their own).
      *definite = false;
      if (const FigureEntry* e = unit_of(w)) return e;
      // "in" or "and" joined to it ("בשנה אחת"): still indefinite. Not ל ("לא לשנייה אחת",
      // not for a second, is an idiom).
      for (std::string_view c : {"ו", "ב"}) {
        if (w.size() > c.size() + 4 && w.compare(0, c.size(), c) == 0) {
          return unit_of(std::string_view(w).substr(c.size()));
        }
      }
      return nullptr;
    }
    if (t.script != 'a') return nullptr;
    std::vector<std::string_view> prefixes = {""};
    for (std::string_view c : kArabicClitics) {
      if (w.size() >= c.size() + 6 && w.compare(0, c.size(), c) == 0) prefixes.push_back(c);
    }
    for (std::string_view c : prefixes) {
      const std::string_view rest = std::string_view(w).substr(c.size());
      const bool article =
          c.find("ال") != std::string_view::npos || c == "لل" || c == "ولل" || c == "فلل";
      if (const FigureEntry* e = unit_of(rest)) {
        *definite = article;
        return e;
      }
      for (std::string_view suffix : {"ه", "ها", "هم", "هما"}) {
        if (rest.size() > suffix.size() + 4 &&
            rest.compare(rest.size() - suffix.size(), suffix.size(), suffix) == 0) {
          if (const FigureEntry* e = unit_of(rest.substr(0, rest.size() - suffix.size()))) {
            *definite = true;
            return e;
          }
        }
      }
    }
    return nullptr;
  }

  // "a 2-degree rise", "the 1.5-degree target", "a 5-km race", "a 2-decade war": English writes
  // a measure joined to its number by a hyphen as an adjective, for any unit of measure. Counts
  // of things stay the lexicon's few hyphened nouns ("-page", "-seat"): "a 4-core chip", "a
  // 3-car garage" describe the thing, and "a 32-bit system" names an architecture. A hyphen
  // joined on both sides, then a word of two letters or more: "3-2", "F-16", "3-D" stay out.
  Hit HyphenedMeasure(size_t k) const {
    if (k + 1 >= toks_.size() || !IsPunct(k, "-") || !Attached(k) || !Attached(k + 1) ||
        toks_[k + 1].type != TokType::kWord || toks_[k + 1].script != 'l' ||
        toks_[k + 1].norm.size() < 2) {
      return Hit();
    }

    Hit h = Lookup(
        k + 1,
        [](const FigureEntry& e) {
          return e.unit != nullptr && e.count == 0 && e.currency == nullptr &&
                 (e.flags & internal::kFigAttachedOnly) == 0;
        },
        false);
    if (!h || !IsMeasure(h.e->unit)) return Hit();
    // "the Panthers 4-yard line": a place on the football field, not a distance.
    if (std::string_view(h.e->unit) == "yard" && h.next < toks_.size() &&
        toks_[h.next].norm == "line") {
      return Hit();
    }
    return h;
  }

  // Whether an English lower-case word looks like a plural noun: four letters or more ending
  // in "s", less the endings and words that are not plurals ("status", "basis", "across").
  static bool PluralNoun(std::string_view w) {
    if (w.size() < 4 || w.back() != 's') return false;
    const std::string_view end2 = w.substr(w.size() - 2);
    if (end2 == "ss" || end2 == "us" || end2 == "is") return false;
    for (std::string_view x :
         {"this",     "does",     "across",     "unless",    "always",     "perhaps",
          "besides",  "towards",  "whereas",    "sometimes", "afterwards", "series",
          "news",     "goes",     "means",      "species",   "overseas",   "indoors",
          "outdoors", "upstairs", "downstairs", "nowadays",  "backwards",  "forwards"}) {
      if (w == x) return false;
    }
    return true;
  }

  // Units of measure (time, length, mass, volume, area, temperature, power, data size, pixel),
  // as against counts of things.
  static bool IsMeasure(std::string_view unit) {
    static constexpr std::string_view kMeasures[] = {
        "second",  "minute", "hour",        "day",        "week",   "month", "year",     "decade",
        "century", "ms",     "microsecond", "nanosecond", "meter",  "km",    "mile",     "foot",
        "inch",    "cm",     "mm",          "yard",       "gram",   "kg",    "ton",      "mg",
        "lb",      "liter",  "gallon",      "ml",         "barrel", "m3",    "acre",     "hectare",
        "dunam",   "km2",    "mi2",         "degree",     "kW",     "kWh",   "megawatt", "KB",
        "MB",      "GB",     "TB",          "byte",       "pixel",  "ppm",   "ppb"};
    return std::find(std::begin(kMeasures), std::end(kMeasures), unit) != std::end(kMeasures);
  }

  static bool LengthUnit(const char* unit) {
    if (unit == nullptr) return false;
    for (std::string_view u : {"meter", "km", "mile", "foot", "inch", "cm", "mm", "yard"}) {
      if (unit == u) return true;
    }
    return false;
  }

  static bool TimeUnit(std::string_view unit) {
    for (std::string_view u :
         {"year", "month", "week", "day", "hour", "minute", "second", "decade"}) {
      if (unit == u) return true;
    }
    return false;
  }

  // The units that "one" counts when written after them in Hebrew, or before
  // them in English: of time ("one day" is "some day" in both), and in
  // Hebrew also of text.
  static bool OneUnit(std::string_view unit, bool hebrew) {
    if (TimeUnit(unit)) return unit != "day";
    if (unit == "ms" || unit == "microsecond" || unit == "nanosecond") return true;
    if (!hebrew) return false;
    for (std::string_view u : {"message", "file", "document", "character", "line", "page", "record",
                               "email", "call", "account"}) {
      if (unit == u) return true;
    }
    return false;
  }

  // "חצי שעה", "نصف ساعة", "half an hour", "רבע שעה": a half or a quarter
  // before a unit of time or measure is that fraction of it. Not before a
  // definite noun ("نصف المقاعد", "half the seats": a share). English "one"
  // before a unit of time is one of it ("after one year"), except "one day"
  // ("some day").
  size_t TryFractionOfUnit(size_t i) {
    const Tok& t = toks_[i];
    if (t.type != TokType::kWord) return 0;
    const std::string_view w = t.norm;
    const auto ends = [&](std::string_view x) {
      return w.size() >= x.size() && w.substr(w.size() - x.size()) == x;
    };
    const bool one = w == "one";
    if (!ends("نصف") && !ends("ربع") && !ends("חצי") && !ends("רבע") && w != "half" &&
        w != "quarter" && !one) {
      return 0;
    }
    const Hit h = Lookup(i, [](const FigureEntry& e) {
      return (e.number == 0.5 || e.number == 0.25 || e.number == 1) &&
             (e.flags & internal::kFigBeforeScaleOnly);
    });
    if (!h || h.next >= toks_.size() || toks_[h.next].para_before) return 0;
    if (t.script == 'a' && !h.clitic.empty() && h.clitic != "ب" && h.clitic != "ل") return 0;
    if (t.script == 'h' && !h.clitic.empty() && h.clitic != "ב" && h.clitic != "כ" &&
        h.clitic != "ל") {
      return 0;
    }
    size_t u = h.next;
    // "about one percent of the state": "one" before "percent" is a share; "the one percent"
    // names a class of people.
    if (one && t.script == 'l' && !(i > 0 && toks_[i - 1].norm == "the")) {
      if (const Hit p = Lookup(
              u, [](const FigureEntry& e) { return (e.flags & internal::kFigPercent) != 0; });
          p && p.clitic.empty() && toks_[u].norm != "%") {
        Emit(FigureKind::kPercent, h.start, toks_[p.next - 1].end, [](Figure* f) { f->value = 1; });
        return p.next;
      }
    }
    if (t.script == 'l' && (toks_[u].norm == "an" || toks_[u].norm == "a")) {
      // "half a million dollars": the amount after "a", halved.
      if (!one && u + 1 < toks_.size() &&
          Lookup(u + 1, [](const FigureEntry& e) { return e.scale >= 1000; })) {
        const size_t before = out_.size();
        const size_t next = TryAmount(u);
        if (out_.size() == before + 1 && out_.back().start == toks_[u].start) {
          Figure& f = out_.back();
          f.value *= h.e->number;
          f.start = h.start;
          f.text = std::string(text_.substr(f.start, f.end - f.start));
        }
        return next > u ? next : u + 1;
      }
      ++u;
    }
    if (u >= toks_.size() || toks_[u].para_before) return 0;
    const auto unit_at = [&](size_t k) {
      return Lookup(
          k, [](const FigureEntry& e) { return e.unit != nullptr && e.count == 0; }, false);
    };
    Hit unit = unit_at(u);
    // "one log file per day", "one progress message per 5 seconds": "one" of a unit of text
    // before "per" is a rate's count, also with one lowercase word between.
    const auto per_after = [&](const Hit& x) {
      return x && x.next < toks_.size() && !toks_[x.next].para_before &&
             toks_[x.next].norm == "per" && OneUnit(x.e->unit, true) &&
             !toks_[x.next - 1].norm.ends_with('s');
    };
    bool per = false;
    // "each one full day", "one whole year": a word of completeness between "one" and a unit
    // of time makes it a duration, "day" too ("one day" alone is "some day").
    bool whole = false;
    if (one && t.script == 'l' && !unit && u + 1 < toks_.size() && !toks_[u + 1].para_before &&
        (toks_[u].norm == "full" || toks_[u].norm == "whole" || toks_[u].norm == "entire")) {
      if (const Hit later = unit_at(u + 1); later && TimeUnit(later.e->unit)) {
        unit = later;
        whole = true;
      }
    }
    if (one && t.script == 'l') {
      if (!unit && u + 1 < toks_.size() && toks_[u].type == TokType::kWord &&
          text_[toks_[u].start] >= 'a' && text_[toks_[u].start] <= 'z' &&
          !toks_[u + 1].para_before) {
        const Hit later = unit_at(u + 1);
        if (per_after(later)) unit = later;
      }
      per = per_after(unit);
    }
    if (!unit || (!FractionUnit(unit.e->unit) && !per)) return 0;
    if (one != (h.e->number == 1)) return 0;
    if (one) {
      // "for a one day all inclusive": after the article "one day" is a duration, not "some
      // day".
      // "only one day to test it", "for just one day": a limiting or duration word before it
      // does the same.
      const bool article = i > 0 && !t.para_before &&
                           (toks_[i - 1].norm == "a" || toks_[i - 1].norm == "only" ||
                            toks_[i - 1].norm == "just" || toks_[i - 1].norm == "for" ||
                            toks_[i - 1].norm == "within" || toks_[i - 1].norm == "than");
      if (!OneUnit(unit.e->unit, false) && !per && !whole &&
          !(article && std::string_view(unit.e->unit) == "day")) {
        return 0;
      }
      // The singular only: "one hours" is not English, "one of the years" not a
      // count; "one year-round" is an adjective.
      if (toks_[unit.next - 1].norm.ends_with('s')) return 0;
      if (IsPunct(unit.next, "-") && Attached(unit.next)) return 0;
    }
    if (!out_.empty() && out_.back().end > h.start) return 0;
    const double value = h.e->number;
    Emit(FigureKind::kQuantity, h.start, toks_[unit.next - 1].end, [&](Figure* f) {
      f->value = value;
      f->unit = unit.e->unit;
    });
    return unit.next;
  }

  // "about an inch", "nearly a mile", "almost an hour": after an approximation word the
  // article is one of the unit. Units of measure, and units of time except the day after
  // words other than "about" ("a film about a year in Provence", "about a day" stay out).
  size_t TryApproxArticleUnit(size_t i) {
    const Tok& t = toks_[i];
    if (t.type != TokType::kWord || t.script != 'l' || i + 2 >= toks_.size()) return 0;
    // "a liter of distilled water": a measure of volume or mass before "of" is one of it, as
    // recipes and instructions write (test17); "a day of", "a foot of" stay out.
    if ((t.norm == "a" || t.norm == "an") && !toks_[i + 1].para_before &&
        toks_[i + 1].type == TokType::kWord) {
      const Hit m = Lookup(
          i + 1, [](const FigureEntry& e) { return e.unit != nullptr && e.count == 0; }, false);
      if (m && m.next < toks_.size() && toks_[m.next].norm == "of" && !toks_[m.next].para_before &&
          !toks_[m.next - 1].norm.ends_with('s')) {
        const std::string_view u = m.e->unit;
        if (u == "liter" || u == "gallon" || u == "ml" || u == "kg" || u == "gram" ||
            u == "ounce" || u == "oz") {
          Emit(FigureKind::kQuantity, t.start, toks_[m.next - 1].end, [&](Figure* f) {
            f->value = 1;
            f->unit = m.e->unit;
          });
          return m.next;
        }
      }
    }
    const Hit a = Lookup(
        i, [](const FigureEntry& e) { return (e.flags & internal::kFigApproxBefore) != 0; }, false);
    if (!a || a.next + 1 >= toks_.size() || toks_[a.next].para_before ||
        toks_[a.next + 1].para_before ||
        (toks_[a.next].norm != "a" && toks_[a.next].norm != "an")) {
      return 0;
    }
    const Hit unit = Lookup(
        a.next + 1, [](const FigureEntry& e) { return e.unit != nullptr && e.count == 0; }, false);
    if (!unit || toks_[unit.next - 1].norm.ends_with('s')) return 0;  // the singular only
    if (IsPunct(unit.next, "-") && Attached(unit.next)) return 0;     // "an inch-long"
    const std::string_view u = unit.e->unit;
    const bool measure = u == "inch" || u == "foot" || u == "yard" || u == "acre" || u == "cm" ||
                         u == "mm" || u == "pound" || u == "ounce" || u == "gallon" ||
                         (FractionUnit(u) && !TimeUnit(u));
    const bool time = TimeUnit(u) && u != "day" && t.norm != "about" && t.norm != "some";
    if (!measure && !time) return 0;
    Emit(FigureKind::kQuantity, toks_[a.next].start, toks_[unit.next - 1].end, [&](Figure* f) {
      f->value = 1;
      f->unit = unit.e->unit;
      f->approx = true;
    });
    return unit.next;
  }

  static bool FractionUnit(std::string_view unit) {
    if (TimeUnit(unit)) return true;
    for (std::string_view u : {"km", "meter", "mile", "kg", "gram", "ton", "liter", "ms",
                               "microsecond", "nanosecond", "KB", "MB", "GB", "TB"}) {
      if (unit == u) return true;
    }
    return false;
  }

  // A number word after its noun: "المقاعد الثمانية" (the eight seats),
  // "السنوات الخمس الماضية", "مقعد واحد", "مقعد برلماني واحد", "שנה אחת".
  // Arabic puts the definite cardinal after a definite noun; "one" follows
  // its noun in both languages. Emits the quantity from the noun on.
  size_t TryNumberAfterNoun(size_t i) {
    const Tok& t = toks_[i];
    if (t.type != TokType::kWord || i == 0 || t.para_before || t.script == 'l') return 0;
    // Cheap test first: an Arabic definite word or "one", Hebrew "one".
    const std::string& w = t.norm;
    if (t.script == 'a' ? w.rfind("ال", 0) != 0 && w != "واحد" && w != "واحده"
                        : w != "אחד" && w != "אחת") {
      return 0;
    }
    // "مقعده الوحيد" (its only seat): one of a counted noun, not of time ("اليوم الوحيد"
    // is a day singled out, not a duration).
    if (t.script == 'a' && (w == "الوحيد" || w == "الوحيده") && !t.para_before) {
      bool definite = false;
      const FigureEntry* e = NounUnit(i - 1, &definite);
      if (e == nullptr || TimeUnit(e->unit) ||
          (!out_.empty() && out_.back().end > toks_[i - 1].start)) {
        return 0;
      }
      Emit(FigureKind::kQuantity, toks_[i - 1].start, t.end, [&](Figure* f) {
        f->value = 1;
        f->unit = e->unit;
      });
      return i + 1;
    }
    const Hit h = Lookup(i, [](const FigureEntry& e) {
      return e.number >= 1 && e.number < 100 && e.scale == 0 && e.unit == nullptr;
    });
    if (!h) return 0;
    const double value = h.e->number;
    const bool one = value == 1;
    if (t.script == 'a' && one != h.clitic.empty()) return 0;   // واحد; الثمانية
    if (t.script == 'a' && !one && h.clitic != "ال") return 0;  // not وثمانية, بالخمسة
    if (t.script == 'a' && value == 2) return 0;  // اليوم الاثنين is Monday; two is a dual noun
    if (t.script == 'h' && (!one || !h.clitic.empty())) return 0;  // שנה אחת only
    // The noun right before, or before one adjective (مقعد برلماني واحد).
    for (size_t back = 1; back <= 2 && back <= i; ++back) {
      const size_t u = i - back;
      if (toks_[u + 1].para_before || toks_[u].type != TokType::kWord) return 0;
      bool definite = false;
      const FigureEntry* e = NounUnit(u, &definite);
      // "נפטר אדם אחד": one person. אדם is no unit after other numbers ("בת 16 אדם וינשטיין"
      // names Adam; the plural is בני אדם) nor with a clitic ("באדם אחד", in one man).
      if (e == nullptr && t.script == 'h' && one && toks_[u].norm == "אדם") {
        if (const auto it = lex_.find("person"); it != lex_.end()) e = &it->second;
      }
      if (e == nullptr) {
        // The word in between must be an Arabic adjective, not a number word.
        if (back == 2 || toks_[u].script != 'a' || t.script != 'a' ||
            toks_[u].norm.rfind("و", 0) == 0) {
          return 0;
        }
        if (Lookup(u, [](const FigureEntry& x) { return x.number > 0 || x.scale > 0; })) return 0;
        continue;
      }
      if (!one && !definite) return 0;
      // Hebrew: units of time and of text only ("שנה אחת", "שנייה אחת", "הודעה אחת");
      // "יום אחד" is "some day", "נפש אחת" a saying, "ילד אחד" "a certain child".
      // "אדם אחד" is one person (a count; "איש אחד" is "a certain man").
      const bool adam = toks_[u].norm == "אדם";
      // "דירה אחת": one apartment of a building's count ("בית אחד" is also "a certain home").
      const bool flat = toks_[u].norm == "דירה";
      if (t.script == 'h' && (definite || !(OneUnit(e->unit, true) || adam || flat))) return 0;
      // "حرب السنوات السبع", "حرب الأيام الستة": a war named by its length, as "حرب الثلاثين
      // عاماً": the name's noun without its article before the counted noun.
      if (t.script == 'a' && u > 0 && !toks_[u].para_before && TimeUnit(e->unit) &&
          toks_[u - 1].script == 'a' && CliticsThen(toks_[u - 1].norm, "حرب") &&
          toks_[u - 1].norm.find("ال") == std::string::npos) {
        return 0;
      }
      uint32_t from = toks_[u].start;
      if (!out_.empty() && out_.back().end > from) return 0;
      Emit(FigureKind::kQuantity, from, toks_[h.next - 1].end, [&](Figure* f) {
        f->value = value;
        f->unit = e->unit;
      });
      return h.next;
    }
    return 0;
  }

  // "على مدار المائة عام الماضية", "العشرين عاما الأخيرة": a definite number before its
  // counted noun (the translator's "the past hundred years") is a count when an adjective of
  // the past or the next period follows the noun; without it "المائة" is an ordinal or a name.
  size_t TryDefiniteCount(size_t i) {
    const Tok& t = toks_[i];
    if (t.script != 'a' || t.norm.rfind("ال", 0) != 0 || i + 2 >= toks_.size()) return 0;
    const Hit h = Lookup(i, [](const FigureEntry& e) {
      return (e.scale == 100 || e.scale == 1000 || (e.number >= 3 && e.number < 100)) &&
             e.unit == nullptr;
    });
    if (!h || h.clitic != "ال" || h.next + 1 >= toks_.size() || toks_[h.next].para_before ||
        toks_[h.next + 1].para_before) {
      return 0;
    }
    const Hit u = Lookup(
        h.next, [](const FigureEntry& e) { return e.unit != nullptr && e.count == 0; }, false);
    if (!u || !u.clitic.empty() || !TimeUnit(u.e->unit) ||
        !WordIs(u.next,
                {"الماضية", "الماضيه", "الأخيرة", "الاخيره", "المقبلة", "المقبله", "القادمة",
                 "القادمه", "التالية", "التاليه", "الأولى", "الاولى", "المنصرمة", "المنصرمه"})) {
      return 0;
    }
    const double value = h.e->scale > 0 ? h.e->scale : h.e->number;
    if (!out_.empty() && out_.back().end > t.start) return 0;
    Emit(FigureKind::kQuantity, t.start, toks_[u.next - 1].end, [&](Figure* f) {
      f->value = value;
      f->unit = u.e->unit;
    });
    return u.next;
  }

  // "من شهر إلى ستة أشهر", "מחודש עד שישה חודשים", "from a month to six
  // months": a unit word alone opens a range; it is one of that unit.
  size_t TryUnitRangeStart(size_t i) {
    const Tok& t = toks_[i];
    if (t.type != TokType::kWord || i + 2 >= toks_.size()) return 0;
    // Cheap test first: "from" before the word, or the Hebrew clitic מ on it.
    const bool from_before = i > 0 && !t.para_before &&
                             (toks_[i - 1].norm == "من" || toks_[i - 1].norm == "from" ||
                              toks_[i - 1].norm == "between" || toks_[i - 1].norm == "بين");
    if (!from_before && !(t.script == 'h' && t.norm.rfind("מ", 0) == 0)) return 0;
    const Hit u = Lookup(i, [](const FigureEntry& e) { return e.unit != nullptr && e.count == 0; });
    if (!u || u.next != i + 1) return 0;
    const bool from_clitic = t.script == 'h' && u.clitic == "מ";
    if (!u.clitic.empty() && !from_clitic) return 0;
    if (!from_clitic && !from_before) return 0;
    const Hit to = Lookup(
        i + 1, [](const FigureEntry& e) { return (e.flags & internal::kFigRangeTo) != 0; }, false);
    if (!to || toks_[i + 1].type != TokType::kWord || to.next >= toks_.size()) return 0;
    const size_t before = out_.size();
    const size_t next = TryAmount(to.next);
    if (out_.size() != before + 1) return next > i + 1 ? next : i + 1;
    const Figure& second = out_.back();
    if (second.kind != FigureKind::kQuantity || second.unit != u.e->unit || second.value <= 1) {
      return next;
    }
    Figure first;
    first.kind = FigureKind::kQuantity;
    first.value = 1;
    first.unit = u.e->unit;
    first.start = u.start;
    first.end = t.end;
    first.text = std::string(text_.substr(first.start, first.end - first.start));
    out_.insert(out_.end() - 1, std::move(first));
    return next;
  }

  // "بلغ عدد القتلى 50", "عدد المقاعد 3": after "the number of" and a definite
  // noun of the unit vocabulary, the number counts that noun. Returns the unit.
  // Two digits at i after "in" ("in 88"), or after "and", "or", a comma that follow such a
  // year ("in 88 and 92"), with nothing after them that they could count, and a four-digit
  // year after "in" near them in the same paragraph. Sets `*next`.
  bool TwoDigitYearInList(size_t i, size_t* next) const {
    const Tok& t = toks_[i];
    if (!IsInt(t) || t.norm.size() != 2 || t.para_before || !t.space_before || i < 1 ||
        toks_[i - 1].type != TokType::kWord || toks_[i - 1].script != 'l') {
      if (!(i >= 1 && IsPunct(i - 1, ",") && IsInt(t) && t.norm.size() == 2 && !t.para_before)) {
        return false;
      }
    }
    const std::string& p = toks_[i - 1].norm;
    const bool after_in = p == "in";
    const bool listed = (p == "and" || p == "or" || IsPunct(i - 1, ",")) && i >= 3 &&
                        !toks_[i - 1].para_before && IsInt(toks_[i - 2]) &&
                        toks_[i - 2].norm.size() == 2 && !toks_[i - 2].para_before &&
                        toks_[i - 3].norm == "in";
    if (!after_in && !listed) return false;
    if (const Tok* n = At(i + 1); n != nullptr && !n->para_before) {
      const bool ends = n->type == TokType::kPunct
                            ? (n->norm == "," || n->norm == "." || n->norm == ";" ||
                               n->norm == ")" || n->norm == "?" || n->norm == "!")
                            : (n->norm == "and" || n->norm == "or");
      if (!ends) return false;
      if (n->type == TokType::kPunct && (n->norm == "." || n->norm == ",") && Attached(i + 1) &&
          i + 2 < toks_.size() && IsInt(toks_[i + 2]) && Attached(i + 2)) {
        return false;  // "in 10.5", "in 10,000"
      }
    }
    // A four-digit year after "in" within 40 tokens, the paragraph not crossed.
    size_t lo = i, hi = i;
    while (lo > 0 && i - lo < 40 && !toks_[lo].para_before) --lo;
    while (hi + 1 < toks_.size() && hi - i < 40 && !toks_[hi + 1].para_before) ++hi;
    for (size_t m = lo + 1; m <= hi; ++m) {
      if (m != i && IsYear(m) && toks_[m - 1].norm == "in") {
        *next = i + 1;
        return true;
      }
    }
    return false;
  }

  // After "and"/"or" in a list of amounts, the words that bound the next one ("as many as",
  // "up to", "nearly"): returns the token after them, or c.
  size_t SkipEnglishHedge(size_t c) const {
    auto word = [&](size_t x, std::string_view w) {
      return x < toks_.size() && !toks_[x].para_before && toks_[x].norm == w;
    };
    if ((word(c, "as") && (word(c + 1, "many") || word(c + 1, "much")) && word(c + 2, "as")))
      return c + 3;
    if ((word(c, "up") && word(c + 1, "to")) || (word(c, "at") && word(c + 1, "least")) ||
        ((word(c, "more") || word(c, "less") || word(c, "fewer")) && word(c + 1, "than"))) {
      return c + 2;
    }
    for (std::string_view w : {"nearly", "almost", "about", "around", "over", "roughly",
                               "approximately", "perhaps", "possibly", "even"}) {
      if (word(c, w)) return c + 1;
    }
    return c;
  }

  bool PopulationBefore(size_t i) const {
    bool verb = false;
    size_t b = 1;
    for (; b <= 5 && b <= i && !toks_[i - b + 1].para_before; ++b) {
      const std::string& w = toks_[i - b].norm;
      if (w == "population") return true;
      verb = verb || w == "is" || w == "was" || w == "estimated" || w == "reached" ||
             w == "stood" || w == "stands";
      if (w != "of" && w != "is" && w != "was" && w != "at" && w != "stable" && w != "around" &&
          w != "about" && w != "approximately" && w != "roughly" && w != "nearly" && w != "some" &&
          w != "estimated" && w != "an" && w != "reached" && w != "stands" && w != "stood" &&
          w != "of just" && w != "just" && w != "over" && w != "under" && w != "total" &&
          w != "totals" && w != "now" && w != "currently") {
        break;
      }
    }
    // "The population of Pons Aelius at this period was estimated at 2,000": the subject
    // further back in the clause, before its verb, with a determiner and no number between.
    if (!verb || b > i) return false;
    for (size_t q = i - b + 1; q-- > 1 && q + 16 > i;) {
      if (toks_[q + 1].para_before || toks_[q].type == TokType::kNum || IsPunct(q, ".") ||
          IsPunct(q, ",") || IsPunct(q, ";") || IsPunct(q, "(")) {
        return false;
      }
      if (toks_[q].norm == "population") {
        const std::string& d = toks_[q - 1].norm;
        return d == "the" || d == "its" || d == "their" || d == "his" || d == "her";
      }
    }
    return false;
  }

  const char* CountedNounBefore(size_t i) const {
    if (i < 2 || toks_[i].para_before || toks_[i - 1].para_before || toks_[i - 1].script != 'a') {
      return nullptr;
    }
    bool definite = false;
    const FigureEntry* e = NounUnit(i - 1, &definite);
    const std::string& w = toks_[i - 2].norm;
    if (e == nullptr || !definite) return nullptr;
    return w == "عدد" || w == "وعدد" || w == "بعدد" || w == "لعدد" ? e->unit : nullptr;
  }

  // "الساعة الرابعة وخمس وعشرين دقيقة", "الساعة 10 و30 دقيقة": the minutes of
  // a time of day, joined by "and" to the hour after "the hour".
  bool ClockMinutes(size_t i) const {
    const std::string& w = toks_[i].norm;
    const bool joined = w.rfind("و", 0) == 0 || (i > 0 && toks_[i - 1].norm == "و");
    if (!joined || toks_[i].script == 'l') return false;
    for (size_t b = 1; b <= 4 && b <= i; ++b) {
      const std::string& p = toks_[i - b].norm;
      if (p == "الساعه" || p == "بالساعه" || p == "والساعه") return true;
    }
    return false;
  }

  // Whether only blanks stand between bytes [start, end) and the ends of their line.
  bool AloneOnLine(uint32_t start, uint32_t end) const {
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    size_t a = start;
    while (a > 0 && blank(text_[a - 1])) --a;
    size_t b = end;
    while (b < text_.size() && blank(text_[b])) ++b;
    return (a == 0 || text_[a - 1] == '\n') && (b == text_.size() || text_[b] == '\n');
  }

  // "$1 $2 $3", "$0 name of the shell", ".../$1", "\\$1", "$1$" of a password
  // hash: a shell or regular expression parameter, not a dollar. Only one
  // digit right after the sign; another such parameter near it on the line,
  // a sign joined to what precedes it, or a "$" joined after the digit says so.
  bool ShellParameter(size_t sign, size_t digit) const {
    if (!IsPunct(sign, "$") || !Attached(digit) || !IsInt(toks_[digit]) ||
        toks_[digit].norm.size() != 1) {
      return false;
    }
    // "$1 million ($2 million)": a scale word after the digit makes it an amount.
    if (digit + 1 < toks_.size() && !toks_[digit + 1].para_before &&
        Lookup(digit + 1, [](const FigureEntry& e) { return e.scale > 0; })) {
      return false;
    }
    // "$0" names the program or a function's result; nobody prices a thing at $0 without cents.
    if (toks_[digit].norm == "0") return true;
    // "parameter $1", "by the symbols $1", "= $1", "function($1, ...)", "FROM $1'": named a
    // parameter, an operand of "=", an argument of a call, or inside a quoted string.
    if (sign > 0 && toks_[sign - 1].type == TokType::kWord) {
      static const char* const kParamWords[] = {
          "parameter", "parameters", "argument",   "arguments",   "symbol",      "symbols",
          "variable",  "variables",  "identifier", "identifiers", "placeholder", "placeholders"};
      for (const char* w : kParamWords) {
        if (toks_[sign - 1].norm == w) return true;
      }
    }
    if (IsPunct(sign - 1, "=")) return true;
    // "SELECT i + $2": an operand of arithmetic; "such as $1 , in": code set apart from the
    // punctuation after it, as manuals render inline code.
    if (IsPunct(sign - 1, "+") || IsPunct(sign - 1, "*") || IsPunct(sign - 1, "/")) return true;
    if (digit + 1 < toks_.size() && !toks_[digit + 1].para_before && !Attached(digit + 1) &&
        (IsPunct(digit + 1, ",") || IsPunct(digit + 1, ".") || IsPunct(digit + 1, ";"))) {
      return true;
    }
    // "the second parameter ... the context in which $2 is used": a parameter named earlier
    // in the sentence, and "$2" the subject of a verb ("a parameter costs $5 a month" stays).
    const Tok* verb = At(digit + 1);
    const bool subject =
        verb != nullptr && !verb->para_before &&
        (verb->norm == "is" || verb->norm == "was" || verb->norm == "are" || verb->norm == "will" ||
         verb->norm == "can" || verb->norm == "must" || verb->norm == "has");
    for (size_t b = 2; subject && b <= 16 && b <= sign && !toks_[sign - b + 1].para_before; ++b) {
      const std::string& w = toks_[sign - b].norm;
      if (IsPunct(sign - b, ".")) break;
      if (w == "parameter" || w == "parameters" || w == "placeholder" || w == "placeholders") {
        return true;
      }
    }
    if (sign >= 2 && IsPunct(sign - 1, "(") && Attached(sign) && Attached(sign - 1) &&
        toks_[sign - 2].type == TokType::kWord) {
      return true;
    }
    if ((IsPunct(digit + 1, "'") || IsPunct(digit + 1, "\"")) && Attached(digit + 1)) return true;
    if (Attached(sign) && !IsPunct(sign - 1, "(") && !IsPunct(sign - 1, "-")) return true;
    if (IsPunct(digit + 1, "$") && Attached(digit + 1)) return true;
    // "$2", and "$ n" of "$1 ... $ n": the sign before a single letter names any parameter.
    const auto param = [&](size_t t) {
      if (!IsPunct(t, "$") || t + 1 >= toks_.size() || toks_[t + 1].para_before) return false;
      const Tok& n = toks_[t + 1];
      if (n.type == TokType::kWord && n.script == 'l' && n.norm.size() == 1) return true;
      return Attached(t + 1) && IsInt(n) && n.norm.size() == 1;
    };
    if (IsPunct(digit + 1, "-") || IsPunct(sign - 1, "-")) return false;  // "$1-$2": prices
    // "$3 or $4 for a meal", "$5 to $6 a month": two single digits joined by "or" or "to"
    // and followed by what the price buys are prices, not two parameters.
    const auto price_pair = [&](size_t a) {
      if (a + 4 >= toks_.size() || !IsPunct(a, "$") || !IsInt(toks_[a + 1]) ||
          toks_[a + 1].norm.size() != 1 ||
          (toks_[a + 2].norm != "or" && toks_[a + 2].norm != "to") || !IsPunct(a + 3, "$") ||
          !Attached(a + 4) || !IsInt(toks_[a + 4]) || toks_[a + 4].norm.size() != 1) {
        return false;
      }
      // "for a meal" buys; "for the first argument" names a use.
      size_t b = a + 5;
      if (const Tok* f = At(b); f != nullptr && !f->para_before && f->norm == "for") ++b;
      const Tok* w = At(b);
      if (w == nullptr || w->para_before) return false;
      for (std::string_view x : {"a", "an", "each", "per", "apiece"}) {
        if (w->norm == x) return true;
      }
      return false;
    };
    if (price_pair(sign) || (sign >= 3 && price_pair(sign - 3))) return false;
    for (size_t t = sign + 2; t < toks_.size() && t <= sign + 12 && !toks_[t].para_before; ++t) {
      if (param(t)) return true;
    }
    for (size_t b = 1; b <= 12 && b <= sign && !toks_[sign - b + 1].para_before; ++b) {
      if (param(sign - b)) return true;
    }
    return false;
  }

  // Whether token t is a word for memory (RAM, זיכרון, ذاكرة).
  bool MemoryWord(size_t t) const {
    const Tok* w = At(t);
    return w != nullptr && !w->para_before && w->type == TokType::kWord &&
           (w->norm == "ram" || w->norm == "dram" || w->norm == "memory" || w->norm == "cache" ||
            w->norm == "rom" || w->norm == "זיכרון" || w->norm == "זכרון" || w->norm == "ذاكره");
  }

  // Whether a data size unit (KB, MB, GB, bytes) stands within a few tokens of token k.
  bool DataSizeNear(size_t k) const {
    const size_t from = k >= 8 ? k - 8 : 0;
    for (size_t t = from; t < toks_.size() && t <= k + 8; ++t) {
      if (t == k || toks_[t].type != TokType::kWord) continue;
      const std::string& w = toks_[t].norm;
      if (w == "kb" || w == "mb" || w == "gb" || w == "tb" || w == "kib" || w == "mib" ||
          w == "gib" || w == "bytes") {
        return true;
      }
    }
    return false;
  }

  // Whether the Hebrew "בתים" at token k, after `value`, counts bytes: the value is a
  // power of two from 16 on, or a word of sizes and memory stands near it.
  bool BytesNear(size_t k, double value) const {
    if (value >= 16 && value <= 1e15 && value == std::floor(value)) {
      const auto v = static_cast<uint64_t>(value);
      if ((v & (v - 1)) == 0) return true;
    }
    const size_t from = k >= 12 ? k - 12 : 0;
    for (size_t t = from; t < toks_.size() && t <= k + 12; ++t) {
      const std::string& w = toks_[t].norm;
      if (toks_[t].script != 'h') continue;
      if (w.find("גודל") != std::string::npos || w.find("זיכרון") != std::string::npos ||
          w.find("סקטור") != std::string::npos || w.find("מגה") != std::string::npos ||
          w.find("סיביות") != std::string::npos) {
        return true;
      }
    }
    return false;
  }

  // "ضعف العدد" (double the number), "ضعفي ما": ضعف before an amount noun is
  // a ratio of 2; before another noun it is "weakness" (ضعف الاقتصاد).
  size_t TryDouble(size_t i) {
    const Tok& t = toks_[i];
    // "twice as fast", "twice the space": a ratio of 2 ("called twice", "twice a day" stay out).
    // "won the cup twice as well.": "as well" (too) when it closes the clause; "twice as well
    // as before", "twice as well known as his father" go on to a comparison.
    const bool as_well = i + 2 < toks_.size() && toks_[i + 1].norm == "as" &&
                         toks_[i + 2].norm == "well" && !toks_[i + 2].para_before &&
                         (i + 3 >= toks_.size() || toks_[i + 3].para_before ||
                          (toks_[i + 3].type == TokType::kPunct && !IsPunct(i + 3, "-")) ||
                          WordIs(i + 3, {"and", "but", "or", "in", "on", "at", "after", "before",
                                         "when", "while", "since", "this", "that", "last"}));
    if (t.type == TokType::kWord && t.norm == "twice" && i + 1 < toks_.size() && !as_well &&
        !toks_[i + 1].para_before && (toks_[i + 1].norm == "as" || toks_[i + 1].norm == "the")) {
      Emit(FigureKind::kRatio, t.start, t.end, [](Figure* f) { f->value = 2; });
      return i + 1;
    }
    if (t.type != TokType::kWord || t.script != 'a' || i + 1 >= toks_.size() ||
        toks_[i + 1].para_before) {
      return 0;
    }
    std::string_view w = t.norm;
    // "ازداد إلى أكثر من الضعف", "نحو الضعف": "the double" after a comparison or an
    // approximation is a ratio of 2 (test16's convention); "يعاني من الضعف" and "أدى إلى
    // الضعف" (weakness) are not.
    if (w == "الضعف" && i > 0 && !t.para_before) {
      const std::string& p = toks_[i - 1].norm;
      const bool than = p == "من" && i > 1 && !toks_[i - 1].para_before &&
                        (toks_[i - 2].norm == "اكثر" || toks_[i - 2].norm == "اقل");
      if (than || p == "نحو" || p == "حوالي" || p == "قرابه") {
        Emit(FigureKind::kRatio, OffsetAfter(i, 4), t.end, [](Figure* f) { f->value = 2; });
        return i + 1;
      }
    }
    if (w.rfind("ب", 0) == 0 || w.rfind("و", 0) == 0) w.remove_prefix(2);
    if (w != "ضعف" && w != "ضعفي") return 0;
    // "أن ضعف عدد النساء ... يظهر": after "that", ضعف is the subject, "the low number of".
    if (i > 0 && !toks_[i].para_before && w.size() == t.norm.size()) {
      const std::string& p = toks_[i - 1].norm;
      if (p == "ان" || p == "لان" || p == "فان" || p == "بان") return 0;
    }
    const std::string& a = toks_[i + 1].norm;
    static const char* const kAmount[] = {"العدد",  "عدد",     "المبلغ",  "الرقم",     "السعر",
                                          "الكميه", "المعدل",  "النسبه",  "الحجم",     "القيمه",
                                          "قيمه",   "المستوى", "الانتاج", "الميزانيه", "التكلفه",
                                          "ما",     "الاسعار", "الدخل",   "الراتب",    "المساحه"};
    bool amount = false;
    for (const char* x : kAmount) amount = amount || a == x;
    if (!amount) return 0;
    Emit(FigureKind::kRatio, OffsetAfter(i, t.norm.size() - w.size()), t.end,
         [](Figure* f) { f->value = 2; });
    return i + 1;
  }

  // Quantities that name something else: a clock format ("בתצורת 24 שעות",
  // "24-hour clock") and an architecture ("מערכת 32 סיביות", "64-bit system").
  // Whether token k (after a number) opens degrees or a percent: the measures a minus sign
  // written as a dash belongs to ("-40° C", "-20 degrees", "-3%").
  bool SignedMeasureAt(size_t k) const {
    if (k >= toks_.size() || toks_[k].para_before) return false;
    // "-20 and -40 degrees", "-5 to -10%": the first bound of a range of signed bounds.
    if (k + 2 < toks_.size() && (LatinWordIs(k, {"and", "to", "or"}) || IsPunct(k, ",")) &&
        IsPunct(k + 1, "-") && Attached(k + 2) && toks_[k + 2].type == TokType::kNum) {
      k += 3;
      if (k >= toks_.size() || toks_[k].para_before) return false;
    }
    if (IsPunct(k, "°") || IsPunct(k, "º")) return true;
    return static_cast<bool>(Lookup(k, [](const FigureEntry& e) {
      return (e.unit != nullptr && std::string_view(e.unit) == "degree") ||
             (e.flags & internal::kFigPercent) != 0;
    }));
  }

  bool NotAnAmount(size_t i, size_t k, double value, const std::string& unit) const {
    // "World Cup 2018 day five", "season 3 week 2": a singular day or week numbered after it
    // is a label of a schedule, and the number before it is no count of days.
    if ((unit == "day" || unit == "week") && k >= 1 && k < toks_.size() && !toks_[k].para_before &&
        (toks_[k - 1].norm == "day" || toks_[k - 1].norm == "week") &&
        (toks_[k].type == TokType::kNum ||
         Lookup(k, [](const FigureEntry& e) { return e.number >= 1 && e.scale == 0; }))) {
      return true;
    }
    const auto near = [&](uint32_t flag) {
      // "نظام الـ 12 ساعة": the article may stand apart from its number.
      const bool article = i > 0 && toks_[i - 1].type == TokType::kWord &&
                           (toks_[i - 1].norm == "ال" || toks_[i - 1].norm == "ה");
      return PhraseBefore(i, flag) || (article && PhraseBefore(i - 1, flag)) ||
             (k < toks_.size() && !toks_[k].para_before &&
              Lookup(k, [&](const FigureEntry& e) { return (e.flags & flag) != 0; }));
    };
    if (unit == "hour" && (value == 12 || value == 24)) {
      // "12 ساعة (صباحًا/مساءً)", "12 שעות (AM/PM)": the day's halves name a clock.
      for (size_t q = k; q < k + 3 && q < toks_.size() && !toks_[q].para_before; ++q) {
        const std::string& w = toks_[q].norm;
        if (w == "am" || w == "pm" || w == "صباحا" || w == "صباح" || w == "ص" || w == "לפנה\"צ" ||
            w == "אחה\"צ") {
          return true;
        }
      }
      return near(internal::kFigClockFormat);
    }
    // "[1mi[0m" (a terminal's escape), "1Mi+1": "mi" joined to the number or capitalized is
    // no mile.
    if (unit == "mile" && k >= 1 && k - 1 < toks_.size() && toks_[k - 1].norm == "mi" &&
        (Attached(k - 1) || toks_[k - 1].cap)) {
      return true;
    }
    // "the Apollo 8 crew", "the Boeing 747 pilots": after "the" and a capitalized name, the
    // number is the name's (a mission, a model), not a count of the noun after it. After a
    // preposition the name is a place or a time that the count follows ("In the Philippines
    // 300 people died", "After the Christmas 400 people were arrested").
    const auto place_or_time = [&] {
      if (i < 3 || toks_[i - 2].para_before) return false;
      for (std::string_view w :
           {"in", "across", "during", "after", "on", "by", "throughout", "at", "from", "over",
            "since", "before", "into", "within", "through", "under", "until", "around"}) {
        if (toks_[i - 3].norm == w) return true;
      }
      return false;
    };
    if (i >= 2 && IsInt(toks_[i]) && !Attached(i) && !toks_[i].para_before &&
        !toks_[i - 1].para_before && toks_[i - 1].type == TokType::kWord &&
        toks_[i - 1].script == 'l' && toks_[i - 1].cap && !toks_[i - 1].upper &&
        toks_[i - 2].norm == "the" && !IsMeasure(unit) &&
        !Lookup(
            i - 1, [](const FigureEntry& e) { return e.month > 0; }, false) &&
        !place_or_time()) {
      return true;
    }
    // "M5J 1S9" (a Canadian postal code), "4h30": a one-letter unit glued between digits
    // is part of a code or a clock; "1h30m" (a unit after the second number) stays a length.
    if (k >= 2 && k < toks_.size() && toks_[k - 2].type == TokType::kNum && Attached(k - 1) &&
        toks_[k - 1].type == TokType::kWord && toks_[k - 1].script == 'l' &&
        toks_[k - 1].norm.size() == 1 && toks_[k].type == TokType::kNum && Attached(k) &&
        !(Attached(k + 1) && toks_[k + 1].type == TokType::kWord)) {
      return true;
    }
    // "7 bit ASCII", "8-bit clean": the width names a character encoding.
    if (unit == "bit" && k < toks_.size() && !toks_[k].para_before) {
      const std::string& w = toks_[k].norm;
      if (w == "ascii" || w == "clean" || w == "encoding" || w == "color" || w == "colour") {
        return true;
      }
    }
    if (unit == "bit" &&
        (value == 8 || value == 16 || value == 32 || value == 64 || value == 128)) {
      // "64 סיביות" alone on its line: a build's label (Firefox's about dialog).
      if ((value == 32 || value == 64) && AloneOnLine(toks_[i].start, toks_[k - 1].end)) {
        return true;
      }
      return near(internal::kFigSystem);
    }
    // "ال100 نقطة": the article on the number makes it a score named before.
    if (unit == "point" && i > 0 && Attached(i) && toks_[i - 1].norm.size() >= 4 &&
        toks_[i - 1].norm.compare(toks_[i - 1].norm.size() - 4, 4, "ال") == 0) {
      return true;
    }
    // "18 נקודות" alone on its line is a font size (a size menu); in running text a score.
    if (unit == "point" && toks_[k - 1].script == 'h' &&
        !AloneOnLine(toks_[i].start, toks_[k - 1].end)) {
      return true;
    }
    // "بتسجيله 11 نقطة", "لم يتخل فريق سوى عن 308 نقطة ... في الدوري": in an Arabic sentence
    // about a game, points are its score, as Hebrew נקודות in running text. Elsewhere they stay
    // sizes and widths ("مقاس النص 14 نقطة", "سميك (2,25نقطة)", "نوع 8 نقطة").
    if (unit == "point" && toks_[k - 1].script == 'a' && GameInSentence(i)) return true;
    // "على مدار 28.5 درجة", "7 درجات غربا": a satellite's orbital slot or a longitude, a place
    // (as lines of latitude); "أدر الصورة 90 درجة" stays an angle.
    if (unit == "degree" && toks_[k - 1].script == 'a' && OrbitOrBearing(i, k)) return true;
    // "עד 120 שנה": the blessing ("till a hundred and twenty"), a wish, not an amount.
    if (unit == "year" && value == 120 && i > 0 && !toks_[i].para_before &&
        (toks_[i - 1].norm == "עד" || toks_[i - 1].norm == "ועד")) {
      return true;
    }
    if (i > 0 && !toks_[i].para_before && toks_[i - 1].script == 'a') {
      const std::string_view w = toks_[i - 1].norm;
      const auto is = [&](std::string_view word) {
        return w.size() >= word.size() && w.substr(w.size() - word.size()) == word &&
               (w.size() == word.size() || AllArabicClitics(w.substr(0, w.size() - word.size())));
      };
      // "حرب الثلاثين عاماً", "حرب المئة عام": a war named by its length is a name: the
      // noun without its article before the number with one ("استمرت الحرب ثلاثين عاماً",
      // the war lasted thirty years, is a length).
      if ((unit == "year" || unit == "day") && is("حرب") &&
          w.find("ال") == std::string_view::npos && toks_[i].norm.rfind("ال", 0) == 0) {
        return true;
      }
      // "خمسة أطباء لكل 100000 نسمة": the denominator of a rate per head is no count.
      if (unit == "person" && w == "لكل") return true;
    }
    return false;
  }

  // "المقاعد ال23", "الأيام الـ10": after a definite plural noun of the unit vocabulary, a
  // number with the article set apart counts that noun. A singular makes it an ordinal or
  // a clock ("الدورة ال17", "الساعة الـ8"), hence the plurals only.
  size_t TryArticleNumber(size_t i) {
    const Tok& t = toks_[i];
    if (t.script != 'a' || t.norm != "ال" || i == 0 || t.para_before || i + 1 >= toks_.size() ||
        !Attached(i + 1) || !IsInt(toks_[i + 1]) || toks_[i - 1].type != TokType::kWord) {
      return 0;
    }
    // The article, after at most two one-letter clitics (بالمقاعد, وبالأيام).
    const std::string_view noun = toks_[i - 1].norm;
    size_t art = 0;
    while (art <= 4 && noun.substr(art < noun.size() ? art : noun.size(), 4) != "ال") art += 2;
    if (art > 4 || (art > 0 && !AllArabicClitics(noun.substr(0, art)))) return 0;
    static const char* const kPlurals[] = {
        "مقاعد", "ايام",  "سنوات", "سنين",    "اعوام",    "ساعات", "دقائق",
        "ثوان",  "اشهر",  "شهور",  "اسابيع",  "اشخاص",    "ملفات", "رسائل",
        "قتلى",  "جرحى",  "اصوات", "دول",     "منازل",    "طلاب",  "اطفال",
        "جنود",  "صفحات", "وثائق", "مواطنين", "مستخدمين", "عمال",  "موظفين"};
    const std::string_view rest = noun.substr(art + 4);
    bool plural = false;
    for (const char* p : kPlurals) plural = plural || rest == p;
    if (!plural) return 0;
    bool definite = false;
    const FigureEntry* e = NounUnit(i - 1, &definite);
    double v = 0;
    if (e == nullptr || !ParseDigits(toks_[i + 1].norm, &v) || v < 3) return 0;
    if (!out_.empty() && out_.back().end > toks_[i - 1].start) return 0;
    Emit(FigureKind::kQuantity, toks_[i - 1].start, toks_[i + 1].end, [&](Figure* f) {
      f->value = v;
      f->unit = e->unit;
    });
    return i + 2;
  }

  size_t TryAmount(size_t i) {
    if (size_t n = TryArticleNumber(i)) return n;
    if (toks_[i].type == TokType::kWord && toks_[i].script == 'h' &&
        AllHebrewClitics(toks_[i].norm) && i + 1 < toks_.size() && !toks_[i + 1].space_before) {
      return i + 1;  // ב-, כ־: read back from the number after it
    }
    if (toks_[i].type == TokType::kWord && toks_[i].script == 'a' &&
        AllArabicClitics(toks_[i].norm) && i + 1 < toks_.size() && !toks_[i + 1].space_before) {
      return i + 1;
    }
    // "2day": the texting spelling of "today"; a count of two days has a space or the
    // plural ("2 days", "2days").
    if (toks_[i].type == TokType::kNum && toks_[i].norm == "2" && i + 1 < toks_.size() &&
        Attached(i + 1) && toks_[i + 1].norm == "day" && toks_[i + 1].end == toks_[i].end + 3) {
      return i + 2;
    }
    // "أربعة من كل 10 أشخاص" (four of every ten persons): the whole of a proportion counts
    // nobody; the number and its noun are skipped.
    if (i >= 2 && toks_[i].type == TokType::kNum && !toks_[i].para_before &&
        !toks_[i - 1].para_before && toks_[i - 1].norm == "كل" &&
        (toks_[i - 2].norm == "من" || toks_[i - 2].norm == "ومن")) {
      size_t k = i + 1;
      if (const Hit sc = Lookup(k, [](const FigureEntry& e) { return e.scale > 0; })) k = sc.next;
      bool definite = false;
      return NounUnit(k, &definite) != nullptr ? k + 1 : k;
    }
    // "سنة ونصف", "שעה וחצי", "hour and a half": one and a half units.
    const auto and_next = [&] {
      if (toks_[i].type != TokType::kWord || i + 1 >= toks_.size()) return false;
      const std::string_view w = toks_[i + 1].norm;
      return w.rfind("و", 0) == 0 || w.rfind("ו", 0) == 0 || w == "and";
    };
    if (const Hit u =
            and_next()
                ? Lookup(i, [](const FigureEntry& e) { return e.unit != nullptr && e.count == 0; })
                : Hit();
        u) {
      if (const Hit h = Lookup(u.next, [](const FigureEntry& e) { return Fraction(e) > 0; });
          h && u.next < toks_.size() && !toks_[u.next].para_before) {
        // "لقرابة الساعة والنصف": a hedge before the unit covers it.
        const bool hedged = PhraseBefore(i, internal::kFigApproxBefore);
        Emit(FigureKind::kQuantity, u.start, toks_[h.next - 1].end, [&](Figure* f) {
          f->value = 1 + Fraction(*h.e);
          f->unit = u.e->unit;
          f->approx = hedged;
        });
        return h.next;
      }
    }
    if (size_t n = TryNumberAfterNoun(i)) return n;
    if (size_t n = TryDefiniteCount(i)) return n;
    if (size_t n = TryDouble(i)) return n;
    if (size_t n = TryFractionOfUnit(i)) return n;
    if (size_t n = TryApproxArticleUnit(i)) return n;
    if (size_t n = TryUnitRangeStart(i)) return n;
    uint32_t start = toks_[i].start;
    size_t j = i;
    const char* currency = nullptr;
    const char* family = nullptr;
    bool ratio_before = false;
    // A currency or ratio marker before the number: $10, US$ 5, USD 3, פי 64.
    if (const Hit h = Lookup(
            i,
            [](const FigureEntry& e) {
              return (e.flags & (internal::kFigCurrencyPrefix | internal::kFigRatioBefore)) != 0;
            });
        h && h.next < toks_.size() &&
        // "לפי שלושה מבחנים" (according to), "בפי": פי with a clitic is another word.
        !((h.e->flags & internal::kFigRatioBefore) && !h.clitic.empty() && h.clitic != "ו") &&
        // "על פי 6 קריטריונים" (according to), as לפי.
        !((h.e->flags & internal::kFigRatioBefore) && i > 0 && !toks_[i].para_before &&
          (toks_[i - 1].norm == "על" || toks_[i - 1].norm == "ועל"))) {
      if (h.e->flags & internal::kFigRatioBefore) {
        ratio_before = true;
      } else {
        currency = h.e->currency;
        family = h.e->family;
      }
      start = h.start;
      j = h.next;
      if (toks_[j].para_before) return i + 1;
      if (currency != nullptr && ShellParameter(i, j)) return j + 1;
    }
    // "%10s", "%5d": a printf conversion, a letter joined after the width.
    const bool printf_width = i + 2 < toks_.size() && Attached(i + 2) &&
                              toks_[i + 2].type == TokType::kWord && toks_[i + 2].script == 'l';
    if (IsPunct(i, "%") && i + 1 < toks_.size() && toks_[i + 1].type == TokType::kNum &&
        Attached(i + 1) && printf_width) {
      return i + 3;
    }
    if (IsPunct(i, "%") && !Attached(i) && i + 1 < toks_.size() &&
        toks_[i + 1].type == TokType::kNum && Attached(i + 1) && currency == nullptr) {
      // ٪١٢: in right-to-left typing the sign often comes first.
      double v = 0;
      size_t skip = 0;
      if (ParseDigits(toks_[i + 1].norm, &v) && !LooksAlike(i + 1, &skip)) {
        Emit(FigureKind::kPercent, toks_[i].start, toks_[i + 1].end,
             [&](Figure* f) { f->value = v; });
        return i + 2;
      }
    }
    Num n;
    size_t skip_to = 0;
    if (!ParseNumber(j, &n, &skip_to)) return skip_to > i ? skip_to : i + 1;
    if (currency != nullptr && j > i && !AmbiguousCurrencyPrefixIsMoney(i, n)) return n.next;
    // "length -1 characters": a number subtracted from a name is an expression, not an amount.
    // Before degrees or a percent the dash is a minus sign ("lowered to -40° C", "at -5%").
    const bool dash_sign = currency == nullptr && j == i && i >= 1 && IsPunct(i - 1, "-") &&
                           Attached(i) &&
                           (i == 1 || toks_[i - 1].space_before || IsPunct(i - 2, "(")) &&
                           // After a word or an opening bracket: "50% -60%" is a range.
                           (i < 2 || toks_[i - 2].type == TokType::kWord || IsPunct(i - 2, "(") ||
                            IsPunct(i - 2, ":")) &&
                           SignedMeasureAt(n.next);
    if (currency == nullptr && j == i && i >= 2 && IsPunct(i - 1, "-") && Attached(i) &&
        toks_[i - 1].space_before && toks_[i - 2].type == TokType::kWord &&
        toks_[i - 2].script == 'l' && !dash_sign) {
      return n.next;
    }
    if (currency == nullptr && !ratio_before) start = n.start;
    // "about -5 degrees": the hedge stands before the sign.
    const bool approx_before = n.approx || PhraseBefore(i, internal::kFigApproxBefore) ||
                               (dash_sign && PhraseBefore(i - 1, internal::kFigApproxBefore));
    size_t k = n.next;
    double value = n.value;
    if (n.digits && IsInt(toks_[j])) {
      // "100 , 000": thousands groups set apart by spaces; a group with a
      // leading zero cannot be the next item of a list.
      while (IsPunct(k, ",") && k + 1 < toks_.size() && IsInt(toks_[k + 1]) &&
             toks_[k + 1].norm.size() == 3 && toks_[k + 1].norm[0] == '0') {
        value = value * 1000 + IntValue(toks_[k + 1]);
        k += 2;
      }
      // "37، 13 في المائة": a decimal comma set apart (Maghreb news). After an English word
      // the comma separates items ("In year 2, 5% left").
      if ((IsPunct(k, "،") || (IsPunct(k, ",") && !LatinWordBefore(j))) && Attached(k) &&
          k + 1 < toks_.size() && IsInt(toks_[k + 1]) && toks_[k + 1].norm.size() <= 2 &&
          Lookup(k + 2,
                 [](const FigureEntry& e) { return (e.flags & internal::kFigPercent) != 0; })) {
        value += IntValue(toks_[k + 1]) / (toks_[k + 1].norm.size() == 1 ? 10.0 : 100.0);
        k += 2;
      }
      // "5، 2 مليون مسافر": the same spaced decimal comma before a scale word of a million
      // or more (read as written, as the percent above). Not after a comma: "1، 2، 3 مليون"
      // is a list.
      if (IsPunct(k, "،") && Attached(k) && k == j + 1 && toks_[j].norm.size() <= 3 &&
          !(j > 0 && (IsPunct(j - 1, "،") || IsPunct(j - 1, ","))) && k + 2 < toks_.size() &&
          IsInt(toks_[k + 1]) && toks_[k + 1].norm.size() == 1 && !toks_[k + 1].para_before) {
        if (Lookup(
                k + 2, [](const FigureEntry& e) { return e.scale >= 1e6 && e.unit == nullptr; },
                false)) {
          value += IntValue(toks_[k + 1]) / 10.0;
          k += 2;
        }
      }
    }
    // "94ر75 في المائة" (75.94): the Moroccan news agency writes the decimal
    // point as ر and, in logical order, the decimals first ("07ر66" is 66.07;
    // a list of turnouts in falling order shows it).
    if (n.digits && IsInt(toks_[j]) && k + 1 < toks_.size() && toks_[k].type == TokType::kWord &&
        toks_[k].norm == "ر" && Attached(k) && IsInt(toks_[k + 1])) {
      double frac = IntValue(toks_[j]);
      for (size_t d = 0; d < toks_[j].norm.size(); ++d) frac /= 10;
      value = IntValue(toks_[k + 1]) + frac;
      k += 2;
    }
    // "2^10 bytes", "10^6": a power is its value (1024), not two numbers.
    if (n.digits && IsInt(toks_[j]) && k == j + 1 && IsPunct(k, "^") && Attached(k) &&
        k + 1 < toks_.size() && IsInt(toks_[k + 1]) && Attached(k + 1) &&
        toks_[k + 1].norm.size() <= 2) {
      value = std::pow(value, IntValue(toks_[k + 1]));
      k += 2;
    }
    // "5 1/8% interest", "the next 2 1/2 years", "3 3/4 inches", "(4 ft 8 1⁄2 in)": a whole
    // number and a proper fraction set apart by a space are one mixed number when a unit or a
    // percent sign follows (without one, "5 1/8" may be a day and a date). Four digits before
    // the fraction are a model's name ("Ram 2500 3/4 ton", a pickup rated for three quarters of
    // a ton).
    if (n.digits && IsInt(toks_[j]) && toks_[j].norm.size() <= 3 && k == j + 1 &&
        k + 3 < toks_.size() && IsInt(toks_[k]) && !Attached(k) && !toks_[k].para_before &&
        toks_[k].norm.size() <= 2 && IsPunct(k + 1, "/") && Attached(k + 1) &&
        IsInt(toks_[k + 2]) && Attached(k + 2) && toks_[k + 2].norm.size() <= 2 &&
        !toks_[k + 3].para_before) {
      const int num = IntValue(toks_[k]);
      const int den = IntValue(toks_[k + 2]);
      if (num >= 1 && num < den &&
          (Lookup(k + 3,
                  [](const FigureEntry& e) {
                    return (e.unit != nullptr && e.count == 0) ||
                           (e.flags & internal::kFigPercent) != 0;
                  }) ||
           (currency == nullptr && AbbreviatedUnit(j, k + 3) != nullptr))) {
        value += static_cast<double>(num) / den;
        k += 3;
      }
    }
    // "hiking 10 plus miles a day": "plus" between a number and its unit says "or more" of
    // the same figure (test18's label keeps it exact); "10 plus 5 miles" is a sum.
    if (n.digits && IsInt(toks_[j]) && k == j + 1 && k + 1 < toks_.size() &&
        toks_[k].norm == "plus" && !toks_[k].para_before && !toks_[k + 1].para_before &&
        Lookup(k + 1, [](const FigureEntry& e) { return e.unit != nullptr && e.count == 0; })) {
      ++k;
    }
    // "two and a half hours", "3 and a quarter miles": the fraction after "and a" belongs to
    // the number when a unit follows it (read alone, "a half hours" was 0.5 hours).
    if (k + 3 < toks_.size() && toks_[k].norm == "and" && !toks_[k].para_before &&
        (toks_[k + 1].norm == "a" || toks_[k + 1].norm == "an") && !toks_[k + 2].para_before &&
        toks_[k + 2].script == 'l' && value >= 1 && std::floor(value) == value) {
      if (const Hit h = Lookup(k, [](const FigureEntry& e) { return Fraction(e) > 0; });
          h && h.next < toks_.size() && !toks_[h.next].para_before &&
          Lookup(h.next, [](const FigureEntry& e) {
            return (e.unit != nullptr && e.count == 0) || e.scale > 0;
          })) {
        value += Fraction(*h.e);
        k = h.next;
      }
    }
    // "5 ורבע שעות", "ה-5 וחצי השעות", "3 ونصف ساعة": the Hebrew and Arabic fraction
    // written between a whole number and its unit belongs to the number (after the unit,
    // "שעתיים וחצי", the unit's reading adds it).
    if (k + 1 < toks_.size() && toks_[k].type == TokType::kWord && toks_[k].script != 'l' &&
        !toks_[k].para_before && !toks_[k + 1].para_before && value >= 1 &&
        std::floor(value) == value) {
      if (const Hit h = Lookup(
              k, [](const FigureEntry& e) { return Fraction(e) > 0; }, false);
          h && h.next < toks_.size() && !toks_[h.next].para_before &&
          Lookup(h.next, [](const FigureEntry& e) { return e.unit != nullptr && e.count == 0; })) {
        value += Fraction(*h.e);
        k = h.next;
      }
    }
    // "1016784k", "64k RAM": a memory size in kilobytes, not thousands. Nobody
    // writes a count of a million thousands with k; a memory word after it
    // says the same of a small one. "$64k" stays money, "64k" alone 64,000.
    // "4G זיכרון", "512M RAM": with a memory word after it, G and M are gigabytes and
    // megabytes too ("4G" alone is a mobile network, "5m" alone meters).
    bool kilobytes = false;
    const char* memory_unit = nullptr;
    if (n.digits && currency == nullptr && !n.scaled && k < toks_.size() &&
        (toks_[k].norm == "k" || toks_[k].norm == "m" || toks_[k].norm == "g") && Attached(k)) {
      const bool memory_word = MemoryWord(k + 1);
      if (toks_[k].norm == "k" && (value >= 1000 || memory_word)) {
        kilobytes = true;
        ++k;
      } else if (memory_word && toks_[k].norm != "k") {
        memory_unit = toks_[k].norm == "g" ? "GB" : "MB";
        kilobytes = true;
        ++k;
      }
    }
    double scale_used = 1;
    // "(11) ألف صوت": a number in parentheses before its scale word.
    if (n.digits && IsPunct(k, ")") && j > 0 && IsPunct(j - 1, "(") && k + 1 < toks_.size() &&
        !toks_[k + 1].para_before) {
      if (const Hit s = Lookup(k + 1, [](const FigureEntry& e) { return e.scale > 0; });
          s && !(s.e->flags & (internal::kFigAttachedOnly | internal::kFigPercent))) {
        ++k;
        if (currency == nullptr) start = toks_[j - 1].start;
      }
    }
    // "10MM", "$2.5MM": the accountant's million (a thousand thousands), in capitals and
    // joined to its digits; "10mm" and "10 MM" stay millimeters. After a currency sign no
    // length can follow: "$15mm" is the same million in lowercase (Enron's e-mail).
    if (!n.unit_entry && !n.ratio_word && !kilobytes && n.digits && !n.scaled && k < toks_.size() &&
        Attached(k) && toks_[k].norm == "mm" &&
        ((toks_[k].upper && text_.compare(toks_[k].start, 2, "MM") == 0) || currency != nullptr)) {
      value *= 1e6;
      scale_used *= 1e6;
      n.scaled = true;
      ++k;
    }
    // Scale words: 10 ملايين, 1.2bn, $5m, 3 hundred thousand, 270 מ׳.
    if (!n.unit_entry && !n.ratio_word && !kilobytes) {
      double last_scale = n.scaled ? value : 0;
      for (int round = 0; round < 2; ++round) {
        // "a $5-million grant", "a 1.2-billion deal": the scale word joined by a hyphen.
        if (round == 0 && n.digits && IsPunct(k, "-") && Attached(k) && Attached(k + 1) &&
            k + 1 < toks_.size() && toks_[k + 1].script == 'l') {
          if (const Hit hs = Lookup(k + 1, [](const FigureEntry& e) { return e.scale >= 1e6; });
              hs && !(hs.e->flags & internal::kFigAttachedOnly)) {
            ++k;
          }
        }
        // "a five-hundred-dollar check", "a twenty-thousand-dollar bond", "five-hundred
        // people": number words joined by hyphens, the scale word among them.
        if (!n.digits && IsPunct(k, "-") && Attached(k) && Attached(k + 1) &&
            k + 1 < toks_.size() && toks_[k + 1].script == 'l' && toks_[j].script == 'l') {
          if (const Hit hs = Lookup(k + 1, [](const FigureEntry& e) { return e.scale >= 100; });
              hs && !(hs.e->flags & (internal::kFigAttachedOnly | internal::kFigPluralScale))) {
            ++k;
          }
        }
        // "2.5+ million", "3+million shares" (mail): a plus sign between the digits and a
        // scale word keeps the amount; it says "or more" of it.
        if (round == 0 && n.digits && IsPunct(k, "+") && Attached(k) && k + 1 < toks_.size() &&
            !toks_[k + 1].para_before && toks_[k + 1].script == 'l') {
          if (const Hit hs = Lookup(k + 1, [](const FigureEntry& e) { return e.scale >= 1e3; });
              hs && !(hs.e->flags & (internal::kFigAttachedOnly | internal::kFigPluralScale))) {
            ++k;
          }
        }
        const Hit s = Lookup(k, [](const FigureEntry& e) { return e.scale > 0; });
        if (!s || toks_[k].para_before) break;
        if (Lookup(k,
                   [](const FigureEntry& e) { return (e.flags & internal::kFigPercent) != 0; })) {
          break;  // بالمائة is "percent", not ب+ال+مائة
        }
        if ((s.e->flags & internal::kFigAttachedOnly) && (!Attached(k) || !n.digits)) break;
        // 5m and 5b mean millions only in amounts ($5m); else meters, bytes.
        if ((s.e->flags & internal::kFigAttachedOnly) && s.e->scale >= 1e6 && currency == nullptr) {
          break;
        }
        // "ב-4K", "8K video": a display's resolution in capitals, no four or eight thousand.
        if ((s.e->flags & internal::kFigAttachedOnly) && s.e->scale == 1e3 && currency == nullptr &&
            n.digits && !n.scaled && (value == 4 || value == 8) && toks_[k].upper &&
            toks_[j].norm.size() == 1) {
          return s.next;
        }
        if (last_scale > 0 && s.e->scale <= last_scale) break;
        if (s.e->count > 0 && n.digits) break;  // "10 ألفين" is not Arabic
        // "בשנות ה-90 כמאה אלף פלסטינים": a Hebrew scale word with a clitic of its own (כ-, ב-,
        // ל-, ו-) opens the next number; it never multiplies the one before it. The article
        // stays ("6 המיליון", the six million).
        if (toks_[k].script == 'h' && !s.clitic.empty() && s.clitic != "ה") break;
        // "במקום אחד אלפי חוקרים" (in one place, thousands of researchers): a plural scale
        // word never counts "one"; the two words belong to different phrases.
        if ((s.e->flags & internal::kFigPluralScale) && !n.digits && value == 1 &&
            last_scale == 0) {
          break;
        }
        // "עשרים ואחת מאה": in Hebrew hundreds do not multiply a compound (מאות would); thousands
        // do.
        if (n.compound && s.e->scale < 1000 && toks_[k].script == 'h') break;
        // "330,000 ألف طفل", "970000 مليون نسمة", "4,675,710 ملايين": six digits or more before
        // an Arabic scale word are the amount already, the word repeats it (test15's and
        // test17's convention). "44,579 مليون" is left as 44,579 million: Arabic budgets and
        // company accounts write "1,500 مليون دولار" for 1.5 billion, so a comma before three
        // digits stays a thousands separator even where the translated text meant a decimal.
        if (round == 0 && last_scale == 0 && n.digits && toks_[k].script == 'a' &&
            toks_[j].type == TokType::kNum && value >= 1e5 && s.e->scale >= 1e3) {
          last_scale = s.e->scale;
          n.scaled = true;
          k = s.next;
          break;
        }
        value *= s.e->scale;
        scale_used *= s.e->scale;
        last_scale = s.e->scale;
        n.scaled = true;
        k = s.next;
      }
      if (n.scaled) {
        if (const Hit h = Lookup(k, [](const FigureEntry& e) { return Fraction(e) > 0; })) {
          value += Fraction(*h.e) * last_scale;
          k = h.next;
        } else {
          const size_t before_parts = k;
          k = AddCompound(k, last_scale, &value);
          // "two hundred and fifty thousand": a larger scale word multiplies the whole.
          // So does "مائة وخمسين ألف".
          if (k > before_parts &&
              (toks_[k - 1].script == 'l' ||
               (toks_[k - 1].script == 'a' && toks_[k - 1].type == TokType::kWord)) &&
              k < toks_.size() && !toks_[k].para_before) {
            if (const Hit s = Lookup(k, [](const FigureEntry& e) { return e.scale > 0; });
                s && !(s.e->flags & internal::kFigAttachedOnly) && s.e->scale > value) {
              value *= s.e->scale;
              scale_used *= s.e->scale;
              k = s.next;
            }
          }
        }
      }
    }
    if (n.before_scale_only && !n.scaled) return i + 1;
    uint32_t end = toks_[k - 1].end;
    FigureKind kind = FigureKind::kQuantity;
    std::string unit;
    bool found = false;
    if (ratio_before || n.ratio_word) {
      kind = FigureKind::kRatio;
      found = true;
    } else if (kilobytes) {
      unit = memory_unit != nullptr ? memory_unit : "KB";
      found = true;
    } else if (n.unit_entry) {
      unit = n.unit_entry->unit;
      found = true;
      // שנתיים וחצי, ساعتين ونصف, ساعتين وربع.
      if (const Hit h = Lookup(k, [](const FigureEntry& e) { return Fraction(e) > 0; });
          h && !toks_[k].para_before) {
        value += Fraction(*h.e);
        k = h.next;
        end = toks_[k - 1].end;
      }
    } else if (currency != nullptr) {
      kind = FigureKind::kMoney;
      found = true;
      // "$10 million dollars" is rare; "US$ 5 bn" done.
    }
    // "لـ(18) عاما": a number in parentheses before its unit.
    if (!found && n.digits && IsPunct(k, ")") && j > 0 && IsPunct(j - 1, "(") &&
        k + 1 < toks_.size() && !toks_[k + 1].para_before) {
      ++k;
      if (currency == nullptr) start = toks_[j - 1].start;  // "(18) عاما" whole
    }
    // "128-סיביות": a Hebrew unit joined to the digits by a hyphen (maqaf).
    if (!found && n.digits && IsPunct(k, "-") && Attached(k) && k + 1 < toks_.size() &&
        Attached(k + 1) && toks_[k + 1].type == TokType::kWord && toks_[k + 1].script == 'h' &&
        Lookup(
            k + 1, [](const FigureEntry& e) { return e.unit != nullptr && e.count == 0; }, false)) {
      ++k;
    }
    // "32319628902 B", "RAM: 32 B 2 GB": a capital B set apart after a number is bytes
    // when a data size stands near it ("Plan B", "$1 B" stay out).
    if (!found && n.digits && currency == nullptr && k < toks_.size() && !toks_[k].para_before &&
        toks_[k].norm == "b" && toks_[k].upper && toks_[k].space_before && DataSizeNear(k)) {
      unit = "byte";
      found = true;
      ++k;
      end = toks_[k - 1].end;
    }
    // '17" or 16" wheels': a straight double quote joined to a number is the inch, unless it
    // closes a quotation ('"Apollo 13" was').
    if (!found && n.digits && currency == nullptr && InchMark(k)) {
      unit = "inch";
      found = true;
      ++k;
      end = toks_[k - 1].end;
    }
    // "waters 6m (20ft) deep", "a 3m high wall": a lowercase "m" joined to digits is meters
    // before a length in feet in parentheses or an adjective of size; elsewhere it is a
    // million in an amount ("$6m") or nothing.
    if (!found && n.digits && !n.scaled && currency == nullptr && k < toks_.size() &&
        toks_[k].norm == "m" && Attached(k) && text_[toks_[k].start] == 'm' && MetersAfter(k + 1)) {
      unit = "meter";
      found = true;
      ++k;
      end = toks_[k - 1].end;
    }
    // "5 ft 3 in", "145 ha", "800 m": units English abbreviates in letters set apart after
    // digits, each where the letters cannot be another word (AbbreviatedUnit).
    if (!found && n.digits && !n.scaled && currency == nullptr) {
      if (const char* abbr = AbbreviatedUnit(j, k)) {
        unit = abbr;
        found = true;
        ++k;
        end = toks_[k - 1].end;
      }
    }
    // "2 3/4 cups (345 g) flour", "5 g of sugar", "100g of butter": a lowercase "g" after
    // digits is grams where a weight is plain: inside parentheses right after the number, or
    // before "of". Elsewhere "4g" is a phone network and "802.11g" a standard.
    if (!found && n.digits && !n.scaled && currency == nullptr && k < toks_.size() &&
        toks_[k].norm == "g" && text_[toks_[k].start] == 'g' && !toks_[k].para_before &&
        toks_[j].norm.size() <= 5 &&
        ((IsPunct(k + 1, ")") && j > 0 && IsPunct(j - 1, "(")) ||
         (k + 1 < toks_.size() && toks_[k + 1].norm == "of" && !toks_[k + 1].para_before))) {
      unit = "gram";
      found = true;
      ++k;
      end = toks_[k - 1].end;
    }
    // "24 (עשרים וארבעה !) עמודים", "12 (twelve) months": the number restated in words in
    // parentheses before its unit is one figure.
    if (!found && n.digits && IsPunct(k, "(") && k + 1 < toks_.size() &&
        toks_[k + 1].type == TokType::kWord && !toks_[k + 1].para_before) {
      Num w;
      size_t unused = 0;
      if (ParseNumber(k + 1, &w, &unused) && !w.digits && w.value == value) {
        size_t c = w.next;
        while (IsPunct(c, "!")) ++c;
        if (IsPunct(c, ")") && c + 1 < toks_.size() && !toks_[c + 1].para_before &&
            Lookup(c + 1, [](const FigureEntry& e) { return e.unit != nullptr && e.count == 0; })) {
          k = c + 1;
        }
      }
    }
    // "7 -% of the market", "2.6 -%": a stray dash between a number and its percent sign.
    if (!found && n.digits && k + 1 < toks_.size() && IsPunct(k, "-") && IsPunct(k + 1, "%") &&
        Attached(k + 1) && !toks_[k].para_before &&
        !(k + 2 < toks_.size() && toks_[k + 2].type == TokType::kNum && Attached(k + 2))) {
      ++k;
    }
    // "two full days", "3 whole weeks", "9 work days", "20 Business Days": a word of
    // completeness or of the calendar before a unit of time.
    if (!found && k + 1 < toks_.size() && !toks_[k].para_before && !toks_[k + 1].para_before &&
        LatinWordIs(k, {"full", "whole", "entire", "business", "working", "work", "calendar",
                        "consecutive", "straight", "trading"}) &&
        Lookup(k + 1, [](const FigureEntry& e) {
          return e.unit != nullptr && e.count == 0 && TimeUnit(e.unit);
        })) {
      ++k;
    }
    // "20 developed countries", "12 other nations": an adjective of development, region or
    // kind between a count and a counted plural noun (not a measure: "5 developed km").
    if (!found && n.digits && k + 1 < toks_.size() && !toks_[k].para_before &&
        !toks_[k + 1].para_before && toks_[k].script == 'l' && !toks_[k].cap &&
        LatinWordIs(k,
                    {"developed", "developing", "industrialised", "industrialized", "rich", "poor",
                     "wealthy", "neighbouring", "neighboring", "other", "major", "foreign"}) &&
        PluralNoun(toks_[k + 1].norm) && Lookup(k + 1, [](const FigureEntry& e) {
          return e.unit != nullptr && e.count == 0 && e.currency == nullptr && !IsMeasure(e.unit);
        })) {
      ++k;
    }
    // "48x48 بكسل": a dimension written without spaces; its "x" is not a ratio (TryNumberRange).
    const bool joined_dimension = n.digits && k + 1 < toks_.size() && toks_[k].norm == "x" &&
                                  Attached(k) && Attached(k + 1) && IsInt(toks_[k + 1]);
    if (!found && !joined_dimension && k < toks_.size() && !toks_[k].para_before) {
      Hit s = Lookup(k, [](const FigureEntry& e) {
        return e.currency != nullptr ||
               (e.flags & (internal::kFigPercent | internal::kFigRatio | internal::kFigTimes)) !=
                   0 ||
               (e.unit != nullptr && e.count == 0);
      });
      if (!s) s = HyphenedMeasure(k);
      // "in 2010-dollar terms", "constant 2005-euro prices": a recent year joined to the
      // currency names the year whose prices are meant; a hyphened sum is small or in words.
      if (s && s.e->currency != nullptr && PriceYearBefore(k)) s = Hit();
      // "0.3 s": after a decimal number a set-apart "s" is seconds too.
      const bool decimal_seconds = n.digits && toks_[j].norm.find('.') != std::string::npos &&
                                   toks_[k].norm == "s" && !IsPunct(k + 1, "'");
      // "45p": a subunit written as one lowercase letter follows one or two digits only.
      const bool short_subunit = s && s.e->subunit > 0 && toks_[k].norm.size() == 1;
      // "Division of 17H.", "the 6X:": a capital H or X joined to the digits and followed by
      // no word is a code ("10X zoom", "17h30", "3x faster" and "65W," stay).
      const bool letter_code = s && (s.e->flags & internal::kFigAttachedOnly) && Attached(k) &&
                               toks_[k].upper && (toks_[k].norm == "h" || toks_[k].norm == "x") &&
                               !(s.next < toks_.size() && !toks_[s.next].para_before &&
                                 toks_[s.next].type != TokType::kPunct);
      if (letter_code) return s.next;
      const bool attached_ok =
          s && (!(s.e->flags & internal::kFigAttachedOnly) || Attached(k) || decimal_seconds) &&
          (!short_subunit ||
           (n.digits && toks_[j].norm.size() <= 2 && !Attached(j) &&
            toks_[j].norm.find('.') == std::string::npos && text_[toks_[k].start] == 'p'));
      // A unit after a number takes no clitic (בשנה is "per year", היום
      // "today", ששת הימים a name), except the Hebrew article after digits
      // (3,600 השנים).
      bool clitic_ok = true;
      if (s && !s.clitic.empty() && !(s.e->flags & internal::kFigPercent)) {
        const std::string_view w = toks_[k].norm;
        // "מעשרים וארבע השעות": after a compound number word too (a name such as ששת
        // הימים takes a single word).
        // "כחצי מיליון הפליטים": after a scale word too.
        clitic_ok = toks_[k].script == 'h' && s.clitic == "ה" &&
                    (n.digits || n.compound || n.scaled) && w != "היום" && w != "השנה" &&
                    w != "החודש" && w != "השבוע";
        // "13 מהדירות" (13 of the apartments): a part of a counted plural noun, not of a
        // measure ("3 מהשנים" stays out).
        const auto ends = [&](std::string_view x) {
          return w.size() > x.size() && w.substr(w.size() - x.size()) == x;
        };
        if (toks_[k].script == 'h' && s.clitic == "מה" && n.digits && s.e->unit != nullptr &&
            s.e->currency == nullptr && !TimeUnit(s.e->unit) && (ends("ים") || ends("ות"))) {
          clitic_ok = true;
        }
        // "בשבע השנים הבאות", "שלושת החודשים האחרונים": a number word before
        // a definite unit, when "next" or "last" follows (ששת הימים alone is a name).
        if (toks_[k].script == 'h' && s.clitic == "ה" && !n.digits && n.value >= 2 &&
            s.next < toks_.size()) {
          const std::string_view a = toks_[s.next].norm;
          // "מששת החודשים שבהם שהיתי": a relative clause on the noun makes it counted too.
          clitic_ok = clitic_ok || a == "הבאות" || a == "הבאים" || a == "האחרונות" ||
                      a == "האחרונים" || a == "הקרובות" || a == "הקרובים" || a == "הראשונות" ||
                      a == "הראשונים" || a == "שבהם" || a == "שבהן" || a == "שעברו" ||
                      a == "שחלפו" || a == "שבמהלכם" || a == "שבמהלכן";
        }
      }
      // "P 202,989 $ 195,610" (a ledger's row): a currency sign set apart from the number
      // before it and followed by another number is that number's prefix.
      const bool prefix_of_next =
          s && s.e->currency != nullptr && (s.e->flags & internal::kFigCurrencyPrefix) &&
          toks_[k].type != TokType::kWord && !Attached(k) && s.next < toks_.size() &&
          toks_[s.next].type == TokType::kNum && !toks_[s.next].para_before;
      if (s && attached_ok && clitic_ok && !prefix_of_next) {
        const FigureEntry& e = *s.e;
        if (e.currency != nullptr) {
          kind = FigureKind::kMoney;
          currency = e.currency;
          family = e.family;
          found = true;
          k = s.next;
          if (e.subunit > 0) value *= e.subunit;
        } else if (e.flags & internal::kFigPercent) {
          if (PercentEscape(s.next)) return s.next;  // "path=1%2C3": a web address
          kind = FigureKind::kPercent;
          found = true;
          k = s.next;
        } else if (e.flags & internal::kFigRatio) {
          // "802.1X", "802.11x": a standard's name, not a ratio of 802.
          const size_t dot = toks_[j].norm.find('.');
          if ((e.flags & internal::kFigAttachedOnly) && n.digits && dot != std::string::npos &&
              dot >= 3) {
            return s.next;
          }
          kind = FigureKind::kRatio;
          found = true;
          k = s.next;
        } else if (e.flags & internal::kFigTimes) {
          if (ComparativeNear(j, s.next)) {
            kind = FigureKind::kRatio;
            found = true;
            k = s.next;
          } else {
            return s.next;  // "called 5 times": a count, not a figure
          }
        } else if (e.unit != nullptr) {
          // The 1990s (TryDecadeDigits reads it when it is one); "1000s of users".
          const bool decade =
              toks_[k].norm == "s" &&
              (IsYear(j) || (Attached(k) && k + 1 < toks_.size() && toks_[k + 1].norm == "of"));
          // "3498 سنة 2011": the year word names the year after it.
          const bool year_named = std::string_view(e.unit) == "year" && IsYear(s.next, 1800);
          const bool label = (e.flags & internal::kFigCountedByOne) && value != 1;  // 5 שורה
          // "4 מקרי רצח" counts; "8 מיליון אזרחי המדינה" is "the state's
          // citizens", a number before a definite phrase, not a counted noun.
          const Tok* after = At(s.next);
          const bool definite_construct = (e.flags & internal::kFigDerived) && after != nullptr &&
                                          !after->para_before && after->script == 'h' &&
                                          after->norm.rfind("ה", 0) == 0;
          // "שבעה בתי מלון" (hotels), "בתי ספר", "בתי חולים": a compound of בתי is not houses.
          const bool compound_house = std::string_view(e.unit) == "house" &&
                                      toks_[k].norm == "בתי" && after != nullptr &&
                                      !after->para_before && after->script == 'h';
          // "107 killed", "60,000 dead", "500 wounded" count the casualties; "3 dead pixels"
          // and "2 killed processes" are adjectives of the noun after them.
          const bool adjective = (toks_[k].norm == "dead" || toks_[k].norm == "killed" ||
                                  toks_[k].norm == "wounded" || toks_[k].norm == "injured") &&
                                 after != nullptr && !after->para_before &&
                                 after->type == TokType::kWord && after->script == 'l' &&
                                 !after->cap && !IsLinkWord(after->norm);
          if ((n.digits || n.scaled || n.value >= 2) && !decade && !year_named && !label &&
              !definite_construct && !compound_house && !adjective) {
            unit = e.unit;
            if (e.subunit > 0) value *= e.subunit;  // "14 megapixel": 14,000,000 pixels
            // "512 בתים": the plural of "house" is also "bytes"; a power of two or a word of
            // data sizes near it says which ("500 בתים נהרסו" stays houses).
            if (unit == "house" && toks_[k].norm == "בתים" && n.digits && BytesNear(k, value)) {
              unit = "byte";
            }
            // "39K Download": a file's size on its download link ("39K downloads" counts).
            if (unit == "download" && toks_[k].norm == "download" && k >= 1 &&
                toks_[k - 1].norm == "k" && toks_[k - 1].upper && Attached(k - 1) &&
                value == n.value * 1000) {
              value = n.value;
              unit = "KB";
            }
            found = true;
            k = s.next;
            // "34 House seats": a capitalized unit word that names something (the House)
            // before a lower-case noun of the lexicon is that noun's modifier; the noun is
            // what the number counts ("3 month contract", in lower case, keeps the month).
            // A capital inside the word ("2 MiB pages") makes it a symbol of measure instead.
            const auto name_case = [&](const Tok& w) {
              for (uint32_t c = w.start + 1; c < w.end; ++c) {
                if (text_[c] >= 'A' && text_[c] <= 'Z') return false;
              }
              return w.cap && !w.upper;
            };
            if (toks_[k - 1].script == 'l' && name_case(toks_[k - 1]) && k < toks_.size() &&
                !toks_[k].para_before && !Attached(k) && toks_[k].type == TokType::kWord &&
                toks_[k].script == 'l' && !toks_[k].cap) {
              if (const Hit h2 = Lookup(k, [](const FigureEntry& x) {
                    return x.unit != nullptr && x.count == 0 && x.currency == nullptr &&
                           (x.flags & internal::kFigAttachedOnly) == 0;
                  })) {
                unit = h2.e->unit;
                k = h2.next;
              }
            }
            // "21 email addresses", "the last 2 record labels": a singular count noun before a
            // lower-case plural is that noun's modifier. The plural is what the number counts:
            // a unit of the vocabulary ("3 email accounts") or, outside it, no figure. Measures
            // keep their number ("3 month contract", "15 year terms").
            if (value >= 2 && k < toks_.size() && toks_[k - 1].script == 'l' && !toks_[k - 1].cap &&
                toks_[k - 1].norm.back() != 's' && !IsMeasure(unit) && unit != "killed" &&
                unit != "wounded" && !toks_[k].para_before && !Attached(k) &&
                toks_[k].type == TokType::kWord && toks_[k].script == 'l' && !toks_[k].cap &&
                PluralNoun(toks_[k].norm)) {
              if (const Hit h2 = Lookup(k, [](const FigureEntry& x) {
                    return x.unit != nullptr && x.count == 0 && x.currency == nullptr &&
                           (x.flags & internal::kFigAttachedOnly) == 0;
                  })) {
                unit = h2.e->unit;
                k = h2.next;
              } else {
                return k + 1;
              }
            }
            // "1 ج.بايت/ث": a data size per second (ثانية) is a rate, as written.
            if ((unit == "KB" || unit == "MB" || unit == "GB") && IsPunct(k, "/") && Attached(k) &&
                Attached(k + 1) && toks_[k + 1].norm == "ث") {
              unit += "/s";
              k += 2;
            }
            // "3 ساعات ونصف", "5 שנים וחצי": a half or quarter after the unit.
            if (const Hit h = Lookup(k, [](const FigureEntry& x) { return Fraction(x) > 0; });
                h && !n.scaled && k < toks_.size() && !toks_[k].para_before) {
              value += Fraction(*h.e);
              k = h.next;
            }
          }
        }
        if (found) end = toks_[k - 1].end;
      }
    }
    if (found && kind == FigureKind::kMoney && family != nullptr) {
      // Country adjective: دينار كويتي, ريال سعودي, دولار أمريكي.
      if (k < toks_.size() && toks_[k].type == TokType::kWord && toks_[k].space_before) {
        std::string_view adj = toks_[k].norm;
        if (adj.substr(0, 4) == "ال") adj.remove_prefix(4);
        if (const char* code = internal::CurrencyForAdjective(family, adj)) {
          currency = code;
          end = toks_[k].end;
          ++k;
        }
      }
      if (std::string_view(currency).empty()) unit = family;
    }
    if (!found && n.digits && PhraseBefore(i, internal::kFigPercentBefore)) {
      const bool to = WordIs(k, {"إلى", "الى"}) && k + 1 < toks_.size() && !toks_[k].para_before &&
                      !toks_[k + 1].para_before;
      if (to && IsInt(toks_[k + 1]) && IntValue(toks_[k + 1]) == 1 &&
          (k + 2 >= toks_.size() || toks_[k + 2].type != TokType::kNum) &&
          !FollowedByAmountWord(k + 2)) {
        // "بنسبة 20 إلى 1": twenty to one is a ratio, not a percent.
        kind = FigureKind::kRatio;
        found = true;
        k += 2;
        end = toks_[k - 1].end;
      } else if (!(to && toks_[k + 1].type == TokType::kNum && UnitAfterNumber(k + 1))) {
        // "بنسبة 0.3 إلى 0.6 درجة مئوية": a unit after the range's other end says what
        // both numbers are; the word "by a rate of" does not make them percents.
        kind = FigureKind::kPercent;
        found = true;
      }
    }
    // "2 billion temporary files": one English adjective between the scale word and its unit.
    // A determiner there opens a time adverbial instead ("sold 1.2 million last year", "12
    // million this month"): the count is bare.
    if (!found && n.scaled && currency == nullptr && k + 1 < toks_.size() &&
        toks_[k].type == TokType::kWord && toks_[k].script == 'l' && !toks_[k].cap &&
        !toks_[k].para_before && !toks_[k + 1].para_before && toks_[k + 1].space_before &&
        !WordIs(k, {"last", "next", "this", "that", "every", "each", "previous", "past",
                    "following", "coming", "same"}) &&
        !Lookup(k, [](const FigureEntry&) { return true; })) {
      if (const Hit u = Lookup(
              k + 1, [](const FigureEntry& e) { return e.unit != nullptr && e.count == 0; }, false);
          u && !(u.e->flags & internal::kFigAttachedOnly)) {
        // "1.4 million elementary school teachers": a singular noun before a lowercase plural
        // is the plural's modifier; the plural is what is counted (a unit of the vocabulary
        // or, outside it, nothing: the count stays bare).
        const Tok* head = At(u.next);
        const bool modifier = !IsMeasure(u.e->unit) && toks_[k + 1].norm.back() != 's' &&
                              head != nullptr && !head->para_before && !Attached(u.next) &&
                              head->type == TokType::kWord && head->script == 'l' && !head->cap &&
                              PluralNoun(head->norm);
        if (!modifier) {
          unit = u.e->unit;
          found = true;
          k = u.next;
          end = toks_[k - 1].end;
        } else if (const Hit h2 = Lookup(u.next, [](const FigureEntry& x) {
                     return x.unit != nullptr && x.count == 0 && x.currency == nullptr &&
                            (x.flags & internal::kFigAttachedOnly) == 0;
                   })) {
          unit = h2.e->unit;
          found = true;
          k = h2.next;
          end = toks_[k - 1].end;
        }
      }
    }
    // "13 other members", "7 US soldiers", "2 more days", "20 free minutes": a word that
    // qualifies the count between the number and its unit.
    if (!found && n.digits && currency == nullptr && k + 1 < toks_.size() &&
        toks_[k].type == TokType::kWord && toks_[k].script == 'l' && !toks_[k].para_before &&
        !toks_[k + 1].para_before && toks_[k + 1].space_before && toks_[k].space_before) {
      const std::string& w = toks_[k].norm;
      const bool qualifier =
          w == "other" || w == "more" || w == "additional" || w == "extra" || w == "further" ||
          w == "armed" || w == "free" ||
          (toks_[k].upper && w.size() >= 2 && w.size() <= 3 && !BeforeCommonEra(k) && w != "ad" &&
           w != "am" && w != "pm") ||
          // "4 Iraqi soldiers", "200 Palestinian prisoners": a nationality
          // (by its endings) after a number that is no year.
          (toks_[k].cap && !toks_[k].upper && w.size() >= 4 && !IsYear(j, 1000) && Demonym(w));
      if (const Hit u = qualifier ? Lookup(
                                        k + 1,
                                        [](const FigureEntry& e) {
                                          return e.unit != nullptr && e.count == 0;
                                        },
                                        false)
                                  : Hit();
          u && !(u.e->flags & internal::kFigAttachedOnly) && toks_[k + 1].norm.size() > 2) {
        unit = u.e->unit;
        found = true;
        k = u.next;
        end = toks_[k - 1].end;
      }
    }
    // "some 100,000 United Nations peacekeepers", "2 Google Cloud instances": a name of two
    // capitalized words between a count that is no year and its plural unit.
    if (!found && (n.digits || n.value >= 2) && currency == nullptr && !IsYear(j, 1000) &&
        k + 1 < toks_.size()) {
      const auto name_word = [&](size_t q) {
        const Tok& w = toks_[q];
        return !w.para_before && w.space_before && w.type == TokType::kWord && w.script == 'l' &&
               w.cap && !w.upper && w.norm.size() >= 3;
      };
      // "four Tesco accounts": a name of one word too.
      for (size_t words : {size_t{2}, size_t{1}}) {
        const size_t u_at = k + words;
        if (found || u_at >= toks_.size() || !name_word(k) || (words == 2 && !name_word(k + 1)) ||
            toks_[u_at].para_before || toks_[u_at].norm.size() <= 3 ||
            toks_[u_at].norm.back() != 's' || toks_[u_at].cap) {
          continue;
        }
        if (const Hit u = Lookup(
                u_at, [](const FigureEntry& e) { return e.unit != nullptr && e.count == 0; },
                false);
            u && !(u.e->flags & internal::kFigAttachedOnly) && u.next == u_at + 1) {
          unit = u.e->unit;
          found = true;
          k = u.next;
          end = toks_[k - 1].end;
        }
      }
    }
    // "whose 15,000-strong Badr Corps paramilitary", "a 3,000-strong force": a count joined to
    // "strong" is soldiers when a word of armed forces follows within four words (test16's
    // convention); "a 200-strong crowd" stays out.
    if (!found && n.digits && currency == nullptr && k + 2 < toks_.size() && IsPunct(k, "-") &&
        Attached(k) && Attached(k + 1) && toks_[k + 1].norm == "strong") {
      static constexpr std::string_view kForces[] = {
          "force",    "forces",     "army",         "armies",    "militia",    "militias",
          "corps",    "brigade",    "brigades",     "battalion", "battalions", "division",
          "garrison", "contingent", "paramilitary", "troops",    "regiment",   "legion"};
      // Quotation marks and an ordinal may stand in the name ('the 5,000-strong "55th
      // Brigade"'); other punctuation ends the phrase.
      for (size_t q = k + 2; q < k + 8 && q < toks_.size() && !toks_[q].para_before; ++q) {
        if (toks_[q].type == TokType::kPunct &&
            (toks_[q].norm == "\"" || toks_[q].norm == "\u201c" || toks_[q].norm == "'")) {
          continue;
        }
        if (toks_[q].type == TokType::kNum) continue;
        if (toks_[q].type != TokType::kWord) break;
        if (std::find(std::begin(kForces), std::end(kForces), toks_[q].norm) != std::end(kForces)) {
          unit = "soldier";
          found = true;
          end = toks_[k + 1].end;
          k += 2;
          break;
        }
      }
    }
    // "the temperature is kept up to 110 F": a capital F or C after a number is degrees where
    // "temperature" is among the six words before it (test16's convention); news joins it to
    // the digits ("global temperatures under 2C").
    if (!found && n.digits && currency == nullptr && k < toks_.size() && !toks_[k].para_before &&
        toks_[k].upper && (toks_[k].norm == "f" || toks_[k].norm == "c") &&
        !(k + 1 < toks_.size() && Attached(k + 1) && toks_[k + 1].type != TokType::kPunct)) {
      if (TemperatureWordBefore(i)) {
        unit = "degree";
        found = true;
        end = toks_[k].end;
        ++k;
      }
    }
    // "(pop. 256,000)": a town's population.
    if (!found && n.digits && j == i && i >= 2 && IsPunct(i - 1, ".") && Attached(i - 1) &&
        toks_[i - 2].norm == "pop") {
      unit = "person";
      found = true;
    }
    // "a population of around 20000", "its population is stable at 53 million": the number
    // after "population" and its linking words counts persons (test12's convention).
    if (!found && (n.digits || n.scaled) && currency == nullptr &&
        !(IsYear(j, 1000) && !n.scaled) && PopulationBefore(i)) {
      unit = "person";
      found = true;
    }
    // 19 ألف, three million: a quantity; "مائة متسابق" (a hundred) is just a number.
    // A scale word alone ("בן אלף זונות", "אחד למיליון", the verb ألف "wrote")
    // is an idiom or another word unless a unit or currency follows.
    if (!found && n.scaled && value >= 1000 && !(n.scale_alone && value == n.value)) found = true;
    // "أكثر من ألف تطبيق", "more than a thousand": after "more/less than" a scale
    // word alone is the amount, not an idiom.
    if (!found && n.scaled && n.scale_alone && value == n.value && value >= 1000 && i >= 2 &&
        !toks_[i].para_before) {
      const std::string& a = toks_[i - 2].norm;
      const std::string& b = toks_[i - 1].norm;
      if ((b == "من" && (a == "اكثر" || a == "ازيد" || a == "اقل")) ||
          (b == "than" && (a == "more" || a == "less" || a == "fewer"))) {
        found = true;
      }
    }
    // "למעלה ממיליארד מכשירים", "יותר ממיליון", "מעל מיליון": the Hebrew "more/less than"
    // (the "than" a clitic on the scale word, or "מעל" before it) as the Arabic and English.
    if (!found && n.scaled && n.scale_alone && value == n.value && value >= 1000 && i >= 1 &&
        toks_[i].script == 'h' && !toks_[i].para_before) {
      const std::string& b = toks_[i - 1].norm;
      const std::string& w = toks_[i].norm;
      const std::string_view rest =
          w.rfind("מ", 0) == 0 ? std::string_view(w).substr(std::string_view("מ").size()) : "";
      // Not "אלף": "יותר מאלף מילים" is the proverb's picture (the Hebrew speed text).
      const bool than = !n.approx && (rest == "מיליון" || rest == "מיליארד");
      if ((than && (b == "יותר" || b == "למעלה" || b == "פחות")) ||
          (!than && (b == "מעל" || b == "מעבר"))) {
        found = true;
      }
    }
    // "כאלף רצפות" (about a thousand tiles): the approximating clitic makes a Hebrew scale
    // word alone an amount of the noun after it, known or not.
    if (!found && n.scaled && n.scale_alone && n.approx && value == n.value && value >= 1000 &&
        toks_[i].script == 'h' && k < toks_.size() && !toks_[k].para_before &&
        toks_[k].type == TokType::kWord && toks_[k].script == 'h') {
      found = true;
    }
    // "استقطبت حوالي مليون مشارك", "قرابة ألف متظاهر": so does an approximation word before an
    // Arabic scale word alone (the verb ألف takes none).
    if (!found && n.scaled && n.scale_alone && approx_before && value == n.value && value >= 1000 &&
        toks_[i].script == 'a' && k < toks_.size() && !toks_[k].para_before &&
        toks_[k].type == TokType::kWord && toks_[k].script == 'a') {
      found = true;
    }
    if (!found && !ratio_before && n.digits && start == toks_[i].start) {
      if (const char* u = CountedNounBefore(i)) {  // عدد المقاعد 3
        unit = u;
        found = true;
      }
    }
    if (!found && !ratio_before) {
      if (dash_sign) start = toks_[i - 1].start;
      return TryNumberRange(i, start, k, dash_sign ? -value : value, n,
                            n.digits && toks_[j].norm == "0");
    }
    if (value <= 0 && (!n.digits || toks_[j].norm.size() > 1)) return k;  // "000" is a group
    if (kind == FigureKind::kQuantity && NotAnAmount(i, k, value, unit)) return k;
    if (kind == FigureKind::kQuantity && unit == "minute" && ClockMinutes(i)) return k;
    if (kind == FigureKind::kQuantity && unit.empty() && n.digits && start == toks_[i].start) {
      if (const char* u = CountedNounBefore(i)) unit = u;  // عدد السكان 5 ملايين
    }
    // "מינוס 18 מעלות", "minus 5 percent": a sign written as a word before degrees or a
    // percentage ("the current time minus 35 days" is arithmetic).
    if (((kind == FigureKind::kQuantity && unit == "degree") || kind == FigureKind::kPercent) &&
        j == i && i > 0 && !toks_[i].para_before && toks_[i - 1].type == TokType::kWord) {
      const std::string_view w = toks_[i - 1].norm;
      const bool minus = w == "minus" || w == "سالب" || w == "ناقص" || CliticsThen(w, "מינוס");
      if (minus && value > 0 && (i < 2 || toks_[i - 2].type != TokType::kNum)) {
        value = -value;
        // The word's own clitics (במינוס) stay out of the figure.
        start = toks_[i - 1].script == 'h' ? OffsetAfter(i - 1, w.size() - 10) : toks_[i - 1].start;
      }
    }
    if (dash_sign && value > 0 &&
        ((kind == FigureKind::kQuantity && unit == "degree") || kind == FigureKind::kPercent)) {
      value = -value;
      start = toks_[i - 1].start;
    }
    // "40 degrees below zero": the sign written after the unit.
    if (kind == FigureKind::kQuantity && unit == "degree" && value > 0 && k + 1 < toks_.size() &&
        toks_[k].norm == "below" && toks_[k + 1].norm == "zero" && !toks_[k].para_before &&
        !toks_[k + 1].para_before) {
      value = -value;
    }
    // "504.030 كم²", "309.500 كم²": in Arabic a dot before exactly three digits groups
    // thousands before a unit of area or a count of people (test16's and test18's
    // convention: no country's area or head count has three decimals); before a scale word
    // it stays a decimal point ("1.338 مليار"), and so does one after a lone 0 ("0.125 كم²":
    // a small island; grouping never leaves a leading zero).
    if (kind == FigureKind::kQuantity && n.digits && !n.scaled && j + 1 < toks_.size() &&
        toks_[j + 1].script == 'a' && (unit == "km2" || unit == "mi2" || unit == "person")) {
      const std::string& w = toks_[j].norm;
      const size_t dot = w.find('.');
      if (dot >= 1 && dot <= 3 && w[0] != '0' && w.size() == dot + 4 &&
          w.find_first_not_of("0123456789", dot + 1) == std::string::npos &&
          w.find_first_not_of("0123456789") == dot) {
        value = std::strtod((w.substr(0, dot) + w.substr(dot + 1)).c_str(), nullptr);
      }
    }
    bool approx = approx_before;
    if (const Hit a = Lookup(
            k, [](const FigureEntry& e) { return (e.flags & internal::kFigApproxAfter) != 0; });
        a && !toks_[k].para_before) {
      approx = true;
    }
    Emit(kind, start, end, [&](Figure* f) {
      f->value = value;
      f->unit = unit;
      f->currency = currency != nullptr ? currency : "";
      f->approx = approx;
    });
    last_scale_used_ = scale_used;
    // "killed more than 70,000 people in Merv and more than 190,000 in Nishapur": a bare
    // number after "and" that repeats the first's preposition before another capitalized
    // place shares its noun (the parallel phrase leaves no room for another unit).
    if (kind == FigureKind::kQuantity && !unit.empty() && n.digits && k + 2 < toks_.size() &&
        toks_[k].script == 'l' && !toks_[k].para_before && WordIs(k, {"in", "at", "from", "on"})) {
      size_t c = k + 1;
      while (c < toks_.size() && c < k + 5 && !toks_[c].para_before &&
             toks_[c].type == TokType::kWord && toks_[c].script == 'l' && toks_[c].cap) {
        ++c;
      }
      if (c > k + 1 && c + 2 < toks_.size() && toks_[c].norm == "and" && !toks_[c].para_before) {
        const size_t q = SkipEnglishHedge(c + 1);
        double v2 = 0;
        size_t skip = 0;
        if (q + 2 < toks_.size() && !toks_[q].para_before && toks_[q].type == TokType::kNum &&
            ParseDigits(toks_[q].norm, &v2) && !IsYear(q, 1000) && !LooksAlike(q, &skip) &&
            !toks_[q + 1].para_before && toks_[q + 1].norm == toks_[k].norm && toks_[q + 2].cap &&
            !toks_[q + 2].para_before) {
          Emit(kind, toks_[q].start, toks_[q].end, [&](Figure* f) {
            f->value = v2;
            f->unit = unit;
          });
          return q + 1;
        }
      }
    }
    // "بسعة 90 دقيقة أو 100", "10 minutes or 15": a bare larger number after "or" shares the
    // unit; so does the whole after "out of" ("17 שנות מאסר מתוך 18", "90 مقعدا من أصل 395").
    // A Hebrew construct may complete the unit first ("שנות מאסר מתוך 18").
    const size_t out_of =
        OutOf(k) > 0
            ? OutOf(k)
            : (k < toks_.size() && toks_[k].script == 'h' && toks_[k].space_before ? OutOf(k + 1)
                                                                                   : 0);
    const size_t k1 = out_of > k ? out_of - 1 : k;
    if (kind == FigureKind::kQuantity && !unit.empty() && n.digits && k1 + 1 < toks_.size() &&
        !toks_[k1 + 1].para_before && (IsOr(toks_[k].norm) || out_of > k) &&
        toks_[k1 + 1].type == TokType::kNum && IsInt(toks_[k1 + 1]) && !IsYear(k1 + 1, 1800) &&
        // "2 weeks or 3 and test": a word of the lexicon after the bare number makes it
        // something else ("or 3 dollars"), but not a clause's "and" or "or".
        !(k1 + 2 < toks_.size() && !toks_[k1 + 2].para_before && toks_[k1 + 2].norm != "and" &&
          !IsOr(toks_[k1 + 2].norm) && Lookup(k1 + 2, [](const FigureEntry&) { return true; }))) {
      double v2 = 0;
      size_t skip = 0;
      if (ParseDigits(toks_[k1 + 1].norm, &v2) && v2 > value && !LooksAlike(k1 + 1, &skip) &&
          !IsPunct(k1 + 2, "%") && !IsPunct(k1 + 2, "-")) {
        // "about 2 weeks or 3": the hedge covers both bounds; "close to 17 years out of 18"
        // hedges the part only.
        const bool hedged = approx && out_of <= k;
        Emit(kind, toks_[k1 + 1].start, toks_[k1 + 1].end, [&](Figure* f) {
          f->value = v2;
          f->unit = unit;
          f->approx = hedged;
        });
        return k1 + 2;
      }
    }
    // "שנתיים-שלוש", "يومين أو ثلاثة": a dual unit word, then the upper bound
    // as a bare number word; the bound takes the unit.
    if (n.unit_entry && k + 1 < toks_.size() && !toks_[k + 1].para_before &&
        (IsPunct(k, "-") || toks_[k].norm == "او" || toks_[k].norm == "או")) {
      if (const Hit b = Lookup(k + 1,
                               [](const FigureEntry& e) {
                                 return e.number > 2 && e.number < 100 && e.scale == 0 &&
                                        e.unit == nullptr;
                               });
          b && b.clitic.empty() && !FollowedByAmountWord(b.next) &&
          !Lookup(b.next, [](const FigureEntry& e) {
            return (e.flags & (internal::kFigTimes | internal::kFigRatio)) != 0;
          })) {
        const double upper = b.e->number;
        Emit(kind, b.start, toks_[b.next - 1].end, [&](Figure* f) {
          f->value = upper;
          f->unit = unit;
        });
        return b.next;
      }
    }
    return k;
  }

  // An Arabic number written in words and joined by "and" at token j ("وخمسين", "و خمسمائة",
  // "وخمسة وعشرين", "ومائة وعشرين"), below `below`: its value and, in *next, the token after
  // it; 0 if there is none.
  double ArabicAndPart(size_t j, double below, size_t* next) const {
    if (j >= toks_.size() || toks_[j].para_before || toks_[j].script != 'a' ||
        toks_[j].type != TokType::kWord) {
      return 0;
    }
    size_t w = j;
    const bool apart = toks_[j].norm == "و";
    if (apart) {
      w = j + 1;
      if (w >= toks_.size() || toks_[w].para_before || toks_[w].script != 'a') return 0;
    } else if (toks_[j].norm.rfind("و", 0) != 0) {
      return 0;
    }
    const Hit h = Lookup(w, [](const FigureEntry& e) {
      return (e.number >= 2 && e.number < 1000 && e.unit == nullptr &&
              !(e.flags & internal::kFigBeforeScaleOnly)) ||
             (e.scale == 100 && e.count == 0 && !(e.flags & internal::kFigPluralScale));
    });
    if (!h || h.clitic != (apart ? "" : "و")) return 0;
    double v = h.e->number > 0 ? h.e->number : 100;
    // Parts only grow, so one not below `below` ends here: a run of hundreds ("وخمسمائة
    // وخمسمائة …") never recurses deeper than one level.
    if (v >= below) return 0;
    size_t e = h.next;
    if (v >= 100) {
      size_t e2 = 0;
      if (const double rest = ArabicAndPart(e, 100, &e2); rest > 0) {
        v += rest;
        e = e2;
      }
    } else if (v <= 9 && e < toks_.size() && !toks_[e].para_before && toks_[e].script == 'a') {
      const Hit tens = Lookup(e, [](const FigureEntry& x) {
        return x.number >= 20 && x.number < 100 && std::fmod(x.number, 10) == 0;
      });
      if (tens && tens.clitic == "و") {
        v += tens.e->number;
        e = tens.next;
      }
    }
    if (v >= below) return 0;
    *next = e;
    return v;
  }

  // "15 ألفا و200", "3 ملايين و500 ألف", "מיליון ו-200 אלף": a smaller
  // number joined by "and" after a scaled one is added to it.
  size_t AddCompound(size_t k, double last_scale, double* value) const {
    // "15 مليون و 702 ألف و 592": each part smaller than the one before.
    for (int round = 0; round < 3; ++round) {
      double scale = 0;
      const size_t next = AddCompoundPart(k, last_scale, round > 0, value, &scale);
      if (next == k) break;
      k = next;
      if (scale == 0) break;
      last_scale = scale;
    }
    return k;
  }

  // "two million and five hundred", "two million five hundred thousand", "3 ملايين وخمسمائة
  // ألف": a part read up to token e takes its own scale words, rising, the whole smaller than
  // the scale before it, and is added to *value; returns the token after it. "three million and
  // five million copies": a part with the scale of the one before "and" is a second figure,
  // not a part of the first (k is returned).
  size_t AddScaledPart(size_t k, double part, size_t e, double last_scale, double* value,
                       double* scale_out) const {
    double part_scale = 0;
    while (e < toks_.size() && !toks_[e].para_before) {
      const Hit sc = Lookup(e, [](const FigureEntry& x) { return x.scale > 0; });
      if (!sc || (sc.e->flags & internal::kFigAttachedOnly) || sc.e->scale <= part_scale ||
          part * sc.e->scale >= last_scale) {
        break;
      }
      part *= sc.e->scale;
      part_scale = sc.e->scale;
      e = sc.next;
    }
    if (e < toks_.size() && !toks_[e].para_before) {
      if (const Hit sc = Lookup(e, [](const FigureEntry& x) { return x.scale > 0; });
          sc && sc.e->scale == last_scale) {
        return k;
      }
    }
    *value += part;
    *scale_out = part_scale;
    return e;
  }

  size_t AddCompoundPart(size_t k, double last_scale, bool chained, double* value,
                         double* scale_out) const {
    if (k >= toks_.size() || toks_[k].para_before) return k;
    // "ألف وخمسمائة", "مائة وخمسين", "3 ملايين وخمسمائة ألف": Arabic number words after
    // "and", each part with its own scale words, smaller than the scale before it.
    if (size_t e = 0; toks_[k].script == 'a') {
      if (const double part = ArabicAndPart(k, last_scale, &e); part > 0) {
        return AddScaledPart(k, part, e, last_scale, value, scale_out);
      }
    }
    size_t j = k;
    const Tok& t = toks_[k];
    if (t.type == TokType::kWord && (t.norm == "و" || t.norm == "ו") && j + 1 < toks_.size()) {
      ++j;
      if (IsPunct(j, "-") && Attached(j)) ++j;
    } else if (t.type == TokType::kWord && t.script == 'l' && !chained) {
      // "one hundred and fifty", "two thousand twenty-one": English number words after a
      // scale word, "and" between them or not, each smaller than the scale.
      if (t.norm == "and") ++j;
      Num m;
      size_t skip = 0;
      if (j >= toks_.size() || toks_[j].para_before || toks_[j].type != TokType::kWord ||
          toks_[j].script != 'l' || !ParseNumber(j, &m, &skip) || m.digits || m.scaled ||
          m.before_scale_only || m.unit_entry != nullptr || m.ratio_word || m.value < 1 ||
          m.value >= last_scale || std::floor(m.value) != m.value) {
        return k;
      }
      return AddScaledPart(k, m.value, m.next, last_scale, value, scale_out);
    } else {
      return k;
    }
    if (j >= toks_.size() || toks_[j].type != TokType::kNum) return k;
    double add = 0;
    if (!ParseDigits(toks_[j].norm, &add)) return k;
    size_t e = j + 1;
    double scale = 0;
    if (const Hit s = Lookup(e, [](const FigureEntry& x) { return x.scale > 0; });
        s && !(s.e->flags & internal::kFigAttachedOnly)) {
      scale = s.e->scale;
      add *= scale;
      e = s.next;
    }
    // "و 702 ألف" with a space is a part only when a scale word or an earlier
    // part shows the chain ("مليون و 200 شخص" may be two things).
    // After a thousand the chain is the common way to write the number ("16 ألفا و 392
    // صوتا").
    if (j == k + 1 && !Attached(j) && scale == 0 && !chained && last_scale != 1000) return k;
    if (add <= 0 || add >= last_scale) return k;
    *value += add;
    *scale_out = scale;
    return e;
  }

  // Bytes of the "و" joined to a number word at k that follows the number word at i after
  // "بين" ("بين ثلاثين وأربعين"), else 0.
  uint32_t ArabicAndNumberWord(size_t i, size_t k, const Num& n) const {
    if (n.digits || toks_[k].script != 'a' || toks_[k].norm.rfind("و", 0) != 0 || i == 0 ||
        !IsBetween(i - 1)) {
      return 0;
    }
    const Hit w = Lookup(k, [](const FigureEntry& e) { return e.number >= 2; });
    return w && w.clitic == "و" ? static_cast<uint32_t>(w.start - toks_[k].start) : 0;
  }

  // Whether the number at token i carries the Hebrew "from" as a clitic set apart ("מ-0",
  // "ומ-5"): the opener of "מ-X ל-Y".
  bool HebrewFromBefore(size_t i) const {
    if (i < 2 || toks_[i].para_before || !IsPunct(i - 1, "-") || !Attached(i) || !Attached(i - 1)) {
      return false;
    }
    const std::string& w = toks_[i - 2].norm;
    return w == "מ" || w == "ומ";
  }

  // "10-15 שנים", "five to ten years", "بين 3 و5 ملايين دولار": the first
  // number of a range takes the unit (and the scale, if it has none) of the
  // figure that ends the range, and becomes a figure of its own.
  // "14 x 11 inches", "18 × 13 ס״מ": both sides of a dimension take the unit.
  // A range may start at zero ("0-30 ימים"); `zero` says the first number is a written 0.
  size_t TryNumberRange(size_t i, uint32_t start, size_t k, double value, const Num& n, bool zero) {
    // A negative first bound had its minus sign read by the caller ("-20 and -40 degrees").
    const bool negative = value < 0;
    if (n.unit_entry || (value == 0 && !zero) || k >= toks_.size() || toks_[k].para_before) {
      return n.next;
    }
    size_t k2 = k;
    bool dimension = false;
    bool word_connector = false;
    bool coordinated = false;
    bool enumerated = false;  // the connector was "and" or "or", not a comma alone
    uint32_t and_clitic = 0;  // bytes of the "و" on the second number word
    if (IsPunct(k, "-")) {
      k2 = k + 1;
    } else if (IsPunct(k, "/") && n.digits && i > 0 && IsBetween(i - 1) && !toks_[i].para_before &&
               Attached(k) == Attached(k + 1) && k + 1 < toks_.size() &&
               toks_[k + 1].type == TokType::kNum) {
      // "مابين 15 / 29 سنة": after "between" a slash joins the two ends as a dash does.
      k2 = k + 1;
    } else if ((toks_[k].norm == "x" || toks_[k].norm == "×") && k + 1 < toks_.size() &&
               toks_[k].space_before == toks_[k + 1].space_before &&
               toks_[k + 1].type == TokType::kNum) {
      k2 = k + 1;
      dimension = true;
    } else if (toks_[k].norm == "על" && n.digits && k + 1 < toks_.size() &&
               toks_[k + 1].type == TokType::kNum && !toks_[k + 1].para_before) {
      // "7 על 4 מטרים": Hebrew writes a dimension with "by" (the unit still decides).
      k2 = k + 1;
      dimension = true;
    } else if (const size_t o = OutOf(k); o > k && n.digits) {
      // "4 מתוך 6 שנות המאסר", "3 out of 5 days": the part takes the whole's unit.
      k2 = o;
      word_connector = true;
    } else if (const size_t q = IsPunct(k, "\"") && Attached(k) ? k + 1 : k;
               n.digits && CliticHas(CliticBefore(i), "ب") && q + 2 < toks_.size() &&
               toks_[q].norm == "من" && toks_[q + 1].norm == "اصل" && !toks_[q + 1].para_before &&
               toks_[q + 2].type == TokType::kNum) {
      // "بـ80 من أصل 395 مقعدا", "بـ80\" من أصل 395" (a quotation closed after it): so does
      // the Arabic part a party won "with", the whole keeping its own figure (OutOf says why
      // not the reverse). A bare part ("أي 9 من أصل 19 عضوا") repeats a count told before.
      k2 = q + 2;
      word_connector = true;
    } else if (const Hit c = Lookup(
                   k,
                   [&](const FigureEntry& e) {
                     return (e.flags & internal::kFigRangeTo) != 0 ||
                            ((e.flags & internal::kFigRangeAnd) != 0 && i > 0 &&
                             (IsBetween(i - 1) ||
                              // "מ-0 ל-100 קמ"ש": the Hebrew "from" clitic opens it as "בין"
                              // does, and "ל" ("to") is its connector.
                              ((e.flags & internal::kFigRangeTo) == 0 && toks_[k].script == 'h' &&
                               HebrewFromBefore(i))));
                   },
                   false)) {
      k2 = c.next;
      word_connector = true;
    } else if (const uint32_t c = ArabicAndNumberWord(i, k, n)) {
      // "بين ثلاثين وأربعين رجلاً": Arabic writes "and" on the second number word.
      k2 = k;
      word_connector = true;
      and_clitic = c;
    } else if ((n.digits || IsOr(toks_[k < toks_.size() ? k : i].norm)) && !PlainLabelBefore(i)) {
      // "6 or 8 bytes", "90 או 100 דקות", "1, 5, and 15 minute": numbers joined by "or",
      // "and" or a comma share the unit of the last one. Number words too, joined by "or"
      // ("שניים או שלושה קבצים").
      size_t c = k;
      const bool comma = IsPunct(c, ",");
      if (comma) ++c;
      // "2.4 و 5 غيغاهرتز", "687 و760 نانومتر": Arabic "and" between digits. Not after a year
      // word or "في" before a year ("بين عامي 1260 و1264 دولار", "في 1250 و 1300 متر"): the
      // first number is then a year, not a measure.
      const bool arabic_and = c < toks_.size() && toks_[c].norm == "و" && !ArabicYearCue(i);
      if (c < toks_.size() && (IsOr(toks_[c].norm) || toks_[c].norm == "and" || arabic_and)) {
        ++c;
        enumerated = true;
        c = SkipEnglishHedge(c);  // "10,000 and as many as 300,000 people"
      } else if (!comma) {
        return n.next;
      }
      if (negative && IsPunct(c, "-") && c + 1 < toks_.size() && Attached(c + 1)) ++c;
      const bool number_word = !n.digits && c < toks_.size() && toks_[c].type == TokType::kWord &&
                               Lookup(c, [](const FigureEntry& e) {
                                 return e.number >= 2 && !(e.flags & internal::kFigBeforeScaleOnly);
                               });
      // "nine or 10 feet": a number word, "or", then digits.
      const bool word_or_digits = !n.digits && enumerated && IsOr(toks_[c - 1].norm) &&
                                  c < toks_.size() && toks_[c].type == TokType::kNum;
      if (c >= toks_.size() || (toks_[c].type != TokType::kNum && !number_word) ||
          (!n.digits && !number_word && !word_or_digits) || toks_[c].para_before) {
        return n.next;
      }
      k2 = c;
      coordinated = true;
    } else {
      return n.next;
    }
    // "בין 200 ל - 250": a hyphen set apart after the connector.
    if (word_connector && IsPunct(k2, "-") && k2 + 1 < toks_.size() &&
        toks_[k2 + 1].type == TokType::kNum && toks_[k2 + 1].space_before) {
      ++k2;
    }
    if (negative && IsPunct(k2, "-") && k2 + 1 < toks_.size() && Attached(k2 + 1) &&
        toks_[k2 + 1].type == TokType::kNum) {
      ++k2;  // the second bound's own minus sign
    }
    if (k2 >= toks_.size() || toks_[k2].para_before) return n.next;
    // The second number may carry the connector as a clitic: ו-15, ל-15, و15.
    size_t first_num = k2;
    if (toks_[k2].type == TokType::kWord &&
        (AllHebrewClitics(toks_[k2].norm) || AllArabicClitics(toks_[k2].norm))) {
      first_num = k2 + 1;
      if (IsPunct(first_num, "-")) ++first_num;
      if (first_num >= toks_.size() || toks_[first_num].type != TokType::kNum) return n.next;
    }
    // TryAmount comes back here for the next item of a list or chain: past a depth the chain
    // stops, and Step starts again at the next number, so no input can exhaust the stack.
    if (range_depth_ >= kMaxRangeDepth) return n.next;
    const size_t before = out_.size();
    ++range_depth_;
    const size_t next = TryAmount(first_num);
    --range_depth_;
    // The figure that starts at the second number (a list may have emitted more after it).
    size_t at = before;
    const uint32_t second_start = negative && IsPunct(first_num - 1, "-")
                                      ? toks_[first_num - 1].start
                                      : toks_[first_num].start;
    while (at < out_.size() && out_[at].start < second_start) ++at;
    if (at == out_.size() || (!coordinated && out_.size() != before + 1)) {
      return next > n.next ? next : n.next;
    }
    const Figure second = out_[at];
    // "5, 10 or 20 euros", "12,000, 8,000 and 5,000 dollars": an enumeration closed by "and"
    // or "or" shares its currency too, falling in order only when it has three items or more;
    // "day 30, 5 dollars" (a comma alone, nothing listed after) and "40 and 5 dollars" stay
    // apart.
    const bool listed_after = at + 1 < out_.size() && out_[at + 1].kind == second.kind &&
                              out_[at + 1].currency == second.currency &&
                              out_[at + 1].unit == second.unit;
    const bool listed_before = i >= 2 && IsPunct(i - 1, ",") && !toks_[i].para_before &&
                               toks_[i - 2].type == TokType::kNum;
    const bool money_list = coordinated && second.kind == FigureKind::kMoney &&
                            !second.currency.empty() && (enumerated || listed_after);
    const bool long_list = money_list && (listed_after || listed_before);
    // "seven or 8 percent", "3 or 4%": a percentage joined by "or" or "and" shares its sign
    // with the number before it when the two are close, as an estimate's bounds are; after a
    // comma alone ("in year 2, 5%") or far apart ("at least 1 or 5%, whichever is greater":
    // a count, then a share) they stay apart.
    const double first_value = !n.scaled && last_scale_used_ > 1 ? value * last_scale_used_ : value;
    const bool percent_pair = coordinated && enumerated && second.kind == FigureKind::kPercent &&
                              first_value < second.value && second.value <= 3 * first_value;
    // "200, 300 or 400 times the toxic loads": a rising list of ratios closed by "or" or
    // "and" shares "times".
    const bool ratio_list = coordinated && (enumerated || listed_after) &&
                            second.kind == FigureKind::kRatio && first_value < second.value;
    if (coordinated && !money_list && !percent_pair && !ratio_list &&
        (second.kind != FigureKind::kQuantity || second.unit.empty())) {
      return next;
    }
    // "two to three times more": a range of ratios, joined by a word, shares "times" too.
    const bool ratio_range =
        second.kind == FigureKind::kRatio && ((word_connector && !coordinated) || ratio_list);
    if (second.kind != FigureKind::kMoney && second.kind != FigureKind::kQuantity &&
        second.kind != FigureKind::kPercent && !ratio_range) {
      return next;
    }
    // "$" before the second: keep apart.
    if (second.start > toks_[first_num].start + and_clitic) return next;
    if (dimension && (second.kind != FigureKind::kQuantity || second.unit.empty())) return next;
    double v = value;
    if (!n.scaled && last_scale_used_ > 1 && !dimension) v *= last_scale_used_;
    if (v >= second.value * 1.0000001 && second.kind != FigureKind::kPercent && !dimension &&
        !long_list && !negative &&
        // "a threshold of 50 to 30 ppm": a measure lowered from one bound to another ("10 to 5
        // minutes" may be a clock).
        !(word_connector && toks_[k].norm == "to" && IsMeasure(second.unit) &&
          !TimeUnit(second.unit))) {
      return next;
    }
    Figure first;
    first.kind = second.kind;
    first.value = v;
    first.unit = second.unit;
    first.currency = second.currency;
    first.approx = second.approx;
    first.start = start;
    first.end = toks_[k - 1].end;
    first.text = std::string(text_.substr(first.start, first.end - first.start));
    out_.insert(out_.begin() + static_cast<std::ptrdiff_t>(at), std::move(first));
    return next;
  }

  // "DM 500", "ECU 5 million": in capitals these are also a direct message ("I will DM 3
  // friends") and a control unit ("the ECU 2 sensor"), so before a number they are money only
  // with a money context: a scale word, a sum of three digits or more, or a word of paying
  // before them; never with a counted noun or unit after the number, nor "DM" after a word
  // that makes it a verb. `i` is the prefix's token, `n` the number after it.
  bool AmbiguousCurrencyPrefixIsMoney(size_t i, const Num& n) const {
    const std::string& w = toks_[i].norm;
    if (w != "dm" && w != "ecu") return true;
    if (Lookup(n.next, [](const FigureEntry& e) { return e.scale > 0; })) return true;
    if (n.next < toks_.size() && !toks_[n.next].para_before &&
        (FollowedByAmountWord(n.next) || toks_[n.next].norm == "of" ||
         (toks_[n.next].type == TokType::kWord && PluralNoun(toks_[n.next].norm)))) {
      return false;
    }
    const std::string before = i > 0 && !toks_[i].para_before ? toks_[i - 1].norm : "";
    if (w == "dm") {
      for (std::string_view v : {"to", "will", "would", "can", "could", "please", "pls", "i", "you",
                                 "we", "they", "he", "she", "just", "me", "us", "them"}) {
        if (before == v) return false;
      }
    }
    if (n.scaled || n.value >= 100) return true;
    // "300 Deutschmarks, DM 40": an item in a list of sums.
    if ((before == "," || before == "and" || before == "or") && i >= 2 && !out_.empty() &&
        out_.back().kind == FigureKind::kMoney && out_.back().end == toks_[i - 2].end) {
      return true;
    }
    for (std::string_view v : {"cost", "costs", "costing", "paid", "pay", "pays", "price", "priced",
                               "worth", "fine", "fined", "spent", "of", "for", "at"}) {
      if (before == v) return true;
    }
    return false;
  }

  // Whether the '"' at token k, joined to the number before it, is an inch mark: a Latin
  // word follows it, set apart ('17" wheels'; before a bracket or at a line's end it closes
  // a quotation in code and JSON), and no quotation is open there.
  // The paragraph's quotes are read from its start, inch marks opening nothing.
  bool InchMark(size_t k) const {
    if (!InchShape(k)) return false;
    size_t b = k;
    while (b > 0 && !toks_[b].para_before) --b;
    bool open = false;
    for (; b < k; ++b) {
      if (IsPunct(b, "\"") && (open || !InchShape(b))) open = !open;
    }
    return !open;
  }
  bool InchShape(size_t k) const {
    if (!IsPunct(k, "\"") || !Attached(k) || toks_[k - 1].type != TokType::kNum) return false;
    // The number is a word of its own, of three digits at most: '``10"' and '0\-0"' in man
    // pages close a quotation, "123456789"" is an id.
    if (toks_[k - 1].norm.size() > 3 || (k >= 2 && Attached(k - 1))) return false;
    const Tok* n = At(k + 1);
    return n != nullptr && !n->para_before && n->space_before && n->type == TokType::kWord &&
           n->script == 'l';
  }

  // "version 2 or 3", "Python 2 and 3", "step 1, 2": a word before the first number makes
  // it a label, not an amount of what follows.
  bool PlainLabelBefore(size_t i) const {
    if (i == 0 || toks_[i].para_before) return false;
    const Tok& t = toks_[i - 1];
    if (t.type != TokType::kWord) return false;
    if (t.cap) return true;
    static const char* const kLabels[] = {"version", "section", "chapter", "step",  "figure",
                                          "table",   "item",    "page",    "line",  "level",
                                          "type",    "class",   "column",  "row",   "phase",
                                          "pass",    "mode",    "option",  "group", "part"};
    for (const char* w : kLabels) {
      if (t.norm == w) return true;
    }
    return false;
  }

  // A compass direction right after the degrees ending at token k, or an orbit earlier in
  // the sentence of number i.
  bool OrbitOrBearing(size_t i, size_t k) const {
    if (k < toks_.size() && !toks_[k].para_before &&
        WordIs(k, {"شرقا", "غربا", "شمالا", "جنوبا", "شرق", "غرب", "شمال", "جنوب"})) {
      return true;
    }
    // "على مدار 28.5 درجة" right before the number; elsewhere مدار is "throughout" ("على مدار
    // الأسبوع"), only the adjective "orbital" says it.
    if (i > 0 && !toks_[i].para_before && WordIs(i - 1, {"مدار", "المدار"})) return true;
    for (size_t t = i; t > 0 && i - t < 16; --t) {
      if (toks_[t].para_before || IsPunct(t - 1, ".")) break;
      if (WordIs(t - 1, {"المداري", "مداري"})) return true;
    }
    return false;
  }

  // A word of a game (its team, match, league, scoring) in the sentence of token i.
  bool GameInSentence(size_t i) const {
    const auto game = [&](size_t t) {
      return WordIs(t, {"فريق", "الفريق", "مباراة", "المباراة", "الدوري", "بطولة", "البطولة", "سجل",
                        "يسجل", "تسجيل", "بتسجيله", "بتسجيلهم", "أحرز", "يحرز", "هزم", "هزموا",
                        "اللاعب", "لاعب", "الشوط"});
    };
    for (size_t t = i; t > 0 && i - t < 40; --t) {
      if (toks_[t].para_before || IsPunct(t - 1, ".")) break;
      if (game(t - 1)) return true;
    }
    for (size_t t = i + 1; t < toks_.size() && t - i < 20; ++t) {
      if (toks_[t].para_before || IsPunct(t, ".")) break;
      if (game(t)) return true;
    }
    return false;
  }

  // A year word or "in" right before a number that can be a year.
  bool ArabicYearCue(size_t i) const {
    if (i == 0 || toks_[i - 1].script != 'a' || !IsYear(i, 1000)) return false;
    const std::string& p = toks_[i - 1].norm;
    return p == "عام" || p == "عامي" || p == "العام" || p == "سنه" || p == "سنتي" || p == "السنه" ||
           p == "في" || p == "وفي" || p == "منذ";
  }
  static bool IsOr(std::string_view w) { return w == "or" || w == "او" || w == "או"; }

  // "מתוך", "out of" at token k (a part and its whole): the token after it, else 0. Not
  // Arabic "من أصل": the news splits count only the part ("8 مقاعد من أصل 23").
  size_t OutOf(size_t k) const {
    if (k >= toks_.size() || toks_[k].para_before) return 0;
    const std::string& w = toks_[k].norm;
    if (w == "מתוך") return k + 1;
    if (k + 1 < toks_.size() && !toks_[k + 1].para_before && w == "out" &&
        toks_[k + 1].norm == "of") {
      return k + 2;
    }
    return 0;
  }

  bool ComparativeNear(size_t number, size_t after) const {
    auto comparative = [&](size_t t) {
      return Lookup(
          t, [](const FigureEntry& e) { return (e.flags & internal::kFigComparative) != 0; });
    };
    // "about 5 times a year", "three times per week": a frequency, whatever stands before.
    if (after + 1 < toks_.size() && !toks_[after].para_before) {
      const std::string& w = toks_[after].norm;
      const std::string& u = toks_[after + 1].norm;
      if ((w == "a" || w == "an" || w == "per" || w == "every" || w == "each") &&
          (u == "year" || u == "month" || u == "week" || u == "day" || u == "hour" ||
           u == "minute" || u == "second" || u == "night" || u == "season")) {
        return false;
      }
    }
    // "three times (see X in V8) the size": a parenthesis between the times and what they
    // compare is read past.
    if (IsPunct(after, "(") && !toks_[after].para_before) {
      for (size_t t = after + 1; t < toks_.size() && t <= after + 16 && !toks_[t].para_before;
           ++t) {
        if (IsPunct(t, ")")) {
          after = t + 1;
          break;
        }
      }
    }
    if (after < toks_.size() && !toks_[after].para_before && comparative(after)) return true;
    // "ten times their own weight", "five times its size": a possessive before "own" or a
    // noun of size compares as "the" does ("three times his luck" compares nothing).
    if (after + 1 < toks_.size() && !toks_[after].para_before && !toks_[after + 1].para_before &&
        WordIs(after, {"their", "its", "his", "her", "our", "your", "my"})) {
      if (toks_[after + 1].norm == "own") return true;
      if (WordIs(after + 1, {"weight", "size", "length", "height", "width", "volume", "mass",
                             "area", "value", "price", "cost", "speed", "population", "number",
                             "amount", "capacity", "diameter", "depth"})) {
        return true;
      }
    }
    // "more expensive than four times sequential access".
    if (number > 0 && toks_[number - 1].norm == "than") return true;
    // "أكثر من اثنتي عشرة مرة" (more than twelve times): "more than" bounds the count of
    // occurrences, it compares nothing ("بأكثر من" and a comparative after the count do).
    const bool more_than = number >= 2 && toks_[number - 1].script == 'a' &&
                           toks_[number - 1].norm == "من" &&
                           (toks_[number - 2].norm == "اكثر" || toks_[number - 2].norm == "اقل");
    for (size_t b = 1; b <= 2 && b <= number; ++b) {
      if (b == 2 && more_than) continue;
      if (comparative(number - b)) return true;
    }
    // "تضاعف سكان آسيا أربع مرات": the Arabic verb "to multiply" comes first and its subject
    // stands between it and the count of times, in the same clause.
    for (size_t b = 1; b <= 6 && b <= number; ++b) {
      const size_t t = number - b;
      if (toks_[t].type != TokType::kWord || toks_[t].script != 'a' || toks_[t + 1].para_before) {
        break;
      }
      if (WordIs(t, {"تضاعف", "تضاعفت", "يتضاعف", "تتضاعف", "ضاعف", "ضاعفت"})) return true;
    }
    return false;
  }

  template <typename Fill>
  void Emit(FigureKind kind, uint32_t start, uint32_t end, Fill fill) {
    Figure f;
    f.kind = kind;
    f.start = start;
    f.end = end;
    f.text = std::string(text_.substr(start, end - start));
    fill(&f);
    out_.push_back(std::move(f));
  }

  // The script most of the text's words are written in ('l', 'a', 'h'), or 0 when it has
  // no word; counted once, on first use.
  char MainScript() const {
    if (main_script_ == 1) {
      size_t latin = 0, arabic = 0, hebrew = 0;
      for (const Tok& t : toks_) {
        if (t.type != TokType::kWord) continue;
        latin += t.script == 'l', arabic += t.script == 'a', hebrew += t.script == 'h';
      }
      main_script_ = latin + arabic + hebrew == 0         ? 0
                     : latin >= arabic && latin >= hebrew ? 'l'
                     : arabic >= hebrew                   ? 'a'
                                                          : 'h';
    }
    return main_script_;
  }

  std::string_view text_;
  std::vector<Tok> toks_;
  mutable char main_script_ = 1;  // 1: not counted yet (MainScript).
  const FigureLexicon& lex_;
  const std::unordered_set<std::string>& prefixes_;
  std::vector<uint8_t> starts_;              // Per token: kStartsPlain | kStartsWithClitic.
  mutable std::vector<PhraseRange> ranges_;  // Per token, filled by Phrases().
  mutable std::vector<Phrase> phrases_;
  std::vector<Figure> out_;
  double last_scale_used_ = 1;           // the scale factor of the last amount emitted
  size_t metre_list_refused_until_ = 0;  // TryMetresM: the end of the last list it refused
  size_t range_depth_ = 0;               // TryNumberRange's nested TryAmount calls
  static constexpr size_t kMaxRangeDepth = 64;
};

}  // namespace

std::string_view FigureKindName(FigureKind kind) {
  switch (kind) {
    case FigureKind::kMoney:
      return "money";
    case FigureKind::kQuantity:
      return "quantity";
    case FigureKind::kPercent:
      return "percent";
    case FigureKind::kRatio:
      return "ratio";
    case FigureKind::kDate:
      return "date";
    case FigureKind::kDateRange:
      return "daterange";
  }
  return "quantity";
}

bool ParseFigureKind(std::string_view name, FigureKind* kind) {
  for (FigureKind k : {FigureKind::kMoney, FigureKind::kQuantity, FigureKind::kPercent,
                       FigureKind::kRatio, FigureKind::kDate, FigureKind::kDateRange}) {
    if (FigureKindName(k) == name) return *kind = k, true;
  }
  return false;
}

std::vector<Figure> FindFigures(std::string_view utf8) {
  std::vector<Tok> toks = Tokenize(utf8);
  // Where a Hijri or Hebrew-calendar date can be: a number next to an
  // Arabic or Hebrew word, or Hebrew numerals (a word with a geresh or
  // gershayim). Elsewhere the calendar pattern does not run.
  std::vector<uint32_t> numerals;
  for (size_t i = 0; i < toks.size(); ++i) {
    const Tok& t = toks[i];
    const bool semitic_next =
        (i > 0 && (toks[i - 1].script == 'a' || toks[i - 1].script == 'h')) ||
        (i + 1 < toks.size() && (toks[i + 1].script == 'a' || toks[i + 1].script == 'h'));
    if ((t.type == TokType::kNum && semitic_next) ||
        (t.script == 'h' && t.norm.find_first_of("\"'") != std::string::npos)) {
      numerals.push_back(t.start);
    }
  }
  Parser parser(utf8, std::move(toks));
  std::vector<Figure> figures = parser.Run();
  std::vector<Figure> calendar;
  if (!numerals.empty()) internal::FindCalendarDates(utf8, numerals, &calendar);
  if (calendar.empty()) return figures;
  // "132 هـ / 662 - 750 م", "447 هـ (1055 م)": a Hijri year written beside the Gregorian
  // year the grammar read is the same time told twice; the Gregorian one is the figure.
  // Hebrew-calendar years keep both ("תשמ"ח (1988)", test10's convention), and so does a
  // Hijri month ("رمضان 1435 ه / 2014 م": the month is the finer date).
  const auto hijri = [](const Figure& c) {
    bool marker = false;
    for (size_t p = 0; p < c.text.size();) {
      const char32_t ch = DecodeUtf8At(c.text, &p);
      if (ch == 0x0647 || ch == 0x0640) {
        marker = true;  // ه and the tatweel of هـ
      } else if (!IsDigit(ch) && !IsSpace(ch)) {
        return false;
      }
    }
    return marker;
  };
  // Between the two: spaces, a slash, parentheses, "=" ("40 - 95 هـ = 660 - 714 م"), or the
  // word for "corresponding to" with its year word ("سنة 656هـ المُوافقة لِسنة 1258م"), read
  // as the lexicon normalizes its keys (no marks or tatweel, ة as ه).
  const auto beside = [&](uint32_t from, uint32_t to) {
    if (from > to || to - from > 48) return false;
    std::string word;
    int words = 0;
    bool only_marks = true;
    const auto take = [&]() {
      if (word.empty()) return true;
      ++words;
      for (std::string_view w :
           {"الموافق", "الموافقه", "يوافق", "توافق", "لسنه", "لعام", "سنه", "عام", "ل"}) {
        if (word == w) return only_marks = false, word.clear(), true;
      }
      return false;
    };
    for (size_t p = from; p < to;) {
      const char32_t ch = DecodeUtf8At(utf8, &p);
      if (ch == ' ' || ch == '/' || ch == '(' || ch == ')' || ch == '=') {
        if (!take()) return false;
        continue;
      }
      internal::FigureNormalizeChar(ch, &word);
    }
    return take() && (only_marks ? to - from <= 6 : words <= 3);
  };
  const auto arabic_text = [](const std::string& text) {
    for (size_t p = 0; p < text.size();) {
      if (IsArabicLetter(DecodeUtf8At(text, &p))) return true;
    }
    return false;
  };
  // The code point before byte offset *p, moving *p back over it; 0 at the start.
  const auto back = [&](uint32_t* p) -> char32_t {
    if (*p == 0) return 0;
    uint32_t q = *p - 1;
    while (q > 0 && (static_cast<unsigned char>(utf8[q]) & 0xC0) == 0x80) --q;
    size_t r = q;
    const char32_t ch = DecodeUtf8At(utf8, &r);
    *p = q;
    return ch;
  };
  // The dashes the tokenizer reads as "-" (hyphen, en and em dash, minus sign).
  const auto is_dash = [](char32_t ch) {
    std::string folded;
    return internal::FigureNormalizeChar(ch, &folded) && folded == "-";
  };
  const auto digit_value = [](char32_t ch) {
    return static_cast<int>(ch >= 0x06F0 ? ch - 0x06F0 : ch >= 0x0660 ? ch - 0x0660 : ch - '0');
  };
  // A year joined by a dash before a Hijri date ("1342 - 1419 هـ", "1921 - 26 جمادى الآخرة
  // 1426 هـ", "(1342هـ - 1419هـ"), read back from the date: where it starts, its value and its
  // marker ('h' Hijri, 'g' the Common Era's "م", 0 none).
  struct Lead {
    uint32_t start = 0;
    int year = 0;
    char marker = 0;
    bool paren = false;  // an opening parenthesis before the year
  };
  const auto lead_year = [&](uint32_t from, Lead* out) {
    uint32_t p = from;
    bool paren = false;
    const auto spaces = [&] {
      for (uint32_t q = p; back(&q) == ' ';) p = q;
    };
    spaces();
    uint32_t q = p;
    if (!is_dash(back(&q))) return false;
    p = q;
    spaces();
    q = p;
    char32_t ch = back(&q);
    if (ch == 0x0640) ch = back(&q);  // the tatweel of هـ
    char marker = 0;
    if (ch == 0x0647 || ch == 0x0645) {  // ه, م
      marker = ch == 0x0647 ? 'h' : 'g';
      p = q;
      spaces();
    }
    const uint32_t digits_end = p;
    int digits = 0;
    for (q = p; digits <= 4 && IsDigit(back(&q)); ++digits) p = q;
    if (digits == 0 || digits > 4) return false;
    q = p;
    const char32_t before = back(&q);
    if (before != 0 && before != ' ' && before != '(') return false;
    // Only an opening parenthesis marks a life span's or a reign's first year; after a
    // space the number may be a page or a clause ("صفحة 1900 - ...").
    paren = before == '(' || (before == ' ' && back(&q) == '(');
    int year = 0;
    for (size_t r = p; r < digits_end;) year = year * 10 + digit_value(DecodeUtf8At(utf8, &r));
    *out = Lead{p, year, marker, paren};
    return true;
  };
  // The last number of a calendar date's text: its Hijri year.
  const auto last_number = [&](const std::string& text) {
    int value = 0;
    bool in_number = false;
    for (size_t p = 0; p < text.size();) {
      const char32_t ch = DecodeUtf8At(text, &p);
      if (IsDigit(ch)) {
        value = (in_number ? value * 10 : 0) + digit_value(ch);
        in_number = true;
      } else {
        in_number = false;
      }
    }
    return value;
  };
  // "(1342 - 1419 هـ / 1923 - 1998 م)": the calendar reads the last year of a Hijri span; a
  // year before it joined by a dash is its first year when it is earlier (or marked هـ). A
  // later one ("(1921 - 26 جمادى الآخرة 1426 هـ / 1 أغسطس 2005)") is a Gregorian year opening
  // a span whose other end is told in both calendars (a Gregorian year is always the larger
  // number of the two).
  std::vector<uint32_t> from_at(calendar.size());
  std::vector<Lead> opens(calendar.size());
  for (size_t k = 0; k < calendar.size(); ++k) {
    const Figure& c = calendar[k];
    from_at[k] = c.start;
    Lead lead;
    if (!(hijri(c) || arabic_text(c.text)) || !lead_year(c.start, &lead)) continue;
    const int h = last_number(c.text);
    if (h == 0) continue;
    if (lead.marker == 'h' || (lead.marker == 0 && lead.year < h)) {
      from_at[k] = lead.start;
    } else if (lead.marker != 'h' && lead.year > h && lead.paren && lead.year <= 2100) {
      opens[k] = lead;
    }
  }
  std::vector<bool> told(calendar.size(), false);
  for (size_t k = 0; k < calendar.size(); ++k) {
    const Figure& c = calendar[k];
    told[k] = hijri(c) && std::any_of(figures.begin(), figures.end(), [&](const Figure& f) {
                return (f.kind == FigureKind::kDate || f.kind == FigureKind::kDateRange) &&
                       (beside(c.end, f.start) || beside(f.end, from_at[k]));
              });
  }
  // "(303هـ - 354هـ) (915م - 965م)": a Hijri year joined by a dash to one told again is the
  // other end of the same span, told again too.
  const auto dash_only = [&](uint32_t from, uint32_t to) {
    if (from > to || to - from > 7) return false;
    bool dash = false;
    for (size_t p = from; p < to;) {
      const char32_t ch = DecodeUtf8At(utf8, &p);
      if (is_dash(ch)) {
        dash = true;
      } else if (ch != ' ') {
        return false;
      }
    }
    return dash;
  };
  // A dash joins only figures next to each other in the text, so one sweep each way along
  // the text order carries "told" down a chain of any length in linear time.
  std::vector<size_t> order(calendar.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return calendar[a].start < calendar[b].start; });
  const auto carry = [&](size_t from, size_t to) {
    if (told[from] && !told[to] && hijri(calendar[to]) &&
        (dash_only(calendar[from].end, calendar[to].start) ||
         dash_only(calendar[to].end, calendar[from].start))) {
      told[to] = true;
    }
  };
  for (size_t r = 1; r < order.size(); ++r) carry(order[r - 1], order[r]);
  for (size_t r = order.size(); r-- > 1;) carry(order[r], order[r - 1]);
  // The text of the calendar dates dropped as told twice: the grammar's readings inside it
  // go with them ("1342 - 1419" is no Gregorian span), and a year opening it takes the
  // Gregorian date after it as its other end.
  struct Gone {
    uint32_t from, end;
    Lead opens;
  };
  std::vector<Gone> gone;
  {
    size_t kept = 0;
    for (size_t k = 0; k < calendar.size(); ++k) {
      if (told[k]) {
        gone.push_back(Gone{from_at[k], calendar[k].end, opens[k]});
        continue;
      }
      if (kept != k) {
        calendar[kept] = std::move(calendar[k]);
        from_at[kept] = from_at[k];
        opens[kept] = opens[k];
      }
      ++kept;
    }
    calendar.resize(kept);
    from_at.resize(kept);
    opens.resize(kept);
  }
  // "6 أكتوبر 1973 م الموافق 10 رمضان 1393 هـ": a Hijri day linked by "الموافق" (or only
  // punctuation) to a Gregorian day the grammar read is that day told again.
  const auto same_day = [&](uint32_t from, uint32_t to) {
    if (from > to || to - from > 24) return false;
    std::string_view gap(utf8.data() + from, to - from);
    if (const size_t p = gap.find("الموافق"); p != std::string_view::npos) {
      const std::string_view after = gap.substr(p + std::string_view("الموافق").size());
      if (!after.empty() && after[0] != ' ' && after[0] != ':' && after.substr(0, 2) != "ل") {
        return false;
      }
      gap = gap.substr(0, p);
    }
    return std::all_of(gap.begin(), gap.end(), [](char c) {
      return c == ' ' || c == '/' || c == '(' || c == ')' || c == '-' || c == ',';
    });
  };
  // "في الخامس من شوال 1319هـ": a day written as an ordinal word before "من" and the month
  // (the calendar reads the month); where that day starts, or the month's start without one.
  const auto day_words_start = [&](uint32_t month) {
    uint32_t p = month, day = month;
    for (int words = 0; words < 4; ++words) {
      for (uint32_t q = p; back(&q) == ' ';) p = q;
      std::string w;
      {
        std::u32string word;
        // The longest word looked for has 7 letters and few marks: a longer run is none of
        // them and is not read further (a megabyte-long "word" would be quadratic to build).
        for (uint32_t q = p, seen = 0; word.size() <= 8 && seen < 32; ++seen) {
          const char32_t ch = back(&q);
          if (!IsArabicLetter(ch) && !IsArabicMark(ch)) break;
          if (!IsArabicMark(ch)) word.insert(word.begin(), ch == 0x0623 ? 0x0627 : ch);  // أ
          p = q;
        }
        for (char32_t ch : word) internal::AppendUtf8(ch, &w);
      }
      if (words == 0) {
        if (w != "من") return month;
        continue;
      }
      bool ordinal = false;
      for (std::string_view o :
           {"الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع",
            "العاشر", "الحادي", "عشر", "العشرين", "والعشرين", "الثلاثين", "غرة"}) {
        ordinal = ordinal || w == o;
      }
      if (!ordinal) break;
      day = p;
    }
    return day;
  };
  std::erase_if(calendar, [&](const Figure& c) {
    if (!arabic_text(c.text)) return false;
    const size_t k = &c - calendar.data();
    bool drop = false;
    if (c.kind == FigureKind::kDate && c.date.size() == 10) {
      drop = std::any_of(figures.begin(), figures.end(), [&](const Figure& f) {
        return f.kind == FigureKind::kDate && f.date.size() == 10 &&
               (same_day(f.end, c.start) || same_day(c.end, f.start));
      });
    } else if (c.kind == FigureKind::kDateRange && c.from.size() == 10 && c.to.size() == 10) {
      // "الخامس من شوال 1319هـ الموافق 15 كانون الثاني 1902": a Hijri month linked so to a
      // Gregorian day inside it is that day told again (its day written out in words).
      const uint32_t day = day_words_start(c.start);
      drop = std::any_of(figures.begin(), figures.end(), [&](const Figure& f) {
        return f.kind == FigureKind::kDate && f.date.size() == 10 && f.date >= c.from &&
               f.date <= c.to && (same_day(f.end, day) || same_day(c.end, f.start));
      });
    }
    if (drop) gone.push_back(Gone{from_at[k], c.end, opens[k]});
    return drop;
  });
  // "(1921 - 26 جمادى الآخرة 1426 هـ / 1 أغسطس 2005)": a Gregorian year before the dropped
  // date opens a span ending at the Gregorian date after it.
  for (const Gone& g : gone) {
    const uint32_t from = g.opens.year > 0 ? g.opens.start : g.from;
    std::erase_if(figures, [&](const Figure& f) { return f.start < g.end && from < f.end; });
  }
  for (const Gone& g : gone) {
    if (g.opens.year == 0) continue;
    for (Figure& f : figures) {
      if (f.start < g.end) continue;
      if (f.kind == FigureKind::kDate && beside(g.end, f.start) && f.date.size() >= 4 &&
          g.opens.year <= std::atoi(f.date.substr(0, 4).c_str())) {
        f.kind = FigureKind::kDateRange;
        f.from = IsoYear(g.opens.year);
        f.to = f.date;
        f.date = f.from + "/" + f.to;
        f.start = g.opens.start;
        f.text = std::string(utf8.substr(f.start, f.end - f.start));
      }
      break;
    }
  }
  // "עד שנת תרפ"ז, 1927", "בשנת תש"ז 1947": a Hebrew-calendar year followed in prose by the
  // Gregorian year it overlaps is told once, as the Gregorian year (test13's "חוק ... תשנא
  // 1990", test17); in parentheses, "תשמ"ח (1988)", both stay (test10).
  const auto hebrew_year = [](const Figure& c) {
    if (c.kind != FigureKind::kDateRange) return false;
    for (size_t p = 0; p < c.text.size();) {
      const char32_t ch = DecodeUtf8At(c.text, &p);
      if (ch >= 0x05D0 && ch <= 0x05EA) return true;
    }
    return false;
  };
  std::erase_if(calendar, [&](const Figure& c) {
    if (!hebrew_year(c) || c.from.size() < 4 || c.to.size() < 4) return false;
    return std::any_of(figures.begin(), figures.end(), [&](const Figure& f) {
      if (f.kind != FigureKind::kDate || f.date.size() != 4 || f.start < c.end ||
          f.start - c.end > 2) {
        return false;
      }
      for (uint32_t p = c.end; p < f.start; ++p) {
        if (utf8[p] != ' ' && utf8[p] != ',') return false;
      }
      return f.date == c.from.substr(0, 4) || f.date == c.to.substr(0, 4);
    });
  });
  // "مساء الأربعاء (26 أبريل) التاسع والعشرين من شهر رجب لهذا العام 1438هـ": a Gregorian day
  // and month without a year, then a Hijri year in the same sentence, are one date: the day
  // in the Gregorian year the Hijri one overlaps there (test20's convention). The Hijri year
  // is not told again.
  std::erase_if(calendar, [&](const Figure& c) {
    if (!hijri(c) || c.kind != FigureKind::kDateRange || c.from.size() != 10 || c.to.size() != 10) {
      return false;
    }
    for (auto f = figures.rbegin(); f != figures.rend(); ++f) {
      if (f->end > c.start) continue;
      if (c.start - f->end > 160) break;
      // Within one clause: no full stop, comma or line between.
      const std::string_view gap = utf8.substr(f->end, c.start - f->end);
      if (gap.find_first_of(".,\n") != std::string_view::npos ||
          gap.find("،") != std::string_view::npos) {
        break;
      }
      if (f->kind != FigureKind::kDate || f->date.size() != 7 || f->date.rfind("--", 0) != 0) {
        continue;
      }
      const std::string md = f->date.substr(1);  // "-04-26"
      for (const std::string& y : {c.from.substr(0, 4), c.to.substr(0, 4)}) {
        const std::string day = y + md;
        std::string lo, hi;
        if (IsoDateBounds(day, &lo, &hi) && day >= c.from && day <= c.to) {
          f->date = day;
          return true;
        }
      }
      return false;
    }
    return false;
  });
  // A calendar date wins over what the grammar read inside it (its year as a
  // bare number, its day as a count).
  std::erase_if(figures, [&](const Figure& f) {
    return std::any_of(calendar.begin(), calendar.end(),
                       [&](const Figure& c) { return f.start < c.end && c.start < f.end; });
  });
  figures.insert(figures.end(), std::make_move_iterator(calendar.begin()),
                 std::make_move_iterator(calendar.end()));
  std::sort(figures.begin(), figures.end(),
            [](const Figure& a, const Figure& b) { return a.start < b.start; });
  return figures;
}

bool IsoDateBounds(std::string_view iso, std::string* lo, std::string* hi) {
  int y = 0, m = 0, d = 0;
  auto num = [&](size_t pos, size_t len, int* v) {
    if (iso.size() < pos + len) return false;
    const auto r = std::from_chars(iso.data() + pos, iso.data() + pos + len, *v);
    return r.ec == std::errc() && r.ptr == iso.data() + pos + len;
  };
  if (iso.size() != 4 && iso.size() != 7 && iso.size() != 10) return false;
  if (!num(0, 4, &y)) return false;
  if (iso.size() >= 7 && (iso[4] != '-' || !num(5, 2, &m) || m < 1 || m > 12)) return false;
  if (iso.size() == 10 && (iso[7] != '-' || !num(8, 2, &d) || !ValidDay(y, m, d))) return false;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m == 0 ? 1 : m, d == 0 ? 1 : d);
  *lo = buf;
  const int hm = m == 0 ? 12 : m;
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, hm, d == 0 ? DaysInMonth(y, hm) : d);
  *hi = buf;
  return true;
}

bool DateBounds(const Figure& figure, std::string* lo, std::string* hi) {
  if (figure.kind == FigureKind::kDate) return IsoDateBounds(figure.date, lo, hi);
  if (figure.kind != FigureKind::kDateRange) return false;
  std::string unused;
  return IsoDateBounds(figure.from, lo, &unused) && IsoDateBounds(figure.to, &unused, hi);
}

}  // namespace tahqiq::analyze
