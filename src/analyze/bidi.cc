#include "analyze/bidi.h"

#include <unicode/ubidi.h>
#include <unicode/unistr.h>

namespace tahqiq::analyze {

bool IsRtlParagraph(std::string_view text) {
  // Only the start matters (the first strong character); a long paragraph
  // is not converted whole. Cutting inside a UTF-8 sequence only yields a
  // replacement character at the end, which is neutral.
  const std::string_view head = text.substr(0, 4096);
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(head.data(), static_cast<int32_t>(head.size())));
  return ubidi_getBaseDirection(u.getBuffer(), u.length()) == UBIDI_RTL;
}

}  // namespace tahqiq::analyze
