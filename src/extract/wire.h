// The frames of the pipe between ingest and its extract workers
// (isolation.cc on the parent side, worker.cc in the worker). Internal.
#ifndef TAHQIQ_EXTRACT_WIRE_H_
#define TAHQIQ_EXTRACT_WIRE_H_

#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <string>
#include <string_view>

namespace tahqiq::extract::wire {

// Frames on the pipe: [kind u8][length u32, little endian][payload].
enum Kind : char {
  kRequest = 'R',  // parent -> worker: [flags u8] path
  kType = 'Y',     // type \0 mime
  kTitle = 'T',
  kField = 'F',  // [name length u32] name value
  kText = 'X',
  kChild = 'C',  // [name length u32] name bytes
  kTable = 'B',  // sheet name
  kRows = 'W',   // rows, each as EncodeRow() writes it
  kDone = 'D',   // [code u8] message
};
inline constexpr uint32_t kMaxFrame = 1u << 30;
inline constexpr char kFlagOcr = 1;

inline void PutU32(std::string* s, uint32_t v) {
  for (int i = 0; i < 4; ++i) s->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
inline uint32_t GetU32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i)
    v |= static_cast<uint32_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

inline bool WriteAll(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

inline bool WriteFrame(int fd, char kind, std::string_view a, std::string_view b = {}) {
  std::string head(1, kind);
  PutU32(&head, static_cast<uint32_t>(a.size() + b.size()));
  return WriteAll(fd, head.data(), head.size()) && WriteAll(fd, a.data(), a.size()) &&
         WriteAll(fd, b.data(), b.size());
}

inline std::string WithLength(std::string_view name) {
  std::string s;
  PutU32(&s, static_cast<uint32_t>(name.size()));
  s.append(name);
  return s;
}

}  // namespace tahqiq::extract::wire

#endif  // TAHQIQ_EXTRACT_WIRE_H_
