#include "analyze/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

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

enum class CharKind : uint8_t { kLetter, kDigit, kOther };

// Marks count as letters so that a split never separates a letter from its
// harakat or niqqud.
CharKind KindOf(UChar32 c) {
  if (c < 0x80) {
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return CharKind::kLetter;
    return c >= '0' && c <= '9' ? CharKind::kDigit : CharKind::kOther;
  }
  const uint32_t mask = U_MASK(u_charType(c));
  if (mask & (U_GC_L_MASK | U_GC_M_MASK)) return CharKind::kLetter;
  return mask & U_GC_ND_MASK ? CharKind::kDigit : CharKind::kOther;
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
    NormalizeChars(surface, script);
    ScriptRules& rules = RulesFor(script);
    const auto end = static_cast<uint32_t>(start + surface.size());
    size_t i = 0;
    while (i < chars.size()) {
      if (chars[i] == U' ') {
        ++i;
        continue;
      }
      Token& token = out->emplace_back();
      for (; i < chars.size() && chars[i] != U' '; ++i) {
        internal::AppendUtf8(chars[i], &token.exact);
      }
      rules.Stem(token.exact, &token.stem);
      if (token.stem == token.exact) token.stem.clear();
      token.pos = (*pos)++;
      token.start = start;
      token.end = end;
      token.script = script;
    }
  }

  // Clitics written against numbers (بـ10, و2023) are split off: the letters
  // and the number become separate words at consecutive positions.
  void EmitSplitAtDigits(std::string_view surface, uint32_t start, uint32_t* pos,
                         std::vector<Token>* out) {
    const auto* s = reinterpret_cast<const uint8_t*>(surface.data());
    const auto n = static_cast<int32_t>(surface.size());
    int32_t piece = 0;
    CharKind last = CharKind::kOther;
    for (int32_t i = 0; i < n;) {
      const int32_t here = i;
      UChar32 c;
      U8_NEXT(s, i, n, c);
      const CharKind kind = KindOf(c);
      if (kind == CharKind::kOther) continue;
      if (last != CharKind::kOther && kind != last) {
        EmitPiece(surface.substr(piece, here - piece), start + piece, pos, out);
        piece = here;
      }
      last = kind;
    }
    EmitPiece(surface.substr(piece), start + piece, pos, out);
  }

  void EmitPiece(std::string_view surface, uint32_t start, uint32_t* pos, std::vector<Token>* out) {
    const WordCounts counts = CountWord(surface);
    EmitWord(surface, start, DominantScript(counts), pos, out);
  }
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

uint32_t Analyzer::Analyze(std::string_view text, uint32_t first_pos, std::vector<Token>* out,
                           ScriptCounts* counts) {
  TAHQIQ_CHECK(text.size() <= static_cast<size_t>(INT32_MAX));
  Impl& impl = *impl_;
  uint32_t pos = first_pos;
  if (text.empty()) return pos;
  const std::string_view valid = internal::SanitizeUtf8(text, &impl.sanitized);

  UErrorCode status = U_ZERO_ERROR;
  utext_openUTF8(&impl.utext, valid.data(), static_cast<int64_t>(valid.size()), &status);
  impl.words->setText(&impl.utext, status);
  // Only reachable on allocation failure; no tokens is the honest answer.
  if (U_FAILURE(status)) return pos;

  int32_t start = impl.words->first();
  for (int32_t end = impl.words->next(); end != icu::BreakIterator::DONE;
       start = end, end = impl.words->next()) {
    if (impl.words->getRuleStatus() == UBRK_WORD_NONE) continue;  // Spaces, punctuation.
    const std::string_view surface = valid.substr(start, end - start);
    const WordCounts word = CountWord(surface);
    if (counts != nullptr) counts->Add(word.letters);
    if (!HasLetterOrDigit(word)) continue;  // Only marks or tatweel.
    const bool clitic_on_number =
        word.digits > 0 && (word.letters.arabic > 0 || word.letters.hebrew > 0);
    if (clitic_on_number) {
      impl.EmitSplitAtDigits(surface, static_cast<uint32_t>(start), &pos, out);
    } else {
      impl.EmitWord(surface, static_cast<uint32_t>(start), DominantScript(word), &pos, out);
    }
  }
  return pos;
}

std::string Analyzer::NormalizeWord(std::string_view word, std::string* stem) {
  TAHQIQ_CHECK(word.size() <= static_cast<size_t>(INT32_MAX));
  Impl& impl = *impl_;
  const std::string_view valid = internal::SanitizeUtf8(word, &impl.sanitized);
  const Script script = DominantScript(CountWord(valid));
  impl.NormalizeChars(valid, script);
  std::string exact;
  for (char32_t c : impl.chars) internal::AppendUtf8(c, &exact);
  impl.RulesFor(script).Stem(exact, stem);
  if (*stem == exact) stem->clear();
  return exact;
}

}  // namespace tahqiq::analyze
