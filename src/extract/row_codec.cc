// EncodeRow/DecodeRow (extractor.h): the binary form of table rows.

#include <algorithm>
#include <string>
#include <string_view>

#include "extract/extractor.h"

namespace tahqiq::extract {
namespace {

void PutLe(std::string* out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

bool GetLe(std::string_view* in, int bytes, uint64_t* v) {
  if (in->size() < static_cast<size_t>(bytes)) return false;
  *v = 0;
  for (int i = 0; i < bytes; ++i) {
    *v |= static_cast<uint64_t>(static_cast<unsigned char>((*in)[i])) << (8 * i);
  }
  in->remove_prefix(bytes);
  return true;
}

}  // namespace

void EncodeRow(uint64_t row_number, const Row& row, std::string* out) {
  PutLe(out, row_number, 8);
  PutLe(out, row.size(), 4);
  for (const Cell& c : row) {
    out->push_back(static_cast<char>(c.kind));
    PutLe(out, c.value.size(), 4);
    out->append(c.value);
    const size_t unit = std::min<size_t>(c.unit.size(), 255);
    out->push_back(static_cast<char>(unit));
    out->append(c.unit, 0, unit);
  }
}

bool DecodeRow(std::string_view* in, uint64_t* row_number, Row* row) {
  std::string_view s = *in;
  uint64_t n = 0, len = 0;
  if (!GetLe(&s, 8, row_number) || !GetLe(&s, 4, &n)) return false;
  if (n > s.size()) return false;  // Each cell takes at least 6 bytes.
  row->resize(n);
  for (Cell& c : *row) {
    uint64_t kind = 0;
    if (!GetLe(&s, 1, &kind) || kind > Cell::kBool || !GetLe(&s, 4, &len) || len > s.size()) {
      return false;
    }
    c.kind = static_cast<Cell::Kind>(kind);
    c.value.assign(s.substr(0, len));
    s.remove_prefix(len);
    if (!GetLe(&s, 1, &len) || len > s.size()) return false;
    c.unit.assign(s.substr(0, len));
    s.remove_prefix(len);
  }
  *in = s;
  return true;
}

}  // namespace tahqiq::extract
