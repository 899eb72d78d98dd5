#include "tables/infer.h"

#include <gtest/gtest.h>

namespace tahqiq::tables {
namespace {

using extract::Cell;

std::vector<SampleRow> Rows(const std::vector<std::vector<std::string>>& text) {
  std::vector<SampleRow> out;
  uint64_t n = 0;
  for (const auto& r : text) {
    SampleRow row;
    row.row_number = ++n;
    for (const auto& v : r) {
      Cell c;
      if (!v.empty()) {
        c.kind = Cell::kText;
        c.value = v;
      }
      row.cells.push_back(c);
    }
    out.push_back(row);
  }
  return out;
}

TEST(InferLayout, BillingExportWithTitleLines) {
  auto sample = Rows({{"Usage report for account 1234"},
                      {"Generated 2024-04-02", ""},
                      {"Usage Date", "Service Name", "Quantity", "Unit", "Cost (USD)", "Share"},
                      {"2023-10-01", "Storage", "1,200.5", "GB-month", "$12.00", "10%"},
                      {"2023-10-02", "Compute", "3", "Hours", "$1,234.50", "12.5%"},
                      {"2023-10-03", "Storage", "N/A", "GB-month", "$0.10", "1%"}});
  Layout l = InferLayout(sample);
  EXPECT_EQ(l.header_row, 3u);
  EXPECT_EQ(l.first_data, 3u);
  ASSERT_EQ(l.columns.size(), 6u);
  EXPECT_EQ(l.columns[0].name, "usage_date");
  EXPECT_EQ(l.columns[0].type, ColumnType::kDate);
  EXPECT_EQ(l.columns[1].name, "service_name");
  EXPECT_EQ(l.columns[1].type, ColumnType::kText);
  EXPECT_EQ(l.columns[2].type, ColumnType::kDecimal);
  EXPECT_EQ(l.columns[4].name, "cost_usd");
  EXPECT_EQ(l.columns[4].label, "Cost (USD)");
  EXPECT_EQ(l.columns[4].type, ColumnType::kCurrency);
  EXPECT_EQ(l.columns[4].currency, "USD");
  EXPECT_EQ(l.columns[5].type, ColumnType::kPercent);
}

TEST(InferLayout, NoHeader) {
  Layout l = InferLayout(Rows({{"1", "2023-01-05", "x"}, {"2", "2023-01-06", "y"}}));
  EXPECT_EQ(l.header_row, 0u);
  EXPECT_EQ(l.first_data, 0u);
  ASSERT_EQ(l.columns.size(), 3u);
  EXPECT_EQ(l.columns[0].name, "col1");
  EXPECT_EQ(l.columns[0].type, ColumnType::kInteger);
  EXPECT_EQ(l.columns[1].type, ColumnType::kDate);
}

TEST(InferLayout, EuropeanNumbersAndDayFirstDates) {
  Layout l = InferLayout(Rows({{"Datum", "Betrag"},
                               {"03.10.2023", "1.234,50"},
                               {"25.10.2023", "12,00"},
                               {"01.11.2023", "7"}}));
  ASSERT_EQ(l.columns.size(), 2u);
  EXPECT_EQ(l.columns[0].date_order, DateOrder::kDayFirst);
  EXPECT_EQ(l.columns[1].decimal, ',');
  EXPECT_EQ(l.columns[1].type, ColumnType::kDecimal);
  bool fallback;
  Cell c{Cell::kText, "03.10.2023", ""};
  EXPECT_EQ(ConvertCell(c, l.columns[0], &fallback).text, "2023-10-03");
  Cell amount{Cell::kText, "1.234,50", ""};
  EXPECT_DOUBLE_EQ(ConvertCell(amount, l.columns[1], &fallback).real, 1234.5);
}

TEST(InferLayout, ArabicAndHebrewHeadersAndDuplicates) {
  Layout l =
      InferLayout(Rows({{"التاريخ", "المبلغ", "סכום", "סכום"}, {"2024-01-01", "١٠٠", "5", "6"}}));
  ASSERT_EQ(l.columns.size(), 4u);
  EXPECT_EQ(l.columns[0].name, "التاريخ");
  EXPECT_EQ(l.columns[1].type, ColumnType::kInteger);
  EXPECT_EQ(l.columns[2].name, "סכום");
  EXPECT_EQ(l.columns[3].name, "סכום_2");
}

TEST(InferLayout, IdentifiersStayText) {
  Layout l =
      InferLayout(Rows({{"account", "zip"}, {"012345678901", "02134"}, {"000000000001", "10001"}}));
  EXPECT_EQ(l.columns[0].type, ColumnType::kText);
  EXPECT_EQ(l.columns[1].type, ColumnType::kText);
}

TEST(InferLayout, TypedSpreadsheetCells) {
  std::vector<SampleRow> s(3);
  s[0].row_number = 1;
  s[0].cells = {{Cell::kText, "Day", ""}, {Cell::kText, "Cost", ""}};
  s[1].row_number = 2;
  s[1].cells = {{Cell::kDate, "2023-10-01", ""}, {Cell::kCurrency, "12.5", "EUR"}};
  s[2].row_number = 3;
  s[2].cells = {{Cell::kDate, "2023-10-02", ""}, {Cell::kCurrency, "3", "EUR"}};
  Layout l = InferLayout(s);
  EXPECT_EQ(l.header_row, 1u);
  EXPECT_EQ(l.columns[0].type, ColumnType::kDate);
  EXPECT_EQ(l.columns[1].type, ColumnType::kCurrency);
  EXPECT_EQ(l.columns[1].currency, "EUR");
}

TEST(ConvertCell, FallbackKeepsText) {
  ColumnSpec c;
  c.type = ColumnType::kInteger;
  bool fallback;
  Value v = ConvertCell(Cell{Cell::kText, "see note", ""}, c, &fallback);
  EXPECT_TRUE(fallback);
  EXPECT_EQ(v.kind, Value::kText);
  EXPECT_EQ(v.text, "see note");
  v = ConvertCell(Cell{Cell::kText, "n/a", ""}, c, &fallback);
  EXPECT_FALSE(fallback);
  EXPECT_EQ(v.kind, Value::kNull);
}

TEST(IdentifierFrom, Labels) {
  EXPECT_EQ(IdentifierFrom("Cost (USD)", "x"), "cost_usd");
  EXPECT_EQ(IdentifierFrom("  ", "col3"), "col3");
  EXPECT_EQ(IdentifierFrom("2023 total", "x"), "c_2023_total");
  EXPECT_EQ(IdentifierFrom("ש\"ח", "x"), "ש_ח");
  EXPECT_EQ(IdentifierFrom("lineItem/UsageStartDate", "x"), "lineitem_usagestartdate");
}

}  // namespace
}  // namespace tahqiq::tables
