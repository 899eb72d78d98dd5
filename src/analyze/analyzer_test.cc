#include "analyze/analyzer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace tahqiq::analyze {
namespace {

class AnalyzerTest : public testing::Test {
 protected:
  void SetUp() override {
    auto created = Analyzer::Create();
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    analyzer_ = std::move(created).value();
  }

  std::vector<Token> Analyze(std::string_view text, uint32_t first_pos = 1) {
    std::vector<Token> tokens;
    analyzer_->Analyze(text, first_pos, &tokens);
    return tokens;
  }

  // The surface text of each token, as the offsets cut it from `text`.
  static std::vector<std::string> Surfaces(std::string_view text,
                                           const std::vector<Token>& tokens) {
    std::vector<std::string> out;
    for (const Token& t : tokens) {
      EXPECT_LE(t.start, t.end);
      EXPECT_LE(t.end, text.size());
      out.emplace_back(text.substr(t.start, t.end - t.start));
    }
    return out;
  }

  static std::vector<std::string> Exacts(const std::vector<Token>& tokens) {
    std::vector<std::string> out;
    for (const Token& t : tokens) out.push_back(t.exact);
    return out;
  }

  // Positions must run consecutively from first_pos with no gap.
  static void ExpectConsecutive(const std::vector<Token>& tokens, uint32_t first_pos) {
    for (size_t i = 0; i < tokens.size(); ++i) EXPECT_EQ(tokens[i].pos, first_pos + i) << i;
  }

  std::unique_ptr<Analyzer> analyzer_;
};

using Strings = std::vector<std::string>;

TEST_F(AnalyzerTest, EmptyAndPunctuationOnlyYieldNothing) {
  std::vector<Token> tokens;
  EXPECT_EQ(analyzer_->Analyze("", 7, &tokens), 7u);
  EXPECT_EQ(analyzer_->Analyze(" \n\t.,;:!?()«»،؛؟ — ״ ׃ ***", 7, &tokens), 7u);
  EXPECT_TRUE(tokens.empty());
}

TEST_F(AnalyzerTest, ReturnsNextFreePositionAndAppends) {
  std::vector<Token> tokens;
  uint32_t next = analyzer_->Analyze("one two", 10, &tokens);
  EXPECT_EQ(next, 12u);
  next = analyzer_->Analyze("three", next, &tokens);
  EXPECT_EQ(next, 13u);
  ASSERT_EQ(tokens.size(), 3u);
  ExpectConsecutive(tokens, 10);
  EXPECT_EQ(tokens[2].exact, "three");
  EXPECT_EQ(tokens[2].start, 0u);  // Offsets are per call.
}

TEST_F(AnalyzerTest, OffsetsCutTheOriginalSurfaceWord) {
  const std::string text = "  «أَحْمَدُ» قال: The CEO's\u00A0e-mail — שָׁלוֹם, צה\"ל! ﷲ ١٢٣ Straße\n";
  const auto tokens = Analyze(text);
  EXPECT_EQ(Surfaces(text, tokens), (Strings{"أَحْمَدُ", "قال", "The", "CEO's", "e", "mail", "שָׁלוֹם",
                                             "צה\"ל", "ﷲ", "١٢٣", "Straße"}));
  EXPECT_EQ(Exacts(tokens), (Strings{"احمد", "قال", "the", "ceo's", "e", "mail", "שלום", "צהל",
                                     "الله", "123", "strasse"}));
  ExpectConsecutive(tokens, 1);
}

// Characters outside the Basic Multilingual Plane take two UTF-16 units
// in ICU's break iterator and four bytes in the text: offsets after them
// must still cut whole words, gershayim joins included.
TEST_F(AnalyzerTest, OffsetsAfterFourByteCharacters) {
  const std::string text = "\U00010400\U00010428 😀 test 𠀋字 וצה“ל 😀😀 end";
  const auto tokens = Analyze(text);
  EXPECT_EQ(Surfaces(text, tokens),
            (Strings{"\U00010400\U00010428", "test", "𠀋", "字", "וצה“ל", "end"}));
  EXPECT_EQ(Exacts(tokens), (Strings{"\U00010428\U00010428", "test", "𠀋", "字", "וצהל", "end"}));
  ExpectConsecutive(tokens, 1);
}

TEST_F(AnalyzerTest, CliticOnNumberSplitsWithExactOffsets) {
  const std::string text = "دفع بـ10 ملايين في و2023";
  const auto tokens = Analyze(text);
  EXPECT_EQ(Surfaces(text, tokens), (Strings{"دفع", "بـ", "10", "ملايين", "في", "و", "2023"}));
  EXPECT_EQ(Exacts(tokens), (Strings{"دفع", "ب", "10", "ملايين", "في", "و", "2023"}));
  EXPECT_EQ(tokens[1].script, Script::kArabic);
  EXPECT_EQ(tokens[2].script, Script::kNumber);
  ExpectConsecutive(tokens, 1);
}

TEST_F(AnalyzerTest, ExpandedPresentationFormKeepsSurfaceOffsets) {
  const std::string text = "النبي ﷺ قال";
  const auto tokens = Analyze(text);
  EXPECT_EQ(Exacts(tokens), (Strings{"النبي", "صلي", "الله", "عليه", "وسلم", "قال"}));
  for (size_t i = 1; i <= 4; ++i) EXPECT_EQ(Surfaces(text, tokens)[i], "ﷺ");
  ExpectConsecutive(tokens, 1);
}

TEST_F(AnalyzerTest, ScriptsAndStems) {
  const auto tokens = Analyze("Running والكتب בספרים 42");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].script, Script::kLatin);
  EXPECT_EQ(tokens[0].stem, "run");
  EXPECT_TRUE(tokens[0].upper_initial);
  EXPECT_EQ(tokens[1].script, Script::kArabic);
  EXPECT_EQ(tokens[1].stem, "كتب");
  EXPECT_EQ(tokens[2].script, Script::kHebrew);
  EXPECT_EQ(tokens[2].stem, "בספרימ");  // Final letters folded.
  EXPECT_EQ(tokens[2].alts, (Strings{"ספרימ", "בספר", "ספר"}));
  EXPECT_EQ(tokens[3].script, Script::kNumber);
  EXPECT_EQ(tokens[3].stem, "");
  EXPECT_FALSE(tokens[3].upper_initial);
}

TEST_F(AnalyzerTest, MixedScriptWordsSplitPerScript) {
  const std::string text = "הCIA بالiPhone ב2023 Windows10";
  const auto tokens = Analyze(text);
  EXPECT_EQ(Surfaces(text, tokens),
            (Strings{"ה", "CIA", "بال", "iPhone", "ב", "2023", "Windows10"}));
  EXPECT_EQ(tokens[0].script, Script::kHebrew);
  EXPECT_EQ(tokens[1].script, Script::kLatin);
  EXPECT_EQ(tokens[1].exact, "cia");
  EXPECT_EQ(tokens[3].exact, "iphone");
  ExpectConsecutive(tokens, 1);
  // The document's language still comes from its letters as a whole.
  std::vector<Token> out;
  ScriptCounts counts;
  analyzer_->Analyze("דוח רבעוני של Microsoft ו-Google על הענן", 1, &out, &counts);
  EXPECT_EQ(MainLanguage(counts), "he");
}

TEST_F(AnalyzerTest, TypographicGershayimKeepsAnAcronymWhole) {
  const std::string text = "צה“ל צה”ל ש''ח צה＂ל מ“ 1”";
  const auto tokens = Analyze(text);
  EXPECT_EQ(Exacts(tokens), (Strings{"צהל", "צהל", "שח", "צהל", "מ", "1"}));
  EXPECT_EQ(Surfaces(text, tokens)[0], "צה“ל");
  EXPECT_EQ(Surfaces(text, tokens)[2], "ש''ח");
}

TEST_F(AnalyzerTest, QueryAlternativesAreFewerThanIndexed) {
  std::vector<Token> index, query;
  analyzer_->Analyze("למלך ממלך לבית بالوزارة لوزارة הים", 1, &index);
  analyzer_->AnalyzeQuery("למלך ממלך לבית بالوزارة لوزارة הים", 1, &query);
  ASSERT_EQ(index.size(), 6u);
  ASSERT_EQ(query.size(), 6u);
  for (size_t i = 0; i < index.size(); ++i) {
    EXPECT_EQ(index[i].exact, query[i].exact);
    EXPECT_EQ(index[i].stem, query[i].stem);
  }
  EXPECT_EQ(index[0].alts, (Strings{"מלכ"}));
  EXPECT_EQ(index[1].alts, (Strings{"מלכ"}));  // Not מש+לך: לך is a function word.
  EXPECT_EQ(query[0].alts, (Strings{"מלכ"}));
  EXPECT_EQ(index[2].alts, (Strings{"בית"}));
  EXPECT_EQ(index[3].stem, "وزار");  // وبال-family prefix; و of وزارة is a root letter.
  EXPECT_EQ(index[4].stem, "لوزار");
  EXPECT_EQ(index[4].alts, (Strings{"وزار"}));  // Lone ل: an alternative.
  EXPECT_EQ(query[4].alts, (Strings{"وزار"}));
  EXPECT_EQ(index[5].alts, (Strings{"ימ"}));  // Two letters: indexed, never searched.
  EXPECT_TRUE(query[5].alts.empty());
}

TEST_F(AnalyzerTest, MatchLevels) {
  auto one = [&](std::string_view w, bool query) {
    std::vector<Token> t;
    if (query) {
      analyzer_->AnalyzeQuery(w, 1, &t);
    } else {
      analyzer_->Analyze(w, 1, &t);
    }
    EXPECT_EQ(t.size(), 1u) << w;
    return t.empty() ? Token() : t[0];
  };
  auto match = [&](std::string_view q, std::string_view d) {
    return Match(one(q, true), one(d, false));
  };
  EXPECT_EQ(match("الفاتورة", "الفَاتُورَة"), MatchLevel::kExact);
  EXPECT_EQ(match("invoices", "invoice"), MatchLevel::kStem);
  EXPECT_EQ(match("cats", "cat"), MatchLevel::kStem);  // The stem is a word of its own.
  EXPECT_EQ(match("وزارة", "والوزارات"), MatchLevel::kStem);
  EXPECT_EQ(match("وزارة", "لوزارة"), MatchLevel::kStem);  // Through an alternative.
  EXPECT_EQ(match("زار", "وزارة"), MatchLevel::kNone);
  EXPECT_EQ(match("חשבונית", "והחשבונית"), MatchLevel::kStem);
  EXPECT_EQ(match("והחשבונית", "חשבונית"), MatchLevel::kStem);
  EXPECT_EQ(match("מלך", "לך"), MatchLevel::kNone);
  EXPECT_EQ(match("לך", "מלך"), MatchLevel::kNone);  // A function word is never offered.
  EXPECT_EQ(match("מסמכים", "מסמך"), MatchLevel::kStem);
  EXPECT_EQ(match("مسؤول", "مسئولين"), MatchLevel::kLoose);
  EXPECT_EQ(match("cafe", "Cafés"), MatchLevel::kLoose);
  EXPECT_EQ(match("דוקא", "דווקא"), MatchLevel::kLoose);
  EXPECT_EQ(match("צה\"ל", "בצה״ל"), MatchLevel::kStem);
  EXPECT_EQ(match("מחיר", "מהיר"), MatchLevel::kNone);
  EXPECT_EQ(match("حمد", "همد"), MatchLevel::kNone);
}

TEST_F(AnalyzerTest, StemEqualToExactIsLeftEmpty) {
  const auto tokens = Analyze("cat cats");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].stem, "");
  EXPECT_EQ(tokens[1].stem, "cat");
}

TEST_F(AnalyzerTest, InvalidUtf8NeverBreaksOffsets) {
  // Stray continuation, truncated 3-byte sequence, overlong '/', UTF-16
  // surrogate, byte 0xFF, then a sequence cut off at the end of the input.
  const std::string text =
      "abc\x80"
      "def \xE2\x82 ghi \xC0\xAF jkl \xED\xA0\x80mno \xFF"
      "كتب \xD8";
  const auto tokens = Analyze(text);
  EXPECT_EQ(Exacts(tokens), (Strings{"abc", "def", "ghi", "jkl", "mno", "كتب"}));
  EXPECT_EQ(Surfaces(text, tokens), (Strings{"abc", "def", "ghi", "jkl", "mno", "كتب"}));
}

TEST_F(AnalyzerTest, RandomBytesDoNotCrash) {
  std::mt19937 rng(42);
  // Biased towards bytes that start or continue multi-byte sequences, and
  // towards Arabic/Hebrew lead bytes, to reach the interesting paths.
  const char kPool[] = "ab1 .'\"\xD7\xD8\xD9\x80\x90\xA0\xBF\xE2\x80\x8F\xEF\xBB\xBF\xF0\xFF\xC0";
  std::string text(1 << 18, ' ');
  for (char& c : text) c = kPool[rng() % (sizeof kPool - 1)];
  std::vector<Token> tokens;
  ScriptCounts counts;
  const uint32_t next = analyzer_->Analyze(text, 1, &tokens, &counts);
  EXPECT_EQ(next, tokens.size() + 1);
  for (const Token& t : tokens) {
    ASSERT_LT(t.start, t.end);
    ASSERT_LE(t.end, text.size());
    ASSERT_FALSE(t.exact.empty());
  }
  ExpectConsecutive(tokens, 1);
}

TEST_F(AnalyzerTest, CountsLettersPerScript) {
  std::vector<Token> tokens;
  ScriptCounts counts;
  analyzer_->Analyze("Hi كتب ספרים 123 Ωμέγα أَ ـ", 1, &tokens, &counts);
  EXPECT_EQ(counts.latin, 2u);
  EXPECT_EQ(counts.arabic, 4u);  // Harakat and tatweel are not letters.
  EXPECT_EQ(counts.hebrew, 5u);
  EXPECT_EQ(counts.other, 5u);
  ScriptCounts sum;
  sum.Add(counts);
  sum.Add(counts);
  EXPECT_EQ(sum.hebrew, 10u);
}

TEST(MainLanguageTest, PicksScriptWithMostLetters) {
  EXPECT_EQ(MainLanguage({}), "und");
  EXPECT_EQ(MainLanguage({.latin = 3, .arabic = 10}), "ar");
  EXPECT_EQ(MainLanguage({.latin = 3, .arabic = 1, .hebrew = 4}), "he");
  EXPECT_EQ(MainLanguage({.latin = 30, .arabic = 10, .hebrew = 4}), "en");
  EXPECT_EQ(MainLanguage({.latin = 3, .other = 100}), "und");
}

TEST_F(AnalyzerTest, NormalizeWordMatchesAnalyze) {
  for (std::string_view word : {"أَحْمَدُ", "وإبراهيم", "مدرسة", "Running", "CEO's", "צה\"ל", "שָׁלוֹם",
                                "ײִדיש", "١٢٣", "ﷲ", "Straße", "don\u2019t", "e\u200Fmail"}) {
    const auto tokens = Analyze(word);
    ASSERT_EQ(tokens.size(), 1u) << word;
    std::string stem = "junk";
    EXPECT_EQ(analyzer_->NormalizeWord(word, &stem), tokens[0].exact) << word;
    EXPECT_EQ(stem, tokens[0].stem) << word;
  }
}

// The analyzer keeps the stems of recent words (more words than slots
// here, so slots are reused): a word's stem, alternatives and loose form
// must not depend on which words came before it.
TEST_F(AnalyzerTest, StemsDoNotDependOnWordsAnalysedBefore) {
  std::vector<std::string> words;
  auto combine = [&](std::initializer_list<std::string_view> pres,
                     std::initializer_list<std::string_view> roots,
                     std::initializer_list<std::string_view> sufs) {
    for (std::string_view pre : pres) {
      for (std::string_view root : roots) {
        for (std::string_view suf : sufs) {
          words.push_back(std::string(pre) + std::string(root) + std::string(suf));
        }
      }
    }
  };
  combine({"", "re", "un", "dis", "over", "inter", "pré", "naï"},
          {"connect", "run", "happi", "nation", "organ", "general", "relat", "condit", "operat",
           "adjust", "résumé", "café"},
          {"", "s", "ed", "ing", "ion", "ions", "ional", "ize", "izes", "ization", "ful", "ness",
           "ly", "er", "ers"});
  combine({"", "ו", "ה", "ב", "ל", "מ", "ש", "וה", "שב", "וכש"},
          {"ספר", "מלך", "ממשל", "כנס", "שלום", "תור", "קובץ", "נשיא"},
          {"", "ים", "ות", "ה", "ת", "ך", "נו"});
  combine({"", "و", "ب", "ل", "ال", "وال", "بال", "لل", "ف"},
          {"كتاب", "وزير", "حكوم", "ملف", "مدرس", "انتخاب", "رئيس", "مغرب"},
          {"", "ات", "ون", "ين", "ة", "ها", "هم"});
  std::string text;
  std::mt19937 rng(8);
  for (int round = 0; round < 3; ++round) {
    std::shuffle(words.begin(), words.end(), rng);
    for (const auto& w : words) text += w + " ";
  }
  const auto tokens = Analyze(text);
  ASSERT_EQ(tokens.size(), 3 * words.size());
  auto fresh = Analyzer::Create();
  ASSERT_TRUE(fresh.ok());
  std::sort(words.begin(), words.end());
  std::map<std::string, Token> alone;
  for (auto w = words.rbegin(); w != words.rend(); ++w) {
    std::vector<Token> one;
    (*fresh)->Analyze(*w, 0, &one);
    ASSERT_EQ(one.size(), 1u) << *w;
    alone[*w] = one[0];
  }
  for (const Token& t : tokens) {
    const Token& want = alone.at(text.substr(t.start, t.end - t.start));
    EXPECT_EQ(t.exact, want.exact);
    EXPECT_EQ(t.stem, want.stem) << t.exact;
    EXPECT_EQ(t.alts, want.alts) << t.exact;
    EXPECT_EQ(t.loose, want.loose) << t.exact;
  }
}

TEST_F(AnalyzerTest, NormalizeWordIsBestEffortOnSeveralWords) {
  std::string stem;
  EXPECT_EQ(analyzer_->NormalizeWord("", &stem), "");
  EXPECT_EQ(analyzer_->NormalizeWord("بـ10", &stem), "ب10");
  EXPECT_EQ(analyzer_->NormalizeWord("New Cars", &stem), "new cars");
  EXPECT_EQ(stem, "new car");
  EXPECT_EQ(analyzer_->NormalizeWord("a\xFF"
                                     "b",
                                     &stem),
            "a?b");
}

TEST_F(AnalyzerTest, LargeInputInOneCall) {
  std::string text;
  while (text.size() < (1u << 20)) text += "وزارة الخارجية said 10 מיליון ";
  std::vector<Token> tokens;
  const uint32_t next = analyzer_->Analyze(text, 1, &tokens);
  EXPECT_EQ(next, tokens.size() + 1);
  EXPECT_EQ(tokens.back().exact, "מיליון");
  EXPECT_EQ(text.substr(tokens.back().start, tokens.back().end - tokens.back().start), "מיליון");
}

// AnalyzeForInitials (snippets) relies on the English stemmer keeping a
// word's first letter, in the stem and in the loose form; checked on real
// English text (the project's own documentation, with accented words added).
std::string RealEnglish() {
  std::string text = "Résumés of the café's naïve Zoë, Ærø and Øresund: ÉCOLE élèves. ";
  for (const char* name : {"/README.md", "/ARCHITECTURE.md"}) {
    std::ifstream in(std::string(TAHQIQ_SOURCE_DIR) + name);
    std::stringstream all;
    all << in.rdbuf();
    text += all.str();
  }
  return text;
}

int Initial(std::string_view form) {
  return __builtin_ctz(Analyzer::LatinInitialBit(form) | 1u << 31);
}

TEST_F(AnalyzerTest, EnglishStemsAndLooseFormsKeepTheFirstLetter) {
  const std::vector<Token> tokens = Analyze(RealEnglish());
  ASSERT_GT(tokens.size(), 1000u);
  size_t stemmed = 0, loose = 0;
  for (const Token& t : tokens) {
    const int initial = Initial(t.exact);
    if (initial == 31) continue;  // Not a Latin letter first.
    if (!t.stem.empty()) {
      ++stemmed;
      EXPECT_EQ(Initial(t.stem), initial) << t.exact << " -> " << t.stem;
    }
    if (!t.loose.empty()) {
      ++loose;
      EXPECT_EQ(Initial(t.loose), initial) << t.exact << " -> " << t.loose;
    }
  }
  EXPECT_GT(stemmed, 500u);
  EXPECT_GE(loose, 5u);
}

TEST_F(AnalyzerTest, AnalyzeForInitialsStemsOnlyWordsWithThoseInitials) {
  const std::string text = RealEnglish();
  const std::vector<Token> all = Analyze(text);
  // "r" (résumés, Øresund has "o"), "e" (ÉCOLE, élèves) and "i".
  const uint32_t bits = Analyzer::LatinInitialBit("résumé") | Analyzer::LatinInitialBit("École") |
                        Analyzer::LatinInitialBit("index");
  EXPECT_EQ(bits, (1u << ('r' - 'a')) | (1u << ('e' - 'a')) | (1u << ('i' - 'a')));
  EXPECT_EQ(Analyzer::LatinInitialBit("مصر"), 0u);
  EXPECT_EQ(Analyzer::LatinInitialBit("3com"), 0u);
  // A fresh analyzer: the first one's word slots hold full analyses, which
  // it may reuse here.
  auto fresh = Analyzer::Create();
  ASSERT_TRUE(fresh.ok());
  Analyzer& analyzer = **fresh;
  std::vector<Token> some;
  EXPECT_EQ(analyzer.AnalyzeForInitials(text, 1, &some, bits), all.back().pos + 1);
  ASSERT_EQ(some.size(), all.size());
  size_t kept = 0, dropped = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(some[i].exact, all[i].exact);
    EXPECT_EQ(some[i].pos, all[i].pos);
    EXPECT_EQ(some[i].start, all[i].start);
    EXPECT_EQ(some[i].end, all[i].end);
    EXPECT_EQ(some[i].alts, all[i].alts);
    const int initial = Initial(all[i].exact);
    if (initial == 31 || (bits >> initial & 1)) {
      EXPECT_EQ(some[i].stem, all[i].stem) << all[i].exact;
      EXPECT_EQ(some[i].loose, all[i].loose) << all[i].exact;
      kept += !all[i].stem.empty();
    } else {
      EXPECT_EQ(some[i].stem, "") << all[i].exact;
      EXPECT_EQ(some[i].loose, "") << all[i].exact;
      dropped += !all[i].stem.empty();
    }
  }
  EXPECT_GT(kept, 50u);
  EXPECT_GT(dropped, 200u);
  // Its next Analyze() stems everything again (none of the partial
  // analyses is reused).
  std::vector<Token> again;
  analyzer.Analyze(text, 1, &again);
  ASSERT_EQ(again.size(), all.size());
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(again[i].stem, all[i].stem) << all[i].exact;
}

}  // namespace
}  // namespace tahqiq::analyze
