#include "base/sha256.h"

#include <sodium.h>

namespace tahqiq {

struct Sha256::State {
  crypto_hash_sha256_state st;
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
  // sodium_init() is idempotent and thread-safe; SHA-256 needs no other set-up.
  if (sodium_init() < 0) internal::CheckFailed("sodium_init", __FILE__, __LINE__);
  crypto_hash_sha256_init(&state_->st);
}

Sha256::~Sha256() = default;

void Sha256::Update(std::string_view data) {
  crypto_hash_sha256_update(&state_->st, reinterpret_cast<const unsigned char*>(data.data()),
                            data.size());
}

std::string Sha256::FinishHex() {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state_->st, out);
  static const char* kHex = "0123456789abcdef";
  std::string hex;
  hex.reserve(sizeof(out) * 2);
  for (unsigned char c : out) {
    hex.push_back(kHex[c >> 4]);
    hex.push_back(kHex[c & 15]);
  }
  return hex;
}

std::string Sha256::HexOf(std::string_view data) {
  Sha256 h;
  h.Update(data);
  return h.FinishHex();
}

}  // namespace tahqiq
