#include "analyze/internal/figure_lexicon.h"

#include <initializer_list>
#include <utility>
#include <vector>

#include "analyze/internal/utf8.h"

namespace tahqiq::analyze::internal {
namespace {

bool InRange(char32_t c, char32_t lo, char32_t hi) { return c >= lo && c <= hi; }

class Builder {
 public:
  FigureEntry& At(std::string_view key) { return lex_[FigureNormalize(key)]; }
  void Flag(std::initializer_list<std::string_view> keys, uint32_t flags) {
    for (std::string_view k : keys) At(k).flags |= flags;
  }
  void Number(double v, std::initializer_list<std::string_view> keys, uint32_t flags = 0) {
    for (std::string_view k : keys) {
      FigureEntry& e = At(k);
      e.number = v;
      e.flags |= flags;
    }
  }
  void Scale(double v, std::initializer_list<std::string_view> keys, uint32_t flags = 0) {
    for (std::string_view k : keys) {
      FigureEntry& e = At(k);
      e.scale = v;
      e.flags |= flags;
    }
  }
  // Dual scale words: ألفين = 2 x 1000.
  void DualScale(double v, std::initializer_list<std::string_view> keys) {
    for (std::string_view k : keys) {
      FigureEntry& e = At(k);
      e.scale = v;
      e.count = 2;
    }
  }
  void Currency(const char* code, const char* family, std::initializer_list<std::string_view> keys,
                uint32_t flags = 0) {
    for (std::string_view k : keys) {
      FigureEntry& e = At(k);
      e.currency = code;
      e.family = family;
      e.flags |= flags;
    }
  }
  void Unit(const char* unit, std::initializer_list<std::string_view> keys, double count = 0,
            uint32_t flags = 0) {
    for (std::string_view k : keys) {
      FigureEntry& e = At(k);
      e.unit = unit;
      e.count = count;
      e.flags |= flags;
    }
  }
  // English units: singular and plural in one go.
  void UnitEn(const char* unit, std::initializer_list<std::string_view> keys) {
    for (std::string_view k : keys) {
      At(k).unit = unit;
      std::string plural(k);
      const bool sibilant =
          plural.back() == 's' || plural.back() == 'x' ||
          (plural.size() > 1 && plural.back() == 'h' &&
           (plural[plural.size() - 2] == 'c' || plural[plural.size() - 2] == 's'));
      // country -> countries, but day -> days.
      const bool consonant_y =
          plural.size() > 2 && plural.back() == 'y' &&
          std::string_view("aeiou").find(plural[plural.size() - 2]) == std::string_view::npos;
      if (consonant_y) {
        plural.back() = 'i';
        plural += "es";
      } else {
        plural += sibilant ? "es" : "s";
      }
      At(plural).unit = unit;
    }
  }
  void Month(int m, std::initializer_list<std::string_view> keys, uint32_t flags = 0) {
    for (std::string_view k : keys) {
      FigureEntry& e = At(k);
      e.month = m;
      e.flags |= flags;
    }
  }
  // Arabic ordinal days, "السابع من أكتوبر" (the article is a clitic).
  void Ordinals() {
    static constexpr std::string_view kUnits[] = {"حادي", "ثاني", "ثالث", "رابع", "خامس",
                                                  "سادس", "سابع", "ثامن", "تاسع"};
    At("اول").ordinal = 1;
    for (int d = 2; d <= 9; ++d) At(kUnits[d - 1]).ordinal = d;
    At("عاشر").ordinal = 10;
    for (int d = 11; d <= 19; ++d) At(std::string(kUnits[d - 11]) + " عشر").ordinal = d;
    At("عشرين").ordinal = 20;
    At("ثلاثين").ordinal = 30;
    for (int d = 21; d <= 29; ++d) At(std::string(kUnits[d - 21]) + " والعشرين").ordinal = d;
    At("حادي والثلاثين").ordinal = 31;
  }
  // Forms every counted noun has, derived instead of listed: the Hebrew
  // construct plural (מקרים -> "4 מקרי רצח") and possessive plural (עמודיו,
  // דירותיה), and the Arabic dual of a noun in ة (رسالة -> رسالتان, رسالتين: two
  // messages). A form that is already a word of the lexicon (שני is "two")
  // keeps its own entry.
  void DerivedUnitForms() {
    std::vector<std::pair<std::string, FigureEntry>> add;
    const std::string im = "ים", ot = "ות", ta = "ه";
    for (const auto& [key, e] : lex_) {
      if (e.unit == nullptr || e.count != 0 || key.find(' ') != std::string::npos) continue;
      // חברי is also "my friend"; "120 חברי כנסת" names the house, not a count.
      if (key.size() > 6 && key.compare(key.size() - im.size(), im.size(), im) == 0 &&
          key != "חברים") {
        FigureEntry c = e;
        c.flags |= kFigDerived;
        add.emplace_back(key.substr(0, key.size() - im.size()) + "י", c);
        // "16 עמודיו" (its 16 pages), "1,200 עובדיה": the plural with a possessive suffix.
        // שנים has its own (שנותיו; שניהם is "both of them").
        if (key != "שנים") {
          for (const char* own : {"יו", "יה", "יהם", "יהן", "ינו"}) {
            add.emplace_back(key.substr(0, key.size() - im.size()) + own, c);
          }
        }
      } else if (key.size() > 6 && key.compare(key.size() - ot.size(), ot.size(), ot) == 0) {
        FigureEntry c = e;  // "עשר דירותיה" (her ten apartments)
        c.flags |= kFigDerived;
        for (const char* own : {"יו", "יה", "יהם", "יהן", "ינו"}) add.emplace_back(key + own, c);
      } else if (key.size() > 4 && key.compare(key.size() - ta.size(), ta.size(), ta) == 0 &&
                 key.compare(0, 4, "ال") != 0 && std::string_view(e.unit) != "point") {
        // Not نقطتين: a font size follows its digits ("14 نقطة"); two points alone are places
        // or a score ("تتقاطع الدائرتان عند نقطتين").
        FigureEntry d = e;
        d.count = 2;
        d.flags |= kFigDerived;
        const std::string stem = key.substr(0, key.size() - ta.size());
        add.emplace_back(stem + "تان", d);
        add.emplace_back(stem + "تين", d);
        // "شركتي كومناف وكوماريت": the dual before the noun it governs loses its ن; the parser
        // tells it from the possessive "my company".
        add.emplace_back(stem + "تي", d);
      }
    }
    for (auto& [k, e] : add) lex_.emplace(k, e);
  }
  FigureLexicon Take() { return std::move(lex_); }

 private:
  FigureLexicon lex_;
};

FigureLexicon Build() {
  Builder b;

  // ---- Number words (common ones; compounds such as خمسة وعشرون are not parsed).
  b.Number(1, {"a", "an", "one", "واحد", "واحدة", "אחד", "אחת"}, kFigBeforeScaleOnly);
  b.Number(0.5, {"half", "نصف", "חצי"}, kFigBeforeScaleOnly);
  b.Number(0.25, {"quarter", "ربع", "רבע"}, kFigBeforeScaleOnly);
  b.Number(2, {"two", "اثنان", "اثنين", "اثنتان", "اثنتين", "שניים", "שתיים", "שני", "שתי"});
  b.Number(3, {"three", "ثلاث", "ثلاثة", "שלוש", "שלושה", "שלושת"});
  b.Number(4, {"four", "اربع", "اربعة", "ארבע", "ארבעה", "ארבעת"});
  b.Number(5, {"five", "خمس", "خمسة", "חמש", "חמישה", "חמשת"});
  b.Number(6, {"six", "ست", "ستة", "שש", "שישה", "ששה", "ששת"});
  b.Number(7, {"seven", "سبع", "سبعة", "שבע", "שבעה", "שבעת"});
  b.Number(8, {"eight", "ثمان", "ثماني", "ثمانية", "שמונה", "שמונת"});
  b.Number(9, {"nine", "تسع", "تسعة", "תשע", "תשעה", "תשעת"});
  b.Number(10, {"ten", "عشر", "عشرة", "עשר", "עשרה", "עשרת"});
  b.Number(11, {"eleven", "احد عشر", "احدى عشره", "احدى عشر"});
  b.Number(12, {"اثنا عشر", "اثني عشر", "اثنتا عشره", "اثنتي عشره"});
  b.Number(13, {"ثلاثه عشر", "ثلاث عشره"});
  b.Number(14, {"اربعه عشر", "اربع عشره"});
  b.Number(15, {"خمسه عشر", "خمس عشره"});
  b.Number(16, {"سته عشر", "ست عشره"});
  b.Number(17, {"سبعه عشر", "سبع عشره"});
  b.Number(18, {"ثمانيه عشر", "ثماني عشره"});
  b.Number(19, {"تسعه عشر", "تسع عشره"});
  b.Number(12, {"twelve", "dozen"});
  // Hebrew 11..19, masculine (שלושה עשר) and feminine (שלוש עשרה), also written
  // with a hyphen or maqaf ("שלושה-עשר", "שלושה - עשר"): not ten after a number.
  {
    static constexpr std::string_view kMasc[] = {"אחד",  "שנים", "שלושה", "ארבעה", "חמישה",
                                                 "שישה", "שבעה", "שמונה", "תשעה"};
    static constexpr std::string_view kFem[] = {"אחת", "שתים", "שלוש",  "ארבע", "חמש",
                                                "שש",  "שבע",  "שמונה", "תשע"};
    for (int d = 1; d <= 9; ++d) {
      for (std::string_view sep : {" ", "-", " - ", "\u05be"}) {
        // Speech and informal writing mix the genders ("חמש-עשר השנים"): the same number.
        b.Number(10 + d, {std::string(kMasc[d - 1]) + std::string(sep) + "עשר",
                          std::string(kFem[d - 1]) + std::string(sep) + "עשרה",
                          std::string(kFem[d - 1]) + std::string(sep) + "עשר",
                          std::string(kMasc[d - 1]) + std::string(sep) + "עשרה"});
      }
    }
    b.Number(12, {"שניים עשר", "שתיים עשרה"});
  }
  b.Number(13, {"thirteen"});
  b.Number(14, {"fourteen"});
  b.Number(15, {"fifteen"});
  b.Number(16, {"sixteen"});
  b.Number(17, {"seventeen"});
  b.Number(18, {"eighteen"});
  b.Number(19, {"nineteen"});
  b.Number(20, {"twenty", "عشرون", "عشرين", "עשרים"});
  b.Number(30, {"thirty", "ثلاثون", "ثلاثين", "שלושים"});
  b.Number(40, {"forty", "اربعون", "اربعين", "ארבעים"});
  b.Number(50, {"fifty", "خمسون", "خمسين", "חמישים"});
  b.Number(60, {"sixty", "ستون", "ستين", "שישים"});
  b.Number(70, {"seventy", "سبعون", "سبعين", "שבעים"});
  b.Number(80, {"eighty", "ثمانون", "ثمانين", "שמונים"});
  b.Number(90, {"ninety", "تسعون", "تسعين", "תשעים"});
  b.Number(200, {"مئتان", "مئتين", "مائتان", "مائتين", "مئتي", "مائتي", "מאתיים"});
  b.Number(300, {"ثلاثمئة", "ثلاثمائة", "שלוש מאות"});
  b.Number(400, {"اربعمئة", "اربعمائة", "ארבע מאות"});
  b.Number(500, {"خمسمئة", "خمسمائة", "חמש מאות"});
  b.Number(600, {"ستمئة", "ستمائة", "שש מאות"});
  b.Number(700, {"سبعمئة", "سبعمائة", "שבע מאות"});
  b.Number(800, {"ثمانمئة", "ثمانمائة", "שמונה מאות"});
  b.Number(900, {"تسعمئة", "تسعمائة", "תשע מאות"});
  b.Number(2000, {"אלפיים"});

  // ---- Scale words, every form (ref §4 table), and abbreviations.
  b.Scale(100, {"hundred", "مئة", "مائة", "מאה"});
  b.Scale(100, {"hundreds", "مئات", "מאות"}, kFigPluralScale);
  b.Scale(1e3, {"thousand", "الف", "الفا", "אלף", "k"});
  b.Flag({"k"}, kFigAttachedOnly);
  b.Scale(1e3, {"thousands", "الاف", "آلاف", "אלפים", "אלפי"}, kFigPluralScale);
  b.DualScale(1e3, {"الفان", "الفين", "الفي"});
  b.Scale(1e6, {"million", "mn", "mln", "مليون", "مليونا", "מיליון", "מליון", "מ'", "מיל'"});
  b.Scale(1e6, {"m"}, kFigAttachedOnly);
  b.Scale(1e6, {"millions", "ملايين", "מיליוני", "מליוני", "מיליונים", "מליונים"}, kFigPluralScale);
  b.DualScale(1e6, {"مليونان", "مليونين", "مليوني"});
  b.Scale(1e9, {"billion", "bn", "مليار", "مليارا", "بليون", "מיליארד", "מליארד", "ביליון"});
  b.Scale(1e9, {"b"}, kFigAttachedOnly);
  b.Scale(1e9, {"billions", "مليارات", "מיליארדי", "מיליארדים"}, kFigPluralScale);
  b.DualScale(1e9, {"ملياران", "مليارين", "ملياري"});
  b.Scale(1e12, {"trillion", "tn", "تريليون", "ترليون", "טריליון"});
  b.Scale(1e12, {"تريليونات", "trillions"}, kFigPluralScale);
  b.Flag({"ونصف", "و نصف", "וחצי", "and a half"}, kFigHalf);
  // "لقرابة الساعة والنصف": after a unit with the article the fraction takes it too.
  b.Flag({"والنصف"}, kFigHalf);
  b.Flag({"والربع"}, kFigQuarter);
  b.Flag({"وربع", "و ربع", "ורבע", "and a quarter"}, kFigQuarter);

  // ---- Currencies. Symbols and ISO codes may precede the number.
  const uint32_t kPre = kFigCurrencyPrefix;
  b.Currency("USD", "dollar", {"$", "us$", "us $", "usd"}, kPre);
  b.Currency("CAD", "dollar", {"c$", "cad"}, kPre);
  b.Currency("AUD", "dollar", {"a$", "aud"}, kPre);
  b.Currency("HKD", "dollar", {"hk$", "hk $", "hkd"}, kPre);
  // "NZ $ 26 million", "S$40": a country's letters before the dollar sign name its dollar.
  b.Currency("NZD", "dollar", {"nz$", "nz $", "nzd"}, kPre);
  b.Currency("SGD", "dollar", {"s$", "sgd"}, kPre);
  b.Flag({"hk $", "nz $", "nz$", "s$"}, kFigNeedsUpper);
  b.Currency("EUR", "euro", {"€", "eur"}, kPre);
  b.Currency("GBP", "pound", {"£", "gbp"}, kPre);
  b.Currency("ILS", "shekel", {"₪", "ils", "nis"}, kPre);
  b.Currency("JPY", "yen", {"¥", "jpy"}, kPre);
  for (const char* code :
       {"CHF", "CNY", "SAR", "AED", "EGP", "QAR", "KWD", "JOD", "IQD", "BHD", "OMR", "LBP",
        "SYP", "TRY", "MAD", "TND", "DZD", "LYD", "YER", "IRR", "RUB", "INR", "CUC"}) {
    std::string lower(code);
    for (char& c : lower) c = static_cast<char>(c - 'A' + 'a');
    FigureEntry& e = b.At(lower);
    e.currency = code;
    e.flags |= kPre;
  }
  b.Flag({"usd", "cad", "aud", "hkd", "nzd", "sgd", "eur", "gbp", "ils", "nis", "jpy", "chf",
          "cny", "sar", "aed", "egp", "qar", "kwd", "jod", "iqd", "bhd", "omr", "lbp", "syp",
          "try", "mad", "tnd", "dzd", "lyd", "yer", "irr", "rub", "inr", "cuc"},
         kFigNeedsUpper);
  b.Currency("KWD", "dinar", {"kuwaiti dinar", "kuwaiti dinars"});
  b.Currency("JOD", "dinar", {"jordanian dinar", "jordanian dinars"});
  b.Currency("IQD", "dinar", {"iraqi dinar", "iraqi dinars"});
  b.Currency("SAR", "riyal", {"saudi riyal", "saudi riyals"});
  b.Currency("QAR", "riyal", {"qatari riyal", "qatari riyals"});
  b.Currency("EGP", "pound", {"egyptian pound", "egyptian pounds"});
  b.Currency("LBP", "pound", {"lebanese pound", "lebanese pounds"});
  b.Currency("TRY", "lira", {"turkish lira", "turkish liras"});
  b.Currency("AED", "dirham", {"uae dirham", "uae dirhams", "emirati dirham", "emirati dirhams"});
  b.Currency("CAD", "dollar", {"canadian dollar", "canadian dollars"});
  b.Currency("AUD", "dollar", {"australian dollar", "australian dollars"});
  b.Currency("USD", "dollar",
             {"dollar", "dollars", "us dollars", "u.s. dollars", "دولار", "دولارا", "دولارات",
              "الدولارات", "דולר", "דולרים", "דולרים אמריקאים"});
  b.Currency("EUR", "euro", {"euro", "euros", "يورو", "يوروات", "اورو", "יורו", "אירו"});
  // "a twenty-dollar bill", "a five-hundred-dollar check": the currency joined by a hyphen.
  b.Currency("USD", "dollar", {"-dollar"});
  b.Currency("EUR", "euro", {"-euro"});
  b.Currency("GBP", "pound",
             {"pounds sterling", "sterling", "جنيه استرليني", "جنيها استرلينيا", "ליש\"ט",
              "לירות שטרלינג", "פאונד"});
  b.Currency("ILS", "shekel",
             {"shekel", "shekels", "new shekels", "شيكل", "شيكلا", "شواكل", "شيقل", "شيقلا",
              "شواقل", "שקל", "שקלים", "ש\"ח", "שח", "שקלים חדשים", "ש \" ח"});
  b.Currency("JPY", "yen", {"yen", "ين ياباني"});
  // Agorot: a hundredth of a shekel ("10 אג'" is 0.1 ILS).
  b.Currency("ILS", "shekel", {"אגורה", "אגורות", "אג'"});
  for (std::string_view k : {"אגורה", "אגורות", "אג'"}) b.At(k).subunit = 0.01;
  b.Currency("SAR", "riyal", {"ر.س", "ر. س"});
  b.Currency("AED", "dirham", {"د.إ", "د. إ"});
  b.Currency("EGP", "pound", {"ج.م", "ج. م"});
  b.Currency("KWD", "dinar", {"د.ك", "د. ك"});
  b.Currency("QAR", "riyal", {"ر.ق", "ر. ق"});
  // Ambiguous without a country adjective (CurrencyForAdjective).
  b.Currency("", "dinar", {"dinar", "dinars", "دينار", "دينارا", "دنانير"});
  b.Currency("", "riyal", {"riyal", "riyals", "ريال", "ريالا", "ريالات"});
  b.Currency("", "dirham", {"dirham", "dirhams", "درهم", "درهما", "دراهم"});
  b.Currency("", "pound", {"جنيه", "جنيها", "جنيهات"});
  b.Currency("", "lira", {"lira", "ليرة", "ليره", "ليرات", "לירה", "לירות"});
  // The currencies the euro replaced, as European texts before 2002 write them out ("50,000
  // francs", "3 million lire", "ECU 12 million"). A franc alone is the French one; the other
  // francs are named by their country.
  b.Currency("FRF", "franc", {"franc", "francs", "french franc", "french francs"});
  b.Currency("BEF", "franc", {"belgian franc", "belgian francs"});
  b.Currency("CHF", "franc", {"swiss franc", "swiss francs"});
  b.Currency("LUF", "franc", {"luxembourg franc", "luxembourg francs"});
  b.Currency("DEM", "mark",
             {"deutschmark", "deutschmarks", "deutsche mark", "deutsche marks", "d-mark", "d-marks",
              "german mark", "german marks"});
  b.Currency("DEM", "mark", {"dm"}, kPre);
  b.Flag({"dm"}, kFigNeedsUpper);
  b.Currency("ITL", "lira", {"lire", "italian lira", "italian lire"});
  b.Currency("ESP", "peseta", {"peseta", "pesetas"});
  b.Currency("NLG", "guilder", {"guilder", "guilders", "dutch guilder", "dutch guilders"});
  b.Currency("PTE", "escudo", {"escudo", "escudos"});
  b.Currency("GRD", "drachma", {"drachma", "drachmas", "drachmae"});
  b.Currency("ATS", "schilling",
             {"schilling", "schillings", "austrian schilling", "austrian schillings"});
  b.Currency("FIM", "markka", {"markka", "markkaa", "finnish mark", "finnish marks"});
  b.Currency("IEP", "pound", {"irish pound", "irish pounds"});
  // The European Currency Unit, written before or after the amount ("ECU 100", "12 million
  // ECU", "5 million ecus"); "ecu" in lower case alone is rare enough to need capitals.
  b.Currency("XEU", "ecu", {"ecu", "ecus"}, kPre);
  b.Flag({"ecu"}, kFigNeedsUpper);

  // ---- Percent.
  b.Flag({"%", "percent", "per cent", "pct", "percentage points", "percentage point", "في المئة",
          "في المائة", "في المية", "بالمئة", "بالمائة", "بالمية",
          // "10 فالمائة": "في" run into the article, a common slip of Moroccan news.
          "فالمئة", "فالمائة", "فالمية", "אחוז", "אחוזים", "אחוזי", "נקודות אחוז"},
         kFigPercent);
  b.Flag({"بنسبة", "نسبته", "نسبتها", "بنسبه"}, kFigPercentBefore);

  // ---- Ratios.
  b.Flag({"fold", "-fold", "x", "×", "ضعف", "ضعفا", "اضعاف", "ضعفين"}, kFigRatio);
  b.Flag({"x", "×"}, kFigAttachedOnly);
  for (auto [word, v] : {std::pair<const char*, double>{"twofold", 2},
                         {"threefold", 3},
                         {"fourfold", 4},
                         {"fivefold", 5},
                         {"tenfold", 10},
                         {"hundredfold", 100}}) {
    FigureEntry& e = b.At(word);
    e.flags |= kFigRatio;
    e.count = v;
  }
  b.Flag({"times", "مرة", "مره", "مرات", "פעמים"}, kFigTimes);
  b.Flag({"פי"}, kFigRatioBefore);
  b.Flag({"more", "higher", "larger",  "greater", "bigger", "faster", "slower", "smaller", "lower",
          "less", "fewer",  "cheaper", "as",      "the",    "over",   "اكثر",   "اعلى",    "اكبر",
          "اقل",  "اسرع",   "ابطا",    "اصغر",    "اغلى",   "ارخص",   "مقارنة", "יותר",    "פחות",
          "גבוה", "גבוהה",  "גדול",    "גדולה",   "נמוך",   "נמוכה"},
         kFigComparative);

  // ---- Approximation markers.
  b.Flag({"about",    "around", "approximately", "approx.",      "roughly", "nearly",
          "almost",   "some",   "circa",         "an estimated", "~",       "نحو",
          "حوالي",    "حوالى",  "قرابة",         "قرابه",        "زهاء",    "ما يقارب",
          "ما يناهز", "يقارب",  "يناهز",         "تقريبا",       "بحوالي",  "بنحو",
          "بقرابة",   "בערך",   "כמעט",          "קרוב ל",       "קרוב ל-", "כ",
          "כ-"},
         kFigApproxBefore);
  b.Flag({"تقريبا", "or so", "approximately"}, kFigApproxAfter);

  // ---- Date context.
  b.Flag(
      {"in",     "since", "until", "by",  "during", "year",   "fiscal", "early", "late",  "mid",
       "before", "after", "from",  "of",  "mid-",   "early-", "late-",  "عام",   "العام", "لعام",
       "سنة",    "السنة", "منذ",   "في",  "حتى",    "خلال",   "مطلع",   "اوائل", "اواخر", "نهاية",
       "بداية",  "שנת",   "בשנת",  "מאז", "עד",     "בשנים",  "סוף",    "תחילת", "אמצע"},
      kFigYearTrigger);
  b.Flag({"between", "from", "بين", "مابين", "ما بين", "من", "בין", "מ", "מ-"}, kFigRangeOpen);
  // "منذ سنة 2005 وحتى 2014": "since" opens a range when "until" and a second date follow.
  b.Flag({"منذ"}, kFigRangeOpen);
  b.Flag({"to",     "until",    "till",     "through",   "-",         "–",    "—",
          "الى",    "إلى",      "حتى",      "لغاية",     "وحتى",      "والى", "وإلى",
          "ولغاية", "الى غاية", "إلى غاية", "والى غاية", "وإلى غاية", "עד",   "ועד"},
         kFigRangeTo);
  b.Flag({"and", "و", "ל", "ל-"}, kFigRangeAnd);
  b.Flag({"st", "nd", "rd", "th", "of"}, kFigOrdinal);
  b.Flag({"م", "ad"}, kFigEra);
  b.Flag({"هـ", "ه"}, kFigHijri);

  // ---- Words whose following number is a name or code, not a figure.
  b.Flag({"unit",   "units",   "version", "v",      "ver",        "article", "section", "chapter",
          "rfc",    "iso",     "cve",     "isbn",   "issn",       "model",   "flight",  "room",
          "route",  "no",      "no.",     "number", "resolution", "windows", "python",  "debian",
          "ubuntu", "android", "ios",     "gpt",    "boeing",     "airbus",  "port",    "page",
          "pages",  "line",    "item",    "step",   "part",       "level",   "bug",     "issue",
          "ticket", "vol",     "volume",  "no:",    "وحدة",       "الوحدة",  "للوحدة",  "بالوحدة",
          "رقم",    "الاصدار", "اصدار",   "النسخة", "نسخة",       "المادة",  "مادة",    "الفصل",
          "القرار", "قرار",    "غرفة",    "رحلة",   "طراز",       "البند",   "الصفحة",  "יחידה",
          "יחידת",  "ביחידה",  "ביחידת",  "היחידה", "גרסה",       "גרסת",    "סעיף",    "החלטה",
          "החלטת",  "מספר",    "חדר",     "טיסה",   "דגם",        "פרק",     "עמוד",    "תקנה",
          "קו",     "شارع",    "بشارع",   "لشارع",  "الشارع",     "زنقة",    "بزنقة",   "רחוב",
          "ברחוב",  "לרחוב",   "street",  "rule"},
         kFigBlocker);
  // A document's parts by number ("our Paragraph 13s", "Clause 4", "Exhibit 2").
  b.Flag(
      {"paragraph", "paragraphs", "clause", "clauses", "exhibit", "annex", "appendix", "footnote"},
      kFigBlocker);

  // "בתצורת 24 שעות", "بتنسيق 24 ساعة", "24-hour format": a clock, not a duration.
  b.Flag({"format", "clock", "תצורת", "תצורה", "פורמט", "שעון", "تنسيق", "صيغة", "هيئة", "بهيئة",
          "نظام"},
         kFigClockFormat);
  // "מערכת 32 סיביות", "64-bit system": an architecture, not an amount of data.
  b.Flag(
      {"system",   "systems", "architecture", "processor", "processors", "cpu",        "cpus",
       "os",       "version", "versions",     "build",     "builds",     "machine",    "machines",
       "platform", "מערכת",   "מערכות",       "מעבד",      "מעבדים",     "ארכיטקטורת", "ארכיטקטורה",
       "גרסת",     "גרסה",    "גרסאות",       "نظام",      "انظمة",      "معالج",      "معالجات",
       "معمارية",  "بنية",    "نسخة",         "اصدار"},
      kFigSystem);

  // ---- Months. English ones only count when capitalized ("May", "march").
  const uint32_t kCap = kFigNeedsCap;
  b.Month(1, {"january", "jan", "jan."}, kCap);
  b.Month(2, {"february", "feb", "feb."}, kCap);
  b.Month(3, {"march", "mar", "mar."}, kCap);
  b.Month(4, {"april", "apr", "apr."}, kCap);
  b.Month(5, {"may"}, kCap);
  b.Month(6, {"june", "jun", "jun."}, kCap);
  b.Month(7, {"july", "jul", "jul."}, kCap);
  b.Month(8, {"august", "aug", "aug."}, kCap);
  b.Month(9, {"september", "sep", "sep.", "sept", "sept."}, kCap);
  b.Month(10, {"october", "oct", "oct."}, kCap);
  b.Month(11, {"november", "nov", "nov."}, kCap);
  b.Month(12, {"december", "dec", "dec."}, kCap);
  // Arabic: Egypt/Gulf, Levant and Iraq, Maghreb (ar_MA, ar_DZ/TN), variants.
  b.Month(1, {"يناير", "كانون الثاني", "جانفي", "ينير"});
  b.Month(2, {"فبراير", "شباط", "فيفري", "فبراير"});
  b.Month(3, {"مارس", "اذار", "آذار"});
  b.Month(4, {"ابريل", "أبريل", "إبريل", "نيسان", "افريل", "أفريل", "ابريل"});
  b.Month(5, {"مايو", "ايار", "أيار", "ماي"});
  b.Month(6, {"يونيو", "يونيه", "حزيران", "جوان", "يونيو"});
  b.Month(7, {"يوليو", "يوليه", "تموز", "يوليوز", "جويلية", "جويلة"});
  b.Month(8, {"اغسطس", "أغسطس", "آب", "غشت", "اوت", "أوت"});
  b.Month(9, {"سبتمبر", "ايلول", "أيلول", "شتنبر"});
  b.Month(10, {"اكتوبر", "أكتوبر", "تشرين الاول", "تشرين الأول"});
  b.Month(11, {"نوفمبر", "تشرين الثاني", "نونبر"});
  b.Month(12, {"ديسمبر", "كانون الاول", "كانون الأول", "دجنبر"});
  b.Month(1, {"ינואר"});
  b.Month(2, {"פברואר"});
  b.Month(3, {"מרץ", "מרס", "מארס"});
  b.Month(4, {"אפריל"});
  b.Month(5, {"מאי"});
  b.Month(6, {"יוני"});
  b.Month(7, {"יולי"});
  b.Month(8, {"אוגוסט"});
  b.Month(9, {"ספטמבר"});
  b.Month(10, {"אוקטובר"});
  b.Month(11, {"נובמבר"});
  b.Month(12, {"דצמבר"});

  // ---- Quantity units (canonical English names).
  b.UnitEn("second", {"second", "sec", "secs"});
  b.UnitEn("minute", {"minute", "min", "mins"});
  b.UnitEn("hour", {"hour", "hr", "hrs", "man-hour", "man hour", "person-hour"});
  b.Unit("hour", {"h"}, 0, kFigAttachedOnly);
  b.Unit("second", {"s"}, 0, kFigAttachedOnly);  // 10s; not after a year (1990s)
  b.UnitEn("day", {"day"});
  b.UnitEn("week", {"week"});
  b.UnitEn("month", {"month"});
  b.UnitEn("year", {"year", "yr", "-year", "-day", "-month", "-week", "-hour", "-minute"});
  b.At("-day").unit = "day";
  b.At("-days").unit = "day";
  b.At("-month").unit = "month";
  b.At("-week").unit = "week";
  b.At("-hour").unit = "hour";
  b.At("-minute").unit = "minute";
  b.Unit("second", {"ثانية", "ثوان", "ثواني", "ثانيه", "שנייה", "שניות", "שניה"});
  b.Unit("minute", {"دقيقة", "دقيقه", "دقائق", "دقيقة", "דקה", "דקות"});
  b.Unit("hour", {"ساعة", "ساعه", "ساعات", "שעה", "שעות", "שעות עבודה"});
  b.Unit("day", {"يوم", "يوما", "ايام", "أيام", "יום", "ימים", "ימי"});
  b.Unit("week", {"اسبوع", "اسبوعا", "اسابيع", "שבוע", "שבועות"});
  b.Unit("month", {"شهر", "شهرا", "اشهر", "شهور", "חודש", "חודשים", "חודשי"});
  b.Unit("year", {"سنة", "سنوات", "سنين", "عام", "عاما", "اعوام", "שנה", "שנים", "שנות"});
  b.Unit("hour", {"ساعتين", "ساعتان", "שעתיים"}, 2);
  b.Unit("day", {"يومين", "يومان", "יומיים"}, 2);
  b.Unit("week", {"اسبوعين", "اسبوعان", "שבועיים"}, 2);
  b.Unit("month", {"شهرين", "شهران", "חודשיים"}, 2);
  b.Unit("year", {"سنتين", "سنتان", "عامين", "عامان", "שנתיים"}, 2);
  for (const char* u : {"KB",  "KiB",  "MB",   "MiB",  "GB",  "GiB", "TB", "TiB", "PB",
                        "PiB", "Kbps", "Mbps", "Gbps", "MHz", "GHz", "kW", "MW",  "GW",
                        "kWh", "MWh",  "GWh",  "km",   "kg",  "cm",  "mm", "ms",  "KHz"}) {
    b.At(u).unit = u;
  }
  // Weights as American mail and news write them ("a 7 lb., 10 oz. boy", "3,000lb"), and the
  // gas trade's million BTU ("3,500 mmbtu", Enron's e-mail). "pound" alone is money.
  b.At("lb").unit = "lb";
  b.At("lbs").unit = "lb";
  b.At("oz").unit = "oz";
  b.At("mmbtu").unit = "MMBtu";
  b.UnitEn("byte", {"byte", "bit"});
  b.UnitEn("KB", {"kilobyte"});
  b.UnitEn("MB", {"megabyte"});
  b.UnitEn("GB", {"gigabyte"});
  b.UnitEn("TB", {"terabyte"});
  b.At("bit").unit = "bit";
  b.At("bits").unit = "bit";
  b.Unit("bit", {"סיביות", "ביטים", "بت"});
  b.Unit("KB", {"كيلوبايت", "كيلو بايت", "קילובייט"});
  b.Unit("MB", {"ميغابايت", "ميجابايت", "ميجا بايت", "ميغا بايت", "מגה", "מגהבייט", "מגה בייט"});
  b.Unit("GB", {"غيغابايت", "جيجابايت", "جيجا بايت", "غيغا بايت", "جيجا", "غيغا", "ג'יגה", "גיגה",
                "ג'יגהבייט", "ג'יגה בייט"});
  b.Unit("TB", {"تيرابايت", "تيرا بايت", "تيرا", "טרה", "טרהבייט", "טרה בייט"});
  b.UnitEn("km", {"kilometer", "kilometre", "كيلومتر", "كيلومترا", "كيلومترات", "كلم", "كم", "ק\"מ",
                  "קילומטר", "קילומטרים"});
  b.UnitEn("meter", {"meter", "metre", "متر", "مترا", "امتار", "מטר", "מטרים"});
  b.UnitEn("mile", {"mile", "ميل", "اميال", "מייל", "מיילים", "מיל"});
  b.UnitEn("gram", {"gram", "gramme", "غرام", "غراما", "جرام", "جراما", "גרם", "גרמים"});
  b.UnitEn("kg", {"kilogram", "kilo", "كيلوغرام", "كيلوجرام", "كغ", "كجم", "كيلو", "ק\"ג",
                  "קילוגרם", "קילו"});
  b.UnitEn("ton", {"ton", "tonne", "طن", "طنا", "اطنان", "טון", "טונות"});
  b.UnitEn("liter", {"liter", "litre", "لتر", "لترا", "ليتر", "ליטר", "ליטרים"});
  b.UnitEn("barrel", {"barrel", "برميل", "براميل", "برميلا", "חבית", "חביות"});
  b.UnitEn("dunam", {"dunam", "دونم", "دونما", "دونمات", "דונם", "דונמים"});
  b.UnitEn("hectare", {"hectare", "هكتار", "هكتارا", "هكتارات", "הקטר"});
  b.UnitEn("acre", {"acre"});
  // The Egyptian feddan is how Arabic translations render the acre ("209 فدان", "358 فدانًا",
  // "أفدنة"); the labels read it as the acre it stands for.
  b.Unit("acre", {"فدان", "فدانا", "افدنة", "أفدنة", "افدنه", "فدادين"});
  b.UnitEn("megawatt", {"megawatt", "ميغاواط", "ميجاوات", "ميغاوات", "מגוואט"});
  b.UnitEn("user", {"user", "مستخدم", "مستخدما", "مستخدمين", "مستخدمون", "משתמש", "משתמשים"});
  b.UnitEn("call", {"call", "مكالمة", "مكالمات", "שיחה", "שיחות"});
  b.UnitEn("request", {"request", "query", "queries"});
  b.At("queries").unit = "request";
  b.UnitEn("email", {"email", "e-mail"});
  b.UnitEn("message", {"message", "رسالة", "رسائل", "הודעה", "הודעות"});
  b.UnitEn("document", {"document", "وثيقة", "وثائق", "مستند", "مستندات", "מסמך", "מסמכים"});
  b.UnitEn("file", {"file", "ملف", "ملفا", "ملفات", "קובץ", "קבצים"});
  b.UnitEn("page", {"page", "صفحة", "صفحات", "עמודים"});
  b.At("pages").unit = "page";  // "pages 5" blocks, "5 pages" counts
  b.UnitEn("employee", {"employee", "worker", "موظف", "موظفا", "موظفين", "عامل", "عاملا", "عمال",
                        "عاملة", "عاملات", "موظفة", "موظفات", "עובד", "עובדים"});
  b.At("workers").unit = "employee";
  b.UnitEn("person",
           {"person", "people", "persons", "شخص", "شخصا", "اشخاص", "أشخاص", "مواطن", "مواطنا",
            "مواطنين", "איש", "אנשים", "בני אדם", "נפש", "נפשות", "نسمة", "inhabitant"});
  // "twenty eight men": the irregular plurals count persons too (the singulars name a kind:
  // "a 5 man team").
  b.At("men").unit = "person";
  b.At("women").unit = "person";
  b.UnitEn("account", {"account", "حساب", "حسابا", "حسابات", "חשבון", "חשבונות"});
  b.UnitEn("soldier", {"soldier", "جندي", "جنديا", "جنود", "חייל", "חיילים"});
  b.Unit("soldier", {"فرد عسكري", "فردا عسكريا", "افراد عسكريين", "عسكري", "عسكريا", "عسكريين"});
  b.UnitEn("killed", {"قتيل", "قتيلا", "قتلى", "הרוג", "הרוגים", "شهيد", "شهيدا", "شهداء"});
  b.UnitEn("wounded", {"جريح", "جريحا", "جرحى", "פצוע", "פצועים"});
  b.UnitEn("record", {"record", "سجل", "سجلات", "רשומה", "רשומות"});
  b.UnitEn("transaction", {"transaction", "معاملة", "معاملات", "עסקה", "עסקאות"});
  b.UnitEn("download", {"download"});
  b.UnitEn("instance", {"instance", "node", "vm"});
  b.At("nodes").unit = "instance";
  b.At("vms").unit = "instance";
  b.UnitEn("cpu", {"cpu", "vcpu", "core", "gpu"});
  b.At("vcpus").unit = "cpu";
  b.At("cores").unit = "cpu";
  b.UnitEn("character", {"character", "char", "chars", "תווים", "حرف", "حرفا", "احرف"});
  b.Unit("cm", {"ס\"מ", "سم", "سنتيمتر", "סנטימטר", "סנטימטרים"});
  b.UnitEn("package", {"package"});
  b.UnitEn("line", {"line"});
  b.At("line").unit = nullptr;  // "line 5" blocks; "5 lines" counts
  b.At("lines").unit = "line";
  b.Unit("line", {"سطر", "سطرا", "اسطر", "سطور", "שורה", "שורות"});
  b.UnitEn("vote", {"vote", "صوت", "صوتا", "اصوات", "קול", "קולות"});
  b.UnitEn("student",
           {"student", "طالب", "طالبا", "طلاب", "تلميذ", "תלמיד", "תלמידים", "סטודנט", "סטודנטים"});
  b.UnitEn("child", {"child", "children", "schoolchild", "schoolchildren", "طفل", "طفلا", "اطفال",
                     "ילד", "ילדים"});
  b.UnitEn("visitor", {"visitor", "زائر", "زائرا", "زوار", "מבקר", "מבקרים"});
  b.UnitEn("tourist", {"tourist", "سائح", "سائحا", "سياح", "תייר", "תיירים"});
  b.UnitEn("house", {"house", "home", "منزل", "منازل", "منزلا", "وحدة سكنية", "وحدات سكنية", "دار",
                     "دارا", "بيت", "بيوت", "בית", "בתים", "יחידות דיור", "דירה", "דירות"});
  b.UnitEn("car", {"car", "vehicle", "سيارة", "سيارات", "מכונית", "מכוניות", "רכב", "רכבים"});
  b.UnitEn("patient", {"patient", "مريض", "مريضا", "مرضى", "חולה", "חולים"});
  // "207 million cases of malaria": the English plural only ("in case 3" names one).
  b.Unit("case", {"cases"});
  b.UnitEn("case", {"إصابة", "اصابة", "اصابات", "حالة", "حالات", "מקרים"});
  b.UnitEn("country", {"country", "nation", "دولة", "دول", "بلدا", "מדינות"});
  b.UnitEn("company", {"company", "شركة", "شركات", "חברות"});
  // Moroccan news calls a firm a مقاولة ("300 مقاولة").
  b.Unit("company", {"مقاولة", "مقاولات"});
  b.UnitEn("job", {"job", "وظيفة", "وظائف", "فرصة عمل", "فرص عمل", "משרה", "משרות"});
  b.UnitEn("member", {"member", "عضو", "عضوا", "اعضاء", "חבר", "חברים"});
  b.Unit("member", {"عضوين", "عضوان"}, 2);  // the dual: "و عضوين سابقين" (two former members)
  b.UnitEn("citizen", {"citizen", "مواطنة", "אזרח", "אזרחים"});
  b.UnitEn("seat", {"seat", "مقعد", "مقعدا", "مقاعد", "מושב", "מושבים", "מנדט", "מנדטים"});
  // Moroccan news often swaps the letters of مقعد ("11 معقدا", "بمعقد واحد"); only the singular
  // forms, as the dual "معقدان" is also the adjective "complicated" agreeing with a dual noun.
  b.Unit("seat", {"معقد", "معقدا"});
  // The dual with a possessive suffix: "مقعديه" (its two seats).
  b.Unit("seat", {"مقعدين", "مقعدان", "مقعديه", "مقعداه", "مقعديها", "مقعداها"}, 2);
  b.UnitEn("m2", {"square meter", "square metre", "sq m", "m²", "متر مربع", "مترا مربعا",
                  "امتار مربعة", "מ\"ר", "מטר רבוע", "מטרים רבועים"});
  b.UnitEn("km2", {"square kilometer", "square kilometre", "km²", "كيلومتر مربع", "كيلومترا مربعا",
                   "كيلومترات مربعة", "كلم مربع", "קמ\"ר", "קילומטר רבוע", "קילומטרים רבועים"});
  // Arabic Wikipedia abbreviates the area units ("33000 كم2", "9.83 مليون كم²", "185180 كم
  // مربع"); the tokenizer glues a "2" written after كم, كلم or م into "²". Square miles are mi2.
  b.Unit("km2", {"كم²", "كلم²", "كم مربع", "كم مربعا", "كم مربعة"});
  b.Unit("m2", {"م²", "م مربع"});
  b.Unit("mi2", {"ميل مربع", "ميلا مربعا", "اميال مربعة", "ميل²"});
  b.UnitEn("refugee", {"refugee", "asylum seeker", "لاجئ", "لاجئا", "لاجئين", "פליט", "פליטים"});
  b.UnitEn("prisoner",
           {"prisoner", "اسير", "اسيرا", "اسرى", "معتقل", "معتقلا", "معتقلين", "אסיר", "אסירים"});
  // No project is counted: no labeled text of any language counts projects, and "الست مشروع"
  // (the six [powers rejected the] project) or "the total 56 projects" read as such are noise.
  b.UnitEn("school", {"school", "مدرسة", "مدارس", "בתי ספר"});
  b.UnitEn("ticket", {"تذكرة", "تذاكر", "כרטיס", "כרטיסים"});
  b.UnitEn("follower", {"follower", "متابع", "متابعين"});
  b.UnitEn("view", {"view", "مشاهدة", "مشاهدات", "צפייה", "צפיות"});
  // Units of software and news text that test4 showed missing (frequency, frame rate,
  // pixels, millimeters, degrees, inhabitants). "إ.ف.ث" (fps) is five tokens: beyond a
  // phrase lookup.
  b.Unit("Hz", {"hz", "هرتز", "הרץ"});
  b.Unit("GHz", {"غيغاهرتز", "جيجاهرتز", "غيغا هرتز", "جيجا هرتز", "ג'יגה הרץ"});
  b.Unit("MHz", {"ميغاهرتز", "ميجاهرتز", "ميغا هرتز", "ميجا هرتز", "מגה הרץ"});
  b.Unit("fps", {"fps", "إطارا في الثانية", "פריימים לשנייה"});
  b.UnitEn("pixel", {"pixel", "px", "بكسل", "بيكسل", "פיקסל", "פיקסלים"});
  b.Unit("mm",
         {"millimeter", "millimeters", "millimetre", "ملم", "مم", "مليمتر", "מ\"מ", "מילימטר"});
  // Nanometres of a wavelength, as translated Wikipedia writes them (SOURCES' test18).
  b.Unit("nm", {"نانومتر", "نانومترات", "نانومترا", "ננומטר", "ננומטרים"});
  b.UnitEn("degree", {"degree", "درجة", "درجات", "מעלה", "מעלות"});
  b.UnitEn("inch", {"inch", "بوصة", "بوصات", "انش", "إنش", "אינץ'", "אינץ", "אינטש"});
  // Decades, the injured, the Arabic word
  // for a typed character, Moroccan centimes (a hundredth of a dirham).
  b.UnitEn("decade", {"decade"});
  b.Unit("decade", {"עשור", "עשורים"});
  b.Unit("wounded", {"مصاب", "مصابا", "مصابين"});
  b.Unit("character", {"محرف", "محرفا", "محارف"});
  b.Currency("", "dirham", {"سنتيم", "سنتيما"});
  for (std::string_view k : {"سنتيم", "سنتيما"}) b.At(k).subunit = 0.01;
  // A Hebrew singular counted by "one" only: after another number it is a row
  // label ("سطر 12 שורה" in a rendered table); a count takes the plural שורות.
  b.Flag({"שורה"}, kFigCountedByOne);
  b.Flag({"year", "سنة", "السنة", "عام", "العام", "لعام", "שנת", "בשנת", "משנת", "לשנת"},
         kFigYearWord);

  // Font sizes: "14 نقطة" (points); "نقطة التوقف" (a breakpoint) has no number.
  // Only the singular that follows digits: "ثلاث نقاط أساسية" are talking points.
  b.Unit("point", {"نقطة"});
  // ג"ב, מ"ב, ק"ב: the byte units written as Hebrew acronyms.
  b.Unit("GB", {"ג\"ב"});
  b.Unit("MB", {"מ\"ב"});
  b.Unit("KB", {"ק\"ב"});
  // ש' abbreviates שנים after a number ("לפני כ 70 ש'").
  b.Unit("year", {"ש'"});
  // Print resolution; the Hebrew acronyms of
  // data rates (מגה-סיביות לשנייה); the Arabic abbreviations of giga- and megahertz.
  b.UnitEn("dpi", {"dpi"});
  // Engine and disk speeds ("3600 revolutions per minute", "3000 RPM", "7200 rpm"), the
  // frequency spelt out ("60 Hertz"). The hectare's "ha" is the grammar's (laughter repeats it).
  b.UnitEn("rpm", {"revolution per minute", "rev per minute"});
  b.Unit("rpm", {"rpm", "revolutions per minute", "revs per minute", "r.p.m."});
  b.Unit("Hz", {"hertz"});
  // "twice as fast", "twice the space" (the grammar reads it; the entry lets a figure start there).
  b.Flag({"twice"}, 0);
  // "مقعده الوحيد": "the only" after a counted noun is one of it (the grammar reads it).
  b.Flag({"الوحيد", "الوحيدة"}, 0);
  b.Unit("Mbps", {"מסל\"ש"});
  b.Unit("Kbps", {"קסל\"ש"});
  b.Unit("Gbps", {"גסל\"ש"});
  b.Unit("GHz", {"ج.هرتز", "غ.هرتز"});
  b.Unit("MHz", {"م.هرتز"});
  // The Arabic byte and its
  // abbreviated multiples (ج.بايت like ج.هرتز), the plural of حرف, the Hebrew terabyte
  // acronym, data rates written as a size per
  // second (ג"ב/ש', ج.بايت/ث: GB/s as written), sizes joined to their number
  // by a hyphen ("64-byte hashes"; "32-bit" names an architecture and stays out), and the
  // units of time below the millisecond.
  b.Unit("byte", {"بايت", "بايتات"});
  b.Unit("KB", {"ك.بايت"});
  b.Unit("MB", {"م.بايت"});
  b.Unit("GB", {"ج.بايت", "غ.بايت"});
  b.Unit("TB", {"ت.بايت", "ט\"ב"});
  b.Unit("character", {"حروف"});
  b.Unit("KB/s", {"ק\"ב/ש'"});
  b.Unit("MB/s", {"מ\"ב/ש'"});
  b.Unit("GB/s", {"ג\"ב/ש'"});
  b.Unit("byte", {"-byte"});
  b.UnitEn("ms", {"millisecond"});
  b.UnitEn("microsecond", {"microsecond"});
  b.UnitEn("nanosecond", {"nanosecond"});
  // Font sizes in Hebrew: "18 נקודות" counts points only alone on its line (a size
  // menu); in running text נקודות are a game's score (the caller checks).
  b.Unit("point", {"נקודות"});
  // "تضاعف أربع مرات": the verb "to multiply" makes the count of times a ratio.
  b.Flag({"تضاعف", "تضاعفت", "يتضاعف", "تتضاعف", "ضاعف", "ضاعفت"}, kFigComparative);
  // The cent as a hundredth
  // of a dollar, barrels per day (bpd: the rate's time is dropped, as for "barrels per
  // day"), the foot, a count of persons joined by a hyphen ("18,000-person agency",
  // like "15-year term"), the French hour that English web text quotes ("72 heures").
  b.Currency("USD", "dollar", {"cent", "cents", "¢"});
  for (std::string_view k : {"cent", "cents", "¢"}) b.At(k).subunit = 0.01;
  b.UnitEn("barrel", {"bpd"});
  b.Unit("foot", {"foot", "feet", "ft", "قدم", "اقدام"});
  b.Unit("person", {"-person", "-man"});
  b.Unit("hour", {"heure", "heures"});
  // Counted nouns joined to the number by a hyphen as an
  // adjective, like "-person" ("the 131-page document", "a 15-member board").
  b.Unit("page", {"-page"});
  b.Unit("member", {"-member"});
  b.Unit("seat", {"-seat"});
  b.Unit("mile", {"-mile"});
  // Decades in words: "السبعينيات" (the seventies; with the article it is a clitic, as
  // are ب and و), "خمسينيات القرن الرابع عشر" (the caller reads the century).
  for (auto [tens, v] : {std::pair<const char*, int>{"عشرين", 20},
                         {"ثلاثين", 30},
                         {"اربعين", 40},
                         {"خمسين", 50},
                         {"ستين", 60},
                         {"سبعين", 70},
                         {"ثمانين", 80},
                         {"تسعين", 90}}) {
    b.At(std::string(tens) + "يات").decade = v;
    b.At(std::string(tens) + "ات").decade = v;
  }
  // Synonyms of vocabulary units ("300 troops", "300 deaths",
  // "330 فرداً" members of a crew), the dual "شخصين" (two persons, like سنتين), and the
  // kilowatt in words.
  b.UnitEn("soldier", {"troop"});
  b.UnitEn("killed", {"death", "fatality"});
  b.At("killed").unit = "killed";  // "At least 107 killed" (a headline)
  b.At("dead").unit = "killed";
  b.At("wounded").unit = "wounded";  // "and 500 wounded", "12 injured"
  b.At("injured").unit = "wounded";
  b.Unit("person", {"فرد", "فردا", "افراد"});
  b.Unit("person", {"شخصين", "شخصان"}, 2);
  // The penny: "60 pence", "45p" (the letter joined to one or two digits only, the caller
  // checks: "1080p" is a video resolution).
  b.Currency("GBP", "pound", {"pence", "penny"});
  b.Currency("GBP", "pound", {"p"}, kFigAttachedOnly);
  for (std::string_view k : {"pence", "penny", "p"}) b.At(k).subunit = 0.01;
  b.Unit("kW", {"كيلوواط", "كيلووات", "كيلو واط", "קילוואט"});
  // English kilowatts in words; the kilowatt-hour is energy, not power.
  b.UnitEn("kWh", {"kilowatt-hour", "kilowatt hour"});
  b.UnitEn("kW", {"kilowatt"});
  // Degrees written with their sign and the scale's letter
  // ("29 °C", "24º C": the ordinal indicator º is typed for the sign; the sign alone is an
  // angle, "rotate 90°", which test3 leaves out), the cubic meter, and "circa", "c.",
  // "ca.", "pre-", "post-" before a year ("circa 1880", "pre-1982").
  b.Unit("degree", {"°c", "ºc", "°f", "ºf", "° c", "º c", "° f", "º f"});
  b.UnitEn("m3", {"cubic meter", "cubic metre", "m³"});
  b.Flag({"circa", "c.", "ca.", "pre-", "post-"}, kFigYearTrigger);
  // English decades in words ("the nineties"; the caller wants "the" before them).
  for (auto [w, v] : {std::pair<const char*, int>{"twenties", 20},
                      {"thirties", 30},
                      {"forties", 40},
                      {"fifties", 50},
                      {"sixties", 60},
                      {"seventies", 70},
                      {"eighties", 80},
                      {"nineties", 90}}) {
    b.At(w).decade = v;
  }
  // A battery's charge
  // ("3,100mAh"), watts joined to the number in capitals only ("240W"; "2w" is no unit), a
  // processor's teraflops, the gallon, kilometres per hour written as the Hebrew acronym
  // (SOURCES: km, as test10), a data rate as a size per second in Hebrew words ("326GB
  // לשניה"), learners as students, men as persons ("ثمانية وعشرون رجلاً"), and the
  // kilometre's common misspelling "كليومتر".
  b.At("mah").unit = "mAh";
  b.Unit("W", {"w"}, 0, kFigAttachedOnly | kFigNeedsUpper);
  b.Unit("TFLOPS", {"tflops", "teraflops", "טרהפלופ", "טרה-פלופ", "טרהפלופס"});
  b.UnitEn("gallon", {"gallon"});
  b.Unit("km", {"קמ\"ש", "كليومتر", "كليومترا", "كليومترات"});
  b.Unit("GB/s", {"gb לשניה", "gb לשנייה", "ג'יגה לשניה", "ג'יגה לשנייה"});
  b.Unit("MB/s", {"mb לשניה", "mb לשנייה"});
  b.Unit("student", {"לומדים"});
  b.Unit("person", {"رجل", "رجلا", "رجال"});
  // Counted women, young women and young men are persons ("40 امرأة", "6 نساء", "30 سيدة",
  // "25 شابة", "20 شابا"); the collective "الشباب" (youth, a list's name) is not a count.
  b.Unit("person",
         {"امرأة", "نساء", "نسوة", "سيدة", "سيدات", "شابة", "شابات", "شاب", "شابا", "شبان"});
  // The dual of امرأة with the article drops its alef ("المرأتين"); two young men; two
  // children, two boys.
  b.Unit("person", {"مرأتان", "مرأتين", "شابين", "شابان"}, 2);
  b.Unit("child", {"طفلين", "طفلان", "ولدين", "ولدان"}, 2);
  // "some 5,000 armed fighters" (the plural only: "5 fighter jets" are aircraft).
  b.Unit("soldier", {"fighters"});
  // "14 mega pixel camera", "14 Megapixel": a million pixels each.
  for (std::string_view k : {"megapixel", "megapixels", "mega pixel", "mega pixels"}) {
    b.At(k).unit = "pixel";
    b.At(k).subunit = 1e6;
  }
  // "8 folks" are persons (a plural, as "individuals"; "folk music" is no unit); "3 lbs 4 ozs":
  // the plural of the ounce beside "lbs".
  b.Unit("person", {"folks"});
  b.At("ozs").unit = "oz";
  // "8 סטארטאפים ישראליים": startups are companies (SOURCES, test17's Hebrew), in every
  // spelling the Hebrew press uses and in English.
  b.Unit("company", {"סטארטאפים", "סטארט-אפים", "סטארט אפים", "סטרטאפים", "startups", "start-ups"});
  // "over 100 Special Forces": the armed forces' units of soldiers, as troops are (plurals:
  // "a commando raid" is no count).
  b.Unit("soldier", {"special forces", "commandos", "marines", "paratroopers"});
  // Synonyms of vocabulary units ("51 individuals", "six females", "2 other girls" are persons;
  // peacekeepers are soldiers, as troops are) and the tonne joined by a hyphen ("the 99-tonne
  // cache", like "-foot"). Plurals only: "the three individual semi-spaces" is an adjective.
  b.Unit("person", {"individuals", "females", "girls"});
  b.Unit("person", {"crew"});  // "More than 330 crew are onboard" (the collective, singular)
  b.UnitEn("soldier", {"peacekeeper"});
  b.Unit("ton", {"-ton", "-tonne"});
  // The metric ton is the tonne ("100 metric tons", "a 100-metric-ton-class launcher").
  b.UnitEn("ton", {"metric ton", "metric tonne"});
  b.Unit("ton", {"-metric-ton", "-metric-tonne"});
  // Units outside the vocabulary as written (milligrams, the pound of weight in Arabic letters, the
  // millilitre, pixels per inch), the kilogram with the accusative ending, the megawatt spelt with
  // ה, businesses as companies ("200 עסקים"), and fighters as soldiers ("36 ألف مقاتل").
  b.UnitEn("mg", {"milligram", "ملغ", "ملغم", "מ\"ג", "מיליגרם"});
  b.At("mg").unit = "mg";
  b.UnitEn("ml", {"millilitre", "milliliter", "مل", "מ\"ל", "מיליליטר"});
  b.At("ml").unit = "ml";
  b.Unit("lb", {"باوند", "رطل", "ارطال"});
  b.At("ppi").unit = "ppi";
  b.Unit("kg", {"كيلوغراما", "كيلوجراما", "كيلوغرامات", "كيلوجرامات"});
  b.Unit("megawatt", {"מגהוואט", "מגה-וואט", "מגה וואט"});
  b.Unit("company", {"עסקים"});
  b.Unit("soldier", {"مقاتل", "مقاتلا", "مقاتلين"});
  // "a 6-foot fence", "the 6-foot-1 Mr. Parenteau" (a height: the feet only, SOURCES).
  b.Unit("foot", {"-foot"});
  b.Unit("inch", {"-inch"});
  // Counted nouns joined by a hyphen as an adjective ("a 16-meter boat", "the 16-nation station"),
  // centuries counted in the plural only ("for the last 14 centuries"; "20 century" is a misspelt
  // ordinal), dollars as slang
  // ("five bucks"), and the ISO codes of currencies travel guides quote ("250 MXN").
  b.Unit("meter", {"-meter", "-metre"});
  b.Unit("km", {"-kilometer", "-kilometre"});
  b.Unit("country", {"-nation", "-country"});
  b.Unit("century", {"centuries"});
  // "over the last half-century", "for half a century": fifty years.
  b.Unit("century", {"half-century", "half century", "half a century"}, 0.5);
  // Arabic counts centuries in the accusative or the plural ("يعود لحوالي 29 قرنا"). The bare
  // singular قرن is left out (after a number it is rare, and it is also a horn). The dual
  // counts two only after an approximation word ("قبل نحو قرنين"; the parser checks): the
  // labeled Wikipedia text leaves "قرنين من الزمن" and "القرنين السادس عشر" uncounted.
  b.Unit("century", {"قرنا", "قرون"});
  b.Unit("century", {"قرنين", "قرنان"}, 2);
  b.Currency("USD", "dollar", {"bucks"});
  for (const char* code : {"MXN", "CAD", "AUD", "NZD", "HKD", "SGD", "SEK", "NOK", "DKK", "ZAR",
                           "BRL", "KRW", "PLN", "THB", "PKR"}) {
    std::string lower(code);
    for (char& c : lower) c = static_cast<char>(c - 'A' + 'a');
    FigureEntry& e = b.At(lower);
    e.currency = code;
    e.flags |= kPre;
  }
  // The imperial units in their Arabic plurals and accusatives ("5 أقدام و3 إنشات", "550 رطلا",
  // "خمس ياردات"). Not the singular ياردة: "خط 24 ياردة" is a yard line of American football.
  b.Unit("inch", {"انشات", "انشا"});
  b.Unit("foot", {"قدما"});
  b.Unit("lb", {"رطلا"});
  b.Unit("mile", {"ميلا"});
  b.Unit("yard", {"ياردات", "ياردا"});
  // The same units as English abbreviates them in encyclopedic text: "20 mi (32 km)", "8,646 sq
  // mi", "five yards", "760 nm" (a wavelength); the tokenizer turns "km2" after a number
  // into "km²".
  b.UnitEn("yard", {"yard"});
  b.Unit("mile", {"mi"});
  b.UnitEn("mi2", {"square mile"});
  b.Unit("mi2", {"sq mi", "mi²"});
  b.Unit("km2", {"sq km"});
  // Concentrations: "50 to 30 ppm", "200 PPM (parts per million)".
  b.Unit("ppm", {"ppm", "parts per million"});
  b.Unit("ppb", {"ppb", "parts per billion"});
  b.Unit("ft2", {"square foot", "square feet", "sq ft"});
  b.Unit("nm", {"nm", "nanometer", "nanometers", "nanometre", "nanometres"});
  b.DerivedUnitForms();
  b.Ordinals();
  return b.Take();
}

}  // namespace

char32_t DecodeUtf8At(std::string_view s, size_t* i) {
  const auto b0 = static_cast<unsigned char>(s[*i]);
  if (b0 < 0x80) {
    ++*i;
    return b0;
  }
  int len = 0;
  char32_t c = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    c = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    c = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    c = b0 & 0x07;
  } else {
    ++*i;
    return 0xFFFD;
  }
  if (*i + len > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[*i + k]);
    if ((b & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    c = (c << 6) | (b & 0x3F);
  }
  const bool overlong =
      (len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000);
  if (overlong || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    ++*i;
    return 0xFFFD;
  }
  *i += len;
  return c;
}

bool FigureNormalizeChar(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    return true;
  }
  // Arabic marks, tatweel, Quranic marks; Hebrew points and cantillation.
  if (InRange(c, 0x064B, 0x065F) || c == 0x0670 || c == 0x0640 || InRange(c, 0x06D6, 0x06ED) ||
      InRange(c, 0x0591, 0x05BD) || c == 0x05BF || c == 0x05C1 || c == 0x05C2 || c == 0x05C4 ||
      c == 0x05C5 || c == 0x05C7) {
    return false;
  }
  char32_t m = c;
  switch (c) {
    case 0x0622:  // آ
    case 0x0623:  // أ
    case 0x0625:  // إ
    case 0x0671:  // ٱ
    case 0x0672:
    case 0x0673:
      m = 0x0627;
      break;
    case 0x0649:  // ى
    case 0x06CC:  // ی
    case 0x0626:  // ئ
      m = 0x064A;
      break;
    case 0x0629:  // ة
      m = 0x0647;
      break;
    case 0x0624:  // ؤ
      m = 0x0648;
      break;
    case 0x06A9:  // ک
      m = 0x0643;
      break;
    case 0x05F3:  // ׳
    case 0x2019:
    case 0x2018:
      m = '\'';
      break;
    case 0x05F4:  // ״
    case 0x201C:
    case 0x201D:
      m = '"';
      break;
    case 0x05BE:  // maqaf
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2212:
      m = '-';
      break;
    case 0x066A:  // ٪
      m = '%';
      break;
    case 0x2044:  // fraction slash, "8 1⁄2 in"
    case 0x2215:  // division slash
      m = '/';
      break;
    case 0x066B:  // ٫ (decimal separator)
      m = '.';
      break;
    case 0x066C:  // ٬ (thousands separator)
      m = ',';
      break;
    default:
      break;
  }
  if (InRange(m, 0x0660, 0x0669)) m = '0' + (m - 0x0660);
  if (InRange(m, 0x06F0, 0x06F9)) m = '0' + (m - 0x06F0);
  AppendUtf8(m, out);
  return true;
}

std::string FigureNormalize(std::string_view utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size();) FigureNormalizeChar(DecodeUtf8At(utf8, &i), &out);
  // '' (two geresh) is how gershayim is often typed.
  for (size_t p; (p = out.find("''")) != std::string::npos;) out.replace(p, 2, "\"");
  return out;
}

const FigureLexicon& GetFigureLexicon() {
  static const FigureLexicon* const lexicon = new FigureLexicon(Build());
  return *lexicon;
}

const std::unordered_set<std::string>& GetFigureKeyPrefixes() {
  static const std::unordered_set<std::string>* const prefixes = [] {
    auto* out = new std::unordered_set<std::string>;
    for (const auto& [key, entry] : GetFigureLexicon()) {
      for (size_t n = 1; n <= key.size(); ++n) out->insert(key.substr(0, n));
    }
    return out;
  }();
  return *prefixes;
}

const char* CurrencyForAdjective(std::string_view family, std::string_view adjective) {
  struct Adj {
    std::string_view family, prefix;
    const char* code;
  };
  // Prefixes of the normalized adjective, so that every gender, number and
  // case ending matches (كويتي, كويتيه, كويتيا).
  static const Adj kAdjs[] = {
      {"dinar", "كويتي", "KWD"},    {"dinar", "اردني", "JOD"},    {"dinar", "عراقي", "IQD"},
      {"dinar", "بحريني", "BHD"},   {"dinar", "ليبي", "LYD"},     {"dinar", "تونسي", "TND"},
      {"dinar", "جزائري", "DZD"},   {"riyal", "سعودي", "SAR"},    {"riyal", "قطري", "QAR"},
      {"riyal", "عماني", "OMR"},    {"riyal", "يمني", "YER"},     {"riyal", "ايراني", "IRR"},
      {"dirham", "امارات", "AED"},  {"dirham", "مغربي", "MAD"},   {"pound", "مصري", "EGP"},
      {"pound", "استرليني", "GBP"}, {"pound", "سوداني", "SDG"},   {"pound", "sterling", "GBP"},
      {"lira", "لبناني", "LBP"},    {"lira", "سوري", "SYP"},      {"lira", "تركي", "TRY"},
      {"lira", "turkish", "TRY"},   {"lira", "lebanese", "LBP"},  {"dollar", "امريكي", "USD"},
      {"dollar", "اميركي", "USD"},  {"dollar", "كندي", "CAD"},    {"dollar", "استرالي", "AUD"},
      {"dollar", "אמריקא", "USD"},  {"dinar", "kuwaiti", "KWD"},  {"dinar", "jordanian", "JOD"},
      {"dinar", "iraqi", "IQD"},    {"riyal", "saudi", "SAR"},    {"riyal", "qatari", "QAR"},
      {"pound", "egyptian", "EGP"}, {"dirham", "emirati", "AED"}, {"dirham", "moroccan", "MAD"},
  };
  for (const Adj& a : kAdjs) {
    if (a.family == family && adjective.substr(0, a.prefix.size()) == a.prefix) return a.code;
  }
  return nullptr;
}

}  // namespace tahqiq::analyze::internal
