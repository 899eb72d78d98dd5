#include "tables/infer.h"

#include <algorithm>
#include <map>
#include <set>

namespace tahqiq::tables {
namespace {

using extract::Cell;

// A column takes a type when this share of its non-empty values fit it; the
// rest (a stray "see note", a subtotal label) are stored as text.
constexpr double kTypeShare = 0.9;
// Rows this far down are not searched for a header.
constexpr size_t kHeaderSearchRows = 10;

size_t NonEmpty(const extract::Row& row) {
  size_t n = 0;
  for (const Cell& c : row) n += c.kind != Cell::kEmpty;
  return n;
}

size_t Width(const extract::Row& row) {
  size_t w = row.size();
  while (w > 0 && row[w - 1].kind == Cell::kEmpty) --w;
  return w;
}

bool LooksLikeValue(const Cell& c) {
  if (c.kind != Cell::kText) return c.kind != Cell::kEmpty;
  ParsedNumber n;
  ParsedDate d;
  return ParseNumber(c.value, '.', &n) || ParseNumber(c.value, ',', &n) ||
         ParseDate(c.value, DateOrder::kUnknown, &d);
}

bool HeaderLike(const extract::Row& row) {
  std::set<std::string> seen;
  for (const Cell& c : row) {
    if (c.kind == Cell::kEmpty) continue;
    if (LooksLikeValue(c)) return false;
    seen.insert(std::string(TrimCell(c.value)));
  }
  return !seen.empty();
}

bool IsTrue(std::string_view s) {
  return s == "true" || s == "TRUE" || s == "True" || s == "yes" || s == "Yes" || s == "YES";
}
bool IsFalse(std::string_view s) {
  return s == "false" || s == "FALSE" || s == "False" || s == "no" || s == "No" || s == "NO";
}

Value NumberValue(const ParsedNumber& p) {
  Value v;
  if (p.integer) {
    v.kind = Value::kInteger;
    v.integer = static_cast<int64_t>(p.value);
  } else {
    v.kind = Value::kReal;
    v.real = p.value;
  }
  return v;
}

ColumnSpec InferColumn(const std::vector<SampleRow>& sample, size_t first, size_t col) {
  ColumnSpec spec;
  // Conventions first: they decide how the values parse.
  int dot = 0, comma = 0, day_first = 0, month_first = 0;
  for (size_t r = first; r < sample.size(); ++r) {
    const auto& cells = sample[r].cells;
    if (col >= cells.size() || cells[col].kind != Cell::kText) continue;
    const char mark = DecimalMarkOf(cells[col].value);
    dot += mark == '.';
    comma += mark == ',';
    const DateOrder order = DateOrderOf(cells[col].value);
    day_first += order == DateOrder::kDayFirst;
    month_first += order == DateOrder::kMonthFirst;
  }
  spec.decimal = comma > dot ? ',' : '.';
  spec.date_order = day_first > month_first   ? DateOrder::kDayFirst
                    : month_first > day_first ? DateOrder::kMonthFirst
                                              : DateOrder::kUnknown;

  size_t n = 0, numbers = 0, integers = 0, percents = 0, currencies = 0, dates = 0, times = 0,
         bools = 0;
  std::map<std::string, size_t> codes;
  for (size_t r = first; r < sample.size(); ++r) {
    const auto& cells = sample[r].cells;
    if (col >= cells.size()) continue;
    const Cell& c = cells[col];
    if (c.kind == Cell::kEmpty || (c.kind == Cell::kText && IsNullMarker(c.value))) continue;
    ++n;
    switch (c.kind) {
      case Cell::kNumber:
      case Cell::kCurrency:
      case Cell::kPercent: {
        ++numbers;
        ParsedNumber p;
        if (ParseNumber(c.value, '.', &p) && p.integer && c.kind == Cell::kNumber) ++integers;
        percents += c.kind == Cell::kPercent;
        if (c.kind == Cell::kCurrency) {
          ++currencies;
          if (!c.unit.empty()) ++codes[c.unit];
        }
        break;
      }
      case Cell::kDate:
        ++dates;
        break;
      case Cell::kDateTime:
        ++dates;
        ++times;
        break;
      case Cell::kBool:
        ++bools;
        break;
      default: {
        const std::string_view v = TrimCell(c.value);
        ParsedNumber p;
        ParsedDate d;
        if (ParseNumber(v, spec.decimal, &p)) {
          ++numbers;
          integers += p.integer && !p.percent && p.currency.empty();
          percents += p.percent;
          if (!p.currency.empty()) {
            ++currencies;
            ++codes[p.currency];
          }
        } else if (ParseDate(v, spec.date_order, &d)) {
          ++dates;
          times += d.has_time;
        } else if (IsTrue(v) || IsFalse(v)) {
          ++bools;
        }
      }
    }
  }
  if (n == 0) return spec;
  const auto enough = [&](size_t k) { return k > 0 && k >= kTypeShare * static_cast<double>(n); };
  if (enough(dates)) {
    spec.type = times > 0 ? ColumnType::kDateTime : ColumnType::kDate;
  } else if (enough(numbers)) {
    if (percents * 2 >= numbers) {
      spec.type = ColumnType::kPercent;
    } else if (currencies * 2 >= numbers) {
      spec.type = ColumnType::kCurrency;
      if (codes.size() == 1) spec.currency = codes.begin()->first;
    } else {
      spec.type = integers == numbers ? ColumnType::kInteger : ColumnType::kDecimal;
    }
  } else if (enough(bools)) {
    spec.type = ColumnType::kBoolean;
  }
  return spec;
}

}  // namespace

std::string_view TypeName(ColumnType t) {
  switch (t) {
    case ColumnType::kText:
      return "text";
    case ColumnType::kInteger:
      return "integer";
    case ColumnType::kDecimal:
      return "decimal";
    case ColumnType::kCurrency:
      return "currency";
    case ColumnType::kPercent:
      return "percent";
    case ColumnType::kDate:
      return "date";
    case ColumnType::kDateTime:
      return "datetime";
    case ColumnType::kBoolean:
      return "boolean";
  }
  return "text";
}

bool TypeFromName(std::string_view name, ColumnType* t) {
  for (ColumnType c :
       {ColumnType::kText, ColumnType::kInteger, ColumnType::kDecimal, ColumnType::kCurrency,
        ColumnType::kPercent, ColumnType::kDate, ColumnType::kDateTime, ColumnType::kBoolean}) {
    if (TypeName(c) == name) {
      *t = c;
      return true;
    }
  }
  return false;
}

std::string IdentifierFrom(std::string_view label, std::string_view fallback) {
  std::string out;
  bool pending_sep = false;
  for (size_t i = 0; i < label.size();) {
    const auto b = static_cast<unsigned char>(label[i]);
    size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : 4;
    len = std::min(len, label.size() - i);
    bool keep = false;
    if (len == 1) {
      keep = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
    } else {
      // Letters of other scripts stay; no-break spaces, bidi marks and
      // punctuation (U+00A0-00BF, U+2000-206F, Arabic and Hebrew signs) do not.
      char32_t cp = b & (0xFF >> (len + 1));
      for (size_t k = 1; k < len; ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(label[i + k]) & 0x3F);
      }
      keep = !(cp <= 0xBF || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x60C || cp == 0x61B ||
               cp == 0x61F || cp == 0x66A || cp == 0x5F3 || cp == 0x5F4 || cp == 0x5BE ||
               cp == 0xFEFF || cp == 0x61C);
    }
    if (keep) {
      if (pending_sep && !out.empty()) out += '_';
      pending_sep = false;
      for (size_t k = 0; k < len; ++k) {
        char c = label[i + k];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        out += c;
      }
    } else {
      pending_sep = true;
    }
    i += len;
    if (out.size() >= 60) break;
  }
  if (out.empty()) return std::string(fallback);
  if (out[0] >= '0' && out[0] <= '9') out = "c_" + out;
  return out;
}

Layout InferLayout(const std::vector<SampleRow>& sample) {
  Layout layout;
  if (sample.empty()) return layout;
  std::vector<size_t> counts;
  for (const SampleRow& r : sample) counts.push_back(NonEmpty(r.cells));
  std::vector<size_t> sorted = counts;
  std::sort(sorted.begin(), sorted.end());
  const size_t typical = sorted[sorted.size() / 2];
  // Title lines, notes and blank-ish rows above the table are skipped; the
  // first full row is the header if it holds only labels.
  bool header = false;
  size_t first = 0;
  for (size_t i = 0; i < sample.size() && i < kHeaderSearchRows; ++i) {
    if (typical >= 2 && counts[i] * 2 < typical) continue;
    first = i;
    header = HeaderLike(sample[i].cells) && i + 1 < sample.size();
    break;
  }
  if (header) {
    layout.header_row = sample[first].row_number;
    layout.first_data = first + 1;
  } else {
    layout.first_data = first;
  }
  size_t width = header ? Width(sample[first].cells) : 0;
  for (size_t r = layout.first_data; r < sample.size(); ++r) {
    width = std::max(width, Width(sample[r].cells));
  }
  std::set<std::string> used;
  for (size_t c = 0; c < width; ++c) {
    ColumnSpec spec = InferColumn(sample, layout.first_data, c);
    const std::string fallback = "col" + std::to_string(c + 1);
    if (header && c < sample[first].cells.size()) {
      spec.label = std::string(TrimCell(sample[first].cells[c].value));
    }
    std::string name = IdentifierFrom(spec.label, fallback);
    if (name[0] == '_') name = "c" + name;
    const std::string base = name;
    for (int k = 2; used.count(name); ++k) name = base + "_" + std::to_string(k);
    used.insert(name);
    spec.name = name;
    layout.columns.push_back(std::move(spec));
  }
  return layout;
}

Value ConvertCell(const extract::Cell& cell, const ColumnSpec& column, bool* fallback) {
  *fallback = false;
  Value v;
  const bool numeric = column.type == ColumnType::kInteger || column.type == ColumnType::kDecimal ||
                       column.type == ColumnType::kCurrency || column.type == ColumnType::kPercent;
  switch (cell.kind) {
    case Cell::kEmpty:
      return v;
    case Cell::kNumber:
    case Cell::kCurrency:
    case Cell::kPercent: {
      ParsedNumber p;
      if (!ParseNumber(cell.value, '.', &p)) break;
      if (column.type == ColumnType::kText) {
        v.kind = Value::kText;
        v.text = cell.value;
      } else {
        v = NumberValue(p);
      }
      *fallback = !numeric && column.type != ColumnType::kText;
      return v;
    }
    case Cell::kDate:
    case Cell::kDateTime:
      v.kind = Value::kText;
      v.text = cell.value;
      *fallback = column.type != ColumnType::kDate && column.type != ColumnType::kDateTime &&
                  column.type != ColumnType::kText;
      return v;
    case Cell::kBool:
      v.kind = Value::kInteger;
      v.integer = cell.value == "1";
      return v;
    case Cell::kText:
      break;
  }
  const std::string_view s = TrimCell(cell.value);
  if (column.type != ColumnType::kText && IsNullMarker(s)) return v;
  if (numeric) {
    ParsedNumber p;
    if (ParseNumber(s, column.decimal, &p)) return NumberValue(p);
  } else if (column.type == ColumnType::kDate || column.type == ColumnType::kDateTime) {
    ParsedDate d;
    if (ParseDate(s, column.date_order, &d)) {
      v.kind = Value::kText;
      v.text = d.iso;
      return v;
    }
  } else if (column.type == ColumnType::kBoolean) {
    if (IsTrue(s) || IsFalse(s)) {
      v.kind = Value::kInteger;
      v.integer = IsTrue(s);
      return v;
    }
  }
  v.kind = Value::kText;
  v.text = std::string(s);
  *fallback = column.type != ColumnType::kText;
  return v;
}

ColumnType WidenType(ColumnType a, ColumnType b) {
  if (a == b) return a;
  const auto numeric = [](ColumnType t) {
    return t == ColumnType::kInteger || t == ColumnType::kDecimal || t == ColumnType::kCurrency ||
           t == ColumnType::kPercent;
  };
  if (numeric(a) && numeric(b)) {
    if (a == ColumnType::kCurrency || b == ColumnType::kCurrency) return ColumnType::kCurrency;
    return ColumnType::kDecimal;
  }
  const auto dated = [](ColumnType t) {
    return t == ColumnType::kDate || t == ColumnType::kDateTime;
  };
  if (dated(a) && dated(b)) return ColumnType::kDateTime;
  return ColumnType::kText;
}

}  // namespace tahqiq::tables
