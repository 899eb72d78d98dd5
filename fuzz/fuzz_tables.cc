// Fuzz target: the tables stage on arbitrary bytes.
//  - DecodeRow on raw bytes (the parent decodes what an extract worker,
//    which parses hostile files, sends it), and EncodeRow/DecodeRow round
//    trips;
//  - the input split into CSV-like rows, through InferLayout and ConvertCell
//    (number, currency, percent and date readers), checking that converted
//    text stays valid UTF-8 when the input was.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extractor.h"
#include "fuzz_util.h"
#include "tables/infer.h"
#include "tables/values.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using tahqiq::extract::Cell;
  using tahqiq::extract::Row;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  std::string_view raw = input;
  uint64_t n = 0;
  Row row;
  for (int i = 0; i < 64 && tahqiq::extract::DecodeRow(&raw, &n, &row); ++i) {
    std::string again;
    tahqiq::extract::EncodeRow(n, row, &again);
    std::string_view back(again);
    Row copy;
    uint64_t m = 0;
    if (!tahqiq::extract::DecodeRow(&back, &m, &copy) || m != n || copy.size() != row.size() ||
        !back.empty()) {
      std::abort();
    }
  }

  std::vector<tahqiq::tables::SampleRow> sample;
  uint64_t line_no = 0;
  size_t at = 0;
  while (at <= input.size() && sample.size() < 200) {
    size_t nl = input.find('\n', at);
    if (nl == std::string_view::npos) nl = input.size();
    tahqiq::tables::SampleRow r;
    r.row_number = ++line_no;
    std::string_view line = input.substr(at, nl - at);
    size_t c = 0;
    while (c <= line.size() && r.cells.size() < 64) {
      size_t comma = line.find(',', c);
      if (comma == std::string_view::npos) comma = line.size();
      Cell cell;
      if (comma > c) {
        cell.kind = Cell::kText;
        cell.value = std::string(line.substr(c, comma - c));
      }
      r.cells.push_back(std::move(cell));
      c = comma + 1;
    }
    sample.push_back(std::move(r));
    at = nl + 1;
  }
  const bool valid = tahqiq::fuzz::IsValidUtf8(input);
  const tahqiq::tables::Layout layout = tahqiq::tables::InferLayout(sample);
  for (const auto& r : sample) {
    for (size_t c = 0; c < r.cells.size() && c < layout.columns.size(); ++c) {
      bool fallback = false;
      const auto v = tahqiq::tables::ConvertCell(r.cells[c], layout.columns[c], &fallback);
      if (valid && v.kind == tahqiq::tables::Value::kText && !tahqiq::fuzz::IsValidUtf8(v.text)) {
        std::abort();
      }
    }
  }
  for (const auto& c : layout.columns) {
    if (c.name.empty()) std::abort();
  }
  return 0;
}
