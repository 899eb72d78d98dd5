#include "tables/values.h"

#include <gtest/gtest.h>

namespace tahqiq::tables {
namespace {

double Num(const char* s, char decimal = '.') {
  ParsedNumber n;
  EXPECT_TRUE(ParseNumber(s, decimal, &n)) << s;
  return n.value;
}

bool NotNum(const char* s, char decimal = '.') {
  ParsedNumber n;
  return !ParseNumber(s, decimal, &n);
}

TEST(ParseNumber, Conventions) {
  EXPECT_DOUBLE_EQ(Num("1,234.50"), 1234.5);
  EXPECT_DOUBLE_EQ(Num("1.234,50", ','), 1234.5);
  EXPECT_DOUBLE_EQ(Num("1 234,5", ','), 1234.5);
  EXPECT_DOUBLE_EQ(Num("1'234.5"), 1234.5);
  EXPECT_DOUBLE_EQ(Num("12,5", ','), 12.5);
  EXPECT_DOUBLE_EQ(Num(".5"), 0.5);
  EXPECT_DOUBLE_EQ(Num("-3"), -3);
  EXPECT_DOUBLE_EQ(Num("(12.00)"), -12);
  EXPECT_DOUBLE_EQ(Num("1.5E+03"), 1500);
  EXPECT_DOUBLE_EQ(Num("0"), 0);
  EXPECT_DOUBLE_EQ(Num("0.0001"), 0.0001);
  // Arabic-Indic digits with the Arabic separators, and Persian digits.
  EXPECT_DOUBLE_EQ(Num("١٬٢٣٤٫٥"), 1234.5);
  EXPECT_DOUBLE_EQ(Num("۱۲۳"), 123);
  // Bidi marks and no-break spaces from RTL exports.
  EXPECT_DOUBLE_EQ(Num("\u200f1\u00a0234.5\u200f"), 1234.5);
  EXPECT_DOUBLE_EQ(Num("\u2212"
                       "7"),
                   -7);
}

TEST(ParseNumber, CurrencyAndPercent) {
  ParsedNumber n;
  ASSERT_TRUE(ParseNumber("$1,234.50", '.', &n));
  EXPECT_EQ(n.currency, "USD");
  EXPECT_DOUBLE_EQ(n.value, 1234.5);
  ASSERT_TRUE(ParseNumber("-$12", '.', &n));
  EXPECT_DOUBLE_EQ(n.value, -12);
  ASSERT_TRUE(ParseNumber("12.00 USD", '.', &n));
  EXPECT_EQ(n.currency, "USD");
  ASSERT_TRUE(ParseNumber("€ 12,00", ',', &n));
  EXPECT_EQ(n.currency, "EUR");
  ASSERT_TRUE(ParseNumber("1,200 ₪", '.', &n));
  EXPECT_EQ(n.currency, "ILS");
  ASSERT_TRUE(ParseNumber("350 ש\"ח", '.', &n));
  EXPECT_EQ(n.currency, "ILS");
  ASSERT_TRUE(ParseNumber("٥٠٠ ر.س", '.', &n));
  EXPECT_EQ(n.currency, "SAR");
  EXPECT_DOUBLE_EQ(n.value, 500);
  ASSERT_TRUE(ParseNumber("12.5%", '.', &n));
  EXPECT_TRUE(n.percent);
  EXPECT_DOUBLE_EQ(n.value, 12.5);
  ASSERT_TRUE(ParseNumber("٪١٥", '.', &n));
  EXPECT_TRUE(n.percent);
  EXPECT_DOUBLE_EQ(n.value, 15);
  ASSERT_TRUE(ParseNumber("usd 3", '.', &n));
  EXPECT_EQ(n.currency, "USD");
}

TEST(ParseNumber, NotNumbers) {
  EXPECT_TRUE(NotNum(""));
  EXPECT_TRUE(NotNum("abc"));
  EXPECT_TRUE(NotNum("007"));               // A code keeps its zeros.
  EXPECT_TRUE(NotNum("1234567890123456"));  // 16 digits: an identifier.
  EXPECT_TRUE(NotNum("1,23,456"));          // Not thousands groups.
  EXPECT_TRUE(NotNum("12abc"));
  EXPECT_TRUE(NotNum("GPT-4"));
  EXPECT_TRUE(NotNum("1.2.3"));
  EXPECT_TRUE(NotNum("2023-10-01"));
  EXPECT_TRUE(NotNum("12 apples"));
  EXPECT_TRUE(NotNum("$$12"));
  EXPECT_TRUE(NotNum("--5"));
}

TEST(ParseNumber, IntegerFlag) {
  ParsedNumber n;
  ASSERT_TRUE(ParseNumber("1,000,000", '.', &n));
  EXPECT_TRUE(n.integer);
  ASSERT_TRUE(ParseNumber("1000.0", '.', &n));
  EXPECT_FALSE(n.integer);
}

TEST(DecimalMarkOf, Evidence) {
  EXPECT_EQ(DecimalMarkOf("1,234.5"), '.');
  EXPECT_EQ(DecimalMarkOf("1.234,5"), ',');
  EXPECT_EQ(DecimalMarkOf("12,5"), ',');
  EXPECT_EQ(DecimalMarkOf("1.234.567"), ',');
  EXPECT_EQ(DecimalMarkOf("1,234"), 0);  // Either reading works.
  EXPECT_EQ(DecimalMarkOf("12"), 0);
}

std::string Date(const char* s, DateOrder order = DateOrder::kUnknown) {
  ParsedDate d;
  if (!ParseDate(s, order, &d)) return "-";
  return d.iso;
}

TEST(ParseDate, Forms) {
  EXPECT_EQ(Date("2023-10-01"), "2023-10-01");
  EXPECT_EQ(Date("2023-10-01T05:06:07Z"), "2023-10-01 05:06:07");
  EXPECT_EQ(Date("2023-10-01T05:06:07.123+03:00"), "2023-10-01 05:06:07");
  EXPECT_EQ(Date("2023-10-01 23:59"), "2023-10-01 23:59:00");
  EXPECT_EQ(Date("2023/1/5"), "2023-01-05");
  EXPECT_EQ(Date("2023-10"), "2023-10-01");
  EXPECT_EQ(Date("01/10/2023", DateOrder::kDayFirst), "2023-10-01");
  EXPECT_EQ(Date("01/10/2023", DateOrder::kMonthFirst), "2023-01-10");
  EXPECT_EQ(Date("12/25/2023"), "2023-12-25");  // Only month-first is possible.
  EXPECT_EQ(Date("25.12.2023"), "2023-12-25");
  EXPECT_EQ(Date("1-Oct-2023"), "2023-10-01");
  EXPECT_EQ(Date("Oct 1, 2023"), "2023-10-01");
  EXPECT_EQ(Date("1 October 2023"), "2023-10-01");
  EXPECT_EQ(Date("September 2023"), "2023-09-01");
  EXPECT_EQ(Date("3/4/23 1:05 PM", DateOrder::kMonthFirst), "2023-03-04 13:05:00");
  EXPECT_EQ(Date("٢٠٢٣-١٠-٠١"), "2023-10-01");
}

TEST(ParseDate, NotDates) {
  EXPECT_EQ(Date("2023-13-01"), "-");
  EXPECT_EQ(Date("2023-02-29"), "-");  // Not a leap year.
  EXPECT_EQ(Date("31/31/2023"), "-");
  EXPECT_EQ(Date("1.2.10"), "-");  // A version number.
  EXPECT_EQ(Date("12.5"), "-");
  EXPECT_EQ(Date("20231001"), "-");
  EXPECT_EQ(Date("2023"), "-");
  EXPECT_EQ(Date("hello"), "-");
  EXPECT_EQ(Date("2023-10-01 25:00"), "-");
  EXPECT_EQ(Date("2023-10-01 garbage"), "-");
}

TEST(DateOrderOf, Evidence) {
  EXPECT_EQ(DateOrderOf("25/12/2023"), DateOrder::kDayFirst);
  EXPECT_EQ(DateOrderOf("12/25/2023"), DateOrder::kMonthFirst);
  EXPECT_EQ(DateOrderOf("01/02/2023"), DateOrder::kUnknown);
}

TEST(IsNullMarker, Markers) {
  EXPECT_TRUE(IsNullMarker(" N/A "));
  EXPECT_TRUE(IsNullMarker("-"));
  EXPECT_TRUE(IsNullMarker(""));
  EXPECT_FALSE(IsNullMarker("0"));
}

}  // namespace
}  // namespace tahqiq::tables
