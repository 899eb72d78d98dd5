// UTF-8 helpers for the analyzer; ICU-free so tests can use them directly.
#ifndef TAHQIQ_ANALYZE_INTERNAL_UTF8_H_
#define TAHQIQ_ANALYZE_INTERNAL_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace tahqiq::analyze::internal {

// Returns `text` unchanged if it is valid UTF-8. Otherwise copies it into
// `*scratch` with every byte of each ill-formed sequence replaced by '?', and
// returns that copy. Byte-for-byte replacement keeps every offset into the
// result valid for the original text, and '?' breaks words just as U+FFFD
// would. `text` must be shorter than 2 GiB (ICU indexes UTF-8 with int32_t).
std::string_view SanitizeUtf8(std::string_view text, std::string* scratch);

bool IsAscii(std::string_view text);

// Writes the UTF-8 encoding of `c` (a Unicode scalar value) to `out`, which
// has room for 4 bytes; returns its length.
inline size_t EncodeUtf8(char32_t c, char* out) {
  if (c < 0x80) {
    out[0] = static_cast<char>(c);
    return 1;
  }
  if (c < 0x800) {
    out[0] = static_cast<char>(0xC0 | (c >> 6));
    out[1] = static_cast<char>(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (c >> 12));
    out[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (c >> 18));
  out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (c & 0x3F));
  return 4;
}

// Appends the UTF-8 encoding of `c` (a Unicode scalar value) to `out`.
void AppendUtf8(char32_t c, std::string* out);

}  // namespace tahqiq::analyze::internal

#endif  // TAHQIQ_ANALYZE_INTERNAL_UTF8_H_
