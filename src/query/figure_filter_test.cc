// Figure filters in queries (issue 4): what they select, and their errors.
#include "query/figure_filter.h"

#include <gtest/gtest.h>

#include <string>

namespace tahqiq::query {
namespace {

TEST(FigureFilterTest, ConstraintsGroupByKind) {
  std::string q = "contract money>=1m money<5,000,000 currency:usd date:2023-10..2024-06 leak";
  auto groups = ExtractFigureFilters(&q);
  ASSERT_TRUE(groups.ok()) << groups.status().ToString();
  ASSERT_EQ(groups->size(), 2u);
  const store::FigureQuery& money = (*groups)[0];
  EXPECT_EQ(money.kind, "money");
  EXPECT_EQ(*money.min, 1e6);
  EXPECT_TRUE(money.min_inclusive);
  EXPECT_EQ(*money.max, 5e6);
  EXPECT_FALSE(money.max_inclusive);
  EXPECT_EQ(money.currency, "USD");
  const store::FigureQuery& date = (*groups)[1];
  EXPECT_EQ(date.date_lo, "2023-10-01");
  EXPECT_EQ(date.date_hi, "2024-06-30");
  // The rest of the query keeps its words and their columns.
  EXPECT_EQ(q.find("contract"), 0u);
  EXPECT_NE(q.find("leak"), std::string::npos);
  EXPECT_EQ(q.find("money"), std::string::npos);
}

TEST(FigureFilterTest, UnitImpliesQuantityAndQuotedTextIsLeftAlone) {
  std::string q = "\"money>5\" quantity>=1000 unit:hour unit:GB";
  auto groups = ExtractFigureFilters(&q);
  ASSERT_TRUE(groups.ok());
  ASSERT_EQ(groups->size(), 1u);
  EXPECT_EQ((*groups)[0].kind, "quantity");
  EXPECT_EQ((*groups)[0].unit, "GB");  // the last unit: wins; symbols keep their case
  EXPECT_NE(q.find("\"money>5\""), std::string::npos);
}

TEST(FigureFilterTest, MalformedFiltersSayWhatIsWrong) {
  for (const char* bad : {"money>=lots", "percent>", "date:2023-13", "date:2024..2023",
                          "currency:dollars", "(money>5 OR x)", "x OR money>5", "unit:"}) {
    std::string q = bad;
    auto r = ExtractFigureFilters(&q);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(r.status().message().find("figure filter"), std::string::npos) << bad;
  }
  std::string plain = "money laundering";  // a word, not a filter
  auto r = ExtractFigureFilters(&plain);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
  EXPECT_EQ(plain, "money laundering");
}

}  // namespace
}  // namespace tahqiq::query
