// Rules shared by all scripts, and the Latin, number and plain rules.
// Arabic is in arabic.cc, Hebrew in hebrew.cc.
#include "analyze/internal/script_rules.h"

#include <libstemmer.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>

#include "analyze/internal/utf8.h"

namespace tahqiq::analyze::internal {
namespace {

bool InRange(char32_t c, char32_t lo, char32_t hi) { return c >= lo && c <= hi; }

template <typename Pred>
void EraseIf(std::u32string* word, Pred drop) {
  size_t out = 0;
  for (char32_t c : *word) {
    if (!drop(c)) (*word)[out++] = c;
  }
  word->resize(out);
}

bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

bool IsInvisibleControl(char32_t c) {
  return InRange(c, 0x200B, 0x200F) || c == 0x061C || InRange(c, 0x202A, 0x202E) ||
         InRange(c, 0x2066, 0x2069) || c == 0xFEFF || c == 0x00AD || c == 0x0640;
}

// ASCII folds of U+00C0..U+024F and U+1E00..U+1EFF, from ICU's canonical
// decompositions (base letter + marks), plus the letters that do not
// decompose (ø, æ, ł, ...). Up to two ASCII letters; empty = not Latin.
struct LatinFoldTable {
  static constexpr char32_t kLo1 = 0xC0, kHi1 = 0x24F, kLo2 = 0x1E00, kHi2 = 0x1EFF;
  std::array<std::array<char, 3>, (kHi1 - kLo1 + 1) + (kHi2 - kLo2 + 1)> fold{};

  static size_t Index(char32_t c) { return c <= kHi1 ? c - kLo1 : (kHi1 - kLo1 + 1) + (c - kLo2); }

  LatinFoldTable() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    auto fill = [&](char32_t lo, char32_t hi) {
      for (char32_t c = lo; c <= hi; ++c) {
        auto& out = fold[Index(c)];
        icu::UnicodeString d;
        if (U_FAILURE(status) || !nfd->getDecomposition(static_cast<UChar32>(c), d)) continue;
        const UChar32 base = d.char32At(0);
        if (base < 0x80 && ((base | 0x20) >= 'a' && (base | 0x20) <= 'z')) {
          out[0] = static_cast<char>(base | 0x20);
        }
      }
    };
    fill(kLo1, kHi1);
    fill(kLo2, kHi2);
    const std::pair<char32_t, const char*> extra[] = {
        {U'ø', "o"},  {U'Ø', "o"},  {U'æ', "ae"}, {U'Æ', "ae"}, {U'œ', "oe"}, {U'Œ', "oe"},
        {U'ß', "ss"}, {U'þ', "th"}, {U'Þ', "th"}, {U'ð', "d"},  {U'Ð', "d"},  {U'đ', "d"},
        {U'Đ', "d"},  {U'ł', "l"},  {U'Ł', "l"},  {U'ı', "i"},  {U'ħ', "h"},  {U'Ħ', "h"},
        {U'ŧ', "t"},  {U'Ŧ', "t"},  {U'ŋ', "n"},  {U'Ŋ', "n"},  {U'ĸ', "k"},  {U'ƒ', "f"},
        {U'ſ', "s"},  {U'ŀ', "l"},  {U'Ŀ', "l"},
    };
    for (const auto& [c, s] : extra) {
      auto& out = fold[Index(c)];
      out = {s[0], s[1], 0};
    }
  }
};

const LatinFoldTable& LatinFold() {
  static const LatinFoldTable* table = new LatinFoldTable();
  return *table;
}

// ---------------------------------------------------------------- Latin

class LatinRules : public ScriptRules {
 public:
  explicit LatinRules(sb_stemmer* stemmer) : stemmer_(stemmer) {}
  ~LatinRules() override { sb_stemmer_delete(stemmer_); }
  LatinRules(const LatinRules&) = delete;
  LatinRules& operator=(const LatinRules&) = delete;

  void Normalize(std::u32string* word) override {}

  void Stem(const std::u32string& word, Token* token) override {
    // The English stemmer keeps a word's first letter, and the loose form
    // is the stem of the folded word: with neither initial asked for, the
    // word has no stem or loose form a caller compares.
    skipped_ = false;
    if (latin_initials_ != ~0u && !word.empty()) {
      const int initial = LatinInitial(word[0]);
      if (initial >= 0 && (latin_initials_ & (1u << initial)) == 0) {
        skipped_ = true;
        return;
      }
    }
    SnowballStem(token->exact, &token->stem);
    // Loose: accents folded, then stemmed, so "Résumés" meets "resume".
    // Nothing below the first foldable letter folds, which is most words.
    if (std::all_of(word.begin(), word.end(),
                    [](char32_t c) { return c < LatinFoldTable::kLo1; })) {
      return;
    }
    folded_.clear();
    bool changed = false;
    for (char32_t c : word) changed |= FoldLatinToAscii(c, &folded_);
    if (!changed) return;
    folded_utf8_.clear();
    AppendUtf8(folded_, &folded_utf8_);
    SnowballStem(folded_utf8_, &token->loose);
  }

 private:
  void SnowballStem(std::string_view word, std::string* stem) {
    const sb_symbol* out = sb_stemmer_stem(
        stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (out == nullptr) {  // Out of memory inside libstemmer: index unstemmed.
      stem->assign(word);
      return;
    }
    stem->assign(reinterpret_cast<const char*>(out),
                 static_cast<size_t>(sb_stemmer_length(stemmer_)));
  }

  sb_stemmer* stemmer_;
  std::u32string folded_;
  std::string folded_utf8_;
};

// ---------------------------------------------------------------- Others

class NumberRules : public ScriptRules {
 public:
  void Normalize(std::u32string* word) override {
    std::u32string& w = *word;
    for (size_t i = 1; i + 1 < w.size(); ++i) {
      if (!IsAsciiDigit(w[i - 1]) || !IsAsciiDigit(w[i + 1])) continue;
      if (w[i] == U'\u066B') w[i] = U'.';
      if (w[i] == U'\u066C') w[i] = U',';
    }
  }
  void Stem(const std::u32string& word, Token* token) override {}
};

class PlainRules : public ScriptRules {
 public:
  void Normalize(std::u32string* word) override {}
  void Stem(const std::u32string& word, Token* token) override {}
};

}  // namespace

void NormalizeCommon(std::u32string* word) {
  // Nothing below U+0080 is deleted or mapped: most words are done.
  if (std::all_of(word->begin(), word->end(), [](char32_t c) { return c < 0x80; })) return;
  EraseIf(word, IsInvisibleControl);
  for (char32_t& c : *word) {
    if (c < 0x80) continue;
    if (c == U'\u2019') {
      c = U'\'';
    } else if (c == U'\u066A') {
      c = U'%';  // Arabic percent sign (ref §1.4.4).
    } else if (u_charType(static_cast<UChar32>(c)) == U_DECIMAL_DIGIT_NUMBER) {
      c = U'0' + static_cast<char32_t>(u_charDigitValue(static_cast<UChar32>(c)));
    }
  }
}

void AppendUtf8(std::u32string_view word, std::string* out) {
  // Encoded through a buffer and appended in one go: a call and a capacity
  // check per byte were a tenth of a Hebrew search's snippet analysis.
  char buf[128];
  size_t n = 0;
  for (char32_t c : word) {
    if (n > sizeof buf - 4) {
      out->append(buf, n);
      n = 0;
    }
    n += EncodeUtf8(c, buf + n);
  }
  out->append(buf, n);
}

bool FoldLatinToAscii(char32_t c, std::u32string* out) {
  const bool latin = InRange(c, LatinFoldTable::kLo1, LatinFoldTable::kHi1) ||
                     InRange(c, LatinFoldTable::kLo2, LatinFoldTable::kHi2);
  if (latin && c != U'×' && c != U'÷') {
    const auto& f = LatinFold().fold[LatinFoldTable::Index(c)];
    if (f[0] != 0) {
      out->push_back(static_cast<char32_t>(f[0]));
      if (f[1] != 0) out->push_back(static_cast<char32_t>(f[1]));
      return true;
    }
  }
  out->push_back(c);
  return false;
}

int LatinInitial(char32_t first) {
  char32_t c = first;
  if (c >= 0x80) {
    std::u32string folded;
    if (!FoldLatinToAscii(c, &folded)) return -1;
    c = folded[0];
  }
  c |= 0x20;
  return c >= 'a' && c <= 'z' ? static_cast<int>(c - 'a') : -1;
}

std::unique_ptr<ScriptRules> NewNumberRules() { return std::make_unique<NumberRules>(); }
std::unique_ptr<ScriptRules> NewPlainRules() { return std::make_unique<PlainRules>(); }

std::unique_ptr<ScriptRules> NewLatinRules() {
  sb_stemmer* stemmer = sb_stemmer_new("english", "UTF_8");
  if (stemmer == nullptr) return nullptr;
  return std::make_unique<LatinRules>(stemmer);
}

}  // namespace tahqiq::analyze::internal
