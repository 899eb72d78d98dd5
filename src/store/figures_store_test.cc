// The figures table of the SQLite store (issue 4).
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "store/store.h"

namespace tahqiq::store {
namespace {

FigureRecord Money(double value, const std::string& currency, uint64_t start) {
  FigureRecord f;
  f.kind = "money";
  f.value = value;
  f.currency = currency;
  f.text = "x";
  f.start = start;
  f.end = start + 1;
  return f;
}

FigureRecord Date(const std::string& date, const std::string& lo, const std::string& hi,
                  uint64_t start) {
  FigureRecord f;
  f.kind = "date";
  f.date = date;
  f.date_lo = lo;
  f.date_hi = hi;
  f.text = date;
  f.start = start;
  f.end = start + 1;
  return f;
}

std::vector<int64_t> Docs(Store& s, const FigureQuery& q) {
  auto ids = s.FigureDocuments(q);
  EXPECT_TRUE(ids.ok()) << ids.status().ToString();
  return ids.ok() ? *ids : std::vector<int64_t>{};
}

TEST(FiguresStoreTest, FiltersCombineOnOneFigure) {
  char tmpl[] = "/tmp/tahqiq-figures-XXXXXX";
  const std::string dir = ::mkdtemp(tmpl);
  auto store = OpenSqliteStore(dir + "/case.db");
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Store& s = **store;
  ASSERT_TRUE(s.Begin().ok());
  ASSERT_TRUE(s.AddFigures(1, {Money(5e6, "EUR", 0), Money(20, "USD", 10)}).ok());
  ASSERT_TRUE(
      s.AddFigures(2, {Money(2e6, "USD", 0), Date("2023-10", "2023-10-01", "2023-10-31", 5)}).ok());
  ASSERT_TRUE(s.AddFigures(3, {Date("2019", "2019-01-01", "2019-12-31", 0)}).ok());
  ASSERT_TRUE(s.Commit().ok());

  FigureQuery big_usd;
  big_usd.kind = "money";
  big_usd.min = 1e6;
  big_usd.currency = "USD";
  // Document 1 has a big amount and a USD amount, but not one big USD amount.
  EXPECT_EQ(Docs(s, big_usd), std::vector<int64_t>{2});

  FigureQuery under;
  under.kind = "money";
  under.max = 20;
  under.max_inclusive = false;
  EXPECT_TRUE(Docs(s, under).empty());
  under.max_inclusive = true;
  EXPECT_EQ(Docs(s, under), std::vector<int64_t>{1});

  FigureQuery dates;
  dates.kind = "date";
  dates.date_lo = "2023-06-01";
  dates.date_hi = "2024-06-30";
  EXPECT_EQ(Docs(s, dates), std::vector<int64_t>{2});
  dates.date_lo = "2019-12-31";
  dates.date_hi = "";
  EXPECT_EQ(Docs(s, dates), (std::vector<int64_t>{2, 3}));

  // Replacing a document's figures (reextract, reindex) leaves no stale row.
  ASSERT_TRUE(s.DeleteFigures(2).ok());
  FigureQuery doc2;
  doc2.doc_id = 2;
  int rows = 0;
  ASSERT_TRUE(s.ReadFigures(doc2, [&](const FigureRecord&) { return ++rows, Status::Ok(); }).ok());
  EXPECT_EQ(rows, 0);
  FigureQuery all;
  ASSERT_TRUE(s.ReadFigures(all, [&](const FigureRecord& f) {
                 EXPECT_NE(f.doc_id, 2);
                 return ++rows, Status::Ok();
               }).ok());
  EXPECT_EQ(rows, 3);
}

}  // namespace
}  // namespace tahqiq::store
