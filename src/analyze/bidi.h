// Base direction of a paragraph by the Unicode bidi algorithm (rules P2-P3:
// the first strong character decides), through ICU's ubidi_getBaseDirection.
#ifndef TAHQIQ_ANALYZE_BIDI_H_
#define TAHQIQ_ANALYZE_BIDI_H_

#include <string_view>

namespace tahqiq::analyze {

// True if the first strong character of the UTF-8 `text` is right-to-left
// (Hebrew, Arabic, ...); false if it is left-to-right or there is none.
// Invalid UTF-8 reads as replacement characters (neutral).
bool IsRtlParagraph(std::string_view text);

}  // namespace tahqiq::analyze

#endif  // TAHQIQ_ANALYZE_BIDI_H_
