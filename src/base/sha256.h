// Streaming SHA-256 (OpenSSL), the content address of every original.
// Not thread-safe per object; use one Sha256 per stream.
#ifndef TAHQIQ_BASE_SHA256_H_
#define TAHQIQ_BASE_SHA256_H_

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace tahqiq {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view data);
  // Lower-case hex digest; the object must not be used afterwards.
  std::string FinishHex();

  static std::string HexOf(std::string_view data);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tahqiq

#endif  // TAHQIQ_BASE_SHA256_H_
