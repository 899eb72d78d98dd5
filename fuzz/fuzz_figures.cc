// Fuzz target: analyze::FindFigures on arbitrary bytes (issue 4).
//
// Invariants checked (from analyze/figures.h), abort on violation:
//  - figures are in text order, do not overlap, and start < end <= size;
//  - `text` is exactly the bytes [start, end) of the input;
//  - dates and date ranges have an ISO date (and from/to for ranges) whose
//    bounds, when it has a year, are ordered;
//  - values of the other kinds are finite;
//  - the same input gives the same figures again (no state between calls).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/figures.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using tahqiq::analyze::Figure;
  using tahqiq::analyze::FigureKind;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::vector<Figure> figures = tahqiq::analyze::FindFigures(text);
  uint32_t last_end = 0;
  for (size_t i = 0; i < figures.size(); ++i) {
    const Figure& f = figures[i];
    FUZZ_CHECK(f.start < f.end && f.end <= size, "figure %zu: [%u, %u) in %zu bytes", i, f.start,
               f.end, size);
    FUZZ_CHECK(f.start >= last_end, "figure %zu starts at %u before %u", i, f.start, last_end);
    last_end = f.end;
    FUZZ_CHECK(f.text == text.substr(f.start, f.end - f.start), "figure %zu: text differs", i);
    if (f.kind == FigureKind::kDate || f.kind == FigureKind::kDateRange) {
      FUZZ_CHECK(!f.date.empty(), "figure %zu: date without ISO value", i);
      std::string lo, hi;
      if (tahqiq::analyze::DateBounds(f, &lo, &hi)) {
        FUZZ_CHECK(lo <= hi, "figure %zu: bounds %s > %s", i, lo.c_str(), hi.c_str());
      }
      if (f.kind == FigureKind::kDateRange) {
        FUZZ_CHECK(!f.from.empty() && !f.to.empty(), "figure %zu: range without ends", i);
      }
    } else {
      FUZZ_CHECK(std::isfinite(f.value), "figure %zu: value not finite", i);
    }
  }
  const std::vector<Figure> again = tahqiq::analyze::FindFigures(text);
  FUZZ_CHECK(again.size() == figures.size(), "second run: %zu figures, first %zu", again.size(),
             figures.size());
  return 0;
}
