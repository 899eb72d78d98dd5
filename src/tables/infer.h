// The layout of a sheet or CSV file from its first rows: where the header
// is (title lines above it are skipped), what the columns are called, and
// what type each column holds with which conventions (decimal mark, day or
// month first, currency).
//
// Pure functions; thread-safe.
#ifndef TAHQIQ_TABLES_INFER_H_
#define TAHQIQ_TABLES_INFER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/extractor.h"
#include "tables/values.h"

namespace tahqiq::tables {

enum class ColumnType {
  kText,
  kInteger,
  kDecimal,
  kCurrency,
  kPercent,
  kDate,
  kDateTime,
  kBoolean
};

// "text", "integer", "decimal", "currency", "percent", "date", "datetime",
// "boolean"; and back (false for an unknown name).
std::string_view TypeName(ColumnType t);
bool TypeFromName(std::string_view name, ColumnType* t);

struct ColumnSpec {
  std::string name;   // Identifier used in queries: lower case, '_' for separators.
  std::string label;  // The header cell as written ("" without a header).
  ColumnType type = ColumnType::kText;
  char decimal = '.';  // Decimal mark of text numbers.
  DateOrder date_order = DateOrder::kUnknown;
  std::string currency;  // kCurrency: the code if the column uses one, else "".
};

struct SampleRow {
  uint64_t row_number = 0;
  extract::Row cells;
};

struct Layout {
  uint64_t header_row = 0;  // Source row number of the header; 0 if none.
  size_t first_data = 0;    // Index in the sample of the first data row.
  std::vector<ColumnSpec> columns;
};

// Infers the layout from the first rows of a table (a few hundred suffice).
Layout InferLayout(const std::vector<SampleRow>& sample);

// A cell converted for storage under its column's spec.
struct Value {
  enum Kind { kNull, kInteger, kReal, kText } kind = kNull;
  int64_t integer = 0;
  double real = 0;
  std::string text;
};

// `*fallback` is set when a non-empty cell did not fit its column's type and
// is stored as text instead (nothing is lost; the schema reports how many).
Value ConvertCell(const extract::Cell& cell, const ColumnSpec& column, bool* fallback);

// A query identifier from a header ("Cost (USD)" -> "cost_usd"); letters of
// every script are kept. Never empty: `fallback` is used instead.
std::string IdentifierFrom(std::string_view label, std::string_view fallback);

// The type both columns' values fit (used when a later file of a table
// infers a different type for the same column).
ColumnType WidenType(ColumnType a, ColumnType b);

}  // namespace tahqiq::tables

#endif  // TAHQIQ_TABLES_INFER_H_
