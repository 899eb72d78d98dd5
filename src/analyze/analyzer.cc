#include "analyze/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyze/internal/script_rules.h"
#include "analyze/internal/utf8.h"

namespace tahqiq::analyze {
namespace {

using internal::ScriptRules;

constexpr size_t kScriptCount = static_cast<size_t>(Script::kNumber) + 1;

// What a word is made of, from its surface code points.
struct WordCounts {
  ScriptCounts letters;  // Letters with a definite script (not Common/Inherited).
  uint32_t digits = 0;   // Decimal digits of any script.
};

// What a code point contributes to a word's script runs. Marks, Common
// and Inherited characters (tatweel, ZWNJ, apostrophes) join the run they
// are in, so a split never separates a letter from its harakat or niqqud.
enum class RunClass : uint8_t { kNone, kLatin, kArabic, kHebrew, kDigit, kOtherLetter };

// The basic Hebrew and Arabic letters (general category Lo, script Hebrew
// or Arabic) and harakat and niqqud (Mn), which make up most Arabic and
// Hebrew text: classified without ICU's two property lookups per
// character, which were most of the cost of classifying a word. The ranges
// are what ICU says of every code point in them.
bool IsBasicHebrewLetter(UChar32 c) { return c >= 0x05D0 && c <= 0x05EA; }
bool IsBasicArabicLetter(UChar32 c) {
  return (c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A);
}
bool IsBasicMark(UChar32 c) { return (c >= 0x064B && c <= 0x065F) || (c >= 0x05B0 && c <= 0x05BD); }

RunClass ClassOf(UChar32 c) {
  if (c < 0x80) {
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return RunClass::kLatin;
    return c >= '0' && c <= '9' ? RunClass::kDigit : RunClass::kNone;
  }
  if (IsBasicHebrewLetter(c)) return RunClass::kHebrew;
  if (IsBasicArabicLetter(c)) return RunClass::kArabic;
  if (IsBasicMark(c)) return RunClass::kNone;
  const uint32_t mask = U_MASK(u_charType(c));
  if (mask & U_GC_ND_MASK) return RunClass::kDigit;
  if (!(mask & U_GC_L_MASK)) return RunClass::kNone;
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(c, &status)) {
    case USCRIPT_LATIN:
      return RunClass::kLatin;
    case USCRIPT_ARABIC:
      return RunClass::kArabic;
    case USCRIPT_HEBREW:
      return RunClass::kHebrew;
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
      return RunClass::kNone;
    default:
      return RunClass::kOtherLetter;
  }
}

void CountChar(UChar32 c, WordCounts* counts) {
  if (c < 0x80) {
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
      ++counts->letters.latin;
    } else if (c >= '0' && c <= '9') {
      ++counts->digits;
    }
    return;
  }
  if (IsBasicHebrewLetter(c)) {
    ++counts->letters.hebrew;
    return;
  }
  if (IsBasicArabicLetter(c)) {
    ++counts->letters.arabic;
    return;
  }
  if (IsBasicMark(c)) return;
  const uint32_t mask = U_MASK(u_charType(c));
  if (mask & U_GC_ND_MASK) {
    ++counts->digits;
    return;
  }
  if (!(mask & U_GC_L_MASK)) return;
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(c, &status)) {
    case USCRIPT_LATIN:
      ++counts->letters.latin;
      break;
    case USCRIPT_ARABIC:
      ++counts->letters.arabic;
      break;
    case USCRIPT_HEBREW:
      ++counts->letters.hebrew;
      break;
    // Tatweel and similar shared letters say nothing about the language.
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
      break;
    default:
      ++counts->letters.other;
  }
}

WordCounts CountWord(std::string_view word) {
  WordCounts counts;
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  const auto n = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    CountChar(c, &counts);
  }
  return counts;
}

bool HasLetterOrDigit(const WordCounts& c) {
  const ScriptCounts& l = c.letters;
  return c.digits + l.arabic + l.hebrew + l.latin + l.other > 0;
}

// The script with most letters (ties go to Arabic, then Hebrew, then Latin);
// kNumber for digits only; kOther when there is neither.
Script DominantScript(const WordCounts& c) {
  const ScriptCounts& l = c.letters;
  if (l.arabic + l.hebrew + l.latin + l.other == 0) {
    return c.digits > 0 ? Script::kNumber : Script::kOther;
  }
  const uint64_t most = std::max({l.arabic, l.hebrew, l.latin, l.other});
  if (l.arabic == most) return Script::kArabic;
  if (l.hebrew == most) return Script::kHebrew;
  if (l.latin == most) return Script::kLatin;
  return Script::kOther;
}

}  // namespace

std::string MainLanguage(const ScriptCounts& counts) {
  const uint64_t most = std::max({counts.arabic, counts.hebrew, counts.latin, counts.other});
  if (most == 0) return "und";
  if (counts.arabic == most) return "ar";
  if (counts.hebrew == most) return "he";
  if (counts.latin == most) return "en";
  return "und";  // Another script (Cyrillic, CJK, ...) dominates.
}

struct Analyzer::Impl {
  const icu::Normalizer2* nfkc_casefold = nullptr;
  std::unique_ptr<icu::BreakIterator> words;
  UText utext = UTEXT_INITIALIZER;
  std::array<std::unique_ptr<ScriptRules>, kScriptCount> rules;

  // Reused across calls so the per-word path does not allocate.
  std::string sanitized;
  std::string folded;
  std::u32string chars;
  std::u32string piece;
  // The text as UTF-16 for the break iterator, and the UTF-8 offset of each
  // of its units (plus the end): ICU's iterator reads UTF-16 directly,
  // while through a UTF-8 UText it converted small chunks on every access
  // (a sixth of a Hebrew search's instructions).
  std::u16string utf16;
  std::vector<uint32_t> utf8_at;

  // Fills utf16 and utf8_at from `valid`; false if a sequence is not
  // well-formed UTF-8 (then the caller reads `valid` as UTF-8).
  bool ToUtf16(std::string_view valid) {
    const auto* s = reinterpret_cast<const uint8_t*>(valid.data());
    const auto n = static_cast<int32_t>(valid.size());
    utf16.resize(valid.size());
    utf8_at.resize(valid.size() + 1);
    size_t u = 0;
    for (int32_t i = 0; i < n;) {
      const auto at = static_cast<uint32_t>(i);
      if (s[i] < 0x80) {
        utf16[u] = static_cast<char16_t>(s[i++]);
        utf8_at[u++] = at;
        continue;
      }
      UChar32 c;
      U8_NEXT(s, i, n, c);
      if (c < 0) return false;
      if (c <= 0xFFFF) {
        utf16[u] = static_cast<char16_t>(c);
        utf8_at[u++] = at;
      } else {
        utf16[u] = static_cast<char16_t>(U16_LEAD(c));
        utf8_at[u++] = at;
        utf16[u] = static_cast<char16_t>(U16_TRAIL(c));
        utf8_at[u++] = at;
      }
    }
    utf16.resize(u);
    utf8_at[u] = static_cast<uint32_t>(valid.size());
    utf8_at.resize(u + 1);
    return true;
  }

  // The tokens of recently seen words, one slot per hash of the word and
  // its script: text repeats its words, and normalizing and stemming one
  // (ICU's NFKC_Casefold, the script's rules, a Snowball stem of about
  // 2,000 instructions) was most of a CLI search's snippet analysis
  // (bench/RESULTS.md). A word's tokens depend on its surface and script
  // alone, except in query mode, which AnalyzeQuery sets and which
  // bypasses the slots.
  struct WordSlot {
    Script script = Script::kOther;
    std::string surface;
    std::vector<Token> tokens;  // Positions and offsets are set on reuse.
  };
  static constexpr size_t kWordSlots = 1024;
  static constexpr size_t kSlotBytes = 32;                  // Longer words are not kept.
  std::unique_ptr<std::unique_ptr<WordSlot>[]> word_slots;  // Allocated when first used.
  bool query_mode = false;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() { utext_close(&utext); }

  ScriptRules& RulesFor(Script script) { return *rules[static_cast<size_t>(script)]; }

  // NFKC_Casefold, then the common and per-script rules, into `chars`.
  void NormalizeChars(std::string_view surface, Script script) {
    chars.clear();
    if (internal::IsAscii(surface)) {
      // NFKC_Casefold only lowercases A-Z in ASCII, so most English words
      // can skip ICU.
      for (char ch : surface) {
        chars.push_back(static_cast<char32_t>(ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch));
      }
    } else {
      folded.clear();
      icu::StringByteSink<std::string> sink(&folded);
      UErrorCode status = U_ZERO_ERROR;
      nfkc_casefold->normalizeUTF8(0, icu::StringPiece(surface.data(), surface.size()), sink,
                                   nullptr, status);
      // Only on allocation failure; the unfolded word is still searchable.
      if (U_FAILURE(status)) folded.assign(surface);
      const auto* s = reinterpret_cast<const uint8_t*>(folded.data());
      const auto n = static_cast<int32_t>(folded.size());
      for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        chars.push_back(static_cast<char32_t>(c < 0 ? 0xFFFD : c));
      }
    }
    internal::NormalizeCommon(&chars);
    RulesFor(script).Normalize(&chars);
  }

  // Appends the tokens of one word. Compatibility expansions can turn one
  // surface letter into several words (ﷺ -> four words), so `chars` is split
  // on spaces; every piece keeps the surface offsets.
  void EmitWord(std::string_view surface, uint32_t start, Script script, uint32_t* pos,
                std::vector<Token>* out) {
    WordSlot* slot = nullptr;
    if (!query_mode && surface.size() <= kSlotBytes) {
      if (word_slots == nullptr)
        word_slots = std::make_unique<std::unique_ptr<WordSlot>[]>(kWordSlots);
      std::unique_ptr<WordSlot>& held =
          word_slots[(std::hash<std::string_view>{}(surface) + static_cast<size_t>(script)) %
                     kWordSlots];
      if (held != nullptr && held->script == script && held->surface == surface) {
        for (const Token& seen : held->tokens) {
          Token& token = out->emplace_back(seen);
          token.pos = (*pos)++;
          token.start = start;
          token.end = static_cast<uint32_t>(start + surface.size());
        }
        return;
      }
      if (held == nullptr) held = std::make_unique<WordSlot>();
      slot = held.get();
    }
    const size_t first_token = out->size();
    NormalizeChars(surface, script);
    ScriptRules& rules = RulesFor(script);
    const auto end = static_cast<uint32_t>(start + surface.size());
    const bool upper = StartsUpper(surface);
    size_t i = 0;
    while (i < chars.size()) {
      if (chars[i] == U' ') {
        ++i;
        continue;
      }
      piece.clear();
      for (; i < chars.size() && chars[i] != U' '; ++i) piece.push_back(chars[i]);
      Token& token = out->emplace_back();
      internal::AppendUtf8(piece, &token.exact);
      rules.Stem(piece, &token);
      // The word slots keep full analyses only (AnalyzeForInitials).
      if (rules.skipped()) slot = nullptr;
      Tidy(&token);
      token.pos = (*pos)++;
      token.start = start;
      token.end = end;
      token.script = script;
      token.upper_initial = upper;
    }
    if (slot != nullptr) {
      slot->script = script;
      slot->surface.assign(surface);
      slot->tokens.assign(out->begin() + static_cast<std::ptrdiff_t>(first_token), out->end());
    }
  }

  // Keeps the Token invariants of analyzer.h whatever the rules produced.
  static void Tidy(Token* t) {
    if (t->stem == t->exact) t->stem.clear();
    const std::string& primary = t->stem.empty() ? t->exact : t->stem;
    if (t->loose == primary) t->loose.clear();
    if (t->alts.empty()) return;
    size_t n = 0;
    for (size_t i = 0; i < t->alts.size(); ++i) {
      std::string& a = t->alts[i];
      if (a.empty() || a == primary ||
          std::find(t->alts.begin(), t->alts.begin() + n, a) != t->alts.begin() + n) {
        continue;
      }
      if (n != i) t->alts[n] = std::move(a);
      ++n;
    }
    t->alts.resize(n);
  }

  static bool StartsUpper(std::string_view surface) {
    if (surface.empty()) return false;
    const auto first = static_cast<unsigned char>(surface[0]);
    if (first < 0x80) return first >= 'A' && first <= 'Z';
    const auto* s = reinterpret_cast<const uint8_t*>(surface.data());
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(s, i, static_cast<int32_t>(surface.size()), c);
    return c >= 0 && u_isupper(c);
  }

  // A word that mixes Arabic or Hebrew letters with digits or Latin letters
  // (بـ10, و2023, הCIA, بالiPhone) is split where the script changes: each
  // run becomes a word of its own at consecutive positions.
  void EmitSplitAtScripts(std::string_view surface, uint32_t start, uint32_t* pos,
                          std::vector<Token>* out) {
    const auto* s = reinterpret_cast<const uint8_t*>(surface.data());
    const auto n = static_cast<int32_t>(surface.size());
    int32_t piece_start = 0;
    RunClass last = RunClass::kNone;
    for (int32_t i = 0; i < n;) {
      const int32_t here = i;
      UChar32 c;
      U8_NEXT(s, i, n, c);
      const RunClass kind = ClassOf(c);
      if (kind == RunClass::kNone) continue;
      if (last != RunClass::kNone && kind != last) {
        EmitPiece(surface.substr(piece_start, here - piece_start), start + piece_start, pos, out);
        piece_start = here;
      }
      last = kind;
    }
    EmitPiece(surface.substr(piece_start), start + piece_start, pos, out);
  }

  void EmitPiece(std::string_view surface, uint32_t start, uint32_t* pos, std::vector<Token>* out) {
    const WordCounts counts = CountWord(surface);
    if (!HasLetterOrDigit(counts)) return;
    EmitWord(surface, start, DominantScript(counts), pos, out);
  }

  uint32_t Run(std::string_view text, uint32_t first_pos, std::vector<Token>* out,
               ScriptCounts* counts);
};

Analyzer::Analyzer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Analyzer::~Analyzer() = default;

Result<std::unique_ptr<Analyzer>> Analyzer::Create() {
  auto impl = std::make_unique<Impl>();
  UErrorCode status = U_ZERO_ERROR;
  impl->nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) {
    return Status::Internal(std::string("ICU NFKC_Casefold data: ") + u_errorName(status));
  }
  impl->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || impl->words == nullptr) {
    return Status::Internal(std::string("ICU word break iterator: ") + u_errorName(status));
  }
  impl->rules[static_cast<size_t>(Script::kOther)] = internal::NewPlainRules();
  impl->rules[static_cast<size_t>(Script::kLatin)] = internal::NewLatinRules();
  impl->rules[static_cast<size_t>(Script::kArabic)] = internal::NewArabicRules();
  impl->rules[static_cast<size_t>(Script::kHebrew)] = internal::NewHebrewRules();
  impl->rules[static_cast<size_t>(Script::kNumber)] = internal::NewNumberRules();
  if (impl->rules[static_cast<size_t>(Script::kLatin)] == nullptr) {
    return Status::Internal("libstemmer: cannot create the English stemmer");
  }
  return std::unique_ptr<Analyzer>(new Analyzer(std::move(impl)));
}

namespace {

bool IsHebrewLetter(UChar32 c) { return c >= 0x05D0 && c <= 0x05EA; }

// Typographic spellings of gershayim that ICU treats as punctuation, so an
// acronym written with them (צה“ל) arrives as two words. Returns the length
// in bytes of the one at `at`, or 0. Two apostrophes (צה''ל) count too.
size_t GershayimAt(std::string_view text, size_t at) {
  static constexpr std::string_view kForms[] = {
      "\u201C", "\u201D", "\u201F", "\u275E", "\uFF02", "\u2018", "\u201B", "''",
  };
  for (std::string_view f : kForms) {
    if (text.compare(at, f.size(), f) == 0) return f.size();
  }
  return 0;
}

// The first code point of `text` from `at`, or -1.
UChar32 CodePointAt(std::string_view text, size_t at) {
  if (at >= text.size()) return -1;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  auto i = static_cast<int32_t>(at);
  UChar32 c;
  U8_NEXT(s, i, static_cast<int32_t>(text.size()), c);
  return c;
}

// The last code point of text[0, end), or -1.
UChar32 CodePointBefore(std::string_view text, size_t end) {
  if (end == 0) return -1;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  auto i = static_cast<int32_t>(end);
  UChar32 c;
  U8_PREV(s, 0, i, c);
  return c;
}

}  // namespace

uint32_t Analyzer::Impl::Run(std::string_view text, uint32_t first_pos, std::vector<Token>* out,
                             ScriptCounts* counts) {
  TAHQIQ_CHECK(text.size() <= static_cast<size_t>(INT32_MAX));
  uint32_t pos = first_pos;
  if (text.empty()) return pos;
  const std::string_view valid = internal::SanitizeUtf8(text, &sanitized);

  UErrorCode status = U_ZERO_ERROR;
  // Boundaries are UTF-16 indexes, mapped to UTF-8 offsets through utf8_at
  // (or UTF-8 offsets already, for text that is read as UTF-8).
  const bool as_utf16 = ToUtf16(valid);
  if (as_utf16) {
    utext_openUChars(&utext, utf16.data(), static_cast<int64_t>(utf16.size()), &status);
  } else {
    utext_openUTF8(&utext, valid.data(), static_cast<int64_t>(valid.size()), &status);
  }
  words->setText(&utext, status);
  // Only reachable on allocation failure; no tokens is the honest answer.
  if (U_FAILURE(status)) return pos;
  auto offset = [&](int32_t boundary) -> size_t {
    return as_utf16 ? utf8_at[static_cast<size_t>(boundary)] : static_cast<size_t>(boundary);
  };
  // The iterator's index just past the `bytes` bytes of whole characters
  // from boundary `at`.
  auto past = [&](int32_t at, size_t bytes) -> int32_t {
    if (!as_utf16) return at + static_cast<int32_t>(bytes);
    int32_t units = 0;
    for (size_t i = offset(at); i < offset(at) + bytes; ++i) {
      const auto b = static_cast<unsigned char>(valid[i]);
      if ((b & 0xC0) != 0x80) units += b >= 0xF0 ? 2 : 1;
    }
    return at + units;
  };

  int32_t start = words->first();
  for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
       start = end, end = words->next()) {
    if (words->getRuleStatus() == UBRK_WORD_NONE) continue;  // Spaces, punctuation.
    // A Hebrew acronym with typographic gershayim: join the pieces. ICU
    // keeps the first of two apostrophes (ש'|'ח) in the word.
    for (;;) {
      const size_t at = offset(end);
      size_t g = 0;
      if (IsHebrewLetter(CodePointBefore(valid, at))) {
        g = GershayimAt(valid, at);
      } else if (at >= 2 && valid[at - 1] == '\'' &&
                 IsHebrewLetter(CodePointBefore(valid, at - 1)) && at < valid.size() &&
                 valid[at] == '\'') {
        g = 1;
      }
      if (g == 0 || !IsHebrewLetter(CodePointAt(valid, at + g))) break;
      const int32_t next = words->following(past(end, g));
      if (next == icu::BreakIterator::DONE) break;
      end = next;
    }
    const size_t word_start = offset(start);
    const std::string_view surface = valid.substr(word_start, offset(end) - word_start);
    const WordCounts word = CountWord(surface);
    if (counts != nullptr) counts->Add(word.letters);
    if (!HasLetterOrDigit(word)) continue;  // Only marks or tatweel.
    const ScriptCounts& l = word.letters;
    const bool semitic = l.arabic > 0 || l.hebrew > 0;
    const int kinds = (l.arabic > 0) + (l.hebrew > 0) + (l.latin > 0) + (word.digits > 0);
    if (semitic && kinds > 1) {
      EmitSplitAtScripts(surface, static_cast<uint32_t>(word_start), &pos, out);
    } else {
      EmitWord(surface, static_cast<uint32_t>(word_start), DominantScript(word), &pos, out);
    }
  }
  return pos;
}

uint32_t Analyzer::Analyze(std::string_view text, uint32_t first_pos, std::vector<Token>* out,
                           ScriptCounts* counts) {
  return impl_->Run(text, first_pos, out, counts);
}

uint32_t Analyzer::AnalyzeForInitials(std::string_view text, uint32_t first_pos,
                                      std::vector<Token>* out, uint32_t latin_initials) {
  for (auto& r : impl_->rules) r->set_latin_initials(latin_initials);
  const uint32_t next = impl_->Run(text, first_pos, out, nullptr);
  for (auto& r : impl_->rules) r->set_latin_initials(~0u);
  return next;
}

uint32_t Analyzer::LatinInitialBit(std::string_view term) {
  if (term.empty()) return 0;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(term.substr(0, 4));
  const int initial = internal::LatinInitial(static_cast<char32_t>(u.char32At(0)));
  return initial < 0 ? 0 : 1u << initial;
}

uint32_t Analyzer::AnalyzeQuery(std::string_view text, uint32_t first_pos,
                                std::vector<Token>* out) {
  for (auto& r : impl_->rules) r->set_query_mode(true);
  impl_->query_mode = true;
  const uint32_t next = impl_->Run(text, first_pos, out, nullptr);
  impl_->query_mode = false;
  for (auto& r : impl_->rules) r->set_query_mode(false);
  return next;
}

std::string Analyzer::NormalizeWord(std::string_view word, std::string* stem) {
  TAHQIQ_CHECK(word.size() <= static_cast<size_t>(INT32_MAX));
  Impl& impl = *impl_;
  const std::string_view valid = internal::SanitizeUtf8(word, &impl.sanitized);
  const Script script = DominantScript(CountWord(valid));
  impl.NormalizeChars(valid, script);
  Token token;
  internal::AppendUtf8(impl.chars, &token.exact);
  impl.RulesFor(script).Stem(impl.chars, &token);
  Impl::Tidy(&token);
  *stem = std::move(token.stem);
  return std::move(token.exact);
}

namespace {

const std::string& Primary(const Token& t) { return t.stem.empty() ? t.exact : t.stem; }
const std::string& Loose(const Token& t) { return t.loose.empty() ? Primary(t) : t.loose; }

// `form` is one of the stem-field forms of `t`, or its exact form.
bool InStemField(const std::string& form, const Token& t) {
  return form == t.exact || form == Primary(t) ||
         std::find(t.alts.begin(), t.alts.end(), form) != t.alts.end();
}

}  // namespace

MatchLevel Match(const Token& query, const Token& indexed) {
  if (query.exact == indexed.exact) return MatchLevel::kExact;
  if (InStemField(Primary(query), indexed)) return MatchLevel::kStem;
  for (const std::string& alt : query.alts) {
    if (InStemField(alt, indexed)) return MatchLevel::kStem;
  }
  const std::string& loose = Loose(query);
  if (loose == Loose(indexed) || InStemField(loose, indexed)) return MatchLevel::kLoose;
  return MatchLevel::kNone;
}

}  // namespace tahqiq::analyze
