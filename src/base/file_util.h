// Small POSIX file helpers shared by the stages. All return Status on
// failure with errno text; none throws. Thread-safe (no shared state).
#ifndef TAHQIQ_BASE_FILE_UTIL_H_
#define TAHQIQ_BASE_FILE_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace tahqiq {

Status MakeDirs(const std::string& path);
// Writes `data` to `path` through a temporary file, fsync and rename.
Status WriteFileAtomic(const std::string& path, std::string_view data);
Result<std::string> ReadFile(const std::string& path, uint64_t max_bytes = 1ull << 30);
bool PathExists(const std::string& path);
Status FsyncDir(const std::string& dir);
// errno-bearing IOError: "<what> <path>: <strerror>".
Status ErrnoStatus(std::string_view what, const std::string& path);

// Escapes bytes that are not printable valid UTF-8 (controls, bidi
// overrides, invalid sequences) as \xNN or \u{NNNN}, for showing untrusted
// names on a terminal.
std::string EscapeForDisplay(std::string_view raw);
// Replaces invalid UTF-8 sequences with U+FFFD (for JSON output).
std::string ToValidUtf8(std::string_view raw);

}  // namespace tahqiq

#endif  // TAHQIQ_BASE_FILE_UTIL_H_
