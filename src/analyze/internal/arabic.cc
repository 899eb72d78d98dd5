// Arabic rules: normalization (ref §1.4), a light10-family stemmer with the
// fixes of ref §1.5, and the hamza-seat fold of the loose form.
//
// Stemmer (Larkey's light10 as in Lucene's ArabicStemmer, on normalized
// text, so ة is already ه):
//  - one prefix, the first that matches, longest first: light10's ال وال بال
//    كال فال لل plus وبال وكال ولل فبال فلل (ref §1.5), each only if at least
//    three letters remain (light10: two, which makes الله into له);
//  - a lone و only if the word has at least four letters AND is not a word
//    whose و is a root letter. Without a corpus vocabulary at analysis time
//    (ref §1.5 suggests "attested in the corpus"), those words come from a
//    hand-written list of و-initial stems (kWawStems below: وزار, وزير,
//    وثيق, وقت, ولاي, ...), each followed by a suffix from kStemSuffixes.
//    The list was checked against the most frequent و-initial words of
//    Debian's Arabic translations and of a news corpus whose remainder after
//    و is rarely a word of its own. A word on the list stems to the listed
//    stem (وزارة, وزارات, وزارتها -> وزار), also after a prefix (والوزارة);
//  - no suffix on a few names whose ending looks like one (kNameStems:
//    لبنان is not لبن+ان, البحرين not بحر+ين);
//  - light10's suffixes, regrouped (see kPronounSuffixes): one pronoun or
//    teh marbuta (ها ه), then one number ending (ان ات ون ين), then one nisba
//    (يه ي), each stripped if at least three letters remain (light10: two;
//    see kMinStem).
// Lone ب ل ك ف are not stripped from the primary stem: most words that
// begin with them begin with a root letter (برنامج, لبنان, كلام, فيلم; in
// the news corpus fewer than 40% of such words have an attested remainder).
// A feminine noun with a pronoun suffix (حكومته, سياستها) also gets the stem
// of the noun as an alternative (حكوم). For ب and ل, the stripped form is an alternative instead
// (لوزارة -> وزار), so وزارة and لوزارة find each other, at the stem weight. ك and ف are left
// alone: three in four words starting with them have no attested remainder, and many remainders are
// other words (كتاب -> تاب, فكرة -> كره, فقط -> قط).
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "analyze/internal/script_rules.h"
#include "analyze/internal/utf8.h"

namespace tahqiq::analyze::internal {
namespace {

bool InRange(char32_t c, char32_t lo, char32_t hi) { return c >= lo && c <= hi; }

constexpr char32_t kDelete = 0;
constexpr char32_t kAlef = U'\u0627';
constexpr char32_t kWaw = U'\u0648';
constexpr char32_t kHamza = U'\u0621';
constexpr char32_t kWawHamza = U'\u0624';
constexpr char32_t kYehHamza = U'\u0626';

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
  del(0x0610, 0x061A);  // Honorific and small high Quranic signs (marks).
  del(0x064B, 0x065F);  // Harakat, shadda, sukun, hamza and other marks.
  del(0x0670, 0x0670);  // Superscript (dagger) alef.
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

// Arabic Extended-A marks (U+08D3..U+08FF: Quranic small letters, open
// tanween) are deleted like the harakat.
bool IsExtendedMark(char32_t c) { return InRange(c, 0x08D3, 0x08FF); }

// Prefixes of the primary stem, longest first (light10's order never
// matters otherwise: no two of them start one word).
// clang-format off
constexpr std::u32string_view kPrefixes[] = {
    U"وبال", U"وكال", U"فبال", U"ولل", U"فلل", U"وال", U"بال", U"كال", U"فال", U"ال", U"لل",
};
// clang-format on

// light10's suffixes after normalization (ية and ة became يه and ه), in
// three groups tried in this order, at most one suffix of each group:
// pronoun or teh marbuta, then number (dual, plural), then nisba. light10
// tries ها ان ات ون ين يه ه ي once each in that order, so its stems depend
// on the order more than on the word: عنوان -> عنو but عنوانه -> عنوان,
// معلومات -> معلوم but معلوماته -> معلومات, and plural endings stack
// (ايقونات -> ايقون -> ايق).
constexpr std::u32string_view kPronounSuffixes[] = {U"ها", U"ه"};
constexpr std::u32string_view kNumberSuffixes[] = {U"ان", U"ات", U"ون", U"ين"};
constexpr std::u32string_view kNisbaSuffixes[] = {U"يه", U"ي"};

// clang-format off
constexpr std::u32string_view kAllahForms[] = {
    U"الله", U"والله", U"بالله", U"فالله", U"تالله", U"لله", U"ولله", U"فلله",
};
// clang-format on

// Endings that may follow a listed و-initial stem: nothing, teh marbuta
// (as ه), plural and nisba endings, pronoun suffixes, verb endings.
// clang-format off
constexpr std::u32string_view kStemSuffixes[] = {
    U"", U"ه", U"ها", U"هم", U"هما", U"هن", U"ك", U"كم", U"كما", U"كن", U"ي", U"نا", U"ت", U"تا",
    U"تم", U"تن", U"وا", U"ون", U"ين", U"ان", U"ات", U"يه", U"يا", U"يات", U"يون", U"يين", U"ته",
    U"تها", U"تهم", U"تنا", U"تك", U"تي", U"اته", U"اتها", U"اتهم", U"ا", U"تان", U"تين", U"يتها",
    U"يته", U"اتنا", U"تكم", U"هات", U"يان", U"يين",
};
// clang-format on

// Stems whose initial و is a root letter (first radical و, or a loanword),
// written by hand; see the file comment. Bare stems: ة and suffixes are
// matched by kStemSuffixes.
// clang-format off
constexpr std::string_view kWawStems[] = {
    // و-ز-ر, و-ح-د, و-ك-ل, و-ج-د, و-ج-ه, و-ط-ن
    "وزير", "وزار", "وزراء", "وزر", "واحد", "وحد", "وحيد", "وحدان", "وكيل", "وكال", "وكلاء",
    "وجود", "وجد", "وجدان", "وجه", "وجهاء", "وجيه", "واجه", "وطن",
    // و-س-ل, و-س-ط, و-س-ع, و-ص-ل, و-ص-ف, و-ص-ي
    "وسائل", "وسيل", "وسط", "وساط", "وسيط", "وسطاء", "وسائط", "واسع", "وسع", "وصول", "وصل", "واصل",
    "وصف", "واصف", "وصفي", "وصي", "وصاي", "وصايا",
    // و-ر-د, و-ر-ق, و-ر-ث, و-ر-ش, و-ر-ط, و-ر-م
    "وراء", "ورد", "وارد", "ورق", "ورش", "ورث", "وريث", "وراث", "ورط", "ورم",
    // و-ض-ع, و-ض-ح, و-ظ-ف, و-ث-ق
    "وضع", "وضعي", "واضح", "وضوح", "وظيف", "وظائف", "وظف", "وثيق", "وثائق", "وثق",
    // و-ل-د, و-ل-ي, و-ل-ج, و-ف-ق, و-ف-ي, و-ف-د, و-ف-ر
    "ولد", "ولاد", "والد", "وليد", "ولي", "ولاي", "ولاء", "ولوج", "وفق", "وفاق", "وافق", "وفا",
    "وفاء", "وفيات", "وفد", "وافد", "وفود", "وفير", "وفر",
    // و-ق-ف, و-ق-ت, و-ق-ع, و-ق-د, و-ق-ي
    "وقف", "واقف", "وقت", "وقع", "واقع", "وقائع", "وقود", "وقاي", "وقار", "وقاح", "وقاء",
    // و-ج-ب, و-ه-م, و-ع-د, و-ع-ي, و-ه-ب, و-ز-ن, و-ز-ع, و-ت-ر
    "واجب", "وجب", "وهم", "وهمي", "وعد", "وعود", "واعد", "وعي", "وعاء", "وهب", "وزن", "وزان",
    "وزع", "وتير", "وتر",
    // Other و-initial roots.
    "وحش", "وحي", "وساخ", "وسخ", "ودي", "وديع", "وداع", "ودائع", "ودود", "وادي", "وعر", "وكر",
    "ولع", "وهج", "وابل", "وباء", "وبائي", "وتد", "وثب", "وجع", "وحل", "وريد", "وسام", "وسيم",
    "وسم", "وشاح", "وشك", "وصم", "وعظ", "ولائم", "وليم", "وهن", "ويل", "وجيز", "واكب", "وازن",
    "وهاب", "وميض", "ومض",
    // Names and loanwords.
    "وائل", "وهبي", "وجدي", "وداد", "وضاح", "واشنطن", "ويندوز", "ويندز", "ويكيبيديا", "ويكيليكس",
    "واتساب", "واتس", "وورد", "ويب", "ودج", "ودجت", "واير", "واي", "ويلز", "ويليام", "ويليامز",
    "ولسون", "ويلسون", "وارسو", "وهران", "وول", "والت", "ويسكي", "ويست",
};
// clang-format on

const std::unordered_set<std::u32string_view>& WawStems() {
  static const auto* set = [] {
    static std::vector<std::u32string> stems;
    for (std::string_view w : kWawStems) {
      std::u32string u;
      const auto* b = reinterpret_cast<const uint8_t*>(w.data());
      const auto n = static_cast<int32_t>(w.size());
      for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(b, i, n, c);
        u.push_back(static_cast<char32_t>(c));
      }
      stems.push_back(std::move(u));
    }
    return new std::unordered_set<std::u32string_view>(stems.begin(), stems.end());
  }();
  return *set;
}

bool StartsWith(std::u32string_view w, std::u32string_view p) {
  return w.size() >= p.size() && w.compare(0, p.size(), p) == 0;
}
bool EndsWith(std::u32string_view w, std::u32string_view s) {
  return w.size() >= s.size() && w.compare(w.size() - s.size(), s.size(), s) == 0;
}

// The listed و-initial stem that `w` consists of, followed by an allowed
// ending; the longest such stem, or empty.
std::u32string_view WawStem(std::u32string_view w) {
  if (w.empty() || w[0] != kWaw) return {};
  const auto& stems = WawStems();
  for (size_t n = std::min<size_t>(w.size(), 9); n >= 3; --n) {
    if (!stems.count(w.substr(0, n))) continue;
    const std::u32string_view rest = w.substr(n);
    for (std::u32string_view s : kStemSuffixes) {
      if (rest == s) return w.substr(0, n);
    }
  }
  return {};
}

// light10 strips a suffix when two letters remain; tahqiq keeps three:
// with two, light10 turns النبي into نب, مليون into مل, عليه into عل and
// بيان into بي, conflating unrelated words through two-letter stems, while
// Arabic stems are mostly triliteral.
constexpr size_t kMinStem = 3;

template <size_t N>
void StripOne(const std::u32string_view (&group)[N], std::u32string_view* w) {
  for (std::u32string_view s : group) {
    if (w->size() >= s.size() + kMinStem && EndsWith(*w, s)) {
      w->remove_suffix(s.size());
      return;
    }
  }
}

std::u32string_view StripSuffixes(std::u32string_view w) {
  const size_t before = w.size();
  StripOne(kPronounSuffixes, &w);
  if (w.size() == before) {
    StripOne(kNumberSuffixes, &w);
  } else if (w.size() >= 2 + kMinStem && EndsWith(w, U"ات")) {
    // After a pronoun only the feminine plural remains (معلوماته); a word
    // that ended in ة has no number ending before it (ايقونة -> ايقون).
    w.remove_suffix(2);
  }
  StripOne(kNisbaSuffixes, &w);
  return w;
}

// Pronoun suffixes after the t of a feminine noun (حكومته, صورتها,
// سياستهم): light10 does not see the ة in them.
// clang-format off
constexpr std::u32string_view kPossessives[] = {
    U"هما", U"ها", U"هم", U"هن", U"كما", U"كم", U"كن", U"نا", U"ه", U"ك", U"ي",
};
// clang-format on

// The X of a word X + ت + pronoun, or empty.
std::u32string_view FeminineBase(std::u32string_view w) {
  for (std::u32string_view p : kPossessives) {
    if (w.size() >= p.size() + 1 + kMinStem && EndsWith(w, p) &&
        w[w.size() - p.size() - 1] == U'ت') {
      const std::u32string_view base = w.substr(0, w.size() - p.size() - 1);
      // ...ات + pronoun is a plural (معلوماته), which the stem handles.
      return base.back() == U'ا' ? std::u32string_view() : base;
    }
  }
  return {};
}

// Names whose ending only looks like a suffix (ref §1.5: "a stem-exclusion
// list for gazetteer names"): light10 turns لبنان into لبن (milk), البحرين
// into بحر (sea), كانون into كان (was). Also every -ستان country.
// clang-format off
constexpr std::u32string_view kNameStems[] = {
    U"لبنان", U"ايران", U"يابان", U"سودان", U"بحرين", U"فلسطين", U"يونان", U"طهران", U"عمان",
    U"عثمان", U"سلمان", U"رمضان", U"عدنان", U"ياسين", U"بوتين", U"حسين", U"شعبان", U"كانون",
    U"حزيران", U"نيسان", U"تشرين", U"لندن", U"اسوان", U"تطوان", U"وهران", U"تلمسان", U"عمران",
    U"سليمان", U"مروان", U"غسان", U"حسان", U"رضوان", U"سفيان", U"عرفات", U"الكويت",
};
// clang-format on

bool IsNameStem(std::u32string_view w) {
  if (w.size() >= 6 && EndsWith(w, U"ستان")) return true;
  return std::find(std::begin(kNameStems), std::end(kNameStems), w) != std::end(kNameStems);
}

// Suffix stripping, or the listed stem of a و-initial root word or name.
std::u32string_view StemRemainder(std::u32string_view w) {
  if (IsNameStem(w)) return w;
  const std::u32string_view listed = WawStem(w);
  return listed.empty() ? StripSuffixes(w) : listed;
}

class ArabicRules : public ScriptRules {
 private:
  // The stem of X + ة for a word X + ت + pronoun.
  static void AddFeminine(std::u32string_view w, Token* token) {
    if (!WawStem(w).empty()) return;
    const std::u32string_view base = FeminineBase(w);
    if (base.empty()) return;
    std::u32string noun(base);
    noun.push_back(U'ه');
    AppendUtf8(StemRemainder(noun), &token->alts.emplace_back());
  }

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
      } else if (IsExtendedMark(c)) {
        continue;
      }
      (*word)[out++] = c;
    }
    word->resize(out);
  }

  void Stem(const std::u32string& word, Token* token) override {
    const std::u32string_view w = word;
    // The name of God with its clitics (والله, بالله, لله): the three-letter
    // minimum would otherwise leave each form apart (الله -> الل).
    for (std::u32string_view form : kAllahForms) {
      if (w == form) {
        token->stem = "الله";
        return;
      }
    }
    // Prefix.
    std::u32string_view rest = w;
    bool stripped = false;
    for (std::u32string_view p : kPrefixes) {
      if (w.size() >= p.size() + kMinStem && StartsWith(w, p)) {
        rest = w.substr(p.size());
        stripped = true;
        break;
      }
    }
    bool lone_waw = false;
    if (!stripped && w.size() >= 4 && w[0] == kWaw && WawStem(w).empty()) {
      rest = w.substr(1);
      lone_waw = true;
    }
    const std::u32string_view stem = StemRemainder(rest);
    AppendUtf8(stem, &token->stem);

    // Loose: hamza on a seat folds to the bare hamza (مسؤول, مسئول -> مسءول).
    if (std::find_if(stem.begin(), stem.end(),
                     [](char32_t c) { return c == kWawHamza || c == kYehHamza; }) != stem.end()) {
      for (char32_t c : stem) {
        internal::AppendUtf8(c == kWawHamza || c == kYehHamza ? kHamza : c, &token->loose);
      }
    }

    // Alternatives: a lone ب or ل (after a lone و) removed; a feminine
    // noun with a pronoun (حكومته ~ حكومة), whose t may also be a root
    // letter (ثابته = ثابتة), hence only an alternative.
    AddFeminine(rest, token);
    if (stripped && !lone_waw) return;
    const std::u32string_view base = lone_waw ? w.substr(1) : w;
    if (base.size() < 4) return;
    const char32_t c = base[0];
    if (c != U'ب' && c != U'ل') return;
    if (base[1] == U'ا' && base[2] == U'ل') return;  // بال... matched no prefix: too short.
    AppendUtf8(StemRemainder(base.substr(1)), &token->alts.emplace_back());
    AddFeminine(base.substr(1), token);
  }
};

}  // namespace

std::unique_ptr<ScriptRules> NewArabicRules() { return std::make_unique<ArabicRules>(); }

}  // namespace tahqiq::analyze::internal
