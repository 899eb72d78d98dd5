#include "analyze/entities.h"

#include <unicode/regex.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "analyze/internal/utf8.h"
#include "analyze/name_key.h"

namespace tahqiq::analyze {
namespace {

// ---- byte helpers ----

bool IsAsciiAlnum(unsigned char c) { return std::isalnum(c) != 0; }
bool IsAsciiDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

// Decodes the code point at text[i]; sets *len (>= 1). Invalid bytes give
// U+FFFD with length 1.
char32_t DecodeAt(std::string_view text, size_t i, size_t* len) {
  const auto b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) return *len = 1, b;
  int n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
  if (n == 0 || i + n > text.size()) return *len = 1, 0xFFFD;
  char32_t c = b & (0x7F >> n);
  for (int k = 1; k < n; ++k) {
    const auto cb = static_cast<unsigned char>(text[i + k]);
    if ((cb & 0xC0) != 0x80) return *len = 1, 0xFFFD;
    c = (c << 6) | (cb & 0x3F);
  }
  *len = static_cast<size_t>(n);
  return c;
}

// Value of a decimal digit (ASCII, Arabic-Indic, Extended Arabic-Indic)
// at text[i], or -1.
int DigitAt(std::string_view text, size_t i, size_t* len) {
  const char32_t c = DecodeAt(text, i, len);
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 0x0660 && c <= 0x0669) return static_cast<int>(c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9) return static_cast<int>(c - 0x06F0);
  return -1;
}

// The code point ending just before text[i] (0 at the start).
char32_t PrevChar(std::string_view text, size_t i) {
  if (i == 0) return 0;
  size_t j = i - 1;
  while (j > 0 && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) --j;
  size_t len = 0;
  return DecodeAt(text, j, &len);
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) return std::isalnum(static_cast<int>(c)) != 0 || c == '_';
  // Letters and digits of the scripts we handle; other non-ASCII counts as
  // a word character too, so a pattern never starts inside a word.
  return !(c == 0xA0 || (c >= 0x2000 && c <= 0x206F) || c == 0xAB || c == 0xBB || c == 0x05F3 ||
           c == 0x05F4 || c == 0x060C || c == 0x061B || c == 0x061F || c == 0x06D4 || c == 0x3000);
}

// ---- pattern kinds ----

void FindEmails(std::string_view t, std::vector<EntityMention>* out) {
  auto local_char = [](unsigned char c) {
    return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  };
  auto domain_char = [](unsigned char c) { return IsAsciiAlnum(c) || c == '.' || c == '-'; };
  for (size_t at = t.find('@'); at != std::string_view::npos; at = t.find('@', at + 1)) {
    size_t s = at;
    while (s > 0 && local_char(static_cast<unsigned char>(t[s - 1]))) --s;
    while (s < at && !IsAsciiAlnum(static_cast<unsigned char>(t[s]))) ++s;
    size_t e = at + 1;
    while (e < t.size() && domain_char(static_cast<unsigned char>(t[e]))) ++e;
    while (e > at + 1 && (t[e - 1] == '.' || t[e - 1] == '-')) --e;
    if (s == at || e <= at + 1) continue;
    const std::string_view domain = t.substr(at + 1, e - at - 1);
    const size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) continue;
    bool tld_alpha = true;
    for (char c : domain.substr(dot + 1))
      tld_alpha &= std::isalpha(static_cast<unsigned char>(c)) != 0;
    if (!tld_alpha || domain.find("..") != std::string_view::npos) continue;
    EntityMention m{"email",
                    std::string(t.substr(s, e - s)),
                    "",
                    static_cast<uint32_t>(s),
                    static_cast<uint32_t>(e),
                    ""};
    m.value = m.text;
    for (char& c : m.value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out->push_back(std::move(m));
  }
}

bool StartsWithNoCase(std::string_view t, size_t i, std::string_view p) {
  if (t.size() - i < p.size()) return false;
  for (size_t k = 0; k < p.size(); ++k) {
    if (std::tolower(static_cast<unsigned char>(t[i + k])) != p[k]) return false;
  }
  return true;
}

void FindUrls(std::string_view t, std::vector<EntityMention>* out) {
  static constexpr std::string_view kStarts[] = {"https://", "http://", "ftp://", "www."};
  for (size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c != 'h' && c != 'H' && c != 'f' && c != 'F' && c != 'w' && c != 'W') continue;
    if (i > 0 && (IsAsciiAlnum(static_cast<unsigned char>(t[i - 1])) || t[i - 1] == '.' ||
                  t[i - 1] == '/' || t[i - 1] == '@')) {
      continue;
    }
    std::string_view start;
    for (std::string_view s : kStarts) {
      if (StartsWithNoCase(t, i, s)) {
        start = s;
        break;
      }
    }
    if (start.empty()) continue;
    size_t e = i + start.size();
    // Non-ASCII ends a URL: Arabic or Hebrew text often follows one without
    // a space, and typographic quotes close it.
    while (e < t.size()) {
      const auto b = static_cast<unsigned char>(t[e]);
      if (b <= 0x20 || b >= 0x7F || b == '"' || b == '<' || b == '>' || b == '`' || b == '{' ||
          b == '}' || b == '|' || b == '\\' || b == '^') {
        break;
      }
      ++e;
    }
    // Sentence punctuation after a URL is not part of it; nor is a closing
    // bracket that the URL did not open.
    for (;;) {
      if (e <= i + start.size()) break;
      const char last = t[e - 1];
      if (std::strchr(".,;:!?'*", last) != nullptr) {
        --e;
        continue;
      }
      if (last == ')' || last == ']') {
        const std::string_view body = t.substr(i, e - i);
        const char open = last == ')' ? '(' : '[';
        if (std::count(body.begin(), body.end(), open) <
            std::count(body.begin(), body.end(), last)) {
          --e;
          continue;
        }
      }
      break;
    }
    const std::string_view url = t.substr(i, e - i);
    const size_t host_start = start.size();
    size_t host_end = url.find_first_of("/?#", host_start);
    if (host_end == std::string_view::npos) host_end = url.size();
    const std::string_view host = url.substr(host_start, host_end - host_start);
    const size_t dot = host.find('.');
    if (host.empty() || dot == std::string_view::npos || dot + 1 >= host.size()) continue;
    EntityMention m{"url",
                    std::string(url),
                    std::string(url),
                    static_cast<uint32_t>(i),
                    static_cast<uint32_t>(e),
                    ""};
    for (size_t k = 0; k < host_end; ++k) {
      m.value[k] = static_cast<char>(std::tolower(static_cast<unsigned char>(m.value[k])));
    }
    out->push_back(std::move(m));
    i = e;
  }
}

// IBAN lengths of countries in the Middle East and of common banking
// partners (ISO 13616 registry). Others: any length from 15 to 34.
int IbanLength(std::string_view cc) {
  static constexpr std::pair<std::string_view, int> kLengths[] = {
      {"AE", 23}, {"BH", 22}, {"CH", 21}, {"CY", 28}, {"DE", 22}, {"EG", 29}, {"ES", 24},
      {"FR", 27}, {"GB", 22}, {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IT", 27}, {"JO", 30},
      {"KW", 30}, {"LB", 28}, {"LU", 20}, {"NL", 18}, {"PS", 29}, {"QA", 29}, {"SA", 24},
      {"TR", 26}, {"BE", 16}, {"AT", 20}, {"SY", 0},  {"OM", 23}, {"LY", 25}, {"SE", 24},
  };
  for (const auto& [c, n] : kLengths) {
    if (c == cc) return n;
  }
  return -1;
}

bool Mod97(std::string_view compact) {
  if (compact.size() < 15 || compact.size() > 34) return false;
  int rem = 0;
  auto feed = [&rem](char c) {
    if (IsAsciiDigit(static_cast<unsigned char>(c))) {
      rem = (rem * 10 + (c - '0')) % 97;
    } else if (IsUpper(static_cast<unsigned char>(c))) {
      rem = (rem * 100 + (c - 'A' + 10)) % 97;
    } else {
      rem = -1000;
    }
  };
  for (size_t k = 4; k < compact.size() && rem >= 0; ++k) feed(compact[k]);
  for (size_t k = 0; k < 4 && rem >= 0; ++k) feed(compact[k]);
  return rem == 1;
}

void FindIbans(std::string_view t, std::vector<EntityMention>* out) {
  for (size_t i = 0; i + 4 <= t.size(); ++i) {
    if (!IsUpper(static_cast<unsigned char>(t[i])) ||
        !IsUpper(static_cast<unsigned char>(t[i + 1])) ||
        !IsAsciiDigit(static_cast<unsigned char>(t[i + 2])) ||
        !IsAsciiDigit(static_cast<unsigned char>(t[i + 3]))) {
      continue;
    }
    if (i > 0 && IsWordChar(PrevChar(t, i)) && static_cast<unsigned char>(t[i - 1]) < 0x80) {
      continue;
    }
    // Collect characters; a single space is allowed between groups of four.
    std::string compact(t.substr(i, 4));
    std::vector<size_t> ends;  // Byte end after each compact character.
    for (int k = 1; k <= 4; ++k) ends.push_back(i + k);
    size_t e = i + 4;
    while (e < t.size() && compact.size() < 34) {
      const auto b = static_cast<unsigned char>(t[e]);
      if (IsUpper(b) || IsAsciiDigit(b)) {
        compact.push_back(static_cast<char>(b));
        ends.push_back(++e);
      } else if (b == ' ' && compact.size() % 4 == 0 && e + 1 < t.size() &&
                 (IsUpper(static_cast<unsigned char>(t[e + 1])) ||
                  IsAsciiDigit(static_cast<unsigned char>(t[e + 1])))) {
        ++e;
      } else {
        break;
      }
    }
    const int want = IbanLength(compact.substr(0, 2));
    if (want == 0) continue;
    size_t n = want > 0 ? static_cast<size_t>(want) : compact.size();
    if (compact.size() < n) continue;
    if (want < 0 && compact.size() < 15) continue;
    const size_t end = ends[n - 1];
    // The number must end where a word ends (not inside a longer code).
    if (end < t.size() && IsAsciiAlnum(static_cast<unsigned char>(t[end]))) continue;
    const std::string_view code = std::string_view(compact).substr(0, n);
    if (!Mod97(code)) continue;
    out->push_back({"iban", std::string(t.substr(i, end - i)), std::string(code),
                    static_cast<uint32_t>(i), static_cast<uint32_t>(end), ""});
    i = end;
  }
}

void FindPhones(std::string_view t, std::vector<EntityMention>* out) {
  for (size_t i = 0; i < t.size();) {
    size_t len = 1;
    const bool plus = t[i] == '+';
    const bool paren = t[i] == '(';
    const int first = DigitAt(t, i, &len);
    if (!plus && !paren && first < 0) {
      i += len;
      continue;
    }
    const char32_t prev = PrevChar(t, i);
    const bool prev_digit =
        (prev >= 0x0660 && prev <= 0x0669) || (prev >= 0x06F0 && prev <= 0x06F9);
    if (prev != 0 &&
        (prev < 0x80 ? (IsAsciiAlnum(static_cast<unsigned char>(prev)) || prev == '.' ||
                        prev == '-' || prev == '/' || prev == ',' || prev == '+')
                     : prev_digit)) {
      // Inside a number or a word: skip the whole run of digits.
      size_t j = i;
      while (j < t.size() && DigitAt(t, j, &len) >= 0) j += len;
      i = j > i ? j : i + 1;
      continue;
    }
    // Collect digits and separators.
    std::string digits;
    std::vector<size_t> groups;  // Digits per group.
    size_t e = i + (plus ? 1 : 0);
    size_t last_digit_end = e;
    int open = 0;
    bool dots = false, other_sep = false;
    bool pending_dot = false, pending_other = false;  // Separators since the last digit.
    size_t group = 0;
    while (e < t.size()) {
      const int d = DigitAt(t, e, &len);
      if (d >= 0) {
        dots |= pending_dot;
        other_sep |= pending_other;
        pending_dot = pending_other = false;
        digits.push_back(static_cast<char>('0' + d));
        ++group;
        e += len;
        last_digit_end = e;
        continue;
      }
      const char c = t[e];
      const bool sep = c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
      if (!sep || digits.size() >= 15) break;
      if (c == '(') {
        if (open > 0) break;
        ++open;
      } else if (c == ')') {
        if (open == 0) break;
        --open;
      }
      if (c == '.') pending_dot = true;
      if (c == ' ' || c == '-' || c == ')') pending_other = true;
      if (group > 0) groups.push_back(group);
      group = 0;
      // Two separators in a row (other than ") "): the number has ended.
      if (e + 1 < t.size() && (t[e + 1] == ' ' || t[e + 1] == '-' || t[e + 1] == '.') && c != ')') {
        break;
      }
      ++e;
    }
    if (group > 0) groups.push_back(group);
    e = last_digit_end;
    const size_t start = paren ? i : i;
    bool ok = false;
    std::string value;
    const bool followed_by_word =
        e < t.size() && (IsAsciiAlnum(static_cast<unsigned char>(t[e])) || t[e] == '%');
    if (!followed_by_word && !digits.empty()) {
      const bool intl = plus || (digits.rfind("00", 0) == 0 && digits.size() >= 10 &&
                                 groups.size() >= 2 && !dots);
      if (intl) {
        const std::string body = plus ? digits : digits.substr(2);
        ok = body.size() >= 8 && body.size() <= 15 && body[0] != '0';
        value = "+" + body;
      } else if (digits[0] == '0' && digits.size() >= 9 && digits.size() <= 11 && !dots &&
                 (groups.size() >= 2 || (digits.size() == 10 && digits[1] == '5'))) {
        // Local numbers with a trunk 0 (Israel, Palestine, the Arab world,
        // the UK): grouped, or a bare ten-digit mobile number (05X).
        ok = groups.size() <= 4;
        value = digits;
      } else if (digits.size() == 10 && groups.size() == 3 && groups[0] == 3 && groups[1] == 3 &&
                 groups[2] == 4 && digits[0] >= '2' && digits[3] >= '2' && other_sep != dots) {
        ok = true;  // North American (NXX) NXX-XXXX.
        value = "+1" + digits;
      }
    }
    if (ok) {
      out->push_back({"phone", std::string(t.substr(start, e - start)), value,
                      static_cast<uint32_t>(start), static_cast<uint32_t>(e), ""});
      i = e;
    } else {
      i = std::max(e, i + 1);
    }
  }
}

// ---- named kinds ----

constexpr std::string_view kArabicClitics[] = {"وبال", "فبال", "وال", "بال", "فال", "كال",
                                               "لل",   "ال",   "و",   "ف",   "ب",   "ل"};

// The Arabic word, or the word without its leading clitics (and, if
// `article`, the article), is one of `words`. A trigger with the article is
// mostly a common noun (المنظمة "the organized", الحركة), so name triggers
// do not take it.
// `*trim` (optional) receives the bytes of leading clitics that are not
// part of the name (و ب ل ف, not the article), so a mention starts at the
// name: بمحكمة الاستئناف -> محكمة الاستئناف, وبالوحدة -> الوحدة.
bool ArabicIs(const Token& t, std::initializer_list<std::string_view> words, bool article,
              std::string_view text = {}, size_t* trim = nullptr) {
  std::string_view w = t.exact;
  auto in = [&](std::string_view x) {
    return std::find(words.begin(), words.end(), x) != words.end();
  };
  if (trim != nullptr) *trim = 0;
  if (in(w)) return true;
  for (std::string_view p : kArabicClitics) {
    if (!article && p.find("ال") != std::string_view::npos) continue;
    if (!article && p == "لل") continue;
    if (w.size() > p.size() + 4 && w.substr(0, p.size()) == p && in(w.substr(p.size()))) {
      // لل keeps its ل: trimming it would leave no word (لوحدة).
      const size_t article_at = p == "لل" ? 0 : p.find("ال");
      const std::string_view cut =
          p.substr(0, article_at == std::string_view::npos ? p.size() : article_at);
      if (trim != nullptr && text.substr(t.start, cut.size()) == cut) *trim = cut.size();
      return true;
    }
  }
  return false;
}

// Hebrew: the word, or the word without a proclitic sequence (ליחידה ->
// יחידה; `*trim` as for ArabicIs).
bool HebrewIs(const Token& t, std::initializer_list<std::string_view> words,
              std::string_view text = {}, size_t* trim = nullptr) {
  auto in = [&](std::string_view x) {
    return std::find(words.begin(), words.end(), x) != words.end();
  };
  if (trim != nullptr) *trim = 0;
  if (in(t.exact)) return true;
  for (const std::string& a : t.alts) {
    if (in(a)) {
      const std::string_view e = t.exact;
      if (trim != nullptr && e.size() > a.size() && e.substr(e.size() - a.size()) == a &&
          text.substr(t.start, e.size() - a.size()) == e.substr(0, e.size() - a.size())) {
        *trim = e.size() - a.size();
      }
      return true;
    }
  }
  return false;
}

bool LatinIs(const Token& t, std::initializer_list<std::string_view> words) {
  return t.script == Script::kLatin &&
         std::find(words.begin(), words.end(), t.exact) != words.end();
}

// Words that begin an English sentence or heading in capitals without being
// (part of) a name.
constexpr std::string_view kLatinNotNames[] = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "in",
    "on",
    "at",
    "for",
    "and",
    "but",
    "or",
    "if",
    "when",
    "where",
    "what",
    "who",
    "how",
    "why",
    "we",
    "you",
    "he",
    "she",
    "they",
    "i",
    "my",
    "our",
    "your",
    "his",
    "her",
    "their",
    "there",
    "here",
    "is",
    "are",
    "was",
    "to",
    "of",
    "by",
    "with",
    "from",
    "as",
    "all",
    "see",
    "note",
    "after",
    "before",
    "also",
    "then",
    "so",
    "however",
    "please",
    "according",
    "since",
    "during",
    "while",
    "its",
    "every",
    "each",
    "some",
    "many",
    "most",
    "no",
    "not",
    "yes",
    "do",
    "does",
    "use",
    "run",
    "if",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "mr",
    "mrs",
    "dr",
    "ms",
    // Legal boilerplate (All Rights Reserved, Portions Copyright).
    "copyright",
    "portions",
    "rights",
    "reserved",
    // Imperatives that open lines of documentation (Manage Google Cloud Shell).
    "manage",
    "create",
    "list",
    "view",
    "set",
    "enable",
    "disable",
    "work",
    "deploy",
    "provide",
    "print",
    "invoke",
    "troubleshoot",
    "enroll",
    "install",
    "update",
    "remove",
    "configure",
    "add",
    "delete",
    "get",
    "show",
    "start",
    "stop",
    "read",
    "write",
    "check",
    "fix",
    "bump",
    "backport",
    "build",
    "upload",
    "download",
    "open",
    "close",
    "call",
    "return",
    "make",
};

constexpr std::string_view kConnectors[] = {"of",  "de",  "al",  "el", "bin", "ibn",
                                            "van", "von", "der", "la", "du",  "da"};

bool In(std::string_view w, const std::string_view* b, const std::string_view* e) {
  return std::find(b, e, w) != e;
}

class NameRules {
 public:
  NameRules(std::string_view text, const std::vector<Token>& tokens,
            std::vector<EntityMention>* out)
      : t_(text), tok_(tokens), out_(out) {}

  void Run() {
    for (size_t i = 0; i < tok_.size(); ++i) {
      Unit(i);
      OrgAfterTrigger(i);
      OrgBeforeSuffix(i);
      PersonAfterTitle(i);
      PersonAfterSpeechVerb(i);
      Patronymic(i);
      DefiniteArabicOrg(i);
    }
    LatinRuns();
    Quoted();
    Propagate();
  }

 private:
  // Only spaces (no line break, no punctuation) between tokens a and a+1.
  bool Adjacent(size_t a) const {
    if (a + 1 >= tok_.size()) return false;
    const std::string_view gap = t_.substr(tok_[a].end, tok_[a + 1].start - tok_[a].end);
    if (gap.empty()) return true;
    // Spaces only: a tab separates the cells of a table row (extracted
    // sheets, TSV), whose capitalized headers are not one name.
    for (char c : gap) {
      if (c != ' ') return false;
    }
    // Two spaces or more align columns (text laid out as a table, pdftotext
    // -layout); one space joins the words of a name.
    return gap.size() == 1;
  }

  // A header row written with spaces: a whole line of three or more
  // capitalized words and nothing else, with a line of figures below it
  // ("Invoice Date Customer Name Amount" over "2023-01-05 Acme 1,200.00").
  bool InHeaderRow(size_t s, size_t e) const {
    const size_t from = t_.rfind('\n', tok_[s].start);
    const size_t line_start = from == std::string_view::npos ? 0 : from + 1;
    size_t line_end = t_.find('\n', tok_[e - 1].end);
    if (line_end == std::string_view::npos) return false;
    size_t words = 0;
    for (size_t q = line_start; q < line_end; ++q) {
      const auto c = static_cast<unsigned char>(t_[q]);
      if (c == ' ' || c == '\t' || c == '\r' || c == '/' || c == '&' || c == '-') continue;
      if (!IsUpper(c)) return false;
      ++words;
      while (q + 1 < line_end &&
             (std::isalpha(static_cast<unsigned char>(t_[q + 1])) != 0 || t_[q + 1] == '\'')) {
        ++q;
      }
    }
    if (words < 3) return false;
    // The next non-empty line: at least two numbers, or the same column
    // layout (two gaps of two spaces or a tab).
    size_t next = line_end + 1;
    while (next < t_.size() && (t_[next] == '\n' || t_[next] == '\r')) ++next;
    const size_t next_end = std::min(t_.find('\n', next), t_.size());
    return CountNumbers(next, next_end) >= 2 ||
           (CountColumnGaps(line_start, line_end) >= 2 && CountColumnGaps(next, next_end) >= 2);
  }

  size_t CountNumbers(size_t from, size_t to) const {
    size_t n = 0;
    for (size_t q = from; q < to; ++q) {
      n += std::isdigit(static_cast<unsigned char>(t_[q])) != 0 &&
           (q == from || std::isdigit(static_cast<unsigned char>(t_[q - 1])) == 0);
    }
    return n;
  }

  size_t CountColumnGaps(size_t from, size_t to) const {
    size_t n = 0;
    for (size_t q = from; q + 1 < to; ++q) {
      if (t_[q] == '\t' || (t_[q] == ' ' && t_[q + 1] == ' ')) {
        ++n;
        while (q + 1 < to && (t_[q + 1] == ' ' || t_[q + 1] == '\t')) ++q;
      }
    }
    return n;
  }

  bool Content(const Token& t) const {
    if (t.script == Script::kLatin) {
      return t.upper_initial && !In(t.exact, std::begin(kLatinNotNames), std::end(kLatinNotNames));
    }
    return (t.script == Script::kArabic || t.script == Script::kHebrew) &&
           !TokenNameKeys(t).empty();
  }

  std::string Value(size_t a, size_t b) const {  // Tokens [a, b).
    std::string v;
    for (size_t k = a; k < b; ++k) {
      if (!v.empty()) v += ' ';
      v += tok_[k].exact;
    }
    return v;
  }

  // Tokens [a, b), the first without its first `skip` bytes (clitics).
  void Emit(const char* kind, size_t a, size_t b, size_t va, size_t vb, size_t skip = 0) {
    EntityMention m;
    m.kind = kind;
    m.start = tok_[a].start + static_cast<uint32_t>(skip);
    m.end = tok_[b - 1].end;
    m.text = std::string(t_.substr(m.start, m.end - m.start));
    m.value = Value(va, vb);
    if (va == a && skip > 0 && skip < tok_[a].exact.size()) m.value.erase(0, skip);
    const uint32_t name_start = tok_[va].start + static_cast<uint32_t>(va == a ? skip : 0);
    m.name = std::string(t_.substr(name_start, tok_[vb - 1].end - name_start));
    out_->push_back(std::move(m));
  }

  void Unit(size_t i) {
    const Token& t = tok_[i];
    size_t trim = 0;
    const bool trigger = (LatinIs(t, {"unit"}) && t.upper_initial) ||
                         ArabicIs(t, {"وحده"}, true, t_, &trim) ||
                         HebrewIs(t, {"יחידה", "יחידת"}, t_, &trim);
    if (!trigger || !Adjacent(i) || tok_[i + 1].script != Script::kNumber) return;
    EntityMention m;
    m.kind = "unit";
    m.start = t.start + static_cast<uint32_t>(trim);
    m.end = tok_[i + 1].end;
    m.text = std::string(t_.substr(m.start, m.end - m.start));
    m.value = "unit " + tok_[i + 1].exact;
    m.name = "Unit " + tok_[i + 1].exact;
    out_->push_back(std::move(m));
  }

  // A capitalized Latin word of letters only (GB82, X5 are codes).
  bool NameWord(const Token& t) const {
    return t.script == Script::kLatin && t.upper_initial && t.exact.size() >= 2 &&
           std::all_of(t.exact.begin(), t.exact.end(),
                       [](char c) {
                         const auto b = static_cast<unsigned char>(c);
                         return b >= 0x80 || std::isalpha(b) != 0 || c == '-' || c == '\'';
                       }) &&
           !Shouted(t);
  }

  bool TroffRequest(const Token& t) const {
    return t.start >= 1 && t_[t.start - 1] == '.' && (t.start == 1 || t_[t.start - 2] == '\n');
  }

  // An all-capitals word longer than an acronym (WARRANTY): legal
  // boilerplate and headings, not names.
  bool Shouted(const Token& t, size_t min_letters = 6) const {
    const std::string_view w = t_.substr(t.start, t.end - t.start);
    return w.size() >= min_letters && std::all_of(w.begin(), w.end(), [](char c) {
             return IsUpper(static_cast<unsigned char>(c));
           });
  }

  // Latin capitalized run starting at i (connectors inside); returns end.
  size_t LatinRunEnd(size_t i, size_t max_words) const {
    size_t e = i;
    size_t words = 0;
    while (e < tok_.size() && words < max_words) {
      const Token& t = tok_[e];
      if (NameWord(t)) {
        ++e;
        ++words;
      } else if (e > i && t.script == Script::kLatin &&
                 In(t.exact, std::begin(kConnectors), std::end(kConnectors)) &&
                 e + 1 < tok_.size() && tok_[e + 1].upper_initial && Adjacent(e)) {
        ++e;
      } else {
        break;
      }
      if (!Adjacent(e - 1)) break;
    }
    return e;
  }

  void OrgAfterTrigger(size_t i) {
    const Token& t = tok_[i];
    bool company = false;
    size_t trim = 0;
    if (t.script == Script::kLatin) {
      // Ministry of Defense, Bank of Israel, University of Haifa.
      if (!t.upper_initial ||
          !LatinIs(t, {"ministry", "bank", "university", "department", "office", "council",
                       "agency", "authority", "embassy", "federation"}) ||
          !Adjacent(i) || tok_[i + 1].exact != "of" || !Adjacent(i + 1)) {
        return;
      }
      size_t j = i + 2;
      if (j < tok_.size() && tok_[j].exact == "the" && Adjacent(j)) ++j;
      const size_t e = LatinRunEnd(j, 5);
      if (e > j) Emit("org", i, e, i, e);
      return;
    }
    if (t.script == Script::kArabic) {
      company = ArabicIs(t, {"شركه", "مجموعه"}, false, t_, &trim);
      if (!company && !ArabicIs(t, {"وزاره", "مؤسسه", "منظمه", "جمعيه", "هيئه",  "جامعه", "حزب",
                                    "بنك",   "مصرف",  "وكاله", "سلطه",  "مجلس",  "جهاز",  "صحيفه",
                                    "جريده", "قناه",  "اذاعه", "نقابه", "اتحاد", "محكمه", "مكتب"},
                                false, t_, &trim)) {
        return;
      }
    } else if (t.script == Script::kHebrew) {
      company = HebrewIs(t, {"חברת", "קבוצת"}, t_, &trim);
      if (!company && !HebrewIs(t,
                                {"משרד", "ארגון", "בנק", "אוניברסיטת", "רשות", "עמותת", "תנועת",
                                 "מפלגת", "סוכנות", "ועדת", "עיתון", "ערוץ", "מועצת", "לשכת"},
                                t_, &trim)) {
        return;
      }
    } else {
      return;
    }
    if (!Adjacent(i)) return;
    const size_t j = i + 1;
    size_t e = j;
    if (tok_[j].script == Script::kLatin) {
      e = LatinRunEnd(j, 4);
      if (e == j && tok_[j].script == Script::kLatin && tok_[j].exact.size() >= 2) {
        // All-lowercase Latin names are rare; a lowercase word is not one.
        return;
      }
    } else if (Content(tok_[j]) && tok_[j].script == t.script) {
      e = j + 1;
      // After a first word with the article (ال / ה), further words with
      // it belong to the name (وزارة الدفاع الإسرائيلية, משרד הביטחון
      // הישראלי); after a proper noun they usually do not (בנק ישראל הודיע).
      // In Arabic, the article marks nouns and adjectives reliably, so a
      // ministry's name continues through definite words and definite
      // words joined by و (وزارة التجهيز والنقل), also after an indefinite
      // first word (وزارة إصلاح الإدارة); a company's name only after a
      // definite one (not شركة مايكروسوفت الأمريكية).
      const bool arabic = t.script == Script::kArabic;
      const std::string_view article = arabic ? "ال" : "ה";
      const bool definite = tok_[j].exact.rfind(article, 0) == 0;
      auto continues = [&](const Token& w) {
        return w.script == t.script && Content(w) &&
               (w.exact.rfind(article, 0) == 0 || (arabic && w.exact.rfind("وال", 0) == 0));
      };
      while ((definite || (arabic && !company)) && e < tok_.size() && e - j < 5 &&
             Adjacent(e - 1)) {
        if (continues(tok_[e])) {
          ++e;
        } else if (arabic && tok_[e].exact == "و" && e + 1 < tok_.size() && Adjacent(e) &&
                   tok_[e + 1].exact.rfind("ال", 0) == 0 && continues(tok_[e + 1])) {
          e += 2;  // "حزب العدالة و التنمية": the conjunction written apart
          break;   // and joins the last part
        } else {
          break;
        }
      }
    }
    if (e == j) return;
    if (company) {
      Emit("org", i, e, j, e, trim);
    } else {
      Emit("org", i, e, i, e, trim);
    }
  }

  // A person's name after a title: المحامي محمد زيان, الوزير X, השר X,
  // ח"כ X, Dr. X (English names are found as capitalized runs anyway).
  // The name is at most two words, or three with a connector (بن, عبد,
  // أبو) or an Arabic family name with the article (زينب الزيدي): a longer
  // run would swallow the verb that often follows.
  void PersonAfterTitle(size_t i) {
    const Token& t = tok_[i];
    bool title = false;
    if (t.script == Script::kArabic) {
      title = ArabicIs(
          t, {"المحامي",  "المحاميه",  "الوزير",   "الوزيره", "الرئيس",  "الرئيسه", "النقيب",
              "المستشار", "المستشاره", "الحارس",   "المدافع", "المهاجم", "اللاعب",  "المدرب",
              "الشيخ",    "الدكتور",   "الدكتوره", "السيد",   "السيده",  "القاضي",  "الجنرال",
              "العقيد",   "اللواء",    "الامير",   "الملك",   "الناطق",  "الكاتب",  "الصحفي",
              "الصحافي",  "الفنان",    "المخرج",   "النائب",  "العميد"},
          true);
    } else if (t.script == Script::kHebrew) {
      title = HebrewIs(t, {"השר",   "השרה",   "חכ",   "הנשיא", "דר",    "השופט", "השופטת",
                           "הרב",   "פרופ",   "עוהד", "מר",    "גברת",  "האלוף", "תאל",
                           "רמטכל", "הרמטכל", "סגן",  "הזמר",  "הזמרת", "השחקן", "השחקנית"});
    }
    if (!title || !Adjacent(i)) return;
    // Titles in a row (הנשיא מר ריבלין): the last one introduces the name.
    if (HebrewIs(tok_[i + 1], {"מר", "גברת", "דר", "פרופ", "השר"}) ||
        ArabicIs(tok_[i + 1], {"السيد", "الدكتور", "الشيخ"}, true)) {
      return;
    }
    const bool arabic = t.script == Script::kArabic;
    auto connector = [&](const Token& w) {
      return arabic && (w.exact == "بن" || w.exact == "ابن" || w.exact == "عبد" ||
                        w.exact == "ابو" || w.exact == "بنت");
    };
    auto name_word = [&](const Token& w, bool first) {
      if (w.script != t.script || !Content(w)) return false;
      if (arabic) {
        return w.exact.rfind("وال", 0) != 0 && (!first || w.exact.rfind("ال", 0) != 0);
      }
      return w.exact.rfind("ה", 0) != 0;
    };
    const size_t j = i + 1;
    if (!name_word(tok_[j], true) && !connector(tok_[j])) return;
    size_t e = j + 1, words = connector(tok_[j]) ? 0 : 1;
    while (e < tok_.size() && Adjacent(e - 1)) {
      const Token& w = tok_[e];
      if (connector(w) && e + 1 < tok_.size() && Adjacent(e) && name_word(tok_[e + 1], false)) {
        e += 2;
        ++words;
        continue;
      }
      if (words >= 2 && !(arabic && words == 2 && w.exact.rfind("ال", 0) == 0)) break;
      if (!name_word(w, false)) break;
      ++e;
      ++words;
      if (words >= 3) break;
    }
    while (e > j + 1 && connector(tok_[e - 1])) --e;
    Emit("name", j, e, j, e);
  }

  // The subject after a verb of speech, which Arabic and Hebrew news put
  // first: "وأضاف بوليف", "قال محمد زيان", "אמר נתניהו", "לדברי ליברמן".
  // At most two words (three with بن/أبو); a role noun (رئيس, ראש) or a
  // definite word after the verb is not a name, and titles are left to
  // PersonAfterTitle.
  void PersonAfterSpeechVerb(size_t i) {
    const Token& t = tok_[i];
    const bool arabic = t.script == Script::kArabic;
    bool verb = false;
    // Set lookups: this runs on every token, and few are verbs.
    static const std::unordered_set<std::string_view> kArabicVerbs = {
        "قال",   "قالت",  "وقال",  "وقالت",  "اكد",  "اكدت",  "واكد", "واكدت",
        "اضاف",  "اضافت", "واضاف", "واضافت", "صرح",  "صرحت",  "وصرح", "اوضح",
        "اوضحت", "واوضح", "اعتبر", "واعتبر", "شدد",  "وشدد",  "كشف",  "وكشف",
        "اعلن",  "واعلن", "افاد",  "وافاد",  "تابع", "وتابع", "يقول", "ويقول"};
    static const std::unordered_set<std::string_view> kHebrewVerbs = {
        "אמר",   "אמרה", "הוסיף", "הוסיפה", "טען",    "טענה", "ציין", "ציינה", "הודיע", "הודיעה",
        "לדברי", "הגיב", "הגיבה", "הבהיר",  "הבהירה", "מסר",  "מסרה", "הצהיר", "הצהירה"};
    if (arabic) {
      verb = kArabicVerbs.count(t.exact) != 0;
    } else if (t.script == Script::kHebrew) {
      verb = kHebrewVerbs.count(t.exact) != 0 ||
             std::any_of(t.alts.begin(), t.alts.end(),
                         [](const std::string& x) { return kHebrewVerbs.count(x) != 0; });
    }
    if (!verb || !Adjacent(i)) return;
    const bool according = HebrewIs(t, {"לדברי"});  // always followed by its source
    auto role = [&](const Token& w) {
      return arabic
                 ? ArabicIs(w, {"رئيس", "وزير", "مدير",  "مسؤول",  "مصدر", "مصادر", "بيان", "بلاغ",
                                "عضو",  "نائب", "امين",  "ممثل",   "سفير", "قائد",  "زعيم", "متحدث",
                                "ان",   "انه",  "انها",  "له",     "لها",  "عنه",   "خلال", "اليوم",
                                "امس",  "ايضا", "بدوره", "بدورها", "فيه",  "عنها",  "كاتب", "احد",
                                "لما",  "الي",  "موقع",  "مصدرا"},
                            false)
                 : HebrewIs(w, {"ראש",  "שר",  "שרת", "דובר", "דוברת", "יור",   "מנכל",   "כי",
                                "לו",   "לה",  "גם",  "עוד",  "היום",  "אתמול", "בתגובה", "את",
                                "אותו", "פעם", "רק",  "זאת",  "זה",    "שם",    "כך"});
    };
    auto name_word = [&](const Token& w, bool first) {
      if (w.script != t.script || !Content(w) || role(w)) return false;
      if (arabic) return !first || w.exact.rfind("ال", 0) != 0;
      // After a Hebrew verb, a word with a proclitic is its object or an
      // adverbial (אמר בעניין, הוסיף לכם) far more often than a name.
      for (std::string_view c : {"ה", "ש", "ב", "ל", "כ", "מ", "ו"}) {
        if (!according && w.exact.rfind(c, 0) == 0) return false;
      }
      return true;
    };
    const size_t j = i + 1;
    if (!name_word(tok_[j], true)) return;
    size_t e = j + 1;
    if (e < tok_.size() && Adjacent(j)) {
      if (arabic && (tok_[e].exact == "بن" || tok_[e].exact == "ابو") && e + 1 < tok_.size() &&
          Adjacent(e) && name_word(tok_[e + 1], false)) {
        e += 2;
      } else if (name_word(tok_[e], false)) {
        ++e;
      }
    }
    Emit("name", j, e, j, e);
  }

  // An institution named by a definite noun and its definite adjectives:
  // "المكتب الوطني للمطارات", "النقابة الوطنية للصحافة المغربية", "الشركة
  // المغربية للحديد والصلب". Alone, a definite trigger is a common noun
  // (الحزب, المكتب السياسي), so two words at least must follow it, the first
  // an adjective with the article.
  void DefiniteArabicOrg(size_t i) {
    const Token& t = tok_[i];
    size_t trim = 0;
    // Only a definite word can open such a name: a cheap test first, since
    // this runs on every token.
    if (t.script != Script::kArabic ||
        (t.exact.find("ال") == std::string::npos && t.exact.find("لل") == std::string::npos) ||
        !ArabicIs(t,
                  {"نقابه", "مكتب", "شركه", "جمعيه", "منظمه", "وكاله", "هيئه", "موسسه", "اتحاد",
                   "مجلس", "جامعه", "محكمه", "بنك", "منتدي", "مركز", "معهد", "صندوق", "مرصد"},
                  true, t_, &trim)) {
      return;
    }
    const std::string_view w = std::string_view(t.exact).substr(trim);
    if (w.rfind("ال", 0) != 0 && w.rfind("لل", 0) != 0)
      return;  // the indefinite is OrgAfterTrigger's
    auto definite = [&](const Token& x) {
      return x.script == Script::kArabic && Content(x) &&
             (x.exact.rfind("ال", 0) == 0 || x.exact.rfind("وال", 0) == 0 ||
              x.exact.rfind("لل", 0) == 0);
    };
    size_t e = i + 1;
    if (e >= tok_.size() || !Adjacent(i) || tok_[e].exact.rfind("ال", 0) != 0 ||
        !definite(tok_[e])) {
      return;
    }
    while (e < tok_.size() && e - i <= 5 && Adjacent(e - 1)) {
      if (definite(tok_[e])) {
        ++e;
      } else if (tok_[e].script == Script::kArabic && tok_[e].exact.rfind("ل", 0) == 0 &&
                 e + 1 < tok_.size() && Adjacent(e) && definite(tok_[e + 1])) {
        e += 2;  // لحقوق الإنسان
      } else {
        break;
      }
    }
    if (e - i < 3) return;
    Emit("org", i, e, i, e, trim);
  }

  // "محمد بن سلمان", "عبد الله بن عمر": two names joined by بن.
  void Patronymic(size_t i) {
    const Token& t = tok_[i];
    if (t.script != Script::kArabic || t.exact != "بن" || i == 0 || i + 1 >= tok_.size() ||
        !Adjacent(i - 1) || !Adjacent(i)) {
      return;
    }
    const Token& a = tok_[i - 1];
    const Token& b = tok_[i + 1];
    if (a.script != t.script || b.script != t.script || !Content(a) || !Content(b) ||
        a.exact.rfind("ال", 0) == 0) {
      return;
    }
    Emit("name", i - 1, i + 2, i - 1, i + 2);
  }

  // A name found once with a cue (title, trigger word, verb of speech) is
  // found again where it recurs without one in the same text: the whole
  // name, and a person's last name alone (ريبلين after الرئيس رؤوفين
  // ريبلين). Arabic and Hebrew only, whose names have no capitals to find
  // them by; a one-letter clitic before the recurrence is left out of it.
  void Propagate() {
    // The first token ending after byte `at` (tokens are in text order).
    auto token_at = [&](uint32_t at) {
      return static_cast<size_t>(std::partition_point(tok_.begin(), tok_.end(),
                                                      [&](const Token& w) { return w.end <= at; }) -
                                 tok_.begin());
    };
    std::vector<std::vector<std::string>> known;
    std::vector<bool> covered(tok_.size(), false);  // tokens inside a mention
    for (const EntityMention& m : *out_) {
      const size_t first = token_at(m.start);
      for (size_t q = first; q < tok_.size() && tok_[q].start < m.end; ++q) covered[q] = true;
      if (m.kind != "name" && m.kind != "org") continue;
      std::vector<std::string> words;
      bool hebrew = false;
      for (size_t q = first; q < tok_.size() && tok_[q].start < m.end; ++q) {
        const Token& w = tok_[q];
        hebrew |= w.script == Script::kHebrew;
        if (w.script != Script::kArabic && w.script != Script::kHebrew) {
          words.clear();
          break;
        }
        std::string x = w.exact;
        if (w.start < m.start) x.erase(0, std::min<size_t>(x.size(), m.start - w.start));
        words.push_back(std::move(x));
      }
      if (words.empty()) continue;
      // The last name alone, in Arabic: a Hebrew title's second word is as
      // often a verb (הנשיא ריבלין אוהבים), which must not recur as a name.
      if (m.kind == "name" && words.size() >= 2 && words.back().size() >= 6 && !hebrew) {
        known.push_back({words.back()});
      }
      known.push_back(std::move(words));
    }
    if (known.empty()) return;
    // A one-word name that recurs after the same word ("רובי ריבלין" three
    // times) is known with that word too: a first name, as the repetition
    // shows, rather than whatever word happens to precede it once.
    std::unordered_set<std::string_view> singles;
    for (const auto& words : known) {
      if (words.size() == 1) singles.insert(words[0]);
    }
    std::map<std::pair<std::string, std::string>, int> before;
    for (size_t i = 1; i < tok_.size() && !singles.empty(); ++i) {
      const Token& p = tok_[i - 1];
      if (singles.count(tok_[i].exact) != 0 && Adjacent(i - 1) && p.script == tok_[i].script &&
          Content(p) && p.exact.rfind("ה", 0) != 0 && p.exact.rfind("ال", 0) != 0) {
        ++before[{p.exact, tok_[i].exact}];
      }
    }
    for (const auto& [pair, n] : before) {
      if (n >= 2) known.push_back({pair.first, pair.second});
    }
    // By first word, longer names first, so a full name is not cut into
    // its last name.
    std::sort(known.begin(), known.end(), [](const auto& a, const auto& b) {
      return a.size() != b.size() ? a.size() > b.size() : a < b;
    });
    known.erase(std::unique(known.begin(), known.end()), known.end());
    // Most tokens are no name's first word: their length rules them out
    // before any hashing.
    size_t min_len = SIZE_MAX, max_len = 0;
    for (const auto& words : known) {
      min_len = std::min(min_len, words[0].size());
      max_len = std::max(max_len, words[0].size() + 2);
    }
    std::vector<bool> length_ok(max_len + 1, false);
    for (const auto& words : known) {
      length_ok[words[0].size()] = true;
      length_ok[words[0].size() + 2] = true;  // with a one-letter clitic
    }
    std::unordered_map<std::string_view, std::vector<const std::vector<std::string>*>> by_first;
    for (const auto& words : known) by_first[words[0]].push_back(&words);
    for (size_t i = 0; i < tok_.size(); ++i) {
      if (covered[i]) continue;
      const Token& first = tok_[i];
      if (first.exact.size() < min_len || first.exact.size() > max_len ||
          !length_ok[first.exact.size()] ||
          (first.script != Script::kArabic && first.script != Script::kHebrew)) {
        continue;
      }
      // و / ו, ب / ב, ل / ל before the name: "لريبلين", "וריבלין".
      size_t skip = 0;
      auto it = by_first.find(first.exact);
      if (it == by_first.end() && first.exact.size() > 2) {
        const std::string_view c = std::string_view(first.exact).substr(0, 2);
        if ((c == "و" || c == "ب" || c == "ل" || c == "ו" || c == "ב" || c == "ל" || c == "ה" ||
             c == "מ" || c == "ש") &&
            t_.substr(first.start, 2) == c) {
          it = by_first.find(std::string_view(first.exact).substr(2));
          skip = 2;
        }
      }
      if (it == by_first.end()) continue;
      for (const std::vector<std::string>* words : it->second) {
        const size_t n = words->size();
        if (i + n > tok_.size()) continue;
        bool match = true;
        for (size_t q = 1; q < n && match; ++q) {
          match = !covered[i + q] && tok_[i + q].exact == (*words)[q] && Adjacent(i + q - 1);
        }
        if (!match) continue;
        Emit("name", i, i + n, i, i + n, skip);
        for (size_t q = i; q < i + n; ++q) covered[q] = true;
        break;
      }
    }
  }

  void OrgBeforeSuffix(size_t i) {
    const Token& t = tok_[i];
    const bool latin =
        LatinIs(t, {"inc", "ltd", "corp", "llc", "plc", "gmbh", "co"}) && t.upper_initial;
    const bool hebrew = t.script == Script::kHebrew && t.exact == "בעמ";
    if ((!latin && !hebrew) || i == 0) return;
    // "Acme Ltd", "Acme, Inc.", "אלביט מערכות בע"מ".
    size_t e = i;  // Name tokens end before the suffix.
    const std::string_view gap = t_.substr(tok_[i - 1].end, t.start - tok_[i - 1].end);
    if (gap != " " && gap != ", ") return;
    size_t s = e;
    while (s > 0 && e - s < 4) {
      const Token& p = tok_[s - 1];
      const bool ok = latin ? (p.script == Script::kLatin && p.upper_initial &&
                               !In(p.exact, std::begin(kLatinNotNames), std::end(kLatinNotNames)))
                            : ((p.script == Script::kHebrew && Content(p)) ||
                               (p.script == Script::kLatin && p.upper_initial));
      if (!ok) break;
      --s;
      if (s > 0 && !Adjacent(s - 1)) break;
    }
    if (s == e) return;
    EntityMention m;
    m.kind = "org";
    m.start = tok_[s].start;
    m.end = t.end;
    // Include the period of "Inc." and the closing quote of בע"מ.
    if (latin && m.end < t_.size() && t_[m.end] == '.') ++m.end;
    m.text = std::string(t_.substr(m.start, m.end - m.start));
    m.value = Value(s, e);
    m.name = std::string(t_.substr(tok_[s].start, tok_[e - 1].end - tok_[s].start));
    out_->push_back(std::move(m));
  }

  // Script of the nearest Arabic/Hebrew/Latin word around tokens [a, b) on
  // the same line: a Latin run in Arabic or Hebrew text is a name.
  Script Context(size_t a, size_t b) const {
    for (size_t k = b; k < tok_.size() && k < b + 4; ++k) {
      if (t_.substr(tok_[k - 1].end, tok_[k].start - tok_[k - 1].end).find('\n') !=
          std::string_view::npos) {
        break;
      }
      if (tok_[k].script == Script::kArabic || tok_[k].script == Script::kHebrew) {
        return tok_[k].script;
      }
      if (tok_[k].script == Script::kLatin) break;
    }
    for (size_t k = a; k > 0 && k + 4 > a; --k) {
      if (t_.substr(tok_[k - 1].end, tok_[k].start - tok_[k - 1].end).find('\n') !=
          std::string_view::npos) {
        break;
      }
      if (tok_[k - 1].script == Script::kArabic || tok_[k - 1].script == Script::kHebrew) {
        return tok_[k - 1].script;
      }
      if (tok_[k - 1].script == Script::kLatin) break;
    }
    return Script::kLatin;
  }

  bool SentenceStart(size_t i) const {
    if (i == 0) return true;
    const std::string_view gap = t_.substr(tok_[i - 1].end, tok_[i].start - tok_[i - 1].end);
    return gap.find_first_of(".!?:\n•*#-|") != std::string_view::npos;
  }

  void LatinRuns() {
    for (size_t i = 0; i < tok_.size();) {
      const Token& t = tok_[i];
      if (!NameWord(t)) {
        ++i;
        continue;
      }
      size_t s = i;
      size_t e = LatinRunEnd(i, 6);
      // A capitalized function word opens many sentences: not a name; nor
      // is a troff request at the start of a line (.IX Header, .SH).
      while (s < e && (In(tok_[s].exact, std::begin(kLatinNotNames), std::end(kLatinNotNames)) ||
                       TroffRequest(tok_[s]))) {
        ++s;
      }
      if (s < e) {
        const Script ctx = Context(s, e);
        bool shouting = true;  // WIDE FLAGS: a heading in capitals.
        for (size_t q = s; q < e; ++q) shouting &= Shouted(tok_[q], 4);
        if (ctx == Script::kArabic || ctx == Script::kHebrew) {
          Emit("name", s, e, s, e);
        } else if (e - s >= 2 && !shouting && !InHeaderRow(s, e)) {
          Emit("name", s, e, s, e);
        }
      }
      i = std::max(e, i + 1);
    }
  }

  void Quoted() {
    // Opening and closing marks; '"' is gershayim when between Hebrew
    // letters, and then the analyzer keeps the acronym as one token.
    static constexpr std::pair<std::string_view, std::string_view> kPairs[] = {
        {"«", "»"}, {"“", "”"}, {"״", "״"}, {"\"", "\""}, {"„", "“"}};
    size_t k = 0;  // First token at or after the open mark.
    for (size_t i = 0; i < t_.size(); ++i) {
      // Every byte is a candidate: skip those no mark starts with (the
      // first bytes of the marks above) before comparing five strings.
      const auto b = static_cast<unsigned char>(t_[i]);
      if (b != '"' && b != 0xC2 && b != 0xD7 && b != 0xE2) continue;
      for (const auto& [open, close] : kPairs) {
        if (t_.compare(i, open.size(), open) != 0) continue;
        while (k < tok_.size() && tok_[k].start < i + open.size()) ++k;
        if (k > 0 && tok_[k - 1].end > i) break;  // Inside a token (gershayim).
        // An opening mark follows a space or punctuation, never a letter.
        if (i > 0 && IsWordChar(PrevChar(t_, i))) break;
        const size_t c = t_.find(close, i + open.size());
        if (c == std::string_view::npos || c - i > 80) break;
        // Past a rejected pair, so its closing mark opens nothing.
        const size_t after = c + close.size();
        const std::string_view inner = t_.substr(i + open.size(), c - i - open.size());
        size_t len = 0;
        const bool closed = after >= t_.size() || (!IsWordChar(DecodeAt(t_, after, &len)) &&
                                                   t_[after] != '"' && t_[after] != '\'');
        size_t e = k;
        while (e < tok_.size() && tok_[e].end <= c) ++e;
        // Names in quotes are short and have no clause punctuation; a
        // lone Arabic or Hebrew letter is a split acronym (ב ״ ה), and a
        // lowercase English word in quotes is a term, not a name.
        bool ok = closed && inner.find_first_of("\n.!?;,") == std::string_view::npos && e > k &&
                  e - k <= 3 && !(e < tok_.size() && tok_[e].start < after);
        bool content = false;
        for (size_t q = k; ok && q < e; ++q) {
          content |= Content(tok_[q]);
          const bool semitic =
              tok_[q].script == Script::kArabic || tok_[q].script == Script::kHebrew;
          ok &= !(semitic && tok_[q].exact.size() <= 2);
          // A function word (של, في) makes a phrase, not a name.
          ok &= !(semitic && e - k > 1 && TokenNameKeys(tok_[q]).empty());
        }
        // Latin words in quotes: not a heading in capitals (troff's .SH
        // "SYNOPSIS"), and in English text not a single word (a term).
        bool all_caps = true, latin_only = true;
        for (size_t q = k; q < e; ++q) {
          all_caps &= tok_[q].script == Script::kLatin && Shouted(tok_[q], 2);
          latin_only &= tok_[q].script == Script::kLatin || tok_[q].script == Script::kNumber;
        }
        ok &= !all_caps && !(latin_only && e - k == 1 && Context(k, e) == Script::kLatin);
        if (!ok || !content) {
          if (open == close) i = after - 1;
          break;
        }
        EntityMention m;
        m.kind = "quoted";
        m.start = tok_[k].start;
        m.end = tok_[e - 1].end;
        m.text = std::string(t_.substr(m.start, m.end - m.start));
        m.value = Value(k, e);
        out_->push_back(std::move(m));
        i = c + close.size() - 1;
        break;
      }
    }
  }

  std::string_view t_;
  const std::vector<Token>& tok_;
  std::vector<EntityMention>* out_;
};

int Priority(std::string_view kind) {
  if (kind == "email" || kind == "url" || kind == "iban") return 0;
  if (kind.rfind("custom:", 0) == 0) return 1;
  if (kind == "phone") return 2;
  if (kind == "unit") return 3;
  if (kind == "org") return 4;
  if (kind == "quoted") return 5;
  return 6;
}

}  // namespace

bool IsNameKind(std::string_view kind) {
  return kind == "org" || kind == "name" || kind == "quoted";
}

bool IbanChecksumValid(std::string_view iban) {
  std::string compact;
  for (char c : iban) {
    if (c != ' ') compact.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return Mod97(compact);
}

struct EntityFinder::Impl {
  EntityOptions options;
  std::vector<std::pair<std::string, std::unique_ptr<icu::RegexPattern>>> patterns;
};

EntityFinder::EntityFinder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EntityFinder::~EntityFinder() = default;

Result<std::unique_ptr<EntityFinder>> EntityFinder::Create(const EntityOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  for (const CustomPattern& p : options.custom) {
    if (p.name.empty() || std::any_of(p.name.begin(), p.name.end(), [](char c) {
          return !(IsAsciiAlnum(static_cast<unsigned char>(c)) || c == '_' || c == '-');
        })) {
      return Status::InvalidArgument("bad pattern name '" + p.name + "'");
    }
    UErrorCode status = U_ZERO_ERROR;
    UParseError perr;
    std::unique_ptr<icu::RegexPattern> re(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(p.regex), 0, perr, status));
    if (U_FAILURE(status) || !re) {
      return Status::InvalidArgument("pattern '" + p.name + "' does not compile at offset " +
                                     std::to_string(perr.offset) + ": " + u_errorName(status));
    }
    impl->patterns.emplace_back("custom:" + p.name, std::move(re));
  }
  return std::unique_ptr<EntityFinder>(new EntityFinder(std::move(impl)));
}

std::vector<EntityMention> EntityFinder::Find(std::string_view text, Analyzer& analyzer) const {
  std::vector<Token> tokens;
  if (impl_->options.names) analyzer.Analyze(text, 0, &tokens);
  return Find(text, tokens);
}

std::vector<EntityMention> EntityFinder::Find(std::string_view text,
                                              const std::vector<Token>& tokens) const {
  std::string scratch;
  // Offsets stay valid: sanitizing replaces bytes one for one.
  const std::string_view t = internal::SanitizeUtf8(text, &scratch);
  std::vector<EntityMention> found;
  FindEmails(t, &found);
  FindUrls(t, &found);
  FindIbans(t, &found);
  FindPhones(t, &found);
  for (const auto& [kind, pattern] : impl_->patterns) {
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, t.data(), static_cast<int64_t>(t.size()), &status);
    std::unique_ptr<icu::RegexMatcher> m(pattern->matcher(status));
    if (U_FAILURE(status) || !m) {
      utext_close(ut);
      continue;
    }
    m->reset(ut);
    m->setTimeLimit(impl_->options.regex_time_limit, status);
    while (U_SUCCESS(status) && m->find(status)) {
      const int64_t s = m->start64(status), e = m->end64(status);
      if (U_FAILURE(status) || e <= s) continue;
      std::string surface(t.substr(static_cast<size_t>(s), static_cast<size_t>(e - s)));
      found.push_back(
          {kind, surface, surface, static_cast<uint32_t>(s), static_cast<uint32_t>(e), ""});
    }
    utext_close(ut);
  }
  if (impl_->options.names) NameRules(t, tokens, &found).Run();

  // Resolve overlaps: by kind priority, then longer first.
  std::stable_sort(found.begin(), found.end(), [](const EntityMention& a, const EntityMention& b) {
    const int pa = Priority(a.kind), pb = Priority(b.kind);
    if (pa != pb) return pa < pb;
    if (a.end - a.start != b.end - b.start) return a.end - a.start > b.end - b.start;
    return a.start < b.start;
  });
  found.erase(std::remove_if(found.begin(), found.end(),
                             [](const EntityMention& m) { return m.value.empty(); }),
              found.end());
  return KeepDisjoint(std::move(found));
}

}  // namespace tahqiq::analyze
