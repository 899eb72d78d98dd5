#include "analyze/internal/utf8.h"

#include <unicode/utf8.h>

#include <cstdint>
#include <cstring>

namespace tahqiq::analyze::internal {
namespace {

// Index of the first byte that is not ASCII, or text.size(). Eight bytes at a
// time, because most input is mostly ASCII and this runs over every byte.
size_t SkipAscii(std::string_view text, size_t i) {
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  while (i + 8 <= text.size()) {
    uint64_t block;
    std::memcpy(&block, text.data() + i, sizeof block);
    if (block & kHighBits) break;
    i += 8;
  }
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  return i;
}

// Offset of the first ill-formed sequence, or text.size() if there is none.
size_t FirstInvalid(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (true) {
    i = static_cast<int32_t>(SkipAscii(text, static_cast<size_t>(i)));
    if (i >= n) return text.size();
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) return static_cast<size_t>(start);
  }
}

}  // namespace

bool IsAscii(std::string_view text) { return SkipAscii(text, 0) == text.size(); }

std::string_view SanitizeUtf8(std::string_view text, std::string* scratch) {
  const size_t first_bad = FirstInvalid(text);
  if (first_bad == text.size()) return text;
  scratch->assign(text);
  auto* s = reinterpret_cast<uint8_t*>(scratch->data());
  const auto n = static_cast<int32_t>(scratch->size());
  auto i = static_cast<int32_t>(first_bad);
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) std::memset(s + start, '?', static_cast<size_t>(i - start));
  }
  return *scratch;
}

void AppendUtf8(char32_t c, std::string* out) {
  char buf[4];
  out->append(buf, EncodeUtf8(c, buf));
}

}  // namespace tahqiq::analyze::internal
