// Helpers shared by the spreadsheet extractors (xlsx, ods) for typed rows.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "base/civil.h"
#include "base/currency.h"
#include "extract/internal.h"

namespace tahqiq::extract::internal {
bool SerialToIso(double serial, bool date1904, bool with_time, std::string* out) {
  // Beyond year 9999 or before 1900 a "date" is a misformatted number.
  if (!std::isfinite(serial) || serial < 0 || serial > 2958465) return false;
  int64_t days = static_cast<int64_t>(std::floor(serial));
  double frac = serial - static_cast<double>(days);
  int64_t secs = static_cast<int64_t>(std::llround(frac * 86400));
  if (secs >= 86400) {
    ++days;
    secs -= 86400;
  }
  // Serial 1 is 1900-01-01 in the 1900 system, which also counts a
  // 29 February 1900 that never was (serial 60): dates after it are one day
  // off, the ones before are not.
  int64_t epoch_days;  // 1970-01-01 = 0.
  if (date1904) {
    epoch_days = days - 24107;  // 1904-01-01 is serial 0.
  } else if (days >= 61) {
    epoch_days = days - 25569;  // Serial 25569 is 1970-01-01.
  } else if (days == 60) {
    epoch_days = 59 - 25568;  // The phantom day: report 1900-02-28.
  } else {
    epoch_days = days - 25568;
  }
  int y;
  unsigned m, d;
  CivilFromDays(epoch_days, &y, &m, &d);
  char buf[32];
  if (with_time) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d", y, m, d,
                  static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                  static_cast<int>(secs % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  }
  *out = buf;
  return true;
}

std::string NumberText(double v) {
  char buf[64];
  // Shortest form that reads back as the same double.
  for (int precision = 15; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

NumberFormat ClassifyNumberFormat(int builtin_id, std::string_view code) {
  NumberFormat f;
  if (code.empty()) {
    // ECMA-376 Part 1, 18.8.30: the built-in formats.
    if ((builtin_id >= 14 && builtin_id <= 17) || (builtin_id >= 27 && builtin_id <= 31) ||
        (builtin_id >= 34 && builtin_id <= 36) || (builtin_id >= 50 && builtin_id <= 58)) {
      f.kind = Cell::kDate;
    } else if (builtin_id == 22) {
      f.kind = Cell::kDateTime;
    } else if (builtin_id == 9 || builtin_id == 10) {
      f.kind = Cell::kPercent;
    } else if ((builtin_id >= 5 && builtin_id <= 8) || (builtin_id >= 41 && builtin_id <= 44)) {
      f.kind = Cell::kCurrency;
    }
    return f;
  }
  // A custom code: look at what is outside quotes, escapes and [colour]
  // sections; [$€-x] and [$USD] name a currency.
  bool date = false, time = false, percent = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const size_t end = code.find('"', i + 1);
      if (end == std::string_view::npos) break;
      i = end;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      const size_t end = code.find(']', i + 1);
      if (end == std::string_view::npos) break;
      const std::string_view inner = code.substr(i + 1, end - i - 1);
      if (!inner.empty() && inner[0] == '$') {
        f.kind = Cell::kCurrency;
        std::string_view sym = inner.substr(1, inner.find('-') - 1);
        f.currency = CurrencyCode(sym);
      }
      i = end;
    } else if (c == ';') {
      break;  // Only the first section (positive numbers) matters.
    } else if (c == 'y' || c == 'Y' || c == 'd' || c == 'D') {
      date = true;
    } else if (c == 'h' || c == 'H' || c == 's' || c == 'S') {
      time = true;
    } else if (c == '%') {
      percent = true;
    } else if (c == '$') {
      f.kind = Cell::kCurrency;
      if (f.currency.empty()) f.currency = "USD";
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      // A currency sign written in the code (€, £, ₪ ...).
      size_t len = 1;
      while (i + len < code.size() && (static_cast<unsigned char>(code[i + len]) & 0xC0) == 0x80) {
        ++len;
      }
      const std::string iso = CurrencyCode(code.substr(i, len));
      if (!iso.empty()) {
        f.kind = Cell::kCurrency;
        f.currency = iso;
      }
      i += len - 1;
    }
  }
  if (date) {
    f.kind = time ? Cell::kDateTime : Cell::kDate;
    f.currency.clear();
  } else if (percent) {
    f.kind = Cell::kPercent;
  }
  return f;
}

bool ParseCellRef(std::string_view ref, uint32_t* column, uint64_t* row) {
  uint64_t col = 0;
  size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + static_cast<uint64_t>(ref[i] - 'A' + 1);
    if (col > kMaxSheetColumns) return false;
    ++i;
  }
  if (i == 0) return false;
  uint64_t r = 0;
  const size_t digits = i;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9') {
    r = r * 10 + static_cast<uint64_t>(ref[i] - '0');
    if (r > (1ull << 40)) return false;
    ++i;
  }
  if (i != ref.size()) return false;
  *column = static_cast<uint32_t>(col - 1);
  *row = i > digits ? r : 0;
  return true;
}

void MergeFill::Add(uint64_t first_row, uint32_t first_col, uint64_t last_row, uint32_t last_col) {
  if (last_row < first_row || last_col < first_col || ranges_.size() >= 100000) return;
  last_col = std::min<uint32_t>(last_col, first_col + 1024);  // Bounded fan-out.
  ranges_.push_back({first_row, first_col, last_row, last_col, Cell{}});
}

void MergeFill::Apply(uint64_t row, Row* cells) {
  for (Range& r : ranges_) {
    if (row < r.first_row || row > r.last_row) continue;
    if (row == r.first_row) {
      if (r.first_col < cells->size()) r.value = (*cells)[r.first_col];
    }
    if (r.value.kind == Cell::kEmpty) continue;
    if (cells->size() <= r.last_col) cells->resize(r.last_col + 1);
    for (uint32_t c = r.first_col; c <= r.last_col; ++c) {
      if ((*cells)[c].kind == Cell::kEmpty) (*cells)[c] = r.value;
    }
  }
}

void TrimRow(Row* cells) {
  while (!cells->empty() && cells->back().kind == Cell::kEmpty) cells->pop_back();
}

}  // namespace tahqiq::extract::internal
