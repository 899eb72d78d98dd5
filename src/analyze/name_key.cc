// Consonant-skeleton name keys (ref §3): the prototype's letter classes,
// plus the alternatives it recommends for its misses (ج -> J/G, initial
// ي/י -> Y/J, ب -> B/P as one class, c -> K/S by the next letter).
#include "analyze/name_key.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_map>

#include "analyze/internal/script_rules.h"

namespace tahqiq::analyze {
namespace {

enum class Letters : uint8_t { kLatin, kArabic, kHebrew };

// One letter of the name, after case and accent folding.
struct Letter {
  char32_t c = 0;
  Letters script = Letters::kLatin;
  bool word_start = false;
  bool word_end = false;
  bool geresh = false;  // Hebrew letter followed by a geresh (ג' = j).
};

// One sound: up to three spellings in key classes ("" = silent), the first
// preferred. `adjacent`: no silent letter stands between it and the sound
// before, so a repeated class there is one doubled letter (mm, لل).
struct Unit {
  std::array<std::string_view, 3> opts{};
  uint8_t n = 0;
  bool adjacent = false;
  // A repeated class right after the same class is one doubled letter in
  // Latin (mm, ll). Arabic and Hebrew write doubling once (shadda), so two
  // letters there may be two sounds (פפסי = Pepsi) or the article's lam
  // before lam (الله = Allah): both keys are made.
  bool both = false;
};

bool InRange(char32_t c, char32_t lo, char32_t hi) { return c >= lo && c <= hi; }

bool LatinScript(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_LATIN;
}

// Decodes and folds `name` into letters of the three scripts. Anything else
// separates words; marks are skipped.
std::vector<Letter> Decode(std::string_view name) {
  std::vector<Letter> out;
  const auto* s = reinterpret_cast<const uint8_t*>(name.data());
  const auto n = static_cast<int32_t>(name.size());
  bool boundary = true;
  std::u32string folded;
  auto push = [&](char32_t c, Letters script) {
    Letter l;
    l.c = c;
    l.script = script;
    l.word_start = boundary;
    if (!out.empty() && boundary) out.back().word_end = true;
    boundary = false;
    out.push_back(l);
  };
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) continue;
    if (c < 0x80) {
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        push(static_cast<char32_t>(c | 0x20), Letters::kLatin);
      } else if (c == '\'' && !out.empty() && !boundary && out.back().script == Letters::kHebrew) {
        out.back().geresh = true;
      } else if (c != '\'') {
        boundary = true;  // Spaces, hyphens, digits, quotes: a new word.
      }
      continue;
    }
    const auto u = static_cast<char32_t>(c);
    if (InRange(u, 0x05D0, 0x05EA)) {
      push(u, Letters::kHebrew);
    } else if (u == 0x05F0 || u == 0x05F1 || u == 0x05F2) {  // Ligatures װ ױ ײ.
      push(u == 0x05F2 ? U'י' : U'ו', Letters::kHebrew);
      push(u == 0x05F0 ? U'ו' : U'י', Letters::kHebrew);
    } else if (u == 0x05F3 || u == 0x2019 || u == 0x2018 || u == 0x201B) {
      if (!out.empty() && !boundary && out.back().script == Letters::kHebrew) {
        out.back().geresh = true;
      }
    } else if (InRange(u, 0x0621, 0x064A) || InRange(u, 0x0671, 0x06D3)) {
      push(u, Letters::kArabic);
    } else if (u_charType(c) == U_NON_SPACING_MARK || u == 0x0640 || InRange(u, 0x200B, 0x200F) ||
               InRange(u, 0x202A, 0x202E) || InRange(u, 0x2066, 0x2069) || u == 0x00AD ||
               u == 0x061C || u == 0xFEFF) {
      continue;  // Harakat, niqqud, accents, tatweel, invisible controls.
    } else if (LatinScript(c) || u == 0x00DF) {
      folded.clear();
      const UChar32 lower = u_tolower(c);
      internal::FoldLatinToAscii(static_cast<char32_t>(lower), &folded);
      for (char32_t f : folded) {
        if (f < 0x80 && f >= 'a' && f <= 'z') push(f, Letters::kLatin);
      }
    } else {
      boundary = true;
    }
  }
  if (!out.empty()) out.back().word_end = true;
  return out;
}

bool IsLatinVowel(char32_t c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

class UnitBuilder {
 public:
  void Add(std::string_view a) { Add({a}, 1); }
  void Add(std::string_view a, std::string_view b) { Add({a, b}, 2); }
  void Add(std::string_view a, std::string_view b, std::string_view c) { Add({a, b, c}, 3); }
  void Silent() { silent_ = true; }
  void SetScript(Letters script) { both_ = script != Letters::kLatin; }
  std::vector<Unit> Take() { return std::move(units_); }

 private:
  void Add(std::array<std::string_view, 3> opts, uint8_t n) {
    Unit u;
    u.opts = opts;
    u.n = n;
    u.adjacent = !silent_;
    u.both = both_;
    silent_ = false;
    units_.push_back(u);
  }
  std::vector<Unit> units_;
  bool silent_ = true;
  bool both_ = false;
};

// Latin letters of one word, from `i`; returns the index after the word.
size_t LatinUnits(const std::vector<Letter>& w, size_t i, UnitBuilder* b) {
  // The letter at k if it continues the word, else 0.
  auto at = [&](size_t k) -> char32_t {
    return k < w.size() && w[k].script == Letters::kLatin && !w[k].word_start ? w[k].c : 0;
  };
  const size_t begin = i;
  while (i < w.size() && (i == begin || !w[i].word_start) && w[i].script == Letters::kLatin) {
    const char32_t c = w[i].c;
    const char32_t next = at(i + 1);
    const char32_t next2 = at(i + 2);
    size_t used = 1;
    switch (c) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
      case 'y':
      case 'w':
        b->Silent();
        break;
      case 'h':
        // A final h after a vowel is silent (Allah, Sarah).
        if (next == 0 && i > begin && IsLatinVowel(w[i - 1].c)) {
          b->Silent();
        } else {
          b->Add("H");
        }
        break;
      case 'b':
      case 'p':
        if (c == 'p' && next == 'h') {
          b->Add("F");
          used = 2;
        } else {
          b->Add("B");
        }
        break;
      case 'f':
      case 'v':
        b->Add("F");
        break;
      case 't':
        if (next == 'h') {
          b->Add("T");
          used = 2;
        } else if (next == 'z' || next == 's') {
          b->Add("S");
          used = 2;
        } else if (next == 'c' && next2 == 'h') {
          b->Add("S");
          used = 3;
        } else {
          b->Add("T");
        }
        break;
      case 'd':
        if (next == 'h') {
          b->Add("D");
          used = 2;
        } else if (next == 'j') {
          b->Add("J");
          used = 2;
        } else {
          b->Add("D");
        }
        break;
      case 'k':
        if (next == 'h') {
          b->Add("H");
          used = 2;
        } else {
          b->Add("K");
        }
        break;
      case 'q':
        b->Add("K");
        break;
      case 'c':
        if (next == 'h') {
          b->Add("S", "K", "H");
          used = 2;
        } else if (next == 'k') {
          b->Add("K");
          used = 2;
        } else if (next == 'e' || next == 'i' || next == 'y') {
          b->Add("S");
        } else {
          b->Add("K");
        }
        break;
      case 's':
        if (next == 'h') {
          b->Add("S");
          used = 2;
        } else if (next == 'c' && next2 == 'h') {
          b->Add("S");
          used = 3;
        } else {
          b->Add("S");
        }
        break;
      case 'z':
        if (next == 'h') {
          b->Add("J");
          used = 2;
        } else {
          b->Add("S");
        }
        break;
      case 'g':
        if (next == 'h') {
          b->Add("G");
          used = 2;
        } else if (next == 'e' || next == 'i') {
          b->Add("G", "J");
        } else {
          b->Add("G");
        }
        break;
      case 'j':
        b->Add("J", "");
        break;
      case 'x':
        b->Add("KS");
        break;
      case 'l':
        b->Add("L");
        break;
      case 'm':
        b->Add("M");
        break;
      case 'n':
        b->Add("N");
        break;
      case 'r':
        b->Add("R");
        break;
      default:
        b->Silent();
    }
    i += used;
  }
  return i;
}

size_t ArabicUnits(const std::vector<Letter>& w, size_t i, UnitBuilder* b) {
  const size_t begin = i;
  for (; i < w.size() && (i == begin || !w[i].word_start) && w[i].script == Letters::kArabic; ++i) {
    const char32_t c = w[i].c;
    const bool initial = i == begin;
    const bool final = w[i].word_end || i + 1 == w.size();
    switch (c) {
      case U'ب':
      case U'پ':
        b->Add("B");
        break;
      case U'ت':
        if (!final && w[i + 1].c == U'ش') {  // تش spells "ch".
          b->Add("S");
          ++i;
        } else {
          b->Add("T");
        }
        break;
      case U'ط':
        b->Add("T");
        break;
      case U'ث':
        b->Add("T", "S");
        break;
      case U'ج':
        b->Add("J", "G");
        break;
      case U'چ':
        b->Add("S");
        break;
      case U'ح':
      case U'خ':
        b->Add("H");
        break;
      case U'ه':
      case U'ۀ':
      case U'ہ':
      case U'ھ':
        if (final) {
          b->Silent();
        } else {
          b->Add("H");
        }
        break;
      case U'د':
      case U'ض':
        b->Add("D");
        break;
      case U'ذ':
        b->Add("D", "S");
        break;
      case U'ر':
        b->Add("R");
        break;
      case U'ز':
      case U'ظ':
      case U'س':
      case U'ش':
      case U'ص':
        b->Add("S");
        break;
      case U'ژ':
        b->Add("J");
        break;
      case U'غ':
      case U'گ':
        b->Add("G");
        break;
      case U'ف':
      case U'ڤ':
        b->Add("F");
        break;
      case U'ق':
      case U'ك':
      case U'ک':
        b->Add("K");
        break;
      case U'ل':
        b->Add("L");
        break;
      case U'م':
        b->Add("M");
        break;
      case U'ن':
        b->Add("N");
        break;
      case U'ي':
      case U'ی':
        if (initial) {
          b->Add("", "J");
        } else {
          b->Silent();
        }
        break;
      default:  // Alef forms, hamza, ع, و, ى, ة.
        b->Silent();
    }
  }
  return i;
}

size_t HebrewUnits(const std::vector<Letter>& w, size_t i, UnitBuilder* b) {
  const size_t begin = i;
  for (; i < w.size() && (i == begin || !w[i].word_start) && w[i].script == Letters::kHebrew; ++i) {
    const Letter& l = w[i];
    const bool initial = i == begin;
    const bool final = l.word_end || i + 1 == w.size();
    const char32_t next = final ? 0 : w[i + 1].c;
    switch (l.c) {
      case U'ב':
        b->Add("B", "F");
        break;
      case U'ג':
        b->Add(l.geresh ? "J" : "G");
        break;
      case U'ד':
        b->Add("D");
        break;
      case U'ה':
        if (final) {
          b->Silent();
        } else {
          b->Add("H");
        }
        break;
      case U'ו':
        if (next == U'ו') {  // וו spells v or w (וולוו, טוויטר).
          b->Add("F", "");
          ++i;
        } else if (initial || final) {
          b->Silent();
        } else {
          b->Add("", "F");
        }
        break;
      case U'ז':
        b->Add(l.geresh ? "J" : "S");
        break;
      case U'ח':
        b->Add("H");
        break;
      case U'ט':
      case U'ת':
        b->Add("T");
        break;
      case U'י':
        if (initial && next != U'י') {
          b->Add("", "J");
        } else {
          b->Silent();
        }
        break;
      case U'כ':
      case U'ך':
      case U'ק':
        b->Add("K");
        break;
      case U'ל':
        b->Add("L");
        break;
      case U'מ':
      case U'ם':
        b->Add("M");
        break;
      case U'נ':
      case U'ן':
        b->Add("N");
        break;
      case U'ס':
      case U'צ':
      case U'ץ':
      case U'ש':
        b->Add("S");
        break;
      case U'פ':
        if (initial) {
          b->Add("B", "F");
        } else {
          b->Add("F", "B");
        }
        break;
      case U'ף':
        b->Add("F");
        break;
      case U'ר':
        b->Add("R");
        break;
      case U'ע':  // Also spells Arabic غ (עזה = Gaza).
        if (initial) {
          b->Add("", "G");
        } else {
          b->Silent();
        }
        break;
      default:  // א
        b->Silent();
    }
  }
  return i;
}

std::vector<Unit> Units(const std::vector<Letter>& letters, size_t from) {
  UnitBuilder b;
  size_t i = from;
  while (i < letters.size()) {
    b.Silent();  // No doubled letter across words.
    b.SetScript(letters[i].script);
    switch (letters[i].script) {
      case Letters::kLatin:
        i = LatinUnits(letters, i, &b);
        break;
      case Letters::kArabic:
        i = ArabicUnits(letters, i, &b);
        break;
      case Letters::kHebrew:
        i = HebrewUnits(letters, i, &b);
        break;
    }
  }
  return b.Take();
}

void Expand(const std::vector<Unit>& units, size_t i, std::string* cur, bool prev_sounded,
            size_t limit, std::vector<std::string>* out) {
  if (out->size() >= limit) return;
  if (i == units.size()) {
    if (cur->size() >= 2 && std::find(out->begin(), out->end(), *cur) == out->end()) {
      out->push_back(*cur);
    }
    return;
  }
  const Unit& u = units[i];
  for (uint8_t k = 0; k < u.n && out->size() < limit; ++k) {
    const std::string_view o = u.opts[k];
    const size_t mark = cur->size();
    const bool doubled =
        !o.empty() && u.adjacent && prev_sounded && !cur->empty() && cur->back() == o[0];
    cur->append(doubled ? o.substr(1) : o);
    Expand(units, i + 1, cur, !o.empty(), limit, out);
    cur->resize(mark);
    if (doubled && u.both) {
      cur->append(o);
      Expand(units, i + 1, cur, true, limit, out);
      cur->resize(mark);
    }
  }
}

size_t CountLetters(const std::vector<Letter>& w, size_t from) { return w.size() - from; }

// Where the name may start once leading clitics are removed (0 = as is).
std::vector<size_t> CliticStarts(const std::vector<Letter>& w) {
  std::vector<size_t> starts{0};
  if (w.empty()) return starts;
  const bool one_word =
      std::none_of(w.begin() + 1, w.end(), [](const Letter& l) { return l.word_start; });
  if (!one_word) return starts;
  auto add = [&](size_t s) {
    if (CountLetters(w, s) >= 3 && std::find(starts.begin(), starts.end(), s) == starts.end()) {
      starts.push_back(s);
    }
  };
  auto is = [&](size_t k, char32_t c) { return k < w.size() && w[k].c == c; };
  if (w[0].script == Letters::kArabic) {
    std::vector<size_t> s1{0};
    if (is(0, U'و') || is(0, U'ف')) s1.push_back(1);
    std::vector<size_t> s2;
    for (size_t s : s1) {
      s2.push_back(s);
      if (is(s, U'ل') && is(s + 1, U'ل')) s2.push_back(s + 2);  // ل + ال
      if (is(s, U'ب') || is(s, U'ل') || is(s, U'ك')) s2.push_back(s + 1);
    }
    for (size_t s : s2) {
      add(s);
      if (is(s, U'ا') && is(s + 1, U'ل')) add(s + 2);
    }
  } else if (w[0].script == Letters::kHebrew) {
    std::vector<size_t> s1{0};
    if (is(0, U'ו')) s1.push_back(1);
    std::vector<size_t> s2;
    for (size_t s : s1) {
      s2.push_back(s);
      if (is(s, U'ש')) s2.push_back(s + 1);
    }
    std::vector<size_t> s3;
    for (size_t s : s2) {
      s3.push_back(s);
      if (is(s, U'ב') || is(s, U'כ') || is(s, U'ל') || is(s, U'מ')) s3.push_back(s + 1);
    }
    for (size_t s : s3) {
      add(s);
      if (is(s, U'ה')) add(s + 1);
    }
  }
  return starts;
}

// Function words that are never names, as normalized by the Analyzer.
// clang-format off
constexpr std::string_view kArabicFunctionWords[] = {
    "في", "من", "علي", "الي", "عن", "ان", "ما", "لا", "لم", "لن", "هذا", "هذه", "ذلك", "تلك",
    "التي", "الذي", "الذين", "هو", "هي", "هم", "كان", "كانت", "قد", "ثم", "او", "بين", "عند", "كل",
    "بعد", "قبل", "حتي", "مع", "منذ", "لكن", "اذا", "ايضا", "عليه", "عليها", "فيه", "فيها", "منه",
    "منها", "له", "لها", "به", "بها", "وفي", "ومن", "وعلي", "وان", "الا", "انه", "انها", "التي",
    "وهو", "وهي", "كما", "حيث", "لقد", "اي", "يكون", "تكون", "هناك", "هنا", "غير", "دون", "خلال",
    "عبر", "نحو", "ضد", "لدي", "لان", "بان", "وقد", "وكان", "فان", "اما", "امام", "بل", "سوف",
};
// clang-format on
// clang-format off
constexpr std::string_view kEnglishFunctionWords[] = {
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "in", "on", "at", "for",
    "and", "but", "or", "if", "when", "where", "what", "who", "how", "why", "we", "you", "he",
    "she", "they", "i", "my", "our", "your", "his", "her", "their", "there", "here", "is", "are",
    "was", "were", "be", "not", "no", "yes", "to", "of", "by", "with", "from", "as", "all", "any",
    "some", "each", "see", "use", "note", "after", "before", "also", "then", "so", "do", "does",
    "however", "please", "new", "can", "will", "may", "should", "must", "one", "two", "first",
    "last", "other",
};
// clang-format on

constexpr size_t kMemoEntries = 1 << 16;

struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

bool IsFunctionWord(const Token& t) {
  switch (t.script) {
    case Script::kArabic:
      return std::find(std::begin(kArabicFunctionWords), std::end(kArabicFunctionWords), t.exact) !=
             std::end(kArabicFunctionWords);
    case Script::kLatin:
      return std::find(std::begin(kEnglishFunctionWords), std::end(kEnglishFunctionWords),
                       t.exact) != std::end(kEnglishFunctionWords);
    case Script::kHebrew:
      return internal::IsHebrewFunctionWord(t.exact);
    default:
      return false;
  }
}

}  // namespace

std::vector<std::string> NameKeys(std::string_view name) {
  std::vector<std::string> keys;
  const std::vector<Letter> letters = Decode(name);
  if (letters.empty()) return keys;
  const std::vector<size_t> starts = CliticStarts(letters);
  // Each form's own best keys first, then alternatives, within the limit.
  // A form without clitics contributes its few best keys only.
  std::vector<std::vector<std::string>> per_start;
  for (size_t s : starts) {
    std::vector<std::string> k;
    std::string cur;
    Expand(Units(letters, s), 0, &cur, false, s == 0 ? kMaxNameKeys : kMaxNameKeys / 4, &k);
    per_start.push_back(std::move(k));
  }
  for (size_t rank = 0; rank < kMaxNameKeys && keys.size() < kMaxNameKeys; ++rank) {
    for (const auto& k : per_start) {
      if (rank < k.size() && keys.size() < kMaxNameKeys &&
          std::find(keys.begin(), keys.end(), k[rank]) == keys.end()) {
        keys.push_back(k[rank]);
      }
    }
  }
  return keys;
}

std::vector<std::string> TokenNameKeys(const Token& token) { return TokenNameKeysRef(token); }

const std::vector<std::string>& TokenNameKeysRef(const Token& token) {
  static const std::vector<std::string> kNone;
  switch (token.script) {
    case Script::kArabic:
    case Script::kHebrew:
      break;
    case Script::kLatin:
      if (!token.upper_initial) return kNone;
      break;
    default:
      return kNone;
  }
  if (token.exact.size() < 3 || IsFunctionWord(token)) return kNone;
  std::string_view word = token.exact;
  if (word.size() > 2 && word.substr(word.size() - 2) == "'s") word.remove_suffix(2);
  // Words recur (Zipf), and the index writer asks for every one: a small
  // per-thread memo saves most of the work.
  thread_local std::unordered_map<std::string, std::vector<std::string>, ViewHash, std::equal_to<>>
      memo;
  if (auto it = memo.find(word); it != memo.end()) return it->second;
  if (memo.size() >= kMemoEntries) memo.clear();
  return memo.emplace(std::string(word), NameKeys(word)).first->second;
}

bool NamesMatch(std::string_view a, std::string_view b) {
  const std::vector<std::string> ka = NameKeys(a);
  const std::vector<std::string> kb = NameKeys(b);
  for (const auto& k : ka) {
    if (std::find(kb.begin(), kb.end(), k) != kb.end()) return true;
  }
  return false;
}

}  // namespace tahqiq::analyze
