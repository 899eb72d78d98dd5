// Name keys: spellings of one name in Latin, Arabic and Hebrew letters
// reduced to comparable consonant skeletons (ref §3), so that Microsoft,
// مايكروسوفت and מיקרוסופט, or Google, غوغل, جوجل and גוגל, share a key.
//
// A key is a string of consonant classes (B D F G H J K L M N R S T):
// vowels, matres lectionis (ا و ي / א ו י) and glottals (ء ع א ע) are
// dropped; letters that sound alike fold together (ص س ش ز ظ צ ס ש s z -> S,
// ق ك כ ק c k q -> K, ح ه خ ח ה h -> H, b p ب -> B, f v ph ف -> F, t th ت ط ט ת
// -> T); a letter whose sound is ambiguous yields alternatives, each making
// another key: ج -> J or G, ب/פ in Hebrew -> B or F, ث -> T or S, ذ -> D or
// S, initial ي/י -> nothing or J, Latin j -> J or nothing, "ch" -> S, K or
// H, Latin g before e/i -> G or J. A letter written twice in a row counts
// once (Mohammed, عبدالله). Two names match when their key sets meet.
//
// Thread-safe; no Analyzer needed. Input is any UTF-8 (invalid bytes are
// skipped); case, Latin accents, harakat and niqqud are ignored.
#ifndef TAHQIQ_ANALYZE_NAME_KEY_H_
#define TAHQIQ_ANALYZE_NAME_KEY_H_

#include <string>
#include <string_view>
#include <vector>

#include "analyze/analyzer.h"

namespace tahqiq::analyze {

// At most this many keys per name.
inline constexpr size_t kMaxNameKeys = 8;

// The keys of a name, best first, without duplicates; empty when it has
// fewer than two consonants (Ali, Eli: too short to tell names apart).
// Several words (Abd al-Rahman) are keyed as one run of letters, so they
// match the same name written as one word (Abdulrahman, عبدالرحمن). A
// single Arabic or Hebrew word also gets the keys of its form without
// leading clitics (ومايكروسوفت, לגוגל, الجزيرة -> جزيرة) when >= 3 letters
// remain.
std::vector<std::string> NameKeys(std::string_view name);

// The keys the index stores for a token: NameKeys(token.exact) when the
// token may be a name: an Arabic or Hebrew word that is not a function word
// (في, של, ...), or a Latin word written with an initial capital that is not
// a common English function word. Otherwise empty. Latin possessive 's is
// ignored.
std::vector<std::string> TokenNameKeys(const Token& token);
// The same keys without a copy (the index writer asks for every word): the
// vector is owned by a per-thread memo and stays valid until this thread's
// next call.
const std::vector<std::string>& TokenNameKeysRef(const Token& token);

// True if the key sets of the two names meet.
bool NamesMatch(std::string_view a, std::string_view b);

}  // namespace tahqiq::analyze

#endif  // TAHQIQ_ANALYZE_NAME_KEY_H_
