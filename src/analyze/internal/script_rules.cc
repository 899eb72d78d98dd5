#include "analyze/internal/script_rules.h"

#include <libstemmer.h>
#include <unicode/uchar.h>

#include <array>

namespace tahqiq::analyze::internal {
namespace {

bool InRange(char32_t c, char32_t lo, char32_t hi) { return c >= lo && c <= hi; }

// Removes the characters for which `drop` is true, in place.
template <typename Pred>
void EraseIf(std::u32string* word, Pred drop) {
  size_t out = 0;
  for (char32_t c : *word) {
    if (!drop(c)) (*word)[out++] = c;
  }
  word->resize(out);
}

bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

// ---------------------------------------------------------------- Arabic

constexpr char32_t kDelete = 0;
constexpr char32_t kAlef = U'\u0627';

// Rewrites of U+0600..U+06FF: kDelete, another letter, or the letter itself.
// Tatweel is not here: NormalizeCommon deletes it from words of any script.
// One table lookup per letter keeps Arabic-heavy ingest cheap.
constexpr std::array<char32_t, 256> MakeArabicTable() {
  std::array<char32_t, 256> t{};
  for (char32_t i = 0; i < 256; ++i) t[i] = 0x0600 + i;
  auto del = [&t](char32_t lo, char32_t hi) {
    for (char32_t c = lo; c <= hi; ++c) t[c - 0x0600] = kDelete;
  };
  auto map = [&t](char32_t from, char32_t to) { t[from - 0x0600] = to; };
  del(0x064B, 0x065F);  // Harakat, shadda, sukun, hamza and other marks.
  del(0x0670, 0x0670);  // Superscript alef.
  del(0x06D6, 0x06DC);  // Quranic annotation marks.
  del(0x06DF, 0x06E8);
  del(0x06EA, 0x06ED);
  for (char32_t c : {0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673, 0x0675}) map(c, kAlef);
  for (char32_t c : {0x0649, 0x06CC, 0x06D2}) map(c, U'\u064A');                          // -> yeh
  for (char32_t c : {0x06A9, 0x06AA}) map(c, U'\u0643');                                  // -> kaf
  for (char32_t c : {0x0629, 0x06C0, 0x06C1, 0x06C3, 0x06D5, 0x06BE}) map(c, U'\u0647');  // -> heh
  return t;
}
constexpr std::array<char32_t, 256> kArabicTable = MakeArabicTable();

class ArabicRules : public ScriptRules {
 public:
  void Normalize(std::u32string* word) override {
    size_t out = 0;
    for (char32_t c : *word) {
      if (InRange(c, 0x0600, 0x06FF)) {
        // NFKC has already decomposed ٵ into alef + high hamza; finish
        // mapping it to a bare alef as §1.4 asks.
        if (c == U'\u0674' && out > 0 && (*word)[out - 1] == kAlef) continue;
        c = kArabicTable[c - 0x0600];
        if (c == kDelete) continue;
      }
      (*word)[out++] = c;
    }
    word->resize(out);
  }

  void Stem(std::string_view exact, std::string* stem) override { stem->clear(); }
};

// ---------------------------------------------------------------- Hebrew

constexpr char32_t kGeresh = U'\u05F3';
constexpr char32_t kGershayim = U'\u05F4';

bool IsHebrewMark(char32_t c) {
  return InRange(c, 0x0591, 0x05AF) ||  // Cantillation.
         InRange(c, 0x05B0, 0x05BD) ||  // Niqqud, meteg.
         c == 0x05BF || c == 0x05C1 || c == 0x05C2 || c == 0x05C4 || c == 0x05C5 || c == 0x05C7;
}

// Letters that a geresh modifies (ג' = "j", צ' = "ch", ...) rather than marks
// as an abbreviation.
bool TakesGeresh(char32_t c) {
  return c == U'ג' || c == U'ז' || c == U'צ' || c == U'ץ' || c == U'ח';
}

class HebrewRules : public ScriptRules {
 public:
  void Normalize(std::u32string* word) override {
    scratch_.clear();
    for (char32_t c : *word) {
      if (IsHebrewMark(c)) continue;
      switch (c) {
        case U'\u05F0':
          scratch_ += U"וו";
          break;
        case U'\u05F1':
          scratch_ += U"וי";
          break;
        case U'\u05F2':
          scratch_ += U"יי";
          break;
        // Gershayim inside a word marks an acronym (צה"ל); index the letters.
        case U'"':
        case kGershayim:
          break;
        case kGeresh:
          scratch_ += U'\'';
          break;
        default:
          scratch_ += c;
      }
    }
    // A final geresh after a letter it does not modify marks an abbreviation
    // (פרופ'); users search without it.
    const size_t n = scratch_.size();
    if (n >= 2 && scratch_[n - 1] == U'\'' && !TakesGeresh(scratch_[n - 2])) {
      scratch_.pop_back();
    }
    word->swap(scratch_);
  }

  void Stem(std::string_view exact, std::string* stem) override { stem->clear(); }

 private:
  std::u32string scratch_;
};

// ---------------------------------------------------------------- Latin

class LatinRules : public ScriptRules {
 public:
  explicit LatinRules(sb_stemmer* stemmer) : stemmer_(stemmer) {}
  ~LatinRules() override { sb_stemmer_delete(stemmer_); }
  LatinRules(const LatinRules&) = delete;
  LatinRules& operator=(const LatinRules&) = delete;

  void Normalize(std::u32string* word) override {}

  void Stem(std::string_view exact, std::string* stem) override {
    const sb_symbol* out = sb_stemmer_stem(
        stemmer_, reinterpret_cast<const sb_symbol*>(exact.data()), static_cast<int>(exact.size()));
    if (out == nullptr) {  // Out of memory inside libstemmer: index unstemmed.
      stem->clear();
      return;
    }
    stem->assign(reinterpret_cast<const char*>(out),
                 static_cast<size_t>(sb_stemmer_length(stemmer_)));
  }

 private:
  sb_stemmer* stemmer_;
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
  void Stem(std::string_view exact, std::string* stem) override { stem->clear(); }
};

class PlainRules : public ScriptRules {
 public:
  void Normalize(std::u32string* word) override {}
  void Stem(std::string_view exact, std::string* stem) override { stem->clear(); }
};

bool IsInvisibleControl(char32_t c) {
  return InRange(c, 0x200B, 0x200F) || c == 0x061C || InRange(c, 0x202A, 0x202E) ||
         InRange(c, 0x2066, 0x2069) || c == 0xFEFF || c == 0x00AD || c == 0x0640;
}

}  // namespace

void NormalizeCommon(std::u32string* word) {
  EraseIf(word, IsInvisibleControl);
  for (char32_t& c : *word) {
    if (c < 0x80) continue;
    if (c == U'\u2019') {
      c = U'\'';
    } else if (u_charType(static_cast<UChar32>(c)) == U_DECIMAL_DIGIT_NUMBER) {
      c = U'0' + static_cast<char32_t>(u_charDigitValue(static_cast<UChar32>(c)));
    }
  }
}

std::unique_ptr<ScriptRules> NewArabicRules() { return std::make_unique<ArabicRules>(); }
std::unique_ptr<ScriptRules> NewHebrewRules() { return std::make_unique<HebrewRules>(); }
std::unique_ptr<ScriptRules> NewNumberRules() { return std::make_unique<NumberRules>(); }
std::unique_ptr<ScriptRules> NewPlainRules() { return std::make_unique<PlainRules>(); }

std::unique_ptr<ScriptRules> NewLatinRules() {
  sb_stemmer* stemmer = sb_stemmer_new("english", "UTF_8");
  if (stemmer == nullptr) return nullptr;
  return std::make_unique<LatinRules>(stemmer);
}

}  // namespace tahqiq::analyze::internal
