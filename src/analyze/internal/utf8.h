// UTF-8 helpers for the analyzer; ICU-free so tests can use them directly.
#ifndef TAHQIQ_ANALYZE_INTERNAL_UTF8_H_
#define TAHQIQ_ANALYZE_INTERNAL_UTF8_H_

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

// Appends the UTF-8 encoding of `c` (a Unicode scalar value) to `out`.
void AppendUtf8(char32_t c, std::string* out);

}  // namespace tahqiq::analyze::internal

#endif  // TAHQIQ_ANALYZE_INTERNAL_UTF8_H_
